//! The colours of the command's output, as anstyle styles. Text is always written styled;
//! anstream strips the styles where colour is off (`--color never`, `NO_COLOR`, a pipe), so
//! that no function here needs to know where its text goes.

use anstyle::{Ansi256Color, AnsiColor, Color, Style};
use scf_codes::{Category, Code};

/// A status code's number.
pub const CODE: Style = Style::new().bold();

/// A status code's name.
pub const NAME: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Cyan)));

/// A heading: `Description`, a table's header row.
pub const HEADING: Style = Style::new().bold();

/// `error:` before a message on standard error.
pub const ERROR: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Red)));

/// `warning:` before a message on standard error.
pub const WARNING: Style = Style::new()
    .bold()
    .fg_color(Some(Color::Ansi(AnsiColor::Yellow)));

/// A category in the colour the HTML report gives it: success green, request blue, permission
/// purple, function red, configuration orange, throttling yellow, account brown, platform slate.
pub fn category(category: Category) -> Style {
    let color = match category {
        Category::Success => Color::Ansi(AnsiColor::Green),
        Category::Request => Color::Ansi(AnsiColor::Blue),
        Category::Permission => Color::Ansi(AnsiColor::Magenta),
        Category::Function => Color::Ansi(AnsiColor::Red),
        Category::Configuration => Color::Ansi256(Ansi256Color(208)),
        Category::Throttling => Color::Ansi(AnsiColor::Yellow),
        Category::Account => Color::Ansi256(Ansi256Color(137)),
        Category::Platform => Color::Ansi256(Ansi256Color(67)),
        _ => return Style::new().dimmed(),
    };
    Style::new().fg_color(Some(color))
}

/// `text` in `style`, reset after it.
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// A code as its `Display` shows it, `433 TimeLimitReached`, with its number and name styled.
pub fn code(code: Code) -> String {
    let text = code.to_string();
    match text.split_once(' ') {
        Some((number, rest)) => format!("{} {}", paint(CODE, number), paint(NAME, rest)),
        None => paint(CODE, &text),
    }
}
