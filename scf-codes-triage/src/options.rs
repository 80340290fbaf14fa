//! What a user asks of the attempts in a log, parsed once for every command that reads them: the
//! time window (`--since`, `--until`), the functions (`--function`), the groups (`--by`) and the
//! bucket of the timeline (`--every`). Triage's report and any query written for another engine
//! read the same values.

use std::fmt;
use std::str::FromStr;

use jiff::{Span, SpanTotal, Timestamp, Unit};

/// Nanoseconds since the Unix epoch, UTC: the unit of `SCF_LogTime`.
pub type Nanos = i64;

/// Nanoseconds in a second.
pub const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// The most buckets a timeline may have; a longer log needs a longer `--every`.
pub const MAX_BUCKETS: u64 = 2_000;

/// The buckets triage chooses from when `--every` is not given: the shortest that cuts the log's
/// span into at most [`AUTO_BUCKETS`] buckets.
pub const BUCKET_CHOICES: [u64; 8] = [1, 10, 60, 300, 900, 3_600, 21_600, 86_400];

/// About how many buckets an automatic choice gives at most.
pub const AUTO_BUCKETS: u64 = 60;

/// A length of time given on the command line: `30s`, `5m`, `1h`, `1d`, `1h30m`, or ISO 8601
/// (`PT5M`). Days are 24 hours: logs are in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    nanos: i64,
}

impl Length {
    /// The length in whole seconds, rounded down.
    pub fn seconds(self) -> u64 {
        (self.nanos / NANOS_PER_SECOND) as u64
    }

    /// The length in nanoseconds.
    pub fn nanos(self) -> i64 {
        self.nanos
    }

    /// The length as the command line takes it: `30s`, `5m`, `2h`, `1d`.
    pub fn compact(self) -> String {
        let (count, unit) = self.largest_unit();
        format!("{count}{}", &unit[..1])
    }

    /// The length in the largest unit it is a whole number of.
    /// The length in its largest whole unit: `(5, "minute")`, `(90, "second")`; the unit is
    /// `"day"`, `"hour"`, `"minute"` or `"second"`, for a report to say in its own words.
    pub fn largest_unit(self) -> (u64, &'static str) {
        match self.seconds() {
            s if s % 86_400 == 0 => (s / 86_400, "day"),
            s if s % 3_600 == 0 => (s / 3_600, "hour"),
            s if s % 60 == 0 => (s / 60, "minute"),
            s => (s, "second"),
        }
    }

    /// A length of whole seconds.
    pub fn from_seconds(seconds: u64) -> Length {
        Length {
            nanos: seconds
                .saturating_mul(NANOS_PER_SECOND as u64)
                .min(i64::MAX as u64) as i64,
        }
    }
}

impl FromStr for Length {
    type Err = String;

    fn from_str(text: &str) -> Result<Length, String> {
        let shown = quoted(text);
        let span: Span = text.trim().parse().map_err(|error| {
            format!(
                "{shown} is not a length of time ({error}): write it as 30s, 5m, 1h, 1d or 1h30m"
            )
        })?;
        let seconds = span
            .total(SpanTotal::from(Unit::Second).days_are_24_hours())
            .map_err(|_| {
                format!("{shown} is not a length of time: months and years vary; use days (30d)")
            })?;
        if !seconds.is_finite() || seconds <= 0.0 {
            return Err(format!(
                "{shown} is not a length of time after 0: write it as 30s, 5m, 1h or 1d"
            ));
        }
        // Lengths past 290 years do not fit in nanoseconds; no log is that long.
        let nanos = (seconds * NANOS_PER_SECOND as f64).min(i64::MAX as f64) as i64;
        Ok(Length { nanos })
    }
}

impl fmt::Display for Length {
    /// The length as a person says it: `1-second`, `10-second`, `5-minute`, `2-hour`, `1-day`
    /// when whole, or in seconds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (count, unit) = self.largest_unit();
        write!(f, "{count}-{unit}")
    }
}

/// The bucket of a timeline, from `--every`: whole seconds, at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Every(Length);

impl Every {
    /// The bucket's length in seconds.
    pub fn seconds(self) -> u64 {
        self.0.seconds()
    }

