//! [`InvokeError`]: a failed invocation, or a failed API call, as an error type.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

use super::{ApiError, FailureBody, InvokeResult};
use crate::Code;

/// Why an invocation through the InvokeFunction (or Invoke) API did not succeed: the API call
/// failed ([`api_error`](Self::api_error)), or the function's invocation failed, with the
/// failure body SCF sent where it sent one ([`failure_body`](Self::failure_body)).
///
/// It is what [`InvokeResponse::into_result`](super::InvokeResponse::into_result) returns, and
/// a plain error type, as tonic's `Status` is: `Send`, `Sync` and `'static`, so `?` carries it
/// into `anyhow::Error`, `Box<dyn Error + Send + Sync>` or a thiserror enum (`#[from]
/// InvokeError`). [`code`](Self::code) gives the [`Code`] to `match` on; its
/// [`source`](core::error::Error::source) is the [`FailureBody`] or [`ApiError`] behind it.
/// It is one pointer wide, so a `Result` that carries it stays small.
///
/// ```
/// use scf_codes::{ApiError, Code, FailureBody, InvokeError};
///
/// let mut body = FailureBody::new(Code::ResourceLimitReached);
/// body.error_message = Some("concurrency limit reached".into());
/// let error = InvokeError::from(body);
/// assert_eq!(error.code(), Some(Code::ResourceLimitReached));
/// assert!(error.code().is_some_and(Code::is_retryable));
/// assert_eq!(error.to_string(), "SCF invocation failed with 432 ResourceLimitReached");
/// assert_eq!(error.message(), Some("concurrency limit reached"));
///
/// let error = InvokeError::from(ApiError::new("ResourceNotFound.Function", "no such function"));
/// assert_eq!(error.code(), None);
/// assert_eq!(error.to_string(), "SCF API call failed: ResourceNotFound.Function");
/// ```
#[derive(Clone, PartialEq)]
pub struct InvokeError(Box<Failure>);

#[derive(Debug, Clone, PartialEq)]
struct Failure {
    kind: Kind,
    /// `Response.RequestId`: the ID of the API request.
    request_id: Option<String>,
}

// The whole `Failure` is boxed: the size of one variant costs nothing where errors travel.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// `Response.Error`: the API call failed; no function ran, or none is known to have.
    Api(ApiError),
    /// The invocation failed: `Response.Result`, and the failure body read from it, if any.
    Invocation {
        result: InvokeResult,
        body: Option<FailureBody>,
    },
}

impl InvokeError {
    pub(super) fn api(error: ApiError, request_id: Option<String>) -> Self {
        InvokeError(Box::new(Failure {
            kind: Kind::Api(error),
            request_id,
        }))
    }

    pub(super) fn failed(
        result: InvokeResult,
        body: Option<FailureBody>,
        request_id: Option<String>,
    ) -> Self {
        InvokeError(Box::new(Failure {
            kind: Kind::Invocation { result, body },
            request_id,
        }))
    }

    /// The status code of the failed invocation: its failure body's `statusCode`, else
    /// `InvokeResult` where it is the number of a failure code of the table (Tencent documents
    /// no value but 0, so `1` or `-1` give none). `None` for an API error, which is no
    /// invocation's outcome, and for a failure whose code SCF did not send.
    ///
    /// ```
    /// use scf_codes::{Code, FailureBody, InvokeError};
    ///
    /// let error = InvokeError::from(FailureBody::new(Code::TimeLimitReached));
    /// match error.code() {
    ///     Some(code) if code.is_retryable() => { /* back off and invoke again */ }
    ///     Some(Code::TimeLimitReached) => { /* raise the function's timeout */ }
    ///     _ => { /* report it */ }
    /// }
    /// ```
    pub fn code(&self) -> Option<Code> {
        match &self.0.kind {
            Kind::Api(_) => None,
            Kind::Invocation {
                body: Some(body), ..
            } => Some(body.code()),
            Kind::Invocation { result, .. } => result
                .code()
                .filter(|code| code.is_known() && !code.is_success()),
        }
    }

    /// What went wrong, in words: the failure body's `errorMessage`; without a failure body,
    /// the text of `ErrMsg`; for an API error, its `Message`. `None` when SCF sent none.
    pub fn message(&self) -> Option<&str> {
        let message = match &self.0.kind {
            Kind::Api(error) => Some(error.message.as_str()),
            Kind::Invocation {
                body: Some(body), ..
            } => body.error_message.as_deref(),
            Kind::Invocation { result, .. } => result.err_msg.as_deref().map(str::trim),
        };
        message.filter(|message| !message.is_empty())
    }

