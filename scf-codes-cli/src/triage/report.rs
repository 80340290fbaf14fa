//! What triage prints: an aligned table with totals, a sparkline of each code over time, the 95th
//! percentile of its durations and the first step of each failing code's solution, or JSON in
//! the schema `scf-codes-cli/README.md` documents.

use scf_codes::Code;
use serde::Serialize;

use crate::terminal::{Cell, code_cells, columns, first_step, wrap};
use scf_codes_triage::options::{Grouping, Nanos, rfc3339};
use scf_codes_triage::summary::{CodeCount, Outcomes, Summary};
use scf_codes_triage::timeline::{buckets_per_mark, sparkline};

/// The name shown for invocations none of whose lines names a function.
pub const NO_FUNCTION: &str = "(no function name)";

/// The name shown for invocations none of whose lines names a version.
pub const NO_VERSION: &str = "(no version)";

/// The fewest marks a sparkline gets, however narrow the terminal.
const MIN_MARKS: usize = 12;

/// The report as a table, its advice in `lang` wrapped to `width`, its rows (with their
/// sparklines) at most `line_width` wide where they can be. A table per function, and per
/// function and version, comes first when `grouping` asks for them.
pub fn table(
    summary: &Summary,
    grouping: Grouping,
    lang: scf_codes::Lang,
    width: usize,
    line_width: usize,
) -> String {
    let mut out = String::new();
    let buckets = summary.timeline.map_or(0, |timeline| timeline.buckets);
    // One width of sparkline for every table, so that their marks line up.
    let marks = sparkline_marks(summary, line_width);
    if let Some(timeline) = summary.timeline {
        let per_mark = buckets_per_mark(buckets, marks);
        out.push_str(&format!("Ended {}", timeline.describe()));
        if per_mark > 1 {
            out.push_str(&format!(", {per_mark} a mark"));
        }
        out.push_str("\n\n");
    }
    if grouping.function {
        for function in &summary.functions {
            let name = printable(function.function.as_deref().unwrap_or(NO_FUNCTION));
            out.push_str(&format!("{name}: {}\n", totals(&function.outcomes)));
            out.push_str(&code_table(&function.outcomes, marks));
            out.push('\n');
        }
    }
    if grouping.version {
        for version in &summary.versions {
            out.push_str(&format!(
                "{} {}: {}\n",
                printable(version.function.as_deref().unwrap_or(NO_FUNCTION)),
                printable(version.version.as_deref().unwrap_or(NO_VERSION)),
                totals(&version.outcomes)
            ));
            out.push_str(&code_table(&version.outcomes, marks));
            out.push('\n');
        }
    }
    if grouping.function || grouping.version {
        out.push_str("All functions: ");
    } else {
        out.push_str(&code_table(&summary.outcomes, marks));
    }
    out.push_str(&format!(
        "{}; {}\n",
        totals(&summary.outcomes),
        read(summary)
    ));
    let failing: Vec<Code> = summary
        .outcomes
        .codes
        .iter()
        .map(|count| count.code)
        .filter(|code| !code.is_success())
        .collect();
    if !failing.is_empty() {
        out.push('\n');
        out.push_str(crate::lang::words(lang).what_to_do_first);
        out.push('\n');
        for code in failing {
            let advice = format!("{code}: {}", first_step(code.solution_in(lang)));
            out.push_str(&wrap(&advice, width, "  ", "      "));
        }
    }
    out
}

