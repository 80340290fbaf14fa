//! SCF's logs from CLS, read and counted: how every invocation ended, when, in which function
//! and version, and how long it ran. The reading and counting of the `scf-codes triage`
//! command, as a library, for a tool or a Rust SCF function that reads its own logs.
//!
//! It reads what CLS and its users write: JSON in any layout (JSON Lines, pretty, arrays,
//! SearchLog pages and tccli's output of them), the event of a CLS trigger (`{"clslogs":
//! {"data": "<base64 of gzip>"}}`, as a function receives it, and its decoded form), CSV as CLS
//! exports it or ships it to COS; plain, gzip, tar or zip, recognized by their first bytes. It
//! streams: memory grows with the invocations seen, not with the input.
//!
//! Feed [`Logs`] the inputs, one reader each, and get the [`Summary`] of what it counted. An
//! invocation is one attempt, (`SCF_RequestId`, `SCF_RetryNum`), and its outcome the status code
//! other than 202 of its latest line by time, so the inputs may come in any order. An input that
//! cannot be read in full is an [`Error`] that names it, and the records before the problem
//! still count: when no input failed, every count is exact.
//!
//! ```
//! use scf_codes_triage::Logs;
//! use scf_codes_triage::options::Selection;
//!
//! // What a function behind a CLS trigger receives, once decoded; or any export of CLS.
//! let event = r#"{"records": [
//!     {"timestamp": "1653523172000000", "content": "{\"SCF_RequestId\":\"r-a\",\"SCF_StatusCode\":\"202\",\"SCF_FunctionName\":\"order-sync\"}"},
//!     {"timestamp": "1653523175000000", "content": "{\"SCF_RequestId\":\"r-a\",\"SCF_StatusCode\":\"433\",\"SCF_Duration\":\"3000\"}"}
//! ]}"#;
//! let mut logs = Logs::default();
//! logs.read("event", &mut event.as_bytes())?;
//! let triage = logs.finish(&Selection::default())?;
//! let outcomes = &triage.summary.outcomes;
//! assert_eq!(outcomes.invocations, 1);
//! assert_eq!(outcomes.codes[0].code.as_u16(), 433);
//! assert!(triage.errors.is_empty());
//! # Ok::<(), scf_codes_triage::Error>(())
//! ```
//!
//! The stages, one module each, data flowing one way: [`source`] opens the inputs, unpacks
//! gzip, tar and zip, normalizes the text ([`byte_order`]) and recognizes each shape by its
//! first bytes; one reader per shape ([`lines`] for JSON Lines, [`values`] for a stream of JSON
//! values, [`csv_rows`] for CSV) hands the same borrowed [`Record`] to a
//! [`Sink`](record::Sink), through [`object`] for JSON; [`count`] is the sink that folds records
//! into invocations, and [`summary`] folds those into what a report shows, by [`options`].
//! [`answer`] reads back what an engine computed with the command's SQL. [`bounded`] caps what
//! one value may take.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod answer;
pub mod bounded;
pub mod byte_order;
pub mod count;
pub mod csv_rows;
pub mod error;
pub mod flat;
pub mod lines;
pub mod object;
pub mod options;
pub mod problem;
pub mod record;
pub mod request_id;
pub mod source;
pub mod summary;
pub mod timeline;
pub mod usage;
pub mod value;
pub mod values;

use std::io::Read;
use std::path::{Path, PathBuf};

use count::Counter;
use csv_rows::Layout;
use options::{Every, Length, Nanos, Selection};
use record::{Record, Sink as _};
use summary::Summary;

pub use error::Error;

/// What the logs hold.
#[derive(Debug)]
pub struct Triage {
    /// The counts of every record read, from every input that could be read, in full or in
    /// part.
    pub summary: Summary,
    /// One message per input that could not be read to its end: when there is none, every
    /// count is exact.
    pub errors: Vec<String>,
    /// What the counts may hide.
    pub warnings: Vec<String>,
}

/// SCF logs, read input by input and counted as one log: an invocation may start in one input
/// and end in the next.
#[derive(Debug, Default)]
pub struct Logs {
    counter: Counter,
    layout: Layout,
    errors: Vec<String>,
}

impl Logs {
    /// Logs whose CSV inputs are laid out as `layout` says where their first line does not.
    pub fn with_layout(layout: Layout) -> Logs {
        Logs {
            layout,
            ..Logs::default()
        }
    }

    /// Reads one input, named `name` in messages, in any of the shapes this crate reads. An
    /// input that cannot be read in full, or holds no record, is an error that names it; the
    /// records before the problem still count, and [`finish`](Logs::finish) lists it too.
    pub fn read(&mut self, name: &str, reader: &mut dyn Read) -> Result<(), Error> {
        let read = source::read_named(name, reader, &mut self.counter, &self.layout, 0);
        self.keep(read)
    }

    /// Reads the file at `path`, or standard input for `-`, as [`read`](Logs::read) does. A zip
    /// file is read through its directory, in place.
    pub fn read_path(&mut self, path: &Path) -> Result<(), Error> {
        let read = source::read_argument(path, &mut self.counter, &self.layout);
        self.keep(read)
    }