    /// The ID of the API request (`Response.RequestId`), which Tencent's support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref().filter(|id| !id.is_empty())
    }

    /// The ID of the invocation (`FunctionRequestId`, else the failure body's `requestId`): the
    /// `SCF_RequestId` of its log lines in CLS. `None` for an API error.
    pub fn function_request_id(&self) -> Option<&str> {
        match &self.0.kind {
            Kind::Api(_) => None,
            Kind::Invocation { result, body } => result
                .function_request_id
                .as_deref()
                .or(body.as_ref().and_then(|body| body.request_id.as_deref()))
                .filter(|id| !id.is_empty()),
        }
    }

    /// The API error, when the API call itself failed.
    pub fn api_error(&self) -> Option<&ApiError> {
        match &self.0.kind {
            Kind::Api(error) => Some(error),
            Kind::Invocation { .. } => None,
        }
    }

    /// The failure body SCF sent for the failed invocation, where it sent one.
    pub fn failure_body(&self) -> Option<&FailureBody> {
        match &self.0.kind {
            Kind::Invocation { body, .. } => body.as_ref(),
            Kind::Api(_) => None,
        }
    }

    /// The failed invocation's `Response.Result`, with its `Log`, `Duration` and `MemUsage`.
    /// `None` for an API error.
    pub fn result(&self) -> Option<&InvokeResult> {
        match &self.0.kind {
            Kind::Invocation { result, .. } => Some(result),
            Kind::Api(_) => None,
        }
    }
}

impl From<FailureBody> for InvokeError {
    /// A failed invocation with this failure body, and no other field: for a service's tests,
    /// or for a failure body read elsewhere.
    fn from(body: FailureBody) -> Self {
        InvokeError::failed(InvokeResult::default(), Some(body), None)
    }
}

impl From<ApiError> for InvokeError {
    /// A failed API call with this error and no request ID.
    fn from(error: ApiError) -> Self {
        InvokeError::api(error, None)
    }
}

impl fmt::Debug for InvokeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvokeError")
            .field("kind", &self.0.kind)
            .field("request_id", &self.0.request_id)
            .finish()
    }
}

impl fmt::Display for InvokeError {
    /// One line that names the code, or the API error's code, and the invocation or request:
    /// `SCF invocation 6add56fa-… failed with 433 TimeLimitReached`, or `SCF API call failed:
    /// ResourceNotFound.Function (RequestId c2af8a64-…)`. The message is the
    /// [`source`](core::error::Error::source)'s to say; a failure without a failure body says
    /// `InvokeResult` and the first line of `ErrMsg` itself (all of it is in
    /// [`result`](Self::result)).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (result, body) = match &self.0.kind {
            Kind::Api(error) => {
                f.write_str("SCF API call failed")?;
                if !error.code.is_empty() {
                    write!(f, ": {}", error.code)?;
                }
                return match self.request_id() {
                    Some(id) => write!(f, " (RequestId {id})"),
                    None => Ok(()),
                };
            }
            Kind::Invocation { result, body } => (result, body),
        };
        f.write_str("SCF invocation ")?;
        if let Some(id) = self.function_request_id() {
            write!(f, "{id} ")?;
        }
        match self.code() {
            Some(code) => write!(f, "failed with {} {}", code.as_u16(), code.name())?,
            None => {
                f.write_str("failed")?;
                if let Some(value) = result.invoke_result {
                    write!(f, " (InvokeResult {value})")?;
                }
            }
        }
        match result.err_msg.as_deref().map(first_line) {
            Some((line, cut)) if body.is_none() && !line.is_empty() => {
                write!(f, ": {line}{}", if cut { " …" } else { "" })
            }
            _ => Ok(()),
        }
    }
}

/// The first line of `text`, trimmed and at most [`SHOWN_CHARS`] characters long, and whether
/// anything was left out: what an error's one line shows of an `ErrMsg`, which may be a whole
/// stack trace.
fn first_line(text: &str) -> (&str, bool) {
    let text = text.trim();
    let line = text.lines().next().unwrap_or_default().trim_end();
    let line = match line.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => &line[..end],
        None => line,
    };
    (line, line.len() < text.len())
}

/// How many characters of `ErrMsg` an [`InvokeError`] shows.
const SHOWN_CHARS: usize = 200;

impl core::error::Error for InvokeError {
    /// The [`FailureBody`] of a failed invocation that has one, or the [`ApiError`].
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match &self.0.kind {
            Kind::Api(error) => Some(error),
            Kind::Invocation { body, .. } => body
                .as_ref()
                .map(|body| body as &(dyn core::error::Error + 'static)),
        }
    }
}
