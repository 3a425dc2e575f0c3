//! Survey anonymity: which EX groups of one period may be published.
//!
//! The organisation is a tree of units: the organisation itself is the root, then regions, then
//! teams. Each unit carries its number of EX respondents for the period; results are entered for the
//! leaves and an inner unit's number is the sum of its children's. [`suppress`] decides, unit by
//! unit, whether its numbers may be shown. It runs separately for every period, because different
//! periods are different respondents.
//!
//! # Rules
//!
//! With `t` the anonymity threshold (`anonymity_threshold` in `kolikko.yaml`):
//!
//! 1. **No data**: a unit with 0 responses is [`Visibility::NoData`]. There is nothing to show and
//!    nothing to protect, so it never counts as hidden below.
//! 2. **Below threshold**: a unit with `0 < responses < t` is [`Visibility::BelowThreshold`].
//!    A unit with exactly `t` responses is shown.
//! 3. **Differencing**: a shown unit's total minus its shown children's totals is the total of its
//!    hidden children. For every shown unit, let `H` be its hidden children with data. If
//!    [`needs_complement`] says their sizes could be worked out (sum below `t`, a single one, all of
//!    size 1, all of size `t − 1`, or `t − 1` or more of them), or their ranges (below) would fix
//!    them, the **last-listed** shown child is hidden as [`Visibility::Complementary`]. The choice
//!    ignores sizes: choosing the smallest told the reader the hidden child was no larger than its
//!    shown siblings. A protector had at least `t`, which a reader who knows the rule knows, so
//!    while the ranges with it still fix the hidden children, the next last-listed shown child
//!    protects too; with none left, the unit itself is hidden (and rule 5's repeat follows).
//! 4. **Whole subtrees**: every unit below a hidden unit is hidden too ([`Visibility::HiddenParent`]),
//!    unless it has its own reason (rule 1 or 2). Otherwise the published totals of a
//!    complementary-hidden region's teams would add up to the region again.
//! 5. **All children hidden**: a shown unit whose children with data are all hidden for their own
//!    reasons, and whose total is exactly theirs, is hidden too (`Complementary`), and the pass is
//!    repeated so its parent protects it. Each repeat climbs one level: at most depth + 1 passes,
//!    each O(n).
//!
//! # Why this is enough
//!
//! "Totals" here are any additive figure (responses, answer counts per scale point), so the
//! argument covers averages too. Call a hidden child of a shown unit a *hidden top*. A shown
//! unit's total is the sum of its shown children and its hidden tops, and every hidden unit lies
//! under exactly one hidden top (rule 4; a NoData unit is a known zero and changes nothing). So the
//! published totals determine, for each shown unit, the sum of its hidden tops — and nothing
//! finer. That sum is 0 or covers at least `t` respondents in at least two hidden units (rule 3).
//!
//! For sizes, each hidden top lies in a range read off the tree: at least 1 per team with data in
//! it and at least `t` when it has `t` or more (it is hidden only to protect or by rule 5), at most
//! `t − 1` per team when all of them are below `t`, and in a question's or the eNPS answers'
//! table at most its published responses. The published sum of several such ranges fixes one of
//! them (and so the teams inside) only if the sum sits at an end of the summed range, or all the
//! others are fixed already (at most one range wider than one value): rule 3 hides one more then,
//! and again while that holds. The test is one pass over the children, O(n) like the rest. Sizes
//! are checked by exhaustive readers in the tests (see docs/method.md for what they cover and what
//! no threshold rule can protect).

/// One unit of the tree for one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupSize {
    /// Index of the parent unit; it must be smaller than the unit's own index. The root (the
    /// organisation, index 0) has `None`.
    pub parent: Option<usize>,
    /// Number of EX respondents in the unit (for an inner unit, the sum over its children).
    pub responses: u64,
}

/// Whether a unit's numbers may be published, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// The unit's numbers may be published.
    Shown,
    /// Nobody answered: nothing to show, nothing to protect.
    NoData,
    /// Fewer responses than the anonymity threshold.
    BelowThreshold,
    /// Enough responses, but hidden so that a hidden sibling cannot be derived by subtraction.
    Complementary,
    /// Enough responses, but hidden because a unit above it is hidden.
    HiddenParent,
}

impl Visibility {
    /// True only for [`Visibility::Shown`]: the unit's numbers may be published.
    pub fn is_shown(self) -> bool {
        self == Visibility::Shown
    }

    /// True when the unit has responses that must not be published (any reason except
    /// [`Visibility::NoData`]).
    pub fn is_hidden(self) -> bool {
        matches!(
            self,
            Visibility::BelowThreshold | Visibility::Complementary | Visibility::HiddenParent
        )
    }
}

/// Decides the visibility of every unit of one period (see the module documentation for the
/// rules). The result has one entry per entry of `groups`, in the same order.
///
/// # Panics
///
/// If a unit's parent index is not smaller than its own index.
pub fn suppress(groups: &[GroupSize], threshold: u64) -> Vec<Visibility> {
    suppress_measure(groups, threshold, &[])
}

/// The same rules for one published measure whose counts differ from the unit's responses: an
/// item's answered n (others chose "not applicable"), the eNPS answers, a turnover's headcount.
/// `forced` is the units' own visibility (from [`suppress`]); a unit hidden there stays hidden
/// here, with its count for this measure still counting as hidden in rule 3. An empty `forced`
/// forces nothing.
///
/// Each published measure is a table of its own: the rules make sure no subtraction *within*
/// that table reveals a hidden group, and indices built on top of it (the EX index is a mean of
/// item shares) use only the items shown at that unit, so they add nothing a reader could not
/// already compute.
pub fn suppress_measure(
    groups: &[GroupSize],
    threshold: u64,
    forced: &[Visibility],
) -> Vec<Visibility> {
    suppress_within(groups, threshold, forced, &[])
}

/// [`suppress_measure`] for a measure that counts some of a unit's respondents (a question's
/// answers, the eNPS answers): a unit's count is at most its `responses`, which are published
/// wherever the unit is shown in the responses' table, so a reader can bound a hidden count by
/// them from above. Rule 3 then also asks whether the hidden children are all at their largest.
pub fn suppress_answers(
    groups: &[GroupSize],
    threshold: u64,
    forced: &[Visibility],
    responses: &[u64],
) -> Vec<Visibility> {
    suppress_within(groups, threshold, forced, responses)
}

