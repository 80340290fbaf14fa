//! The pipeline behind both macros: read → parse → validate → expand, with every problem turned
//! into a compile error and the codes file tracked by the build.

use std::path::{Path, PathBuf};

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

use crate::ast::Document;
use crate::diagnostic::{Diagnostic, Section, render_all, sort_by_position};
use crate::invocation::{EnumItem, PathArgument};
use crate::parse::{Repaired, parse, parse_once};
use crate::read::{self, ReadFailure, Source};
use crate::table::{Limit, Table};
use crate::validate::{validate, validate_limits};
use crate::{docs, expand};

/// Parses and checks the codes of a codes file: the whole of the generator that needs no I/O.
/// Problems in `[[limit]]` entries are `limits!`'s to report.
#[cfg(test)]
pub fn table_from_text(text: &str) -> Result<Table, Vec<Diagnostic>> {
    match codes_from_text(text) {
        (table, diagnostics) if diagnostics.is_empty() => Ok(table),
        (_, diagnostics) => Err(diagnostics),
    }
}

/// The codes of a codes file and its problems, outside `[[limit]]` entries, in the order of the
/// file. Without problems, the table is the file's; with problems, it is what
/// `fallback::table` recovers from what was read.
pub(crate) fn codes_from_text(text: &str) -> (Table, Vec<Diagnostic>) {
    let (document, mut diagnostics) = parse_once(text);
    diagnostics.retain(|diagnostic| diagnostic.section != Section::Limits);
    match validate(&document, !diagnostics.is_empty()) {
        Ok(table) => (table, diagnostics),
        Err(more) => {
            diagnostics.extend(more);
            let mut diagnostics =
                with_broken_headers_read(text, diagnostics, |section| section != Section::Limits);
            sort_by_position(&mut diagnostics);
            (
                crate::fallback::table(&fallback_document(text, document)),
                diagnostics,
            )
        }
    }
}

/// The limits of a codes file and the problems of its `[[limit]]` entries. When the file has
/// problems anywhere, even only outside its limits (which `#[codes]` reports), the limits are
/// what [`fallback::limits`] recovers from what was read.
pub(crate) fn limits_from_text(text: &str) -> (Vec<Limit>, Vec<Diagnostic>) {
    let (document, diagnostics) = parse_once(text);
    let mut problems: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diagnostic| diagnostic.section == Section::Limits)
        .collect();
    if document.malformed {
        problems = with_broken_headers_read(text, problems, |section| section == Section::Limits);
    }
    match validate_limits(&document.limits) {
        Ok(limits) if problems.is_empty() && !document.malformed => (limits, problems),
        Ok(_) => {
            sort_by_position(&mut problems);
            (
                crate::fallback::limits(&fallback_document(text, document)),
                problems,
            )
        }
        Err(more) => {
            problems.extend(more);
            sort_by_position(&mut problems);
            (
                crate::fallback::limits(&fallback_document(text, document)),
                problems,
            )
        }
    }
}

/// What the fallback expansion reads: the document as parsed, or, when a syntax error broke an
/// entry's header (which makes toml's parser drop the entry), the text with that header repaired.
fn fallback_document(text: &str, parsed: Document) -> Document {
    match Repaired::new(text) {
        Some(repaired) => parse(&repaired.text).0,
        None => parsed,
    }
}

/// `diagnostics` of the text as written, with the problems of the entries under broken headers
/// read from the text with those headers repaired (toml's parser drops such an entry, and what
/// it reads after the header instead is an artifact of the one syntax error). Each problem is
/// located back in the text as written; those that touch none of those entries are the same in
/// both texts, and stay as they were. `section` chooses the problems of the repaired text that
/// the caller reports.
fn with_broken_headers_read(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    section: impl Fn(Section) -> bool,
) -> Vec<Diagnostic> {
    let Some(repaired) = Repaired::new(text) else {
        return diagnostics;
    };
    let in_entry = |span: &Option<std::ops::Range<usize>>| {
        span.as_ref().is_some_and(|span| {
            !repaired.is_on_header(span.start)
                && repaired
                    .entries
                    .iter()
                    .any(|entry| entry.contains(&span.start))
        })
    };
    let touches = |problem: &Diagnostic| {
        in_entry(&problem.span) || problem.notes.iter().any(|note| in_entry(&note.span))
    };
    let (document, mut read) = parse(&repaired.text);
    read.extend(validate(&document, true).err().unwrap_or_default());
    read.extend(validate_limits(&document.limits).err().unwrap_or_default());
    let locate = |span: &mut Option<std::ops::Range<usize>>| {
        if let Some(span) = span {
            *span = repaired.original_offset(span.start)..repaired.original_offset(span.end);
        }
    };
    let read = read.into_iter().filter_map(|mut problem| {
        locate(&mut problem.span);
        for note in &mut problem.notes {
            locate(&mut note.span);
        }
        (section(problem.section) && touches(&problem)).then_some(problem)
    });
    diagnostics
        .into_iter()
        .filter(|problem| !touches(problem))
        .chain(read)
        .collect()
}

