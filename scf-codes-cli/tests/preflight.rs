//! `scf-codes handler` and `scf-codes check-event`: catching 437 and 406 before a deploy or an
//! invoke, on packages and events the tests build themselves.

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use support::{run_with_input, scratch};

fn scf_codes(args: &[&str]) -> (i32, String, String) {
    let run = run_with_input(args, None);
    (run.status, run.stdout, run.stderr)
}

/// A directory package with `files` (path, contents).
fn directory_package(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = scratch("preflight", name);
    for (path, contents) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    root
}

/// A .zip package with `files`, deflated as deploy tools write them.
fn zip_package(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let path = scratch("preflight", name).join("package.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, contents) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(contents.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn check(runtime: &str, handler: &str, package: &Path) -> (i32, String, String) {
    scf_codes(&[
        "handler",
        "--runtime",
        runtime,
        handler,
        "--package",
        package.to_str().unwrap(),
    ])
}

#[test]
fn a_valid_handler_passes_without_a_package() {
    let (status, out, _) = scf_codes(&["handler", "--runtime", "python3.9", "index.main_handler"]);
    assert_eq!(status, 0);
    assert_eq!(
        out,
        "handler `index.main_handler` is valid for Python: entry file `index.py`, function `main_handler`\n"
    );
    let (status, out, _) =
        scf_codes(&["handler", "--runtime", "java", "example.Hello::mainHandler"]);
    assert_eq!(status, 0);
    assert!(
        out.contains("entry file `example/Hello.class`, function `mainHandler`"),
        "{out}"
    );
}

#[test]
fn each_broken_rule_is_named_with_the_right_form() {
    let cases = [
        (
            "python",
            "index.py.main_handler",
            "FileName must not include the extension `.py`: write `index.main_handler`",
        ),
        ("nodejs", "index", "the `.FunctionName` part is missing"),
        (
            "java",
            "example.Hello.mainHandler",
            "write `example.Hello::mainHandler`",
        ),
        ("go", "main.main", "Go handlers are `FileName` alone"),
        (
            "php",
            "1ndex.main_handler",
            "FileName `1ndex` must start and end with a letter",
        ),
        (
            "python",
            "a.main_handler",
            "FileName is 1 character long: FileName and FunctionName are each 2 to 60 characters",
        ),
    ];
    for (runtime, handler, message) in cases {
        let (status, out, err) = scf_codes(&["handler", "--runtime", runtime, handler]);
        assert_eq!((status, out.as_str()), (2, ""), "{runtime} {handler}");
        assert!(err.contains(message), "{runtime} {handler}: {err}");
    }
    let (status, _, err) = scf_codes(&["handler", "--runtime", "rust", "main"]);
    assert_eq!(status, 2);
    assert!(
        err.contains("invalid value 'rust' for '--runtime <RUNTIME>'\n  [possible values: go, python, nodejs, php, java, custom]\n\nFor more information"),
        "{err}"
    );
}

#[test]
fn a_package_with_the_entry_file_at_its_root_passes() {
    let python = [(
        "index.py",
        "import json\n\ndef main_handler(event, context):\n    return event\n",
    )];
    for package in [
        directory_package("python-ok", &python),
        zip_package("python-ok-zip", &python),
    ] {
        let (status, out, err) = check("python", "index.main_handler", &package);
        assert_eq!(status, 0, "{err}");
        assert!(
            out.ends_with(
                "the entry file `index.py` is at the package root and defines `main_handler`\n"
            ),
            "{out}"
        );
    }
    let node = [
        (
            "index.js",
            "module.exports = { main_handler: async (event) => event };\n",
        ),
        ("node_modules/x/index.js", ""),
    ];
    let (status, _, err) = check(
        "nodejs",
        "index.main_handler",
        &zip_package("node-ok", &node),
    );
    assert_eq!(status, 0, "{err}");
    let php = [(
        "index.php",
        "<?php\nfunction main_handler($event, $context) {\n    return 'ok';\n}\n",
    )];
    let (status, _, err) = check(
        "php",
        "index.main_handler",
        &directory_package("php-ok", &php),
    );
    assert_eq!(status, 0, "{err}");
    let go = [("main", "\x7fELF")];
    assert_eq!(check("go", "main", &zip_package("go-ok", &go)).0, 0);
    let java = [
        ("example/Hello.class", "\u{00ca}\u{00fe}"),
        ("META-INF/MANIFEST.MF", ""),
    ];
    assert_eq!(
        check(
            "java",
            "example.Hello::mainHandler",
            &zip_package("java-ok", &java)
        )
        .0,
        0
    );
    let custom = [("bootstrap", "#!/bin/sh\n")];
    assert_eq!(
        check(
            "custom",
            "anything",
            &directory_package("custom-ok", &custom)
        )
        .0,
        0
    );
}

#[test]
fn an_entry_file_in_a_subfolder_is_named_as_the_cause_of_437() {
    let files = [(
        "my-function/src/index.js",
        "exports.main_handler = () => 1;\n",
    )];
    for package in [
        directory_package("nested", &files),
        zip_package("nested-zip", &files),
    ] {
        let (status, out, err) = check("nodejs", "index.main_handler", &package);
        assert_eq!((status, out.as_str()), (2, ""));
        assert_eq!(
            err,
            "error: the entry file `index.js` is not at the package root but at `my-function/src/index.js`: put it at the root (zip the folder's contents, not the folder); SCF would fail with 437 HandlerNotFound\n"
        );
    }
}

#[test]
fn a_missing_entry_file_or_function_is_437() {
    let (status, _, err) = check(
        "python",
        "index.main_handler",
        &zip_package("missing", &[("app.py", "def main_handler(e, c): pass\n")]),
    );
    assert_eq!(status, 2);
    assert!(
        err.contains("the entry file `index.py` is not in the package"),
        "{err}"
    );
    assert!(
        err.ends_with("SCF would fail with 437 HandlerNotFound\n"),
        "{err}"
    );
    let (status, _, err) = check(
        "python",
        "index.main_handler",
        &directory_package("no-def", &[("index.py", "def handler(e, c): pass\n")]),
    );
    assert_eq!(status, 2);
    assert!(err.contains("`index.py` does not define `main_handler`: expected `def main_handler(event, context):`"), "{err}");
    let (status, _, err) = check(
        "nodejs",
        "index.main_handler",
        &zip_package("no-export", &[("index.js", "function main_handler() {}\n")]),
    );
    assert_eq!(status, 2);
    assert!(
        err.contains("`index.js` does not define `main_handler`: expected `exports.main_handler"),
        "{err}"
    );
    let (status, _, err) = check(
        "custom",
        "anything",
        &directory_package("no-bootstrap", &[("main", "")]),
    );
    assert_eq!(status, 2);
    assert!(
        err.contains("needs an executable `bootstrap` at its root"),
        "{err}"
    );
}

#[test]
fn a_package_that_is_neither_a_folder_nor_a_zip_is_bad_input() {
    let not_zip = scratch("preflight", "not-zip").join("package.zip");
    std::fs::write(&not_zip, "this is not a zip").unwrap();
    let (status, _, err) = check("python", "index.main_handler", &not_zip);
    assert_eq!(status, 2);
    assert!(
        err.contains("is neither a directory nor a readable .zip file"),
        "{err}"
    );
    let (status, _, err) = check(
        "python",
        "index.main_handler",
        Path::new("/no/such/package.zip"),
    );
    assert_eq!(status, 2);
    assert!(
        err.contains("cannot open the package /no/such/package.zip"),
        "{err}"
    );
}

/// A JSON event of exactly `len` bytes: a string of spaces in quotes.
fn event_of(name: &str, len: usize) -> PathBuf {
    let path = scratch("preflight", name).join("event.json");
    let mut text = String::with_capacity(len);
    text.push('"');
    text.push_str(&" ".repeat(len - 2));
    text.push('"');
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn events_pass_up_to_the_limit_and_fail_with_406_one_byte_over() {
    for (flag, limit, name) in [
        (None, 6 * 1024 * 1024, "sync"),
        (Some("--async"), 128 * 1024, "async"),
    ] {
        let run = |len: usize, tag: &str| {
            let path = event_of(&format!("{name}-{tag}"), len);
            let mut args = vec!["check-event"];
            args.extend(flag);
            args.push(path.to_str().unwrap());
            scf_codes(&args)
        };
        let (status, out, err) = run(limit, "at");
        assert_eq!(status, 0, "{err}");
        assert!(
            out.starts_with(&format!("the event is {limit} bytes, within the")),
            "{out}"
        );
        let (status, out, err) = run(limit + 1, "over");
        assert_eq!((status, out.as_str()), (2, ""));
        assert!(
            err.starts_with(&format!(
                "error: 406 RequestTooLarge: the event is {} bytes, over the",
                limit + 1
            )),
            "{err}"
        );
        assert!(err.contains(&format!("limit of {limit} bytes")), "{err}");
    }
}

#[test]
fn an_event_that_is_not_json_is_400() {
    let path = scratch("preflight", "not-json").join("event.txt");
    std::fs::write(&path, "key=value").unwrap();
    let (status, _, err) = scf_codes(&["check-event", path.to_str().unwrap()]);
    assert_eq!(status, 2);
    assert!(
        err.starts_with("error: 400 InvalidParameterValue: the event is not JSON"),
        "{err}"
    );
    let (status, _, err) = scf_codes(&["check-event", "/no/such/event.json"]);
    assert_eq!(status, 2);
    assert!(
        err.starts_with("error: cannot read /no/such/event.json"),
        "{err}"
    );
}
