//! JSON Lines: a CLS export in JSON format, or `jq -c` output, one JSON value per line. Read in
//! blocks of whole lines, split with memchr, and parsed in place, no line copied; the blocks are
//! counted on every core, and their counts merged in order.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::Mutex;
use std::sync::mpsc;

use memchr::{memchr, memchr_iter, memrchr};

use super::object::feed_json;
use super::problem::Problem;
use super::record::Split;
use super::values::{Stream, Until};

/// The size of a block of lines; a line longer than this grows its block up to [`MAX_LINE`].
const BLOCK: usize = 1 << 20;

/// The longest line held whole: longer than any CLS log line or trigger event. A longer line
/// is streamed as JSON values (a one-line array or wrapper of any size), never held whole.
pub const MAX_LINE: usize = 16 << 20;

/// The most threads that count blocks: past the memory bandwidth, more do not help.
const MAX_WORKERS: usize = 8;

/// What [`Blocks`] hands on.
enum Block<S> {
    /// Whole lines, the last one perhaps without its newline.
    Lines(Vec<u8>),
    /// A line over [`MAX_LINE`], already counted as it streamed, and the problem that stopped
    /// the input in it.
    Counted(S, Option<Problem>),
}

/// Counts every line of `reader`. A line that is not a record, or a value that holds records,
/// is skipped; so is a last line cut short.
pub fn read<S: Split>(reader: &mut dyn Read, sink: &mut S) -> Result<(), Problem> {
    read_with_cap(reader, sink, MAX_LINE)
}

