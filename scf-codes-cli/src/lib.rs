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
pub mod input;
pub mod json;
pub mod lang;
pub mod lookup;
pub mod package;
pub mod search;
pub mod table;
pub mod terminal;
pub mod triage;

use crate::cli::{Cli, Command, TableCommand};
pub use crate::failure::Failure;

/// How a command that did its work ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The usual end: exit status 0.
    Done,
    /// `table diff` found codes the page adds or changes: exit status 1, as `diff` has.
    Differs,
}

/// Runs one command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut impl std::io::Write) -> Result<Outcome, Failure> {
    let width = terminal::width();
    let mut outcome = Outcome::Done;
    let text = match cli.command {
        Command::Explain { code, json, lang } => {
            let code = lookup::find(&code)?;
            if json {
                json::to_string(&json::code(code))
            } else {
                terminal::explain(code, lang.lang(), width)
            }
        }
        Command::List {
            category,
            retryable,
            json,
            lang,
        } => {
            let category = category.as_deref().map(cli::parse_category).transpose()?;
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
            if json {
                json::to_string(&json::codes(&found))
            } else if found.is_empty() {
                format!(
                    "{} {:?}.\n",
                    lang::words(lang.lang()).no_match,
                    words.join(" ")
                )
            } else {
                terminal::table(&found, lang.lang())
            }
        }
        Command::Export { format, lang } => export::export(format, lang.lang()),
        Command::Handler {
            runtime,
            handler,
            package,
        } => {
            let runtime = cli::parse_runtime(&runtime)?;
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
        Command::CheckEvent { asynchronous, file } => check_event::check(&file, asynchronous)?,
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
            let lang = lang.lang();
            let selection = selection.selection();
            let triage = scf_codes_triage::summarize(&files, &selection, &csv.layout())?;
            for warning in &triage.warnings {
                eprintln!("warning: {warning}");
            }
            if let Some(path) = html {
                triage::html::write(&triage.summary, selection.grouping, lang, &path)?;
            }
            let report = if json {
                triage::report::json(&triage.summary, selection.grouping)
            } else {
                triage::report::table(
                    &triage.summary,
                    selection.grouping,
                    lang,
                    width,
                    terminal::line_width(),
                )
            };
            // As ripgrep does: the report of what could be read, then exit status 2.
            if !triage.errors.is_empty() {
                write_all(out, &report)?;
                return Err(Failure(triage.errors.join("\nerror: ")));
            }
            report
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
            table::import(&page, &codes, lang.map(Into::into))?
        }
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

fn write_all(out: &mut impl std::io::Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes())
        .map_err(|error| Failure(format!("cannot write the output: {error}")))
}
