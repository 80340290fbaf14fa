//! The JSON values that hold records: a record itself, an array of values, a CLS SearchLog API
//! response (`{"Response":{"Results":[{"LogJson":"…"}]}}`), tccli's output of it (the same
//! without `Response`), a CLS trigger event (`{"clslogs":{"data":"<base64 of gzip>"}}`) and its
//! decoded form (`{"records":[{"content":"…"}]}`). One visitor walks any of them as it is parsed,
//! from a line in memory or from a stream, handing each record to a [`Sink`]: an array or a
//! wrapper is never held whole.
//!
//! An object is read for its `SCF_*` keys first. A key of an unexpected type is ignored, and so
//! is a key named like a wrapper's (`Response`, `Results`, `records`, `clslogs`) that does not
//! hold what a wrapper holds. The last of a duplicated key wins, as in jq and JavaScript.

use std::borrow::Cow;
use std::fmt;
use std::io::Read as _;

use base64::Engine as _;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::flat::{self, Layout};
use crate::record::{Fields, Number, Sink, parse_decimal};

/// The most bytes a CLS trigger event's `data` may inflate to. CLS delivers logs to a function
/// in batches far below this; the bound is there for a gzip bomb.
const MAX_INFLATED_EVENT: u64 = 32 << 20;

/// How deep values that hold records may nest (an array of SearchLog responses, a trigger event
/// inside an array): anything deeper is skipped.
const MAX_DEPTH: usize = 4;

/// A line whose JSON value holds several records (a one-line array, as `jq -c -s` writes, or
/// a wrapper) and breaks after the first: the records before the break were counted, and
/// those after it cannot be, so the counts are not exact. A line that holds one record and
/// breaks is only skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// Where the value broke: the byte of the line, from 1.
    pub column: u64,
    /// What is wrong there, in serde_json's words.
    pub what: String,
    /// How many records of the value were counted before the break.
    pub counted: u64,
}

impl Broken {
    /// The problem this is, on line `line` of its input.
    pub fn at(&self, line: u64) -> crate::problem::Problem {
        crate::problem::Problem::At {
            line,
            column: self.column,
            message: self.to_string(),
        }
    }
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let before = match self.counted {
            0 => "nothing before it was counted".to_owned(),
            1 => "the record before it was counted".to_owned(),
            counted => format!("the {counted} records before it were counted"),
        };
        write!(
            f,
            "the JSON value on this line, which holds records, is broken here ({}); {before}, \
             the rest of the line was not: mend or remove the line",
            self.what
        )
    }
}

/// Reads the JSON values of one line and counts what they hold: a record, the records of an
/// array or a wrapper, or, for anything else, one thing skipped. Bytes that are not UTF-8 in
/// a text triage does not read (a message in GBK) do not stop it, as they do not stop
/// serde_json or jq. `layout` is what the lines before taught the fast path
/// ([`flat::fields`]); a new one serves any line.
///
/// # Errors
///
/// [`Broken`], when a value that holds several records breaks after the first.
pub fn feed_json(json: &[u8], layout: &mut Layout, sink: &mut impl Sink) -> Result<(), Broken> {
    // One check of the whole line is much faster than serde_json's check of each string.
    match std::str::from_utf8(json) {
        Ok(json) => feed_json_text(json, layout, sink),
        Err(_) => read_json(json, sink),
    }
}

/// [`feed_json`] for text known to be UTF-8. Values after the first one, on the same line,
/// are read too, as jq reads them; the first that is broken is skipped with the rest of the
/// line. The line CLS writes, one flat object, is read by [`flat::fields`]; any other by
/// [`read_json`].
///
/// # Errors
///
/// As [`feed_json`].
pub fn feed_json_text(json: &str, layout: &mut Layout, sink: &mut impl Sink) -> Result<(), Broken> {
    match flat::fields(json, layout) {
        Some(fields) => {
            count(Some(fields), Number::Missing, sink);
            Ok(())
        }
        None => read_json(json.as_bytes(), sink),
    }
}

/// [`feed_json_text`] without its fast path: every line read by serde_json. The fast path
/// must find what this finds, and the tests compare them.
///
/// # Errors
///
/// As [`feed_json`].
pub fn read_json_text(json: &str, sink: &mut impl Sink) -> Result<(), Broken> {
    read_json(json.as_bytes(), sink)
}

