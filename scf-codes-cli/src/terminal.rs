//! Text for a terminal: Markdown turned into plain text, wrapped to the terminal's width, and
//! aligned tables, styled as `style` says. Widths are display columns (a CJK character takes
//! two), not characters.

use std::io::IsTerminal as _;

use anstyle::Style;
use scf_codes::{Code, Lang};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use crate::lang::words;
use crate::style::{self, paint};

/// Output wraps at the terminal's width, 80 columns when it is not a terminal, and never wider
/// than 100 columns, which stays readable.
pub fn width() -> usize {
    line_width().min(100)
}

/// The terminal's width, 80 columns when it is not a terminal: how wide a table's row may be
/// (a sparkline takes what the other columns leave).
pub fn line_width() -> usize {
    let columns = if std::io::stdout().is_terminal() {
        terminal_size::terminal_size().map(|(width, _)| usize::from(width.0))
    } else {
        None
    };
    let columns = columns.or_else(|| std::env::var("COLUMNS").ok()?.parse().ok());
    columns.unwrap_or(80).clamp(40, 1_000)
}

/// `yes` or `no`, as tables and explanations show a flag.
pub fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// Everything the table says about one code, with Tencent's texts and the labels in `lang`.
pub fn explain(code: Code, lang: Lang, width: usize) -> String {
    let words = words(lang);
    let mut out = format!("{}\n\n", style::code(code));
    let facts = [
        (words.name, paint(style::NAME, code.name())),
        (
            words.category,
            paint(style::category(code.category()), code.category().as_str()),
        ),
        (
            words.retryable,
            words.yes_no(code.is_retryable()).to_owned(),
        ),
    ];
    let label_width = facts
        .iter()
        .map(|(label, _)| label.width() + words.colon.width())
        .max()
        .unwrap_or(0);
    for (label, value) in facts {
        let label = format!("{label}{}", words.colon);
        out.push_str(&format!("  {}   {value}\n", pad(&label, label_width)));
    }
    out.push_str(&format!(
        "  {}{} {}\n\n",
        words.triggers_repossession,
        words.colon,
        words.yes_no(code.triggers_repossession())
    ));
    out.push_str(&paint(style::HEADING, words.description));
    out.push('\n');
    out.push_str(&markdown(code.description_in(lang), width, 2));
    out.push('\n');
    out.push_str(&paint(style::HEADING, words.solution));
    out.push('\n');
    out.push_str(&markdown(code.solution_in(lang), width, 2));
    out
}

/// An aligned table of codes: code, name, category, retryable, message, headed in `lang`.
/// Messages are not cut: the table is as wide as its longest row.
pub fn table(codes: &[Code], lang: Lang) -> String {
    let words = words(lang);
    let rows: Vec<Vec<Cell>> = codes
        .iter()
        .map(|&code| {
            let mut row = code_cells(code, lang);
            row.push(code.message().into());
            row
        })
        .collect();
    columns(&words.columns, &rows)
}

/// The cells that every table of codes starts with: its number and name, its category in the
/// category's colour, and whether it is retryable, in `lang`.
pub fn code_cells(code: Code, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::styled(code.as_u16().to_string(), style::CODE),
        Cell::styled(code.name(), style::NAME),
        Cell::styled(code.category().as_str(), style::category(code.category())),
        words(lang).yes_no(code.is_retryable()).into(),
    ]
}

/// A cell of a table: its text, and the style it is shown in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text, without styles: what the column's width is measured on.
    pub text: String,
    /// The style it is shown in.
    pub style: Style,
}

impl Cell {
    /// A cell shown in `style`.
    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::styled(text, Style::new())
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::styled(text, Style::new())
    }
}

/// The display width of `text` in a terminal: a CJK character takes two columns.
pub fn display_width(text: &str) -> usize {
    text.width()
}

