//! One log record as every reader hands it on, the [`Sink`] that readers hand records to, and
//! how a record's values are read: leniently, since CLS, tccli and jq each type them their own
//! way (`433`, `433.0`, `"433"`, `" 433 "`).

use std::borrow::Cow;

/// The status code SCF writes on lines of an invocation that is still running.
pub const RUNNING: u16 = 202;

/// One log line of an invocation: what triage reads of it, borrowed from the input where it
/// can be. Every reader (JSON Lines, a stream of JSON values, CSV) yields this same record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// `SCF_RequestId`, without white space around it; `None` when absent or empty.
    pub request_id: Option<Cow<'a, str>>,
    /// `SCF_RetryNum`; 0 when absent, empty or null.
    pub retry: u64,
    /// `SCF_FunctionName`; `None` when absent, empty or not text.
    pub function: Option<Cow<'a, str>>,
    /// `SCF_Qualifier`, the version (`$LATEST`, `13`); `None` when absent, empty or not text.
    pub qualifier: Option<Cow<'a, str>>,
    /// `SCF_StatusCode`.
    pub status: u16,
    /// When the line was written, in nanoseconds since the Unix epoch: `SCF_LogTime`, or else
    /// `SCF_StartTime`, or else the time its wrapper gives (a SearchLog result's `Time`, a CLS
    /// trigger record's `timestamp`), or else `__TIMESTAMP__`, which CLS adds to what it ships
    /// to COS. Each may be a number or an RFC 3339 text. `None` when none of them is a time.
    pub time: Option<u64>,
    /// `SCF_Duration` in milliseconds, set on the Report and END lines.
    pub duration_ms: Option<f64>,
    /// `SCF_MemUsage` in MB, set on the Report line.
    pub memory_mb: Option<f64>,
}

impl Record<'_> {
    /// The same record, owning its texts: what a [`Sink`] keeps of a record it is lent.
    pub fn to_owned_record(&self) -> Record<'static> {
        let own = |text: &Option<Cow<'_, str>>| text.as_deref().map(|t| Cow::Owned(t.to_owned()));
        Record {
            request_id: own(&self.request_id),
            function: own(&self.function),
            qualifier: own(&self.qualifier),
            ..*self
        }
    }
}

/// Where readers hand what they read: each record, and each line, array element or row that
/// is not a record. The counter implements it; readers know nothing else of it.
pub trait Sink {
    /// One record.
    fn record(&mut self, record: &Record<'_>);
    /// One line, array element or row that is not a record with a usable status code.
    fn skip(&mut self);
    /// A value that carries records was opened: a wrapper's array of results, as a SearchLog
    /// response or a trigger event holds. A reader that counts lines uses it to tell a broken
    /// line of records (an error) from a broken record (skipped). Nothing by default.
    fn carrier(&mut self) {}
}

/// A [`Sink`] that can count parts of an input apart, on other threads, and add them up in the
/// order of the input.
pub trait Split: Sink + Send + Sized {
    /// An empty sink for a part of the input, with the same settings.
    fn part(&self) -> Self;
    /// Adds `later`, which read the part of the input that comes after this one's.
    fn merge(&mut self, later: Self);
}

/// A whole number as the logs write it. `Missing` for an absent key, `null` or an empty text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Number {
    /// Absent, `null`, or `""`.
    #[default]
    Missing,
    /// A whole number from 0 up.
    Whole(u64),
    /// Anything else: negative, fractional, not a number.
    Invalid,
}

impl Number {
    /// A number written as text: digits (`433`), or an integral decimal (`433.0`, `4.33e2`),
    /// with white space around it ignored.
    pub fn parse(text: &str) -> Number {
        // Most values are plain digits, as CLS writes them: read without trimming or parsing.
        match digits(text.as_bytes()) {
            Some(number) => Number::Whole(number),
            None => Number::parse_slowly(text),
        }
    }

    /// [`Number::parse`] for anything but plain digits.
    fn parse_slowly(text: &str) -> Number {
        let text = text.trim();
        if text.is_empty() {
            return Number::Missing;
        }
        match text.parse::<u64>() {
            Ok(number) => Number::Whole(number),
            Err(_) => text
                .parse::<f64>()
                .map_or(Number::Invalid, Number::from_f64),
        }
    }

