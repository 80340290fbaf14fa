//! Rebuild tracking: after an edit to codes.toml alone, a plain `cargo build` of a dependent
//! crate sees the change, recompiling scf-codes but not the macro crate.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, PoisonError};

use scf_codes_tests::copy_dir;

/// The tests share one target directory, where every scratch's `app` lands at the same path
/// (`debug/app`): they take turns, or one would run the other's app.
static TURN: Mutex<()> = Mutex::new(());

/// A scratch workspace holding a copy of scf-codes (with its own codes.toml) and an app that
/// depends on it and prints what it sees.
struct Scratch {
    root: PathBuf,
    target: PathBuf,
    _turn: MutexGuard<'static, ()>,
}

impl Scratch {
    /// A scratch workspace of its own for each test; they share one target directory.
    fn new(name: &str) -> Self {
        // A test that failed while holding its turn leaves nothing the next one relies on.
        let turn = TURN.lock().unwrap_or_else(PoisonError::into_inner);
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-target");
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = fs::remove_dir_all(root.join("scf-codes"));
        let _ = fs::remove_dir_all(root.join("app"));
        copy_dir(
            &workspace.join("scf-codes/src"),
            &root.join("scf-codes/src"),
        );
        fs::create_dir_all(root.join("app/src")).unwrap();
        fs::copy(
            workspace.join("codes.toml"),
            root.join("scf-codes/codes.toml"),
        )
        .unwrap();
        let macros = workspace.join("scf-codes-macros");
        let files = [
            (
                "Cargo.toml",
                "[workspace]\nmembers = [\"scf-codes\", \"app\"]\nresolver = \"3\"\n".to_owned(),
            ),
            (
                "scf-codes/Cargo.toml",
                format!(
                    "[package]\nname = \"scf-codes\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                     [dependencies]\nscf-codes-macros = {{ path = {:?} }}\n",
                    macros.display().to_string()
                ),
            ),
            (
                "app/Cargo.toml",
                "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                 [dependencies]\nscf-codes = { path = \"../scf-codes\" }\n"
                    .to_owned(),
            ),
            (
                "app/src/main.rs",
                "fn main() {\n    let code = scf_codes::Code::from_u16(433);\n    \
                 println!(\"{code} / {} codes\", scf_codes::Code::ALL.len());\n}\n"
                    .to_owned(),
            ),
        ];
        for (path, text) in files {
            fs::write(root.join(path), text).unwrap();
        }
        Scratch {
            root,
            target,
            _turn: turn,
        }
    }

    fn cargo(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO"))
            .args(args)
            .args(["--offline", "--verbose"])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap()
    }

    fn build(&self) -> String {
        let output = self.cargo(&["build", "-p", "app"]);
        let log = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "build failed:\n{log}");
        log
    }

    fn run(&self) -> String {
        let output = Command::new(self.target.join("debug/app"))
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    }

    fn edit_codes(&self, edit: impl FnOnce(String) -> String) {
        let path = self.root.join("scf-codes/codes.toml");
        let text = fs::read_to_string(&path).unwrap();
        // Make sure the new modification time differs from the last build's, whatever the file
        // system's timestamp resolution.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        fs::write(&path, edit(text)).unwrap();
    }
}

fn compiled(log: &str, package: &str) -> bool {
    log.lines().any(|line| {
        line.trim_start()
            .starts_with(&format!("Compiling {package} "))
    })
}

