//! The limits that Tencent's table documents, as typed constants generated from the
//! `[[limit]]` entries of `codes.toml`, and preflight checks that catch 406 and 407 before an
//! invocation.
//!
//! "MB" and "KB" are binary units, as SCF counts them: 6 MB is 6 × 1024 × 1024 = 6,291,456
//! bytes. A size equal to a limit is within it.
//!
//! ```
//! use scf_codes::Code;
//! use scf_codes::limits::{self, Invocation};
//!
//! let event = br#"{"key": "value"}"#;
//! assert_eq!(limits::check_event_size(event.len() as u64, Invocation::Sync), Ok(()));
//! let too_large = limits::check_event_size(200 * 1024, Invocation::Async).unwrap_err();
//! assert_eq!(too_large.code(), Code::RequestTooLarge);
//! assert_eq!(too_large.limit(), limits::ASYNC_EVENT_MAX_BYTES);
//! assert_eq!(limits::check_response_size(7 << 20).unwrap_err().code(), Code::ResponseTooLarge);
//! assert_eq!(limits::LISTEN_PORT, 9000);
//! ```

use core::fmt;

use crate::Code;

scf_codes_macros::limits!("codes.toml");

/// How a function is invoked, which sets the largest event it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Invocation {
    /// A synchronous invocation: events up to [`SYNC_EVENT_MAX_BYTES`].
    Sync,
    /// An asynchronous invocation: events up to [`ASYNC_EVENT_MAX_BYTES`].
    Async,
}

impl Invocation {
    /// The largest event, in bytes, this kind of invocation accepts.
    pub const fn max_event_bytes(self) -> u64 {
        match self {
            Invocation::Sync => SYNC_EVENT_MAX_BYTES,
            Invocation::Async => ASYNC_EVENT_MAX_BYTES,
        }
    }

    /// `synchronous` or `asynchronous`.
    pub const fn adjective(self) -> &'static str {
        match self {
            Invocation::Sync => "synchronous",
            Invocation::Async => "asynchronous",
        }
    }
}

/// What a size limit applies to: the event of an invocation, or the function's response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Payload {
    /// The event sent with an invocation of this kind.
    Event(Invocation),
    /// The function's response.
    Response,
}

impl Payload {
    /// The largest size, in bytes, SCF accepts for this payload.
    pub const fn max_bytes(self) -> u64 {
        match self {
            Payload::Event(invocation) => invocation.max_event_bytes(),
            Payload::Response => RESPONSE_MAX_BYTES,
        }
    }

    /// The status code SCF answers when the payload is too large: 406 `RequestTooLarge` for an
    /// event, 407 `ResponseTooLarge` for a response.
    pub const fn code(self) -> Code {
        match self {
            Payload::Event(_) => Code::RequestTooLarge,
            Payload::Response => Code::ResponseTooLarge,
        }
    }
}

/// A payload over its size limit: what it is, its size and the limit, and the status code SCF
/// would answer with.
///
/// ```
/// use scf_codes::Code;
/// use scf_codes::limits::{self, Invocation, Payload};
///
/// let error = limits::check_event_size(200_003, Invocation::Async).unwrap_err();
/// assert_eq!(error.code(), Code::RequestTooLarge);
/// assert_eq!((error.size(), error.limit()), (200_003, 131_072));
/// assert_eq!(error.payload(), Payload::Event(Invocation::Async));
/// assert_eq!(
///     error.to_string(),
///     "the event is 200003 bytes, over the asynchronous limit of 131072 bytes (128 KB)"
/// );
/// assert_eq!(Code::from(error), Code::RequestTooLarge);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SizeError {
    payload: Payload,
    size: u64,
}

impl SizeError {
    /// What is too large.
    pub const fn payload(&self) -> Payload {
        self.payload
    }

    /// The kind of invocation whose event is too large; `None` for a response.
    pub const fn invocation(&self) -> Option<Invocation> {
        match self.payload {
            Payload::Event(invocation) => Some(invocation),
            Payload::Response => None,
        }
    }

    /// The size, in bytes.
    pub const fn size(&self) -> u64 {
        self.size
    }

    /// The limit it is over, in bytes.
    pub const fn limit(&self) -> u64 {
        self.payload.max_bytes()
    }

    /// The status code SCF would answer with: [`Code::RequestTooLarge`] (406) for an event,
    /// [`Code::ResponseTooLarge`] (407) for a response.
    pub const fn code(&self) -> Code {
        self.payload.code()
    }
}