    /// A time as the logs write it: what [`Number::parse`] reads, or an RFC 3339 time with
    /// its offset (`2026-11-27T10:30:00.123Z`), in nanoseconds since the epoch. A time before
    /// the epoch is invalid.
    pub fn parse_time(text: &str) -> Number {
        match Number::parse(text) {
            Number::Invalid => text
                .trim()
                .parse::<jiff::Timestamp>()
                .ok()
                .and_then(|time| u64::try_from(time.as_nanosecond()).ok())
                .map_or(Number::Invalid, Number::Whole),
            number => number,
        }
    }

    /// A JSON number that may have been written with a fraction: whole and not negative, or
    /// invalid.
    pub fn from_f64(number: f64) -> Number {
        // 2^64 is exact as an f64; every whole f64 below it fits a u64.
        if number.is_finite()
            && number.fract() == 0.0
            && (0.0..18_446_744_073_709_551_616.0).contains(&number)
        {
            Number::Whole(number as u64)
        } else {
            Number::Invalid
        }
    }
}

/// The number that 1 to 19 ASCII digits write; `None` for anything else. Nineteen digits always
/// fit a u64. Eight digits at a time are checked and read as one word, as a log time has 19.
fn digits(text: &[u8]) -> Option<u64> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    if !(1..=19).contains(&text.len()) {
        return None;
    }
    let mut chunks = text.chunks_exact(8);
    let mut number = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        // Every byte is 0x30..=0x39: its high nibble is 3, and adding 6 keeps it 3.
        let high = 0xf0 * ONES;
        if word & high != 0x30 * ONES || word.wrapping_add(0x06 * ONES) & high != 0x30 * ONES {
            return None;
        }
        // The eight digits, the first in the lowest byte, folded in pairs, fours and eights.
        let word = word - 0x30 * ONES;
        let word = (word * 10 + (word >> 8)) & 0x00ff_00ff_00ff_00ff;
        let word = (word * 100 + (word >> 16)) & 0x0000_ffff_0000_ffff;
        let word = (word * 10_000 + (word >> 32)) & 0xffff_ffff;
        number = number * 100_000_000 + word;
    }
    chunks.remainder().iter().try_fold(number, |number, &byte| {
        let digit = byte.wrapping_sub(b'0');
        (digit <= 9).then(|| number * 10 + u64::from(digit))
    })
}

/// A decimal, such as a duration or memory use (`"0.00"`, `12.5`, `" 3 "`): `None` unless it is
/// a finite number from 0 up.
pub fn parse_decimal(text: &str) -> Option<f64> {
    // As CLS writes them (`"0"`, `"30.50"`): digits, a point, digits. An integer below 2^53
    // over a power of ten is exact in f64, and its quotient is rounded as parsing rounds.
    let mut number = 0u64;
    let mut digits = 0;
    let mut point = None;
    for &byte in text.as_bytes() {
        match byte {
            b'0'..=b'9' if digits < 15 => {
                number = number * 10 + u64::from(byte - b'0');
                digits += 1;
            }
            b'.' if point.is_none() && digits > 0 => point = Some(digits),
            _ => return parse_decimal_slowly(text),
        }
    }
    match (digits, point) {
        (0, _) => parse_decimal_slowly(text),
        (_, None) => Some(number as f64),
        (_, Some(whole)) => Some(number as f64 / 10f64.powi(digits - whole)),
    }
}

/// [`parse_decimal`] for anything but plain digits around a point.
fn parse_decimal_slowly(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|number| number.is_finite() && *number >= 0.0)
}

/// A point in time in nanoseconds since the epoch, from a number in any of the units the logs
/// use, told apart by size: seconds (below 10^11, before the year 5138), milliseconds (below
/// 10^14), microseconds (below 10^17), or nanoseconds.
pub fn nanoseconds(time: u64) -> u64 {
    match time {
        0..100_000_000_000 => time.saturating_mul(1_000_000_000),
        100_000_000_000..100_000_000_000_000 => time.saturating_mul(1_000_000),
        100_000_000_000_000..100_000_000_000_000_000 => time.saturating_mul(1_000),
        _ => time,
    }
}