    /// Reads an input already opened, named `name` in messages, as [`read`](Logs::read) does;
    /// a zip file is read in place, through its directory, when `file` can seek back to its
    /// start, as [`read_path`](Logs::read_path) reads one. For a command that opens its inputs
    /// itself, to count their bytes as they are read, say.
    pub fn read_file(&mut self, name: &str, file: impl Read + std::io::Seek) -> Result<(), Error> {
        let read = source::read_file(name, file, &mut self.counter, &self.layout);
        self.keep(read)
    }

    /// Keeps the error of an input that could not even be opened, named in `message`, as
    /// [`read`](Logs::read) keeps one that could not be read in full; returns it.
    pub fn unreadable(&mut self, message: impl Into<String>) -> Error {
        let error = Error(message.into());
        self.errors.push(error.0.clone());
        error
    }

    /// Counts one record, read elsewhere.
    pub fn record(&mut self, record: &Record<'_>) {
        self.counter.record(record);
    }

    fn keep(&mut self, read: Result<(), Error>) -> Result<(), Error> {
        if let Err(error) = &read {
            self.errors.push(error.0.clone());
        }
        read
    }

    /// The counts of the attempts that `selection` keeps. Fails when no input held a record,
    /// when logs and an engine's answer are mixed, or when the selection does not fit the log.
    pub fn finish(self, selection: &Selection) -> Result<Triage, Error> {
        let mut errors = self.errors;
        if self.counter.records() == 0 && self.counter.answer_rows() == 0 {
            // Each input without a record is named already.
            if !errors.is_empty() {
                return Err(Error(errors.join("\nerror: ")));
            }
            errors.push(format!(
                "no SCF log record in the input ({} skipped): expected SCF logs from CLS, \
                 as JSON Lines or CSV with SCF_RequestId and SCF_StatusCode, a SearchLog API \
                 response or tccli's output of it, a CLS trigger event, or JSON records in any \
                 layout, plain, gzip or tar",
                match self.counter.skipped() {
                    1 => "1 line".to_owned(),
                    skipped => format!("{skipped} lines"),
                }
            ));
            return Err(Error(errors.join("\nerror: ")));
        }
        if self.counter.records() > 0 && self.counter.answer_rows() > 0 {
            errors.push(
                "the inputs hold both SCF logs and the answer of scf-codes triage --sql, whose \
                 counts would be added to the logs': give triage the logs, or the engine's answer"
                    .to_owned(),
            );
            return Err(Error(errors.join("\nerror: ")));
        }
        let answer_selection;
        let selection = if self.counter.answer_rows() > 0 {
            let span = summary::span(self.counter.attempts().filter_map(|attempt| attempt.end));
            answer_selection =
                answer_selection_for(selection, self.counter.answer_buckets(), span)?;
            &answer_selection
        } else {
            selection
        };
        let summary = self.counter.select(selection).map_err(Error)?;
        let mut warnings = Vec::new();
        if summary.outcomes.invocations == 0 {
            // An empty report reads as "nothing failed": say why it is empty.
            let whole = self.counter.summary();
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
}

/// Reads every input in turn, as one log. No input, or `-`, is standard input. An input that
/// cannot be read is an error of its own, and the others are still read. Reports the attempts
/// that `selection` keeps. Fails when no input holds a record, or when the selection does not
/// fit the log.
pub fn summarize(
    inputs: &[PathBuf],
    selection: &Selection,
    layout: &Layout,
) -> Result<Triage, Error> {
    let mut logs = Logs::with_layout(layout.clone());
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    for input in inputs {
        // Each input's error is kept, and the next is read.
        let _ = logs.read_path(input);
    }
    logs.finish(selection)
}

/// The selection for an engine's answer, whose rows are counts per group and per bucket: the
/// lines are gone, so neither a window nor a function can be applied exactly, and a bucket
/// can only be cut into buckets that are multiples of it. `buckets` divides the engine's bucket
/// starts, in seconds; `span` is when the first and the last bucket start. Without `--every`,
/// the bucket chosen for the span is made a multiple of the answer's.
fn answer_selection_for(
    selection: &Selection,
    buckets: Option<u64>,
    span: Option<(Nanos, Nanos)>,
) -> Result<Selection, Error> {
    if !selection.window.is_all() || !selection.functions.is_empty() {
        return Err(Error(
            "--since, --until and --function cannot be applied to the answer of scf-codes triage \
             --sql: its rows are counts per bucket, and an invocation cannot be told from its \
             bucket's start. Give the same options to `scf-codes triage --sql`, so that the \
             engine applies them to the lines, and give triage its new answer"
                .to_owned(),
        ));
    }
    let mut selection = selection.clone();
    if let Some(buckets) = buckets {
        match selection.every {
            Some(every) if every.seconds() % buckets != 0 => {
                return Err(Error(format!(
                    "--every {} is finer than the buckets of the engine's answer, whose starts \
                     are {} apart or a multiple of it: ask for a multiple of {}, or run \
                     `scf-codes triage --sql … --every {}` again and give triage its new answer",
                    every.length().compact(),
                    Length::from_seconds(buckets).compact(),
                    Length::from_seconds(buckets).compact(),
                    every.length().compact(),
                )));
            }
            Some(_) => {}
            None => {
                let chosen = span.map_or(buckets, |(first, last)| {
                    Every::choose(first, last).seconds()
                });
                let seconds = chosen.div_ceil(buckets).saturating_mul(buckets);
                selection.every = Some(Every::from_length(Length::from_seconds(seconds)));
            }
        }
    }
    Ok(selection)
}
