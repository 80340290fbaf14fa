//! What SCF returns, as types: the function failure body and the InvokeFunction API response,
//! each giving its [`Code`]. Behind the `serde` feature; deserialize them with any serde format.
//!
//! The deserializers are written by hand (no serde_derive), read only the fields below, ignore
//! any other field, and say which field is wrong when one is.

use alloc::string::String;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

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
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InvokeResult {
    /// `InvokeResult`: 0 for success, otherwise the status code. Required.
    pub invoke_result: u16,
    /// `RetMsg`: what the function returned.
    pub ret_msg: Option<String>,
    /// `ErrMsg`.
    pub err_msg: Option<String>,
    /// `Log`.
    pub log: Option<String>,
    /// `FunctionRequestId`.
    pub function_request_id: Option<String>,
    /// `MemUsage`, in bytes.
    pub mem_usage: Option<u64>,
    /// `Duration`, in milliseconds.
    pub duration: Option<f64>,
    /// `BillDuration`, in milliseconds.
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

/// Reads every entry of a map, handing each key to `field`, which reads the value it wants and
/// skips the rest with [`IgnoredAny`].
fn each_field<'de, A: MapAccess<'de>>(
    mut map: A,
    mut field: impl FnMut(&str, &mut A) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<String>()? {
        field(&key, &mut map)?;
    }
    Ok(())
}

fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// A status code number: an integer from 0 to 65535, nothing else (not a string).
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

/// Reads the value of `field` with `T`, naming the field in the error.
fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    field: &str,
) -> Result<T, A::Error> {
    map.next_value::<T>()
        .map_err(|error| de::Error::custom(format_args!("`{field}`: {error}")))
}

impl<'de> Deserialize<'de> for FailureBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BodyVisitor;
        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = FailureBody;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an SCF failure body: an object with a `statusCode`")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FailureBody, A::Error> {
                let mut status_code = None;
                let mut body = FailureBody {
                    status_code: 0,
                    error_code: None,
                    error_message: None,
                    request_id: None,
                    stack_trace: None,
                };
                each_field(map, |key, map| {
                    match key {
                        "statusCode" => {
                            status_code = Some(value::<_, StatusNumber>(map, key)?.0);
                        }
                        "errorCode" => body.error_code = value(map, key)?,
                        "errorMessage" => body.error_message = value(map, key)?,
                        "requestId" => body.request_id = value(map, key)?,
                        "stackTrace" => body.stack_trace = value(map, key)?,
                        _ => skip(map)?,
                    }
                    Ok(())
                })?;
                body.status_code =
                    status_code.ok_or_else(|| de::Error::missing_field("statusCode"))?;
                Ok(body)
            }
        }
        deserializer.deserialize_map(BodyVisitor)
    }
}

impl<'de> Deserialize<'de> for InvokeResponse {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OuterVisitor;
        impl<'de> Visitor<'de> for OuterVisitor {
            type Value = InvokeResponse;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an InvokeFunction response: an object with a `Response`")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<InvokeResponse, A::Error> {
                let mut response = None;
                each_field(map, |key, map| {
                    match key {
                        "Response" => response = Some(value::<_, Response>(map, key)?),
                        _ => skip(map)?,
                    }
                    Ok(())
                })?;
                let Response { result, request_id } =
                    response.ok_or_else(|| de::Error::missing_field("Response"))?;
                Ok(InvokeResponse { result, request_id })
            }
        }
        deserializer.deserialize_map(OuterVisitor)
    }
}

/// `Response`: a `Result`, or an API `Error` that is reported as the deserialization error.
struct Response {
    result: InvokeResult,
    request_id: Option<String>,
}

impl<'de> Deserialize<'de> for Response {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ResponseVisitor;
        impl<'de> Visitor<'de> for ResponseVisitor {
            type Value = Response;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with a `Result`")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Response, A::Error> {
                let mut result = None;
                let mut request_id = None;
                let mut api_error = None;
                each_field(map, |key, map| {
                    match key {
                        "Result" => result = Some(value::<_, InvokeResult>(map, key)?),
                        "RequestId" => request_id = value(map, key)?,
                        "Error" => api_error = Some(value::<_, ApiError>(map, key)?),
                        _ => skip(map)?,
                    }
                    Ok(())
                })?;
                match (result, api_error) {
                    (Some(result), _) => Ok(Response { result, request_id }),
                    (None, Some(error)) => Err(de::Error::custom(format_args!(
                        "the API returned an error instead of a result: {}: {}",
                        error.code.as_deref().unwrap_or("(no Code)"),
                        error.message.as_deref().unwrap_or("(no Message)")
                    ))),
                    (None, None) => Err(de::Error::missing_field("Result")),
                }
            }
        }
        deserializer.deserialize_map(ResponseVisitor)
    }
}

/// `Response.Error` of a failed API call: `{"Code": "...", "Message": "..."}`.
struct ApiError {
    code: Option<String>,
    message: Option<String>,
}

impl<'de> Deserialize<'de> for ApiError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ErrorVisitor;
        impl<'de> Visitor<'de> for ErrorVisitor {
            type Value = ApiError;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an API error object with `Code` and `Message`")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ApiError, A::Error> {
                let mut error = ApiError {
                    code: None,
                    message: None,
                };
                each_field(map, |key, map| {
                    match key {
                        "Code" => error.code = value(map, key)?,
                        "Message" => error.message = value(map, key)?,
                        _ => skip(map)?,
                    }
                    Ok(())
                })?;
                Ok(error)
            }
        }
        deserializer.deserialize_map(ErrorVisitor)
    }
}

impl<'de> Deserialize<'de> for InvokeResult {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ResultVisitor;
        impl<'de> Visitor<'de> for ResultVisitor {
            type Value = InvokeResult;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an invocation result: an object with an `InvokeResult`")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<InvokeResult, A::Error> {
                let mut invoke_result = None;
                let mut result = InvokeResult {
                    invoke_result: 0,
                    ret_msg: None,
                    err_msg: None,
                    log: None,
                    function_request_id: None,
                    mem_usage: None,
                    duration: None,
                    bill_duration: None,
                };
                each_field(map, |key, map| {
                    match key {
                        "InvokeResult" => {
                            invoke_result = Some(value::<_, StatusNumber>(map, key)?.0);
                        }
                        "RetMsg" => result.ret_msg = value(map, key)?,
                        "ErrMsg" => result.err_msg = value(map, key)?,
                        "Log" => result.log = value(map, key)?,
                        "FunctionRequestId" => result.function_request_id = value(map, key)?,
                        "MemUsage" => result.mem_usage = value(map, key)?,
                        "Duration" => result.duration = value(map, key)?,
                        "BillDuration" => result.bill_duration = value(map, key)?,
                        _ => skip(map)?,
                    }
                    Ok(())
                })?;
                result.invoke_result =
                    invoke_result.ok_or_else(|| de::Error::missing_field("InvokeResult"))?;
                Ok(result)
            }
        }
        deserializer.deserialize_map(ResultVisitor)
    }
}
