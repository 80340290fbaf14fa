//! The triage readers on arbitrary bytes, recognized as any input shape: counts that add up, or
//! a message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scf_codes_cli::triage::count::Counter;
use scf_codes_cli::triage::source;

fuzz_target!(|bytes: &[u8]| {
    let mut counter = Counter::default();
    if let Err(failure) = source::read_named("input", &mut &bytes[..], &mut counter, 0) {
        assert!(failure.0.starts_with("cannot read input: ") || failure.0.starts_with("input:"));
    }
    let summary = counter.summary();
    let outcomes = &summary.outcomes;
    assert_eq!(
        outcomes.codes.iter().map(|code| code.invocations).sum::<u64>(),
        outcomes.invocations
    );
    assert!(outcomes.invocations + outcomes.unfinished <= summary.records);
});
