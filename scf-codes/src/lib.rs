//! Tencent Cloud SCF (Serverless Cloud Function) function status codes as one typed enum.
//!
//! SCF reports the outcome of an invocation as a bare number: `"statusCode":433` in a failure
//! body, `InvokeResult` in the InvokeFunction response, `SCF_StatusCode` in logs. [`Code`] turns
//! that number into a variant you can `match`, with Tencent's message, description and solution,
//! who has to act ([`Category`]) and whether to retry. Numbers the table does not know are kept
//! as [`Code::Unknown`], never lost, and only numbers outside the table become one.
//!
//! ```
//! use scf_codes::{Category, Code};
//!
//! let code = Code::from(433);
//! assert_eq!(code, Code::TimeLimitReached);
//! assert_eq!(code.to_string(), "433 TimeLimitReached");
//! assert_eq!(code.category(), Category::Function);
//! assert!(!code.is_retryable());
//!
//! match Code::from_u16(432) {
//!     code if code.is_retryable() => { /* back off and send the request again */ }
//!     Code::Success => {}
//!     other => panic!("invocation failed: {other}: {}", other.solution()),
//! }
//!
//! // A code equals its number, both ways.
//! assert!(code == 433 && 433 == code);
//!
//! // Codes the table does not have keep their number.
//! let unknown = Code::from(600);
//! assert!(matches!(unknown, Code::Unknown(number) if number.get() == 600));
//! assert_eq!(u16::from(unknown), 600);
//! assert_eq!("timelimitreached".parse::<Code>(), Ok(Code::TimeLimitReached));
//! ```
//!
//! Everything is generated at compile time from `codes.toml`; lookups are array indexing, with no
//! allocation and no runtime parsing. The crate is `no_std` and has no runtime dependencies: at
//! build time its proc macro brings in syn, quote, proc-macro2 and toml.
//!
//! Two modules catch failures before they happen: [`handler`] checks an execution method (the
//! commonest cause of 437 `HandlerNotFound`), and [`limits`] holds the limits the table
//! documents, with preflight checks for 406 `RequestTooLarge` and 407.
//!
//! # Features
//!
//! - `serde`: [`Code`] serializes as its number and deserializes from a number or a string (a
//!   name or a decimal code); [`Category`] as its `codes.toml` spelling, and
//!   [`Runtime`](handler::Runtime) as its name. The impls are written by hand: this feature
//!   needs neither `alloc` nor serde's derive, and keeps the crate usable in a `no_std` crate
//!   without an allocator.
//! - `payload`: the payload types, which read what SCF and its API return and give what they
//!   know of the [`Code`]: [`FailureBody`], [`InvokeResponse`], [`InvokeResult`] and
//!   [`ApiError`], and [`InvokeError`], the error a failed invocation becomes through
//!   [`InvokeResponse::into_result`], for `?` into any error type. Enables `serde`, and needs
//!   `alloc`, serde's derive and serde_json (without `std`).
//!
//! # Errors
//!
//! [`Code`] is a value, not an error: [`Code::Success`] is one too. The errors carry a code:
//! [`InvokeError`] and [`FailureBody`] (with `payload`) for a failed invocation,
//! [`limits::SizeError`] for an event or response over its limit, and [`ParseCodeError`] and
//! [`OutOfRangeError`] for text or a number that is no code.
//!
// The link targets of the crate page's payload items. Without `payload` those items are not
// in the crate: the links go to docs.rs, which documents every feature.
#![cfg_attr(
    feature = "payload",
    doc = "[`FailureBody`]: crate::FailureBody\n\
           [`InvokeResponse`]: crate::InvokeResponse\n\
           [`InvokeResult`]: crate::InvokeResult\n\
           [`ApiError`]: crate::ApiError\n\
           [`InvokeError`]: crate::InvokeError\n\
           [`InvokeResponse::into_result`]: crate::InvokeResponse::into_result"
)]
#![cfg_attr(
    not(feature = "payload"),
    doc = "[`FailureBody`]: https://docs.rs/scf-codes/latest/scf_codes/struct.FailureBody.html\n\
           [`InvokeResponse`]: https://docs.rs/scf-codes/latest/scf_codes/struct.InvokeResponse.html\n\
           [`InvokeResult`]: https://docs.rs/scf-codes/latest/scf_codes/struct.InvokeResult.html\n\
           [`ApiError`]: https://docs.rs/scf-codes/latest/scf_codes/struct.ApiError.html\n\
           [`InvokeError`]: https://docs.rs/scf-codes/latest/scf_codes/struct.InvokeError.html\n\
           [`InvokeResponse::into_result`]: \
           https://docs.rs/scf-codes/latest/scf_codes/struct.InvokeResponse.html#method.into_result"
)]
//!
//! # Every code
//!

