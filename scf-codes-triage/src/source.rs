//! Where the logs come from: files or standard input, unpacked from gzip and tar as they
//! stream, normalized once (a UTF-8 byte-order mark dropped, UTF-16 refused with a way to
//! convert it), and recognized by their first bytes, never by their names. Each shape goes to
//! its reader; each input's problems are its own.

use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use flate2::bufread::GzDecoder;
use memchr::memchr;

use crate::Error;
use crate::byte_order::{BOM, WithoutLineStartMarks};
use crate::count::Counter;
use crate::csv_rows::Layout;
use crate::problem::Problem;
use crate::{answer, bounded, csv_rows, lines, values};

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
    /// A zip archive: each of its files is recognized on its own.
    Zip,
    /// UTF-16, with its byte-order mark: refused, with how to convert it.
    Utf16,
    /// A format triage does not read (Parquet, Zstandard, lzop, …): refused, with how to
    /// convert it.
    Foreign(&'static Foreign),
    /// A stream of JSON values whose first value spans several lines: pretty-printed records,
    /// a SearchLog response, appended pages.
    Values,
    /// CSV whose header names `SCF_RequestId` and `SCF_StatusCode`.
    Csv,
    /// JSON Lines, and anything that is not one of the others: its lines are counted as skipped.
    JsonLines,
}

/// A format that triage recognizes by its first bytes but does not read.
#[derive(Debug, PartialEq, Eq)]
pub struct Foreign {
    /// Its first bytes.
    magic: &'static [u8],
    /// What it is, after "a" or "an".
    what: &'static str,
    /// How to make of it what triage reads; `FILE` stands for the input.
    fix: &'static str,
}

/// The formats that CLS ships logs to COS in, or that a download may come in, which triage
/// names rather than skips: Parquet (CLS's columnar shipping), lzop and snappy (its other
/// compressions), Zstandard, xz and bzip2.
const FOREIGN: [Foreign; 6] = [
    Foreign {
        magic: b"PAR1",
        what: "Parquet file",
        fix: "convert it to JSON Lines with DuckDB: duckdb -c \"COPY (SELECT * FROM 'FILE') TO \
              'FILE.jsonl' (FORMAT json)\", or count it where it is with the query of \
              `scf-codes triage --sql duckdb` or `--sql spark`",
    },
    Foreign {
        magic: b"\x28\xB5\x2F\xFD",
        what: "Zstandard-compressed file",
        fix: "decompress it first: zstd -dc FILE | scf-codes triage",
    },
    Foreign {
        magic: b"\x89LZO\x00\x0D\x0A\x1A\x0A",
        what: "lzop-compressed file, as CLS ships logs to COS with lzop",
        fix: "decompress it first: lzop -dc FILE | scf-codes triage",
    },
    Foreign {
        magic: b"\xFF\x06\x00\x00sNaPpY",
        what: "snappy-compressed file (framed)",
        fix: "decompress it first, e.g. python3 -m snappy -d FILE FILE.out, and give triage \
              FILE.out",
    },
    Foreign {
        magic: b"\xFD7zXZ\x00",
        what: "xz-compressed file",
        fix: "decompress it first: xz -dc FILE | scf-codes triage",
    },
    Foreign {
        magic: b"BZh",
        what: "bzip2-compressed file",
        fix: "decompress it first: bzip2 -dc FILE | scf-codes triage",
    },
];

