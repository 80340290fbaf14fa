//! Folds the counted attempts into what triage reports: the attempts the [`Selection`] keeps,
//! by outcome, by function and by version, each code with its time line, first and last time
//! seen, durations and memory.

use hashbrown::HashMap;

use scf_codes::Code;

use crate::options::{Bounds, Every, Nanos, Selection};
use crate::request_id::RequestId;
use crate::timeline::Timeline;
use crate::usage::Usage;

/// The most request IDs a code's report shows.
pub const SAMPLES: usize = 3;

/// Where an attempt comes in the order of samples: its earliest time, then where it was first
/// seen (for attempts with no time).
pub type SampleOrder = (u64, u64);

/// One attempt, (`SCF_RequestId`, `SCF_RetryNum`), as the counter decided it; or records without
/// a request ID, which are each an attempt of their own.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Attempt<'a> {
    /// `SCF_RequestId`; `None` for records without one.
    pub request_id: Option<RequestId<'a>>,
    /// `SCF_FunctionName`.
    pub function: Option<&'a str>,
    /// `SCF_Qualifier`: `$LATEST`, a version number or an alias.
    pub version: Option<&'a str>,
    /// The outcome; `None` while unfinished.
    pub outcome: Option<u16>,
    /// When it ended: the time of its outcome line; for an unfinished one, of its latest line.
    pub end: Option<Nanos>,
    /// The time of its latest line.
    pub latest: Option<Nanos>,
    /// Sorts attempts earliest first, for the samples: its earliest time, then where it was
    /// first seen in the input (for attempts without a time).
    pub order: SampleOrder,
    /// `SCF_Duration` of its outcome, in ms.
    pub duration_ms: Option<f64>,
    /// `SCF_MemUsage` of its outcome, in MB.
    pub memory_mb: Option<f64>,
    /// How many attempts this stands for: records without a request ID are counted together.
    pub count: u64,
}

/// How a set of invocations ended.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcomes {
    /// Invocations with an outcome.
    pub invocations: u64,
    /// Invocations seen only with 202: still running, or cut off by the export's time window.
    pub unfinished: u64,
    /// Each outcome, most frequent first, then by number.
    pub codes: Vec<CodeCount>,
    /// When the earliest of them ended.
    pub first_seen: Option<Nanos>,
    /// When the latest of them ended.
    pub last_seen: Option<Nanos>,
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

    /// The invocations, and those that failed, that ended in each bucket of the time line.
    pub fn per_bucket(&self, buckets: usize) -> Vec<(u64, u64)> {
        let mut totals = vec![(0, 0); buckets];
        for count in &self.codes {
            for (total, &n) in totals.iter_mut().zip(&count.buckets) {
                total.0 += n;
                if !count.code.is_success() {
                    total.1 += n;
                }
            }
        }
        totals
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
    /// When the first of them ended.
    pub first_seen: Option<Nanos>,
    /// When the last of them ended.
    pub last_seen: Option<Nanos>,
    /// Their durations and memory.
    pub usage: Usage,
    /// How many ended in each bucket of the report's time line; empty without one.
    pub buckets: Vec<u64>,
}

/// The outcomes of one function's invocations.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionSummary {
    /// `SCF_FunctionName`; `None` for invocations none of whose lines names a function.
    pub function: Option<String>,
    /// How they ended.
    pub outcomes: Outcomes,
}

/// The outcomes of one version of a function.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionSummary {
    /// `SCF_FunctionName`.
    pub function: Option<String>,
    /// `SCF_Qualifier`; `None` for invocations none of whose lines names one.
    pub version: Option<String>,
    /// How they ended.
    pub outcomes: Outcomes,
}

/// What was read of the inputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Read {
    /// Records with a status code.
    pub records: u64,
    /// Lines, elements and rows that were not a record with a status code.
    pub skipped: u64,
    /// Rows of engines' answers: counts made by the engine that ran triage's SQL.
    pub answer_rows: u64,
    /// Records without a request ID, each counted as an invocation of its own.
    pub without_request_id: u64,
    /// The latest time of any line read; `None` when none has one.
    pub latest: Option<Nanos>,
}

/// Everything triage reports.
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// Per function and version, by function as in `functions`, then most invocations first.
    pub versions: Vec<VersionSummary>,
    /// The buckets of the time line; `None` when no attempt kept has a time.
    pub timeline: Option<Timeline>,
}

