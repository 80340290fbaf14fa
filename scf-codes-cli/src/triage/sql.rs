//! The SQL that computes triage's counts in the engine that already holds the logs: CLS's own
//! analysis, Spark SQL, or DuckDB. The query is triage's counter written as two groupings: the
//! inner one folds each attempt's lines into its outcome, the outer one counts attempts per
//! outcome (and per group). Its answer comes back to triage through `answer`.
//!
//! The semantics are the counter's: an attempt is (trimmed `SCF_RequestId`, `SCF_RetryNum`,
//! missing = 0); its outcome is the status other than 202 at its latest `SCF_LogTime`; one seen
//! only with 202 is unfinished (a `code` of NULL); a line without a request ID is an invocation
//! of its own. Every value is read as text and cast, because CLS may hand numbers as strings.

use clap::ValueEnum;

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
    /// `SCF_Qualifier`: the result has a `version` column.
    Version,
}

impl Group {
    /// The result's column, named as in `triage --json`.
    pub fn column(self) -> &'static str {
        match self {
            Group::Function => "function",
            Group::Version => "version",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Group::Function => "SCF_FunctionName",
            Group::Version => "SCF_Qualifier",
        }
    }
}

/// Everything that shapes the query: the report's grouping and window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// Also group by function or version.
    pub by: Option<Group>,
    /// Also group by time: buckets of this many seconds, by the time of each attempt's latest
    /// line. The result's `bucket` column is the bucket's start, in seconds since the epoch.
    pub every: Option<u64>,
    /// Only lines at or after this time, in nanoseconds since the epoch (`SCF_LogTime`).
    pub since: Option<u64>,
    /// Only lines before this time, in nanoseconds since the epoch.
    pub until: Option<u64>,
    /// Only lines of this function (`SCF_FunctionName`, trimmed).
    pub function: Option<String>,
}

/// The status code SCF writes on lines of an invocation that is still running.
const RUNNING: u16 = 202;

/// CLS returns at most this many rows, and 100 unless the query says `limit`.
pub const CLS_ROW_LIMIT: u32 = 1000;

