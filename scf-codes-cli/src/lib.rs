//! The `scf-codes` command as a library: each command's logic, which the binary calls and which
//! tests and fuzzers can call too. The command-line interface is documented by `scf-codes
//! --help` and the command's README, `scf-codes-cli/README.md`.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod check_event;
pub mod cli;
pub mod decode;
pub mod export;
mod failure;
pub mod generate;
pub mod input;
pub mod json;
pub mod lang;
pub mod lookup;
pub mod output;
pub mod package;
pub mod progress;
pub mod revision;
pub mod search;
pub mod style;
pub mod table;
pub mod terminal;
pub mod triage;

use std::path::{Path, PathBuf};

use scf_codes_triage::Logs;
use scf_codes_triage::csv_rows::Layout;
use scf_codes_triage::options::Selection;

use crate::cli::{Cli, Command, TableCommand};
pub use crate::failure::Failure;
use crate::input::Opened;
use crate::lookup::Lookup;
use crate::progress::Progress;

/// How a command that did its work ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The usual end: exit status 0.
    Done,
    /// `table diff` found codes the page adds or changes: exit status 1, as `diff` has.
    Differs,
    /// Nothing was found: `search` matched no code, `explain` was given a code or name the
    /// table does not have. Exit status 1, as ripgrep's when nothing matches.
    NothingFound,
}

impl Outcome {
    /// The exit status: 0 for [`Outcome::Done`], 1 otherwise. An error is 2.
    pub fn exit_status(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::Differs | Outcome::NothingFound => 1,
        }
    }
}

/// Runs one command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut impl std::io::Write) -> Result<Outcome, Failure> {
    let width = terminal::width();
    let mut outcome = Outcome::Done;
    let text = match cli.command {
        Command::Explain { code, json, lang } => match lookup::find(&code)? {
            Lookup::Found(code) if json => json::to_string(&json::code(code)),
            Lookup::Found(code) => terminal::explain(code, lang.lang(), width),
            Lookup::NotInTable(code, message) => {
                anstream::eprintln!("{message}");
                outcome = Outcome::NothingFound;
                match code {
                    // The number is kept, with `known: false`, as `decode` gives it.
                    Some(code) if json => json::to_string(&json::code(code)),
                    _ => String::new(),
                }
            }
        },
        Command::List {
            category,
            retryable,
            json,
            lang,
        } => {
            let codes: Vec<_> = scf_codes::Code::ALL
                .iter()
                .copied()
                .filter(|code| category.is_none_or(|category| code.category() == category))
                .filter(|code| !retryable || code.is_retryable())
                .collect();
            if json {
                json::to_string(&json::codes(&codes))
            } else {
                terminal::table(&codes, lang.lang())
            }
        }
        Command::Search { words, json, lang } => {
            let query = words.join(" ");
            if query.len() > search::MAX_QUERY_BYTES {
                return Err(Failure(format!(
                    "the search words are {} bytes long; at most {} are searched for",
                    query.len(),
                    search::MAX_QUERY_BYTES
                )));
            }
            let found = search::search(&query);
            if found.is_empty() {
                outcome = Outcome::NothingFound;
                if !json {
                    let no_match = lang::words(lang.lang()).no_match;
                    anstream::eprintln!("{no_match} {query:?}.");
                }
            }
            if json {
                json::to_string(&json::codes(&found))
            } else if found.is_empty() {
                String::new()
            } else {
                terminal::table(&found, lang.lang())
            }
        }
        Command::Export { format, lang, .. } => {
            export::export(format.unwrap_or(cli::Format::Json), lang.lang())
        }
        Command::Handler {
            runtime,
            handler,
            package,
        } => {
            let handler = scf_codes::handler::Handler::parse(runtime, &handler)
                .map_err(|error| Failure(error.to_string()))?;
            let mut report = format!("handler `{handler}` is valid for {runtime}");
            match (handler.entry_file(), handler.function_name()) {
                (Some(file), Some(function)) => {
                    report.push_str(&format!(": entry file `{file}`, function `{function}`"));
                }
                (Some(file), None) => report.push_str(&format!(": entry file `{file}`")),
                _ => {}
            }
            report.push('\n');
            if let Some(package) = package {
                report.push_str(&package::check(&handler, &package)?);
                report.push('\n');
            }
            report
        }
        Command::CheckEvent { asynchronous, file } => {
            check_event::check(file.as_deref(), asynchronous)?
        }
        Command::Triage {
            selection,
            sql: Some(dialect),
            ..
        } => triage::sql::query(
            dialect,
            &triage::sql::Request::for_selection(&selection.selection())?,
        ),
        Command::Triage {
            json,
            html,
            selection,
            csv,
            files,
            lang,
            ..
        } => {
            return triage_logs(
                json,
                html.as_deref(),
                &selection.selection(),
                &csv.layout(),
                lang.lang(),
                &files,
                out,
            );
        }
        Command::Table(TableCommand::Diff {
            page,
            codes,
            lang,
            json,
        }) => {
            let (text, differs) = table::diff(&page, codes.as_deref(), lang.map(Into::into), json)?;
            outcome = differs;
            text
        }
        Command::Table(TableCommand::Import { page, codes, lang }) => {
            output::check_writable(&codes, "codes.toml")?;
            table::import(&page, &codes, lang.map(Into::into))?
        }
        Command::Completions { shell } => generate::completions(shell),
        Command::Man { dir: None } => generate::man_page(),
        Command::Man { dir: Some(dir) } => generate::man_pages(&dir)?,
        Command::Decode { file, json, lang } => {
            let input = decode::read_input(file.as_deref())?;
            let decoded = decode::decode(&input)?;
            if json {
                json::to_string(&json::decoded(&decoded))
            } else {
                format!(
                    "{}\n\n{}",
                    decoded.source,
                    terminal::explain(decoded.code, lang.lang(), width)
                )
            }
        }
    };
    write_all(out, &text)?;
    Ok(outcome)
}

