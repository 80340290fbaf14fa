//! Where the commands write files, checked before any input is read: a long run over gigabytes
//! of logs must not end in "cannot write" once it is done.

use std::fs::OpenOptions;
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

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
