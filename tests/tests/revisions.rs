//! `scf-codes table` on every revision of Tencent's real pages that could be collected
//! (`scf-codes-cli/tests/data/table/revisions/`, listed with their commits in its SOURCES.md):
//! every row is read, the language is told right, a page of one language never writes the fields
//! of the other, a page committed mid-merge is an error at its markers, and an import builds,
//! except for the entries of codes the page adds, where the build fails and nowhere else.
//!
//! Expectations come from the pages and from codes.toml, not from copies of Tencent's texts: a
//! new revision of the page is one more file here, and these tests stay true.

use std::fs;
use std::path::{Path, PathBuf};

use scf_codes::Lang;
use scf_codes_cli::table::codes::{self, Entry, Field};
use scf_codes_cli::table::{import, page};

/// Every revision: its file name and its HTML.
fn revisions() -> Vec<(String, String)> {
    let folder =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../scf-codes-cli/tests/data/table/revisions");
    let mut files: Vec<PathBuf> = fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "html")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// Whether the revision was committed with git's conflict markers in its table.
fn has_conflict_markers(html: &str) -> bool {
    html.lines().any(|line| line.starts_with("<<<<<<< "))
}

/// The language a revision's file name says: `intl-en-…`, `intl-zh-…`, `cn-zh-…`.
fn language_of(name: &str) -> Lang {
    if name.contains("-zh-") {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The codes of the page's rows, read without the page reader: each cell that starts with
/// three digits after its `<td>` is a row's first cell.
fn codes_in(html: &str) -> Vec<u16> {
    let mut codes: Vec<u16> = html
        .split("<td")
        .skip(1)
        .filter_map(|cell| {
            let text = cell[cell.find('>')? + 1..].trim_start();
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            (digits.len() == 3).then(|| digits.parse().unwrap())
        })
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

fn shipped() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../codes.toml")).unwrap()
}

#[test]
fn there_are_revisions_in_both_languages_from_both_sites() {
    let names: Vec<String> = revisions().into_iter().map(|(name, _)| name).collect();
    assert!(names.len() >= 40, "{names:?}");
    for prefix in ["cn-zh-", "intl-en-", "intl-zh-"] {
        assert!(
            names.iter().any(|name| name.starts_with(prefix)),
            "{prefix}"
        );
    }
}

#[test]
fn every_row_of_every_revision_is_read_and_its_language_told() {
    for (name, html) in revisions() {
        if has_conflict_markers(&html) {
            continue;
        }
        let read = page::read(&html, &name, None).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(read.lang, language_of(&name), "{name}");
        let codes: Vec<u16> = read.rows.iter().map(|row| row.code).collect();
        assert_eq!(codes, codes_in(&html), "{name}");
        // Each href in curly quotes is a warning that names its code and cell.
        let curly = html.matches("href=“").count();
        let warned = read
            .warnings
            .iter()
            .filter(|warning| warning.contains("curly quotes") && warning.contains(": code "))
            .count();
        assert_eq!(warned, curly, "{name}: {:?}", read.warnings);
        // A fragment-only link, with no address on the page, is kept as written and said so.
        if html.contains("href=\"#") {
            assert!(
                read.warnings
                    .iter()
                    .any(|warning| warning.contains("kept as written")),
                "{name}"
            );
            assert!(
                read.rows.iter().all(|row| !row
                    .solution
                    .contains("(https://intl.cloud.tencent.com/#")
                    && !row.solution.contains("(https://cloud.tencent.com/#")),
                "{name}: a fragment became a link to the site's home page"
            );
        }
        for row in &read.rows {
            assert!(!row.message.is_empty(), "{name}: {}", row.code);
            assert!(!row.description.is_empty(), "{name}: {}", row.code);
        }
        // Forced to its own language, the page reads the same; forced to the other, it is
        // refused.
        let lang = language_of(&name);
        assert_eq!(page::read(&html, &name, Some(lang)).unwrap(), read);
        let other = if lang == Lang::En { Lang::Zh } else { Lang::En };
        assert!(page::read(&html, &name, Some(other)).is_err(), "{name}");
    }
}

#[test]
fn the_revisions_with_conflict_markers_are_errors_at_their_markers() {
    let conflicted: Vec<(String, String)> = revisions()
        .into_iter()
        .filter(|(_, html)| has_conflict_markers(html))
        .collect();
    assert!(!conflicted.is_empty());
    for (name, html) in conflicted {
        let error = page::read(&html, &name, None).unwrap_err();
        let marker_lines: Vec<usize> = html
            .lines()
            .enumerate()
            .filter(|(_, line)| {
                line.starts_with("<<<<<<< ")
                    || line.starts_with(">>>>>>> ")
                    || line.trim_end() == "======="
            })
            .map(|(number, _)| number + 1)
            .collect();
        let reported: Vec<usize> = error
            .lines()
            .map(|line| {
                let rest = line.strip_prefix(&format!("{name}:")).unwrap();
                rest[..rest.find(':').unwrap()].parse().unwrap()
            })
            .collect();
        assert_eq!(reported, marker_lines, "{error}");
    }
}

/// The fields of an entry that a page in `lang` must leave alone, with the entry's name.
fn untouched(entry: &Entry, lang: Lang) -> Vec<Option<String>> {
    let mut kept: Vec<Option<String>> = Field::ALL
        .into_iter()
        .filter(|field| !Field::written(lang).contains(field))
        .map(|field| entry.text(field).map(str::to_owned))
        .collect();
    kept.push(entry.name.clone());
    kept
}

/// Each revision without conflict markers imported into the shipped codes.toml: its name, its
/// language, the codes it adds, and the file written.
fn imports() -> Vec<(String, Lang, Vec<u16>, String)> {
    let shipped = shipped();
    let before = codes::parse(&shipped, "codes.toml").unwrap();
    revisions()
        .into_iter()
        .filter(|(_, html)| !has_conflict_markers(html))
        .map(|(name, html)| {
            let read = page::read(&html, &name, None).unwrap();
            let written = import::import(&shipped, "codes.toml", read.lang, &read.rows)
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            let added: Vec<u16> = read
                .rows
                .iter()
                .map(|row| row.code)
                .filter(|code| before.iter().all(|entry| entry.code != *code))
                .collect();
            (name, read.lang, added, written.text)
        })
        .collect()
}

#[test]
fn english_revisions_never_touch_chinese_fields_nor_chinese_revisions_english_ones() {
    let before = codes::parse(&shipped(), "codes.toml").unwrap();
    for (name, lang, _, text) in imports() {
        let after = codes::parse(&text, "codes.toml").unwrap();
        for entry in &before {
            let written = after.iter().find(|other| other.code == entry.code).unwrap();
            assert_eq!(
                untouched(written, lang),
                untouched(entry, lang),
                "{name} changed a field of {} that is not its language's",
                entry.code
            );
        }
    }
}

/// The lines of the codes file that rendered compile errors point at.
fn error_lines(errors: &[String]) -> Vec<usize> {
    errors
        .iter()
        .map(|error| {
            let at = error.find("--> codes.toml:").unwrap() + "--> codes.toml:".len();
            let rest = &error[at..];
            rest[..rest.find(':').unwrap()].parse().unwrap()
        })
        .collect()
}

/// The lines of the entry of `code` in a codes file: from its `[[code]]` header to the line
/// before the next entry's.
fn entry_lines(text: &str, code: u16) -> std::ops::RangeInclusive<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| *line == format!("code = {code}"))
        .unwrap();
    let header = (0..at)
        .rev()
        .find(|&line| lines[line] == "[[code]]")
        .unwrap();
    let next = (at..lines.len())
        .find(|&line| lines[line] == "[[code]]")
        .unwrap_or(lines.len());
    header + 1..=next
}

#[test]
fn an_import_builds_and_a_new_code_fails_the_build_only_at_its_entry() {
    let mut added_440 = 0;
    for (name, _, added, text) in imports() {
        let (_, errors) = scf_codes_generator::generate_from_bytes(text.as_bytes(), "codes.toml");
        if added.is_empty() {
            assert_eq!(errors, Vec::<String>::new(), "{name}");
            continue;
        }
        added_440 += usize::from(added.contains(&440));
        let lines = error_lines(&errors);
        for code in &added {
            let entry = entry_lines(&text, *code);
            assert!(
                lines.iter().any(|line| entry.contains(line)),
                "{name}: the new entry of {code} builds without the fields a person must give"
            );
        }
        for line in lines {
            assert!(
                added
                    .iter()
                    .any(|&code| entry_lines(&text, code).contains(&line)),
                "{name}: an error at line {line}, outside the new entries of {added:?}:\n{}",
                errors.join("\n")
            );
        }
    }
    assert!(added_440 > 0, "the revisions of 2021-03 to 2021-07 add 440");
}
