//! Where the logs come from: files or standard input, unpacked from gzip and tar as they
//! stream, normalized once (a UTF-8 byte-order mark dropped, UTF-16 refused with a way to
//! convert it), and recognized by their first bytes, never by their names. Each shape goes to
//! its reader; each input's problems are its own.

use std::io::{self, BufRead, BufReader, Cursor, Read};

use flate2::bufread::GzDecoder;
use memchr::memchr;

use super::count::Counter;
use super::problem::Problem;
use super::{answer, bounded, csv_rows, lines, values};
use crate::Failure;
use crate::input::shown_path;

/// How much of an input is looked at to recognize it: a tar header, and the first line.
const PEEK: usize = 64 << 10;

/// How deep archives may nest (gzip in tar in gzip): deeper is read as it is.
const MAX_NESTING: usize = 4;

/// The UTF-8 byte-order mark, which some Windows tools write first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The shape of an input, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// gzip: inflated as it streams, then recognized again.
    Gzip,
    /// A tar archive: each of its files is recognized on its own.
    Tar,
    /// UTF-16, with its byte-order mark: refused, with how to convert it.
    Utf16,
    /// A stream of JSON values whose first value spans several lines: pretty-printed records,
    /// a SearchLog response, appended pages.
    Values,
    /// CSV whose header names `SCF_RequestId` and `SCF_StatusCode`.
    Csv,
    /// JSON Lines, and anything that is not one of the others: its lines are counted as skipped.
    JsonLines,
}

/// Recognizes an input by its first bytes, `prefix`: at most 64 KiB of them, all of them when
/// the input is shorter, after a UTF-8 byte-order mark.
pub fn recognize(prefix: &[u8]) -> Shape {
    if prefix.starts_with(&[0x1f, 0x8b]) {
        return Shape::Gzip;
    }
    if prefix.get(257..262) == Some(b"ustar") {
        return Shape::Tar;
    }
    if prefix.starts_with(&[0xFF, 0xFE]) || prefix.starts_with(&[0xFE, 0xFF]) {
        return Shape::Utf16;
    }
    let text = prefix.trim_ascii_start();
    let first_line = &text[..memchr(b'\n', text).unwrap_or(text.len())];
    match text.first() {
        Some(b'{' | b'[') if starts_with_value_over_lines(text, first_line) => Shape::Values,
        Some(b'{' | b'[') => Shape::JsonLines,
        _ if csv_rows::is_header(first_line) => Shape::Csv,
        _ => Shape::JsonLines,
    }
}

/// Whether `text` starts with one JSON value over several lines, rather than one value a line:
/// its first line ends inside a value (after any values that end on it), and the text goes on
/// with that value. A first line of whole values (`{…} {…}`), or of something broken, is a line
/// of JSON Lines. When the value that goes on breaks on a later line, that line tells: a line of
/// whole values of its own is the next line of JSON Lines whose first line was cut short;
/// anything else is a document that breaks there.
fn starts_with_value_over_lines(text: &[u8], first_line: &[u8]) -> bool {
    if first_line.len() == text.len() {
        return false;
    }
    let mut on_first_line =
        serde_json::Deserializer::from_slice(first_line).into_iter::<serde::de::IgnoredAny>();
    let open = loop {
        match on_first_line.next() {
            None => return false,
            Some(Ok(_)) => {}
            Some(Err(error)) if error.is_eof() => break on_first_line.byte_offset(),
            Some(Err(_)) => return false,
        }
    };
    let rest = &text[open..];
    let mut values =
        serde_json::Deserializer::from_slice(rest).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => true,
        Some(Err(error)) if error.is_eof() => true,
        Some(Err(error)) => {
            // serde_json places a break by a line end at column 0 of the next line.
            let line = match (error.line(), error.column()) {
                (line, 0) => line - 1,
                (line, _) => line,
            };
            line > 1 && !holds_whole_values(nth_line(rest, line))
        }
        None => false,
    }
}

/// Line `number` (from 1) of `text`, without its line end.
fn nth_line(text: &[u8], number: usize) -> &[u8] {
    text.split(|&byte| byte == b'\n')
        .nth(number.saturating_sub(1))
        .unwrap_or_default()
}

/// Whether `line` holds one JSON value or more, and nothing else.
fn holds_whole_values(line: &[u8]) -> bool {
    let mut values =
        serde_json::Deserializer::from_slice(line).into_iter::<serde::de::IgnoredAny>();
    let mut any = false;
    for value in values.by_ref() {
        if value.is_err() {
            return false;
        }
        any = true;
    }
    any
}

/// Reads the first [`PEEK`] bytes of `reader` into `prefix`, and, when they are JSON whose first
/// line goes on past them, on to the end of that line (up to [`lines::MAX_LINE`]): a document
/// whose first line is long is told from JSON Lines by where its first value ends.
fn read_prefix(reader: &mut dyn Read, prefix: &mut Vec<u8>) -> io::Result<()> {
    (&mut *reader).take(PEEK as u64).read_to_end(prefix)?;
    let text = prefix
        .strip_prefix(BOM)
        .unwrap_or(prefix)
        .trim_ascii_start();
    if !matches!(text.first(), Some(b'{' | b'[')) || memchr(b'\n', text).is_some() {
        return Ok(());
    }
    while prefix.len() < lines::MAX_LINE {
        let start = prefix.len();
        if (&mut *reader).take(PEEK as u64).read_to_end(prefix)? == 0
            || memchr(b'\n', &prefix[start..]).is_some()
        {
            break;
        }
    }
    Ok(())
}