/// Folds the attempts that `attempts` yields (it is called up to three times, and must yield the
/// same each time) into a summary of those that `selection` keeps. Fails when the window cannot
/// be resolved, or the bucket asked for is too short for the log.
pub fn fold<'a, I>(
    attempts: impl Fn() -> I,
    selection: &Selection,
    read: Read,
) -> Result<Summary, String>
where
    I: Iterator<Item = Attempt<'a>>,
{
    let latest = attempts()
        .filter_map(|attempt| attempt.latest)
        .max()
        .max(read.latest);
    let bounds = selection.window.resolve(latest)?;
    let kept = || {
        attempts().filter(|attempt| {
            selection.keeps_function(attempt.function) && bounds.contains(attempt.end)
        })
    };
    let ends = kept()
        .filter(|attempt| attempt.outcome.is_some())
        .filter_map(|attempt| attempt.end);
    let span = span(ends);
    let timeline = span
        .map(|(first, last)| {
            let (first, last) = widen(first, last, &bounds);
            let every = selection
                .every
                .unwrap_or_else(|| Every::choose(first, last));
            Timeline::new(first, last, every)
        })
        .transpose()?;

    let mut versions: HashMap<(Option<&str>, Option<&str>), Tally> = HashMap::new();
    for attempt in kept() {
        versions
            .entry((attempt.function, attempt.version))
            .or_default()
            .add(&attempt, timeline.as_ref());
    }
    let mut functions: HashMap<Option<&str>, Tally> = HashMap::new();
    let mut all = Tally::default();
    for ((function, _), tally) in &versions {
        functions.entry(*function).or_default().merge(tally);
        all.merge(tally);
    }
    let mut functions: Vec<FunctionSummary> = functions
        .into_iter()
        .map(|(function, tally)| FunctionSummary {
            function: function.map(str::to_owned),
            outcomes: tally.into_outcomes(),
        })
        .collect();
    functions.sort_by(|a, b| {
        b.outcomes
            .invocations
            .cmp(&a.outcomes.invocations)
            .then_with(|| a.function.cmp(&b.function))
    });
    // Each function's place in `functions`, looked up once per version rather than searched for
    // on every comparison: the sort stays O(n log n) in the number of functions.
    let function_rank: HashMap<Option<&str>, usize> = functions
        .iter()
        .enumerate()
        .map(|(rank, summary)| (summary.function.as_deref(), rank))
        .collect();
    let mut versions: Vec<VersionSummary> = versions
        .into_iter()
        .map(|((function, version), tally)| VersionSummary {
            function: function.map(str::to_owned),
            version: version.map(str::to_owned),
            outcomes: tally.into_outcomes(),
        })
        .collect();
    let rank = |version: &VersionSummary| function_rank.get(&version.function.as_deref()).copied();
    versions.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| b.outcomes.invocations.cmp(&a.outcomes.invocations))
            .then_with(|| a.version.cmp(&b.version))
    });
    drop(function_rank);
    Ok(Summary {
        outcomes: all.into_outcomes(),
        records: read.records,
        skipped: read.skipped,
        answer_rows: read.answer_rows,
        without_request_id: read.without_request_id,
        functions,
        versions,
        timeline,
    })
}

/// The earliest and the latest of `times`; `None` when there is none.
pub fn span(times: impl Iterator<Item = Nanos>) -> Option<(Nanos, Nanos)> {
    times.fold(None, |span, time| {
        Some(span.map_or((time, time), |(first, last): (Nanos, Nanos)| {
            (first.min(time), last.max(time))
        }))
    })
}

/// The time line's span: the attempts' ends, widened to the window's ends where they are given,
/// so that a quiet start or end of the window shows as empty buckets.
fn widen(first: Nanos, last: Nanos, bounds: &Bounds) -> (Nanos, Nanos) {
    (
        bounds.since.map_or(first, |since| since.min(first)),
        bounds.until.map_or(last, |until| (until - 1).max(last)),
    )
}

/// The attempts of one code in one group.
#[derive(Debug, Default)]
struct CodeTally {
    invocations: u64,
    samples: Vec<(SampleOrder, String)>,
    first_seen: Option<Nanos>,
    last_seen: Option<Nanos>,
    usage: Usage,
    buckets: Vec<u64>,
}

/// Counts by outcome of one group.
#[derive(Debug, Default)]
struct Tally {
    unfinished: u64,
    codes: Codes,
}

/// How many codes a group's [`Codes`] searches in turn before it keeps an index of them.
const SEARCHED: usize = 8;

