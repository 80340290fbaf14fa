//! Writes synthetic SCF logs as CLS exports them, of any size, with known outcome counts: the
//! input of `scf-codes triage`'s benchmarks (scripts/bench-triage.sh) and the fixture generator
//! of its tests.
//!
//! ```sh
//! cargo run --release -p scf-codes-cli --example cls-logs -- \
//!     --size 200M --format jsonl --expected expected.json > logs.jsonl
//! ```
//!
//! Options: `--size N[K|M|G]` (bytes of JSON Lines, before compression; default 10M) or
//! `--invocations N`; `--format jsonl|csv|pretty|array|pretty-array|search-log|tccli` (default
//! jsonl: the layouts that CLS, jq and tccli write, see `Layout`); `--order
//! oldest|newest|shuffled` (default oldest; CLS lists the newest first); `--bom` (a UTF-8
//! byte-order mark first); `--gzip`; `--numbers` (numeric keys as JSON numbers, as `jq -c`
//! writes them; JSON Lines only); `--seed N`; `--expected FILE`, where the counts that triage
//! must report are written as JSON. Any order but the oldest first, and any layout but JSON Lines
//! and CSV, holds the whole log in memory before writing it. `--incident`, for logs of 09:00 to
//! 11:00 UTC on 2026-11-27 in which, from 10:30, version 13 of `order-sync` starts ending in 433
//! near its 3 s timeout:
//!
//! ```sh
//! cargo run --release -p scf-codes-cli --example cls-logs -- --incident --invocations 20000 \
//!     > incident.jsonl
//! scf-codes triage --by version incident.jsonl
//! ```

#[path = "support/cls_logs.rs"]
mod cls_logs;

use std::cell::Cell;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut size: Option<u64> = None;
    let mut invocations: Option<u64> = None;
    let mut layout = cls_logs::Layout::JsonLines;
    let mut order = cls_logs::Order::OldestFirst;
    let mut bom = false;
    let mut gzip = false;
    let mut numbers = false;
    let mut seed = 1;
    let mut expected_file = None;
    let mut incident = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--size" => size = Some(parse_size(&value()?)?),
            "--invocations" => {
                invocations = Some(
                    value()?
                        .parse()
                        .map_err(|e| format!("--invocations: {e}"))?,
                )
            }
            "--format" => {
                layout = match value()?.as_str() {
                    "jsonl" => cls_logs::Layout::JsonLines,
                    "csv" => cls_logs::Layout::Csv,
                    "pretty" => cls_logs::Layout::Pretty,
                    "array" => cls_logs::Layout::Array,
                    "pretty-array" => cls_logs::Layout::PrettyArray,
                    "search-log" => cls_logs::Layout::SearchLogPages,
                    "tccli" => cls_logs::Layout::Tccli,
                    other => {
                        return Err(format!(
                            "unknown format {other:?}: jsonl, csv, pretty, array, \
                             pretty-array, search-log or tccli"
                        ));
                    }
                }
            }
            "--order" => {
                order = match value()?.as_str() {
                    "oldest" => cls_logs::Order::OldestFirst,
                    "newest" => cls_logs::Order::NewestFirst,
                    "shuffled" => cls_logs::Order::Shuffled(0),
                    other => {
                        return Err(format!(
                            "unknown order {other:?}: oldest, newest or shuffled"
                        ));
                    }
                }
            }
            "--bom" => bom = true,
            "--gzip" => gzip = true,
            "--numbers" => numbers = true,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--expected" => expected_file = Some(value()?),
            "--incident" => incident = true,
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    let size = size.unwrap_or(10 << 20);
    let scenario = if incident {
        // About 1,970 bytes of JSON Lines an invocation: spread the logs over the two hours.
        cls_logs::Scenario::incident(invocations.unwrap_or(size / 1_970))
    } else {
        cls_logs::Scenario::default()
    };
    if let cls_logs::Order::Shuffled(_) = order {
        order = cls_logs::Order::Shuffled(seed);
    }

    let stdout = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut out: Box<dyn Write> = if gzip {
        Box::new(flate2::write::GzEncoder::new(
            stdout,
            flate2::Compression::default(),
        ))
    } else {
        Box::new(stdout)
    };
    let streamed = order == cls_logs::Order::OldestFirst
        && matches!(layout, cls_logs::Layout::JsonLines | cls_logs::Layout::Csv);
    if streamed && bom {
        out.write_all("\u{feff}".as_bytes())
            .map_err(|e| format!("cannot write the logs: {e}"))?;
    }
    let written = Cell::new(0u64);
    let mut failed = None;
    let mut emit = |text: &str| {
        // After a write error the rest is not written; the error is reported at the end.
        let result = match failed {
            None => out
                .write_all(text.as_bytes())
                .and_then(|()| out.write_all(b"\n")),
            Some(_) => Ok(()),
        };
        failed = failed.take().or(result.err());
        written.set(written.get() + text.len() as u64 + 1);
    };
    let enough = |started| match invocations {
        Some(limit) => started >= limit,
        None => written.get() >= size,
    };
    let csv = layout == cls_logs::Layout::Csv;
    let expected = if streamed {
        if csv {
            emit(&cls_logs::csv_header());
        }
        cls_logs::generate_scenario(seed, &scenario, enough, |line| {
            if csv {
                emit(&line.csv());
            } else {
                emit(&line.json(numbers));
            }
        })
    } else {
        // The size is counted in JSON Lines, so that every layout holds the same log.
        let mut lines = Vec::new();
        let expected = cls_logs::generate_scenario(seed, &scenario, enough, |line| {
            written.set(written.get() + line.json(false).len() as u64 + 1);
            lines.push(line.clone());
        });
        cls_logs::arrange(&mut lines, order);
        let bytes = cls_logs::render(&lines, layout, bom);
        if let Err(error) = out.write_all(&bytes) {
            failed = Some(error);
        }
        expected
    };
    if let Some(error) = failed {
        return Err(format!("cannot write the logs: {error}"));
    }
    out.flush()
        .map_err(|e| format!("cannot write the logs: {e}"))?;
    drop(out);

    if let Some(path) = expected_file {
        let codes: Vec<String> = expected
            .by_code()
            .iter()
            .map(|(code, count)| format!("{{\"code\":{code},\"invocations\":{count}}}"))
            .collect();
        let json = format!(
            "{{\"invocations\":{},\"unfinished\":{},\"records\":{},\"codes\":[{}]}}\n",
            expected.invocations(),
            expected.unfinished(),
            expected.records,
            codes.join(",")
        );
        std::fs::write(&path, json).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    Ok(())
}

/// `200M`, `1G`, `512K` or a plain number of bytes.
fn parse_size(text: &str) -> Result<u64, String> {
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("invalid size {text:?}"))?;
    let unit = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => return Err(format!("invalid size {text:?}: use K, M or G")),
    };
    Ok(number * unit)
}
