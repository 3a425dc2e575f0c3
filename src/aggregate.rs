//! Aggregate: from the loaded answer counts to every number the report shows.
//!
//! For each period, answer counts are summed up the unit tree (never averages of averages), the
//! anonymity rule decides which EX groups may be shown, and the statistics of each shown group are
//! computed. Linkage (EX against CX across teams) uses only what is shown, so no published
//! number rests on a hidden group.

use crate::model::SurveyPeriod;
use rayon::prelude::*;
use serde::Serialize;

use crate::framework::{Framework, Side};
use crate::model::{Answers, Site, UnitTree};
use crate::period::Period;
use crate::privacy::{self, GroupSize, Visibility};
use crate::stats::{self, Change, Correlation, LinearFit, NetScore, Shares};

/// Everything computed from a site.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// In the order of `Site::periods`.
    pub periods: Vec<PeriodAnalysis>,
    /// EX(t) against CX(t+k) and CX(t) against EX(t+k), pooled over teams and periods.
    pub lags: Vec<LagLink>,
}

#[derive(Clone, Debug)]
pub struct PeriodAnalysis {
    pub period: Period,
    /// Indexed by unit; index 0 is the organisation.
    pub units: Vec<UnitResult>,
    pub linkage: Linkage,
}

#[derive(Clone, Debug)]
pub struct UnitResult {
    pub ex_visibility: Visibility,
    /// Present only when the group is shown.
    pub ex: Option<ExStats>,
    /// Customers are not protected by the anonymity rule; small samples are flagged instead.
    pub cx: Option<CxStats>,
}

#[derive(Clone, Debug)]
pub struct ExStats {
    pub invited: u64,
    pub responses: u64,
    pub response_rate: Option<f64>,
    /// Mean favourable share of the EX items, 0–100.
    pub index: Option<f64>,
    /// Per factor, mean favourable share of its EX items, 0–100.
    pub factors: Vec<Option<f64>>,
    /// Per EX item.
    pub items: Vec<Option<Shares>>,
    pub enps: Option<NetScore>,
    /// Measures withheld by the anonymity rule although answered (see `Published`).
    pub withheld: Withheld,
    pub headcount: Option<f64>,
    pub leavers: Option<u64>,
    pub turnover: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct CxStats {
    pub responses: u64,
    pub low_n: bool,
    pub index: Option<f64>,
    pub factors: Vec<Option<f64>>,
    pub items: Vec<Option<Shares>>,
    pub nps: Option<NetScore>,
}

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
    /// Per factor: its EX side against the CX index ("key drivers"), ranked strongest first.
    pub drivers: Vec<(usize, Correlation)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    ExToCx,
    CxToEx,
}

#[derive(Clone, Debug)]
pub struct LagLink {
    pub direction: Direction,
    pub lag: usize,
    /// How many period pairs were averaged.
    pub pairs: usize,
    pub correlation: Option<Correlation>,
}

pub fn analyse(site: &Site) -> Analysis {
    let periods: Vec<PeriodAnalysis> = site
        .periods
        .iter()
        .map(|p| analyse_period(site, p))
        .collect();
    let lags = lagged_links(site, &periods);
    Analysis { periods, lags }
}

/// As [`analyse`], for a build that needs only the analysis afterwards: the periods are analysed
/// in parallel and each period's answer counts are freed as soon as it is done, so the counts
/// and the figures of a 20,000-team site are not all in memory at once. `site.periods` keeps
/// each period's name and source; its `ex` and `cx` are left empty.
pub fn analyse_and_release(site: &mut Site) -> Analysis {
    let surveys = std::mem::take(&mut site.periods);
    let site_ref: &Site = site;
    let (periods, emptied): (Vec<PeriodAnalysis>, Vec<SurveyPeriod>) = surveys
        .into_par_iter()
        .map(|mut survey| {
            let analysis = analyse_period(site_ref, &survey);
            survey.ex = Vec::new();
            survey.cx = Vec::new();
            (analysis, survey)
        })
        .unzip();
    site.periods = emptied;
    let lags = lagged_links(site, &periods);
    Analysis { periods, lags }
}