/// Recognizes an input by its first bytes, `prefix`: at most 64 KiB of them, all of them when
/// the input is shorter, after a UTF-8 byte-order mark.
pub fn recognize(prefix: &[u8]) -> Shape {
    if prefix.starts_with(&[0x1f, 0x8b]) {
        return Shape::Gzip;
    }
    if prefix.get(257..262) == Some(b"ustar") {
        return Shape::Tar;
    }
    // A zip archive, or an empty one, which is its end record alone.
    if prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(b"PK\x05\x06") {
        return Shape::Zip;
    }
    if let Some(foreign) = FOREIGN
        .iter()
        .find(|foreign| prefix.starts_with(foreign.magic))
    {
        // bzip2's magic is text too: "BZh" followed by a block size digit and its block magic.
        if foreign.magic != b"BZh" || prefix.get(4..10) == Some(b"\x31\x41\x59\x26\x53\x59") {
            return Shape::Foreign(foreign);
        }
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

/// A path as messages show it: in full up to 200 characters, otherwise its start and end, so
/// that an absurd argument does not become an absurd message.
pub fn shown_path(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let count = text.chars().count();
    if count <= 200 {
        return text;
    }
    let start: String = text.chars().take(100).collect();
    let end: String = text.chars().skip(count - 60).collect();
    format!("{start}…{end}")
}

/// Counts the logs of one FILE argument: standard input for `-`. The records read before a
/// problem still count.
pub fn read_argument(path: &Path, sink: &mut Counter, layout: &Layout) -> Result<(), Error> {
    if path == Path::new("-") {
        return read_named("standard input", &mut io::stdin().lock(), sink, layout, 0);
    }
    let name = shown_path(path);
    let file = std::fs::File::open(path).map_err(cannot_read(&name))?;
    if file.metadata().is_ok_and(|metadata| metadata.is_dir()) {
        return Err(Error(format!(
            "cannot read {name}: it is a directory; name the files in it, e.g. {name}/*"
        )));
    }
    read_file(&name, file, sink, layout)
}

/// Counts the logs of an input already opened, named `name` in messages. A zip file is read in
/// place, through its directory at its end, when `file` can seek back to its start: a pipe
/// (`<(…)`), which cannot, is read as a stream.
pub fn read_file(
    name: &str,
    mut file: impl Read + io::Seek,
    sink: &mut Counter,
    layout: &Layout,
) -> Result<(), Error> {
    let mut magic = Vec::with_capacity(4);
    (&mut file)
        .take(4)
        .read_to_end(&mut magic)
        .map_err(cannot_read(name))?;
    if recognize(&magic) == Shape::Zip && io::Seek::rewind(&mut file).is_ok() {
        return read_zip_archive(name, BufReader::new(file), sink, layout, 0);
    }
    read_named(name, &mut Cursor::new(magic).chain(file), sink, layout, 0)
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
    layout: &Layout,
    nesting: usize,
) -> Result<(), Error> {
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
        Shape::Gzip | Shape::Tar | Shape::Zip if nesting >= MAX_NESTING => Shape::JsonLines,
        shape => shape,
    };
    let answer = matches!(shape, Shape::Values | Shape::Csv | Shape::JsonLines)
        && answer::is_answer(&prefix);
    // CSV: its delimiter, from its header; or, without one, from the first row split into the
    // keys the user names.
    let first_line = {
        let text = prefix.trim_ascii_start();
        &text[..memchr(b'\n', text).unwrap_or(text.len())]
    };
    let mut csv_layout = Layout {
        keys: None,
        escape: layout.escape,
    };
    let delimiter = match (shape, &layout.keys) {
        (Shape::Csv, _) => csv_rows::header_delimiter(first_line, layout.escape),
        (Shape::JsonLines, Some(keys))
            if !answer && !matches!(first_line.first(), Some(b'{' | b'[')) =>
        {
            csv_layout.keys = Some(keys.clone());
            match csv_rows::row_delimiter(first_line, keys.len(), layout.escape) {
                Some(delimiter) => Some(delimiter),
                None => {
                    return Err(Error(format!(
                        "cannot read {name}: its first line splits into no {} fields, one for \
                         each of --csv-keys, at a comma, tab, |, ; or space: give the keys the \
                         shipper writes, in its order",
                        keys.len()
                    )));
                }
            }
        }
        _ => None,
    };
    let shape = match delimiter {
        Some(_) => Shape::Csv,
        None => shape,
    };
    let mut whole = Cursor::new(prefix).chain(&mut rest);
    if answer {
        return read_answer(name, &mut whole, sink);
    }
    let located = |problem: Problem| match problem {
        Problem::Io(error) => failure(error),
        at => Error(format!("{name}:{at}")),
    };
    let before = (sink.records(), sink.skipped());
    match shape {
        Shape::Gzip => {
            let mut inflated = GzipMembers::new(BufReader::with_capacity(64 << 10, whole));
            return read_named(name, &mut inflated, sink, layout, nesting + 1);
        }
        Shape::Tar => return read_tar(name, &mut whole, sink, layout, nesting),
        Shape::Zip => return read_zip(name, &mut whole, sink, layout, nesting),
        Shape::Foreign(foreign) => {
            return Err(Error(format!(
                "cannot read {name}: it is a {}; triage reads SCF logs as JSON or CSV, plain, \
                 gzip, tar or zip. To count it, {}",
                foreign.what,
                // In an archive, the file's own name.
                foreign
                    .fix
                    .replace("FILE", name.rsplit(": ").next().unwrap_or(name))
            )));
        }
        _ => {}
    }
    let read = match shape {
        Shape::Utf16 => Err(Error(format!(
            "cannot read {name}: it is UTF-16 text (it starts with the byte-order mark \
             {byte_order_mark}), as Windows PowerShell's `>` writes; triage reads UTF-8. Convert \
             it with `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`, or in PowerShell with \
             `Get-Content FILE | Set-Content -Encoding utf8 FILE.utf8`"
        ))),
        Shape::Values => {
            values::read(&mut WithoutLineStartMarks::new(whole), sink).map_err(located)
        }
        Shape::Csv => csv_rows::read(
            &mut WithoutLineStartMarks::new(whole),
            sink,
            &csv_layout,
            delimiter.unwrap_or(b','),
        )
        .map_err(located),
        Shape::JsonLines => lines::read(&mut whole, sink).map_err(located),
        Shape::Gzip | Shape::Tar | Shape::Zip | Shape::Foreign(_) => Ok(()),
    };
    read?;
    if sink.records() == before.0 {
        return Err(no_record(name, sink.skipped() - before.1));
    }
    Ok(())
}

/// The failure of an input that held no record: its records would be missing from the counts
/// unseen.
fn no_record(name: &str, skipped: u64) -> Error {
    let what = match skipped {
        0 => "it is empty".to_owned(),
        1 => "its one line or value is not one".to_owned(),
        skipped => format!("none of its {skipped} lines or values is one"),
    };
    Error(format!(
        "cannot read {name}: no SCF log record in it ({what}). Triage reads SCF logs from CLS: \
         JSON with SCF_StatusCode (JSON Lines, pretty, arrays, SearchLog and tccli output, CLS \
         trigger events), or CSV whose header names SCF_RequestId and SCF_StatusCode, with a \
         comma, tab, |, ; or space between fields (a CSV without its header needs \
         --csv-keys); plain, gzip, tar or zip"
    ))
}

/// The answer of an engine that ran triage's SQL: its rows are counts, added as they are.
fn read_answer(name: &str, reader: &mut dyn Read, counter: &mut Counter) -> Result<(), Error> {
    let mut text = Vec::new();
    reader
        .take(answer::MAX_ANSWER + 1)
        .read_to_end(&mut text)
        .map_err(cannot_read(name))?;
    if text.len() as u64 > answer::MAX_ANSWER {
        return Err(Error(format!(
            "cannot read {name}: it starts as the answer of scf-codes triage --sql, but is over \
             {} MiB; an engine's answer is a few rows per code",
            answer::MAX_ANSWER >> 20
        )));
    }
    let rows = answer::parse(&text).map_err(|error| Error(format!("{name}:{error}")))?;
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
    layout: &Layout,
    nesting: usize,
) -> Result<(), Error> {
    let failure = cannot_read(name);
    let mut archive = tar::Archive::new(reader);
    let before = sink.records() + sink.answer_rows();
    let mut problems = Vec::new();
    for entry in archive.entries().map_err(failure)? {
        let mut entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(failure(error).0);
                break;
            }
        };
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let inner = format!("{name}: {}", shown_path(&entry.path().map_err(failure)?));
        let size = entry.size();
        let mut counted = Counted {
            inner: &mut entry,
            read: 0,
        };
        // A file of the archive that cannot be read is named, and the next is read.
        if let Err(Error(message)) = read_named(&inner, &mut counted, sink, layout, nesting + 1) {
            problems.push(message);
        }
        if counted.read < size {
            problems.push(failure(io::ErrorKind::UnexpectedEof.into()).0);
            break;
        }
    }
    members_read(name, problems, sink.records() + sink.answer_rows() > before)
}

