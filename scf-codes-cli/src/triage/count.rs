//! Folds records into invocations. An invocation is one attempt, (`SCF_RequestId`,
//! `SCF_RetryNum`); its outcome is the status code other than 202 on its latest line by time
//! (the record's time: `SCF_LogTime`, or its fallbacks), and one seen only with 202 is
//! unfinished. Lines of equal time, or with no time, are decided by input order: the later
//! wins. Only what an outcome needs is kept of each invocation: no record is kept whole.

use std::collections::HashMap;
use std::fmt::Write as _;

use scf_codes::Code;

use super::answer::Row;
use super::record::{RUNNING, Record, Sink, Split};

/// The most request IDs a code's report shows.
pub const SAMPLES: usize = 3;

/// What is kept of one attempt with a request ID.
#[derive(Debug, Clone, Copy)]
struct Attempt {
    /// The status code other than 202 of its latest line; `None` while it is unfinished.
    outcome: Option<u16>,
    /// The time of that line in ns, 0 when it has none: a line with no time is earlier than
    /// every line with one.
    outcome_time: u64,
    /// The earliest time of its lines, `u64::MAX` when none has one: the report's sample
    /// request IDs are the earliest attempts.
    start: u64,
    /// Where it was first seen in the input: the order of samples among attempts with no time.
    first_seen: u64,
    /// The function, from the first of its lines that names one.
    function: Option<FunctionId>,
}

impl Attempt {
    fn new(first_seen: u64) -> Self {
        Attempt {
            outcome: None,
            outcome_time: 0,
            start: u64::MAX,
            first_seen,
            function: None,
        }
    }

    /// Takes in a line, or the fold of later lines, with `outcome` at `time` (0 for none) and
    /// the earliest time `start`.
    fn observe(&mut self, outcome: Option<u16>, time: u64, start: u64) {
        if outcome.is_some() && time >= self.outcome_time {
            self.outcome = outcome;
            self.outcome_time = time;
        }
        self.start = self.start.min(start);
    }
}

/// A function name, interned: invocations keep four bytes, not the name.
type FunctionId = u32;

/// The fold of every record read so far.
#[derive(Debug, Default)]
pub struct Counter {
    /// Keyed by the request ID, a NUL and the retry number: one string, looked up without an
    /// allocation through `key`.
    invocations: HashMap<Box<str>, Attempt>,
    key: String,
    functions: Vec<Box<str>>,
    function_ids: HashMap<Box<str>, FunctionId>,
    /// Records without a request ID: each is an invocation of its own, tallied at once.
    loose: HashMap<(Option<FunctionId>, Option<u16>), u64>,
    /// Records without a request ID.
    without_request_id: u64,
    /// The `first_seen` of the next new invocation.
    next_order: u64,
    records: u64,
    skipped: u64,
    answer_rows: u64,
}

impl Sink for Counter {
    fn record(&mut self, record: &Record<'_>) {
        self.records += 1;
        let outcome = (record.status != RUNNING).then_some(record.status);
        let Some(request_id) = record.request_id.as_deref() else {
            self.without_request_id += 1;
            let function = record
                .function
                .as_deref()
                .map(|name| self.function_id(name));
            *self.loose.entry((function, outcome)).or_default() += 1;
            return;
        };
        self.key.clear();
        self.key.push_str(request_id);
        let _ = write!(self.key, "\0{}", record.retry);
        let attempt = match self.invocations.get_mut(self.key.as_str()) {
            Some(attempt) => attempt,
            None => {
                let first_seen = self.next_order;
                self.next_order += 1;
                self.invocations
                    .entry(self.key.as_str().into())
                    .or_insert(Attempt::new(first_seen))
            }
        };
        attempt.observe(
            outcome,
            record.time.unwrap_or(0),
            record.time.unwrap_or(u64::MAX),
        );
        // Only the first line that names a function is looked up.
        if attempt.function.is_some() {
            return;
        }
        if let Some(name) = record.function.as_deref() {
            let id = self.function_id(name);
            if let Some(attempt) = self.invocations.get_mut(self.key.as_str()) {
                attempt.function = Some(id);
            }
        }
    }

