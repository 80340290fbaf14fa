//! The command line: commands, arguments and help.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand, ValueEnum};
use scf_codes::handler::Runtime;
use scf_codes::{Category, Code};

use crate::lang::LangOption;
use scf_codes_triage::options::{Every, Grouping, Moment, Selection, Window};

/// The fields of a code's JSON object, as `json::code` writes them: the help of every command
/// with `--json` lists them.
macro_rules! code_fields {
    () => {
        "code (number), name, message, description (Markdown), solution (Markdown),
  zh ({description, solution}: the Chinese texts), category (success, request, permission,
  function, configuration, throttling, account, platform or unknown), retryable (boolean),
  triggers_repossession (boolean), known (boolean)"
    };
}

const AFTER_HELP: &str = concat!(
    "\
Exit status, as ripgrep's: 0 when something was found (or done); 1 when nothing was: a search
that matches no code, a code or name not in the table, a page that `table diff` finds adds or
changes codes; 2 on an error (an unreadable or malformed input, a wrong argument).

--json prints, for each code, an object with the fields
  ",
    code_fields!(),
    ".
explain and decode print one object, list and search an array; triage --help describes its own."
);

const EXPLAIN_HELP: &str = concat!(
    "--json prints one object with the fields\n  ",
    code_fields!(),
    "."
);

const LIST_HELP: &str = concat!(
    "--json prints an array of objects, one per code, with the fields\n  ",
    code_fields!(),
    "."
);

const DECODE_HELP: &str = concat!(
    "--json prints one object with the fields\n  ",
    code_fields!(),
    ",\n  and source: where the code was found (a function failure body, an InvokeFunction
  response, a bare number)."
);

/// The version and the revision of Tencent's table that the build carries, as `--version`
/// prints them: `0.3.0 (Tencent's table of 2021-10-26, with 402)`. The revision is read from the
/// header of codes.toml when the command is built (`build.rs`, with [`crate::revision`]).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("SCF_CODES_TABLE_REVISION"),
    ")"
);

/// Explain Tencent Cloud SCF function status codes, decode the status code in what SCF returns,
/// and count how invocations ended in SCF's logs.
#[derive(Debug, Parser)]
#[command(name = "scf-codes", version = VERSION, after_help = AFTER_HELP)]
pub struct Cli {
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always or
    /// never
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorWhen::Auto,
        hide_possible_values = true
    )]
    pub color: ColorWhen,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour the output, as ripgrep's and fd's `--color` say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    /// Always, even in a pipe
    Always,
    /// Never
    Never,
}

