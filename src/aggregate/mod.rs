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
use crate::stats::{self, Change, Correlation, LinearFit, NetScore, PanelCorrelation, Shares};

mod compare;
mod linkage;
#[cfg(test)]
mod tests;

pub use compare::*;
use compare::{against_rest, compare_periods, unadjusted};
pub use linkage::*;
use linkage::{lagged_links, linkage};

/// Everything computed from a site.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// In the order of `Site::periods`.
    pub periods: Vec<PeriodAnalysis>,
    /// EX(t) against CX(t+k) and CX(t) against EX(t+k), averaged over period pairs.
    pub lags: Vec<LagLink>,
    /// The open-text comments each unit may show, per period (see `crate::comments`).
    pub comments: Vec<crate::comments::PeriodShown>,
}

#[derive(Clone, Debug)]
pub struct PeriodAnalysis {
    pub period: Period,
    /// Indexed by unit; index 0 is the organisation.
    pub units: Vec<UnitResult>,
    pub linkage: Linkage,
    /// Indexed by unit: every "is this larger than the noise" verdict of the period, with the
    /// false discovery rate controlled across all of them (see [`control_false_discoveries`]).
    pub comparisons: Vec<UnitComparisons>,
    /// The period's question set per side: the items anyone in the organisation answered. Every
    /// index and factor score of the period is a mean over exactly these items (or withheld).
    pub ex_questions: Vec<bool>,
    pub cx_questions: Vec<bool>,
    /// The background cuts of the period, as published (see [`crate::cuts`]).
    pub cuts: Vec<crate::cuts::CutAnalysis>,
}

/// The four headline measures, in tile order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Measure {
    ExIndex,
    CxIndex,
    Enps,
    Nps,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::ExIndex,
        Measure::CxIndex,
        Measure::Enps,
        Measure::Nps,
    ];
}

/// One verdict: the test's result, its Benjamini–Hochberg adjusted p-value across the period,
/// and whether it is called clear (adjusted p below [`stats::SIGNIFICANCE`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub change: Change,
    pub q_value: f64,
    pub clear: bool,
}

/// A unit's verdicts in one period, each indexed like [`Measure::ALL`].
#[derive(Clone, Debug, Default)]
pub struct UnitComparisons {
    /// This period against the previous period in the site, same unit.
    pub vs_previous: [Option<Comparison>; 4],
    /// The unit against the rest of the organisation (the organisation without the unit), same
    /// period; the difference is unit minus rest.
    pub vs_rest: [Option<Comparison>; 4],
}

impl PeriodAnalysis {
    /// The question set of one side in this period.
    pub fn questions(&self, side: Side) -> &[bool] {
        match side {
            Side::Ex => &self.ex_questions,
            Side::Cx => &self.cx_questions,
        }
    }
}

/// Whether an index of `side` may be compared between two periods: a change always compares the
/// same questions, so the two periods must have the same question set.
pub fn same_questions(a: &PeriodAnalysis, b: &PeriodAnalysis, side: Side) -> bool {
    a.questions(side) == b.questions(side)
}

/// Whether factor `f`'s score of `side` may be compared between two periods.
pub fn same_factor_questions(
    framework: &Framework,
    a: &PeriodAnalysis,
    b: &PeriodAnalysis,
    side: Side,
    f: usize,
) -> bool {
    let range = framework.factor_item_range(f, side);
    a.questions(side)[range.clone()] == b.questions(side)[range]
}

#[derive(Clone, Debug)]
pub struct UnitResult {
    pub ex_visibility: Visibility,
    /// For a group nobody answered ("no data"): how many were invited, so its response rate
    /// (0%) can be shown. None otherwise.
    pub invited_without_answers: Option<u64>,
    /// Present only when the group is shown.
    pub ex: Option<ExStats>,
    /// Customers are not protected by the anonymity rule; CX figures are shown from
    /// `cx_threshold` customers on, and samples below `cx_low_n` are flagged.
    pub cx: Option<CxStats>,
    /// Some customers answered, but fewer than `cx_threshold`: nothing of them is shown.
    pub cx_below_minimum: bool,
}

#[derive(Clone, Debug)]
pub struct ExStats {
    pub invited: u64,
    pub responses: u64,
    pub response_rate: Option<f64>,
    /// Mean favourable share over the period's EX question set, 0–100; None when any of those
    /// questions is withheld or unanswered here (see `full_set_mean`).
    pub index: Option<f64>,
    /// Per factor, the same over the factor's EX questions.
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

/// What [`analyse`] does with each period's answer counts once the period is analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counts {
    /// Keep them in `site.periods` (tests, and `build::render`, whose callers read them).
    Keep,
    /// Free them as soon as the period is done, so the counts and the figures of a 20,000-team
    /// site are not all in memory at once: `site.periods` keeps each period's name, source and
    /// comments, and its `ex`, `cx` and `background` are left empty.
    Release,
}

