//! `scf-codes table` on arbitrary pages: rows or located errors, never a panic, and the rows of
//! any page import into codes.toml and read back as the page's texts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scf_codes_cli::table::{codes, diff, import, page};

fuzz_target!(|bytes: &[u8]| {
    let Ok(html) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(page) = page::read(html, "page.html", None) else {
        return;
    };
    let written = import::import("", "codes.toml", page.lang, &page.rows)
        .expect("an empty file takes any rows");
    let entries = codes::parse(&written.text, "codes.toml").expect("the written file reads back");
    assert!(!diff::compare(page.lang, &page.rows, &entries).differs());
});
