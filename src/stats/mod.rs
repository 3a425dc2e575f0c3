//! Every number in the report comes from here: shares, net scores, turnover,
//! correlations, trend lines and "is this change real" tests.
//!
//! The functions are pure and deterministic. They return `None` instead of a
//! NaN or an infinity, so a number that cannot be computed is left out of the
//! report rather than printed wrong. The formulas are explained for readers in
//! `docs/method.md`; the tests (`tests.rs`) compare against SciPy/NumPy/statsmodels
//! values printed by `tests/reference/stats_reference.py`.

use serde::Serialize;
use statrs::function::beta::checked_beta_reg;
use statrs::function::gamma::checked_gamma_ur;

mod bootstrap;
mod correlation;
#[cfg(test)]
mod tests;

pub use bootstrap::*;
pub use correlation::*;

/// Two-sided 95% quantile of the standard normal distribution (`norm.ppf(0.975)`).
pub const Z95: f64 = 1.959963984540054;

/// The level of every test: a change is called clear when its false-discovery-adjusted p-value
/// is below this (`aggregate::control_false_discoveries`).
pub const SIGNIFICANCE: f64 = 0.05;

/// A confidence interval, `low <= high`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// Cut-points of an agreement scale with `points` answer options numbered 1..=points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub points: u8,
    pub favourable_from: u8,
    pub unfavourable_to: u8,
}

impl Scale {
    /// 1–5 agreement scale: 4–5 favourable, 3 neutral, 1–2 unfavourable.
    pub const LIKERT5: Scale = Scale {
        points: 5,
        favourable_from: 4,
        unfavourable_to: 2,
    };

    /// The bands must not overlap, or the shares would not add up to one:
    /// `unfavourable_to < favourable_from <= points`.
    pub fn is_valid(&self) -> bool {
        self.unfavourable_to < self.favourable_from && self.favourable_from <= self.points
    }
}

/// Distribution of answers to one agreement item. Shares are in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Shares {
    pub n: u64,
    pub favourable: f64,
    pub neutral: f64,
    pub unfavourable: f64,
    /// Mean answer on the 1..=points scale.
    pub mean: f64,
    /// 95% Wilson interval of `favourable`.
    pub favourable_interval: Interval,
}

/// counts[i] = answers on scale point i+1 ("not applicable" is not in counts).
/// None when n == 0, counts.len() != points, the scale's bands overlap, or the
/// total overflows u64.
pub fn shares(counts: &[u64], scale: &Scale) -> Option<Shares> {
    if counts.len() != usize::from(scale.points) || !scale.is_valid() {
        return None;
    }
    let n = checked_total(counts)?;
    if n == 0 {
        return None;
    }
    let (mut favourable, mut neutral, mut unfavourable) = (0u64, 0u64, 0u64);
    // Exact integer sum of answer values; u128 cannot overflow for 255 points.
    let mut answer_sum: u128 = 0;
    for (index, &count) in counts.iter().enumerate() {
        let point = index + 1;
        answer_sum += point as u128 * u128::from(count);
        if point >= usize::from(scale.favourable_from) {
            favourable += count;
        } else if point <= usize::from(scale.unfavourable_to) {
            unfavourable += count;
        } else {
            neutral += count;
        }
    }
    let total = n as f64;
    Some(Shares {
        n,
        favourable: favourable as f64 / total,
        neutral: neutral as f64 / total,
        unfavourable: unfavourable as f64 / total,
        mean: answer_sum as f64 / total,
        favourable_interval: wilson_interval(favourable, n, Z95),
    })
}

