//! The answer of an engine that ran triage's SQL (see `sql`): rows of `code` and `invocations`,
//! plus `bucket`, `function` or `version` when grouped, read back into the counts triage
//! reports. Rows come as JSON Lines, a JSON array or CSV (what DuckDB and Spark write), or in
//! CLS's analysis response: `AnalysisRecords` as JSON strings, or `ColNames` with
//! `AnalysisResults`, with or without the `Response` wrapper that tccli leaves out.
//!
//! An answer is a few rows per code, so it is read whole; a row that cannot be read is an error
//! with its place, never skipped, because every row is a count.

use serde_json::{Map, Value};

use crate::value::kind;

/// CLS returns at most this many rows, and 100 unless the query says `limit`.
pub const CLS_ROW_LIMIT: u32 = 1000;

/// The most bytes an answer may take: far more than any engine's grouped result.
pub const MAX_ANSWER: u64 = 256 << 20;

/// One row of an answer: how many invocations of one group ended with one outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The outcome; `None` for unfinished invocations (a NULL `code`).
    pub code: Option<u16>,
    /// How many invocations.
    pub invocations: u64,
    /// The start of the time bucket, in seconds since the epoch, when grouped by time.
    pub bucket: Option<i64>,
    /// The function, when grouped by function; `None` also for invocations none of whose
    /// lines names one.
    pub function: Option<String>,
    /// The version (`SCF_Qualifier`), when grouped by version.
    pub version: Option<String>,
}

/// The columns an answer may have.
const COLUMNS: [&str; 5] = ["code", "invocations", "bucket", "function", "version"];

/// Whether `prefix`, the first bytes of an input (at most 64 KiB), starts an engine's answer
/// rather than logs: a CSV header or a first JSON row with exactly an answer's columns
/// (`invocations`, and any of `code`, `bucket`, `function` and `version`), or a CLS analysis
/// response.
pub fn is_answer(prefix: &[u8]) -> bool {
    let text = prefix.strip_prefix("\u{feff}".as_bytes()).unwrap_or(prefix);
    let text = text.trim_ascii_start();
    match text.first() {
        Some(b'{' | b'[') => is_json_answer(text),
        Some(_) => {
            let first_line = text.split(|&byte| byte == b'\n').next().unwrap_or(text);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(first_line);
            let mut header = csv::StringRecord::new();
            matches!(reader.read_record(&mut header), Ok(true))
                && is_answer_columns(header.iter().map(str::trim))
        }
        None => false,
    }
}

/// Whether JSON `text` starts with an answer. The first value may be cut off by the end of the
/// prefix: a response is then recognized by its analysis keys.
fn is_json_answer(text: &[u8]) -> bool {
    let inner = match text.strip_prefix(b"[") {
        Some(rest) => rest.trim_ascii_start(),
        None => text,
    };
    let mut values = serde_json::Deserializer::from_slice(inner).into_iter::<Value>();
    match values.next() {
        Some(Ok(Value::Object(object))) => is_answer_object(&object),
        Some(Ok(_)) | None => false,
        Some(Err(_)) => {
            value_after(text, b"\"Analysis\"").is_some_and(|value| value.starts_with(b"true"))
                || ["\"AnalysisRecords\"", "\"AnalysisResults\""]
                    .iter()
                    .any(|key| {
                        value_after(text, key.as_bytes()).is_some_and(|value| {
                            value
                                .strip_prefix(b"[")
                                .is_some_and(|rest| !rest.trim_ascii_start().starts_with(b"]"))
                        })
                    })
        }
    }
}

/// What follows the first `key` of `text` and its colon, white space skipped.
fn value_after<'a>(text: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let at = memchr::memmem::find(text, key)?;
    let rest = text[at + key.len()..]
        .trim_ascii_start()
        .strip_prefix(b":")?;
    Some(rest.trim_ascii_start())
}

/// Whether a JSON object is an answer's row or a CLS analysis response.
fn is_answer_object(object: &Map<String, Value>) -> bool {
    if let Some(Value::Object(response)) = object.get("Response") {
        return is_answer_object(response);
    }
    let non_empty_array = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|rows| !rows.is_empty())
    };
    non_empty_array("AnalysisRecords")
        || non_empty_array("AnalysisResults")
        || (object.get("Analysis") == Some(&Value::Bool(true)) && !non_empty_array("Results"))
        || is_answer_columns(object.keys().map(String::as_str))
}

/// Whether `columns` are those of an answer's row: `invocations`, and no column an answer does
/// not have. A log record, or another service's object that happens to count `invocations`,
/// has others.
fn is_answer_columns<'a>(mut columns: impl Iterator<Item = &'a str>) -> bool {
    let mut invocations = false;
    columns.all(|column| {
        invocations |= column == "invocations";
        COLUMNS.contains(&column)
    }) && invocations
}

