//! `scf-codes table diff` and `table import` on Tencent's page: the seed (the 2021-10-26
//! revision, as malformed as the real page) and variants made from it, each with its expected
//! diff, JSON and file after import, in `tests/data/table/`.
//!
//! The variants run against `data/table/codes.toml`, a copy of codes.toml as it was when they
//! were written, so that they keep testing the importer when the shipped file changes; the seed
//! is also compared with the shipped file itself. Run with `SCF_CODES_BLESS=1` to rewrite the
//! expected files from what the command prints; then review them with `git diff`.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::{Run, run_in, run_with_input};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/table")
        .join(name)
}

/// The codes.toml the repository ships.
fn shipped_codes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../codes.toml")
}

fn run(args: &[&str]) -> Run {
    run_with_input(args, None)
}

/// Compares `actual` with the expected file `name`, or writes it when blessing.
fn expect(name: &str, actual: &str) {
    let path = data(name);
    if std::env::var_os("SCF_CODES_BLESS").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    if expected != actual {
        let diff = similar::TextDiff::from_lines(&expected, actual)
            .unified_diff()
            .header(name, "actual")
            .to_string();
        panic!("{name} differs from what the command printed or wrote:\n{diff}");
    }
}

/// A scratch directory of the test's own, holding a copy of the test codes.toml.
fn scratch(name: &str) -> PathBuf {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("table-{name}"));
    let _ = fs::remove_dir_all(&directory);
    fs::create_dir_all(&directory).unwrap();
    fs::copy(data("codes.toml"), directory.join("codes.toml")).unwrap();
    directory
}

/// A page, what `table diff` says of it against `data/codes.toml`, and whether `import`
/// changes the file.
fn variant(name: &str, differs: bool) {
    let page = data(&format!("{name}.html"));
    let page = page.to_str().unwrap();
    let directory = scratch(name);

    let diff = run_in(
        &directory,
        &["table", "diff", page, "--codes", "codes.toml"],
    );
    assert_eq!(diff.status, i32::from(differs), "{}", diff.stderr);
    assert_eq!(diff.stderr, "");
    expect(&format!("{name}.diff.txt"), &diff.stdout);

    let json = run_in(
        &directory,
        &["table", "diff", page, "--codes", "codes.toml", "--json"],
    );
    assert_eq!(json.status, i32::from(differs), "{}", json.stderr);
    expect(&format!("{name}.json"), &json.stdout);

    let import = run_in(&directory, &["table", "import", page]);
    assert_eq!(import.status, 0, "{}", import.stderr);
    expect(&format!("{name}.import.txt"), &import.stdout);
    let written = fs::read_to_string(directory.join("codes.toml")).unwrap();
    if differs {
        expect(&format!("{name}.codes.toml"), &written);
    } else {
        assert_eq!(written, fs::read_to_string(data("codes.toml")).unwrap());
    }

    // After an import, the page and the file agree, and a second import changes nothing.
    let again = run_in(
        &directory,
        &["table", "diff", page, "--codes", "codes.toml"],
    );
    assert_eq!(again.status, 0, "{}{}", again.stdout, again.stderr);
    let second = run_in(&directory, &["table", "import", page]);
    assert_eq!(second.status, 0);
    assert!(
        second.stdout.ends_with("codes.toml is unchanged.\n"),
        "{}",
        second.stdout
    );
    assert_eq!(
        fs::read_to_string(directory.join("codes.toml")).unwrap(),
        written
    );
}

/// The English pages the shipped codes.toml may have been imported from: the seed, and every
/// revision checked in under `revisions/`.
fn english_pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(data("revisions"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("intl-en-") && name.ends_with(".html"))
        })
        .collect();
    pages.sort();
    pages.insert(0, data("seed.html"));
    pages
}

#[test]
fn the_page_the_shipped_codes_toml_came_from_changes_nothing_and_only_402_may_be_off_the_page() {
    let shipped = shipped_codes();
    let diff = |page: &str, codes: Option<&str>| {
        let mut args = vec!["table", "diff", page, "--json"];
        args.extend(codes.iter().flat_map(|codes| ["--codes", *codes]));
        let run = run(&args);
        let json: Option<serde_json::Value> = serde_json::from_str(&run.stdout).ok();
        (run, json)
    };
    // The seed, or the revision a maintainer imported since: one of them is codes.toml's English.
    let source = english_pages().into_iter().find(|page| {
        let (run, json) = diff(page.to_str().unwrap(), Some(shipped.to_str().unwrap()));
        run.status == 0
            && json.is_some_and(|json| {
                json["added"] == serde_json::json!([]) && json["changed"] == serde_json::json!([])
            })
    });
    let source = source.expect("no English page of the table matches the shipped codes.toml");
    let source = source.to_str().unwrap();
    for codes in [Some(shipped.to_str().unwrap()), None] {
        let (run, json) = diff(source, codes);
        assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
        let json = json.unwrap();
        assert_eq!(json["language"], "en");
        assert_eq!(json["added"], serde_json::json!([]), "against {codes:?}");
        assert_eq!(json["changed"], serde_json::json!([]), "against {codes:?}");
        let off_the_page = json["not_on_page"].as_array().unwrap();
        assert!(
            off_the_page.iter().all(|code| code == 402),
            "against {codes:?}: {off_the_page:?}"
        );
    }
}