impl ColorWhen {
    /// The choice for anstream, which strips styles where colour is off.
    pub fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
    }

    /// The `--color` that `args` (a whole command line) asks for, read before clap parses it so
    /// that clap's own help and errors follow it too; `None` when there is none, or after `--`.
    pub fn from_args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(args: I) -> Option<ColorWhen> {
        let mut found = None;
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let arg = arg.as_ref().to_str();
            let value = match arg {
                Some("--") => break,
                Some("--color") => args
                    .next()
                    .and_then(|value| value.as_ref().to_str().map(str::to_owned)),
                Some(arg) => arg.strip_prefix("--color=").map(str::to_owned),
                None => None,
            };
            if let Some(value) = value {
                found = ColorWhen::from_str(&value, false).ok().or(found);
            }
        }
        found
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Everything the table says about one code: `explain 433`, `explain TimeLimitReached`
    #[command(after_help = EXPLAIN_HELP)]
    Explain {
        /// A status code number, or a name in any letter case
        #[arg(value_name = "CODE|NAME", value_parser = code_names(), hide_possible_values = true)]
        code: String,
        /// Print JSON: one object, with the fields listed below
        #[arg(long)]
        json: bool,
        /// The language of Tencent's texts
        #[command(flatten)]
        lang: LangOption,
    },
    /// Every code, as an aligned table
    #[command(after_help = LIST_HELP)]
    List {
        /// Only the codes of this category
        #[arg(long, value_name = "CATEGORY", value_parser = categories())]
        category: Option<Category>,
        /// Only the codes worth retrying later
        #[arg(long)]
        retryable: bool,
        /// Print JSON: an array of objects, with the fields listed below
        #[arg(long)]
        json: bool,
        /// The language of the table's headings
        #[command(flatten)]
        lang: LangOption,
    },
    /// Codes whose fields contain all the words, best matches first: `search timeout`
    #[command(after_help = LIST_HELP)]
    Search {
        /// Words to look for, in any letter case, in every field
        #[arg(required = true, value_name = "WORDS")]
        words: Vec<String>,
        /// Print JSON: an array of objects, best match first, with the fields listed below
        #[arg(long)]
        json: bool,
        /// The language of the table's headings; the words are looked for in both languages
        #[command(flatten)]
        lang: LangOption,
    },
    /// The whole table, for other languages and documentation sites
    Export {
        /// The output format
        #[arg(long, value_enum, required_unless_present = "json")]
        format: Option<Format>,
        /// Print JSON, as --format json does: an array of objects, one per code
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// The language of Tencent's texts in Markdown (JSON and CSV carry both languages)
        #[command(flatten)]
        lang: LangOption,
    },
    /// Check a handler (execution method) against its runtime's rules and, with --package,
    /// against the code package: catches 437 HandlerNotFound before a deploy
    Handler {
        /// The function's runtime, optionally with its version (python3.9, nodejs18.15)
        #[arg(long, value_parser = runtimes())]
        runtime: Runtime,
        /// The handler, e.g. index.main_handler
        handler: String,
        /// The code package to check, a directory or a .zip (`-`: a .zip on standard input)
        #[arg(long, value_name = "DIR|ZIP")]
        package: Option<PathBuf>,
    },
    /// Check that an event fits the size limit of its invocation (406 RequestTooLarge) and is
    /// JSON (400 InvalidParameterValue): 6 MB synchronous, 128 KB asynchronous
    CheckEvent {
        /// The event is for an asynchronous invocation
        #[arg(long = "async")]
        asynchronous: bool,
        /// The event file; standard input when absent or `-`
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// How every invocation ended, counted from SCF logs exported from CLS: what failed, how
    /// often, and what to do first
    #[command(after_help = TRIAGE_HELP)]
    Triage {
        /// Print JSON: one object, with the fields listed below
        #[arg(long)]
        json: bool,
        /// Also write the report as one self-contained HTML page, with a chart of outcomes over
        /// time
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Which invocations, grouped and bucketed how
        #[command(flatten)]
        selection: SelectionArgs,
        /// Print the SQL that computes these counts in ENGINE, and exit: run it there and give
        /// its result back to triage as a FILE
        #[arg(long, value_enum, value_name = "ENGINE", conflicts_with_all = ["json", "files", "html"])]
        sql: Option<crate::triage::sql::Dialect>,
        /// How CSV files that CLS shipped to COS are written
        #[command(flatten)]
        csv: CsvArgs,
        /// Log files, read as one log; standard input when absent or `-`
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The language of what to do about each code, and of the HTML report
        #[command(flatten)]
        lang: LangOption,
    },
    /// Compare Tencent's "Function Status Code" page with codes.toml, or write it into
    /// codes.toml
    #[command(subcommand)]
    Table(TableCommand),
    /// Explain the status code in an SCF failure body, an InvokeFunction response, or a bare
    /// number, read from FILE or standard input
    #[command(after_help = DECODE_HELP)]
    Decode {
        /// The file to read; standard input when absent or `-`
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Print JSON: one object, with the fields listed below
        #[arg(long)]
        json: bool,
        /// The language of Tencent's texts
        #[command(flatten)]
        lang: LangOption,
    },
    /// Print the completion script for a shell: `scf-codes completions bash >
    /// ~/.local/share/bash-completion/completions/scf-codes`
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (`scf-codes man > scf-codes.1`), or with --dir write a page for the
    /// command and one for each subcommand
    Man {
        /// Write scf-codes.1 and a page per subcommand (scf-codes-triage.1, ...) into DIR, e.g.
        /// ~/.local/share/man/man1
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The `table` commands.
#[derive(Debug, Subcommand)]
pub enum TableCommand {
    /// What the page adds and changes: codes added, texts changed (word by word), and codes
    /// not on the page (which stay)
    #[command(after_help = TABLE_DIFF_HELP)]
    Diff {
        /// The page: Tencent's "Function Status Code" page saved from a browser (HTML), or just
        /// its table; `-` for standard input
        #[arg(value_name = "PAGE")]
        page: PathBuf,
        /// The codes.toml to compare with; the table compiled into this binary when absent
        #[arg(long, value_name = "FILE")]
        codes: Option<PathBuf>,
        /// The page's language: en (compares the English texts) or zh (those of [code.zh]); a
        /// page in the other language is refused. Told from the page when absent: its table's
        /// header row, its `<html lang>`, else its texts
        #[arg(long, value_enum, value_name = "LANG", hide_possible_values = true)]
        lang: Option<LangArg>,
        /// Print JSON: {"language": "en"|"zh", "added": [code, ...], "changed": [{"code",
        /// "fields"}], "not_on_page": [code, ...], "not_written": [{"code", "fields"}]}
        #[arg(long)]
        json: bool,
    },
    /// Write the page into codes.toml: changed texts replaced in place, new codes added at
    /// their place with a comment for the fields to choose; nothing else changes
    #[command(after_help = TABLE_IMPORT_HELP)]
    Import {
        /// The page, as for `table diff`
        #[arg(value_name = "PAGE")]
        page: PathBuf,
        /// The codes.toml to write
        #[arg(long, value_name = "FILE", default_value = "codes.toml")]
        codes: PathBuf,
        /// The page's language, as for `table diff`: an English page writes the English
        /// texts, a Chinese page those of [code.zh] and never a message
        #[arg(long, value_enum, value_name = "LANG", hide_possible_values = true)]
        lang: Option<LangArg>,
    },
}

/// A `--lang` argument: the language of Tencent's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English
    En,
    /// Chinese (简体中文)
    Zh,
}

impl From<LangArg> for scf_codes::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => scf_codes::Lang::En,
            LangArg::Zh => scf_codes::Lang::Zh,
        }
    }
}

