//! The Rust side of an invocation, as scf-codes-macros reads it with syn and hands it on: the
//! path argument and the empty enum that `#[codes]` is attached to. Plain proc-macro2 values, so
//! that the generator builds without syn, beside it rather than after it.

use proc_macro2::{Ident, Span, TokenStream};

/// The path argument: `"codes.toml"`, relative to the invoking crate's `CARGO_MANIFEST_DIR`.
#[derive(Debug, Clone)]
pub struct PathArgument {
    /// The path, as written.
    pub path: String,
    /// The string literal, where errors about the file are reported.
    pub span: Span,
}

/// The item `#[codes]` is attached to: `#[attrs] vis enum Name {}`.
#[derive(Debug, Clone)]
pub struct EnumItem {
    /// Every other attribute of the enum, doc comments and derives included, in order.
    pub attrs: TokenStream,
    /// Its visibility, such as `pub`.
    pub vis: TokenStream,
    /// Its name.
    pub ident: Ident,
}