/// [`read_json_text`] for a line that may hold bytes that are not UTF-8: serde_json checks
/// only the texts it reads.
///
/// # Errors
///
/// As [`feed_json`].
pub fn read_json(json: &[u8], sink: &mut impl Sink) -> Result<(), Broken> {
    let mut rest = json;
    loop {
        rest = after_json_space(rest);
        if rest.is_empty() {
            return Ok(());
        }
        let mut counting = Counting::new(&mut *sink);
        let mut deserializer = serde_json::Deserializer::from_slice(rest);
        match (Value {
            sink: &mut counting,
            depth: 0,
        })
        .deserialize(&mut deserializer)
        {
            Ok(()) if deserializer.end().is_ok() => return Ok(()),
            Ok(()) => {}
            Err(error) if counting.holds_records() || holds_records(rest) => {
                return Err(Broken {
                    column: (json.len() - rest.len()) as u64 + error.column().max(1) as u64,
                    what: crate::problem::json_error_text(&error),
                    counted: counting.records,
                });
            }
            Err(_) => {
                // One thing skipped for the line, counted already if elements of it were.
                if counting.skips == 0 {
                    sink.skip();
                }
                return Ok(());
            }
        }
        // Another value follows on the same line: rare, so found by parsing the first again.
        let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<IgnoredAny>();
        match values.next() {
            Some(Ok(_)) => rest = &rest[values.byte_offset()..],
            _ => {
                sink.skip();
                return Ok(());
            }
        }
    }
}

/// Whether `json` opens an array of objects or arrays: several records, not a line of text
/// that starts with a bracket (`[INFO] …`).
pub(crate) fn holds_records(json: &[u8]) -> bool {
    json.strip_prefix(b"[")
        .is_some_and(|rest| matches!(after_json_space(rest).first(), Some(b'{' | b'[')))
}

/// `json` past the white space JSON allows between values: not a form feed or a mark.
fn after_json_space(json: &[u8]) -> &[u8] {
    let start = (json.iter())
        .position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(json.len());
    &json[start..]
}

/// A sink that counts the records it hands on, and sees whether a value that carries records
/// was opened.
pub(crate) struct Counting<'s, S: ?Sized> {
    sink: &'s mut S,
    records: u64,
    skips: u64,
    carrier: bool,
}

impl<'s, S: Sink + ?Sized> Counting<'s, S> {
    pub(crate) fn new(sink: &'s mut S) -> Self {
        Counting {
            sink,
            records: 0,
            skips: 0,
            carrier: false,
        }
    }

    /// Whether what was read holds records: some were counted, or a wrapper's array opened.
    pub(crate) fn holds_records(&self) -> bool {
        self.records > 0 || self.carrier
    }
}

impl<S: Sink + ?Sized> Sink for Counting<'_, S> {
    fn record(&mut self, record: &crate::record::Record<'_>) {
        self.records += 1;
        self.sink.record(record);
    }

    fn skip(&mut self) {
        self.skips += 1;
        self.sink.skip();
    }

    fn carrier(&mut self) {
        self.carrier = true;
        self.sink.carrier();
    }
}

/// One JSON value, and what it holds, handed to the sink as it is parsed.
pub struct Value<'s, S> {
    /// Where records go.
    pub sink: &'s mut S,
    /// How many arrays and wrappers hold this value.
    pub depth: usize,
}

impl<'de, S: Sink> DeserializeSeed<'de> for Value<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Implements the visits of every JSON type but objects and arrays as `$body`.
macro_rules! scalars {
    ($value:ty, |$this:ident| $body:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$value, E> {
            let $this = self;
            Ok($body)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$value, E> {
            let $this = self;
            Ok($body)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$value, E> {
            let $this = self;
            Ok($body)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$value, E> {
            let $this = self;
            Ok($body)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$value, E> {
            let $this = self;
            Ok($body)
        }
        fn visit_unit<E: de::Error>(self) -> Result<$value, E> {
            let $this = self;
            Ok($body)
        }
    };
}

/// Implements the visits of objects and arrays as skipping their content and then `$body`.
macro_rules! containers {
    ($value:ty, |$this:ident| $body:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            let $this = self;
            Ok($body)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            let $this = self;
            Ok($body)
        }
    };
}

impl<'de, S: Sink> Visitor<'de> for Value<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SCF log records")
    }

    scalars!((), |this| this.sink.skip());

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let itself = object(map, self.sink, self.depth, self.depth >= MAX_DEPTH)?;
        count(itself, Number::Missing, self.sink);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut elements: A) -> Result<(), A::Error> {
        if self.depth >= MAX_DEPTH {
            while elements.next_element::<IgnoredAny>()?.is_some() {}
            self.sink.skip();
            return Ok(());
        }
        let depth = self.depth + 1;
        while let Some(()) = elements.next_element_seed(Value {
            sink: &mut *self.sink,
            depth,
        })? {}
        Ok(())
    }
}

