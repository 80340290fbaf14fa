//! One mistake in codes.toml is one error, in the whole crate: a copy of the real scf-codes,
//! with a codes.toml broken in one way, is built with cargo, and the complete compiler output must
//! equal its snapshot in `whole_crate/`. The snapshots hold only errors located in codes.toml:
//! no `error[E…]` from the code that uses the enum and the limits (`limits.rs` uses
//! `RequestTooLarge` and `SYNC_EVENT_MAX_BYTES`), because the macros emit the best expansion the
//! file allows beside its errors.
//!
//! The cases break the file by its content, not by line numbers, so that they keep breaking the
//! same entries when the file changes; its line numbers are in the snapshots, which
//! `TRYBUILD=overwrite cargo test -p scf-codes-tests --test whole_crate` rewrites, as it does the
//! UI tests'. The README's error samples are some of these snapshots: a test checks that each
//! one is.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scf_codes_tests::copy_dir;

/// A way of breaking codes.toml: the text of the real file to the broken one.
type Break = fn(&str) -> String;

/// Each way of breaking codes.toml, named as its snapshot.
const CASES: &[(&str, Break)] = &[
    // 406 RequestTooLarge takes the code of 433 TimeLimitReached.
    ("duplicate_code", |text| {
        edit_entry(text, 406, |entry| entry.replace("code = 406", "code = 433"))
    }),
    // 433 pasted again at the end: a duplicate code and a duplicate name.
    ("pasted_entry", |text| {
        format!("{text}\n{}", &text[entry_span(text, 433)])
    }),
    ("missing_field", |text| {
        edit_entry(text, 406, |entry| remove_line(entry, "category = "))
    }),
    // A header without its last bracket, and a key written twice in another entry.
    ("syntax_errors", |text| {
        let text = edit_entry(text, 406, |entry| entry.replacen("[[code]]", "[[code]", 1));
        edit_entry(&text, 407, |entry| {
            entry.replacen("category = ", "category = \"platform\"\ncategory = ", 1)
        })
    }),
    // A new code written by `scf-codes table import`, whose category is for a person to choose.
    ("imported_entry", |text| {
        let page = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../scf-codes-cli/tests/data/table/row-added.html");
        let page = fs::read_to_string(page).unwrap();
        let rows: Vec<_> = scf_codes_cli::table::page::rows(&page, "row-added.html")
            .unwrap()
            .into_iter()
            .filter(|row| row.code != 531)
            .collect();
        scf_codes_cli::table::import::import(text, "codes.toml", scf_codes::Lang::En, &rows)
            .unwrap()
            .text
    }),
    // A negative size and a port that does not fit 16 bits.
    ("bad_limit_values", |text| {
        let text = edit_limit(text, "SYNC_EVENT_MAX_BYTES", |limit| {
            replace_value(limit, "value = ", "-1")
        });
        edit_limit(&text, "LISTEN_PORT", |limit| {
            replace_value(limit, "value = ", "90000")
        })
    }),
];