    fn skip(&mut self) {
        self.skipped += 1;
    }
}

impl Split for Counter {
    fn part(&self) -> Self {
        Counter::default()
    }

    /// An outcome in `later` replaces the one here when it is at the same time or later, as a
    /// later line does.
    fn merge(&mut self, later: Counter) {
        let functions: Vec<FunctionId> = later
            .functions
            .iter()
            .map(|name| self.function_id(name))
            .collect();
        let remap = |function: Option<FunctionId>| function.map(|id| functions[id as usize]);
        let offset = self.next_order;
        for (key, attempt) in later.invocations {
            let kept = self
                .invocations
                .entry(key)
                .or_insert(Attempt::new(offset + attempt.first_seen));
            kept.observe(attempt.outcome, attempt.outcome_time, attempt.start);
            if kept.function.is_none() {
                kept.function = remap(attempt.function);
            }
        }
        self.next_order += later.next_order;
        for ((function, outcome), count) in later.loose {
            *self.loose.entry((remap(function), outcome)).or_default() += count;
        }
        self.records += later.records;
        self.skipped += later.skipped;
        self.answer_rows += later.answer_rows;
        self.without_request_id += later.without_request_id;
    }
}

impl Counter {
    /// Adds one row of an engine's answer: invocations already counted.
    pub fn answer(&mut self, row: &Row) {
        self.answer_rows += 1;
        let function = row.function.as_deref().map(|name| self.function_id(name));
        *self.loose.entry((function, row.code)).or_default() += row.invocations;
    }

    /// Records read so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    fn function_id(&mut self, name: &str) -> FunctionId {
        if let Some(&id) = self.function_ids.get(name) {
            return id;
        }
        let id = self.functions.len() as FunctionId;
        self.functions.push(name.into());
        self.function_ids.insert(name.into(), id);
        id
    }

    /// The outcomes, by code and by function.
    pub fn summary(&self) -> Summary {
        let mut by_function: HashMap<Option<FunctionId>, Tally> = HashMap::new();
        for (key, attempt) in &self.invocations {
            let request_id = key.rsplit_once('\0').map_or(&**key, |(id, _)| id);
            // Attempts with a time are ordered by it alone, so that the samples do not depend
            // on the order of the input; those without, by where they were first seen.
            let order = if attempt.start == u64::MAX {
                (u64::MAX, attempt.first_seen)
            } else {
                (attempt.start, 0)
            };
            by_function.entry(attempt.function).or_default().add(
                attempt.outcome,
                1,
                Some((order, request_id)),
            );
        }
        for (&(function, outcome), &count) in &self.loose {
            by_function
                .entry(function)
                .or_default()
                .add(outcome, count, None);
        }
        let mut all = Tally::default();
        let mut functions: Vec<FunctionSummary> = by_function
            .into_iter()
            .map(|(function, tally)| {
                all.merge(&tally);
                FunctionSummary {
                    function: function.map(|id| self.functions[id as usize].to_string()),
                    outcomes: tally.outcomes(),
                }
            })
            .collect();
        functions.sort_by(|a, b| {
            b.outcomes
                .invocations
                .cmp(&a.outcomes.invocations)
                .then_with(|| a.function.cmp(&b.function))
        });
        Summary {
            outcomes: all.outcomes(),
            records: self.records,
            skipped: self.skipped,
            answer_rows: self.answer_rows,
            without_request_id: self.without_request_id,
            functions,
        }
    }
}

/// How a set of invocations ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    /// Invocations with an outcome.
    pub invocations: u64,
    /// Invocations seen only with 202: still running, or cut off by the export's time window.
    pub unfinished: u64,
    /// Each outcome, most frequent first, then by number.
    pub codes: Vec<CodeCount>,
}

