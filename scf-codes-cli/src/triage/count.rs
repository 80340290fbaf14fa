//! Folds records into invocations. An invocation is one attempt, (`SCF_RequestId`,
//! `SCF_RetryNum`); its outcome is the last status code other than 202 among its lines, and one
//! seen only with 202 is unfinished. Only what an outcome needs is kept of each invocation: no
//! record is kept whole.

use std::collections::HashMap;
use std::fmt::Write as _;

use scf_codes::Code;

use super::answer::Row;
use super::object::{RUNNING, Record};

/// The most request IDs a code's report shows.
pub const SAMPLES: usize = 3;

/// What is kept of one invocation with a request ID.
#[derive(Debug, Clone, Copy)]
struct Invocation {
    /// The last status code other than 202; `None` while it is unfinished.
    outcome: Option<u16>,
    /// The function, from the first of its lines that names one.
    function: Option<FunctionId>,
    /// When it was first seen: the report's sample request IDs are the earliest.
    first_seen: u64,
}

/// A function name, interned: invocations keep four bytes, not the name.
type FunctionId = u32;

/// The fold of every record read so far.
#[derive(Debug, Default)]
pub struct Counter {
    /// Keyed by the request ID, a NUL and the retry number: one string, looked up without an
    /// allocation through `key`.
    invocations: HashMap<Box<str>, Invocation>,
    key: String,
    functions: Vec<Box<str>>,
    function_ids: HashMap<Box<str>, FunctionId>,
    /// Records without a request ID: each is an invocation of its own, tallied at once.
    loose: HashMap<(Option<FunctionId>, Option<u16>), u64>,
    /// The `first_seen` of the next new invocation.
    next_order: u64,
    records: u64,
    skipped: u64,
    answer_rows: u64,
}

impl Counter {
    /// Counts one record.
    pub fn record(&mut self, record: &Record<'_>) {
        self.records += 1;
        let outcome = (record.status != RUNNING).then_some(record.status);
        let Some(request_id) = record.request_id.as_deref() else {
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
        let invocation = match self.invocations.get_mut(self.key.as_str()) {
            Some(invocation) => invocation,
            None => {
                let first_seen = self.next_order;
                self.next_order += 1;
                self.invocations
                    .entry(self.key.as_str().into())
                    .or_insert(Invocation {
                        outcome: None,
                        function: None,
                        first_seen,
                    })
            }
        };
        if outcome.is_some() {
            invocation.outcome = outcome;
        }
        // Only the first line that names a function is looked up.
        if invocation.function.is_some() {
            return;
        }
        if let Some(name) = record.function.as_deref() {
            let id = self.function_id(name);
            if let Some(invocation) = self.invocations.get_mut(self.key.as_str()) {
                invocation.function = Some(id);
            }
        }
    }

    /// Adds the counts of `later`, which counted the input that comes after this counter's: an
    /// outcome in `later` replaces the one here, as a later line does.
    pub fn merge(&mut self, later: Counter) {
        let functions: Vec<FunctionId> = later
            .functions
            .iter()
            .map(|name| self.function_id(name))
            .collect();
        let remap = |function: Option<FunctionId>| function.map(|id| functions[id as usize]);
        let offset = self.next_order;
        for (key, invocation) in later.invocations {
            let function = remap(invocation.function);
            let kept = self.invocations.entry(key).or_insert(Invocation {
                outcome: None,
                function: None,
                first_seen: offset + invocation.first_seen,
            });
            if invocation.outcome.is_some() {
                kept.outcome = invocation.outcome;
            }
            if kept.function.is_none() {
                kept.function = function;
            }
        }
        self.next_order += later.next_order;
        for ((function, outcome), count) in later.loose {
            *self.loose.entry((remap(function), outcome)).or_default() += count;
        }
        self.records += later.records;
        self.skipped += later.skipped;
        self.answer_rows += later.answer_rows;
    }

    /// Adds one row of an engine's answer: invocations already counted.
    pub fn answer(&mut self, row: &Row) {
        self.answer_rows += 1;
        let function = row.function.as_deref().map(|name| self.function_id(name));
        *self.loose.entry((function, row.code)).or_default() += row.invocations;
    }

    /// Counts one thing that is not a record with a status code.
    pub fn skip(&mut self) {
        self.skipped += 1;
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
        for (key, invocation) in &self.invocations {
            let request_id = key.rsplit_once('\0').map_or(&**key, |(id, _)| id);
            by_function.entry(invocation.function).or_default().add(
                invocation.outcome,
                1,
                Some((invocation.first_seen, request_id)),
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
    /// Per function, most invocations first.
    pub functions: Vec<FunctionSummary>,
}

/// Counts by outcome, with the earliest request IDs of each.
#[derive(Debug, Default)]
struct Tally {
    unfinished: u64,
    codes: HashMap<u16, (u64, Vec<(u64, String)>)>,
}

impl Tally {
    fn add(&mut self, outcome: Option<u16>, count: u64, sample: Option<(u64, &str)>) {
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
            .map(|(&code, (invocations, samples))| {
                let mut ids: Vec<String> = Vec::new();
                for (_, id) in samples {
                    if !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
                CodeCount {
                    code: Code::from_u16(code),
                    invocations: *invocations,
                    sample_request_ids: ids,
                }
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

/// Keeps the [`SAMPLES`] earliest request IDs, in the order they were first seen.
fn keep_earliest(samples: &mut Vec<(u64, String)>, first_seen: u64, request_id: &str) {
    if samples.len() == SAMPLES && samples.last().is_some_and(|last| last.0 <= first_seen) {
        return;
    }
    let at = samples.partition_point(|sample| sample.0 < first_seen);
    samples.insert(at, (first_seen, request_id.to_owned()));
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
            status,
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
}
