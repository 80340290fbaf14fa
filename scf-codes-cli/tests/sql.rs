//! `scf-codes triage --sql`, verified on the engines rather than by reading the SQL: the emitted
//! query runs in DuckDB (and, with `--ignored`, in Spark local mode) over the fixture
//! generator's logs, and the engine's answer, read back by `scf-codes triage`, must give the
//! report that triage gives from the logs themselves, field for field.
//!
//! The engines run through `scripts/sql-engine.py`. DuckDB's Python package is required: the
//! test fails when it is missing, unless `SCF_CODES_SKIP_DUCKDB=1` says to skip it.

#[path = "../examples/support/cls_logs.rs"]
mod cls_logs;
mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use cls_logs::Line;
use serde_json::{Value, json};
use support::{gzip, run_with_input, scratch};

/// The lines of `invocations` invocations.
fn lines(seed: u64, invocations: u64) -> Vec<Line> {
    let mut lines = Vec::new();
    cls_logs::generate(
        seed,
        |started| started >= invocations,
        |line| lines.push(line.clone()),
    );
    lines
}

fn set(line: &mut Line, key: &str, value: &str) {
    let index = cls_logs::KEYS.iter().position(|k| *k == key).unwrap();
    line.values[index] = value.to_owned();
}

/// The fixtures: CLS exports as JSON Lines and CSV, plain and gzip, oldest and newest first,
/// with values as strings, as numbers and both, in one file or two; every one has retries and
/// unfinished invocations. One has attempts whose code changes at their last line; the last has
/// the lines CLS exports rarely: request IDs with white space around them, no retry number, no
/// request ID, a status code that is not a number.
fn fixtures(dir: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let newest_first = |mut lines: Vec<Line>| {
        lines.reverse();
        lines
    };
    let mut fixtures = vec![
        (
            "strings.jsonl".to_owned(),
            vec![write(
                "strings.jsonl",
                cls_logs::json_lines_with(&lines(11, 300), |_| false).as_bytes(),
            )],
        ),
        (
            "newest-first.jsonl.gz".to_owned(),
            vec![write(
                "newest-first.jsonl.gz",
                &gzip(
                    cls_logs::json_lines_with(&newest_first(lines(12, 300)), |_| false).as_bytes(),
                ),
            )],
        ),
        (
            "numbers-and-strings.jsonl".to_owned(),
            vec![write(
                "numbers-and-strings.jsonl",
                cls_logs::json_lines_with(&lines(13, 300), |index| index % 2 == 0).as_bytes(),
            )],
        ),
        (
            "export.csv".to_owned(),
            vec![write(
                "export.csv",
                cls_logs::csv(&lines(14, 300)).as_bytes(),
            )],
        ),
        (
            "newest-first.csv.gz".to_owned(),
            vec![write(
                "newest-first.csv.gz",
                &gzip(cls_logs::csv(&newest_first(lines(15, 300))).as_bytes()),
            )],
        ),
    ];
    // One export in two files, given newest first.
    let all = newest_first(lines(16, 300));
    let (newer, older) = all.split_at(all.len() / 2);
    fixtures.push((
        "two files".to_owned(),
        vec![
            write(
                "part-2.jsonl",
                cls_logs::json_lines_with(newer, |_| false).as_bytes(),
            ),
            write(
                "part-1.jsonl",
                cls_logs::json_lines_with(older, |_| false).as_bytes(),
            ),
        ],
    ));
    // Attempts whose last line carries another code than the lines before it, newest first:
    // the outcome is the code at the latest SCF_LogTime, not the last in the file.
    let mut changed = lines(18, 300);
    for line in &mut changed {
        if line.get("SCF_Message").starts_with("Report") && line.get("SCF_StatusCode") != "200" {
            set(line, "SCF_StatusCode", "200");
        }
    }
    fixtures.push((
        "codes changing, newest first.jsonl".to_owned(),
        vec![write(
            "codes-changing-newest-first.jsonl",
            cls_logs::json_lines_with(&newest_first(changed), |_| false).as_bytes(),
        )],
    ));
    let mut odd = lines(17, 300);
    for (index, line) in odd.iter_mut().enumerate() {
        match index % 23 {
            0 => {
                // Spaces: the engines trim spaces, triage all white space.
                let padded = format!("  {} ", line.get("SCF_RequestId"));
                set(line, "SCF_RequestId", &padded);
            }
            1 if line.get("SCF_RetryNum") == "0" => set(line, "SCF_RetryNum", ""),
            2 => set(line, "SCF_RequestId", ""),
            3 => set(line, "SCF_StatusCode", "running"),
            4 => {
                let padded = format!(" {} ", line.get("SCF_StatusCode"));
                set(line, "SCF_StatusCode", &padded);
            }
            _ => {}
        }
    }
    fixtures.push((
        "odd-lines.jsonl".to_owned(),
        vec![write(
            "odd-lines.jsonl",
            cls_logs::json_lines_with(&odd, |_| false).as_bytes(),
        )],
    ));
    fixtures
}