const TABLE_DIFF_HELP: &str = "\
The page's cells become Markdown as codes.toml writes them: links [text](absolute URL), list items
\"- \", <br> a new paragraph, <code> backticks, entities decoded, white space normalized.

Exit status: 0 when the page adds or changes no code, 1 when it does (as diff), 2 on an error.
Codes only in codes.toml do not count: they are reported and kept.";

const TABLE_IMPORT_HELP: &str = "\
A new code gets code, message, description and solution from the page, and name when the message
is an UpperCamelCase name. Its category (and a name for a sentence message) are for a person to
choose: a comment in the entry lists the choices, and the next build fails at the entry until
they are filled in. Untouched entries, comments and layout stay byte for byte.

Exit status: 0 when the file was written or needed no change; 2 on an error.";

/// How `triage --by` groups invocations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TriageGroup {
    /// By `SCF_FunctionName`
    Function,
    /// By `SCF_FunctionName` and `SCF_Qualifier` (the version: `$LATEST`, `13`, an alias)
    Version,
}

/// Which invocations of a log to report, and how to group and bucket them: the options of every
/// command that reads SCF logs.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SelectionArgs {
    /// Also count per function, or per function and version; may be repeated
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Vec<TriageGroup>,
    /// Only this function's invocations; may be repeated
    #[arg(long, value_name = "NAME")]
    pub function: Vec<String>,
    /// Only invocations that end at TIME or later: RFC 3339 (2026-11-27T10:30:00Z,
    /// 2026-11-27T18:30:00+08:00) or a length of time back from the log's latest line (30m)
    #[arg(long, value_name = "TIME")]
    pub since: Option<Moment>,
    /// Only invocations that end before TIME, written as for --since
    #[arg(long, value_name = "TIME")]
    pub until: Option<Moment>,
    /// The time line's bucket (30s, 1m, 5m, 1h, 1d); by default the shortest of 1s, 10s, 1m,
    /// 5m, 15m, 1h, 6h and 1d that cuts the log into at most about 60
    #[arg(long, value_name = "DURATION")]
    pub every: Option<Every>,
}

