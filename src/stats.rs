//! Every number in the report comes from here: shares, net scores, turnover,
//! correlations, trend lines and "is this change real" tests.
//!
//! The functions are pure and deterministic. They return `None` instead of a
//! NaN or an infinity, so a number that cannot be computed is left out of the
//! report rather than printed wrong. The formulas are explained for readers in
//! `docs/method.md`; the tests below compare against SciPy/NumPy/statsmodels
//! values printed by `tests/reference/stats_reference.py`.

use serde::Serialize;
use statrs::function::beta::checked_beta_reg;
use statrs::function::gamma::checked_gamma_ur;

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

/// A correlation with its 95% interval and two-sided p-value against r = 0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Correlation {
    pub n: usize,
    pub r: f64,
    /// None when n < 4 (the interval needs n − 3 > 0).
    pub interval: Option<Interval>,
    pub p_value: f64,
}

/// Pearson correlation of paired values (e.g. EX and CX per unit).
///
/// None if n < 3, lengths differ, a value is not finite, or a variable has
/// zero variance. p-value two-sided from t = r·sqrt((n−2)/(1−r²)) with n−2 df
/// (equals scipy.stats.pearsonr). Interval: Fisher z, see [`fisher_interval`].
/// |r| == 1 gives p = 0 and the interval [r, r].
pub fn pearson(x: &[f64], y: &[f64]) -> Option<Correlation> {
    if !paired_and_varying(x, y, 3) {
        return None;
    }
    let r = correlation_coefficient(x, y)?;
    Some(Correlation {
        n: x.len(),
        r,
        interval: fisher_interval(r, x.len(), Z95),
        p_value: correlation_p_value(r, x.len())?,
    })
}

/// A correlation averaged over several period pairs of the same teams, with a
/// team-resampling bootstrap interval (see [`team_bootstrap_correlation`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PanelCorrelation {
    /// Mean over the period pairs of the Pearson r across teams.
    pub r: f64,
    /// 2.5th and 97.5th percentiles of the bootstrap replicates of `r`.
    pub interval: Option<Interval>,
    /// Period pairs whose correlation is defined (at least 3 teams, both sides varying).
    pub pairs: usize,
    /// Distinct teams with at least one observation in such a pair.
    pub teams: usize,
}

/// Bootstrap replicates of [`team_bootstrap_correlation`].
pub const BOOTSTRAP_REPLICATES: usize = 1000;

/// One team's observation in one period pair: (pair index, x, y).
pub type PanelObservation = (usize, f64, f64);

/// The mean over period pairs of the across-team Pearson r, with a 95% interval
/// from a bootstrap that resamples *teams* (each team's whole history at once).
///
/// The same teams appear in every period pair, so the pairs are not
/// independent; resampling teams keeps each team's observations together, which
/// is what makes the interval valid for teams observed repeatedly (the cluster
/// bootstrap, Davison & Hinkley 1997, §3.8). `by_team[t]` lists team t's
/// observations. Each of `replicates` replicates draws as many teams as have an
/// observation, with replacement, from a SplitMix64 stream started at `seed`
/// (draw i of a replicate is team `observed[below(len)]`), and
/// recomputes the same mean; replicates in which no pair is defined are
/// skipped. The interval is the 2.5th and 97.5th percentile of the replicates
/// (linear interpolation, as `numpy.percentile`). The computation is
/// sequential, so the result does not depend on the thread count.
/// Cost: replicates × observations. None when no pair is defined.
pub fn team_bootstrap_correlation(
    by_team: &[Vec<PanelObservation>],
    pairs: usize,
    replicates: usize,
    seed: u64,
) -> Option<PanelCorrelation> {
    if by_team
        .iter()
        .flatten()
        .any(|&(p, x, y)| p >= pairs || !x.is_finite() || !y.is_finite())
    {
        return None;
    }
    // Centre every pair on its own means so the one-pass sums below stay exact enough.
    let mut centre = vec![(0.0, 0.0, 0usize); pairs];
    for &(p, x, y) in by_team.iter().flatten() {
        centre[p].0 += x;
        centre[p].1 += y;
        centre[p].2 += 1;
    }
    for c in &mut centre {
        if c.2 > 0 {
            c.0 /= c.2 as f64;
            c.1 /= c.2 as f64;
        }
    }
    let mut sums = vec![PairSums::default(); pairs];
    let (r, defined) = mean_pair_correlation(by_team, &vec![1; by_team.len()], &centre, &mut sums)?;
    let teams = by_team
        .iter()
        .filter(|obs| obs.iter().any(|&(p, _, _)| defined[p]))
        .count();
    // The teams drawn from: those with at least one observation, in storage order. A team
    // without any (hidden, or reported with another) would only change the resample's size.
    let observed: Vec<usize> = (0..by_team.len())
        .filter(|&t| !by_team[t].is_empty())
        .collect();
    let mut rng = SplitMix64(seed);
    // How often each team is drawn in a replicate: the same resample as a list of draws, but
    // summed team by team in storage order, which is several times faster for large sites.
    let mut weights = vec![0u32; by_team.len()];
    let mut replicate_values = Vec::with_capacity(replicates);
    for _ in 0..replicates {
        weights.fill(0);
        for _ in 0..observed.len() {
            weights[observed[rng.below(observed.len())]] += 1;
        }
        if let Some((value, _)) = mean_pair_correlation(by_team, &weights, &centre, &mut sums) {
            replicate_values.push(value);
        }
    }
    replicate_values.sort_by(f64::total_cmp);
    let interval = (replicate_values.len() >= 2).then(|| Interval {
        low: percentile(&replicate_values, 2.5),
        high: percentile(&replicate_values, 97.5),
    });
    Some(PanelCorrelation {
        r: finite(r)?,
        interval,
        pairs: defined.iter().filter(|&&d| d).count(),
        teams,
    })
}

