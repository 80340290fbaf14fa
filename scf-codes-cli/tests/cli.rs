//! The built `scf-codes` binary, run as a user runs it: every command and every error path.

mod support;

use support::{Run, run_with_input};

fn run(args: &[&str]) -> Run {
    run_with_input(args, None)
}

fn succeeds(args: &[&str]) -> String {
    let run = run(args);
    assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
    assert_eq!(run.stderr, "");
    run.stdout
}

fn fails(args: &[&str], input: Option<&[u8]>) -> String {
    let run = run_with_input(args, input);
    assert_eq!(run.status, 2, "{args:?} should fail: {}", run.stdout);
    assert_eq!(run.stdout, "");
    run.stderr
}

#[test]
fn explain_shows_everything_the_table_says() {
    let out = succeeds(&["explain", "433"]);
    assert!(out.starts_with("433 TimeLimitReached\n"), "{out}");
    assert!(out.contains("Category:    function"));
    assert!(out.contains("Retryable:   no"));
    assert!(out.contains("Triggers instance repossession: yes"));
    assert!(out.contains("execution timeout period\n  (https://intl.cloud.tencent.com/document/product/583/19805) elapses."), "{out}");
    assert!(
        out.lines()
            .all(|line| line.chars().count() <= 80 || !line.trim().contains(' ')),
        "{out}"
    );
    assert_eq!(succeeds(&["explain", "timelimitreached"]), out);
}

