//! JSON Lines: a CLS export in JSON format, or `jq -c` output, one JSON value per line. Read in
//! blocks of whole lines, split with memchr, and parsed in place, no line copied; the blocks are
//! counted on every core, and their counts merged in order.

use std::collections::BTreeMap;
use std::io::{self, Read};

use memchr::{memchr, memchr_iter, memrchr};

use crate::byte_order::{BOM, line_content};
use crate::flat::Layout;
use crate::object::{Broken as BrokenLine, Counting, feed_json, holds_records};
use crate::problem::Problem;
use crate::record::Split;
use crate::values::{Stream, Until};

/// The size of a block of lines; a line longer than this grows its block up to [`MAX_LINE`].
const BLOCK: usize = 1 << 20;

/// The longest line held whole: longer than any CLS log line or trigger event. A longer line
/// is streamed as JSON values (a one-line array or wrapper of any size), never held whole.
pub const MAX_LINE: usize = 16 << 20;

/// The most threads that count blocks: past the memory bandwidth, more do not help.
const MAX_WORKERS: usize = 8;

/// What [`Blocks`] hands on.
enum Block<S> {
    /// Whole lines, the last one perhaps without its newline, and the number of the first.
    Lines(Vec<u8>, u64),
    /// A line over [`MAX_LINE`], already counted as it streamed, and the problem that stopped
    /// the input in it.
    Counted(S, Option<Problem>),
}

/// Counts every line of `reader`. A line that is not a record, or a value that holds records,
/// is skipped; so is a last line cut short. A line that holds several records and breaks after
/// the first is the problem returned, once every line is counted.
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
    let mut broken = Broken::default();
    let second = match blocks.next(&*sink) {
        Ok(Some(second)) if workers > 1 => second,
        Err(problem) => {
            let counted = blocks.count_here(first, sink, &mut broken);
            return broken.result(counted.and(Err(problem)), 1);
        }
        Ok(second) => {
            let count_all = || {
                blocks.count_here(first, sink, &mut broken)?;
                if let Some(second) = second {
                    blocks.count_here(second, sink, &mut broken)?;
                }
                while let Some(block) = blocks.next(&*sink)? {
                    blocks.count_here(block, sink, &mut broken)?;
                }
                Ok(())
            };
            let result = count_all();
            let stopped_at = broken.here;
            return broken.result(result, stopped_at);
        }
    };
    // Bounded: the reader waits rather than reading ahead of the workers. Each block comes back
    // with its count, and its buffer is read into again.
    let (to_workers, from_reader) = crossbeam_channel::bounded::<(u64, Vec<u8>, u64, S)>(workers);
    let (to_merge, counted) =
        crossbeam_channel::unbounded::<(u64, S, Vec<u8>, Option<BlockBroken>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (from_reader, to_merge) = (from_reader.clone(), to_merge.clone());
            scope.spawn(move || {
                for (sequence, lines, first_line, mut part) in from_reader {
                    let problem = count_lines(&lines, first_line, &mut part);
                    if to_merge.send((sequence, part, lines, problem)).is_err() {
                        return;
                    }
                }
            });
        }
        drop((from_reader, to_merge));
        let mut in_order = InOrder::default();
        let mut sequence = 0;
        let mut next = Ok(Some(first));
        let mut second = Some(second);
        let result = loop {
            let block = match next {
                Ok(Some(block)) => block,
                Ok(None) => break Ok(()),
                Err(problem) => break Err(problem),
            };
            match block {
                Block::Lines(lines, first_line) => {
                    // The workers outlive the reader; a send fails only if all of them panicked.
                    let _ = to_workers.send((sequence, lines, first_line, sink.part()));
                }
                Block::Counted(part, problem) => {
                    in_order.insert(sequence, part, sink);
                    if let Some(problem) = problem {
                        break Err(problem);
                    }
                }
            }
            sequence += 1;
            for (sequence, part, lines, problem) in counted.try_iter() {
                blocks.recycle(lines);
                in_order.insert(sequence, part, sink);
                broken.note(sequence, problem);
            }
            next = match second.take() {
                Some(block) => Ok(Some(block)),
                None => blocks.next(&*sink),
            };
        };
        drop(to_workers);
        for (sequence, part, _, problem) in counted.iter() {
            in_order.insert(sequence, part, sink);
            broken.note(sequence, problem);
        }
        broken.result(result, sequence)
    })
}

