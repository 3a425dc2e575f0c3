//! Correlations across units: Pearson, Spearman (on average ranks), their intervals and
//! p-values, and the least-squares line of a scatter.

use super::*;

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
