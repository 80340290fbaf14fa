//! CSV with a header row, as a CLS export in CSV format: RFC 4180 quoting, one record a row,
//! read into one reused `ByteRecord`.

use std::borrow::Cow;
use std::io::{self, Read};

use memchr::memchr_iter;

use super::bounded::{Bounded, TooLarge};
use super::problem::Problem;
use super::record::{Fields, Number, Sink, parse_decimal};

/// The most bytes one row may take. A row of SCF's 14 keys, its message cut at 8 KB and every
/// quote doubled, is far below; a longer one is a quote that was never closed.
pub const MAX_ROW: u64 = 1 << 20;

/// The most lines one row may span: more than an 8 KB message of line ends alone.
pub const MAX_ROW_LINES: u64 = 10_000;

/// The columns a header must name.
pub const REQUIRED: [&str; 2] = ["SCF_RequestId", "SCF_StatusCode"];

/// The columns read, in the order of [`Columns`].
const READ: [&str; 9] = [
    "SCF_RequestId",
    "SCF_RetryNum",
    "SCF_FunctionName",
    "SCF_Qualifier",
    "SCF_StatusCode",
    "SCF_LogTime",
    "SCF_StartTime",
    "SCF_Duration",
    "SCF_MemUsage",
];

/// Where each of [`READ`] is in a row.
type Columns = [Option<usize>; 9];

/// Whether `line`, the first line of an input, is a CSV header that names the required columns.
pub fn is_header(line: &[u8]) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line);
    let mut header = csv::ByteRecord::new();
    matches!(reader.read_byte_record(&mut header), Ok(true))
        && REQUIRED.iter().all(|name| {
            header
                .iter()
                .any(|field| field.trim_ascii() == name.as_bytes())
        })
}

/// Counts every row of `reader`. A row without a usable status code is skipped; a quote that
/// is never closed is a problem, at the line of its row.
pub fn read(reader: &mut dyn Read, sink: &mut impl Sink) -> Result<(), Problem> {
    let mut quotes = 0u64;
    let counting = QuoteCount {
        inner: reader,
        quotes: &mut quotes,
    };
    let (bounded, read_since_row) = Bounded::new(counting, MAX_ROW);
    let mut rows = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(64 << 10)
        .from_reader(bounded);
    let header = rows.byte_headers().map_err(csv_error)?.clone();
    // The last column of a name wins, as the last of a duplicated JSON key does.
    let columns: Columns = READ.map(|name| {
        header
            .iter()
            .rposition(|field| field.trim_ascii() == name.as_bytes())
    });
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

/// The fields of a row, borrowed from it: `None` when one of them is not UTF-8.
fn fields<'a>(row: &'a csv::ByteRecord, columns: &Columns) -> Option<Fields<'a>> {
    let mut texts = [""; 9];
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
    ] = texts;
    Some(Fields {
        request_id: Some(Cow::Borrowed(request_id)),
        retry: Number::parse(retry),
        function: Some(Cow::Borrowed(function)),
        qualifier: Some(Cow::Borrowed(qualifier)),
        status: Number::parse(status),
        log_time: Number::parse(log_time),
        start_time: Number::parse(start_time),
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

/// A reader that counts the quotes that pass through it.
struct QuoteCount<'q, R> {
    inner: R,
    quotes: &'q mut u64,
}

impl<R: Read> Read for QuoteCount<'_, R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        *self.quotes += memchr_iter(b'"', &buffer[..read]).count() as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::count::Counter;

    fn count(input: &str) -> Result<(u64, u64), String> {
        let mut counter = Counter::default();
        read(&mut input.as_bytes(), &mut counter).map_err(|problem| problem.to_string())?;
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
        read(&mut input.as_bytes(), &mut counter).unwrap();
        let summary = counter.summary();
        assert_eq!((summary.records, summary.skipped), (2, 2));
        assert_eq!(summary.outcomes.invocations, 2);
    }
}