/// Summed answer counts of one group in one period.
#[derive(Clone, Debug)]
struct ExTotals {
    invited: u64,
    responses: u64,
    headcount: f64,
    leavers: u64,
    has_turnover: bool,
    enps: Answers,
    items: Vec<Answers>,
}

#[derive(Clone, Debug)]
struct CxTotals {
    responses: u64,
    nps: Answers,
    items: Vec<Answers>,
}

fn analyse_period(site: &Site, survey: &crate::model::SurveyPeriod) -> PeriodAnalysis {
    let units = &site.units;
    let framework = &site.framework;
    let ex_points: Vec<usize> = framework
        .items(Side::Ex)
        .map(|i| i.scale.points as usize)
        .collect();
    let cx_points: Vec<usize> = framework
        .items(Side::Cx)
        .map(|i| i.scale.points as usize)
        .collect();

    let mut ex: Vec<ExTotals> = (0..units.len())
        .map(|_| ExTotals {
            invited: 0,
            responses: 0,
            headcount: 0.0,
            leavers: 0,
            has_turnover: false,
            enps: Answers::zero(11),
            items: ex_points.iter().map(|&p| Answers::zero(p)).collect(),
        })
        .collect();
    let mut cx: Vec<CxTotals> = (0..units.len())
        .map(|_| CxTotals {
            responses: 0,
            nps: Answers::zero(11),
            items: cx_points.iter().map(|&p| Answers::zero(p)).collect(),
        })
        .collect();

    for unit in units.leaves() {
        if let Some(r) = &survey.ex[unit] {
            let t = &mut ex[unit];
            t.invited = r.invited;
            t.responses = r.responses;
            if let (Some(h), Some(l)) = (r.headcount, r.leavers) {
                t.headcount = h;
                t.leavers = l;
                t.has_turnover = true;
            }
            if let Some(e) = &r.enps {
                t.enps = e.clone();
            }
            for (total, answers) in t.items.iter_mut().zip(&r.items) {
                if let Some(a) = answers {
                    *total = a.clone();
                }
            }
        }
        if let Some(r) = &survey.cx[unit] {
            let t = &mut cx[unit];
            t.responses = r.responses;
            if let Some(n) = &r.nps {
                t.nps = n.clone();
            }
            for (total, answers) in t.items.iter_mut().zip(&r.items) {
                if let Some(a) = answers {
                    *total = a.clone();
                }
            }
        }
    }

    roll_up(units, &mut ex, &mut cx);

    let groups: Vec<GroupSize> = (0..units.len())
        .map(|u| GroupSize {
            parent: units.units[u].parent,
            responses: ex[u].responses,
        })
        .collect();
    let threshold = site.config.anonymity_threshold;
    let visibility = privacy::suppress(&groups, threshold);
    let published = published_measures(units, &ex, &visibility, threshold);

    let results: Vec<UnitResult> = (0..units.len())
        .map(|u| UnitResult {
            ex_visibility: visibility[u],
            ex: visibility[u]
                .is_shown()
                .then(|| ex_stats(framework, &ex[u], &published[u])),
            cx: (cx[u].responses > 0).then(|| cx_stats(framework, &cx[u], site.config.cx_low_n)),
        })
        .collect();
    let linkage = linkage(framework, units, &results);
    PeriodAnalysis {
        period: survey.period,
        units: results,
        linkage,
    }
}

/// What a shown group has answered but may not publish: the page says so instead of "no data".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Withheld {
    pub items: usize,
    pub enps: bool,
    pub turnover: bool,
}

/// Which of a shown group's EX measures may be published. Items (some answer "not applicable"),
/// eNPS and turnover each count other people than the group's responses, so each gets the
/// anonymity rule on its own counts (see `privacy::suppress_measure`).
#[derive(Clone, Debug)]
struct Published {
    items: Vec<bool>,
    enps: bool,
    turnover: bool,
}

