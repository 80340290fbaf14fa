//! Semantic checks of `ast::Document`, all in one place: ranges, identifiers, uniqueness,
//! categories. A document that passes becomes a `table::Table`.

use std::collections::HashMap;
use std::ops::Range;

use crate::ast::{self, CATEGORIES, Document, Entry, Spanned, UNITS};
use crate::diagnostic::{Diagnostic, Section};
use crate::suggest::closest;
use crate::table::{Code, Limit, Table};

/// The numbers a status code may have: SCF's codes are three-digit numbers.
pub const CODE_RANGE: std::ops::RangeInclusive<i64> = 100..=999;

/// The variant that holds every number not in the table; no entry may take its name.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Rust's keywords, strict and reserved, in every edition.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Checks every entry and the table as a whole. `parse_problems` says whether `parse` already
/// reported problems; the checks still run on what it read, so that one build reports all of them.
pub fn validate(document: &Document, parse_problems: bool) -> Result<Table, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    if document.entries.is_empty() && !parse_problems {
        diagnostics.push(
            Diagnostic::at(0..0, "no status codes: the file has no `[[code]]` entries").with_help(
                "add an entry: `[[code]]` followed by `code`, `name`, `message`, \
                     `description`, `solution` and `category` lines",
            ),
        );
    }

    let mut codes = Vec::new();
    for entry in &document.entries {
        let before = diagnostics.len();
        let checked = check_entry(entry, &mut diagnostics);
        if diagnostics.len() == before {
            codes.extend(checked);
        }
    }
    check_unique_codes(&document.entries, &mut diagnostics);
    check_unique_names(&document.entries, &mut diagnostics);

    if parse_problems || !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    codes.sort_by_key(|code| code.code);
    Ok(Table { codes })
}

/// Checks one entry's fields; returns the checked code when every required field was read.
fn check_entry(entry: &Entry, diagnostics: &mut Vec<Diagnostic>) -> Option<Code> {
    let code = entry
        .code
        .as_ref()
        .and_then(|code| check_code(code, diagnostics));
    let name = entry
        .name
        .as_ref()
        .and_then(|name| check_name(name, diagnostics));
    let message = entry
        .message
        .as_ref()
        .and_then(|message| check_message(message, diagnostics));
    let description = entry
        .description
        .as_ref()
        .and_then(|text| check_text("description", text, diagnostics));
    let solution = entry
        .solution
        .as_ref()
        .and_then(|text| check_text("solution", text, diagnostics));
    let zh = entry.zh.as_ref();
    let zh_description = zh
        .and_then(|zh| zh.description.as_ref())
        .map(|text| check_text("zh.description", text, diagnostics));
    let zh_solution = zh
        .and_then(|zh| zh.solution.as_ref())
        .map(|text| check_text("zh.solution", text, diagnostics));
    let category = entry
        .category
        .as_ref()
        .and_then(|category| check_category(category, diagnostics));
    let (category_spelling, category) = category?;
    Some(Code {
        code: code?,
        name: name?,
        message: message?,
        description: description?,
        solution: solution?,
        category,
        category_spelling,
        retryable: entry.retryable.as_ref().is_some_and(|flag| flag.value),
        triggers_repossession: entry
            .triggers_repossession
            .as_ref()
            .is_some_and(|flag| flag.value),
        // An absent Chinese text is fine; an empty one has been reported.
        zh_description: match zh_description {
            Some(text) => Some(text?),
            None => None,
        },
        zh_solution: match zh_solution {
            Some(text) => Some(text?),
            None => None,
        },
    })
}

fn check_code(code: &Spanned<i64>, diagnostics: &mut Vec<Diagnostic>) -> Option<u16> {
    match code.value {
        number if CODE_RANGE.contains(&number) => u16::try_from(number).ok(),
        number => {
            diagnostics.push(
                Diagnostic::at(
                    code.span.clone(),
                    format!("code {number} is outside 100..=999"),
                )
                .with_help(
                    "SCF status codes are three-digit numbers; use the number Tencent documents",
                ),
            );
            None
        }
    }
}

