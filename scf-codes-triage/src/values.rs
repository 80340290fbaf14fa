//! A stream of JSON values, as jq reads them: one document or many, each on one line or over
//! many, separated by any white space. Pretty-printed records one after another (`jq .`),
//! SearchLog pages appended to one file, arrays of any size: every record in them counts. An
//! array or a wrapper is walked element by element as it streams, never held whole; one value
//! that is not (a record, an element) may take at most [`MAX_VALUE`].
//!
//! A value that breaks, or that the input ends inside of, is an error that names the line where
//! it broke: the records before it still count.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

use serde::de::DeserializeSeed as _;

use crate::bounded::TooLarge;
use crate::object::Value;
use crate::problem::{Problem, json_error_text};
use crate::record::{Record, Sink};

/// The most bytes one element of an array, or one record, may take.
pub const MAX_VALUE: u64 = 32 << 20;

/// The most bytes of the current line that a [`Stream`] keeps after using them.
const LINE_TAIL: usize = 256;

/// The most bytes read from the input at once. What is read ahead of the values is handed back
/// by [`Stream::into_rest`], so this also bounds it.
const READ_AHEAD: usize = 1 << 20;

/// Where a stream of values stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// At the end of the input.
    End,
    /// At the first line end between two values: one line of JSON Lines that is too long to
    /// hold.
    LineEnd,
}

/// Counts every value of `reader`, to its end.
pub fn read(reader: &mut dyn Read, sink: &mut impl Sink) -> Result<(), Problem> {
    Stream::new(reader, Vec::new(), 1).values(sink, Until::End)
}

/// An input read through a buffer of its own, which knows the line and column it has reached,
/// and refuses to read more than [`MAX_VALUE`] bytes since the sink last got a record.
pub struct Stream<R> {
    inner: R,
    /// `buffer[start..end]` is read and not yet used.
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    line: u64,
    column: u64,
    /// The column of the last line end used: where the line before `line` ended.
    line_end_column: u64,
    /// Whether the input ended inside a value.
    cut_short: bool,
    /// Where the current line starts in `buffer`, or 0 when it started before the buffer was
    /// last read into: serde_json reads past a value that breaks (the white space after it, and
    /// one byte more), and what it read of the next line is given back from here.
    line_start: usize,
    /// The last bytes used of the current line before the buffer was read into again, at most
    /// [`LINE_TAIL`].
    line_tail: Vec<u8>,
    since_value: Rc<Cell<u64>>,
}

impl<R: Read> Stream<R> {
    /// `inner`, of which `buffered` holds the first bytes, starting at line `line`.
    pub fn new(inner: R, buffered: Vec<u8>, line: u64) -> Self {
        let end = buffered.len();
        let mut buffer = buffered;
        if buffer.len() < 64 << 10 {
            buffer.resize(64 << 10, 0);
        }
        Stream {
            inner,
            buffer,
            start: 0,
            end,
            line,
            column: 1,
            line_end_column: 1,
            cut_short: false,
            line_start: 0,
            line_tail: Vec::new(),
            since_value: Rc::new(Cell::new(0)),
        }
    }

    /// The line reached.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// What is buffered and not used yet, and the line reached.
    pub fn into_rest(self) -> (Vec<u8>, u64) {
        let mut buffer = self.buffer;
        buffer.copy_within(self.start..self.end, 0);
        buffer.truncate(self.end - self.start);
        (buffer, self.line)
    }

    /// Whether the value being read took more than [`MAX_VALUE`] bytes: the input was stopped.
    pub fn over_limit(&self) -> bool {
        self.since_value.get() > MAX_VALUE
    }

    /// What is buffered and not used yet, from the start of the line reached: the bytes of that
    /// line already used (by serde_json reading past a value that broke at the line end before
    /// it, white space and one byte) come first, up to the last 256 of them.
    pub fn into_rest_of_line(mut self) -> (Vec<u8>, u64) {
        self.keep_line_tail(self.start);
        let mut rest = std::mem::take(&mut self.line_tail);
        let (unused, line) = self.into_rest();
        rest.extend_from_slice(&unused);
        (rest, line)
    }

