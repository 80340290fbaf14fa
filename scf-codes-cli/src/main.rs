//! `scf-codes`: explain, list, search and export Tencent Cloud SCF status codes, decode the
//! status code in what SCF returns, count how invocations ended in SCF's logs, and compare
//! Tencent's page with codes.toml. Exit status, as ripgrep's: 0 when something was found, 1
//! when nothing was, 2 on an error.

#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _};
use scf_codes_cli::Failure;
use scf_codes_cli::cli::{Cli, ColorWhen};
use scf_codes_cli::style::{ERROR, paint};

fn main() -> ExitCode {
    // clap's own help and errors follow --color too.
    let color = ColorWhen::from_args(std::env::args_os()).unwrap_or(ColorWhen::Auto);
    let clap_color = match color {
        ColorWhen::Auto => clap::ColorChoice::Auto,
        ColorWhen::Always => clap::ColorChoice::Always,
        ColorWhen::Never => clap::ColorChoice::Never,
    };
    let matches = Cli::command().color(clap_color).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    anstream::ColorChoice::write_global(cli.color.choice());
    let mut out = Watched {
        inner: anstream::stdout().lock(),
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
        Ok(outcome) => ExitCode::from(outcome.exit_status()),
        Err(Failure(message)) => {
            anstream::eprintln!("{} {message}", paint(ERROR, "error:"));
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
