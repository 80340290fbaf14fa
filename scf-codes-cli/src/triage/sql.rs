//! The SQL that computes triage's counts in the engine that already holds the logs: CLS's own
//! analysis, Spark SQL, or DuckDB. The query is triage's counter in three stages: `lines` reads
//! each line's keys once, `attempts` folds each attempt's lines into its outcome and when it
//! ended, and the last counts attempts per outcome (and per group). Its answer comes back to
//! triage through `answer`.
//!
//! The semantics are the counter's: an attempt is (trimmed `SCF_RequestId`, `SCF_RetryNum`,
//! missing = 0); its outcome is the status other than 202 at its latest `SCF_LogTime`; one seen
//! only with 202 is unfinished (a `code` of NULL); a line without a request ID is an invocation
//! of its own. Every value is read as text and cast, because CLS may hand numbers as strings.

use clap::ValueEnum;

use scf_codes_triage::answer::CLS_ROW_LIMIT;
use scf_codes_triage::options::{Moment, Selection};

/// The engine a query is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    /// CLS's SQL analysis on the log topic: `* | select ...`, no FROM at the top, the
    /// per-attempt grouping in a subquery that reads `from log`
    Cls,
    /// Spark SQL over a view named `scf_logs`
    Spark,
    /// DuckDB over a view named `scf_logs`
    Duckdb,
}

/// What the counts are grouped by besides the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// `SCF_FunctionName`: the result has a `function` column.
    Function,
    /// `SCF_FunctionName` and `SCF_Qualifier`, as `--by version`: the result has a `function`
    /// and a `version` column.
    Version,
}

impl Group {
    /// Each key grouped by, and the result's column for it, named as in `triage --json`.
    pub fn columns(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Group::Function => &[("SCF_FunctionName", "function")],
            Group::Version => &[
                ("SCF_FunctionName", "function"),
                ("SCF_Qualifier", "version"),
            ],
        }
    }
}

/// The groups' keys and columns of `request`; none when it is not grouped.
fn group_columns(request: &Request) -> &'static [(&'static str, &'static str)] {
    request.by.map_or(&[], Group::columns)
}

/// Everything that shapes the query: the report's grouping and window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// Also group by function or version.
    pub by: Option<Group>,
    /// Also group by time: buckets of this many seconds, aligned on the epoch, by when each
    /// attempt ended. The result's `bucket` column is the bucket's start, in seconds since the
    /// epoch.
    pub every: Option<u64>,
    /// Only attempts that ended at or after this time, in nanoseconds since the epoch.
    pub since: Option<u64>,
    /// Only attempts that ended before this time, in nanoseconds since the epoch.
    pub until: Option<u64>,
    /// Only lines of this function (`SCF_FunctionName`, trimmed).
    pub function: Option<String>,
}

impl Request {
    /// The query's shape for the options of `triage`. Fails for what a query cannot express:
    /// both groups at once, a time counted back from a log the engine holds, or several
    /// functions.
    pub fn for_selection(selection: &Selection) -> Result<Request, String> {
        // Versions are counted per function, so --by version includes --by function.
        let by = match (selection.grouping.function, selection.grouping.version) {
            (_, true) => Some(Group::Version),
            (true, false) => Some(Group::Function),
            (false, false) => None,
        };
        let time = |moment: Option<Moment>, flag: &str| match moment {
            None => Ok(None),
            Some(Moment::At(nanos)) => u64::try_from(nanos)
                .map(Some)
                .map_err(|_| format!("{flag} before 1970 is not in any log")),
            Some(Moment::Ago(_)) => Err(format!(
                "with --sql, {flag} takes an RFC 3339 time (2026-11-27T10:30:00Z): the log's \
                 latest line is in the engine, not here"
            )),
        };
        let function = match selection.functions.as_slice() {
            [] => None,
            [one] => Some(one.trim().to_owned()),
            _ => return Err("--sql takes one --function".to_owned()),
        };
        Ok(Request {
            by,
            every: selection.every.map(|every| every.seconds()),
            since: time(selection.window.since, "--since")?,
            until: time(selection.window.until, "--until")?,
            function,
        })
    }
}

