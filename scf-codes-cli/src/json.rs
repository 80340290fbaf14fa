//! The JSON schema of a code, shared by `--json` and `export --format json`.

use scf_codes::{Code, Lang};
use serde_json::{Value, json};

use crate::decode::Decoded;

/// `{"code", "name", "message", "description", "solution", "zh": {"description", "solution"},
/// "category", "retryable", "triggers_repossession", "known"}`: the texts in English, and in
/// Chinese under `zh` (the English ones where codes.toml has no Chinese text).
pub fn code(code: Code) -> Value {
    json!({
        "code": code.as_u16(),
        "name": code.name(),
        "message": code.message(),
        "description": code.description(),
        "solution": code.solution(),
        "zh": {
            "description": code.description_in(Lang::Zh),
            "solution": code.solution_in(Lang::Zh),
        },
        "category": code.category().as_str(),
        "retryable": code.is_retryable(),
        "triggers_repossession": code.triggers_repossession(),
        "known": code.is_known(),
    })
}

/// An array of [`code`] objects.
pub fn codes(codes: &[Code]) -> Value {
    Value::Array(codes.iter().copied().map(code).collect())
}

/// A decoded payload: the code's object plus `source`, where the code was found.
pub fn decoded(decoded: &Decoded) -> Value {
    let mut value = code(decoded.code);
    value["source"] = Value::String(decoded.source.clone());
    value
}

/// Pretty-printed, with a final newline.
pub fn to_string(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
