//! EX against CX across teams: each period's linkage and key drivers, and the lag view over
//! period pairs.

use super::*;

/// Whether the EX–CX link in a period supports a conclusion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Verdict {
    /// Fewer teams than [`MIN_LINKAGE_UNITS`] with both sides shown.
    TooFewUnits,
    /// The 95% interval of r includes zero.
    NoClearLink,
    Positive,
    Negative,
}

/// Below this many teams a correlation is not interpreted.
pub const MIN_LINKAGE_UNITS: usize = 8;

#[derive(Clone, Debug)]
pub struct Linkage {
    /// Teams with a shown EX index and a CX index, in unit order.
    pub units: Vec<usize>,
    pub ex: Vec<f64>,
    pub cx: Vec<f64>,
    pub pearson: Option<Correlation>,
    pub spearman: Option<Correlation>,
    pub fit: Option<LinearFit>,
    pub verdict: Verdict,
    /// Per factor: the EX side against the CX side of the same factor.
    pub factors: Vec<Option<Correlation>>,
    /// Per factor: its EX side against the CX index ("key drivers"), strongest r first.
    pub drivers: Vec<(usize, Correlation)>,
    /// Rank of each entry of `drivers` (see [`driver_ranks`]): equal for overlapping intervals.
    pub driver_ranks: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    ExToCx,
    CxToEx,
}

/// One row of the lag view: the correlation across teams between one side in period t and the
/// other side k periods later, averaged over every such pair of periods in the site.
#[derive(Clone, Debug)]
pub struct LagLink {
    pub direction: Direction,
    pub lag: usize,
    /// None when no period pair has at least [`MIN_LINKAGE_UNITS`] teams with both sides.
    pub correlation: Option<PanelCorrelation>,
}

/// The linkage of one period: teams with a shown EX index and a CX index, one point per team,
/// unweighted. Below [`MIN_LINKAGE_UNITS`] teams nothing is derived from the points: no
/// correlation, line, factor correlation or key driver.
pub(super) fn linkage(framework: &Framework, units: &UnitTree, results: &[UnitResult]) -> Linkage {
    let mut team_ids = Vec::new();
    let (mut ex, mut cx) = (Vec::new(), Vec::new());
    for team in units.leaves() {
        let r = &results[team];
        if let (Some(e), Some(c)) = (
            r.ex.as_ref().and_then(|e| e.index),
            r.cx.as_ref().and_then(|c| c.index),
        ) {
            team_ids.push(team);
            ex.push(e);
            cx.push(c);
        }
    }
    // A correlation is computed only from enough teams to be read at all.
    let correlate = |xs: &[f64], ys: &[f64], f: fn(&[f64], &[f64]) -> Option<Correlation>| {
        (xs.len() >= MIN_LINKAGE_UNITS).then(|| f(xs, ys)).flatten()
    };
    let pearson = correlate(&ex, &cx, stats::pearson);
    let verdict = verdict(pearson.as_ref(), ex.len());
    let factor_pairs = |f: usize, against_index: bool| -> Option<Correlation> {
        let (mut xs, mut ys) = (Vec::new(), Vec::new());
        for &team in &team_ids {
            let r = &results[team];
            let x = r.ex.as_ref()?.factors[f];
            let y = if against_index {
                r.cx.as_ref()?.index
            } else {
                r.cx.as_ref()?.factors[f]
            };
            if let (Some(x), Some(y)) = (x, y) {
                xs.push(x);
                ys.push(y);
            }
        }
        correlate(&xs, &ys, stats::pearson)
    };
    let factors = (0..framework.factors.len())
        .map(|f| factor_pairs(f, false))
        .collect();
    let mut drivers: Vec<(usize, Correlation)> = (0..framework.factors.len())
        .filter_map(|f| factor_pairs(f, true).map(|c| (f, c)))
        .collect();
    drivers.sort_by(|a, b| b.1.r.total_cmp(&a.1.r).then(a.0.cmp(&b.0)));
    let driver_ranks = driver_ranks(&drivers);
    let enough = ex.len() >= MIN_LINKAGE_UNITS;
    Linkage {
        spearman: correlate(&ex, &cx, stats::spearman),
        fit: enough.then(|| stats::least_squares(&ex, &cx)).flatten(),
        units: team_ids,
        ex,
        cx,
        pearson,
        verdict,
        factors,
        drivers,
        driver_ranks,
    }
}

/// Rank of each driver (in the order of `drivers`, strongest r first): one more than the
/// number of drivers *clearly* stronger, that is whose whole 95% interval lies above this
/// driver's interval. Drivers whose intervals overlap share a rank ("=1"), so overlapping
/// intervals are never presented as an order; equal r always share a rank.
pub fn driver_ranks(drivers: &[(usize, Correlation)]) -> Vec<usize> {
    drivers
        .iter()
        .map(|(_, c)| {
            1 + drivers
                .iter()
                .filter(|(_, other)| match (other.interval, c.interval) {
                    (Some(o), Some(i)) => o.low > i.high,
                    _ => false,
                })
                .count()
        })
        .collect()
}

