//! The I/O edge: finds the codes file next to the invoking crate's Cargo.toml and reads it as
//! UTF-8 text.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, render_all};

/// A codes file, read.
#[derive(Debug)]
pub struct Source {
    /// The path as the invocation wrote it, which every diagnostic shows.
    pub name: String,
    /// Where it was read from, which the build tracks.
    pub path: PathBuf,
    pub text: String,
}

/// Why a codes file could not be read, as rendered compile errors.
#[derive(Debug)]
pub struct ReadFailure {
    /// The file, when it exists: the build must still track it, so that fixing it rebuilds.
    pub path: Option<PathBuf>,
    pub errors: Vec<String>,
    /// The text of a file that is not UTF-8, with U+FFFD in place of each invalid sequence.
    pub lossy: Option<String>,
}

impl ReadFailure {
    /// What `read` makes of the text of a file that is not UTF-8, with U+FFFD in place of each
    /// invalid sequence; the default for a file that could not be read at all.
    pub fn read_lossy_text<T: Default>(&self, read: impl FnOnce(&str) -> T) -> T {
        self.lossy.as_deref().map(read).unwrap_or_default()
    }
}

/// Reads `relative`, resolved against `manifest_dir`, the directory of `package`'s Cargo.toml.
pub fn read(manifest_dir: &Path, relative: &str, package: &str) -> Result<Source, ReadFailure> {
    let path = manifest_dir.join(relative);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            let what = if error.kind() == std::io::ErrorKind::NotFound {
                format!("cannot find the codes file `{relative}` of the crate `{package}`")
            } else {
                format!("cannot read the codes file `{relative}` of the crate `{package}`: {error}")
            };
            let help = "the path is relative to the directory of the crate's Cargo.toml \
                        (CARGO_MANIFEST_DIR); create the file there or correct the path";
            return Err(ReadFailure {
                path: None,
                lossy: None,
                errors: vec![
                    Diagnostic::whole_file(what)
                        .with_help(help)
                        .render(relative, ""),
                ],
            });
        }
    };
    match decode(&bytes) {
        Ok(text) => Ok(Source {
            name: relative.to_owned(),
            path,
            text,
        }),
        Err((lossy, diagnostics)) => Err(ReadFailure {
            path: Some(path),
            errors: render_all(&diagnostics, relative, &lossy),
            lossy: Some(lossy),
        }),
    }
}

/// How many invalid byte sequences are reported one by one; the rest are counted.
const MAX_REPORTED: usize = 5;

/// The bytes as text, or a diagnostic for each invalid UTF-8 sequence, located in the file with
/// the invalid bytes replaced by U+FFFD (which is also how the snippet shows them).
pub fn decode(bytes: &[u8]) -> Result<String, (String, Vec<Diagnostic>)> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let mut lossy = String::new();
    let mut diagnostics = Vec::new();
    let mut invalid_count = 0;
    for chunk in bytes.utf8_chunks() {
        lossy.push_str(chunk.valid());
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        invalid_count += 1;
        if invalid_count <= MAX_REPORTED {
            let hex: Vec<String> = invalid.iter().map(|byte| format!("0x{byte:02X}")).collect();
            let offset = lossy.len();
            diagnostics.push(
                Diagnostic::at(
                    offset..offset + char::REPLACEMENT_CHARACTER.len_utf8(),
                    format!(
                        "the codes file is not valid UTF-8: invalid byte {}",
                        hex.join(" ")
                    ),
                )
                .with_help("save the file as UTF-8; TOML files must be UTF-8"),
            );
        }
        lossy.push(char::REPLACEMENT_CHARACTER);
    }
    if invalid_count > MAX_REPORTED {
        diagnostics.push(Diagnostic::whole_file(format!(
            "the codes file has {} more invalid UTF-8 sequences",
            invalid_count - MAX_REPORTED
        )));
    }
    Err((lossy, diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located_by_line_and_column() {
        let (lossy, diagnostics) = decode(b"[[code]]\nname = \"T\xFFx\"\n").unwrap_err();
        assert_eq!(diagnostics.len(), 1);
        let rendered = diagnostics[0].render("codes.toml", &lossy);
        assert!(
            rendered.starts_with(
                "the codes file is not valid UTF-8: invalid byte 0xFF\n --> codes.toml:2:10"
            ),
            "{rendered}"
        );
    }

    #[test]
    fn many_invalid_sequences_are_reported_up_to_a_limit_and_counted() {
        let bytes = [b'a', 0xFF].repeat(8);
        let (_, diagnostics) = decode(&bytes).unwrap_err();
        assert_eq!(diagnostics.len(), MAX_REPORTED + 1);
        assert_eq!(
            diagnostics[MAX_REPORTED].message,
            "the codes file has 3 more invalid UTF-8 sequences"
        );
    }

    #[test]
    fn a_missing_file_names_the_path_and_the_crate_but_not_where_it_is_built() {
        let dir = std::env::temp_dir();
        let failure = read(&dir, "no-such-codes-file.toml", "my-service").unwrap_err();
        assert!(
            failure.errors[0].starts_with(
                "cannot find the codes file `no-such-codes-file.toml` of the crate `my-service`\n"
            ),
            "{:?}",
            failure.errors
        );
        assert!(
            !failure.errors[0].contains(&dir.display().to_string()),
            "{:?}",
            failure.errors
        );
        assert!(failure.path.is_none());
    }
}
