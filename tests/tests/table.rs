//! The data: codes.toml holds every row of Tencent's table (copies are in `data/`), word for word:
//! the 29 rows of the 2021-10-26 revision, and the rows that later revisions added. Its texts are
//! those of one of Tencent's revisions (the seed, or one checked in beside the command's tests,
//! which `scf-codes table import` may bring in). The expectations are read from those copies,
//! never written out here.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use scf_codes::{Category, Code};

/// The rows that Tencent's later revisions added, as `data/tencent-table-later-rows.md` copies
/// them: code, status message, description and solution.
fn later_rows() -> Vec<[String; 4]> {
    include_str!("../data/tencent-table-later-rows.md")
        .lines()
        .filter_map(|line| {
            let cells: Vec<String> = line
                .strip_prefix('|')?
                .strip_suffix('|')?
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect();
            let cells: [String; 4] = cells.try_into().ok()?;
            cells[0].parse::<u16>().is_ok().then_some(cells)
        })
        .collect()
}

#[test]
fn every_row_of_the_seed_is_a_code_and_every_message_is_tencents_verbatim() {
    let table: BTreeSet<u16> = Code::ALL.iter().map(|code| code.as_u16()).collect();
    let seed: BTreeSet<u16> = html_rows().iter().map(|row| row.code).collect();
    assert!(seed.is_subset(&table), "{:?}", seed.difference(&table));
    let sources = english_sources();
    for code in Code::ALL {
        assert!(
            sources.iter().any(|rows| rows
                .iter()
                .any(|row| row.code == code.as_u16() && row.message == code.message())),
            "{code}: no English revision of the table has this message"
        );
    }
}

#[test]
fn rows_added_after_2021_keep_tencents_texts_word_for_word() {
    let rows = later_rows();
    assert_eq!(rows.len(), 1, "402 ServiceSuspended");
    for [code, message, ..] in rows {
        let code = Code::from_u16(code.parse().unwrap());
        assert!(code.is_known(), "{code}");
        assert_eq!(code.message(), message);
    }
    let suspended = Code::from_u16(402);
    assert_eq!(suspended, Code::ServiceSuspended);
    assert_eq!(suspended.category(), Category::Account);
    assert!(!suspended.is_retryable());
}

/// The English revisions of Tencent's table that codes.toml's texts may come from, each as its
/// rows: the seed, the rows later revisions added (as `data/tencent-table-later-rows.md` copies
/// them), and every revision checked in beside the command's tests. A maintainer imports a newer
/// revision with `scf-codes table import`: the texts stay Tencent's, of another revision.
fn english_sources() -> Vec<Vec<HtmlRow>> {
    let later = later_rows()
        .into_iter()
        .map(|[code, message, notes, solution]| HtmlRow {
            code: code.parse().unwrap(),
            message,
            notes: markdown_as_html(&notes),
            solution: markdown_as_html(&solution),
        })
        .collect();
    let revisions =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../scf-codes-cli/tests/data/table/revisions");
    let mut sources = vec![html_rows(), later];
    let mut paths: Vec<_> = fs::read_dir(revisions)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("intl-en-") && name.ends_with(".html"))
        })
        .collect();
    paths.sort();
    for path in paths {
        if let Some(rows) = rows_of(&fs::read_to_string(&path).unwrap()) {
            sources.push(rows);
        }
    }
    sources
}

/// A Markdown text of the later rows' copy, with its links as the HTML page writes them, so that
/// one comparison serves every source.
fn markdown_as_html(markdown: &str) -> String {
    let mut html = String::new();
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|close| open + close) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|end| close + end) else {
            break;
        };
        html.push_str(&rest[..open]);
        html.push_str(&format!(
            "<a href=\"{}\">{}</a>",
            &rest[close + 2..end],
            &rest[open + 1..close]
        ));
        rest = &rest[end + 1..];
    }
    html.push_str(rest);
    html
}

