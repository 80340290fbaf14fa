//! The proc macros behind [scf-codes](https://docs.rs/scf-codes): each reads its invocation with
//! syn (`input`) and calls [scf-codes-generator](https://docs.rs/scf-codes-generator), where the
//! generator and its tests live. Use `scf-codes`, not this crate: the generated code refers to
//! `crate::Category`, which scf-codes defines.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod input;

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
/// `Unknown(crate::UnknownCode)`, the const accessors, `From<u16>`, `From<Code> for u16` and `Display`.
/// Each problem in the file is a compile error located at `file:line:column`, emitted beside the
/// enum that the rest of the file gives: a variant for every entry that was read, so that the
/// code that uses the enum still compiles and the only errors are those in the file.
#[proc_macro_attribute]
pub fn codes(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = match input::parse_enum(item.into()) {
        Ok(item) => item,
        Err(error) => return error.to_compile_error().into(),
    };
    // An enum without the derives the accessors need is an error, and gets them in the code
    // generated beside it, from the codes file as usual: the code that uses it still resolves.
    let missing = item.missing_derives();
    let (derives_error, item) = if missing.is_empty() {
        (None, item.for_generator())
    } else {
        let error = item.missing_derives_error().to_compile_error();
        (Some(error), item.with_derives(&missing).for_generator())
    };
    let expanded = match input::parse_path_argument(args.into(), "#[codes(\"codes.toml\")]") {
        Ok(argument) => scf_codes_generator::codes(&argument, &item),
        Err(error) => scf_codes_generator::fallback(error.to_compile_error(), &item),
    };
    quote::quote!(#derives_error #expanded).into()
}

/// A documented constant for each `[[limit]]` entry of a codes file:
/// `scf_codes_macros::limits!("codes.toml");` expands to items such as
/// `pub const SYNC_EVENT_MAX_BYTES: u64 = 6291456;`.
///
/// Units: `bytes` (`u64`), `megabytes` (`u32`), `port` (`u16`), `seconds`
/// (`core::time::Duration`). Problems in `[[limit]]` entries are compile errors located at
/// `file:line:column`; `#[codes]` reports the rest of the file. Beside the errors, every limit
/// that was read is still a constant, so that the code that uses it still compiles.
#[proc_macro]
pub fn limits(input: TokenStream) -> TokenStream {
    match input::parse_path_argument(input.into(), "limits!(\"codes.toml\")") {
        Ok(argument) => scf_codes_generator::limits(&argument).into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// A Markdown table of every code in a codes file, as a string literal, for crate documentation:
/// `#![doc = scf_codes_macros::code_table!("codes.toml")]`.
#[proc_macro]
pub fn code_table(input: TokenStream) -> TokenStream {
    match input::parse_path_argument(input.into(), "code_table!(\"codes.toml\")") {
        Ok(argument) => scf_codes_generator::code_table(&argument).into(),
        Err(error) => error.to_compile_error().into(),
    }
}
