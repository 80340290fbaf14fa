//! How long attempts ran and how much memory they used, per code: the median and 95th percentile
//! of `SCF_Duration` from a DDSketch (sketches-ddsketch), and the exact maximum of each.
//!
//! A DDSketch keeps counts in logarithmic bins, so memory is bounded by the spread of the values,
//! not by their number: at most [`MAX_BINS`] bins of 8 bytes, and about 600 for every duration
//! from 1 ms to a day. Each percentile it gives is within [`RELATIVE_ERROR`] of a duration that
//! some attempt at that rank really had.
//!
//! Most groups of a report are small: a function with a handful of invocations, one code of a
//! rare version. Their durations are kept as they are, [`FEW`] at most, and put into a sketch
//! only when they would answer: a sketch's first bins take 1 KiB, which for 50,000 functions of
//! a few invocations each was most of the command's memory. The answers are the same either way.

use sketches_ddsketch::{Config, DDSketch};

/// The relative error of a percentile: 1%.
pub const RELATIVE_ERROR: f64 = 0.01;

/// The most bins one sketch keeps; past that the lowest are merged, which only touches
/// percentiles far below the median.
pub const MAX_BINS: u32 = 2_048;

/// How many durations a set of attempts keeps as they are before it bins them in a sketch.
pub const FEW: usize = 32;

/// Durations and memory of a set of attempts.
#[derive(Clone, Default)]
pub struct Usage {
    durations: Sketch,
    memory_mb: Option<f64>,
}

/// The durations of a set of attempts: up to [`FEW`] as they are, then a sketch.
#[derive(Clone)]
enum Sketch {
    Few(Vec<f64>),
    Binned(Box<DDSketch>),
}

impl Default for Sketch {
    fn default() -> Self {
        Sketch::Few(Vec::new())
    }
}

/// An empty sketch: every set of attempts has this configuration, the one condition of a merge.
fn new_sketch() -> DDSketch {
    // Durations are whole milliseconds: 0 ms is counted as zero, not binned.
    DDSketch::new(Config::new(RELATIVE_ERROR, MAX_BINS, 0.5))
}

/// A sketch of `values`.
fn sketch_of(values: &[f64]) -> DDSketch {
    let mut sketch = new_sketch();
    for value in values {
        sketch.add(*value);
    }
    sketch
}

impl Sketch {
    fn add(&mut self, duration: f64) {
        match self {
            Sketch::Few(values) if values.len() < FEW => values.push(duration),
            Sketch::Few(values) => {
                let mut sketch = sketch_of(values);
                sketch.add(duration);
                *self = Sketch::Binned(Box::new(sketch));
            }
            Sketch::Binned(sketch) => sketch.add(duration),
        }
    }

    fn merge(&mut self, other: &Sketch) {
        match (&mut *self, other) {
            (_, Sketch::Few(values)) => values.iter().for_each(|value| self.add(*value)),
            (Sketch::Binned(ours), Sketch::Binned(theirs)) => {
                // Both sketches have the same configuration, the one condition of a merge.
                let _ = ours.merge(theirs);
            }
            (Sketch::Few(values), Sketch::Binned(theirs)) => {
                let mut sketch = (**theirs).clone();
                values.iter().for_each(|value| sketch.add(*value));
                *self = Sketch::Binned(Box::new(sketch));
            }
        }
    }

    /// The sketch, binned now where the durations were kept as they are.
    fn binned(&self) -> std::borrow::Cow<'_, DDSketch> {
        match self {
            Sketch::Few(values) => std::borrow::Cow::Owned(sketch_of(values)),
            Sketch::Binned(sketch) => std::borrow::Cow::Borrowed(sketch),
        }
    }
}

impl std::fmt::Debug for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Usage")
            .field("attempts_with_a_duration", &self.durations.binned().count())
            .field("durations", &self.durations())
            .field("memory_mb", &self.memory_mb)
            .finish()
    }
}

/// Two usages are equal when they report the same: the sketches' bins are not compared.
impl PartialEq for Usage {
    fn eq(&self, other: &Usage) -> bool {
        self.durations.binned().count() == other.durations.binned().count()
            && self.durations() == other.durations()
            && self.memory_mb == other.memory_mb
    }
}

/// The duration percentiles of a set of attempts, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Durations {
    /// The median, within 1%.
    pub p50: f64,
    /// The 95th percentile, within 1%.
    pub p95: f64,
    /// The longest, exactly.
    pub max: f64,
}

impl Usage {
    /// Counts one attempt: its `SCF_Duration` in ms and `SCF_MemUsage` in MB, where its lines
    /// carried them.
    pub fn add(&mut self, duration_ms: Option<f64>, memory_mb: Option<f64>) {
        if let Some(duration) = duration_ms.filter(|value| value.is_finite() && *value >= 0.0) {
            self.durations.add(duration);
        }
        if let Some(memory) = memory_mb.filter(|value| value.is_finite() && *value >= 0.0) {
            self.memory_mb = Some(self.memory_mb.map_or(memory, |max| max.max(memory)));
        }
    }

    /// Adds the attempts that `other` counted.
    pub fn merge(&mut self, other: &Usage) {
        self.durations.merge(&other.durations);
        if let Some(memory) = other.memory_mb {
            self.add(None, Some(memory));
        }
    }