/// [`read`], with lines over `max_line` streamed.
fn read_with_cap<S: Split>(
    reader: &mut dyn Read,
    sink: &mut S,
    max_line: usize,
) -> Result<(), Problem> {
    let mut blocks = Blocks::new(reader, max_line);
    let workers = std::thread::available_parallelism()
        .map_or(1, |count| count.get())
        .min(MAX_WORKERS);
    // An input of one block is counted here: starting threads would cost more than they save.
    let Some(first) = blocks.next(&*sink)? else {
        return Ok(());
    };
    let second = match blocks.next(&*sink) {
        Ok(Some(second)) if workers > 1 => second,
        Err(problem) => {
            count_block(first, sink)?;
            return Err(problem);
        }
        Ok(second) => {
            count_block(first, sink)?;
            if let Some(second) = second {
                count_block(second, sink)?;
            }
            while let Some(block) = blocks.next(&*sink)? {
                count_block(block, sink)?;
            }
            return Ok(());
        }
    };
    // Bounded: the reader waits rather than reading ahead of the workers.
    let (to_workers, from_reader) = mpsc::sync_channel::<(u64, Vec<u8>, S)>(workers);
    let from_reader = Mutex::new(from_reader);
    let (to_merge, counted) = mpsc::channel::<(u64, S)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (from_reader, to_merge) = (&from_reader, to_merge.clone());
            scope.spawn(move || {
                loop {
                    let next = match from_reader.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok((sequence, lines, mut part)) = next else {
                        return;
                    };
                    count_lines(&lines, &mut part);
                    if to_merge.send((sequence, part)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(to_merge);
        // Counts of blocks that finished before an earlier one, by sequence number.
        let mut waiting = BTreeMap::new();
        let mut next_to_merge = 0;
        let mut merge_ready = |sink: &mut S, waiting: &mut BTreeMap<u64, S>| {
            while let Some(part) = waiting.remove(&next_to_merge) {
                sink.merge(part);
                next_to_merge += 1;
            }
        };
        let mut sequence = 0;
        let mut hand_on = |block, sink: &mut S| {
            let problem = match block {
                Block::Lines(lines) => {
                    // The workers outlive the reader; a send fails only if all of them panicked.
                    let _ = to_workers.send((sequence, lines, sink.part()));
                    None
                }
                Block::Counted(part, problem) => {
                    waiting.insert(sequence, part);
                    problem
                }
            };
            sequence += 1;
            waiting.extend(counted.try_iter());
            merge_ready(sink, &mut waiting);
            problem
        };
        let mut result = match hand_on(first, sink) {
            Some(problem) => Err(problem),
            None => Ok(()),
        };
        if result.is_ok() {
            result = match hand_on(second, sink) {
                Some(problem) => Err(problem),
                None => Ok(()),
            };
        }
        while result.is_ok() {
            match blocks.next(&*sink) {
                Ok(Some(block)) => {
                    if let Some(problem) = hand_on(block, sink) {
                        result = Err(problem);
                    }
                }
                Ok(None) => break,
                Err(problem) => result = Err(problem),
            }
        }
        drop(to_workers);
        waiting.extend(counted.iter());
        merge_ready(sink, &mut waiting);
        result
    })
}

fn count_block<S: Split>(block: Block<S>, sink: &mut S) -> Result<(), Problem> {
    match block {
        Block::Lines(lines) => count_lines(&lines, sink),
        Block::Counted(part, problem) => {
            sink.merge(part);
            if let Some(problem) = problem {
                return Err(problem);
            }
        }
    }
    Ok(())
}

/// What `reader` yields, in blocks of whole lines of about [`BLOCK`] bytes.
struct Blocks<'r> {
    reader: &'r mut dyn Read,
    /// `block[..filled]` holds what was read and not handed on.
    block: Vec<u8>,
    filled: usize,
    /// The line number of the first line in `block`.
    line: u64,
    /// The longest line held whole.
    max_line: usize,
    /// Inside a broken line over MAX_LINE, whose bytes are dropped up to its end.
    dropping: bool,
    ended: bool,
    /// The rest of the input from a line that opens a JSON value over several lines (`{` or
    /// `[` alone, as `jq .`, tccli and every pretty-printer write), and that line's number:
    /// from there on the input is a stream of values, read to its end.
    values_from: Option<(Vec<u8>, u64)>,
    /// The error that stopped the reader, once the lines before it are handed on.
    failed: Option<io::Error>,
}

impl<'r> Blocks<'r> {
    fn new(reader: &'r mut dyn Read, max_line: usize) -> Self {
        Blocks {
            reader,
            block: vec![0; BLOCK],
            filled: 0,
            line: 1,
            max_line,
            dropping: false,
            ended: false,
            values_from: None,
            failed: None,
        }
    }

    /// The next block, or `None` at the end of the input; a line over the cap is counted
    /// into a part of `sink` as it streams.
    fn next<S: Split>(&mut self, sink: &S) -> Result<Option<Block<S>>, Problem> {
        if let Some(error) = self.failed.take() {
            return Err(error.into());
        }
        if let Some((rest, line)) = self.values_from.take() {
            self.ended = true;
            let mut part = sink.part();
            let mut stream = Stream::new(&mut *self.reader, rest, line);
            let problem = stream.values(&mut part, Until::End).err();
            return Ok(Some(Block::Counted(part, problem)));
        }
        while !self.ended {
            let read = match self.reader.read(&mut self.block[self.filled..]) {
                Ok(read) => read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) if self.filled == 0 => return Err(error.into()),
                Err(error) => {
                    // The lines read before the failure count, and the failure comes next.
                    self.ended = true;
                    self.failed = Some(error);
                    let mut last = std::mem::take(&mut self.block);
                    last.truncate(self.filled);
                    self.filled = 0;
                    return Ok(Some(Block::Lines(last)));
                }
            };
            if read == 0 {
                self.ended = true;
                if self.filled > 0 {
                    let mut last = std::mem::take(&mut self.block);
                    last.truncate(self.filled);
                    let lines = self.until_values_over_lines(last, self.line, Vec::new());
                    return Ok(Some(Block::Lines(lines)));
                }
                return Ok(None);
            }
            let new = self.filled..self.filled + read;
            self.filled += read;
            if self.dropping {
                match memchr(b'\n', &self.block[new.clone()]) {
                    Some(end) => {
                        let rest = new.start + end + 1;
                        self.block.copy_within(rest..self.filled, 0);
                        self.filled -= rest;
                        self.line += 1;
                        self.dropping = false;
                    }
                    None => self.filled = 0,
                }
            }
            if self.filled < self.block.len() {
                continue;
            }
            match memrchr(b'\n', &self.block) {
                Some(last) => {
                    let rest = self.filled - last - 1;
                    let mut next = vec![0; BLOCK.max(2 * rest)];
                    next[..rest].copy_from_slice(&self.block[last + 1..self.filled]);
                    self.filled = rest;
                    let mut lines = std::mem::replace(&mut self.block, next);
                    lines.truncate(last + 1);
                    let first_line = self.line;
                    self.line += memchr_iter(b'\n', &lines).count() as u64;
                    let tail = self.block[..self.filled].to_vec();
                    let lines = self.until_values_over_lines(lines, first_line, tail);
                    return Ok(Some(Block::Lines(lines)));
                }
                None if self.block.len() >= self.max_line => {
                    let mut part = sink.part();
                    let problem = self.stream_long_line(&mut part);
                    return Ok(Some(Block::Counted(part, problem)));
                }
                None => {
                    let grown = (self.block.len() * 2).min(self.max_line);
                    self.block.resize(grown, 0);
                }
            }
        }
        Ok(None)
    }

    /// The lines of `lines` (whose first is line `first_line`) before the first that opens a
    /// JSON value over several lines; from that line on, with `tail` (what was read after
    /// `lines`) and the rest of the reader, the input is read as a stream of values. One-line
    /// values followed by pretty ones (pages appended with `>>`, the first compact) thus count
    /// every record, where reading them as lines would skip all but the first line of each.
    fn until_values_over_lines(
        &mut self,
        mut lines: Vec<u8>,
        first_line: u64,
        tail: Vec<u8>,
    ) -> Vec<u8> {
        let Some((at, line)) = opens_value_over_lines(&lines, first_line) else {
            return lines;
        };
        let mut rest = lines.split_off(at);
        rest.extend_from_slice(&tail);
        self.filled = 0;
        self.values_from = Some((rest, line));
        lines
    }

    /// Counts the line that `block` starts, too long to hold, as a stream of JSON values (a
    /// one-line array or wrapper of any size). A line that breaks is skipped to its end; one
    /// that the input ends inside of, or that cannot be read, is the problem returned.
    fn stream_long_line<S: Split>(&mut self, part: &mut S) -> Option<Problem> {
        let mut start = std::mem::take(&mut self.block);
        start.truncate(self.filled);
        let mut stream = Stream::new(&mut *self.reader, start, self.line);
        let result = stream.values(part, Until::LineEnd);
        let at_end = stream.at_end();
        let (mut rest, line) = stream.into_rest();
        self.line = line;
        let problem = match result {
            Ok(()) => None,
            Err(problem @ Problem::Io(_)) => Some(problem),
            Err(problem) if at_end => Some(problem),
            Err(_) => {
                part.skip();
                match memchr(b'\n', &rest) {
                    Some(end) => {
                        rest.drain(..=end);
                        self.line += 1;
                    }
                    None => {
                        rest.clear();
                        self.dropping = true;
                    }
                }
                None
            }
        };
        self.block = vec![0; BLOCK.max(2 * rest.len())];
        self.block[..rest.len()].copy_from_slice(&rest);
        self.filled = rest.len();
        if problem.is_some() {
            self.ended = true;
        }
        problem
    }
}