/// Counts the logs of `reader`, named `name` in messages.
pub fn read_named(
    name: &str,
    reader: &mut dyn Read,
    sink: &mut Counter,
    nesting: usize,
) -> Result<(), Failure> {
    let failure = cannot_read(name);
    let mut prefix = Vec::with_capacity(PEEK);
    // An input that fails within its first bytes (a gzip cut short) still has its records
    // before the failure read; the failure comes after them.
    let mut rest = match read_prefix(reader, &mut prefix) {
        Ok(()) => Rest::Reader(reader),
        Err(error) if prefix.is_empty() => return Err(failure(error)),
        Err(error) => Rest::Failed(Some(error)),
    };
    if prefix.starts_with(BOM) {
        prefix.drain(..BOM.len());
    }
    let byte_order_mark = match prefix.first() {
        Some(0xFF) => "FF FE",
        _ => "FE FF",
    };
    let shape = match recognize(&prefix) {
        Shape::Gzip | Shape::Tar if nesting >= MAX_NESTING => Shape::JsonLines,
        shape => shape,
    };
    let answer = matches!(shape, Shape::Values | Shape::Csv | Shape::JsonLines)
        && answer::is_answer(&prefix);
    let mut whole = Cursor::new(prefix).chain(&mut rest);
    if answer {
        return read_answer(name, &mut whole, sink);
    }
    let located = |problem: Problem| match problem {
        Problem::Io(error) => failure(error),
        at => Failure(format!("{name}:{at}")),
    };
    match shape {
        Shape::Gzip => {
            let mut inflated = GzipMembers::new(BufReader::with_capacity(64 << 10, whole));
            read_named(name, &mut inflated, sink, nesting + 1)
        }
        Shape::Tar => read_tar(name, &mut whole, sink, nesting),
        Shape::Utf16 => Err(Failure(format!(
            "cannot read {name}: it is UTF-16 text (it starts with the byte-order mark \
             {byte_order_mark}), as Windows PowerShell's `>` writes; triage reads UTF-8. Convert \
             it with `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`, or in PowerShell with \
             `Get-Content FILE | Set-Content -Encoding utf8 FILE.utf8`"
        ))),
        Shape::Values => values::read(&mut whole, sink).map_err(located),
        Shape::Csv => csv_rows::read(&mut whole, sink).map_err(located),
        Shape::JsonLines => lines::read(&mut whole, sink).map_err(located),
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

/// Every file of a tar archive, each recognized on its own. An entry shorter than its header
/// says is an archive cut short.
fn read_tar(
    name: &str,
    reader: &mut dyn Read,
    sink: &mut Counter,
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
        let size = entry.size();
        let mut counted = Counted {
            inner: &mut entry,
            read: 0,
        };
        read_named(&inner, &mut counted, sink, nesting + 1)?;
        if counted.read < size {
            return Err(failure(io::ErrorKind::UnexpectedEof.into()));
        }
    }
    Ok(())
}

/// A reader that counts the bytes read through it.
/// What follows an input's first bytes: the rest of it, or the error that stopped reading them.
enum Rest<'r> {
    Reader(&'r mut dyn Read),
    Failed(Option<io::Error>),
}

impl Read for Rest<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        match self {
            Rest::Reader(reader) => reader.read(buffer),
            Rest::Failed(error) => match error.take() {
                Some(error) => Err(error),
                None => Err(io::ErrorKind::UnexpectedEof.into()),
            },
        }
    }
}

struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.read += read as u64;
        Ok(read)
    }
}

/// The members of a gzip file, inflated one after another, and the zeros after the last one,
/// which some tools pad files with and `gzip -t` accepts.
struct GzipMembers<R> {
    /// The member being inflated; `None` at the end.
    member: Option<GzDecoder<R>>,
}

impl<R: BufRead> GzipMembers<R> {
    fn new(inner: R) -> Self {
        GzipMembers {
            member: Some(GzDecoder::new(inner)),
        }
    }
}

impl<R: BufRead> Read for GzipMembers<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(member) = self.member.as_mut() else {
                return Ok(0);
            };
            let read = member.read(buffer)?;
            if read > 0 || buffer.is_empty() {
                return Ok(read);
            }
            let Some(member) = self.member.take() else {
                return Ok(0);
            };
            let mut rest = member.into_inner();
            let next = rest.fill_buf()?;
            match next.first() {
                None => return Ok(0),
                Some(0) => loop {
                    let zeros = rest.fill_buf()?;
                    if zeros.is_empty() {
                        return Ok(0);
                    }
                    if zeros.iter().any(|&byte| byte != 0) {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "bytes other than zeros after the end of the gzip data",
                        ));
                    }
                    let used = zeros.len();
                    rest.consume(used);
                },
                Some(_) => self.member = Some(GzDecoder::new(rest)),
            }
        }
    }
}

