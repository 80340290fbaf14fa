//! TOML text to `ast::Document`: syntax, the shape of the document, field names and field types.

use std::ops::Range;

use toml::Spanned as TomlSpanned;
use toml::de::{DeTable, DeValue};

use crate::ast::{
    Document, Entry, FIELDS, Field, FieldType, Integer, LIMIT_FIELDS, Limit, Spanned,
};
use crate::diagnostic::{Diagnostic, Section};
use crate::suggest::closest;

/// Parses a codes file. Every problem found is returned; an entry with a problem is still kept,
/// without the fields that could not be read, so that later checks can report what else is wrong.
///
/// When the TOML itself is malformed there is no document, and only the syntax errors are
/// reported: what the parser recovered around them would produce misleading follow-on errors.
pub fn parse(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let diagnostics = syntax_errors
            .iter()
            .map(|error| syntax_error(text, error))
            .collect();
        return (None, diagnostics);
    }

    let mut diagnostics = Vec::new();
    let mut document = Document::default();
    for (key, value) in root.get_ref().iter() {
        let key_text: &str = key.get_ref();
        let section = match key_text {
            "code" => Section::Codes,
            "limit" => Section::Limits,
            _ => {
                diagnostics.push(unknown_top_level_key(key));
                continue;
            }
        };
        let before = diagnostics.len();
        for (table, span) in array_of_tables(key_text, value, &mut diagnostics) {
            match section {
                Section::Limits => document
                    .limits
                    .push(parse_limit(table, span, &mut diagnostics)),
                _ => document
                    .entries
                    .push(parse_entry(table, span, &mut diagnostics)),
            }
        }
        for diagnostic in &mut diagnostics[before..] {
            diagnostic.section = section;
        }
    }
    (Some(document), diagnostics)
}

/// Like [`parse`], with an empty document where the TOML is malformed: for tests.
#[cfg(test)]
pub fn parse_document(text: &str) -> (Document, Vec<Diagnostic>) {
    let (document, diagnostics) = parse(text);
    (document.unwrap_or_default(), diagnostics)
}

/// The tables of `key = [...]` written as `[[key]]`; anything else is reported.
fn array_of_tables<'a, 'i>(
    key: &str,
    value: &'a TomlSpanned<DeValue<'i>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
    let DeValue::Array(items) = value.get_ref() else {
        diagnostics.push(not_an_array_of_tables(key, value.span(), value.get_ref()));
        return Vec::new();
    };
    let mut tables = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::Table(table) => tables.push((table, item.span())),
            other => diagnostics.push(not_an_array_of_tables(key, item.span(), other)),
        }
    }
    tables
}

fn syntax_error(text: &str, error: &toml::de::Error) -> Diagnostic {
    // The parser may report a span at the very end of the file; keep it inside the text.
    let span = error.span().unwrap_or(0..0);
    let start = span.start.min(text.len());
    let message = error.message().trim_end();
    let (headline, detail) = match message.split_once('\n') {
        Some((headline, detail)) => (headline, Some(detail.trim())),
        None => (message, None),
    };
    let diagnostic = Diagnostic::at(
        start..span.end.max(start),
        format!("TOML syntax error: {headline}"),
    );
    let diagnostic = match detail {
        Some(detail) if !detail.is_empty() => diagnostic.with_note(detail.replace('\n', " ")),
        _ => diagnostic,
    };
    diagnostic.with_help(
        "fix the TOML syntax at this place; each entry is a `[[code]]` table of `key = value` lines",
    )
}

fn unknown_top_level_key(key: &TomlSpanned<std::borrow::Cow<'_, str>>) -> Diagnostic {
    Diagnostic::at(
        key.span(),
        format!("unknown top-level key `{}`", key.get_ref()),
    )
    .with_help(
        "a codes file holds only `[[code]]` and `[[limit]]` entries; remove this key or rename it",
    )
}

