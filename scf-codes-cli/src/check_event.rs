//! `check-event`: an event file against the size limit of its invocation and the JSON rule,
//! before an invoke.

use std::io::{self, Read as _};
use std::path::Path;

use scf_codes::Code;
use scf_codes::limits::{self, Invocation};

use crate::Failure;
use crate::input::Opened;

/// `Ok` with a report when the event fits; otherwise the code SCF would answer with. The event
/// is read from `path`, or standard input for `-` or none.
pub fn check(path: Option<&Path>, asynchronous: bool) -> Result<String, Failure> {
    let invocation = if asynchronous {
        Invocation::Async
    } else {
        Invocation::Sync
    };
    let limit = invocation.max_event_bytes();
    let Opened { reader, name, size } = crate::input::open(path)?;
    let cannot_read = |error| Failure(format!("cannot read {name}: {error}"));
    let mut reader = reader.take(limit + 1);
    let mut event = Vec::new();
    reader.read_to_end(&mut event).map_err(cannot_read)?;
    let size = match size {
        Some(size) => size,
        None if event.len() as u64 <= limit => event.len() as u64,
        // A pipe over the limit is only counted on, so that the message gives its true size.
        None => {
            let rest = io::copy(&mut reader.into_inner(), &mut io::sink()).map_err(cannot_read)?;
            event.len() as u64 + rest
        }
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
