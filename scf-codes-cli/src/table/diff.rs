//! The page compared with codes.toml: the codes it adds, the texts it changes (shown word by
//! word), and the codes it no longer has.

use scf_codes::Lang;
use serde_json::json;
use similar::{Algorithm, DiffTag};

use super::codes::{Entry, Field};
use super::page::Row;

/// What the page would change in codes.toml.
#[derive(Debug)]
pub struct Diff<'a> {
    /// The page's language: the fields it compares and writes are those of
    /// [`Field::written`].
    pub lang: Lang,
    /// Rows of the page with no entry, by code.
    pub added: Vec<&'a Row>,
    /// Rows whose texts differ from their entry's, by code.
    pub changed: Vec<Change<'a>>,
    /// Entries with no row on the page, by code: reported, never removed.
    pub not_on_page: Vec<&'a Entry>,
    /// Rows whose texts of [`Field::reported`] differ from their entry's (the message, on a
    /// Chinese page): reported, never written.
    pub reported: Vec<Change<'a>>,
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

impl Change<'_> {
    /// The names of the fields that differ, as `--json` and reports give them.
    pub fn keys(&self) -> Vec<&'static str> {
        self.fields.iter().map(|field| field.key()).collect()
    }
}

impl Diff<'_> {
    /// Whether the page adds or changes a code (codes only in the file change nothing).
    pub fn differs(&self) -> bool {
        !self.added.is_empty() || !self.changed.is_empty()
    }
}

/// Compares the `rows` of a page in `lang` with the file's `entries`, on the fields of that
/// language only.
pub fn compare<'a>(lang: Lang, rows: &'a [Row], entries: &'a [Entry]) -> Diff<'a> {
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut reported = Vec::new();
    for row in rows {
        match entries.iter().find(|entry| entry.code == row.code) {
            None => added.push(row),
            Some(entry) => {
                let differing = |fields: &[Field]| -> Vec<Field> {
                    fields
                        .iter()
                        .copied()
                        .filter(|&field| entry.text(field) != Some(row.text(field)))
                        .collect()
                };
                let fields = differing(Field::written(lang));
                if !fields.is_empty() {
                    changed.push(Change { row, entry, fields });
                }
                let fields = differing(Field::reported(lang));
                if !fields.is_empty() {
                    reported.push(Change { row, entry, fields });
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
        lang,
        added,
        changed,
        not_on_page,
        reported,
    }
}

/// `{"language": "en", "added": [code, ...], "changed": [{"code": 433, "fields":
/// ["solution"]}], "not_on_page": [code, ...], "not_written": [{"code": 439, "fields":
/// ["message"]}]}`; a Chinese page's fields are `zh.description` and `zh.solution`.
pub fn json(diff: &Diff) -> serde_json::Value {
    let changes = |changes: &[Change]| {
        changes
            .iter()
            .map(|change| {
                json!({
                    "code": change.row.code,
                    "fields": change.keys(),
                })
            })
            .collect::<Vec<_>>()
    };
    json!({
        "language": diff.lang.as_str(),
        "added": diff.added.iter().map(|row| row.code).collect::<Vec<_>>(),
        "changed": changes(&diff.changed),
        "not_on_page": diff.not_on_page.iter().map(|entry| entry.code).collect::<Vec<_>>(),
        "not_written": changes(&diff.reported),
    })
}

/// The diff for a person: each added code with its texts, each changed text as a word diff
/// (`[-removed-]{+added+}`, as `git diff --word-diff`), each code not on the page, then a
/// summary line. `codes` names what the page was compared with.
pub fn text(diff: &Diff, codes: &str) -> String {
    let mut out = String::new();
    for row in &diff.added {
        out.push_str(&format!("added {} {}\n", row.code, row.message));
        for &field in Field::reported(diff.lang)
            .iter()
            .chain(Field::written(diff.lang))
        {
            out.push_str(&field_line(field, row.text(field)));
        }
        out.push('\n');
    }
    let changes = diff
        .changed
        .iter()
        .map(|change| (change, "changed", ""))
        .chain(diff.reported.iter().map(|change| {
            (
                change,
                "differs",
                " (not written: the message is what SCF returns, one text in every language)",
            )
        }));
    for (change, what, note) in changes {
        out.push_str(&format!(
            "{what} {} {}{note}\n",
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

/// `  field: text`, further lines of the text indented under its first (by display width).
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
        // Chinese is written without spaces: each wide character is a word of its own.
        let wide = is_wide(c);
        if (space || wide) && !in_space && start < i {
            tokens.push(&text[start..i]);
            start = i;
        }
        in_space = space;
        if wide {
            tokens.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
            in_space = true;
        }
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

/// Whether `c` takes two columns in a terminal, as CJK characters do.
fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
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
                None,
                None,
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
        let diff = compare(Lang::En, &rows, &entries);
        assert!(diff.differs());
        assert_eq!(
            json(&diff),
            json!({"language": "en", "added": [451], "changed": [{"code": 433, "fields": ["solution"]}], "not_on_page": [402], "not_written": []})
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
        let diff = compare(Lang::En, &rows, &entries);
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
        let diff = compare(Lang::En, &rows, &entries);
        assert_eq!(diff.changed[0].fields, [Field::Solution]);
        assert!(text(&diff, "c.toml").contains("  solution: {+s+} (not in c.toml)\n"));
    }

    #[test]
    fn a_chinese_page_compares_the_chinese_texts_and_reports_a_message_it_never_writes() {
        let rows = [
            Row::sample(433, "TimeLimitReached", "超时。", "-"),
            Row::sample(439, "User process exit", "退出。", "重试。"),
        ];
        let mut timeout = entry(433, "TimeLimitReached", Some("s"));
        timeout.texts[3] = Some("超时。".into());
        timeout.texts[4] = Some("-".into());
        let exit = entry(439, "User preocess exit", Some("s"));
        let entries = [timeout, exit];
        let diff = compare(Lang::Zh, &rows, &entries);
        assert_eq!(
            json(&diff),
            json!({"language": "zh", "added": [], "changed": [{"code": 439, "fields": ["zh.description", "zh.solution"]}],
                   "not_on_page": [], "not_written": [{"code": 439, "fields": ["message"]}]})
        );
        let shown = text(&diff, "codes.toml");
        assert!(
            shown.contains("  zh.description: {+退出。+} (not in codes.toml)\n"),
            "{shown}"
        );
        assert!(
            shown.contains("differs 439 User preocess exit (not written"),
            "{shown}"
        );
        assert!(
            shown.contains("  message: User [-preocess-]{+process+} exit\n"),
            "{shown}"
        );
        let english = compare(Lang::En, &rows, &entries);
        assert!(english.reported.is_empty());
        assert!(english.changed.iter().all(|change| {
            change
                .fields
                .iter()
                .all(|field| Field::written(Lang::En).contains(field))
        }));
    }

    #[test]
    fn chinese_words_are_compared_character_by_character() {
        assert_eq!(
            words("请稍后重试。", "请立即重试。"),
            "请[-稍后-]{+立即+}重试。"
        );
        assert_eq!(tokens("a 超时"), ["a", " 超", "时"]);
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