#[derive(Clone, Copy, Default)]
struct PairSums {
    n: usize,
    x: f64,
    y: f64,
    xx: f64,
    yy: f64,
    xy: f64,
}

/// Mean over pairs of the Pearson r of the teams, team t counted `weights[t]` times (a team
/// drawn twice counts twice); also says which pairs were defined. None when no pair is.
fn mean_pair_correlation(
    by_team: &[Vec<PanelObservation>],
    weights: &[u32],
    centre: &[(f64, f64, usize)],
    sums: &mut [PairSums],
) -> Option<(f64, Vec<bool>)> {
    sums.fill(PairSums::default());
    for (observations, &weight) in by_team.iter().zip(weights) {
        if weight == 0 {
            continue;
        }
        let w = f64::from(weight);
        for &(p, x, y) in observations {
            let (dx, dy) = (x - centre[p].0, y - centre[p].1);
            let s = &mut sums[p];
            s.n += weight as usize;
            s.x += w * dx;
            s.y += w * dy;
            s.xx += w * dx * dx;
            s.yy += w * dy * dy;
            s.xy += w * dx * dy;
        }
    }
    let mut defined = vec![false; sums.len()];
    let (mut total, mut count) = (0.0, 0usize);
    for (p, s) in sums.iter().enumerate() {
        if s.n < 3 {
            continue;
        }
        let n = s.n as f64;
        let sxx = s.xx - s.x * s.x / n;
        let syy = s.yy - s.y * s.y / n;
        let sxy = s.xy - s.x * s.y / n;
        // Relative guard: a constant side leaves only rounding noise in its sum of squares.
        if sxx <= 1e-12 * s.xx.max(f64::MIN_POSITIVE) || syy <= 1e-12 * s.yy.max(f64::MIN_POSITIVE)
        {
            continue;
        }
        defined[p] = true;
        total += (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
        count += 1;
    }
    (count > 0).then(|| (total / count as f64, defined))
}

/// Percentile `q` (0–100) of sorted values, interpolating linearly between order statistics
/// (`numpy.percentile`'s default).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let position = q / 100.0 * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let fraction = position - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fully specified generator, so
/// the bootstrap is reproducible bit for bit on every platform and in the reference script.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A draw from 0..n by the multiply-shift map (Lemire 2019, without the rejection step;
    /// its bias, below n/2⁶⁴, is far beneath the bootstrap's own noise).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
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

/// Spearman rank correlation: Pearson on average ranks (ties get the mean rank).
///
/// Same `None` cases as [`pearson`]. p-value as scipy.stats.spearmanr (t with
/// n−2 df). Interval: Fisher z with the Bonett–Wright (2000) standard error,
/// see [`spearman_interval`], because 1/sqrt(n−3) is too narrow for ranks.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<Correlation> {
    if !paired_and_varying(x, y, 3) {
        return None;
    }
    let r = correlation_coefficient(&average_ranks(&tie_keys(x)), &average_ranks(&tie_keys(y)))?;
    Some(Correlation {
        n: x.len(),
        r,
        interval: spearman_interval(r, x.len(), Z95),
        p_value: correlation_p_value(r, x.len())?,
    })
}

/// The values Spearman ranks: each rounded to 9 decimals (halves away from zero), so that two
/// values equal in exact arithmetic tie even when floating point leaves them a last binary digit
/// apart (an index of 62.5 computed as 62.49999999999999). Values too large to scale stay as
/// they are.
fn tie_keys(values: &[f64]) -> Vec<f64> {
    values
        .iter()
        .map(|&v| {
            let key = crate::format::round_half_away(v, 9);
            if key.is_finite() { key } else { v }
        })
        .collect()
}

/// 1-based ranks; tied values all get the mean of the ranks they occupy
/// (scipy.stats.rankdata(method="average")). −0.0 ties with 0.0. Callers
/// should remove NaN first: NaNs are ranked by their bits and never tie.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let keys: Vec<f64> = values
        .iter()
        .map(|&v| if v == 0.0 { 0.0 } else { v })
        .collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
    let mut ranks = vec![0.0; keys.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && keys[order[end]] == keys[order[start]] {
            end += 1;
        }
        // Sorted positions start..end hold ranks start+1 ..= end; their mean:
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

/// Fisher z interval for a Pearson r: tanh(atanh(r) ± z/sqrt(n−3)).
/// None when n < 4, r is outside [−1, 1] or r, z are not finite. |r| == 1
/// gives [r, r].
pub fn fisher_interval(r: f64, n: usize, z: f64) -> Option<Interval> {
    if n < 4 {
        return None;
    }
    interval_on_z_scale(r, 1.0 / ((n - 3) as f64).sqrt(), z)
}

/// Interval for a Spearman rho: tanh(atanh(rho) ± z·sqrt((1 + rho²/2)/(n−3)))
/// (Bonett & Wright 2000). Same `None` cases as [`fisher_interval`].
pub fn spearman_interval(rho: f64, n: usize, z: f64) -> Option<Interval> {
    if n < 4 {
        return None;
    }
    let standard_error = ((1.0 + rho * rho / 2.0) / (n - 3) as f64).sqrt();
    interval_on_z_scale(rho, standard_error, z)
}

/// tanh(atanh(r) ± z·se), with the exact limits at |r| == 1 spelled out.
fn interval_on_z_scale(r: f64, standard_error: f64, z: f64) -> Option<Interval> {
    if !r.is_finite() || !z.is_finite() || !standard_error.is_finite() || r.abs() > 1.0 {
        return None;
    }
    if r.abs() == 1.0 {
        return Some(Interval { low: r, high: r });
    }
    let centre = r.atanh();
    let half = z.abs() * standard_error;
    Some(Interval {
        low: (centre - half).tanh(),
        high: (centre + half).tanh(),
    })
}

/// Straight line y = intercept + slope·x, for the trend line in scatter plots.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LinearFit {
    pub slope: f64,
    pub intercept: f64,
}

