//! The command line under abuse: huge, deep, binary and malformed input, and arguments no one
//! should type. Each ends with exit status 2 and a message that says what was expected, with no
//! stack overflow or abort, under a 512 MiB address-space limit.

use std::os::unix::ffi::OsStrExt as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `scf-codes` with `args` under `ulimit -v` (512 MiB), feeding `input` on standard input.
/// A run that has not ended after a minute is a hang: it is killed and the test fails.
fn run(args: &[&std::ffi::OsStr], input: Option<Vec<u8>>) -> (Option<i32>, String) {
    let feed = input.map(|bytes| -> Feed {
        Box::new(move |stdin: &mut dyn std::io::Write| {
            // The binary stops reading once the input is too large.
            let _ = stdin.write_all(&bytes);
        })
    });
    let outcome = run_fed(args, feed);
    (outcome.status, outcome.stderr)
}

/// How a run ended: its exit status (`None` for a signal) and what it printed.
struct Outcome {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Writes a command's standard input, from a thread of its own.
type Feed = Box<dyn FnOnce(&mut dyn std::io::Write) + Send>;

/// [`run`], with standard input written by `feed` as the command reads it: for inputs too large
/// to hold.
fn run_fed(args: &[&std::ffi::OsStr], feed: Option<Feed>) -> Outcome {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -v 524288 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_scf-codes"))
        .args(args)
        .stdin(if feed.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    // Read the output while the command runs: output larger than a pipe would block it.
    let read_all = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).unwrap();
            text
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    let writer = feed.map(|feed| {
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || feed(&mut stdin))
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
    Outcome {
        status: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
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
            "InvokeResult 99999999 says the invocation failed but is not a status code",
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
    // A name the table does not have is nothing found (exit 1), said as briefly as a refusal.
    let (status, stderr) = run(&[os("explain"), os(&huge)], None);
    assert_eq!(status, Some(1), "{}", &stderr[..stderr.len().min(300)]);
    assert!(stderr.contains("is not a status code") && stderr.len() < 4096);
    assert_refused(
        run(&[os("search"), os(&huge)], None),
        "at most 4096 are searched for",
    );
    assert_refused(
        run(
            &[os("handler"), os("--runtime"), os("python"), os(&huge)],
            None,
        ),
        "FileName is 102400 characters long",
    );
    assert_refused(
        run(
            &[os("handler"), os("--runtime"), os(&huge), os("main")],
            None,
        ),
        "invalid value 'AAAA",
    );
    assert_refused(
        run(&[os("list"), os("--category"), os(&huge)], None),
        "invalid value 'AAAA",
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

/// The outcome of `triage --json` on `input`: exit status and standard output, under the same
/// memory limit and deadline as [`run`].
fn triage_json(input: Vec<u8>) -> (Option<i32>, String) {
    let feed: Feed = Box::new(move |stdin: &mut dyn std::io::Write| {
        stdin.write_all(&input).unwrap();
    });
    let outcome = run_fed(&[os("triage"), os("--json")], Some(feed));
    (outcome.status, outcome.stdout)
}

const RECORD: &str = "{\"SCF_RequestId\":\"r-1\",\"SCF_StatusCode\":\"433\"}\n";

#[test]
fn triage_of_twenty_megabytes_of_random_bytes_finds_no_record() {
    assert_refused(
        run(&[os("triage")], Some(random_bytes())),
        "no SCF log record in it",
    );
}

#[test]
fn triage_of_two_gigabytes_without_a_newline_streams_and_skips_one_line() {
    let feed: Feed = Box::new(|stdin: &mut dyn std::io::Write| {
        let block = vec![b'{'; 1 << 20];
        for _ in 0..2048 {
            if stdin.write_all(&block).is_err() {
                return;
            }
        }
    });
    let outcome = run_fed(&[os("triage")], Some(feed));
    assert_refused(
        (outcome.status, outcome.stderr),
        "no SCF log record in it (its one line or value is not one)",
    );
}

#[test]
fn triage_of_json_nested_two_hundred_thousand_levels_deep() {
    let depth = 200_000;
    let one_line = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_refused(
        run(&[os("triage")], Some(one_line.into_bytes())),
        "no SCF log record in it (its one line or value is not one)",
    );
    let over_lines = format!("[\n{}\n{}\n", "[".repeat(depth), "]".repeat(depth + 1));
    assert_refused(
        run(&[os("triage")], Some(over_lines.into_bytes())),
        "no SCF log record in it",
    );
    let in_a_record = format!(
        "{RECORD}{{\"SCF_StatusCode\":\"200\",\"x\":{}{}}}\n",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    let (status, report) = triage_json(in_a_record.into_bytes());
    assert_eq!(status, Some(0));
    assert!(report.contains("\"skipped\": 1"), "{report}");
    assert!(report.contains("\"records\": 1"), "{report}");
}

#[test]
fn triage_streams_a_gzip_bomb_without_inflating_it_into_memory() {
    // About a megabyte that inflates to 1.1 GB: one line of zeros, and then a record. A gzip
    // file may hold several members, read one after the other: the member of a megabyte of
    // zeros is written 1,100 times.
    let gzip = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut encoder, bytes).unwrap();
        encoder.finish().unwrap()
    };
    let mut bomb = gzip(&vec![0; 1 << 20]).repeat(1100);
    bomb.extend(gzip(format!("\n{RECORD}").as_bytes()));
    assert!(bomb.len() < 4 << 20, "{} bytes", bomb.len());
    let (status, report) = triage_json(bomb);
    assert_eq!(status, Some(0));
    assert!(report.contains("\"records\": 1"), "{report}");
    assert!(report.contains("\"skipped\": 1"), "{report}");
}

#[test]
fn triage_skips_records_with_invalid_utf8_only_in_the_keys_it_reads() {
    // Invalid UTF-8 in the request ID costs the record; in the message, which triage does not
    // read, it does not, as serde_json and jq pass it over.
    let mut input = RECORD.as_bytes().to_vec();
    input.extend_from_slice(b"{\"SCF_RequestId\":\"r-\xFF\",\"SCF_StatusCode\":\"500\"}\n");
    input.extend_from_slice(b"{\"SCF_Message\":\"\xC3\x28\",\"SCF_StatusCode\":\"500\"}\n");
    let (status, report) = triage_json(input);
    assert_eq!(status, Some(0));
    assert!(report.contains("\"records\": 2"), "{report}");
    assert!(report.contains("\"skipped\": 1"), "{report}");
    let csv = b"SCF_RequestId,SCF_StatusCode\nr-1,433\nr-\xFF,500\n".to_vec();
    let (status, report) = triage_json(csv);
    assert_eq!(status, Some(0));
    assert!(report.contains("\"skipped\": 1"), "{report}");
}
