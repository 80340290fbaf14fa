//! Text for a terminal: Markdown turned into plain text, wrapped to the terminal's width, and
//! aligned tables, styled as `style` says.

use std::io::IsTerminal as _;

use anstyle::Style;
use scf_codes::Code;

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

/// Everything the table says about one code.
pub fn explain(code: Code, width: usize) -> String {
    let mut out = format!("{}\n\n", style::code(code));
    out.push_str(&format!(
        "  Name:        {}\n",
        paint(style::NAME, code.name())
    ));
    out.push_str(&format!(
        "  Category:    {}\n",
        paint(style::category(code.category()), code.category().as_str())
    ));
    out.push_str(&format!("  Retryable:   {}\n", yes_no(code.is_retryable())));
    out.push_str(&format!(
        "  Triggers instance repossession: {}\n\n",
        yes_no(code.triggers_repossession())
    ));
    out.push_str(&paint(style::HEADING, "Description"));
    out.push('\n');
    out.push_str(&markdown(code.description(), width, 2));
    out.push('\n');
    out.push_str(&paint(style::HEADING, "Solution"));
    out.push('\n');
    out.push_str(&markdown(code.solution(), width, 2));
    out
}

/// An aligned table of codes: code, name, category, retryable, message. Messages are not cut:
/// the table is as wide as its longest row.
pub fn table(codes: &[Code]) -> String {
    let rows: Vec<Vec<Cell>> = codes
        .iter()
        .map(|&code| {
            let mut row = code_cells(code);
            row.push(code.message().to_owned().into());
            row
        })
        .collect();
    columns(&["CODE", "NAME", "CATEGORY", "RETRY", "MESSAGE"], &rows)
}

/// The cells that every table of codes starts with: its number and name, its category in the
/// category's colour, and whether it is retryable.
pub fn code_cells(code: Code) -> Vec<Cell> {
    vec![
        Cell::styled(code.as_u16().to_string(), style::CODE),
        Cell::styled(code.name(), style::NAME),
        Cell::styled(code.category().as_str(), style::category(code.category())),
        yes_no(code.is_retryable()).into(),
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

/// Rows under a header, each column as wide as its widest cell and two spaces apart; the last
/// column is not padded.
pub fn columns(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.text.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = (&str, Style)>| {
        let mut cells: Vec<(&str, Style)> = cells.collect();
        // No white space at the end of a line, as if the line were trimmed.
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
            padding = width - cell.chars().count() + 2;
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

/// Greedy word wrap: the first line starts with `first`, the others with `rest`. A word longer
/// than the line (a URL) gets a line of its own rather than being cut.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_owned();
    let mut line_has_words = false;
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(line_has_words) + word.chars().count();
        if line_has_words && needed > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_owned();
            line_has_words = false;
        }
        if line_has_words {
            line.push(' ');
        }
        line.push_str(word);
        line_has_words = true;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
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
    fn a_word_longer_than_the_line_is_not_cut() {
        assert_eq!(
            wrap("a https://very-long-url/x b", 10, "", ""),
            "a\nhttps://very-long-url/x\nb\n"
        );
    }

    #[test]
    fn every_line_of_every_explanation_fits_unless_it_is_one_word() {
        for &code in Code::ALL {
            let explanation = anstream::adapter::strip_str(&explain(code, 60)).to_string();
            for line in explanation.lines() {
                let content = line.trim_start().trim_start_matches("- ");
                assert!(
                    line.chars().count() <= 60 || !content.contains(' '),
                    "{code}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn the_table_aligns_its_columns() {
        let table = anstream::adapter::strip_str(&table(&[Code::Success, Code::TimeLimitReached]))
            .to_string();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "CODE  NAME              CATEGORY  RETRY  MESSAGE");
        assert_eq!(
            lines[2],
            "433   TimeLimitReached  function  no     TimeLimitReached"
        );
    }
}
