//! Reading what the commands are given: files and standard input, named in messages the way
//! a person can read.

use scf_codes_triage::source::shown_path;

use crate::Failure;

/// Reads `file`, or standard input when there is none, up to one byte past `limit`: enough to
/// know that an input is over the limit without reading all of it. Returns the bytes and the
/// name to show for the input in messages.
pub fn read_at_most(
    file: Option<&std::path::Path>,
    limit: u64,
) -> Result<(Vec<u8>, String), Failure> {
    use std::io::Read as _;
    let (reader, name): (Box<dyn std::io::Read>, String) = match file {
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|error| Failure(format!("cannot read {}: {error}", shown_path(path))))?;
            (Box::new(file), shown_path(path))
        }
        None => (
            Box::new(std::io::stdin().lock()),
            "standard input".to_owned(),
        ),
    };
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Failure(format!("cannot read {name}: {error}")))?;
    Ok((bytes, name))
}
