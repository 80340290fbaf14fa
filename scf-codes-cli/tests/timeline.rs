//! When, where and how long: `scf-codes triage` on the generator's incident (from 10:30 UTC,
//! version 13 of `order-sync` ends half its invocations in 433 near its 3-second timeout). The
//! time line, `--by version`, the durations and the window must show it in the right bucket,
//! version and range, as the generator wrote it.

#[path = "../examples/support/cls_logs.rs"]
mod cls_logs;
mod support;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use cls_logs::{Ended, Expected, INCIDENT_MS, INCIDENT_START_MS, Scenario, TIMEOUT_MS};
use serde_json::Value;
use support::run_with_input;

const INVOCATIONS: u64 = 3_000;

/// The incident's logs, written once per test binary, and what the generator wrote.
fn incident() -> (PathBuf, Expected) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline");
    std::fs::create_dir_all(&dir).unwrap();
    let mut logs = String::new();
    let expected = cls_logs::generate_scenario(
        11,
        &Scenario::incident(INVOCATIONS),
        |started| started >= INVOCATIONS,
        |line| {
            logs.push_str(&line.json(false));
            logs.push('\n');
        },
    );
    // One file per call: the tests run in parallel, and a file rewritten while another test
    // reads it would be read cut short.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("incident-{}-{call}.jsonl", std::process::id()));
    std::fs::write(&path, logs).unwrap();
    (path, expected)
}

