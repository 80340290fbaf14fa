//! CSV with a header row, as a CLS export in CSV format: RFC 4180 quoting, one record a row,
//! read into one reused `ByteRecord`.

use std::borrow::Cow;
use std::io::{self, Read};

use memchr::memchr_iter;

use crate::bounded::{Bounded, TooLarge};
use crate::byte_order::BOM;
use crate::problem::Problem;
use crate::record::{Fields, Number, Sink, parse_decimal};

/// The most bytes one row may take. A row of SCF's 14 keys, its message cut at 8 KB and every
/// quote doubled, is far below; a longer one is a quote that was never closed.
pub const MAX_ROW: u64 = 1 << 20;

/// The most lines one row may span: more than an 8 KB message of line ends alone.
pub const MAX_ROW_LINES: u64 = 10_000;

/// The columns a header must name.
pub const REQUIRED: [&str; 2] = ["SCF_RequestId", "SCF_StatusCode"];

/// The columns read, in the order of [`Columns`].
const READ: [&str; 10] = [
    "SCF_RequestId",
    "SCF_RetryNum",
    "SCF_FunctionName",
    "SCF_Qualifier",
    "SCF_StatusCode",
    "SCF_LogTime",
    "SCF_StartTime",
    "SCF_Duration",
    "SCF_MemUsage",
    "__TIMESTAMP__",
];

/// Where each of [`READ`] is in a row.
type Columns = [Option<usize>; 10];

/// The delimiters CLS's shipping to COS may write between fields (its `CsvInfo.Delimiter`), in
/// the order they are tried.
pub const DELIMITERS: [u8; 5] = [b',', b'\t', b'|', b';', b' '];

/// How a CSV input is laid out where its first line does not say: the options named after
/// CLS's `CsvInfo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The columns, in order, of a CSV without its key line (`CsvInfo.Keys` with `PrintKey`
    /// off); `None` when every CSV input starts with its header.
    pub keys: Option<Vec<String>>,
    /// The character that wraps a field holding the delimiter (`CsvInfo.EscapeChar`), and is
    /// doubled inside it: `"` by default, as in RFC 4180.
    pub escape: u8,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            keys: None,
            escape: b'"',
        }
    }
}

/// The fields of one line split at `delimiter`, fields wrapped in `escape` unwrapped.
fn split(line: &[u8], delimiter: u8, escape: u8) -> Option<csv::ByteRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .quote(escape)
        .from_reader(line);
    let mut fields = csv::ByteRecord::new();
    matches!(reader.read_byte_record(&mut fields), Ok(true)).then_some(fields)
}

/// A field as a column name: without white space, a byte-order mark, or quotes around it.
fn column_name(field: &[u8]) -> &[u8] {
    let field = field.trim_ascii();
    let field = field.strip_prefix(BOM).unwrap_or(field).trim_ascii();
    match field {
        [first @ (b'"' | b'\''), name @ .., last] if first == last => name,
        _ => field,
    }
}

/// Whether `fields` name the required columns.
fn names_required(fields: &csv::ByteRecord) -> bool {
    REQUIRED.iter().all(|name| {
        fields
            .iter()
            .any(|field| column_name(field) == name.as_bytes())
    })
}

/// The delimiter of `line`, the first line of an input, when it is a CSV header that names the
/// required columns: the first of [`DELIMITERS`] that splits it so.
pub fn header_delimiter(line: &[u8], escape: u8) -> Option<u8> {
    DELIMITERS.into_iter().find(|&delimiter| {
        split(line, delimiter, escape).is_some_and(|fields| names_required(&fields))
    })
}

/// Whether `line`, the first line of an input, is a CSV header that names the required columns.
pub fn is_header(line: &[u8]) -> bool {
    header_delimiter(line, b'"').is_some()
}

/// The delimiter of `line`, the first row of a CSV without its key line: the first of
/// [`DELIMITERS`] that splits it into `keys` fields.
pub fn row_delimiter(line: &[u8], keys: usize, escape: u8) -> Option<u8> {
    DELIMITERS.into_iter().find(|&delimiter| {
        split(line, delimiter, escape).is_some_and(|fields| fields.len() == keys)
    })
}

/// Whether a row looks like a header: two or more of its fields are names of the keys triage
/// reads, which no log line holds as values.
fn looks_like_header(row: &csv::ByteRecord) -> bool {
    row.iter()
        .filter(|field| {
            READ.iter()
                .any(|name| column_name(field) == name.as_bytes())
        })
        .count()
        >= 2
}

/// Where each of [`READ`] is under `header`: the last column of a name wins, as the last of a
/// duplicated JSON key does.
fn columns_of(header: &csv::ByteRecord) -> Columns {
    READ.map(|name| {
        header
            .iter()
            .rposition(|field| column_name(field) == name.as_bytes())
    })
}

