//! The fast path for the line CLS writes: one flat JSON object of texts, numbers, `true`,
//! `false` and `null`, all on one line. It finds each key and the end of each value with
//! `memchr` and reads only the values triage needs, where serde_json would read every string
//! a byte at a time to hand it to a visitor that ignores it.
//!
//! It answers only for what it can vouch for: a line that is not such an object, or has
//! anything this reader does not check as serde_json does (a control character, an escape in a
//! key or in a value triage reads, a nested value, a wrapper's key), gets `None`, and the full
//! reader, [`feed_json_text`](crate::object::feed_json_text), reads it. Where it answers, its
//! fields are those the full reader finds: the crate's tests and the `flat` fuzz target check
//! that on lines of every shape.

use std::borrow::Cow;

use serde::Deserialize;

use crate::object::{Decimal, Key, Lenient, LenientTime, Text};
use crate::record::{Fields, Number, parse_decimal};

/// The keys of the last line read, in their order, each with the bytes that open its member
/// (`"SCF_Alias":`). CLS writes every line of an export with the same keys in the same order,
/// so each key of the next line is first looked for where the last line had it: one comparison,
/// where finding the key's end and telling which key it is take a search and a match.
#[derive(Debug, Default)]
pub struct Layout {
    members: Vec<(Box<[u8]>, Key)>,
}

