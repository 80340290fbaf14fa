//! The proc macros behind [scf-codes](https://docs.rs/scf-codes): each is one line that calls
//! [scf-codes-generator](https://docs.rs/scf-codes-generator), where the generator and its
//! tests live. Use `scf-codes`, not this crate: the generated code refers to `crate::Category`,
//! which scf-codes defines.

#![warn(missing_docs)]

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
    scf_codes_generator::codes(args.into(), item.into()).into()
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
    scf_codes_generator::limits(input.into()).into()
}

/// A Markdown table of every code in a codes file, as a string literal, for crate documentation:
/// `#![doc = scf_codes_macros::code_table!("codes.toml")]`.
#[proc_macro]
pub fn code_table(input: TokenStream) -> TokenStream {
    scf_codes_generator::code_table(input.into()).into()
}