/// Where an answer cannot be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The line, from 1.
    pub line: u64,
    /// The column, in bytes from 1.
    pub column: u64,
    /// What is wrong, and what to do about it.
    pub message: String,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Every row of an answer, in order. Fails with the place of the first row that cannot be read.
pub fn parse(text: &[u8]) -> Result<Vec<Row>, Unreadable> {
    let text = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(text);
    let text = std::str::from_utf8(text).map_err(|error| {
        let (line, column) = position(text, error.valid_up_to());
        Unreadable {
            line,
            column,
            message: "not UTF-8 text: save the engine's result as JSON or CSV".to_owned(),
        }
    })?;
    match text.trim_start().as_bytes().first() {
        Some(b'{' | b'[') => parse_json(text),
        Some(_) => parse_csv(text),
        None => Ok(Vec::new()),
    }
}

/// JSON: values one after another (JSON Lines, pretty-printed rows, appended responses).
fn parse_json(text: &str) -> Result<Vec<Row>, Unreadable> {
    let mut rows = Vec::new();
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        let start = values.byte_offset();
        match values.next() {
            None => return Ok(rows),
            Some(Ok(value)) => {
                let (line, column) =
                    position(text.as_bytes(), start + leading_space(&text[start..]));
                json_rows(&value, &mut rows).map_err(|message| Unreadable {
                    line,
                    column,
                    message,
                })?;
            }
            Some(Err(error)) => {
                return Err(Unreadable {
                    line: error.line() as u64,
                    column: error.column() as u64,
                    message: format!("{error}; expected the engine's result as JSON rows"),
                });
            }
        }
    }
}

fn leading_space(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// The line and column of byte `offset` of `text`, both counted from 1.
fn position(text: &[u8], offset: usize) -> (u64, u64) {
    let before = &text[..offset.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |at| at + 1);
    (line as u64, (before.len() - line_start + 1) as u64)
}

/// The rows of one JSON value: a row, an array of them, or a CLS analysis response.
fn json_rows(value: &Value, rows: &mut Vec<Row>) -> Result<(), String> {
    match value {
        Value::Array(elements) => {
            for (index, element) in elements.iter().enumerate() {
                json_rows(element, rows).map_err(|error| format!("element {index}: {error}"))?;
            }
            Ok(())
        }
        Value::Object(object) => {
            if let Some(Value::Object(response)) = object.get("Response") {
                return json_rows(&Value::Object(response.clone()), rows);
            }
            if let Some(error) = object.get("Error") {
                return Err(format!(
                    "the engine answered with an error: {error}; fix the query or its time \
                     range and run it again"
                ));
            }
            if let Some(records) = object.get("AnalysisRecords").filter(|v| !v.is_null()) {
                return analysis_records(records, rows);
            }
            if let Some(results) = object.get("AnalysisResults").filter(|v| !v.is_null()) {
                return analysis_results(results, rows);
            }
            rows.push(row(object
                .iter()
                .map(|(key, value)| (key.as_str(), value)))?);
            Ok(())
        }
        other => Err(format!(
            "expected a row object, an array of rows or a CLS analysis response, found {}",
            kind(other)
        )),
    }
}

/// `AnalysisRecords`: each row a JSON object in a string.
fn analysis_records(records: &Value, rows: &mut Vec<Row>) -> Result<(), String> {
    let Value::Array(records) = records else {
        return Err(format!(
            "AnalysisRecords is {}, expected an array of JSON strings",
            kind(records)
        ));
    };
    for (index, record) in records.iter().enumerate() {
        let in_record = |error: String| format!("AnalysisRecords[{index}]: {error}");
        let object: Map<String, Value> = match record {
            Value::String(text) => serde_json::from_str(text)
                .map_err(|error| in_record(format!("not a JSON object ({error})")))?,
            Value::Object(object) => object.clone(),
            other => {
                return Err(in_record(format!(
                    "{}, expected a JSON string",
                    kind(other)
                )));
            }
        };
        rows.push(row(object.iter().map(|(key, value)| (key.as_str(), value))).map_err(in_record)?);
    }
    check_row_limit(records.len())
}

/// `AnalysisResults`: each row `{"Data": [{"Key": column, "Value": text}]}`.
fn analysis_results(results: &Value, rows: &mut Vec<Row>) -> Result<(), String> {
    let Value::Array(results) = results else {
        return Err(format!(
            "AnalysisResults is {}, expected an array",
            kind(results)
        ));
    };
    for (index, result) in results.iter().enumerate() {
        let in_result = |error: String| format!("AnalysisResults[{index}]: {error}");
        let Some(Value::Array(data)) = result.get("Data") else {
            return Err(in_result("no Data array of {Key, Value}".to_owned()));
        };
        let mut cells = Vec::new();
        for cell in data {
            let Some(Value::String(key)) = cell.get("Key") else {
                return Err(in_result("a Data entry without a Key".to_owned()));
            };
            // CLS writes every value as text, NULL as "null".
            let value = match cell.get("Value") {
                Some(Value::String(text)) if text == "null" => &Value::Null,
                Some(value) => value,
                None => &Value::Null,
            };
            cells.push((key.as_str(), value));
        }
        rows.push(row(cells.into_iter()).map_err(in_result)?);
    }
    check_row_limit(results.len())
}

/// CLS cuts a result at its row limit without saying so: a full answer may be missing rows.
fn check_row_limit(rows: usize) -> Result<(), String> {
    if rows >= CLS_ROW_LIMIT as usize {
        return Err(format!(
            "the answer has {rows} rows, CLS's limit: rows may be missing; run the query over a \
             shorter time range, or without --by or --every, and give each answer to triage"
        ));
    }
    Ok(())
}

/// CSV with a header row, as DuckDB's `COPY ... (HEADER)` and Spark's `write.csv` give it: an
/// empty cell is NULL.
fn parse_csv(text: &str) -> Result<Vec<Row>, Unreadable> {
    let at = |line: u64, message: String| Unreadable {
        line,
        column: 1,
        message,
    };
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|error| at(1, error.to_string()))?
        .iter()
        .map(|name| name.trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(1, |position| position.line());
            at(line, error.to_string())
        })?;
        let line = record.position().map_or(0, |at| at.line());
        let values: Vec<Value> = record
            .iter()
            .map(|cell| match cell.trim() {
                "" => Value::Null,
                text => Value::String(text.to_owned()),
            })
            .collect();
        let cells = header.iter().map(String::as_str).zip(values.iter());
        rows.push(row(cells).map_err(|message| at(line, message))?);
    }
    Ok(rows)
}

