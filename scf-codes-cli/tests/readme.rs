//! Every sample of the command's output in the README and the command's reference is what the
//! command prints: each ```text block that starts with `$ ` is run, in a folder that holds the
//! files its commands name, and its output compared with the block. A line `...` in a sample
//! stands for lines left out; elsewhere the lines must be the same. (The error samples of the
//! macro are the UI snapshots they name: `tests/tests/whole_crate.rs` checks those.)

#[allow(dead_code, reason = "the runner of the other tests is not used here")]
mod support;

#[path = "../examples/support/cls_logs.rs"]
mod cls_logs;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pages whose samples are checked, from this crate's folder.
const PAGES: [&str; 2] = ["../README.md", "README.md"];

/// One command of a sample, and what the sample shows it print.
struct Sample {
    page: &'static str,
    line: usize,
    command: String,
    shown: Vec<String>,
}

/// The commands of every sample of `text`, in order.
fn samples(page: &'static str, text: &str) -> Vec<Sample> {
    let mut samples: Vec<Sample> = Vec::new();
    let mut in_block = false;
    let mut in_sample = false;
    for (number, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_block = line == "```text";
            in_sample = false;
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            samples.push(Sample {
                page,
                line: number + 1,
                command: command.to_owned(),
                shown: Vec::new(),
            });
            in_sample = true;
        } else if in_sample && let Some(sample) = samples.last_mut() {
            sample.shown.push(line.to_owned());
        }
    }
    for sample in &mut samples {
        // A blank line separates two commands of one block.
        while sample.shown.last().is_some_and(|line| line.is_empty()) {
            sample.shown.pop();
        }
    }
    samples
}

/// A folder with the files the samples name: the incident log, an event, a code package, two
/// pages of Tencent's table (one that rewords two texts, one that adds two codes) and
/// codes.toml.
fn folder() -> PathBuf {
    let dir = support::scratch("readme", "samples");
    let scenario = cls_logs::Scenario::incident(6_000);
    let mut log = Vec::new();
    cls_logs::generate_scenario(
        1,
        &scenario,
        |started| started >= 6_000,
        |line| {
            log.extend_from_slice(line.json(false).as_bytes());
            log.push(b'\n');
        },
    );
    std::fs::write(
        dir.join("scf-logs-2026-11-27.jsonl.gz"),
        support::gzip(&log),
    )
    .unwrap();
    let event = format!("{{\"data\": \"{}\"}}", "x".repeat(200_003 - 12));
    std::fs::write(dir.join("event.json"), event).unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(dir.join("function.zip")).unwrap());
    zip.start_file(
        "my-function/src/index.js",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"exports.main_handler = async () => {};\n")
        .unwrap();
    zip.finish().unwrap();
    let table = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/table");
    for (from, to) in [
        ("text-reworded.html", "page.html"),
        ("row-added.html", "Function Status Code.html"),
    ] {
        std::fs::copy(table.join(from), dir.join(to)).unwrap();
    }
    std::fs::copy(codes_toml(), dir.join("codes.toml")).unwrap();
    dir
}

/// The workspace's codes.toml, which the samples of `table` compare pages with.
fn codes_toml() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../codes.toml")
}