    /// Adds the bytes of the current line used in the buffer, up to `used`, to `line_tail`,
    /// keeping the last [`LINE_TAIL`].
    fn keep_line_tail(&mut self, used: usize) {
        let from = self.line_start.max(used.saturating_sub(LINE_TAIL));
        self.line_tail.extend_from_slice(&self.buffer[from..used]);
        let over = self.line_tail.len().saturating_sub(LINE_TAIL);
        self.line_tail.drain(..over);
    }

    /// Whether the input ended inside the value being read.
    pub fn cut_short(&self) -> bool {
        self.cut_short
    }

    /// The next byte, not used; `None` at the end of the input.
    #[inline]
    fn peek(&mut self) -> io::Result<Option<u8>> {
        if self.start == self.end {
            return self.read_more();
        }
        Ok(Some(self.buffer[self.start]))
    }

    /// [`Stream::peek`] once every byte in the buffer is used: reads into it again.
    #[cold]
    #[inline(never)]
    fn read_more(&mut self) -> io::Result<Option<u8>> {
        while self.start == self.end {
            self.keep_line_tail(self.end);
            self.line_start = 0;
            self.start = 0;
            self.end = 0;
            let ahead = self.buffer.len().min(READ_AHEAD);
            match self.inner.read(&mut self.buffer[..ahead]) {
                Ok(0) => return Ok(None),
                Ok(read) => self.end = read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(Some(self.buffer[self.start]))
    }

    /// Uses `count` bytes, which keep the line and column.
    fn advance(&mut self, count: usize) {
        // serde_json reads a stream a byte at a time.
        if count == 1 {
            if self.buffer[self.start] == b'\n' {
                self.line += 1;
                self.line_end_column = self.column;
                self.column = 1;
                self.line_start = self.start + 1;
                self.line_tail.clear();
            } else {
                self.column += 1;
            }
            self.start += 1;
            self.since_value.set(self.since_value.get() + 1);
            return;
        }
        let used = &self.buffer[self.start..self.start + count];
        match memchr::memrchr(b'\n', used) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', used).count() as u64;
                self.line_end_column = match memchr::memrchr(b'\n', &used[..last]) {
                    Some(before) => (last - before) as u64,
                    None => self.column + last as u64,
                };
                self.column = (count - last) as u64;
                self.line_start = self.start + last + 1;
                self.line_tail.clear();
            }
            None => self.column += count as u64,
        }
        self.start += count;
        self.since_value.set(self.since_value.get() + count as u64);
    }

    /// Counts the values up to `until`.
    pub fn values(&mut self, sink: &mut impl Sink, until: Until) -> Result<(), Problem> {
        let mut sink = Resetting {
            sink,
            since_value: Rc::clone(&self.since_value),
        };
        loop {
            let Some(first) = self.peek()? else {
                return Ok(());
            };
            match first {
                b'\n' => {
                    self.advance(1);
                    if until == Until::LineEnd {
                        return Ok(());
                    }
                }
                b' ' | b'\t' | b'\r' => self.advance(1),
                // A number alone is not a record; serde_json would read one byte past it.
                b'-' | b'0'..=b'9' => {
                    while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.peek()? {
                        self.advance(1);
                    }
                    sink.skip();
                }
                _ => {
                    let (line, column) = (self.line, self.column);
                    self.since_value.set(0);
                    let mut deserializer = serde_json::Deserializer::from_reader(&mut *self);
                    let value = Value {
                        sink: &mut sink,
                        depth: 0,
                    };
                    if let Err(error) = value.deserialize(&mut deserializer) {
                        return Err(self.broken(error, line, column));
                    }
                }
            }
        }
    }