#[test]
fn explain_json_has_the_documented_schema() {
    let out = succeeds(&["explain", "432", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["code"], 432);
    assert_eq!(value["name"], "ResourceLimitReached");
    assert_eq!(value["message"], "ResourceLimitReached");
    assert_eq!(value["category"], "throttling");
    assert_eq!(value["retryable"], true);
    assert_eq!(value["triggers_repossession"], false);
    assert_eq!(value["known"], true);
    assert!(
        value["description"]
            .as_str()
            .unwrap()
            .contains("concurrency limit")
    );
    assert!(
        value["solution"]
            .as_str()
            .unwrap()
            .contains("reserved quota")
    );
}

/// Nothing found: exit status 1, nothing on standard output, and what was not found on standard
/// error.
fn finds_nothing(args: &[&str]) -> String {
    let run = run(args);
    assert_eq!(run.status, 1, "{args:?}: {}", run.stderr);
    assert_eq!(run.stdout, "", "{args:?}");
    run.stderr
}

#[test]
fn explain_of_a_code_or_name_not_in_the_table_finds_nothing_with_a_suggestion() {
    let stderr = finds_nothing(&["explain", "TimeLimitReachd"]);
    assert!(
        stderr.starts_with("\"TimeLimitReachd\" is not a status code"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("did you mean TimeLimitReached?\n"),
        "{stderr}"
    );
    let stderr = finds_nothing(&["explain", "999"]);
    assert_eq!(
        stderr,
        "999 is not in the SCF status code table; run `scf-codes list` to see every code\n"
    );
}

#[test]
fn explain_json_of_a_number_not_in_the_table_keeps_it_as_unknown() {
    let run = run(&["explain", "600", "--json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["code"], 600);
    assert_eq!(value["known"], false);
    assert_eq!(value["name"], "Unknown");
    assert!(
        run.stderr
            .starts_with("600 is not in the SCF status code table")
    );
}

#[test]
fn explain_of_what_is_no_code_at_all_is_an_error() {
    for query in ["", "70000", "433x"] {
        let stderr = fails(&["explain", query], None);
        assert!(stderr.starts_with("error: "), "{query:?}: {stderr}");
    }
}

#[test]
fn list_is_an_aligned_table_that_filters() {
    let out = succeeds(&["list"]);
    assert_eq!(out.lines().count(), 1 + scf_codes::Code::ALL.len());
    assert_eq!(
        out.lines().next().unwrap(),
        "CODE  NAME                    CATEGORY       RETRY  MESSAGE"
    );
    let retryable = succeeds(&["list", "--retryable"]);
    let codes: Vec<&str> = retryable.lines().skip(1).map(|line| &line[..3]).collect();
    assert_eq!(codes, ["429", "432", "500"]);
    let function = succeeds(&["list", "--category", "Function", "--json"]);
    let value: Vec<serde_json::Value> = serde_json::from_str(&function).unwrap();
    assert!(value.iter().all(|code| code["category"] == "function"));
    assert!(value.iter().any(|code| code["code"] == 433));
    let stderr = fails(&["list", "--category", "functon"], None);
    assert!(
        stderr.contains("[possible values: success, request, permission"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tip: a similar value exists: 'function'"),
        "{stderr}"
    );
}

#[test]
fn every_enumerated_value_is_listed_in_help_with_a_suggestion_on_a_typo() {
    for (args, values, typo, suggestion) in [
        (
            &["list"][..],
            "[possible values: success, request, permission, function, configuration",
            &["list", "--category", "throtling"][..],
            "'throttling'",
        ),
        (
            &["handler"],
            "[possible values: go, python, nodejs, php, java, custom]",
            &["handler", "--runtime", "pyhton", "main"],
            "'python'",
        ),
        (
            &["export"],
            "[possible values: json, markdown, csv]",
            &["export", "--format", "jsno"],
            "'json'",
        ),
        (
            &["triage"],
            "[possible values: function, version]",
            &["triage", "--by", "fucntion"],
            "'function'",
        ),
        (
            &["triage"],
            "[possible values: cls, spark, duckdb]",
            &["triage", "--sql", "duckbd"],
            "'duckdb'",
        ),
        (
            &["completions"],
            "[possible values: bash, elvish, fish, powershell, zsh]",
            &["completions", "bahs"],
            "'bash'",
        ),
    ] {
        let help = succeeds(&[args, &["-h"]].concat()).replace("\n", " ");
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help.contains(values), "{args:?} -h: {help}");
        let stderr = fails(typo, None);
        assert!(
            stderr.contains(&format!("tip: a similar value exists: {suggestion}")),
            "{typo:?}: {stderr}"
        );
    }
}

#[test]
fn search_finds_the_timeouts_best_first() {
    let out = succeeds(&["search", "timeout"]);
    let codes: Vec<&str> = out.lines().skip(1).map(|line| &line[..3]).collect();
    assert_eq!(&codes[..2], ["447", "450"]);
    assert!(codes.contains(&"433"));
    let json = succeeds(&["search", "PULL", "image", "--json"]);
    let value: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let found: Vec<u64> = value
        .iter()
        .map(|code| code["code"].as_u64().unwrap())
        .collect();
    assert_eq!(found, [444, 447]);
    fails(&["search"], None);
}

#[test]
fn a_search_that_matches_nothing_exits_1_as_grep_does() {
    assert_eq!(
        finds_nothing(&["search", "zebra", "--lang", "en"]),
        "No code matches \"zebra\".\n"
    );
    let json = run(&["search", "zebra", "--json"]);
    assert_eq!((json.status, json.stdout.as_str()), (1, "[]\n"));
}

#[test]
fn export_writes_the_whole_table_in_each_format() {
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&succeeds(&["export", "--format", "json"])).unwrap();
    assert_eq!(json.len(), scf_codes::Code::ALL.len());
    let markdown = succeeds(&["export", "--format", "markdown"]);
    let exited = scf_codes::Code::UserProcessExited;
    assert!(markdown.contains(&format!("## {exited}")));
    let csv = succeeds(&["export", "--format", "csv"]);
    assert!(csv.starts_with(
        "code,name,message,category,retryable,triggers_repossession,description,solution,description_zh,solution_zh\r\n"
    ));
    assert!(csv.contains("\r\n407,ResponseTooLarge,The size of response exceeds the upper limit (6MB),function,false,false,"));
    let stderr = fails(&["export", "--format", "yaml"], None);
    assert!(stderr.contains("invalid value 'yaml'"), "{stderr}");
    assert_eq!(
        succeeds(&["export", "--json"]),
        succeeds(&["export", "--format", "json"])
    );
    fails(&["export"], None);
    fails(&["export", "--json", "--format", "csv"], None);
}

#[test]
fn decode_reads_a_failure_body_from_standard_input() {
    let body = br#"{"errorCode":-1,"errorMessage":"user code exception caught","requestId":"a1b2","stackTrace":"Traceback ...","statusCode":430}"#;
    let run = run_with_input(&["decode"], Some(body));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("statusCode 430 in a function failure body (errorMessage: \"user code exception caught\")\n\n430 User code exception caught\n"), "{}", run.stdout);
}

#[test]
fn decode_keys_on_the_status_code_not_the_message() {
    let body = br#"{"errorCode":-1,"errorMessage":"Invoking task timed out after 3 seconds","requestId":"x","statusCode":433}"#;
    let run = run_with_input(&["decode", "--json"], Some(body));
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["code"], 433);
    assert_eq!(value["name"], "TimeLimitReached");
    assert!(
        value["source"]
            .as_str()
            .unwrap()
            .starts_with("statusCode 433 in a function failure body")
    );
}

#[test]
fn decode_reads_an_invoke_response_from_a_file() {
    let dir = std::env::temp_dir().join(format!("scf-codes-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("invoke.json");
    std::fs::write(
        &file,
        r#"{"Response":{"Result":{"MemUsage":3207168,"Log":"","RetMsg":"hello from scf","BillDuration":100,"FunctionRequestId":"6add56fa","Duration":0.826,"ErrMsg":"","InvokeResult":0},"RequestId":"c2af8a64"}}"#,
    )
    .unwrap();
    let out = succeeds(&["decode", file.to_str().unwrap()]);
    assert!(
        out.starts_with("InvokeResult 0 in an InvokeFunction response\n\n200 Success\n"),
        "{out}"
    );
    std::fs::write(&file, r#"{"Response":{"Result":{"InvokeResult":432}}}"#).unwrap();
    assert!(succeeds(&["decode", file.to_str().unwrap()]).contains("432 ResourceLimitReached"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn decode_of_a_number_not_in_the_table_gives_it_as_unknown() {
    for input in [&b"{\"statusCode\":600}"[..], b"600", b"0", b"65535"] {
        let run = run_with_input(&["decode", "--json"], Some(input));
        assert_eq!(run.status, 0, "{input:?}: {}", run.stderr);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(value["known"], false, "{input:?}");
        assert_eq!(value["name"], "Unknown", "{input:?}");
    }
    let run = run_with_input(&["decode"], Some(b"{\"statusCode\":600}"));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("statusCode 600 in a function failure body\n\n600 "),
        "{}",
        run.stdout
    );
}

#[test]
fn every_command_that_reads_a_file_reads_standard_input_for_a_dash() {
    let body: &[u8] = b"{\"statusCode\":433}";
    for args in [&["decode"][..], &["decode", "-"]] {
        let run = run_with_input(args, Some(body));
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("433 TimeLimitReached"), "{args:?}");
    }
    for args in [&["check-event"][..], &["check-event", "-"]] {
        let run = run_with_input(args, Some(b"{\"key\": \"value\"}"));
        assert_eq!(
            (run.status, run.stdout.as_str()),
            (
                0,
                "the event is 16 bytes, within the synchronous limit of 6291456 bytes, and is JSON\n"
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
    // A code package as a .zip on standard input.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("index.py", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(
        &mut zip,
        b"def main_handler(event, context):\n    return 1\n",
    )
    .unwrap();
    let package = zip.finish().unwrap().into_inner();
    let handler = [
        "handler",
        "--runtime",
        "python",
        "index.main_handler",
        "--package",
        "-",
    ];
    let run = run_with_input(&handler, Some(&package));
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("defines `main_handler`"),
        "{}",
        run.stdout
    );
    let run = run_with_input(&handler, Some(b"not a zip"));
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("standard input is neither a directory nor"),
        "{}",
        run.stderr
    );
    // Over the limit in a pipe, the message still gives the event's whole size.
    let event = format!("{{\"data\": \"{}\"}}", "x".repeat(200_000));
    let run = run_with_input(&["check-event", "--async", "-"], Some(event.as_bytes()));
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: 406 RequestTooLarge: the event is 200012 bytes, over the asynchronous limit of \
         131072 bytes (128 KB)\n"
    );
}

#[test]
fn decode_reads_the_failure_body_in_err_msg_or_ret_msg_of_a_failed_invocation() {
    let payloads = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/payload");
    let decode = |file: &str| {
        let path = payloads.join(file);
        run(&["decode", "--json", path.to_str().unwrap()])
    };
    for (file, code, source) in [
        (
            "invoke-failed-errmsg.json",
            439,
            "statusCode 439 in the failure body in ErrMsg of an InvokeFunction response \
             (InvokeResult -1) (errorMessage: \"User process exit when running\")",
        ),
        (
            "invoke-failed-retmsg.json",
            433,
            "statusCode 433 in the failure body in RetMsg of an InvokeFunction response \
             (InvokeResult 1) (errorMessage: \"Invoking task timed out after 3 seconds\")",
        ),
    ] {
        let run = decode(file);
        assert_eq!(run.status, 0, "{file}: {}", run.stderr);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(value["code"], code, "{file}");
        assert_eq!(value["source"], source, "{file}");
    }
    // A stack trace in ErrMsg is the function's own output, not a failure body.
    let run = decode("invoke-failed-traceback.json");
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .contains("neither ErrMsg nor RetMsg holds a failure body"),
        "{}",
        run.stderr
    );
}

#[test]
fn decode_reads_a_bare_number() {
    let run = run_with_input(&["decode"], Some(b"439\n"));
    assert_eq!(run.status, 0);
    let exited = scf_codes::Code::UserProcessExited;
    assert!(
        run.stdout
            .starts_with(&format!("the number 439\n\n{exited}\n")),
        "{}",
        run.stdout
    );
}

#[test]
fn decode_fails_clearly_on_input_without_a_status_code() {
    let cases: [(&[u8], &str); 7] = [
        (b"{\"hello\": 1}", "error: no status code in the input: the object has neither `statusCode` nor `Response`"),
        (b"{\"statusCode\": ", "error: the input is not valid JSON (EOF while parsing"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "error: the input is not UTF-8 text"),
        (b"", "error: the input is empty"),
        (b"{\"statusCode\": 70000}", "error: not a valid SCF failure body: `statusCode`: invalid value: integer `70000`"),
        (b"{\"statusCode\": \"433\"}", "error: not a valid SCF failure body: `statusCode`: invalid type: string \"433\""),
        (b"{\"Response\":{\"Error\":{\"Code\":\"ResourceNotFound.Function\",\"Message\":\"no such function\"}}}", "error: the InvokeFunction call failed, so there is no status code: the API returned the error ResourceNotFound.Function: no such function"),
    ];
    for (input, start) in cases {
        let stderr = fails(&["decode"], Some(input));
        assert!(stderr.starts_with(start), "{input:?}: {stderr}");
        assert!(
            stderr.contains("expected") || stderr.contains("API returned"),
            "{stderr}"
        );
    }
    let stderr = fails(&["decode", "/no/such/file.json"], None);
    assert!(
        stderr.starts_with("error: cannot read /no/such/file.json: "),
        "{stderr}"
    );
}

#[test]
fn decode_refuses_a_huge_input() {
    let huge = vec![b' '; 9 * 1024 * 1024];
    let stderr = fails(&["decode"], Some(&huge));
    assert!(
        stderr.starts_with("error: standard input is larger than 8 MiB"),
        "{stderr}"
    );
}

#[test]
fn help_documents_the_exit_status_and_the_json_schema() {
    let help = succeeds(&["--help"]);
    for needle in [
        "Exit status, as ripgrep's: 0 when something was found",
        "triggers_repossession",
        "explain",
        "decode",
        "export",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
    let revision = scf_codes_cli::revision::describe(include_str!("../../codes.toml")).unwrap();
    assert_eq!(
        succeeds(&["--version"]),
        format!("scf-codes {} ({revision})\n", env!("CARGO_PKG_VERSION"))
    );
    let stderr = fails(&["frobnicate"], None);
    assert!(
        stderr.contains("unrecognized subcommand 'frobnicate'"),
        "{stderr}"
    );
}

/// Each command's `--json` says where its fields are described, and its help lists every field
/// it prints: the keys of a real run, at every level, appear in the paragraph that the flag's
/// own line points to.
#[test]
fn each_help_describes_the_json_its_command_prints() {
    // With a time, a duration, memory and a version, so that every field of triage's JSON is
    // there to check.
    let triage_log: &[u8] = br#"{"SCF_RequestId":"a","SCF_StatusCode":"433","SCF_FunctionName":"f","SCF_Qualifier":"$LATEST","SCF_LogTime":"1653523171462771821","SCF_Duration":"3000","SCF_MemUsage":"12.5"}"#;
    let cases: [(&[&str], Option<&[u8]>); 5] = [
        (&["explain", "433"], None),
        (&["list"], None),
        (&["search", "timeout"], None),
        (&["decode"], Some(b"{\"statusCode\":433}")),
        (
            &["triage", "--by", "function", "--by", "version"],
            Some(triage_log),
        ),
    ];
    for (args, input) in cases {
        let command = args[0];
        let help = succeeds(&[command, "--help"]);
        let flag = help
            .lines()
            .skip_while(|line| !line.trim_start().starts_with("--json"))
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flag.contains("listed below"), "{command}: {flag}");
        let (_, below) = help
            .split_once("\n--json prints ")
            .unwrap_or_else(|| panic!("{command} --help describes no JSON:\n{help}"));
        let described = below.split("\n\n").next().unwrap();

        let run = run_with_input(&[args, &["--json"]].concat(), input);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        let mut keys = Vec::new();
        collect_keys(&serde_json::from_str(&run.stdout).unwrap(), &mut keys);
        assert!(keys.len() >= 9, "{command}: {keys:?}");
        for key in keys {
            let named = described
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|word| word == key);
            assert!(
                named,
                "{command} --help does not name `{key}`:\n{described}"
            );
        }
    }
}

fn collect_keys(value: &serde_json::Value, keys: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, value) in object {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
                collect_keys(value, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    // `scf-codes list | head -0`: the pipe's reader is gone before anything is written, as
    // `head` is once it has its lines.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    for args in [
        &["list"][..],
        &["export", "--format", "json"],
        &["explain", "433"],
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_scf-codes"))
            .args(args)
            .stdout(writer.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

/// The names of the subcommands, at every depth, as `scf-codes help` lists them.
fn subcommands() -> Vec<String> {
    fn walk(command: &clap::Command, prefix: &str, names: &mut Vec<String>) {
        for sub in command.get_subcommands() {
            let name = format!("{prefix}{}", sub.get_name());
            names.push(name.clone());
            walk(sub, &format!("{name}-"), names);
        }
    }
    let mut names = Vec::new();
    walk(
        &<scf_codes_cli::cli::Cli as clap::CommandFactory>::command(),
        "",
        &mut names,
    );
    names
}

#[test]
fn the_bash_completions_parse_and_offer_every_value_and_code_name() {
    let script = succeeds(&["completions", "bash"]);
    let dir = support::scratch("cli", "completions");
    let path = dir.join("scf-codes.bash");
    std::fs::write(&path, &script).unwrap();
    let bash = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        bash.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&bash.stderr)
    );
    for subcommand in subcommands() {
        let last = subcommand.rsplit('-').next().unwrap();
        assert!(script.contains(last), "{subcommand}");
    }
    for values in [
        "function version",                 // --by
        "cls spark duckdb",                 // --sql
        "json markdown csv",                // --format
        "go python nodejs php java custom", // --runtime
        "success request permission function configuration throttling account platform",
        "auto always never", // --color
    ] {
        assert!(script.contains(values), "{values}");
    }
    for code in scf_codes::Code::ALL {
        assert!(script.contains(code.name()), "{code}");
    }
    // What bash offers, as it offers it: the script's function called as `complete -F` calls
    // it, after the command's name, after a subcommand, and after an option of a subcommand.
    let offered = |words: &[&str]| {
        let words: Vec<String> = words.iter().map(|word| format!("{word:?}")).collect();
        let current = words.len() - 1;
        let call = format!(
            "source {path:?}; COMP_WORDS=({}); COMP_CWORD={current}; \
             _scf__codes scf-codes {} {}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words.join(" "),
            words[current],
            words[current - 1],
        );
        let bash = std::process::Command::new("bash")
            .args(["--norc", "-c", &call])
            .output()
            .unwrap();
        String::from_utf8_lossy(&bash.stdout).into_owned()
    };
    assert!(offered(&["scf-codes", "expl"]).contains("explain"));
    assert_eq!(
        offered(&["scf-codes", "explain", "TimeL"]),
        "TimeLimitReached\n"
    );
    assert_eq!(
        offered(&["scf-codes", "triage", "--by", ""]),
        "function\nversion\n"
    );
    assert!(offered(&["scf-codes", "triage", "--sql", ""]).contains("duckdb"));
    assert!(offered(&["scf-codes", "handler", "--runtime", "py"]).contains("python"));
    // clap_complete's PowerShell and Elvish scripts complete subcommands and options only.
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = succeeds(&["completions", shell]);
        assert!(script.contains("check-event"), "{shell}");
        if matches!(shell, "zsh" | "fish") {
            assert!(script.contains("TimeLimitReached"), "{shell}");
            assert!(script.contains("duckdb"), "{shell}");
        }
    }
}

#[test]
fn the_man_page_names_every_subcommand() {
    let page = succeeds(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq"), "{page}");
    assert!(page.contains(".TH scf-codes 1"), "{page}");
    // `table diff` and `table import` are on the page of `table`.
    let command = <scf_codes_cli::cli::Cli as clap::CommandFactory>::command();
    for subcommand in command.get_subcommands() {
        let named = format!(
            "scf\\-codes\\-{}(1)",
            subcommand.get_name().replace('-', "\\-")
        );
        assert!(page.contains(&named), "{named} is not on the page");
    }
    let dir = support::scratch("cli", "man");
    let out = succeeds(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(out.starts_with("wrote 14 man pages into "), "{out}");
    for page in [
        "scf-codes.1",
        "scf-codes-triage.1",
        "scf-codes-table-diff.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".SH SYNOPSIS"), "{page}");
    }
}

#[test]
fn triage_checks_the_html_path_before_it_reads_any_input() {
    // Standard input stays open: triage must refuse before it reads, or it would wait for ever.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scf-codes"))
        .args(["triage", "--html", "/no/such/folder/report.html", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let output = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: cannot write the HTML report to /no/such/folder/report.html: No such file or \
         directory (os error 2); nothing was read\n"
    );
}

#[test]
fn triage_never_writes_its_page_over_a_log() {
    let dir = support::scratch("cli", "html-over-a-log");
    let log = br#"{"SCF_RequestId":"a","SCF_StatusCode":433}"#;
    let gzip = support::gzip(log);
    for name in ["a.jsonl.gz", "b.jsonl.gz"] {
        std::fs::write(dir.join(name), &gzip).unwrap();
    }
    let (a, b) = (dir.join("a.jsonl.gz"), dir.join("b.jsonl.gz"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    // `--html logs/*.gz`, as the shell expands it: the first log would be the page.
    let glob = run(&["triage", "--html", a, b]);
    assert_eq!(glob.status, 2, "{}", glob.stdout);
    assert!(
        glob.stderr.contains("is not an HTML page"),
        "{}",
        glob.stderr
    );
    // The page's path given as an input too.
    let twice = run(&["triage", "--html", b, b]);
    assert_eq!(twice.status, 2, "{}", twice.stdout);
    assert!(
        twice.stderr.contains("is both an input"),
        "{}",
        twice.stderr
    );
    for name in ["a.jsonl.gz", "b.jsonl.gz"] {
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            gzip,
            "{name} is left alone"
        );
    }
    // An earlier page is replaced, as any output is.
    let page = dir.join("report.html");
    std::fs::write(&page, "<!DOCTYPE html>\n<p>old</p>").unwrap();
    let again = run(&["triage", "--html", page.to_str().unwrap(), a]);
    assert_eq!(again.status, 0, "{}", again.stderr);
    assert!(
        !std::fs::read_to_string(&page)
            .unwrap()
            .contains("<p>old</p>")
    );
}

#[test]
fn triage_prints_its_report_when_the_page_cannot_be_written_after_all() {
    let log = br#"{"SCF_RequestId":"a","SCF_StatusCode":433}"#;
    // /dev/full opens for writing, and every write to it fails.
    let run = run_with_input(&["triage", "--html", "/dev/full"], Some(log));
    assert_eq!(run.status, 2);
    assert!(
        run.stdout.contains("1 invocation, 1 failed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .starts_with("error: cannot write the HTML report to /dev/full: "),
        "{}",
        run.stderr
    );
}

/// The command run with the locale variables `vars`, and nothing else of the environment's.
fn run_in_locale(args: &[&str], vars: &[(&str, &str)]) -> String {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_scf-codes"));
    command
        .args(args)
        .env("COLUMNS", "80")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn explain_in_chinese_shows_the_chinese_texts_of_codes_toml_with_chinese_labels() {
    use scf_codes::{Code, Lang};
    let shown = succeeds(&["explain", "433", "--lang", "zh"]);
    let code = Code::TimeLimitReached;
    assert!(shown.starts_with(&format!("{code}\n")), "{shown}");
    assert!(
        shown.contains("\n说明\n") && shown.contains("\n解决方法\n"),
        "{shown}"
    );
    let first: String = code.description_in(Lang::Zh).chars().take(6).collect();
    assert!(shown.contains(&first), "{shown}");
    assert!(
        !shown.contains(code.description().split(' ').next().unwrap()),
        "{shown}"
    );
    // Wrapped to 80 display columns, a Chinese character counting two.
    for line in shown.lines() {
        let content = line.trim_start().trim_start_matches("- ");
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80
                || content.starts_with('(')
                || content.contains("://"),
            "{line:?}"
        );
    }
}

#[test]
fn the_locale_chooses_the_language_unless_lang_says_otherwise() {
    let english = run_in_locale(&["explain", "433"], &[]);
    assert!(english.contains("\nDescription\n"), "{english}");
    let chinese = run_in_locale(&["explain", "433"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(chinese.contains("\n说明\n"), "{chinese}");
    assert_eq!(
        run_in_locale(
            &["explain", "433", "--lang", "en"],
            &[("LANG", "zh_CN.UTF-8")]
        ),
        english
    );
    assert_eq!(
        run_in_locale(
            &["explain", "433"],
            &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]
        ),
        english,
        "LC_ALL comes first"
    );
    assert_eq!(
        run_in_locale(
            &["explain", "433"],
            &[("LC_MESSAGES", "zh_CN"), ("LANG", "en_US")]
        ),
        chinese
    );
}

#[test]
fn search_finds_codes_by_their_chinese_texts() {
    let found: Vec<serde_json::Value> =
        serde_json::from_str(&succeeds(&["search", "超时", "--json"])).unwrap();
    assert!(found.iter().any(|code| code["code"] == 433), "{found:?}");
    let table = succeeds(&["search", "超时", "--lang", "zh"]);
    assert!(table.starts_with("状态码  "), "{table}");
}

#[test]
fn the_json_of_a_code_carries_both_languages() {
    use scf_codes::{Code, Lang};
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&succeeds(&["export", "--format", "json"])).unwrap();
    for (value, &code) in json.iter().zip(Code::ALL) {
        assert_eq!(value["description"], code.description());
        assert_eq!(value["zh"]["description"], code.description_in(Lang::Zh));
        assert_eq!(value["zh"]["solution"], code.solution_in(Lang::Zh));
    }
    assert_eq!(
        succeeds(&["explain", "433", "--json", "--lang", "zh"]),
        succeeds(&["explain", "433", "--json"]),
        "the JSON is the same in every language"
    );
}
