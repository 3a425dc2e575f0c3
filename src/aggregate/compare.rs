//! Changes: each unit against the previous period and against the rest of the organisation,
//! and the false-discovery control over each period's verdicts.

use super::*;

/// Each unit's change from the previous period, and the false-discovery control over each
/// period's verdicts: the steps that need two periods' figures, after every period is analysed.
pub(super) fn compare_periods(site: &Site, periods: &mut [PeriodAnalysis]) {
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

/// A test result before the false-discovery control of its period, which sets its q-value and
/// verdict ([`control_false_discoveries`]). Until then it is not clear (q = 1): a verdict that
/// missed the control would read "within chance variation", never a raw p below 0.05.
pub(super) fn unadjusted(change: Change) -> Comparison {
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
pub(super) fn against_rest(
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
