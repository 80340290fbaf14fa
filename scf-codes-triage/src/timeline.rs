//! When attempts ended: their outcomes counted in buckets of equal length, aligned on the epoch in
//! UTC, and drawn as one sparkline per code.

use crate::options::{Every, MAX_BUCKETS, Nanos, bucket_count, bucket_nanos, clock};

/// The buckets of a report's time line: where each attempt's end falls. The counts are kept with
/// each code of each group ([`CodeCount::buckets`](super::summary::CodeCount::buckets)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeline {
    /// The start of the first bucket.
    pub start: Nanos,
    /// The length of each bucket.
    pub every: Every,
    /// How many buckets there are.
    pub buckets: usize,
}

impl Timeline {
    /// The buckets that cover the time from `first` to `last`. Fails when that takes more than
    /// [`MAX_BUCKETS`].
    pub fn new(first: Nanos, last: Nanos, every: Every) -> Result<Timeline, String> {
        let count = bucket_count(first, last, every.seconds());
        if count > MAX_BUCKETS {
            let needed = Every::choose(first, last);
            return Err(format!(
                "--every {} cuts the log's {} into {count} buckets; at most {MAX_BUCKETS} are \
                 drawn: give a longer bucket, such as --every {}, or a shorter window \
                 (--since, --until)",
                every.length().compact(),
                span(first, last),
                needed.length().compact()
            ));
        }
        let size = bucket_nanos(every.seconds());
        Ok(Timeline {
            start: first.min(last).div_euclid(size) * size,
            every,
            buckets: count as usize,
        })
    }

    /// The bucket of an attempt that ended at `time`; `None` outside the time line.
    pub fn index(&self, time: Nanos) -> Option<usize> {
        let offset = time.checked_sub(self.start).filter(|offset| *offset >= 0)?;
        let index = usize::try_from(offset / bucket_nanos(self.every.seconds())).ok()?;
        (index < self.buckets).then_some(index)
    }

    /// The start of bucket `index`.
    pub fn bucket_start(&self, index: usize) -> Nanos {
        self.start
            .saturating_add(bucket_nanos(self.every.seconds()).saturating_mul(index as i64))
    }

    /// The end of the last bucket.
    pub fn end(&self) -> Nanos {
        self.bucket_start(self.buckets)
    }

    /// The span and the bucket, as the terminal report states them:
    /// `2026-11-27 09:00–11:00 UTC, 5-minute buckets`.
    pub fn describe(&self) -> String {
        format!(
            "{}, {} buckets",
            span(self.start, self.end()),
            self.every.length()
        )
    }
}

/// The time from `first` to `last` in UTC, the date said once when both are on the same day:
/// `2026-11-27 09:00–11:00 UTC`. Seconds are shown when either time has some.
pub fn span(first: Nanos, last: Nanos) -> String {
    let minute = 60 * 1_000_000_000;
    let seconds = first % minute != 0 || last % minute != 0;
    let (from, to) = (clock(first, seconds), clock(last, seconds));
    match (from.split_once(' '), to.split_once(' ')) {
        (Some((day, _)), Some((same_day, time))) if day == same_day => {
            format!("{from}\u{2013}{time} UTC")
        }
        _ => format!("{from} \u{2013} {to} UTC"),
    }
}

/// The block characters of a sparkline, lowest to highest.
const BLOCKS: [char; 8] = [
    '\u{2581}', '\u{2582}', '\u{2583}', '\u{2584}', '\u{2585}', '\u{2586}', '\u{2587}', '\u{2588}',
];

/// How many consecutive buckets one mark of a sparkline stands for, so that `buckets` fit in
/// `marks` characters.
pub fn buckets_per_mark(buckets: usize, marks: usize) -> usize {
    buckets.div_ceil(marks.max(1)).max(1)
}

/// `counts` as a sparkline of at most `marks` characters, each summing [`buckets_per_mark`]
/// consecutive buckets and scaled to the largest: a space for none, `▁` for the fewest, `█` for
/// the most.
pub fn sparkline(counts: &[u64], marks: usize) -> String {
    let per_mark = buckets_per_mark(counts.len(), marks);
    let sums: Vec<u64> = counts
        .chunks(per_mark)
        .map(|chunk| chunk.iter().sum())
        .collect();
    let highest = sums.iter().copied().max().unwrap_or(0);
    sums.iter()
        .map(|&sum| {
            if sum == 0 {
                ' '
            } else {
                // 1..=highest onto the eight blocks, the highest always full.
                let level = (sum * BLOCKS.len() as u64).div_ceil(highest) as usize - 1;
                BLOCKS[level.min(BLOCKS.len() - 1)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{NANOS_PER_SECOND, at};

    #[test]
    fn attempts_fall_in_the_bucket_of_their_end() {
        let every: Every = "5m".parse().unwrap();
        let timeline = Timeline::new(
            at("2026-11-27T09:03:10Z"),
            at("2026-11-27T10:59:59Z"),
            every,
        )
        .unwrap();
        assert_eq!(timeline.start, at("2026-11-27T09:00:00Z"));
        assert_eq!(timeline.buckets, 24);
        assert_eq!(timeline.end(), at("2026-11-27T11:00:00Z"));
        assert_eq!(timeline.index(at("2026-11-27T10:29:59.999Z")), Some(17));
        assert_eq!(timeline.index(at("2026-11-27T10:30:00Z")), Some(18));
        assert_eq!(timeline.index(at("2026-11-27T11:00:00Z")), None);
        assert_eq!(timeline.index(at("2026-11-27T08:59:59Z")), None);
        assert_eq!(timeline.bucket_start(18), at("2026-11-27T10:30:00Z"));
        assert_eq!(
            timeline.describe(),
            "2026-11-27 09:00\u{2013}11:00 UTC, 5-minute buckets"
        );
    }

    #[test]
    fn too_many_buckets_is_an_error_that_names_a_bucket_that_fits() {
        let first = at("2026-11-01T00:00:00Z");
        let error = Timeline::new(
            first,
            first + 30 * 86_400 * NANOS_PER_SECOND,
            "1s".parse().unwrap(),
        )
        .unwrap_err();
        assert!(error.starts_with("--every 1s cuts the log's"), "{error}");
        assert!(error.contains("into 2592001 buckets"), "{error}");
        assert!(error.contains("such as --every 1d"), "{error}");
    }

    #[test]
    fn spans_over_midnight_name_both_days() {
        assert_eq!(
            span(at("2026-11-27T23:00:00Z"), at("2026-11-28T01:00:00Z")),
            "2026-11-27 23:00 \u{2013} 2026-11-28 01:00 UTC"
        );
        assert_eq!(
            span(at("2026-11-27T10:00:05Z"), at("2026-11-27T10:00:20Z")),
            "2026-11-27 10:00:05\u{2013}10:00:20 UTC"
        );
    }

    #[test]
    fn sparklines_scale_to_the_highest_and_leave_none_blank() {
        assert_eq!(sparkline(&[0, 1, 4, 8], 60), " \u{2581}\u{2584}\u{2588}");
        assert_eq!(sparkline(&[], 60), "");
        assert_eq!(sparkline(&[5, 5, 5], 60), "\u{2588}\u{2588}\u{2588}");
        // Eight buckets in four marks: each mark sums two.
        assert_eq!(
            sparkline(&[0, 0, 1, 0, 0, 0, 4, 4], 4),
            " \u{2581} \u{2588}"
        );
        assert_eq!(buckets_per_mark(120, 50), 3);
    }
}
