//! The payload types: what SCF returns, read into types that give its `Code`.

use scf_codes::{ApiError, Code, FailureBody, InvokeResponse, InvokeResult};

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

/// A fixture of `tests/data/payload/`, built from the sources its `SOURCES.md` lists.
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../data/payload/", $name))
    };
}

#[test]
fn tencents_example_response_gives_success_and_keeps_its_fields() {
    let response = invoke(fixture!("invoke-function-sync.json")).unwrap();
    assert_eq!(response.code(), Some(Code::Success));
    assert_eq!(
        response.request_id.as_deref(),
        Some("c2af8a64-c922-4d55-aee0-bd86a5c2cd12")
    );
    let result = response.result.unwrap();
    assert_eq!(result.invoke_result, Some(0));
    assert_eq!(result.succeeded(), Some(true));
    assert_eq!(result.mem_usage, Some(3_207_168));
    assert_eq!(result.duration, Some(0.826));
    assert_eq!(result.bill_duration, Some(100));
    assert_eq!(result.ret_msg.as_deref(), Some("hello from scf"));
    assert_eq!(result.err_msg.as_deref(), Some(""));
    assert_eq!(
        result.function_request_id.as_deref(),
        Some("6add56fa-58f1-11e8-89a9-5254005d5fdb")
    );
}

#[test]
fn an_asynchronous_invocation_with_null_or_missing_fields_parses_and_has_no_code() {
    for json in [
        fixture!("invoke-async-null.json"),
        fixture!("invoke-async-missing.json"),
    ] {
        let response = invoke(json).unwrap();
        assert_eq!(response.code(), None, "{json}");
        let result = response.result.as_ref().unwrap();
        assert_eq!(result.invoke_result, None);
        assert_eq!(result.succeeded(), None);
        assert_eq!((result.ret_msg.as_ref(), result.mem_usage), (None, None));
        assert_eq!(
            result.function_request_id.as_deref(),
            Some("0f6b6f1e-3c52-4bd1-9a57-0b1f6c1f2a10")
        );
    }
}

#[test]
fn a_negative_invoke_result_parses_as_a_failure_without_a_code() {
    let response = invoke(fixture!("invoke-negative.json")).unwrap();
    let result = response.result.as_ref().unwrap();
    assert_eq!(result.invoke_result, Some(-1));
    assert_eq!(result.succeeded(), Some(false));
    assert_eq!(result.code(), None);
    assert_eq!(response.code(), None);
    // The failure itself is in ErrMsg: a failure body with the status code.
    let body = failure(result.err_msg.as_deref().unwrap()).unwrap();
    assert_eq!(body.code(), Code::TimeLimitReached);
}

