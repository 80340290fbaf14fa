//! What SCF and its API return, as types: the function failure body, the InvokeFunction (and
//! Invoke) API response, and an API error. Behind the `payload` feature; deserialize them with any
//! serde format.
//!
//! They model what Tencent documents, as its SDKs type it (`tests/data/payload/SOURCES.md` in the
//! repository lists the sources): every field of an invocation `Result` may be null or missing,
//! and `InvokeResult` is a signed integer that is null for asynchronous invocations. They read
//! fields by Tencent's names, ignore any other field (Tencent adds fields; a new one must not
//! break a service), and say which field is wrong when one is.

mod error;
mod wire;

use alloc::string::String;
use core::fmt;

use crate::Code;

pub use error::InvokeError;

/// The body SCF returns when a function invocation fails.
///
/// ```
/// use scf_codes::{Code, FailureBody};
///
/// let body: FailureBody = serde_json::from_str(r#"{
///     "errorCode": -1,
///     "errorMessage": "user code exception caught",
///     "requestId": "53e0f4b4-1d9e-4b59-9c6f-0c1a5f1f1c1a",
///     "stackTrace": "Traceback (most recent call last): ...",
///     "statusCode": 430
/// }"#)?;
/// assert_eq!(body.code(), Code::UserCodeException);
/// assert_eq!(body.error_message.as_deref(), Some("user code exception caught"));
///
/// // The status code, not the message, says what happened.
/// let timeout: FailureBody = serde_json::from_str(
///     r#"{"errorCode":-1,"errorMessage":"Invoking task timed out after 3 seconds","statusCode":433}"#,
/// )?;
/// assert_eq!(timeout.code(), Code::TimeLimitReached);
///
/// // A service builds one in its tests.
/// let mut built = FailureBody::new(Code::TimeLimitReached);
/// built.error_message = Some("Invoking task timed out after 3 seconds".into());
/// assert_eq!(built.status_code, 433);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailureBody {
    /// `statusCode`: the SCF status code. Required; a number from 0 to 65535.
    pub status_code: u16,
    /// `errorCode`, e.g. `-1`.
    pub error_code: Option<i64>,
    /// `errorMessage`, e.g. `"user code exception caught"`.
    pub error_message: Option<String>,
    /// `requestId`.
    pub request_id: Option<String>,
    /// `stackTrace`.
    pub stack_trace: Option<String>,
}

impl FailureBody {
    /// A failure body with this status code and no other field.
    pub const fn new(code: Code) -> Self {
        FailureBody {
            status_code: code.as_u16(),
            error_code: None,
            error_message: None,
            request_id: None,
            stack_trace: None,
        }
    }

    /// The status code of the failure.
    pub const fn code(&self) -> Code {
        Code::from_u16(self.status_code)
    }

    /// Reads a failure body from the JSON text SCF puts in `ErrMsg` or `RetMsg`: an object with
    /// a `statusCode` from 0 to 65535, white space and a byte order mark around it allowed.
    /// `None` for any other text, such as a function's own error output or a stack trace.
    ///
    /// Unlike `Deserialize`, which says which field is wrong, this keeps the status code of a
    /// body whose other fields are mistyped (`"errorCode": "E1"`): those are left out, since the
    /// status code is what a service acts on.
    fn from_json_text(text: &str) -> Option<FailureBody> {
        use serde_json::Value;

        let text = text.trim_start_matches('\u{feff}').trim();
        if !text.starts_with('{') {
            return None;
        }
        let Ok(Value::Object(object)) = serde_json::from_str::<Value>(text) else {
            return None;
        };
        let status_code = object.get("statusCode")?.as_u64()?;
        let text_field = |key: &str| object.get(key).and_then(Value::as_str).map(String::from);
        Some(FailureBody {
            status_code: u16::try_from(status_code).ok()?,
            error_code: object.get("errorCode").and_then(Value::as_i64),
            error_message: text_field("errorMessage"),
            request_id: text_field("requestId"),
            stack_trace: text_field("stackTrace"),
        })
    }
}