/// The keys of one log line, as a reader found them, before they make a [`Record`].
#[derive(Debug, Default, Clone)]
pub struct Fields<'a> {
    /// `SCF_RequestId`.
    pub request_id: Option<Cow<'a, str>>,
    /// `SCF_RetryNum`.
    pub retry: Number,
    /// `SCF_FunctionName`.
    pub function: Option<Cow<'a, str>>,
    /// `SCF_Qualifier`.
    pub qualifier: Option<Cow<'a, str>>,
    /// `SCF_StatusCode`.
    pub status: Number,
    /// `SCF_LogTime`.
    pub log_time: Number,
    /// `SCF_StartTime`.
    pub start_time: Number,
    /// `__TIMESTAMP__`, the time CLS gives a record it ships to COS: the last fallback.
    pub cls_time: Number,
    /// `SCF_Duration`.
    pub duration_ms: Option<f64>,
    /// `SCF_MemUsage`.
    pub memory_mb: Option<f64>,
}

impl<'a> Fields<'a> {
    /// The record these keys make, with `wrapper_time` (any unit) as the fallback of its time
    /// before `__TIMESTAMP__`: `None` when the status code is missing or not a number from 0 to 65535, or the
    /// retry number is not a whole number.
    pub fn into_record(self, wrapper_time: Number) -> Option<Record<'a>> {
        let Number::Whole(status) = self.status else {
            return None;
        };
        let status = u16::try_from(status).ok()?;
        let retry = match self.retry {
            Number::Missing => 0,
            Number::Whole(retry) => retry,
            Number::Invalid => return None,
        };
        let time = [self.log_time, self.start_time, wrapper_time, self.cls_time]
            .into_iter()
            .find_map(|time| match time {
                Number::Whole(time) => Some(nanoseconds(time)),
                _ => None,
            });
        Some(Record {
            request_id: self.request_id.and_then(trimmed),
            retry,
            function: self.function.and_then(trimmed),
            qualifier: self.qualifier.and_then(trimmed),
            status,
            time,
            duration_ms: self.duration_ms,
            memory_mb: self.memory_mb,
        })
    }
}