/// What an object is by its own keys: `Some` when it counts as a record or as one thing
/// skipped, `None` when it only carried the records of a wrapper.
type Itself<'de> = Option<Fields<'de>>;

/// Reads an object's keys: its `SCF_*` keys into fields, and, unless `nested` (a record inside
/// a wrapper's string, or a value too deep), the records of the wrapper keys it holds, handed to
/// the sink as they are read.
fn object<'de, A: MapAccess<'de>, S: Sink>(
    mut map: A,
    sink: &mut S,
    depth: usize,
    nested: bool,
) -> Result<Itself<'de>, A::Error> {
    let mut fields = Fields::default();
    let mut has_status = false;
    let mut carried = false;
    // Trigger events whose logs could not be read: skipped, unless the object is a record.
    let mut unreadable_events = 0;
    let depth = depth + 1;
    while let Some(key) = map.next_key::<Key>()? {
        match key {
            Key::RequestId => fields.request_id = map.next_value::<Text<'de>>()?.0,
            Key::RetryNum => fields.retry = map.next_value::<Lenient>()?.0,
            Key::FunctionName => fields.function = map.next_value::<Text<'de>>()?.0,
            Key::Qualifier => fields.qualifier = map.next_value::<Text<'de>>()?.0,
            Key::StatusCode => {
                has_status = true;
                fields.status = map.next_value::<Lenient>()?.0;
            }
            Key::LogTime => fields.log_time = map.next_value::<LenientTime>()?.0,
            Key::StartTime => fields.start_time = map.next_value::<LenientTime>()?.0,
            Key::ClsTimestamp => fields.cls_time = map.next_value::<LenientTime>()?.0,
            Key::Duration => fields.duration_ms = map.next_value::<Decimal>()?.0,
            Key::MemUsage => fields.memory_mb = map.next_value::<Decimal>()?.0,
            Key::Response if !nested => {
                carried |= map.next_value_seed(Response { sink: &mut *sink })?;
            }
            Key::Results if !nested => {
                carried |= map.next_value_seed(Results {
                    sink: &mut *sink,
                    shape: Carrier::SearchLog,
                })?;
            }
            Key::Records if !nested => {
                carried |= map.next_value_seed(Results {
                    sink: &mut *sink,
                    shape: Carrier::Trigger,
                })?;
            }
            Key::ClsLogs if !nested => {
                match map.next_value_seed(Event {
                    sink: &mut *sink,
                    depth,
                })? {
                    Some(true) => carried = true,
                    Some(false) => {
                        carried = true;
                        unreadable_events += 1;
                    }
                    None => {}
                }
            }
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    if !has_status {
        (0..unreadable_events).for_each(|_| sink.skip());
    }
    Ok((has_status || !carried).then_some(fields))
}

/// Hands what an object is by its own keys to the sink: a record, or one thing skipped.
fn count(itself: Itself<'_>, wrapper_time: Number, sink: &mut impl Sink) {
    if let Some(fields) = itself {
        match fields.into_record(wrapper_time) {
            Some(record) => sink.record(&record),
            None => sink.skip(),
        }
    }
}

/// The keys triage reads, recognized without an allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    RequestId,
    RetryNum,
    FunctionName,
    Qualifier,
    StatusCode,
    LogTime,
    StartTime,
    ClsTimestamp,
    Duration,
    MemUsage,
    Response,
    Results,
    Records,
    ClsLogs,
    LogJson,
    Content,
    Time,
    Timestamp,
    Data,
    Other,
}

