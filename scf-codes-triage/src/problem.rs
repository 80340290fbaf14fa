//! What can go wrong reading one input, before the input's name is put in front of it.

use std::fmt;
use std::io;

/// What serde_json found wrong, without the place it appends ("at line 1 column 9"): the
/// caller says where, in the input's terms.
pub fn json_error_text(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rsplit_once(" at line ") {
        Some((what, _)) => what.to_owned(),
        None => text,
    }
}

/// Why one input could not be read to its end. The records read before it still count.
#[derive(Debug)]
pub enum Problem {
    /// The input could not be read, or a compressed stream or archive in it is broken.
    Io(io::Error),
    /// The input is broken at a place in it: a JSON document that breaks or is cut short, or a
    /// CSV quote that is never closed.
    At {
        /// The line, from 1.
        line: u64,
        /// The column, in bytes from 1.
        column: u64,
        /// What is wrong, and what to do about it.
        message: String,
    },
}

impl From<io::Error> for Problem {
    fn from(error: io::Error) -> Self {
        Problem::Io(error)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Io(error) => write!(f, "{error}"),
            Problem::At {
                line,
                column,
                message,
            } => write!(f, "{line}:{column}: {message}"),
        }
    }
}
