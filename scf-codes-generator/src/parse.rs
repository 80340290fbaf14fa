//! TOML text to `ast::Document`: syntax, the shape of the document, field names and field types.
//!
//! The parser is toml's recoverable one: it reads past each syntax error and returns every error
//! with what it could read. A field on a line with a syntax error is left unread, without more
//! errors of its own, so that each mistake is reported once.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::ast::{
    Document, Entry, FIELDS, Field, FieldType, LIMIT_FIELDS, Limit, Spanned, Translation, ZH_FIELDS,
};
use crate::diagnostic::{Diagnostic, Section};
use crate::suggest::closest;

/// Parses a codes file. Every problem found is returned: each independent TOML syntax error, and
/// the problems of what could be read around them. An entry with a problem is still kept,
/// without the fields that could not be read, so that later checks can report what else is wrong.
pub fn parse(text: &str) -> (Document, Vec<Diagnostic>) {
    let (root, errors) = DeTable::parse_recoverable(text);
    let syntax = SyntaxErrors::new(text, &errors);
    let mut diagnostics = syntax.diagnostics(text, &errors, root.get_ref());
    let mut document = Document {
        malformed: !errors.is_empty(),
        ..Document::default()
    };
    let regions = Regions::new(root.get_ref(), text.len());
    for (key, value) in root.get_ref().iter() {
        // A key read from a line with a syntax error is part of that error.
        if syntax.touches(key.span()) {
            continue;
        }
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
        for table in array_of_tables(key_text, value, &mut diagnostics) {
            let entry = Fields {
                table: table.get_ref(),
                header: table.span(),
                syntax: &syntax,
                damaged: syntax.touches(regions.of(table.span())),
            };
            match section {
                Section::Limits => document.limits.push(parse_limit(&entry, &mut diagnostics)),
                _ => document.entries.push(parse_entry(&entry, &mut diagnostics)),
            }
        }
        for diagnostic in &mut diagnostics[before..] {
            diagnostic.section = section;
        }
    }
    (document, diagnostics)
}

/// [`parse`], remembering the last text parsed: `#[codes]`, `code_table!` and `limits!` read the
/// same file in one compilation, and parsing it once is enough.
pub fn parse_once(text: &str) -> (Document, Vec<Diagnostic>) {
    type Parsed = (String, (Document, Vec<Diagnostic>));
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

/// A codes file with every header line that holds a syntax error but names an entry (`[[code]`,
/// `[[code]]]`, `[[ limit ]`) written as the header it was meant to be. toml's parser drops a
/// table whose header is broken, fields and all: the repaired text is read for what is under such
/// a header, its problems and its variant. Every other line is as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    pub text: String,
    /// Each repaired header line in the text as written, without its line break, and the
    /// length of the header written in its place; in the order of the file.
    headers: Vec<(Range<usize>, usize)>,
    /// Each repaired entry in the text as written: its header line to the next header.
    pub entries: Vec<Range<usize>>,
}

impl Repaired {
    /// Reads past broken entry headers; `None` when no header needs repair.
    pub fn new(text: &str) -> Option<Repaired> {
        let (_, errors) = DeTable::parse_recoverable(text);
        if errors.is_empty() {
            return None;
        }
        let syntax = SyntaxErrors::new(text, &errors);
        let mut repaired = Repaired {
            text: String::with_capacity(text.len()),
            headers: Vec::new(),
            entries: Vec::new(),
        };
        let mut start = 0;
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let content = line.trim_end_matches(['\n', '\r']);
            let name = content
                .trim()
                .trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace());
            let is_header = content.trim_start().starts_with('[');
            if is_header {
                if let Some(entry) = repaired.entries.last_mut() {
                    entry.end = entry.end.max(start);
                }
            }
            if is_header
                && matches!(name, "code" | "limit")
                && syntax.lines.binary_search(&number).is_ok()
            {
                let header = format!("[[{name}]]");
                repaired
                    .headers
                    .push((start..start + content.len(), header.len()));
                repaired.entries.push(start..text.len());
                repaired.text.push_str(&header);
                repaired.text.push_str(&line[content.len()..]);
            } else {
                repaired.text.push_str(line);
            }
            start += line.len();
        }
        (!repaired.headers.is_empty()).then_some(repaired)
    }

    /// A byte offset of the repaired text, in the text as written; an offset inside a repaired
    /// header is its start.
    pub fn original_offset(&self, offset: usize) -> usize {
        let mut shift = 0isize;
        for (header, written) in &self.headers {
            let repaired_start = header.start.saturating_add_signed(shift);
            if offset < repaired_start {
                break;
            }
            if offset < repaired_start + written {
                return header.start;
            }
            shift += *written as isize - header.len() as isize;
        }
        offset.saturating_add_signed(-shift)
    }

    /// Whether the byte `offset` of the text as written is on a repaired header line.
    pub fn is_on_header(&self, offset: usize) -> bool {
        self.headers
            .iter()
            .any(|(header, _)| header.start <= offset && offset <= header.end)
    }
}

