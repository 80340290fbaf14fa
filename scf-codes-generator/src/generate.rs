//! The pipeline behind both macros: read → parse → validate → expand, with every problem turned
//! into a compile error and the codes file tracked by the build.

use std::path::{Path, PathBuf};

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::diagnostic::{Diagnostic, Section, render_all, sort_by_position};
use crate::invocation::{EnumItem, PathArgument};
use crate::parse::parse_once;
use crate::read::{self, ReadFailure, Source};
use crate::table::Table;
use crate::validate::{validate, validate_limits};
use crate::{docs, expand};

/// Parses and checks the codes of a codes file: the whole of the generator that needs no I/O.
/// Problems in `[[limit]]` entries are `limits!`'s to report.
pub fn table_from_text(text: &str) -> Result<Table, Vec<Diagnostic>> {
    let (document, mut diagnostics) = parse_once(text);
    diagnostics.retain(|diagnostic| diagnostic.section != Section::Limits);
    match validate(&document, !diagnostics.is_empty()) {
        Ok(table) => Ok(table),
        Err(more) => {
            diagnostics.extend(more);
            sort_by_position(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

/// The whole generator without I/O: the bytes of a codes file, named `file_name` in messages,
/// to the code `#[codes]` and `limits!` generate for it on `pub enum Code {}`, or to the
/// rendered compile errors. It never panics, whatever the bytes.
pub fn generate_from_bytes(bytes: &[u8], file_name: &str) -> Result<TokenStream, Vec<String>> {
    let text = read::decode(bytes)
        .map_err(|(lossy, diagnostics)| render_all(&diagnostics, file_name, &lossy))?;
    let render = |diagnostics: Vec<Diagnostic>| render_all(&diagnostics, file_name, &text);
    let table = table_from_text(&text).map_err(render)?;
    let limits = limits_from_text(&text).map_err(render)?.unwrap_or_default();
    let item = EnumItem {
        attrs: quote!(#[derive(Clone, Copy)]),
        vis: quote!(pub),
        ident: proc_macro2::Ident::new("Code", Span::call_site()),
    };
    let code = expand::expand(&item, &table);
    let constants = expand::expand_limits(&limits);
    let table_doc = docs::summary_table(&table);
    Ok(quote! {
        #code
        #constants
        const _: &str = #table_doc;
    })
}

/// `#[codes("codes.toml")] pub enum Code {}`, once scf-codes-macros has read the invocation.
pub fn codes(argument: &PathArgument, item: &EnumItem) -> TokenStream {
    match load(argument) {
        Loaded::Table(source, table) => {
            let tracking = track(&source.path);
            let expanded = expand::expand(item, &table);
            quote!(#tracking #expanded)
        }
        Loaded::Errors(path, errors) => {
            let tracking = path.as_deref().map(track);
            let errors = compile_errors(&errors, argument.span);
            fallback(quote!(#tracking #errors), item)
        }
    }
}

/// `code_table!("codes.toml")`: the crate documentation's table of every code, as a string
/// literal. A file with errors yields a short note instead: `#[codes]` reports the errors.
pub fn code_table(argument: &PathArgument) -> TokenStream {
    let text = match load(argument) {
        Loaded::Table(_, table) => docs::summary_table(&table),
        Loaded::Errors(..) => format!(
            "The table of codes is missing: `{}` has errors, reported where `#[codes]` reads it.",
            argument.path
        ),
    };
    let literal = Literal::string(&text);
    quote!(#literal)
}

/// Parses and checks the limits of a codes file. `Ok(None)`: the file has TOML syntax errors,
/// which `#[codes]` reports, and no problem in its `[[limit]]` entries.
pub fn limits_from_text(text: &str) -> Result<Option<Vec<crate::table::Limit>>, Vec<Diagnostic>> {
    let (document, diagnostics) = parse_once(text);
    let mut problems: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diagnostic| diagnostic.section == Section::Limits)
        .collect();
    match validate_limits(&document.limits) {
        Ok(_) if document.malformed && problems.is_empty() => Ok(None),
        Ok(limits) if problems.is_empty() => Ok(Some(limits)),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            sort_by_position(&mut problems);
            Err(problems)
        }
    }
}

/// `limits!("codes.toml")`: a documented constant for each `[[limit]]` entry. Only problems in
/// those entries are reported here; `#[codes]` reports the rest of the file.
pub fn limits(argument: &PathArgument) -> TokenStream {
    // A file that cannot be read is `#[codes]`'s to report.
    let Ok(source) = read_source(argument) else {
        return TokenStream::new();
    };
    let tracking = track(&source.path);
    match limits_from_text(&source.text) {
        Ok(Some(limits)) => {
            let constants = expand::expand_limits(&limits);
            quote!(#tracking #constants)
        }
        Ok(None) => tracking,
        Err(diagnostics) => {
            let errors = render_all(&diagnostics, &source.name, &source.text);
            let errors = compile_errors(&errors, argument.span);
            quote!(#tracking #errors)
        }
    }
}

enum Loaded {
    Table(Source, Table),
    /// The file to track, when it exists, and the rendered errors.
    Errors(Option<PathBuf>, Vec<String>),
}

/// Reads the codes file the argument names, relative to the invoking crate's manifest.
fn read_source(argument: &PathArgument) -> Result<Source, ReadFailure> {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Err(ReadFailure {
            path: None,
            errors: vec![
                "CARGO_MANIFEST_DIR is not set: build with cargo, which sets it".to_owned(),
            ],
        });
    };
    // Named by its package, not by its directory: the message stays the same wherever the
    // crate is built, and names the crate whose Cargo.toml the path is relative to.
    let package = std::env::var("CARGO_PKG_NAME").unwrap_or_else(|_| "being built".to_owned());
    read::read(Path::new(&manifest_dir), &argument.path, &package)
}

fn load(argument: &PathArgument) -> Loaded {
    let source = match read_source(argument) {
        Ok(source) => source,
        Err(failure) => return Loaded::Errors(failure.path, failure.errors),
    };
    match table_from_text(&source.text) {
        Ok(table) => Loaded::Table(source, table),
        Err(diagnostics) => {
            let errors = render_all(&diagnostics, &source.name, &source.text);
            Loaded::Errors(Some(source.path), errors)
        }
    }
}

/// Makes the build depend on the codes file, so that editing it alone rebuilds the crate.
fn track(path: &Path) -> TokenStream {
    let path = path.to_string_lossy();
    quote! {
        const _: &[u8] = ::core::include_bytes!(#path);
    }
}

fn compile_errors(errors: &[String], span: Span) -> TokenStream {
    errors
        .iter()
        .map(|error| quote_spanned!(span=> ::core::compile_error! { #error }))
        .collect()
}

/// The errors plus the enum generated from an empty table: every method and impl still exists,
/// so that one mistake, in the codes file or the invocation, does not bury its error under
/// follow-on errors in code that uses the enum.
pub fn fallback(errors: TokenStream, item: &EnumItem) -> TokenStream {
    let skeleton = expand::expand(item, &Table::default());
    quote!(#errors #skeleton)
}
