//! Errors found in a codes file, located by byte span and rendered the way rustc renders its own.

use std::fmt::Write as _;
use std::ops::Range;

/// One problem in a codes file: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, in one line.
    pub message: String,
    /// The bytes of the file the problem is about; `None` for problems with the file as a whole.
    pub span: Option<Range<usize>>,
    /// Other places that explain the problem, such as the first of two duplicates.
    pub notes: Vec<Note>,
    /// How to fix it.
    pub help: Option<String>,
    /// Which part of the file it is about, so that each macro reports only its own part.
    pub section: Section,
}

/// The part of a codes file a problem is in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Section {
    /// The file as a whole: reading it, its syntax, its top-level keys.
    #[default]
    File,
    /// A `[[code]]` entry, or the set of them.
    Codes,
    /// A `[[limit]]` entry, or the set of them.
    Limits,
}

/// A secondary remark, optionally pointing at another place in the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub span: Option<Range<usize>>,
}

/// A 1-based line and column, counted in characters like rustc counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    /// A problem at `span` of the file.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: Some(span),
            notes: Vec::new(),
            help: None,
            section: Section::File,
        }
    }

    /// A problem with the file as a whole, such as a file that is missing.
    pub fn whole_file(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: None,
            notes: Vec::new(),
            help: None,
            section: Section::File,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, text: impl Into<String>) -> Self {
        self.notes.push(Note {
            text: text.into(),
            span: None,
        });
        self
    }

    /// A note that ends with the location of `span`, e.g. `first used at codes.toml:12:8`.
    pub fn with_note_at(mut self, text: impl Into<String>, span: Range<usize>) -> Self {
        self.notes.push(Note {
            text: text.into(),
            span: Some(span),
        });
        self
    }

    /// Renders the diagnostic as the text of one compile error:
    ///
    /// ```text
    /// duplicate code 433
    ///   --> codes.toml:40:8
    ///    |
    /// 40 | code = 433
    ///    |        ^^^
    ///    = note: 433 is first used at codes.toml:12:8
    ///    = help: give each entry its own code
    /// ```
    pub fn render(&self, file: &str, text: &str) -> String {
        let mut out = self.message.clone();
        let Some(span) = &self.span else {
            for note in &self.notes {
                let _ = write!(out, "\n = note: {}", note_text(note, file, text));
            }
            if let Some(help) = &self.help {
                let _ = write!(out, "\n = help: {help}");
            }
            return out;
        };
        let start = location(text, span.start);
        let gutter = " ".repeat(start.line.to_string().len());
        let _ = write!(
            out,
            "\n{gutter}--> {file}:{}:{}\n{gutter} |",
            start.line, start.column
        );
        let line_text = line_at(text, span.start);
        let marked = marked_columns(line_text, start.column, span.len());
        let _ = write!(
            out,
            "\n{} | {}\n{gutter} | {}{}",
            start.line,
            visible(line_text),
            " ".repeat(start.column - 1),
            "^".repeat(marked)
        );
        for note in &self.notes {
            let _ = write!(out, "\n{gutter} = note: {}", note_text(note, file, text));
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n{gutter} = help: {help}");
        }
        out
    }
}

/// Each diagnostic rendered as the text of one compile error: see [`Diagnostic::render`].
pub fn render_all(diagnostics: &[Diagnostic], file: &str, text: &str) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.render(file, text))
        .collect()
}

/// Sorts diagnostics in the order of the file, problems with the file as a whole first; the
/// sort is stable, so those at one place keep the order in which they were found.
pub fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|diagnostic| diagnostic.span.as_ref().map(|span| span.start));
}

fn note_text(note: &Note, file: &str, text: &str) -> String {
    match &note.span {
        Some(span) => {
            let at = location(text, span.start);
            format!("{} at {file}:{}:{}", note.text, at.line, at.column)
        }
        None => note.text.clone(),
    }
}

/// The line and column of byte `offset` of `text`. An offset past the end, or inside a
/// character, is placed at the nearest character boundary before it.
pub fn location(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The whole line that holds byte `offset`, without its line ending.
fn line_at(text: &str, offset: usize) -> &str {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let end = text[offset..]
        .find('\n')
        .map_or(text.len(), |newline| offset + newline);
    &text[start..end]
}

/// The line as it can be shown in a terminal: a tab is one space, so that the caret below stays
/// under its column, and other control characters, a carriage return or a NUL among them, are
/// their Unicode pictures (`␍`, `␀`), one column each too.
fn visible(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{7f}' => '\u{2421}',
            c if c < ' ' => {
                char::from_u32(0x2400 + c as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            c => c,
        })
        .collect()
}

/// How many carets to draw: the span's characters on its first line, at least one.
fn marked_columns(line: &str, column: usize, span_bytes: usize) -> usize {
    let rest: String = line.chars().skip(column - 1).collect();
    let mut bytes = 0;
    let mut chars = 0;
    for c in rest.chars() {
        if bytes >= span_bytes {
            break;
        }
        bytes += c.len_utf8();
        chars += 1;
    }
    chars.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters_from_one() {
        let text = "a = 1\nname = \"é\"\nx";
        assert_eq!(location(text, 0), Location { line: 1, column: 1 });
        assert_eq!(location(text, 6), Location { line: 2, column: 1 });
        // The closing quote comes after the two-byte `é`: column 10, not 11.
        assert_eq!(
            location(text, 16),
            Location {
                line: 2,
                column: 10
            }
        );
        assert_eq!(location(text, 999), Location { line: 3, column: 2 });
    }

    #[test]
    fn render_points_at_the_span_with_notes_and_help() {
        let text = "[[code]]\ncode = 433\n";
        let rendered = Diagnostic::at(16..19, "duplicate code 433")
            .with_note_at("433 is first used", 0..1)
            .with_help("give each entry its own code")
            .render("codes.toml", text);
        assert_eq!(
            rendered,
            "duplicate code 433\n --> codes.toml:2:8\n  |\n2 | code = 433\n  |        ^^^\n  \
             = note: 433 is first used at codes.toml:1:1\n  = help: give each entry its own code"
        );
    }

    #[test]
    fn render_of_a_whole_file_problem_has_no_snippet() {
        let rendered = Diagnostic::whole_file("cannot find codes.toml")
            .with_help("create it")
            .render("codes.toml", "");
        assert_eq!(rendered, "cannot find codes.toml\n = help: create it");
    }

    #[test]
    fn control_characters_show_as_pictures_in_their_column() {
        let rendered = Diagnostic::at(2..3, "here").render("f.toml", "#\r\r\n");
        assert!(rendered.ends_with("1 | #␍␍\n  |   ^"), "{rendered}");
        let rendered = Diagnostic::at(1..2, "nul").render("f.toml", "a\0b\tc");
        assert!(rendered.contains("1 | a␀b c"), "{rendered}");
    }

    #[test]
    fn an_empty_span_still_gets_one_caret() {
        let rendered = Diagnostic::at(5..5, "here").render("f.toml", "abcdefgh");
        assert!(rendered.ends_with("1 | abcdefgh\n  |      ^"), "{rendered}");
    }
}