impl SelectionArgs {
    /// The selection these options ask for.
    pub fn selection(&self) -> Selection {
        Selection {
            functions: self.function.clone(),
            window: Window {
                since: self.since,
                until: self.until,
            },
            grouping: Grouping {
                function: self.by.contains(&TriageGroup::Function),
                version: self.by.contains(&TriageGroup::Version),
            },
            every: self.every,
        }
    }
}

const TRIAGE_HELP: &str = "\
Inputs are recognized by their content: JSON as a stream of values in any layout (JSON Lines, a
CLS export in JSON format, jq -c or jq . output, arrays, SearchLog API responses and tccli's
output of them, appended one after another, CLS trigger events), or CSV with a header naming
SCF_RequestId and SCF_StatusCode; each may be gzip-compressed or inside a tar archive.

An invocation is one (SCF_RequestId, SCF_RetryNum); its outcome is the status code other than
202 on its latest line by SCF_LogTime (or SCF_StartTime), whatever the order of lines and files.
One seen only with 202 is unfinished: still running, or cut off by the export's time window.
Lines that are not a record with a status code are skipped and counted.

An invocation ends at the time (SCF_LogTime) of its outcome line: --since, --until and the time
line go by that. Each code's durations (SCF_Duration) are given as p50 and p95, within 1%, and
its memory (SCF_MemUsage) as the most any invocation used.

At scale, --sql cls|spark|duckdb prints the query that computes the same counts in CLS's SQL
analysis, in Spark SQL or in DuckDB (over a view named scf_logs). Its answer, given back as a FILE
(rows as JSON Lines, a JSON array or CSV, or CLS's analysis response), gives the same report.

--json prints one object with the fields
  invocations, failed, unfinished, records, skipped (numbers; and answer_rows, the rows read,
  when a FILE is an engine's answer to --sql),
  codes: one object per outcome, most invocations first, with code, name, message, category,
  retryable and known as explain --json gives them, and invocations, share (of the finished
  invocations, 0 to 1), sample_request_ids (the earliest, at most 3), first_seen and last_seen
  (times), duration_ms (p50, p95, max) and memory_mb (max), null where the logs have none,
  timeline: start, end, bucket_seconds, and buckets, each with start, invocations, failed and
  codes (code, invocations); null without times,
  functions (only with --by function) and versions (only with --by version): one object per
  function or version, with function, version (null where no line names one), invocations,
  failed, unfinished, first_seen, last_seen and codes.
Each field is described in the command's README, in the section on triage:
https://github.com/scf-codes/scf-codes/blob/main/scf-codes-cli/README.md#triage

Exit status: 0 when every input was read in full, whatever the outcomes: every count is then
exact; 2 when an input cannot be read to its end or holds no record (each is named on standard
error, and the report of the others is still printed), or when options do not fit the input.";

/// How CSV logs are written where their first line does not say: CLS's `CsvInfo` for shipping
/// to COS.
#[derive(Debug, clap::Args)]
pub struct CsvArgs {
    /// The columns of CSV files written without their key line, in order and separated by
    /// commas, as the shipper's Keys name them (SCF_RequestId,SCF_StatusCode,…); a file that
    /// starts with its key line is still read by it
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub csv_keys: Vec<String>,
    /// The character that wraps a CSV field holding the delimiter, the shipper's EscapeChar
    #[arg(long, value_name = "CHAR", default_value = "\"", value_parser = parse_escape)]
    pub csv_escape: u8,
}

impl CsvArgs {
    /// The layout these options describe.
    pub fn layout(&self) -> scf_codes_triage::csv_rows::Layout {
        scf_codes_triage::csv_rows::Layout {
            keys: (!self.csv_keys.is_empty()).then(|| {
                self.csv_keys
                    .iter()
                    .map(|key| key.trim().to_owned())
                    .collect()
            }),
            escape: self.csv_escape,
        }
    }
}

/// A `--csv-escape` argument: one ASCII character other than a delimiter or a line end.
pub fn parse_escape(text: &str) -> Result<u8, String> {
    match text.as_bytes() {
        [byte] if byte.is_ascii_graphic() && !b",|;".contains(byte) => Ok(*byte),
        _ => Err(format!(
            "{text:?} is not one printable ASCII character other than a delimiter: the \
             shipper's EscapeChar is most often \" or '"
        )),
    }
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An array of code objects (the --json schema)
    Json,
    /// A summary table and a section per code
    Markdown,
    /// One row per code, RFC 4180 quoting
    Csv,
}

/// A value parser for an argument whose values are listed in `--help` and offered by the
/// completions, with clap's "did you mean" on a typo, but which `parse` reads itself (a runtime
/// with its version, a category in any case, a code by number as well as by name).
#[derive(Clone)]
pub struct Listed<T> {
    values: fn() -> Vec<PossibleValue>,
    parse: fn(&str) -> Option<T>,
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Listed<T> {
    type Value = T;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(command))?;
        (self.parse)(text).ok_or_else(|| self.invalid(command, arg, text))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.values)().into_iter()))
    }
}

