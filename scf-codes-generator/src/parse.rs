//! TOML text to `ast::Document`: syntax, the shape of the document, field names and field types.

use std::ops::Range;

use toml_span::value::{Key, Table, Value};
use toml_span::{Error as TomlError, ErrorKind};

use crate::ast::{Document, Entry, FIELDS, Field, FieldType, LIMIT_FIELDS, Limit, Spanned};
use crate::diagnostic::{Diagnostic, Section};
use crate::suggest::closest;

/// Parses a codes file. Every problem found is returned; an entry with a problem is still kept,
/// without the fields that could not be read, so that later checks can report what else is wrong.
///
/// When the TOML itself is malformed there is no document, and only the syntax error is
/// reported: the parser stops at the first one.
pub fn parse(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
    let root = match toml_span::parse(text) {
        Ok(root) => root,
        Err(error) => return (None, vec![syntax_error(text, &error)]),
    };
    let mut diagnostics = Vec::new();
    let mut document = Document::default();
    // The parser returns a table for every document; an empty one has no entries.
    let empty = Table::new();
    // Tables are sorted by key: entries are visited by key, and their own order is kept.
    for (key, value) in root.as_table().unwrap_or(&empty) {
        let key_text: &str = &key.name;
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

/// [`parse`], remembering the last text parsed: `#[codes]`, `code_table!` and `limits!` read the
/// same file in one compilation, and parsing it once is enough.
pub fn parse_once(text: &str) -> (Option<Document>, Vec<Diagnostic>) {
    type Parsed = (String, (Option<Document>, Vec<Diagnostic>));
    static LAST: std::sync::Mutex<Option<Parsed>> = std::sync::Mutex::new(None);
    // A poisoned lock only means another parse panicked; the cache is still just a cache.
    let mut last = LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((cached_text, parsed)) = last.as_ref() {
        if cached_text == text {
            return parsed.clone();
        }
    }
    let parsed = parse(text);
    *last = Some((text.to_owned(), parsed.clone()));
    parsed
}

/// Like [`parse`], with an empty document where the TOML is malformed: for tests.
#[cfg(test)]
pub fn parse_document(text: &str) -> (Document, Vec<Diagnostic>) {
    let (document, diagnostics) = parse(text);
    (document.unwrap_or_default(), diagnostics)
}

fn range(span: toml_span::Span) -> Range<usize> {
    span.start..span.end
}

/// The tables of `key = [...]` written as `[[key]]`; anything else is reported.
fn array_of_tables<'a, 'i>(
    key: &str,
    value: &'a Value<'i>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(&'a Table<'i>, Range<usize>)> {
    let Some(items) = value.as_array() else {
        diagnostics.push(not_an_array_of_tables(key, range(value.span), value));
        return Vec::new();
    };
    let mut tables = Vec::new();
    for item in items {
        match item.as_table() {
            Some(table) => tables.push((table, range(item.span))),
            None => diagnostics.push(not_an_array_of_tables(key, range(item.span), item)),
        }
    }
    tables
}

fn syntax_error(text: &str, error: &TomlError) -> Diagnostic {
    // The parser may report a span at the very end of the file; keep it inside the text.
    let start = error.span.start.min(text.len());
    let end = error.span.end.clamp(start, text.len());
    let diagnostic = Diagnostic::at(start..end, format!("TOML syntax error: {error}"));
    let diagnostic = match &error.kind {
        ErrorKind::DuplicateKey { first, .. } | ErrorKind::DuplicateTable { first, .. } => {
            diagnostic.with_note_at("first defined", range(*first))
        }
        _ => diagnostic,
    };
    diagnostic.with_help(
        "fix the TOML syntax at this place; each entry is a `[[code]]` table of `key = value` lines",
    )
}

fn unknown_top_level_key(key: &Key<'_>) -> Diagnostic {
    Diagnostic::at(
        range(key.span),
        format!("unknown top-level key `{}`", key.name),
    )
    .with_help(
        "a codes file holds only `[[code]]` and `[[limit]]` entries; remove this key or rename it",
    )
}

fn not_an_array_of_tables(key: &str, span: Range<usize>, value: &Value<'_>) -> Diagnostic {
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

fn parse_entry(table: &Table<'_>, span: Range<usize>, diagnostics: &mut Vec<Diagnostic>) -> Entry {
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

fn parse_limit(table: &Table<'_>, span: Range<usize>, diagnostics: &mut Vec<Diagnostic>) -> Limit {
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
    table: &Table<'_>,
    span: Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
    mut store: impl FnMut(&str, Typed<'_, '_>),
) -> Range<usize> {
    // The span of an entry is its whole table; its problems are reported at its first line.
    let header = span.start..span.end.min(span.start + kind.len() + 4);
    for (key, value) in table {
        let key_text: &str = &key.name;
        match fields.iter().find(|field| field.name == key_text) {
            Some(field) => store(
                key_text,
                Typed {
                    field,
                    value,
                    diagnostics: &mut *diagnostics,
                },
            ),
            None => diagnostics.push(unknown_field(kind, fields, key_text, range(key.span))),
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
    value: &'a Value<'i>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Typed<'_, '_> {
    fn spanned<T>(&mut self, value: Option<T>) -> Option<Spanned<T>> {
        match value {
            Some(value) => Some(Spanned {
                value,
                span: range(self.value.span),
            }),
            None => {
                self.diagnostics
                    .push(wrong_type(self.field, range(self.value.span), self.value));
                None
            }
        }
    }

    fn integer(&mut self) -> Option<Spanned<i64>> {
        let integer = self.value.as_integer();
        self.spanned(integer)
    }

    fn string(&mut self) -> Option<Spanned<String>> {
        let string = self.value.as_str().map(str::to_owned);
        self.spanned(string)
    }

    fn boolean(&mut self) -> Option<Spanned<bool>> {
        let flag = self.value.as_bool();
        self.spanned(flag)
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

fn wrong_type(field: &Field, span: Range<usize>, found: &Value<'_>) -> Diagnostic {
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
    let help = match (field.ty, found.as_str()) {
        (FieldType::Integer, Some(text)) if text.trim().parse::<i64>().is_ok() => {
            format!(
                "write the number without quotes: `{} = {}`",
                field.name,
                text.trim()
            )
        }
        (FieldType::Boolean, Some(text)) if matches!(text.trim(), "true" | "false") => {
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

fn describe(value: &Value<'_>) -> &'static str {
    if value.as_str().is_some() {
        "a string"
    } else if value.as_integer().is_some() {
        "an integer"
    } else if value.as_float().is_some() {
        "a float"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.as_array().is_some() {
        "an array"
    } else {
        "a table"
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
        assert_eq!(code.value, 433);
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
            .map(|entry| entry.code.as_ref().unwrap().value)
            .collect();
        assert_eq!(codes, [500, 200]);
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
    fn parse_once_gives_what_parse_gives() {
        for text in [
            "[[code]]\ncode = 433\n",
            "[[code]]\nname = \"unterminated\n",
            "",
            "[[code]]\ncode = 433\n",
        ] {
            assert_eq!(parse_once(text), parse(text));
        }
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
    fn an_integer_beyond_i64_is_a_syntax_error_at_the_number() {
        let (document, diagnostics) = parse("[[code]]\ncode = 99999999999999999999\n");
        assert_eq!(document, None);
        assert_eq!(diagnostics[0].message, "TOML syntax error: invalid number");
        assert_eq!(diagnostics[0].span, Some(16..36));
    }

    #[test]
    fn a_duplicate_key_names_the_first_one() {
        let text = "[[code]]\ncode = 433\ncode = 434\n";
        let (_, diagnostics) = parse(text);
        let rendered = diagnostics[0].render("codes.toml", text);
        assert!(
            rendered.starts_with("TOML syntax error: duplicate key: `code`\n --> codes.toml:3:1"),
            "{rendered}"
        );
        assert!(
            rendered.contains("note: first defined at codes.toml:2:1"),
            "{rendered}"
        );
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
