//! The rustdoc text generated from the table: one page section per code, and the crate's summary
//! table. Texts are Markdown; the codes file's descriptions and solutions are Markdown already.

use std::fmt::Write as _;

use crate::table::{Code, Table};

/// The documentation of one variant: its number, message, description, solution and facts.
pub fn variant(code: &Code) -> String {
    let mut doc = format!(
        "**{}** {}\n\n{}\n\n**Solution:**\n\n{}\n\n",
        code.code,
        code_span(&code.message),
        markdown_block(&code.description),
        markdown_block(&code.solution)
    );
    let _ = write!(
        doc,
        "Category: [`{category}`](crate::Category::{category}) · Retryable: {} · \
         Triggers instance repossession: {}",
        yes_no(code.retryable),
        yes_no(code.triggers_repossession),
        category = code.category,
    );
    doc
}

/// The documentation of `Unknown(u16)`.
pub const UNKNOWN_VARIANT: &str = "A status code that is not in the table: the number is kept as it \
    came, so nothing is lost.\n\n`from_u16` returns `Unknown` only for numbers without an entry; \
    its texts say that the code is not in the table.";

/// A Markdown table of every code: code, name, message, category, retryable.
pub fn summary_table(table: &Table) -> String {
    let mut doc = String::from(
        "| Code | Name | Message | Category | Retryable |\n| ---: | --- | --- | --- | :---: |\n",
    );
    for code in &table.codes {
        let _ = writeln!(
            doc,
            "| {} | [`{name}`](crate::Code::{name}) | {} | [`{category}`](crate::Category::{category}) | {} |",
            code.code,
            code_span(&code.message).replace('|', "\\|"),
            yes_no(code.retryable),
            name = code.name,
            category = code.category,
        );
    }
    doc
}

/// A text of the codes file as a Markdown block. The table writes "-" for "none", which alone
/// on a line would start an empty list: it is escaped to show as written.
fn markdown_block(text: &str) -> &str {
    match text.trim() {
        "-" => "\\-",
        trimmed => trimmed,
    }
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// `text` as a Markdown code span, so that no character of it is read as Markdown: the fence is
/// one backtick longer than the longest run of backticks inside.
fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> Code {
        Code {
            code: 433,
            name: "TimeLimitReached".into(),
            message: "TimeLimitReached".into(),
            description: "Too slow.".into(),
            solution: "- Be faster.\n".into(),
            category: "Function",
            category_spelling: "function",
            retryable: false,
            triggers_repossession: true,
        }
    }

    #[test]
    fn a_variant_doc_carries_code_message_texts_and_facts() {
        assert_eq!(
            variant(&code()),
            "**433** `TimeLimitReached`\n\nToo slow.\n\n**Solution:**\n\n- Be faster.\n\n\
             Category: [`Function`](crate::Category::Function) · Retryable: no · \
             Triggers instance repossession: yes"
        );
    }

    #[test]
    fn a_lone_dash_is_shown_as_a_dash_not_an_empty_list() {
        let mut dash = code();
        dash.solution = "-".into();
        assert!(
            variant(&dash).contains("**Solution:**\n\n\\-\n\n"),
            "{}",
            variant(&dash)
        );
    }

    #[test]
    fn the_summary_table_links_each_name_and_escapes_pipes() {
        let mut piped = code();
        piped.message = "a | b".into();
        let table = summary_table(&Table { codes: vec![piped] });
        assert!(
            table.ends_with(
                "| 433 | [`TimeLimitReached`](crate::Code::TimeLimitReached) | `a \\| b` | \
                 [`Function`](crate::Category::Function) | no |\n"
            ),
            "{table}"
        );
    }

    #[test]
    fn code_spans_survive_backticks_in_the_text() {
        assert_eq!(code_span("plain"), "`plain`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
    }
}