/// Ordinary least squares y = a + b·x. None if lengths differ, n < 2, a value
/// is not finite, or all x are equal (no unique line).
pub fn least_squares(x: &[f64], y: &[f64]) -> Option<LinearFit> {
    if x.len() != y.len() || x.len() < 2 || !all_finite(x) || !all_finite(y) || is_constant(x) {
        return None;
    }
    let (mean_x, mean_y) = (mean(x)?, mean(y)?);
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        sxx += (a - mean_x) * (a - mean_x);
        sxy += (a - mean_x) * (b - mean_y);
    }
    let slope = finite(sxy / sxx)?;
    let intercept = finite(mean_y - slope * mean_x)?;
    Some(LinearFit { slope, intercept })
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

// ---------------------------------------------------------------- tests
//
// Expected values marked "ref" are printed by tests/reference/stats_reference.py
// (SciPy 1.17.1, NumPy 2.4.6, statsmodels 0.15.0). Closed-form results (shares,
// intervals, least squares) agree to 1e-12 absolute; p-values (statrs incomplete
// beta / incomplete gamma) to 1e-12 relative. Reached: 1.5e-14 absolute, 2e-13 relative (worst case:
// p ~ 1e-73); see docs/method.md.

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

    const ABS: f64 = 1e-12;
    const REL: f64 = 1e-12;

    #[track_caller]
    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() <= ABS,
            "{actual} != {expected} (abs diff {})",
            (actual - expected).abs()
        );
    }

    #[track_caller]
    fn rel(actual: f64, expected: f64) {
        let scale = expected.abs().max(f64::MIN_POSITIVE);
        assert!(
            (actual - expected).abs() / scale <= REL,
            "{actual} != {expected} (rel diff {:e})",
            (actual - expected).abs() / scale
        );
    }

    #[track_caller]
    fn close_interval(actual: Interval, low: f64, high: f64) {
        close(actual.low, low);
        close(actual.high, high);
    }

    // Twelve units: EX favourable % and CX NPS (same data as the reference script).
    const EX: [f64; 12] = [
        62.5, 71.0, 55.0, 80.0, 68.0, 74.5, 59.0, 83.0, 66.0, 77.0, 70.0, 61.0,
    ];
    const CX: [f64; 12] = [
        18.0, 31.0, 12.0, 40.0, 22.0, 35.0, 20.0, 38.0, 15.0, 29.0, 33.0, 10.0,
    ];
    const TIES_X: [f64; 10] = [3.0, 4.0, 4.0, 2.0, 5.0, 4.0, 3.0, 1.0, 5.0, 2.0];
    const TIES_Y: [f64; 10] = [2.0, 4.0, 3.0, 2.0, 5.0, 5.0, 3.0, 1.0, 4.0, 3.0];
    const NPS_A: [u64; 11] = [2, 1, 0, 2, 3, 4, 6, 10, 18, 20, 18];
    const NPS_B: [u64; 11] = [1, 0, 1, 1, 2, 3, 4, 12, 20, 25, 21];
    const ENPS: [u64; 11] = [0, 0, 0, 1, 0, 1, 1, 2, 3, 2, 2];

    // ------------------------------------------------------------ shares

    #[test]
    fn shares_by_hand() {
        // [0,1,2,5,4]: n = 12; favourable (4–5) = 9/12 = 0.75; neutral (3) = 2/12;
        // unfavourable (1–2) = 1/12; mean = (1·0 + 2·1 + 3·2 + 4·5 + 5·4)/12 = 48/12 = 4.
        let s = shares(&[0, 1, 2, 5, 4], &Scale::LIKERT5).unwrap();
        assert_eq!(s.n, 12);
        assert_eq!(s.favourable, 0.75);
        close(s.neutral, 2.0 / 12.0);
        close(s.unfavourable, 1.0 / 12.0);
        assert_eq!(s.mean, 4.0);
        // ref: wilson 9/12 (statsmodels proportion_confint method="wilson" agrees)
        close_interval(
            s.favourable_interval,
            0.4676946650664343,
            0.9110583316059452,
        );
    }

    #[test]
    fn shares_edge_cases() {
        assert!(shares(&[0, 0, 0, 0, 0], &Scale::LIKERT5).is_none(), "n = 0");
        assert!(
            shares(&[1, 2, 3, 4], &Scale::LIKERT5).is_none(),
            "wrong length"
        );
        assert!(
            shares(&[u64::MAX, 1, 0, 0, 0], &Scale::LIKERT5).is_none(),
            "overflow"
        );
        let overlapping = Scale {
            points: 5,
            favourable_from: 3,
            unfavourable_to: 3,
        };
        assert!(shares(&[1, 1, 1, 1, 1], &overlapping).is_none());
        // All answers identical: 7 × "5".
        let s = shares(&[0, 0, 0, 0, 7], &Scale::LIKERT5).unwrap();
        assert_eq!(
            (s.favourable, s.neutral, s.unfavourable, s.mean),
            (1.0, 0.0, 0.0, 5.0)
        );
        assert_eq!(s.favourable_interval.high, 1.0);
        // The largest scale a u8 allows.
        let wide = Scale {
            points: 255,
            favourable_from: 200,
            unfavourable_to: 100,
        };
        let s = shares(&[1; 255], &wide).unwrap();
        assert_eq!((s.n, s.mean), (255, 128.0));
        close(s.favourable, 56.0 / 255.0);
        // A 4-point scale without a neutral band.
        let four = Scale {
            points: 4,
            favourable_from: 3,
            unfavourable_to: 2,
        };
        let s = shares(&[1, 1, 1, 1], &four).unwrap();
        assert_eq!(
            (s.favourable, s.neutral, s.unfavourable, s.mean),
            (0.5, 0.0, 0.5, 2.5)
        );
    }

    // ------------------------------------------------------------ Wilson

    #[test]
    fn wilson_matches_reference() {
        // ref: formula in numpy; statsmodels proportion_confint(method="wilson") agrees to 1e-16
        close_interval(
            wilson_interval(9, 12, Z95),
            0.4676946650664343,
            0.9110583316059452,
        );
        close_interval(wilson_interval(0, 10, Z95), 0.0, 0.2775327998628892);
        close_interval(wilson_interval(10, 10, Z95), 0.7224672001371107, 1.0);
        close_interval(
            wilson_interval(45, 84, Z95),
            0.42984715937637186,
            0.6384577171654381,
        );
        close_interval(wilson_interval(1, 1, Z95), 0.20654931437723745, 1.0);
    }

    #[test]
    fn wilson_edge_cases() {
        let everything = Interval {
            low: 0.0,
            high: 1.0,
        };
        assert_eq!(wilson_interval(0, 0, Z95), everything);
        assert_eq!(wilson_interval(1, 2, f64::NAN), everything);
        assert_eq!(wilson_interval(12, 10, Z95), wilson_interval(10, 10, Z95));
        assert_eq!(wilson_interval(3, 10, -Z95), wilson_interval(3, 10, Z95));
        // Exact ends: no rounding below 0 or above 1.
        assert_eq!(wilson_interval(0, 10, Z95).low, 0.0);
        assert_eq!(wilson_interval(10, 10, Z95).high, 1.0);
    }

    // ------------------------------------------------------------ net score

    #[test]
    fn net_score_matches_reference() {
        // NPS_A by hand: n = 84, promoters 38/84, passives 28/84, detractors 18/84,
        // score = 100·20/84 = 23.8095…
        let a = net_score(&NPS_A).unwrap();
        assert_eq!(a.n, 84);
        close(a.promoters, 38.0 / 84.0);
        close(a.passives, 28.0 / 84.0);
        close(a.detractors, 18.0 / 84.0);
        // ref: NPS_A score; adjusted-Wald low, high
        close(a.score, 23.80952380952381);
        close_interval(a.interval, 6.4683811073567545, 39.06820325384992);

        // eNPS example of docs/format.md: 4 promoters, 5 passives, 3 detractors of 12.
        let e = net_score(&ENPS).unwrap();
        assert_eq!(e.n, 12);
        close(e.score, 8.333333333333332);
        close_interval(e.interval, -30.50976143562006, 43.13486132469937);

        let b = net_score(&NPS_B).unwrap();
        close(b.score, 37.77777777777778);
        close_interval(b.interval, 21.821243629643348, 50.641397994385294);
    }

    #[test]
    fn net_score_edge_cases() {
        assert!(net_score(&[0; 11]).is_none());
        // Everyone alike no longer gives a zero-width interval. ref: ALL_PROM_13: the adjusted
        // upper end passes 100 (n > z²) and is cut there.
        let mut all_promoters = [0; 11];
        all_promoters[10] = 13;
        let s = net_score(&all_promoters).unwrap();
        assert_eq!(s.score, 100.0);
        close_interval(s.interval, 51.4661519667638, 100.0);
        // ref: ALL_PROM_3: below z² people the adjusted interval stops short of +100
        // (it would end at 98.2); it is widened to include the observed score.
        all_promoters[10] = 3;
        close_interval(
            net_score(&all_promoters).unwrap().interval,
            -10.545493372871118,
            100.0,
        );
        let mut all_detractors = [0; 11];
        all_detractors[0] = 13;
        let s = net_score(&all_detractors).unwrap();
        assert_eq!(s.score, -100.0);
        close_interval(s.interval, -100.0, -51.4661519667638);
        // ref: HALF_HALF. The plain Wald interval (±138.6) ran into both cuts; this one does not.
        let s = net_score(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
        assert_eq!(s.score, 0.0);
        close_interval(s.interval, -66.4370295773559, 66.4370295773559);
    }

    /// Exact coverage of the net-score interval: for each true (promoter, detractor) mix and
    /// group size, every possible sample is enumerated with its multinomial probability, so
    /// the coverage is computed, not estimated, and the test is deterministic.
    fn coverage(
        n: u64,
        promoters: f64,
        detractors: f64,
        interval: &dyn Fn(u64, u64, u64) -> Interval,
    ) -> f64 {
        let truth = 100.0 * (promoters - detractors);
        let passives = 1.0 - promoters - detractors;
        let ln_factorial = |k: u64| (1..=k).map(|i| (i as f64).ln()).sum::<f64>();
        let mut covered = 0.0;
        for pro in 0..=n {
            for det in 0..=(n - pro) {
                let pas = n - pro - det;
                let ln_p =
                    ln_factorial(n) - ln_factorial(pro) - ln_factorial(det) - ln_factorial(pas)
                        + pro as f64 * promoters.ln()
                        + det as f64 * detractors.ln()
                        + pas as f64 * passives.ln();
                let i = interval(pro, det, n);
                if i.low <= truth && truth <= i.high {
                    covered += ln_p.exp();
                }
            }
        }
        covered
    }

    #[test]
    fn net_score_interval_covers_about_95_percent_in_small_groups() {
        // True mixes from a lukewarm group to a nearly unanimous one, groups of 5 to 40.
        let mixes = [
            (0.3, 0.3),
            (0.5, 0.2),
            (0.6, 0.1),
            (0.2, 0.5),
            (0.8, 0.05),
            (0.9, 0.03),
        ];
        let adjusted = |p: u64, d: u64, n: u64| net_score_interval(p, d, n, Z95);
        // The interval this replaced, for comparison.
        let wald = |p: u64, d: u64, n: u64| {
            let (pf, df) = (p as f64 / n as f64, d as f64 / n as f64);
            let half = Z95 * 100.0 * (net_variance(pf, df) / n as f64).sqrt();
            let score = 100.0 * (pf - df);
            Interval {
                low: (score - half).max(-100.0),
                high: (score + half).min(100.0),
            }
        };
        let (mut sum, mut worst, mut wald_sum, mut wald_worst, mut cases) =
            (0.0, 1.0f64, 0.0, 1.0f64, 0.0);
        for n in [5u64, 8, 13, 20, 40] {
            for &(p, d) in &mixes {
                let c = coverage(n, p, d, &adjusted);
                let w = coverage(n, p, d, &wald);
                assert!(c > w, "n {n}, {p}/{d}: adjusted {c} not above Wald {w}");
                sum += c;
                worst = worst.min(c);
                wald_sum += w;
                wald_worst = wald_worst.min(w);
                cases += 1.0;
            }
        }
        let (mean, wald_mean) = (sum / cases, wald_sum / cases);
        assert!((0.935..=0.975).contains(&mean), "mean coverage {mean}");
        // Coverage of a discrete sample jumps with n; the worst case measured is 0.852
        // (n = 5, 80% promoters, 5% detractors), against 0.401 for the Wald interval.
        eprintln!(
            "coverage: mean {mean:.4}, worst {worst:.4}; Wald mean {wald_mean:.4}, worst {wald_worst:.4}"
        );
        assert!(worst >= 0.85, "worst coverage {worst}");
        assert!(
            wald_mean < mean && wald_worst < worst,
            "Wald {wald_mean}/{wald_worst} vs {mean}/{worst}"
        );
    }

    // ------------------------------------------------------------ turnover, mean

    #[test]
    fn turnover_and_mean() {
        // docs/format.md example: 1 leaver, average headcount 14.5.
        assert_eq!(turnover(1.0, 14.5), Some(1.0 / 14.5));
        assert_eq!(turnover(0.0, 10.0), Some(0.0));
        assert_eq!(turnover(1.0, 0.0), None);
        assert_eq!(turnover(1.0, -3.0), None);
        assert_eq!(turnover(-1.0, 10.0), None);
        assert_eq!(turnover(f64::NAN, 10.0), None);
        assert_eq!(turnover(1.0, f64::NAN), None);
        assert_eq!(turnover(1.0, 1e-320), None, "infinite result");

        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[2.0, 4.0]), Some(3.0));
        assert_eq!(mean(&[1.0, f64::NAN]), None);
        assert_eq!(mean(&[f64::MAX, f64::MAX]), None);
        close(mean(&EX).unwrap(), 68.91666666666667); // ref: np.mean(EX)
    }

    // ------------------------------------------------------------ Pearson

    #[test]
    fn pearson_twelve_units() {
        let c = pearson(&EX, &CX).unwrap();
        assert_eq!(c.n, 12);
        // ref: scipy.stats.pearsonr(EX, CX)
        close(c.r, 0.8924996299515253);
        rel(c.p_value, 9.415799364762075e-05);
        // ref: np.tanh(np.arctanh(r) ± 1.959963984540054/np.sqrt(9)); equals
        // pearsonr(...).confidence_interval(0.95)
        close_interval(c.interval.unwrap(), 0.6531418048377177, 0.9697093490311929);
    }

    #[test]
    fn pearson_small() {
        // By hand: x = 1..4, y = [2,1,4,3]: deviations (−1.5,−0.5,0.5,1.5) and
        // (−0.5,−1.5,1.5,0.5); Sxy = 3, Sxx = Syy = 5, r = 3/5 = 0.6.
        // t = 0.6·sqrt(2/0.64) = 1.0607, df 2 → p = 0.4 (ref: 0.3999999999999999).
        let c = pearson(&[1.0, 2.0, 3.0, 4.0], &[2.0, 1.0, 4.0, 3.0]).unwrap();
        close(c.r, 0.6);
        rel(c.p_value, 0.3999999999999999);
        close_interval(c.interval.unwrap(), -0.8529325646947181, 0.9901277107996944);

        // n = 3: p-value but no interval (ref: r = 0.5, p = 0.6666666666666666).
        let c = pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]).unwrap();
        close(c.r, 0.5);
        rel(c.p_value, 0.6666666666666666);
        assert_eq!(c.interval, None);
    }

    #[test]
    fn pearson_tiny_p_value_keeps_precision() {
        let x: Vec<f64> = (0..200).map(f64::from).collect();
        let y: Vec<f64> = x.iter().map(|&v| -v + 40.0 * v.sin()).collect();
        let c = pearson(&x, &y).unwrap();
        // ref: pearson, strong negative, n = 200
        close(c.r, -0.8992129926976005);
        // Relative error reached here is 2e-13 (ln-gamma prefactor in statrs).
        rel(c.p_value, 5.1823651092822325e-73);
    }

    #[test]
    fn p_value_identity_equals_students_t() {
        // The closed form used in correlation_p_value equals 2·P(T > |t|).
        for &(r, n) in &[
            (0.8924996299515253, 12usize),
            (-0.3, 40),
            (0.05, 7),
            (0.6, 4),
        ] {
            let df = (n - 2) as f64;
            let t = r * (df / (1.0 - r * r)).sqrt();
            let dist = StudentsT::new(0.0, 1.0, df).unwrap();
            rel(correlation_p_value(r, n).unwrap(), 2.0 * dist.sf(t.abs()));
        }
    }

    #[test]
    fn pearson_edge_cases() {
        assert!(pearson(&[1.0, 2.0], &[1.0, 2.0]).is_none(), "n < 3");
        assert!(pearson(&[1.0, 2.0, 3.0], &[1.0, 2.0]).is_none(), "lengths");
        assert!(
            pearson(&[1.0, 1.0, 1.0, 1.0], &[1.0, 2.0, 3.0, 4.0]).is_none(),
            "zero variance"
        );
        assert!(
            pearson(&[0.1, 0.1, 0.1], &[1.0, 2.0, 3.0]).is_none(),
            "0.1 mean rounds"
        );
        assert!(pearson(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]).is_none());
        assert!(
            pearson(&[1e300, -1e300, 1e300], &[1.0, 2.0, 3.0]).is_none(),
            "overflow"
        );

        let c = pearson(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 6.0, 8.0, 10.0]).unwrap();
        assert_eq!((c.r, c.p_value), (1.0, 0.0));
        assert_eq!(
            c.interval,
            Some(Interval {
                low: 1.0,
                high: 1.0
            })
        );
        let c = pearson(&[1.0, 2.0, 3.0, 4.0], &[4.0, 3.0, 2.0, 1.0]).unwrap();
        assert_eq!((c.r, c.p_value), (-1.0, 0.0));
        assert_eq!(
            c.interval,
            Some(Interval {
                low: -1.0,
                high: -1.0
            })
        );
        // r = 0 exactly: p = 1.
        let c = pearson(&[1.0, 2.0, 3.0], &[1.0, 0.0, 1.0]).unwrap();
        assert_eq!((c.r, c.p_value), (0.0, 1.0));
    }

    // ------------------------------------------------------------ Spearman

    #[test]
    fn ranks_with_ties() {
        // ref: scipy.stats.rankdata(method="average")
        assert_eq!(
            average_ranks(&TIES_X),
            [4.5, 7.0, 7.0, 2.5, 9.5, 7.0, 4.5, 1.0, 9.5, 2.5]
        );
        assert_eq!(
            average_ranks(&TIES_Y),
            [2.5, 7.5, 5.0, 2.5, 9.5, 9.5, 5.0, 1.0, 7.5, 5.0]
        );
        // By hand.
        assert_eq!(average_ranks(&[10.0, 30.0, 20.0]), [1.0, 3.0, 2.0]);
        assert_eq!(average_ranks(&[5.0, 5.0, 5.0, 5.0]), [2.5; 4]);
        assert_eq!(average_ranks(&[0.0, -0.0, 1.0]), [1.5, 1.5, 3.0]);
        assert!(average_ranks(&[]).is_empty());
    }

    #[test]
    fn spearman_with_ties() {
        let c = spearman(&TIES_X, &TIES_Y).unwrap();
        // ref: scipy.stats.spearmanr(TIES_X, TIES_Y)
        close(c.r, 0.8417721518987342);
        rel(c.p_value, 0.0022551352528662415);
        // ref: Bonett–Wright, tanh(atanh(rho) ± Z95·sqrt((1 + rho²/2)/7))
        close_interval(c.interval.unwrap(), 0.3497238605641087, 0.9698235278299235);

        // ref: spearman, twelve units
        let c = spearman(&EX, &CX).unwrap();
        close(c.r, 0.8811188811188813);
        rel(c.p_value, 0.00015267406467669862);
    }

    #[test]
    fn spearman_ties_values_a_last_digit_apart() {
        // 0.1 + 0.2 is 0.30000000000000004: equal to 0.3 in exact arithmetic, so they tie.
        let x = [0.1 + 0.2, 0.3, 0.5, 0.9];
        let y = [1.0, 2.0, 3.0, 4.0];
        assert_ne!(x[0], x[1]);
        // ref: scipy.stats.spearmanr([0.3, 0.3, 0.5, 0.9], [1, 2, 3, 4]).statistic
        close(spearman(&x, &y).unwrap().r, 0.9486832980505139);
    }

    #[test]
    fn spearman_edge_cases() {
        assert!(
            spearman(&[2.0, 2.0, 2.0, 2.0], &[1.0, 2.0, 3.0, 4.0]).is_none(),
            "ties everywhere"
        );
        assert!(spearman(&[1.0, 2.0], &[2.0, 1.0]).is_none());
        // Monotone but not linear: rho = 1 exactly.
        let c = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 10.0, 100.0, 1000.0]).unwrap();
        assert_eq!((c.r, c.p_value), (1.0, 0.0));
        assert_eq!(
            c.interval,
            Some(Interval {
                low: 1.0,
                high: 1.0
            })
        );
    }

    // ------------------------------------------------------------ Fisher

    #[test]
    fn fisher_matches_reference() {
        // ref: np.tanh(np.arctanh(0.5) ± Z95/np.sqrt(27))
        close_interval(
            fisher_interval(0.5, 30, Z95).unwrap(),
            0.17043136511180015,
            0.7289585563883555,
        );
        // ref: r = −0.33, n = 7939
        close_interval(
            fisher_interval(-0.33, 7939, Z95).unwrap(),
            -0.349460875712543,
            -0.310254515925247,
        );
        assert_eq!(fisher_interval(0.5, 3, Z95), None);
        assert_eq!(fisher_interval(1.5, 30, Z95), None);
        assert_eq!(fisher_interval(f64::NAN, 30, Z95), None);
        assert_eq!(
            fisher_interval(-1.0, 30, Z95),
            Some(Interval {
                low: -1.0,
                high: -1.0
            })
        );
        let zero = fisher_interval(0.0, 12, Z95).unwrap();
        assert_eq!(zero.low, -zero.high, "symmetric around 0");
    }

    // ------------------------------------------------------------ least squares

    #[test]
    fn least_squares_matches_reference() {
        let fit = least_squares(&EX, &CX).unwrap();
        // ref: scipy.stats.linregress(EX, CX)
        close(fit.slope, 1.06800120712202);
        close(fit.intercept, -48.353083190825885);
        // By hand: y = 1 + 2x exactly.
        let fit = least_squares(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]).unwrap();
        assert_eq!((fit.slope, fit.intercept), (2.0, 1.0));
        assert!(least_squares(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_none());
        assert!(least_squares(&[1.0], &[1.0]).is_none());
        assert!(least_squares(&[1.0, 2.0], &[1.0]).is_none());
        let flat = least_squares(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]).unwrap();
        assert_eq!((flat.slope, flat.intercept), (0.0, 4.0));
    }

    // ------------------------------------------------------------ change tests

    #[test]
    fn two_proportion_matches_reference() {
        // ref: formula with scipy.stats.norm.sf; statsmodels proportions_ztest([s2, s1], [n2, n1])
        let c = two_proportion_test(45, 84, 60, 90).unwrap();
        close(c.difference, 0.13095238095238093);
        close(c.z, 1.76453276113782);
        rel(c.p_value, 0.07764232464648332);
        assert!(c.p_value >= SIGNIFICANCE);

        let c = two_proportion_test(9, 12, 7, 14).unwrap();
        close(c.difference, -0.25);
        close(c.z, -1.3062350477613132);
        rel(c.p_value, 0.19147263759134625);
        assert!(c.p_value >= SIGNIFICANCE);

        let c = two_proportion_test(500, 1000, 560, 1000).unwrap();
        close(c.difference, 0.06000000000000005);
        close(c.z, 2.6881245598254755);
        rel(c.p_value, 0.007185458758132356);
        assert!(c.p_value < SIGNIFICANCE);
    }

    #[test]
    fn two_proportion_edge_cases() {
        assert!(two_proportion_test(0, 0, 1, 2).is_none());
        assert!(two_proportion_test(1, 2, 0, 0).is_none());
        assert!(two_proportion_test(3, 2, 1, 2).is_none(), "successes > n");
        // Pooled share 0 or 1: nothing changed.
        assert_eq!(
            two_proportion_test(0, 10, 0, 12),
            Some(Change::unchanged(0.0, 0.0))
        );
        assert_eq!(
            two_proportion_test(10, 10, 12, 12),
            Some(Change::unchanged(1.0, 1.0))
        );
        // All-or-nothing but different: the pooled variance is positive.
        let c = two_proportion_test(0, 10, 10, 10).unwrap();
        assert_eq!(c.difference, 1.0);
        assert!(c.p_value < SIGNIFICANCE && c.p_value.is_finite());
        assert_eq!((c.before, c.after), (0.0, 1.0));
    }

    #[test]
    fn net_score_change_matches_reference() {
        let a = net_score(&NPS_A).unwrap();
        let b = net_score(&NPS_B).unwrap();
        let c = net_score_change(&a, &b).unwrap();
        // ref: difference, z (unpooled variances), p = 2·norm.sf(|z|)
        close(c.difference, 13.968253968253968);
        close(c.z, 1.2328793840201497);
        rel(c.p_value, 0.2176207681227471);
        assert!(c.p_value >= SIGNIFICANCE);
        // Reversed order flips the sign only.
        let back = net_score_change(&b, &a).unwrap();
        assert_eq!(
            (back.difference, back.z, back.p_value),
            (-c.difference, -c.z, c.p_value)
        );
    }

    #[test]
    fn net_score_change_edge_cases() {
        let mut promoters = [0; 11];
        promoters[9] = 4;
        let mut passives = [0; 11];
        passives[7] = 4;
        let all_promoters = net_score(&promoters).unwrap();
        let all_passives = net_score(&passives).unwrap();
        // No spread anywhere and identical: no change.
        assert_eq!(
            net_score_change(&all_promoters, &all_promoters),
            Some(Change::unchanged(100.0, 100.0))
        );
        // No spread but different: undefined.
        assert_eq!(net_score_change(&all_passives, &all_promoters), None);
        let empty = NetScore {
            n: 0,
            ..all_passives
        };
        assert_eq!(net_score_change(&empty, &all_promoters), None);
    }

    #[test]
    fn normal_p_value_matches_reference() {
        // ref: 2·scipy.stats.norm.sf(|z|)
        let cases = [
            (0.5, 0.6170750774519738),
            (Z95, 0.05),
            (-2.5, 0.012419330651552265),
            (6.0, 1.973175290075389e-09),
            (10.0, 1.523970604832094e-23),
        ];
        for (z, p) in cases {
            rel(two_sided_normal_p(z), p);
        }
        assert_eq!(two_sided_normal_p(0.0), 1.0);
        assert_eq!(two_sided_normal_p(f64::INFINITY), 0.0);
        // statrs' own Normal::sf is only good to ~1e-10 relative, which is why
        // the gamma-function form is used (see two_sided_normal_p).
        let statrs_p = 2.0 * Normal::standard().sf(Z95);
        assert!((statrs_p - 0.05).abs() < 1e-9);
    }

    // ------------------------------------------------------------ properties

    // ------------------------------------------------------------ false discovery rate

    #[test]
    fn benjamini_hochberg_matches_statsmodels() {
        // ref: multipletests(BH_P, method="fdr_bh")
        let p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2, 0.0001];
        let q = benjamini_hochberg(&p);
        let expected = [
            0.02666666666666667,
            0.05333333333333334,
            0.05333333333333334,
            0.02,
            0.5,
            0.05333333333333334,
            0.2285714285714286,
            0.0008,
        ];
        for (q, e) in q.iter().zip(expected) {
            rel(*q, e);
        }
        assert!(benjamini_hochberg(&[]).is_empty());
        assert_eq!(benjamini_hochberg(&[0.03]), vec![0.03]);
    }

    #[test]
    fn spearman_has_its_own_p_value() {
        // ref: spearmanr(EX, CX) rho and p; Pearson's p on the same data is far larger.
        let s = spearman(&EX, &CX).unwrap();
        close(s.r, 0.8811188811188813);
        rel(s.p_value, 0.00015267406467669862);
        // ref: pearsonr(EX, CX) p = 9.415799364762075e-05, a different number.
        rel(pearson(&EX, &CX).unwrap().p_value, 9.415799364762075e-05);
    }

    // ------------------------------------------------------------ panel bootstrap

    /// The reference script's PANEL: ten teams over three period pairs.
    fn panel() -> Vec<Vec<PanelObservation>> {
        (0..10u64)
            .map(|t| {
                (0..3u64)
                    .filter(|&p| !((t == 9 && p == 2) || (t == 0 && p == 0)))
                    .map(|p| {
                        let x = 50 + 3 * t + 7 * ((t * (p + 2)) % 5);
                        let y = 60 + 2 * t + 5 * ((t + 3 * p) % 4);
                        (p as usize, x as f64, y as f64)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn team_bootstrap_matches_reference() {
        // ref: panel mean r, bootstrap low/high (SplitMix64 seed 12345, 1000 replicates, the
        // same draws re-implemented in Python with numpy.corrcoef and numpy.percentile).
        let c = team_bootstrap_correlation(&panel(), 3, 1000, 12345).unwrap();
        close(c.r, 0.4297613206596638);
        let i = c.interval.unwrap();
        close(i.low, 0.08498566936885378);
        close(i.high, 0.7205895639888809);
        assert_eq!((c.pairs, c.teams), (3, 10));
        // Same seed, same result; another seed moves only the interval.
        assert_eq!(
            team_bootstrap_correlation(&panel(), 3, 1000, 12345),
            Some(c)
        );
        let other = team_bootstrap_correlation(&panel(), 3, 1000, 99).unwrap();
        assert_eq!(other.r, c.r);
        assert_ne!(other.interval, c.interval);
    }

    #[test]
    fn team_bootstrap_edge_cases() {
        assert_eq!(team_bootstrap_correlation(&[], 0, 100, 1), None);
        // Two teams: no pair has the three a correlation needs.
        let two = vec![vec![(0, 1.0, 2.0)], vec![(0, 2.0, 1.0)]];
        assert_eq!(team_bootstrap_correlation(&two, 1, 100, 1), None);
        // A pair index out of range is refused, not a panic.
        assert_eq!(
            team_bootstrap_correlation(&[vec![(5, 1.0, 1.0)]], 1, 10, 1),
            None
        );
    }

    proptest! {
        #[test]
        fn shares_sum_to_one(counts in proptest::collection::vec(0u64..10_000, 5)) {
            prop_assume!(counts.iter().sum::<u64>() > 0);
            let s = shares(&counts, &Scale::LIKERT5).unwrap();
            prop_assert!((s.favourable + s.neutral + s.unfavourable - 1.0).abs() < 1e-12);
            prop_assert!((1.0..=5.0).contains(&s.mean));
        }

        #[test]
        fn wilson_contains_share(n in 1u64..100_000, k in 0u64..100_000, z in 0.1f64..4.0) {
            let k = k % (n + 1);
            let i = wilson_interval(k, n, z);
            let p = k as f64 / n as f64;
            prop_assert!(0.0 <= i.low && i.low <= p && p <= i.high && i.high <= 1.0, "{i:?} {p}");
        }

        #[test]
        fn net_score_in_range(counts in proptest::array::uniform11(0u64..1_000)) {
            prop_assume!(counts.iter().sum::<u64>() > 0);
            let s = net_score(&counts).unwrap();
            prop_assert!((-100.0..=100.0).contains(&s.score));
            prop_assert!(-100.0 <= s.interval.low && s.interval.low <= s.score);
            prop_assert!(s.score <= s.interval.high && s.interval.high <= 100.0);
            prop_assert!((s.promoters + s.passives + s.detractors - 1.0).abs() < 1e-12);
        }

        #[test]
        fn correlations_are_finite(pairs in proptest::collection::vec((-1e6f64..1e6, -1e6f64..1e6), 0..40)) {
            let (x, y): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
            for c in [pearson(&x, &y), spearman(&x, &y)].into_iter().flatten() {
                prop_assert!((-1.0..=1.0).contains(&c.r));
                prop_assert!((0.0..=1.0).contains(&c.p_value));
                if let Some(i) = c.interval {
                    prop_assert!(-1.0 <= i.low && i.low <= c.r && c.r <= i.high && i.high <= 1.0);
                }
            }
            let ranks = average_ranks(&x);
            let n = x.len() as f64;
            prop_assert!((ranks.iter().sum::<f64>() - n * (n + 1.0) / 2.0).abs() < 1e-9);
        }

        #[test]
        fn change_tests_are_finite(k1 in 0u64..500, n1 in 1u64..500, k2 in 0u64..500, n2 in 1u64..500) {
            let c = two_proportion_test(k1 % (n1 + 1), n1, k2 % (n2 + 1), n2).unwrap();
            prop_assert!(c.z.is_finite() && (0.0..=1.0).contains(&c.p_value));
            prop_assert_eq!(c.difference, c.after - c.before);
        }
    }
}