/// A row from its cells. Numbers may come as text.
fn row<'a>(cells: impl Iterator<Item = (&'a str, &'a Value)>) -> Result<Row, String> {
    let mut row = Row {
        code: None,
        invocations: 0,
        bucket: None,
        function: None,
        version: None,
    };
    let mut has_invocations = false;
    for (key, value) in cells {
        match key {
            "code" => {
                row.code = number(value)
                    .and_then(|code| code.map(u16::try_from).transpose().ok())
                    .ok_or_else(|| {
                        bad_value(
                            "code",
                            value,
                            "a status code from 0 to 65535, or null for unfinished invocations",
                        )
                    })?
            }
            "invocations" => {
                has_invocations = true;
                row.invocations = number(value)
                    .flatten()
                    .and_then(|count| u64::try_from(count).ok())
                    .ok_or_else(|| bad_value("invocations", value, "a count"))?
            }
            "bucket" => {
                row.bucket = number(value)
                    .ok_or_else(|| bad_value("bucket", value, "seconds since the epoch"))?
            }
            "function" => {
                row.function = text(value).ok_or_else(|| bad_value("function", value, "a name"))?
            }
            "version" => {
                row.version = text(value).ok_or_else(|| bad_value("version", value, "a version"))?
            }
            other => {
                return Err(format!(
                    "unknown column {other:?}: an answer of scf-codes triage --sql has the columns {}",
                    COLUMNS.join(", ")
                ));
            }
        }
    }
    if !has_invocations {
        return Err(
            "a row without invocations: the answer of scf-codes triage --sql has \
                    code and invocations in every row"
                .to_owned(),
        );
    }
    Ok(row)
}

fn bad_value(column: &str, value: &Value, expected: &str) -> String {
    let shown = value.to_string();
    let shown: String = shown.chars().take(40).collect();
    format!("{column} is {shown}, expected {expected}")
}

/// A whole number, as a JSON number or text: `Some(None)` for null or empty text.
fn number(value: &Value) -> Option<Option<i64>> {
    match value {
        Value::Null => Some(None),
        Value::Number(number) => number.as_i64().map(Some),
        Value::String(text) => match text.trim() {
            "" => Some(None),
            text => text.parse().ok().map(Some),
        },
        _ => None,
    }
}

