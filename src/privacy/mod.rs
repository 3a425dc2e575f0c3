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
//! 1. **No data**: a unit with 0 responses is [`Visibility::NoData`] (below a hidden unit, rule 4
//!    hides it instead). There is nothing to show and nothing to protect, so it is never one of
//!    the hidden children that rules 3 and 5 count, wherever it is.
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
//!    unless it is below the threshold (rule 2). Otherwise the published totals of a
//!    complementary-hidden region's teams would add up to the region again. A unit with no data
//!    is hidden there too: a reader who saw which teams of a hidden region are empty would know
//!    each of the others has at least 1 (a region below `t` with `t − 1` teams with data would be
//!    pinned at 1 per team). Rule 3's ranges still count 1 per team with data, at least what a
//!    reader who cannot see that knows, so they stay on the safe side.
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

mod ranges;

pub(crate) use ranges::{Range, Sums};
pub use ranges::{lowest, needs_complement};

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
            // Rule 4, for a unit with no data too: a reader who saw which units under a
            // hidden one are empty would know the others have at least 1 each.
            if let Some(p) = groups[i].parent
                && vis[p].is_hidden()
                && matches!(vis[i], Visibility::Shown | Visibility::NoData)
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

#[cfg(test)]
pub(crate) mod tests;
