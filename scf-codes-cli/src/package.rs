//! Checking a handler against a code package, a directory or a .zip: the entry file must sit at
//! the package root, and for Python, Node.js and PHP it must define the function. What fails is
//! reported as the status code it would cause, 437 HandlerNotFound.

use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use scf_codes::Code;
use scf_codes::handler::{Handler, Runtime};

use crate::Failure;

/// The most files a package may hold before the check gives up.
const MAX_FILES: usize = 100_000;
/// How much of an entry file is read for the function's definition.
const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// A code package: its files, by path relative to its root with `/` between folders.
enum Package {
    Directory(PathBuf),
    Zip(Box<zip::ZipArchive<Box<dyn ReadSeek>>>),
}

/// What a zip archive is read from: a file, or standard input held in memory.
trait ReadSeek: std::io::Read + std::io::Seek {}

impl<T: std::io::Read + std::io::Seek> ReadSeek for T {}

/// The most bytes of a .zip read from standard input: over SCF's largest code package.
const MAX_STDIN_PACKAGE_BYTES: u64 = 1 << 30;

impl Package {
    fn open(path: &Path) -> Result<Package, Failure> {
        if path.is_dir() {
            return Ok(Package::Directory(path.to_owned()));
        }
        let source: Box<dyn ReadSeek> = if path == Path::new("-") {
            // A zip archive's directory is at its end: standard input is read whole first.
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(MAX_STDIN_PACKAGE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|error| {
                    Failure(format!(
                        "cannot read the package from standard input: {error}"
                    ))
                })?;
            if bytes.len() as u64 > MAX_STDIN_PACKAGE_BYTES {
                return Err(Failure(
                    "the package on standard input is over 1 GiB, more than SCF deploys; is it \
                     the right file?"
                        .to_owned(),
                ));
            }
            Box::new(std::io::Cursor::new(bytes))
        } else {
            Box::new(File::open(path).map_err(|error| {
                Failure(format!(
                    "cannot open the package {}: {error}",
                    scf_codes_triage::source::shown_path(path)
                ))
            })?)
        };
        let name = match path == Path::new("-") {
            true => "standard input".to_owned(),
            false => scf_codes_triage::source::shown_path(path).to_string(),
        };
        let archive = zip::ZipArchive::new(source).map_err(|error| {
            Failure(format!(
                "{name} is neither a directory nor a readable .zip file ({error}); give the \
                 folder or the .zip you deploy"
            ))
        })?;
        Ok(Package::Zip(Box::new(archive)))
    }

    /// Every file's path.
    fn files(&self) -> Result<Vec<String>, Failure> {
        match self {
            Package::Directory(root) => {
                let mut files = Vec::new();
                walk(root, "", &mut files)?;
                Ok(files)
            }
            Package::Zip(archive) => {
                let mut files = Vec::new();
                for name in archive.file_names() {
                    let name = name.map_err(|error| {
                        Failure(format!("the package has an unreadable file name: {error}"))
                    })?;
                    if !name.ends_with('/') {
                        files.push(name.into_owned());
                    }
                }
                Ok(files)
            }
        }
    }