/// Wilson score interval for a share `successes / n` (result in 0..=1).
///
/// Chosen over the textbook `p ± z·sqrt(p(1-p)/n)` because that one collapses
/// to a zero-width interval at 0% and 100% and leaves [0, 1] for the small
/// teams a people report is full of. `successes` above `n` count as `n`;
/// `n == 0` (no information) and a non-finite `z` give [0, 1]. A negative `z`
/// is used as `|z|`.
pub fn wilson_interval(successes: u64, n: u64, z: f64) -> Interval {
    if n == 0 || !z.is_finite() {
        return Interval {
            low: 0.0,
            high: 1.0,
        };
    }
    let k = successes.min(n);
    let total = n as f64;
    let p = k as f64 / total;
    let z2 = z * z;
    let denominator = 1.0 + z2 / total;
    let centre = (p + z2 / (2.0 * total)) / denominator;
    let half = z.abs() / denominator * (p * (1.0 - p) / total + z2 / (4.0 * total * total)).sqrt();
    // Mathematically low <= p <= high, and low = 0 at p = 0, high = 1 at p = 1;
    // the clamps only remove last-digit rounding.
    let low = if k == 0 {
        0.0
    } else {
        (centre - half).clamp(0.0, p)
    };
    let high = if k == n {
        1.0
    } else {
        (centre + half).clamp(p, 1.0)
    };
    Interval { low, high }
}

/// Net score of a 0–10 "would you recommend" question (NPS for customers,
/// eNPS for employees). Shares are in 0..=1, `score` and `interval` in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NetScore {
    pub n: u64,
    pub promoters: f64,
    pub passives: f64,
    pub detractors: f64,
    pub score: f64,
    pub interval: Interval,
}

impl NetScore {
    /// Standard error of `score`, in score points: 100·sqrt(var/n) where
    /// var = p_prom + p_det − (p_prom − p_det)² is the variance of one answer
    /// scored +1 (promoter), 0 (passive), −1 (detractor).
    pub fn standard_error(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        100.0 * (net_variance(self.promoters, self.detractors) / self.n as f64).sqrt()
    }
}

/// Variance of one answer scored +1/0/−1. Written as a sum of non-negative
/// terms (equal to p + d − (p − d)²) so rounding can never make it negative.
fn net_variance(promoters: f64, detractors: f64) -> f64 {
    promoters * (1.0 - promoters) + detractors * (1.0 - detractors) + 2.0 * promoters * detractors
}

/// counts for answers 0..=10: promoters 9–10, passives 7–8, detractors 0–6;
/// score = 100·(p_prom − p_det) in −100..=100, with the adjusted-Wald 95%
/// interval of [`net_score_interval`]. None if n == 0 (or the total overflows u64).
pub fn net_score(counts: &[u64; 11]) -> Option<NetScore> {
    let n = checked_total(counts)?;
    if n == 0 {
        return None;
    }
    let total = n as f64;
    let detractor_count = counts[..7].iter().sum::<u64>();
    let promoter_count = counts[9] + counts[10];
    let detractors = detractor_count as f64 / total;
    let passives = (counts[7] + counts[8]) as f64 / total;
    let promoters = promoter_count as f64 / total;
    let score = 100.0 * (promoters - detractors);
    Some(NetScore {
        n,
        promoters,
        passives,
        detractors,
        score,
        interval: net_score_interval(promoter_count, detractor_count, n, Z95),
    })
}

/// Adjusted-Wald interval of a net score, in points (Rocks 2016, *The American
/// Statistician* 70(4)): add z²/4 pseudo-answers to the promoters, z²/4 to the
/// detractors and z²/2 to the passives (n + z² in all), then use the Wald
/// interval of the adjusted shares:
///
///   ñ = n + z², p̃ = (promoters + z²/4)/ñ, d̃ = (detractors + z²/4)/ñ,
///   s̃ = p̃ − d̃, ṽ = p̃ + d̃ − s̃², interval = 100·(s̃ ± z·√(ṽ/ñ)).
///
/// Unlike the plain Wald interval it never has zero width, and it stays within
/// ±100 except when nearly everyone of more than z² people answered alike; it is
/// cut at ±100 then. Below z² (3.84) people answering alike it would stop short
/// of the observed ±100, so the interval is widened to include the observed
/// score. `promoters + detractors` above `n` is treated as no information.
pub fn net_score_interval(promoters: u64, detractors: u64, n: u64, z: f64) -> Interval {
    let whole = Interval {
        low: -100.0,
        high: 100.0,
    };
    if n == 0 || !z.is_finite() || promoters.saturating_add(detractors) > n {
        return whole;
    }
    let z2 = z * z;
    let adjusted_n = n as f64 + z2;
    let p = (promoters as f64 + z2 / 4.0) / adjusted_n;
    let d = (detractors as f64 + z2 / 4.0) / adjusted_n;
    let centre = p - d;
    // p + d − (p − d)², written as non-negative terms so rounding cannot make it negative.
    let variance = net_variance(p, d);
    let half = z.abs() * (variance / adjusted_n).sqrt();
    let observed = 100.0 * (promoters as f64 - detractors as f64) / n as f64;
    Interval {
        low: (100.0 * (centre - half)).clamp(-100.0, 100.0).min(observed),
        high: (100.0 * (centre + half)).clamp(-100.0, 100.0).max(observed),
    }
}