/// `triage --json` with `args` on `log`.
fn report(log: &Path, args: &[&str]) -> Value {
    let mut all: Vec<&OsStr> = vec!["triage".as_ref(), "--json".as_ref()];
    all.extend(args.iter().map(OsStr::new));
    all.push(log.as_os_str());
    let run = run_with_input(&all, None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

const MINUTE_NS: u64 = 60_000_000_000;

fn ns(ms: u64) -> u64 {
    ms * 1_000_000
}

fn rfc3339_at_minute(minutes_after_nine: u64) -> String {
    format!(
        "2026-11-27T{:02}:{:02}:00Z",
        9 + minutes_after_nine / 60,
        minutes_after_nine % 60
    )
}

/// The code object of `code` in a report's (or a group's) `codes`.
fn code(counted: &Value, number: u64) -> Option<&Value> {
    counted["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|code| code["code"] == number)
}

/// The value at `q` of the sorted `values`, at the rank the sketch uses.
fn percentile(values: &mut [u64], q: f64) -> f64 {
    values.sort_unstable();
    values[(q * (values.len() - 1) as f64) as usize] as f64
}

/// `got` is within the sketch's 1% of `want`, after rounding to whole milliseconds.
fn close(got: &Value, want: f64) -> bool {
    (got.as_f64().unwrap() - want).abs() <= want * 0.01 + 0.5
}

#[test]
fn the_time_line_counts_each_code_in_the_bucket_where_its_attempts_ended() {
    let (log, expected) = incident();
    let report = report(&log, &["--every", "5m"]);
    let timeline = &report["timeline"];
    assert_eq!(timeline["start"], "2026-11-27T09:00:00Z");
    assert_eq!(timeline["bucket_seconds"], 300);
    let buckets = timeline["buckets"].as_array().unwrap();
    // Two hours of invocations; the last may end a few seconds after 11:00, in a bucket more.
    let last = expected.attempts.iter().map(|e| e.end_ns).max().unwrap();
    let count = ((last - ns(INCIDENT_START_MS)) / (5 * MINUTE_NS)) as usize + 1;
    assert!((24..=25).contains(&count));
    assert_eq!(buckets.len(), count);
    assert_eq!(timeline["end"], rfc3339_at_minute(5 * count as u64));

    // Bucket by bucket and code by code, what the generator wrote.
    let mut want: BTreeMap<(usize, u64), u64> = BTreeMap::new();
    for ended in &expected.attempts {
        let bucket = ((ended.end_ns - ns(INCIDENT_START_MS)) / (5 * MINUTE_NS)) as usize;
        *want.entry((bucket, u64::from(ended.code))).or_default() += 1;
    }
    let mut got: BTreeMap<(usize, u64), u64> = BTreeMap::new();
    for (index, bucket) in buckets.iter().enumerate() {
        assert_eq!(bucket["start"], rfc3339_at_minute(5 * index as u64));
        let mut sum = 0;
        for code in bucket["codes"].as_array().unwrap() {
            let invocations = code["invocations"].as_u64().unwrap();
            got.insert((index, code["code"].as_u64().unwrap()), invocations);
            sum += invocations;
        }
        assert_eq!(bucket["invocations"], sum);
    }
    assert_eq!(got, want);

    // The incident's bucket: 10:30 is bucket 18, where the 433s jump.
    let timeouts = |bucket: usize| got.get(&(bucket, 433)).copied().unwrap_or(0);
    let before = (0..18).map(timeouts).max().unwrap();
    let after = (18..24).map(timeouts).min().unwrap();
    assert!(
        after > 2 * before,
        "433 per bucket: at most {before} before 10:30, {after} after"
    );
}

#[test]
fn by_version_shows_which_version_failed_and_from_when() {
    let (log, expected) = incident();
    let report = report(&log, &["--by", "function", "--by", "version"]);
    let versions = report["versions"].as_array().unwrap();
    let version = |function: &str, version: &str| {
        versions
            .iter()
            .find(|v| v["function"] == function && v["version"] == version)
            .unwrap_or_else(|| panic!("no {function} {version} in {versions:?}"))
    };
    let (old, new) = (version("order-sync", "12"), version("order-sync", "13"));
    assert_eq!(code(old, 433), None, "version 12 never timed out");
    let timeouts = code(new, 433).expect("version 13 timed out");
    let written = |version: &str, code: u16| -> Vec<&Ended> {
        expected
            .attempts
            .iter()
            .filter(|e| e.function == "order-sync" && e.version == version && e.code == code)
            .collect()
    };
    assert_eq!(
        timeouts["invocations"].as_u64().unwrap(),
        written("13", 433).len() as u64
    );
    // Version 13 starts at 10:30; its first timeout ends just short of 3 s later.
    assert!(new["first_seen"].as_str().unwrap() >= "2026-11-27T10:30:00");
    assert!(timeouts["first_seen"].as_str().unwrap() >= "2026-11-27T10:30:02");
    assert!(timeouts["first_seen"].as_str().unwrap() < "2026-11-27T10:31:00");
    // Version 12's last invocations started before 10:30 and ended a few seconds after.
    assert!(old["last_seen"].as_str().unwrap() < "2026-11-27T10:30:05");
    // Both functions' other versions are $LATEST, and every version adds up to its function.
    assert_eq!(version("image-resize", "$LATEST")["unfinished"], {
        let function = report["functions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["function"] == "image-resize")
            .unwrap();
        function["unfinished"].clone()
    });
    let all: u64 = versions
        .iter()
        .map(|v| v["invocations"].as_u64().unwrap())
        .sum();
    assert_eq!(all, report["invocations"].as_u64().unwrap());
}

#[test]
fn durations_and_memory_are_those_the_attempts_reported() {
    let (log, expected) = incident();
    let report = report(&log, &["--by", "version"]);
    // Every code, all functions together: p50 and p95 within the sketch's 1%, max exact.
    for counted in report["codes"].as_array().unwrap() {
        let number = counted["code"].as_u64().unwrap();
        let ended: Vec<&Ended> = expected
            .attempts
            .iter()
            .filter(|e| u64::from(e.code) == number)
            .collect();
        let mut durations: Vec<u64> = ended.iter().map(|e| e.duration_ms).collect();
        let duration = &counted["duration_ms"];
        assert!(
            close(&duration["p50"], percentile(&mut durations, 0.5)),
            "{number}: {duration}"
        );
        assert!(
            close(&duration["p95"], percentile(&mut durations, 0.95)),
            "{number}: {duration}"
        );
        assert_eq!(
            duration["max"].as_f64().unwrap(),
            percentile(&mut durations, 1.0)
        );
        let memory = ended.iter().map(|e| e.memory_mb).max().unwrap();
        assert_eq!(counted["memory_mb"]["max"].as_f64().unwrap(), memory as f64);
    }
    // Version 13's timeouts ran into the timeout: 2,900 to 3,000 ms.
    let new = report["versions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["function"] == "order-sync" && v["version"] == "13")
        .unwrap();
    let duration = &code(new, 433).unwrap()["duration_ms"];
    let timeout = TIMEOUT_MS as f64;
    for key in ["p50", "p95", "max"] {
        let value = duration[key].as_f64().unwrap();
        assert!(
            (timeout - 100.0..=timeout).contains(&value),
            "{key}: {value}"
        );
    }
}

#[test]
fn since_and_until_keep_the_attempts_that_end_inside() {
    let (log, expected) = incident();
    let since = "2026-11-27T10:30:00Z";
    let until = "2026-11-27T18:45:00+08:00";
    let report = report(
        &log,
        &[
            "--since",
            since,
            "--until",
            until,
            "--function",
            "order-sync",
        ],
    );
    let inside = |e: &&Ended| {
        e.function == "order-sync"
            && e.end_ns >= ns(INCIDENT_MS)
            && e.end_ns < ns(INCIDENT_MS) + 15 * MINUTE_NS
    };
    let want = expected.attempts.iter().filter(inside).count() as u64;
    assert_eq!(report["invocations"].as_u64().unwrap(), want);
    assert_eq!(report["timeline"]["start"], "2026-11-27T10:30:00Z");
    assert_eq!(report["timeline"]["end"], "2026-11-27T10:45:00Z");

    // A length counts back from the latest line of the log.
    let latest = expected.attempts.iter().map(|e| e.end_ns).max().unwrap();
    let last_half_hour = report_of_last(&log, "30m");
    let want = expected
        .attempts
        .iter()
        .filter(|e| e.end_ns >= latest - 30 * MINUTE_NS)
        .count() as u64;
    // Unfinished attempts whose last line is that late also count as unfinished there.
    assert_eq!(last_half_hour["invocations"].as_u64().unwrap(), want);
}

fn report_of_last(log: &Path, length: &str) -> Value {
    report(log, &["--since", length])
}

#[test]
fn the_terminal_states_the_span_and_draws_each_code_over_it() {
    let (log, _) = incident();
    let run = run_with_input(
        &[
            OsStr::new("triage"),
            OsStr::new("--by"),
            OsStr::new("version"),
            log.as_os_str(),
        ],
        None,
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    // Two hours: 5-minute buckets, the shortest of the list that fit 60; in 80 columns, two
    // buckets a mark.
    let span = lines.next().unwrap();
    assert!(
        span.starts_with("Ended 2026-11-27 09:00\u{2013}11:0")
            && span.ends_with(" UTC, 5-minute buckets, 2 a mark"),
        "{span}"
    );
    let table = run.stdout.split("order-sync 13: ").nth(1).unwrap();
    let timeouts = table
        .lines()
        .find(|line| line.starts_with("433 "))
        .unwrap_or_else(|| panic!("no 433 row for order-sync 13:\n{table}"));
    let p95: f64 = timeouts.split_whitespace().nth(6).unwrap().parse().unwrap();
    assert!((2_900.0..=3_000.0).contains(&p95), "{timeouts}");
    let sparkline = timeouts.splitn(8, "  ").last().unwrap_or_default();
    assert!(
        sparkline.contains('\u{2588}'),
        "no sparkline at the end of {timeouts:?}"
    );
    // Before 10:30 there is nothing to draw for version 13: the line starts blank.
    assert!(timeouts.ends_with('\u{2588}') || timeouts.contains(" \u{2588}"));
}

#[test]
fn without_times_there_is_no_time_line_and_nothing_measured() {
    let input = b"{\"SCF_RequestId\":\"a\",\"SCF_StatusCode\":433}\n";
    let run = run_with_input(&["triage", "--json"], Some(input));
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["timeline"], Value::Null);
    let timeout = code(&report, 433).unwrap();
    for key in ["first_seen", "last_seen", "duration_ms", "memory_mb"] {
        assert_eq!(timeout[key], Value::Null, "{key}");
    }
    // A window counted back from the end needs a time to count from.
    let run = run_with_input(&["triage", "--since", "30m"], Some(input));
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("--since counts back from the log's latest line, but no line has a time"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_windows_and_buckets_say_what_is_wrong_and_how_to_write_them() {
    let (log, _) = incident();
    let log = log.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["--since", "yesterday"],
            "invalid value 'yesterday' for '--since <TIME>': \"yesterday\" is not a length of time",
        ),
        (
            &["--until", "2026-11-27T10:30:00"],
            "\"2026-11-27T10:30:00\" is not an RFC 3339 time",
        ),
        (&["--every", "500ms"], "is not a whole number of seconds"),
        (
            &[
                "--since",
                "2026-11-27T11:00:00Z",
                "--until",
                "2026-11-27T10:00:00Z",
            ],
            "the window is empty",
        ),
        (&["--every", "1s"], "--every 1s cuts the log's"),
    ];
    for (args, message) in cases {
        let mut all = vec!["triage"];
        all.extend_from_slice(args);
        all.push(log);
        let run = run_with_input(&all, None);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stdout);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}
