//! JSON Lines: a CLS export in JSON format, or `jq -c` output, one JSON value per line. Read in
//! large blocks, split with memchr, and parsed in place: no line is copied.

use std::io::{self, Read};

use memchr::memchr;

use super::count::Counter;
use super::object::feed_json;

/// The block read at a time; a line longer than this grows the buffer up to [`MAX_LINE`].
const BLOCK: usize = 1 << 20;

/// The longest line read: longer than any CLS log line or trigger event. A longer line is
/// skipped, without being kept.
pub const MAX_LINE: usize = 32 << 20;

/// Counts every line of `reader`. A line that is not a record, or a shape that holds records, is
/// skipped; so is a last line cut short.
pub fn read(reader: &mut dyn Read, counter: &mut Counter) -> io::Result<()> {
    let mut buffer = vec![0; BLOCK];
    // The bytes of `buffer[..end]` are read, and those before `start` are counted.
    let mut start = 0;
    let mut end = 0;
    // Inside a line over MAX_LINE, whose bytes are dropped up to its end.
    let mut dropping = false;
    loop {
        while let Some(newline) = memchr(b'\n', &buffer[start..end]) {
            if dropping {
                dropping = false;
            } else {
                line(&buffer[start..start + newline], counter);
            }
            start += newline + 1;
        }
        buffer.copy_within(start..end, 0);
        end -= start;
        start = 0;
        if end == buffer.len() {
            if buffer.len() < MAX_LINE {
                buffer.resize((buffer.len() * 2).min(MAX_LINE), 0);
            } else {
                if !dropping {
                    counter.skip();
                    dropping = true;
                }
                end = 0;
            }
        }
        let read = match reader.read(&mut buffer[end..]) {
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if read == 0 {
            if end > 0 && !dropping {
                line(&buffer[..end], counter);
            }
            return Ok(());
        }
        end += read;
    }
}

/// One line: a JSON object, or an array of them. Blank lines are not counted.
fn line(bytes: &[u8], counter: &mut Counter) {
    let bytes = bytes.trim_ascii();
    if bytes.is_empty() {
        return;
    }
    if bytes[0] == b'[' {
        match serde_json::from_slice::<Vec<&serde_json::value::RawValue>>(bytes) {
            Ok(values) => {
                for value in values {
                    feed_json(value.get().as_bytes(), counter);
                }
            }
            Err(_) => counter.skip(),
        }
    } else {
        feed_json(bytes, counter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(input: &[u8]) -> (u64, u64) {
        let mut counter = Counter::default();
        read(&mut &input[..], &mut counter).unwrap();
        let summary = counter.summary();
        (summary.records, summary.skipped)
    }

    const LINE: &str = r#"{"SCF_RequestId":"r","SCF_StatusCode":"200"}"#;

    #[test]
    fn lines_with_and_without_a_last_newline_are_read() {
        assert_eq!(count(format!("{LINE}\n{LINE}\n").as_bytes()), (2, 0));
        assert_eq!(count(format!("{LINE}\r\n{LINE}").as_bytes()), (2, 0));
        assert_eq!(count(format!("\n\n{LINE}\n\n").as_bytes()), (1, 0));
    }

    #[test]
    fn garbage_and_a_truncated_last_line_are_skipped() {
        let input = format!("not json\n{LINE}\n{{\"SCF_RequestId\":\"r\",\"SCF_Sta");
        assert_eq!(count(input.as_bytes()), (1, 2));
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_once_and_the_next_is_read() {
        let mut input = vec![b'a'; MAX_LINE + BLOCK + 7];
        input.push(b'\n');
        input.extend_from_slice(LINE.as_bytes());
        assert_eq!(count(&input), (1, 1));
    }

    #[test]
    fn lines_that_cross_blocks_are_whole() {
        let input = format!("{LINE}\n").repeat(BLOCK / LINE.len() * 3);
        let lines = input.lines().count() as u64;
        assert_eq!(count(input.as_bytes()), (lines, 0));
    }

    #[test]
    fn a_line_may_be_an_array_of_records() {
        assert_eq!(count(format!("[{LINE},{LINE},7]\n").as_bytes()), (2, 1));
    }
}