/// The lines of one block that held records and broke (see [`crate::object::Broken`]).
struct BlockBroken {
    /// The problem of the first.
    first: Problem,
    /// How many there were.
    lines: u64,
    /// The number of the last.
    last_line: u64,
}

/// The lines that held records and broke, in the order of the input, whichever block and
/// thread they were counted in: the first is the problem, and the others are counted in its
/// message.
#[derive(Default)]
struct Broken {
    /// The first, and the sequence number of its block.
    first: Option<(u64, Problem)>,
    lines: u64,
    /// The number of the last, and the sequence number of its block.
    last: Option<(u64, u64)>,
    /// The sequence number of the next block counted on this thread.
    here: u64,
}

impl Broken {
    /// The broken lines of block `sequence`, if it had any.
    fn note(&mut self, sequence: u64, broken: Option<BlockBroken>) {
        let Some(broken) = broken else {
            return;
        };
        self.lines += broken.lines;
        if self.last.is_none_or(|(last, _)| sequence > last) {
            self.last = Some((sequence, broken.last_line));
        }
        if self
            .first
            .as_ref()
            .is_none_or(|(first, _)| sequence < *first)
        {
            self.first = Some((sequence, broken.first));
        }
    }

    /// What the input's reading ends in: `read`, the problem that stopped it in block
    /// `stopped_at`, or else the first broken line. Where both are, the earlier is the problem
    /// and the other is told in its message.
    fn result(self, read: Result<(), Problem>, stopped_at: u64) -> Result<(), Problem> {
        let Some((sequence, mut first)) = self.first else {
            return read;
        };
        // A problem that stopped the input before the first broken line is the one to tell.
        if read.is_err() && stopped_at < sequence {
            return read;
        }
        if let Problem::At { message, .. } = &mut first {
            if self.lines > 1 {
                let last = self.last.map_or(0, |(_, line)| line);
                message.push_str(&format!(
                    "; {} more lines like it, the last at line {last}",
                    self.lines - 1
                ));
            }
            if let Err(stop) = read {
                message.push_str(&format!("; and then, at {stop}"));
            }
        }
        Err(first)
    }
}

/// Merges the counts of blocks into the sink in the order of the blocks, whatever the order
/// they were counted in.
struct InOrder<S> {
    /// Counts of blocks that finished before an earlier one, by sequence number.
    waiting: BTreeMap<u64, S>,
    /// The sequence number of the next block to merge.
    next: u64,
}

impl<S> Default for InOrder<S> {
    fn default() -> Self {
        InOrder {
            waiting: BTreeMap::new(),
            next: 0,
        }
    }
}

