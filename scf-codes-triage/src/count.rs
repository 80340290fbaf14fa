//! Folds records into invocations. An invocation is one attempt, (`SCF_RequestId`,
//! `SCF_RetryNum`); its outcome is the status code other than 202 on its latest line by time
//! (the record's time: `SCF_LogTime`, or its fallbacks), and one seen only with 202 is
//! unfinished. Lines of equal time, or with no time, are decided by input order: the later
//! wins. Only what an outcome and the report need is kept of each invocation: no record is
//! kept whole. `summary` folds the attempts into the report.

use std::hash::BuildHasher as _;

use hashbrown::HashMap;
use std::fmt::Write as _;

use crate::answer::Row;
use crate::options::Selection;
use crate::record::{RUNNING, Record, Sink, Split};
use crate::request_id::{RequestId, parse_uuid};
use crate::summary::{self, Read, Summary};

/// What is kept of one attempt with a request ID: 48 bytes.
#[derive(Debug, Clone, Copy)]
struct Attempt {
    /// The status code other than 202 of its latest line; `None` while it is unfinished.
    outcome: Option<u16>,
    /// With an outcome, the time of the line that gave it, in ns; while unfinished, the latest
    /// time of its lines. 0 when none has one: a line with no time is earlier than every line
    /// with one.
    time: u64,
    /// The earliest time of its lines, `u64::MAX` when none has one: the report's sample
    /// request IDs are the earliest attempts.
    start: u64,
    /// Where it was first seen in the input: the order of samples among attempts with no time.
    first_seen: u32,
    /// The function, from the first of its lines that names one; [`NO_NAME`] when none does.
    function: FunctionId,
    /// The version (`SCF_Qualifier`), from the first of its lines that names one.
    version: FunctionId,
    /// The longest `SCF_Duration` of its lines, in ms: the END and Report lines carry it, and
    /// the others 0. Negative when no line has one.
    duration_ms: f64,
    /// The most `SCF_MemUsage` of its lines, in MB; negative when no line has one.
    memory_mb: f64,
}

/// What one line, or the fold of several, tells of an attempt.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// Its status other than 202.
    outcome: Option<u16>,
    /// The time of the line with that outcome, 0 for none.
    time: u64,
    /// The earliest time, `u64::MAX` for none.
    start: u64,
    /// The latest time, 0 for none.
    latest: u64,
    duration_ms: f64,
    memory_mb: f64,
}

impl Attempt {
    fn new(first_seen: u64) -> Self {
        Attempt {
            outcome: None,
            time: 0,
            start: u64::MAX,
            first_seen: u32::try_from(first_seen).unwrap_or(u32::MAX),
            function: NO_NAME,
            version: NO_NAME,
            duration_ms: -1.0,
            memory_mb: -1.0,
        }
    }

    /// Takes in a line, or the fold of later lines.
    fn observe(&mut self, seen: Seen) {
        match (self.outcome, seen.outcome) {
            // The first outcome, or one at the same time or later, decides.
            (None, Some(_)) => {
                self.outcome = seen.outcome;
                self.time = seen.time;
            }
            (Some(_), Some(_)) if seen.time >= self.time => {
                self.outcome = seen.outcome;
                self.time = seen.time;
            }
            (None, None) => self.time = self.time.max(seen.latest),
            _ => {}
        }
        self.start = self.start.min(seen.start);
        // The largest of each, whatever the order of the lines.
        self.duration_ms = self.duration_ms.max(seen.duration_ms);
        self.memory_mb = self.memory_mb.max(seen.memory_mb);
    }

    fn seen(&self) -> Seen {
        Seen {
            outcome: self.outcome,
            time: self.time,
            start: self.start,
            latest: self.time,
            duration_ms: self.duration_ms,
            memory_mb: self.memory_mb,
        }
    }
}

/// A measure of a line, as an attempt keeps it: negative for none.
fn measure(value: Option<f64>) -> f64 {
    value
        .filter(|value| value.is_finite() && *value >= 0.0)
        .unwrap_or(-1.0)
}

/// A measure an attempt kept, back as the report takes it.
fn measured(value: f64) -> Option<f64> {
    (value >= 0.0).then_some(value)
}

