//! The page written into codes.toml with toml_edit: changed texts replaced in place, new rows
//! added as entries at their place by number, everything else left byte for byte.

use scf_codes::Lang;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use super::codes::{self, Entry, Field};
use super::diff::{self, Diff};
use super::page::Row;

/// The categories a new entry may take, as codes.toml spells them.
fn categories() -> String {
    scf_codes::Category::ALL
        .iter()
        .map(|category| category.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an import did.
#[derive(Debug)]
pub struct Import {
    /// The new text of the file; the same as before when nothing changed.
    pub text: String,
    /// What was done, for a person: one line per code, then a summary.
    pub report: String,
    /// Whether the page added or changed a code, so that the file must be written.
    pub changed: bool,
}

/// Writes the `rows` of a page in `lang` into the codes.toml `text`, which messages call
/// `name`: the fields of that language only ([`Field::written`]).
pub fn import(text: &str, name: &str, lang: Lang, rows: &[Row]) -> Result<Import, String> {
    let entries = codes::parse(text, name)?;
    let diff = diff::compare(lang, rows, &entries);
    if !diff.differs() {
        return Ok(Import {
            text: text.to_owned(),
            report: format!(
                "{}{}{name} is unchanged.\n",
                not_written_lines(&diff),
                kept_lines(&diff)
            ),
            changed: false,
        });
    }
    let mut document: DocumentMut = text.parse().map_err(|error| format!("{name}: {error}"))?;
    if document.get("code").is_none() {
        document.insert("code", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(tables) = document
        .get_mut("code")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return Err(format!("{name}: `code` is not an array of tables"));
    };
    for change in &diff.changed {
        let table = tables
            .iter_mut()
            .find(|table| code_of(table) == Some(change.row.code))
            .ok_or_else(|| format!("{name}: the entry of {} went missing", change.row.code))?;
        for &field in &change.fields {
            set_text(table, field, change.row.text(field));
        }
    }
    for row in &diff.added {
        let index = tables
            .iter()
            .position(|table| code_of(table).is_some_and(|code| code > row.code))
            .unwrap_or(tables.len());
        let mut table = new_entry(lang, row, &entries);
        if index == 0 && !tables.is_empty() {
            // Comments at the top of the file, up to its last blank line, are the file's
            // header: they stay at the top, above the new first entry.
            if let Some(first) = tables.get_mut(0) {
                let prefix = first
                    .decor()
                    .prefix()
                    .and_then(|prefix| prefix.as_str())
                    .unwrap_or("")
                    .to_owned();
                let split = prefix.rfind("\n\n").map_or(0, |at| at + 2);
                table.decor_mut().set_prefix(&prefix[..split]);
                first
                    .decor_mut()
                    .set_prefix(format!("\n{}", &prefix[split..]));
            }
        } else if tables.is_empty() && document_is_empty(text) {
            table.decor_mut().set_prefix("");
        }
        tables.insert(index, table);
    }
    let new_text = document.to_string();
    let lines = added_lines(&new_text, &diff);
    let mut report = String::new();
    for (row, line) in diff.added.iter().zip(&lines) {
        let named = usable_name(&row.message, row.code, &entries).is_ok();
        let missing = match (lang, named) {
            (Lang::En, true) => "category",
            (Lang::En, false) => "name and category",
            (Lang::Zh, true) => "English texts and category",
            (Lang::Zh, false) => "name, English texts and category",
        };
        report.push_str(&format!(
            "added {} {} at {name}:{line}: choose its {missing} there (see the comment)\n",
            row.code, row.message
        ));
    }
    for change in &diff.changed {
        report.push_str(&format!(
            "changed {} {}: {}\n",
            change.row.code,
            change.entry.name.as_deref().unwrap_or(&change.row.message),
            change.keys().join(", ")
        ));
    }
    report.push_str(&not_written_lines(&diff));
    report.push_str(&kept_lines(&diff));
    report.push_str(&format!(
        "{name} written: {} added, {} changed.\n",
        diff.added.len(),
        diff.changed.len()
    ));
    Ok(Import {
        text: new_text,
        report,
        changed: true,
    })
}

fn not_written_lines(diff: &Diff) -> String {
    diff.reported
        .iter()
        .map(|change| {
            format!(
                "not written {} {}: {} differs; the message is what SCF returns, one text in \
                 every language (an English page writes it)\n",
                change.row.code,
                change.entry.label(),
                change.keys().join(", ")
            )
        })
        .collect()
}

fn kept_lines(diff: &Diff) -> String {
    diff.not_on_page
        .iter()
        .map(|entry| format!("kept {} {}: not on the page\n", entry.code, entry.label()))
        .collect()
}

fn document_is_empty(text: &str) -> bool {
    text.trim().is_empty()
}

/// The line of each added entry's header in the written file, in the order of `diff.added`.
fn added_lines(text: &str, diff: &Diff) -> Vec<String> {
    let Ok(document) = toml_edit::Document::parse(text) else {
        return vec![String::from("?"); diff.added.len()];
    };
    let tables = document.get("code").and_then(Item::as_array_of_tables);
    diff.added
        .iter()
        .map(|row| {
            tables
                .and_then(|tables| tables.iter().find(|table| code_of(table) == Some(row.code)))
                .and_then(Table::span)
                .map(|span| {
                    let location = codes::location(text, span);
                    location.split(':').next().unwrap_or(&location).to_owned()
                })
                .unwrap_or_else(|| "?".to_owned())
        })
        .collect()
}

fn code_of(table: &Table) -> Option<u16> {
    table
        .get("code")?
        .as_integer()
        .and_then(|code| u16::try_from(code).ok())
}

/// Replaces a text in place: the key, the comments around it and its place stay. A field of
/// `[code.zh]` goes in that table, made at the end of the entry when the entry has none.
fn set_text(table: &mut Table, field: Field, text: &str) {
    let mut value = string_value(text);
    let (sub_table, key) = field.place();
    let table = match sub_table {
        None => table,
        Some(sub_table) => {
            let item = table
                .entry(sub_table)
                .or_insert_with(|| Item::Table(Table::new()));
            if !item.is_table() {
                // `zh = "..."` or an inline table: written again as a table of its own.
                let texts = item
                    .as_table_like()
                    .map(|like| {
                        like.iter()
                            .filter_map(|(key, item)| {
                                Some((key.to_owned(), item.as_value()?.clone()))
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                let mut replacement = Table::new();
                for (key, value) in texts {
                    replacement.insert(&key, Item::Value(value));
                }
                *item = Item::Table(replacement);
            }
            match item.as_table_mut() {
                Some(sub_table) => sub_table,
                None => return,
            }
        }
    };
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        Some(item) => *item = Item::Value(value),
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// A new `[[code]]` entry for the `row` of a page in `lang`: what the page gives, and a
/// comment for each field it cannot give. A Chinese page gives the `[code.zh]` texts only.
fn new_entry(lang: Lang, row: &Row, entries: &[Entry]) -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table.insert("code", Item::Value(Value::from(i64::from(row.code))));
    let name = usable_name(&row.message, row.code, entries);
    if let Ok(name) = &name {
        table.insert("name", Item::Value(string_value(name)));
    }
    table.insert("message", Item::Value(string_value(&row.message)));
    let mut comment = String::new();
    let commented_key = match lang {
        Lang::En => {
            table.insert("description", Item::Value(string_value(&row.description)));
            table.insert("solution", Item::Value(string_value(&row.solution)));
            "description"
        }
        Lang::Zh => {
            for field in [Field::ZhDescription, Field::ZhSolution] {
                set_text(&mut table, field, row.text(field));
            }
            comment.push_str(
                "# description = \"...\", solution = \"...\": the English texts, from Tencent's\n\
                 #   English page (`scf-codes table import` of it writes them).\n",
            );
            "message"
        }
    };
    if let Err(why) = &name {
        comment.push_str(&format!(
            "# name = \"...\": {why}; choose an UpperCamelCase name.\n"
        ));
    }
    comment.push_str(&format!(
        "# category = \"...\": not on Tencent's page; choose who has to act, one of\n\
         #   {}\n\
         #   (see \"Add or change a code\" in the README). Optional: `retryable = true`,\n\
         #   `triggers_repossession = true`. Then remove this comment.\n",
        categories()
    ));
    if let Some(mut key) = table.key_mut(commented_key) {
        key.leaf_decor_mut().set_prefix(comment);
        key.leaf_decor_mut().set_suffix(" ");
    }
    table
}

/// The message as the entry's name, when it is an UpperCamelCase Rust identifier that no
/// other entry has (the generator's rule: unique ignoring case, not `Unknown` or `Self`);
/// otherwise why not.
fn usable_name(message: &str, code: u16, entries: &[Entry]) -> Result<String, String> {
    let identifier = message.starts_with(|c: char| c.is_ascii_uppercase())
        && message.chars().all(|c| c.is_ascii_alphanumeric());
    if !identifier || message == "Self" {
        return Err("the status message is not a Rust name".to_owned());
    }
    if message == "Unknown" {
        return Err("`Unknown` is reserved for codes that are not in the table".to_owned());
    }
    match entries.iter().find(|entry| {
        entry.code != code
            && entry
                .name
                .as_deref()
                .is_some_and(|name| name.eq_ignore_ascii_case(message))
    }) {
        Some(other) => Err(format!(
            "the status message `{message}` is already the name of code {}",
            other.code
        )),
        None => Ok(message.to_owned()),
    }
}

/// A TOML string as codes.toml writes them: a basic string on one line, or a multi-line basic
/// string starting on the line after its quotes when the text has several lines.
pub fn string_value(text: &str) -> Value {
    let repr = if text.contains('\n') {
        let mut repr = String::from("\"\"\"\n");
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '\\' => repr.push_str("\\\\"),
                // A quote that would start or end the closing `"""` is escaped.
                '"' if chars.get(i + 1) == Some(&'"') || i + 1 == chars.len() => {
                    repr.push_str("\\\"");
                }
                '\n' | '\t' => repr.push(c),
                c if c.is_control() => repr.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => repr.push(c),
            }
        }
        repr.push_str("\"\"\"");
        repr
    } else {
        let mut repr = String::from("\"");
        for c in text.chars() {
            match c {
                '\\' => repr.push_str("\\\\"),
                '"' => repr.push_str("\\\""),
                '\t' => repr.push_str("\\t"),
                c if c.is_control() => repr.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => repr.push(c),
            }
        }
        repr.push('"');
        repr
    };
    repr.parse().unwrap_or_else(|_| Value::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: u16, message: &str, solution: &str) -> Row {
        Row::sample(code, message, "The description.", solution)
    }

    const FILE: &str = "# Header.\n#\n# More header.\n\n# About 400.\n[[code]]\ncode = 400\n\
                        name = \"A\"\nmessage = \"A\"   # trailing comment\ncategory = \"request\"\n\
                        description = \"The description.\"\nsolution = \"s\"\n\n\
                        [[code]]\ncode = 433\nname = \"B\"\nmessage = \"B\"\ncategory = \"function\"\n\
                        description = \"The description.\"\nsolution = \"\"\"\n- old\"\"\"\n\n\
                        [[limit]]\nname = \"X\"\nvalue = 1\nunit = \"port\"\ndescription = \"d\"\n";

    #[test]
    fn a_changed_text_is_replaced_and_nothing_else_moves() {
        let rows = [row(400, "A", "s"), row(433, "B", "- new\n- two")];
        let import = import(FILE, "codes.toml", Lang::En, &rows).unwrap();
        assert_eq!(
            import.text,
            FILE.replace(
                "solution = \"\"\"\n- old\"\"\"",
                "solution = \"\"\"\n- new\n- two\"\"\""
            )
        );
        assert_eq!(
            import.report,
            "changed 433 B: solution\ncodes.toml written: 0 added, 1 changed.\n"
        );
    }

    #[test]
    fn nothing_to_do_leaves_the_text_and_says_so() {
        let rows = [row(400, "A", "s")];
        let import = import(FILE, "codes.toml", Lang::En, &rows).unwrap();
        assert!(!import.changed);
        assert_eq!(import.text, FILE);
        assert_eq!(
            import.report,
            "kept 433 B: not on the page\ncodes.toml is unchanged.\n"
        );
    }

    #[test]
    fn new_rows_go_at_their_place_by_number_with_comments_for_what_is_missing() {
        let rows = [
            row(100, "Continue", "s"),
            row(400, "A", "s"),
            row(410, "Some sentence here", "Say \"hi\"."),
            row(433, "B", "- old"),
            row(600, "a", "s"),
        ];
        let import = import(FILE, "codes.toml", Lang::En, &rows).unwrap();
        let text = import.text;
        assert!(
            text.starts_with(
                "# Header.\n#\n# More header.\n\n[[code]]\ncode = 100\nname = \"Continue\"\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("solution = \"s\"\n\n# About 400.\n[[code]]\ncode = 400\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "[[code]]\ncode = 410\nmessage = \"Some sentence here\"\n# name = \"...\": the status \
                 message is not a Rust name; choose"
            ),
            "{text}"
        );
        assert!(text.contains("solution = \"Say \\\"hi\\\".\"\n"), "{text}");
        let limit = text.find("[[limit]]").unwrap();
        assert!(text.find("code = 600").unwrap() < limit, "{text}");
        assert_eq!(
            import.report.lines().collect::<Vec<_>>(),
            [
                "added 100 Continue at codes.toml:5: choose its category there (see the comment)",
                "added 410 Some sentence here at codes.toml:25: choose its name and category there \
                 (see the comment)",
                "added 600 a at codes.toml:45: choose its name and category there (see the comment)",
                "codes.toml written: 3 added, 0 changed.",
            ]
        );
        // The written file reads back, and a second import changes nothing.
        let again = super::import(&text, "codes.toml", Lang::En, &rows).unwrap();
        assert!(!again.changed);
    }

    #[test]
    fn a_name_is_only_taken_from_a_message_that_is_a_free_rust_name() {
        let entries = codes::parse(FILE, "c").unwrap();
        assert_eq!(
            usable_name("NewCode", 451, &entries),
            Ok("NewCode".to_owned())
        );
        assert_eq!(usable_name("A", 400, &entries), Ok("A".to_owned()));
        for message in ["a", "Two words", "Self", "Unknown", "Café", "B"] {
            assert!(usable_name(message, 451, &entries).is_err(), "{message}");
        }
    }

    #[test]
    fn strings_are_written_as_codes_toml_writes_them() {
        let cases = [
            ("plain", "\"plain\""),
            (
                "a \"quote\" \\ and\ttab",
                "\"a \\\"quote\\\" \\\\ and\\ttab\"",
            ),
            ("one\ntwo", "\"\"\"\none\ntwo\"\"\""),
            ("ends with \"\n\"", "\"\"\"\nends with \"\n\\\"\"\"\""),
            ("\"\"\"\nx", "\"\"\"\n\\\"\\\"\"\nx\"\"\""),
        ];
        for (text, repr) in cases {
            let value = string_value(text);
            assert_eq!(value.to_string(), repr, "{text:?}");
            assert_eq!(value.as_str(), Some(text));
        }
    }
}
