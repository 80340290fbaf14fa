//! The one error of reading logs: a message a person can act on, naming the input (and the
//! line) where it went wrong.

use std::fmt;

/// An input that could not be read to its end, or options that do not fit the inputs: what is
/// wrong, where (`logs.csv:9:1`) and how to fix it, in one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// The message, for callers that keep errors as text.
impl From<Error> for String {
    fn from(error: Error) -> String {
        error.0
    }
}