impl<S: Split> InOrder<S> {
    fn insert(&mut self, sequence: u64, part: S, sink: &mut S) {
        self.waiting.insert(sequence, part);
        while let Some(part) = self.waiting.remove(&self.next) {
            sink.merge(part);
            self.next += 1;
        }
    }
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
    /// Buffers of blocks already counted, read into again rather than allocated anew.
    spare: Vec<Vec<u8>>,
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
            spare: Vec::new(),
        }
    }

    /// Takes back the buffer of a block that was counted.
    fn recycle(&mut self, buffer: Vec<u8>) {
        // As many as the blocks in flight; a buffer grown for a long line is let go.
        if self.spare.len() < 2 * MAX_WORKERS && buffer.capacity() <= 2 * BLOCK {
            self.spare.push(buffer);
        }
    }

    /// A buffer of `len` bytes, a spare one when there is one. Its content is not cleared:
    /// only what is read into it is ever looked at.
    fn buffer(&mut self, len: usize) -> Vec<u8> {
        let mut buffer = self.spare.pop().unwrap_or_default();
        buffer.resize(len, 0);
        buffer
    }

    /// Counts `block` on this thread.
    fn count_here<S: Split>(
        &mut self,
        block: Block<S>,
        sink: &mut S,
        broken: &mut Broken,
    ) -> Result<(), Problem> {
        let sequence = broken.here;
        broken.here += 1;
        match block {
            Block::Lines(lines, first_line) => {
                let problem = count_lines(&lines, first_line, sink);
                broken.note(sequence, problem);
                self.recycle(lines);
            }
            Block::Counted(part, problem) => {
                sink.merge(part);
                if let Some(problem) = problem {
                    return Err(problem);
                }
            }
        }
        Ok(())
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
                    return Ok(Some(Block::Lines(last, self.line)));
                }
            };
            if read == 0 {
                self.ended = true;
                if self.filled > 0 {
                    let mut last = std::mem::take(&mut self.block);
                    last.truncate(self.filled);
                    self.filled = 0;
                    let lines = match opens_value_over_lines(&last, self.line) {
                        Ok(_) => last,
                        Err(opens) => self.values_over_lines(last, opens),
                    };
                    return Ok(Some(Block::Lines(lines, self.line)));
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
                    let mut next = self.buffer(BLOCK.max(2 * rest));
                    next[..rest].copy_from_slice(&self.block[last + 1..self.filled]);
                    self.filled = rest;
                    let mut lines = std::mem::replace(&mut self.block, next);
                    lines.truncate(last + 1);
                    let first_line = self.line;
                    let lines = match opens_value_over_lines(&lines, self.line) {
                        Ok(count) => {
                            self.line += count;
                            lines
                        }
                        Err(opens) => self.values_over_lines(lines, opens),
                    };
                    return Ok(Some(Block::Lines(lines, first_line)));
                }
                None if self.block.len() > self.max_line => {
                    let mut part = sink.part();
                    let problem = self.stream_long_line(&mut part);
                    return Ok(Some(Block::Counted(part, problem)));
                }
                None => {
                    // A line of `max_line` bytes and its line end fit.
                    let grown = (self.block.len() * 2).min(self.max_line + 1);
                    self.block.resize(grown, 0);
                }
            }
        }
        Ok(None)
    }

    /// The lines of `lines` before `opens`, the first that opens a JSON value over several
    /// lines (see [`opens_value_over_lines`]); from that line on, with what was read after
    /// `lines` and the rest of the reader, the input is read as a stream of values. One-line
    /// values followed by pretty ones (pages appended with `>>`, the first compact) thus count
    /// every record, where reading them as lines would skip all but the first line of each.
    fn values_over_lines(&mut self, mut lines: Vec<u8>, (at, line): (usize, u64)) -> Vec<u8> {
        let mut rest = lines.split_off(at);
        // The mark of a pretty file joined after one-line values is white space.
        if rest.starts_with(BOM) {
            rest.drain(..BOM.len());
        }
        rest.extend_from_slice(&self.block[..self.filled]);
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
        // White space and a byte-order mark before the line's value (files concatenated, each
        // with its mark) are passed over, as on a line held whole.
        let lead = line_content(&start);
        let opens_records = holds_records(lead);
        start.drain(..start.len() - lead.len());
        let mut stream = Stream::new(&mut *self.reader, start, self.line);
        let mut counting = Counting::new(&mut *part);
        let result = stream.values(&mut counting, Until::LineEnd);
        // The input ending inside the line, or a value too large to be a record, stops the
        // input, as in any other stream; so does a line of records that breaks after the first,
        // as a value over several lines does. A line that is only broken is skipped.
        let stops = stream.cut_short()
            || stream.over_limit()
            || (result.is_err() && (counting.holds_records() || opens_records));
        let broken_at_its_end = stream.line() > self.line;
        let (mut rest, line) = if broken_at_its_end {
            stream.into_rest_of_line()
        } else {
            stream.into_rest()
        };
        self.line = line;
        let problem = match result {
            Ok(()) => None,
            Err(problem @ Problem::Io(_)) => Some(problem),
            Err(problem) if stops => Some(problem),
            // The line end that broke the value was read with it: the rest is the next line.
            Err(_) if broken_at_its_end => {
                part.skip();
                None
            }
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
        self.block = self.buffer(BLOCK.max(2 * rest.len()));
        self.block[..rest.len()].copy_from_slice(&rest);
        self.filled = rest.len();
        if problem.is_some() {
            self.ended = true;
        }
        problem
    }
}