/// Every figure of the site: each period analysed on its own (in parallel), then the steps that
/// need several periods (changes and the false-discovery control, the lag view, the comments).
///
/// The one entry point for every caller: whether the counts are kept or released, the periods
/// are taken out of `site` for the same per-period step and put back, so no step can see
/// different data in the two modes (two entry points once differed: one skipped the changes and
/// the false-discovery control). `Counts` only decides whether the counts are dropped after use.
pub fn analyse(site: &mut Site, counts: Counts) -> Analysis {
    let surveys = std::mem::take(&mut site.periods);
    let site_ref: &Site = site;
    let (mut periods, surveys): (Vec<PeriodAnalysis>, Vec<SurveyPeriod>) = surveys
        .into_par_iter()
        .map(|mut survey| {
            let analysis = analyse_period(site_ref, &survey);
            if counts == Counts::Release {
                survey.ex = Vec::new();
                survey.cx = Vec::new();
                survey.background = Vec::new();
            }
            (analysis, survey)
        })
        .unzip();
    site.periods = surveys;
    compare_periods(site, &mut periods);
    let lags = lagged_links(site, &periods);
    let comments = crate::comments::publish(site, &periods);
    Analysis {
        periods,
        lags,
        comments,
    }
}

/// `*total = answers.clone()`, into the zeroed vector already there (same length), so a team's
/// counts are not allocated twice.
fn copy_answers(total: &mut Answers, answers: &Answers) {
    total.counts.clone_from(&answers.counts);
    total.na = answers.na;
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
                copy_answers(&mut t.enps, e);
            }
            for (total, answers) in t.items.iter_mut().zip(&r.items) {
                if let Some(a) = answers {
                    copy_answers(total, a);
                }
            }
        }
        if let Some(r) = &survey.cx[unit] {
            let t = &mut cx[unit];
            t.responses = r.responses;
            if let Some(n) = &r.nps {
                copy_answers(&mut t.nps, n);
            }
            for (total, answers) in t.items.iter_mut().zip(&r.items) {
                if let Some(a) = answers {
                    copy_answers(total, a);
                }
            }
        }
    }

    // `report_with:` teams: their EX answers count as the named sibling's (or only in the
    // parent's totals), so the team itself has nothing of its own to show or to protect.
    for unit in units.leaves() {
        if let Some(target) = units.units[unit].report_with {
            let moved = std::mem::replace(
                &mut ex[unit],
                ExTotals {
                    invited: 0,
                    responses: 0,
                    headcount: 0.0,
                    leavers: 0,
                    has_turnover: false,
                    enps: Answers::zero(11),
                    items: ex_points.iter().map(|&p| Answers::zero(p)).collect(),
                },
            );
            roll_up_ex(&mut ex[target], &moved);
        }
    }
    roll_up(units, &mut ex, &mut cx);
    let root = &ex[UnitTree::ROOT];
    let ex_questions: Vec<bool> = root.items.iter().map(|a| a.answered() > 0).collect();
    let cx_questions: Vec<bool> = cx[UnitTree::ROOT]
        .items
        .iter()
        .map(|a| a.answered() > 0)
        .collect();

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
            invited_without_answers: (visibility[u] == Visibility::NoData && ex[u].invited > 0)
                .then_some(ex[u].invited),
            ex: visibility[u]
                .is_shown()
                .then(|| ex_stats(framework, &ex[u], &published[u], &ex_questions)),
            cx: (cx[u].responses >= site.config.cx_threshold.max(1))
                .then(|| cx_stats(framework, &cx[u], site.config.cx_low_n, &cx_questions)),
            cx_below_minimum: cx[u].responses > 0 && cx[u].responses < site.config.cx_threshold,
        })
        .collect();
    let linkage = linkage(framework, units, &results);
    let comparisons = (0..units.len())
        .map(|u| UnitComparisons {
            vs_previous: [None; 4],
            vs_rest: against_rest(
                framework,
                &ex,
                &cx,
                [&ex_questions, &cx_questions],
                &results,
                u,
            )
            .map(|c| c.map(unadjusted)),
        })
        .collect();
    let cuts = crate::cuts::analyse(site, survey, &groups, &visibility, &ex_questions);
    PeriodAnalysis {
        period: survey.period,
        units: results,
        linkage,
        comparisons,
        ex_questions,
        cx_questions,
        cuts,
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
    // Answers and eNPS answers are at most the responses, which a reader sees where they are
    // published; turnover is about people who need not have answered.
    let responses: Vec<u64> = ex.iter().map(|t| t.responses).collect();
    let measure = |count: &dyn Fn(&ExTotals) -> u64, ceiling: &[u64]| -> Vec<bool> {
        let groups: Vec<GroupSize> = (0..units.len())
            .map(|u| GroupSize {
                parent: units.units[u].parent,
                responses: count(&ex[u]),
            })
            .collect();
        privacy::suppress_answers(&groups, threshold, visibility, ceiling)
            .iter()
            .map(|v| v.is_shown())
            .collect()
    };
    let item_count = ex.first().map_or(0, |t| t.items.len());
    let items: Vec<Vec<bool>> = (0..item_count)
        .map(|k| measure(&|t| t.items[k].answered(), &responses))
        .collect();
    let enps = measure(&|t| t.enps.answered(), &responses);
    let turnover = measure(
        &|t| turnover_people(t.has_turnover, t.headcount, t.leavers),
        &[],
    );
    (0..units.len())
        .map(|u| Published {
            items: items.iter().map(|k| k[u]).collect(),
            enps: enps[u],
            turnover: turnover[u],
        })
        .collect()
}