impl Key {
    /// The key named `name`.
    pub(crate) fn of(name: &str) -> Key {
        // By length first, so that each key is compared with few others.
        match (name.len(), name) {
            (13, "SCF_RequestId") => Key::RequestId,
            (13, "SCF_Qualifier") => Key::Qualifier,
            (13, "SCF_StartTime") => Key::StartTime,
            (12, "SCF_RetryNum") => Key::RetryNum,
            (12, "SCF_Duration") => Key::Duration,
            (12, "SCF_MemUsage") => Key::MemUsage,
            (16, "SCF_FunctionName") => Key::FunctionName,
            (14, "SCF_StatusCode") => Key::StatusCode,
            (11, "SCF_LogTime") => Key::LogTime,
            (13, "__TIMESTAMP__") => Key::ClsTimestamp,
            (8, "Response") => Key::Response,
            (7, "Results") => Key::Results,
            (7, "records") => Key::Records,
            (7, "clslogs") => Key::ClsLogs,
            (7, "LogJson") => Key::LogJson,
            (7, "content") => Key::Content,
            (4, "Time") => Key::Time,
            (9, "timestamp") => Key::Timestamp,
            (4, "data") => Key::Data,
            _ => Key::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(Key::of(key))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// `{"Results": […]}` inside a SearchLog response; `false` when it is not an object.
struct Response<'s, S> {
    sink: &'s mut S,
}

impl<'de, S: Sink> DeserializeSeed<'de> for Response<'_, S> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: Sink> Visitor<'de> for Response<'_, S> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SearchLog response")
    }

    scalars!(bool, |_this| false);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut carried = false;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Results => {
                    carried |= map.next_value_seed(Results {
                        sink: &mut *self.sink,
                        shape: Carrier::SearchLog,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(carried)
    }
}

/// Which wrapper an array of carried records belongs to, and so which keys hold the record and
/// its time.
#[derive(Clone, Copy)]
enum Carrier {
    /// SearchLog's `Results`: `{"Time": <ms>, "LogJson": "<record>", …}`.
    SearchLog,
    /// A decoded trigger event's `records`: `{"timestamp": …, "content": "<record>"}`.
    Trigger,
}

/// An array of carried records; `false` when it is not an array.
struct Results<'s, S> {
    sink: &'s mut S,
    shape: Carrier,
}

impl<'de, S: Sink> DeserializeSeed<'de> for Results<'_, S> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: Sink> Visitor<'de> for Results<'_, S> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of log results")
    }

    scalars!(bool, |_this| false);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut elements: A) -> Result<bool, A::Error> {
        self.sink.carrier();
        while let Some(carried) = elements.next_element::<Carried<'de>>()? {
            feed_carried(carried, self.shape, self.sink);
        }
        Ok(true)
    }
}

/// One element of a wrapper's array: a record as a JSON string, and the time beside it.
#[derive(Default)]
struct Carried<'a> {
    /// `Some` when the element is an object.
    object: Option<CarriedKeys<'a>>,
}

#[derive(Default)]
struct CarriedKeys<'a> {
    log_json: Option<Cow<'a, str>>,
    content: Option<Cow<'a, str>>,
    time: Number,
    timestamp: Number,
}

impl<'de> Deserialize<'de> for Carried<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CarriedVisitor;
        impl<'de> Visitor<'de> for CarriedVisitor {
            type Value = Carried<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a log result")
            }
            scalars!(Carried<'de>, |_this| Carried::default());
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Carried<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Carried::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Carried<'de>, A::Error> {
                let mut keys = CarriedKeys::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::LogJson => keys.log_json = map.next_value::<Text<'de>>()?.0,
                        Key::Content => keys.content = map.next_value::<Text<'de>>()?.0,
                        Key::Time => keys.time = map.next_value::<Lenient>()?.0,
                        Key::Timestamp => keys.timestamp = map.next_value::<Lenient>()?.0,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Carried { object: Some(keys) })
            }
        }
        deserializer.deserialize_any(CarriedVisitor)
    }
}