/// `text` followed by spaces up to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Rows under a header, each column as wide as its widest cell (in display columns) and two
/// spaces apart; the last column is not padded, and no line ends in white space.
pub fn columns(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.text.width());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = (&str, Style)>| {
        let mut cells: Vec<(&str, Style)> = cells.collect();
        while cells
            .last()
            .is_some_and(|(cell, _)| cell.trim_end().is_empty())
        {
            cells.pop();
        }
        if let Some((last, _)) = cells.last_mut() {
            *last = last.trim_end();
        }
        let mut text = String::new();
        let mut padding = 0;
        for ((cell, style), width) in cells.into_iter().zip(&widths) {
            text.push_str(&" ".repeat(padding));
            text.push_str(&paint(style, cell));
            padding = width.saturating_sub(cell.width()) + 2;
        }
        text + "\n"
    };
    let mut out = line(&mut header.iter().map(|cell| (*cell, style::HEADING)));
    for row in rows {
        out.push_str(&line(
            &mut row.iter().map(|cell| (cell.text.as_str(), cell.style)),
        ));
    }
    out
}

/// The first step of a solution, as plain text on one line: its first list item, or else its
/// first paragraph.
pub fn first_step(solution: &str) -> String {
    let item = solution
        .lines()
        .find_map(|line| line.trim().strip_prefix("- "));
    let step = match item {
        Some(item) => item.to_owned(),
        None => {
            let paragraph = solution.trim().split("\n\n").next().unwrap_or("");
            paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    };
    inline(&step)
}

/// Markdown as plain text: `[text](url)` becomes `text (url)`, emphasis and code marks go, list
/// items keep their dash with a hanging indent, and every paragraph is wrapped to `width`.
pub fn markdown(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    for block in text.split("\n\n") {
        for line in block.lines() {
            let plain = inline(line.trim());
            let (first, rest) = match plain.strip_prefix("- ") {
                Some(item) => (
                    format!("{}- ", " ".repeat(indent)),
                    (item.to_owned(), indent + 2),
                ),
                None => (" ".repeat(indent), (plain, indent)),
            };
            out.push_str(&wrap(&rest.0, width, &first, &" ".repeat(rest.1)));
        }
    }
    out
}

/// The inline Markdown of one line as plain text.
fn inline(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        // A link is `[text](url)`: its text's `]` is followed by `(`. Any other bracket, as in
        // `Function [ xxx ] concurrency exceeded`, is text.
        let link = rest[open..].find(']').and_then(|close| {
            let close = open + close;
            let url = rest[close + 1..].strip_prefix('(')?;
            Some((close, close + 2 + url.find(')')?))
        });
        let Some((close, end)) = link else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        out.push_str(" (");
        out.push_str(&rest[close + 2..end]);
        out.push(')');
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    let out = out.replace("**", "").replace('`', "");
    match out.as_str() {
        "\\-" => "-".to_owned(),
        _ => out,
    }
}

/// Greedy word wrap to `width` display columns: the first line starts with `first`, the others
/// with `rest`. A word longer than the line (a URL) gets a line of its own rather than being
/// cut. Chinese, written without spaces, may break between any two characters, except before
/// a closing punctuation mark.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_owned();
    let mut line_width = first.width();
    let mut line_has_words = false;
    for (word, spaced) in pieces(text) {
        let gap = usize::from(line_has_words && spaced);
        if line_has_words && line_width + gap + word.width() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_owned();
            line_width = rest.width();
            line_has_words = false;
        }
        if line_has_words && spaced {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word.width();
        line_has_words = true;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// The pieces a line may break between, each with whether white space came before it: words,
/// and each wide (CJK) character, with the closing punctuation after it.
fn pieces(text: &str) -> Vec<(&str, bool)> {
    let wide = |c: char| c.width() == Some(2);
    let mut pieces = Vec::new();
    for word in text.split_whitespace() {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut start = 0;
        for pair in chars.windows(2) {
            let [(_, c), (next_at, next)] = [pair[0], pair[1]];
            if (wide(c) || wide(next)) && !closes(next) {
                pieces.push((&word[start..next_at], start == 0));
                start = next_at;
            }
        }
        pieces.push((&word[start..], start == 0));
    }
    pieces
}

/// Punctuation that must not start a line: it stays with the character before it.
fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '”'
            | '’'
            | ','
            | '.'
            | ')'
            | ';'
            | ':'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` without its styles, as a pipe gets it.
    fn plain(text: &str) -> String {
        anstream::adapter::strip_str(text).to_string()
    }

    #[test]
    fn links_become_text_and_url_and_marks_go() {
        assert_eq!(
            inline(
                "see [Async Execution](https://x/1) on the **Function Configuration** page, `/tmp`"
            ),
            "see Async Execution (https://x/1) on the Function Configuration page, /tmp"
        );
        assert_eq!(inline("\\-"), "-");
        assert_eq!(inline("a [bracket] alone"), "a [bracket] alone");
        // A bracket before a link is text, and the link after it is still a link.
        assert_eq!(
            inline("`Function [ xxx ] concurrency exceeded`, see [the guide](https://x/2)"),
            "Function [ xxx ] concurrency exceeded, see the guide (https://x/2)"
        );
        assert_eq!(inline("[a] [b](u) [c"), "[a] b (u) [c");
    }

    #[test]
    fn paragraphs_wrap_and_list_items_hang() {
        let text = "one two three four five six\n\n- seven eight nine ten eleven";
        assert_eq!(
            markdown(text, 16, 2),
            "  one two three\n  four five six\n  - seven eight\n    nine ten\n    eleven\n"
        );
    }

    #[test]
    fn chinese_wraps_between_characters_by_display_width_and_keeps_punctuation_with_its_word() {
        let text = "检查业务代码是否有大量耗时处理操作。在函数配置页调整执行超时时间";
        let wrapped = wrap(text, 20, "  ", "  ");
        for line in wrapped.lines() {
            assert!(line.width() <= 20, "{line:?} in {wrapped}");
            assert!(!line.trim_start().starts_with('。'), "{wrapped}");
        }
        assert_eq!(wrapped.replace(['\n', ' '], ""), text);
        assert_eq!(
            wrap("参考 [API 文档](https://x/1) 修改", 80, "", ""),
            "参考 [API 文档](https://x/1) 修改\n",
            "spaces in Chinese text are kept"
        );
    }

    #[test]
    fn columns_align_by_display_width() {
        let table = plain(&columns(
            &["A", "B"],
            &[
                vec!["状态码".into(), "x".into()],
                vec!["ab".into(), "y".into()],
            ],
        ));
        let lines: Vec<&str> = table.lines().collect();
        let b_column = |line: &str| line.find(['B', 'x', 'y']).map(|at| line[..at].width());
        assert_eq!(b_column(lines[0]), b_column(lines[1]));
        assert_eq!(b_column(lines[1]), b_column(lines[2]));
    }

    #[test]
    fn a_word_longer_than_the_line_is_not_cut() {
        assert_eq!(
            wrap("a https://very-long-url/x b", 10, "", ""),
            "a\nhttps://very-long-url/x\nb\n"
        );
    }

    #[test]
    fn every_line_of_every_explanation_fits_unless_it_is_one_word() {
        for &code in Code::ALL {
            for lang in Lang::ALL {
                for line in plain(&explain(code, lang, 60)).lines() {
                    let content = line.trim_start().trim_start_matches("- ");
                    // One word too long for a line (a link), with the punctuation after it.
                    let one_word = !content.contains(' ')
                        && content
                            .trim_end_matches(closes)
                            .chars()
                            .all(|c| c.width() != Some(2));
                    assert!(line.width() <= 60 || one_word, "{code}: {line:?}");
                }
            }
        }
    }

    #[test]
    fn the_table_aligns_its_columns() {
        let table = plain(&table(&[Code::Success, Code::TimeLimitReached], Lang::En));
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "CODE  NAME              CATEGORY  RETRY  MESSAGE");
        assert_eq!(
            lines[2],
            "433   TimeLimitReached  function  no     TimeLimitReached"
        );
    }
}