fn check_name(name: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match name_problem(&name.value) {
        Some((message, help)) => {
            diagnostics.push(Diagnostic::at(name.span.clone(), message).with_help(help));
            None
        }
        None => Some(name.value.clone()),
    }
}

/// Why `name` cannot be a variant name, with how to fix it; `None` when it can.
pub fn name_problem(name: &str) -> Option<(String, String)> {
    let suggestion = upper_camel_case(name);
    let rename = |why: &str| {
        if suggestion.is_empty() || suggestion == name {
            format!("{why}; choose another UpperCamelCase name, such as `TimeLimitReached`")
        } else {
            format!("{why}; for example `name = \"{suggestion}\"`")
        }
    };
    if name.is_empty() {
        return Some((
            "`name` is empty".to_owned(),
            rename("the name becomes a Rust variant name"),
        ));
    }
    if name == UNKNOWN_VARIANT {
        return Some((
            "`Unknown` is reserved for codes that are not in the table".to_owned(),
            rename("`Code::Unknown` holds every number without an entry"),
        ));
    }
    if KEYWORDS.contains(&name) {
        return Some((
            format!("`{name}` is a Rust keyword and cannot be a variant name"),
            rename("variant names must be identifiers"),
        ));
    }
    let is_identifier = name
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_identifier {
        return Some((
            format!("`{name}` is not a Rust identifier"),
            rename("a name starts with a letter and holds only ASCII letters and digits"),
        ));
    }
    let is_upper_camel_case =
        name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.contains('_');
    if !is_upper_camel_case {
        return Some((
            format!("`{name}` is not UpperCamelCase"),
            rename("variant names start with a capital letter and have no underscores"),
        ));
    }
    None
}

/// `time limit_reached` → `TimeLimitReached`: a suggestion for a name that is not UpperCamelCase.
pub fn upper_camel_case(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    let leading_digits = out.chars().take_while(char::is_ascii_digit).count();
    let out = out[leading_digits..].to_owned();
    if KEYWORDS.contains(&out.as_str()) || out == UNKNOWN_VARIANT {
        String::new()
    } else {
        out
    }
}

fn check_message(message: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let text = &message.value;
    let problem = if text.trim().is_empty() {
        Some((
            "`message` is empty",
            "copy the status message from Tencent's table, e.g. `message = \"TimeLimitReached\"`",
        ))
    } else if text.trim() != text {
        Some((
            "`message` starts or ends with white space",
            "remove the white space: the message is shown after the code, as in `433 TimeLimitReached`",
        ))
    } else if text.chars().any(char::is_control) {
        Some((
            "`message` contains a line break or another control character",
            "write the message on one line: it is shown after the code, as in `433 TimeLimitReached`",
        ))
    } else {
        None
    };
    match problem {
        Some((what, help)) => {
            diagnostics.push(Diagnostic::at(message.span.clone(), what).with_help(help));
            None
        }
        None => Some(text.clone()),
    }
}

fn check_text(
    field: &str,
    text: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    if text.value.trim().is_empty() {
        diagnostics.push(
            Diagnostic::at(text.span.clone(), format!("`{field}` is empty")).with_help(match field
                .strip_prefix("zh.")
            {
                Some(field) => format!(
                    "copy the {field} from Tencent's Chinese table, or remove the line to \
                         show the English {field} in its place"
                ),
                None => format!(
                    "copy the {field} from Tencent's table; write \"-\" where the table has none"
                ),
            }),
        );
        return None;
    }
    Some(text.value.clone())
}