/// Counts every row of `reader`, whose fields are split at `delimiter`: under its first line,
/// or under `layout.keys` when given. A row without a usable status code is skipped. A row
/// that repeats a header (files concatenated with `cat`, gzip members one after another)
/// starts a new header, whatever its order of columns; a row that looks like a header but
/// lacks a required column is a problem at its line, and so is a quote that is never closed.
pub fn read(
    reader: &mut dyn Read,
    sink: &mut impl Sink,
    layout: &Layout,
    delimiter: u8,
) -> Result<(), Problem> {
    let mut quotes = 0u64;
    let counting = QuoteCount {
        inner: reader,
        quote: layout.escape,
        quotes: &mut quotes,
    };
    let (bounded, read_since_row) = Bounded::new(counting, MAX_ROW);
    let mut rows = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .quote(layout.escape)
        .buffer_capacity(64 << 10)
        .from_reader(bounded);
    let mut header = match &layout.keys {
        Some(keys) => csv::ByteRecord::from(keys.clone()),
        None => {
            let mut header = csv::ByteRecord::new();
            rows.read_byte_record(&mut header).map_err(csv_error)?;
            header
        }
    };
    let mut columns = columns_of(&header);
    let mut row = csv::ByteRecord::new();
    let mut row_line = rows.position().line();
    let mut last_start = row_line;
    let mut spanned_lines = false;
    loop {
        match rows.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                read_since_row.set(0);
                let start = row.position().map_or(row_line, csv::Position::line);
                let next = rows.position().line();
                if next - start > MAX_ROW_LINES {
                    return Err(unclosed_quote(
                        start,
                        &format!("after {MAX_ROW_LINES} lines"),
                    ));
                }
                spanned_lines = next - start > 1;
                // A row over several lines holds a quoted field with a line end in it. With the
                // header's number of fields, that is a message over lines; with another, a stray
                // quote swallowed the line ends up to the next quote, and the rows in between.
                if spanned_lines && row.len() != header.len() {
                    return Err(unclosed_quote(
                        start,
                        &format!(
                            "at its line end: the row runs on to line {} and has {} fields where \
                             the header has {}",
                            next - 1,
                            row.len(),
                            header.len()
                        ),
                    ));
                }
                last_start = start;
                row_line = next;
                if looks_like_header(&row) {
                    if !names_required(&row) {
                        return Err(not_a_header(start, &row));
                    }
                    header = row.clone();
                    columns = columns_of(&header);
                    continue;
                }
                match fields(&row, &columns).and_then(|fields| fields.into_record(Number::Missing))
                {
                    Some(record) => sink.record(&record),
                    None => sink.skip(),
                }
            }
            Err(error) => match error.into_kind() {
                csv::ErrorKind::Io(error)
                    if error.get_ref().is_some_and(|inner| inner.is::<TooLarge>()) =>
                {
                    let after = format!("after {} MiB", MAX_ROW >> 20);
                    return Err(unclosed_quote(row_line, &after));
                }
                csv::ErrorKind::Io(error) => return Err(error.into()),
                // A malformed row: the reader goes on with the next.
                _ => sink.skip(),
            },
        }
    }
    drop(rows);
    // Quotes come in pairs in RFC 4180; an odd count, with a last row over several lines,
    // is a quote still open at the end of the input.
    if quotes % 2 == 1 && spanned_lines {
        return Err(unclosed_quote(last_start, "at the end of the input"));
    }
    Ok(())
}

/// The problem of a row at `line` that names keys as a header does, but not the required ones:
/// under no header could its rows be read.
fn not_a_header(line: u64, row: &csv::ByteRecord) -> Problem {
    let names: Vec<String> = row
        .iter()
        .map(|field| String::from_utf8_lossy(column_name(field)).into_owned())
        .collect();
    Problem::At {
        line,
        column: 1,
        message: format!(
            "this row looks like a CSV header ({}) but does not name both SCF_RequestId and \
             SCF_StatusCode: a file of another export was joined here. Give triage each file \
             on its own, or an export with those columns. The rows before it were counted; the \
             rest was not read",
            names.join(", ")
        ),
    }
}

/// The fields of a row, borrowed from it: `None` when one of them is not UTF-8.
fn fields<'a>(row: &'a csv::ByteRecord, columns: &Columns) -> Option<Fields<'a>> {
    let mut texts = [""; 10];
    for (text, column) in texts.iter_mut().zip(columns) {
        if let Some(bytes) = column.and_then(|index| row.get(index)) {
            *text = std::str::from_utf8(bytes).ok()?;
        }
    }
    let [
        request_id,
        retry,
        function,
        qualifier,
        status,
        log_time,
        start_time,
        duration,
        memory,
        cls_time,
    ] = texts;
    Some(Fields {
        request_id: Some(Cow::Borrowed(request_id)),
        retry: Number::parse(retry),
        function: Some(Cow::Borrowed(function)),
        qualifier: Some(Cow::Borrowed(qualifier)),
        status: Number::parse(status),
        log_time: Number::parse_time(log_time),
        start_time: Number::parse_time(start_time),
        cls_time: Number::parse_time(cls_time),
        duration_ms: parse_decimal(duration),
        memory_mb: parse_decimal(memory),
    })
}