/// The lines of a file that hold a TOML syntax error.
struct SyntaxErrors {
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    /// The 0-based lines with an error, sorted.
    lines: Vec<usize>,
}

impl SyntaxErrors {
    fn new(text: &str, errors: &[toml::de::Error]) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(newline, _)| newline + 1))
            .collect();
        let mut syntax = SyntaxErrors {
            line_starts,
            lines: Vec::new(),
        };
        syntax.lines = errors
            .iter()
            .map(|error| syntax.line(error_span(text, error).start))
            .collect();
        syntax.lines.sort_unstable();
        syntax.lines.dedup();
        syntax
    }

    /// The 0-based line that holds byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Whether a line that `span` covers holds a syntax error.
    fn touches(&self, span: Range<usize>) -> bool {
        let first = self.line(span.start);
        let last = self.line(span.end.saturating_sub(1).max(span.start));
        let at = self.lines.partition_point(|&line| line < first);
        self.lines.get(at).is_some_and(|&line| line <= last)
    }

    /// One diagnostic per line with a syntax error, in the order of the file: further errors on
    /// the same line follow from the first, where the parser resumed in the middle of it.
    fn diagnostics(
        &self,
        text: &str,
        errors: &[toml::de::Error],
        root: &DeTable<'_>,
    ) -> Vec<Diagnostic> {
        let mut errors: Vec<(Range<usize>, &toml::de::Error)> = errors
            .iter()
            .map(|error| (error_span(text, error), error))
            .collect();
        errors.sort_by_key(|(span, _)| span.start);
        errors.dedup_by_key(|(span, _)| self.line(span.start));
        errors
            .into_iter()
            .map(|(span, error)| syntax_error(text, span, error, root))
            .collect()
    }
}

/// Where an error is, kept inside the text: the parser may point just past its end.
fn error_span(text: &str, error: &toml::de::Error) -> Range<usize> {
    let span = error.span().unwrap_or(0..0);
    let start = span.start.min(text.len());
    start..span.end.clamp(start, text.len())
}

fn syntax_error(
    text: &str,
    span: Range<usize>,
    error: &toml::de::Error,
    root: &DeTable<'_>,
) -> Diagnostic {
    let message = error.message();
    if message == "duplicate key" {
        let key = &text[span.clone()];
        let diagnostic = Diagnostic::at(
            span.clone(),
            format!("TOML syntax error: duplicate key `{key}`"),
        );
        let diagnostic = match first_definition(root, key, span.start) {
            Some(first) => diagnostic.with_note_at("first defined", first),
            None => diagnostic,
        };
        return diagnostic.with_help("remove one of the two, or rename it");
    }
    // toml reads a missing value as an unquoted string, and asks for quotes.
    let rest_of_line = text[span.start..].lines().next().unwrap_or("");
    if message.starts_with("string values must be quoted") && rest_of_line.trim().is_empty() {
        return Diagnostic::at(span, "TOML syntax error: a key with no value")
            .with_help("write the value after `=`, as in `message = \"TimeLimitReached\"`");
    }
    Diagnostic::at(span, format!("TOML syntax error: {message}")).with_help(syntax_help(message))
}