/// The rules, with `ceiling` (empty or one entry per unit) the published upper bound of each
/// unit's count where `forced` shows it.
fn suppress_within(
    groups: &[GroupSize],
    threshold: u64,
    forced: &[Visibility],
    ceiling: &[u64],
) -> Vec<Visibility> {
    let n = groups.len();

    // Children lists in one flat array (compressed sparse rows), in index order.
    let mut start = vec![0usize; n + 1];
    for (i, g) in groups.iter().enumerate() {
        if let Some(p) = g.parent {
            assert!(
                p < i,
                "unit {i} has parent {p}; a parent must come before its children"
            );
            start[p + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut children = vec![0usize; start[n]];
    for (i, g) in groups.iter().enumerate() {
        if let Some(p) = g.parent {
            children[fill[p]] = i;
            fill[p] += 1;
        }
    }

    // Rules 1 and 2: each unit's own reason (or the reason it is forced hidden).
    let own: Vec<Visibility> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| match (g.responses, forced.get(i)) {
            (_, Some(&v)) if v.is_hidden() => v,
            (0, _) => Visibility::NoData,
            (r, _) if r < threshold => Visibility::BelowThreshold,
            _ => Visibility::Shown,
        })
        .collect();

    // Rule 5 can hide a shown unit whose children are all hidden; its parent must then be checked
    // again, so the pass repeats. Each repeat starts one level higher, so there are at most
    // depth + 1 passes.
    // Each unit's teams with data (an inner unit whose children have none counts as one): a
    // hidden unit has at least one respondent in each, a lower bound anyone can read off the tree.
    let mut leaves = vec![0u64; n];
    for i in (0..n).rev() {
        if leaves[i] == 0 && groups[i].responses > 0 {
            leaves[i] = 1;
        }
        if let Some(p) = groups[i].parent {
            leaves[p] += leaves[i];
        }
    }

    let mut upward = vec![false; n];
    loop {
        let mut vis = own.clone();
        for i in 0..n {
            if upward[i] {
                vis[i] = Visibility::Complementary;
            }
        }
        // Whether each unit has fewer than `t` in every one of its teams: below the threshold
        // itself, or hidden by rule 5 (in this table) with only such children. Any other unit
        // of `t` or more (in a measure's table, one forced hidden) may be of any size.
        let mut capped = vec![true; n];
        let mut kids_capped = vec![true; n];
        for i in (0..n).rev() {
            capped[i] = groups[i].responses < threshold || (upward[i] && kids_capped[i]);
            if let Some(p) = groups[i].parent
                && groups[i].responses > 0
            {
                kids_capped[p] &= capped[i];
            }
        }
        let mut changed = false;
        // Parents come before children, so when unit `i` is reached its parent is final, and its
        // children still carry only their own reason (only `i` itself marks them).
        for i in 0..n {
            // Rule 4.
            if let Some(p) = groups[i].parent
                && vis[p].is_hidden()
                && vis[i] == Visibility::Shown
            {
                vis[i] = Visibility::HiddenParent;
            }
            if vis[i] != Visibility::Shown {
                continue;
            }
            // Rule 3. The children of a shown unit are Shown, NoData, BelowThreshold or forced
            // hidden here; every hidden one with data counts.
            let kids = &children[start[i]..start[i + 1]];
            // What a reader can say of each hidden child's count (see [`Range`]).
            let range = |c: usize| {
                let forced_here = forced.get(c).is_some_and(|v| v.is_hidden());
                Range {
                    // 1 per team, and `t` for a child of `t` or more hidden in this table only
                    // (one forced hidden may have any count here, even 0).
                    fewest: if forced_here {
                        leaves[c]
                    } else {
                        lowest(groups[c].responses, leaves[c], threshold)
                    },
                    // `t − 1` per team when it has fewer than `t` in every team; in a measure's
                    // table, at most its responses where they are published.
                    most: match (
                        capped[c].then(|| leaves[c].saturating_mul(threshold - 1)),
                        ceiling.get(c).filter(|_| !forced_here).copied(),
                    ) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    },
                }
            };
            let (mut sum, mut count) = (Sums::NONE, 0u64);
            for &c in kids {
                if vis[c].is_hidden() && groups[c].responses > 0 {
                    sum.add(groups[c].responses, range(c));
                    count += 1;
                }
            }
            let hidden = sum.count;
            let last_shown = kids.iter().rev().find(|&&c| vis[c] == Visibility::Shown);
            // Rule 5: every child with data is hidden for its own reason and this unit's total
            // is exactly theirs. (Hiding it only when their sizes would be pinned would say so.)
            // (A total above the children's sum, respondents without a team, publishes nothing
            // more than it.)
            let needed = needs_complement(hidden, count, threshold) || (hidden > 0 && sum.pinned());
            // In a measure's table, children all hidden by the units' own table (where this unit
            // stayed shown) are that table's decision, already protected there.
            let decided = !forced.is_empty()
                && kids
                    .iter()
                    .all(|&c| groups[c].responses == 0 || forced[c].is_hidden());
            if !decided && last_shown.is_none() && hidden > 0 && hidden == groups[i].responses {
                upward[i] = true;
                changed = true;
                continue;
            }
            // Rule 3: the last-listed shown child; the choice says nothing about its size. A
            // reader who knows the rule knows a protector has at least `t` (it was shown), and
            // in a measure's table at most its published responses: while that pins the hidden
            // children, the next last-listed shown child protects too. With none left, this
            // unit is hidden.
            if needed {
                // What the reader can subtract: the hidden children and any respondents of this
                // unit outside every child (at least 0, with no upper bound).
                let in_kids: u64 = kids.iter().map(|&c| groups[c].responses).sum();
                let outside = groups[i].responses.saturating_sub(in_kids);
                if outside > 0 {
                    sum.add(
                        outside,
                        Range {
                            fewest: 0,
                            most: None,
                        },
                    );
                }
                let mut protectors = 0;
                for &c in kids.iter().rev() {
                    if protectors > 0 && !sum.pinned() {
                        break;
                    }
                    if vis[c] == Visibility::Shown {
                        vis[c] = Visibility::Complementary;
                        sum.add(groups[c].responses, range(c));
                        protectors += 1;
                    }
                }
                // (In a measure's table, children all forced hidden may have answered it 0
                // times, so nothing is pinned there that the units' table did not protect.)
                if sum.pinned() && !decided {
                    upward[i] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return vis;
        }
    }
}

/// What a reader who knows the rules can say of one hidden child's count: at least `fewest`,
/// at most `most` (None: no upper bound).
#[derive(Clone, Copy)]
struct Range {
    fewest: u64,
    most: Option<u64>,
}

/// The hidden children of one shown unit together: their count (which the reader can
/// subtract), the sums of their ranges, and how many of them have more than one possible count.
struct Sums {
    count: u64,
    fewest: u64,
    most: Option<u64>,
    loose: u64,
}

impl Sums {
    const NONE: Sums = Sums {
        count: 0,
        fewest: 0,
        most: Some(0),
        loose: 0,
    };

    fn add(&mut self, count: u64, range: Range) {
        self.count = self.count.saturating_add(count);
        self.fewest = self.fewest.saturating_add(range.fewest);
        self.most = self.most.zip(range.most).map(|(a, b)| a.saturating_add(b));
        self.loose += u64::from(range.most != Some(range.fewest));
    }

    /// Whether the published difference fixes every one of them: it is at the end of the
    /// summed range, or at most one of them could have more than one count.
    fn pinned(&self) -> bool {
        self.count <= self.fewest || self.most == Some(self.count) || self.loose < 2
    }
}

/// Rule 3's test on the hidden children of one shown unit: `hidden` respondents in `count`
/// hidden children with data. A complement is needed when the published totals would pin them:
/// their sum is below the threshold, or one hidden child would be the whole difference, or every one of them must be at the smallest (1) or
/// largest (`threshold − 1`) size a group below the threshold can have, or there are so many
/// that "together below the threshold" would leave them only one size each.
pub fn needs_complement(hidden: u64, count: u64, threshold: u64) -> bool {
    hidden > 0
        && (hidden < threshold
            || count == 1
            || hidden == count
            || hidden == count.saturating_mul(threshold - 1)
            || count + 1 >= threshold)
}

/// The fewest respondents a reader who knows the rules can give a hidden group of `responses`
/// with `teams` teams with data: 1 per team, and `threshold` when it has that many (it is hidden
/// to protect, or because all its teams are hidden, and a group of `threshold` or more is hidden
/// only for such a reason). Counting a group of `threshold` or more at `threshold` is safe even
/// when a reader cannot tell it from a small one: a reader's bound is never above this one.
pub fn lowest(responses: u64, teams: u64, threshold: u64) -> u64 {
    if responses >= threshold {
        teams.max(threshold)
    } else {
        teams
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Visibility::{BelowThreshold, Complementary, HiddenParent, NoData, Shown};
    use super::*;
    use proptest::prelude::*;

    /// Builds groups from `(parent, responses)` pairs.
    fn tree(spec: &[(Option<usize>, u64)]) -> Vec<GroupSize> {
        spec.iter()
            .map(|&(parent, responses)| GroupSize { parent, responses })
            .collect()
    }

    /// For each unit, whether some unit has it as its parent.
    fn has_children(groups: &[GroupSize]) -> Vec<bool> {
        let mut has_child = vec![false; groups.len()];
        for g in groups {
            if let Some(p) = g.parent {
                has_child[p] = true;
            }
        }
        has_child
    }

    // ---- hand cases ----

    #[test]
    fn small_team_beside_a_larger_one_hides_both() {
        // org 0 — region 1 (13) — teams 2 (3) and 3 (10); a second region keeps the org apart.
        let g = tree(&[
            (None, 33),
            (Some(0), 13),
            (Some(1), 3),
            (Some(1), 10),
            (Some(0), 20),
        ]);
        assert_eq!(
            suppress(&g, 5),
            [Shown, Shown, BelowThreshold, Complementary, Shown]
        );
    }

    #[test]
    fn two_small_teams_together_below_threshold_hide_a_large_sibling() {
        let g = tree(&[(None, 24), (Some(0), 2), (Some(0), 2), (Some(0), 20)]);
        assert_eq!(
            suppress(&g, 5),
            [Shown, BelowThreshold, BelowThreshold, Complementary]
        );
    }

    #[test]
    fn small_teams_together_at_threshold_leave_siblings_shown() {
        let g = tree(&[(None, 26), (Some(0), 3), (Some(0), 3), (Some(0), 20)]);
        assert_eq!(
            suppress(&g, 5),
            [Shown, BelowThreshold, BelowThreshold, Shown]
        );
    }

    #[test]
    fn complementary_region_hides_its_large_teams() {
        // org 0 (23): team 1 (3) directly under the org, region 2 (20) with teams 3 (12) and 4 (8).
        let g = tree(&[
            (None, 23),
            (Some(0), 3),
            (Some(0), 20),
            (Some(2), 12),
            (Some(2), 8),
        ]);
        assert_eq!(
            suppress(&g, 5),
            [
                Shown,
                BelowThreshold,
                Complementary,
                HiddenParent,
                HiddenParent
            ]
        );
    }

    #[test]
    fn own_reason_wins_below_a_hidden_unit() {
        // Region 2 is complementary; its team 3 is small on its own, team 4 has no data.
        let g = tree(&[
            (None, 24),
            (Some(0), 3),
            (Some(0), 21),
            (Some(2), 4),
            (Some(2), 0),
            (Some(2), 17),
        ]);
        assert_eq!(
            suppress(&g, 5),
            [
                Shown,
                BelowThreshold,
                Complementary,
                BelowThreshold,
                NoData,
                HiddenParent
            ]
        );
    }

    #[test]
    fn no_data_children_trigger_nothing() {
        let g = tree(&[(None, 20), (Some(0), 0), (Some(0), 0), (Some(0), 20)]);
        assert_eq!(suppress(&g, 5), [Shown, NoData, NoData, Shown]);
    }

    #[test]
    fn threshold_edge() {
        // Exactly at the threshold is shown.
        let g = tree(&[(None, 10), (Some(0), 5), (Some(0), 5)]);
        assert_eq!(suppress(&g, 5), [Shown, Shown, Shown]);
        assert_eq!(suppress(&tree(&[(None, 5)]), 5), [Shown]);
        assert_eq!(suppress(&tree(&[(None, 5)]), 6), [BelowThreshold]);
        // One below: the 4 is hidden, and the 5 beside it too.
        let g = tree(&[(None, 9), (Some(0), 5), (Some(0), 4)]);
        assert_eq!(suppress(&g, 5), [Shown, Complementary, BelowThreshold]);
    }

    #[test]
    fn the_last_listed_shown_sibling_protects_whatever_its_size() {
        let g = tree(&[(None, 23), (Some(0), 3), (Some(0), 10), (Some(0), 10)]);
        assert_eq!(
            suppress(&g, 5),
            [Shown, BelowThreshold, Shown, Complementary]
        );
        // Not the smallest: choosing by size would tell the reader it is at most its siblings.
        let g = tree(&[(None, 24), (Some(0), 6), (Some(0), 3), (Some(0), 15)]);
        assert_eq!(
            suppress(&g, 5),
            [Shown, Shown, BelowThreshold, Complementary]
        );
    }

    #[test]
    fn hidden_pairs_that_the_totals_would_pin_get_a_complement() {
        // Two teams of 4 (t = 5): 8 hidden, each below 5, so each must be 4.
        let g = tree(&[(None, 28), (Some(0), 4), (Some(0), 4), (Some(0), 20)]);
        assert_eq!(
            suppress(&g, 5),
            [Shown, BelowThreshold, BelowThreshold, Complementary]
        );
        // Five teams of 1: 5 hidden in five teams, each must be 1.
        let mut spec = vec![(None, 25)];
        spec.extend([(Some(0), 1); 5]);
        spec.push((Some(0), 20));
        let vis = suppress(&tree(&spec), 5);
        assert_eq!(vis[6], Complementary);
        // A region whose teams are all hidden publishes their sum: the region goes too, and the
        // organisation protects it like any hidden child.
        let g = tree(&[
            (None, 28),
            (Some(0), 8),
            (Some(1), 4),
            (Some(1), 4),
            (Some(0), 20),
        ]);
        assert_eq!(
            suppress(&g, 5),
            [
                Shown,
                Complementary,
                BelowThreshold,
                BelowThreshold,
                Complementary
            ]
        );
    }

    /// Issue 8's leak in the example, 2025-Q2: the organisation's 277 minus the shown teams' 265
    /// left Pispala + Hatanpää = 12; Pispala "fewer than 5" and Hatanpää (chosen as the smallest
    /// shown sibling, listed after Lielahti's 8) at most 8 gave Pispala = 4 and Hatanpää = 8.
    #[test]
    fn pispala_and_hatanpaa_sizes_are_not_pinned() {
        // Tampere region: Hervanta 13, Pispala 4, Kaleva 11, Tesoma 9, Lielahti 8, Hatanpää 8.
        let spec = [
            (None, 53),
            (Some(0), 53),
            (Some(1), 13),
            (Some(1), 4),
            (Some(1), 11),
            (Some(1), 9),
            (Some(1), 8),
            (Some(1), 8),
        ];
        let g = tree(&spec);
        let vis = suppress(&g, 5);
        assert_eq!(vis[3], BelowThreshold);
        assert!(vis[7].is_hidden());
        for (unit, sizes) in possible_sizes(&g, 5, 20) {
            assert!(sizes.len() >= 2, "unit {unit}: only {sizes:?} possible");
        }
    }

    /// The nested leak (N = 4): region 1 has teams of 3 and 3 (both hidden, so the region is
    /// hidden by rule 5), region 4 one team of 3, and team 6 of 4 is shown. The organisation's 13
    /// minus 4 leaves 9 for the two hidden regions, and with every hidden team between 1 and 3,
    /// 9 = 3 + 3 + 3 fixes all three teams. A flat count of the hidden children (two, so at most
    /// 2 × 3 = 6 if each were one small team) did not see it.
    #[test]
    fn hidden_regions_at_their_small_teams_bound_get_a_complement() {
        let g = tree(&[
            (None, 13),
            (Some(0), 6),
            (Some(1), 3),
            (Some(1), 3),
            (Some(0), 3),
            (Some(4), 3),
            (Some(0), 4),
        ]);
        let vis = suppress(&g, 4);
        assert_eq!(vis[6], Complementary, "{vis:?}");
        assert_eq!(pinned_units(&g, 4, 16, (&[], &[])), []);
        // The lower bound (N = 5): regions of three and two teams of 1 each (both below N,
        // hidden) beside a shown team: 5 hidden in five teams, each at least 1, fixes them all.
        let g = tree(&[
            (None, 15),
            (Some(0), 3),
            (Some(1), 1),
            (Some(1), 1),
            (Some(1), 1),
            (Some(0), 2),
            (Some(5), 1),
            (Some(5), 1),
            (Some(0), 10),
        ]);
        let vis = suppress(&g, 5);
        assert_eq!(vis[8], Complementary, "{vis:?}");
        assert_eq!(pinned_units(&g, 5, 8, (&[], &[])), []);
    }

    /// The same leak in an item's table: every team is shown, but only 3, 3, 3 and 4 of them
    /// answered the item (the rest "not applicable"), in the shape above.
    #[test]
    fn teams_of_one_beside_a_protector_of_exactly_the_threshold_are_not_pinned() {
        // At t = 4: organisation 10 = region 2 (teams of 1 and 1) + team S 4 + team P 4. The
        // region alone is protected by P, the last-listed shown team; but a reader who knows P
        // was shown (at least 4) and each team has at least 1 reads 10 − 4 = 6 = 1 + 1 + 4.
        let g = tree(&[
            (None, 10),
            (Some(0), 2),
            (Some(1), 1),
            (Some(1), 1),
            (Some(0), 4),
            (Some(0), 4),
        ]);
        let pinned = pinned_units(&g, 4, reader_bound(&g, 4, &[]), (&[], &[]));
        assert!(
            pinned.is_empty(),
            "pinned {pinned:?}: {:?}",
            suppress(&g, 4)
        );
    }

    #[test]
    fn a_protectors_published_responses_bound_its_answers() {
        // At t = 4: region R (9 responses, 7 answers) = team A (5, 3) + team B (4, 4), beside
        // team S (10, 10). In the answers' table A is below 4 and B, the last-listed, protects
        // it; but B's 4 responses are published, so A + B = 7 with A at most 3 and B at most 4
        // pins both. Without that bound in the rule, R's answers stay published.
        let units = tree(&[
            (None, 19),
            (Some(0), 9),
            (Some(1), 5),
            (Some(1), 4),
            (Some(0), 10),
        ]);
        let answers = tree(&[
            (None, 17),
            (Some(0), 7),
            (Some(1), 3),
            (Some(1), 4),
            (Some(0), 10),
        ]);
        let vis = suppress(&units, 4);
        assert!(vis.iter().all(|v| v.is_shown()));
        let responses: Vec<u64> = units.iter().map(|g| g.responses).collect();
        assert!(suppress_measure(&answers, 4, &vis)[1].is_shown());
        let capped = suppress_answers(&answers, 4, &vis, &responses);
        assert_eq!(
            capped,
            [
                Shown,
                Complementary,
                BelowThreshold,
                HiddenParent,
                Complementary
            ]
        );
        let invited = [0, 0, 6, 5, 12];
        assert_eq!(combined_pinned(&units, &answers, &invited, 4), []);
    }

    #[test]
    fn the_nested_bound_holds_in_a_measure_table() {
        let spec = |a, b, c, d| {
            [
                (None, a + b + c + d),
                (Some(0), a + b),
                (Some(1), a),
                (Some(1), b),
                (Some(0), c),
                (Some(4), c),
                (Some(0), d),
            ]
        };
        let units = suppress(&tree(&spec(10, 10, 10, 10)), 4);
        assert!(units.iter().all(|v| v.is_shown()));
        let item = tree(&spec(3, 3, 3, 4));
        let vis = suppress_measure(&item, 4, &units);
        assert_eq!(vis[6], Complementary, "{vis:?}");
        assert_eq!(pinned_units(&item, 4, 12, (&units, &[])), []);
    }

    #[test]
    fn small_organisation_hides_everything() {
        let g = tree(&[
            (None, 4),
            (Some(0), 4),
            (Some(1), 3),
            (Some(1), 1),
            (Some(0), 0),
        ]);
        assert_eq!(
            suppress(&g, 5),
            [
                BelowThreshold,
                BelowThreshold,
                BelowThreshold,
                BelowThreshold,
                NoData
            ]
        );
    }

    #[test]
    fn empty_input() {
        assert!(suppress(&[], 5).is_empty());
    }

    #[test]
    #[should_panic(expected = "parent must come before")]
    fn parent_after_child_panics() {
        suppress(&tree(&[(None, 10), (Some(2), 5), (Some(0), 5)]), 5);
    }

    #[test]
    fn visibility_predicates() {
        assert!(Shown.is_shown() && !Shown.is_hidden());
        assert!(!NoData.is_shown() && !NoData.is_hidden());
        for v in [BelowThreshold, Complementary, HiddenParent] {
            assert!(!v.is_shown() && v.is_hidden());
        }
    }

    #[test]
    fn large_trees_are_fast() {
        // A 200,000-deep chain and a 200,000-wide star: linear time, no recursion.
        let n: usize = 200_000;
        let chain: Vec<GroupSize> = (0..n)
            .map(|i| GroupSize {
                parent: i.checked_sub(1),
                responses: 10,
            })
            .collect();
        assert!(suppress(&chain, 5).iter().all(|v| v.is_shown()));
        let mut star = vec![GroupSize {
            parent: None,
            responses: 0,
        }];
        star.extend((1..n).map(|i| GroupSize {
            parent: Some(0),
            responses: (i % 9) as u64,
        }));
        star[0].responses = star.iter().map(|g| g.responses).sum();
        let vis = suppress(&star, 5);
        // So many hidden teams that rule 3 asks for one complement: the last-listed shown team.
        assert_eq!(vis.iter().filter(|v| **v == Complementary).count(), 1);
        let last_large = (1..n).rev().find(|&i| star[i].responses >= 5).unwrap();
        assert_eq!(vis[last_large], Complementary);
    }

    // ---- the derivability check ----

    /// Rows in echelon form over the integers (each row reduced by the gcd of its entries), enough
    /// for exact membership tests in the rational row space.
    #[derive(Default)]
    pub(crate) struct Echelon {
        rows: Vec<(usize, Vec<i128>)>, // (pivot column, row)
    }

    fn gcd(a: i128, b: i128) -> i128 {
        if b == 0 { a.abs() } else { gcd(b, a % b) }
    }

    impl Echelon {
        /// `v` minus a combination of the rows, zero in every pivot column (after scaling).
        pub(crate) fn reduce(&self, mut v: Vec<i128>) -> Vec<i128> {
            for (c, row) in &self.rows {
                let b = v[*c];
                if b != 0 {
                    let a = row[*c];
                    for (x, r) in v.iter_mut().zip(row) {
                        *x = *x * a - r * b;
                    }
                    let g = v.iter().fold(0, |g, &x| gcd(g, x));
                    if g > 1 {
                        v.iter_mut().for_each(|x| *x /= g);
                    }
                }
            }
            v
        }

        pub(crate) fn insert(&mut self, v: Vec<i128>) {
            let v = self.reduce(v);
            if let Some(c) = v.iter().position(|&x| x != 0) {
                self.rows.push((c, v));
            }
        }

        pub(crate) fn contains(&self, v: Vec<i128>) -> bool {
            self.reduce(v).iter().all(|&x| x == 0)
        }
    }

    /// For each unit, the indicator vector of the leaves under it (a leaf covers itself).
    fn leaf_indicators(groups: &[GroupSize]) -> Vec<Vec<i128>> {
        let n = groups.len();
        let has_child = has_children(groups);
        let leaves: Vec<usize> = (0..n).filter(|&i| !has_child[i]).collect();
        let mut ind = vec![vec![0i128; leaves.len()]; n];
        for (k, &leaf) in leaves.iter().enumerate() {
            let mut u = Some(leaf);
            while let Some(i) = u {
                ind[i][k] = 1;
                u = groups[i].parent;
            }
        }
        ind
    }

    /// The hidden units with data that can be computed exactly from the published totals. Every
    /// leaf's responses are an unknown; the reader knows the total of every shown unit, and (to
    /// be strict) that every NoData unit has 0.
    fn derivable_hidden(groups: &[GroupSize], vis: &[Visibility]) -> Vec<usize> {
        let ind = leaf_indicators(groups);
        let mut published = Echelon::default();
        for (i, v) in vis.iter().enumerate() {
            if matches!(v, Shown | NoData) {
                published.insert(ind[i].clone());
            }
        }
        (0..groups.len())
            .filter(|&i| vis[i].is_hidden() && groups[i].responses > 0)
            .filter(|&i| published.contains(ind[i].clone()))
            .collect()
    }

    /// The shown units whose hidden children with data add up to between 1 and threshold - 1.
    fn small_differences(groups: &[GroupSize], vis: &[Visibility], threshold: u64) -> Vec<usize> {
        (0..groups.len())
            .filter(|&p| vis[p].is_shown())
            .filter(|&p| {
                let h: u64 = (0..groups.len())
                    .filter(|&c| groups[c].parent == Some(p) && vis[c].is_hidden())
                    .map(|c| groups[c].responses)
                    .sum();
                h > 0 && h < threshold
            })
            .collect()
    }

    /// The naive rule: hide only the units below the threshold.
    fn naive(groups: &[GroupSize], threshold: u64) -> Vec<Visibility> {
        groups
            .iter()
            .map(|g| match g.responses {
                0 => NoData,
                r if r < threshold => BelowThreshold,
                _ => Shown,
            })
            .collect()
    }

    #[test]
    fn the_check_catches_the_naive_rule() {
        // Region 13 = team 3 + team 10: with the naive rule, 13 - 10 reveals the team of 3.
        let g = tree(&[
            (None, 33),
            (Some(0), 13),
            (Some(1), 3),
            (Some(1), 10),
            (Some(0), 20),
        ]);
        assert_eq!(derivable_hidden(&g, &naive(&g, 5)), [2]);
        assert_eq!(small_differences(&g, &naive(&g, 5), 5), [1]);
        assert!(derivable_hidden(&g, &suppress(&g, 5)).is_empty());
        // Two hidden teams of 2: each alone cannot be derived, but their sum of 4 can.
        let g = tree(&[(None, 24), (Some(0), 2), (Some(0), 2), (Some(0), 20)]);
        let naive_vis = naive(&g, 5);
        assert!(derivable_hidden(&g, &naive_vis).is_empty());
        assert_eq!(small_differences(&g, &naive_vis, 5), [0]);
    }

    #[test]
    fn the_check_catches_hiding_without_the_subtree() {
        // Region 2 is complementary, but its teams are left shown: 12 + 8 gives the region back,
        // and 23 - 20 gives the team of 3.
        let g = tree(&[
            (None, 23),
            (Some(0), 3),
            (Some(0), 20),
            (Some(2), 12),
            (Some(2), 8),
        ]);
        let mut vis = suppress(&g, 5);
        vis[3] = Shown;
        vis[4] = Shown;
        assert_eq!(derivable_hidden(&g, &vis), [1, 2]);
    }

    #[test]
    fn the_check_sees_across_levels() {
        // Org 30 = region 1 (20: teams 10 + 10) + team 4 (10). Publishing the org, team 2, team 3
        // and team 4 but not region 1 still reveals region 1 = team 2 + team 3.
        let g = tree(&[
            (None, 30),
            (Some(0), 20),
            (Some(1), 10),
            (Some(1), 10),
            (Some(0), 10),
        ]);
        let vis = [Shown, Complementary, Shown, Shown, Shown];
        assert_eq!(derivable_hidden(&g, &vis), [1]);
    }

    /// The rules applied literally and slowly: units from the top down, children found by
    /// scanning every unit, the whole pass repeated while rule 5 hides a unit. For comparison only.
    fn reference(groups: &[GroupSize], threshold: u64) -> Vec<Visibility> {
        let n = groups.len();
        let mut upward: Vec<usize> = Vec::new();
        loop {
            let mut vis = naive(groups, threshold);
            for &u in &upward {
                vis[u] = Complementary;
            }
            let mut grew = false;
            for p in 0..n {
                if let Some(q) = groups[p].parent
                    && vis[q].is_hidden()
                    && vis[p] == Shown
                {
                    vis[p] = HiddenParent;
                }
                if vis[p] != Shown {
                    continue;
                }
                let kids: Vec<usize> = (0..n).filter(|&c| groups[c].parent == Some(p)).collect();
                let own: Vec<usize> = kids
                    .iter()
                    .copied()
                    .filter(|&c| vis[c].is_hidden() && groups[c].responses > 0)
                    .collect();
                let h: u64 = own.iter().map(|&c| groups[c].responses).sum();
                let k = own.len() as u64;
                let t = threshold;
                // Teams with data below the hidden children, and whether all of them are below t.
                let teams: u64 = own.iter().map(|&c| teams_below(groups, c)).sum();
                let small = own.iter().all(|&c| all_teams_small(groups, t, &upward, c));
                // The fewest respondents each hidden child can have: 1 per team, and t when it
                // has t or more.
                let least = |c: usize| {
                    let teams = teams_below(groups, c);
                    if groups[c].responses >= t {
                        teams.max(t)
                    } else {
                        teams
                    }
                };
                let mut low: u64 = own.iter().map(|&c| least(c)).sum();
                let pinned = h > 0
                    && (h < t
                        || k == 1
                        || h == k
                        || h == k * (t - 1)
                        || k + 1 >= t
                        || h == low
                        || (small && h == teams * (t - 1)));
                let last = kids.iter().rev().find(|&&c| vis[c] == Shown);
                if last.is_none() && h > 0 && h == groups[p].responses {
                    upward.push(p);
                    grew = true;
                } else if pinned {
                    // Protectors from the end of the list while every hidden child is at its
                    // fewest; the unit itself when none is left.
                    let in_kids: u64 = kids.iter().map(|&c| groups[c].responses).sum();
                    let mut d = h + groups[p].responses - in_kids;
                    let shown: Vec<usize> = kids
                        .iter()
                        .rev()
                        .copied()
                        .filter(|&c| vis[c] == Shown)
                        .collect();
                    for (j, &c) in shown.iter().enumerate() {
                        if j > 0 && d > low {
                            break;
                        }
                        vis[c] = Complementary;
                        d += groups[c].responses;
                        low += least(c);
                    }
                    if d <= low {
                        upward.push(p);
                        grew = true;
                    }
                }
            }
            if !grew {
                return vis;
            }
        }
    }

    /// The teams with data at or below `u` (a unit with data and no such child counts as one),
    /// found by walking every unit's ancestors.
    fn teams_below(groups: &[GroupSize], u: usize) -> u64 {
        let under = |c: usize| {
            let mut a = Some(c);
            while let Some(x) = a {
                if x == u {
                    return true;
                }
                a = groups[x].parent;
            }
            false
        };
        let kids = |x: usize| (0..groups.len()).filter(move |&c| groups[c].parent == Some(x));
        (0..groups.len())
            .filter(|&c| under(c) && groups[c].responses > 0)
            .filter(|&c| kids(c).all(|k| groups[k].responses == 0))
            .count() as u64
    }

    /// Whether hidden unit `u` is below the threshold, or hidden by rule 5 with only such children.
    fn all_teams_small(groups: &[GroupSize], t: u64, upward: &[usize], u: usize) -> bool {
        groups[u].responses < t
            || upward.contains(&u)
                && (0..groups.len())
                    .filter(|&c| groups[c].parent == Some(u) && groups[c].responses > 0)
                    .all(|c| all_teams_small(groups, t, upward, c))
    }

    // ---- what a reader can work out about hidden sizes ----

    /// What a reader sees of one unit: its count if shown, or that it has no data, or that it is
    /// hidden (pages give one reason for every hidden group).
    fn public(groups: &[GroupSize], vis: &[Visibility]) -> Vec<Option<u64>> {
        groups
            .iter()
            .zip(vis)
            .map(|(g, v)| match v {
                Shown => Some(g.responses),
                NoData => Some(0),
                _ => None,
            })
            .collect()
    }

    /// Every assignment of 1..=`max` respondents to the hidden leaves (shown and empty leaves are
    /// published) whose published output, rules included, is the same as `groups`'s. For each
    /// hidden unit, the set of sizes it has across those assignments.
    fn possible_sizes(groups: &[GroupSize], t: u64, max: u64) -> Vec<(usize, Vec<u64>)> {
        possible_sizes_in(groups, t, max, (&[], &[]))
    }

    /// [`possible_sizes`] for one measure's table ([`suppress_measure`] with `forced`): a leaf
    /// forced hidden may also have answered the measure 0 times, which the reader cannot see.
    fn possible_sizes_in(
        groups: &[GroupSize],
        t: u64,
        max: u64,
        (forced, ceiling): (&[Visibility], &[u64]),
    ) -> Vec<(usize, Vec<u64>)> {
        let seen = public(groups, &suppress_within(groups, t, forced, ceiling));
        let low = |i: usize| u64::from(!forced.get(i).is_some_and(|v| v.is_hidden()));
        let readings = readings(groups, t, &seen, (forced, ceiling), &|i| (low(i), max));
        let hidden: Vec<usize> = (0..groups.len()).filter(|&i| seen[i].is_none()).collect();
        hidden
            .into_iter()
            .map(|h| {
                let mut sizes: Vec<u64> = readings.iter().map(|g| g[h].responses).collect();
                sizes.sort_unstable();
                sizes.dedup();
                (h, sizes)
            })
            .collect()
    }

    /// Every tree with the shape of `groups` and its published leaves whose published output
    /// under the rules ([`suppress_measure`] with `forced`) is `seen`, where each unpublished
    /// leaf `i` takes every size in `range(i)` (inclusive).
    fn readings(
        groups: &[GroupSize],
        t: u64,
        seen: &[Option<u64>],
        (forced, ceiling): (&[Visibility], &[u64]),
        range: &dyn Fn(usize) -> (u64, u64),
    ) -> Vec<Vec<GroupSize>> {
        let n = groups.len();
        let has_child = has_children(groups);
        let unknown: Vec<usize> = (0..n)
            .filter(|&i| !has_child[i] && seen[i].is_none())
            .collect();
        let bounds: Vec<(u64, u64)> = unknown.iter().map(|&i| range(i)).collect();
        if bounds.iter().any(|&(lo, hi)| lo > hi) {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut guess: Vec<u64> = bounds.iter().map(|b| b.0).collect();
        loop {
            let mut g: Vec<GroupSize> = groups.to_vec();
            for i in 0..n {
                if has_child[i] {
                    g[i].responses = 0;
                }
            }
            for (&leaf, &size) in unknown.iter().zip(&guess) {
                g[leaf].responses = size;
            }
            for i in (1..n).rev() {
                if let Some(p) = g[i].parent {
                    g[p].responses += g[i].responses;
                }
            }
            // The published totals first (cheap), then the pattern under the rules.
            let totals_agree = (0..n).all(|i| seen[i].is_none_or(|x| x == g[i].responses));
            if totals_agree && public(&g, &suppress_within(&g, t, forced, ceiling)) == seen {
                found.push(g);
            }
            // Next assignment (odometer).
            let Some(k) = (0..guess.len()).find(|&k| guess[k] < bounds[k].1) else {
                break;
            };
            guess[k] += 1;
            for j in 0..k {
                guess[j] = bounds[j].0;
            }
        }
        found
    }

    /// The reader who combines two tables: the responses `groups` and one question's answers
    /// `answers` (each team's answers at most its responses; a team hidden in the responses may
    /// have answered 0 times). Every reading of the responses that the rules allow is paired
    /// with every reading of the answers that the rules allow beside it, with the answers'
    /// table suppressed on that reading's own hidden set. Returns the hidden units below `t`
    /// in either table that have only one possible count across all pairs: (table, unit, count),
    /// table 0 the responses and 1 the answers. It also checks that the published invited counts
    /// (of the shown and no-data units) allow every such reading: invited less the true
    /// responses plus the reading's, on every hidden team, gives them all again.
    fn combined_pinned(
        groups: &[GroupSize],
        answers: &[GroupSize],
        invited: &[u64],
        t: u64,
    ) -> Vec<(usize, usize, u64)> {
        let n = groups.len();
        let units = suppress(groups, t);
        let seen = public(groups, &units);
        let responses: Vec<u64> = groups.iter().map(|g| g.responses).collect();
        let seen_answers = public(answers, &suppress_answers(answers, t, &units, &responses));
        let max = reader_bound(groups, t, &[]);
        let has_child = has_children(groups);
        // The invited counts a reader sees, summed up the tree from the teams.
        let totals = |leaf: &dyn Fn(usize) -> u64| {
            let mut x = vec![0u64; n];
            for i in (0..n).rev() {
                if !has_child[i] {
                    x[i] = leaf(i);
                }
                if let Some(p) = groups[i].parent {
                    x[p] += x[i];
                }
            }
            x
        };
        let invited_seen = totals(&|i| invited[i]);
        let mut sizes = vec![[Vec::new(), Vec::new()]; n];
        for r in readings(groups, t, &seen, (&[], &[]), &|_| (1, max)) {
            let again = totals(&|i| invited[i] + r[i].responses - groups[i].responses);
            for i in 0..n {
                if seen[i].is_some() {
                    assert_eq!(
                        again[i], invited_seen[i],
                        "invited of unit {i} in reading {r:?}"
                    );
                }
            }
            let forced = suppress(&r, t);
            let ceiling: Vec<u64> = r.iter().map(|g| g.responses).collect();
            let range = |i: usize| {
                let hi = r[i].responses;
                (u64::from(!forced[i].is_hidden()).min(hi), hi)
            };
            for a in readings(answers, t, &seen_answers, (&forced, &ceiling), &range) {
                for i in 0..n {
                    for (k, x) in [(0, r[i].responses), (1, a[i].responses)] {
                        if !sizes[i][k].contains(&x) {
                            sizes[i][k].push(x);
                        }
                    }
                }
            }
        }
        let mut pinned = Vec::new();
        for i in 0..n {
            for (k, (table, vis_seen)) in [(groups, &seen), (answers, &seen_answers)]
                .into_iter()
                .enumerate()
            {
                // (0 pinned is "nobody there answered it", which no threshold rule can hide.)
                let x = table[i].responses;
                if vis_seen[i].is_none() && x > 0 && x < t && sizes[i][k].len() < 2 {
                    pinned.push((k, i, table[i].responses));
                }
            }
        }
        pinned
    }

    /// The largest size the exhaustive reader needs to try for a hidden team: the most that the
    /// hidden children of a shown unit add up to (a hidden team under it can be no larger), or `t`.
    /// (Trying fewer sizes could only make the reader look stronger, never weaker.)
    fn reader_bound(groups: &[GroupSize], t: u64, forced: &[Visibility]) -> u64 {
        let vis = suppress_measure(groups, t, forced);
        let mut hidden_below = vec![0u64; groups.len()];
        for (c, g) in groups.iter().enumerate() {
            if let Some(p) = g.parent
                && vis[c].is_hidden()
            {
                hidden_below[p] += g.responses;
            }
        }
        (0..groups.len())
            .filter(|&p| vis[p].is_shown())
            .map(|p| hidden_below[p])
            .fold(t, u64::max)
    }

    /// For each unit, the most a reader can allow it: the hidden children's total of its nearest
    /// shown ancestor (what that ancestor's total leaves beside its shown children), or `t` ×
    /// the number of units when nothing above it is shown. The exhaustive readers of deeper trees
    /// try each hidden team up to this instead of one bound for all.
    fn leaf_bounds(groups: &[GroupSize], t: u64, forced: &[Visibility]) -> Vec<u64> {
        let vis = suppress_measure(groups, t, forced);
        let n = groups.len();
        let mut hidden_below = vec![0u64; n];
        for (c, g) in groups.iter().enumerate() {
            if let Some(p) = g.parent
                && vis[c].is_hidden()
            {
                hidden_below[p] += g.responses;
            }
        }
        let mut bound = vec![t * n as u64; n];
        for i in 0..n {
            if let Some(p) = groups[i].parent {
                bound[i] = if vis[p].is_shown() {
                    hidden_below[p]
                } else {
                    bound[p]
                };
            }
        }
        bound
    }

    /// The hidden units below `t` that the exhaustive reader pins to one size.
    fn pinned_units(
        groups: &[GroupSize],
        t: u64,
        max: u64,
        rule: (&[Visibility], &[u64]),
    ) -> Vec<(usize, u64)> {
        possible_sizes_in(groups, t, max, rule)
            .into_iter()
            .filter(|(u, sizes)| {
                // 0 pinned is "nobody there answered this", what no threshold rule can hide.
                sizes.len() < 2 && groups[*u].responses < t && groups[*u].responses > 0
            })
            .map(|(u, _)| (u, groups[u].responses))
            .collect()
    }

    /// Small flat trees (teams under the organisation, up to 7 units, at most 3 teams hidden) for
    /// the exhaustive reader; [`arb_small_nested_tree`] adds regions.
    fn arb_small_tree() -> impl Strategy<Value = Vec<GroupSize>> {
        let node = (any::<prop::sample::Index>(), prop_oneof![1u64..12, 0u64..6]);
        prop::collection::vec(node, 1..7).prop_map(|nodes| tree_from(nodes, 1))
    }

    /// Small trees two levels below the organisation (regions with teams, and teams directly
    /// under the organisation), up to 8 units, for the exhaustive reader.
    fn arb_small_nested_tree() -> impl Strategy<Value = Vec<GroupSize>> {
        // Mostly small teams: the leaks sit where several hidden teams meet one shown total.
        let size = prop_oneof![3 => 1u64..6, 2 => 4u64..10, 1 => Just(0u64)];
        let node = (any::<prop::sample::Index>(), size);
        prop::collection::vec(node, 3..8).prop_map(|nodes| tree_from(nodes, 2))
    }

    /// Trees three levels below the organisation: 2 divisions, each with 1 or 2 regions of 1 or
    /// 2 teams (up to 15 units), mostly small teams, for the exhaustive readers.
    fn arb_deep_tree() -> impl Strategy<Value = Vec<GroupSize>> {
        let size = prop_oneof![3 => 1u64..5, 2 => 4u64..8, 1 => Just(0u64)];
        let region = prop::collection::vec(size, 1..=2);
        let division = prop::collection::vec(region, 1..=2);
        prop::collection::vec(division, 2).prop_map(|divisions| {
            let mut g = vec![GroupSize {
                parent: None,
                responses: 0,
            }];
            for division in divisions {
                let d = g.len();
                g.push(GroupSize {
                    parent: Some(0),
                    responses: 0,
                });
                for teams in division {
                    let r = g.len();
                    g.push(GroupSize {
                        parent: Some(d),
                        responses: 0,
                    });
                    for responses in teams {
                        g.push(GroupSize {
                            parent: Some(r),
                            responses,
                        });
                    }
                }
            }
            for i in (1..g.len()).rev() {
                if let Some(p) = g[i].parent {
                    g[p].responses += g[i].responses;
                }
            }
            g
        })
    }

    /// Each team's answers to one question: its responses less a few (some chose "not
    /// applicable"), summed up the tree.
    fn answers_of(groups: &[GroupSize], fewer: &[u64]) -> Vec<GroupSize> {
        let n = groups.len();
        let has_child = has_children(groups);
        let mut m: Vec<GroupSize> = groups
            .iter()
            .map(|x| GroupSize {
                parent: x.parent,
                responses: 0,
            })
            .collect();
        for i in (0..n).rev() {
            if !has_child[i] {
                m[i].responses = groups[i].responses.saturating_sub(fewer[i % fewer.len()]);
            }
            if let Some(p) = m[i].parent {
                m[p].responses += m[i].responses;
            }
        }
        m
    }

    fn hidden_teams(groups: &[GroupSize], vis: &[Visibility]) -> usize {
        (0..groups.len())
            .filter(|&i| vis[i].is_hidden() && !groups.iter().any(|g| g.parent == Some(i)))
            .count()
    }

    const MAX_DEPTH: usize = 4;

    /// Random trees of 1..=40 units, depth at most 4, leaf responses 0..30 (often small), inner
    /// totals summed from the leaves.
    fn arb_tree() -> impl Strategy<Value = Vec<GroupSize>> {
        let node = (any::<prop::sample::Index>(), prop_oneof![0u64..30, 0u64..8]);
        prop::collection::vec(node, 0..40).prop_map(|nodes| tree_from(nodes, MAX_DEPTH))
    }

    /// A tree from (parent pick, leaf responses) pairs: each new unit hangs under a unit picked
    /// among those above `max_depth`; inner totals are summed from the leaves.
    fn tree_from(nodes: Vec<(prop::sample::Index, u64)>, max_depth: usize) -> Vec<GroupSize> {
        let mut groups = vec![GroupSize {
            parent: None,
            responses: 0,
        }];
        let mut depth = vec![0usize];
        let mut leaf_responses = vec![0u64];
        for (pick, responses) in nodes {
            let candidates: Vec<usize> = (0..groups.len())
                .filter(|&i| depth[i] < max_depth)
                .collect();
            let p = candidates[pick.index(candidates.len())];
            depth.push(depth[p] + 1);
            groups.push(GroupSize {
                parent: Some(p),
                responses: 0,
            });
            leaf_responses.push(responses);
        }
        let has_child = has_children(&groups);
        for i in (0..groups.len()).rev() {
            if !has_child[i] {
                groups[i].responses = leaf_responses[i];
            }
            if let Some(p) = groups[i].parent {
                groups[p].responses += groups[i].responses;
            }
        }
        groups
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn shown_units_reach_the_threshold(g in arb_tree(), t in 3u64..=7) {
            let vis = suppress(&g, t);
            for (i, v) in vis.iter().enumerate() {
                if v.is_shown() {
                    prop_assert!(g[i].responses >= t, "unit {i}: {:?}", g[i]);
                }
                prop_assert_eq!(*v == NoData, g[i].responses == 0);
                // Under a hidden unit nothing is shown; the labels say why.
                let parent = g[i].parent.map(|p| vis[p]);
                if parent.is_some_and(Visibility::is_hidden) {
                    prop_assert!(!v.is_shown());
                }
                match v {
                    // Chosen by a shown parent, or a unit whose children were all hidden.
                    Complementary => prop_assert!(parent == Some(Shown) || parent.is_none() || parent.is_some_and(Visibility::is_hidden) || (0..g.len()).any(|c| g[c].parent == Some(i))),
                    HiddenParent => prop_assert!(parent.is_some_and(Visibility::is_hidden)),
                    BelowThreshold => prop_assert!(g[i].responses < t),
                    _ => {}
                }
            }
        }

        #[test]
        fn no_hidden_unit_can_be_derived(g in arb_tree(), t in 3u64..=7) {
            let vis = suppress(&g, t);
            prop_assert_eq!(derivable_hidden(&g, &vis), Vec::<usize>::new());
            prop_assert_eq!(small_differences(&g, &vis, t), Vec::<usize>::new());
        }

        /// A measure answered by only some respondents (an item with "not applicable" answers)
        /// is suppressed on its own counts, with the units' hidden set forced: nothing shown has
        /// fewer than `t` answers, nothing hidden can be derived from this measure's totals.
        #[test]
        fn no_hidden_group_can_be_derived_from_a_partial_measure(g in arb_tree(), t in 3u64..=7, keep in prop::collection::vec(0u64..=100, 41)) {
            let units = suppress(&g, t);
            // Each leaf answered the measure with a share of its respondents; inner units sum.
            let mut m: Vec<GroupSize> = g.iter().map(|x| GroupSize { parent: x.parent, responses: 0 }).collect();
            let has_child = has_children(&g);
            for i in (0..g.len()).rev() {
                if !has_child[i] {
                    m[i].responses = g[i].responses * keep[i % keep.len()] / 100;
                }
                if let Some(p) = m[i].parent {
                    m[p].responses += m[i].responses;
                }
            }
            let vis = suppress_measure(&m, t, &units);
            for i in 0..g.len() {
                if units[i].is_hidden() {
                    prop_assert!(!vis[i].is_shown(), "unit {i} is hidden, so is its measure");
                }
                if vis[i].is_shown() {
                    prop_assert!(m[i].responses >= t);
                }
            }
            prop_assert_eq!(derivable_hidden(&m, &vis), Vec::<usize>::new());
            prop_assert_eq!(small_differences(&m, &vis, t), Vec::<usize>::new());
        }

        /// The exhaustive reader: every assignment of sizes to the hidden teams that gives the same
        /// published counts and the same shown/hidden/no-data pattern under these very rules. Every
        /// hidden group must have at least two possible sizes.
        #[test]
        fn no_hidden_size_is_pinned_by_counts_and_rules(g in arb_small_tree(), t in 4u64..=6) {
            let vis = suppress(&g, t);
            let has_child = has_children(&g);
            let hidden_leaves = (0..g.len()).filter(|&i| !has_child[i] && vis[i].is_hidden()).count();
            prop_assume!(hidden_leaves <= 3);
            for (unit, sizes) in possible_sizes(&g, t, 24) {
                let team = !has_child[unit];
                let r = g[unit].responses;
                prop_assert!(!team || r >= t || sizes.len() >= 2, "unit {} ({:?}): only {:?} possible in {:?}", unit, g[unit], sizes, g);
            }
        }

        /// The exhaustive reader on trees with regions: no hidden team or region with fewer
        /// than `t` respondents has only one possible size.
        #[test]
        fn no_hidden_size_is_pinned_in_nested_trees(g in arb_small_nested_tree(), t in 4u64..=6) {
            let vis = suppress(&g, t);
            let has_child = has_children(&g);
            let hidden_leaves = (0..g.len()).filter(|&i| !has_child[i] && vis[i].is_hidden()).count();
            prop_assume!(hidden_leaves <= 3);
            let pinned = pinned_units(&g, t, reader_bound(&g, t, &[]), (&[], &[]));
            prop_assert!(pinned.is_empty(), "pinned {:?} in {:?} ({:?})", pinned, g, vis);
        }

        #[test]
        fn deterministic_and_a_fixpoint_of_the_literal_rules(g in arb_tree(), t in 3u64..=7) {
            let vis = suppress(&g, t);
            prop_assert_eq!(&vis, &suppress(&g, t));
            let class = |v: &[Visibility]| -> Vec<(bool, bool)> {
                v.iter().map(|v| (v.is_shown(), v.is_hidden())).collect()
            };
            prop_assert_eq!(class(&vis), class(&reference(&g, t)));
        }
    }

    proptest! {
        // Only trees with few hidden teams are read exhaustively; more are drawn than kept.
        #![proptest_config(ProptestConfig { cases: 1000, max_global_rejects: 20_000, ..ProptestConfig::default() })]

        /// The exhaustive reader on one measure's table beside the units' (an item's answers, the
        /// eNPS answers, the people a turnover figure is about), suppressed with the units'
        /// hidden set forced: no hidden group's count below `t` may be pinned. The counts are
        /// either each team's responses less a few (an item some answered "not applicable") or
        /// drawn on their own (a headcount is not bounded by the responses). A forced-hidden
        /// team may have 0 in this measure, which the reader cannot see.
        #[test]
        fn no_hidden_count_is_pinned_in_a_measure_table(
            g in arb_small_nested_tree(),
            t in 4u64..=6,
            own in any::<bool>(),
            counts in prop::collection::vec(prop_oneof![2 => 1u64..6, 1 => 0u64..10], 8),
            fewer in prop::collection::vec(prop_oneof![3 => Just(0u64), 1 => 0u64..3], 8),
        ) {
            let units = suppress(&g, t);
            let n = g.len();
            let has_child = has_children(&g);
            let mut m: Vec<GroupSize> = g.iter().map(|x| GroupSize { parent: x.parent, responses: 0 }).collect();
            for i in (0..n).rev() {
                if !has_child[i] {
                    m[i].responses = if own {
                        counts[i % counts.len()]
                    } else {
                        g[i].responses.saturating_sub(fewer[i % fewer.len()])
                    };
                }
                if let Some(p) = m[i].parent {
                    m[p].responses += m[i].responses;
                }
            }
            // Answers are at most the responses (published where a unit is shown); a headcount
            // is not.
            let responses: Vec<u64> = g.iter().map(|x| x.responses).collect();
            let ceiling: &[u64] = if own { &[] } else { &responses };
            let vis = suppress_answers(&m, t, &units, ceiling);
            let hidden_leaves = (0..n).filter(|&i| !has_child[i] && vis[i].is_hidden()).count();
            prop_assume!(hidden_leaves <= 3);
            let pinned = pinned_units(&m, t, reader_bound(&m, t, &units), (&units, ceiling));
            prop_assert!(pinned.is_empty(), "pinned {:?} in {:?} ({:?}; units {:?})", pinned, m, vis, units);
        }
    }

    proptest! {
        // Deeper trees take longer to read exhaustively: fewer of them.
        #![proptest_config(ProptestConfig { cases: 200, max_global_rejects: 20_000, ..ProptestConfig::default() })]

        /// The exhaustive reader on trees three levels deep (organisation, divisions, regions,
        /// teams): no hidden team, region or division below `t` has only one possible size.
        #[test]
        fn no_hidden_size_is_pinned_three_levels_deep(g in arb_deep_tree(), t in 4u64..=5) {
            let vis = suppress(&g, t);
            prop_assume!(hidden_teams(&g, &vis) <= 3);
            let bound = leaf_bounds(&g, t, &[]);
            let seen = public(&g, &vis);
            let readings = readings(&g, t, &seen, (&[], &[]), &|i| (1, bound[i]));
            for (u, x) in g.iter().enumerate() {
                if seen[u].is_none() && x.responses < t {
                    let first = readings[0][u].responses;
                    prop_assert!(readings.iter().any(|r| r[u].responses != first), "unit {} pinned at {} in {:?} ({:?})", u, x.responses, g, vis);
                }
            }
        }

        /// The reader who combines the responses with one question's answers (at most the
        /// responses) and the invited counts (at least the responses), on trees one, two and
        /// three levels deep: no hidden count below `t` in either table is pinned.
        #[test]
        fn no_hidden_count_is_pinned_by_combining_tables(
            g in prop_oneof![arb_small_nested_tree(), arb_deep_tree()],
            t in 4u64..=5,
            fewer in prop::collection::vec(prop_oneof![3 => Just(0u64), 1 => 0u64..3], 8),
            extra in prop::collection::vec(0u64..3, 8),
        ) {
            let vis = suppress(&g, t);
            prop_assume!(hidden_teams(&g, &vis) <= 2);
            let answers = answers_of(&g, &fewer);
            let responses: Vec<u64> = g.iter().map(|x| x.responses).collect();
            prop_assume!(hidden_teams(&answers, &suppress_answers(&answers, t, &vis, &responses)) <= 2);
            let invited: Vec<u64> = (0..g.len()).map(|i| g[i].responses + extra[i % extra.len()]).collect();
            let pinned = combined_pinned(&g, &answers, &invited, t);
            prop_assert!(pinned.is_empty(), "pinned (table, unit, count) {:?} in {:?} / {:?}", pinned, g, answers);
        }
    }
}