/// The number of people a group's turnover figures are about, for the anonymity rule: its
/// average headcount rounded up, or its leavers if there were more of them (a team being wound
/// down can have 0.8 heads on average and 4 leavers). A fraction of a head counts as a person,
/// so it is protected and protects like any small group.
///
/// A headcount at most [`HEADCOUNT_TOLERANCE`] above a whole number counts as that number: a
/// group's headcount is a sum of its teams' decimal headcounts computed in binary floating
/// point, which can land a hair above the whole number it is in exact arithmetic (thirty teams
/// of 0.1 sum to 3.0000000000000013), and rounding that up would count 4 people where there are
/// 3, and could show a group of N − 1.
pub fn turnover_people(reported: bool, headcount: f64, leavers: u64) -> u64 {
    if !reported {
        return 0;
    }
    let heads = if headcount.is_finite() && headcount > HEADCOUNT_TOLERANCE {
        (headcount - HEADCOUNT_TOLERANCE).ceil() as u64
    } else {
        0
    };
    heads.max(leavers)
}

/// How far above a whole number a headcount may be and still count as it (see
/// [`turnover_people`]): far wider than the error of summing headcounts (about 10⁻¹⁵ per team)
/// and far narrower than any headcount a site writes (decimals, not 10⁻⁹ of a person).
pub const HEADCOUNT_TOLERANCE: f64 = 1e-9;

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

/// Item shares, the index and the factor scores of one group. `shown[k]` says whether item `k` may
/// be published here; `asked[k]` whether it is in the period's question set. The index and each
/// factor score are computed over the full set of asked items or withheld (`full_set_mean`), so
/// every group's index averages the same questions and reveals nothing the item figures do not.
fn item_summary(
    framework: &Framework,
    side: Side,
    items: &[Answers],
    shown: &[bool],
    asked: &[bool],
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
    let index = full_set_mean(&shares, asked);
    let factors = (0..framework.factors.len())
        .map(|f| {
            let range = framework.factor_item_range(f, side);
            full_set_mean(&shares[range.clone()], &asked[range])
        })
        .collect();
    (shares, index, factors)
}

/// The mean favourable share (0–100) over the asked items, or None unless every asked item has a
/// published share here. Dropping a withheld or unanswered item would average other questions
/// than every other group's index and than this group's own index in other periods.
pub fn full_set_mean(shares: &[Option<Shares>], asked: &[bool]) -> Option<f64> {
    let mut values = Vec::new();
    for (share, &asked) in shares.iter().zip(asked) {
        if asked {
            values.push(share.as_ref()?.favourable * 100.0);
        }
    }
    stats::mean(&values)
}

fn net_counts(answers: &Answers) -> Option<NetScore> {
    let counts: [u64; 11] = answers.counts.as_slice().try_into().ok()?;
    stats::net_score(&counts)
}

fn ex_stats(framework: &Framework, t: &ExTotals, published: &Published, asked: &[bool]) -> ExStats {
    let (items, index, factors) =
        item_summary(framework, Side::Ex, &t.items, &published.items, asked);
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

fn cx_stats(framework: &Framework, t: &CxTotals, low_n: u64, asked: &[bool]) -> CxStats {
    // Customers are not protected by the anonymity rule: every CX item is published.
    let (items, index, factors) = item_summary(
        framework,
        Side::Cx,
        &t.items,
        &vec![true; t.items.len()],
        asked,
    );
    CxStats {
        responses: t.responses,
        low_n: t.responses < low_n,
        index,
        factors,
        items,
        nps: net_counts(&t.nps),
    }
}