impl Outcomes {
    /// Invocations whose outcome is not 200.
    pub fn failed(&self) -> u64 {
        self.codes
            .iter()
            .filter(|count| !count.code.is_success())
            .map(|count| count.invocations)
            .sum()
    }
}

/// The invocations that ended with one code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeCount {
    /// The outcome.
    pub code: Code,
    /// How many invocations ended with it.
    pub invocations: u64,
    /// The request IDs of the earliest of them, at most [`SAMPLES`].
    pub sample_request_ids: Vec<String>,
}

/// The outcomes of one function's invocations.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionSummary {
    /// `SCF_FunctionName`; `None` for invocations none of whose lines names a function.
    pub function: Option<String>,
    /// How they ended.
    pub outcomes: Outcomes,
}

/// Everything triage reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// How every invocation ended.
    pub outcomes: Outcomes,
    /// Records with a status code, read.
    pub records: u64,
    /// Lines, elements and rows that were not a record with a status code.
    pub skipped: u64,
    /// Rows of engines' answers read: counts made by the engine that ran triage's SQL.
    pub answer_rows: u64,
    /// Records without a request ID, each counted as an invocation of its own.
    pub without_request_id: u64,
    /// Per function, most invocations first.
    pub functions: Vec<FunctionSummary>,
}

/// Where an attempt comes in the order of samples: its earliest time, then where it was first
/// seen (for attempts with no time).
type SampleOrder = (u64, u64);

/// Counts by outcome, with the earliest distinct request IDs of each.
#[derive(Debug, Default)]
struct Tally {
    unfinished: u64,
    codes: HashMap<u16, (u64, Vec<(SampleOrder, String)>)>,
}

impl Tally {
    fn add(&mut self, outcome: Option<u16>, count: u64, sample: Option<(SampleOrder, &str)>) {
        let Some(code) = outcome else {
            self.unfinished += count;
            return;
        };
        let (invocations, samples) = self.codes.entry(code).or_default();
        *invocations += count;
        if let Some((first_seen, request_id)) = sample {
            keep_earliest(samples, first_seen, request_id);
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.unfinished += other.unfinished;
        for (&code, (count, samples)) in &other.codes {
            let (invocations, kept) = self.codes.entry(code).or_default();
            *invocations += count;
            for (first_seen, request_id) in samples {
                keep_earliest(kept, *first_seen, request_id);
            }
        }
    }

    fn outcomes(&self) -> Outcomes {
        let mut codes: Vec<CodeCount> = self
            .codes
            .iter()
            .map(|(&code, (invocations, samples))| CodeCount {
                code: Code::from_u16(code),
                invocations: *invocations,
                sample_request_ids: samples.iter().map(|(_, id)| id.clone()).collect(),
            })
            .collect();
        codes.sort_by(|a, b| {
            b.invocations
                .cmp(&a.invocations)
                .then(a.code.as_u16().cmp(&b.code.as_u16()))
        });
        Outcomes {
            invocations: codes.iter().map(|count| count.invocations).sum(),
            unfinished: self.unfinished,
            codes,
        }
    }
}

/// Keeps the [`SAMPLES`] earliest distinct request IDs, earliest first: a request ID seen
/// again (another attempt of it) keeps its earliest place, and ties go to the smaller ID.
fn keep_earliest(samples: &mut Vec<(SampleOrder, String)>, order: SampleOrder, request_id: &str) {
    let later = |kept: &(SampleOrder, String)| (kept.0, kept.1.as_str()) > (order, request_id);
    if let Some(at) = samples.iter().position(|kept| kept.1 == request_id) {
        if !later(&samples[at]) {
            return;
        }
        samples.remove(at);
    } else if samples.len() == SAMPLES && samples.last().is_some_and(|last| !later(last)) {
        return;
    }
    let at = samples.partition_point(|kept| !later(kept));
    samples.insert(at, (order, request_id.to_owned()));
    samples.truncate(SAMPLES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn record<'a>(id: Option<&'a str>, retry: u32, function: &'a str, status: u16) -> Record<'a> {
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
