//! `scf-codes triage`: how every invocation ended, counted straight from SCF's logs in CLS.
//!
//! The stages, one module each, data flowing one way: `source` opens the inputs, unpacks gzip
//! and tar, normalizes the text and recognizes each shape by its first bytes; one reader per
//! shape (`lines` for JSON Lines, `values` for a stream of JSON values, `csv_rows` for CSV)
//! hands the same borrowed [`Record`](record::Record) to a [`Sink`](record::Sink), through
//! `object` for JSON; `count` is the sink that folds records into invocations; `report` renders
//! the table or the JSON. `answer` reads back what an engine computed with `sql`'s query.
//! `bounded` caps what one value may take. Memory grows with the
//! invocations seen, not with the input.

pub mod answer;
pub mod bounded;
pub mod count;
pub mod csv_rows;
pub mod html;
pub mod lines;
pub mod object;
pub mod options;
pub mod problem;
pub mod record;
pub mod report;
pub mod source;
pub mod sql;
pub mod summary;
pub mod timeline;
pub mod usage;
pub mod values;

use crate::Failure;
use crate::input::Opened;
use count::Counter;
use options::Selection;
use summary::Summary;

/// What triage found in its inputs.
#[derive(Debug)]
pub struct Triage {
    /// The counts of every record read, from every input that could be read, in full or in
    /// part.
    pub summary: Summary,
    /// One message per input that could not be read to its end, for standard error.
    pub errors: Vec<String>,
    /// What the counts may hide, for standard error.
    pub warnings: Vec<String>,
}

/// Reads every input in turn, as one log: an invocation may start in one file and end in the
/// next. The command opens the inputs (files, or standard input) and hands them over one at a
/// time, as `inputs` yields them; one that could not be opened is an error of its own, and the
/// others are still read. Reports the attempts that `selection` keeps. Fails when no input holds
/// a record, or when the selection does not fit the log.
pub fn summarize(
    inputs: impl IntoIterator<Item = Result<Opened, Failure>>,
    selection: &Selection,
) -> Result<Triage, Failure> {
    let mut counter = Counter::default();
    let mut errors = Vec::new();
    for input in inputs {
        let read = input.and_then(
            |Opened {
                 mut reader, name, ..
             }| { source::read_named(&name, &mut reader, &mut counter, 0) },
        );
        if let Err(Failure(message)) = read {
            errors.push(message);
        }
    }
    if counter.records() == 0 && counter.answer_rows() == 0 {
        if !errors.is_empty() && counter.skipped() == 0 {
            return Err(Failure(errors.join("\nerror: ")));
        }
        errors.push(format!(
            "no SCF log record in the input ({} lines skipped): expected SCF logs from CLS, \
             as JSON Lines or CSV with SCF_RequestId and SCF_StatusCode, a SearchLog API \
             response or tccli's output of it, a CLS trigger event, or JSON records in any \
             layout, plain, gzip or tar",
            counter.skipped()
        ));
        return Err(Failure(errors.join("\nerror: ")));
    }
    if counter.records() > 0 && counter.answer_rows() > 0 {
        errors.push(
            "the inputs hold both SCF logs and the answer of scf-codes triage --sql, whose \
             counts would be added to the logs': give triage the logs, or the engine's answer"
                .to_owned(),
        );
        return Err(Failure(errors.join("\nerror: ")));
    }
    let summary = counter.select(selection).map_err(Failure)?;
    let mut warnings = Vec::new();
    if summary.outcomes.invocations == 0 {
        // An empty report reads as "nothing failed": say why it is empty.
        let whole = counter.summary();
        if whole.outcomes.invocations > 0 {
            let functions: Vec<&str> = whole
                .functions
                .iter()
                .filter_map(|function| function.function.as_deref())
                .collect();
            warnings.push(format!(
                "no invocation is left of the {} in the input once --function, --since and \
                 --until are applied; its functions are: {}{}",
                whole.outcomes.invocations,
                functions.join(", "),
                whole
                    .timeline
                    .map(|timeline| format!("; it ends {}", timeline.describe()))
                    .unwrap_or_default()
            ));
        }
    }
    if summary.without_request_id > 0 {
        warnings.push(format!(
            "{} records have no SCF_RequestId: each was counted as an invocation of its own. \
             Logs in CLS's simplified format, or from a log topic that is not SCF's, lack it",
            summary.without_request_id
        ));
    }
    Ok(Triage {
        summary,
        errors,
        warnings,
    })
}
