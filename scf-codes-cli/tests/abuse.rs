//! The command line under abuse: huge, deep, binary and malformed input, and arguments no one
//! should type. Each ends with exit status 2 and a message that says what was expected, with no
//! stack overflow or abort, under a 512 MiB address-space limit.

use std::io::Write as _;
use std::os::unix::ffi::OsStrExt as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `scf-codes` with `args` under `ulimit -v` (512 MiB), feeding `input` on standard input.
/// A run that has not ended after a minute is a hang: it is killed and the test fails.
fn run(args: &[&std::ffi::OsStr], input: Option<Vec<u8>>) -> (Option<i32>, String) {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -v 524288 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_scf-codes"))
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    // Read standard error while the command runs: a message larger than the pipe would block it.
    let mut stderr_pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut stderr_pipe, &mut stderr).unwrap();
        stderr
    });
    let writer = input.map(|bytes| {
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            // The binary stops reading once the input is too large.
            let _ = stdin.write_all(&bytes);
        })
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            let first: Vec<String> = args
                .iter()
                .map(|arg| arg.to_string_lossy().chars().take(40).collect())
                .collect();
            panic!("scf-codes {first:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    (status.code(), reader.join().unwrap())
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

fn assert_refused(outcome: (Option<i32>, String), expected: &str) {
    let (status, stderr) = outcome;
    let start: String = stderr.chars().take(300).collect();
    assert_eq!(
        status,
        Some(2),
        "not a clean exit 2 (a signal is None): {start}"
    );
    assert!(stderr.starts_with("error:"), "{start}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in: {start}"
    );
    assert!(
        stderr.len() < 4096,
        "the message is {} bytes: {start}",
        stderr.len()
    );
}

/// 20 MB of bytes from a fixed xorshift stream.
fn random_bytes() -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    (0..20 * 1024 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

#[test]
fn twenty_megabytes_of_random_bytes_on_standard_input() {
    assert_refused(
        run(&[os("decode")], Some(random_bytes())),
        "standard input is larger than 8 MiB",
    );
}

#[test]
fn twenty_megabytes_of_random_bytes_in_a_file() {
    let path = std::env::temp_dir().join(format!("scf-codes-random-{}", std::process::id()));
    std::fs::write(&path, random_bytes()).unwrap();
    assert_refused(
        run(&[os("decode"), path.as_os_str()], None),
        "is larger than 8 MiB",
    );
    assert_refused(
        run(&[os("check-event"), path.as_os_str()], None),
        "406 RequestTooLarge",
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn random_bytes_that_fit_are_not_utf8_text() {
    let mut bytes = random_bytes();
    bytes.truncate(1024 * 1024);
    assert_refused(
        run(&[os("decode")], Some(bytes)),
        "the input is not UTF-8 text",
    );
}

#[test]
fn json_nested_two_hundred_thousand_levels_deep() {
    let depth = 200_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_refused(
        run(&[os("decode")], Some(arrays.into_bytes())),
        "recursion limit exceeded",
    );
    let objects = format!(
        "{}433{}",
        "{\"statusCode\":".repeat(depth),
        "}".repeat(depth)
    );
    assert_refused(
        run(&[os("decode")], Some(objects.into_bytes())),
        "recursion limit exceeded",
    );
    let inside = format!(
        "{{\"statusCode\":433,\"x\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert_refused(
        run(&[os("decode")], Some(inside.into_bytes())),
        "recursion limit exceeded",
    );
}

#[test]
fn a_status_code_beyond_u16_or_as_a_string() {
    for (body, expected) in [
        ("{\"statusCode\":65536}", "invalid value: integer `65536`"),
        (
            "{\"statusCode\":18446744073709551616}",
            "expected a status code",
        ),
        ("{\"statusCode\":1e30}", "invalid type: floating point"),
        ("{\"statusCode\":-433}", "invalid value: integer `-433`"),
        ("{\"statusCode\":\"433\"}", "invalid type: string \"433\""),
        (
            "{\"Response\":{\"Result\":{\"InvokeResult\":99999999}}}",
            "invalid value: integer `99999999`",
        ),
        ("99999999999999999999999", "is not a status code"),
    ] {
        assert_refused(
            run(&[os("decode")], Some(body.as_bytes().to_vec())),
            expected,
        );
    }
}

#[test]
fn a_hundred_kilobyte_argument() {
    let huge = "A".repeat(100 * 1024);
    assert_refused(
        run(&[os("explain"), os(&huge)], None),
        "is not a status code",
    );
    assert_refused(
        run(&[os("search"), os(&huge)], None),
        "at most 4096 are searched for",
    );
    assert_refused(
        run(
            &[os("handler"), os("--runtime"), os("python"), os(&huge)],
            None,
        ),
        "a handler is 2 to 60 characters long",
    );
    assert_refused(
        run(
            &[os("handler"), os("--runtime"), os(&huge), os("main")],
            None,
        ),
        "unknown runtime",
    );
    assert_refused(
        run(&[os("list"), os("--category"), os(&huge)], None),
        "unknown category \"AAAA",
    );
    assert_refused(run(&[os("decode"), os(&huge)], None), "cannot read");
}

#[test]
fn invalid_utf8_in_arguments() {
    let invalid = std::ffi::OsStr::from_bytes(b"T\xFFimeLimitReached");
    assert_refused(run(&[os("explain"), invalid], None), "invalid UTF-8");
    assert_refused(run(&[os("search"), invalid], None), "invalid UTF-8");
    assert_refused(
        run(&[os("handler"), os("--runtime"), os("go"), invalid], None),
        "invalid UTF-8",
    );
    // A file name need not be UTF-8: it is read, and the file does not exist.
    assert_refused(run(&[os("decode"), invalid], None), "cannot read");
}