/// A function name or a version, interned: invocations keep four bytes, not the name.
type FunctionId = u32;

/// The [`FunctionId`] of an attempt none of whose lines names a function (or a version).
const NO_NAME: FunctionId = FunctionId::MAX;

/// `Some(id)` for a named one.
fn named(id: FunctionId) -> Option<FunctionId> {
    (id != NO_NAME).then_some(id)
}

/// How attempts tallied at once are told apart: function, version, when they ended (a
/// record's time; the start of an answer row's time bucket) in ns, outcome, and the bits of
/// the duration and memory of a record (see [`measure`]; an answer row has neither).
type Tallied = (
    Option<FunctionId>,
    Option<FunctionId>,
    Option<i64>,
    Option<u16>,
    [u64; 2],
);

/// The measures of [`Tallied`] for an answer row: none.
const NOT_MEASURED: [u64; 2] = [(-1.0f64).to_bits(); 2];

/// Function names and versions, each kept once and known by its [`FunctionId`].
#[derive(Debug, Default)]
struct Names {
    names: Vec<Box<str>>,
    ids: HashMap<Box<str>, FunctionId>,
}

impl Names {
    /// The ID of `name`, given it when it is new.
    fn id(&mut self, name: &str) -> FunctionId {
        let names = &mut self.names;
        let (_, id) = self.ids.raw_entry_mut().from_key(name).or_insert_with(|| {
            names.push(name.into());
            (name.into(), (names.len() - 1) as FunctionId)
        });
        *id
    }

    fn name(&self, id: Option<FunctionId>) -> Option<&str> {
        id.map(|id| &*self.names[id as usize])
    }
}

/// The key of an attempt: its request ID, a NUL and its retry number, written into `key`.
fn attempt_key(key: &mut String, request_id: &str, retry: u64) {
    key.clear();
    key.push_str(request_id);
    key.push('\0');
    match u8::try_from(retry) {
        Ok(digit @ 0..=9) => key.push(char::from(b'0' + digit)),
        _ => {
            let _ = write!(key, "{retry}");
        }
    }
}

/// The request ID of an attempt's key: what comes before the NUL that ends it, which is at
/// most 21 bytes from its end.
fn request_id_of(key: &str) -> &str {
    key.as_bytes()
        .iter()
        .rposition(|&byte| byte == 0)
        .map_or(key, |nul| &key[..nul])
}

