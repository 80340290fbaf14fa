//! "Exit 0 means every count is exact": `scf-codes triage` on inputs that no code of this
//! repository wrote (`tests/data/triage/exact`, made with gzip, zip, tar, zstd, DuckDB, jq and
//! Python's csv module, as its README says). Each input it cannot count in full is named on
//! standard error and the exit status is 2; every input it reads gives the log's counts.

mod support;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::Value;
use support::{Run, run_with_input};

/// A fixture of `tests/data/triage/exact`, or of `tests/data/triage` for `../NAME`.
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/triage/exact")
        .join(name)
}

/// `scf-codes triage` with `args`, then the fixtures.
fn triage(args: &[&str], fixtures: &[&str]) -> Run {
    let mut all: Vec<&OsStr> = vec!["triage".as_ref()];
    all.extend(args.iter().map(OsStr::new));
    let paths: Vec<PathBuf> = fixtures.iter().map(|name| fixture(name)).collect();
    all.extend(paths.iter().map(|path| path.as_os_str()));
    run_with_input(&all, None)
}

/// `triage --json` of the fixtures, which must exit 0.
fn report(args: &[&str], fixtures: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let run = triage(&all, fixtures);
    assert_eq!(run.status, 0, "{fixtures:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// Invocations, unfinished, and invocations by code.
fn counts(report: &Value) -> (u64, u64, BTreeMap<u64, u64>) {
    (
        report["invocations"].as_u64().unwrap(),
        report["unfinished"].as_u64().unwrap(),
        report["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| {
                (
                    code["code"].as_u64().unwrap(),
                    code["invocations"].as_u64().unwrap(),
                )
            })
            .collect(),
    )
}

/// The counts of `oldest-first.jsonl`, the log every fixture here holds (see the README of
/// `tests/data/triage`): 4 invocations, 200 twice and 433 twice, and 1 unfinished.
fn the_log() -> (u64, u64, BTreeMap<u64, u64>) {
    (4, 1, BTreeMap::from([(200, 2), (433, 2)]))
}

#[test]
fn bytes_that_are_not_utf8_in_a_message_cost_no_record() {
    for fixture in ["gbk-message.jsonl", "gbk-array-one-line.json"] {
        let report = report(&[], &[fixture]);
        assert_eq!(counts(&report), the_log(), "{fixture}");
        assert_eq!(
            (&report["records"], &report["skipped"]),
            (&14.into(), &0.into())
        );
    }
}

#[test]
fn a_one_line_array_that_breaks_is_an_error_at_its_line_and_column() {
    let run = triage(
        &["--json"],
        &["broken-array-one-line.json", "../oldest-first.jsonl"],
    );
    assert_eq!(run.status, 2, "{}", run.stderr);
    let broken = std::fs::read_to_string(fixture("broken-array-one-line.json")).unwrap();
    // Where serde_json stops: the end of the number too large for a float.
    let column = broken.find("1e400").unwrap() + "1e400".len();
    assert!(
        run.stderr
            .contains(&format!("broken-array-one-line.json:1:{column}: "))
            && run.stderr.contains("the 3 records before it were counted"),
        "{}",
        run.stderr
    );
    // The report still prints, with what could be counted.
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["records"], 14 + 3);
}

#[test]
fn a_tab_separated_export_is_read_as_csv() {
    let report = report(&[], &["export.tsv"]);
    assert_eq!(counts(&report), the_log());
    assert_eq!(report["records"], 14);
}

#[test]
fn csv_shipped_to_cos_is_read_with_any_of_its_delimiters_and_its_escape_character() {
    for name in ["cos-pipe.csv", "cos-semicolon.csv", "cos-space.csv"] {
        let report = report(&[], &[name]);
        assert_eq!(counts(&report), the_log(), "{name}");
        assert_eq!(report["skipped"], 0, "{name}");
    }
    let report = report(&["--csv-escape", "'"], &["cos-escape.csv"]);
    assert_eq!(counts(&report), the_log());
    assert_eq!(report["skipped"], 0);
}

