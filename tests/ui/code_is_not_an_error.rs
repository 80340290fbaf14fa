//! A `Code` is an outcome, `Success` among them, not an error: it does not implement `Error`,
//! so `?` cannot turn one into a `Box<dyn Error>`. Errors that carry a code, such as
//! `limits::SizeError`, do.

use scf_codes::Code;
use scf_codes::limits::{self, Invocation};

fn invoke() -> Result<(), Box<dyn std::error::Error>> {
    limits::check_event_size(7 << 20, Invocation::Sync)?;
    Err(Code::Success)?
}

fn main() {
    let _ = invoke();
}
