//! Writes synthetic SCF logs as CLS exports them, of any size, with known outcome counts: the
//! input of `scf-codes triage`'s benchmarks (scripts/bench-triage.sh) and the fixture generator
//! of its tests.
//!
//! ```sh
//! cargo run --release -p scf-codes-cli --example cls-logs -- \
//!     --size 200M --format jsonl --expected expected.json > logs.jsonl
//! ```
//!
//! `cls-logs --help` lists the options: the size (`--size 200M`) or `--invocations`, the layout
//! (`--format jsonl|csv|pretty|array|pretty-array|search-log|tccli`: what CLS, jq and tccli
//! write), the order (`--order oldest|newest|shuffled`; CLS lists the newest first), `--functions N`, `--bom`,
//! `--gzip`, `--numbers`, `--seed` and `--expected FILE`, where the counts that triage must
//! report are written as JSON. Any order but the oldest first, and any layout but JSON Lines and
//! CSV, holds the whole log in memory before writing it. `--incident` writes logs of 09:00 to
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

use clap::{Parser, ValueEnum};

/// Writes synthetic SCF logs as CLS exports them, with known outcome counts.
#[derive(Parser)]
#[command(name = "cls-logs")]
struct Options {
    /// Bytes of log to write, counted as JSON Lines before compression: a number, or one with
    /// K, M or G (`200M`). Without it and without --invocations, 10M.
    #[arg(long, value_parser = parse_size)]
    size: Option<u64>,
    /// Invocations to start, instead of a size.
    #[arg(long)]
    invocations: Option<u64>,
    /// The layout, as CLS, jq and tccli write it.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// The order of the lines: CLS lists the newest first.
    #[arg(long, value_enum, default_value = "oldest")]
    order: Order,
    /// A UTF-8 byte-order mark first.
    #[arg(long)]
    bom: bool,
    /// Compress with gzip.
    #[arg(long)]
    gzip: bool,
    /// Numeric keys as JSON numbers, as `jq -c` writes them (JSON Lines only).
    #[arg(long)]
    numbers: bool,
    /// The seed of the generator (and of the shuffled order).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write, as JSON, the counts that triage must report.
    #[arg(long, value_name = "FILE")]
    expected: Option<String>,
    /// Spread the invocations over this many functions (`function-00000` on, versions 1 to 3),
    /// instead of three functions on `$LATEST`.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    functions: Option<u32>,
    /// Logs of 09:00 to 11:00 UTC on 2026-11-27 in which, from 10:30, version 13 of
    /// `order-sync` starts ending in 433 near its 3 s timeout.
    #[arg(long)]
    incident: bool,
}

/// The layouts of `cls_logs::Layout`, by the names the option takes.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Jsonl,
    Csv,
    Pretty,
    Array,
    PrettyArray,
    SearchLog,
    Tccli,
}

#[derive(Clone, Copy, ValueEnum)]
enum Order {
    Oldest,
    Newest,
    Shuffled,
}

fn main() -> ExitCode {
    match run(Options::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(options: Options) -> Result<(), String> {
    let Options {
        size,
        invocations,
        bom,
        gzip,
        numbers,
        seed,
        expected: expected_file,
        incident,
        functions,
        ..
    } = options;
    let layout = match options.format {
        Format::Jsonl => cls_logs::Layout::JsonLines,
        Format::Csv => cls_logs::Layout::Csv,
        Format::Pretty => cls_logs::Layout::Pretty,
        Format::Array => cls_logs::Layout::Array,
        Format::PrettyArray => cls_logs::Layout::PrettyArray,
        Format::SearchLog => cls_logs::Layout::SearchLogPages,
        Format::Tccli => cls_logs::Layout::Tccli,
    };
    let order = match options.order {
        Order::Oldest => cls_logs::Order::OldestFirst,
        Order::Newest => cls_logs::Order::NewestFirst,
        Order::Shuffled => cls_logs::Order::Shuffled(seed),
    };
    let size = size.unwrap_or(10 << 20);
    let mut scenario = if incident {
        // About 1,970 bytes of JSON Lines an invocation: spread the logs over the two hours.
        cls_logs::Scenario::incident(invocations.unwrap_or(size / 1_970))
    } else {
        cls_logs::Scenario::default()
    };
    scenario.functions = functions;

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
        let codes: Vec<serde_json::Value> = expected
            .by_code()
            .iter()
            .map(|(code, count)| serde_json::json!({"code": code, "invocations": count}))
            .collect();
        let json = serde_json::json!({
            "invocations": expected.invocations(),
            "unfinished": expected.unfinished(),
            "records": expected.records,
            "codes": codes,
        });
        std::fs::write(&path, format!("{json}\n"))
            .map_err(|e| format!("cannot write {path}: {e}"))?;
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
