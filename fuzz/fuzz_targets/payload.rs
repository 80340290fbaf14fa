//! The payload decoder on arbitrary bytes: a known code or a message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scf_codes_cli::decode;

fuzz_target!(|bytes: &[u8]| {
    match decode::decode(bytes) {
        Ok(decoded) => assert!(decoded.code.is_known()),
        Err(failure) => assert!(!failure.0.is_empty()),
    }
});
