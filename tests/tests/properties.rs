//! The library's doors on hostile input: `Code::from_str`, `Runtime::from_str`,
//! `Handler::parse`, and serde for `Code`, `Category` and the payload types. Nothing panics;
//! what is accepted round-trips; what is rejected says why.

use proptest::prelude::*;
use scf_codes::handler::{Handler, Runtime};
use scf_codes::{Category, Code, FailureBody, InvokeResponse};
use serde_json::Value;

/// Any JSON value, nested a few levels, with the keys and numbers the payloads care about
/// turning up often.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("statusCode".to_owned()),
        Just("Response".to_owned()),
        Just("Result".to_owned()),
        Just("InvokeResult".to_owned()),
        Just("Error".to_owned()),
        Just("errorMessage".to_owned()),
        "[a-zA-Z]{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (0u64..70_000).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
        Just(Value::String("433".to_owned())),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn code_from_str_accepts_round_trips_or_explains(text in "\\PC{0,40}|[0-9]{1,7}|[0-9]{3} [A-Za-z ]{0,30}") {
        match text.parse::<Code>() {
            Ok(code) => {
                prop_assert_eq!(code.to_string().parse::<Code>(), Ok(code));
                prop_assert_eq!(code.name().parse::<Code>().ok().filter(|_| code.is_known()), code.is_known().then_some(code));
            }
            Err(error) => {
                let message = error.to_string();
                prop_assert!(message.contains("expected") || message.contains("out of range"), "{}", message);
                prop_assert!(text.starts_with(error.input()));
            }
        }
    }

    #[test]
    fn runtime_and_handler_parsing_never_panic(runtime in "\\PC{0,16}", handler in "\\PC{0,80}|[a-zA-Z0-9_.:$-]{0,70}") {
        if let Ok(runtime) = runtime.parse::<Runtime>() {
            prop_assert_eq!(runtime.as_str().parse::<Runtime>(), Ok(runtime));
        }
        for &runtime in Runtime::ALL {
            match Handler::parse(runtime, &handler) {
                Ok(parsed) => {
                    prop_assert_eq!(parsed.as_str(), handler.as_str());
                    prop_assert!(!handler.is_empty());
                    if !matches!(runtime, Runtime::Java | Runtime::Custom) {
                        for name in [parsed.file_name(), parsed.function_name()].into_iter().flatten() {
                            prop_assert!((2..=60).contains(&name.chars().count()), "{}", name);
                        }
                    }
                    if let Some(file) = parsed.entry_file() {
                        prop_assert!(!file.to_string().is_empty());
                    }
                }
                Err(error) => {
                    let message = error.to_string();
                    prop_assert!(message.starts_with(&format!("invalid {runtime} handler")), "{}", message);
                }
            }
        }
    }

    /// Every FileName.FunctionName made of names that follow CreateFunction's character rule
    /// is valid exactly when each name is 2 to 60 characters long, whatever the whole length:
    /// so every such handler that passed under the old whole-handler rule with names of two or
    /// more characters still passes.
    #[test]
    fn file_and_function_names_are_each_two_to_sixty_characters(
        file in "[a-zA-Z]([a-zA-Z0-9_-]{0,62}[a-zA-Z])?",
        function in "[a-zA-Z]([a-zA-Z0-9_-]{0,62}[a-zA-Z])?",
    ) {
        let fits = |name: &str| (2..=60).contains(&name.len());
        let handler = format!("{file}.{function}");
        for runtime in [Runtime::Python, Runtime::NodeJs, Runtime::Php] {
            prop_assert_eq!(Handler::parse(runtime, &handler).is_ok(), fits(&file) && fits(&function), "{}", handler);
        }
        prop_assert_eq!(Handler::parse(Runtime::Go, &file).is_ok(), fits(&file));
        prop_assert!(Handler::parse(Runtime::Custom, &handler).is_ok());
    }

    #[test]
    fn serde_of_codes_and_payloads_never_panics(value in json()) {
        if let Ok(code) = serde_json::from_value::<Code>(value.clone()) {
            let back = serde_json::to_value(code).unwrap();
            prop_assert_eq!(serde_json::from_value::<Code>(back).unwrap(), code);
        }
        let _ = serde_json::from_value::<Category>(value.clone());
        if let Ok(body) = serde_json::from_value::<FailureBody>(value.clone()) {
            prop_assert_eq!(body.code().as_u16(), body.status_code);
        }
        if let Ok(response) = serde_json::from_value::<InvokeResponse>(value.clone()) {
            let expected = match &response.result {
                Ok(result) => match result.invoke_result {
                    Some(0) => Some(Code::Success),
                    Some(n) => u16::try_from(n).ok().filter(|&n| n > 0).map(Code::from_u16),
                    None => None,
                },
                Err(_) => None,
            };
            prop_assert_eq!(response.code(), expected);
            let back = serde_json::to_value(&response).unwrap();
            prop_assert_eq!(serde_json::from_value::<InvokeResponse>(back).unwrap(), response);
        }
        let text = value.to_string();
        let _ = serde_json::from_str::<FailureBody>(&text);
        let _ = serde_json::from_str::<InvokeResponse>(&text);
    }

    #[test]
    fn payloads_from_arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = serde_json::from_slice::<FailureBody>(&bytes);
        let _ = serde_json::from_slice::<InvokeResponse>(&bytes);
        let _ = serde_json::from_slice::<Code>(&bytes);
    }
}
