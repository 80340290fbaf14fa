//! What SCF and its API return, as types: the function failure body, the InvokeFunction (and
//! Invoke) API response, and an API error. Behind the `payload` feature; deserialize them with any
//! serde format.
//!
//! They model what Tencent documents, as its SDKs type it (`tests/data/payload/SOURCES.md` in the
//! repository lists the sources): every field of an invocation `Result` may be null or missing,
//! and `InvokeResult` is a signed integer that is null for asynchronous invocations. They read
//! fields by Tencent's names, ignore any other field (Tencent adds fields; a new one must not
//! break a service), and say which field is wrong when one is.

use alloc::string::String;
use core::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::Code;
use crate::serde::{signed_status, unsigned_status};

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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct FailureBody {
    /// `statusCode`: the SCF status code. Required; a number from 0 to 65535.
    #[serde(deserialize_with = "named::status_code")]
    pub status_code: u16,
    /// `errorCode`, e.g. `-1`.
    #[serde(
        default,
        deserialize_with = "named::error_code",
        skip_serializing_if = "Option::is_none"
    )]
    pub error_code: Option<i64>,
    /// `errorMessage`, e.g. `"user code exception caught"`.
    #[serde(
        default,
        deserialize_with = "named::error_message",
        skip_serializing_if = "Option::is_none"
    )]
    pub error_message: Option<String>,
    /// `requestId`.
    #[serde(
        default,
        deserialize_with = "named::request_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// `stackTrace`.
    #[serde(
        default,
        deserialize_with = "named::stack_trace",
        skip_serializing_if = "Option::is_none"
    )]
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
}

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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(try_from = "Envelope", into = "Envelope")]
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "PascalCase")]
#[non_exhaustive]
pub struct InvokeResult {
    /// `InvokeResult`: `0` for a successful synchronous invocation; null for an asynchronous
    /// one. Tencent documents no other value and no longer maintains the field, so any integer
    /// is kept as it came, negative ones included.
    #[serde(
        default,
        deserialize_with = "named::invoke_result",
        skip_serializing_if = "Option::is_none"
    )]
    pub invoke_result: Option<i64>,
    /// `RetMsg`: what the function returned.
    #[serde(
        default,
        deserialize_with = "named::ret_msg",
        skip_serializing_if = "Option::is_none"
    )]
    pub ret_msg: Option<String>,
    /// `ErrMsg`: the function's error, when it failed.
    #[serde(
        default,
        deserialize_with = "named::err_msg",
        skip_serializing_if = "Option::is_none"
    )]
    pub err_msg: Option<String>,
    /// `Log`: the end of the invocation's log, when asked for with `LogType` `Tail`.
    #[serde(
        default,
        deserialize_with = "named::log",
        skip_serializing_if = "Option::is_none"
    )]
    pub log: Option<String>,
    /// `FunctionRequestId`: the ID of the invocation.
    #[serde(
        default,
        deserialize_with = "named::function_request_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub function_request_id: Option<String>,
    /// `MemUsage`, in bytes.
    #[serde(
        default,
        deserialize_with = "named::mem_usage",
        skip_serializing_if = "Option::is_none"
    )]
    pub mem_usage: Option<i64>,
    /// `Duration`, in milliseconds.
    #[serde(
        default,
        deserialize_with = "named::duration",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration: Option<f64>,
    /// `BillDuration`, in milliseconds.
    #[serde(
        default,
        deserialize_with = "named::bill_duration",
        skip_serializing_if = "Option::is_none"
    )]
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ApiError {
    /// `Code`, e.g. `"ResourceNotFound.Function"` or `"AuthFailure.SignatureFailure"`; empty when
    /// missing.
    #[serde(default, deserialize_with = "named::code")]
    pub code: String,
    /// `Message`: what went wrong, in words; empty when missing.
    #[serde(default, deserialize_with = "named::message")]
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
    /// `Code: Message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl core::error::Error for ApiError {}

/// A status code number: an integer from 0 to 65535, nothing else (not a string). Hand-written
/// for its message: a derived `u16` would expect "u16".
struct StatusNumber(u16);

impl<'de> Deserialize<'de> for StatusNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = StatusNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a status code: an integer from 0 to 65535")
            }
            fn visit_u64<E: de::Error>(self, number: u64) -> Result<StatusNumber, E> {
                unsigned_status(number, &self).map(StatusNumber)
            }
            fn visit_i64<E: de::Error>(self, number: i64) -> Result<StatusNumber, E> {
                signed_status(number, &self).map(StatusNumber)
            }
        }
        deserializer.deserialize_u16(NumberVisitor)
    }
}