    /// The bucket's length.
    pub fn length(self) -> Length {
        self.0
    }

    /// A bucket of `length`, which must be whole seconds, at least one.
    pub fn from_length(length: Length) -> Every {
        Every(length)
    }

    /// The shortest of [`BUCKET_CHOICES`] that cuts the time from `first` to `last` into at most
    /// about [`AUTO_BUCKETS`] buckets; for a log of months, as many days as it takes.
    pub fn choose(first: Nanos, last: Nanos) -> Every {
        let count = |seconds: u64| bucket_count(first, last, seconds);
        let seconds = BUCKET_CHOICES
            .into_iter()
            .find(|&seconds| count(seconds) <= AUTO_BUCKETS)
            .unwrap_or_else(|| {
                let days = count(86_400).div_ceil(AUTO_BUCKETS);
                days * 86_400
            });
        Every(Length::from_seconds(seconds))
    }
}

impl FromStr for Every {
    type Err = String;

    fn from_str(text: &str) -> Result<Every, String> {
        let length: Length = text.parse()?;
        if length.nanos % NANOS_PER_SECOND != 0 {
            return Err(format!(
                "{} is not a whole number of seconds: a bucket is 1s or longer",
                quoted(text)
            ));
        }
        Ok(Every(length))
    }
}

/// How many buckets of `seconds`, aligned on the epoch, the time from `first` to `last` touches.
pub fn bucket_count(first: Nanos, last: Nanos, seconds: u64) -> u64 {
    let size = bucket_nanos(seconds);
    let (first, last) = (first.min(last), first.max(last));
    (last.div_euclid(size) - first.div_euclid(size)) as u64 + 1
}

/// A bucket's length in nanoseconds; buckets past 290 years are cut to that.
pub fn bucket_nanos(seconds: u64) -> i64 {
    seconds
        .saturating_mul(NANOS_PER_SECOND as u64)
        .clamp(1, i64::MAX as u64) as i64
}

/// One end of a time window: a moment, or a length of time back from the log's latest line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// An RFC 3339 time, with its offset (`2026-11-27T10:30:00Z`, `…T18:30:00+08:00`).
    At(Nanos),
    /// A length of time before the latest line of the log (`30m`).
    Ago(Length),
}

impl Moment {
    /// The moment, given the time of the log's latest line; `None` for a time back from the end
    /// of a log none of whose lines has a time.
    pub fn resolve(self, latest: Option<Nanos>) -> Option<Nanos> {
        match self {
            Moment::At(nanos) => Some(nanos),
            Moment::Ago(length) => latest.map(|latest| latest.saturating_sub(length.nanos)),
        }
    }
}

impl FromStr for Moment {
    type Err = String;

    fn from_str(text: &str) -> Result<Moment, String> {
        let trimmed = text.trim();
        // A time starts with a four-digit year; a length with a number and a unit.
        let looks_like_time = trimmed.len() > 4
            && trimmed.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && trimmed.as_bytes()[4] == b'-';
        if looks_like_time {
            let time: Timestamp = trimmed.parse().map_err(|error| {
                format!(
                    "{} is not an RFC 3339 time ({error}): write it as \
                     2026-11-27T10:30:00Z or 2026-11-27T18:30:00+08:00",
                    quoted(text)
                )
            })?;
            let nanos = i64::try_from(time.as_nanosecond())
                .map_err(|_| format!("{} is out of range: years 1678 to 2261", quoted(text)))?;
            return Ok(Moment::At(nanos));
        }
        text.parse::<Length>()
            .map(Moment::Ago)
            .map_err(|error| format!("{error}; or an RFC 3339 time such as 2026-11-27T10:30:00Z"))
    }
}

/// The attempts to keep, by when they ended: from `since` (included) to `until` (excluded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// `--since`.
    pub since: Option<Moment>,
    /// `--until`.
    pub until: Option<Moment>,
}