#[test]
fn a_csv_without_its_key_line_is_read_under_the_keys_given() {
    let keys = "SCF_RequestId,SCF_RetryNum,SCF_FunctionName,SCF_Qualifier,SCF_StatusCode,\
                SCF_LogTime,SCF_StartTime,SCF_Duration,SCF_MemUsage,SCF_Message";
    let report = report(&["--csv-keys", keys], &["cos-no-keys.tsv"]);
    assert_eq!(counts(&report), the_log());
    // Without the keys, the file is named: none of its lines is a record.
    let run = triage(&[], &["cos-no-keys.tsv", "../oldest-first.jsonl"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("cos-no-keys.tsv: no SCF log record in it")
            && run.stderr.contains("--csv-keys"),
        "{}",
        run.stderr
    );
    // Keys that do not fit the first line say so.
    let run = triage(
        &["--csv-keys", "SCF_RequestId,SCF_StatusCode"],
        &["cos-no-keys.tsv"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("splits into no 2 fields"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_zip_is_read_file_by_file() {
    assert_eq!(counts(&report(&[], &["logs.zip"])), the_log());
    let bytes = std::fs::read(fixture("logs.zip")).unwrap();
    let run = run_with_input(&["triage", "--json"], Some(&bytes));
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn zstandard_and_parquet_are_named_with_how_to_convert_them_next_to_good_inputs() {
    let run = triage(
        &["--json"],
        &["logs.jsonl.zst", "../oldest-first.jsonl", "logs.parquet"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("logs.jsonl.zst: it is a Zstandard-compressed file")
            && run.stderr.contains("zstd -dc"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("logs.parquet: it is a Parquet file")
            && run.stderr.contains("duckdb -c"),
        "{}",
        run.stderr
    );
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(counts(&report), the_log());
}

#[test]
fn a_tar_of_a_zip_and_a_parquet_file_reads_the_zip_and_names_the_parquet_file() {
    let run = triage(&["--json"], &["zip-and-parquet.tar"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("zip-and-parquet.tar: logs.parquet: it is a Parquet file"),
        "{}",
        run.stderr
    );
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(counts(&report), the_log());
}

#[test]
fn an_input_without_a_record_next_to_good_inputs_is_named() {
    let run = triage(&["--json"], &["../oldest-first.jsonl", "notes.txt"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("notes.txt: no SCF log record in it (none of its 2 lines or values is one)"),
        "{}",
        run.stderr
    );
}

#[test]
fn csv_exports_concatenated_with_other_column_orders_are_each_read_under_their_header() {
    for name in ["two-orders.csv", "two-orders.csv.gz", "two-boms.csv"] {
        let report = report(&[], &[name]);
        assert_eq!(counts(&report), the_log(), "{name}");
        assert_eq!(report["skipped"], 0, "{name}");
        assert_eq!(report["records"], 14, "{name}");
    }
}

#[test]
fn a_row_like_a_header_without_the_required_columns_is_an_error_at_its_line() {
    let run = triage(&[], &["header-differs.csv"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("header-differs.csv:9:1: this row looks like a CSV header"),
        "{}",
        run.stderr
    );
}

#[test]
fn logs_beside_an_invocations_key_or_column_are_logs_not_an_answer() {
    let report = report(&[], &["other-service-first.jsonl"]);
    assert_eq!(counts(&report), the_log());
    assert_eq!(report["skipped"], 1);
    assert!(report.get("answer_rows").is_none());
    let report = self::report(&[], &["export-with-code-columns.csv"]);
    assert_eq!(counts(&report), the_log());
}

#[test]
fn an_answer_refuses_a_window_a_function_and_a_finer_bucket() {
    for args in [
        &["--since", "2025-11-27T09:03:00Z"][..],
        &["--until", "2025-11-27T09:03:00Z"],
        &["--function", "order-sync"],
    ] {
        let run = triage(args, &["answer-by-5m.csv"]);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(
            run.stderr
                .contains("--since, --until and --function cannot be applied to the answer"),
            "{}",
            run.stderr
        );
    }
    let run = triage(&["--every", "1m"], &["answer-by-5m.csv"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("--every 1m is finer than the buckets of the engine's answer"),
        "{}",
        run.stderr
    );
    let report = report(&[], &["answer-by-5m.csv"]);
    assert_eq!(report["invocations"], 71);
    assert_eq!(report["timeline"]["bucket_seconds"], 300);
    let report = self::report(&["--every", "10m"], &["answer-by-5m.csv"]);
    assert_eq!(report["timeline"]["bucket_seconds"], 600);
    assert_eq!(report["invocations"], 71);
}

#[test]
fn a_byte_order_mark_at_the_start_of_any_line_is_white_space() {
    for name in ["two-boms.jsonl", "two-boms.json"] {
        let report = report(&[], &[name]);
        assert_eq!(counts(&report), the_log(), "{name}");
        assert_eq!(report["records"], 14, "{name}");
        assert_eq!(report["skipped"], 0, "{name}");
    }
}

#[test]
fn clss_timestamp_is_the_time_of_a_record_without_another() {
    let report = report(&[], &["cls-timestamp.jsonl"]);
    assert_eq!(counts(&report), the_log());
    assert!(report["timeline"].is_object(), "{report}");
    // Only r-a's retry ends at 23:59:33 or later.
    let report = self::report(
        &["--since", "2022-05-25T23:59:33Z"],
        &["cls-timestamp.jsonl"],
    );
    assert_eq!(counts(&report), (1, 0, BTreeMap::from([(200, 1)])));
}

#[test]
fn log_times_written_as_rfc_3339_are_read_so_the_order_of_lines_does_not_matter() {
    let oldest = report(&[], &["../oldest-first.jsonl"]);
    let newest = report(&[], &["iso-logtime-newest-first.jsonl"]);
    assert_eq!(counts(&newest), the_log());
    assert_eq!(newest["codes"], oldest["codes"]);
}

#[test]
fn bidirectional_controls_are_escaped_in_the_terminal_and_isolated_on_the_page() {
    let dir = support::scratch("exact", "bidi");
    let page = dir.join("report.html");
    let run = triage(
        &["--by", "version", "--html", page.to_str().unwrap()],
        &["bidi.jsonl"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{202e}'), "{}", run.stdout);
    assert!(
        run.stdout.contains("1\\u{202e}23 v\\u{202e}21"),
        "{}",
        run.stdout
    );
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("<bdi>1\u{202e}23</bdi>"), "{html}");
    assert!(html.contains("<bdi>v\u{202e}21</bdi>"), "{html}");
}

#[test]
fn each_unknown_code_has_a_fill_and_a_legend_entry_of_its_own() {
    let dir = support::scratch("exact", "unknown");
    let page = dir.join("report.html");
    let run = triage(
        &["--html", page.to_str().unwrap()],
        &["unknown-codes.jsonl"],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(page).unwrap();
    let patterns: std::collections::BTreeSet<&str> = html
        .split("<pattern ")
        .skip(1)
        .map(|pattern| {
            let body = &pattern[pattern.find('>').unwrap()..];
            &body[..body.find("</pattern>").unwrap()]
        })
        .collect();
    assert_eq!(patterns.len(), 7, "{html}");
    let legend = &html[html.find("id=\"legend\"").unwrap()..];
    let legend = &legend[..legend.find("</ul>").unwrap()];
    for code in 600..607 {
        assert!(legend.contains(&format!("{code} Unknown")), "{legend}");
    }
}

/// The inputs of the property below: good ones hold the whole log; bad ones cannot be counted
/// in full.
const GOOD: [&str; 10] = [
    "../oldest-first.jsonl",
    "../newest-first.jsonl",
    "../export.csv",
    "export.tsv",
    "cos-pipe.csv",
    "logs.zip",
    "two-orders.csv.gz",
    "two-boms.json",
    "other-service-first.jsonl",
    "export-with-code-columns.csv",
];
const BAD: [&str; 7] = [
    "notes.txt",
    "logs.jsonl.zst",
    "logs.parquet",
    "zip-and-parquet.tar",
    "header-differs.csv",
    "cos-no-keys.tsv",
    "../cut-short.json",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Whatever the mixture, and in any order: exit 0 exactly when every input was good, and
    /// then the counts are the log's.
    #[test]
    fn exit_0_means_every_count_is_exact(
        good in prop::collection::vec(0..GOOD.len(), 0..4),
        bad in prop::collection::vec(0..BAD.len(), 0..3),
        order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        prop_assume!(!good.is_empty() || !bad.is_empty());
        let chosen: Vec<&str> = good
            .iter()
            .map(|&index| GOOD[index])
            .chain(bad.iter().map(|&index| BAD[index]))
            .collect();
        let ordered: Vec<&str> = order
            .iter()
            .filter(|&&index| index < chosen.len())
            .map(|&index| chosen[index])
            .collect();
        let run = triage(&["--json"], &ordered);
        if bad.is_empty() {
            prop_assert_eq!(run.status, 0, "{:?}: {}", ordered, run.stderr);
        } else {
            prop_assert_eq!(run.status, 2, "{:?}", ordered);
            for &index in &bad {
                let name = BAD[index].trim_start_matches("../");
                prop_assert!(run.stderr.contains(name), "{} not named: {}", name, run.stderr);
            }
        }
        if run.status == 0 {
            let report: Value = serde_json::from_str(&run.stdout).unwrap();
            prop_assert_eq!(counts(&report), the_log(), "{:?}", ordered);
        }
    }
}
