//! The command on a terminal and in a pipe: colour, triage's progress and the hint for standard
//! input. The terminal is a pseudo-terminal from util-linux's `script`, as a person's shell
//! gives it, so that the command decides as it would for a person; the pipe is the tests' own.

mod support;

use std::io::Write as _;
use std::process::{Command, Stdio};

use scf_codes_cli::style;
use support::{run_with_input, scratch};

/// The binary, quoted for `sh -c`.
fn binary() -> String {
    format!("'{}'", env!("CARGO_BIN_EXE_scf-codes"))
}

/// What a terminal shows when `command` (run by `sh`, where `$SCF` is the binary) runs on one:
/// its standard output and error together, as `script` records them. `input` is typed on the
/// terminal, then the end of input. `NO_COLOR` is set when `no_color` says so.
fn on_terminal(command: &str, input: &[u8], no_color: bool) -> String {
    let command = format!("stty cols 100 rows 40; SCF={}; {command}", binary());
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if no_color {
        script.env("NO_COLOR", "1");
    }
    let mut child = script
        .spawn()
        .expect("util-linux's `script` runs the command on a pseudo-terminal: install util-linux");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
}

/// A log of two invocations, one of them a 433.
const LOG: &str = concat!(
    r#"{"SCF_RequestId":"a","SCF_StatusCode":200,"SCF_LogTime":1764234000000000000}"#,
    "\n",
    r#"{"SCF_RequestId":"b","SCF_StatusCode":433,"SCF_LogTime":1764234001000000000}"#,
    "\n"
);

fn styled(style: anstyle::Style, text: &str) -> String {
    style::paint(style, text)
}

#[test]
fn explain_list_and_triage_colour_code_name_and_category_on_a_terminal() {
    let explain = on_terminal("$SCF explain 433", b"", false);
    assert!(explain.contains(&styled(style::CODE, "433")), "{explain:?}");
    assert!(explain.contains(&styled(style::NAME, "TimeLimitReached")));
    let function = style::category(scf_codes::Category::Function);
    assert!(
        explain.contains(&styled(function, "function")),
        "{explain:?}"
    );

    let list = on_terminal("$SCF list --retryable", b"", false);
    assert!(list.contains(&styled(style::CODE, "432")), "{list:?}");
    assert!(list.contains(&styled(style::NAME, "ResourceLimitReached")));
    let throttling = style::category(scf_codes::Category::Throttling);
    assert!(list.contains(&styled(throttling, "throttling")), "{list:?}");

    let dir = scratch("terminal", "colour");
    std::fs::write(dir.join("logs.jsonl"), LOG).unwrap();
    let triage = on_terminal(
        &format!("$SCF triage '{}'", dir.join("logs.jsonl").display()),
        b"",
        false,
    );
    assert!(triage.contains(&styled(style::CODE, "433")), "{triage:?}");
    assert!(triage.contains(&styled(style::NAME, "TimeLimitReached")));

    let error = on_terminal("$SCF explain ''", b"", false);
    assert!(
        error.starts_with(&format!("{} ", styled(style::ERROR, "error:"))),
        "{error:?}"
    );
}

#[test]
fn no_colour_in_a_pipe_with_no_color_or_with_color_never() {
    for args in [&["explain", "433"][..], &["list"], &["triage"]] {
        let run = run_with_input(args, Some(LOG.as_bytes()));
        assert!(!run.stdout.contains('\u{1b}'), "{args:?}: {}", run.stdout);
    }
    let error = run_with_input(&["explain", ""], None);
    assert!(error.stderr.starts_with("error: "), "{}", error.stderr);
    assert!(!on_terminal("$SCF explain 433", b"", true).contains('\u{1b}'));
    assert!(!on_terminal("$SCF list --color never", b"", false).contains('\u{1b}'));
    assert!(!on_terminal("$SCF explain '' --color=never", b"", false).contains('\u{1b}'));
    // Asked for, colour goes into a pipe too.
    let always = run_with_input(&["list", "--color", "always"], None);
    assert!(always.stdout.contains(&styled(style::CODE, "200")));
}

#[test]
fn a_command_reading_standard_input_on_a_terminal_says_how_to_end_it() {
    let hint = scf_codes_cli::input::stdin_hint();
    for (command, input) in [
        ("$SCF decode", &b"433\n"[..]),
        ("$SCF check-event -", b"{}\n"),
        ("$SCF triage", LOG.as_bytes()),
    ] {
        let screen = on_terminal(command, input, false);
        assert!(screen.contains(hint), "{command}: {screen:?}");
    }
    // From a pipe or a file, nothing is said.
    let run = run_with_input(&["decode"], Some(b"433"));
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
}

/// A command line that feeds triage the log in two parts, `pause` seconds apart, so that the run
/// lasts longer than the progress's delay.
fn slow_log(dir: &std::path::Path, pause: u32) -> String {
    let (first, rest) = LOG.split_at(LOG.len() / 2);
    std::fs::write(dir.join("first"), first).unwrap();
    std::fs::write(dir.join("rest"), rest).unwrap();
    format!(
        "(cat '{first}'; sleep {pause}; cat '{rest}')",
        first = dir.join("first").display(),
        rest = dir.join("rest").display()
    )
}

#[test]
fn triage_shows_its_progress_on_a_terminal_after_a_second() {
    let dir = scratch("terminal", "progress");
    let screen = on_terminal(&format!("{} | $SCF triage", slow_log(&dir, 2)), b"", false);
    assert!(screen.contains(" read, "), "{screen:?}");
    assert!(screen.contains("B/s"), "{screen:?}");
    // The report follows, whole.
    assert!(screen.contains("2 invocations, 1 failed"), "{screen:?}");
    // A quick run shows none.
    let quick = on_terminal("$SCF triage", LOG.as_bytes(), false);
    assert!(!quick.contains("B/s"), "{quick:?}");
}

#[test]
fn triage_shows_no_progress_in_a_pipe_nor_with_json_into_a_pipe() {
    let dir = scratch("terminal", "no-progress");
    // Standard error into a pipe, standard output on the terminal.
    let screen = on_terminal(
        &format!("{} | $SCF triage 2>&1 | cat", slow_log(&dir, 2)),
        b"",
        false,
    );
    assert!(!screen.contains("B/s"), "{screen:?}");
    assert!(screen.contains("2 invocations, 1 failed"), "{screen:?}");
    // Standard error on the terminal, the JSON report into a pipe.
    let screen = on_terminal(
        &format!("{} | $SCF triage --json | cat", slow_log(&dir, 2)),
        b"",
        false,
    );
    assert!(!screen.contains("B/s"), "{screen:?}");
    assert!(screen.contains("\"invocations\": 2"), "{screen:?}");
}
