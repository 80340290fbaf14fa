//! Where the logs come from: files or standard input, unpacked from gzip and tar as they stream,
//! and recognized by their first bytes, never by their names. Each shape goes to its reader.

use std::io::{self, Cursor, Read};
use std::path::Path;

use memchr::memchr;

use super::count::Counter;
use super::{answer, bounded, csv_rows, document, lines};
use crate::Failure;
use crate::input::shown_path;

/// How much of an input is looked at to recognize it: a tar header, and the first line.
const PEEK: usize = 64 << 10;

/// How deep archives may nest (gzip in tar in gzip): deeper is read as it is.
const MAX_NESTING: usize = 4;

/// The shape of an input, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// gzip: inflated as it streams, then recognized again.
    Gzip,
    /// A tar archive: each of its files is recognized on its own.
    Tar,
    /// A JSON document over several lines, starting with this byte.
    Document(u8),
    /// CSV whose header names `SCF_RequestId` and `SCF_StatusCode`.
    Csv,
    /// JSON Lines, and anything that is not one of the others: its lines are counted as skipped.
    JsonLines,
}

/// Recognizes an input by its first bytes, `prefix`: at most 64 KiB of them, all of them when
/// the input is shorter.
pub fn recognize(prefix: &[u8]) -> Shape {
    if prefix.starts_with(&[0x1f, 0x8b]) {
        return Shape::Gzip;
    }
    if prefix.get(257..262) == Some(b"ustar") {
        return Shape::Tar;
    }
    let text = prefix.strip_prefix("\u{feff}".as_bytes()).unwrap_or(prefix);
    let text = text.trim_ascii_start();
    let first_line = &text[..memchr(b'\n', text).unwrap_or(text.len())];
    match text.first() {
        Some(&first @ (b'{' | b'[')) if is_document_over_lines(text, first_line) => {
            Shape::Document(first)
        }
        Some(b'{' | b'[') => Shape::JsonLines,
        _ if csv_rows::is_header(first_line) => Shape::Csv,
        _ => Shape::JsonLines,
    }
}

/// Whether `text` starts with one JSON value over several lines, rather than one value a line:
/// its first line is not a value of its own, and the text parses as one value, or as the start
/// of one.
fn is_document_over_lines(text: &[u8], first_line: &[u8]) -> bool {
    if first_line.len() == text.len()
        || serde_json::from_slice::<serde::de::IgnoredAny>(first_line).is_ok()
    {
        return false;
    }
    let mut values =
        serde_json::Deserializer::from_slice(text).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => true,
        Some(Err(error)) => error.is_eof(),
        None => false,
    }
}

/// Counts the logs of one FILE argument: standard input for `-`.
pub fn read_argument(path: &Path, counter: &mut Counter) -> Result<(), Failure> {
    if path == Path::new("-") {
        return read_named("standard input", &mut io::stdin().lock(), counter, 0);
    }
    let name = shown_path(path);
    let mut file = std::fs::File::open(path)
        .map_err(|error| Failure(format!("cannot read {name}: {error}")))?;
    read_named(&name, &mut file, counter, 0)
}

/// Counts the logs of `reader`, named `name` in messages.
pub fn read_named(
    name: &str,
    reader: &mut dyn Read,
    counter: &mut Counter,
    nesting: usize,
) -> Result<(), Failure> {
    let failure = cannot_read(name);
    let mut prefix = Vec::with_capacity(PEEK);
    reader
        .take(PEEK as u64)
        .read_to_end(&mut prefix)
        .map_err(failure)?;
    let shape = match recognize(&prefix) {
        Shape::Gzip | Shape::Tar if nesting >= MAX_NESTING => Shape::JsonLines,
        shape => shape,
    };
    let answer = matches!(shape, Shape::Document(_) | Shape::Csv | Shape::JsonLines)
        && answer::is_answer(&prefix);
    let mut whole = Cursor::new(prefix).chain(reader);
    if answer {
        return read_answer(name, &mut whole, counter);
    }
    match shape {
        Shape::Gzip => {
            let mut inflated = flate2::read::MultiGzDecoder::new(whole);
            read_named(name, &mut inflated, counter, nesting + 1)
        }
        Shape::Tar => read_tar(name, &mut whole, counter, nesting),
        Shape::Document(first) => document::read(&mut whole, first, counter).map_err(failure),
        Shape::Csv => csv_rows::read(&mut whole, counter).map_err(failure),
        Shape::JsonLines => lines::read(&mut whole, counter).map_err(failure),
    }
}

