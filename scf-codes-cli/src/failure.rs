//! The one error of the command: a message the user can act on.

/// A failure the user can act on: printed on stderr, exit status 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<T: Into<String>> From<T> for Failure {
    fn from(message: T) -> Self {
        Failure(message.into())
    }
}