/// The tallies of one group's codes. Most groups see one to three codes, and a report may have
/// hundreds of thousands of groups (a version of each of 50,000 functions): a short list,
/// searched in turn, takes a fifth of a hash map's room, and an index is kept only for a group
/// with more than [`SEARCHED`] codes.
#[derive(Debug, Default)]
struct Codes {
    tallies: Vec<(u16, Box<CodeTally>)>,
    /// Where each code is in `tallies`; empty while there are at most [`SEARCHED`] of them.
    index: HashMap<u16, usize>,
}

impl Codes {
    /// The tally of `code`, new if the group has none yet.
    fn entry(&mut self, code: u16) -> &mut CodeTally {
        let found = if self.index.is_empty() {
            self.tallies.iter().position(|(kept, _)| *kept == code)
        } else {
            self.index.get(&code).copied()
        };
        let at = found.unwrap_or_else(|| {
            self.tallies.push((code, Box::default()));
            let at = self.tallies.len() - 1;
            if self.tallies.len() > SEARCHED {
                if self.index.is_empty() {
                    self.index = (self.tallies.iter().enumerate())
                        .map(|(at, (code, _))| (*code, at))
                        .collect();
                } else {
                    self.index.insert(code, at);
                }
            }
            at
        });
        &mut self.tallies[at].1
    }
}