/// What `command` prints on standard output and error, run by `sh` in `dir` with `scf-codes` on
/// the PATH, in an 80-column terminal's width and an English locale.
fn output(dir: &Path, command: &str) -> String {
    let binary = Path::new(env!("CARGO_BIN_EXE_scf-codes"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} 2>&1"))
        .current_dir(dir)
        .env("PATH", path)
        // triage's samples are as a 100-column terminal shows them, the others as 80 columns.
        .env(
            "COLUMNS",
            if command.contains("triage") {
                "100"
            } else {
                "80"
            },
        )
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whether `printed` is what `shown` shows: the same lines, where a line `...` stands for any
/// lines (none too).
fn shows(shown: &[String], printed: &str) -> Result<(), String> {
    let printed: Vec<&str> = printed.lines().collect();
    let mut at = 0;
    let mut anywhere = false;
    for chunk in shown.split(|line| line.trim() == "...") {
        let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
        if chunk.is_empty() {
            anywhere = true;
            continue;
        }
        let found = if anywhere {
            (at..=printed.len().saturating_sub(chunk.len()))
                .find(|&start| printed.get(start..start + chunk.len()) == Some(&chunk[..]))
        } else {
            (printed.get(at..at + chunk.len()) == Some(&chunk[..])).then_some(at)
        };
        match found {
            Some(start) => at = start + chunk.len(),
            None => {
                let from = if anywhere { 0 } else { at };
                return Err(format!(
                    "the sample's lines\n{}\nare not printed{}; it prints\n{}",
                    chunk.join("\n"),
                    if anywhere { "" } else { " there" },
                    printed[from.min(printed.len())..].join("\n")
                ));
            }
        }
        anywhere = true;
    }
    let elided_end = shown.last().is_some_and(|line| line.trim() == "...");
    if !elided_end && at != printed.len() {
        return Err(format!(
            "it prints more than the sample shows:\n{}",
            printed[at..].join("\n")
        ));
    }
    Ok(())
}

#[test]
fn every_sample_of_output_in_the_readmes_is_what_the_command_prints() {
    let dir = folder();
    let mut checked = 0;
    let mut failures = Vec::new();
    for page in PAGES {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(page)).unwrap();
        for sample in samples(page, &text) {
            // `table import` writes codes.toml: each command starts from the real one.
            std::fs::copy(codes_toml(), dir.join("codes.toml")).unwrap();
            let printed = output(&dir, &sample.command);
            if let Err(difference) = shows(&sample.shown, &printed) {
                failures.push(format!(
                    "{}:{}: $ {}\n{difference}",
                    sample.page, sample.line, sample.command
                ));
            }
            checked += 1;
        }
    }
    assert!(checked >= 12, "only {checked} samples were found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn an_elided_sample_matches_only_what_it_shows() {
    let shown = |lines: &[&str]| {
        lines
            .iter()
            .map(|line| line.to_string())
            .collect::<Vec<_>>()
    };
    assert!(shows(&shown(&["a", "b"]), "a\nb\n").is_ok());
    assert!(shows(&shown(&["a", "..."]), "a\nb\nc\n").is_ok());
    assert!(shows(&shown(&["a", "  ...", "c"]), "a\nb\nc\n").is_ok());
    assert!(shows(&shown(&["a", "c"]), "a\nb\nc\n").is_err());
    assert!(shows(&shown(&["a"]), "a\nb\n").is_err());
    assert!(shows(&shown(&["b", "..."]), "a\nb\n").is_err());
}

/// The JSON sample of triage's report shows fields the report has, and writes its numbers as
/// the report does.
#[test]
fn the_json_sample_of_triage_has_the_keys_and_kinds_of_the_real_report() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = text.find("{\"invocations\": ").unwrap();
    let sample = &text[start..start + text[start..].find("```").unwrap()];
    let dir = folder();
    let printed = output(
        &dir,
        "scf-codes triage --json --by function --by version scf-logs-2026-11-27.jsonl.gz",
    );
    let report: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let mut keys = Vec::new();
    collect_keys(&report, &mut keys);
    for key in sample
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|word| word.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .filter(|word| sample.contains(&format!("\"{word}\":")))
    {
        assert!(
            keys.iter().any(|real| real == key),
            "{key} is not in the report"
        );
    }
    // Numbers are written as the report writes them: durations and memory as decimals.
    for key in ["\"p50\": ", "\"max\": "] {
        let decimal = |text: &str| {
            let at = text.find(key).unwrap() + key.len();
            let number: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            number.contains('.')
        };
        assert_eq!(decimal(sample), decimal(&printed), "{key} in the sample");
    }
}

fn collect_keys(value: &serde_json::Value, keys: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, value) in object {
                keys.push(key.clone());
                collect_keys(value, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}
