//! The payload decoder and the lookups behind the command line on hostile input: nothing
//! panics, and every refusal says what was expected.

use proptest::prelude::*;
use scf_codes_cli::{Failure, decode, lookup, search};

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Err(Failure(message)) = decode::decode(&bytes) {
            prop_assert!(message.contains("expected") || message.contains("not a") || message.contains("not in the SCF"), "{}", message);
        }
    }

    #[test]
    fn decode_never_panics_on_json_like_text(text in "[\\[\\]{}\":,0-9a-zA-Z \\-.]{0,200}") {
        let _ = decode::decode(text.as_bytes());
    }

    #[test]
    fn lookups_and_searches_never_panic(query in "\\PC{0,100}") {
        let _ = lookup::find(&query);
        let _ = search::search(&query);
    }
}