/// The InvokeFunction response as it is on the wire: `{"Response": {...}}`.
#[derive(Deserialize, Serialize)]
#[serde(remote = "Self")]
struct Envelope {
    #[serde(rename = "Response", deserialize_with = "named::response")]
    response: Response,
}

/// `Response`: a `Result`, or an API `Error`.
#[derive(Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "PascalCase")]
struct Response {
    #[serde(
        default,
        deserialize_with = "named::result",
        skip_serializing_if = "Option::is_none"
    )]
    result: Option<InvokeResult>,
    #[serde(
        default,
        deserialize_with = "named::error",
        skip_serializing_if = "Option::is_none"
    )]
    error: Option<ApiError>,
    #[serde(
        default,
        deserialize_with = "named::response_request_id",
        skip_serializing_if = "Option::is_none"
    )]
    request_id: Option<String>,
}

impl TryFrom<Envelope> for InvokeResponse {
    type Error = &'static str;

    /// An API error wins over a result: Tencent's API 3.0 sends one or the other, and an error
    /// beside a result means the call failed.
    fn try_from(envelope: Envelope) -> Result<Self, &'static str> {
        let Response {
            result,
            error,
            request_id,
        } = envelope.response;
        let result = match (error, result) {
            (Some(error), _) => Err(error),
            (None, Some(result)) => Ok(result),
            (None, None) => return Err("`Response`: neither `Result` nor `Error`"),
        };
        Ok(InvokeResponse { result, request_id })
    }
}

impl From<InvokeResponse> for Envelope {
    fn from(response: InvokeResponse) -> Self {
        let (result, error) = match response.result {
            Ok(result) => (Some(result), None),
            Err(error) => (None, Some(error)),
        };
        Envelope {
            response: Response {
                result,
                error,
                request_id: response.request_id,
            },
        }
    }
}

/// serde's derive reads a struct from an object, or from an array of its fields in order. An SCF
/// payload is always an object: each payload type derives its impls as inherent functions
/// (`remote = "Self"`), and the trait impls here call them, reading from an object only.
macro_rules! objects_only {
    ($($ty:ident: $expecting:literal),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $ty::deserialize(MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $ty::serialize(self, serializer)
            }
        }
    )*};
}

objects_only! {
    FailureBody: "an SCF failure body: an object with a `statusCode`",
    InvokeResult: "an invocation result: an object such as `{\"InvokeResult\": 0}`",
    Envelope: "an InvokeFunction response: an object with a `Response`",
    Response: "an object with a `Result` or an `Error`",
    ApiError: "an API error: an object with `Code` and `Message`",
}

/// Field readers that name their field in an error, as `` `statusCode`: invalid type: ... ``:
/// serde's derive says what is wrong with a value, not which field it is.
mod named {
    use super::{ApiError, InvokeResult, Response, StatusNumber};
    use alloc::string::String;
    use serde::de::{Deserialize, Deserializer, Error};

    /// Reads a `T`, naming `field` in the error.
    fn named<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        field: &str,
        deserializer: D,
    ) -> Result<T, D::Error> {
        T::deserialize(deserializer)
            .map_err(|error| D::Error::custom(format_args!("`{field}`: {error}")))
    }

    macro_rules! named_fields {
        ($($reader:ident: $field:literal => $ty:ty),* $(,)?) => {$(
            pub(super) fn $reader<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                named($field, deserializer)
            }
        )*};
    }

    named_fields! {
        error_code: "errorCode" => Option<i64>,
        error_message: "errorMessage" => Option<String>,
        request_id: "requestId" => Option<String>,
        stack_trace: "stackTrace" => Option<String>,
        ret_msg: "RetMsg" => Option<String>,
        err_msg: "ErrMsg" => Option<String>,
        log: "Log" => Option<String>,
        function_request_id: "FunctionRequestId" => Option<String>,
        mem_usage: "MemUsage" => Option<i64>,
        duration: "Duration" => Option<f64>,
        bill_duration: "BillDuration" => Option<i64>,
        invoke_result: "InvokeResult" => Option<i64>,
        response: "Response" => Response,
        result: "Result" => Option<InvokeResult>,
        response_request_id: "RequestId" => Option<String>,
        error: "Error" => Option<ApiError>,
        code: "Code" => String,
        message: "Message" => String,
    }

    pub(super) fn status_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
        named("statusCode", deserializer).map(|StatusNumber(number)| number)
    }
}
