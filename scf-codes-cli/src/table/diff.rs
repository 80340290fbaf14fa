//! The page compared with codes.toml: the codes it adds, the texts it changes (shown word by
//! word), and the codes it no longer has.

use serde_json::json;
use similar::{Algorithm, DiffTag};

use super::codes::{Entry, Field};
use super::page::Row;

/// What the page would change in codes.toml.
#[derive(Debug)]
pub struct Diff<'a> {
    /// Rows of the page with no entry, by code.
    pub added: Vec<&'a Row>,
    /// Rows whose texts differ from their entry's, by code.
    pub changed: Vec<Change<'a>>,
    /// Entries with no row on the page, by code: reported, never removed.
    pub not_on_page: Vec<&'a Entry>,
}

/// A row and its entry, and the fields whose texts differ.
#[derive(Debug)]
pub struct Change<'a> {
    /// The page's row.
    pub row: &'a Row,
    /// The file's entry.
    pub entry: &'a Entry,
    /// The fields that differ, in the order of [`Field::ALL`].
    pub fields: Vec<Field>,
}

impl Diff<'_> {
    /// Whether the page adds or changes a code (codes only in the file change nothing).
    pub fn differs(&self) -> bool {
        !self.added.is_empty() || !self.changed.is_empty()
    }
}

/// Compares the page's `rows` with the file's `entries`.
pub fn compare<'a>(rows: &'a [Row], entries: &'a [Entry]) -> Diff<'a> {
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for row in rows {
        match entries.iter().find(|entry| entry.code == row.code) {
            None => added.push(row),
            Some(entry) => {
                let fields: Vec<Field> = Field::ALL
                    .into_iter()
                    .filter(|&field| entry.text(field) != Some(row.text(field)))
                    .collect();
                if !fields.is_empty() {
                    changed.push(Change { row, entry, fields });
                }
            }
        }
    }
    let mut not_on_page: Vec<&Entry> = entries
        .iter()
        .filter(|entry| rows.iter().all(|row| row.code != entry.code))
        .collect();
    added.sort_by_key(|row| row.code);
    changed.sort_by_key(|change| change.row.code);
    not_on_page.sort_by_key(|entry| entry.code);
    Diff {
        added,
        changed,
        not_on_page,
    }
}

