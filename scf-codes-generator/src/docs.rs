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

/// The `# Examples` section of each accessor of the enum, written with codes of the table, so
/// that every example stays true when the table changes. An empty table has no examples.
#[derive(Debug, Default)]
pub struct Examples {
    pub all: String,
    pub from_u16: String,
    pub as_u16: String,
    pub name: String,
    pub message: String,
    pub description: String,
    pub solution: String,
    pub description_in: String,
    pub solution_in: String,
    pub category: String,
    pub is_success: String,
    pub is_retryable: String,
    pub triggers_repossession: String,
    pub is_known: String,
    pub display: String,
}

/// The examples of every accessor, on the codes of `table`.
pub fn examples(table: &Table) -> Examples {
    let codes = &table.codes;
    let failure = codes.iter().find(|code| code.category != "Success");
    // 433 is the code the crate's own documentation uses; any other table has its first failure.
    let Some(main) = codes
        .iter()
        .find(|code| code.code == 433)
        .or(failure)
        .or(codes.first())
    else {
        return Examples::default();
    };
    let worded = codes
        .iter()
        .find(|code| code.message != code.name)
        .unwrap_or(main);
    let unknown = (600..=u16::MAX)
        .find(|number| codes.iter().all(|code| code.code != *number))
        .unwrap_or(u16::MAX);
    let path = |code: &Code| format!("Code::{}", code.name);
    let (main_path, worded_path) = (path(main), path(worded));
    let facts = |flag: fn(&Code) -> bool, method: &str| {
        let mut lines = String::new();
        if let Some(yes) = codes.iter().find(|code| flag(code)) {
            let _ = writeln!(lines, "assert!({}.{method}());", path(yes));
        }
        if let Some(no) = codes.iter().find(|code| !flag(code)) {
            let _ = writeln!(lines, "assert!(!{}.{method}());", path(no));
        }
        lines
    };
    let unknown_code = format!("Code::from_u16({unknown})");
    Examples {
        all: example(&format!(
            "assert!(Code::ALL.contains(&{main_path}));\n\
             assert!(Code::ALL.windows(2).all(|pair| pair[0] < pair[1]));\n\
             assert!(!Code::ALL.contains(&{unknown_code}));\n"
        )),
        from_u16: example(&format!(
            "assert_eq!(Code::from_u16({number}), {main_path});\n\
             // A number the table does not have is kept, not lost.\n\
             let unknown = {unknown_code};\n\
             assert!(!unknown.is_known());\n\
             assert_eq!(unknown.as_u16(), {unknown});\n",
            number = main.code
        )),
        as_u16: example(&format!(
            "assert_eq!({main_path}.as_u16(), {number});\n\
             assert_eq!({unknown_code}.as_u16(), {unknown});\n",
            number = main.code
        )),
        name: example(&format!(
            "assert_eq!({worded_path}.name(), {name:?});\n\
             assert_eq!({unknown_code}.name(), \"Unknown\");\n",
            name = worded.name
        )),
        message: example(&format!(
            "assert_eq!({worded_path}.message(), {message:?});\n",
            message = worded.message
        )),
        description: example(&format!(
            "assert!({main_path}.description().starts_with({prefix:?}));\n",
            prefix = first_words(&main.description)
        )),
        solution: example(&format!(
            "assert!({main_path}.solution().starts_with({prefix:?}));\n",
            prefix = first_words(&main.solution)
        )),
        description_in: in_lang(main, "description", &main.zh_description),
        solution_in: in_lang(main, "solution", &main.zh_solution),
        category: format!(
            "\n# Examples\n\n```\nuse scf_codes::{{Category, Code}};\n\n\
             assert_eq!({main_path}.category(), Category::{category});\n\
             assert_eq!({unknown_code}.category(), Category::Unknown);\n```",
            category = main.category
        ),
        is_success: example(&facts(|code| code.category == "Success", "is_success")),
        is_retryable: example(&format!(
            "{facts}assert!(!{unknown_code}.is_retryable());\n",
            facts = facts(|code| code.retryable, "is_retryable")
        )),
        triggers_repossession: example(&facts(
            |code| code.triggers_repossession,
            "triggers_repossession",
        )),
        is_known: example(&format!(
            "assert!({main_path}.is_known());\n\
             assert!(!{unknown_code}.is_known());\n"
        )),
        display: example(&format!(
            "assert_eq!({worded_path}.to_string(), {display:?});\n\
             assert!({unknown_code}.to_string().starts_with(\"{unknown} \"));\n",
            display = format!("{} {}", worded.code, worded.message)
        )),
    }
}

/// The example of `description_in` or `solution_in` (`method` without `_in`) on `code`: the
/// English text, and the Chinese one where the entry has it, else the English one again.
fn in_lang(code: &Code, method: &str, chinese: &Option<String>) -> String {
    let path = format!("Code::{}", code.name);
    let chinese = match chinese {
        Some(chinese) => format!(
            "assert!({path}.{method}_in(Lang::Zh).starts_with({:?}));\n",
            first_words(chinese).chars().take(8).collect::<String>()
        ),
        None => format!(
            "// No Chinese text in codes.toml: the English one stands for it.\n\
             assert_eq!({path}.{method}_in(Lang::Zh), {path}.{method}());\n"
        ),
    };
    format!(
        "\n# Examples\n\n```\nuse scf_codes::{{Code, Lang}};\n\n\
         assert_eq!({path}.{method}_in(Lang::En), {path}.{method}());\n{chinese}```"
    )
}

/// An `# Examples` section with one doctest: `body` after `use scf_codes::Code;`.
fn example(body: &str) -> String {
    format!("\n# Examples\n\n```\nuse scf_codes::Code;\n\n{body}```")
}

/// The text up to its third space: a prefix that says which text it is without copying it.
fn first_words(text: &str) -> String {
    text.split_inclusive(' ')
        .take(3)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

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
