//! What SCF returns, as types: the function failure body and the InvokeFunction API response,
//! each giving its [`Code`]. Behind the `serde` feature; deserialize them with any serde format.
//!
//! They derive serde's traits with Tencent's field names, read only the fields below, ignore any
//! other field, and say which field is wrong when one is.

use alloc::format;
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
    /// The status code of the failure.
    pub const fn code(&self) -> Code {
        Code::from_u16(self.status_code)
    }
}

/// The InvokeFunction API response: `{"Response": {"Result": {...}, "RequestId": "..."}}`.
///
/// ```
/// use scf_codes::{Code, InvokeResponse};
///
/// let response: InvokeResponse = serde_json::from_str(r#"{"Response":{"Result":{
///     "MemUsage":3207168,"Log":"","RetMsg":"hello from scf","BillDuration":100,
///     "FunctionRequestId":"6add56fa-58f1-4b8a-bd6f-7a2c2e0c5e5e","Duration":0.826,
///     "ErrMsg":"","InvokeResult":0},
///     "RequestId":"c2af8a64-c922-4d55-aee0-bd86a5c2cd12"}}"#)?;
/// assert_eq!(response.code(), Code::Success);
/// assert_eq!(response.result.ret_msg.as_deref(), Some("hello from scf"));
///
/// let failed: InvokeResponse =
///     serde_json::from_str(r#"{"Response":{"Result":{"InvokeResult":432}}}"#)?;
/// assert_eq!(failed.code(), Code::ResourceLimitReached);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(try_from = "Envelope", into = "Envelope")]
#[non_exhaustive]
pub struct InvokeResponse {
    /// `Response.Result`.
    pub result: InvokeResult,
    /// `Response.RequestId`.
    pub request_id: Option<String>,
}

impl InvokeResponse {
    /// The status code of the invocation: `InvokeResult` 0 is [`Code::Success`]; any other value
    /// is the status code itself.
    pub const fn code(&self) -> Code {
        self.result.code()
    }
}

/// `Response.Result` of the InvokeFunction API response.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "PascalCase")]
#[non_exhaustive]
pub struct InvokeResult {
    /// `InvokeResult`: 0 for success, otherwise the status code. Required.
    #[serde(deserialize_with = "named::invoke_result")]
    pub invoke_result: u16,
    /// `RetMsg`: what the function returned.
    #[serde(
        default,
        deserialize_with = "named::ret_msg",
        skip_serializing_if = "Option::is_none"
    )]
    pub ret_msg: Option<String>,
    /// `ErrMsg`.
    #[serde(
        default,
        deserialize_with = "named::err_msg",
        skip_serializing_if = "Option::is_none"
    )]
    pub err_msg: Option<String>,
    /// `Log`.
    #[serde(
        default,
        deserialize_with = "named::log",
        skip_serializing_if = "Option::is_none"
    )]
    pub log: Option<String>,
    /// `FunctionRequestId`.
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
    pub mem_usage: Option<u64>,
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
    pub bill_duration: Option<u64>,
}

impl InvokeResult {
    /// `InvokeResult` as a [`Code`]: 0 is [`Code::Success`].
    pub const fn code(&self) -> Code {
        match self.invoke_result {
            0 => Code::Success,
            code => Code::from_u16(code),
        }
    }
}

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
        deserialize_with = "named::response_request_id",
        skip_serializing_if = "Option::is_none"
    )]
    request_id: Option<String>,
    #[serde(default, deserialize_with = "named::error", skip_serializing)]
    error: Option<ApiError>,
}

/// `Response.Error` of a failed API call: `{"Code": "...", "Message": "..."}`.
#[derive(Deserialize, Serialize)]
#[serde(remote = "Self", rename_all = "PascalCase")]
struct ApiError {
    #[serde(default, deserialize_with = "named::code")]
    code: Option<String>,
    #[serde(default, deserialize_with = "named::message")]
    message: Option<String>,
}

impl TryFrom<Envelope> for InvokeResponse {
    type Error = String;

    /// A response is a result; an API error in its place is reported as the error it is.
    fn try_from(envelope: Envelope) -> Result<Self, String> {
        let Response {
            result,
            request_id,
            error,
        } = envelope.response;
        match (result, error) {
            (Some(result), _) => Ok(InvokeResponse { result, request_id }),
            (None, Some(error)) => Err(format!(
                "`Response`: the API returned an error instead of a result: {}: {}",
                error.code.as_deref().unwrap_or("(no Code)"),
                error.message.as_deref().unwrap_or("(no Message)")
            )),
            (None, None) => Err("`Response`: missing field `Result`".into()),
        }
    }
}

impl From<InvokeResponse> for Envelope {
    fn from(response: InvokeResponse) -> Self {
        Envelope {
            response: Response {
                result: Some(response.result),
                request_id: response.request_id,
                error: None,
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
    InvokeResult: "an invocation result: an object with an `InvokeResult`",
    Envelope: "an InvokeFunction response: an object with a `Response`",
    Response: "an object with a `Result`",
    ApiError: "an API error object with `Code` and `Message`",
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
        mem_usage: "MemUsage" => Option<u64>,
        duration: "Duration" => Option<f64>,
        bill_duration: "BillDuration" => Option<u64>,
        response: "Response" => Response,
        result: "Result" => Option<InvokeResult>,
        response_request_id: "RequestId" => Option<String>,
        error: "Error" => Option<ApiError>,
        code: "Code" => Option<String>,
        message: "Message" => Option<String>,
    }

    pub(super) fn status_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
        named("statusCode", deserializer).map(|StatusNumber(number)| number)
    }

    pub(super) fn invoke_result<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<u16, D::Error> {
        named("InvokeResult", deserializer).map(|StatusNumber(number)| number)
    }
}