#[test]
fn an_edit_to_codes_toml_alone_is_seen_by_the_next_build() {
    let scratch = Scratch::new("rebuild-after-edit");
    scratch.build();
    let codes = scf_codes::Code::ALL.len();
    assert_eq!(
        scratch.run(),
        format!("433 TimeLimitReached / {codes} codes\n")
    );

    // Nothing changed: nothing is compiled again.
    let log = scratch.build();
    assert!(!compiled(&log, "scf-codes"), "{log}");

    scratch.edit_codes(|text| {
        text.replace(
            "message = \"TimeLimitReached\"",
            "message = \"TimeLimitReachedAgain\"",
        ) + "\n[[code]]\ncode = 451\nname = \"NewCode\"\nmessage = \"NewCode\"\n\
               description = \"d\"\nsolution = \"s\"\ncategory = \"platform\"\n"
    });
    let log = scratch.build();
    assert!(compiled(&log, "scf-codes"), "{log}");
    assert!(compiled(&log, "app"), "{log}");
    assert!(
        !compiled(&log, "scf-codes-generator"),
        "the generator crate is rebuilt:\n{log}"
    );
    assert!(
        !compiled(&log, "scf-codes-macros"),
        "the macro crate is rebuilt:\n{log}"
    );
    assert_eq!(
        scratch.run(),
        format!("433 TimeLimitReachedAgain / {} codes\n", codes + 1)
    );
}

#[test]
fn a_broken_codes_toml_fails_the_build_and_fixing_it_rebuilds() {
    let scratch = Scratch::new("rebuild-after-error");
    scratch.build();
    scratch.edit_codes(|text| text.replace("code = 433", "code = 4330"));
    let output = scratch.cargo(&["build", "-p", "app"]);
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(log.contains("code 4330 is outside 100..=999"), "{log}");
    assert!(log.contains("--> codes.toml:"), "{log}");

    scratch.edit_codes(|text| text.replace("code = 4330", "code = 433"));
    scratch.build();
    let codes = scf_codes::Code::ALL.len();
    assert_eq!(
        scratch.run(),
        format!("433 TimeLimitReached / {codes} codes\n")
    );
}

#[test]
fn a_code_imported_from_the_page_fails_the_build_at_its_entry_until_a_person_chooses_its_category()
{
    let scratch = Scratch::new("rebuild-after-import");
    fs::write(
        scratch.root.join("app/src/main.rs"),
        "fn main() {\n    for number in [433, 451, 531] {\n        let code = scf_codes::Code::from_u16(number);\n        \
         println!(\"{} {} {:?} {}\", number, code.name(), code.category(), code.is_known());\n    }\n}\n",
    )
    .unwrap();
    let page_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../scf-codes-cli/tests/data/table/row-added.html");
    let page = fs::read_to_string(page_path).unwrap();
    let rows = scf_codes_cli::table::page::rows(&page, "row-added.html").unwrap();
    scratch.edit_codes(|text| {
        scf_codes_cli::table::import::import(&text, "codes.toml", scf_codes::Lang::En, &rows)
            .unwrap()
            .text
    });

    // The build fails at each new entry, with the generator's error for what a person must add.
    let codes = fs::read_to_string(scratch.root.join("scf-codes/codes.toml")).unwrap();
    let header_line = |code: &str| {
        let at = codes.find(&format!("[[code]]\ncode = {code}\n")).unwrap();
        codes[..at].lines().count() + 1
    };
    let output = scratch.cargo(&["build", "-p", "app"]);
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{log}");
    for (code, missing) in [("451", &["category"][..]), ("531", &["name", "category"])] {
        let at = format!("--> codes.toml:{}:1", header_line(code));
        for field in missing {
            let error = format!("error: missing field `{field}` in this `[[code]]` entry");
            let found = log
                .split("\nerror")
                .any(|one| one.contains(&error[5..]) && one.contains(&at));
            assert!(found, "no `{error}` at {at}:\n{log}");
        }
    }

    // A person chooses; the crate builds and knows the new codes.
    scratch.edit_codes(|text| {
        text.replacen("code = 451\n", "code = 451\ncategory = \"throttling\"\n", 1)
            .replacen(
                "code = 531\n",
                "code = 531\nname = \"PlatformBusy\"\ncategory = \"platform\"\n",
                1,
            )
    });
    scratch.build();
    assert_eq!(
        scratch.run(),
        "433 TimeLimitReached Function true\n451 ScalingInProgress Throttling true\n\
         531 PlatformBusy Platform true\n"
    );
}
