//! The triage readers on arbitrary bytes: recognized as any input shape, and read as a stream of
//! JSON values whatever their shape. Counts that add up, or a message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scf_codes_triage::count::Counter;
use scf_codes_triage::summary::Summary;
use scf_codes_triage::{source, values};

fuzz_target!(|bytes: &[u8]| {
    let mut counter = Counter::default();
    if let Err(failure) = source::read_named("input", &mut &bytes[..], &mut counter, &Default::default(), 0) {
        assert!(failure.0.starts_with("cannot read input: ") || failure.0.starts_with("input:"));
    }
    adds_up(&counter.summary());

    // The stream of values directly, as pretty-printed records and appended pages reach it.
    let mut counter = Counter::default();
    if let Err(problem) = values::read(&mut &bytes[..], &mut counter) {
        assert!(!problem.to_string().is_empty());
    }
    adds_up(&counter.summary());
});

fn adds_up(summary: &Summary) {
    let outcomes = &summary.outcomes;
    assert_eq!(
        outcomes.codes.iter().map(|code| code.invocations).sum::<u64>(),
        outcomes.invocations
    );
    // An engine's answer to triage --sql brings counts without records.
    if summary.answer_rows == 0 {
        assert!(outcomes.invocations + outcomes.unfinished <= summary.records);
    }
}