/// The attempts whose request ID is a UUID: each is its UUID, retry number and [`Attempt`] in
/// one vector, found through a table of their indexes, hashed by UUID and retry number. That
/// is 72 bytes an attempt, plus 4 (and the table's room to grow) for its index.
#[derive(Debug, Default)]
struct UuidAttempts {
    table: hashbrown::HashTable<u32>,
    attempts: Vec<((u128, u64), Attempt)>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl UuidAttempts {
    fn with_capacity(capacity: usize) -> Self {
        UuidAttempts {
            table: hashbrown::HashTable::with_capacity(capacity),
            attempts: Vec::with_capacity(capacity),
            hasher: hashbrown::DefaultHashBuilder::default(),
        }
    }

    fn len(&self) -> usize {
        self.attempts.len()
    }

    /// The attempt of `key`, made by `new` when it is not there yet.
    fn entry(&mut self, key: (u128, u64), new: impl FnOnce() -> Attempt) -> &mut Attempt {
        let hash = self.hasher.hash_one(key);
        let attempts = &mut self.attempts;
        let hasher = &self.hasher;
        let index = match self
            .table
            .find(hash, |&index| attempts[index as usize].0 == key)
        {
            Some(&index) => index as usize,
            None => {
                // More than 4 billion attempts would take over 300 GB: none fits in memory.
                let index = u32::try_from(attempts.len()).unwrap_or(u32::MAX);
                attempts.push((key, new()));
                self.table.insert_unique(hash, index, |&index| {
                    hasher.hash_one(attempts[index as usize].0)
                });
                index as usize
            }
        };
        &mut self.attempts[index].1
    }

    fn iter(&self) -> impl Iterator<Item = ((u128, u64), &Attempt)> {
        self.attempts.iter().map(|(key, attempt)| (*key, attempt))
    }

    fn into_iter(self) -> impl Iterator<Item = ((u128, u64), Attempt)> {
        self.attempts.into_iter()
    }
}

/// The fold of every record read so far.
#[derive(Debug, Default)]
pub struct Counter {
    /// Attempts whose request ID is a UUID, as SCF writes them: 72 bytes each, and an index
    /// of 4 in the table that finds them.
    uuid_attempts: UuidAttempts,
    /// Attempts with any other request ID, keyed by the request ID, a NUL and the retry number
    /// (see [`attempt_key`]): one string, looked up without an allocation through `key`, and
    /// allocated once for a new attempt.
    invocations: HashMap<Box<str>, Attempt>,
    key: String,
    names: Names,
    /// Attempts tallied at once: each record without a request ID (an attempt of its own), and
    /// the rows of engines' answers (attempts the engine counted).
    loose: HashMap<Tallied, u64>,
    /// Records without a request ID.
    without_request_id: u64,
    /// The `first_seen` of the next new invocation.
    next_order: u64,
    records: u64,
    skipped: u64,
    answer_rows: u64,
    /// The latest time of any line, in ns; 0 when none has one.
    latest: u64,
    /// The greatest common divisor of the answers' bucket starts, in seconds; 0 when no row has
    /// a bucket. The engine's bucket divides it.
    answer_buckets: u64,
    /// How many attempts the largest part merged so far held: the room a new part starts with.
    part_capacity: usize,
}

impl Sink for Counter {
    fn record(&mut self, record: &Record<'_>) {
        self.records += 1;
        let outcome = (record.status != RUNNING).then_some(record.status);
        let Some(request_id) = record.request_id.as_deref() else {
            self.without_request_id += 1;
            let function = record.function.as_deref().map(|name| self.names.id(name));
            let version = record.qualifier.as_deref().map(|name| self.names.id(name));
            let time = record.time.and_then(|time| i64::try_from(time).ok());
            let measures =
                [measure(record.duration_ms), measure(record.memory_mb)].map(f64::to_bits);
            *self
                .loose
                .entry((function, version, time, outcome, measures))
                .or_default() += 1;
            return;
        };
        self.latest = self.latest.max(record.time.unwrap_or(0));
        let next_order = &mut self.next_order;
        let mut new = || {
            *next_order += 1;
            Attempt::new(*next_order - 1)
        };
        let attempt = match parse_uuid(request_id) {
            Some(uuid) => self.uuid_attempts.entry((uuid, record.retry), new),
            None => {
                attempt_key(&mut self.key, request_id, record.retry);
                let key = self.key.as_str();
                let (_, attempt) = self
                    .invocations
                    .raw_entry_mut()
                    .from_key(key)
                    .or_insert_with(|| (key.into(), new()));
                attempt
            }
        };
        attempt.observe(Seen {
            outcome,
            time: record.time.unwrap_or(0),
            start: record.time.unwrap_or(u64::MAX),
            latest: record.time.unwrap_or(0),
            duration_ms: measure(record.duration_ms),
            memory_mb: measure(record.memory_mb),
        });
        // Only the first line that names a function, or a version, is looked up.
        if attempt.function == NO_NAME
            && let Some(name) = record.function.as_deref()
        {
            attempt.function = self.names.id(name);
        }
        if attempt.version == NO_NAME
            && let Some(name) = record.qualifier.as_deref()
        {
            attempt.version = self.names.id(name);
        }
    }

    fn skip(&mut self) {
        self.skipped += 1;
    }
}

impl Split for Counter {
    fn part(&self) -> Self {
        Counter {
            uuid_attempts: UuidAttempts::with_capacity(self.part_capacity),
            ..Counter::default()
        }
    }