/// The problem of a quoted field, in the row that starts at `line`, still open `when`.
fn unclosed_quote(line: u64, when: &str) -> Problem {
    Problem::At {
        line,
        column: 1,
        message: format!(
            "unclosed quote: a quoted field opened in the CSV row at this line is still open \
             {when}. A quote inside a field must be doubled (\"\"), as RFC 4180 says: fix or \
             remove the stray quote. The rows before it were counted; the rest was not read"
        ),
    }
}

fn csv_error(error: csv::Error) -> Problem {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error.into(),
        other => Problem::Io(io::Error::other(format!("CSV: {other:?}"))),
    }
}

/// A reader that counts the quotes (the escape character) that pass through it.
struct QuoteCount<'q, R> {
    inner: R,
    quote: u8,
    quotes: &'q mut u64,
}

impl<R: Read> Read for QuoteCount<'_, R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        *self.quotes += memchr_iter(self.quote, &buffer[..read]).count() as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::Counter;

    fn count(input: &str) -> Result<(u64, u64), String> {
        let mut counter = Counter::default();
        read(
            &mut input.as_bytes(),
            &mut counter,
            &Layout::default(),
            b',',
        )
        .map_err(|problem| problem.to_string())?;
        let summary = counter.summary();
        Ok((summary.records, summary.skipped))
    }

    #[test]
    fn a_quote_never_closed_is_an_error_at_the_line_of_its_row() {
        let mut input = String::from("SCF_RequestId,SCF_StatusCode,SCF_Message\n");
        for line in 2..7 {
            input.push_str(&format!("r-{line},200,ok\n"));
        }
        input.push_str("r-7,433,\"a stray quote\n");
        for line in 8..20 {
            input.push_str(&format!("r-{line},200,ok\n"));
        }
        let message = count(&input).unwrap_err();
        assert!(
            message.starts_with(
                "7:1: unclosed quote: a quoted field opened in the CSV row at \
                                 this line is still open at the end of the input"
            ),
            "{message}"
        );
        assert!(!message.contains("JSON"), "{message}");
        let far = input.replace(
            "r-19,200,ok\n",
            &"r,200,ok\n".repeat(MAX_ROW_LINES as usize),
        );
        let message = count(&far).unwrap_err();
        assert!(message.starts_with("7:1: unclosed quote"), "{message}");
        assert!(message.contains("after 10000 lines"), "{message}");
        let wide = input.replace("r-19,200,ok\n", &"x".repeat(2 * MAX_ROW as usize));
        let message = count(&wide).unwrap_err();
        assert!(message.contains("after 1 MiB"), "{message}");
    }

    #[test]
    fn a_stray_quote_closed_lines_later_is_an_error_at_its_row() {
        let mut input = String::from("SCF_RequestId,SCF_StatusCode,SCF_Message\n");
        for line in 2..50 {
            input.push_str(&format!("r-{line},200,ok\n"));
        }
        input.push_str("r-50,\"433,stray\n");
        input.push_str("r-51,200,\"a \"\"quoted\"\" word\"\n");
        for line in 52..60 {
            input.push_str(&format!("r-{line},200,ok\n"));
        }
        let message = count(&input).unwrap_err();
        assert!(
            message.starts_with(
                "50:1: unclosed quote: a quoted field opened in the CSV row at this line is \
                 still open at its line end: the row runs on to line 51 and has"
            ),
            "{message}"
        );
        // A quoted message over lines, with the header's fields, is one row.
        let message_over_lines = "SCF_RequestId,SCF_StatusCode,SCF_Message\n\
                                  a,433,\"two\nlines\"\nb,200,ok\n";
        assert_eq!(count(message_over_lines), Ok((2, 0)));
    }

    #[test]
    fn quotes_inside_an_unquoted_field_and_numbers_of_any_form_are_read() {
        let input = "SCF_RequestId,SCF_StatusCode,SCF_Message,SCF_RetryNum\n\
                     a,433.0,5\" screen,\" 1 \"\n\
                     b, 200 ,ok,\n";
        assert_eq!(count(input), Ok((2, 0)));
    }

    #[test]
    fn a_header_must_name_the_request_id_and_the_status_code() {
        assert!(is_header(b"SCF_RequestId,SCF_StatusCode"));
        assert!(is_header(
            b"\"SCF_Message\",\"SCF_StatusCode\",\"SCF_RequestId\"\r"
        ));
        assert!(!is_header(b"SCF_RequestId,SCF_Message"));
        assert!(!is_header(
            b"{\"SCF_RequestId\":\"x\",\"SCF_StatusCode\":1}"
        ));
    }

    #[test]
    fn rows_are_read_by_column_name_with_quoting() {
        let input = "SCF_Message,SCF_RequestId,SCF_StatusCode,SCF_RetryNum\n\
                     \"END, with \"\"quotes\"\"\nand a newline\",a,433,0\n\
                     x,b,200,\n\
                     x,c,,0\n\
                     x,d\n";
        let mut counter = Counter::default();
        read(
            &mut input.as_bytes(),
            &mut counter,
            &Layout::default(),
            b',',
        )
        .unwrap();
        let summary = counter.summary();
        assert_eq!((summary.records, summary.skipped), (2, 2));
        assert_eq!(summary.outcomes.invocations, 2);
    }
}
