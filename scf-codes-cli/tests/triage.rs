//! `scf-codes triage` on logs from the fixture generator (`examples/support/cls_logs.rs`): every
//! input shape gives the counts the generator knows, for the same invocations.

#[path = "../examples/support/cls_logs.rs"]
mod cls_logs;
mod support;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use cls_logs::{Expected, Line};
use serde_json::Value;
use support::{Run, gzip, run_with_input, scratch};

/// The logs of `invocations` invocations, and what triage must report for them.
fn logs(seed: u64, invocations: u64) -> (Vec<Line>, Expected) {
    let mut lines = Vec::new();
    let expected = cls_logs::generate(
        seed,
        |started| started >= invocations,
        |line| lines.push(line.clone()),
    );
    (lines, expected)
}

/// `scf-codes triage` with `args`.
fn triage(args: &[&std::ffi::OsStr], stdin: Option<&[u8]>) -> Run {
    let mut all = vec![std::ffi::OsStr::new("triage")];
    all.extend_from_slice(args);
    run_with_input(&all, stdin)
}

/// `triage --json` of the files, parsed.
fn report(files: &[&Path]) -> Value {
    let mut args: Vec<&std::ffi::OsStr> = vec!["--json".as_ref()];
    args.extend(files.iter().map(|file| file.as_os_str()));
    let run = triage(&args, None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The counts of a report: invocations, unfinished, records, and invocations by code.
fn counts(report: &Value) -> (u64, u64, u64, BTreeMap<u16, u64>) {
    (
        report["invocations"].as_u64().unwrap(),
        report["unfinished"].as_u64().unwrap(),
        report["records"].as_u64().unwrap(),
        invocations_by_code(report),
    )
}

/// The invocations of each code in the `codes` of a report, or of one of its `functions`.
fn invocations_by_code(counted: &Value) -> BTreeMap<u16, u64> {
    counted["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| {
            (
                code["code"].as_u64().unwrap() as u16,
                code["invocations"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn expected_counts(expected: &Expected) -> (u64, u64, u64, BTreeMap<u16, u64>) {
    (
        expected.invocations(),
        expected.unfinished(),
        expected.records,
        expected.by_code(),
    )
}

fn tar(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, *bytes).unwrap();
    }
    builder.into_inner().unwrap()
}

/// Each record as a JSON string, the way SearchLog and trigger events carry records.
fn record_strings(lines: &[Line]) -> Vec<Value> {
    lines
        .iter()
        .map(|line| Value::String(line.json(false)))
        .collect()
}

fn search_log_response(lines: &[Line]) -> Value {
    let results: Vec<Value> = record_strings(lines)
        .into_iter()
        .enumerate()
        .map(|(index, log_json)| {
            serde_json::json!({
                "Time": 1_653_523_171_317_u64 + index as u64, "TopicId": "topic-1",
                "TopicName": "scf-logs", "Source": "10.0.0.1", "FileName": "/scf",
                "PkgId": "pkg", "PkgLogId": index.to_string(), "LogJson": log_json,
            })
        })
        .collect();
    serde_json::json!({"Response": {"Context": "c", "ListOver": true, "Analysis": false,
        "Results": results, "RequestId": "api-request"}})
}

fn trigger_records(lines: &[Line]) -> Value {
    let records: Vec<Value> = record_strings(lines)
        .into_iter()
        .map(|content| serde_json::json!({"timestamp": "1653523171317", "content": content}))
        .collect();
    serde_json::json!({"topic_id": "topic-1", "topic_name": "scf-logs", "records": records})
}

fn trigger_event(lines: &[Line]) -> Value {
    let payload = serde_json::to_vec(&trigger_records(lines)).unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(gzip(&payload));
    serde_json::json!({"clslogs": {"data": data}})
}

#[test]
fn every_input_shape_gives_the_counts_of_the_same_invocations() {
    let (lines, expected) = logs(7, 300);
    let want = expected_counts(&expected);
    let jsonl = cls_logs::json_lines(&lines, false);
    let half = lines.len() / 2;
    let records: Vec<Value> = lines
        .iter()
        .map(|line| serde_json::from_str(&line.json(true)).unwrap())
        .collect();
    let shapes: Vec<(&str, Vec<u8>)> = vec![
        ("logs.jsonl", jsonl.clone().into_bytes()),
        (
            "numbers.jsonl",
            cls_logs::json_lines(&lines, true).into_bytes(),
        ),
        ("logs.csv", cls_logs::csv(&lines).into_bytes()),
        ("logs.jsonl.gz", gzip(jsonl.as_bytes())),
        ("logs.csv.gz", gzip(cls_logs::csv(&lines).as_bytes())),
        (
            "logs.tar",
            tar(&[
                (
                    "export/part-1.json",
                    cls_logs::json_lines(&lines[..half], false).as_bytes(),
                ),
                (
                    "export/part-2.json",
                    cls_logs::json_lines(&lines[half..], false).as_bytes(),
                ),
            ]),
        ),
        (
            "logs.tar.gz",
            gzip(&tar(&[
                (
                    "part-1.csv.gz",
                    &gzip(cls_logs::csv(&lines[..half]).as_bytes()),
                ),
                ("part-2.csv", cls_logs::csv(&lines[half..]).as_bytes()),
            ])),
        ),
        (
            "search-log.json",
            serde_json::to_vec(&search_log_response(&lines)).unwrap(),
        ),
        (
            "search-log-pretty.json",
            serde_json::to_vec_pretty(&search_log_response(&lines)).unwrap(),
        ),
        (
            "trigger.json",
            serde_json::to_vec(&trigger_event(&lines)).unwrap(),
        ),
        (
            "trigger-decoded.json",
            serde_json::to_vec_pretty(&trigger_records(&lines)).unwrap(),
        ),
        ("array.json", serde_json::to_vec(&records).unwrap()),
        (
            "array-pretty.json",
            serde_json::to_vec_pretty(&records).unwrap(),
        ),
    ];
    let dir = scratch("triage", "shapes");
    for (name, bytes) in &shapes {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let report = report(&[&path]);
        assert_eq!(counts(&report), want, "{name}");
        assert_eq!(report["skipped"], 0, "{name}");
    }
}

#[test]
fn every_layout_and_order_that_users_feed_it_gives_one_report() {
    let (lines, expected) = logs(19, 400);
    let dir = scratch("triage", "layouts");
    let mut first: Option<(String, Value)> = None;
    for layout in cls_logs::Layout::ALL {
        for order in [
            cls_logs::Order::OldestFirst,
            cls_logs::Order::NewestFirst,
            cls_logs::Order::Shuffled(5),
        ] {
            for bom in [false, true] {
                let mut arranged = lines.clone();
                cls_logs::arrange(&mut arranged, order);
                let name = format!("{layout:?}-{order:?}-{bom}");
                let path = dir.join(&name);
                std::fs::write(&path, cls_logs::render(&arranged, layout, bom)).unwrap();
                let report = report(&[&path]);
                assert_eq!(counts(&report), expected_counts(&expected), "{name}");
                assert_eq!(report["skipped"], 0, "{name}");
                match &first {
                    // Sample request IDs included: they are the earliest, by time.
                    Some((first_name, first)) => {
                        assert_eq!(&report, first, "{name} and {first_name}")
                    }
                    None => first = Some((name, report)),
                }
            }
        }
    }
}

#[test]
fn an_invocation_split_across_two_files_is_counted_once() {
    let (lines, expected) = logs(11, 200);
    // Split inside an invocation: the first file has its START, the second its END.
    let split = lines
        .iter()
        .position(|line| {
            line.get("SCF_Message").starts_with("START") && line.get("SCF_RetryNum") == "0"
        })
        .unwrap()
        + 1;
    let dir = scratch("triage", "split");
    let (first, second) = (dir.join("a.jsonl"), dir.join("b.jsonl.gz"));
    std::fs::write(&first, cls_logs::json_lines(&lines[..split], false)).unwrap();
    std::fs::write(
        &second,
        gzip(cls_logs::json_lines(&lines[split..], false).as_bytes()),
    )
    .unwrap();
    assert_eq!(
        counts(&report(&[&first, &second])),
        expected_counts(&expected)
    );
    assert_eq!(
        report(&[&first])["unfinished"],
        1,
        "the first file alone ends in 202"
    );
}

#[test]
fn an_async_invocation_retried_by_the_platform_counts_each_attempt() {
    let line = |retry: &str, status: &str| {
        format!(
            "{{\"SCF_RequestId\":\"r-1\",\"SCF_RetryNum\":\"{retry}\",\"SCF_StatusCode\":\"{status}\",\
             \"SCF_FunctionName\":\"order-sync\"}}\n"
        )
    };
    let input = [
        line("0", "202"),
        line("0", "500"),
        line("0", "500"),
        line("1", "202"),
        line("1", "200"),
        line("1", "200"),
    ]
    .concat();
    let run = triage(&["--json".as_ref()], Some(input.as_bytes()));
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        counts(&report),
        (2, 0, 6, BTreeMap::from([(200, 1), (500, 1)]))
    );
    assert_eq!(report["codes"][1]["sample_request_ids"][0], "r-1");
}

#[test]
fn by_function_gives_each_functions_counts() {
    let (lines, expected) = logs(3, 300);
    let dir = scratch("triage", "by-function");
    let path = dir.join("logs.jsonl");
    std::fs::write(&path, cls_logs::json_lines(&lines, false)).unwrap();
    let args = [
        "--json".as_ref(),
        "--by".as_ref(),
        "function".as_ref(),
        path.as_os_str(),
    ];
    let run = triage(&args, None);
    let by_function: Value = serde_json::from_str(&run.stdout).unwrap();
    let functions = by_function["functions"].as_array().unwrap();
    assert_eq!(functions.len(), cls_logs::FUNCTIONS.len());
    for function in functions {
        let name = function["function"].as_str().unwrap();
        let codes = invocations_by_code(function);
        let want: BTreeMap<u16, u64> = expected
            .outcomes
            .iter()
            .filter(|((function, _), _)| function == name)
            .map(|((_, code), count)| (*code, *count))
            .collect();
        assert_eq!(codes, want, "{name}");
        assert_eq!(
            function["unfinished"].as_u64().unwrap(),
            expected.unfinished.get(name).copied().unwrap_or(0)
        );
    }
    let without = report(&[&path]);
    assert!(without.get("functions").is_none());
}

#[test]
fn the_json_report_has_the_documented_schema() {
    let (lines, expected) = logs(5, 2000);
    assert!(
        expected.by_code().contains_key(&599),
        "599 is not in the table"
    );
    let run = triage(
        &["--json".as_ref()],
        Some(cls_logs::json_lines(&lines, false).as_bytes()),
    );
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let keys = |value: &Value| -> std::collections::BTreeSet<String> {
        value.as_object().unwrap().keys().cloned().collect()
    };
    let set = |names: &[&str]| names.iter().map(|name| name.to_string()).collect();
    assert_eq!(
        keys(&report),
        set(&[
            "invocations",
            "failed",
            "unfinished",
            "records",
            "skipped",
            "codes",
            "timeline"
        ])
    );
    assert_eq!(
        keys(&report["codes"][0]),
        set(&[
            "code",
            "name",
            "message",
            "category",
            "retryable",
            "known",
            "invocations",
            "share",
            "sample_request_ids",
            "first_seen",
            "last_seen",
            "duration_ms",
            "memory_mb"
        ])
    );
    let finished = report["invocations"].as_u64().unwrap() as f64;
    for code in report["codes"].as_array().unwrap() {
        let share = code["invocations"].as_u64().unwrap() as f64 / finished;
        assert!((code["share"].as_f64().unwrap() - share).abs() < 1e-12);
        assert!(code["sample_request_ids"].as_array().unwrap().len() <= 3);
    }
    let unknown = report["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|code| code["code"] == 599)
        .unwrap();
    assert_eq!(unknown["known"], false);
    assert_eq!(unknown["category"], "unknown");
}

#[test]
fn the_table_counts_most_frequent_first_with_totals_and_what_to_do() {
    let (lines, expected) = logs(9, 200);
    let run = triage(&[], Some(cls_logs::json_lines(&lines, false).as_bytes()));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut rows = run.stdout.lines();
    // The generator's invocations start 37 ms apart: 200 of them end within 11 seconds.
    assert_eq!(
        rows.next().unwrap(),
        "Ended 2022-05-25 23:59:31\u{2013}23:59:42 UTC, 1-second buckets"
    );
    assert_eq!(rows.next().unwrap(), "");
    assert_eq!(
        rows.next().unwrap(),
        "CODE  NAME                  CATEGORY       RETRY  INVOCATIONS  SHARE  P95 MS  OVER TIME"
    );
    assert!(rows.next().unwrap().starts_with("200   Success"));
    let totals = format!(
        "{} invocations, {} failed, {} unfinished; {} records read, 0 lines skipped",
        expected.invocations(),
        expected.invocations() - expected.by_code()[&200],
        expected.unfinished(),
        expected.records
    );
    assert!(run.stdout.contains(&totals), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("  433 TimeLimitReached: Check whether a large number of time-consuming"),
        "{}",
        run.stdout
    );

    let by_function = triage(
        &["--by".as_ref(), "function".as_ref()],
        Some(cls_logs::json_lines(&lines, false).as_bytes()),
    );
    let text = by_function.stdout;
    for function in cls_logs::FUNCTIONS {
        let header = text
            .lines()
            .position(|line| line.starts_with(&format!("{function}: ")))
            .unwrap_or_else(|| panic!("no table for {function}:\n{text}"));
        assert!(
            text.lines()
                .nth(header + 1)
                .unwrap()
                .starts_with("CODE  NAME")
        );
    }
    assert!(text.contains(&format!("All functions: {totals}")), "{text}");
}

#[test]
fn garbage_between_records_is_skipped_and_counted() {
    let (lines, expected) = logs(13, 100);
    let mut input = String::from("\u{feff}not a log line\n");
    for (index, line) in lines.iter().enumerate() {
        input.push_str(&line.json(false));
        input.push('\n');
        if index % 50 == 0 {
            input.push_str("{\"level\":\"info\",\"msg\":\"another service\"}\n\u{1}\u{2}\n");
        }
    }
    input.push_str("{\"SCF_RequestId\":\"cut-short\",\"SCF_Sta");
    let run = triage(&["--json".as_ref()], Some(input.as_bytes()));
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(counts(&report), expected_counts(&expected));
    let inserted = 2 * lines.len().div_ceil(50) as u64;
    assert_eq!(report["skipped"].as_u64().unwrap(), 1 + inserted + 1);
}

#[test]
fn standard_input_is_read_when_there_is_no_file_or_a_dash() {
    let input = "{\"SCF_RequestId\":\"a\",\"SCF_StatusCode\":433}\n";
    for args in [vec![], vec!["-".as_ref()]] {
        let mut args: Vec<&std::ffi::OsStr> = args;
        args.insert(0, "--json".as_ref());
        let run = triage(&args, Some(input.as_bytes()));
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert!(run.stdout.contains("\"code\": 433"));
    }
}

#[test]
fn input_without_a_record_or_a_readable_file_exits_2_and_says_why() {
    let run = triage(&[], Some(b"hello\nworld\n"));
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.starts_with(
            "error: cannot read standard input: no SCF log record in it (none of its 2 lines \
             or values is one)"
        ),
        "{}",
        run.stderr
    );
    let run = triage(&["/no/such/logs.jsonl".as_ref()], None);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .starts_with("error: cannot read /no/such/logs.jsonl: "),
        "{}",
        run.stderr
    );
    let dir = scratch("triage", "truncated");
    let path = dir.join("cut.jsonl.gz");
    let whole = gzip(cls_logs::json_lines(&logs(1, 50).0, false).as_bytes());
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let run = triage(&[path.as_os_str()], None);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("cut short"), "{}", run.stderr);
    // The whole lines before the cut still count, as `gzip -dc` recovers them.
    let mut recovered = Vec::new();
    let cut = &whole[..whole.len() / 2];
    let _ = flate2::read::GzDecoder::new(cut).read_to_end(&mut recovered);
    let lines = recovered.iter().filter(|&&byte| byte == b'\n').count() as u64;
    assert!(lines > 0);
    let run = triage(&["--json".as_ref(), path.as_os_str()], None);
    assert_eq!(run.status, 2);
    let counted: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(counted["records"], lines, "{}", run.stdout);
}

/// A hand-written fixture of `tests/data/triage`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/triage")
        .join(name)
}