#[test]
fn the_seed_reads_as_all_its_29_rows() {
    let html = fs::read_to_string(data("seed.html")).unwrap();
    let rows = scf_codes_cli::table::page::rows(&html, "seed.html").unwrap();
    let codes: Vec<u16> = rows.iter().map(|row| row.code).collect();
    assert_eq!(
        codes,
        [
            200, 400, 401, 404, 405, 406, 407, 410, 429, 430, 432, 433, 434, 435, 436, 437, 438,
            439, 441, 442, 443, 444, 445, 446, 447, 449, 450, 499, 500
        ]
    );
    // The rows with no <tr>, and the cells with open lists, tabs and line breaks.
    let row = |code: u16| rows.iter().find(|row| row.code == code).unwrap();
    assert_eq!(row(450).message, "InitContainerTimeout");
    assert_eq!(row(499).message, "RequestCanceled");
    assert!(
        row(499)
            .solution
            .starts_with("- For an asynchronously executed function")
    );
    assert_eq!(row(405).message, "ContainerStateExited");
    assert_eq!(
        row(405).solution,
        "Please check your image or bootstrap file to see whether it can be properly started \
         locally.\n\nIf so, please check whether the use limits of SCF are followed; for example, \
         RootFS is read-only and only `/tmp` is writable.\n\nLocal debugging command: `docker \
         run -itd --read-only -v /tmp:/tmp`."
    );
    assert_eq!(row(438).solution.lines().count(), 2);
    assert!(
        row(449)
            .solution
            .contains("level1_id=6&level2_id=668&source=0")
    );
}

#[test]
fn a_row_added() {
    variant("row-added", true);
}

#[test]
fn a_text_reworded() {
    variant("text-reworded", true);
}

#[test]
fn a_row_removed_is_reported_and_kept() {
    variant("row-removed", false);
}

#[test]
fn a_link_changed() {
    variant("link-changed", true);
}

#[test]
fn the_table_inside_a_whole_saved_page() {
    variant("full-page", false);
}

#[test]
fn the_page_on_standard_input() {
    let html = fs::read(data("text-reworded.html")).unwrap();
    let codes = data("codes.toml");
    let run = run_with_input(
        &[
            "table",
            "diff",
            "-",
            "--codes",
            codes.to_str().unwrap(),
            "--json",
        ],
        Some(&html),
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        json["changed"],
        serde_json::json!([{"code": 433, "fields": ["solution"]}, {"code": 500, "fields": ["description"]}])
    );
}

#[test]
fn bad_input_fails_with_status_2_and_says_where() {
    let directory = scratch("bad-input");
    fs::write(directory.join("empty.html"), "<p>No table here.</p>").unwrap();
    fs::write(
        directory.join("latin1.html"),
        b"<table>\n<tr><td>433\xe9</td></tr></table>",
    )
    .unwrap();
    fs::write(
        directory.join("rows.html"),
        "<table>\n<tr><td>433<br>A</td><td>b</td></tr>\n<tr><td>433<br>A</td><td>b</td><td>c</td></tr>\n\
         <tr><td>433<br>A</td><td>b</td><td>c</td></tr></table>",
    )
    .unwrap();
    fs::write(
        directory.join("broken.toml"),
        "[[code]]\ncode = 433\nmessage = \"x\n",
    )
    .unwrap();
    let seed = data("seed.html");
    let seed = seed.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["table", "diff", "missing.html"],
            "error: cannot read missing.html: No such file or directory (os error 2)\n",
        ),
        (
            &["table", "diff", "empty.html"],
            "error: empty.html has no table of status codes: expected a <table> whose rows start \
             with a cell such as <td>433<br>TimeLimitReached</td>. Save Tencent's \"Function \
             Status Code\" page from a browser (the whole page, or its table)\n",
        ),
        (
            &["table", "diff", "latin1.html"],
            "error: latin1.html:2: not UTF-8 (byte 19); save the page, or the file, as UTF-8\n",
        ),
        (
            &["table", "import", "rows.html"],
            "error: rows.html:2: a row of 2 cells; each row of the table has 3: the status code \
             and message, the notes, and the solution\n\
             rows.html:4: code 433 is in the table twice, here and at line 3\n",
        ),
        (
            &["table", "diff", seed, "--codes", "broken.toml"],
            "error: broken.toml:3:13: invalid basic string",
        ),
        (
            &["table", "import", seed, "--codes", "none.toml"],
            "error: cannot read none.toml: No such file or directory (os error 2)\n",
        ),
    ];
    for (args, expected) in cases {
        let run = run_in(&directory, args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stdout);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with(expected),
            "{args:?}:\n{}\nexpected:\n{expected}",
            run.stderr
        );
    }
    // Nothing was written.
    assert_eq!(
        fs::read_to_string(directory.join("codes.toml")).unwrap(),
        fs::read_to_string(data("codes.toml")).unwrap()
    );
}

