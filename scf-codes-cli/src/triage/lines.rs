//! JSON Lines: a CLS export in JSON format, or `jq -c` output, one JSON value per line. Read in
//! blocks of whole lines, split with memchr, and parsed in place, no line copied; the blocks are
//! counted on every core, and their counts merged in order.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::Mutex;
use std::sync::mpsc;

use memchr::{memchr, memchr_iter, memrchr};

use super::count::Counter;
use super::object::{feed_json, feed_json_text};

/// The size of a block of lines; a line longer than this grows its block up to [`MAX_LINE`].
const BLOCK: usize = 1 << 20;

/// The longest line read: longer than any CLS log line or trigger event. A longer line is
/// skipped, without being kept.
pub const MAX_LINE: usize = 16 << 20;

/// The most threads that count blocks: past the memory bandwidth, more do not help.
const MAX_WORKERS: usize = 8;

/// What [`blocks`] hands on.
enum Block {
    /// Whole lines, the last one perhaps without its newline.
    Lines(Vec<u8>),
    /// A line over [`MAX_LINE`], dropped.
    TooLong,
}

/// Counts every line of `reader`. A line that is not a record, or a shape that holds records, is
/// skipped; so is a last line cut short.
pub fn read(reader: &mut dyn Read, counter: &mut Counter) -> io::Result<()> {
    let mut blocks = Blocks::new(reader);
    let workers = std::thread::available_parallelism()
        .map_or(1, |count| count.get())
        .min(MAX_WORKERS);
    // An input of one block is counted here: starting threads would cost more than they save.
    let Some(first) = blocks.next()? else {
        return Ok(());
    };
    let second = match blocks.next()? {
        Some(second) if workers > 1 => second,
        second => {
            count_block(first, counter);
            if let Some(second) = second {
                count_block(second, counter);
            }
            while let Some(block) = blocks.next()? {
                count_block(block, counter);
            }
            return Ok(());
        }
    };
    // Bounded: the reader waits rather than reading ahead of the workers.
    let (to_workers, from_reader) = mpsc::sync_channel::<(u64, Vec<u8>)>(workers);
    let from_reader = Mutex::new(from_reader);
    let (to_merge, counted) = mpsc::channel::<(u64, Counter)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (from_reader, to_merge) = (&from_reader, to_merge.clone());
            scope.spawn(move || {
                loop {
                    let next = match from_reader.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok((sequence, lines)) = next else { return };
                    let mut block_counter = Counter::default();
                    count_lines(&lines, &mut block_counter);
                    if to_merge.send((sequence, block_counter)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(to_merge);
        // Counts of blocks that finished before an earlier one, by sequence number.
        let mut waiting = BTreeMap::new();
        let mut next_to_merge = 0;
        let mut merge_ready = |counter: &mut Counter, waiting: &mut BTreeMap<u64, Counter>| {
            while let Some(block_counter) = waiting.remove(&next_to_merge) {
                counter.merge(block_counter);
                next_to_merge += 1;
            }
        };
        let mut sequence = 0;
        let mut hand_on = |block, counter: &mut Counter| match block {
            Block::Lines(lines) => {
                // The workers outlive the reader; a send fails only if all of them panicked.
                let _ = to_workers.send((sequence, lines));
                sequence += 1;
                waiting.extend(counted.try_iter());
                merge_ready(counter, &mut waiting);
            }
            Block::TooLong => counter.skip(),
        };
        hand_on(first, counter);
        hand_on(second, counter);
        let result = loop {
            match blocks.next() {
                Ok(Some(block)) => hand_on(block, counter),
                Ok(None) => break Ok(()),
                Err(error) => break Err(error),
            }
        };
        drop(to_workers);
        waiting.extend(counted.iter());
        merge_ready(counter, &mut waiting);
        result
    })
}

fn count_block(block: Block, counter: &mut Counter) {
    match block {
        Block::Lines(lines) => count_lines(&lines, counter),
        Block::TooLong => counter.skip(),
    }
}

/// What `reader` yields, in blocks of whole lines of about [`BLOCK`] bytes.
struct Blocks<'r> {
    reader: &'r mut dyn Read,
    /// `block[..filled]` holds what was read and not handed on.
    block: Vec<u8>,
    filled: usize,
    /// Inside a line over MAX_LINE, whose bytes are dropped up to its end.
    dropping: bool,
    ended: bool,
}

impl<'r> Blocks<'r> {
    fn new(reader: &'r mut dyn Read) -> Self {
        Blocks {
            reader,
            block: vec![0; BLOCK],
            filled: 0,
            dropping: false,
            ended: false,
        }
    }

    /// The next block, or `None` at the end of the input.
    fn next(&mut self) -> io::Result<Option<Block>> {
        while !self.ended {
            let read = match self.reader.read(&mut self.block[self.filled..]) {
                Ok(read) => read,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if read == 0 {
                self.ended = true;
                if self.filled > 0 {
                    let mut last = std::mem::take(&mut self.block);
                    last.truncate(self.filled);
                    return Ok(Some(Block::Lines(last)));
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
                    return Ok(Some(Block::Lines(lines)));
                }
                None if self.block.len() >= MAX_LINE => {
                    self.filled = 0;
                    self.dropping = true;
                    self.block = vec![0; BLOCK];
                    return Ok(Some(Block::TooLong));
                }
                None => {
                    let grown = (self.block.len() * 2).min(MAX_LINE);
                    self.block.resize(grown, 0);
                }
            }
        }
        Ok(None)
    }
}

/// Counts each line of a block.
fn count_lines(block: &[u8], counter: &mut Counter) {
    let mut start = 0;
    for end in memchr_iter(b'\n', block) {
        line(&block[start..end], counter);
        start = end + 1;
    }
    line(&block[start..], counter);
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
                    feed_json_text(value.get(), counter);
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
