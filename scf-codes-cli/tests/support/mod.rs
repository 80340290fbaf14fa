//! Runs the built `scf-codes` binary as a user runs it, in an 80-column terminal.

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What a run printed, and how it ended.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `scf-codes` with `args`, writing `input` on its standard input when there is one.
pub fn run_with_input(args: &[impl AsRef<OsStr>], input: Option<&[u8]>) -> Run {
    run_in_with_input(None, args, input)
}

/// Runs `scf-codes` with `args` in `directory`, so that the files it names are named as a user
/// names them.
#[allow(dead_code, reason = "not every test crate runs the binary elsewhere")]
pub fn run_in(directory: &Path, args: &[impl AsRef<OsStr>]) -> Run {
    run_in_with_input(Some(directory), args, None)
}

fn run_in_with_input(
    directory: Option<&Path>,
    args: &[impl AsRef<OsStr>],
    input: Option<&[u8]>,
) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scf-codes"));
    if let Some(directory) = directory {
        command.current_dir(directory);
    }
    let mut child = command
        .args(args)
        .env("COLUMNS", "80")
        // The language is the locale's unless `--lang` says: the tests' is English.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = input {
        let mut stdin = child.stdin.take().unwrap();
        // The binary may stop reading early (an oversized input); that is not an error here.
        let _ = stdin.write_all(input);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        status: status.code().unwrap(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// A fresh, empty directory for one test's files: `name` under `group` in cargo's temporary
/// directory for integration tests.
#[allow(dead_code, reason = "not every test crate writes files")]
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `bytes` compressed with gzip, as `gzip` writes them.
#[allow(dead_code, reason = "not every test crate compresses")]
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}