impl Tally {
    fn add(&mut self, attempt: &Attempt<'_>, timeline: Option<&Timeline>) {
        let Some(code) = attempt.outcome else {
            self.unfinished += attempt.count;
            return;
        };
        let tally = self.codes.entry(code);
        tally.invocations += attempt.count;
        if let Some(request_id) = attempt.request_id {
            keep_earliest(&mut tally.samples, attempt.order, request_id);
        }
        if let Some(end) = attempt.end {
            tally.first_seen = Some(tally.first_seen.map_or(end, |first| first.min(end)));
            tally.last_seen = Some(tally.last_seen.map_or(end, |last| last.max(end)));
            if let Some(index) = timeline.and_then(|timeline| timeline.index(end)) {
                if tally.buckets.is_empty() {
                    tally.buckets = vec![0; timeline.map_or(0, |timeline| timeline.buckets)];
                }
                tally.buckets[index] += attempt.count;
            }
        }
        // Each of the attempts counts; only records without a request ID are counted together
        // with a measure, and only when they are alike in every key triage reads.
        if attempt.duration_ms.is_some() || attempt.memory_mb.is_some() {
            for _ in 0..attempt.count {
                tally.usage.add(attempt.duration_ms, attempt.memory_mb);
            }
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.unfinished += other.unfinished;
        for (code, theirs) in &other.codes.tallies {
            let ours = self.codes.entry(*code);
            ours.invocations += theirs.invocations;
            for (order, request_id) in &theirs.samples {
                keep_earliest(&mut ours.samples, *order, RequestId::Text(request_id));
            }
            ours.first_seen = earliest(ours.first_seen, theirs.first_seen);
            ours.last_seen = latest(ours.last_seen, theirs.last_seen);
            ours.usage.merge(&theirs.usage);
            if ours.buckets.is_empty() {
                ours.buckets = theirs.buckets.clone();
            } else {
                for (ours, theirs) in ours.buckets.iter_mut().zip(&theirs.buckets) {
                    *ours += theirs;
                }
            }
        }
    }

    fn into_outcomes(self) -> Outcomes {
        let mut codes: Vec<CodeCount> = (self.codes.tallies.into_iter())
            .map(|(code, tally)| {
                let CodeTally {
                    invocations,
                    samples,
                    first_seen,
                    last_seen,
                    usage,
                    buckets,
                } = *tally;
                CodeCount {
                    code: Code::from_u16(code),
                    invocations,
                    sample_request_ids: samples.into_iter().map(|(_, id)| id).collect(),
                    first_seen,
                    last_seen,
                    usage,
                    buckets,
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
            first_seen: codes.iter().filter_map(|count| count.first_seen).min(),
            last_seen: codes.iter().filter_map(|count| count.last_seen).max(),
            codes,
        }
    }
}

fn earliest(a: Option<Nanos>, b: Option<Nanos>) -> Option<Nanos> {
    a.into_iter().chain(b).min()
}

fn latest(a: Option<Nanos>, b: Option<Nanos>) -> Option<Nanos> {
    a.into_iter().chain(b).max()
}

/// Keeps the [`SAMPLES`] earliest distinct request IDs, earliest first: a request ID seen
/// again (another attempt of it) keeps its earliest place, and ties go to the smaller ID.
fn keep_earliest(
    samples: &mut Vec<(SampleOrder, String)>,
    order: SampleOrder,
    request_id: RequestId<'_>,
) {
    // Most attempts come after every sample kept: nothing to compare by text.
    if samples.len() == SAMPLES && samples.last().is_some_and(|last| last.0 < order) {
        return;
    }
    let later = |kept: &(SampleOrder, String)| {
        kept.0
            .cmp(&order)
            .then_with(|| request_id.cmp_text(&kept.1).reverse())
            .is_gt()
    };
    if let Some(at) = samples
        .iter()
        .position(|kept| request_id.cmp_text(&kept.1).is_eq())
    {
        if !later(&samples[at]) {
            return;
        }
        samples.remove(at);
    } else if samples.len() == SAMPLES && samples.last().is_some_and(|last| !later(last)) {
        return;
    }
    let at = samples.partition_point(|kept| !later(kept));
    samples.insert(at, (order, request_id.to_string()));
    samples.truncate(SAMPLES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{Grouping, Window, at};

    fn attempt<'a>(
        id: &'a str,
        function: &'a str,
        version: &'a str,
        outcome: u16,
        end: &str,
        duration: f64,
    ) -> Attempt<'a> {
        Attempt {
            request_id: Some(RequestId::Text(id)),
            function: Some(function),
            version: Some(version),
            outcome: Some(outcome),
            end: Some(at(end)),
            latest: Some(at(end)),
            order: (at(end) as u64, 0),
            duration_ms: Some(duration),
            memory_mb: Some(duration / 100.0),
            count: 1,
        }
    }

    /// A group's codes are found the same whether it has few (searched in turn) or many
    /// (indexed), however they come, and merged groups count each code once.
    #[test]
    fn a_group_finds_each_code_among_few_or_many() {
        for distinct in [1, SEARCHED - 1, SEARCHED, SEARCHED + 1, 3 * SEARCHED, 300] {
            let mut tally = Tally::default();
            let mut half = Tally::default();
            let mut want = std::collections::BTreeMap::new();
            for step in 0..4 * distinct as u64 {
                // Codes in a scrambled order, each several times.
                let code = ((step * 7_919) % distinct as u64) as u16 * 3 + 100;
                let attempt = Attempt {
                    outcome: Some(code),
                    ..attempt("x", "f", "1", code, "2026-11-27T10:00:00Z", 5.0)
                };
                tally.add(&attempt, None);
                if step % 2 == 0 {
                    half.add(&attempt, None);
                }
                *want.entry(code).or_insert(0u64) += 1;
            }
            let counts = |tally: Tally| {
                let outcomes = tally.into_outcomes();
                (outcomes.codes.iter())
                    .map(|count| (count.code.as_u16(), count.invocations))
                    .collect::<std::collections::BTreeMap<_, _>>()
            };
            let mut merged = Tally::default();
            merged.merge(&half);
            merged.merge(&tally);
            let mut twice = want.clone();
            for step in (0..4 * distinct as u64).step_by(2) {
                let code = ((step * 7_919) % distinct as u64) as u16 * 3 + 100;
                *twice.get_mut(&code).unwrap() += 1;
            }
            assert_eq!(counts(tally), want, "{distinct} codes");
            assert_eq!(counts(merged), twice, "{distinct} codes, merged");
        }
    }

    fn incident() -> Vec<Attempt<'static>> {
        vec![
            attempt("a", "orders", "12", 200, "2026-11-27T10:00:00Z", 100.0),
            attempt("b", "orders", "12", 200, "2026-11-27T10:10:00Z", 120.0),
            attempt("c", "orders", "13", 433, "2026-11-27T10:31:00Z", 2_990.0),
            attempt("d", "orders", "13", 433, "2026-11-27T10:40:00Z", 3_000.0),
            attempt("e", "billing", "$LATEST", 200, "2026-11-27T10:45:00Z", 50.0),
            Attempt {
                outcome: None,
                ..attempt("f", "orders", "13", 0, "2026-11-27T10:59:00Z", 0.0)
            },
        ]
    }

    fn summary(attempts: &[Attempt<'static>], selection: &Selection) -> Summary {
        fold(|| attempts.iter().copied(), selection, Read::default()).unwrap()
    }

    fn code(outcomes: &Outcomes, number: u16) -> &CodeCount {
        outcomes
            .codes
            .iter()
            .find(|count| count.code.as_u16() == number)
            .unwrap()
    }

    #[test]
    fn each_code_knows_when_it_was_first_and_last_seen_and_how_long_it_ran() {
        let summary = summary(&incident(), &Selection::default());
        let timed_out = code(&summary.outcomes, 433);
        assert_eq!(timed_out.first_seen, Some(at("2026-11-27T10:31:00Z")));
        assert_eq!(timed_out.last_seen, Some(at("2026-11-27T10:40:00Z")));
        let durations = timed_out.usage.durations().unwrap();
        assert!(
            (2_960.0..=3_000.0).contains(&durations.p50),
            "{durations:?}"
        );
        assert_eq!(durations.max, 3_000.0);
        assert_eq!(timed_out.usage.memory_mb(), Some(30.0));
        assert_eq!(summary.outcomes.unfinished, 1);
        assert_eq!(
            summary.outcomes.first_seen,
            Some(at("2026-11-27T10:00:00Z"))
        );
    }

    #[test]
    fn the_time_line_puts_each_outcome_in_its_bucket() {
        let summary = summary(&incident(), &Selection::default());
        let timeline = summary.timeline.unwrap();
        // 10:00 to 10:45 is 46 minutes: one-minute buckets.
        assert_eq!(timeline.every.seconds(), 60);
        assert_eq!(timeline.start, at("2026-11-27T10:00:00Z"));
        assert_eq!(timeline.buckets, 46);
        let timed_out = code(&summary.outcomes, 433);
        assert_eq!(timed_out.buckets[31], 1);
        assert_eq!(timed_out.buckets[40], 1);
        assert_eq!(timed_out.buckets.iter().sum::<u64>(), 2);
        let totals = summary.outcomes.per_bucket(timeline.buckets);
        assert_eq!(totals[31], (1, 1));
        assert_eq!(totals[0], (1, 0));
    }

    #[test]
    fn versions_are_grouped_by_function_and_qualifier() {
        let selection = Selection {
            grouping: Grouping {
                function: true,
                version: true,
            },
            ..Selection::default()
        };
        let summary = summary(&incident(), &selection);
        type Row<'a> = (Option<&'a str>, Option<&'a str>, u64, u64, u64);
        let versions: Vec<Row<'_>> = summary
            .versions
            .iter()
            .map(|v| {
                (
                    v.function.as_deref(),
                    v.version.as_deref(),
                    v.outcomes.invocations,
                    v.outcomes.failed(),
                    v.outcomes.unfinished,
                )
            })
            .collect();
        assert_eq!(
            versions,
            [
                (Some("orders"), Some("12"), 2, 0, 0),
                (Some("orders"), Some("13"), 2, 2, 1),
                (Some("billing"), Some("$LATEST"), 1, 0, 0),
            ]
        );
        assert_eq!(
            summary.versions[1].outcomes.first_seen,
            Some(at("2026-11-27T10:31:00Z"))
        );
    }

    #[test]
    fn the_window_and_the_functions_keep_only_their_attempts() {
        let selection = Selection {
            window: Window {
                since: Some("30m".parse().unwrap()),
                until: Some("2026-11-27T10:45:00Z".parse().unwrap()),
            },
            functions: vec!["orders".into()],
            every: Some("5m".parse().unwrap()),
            ..Selection::default()
        };
        let summary = summary(&incident(), &selection);
        // The latest line is at 10:59: the window is 10:29 to 10:45.
        assert_eq!(summary.outcomes.invocations, 2);
        assert_eq!(code(&summary.outcomes, 433).invocations, 2);
        let timeline = summary.timeline.unwrap();
        assert_eq!(timeline.start, at("2026-11-27T10:25:00Z"));
        assert_eq!(timeline.end(), at("2026-11-27T10:45:00Z"));
        assert_eq!(summary.functions.len(), 1);
    }

    #[test]
    fn without_times_there_is_no_time_line() {
        let attempts: Vec<Attempt<'static>> = incident()
            .into_iter()
            .map(|attempt| Attempt {
                end: None,
                latest: None,
                ..attempt
            })
            .collect();
        let summary = summary(&attempts, &Selection::default());
        assert_eq!(summary.timeline, None);
        assert_eq!(summary.outcomes.invocations, 5);
        assert_eq!(code(&summary.outcomes, 433).first_seen, None);
        let selection = Selection {
            window: Window {
                since: Some("30m".parse().unwrap()),
                until: None,
            },
            ..Selection::default()
        };
        let error = fold(|| attempts.iter().copied(), &selection, Read::default()).unwrap_err();
        assert!(error.contains("no line has a time"), "{error}");
    }

    #[test]
    fn samples_are_the_earliest_distinct_request_ids() {
        let mut samples = Vec::new();
        for (time, id) in [(5, "e"), (4, "d"), (9, "d"), (3, "c"), (1, "c"), (2, "b")] {
            keep_earliest(&mut samples, (time, 0), RequestId::Text(id));
        }
        let ids: Vec<&str> = samples.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(ids, ["c", "b", "d"]);
    }
}