    /// An outcome in `later` replaces the one here when it is at the same time or later, as a
    /// later line does.
    fn merge(&mut self, later: Counter) {
        let functions: Vec<FunctionId> = later
            .names
            .names
            .iter()
            .map(|name| self.names.id(name))
            .collect();
        let remap = |function: Option<FunctionId>| function.map(|id| functions[id as usize]);
        let offset = self.next_order;
        self.part_capacity = self.part_capacity.max(later.uuid_attempts.len());
        self.latest = self.latest.max(later.latest);
        let take = |kept: &mut Attempt, attempt: &Attempt| {
            kept.observe(attempt.seen());
            if kept.function == NO_NAME {
                kept.function = remap(named(attempt.function)).unwrap_or(NO_NAME);
            }
            if kept.version == NO_NAME {
                kept.version = remap(named(attempt.version)).unwrap_or(NO_NAME);
            }
        };
        for (key, attempt) in later.uuid_attempts.into_iter() {
            let first_seen = offset + u64::from(attempt.first_seen);
            let kept = self.uuid_attempts.entry(key, || Attempt::new(first_seen));
            take(kept, &attempt);
        }
        for (key, attempt) in later.invocations {
            let kept = self
                .invocations
                .entry(key)
                .or_insert(Attempt::new(offset + u64::from(attempt.first_seen)));
            take(kept, &attempt);
        }
        self.next_order += later.next_order;
        for ((function, version, time, outcome, measures), count) in later.loose {
            *self
                .loose
                .entry((remap(function), remap(version), time, outcome, measures))
                .or_default() += count;
        }
        self.records += later.records;
        self.skipped += later.skipped;
        self.answer_rows += later.answer_rows;
        self.answer_buckets = gcd(self.answer_buckets, later.answer_buckets);
        self.without_request_id += later.without_request_id;
    }
}

impl Counter {
    /// Adds one row of an engine's answer: invocations already counted.
    /// Its attempts end at the start of the row's time bucket, when it has one.
    pub fn answer(&mut self, row: &Row) {
        self.answer_rows += 1;
        if let Some(start) = row.bucket {
            self.answer_buckets = gcd(self.answer_buckets, start.unsigned_abs());
        }
        let function = row.function.as_deref().map(|name| self.names.id(name));
        let version = row.version.as_deref().map(|name| self.names.id(name));
        let bucket = row
            .bucket
            .and_then(|seconds| seconds.checked_mul(1_000_000_000));
        *self
            .loose
            .entry((function, version, bucket, row.code, NOT_MEASURED))
            .or_default() += row.invocations;
    }

    /// Records read so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Lines, elements and rows that were not a record with a status code.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Rows of engines' answers read.
    pub fn answer_rows(&self) -> u64 {
        self.answer_rows
    }

    /// What the engines' answers' buckets are known to divide: the greatest common divisor of
    /// their starts, in seconds; `None` when no row of an answer has a bucket.
    pub fn answer_buckets(&self) -> Option<u64> {
        (self.answer_buckets > 0).then_some(self.answer_buckets)
    }

    /// Every attempt as it was decided: one per request ID and retry number, and one for each
    /// group of records without a request ID.
    pub fn attempts<'a>(&'a self) -> impl Iterator<Item = summary::Attempt<'a>> + 'a {
        let name = |id: Option<FunctionId>| self.names.name(id);
        let time = |nanos: u64| i64::try_from(nanos).ok().filter(|_| nanos > 0);
        let decided = move |request_id: RequestId<'a>, attempt: &Attempt| {
            // Attempts with a time are ordered by it alone, so that the samples do not depend
            // on the order of the input; those without, by where they were first seen.
            let order = if attempt.start == u64::MAX {
                (u64::MAX, u64::from(attempt.first_seen))
            } else {
                (attempt.start, 0)
            };
            summary::Attempt {
                request_id: Some(request_id),
                function: name(named(attempt.function)),
                version: name(named(attempt.version)),
                outcome: attempt.outcome,
                end: time(attempt.time),
                latest: time(attempt.time),
                order,
                duration_ms: measured(attempt.duration_ms),
                memory_mb: measured(attempt.memory_mb),
                count: 1,
            }
        };
        let uuids = self
            .uuid_attempts
            .iter()
            .map(move |((uuid, _), attempt)| decided(RequestId::Uuid(uuid), attempt));
        let texts = self
            .invocations
            .iter()
            .map(move |(key, attempt)| decided(RequestId::Text(request_id_of(key)), attempt));
        let invocations = uuids.chain(texts);
        let loose = self.loose.iter().map(
            move |(&(function, version, time, outcome, [duration, memory]), &count)| {
                summary::Attempt {
                    function: name(function),
                    version: name(version),
                    outcome,
                    end: time,
                    latest: time,
                    duration_ms: measured(f64::from_bits(duration)),
                    memory_mb: measured(f64::from_bits(memory)),
                    count,
                    ..summary::Attempt::default()
                }
            },
        );
        invocations.chain(loose)
    }

    /// The report of the attempts that `selection` keeps. Fails when its window cannot be
    /// resolved, or its bucket is too short for the log.
    pub fn select(&self, selection: &Selection) -> Result<Summary, String> {
        let read = Read {
            records: self.records,
            skipped: self.skipped,
            answer_rows: self.answer_rows,
            without_request_id: self.without_request_id,
            latest: i64::try_from(self.latest).ok().filter(|_| self.latest > 0),
        };
        summary::fold(|| self.attempts(), selection, read)
    }

    /// The report of every attempt, by code and by function, over time.
    pub fn summary(&self) -> Summary {
        // The whole log, in a bucket chosen to fit it: nothing to resolve, nothing too long.
        self.select(&Selection::default()).unwrap_or_default()
    }
}

