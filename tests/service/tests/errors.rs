//! A failed invocation is a Rust error: `?` carries it into anyhow, a boxed error or a
//! thiserror enum, and back out with `downcast_ref`. Only the public API of scf-codes is used.

use std::error::Error as StdError;

use anyhow::Context as _;
use scf_codes::{ApiError, Code, FailureBody, InvokeError, InvokeResponse, InvokeResult};

/// A fixture of `tests/data/payload/`, built from the sources its `SOURCES.md` lists.
macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../data/payload/", $name))
    };
}

fn response(json: &str) -> InvokeResponse {
    serde_json::from_str(json).expect("the fixture is an InvokeFunction response")
}

/// What a service writes: invoke, and `?` a failure into anyhow.
fn greeting(json: &str) -> anyhow::Result<String> {
    let response: InvokeResponse = serde_json::from_str(json).context("reading the response")?;
    let result = response.into_result().context("invoking greeter")?;
    Ok(result.ret_msg.unwrap_or_default())
}

/// The same with the standard library's boxed error.
fn greeting_boxed(json: &str) -> Result<String, Box<dyn StdError + Send + Sync>> {
    let result = response(json).into_result()?;
    Ok(result.ret_msg.unwrap_or_default())
}

/// A service's own error type, with scf-codes' errors inside.
#[derive(Debug, thiserror::Error)]
enum ServiceError {
    #[error("the greeter failed")]
    Invoke(#[from] InvokeError),
    #[error("the greeter's answer is not JSON")]
    Json(#[from] serde_json::Error),
    #[error("the greeter said it failed")]
    Failure(#[from] FailureBody),
}

fn greeting_typed(json: &str) -> Result<String, ServiceError> {
    let response: InvokeResponse = serde_json::from_str(json)?;
    let result = response.into_result()?;
    Ok(result.ret_msg.unwrap_or_default())
}

/// The messages of an error and its sources, outermost first.
fn chain(error: &(dyn StdError + 'static)) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut source = error.source();
    while let Some(error) = source {
        messages.push(error.to_string());
        source = error.source();
    }
    messages
}

#[test]
fn invoke_error_is_send_sync_static_and_one_pointer_wide() {
    fn assert_error<E: StdError + Send + Sync + 'static>() {}
    assert_error::<InvokeError>();
    assert_error::<FailureBody>();
    assert_error::<ApiError>();
    assert_eq!(size_of::<InvokeError>(), size_of::<usize>());
    assert_eq!(
        size_of::<Result<(), InvokeError>>(),
        size_of::<InvokeError>()
    );
}

#[test]
fn a_successful_invocation_is_ok_with_its_result() {
    let result = response(fixture!("invoke-function-sync.json"))
        .into_result()
        .unwrap();
    assert_eq!(result.ret_msg.as_deref(), Some("hello from scf"));
    assert_eq!(result.failure_body(), None);
    assert_eq!(
        greeting(fixture!("invoke-function-sync.json")).unwrap(),
        "hello from scf"
    );
}

#[test]
fn a_queued_asynchronous_invocation_is_ok() {
    for json in [
        fixture!("invoke-async-null.json"),
        fixture!("invoke-async-missing.json"),
    ] {
        let result = response(json).into_result().unwrap();
        assert_eq!(result.invoke_result, None);
    }
}

#[test]
fn a_failure_body_in_err_msg_is_read_and_becomes_the_error() {
    let response = response(fixture!("invoke-failed-errmsg.json"));
    let result = response.result.as_ref().unwrap();
    let body = result.failure_body().unwrap();
    assert_eq!(body.code(), Code::UserProcessExited);
    assert_eq!(body.error_code, Some(-1));

    let error = response.into_result().unwrap_err();
    assert_eq!(error.code(), Some(Code::UserProcessExited));
    assert_eq!(error.failure_body(), Some(&body));
    assert_eq!(
        error.function_request_id(),
        Some("aa2f298c-d392-4a1e-9e11-f2956b6e046b")
    );
    assert_eq!(
        error.request_id(),
        Some("3c140219-cfe9-470e-b241-907877d6fb03")
    );
    assert_eq!(error.message(), body.error_message.as_deref());
    assert_eq!(
        chain(&error),
        [
            "SCF invocation aa2f298c-d392-4a1e-9e11-f2956b6e046b failed with 439 UserProcessExited"
                .to_owned(),
            format!(
                "439 UserProcessExited: {}",
                body.error_message.as_deref().unwrap()
            ),
        ]
    );
}

#[test]
fn a_failure_body_in_ret_msg_is_read_when_the_invocation_did_not_succeed() {
    let error = response(fixture!("invoke-failed-retmsg.json"))
        .into_result()
        .unwrap_err();
    assert_eq!(error.code(), Some(Code::TimeLimitReached));
    assert_eq!(
        error.to_string(),
        "SCF invocation 2b9c1f4e-6a57-4c1b-9df8-0e4c2c7b1a55 failed with 433 TimeLimitReached"
    );
    assert_eq!(
        error.source().unwrap().to_string(),
        "433 TimeLimitReached: Invoking task timed out after 3 seconds"
    );
}

#[test]
fn a_successful_functions_own_status_code_is_its_value_not_a_failure() {
    let response = response(fixture!("invoke-apigw-404-success.json"));
    let result = response.clone().into_result().unwrap();
    assert_eq!(result.failure_body(), None);
    assert!(result.ret_msg.unwrap().contains("\"statusCode\":404"));
}

#[test]
fn a_failure_without_a_body_keeps_invoke_result_and_err_msg() {
    let error = response(fixture!("invoke-failed-traceback.json"))
        .into_result()
        .unwrap_err();
    assert_eq!(error.code(), None);
    assert_eq!(error.failure_body(), None);
    assert!(error.source().is_none());
    let display = error.to_string();
    assert!(
        display.starts_with(
            "SCF invocation 5d0e0c2e-8c3f-4f0a-9a55-7c6f1b2d3e4f failed (InvokeResult -1): \
             Traceback (most recent call last):"
        ),
        "{display}"
    );
    // One line: the rest of the stack trace is in the result, and in message().
    assert!(
        display.ends_with(" …") && !display.contains('\n'),
        "{display}"
    );
    assert!(error.message().unwrap().ends_with("KeyError: 'name'"));
    assert_eq!(error.result().unwrap().duration, Some(11.5));
}

#[test]
fn a_negative_invoke_result_with_a_body_in_err_msg_takes_the_bodys_code() {
    let error = response(fixture!("invoke-negative.json"))
        .into_result()
        .unwrap_err();
    assert_eq!(error.code(), Some(Code::TimeLimitReached));
    assert_eq!(error.result().unwrap().invoke_result, Some(-1));
}

#[test]
fn a_nonzero_invoke_result_alone_is_a_failure_with_the_code_it_names() {
    let error = InvokeResponse::new(Ok(InvokeResult::new(Some(433))))
        .into_result()
        .unwrap_err();
    assert_eq!(error.code(), Some(Code::TimeLimitReached));
    assert_eq!(
        error.to_string(),
        "SCF invocation failed with 433 TimeLimitReached"
    );
    let error = InvokeResponse::new(Ok(InvokeResult::new(Some(-2))))
        .into_result()
        .unwrap_err();
    assert_eq!(error.code(), None);
    assert_eq!(error.to_string(), "SCF invocation failed (InvokeResult -2)");
}

#[test]
fn an_api_error_is_an_error_without_a_code_whose_source_is_the_api_error() {
    let error = response(fixture!("api-error-resource-not-found.json"))
        .into_result()
        .unwrap_err();
    assert_eq!(error.code(), None);
    let api_error = error.api_error().unwrap();
    assert_eq!(api_error.code, "ResourceNotFound.Function");
    assert_eq!(error.function_request_id(), None);
    assert_eq!(error.result(), None);
    assert_eq!(
        error.to_string(),
        "SCF API call failed: ResourceNotFound.Function \
         (RequestId a1b2c3d4-0000-4000-8000-000000000004)"
    );
    let source = error.source().unwrap();
    assert_eq!(source.downcast_ref::<ApiError>(), Some(api_error));
    assert_eq!(error.message(), Some(api_error.message.as_str()));
}

#[test]
fn question_mark_carries_it_into_anyhow_with_context_and_back() {
    let error = greeting(fixture!("invoke-failed-errmsg.json")).unwrap_err();
    assert_eq!(error.to_string(), "invoking greeter");
    let invoke_error = error.downcast_ref::<InvokeError>().unwrap();
    assert_eq!(invoke_error.code(), Some(Code::UserProcessExited));
    let report = format!("{error:#}");
    assert_eq!(
        report,
        "invoking greeter: SCF invocation aa2f298c-d392-4a1e-9e11-f2956b6e046b failed with \
         439 UserProcessExited: 439 UserProcessExited: User process exit when running"
    );
    // The failure body is in the chain too, for a service that looks for the code there.
    assert!(
        error
            .chain()
            .any(|cause| cause.downcast_ref::<FailureBody>().is_some())
    );
}

#[test]
fn question_mark_carries_it_into_a_boxed_error_and_back() {
    let error = greeting_boxed(fixture!("invoke-failed-retmsg.json")).unwrap_err();
    let invoke_error = error.downcast_ref::<InvokeError>().unwrap();
    assert_eq!(invoke_error.code(), Some(Code::TimeLimitReached));
    assert!(
        greeting_boxed(fixture!("invoke-function-sync.json")).is_ok(),
        "a success is no error"
    );
}

#[test]
fn from_invoke_error_in_a_thiserror_enum() {
    let error = greeting_typed(fixture!("api-error-resource-not-found.json")).unwrap_err();
    let ServiceError::Invoke(invoke_error) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        invoke_error.api_error().map(|error| error.code.as_str()),
        Some("ResourceNotFound.Function")
    );
    assert_eq!(
        chain(&error),
        [
            "the greeter failed",
            "SCF API call failed: ResourceNotFound.Function \
             (RequestId a1b2c3d4-0000-4000-8000-000000000004)",
            "ResourceNotFound.Function: The function does not exist.",
        ]
    );
    assert!(matches!(
        greeting_typed("{").unwrap_err(),
        ServiceError::Json(_)
    ));
}

#[test]
fn a_failure_body_is_an_error_of_its_own() {
    fn check(json: &str) -> Result<Code, ServiceError> {
        let result: InvokeResult = serde_json::from_str(json)?;
        match result.failure_body() {
            Some(body) => Err(body)?,
            None => Ok(Code::Success),
        }
    }
    let error =
        check(r#"{"InvokeResult":-1,"ErrMsg":"{\"statusCode\":432,\"errorMessage\":\"busy\"}"}"#)
            .unwrap_err();
    let ServiceError::Failure(body) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(body.code(), Code::ResourceLimitReached);
    assert!(body.code().is_retryable());
    assert_eq!(body.to_string(), "432 ResourceLimitReached: busy");

    let anyhow_error: anyhow::Error = FailureBody::new(Code::TimeLimitReached).into();
    assert_eq!(anyhow_error.to_string(), "433 TimeLimitReached");
}

#[test]
fn failure_bodies_are_read_only_from_objects_with_a_status_code() {
    let with = |err_msg: &str| {
        let mut result = InvokeResult::new(Some(-1));
        result.err_msg = Some(err_msg.to_owned());
        result.failure_body()
    };
    assert_eq!(
        with("  {\"statusCode\": 600}\n").map(|body| body.code()),
        Some(Code::from_u16(600))
    );
    for not_a_body in [
        "",
        "   ",
        "user code exception caught",
        "{\"errorCode\":-1,\"errorMessage\":\"no status code\"}",
        "{\"statusCode\":\"433\"}",
        "{\"statusCode\":70000}",
        "[433, -1, \"an array\"]",
        "{\"statusCode\":433",
        "{\"statusCode\":433} trailing",
    ] {
        assert_eq!(with(not_a_body), None, "{not_a_body:?}");
    }
}

#[test]
fn err_msg_wins_over_ret_msg_and_ret_msg_is_read_only_when_invoke_result_says_failed() {
    let mut result = InvokeResult::new(Some(-1));
    result.err_msg = Some(r#"{"statusCode":433}"#.to_owned());
    result.ret_msg = Some(r#"{"statusCode":432}"#.to_owned());
    assert_eq!(
        result.failure_body().map(|body| body.code()),
        Some(Code::TimeLimitReached)
    );
    result.err_msg = None;
    assert_eq!(
        result.failure_body().map(|body| body.code()),
        Some(Code::ResourceLimitReached)
    );
    for success_or_queued in [Some(0), None] {
        result.invoke_result = success_or_queued;
        assert_eq!(result.failure_body(), None);
    }
}

#[test]
fn a_success_failure_body_beside_invoke_result_zero_is_ok() {
    let mut result = InvokeResult::new(Some(0));
    result.err_msg = Some(r#"{"statusCode":200}"#.to_owned());
    let response = InvokeResponse::new(Ok(result.clone()));
    assert_eq!(response.into_result(), Ok(result));
}

#[test]
fn payload_types_read_objects_only_through_the_trait() {
    use serde::Deserialize;
    let array = serde_json::json!([433, -1, "msg"]);
    assert!(serde_json::from_value::<FailureBody>(array.clone()).is_err());
    assert!(FailureBody::deserialize(&array).is_err());
    assert!(InvokeResult::deserialize(&serde_json::json!([0])).is_err());
    assert!(ApiError::deserialize(&serde_json::json!(["c", "m"])).is_err());
    let body = FailureBody::deserialize(&serde_json::json!({"statusCode": 433})).unwrap();
    assert_eq!(body.code(), Code::TimeLimitReached);
}

#[test]
fn every_code_parses_from_its_number_and_name_and_from_its_display() {
    for &code in Code::ALL {
        let number = code.as_u16();
        for text in [
            code.to_string(),
            format!("{number} {}", code.name()),
            format!("{number} {}", code.name().to_ascii_lowercase()),
        ] {
            assert_eq!(text.parse::<Code>(), Ok(code), "{text}");
            assert_eq!(Code::try_from(text.as_str()), Ok(code), "{text}");
        }
    }
}

#[test]
fn every_i64_converts_exactly_when_it_is_a_u16() {
    for number in 0..=u16::MAX {
        let code = Code::from_u16(number);
        assert_eq!(Code::try_from(i64::from(number)), Ok(code));
        assert_eq!(Code::try_from(i32::from(number)), Ok(code));
    }
    for value in [i64::MIN, -1, 65_536, i64::MAX] {
        let error = Code::try_from(value).unwrap_err();
        assert_eq!(error.value(), value);
        let anyhow_error: anyhow::Error = error.into();
        assert!(anyhow_error.to_string().contains("out of range"));
    }
}

#[test]
fn an_invoke_result_converts_to_a_code_with_question_mark() {
    fn code_of(result: &InvokeResult) -> anyhow::Result<Code> {
        let value = result
            .invoke_result
            .context("asynchronous: no InvokeResult")?;
        Ok(Code::try_from(value)?)
    }
    assert_eq!(
        code_of(&InvokeResult::new(Some(0))).unwrap(),
        Code::from_u16(0)
    );
    assert!(code_of(&InvokeResult::new(Some(-1))).is_err());
    assert!(code_of(&InvokeResult::new(None)).is_err());
}

/// A result as SCF sends it, from its `InvokeResult`, `ErrMsg` and `RetMsg`.
fn result_of(invoke_result: Option<i64>, err_msg: &str, ret_msg: &str) -> InvokeResult {
    let mut result = InvokeResult::new(invoke_result);
    result.err_msg = Some(err_msg.to_owned());
    result.ret_msg = Some(ret_msg.to_owned());
    result
}

fn outcome(result: InvokeResult) -> Result<InvokeResult, InvokeError> {
    InvokeResponse::new(Ok(result)).into_result()
}

#[test]
fn a_functions_own_status_code_in_ret_msg_is_no_failure_without_invoke_result() {
    for value in [None, Some(0)] {
        for ret_msg in [
            r#"{"statusCode":404,"body":"not found"}"#,
            r#"{"statusCode":500,"errorMessage":"the function's own 500"}"#,
        ] {
            let result = result_of(value, "", ret_msg);
            assert_eq!(result.failure_body(), None, "{value:?} {ret_msg}");
            assert!(outcome(result).is_ok(), "{value:?} {ret_msg}");
        }
    }
}

#[test]
fn an_err_msg_without_invoke_result_is_a_failure() {
    let error = outcome(result_of(
        None,
        "Traceback (most recent call last):\n  ...",
        "",
    ))
    .unwrap_err();
    assert_eq!(error.code(), None);
    assert_eq!(
        error.to_string(),
        "SCF invocation failed: Traceback (most recent call last): …"
    );
    assert!(outcome(result_of(None, "  \n", "")).is_ok());
}

#[test]
fn a_mistyped_optional_field_keeps_the_status_code() {
    for err_msg in [
        r#"{"statusCode":432,"errorCode":"E1","errorMessage":"busy"}"#,
        r#"{"statusCode":432,"errorCode":-1.0,"errorMessage":"busy"}"#,
        r#"{"statusCode":432,"stackTrace":["a","b"],"errorMessage":"busy"}"#,
        "\u{feff}{\"statusCode\":432,\"errorMessage\":\"busy\"}",
    ] {
        let error = outcome(result_of(Some(-1), err_msg, "")).unwrap_err();
        assert_eq!(error.code(), Some(Code::ResourceLimitReached), "{err_msg}");
        assert!(error.code().is_some_and(Code::is_retryable));
        assert_eq!(error.message(), Some("busy"), "{err_msg}");
    }
    // The status code itself must be one.
    for err_msg in [
        r#"{"statusCode":433.0}"#,
        r#"{"statusCode":-433}"#,
        r#"{"statusCode":"433"}"#,
    ] {
        assert_eq!(
            result_of(Some(-1), err_msg, "").failure_body(),
            None,
            "{err_msg}"
        );
    }
}

#[test]
fn invoke_result_names_a_code_only_when_it_is_a_failure_code_of_the_table() {
    for (value, code) in [
        (1, None),
        (-1, None),
        (200, None),
        (600, None),
        (433, Some(Code::TimeLimitReached)),
    ] {
        let error = outcome(result_of(Some(value), "", "")).unwrap_err();
        assert_eq!(error.code(), code, "InvokeResult {value}");
    }
    let error = outcome(result_of(Some(200), "", "")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "SCF invocation failed (InvokeResult 200)"
    );
}

#[test]
fn message_is_the_bodys_message_only_when_there_is_a_body() {
    let error = outcome(result_of(Some(-1), r#"{"statusCode":433}"#, "")).unwrap_err();
    assert_eq!(error.message(), None);
    let error = outcome(result_of(Some(-1), "  out of memory\n", "")).unwrap_err();
    assert_eq!(error.message(), Some("out of memory"));
}

#[test]
fn an_err_msg_of_any_size_is_shown_on_one_short_line() {
    let huge = "x".repeat(200_000);
    let error = outcome(result_of(Some(-1), &huge, "")).unwrap_err();
    let display = error.to_string();
    assert!(display.len() < 300, "{} bytes", display.len());
    assert!(display.ends_with(" …"));
    assert_eq!(error.message().map(str::len), Some(200_000));
    let wide = "超时".repeat(200);
    let display = outcome(result_of(Some(-1), &wide, ""))
        .unwrap_err()
        .to_string();
    assert!(
        display.ends_with(&format!("{} …", "超时".repeat(100))),
        "{display}"
    );
}

#[test]
fn an_api_error_with_empty_or_null_fields_still_reads_and_says_something() {
    let response =
        response(r#"{"Response":{"Error":{"Code":null,"Message":null},"RequestId":""}}"#);
    let error = response.into_result().unwrap_err();
    assert_eq!(error.to_string(), "SCF API call failed");
    assert_eq!(error.request_id(), None);
    assert_eq!(
        error.source().unwrap().to_string(),
        "an API error without a code or a message"
    );
    let error = InvokeError::from(ApiError::new("LimitExceeded", ""));
    assert_eq!(error.source().unwrap().to_string(), "LimitExceeded");
}