impl fmt::Display for FailureBody {
    /// The code, its name and the body's message: `433 TimeLimitReached: Invoking task timed
    /// out after 3 seconds`. Without a message, the code and its name only.
    ///
    /// ```
    /// use scf_codes::{Code, FailureBody};
    ///
    /// let mut body = FailureBody::new(Code::UserCodeException);
    /// assert_eq!(body.to_string(), "430 UserCodeException");
    /// body.error_message = Some("user code exception caught".into());
    /// assert_eq!(body.to_string(), "430 UserCodeException: user code exception caught");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status_code, self.code().name())?;
        match self.error_message.as_deref() {
            Some(message) if !message.is_empty() => write!(f, ": {message}"),
            _ => Ok(()),
        }
    }
}

/// A failure body is the error of a failed invocation: `?` carries it into `anyhow::Error` or
/// `Box<dyn Error + Send + Sync>`, and it is the [`source`](core::error::Error::source) of an
/// [`InvokeError`] that has one.
impl core::error::Error for FailureBody {}

/// The InvokeFunction (or Invoke) API response: `{"Response": {"Result": {...}, "RequestId":
/// "..."}}`, or an API error in its place, `{"Response": {"Error": {...}, "RequestId": "..."}}`.
///
/// An API error is a value, not a deserialization error: match on [`result`](Self::result).
///
/// ```
/// use scf_codes::{ApiError, Code, InvokeResponse};
///
/// let response: InvokeResponse = serde_json::from_str(r#"{"Response":{"Result":{
///     "MemUsage":3207168,"Log":"","RetMsg":"hello from scf","BillDuration":100,
///     "FunctionRequestId":"6add56fa-58f1-4b8a-bd6f-7a2c2e0c5e5e","Duration":0.826,
///     "ErrMsg":"","InvokeResult":0},
///     "RequestId":"c2af8a64-c922-4d55-aee0-bd86a5c2cd12"}}"#)?;
/// assert_eq!(response.code(), Some(Code::Success));
/// let result = response.result.as_ref().unwrap();
/// assert_eq!(result.ret_msg.as_deref(), Some("hello from scf"));
///
/// // An asynchronous invocation has no InvokeResult: no status code is known.
/// let queued: InvokeResponse = serde_json::from_str(
///     r#"{"Response":{"Result":{"InvokeResult":null,"FunctionRequestId":"f"},"RequestId":"r"}}"#,
/// )?;
/// assert_eq!(queued.code(), None);
///
/// let failed: InvokeResponse = serde_json::from_str(
///     r#"{"Response":{"Error":{"Code":"ResourceNotFound.Function","Message":"no such function"},"RequestId":"r"}}"#,
/// )?;
/// match &failed.result {
///     Err(error) if error.code == "ResourceNotFound.Function" => { /* create it first */ }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InvokeResponse {
    /// `Response.Result`, or `Response.Error` when the API call itself failed.
    pub result: Result<InvokeResult, ApiError>,
    /// `Response.RequestId`: the ID of the API request (not of the invocation).
    pub request_id: Option<String>,
}

impl InvokeResponse {
    /// A response with this result and no request ID.
    pub const fn new(result: Result<InvokeResult, ApiError>) -> Self {
        InvokeResponse {
            result,
            request_id: None,
        }
    }

    /// The status code of the invocation, where one is known: see [`InvokeResult::code`].
    /// `None` for an API error, which is not an invocation's outcome.
    pub const fn code(&self) -> Option<Code> {
        match &self.result {
            Ok(result) => result.code(),
            Err(_) => None,
        }
    }