/// Standard competition ranks ("1, 2, =3, =3, 5") of values sorted from highest to lowest,
/// where equal values share a rank. Callers pass the values as shown, so what looks tied is tied.
pub fn competition_ranks<T: PartialEq>(sorted_descending: &[T]) -> Vec<usize> {
    let mut ranks = Vec::with_capacity(sorted_descending.len());
    for (i, value) in sorted_descending.iter().enumerate() {
        let rank = match i {
            0 => 1,
            _ if sorted_descending[i - 1] == *value => ranks[i - 1],
            _ => i + 1,
        };
        ranks.push(rank);
    }
    ranks
}

/// How a rank is written: "=3" when another entry shares it, "3" otherwise.
pub fn rank_label(ranks: &[usize], i: usize) -> String {
    let shared = ranks.iter().filter(|&&r| r == ranks[i]).count() > 1;
    if shared {
        format!("={}", ranks[i])
    } else {
        ranks[i].to_string()
    }
}

/// Reads a correlation the way the report words it.
pub fn verdict(correlation: Option<&Correlation>, n: usize) -> Verdict {
    match correlation {
        _ if n < MIN_LINKAGE_UNITS => Verdict::TooFewUnits,
        None => Verdict::TooFewUnits,
        Some(c) => match c.interval {
            Some(i) if i.low > 0.0 => Verdict::Positive,
            Some(i) if i.high < 0.0 => Verdict::Negative,
            _ => Verdict::NoClearLink,
        },
    }
}

/// EX(t) → CX(t+k) and CX(t) → EX(t+k) for k = 0, 1, 2. For every pair of periods (t, t+k)
/// with at least [`MIN_LINKAGE_UNITS`] teams the correlation is taken across teams; the row is
/// the mean of these correlations, with a 95% interval from a bootstrap that resamples teams
/// (`stats::team_bootstrap_correlation`), because the same teams appear in every pair. Period
/// t+k is the k-th following calendar period, which must have data. Each row has its own fixed
/// seed, so builds are byte-identical.
pub(super) fn lagged_links(site: &Site, periods: &[PeriodAnalysis]) -> Vec<LagLink> {
    let teams: Vec<usize> = site.units.leaves().collect();
    let rows: Vec<(Direction, usize)> = [Direction::ExToCx, Direction::CxToEx]
        .into_iter()
        .flat_map(|direction| (0..=2usize).map(move |lag| (direction, lag)))
        // CX → EX at lag 0 is the same as EX → CX at lag 0.
        .filter(|&(direction, lag)| !(direction == Direction::CxToEx && lag == 0))
        .collect();
    // The rows are independent (each its own seed), so they are bootstrapped in parallel and
    // gathered back in order: the same figures whatever the thread count.
    rows.into_par_iter()
        .map(|(direction, lag)| {
            let mut by_team: Vec<Vec<stats::PanelObservation>> = vec![Vec::new(); teams.len()];
            let mut pairs = 0;
            for (i, earlier) in periods.iter().enumerate() {
                let target = (0..lag).fold(earlier.period, |p, _| p.next());
                let Some(later) = periods[i..].iter().find(|p| p.period == target) else {
                    continue;
                };
                let ex_index = |p: &PeriodAnalysis, team: usize| {
                    p.units[team].ex.as_ref().and_then(|e| e.index)
                };
                let cx_index = |p: &PeriodAnalysis, team: usize| {
                    p.units[team].cx.as_ref().and_then(|c| c.index)
                };
                let observed: Vec<(usize, f64, f64)> = teams
                    .iter()
                    .enumerate()
                    .filter_map(|(slot, &team)| {
                        let (x, y) = match direction {
                            Direction::ExToCx => (ex_index(earlier, team)?, cx_index(later, team)?),
                            Direction::CxToEx => (cx_index(earlier, team)?, ex_index(later, team)?),
                        };
                        Some((slot, x, y))
                    })
                    .collect();
                if observed.len() < MIN_LINKAGE_UNITS {
                    continue;
                }
                for (slot, x, y) in observed {
                    by_team[slot].push((pairs, x, y));
                }
                pairs += 1;
            }
            let seed = LAG_SEED ^ ((direction as u64) << 8 | lag as u64);
            LagLink {
                direction,
                lag,
                correlation: stats::team_bootstrap_correlation(
                    &by_team,
                    pairs,
                    stats::BOOTSTRAP_REPLICATES,
                    seed,
                ),
            }
        })
        .collect()
}

/// Seed of the lag bootstrap ("kolikko" in ASCII); each row mixes in its direction and lag.
const LAG_SEED: u64 = 0x006b_6f6c_696b_6b6f;