/// `triage` on log files: the report of every input that could be read, then any error (exit
/// status 2), as ripgrep does. The HTML page's path is checked before any input is read; when
/// the page cannot be written after all, the report is still printed.
#[allow(
    clippy::too_many_arguments,
    reason = "the options of one command, passed on"
)]
fn triage_logs(
    json: bool,
    html: Option<&Path>,
    selection: &Selection,
    layout: &Layout,
    lang: scf_codes::Lang,
    files: &[PathBuf],
    out: &mut impl std::io::Write,
) -> Result<Outcome, Failure> {
    if let Some(path) = html {
        output::check_not_an_input(path, files, "the HTML report")?;
        output::check_replaces_only_a_page(path, "the HTML report")?;
        output::check_writable(path, "the HTML report")?;
    }
    // No FILE is standard input, as `-` is.
    let inputs: Vec<Option<&Path>> = match files {
        [] => vec![None],
        files => files.iter().map(|file| Some(file.as_path())).collect(),
    };
    let total = inputs
        .iter()
        .map(|path| input::size(*path))
        .sum::<Option<u64>>();
    let progress = Progress::new(total, progress::wanted(json));
    let mut logs = Logs::with_layout(layout.clone());
    for path in inputs {
        // Each input's error is kept by `logs`, and the next is read.
        let _ = match input::open(path) {
            Ok(opened) => {
                let Opened { reader, name, .. } = progress.count(opened);
                logs.read_file(&name, reader)
            }
            Err(Failure(message)) => Err(logs.unreadable(message)),
        };
    }
    progress.finish();
    let triage = logs.finish(selection)?;
    for warning in &triage.warnings {
        anstream::eprintln!("{} {warning}", style::paint(style::WARNING, "warning:"));
    }
    let mut errors = triage.errors;
    if let Some(Err(Failure(message))) =
        html.map(|path| triage::html::write(&triage.summary, selection.grouping, lang, path))
    {
        errors.push(message);
    }
    if json {
        triage::report::write_json(&triage.summary, selection.grouping, out)
            .map_err(|error| Failure(format!("cannot write the output: {error}")))?;
    } else {
        let report = triage::report::table(
            &triage.summary,
            selection.grouping,
            lang,
            terminal::width(),
            terminal::line_width(),
        );
        write_all(out, &report)?;
    }
    if errors.is_empty() {
        Ok(Outcome::Done)
    } else {
        Err(Failure(errors.join("\nerror: ")))
    }
}

fn write_all(out: &mut impl std::io::Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes())
        .map_err(|error| Failure(format!("cannot write the output: {error}")))
}