#[test]
fn each_mistake_in_codes_toml_gives_only_its_own_errors_in_the_whole_crate() {
    let copy = Copy::new();
    // A copy of codes.toml, fixed: the snapshots (and the README's samples) name its lines, which
    // an import of Tencent's newer page moves in the live file.
    let real = fs::read_to_string(copy.workspace.join("tests/whole_crate/codes.toml")).unwrap();

    // The copy builds as it is: what fails below fails because of the mistake alone.
    let (success, output) = copy.build(&real);
    assert!(success, "the unbroken copy does not build:\n{output}");

    let bless = blessing();
    let mut failures = Vec::new();
    for (name, break_it) in CASES {
        let broken = break_it(&real);
        assert_ne!(broken, real, "{name}: the case changes nothing");
        let (success, output) = copy.build(&broken);
        assert!(!success, "{name}: the broken copy builds:\n{output}");
        check_only_codes_toml_errors(name, &output);
        let snapshot = snapshot_path(name);
        if bless {
            fs::write(&snapshot, &output).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&snapshot).unwrap_or_default();
        if expected != output {
            failures.push(format!(
                "{name}: the output differs from {}; review it and rerun with \
                 TRYBUILD=overwrite:\n{output}",
                snapshot.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    if bless {
        // The README's samples are these snapshots: they are rewritten with them.
        let readme = copy.workspace.join("README.md");
        let text = fs::read_to_string(&readme).unwrap();
        fs::write(&readme, with_samples_refreshed(&text)).unwrap();
    }
}

/// Each error sample of the README and CONTRIBUTING.md (a ```text block that starts with
/// `error`) follows a comment naming the snapshot it shows, and shows it byte for byte.
#[test]
fn readme_error_samples_are_the_snapshots_they_name() {
    if blessing() {
        // The whole-crate test rewrites the samples once it has rewritten the snapshots.
        return;
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut checked = 0;
    for page in ["README.md", "CONTRIBUTING.md"] {
        let text = fs::read_to_string(workspace.join(page)).unwrap();
        for sample in samples(&text) {
            let Some(snapshot) = sample.snapshot else {
                panic!(
                    "{page}: an error sample names no snapshot; put                      `<!-- tests/whole_crate/NAME.stderr -->` above it:\n{}",
                    &text[sample.block]
                );
            };
            let expected = fs::read_to_string(workspace.join(&snapshot))
                .unwrap_or_else(|error| panic!("{page}: {snapshot}: {error}"));
            assert_eq!(
                &text[sample.block], expected,
                "{page}: the sample differs from {snapshot}; refresh it with \
                 TRYBUILD=overwrite cargo test -p scf-codes-tests --test whole_crate"
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "the README's error samples were not found");
}

/// Whether snapshots are being rewritten, as trybuild's are: `TRYBUILD=overwrite`.
fn blessing() -> bool {
    std::env::var_os("TRYBUILD").is_some_and(|value| value == "overwrite")
}

/// An error sample: the text inside its fence, and the snapshot the comment above it names.
struct Sample {
    block: std::ops::Range<usize>,
    snapshot: Option<String>,
}

const MARKER_START: &str = "<!-- ";
const MARKER_END: &str = " -->\n";
const FENCE: &str = "```text\n";

fn samples(text: &str) -> Vec<Sample> {
    let mut samples = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(FENCE) {
        let start = from + at + FENCE.len();
        let Some(length) = text[start..].find("```\n") else {
            break;
        };
        let block = start..start + length;
        from = block.end + 4;
        if !text[block.clone()].starts_with("error") {
            continue;
        }
        let before = &text[..start - FENCE.len()];
        let snapshot = before
            .strip_suffix(MARKER_END)
            .and_then(|before| before.rsplit_once(MARKER_START))
            .map(|(_, name)| name.to_owned());
        samples.push(Sample { block, snapshot });
    }
    samples
}

/// The text with each sample that names a snapshot replaced by the snapshot.
fn with_samples_refreshed(text: &str) -> String {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut out = String::new();
    let mut copied = 0;
    for sample in samples(text) {
        let Some(snapshot) = sample.snapshot else {
            continue;
        };
        out.push_str(&text[copied..sample.block.start]);
        out.push_str(&fs::read_to_string(workspace.join(snapshot)).unwrap());
        copied = sample.block.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Every error is located in codes.toml, and none comes from rustc about the code that uses
/// the enum: no `error[E…]`, and no warning either.
fn check_only_codes_toml_errors(name: &str, output: &str) {
    assert!(
        !output.contains("error["),
        "{name}: follow-on errors:\n{output}"
    );
    assert!(!output.contains("warning"), "{name}: warnings:\n{output}");
    let errors: Vec<&str> = output.split("\n\n").collect();
    let (last, located) = errors.split_last().unwrap();
    assert!(
        last.starts_with("error: could not compile `scf-codes`"),
        "{name}:\n{output}"
    );
    for error in located {
        assert!(
            error.starts_with("error: ") && error.contains(" --> codes.toml:"),
            "{name}: an error not located in codes.toml:\n{error}"
        );
    }
}

fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("whole_crate")
        .join(format!("{name}.stderr"))
}

/// A copy of the workspace's scf-codes, scf-codes-macros and scf-codes-generator, with its
/// Cargo.lock, built offline into a target directory of its own.
struct Copy {
    workspace: PathBuf,
    root: PathBuf,
    target: PathBuf,
}

impl Copy {
    fn new() -> Self {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_owned();
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("whole-crate");
        let root = scratch.join("workspace");
        let _ = fs::remove_dir_all(&root);
        for (source, destination) in [
            ("scf-codes/src", "scf-codes/src"),
            ("scf-codes/examples", "scf-codes/examples"),
            ("scf-codes/benches", "scf-codes/benches"),
            ("scf-codes-macros/src", "scf-codes-macros/src"),
            ("scf-codes-generator/src", "scf-codes-generator/src"),
        ] {
            copy_dir(&workspace.join(source), &root.join(destination));
        }
        for file in [
            "Cargo.lock",
            "scf-codes/Cargo.toml",
            "scf-codes-macros/Cargo.toml",
            "scf-codes-generator/Cargo.toml",
        ] {
            fs::copy(workspace.join(file), root.join(file)).unwrap();
        }
        let manifest = fs::read_to_string(workspace.join("Cargo.toml")).unwrap();
        fs::write(root.join("Cargo.toml"), workspace_manifest(&manifest)).unwrap();
        Copy {
            workspace,
            root,
            // Kept between runs, beside the copy: only scf-codes rebuilds for each case.
            target: scratch.join("target"),
        }
    }

    /// Builds scf-codes with `codes` as its codes.toml: whether it built, and cargo's output,
    /// with the copy's paths replaced by `$COPY`.
    fn build(&self, codes: &str) -> (bool, String) {
        fs::write(self.root.join("scf-codes/codes.toml"), codes).unwrap();
        let output = Command::new(env!("CARGO"))
            .args(["build", "--offline", "--quiet", "--color", "never"])
            .args(["-p", "scf-codes", "--all-features"])
            .arg("--target-dir")
            .arg(&self.target)
            .current_dir(&self.root)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env("CARGO_TERM_COLOR", "never")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stderr)
            .replace(&*self.root.to_string_lossy(), "$COPY")
            .replace("\r\n", "\n");
        let text: String = text
            .lines()
            .map(|line| line.trim_end().to_owned() + "\n")
            .collect();
        (output.status.success(), text)
    }
}

/// The workspace's manifest with only the three crates as members, and its package and
/// dependency settings.
fn workspace_manifest(manifest: &str) -> String {
    let section = |name: &str| {
        let start = manifest
            .find(&format!("[{name}]\n"))
            .unwrap_or_else(|| panic!("the workspace manifest has no [{name}]"));
        let rest = &manifest[start..];
        let end = rest[1..].find("\n[").map_or(rest.len(), |end| end + 2);
        rest[..end].to_owned()
    };
    format!(
        "[workspace]\nresolver = \"3\"\nmembers = [\"scf-codes\", \"scf-codes-macros\", \
         \"scf-codes-generator\"]\n\n{}\n{}",
        section("workspace.package"),
        section("workspace.dependencies")
    )
}

/// The bytes of the `[[code]]` entry with `code = number`: its header to the next header.
fn entry_span(text: &str, number: u16) -> std::ops::Range<usize> {
    table_span(text, "[[code]]", &format!("\ncode = {number}\n"))
}

fn edit_entry(text: &str, number: u16, edit: impl FnOnce(&str) -> String) -> String {
    let span = entry_span(text, number);
    format!(
        "{}{}{}",
        &text[..span.start],
        edit(&text[span.clone()]),
        &text[span.end..]
    )
}

fn edit_limit(text: &str, name: &str, edit: impl FnOnce(&str) -> String) -> String {
    let span = table_span(text, "[[limit]]", &format!("\nname = \"{name}\"\n"));
    format!(
        "{}{}{}",
        &text[..span.start],
        edit(&text[span.clone()]),
        &text[span.end..]
    )
}

/// The table that starts with `header` and holds `line`.
fn table_span(text: &str, header: &str, line: &str) -> std::ops::Range<usize> {
    let at = text
        .find(line)
        .unwrap_or_else(|| panic!("codes.toml has no {line:?}"));
    let start = text[..at]
        .rfind(header)
        .unwrap_or_else(|| panic!("no {header} before {line:?}"));
    let end = text[at..]
        .find("\n[[")
        .map_or(text.len(), |end| at + end + 1);
    start..end
}

fn remove_line(entry: &str, start: &str) -> String {
    let removed: String = entry
        .split_inclusive('\n')
        .filter(|line| !line.starts_with(start))
        .collect();
    assert_ne!(removed, entry, "no line starts with {start:?}");
    removed
}

fn replace_value(table: &str, start: &str, value: &str) -> String {
    let replaced: String = table
        .split_inclusive('\n')
        .map(|line| {
            if line.starts_with(start) {
                format!("{start}{value}\n")
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert_ne!(replaced, table, "no line starts with {start:?}");
    replaced
}