/// The status code SCF writes on lines of an invocation that is still running.
const RUNNING: u16 = 202;

/// The query for `dialect`, as one statement ending in a newline.
pub fn query(dialect: Dialect, request: &Request) -> String {
    let sql = Sql { dialect };
    let lines = sql.lines(request);
    let mut columns: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    if let Some(seconds) = request.every {
        let bucket = sql.bucket(seconds);
        columns.push(format!("{bucket} AS bucket"));
        keys.push(bucket);
    }
    for (_, column) in group_columns(request) {
        columns.push(sql.name(column));
        keys.push(sql.name(column));
    }
    columns.push("code".to_owned());
    keys.push("code".to_owned());
    let mut order: Vec<String> = keys[..keys.len() - 1].to_vec();
    order.extend(["invocations DESC".to_owned(), "code".to_owned()]);
    let mut window = Vec::new();
    if let Some(since) = request.since {
        window.push(format!("ended_at >= {since}"));
    }
    if let Some(until) = request.until {
        window.push(format!("ended_at < {until}"));
    }
    let window = if window.is_empty() {
        String::new()
    } else {
        format!(
            "WHERE {}
",
            window.join(" AND ")
        )
    };
    let counts = |attempts: &str| {
        format!(
            "SELECT {}, count(*) AS invocations\n\
             FROM {attempts}\n\
             {window}\
             GROUP BY {}\n\
             ORDER BY {}",
            columns.join(", "),
            keys.join(", "),
            order.join(", "),
        )
    };
    match dialect {
        // Not verified that CLS takes WITH or UNION ALL: the stages nest as subqueries, the
        // innermost reading `from log`, and lines without a request ID are left out (SCF's
        // own lines all carry one).
        Dialect::Cls => {
            let lines = indent(&lines);
            let attempts = indent(&sql.grouped_attempts(request, &format!("(\n{lines}) AS lines")));
            let body = counts(&format!("(\n{attempts}) AS attempts"));
            format!("* | {body}\nLIMIT {CLS_ROW_LIMIT}\n")
        }
        Dialect::Spark | Dialect::Duckdb => {
            let grouped = sql.grouped_attempts(request, "lines");
            let single = sql.single_attempts(request);
            format!(
                "WITH lines AS (\n{}),\n\
                 attempts AS (\n{}UNION ALL\n{})\n\
                 {};\n",
                indent(&lines),
                indent(&grouped),
                indent(&single),
                counts("attempts"),
            )
        }
    }
}

/// `text` indented by two spaces, line by line.
fn indent(text: &str) -> String {
    text.lines().map(|line| format!("  {line}\n")).collect()
}

/// One dialect's spelling of the pieces.
struct Sql {
    dialect: Dialect,
}