fn check_category(
    category: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'static str, &'static str)> {
    if let Some(&found) = CATEGORIES
        .iter()
        .find(|(spelling, _)| *spelling == category.value)
    {
        return Some(found);
    }
    let allowed = CATEGORIES
        .iter()
        .map(|(spelling, _)| format!("`{spelling}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match closest(
        &category.value,
        CATEGORIES.iter().map(|(spelling, _)| *spelling),
    ) {
        Some(suggestion) => format!("did you mean `{suggestion}`? the categories are {allowed}"),
        None => format!("use one of {allowed}"),
    };
    diagnostics.push(
        Diagnostic::at(
            category.span.clone(),
            format!("unknown category `{}`", category.value),
        )
        .with_help(help),
    );
    None
}

fn check_unique_codes(entries: &[Entry], diagnostics: &mut Vec<Diagnostic>) {
    let mut first: HashMap<i64, &Spanned<i64>> = HashMap::new();
    for code in entries.iter().filter_map(|entry| entry.code.as_ref()) {
        let number = code.value;
        match first.get(&number) {
            Some(earlier) => diagnostics.push(duplicate(
                format!("duplicate code {number}"),
                &code.span,
                format!("code {number} is first used"),
                &earlier.span,
                "give each entry its own code, or merge the two entries",
            )),
            None => {
                first.insert(number, code);
            }
        }
    }
}

/// Names must differ ignoring ASCII case too: `Code::from_str` accepts a name in any case.
fn check_unique_names(entries: &[Entry], diagnostics: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, &Spanned<String>> = HashMap::new();
    for name in entries.iter().filter_map(|entry| entry.name.as_ref()) {
        if name.value.is_empty() {
            continue;
        }
        let key = name.value.to_ascii_lowercase();
        match first.get(&key) {
            Some(earlier) => {
                let what = if earlier.value == name.value {
                    format!("duplicate name `{}`", name.value)
                } else {
                    format!(
                        "duplicate name `{}`: names must differ in more than letter case, and `{}` is taken",
                        name.value, earlier.value
                    )
                };
                diagnostics.push(duplicate(
                    what,
                    &name.span,
                    format!("`{}` is first used", earlier.value),
                    &earlier.span,
                    "give each entry its own name; two codes with one message take names that tell them apart",
                ));
            }
            None => {
                first.insert(key, name);
            }
        }
    }
}

fn duplicate(
    what: String,
    span: &Range<usize>,
    first: String,
    first_span: &Range<usize>,
    help: &str,
) -> Diagnostic {
    Diagnostic::at(span.clone(), what)
        .with_note_at(first, first_span.clone())
        .with_help(help)
}

/// Checks the `[[limit]]` entries: each problem is in [`Section::Limits`].
pub fn validate_limits(limits: &[ast::Limit]) -> Result<Vec<Limit>, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut checked = Vec::new();
    let mut first_name: HashMap<&str, &Spanned<String>> = HashMap::new();
    for limit in limits {
        let name = limit.name.as_ref().and_then(|name| {
            if let Some(earlier) = first_name.get(name.value.as_str()) {
                diagnostics.push(duplicate(
                    format!("duplicate limit name `{}`", name.value),
                    &name.span,
                    format!("`{}` is first used", earlier.value),
                    &earlier.span,
                    "give each limit its own name",
                ));
                return None;
            }
            first_name.insert(&name.value, name);
            check_constant_name(name, &mut diagnostics)
        });
        let unit = limit
            .unit
            .as_ref()
            .and_then(|unit| check_unit(unit, &mut diagnostics));
        let value = match (&limit.value, unit) {
            (Some(value), Some(unit)) => check_limit_value(value, unit, &mut diagnostics),
            _ => None,
        };
        let description = limit
            .description
            .as_ref()
            .and_then(|text| check_text("description", text, &mut diagnostics));
        if let (Some(name), Some(value), Some(unit), Some(description)) =
            (name, value, unit, description)
        {
            checked.push(Limit {
                name,
                value,
                unit,
                description,
            });
        }
    }
    for diagnostic in &mut diagnostics {
        diagnostic.section = Section::Limits;
    }
    if diagnostics.is_empty() {
        Ok(checked)
    } else {
        Err(diagnostics)
    }
}

