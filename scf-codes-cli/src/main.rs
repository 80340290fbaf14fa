//! `scf-codes`: explain, list, search and export Tencent Cloud SCF status codes, decode the
//! status code in what SCF returns, count how invocations ended in SCF's logs, and compare
//! Tencent's page with codes.toml. Exit status: 0 on success, 1 when `table diff` finds a
//! difference, 2 on bad input.

#![forbid(unsafe_code)]

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use scf_codes_cli::cli::Cli;
use scf_codes_cli::{Failure, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let result = scf_codes_cli::run(cli, &mut out).and_then(|outcome| {
        out.flush()
            .map_err(|error| Failure(format!("cannot write the output: {error}")))?;
        Ok(outcome)
    });
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Differs) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
