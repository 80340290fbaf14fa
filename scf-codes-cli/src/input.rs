//! Reading what the commands are given: files and standard input, named in messages the way
//! a person can read.

use std::fs::File;
use std::io::{self, IsTerminal as _, Read, Seek};
use std::path::Path;

use scf_codes_triage::source::shown_path;

use crate::Failure;

/// What an input is read through: its bytes, and a way back to its start where it has one (a
/// file, where triage reads a zip archive in place; standard input has none).
pub trait Input: Read + Seek {}

impl<T: Read + Seek> Input for T {}

/// An input, opened: what to read, the name to show for it in messages, and its size when it is
/// known (a file; not a pipe).
pub struct Opened {
    /// The bytes.
    pub reader: Box<dyn Input>,
    /// `standard input`, or the path as [`shown_path`] shows it.
    pub name: String,
    /// The size in bytes, where it is known before reading.
    pub size: Option<u64>,
}

/// Whether `path` names standard input: `-`, as every command that reads a file takes it.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Opens `path`, or standard input for `-` or none. A directory is refused with what to give
/// instead. On a terminal, standard input is read after a hint on standard error that says how
/// to end it, so that a command given no file does not wait in silence.
pub fn open(path: Option<&Path>) -> Result<Opened, Failure> {
    match path {
        Some(path) if !is_stdin(path) => {
            let name = shown_path(path);
            let file = File::open(path)
                .map_err(|error| Failure(format!("cannot read {name}: {error}")))?;
            let metadata = file.metadata().ok();
            if metadata.as_ref().is_some_and(|metadata| metadata.is_dir()) {
                return Err(Failure(format!(
                    "cannot read {name}: it is a directory; name the files in it, e.g. {name}/*"
                )));
            }
            let size = metadata
                .filter(|metadata| metadata.is_file())
                .map(|metadata| metadata.len());
            Ok(Opened {
                reader: Box::new(file),
                name,
                size,
            })
        }
        _ => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                eprintln!("{}", stdin_hint());
            }
            let size = stdin_file_size(&stdin);
            Ok(Opened {
                reader: Box::new(UntilEnd {
                    inner: stdin.lock(),
                    ended: false,
                }),
                name: "standard input".to_owned(),
                size,
            })
        }
    }
}

/// The size of an input, where it is known before reading: a file's, or standard input's when
/// it is redirected from a file; `None` for a pipe, or a file that cannot be read.
pub fn size(path: Option<&Path>) -> Option<u64> {
    match path {
        Some(path) if !is_stdin(path) => std::fs::metadata(path)
            .ok()
            .filter(|metadata| metadata.is_file())
            .map(|metadata| metadata.len()),
        _ => stdin_file_size(&io::stdin()),
    }
}

/// The size of standard input when it is redirected from a file: `scf-codes triage < logs`.
#[cfg(unix)]
fn stdin_file_size(stdin: &io::Stdin) -> Option<u64> {
    use std::os::fd::AsFd as _;
    let fd = stdin.as_fd().try_clone_to_owned().ok()?;
    let metadata = File::from(fd).metadata().ok()?;
    metadata.is_file().then_some(metadata.len())
}

/// The size of standard input: not looked for outside Unix.
#[cfg(not(unix))]
fn stdin_file_size(_: &io::Stdin) -> Option<u64> {
    None
}

/// A reader that stops at the first end of its input. A terminal ends standard input once for
/// each Ctrl-D, and a reader that read on after the end would wait for a second one.
struct UntilEnd<R> {
    inner: R,
    ended: bool,
}

impl<R: Read> Read for UntilEnd<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended || buf.is_empty() {
            return Ok(0);
        }
        let read = self.inner.read(buf)?;
        self.ended = read == 0;
        Ok(read)
    }
}

/// Standard input cannot go back: what was read of it is gone.
impl<R> Seek for UntilEnd<R> {
    fn seek(&mut self, _: io::SeekFrom) -> io::Result<u64> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "standard input cannot seek",
        ))
    }
}

/// What a command waiting for standard input on a terminal says first.
pub fn stdin_hint() -> &'static str {
    if cfg!(windows) {
        "reading standard input; end it with Ctrl-Z then Enter"
    } else {
        "reading standard input; end it with Ctrl-D"
    }
}

/// Reads `file`, or standard input for `-` or none, up to one byte past `limit`: enough to know
/// that an input is over the limit without reading all of it. Returns the bytes and the name to
/// show for the input in messages.
pub fn read_at_most(file: Option<&Path>, limit: u64) -> Result<(Vec<u8>, String), Failure> {
    let Opened { reader, name, .. } = open(file)?;
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Failure(format!("cannot read {name}: {error}")))?;
    Ok((bytes, name))
}
