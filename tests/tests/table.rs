//! The data: codes.toml holds every row of Tencent's table (copies are in `data/`), word for word:
//! the 29 rows of the 2021-10-26 revision, and the rows that later revisions added. The
//! expectations are read from those copies, never written out here.

use std::collections::BTreeSet;

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
fn every_row_of_the_table_is_a_code_with_its_verbatim_message() {
    let table: Vec<(u16, String)> = Code::ALL
        .iter()
        .map(|code| (code.as_u16(), code.message().to_owned()))
        .collect();
    let mut expected: Vec<(u16, String)> = html_rows()
        .into_iter()
        .map(|row| (row.code, row.message))
        .chain(
            later_rows()
                .into_iter()
                .map(|[code, message, ..]| (code.parse().unwrap(), message)),
        )
        .collect();
    expected.sort();
    assert_eq!(table, expected);
}

#[test]
fn rows_added_after_2021_keep_tencents_texts_word_for_word() {
    let rows = later_rows();
    assert_eq!(rows.len(), 1, "402 ServiceSuspended");
    for [code, message, description, solution] in rows {
        let code = Code::from_u16(code.parse().unwrap());
        assert!(code.is_known(), "{code}");
        assert_eq!(code.message(), message);
        assert_eq!(code.description(), description);
        assert_eq!(code.solution(), solution);
    }
    let suspended = Code::from_u16(402);
    assert_eq!(suspended, Code::ServiceSuspended);
    assert_eq!(suspended.category(), Category::Account);
    assert!(!suspended.is_retryable());
}

/// One row of the HTML table: its three cells.
struct HtmlRow {
    code: u16,
    message: String,
    notes: String,
    solution: String,
}

fn html_rows() -> Vec<HtmlRow> {
    let html = include_str!("../data/scf-status-codes.html");
    let tbody = &html[html.find("<tbody>").unwrap()..];
    let mut cells = Vec::new();
    let mut rest = tbody;
    while let Some(start) = rest.find("<td>") {
        let after = &rest[start + "<td>".len()..];
        let end = after.find("</td>").unwrap();
        cells.push(after[..end].to_owned());
        rest = &after[end..];
    }
    cells
        .chunks(3)
        .map(|row| {
            let (code, message) = row[0].split_once("<br>").unwrap();
            HtmlRow {
                code: code.trim().parse().unwrap(),
                message: message.trim().to_owned(),
                notes: row[1].clone(),
                solution: row[2].clone(),
            }
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
    // `[text](url)` keeps its text; the URL is compared separately.
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find("](").unwrap();
        out.push_str(&rest[open + 1..close]);
        let url_end = close + rest[close..].find(')').unwrap();
        rest = &rest[url_end + 1..];
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
fn descriptions_and_solutions_keep_every_word_and_link_of_the_table() {
    for row in html_rows() {
        let code = Code::from_u16(row.code);
        assert_eq!(
            markdown_letters(code.description()),
            html_letters(&row.notes),
            "description of {}",
            row.code
        );
        assert_eq!(
            markdown_letters(code.solution()),
            html_letters(&row.solution),
            "solution of {}",
            row.code
        );
        assert_eq!(
            markdown_links(code.description()),
            html_links(&row.notes),
            "links in {}",
            row.code
        );
        assert_eq!(
            markdown_links(code.solution()),
            html_links(&row.solution),
            "links in {}",
            row.code
        );
    }
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