/// `scf-codes` with `args`; fails the test unless it succeeds.
fn scf_codes(args: &[&OsStr]) -> String {
    let run = run_with_input(args, None);
    assert_eq!(run.status, 0, "scf-codes {args:?}: {}", run.stderr);
    run.stdout
}

/// The options a query is asked with: none, a grouping with a time line, and a window with a
/// function.
const OPTIONS: [&[&str]; 4] = [
    &[],
    &["--by", "function"],
    &["--by", "version", "--every", "2s"],
    &[
        "--since",
        "2022-05-25T23:59:35Z",
        "--until",
        "2022-05-25T23:59:40Z",
        "--function",
        "order-sync",
    ],
];

/// Of a query's options, those that shape the report of its answer: the grouping and the
/// bucket. The window and the function were the engine's to apply.
fn report_options<'a>(options: &[&'a str]) -> Vec<&'a str> {
    options
        .chunks(2)
        .filter(|pair| matches!(pair[0], "--by" | "--every"))
        .flatten()
        .copied()
        .collect()
}

/// `triage --json` with `options` of `files`, without what only the logs can tell (records
/// read, lines skipped, sample request IDs, times, durations, memory) or only an answer can
/// (its rows). The time line stays when `--every` sets its buckets.
fn report(options: &[&str], files: &[PathBuf]) -> Value {
    let mut args: Vec<&OsStr> = vec!["triage".as_ref(), "--json".as_ref()];
    args.extend(options.iter().map(OsStr::new));
    args.extend(files.iter().map(|file| file.as_os_str()));
    let mut report: Value = serde_json::from_str(&scf_codes(&args)).unwrap();
    if !options.contains(&"--every") {
        report.as_object_mut().unwrap().remove("timeline");
    }
    strip(&mut report);
    report
}

fn strip(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for key in [
                "records",
                "skipped",
                "answer_rows",
                "sample_request_ids",
                "first_seen",
                "last_seen",
                "duration_ms",
                "memory_mb",
            ] {
                object.remove(key);
            }
            object.values_mut().for_each(strip);
        }
        Value::Array(elements) => elements.iter_mut().for_each(strip),
        _ => {}
    }
}

/// One run of the engine: the query's options, the logs, and where its answer goes.
struct Job {
    fixture: String,
    options: &'static [&'static str],
    logs: Vec<PathBuf>,
    answer: PathBuf,
}

/// Runs triage's query for `engine`, asked with each of `options`, over every fixture, in one
/// engine session, answers written in each of `formats` in turn; returns the jobs run.
fn run_engine(
    engine: &str,
    dir: &Path,
    options: &[&'static [&'static str]],
    formats: &[&str],
) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (number, options) in options.iter().enumerate() {
        let mut args: Vec<&OsStr> = vec!["triage".as_ref(), "--sql".as_ref(), engine.as_ref()];
        args.extend(options.iter().map(OsStr::new));
        let query = dir.join(format!("query-{number}.sql"));
        std::fs::write(&query, scf_codes(&args)).unwrap();
        for (fixture, logs) in fixtures(dir) {
            let format = formats[jobs.len() % formats.len()];
            let answer = dir.join(format!(
                "answer-{}-{number}.{format}",
                fixture.replace(' ', "-")
            ));
            jobs.push((
                Job {
                    fixture,
                    options,
                    logs,
                    answer,
                },
                query.clone(),
            ));
        }
    }
    let description: Vec<Value> = jobs
        .iter()
        .map(|(job, query)| {
            json!({
                "query": query,
                "out": job.answer,
                "logs": job.logs,
            })
        })
        .collect();
    let jobs_file = dir.join("jobs.json");
    std::fs::write(&jobs_file, serde_json::to_string(&description).unwrap()).unwrap();
    let output = Command::new(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/sql-engine.py"))
        .args([engine, "--jobs"])
        .arg(&jobs_file)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "scripts/sql-engine.py {engine} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    jobs.into_iter().map(|(job, _)| job).collect()
}

fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Whether Python can import `module`.
fn python_has(module: &str) -> bool {
    Command::new(python())
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Every answer gives triage's report of its logs, field for field.
fn check_answers(jobs: &[Job]) {
    for job in jobs {
        let from_logs = report(job.options, &job.logs);
        let from_answer = report(
            &report_options(job.options),
            std::slice::from_ref(&job.answer),
        );
        assert_eq!(
            from_answer,
            from_logs,
            "{} ({:?}): the engine's answer {} differs from triage's report",
            job.fixture,
            job.options,
            job.answer.display()
        );
        assert!(from_logs["invocations"].as_u64().unwrap() > 0);
    }
}

#[test]
fn duckdb_answers_with_triages_counts() {
    if !python_has("duckdb") {
        if std::env::var("SCF_CODES_SKIP_DUCKDB").as_deref() == Ok("1") {
            eprintln!("skipped: SCF_CODES_SKIP_DUCKDB=1 and no duckdb Python package");
            return;
        }
        panic!(
            "this test runs triage's query in DuckDB, and {} cannot import duckdb: install it \
             with `pip install duckdb` (or set SCF_CODES_SKIP_DUCKDB=1 to skip this test)",
            python()
        );
    }
    let dir = scratch("sql", "duckdb");
    let jobs = run_engine("duckdb", &dir, &OPTIONS, &["jsonl", "csv", "json"]);
    check_answers(&jobs);

    // The same rows as CLS's analysis would return them, with and without tccli's wrapper.
    let job = jobs
        .iter()
        .find(|job| {
            job.options == OPTIONS[1] && job.answer.extension() == Some(OsStr::new("jsonl"))
        })
        .unwrap();
    let rows: Vec<Value> = std::fs::read_to_string(&job.answer)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let records: Vec<String> = rows.iter().map(Value::to_string).collect();
    let results: Vec<Value> = rows
        .iter()
        .map(|row| {
            let data: Vec<Value> = ["function", "code", "invocations"]
                .iter()
                .map(|key| {
                    let value = match &row[key] {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    json!({ "Key": key, "Value": value })
                })
                .collect();
            json!({ "Data": data })
        })
        .collect();
    let columns = ["function", "code", "invocations"];
    for (name, response) in [
        (
            "records.json",
            json!({ "Response": { "Analysis": true, "ColNames": columns, "AnalysisRecords": records, "RequestId": "r" } }),
        ),
        (
            "results.json",
            json!({ "Analysis": true, "ColNames": columns, "AnalysisResults": results, "RequestId": "r" }),
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, serde_json::to_string_pretty(&response).unwrap()).unwrap();
        assert_eq!(
            report(OPTIONS[1], &[path]),
            report(OPTIONS[1], &job.logs),
            "{name}"
        );
    }
}

/// Spark local mode takes minutes to start and run; `scripts/check-sql-spark.sh` runs this.
#[test]
#[ignore = "needs pyspark and Java 17: scripts/check-sql-spark.sh runs it"]
fn spark_answers_with_triages_counts() {
    assert!(
        python_has("pyspark"),
        "{} cannot import pyspark: pip install pyspark",
        python()
    );
    let dir = scratch("sql", "spark");
    // Spark takes seconds a query, and CI runs this: no option, and the grouping by function
    // and version with a time line; the rest is checked in DuckDB.
    let jobs = run_engine("spark", &dir, &[OPTIONS[0], OPTIONS[2]], &["jsonl", "csv"]);
    check_answers(&jobs);
}

#[test]
fn the_query_is_printed_for_each_engine_and_takes_no_files() {
    for engine in ["cls", "spark", "duckdb"] {
        let query = scf_codes(&["triage".as_ref(), "--sql".as_ref(), OsStr::new(engine)]);
        assert!(query.contains("count(*) AS invocations"), "{query}");
    }
    let run = run_with_input(&["triage", "--sql", "duckdb", "logs.jsonl"], None);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn an_answer_that_cannot_be_read_is_an_error_with_its_place() {
    let dir = scratch("sql", "bad-answer");
    let path = dir.join("answer.jsonl");
    std::fs::write(
        &path,
        "{\"code\":200,\"invocations\":3}\n{\"code\":\"soon\",\"invocations\":1}\n",
    )
    .unwrap();
    let run = run_with_input(&[OsStr::new("triage"), path.as_os_str()], None);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("answer.jsonl:2:1: code is \"soon\", expected a status code"),
        "{}",
        run.stderr
    );
}