    /// The problem of a value, started at `line` and `column`, that broke with `error`.
    fn broken(&mut self, error: serde_json::Error, line: u64, column: u64) -> Problem {
        if error.is_io() {
            let error = io::Error::from(error);
            return match error
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<TooLarge>())
            {
                Some(too_large) => Problem::At {
                    line,
                    column,
                    message: format!(
                        "one record or array element of the JSON value that starts here is over \
                         {} MiB: no SCF log record is that large; is this file SCF logs?",
                        too_large.0 >> 20
                    ),
                },
                None => Problem::Io(error),
            };
        }
        if error.is_eof() {
            self.cut_short = true;
            return Problem::At {
                line: self.line,
                column: self.column,
                message: format!(
                    "the input ends inside the JSON value that starts at line {line}: the file \
                     is cut short (an interrupted download or copy?); get it again"
                ),
            };
        }
        // serde_json stops after the byte that broke the value; a line end that breaks it (as
        // in `433.` at the end of a line) is at column 0 of the next line in its terms, and is
        // reported here where it is, at the end of the line it ends.
        let (error_line, error_column) = match (error.line() as u64, error.column() as u64) {
            (line, 0) if line > 1 => (line - 1, None),
            (line, column) => (line, Some(column)),
        };
        let at_line = line + error_line - 1;
        let at_column = match error_column {
            None => self.line_end_column,
            Some(at) if error_line == 1 => column + at - 1,
            Some(at) => at,
        };
        let what = json_error_text(&error);
        Problem::At {
            line: at_line,
            column: at_column,
            message: format!(
                "the JSON value that starts at line {line} is broken here ({what}); the records \
                 before it were counted, the rest of the file was not read"
            ),
        }
    }
}

impl<R: Read> Read for Stream<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.since_value.get() > MAX_VALUE {
            return Err(io::Error::other(TooLarge(MAX_VALUE)));
        }
        if self.peek()?.is_none() {
            return Ok(0);
        }
        let count = buffer.len().min(self.end - self.start);
        buffer[..count].copy_from_slice(&self.buffer[self.start..self.start + count]);
        self.advance(count);
        Ok(count)
    }
}

/// A sink that starts the count of [`MAX_VALUE`] again with each record or skip.
struct Resetting<'s, S> {
    sink: &'s mut S,
    since_value: Rc<Cell<u64>>,
}

