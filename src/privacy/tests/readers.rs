//! The exhaustive readers: every assignment of sizes to the hidden teams that the published
//! counts and the rules allow, and the property tests that no hidden group below the threshold
//! has only one possible size.

use super::*;

/// What a reader sees of one unit: its count if shown, or that it has no data, or that it is
/// hidden (pages give one reason for every hidden group).
pub(super) fn public(groups: &[GroupSize], vis: &[Visibility]) -> Vec<Option<u64>> {
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
pub(super) fn possible_sizes(groups: &[GroupSize], t: u64, max: u64) -> Vec<(usize, Vec<u64>)> {
    possible_sizes_in(groups, t, max, (&[], &[]))
}

/// [`possible_sizes`] for one measure's table ([`suppress_measure`] with `forced`): a leaf
/// forced hidden may also have answered the measure 0 times, which the reader cannot see.
pub(super) fn possible_sizes_in(
    groups: &[GroupSize],
    t: u64,
    max: u64,
    (forced, ceiling): (&[Visibility], &[u64]),
) -> Vec<(usize, Vec<u64>)> {
    let seen = public(groups, &suppress_within(groups, t, forced, ceiling));
    let low = |i: usize| u64::from(!forced.get(i).is_some_and(|v| v.is_hidden()));
    let readings = readings(groups, t, &seen, (forced, ceiling), &|i| (low(i), max));
    // The true sizes are always a reading; none at all means `max` left them out, and every
    // hidden group would look pinned.
    assert!(
        !readings.is_empty(),
        "no reading of {groups:?} up to {max}: the bound leaves out the true sizes"
    );
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
/// leaf `i` takes every size in `range(i)` (inclusive), or from 0 below a hidden unit.
pub(super) fn readings(
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
    // A team below a hidden unit is printed as hidden even with no data (rule 4), so a reader
    // cannot tell it from one with respondents: it may be 0.
    let bounds: Vec<(u64, u64)> = unknown
        .iter()
        .map(|&i| {
            let (lo, hi) = range(i);
            let below_hidden = groups[i].parent.is_some_and(|p| seen[p].is_none());
            (if below_hidden { 0 } else { lo }, hi)
        })
        .collect();
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
pub(super) fn combined_pinned(
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
    let max = reader_bound(groups, t, (&[], &[]));
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
/// It must be read off the same rule the reader then reads (`forced` and `ceiling` as in
/// [`suppress_within`]): a bound from another rule's hidden set can leave out the true sizes.
/// (Trying fewer sizes could only make the reader look stronger, never weaker.)
pub(super) fn reader_bound(
    groups: &[GroupSize],
    t: u64,
    (forced, ceiling): (&[Visibility], &[u64]),
) -> u64 {
    let vis = suppress_within(groups, t, forced, ceiling);
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
pub(super) fn leaf_bounds(groups: &[GroupSize], t: u64, forced: &[Visibility]) -> Vec<u64> {
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
pub(super) fn pinned_units(
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
pub(super) fn arb_small_tree() -> impl Strategy<Value = Vec<GroupSize>> {
    let node = (any::<prop::sample::Index>(), prop_oneof![1u64..12, 0u64..6]);
    prop::collection::vec(node, 1..7).prop_map(|nodes| tree_from(nodes, 1))
}

/// Small trees two levels below the organisation (regions with teams, and teams directly
/// under the organisation), up to 8 units, for the exhaustive reader.
pub(super) fn arb_small_nested_tree() -> impl Strategy<Value = Vec<GroupSize>> {
    // Mostly small teams: the leaks sit where several hidden teams meet one shown total.
    let size = prop_oneof![3 => 1u64..6, 2 => 4u64..10, 1 => Just(0u64)];
    let node = (any::<prop::sample::Index>(), size);
    prop::collection::vec(node, 3..8).prop_map(|nodes| tree_from(nodes, 2))
}

/// Trees three levels below the organisation: 2 divisions, each with 1 or 2 regions of 1 or
/// 2 teams (up to 15 units), mostly small teams, for the exhaustive readers.
pub(super) fn arb_deep_tree() -> impl Strategy<Value = Vec<GroupSize>> {
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
pub(super) fn answers_of(groups: &[GroupSize], fewer: &[u64]) -> Vec<GroupSize> {
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

pub(super) fn hidden_teams(groups: &[GroupSize], vis: &[Visibility]) -> usize {
    (0..groups.len())
        .filter(|&i| vis[i].is_hidden() && !groups.iter().any(|g| g.parent == Some(i)))
        .count()
}

const MAX_DEPTH: usize = 4;

/// Random trees of 1..=40 units, depth at most 4, leaf responses 0..30 (often small), inner
/// totals summed from the leaves.
pub(super) fn arb_tree() -> impl Strategy<Value = Vec<GroupSize>> {
    let node = (any::<prop::sample::Index>(), prop_oneof![0u64..30, 0u64..8]);
    prop::collection::vec(node, 0..40).prop_map(|nodes| tree_from(nodes, MAX_DEPTH))
}

/// A tree from (parent pick, leaf responses) pairs: each new unit hangs under a unit picked
/// among those above `max_depth`; inner totals are summed from the leaves.
pub(super) fn tree_from(
    nodes: Vec<(prop::sample::Index, u64)>,
    max_depth: usize,
) -> Vec<GroupSize> {
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

    /// The exhaustive reader: every assignment of sizes to the hidden teams that gives the same
    /// published counts and the same shown/hidden/no-data pattern under these very rules. Every
    /// hidden group must have at least two possible sizes.
    #[test]
    fn no_hidden_size_is_pinned_by_counts_and_rules(g in arb_small_tree(), t in 3u64..=6) {
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
    fn no_hidden_size_is_pinned_in_nested_trees(g in arb_small_nested_tree(), t in 3u64..=6) {
        let vis = suppress(&g, t);
        let has_child = has_children(&g);
        let hidden_leaves = (0..g.len()).filter(|&i| !has_child[i] && vis[i].is_hidden()).count();
        prop_assume!(hidden_leaves <= 3);
        let pinned = pinned_units(&g, t, reader_bound(&g, t, (&[], &[])), (&[], &[]));
        prop_assert!(pinned.is_empty(), "pinned {:?} in {:?} ({:?})", pinned, g, vis);
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
        t in 3u64..=6,
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
        let pinned = pinned_units(&m, t, reader_bound(&m, t, (&units, ceiling)), (&units, ceiling));
        prop_assert!(pinned.is_empty(), "pinned {:?} in {:?} ({:?}; units {:?})", pinned, m, vis, units);
    }
}

proptest! {
    // Deeper trees take longer to read exhaustively: fewer of them.
    #![proptest_config(ProptestConfig { cases: 200, max_global_rejects: 20_000, ..ProptestConfig::default() })]

    /// The exhaustive reader on trees three levels deep (organisation, divisions, regions,
    /// teams): no hidden team, region or division below `t` has only one possible size.
    #[test]
    fn no_hidden_size_is_pinned_three_levels_deep(g in arb_deep_tree(), t in 3u64..=5) {
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
        t in 3u64..=5,
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