/// The query for `dialect`, as one statement ending in a newline.
pub fn query(dialect: Dialect, request: &Request) -> String {
    let sql = Sql { dialect };
    let attempts = sql.attempts(request);
    let mut columns: Vec<String> = Vec::new();
    if request.every.is_some() {
        columns.push("bucket".to_owned());
    }
    if let Some(group) = request.by {
        columns.push(sql.name(group.column()));
    }
    columns.push("code".to_owned());
    let select = columns
        .iter()
        .map(|column| format!("{column}, "))
        .collect::<String>();
    let group_by = columns.join(", ");
    let mut order: Vec<String> = Vec::new();
    if request.every.is_some() {
        order.push("bucket".to_owned());
    }
    if let Some(group) = request.by {
        order.push(sql.name(group.column()));
    }
    order.push("invocations DESC".to_owned());
    order.push("code".to_owned());
    let body = format!(
        "SELECT {select}count(*) AS invocations\n\
         FROM (\n{attempts}) AS attempts\n\
         GROUP BY {group_by}\n\
         ORDER BY {order}",
        order = order.join(", "),
    );
    match dialect {
        Dialect::Cls => format!("* | {body}\nLIMIT {CLS_ROW_LIMIT}\n"),
        Dialect::Spark | Dialect::Duckdb => format!("{body};\n"),
    }
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

    /// The conditions every counted line meets: the ones triage reads as a record (a status
    /// code from 0 to 65535; a retry number that is absent, blank or a number), and the
    /// request's filters.
    fn conditions(&self, request: &Request) -> Vec<String> {
        let status = self.number("SCF_StatusCode");
        let retry_text = self.text("SCF_RetryNum");
        let retry = self.number("SCF_RetryNum");
        let time = self.number("SCF_LogTime");
        let mut conditions = vec![
            format!("{status} BETWEEN 0 AND 65535"),
            format!(
                "(SCF_RetryNum IS NULL OR {retry_text} = '' OR {retry} BETWEEN 0 AND 4294967295)"
            ),
        ];
        if let Some(since) = request.since {
            conditions.push(format!("{time} >= {since}"));
        }
        if let Some(until) = request.until {
            conditions.push(format!("{time} < {until}"));
        }
        if let Some(function) = &request.function {
            conditions.push(format!(
                "{} = {}",
                self.text("SCF_FunctionName"),
                string_literal(function.trim())
            ));
        }
        conditions
    }

    /// The inner query: one row per attempt, with its outcome and its groups. Lines with a
    /// request ID are grouped by attempt; each line without one is an attempt of its own.
    fn attempts(&self, request: &Request) -> String {
        let status = self.number("SCF_StatusCode");
        let time = format!("coalesce({}, 0)", self.number("SCF_LogTime"));
        let request_id = self.optional_text("SCF_RequestId");
        let retry = format!("coalesce({}, 0)", self.number("SCF_RetryNum"));
        // The latest line other than 202 wins; 202 lines rank below every time, so an attempt
        // seen only with 202 ends as 202, which `nullif` turns into NULL: unfinished.
        let ranked_time = format!("CASE WHEN {status} = {RUNNING} THEN -1 ELSE {time} END");
        let outcome = format!("nullif(max_by({status}, {ranked_time}), {RUNNING})");
        let mut conditions = self.conditions(request);
        let where_clause = |extra: String, conditions: &[String]| {
            let mut all = conditions.to_vec();
            all.push(extra);
            all.join("\n    AND ")
        };
        let grouped_where = where_clause(format!("{request_id} IS NOT NULL"), &conditions);
        let mut grouped = vec![format!("{outcome} AS code")];
        let mut single = vec![format!("nullif({status}, {RUNNING}) AS code")];
        if let Some(seconds) = request.every {
            let nanos = u128::from(seconds) * 1_000_000_000;
            grouped.push(format!(
                "CAST(floor(max({time}) / {nanos}) AS BIGINT) * {seconds} AS bucket"
            ));
            single.push(format!(
                "CAST(floor({time} / {nanos}) AS BIGINT) * {seconds} AS bucket"
            ));
        }
        if let Some(group) = request.by {
            let value = self.optional_text(group.key());
            let column = self.name(group.column());
            grouped.push(format!("max({value}) AS {column}"));
            single.push(format!("{value} AS {column}"));
        }
        let grouped = format!(
            "  SELECT {}\n  FROM {}\n  WHERE {grouped_where}\n  GROUP BY {request_id}, {retry}\n",
            grouped.join(",\n    "),
            self.table(),
        );
        conditions.push(format!("{request_id} IS NULL"));
        let single = format!(
            "  SELECT {}\n  FROM {}\n  WHERE {}\n",
            single.join(",\n    "),
            self.table(),
            conditions.join("\n    AND "),
        );
        match self.dialect {
            // Not verified that CLS takes UNION ALL in a subquery: its lines all carry a
            // request ID, so the query reads the grouped attempts alone.
            Dialect::Cls => grouped,
            Dialect::Spark | Dialect::Duckdb => format!("{grouped}  UNION ALL\n{single}"),
        }
    }
}

/// `text` as an SQL string literal: single quotes, a quote doubled.
fn string_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cls_query_has_no_from_at_the_top_and_reads_log_in_its_subquery() {
        let query = query(Dialect::Cls, &Request::default());
        assert!(query.starts_with("* | SELECT code, count(*) AS invocations\nFROM (\n"));
        assert!(query.contains("\n  FROM log\n"));
        assert!(!query.contains("scf_logs"));
        assert!(query.ends_with(&format!("LIMIT {CLS_ROW_LIMIT}\n")));
    }

    #[test]
    fn spark_and_duckdb_read_the_view_and_end_the_statement() {
        for dialect in [Dialect::Spark, Dialect::Duckdb] {
            let query = query(dialect, &Request::default());
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
            query.starts_with("SELECT bucket, `version`, code, count(*) AS invocations\n"),
            "{query}"
        );
        assert!(
            query.contains("max(nullif(trim(CAST(SCF_Qualifier AS STRING)), '')) AS `version`")
        );
        assert!(query.contains("/ 300000000000) AS BIGINT) * 300 AS bucket"));
        assert!(query.contains("GROUP BY bucket, `version`, code\n"));
    }

    #[test]
    fn filters_apply_to_every_line_and_quote_the_function_name() {
        let request = Request {
            since: Some(1_000),
            until: Some(2_000),
            function: Some(" it's ".to_owned()),
            ..Request::default()
        };
        let query = query(Dialect::Duckdb, &request);
        assert!(
            query.contains("TRY_CAST(trim(CAST(SCF_LogTime AS VARCHAR), ' \"') AS BIGINT) >= 1000")
        );
        assert!(
            query.contains("TRY_CAST(trim(CAST(SCF_LogTime AS VARCHAR), ' \"') AS BIGINT) < 2000")
        );
        assert_eq!(
            query
                .matches("trim(CAST(SCF_FunctionName AS VARCHAR), ' \"') = 'it''s'")
                .count(),
            2,
            "{query}"
        );
    }
}