/// Counts the record an element of a wrapper carries: it must be a record itself, not another
/// wrapper; anything else is one thing skipped.
fn feed_carried(carried: Carried<'_>, shape: Carrier, sink: &mut impl Sink) {
    let (json, time) = match (carried.object, shape) {
        (Some(keys), Carrier::SearchLog) => (keys.log_json, keys.time),
        (Some(keys), Carrier::Trigger) => (keys.content, keys.timestamp),
        (None, _) => (None, Number::Missing),
    };
    let Some(json) = json else {
        return sink.skip();
    };
    let mut deserializer = serde_json::Deserializer::from_str(&json);
    let itself = (CarriedRecord { sink: &mut *sink }).deserialize(&mut deserializer);
    match itself {
        Ok(itself) if deserializer.end().is_ok() => count(itself, time, sink),
        _ => sink.skip(),
    }
}

/// A record inside a wrapper's string: an object read for its `SCF_*` keys alone.
struct CarriedRecord<'s, S> {
    sink: &'s mut S,
}

impl<'de, S: Sink> DeserializeSeed<'de> for CarriedRecord<'_, S> {
    type Value = Itself<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Itself<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: Sink> Visitor<'de> for CarriedRecord<'_, S> {
    type Value = Itself<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an SCF log record")
    }

    scalars!(Itself<'de>, |_this| Some(Fields::default()));

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Itself<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Some(Fields::default()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Itself<'de>, A::Error> {
        object(map, self.sink, MAX_DEPTH, true)
    }
}

/// `{"data": "<base64 of gzip of JSON>"}`, a CLS trigger event; `false` when it is not an
/// object.
struct Event<'s, S> {
    sink: &'s mut S,
    depth: usize,
}

/// `Some(true)` for an event whose logs were read, `Some(false)` for one whose `data` could not
/// be (for the caller to skip, unless the object around it is a record), `None` for a value
/// that is no event.
impl<'de, S: Sink> DeserializeSeed<'de> for Event<'_, S> {
    type Value = Option<bool>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<bool>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: Sink> Visitor<'de> for Event<'_, S> {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CLS trigger event")
    }

    scalars!(Option<bool>, |_this| None);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<bool>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<bool>, A::Error> {
        let mut data = None;
        while let Some(key) = map.next_key::<Key>()? {
            if matches!(key, Key::Data) {
                data = map.next_value::<Text<'de>>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        let Some(payload) = data.and_then(|data| inflate_event(&data)) else {
            return Ok(Some(false));
        };
        let mut deserializer = serde_json::Deserializer::from_slice(&payload);
        // Through `dyn`: an event inside an event's logs is read by this same code.
        let sink: &mut dyn Sink = &mut *self.sink;
        let mut counting = Counting::new(sink);
        let value = Value {
            sink: &mut counting,
            depth: self.depth,
        };
        match value
            .deserialize(&mut deserializer)
            .and_then(|()| deserializer.end())
        {
            Ok(()) => Ok(Some(true)),
            // The event's logs break after some of them were counted: the rest cannot be.
            Err(error) if counting.holds_records() => Err(de::Error::custom(format_args!(
                "in the logs of its trigger event: {error}"
            ))),
            Err(_) => Ok(Some(false)),
        }
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

/// A text, borrowed from the input when it has no escapes. A number is read as its digits;
/// any other type is no text at all.
pub(crate) struct Text<'a>(pub(crate) Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Borrowed(text))))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(text.to_owned()))))
            }
            fn visit_u64<E: de::Error>(self, number: u64) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(number.to_string()))))
            }
            fn visit_i64<E: de::Error>(self, number: i64) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(number.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, number: f64) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(number.to_string()))))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            containers!(Text<'de>, |_this| Text(None));
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A whole number, an integral decimal, or a string of either; see [`Number`].
pub(crate) struct Lenient(pub(crate) Number);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(NumberVisitor(Number::parse))
            .map(Lenient)
    }
}

/// A time: what [`Lenient`] reads, or an RFC 3339 text; see [`Number::parse_time`].
pub(crate) struct LenientTime(pub(crate) Number);

impl<'de> Deserialize<'de> for LenientTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(NumberVisitor(Number::parse_time))
            .map(LenientTime)
    }
}

