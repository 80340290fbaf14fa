//! The `serde` feature: a code is its number on the wire, and reads back from a number or a
//! string.

use scf_codes::handler::Runtime;
use scf_codes::{Category, Code};

#[test]
fn a_code_serializes_as_its_number_known_or_not() {
    assert_eq!(
        serde_json::to_string(&Code::TimeLimitReached).unwrap(),
        "433"
    );
    assert_eq!(serde_json::to_string(&Code::from_u16(600)).unwrap(), "600");
}

#[test]
fn every_u16_round_trips_through_json() {
    for number in 0..=u16::MAX {
        let code = Code::from_u16(number);
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
    }
}

#[test]
fn a_code_deserializes_from_a_name_or_a_decimal_string() {
    let from = |json: &str| serde_json::from_str::<Code>(json).unwrap();
    assert_eq!(from("\"433\""), Code::TimeLimitReached);
    assert_eq!(from("\"timelimitreached\""), Code::TimeLimitReached);
    assert_eq!(from("\"433 TimeLimitReached\""), Code::TimeLimitReached);
    assert_eq!(from("\"600\""), Code::from_u16(600));
}

#[test]
fn anything_else_is_a_clear_error() {
    let error = |json: &str| serde_json::from_str::<Code>(json).unwrap_err().to_string();
    assert!(
        error("70000").starts_with("invalid value: integer `70000`, expected an SCF status code"),
        "{}",
        error("70000")
    );
    assert!(error("-1").starts_with("invalid value: integer `-1`, expected an SCF status code"));
    assert!(
        error("4.33")
            .starts_with("invalid type: floating point `4.33`, expected an SCF status code")
    );
    assert!(
        error("\"Timeout\"").starts_with("\"Timeout\" is not a status code"),
        "{}",
        error("\"Timeout\"")
    );
    assert!(error("null").starts_with("invalid type: null"));
    assert!(error("[433]").starts_with("invalid type: sequence"));
}

#[test]
fn a_category_is_its_codes_toml_spelling() {
    assert_eq!(
        serde_json::to_string(&Category::Throttling).unwrap(),
        "\"throttling\""
    );
    assert_eq!(
        serde_json::from_str::<Category>("\"Function\"").unwrap(),
        Category::Function
    );
    let error = serde_json::from_str::<Category>("\"nope\"")
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid value: string \"nope\", expected a category"),
        "{error}"
    );
}

#[test]
fn a_runtime_is_its_command_line_spelling_and_reads_every_spelling() {
    for &runtime in Runtime::ALL {
        let json = serde_json::to_string(&runtime).unwrap();
        assert_eq!(json, format!("\"{}\"", runtime.as_str()));
        assert_eq!(serde_json::from_str::<Runtime>(&json).unwrap(), runtime);
        let display = format!("\"{runtime}\"");
        assert_eq!(serde_json::from_str::<Runtime>(&display).unwrap(), runtime);
    }
    assert_eq!(
        serde_json::from_str::<Runtime>("\"Python3.9\"").unwrap(),
        Runtime::Python
    );
    let error = serde_json::from_str::<Runtime>("\"rust\"")
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("invalid value: string \"rust\", expected a runtime"),
        "{error}"
    );
}
