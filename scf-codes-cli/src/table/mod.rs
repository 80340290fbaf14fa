//! `scf-codes table`: Tencent's "Function Status Code" page compared with codes.toml (`diff`),
//! or written into it (`import`), so that a new revision of the page takes one command and a
//! review of what it changed.
//!
//! A page is in English or in Chinese: an English page compares and writes the English texts
//! of codes.toml, a Chinese page those of `[code.zh]`.
//!
//! Data flows one way: [`page`] reads the HTML into rows (with [`dom`] and [`markdown`]),
//! [`codes`] reads codes.toml, [`mod@diff`] compares the two, and [`mod@import`] writes the page into
//! the file.

pub mod codes;
pub mod diff;
pub mod dom;
pub mod import;
pub mod link;
pub mod markdown;
pub mod page;

use std::path::Path;

use scf_codes::Lang;

use crate::input::read_at_most;
use crate::{Failure, Outcome};
use scf_codes_triage::source::shown_path;

/// The largest page read: a browser-saved page is a few megabytes.
const MAX_PAGE_BYTES: u64 = 64 << 20;

/// The largest codes.toml read.
const MAX_CODES_BYTES: u64 = 16 << 20;

/// `table diff`: the page's differences from `codes` (a codes.toml), or from the table compiled
/// into this binary; JSON when `json`. Differs when the page adds or changes a code. The page's
/// language is `lang` when given (a page of the other language is an error), else the page's.
pub fn diff(
    page: &Path,
    codes: Option<&Path>,
    lang: Option<Lang>,
    json: bool,
) -> Result<(String, Outcome), Failure> {
    let page = read_page(page, lang)?;
    let (entries, name) = match codes {
        Some(path) => {
            let (text, name) = read_text(path, MAX_CODES_BYTES)?;
            (codes::parse(&text, &name)?, name)
        }
        None => (codes::compiled(), "the compiled table".to_owned()),
    };
    let diff = diff::compare(page.lang, &page.rows, &entries);
    let outcome = if diff.differs() {
        Outcome::Differs
    } else {
        Outcome::Done
    };
    let text = if json {
        crate::json::to_string(&diff::json(&diff))
    } else {
        diff::text(&diff, &name)
    };
    Ok((text, outcome))
}

/// `table import`: writes the page into the codes.toml at `codes`, and says what it did. The
/// page's language is as for [`diff()`].
pub fn import(page: &Path, codes: &Path, lang: Option<Lang>) -> Result<String, Failure> {
    let page = read_page(page, lang)?;
    let (text, name) = read_text(codes, MAX_CODES_BYTES)?;
    let import = import::import(&text, &name, page.lang, &page.rows)?;
    if import.changed {
        write(codes, &import.text)?;
    }
    Ok(import.report)
}

/// The page at `path` (`-`: standard input), its warnings written to standard error.
fn read_page(path: &Path, lang: Option<Lang>) -> Result<page::Page, Failure> {
    let (html, name) = read_text(path, MAX_PAGE_BYTES)?;
    let page = page::read(&html, &name, lang)?;
    for warning in &page.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(page)
}

/// The text of `path` (`-`: standard input), which must be UTF-8.
fn read_text(path: &Path, limit: u64) -> Result<(String, String), Failure> {
    let (bytes, name) = read_at_most(Some(path), limit)?;
    if bytes.len() as u64 > limit {
        return Err(Failure(format!(
            "{name} is larger than {} MiB, more than any page or codes.toml; is it the right file?",
            limit >> 20
        )));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let before = &error.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        Failure(format!(
            "{name}:{line}: not UTF-8 (byte {at}); save the page, or the file, as UTF-8"
        ))
    })?;
    Ok((text, name))
}

/// Writes `text` to `path` through a file beside it, renamed over it: the file is either the
/// old one or the new one, never half written. A symbolic link is followed, not replaced.
fn write(path: &Path, text: &str) -> Result<(), Failure> {
    let cannot =
        |error: std::io::Error| Failure(format!("cannot write {}: {error}", shown_path(path)));
    let target = std::fs::canonicalize(path).map_err(cannot)?;
    let directory = target.parent().unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(".{file_name}.scf-codes-import"));
    std::fs::write(&temporary, text).map_err(cannot)?;
    if let Ok(metadata) = std::fs::metadata(&target) {
        let _ = std::fs::set_permissions(&temporary, metadata.permissions());
    }
    std::fs::rename(&temporary, &target).map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        cannot(error)
    })
}
