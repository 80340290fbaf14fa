//! The rustdoc text generated from the table: one page section per code, and the crate's summary
//! table. Texts are Markdown; the codes file's descriptions and solutions are Markdown already.

use std::fmt::Write as _;

use crate::table::{Code, Limit, Table};

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
    if code.zh_description.is_some() || code.zh_solution.is_some() {
        // Tencent's Chinese page, as `description_in` and `solution_in` give it for `Lang::Zh`.
        let _ = write!(
            doc,
            "\n\n**说明**（中文）：\n\n{}\n\n**解决方法：**\n\n{}",
            markdown_block(code.zh_description.as_deref().unwrap_or(&code.description)),
            markdown_block(code.zh_solution.as_deref().unwrap_or(&code.solution)),
        );
    }
    doc
}

/// The documentation of `Unknown`.
pub const UNKNOWN_VARIANT: &str = "A status code that is not in the table: the number is kept as it \
    came, so nothing is lost.\n\n`from_u16` (and `From<u16>`) is the only way to an `Unknown`, and \
    it returns one only for a number without an entry: `Unknown` never holds `433`, which is \
    `TimeLimitReached`. Its texts say that the code is not in the table; \
    [`UnknownCode::get`](crate::UnknownCode::get) gives the number back.";

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

/// The documentation of one limit: its description, then its value in words.
pub fn limit(limit: &Limit) -> String {
    format!(
        "{}\n\nValue: {}.",
        markdown_block(&limit.description),
        limit_value(limit)
    )
}

/// `6,291,456 bytes (6 MiB)`, `3,072 megabytes (3 GiB)`, `86,400 seconds (24 hours)`, `port 9000`.
fn limit_value(limit: &Limit) -> String {
    let value = limit.value;
    let grouped = thousands(value);
    let exact = |unit: u64, name: &str| {
        (value >= unit && value % unit == 0)
            .then(|| format!(" ({} {name})", thousands(value / unit)))
    };
    match limit.unit.spelling {
        "bytes" => format!(
            "{grouped} bytes{}",
            exact(1 << 30, "GiB")
                .or_else(|| exact(1 << 20, "MiB"))
                .or_else(|| exact(1 << 10, "KiB"))
                .unwrap_or_default()
        ),
        "megabytes" => format!("{grouped} MB{}", exact(1024, "GB").unwrap_or_default()),
        "seconds" => format!(
            "{grouped} seconds{}",
            exact(3600, "hours")
                .or_else(|| exact(60, "minutes"))
                .unwrap_or_default()
        ),
        _ => format!("port {value}"),
    }
}

fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
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
            zh_description: None,
            zh_solution: None,
        }
    }

    #[test]
    fn a_variant_doc_shows_the_chinese_texts_after_the_english_ones() {
        let mut both = code();
        both.zh_description = Some("太慢。".into());
        both.zh_solution = Some("-".into());
        let doc = variant(&both);
        assert!(
            doc.starts_with(&variant(&code())),
            "the English texts come first, unchanged: {doc}"
        );
        assert!(
            doc.ends_with("\n\n**说明**（中文）：\n\n太慢。\n\n**解决方法：**\n\n\\-"),
            "{doc}"
        );
    }

    #[test]
    fn a_chinese_text_that_is_absent_shows_the_english_one() {
        let mut half = code();
        half.zh_description = Some("太慢。".into());
        assert!(
            variant(&half).ends_with("**解决方法：**\n\n- Be faster."),
            "{}",
            variant(&half)
        );
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
    fn limit_values_are_written_in_words() {
        let limit = |value, unit| Limit {
            name: "X".into(),
            value,
            unit: *crate::ast::UNITS
                .iter()
                .find(|u| u.spelling == unit)
                .unwrap(),
            description: "d".into(),
        };
        assert_eq!(
            limit_value(&limit(6_291_456, "bytes")),
            "6,291,456 bytes (6 MiB)"
        );
        assert_eq!(
            limit_value(&limit(131_072, "bytes")),
            "131,072 bytes (128 KiB)"
        );
        assert_eq!(limit_value(&limit(1000, "bytes")), "1,000 bytes");
        assert_eq!(
            limit_value(&limit(122_880, "megabytes")),
            "122,880 MB (120 GB)"
        );
        assert_eq!(
            limit_value(&limit(86_400, "seconds")),
            "86,400 seconds (24 hours)"
        );
        assert_eq!(limit_value(&limit(9000, "port")), "port 9000");
        assert_eq!(super::limit(&limit(9000, "port")), "d\n\nValue: port 9000.");
    }

    #[test]
    fn code_spans_survive_backticks_in_the_text() {
        assert_eq!(code_span("plain"), "`plain`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
    }
}
