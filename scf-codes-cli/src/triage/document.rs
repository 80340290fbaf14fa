//! A JSON document over several lines: a JSON array of records (or of other shapes), streamed
//! element by element, or one pretty-printed object such as a SearchLog response or a CLS
//! trigger event.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufReader, Read};
use std::rc::Rc;

use serde::Deserialize as _;
use serde::de::{Deserializer as _, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::bounded::Bounded;
use super::count::Counter;
use super::object::feed_json_text;

/// The most bytes one element of an array, or one object, may take.
pub const MAX_VALUE: u64 = 32 << 20;

/// Counts what the document in `reader` holds: an array when `first` (its first byte other than
/// white space) is `[`, otherwise one value. A document that turns out malformed part of the way
/// keeps what was counted before and counts one thing skipped.
pub fn read(reader: &mut dyn Read, first: u8, counter: &mut Counter) -> io::Result<()> {
    let (bounded, read_since_value) = Bounded::new(reader, MAX_VALUE);
    let mut deserializer = serde_json::Deserializer::from_reader(BufReader::new(bounded));
    let result = if first == b'[' {
        deserializer.deserialize_seq(ArrayVisitor {
            counter: &mut *counter,
            read_since_value,
        })
    } else {
        Box::<RawValue>::deserialize(&mut deserializer)
            .map(|value| feed_json_text(value.get(), counter))
    };
    match result.and_then(|()| deserializer.end()) {
        Ok(()) => Ok(()),
        // The input could not be read, or a value is over the limit: not a malformed document.
        Err(error) if error.io_error_kind().is_some() => Err(io::Error::other(error)),
        Err(_) => {
            counter.skip();
            Ok(())
        }
    }
}

/// The elements of an array, one at a time.
struct ArrayVisitor<'c> {
    counter: &'c mut Counter,
    read_since_value: Rc<Cell<u64>>,
}

impl<'de> Visitor<'de> for ArrayVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array of SCF log records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut elements: A) -> Result<(), A::Error> {
        while let Some(element) = elements.next_element::<Box<RawValue>>()? {
            feed_json_text(element.get(), self.counter);
            self.read_since_value.set(0);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(input: &str) -> (u64, u64) {
        let mut counter = Counter::default();
        let first = input.trim_start().as_bytes()[0];
        read(&mut input.as_bytes(), first, &mut counter).unwrap();
        let summary = counter.summary();
        (summary.records, summary.skipped)
    }

    #[test]
    fn an_array_over_several_lines_is_read_element_by_element() {
        let input = "[\n  {\"SCF_RequestId\": \"a\", \"SCF_StatusCode\": 200},\n  7,\n  \
                     {\"SCF_RequestId\": \"b\", \"SCF_StatusCode\": \"433\"}\n]\n";
        assert_eq!(count(input), (2, 1));
    }

    #[test]
    fn a_pretty_printed_search_log_response_is_one_value() {
        let input = "{\n  \"Response\": {\n    \"Results\": [\n      {\"LogJson\": \
                     \"{\\\"SCF_RequestId\\\":\\\"a\\\",\\\"SCF_StatusCode\\\":\\\"433\\\"}\"}\n    ]\n  }\n}\n";
        assert_eq!(count(input), (1, 0));
    }

    #[test]
    fn an_array_cut_short_keeps_what_came_before() {
        let input = "[\n{\"SCF_RequestId\": \"a\", \"SCF_StatusCode\": 200},\n{\"SCF_Req";
        assert_eq!(count(input), (1, 1));
    }

    #[test]
    fn one_value_over_the_limit_is_an_error_not_a_memory_bomb() {
        let mut reader = std::io::repeat(b' ').take(MAX_VALUE * 2);
        let mut input = (&b"[\"a"[..]).chain(&mut reader);
        let error = read(&mut input, b'[', &mut Counter::default()).unwrap_err();
        assert!(error.to_string().contains("over 32 MiB"), "{error}");
    }
}