/// How to fix the syntax errors people make in a codes file; toml's message says what it
/// expected, this says what to write.
fn syntax_help(message: &str) -> &'static str {
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string")
    {
        "close the string with a quote on the line where it starts; a text of several lines \
         goes in triple quotes: `\"\"\"...\"\"\"`"
    } else if message.starts_with("string values must be quoted") {
        "a number is digits only, as in `code = 433`; a text goes in quotes, as in `name = \"...\"`"
    } else if message.starts_with("missing escaped value") || message.starts_with("invalid escape")
    {
        "in a quoted string a backslash starts an escape (`\\n`, `\\\"`, `\\\\`); write `\\\\` for a \
         backslash, or use a literal string in single quotes"
    } else if message.starts_with("unclosed array table") {
        "close the header with two brackets: `[[code]]`"
    } else {
        "fix the TOML syntax at this place; each entry is a `[[code]]` table of `key = value` lines"
    }
}

/// The last key named `key` that starts before `before`, anywhere in the document: the first
/// definition of a key that is defined again at `before`.
fn first_definition(root: &DeTable<'_>, key: &str, before: usize) -> Option<Range<usize>> {
    let mut found: Option<Range<usize>> = None;
    let mut tables = vec![root];
    while let Some(table) = tables.pop() {
        for (name, value) in table.iter() {
            let span = name.span();
            let earlier = span.start < before;
            if earlier
                && name.get_ref() == key
                && found.as_ref().is_none_or(|f| f.start < span.start)
            {
                found = Some(span);
            }
            match value.get_ref() {
                DeValue::Table(inner) => tables.push(inner),
                DeValue::Array(items) => {
                    tables.extend(items.iter().filter_map(|item| item.get_ref().as_table()))
                }
                _ => {}
            }
        }
    }
    found
}

/// The lines of the file that each `[[…]]` entry spans: from its header to the next header.
struct Regions {
    starts: Vec<usize>,
    end: usize,
}

impl Regions {
    fn new(root: &DeTable<'_>, end: usize) -> Self {
        let mut starts: Vec<usize> = root
            .values()
            .filter_map(|value| value.get_ref().as_array())
            .flat_map(|items| items.iter().map(|item| item.span().start))
            .collect();
        starts.sort_unstable();
        Regions { starts, end }
    }

    /// The region of the entry whose header is `header`.
    fn of(&self, header: Range<usize>) -> Range<usize> {
        let next = self.starts.partition_point(|&start| start <= header.start);
        header.start..self.starts.get(next).copied().unwrap_or(self.end)
    }
}

/// The tables of `key = [...]` written as `[[key]]`; anything else is reported.
fn array_of_tables<'a, 'i>(
    key: &str,
    value: &'a toml::Spanned<DeValue<'i>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<toml::Spanned<&'a DeTable<'i>>> {
    let DeValue::Array(items) = value.get_ref() else {
        diagnostics.push(not_an_array_of_tables(key, value));
        return Vec::new();
    };
    let mut tables = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::Table(table) => tables.push(toml::Spanned::new(item.span(), table)),
            _ => diagnostics.push(not_an_array_of_tables(key, item)),
        }
    }
    tables
}

fn unknown_top_level_key(key: &toml::Spanned<toml::de::DeString<'_>>) -> Diagnostic {
    Diagnostic::at(
        key.span(),
        format!("unknown top-level key `{}`", key.get_ref()),
    )
    .with_help(
        "a codes file holds only `[[code]]` and `[[limit]]` entries; remove this key or rename it",
    )
}

fn not_an_array_of_tables(key: &str, value: &toml::Spanned<DeValue<'_>>) -> Diagnostic {
    Diagnostic::at(
        value.span(),
        format!(
            "`{key}` must be an array of tables, found {}",
            describe(value.get_ref())
        ),
    )
    .with_help(format!(
        "write each entry as a table that starts with a `[[{key}]]` line"
    ))
}

/// One `[[…]]` table, with what is known of the syntax errors around it.
struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    /// The span of the table, which starts at its header.
    header: Range<usize>,
    syntax: &'a SyntaxErrors,
    /// Whether a line of the entry holds a syntax error: a field that seems missing may be one
    /// the error hid.
    damaged: bool,
}

/// A kind of table of the codes file: its header as written, the word for it in messages, the
/// prefix of its fields' names in messages, and the fields it may have.
struct Kind {
    header: &'static str,
    noun: &'static str,
    prefix: &'static str,
    fields: &'static [Field],
}

const CODE: Kind = Kind {
    header: "[[code]]",
    noun: "entry",
    prefix: "",
    fields: FIELDS,
};

