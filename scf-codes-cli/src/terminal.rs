//! Text for a terminal: Markdown turned into plain text, wrapped to the terminal's width, and
//! aligned tables.

use std::io::IsTerminal as _;

use scf_codes::Code;

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
    let mut out = format!("{code}\n\n");
    out.push_str(&format!("  Name:        {}\n", code.name()));
    out.push_str(&format!("  Category:    {}\n", code.category()));
    out.push_str(&format!("  Retryable:   {}\n", yes_no(code.is_retryable())));
    out.push_str(&format!(
        "  Triggers instance repossession: {}\n\n",
        yes_no(code.triggers_repossession())
    ));
    out.push_str("Description\n");
    out.push_str(&markdown(code.description(), width, 2));
    out.push_str("\nSolution\n");
    out.push_str(&markdown(code.solution(), width, 2));
    out
}

/// An aligned table of codes: code, name, category, retryable, message. Messages are not cut:
/// the table is as wide as its longest row.
pub fn table(codes: &[Code]) -> String {
    let rows: Vec<Vec<String>> = codes
        .iter()
        .map(|code| {
            vec![
                code.as_u16().to_string(),
                code.name().to_owned(),
                code.category().to_string(),
                yes_no(code.is_retryable()).to_owned(),
                code.message().to_owned(),
            ]
        })
        .collect();
    columns(&["CODE", "NAME", "CATEGORY", "RETRY", "MESSAGE"], &rows)
}

/// Rows under a header, each column as wide as its widest cell and two spaces apart; the last
/// column is not padded.
pub fn columns(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (cell, width) in cells.zip(&widths) {
            text.push_str(&format!("{cell:<width$}  "));
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
            for line in explain(code, 60).lines() {
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
        let table = table(&[Code::Success, Code::TimeLimitReached]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "CODE  NAME              CATEGORY  RETRY  MESSAGE");
        assert_eq!(
            lines[2],
            "433   TimeLimitReached  function  no     TimeLimitReached"
        );
    }
}