/// leavers / average headcount (0.08 = 8%). None if headcount <= 0, leavers < 0
/// or either is not finite.
pub fn turnover(leavers: f64, average_headcount: f64) -> Option<f64> {
    if leavers.is_finite()
        && leavers >= 0.0
        && average_headcount.is_finite()
        && average_headcount > 0.0
    {
        finite(leavers / average_headcount)
    } else {
        None
    }
}

/// Arithmetic mean. None for an empty slice or a non-finite result.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    finite(values.iter().sum::<f64>() / values.len() as f64)
}

/// Benjamini–Hochberg adjusted p-values ("q-values"), in the order given: for the i-th
/// smallest of m p-values, min over j ≥ i of m·p₍ⱼ₎/j, at most 1 (as statsmodels
/// `multipletests(method="fdr_bh")`). Calling a result clear when its q is below α keeps the
/// expected share of false discoveries among the clear results at or below α.
pub fn benjamini_hochberg(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]).then(a.cmp(&b)));
    let mut adjusted = vec![1.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p_values[i] * m as f64 / (rank + 1) as f64);
        adjusted[i] = running.clamp(0.0, 1.0);
    }
    adjusted
}

/// The change between two independent estimates and whether it is larger than the noise.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The first group's figure (the earlier period, or the rest of the organisation).
    pub before: f64,
    /// The second group's figure (the later period, or the unit).
    pub after: f64,
    /// `after − before` (shares for proportions, points for net scores).
    pub difference: f64,
    pub z: f64,
    /// Two-sided, from the standard normal distribution. Whether a change is called clear is
    /// decided after the false-discovery control of its period (`aggregate::Comparison`).
    pub p_value: f64,
}

impl Change {
    /// Both estimates are identical and have no spread: nothing changed.
    fn unchanged(before: f64, after: f64) -> Change {
        Change {
            before,
            after,
            difference: 0.0,
            z: 0.0,
            p_value: 1.0,
        }
    }

    fn from_z(before: f64, after: f64, z: f64) -> Option<Change> {
        Some(Change {
            before: finite(before)?,
            after: finite(after)?,
            difference: finite(after - before)?,
            z: finite(z)?,
            p_value: two_sided_normal_p(z),
        })
    }
}

/// Two-sided two-proportion z-test with pooled variance (difference = p2 − p1,
/// in share units 0..1).
///
/// None if n1 == 0, n2 == 0 or a count of successes exceeds its n. When the
/// pooled share is 0 or 1 (everyone answered the same way in both samples) the
/// difference is necessarily 0 and the result is "no change": difference 0,
/// z 0, p 1.
pub fn two_proportion_test(successes1: u64, n1: u64, successes2: u64, n2: u64) -> Option<Change> {
    if n1 == 0 || n2 == 0 || successes1 > n1 || successes2 > n2 {
        return None;
    }
    let (k1, n1, k2, n2) = (successes1 as f64, n1 as f64, successes2 as f64, n2 as f64);
    let (p1, p2) = (k1 / n1, k2 / n2);
    let pooled = (k1 + k2) / (n1 + n2);
    let standard_error = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if standard_error == 0.0 {
        return Some(Change::unchanged(p1, p2));
    }
    Change::from_z(p1, p2, (p2 - p1) / standard_error)
}