impl From<SizeError> for Code {
    fn from(error: SizeError) -> Code {
        error.code()
    }
}

impl fmt::Display for SizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (size, limit) = (self.size, self.limit());
        match self.payload {
            Payload::Event(invocation) => write!(
                f,
                "the event is {size} bytes, over the {} limit of {limit} bytes",
                invocation.adjective()
            )?,
            Payload::Response => write!(
                f,
                "the response is {size} bytes, over the limit of {limit} bytes"
            )?,
        }
        // The limit as Tencent's table states it, in its binary units.
        match limit {
            0 => Ok(()),
            _ if limit % (1 << 20) == 0 => write!(f, " ({} MB)", limit >> 20),
            _ if limit % (1 << 10) == 0 => write!(f, " ({} KB)", limit >> 10),
            _ => Ok(()),
        }
    }
}

impl core::error::Error for SizeError {}

/// `Ok` when an event of `size` bytes fits the invocation; otherwise the [`SizeError`] of the
/// 406 `RequestTooLarge` SCF would answer with.
pub const fn check_event_size(size: u64, invocation: Invocation) -> Result<(), SizeError> {
    check(size, Payload::Event(invocation))
}

/// `Ok` when a response of `size` bytes fits; otherwise the [`SizeError`] of the 407
/// `ResponseTooLarge` SCF would answer with.
pub const fn check_response_size(size: u64) -> Result<(), SizeError> {
    check(size, Payload::Response)
}

const fn check(size: u64, payload: Payload) -> Result<(), SizeError> {
    if size <= payload.max_bytes() {
        Ok(())
    } else {
        Err(SizeError { payload, size })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_has_the_documented_value() {
        assert_eq!(SYNC_EVENT_MAX_BYTES, 6 * 1024 * 1024);
        assert_eq!(ASYNC_EVENT_MAX_BYTES, 128 * 1024);
        assert_eq!(RESPONSE_MAX_BYTES, 6 * 1024 * 1024);
        assert_eq!(MEMORY_MAX_MEGABYTES, 3072);
        assert_eq!(LARGE_MEMORY_MAX_MEGABYTES, 120 * 1024);
        assert_eq!(LISTEN_PORT, 9000u16);
        assert_eq!(
            ASYNC_EXECUTION_MAX,
            core::time::Duration::from_secs(24 * 60 * 60)
        );
    }

    #[test]
    fn event_sizes_pass_up_to_the_limit_and_fail_one_byte_over() {
        for (invocation, limit) in [
            (Invocation::Sync, 6 * 1024 * 1024),
            (Invocation::Async, 128 * 1024),
        ] {
            assert_eq!(check_event_size(0, invocation), Ok(()));
            assert_eq!(check_event_size(limit, invocation), Ok(()));
            for size in [limit + 1, u64::MAX] {
                let error = check_event_size(size, invocation).unwrap_err();
                assert_eq!(error.size(), size);
                assert_eq!(error.limit(), limit);
                assert_eq!(error.invocation(), Some(invocation));
                assert_eq!(error.payload(), Payload::Event(invocation));
                assert_eq!(error.code(), Code::RequestTooLarge);
                assert_eq!(Code::from(error), Code::RequestTooLarge);
            }
        }
    }

    #[test]
    fn response_sizes_pass_up_to_the_limit_and_fail_one_byte_over() {
        assert_eq!(check_response_size(6 * 1024 * 1024), Ok(()));
        let error = check_response_size(6 * 1024 * 1024 + 1).unwrap_err();
        assert_eq!(error.code(), Code::ResponseTooLarge);
        assert_eq!(error.invocation(), None);
        assert_eq!(error.limit(), RESPONSE_MAX_BYTES);
    }

    #[test]
    fn a_size_error_says_size_limit_and_invocation() {
        extern crate std;
        use std::string::ToString;
        assert_eq!(
            check_event_size(6291457, Invocation::Sync)
                .unwrap_err()
                .to_string(),
            "the event is 6291457 bytes, over the synchronous limit of 6291456 bytes (6 MB)"
        );
        assert_eq!(
            check_response_size(7 << 20).unwrap_err().to_string(),
            "the response is 7340032 bytes, over the limit of 6291456 bytes (6 MB)"
        );
    }
}
