//! A copy of (the start of) a rejected input, kept inside an error without allocating.

/// How many bytes of a rejected input an error keeps.
const CAPACITY: usize = 64;

/// The first [`CAPACITY`] bytes of a string, cut at a character boundary.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct InputCopy {
    bytes: [u8; CAPACITY],
    len: u8,
    truncated: bool,
}

impl InputCopy {
    pub(crate) fn new(text: &str) -> Self {
        let mut end = text.len().min(CAPACITY);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut bytes = [0; CAPACITY];
        bytes[..end].copy_from_slice(&text.as_bytes()[..end]);
        InputCopy {
            bytes,
            // `end` is at most CAPACITY, which fits in a u8.
            len: end as u8,
            truncated: end < text.len(),
        }
    }

    /// The kept text.
    pub(crate) fn as_str(&self) -> &str {
        // `new` copied whole characters of a `&str`, so this cannot fail.
        core::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// Whether the input was longer than what is kept.
    pub(crate) fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// `"text"`, or `"text"…` when truncated, with Rust string escapes.
    pub(crate) fn quoted(&self) -> Quoted<'_> {
        Quoted(self)
    }
}

impl core::fmt::Debug for InputCopy {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.quoted())
    }
}

pub(crate) struct Quoted<'a>(&'a InputCopy);

impl core::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{:?}", self.0.as_str())?;
        if self.0.truncated {
            f.write_str("…")?;
        }
        Ok(())
    }
}