fn check_constant_name(
    name: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let text = &name.value;
    if is_constant_name(text) {
        return Some(text.clone());
    }
    // `syncEventMax` → `SYNC_EVENT_MAX`: a word boundary where a capital follows a small letter.
    let mut suggestion = String::new();
    let mut previous_lowercase = false;
    for c in text.chars() {
        if c.is_ascii_uppercase() && previous_lowercase {
            suggestion.push('_');
        }
        previous_lowercase = c.is_ascii_lowercase() || c.is_ascii_digit();
        suggestion.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_uppercase()
        } else {
            '_'
        });
    }
    diagnostics.push(
        Diagnostic::at(name.span.clone(), format!("`{text}` is not a SCREAMING_SNAKE_CASE constant name"))
            .with_help(format!(
                "a limit becomes a Rust constant: capital letters, digits and underscores, starting with a letter, e.g. `name = \"{}\"`",
                if suggestion.starts_with(|c: char| c.is_ascii_uppercase()) { suggestion.as_str() } else { "SYNC_EVENT_MAX_BYTES" }
            )),
    );
    None
}

/// Whether `text` is a SCREAMING_SNAKE_CASE identifier: a capital letter, then capitals, digits
/// and underscores.
pub fn is_constant_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn check_unit(unit: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) -> Option<ast::Unit> {
    if let Some(found) = UNITS.iter().find(|known| known.spelling == unit.value) {
        return Some(*found);
    }
    let allowed = UNITS
        .iter()
        .map(|unit| format!("`{}`", unit.spelling))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match closest(&unit.value, UNITS.iter().map(|unit| unit.spelling)) {
        Some(suggestion) => format!("did you mean `{suggestion}`? the units are {allowed}"),
        None => format!("use one of {allowed}"),
    };
    diagnostics.push(
        Diagnostic::at(unit.span.clone(), format!("unknown unit `{}`", unit.value)).with_help(help),
    );
    None
}