/// A text, `Some(None)` for null or empty text.
fn text(value: &Value) -> Option<Option<String>> {
    match value {
        Value::Null => Some(None),
        Value::String(text) if text.trim().is_empty() => Some(None),
        Value::String(text) => Some(Some(text.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(rows: &[Row]) -> Vec<(Option<u16>, u64, Option<&str>)> {
        rows.iter()
            .map(|row| (row.code, row.invocations, row.function.as_deref()))
            .collect()
    }

    #[test]
    fn rows_are_read_from_json_lines_arrays_and_csv() {
        let expected = [(Some(433), 12, None), (None, 3, None)];
        for text in [
            "{\"code\":433,\"invocations\":12}\n{\"code\":null,\"invocations\":3}\n",
            "{\"code\":\"433\",\"invocations\":\"12\"}\n{\"invocations\":3}\n",
            "[{\"code\": 433, \"invocations\": 12},\n{\"code\": null, \"invocations\": 3}]\n",
            "code,invocations\r\n433,12\r\n,3\r\n",
            "\u{feff}\"code\",\"invocations\"\n\"433\",\"12\"\n\"\",\"3\"\n",
        ] {
            assert!(is_answer(text.as_bytes()), "{text}");
            assert_eq!(counts(&parse(text.as_bytes()).unwrap()), expected, "{text}");
        }
    }

    #[test]
    fn cls_analysis_responses_are_read_with_or_without_the_response_wrapper() {
        let records = r#"{"Analysis": true, "AnalysisRecords": ["{\"code\":433,\"invocations\":12}", "{\"code\":null,\"invocations\":3}"], "ColNames": ["code", "invocations"], "RequestId": "r"}"#;
        let results = r#"{"Analysis": true, "ColNames": ["code", "invocations"], "AnalysisResults": [{"Data": [{"Key": "code", "Value": "433"}, {"Key": "invocations", "Value": "12"}]}, {"Data": [{"Key": "code", "Value": "null"}, {"Key": "invocations", "Value": "3"}]}]}"#;
        for text in [records, results] {
            for text in [text.to_owned(), format!("{{\"Response\": {text}}}")] {
                assert!(is_answer(text.as_bytes()), "{text}");
                assert_eq!(
                    counts(&parse(text.as_bytes()).unwrap()),
                    [(Some(433), 12, None), (None, 3, None)],
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn logs_are_not_answers() {
        for text in [
            "{\"SCF_RequestId\":\"a\",\"SCF_StatusCode\":\"200\",\"invocations\":1}\n",
            "SCF_RequestId,SCF_StatusCode\na,200\n",
            "{\"Response\": {\"Analysis\": false, \"AnalysisRecords\": null, \"Results\": [{\"LogJson\": \"{}\"}]}}",
            "[{\"SCF_StatusCode\": 200}]",
            "{\"service\":\"billing\",\"invocations\":5}\n",
            "SCF_RequestId,SCF_StatusCode,code,invocations\na,200,x,1\n",
            "code,invocations,SCF_StatusCode\n433,1,433\n",
            "",
        ] {
            assert!(!is_answer(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn groups_come_back_with_their_rows() {
        let text =
            "bucket,function,version,code,invocations\n300,orders,$LATEST,500,2\n600,,,200,1\n";
        let rows = parse(text.as_bytes()).unwrap();
        assert_eq!(
            rows[0],
            Row {
                code: Some(500),
                invocations: 2,
                bucket: Some(300),
                function: Some("orders".to_owned()),
                version: Some("$LATEST".to_owned()),
            }
        );
        assert_eq!(
            (rows[1].function.as_deref(), rows[1].bucket),
            (None, Some(600))
        );
    }

    #[test]
    fn a_row_that_cannot_be_read_is_an_error_with_its_place() {
        for (text, message) in [
            (
                "{\"code\":200,\"invocations\":1}\n{\"code\":70000,\"invocations\":1}\n",
                "2:1: code is 70000, expected a status code",
            ),
            (
                "{\"code\":200,\"invocations\":1}\n{\"code\":200,\"n\":1}\n",
                "2:1: unknown column \"n\"",
            ),
            ("{\"code\":200}\n", "1:1: a row without invocations"),
            (
                "code,invocations\n200,many\n",
                "2:1: invocations is \"many\", expected a count",
            ),
            (
                "{\"code\":200,\"invocations\":1}\n{\"code\":",
                "2:8: EOF while parsing",
            ),
            (
                "[{\"code\":200,\"invocations\":1}, 3]",
                "1:1: element 1: expected a row object",
            ),
            (
                "{\"Response\": {\"Error\": {\"Code\": \"InvalidParameter\"}}}",
                "the engine answered with an error",
            ),
        ] {
            let error = parse(text.as_bytes()).unwrap_err().to_string();
            assert!(error.contains(message), "{text}: {error}");
        }
    }

    #[test]
    fn a_cls_answer_at_the_row_limit_may_be_cut_and_is_refused() {
        let records: Vec<String> = (0..CLS_ROW_LIMIT)
            .map(|n| format!("\"{{\\\"code\\\":{n},\\\"invocations\\\":1}}\""))
            .collect();
        let text = format!("{{\"AnalysisRecords\": [{}]}}", records.join(","));
        assert!(
            parse(text.as_bytes())
                .unwrap_err()
                .message
                .contains("rows may be missing")
        );
    }
}