fn published_measures(
    units: &UnitTree,
    ex: &[ExTotals],
    visibility: &[Visibility],
    threshold: u64,
) -> Vec<Published> {
    let measure = |count: &dyn Fn(&ExTotals) -> u64| -> Vec<bool> {
        let groups: Vec<GroupSize> = (0..units.len())
            .map(|u| GroupSize {
                parent: units.units[u].parent,
                responses: count(&ex[u]),
            })
            .collect();
        privacy::suppress_measure(&groups, threshold, visibility)
            .iter()
            .map(|v| v.is_shown())
            .collect()
    };
    let item_count = ex.first().map_or(0, |t| t.items.len());
    let items: Vec<Vec<bool>> = (0..item_count)
        .map(|k| measure(&|t| t.items[k].answered()))
        .collect();
    let enps = measure(&|t| t.enps.answered());
    // Turnover is about the people counted in the headcount.
    let turnover = measure(&|t| {
        if t.has_turnover {
            t.headcount.floor() as u64
        } else {
            0
        }
    });
    (0..units.len())
        .map(|u| Published {
            items: items.iter().map(|k| k[u]).collect(),
            enps: enps[u],
            turnover: turnover[u],
        })
        .collect()
}

/// Sums every group's answer counts into its parent. Children have larger indices than parents
/// (pre-order), so one reverse pass reaches the root.
fn roll_up(units: &UnitTree, ex: &mut [ExTotals], cx: &mut [CxTotals]) {
    for unit in (1..units.len()).rev() {
        let parent = units.units[unit]
            .parent
            .expect("only the root has no parent");
        let (lower, upper) = ex.split_at_mut(unit);
        roll_up_ex(&mut lower[parent], &upper[0]);
        let (lower, upper) = cx.split_at_mut(unit);
        roll_up_cx(&mut lower[parent], &upper[0]);
    }
}

fn roll_up_ex(parent: &mut ExTotals, child: &ExTotals) {
    parent.invited += child.invited;
    parent.responses += child.responses;
    if child.has_turnover {
        parent.headcount += child.headcount;
        parent.leavers += child.leavers;
        parent.has_turnover = true;
    }
    parent.enps.add(&child.enps);
    for (p, c) in parent.items.iter_mut().zip(&child.items) {
        p.add(c);
    }
}

fn roll_up_cx(parent: &mut CxTotals, child: &CxTotals) {
    parent.responses += child.responses;
    parent.nps.add(&child.nps);
    for (p, c) in parent.items.iter_mut().zip(&child.items) {
        p.add(c);
    }
}

/// Item shares, the index (mean favourable share over items with answers) and factor scores.
/// `shown[k]` says whether item `k` may be published; the index and factor scores use only the
/// published items, so they reveal nothing the item figures do not.
fn item_summary(
    framework: &Framework,
    side: Side,
    items: &[Answers],
    shown: &[bool],
) -> (Vec<Option<Shares>>, Option<f64>, Vec<Option<f64>>) {
    let shares: Vec<Option<Shares>> = framework
        .items(side)
        .zip(items)
        .zip(shown)
        .map(|((item, answers), &shown)| {
            if shown {
                stats::shares(&answers.counts, &item.scale)
            } else {
                None
            }
        })
        .collect();
    let favourable = |range: std::ops::Range<usize>| -> Option<f64> {
        let values: Vec<f64> = shares[range]
            .iter()
            .flatten()
            .map(|s| s.favourable * 100.0)
            .collect();
        stats::mean(&values)
    };
    let index = favourable(0..shares.len());
    let factors = (0..framework.factors.len())
        .map(|f| favourable(framework.factor_item_range(f, side)))
        .collect();
    (shares, index, factors)
}

fn net_counts(answers: &Answers) -> Option<NetScore> {
    let counts: [u64; 11] = answers.counts.clone().try_into().ok()?;
    stats::net_score(&counts)
}

fn ex_stats(framework: &Framework, t: &ExTotals, published: &Published) -> ExStats {
    let (items, index, factors) = item_summary(framework, Side::Ex, &t.items, &published.items);
    let turnover = t.has_turnover && published.turnover;
    ExStats {
        invited: t.invited,
        responses: t.responses,
        response_rate: (t.invited > 0).then(|| t.responses as f64 / t.invited as f64),
        index,
        factors,
        items,
        enps: if published.enps {
            net_counts(&t.enps)
        } else {
            None
        },
        withheld: Withheld {
            items: t
                .items
                .iter()
                .zip(&published.items)
                .filter(|(a, shown)| !**shown && a.answered() > 0)
                .count(),
            enps: !published.enps && t.enps.answered() > 0,
            turnover: t.has_turnover && !published.turnover,
        },
        headcount: turnover.then_some(t.headcount),
        leavers: turnover.then_some(t.leavers),
        turnover: if turnover {
            stats::turnover(t.leavers as f64, t.headcount)
        } else {
            None
        },
    }
}