/// The end of reading archive `name`'s files: each that could not be read is named, and so is
/// the archive when it held none with a record (no file, or directories only).
fn members_read(name: &str, problems: Vec<String>, records: bool) -> Result<(), Error> {
    match (problems.is_empty(), records) {
        (true, true) => Ok(()),
        (true, false) => Err(no_record(name, 0)),
        (false, _) => Err(Error(problems.join("\nerror: "))),
    }
}

/// The most bytes a zip archive read from a stream (standard input, a tar or gzip around it)
/// may take: it is read whole, since its directory is at its end. A zip file named on the
/// command line is read in place, whatever its size.
const MAX_STREAMED_ZIP: u64 = 1 << 30;

/// Every file of a zip archive, each recognized on its own.
fn read_zip(
    name: &str,
    reader: &mut dyn Read,
    sink: &mut Counter,
    layout: &Layout,
    nesting: usize,
) -> Result<(), Error> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_STREAMED_ZIP + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read(name))?;
    if bytes.len() as u64 > MAX_STREAMED_ZIP {
        return Err(Error(format!(
            "cannot read {name}: a zip archive over {} GiB read from a stream; unzip it, or \
             name the zip file itself on the command line",
            MAX_STREAMED_ZIP >> 30
        )));
    }
    read_zip_archive(name, Cursor::new(bytes), sink, layout, nesting)
}

/// Every file of a zip archive in `archive`, in the order of its directory.
fn read_zip_archive(
    name: &str,
    archive: impl Read + io::Seek,
    sink: &mut Counter,
    layout: &Layout,
    nesting: usize,
) -> Result<(), Error> {
    let corrupt = |error: zip::result::ZipError| {
        Error(format!(
            "cannot read {name}: corrupt or unsupported zip archive ({error}); unzip it and give \
             triage its files"
        ))
    };
    let mut archive = zip::ZipArchive::new(archive).map_err(corrupt)?;
    let before = sink.records() + sink.answer_rows();
    let mut problems = Vec::new();
    for index in 0..archive.len() {
        let mut member = match archive.by_index(index) {
            Ok(member) => member,
            Err(error) => {
                problems.push(corrupt(error).0);
                continue;
            }
        };
        if !member.is_file() {
            continue;
        }
        let inner = format!("{name}: {}", String::from_utf8_lossy(member.name_raw()));
        if let Err(Error(message)) = read_named(&inner, &mut member, sink, layout, nesting + 1) {
            problems.push(message);
        }
    }
    members_read(name, problems, sink.records() + sink.answer_rows() > before)
}

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
fn cannot_read(name: &str) -> impl Fn(io::Error) -> Error + Copy + '_ {
    move |error| Error(format!("cannot read {name}: {}", reason(&error)))
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
