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

/// The UUID whose canonical lowercase text is `text`; `None` for any other text, which is kept
/// as it is so that it is shown as it was written.
pub fn parse_uuid(text: &str) -> Option<u128> {
    let bytes = text.as_bytes();
    if bytes.len() != UUID_TEXT || HYPHENS.iter().any(|&at| bytes[at] != b'-') {
        return None;
    }
    let mut value = 0u128;
    for (at, &byte) in bytes.iter().enumerate() {
        let digit = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            // The four hyphens, where they must be.
            b'-' if matches!(at, 8 | 13 | 18 | 23) => continue,
            _ => return None,
        };
        value = value << 4 | u128::from(digit);
    }
    Some(value)
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
