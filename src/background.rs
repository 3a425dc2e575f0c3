//! Background groups (tenure band, role, age band, …): which "unit × band" cells of one period may
//! be published, with the anonymity rule holding **across** cuts.
//!
//! A *cut* is one background question broken into ordered bands (tenure: < 1 year, 1–3, 3–10,
//! 10+), plus a "not stated" band for respondents who left it blank, so that a unit's cells always
//! add up to its total. For one period and one cut, every unit of the tree has a *row*: its count
//! of respondents in each band. A reader who sees the published rows, and the unit totals the unit
//! tree publishes ([`crate::privacy::suppress`]), could subtract them from one another in any
//! combination; [`suppress_cut`] decides which rows are published so that no hidden cell can be
//! worked out that way.
//!
//! A row is published whole or not at all, so a published row tells nothing its unit's cells do
//! not. The rules mirror the unit tree's ([`crate::privacy`]), with "cell" for "unit":
//!
//! 1. **The unit's own table**: a unit hidden in the unit tree (or with no data) has its row
//!    hidden; so does a unit with a cell of `0 < n < t` respondents (`BelowThreshold`).
//! 2. **Whole subtrees**: the rows of the units below a hidden row are hidden (`HiddenParent`);
//!    otherwise they would add up to it again.
//! 3. **Differencing, with the rows' totals**: for a published row, the band-`b` cell minus the
//!    band-`b` cells of its published children is the band-`b` count of its hidden children
//!    together (and of its own respondents who belong to no child). A reader can bound each of
//!    those cells ([`cell_range`]): 1 to `t − 1` for a small one, at least `t` otherwise (a
//!    complement's cells are 0 or at least `t`), and by the row's total where the tree publishes
//!    it. If [`needs_complement`] says the band's hidden counts could be pinned, or their ranges
//!    would pin them ([`Sums::pinned`], the unit tree's test), the last-listed published child
//!    with respondents in band `b` is hidden (`Complementary`), and the next while the ranges
//!    still pin the band; the bands are checked again after a round that hid one. For
//!    `needs_complement` one complement is enough for every band it has respondents in: its
//!    count there is at least `t` and is not published.
//! 4. **Nothing left to dilute**: if a band still needs a complement and no published child with
//!    respondents in it is left, the parent row itself is hidden (`Complementary`), and the pass
//!    starts again so that its own parent protects it. A hidden organisation row means the cut is
//!    not shown at this level.
//!
//! Each period is its own set of respondents and nothing is pooled across periods, so two
//! periods' tables never share a cell to subtract.
//!
//! [`choose_level`] coarsens a cut whose rows the rules would mostly hide: neighbouring bands are
//! merged two by two (< 1 and 1–3 become < 3) until at least half the units the tree shows keep
//! their row; if even one band would not do, the cut is not shown.

use crate::privacy::{GroupSize, Range, Sums, Visibility};

/// Rule 3's test, shared with the unit tree: could `hidden` respondents in `count` hidden groups
/// with data be pinned by the published totals?
pub use crate::privacy::needs_complement;

/// One cut of one period: `bands` columns for each unit of the tree, row after row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutTable {
    /// Number of bands, the "not stated" band included.
    pub bands: usize,
    /// `cells[unit * bands + band]`: respondents of the unit (its whole subtree) in the band.
    pub cells: Vec<u64>,
}

impl CutTable {
    /// The row of one unit.
    pub fn row(&self, unit: usize) -> &[u64] {
        &self.cells[unit * self.bands..(unit + 1) * self.bands]
    }

    /// The same table with neighbouring bands merged: `groups[k]` lists the bands of the
    /// original that form band `k`.
    pub fn merged(&self, groups: &[Vec<usize>]) -> CutTable {
        let units = self.cells.len() / self.bands.max(1);
        let mut cells = Vec::with_capacity(units * groups.len());
        for u in 0..units {
            let row = self.row(u);
            cells.extend(
                groups
                    .iter()
                    .map(|g| g.iter().map(|&b| row[b]).sum::<u64>()),
            );
        }
        CutTable {
            bands: groups.len(),
            cells,
        }
    }
}

