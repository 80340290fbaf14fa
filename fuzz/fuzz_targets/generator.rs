//! The generator core on arbitrary bytes: generated code or located errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match scf_codes_generator::generate_from_bytes(bytes, "codes.toml") {
        Ok(tokens) => {
            let _ = tokens.to_string();
        }
        Err(errors) => assert!(!errors.is_empty()),
    }
});
