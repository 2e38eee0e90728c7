//! SIPAS-style answer statistics: distributions, top-2-box share, mean, Wilson interval,
//! and the roll-up from criterion to element.
//!
//! # Figures
//! For a distribution with counts `n1..n5` (and `na` "not applicable" answers, which are counted
//! but excluded from every figure), `n = n1+…+n5`:
//! - **top-2-box** `p = (n4 + n5) / n`, the share answering "Hài lòng" or "Rất hài lòng", as
//!   operational SIPAS reports count it;
//! - **mean** `(1·n1 + … + 5·n5) / n`;
//! - **95% Wilson interval** for `p` with `z = 1.96`:
//!   `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`.
//!
//! # Roll-up (criterion → element)
//! An element's distribution is the **pooled** distribution of its criteria (the sum of their
//! counts). Its top-2-box share is therefore the mean of its criteria's shares weighted by their
//! valid answers, which equals the plain mean of the criterion shares (the recalled SIPAS rule)
//! whenever no criterion has "not applicable" answers. One respondent answers every criterion of
//! an element, so pooled answers are not independent: the element's interval uses the average
//! number of valid answers per criterion as `n` (about one observation per respondent), not the
//! pooled count. "Overall" is the separate overall-satisfaction question, never a roll-up.
//!
//! # Suppression
//! A cell (a period, optionally one procedure or tier) with fewer responses than the threshold
//! (default 10) is suppressed: counts and figures are withheld, only `n` is shown. A criterion
//! whose valid answers fall below the threshold is suppressed the same way. Complementary
//! suppression (`suppress`) then hides enough shown figures that no hidden one is the
//! difference of shown ones, on one census of all time (`aggregate`).

mod aggregate;
mod period;
mod summary;
mod suppress;

pub use aggregate::{Aggregator, Keep};
pub use period::{
    date_label, day_from_date, local_datetime, local_day, local_day_start, month_start, Period, UTC_OFFSET_SECS,
};
pub use summary::{contributions, Cell, CriterionStat, ElementSummary, Group, Stat, Summary, Tally, DEFAULT_THRESHOLD};

use serde::{Deserialize, Serialize};

use crate::envelope::Answer;

/// The normal quantile for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Answer counts for one question: `counts[k]` holds the answers `k + 1`; `na` the
/// "not applicable" ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    pub counts: [u64; 5],
    pub na: u64,
}

impl Distribution {
    /// Counts one answer.
    pub fn add(&mut self, answer: Answer) {
        match answer {
            Answer::Score(v) => self.add_count(v, 1),
            Answer::NotApplicable => self.add_count(0, 1),
        }
    }

    /// Counts `count` answers of `value` (0 = not applicable, 1..=5 = score). Other values are
    /// ignored: validation rejects them before anything is stored.
    pub fn add_count(&mut self, value: u8, count: u64) {
        match value {
            0 => self.na += count,
            1..=5 => self.counts[usize::from(value - 1)] += count,
            _ => {}
        }
    }

    /// Adds another distribution's counts (associative and commutative).
    pub fn merge(&mut self, other: &Distribution) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        self.na += other.na;
    }

    /// Valid answers (1..=5), the `n` of every figure.
    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Answers 4 or 5.
    pub fn top2(&self) -> u64 {
        self.counts[3] + self.counts[4]
    }

    /// Top-2-box share in 0..=1; `None` without valid answers.
    pub fn top2_share(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| self.top2() as f64 / n as f64)
    }

    /// Mean score in 1..=5; `None` without valid answers.
    pub fn mean(&self) -> Option<f64> {
        let n = self.n();
        let sum: u64 = self.counts.iter().zip(1u64..).map(|(c, v)| c * v).sum();
        (n > 0).then(|| sum as f64 / n as f64)
    }
}

/// 95% Wilson score interval for a proportion `p` observed over `n` trials (`n` may be an
/// effective, fractional count); `None` when `n` is not positive.
pub fn wilson95(p: f64, n: f64) -> Option<(f64, f64)> {
    if n <= 0.0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    Some(((center - half).max(0.0), (center + half).min(1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        let mut d = Distribution::default();
        for v in [1, 3, 4, 4, 5] {
            d.add(Answer::Score(v));
        }
        d.add(Answer::NotApplicable);
        d.add_count(9, 3);
        assert_eq!(d.n(), 5);
        assert_eq!(d.na, 1);
        assert_eq!(d.top2_share(), Some(0.6));
        assert_eq!(d.mean(), Some(3.4));
        assert_eq!(Distribution::default().mean(), None);
    }

    #[test]
    fn wilson_matches_reference_values() {
        // Reference: 8 of 10 → 0.4902..0.9433; 0 of 10 → 0..0.2775; 10 of 10 → 0.7225..1.
        let (lo, hi) = wilson95(0.8, 10.0).unwrap();
        assert!((lo - 0.4902).abs() < 1e-4 && (hi - 0.9433).abs() < 1e-4, "{lo} {hi}");
        let (lo, hi) = wilson95(0.0, 10.0).unwrap();
        assert!(lo.abs() < 1e-12 && (hi - 0.2775).abs() < 1e-4, "{lo} {hi}");
        let (lo, hi) = wilson95(1.0, 10.0).unwrap();
        assert!((lo - 0.7225).abs() < 1e-4 && (hi - 1.0).abs() < 1e-12, "{lo} {hi}");
        assert_eq!(wilson95(0.5, 0.0), None);
    }
}