/// Decides which rows of one cut may be published (see the module documentation for the rules).
/// `units` is the unit tree of the period with its totals, `unit_vis` the tree's decision for it
/// (from [`crate::privacy::suppress`]); the result has one entry per unit.
///
/// # Panics
///
/// If the table does not have one row per unit, or a parent comes after its child.
pub fn suppress_cut(
    units: &[GroupSize],
    unit_vis: &[Visibility],
    table: &CutTable,
    threshold: u64,
) -> Vec<Visibility> {
    suppress_rows(units, unit_vis, unit_vis, table, threshold)
}

/// The same rules for one measure's table at a chosen level (a question's answered n, the eNPS
/// answers): `forced` is the rows' visibility on the respondents' table, hidden here too;
/// `unit_vis` the tree's decision, which says whose totals a reader sees.
pub fn suppress_cut_measure(
    units: &[GroupSize],
    unit_vis: &[Visibility],
    forced: &[Visibility],
    table: &CutTable,
    threshold: u64,
) -> Vec<Visibility> {
    suppress_rows(units, unit_vis, forced, table, threshold)
}

/// The rules: rows hidden where `forced` is, and a hidden row's total taken as known wherever
/// `unit_vis` (the tree) publishes the unit.
fn suppress_rows(
    units: &[GroupSize],
    unit_vis: &[Visibility],
    forced: &[Visibility],
    table: &CutTable,
    threshold: u64,
) -> Vec<Visibility> {
    let n = units.len();
    let bands = table.bands;
    assert_eq!(table.cells.len(), n * bands, "one row per unit");
    assert_eq!(unit_vis.len(), n, "one tree decision per unit");
    assert_eq!(forced.len(), n, "one forced decision per unit");

    // Children lists, in index order (compressed sparse rows).
    let mut start = vec![0usize; n + 1];
    for (i, g) in units.iter().enumerate() {
        if let Some(p) = g.parent {
            assert!(p < i, "unit {i} has parent {p}; a parent must come first");
            start[p + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut children = vec![0usize; start[n]];
    for (i, g) in units.iter().enumerate() {
        if let Some(p) = g.parent {
            children[fill[p]] = i;
            fill[p] += 1;
        }
    }

    // Rule 1.
    let own: Vec<Visibility> = (0..n)
        .map(|i| {
            let row = table.row(i);
            if forced[i].is_hidden() {
                forced[i]
            } else if row.iter().all(|&c| c == 0) {
                Visibility::NoData
            } else if row.iter().any(|&c| c > 0 && c < threshold) {
                Visibility::BelowThreshold
            } else {
                Visibility::Shown
            }
        })
        .collect();

    // Rule 4 hides a parent row; its own parent must then be checked again, so the pass repeats
    // (at most once per level of the tree, each pass O(units × bands)).
    let mut upward = vec![false; n];
    let mut hidden = Hidden::new(bands);
    let mut outside = vec![0u64; bands];
    let mut covered = vec![false; bands];
    let mut cursor = vec![0usize; bands];
    loop {
        let mut vis = own.clone();
        for i in 0..n {
            if upward[i] {
                vis[i] = Visibility::Complementary;
            }
        }
        let mut changed = false;
        for i in 0..n {
            // Rule 2.
            if let Some(p) = units[i].parent
                && vis[p].is_hidden()
                && vis[i] == Visibility::Shown
            {
                vis[i] = Visibility::HiddenParent;
            }
            if vis[i] != Visibility::Shown {
                continue;
            }
            let kids = &children[start[i]..start[i + 1]];
            if kids.is_empty() {
                continue;
            }
            // What a reader can subtract, band by band: the hidden children's cells and the
            // unit's own respondents outside every child (one more group the reader cannot see),
            // each cell with its range.
            let row = table.row(i);
            for (b, out) in outside.iter_mut().enumerate() {
                let in_kids: u64 = kids.iter().map(|&c| table.row(c)[b]).sum();
                *out = row[b].saturating_sub(in_kids);
            }
            // A reader sees a row's total where the tree publishes the unit, and the total of
            // the respondents outside every child where it publishes every child.
            let published = |c: usize| !unit_vis[c].is_hidden();
            hidden.clear();
            hidden.add_row(&outside, kids.iter().all(|&c| published(c)), threshold);
            for &c in kids {
                if vis[c].is_hidden() {
                    hidden.add_row(table.row(c), published(c), threshold);
                }
            }
            // Rule 3, band by band. A band needs a complement when `needs_complement` says so
            // (unless a complement already has respondents in it) or when its cells' ranges
            // would pin them; complements are then hidden, last-listed first, while the ranges
            // still pin the band. A complement's cells can pin a band checked before (one where
            // it is the only hidden cell), so the bands are checked again after a round that
            // hid one. Each band's search of the children goes on where it stopped, and a round
            // that hides nothing ends it: O(children × bands) per unit.
            covered.fill(false);
            cursor.fill(kids.len());
            let mut hid_one = true;
            'rounds: while hid_one {
                hid_one = false;
                for b in 0..bands {
                    let mut need = (!covered[b]
                        && needs_complement(hidden.sums[b].count, hidden.groups[b], threshold))
                        || hidden.pinned(b);
                    while need {
                        let complement = loop {
                            if cursor[b] == 0 {
                                break None;
                            }
                            cursor[b] -= 1;
                            let c = kids[cursor[b]];
                            if vis[c] == Visibility::Shown && table.row(c)[b] > 0 {
                                break Some(c);
                            }
                        };
                        let Some(c) = complement else {
                            // Rule 4.
                            upward[i] = true;
                            changed = true;
                            break 'rounds;
                        };
                        vis[c] = Visibility::Complementary;
                        hidden.add_row(table.row(c), published(c), threshold);
                        for (k, &x) in table.row(c).iter().enumerate() {
                            covered[k] |= x > 0;
                        }
                        hid_one = true;
                        need = hidden.pinned(b);
                    }
                }
            }
            if upward[i] {
                vis[i] = Visibility::Complementary;
            }
        }
        if !changed {
            return vis;
        }
    }
}

/// The hidden cells below one published row, band by band: their count, ranges (see
/// [`cell_range`]) and how many groups with respondents they are.
struct Hidden {
    sums: Vec<Sums>,
    groups: Vec<u64>,
}

impl Hidden {
    fn new(bands: usize) -> Hidden {
        Hidden {
            sums: (0..bands).map(|_| Sums::NONE).collect(),
            groups: vec![0; bands],
        }
    }

    fn clear(&mut self) {
        self.sums.iter_mut().for_each(|s| *s = Sums::NONE);
        self.groups.fill(0);
    }

    /// Adds one hidden row's cells with respondents, in O(bands); `total_known` when a reader
    /// sees the row's total.
    fn add_row(&mut self, row: &[u64], total_known: bool, threshold: u64) {
        let total: u64 = row.iter().sum();
        let (mut fewest, mut most) = (0u64, Some(0u64));
        for &x in row.iter().filter(|&&x| x > 0) {
            let class = class_range(x, threshold);
            fewest += class.fewest;
            most = most.zip(class.most).map(|(a, b)| a + b);
        }
        for (b, &x) in row.iter().enumerate() {
            if x > 0 {
                let range = if total_known {
                    cell_range(x, total, fewest, most, threshold)
                } else {
                    class_range(x, threshold)
                };
                self.sums[b].add(x, range);
                self.groups[b] += 1;
            }
        }
    }

    /// Whether the ranges of band `b`'s hidden cells would let a reader pin them.
    fn pinned(&self, b: usize) -> bool {
        self.sums[b].count > 0 && self.sums[b].pinned()
    }
}

/// What a reader who knows the rules is taken to know of a hidden cell of `x` > 0 respondents
/// from its size alone: 1 to t − 1 when it is small, at least `t` otherwise (a protector's cells
/// are 0 or at least `t`; a cell of `t` or more beside a small one is counted the same, which
/// only makes the reader stronger).
fn class_range(x: u64, threshold: u64) -> Range {
    if x < threshold {
        Range {
            fewest: 1,
            most: Some(threshold - 1),
        }
    } else {
        Range {
            fewest: threshold,
            most: None,
        }
    }
}

/// The range of a hidden cell of `x` respondents narrowed by its row's published `total`: at
/// most the total minus the fewest the row's other cells with respondents can have, at least
/// the total minus the most they can have. `row_fewest` and `row_most` are those sums over the
/// whole row, this cell included.
fn cell_range(x: u64, total: u64, row_fewest: u64, row_most: Option<u64>, threshold: u64) -> Range {
    let class = class_range(x, threshold);
    let others_fewest = row_fewest - class.fewest;
    let by_total = total.saturating_sub(others_fewest);
    let most = Some(class.most.map_or(by_total, |m| m.min(by_total)));
    let fewest = match (row_most, class.most) {
        (Some(all), Some(own)) => class.fewest.max(total.saturating_sub(all - own)),
        _ => class.fewest,
    };
    Range { fewest, most }
}

/// The level a cut is shown at, and its rows' visibility there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutLevel {
    /// The bands of the declared cut that form each shown band, in order; the last group is
    /// always the "not stated" band on its own.
    pub band_groups: Vec<Vec<usize>>,
    /// The table at this level.
    pub table: CutTable,
    /// Each unit's row visibility at this level.
    pub vis: Vec<Visibility>,
}

/// The finest level of a cut at which the organisation's row is shown and at least half of the
/// units the tree shows keep their row; `None` when no level with two or more declared bands
/// does (the cut is then not shown for this period). `table`'s last band is "not stated".
pub fn choose_level(
    units: &[GroupSize],
    unit_vis: &[Visibility],
    table: &CutTable,
    threshold: u64,
) -> Option<CutLevel> {
    let declared = table.bands.checked_sub(1)?;
    let mut groups: Vec<Vec<usize>> = (0..declared).map(|b| vec![b]).collect();
    while groups.len() >= 2 {
        let mut band_groups = groups.clone();
        band_groups.push(vec![declared]);
        let level_table = table.merged(&band_groups);
        let vis = suppress_cut(units, unit_vis, &level_table, threshold);
        let shown_units = unit_vis.iter().filter(|v| v.is_shown()).count();
        let kept = vis.iter().filter(|v| v.is_shown()).count();
        if vis.first().is_some_and(|v| v.is_shown()) && 2 * kept >= shown_units {
            return Some(CutLevel {
                band_groups,
                table: level_table,
                vis,
            });
        }
        // Merge neighbours two by two; an odd last band stays as it is.
        groups = groups
            .chunks(2)
            .map(|pair| pair.concat())
            .collect::<Vec<_>>();
    }
    None
}

#[cfg(test)]
mod bounding_reader;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::Visibility::{BelowThreshold, Complementary, HiddenParent, NoData, Shown};
    use crate::privacy::suppress;
    use crate::privacy::tests::Echelon;
    use proptest::prelude::*;

    /// A tree from `(parent, row)` pairs; inner rows are given (to allow own respondents).
    fn site(spec: &[(Option<usize>, &[u64])]) -> (Vec<GroupSize>, CutTable) {
        let bands = spec[0].1.len();
        let units = spec
            .iter()
            .map(|&(parent, row)| GroupSize {
                parent,
                responses: row.iter().sum(),
            })
            .collect();
        let cells = spec
            .iter()
            .flat_map(|(_, row)| row.iter().copied())
            .collect();
        (units, CutTable { bands, cells })
    }

    #[test]
    fn one_team_with_a_small_band_takes_a_sibling_with_it() {
        // Organisation of two teams, t = 5. Team 1 has 2 newcomers: its row goes, and so does
        // team 2's, or the organisation's newcomers minus team 2's would be team 1's 2.
        let (u, table) = site(&[
            (None, &[9, 20, 0]),
            (Some(0), &[2, 10, 0]),
            (Some(0), &[7, 10, 0]),
        ]);
        let vis = suppress(&u, 5);
        assert_eq!(vis, [Shown, Shown, Shown]);
        assert_eq!(
            suppress_cut(&u, &vis, &table, 5),
            [Shown, BelowThreshold, Complementary]
        );
    }

    #[test]
    fn a_band_only_hidden_teams_have_hides_the_parent_row() {
        // Team 1 (hidden for its 2 in band 1) is the only one with anyone in band 0: no shown
        // sibling can dilute it, so the organisation's band-0 cell would be team 1's. The
        // organisation's row goes.
        let (u, table) = site(&[(None, &[6, 22]), (Some(0), &[6, 2]), (Some(0), &[0, 20])]);
        let vis = suppress(&u, 5);
        assert_eq!(
            suppress_cut(&u, &vis, &table, 5),
            [Complementary, BelowThreshold, HiddenParent]
        );
        assert_eq!(choose_level(&u, &vis, &table, 5), None);
    }

    #[test]
    fn a_hidden_unit_hides_its_row_and_no_data_is_no_data() {
        let (u, table) = site(&[
            (None, &[15, 18, 0]),
            (Some(0), &[0, 3, 0]),
            (Some(0), &[10, 10, 0]),
            (Some(0), &[0, 0, 0]),
            (Some(0), &[5, 5, 0]),
        ]);
        let vis = suppress(&u, 5);
        // The tree hides team 1 (3) and, to protect it, team 4.
        assert_eq!(vis[1], BelowThreshold);
        assert_eq!(vis[4], Complementary);
        // In the cut, team 4's 5 would be alone in band 0 (15 − 10): team 2 goes too.
        assert_eq!(
            suppress_cut(&u, &vis, &table, 5),
            [Shown, BelowThreshold, Complementary, NoData, Complementary]
        );
    }

    #[test]
    fn a_mostly_hidden_cut_is_shown_with_merged_bands() {
        // Four bands + not stated, t = 5. Per team the first two bands are small, together not.
        let row: &[u64] = &[3, 3, 10, 10, 0];
        let (u, table) = site(&[
            (None, &[9, 9, 30, 30, 0]),
            (Some(0), row),
            (Some(0), row),
            (Some(0), row),
        ]);
        let vis = suppress(&u, 5);
        let level = choose_level(&u, &vis, &table, 5).expect("a coarser level");
        assert_eq!(level.band_groups, [vec![0, 1], vec![2, 3], vec![4]]);
        assert!(level.vis.iter().all(|v| v.is_shown()));
        assert_eq!(level.table.row(1), [6, 20, 0]);
    }

    // ---- the cross-cut derivability check ----

    /// A random site: a unit tree whose leaves hold respondents, each with a band in cut A
    /// (3 bands + not stated) and in cut B (2 bands + not stated). `finest[leaf][a][b]`.
    #[derive(Clone, Debug)]
    struct Site {
        parents: Vec<Option<usize>>,
        own_inner: bool,
        finest: Vec<Vec<Vec<u64>>>,
    }

    const A: usize = 4;
    const B: usize = 3;

    fn arb_site() -> impl Strategy<Value = Site> {
        (2usize..=9)
            .prop_flat_map(|n| {
                let parents = (1..n)
                    .map(|i| (0..i).prop_map(Some).boxed())
                    .collect::<Vec<_>>();
                // Mostly small counts and zeros, so that small cells and zero bands are common.
                let cell = prop_oneof![3 => Just(0u64), 3 => 1u64..=4, 2 => 5u64..=12];
                let finest = prop::collection::vec(
                    prop::collection::vec(prop::collection::vec(cell, B), A),
                    n,
                );
                (parents, finest, prop::bool::weighted(0.3))
            })
            .prop_map(|(rest, finest, own_inner)| {
                let mut parents = vec![None];
                parents.extend(rest);
                Site {
                    parents,
                    own_inner,
                    finest,
                }
            })
    }

    impl Site {
        fn n(&self) -> usize {
            self.parents.len()
        }
        /// The units holding respondents of their own: every leaf, and an inner unit when
        /// `own_inner` (respondents whose team is a region).
        fn leaves(&self) -> Vec<usize> {
            (0..self.n())
                .filter(|&i| self.own_inner || !self.parents.contains(&Some(i)))
                .collect()
        }
        /// Which leaves lie under each unit.
        fn under(&self) -> Vec<Vec<bool>> {
            let leaves = self.leaves();
            let mut m = vec![vec![false; leaves.len()]; self.n()];
            for (k, &leaf) in leaves.iter().enumerate() {
                let mut u = Some(leaf);
                while let Some(i) = u {
                    m[i][k] = true;
                    u = self.parents[i];
                }
            }
            m
        }
        /// The indicator of "respondents under `unit` whose (a, b) pass `keep`" over the
        /// variables leaf × a × b.
        fn vector(&self, unit: usize, keep: impl Fn(usize, usize) -> bool) -> Vec<i128> {
            let under = self.under();
            let mut v = Vec::new();
            for &inside in &under[unit] {
                for a in 0..A {
                    for b in 0..B {
                        v.push(i128::from(inside && keep(a, b)));
                    }
                }
            }
            v
        }
        fn count(&self, unit: usize, keep: impl Fn(usize, usize) -> bool) -> u64 {
            let under = self.under();
            let leaves = self.leaves();
            let mut s = 0;
            for (k, &leaf) in leaves.iter().enumerate() {
                if under[unit][k] {
                    for a in 0..A {
                        for b in 0..B {
                            if keep(a, b) {
                                s += self.finest[leaf][a][b];
                            }
                        }
                    }
                }
            }
            s
        }
        fn units(&self) -> Vec<GroupSize> {
            (0..self.n())
                .map(|i| GroupSize {
                    parent: self.parents[i],
                    responses: self.count(i, |_, _| true),
                })
                .collect()
        }
        /// Cut A (`first`) or cut B at its declared bands.
        fn cut(&self, first: bool) -> CutTable {
            let bands = if first { A } else { B };
            let cells = (0..self.n())
                .flat_map(|i| {
                    (0..bands)
                        .map(move |k| self.count(i, |a, b| if first { a == k } else { b == k }))
                })
                .collect();
            CutTable { bands, cells }
        }
    }

    /// The check sees a leak: hiding only the row with the small cell (no complement) leaves
    /// team 1's 2 newcomers as the organisation's 9 minus team 2's 7.
    #[test]
    fn the_check_catches_rows_hidden_without_a_complement() {
        let mut finest = vec![vec![vec![0u64; B]; A]; 3];
        finest[1][0][0] = 2;
        finest[1][1][0] = 10;
        finest[2][0][0] = 7;
        finest[2][1][0] = 10;
        let s = Site {
            parents: vec![None, Some(0), Some(0)],
            own_inner: false,
            finest,
        };
        let band = |k: usize| move |a: usize, _: usize| a == k;
        let mut published = Echelon::default();
        for i in 0..3 {
            published.insert(s.vector(i, |_, _| true));
        }
        for i in [0, 2] {
            for k in 0..A {
                published.insert(s.vector(i, band(k)));
            }
        }
        assert!(published.contains(s.vector(1, band(0))));
        // With the rule, team 2's row goes too and nothing of team 1 can be computed.
        let units = s.units();
        let vis = suppress(&units, 5);
        let rows = suppress_cut(&units, &vis, &s.cut(true), 5);
        assert_eq!(rows, [Shown, BelowThreshold, Complementary]);
        let mut published = Echelon::default();
        for i in 0..3 {
            published.insert(s.vector(i, |_, _| true));
        }
        for k in 0..A {
            published.insert(s.vector(0, band(k)));
        }
        assert!(!published.contains(s.vector(1, band(0))));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        /// Over everything published — with respondents in teams and, in some sites, directly in
        /// regions too — the unit tree's totals and both cuts' rows at their chosen
        /// levels, counts per cell — no hidden unit and no hidden or unpublished cell of either
        /// cut (at any level) with respondents lies in the rational row space of the published
        /// figures, and every published cell with respondents has at least `t`.
        #[test]
        fn no_hidden_cell_is_derivable_across_cuts(s in arb_site(), t in 3u64..=6) {
            let units = s.units();
            let unit_vis = suppress(&units, t);
            let mut published = Echelon::default();
            for (i, v) in unit_vis.iter().enumerate() {
                if matches!(v, Shown | NoData) {
                    published.insert(s.vector(i, |_, _| true));
                }
            }
            // Every cell a reader could ask about: (unit, cut, set of declared bands).
            let mut secret: Vec<(usize, bool, Vec<usize>)> = Vec::new();
            let mut levels = Vec::new();
            for first in [true, false] {
                let table = s.cut(first);
                let declared = table.bands - 1;
                // Single bands and every run of neighbours (what any level could merge).
                for i in 0..s.n() {
                    for lo in 0..=declared {
                        for hi in lo..=declared {
                            if lo == declared && hi == declared || hi < declared {
                                secret.push((i, first, (lo..=hi).collect()));
                            }
                        }
                    }
                }
                if let Some(level) = choose_level(&units, &unit_vis, &table, t) {
                    for i in 0..s.n() {
                        if level.vis[i].is_shown() || level.vis[i] == NoData {
                            for (k, group) in level.band_groups.iter().enumerate() {
                                let cell = level.table.row(i)[k];
                                prop_assert!(cell == 0 || cell >= t, "unit {i} cell {k}: {cell}");
                                published.insert(s.vector(i, |a, b| {
                                    group.contains(if first { &a } else { &b })
                                }));
                            }
                        }
                    }
                    levels.push((first, level));
                }
            }
            for (i, v) in unit_vis.iter().enumerate() {
                if v.is_hidden() {
                    prop_assert!(!published.contains(s.vector(i, |_, _| true)),
                        "hidden unit {i} derivable");
                }
            }
            for (i, first, bands) in secret {
                let keep = |a: usize, b: usize| bands.contains(if first { &a } else { &b });
                let n = s.count(i, keep);
                // No group below the threshold, whatever bands it spans, can be computed.
                if n > 0 && n < t {
                    prop_assert!(!published.contains(s.vector(i, keep)),
                        "unit {i}, cut {}, bands {bands:?}: {n} respondents derivable",
                        if first { "A" } else { "B" });
                }
            }
            // No cell of a hidden row, whatever its size, can be computed.
            for (first, level) in levels {
                for i in 0..s.n() {
                    if !level.vis[i].is_hidden() {
                        continue;
                    }
                    for (k, group) in level.band_groups.iter().enumerate() {
                        let keep = |a: usize, b: usize| group.contains(if first { &a } else { &b });
                        if level.table.row(i)[k] > 0 {
                            prop_assert!(!published.contains(s.vector(i, keep)),
                                "unit {i}, cut {}, band {k} of a hidden row derivable",
                                if first { "A" } else { "B" });
                        }
                    }
                }
            }
        }

        /// The rules hide nothing that need not be hidden: where every unit is shown by the tree
        /// and no cell is small, every row is published at the declared bands.
        #[test]
        fn a_cut_without_small_cells_is_shown_whole(mut s in arb_site(), t in 3u64..=5) {
            // Respondents only in groups of 5 or more: every cell and total is 0 or at least t.
            // (A region's own respondents are a hidden group of their own, so only teams hold
            // respondents here.)
            s.own_inner = false;
            s.finest.iter_mut().flatten().flatten().for_each(|c| if *c < 5 { *c = 0 });
            let units = s.units();
            let unit_vis = suppress(&units, t);
            let table = s.cut(true);
            prop_assume!(units[0].responses > 0);
            let level = choose_level(&units, &unit_vis, &table, t).expect("shown");
            prop_assert_eq!(level.band_groups.len(), A);
            for (u, v) in units.iter().zip(&level.vis) {
                prop_assert_eq!(*v, if u.responses == 0 { NoData } else { Shown });
            }
        }

        /// Rule 2 and rule 1 hold in the result: below a hidden row nothing is published, a
        /// published row has no cell of 1 to t − 1, and a unit the tree hides has no row.
        #[test]
        fn published_rows_have_published_parents_and_no_small_cells(s in arb_site(), t in 3u64..=6) {
            let units = s.units();
            let unit_vis = suppress(&units, t);
            let table = s.cut(true);
            let rows = suppress_cut(&units, &unit_vis, &table, t);
            for (i, row) in rows.iter().enumerate() {
                if row.is_shown() {
                    prop_assert!(unit_vis[i].is_shown());
                    prop_assert!(table.row(i).iter().all(|&c| c == 0 || c >= t));
                    if let Some(p) = units[i].parent {
                        prop_assert!(rows[p].is_shown(), "row {i} shown under hidden row {p}");
                    }
                }
            }
        }
    }
}
