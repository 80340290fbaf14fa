//! Where the commands write files, checked before any input is read: a long run over gigabytes
//! of logs must not end in "cannot write" once it is done.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use crate::Failure;
use scf_codes_triage::source::shown_path;

/// Fails, saying why, when `path` cannot be written: its folder does not exist, it is a folder,
/// or the file or its folder is not writable. `what` names the output in the message (`the HTML
/// report`). Leaves no file behind where there was none.
pub fn check_writable(path: &Path, what: &str) -> Result<(), Failure> {
    let existed = path.symlink_metadata().is_ok();
    let opened = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path);
    if let Err(error) = opened {
        return Err(Failure(format!(
            "cannot write {what} to {}: {error}; nothing was read",
            shown_path(path)
        )));
    }
    if !existed {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}

/// Fails when `path` is one of the `inputs` (the same file, by any name): writing the output
/// there would replace a log that is read, as `--html logs/*.gz` does when the shell expands the
/// glob behind the option.
pub fn check_not_an_input(path: &Path, inputs: &[PathBuf], what: &str) -> Result<(), Failure> {
    let Ok(output) = std::fs::metadata(path) else {
        // Not there yet: no input can be it.
        return Ok(());
    };
    for input in inputs {
        if std::fs::metadata(input).is_ok_and(|input| same_file(&output, &input)) {
            return Err(Failure(format!(
                "{} is both an input and where {what} would be written: it would replace the \
                 log; give the report another path (a glob after --html, as in `--html \
                 logs/*.gz`, takes its first file as the page); nothing was read",
                shown_path(path)
            )));
        }
    }
    Ok(())
}

/// Fails when `path` is a file that is not an HTML page (a log, whose first bytes are gzip's or
/// JSON's): `--html logs/*.gz`, expanded by the shell, makes the first log the page's path, and
/// writing the page would destroy it. An earlier report, or an empty file, may be replaced.
pub fn check_replaces_only_a_page(path: &Path, what: &str) -> Result<(), Failure> {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return Ok(());
    };
    if !file.metadata().is_ok_and(|metadata| metadata.is_file()) {
        return Ok(());
    }
    let mut start = [0u8; 512];
    let read = file.read(&mut start).unwrap_or(0);
    let text = start[..read]
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&start[..read]);
    let first = text.iter().find(|byte| !byte.is_ascii_whitespace());
    match first {
        None | Some(b'<') => Ok(()),
        Some(_) => Err(Failure(format!(
            "{} exists and is not an HTML page: writing {what} there would replace it; give the \
             report a new path (a glob right after --html, as in `--html logs/*.gz`, makes the \
             first log the page's path); nothing was read",
            shown_path(path)
        ))),
    }
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    // Without inode numbers, the best that can be said: same size and the same last change.
    a.len() == b.len() && a.modified().ok() == b.modified().ok() && a.modified().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_that_is_an_input_or_a_log_is_refused_and_a_page_may_be_replaced() {
        // A folder of this test's own: the tests run in parallel.
        let dir = std::env::temp_dir().join(format!("scf-codes-output-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("a.jsonl.gz");
        std::fs::write(&log, b"\x1f\x8b\x08\x00").unwrap();
        let page = dir.join("r.html");
        std::fs::write(&page, "\u{feff}\n<!DOCTYPE html><html></html>").unwrap();
        let inputs = vec![log.clone()];
        let refused = check_not_an_input(&log, &inputs, "the HTML report").unwrap_err();
        assert!(refused.0.contains("is both an input"), "{}", refused.0);
        assert!(check_not_an_input(&page, &inputs, "the HTML report").is_ok());
        let refused = check_replaces_only_a_page(&log, "the HTML report").unwrap_err();
        assert!(refused.0.contains("is not an HTML page"), "{}", refused.0);
        assert!(check_replaces_only_a_page(&page, "the HTML report").is_ok());
        assert!(check_replaces_only_a_page(&dir.join("new.html"), "the HTML report").is_ok());
        assert_eq!(
            std::fs::read(&log).unwrap(),
            b"\x1f\x8b\x08\x00",
            "the log is left alone"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folder_that_does_not_exist_is_refused_and_a_new_file_is_not_left_behind() {
        let Failure(message) =
            check_writable(Path::new("/no/such/folder/r.html"), "the HTML report").unwrap_err();
        assert!(
            message.starts_with("cannot write the HTML report to /no/such/folder/r.html: "),
            "{message}"
        );
        let dir = std::env::temp_dir().join(format!("scf-codes-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("r.html");
        check_writable(&file, "the HTML report").unwrap();
        assert!(!file.exists());
        assert!(check_writable(&dir, "the HTML report").is_err());
        std::fs::write(&file, "kept").unwrap();
        check_writable(&file, "the HTML report").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "kept");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