/// The fields of `line`'s `SCF_*` keys when it is one flat object that this reader can vouch
/// for; `None` for anything else. `layout` is what the last line taught, and learns this one.
pub fn fields<'a>(line: &'a str, layout: &mut Layout) -> Option<Fields<'a>> {
    let bytes = line.as_bytes();
    // JSON strings hold no control character, and the line ends trimmed: with none at all,
    // every string is free of them and the only white space between tokens is a space. A
    // fold over the whole line compiles to vector instructions, unlike a search that stops.
    if bytes.iter().fold(false, |seen, &byte| seen | (byte < 0x20)) {
        return None;
    }
    let mut cursor = Cursor {
        bytes,
        at: 0,
        quotes: Quotes::new()?,
    };
    cursor.spaces();
    cursor.eat(b'{')?;
    cursor.spaces();
    let mut fields = Fields::default();
    if !cursor.eat_if(b'}') {
        for member in 0.. {
            let key = match layout.members.get(member) {
                Some((opening, key)) if opens(&bytes[cursor.at..], opening) => {
                    cursor.at += opening.len();
                    *key
                }
                _ => {
                    let opening = cursor.at;
                    cursor.eat(b'"')?;
                    let (start, end) = cursor.key()?;
                    cursor.spaces();
                    cursor.eat(b':')?;
                    let key = Key::of(&line[start..end]);
                    layout.members.truncate(member);
                    layout.members.push((bytes[opening..cursor.at].into(), key));
                    key
                }
            };
            cursor.spaces();
            let value = cursor.value()?;
            read_into(&mut fields, key, value, line)?;
            cursor.spaces();
            match cursor.next()? {
                b',' => cursor.spaces(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    cursor.spaces();
    (cursor.at == bytes.len()).then_some(fields)
}

/// Whether `bytes` starts with `opening`, a key's few bytes: compared eight at a time, as the
/// line's next bytes are most often that key, where a call to `memcmp` costs more than the
/// comparison.
fn opens(bytes: &[u8], opening: &[u8]) -> bool {
    let length = opening.len();
    let Some(bytes) = bytes.get(..length) else {
        return false;
    };
    if length < 8 {
        return bytes == opening;
    }
    let word = |text: &[u8], at: usize| {
        text.get(at..at + 8)
            .and_then(|word| <[u8; 8]>::try_from(word).ok())
            .map(u64::from_le_bytes)
    };
    // Whole words, then the last eight bytes, which may overlap the last word.
    let mut at = 0;
    while at + 8 < length {
        if word(bytes, at) != word(opening, at) {
            return false;
        }
        at += 8;
    }
    word(bytes, length - 8) == word(opening, length - 8)
}

/// A value's place in the line, and whether it is a text without escapes.
struct Span {
    start: usize,
    end: usize,
    /// `Some(inner)` for a string without escapes: the text between its quotes.
    plain: Option<(usize, usize)>,
}

/// Sets the field `key` names from its value, as the full reader's value types read it.
/// `None` to leave the line to the full reader: a wrapper's key.
fn read_into<'a>(fields: &mut Fields<'a>, key: Key, value: Span, line: &'a str) -> Option<()> {
    if matches!(key, Key::Other) {
        return Some(());
    }
    let plain = value.plain.map(|(start, end)| &line[start..end]);
    let json = &line[value.start..value.end];
    match key {
        Key::RequestId => fields.request_id = text(plain, json)?,
        Key::FunctionName => fields.function = text(plain, json)?,
        Key::Qualifier => fields.qualifier = text(plain, json)?,
        Key::RetryNum => fields.retry = number(plain, json, Number::parse, |v: Lenient| v.0)?,
        Key::StatusCode => fields.status = number(plain, json, Number::parse, |v: Lenient| v.0)?,
        Key::LogTime => fields.log_time = number(plain, json, Number::parse_time, time)?,
        Key::StartTime => fields.start_time = number(plain, json, Number::parse_time, time)?,
        Key::ClsTimestamp => fields.cls_time = number(plain, json, Number::parse_time, time)?,
        Key::Duration => fields.duration_ms = number(plain, json, parse_decimal, decimal)?,
        Key::MemUsage => fields.memory_mb = number(plain, json, parse_decimal, decimal)?,
        Key::Response | Key::Results | Key::Records | Key::ClsLogs => return None,
        _ => {}
    }
    Some(())
}

/// A text field: borrowed when it is a plain string, as serde_json hands it; anything else
/// (escapes, a number, `null`) as the full reader's [`Text`] reads it.
fn text<'a>(plain: Option<&'a str>, json: &'a str) -> Option<Option<Cow<'a, str>>> {
    match plain {
        Some(plain) => Some(Some(Cow::Borrowed(plain))),
        None => serde_json::from_str::<Text<'a>>(json)
            .ok()
            .map(|text| text.0),
    }
}

/// A number field: a plain string read with `parse`, as the full reader's visitors read one;
/// anything else read by its value type `V`.
fn number<'a, T, V: Deserialize<'a>>(
    plain: Option<&'a str>,
    json: &'a str,
    parse: fn(&str) -> T,
    value: fn(V) -> T,
) -> Option<T> {
    match plain {
        Some(plain) => Some(parse(plain)),
        None => serde_json::from_str::<V>(json).ok().map(value),
    }
}

fn time(value: LenientTime) -> Number {
    value.0
}

fn decimal(value: Decimal) -> Option<f64> {
    value.0
}

/// Finds the next `"` or `\\`. On x86-64, SSE2's searcher, built once for the line and inlined
/// where it is used: a line has a few dozen short strings, and [`memchr::memchr2`] pays for
/// choosing its searcher on every call. Elsewhere, `memchr2`.
#[derive(Clone, Copy)]
struct Quotes {
    #[cfg(target_arch = "x86_64")]
    two: memchr::arch::x86_64::sse2::memchr::Two,
}

impl Quotes {
    /// `None` where SSE2 is not available: the line is left to the full reader.
    fn new() -> Option<Quotes> {
        Some(Quotes {
            #[cfg(target_arch = "x86_64")]
            two: memchr::arch::x86_64::sse2::memchr::Two::new(b'"', b'\\')?,
        })
    }

    #[inline]
    fn find(self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        return self.two.find(haystack);
        #[cfg(not(target_arch = "x86_64"))]
        return memchr::memchr2(b'"', b'\\', haystack);
    }
}

/// A place in a line without control characters.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    quotes: Quotes,
}

impl Cursor<'_> {
    fn spaces(&mut self) {
        while self.bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
    }

    fn next(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn eat(&mut self, expected: u8) -> Option<()> {
        self.eat_if(expected).then_some(())
    }

    fn eat_if(&mut self, expected: u8) -> bool {
        let found = self.bytes.get(self.at) == Some(&expected);
        self.at += usize::from(found);
        found
    }

    /// A key after its opening quote, as the place of its text: `None` when it has an escape,
    /// which serde_json would decode before matching it.
    fn key(&mut self) -> Option<(usize, usize)> {
        let start = self.at;
        let end = start + self.quotes.find(&self.bytes[start..])?;
        if self.bytes[end] != b'"' {
            return None;
        }
        self.at = end + 1;
        Some((start, end))
    }

    /// The value that starts here: a string, `true`, `false`, `null` or a number, checked as
    /// JSON; `None` for anything else, a nested value included.
    fn value(&mut self) -> Option<Span> {
        let start = self.at;
        let plain = match self.next()? {
            b'"' => self.string()?,
            b't' => self.literal(b"rue")?,
            b'f' => self.literal(b"alse")?,
            b'n' => self.literal(b"ull")?,
            b'-' | b'0'..=b'9' => {
                self.at = start;
                self.number()?
            }
            _ => return None,
        };
        Some(Span {
            start,
            end: self.at,
            plain,
        })
    }

    fn literal(&mut self, rest: &[u8]) -> Option<Option<(usize, usize)>> {
        self.bytes[self.at..].starts_with(rest).then(|| {
            self.at += rest.len();
            None
        })
    }

    /// A string after its opening quote, its escapes checked as serde_json checks those of a
    /// string it skips: `Some(Some(inner))` when it has none.
    fn string(&mut self) -> Option<Option<(usize, usize)>> {
        let start = self.at;
        let mut escaped = false;
        loop {
            let found = self.at + self.quotes.find(&self.bytes[self.at..])?;
            self.at = found + 1;
            if self.bytes[found] == b'"' {
                return Some((!escaped).then_some((start, found)));
            }
            escaped = true;
            match self.next()? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                b'u' => {
                    let hex = self.bytes.get(self.at..self.at + 4)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    self.at += 4;
                }
                _ => return None,
            }
        }
    }

    /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<Option<(usize, usize)>> {
        self.eat_if(b'-');
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.eat_if(b'.') {
            self.digit()?;
            self.digits();
        }
        if self.eat_if(b'e') || self.eat_if(b'E') {
            if !self.eat_if(b'+') {
                self.eat_if(b'-');
            }
            self.digit()?;
            self.digits();
        }
        Some(None)
    }

    fn digit(&mut self) -> Option<()> {
        self.next().filter(u8::is_ascii_digit).map(drop)
    }

    fn digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::object::{feed_json_text, read_json_text};
    use crate::record::{Record, Sink};

    /// What a reader hands its sink, in order: a record, or `None` for one thing skipped.
    #[derive(Debug, Default, PartialEq)]
    struct Events(Vec<Option<Record<'static>>>);

    impl Sink for Events {
        fn record(&mut self, record: &Record<'_>) {
            self.0.push(Some(record.to_owned_record()));
        }
        fn skip(&mut self) {
            self.0.push(None);
        }
    }

    /// Checks that the reader with its fast path, taught by the lines before, hands the sink
    /// what serde_json alone does.
    fn agree_after(line: &str, layout: &mut Layout) -> Result<(), TestCaseError> {
        let (mut fast, mut full) = (Events::default(), Events::default());
        let fast_result = feed_json_text(line, layout, &mut fast);
        let full_result = read_json_text(line, &mut full);
        prop_assert_eq!(fast, full, "{:?}", line);
        prop_assert_eq!(fast_result, full_result, "{:?}", line);
        Ok(())
    }

    /// [`agree_after`] for a line read first, and then again after itself.
    fn agree(line: &str) -> Result<(), TestCaseError> {
        let mut layout = Layout::default();
        agree_after(line, &mut layout)?;
        agree_after(line, &mut layout)
    }

    const CLS_LINE: &str = r#"{"SCF_Alias":"","SCF_Duration":"774","SCF_FunctionName":"order-sync","SCF_Level":"INFO","SCF_LogTime":"1653523172091000000","SCF_MemUsage":"30.50","SCF_Message":"END RequestId: f1fe9d67-0e78-4779-a485-000000000000","SCF_Namespace":"default","SCF_Qualifier":"$LATEST","SCF_RequestId":"f1fe9d67-0e78-4779-a485-000000000000","SCF_RetryNum":"0","SCF_StartTime":"1653523171317","SCF_StatusCode":"200","SCF_Type":"Platform"}"#;

    #[test]
    fn the_lines_cls_and_jq_write_take_the_fast_path() {
        let numbers = r#"{"SCF_StatusCode": 433, "SCF_RetryNum": 1, "SCF_Duration": 3000.5, "SCF_LogTime": 1653523172091000000, "SCF_Message": "Invoking task timed out after 3 seconds \"\u00e9\"", "SCF_RequestId": "r-1", "ok": true, "n": null, "e": -1.5e-3}"#;
        let escaped_message = r#"{"SCF_Message":"processing order 85722, \"priority\": high\\ \/ \b\f\n\r\t \ud800","SCF_StatusCode":"202"}"#;
        for line in [CLS_LINE, numbers, escaped_message, "{}", " { } "] {
            assert!(fields(line, &mut Layout::default()).is_some(), "{line}");
            agree(line).unwrap();
        }
        let record = fields(CLS_LINE, &mut Layout::default())
            .unwrap()
            .into_record(Number::Missing)
            .unwrap();
        assert_eq!(
            (
                record.status,
                record.retry,
                record.duration_ms,
                record.memory_mb
            ),
            (200, 0, Some(774.0), Some(30.5))
        );
        assert!(matches!(record.request_id, Some(Cow::Borrowed(_))));
    }

    #[test]
    fn lines_the_fast_path_cannot_vouch_for_go_to_serde_json() {
        for line in [
            "{\"SCF_StatusCode\":\t\"433\"}",
            r#"{"SCF_Status\u0043ode":"433"}"#,
            r#"{"SCF_StatusCode":"433","tags":{"a":1}}"#,
            r#"{"SCF_StatusCode":"433","list":[1]}"#,
            r#"{"Results":[{"LogJson":"{\"SCF_StatusCode\":433}"}]}"#,
            r#"{"SCF_StatusCode":"433"} {"SCF_StatusCode":"200"}"#,
            r#"{"SCF_StatusCode":"433"}x"#,
            r#"{"SCF_StatusCode":"433",}"#,
            r#"{"SCF_StatusCode":"4\q3"}"#,
            r#"{"SCF_Message":"\u12","SCF_StatusCode":"433"}"#,
            r#"{"SCF_StatusCode":01}"#,
            r#"{"SCF_StatusCode":"433""#,
            "[1]",
            "\"433\"",
        ] {
            assert!(fields(line, &mut Layout::default()).is_none(), "{line}");
            agree(line).unwrap();
        }
    }

    #[test]
    fn a_key_where_the_last_line_had_another_is_read_as_itself() {
        let mut layout = Layout::default();
        for line in [
            r#"{"SCF_StatusCode":"200","SCF_RequestId":"r-1"}"#,
            r#"{"SCF_StatusCode2":"500","SCF_RequestId":"r-1"}"#,
            r#"{"SCF_StatusCode" :"433","SCF_RequestId":"r-2"}"#,
            r#"{"SCF_Status":"433","SCF_RequestId":"r-2"}"#,
            r#"{"SCF_StatusCode":"200","SCF_RequestId":"r-1"}"#,
            r#"{"SCF_StatusCode":"200"}"#,
            r#"{"SCF_StatusCode":"200","SCF_RequestId":"r-1","SCF_RetryNum":"1"}"#,
            r#"{"SCF_StatusCode":"200","SCF_Qualifier":"r-1","SCF_RetryNum":"1"}"#,
        ] {
            agree_after(line, &mut layout).unwrap();
        }
    }

    #[test]
    fn values_of_every_type_in_every_field_agree() {
        let values = [
            r#""433""#,
            r#"" 433 ""#,
            r#""4.33e2""#,
            "433",
            "433.0",
            "4.33e2",
            "-1",
            "-0",
            "1e999",
            "18446744073709551616",
            "0.5",
            "null",
            "true",
            "false",
            r#""""#,
            r#""2026-11-27T10:30:00.123Z""#,
            r#""\u0034""#,
            r#""\ud800""#,
            r#""é""#,
            r#""1653523172091000000""#,
            "1653523172091000000",
            r#""30.50""#,
            "[]",
            "{}",
        ];
        let keys = [
            "SCF_RequestId",
            "SCF_RetryNum",
            "SCF_FunctionName",
            "SCF_Qualifier",
            "SCF_StatusCode",
            "SCF_LogTime",
            "SCF_StartTime",
            "__TIMESTAMP__",
            "SCF_Duration",
            "SCF_MemUsage",
            "SCF_Message",
            "Time",
            "data",
        ];
        for key in keys {
            for value in values {
                agree(&format!(r#"{{"SCF_StatusCode":"200","{key}":{value}}}"#)).unwrap();
                agree(&format!(
                    r#"{{"{key}" : {value} , "SCF_StatusCode" : 500}}"#
                ))
                .unwrap();
            }
        }
    }

    /// A key: those triage reads, a wrapper's, others, and keys with escapes.
    fn key() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            12 => prop::sample::select(vec![
                "SCF_RequestId", "SCF_RetryNum", "SCF_FunctionName", "SCF_Qualifier",
                "SCF_StatusCode", "SCF_LogTime", "SCF_StartTime", "__TIMESTAMP__",
                "SCF_Duration", "SCF_MemUsage", "SCF_Message", "LogJson", "x", "",
                "SCF_StatusCode2", "SCF_Status",
            ]),
            1 => prop::sample::select(vec![
                "Response", "Results", "records", "clslogs", r"SCF_Status\u0043ode",
                r#"SCF_\"RetryNum"#,
            ]),
        ]
    }

    /// A value's JSON: most often valid, as the logs have them, and otherwise nearly so.
    fn value() -> impl Strategy<Value = String> {
        let select =
            |texts: &[&'static str]| prop::sample::select(texts.to_vec()).prop_map(str::to_owned);
        let piece = prop_oneof![
            8 => "[a-zA-Z0-9 :._$-]{0,12}",
            4 => select(&[
                r#"\""#, r"\\", r"\/", r"\n", r"\u0034", r"\ud800", "é", "\u{202e}",
                "2026-11-27T10:30:00Z", " 433 ", "433", "4.33e2", "-1", "1653523172091000000",
            ]),
            1 => select(&[r"\q", r"\u12", "\t", "\u{1}"]),
        ];
        prop_oneof![
            8 => prop::collection::vec(piece, 0..4)
                .prop_map(|pieces| format!("\"{}\"", pieces.concat())),
            3 => select(&[
                "0", "-0", "433", "433.0", "4.33e2", "1E+2", "2.5", "-1", "1e999",
                "18446744073709551616", "true", "false", "null",
            ]),
            1 => select(&[
                "01", "1.", "1e", "-", "tru", "nul", "{}", "[]", r#"{"a":1}"#, "[1,2]",
                r#""open"#,
            ]),
            1 => "[ -~]{0,6}",
        ]
    }

    /// Lines as an export has them: most with the same keys in the same order, as CLS writes
    /// them, and some with others; each an object of such members, its brackets and separators
    /// sometimes wrong, and sometimes one byte changed.
    fn lines() -> impl Strategy<Value = Vec<String>> {
        let keys =
            || prop::collection::vec((key(), prop::sample::select(vec!["", " ", "  "])), 0..8);
        let shared = keys();
        // What each line has: the shared keys (most lines), the shared keys in another order,
        // or keys of its own.
        let which = prop_oneof![6 => Just(0), 2 => Just(1), 1 => Just(2)];
        let each = (
            which,
            keys(),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
        );
        (shared, prop::collection::vec(each, 1..6)).prop_flat_map(|(shared, each)| {
            let lines = each.into_iter().map(move |(which, own, a, b)| {
                let mut keys = shared.clone();
                match which {
                    0 => {}
                    1 if !keys.is_empty() => {
                        let (a, b) = (a.index(keys.len()), b.index(keys.len()));
                        keys.swap(a, b);
                    }
                    _ => keys = own,
                }
                line(keys)
            });
            lines.collect::<Vec<_>>()
        })
    }

    /// One of `texts`, each as likely as the others, or, one time in `1 + rare_in`, one of
    /// `rare`.
    fn mostly(
        texts: &[&'static str],
        rare: &[&'static str],
        rare_in: u32,
    ) -> impl Strategy<Value = &'static str> {
        prop_oneof![
            rare_in => prop::sample::select(texts.to_vec()),
            1 => prop::sample::select(rare.to_vec()),
        ]
    }

    /// A line with these keys, in this order.
    fn line(keys: Vec<(&'static str, &'static str)>) -> impl Strategy<Value = String> {
        let members = keys.into_iter().map(|(key, space)| {
            let separator = mostly(&[",", ",", ", ", " ,"], &[",,", "", "\t,", ";"], 40);
            (value(), separator).prop_map(move |(value, separator)| {
                (format!("\"{key}\"{space}:{space}{value}"), separator)
            })
        });
        let members = members.collect::<Vec<_>>().prop_map(|members| {
            let last = members.len().saturating_sub(1);
            members
                .into_iter()
                .enumerate()
                .map(|(i, (member, sep))| if i < last { member + sep } else { member })
                .collect::<String>()
        });
        let open = mostly(&["{", "{", "{ ", " {"], &["[", "", "{{"], 30);
        let close = mostly(&["}", "}", "} ", " }"], &["}}", "} {}", "}x", "", "]"], 30);
        let edit = prop::option::weighted(0.05, (any::<prop::sample::Index>(), any::<u8>()));
        (open, members, close, edit).prop_map(|(open, members, close, edit)| {
            let mut line = format!("{open}{members}{close}").into_bytes();
            if let Some((at, byte)) = edit {
                let at = at.index(line.len() + 1);
                match byte % 3 {
                    0 if at < line.len() => drop(line.remove(at)),
                    _ => line.insert(at, byte & 0x7f),
                }
            }
            // A byte put inside a character leaves a line that is not UTF-8, which the
            // readers never see: the line is lossily mended first.
            String::from_utf8_lossy(&line).into_owned()
        })
    }

    #[test]
    fn the_lines_tested_take_the_fast_path_often_and_not_always() {
        use proptest::strategy::ValueTree as _;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let (mut fast, mut all) = (0, 0);
        for _ in 0..500 {
            let lines = lines().new_tree(&mut runner).unwrap().current();
            let mut layout = Layout::default();
            for line in &lines {
                all += 1;
                fast += usize::from(fields(line, &mut layout).is_some());
            }
        }
        assert!(
            (all / 4..all * 3 / 4).contains(&fast),
            "{fast} of {all} lines took the fast path"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn the_fast_path_finds_what_serde_json_finds(lines in lines()) {
            let mut layout = Layout::default();
            for line in &lines {
                agree_after(line, &mut layout)?;
            }
        }
    }
}