impl Window {
    /// True when the window keeps every attempt.
    pub fn is_all(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// The window in nanoseconds, given the time of the log's latest line. Fails when it is
    /// empty, or counts back from the end of a log without times.
    pub fn resolve(&self, latest: Option<Nanos>) -> Result<Bounds, String> {
        let resolve = |moment: Option<Moment>, flag: &str| match moment {
            None => Ok(None),
            Some(moment) => moment.resolve(latest).map(Some).ok_or(format!(
                "{flag} counts back from the log's latest line, but no line has a time \
                 (SCF_LogTime): give an RFC 3339 time instead"
            )),
        };
        let bounds = Bounds {
            since: resolve(self.since, "--since")?,
            until: resolve(self.until, "--until")?,
        };
        if let (Some(since), Some(until)) = (bounds.since, bounds.until)
            && since >= until
        {
            return Err(format!(
                "--since {} is not before --until {}: the window is empty",
                rfc3339(since),
                rfc3339(until)
            ));
        }
        Ok(bounds)
    }
}

/// A resolved window: attempts that end at `since` or later, and before `until`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The first moment kept.
    pub since: Option<Nanos>,
    /// The first moment no longer kept.
    pub until: Option<Nanos>,
}

impl Bounds {
    /// True when an attempt that ended at `time` is kept. One without a time is kept only when
    /// the window is open at both ends.
    pub fn contains(&self, time: Option<Nanos>) -> bool {
        match time {
            Some(time) => {
                self.since.is_none_or(|since| time >= since)
                    && self.until.is_none_or(|until| time < until)
            }
            None => self.since.is_none() && self.until.is_none(),
        }
    }
}

/// How triage groups attempts besides all together, from `--by` (which may be repeated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Grouping {
    /// `--by function`: per `SCF_FunctionName`.
    pub function: bool,
    /// `--by version`: per `SCF_FunctionName` and `SCF_Qualifier`.
    pub version: bool,
}

/// Which attempts a report covers, and how it groups and buckets them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these functions' attempts (`--function`, repeatable); all when empty.
    pub functions: Vec<String>,
    /// Only the attempts that end inside it.
    pub window: Window,
    /// The groups.
    pub grouping: Grouping,
    /// The timeline's bucket; chosen from the log's span when `None`.
    pub every: Option<Every>,
}

impl Selection {
    /// True when an attempt of `function` is kept: every function's when `--function` is not
    /// given. A function is compared after trimming white space, as the readers keep names.
    pub fn keeps_function(&self, function: Option<&str>) -> bool {
        self.functions.is_empty()
            || function.is_some_and(|name| self.functions.iter().any(|kept| kept.trim() == name))
    }
}

/// A time as RFC 3339 in UTC, to the second when it is whole, else to the nanosecond:
/// `2026-11-27T10:30:00Z`.
pub fn rfc3339(nanos: Nanos) -> String {
    match Timestamp::from_nanosecond(i128::from(nanos)) {
        Ok(time) => time.to_string(),
        Err(_) => nanos.to_string(),
    }
}

/// A time in UTC as `2026-11-27 10:30`, with seconds when `seconds`.
pub fn clock(nanos: Nanos, seconds: bool) -> String {
    match Timestamp::from_nanosecond(i128::from(nanos)) {
        Ok(time) if seconds => time.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Ok(time) => time.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => nanos.to_string(),
    }
}

/// The time an RFC 3339 text gives, for tests.
#[cfg(test)]
pub(crate) fn at(text: &str) -> Nanos {
    match text.parse::<Moment>() {
        Ok(Moment::At(nanos)) => nanos,
        other => panic!("{text} is not an RFC 3339 time: {other:?}"),
    }
}