    /// The percentiles of the durations; `None` when no attempt had one.
    pub fn durations(&self) -> Option<Durations> {
        let sketch = self.durations.binned();
        let max = sketch.max()?;
        let min = sketch.min().unwrap_or(0.0);
        // A bin's value may lie a little outside the values seen: keep it within them, and round
        // to the whole milliseconds SCF reports.
        let quantile = |q: f64| {
            let value = sketch.quantile(q).ok().flatten().unwrap_or(max);
            value.clamp(min, max).round()
        };
        Some(Durations {
            p50: quantile(0.5),
            p95: quantile(0.95),
            max,
        })
    }

    /// The most memory any attempt used, in MB; `None` when no line said.
    pub fn memory_mb(&self) -> Option<f64> {
        self.memory_mb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value at `q` among `values`, sorted: what the sketch approximates.
    fn exact(values: &mut [f64], q: f64) -> f64 {
        values.sort_by(f64::total_cmp);
        values[(q * (values.len() - 1) as f64) as usize]
    }

    #[test]
    fn percentiles_are_within_the_stated_error() {
        let mut usage = Usage::default();
        let mut values: Vec<f64> = (0..10_000u64)
            .map(|i| (1 + (i * 7_919) % 30_000) as f64)
            .collect();
        for value in &values {
            usage.add(Some(*value), None);
        }
        let durations = usage.durations().unwrap();
        for (q, got) in [(0.5, durations.p50), (0.95, durations.p95)] {
            let want = exact(&mut values, q);
            assert!(
                (got - want).abs() <= want * RELATIVE_ERROR + 0.5,
                "p{q}: {got} is not within 1% of {want}"
            );
        }
        assert_eq!(durations.max, exact(&mut values, 1.0));
    }

    #[test]
    fn nothing_measured_is_none_and_zero_is_a_duration() {
        let mut usage = Usage::default();
        assert_eq!(usage.durations(), None);
        assert_eq!(usage.memory_mb(), None);
        usage.add(Some(0.0), None);
        usage.add(None, Some(f64::NAN));
        assert_eq!(
            usage.durations(),
            Some(Durations {
                p50: 0.0,
                p95: 0.0,
                max: 0.0
            })
        );
        assert_eq!(usage.memory_mb(), None);
    }

    #[test]
    fn merged_usage_is_the_usage_of_both() {
        let (mut a, mut b, mut both) = (Usage::default(), Usage::default(), Usage::default());
        for value in 1..=100 {
            let (duration, memory) = (Some(f64::from(value)), Some(f64::from(value) / 2.0));
            if value % 3 == 0 { &mut a } else { &mut b }.add(duration, memory);
            both.add(duration, memory);
        }
        a.merge(&b);
        assert_eq!(a.durations(), both.durations());
        assert_eq!(a.memory_mb(), Some(50.0));
    }

    #[test]
    fn memory_stays_bounded_however_many_attempts() {
        let mut usage = Usage::default();
        for i in 0..1_000_000u64 {
            usage.add(Some(((i * 86) % 86_400_000) as f64), None);
        }
        assert!(usage.durations.binned().length() <= MAX_BINS as usize);
    }

    /// The usage of `values`, added one by one into one sketch, as before [`FEW`].
    fn binned_from_the_start(values: &[f64]) -> Option<Durations> {
        Usage {
            durations: Sketch::Binned(Box::new(sketch_of(values))),
            memory_mb: None,
        }
        .durations()
    }

    #[test]
    fn few_durations_answer_as_a_sketch_of_them_would() {
        for count in 0..=3 * FEW {
            let values: Vec<f64> = (0..count as u64)
                .map(|i| ((i * 7_919) % 3_001) as f64)
                .collect();
            let mut usage = Usage::default();
            values
                .iter()
                .for_each(|value| usage.add(Some(*value), None));
            assert_eq!(
                usage.durations(),
                binned_from_the_start(&values),
                "{count} durations"
            );
            assert_eq!(
                matches!(usage.durations, Sketch::Few(_)),
                count <= FEW,
                "{count} durations"
            );
            // Merged in every way the three shapes allow: few into few, few into binned,
            // binned into few, binned into binned.
            for split in [0, 1.min(count), count / 2, count.saturating_sub(1), count] {
                let (left, right) = values.split_at(split);
                let (mut a, mut b) = (Usage::default(), Usage::default());
                left.iter().for_each(|value| a.add(Some(*value), None));
                right.iter().for_each(|value| b.add(Some(*value), None));
                let mut ab = a.clone();
                ab.merge(&b);
                b.merge(&a);
                assert_eq!(
                    ab.durations(),
                    binned_from_the_start(&values),
                    "{split} of {count}"
                );
                assert_eq!(
                    b.durations(),
                    binned_from_the_start(&values),
                    "{split} of {count}"
                );
            }
        }
    }

    #[test]
    fn a_usage_is_small_until_it_has_many_durations() {
        assert!(std::mem::size_of::<Usage>() <= 48);
        let mut usage = Usage::default();
        usage.add(Some(12.0), Some(30.0));
        match &usage.durations {
            Sketch::Few(values) => assert!(values.capacity() <= FEW),
            Sketch::Binned(_) => panic!("one duration was binned"),
        }
    }
}