    /// The response as a `Result`: `Ok` with the invocation's result when it succeeded or was
    /// queued, and an [`InvokeError`] for an API error or a failed invocation, so that `?`
    /// carries a failure into any error type.
    ///
    /// An invocation failed when SCF sent a [failure body](InvokeResult::failure_body) whose
    /// code is not [`Code::Success`], when `InvokeResult` is neither 0 nor null, or when it is
    /// null with an `ErrMsg`. An asynchronous invocation (`InvokeResult` null, no `ErrMsg`) is
    /// `Ok`: it was queued.
    ///
    /// ```
    /// use scf_codes::{Code, InvokeResponse};
    ///
    /// fn greeting(json: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    ///     let response: InvokeResponse = serde_json::from_str(json)?;
    ///     let result = response.into_result()?;
    ///     Ok(result.ret_msg.unwrap_or_default())
    /// }
    ///
    /// let ok = r#"{"Response":{"Result":{"InvokeResult":0,"RetMsg":"hello"},"RequestId":"r"}}"#;
    /// assert_eq!(greeting(ok).unwrap(), "hello");
    ///
    /// let timed_out = r#"{"Response":{"Result":{"InvokeResult":-1,"RetMsg":"",
    ///     "ErrMsg":"{\"errorCode\":-1,\"errorMessage\":\"Invoking task timed out after 3 seconds\",\"statusCode\":433}",
    ///     "FunctionRequestId":"f-1"},"RequestId":"r"}}"#;
    /// let response: InvokeResponse = serde_json::from_str(timed_out)?;
    /// let error = response.into_result().unwrap_err();
    /// assert_eq!(error.code(), Some(Code::TimeLimitReached));
    /// assert_eq!(error.to_string(), "SCF invocation f-1 failed with 433 TimeLimitReached");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn into_result(self) -> Result<InvokeResult, InvokeError> {
        let request_id = self.request_id;
        match self.result {
            Err(error) => Err(InvokeError::api(error, request_id)),
            Ok(result) => {
                let body = result
                    .failure_body()
                    .filter(|body| !body.code().is_success());
                if result.failed(body.as_ref()) {
                    Err(InvokeError::failed(result, body, request_id))
                } else {
                    Ok(result)
                }
            }
        }
    }
}

impl Default for InvokeResponse {
    /// A response with an empty result: what an asynchronous invocation gets back.
    fn default() -> Self {
        InvokeResponse::new(Ok(InvokeResult::default()))
    }
}

/// `Response.Result` of the InvokeFunction (or Invoke) API response.
///
/// Every field is optional, as Tencent's SDKs type it: an asynchronous invocation gets most of
/// them null or missing.
///
/// # Where the status code of an invocation is
///
/// - A failed synchronous invocation returns SCF's **failure body** (`{"statusCode": 433,
///   ...}`, [`FailureBody`]): its `statusCode` is the status code. Through the InvokeFunction
///   API it arrives as the function's output, in `ErrMsg` or `RetMsg`.
/// - `InvokeResult` itself is not a reliable status code: Tencent documents only that 0 means
///   success and that it is null for asynchronous invocations, and describes the field as no
///   longer maintained. [`InvokeResult::code`] gives a [`Code`] only for a value that is one,
///   and [`InvokeResult::succeeded`] what the field says of success.
/// - For every invocation, synchronous or not, the function's logs carry the status code as
///   `SCF_StatusCode` (CLS), and the GetAsyncEventStatus API answers with the `StatusCode` of
///   an asynchronous invocation.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct InvokeResult {
    /// `InvokeResult`: `0` for a successful synchronous invocation; null for an asynchronous
    /// one. Tencent documents no other value and no longer maintains the field, so any integer
    /// is kept as it came, negative ones included.
    pub invoke_result: Option<i64>,
    /// `RetMsg`: what the function returned.
    pub ret_msg: Option<String>,
    /// `ErrMsg`: the function's error, when it failed.
    pub err_msg: Option<String>,
    /// `Log`: the end of the invocation's log, when asked for with `LogType` `Tail`.
    pub log: Option<String>,
    /// `FunctionRequestId`: the ID of the invocation.
    pub function_request_id: Option<String>,
    /// `MemUsage`, in bytes.
    pub mem_usage: Option<i64>,
    /// `Duration`, in milliseconds.
    pub duration: Option<f64>,
    /// `BillDuration`, in milliseconds.
    pub bill_duration: Option<i64>,
}

impl InvokeResult {
    /// A result with this `InvokeResult` and no other field.
    pub const fn new(invoke_result: Option<i64>) -> Self {
        InvokeResult {
            invoke_result,
            ret_msg: None,
            err_msg: None,
            log: None,
            function_request_id: None,
            mem_usage: None,
            duration: None,
            bill_duration: None,
        }
    }

    /// What `InvokeResult` says of the outcome: `Some(true)` for 0, `Some(false)` for any other
    /// value, `None` when it is null or missing (an asynchronous invocation, still running).
    pub const fn succeeded(&self) -> Option<bool> {
        match self.invoke_result {
            Some(value) => Some(value == 0),
            None => None,
        }
    }