/// Whether `code`'s description and solution are those of one source, word for word and link for
/// link.
fn texts_match(code: Code, row: &HtmlRow) -> bool {
    row.code == code.as_u16()
        && markdown_letters(code.description()) == html_letters(&row.notes)
        && markdown_letters(code.solution()) == html_letters(&row.solution)
        && markdown_links(code.description()) == html_links(&row.notes)
        && markdown_links(code.solution()) == html_links(&row.solution)
}

/// One row of the HTML table: its three cells.
struct HtmlRow {
    code: u16,
    message: String,
    notes: String,
    solution: String,
}

/// The rows of the seed, the 2021-10-26 revision of the table.
fn html_rows() -> Vec<HtmlRow> {
    rows_of(include_str!("../data/scf-status-codes.html")).expect("the seed's table")
}

/// The rows of an HTML table of three columns whose first cell is `code<br>message`; `None`
/// for a page that is not one (a revision committed with conflict markers in its table).
fn rows_of(html: &str) -> Option<Vec<HtmlRow>> {
    let tbody = &html[html.find("<tbody>")?..];
    let mut cells = Vec::new();
    for piece in tbody.split("<td").skip(1) {
        let cell = &piece[piece.find('>')? + 1..];
        cells.push(cell[..cell.find("</td>")?].to_owned());
    }
    if cells.len() % 3 != 0 || html.contains("<<<<<<<") {
        return None;
    }
    cells
        .chunks(3)
        .map(|row| {
            let (code, message) = row[0].split_once("<br")?;
            let message = &message[message.find('>')? + 1..];
            Some(HtmlRow {
                code: code.trim().parse().ok()?,
                message: message.trim().to_owned(),
                notes: row[1].clone(),
                solution: row[2].clone(),
            })
        })
        .collect()
}

/// The text without markup or white space: what must match word for word.
fn html_letters(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if in_tag => {}
            c if c.is_whitespace() || c == '`' => {}
            c => out.push(c),
        }
    }
    out
}

