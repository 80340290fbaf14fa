//! Request IDs as the counter keeps them: SCF's, a UUID in its canonical text
//! (`1fd17775-fdaa-4eb9-b33a-3fa5fabb3865`), in 16 bytes rather than a 36-byte string; any other
//! as its text.

use std::cmp::Ordering;
use std::fmt;

/// The length of a UUID's canonical text.
const UUID_TEXT: usize = 36;

/// Where the hyphens of a UUID's canonical text are.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

/// A request ID, as a report shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestId<'a> {
    /// A UUID written in lowercase, in its 16 bytes.
    Uuid(u128),
    /// Any other request ID, as it was written.
    Text(&'a str),
}

/// The value of each byte as a lowercase hexadecimal digit, or [`NOT_HEX`].
const HEX: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut digit = 0;
    while digit < 16 {
        table[b"0123456789abcdef"[digit] as usize] = digit as u8;
        digit += 1;
    }
    table
};

/// What [`HEX`] gives a byte that is no lowercase hexadecimal digit: no digit has these bits.
const NOT_HEX: u8 = 0xf0;

/// Where the 32 digits of a UUID's canonical text are: everywhere but the hyphens.
const DIGITS: [usize; 32] = {
    let mut digits = [0; 32];
    let (mut at, mut digit) = (0, 0);
    while at < UUID_TEXT {
        if at != HYPHENS[0] && at != HYPHENS[1] && at != HYPHENS[2] && at != HYPHENS[3] {
            digits[digit] = at;
            digit += 1;
        }
        at += 1;
    }
    digits
};

/// The UUID whose canonical lowercase text is `text`; `None` for any other text, which is kept
/// as it is so that it is shown as it was written.
pub fn parse_uuid(text: &str) -> Option<u128> {
    let bytes: &[u8; UUID_TEXT] = text.as_bytes().try_into().ok()?;
    if HYPHENS.iter().any(|&at| bytes[at] != b'-') {
        return None;
    }
    // Every digit is looked up, and whether one was not a digit is checked once at the end:
    // a table and no branch per byte, since nearly every request ID is a UUID.
    let mut value = [0u8; 16];
    let mut not_hex = 0;
    for (byte, pair) in value.iter_mut().zip(DIGITS.chunks_exact(2)) {
        let (high, low) = (
            HEX[usize::from(bytes[pair[0]])],
            HEX[usize::from(bytes[pair[1]])],
        );
        not_hex |= high | low;
        *byte = high << 4 | low;
    }
    (not_hex & NOT_HEX == 0).then(|| u128::from_be_bytes(value))
}

/// The canonical lowercase text of `uuid`.
fn uuid_text(uuid: u128) -> [u8; UUID_TEXT] {
    let mut text = [b'-'; UUID_TEXT];
    let mut nibble = 32;
    for (at, byte) in text.iter_mut().enumerate() {
        if HYPHENS.contains(&at) {
            continue;
        }
        nibble -= 1;
        *byte = b"0123456789abcdef"[(uuid >> (4 * nibble)) as usize & 0xf];
    }
    text
}

impl RequestId<'_> {
    /// Calls `with` with the ID's text.
    pub fn with_text<R>(&self, with: impl FnOnce(&str) -> R) -> R {
        match *self {
            RequestId::Uuid(uuid) => {
                let text = uuid_text(uuid);
                // Hexadecimal digits and hyphens are ASCII.
                with(std::str::from_utf8(&text).unwrap_or_default())
            }
            RequestId::Text(text) => with(text),
        }
    }

    /// How the ID's text compares with `other`.
    pub fn cmp_text(&self, other: &str) -> Ordering {
        self.with_text(|text| text.cmp(other))
    }
}

impl fmt::Display for RequestId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.with_text(|text| f.write_str(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_canonical_uuid_round_trips_through_its_sixteen_bytes() {
        for text in [
            "1fd17775-fdaa-4eb9-b33a-3fa5fabb3865",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ] {
            let uuid = parse_uuid(text).unwrap();
            assert_eq!(RequestId::Uuid(uuid).to_string(), text);
        }
        // Kept as text, to be shown as written.
        for text in [
            "1FD17775-FDAA-4EB9-B33A-3FA5FABB3865",
            "1fd17775fdaa4eb9b33a3fa5fabb3865",
            "1fd17775-fdaa-4eb9-b33a-3fa5fabb386",
            "1fd17775-fdaa-4eb9-b33a_3fa5fabb3865",
            "r-1",
        ] {
            assert_eq!(parse_uuid(text), None, "{text}");
        }
    }

    #[test]
    fn every_byte_in_every_place_of_a_uuid_is_a_digit_or_refused() {
        let uuid = *b"1fd17775-fdaa-4eb9-b33a-3fa5fabb3865";
        for at in 0..UUID_TEXT {
            for byte in 0..=u8::MAX {
                let mut text = uuid;
                text[at] = byte;
                let Ok(text) = std::str::from_utf8(&text) else {
                    continue;
                };
                let digit = matches!(byte, b'0'..=b'9' | b'a'..=b'f');
                let expected = if HYPHENS.contains(&at) {
                    byte == b'-'
                } else {
                    digit
                };
                assert_eq!(parse_uuid(text).is_some(), expected, "{text}");
                if expected {
                    assert_eq!(RequestId::Uuid(parse_uuid(text).unwrap()).to_string(), text);
                }
            }
        }
    }

    #[test]
    fn uuids_order_as_their_texts_do() {
        let texts = [
            "0fd17775-fdaa-4eb9-b33a-3fa5fabb3865",
            "1fd17775-fdaa-4eb9-b33a-3fa5fabb3865",
            "a0d17775-fdaa-4eb9-b33a-3fa5fabb3865",
        ];
        for pair in texts.windows(2) {
            let (a, b) = (parse_uuid(pair[0]).unwrap(), parse_uuid(pair[1]).unwrap());
            assert!(a < b);
            assert_eq!(RequestId::Uuid(a).cmp_text(pair[1]), Ordering::Less);
        }
    }
}