impl<T> Listed<T> {
    /// clap's error for a value not in the list: the value (its start, when it is long), the
    /// values there are, and the closest of them.
    fn invalid(&self, command: &clap::Command, arg: Option<&clap::Arg>, text: &str) -> clap::Error {
        let values: Vec<String> = (self.values)()
            .iter()
            .filter(|value| !value.is_hide_set())
            .map(|value| value.get_name().to_owned())
            .collect();
        let mut error = clap::Error::new(ErrorKind::InvalidValue).with_cmd(command);
        let arg = arg.map(ToString::to_string).unwrap_or_default();
        error.insert(ContextKind::InvalidArg, ContextValue::String(arg));
        let shown: String = text.chars().take(64).collect();
        let shown = if shown.len() < text.len() {
            format!("{shown}…")
        } else {
            shown
        };
        error.insert(ContextKind::InvalidValue, ContextValue::String(shown));
        let lowercase = text.to_lowercase();
        let closest = values
            .iter()
            .map(|value| {
                let score = strsim::normalized_damerau_levenshtein(&lowercase, value);
                (score, value)
            })
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, closest)) = closest {
            error.insert(
                ContextKind::SuggestedValue,
                ContextValue::String(closest.clone()),
            );
        }
        error.insert(ContextKind::ValidValue, ContextValue::Strings(values));
        error
    }
}

/// `--runtime`: go, python, nodejs, php, java or custom, in any case, with a version or not.
pub fn runtimes() -> Listed<Runtime> {
    Listed {
        values: || {
            Runtime::ALL
                .iter()
                .map(|runtime| PossibleValue::new(runtime.as_str()).help(runtime.to_string()))
                .collect()
        },
        parse: |text| text.parse().ok(),
    }
}

/// `--category`: a category of the table, in any case.
pub fn categories() -> Listed<Category> {
    Listed {
        values: || {
            Category::ALL
                .iter()
                .filter(|category| **category != Category::Unknown)
                .map(|category| PossibleValue::new(category.as_str()))
                .collect()
        },
        parse: |text| match text.parse::<Category>() {
            Ok(Category::Unknown) | Err(_) => None,
            Ok(category) => Some(category),
        },
    }
}

/// `explain`'s argument: any text, which `lookup` reads; the code names are listed for the
/// completions only.
pub fn code_names() -> Listed<String> {
    Listed {
        values: || {
            Code::ALL
                .iter()
                .map(|code| PossibleValue::new(code.name()).help(code.as_u16().to_string()))
                .collect()
        },
        parse: |text| Some(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        <Cli as clap::CommandFactory>::command().debug_assert();
    }

    #[test]
    fn categories_parse_in_any_case_but_unknown_is_not_a_table_category() {
        let parse = categories().parse;
        assert_eq!(parse("Throttling"), Some(Category::Throttling));
        assert_eq!(parse("unknown"), None);
    }

    #[test]
    fn the_color_is_read_from_the_command_line_before_clap() {
        let read = |args: &[&str]| ColorWhen::from_args(args);
        assert_eq!(read(&["scf-codes", "list"]), None);
        assert_eq!(
            read(&["scf-codes", "--color", "never", "list"]),
            Some(ColorWhen::Never)
        );
        assert_eq!(
            read(&["scf-codes", "list", "--color=always"]),
            Some(ColorWhen::Always)
        );
        assert_eq!(read(&["scf-codes", "search", "--", "--color=always"]), None);
        assert_eq!(read(&["scf-codes", "--color", "sometimes"]), None);
    }
}