#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![doc = scf_codes_macros::code_table!("codes.toml")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "payload")]
extern crate alloc;

mod category;
mod convert;
mod from_str;
pub mod handler;
mod input_copy;
mod lang;
pub mod limits;
mod order;
#[cfg(feature = "payload")]
mod payload;
#[cfg(feature = "serde")]
mod serde;
mod unknown;

pub use category::{Category, ParseCategoryError};
pub use convert::OutOfRangeError;
pub use from_str::{ParseCodeError, ParseCodeErrorKind};
pub use lang::{Lang, ParseLangError};
#[cfg(feature = "payload")]
#[cfg_attr(docsrs, doc(cfg(feature = "payload")))]
pub use payload::{ApiError, FailureBody, InvokeError, InvokeResponse, InvokeResult};

/// An SCF function status code: one variant per entry of Tencent's table, plus
/// [`Unknown`](Code::Unknown) for every other number.
///
/// Build one with [`Code::from_u16`] or `From<u16>` (total and lossless; the only way to an
/// [`Unknown`](Code::Unknown), which never holds a number of the table), or parse one with
/// [`str::parse`] from a number (`"433"`), a name in any ASCII case (`"TimeLimitReached"`),
/// its [`Display`](core::fmt::Display) form, the number and Tencent's message (`"430 User code
/// exception caught"`), or the number and the name (`"430 UserCodeException"`). `TryFrom<i64>`
/// and `TryFrom<i32>` take any number from 0 to 65535, and refuse others with an
/// [`OutOfRangeError`].
///
/// Codes order by number, and compare equal to their number (`code == 433`, `433 == code`). The enum is `#[non_exhaustive]`: Tencent documents new codes, and a
/// new version of this crate adds them.
///
/// # Not an error type
///
/// `Code` does not implement [`Error`](core::error::Error), as `http::StatusCode` does not: it is
/// the outcome of an invocation, and [`Code::Success`] is one of them. For a failed invocation,
/// use `InvokeError` (from `InvokeResponse::into_result`) or `FailureBody`, with the `payload`
/// feature: both implement `Error`, carry the code and work with `?`, anyhow and thiserror.
/// A function of your own that fails with a status code returns an error type that says what
/// went wrong and carries the code, as [`limits::SizeError`] does; match on the code where the
/// outcome matters.
#[scf_codes_macros::codes("codes.toml")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {}

/// A status code number that is not in the table: what [`Code::Unknown`] holds.
///
/// It is opaque, as `http::StatusCode` is: [`Code::from_u16`] and `From<u16>` are the only ways
/// to make one, and they do only for a number without an entry. So `Code::Unknown` never holds
/// `433` (that is [`Code::TimeLimitReached`]), two equal numbers are always equal codes, and
/// `Display` parses back to the same code.
///
/// ```
/// use scf_codes::Code;
///
/// let Code::Unknown(unknown) = Code::from_u16(600) else { unreachable!() };
/// assert_eq!(unknown.get(), 600);
/// assert_eq!(unknown.to_string(), "600");
/// assert!(matches!(Code::from_u16(433), Code::TimeLimitReached));
/// ```
///
/// There is no way to build one from an arbitrary number:
///
/// ```compile_fail
/// let code = scf_codes::Code::Unknown(433);
/// ```
//
// Defined here, at the crate root, so that the generated `Code::from_u16` (also here) can build
// one and no code outside the crate can: the field is private to this module and its children.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownCode(u16);

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
