//! A bound on how much of the input one value may take, so that a reader that must hold a value
//! whole (a JSON element, a CSV row) holds at most that much, however the input is made.

use std::cell::Cell;
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;

/// A reader that fails with [`TooLarge`] once more than `limit` bytes pass without its count
/// being reset: a reader of values resets it after each value, so that no value grows past the
/// limit in memory.
pub struct Bounded<R> {
    inner: R,
    read: Rc<Cell<u64>>,
    limit: u64,
}

impl<R: Read> Bounded<R> {
    /// `inner`, bounded, and the count of bytes read since the last reset: set it to 0 after
    /// each value.
    pub fn new(inner: R, limit: u64) -> (Self, Rc<Cell<u64>>) {
        let read = Rc::new(Cell::new(0));
        let bounded = Bounded {
            inner,
            read: Rc::clone(&read),
            limit,
        };
        (bounded, read)
    }
}

/// The error [`Bounded`] fails with.
#[derive(Debug)]
pub struct TooLarge(pub u64);

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "one value of the input is over {} MiB; split it into JSON Lines, one record a line",
            self.0 >> 20
        )
    }
}

impl std::error::Error for TooLarge {}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        if self.read.get() > self.limit {
            return Err(io::Error::other(TooLarge(self.limit)));
        }
        let read = self.inner.read(buffer)?;
        self.read.set(self.read.get() + read as u64);
        Ok(read)
    }
}
