//! Rebuild tracking: after an edit to codes.toml alone, a plain `cargo build` of a dependent
//! crate sees the change, recompiling scf-codes but not the macro crate.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch workspace holding a copy of scf-codes (with its own codes.toml) and an app that
/// depends on it and prints what it sees.
struct Scratch {
    root: PathBuf,
    target: PathBuf,
}

impl Scratch {
    /// A scratch workspace of its own for each test; they share one target directory.
    fn new(name: &str) -> Self {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-target");
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = fs::remove_dir_all(root.join("scf-codes"));
        let _ = fs::remove_dir_all(root.join("app"));
        fs::create_dir_all(root.join("scf-codes/src")).unwrap();
        fs::create_dir_all(root.join("app/src")).unwrap();
        for entry in fs::read_dir(workspace.join("scf-codes/src")).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(
                &path,
                root.join("scf-codes/src").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
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
        Scratch { root, target }
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
