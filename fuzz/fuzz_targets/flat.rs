//! Triage's fast path for flat one-line records against serde_json: on any lines, the reader
//! with its fast path, taught by the lines before, hands the sink exactly what serde_json alone
//! finds on each, and the same verdict on a line that breaks. Lines need not be UTF-8: a byte
//! that is not, in a text triage does not read, must not change what is counted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scf_codes_triage::flat::Layout;
use scf_codes_triage::object::{feed_json, read_json};
use scf_codes_triage::record::{Record, Sink};

/// What a reader hands its sink, in order: a record, or `None` for one thing skipped.
#[derive(Debug, Default, PartialEq)]
struct Events(Vec<Option<Record<'static>>>);

impl Sink for Events {
    fn record(&mut self, record: &Record<'_>) {
        self.0.push(Some(record.to_owned_record()));
    }
    fn skip(&mut self) {
        self.0.push(None);
    }
}

fuzz_target!(|bytes: &[u8]| {
    let mut layout = Layout::default();
    for line in bytes.split(|byte| *byte == b'\n') {
        let (mut fast, mut full) = (Events::default(), Events::default());
        let fast_result = feed_json(line, &mut layout, &mut fast);
        let full_result = read_json(line, &mut full);
        assert_eq!(fast, full, "{:?}", String::from_utf8_lossy(line));
        assert_eq!(fast_result, full_result, "{:?}", String::from_utf8_lossy(line));
    }
});
