//! The codes a page is compared with: the `[[code]]` entries of a codes.toml file, read with
//! toml_edit (the editor `import` writes with), or the table compiled into this binary.

use std::ops::Range;

use scf_codes::Lang;
use toml_edit::{Document, Item};

use super::page::Row;

/// A text field that both a page and codes.toml have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The status message: one text in every language.
    Message,
    /// The Notes (or Description) column of the English page.
    Description,
    /// The Solution column of the English page.
    Solution,
    /// The 说明 column of the Chinese page: `description` in `[code.zh]`.
    ZhDescription,
    /// The 解决方法 column of the Chinese page: `solution` in `[code.zh]`.
    ZhSolution,
}

impl Field {
    /// Every text field, in the order they are compared and shown.
    pub const ALL: [Field; 5] = [
        Field::Message,
        Field::Description,
        Field::Solution,
        Field::ZhDescription,
        Field::ZhSolution,
    ];

    /// The fields a page in `lang` writes into codes.toml: an English page its three texts, a
    /// Chinese page the two of `[code.zh]`, never the message.
    pub fn written(lang: Lang) -> &'static [Field] {
        match lang {
            Lang::En => &[Field::Message, Field::Description, Field::Solution],
            Lang::Zh => &[Field::ZhDescription, Field::ZhSolution],
        }
    }

    /// The fields a page in `lang` is compared on but never writes: the message, on a Chinese
    /// page.
    pub fn reported(lang: Lang) -> &'static [Field] {
        match lang {
            Lang::En => &[],
            Lang::Zh => &[Field::Message],
        }
    }

    /// The field's name in `--json` and reports: its key in codes.toml, `zh.` before the keys
    /// of `[code.zh]`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Message => "message",
            Field::Description => "description",
            Field::Solution => "solution",
            Field::ZhDescription => "zh.description",
            Field::ZhSolution => "zh.solution",
        }
    }

    /// The table of codes.toml the field is in (`None`: the entry itself) and its key there.
    pub fn place(self) -> (Option<&'static str>, &'static str) {
        match self.key().split_once('.') {
            Some((table, key)) => (Some(table), key),
            None => (None, self.key()),
        }
    }
}

impl Row {
    /// The page's text of `field`: the row's description and solution stand for the fields of
    /// the page's language.
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Message => &self.message,
            Field::Description | Field::ZhDescription => &self.description,
            Field::Solution | Field::ZhSolution => &self.solution,
        }
    }
}

/// One `[[code]]` entry, as far as the comparison needs it. A text the entry lacks is `None`:
/// it differs from any text of the page, and `import` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The status code.
    pub code: u16,
    /// The Rust variant name.
    pub name: Option<String>,
    /// The texts, in the order of [`Field::ALL`].
    pub texts: [Option<String>; 5],
}

impl Entry {
    /// The entry's text of `field`.
    pub fn text(&self, field: Field) -> Option<&str> {
        self.texts[field as usize].as_deref()
    }

    /// How a report names the entry: its variant name, else its message, else nothing.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.text(Field::Message))
            .unwrap_or("")
    }
}

/// The codes compiled into this binary.
pub fn compiled() -> Vec<Entry> {
    scf_codes::Code::ALL
        .iter()
        .map(|code| Entry {
            code: code.as_u16(),
            name: Some(code.name().to_owned()),
            texts: [
                Some(code.message()),
                Some(code.description()),
                Some(code.solution()),
                // Where codes.toml has no Chinese text, the English one stands for it in the
                // compiled table, and a page with the same text agrees with it: the compiled
                // table cannot tell the two apart, as a text can be the same in both languages
                // (200's solution is "-" in both).
                Some(code.description_in(Lang::Zh)),
                Some(code.solution_in(Lang::Zh)),
            ]
            .map(|text| text.map(str::to_owned)),
        })
        .collect()
}