/// `{"added": [code, ...], "changed": [{"code": 433, "fields": ["solution"]}], "not_on_page":
/// [code, ...]}`.
pub fn json(diff: &Diff) -> serde_json::Value {
    json!({
        "added": diff.added.iter().map(|row| row.code).collect::<Vec<_>>(),
        "changed": diff.changed.iter().map(|change| json!({
            "code": change.row.code,
            "fields": change.fields.iter().map(|field| field.key()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "not_on_page": diff.not_on_page.iter().map(|entry| entry.code).collect::<Vec<_>>(),
    })
}

/// The diff for a person: each added code with its texts, each changed text as a word diff
/// (`[-removed-]{+added+}`, as `git diff --word-diff`), each code not on the page, then a
/// summary line. `codes` names what the page was compared with.
pub fn text(diff: &Diff, codes: &str) -> String {
    let mut out = String::new();
    for row in &diff.added {
        out.push_str(&format!("added {} {}\n", row.code, row.message));
        for field in Field::ALL {
            out.push_str(&field_line(field, row.text(field)));
        }
        out.push('\n');
    }
    for change in &diff.changed {
        out.push_str(&format!(
            "changed {} {}\n",
            change.row.code,
            change.entry.name.as_deref().unwrap_or(&change.row.message)
        ));
        for &field in &change.fields {
            let words = words(
                change.entry.text(field).unwrap_or(""),
                change.row.text(field),
            );
            let shown = match change.entry.text(field) {
                Some(_) => words,
                None => format!("{{+{}+}} (not in {codes})", change.row.text(field)),
            };
            out.push_str(&field_line(field, &shown));
        }
        out.push('\n');
    }
    for entry in &diff.not_on_page {
        out.push_str(&format!(
            "not on the page {} {} (kept)\n",
            entry.code,
            entry.label()
        ));
    }
    if !diff.not_on_page.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(diff, codes));
    out
}

/// One line: what the page does to `codes`.
pub fn summary(diff: &Diff, codes: &str) -> String {
    let mut parts = Vec::new();
    if !diff.added.is_empty() {
        parts.push(format!("{} added", diff.added.len()));
    }
    if !diff.changed.is_empty() {
        parts.push(format!("{} changed", diff.changed.len()));
    }
    let kept = match diff.not_on_page.len() {
        0 => String::new(),
        n => format!(
            "; {n} {} not on the page: {}",
            if n == 1 { "code is" } else { "codes are" },
            diff.not_on_page
                .iter()
                .map(|entry| entry.code.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    if parts.is_empty() {
        format!("The page adds or changes no code of {codes}{kept}.\n")
    } else {
        format!("The page changes {codes}: {}{kept}.\n", parts.join(", "))
    }
}

/// `  field: text`, further lines of the text indented under its first.
fn field_line(field: Field, text: &str) -> String {
    let label = format!("  {}: ", field.key());
    let indent = " ".repeat(label.len());
    let mut out = label;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&indent);
            }
        }
        out.push_str(line);
    }
    out.push('\n');
    out
}

/// `old` and `new` as one text, words only in `old` in `[-...-]` and words only in `new` in
/// `{+...+}`. Words are compared without the white space before them; the text between the
/// marks is `new`'s.
pub fn words(old: &str, new: &str) -> String {
    let old = tokens(old);
    let new = tokens(new);
    let ops = similar::capture_diff_slices_by_key(Algorithm::Myers, &old, &new, |token| {
        token.trim_start()
    });
    let mut out = String::new();
    let mut deleted: Option<&[&str]> = None;
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let (removed, added) = match tag {
            DiffTag::Equal => {
                flush(&mut out, deleted.take(), None);
                out.push_str(&new[new_range].concat());
                continue;
            }
            DiffTag::Delete => (Some(&old[old_range]), None),
            DiffTag::Insert => (deleted.take(), Some(&new[new_range])),
            DiffTag::Replace => (Some(&old[old_range]), Some(&new[new_range])),
        };
        match (removed, added) {
            (Some(removed), None) => {
                flush(&mut out, deleted.take(), None);
                deleted = Some(removed);
            }
            (removed, added) => flush(&mut out, removed, added),
        }
    }
    flush(&mut out, deleted, None);
    out
}

/// Writes removed and added words: the white space before the first of them, then the marks.
fn flush(out: &mut String, removed: Option<&[&str]>, added: Option<&[&str]>) {
    let first = added.or(removed).and_then(|tokens| tokens.first());
    let Some(first) = first else {
        return;
    };
    out.push_str(&first[..first.len() - first.trim_start().len()]);
    if let Some(removed) = removed {
        out.push_str(&format!("[-{}-]", removed.concat().trim_start()));
    }
    if let Some(added) = added {
        out.push_str(&format!("{{+{}+}}", added.concat().trim_start()));
    }
}

/// `text` cut before each word, so that each piece is the white space before a word and the
/// word; a trailing piece may be white space alone.
fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut in_space = true;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if space && !in_space {
            tokens.push(&text[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: u16, message: &str, solution: &str) -> Row {
        Row::sample(code, message, "d", solution)
    }

    fn entry(code: u16, message: &str, solution: Option<&str>) -> Entry {
        Entry {
            code,
            name: Some(message.into()),
            texts: [
                Some(message.into()),
                Some("d".into()),
                solution.map(Into::into),
            ],
        }
    }

    #[test]
    fn added_changed_and_not_on_the_page() {
        let rows = [row(400, "A", "s"), row(433, "B", "new"), row(451, "C", "s")];
        let entries = [
            entry(402, "K", Some("s")),
            entry(433, "B", Some("old")),
            entry(400, "A", Some("s")),
        ];
        let diff = compare(&rows, &entries);
        assert!(diff.differs());
        assert_eq!(
            json(&diff),
            json!({"added": [451], "changed": [{"code": 433, "fields": ["solution"]}], "not_on_page": [402]})
        );
        assert_eq!(
            text(&diff, "codes.toml"),
            "added 451 C\n  message: C\n  description: d\n  solution: s\n\n\
             changed 433 B\n  solution: [-old-]{+new+}\n\n\
             not on the page 402 K (kept)\n\n\
             The page changes codes.toml: 1 added, 1 changed; 1 code is not on the page: 402.\n"
        );
    }

    #[test]
    fn codes_only_in_the_file_change_nothing() {
        let rows = [row(400, "A", "s")];
        let entries = [entry(400, "A", Some("s")), entry(402, "K", Some("s"))];
        let diff = compare(&rows, &entries);
        assert!(!diff.differs());
        assert_eq!(
            summary(&diff, "the compiled table"),
            "The page adds or changes no code of the compiled table; 1 code is not on the page: 402.\n"
        );
    }

    #[test]
    fn a_missing_text_is_a_change() {
        let rows = [row(400, "A", "s")];
        let entries = [entry(400, "A", None)];
        let diff = compare(&rows, &entries);
        assert_eq!(diff.changed[0].fields, [Field::Solution]);
        assert!(text(&diff, "c.toml").contains("  solution: {+s+} (not in c.toml)\n"));
    }

    #[test]
    fn word_diffs_mark_only_the_changed_words() {
        assert_eq!(
            words("Please try again later.", "Please retry the request later."),
            "Please [-try again-]{+retry the request+} later."
        );
        assert_eq!(words("a b", "a b c"), "a b {+c+}");
        assert_eq!(words("a b c", "a c"), "a [-b-] c");
        assert_eq!(words("", "a"), "{+a+}");
        assert_eq!(tokens(" a  b\n"), [" a", "  b", "\n"]);
        assert_eq!(words("same", "same"), "same");
        assert_eq!(
            words("- one\n- two", "- one\n- three"),
            "- one\n- [-two-]{+three+}"
        );
    }

    #[test]
    fn further_lines_are_indented_under_the_first() {
        assert_eq!(
            field_line(Field::Solution, "Text.\n\n- a\n- b"),
            "  solution: Text.\n\n            - a\n            - b\n"
        );
    }
}