const LIMIT: Kind = Kind {
    header: "[[limit]]",
    noun: "entry",
    prefix: "",
    fields: LIMIT_FIELDS,
};

const ZH: Kind = Kind {
    header: "[code.zh]",
    noun: "table",
    prefix: "zh.",
    fields: ZH_FIELDS,
};

impl Kind {
    /// The tables of this kind, in a sentence: "an entry", "a `[code.zh]` table".
    fn in_words(&self) -> String {
        match self.noun {
            "entry" => "an entry".to_owned(),
            noun => format!("a `{}` {noun}", self.header),
        }
    }
}

fn parse_entry(fields: &Fields<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Entry {
    let mut entry = Entry::default();
    let header = read_fields(&CODE, fields, diagnostics, |name, mut typed| {
        match name {
            "code" => entry.code = typed.integer(),
            "name" => entry.name = typed.string(),
            "message" => entry.message = typed.string(),
            "description" => entry.description = typed.string(),
            "solution" => entry.solution = typed.string(),
            "category" => entry.category = typed.string(),
            "retryable" => entry.retryable = typed.boolean(),
            "triggers_repossession" => entry.triggers_repossession = typed.boolean(),
            // The last field of FIELDS; a test checks that every field is read.
            _ => {
                entry.zh = typed
                    .table()
                    .map(|table| parse_zh(table, fields, typed.diagnostics))
            }
        }
    });
    (entry.span, entry.damaged_name) = header;
    entry
}

/// The `[code.zh]` table of an entry, read as the entry's own fields are, under the entry's
/// syntax errors.
fn parse_zh(
    table: toml::Spanned<&DeTable<'_>>,
    entry: &Fields<'_, '_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Translation {
    let fields = Fields {
        table: table.get_ref(),
        header: table.span(),
        syntax: entry.syntax,
        damaged: entry.damaged,
    };
    let mut zh = Translation::default();
    let (span, _) = read_fields(&ZH, &fields, diagnostics, |name, mut typed| {
        match name {
            "description" => zh.description = typed.string(),
            // The last field of ZH_FIELDS; a test checks that every field is read.
            _ => zh.solution = typed.string(),
        }
    });
    zh.span = span;
    zh
}

fn parse_limit(fields: &Fields<'_, '_>, diagnostics: &mut Vec<Diagnostic>) -> Limit {
    let mut limit = Limit::default();
    let header = read_fields(&LIMIT, fields, diagnostics, |name, mut typed| {
        match name {
            "name" => limit.name = typed.string(),
            "value" => limit.value = typed.integer(),
            "unit" => limit.unit = typed.string(),
            // The last field of LIMIT_FIELDS; a test checks that every field is read.
            _ => limit.description = typed.string(),
        }
    });
    (limit.span, limit.damaged_name) = header;
    limit
}

/// Hands each field of a table of `kind` that the kind lists to `store`, typed, and reports
/// unknown and missing fields. A field on a line with a syntax error is skipped: the syntax error
/// is its problem. Returns the span of the table's header, and the `name` on a line with a
/// syntax error when the parser could still read it as a string, for the fallback expansion.
fn read_fields(
    kind: &Kind,
    fields: &Fields<'_, '_>,
    diagnostics: &mut Vec<Diagnostic>,
    mut store: impl FnMut(&str, Typed<'_, '_>),
) -> (Range<usize>, Option<String>) {
    let mut damaged_name = None;
    // The span of an entry's table starts at its header; its problems are reported there.
    let span = &fields.header;
    let header = span.start..span.end.min(span.start + kind.header.len());
    let known = kind.fields;
    for (key, value) in fields.table.iter() {
        let key_text: &str = key.get_ref();
        let lines = key.span().start.min(value.span().start)..key.span().end.max(value.span().end);
        if fields.syntax.touches(lines) {
            if key_text == "name" {
                damaged_name = value.get_ref().as_str().map(str::to_owned);
            }
            continue;
        }
        match known.iter().find(|field| field.name == key_text) {
            Some(field) => store(
                key_text,
                Typed {
                    field,
                    prefix: kind.prefix,
                    value,
                    diagnostics: &mut *diagnostics,
                },
            ),
            None => diagnostics.push(unknown_field(kind, key_text, key.span())),
        }
    }
    if !fields.damaged {
        for field in known.iter().filter(|field| field.required) {
            let present = fields.table.keys().any(|key| key.get_ref() == field.name);
            if !present {
                diagnostics.push(missing_field(kind, field, header.clone()));
            }
        }
    }
    (header, damaged_name)
}

/// One field's value, read as the type the field takes, or reported as the wrong type.
struct Typed<'a, 'i> {
    field: &'static Field,
    /// What the field's name is prefixed with in messages: `zh.` in a `[code.zh]` table.
    prefix: &'static str,
    value: &'a toml::Spanned<DeValue<'i>>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a, 'i> Typed<'a, 'i> {
    fn spanned<T>(&mut self, value: Option<T>) -> Option<Spanned<T>> {
        match value {
            Some(value) => Some(Spanned {
                value,
                span: self.value.span(),
            }),
            None => self.wrong_type(),
        }
    }

    fn wrong_type<T>(&mut self) -> Option<T> {
        self.diagnostics.push(wrong_type(
            self.field,
            self.prefix,
            self.value.span(),
            self.value.get_ref(),
        ));
        None
    }

    fn integer(&mut self) -> Option<Spanned<i64>> {
        let Some(integer) = self.value.get_ref().as_integer() else {
            return self.spanned(None);
        };
        match i64::from_str_radix(integer.as_str(), integer.radix()) {
            Ok(number) => self.spanned(Some(number)),
            Err(_) => {
                self.diagnostics
                    .push(too_large(self.field, self.value.span()));
                None
            }
        }
    }

    fn string(&mut self) -> Option<Spanned<String>> {
        let string = self.value.get_ref().as_str().map(str::to_owned);
        self.spanned(string)
    }

    fn boolean(&mut self) -> Option<Spanned<bool>> {
        let flag = self.value.get_ref().as_bool();
        self.spanned(flag)
    }

    fn table(&mut self) -> Option<toml::Spanned<&'a DeTable<'i>>> {
        let span = self.value.span();
        match self.value.get_ref().as_table() {
            Some(table) => Some(toml::Spanned::new(span, table)),
            None => self.wrong_type(),
        }
    }
}

fn unknown_field(kind: &Kind, key: &str, span: Range<usize>) -> Diagnostic {
    let fields = kind.fields;
    let allowed = fields
        .iter()
        .map(|field| format!("`{}`", field.name))
        .collect::<Vec<_>>()
        .join(", ");
    let diagnostic = Diagnostic::at(
        span,
        format!("unknown field `{key}` in a `{}` {}", kind.header, kind.noun),
    )
    .with_note(format!("the fields of {} are {allowed}", kind.in_words()));
    if kind.prefix == "zh." && FIELDS.iter().any(|field| field.name == key) {
        return diagnostic.with_help(format!(
            "`{key}` is not translated: it stays in the `[[code]]` entry{}",
            if key == "message" {
                " (the message is what SCF returns, one text in every language)"
            } else {
                ""
            }
        ));
    }
    match closest(key, fields.iter().map(|field| field.name)) {
        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
        None => diagnostic.with_help("remove this field, or rename it to one of the fields above"),
    }
}

fn missing_field(kind: &Kind, field: &Field, header: Range<usize>) -> Diagnostic {
    let example = match field.ty {
        FieldType::Integer => "433",
        FieldType::String => "\"...\"",
        FieldType::Boolean => "true",
        FieldType::Table => "{ ... }",
    };
    Diagnostic::at(
        header,
        format!(
            "missing field `{}` in this `{}` {}",
            field.name, kind.header, kind.noun
        ),
    )
    .with_help(format!(
        "add a line `{} = {example}` to the entry",
        field.name
    ))
}

/// TOML's integers are 64-bit; toml's parser leaves the range to its reader.
fn too_large(field: &Field, span: Range<usize>) -> Diagnostic {
    Diagnostic::at(
        span,
        format!("`{}` is too large for a TOML integer", field.name),
    )
    .with_help(format!(
        "TOML integers are 64-bit, from -9223372036854775808 to 9223372036854775807; {}",
        match field.name {
            "code" => "SCF status codes are three-digit numbers",
            _ => "write a smaller number",
        }
    ))
}

fn wrong_type(field: &Field, prefix: &str, span: Range<usize>, found: &DeValue<'_>) -> Diagnostic {
    let expected = match field.ty {
        FieldType::Integer => "an integer",
        FieldType::String => "a string",
        FieldType::Boolean => "a boolean (`true` or `false`)",
        FieldType::Table => "a table",
    };
    let diagnostic = Diagnostic::at(
        span,
        format!(
            "`{prefix}{}` must be {expected}, found {}",
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
        (FieldType::Table, _) => "write the Chinese texts in a table after the entry's other \
             fields: a line `[code.zh]`, then `description = \"...\"` and `solution = \"...\"`"
            .to_owned(),
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
        let (document, diagnostics) = parse(text);
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
        let (document, diagnostics) = parse(text);
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
            9,
            "a new field needs a place in `parse_entry` and `Entry`"
        );
    }

    const ENTRY: &str = "[[code]]\ncode = 433\nname = \"TimeLimitReached\"\nmessage = \"m\"\n\
                         description = \"d\"\nsolution = \"s\"\ncategory = \"function\"\n";

    #[test]
    fn a_chinese_table_is_read_with_the_span_of_each_text() {
        for zh in [
            "[code.zh]\ndescription = \"超时\"\nsolution = \"重试\"\n",
            "zh = { description = \"超时\", solution = \"重试\" }\n",
        ] {
            let text = format!("{ENTRY}{zh}");
            let (document, diagnostics) = parse(&text);
            assert_eq!(diagnostics, vec![], "{zh}");
            let read = document.entries[0].zh.as_ref().unwrap();
            let description = read.description.as_ref().unwrap();
            assert_eq!(description.value, "超时");
            assert_eq!(&text[description.span.clone()], "\"超时\"");
            assert_eq!(read.solution.as_ref().unwrap().value, "重试");
            let table = &text[read.span.clone()];
            assert!(table == "[code.zh]" || table.starts_with('{'), "{table}");
        }
    }

    #[test]
    fn every_chinese_field_is_read_into_its_own_place() {
        let text = format!("{ENTRY}[code.zh]\ndescription = \"d\"\nsolution = \"s\"\n");
        let zh = parse(&text).0.entries[0].zh.clone().unwrap();
        let read = [&zh.description, &zh.solution].map(|t| t.clone().unwrap().value);
        assert_eq!(read, ["d", "s"]);
        assert_eq!(
            ZH_FIELDS.len(),
            2,
            "a new field needs a place in `parse_zh`"
        );
    }

    #[test]
    fn an_entry_without_a_chinese_table_has_none() {
        assert_eq!(parse(ENTRY).0.entries[0].zh, None);
    }

    #[test]
    fn a_misspelt_chinese_field_is_unknown_and_the_closest_is_suggested() {
        let text = format!("{ENTRY}[code.zh]\ndescripton = \"d\"\nmessage = \"m\"\n");
        let (_, diagnostics) = parse(&text);
        let found: Vec<_> = diagnostics
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "unknown field `descripton` in a `[code.zh]` table",
                    Some("did you mean `description`?")
                ),
                (
                    "unknown field `message` in a `[code.zh]` table",
                    Some(
                        "`message` is not translated: it stays in the `[[code]]` entry (the \
                         message is what SCF returns, one text in every language)"
                    )
                ),
            ]
        );
        assert_eq!(
            diagnostics[0].notes[0].text,
            "the fields of a `[code.zh]` table are `description`, `solution`"
        );
        let span = diagnostics[0].span.clone().unwrap();
        assert_eq!(&text[span], "descripton");
    }

    #[test]
    fn chinese_fields_of_the_wrong_type_are_named_with_their_table() {
        let text = format!("{ENTRY}[code.zh]\ndescription = 1\nsolution = [\"s\"]\n");
        assert_eq!(
            messages(&text),
            [
                "`zh.description` must be a string, found an integer",
                "`zh.solution` must be a string, found an array",
            ]
        );
        let (_, diagnostics) = parse(&format!("{ENTRY}zh = \"超时\"\n"));
        assert_eq!(
            diagnostics[0].message,
            "`zh` must be a table, found a string"
        );
        assert!(
            diagnostics[0]
                .help
                .as_deref()
                .unwrap()
                .contains("[code.zh]")
        );
    }

    #[test]
    fn entries_keep_the_order_of_the_file() {
        let (document, _) = parse("[[code]]\ncode = 500\n[[code]]\ncode = 200\n");
        let codes: Vec<_> = document
            .entries
            .iter()
            .map(|entry| entry.code.as_ref().unwrap().value)
            .collect();
        assert_eq!(codes, [500, 200]);
    }

    #[test]
    fn every_independent_syntax_error_is_reported_in_the_order_of_the_file() {
        // A bad integer, a doubled `=` and a key with no value: three lines, three errors.
        let text = "[[code]]\ncode = 4x3\nname == \"A\"\nmessage =\ndescription = \"d\"\n";
        let (document, diagnostics) = parse(text);
        assert!(document.malformed);
        let lines: Vec<usize> = diagnostics
            .iter()
            .map(|d| crate::diagnostic::location(text, d.span.clone().unwrap().start).line)
            .collect();
        assert_eq!(lines, [2, 3, 4], "{diagnostics:#?}");
        assert!(
            diagnostics
                .iter()
                .all(|d| d.message.starts_with("TOML syntax error")),
            "no follow-on error of a field the parser could not read: {diagnostics:#?}"
        );
        // The field on a line without an error is still read.
        assert_eq!(document.entries[0].description.as_ref().unwrap().value, "d");
    }

    #[test]
    fn an_entry_with_a_syntax_error_reports_no_field_missing() {
        // The unclosed header swallows the entry's first lines: what seems missing is not.
        let text = "[[code]\ncode = 1\n[[code]]\nname = \"a\\qb\"\ncode = 2\ncode = 3\n";
        let found = messages(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("unclosed array table"), "{found:?}");
        assert!(found[1].contains("escape"), "{found:?}");
        assert_eq!(found[2], "TOML syntax error: duplicate key `code`");
    }

    #[test]
    fn semantic_problems_beside_a_syntax_error_are_reported_too() {
        let text =
            "[[code]]\nname = \"unterminated\ncode = 433\n\n[[code]]\ncode = 200\nnmae = \"x\"\n";
        let found = messages(text);
        assert!(found[0].starts_with("TOML syntax error"), "{found:?}");
        assert!(
            found.contains(&"unknown field `nmae` in a `[[code]]` entry".to_owned()),
            "{found:?}"
        );
        assert!(
            found.contains(&"missing field `message` in this `[[code]]` entry".to_owned()),
            "the second entry has no syntax error, so its missing fields count: {found:?}"
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
    fn malformed_toml_is_marked_and_well_formed_toml_is_not() {
        let (document, diagnostics) = parse("[[code]]\nname = \"unterminated\n");
        assert!(document.malformed);
        assert!(!diagnostics.is_empty());
        assert!(!parse("").0.malformed);
    }

    #[test]
    fn a_quoted_number_is_a_wrong_type_with_a_fix() {
        let (_, diagnostics) = parse("[[code]]\ncode = \"433\"\n");
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
        let (_, diagnostics) = parse("[[code]]\nmesage = \"x\"\n");
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
        let (_, diagnostics) = parse(text);
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
    fn an_integer_beyond_i64_is_reported_at_the_number() {
        let (document, diagnostics) = parse("[[code]]\ncode = 99999999999999999999\n");
        assert!(!document.malformed);
        assert_eq!(
            diagnostics[0].message,
            "`code` is too large for a TOML integer"
        );
        assert_eq!(diagnostics[0].span, Some(16..36));
        assert_eq!(document.entries[0].code, None);
    }

    #[test]
    fn integers_in_every_toml_form_are_read() {
        for (literal, value) in [
            ("0x1B1", 433),
            ("0o661", 433),
            ("4_3_3", 433),
            ("+433", 433),
        ] {
            let (document, _) = parse(&format!("[[code]]\ncode = {literal}\n"));
            assert_eq!(document.entries[0].code.as_ref().unwrap().value, value);
        }
    }

    #[test]
    fn a_duplicate_key_names_the_first_one() {
        let text = "[[code]]\ncode = 433\ncode = 434\n";
        let (_, diagnostics) = parse(text);
        let rendered = diagnostics[0].render("codes.toml", text);
        assert!(
            rendered.starts_with("TOML syntax error: duplicate key `code`\n --> codes.toml:3:1"),
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