/// The `[[code]]` entries of a codes.toml, `text`, that messages call `name`. Entries keep the
/// order of the file. Every problem is reported, one per line, at its line and column.
pub fn parse(text: &str, name: &str) -> Result<Vec<Entry>, String> {
    let document = Document::parse(text).map_err(|error| {
        let at = error
            .span()
            .map(|span| location(text, span))
            .unwrap_or_else(|| "1:1".to_owned());
        format!(
            "{name}:{at}: {} (fix the file's TOML syntax first)",
            error.message().trim_end()
        )
    })?;
    let Some(item) = document.get("code") else {
        return Ok(Vec::new());
    };
    let Some(tables) = item.as_array_of_tables() else {
        let at = location(text, item.span().unwrap_or(0..0));
        return Err(format!(
            "{name}:{at}: `code` is not an array of tables: each code is a `[[code]]` entry"
        ));
    };
    let mut entries: Vec<(Entry, Range<usize>)> = Vec::new();
    let mut problems = Vec::new();
    for table in tables.iter() {
        let header = table.span().unwrap_or(0..0);
        let at = |span: Option<Range<usize>>| location(text, span.unwrap_or(header.clone()));
        let zh = table.get("zh").and_then(Item::as_table_like);
        let mut string = |path: &str| {
            let item = match path.split_once('.') {
                Some((_, key)) => zh.and_then(|zh| zh.get(key)),
                None => table.get(path),
            };
            match item {
                None => None,
                Some(Item::Value(toml_edit::Value::String(value))) => Some(value.value().clone()),
                Some(item) => {
                    problems.push(format!(
                        "{name}:{}: `{path}` is not a string",
                        at(item.span())
                    ));
                    None
                }
            }
        };
        let entry_name = string("name");
        let texts = Field::ALL.map(|field| string(field.key()));
        let code = match table.get("code") {
            None => {
                problems.push(format!(
                    "{name}:{}: this `[[code]]` entry has no `code`; add a line `code = 433`",
                    at(None)
                ));
                continue;
            }
            Some(item) => match item.as_integer().and_then(|code| u16::try_from(code).ok()) {
                Some(code) => code,
                None => {
                    problems.push(format!(
                        "{name}:{}: `code` is not a status code (a whole number, 100 to 999)",
                        at(item.span())
                    ));
                    continue;
                }
            },
        };
        if let Some((_, first)) = entries.iter().find(|(entry, _)| entry.code == code) {
            problems.push(format!(
                "{name}:{}: code {code} has a second entry; the first is at {name}:{}",
                at(None),
                location(text, first.clone())
            ));
            continue;
        }
        entries.push((
            Entry {
                code,
                name: entry_name,
                texts,
            },
            header,
        ));
    }
    if problems.is_empty() {
        Ok(entries.into_iter().map(|(entry, _)| entry).collect())
    } else {
        Err(problems.join("\n"))
    }
}

/// `line:column` (both 1-based, the column in characters) of the start of `span` in `text`.
pub fn location(text: &str, span: Range<usize>) -> String {
    let start = span.start.min(text.len());
    let before = text.get(..start).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |line| line.chars().count())
        + 1;
    format!("{line}:{column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_with_their_texts_and_missing_ones_are_none() {
        let entries = parse(
            "# header\n[[code]]\ncode = 433\nname = \"A\"\nmessage = \"m\"\n\
             description = \"\"\"\nd\"\"\"\n\n[[code]]\ncode = 434\n\n[[limit]]\nname = \"X\"\n",
            "codes.toml",
        )
        .unwrap();
        assert_eq!(
            entries,
            [
                Entry {
                    code: 433,
                    name: Some("A".into()),
                    texts: [Some("m".into()), Some("d".into()), None, None, None],
                },
                Entry {
                    code: 434,
                    name: None,
                    texts: [None, None, None, None, None],
                },
            ]
        );
        assert_eq!(parse("", "c").unwrap(), []);
    }

    #[test]
    fn every_problem_is_reported_at_its_place() {
        let error = parse(
            "[[code]]\ncode = 433\nmessage = 1\n\n[[code]]\ncode = \"434\"\n\n[[code]]\n\
             message = \"m\"\n\n[[code]]\ncode = 433\n",
            "codes.toml",
        )
        .unwrap_err();
        assert_eq!(
            error.lines().collect::<Vec<_>>(),
            [
                "codes.toml:3:11: `message` is not a string",
                "codes.toml:6:8: `code` is not a status code (a whole number, 100 to 999)",
                "codes.toml:8:1: this `[[code]]` entry has no `code`; add a line `code = 433`",
                "codes.toml:11:1: code 433 has a second entry; the first is at codes.toml:1:1",
            ]
        );
    }

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        let error = parse("[[code]]\ncode = 433\nmessage = \"m\n", "codes.toml").unwrap_err();
        assert!(error.starts_with("codes.toml:3:"), "{error}");
        assert!(
            error.ends_with("(fix the file's TOML syntax first)"),
            "{error}"
        );
        let error = parse("code = 1\n", "codes.toml").unwrap_err();
        assert_eq!(
            error,
            "codes.toml:1:8: `code` is not an array of tables: each code is a `[[code]]` entry"
        );
    }

    #[test]
    fn the_compiled_table_is_every_code() {
        let entries = compiled();
        assert_eq!(entries.len(), scf_codes::Code::ALL.len());
        assert_eq!(entries[0].text(Field::Message), Some("Success"));
    }

    #[test]
    fn locations_count_characters() {
        assert_eq!(location("ab\ncdé f", 8..9), "2:5");
        assert_eq!(location("", 5..6), "1:1");
    }
}
