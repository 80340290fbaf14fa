//! How long attempts ran and how much memory they used, per code: the median and 95th percentile
//! of `SCF_Duration` from a DDSketch (sketches-ddsketch), and the exact maximum of each.
//!
//! A DDSketch keeps counts in logarithmic bins, so memory is bounded by the spread of the values,
//! not by their number: at most [`MAX_BINS`] bins of 8 bytes, and about 600 for every duration
//! from 1 ms to a day. Each percentile it gives is within [`RELATIVE_ERROR`] of a duration that
//! some attempt at that rank really had.

use sketches_ddsketch::{Config, DDSketch};

/// The relative error of a percentile: 1%.
pub const RELATIVE_ERROR: f64 = 0.01;

/// The most bins one sketch keeps; past that the lowest are merged, which only touches
/// percentiles far below the median.
pub const MAX_BINS: u32 = 2_048;

/// Durations and memory of a set of attempts.
#[derive(Clone)]
pub struct Usage {
    durations: DDSketch,
    memory_mb: Option<f64>,
}

impl Default for Usage {
    fn default() -> Self {
        Usage {
            // Durations are whole milliseconds: 0 ms is counted as zero, not binned.
            durations: DDSketch::new(Config::new(RELATIVE_ERROR, MAX_BINS, 0.5)),
            memory_mb: None,
        }
    }
}

impl std::fmt::Debug for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Usage")
            .field("attempts_with_a_duration", &self.durations.count())
            .field("durations", &self.durations())
            .field("memory_mb", &self.memory_mb)
            .finish()
    }
}

/// Two usages are equal when they report the same: the sketches' bins are not compared.
impl PartialEq for Usage {
    fn eq(&self, other: &Usage) -> bool {
        self.durations.count() == other.durations.count()
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
        // Both sketches have the same configuration, the one condition of a merge.
        let _ = self.durations.merge(&other.durations);
        if let Some(memory) = other.memory_mb {
            self.add(None, Some(memory));
        }
    }

    /// The percentiles of the durations; `None` when no attempt had one.
    pub fn durations(&self) -> Option<Durations> {
        let max = self.durations.max()?;
        let min = self.durations.min().unwrap_or(0.0);
        // A bin's value may lie a little outside the values seen: keep it within them, and round
        // to the whole milliseconds SCF reports.
        let quantile = |q: f64| {
            let value = self.durations.quantile(q).ok().flatten().unwrap_or(max);
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
        assert!(usage.durations.length() <= MAX_BINS as usize);
    }
}