fn not_an_array_of_tables(key: &str, span: Range<usize>, value: &DeValue<'_>) -> Diagnostic {
    Diagnostic::at(
        span,
        format!(
            "`{key}` must be an array of tables, found {}",
            describe(value)
        ),
    )
    .with_help(format!(
        "write each entry as a table that starts with a `[[{key}]]` line"
    ))
}

fn parse_entry(
    table: &DeTable<'_>,
    span: Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Entry {
    let mut entry = Entry::default();
    entry.span = read_fields(
        "code",
        FIELDS,
        table,
        span,
        diagnostics,
        |name, mut typed| {
            match name {
                "code" => entry.code = typed.integer(),
                "name" => entry.name = typed.string(),
                "message" => entry.message = typed.string(),
                "description" => entry.description = typed.string(),
                "solution" => entry.solution = typed.string(),
                "category" => entry.category = typed.string(),
                "retryable" => entry.retryable = typed.boolean(),
                // The last field of FIELDS; a test checks that every field is read.
                _ => entry.triggers_repossession = typed.boolean(),
            }
        },
    );
    entry
}

fn parse_limit(
    table: &DeTable<'_>,
    span: Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Limit {
    let mut limit = Limit::default();
    limit.span = read_fields(
        "limit",
        LIMIT_FIELDS,
        table,
        span,
        diagnostics,
        |name, mut typed| {
            match name {
                "name" => limit.name = typed.string(),
                "value" => limit.value = typed.integer(),
                "unit" => limit.unit = typed.string(),
                // The last field of LIMIT_FIELDS; a test checks that every field is read.
                _ => limit.description = typed.string(),
            }
        },
    );
    limit
}

/// Hands each field of a `[[kind]]` table that `fields` knows to `store`, typed, and reports
/// unknown and missing fields. Returns the span of the `[[kind]]` header.
fn read_fields(
    kind: &str,
    fields: &'static [Field],
    table: &DeTable<'_>,
    span: Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
    mut store: impl FnMut(&str, Typed<'_, '_>),
) -> Range<usize> {
    // The span of an entry is its whole table; its problems are reported at its first line.
    let header = span.start..span.end.min(span.start + kind.len() + 4);
    for (key, value) in table.iter() {
        let key_text: &str = key.get_ref();
        match fields.iter().find(|field| field.name == key_text) {
            Some(field) => store(
                key_text,
                Typed {
                    field,
                    value,
                    diagnostics: &mut *diagnostics,
                },
            ),
            None => diagnostics.push(unknown_field(kind, fields, key_text, key.span())),
        }
    }
    for field in fields.iter().filter(|field| field.required) {
        if !table.contains_key(field.name) {
            diagnostics.push(missing_field(kind, field, header.clone()));
        }
    }
    header
}

/// One field's value, read as the type the field takes, or reported as the wrong type.
struct Typed<'a, 'i> {
    field: &'static Field,
    value: &'a TomlSpanned<DeValue<'i>>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Typed<'_, '_> {
    fn integer(&mut self) -> Option<Spanned<Integer>> {
        match self.value.get_ref() {
            DeValue::Integer(integer) => Some(Spanned {
                value: Integer {
                    value: i64::from_str_radix(integer.as_str(), integer.radix()).ok(),
                    literal: integer.as_str().to_owned(),
                },
                span: self.value.span(),
            }),
            other => self.wrong(other),
        }
    }

    fn string(&mut self) -> Option<Spanned<String>> {
        match self.value.get_ref() {
            DeValue::String(text) => Some(Spanned {
                value: text.to_string(),
                span: self.value.span(),
            }),
            other => self.wrong(other),
        }
    }

    fn boolean(&mut self) -> Option<Spanned<bool>> {
        match self.value.get_ref() {
            DeValue::Boolean(flag) => Some(Spanned {
                value: *flag,
                span: self.value.span(),
            }),
            other => self.wrong(other),
        }
    }

    fn wrong<T>(&mut self, found: &DeValue<'_>) -> Option<T> {
        self.diagnostics
            .push(wrong_type(self.field, self.value.span(), found));
        None
    }
}

fn unknown_field(kind: &str, fields: &[Field], key: &str, span: Range<usize>) -> Diagnostic {
    let allowed = fields
        .iter()
        .map(|field| format!("`{}`", field.name))
        .collect::<Vec<_>>()
        .join(", ");
    let diagnostic = Diagnostic::at(
        span,
        format!("unknown field `{key}` in a `[[{kind}]]` entry"),
    )
    .with_note(format!("the fields of an entry are {allowed}"));
    match closest(key, fields.iter().map(|field| field.name)) {
        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
        None => diagnostic.with_help("remove this field, or rename it to one of the fields above"),
    }
}

fn missing_field(kind: &str, field: &Field, header: Range<usize>) -> Diagnostic {
    let example = match field.ty {
        FieldType::Integer => "433",
        FieldType::String => "\"...\"",
        FieldType::Boolean => "true",
    };
    Diagnostic::at(
        header,
        format!("missing field `{}` in this `[[{kind}]]` entry", field.name),
    )
    .with_help(format!(
        "add a line `{} = {example}` to the entry",
        field.name
    ))
}

fn wrong_type(field: &Field, span: Range<usize>, found: &DeValue<'_>) -> Diagnostic {
    let expected = match field.ty {
        FieldType::Integer => "an integer",
        FieldType::String => "a string",
        FieldType::Boolean => "a boolean (`true` or `false`)",
    };
    let diagnostic = Diagnostic::at(
        span,
        format!(
            "`{}` must be {expected}, found {}",
            field.name,
            describe(found)
        ),
    );
    let help = match (field.ty, found) {
        (FieldType::Integer, DeValue::String(text)) if text.trim().parse::<i64>().is_ok() => {
            format!(
                "write the number without quotes: `{} = {}`",
                field.name,
                text.trim()
            )
        }
        (FieldType::Boolean, DeValue::String(text)) if matches!(text.trim(), "true" | "false") => {
            format!(
                "write the boolean without quotes: `{} = {}`",
                field.name,
                text.trim()
            )
        }
        (FieldType::String, _) => format!("put the value in quotes: `{} = \"...\"`", field.name),
        (FieldType::Integer, _) => format!("write a whole number: `{} = 433`", field.name),
        (FieldType::Boolean, _) => {
            format!("write `{} = true` or `{} = false`", field.name, field.name)
        }
    };
    diagnostic.with_help(help)
}

fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        parse(text).1.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_complete_entry_reads_every_field_with_its_span() {
        let text = "[[code]]\ncode = 433\nname = \"TimeLimitReached\"\nmessage = \"m\"\n\
                    description = \"d\"\nsolution = \"s\"\ncategory = \"function\"\nretryable = true\n";
        let (document, diagnostics) = parse_document(text);
        assert_eq!(diagnostics, vec![]);
        let entry = &document.entries[0];
        let code = entry.code.as_ref().unwrap();
        assert_eq!(code.value.value, Some(433));
        assert_eq!(&text[code.span.clone()], "433");
        assert_eq!(entry.name.as_ref().unwrap().value, "TimeLimitReached");
        assert!(entry.retryable.as_ref().unwrap().value);
        assert_eq!(entry.triggers_repossession, None);
        assert_eq!(&text[entry.span.clone()], "[[code]]");
    }

    #[test]
    fn every_field_is_read_into_its_own_place() {
        let text = "[[code]]\ncode = 1\nname = \"n\"\nmessage = \"m\"\ndescription = \"d\"\n\
                    solution = \"s\"\ncategory = \"c\"\nretryable = true\ntriggers_repossession = false\n";
        let (document, diagnostics) = parse_document(text);
        assert_eq!(diagnostics, vec![]);
        let entry = &document.entries[0];
        let strings = [
            &entry.name,
            &entry.message,
            &entry.description,
            &entry.solution,
            &entry.category,
        ];
        let read: Vec<_> = strings
            .iter()
            .map(|s| s.as_ref().unwrap().value.as_str())
            .collect();
        assert_eq!(read, ["n", "m", "d", "s", "c"]);
        assert!(entry.retryable.as_ref().unwrap().value);
        assert!(!entry.triggers_repossession.as_ref().unwrap().value);
        assert_eq!(
            FIELDS.len(),
            8,
            "a new field needs a place in `parse_entry` and `Entry`"
        );
    }

    #[test]
    fn entries_keep_the_order_of_the_file() {
        let (document, _) = parse_document("[[code]]\ncode = 500\n[[code]]\ncode = 200\n");
        let codes: Vec<_> = document
            .entries
            .iter()
            .map(|entry| entry.code.as_ref().unwrap().value.value)
            .collect();
        assert_eq!(codes, [Some(500), Some(200)]);
    }

    #[test]
    fn a_syntax_error_is_the_only_kind_reported() {
        let found = messages("[[code]]\ncode = 433\nname = \"unterminated\n");
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|m| m.starts_with("TOML syntax error")),
            "{found:?}"
        );
    }

    #[test]
    fn malformed_toml_gives_no_document() {
        let (document, diagnostics) = parse("[[code]]\nname = \"unterminated\n");
        assert_eq!(document, None);
        assert!(!diagnostics.is_empty());
        assert!(parse("").0.is_some());
    }

    #[test]
    fn a_quoted_number_is_a_wrong_type_with_a_fix() {
        let (_, diagnostics) = parse_document("[[code]]\ncode = \"433\"\n");
        let wrong = diagnostics
            .iter()
            .find(|d| d.message.contains("must be an integer"))
            .unwrap();
        assert_eq!(wrong.message, "`code` must be an integer, found a string");
        assert_eq!(
            wrong.help.as_deref(),
            Some("write the number without quotes: `code = 433`")
        );
    }

    #[test]
    fn a_misspelt_field_is_unknown_and_the_closest_field_is_suggested() {
        let (_, diagnostics) = parse_document("[[code]]\nmesage = \"x\"\n");
        let unknown = &diagnostics[0];
        assert_eq!(
            unknown.message,
            "unknown field `mesage` in a `[[code]]` entry"
        );
        assert_eq!(unknown.help.as_deref(), Some("did you mean `message`?"));
        assert!(unknown.notes[0].text.contains("`triggers_repossession`"));
    }

    #[test]
    fn every_missing_required_field_is_reported_at_the_header() {
        let text = "[[code]]\ncode = 433\n";
        let (_, diagnostics) = parse_document(text);
        let missing: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            missing,
            [
                "missing field `name` in this `[[code]]` entry",
                "missing field `message` in this `[[code]]` entry",
                "missing field `description` in this `[[code]]` entry",
                "missing field `solution` in this `[[code]]` entry",
                "missing field `category` in this `[[code]]` entry",
            ]
        );
        assert!(diagnostics.iter().all(|d| d.span == Some(0..8)));
    }

    #[test]
    fn an_integer_beyond_i64_is_kept_without_a_value() {
        let (document, _) = parse_document("[[code]]\ncode = 99999999999999999999\n");
        let code = document.entries[0].code.as_ref().unwrap();
        assert_eq!(code.value.value, None);
        assert_eq!(code.value.literal, "99999999999999999999");
    }

    #[test]
    fn other_top_level_keys_and_shapes_are_rejected() {
        assert_eq!(messages("codes = 1\n"), ["unknown top-level key `codes`"]);
        assert_eq!(
            messages("code = 1\n"),
            ["`code` must be an array of tables, found an integer"]
        );
        assert_eq!(
            messages("code = [1]\n"),
            ["`code` must be an array of tables, found an integer"]
        );
    }
}