/// Difference of two independent net scores (b − a, in score points) with
/// z = diff / sqrt(var_a/n_a + var_b/n_b), variances as in [`net_score`].
///
/// None if either n is 0, or if both samples have no spread (e.g. all
/// passives before, all promoters after) yet differ: the test is undefined
/// then, and the report shows the difference without a verdict. Identical
/// samples without spread are "no change" (as in [`two_proportion_test`]).
pub fn net_score_change(a: &NetScore, b: &NetScore) -> Option<Change> {
    if a.n == 0 || b.n == 0 {
        return None;
    }
    let difference = b.score - a.score;
    let standard_error = a.standard_error().hypot(b.standard_error());
    if standard_error == 0.0 {
        return (difference == 0.0).then(|| Change::unchanged(a.score, b.score));
    }
    Change::from_z(a.score, b.score, difference / standard_error)
}

// ---------------------------------------------------------------- helpers

fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

fn all_finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

/// Compared exactly, not through the variance: a computed mean of equal values
/// can be off in the last digit and leave a tiny non-zero variance.
fn is_constant(values: &[f64]) -> bool {
    values.windows(2).all(|w| w[0] == w[1])
}

fn checked_total(counts: &[u64]) -> Option<u64> {
    counts.iter().try_fold(0u64, |sum, &c| sum.checked_add(c))
}

/// Same length, at least `min_n` pairs, all finite, neither variable constant.
fn paired_and_varying(x: &[f64], y: &[f64], min_n: usize) -> bool {
    x.len() == y.len()
        && x.len() >= min_n
        && all_finite(x)
        && all_finite(y)
        && !is_constant(x)
        && !is_constant(y)
}

/// Pearson r by the two-pass (centred) formula, clamped to [−1, 1]. None if
/// the sums overflow or underflow (values beyond about ±1e150).
fn correlation_coefficient(x: &[f64], y: &[f64]) -> Option<f64> {
    let (mean_x, mean_y) = (mean(x)?, mean(y)?);
    let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        let (dx, dy) = (a - mean_x, b - mean_y);
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    let scale = (sxx * syy).sqrt();
    if !(scale.is_finite() && scale > 0.0 && sxy.is_finite()) {
        return None;
    }
    Some((sxy / scale).clamp(-1.0, 1.0))
}

/// Two-sided p-value of r against 0 from Student's t with n−2 df.
///
/// Uses the identity P(|T| > |t|) = I_{1−r²}((n−2)/2, 1/2) (regularised
/// incomplete beta; t = r·sqrt((n−2)/(1−r²)) gives df/(df+t²) = 1−r²). This is
/// the t-distribution tail computed without forming t, so |r| → 1 needs no
/// division by zero and tiny p-values keep their relative precision.
fn correlation_p_value(r: f64, n: usize) -> Option<f64> {
    if n < 3 {
        return None;
    }
    if r.abs() >= 1.0 {
        return Some(0.0);
    }
    let df = (n - 2) as f64;
    let one_minus_r2 = (1.0 - r) * (1.0 + r);
    checked_beta_reg(df / 2.0, 0.5, one_minus_r2)
        .ok()
        .and_then(finite)
        .map(|p| p.clamp(0.0, 1.0))
}

/// 2·P(Z > |z|) for a standard normal Z, as the upper regularised gamma
/// function Q(1/2, z²/2).
///
/// Not `Normal::sf` / `erfc` from statrs 0.19.1: its erf constants are
/// truncated (fixed upstream in statrs PR #412), leaving ~1e-10 relative error
/// (0.04999999999775 instead of 0.05 at z = 1.96); Q(1/2, ·) agrees with SciPy
/// to about 1e-14. Computing the tail directly
/// also keeps tiny p-values from being rounded to zero by 1 − Φ.
fn two_sided_normal_p(z: f64) -> f64 {
    if z == 0.0 || z.is_nan() {
        return 1.0;
    }
    checked_gamma_ur(0.5, z * z / 2.0).map_or(0.0, |p| p.clamp(0.0, 1.0))
}
