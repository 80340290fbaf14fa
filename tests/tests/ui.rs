//! The macro's diagnostics, specified by compile-fail UI tests: each `ui/*.rs` invokes
//! `#[codes]` on a codes file with one kind of mistake, and `ui/*.stderr` is the error it must
//! give. Regenerate the snapshots with `TRYBUILD=overwrite cargo test -p scf-codes-tests --test ui`.

use std::path::Path;

#[test]
fn ui() {
    copy_codes_files_to_the_trybuild_crate();
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}

/// trybuild compiles each case as a binary of its own crate in `target/tests/trybuild/<name>/`,
/// and the macro resolves the codes file against that crate's directory: the fixtures go there.
fn copy_codes_files_to_the_trybuild_crate() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let crate_dir = target_dir
        .join("tests/trybuild")
        .join(env!("CARGO_PKG_NAME"));
    let destination = crate_dir.join("ui");
    std::fs::create_dir_all(&destination).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path
            .extension()
            .is_some_and(|extension| extension == "toml")
        {
            std::fs::copy(&path, destination.join(path.file_name().unwrap())).unwrap();
        }
    }
}
