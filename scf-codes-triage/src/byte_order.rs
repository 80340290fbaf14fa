//! The UTF-8 byte-order mark, which Windows tools write first in a file, read as white space
//! wherever a line starts: files that each start with one, concatenated (`cat`, gzip members,
//! pages appended), hold one at the start of a later line.

use std::io::{self, Read};

use memchr::{memchr, memmem, memrchr};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `line` from its first byte of content: past white space, a byte-order mark and the white
/// space after it.
pub fn line_content(line: &[u8]) -> &[u8] {
    let line = line.trim_ascii_start();
    line.strip_prefix(BOM).unwrap_or(line).trim_ascii_start()
}

/// A line end followed by a byte-order mark.
const LINE_END_BOM: &[u8] = b"\n\xEF\xBB\xBF";

/// What is read through it is what `inner` holds, without the byte-order marks that start a
/// line: a stream reader (JSON values, CSV) then sees white space where a file was joined to
/// the one before.
pub struct WithoutLineStartMarks<R> {
    inner: R,
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
    at_end: bool,
    at_line_start: bool,
}

impl<R: Read> WithoutLineStartMarks<R> {
    /// Reads `inner`, which starts at the start of a line.
    pub fn new(inner: R) -> Self {
        WithoutLineStartMarks {
            inner,
            buffer: vec![0; 64 << 10].into_boxed_slice(),
            start: 0,
            end: 0,
            at_end: false,
            at_line_start: true,
        }
    }

    /// Buffers at least a mark's length of bytes, unless the input ends first.
    fn fill(&mut self) -> io::Result<()> {
        while self.end - self.start < BOM.len() && !self.at_end {
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            match self.inner.read(&mut self.buffer[self.end..])? {
                0 => self.at_end = true,
                read => self.end += read,
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for WithoutLineStartMarks<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        self.fill()?;
        if self.at_line_start && self.buffer[self.start..self.end].starts_with(BOM) {
            self.start += BOM.len();
            self.fill()?;
        }
        self.at_line_start = false;
        let buffered = &self.buffer[self.start..self.end];
        let mut take = buffered.len().min(out.len());
        // Up to the first line end that a mark follows; or, when a line end near the end of
        // what is taken has too few bytes after it to tell, up to that line end.
        if let Some(at) = memmem::find(buffered, LINE_END_BOM).filter(|&at| at < take) {
            take = at + 1;
            self.at_line_start = true;
        } else if let Some(at) = memrchr(b'\n', &buffered[take.saturating_sub(BOM.len())..take])
            .map(|at| at + take.saturating_sub(BOM.len()))
            .filter(|&at| at + 1 + BOM.len() > buffered.len())
        {
            take = at + 1;
            self.at_line_start = true;
        } else if take < buffered.len() {
            // The next read starts a line when what is taken ends one.
            self.at_line_start = memchr(b'\n', &buffered[take - 1..take]).is_some();
        }
        out[..take].copy_from_slice(&buffered[..take]);
        self.start += take;
        Ok(take)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `input` through the filter in reads of `size` bytes.
    fn filtered(input: &[u8], size: usize) -> Vec<u8> {
        let mut reader = WithoutLineStartMarks::new(input);
        let mut out = Vec::new();
        let mut chunk = vec![0; size];
        loop {
            let read = reader.read(&mut chunk).unwrap();
            if read == 0 {
                return out;
            }
            out.extend_from_slice(&chunk[..read]);
        }
    }

    #[test]
    fn marks_at_the_start_of_lines_are_dropped_and_others_kept() {
        let input = "\u{feff}a,b\n1,2\n\u{feff}a,b\r\n3,\u{feff}4\n\u{feff}".as_bytes();
        for size in [1, 2, 3, 4, 5, 7, 64, 100_000] {
            assert_eq!(
                filtered(input, size),
                "a,b\n1,2\na,b\r\n3,\u{feff}4\n".as_bytes(),
                "reads of {size} bytes"
            );
        }
    }
}
