//! The `scf-codes` command as a library: each command's logic, which the binary calls and which
//! tests and fuzzers can call too. The command-line interface is documented by `scf-codes
//! --help` and the README.

#![warn(missing_docs)]

pub mod check_event;
pub mod cli;
pub mod decode;
pub mod export;
pub mod json;
pub mod lookup;
pub mod package;
pub mod search;
pub mod terminal;

use crate::cli::{Cli, Command};

/// A failure the user can act on: printed on stderr, exit status 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<T: Into<String>> From<T> for Failure {
    fn from(message: T) -> Self {
        Failure(message.into())
    }
}

/// A path as messages show it: in full up to 200 characters, otherwise its start and end, so
/// that an absurd argument does not become an absurd message.
pub fn shown_path(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let count = text.chars().count();
    if count <= 200 {
        return text;
    }
    let start: String = text.chars().take(100).collect();
    let end: String = text.chars().skip(count - 60).collect();
    format!("{start}…{end}")
}

/// Reads `file`, or standard input when there is none, up to one byte past `limit`: enough to
/// know that an input is over the limit without reading all of it. Returns the bytes and the
/// name to show for the input in messages.
pub fn read_at_most(
    file: Option<&std::path::Path>,
    limit: u64,
) -> Result<(Vec<u8>, String), Failure> {
    use std::io::Read as _;
    let (reader, name): (Box<dyn std::io::Read>, String) = match file {
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|error| Failure(format!("cannot read {}: {error}", shown_path(path))))?;
            (Box::new(file), shown_path(path))
        }
        None => (
            Box::new(std::io::stdin().lock()),
            "standard input".to_owned(),
        ),
    };
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Failure(format!("cannot read {name}: {error}")))?;
    Ok((bytes, name))
}

/// Runs one command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut impl std::io::Write) -> Result<(), Failure> {
    let width = terminal::width();
    let text = match cli.command {
        Command::Explain { code, json } => {
            let code = lookup::find(&code)?;
            if json {
                json::to_string(&json::code(code))
            } else {
                terminal::explain(code, width)
            }
        }
        Command::List {
            category,
            retryable,
            json,
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
                terminal::table(&codes)
            }
        }
        Command::Search { words, json } => {
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
                format!("No code matches {:?}.\n", words.join(" "))
            } else {
                terminal::table(&found)
            }
        }
        Command::Export { format } => export::export(format),
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
        Command::Decode { file, json } => {
            let input = decode::read_input(file.as_deref())?;
            let decoded = decode::decode(&input)?;
            if json {
                json::to_string(&json::decoded(&decoded))
            } else {
                format!(
                    "{}\n\n{}",
                    decoded.source,
                    terminal::explain(decoded.code, width)
                )
            }
        }
    };
    out.write_all(text.as_bytes())
        .map_err(|error| Failure(format!("cannot write the output: {error}")))
}
