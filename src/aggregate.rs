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

/// Each unit's change from the previous period, and the false-discovery control over each
/// period's verdicts: the steps that need two periods' figures, after every period is analysed.
fn compare_periods(site: &Site, periods: &mut [PeriodAnalysis]) {
    for p in 0..periods.len() {
        // A change compares the same questions in both periods: no index change otherwise.
        let same = |side| {
            p.checked_sub(1)
                .is_some_and(|q| same_questions(&periods[q], &periods[p], side))
        };
        let comparable = [same(Side::Ex), same(Side::Cx)];
        for unit in 0..site.units.len() {
            let previous = p.checked_sub(1).map(|q| &periods[q].units[unit]);
            let mut changes = changes_from_previous(previous, &periods[p].units[unit]);
            for (change, same) in changes.iter_mut().zip(comparable) {
                if !same {
                    *change = None;
                }
            }
            for (slot, change) in periods[p].comparisons[unit]
                .vs_previous
                .iter_mut()
                .zip(changes)
            {
                *slot = change.map(unadjusted);
            }
        }
        control_false_discoveries(&mut periods[p].comparisons);
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

/// A test result before the false-discovery control of its period, which sets its q-value and
/// verdict ([`control_false_discoveries`]). Until then it is not clear (q = 1): a verdict that
/// missed the control would read "within chance variation", never a raw p below 0.05.
fn unadjusted(change: Change) -> Comparison {
    Comparison {
        change,
        q_value: 1.0,
        clear: false,
    }
}

/// EX index, CX index, eNPS and NPS of a unit against the previous period.
fn changes_from_previous(
    previous: Option<&UnitResult>,
    current: &UnitResult,
) -> [Option<Change>; 4] {
    let Some(previous) = previous else {
        return [None; 4];
    };
    let ex = |r: &UnitResult| r.ex.as_ref().and_then(|e| Some((e.index?, e.responses)));
    let cx = |r: &UnitResult| r.cx.as_ref().and_then(|c| Some((c.index?, c.responses)));
    let index = |a: Option<(f64, u64)>, b: Option<(f64, u64)>| {
        let ((x, xn), (y, yn)) = (a?, b?);
        index_change(x, xn, y, yn)
    };
    let enps = |r: &UnitResult| r.ex.as_ref().and_then(|e| e.enps);
    let nps = |r: &UnitResult| r.cx.as_ref().and_then(|c| c.nps);
    let net = |a: Option<NetScore>, b: Option<NetScore>| stats::net_score_change(&a?, &b?);
    [
        index(ex(previous), ex(current)),
        index(cx(previous), cx(current)),
        net(enps(previous), enps(current)),
        net(nps(previous), nps(current)),
    ]
}

/// EX index, CX index, eNPS and NPS of a shown unit against the rest of the organisation: the
/// organisation's summed counts minus the unit's. The rest's index averages the period's full
/// question set, as the unit's does (`item_summary`), so both sides average the same items. Every number
/// the rest is computed from is published (the organisation's and the unit's counts), so this
/// shows nothing new about hidden groups.
fn against_rest(
    framework: &Framework,
    ex: &[ExTotals],
    cx: &[CxTotals],
    questions: [&[bool]; 2],
    results: &[UnitResult],
    unit: usize,
) -> [Option<Change>; 4] {
    let root = UnitTree::ROOT;
    if unit == root {
        return [None; 4];
    }
    let minus = |a: &Answers, b: &Answers| Answers {
        counts: a
            .counts
            .iter()
            .zip(&b.counts)
            .map(|(x, y)| x.saturating_sub(*y))
            .collect(),
        na: a.na.saturating_sub(b.na),
    };
    let rest_items = |org: &[Answers], group: &[Answers]| -> Vec<Answers> {
        org.iter().zip(group).map(|(a, b)| minus(a, b)).collect()
    };
    let index_vs_rest = |side: Side,
                         org: &[Answers],
                         group: &[Answers],
                         group_index: Option<f64>,
                         asked: &[bool],
                         org_n: u64,
                         group_n: u64| {
        let rest_n = org_n.checked_sub(group_n).filter(|&n| n > 0)?;
        // The rest's shares only feed this test; none of them is published on its own.
        let all = vec![true; group.len()];
        let (_, rest_index, _) =
            item_summary(framework, side, &rest_items(org, group), &all, asked);
        index_change(rest_index?, rest_n, group_index?, group_n)
    };
    let net_vs_rest = |org: &Answers, group: &Answers, group_score: Option<NetScore>| {
        let group_score = group_score?;
        let rest = net_counts(&minus(org, group))?;
        stats::net_score_change(&rest, &group_score)
    };
    let result = &results[unit];
    let (ex_index, enps) = match &result.ex {
        Some(e) => (
            index_vs_rest(
                Side::Ex,
                &ex[root].items,
                &ex[unit].items,
                e.index,
                questions[0],
                ex[root].responses,
                ex[unit].responses,
            ),
            net_vs_rest(&ex[root].enps, &ex[unit].enps, e.enps),
        ),
        None => (None, None),
    };
    let (cx_index, nps) = match &result.cx {
        Some(c) => (
            index_vs_rest(
                Side::Cx,
                &cx[root].items,
                &cx[unit].items,
                c.index,
                questions[1],
                cx[root].responses,
                cx[unit].responses,
            ),
            net_vs_rest(&cx[root].nps, &cx[unit].nps, c.nps),
        ),
        None => (None, None),
    };
    // Only where the organisation's own figure is shown too: the reader compares with it.
    let org = &results[root];
    [
        ex_index.filter(|_| org.ex.as_ref().is_some_and(|e| e.index.is_some())),
        cx_index.filter(|_| org.cx.as_ref().is_some_and(|c| c.index.is_some())),
        enps.filter(|_| org.ex.as_ref().is_some_and(|e| e.enps.is_some())),
        nps.filter(|_| org.cx.as_ref().is_some_and(|c| c.nps.is_some())),
    ]
}

/// Benjamini–Hochberg across every verdict of one period (all units, both comparisons, all
/// four measures): each verdict's p-value is replaced by its adjusted value, and a result is
/// called clear only when that is below [`stats::SIGNIFICANCE`]. Among the results called clear,
/// the expected share that are noise is then at most 5%.
pub fn control_false_discoveries(comparisons: &mut [UnitComparisons]) {
    let p_values: Vec<f64> = comparisons
        .iter()
        .flat_map(|c| c.vs_previous.iter().chain(&c.vs_rest))
        .flatten()
        .map(|c| c.change.p_value)
        .collect();
    let adjusted = stats::benjamini_hochberg(&p_values);
    let mut next = adjusted.into_iter();
    for c in comparisons.iter_mut() {
        for comparison in c
            .vs_previous
            .iter_mut()
            .chain(c.vs_rest.iter_mut())
            .flatten()
        {
            let q = next.next().expect("one adjusted value per verdict");
            comparison.q_value = q;
            comparison.clear = q < stats::SIGNIFICANCE;
        }
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

/// The linkage of one period: teams with a shown EX index and a CX index, one point per team,
/// unweighted. Below [`MIN_LINKAGE_UNITS`] teams nothing is derived from the points: no
/// correlation, line, factor correlation or key driver.
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
fn lagged_links(site: &Site, periods: &[PeriodAnalysis]) -> Vec<LagLink> {
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

/// Whether an index moved by more than the noise between two periods (or against another group).
/// The index is treated as a proportion of `responses` respondents: a two-proportion z-test, as
/// described in docs/method.md.
pub fn index_change(before: f64, before_n: u64, after: f64, after_n: u64) -> Option<Change> {
    // x = index/100 × respondents, rounded by the report's one rounding rule (halves away from
    // zero, a half computed a hair low still a half), so the audit can repeat it exactly.
    let successes =
        |index: f64, n: u64| crate::format::round_half_away(index / 100.0 * n as f64, 0) as u64;
    stats::two_proportion_test(
        successes(before, before_n),
        before_n,
        successes(after, after_n),
        after_n,
    )
    .map(|mut change| {
        // Report the change in index points of the indices, not of rounded counts.
        change.before = before;
        change.after = after;
        change.difference = after - before;
        change
    })
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
            report_with: None,
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
                report_with: None,
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

    fn totals(responses: u64, item: [u64; 5], enps: [u64; 11]) -> ExTotals {
        ExTotals {
            invited: responses,
            responses,
            headcount: 0.0,
            leavers: 0,
            has_turnover: false,
            enps: Answers {
                counts: enps.to_vec(),
                na: 0,
            },
            items: (0..12)
                .map(|_| Answers {
                    counts: item.to_vec(),
                    na: 0,
                })
                .collect(),
        }
    }

    #[test]
    fn a_headcount_a_hair_above_a_whole_number_counts_as_that_number() {
        // Three teams of 0.6, 2.2 and 0.2 average heads are 3 people; summed in binary floating
        // point they give 3.0000000000000004, which a plain ceiling would count as 4 (with
        // N = 4, a group of three shown).
        let sum: f64 = 0.6 + 2.2 + 0.2;
        assert!(sum > 3.0 && sum.ceil() == 4.0, "{sum:?}");
        assert_eq!(turnover_people(true, sum, 0), 3);
        assert_eq!(turnover_people(true, 0.4 + 3.7 + 0.9, 1), 5);
        // The tolerance is 10⁻⁹ of a head: anything visibly above a whole number is rounded up,
        // a fraction of a head is one person, and more leavers than heads count as the leavers.
        assert_eq!(turnover_people(true, 3.000_001, 0), 4);
        assert_eq!(turnover_people(true, 3.0 + 2e-9, 0), 4);
        assert_eq!(turnover_people(true, 3.0 + 1e-10, 0), 3);
        assert_eq!(turnover_people(true, 3.0, 0), 3);
        assert_eq!(turnover_people(true, 0.6, 0), 1);
        assert_eq!(turnover_people(true, 0.8, 4), 4);
        assert_eq!(turnover_people(true, 0.0, 0), 0);
        assert_eq!(turnover_people(true, f64::NAN, 2), 2);
        assert_eq!(turnover_people(false, 9.0, 2), 0);
    }

    #[test]
    fn a_unit_is_compared_with_the_rest_of_the_organisation() {
        // Organisation: 100 respondents, every EX question 60 of 100 favourable, eNPS 50
        // promoters / 30 passives / 20 detractors. Unit: 20 respondents, 16 of 20 favourable,
        // eNPS 10 / 5 / 5. The rest: 44 of 80 = 55 on every question, eNPS 40 / 25 / 15.
        // Index: pooled (16 + 44)/100 = 0.6; z = (0.80 − 0.55)/√(0.6·0.4·(1/20 + 1/80))
        // = 0.25/√0.015 = 2.0412 (p = 0.0412); the difference shown is 80 − 55 = +25,
        // not 80 − 60.
        let framework = Framework::default_six();
        let ex = vec![
            totals(
                100,
                [10, 10, 20, 30, 30],
                [20, 0, 0, 0, 0, 0, 0, 30, 0, 50, 0],
            ),
            totals(20, [1, 1, 2, 8, 8], [5, 0, 0, 0, 0, 0, 0, 5, 0, 10, 0]),
        ];
        let cx: Vec<CxTotals> = (0..2)
            .map(|_| CxTotals {
                responses: 0,
                nps: Answers::zero(11),
                items: (0..12).map(|_| Answers::zero(5)).collect(),
            })
            .collect();
        let published: Vec<Published> = (0..2)
            .map(|_| Published {
                items: vec![true; 12],
                enps: true,
                turnover: true,
            })
            .collect();
        let asked = vec![true; 12];
        let results: Vec<UnitResult> = (0..2)
            .map(|u| UnitResult {
                ex_visibility: Visibility::Shown,
                invited_without_answers: None,
                ex: Some(ex_stats(&framework, &ex[u], &published[u], &asked)),
                cx: None,
                cx_below_minimum: false,
            })
            .collect();
        let [index, cx_index, enps, nps] =
            against_rest(&framework, &ex, &cx, [&asked, &asked], &results, 1);
        let index = index.unwrap();
        assert!(
            (index.difference - 25.0).abs() < 1e-9,
            "{}",
            index.difference
        );
        assert!(
            (index.z - 0.25 / 0.015f64.sqrt()).abs() < 1e-9,
            "{}",
            index.z
        );
        assert!(index.p_value < 0.05);
        assert_eq!((cx_index, nps), (None, None), "no customers answered");
        // eNPS: unit +25 against the rest's (40 − 15)/80 = +31.25.
        let enps = enps.unwrap();
        assert!((enps.difference - (25.0 - 31.25)).abs() < 1e-9);
        let rest = stats::net_score(&[15, 0, 0, 0, 0, 0, 0, 25, 0, 40, 0]).unwrap();
        let group = stats::net_score(&[5, 0, 0, 0, 0, 0, 0, 5, 0, 10, 0]).unwrap();
        assert_eq!(enps, stats::net_score_change(&rest, &group).unwrap());
        // The organisation is not compared with itself.
        assert_eq!(
            against_rest(&framework, &ex, &cx, [&asked, &asked], &results, 0),
            [None; 4]
        );
    }

    #[test]
    fn verdicts_of_a_period_share_one_false_discovery_control() {
        let change = |p: f64| Change {
            difference: 1.0,
            z: 2.0,
            p_value: p,
            before: 0.0,
            after: 1.0,
        };
        // Four verdicts: p = 0.01, 0.04, 0.03 and 0.5. BH: sorted 0.01, 0.03, 0.04, 0.5 →
        // 4·0.01/1 = 0.04, 4·0.03/2 = 0.06, 4·0.04/3 = 0.0533, 0.5 → running minimum from
        // the top: 0.04, 0.0533, 0.0533, 0.5. Three of the four were "p < 0.05"; one stays clear.
        let mut units = vec![UnitComparisons::default(), UnitComparisons::default()];
        units[0].vs_previous[0] = Some(unadjusted(change(0.01)));
        units[0].vs_rest[2] = Some(unadjusted(change(0.04)));
        units[1].vs_previous[3] = Some(unadjusted(change(0.03)));
        units[1].vs_rest[1] = Some(unadjusted(change(0.5)));
        // Nothing is clear before the control, whatever its raw p.
        assert!(!units[0].vs_previous[0].unwrap().clear);
        control_false_discoveries(&mut units);
        let q = |c: Option<Comparison>| c.unwrap().q_value;
        assert!((q(units[0].vs_previous[0]) - 0.04).abs() < 1e-15);
        assert!((q(units[0].vs_rest[2]) - 0.16 / 3.0).abs() < 1e-15);
        assert!((q(units[1].vs_previous[3]) - 0.16 / 3.0).abs() < 1e-15);
        assert!((q(units[1].vs_rest[1]) - 0.5).abs() < 1e-15);
        let clear: Vec<bool> = [
            units[0].vs_previous[0],
            units[0].vs_rest[2],
            units[1].vs_previous[3],
        ]
        .iter()
        .map(|c| c.unwrap().clear)
        .collect();
        assert_eq!(clear, [true, false, false]);
    }

    #[test]
    fn ranks_share_places_for_ties_and_overlapping_intervals() {
        assert_eq!(competition_ranks(&["71", "64", "64", "60"]), [1, 2, 2, 4]);
        let ranks = competition_ranks(&[9, 8, 8, 8, 2]);
        let labels: Vec<String> = (0..5).map(|i| rank_label(&ranks, i)).collect();
        assert_eq!(labels, ["1", "=2", "=2", "=2", "5"]);
        use crate::stats::Interval;
        let driver = |f: usize, r: f64, low: f64, high: f64| {
            (
                f,
                Correlation {
                    n: 24,
                    r,
                    interval: Some(Interval { low, high }),
                    p_value: 0.01,
                },
            )
        };
        // A's interval lies wholly above C's, B overlaps both: A and B share first place, C is
        // below A only (one driver clearly stronger) and so is second.
        let drivers = [
            driver(0, 0.8, 0.6, 0.9),
            driver(1, 0.6, 0.3, 0.8),
            driver(2, 0.3, -0.1, 0.55),
        ];
        assert_eq!(driver_ranks(&drivers), [1, 1, 2]);
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