/// How many line ends `lines` holds, when no line of it holds only `{` or `[`; else where the
/// first such line starts, and its number, when `lines` starts at line `first_line`: a value
/// that goes on over the next lines. Compact JSON never ends a line with an opening bracket,
/// so only the bytes before each line end are looked at.
fn opens_value_over_lines(lines: &[u8], first_line: u64) -> Result<u64, (usize, u64)> {
    let mut start = 0;
    let mut count = 0;
    for end in memchr_iter(b'\n', lines) {
        let line = &lines[start..end];
        // A file joined after this one may start with a byte-order mark.
        let line = line.strip_prefix(BOM).unwrap_or(line);
        if matches!(line.trim_ascii_end().last(), Some(b'{' | b'['))
            && matches!(line.trim_ascii(), b"{" | b"[")
        {
            return Err((start, first_line + count));
        }
        start = end + 1;
        count += 1;
    }
    Ok(count)
}

/// Counts each line of a block whose first line is line `first_line`; the lines that held
/// records and broke are returned, and the lines after them are counted still.
fn count_lines(block: &[u8], first_line: u64, sink: &mut impl Split) -> Option<BlockBroken> {
    let mut layout = Layout::default();
    let mut start = 0;
    let mut line = first_line;
    let mut broken: Option<BlockBroken> = None;
    let mut feed = |bytes: &[u8], line: u64| {
        if let Err(line_broken) = feed_line(bytes, &mut layout, sink) {
            match &mut broken {
                Some(broken) => {
                    broken.lines += 1;
                    broken.last_line = line;
                }
                None => {
                    broken = Some(BlockBroken {
                        first: line_broken.at(line),
                        lines: 1,
                        last_line: line,
                    });
                }
            }
        }
    };
    for end in memchr_iter(b'\n', block) {
        feed(&block[start..end], line);
        start = end + 1;
        line += 1;
    }
    feed(&block[start..], line);
    broken
}

