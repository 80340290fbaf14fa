//! One log record as every reader hands it on, and the JSON objects that hold records: a record
//! itself, a CLS SearchLog API response, a CLS trigger event (base64 of gzip), and its decoded
//! form. Every shape reads through [`Object`], so that each yields the same [`Record`].

use std::borrow::Cow;
use std::fmt;
use std::io::Read as _;

use base64::Engine as _;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::count::Counter;

/// The status code SCF writes on lines of an invocation that is still running.
pub const RUNNING: u16 = 202;

/// The most bytes a CLS trigger event's `data` may inflate to. CLS delivers logs to a function
/// in batches far below this; the bound is there for a gzip bomb.
const MAX_INFLATED_EVENT: u64 = 32 << 20;

/// One log line of an invocation: the four keys triage reads, borrowed from the input where it
/// can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// `SCF_RequestId`; `None` when absent or empty.
    pub request_id: Option<Cow<'a, str>>,
    /// `SCF_RetryNum`; 0 when absent.
    pub retry: u32,
    /// `SCF_FunctionName`; `None` when absent or empty.
    pub function: Option<Cow<'a, str>>,
    /// `SCF_StatusCode`.
    pub status: u16,
}

impl<'a> Record<'a> {
    /// A record from the text of its keys, as a CSV row gives them: `None` when the status code
    /// is missing or not a number from 0 to 65535, or the retry number is not a number.
    pub fn from_texts(
        request_id: &'a str,
        retry: &str,
        function: &'a str,
        status: &str,
    ) -> Option<Record<'a>> {
        let status = parse_number(status)?.and_then(|status| u16::try_from(status).ok())?;
        let retry = match parse_number(retry)? {
            Some(retry) => u32::try_from(retry).ok()?,
            None => 0,
        };
        Some(Record {
            request_id: non_empty(Cow::Borrowed(request_id)),
            retry,
            function: non_empty(Cow::Borrowed(function)),
            status,
        })
    }
}

fn non_empty(text: Cow<'_, str>) -> Option<Cow<'_, str>> {
    (!text.trim().is_empty()).then_some(text)
}

/// A number written as digits, with white space around it allowed: `Some(None)` for an empty
/// text, `None` for anything that is not a whole number.
fn parse_number(text: &str) -> Option<Option<u64>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    text.parse().ok().map(Some)
}

/// A JSON object of the logs, with every key that one of the shapes uses. Keys of other services
/// and of SCF that triage does not read are skipped without being kept.
#[derive(Deserialize)]
pub struct Object<'a> {
    #[serde(rename = "SCF_RequestId", default, borrow)]
    request_id: Option<Text<'a>>,
    #[serde(rename = "SCF_RetryNum", default)]
    retry: Option<Number>,
    #[serde(rename = "SCF_FunctionName", default, borrow)]
    function: Option<Text<'a>>,
    #[serde(rename = "SCF_StatusCode", default)]
    status: Option<Number>,
    /// A SearchLog API response: `{"Response": {"Results": [{"LogJson": "…"}]}}`.
    #[serde(rename = "Response", default, borrow)]
    response: Option<SearchLogResponse<'a>>,
    /// A CLS trigger event: `{"clslogs": {"data": "<base64 of gzip>"}}`.
    #[serde(default, borrow)]
    clslogs: Option<TriggerEvent<'a>>,
    /// A decoded CLS trigger event: `{"records": [{"content": "…"}]}`.
    #[serde(default, borrow)]
    records: Option<Vec<TriggerRecord<'a>>>,
}

#[derive(Deserialize)]
struct SearchLogResponse<'a> {
    #[serde(rename = "Results", default, borrow)]
    results: Vec<SearchLogResult<'a>>,
}

#[derive(Deserialize)]
struct SearchLogResult<'a> {
    #[serde(rename = "LogJson", default, borrow)]
    log_json: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct TriggerEvent<'a> {
    #[serde(borrow)]
    data: Text<'a>,
}

#[derive(Deserialize)]
struct TriggerRecord<'a> {
    #[serde(default, borrow)]
    content: Option<Text<'a>>,
}

/// The decoded data of a CLS trigger event.
#[derive(Deserialize)]
struct TriggerPayload<'a> {
    #[serde(default, borrow)]
    records: Vec<TriggerRecord<'a>>,
}

impl<'a> Object<'a> {
    /// The record this object is, when it has a usable status code, taken out of it.
    fn take_record(&mut self) -> Option<Record<'a>> {
        let status = u16::try_from(self.status?.0?).ok()?;
        let retry = u32::try_from(self.retry.and_then(|number| number.0).unwrap_or(0)).ok()?;
        Some(Record {
            request_id: self.request_id.take().and_then(|text| non_empty(text.0)),
            retry,
            function: self.function.take().and_then(|text| non_empty(text.0)),
            status,
        })
    }
}

/// Reads one JSON value of the logs and counts what it holds: a record, the records of a
/// SearchLog response or trigger event, or, for anything else, one thing skipped. JSON is UTF-8:
/// a value that is not is skipped.
pub fn feed_json(json: &[u8], counter: &mut Counter) {
    // One check of the whole value is much faster than serde_json's check of each string.
    match std::str::from_utf8(json) {
        Ok(json) => feed_json_text(json, counter),
        Err(_) => counter.skip(),
    }
}