fn markdown_letters(markdown: &str) -> String {
    let mut text = String::new();
    for line in markdown.lines() {
        text.push_str(line.strip_prefix("- ").unwrap_or(line));
        text.push('\n');
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    // `[text](url)` keeps its text; the URL is compared separately. A bracket that opens no link
    // (`Function [ xxx ] concurrency`) is text.
    while let Some(open) = rest.find('[') {
        let link = rest[open..].find(']').and_then(|close| {
            let close = open + close;
            let url = rest[close + 1..].strip_prefix('(')?;
            Some((close, close + 2 + url.find(')')?))
        });
        match link {
            Some((close, url_end)) => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..close]);
                rest = &rest[url_end + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !c.is_whitespace() && *c != '`')
        .collect()
}

fn html_links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

fn markdown_links(markdown: &str) -> Vec<String> {
    markdown
        .split("](")
        .skip(1)
        .map(|rest| rest[..rest.find(')').unwrap()].to_owned())
        .collect()
}

#[test]
fn the_html_copy_of_the_table_has_its_29_rows_each_with_a_message() {
    let rows = html_rows();
    assert_eq!(rows.len(), 29);
    let codes: BTreeSet<u16> = rows.iter().map(|row| row.code).collect();
    assert_eq!(codes.len(), 29, "each code once");
    assert!(rows.iter().all(|row| !row.message.is_empty()));
}

#[test]
fn descriptions_and_solutions_keep_every_word_and_link_of_one_revision_of_the_table() {
    let sources = english_sources();
    assert!(sources.len() > 2, "the revisions are read");
    for &code in Code::ALL {
        let matching = sources.iter().flatten().any(|row| texts_match(code, row));
        assert!(
            matching,
            "{code}: its description and solution are those of no English revision of the table:\n{}\n{}",
            code.description(),
            code.solution()
        );
    }
}

#[test]
fn a_text_that_is_no_revisions_is_caught() {
    let sources = english_sources();
    let seed_433 = sources[0].iter().find(|row| row.code == 433).unwrap();
    let typo = HtmlRow {
        code: 433,
        message: String::new(),
        notes: format!("{}x", seed_433.notes),
        solution: seed_433.solution.clone(),
    };
    assert!(!texts_match(Code::TimeLimitReached, &typo));
}

#[test]
fn no_html_is_left_in_the_texts() {
    for &code in Code::ALL {
        for text in [code.description(), code.solution()] {
            for tag in ["<a", "<li", "<ul", "<br", "<code", "</"] {
                assert!(!text.contains(tag), "{code}: {tag} in {text:?}");
            }
        }
    }
}

#[test]
fn retryable_codes_are_the_transient_ones() {
    let retryable: BTreeSet<u16> = Code::ALL
        .iter()
        .filter(|c| c.is_retryable())
        .map(|c| c.as_u16())
        .collect();
    assert_eq!(retryable, BTreeSet::from([429, 432, 500]));
}

#[test]
fn the_codes_the_table_says_trigger_repossession_do() {
    let repossessing: BTreeSet<u16> = Code::ALL
        .iter()
        .filter(|c| c.triggers_repossession())
        .map(|c| c.as_u16())
        .collect();
    assert_eq!(repossessing, BTreeSet::from([433, 434, 439]));
    for &code in Code::ALL {
        assert_eq!(
            code.triggers_repossession(),
            code.solution()
                .contains("will trigger [instance repossession]"),
            "{code}"
        );
    }
}

#[test]
fn only_200_is_success_and_every_entry_has_a_table_category() {
    assert_eq!(
        Code::ALL
            .iter()
            .filter(|code| code.is_success())
            .collect::<Vec<_>>(),
        [&Code::Success]
    );
    for &code in Code::ALL {
        assert!(Category::ALL.contains(&code.category()), "{code}");
    }
    assert_eq!(Code::TimeLimitReached.category(), Category::Function);
    assert_eq!(Code::ResourceLimitReached.category(), Category::Throttling);
    assert_eq!(Code::InternalError.category(), Category::Platform);
}

#[test]
fn names_of_codes_whose_message_is_not_a_name_are_chosen() {
    assert_eq!(Code::from_u16(407), Code::ResponseTooLarge);
    assert_eq!(Code::from_u16(430), Code::UserCodeException);
    assert_eq!(Code::from_u16(436), Code::InvalidInvokeParameter);
    assert_eq!(Code::from_u16(439), Code::UserProcessExited);
}

#[test]
fn every_code_answers_in_each_language_with_the_texts_of_codes_toml() {
    use scf_codes::Lang;
    use scf_codes_cli::table::codes::{self, Field};

    let file = include_str!("../../codes.toml");
    let entries = codes::parse(file, "codes.toml").unwrap();
    assert_eq!(entries.len(), Code::ALL.len());
    for entry in &entries {
        let code = Code::from_u16(entry.code);
        assert_eq!(code.description_in(Lang::En), code.description());
        assert_eq!(code.solution_in(Lang::En), code.solution());
        // Where the file has no Chinese text, the English one stands for it.
        let zh = |field, english| entry.text(field).unwrap_or(english);
        assert_eq!(
            code.description_in(Lang::Zh),
            zh(Field::ZhDescription, code.description()),
            "{code}"
        );
        assert_eq!(
            code.solution_in(Lang::Zh),
            zh(Field::ZhSolution, code.solution()),
            "{code}"
        );
    }
    let unknown = Code::from_u16(600);
    assert_ne!(unknown.description_in(Lang::Zh), unknown.description());
}

#[test]
fn the_texts_in_each_language_are_const() {
    use scf_codes::Lang;
    const ZH: &str = Code::TimeLimitReached.solution_in(Lang::Zh);
    assert_eq!(ZH, Code::TimeLimitReached.solution_in(Lang::Zh));
}
