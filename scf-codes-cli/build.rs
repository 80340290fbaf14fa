//! Reads the revision of Tencent's table from the header of codes.toml, for `--version`.

#[path = "src/revision.rs"]
mod revision;

fn main() {
    println!("cargo::rerun-if-changed=codes.toml");
    let text = std::fs::read_to_string("codes.toml").unwrap_or_default();
    let revision = revision::describe(&text).unwrap_or_else(|| {
        println!(
            "cargo::warning=codes.toml's header has no `# Revision:` paragraph with a date; \
             --version will not name the table's revision"
        );
        "Tencent's table, revision not named".to_owned()
    });
    println!("cargo::rustc-env=SCF_CODES_TABLE_REVISION={revision}");
}