/// `text` without white space around it; `None` when nothing is left.
pub fn trimmed(text: Cow<'_, str>) -> Option<Cow<'_, str>> {
    // Most texts start and end with a printable ASCII character, which no white space is, and
    // nor is the first or last byte of any other character: nothing to trim.
    let printable = |byte: Option<&u8>| byte.is_some_and(|byte| (b'!'..=b'~').contains(byte));
    if printable(text.as_bytes().first()) && printable(text.as_bytes().last()) {
        return Some(text);
    }
    let trimmed = match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) if text.trim().len() == text.len() => Cow::Owned(text),
        Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
    };
    (!trimmed.is_empty()).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_integers_integral_decimals_or_text_of_either() {
        for text in ["433", "433.0", " 433 ", "\t433\n", "4.33e2", "+433"] {
            assert_eq!(Number::parse(text), Number::Whole(433), "{text:?}");
        }
        for text in ["", "   "] {
            assert_eq!(Number::parse(text), Number::Missing, "{text:?}");
        }
        for text in ["-1", "433.5", "4x3", "NaN", "inf", "1e30"] {
            assert_eq!(Number::parse(text), Number::Invalid, "{text:?}");
        }
        assert_eq!(Number::from_f64(-0.5), Number::Invalid);
        assert_eq!(
            Number::parse("18446744073709551615"),
            Number::Whole(u64::MAX)
        );
        assert_eq!(
            Number::parse("9999999999999999999"),
            Number::Whole(9_999_999_999_999_999_999)
        );
        assert_eq!(Number::parse("18446744073709551616"), Number::Invalid);
        assert_eq!(Number::parse("43/"), Number::Invalid);
    }

    #[test]
    fn digits_are_read_eight_at_a_time_as_they_would_be_one_at_a_time() {
        for text in [
            "0",
            "7",
            "12345678",
            "123456789",
            "1653523172091000000",
            "9999999999999999999",
            "00000000",
            "0000000000000000001",
            "99999999",
            "1234567812345678",
        ] {
            assert_eq!(digits(text.as_bytes()), text.parse().ok(), "{text}");
        }
        // Every byte in every place of eight digits and of a 19-digit time.
        for base in ["12345678", "1653523172091000000"] {
            for at in 0..base.len() {
                for byte in 0..=u8::MAX {
                    let mut text = base.as_bytes().to_vec();
                    text[at] = byte;
                    let expected = std::str::from_utf8(&text)
                        .ok()
                        .filter(|text| text.bytes().all(|b| b.is_ascii_digit()))
                        .and_then(|text| text.parse().ok());
                    assert_eq!(digits(&text), expected, "{text:?}");
                }
            }
        }
        for text in ["", "12345678901234567890", "1234567 ", "+1234567", "1_234"] {
            assert_eq!(digits(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn decimals_read_fast_are_the_decimals_parsed() {
        for text in [
            "0",
            "0.00",
            "30.50",
            "12",
            "0.1",
            "123456789.012345",
            "3000",
            "7.",
            "1234567890.1234567",
            "98765432109876543210",
            "1.2.3",
            "0.000000000000001",
        ] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text:?}");
        }
        assert_eq!(parse_decimal(" 2.5 "), Some(2.5));
        for text in ["", "-1", "x", ".5e", "NaN", "inf"] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
        assert_eq!(parse_decimal(".5"), Some(0.5));
    }

    #[test]
    fn a_status_code_must_be_a_whole_number_up_to_65535() {
        let with_status = |status| Fields {
            status,
            ..Fields::default()
        };
        assert_eq!(
            with_status(Number::Whole(65_535))
                .into_record(Number::Missing)
                .map(|record| record.status),
            Some(65_535)
        );
        for status in [Number::Whole(65_536), Number::Missing, Number::Invalid] {
            assert_eq!(with_status(status).into_record(Number::Missing), None);
        }
    }

    #[test]
    fn a_retry_number_is_any_whole_number() {
        let with_retry = |retry| Fields {
            status: Number::Whole(200),
            retry,
            ..Fields::default()
        };
        for retry in [0, 4_294_967_296, u64::MAX] {
            let record = with_retry(Number::Whole(retry)).into_record(Number::Missing);
            assert_eq!(record.map(|record| record.retry), Some(retry));
        }
        assert_eq!(
            with_retry(Number::Missing)
                .into_record(Number::Missing)
                .map(|r| r.retry),
            Some(0)
        );
        assert_eq!(
            with_retry(Number::Invalid).into_record(Number::Missing),
            None
        );
    }

    #[test]
    fn the_time_falls_back_from_log_time_to_start_time_to_the_wrappers() {
        let fields = |log_time, start_time| Fields {
            status: Number::Whole(200),
            log_time,
            start_time,
            ..Fields::default()
        };
        let time = |fields: Fields<'static>, wrapper| fields.into_record(wrapper).unwrap().time;
        let ns = 1_653_523_171_317_573_463;
        assert_eq!(
            time(fields(Number::Whole(ns), Number::Whole(1)), Number::Missing),
            Some(ns)
        );
        assert_eq!(
            time(
                fields(Number::Invalid, Number::Whole(1_653_523_171_317)),
                Number::Whole(5)
            ),
            Some(1_653_523_171_317_000_000)
        );
        assert_eq!(
            time(
                fields(Number::Missing, Number::Missing),
                Number::Whole(1_653_523_171_317_573)
            ),
            Some(1_653_523_171_317_573_000)
        );
        assert_eq!(
            time(fields(Number::Missing, Number::Missing), Number::Missing),
            None
        );
    }

    #[test]
    fn times_in_every_unit_are_nanoseconds() {
        let ns = 1_653_523_171_000_000_000;
        for time in [1_653_523_171, 1_653_523_171_000, 1_653_523_171_000_000, ns] {
            assert_eq!(nanoseconds(time), ns, "{time}");
        }
    }

    #[test]
    fn texts_are_trimmed_and_empty_ones_are_none() {
        assert_eq!(trimmed(Cow::Borrowed(" r-1\t")), Some(Cow::Borrowed("r-1")));
        assert_eq!(
            trimmed(Cow::Owned(" r-1 ".to_owned())).as_deref(),
            Some("r-1")
        );
        assert_eq!(trimmed(Cow::Borrowed("  ")), None);
        // White space beyond ASCII, around text that ends in a character beyond ASCII.
        assert_eq!(
            trimmed(Cow::Borrowed("\u{3000}r-1é\u{a0}")),
            Some(Cow::Borrowed("r-1é"))
        );
        assert_eq!(trimmed(Cow::Borrowed("é")), Some(Cow::Borrowed("é")));
    }
}