impl Sql {
    /// The table the lines are read from.
    fn table(&self) -> &'static str {
        match self.dialect {
            Dialect::Cls => "log",
            Dialect::Spark | Dialect::Duckdb => "scf_logs",
        }
    }

    /// A result column's name, quoted: `function` is a keyword in some engines.
    fn name(&self, name: &str) -> String {
        match self.dialect {
            Dialect::Spark => format!("`{name}`"),
            Dialect::Cls | Dialect::Duckdb => format!("\"{name}\""),
        }
    }

    /// A key as trimmed text, whatever type the engine gave it.
    fn text(&self, key: &str) -> String {
        match self.dialect {
            Dialect::Spark => format!("trim(CAST({key} AS STRING))"),
            Dialect::Cls => format!("trim(CAST({key} AS VARCHAR))"),
            // DuckDB reads a JSON key whose values are numbers on some lines and strings on
            // others as its JSON type, which casts to text with the string's quotes.
            Dialect::Duckdb => format!("trim(CAST({key} AS VARCHAR), ' \"')"),
        }
    }

    /// A key as a whole number: NULL when it is missing or not one.
    fn number(&self, key: &str) -> String {
        let cast = match self.dialect {
            Dialect::Duckdb => "TRY_CAST",
            Dialect::Spark | Dialect::Cls => "try_cast",
        };
        format!("{cast}({} AS BIGINT)", self.text(key))
    }

    /// A key as text, NULL when it is missing or blank.
    fn optional_text(&self, key: &str) -> String {
        format!("nullif({}, '')", self.text(key))
    }

    /// The start of the bucket of `seconds` that `ended_at` falls in, in seconds since the
    /// epoch, with buckets aligned on the epoch; by integer division, exact at any time.
    fn bucket(&self, seconds: u64) -> String {
        let nanos = u128::from(seconds) * 1_000_000_000;
        let divide = match self.dialect {
            Dialect::Duckdb => "//",
            Dialect::Spark => "div",
            // Presto's division of whole numbers is whole.
            Dialect::Cls => "/",
        };
        format!("(ended_at {divide} {nanos}) * {seconds}")
    }

    /// The first stage: every line that triage reads as a record (a status code from 0 to
    /// 65535; a retry number that is absent, blank or a number), its keys read once. Its time
    /// is `SCF_LogTime` in nanoseconds, or else `SCF_StartTime` in milliseconds, as CLS
    /// writes them.
    fn lines(&self, request: &Request) -> String {
        let status = self.number("SCF_StatusCode");
        let retry = self.number("SCF_RetryNum");
        let start_time = self.number("SCF_StartTime");
        let mut columns = vec![
            format!("{} AS request_id", self.optional_text("SCF_RequestId")),
            format!("coalesce({retry}, 0) AS retry"),
            format!("{status} AS status"),
            // Milliseconds past the year 2262 do not fit in nanoseconds: no time.
            format!(
                "coalesce({}, CASE WHEN {start_time} < 9223372036854 THEN {start_time} * 1000000 END) AS log_time",
                self.number("SCF_LogTime"),
            ),
        ];
        for (key, column) in group_columns(request) {
            columns.push(format!(
                "{} AS {}",
                self.optional_text(key),
                self.name(column)
            ));
        }
        let mut conditions = vec![
            format!("{status} BETWEEN 0 AND 65535"),
            format!(
                "(SCF_RetryNum IS NULL OR {} = '' OR {retry} BETWEEN 0 AND 4294967295)",
                self.text("SCF_RetryNum")
            ),
        ];
        if let Some(function) = &request.function {
            conditions.push(format!(
                "{} = {}",
                self.text("SCF_FunctionName"),
                string_literal(function.trim())
            ));
        }
        format!(
            "SELECT {}\nFROM {}\nWHERE {}\n",
            columns.join(",\n  "),
            self.table(),
            conditions.join("\n  AND "),
        )
    }

    /// The second stage for lines with a request ID: one row per attempt, with its outcome
    /// (the status other than 202 at its latest time; 202 lines rank below every time, so an
    /// attempt seen only with 202 ends as 202, which `nullif` makes NULL: unfinished) and when
    /// it ended (its outcome's time; an unfinished one's latest line's).
    fn grouped_attempts(&self, request: &Request, lines: &str) -> String {
        let mut columns = vec![
            format!(
                "nullif(max_by(status, CASE WHEN status = {RUNNING} THEN -1 ELSE coalesce(log_time, 0) END), {RUNNING}) AS code"
            ),
            format!(
                "coalesce(max(CASE WHEN status <> {RUNNING} THEN log_time END), max(log_time)) AS ended_at"
            ),
        ];
        for (_, column) in group_columns(request) {
            let column = self.name(column);
            columns.push(format!("max({column}) AS {column}"));
        }
        format!(
            "SELECT {}\nFROM {lines}\nWHERE request_id IS NOT NULL\nGROUP BY request_id, retry\n",
            columns.join(",\n  "),
        )
    }

    /// The second stage for lines without a request ID: each is an attempt of its own.
    fn single_attempts(&self, request: &Request) -> String {
        let mut columns = vec![
            format!("nullif(status, {RUNNING}) AS code"),
            "log_time AS ended_at".to_owned(),
        ];
        for (_, column) in group_columns(request) {
            columns.push(self.name(column));
        }
        format!(
            "SELECT {}\nFROM lines\nWHERE request_id IS NULL\n",
            columns.join(", "),
        )
    }
}