/// Reads a [`Number`] from any JSON value, a string with `parse`.
struct NumberVisitor(fn(&str) -> Number);

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Number;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Number, E> {
        Ok(Number::Whole(number))
    }
    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Number, E> {
        Ok(u64::try_from(number).map_or(Number::Invalid, Number::Whole))
    }
    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Number, E> {
        Ok(Number::from_f64(number))
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Number, E> {
        Ok((self.0)(text))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
        Ok(Number::Missing)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Number, E> {
        Ok(Number::Invalid)
    }
    containers!(Number, |_this| Number::Invalid);
}

/// A decimal from 0 up, or a string of one; `None` for anything else.
pub(crate) struct Decimal(pub(crate) Option<f64>);

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl<'de> Visitor<'de> for DecimalVisitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: de::Error>(self, number: u64) -> Result<Decimal, E> {
                Ok(Decimal(Some(number as f64)))
            }
            fn visit_i64<E: de::Error>(self, number: i64) -> Result<Decimal, E> {
                Ok(Decimal((number >= 0).then_some(number as f64)))
            }
            fn visit_f64<E: de::Error>(self, number: f64) -> Result<Decimal, E> {
                Ok(Decimal(
                    (number.is_finite() && number >= 0.0).then_some(number),
                ))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Decimal, E> {
                Ok(Decimal(parse_decimal(text)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Decimal, E> {
                Ok(Decimal(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Decimal, E> {
                Ok(Decimal(None))
            }
            containers!(Decimal, |_this| Decimal(None));
        }
        deserializer.deserialize_any(DecimalVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    /// A sink that keeps every record it is given, owned, and counts what is skipped.
    #[derive(Default)]
    struct Kept {
        records: Vec<Record<'static>>,
        skipped: u64,
    }

    impl Sink for Kept {
        fn record(&mut self, record: &Record<'_>) {
            self.records.push(record.to_owned_record());
        }
        fn skip(&mut self) {
            self.skipped += 1;
        }
    }

    fn read(json: &str) -> Kept {
        let mut kept = Kept::default();
        let result = feed_json_text(json, &mut Layout::default(), &mut kept);
        assert_eq!(result, Ok(()), "{json}");
        kept
    }

    fn statuses(json: &str) -> (Vec<u16>, u64) {
        let kept = read(json);
        (
            kept.records.iter().map(|record| record.status).collect(),
            kept.skipped,
        )
    }

    #[test]
    fn numbers_integral_decimals_and_strings_of_them_are_read_alike() {
        for status in [
            "433",
            "433.0",
            "\"433\"",
            "\" 433 \"",
            "\"433.0\"",
            "4.33e2",
        ] {
            let json =
                format!(r#"{{"SCF_RequestId":"r","SCF_RetryNum":"1","SCF_StatusCode":{status}}}"#);
            assert_eq!(statuses(&json), (vec![433], 0), "{json}");
        }
    }

    #[test]
    fn durations_as_json_numbers_are_read_exactly() {
        for duration in ["0.9996958684085757", "3000.999", "1e308", "0"] {
            let json = format!(r#"{{"SCF_StatusCode":200,"SCF_Duration":{duration}}}"#);
            let kept = read(&json);
            assert_eq!(
                kept.records[0].duration_ms,
                duration.parse::<f64>().ok(),
                "{json}"
            );
        }
    }

    #[test]
    fn a_status_code_that_is_not_a_whole_number_up_to_65535_skips_the_record() {
        for status in [
            "-1", "433.5", "\"\"", "null", "65536", "\"4x3\"", "true", "[433]",
        ] {
            let json = format!(r#"{{"SCF_RequestId":"r","SCF_StatusCode":{status}}}"#);
            assert_eq!(statuses(&json), (vec![], 1), "{json}");
        }
        assert_eq!(statuses(r#"{"SCF_RequestId":"r"}"#), (vec![], 1));
        assert_eq!(
            statuses(r#"{"level":"info","msg":"another service"}"#),
            (vec![], 1)
        );
    }

    #[test]
    fn keys_of_unexpected_types_do_not_drop_the_record() {
        let json = r#"{"SCF_RequestId":" r-1 ","SCF_StatusCode":433,"SCF_FunctionName":true,
            "SCF_Qualifier":{"a":[1]},"SCF_Duration":"x","Response":"ok","Results":7,
            "records":{"a":1},"clslogs":null,"SCF_Message":[1,{"b":2}]}"#;
        let kept = read(json);
        assert_eq!(kept.skipped, 0);
        let record = &kept.records[0];
        assert_eq!(record.request_id.as_deref(), Some("r-1"));
        assert_eq!((record.status, record.function.as_deref()), (433, None));
        assert_eq!(record.duration_ms, None);
    }

    /// A `clslogs` key that holds no readable event is passed over in a record, and is one
    /// thing skipped in an object that is only an event.
    #[test]
    fn an_unreadable_event_is_skipped_only_where_it_is_not_inside_a_record() {
        for event in [r#"{}"#, r#"{"data":"not base64"}"#, r#"{"data":"aGk="}"#] {
            let record =
                format!(r#"{{"SCF_RequestId":"r","SCF_StatusCode":433,"clslogs":{event}}}"#);
            assert_eq!(statuses(&record), (vec![433], 0), "{record}");
            let alone = format!(r#"{{"clslogs":{event}}}"#);
            assert_eq!(statuses(&alone), (vec![], 1), "{alone}");
        }
    }

    #[test]
    fn the_last_of_a_duplicated_key_wins() {
        let json = r#"{"SCF_StatusCode":500,"SCF_RequestId":"a","SCF_StatusCode":"433"}"#;
        assert_eq!(statuses(json), (vec![433], 0));
    }

    #[test]
    fn a_record_borrows_its_texts_and_reads_time_duration_and_memory() {
        let json = r#"{"SCF_Message":"Report","SCF_RequestId":"r-1","SCF_FunctionName":"f",
            "SCF_Qualifier":"$LATEST","SCF_StatusCode":"200","SCF_LogTime":"1653523171317573463",
            "SCF_StartTime":"1653523171317","SCF_Duration":"12","SCF_MemUsage":"30.50"}"#;
        let mut seen = None;
        /// Whether the request ID was borrowed, the time, the duration and the memory.
        type Seen = (bool, Option<u64>, Option<f64>, Option<f64>);
        struct First<'a>(&'a mut Option<Seen>);
        impl Sink for First<'_> {
            fn record(&mut self, record: &Record<'_>) {
                *self.0 = Some((
                    matches!(record.request_id, Some(Cow::Borrowed("r-1"))),
                    record.time,
                    record.duration_ms,
                    record.memory_mb,
                ));
            }
            fn skip(&mut self) {}
        }
        let result = feed_json_text(json, &mut Layout::default(), &mut First(&mut seen));
        assert_eq!(result, Ok(()));
        assert_eq!(
            seen,
            Some((
                true,
                Some(1_653_523_171_317_573_463),
                Some(12.0),
                Some(30.5)
            ))
        );
    }

    #[test]
    fn several_values_on_a_line_are_each_read() {
        let record = r#"{"SCF_RequestId":"r","SCF_StatusCode":200}"#;
        assert_eq!(
            statuses(&format!("{record}{record} {record} 7 [{record}]")),
            (vec![200, 200, 200, 200], 1)
        );
        assert_eq!(statuses(&format!("{record} {{\"a\"")), (vec![200], 1));
    }

    #[test]
    fn wrappers_hand_on_their_records_with_the_wrappers_time() {
        let log_json = r#"{\"SCF_RequestId\":\"a\",\"SCF_StatusCode\":\"433\"}"#;
        let search_log = format!(
            r#"{{"Response":{{"Results":[{{"LogJson":"{log_json}","Time":1653523171317}},{{"LogJson":"7"}},5],"RequestId":"x"}}}}"#
        );
        let kept = read(&search_log);
        assert_eq!(kept.skipped, 2);
        assert_eq!(kept.records[0].time, Some(1_653_523_171_317_000_000));
        let tccli =
            format!(r#"{{"Context":"c","Results":[{{"LogJson":"{log_json}"}}],"RequestId":"x"}}"#);
        assert_eq!(statuses(&tccli), (vec![433], 0));
        let decoded =
            format!(r#"{{"records":[{{"timestamp":"1653523171317573","content":"{log_json}"}}]}}"#);
        let kept = read(&decoded);
        assert_eq!(kept.records[0].time, Some(1_653_523_171_317_573_000));
        let nested = format!(r#"[{search_log},[{tccli}]]"#);
        assert_eq!(statuses(&nested), (vec![433, 433], 2));
    }

    #[test]
    fn a_wrapper_inside_a_wrappers_string_is_not_read() {
        let inner = r#"{\"Results\":[{\"LogJson\":\"{}\"}]}"#;
        let json = format!(r#"{{"Results":[{{"LogJson":"{inner}"}}]}}"#);
        assert_eq!(statuses(&json), (vec![], 1));
    }
}