/// One line: JSON values, most often one record. Blank lines are not counted. A byte-order
/// mark at its start is white space: files that each start with one, concatenated, put one at
/// the start of a line. The column of a break is counted from the line's first byte.
fn feed_line(bytes: &[u8], layout: &mut Layout, sink: &mut impl Split) -> Result<(), BrokenLine> {
    let lead = line_content(bytes);
    let line = lead.trim_ascii_end();
    if line.is_empty() {
        return Ok(());
    }
    feed_json(line, layout, sink).map_err(|broken| BrokenLine {
        column: broken.column + (bytes.len() - lead.len()) as u64,
        ..broken
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::count::Counter;

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
        // Two files joined, the pretty one starting with a byte-order mark.
        let input = format!("{LINE}\n{LINE}\n\u{feff}{pretty}{pretty}");
        assert_eq!(count(input.as_bytes()), (4, 0));
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

    #[test]
    fn a_line_cut_short_over_the_cap_is_an_error_even_after_another_long_line() {
        let cap = 2 * BLOCK;
        let elements = cap / LINE.len() + 100;
        let array = format!("[{}]", vec![LINE; elements].join(","));
        for before in ["", &*format!("{array}\n")] {
            let input = format!("{LINE}\n{before}{}", &array[..array.len() - 10]);
            let mut counter = Counter::default();
            let problem = read_with_cap(&mut input.as_bytes(), &mut counter, cap).unwrap_err();
            assert!(problem.to_string().contains("cut short"), "{problem}");
        }
    }

    #[test]
    fn a_line_of_exactly_the_cap_is_held_whole() {
        let cap = 2 * BLOCK;
        // An array cut short at the end of the input: held whole, it is a line of records that
        // breaks after the one it holds; streamed, an input cut short.
        let cut = format!("[{LINE},{}", " ".repeat(cap - LINE.len() - 2));
        assert_eq!(cut.len(), cap);
        let input = format!("{LINE}\n{cut}");
        let mut counter = Counter::default();
        let problem = read_with_cap(&mut input.as_bytes(), &mut counter, cap).unwrap_err();
        assert!(
            problem
                .to_string()
                .contains("the record before it was counted"),
            "{problem}"
        );
        let summary = counter.summary();
        assert_eq!((summary.records, summary.skipped), (2, 0));
        let input = format!("{LINE}\n{cut} ");
        let mut counter = Counter::default();
        let problem = read_with_cap(&mut input.as_bytes(), &mut counter, cap).unwrap_err();
        assert!(problem.to_string().contains("cut short"), "{problem}");
    }

    #[test]
    fn a_record_over_the_value_limit_on_a_long_line_stops_the_input() {
        let huge = format!(
            r#"{{"SCF_RequestId":"r","SCF_StatusCode":200,"SCF_Message":"{}"}}"#,
            "x".repeat(super::super::values::MAX_VALUE as usize + 10)
        );
        let input = format!("{LINE}\n{huge}\n{LINE}\n");
        let mut counter = Counter::default();
        let problem = read_with_cap(&mut input.as_bytes(), &mut counter, 2 * BLOCK).unwrap_err();
        assert!(problem.to_string().contains("over 32 MiB"), "{problem}");
        assert_eq!(counter.summary().records, 1);
    }

    /// A long line of records that breaks stops the input there, as a value over several lines
    /// does: the records after the break cannot be counted. A long line that is not an array
    /// of records and breaks is skipped, and the next line read.
    #[test]
    fn a_long_line_of_records_broken_at_its_line_end_stops_the_input() {
        let cap = 2 * BLOCK;
        let elements = cap / LINE.len() + 100;
        let start = format!("[{}", vec![LINE; elements].join(","));
        // Each end breaks the line's array, some only at the next line's first byte; `43` is
        // an element of its own, skipped before the array breaks. After `43` only white space
        // follows to the end of the input: the input ends inside the array.
        for (end, skipped, open) in [
            (", {\"SCF_Req", 1, false),
            (", 433.", 1, false),
            (", tru", 1, false),
            ("x", 1, false),
            (", 43", 2, true),
            (", 43 ", 2, true),
        ] {
            for last in [
                format!("\n{LINE}\n"),
                format!("\r\n  {LINE}\n"),
                "\n".to_owned(),
            ] {
                let input = format!("{start}{end}{last}");
                let mut counter = Counter::default();
                let problem = read_with_cap(&mut input.as_bytes(), &mut counter, cap).unwrap_err();
                let expected = if open && last == "\n" {
                    "cut short"
                } else {
                    "broken here"
                };
                assert!(problem.to_string().contains(expected), "{problem}");
                let summary = counter.summary();
                assert_eq!(
                    (summary.records, summary.skipped),
                    (elements as u64, skipped - 1),
                    "{end:?} {last:?}"
                );
            }
        }
        // A long line that holds no record and breaks is skipped.
        let text = format!("x{}\n{LINE}\n", "y".repeat(cap + 10));
        assert_eq!(
            {
                let mut counter = Counter::default();
                read_with_cap(&mut text.as_bytes(), &mut counter, cap).unwrap();
                let summary = counter.summary();
                (summary.records, summary.skipped)
            },
            (1, 1)
        );
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

    /// A one-line array (as `jq -c -s` writes) that breaks after some records is an error at
    /// its line and column, in whichever block and on whichever thread it is counted, and the
    /// lines after it are counted still; a line of text that starts with a bracket is skipped.
    #[test]
    fn a_line_of_records_that_breaks_is_an_error_at_its_line_and_the_rest_is_counted() {
        let broken = format!("[{LINE},{LINE},{{\"SCF_StatusCode\":1e400}},{LINE}]");
        for before in [0, 3, 3 * BLOCK / (LINE.len() + 1)] {
            let mut input = format!("{LINE}\n").repeat(before);
            input.push_str(&format!("\u{feff} {broken}\n"));
            input.push_str(&format!("{LINE}\n").repeat(5));
            input.push_str("[INFO] not JSON\n");
            let mut counter = Counter::default();
            let problem = read(&mut input.as_bytes(), &mut counter).unwrap_err();
            let Problem::At {
                line,
                column,
                message,
            } = &problem
            else {
                panic!("{problem}")
            };
            assert_eq!(*line, before as u64 + 1);
            // The end of the number, after the mark (3 bytes) and the space.
            assert_eq!(*column, 4 + broken.find("1e400").unwrap() as u64 + 5);
            assert!(
                message.contains("the 2 records before it were counted"),
                "{message}"
            );
            let summary = counter.summary();
            assert_eq!(
                (summary.records, summary.skipped),
                (before as u64 + 2 + 5, 1)
            );
        }
    }

    /// Lines of text that start with a bracket, and arrays of anything but records, are lines
    /// that are not records: skipped, never an error.
    #[test]
    fn a_line_of_text_that_starts_with_a_bracket_is_skipped() {
        // One thing skipped for each, or each element read before it broke.
        for (text, skipped) in [
            ("[2026-12-05 10:00:00] INFO start", 1),
            ("[1/3] Building", 1),
            ("[200 OK] GET /", 1),
            ("[0.5s] done", 1),
            ("[1,2,x", 2),
            ("[INFO] start", 1),
        ] {
            let input = format!("{text}\n{LINE}\n");
            let mut counter = Counter::default();
            read(&mut input.as_bytes(), &mut counter).unwrap();
            let summary = counter.summary();
            assert_eq!((summary.records, summary.skipped), (1, skipped), "{text}");
        }
    }

    /// A wrapper on one line (a SearchLog response, tccli's output of it, a trigger event and
    /// its decoded form) that breaks is an error, even inside its first record.
    #[test]
    fn a_wrapper_on_one_line_that_breaks_is_an_error_even_at_its_first_record() {
        let log_json = serde_json::to_string(LINE).unwrap();
        let good = format!(r#"{{"Time":1653523171000,"LogJson":{log_json}}}"#);
        let bad = r#"{"Time":1e400,"LogJson":"{}"}"#;
        let content = format!(r#"{{"timestamp":1653523171000,"content":{log_json}}}"#);
        let bad_content = r#"{"timestamp":1e400,"content":"{}"}"#;
        for (wrapper, counted) in [
            (format!(r#"{{"Response":{{"Results":[{bad},{good}]}}}}"#), 0),
            (
                format!(r#"{{"Results":[{good},{bad},{good}],"Context":""}}"#),
                1,
            ),
            (format!(r#"{{"records":[{bad_content},{content}]}}"#), 0),
        ] {
            let input = format!("{wrapper}\n{LINE}\n");
            let mut counter = Counter::default();
            let problem = read(&mut input.as_bytes(), &mut counter).unwrap_err();
            assert!(problem.to_string().starts_with("1:"), "{problem}");
            assert_eq!(counter.summary().records, counted + 1, "{wrapper}");
        }
    }

    /// A CLS trigger event whose logs break after some records is an error: the rest of its
    /// logs cannot be counted.
    #[test]
    fn a_trigger_event_whose_logs_break_is_an_error() {
        use base64::Engine as _;
        let log_json = serde_json::to_string(LINE).unwrap();
        let content = format!(r#"{{"timestamp":1653523171000,"content":{log_json}}}"#);
        let logs = format!(r#"{{"records":[{content},{content},{{"timestamp":1e400}}]}}"#);
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gzip, logs.as_bytes()).unwrap();
        let data = base64::engine::general_purpose::STANDARD.encode(gzip.finish().unwrap());
        let input = format!("{{\"clslogs\":{{\"data\":\"{data}\"}}}}\n{LINE}\n");
        let mut counter = Counter::default();
        let problem = read(&mut input.as_bytes(), &mut counter).unwrap_err();
        assert!(
            problem
                .to_string()
                .contains("in the logs of its trigger event")
                && problem.to_string().contains("the 2 records before it"),
            "{problem}"
        );
        assert_eq!(counter.summary().records, 3);
    }

    /// Every broken line is counted in the message of the first, and a problem that stops the
    /// input later is told too: whichever block or thread each was found in.
    #[test]
    fn the_first_broken_line_tells_the_others_and_what_stopped_the_input() {
        let broken = format!("[{LINE},{{\"SCF_StatusCode\":1e400}}]");
        let filler = format!("{LINE}\n").repeat(BLOCK / LINE.len());
        let input = format!("{broken}\n{filler}{broken}\n{filler}{broken}\n{LINE}\n{{\n");
        let mut counter = Counter::default();
        let problem = read(&mut input.as_bytes(), &mut counter).unwrap_err();
        let text = problem.to_string();
        assert!(text.starts_with("1:"), "{text}");
        let last = 1 + 2 * (BLOCK / LINE.len()) as u64 + 2;
        assert!(
            text.contains(&format!("2 more lines like it, the last at line {last}")),
            "{text}"
        );
        assert!(
            text.contains("and then, at") && text.contains("cut short"),
            "{text}"
        );
    }

    /// A line over the cap after a byte-order mark and white space (files concatenated, each
    /// with its mark) is read as any line is.
    #[test]
    fn a_long_line_after_a_byte_order_mark_is_read() {
        let cap = 2 * BLOCK;
        let elements = cap / LINE.len() + 100;
        let array = format!("[{}]", vec![LINE; elements].join(","));
        let input = format!("{LINE}\n\u{feff} {array}\n{LINE}\n");
        let mut counter = Counter::default();
        read_with_cap(&mut input.as_bytes(), &mut counter, cap).unwrap();
        assert_eq!(counter.summary().records, elements as u64 + 2);
    }

    #[test]
    fn a_line_of_records_broken_at_its_first_is_an_error_too() {
        let input = format!("[{{\"SCF_StatusCode\":\"\\ud800\"}},{LINE}]\n{LINE}\n");
        let mut counter = Counter::default();
        let problem = read(&mut input.as_bytes(), &mut counter).unwrap_err();
        assert!(
            problem.to_string().starts_with("1:")
                && problem
                    .to_string()
                    .contains("nothing before it was counted"),
            "{problem}"
        );
        assert_eq!(counter.summary().records, 1);
    }

    /// Bytes that are not UTF-8 in a text triage does not read (a message in GBK) do not cost
    /// the record, alone on its line or in an array; in a text it reads, the record is skipped.
    #[test]
    fn bytes_that_are_not_utf8_cost_only_a_record_whose_keys_hold_them() {
        let gbk = b"\xb3\xac\xca\xb1";
        let mut message =
            br#"{"SCF_RequestId":"r","SCF_StatusCode":"433","SCF_Message":""#.to_vec();
        message.extend_from_slice(gbk);
        message.extend_from_slice(b"\"}");
        let mut input = message.clone();
        input.push(b'\n');
        input.push(b'[');
        input.extend_from_slice(&message);
        input.push(b',');
        input.extend_from_slice(&message);
        input.extend_from_slice(b"]\n");
        input.extend_from_slice(br#"{"SCF_RequestId":""#);
        input.extend_from_slice(gbk);
        input.extend_from_slice(br#"","SCF_StatusCode":"433"}"#);
        assert_eq!(count(&input), (3, 1));
    }

    #[test]
    fn a_one_line_array_over_the_line_cap_that_breaks_stops_the_input_at_its_line() {
        let cap = 2 * BLOCK;
        let elements = cap / LINE.len() + 1000;
        let mut array = vec![LINE.to_owned(); elements];
        array[elements - 10] = "{\"SCF_StatusCode\":1e400}".to_owned();
        let input = format!("{LINE}\n[{}]\n{LINE}\n", array.join(","));
        let mut counter = Counter::default();
        let problem = read_with_cap(&mut input.as_bytes(), &mut counter, cap).unwrap_err();
        assert!(problem.to_string().starts_with("2:"), "{problem}");
        assert!(problem.to_string().contains("broken here"), "{problem}");
        assert_eq!(counter.summary().records, elements as u64 - 10 + 1);
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
