//! Triage's fast path for flat one-line records against serde_json: on any lines, the reader
//! with its fast path, taught by the lines before, hands the sink exactly what serde_json alone
//! finds on each.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scf_codes_triage::flat::Layout;
use scf_codes_triage::object::{feed_json_text, read_json_text};
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
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut layout = Layout::default();
    for line in text.split('\n') {
        let (mut fast, mut full) = (Events::default(), Events::default());
        feed_json_text(line, &mut layout, &mut fast);
        read_json_text(line, &mut full);
        assert_eq!(fast, full, "{line:?}");
    }
});