/// The whole generator without I/O: the bytes of a codes file, named `file_name` in messages,
/// to the code `#[codes]` and `limits!` generate for it on `pub enum Code {}`, and the rendered
/// compile errors. Without errors, the code is the file's; with errors, it is the expansion the
/// macros emit beside them: a variant for every entry and a constant for every limit that was
/// read. It never panics, whatever the bytes.
pub fn generate_from_bytes(bytes: &[u8], file_name: &str) -> (TokenStream, Vec<String>) {
    let (text, mut errors) = match read::decode(bytes) {
        Ok(text) => (text, Vec::new()),
        Err((lossy, diagnostics)) => {
            let errors = render_all(&diagnostics, file_name, &lossy);
            (lossy, errors)
        }
    };
    let (table, code_problems) = codes_from_text(&text);
    let (limits, limit_problems) = limits_from_text(&text);
    // Invalid UTF-8 is the file's one error: what the rest of it says is read from the text
    // with U+FFFD in place of each invalid sequence, for the expansion only.
    if errors.is_empty() {
        errors.extend(render_all(&code_problems, file_name, &text));
        errors.extend(render_all(&limit_problems, file_name, &text));
    }
    let item = EnumItem {
        attrs: quote!(#[derive(Clone, Copy)]),
        vis: quote!(pub),
        ident: proc_macro2::Ident::new("Code", Span::call_site()),
    };
    let code = expand::expand(&item, &table);
    let constants = expand::expand_limits(&limits);
    let table_doc = docs::summary_table(&table);
    let tokens = quote! {
        #code
        #constants
        const _: &str = #table_doc;
    };
    (tokens, errors)
}

/// `#[codes("codes.toml")] pub enum Code {}`, once scf-codes-macros has read the invocation.
pub fn codes(argument: &PathArgument, item: &EnumItem) -> TokenStream {
    match load(argument) {
        Loaded::Table(source, table) => {
            let tracking = track(&source.path);
            let expanded = expand::expand(item, &table);
            quote!(#tracking #expanded)
        }
        Loaded::Errors {
            path,
            errors,
            recovered,
        } => {
            let tracking = path.as_deref().map(track);
            let errors = compile_errors(&errors, argument.span);
            crate::fallback::fallback(quote!(#tracking #errors), item, &recovered)
        }
    }
}

/// `code_table!("codes.toml")`: the crate documentation's table of every code, as a string
/// literal. A file with errors yields a short note instead: `#[codes]` reports the errors.
pub fn code_table(argument: &PathArgument) -> TokenStream {
    let text = match load(argument) {
        Loaded::Table(_, table) => docs::summary_table(&table),
        Loaded::Errors { .. } => format!(
            "The table of codes is missing: `{}` has errors, reported where `#[codes]` reads it.",
            argument.path
        ),
    };
    let literal = Literal::string(&text);
    quote!(#literal)
}

/// `limits!("codes.toml")`: a documented constant for each `[[limit]]` entry. Only problems in
/// those entries are reported here; `#[codes]` reports the rest of the file.
pub fn limits(argument: &PathArgument) -> TokenStream {
    let source = match read_source(argument) {
        Ok(source) => source,
        // A file that cannot be read is `#[codes]`'s to report. One with invalid UTF-8 still
        // gives the constants its text holds.
        Err(failure) => {
            let limits = failure.read_lossy_text(|text| limits_from_text(text).0);
            let tracking = failure.path.as_deref().map(track);
            let constants = expand::expand_limits(&limits);
            return quote!(#tracking #constants);
        }
    };
    let tracking = track(&source.path);
    let (limits, problems) = limits_from_text(&source.text);
    let errors = render_all(&problems, &source.name, &source.text);
    let errors = compile_errors(&errors, argument.span);
    let constants = expand::expand_limits(&limits);
    quote!(#tracking #errors #constants)
}

enum Loaded {
    Table(Source, Table),
    Errors {
        /// The file to track, when it exists.
        path: Option<PathBuf>,
        /// The rendered errors.
        errors: Vec<String>,
        /// What `fallback::table` recovers from what was read.
        recovered: Table,
    },
}

/// Reads the codes file the argument names, relative to the invoking crate's manifest.
fn read_source(argument: &PathArgument) -> Result<Source, ReadFailure> {
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Err(ReadFailure {
            path: None,
            lossy: None,
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
        Err(failure) => {
            // Invalid UTF-8 is the file's one error; the rest of it, read with U+FFFD in place
            // of each invalid sequence, still gives its variants.
            let recovered = failure.read_lossy_text(|text| codes_from_text(text).0);
            return Loaded::Errors {
                path: failure.path,
                errors: failure.errors,
                recovered,
            };
        }
    };
    match codes_from_text(&source.text) {
        (table, diagnostics) if diagnostics.is_empty() => Loaded::Table(source, table),
        (recovered, diagnostics) => {
            let errors = render_all(&diagnostics, &source.name, &source.text);
            Loaded::Errors {
                path: Some(source.path),
                errors,
                recovered,
            }
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

/// The errors, and beside them the enum generated from an empty table: every method and impl
/// still exists. For a mistake in the invocation, where no codes file was read; a codes file with
/// errors gives the variants of every entry that was read.
pub fn fallback(errors: TokenStream, item: &EnumItem) -> TokenStream {
    crate::fallback::fallback(errors, item, &Table::default())
}
