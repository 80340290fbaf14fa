//! `scf-codes`: explain, list, search and export Tencent Cloud SCF status codes, decode the
//! status code in what SCF returns, and count how invocations ended in SCF's logs. Exit status: 0
//! on success, 2 on bad input.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use scf_codes_cli::Failure;
use scf_codes_cli::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let result = scf_codes_cli::run(cli, &mut out).and_then(|()| {
        out.flush()
            .map_err(|error| Failure(format!("cannot write the output: {error}")))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