#[test]
fn invoke_result_gives_a_code_only_where_it_is_one() {
    for (invoke_result, code) in [
        ("0", Some(Code::Success)),
        ("433", Some(Code::TimeLimitReached)),
        ("200", Some(Code::Success)),
        ("999", Some(Code::from_u16(999))),
        ("65535", Some(Code::from_u16(65535))),
        ("65536", None),
        ("-1", None),
        ("-433", None),
        ("9223372036854775807", None),
        ("-9223372036854775808", None),
        ("null", None),
    ] {
        let json = format!(r#"{{"Response":{{"Result":{{"InvokeResult":{invoke_result}}}}}}}"#);
        let response = invoke(&json).unwrap();
        assert_eq!(response.code(), code, "{json}");
        let result = response.result.unwrap();
        assert_eq!(result.code(), code);
        assert_eq!(
            result.succeeded(),
            result.invoke_result.map(|value| value == 0)
        );
    }
}

#[test]
fn an_api_error_is_a_value_to_match_on() {
    let response = invoke(fixture!("api-error-resource-not-found.json")).unwrap();
    assert_eq!(response.code(), None);
    assert_eq!(
        response.request_id.as_deref(),
        Some("a1b2c3d4-0000-4000-8000-000000000004")
    );
    let error = match &response.result {
        Err(error) if error.code == "ResourceNotFound.Function" => error,
        other => panic!("not the API error: {other:?}"),
    };
    assert_eq!(error.message, "The function does not exist.");
    assert_eq!(
        error.to_string(),
        "ResourceNotFound.Function: The function does not exist."
    );
    let boxed: Box<dyn std::error::Error> = Box::new(error.clone());
    assert!(boxed.to_string().starts_with("ResourceNotFound.Function"));
    // An error beside a result: the call failed.
    let both = invoke(
        r#"{"Response":{"Result":{"InvokeResult":0},"Error":{"Code":"InternalError","Message":"m"}}}"#,
    )
    .unwrap();
    assert_eq!(both.result, Err(ApiError::new("InternalError", "m")));
}

#[test]
fn unknown_fields_are_ignored_at_every_level() {
    let response = invoke(fixture!("invoke-unknown-fields.json")).unwrap();
    assert_eq!(response.code(), Some(Code::Success));
    assert_eq!(
        response.result.as_ref().unwrap().ret_msg.as_deref(),
        Some("ok")
    );
    let body = failure(fixture!("failure-body-unknown-fields.json")).unwrap();
    assert_eq!(body.code(), Code::UserCodeException);
    assert_eq!(body.error_code, Some(-1));
    let error = invoke(r#"{"Response":{"Error":{"Code":"C","Message":"M","Detail":[1]}}}"#)
        .unwrap()
        .result
        .unwrap_err();
    assert_eq!(error, ApiError::new("C", "M"));
}

#[test]
fn a_failure_body_fixture_gives_its_code() {
    let body = failure(fixture!("failure-body-timeout.json")).unwrap();
    assert_eq!(body.code(), Code::TimeLimitReached);
    assert_eq!(
        body.error_message.as_deref(),
        Some("Invoking task timed out after 3 seconds")
    );
}

#[test]
fn every_payload_type_can_be_built_in_a_services_tests() {
    let mut body = FailureBody::new(Code::TimeLimitReached);
    body.error_message = Some("timed out".into());
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"statusCode":433,"errorMessage":"timed out"}"#
    );

    let mut result = InvokeResult::new(Some(0));
    result.ret_msg = Some("hello".into());
    let mut response = InvokeResponse::new(Ok(result));
    response.request_id = Some("r-1".into());
    assert_eq!(
        serde_json::to_string(&response).unwrap(),
        r#"{"Response":{"Result":{"InvokeResult":0,"RetMsg":"hello"},"RequestId":"r-1"}}"#
    );
    assert_eq!(response.code(), Some(Code::Success));

    let queued = InvokeResponse::default();
    assert_eq!(queued.code(), None);
    assert_eq!(queued.result, Ok(InvokeResult::default()));
    assert_eq!(
        serde_json::to_string(&queued).unwrap(),
        r#"{"Response":{"Result":{}}}"#
    );

    let error = InvokeResponse::new(Err(ApiError::new("LimitExceeded", "too many")));
    let json = serde_json::to_string(&error).unwrap();
    assert_eq!(
        json,
        r#"{"Response":{"Error":{"Code":"LimitExceeded","Message":"too many"}}}"#
    );
    assert_eq!(invoke(&json).unwrap(), error);
    assert_eq!(ApiError::default(), ApiError::new("", ""));
}

#[test]
fn an_invoke_response_without_a_result_or_an_error_says_why() {
    assert!(
        invoke(r#"{"Response":{}}"#)
            .unwrap_err()
            .starts_with("`Response`: neither `Result` nor `Error`")
    );
    assert!(
        invoke(r#"{}"#)
            .unwrap_err()
            .starts_with("missing field `Response`")
    );
    let string = invoke(r#"{"Response":{"Result":{"InvokeResult":"0"}}}"#).unwrap_err();
    assert!(
        string.contains("`InvokeResult`: invalid type: string \"0\""),
        "{string}"
    );
    let float = invoke(r#"{"Response":{"Result":{"InvokeResult":0.5}}}"#).unwrap_err();
    assert!(
        float.contains("`InvokeResult`: invalid type: floating point"),
        "{float}"
    );
    let code = invoke(r#"{"Response":{"Error":{"Code":5}}}"#).unwrap_err();
    assert!(code.contains("`Code`: invalid type: integer `5`"), "{code}");
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