fn cx_stats(framework: &Framework, t: &CxTotals, low_n: u64) -> CxStats {
    // Customers are not protected by the anonymity rule: every CX item is published.
    let (items, index, factors) =
        item_summary(framework, Side::Cx, &t.items, &vec![true; t.items.len()]);
    CxStats {
        responses: t.responses,
        low_n: t.responses < low_n,
        index,
        factors,
        items,
        nps: net_counts(&t.nps),
    }
}

/// The linkage of one period: teams with a shown EX index and a CX index.
fn linkage(framework: &Framework, units: &UnitTree, results: &[UnitResult]) -> Linkage {
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
    let pearson = stats::pearson(&ex, &cx);
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
        stats::pearson(&xs, &ys)
    };
    let factors = (0..framework.factors.len())
        .map(|f| factor_pairs(f, false))
        .collect();
    let mut drivers: Vec<(usize, Correlation)> = (0..framework.factors.len())
        .filter_map(|f| factor_pairs(f, true).map(|c| (f, c)))
        .collect();
    drivers.sort_by(|a, b| b.1.r.total_cmp(&a.1.r).then(a.0.cmp(&b.0)));
    Linkage {
        spearman: stats::spearman(&ex, &cx),
        fit: stats::least_squares(&ex, &cx),
        units: team_ids,
        ex,
        cx,
        pearson,
        verdict,
        factors,
        drivers,
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

/// EX(t) → CX(t+k) and CX(t) → EX(t+k) for k = 0, 1, 2. For every pair of periods (t, t+k) the
/// correlation is taken across teams; the pairs are then averaged on the Fisher scale
/// (`stats::mean_correlation`), with n the typical number of teams, because the same teams
/// appear in every pair. Period t+k is the k-th following calendar period, which must have data.
fn lagged_links(site: &Site, periods: &[PeriodAnalysis]) -> Vec<LagLink> {
    let mut links = Vec::new();
    for direction in [Direction::ExToCx, Direction::CxToEx] {
        for lag in 0..=2usize {
            if direction == Direction::CxToEx && lag == 0 {
                continue; // the same as EX → CX at lag 0
            }
            let mut parts = Vec::new();
            for (i, earlier) in periods.iter().enumerate() {
                let target = (0..lag).fold(earlier.period, |p, _| p.next());
                let Some(later) = periods[i..].iter().find(|p| p.period == target) else {
                    continue;
                };
                let (xs, ys): (Vec<f64>, Vec<f64>) = site
                    .units
                    .leaves()
                    .filter_map(|team| {
                        let ex_index =
                            |p: &PeriodAnalysis| p.units[team].ex.as_ref().and_then(|e| e.index);
                        let cx_index =
                            |p: &PeriodAnalysis| p.units[team].cx.as_ref().and_then(|c| c.index);
                        match direction {
                            Direction::ExToCx => Some((ex_index(earlier)?, cx_index(later)?)),
                            Direction::CxToEx => Some((cx_index(earlier)?, ex_index(later)?)),
                        }
                    })
                    .unzip();
                parts.extend(stats::pearson(&xs, &ys));
            }
            links.push(LagLink {
                direction,
                lag,
                pairs: parts.len(),
                correlation: stats::mean_correlation(&parts),
            });
        }
    }
    links
}

/// Whether an index moved by more than the noise between two periods (or against another group).
/// The index is treated as a proportion of `responses` respondents: a two-proportion z-test, as
/// described in docs/method.md.
pub fn index_change(before: f64, before_n: u64, after: f64, after_n: u64) -> Option<Change> {
    let successes = |index: f64, n: u64| ((index / 100.0) * n as f64).round() as u64;
    stats::two_proportion_test(
        successes(before, before_n),
        before_n,
        successes(after, after_n),
        after_n,
    )
    .map(|mut change| {
        // Report the change in index points of the published values, not of rounded counts.
        change.difference = after - before;
        change
    })
}

/// A group against the organisation it belongs to. The group is part of the organisation, so the
/// test compares it with the *rest* of the organisation (independent respondents); the difference
/// reported is group minus organisation, the numbers a reader sees side by side.
pub fn index_vs_organisation(
    group: f64,
    group_n: u64,
    organisation: f64,
    organisation_n: u64,
) -> Option<Change> {
    let rest_n = organisation_n.checked_sub(group_n).filter(|&n| n > 0)?;
    let rest = (organisation * organisation_n as f64 - group * group_n as f64) / rest_n as f64;
    let mut change = index_change(rest.clamp(0.0, 100.0), rest_n, group, group_n)?;
    change.difference = group - organisation;
    Some(change)
}

/// eNPS or NPS of a group against its organisation, tested against the rest of the organisation.
pub fn net_vs_organisation(group: &NetScore, organisation: &NetScore) -> Option<Change> {
    let rest_n = organisation.n.checked_sub(group.n).filter(|&n| n > 0)?;
    let count = |share: f64, n: u64| (share * n as f64).round() as u64;
    let rest = |g: f64, o: f64| count(o, organisation.n).saturating_sub(count(g, group.n));
    let mut counts = [0u64; 11];
    counts[0] = rest(group.detractors, organisation.detractors);
    counts[7] = rest(group.passives, organisation.passives);
    counts[9] = rest(group.promoters, organisation.promoters);
    if counts.iter().sum::<u64>() != rest_n {
        return None;
    }
    let mut change = stats::net_score_change(&stats::net_score(&counts)?, group)?;
    change.difference = group.score - organisation.score;
    Some(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;
    use proptest::prelude::*;

    /// A random pre-order tree: each new unit hangs under a random earlier one.
    fn tree(parents: &[usize]) -> UnitTree {
        let mut units = vec![Unit {
            id: "org".into(),
            name: "org".into(),
            supervisor: None,
            parent: None,
            children: vec![],
            depth: 0,
        }];
        for (i, &p) in parents.iter().enumerate() {
            let parent = p % (i + 1);
            let depth = units[parent].depth + 1;
            units.push(Unit {
                id: format!("u{i}"),
                name: format!("u{i}"),
                supervisor: None,
                parent: Some(parent),
                children: vec![],
                depth,
            });
            units[parent].children.push(i + 1);
        }
        UnitTree::new(units)
    }

    fn ex_totals(responses: u64, seed: u64) -> ExTotals {
        let counts = |k: u64| {
            vec![
                (seed + k) % 7,
                (seed * 3 + k) % 5,
                k % 4,
                seed % 3,
                (seed + 2 * k) % 6,
            ]
        };
        ExTotals {
            invited: responses + seed % 4,
            responses,
            // As the loader fills them: leavers and headcount only where both are reported.
            headcount: if !seed.is_multiple_of(3) {
                (seed % 9) as f64 + 0.5
            } else {
                0.0
            },
            leavers: if !seed.is_multiple_of(3) { seed % 2 } else { 0 },
            has_turnover: !seed.is_multiple_of(3),
            enps: Answers {
                counts: (0..11).map(|i| (seed + i) % 3).collect(),
                na: seed % 2,
            },
            items: (0..3)
                .map(|k| Answers {
                    counts: counts(k),
                    na: k,
                })
                .collect(),
        }
    }

    proptest! {
        /// A parent computed by the roll-up equals the sum of the raw counts of every team below it.
        #[test]
        fn roll_up_equals_sum_of_leaves(parents in proptest::collection::vec(0usize..50, 1..40), seeds in proptest::collection::vec(0u64..1000, 40)) {
            let units = tree(&parents);
            let leaf = |u: usize| u != UnitTree::ROOT && units.is_leaf(u);
            let zero = || ExTotals { invited: 0, responses: 0, headcount: 0.0, leavers: 0, has_turnover: false, enps: Answers::zero(11), items: (0..3).map(|_| Answers::zero(5)).collect() };
            let mut ex: Vec<ExTotals> = (0..units.len()).map(|u| if leaf(u) { ex_totals(seeds[u % seeds.len()] % 30, seeds[u % seeds.len()]) } else { zero() }).collect();
            let raw = ex.clone();
            let mut cx: Vec<CxTotals> = (0..units.len()).map(|u| CxTotals { responses: u as u64, nps: Answers::zero(11), items: vec![] }).collect();
            let cx_raw: Vec<u64> = cx.iter().map(|c| c.responses).collect();
            roll_up(&units, &mut ex, &mut cx);
            for u in 0..units.len() {
                // Independently: walk every team's path to the root.
                let below: Vec<usize> = (0..units.len()).filter(|&l| leaf(l) && units.path_to(l).contains(&u)).collect();
                prop_assert_eq!(ex[u].responses, below.iter().map(|&l| raw[l].responses).sum::<u64>());
                prop_assert_eq!(ex[u].invited, below.iter().map(|&l| raw[l].invited).sum::<u64>());
                prop_assert_eq!(ex[u].leavers, below.iter().filter(|&&l| raw[l].has_turnover).map(|&l| raw[l].leavers).sum::<u64>());
                for k in 0..3 {
                    for point in 0..5 {
                        prop_assert_eq!(ex[u].items[k].counts[point], below.iter().map(|&l| raw[l].items[k].counts[point]).sum::<u64>());
                    }
                    prop_assert_eq!(ex[u].items[k].na, below.iter().map(|&l| raw[l].items[k].na).sum::<u64>());
                }
                for point in 0..11 {
                    prop_assert_eq!(ex[u].enps.counts[point], below.iter().map(|&l| raw[l].enps.counts[point]).sum::<u64>());
                }
                // CX totals roll up the same way (here every unit, not only teams, carries a count).
                let subtree: u64 = (0..units.len()).filter(|&d| units.path_to(d).contains(&u)).map(|d| cx_raw[d]).sum();
                prop_assert_eq!(cx[u].responses, subtree);
            }
        }
    }

    #[test]
    fn group_against_rest_of_organisation() {
        // Organisation 60 over 100 respondents, group 80 over 20: the rest is
        // (60·100 − 80·20)/80 = 55 over 80. Pooled: (16 + 44)/100 = 0.6;
        // z = (0.80 − 0.55)/√(0.6·0.4·(1/20 + 1/80)) = 0.25/√0.015 = 2.0412 → p = 0.0412.
        let c = index_vs_organisation(80.0, 20, 60.0, 100).unwrap();
        assert!((c.difference - 20.0).abs() < 1e-12);
        assert!((c.z - 0.25 / 0.015f64.sqrt()).abs() < 1e-9, "{}", c.z);
        assert!(c.significant);
        assert!(
            index_vs_organisation(80.0, 20, 60.0, 20).is_none(),
            "a group that is the whole organisation"
        );
        // Net scores: organisation 50 promoters / 30 passives / 20 detractors (n 100, +30);
        // group 10/5/5 (n 20, +25). Rest: 40/25/15 of 80 → +31.25.
        let org = stats::net_score(&[20, 0, 0, 0, 0, 0, 0, 30, 0, 50, 0]).unwrap();
        let group = stats::net_score(&[5, 0, 0, 0, 0, 0, 0, 5, 0, 10, 0]).unwrap();
        let c = net_vs_organisation(&group, &org).unwrap();
        assert!((c.difference - (-5.0)).abs() < 1e-9);
        let rest = stats::net_score(&[15, 0, 0, 0, 0, 0, 0, 25, 0, 40, 0]).unwrap();
        assert!((c.z - stats::net_score_change(&rest, &group).unwrap().z).abs() < 1e-12);
        assert!(!c.significant);
    }

    #[test]
    fn verdict_wording_follows_the_interval() {
        use crate::stats::{Correlation, Interval};
        let c = |low: f64, high: f64| Correlation {
            n: 20,
            r: (low + high) / 2.0,
            interval: Some(Interval { low, high }),
            p_value: 0.5,
        };
        assert_eq!(verdict(Some(&c(0.1, 0.7)), 20), Verdict::Positive);
        assert_eq!(verdict(Some(&c(-0.7, -0.1)), 20), Verdict::Negative);
        assert_eq!(verdict(Some(&c(-0.2, 0.6)), 20), Verdict::NoClearLink);
        assert_eq!(verdict(Some(&c(0.1, 0.7)), 7), Verdict::TooFewUnits);
    }
}