/// The greatest common divisor of `a` and `b`; `gcd(0, b)` is `b`.
fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn record<'a>(id: Option<&'a str>, retry: u64, function: &'a str, status: u16) -> Record<'a> {
        Record {
            request_id: id.map(Cow::Borrowed),
            retry,
            function: Some(Cow::Borrowed(function)),
            qualifier: None,
            status,
            time: None,
            duration_ms: None,
            memory_mb: None,
        }
    }

    fn at(time: u64, record: Record<'_>) -> Record<'_> {
        Record {
            time: Some(time),
            ..record
        }
    }

    fn counts(summary: &Summary) -> Vec<(u16, u64)> {
        summary
            .outcomes
            .codes
            .iter()
            .map(|count| (count.code.as_u16(), count.invocations))
            .collect()
    }

    #[test]
    fn an_invocation_counts_once_with_its_last_status_other_than_202() {
        let mut counter = Counter::default();
        for status in [202, 202, 433, 433] {
            counter.record(&record(Some("a"), 0, "f", status));
        }
        for status in [202, 500, 200, 202] {
            counter.record(&record(Some("b"), 0, "f", status));
        }
        let summary = counter.summary();
        assert_eq!(counts(&summary), [(200, 1), (433, 1)]);
        assert_eq!(summary.outcomes.invocations, 2);
        assert_eq!(summary.outcomes.failed(), 1);
        assert_eq!(summary.records, 8);
    }

    #[test]
    fn each_retry_is_an_invocation_of_its_own() {
        let mut counter = Counter::default();
        counter.record(&record(Some("a"), 0, "f", 500));
        counter.record(&record(Some("a"), 1, "f", 200));
        assert_eq!(counts(&counter.summary()), [(200, 1), (500, 1)]);
    }

    #[test]
    fn invocations_seen_only_with_202_are_unfinished_and_apart() {
        let mut counter = Counter::default();
        counter.record(&record(Some("a"), 0, "f", 202));
        counter.record(&record(None, 0, "f", 202));
        counter.record(&record(None, 0, "f", 433));
        let summary = counter.summary();
        assert_eq!(summary.outcomes.unfinished, 2);
        assert_eq!(counts(&summary), [(433, 1)]);
        assert_eq!(
            summary.outcomes.codes[0].sample_request_ids,
            Vec::<String>::new()
        );
    }

    #[test]
    fn samples_are_the_earliest_request_ids_of_a_code() {
        let mut counter = Counter::default();
        for id in ["e", "d", "c", "b", "a"] {
            counter.record(&record(Some(id), 0, "f", 433));
        }
        let summary = counter.summary();
        assert_eq!(
            summary.outcomes.codes[0].sample_request_ids,
            ["e", "d", "c"]
        );
    }

    #[test]
    fn outcomes_are_grouped_by_function() {
        let mut counter = Counter::default();
        counter.record(&record(Some("a"), 0, "orders", 433));
        counter.record(&record(Some("b"), 0, "orders", 200));
        counter.record(&record(Some("c"), 0, "billing", 200));
        let summary = counter.summary();
        let functions: Vec<(Option<&str>, u64)> = summary
            .functions
            .iter()
            .map(|f| (f.function.as_deref(), f.outcomes.invocations))
            .collect();
        assert_eq!(functions, [(Some("orders"), 2), (Some("billing"), 1)]);
    }

    #[test]
    fn the_outcome_is_the_status_of_the_latest_line_by_time_in_any_order() {
        let lines = [
            at(1, record(Some("a"), 0, "f", 202)),
            at(2, record(Some("a"), 0, "f", 500)),
            at(3, record(Some("a"), 0, "f", 433)),
            at(4, record(Some("a"), 0, "f", 202)),
        ];
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]] {
            let mut counter = Counter::default();
            for index in order {
                counter.record(&lines[index]);
            }
            assert_eq!(counts(&counter.summary()), [(433, 1)], "{order:?}");
        }
    }

    #[test]
    fn lines_of_equal_time_or_without_one_are_decided_by_input_order() {
        let mut counter = Counter::default();
        counter.record(&at(5, record(Some("a"), 0, "f", 500)));
        counter.record(&at(5, record(Some("a"), 0, "f", 433)));
        counter.record(&record(Some("b"), 0, "f", 433));
        counter.record(&record(Some("b"), 0, "f", 500));
        // A line with a time is later than one without.
        counter.record(&at(1, record(Some("c"), 0, "f", 439)));
        counter.record(&record(Some("c"), 0, "f", 500));
        assert_eq!(counts(&counter.summary()), [(433, 1), (439, 1), (500, 1)]);
    }

    #[test]
    fn samples_are_the_earliest_distinct_request_ids_by_time() {
        let mut counter = Counter::default();
        // The first request ID was retried three times, each attempt ending in 433.
        for (retry, time) in [(3, 40), (0, 10), (2, 30), (1, 20)] {
            counter.record(&at(time, record(Some("first"), retry, "f", 433)));
        }
        for (id, time) in [("late", 90), ("third", 60), ("second", 50), ("fourth", 70)] {
            counter.record(&at(time, record(Some(id), 0, "f", 433)));
        }
        let summary = counter.summary();
        assert_eq!(summary.outcomes.codes[0].invocations, 8);
        assert_eq!(
            summary.outcomes.codes[0].sample_request_ids,
            ["first", "second", "third"]
        );
    }

    #[test]
    fn durations_and_memory_are_kept_exactly_with_or_without_a_request_id() {
        for id in [Some("a"), None] {
            let mut counter = Counter::default();
            counter.record(&Record {
                duration_ms: Some(3000.999),
                memory_mb: Some(0.1),
                ..record(id, 0, "f", 433)
            });
            counter.record(&Record {
                duration_ms: Some(1_234_567_890.123_456_7),
                ..record(Some("b"), 4_294_967_296, "f", 500)
            });
            let summary = counter.summary();
            let usage = |code: u16| {
                let count = summary
                    .outcomes
                    .codes
                    .iter()
                    .find(|count| count.code == code)
                    .unwrap();
                (
                    count.usage.durations().map(|d| d.max),
                    count.usage.memory_mb(),
                )
            };
            assert_eq!(usage(433), (Some(3000.999), Some(0.1)), "{id:?}");
            assert_eq!(usage(500), (Some(1_234_567_890.123_456_7), None));
        }
    }

    #[test]
    fn an_attempt_key_gives_back_its_request_id() {
        let mut key = String::new();
        for id in ["r-1", "", "a\0b", "\0"] {
            for retry in [0, 9, 10, 4_294_967_296, u64::MAX] {
                attempt_key(&mut key, id, retry);
                assert_eq!(key, format!("{id}\0{retry}"));
                assert_eq!(request_id_of(&key), id, "{key:?}");
            }
        }
    }

    #[test]
    fn merged_parts_give_the_outcome_of_the_latest_line() {
        let mut earlier = Counter::default();
        earlier.record(&at(9, record(Some("a"), 0, "f", 433)));
        let mut later = Counter::default();
        later.record(&at(3, record(Some("a"), 0, "f", 500)));
        later.record(&record(None, 0, "f", 200));
        earlier.merge(later);
        let summary = earlier.summary();
        assert_eq!(counts(&summary), [(200, 1), (433, 1)]);
        assert_eq!(summary.without_request_id, 1);
    }
}
