//! Workspace tests of scf-codes; the tests are in `tests/`.

use std::fs;
use std::path::Path;

/// Copies the directory `source` into `destination`, subdirectories included, creating what is
/// missing. For tests that build copies of the workspace's crates.
pub fn copy_dir(source: &Path, destination: &Path) {
    fs::create_dir_all(destination).unwrap();
    for entry in fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let target = destination.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}