fn check_limit_value(
    value: &Spanned<i64>,
    unit: ast::Unit,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u64> {
    match u64::try_from(value.value).ok() {
        Some(number) if number <= unit.max => Some(number),
        _ => {
            diagnostics.push(
                Diagnostic::at(
                    value.span.clone(),
                    format!(
                        "limit value {} does not fit the unit `{}`",
                        value.value, unit.spelling
                    ),
                )
                .with_help(format!(
                    "a value in `{}` is a whole number from 0 to {}",
                    unit.spelling, unit.max
                )),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse as parse_document;

    const ENTRY: &str = "[[code]]\ncode = 433\nname = \"TimeLimitReached\"\nmessage = \"TimeLimitReached\"\n\
                         description = \"d\"\nsolution = \"s\"\ncategory = \"function\"\n";

    fn check(text: &str) -> Result<Table, Vec<String>> {
        let (document, parse_diagnostics) = parse_document(text);
        assert_eq!(parse_diagnostics, vec![], "the input is meant to parse");
        validate(&document, false)
            .map_err(|diagnostics| diagnostics.into_iter().map(|d| d.message).collect())
    }

    fn with(field: &str, value: &str) -> String {
        ENTRY
            .lines()
            .map(|line| {
                if line.starts_with(&format!("{field} =")) {
                    format!("{field} = {value}\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect()
    }

    #[test]
    fn a_valid_entry_becomes_a_code() {
        let table = check(ENTRY).unwrap();
        assert_eq!(table.codes.len(), 1);
        let code = &table.codes[0];
        assert_eq!(
            (code.code, code.name.as_str(), code.category),
            (433, "TimeLimitReached", "Function")
        );
        assert!(!code.retryable && !code.triggers_repossession);
    }

    #[test]
    fn codes_come_out_ascending_whatever_the_file_order() {
        let text = format!(
            "{}{}",
            with("code", "500").replace("TimeLimitReached\"\nmessage", "InternalError\"\nmessage"),
            ENTRY
        );
        let table = check(&text).unwrap();
        let numbers: Vec<u16> = table.codes.iter().map(|code| code.code).collect();
        assert_eq!(numbers, [433, 500]);
    }

    #[test]
    fn codes_outside_three_digits_are_rejected() {
        for value in ["0", "70000", "-1", "99", "1000", "9223372036854775807"] {
            assert_eq!(
                check(&with("code", value)),
                Err(vec![format!("code {value} is outside 100..=999")])
            );
        }
        assert!(check(&with("code", "100")).is_ok());
        assert!(check(&with("code", "999")).is_ok());
    }

    #[test]
    fn names_that_are_not_upper_camel_case_identifiers_are_rejected() {
        let cases = [
            ("\"Time Limit\"", "`Time Limit` is not a Rust identifier"),
            ("\"9Lives\"", "`9Lives` is not a Rust identifier"),
            (
                "\"Self\"",
                "`Self` is a Rust keyword and cannot be a variant name",
            ),
            (
                "\"match\"",
                "`match` is a Rust keyword and cannot be a variant name",
            ),
            (
                "\"Unknown\"",
                "`Unknown` is reserved for codes that are not in the table",
            ),
            ("\"timeLimit\"", "`timeLimit` is not UpperCamelCase"),
            ("\"Time_Limit\"", "`Time_Limit` is not UpperCamelCase"),
            ("\"Délai\"", "`Délai` is not a Rust identifier"),
            ("\"\"", "`name` is empty"),
        ];
        for (value, message) in cases {
            assert_eq!(
                check(&with("name", value)),
                Err(vec![message.to_owned()]),
                "{value}"
            );
        }
    }

    #[test]
    fn a_bad_name_gets_an_upper_camel_case_suggestion() {
        assert_eq!(
            name_problem("time limit").unwrap().1,
            "a name starts with a letter and holds only ASCII letters and digits; for example `name = \"TimeLimit\"`"
        );
        assert_eq!(upper_camel_case("9Lives"), "Lives");
    }

    #[test]
    fn empty_or_untrimmed_messages_are_rejected() {
        assert_eq!(
            check(&with("message", "\"\"")),
            Err(vec!["`message` is empty".to_owned()])
        );
        assert_eq!(
            check(&with("message", "\"  \"")),
            Err(vec!["`message` is empty".to_owned()])
        );
        assert_eq!(
            check(&with("message", "\"MemoryLimitReached \"")),
            Err(vec!["`message` starts or ends with white space".to_owned()])
        );
        assert_eq!(
            check(&with("message", "\"two\\nlines\"")),
            Err(vec![
                "`message` contains a line break or another control character".to_owned()
            ])
        );
    }

    #[test]
    fn empty_description_and_solution_are_rejected() {
        assert_eq!(
            check(&with("description", "\"\"")),
            Err(vec!["`description` is empty".to_owned()])
        );
        assert_eq!(
            check(&with("solution", "\"\"")),
            Err(vec!["`solution` is empty".to_owned()])
        );
    }

    #[test]
    fn chinese_texts_are_checked_into_the_code_and_may_be_absent() {
        let zh = format!("{ENTRY}[code.zh]\ndescription = \"说明\"\n");
        let code = check(&zh).unwrap().codes.remove(0);
        assert_eq!(code.zh_description.as_deref(), Some("说明"));
        assert_eq!(code.zh_solution, None);
        assert_eq!(check(ENTRY).unwrap().codes[0].zh_description, None);
    }

    #[test]
    fn empty_chinese_texts_are_rejected() {
        for field in ["description", "solution"] {
            let text = format!("{ENTRY}[code.zh]\n{field} = \" \"\n");
            assert_eq!(check(&text), Err(vec![format!("`zh.{field}` is empty")]));
        }
    }

    #[test]
    fn an_unknown_category_lists_the_categories() {
        let (document, _) = parse_document(&with("category", "\"functoin\""));
        let diagnostics = validate(&document, false).unwrap_err();
        assert_eq!(diagnostics[0].message, "unknown category `functoin`");
        let help = diagnostics[0].help.as_deref().unwrap();
        assert!(help.starts_with("did you mean `function`?"), "{help}");
        assert!(help.contains("`throttling`"), "{help}");
    }

    #[test]
    fn a_duplicate_code_names_both_places() {
        let second = ENTRY.replace("TimeLimitReached\"\nmessage", "Other\"\nmessage");
        let text = format!("{ENTRY}{second}");
        let (document, _) = parse_document(&text);
        let diagnostics = validate(&document, false).unwrap_err();
        assert_eq!(diagnostics.len(), 1);
        let rendered = diagnostics[0].render("codes.toml", &text);
        assert!(
            rendered.starts_with("duplicate code 433\n --> codes.toml:9:8"),
            "{rendered}"
        );
        assert!(
            rendered.contains("note: code 433 is first used at codes.toml:2:8"),
            "{rendered}"
        );
    }

    #[test]
    fn names_that_differ_only_in_case_are_duplicates() {
        let second = ENTRY
            .replace("code = 433", "code = 434")
            .replace("name = \"TimeLimitReached\"", "name = \"TIMELimitReached\"");
        let errors = check(&format!("{ENTRY}{second}")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(
                "duplicate name `TIMELimitReached`: names must differ in more than letter case"
            ),
            "{errors:?}"
        );
        let exact = ENTRY.replace("code = 433", "code = 434");
        assert_eq!(
            check(&format!("{ENTRY}{exact}")).unwrap_err(),
            ["duplicate name `TimeLimitReached`"]
        );
    }

    const LIMIT: &str = "[[limit]]\nname = \"SYNC_EVENT_MAX_BYTES\"\nvalue = 6291456\nunit = \"bytes\"\ndescription = \"d\"\n";

    fn limits(text: &str) -> Result<Vec<Limit>, Vec<String>> {
        let (document, diagnostics) = parse_document(text);
        assert_eq!(diagnostics, vec![], "the input is meant to parse");
        validate_limits(&document.limits).map_err(|diagnostics| {
            assert!(diagnostics.iter().all(|d| d.section == Section::Limits));
            diagnostics.into_iter().map(|d| d.message).collect()
        })
    }

    #[test]
    fn a_valid_limit_is_checked_into_its_unit() {
        let checked = limits(LIMIT).unwrap();
        assert_eq!(
            (
                checked[0].name.as_str(),
                checked[0].value,
                checked[0].unit.rust_type
            ),
            ("SYNC_EVENT_MAX_BYTES", 6_291_456, "u64")
        );
    }

    #[test]
    fn bad_limits_are_each_reported() {
        assert_eq!(
            limits(&LIMIT.replace("SYNC_EVENT_MAX_BYTES", "syncEvent")),
            Err(vec![
                "`syncEvent` is not a SCREAMING_SNAKE_CASE constant name".to_owned()
            ])
        );
        assert_eq!(
            limits(&LIMIT.replace("\"bytes\"", "\"byte\"")),
            Err(vec!["unknown unit `byte`".to_owned()])
        );
        assert_eq!(
            limits(&LIMIT.replace("6291456", "-1")),
            Err(vec![
                "limit value -1 does not fit the unit `bytes`".to_owned()
            ])
        );
        let port = LIMIT
            .replace("6291456", "70000")
            .replace("\"bytes\"", "\"port\"");
        assert_eq!(
            limits(&port),
            Err(vec![
                "limit value 70000 does not fit the unit `port`".to_owned()
            ])
        );
        assert_eq!(
            limits(&format!("{LIMIT}{LIMIT}")),
            Err(vec![
                "duplicate limit name `SYNC_EVENT_MAX_BYTES`".to_owned()
            ])
        );
        assert_eq!(
            limits(&LIMIT.replace("\"d\"", "\"\"")),
            Err(vec!["`description` is empty".to_owned()])
        );
    }

    #[test]
    fn a_file_without_entries_is_rejected() {
        assert_eq!(
            check("# nothing here\n").unwrap_err(),
            ["no status codes: the file has no `[[code]]` entries"]
        );
        assert_eq!(
            check("").unwrap_err(),
            ["no status codes: the file has no `[[code]]` entries"]
        );
    }

    #[test]
    fn independent_errors_are_all_reported_in_one_pass() {
        let text = format!(
            "{}{}",
            with("code", "70000"),
            with("category", "\"nope\"")
                .replace("TimeLimitReached\"\nmessage", "Second\"\nmessage")
        );
        let errors = check(&text).unwrap_err();
        assert_eq!(
            errors,
            ["code 70000 is outside 100..=999", "unknown category `nope`"]
        );
    }
}
