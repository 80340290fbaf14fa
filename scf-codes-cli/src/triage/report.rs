//! What triage prints: an aligned table with totals and the first step of each failing code's
//! solution, or JSON in the schema `scf-codes-cli/README.md` documents.

use scf_codes::Code;
use serde::Serialize;

use super::count::{CodeCount, Outcomes, Summary};
use crate::terminal::{columns, first_step, wrap, yes_no};

/// The name shown for invocations none of whose lines names a function.
const NO_FUNCTION: &str = "(no function name)";

/// The report as a table, its advice wrapped to `width`. With `by_function`, a table per
/// function comes first.
pub fn table(summary: &Summary, by_function: bool, width: usize) -> String {
    let mut out = String::new();
    if by_function {
        for function in &summary.functions {
            let name = function.function.as_deref().unwrap_or(NO_FUNCTION);
            out.push_str(&format!("{name}: {}\n", totals(&function.outcomes)));
            out.push_str(&code_table(&function.outcomes));
            out.push('\n');
        }
        out.push_str("All functions: ");
    } else {
        out.push_str(&code_table(&summary.outcomes));
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
        out.push_str("\nWhat to do first (scf-codes explain CODE says more):\n");
        for code in failing {
            let advice = format!("{code}: {}", first_step(code.solution()));
            out.push_str(&wrap(&advice, width, "  ", "      "));
        }
    }
    out
}

/// What was read: records, and the rows of engines' answers when there were any.
fn read(summary: &Summary) -> String {
    let records = format!(
        "{} records read, {} lines skipped",
        summary.records, summary.skipped
    );
    let answer = format!(
        "counted by the engine ({} rows of its answer read)",
        summary.answer_rows
    );
    match (summary.records, summary.answer_rows) {
        (_, 0) => records,
        (0, _) => answer,
        _ => format!("{records}; the rest {answer}"),
    }
}

fn totals(outcomes: &Outcomes) -> String {
    format!(
        "{} invocations, {} failed, {} unfinished",
        outcomes.invocations,
        outcomes.failed(),
        outcomes.unfinished
    )
}

fn code_table(outcomes: &Outcomes) -> String {
    let rows: Vec<Vec<String>> = outcomes
        .codes
        .iter()
        .map(|count| {
            vec![
                count.code.as_u16().to_string(),
                count.code.name().to_owned(),
                count.code.category().to_string(),
                yes_no(count.code.is_retryable()).to_owned(),
                count.invocations.to_string(),
                format!("{:.1}%", 100.0 * share(count, outcomes)),
            ]
        })
        .collect();
    columns(
        &["CODE", "NAME", "CATEGORY", "RETRY", "INVOCATIONS", "SHARE"],
        &rows,
    )
}

/// The code's invocations over all finished invocations.
fn share(count: &CodeCount, outcomes: &Outcomes) -> f64 {
    if outcomes.invocations == 0 {
        0.0
    } else {
        count.invocations as f64 / outcomes.invocations as f64
    }
}

/// The report as JSON: `functions` only with `by_function`.
pub fn json(summary: &Summary, by_function: bool) -> String {
    let report = JsonReport {
        invocations: summary.outcomes.invocations,
        failed: summary.outcomes.failed(),
        unfinished: summary.outcomes.unfinished,
        records: summary.records,
        skipped: summary.skipped,
        answer_rows: summary.answer_rows,
        codes: json_codes(&summary.outcomes),
        functions: by_function.then(|| {
            summary
                .functions
                .iter()
                .map(|function| JsonFunction {
                    function: function.function.as_deref(),
                    invocations: function.outcomes.invocations,
                    failed: function.outcomes.failed(),
                    unfinished: function.outcomes.unfinished,
                    codes: json_codes(&function.outcomes),
                })
                .collect()
        }),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
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
        })
        .collect()
}

fn is_zero(count: &u64) -> bool {
    *count == 0
}

#[derive(Serialize)]
struct JsonReport<'a> {
    invocations: u64,
    failed: u64,
    unfinished: u64,
    records: u64,
    skipped: u64,
    #[serde(skip_serializing_if = "is_zero")]
    answer_rows: u64,
    codes: Vec<JsonCode<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    functions: Option<Vec<JsonFunction<'a>>>,
}

#[derive(Serialize)]
struct JsonFunction<'a> {
    function: Option<&'a str>,
    invocations: u64,
    failed: u64,
    unfinished: u64,
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
}
