//! The generator behind [scf-codes](https://docs.rs/scf-codes): it reads `codes.toml` and
//! writes the `Code` enum, its table, its impls, its documentation and the limit constants.
//!
//! This is a plain library on proc-macro2, quote and toml, so that tests and fuzzers can run it.
//! `scf-codes-macros` is the proc-macro shell over it: it reads the invocation with syn and hands
//! the generator an [`EnumItem`] and a [`PathArgument`]. Use `scf-codes`, not this crate:
//! the generated code refers to `crate::Category`, which scf-codes defines, and this API follows
//! scf-codes' needs.
//!
//! The stages, one module each: `read` (the file), `parse` (TOML to `ast`, with toml's
//! recoverable parser, so that every syntax error is reported), `validate` (`ast` to `table`),
//! `expand` and `docs` (code and documentation), `diagnostic` (errors located in the file), tied
//! together by `generate`; `fallback` is the expansion emitted beside errors, so that the code
//! that uses it still resolves; `invocation` holds what the macro crate hands in.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod ast;
mod diagnostic;
mod docs;
mod expand;
mod fallback;
mod generate;
mod invocation;
mod parse;
mod read;
mod suggest;
mod table;
mod validate;

pub use generate::{code_table, codes, fallback, generate_from_bytes, limits};
pub use invocation::{EnumItem, PathArgument};
