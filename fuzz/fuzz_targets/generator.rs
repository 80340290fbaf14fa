//! The generator core on arbitrary bytes: generated code, and located errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Valid or not, the input gives code: the expansion, or the one emitted beside the errors.
    let (tokens, _errors) = scf_codes_generator::generate_from_bytes(bytes, "codes.toml");
    let _ = tokens.to_string();
});