/// The start of a user's argument, quoted, for a message.
fn quoted(text: &str) -> String {
    format!("{:?}", text.chars().take(40).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_read_as_people_write_them() {
        for (text, seconds) in [
            ("30s", 30),
            ("1m", 60),
            ("5m", 300),
            ("90s", 90),
            ("1h", 3_600),
            ("1h30m", 5_400),
            ("2 hours", 7_200),
            ("1d", 86_400),
            ("PT15M", 900),
        ] {
            assert_eq!(text.parse::<Length>().unwrap().seconds(), seconds, "{text}");
        }
    }

    #[test]
    fn bad_lengths_say_how_to_write_one() {
        for text in ["", "abc", "5x", "0s", "-5m", "1mo"] {
            let error = text.parse::<Length>().unwrap_err();
            assert!(
                error.starts_with(&format!("{text:?} is not a length")),
                "{error}"
            );
        }
        let error = "500ms".parse::<Every>().unwrap_err();
        assert!(error.contains("whole number of seconds"), "{error}");
    }

    #[test]
    fn lengths_are_named_in_their_largest_whole_unit() {
        for (seconds, name) in [
            (1, "1-second"),
            (90, "90-second"),
            (120, "2-minute"),
            (3_600, "1-hour"),
            (172_800, "2-day"),
        ] {
            assert_eq!(Length::from_seconds(seconds).to_string(), name);
            let compact = Length::from_seconds(seconds).compact();
            assert_eq!(compact.parse::<Length>().unwrap().seconds(), seconds);
        }
    }

    #[test]
    fn moments_are_rfc3339_with_an_offset_or_a_length_back() {
        assert_eq!(at("2026-11-27T10:30:00Z"), 1_795_775_400 * NANOS_PER_SECOND);
        assert_eq!(at("2026-11-27T18:30:00+08:00"), at("2026-11-27T10:30:00Z"));
        assert_eq!(
            "30m".parse::<Moment>(),
            Ok(Moment::Ago(Length::from_seconds(1_800)))
        );
        let error = "2026-11-27T10:30:00".parse::<Moment>().unwrap_err();
        assert!(error.contains("is not an RFC 3339 time"), "{error}");
        assert!(error.contains("offset"), "{error}");
        let error = "yesterday".parse::<Moment>().unwrap_err();
        assert!(error.contains("or an RFC 3339 time"), "{error}");
    }

    #[test]
    fn a_window_counts_back_from_the_latest_line() {
        let latest = at("2026-11-27T11:00:00Z");
        let window = Window {
            since: Some("30m".parse().unwrap()),
            until: None,
        };
        let bounds = window.resolve(Some(latest)).unwrap();
        assert_eq!(bounds.since, Some(at("2026-11-27T10:30:00Z")));
        assert!(bounds.contains(Some(at("2026-11-27T10:30:00Z"))));
        assert!(!bounds.contains(Some(at("2026-11-27T10:29:59Z"))));
        assert!(!bounds.contains(None));
        let error = window.resolve(None).unwrap_err();
        assert!(error.contains("no line has a time"), "{error}");
    }

    #[test]
    fn an_empty_window_is_an_error() {
        let window = Window {
            since: Some("2026-11-27T11:00:00Z".parse().unwrap()),
            until: Some("2026-11-27T10:00:00Z".parse().unwrap()),
        };
        let error = window.resolve(None).unwrap_err();
        assert_eq!(
            error,
            "--since 2026-11-27T11:00:00Z is not before --until 2026-11-27T10:00:00Z: \
             the window is empty"
        );
    }

    #[test]
    fn the_automatic_bucket_gives_at_most_about_sixty() {
        let start = at("2026-11-27T09:00:00Z");
        let cases = [
            (0, 1),
            (59, 1),
            (60, 10),
            (590, 10),
            (3_540, 60),
            (2 * 3_600, 300),
            (14 * 3_600, 900),
            (2 * 86_400, 3_600),
            (14 * 86_400, 21_600),
            (59 * 86_400, 86_400),
            (600 * 86_400, 11 * 86_400),
        ];
        for (span, seconds) in cases {
            let every = Every::choose(start, start + span * NANOS_PER_SECOND);
            assert_eq!(every.seconds(), seconds as u64, "span {span}s");
            assert!(bucket_count(start, start + span * NANOS_PER_SECOND, every.seconds()) <= 61);
        }
    }

    #[test]
    fn functions_are_kept_by_name() {
        let selection = Selection {
            functions: vec!["order-sync".into()],
            ..Selection::default()
        };
        assert!(selection.keeps_function(Some("order-sync")));
        assert!(!selection.keeps_function(Some("billing")));
        assert!(!selection.keeps_function(None));
        assert!(Selection::default().keeps_function(None));
    }
}
