//! `scf-codes triage`: how every invocation ended, counted straight from SCF's logs in CLS.
//!
//! The stages, one module each: `source` opens the inputs, unpacks gzip and tar, and recognizes
//! each shape by its first bytes; one reader per shape (`lines` for JSON Lines, `document` for a
//! JSON document over several lines, `csv_rows` for CSV) hands on the same borrowed
//! [`Record`](object::Record), through `object` for JSON; `count` folds records into invocations;
//! `report` renders the table or the JSON; `bounded` caps what one value may take. Memory grows
//! with the invocations seen, not with the input.

pub mod answer;
pub mod bounded;
pub mod count;
pub mod csv_rows;
pub mod document;
pub mod lines;
pub mod object;
pub mod report;
pub mod source;
pub mod sql;

use std::path::PathBuf;

use crate::Failure;
use count::{Counter, Summary};

/// Reads every input in turn, as one log: an invocation may start in one file and end in the
/// next. No input, or `-`, is standard input. Fails when an input cannot be read, or when no
/// input holds a record.
pub fn summarize(inputs: &[PathBuf]) -> Result<Summary, Failure> {
    let mut counter = Counter::default();
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    for input in inputs {
        source::read_argument(input, &mut counter)?;
    }
    let summary = counter.summary();
    if summary.records == 0 && summary.answer_rows == 0 {
        return Err(Failure(format!(
            "no SCF log record in the input ({} lines skipped): expected SCF logs from CLS, \
             as JSON Lines or CSV with SCF_RequestId and SCF_StatusCode, a SearchLog API \
             response, a CLS trigger event or a JSON array of records, plain, gzip or tar",
            summary.skipped
        )));
    }
    Ok(summary)
}
