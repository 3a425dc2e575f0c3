//! The lag view's correlation: a mean over period pairs with an interval from a bootstrap
//! that resamples teams, and the seeded generator it draws with.

use super::*;

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
    let panel = Panel::centred(by_team, &centre);
    let mut sums = vec![PairSums::default(); pairs];
    let mut defined = vec![false; pairs];
    let r = mean_pair_correlation(&panel, &vec![1; by_team.len()], &mut sums, &mut defined)?;
    let teams = by_team
        .iter()
        .filter(|obs| obs.iter().any(|&(p, _, _)| defined[p]))
        .count();
    let pairs_defined = defined.iter().filter(|&&d| d).count();
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
        if let Some(value) = mean_pair_correlation(&panel, &weights, &mut sums, &mut defined) {
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
        pairs: pairs_defined,
        teams,
    })
}

/// Every observation in one flat list, team after team in storage order, each already centred
/// on its pair's means: a replicate only reweights teams, so the centring is done once, not
/// once per replicate, and the observations are read in one sequential sweep.
struct Panel {
    /// Team t's observations are `observations[starts[t]..starts[t + 1]]`.
    starts: Vec<usize>,
    observations: Vec<Centred>,
}

#[derive(Clone, Copy)]
struct Centred {
    pair: usize,
    dx: f64,
    dy: f64,
}

impl Panel {
    fn centred(by_team: &[Vec<PanelObservation>], centre: &[(f64, f64, usize)]) -> Self {
        let mut starts = Vec::with_capacity(by_team.len() + 1);
        let mut observations = Vec::with_capacity(by_team.iter().map(Vec::len).sum());
        starts.push(0);
        for team in by_team {
            observations.extend(team.iter().map(|&(pair, x, y)| Centred {
                pair,
                dx: x - centre[pair].0,
                dy: y - centre[pair].1,
            }));
            starts.push(observations.len());
        }
        Panel {
            starts,
            observations,
        }
    }
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
/// drawn twice counts twice); `defined[p]` is set to whether pair p's r is. None when no pair
/// is. Each pair's sums add its teams in storage order, so the result is the same bit for bit
/// whatever layout the observations are kept in.
fn mean_pair_correlation(
    panel: &Panel,
    weights: &[u32],
    sums: &mut [PairSums],
    defined: &mut [bool],
) -> Option<f64> {
    sums.fill(PairSums::default());
    for (team, &weight) in weights.iter().enumerate() {
        if weight == 0 {
            continue;
        }
        let w = f64::from(weight);
        let observations = &panel.observations[panel.starts[team]..panel.starts[team + 1]];
        for &Centred { pair, dx, dy } in observations {
            let s = &mut sums[pair];
            s.n += weight as usize;
            s.x += w * dx;
            s.y += w * dy;
            s.xx += w * dx * dx;
            s.yy += w * dy * dy;
            s.xy += w * dx * dy;
        }
    }
    let (mut total, mut count) = (0.0, 0usize);
    for (s, defined) in sums.iter().zip(defined.iter_mut()) {
        *defined = false;
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
        *defined = true;
        total += (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
        count += 1;
    }
    (count > 0).then(|| total / count as f64)
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