/// Where the first line of `lines` that holds only `{` or `[` starts, and its number, when
/// `lines` starts at line `first_line`: a value that goes on over the next lines. Compact JSON
/// never ends a line with an opening bracket, so only the bytes before each line end are
/// looked at.
fn opens_value_over_lines(lines: &[u8], first_line: u64) -> Option<(usize, u64)> {
    let mut start = 0;
    for (index, end) in memchr_iter(b'\n', lines).enumerate() {
        let line = &lines[start..end];
        if matches!(line.trim_ascii_end().last(), Some(b'{' | b'['))
            && matches!(line.trim_ascii(), b"{" | b"[")
        {
            return Some((start, first_line + index as u64));
        }
        start = end + 1;
    }
    None
}

/// Counts each line of a block.
fn count_lines(block: &[u8], sink: &mut impl Split) {
    let mut start = 0;
    for end in memchr_iter(b'\n', block) {
        feed_line(&block[start..end], sink);
        start = end + 1;
    }
    feed_line(&block[start..], sink);
}

/// One line: JSON values, most often one record. Blank lines are not counted.
fn feed_line(bytes: &[u8], sink: &mut impl Split) {
    let bytes = bytes.trim_ascii();
    if !bytes.is_empty() {
        feed_json(bytes, sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::count::Counter;

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
    fn one_line_values_then_pretty_ones_count_every_record() {
        let pretty = "{\n  \"SCF_RequestId\": \"r\",\n  \"SCF_StatusCode\": 433\n}\n";
        let input = format!("{LINE}\n{LINE}\n{pretty}{pretty}{LINE}\n[\n  {LINE}\n]\n");
        assert_eq!(count(input.as_bytes()), (6, 0));
        // Past the first block, and with a pretty value that crosses into the next one.
        let compact = format!("{LINE}\n").repeat(BLOCK / LINE.len() + 3);
        let pretty_records = pretty.repeat(BLOCK / pretty.len() + 5);
        let input = format!("{compact}{pretty_records}");
        let expected = (compact.lines().count() + BLOCK / pretty.len() + 5) as u64;
        assert_eq!(count(input.as_bytes()), (expected, 0));
    }

    #[test]
    fn a_pretty_value_cut_short_after_one_line_values_is_an_error_at_its_line() {
        let input = format!("{LINE}\n{{\n  \"SCF_RequestId\": \"r\",\n");
        let mut counter = Counter::default();
        let problem = read(&mut input.as_bytes(), &mut counter).unwrap_err();
        let message = problem.to_string();
        assert!(
            message.starts_with("4:1: the input ends inside the JSON value that starts at line 2"),
            "{message}"
        );
        assert_eq!(counter.summary().records, 1);
    }

    #[test]
    fn the_lines_before_a_read_error_count() {
        let lines = format!("{LINE}\n").repeat(10);
        for size in [lines.len(), 3 * BLOCK] {
            let input = lines.repeat(size / lines.len());
            let records = input.lines().count() as u64;
            let failing = io::Cursor::new(input).chain(Failing);
            let mut counter = Counter::default();
            let problem = read(&mut { failing }, &mut counter).unwrap_err();
            assert!(problem.to_string().contains("cut short"), "{problem}");
            assert_eq!(counter.summary().records, records);
        }
    }

    struct Failing;

    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("cut short"))
        }
    }

    #[test]
    fn a_line_may_be_an_array_of_records() {
        assert_eq!(count(format!("[{LINE},{LINE},7]\n").as_bytes()), (2, 1));
    }

    #[test]
    fn a_one_line_array_over_the_line_cap_is_streamed_element_by_element() {
        let cap = 2 * BLOCK;
        let elements = cap / LINE.len() + 1000;
        let array = format!("[{}]", vec![LINE; elements].join(","));
        let input = format!("{LINE}\n{array}  7\n{LINE}\n");
        let mut counter = Counter::default();
        read_with_cap(&mut input.as_bytes(), &mut counter, cap).unwrap();
        let summary = counter.summary();
        assert_eq!((summary.records, summary.skipped), (elements as u64 + 2, 1));
        let mut counter = Counter::default();
        let cut = &array[..array.len() - 100];
        let problem = read_with_cap(&mut cut.as_bytes(), &mut counter, cap).unwrap_err();
        assert!(
            problem.to_string().starts_with("1:"),
            "the line number of the cut: {problem}"
        );
        assert!(problem.to_string().contains("cut short"), "{problem}");
        assert!(counter.summary().records > elements as u64 - 10);
    }
}
