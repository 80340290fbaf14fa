//! Text for a terminal: Markdown turned into plain text, wrapped to the terminal's width, and
//! aligned tables. Widths are display columns (a CJK character takes two), not characters.

use std::io::IsTerminal as _;

use scf_codes::{Code, Lang};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use crate::lang::words;

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
    let mut out = format!("{code}\n\n");
    let facts = [
        (words.name, code.name().to_owned()),
        (words.category, code.category().to_string()),
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
    out.push_str(words.description);
    out.push('\n');
    out.push_str(&markdown(code.description_in(lang), width, 2));
    out.push('\n');
    out.push_str(words.solution);
    out.push('\n');
    out.push_str(&markdown(code.solution_in(lang), width, 2));
    out
}

/// An aligned table of codes: code, name, category, retryable, message, headed in `lang`.
/// Messages are not cut: the table is as wide as its longest row.
pub fn table(codes: &[Code], lang: Lang) -> String {
    let words = words(lang);
    let rows: Vec<Vec<String>> = codes
        .iter()
        .map(|code| {
            vec![
                code.as_u16().to_string(),
                code.name().to_owned(),
                code.category().to_string(),
                words.yes_no(code.is_retryable()).to_owned(),
                code.message().to_owned(),
            ]
        })
        .collect();
    columns(&words.columns, &rows)
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
/// spaces apart; the last column is not padded.
pub fn columns(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (cell, width) in cells.zip(&widths) {
            text.push_str(&pad(cell, *width));
            text.push_str("  ");
        }
        text.trim_end().to_owned() + "\n"
    };
    let mut out = line(&mut header.iter().copied());
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
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
        let Some(close) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|i| close + i) else {
            break;
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
        let table = columns(
            &["A", "B"],
            &[
                vec!["状态码".into(), "x".into()],
                vec!["ab".into(), "y".into()],
            ],
        );
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
                for line in explain(code, lang, 60).lines() {
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
        let table = table(&[Code::Success, Code::TimeLimitReached], Lang::En);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "CODE  NAME              CATEGORY  RETRY  MESSAGE");
        assert_eq!(
            lines[2],
            "433   TimeLimitReached  function  no     TimeLimitReached"
        );
    }
}