impl<S: Sink> Sink for Resetting<'_, S> {
    fn record(&mut self, record: &Record<'_>) {
        self.since_value.set(0);
        self.sink.record(record);
    }

    fn skip(&mut self) {
        self.since_value.set(0);
        self.sink.skip();
    }

    fn carrier(&mut self) {
        self.sink.carrier();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Tally {
        statuses: Vec<u16>,
        skipped: u64,
    }

    impl Sink for Tally {
        fn record(&mut self, record: &Record<'_>) {
            self.statuses.push(record.status);
        }
        fn skip(&mut self) {
            self.skipped += 1;
        }
    }

    fn count(input: &str) -> Result<(Vec<u16>, u64), String> {
        let mut tally = Tally::default();
        read(&mut input.as_bytes(), &mut tally).map_err(|problem| problem.to_string())?;
        Ok((tally.statuses, tally.skipped))
    }

    #[test]
    fn pretty_records_one_after_another_are_each_read() {
        let input = "{\n  \"SCF_RequestId\": \"a\",\n  \"SCF_StatusCode\": 200\n}\n{\n  \
                     \"SCF_RequestId\": \"b\",\n  \"SCF_StatusCode\": \"433\"\n}\n";
        assert_eq!(count(input), Ok((vec![200, 433], 0)));
    }

    #[test]
    fn documents_arrays_and_scalars_are_read_in_any_layout() {
        let record = r#"{"SCF_RequestId":"a","SCF_StatusCode":200}"#;
        let input = format!("[{record},\n{record}] {record}{record}\n\n7 \"x\" null [\n]\n");
        assert_eq!(count(&input), Ok((vec![200; 4], 3)));
    }

    #[test]
    fn a_document_cut_short_is_an_error_at_its_end_and_keeps_what_came_before() {
        let input = "[\n{\"SCF_RequestId\": \"a\", \"SCF_StatusCode\": 200},\n{\"SCF_Req";
        let mut tally = Tally::default();
        let problem = read(&mut input.as_bytes(), &mut tally).unwrap_err();
        assert_eq!(tally.statuses, [200]);
        let message = problem.to_string();
        assert!(
            message.starts_with("3:10: the input ends inside the JSON value that starts at line 1"),
            "{message}"
        );
    }

    #[test]
    fn a_broken_document_names_the_line_and_column_where_it_broke() {
        let input = "{\"SCF_StatusCode\": 200}\n\n  [\n  {\"SCF_StatusCode\": 200}\n  x\n]\n";
        let message = count(input).unwrap_err();
        assert!(
            message
                .starts_with("5:3: the JSON value that starts at line 3 is broken here (expected"),
            "{message}"
        );
        let message = count("  {\"a\" 1}").unwrap_err();
        assert!(message.starts_with("1:8: "), "{message}");
        // Broken by the line end: where the line ends, not at column 0 of the next.
        let message =
            count("{\n  \"SCF_RequestId\": \"a\",\n  \"SCF_StatusCode\": 433.\n}\n").unwrap_err();
        assert!(message.starts_with("3:25: "), "{message}");
        let message = count("[1,\n2.\n]").unwrap_err();
        assert!(message.starts_with("2:3: "), "{message}");
    }

    #[test]
    fn one_value_over_the_limit_is_an_error_not_a_memory_bomb() {
        let mut reader = std::io::repeat(b' ').take(MAX_VALUE * 2);
        let mut input = (&b"[\"a"[..]).chain(&mut reader);
        let problem = read(&mut input, &mut Tally::default()).unwrap_err();
        assert!(problem.to_string().contains("over 32 MiB"), "{problem}");
    }

    /// A reader that gives one byte at a time, so that a stream reads into its buffer anew for
    /// every byte.
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buffer[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn a_value_broken_at_its_line_end_gives_the_next_line_back_whole() {
        for broken in ["[1, 433.", "[1, 43", "[1, {\"SCF_Req", "[1, tru"] {
            let input = format!("{broken}\n  {{\"SCF_StatusCode\":433}}\nX");
            let bytes = input.as_bytes();
            for one_byte in [false, true] {
                let mut reader: Box<dyn Read> = if one_byte {
                    Box::new(OneByte(bytes))
                } else {
                    Box::new(bytes)
                };
                let mut stream = Stream::new(&mut reader, Vec::new(), 1);
                assert!(
                    stream
                        .values(&mut Tally::default(), Until::LineEnd)
                        .is_err()
                );
                assert_eq!(stream.line(), 2, "{broken:?}");
                // What the stream holds, then what it has not read.
                let (mut rest, line) = stream.into_rest_of_line();
                reader.read_to_end(&mut rest).unwrap();
                assert_eq!(
                    (String::from_utf8(rest).unwrap(), line),
                    ("  {\"SCF_StatusCode\":433}\nX".to_owned(), 2),
                    "{broken:?}, one byte at a time: {one_byte}"
                );
            }
        }
    }

    #[test]
    fn a_stream_up_to_a_line_end_leaves_the_next_line_unread() {
        let input = b"[{\"SCF_StatusCode\":200}] 7\n{\"SCF_StatusCode\":433}\n";
        let mut stream = Stream::new(&input[..], Vec::new(), 1);
        let mut tally = Tally::default();
        stream.values(&mut tally, Until::LineEnd).unwrap();
        assert_eq!((tally.statuses, tally.skipped), (vec![200], 1));
        let (rest, line) = stream.into_rest();
        assert_eq!((&rest[..], line), (&b"{\"SCF_StatusCode\":433}\n"[..], 2));
    }
}