/// `text` as an SQL string literal: single quotes, a quote doubled.
fn string_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scf_codes_triage::options::{Grouping, Window};

    #[test]
    fn the_options_of_triage_shape_the_query_or_say_why_they_cannot() {
        let selection = Selection {
            functions: vec![" order-sync ".into()],
            window: Window {
                since: Some("2026-11-27T10:30:00Z".parse().unwrap()),
                until: None,
            },
            grouping: Grouping {
                function: false,
                version: true,
            },
            every: Some("5m".parse().unwrap()),
        };
        let request = Request::for_selection(&selection).unwrap();
        assert_eq!(request.by, Some(Group::Version));
        assert_eq!(request.every, Some(300));
        assert_eq!(request.since, Some(1_795_775_400_000_000_000));
        assert_eq!(request.function.as_deref(), Some("order-sync"));
        let relative = Selection {
            window: Window {
                since: Some("30m".parse().unwrap()),
                until: None,
            },
            ..Selection::default()
        };
        let error = Request::for_selection(&relative).unwrap_err();
        assert!(error.contains("--since takes an RFC 3339 time"), "{error}");
    }

    #[test]
    fn the_cls_query_has_no_from_at_the_top_and_reads_log_in_its_innermost_subquery() {
        let query = query(Dialect::Cls, &Request::default());
        assert!(query.starts_with("* | SELECT code, count(*) AS invocations\nFROM (\n"));
        assert!(query.contains("\n    FROM log\n"), "{query}");
        assert!(!query.contains("scf_logs"));
        assert!(!query.contains("UNION"));
        assert!(query.ends_with(&format!("LIMIT {CLS_ROW_LIMIT}\n")));
    }

    #[test]
    fn spark_and_duckdb_read_the_view_and_end_the_statement() {
        for dialect in [Dialect::Spark, Dialect::Duckdb] {
            let query = query(dialect, &Request::default());
            assert!(query.starts_with("WITH lines AS (\n"), "{query}");
            assert!(query.contains("\n  FROM scf_logs\n"), "{query}");
            assert!(query.contains("UNION ALL"), "{query}");
            assert!(query.ends_with(";\n"), "{query}");
        }
    }

    #[test]
    fn grouping_adds_its_column_named_as_in_the_json() {
        let request = Request {
            by: Some(Group::Version),
            every: Some(300),
            ..Request::default()
        };
        let query = query(Dialect::Spark, &request);
        assert!(
            query.contains(
                "SELECT (ended_at div 300000000000) * 300 AS bucket, `function`, `version`, \
                 code, count(*) AS invocations\n"
            ),
            "{query}"
        );
        assert!(query.contains("nullif(trim(CAST(SCF_Qualifier AS STRING)), '') AS `version`"));
        assert!(query.contains("max(`version`) AS `version`"));
        assert!(
            query.contains(
                "GROUP BY (ended_at div 300000000000) * 300, `function`, `version`, code\n"
            ),
            "{query}"
        );
    }

    #[test]
    fn the_window_keeps_attempts_by_their_end_and_the_function_filters_lines() {
        let request = Request {
            since: Some(1_000),
            until: Some(2_000),
            function: Some(" it's ".to_owned()),
            ..Request::default()
        };
        let query = query(Dialect::Duckdb, &request);
        assert!(
            query.contains("\nWHERE ended_at >= 1000 AND ended_at < 2000\n"),
            "{query}"
        );
        assert!(
            query.contains("trim(CAST(SCF_FunctionName AS VARCHAR), ' \"') = 'it''s'"),
            "{query}"
        );
    }
}
