//! triage's progress on standard error (indicatif): the bytes read, the rate and, where the
//! inputs' size is known, the share done and the time left. It counts the bytes of each input as
//! the command hands it to triage, before any unpacking or parsing, and shows only on a terminal,
//! once the run has lasted a second: a pipe, a file or a quick run never sees it.

use std::io::{self, IsTerminal as _, Read, Seek};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::{Input, Opened};

/// How long a run goes before its progress is shown: a quick run prints only its report.
pub const DELAY: Duration = Duration::from_secs(1);

/// The line shown when the inputs' size is known.
const WITH_SIZE: &str =
    "{bytes:>10} of {total_bytes} {wide_bar} {percent:>3}%  {binary_bytes_per_sec}, {eta} left";

/// The line shown when it is not (standard input from a pipe).
const WITHOUT_SIZE: &str = "{spinner} {bytes} read, {binary_bytes_per_sec}";

/// The progress of one run over its inputs.
pub struct Progress {
    bar: ProgressBar,
    /// Whether the progress may be shown at all: see [`wanted`].
    wanted: bool,
    started: Instant,
}

/// Whether progress may be shown: when standard error is a terminal, and not when the JSON
/// report goes into a pipe, where a script reads it.
pub fn wanted(json: bool) -> bool {
    io::stderr().is_terminal() && (!json || io::stdout().is_terminal())
}

impl Progress {
    /// The progress of a run over inputs of `total` bytes (`None` when the size of one of them is
    /// not known), hidden until it has lasted [`DELAY`], and for ever unless `wanted`.
    pub fn new(total: Option<u64>, wanted: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        bar.set_style(style(total.is_some()));
        Progress {
            bar,
            wanted,
            started: Instant::now(),
        }
    }

    /// `input`, whose bytes are counted as they are read.
    pub fn count(&self, input: Opened) -> Opened {
        let reader = Counted {
            inner: input.reader,
            bar: self.bar.clone(),
            show_at: self.wanted.then(|| self.started + DELAY),
        };
        Opened {
            reader: Box::new(reader),
            ..input
        }
    }

    /// Takes the progress off the terminal, before the report is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The style of the line, with the share done and the time left when the size is known.
fn style(size_known: bool) -> ProgressStyle {
    let template = if size_known { WITH_SIZE } else { WITHOUT_SIZE };
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// A reader that adds the bytes it reads to the progress, and shows it once it is due.
struct Counted {
    inner: Box<dyn Input>,
    bar: ProgressBar,
    /// When the progress is to be shown; `None` once it is, or when it never is.
    show_at: Option<Instant>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.bar.inc(read as u64);
        if self.show_at.is_some_and(|due| Instant::now() >= due) {
            self.show_at = None;
            // Another input's reader may have shown it already.
            if self.bar.is_hidden() {
                self.bar.set_draw_target(ProgressDrawTarget::stderr());
                // Drawn now: once the steady tick runs, only its thread draws.
                self.bar.tick();
                // The rate and the spinner move on while a pipe keeps the reader waiting.
                self.bar.enable_steady_tick(Duration::from_millis(250));
            }
        }
        Ok(read)
    }
}

/// Seeking is the input's own: triage reads a zip archive in place, through its directory, and
/// the bytes it reads again count again.
impl Seek for Counted {
    fn seek(&mut self, position: io::SeekFrom) -> io::Result<u64> {
        self.inner.seek(position)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use indicatif::TermLike;

    use super::*;

    /// A terminal that keeps the lines drawn on it.
    #[derive(Debug, Clone, Default)]
    struct Screen(Arc<Mutex<String>>);

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            100
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, line: &str) -> io::Result<()> {
            self.write_str(&format!("{line}\n"))
        }
        fn write_str(&self, text: &str) -> io::Result<()> {
            self.0.lock().unwrap().push_str(text);
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    fn drawn(total: Option<u64>, position: u64) -> String {
        let screen = Screen::default();
        let bar = ProgressBar::with_draw_target(
            total,
            ProgressDrawTarget::term_like(Box::new(screen.clone())),
        );
        bar.set_style(style(total.is_some()));
        bar.set_position(position);
        bar.tick();
        screen.0.lock().unwrap().clone()
    }

    #[test]
    fn a_known_size_shows_the_share_done_and_the_time_left() {
        let line = drawn(Some(8 << 30), 2 << 30);
        assert!(line.contains("2.00 GiB of 8.00 GiB"), "{line}");
        assert!(line.contains(" 25%"), "{line}");
        assert!(line.contains("/s, ") && line.contains(" left"), "{line}");
    }

    #[test]
    fn an_unknown_size_shows_the_bytes_read_and_the_rate() {
        let line = drawn(None, 3 << 20);
        assert!(line.contains("3.00 MiB read, "), "{line}");
        assert!(line.contains("/s"), "{line}");
    }

    #[test]
    fn the_count_is_every_byte_read_and_it_stays_hidden_when_not_wanted() {
        let progress = Progress::new(Some(10), false);
        let input = Opened {
            reader: Box::new(io::Cursor::new(b"0123456789")),
            name: "test".to_owned(),
            size: Some(10),
        };
        let mut counted = progress.count(input);
        let mut bytes = Vec::new();
        counted.reader.read_to_end(&mut bytes).unwrap();
        assert_eq!(bytes, b"0123456789");
        assert_eq!(progress.bar.position(), 10);
        assert!(progress.bar.is_hidden());
    }
}