/// The answer of an engine that ran triage's SQL: its rows are counts, added as they are.
fn read_answer(name: &str, reader: &mut dyn Read, counter: &mut Counter) -> Result<(), Failure> {
    let mut text = Vec::new();
    reader
        .take(answer::MAX_ANSWER + 1)
        .read_to_end(&mut text)
        .map_err(cannot_read(name))?;
    if text.len() as u64 > answer::MAX_ANSWER {
        return Err(Failure(format!(
            "cannot read {name}: it starts as the answer of scf-codes triage --sql, but is over \
             {} MiB; an engine's answer is a few rows per code",
            answer::MAX_ANSWER >> 20
        )));
    }
    let rows = answer::parse(&text).map_err(|error| Failure(format!("{name}:{error}")))?;
    for row in &rows {
        counter.answer(row);
    }
    Ok(())
}

/// Every file of a tar archive, each recognized on its own.
fn read_tar(
    name: &str,
    reader: &mut dyn Read,
    counter: &mut Counter,
    nesting: usize,
) -> Result<(), Failure> {
    let failure = cannot_read(name);
    let mut archive = tar::Archive::new(reader);
    for entry in archive.entries().map_err(failure)? {
        let mut entry = entry.map_err(failure)?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let inner = format!("{name}: {}", shown_path(&entry.path().map_err(failure)?));
        read_named(&inner, &mut entry, counter, nesting + 1)?;
    }
    Ok(())
}

/// The failure for an input named `name` that cannot be read.
fn cannot_read(name: &str) -> impl Fn(io::Error) -> Failure + Copy + '_ {
    move |error| Failure(format!("cannot read {name}: {}", reason(&error)))
}

/// What went wrong, in words for a person: a gzip stream cut short says so.
fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::UnexpectedEof => {
            "the input ends in the middle of a compressed stream or archive; the file may be \
             cut short: download it again"
                .to_owned()
        }
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
            if error
                .get_ref()
                .is_none_or(|inner| !inner.is::<bounded::TooLarge>()) =>
        {
            format!("corrupt compressed data or archive ({error})")
        }
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_recognized_by_their_first_bytes() {
        assert_eq!(recognize(&[0x1f, 0x8b, 8, 0]), Shape::Gzip);
        let mut tar = vec![0; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(recognize(&tar), Shape::Tar);
        assert_eq!(
            recognize(b"{\"SCF_StatusCode\":\"202\"}\n{\"SCF_StatusCode\":\"200\"}\n"),
            Shape::JsonLines
        );
        assert_eq!(
            recognize(b"{\n  \"Response\": {\n    \"Results\": []\n  }\n}\n"),
            Shape::Document(b'{')
        );
        assert_eq!(
            recognize(b"[\n  {\"SCF_StatusCode\": 200},\n"),
            Shape::Document(b'[')
        );
        assert_eq!(
            recognize(b"[{\"SCF_StatusCode\": 200}]\n"),
            Shape::JsonLines
        );
        assert_eq!(
            recognize(b"\xEF\xBB\xBFSCF_RequestId,SCF_StatusCode\r\na,200\r\n"),
            Shape::Csv
        );
        assert_eq!(
            recognize(b"garbage\n{\"SCF_StatusCode\":1}\n"),
            Shape::JsonLines
        );
        assert_eq!(recognize(b""), Shape::JsonLines);
    }

    #[test]
    fn a_truncated_first_line_of_json_lines_is_not_a_document() {
        assert_eq!(
            recognize(b"{\"SCF_Req\n{\"SCF_RequestId\":\"a\",\"SCF_StatusCode\":200}\n"),
            Shape::JsonLines
        );
    }
}
