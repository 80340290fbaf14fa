//! The generator behind [scf-codes](https://docs.rs/scf-codes): it reads `codes.toml` and
//! writes the `Code` enum, its table, its impls, its documentation and the limit constants.
//!
//! This is a plain library on proc-macro2, syn, quote and toml, so that tests and fuzzers can run
//! it; `scf-codes-macros` is the thin proc-macro shell over it. Use `scf-codes`, not this crate:
//! the generated code refers to `crate::Category`, which scf-codes defines, and this API follows
//! scf-codes' needs.
//!
//! The stages, one module each: `input` (the Rust side of the invocation, read with syn), `read`
//! (the file), `parse` (TOML to `ast`, with toml's recoverable parser, so that every syntax error
//! is reported), `validate` (`ast` to `table`), `expand` and `docs` (code and documentation),
//! `diagnostic` (errors located in the file), tied together by `generate`.

#![warn(missing_docs)]

mod ast;
mod diagnostic;
mod docs;
mod expand;
mod generate;
mod input;
mod parse;
mod read;
mod suggest;
mod table;
mod validate;

pub use generate::{code_table, codes, generate_from_bytes, limits};
