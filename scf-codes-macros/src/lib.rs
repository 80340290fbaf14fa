//! The compile-time generator behind [scf-codes](https://docs.rs/scf-codes): it reads `codes.toml`
//! and writes the `Code` enum, its table, its impls and its documentation.
//!
//! Use `scf-codes`, not this crate: the generated code refers to `crate::Category`, which
//! scf-codes defines. The stages, one module each: `input` (the Rust side of the invocation),
//! `read` (the file), `parse` (TOML to `ast`), `validate` (`ast` to `table`), `expand` and `docs`
//! (code and documentation), `diagnostic` (errors located in the file), tied together by
//! `generate`.

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

use proc_macro::TokenStream;

/// Generates a status-code enum from a codes file, on an empty enum:
///
/// ```ignore
/// #[scf_codes_macros::codes("codes.toml")]
/// #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
/// pub enum Code {}
/// ```
///
/// The path is relative to the invoking crate's `CARGO_MANIFEST_DIR`. The enum keeps its
/// attributes, visibility and name, and gets one variant per `[[code]]` entry plus
/// `Unknown(u16)`, the const accessors, `From<u16>`, `From<Code> for u16` and `Display`.
/// Each problem in the file is a compile error located at `file:line:column`.
#[proc_macro_attribute]
pub fn codes(args: TokenStream, item: TokenStream) -> TokenStream {
    generate::codes(args.into(), item.into()).into()
}

/// A documented constant for each `[[limit]]` entry of a codes file:
/// `scf_codes_macros::limits!("codes.toml");` expands to items such as
/// `pub const SYNC_EVENT_MAX_BYTES: u64 = 6291456;`.
///
/// Units: `bytes` (`u64`), `megabytes` (`u32`), `port` (`u16`), `seconds`
/// (`core::time::Duration`). Problems in `[[limit]]` entries are compile errors located at
/// `file:line:column`; `#[codes]` reports the rest of the file.
#[proc_macro]
pub fn limits(input: TokenStream) -> TokenStream {
    generate::limits(input.into()).into()
}

/// A Markdown table of every code in a codes file, as a string literal, for crate documentation:
/// `#![doc = scf_codes_macros::code_table!("codes.toml")]`.
#[proc_macro]
pub fn code_table(input: TokenStream) -> TokenStream {
    generate::code_table(input.into()).into()
}