/// The characters that set the direction of the text around them (Unicode's bidirectional
/// controls): `1\u{202e}23` displays as "132".
const BIDI_CONTROLS: [char; 12] = [
    '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// `text` with every control character but the line end, and every bidirectional control,
/// written as an escape (`\u{1b}`, `\u{202e}`), so that a function name or request ID from a
/// log cannot move the cursor, clear or recolour the terminal it is printed on, nor reorder
/// what it shows. Every text from the log goes through it before it joins the report, whose own
/// styles are escape sequences too.
fn printable(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n') || BIDI_CONTROLS.contains(&c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// What was read: records, and the rows of engines' answers when there were any.
fn read(summary: &Summary) -> String {
    let records = format!(
        "{} read, {} skipped",
        counted(summary.records, "record", "records"),
        counted(summary.skipped, "line", "lines")
    );
    let answer = format!(
        "counted by the engine ({} of its answer read)",
        counted(summary.answer_rows, "row", "rows")
    );
    match (summary.records, summary.answer_rows) {
        (_, 0) => records,
        (0, _) => answer,
        _ => format!("{records}; the rest {answer}"),
    }
}

/// `count` with its noun, singular for one: `1 line`, `2 lines`, `0 lines`.
fn counted(count: impl Into<u64>, one: &str, many: &str) -> String {
    let count = count.into();
    format!("{count} {}", if count == 1 { one } else { many })
}

/// How many marks a sparkline gets: as many as there are buckets when the widest table fits
/// `width` with them, else what is left of the width, but at least [`MIN_MARKS`].
fn sparkline_marks(summary: &Summary, width: usize) -> usize {
    let buckets = summary.timeline.map_or(0, |timeline| timeline.buckets);
    if buckets == 0 {
        return 0;
    }
    let widest = std::iter::once(&summary.outcomes)
        .chain(summary.functions.iter().map(|function| &function.outcomes))
        .chain(summary.versions.iter().map(|version| &version.outcomes))
        .map(|outcomes| {
            let table = columns(&HEADER, &rows(outcomes));
            anstream::adapter::strip_str(&table)
                .to_string()
                .lines()
                .map(|line| line.chars().count())
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
    buckets.min(width.saturating_sub(widest + 2).max(MIN_MARKS))
}

fn totals(outcomes: &Outcomes) -> String {
    format!(
        "{}, {} failed, {} unfinished",
        counted(outcomes.invocations, "invocation", "invocations"),
        outcomes.failed(),
        outcomes.unfinished
    )
}

const HEADER: [&str; 7] = [
    "CODE",
    "NAME",
    "CATEGORY",
    "RETRY",
    "INVOCATIONS",
    "SHARE",
    "P95 MS",
];

fn rows(outcomes: &Outcomes) -> Vec<Vec<Cell>> {
    outcomes
        .codes
        .iter()
        .map(|count| {
            let mut row = code_cells(count.code, scf_codes::Lang::En);
            row.extend([
                count.invocations.to_string().into(),
                format!("{:.1}%", 100.0 * share(count, outcomes)).into(),
                count
                    .usage
                    .durations()
                    .map_or("-".to_owned(), |durations| format!("{}", durations.p95))
                    .into(),
            ]);
            row
        })
        .collect()
}

/// The table of codes; with `marks`, each row ends with its sparkline.
fn code_table(outcomes: &Outcomes, marks: usize) -> String {
    let mut rows = rows(outcomes);
    let mut header = HEADER.to_vec();
    if marks > 0 {
        header.push("OVER TIME");
        for (row, count) in rows.iter_mut().zip(&outcomes.codes) {
            row.push(sparkline(&count.buckets, marks).into());
        }
    }
    columns(&header, &rows)
}

/// The code's invocations over all finished invocations.
fn share(count: &CodeCount, outcomes: &Outcomes) -> f64 {
    if outcomes.invocations == 0 {
        0.0
    } else {
        count.invocations as f64 / outcomes.invocations as f64
    }
}

/// Writes the report as JSON to `out`: `functions` and `versions` only when `grouping` asks for
/// them. The functions and versions are written as they are made, never held whole: a report of
/// 100,000 versions takes no more memory than the summary it comes from.
pub fn write_json(
    summary: &Summary,
    grouping: Grouping,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let report = JsonReport {
        invocations: summary.outcomes.invocations,
        failed: summary.outcomes.failed(),
        unfinished: summary.outcomes.unfinished,
        records: summary.records,
        skipped: summary.skipped,
        answer_rows: summary.answer_rows,
        codes: json_codes(&summary.outcomes),
        timeline: json_timeline(summary),
        functions: grouping.function.then_some(Lazy(|| {
            summary.functions.iter().map(|function| JsonFunction {
                function: function.function.as_deref(),
                invocations: function.outcomes.invocations,
                failed: function.outcomes.failed(),
                unfinished: function.outcomes.unfinished,
                first_seen: time(function.outcomes.first_seen),
                last_seen: time(function.outcomes.last_seen),
                codes: json_codes(&function.outcomes),
            })
        })),
        versions: grouping.version.then_some(Lazy(|| {
            summary.versions.iter().map(|version| JsonVersion {
                function: version.function.as_deref(),
                version: version.version.as_deref(),
                invocations: version.outcomes.invocations,
                failed: version.outcomes.failed(),
                unfinished: version.outcomes.unfinished,
                first_seen: time(version.outcomes.first_seen),
                last_seen: time(version.outcomes.last_seen),
                codes: json_codes(&version.outcomes),
            })
        })),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::from)?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}

/// A sequence serialized as its items are made, from the iterator its closure gives.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

fn time(nanos: Option<Nanos>) -> Option<String> {
    nanos.map(rfc3339)
}

fn json_timeline(summary: &Summary) -> Option<JsonTimeline> {
    let timeline = summary.timeline?;
    let totals = summary.outcomes.per_bucket(timeline.buckets);
    let buckets = totals
        .iter()
        .enumerate()
        .map(|(index, &(invocations, failed))| JsonBucket {
            start: rfc3339(timeline.bucket_start(index)),
            invocations,
            failed,
            codes: summary
                .outcomes
                .codes
                .iter()
                .filter_map(|count| {
                    let invocations = count.buckets.get(index).copied().unwrap_or(0);
                    (invocations > 0).then_some(JsonBucketCode {
                        code: count.code.as_u16(),
                        invocations,
                    })
                })
                .collect(),
        })
        .collect();
    Some(JsonTimeline {
        start: rfc3339(timeline.start),
        end: rfc3339(timeline.end()),
        bucket_seconds: timeline.every.seconds(),
        buckets,
    })
}

fn json_codes(outcomes: &Outcomes) -> Vec<JsonCode<'_>> {
    outcomes
        .codes
        .iter()
        .map(|count| JsonCode {
            code: count.code.as_u16(),
            name: count.code.name(),
            message: count.code.message(),
            category: count.code.category().as_str(),
            retryable: count.code.is_retryable(),
            known: count.code.is_known(),
            invocations: count.invocations,
            share: share(count, outcomes),
            sample_request_ids: &count.sample_request_ids,
            first_seen: time(count.first_seen),
            last_seen: time(count.last_seen),
            duration_ms: count.usage.durations().map(|durations| JsonDurations {
                p50: durations.p50,
                p95: durations.p95,
                max: durations.max,
            }),
            memory_mb: count.usage.memory_mb().map(|max| JsonMemory { max }),
        })
        .collect()
}

fn is_zero(count: &u64) -> bool {
    *count == 0
}

#[derive(Serialize)]
struct JsonReport<'a, F, V> {
    invocations: u64,
    failed: u64,
    unfinished: u64,
    records: u64,
    skipped: u64,
    #[serde(skip_serializing_if = "is_zero")]
    answer_rows: u64,
    codes: Vec<JsonCode<'a>>,
    timeline: Option<JsonTimeline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    functions: Option<F>,
    #[serde(skip_serializing_if = "Option::is_none")]
    versions: Option<V>,
}

#[derive(Serialize)]
struct JsonTimeline {
    start: String,
    end: String,
    bucket_seconds: u64,
    buckets: Vec<JsonBucket>,
}

#[derive(Serialize)]
struct JsonBucket {
    start: String,
    invocations: u64,
    failed: u64,
    codes: Vec<JsonBucketCode>,
}

#[derive(Serialize)]
struct JsonBucketCode {
    code: u16,
    invocations: u64,
}

#[derive(Serialize)]
struct JsonFunction<'a> {
    function: Option<&'a str>,
    invocations: u64,
    failed: u64,
    unfinished: u64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    codes: Vec<JsonCode<'a>>,
}

#[derive(Serialize)]
struct JsonVersion<'a> {
    function: Option<&'a str>,
    version: Option<&'a str>,
    invocations: u64,
    failed: u64,
    unfinished: u64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    codes: Vec<JsonCode<'a>>,
}

#[derive(Serialize)]
struct JsonCode<'a> {
    code: u16,
    name: &'static str,
    message: &'static str,
    category: &'static str,
    retryable: bool,
    known: bool,
    invocations: u64,
    share: f64,
    sample_request_ids: &'a [String],
    first_seen: Option<String>,
    last_seen: Option<String>,
    duration_ms: Option<JsonDurations>,
    memory_mb: Option<JsonMemory>,
}

#[derive(Serialize)]
struct JsonDurations {
    p50: f64,
    p95: f64,
    max: f64,
}

#[derive(Serialize)]
struct JsonMemory {
    max: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_a_log_are_shown_as_escapes() {
        assert_eq!(
            printable("evil\u{1b}[2J\u{7}fn: 1 ▁▂\n"),
            "evil\\u{1b}[2J\\u{7}fn: 1 ▁▂\n"
        );
    }

    #[test]
    fn bidirectional_controls_from_a_log_are_shown_as_escapes() {
        assert_eq!(printable("1\u{202e}23"), "1\\u{202e}23");
        assert_eq!(printable("a\u{2067}b\u{2069}"), "a\\u{2067}b\\u{2069}");
    }
}