#[test]
fn a_page_larger_than_any_real_one_is_refused_without_reading_it_all() {
    let page = vec![b' '; (64 << 20) + 1];
    let run = run_with_input(&["table", "diff", "-"], Some(&page));
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: standard input is larger than 64 MiB, more than any page or codes.toml; is it \
         the right file?\n"
    );
}

#[test]
fn import_follows_a_symbolic_link_to_codes_toml() {
    let directory = scratch("symlink");
    fs::create_dir_all(directory.join("crate")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../codes.toml", directory.join("crate/codes.toml")).unwrap();
        let page = data("text-reworded.html");
        let run = run_in(
            &directory.join("crate"),
            &["table", "import", page.to_str().unwrap()],
        );
        assert_eq!(run.status, 0, "{}", run.stderr);
        assert!(
            fs::symlink_metadata(directory.join("crate/codes.toml"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let written = fs::read_to_string(directory.join("codes.toml")).unwrap();
        assert!(written.contains("- Check whether the function code has many"));
    }
}

/// The revision of Tencent's Chinese page that codes.toml's header names as the source of its
/// Chinese texts: the file among the revisions whose source comment names that commit.
fn chinese_page() -> PathBuf {
    let header = fs::read_to_string(shipped_codes()).unwrap();
    let commit: String = header
        .split("qcloud-documents at commit")
        .nth(1)
        .expect("codes.toml's header names the Chinese page's commit")
        .trim_start_matches(|c: char| c.is_whitespace() || c == '#')
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(commit.len(), 40, "{commit}");
    fs::read_dir(data("revisions"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            fs::read_to_string(path).is_ok_and(|text| {
                text.lines()
                    .next()
                    .is_some_and(|line| line.contains(&commit))
            })
        })
        .unwrap_or_else(|| panic!("no revision of commit {commit}"))
}

#[test]
fn the_chinese_page_against_the_shipped_codes_toml_changes_nothing_and_writes_no_message() {
    let page = chinese_page();
    let page = page.to_str().unwrap();
    let shipped = shipped_codes();
    let shipped = shipped.to_str().unwrap();
    let diff = run(&["table", "diff", page, "--codes", shipped]);
    assert_eq!(diff.status, 0, "{}{}", diff.stdout, diff.stderr);
    let json = run(&[
        "table", "diff", page, "--codes", shipped, "--json", "--lang", "zh",
    ]);
    assert_eq!(json.status, 0, "{}", json.stderr);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["language"], "zh");
    assert_eq!(json["changed"], serde_json::json!([]));
    // A message that differs on the Chinese page is reported, and import leaves it alone.
    let differing: Vec<u64> = json["not_written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| change["code"].as_u64().unwrap())
        .collect();
    for code in &differing {
        assert!(
            diff.stdout.contains(&format!("differs {code} ")),
            "{}",
            diff.stdout
        );
    }
    let directory = scratch("chinese-page");
    fs::copy(shipped_codes(), directory.join("codes.toml")).unwrap();
    let import = run_in(&directory, &["table", "import", page]);
    assert_eq!(import.status, 0, "{}", import.stderr);
    assert_eq!(
        fs::read_to_string(directory.join("codes.toml")).unwrap(),
        fs::read_to_string(shipped_codes()).unwrap()
    );
}

#[test]
fn a_page_of_the_other_language_than_lang_says_is_refused_with_status_2() {
    let chinese = chinese_page();
    let english = data("seed.html");
    for (page, wrong) in [(&chinese, "en"), (&english, "zh")] {
        let page = page.to_str().unwrap();
        for command in ["diff", "import"] {
            let directory = scratch(&format!("wrong-language-{command}-{wrong}"));
            let run = run_in(&directory, &["table", command, page, "--lang", wrong]);
            assert_eq!(
                run.status, 2,
                "{command} {page} --lang {wrong}: {}",
                run.stdout
            );
            assert!(
                run.stderr.contains(&format!("as --lang {wrong} says")),
                "{}",
                run.stderr
            );
            assert_eq!(
                fs::read_to_string(directory.join("codes.toml")).unwrap(),
                fs::read_to_string(data("codes.toml")).unwrap(),
                "the file is left alone"
            );
        }
    }
}