    /// The failure body SCF sent for a failed synchronous invocation, read from the JSON text
    /// in `ErrMsg`, or in `RetMsg` where `InvokeResult` says the invocation failed (a value
    /// other than 0).
    ///
    /// `RetMsg` is otherwise what the function returned: its own value, which may well have a
    /// `statusCode` of its own (an API Gateway response does), and it is not read. `None` when
    /// neither field holds an object with a `statusCode`.
    ///
    /// ```
    /// use scf_codes::{Code, InvokeResult};
    ///
    /// let mut result = InvokeResult::new(Some(-1));
    /// result.err_msg = Some(
    ///     r#"{"errorCode":-1,"errorMessage":"user code exception caught","statusCode":430}"#.into(),
    /// );
    /// let body = result.failure_body().unwrap();
    /// assert_eq!(body.code(), Code::UserCodeException);
    /// assert_eq!(body.to_string(), "430 UserCodeException: user code exception caught");
    ///
    /// // A function that returned an HTTP-style value: its RetMsg is its own.
    /// let mut result = InvokeResult::new(Some(0));
    /// result.ret_msg = Some(r#"{"statusCode":404,"body":"not found"}"#.into());
    /// assert_eq!(result.failure_body(), None);
    /// ```
    pub fn failure_body(&self) -> Option<FailureBody> {
        let from_err_msg = self
            .err_msg
            .as_deref()
            .and_then(FailureBody::from_json_text);
        from_err_msg.or_else(|| match self.invoke_result {
            Some(value) if value != 0 => self
                .ret_msg
                .as_deref()
                .and_then(FailureBody::from_json_text),
            _ => None,
        })
    }

    /// Whether the invocation failed, as far as the result says: a failure body whose code is
    /// not [`Code::Success`], an `InvokeResult` other than 0, or, where `InvokeResult` is null
    /// or missing, an `ErrMsg` that is not empty (an asynchronous invocation has none).
    fn failed(&self, body: Option<&FailureBody>) -> bool {
        let has_err_msg = self
            .err_msg
            .as_deref()
            .is_some_and(|err_msg| !err_msg.trim().is_empty());
        body.is_some()
            || match self.invoke_result {
                Some(value) => value != 0,
                None => has_err_msg,
            }
    }

    /// `InvokeResult` as a [`Code`], where it is one: 0 is [`Code::Success`], a value from 1 to
    /// 65535 the code with that number. `None` when it is null or missing (asynchronous), or
    /// negative or larger (a failure whose status code this field does not give: see
    /// [where it is](InvokeResult#where-the-status-code-of-an-invocation-is)).
    pub const fn code(&self) -> Option<Code> {
        match self.invoke_result {
            Some(0) => Some(Code::Success),
            Some(value) if value > 0 && value <= u16::MAX as i64 => {
                Some(Code::from_u16(value as u16))
            }
            _ => None,
        }
    }
}

/// `Response.Error` of a failed Tencent Cloud API call: `{"Code": "ResourceNotFound.Function",
/// "Message": "..."}`. The call failed before or around the invocation, so there is no SCF status
/// code; [`code`](Self::code) is Tencent's API error code, a dotted string.
///
/// ```
/// use scf_codes::ApiError;
///
/// let error = ApiError::new("ResourceNotFound.Function", "The function does not exist.");
/// assert_eq!(
///     error.to_string(),
///     "ResourceNotFound.Function: The function does not exist."
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// `Code`, e.g. `"ResourceNotFound.Function"` or `"AuthFailure.SignatureFailure"`; empty when
    /// missing or null.
    pub code: String,
    /// `Message`: what went wrong, in words; empty when missing or null.
    pub message: String,
}

impl ApiError {
    /// An API error with this code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ApiError {
    /// `Code: Message`, or whichever of them is not empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code.is_empty(), self.message.is_empty()) {
            (false, false) => write!(f, "{}: {}", self.code, self.message),
            (false, true) => f.write_str(&self.code),
            (true, false) => f.write_str(&self.message),
            (true, true) => f.write_str("an API error without a code or a message"),
        }
    }
}

impl core::error::Error for ApiError {}