/// [`feed_json`] for a value known to be UTF-8.
pub fn feed_json_text(json: &str, counter: &mut Counter) {
    match serde_json::from_str::<Object<'_>>(json) {
        Ok(object) => feed(object, counter),
        Err(_) => counter.skip(),
    }
}

/// Counts what an object holds.
pub fn feed(mut object: Object<'_>, counter: &mut Counter) {
    if let Some(record) = object.take_record() {
        return counter.record(&record);
    }
    let mut carried = false;
    if let Some(response) = object.response {
        carried = true;
        for result in response.results {
            feed_nested(result.log_json, counter);
        }
    }
    if let Some(event) = object.clslogs {
        carried = true;
        match inflate_event(&event.data.0) {
            Some(json) => match serde_json::from_slice::<TriggerPayload<'_>>(&json) {
                Ok(payload) => {
                    for record in payload.records {
                        feed_nested(record.content, counter);
                    }
                }
                Err(_) => counter.skip(),
            },
            None => counter.skip(),
        }
    }
    if let Some(records) = object.records {
        carried = true;
        for record in records {
            feed_nested(record.content, counter);
        }
    }
    if !carried {
        counter.skip();
    }
}

/// A record held as a JSON string inside another shape (`LogJson`, `content`): it must be a
/// record itself, not another shape.
fn feed_nested(json: Option<Text<'_>>, counter: &mut Counter) {
    let record = json.and_then(|json| {
        serde_json::from_str::<Object<'_>>(&json.0)
            .ok()
            .and_then(|mut object| object.take_record())
            .map(|record| counter.record(&record))
    });
    if record.is_none() {
        counter.skip();
    }
}

/// The JSON inside a trigger event's `data`: base64, then gzip. `None` when it is neither, or
/// inflates past [`MAX_INFLATED_EVENT`].
fn inflate_event(data: &str) -> Option<Vec<u8>> {
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .ok()?;
    let mut json = Vec::new();
    flate2::read::MultiGzDecoder::new(compressed.as_slice())
        .take(MAX_INFLATED_EVENT + 1)
        .read_to_end(&mut json)
        .ok()?;
    (json.len() as u64 <= MAX_INFLATED_EVENT).then_some(json)
}

/// A string, borrowed from the input when it has no escapes. A number is read as its digits: some
/// exports type every value loosely.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }
            fn visit_u64<E: de::Error>(self, number: u64) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(number.to_string())))
            }
            fn visit_i64<E: de::Error>(self, number: i64) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(number.to_string())))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A whole number, or a string of one, as CLS writes every value (`"SCF_StatusCode":"202"`).
/// `Number(None)` for an empty string.
#[derive(Clone, Copy)]
struct Number(Option<u64>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number, or a string of one")
            }
            fn visit_u64<E: de::Error>(self, number: u64) -> Result<Number, E> {
                Ok(Number(Some(number)))
            }
            fn visit_i64<E: de::Error>(self, number: i64) -> Result<Number, E> {
                u64::try_from(number)
                    .map(|number| Number(Some(number)))
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(number), &self))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Number, E> {
                parse_number(text)
                    .map(Number)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Option<Record<'_>> {
        serde_json::from_str::<Object<'_>>(json).ok()?.take_record()
    }

    #[test]
    fn numbers_and_strings_of_numbers_are_read_alike() {
        let from_strings =
            record(r#"{"SCF_RequestId":"r","SCF_RetryNum":"1","SCF_StatusCode":"433"}"#);
        let from_numbers = record(r#"{"SCF_RequestId":"r","SCF_RetryNum":1,"SCF_StatusCode":433}"#);
        assert_eq!(from_strings, from_numbers);
        assert_eq!(from_strings.unwrap().status, 433);
    }

    #[test]
    fn a_record_borrows_its_texts_and_keeps_no_other_key() {
        let json = r#"{"SCF_Message":"START","SCF_RequestId":"r-1","SCF_FunctionName":"f","SCF_StatusCode":"202"}"#;
        let record = record(json).unwrap();
        assert!(matches!(record.request_id, Some(Cow::Borrowed("r-1"))));
        assert_eq!(record.retry, 0);
    }

    #[test]
    fn what_has_no_usable_status_code_is_not_a_record() {
        for json in [
            r#"{"SCF_RequestId":"r"}"#,
            r#"{"SCF_RequestId":"r","SCF_StatusCode":""}"#,
            r#"{"SCF_StatusCode":"70000"}"#,
            r#"{"SCF_StatusCode":-1}"#,
            r#"{"SCF_StatusCode":"4x3"}"#,
            r#"{"SCF_StatusCode":433,"SCF_RetryNum":"x"}"#,
            r#"{"level":"info","msg":"another service"}"#,
        ] {
            assert_eq!(record(json), None, "{json}");
        }
    }

    #[test]
    fn a_csv_row_gives_the_same_record_as_json() {
        assert_eq!(
            Record::from_texts("r", "", "f", " 433 "),
            record(r#"{"SCF_RequestId":"r","SCF_FunctionName":"f","SCF_StatusCode":433}"#)
        );
        assert_eq!(Record::from_texts("r", "0", "f", "abc"), None);
    }
}
