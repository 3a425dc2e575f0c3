//! The derivability check: which hidden totals the published totals determine exactly (linear
//! algebra over the tree), and the literal, slow reading of the rules to compare with.

use super::*;

/// Rows in echelon form over the integers (each row reduced by the gcd of its entries), enough
/// for exact membership tests in the rational row space.
#[derive(Default)]
pub(crate) struct Echelon {
    rows: Vec<(usize, Vec<i128>)>, // (pivot column, row)
}

pub(super) fn gcd(a: i128, b: i128) -> i128 {
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
pub(super) fn leaf_indicators(groups: &[GroupSize]) -> Vec<Vec<i128>> {
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
pub(super) fn derivable_hidden(groups: &[GroupSize], vis: &[Visibility]) -> Vec<usize> {
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
pub(super) fn small_differences(
    groups: &[GroupSize],
    vis: &[Visibility],
    threshold: u64,
) -> Vec<usize> {
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
pub(super) fn naive(groups: &[GroupSize], threshold: u64) -> Vec<Visibility> {
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
pub(super) fn the_check_catches_the_naive_rule() {
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
pub(super) fn the_check_catches_hiding_without_the_subtree() {
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
pub(super) fn the_check_sees_across_levels() {
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
pub(super) fn reference(groups: &[GroupSize], threshold: u64) -> Vec<Visibility> {
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
                && matches!(vis[p], Shown | NoData)
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
pub(super) fn teams_below(groups: &[GroupSize], u: usize) -> u64 {
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
pub(super) fn all_teams_small(groups: &[GroupSize], t: u64, upward: &[usize], u: usize) -> bool {
    groups[u].responses < t
        || upward.contains(&u)
            && (0..groups.len())
                .filter(|&c| groups[c].parent == Some(u) && groups[c].responses > 0)
                .all(|c| all_teams_small(groups, t, upward, c))
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
            // No data is printed only where its parent is shown (or it is the organisation):
            // under a hidden unit an empty team looks like any other hidden one.
            let parent = g[i].parent.map(|p| vis[p]);
            let under_hidden = parent.is_some_and(Visibility::is_hidden);
            prop_assert_eq!(*v == NoData, g[i].responses == 0 && !under_hidden);
            if under_hidden {
                prop_assert!(v.is_hidden(), "unit {i} under a hidden unit: {v:?}");
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