    /// The start of a file's text, lossily decoded.
    fn read_text(&mut self, path: &str) -> Result<String, Failure> {
        let mut bytes = Vec::new();
        let result = match self {
            Package::Directory(root) => File::open(root.join(path))
                .and_then(|file| file.take(MAX_SOURCE_BYTES).read_to_end(&mut bytes)),
            Package::Zip(archive) => archive
                .by_name(path)
                .map_err(std::io::Error::other)
                .and_then(|entry| entry.take(MAX_SOURCE_BYTES).read_to_end(&mut bytes)),
        };
        result.map_err(|error| Failure(format!("cannot read {path} in the package: {error}")))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

fn walk(directory: &Path, prefix: &str, files: &mut Vec<String>) -> Result<(), Failure> {
    let entries = std::fs::read_dir(directory).map_err(|error| {
        Failure(format!(
            "cannot read {}: {error}",
            scf_codes_triage::source::shown_path(directory)
        ))
    })?;
    for entry in entries {
        let entry = entry.map_err(|error| {
            Failure(format!(
                "cannot read {}: {error}",
                scf_codes_triage::source::shown_path(directory)
            ))
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        let kind = entry
            .file_type()
            .map_err(|error| Failure(format!("cannot read {path}: {error}")))?;
        if kind.is_dir() {
            walk(&entry.path(), &format!("{path}/"), files)?;
        } else {
            files.push(path);
        }
        if files.len() > MAX_FILES {
            return Err(Failure(format!(
                "the package holds more than {MAX_FILES} files; check the folder you deploy"
            )));
        }
    }
    Ok(())
}

/// Checks `handler` against the package at `path`. `Ok` says what was found; `Err` says what
/// fails and that it would cause 437 HandlerNotFound.
pub fn check(handler: &Handler<'_>, path: &Path) -> Result<String, Failure> {
    let mut package = Package::open(path)?;
    let Some(entry_file) = handler.entry_file() else {
        let files = package.files()?;
        return if files.iter().any(|file| file == "bootstrap") {
            Ok(
                "the package has a `bootstrap` at its root, which starts a Custom Runtime"
                    .to_owned(),
            )
        } else {
            Err(handler_not_found(
                "a Custom Runtime package needs an executable `bootstrap` at its root, and this \
                 one has none"
                    .to_owned(),
            ))
        };
    };
    let files = package.files()?;
    let Some(entry_path) = files.iter().find(|file| entry_file.matches(file)) else {
        let elsewhere: Vec<&String> = files
            .iter()
            .filter(|file| entry_file.has_same_file_name(file))
            .take(3)
            .collect();
        return Err(handler_not_found(match elsewhere.as_slice() {
            [] => format!(
                "the entry file `{entry_file}` is not in the package; handler `{handler}` needs \
                 it at the package root"
            ),
            found => format!(
                "the entry file `{entry_file}` is not at the package root but at {}: put it at \
                 the root (zip the folder's contents, not the folder)",
                found
                    .iter()
                    .map(|file| format!("`{file}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }));
    };
    let Some(function) = handler
        .function_name()
        .filter(|_| handler.runtime() != Runtime::Java)
    else {
        return Ok(format!(
            "the entry file `{entry_path}` is at the package root"
        ));
    };
    let source = package.read_text(entry_path)?;
    if defines(handler.runtime(), &source, function) {
        Ok(format!(
            "the entry file `{entry_path}` is at the package root and defines `{function}`"
        ))
    } else {
        Err(handler_not_found(format!(
            "`{entry_path}` does not define `{function}`: expected {}",
            definition_example(handler.runtime(), function)
        )))
    }
}

fn handler_not_found(why: String) -> Failure {
    let code = Code::HandlerNotFound;
    Failure(format!(
        "{why}; SCF would fail with {} {}",
        code.as_u16(),
        code.name()
    ))
}

fn definition_example(runtime: Runtime, function: &str) -> String {
    match runtime {
        Runtime::Python => format!("`def {function}(event, context):`"),
        Runtime::NodeJs => format!("`exports.{function} = async (event, context) => {{ ... }}`"),
        _ => format!("`function {function}($event, $context)`"),
    }
}

/// A textual check that `source` defines `function` the way each language exports an entry.
fn defines(runtime: Runtime, source: &str, function: &str) -> bool {
    let lines = || source.lines().map(str::trim_start);
    match runtime {
        Runtime::Python => lines().any(|line| {
            let line = line.strip_prefix("async ").unwrap_or(line);
            line.strip_prefix("def ")
                .and_then(|rest| rest.trim_start().strip_prefix(function))
                .is_some_and(|rest| rest.trim_start().starts_with('('))
        }),
        Runtime::NodeJs => {
            contains_word(source, &format!("exports.{function}"))
                || contains_word(source, &format!("exports[\"{function}\"]"))
                || contains_word(source, &format!("exports['{function}']"))
                || (source.contains("module.exports") && contains_word(source, function))
                || lines().any(|line| line.starts_with("export ") && contains_word(line, function))
        }
        Runtime::Php => lines().any(|line| {
            line.split_once("function ")
                .map(|(_, rest)| rest.trim_start())
                .and_then(|rest| rest.strip_prefix(function))
                .is_some_and(|rest| rest.trim_start().starts_with('('))
        }),
        // Go, Java and Custom Runtime name no function to look for in a source file.
        _ => true,
    }
}

/// Whether `word` occurs in `text` not as part of a longer identifier.
fn contains_word(text: &str, word: &str) -> bool {
    let is_identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + word.len()..].chars().next();
        !before.is_some_and(is_identifier) && !after.is_some_and(is_identifier)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_definitions_are_found() {
        assert!(defines(
            Runtime::Python,
            "import json\n\ndef main_handler(event, context):\n    return 1\n",
            "main_handler"
        ));
        assert!(defines(
            Runtime::Python,
            "async def main_handler (event, context):\n",
            "main_handler"
        ));
        assert!(!defines(
            Runtime::Python,
            "def main_handler_v2(event, context):\n",
            "main_handler"
        ));
        assert!(!defines(
            Runtime::Python,
            "# def main_handler is gone\n",
            "main_handler"
        ));
    }

    #[test]
    fn node_exports_are_found() {
        assert!(defines(
            Runtime::NodeJs,
            "exports.main_handler = async (event) => 1;",
            "main_handler"
        ));
        assert!(defines(
            Runtime::NodeJs,
            "module.exports = { main_handler };",
            "main_handler"
        ));
        assert!(defines(
            Runtime::NodeJs,
            "export async function main_handler(event) {}",
            "main_handler"
        ));
        assert!(!defines(
            Runtime::NodeJs,
            "exports.main_handler2 = 1;",
            "main_handler"
        ));
        assert!(!defines(
            Runtime::NodeJs,
            "function main_handler() {}",
            "main_handler"
        ));
    }

    #[test]
    fn php_functions_are_found() {
        assert!(defines(
            Runtime::Php,
            "<?php\nfunction main_handler($event, $context) {\n}",
            "main_handler"
        ));
        assert!(!defines(
            Runtime::Php,
            "<?php\nfunction other($event) {}",
            "main_handler"
        ));
    }

    #[test]
    fn words_do_not_match_inside_longer_identifiers() {
        assert!(contains_word("a main_handler b", "main_handler"));
        assert!(!contains_word("my_main_handler", "main_handler"));
        assert!(contains_word(
            "exports.main_handler=",
            "exports.main_handler"
        ));
    }
}
