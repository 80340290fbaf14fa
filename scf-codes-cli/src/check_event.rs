//! `check-event`: an event file against the size limit of its invocation and the JSON rule,
//! before an invoke.

use std::path::Path;

use scf_codes::Code;
use scf_codes::limits::{self, Invocation};

use crate::Failure;

/// `Ok` with a report when the event fits; otherwise the code SCF would answer with.
pub fn check(path: &Path, asynchronous: bool) -> Result<String, Failure> {
    let invocation = if asynchronous {
        Invocation::Async
    } else {
        Invocation::Sync
    };
    let limit = invocation.max_event_bytes();
    let (event, _) = crate::input::read_at_most(Some(path), limit)?;
    let size = match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => metadata.len(),
        _ => event.len() as u64,
    };
    if let Err(error) = limits::check_event_size(size, invocation) {
        let code = error.code();
        return Err(Failure(format!(
            "{} {}: {error}",
            code.as_u16(),
            code.name()
        )));
    }
    if let Err(error) = serde_json::from_slice::<serde::de::IgnoredAny>(&event) {
        let code = Code::InvalidParameterValue;
        return Err(Failure(format!(
            "{} {}: the event is not JSON ({error}); SCF events are JSON",
            code.as_u16(),
            code.name()
        )));
    }
    Ok(format!(
        "the event is {size} bytes, within the {} limit of {limit} bytes, and is JSON\n",
        invocation.adjective()
    ))
}
