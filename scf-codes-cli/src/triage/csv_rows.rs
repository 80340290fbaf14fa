//! CSV with a header row, as a CLS export in CSV format: RFC 4180 quoting, one record a row,
//! read into one reused `ByteRecord`.

use std::io::{self, Read};

use super::bounded::Bounded;
use super::count::Counter;
use super::object::Record;

/// The most bytes one row may take.
pub const MAX_ROW: u64 = 16 << 20;

/// The columns a header must name.
pub const REQUIRED: [&str; 2] = ["SCF_RequestId", "SCF_StatusCode"];

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

/// Counts every row of `reader`. A row without a usable status code is skipped.
pub fn read(reader: &mut dyn Read, counter: &mut Counter) -> io::Result<()> {
    let (bounded, read_since_row) = Bounded::new(reader, MAX_ROW);
    let mut rows = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(bounded);
    let header = rows.byte_headers().map_err(csv_error)?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|field| field.trim_ascii() == name.as_bytes())
    };
    let columns = [
        column("SCF_RequestId"),
        column("SCF_RetryNum"),
        column("SCF_FunctionName"),
        column("SCF_StatusCode"),
    ];
    let mut row = csv::ByteRecord::new();
    loop {
        match rows.read_byte_record(&mut row) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                read_since_row.set(0);
                let field = |index: Option<usize>| {
                    index
                        .and_then(|index| row.get(index))
                        .map_or(Some(""), |bytes| std::str::from_utf8(bytes).ok())
                };
                let record = match columns.map(field) {
                    [Some(id), Some(retry), Some(function), Some(status)] => {
                        Record::from_texts(id, retry, function, status)
                    }
                    _ => None,
                };
                match record {
                    Some(record) => counter.record(&record),
                    None => counter.skip(),
                }
            }
            Err(error) if error.is_io_error() => return Err(csv_error(error)),
            // A malformed row: the reader goes on with the next.
            Err(_) => counter.skip(),
        }
    }
}

fn csv_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
