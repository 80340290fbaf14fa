//! `scf-codes`: explain, list, search and export Tencent Cloud SCF status codes, decode the
//! status code in what SCF returns, count how invocations ended in SCF's logs, and compare
//! Tencent's page with codes.toml. Exit status: 0 on success, 1 when `table diff` finds a
//! difference, 2 on bad input.

#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser as _;
use scf_codes_cli::cli::Cli;
use scf_codes_cli::{Failure, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Watched {
        inner: io::stdout().lock(),
        closed: false,
    };
    let result = scf_codes_cli::run(cli, &mut out).and_then(|outcome| {
        out.flush()
            .map_err(|error| Failure(format!("cannot write the output: {error}")))?;
        Ok(outcome)
    });
    match result {
        // The reader of the output went away (`scf-codes … | head`): nothing more to say, as
        // ripgrep and other filters do.
        _ if out.closed => ExitCode::SUCCESS,
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Differs) => ExitCode::from(1),
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Standard output, noting whether its reader closed the pipe.
struct Watched<W> {
    inner: W,
    closed: bool,
}

impl<W> Watched<W> {
    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(error) = &result {
            self.closed |= error.kind() == io::ErrorKind::BrokenPipe;
        }
        result
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}