/// `triage --json` of the fixtures named.
fn triage_fixtures(names: &[&str]) -> Run {
    let paths: Vec<PathBuf> = names.iter().map(|name| fixture(name)).collect();
    let mut args: Vec<&std::ffi::OsStr> = vec!["--json".as_ref()];
    args.extend(paths.iter().map(|path| path.as_os_str()));
    triage(&args, None)
}

/// The sample request IDs of each code of a report.
fn samples(report: &Value) -> BTreeMap<u16, Vec<String>> {
    report["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| {
            let ids = code["sample_request_ids"].as_array().unwrap();
            (
                code["code"].as_u64().unwrap() as u16,
                ids.iter()
                    .map(|id| id.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect()
}

/// One hand-written log of five attempts, in every layout that CLS, tccli and jq produce:
/// `r-a` ends in 433 and its retry in 200; `r-b` logs 500 and then, later, 200; `r-c` never
/// finishes; `r-d` ends in 433. Read newest first, an outcome by input order would be 500.
#[test]
fn every_layout_of_one_log_gives_the_same_report() {
    let want = report(&[&fixture("oldest-first.jsonl")]);
    assert_eq!(
        counts(&want),
        (4, 1, 14, BTreeMap::from([(200, 2), (433, 2)]))
    );
    assert_eq!(want["skipped"], 0);
    assert_eq!(
        samples(&want),
        BTreeMap::from([
            (200, vec!["r-b".to_owned(), "r-a".to_owned()]),
            (433, vec!["r-a".to_owned(), "r-d".to_owned()]),
        ])
    );
    for layout in [
        &["newest-first.jsonl"][..],
        &["pretty-newest-first.json"],
        &["array-one-line.json"],
        &["array-pretty.json"],
        &["wrapped-first-record.jsonl"],
        &["search-log-pages.json"],
        &["tccli-page-2.json", "tccli-page-1.json"],
        &["bom.jsonl"],
        &["bom-array.json"],
        &["bom.csv"],
        &["export.csv"],
        &["padded.jsonl.gz"],
    ] {
        let run = triage_fixtures(layout);
        assert_eq!(run.status, 0, "{layout:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{layout:?}");
        let report: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(report, want, "{layout:?}");
    }
}

#[test]
fn numbers_keys_and_records_as_users_write_them_give_their_counts() {
    for (name, want, skipped) in [
        // 433.0, "433", " 433 ", a float time, trimmed request IDs (`n-1 ` is `n-1`), and keys of
        // other types, wrapper names among them, that do not drop the record.
        (
            "numbers-and-types.jsonl",
            (5, 0, 6, BTreeMap::from([(200, 1), (433, 4)])),
            0,
        ),
        // -433, 433.5, "", null, 65536 and "4x3" are not status codes.
        ("bad-status.jsonl", (1, 0, 1, BTreeMap::from([(200, 1)])), 6),
        // The last of a duplicated key wins.
        (
            "duplicate-keys.jsonl",
            (2, 0, 2, BTreeMap::from([(200, 1), (433, 1)])),
            0,
        ),
        // A broken line and a last line cut short are skipped lines; the rest counts.
        (
            "broken-lines.jsonl",
            (4, 1, 14, BTreeMap::from([(200, 2), (433, 2)])),
            3,
        ),
        (
            "retried-samples.jsonl",
            (7, 0, 11, BTreeMap::from([(433, 7)])),
            0,
        ),
    ] {
        let report = report(&[&fixture(name)]);
        assert_eq!(counts(&report), want, "{name}");
        assert_eq!(report["skipped"], skipped, "{name}");
    }
    let retried = report(&[&fixture("retried-samples.jsonl")]);
    assert_eq!(
        samples(&retried)[&433],
        ["first", "second", "third"],
        "the earliest distinct request IDs"
    );
}

#[test]
fn records_without_a_request_id_count_one_each_with_a_warning() {
    let run = triage_fixtures(&["no-request-id.jsonl"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        counts(&report),
        (3, 1, 4, BTreeMap::from([(200, 1), (433, 2)]))
    );
    assert!(
        run.stderr.starts_with(
            "warning: 3 records have no SCF_RequestId: each was counted as an invocation of its own"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("simplified format"), "{}", run.stderr);
}

#[test]
fn a_broken_input_is_an_error_that_names_it_and_the_others_are_still_reported() {
    let dir = scratch("triage", "unreadable");
    let missing = dir.join("missing.jsonl");
    let good = fixture("newest-first.jsonl");
    for (bad, message) in [
        (
            fixture("cut-short.json"),
            format!(
                "error: {}:55:294: the input ends inside the JSON value that starts at line 1: \
                 the file is cut short",
                fixture("cut-short.json").display()
            ),
        ),
        (
            fixture("stray-quote.csv"),
            format!(
                "error: {}:7:1: unclosed quote: a quoted field opened in the CSV row at this \
                 line is still open at the end of the input",
                fixture("stray-quote.csv").display()
            ),
        ),
        (
            fixture("cut.tar"),
            format!(
                "error: cannot read {}: the input ends in the middle of a compressed stream or \
                 archive; the file may be cut short",
                fixture("cut.tar").display()
            ),
        ),
        (
            fixture("utf16.jsonl"),
            format!(
                "error: cannot read {}: it is UTF-16 text (it starts with the byte-order mark FF \
                 FE), as Windows PowerShell's `>` writes; triage reads UTF-8. Convert it with \
                 `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`",
                fixture("utf16.jsonl").display()
            ),
        ),
        (
            dir.clone(),
            format!(
                "error: cannot read {}: it is a directory; name the files in it",
                dir.display()
            ),
        ),
        (
            missing.clone(),
            format!("error: cannot read {}: No such file", missing.display()),
        ),
    ] {
        let args = ["--json".as_ref(), bad.as_os_str(), good.as_os_str()];
        let run = triage(&args, None);
        assert_eq!(run.status, 2, "{}", bad.display());
        assert!(run.stderr.starts_with(&message), "{}", run.stderr);
        assert!(
            !run.stderr.contains("JSON Lines, one record"),
            "{}",
            run.stderr
        );
        let report: Value = serde_json::from_str(&run.stdout).unwrap();
        let records = report["records"].as_u64().unwrap();
        assert!(records >= 14, "{}: {records} records", bad.display());
    }
}

#[test]
fn options_that_leave_nothing_say_so_and_an_answer_is_never_added_to_logs() {
    let log = fixture("newest-first.jsonl");
    let run = triage(
        &[
            "--function".as_ref(),
            "no-such-fn".as_ref(),
            log.as_os_str(),
        ],
        None,
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("warning: no invocation is left of the "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("its functions are: "), "{}", run.stderr);
    let dir = scratch("triage", "answer-and-logs");
    let answer = dir.join("answer.csv");
    std::fs::write(&answer, "code,invocations\n433,5\n").unwrap();
    for files in [[&answer, &log], [&log, &answer]] {
        let run = triage(&[files[0].as_os_str(), files[1].as_os_str()], None);
        assert_eq!(run.status, 2);
        assert!(
            run.stderr.contains("hold both SCF logs and the answer of"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
}