/// The failure for an input named `name` that cannot be read.
fn cannot_read(name: &str) -> impl Fn(io::Error) -> Failure + Copy + '_ {
    move |error| Failure(format!("cannot read {name}: {}", reason(&error)))
}

/// What went wrong, in words for a person: a gzip stream or an archive cut short says so.
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
            Shape::Values
        );
        assert_eq!(
            recognize(b"[\n  {\"SCF_StatusCode\": 200},\n"),
            Shape::Values
        );
        assert_eq!(
            recognize(b"[{\"SCF_StatusCode\": 200}]\n"),
            Shape::JsonLines
        );
        assert_eq!(
            recognize(b"SCF_RequestId,SCF_StatusCode\r\na,200\r\n"),
            Shape::Csv
        );
        assert_eq!(recognize(b"\xFF\xFE{\0"), Shape::Utf16);
        assert_eq!(
            recognize(b"garbage\n{\"SCF_StatusCode\":1}\n"),
            Shape::JsonLines
        );
        assert_eq!(recognize(b""), Shape::JsonLines);
    }

    #[test]
    fn a_first_line_of_several_values_or_a_value_and_garbage_is_json_lines() {
        let record = r#"{"SCF_RequestId":"a","SCF_StatusCode":200}"#;
        for first in [
            format!("{record} {record}"),
            format!("{record}{record}"),
            format!("{record} garbage"),
            format!("[{record}] 7"),
        ] {
            let input = format!("{first}\ngarbage\n{record}\n");
            assert_eq!(recognize(input.as_bytes()), Shape::JsonLines, "{first}");
        }
        // A compact value, then a pretty one that starts on the same line.
        assert_eq!(
            recognize(format!("{record} {{\n\"SCF_StatusCode\": 200}}\n").as_bytes()),
            Shape::Values
        );
    }

    #[test]
    fn a_document_that_breaks_after_its_first_line_is_a_document() {
        let record = r#"{"SCF_RequestId":"c","SCF_StatusCode":200}"#;
        for document in [
            "{\"SCF_RequestId\":\"a\",\n \"SCF_StatusCode\":433.\n}\n".to_owned(),
            format!("[{record},\n {record} xx\n {record}]\n"),
            format!("{{\"SCF_RequestId\":\"a\",\n\"SCF_StatusCode\": 433,\n x\n}}\n{record}\n"),
        ] {
            assert_eq!(recognize(document.as_bytes()), Shape::Values, "{document}");
        }
        // A first line cut short after a comma, then lines of JSON Lines.
        let cut = format!("{{\"SCF_RequestId\":\"a\",\n{record}\n{record}\n");
        assert_eq!(recognize(cut.as_bytes()), Shape::JsonLines);
    }

    #[test]
    fn a_first_line_longer_than_the_peek_is_read_to_its_end() {
        let long = "x".repeat(PEEK + 10);
        let document = format!(
            "{{\"SCF_Message\":\"{long}\",\"SCF_RequestId\":\"a\",\n\"SCF_StatusCode\":433\n}}\n"
        );
        let mut prefix = Vec::new();
        read_prefix(&mut document.as_bytes(), &mut prefix).unwrap();
        assert_eq!(recognize(&prefix), Shape::Values);
        let lines = format!("{{\"SCF_Message\":\"{long}\",\"SCF_StatusCode\":433}}\n{{}}\n");
        let mut prefix = Vec::new();
        read_prefix(&mut lines.as_bytes(), &mut prefix).unwrap();
        assert_eq!(recognize(&prefix), Shape::JsonLines);
        // Not JSON: only the first bytes are read.
        let mut prefix = Vec::new();
        read_prefix(&mut "a".repeat(3 * PEEK).as_bytes(), &mut prefix).unwrap();
        assert_eq!(prefix.len(), PEEK);
    }

    #[test]
    fn a_truncated_first_line_of_json_lines_is_not_a_document() {
        assert_eq!(
            recognize(b"{\"SCF_Req\n{\"SCF_RequestId\":\"a\",\"SCF_StatusCode\":200}\n"),
            Shape::JsonLines
        );
    }

    fn inflate(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        GzipMembers::new(bytes).read_to_end(&mut out)?;
        Ok(out)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        io::Write::write_all(&mut encoder, bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn gzip_members_are_read_in_turn_and_trailing_zeros_are_padding() {
        let mut two = gzip(b"one\n");
        two.extend(gzip(b"two\n"));
        assert_eq!(inflate(&two).unwrap(), b"one\ntwo\n");
        let mut padded = two.clone();
        padded.extend([0; 5000]);
        assert_eq!(inflate(&padded).unwrap(), b"one\ntwo\n");
        let mut garbage = padded;
        garbage.extend(b"x");
        let error = inflate(&garbage).unwrap_err();
        assert!(error.to_string().contains("other than zeros"), "{error}");
        let error = inflate(&two[..two.len() - 3]).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }
}
