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
//! assert_eq!(limits::check_event_size(event.len(), Invocation::Sync), Ok(()));
//! assert_eq!(
//!     limits::check_event_size(200 * 1024, Invocation::Async),
//!     Err(Code::RequestTooLarge)
//! );
//! assert_eq!(limits::check_response_size(7 << 20), Err(Code::ResponseTooLarge));
//! assert_eq!(limits::LISTEN_PORT, 9000);
//! ```

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
}

/// `Ok` when an event of `len` bytes fits the invocation, [`Code::RequestTooLarge`] (406) when
/// SCF would reject it.
pub const fn check_event_size(len: usize, invocation: Invocation) -> Result<(), Code> {
    if len as u64 <= invocation.max_event_bytes() {
        Ok(())
    } else {
        Err(Code::RequestTooLarge)
    }
}

/// `Ok` when a response of `len` bytes fits, [`Code::ResponseTooLarge`] (407) when SCF would
/// reject it.
pub const fn check_response_size(len: usize) -> Result<(), Code> {
    if len as u64 <= RESPONSE_MAX_BYTES {
        Ok(())
    } else {
        Err(Code::ResponseTooLarge)
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
        let sync = 6 * 1024 * 1024;
        assert_eq!(check_event_size(0, Invocation::Sync), Ok(()));
        assert_eq!(check_event_size(sync, Invocation::Sync), Ok(()));
        assert_eq!(
            check_event_size(sync + 1, Invocation::Sync),
            Err(Code::RequestTooLarge)
        );
        let r#async = 128 * 1024;
        assert_eq!(check_event_size(r#async, Invocation::Async), Ok(()));
        assert_eq!(
            check_event_size(r#async + 1, Invocation::Async),
            Err(Code::RequestTooLarge)
        );
        assert_eq!(
            check_event_size(usize::MAX, Invocation::Async),
            Err(Code::RequestTooLarge)
        );
    }

    #[test]
    fn response_sizes_pass_up_to_the_limit_and_fail_one_byte_over() {
        assert_eq!(check_response_size(6 * 1024 * 1024), Ok(()));
        assert_eq!(
            check_response_size(6 * 1024 * 1024 + 1),
            Err(Code::ResponseTooLarge)
        );
    }
}
