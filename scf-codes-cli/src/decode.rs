//! `decode`: the status code inside what SCF returns — a function failure body, an
//! InvokeFunction API response, or a bare number.

use std::path::Path;

use scf_codes::{Code, FailureBody, InvokeResponse};
use serde::Deserialize;
use serde_json::Value;

use crate::Failure;

/// The largest input read: SCF responses are at most 6 MB.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

const EXPECTED: &str = "expected an SCF failure body ({\"statusCode\": 433, ...}), an \
     InvokeFunction response ({\"Response\": {\"Result\": {\"InvokeResult\": 0, ...}}}) or a \
     status code number";

/// A status code and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The status code.
    pub code: Code,
    /// Where it was found, e.g. `statusCode 433 in a function failure body`.
    pub source: String,
}

/// Reads `file`, or standard input, up to [`MAX_INPUT_BYTES`].
pub fn read_input(file: Option<&Path>) -> Result<Vec<u8>, Failure> {
    let (input, name) = crate::input::read_at_most(file, MAX_INPUT_BYTES)?;
    if input.len() as u64 > MAX_INPUT_BYTES {
        return Err(Failure(format!(
            "{name} is larger than {} MiB: {EXPECTED}",
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    Ok(input)
}

/// Finds the status code in `input`. Never trusts a message text: only `statusCode`,
/// `InvokeResult` or the number itself decide. Any number from 0 to 65535 is a status code,
/// known to the table or not: a code Tencent adds after this build is decoded, as `Unknown`.
pub fn decode(input: &[u8]) -> Result<Decoded, Failure> {
    let text = std::str::from_utf8(input).map_err(|error| {
        Failure(format!(
            "the input is not UTF-8 text (invalid byte at offset {}): {EXPECTED}",
            error.valid_up_to()
        ))
    })?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Failure(format!("the input is empty: {EXPECTED}")));
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|error| Failure(format!("the input is not valid JSON ({error}): {EXPECTED}")))?;
    let decoded = match &value {
        Value::Number(number) => {
            let code = number
                .as_u64()
                .and_then(|number| u16::try_from(number).ok())
                .ok_or_else(|| {
                    Failure(format!(
                        "{number} is not a status code: status codes go from 0 to 65535"
                    ))
                })?;
            Decoded {
                code: Code::from_u16(code),
                source: format!("the number {code}"),
            }
        }
        Value::Object(object) if object.contains_key("statusCode") => {
            let body = <FailureBody as Deserialize>::deserialize(&value)
                .map_err(|error| Failure(format!("not a valid SCF failure body: {error}")))?;
            from_body(&body, "a function failure body")
        }
        Value::Object(object) if object.contains_key("Response") => {
            let response =
                <InvokeResponse as Deserialize>::deserialize(&value).map_err(|error| {
                    Failure(format!("not a valid InvokeFunction response: {error}"))
                })?;
            invoke_result(&response)?
        }
        // tccli prints the response without its `Response` wrapper: {"Result": ..., "RequestId":
        // ...}, or {"Error": ...}.
        Value::Object(object) if object.contains_key("Result") || object.contains_key("Error") => {
            let wrapped = serde_json::json!({ "Response": value });
            let response =
                <InvokeResponse as Deserialize>::deserialize(&wrapped).map_err(|error| {
                    Failure(format!("not a valid InvokeFunction response: {error}"))
                })?;
            invoke_result(&response)?
        }
        Value::Object(_) => {
            return Err(Failure(format!(
                "no status code in the input: the object has neither `statusCode` nor \
                 `Response`; {EXPECTED}"
            )));
        }
        other => {
            return Err(Failure(format!(
                "no status code in the input: found {}; {EXPECTED}",
                scf_codes_triage::value::kind(other)
            )));
        }
    };
    Ok(decoded)
}

/// The code of a failure body, found in `place`, with its message.
fn from_body(body: &FailureBody, place: &str) -> Decoded {
    let message = body
        .error_message
        .as_deref()
        .map(|message| format!(" (errorMessage: {message:?})"))
        .unwrap_or_default();
    Decoded {
        code: body.code(),
        source: format!("statusCode {} in {place}{message}", body.status_code),
    }
}

/// The status code of an InvokeFunction response, or why it has none. A failed synchronous
/// invocation carries its failure body in `ErrMsg` (or `RetMsg`) as JSON text: its
/// `statusCode` is the status code, where `InvokeResult` is only -1 or 1.
fn invoke_result(response: &InvokeResponse) -> Result<Decoded, Failure> {
    let result = match &response.result {
        Ok(result) => result,
        Err(error) => {
            return Err(Failure(format!(
                "the InvokeFunction call failed, so there is no status code: the API returned \
                 the error {error}"
            )));
        }
    };
    if let Some(body) = result.failure_body() {
        let mut in_err_msg = result.clone();
        in_err_msg.ret_msg = None;
        let field = match in_err_msg.failure_body() {
            Some(_) => "ErrMsg",
            None => "RetMsg",
        };
        let invoke_result = result
            .invoke_result
            .map_or("null".to_owned(), |value| value.to_string());
        return Ok(from_body(
            &body,
            &format!(
                "the failure body in {field} of an InvokeFunction response (InvokeResult \
                 {invoke_result})"
            ),
        ));
    }
    // InvokeResult is 0 for a success; any other value is a status code only where it is the
    // number of one of the table (SCF writes -1 or 1 for a failure).
    let code = result.code().filter(|code| code.is_known());
    match (result.invoke_result, code) {
        (Some(value), Some(code)) => Ok(Decoded {
            code,
            source: format!("InvokeResult {value} in an InvokeFunction response"),
        }),
        (None, _) => Err(Failure(
            "InvokeResult is null or missing, as for an asynchronous invocation: the response \
             has no status code; the function's logs have it as SCF_StatusCode"
                .to_owned(),
        )),
        (Some(value), None) => Err(Failure(format!(
            "InvokeResult {value} says the invocation failed but is not a status code, and \
             neither ErrMsg nor RetMsg holds a failure body with a `statusCode`: the function's \
             logs have the status code, as SCF_StatusCode"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(input: &str) -> Result<Code, String> {
        decode(input.as_bytes())
            .map(|decoded| decoded.code)
            .map_err(|Failure(message)| message)
    }

    #[test]
    fn each_kind_of_payload_gives_its_code() {
        assert_eq!(code("433"), Ok(Code::TimeLimitReached));
        assert_eq!(code(" 432\n"), Ok(Code::ResourceLimitReached));
        assert_eq!(
            code(
                r#"{"errorCode":-1,"errorMessage":"user code exception caught","statusCode":430}"#
            ),
            Ok(Code::UserCodeException)
        );
        assert_eq!(
            code(r#"{"Response":{"Result":{"InvokeResult":0},"RequestId":"r"}}"#),
            Ok(Code::Success)
        );
        assert_eq!(
            code(r#"{"Response":{"Result":{"InvokeResult":439}}}"#),
            Ok(Code::UserProcessExited)
        );
        // tccli's shape: the response without its `Response`.
        assert_eq!(
            code(
                r#"{"Result":{"InvokeResult":-1,"ErrMsg":"{\"statusCode\":433}"},"RequestId":"r1"}"#
            ),
            Ok(Code::TimeLimitReached)
        );
    }

    #[test]
    fn a_number_the_table_does_not_have_is_decoded_and_kept() {
        assert_eq!(code("612").map(u16::from), Ok(612));
        let decoded = decode(br#"{"statusCode":600}"#).unwrap();
        assert!(!decoded.code.is_known());
        assert_eq!(decoded.code.as_u16(), 600);
    }

    #[test]
    fn the_source_says_where_the_code_was_found() {
        let decoded = decode(
            br#"{"errorMessage":"Invoking task timed out after 3 seconds","statusCode":433}"#,
        )
        .unwrap();
        assert_eq!(
            decoded.source,
            "statusCode 433 in a function failure body (errorMessage: \"Invoking task timed out after 3 seconds\")"
        );
    }

    #[test]
    fn input_without_a_status_code_says_what_was_expected() {
        for (input, start) in [
            ("", "the input is empty"),
            ("{}", "no status code in the input: the object has neither"),
            (
                r#"{"Result":{"InvokeResult":1,"RetMsg":"plain text","ErrMsg":""}}"#,
                "InvokeResult 1 says the invocation failed but is not a status code",
            ),
            ("[433]", "no status code in the input: found an array"),
            ("\"433\"", "no status code in the input: found a string"),
            (
                "{\"statusCode\":",
                "the input is not valid JSON (EOF while parsing",
            ),
            ("70000", "70000 is not a status code"),
            ("-1", "-1 is not a status code"),
            (
                "{\"statusCode\":\"433\"}",
                "not a valid SCF failure body: `statusCode`: invalid type: string",
            ),
            (
                r#"{"Response":{"Result":{"InvokeResult":null}}}"#,
                "InvokeResult is null or missing, as for an asynchronous invocation",
            ),
            (
                r#"{"Response":{"Result":{"FunctionRequestId":"f"}}}"#,
                "InvokeResult is null or missing",
            ),
            (
                r#"{"Response":{"Result":{"InvokeResult":-1}}}"#,
                "InvokeResult -1 says the invocation failed but is not a status code",
            ),
            (
                r#"{"Response":{"Error":{"Code":"ResourceNotFound.Function","Message":"gone"}}}"#,
                "the InvokeFunction call failed, so there is no status code: the API returned \
                 the error ResourceNotFound.Function: gone",
            ),
        ] {
            let message = code(input).unwrap_err();
            assert!(message.starts_with(start), "{input:?}: {message}");
        }
        let binary = decode(&[0x89, b'P', b'N', b'G', 0xFF]).unwrap_err().0;
        assert!(
            binary.starts_with("the input is not UTF-8 text (invalid byte at offset 0)"),
            "{binary}"
        );
    }
}
