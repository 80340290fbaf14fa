//! The payload types on the wire: their serde impls, by Tencent's field names.
//!
//! serde's derive reads a struct from an object, or from an array of its fields in order. An SCF
//! payload is always an object, so each public type's layout is described here as a remote
//! definition (`#[serde(remote = "FailureBody")]` on a private struct), and the public types get
//! ordinary `Deserialize` impls that read from an object only, and `Serialize` impls. The derived
//! functions stay private to this module: the public types have no inherent `serialize` or
//! `deserialize`.

use alloc::string::String;
use core::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::{ApiError, FailureBody, InvokeResponse, InvokeResult};
use crate::serde::{signed_status, unsigned_status};

/// [`FailureBody`] on the wire: `{"statusCode": 433, "errorCode": -1, ...}`.
#[derive(Deserialize, Serialize)]
#[serde(remote = "FailureBody", rename_all = "camelCase")]
struct FailureBodyFields {
    #[serde(deserialize_with = "named::status_code")]
    status_code: u16,
    #[serde(
        default,
        deserialize_with = "named::error_code",
        skip_serializing_if = "Option::is_none"
    )]
    error_code: Option<i64>,
    #[serde(
        default,
        deserialize_with = "named::error_message",
        skip_serializing_if = "Option::is_none"
    )]
    error_message: Option<String>,
    #[serde(
        default,
        deserialize_with = "named::request_id",
        skip_serializing_if = "Option::is_none"
    )]
    request_id: Option<String>,
    #[serde(
        default,
        deserialize_with = "named::stack_trace",
        skip_serializing_if = "Option::is_none"
    )]
    stack_trace: Option<String>,
}

/// [`InvokeResult`] on the wire: `Response.Result`, by its PascalCase names.
#[derive(Deserialize, Serialize)]
#[serde(remote = "InvokeResult", rename_all = "PascalCase")]
struct InvokeResultFields {
    #[serde(
        default,
        deserialize_with = "named::invoke_result",
        skip_serializing_if = "Option::is_none"
    )]
    invoke_result: Option<i64>,
    #[serde(
        default,
        deserialize_with = "named::ret_msg",
        skip_serializing_if = "Option::is_none"
    )]
    ret_msg: Option<String>,
    #[serde(
        default,
        deserialize_with = "named::err_msg",
        skip_serializing_if = "Option::is_none"
    )]
    err_msg: Option<String>,
    #[serde(
        default,
        deserialize_with = "named::log",
        skip_serializing_if = "Option::is_none"
    )]
    log: Option<String>,
    #[serde(
        default,
        deserialize_with = "named::function_request_id",
        skip_serializing_if = "Option::is_none"
    )]
    function_request_id: Option<String>,
    #[serde(
        default,
        deserialize_with = "named::mem_usage",
        skip_serializing_if = "Option::is_none"
    )]
    mem_usage: Option<i64>,
    #[serde(
        default,
        deserialize_with = "named::duration",
        skip_serializing_if = "Option::is_none"
    )]
    duration: Option<f64>,
    #[serde(
        default,
        deserialize_with = "named::bill_duration",
        skip_serializing_if = "Option::is_none"
    )]
    bill_duration: Option<i64>,
}

/// [`ApiError`] on the wire: `{"Code": "...", "Message": "..."}`.
#[derive(Deserialize, Serialize)]
#[serde(remote = "ApiError", rename_all = "PascalCase")]
struct ApiErrorFields {
    #[serde(default, deserialize_with = "named::code")]
    code: String,
    #[serde(default, deserialize_with = "named::message")]
    message: String,
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

impl From<&InvokeResponse> for Envelope {
    fn from(response: &InvokeResponse) -> Self {
        let (result, error) = match &response.result {
            Ok(result) => (Some(result.clone()), None),
            Err(error) => (None, Some(error.clone())),
        };
        Envelope {
            response: Response {
                result,
                error,
                request_id: response.request_id.clone(),
            },
        }
    }
}

impl<'de> Deserialize<'de> for InvokeResponse {
    /// Reads `{"Response": {"Result": {...}}}` or `{"Response": {"Error": {...}}}`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let envelope = <Envelope as Deserialize>::deserialize(deserializer)?;
        InvokeResponse::try_from(envelope).map_err(de::Error::custom)
    }
}

impl Serialize for InvokeResponse {
    /// Writes `{"Response": {...}}`, as Tencent's API does.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Envelope::from(self).serialize(serializer)
    }
}

/// The `Deserialize` impl of each type reads from an object only, through its derived remote
/// definition; its `Serialize` impl writes through the same definition.
macro_rules! objects_only {
    ($($ty:ident by $fields:ident: $expecting:literal),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $fields::deserialize(MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $fields::serialize(self, serializer)
            }
        }
    )*};
}

objects_only! {
    FailureBody by FailureBodyFields: "an SCF failure body: an object with a `statusCode`",
    InvokeResult by InvokeResultFields: "an invocation result: an object such as `{\"InvokeResult\": 0}`",
    Envelope by Envelope: "an InvokeFunction response: an object with a `Response`",
    Response by Response: "an object with a `Result` or an `Error`",
    ApiError by ApiErrorFields: "an API error: an object with `Code` and `Message`",
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
    }

    /// `Code` and `Message` of an API error: text, empty when null.
    macro_rules! named_texts {
        ($($reader:ident: $field:literal),* $(,)?) => {$(
            pub(super) fn $reader<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
                named::<D, Option<String>>($field, deserializer).map(Option::unwrap_or_default)
            }
        )*};
    }

    named_texts! {
        code: "Code",
        message: "Message",
    }

    pub(super) fn status_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
        named("statusCode", deserializer).map(|StatusNumber(number)| number)
    }
}
