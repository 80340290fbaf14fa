//! The payload types: what SCF returns, read into types that give its `Code`.

use scf_codes::{Code, FailureBody, InvokeResponse};

fn failure(json: &str) -> Result<FailureBody, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

fn invoke(json: &str) -> Result<InvokeResponse, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

#[test]
fn a_failure_body_gives_its_status_code_and_keeps_its_fields() {
    let body = failure(
        r#"{"errorCode":-1,"errorMessage":"user code exception caught","requestId":"r-1","stackTrace":"at main","statusCode":430}"#,
    )
    .unwrap();
    assert_eq!(body.code(), Code::UserCodeException);
    assert_eq!(body.error_code, Some(-1));
    assert_eq!(
        body.error_message.as_deref(),
        Some("user code exception caught")
    );
    assert_eq!(body.request_id.as_deref(), Some("r-1"));
    assert_eq!(body.stack_trace.as_deref(), Some("at main"));
}

#[test]
fn the_status_code_decides_never_the_message() {
    let body =
        failure(r#"{"errorMessage":"Invoking task timed out after 3 seconds","statusCode":433}"#)
            .unwrap();
    assert_eq!(body.code(), Code::TimeLimitReached);
    let body = failure(r#"{"errorMessage":"TimeLimitReached","statusCode":500}"#).unwrap();
    assert_eq!(body.code(), Code::InternalError);
}

#[test]
fn unknown_fields_are_ignored_and_unknown_codes_kept() {
    let body =
        failure(r#"{"statusCode":612,"extra":{"nested":[1,2,3]},"errorCode":null}"#).unwrap();
    assert_eq!(body.code(), Code::from_u16(612));
    assert_eq!(body.error_code, None);
}

#[test]
fn a_bad_status_code_is_an_error_that_names_the_field() {
    assert_eq!(
        failure(r#"{"errorCode":-1}"#).unwrap_err(),
        "missing field `statusCode` at line 1 column 16"
    );
    let string = failure(r#"{"statusCode":"433"}"#).unwrap_err();
    assert!(
        string.starts_with("`statusCode`: invalid type: string \"433\", expected a status code"),
        "{string}"
    );
    let big = failure(r#"{"statusCode":70000}"#).unwrap_err();
    assert!(
        big.starts_with("`statusCode`: invalid value: integer `70000`"),
        "{big}"
    );
    let negative = failure(r#"{"statusCode":-1}"#).unwrap_err();
    assert!(
        negative.starts_with("`statusCode`: invalid value: integer `-1`"),
        "{negative}"
    );
    let float = failure(r#"{"statusCode":4.33}"#).unwrap_err();
    assert!(
        float.starts_with("`statusCode`: invalid type: floating point"),
        "{float}"
    );
    let wrong = failure(r#"{"statusCode":433,"errorMessage":5}"#).unwrap_err();
    assert!(
        wrong.starts_with("`errorMessage`: invalid type: integer `5`, expected a string"),
        "{wrong}"
    );
    assert!(
        failure("[433]")
            .unwrap_err()
            .starts_with("invalid type: sequence, expected an SCF failure body")
    );
}

#[test]
fn an_invoke_response_gives_success_for_zero_and_the_code_otherwise() {
    let response = invoke(
        r#"{"Response":{"Result":{"MemUsage":3207168,"Log":"","RetMsg":"hello from scf","BillDuration":100,"FunctionRequestId":"f-1","Duration":0.826,"ErrMsg":"","InvokeResult":0},"RequestId":"r-2"}}"#,
    )
    .unwrap();
    assert_eq!(response.code(), Code::Success);
    assert_eq!(response.request_id.as_deref(), Some("r-2"));
    assert_eq!(response.result.mem_usage, Some(3_207_168));
    assert_eq!(response.result.duration, Some(0.826));
    assert_eq!(response.result.bill_duration, Some(100));
    assert_eq!(response.result.function_request_id.as_deref(), Some("f-1"));
    for (invoke_result, code) in [
        (433, Code::TimeLimitReached),
        (200, Code::Success),
        (999, Code::from_u16(999)),
    ] {
        let json = format!(r#"{{"Response":{{"Result":{{"InvokeResult":{invoke_result}}}}}}}"#);
        assert_eq!(invoke(&json).unwrap().code(), code);
    }
}

#[test]
fn an_invoke_response_without_a_result_says_why() {
    let api_error = invoke(r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad signature"},"RequestId":"r"}}"#).unwrap_err();
    assert!(
        api_error.starts_with("`Response`: the API returned an error instead of a result: AuthFailure.SignatureFailure: bad signature"),
        "{api_error}"
    );
    assert!(
        invoke(r#"{"Response":{}}"#)
            .unwrap_err()
            .starts_with("`Response`: missing field `Result`")
    );
    assert!(
        invoke(r#"{}"#)
            .unwrap_err()
            .starts_with("missing field `Response`")
    );
    let missing = invoke(r#"{"Response":{"Result":{"RetMsg":"x"}}}"#).unwrap_err();
    assert!(
        missing.starts_with("`Response`: `Result`: missing field `InvokeResult`"),
        "{missing}"
    );
    let string = invoke(r#"{"Response":{"Result":{"InvokeResult":"0"}}}"#).unwrap_err();
    assert!(
        string.contains("`InvokeResult`: invalid type: string \"0\""),
        "{string}"
    );
}

#[test]
fn payloads_serialize_with_tencents_field_names_and_read_back() {
    let body =
        failure(r#"{"statusCode":433,"errorMessage":"timed out","requestId":"r-1"}"#).unwrap();
    let json = serde_json::to_string(&body).unwrap();
    assert_eq!(
        json,
        r#"{"statusCode":433,"errorMessage":"timed out","requestId":"r-1"}"#
    );
    assert_eq!(failure(&json).unwrap(), body);

    let response = invoke(
        r#"{"Response":{"Result":{"InvokeResult":432,"RetMsg":"busy","Duration":1.5},"RequestId":"r-2"}}"#,
    )
    .unwrap();
    let json = serde_json::to_string(&response).unwrap();
    assert_eq!(
        json,
        r#"{"Response":{"Result":{"InvokeResult":432,"RetMsg":"busy","Duration":1.5},"RequestId":"r-2"}}"#
    );
    assert_eq!(invoke(&json).unwrap(), response);
}

#[test]
fn a_payload_is_an_object_never_an_array_of_its_fields() {
    assert!(
        invoke(r#"[{"InvokeResult":0}]"#)
            .unwrap_err()
            .starts_with("invalid type: sequence, expected an InvokeFunction response")
    );
    assert!(
        invoke(r#"{"Response":{"Result":[0]}}"#)
            .unwrap_err()
            .contains("`Result`: invalid type: sequence, expected an invocation result")
    );
}
