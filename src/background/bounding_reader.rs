//! The bounding reader of a background cut: a reader who knows the rules, sees every published
//! number (the unit tree's totals, the cut's rows at the level chosen, which groups are hidden)
//! and knows that counts are whole and never negative. The reader tries every assignment of
//! respondents to the teams' cells that gives the same published output under the very same
//! rules ([`suppress`], then [`choose_level`]); a hidden group of 1 to t − 1 respondents (a unit's
//! total, or a unit's cell in any run of bands) must have at least two possible counts.
//!
//! That reader knows everything the rules imply: that a row hidden for a small cell has one, that
//! a complement was shown before and so had no small cell, which sibling the tie rule picks, the
//! unit tree's ranges, and that a coarser level was chosen only because the finer ones failed.

use super::*;
use crate::privacy::suppress;
use proptest::prelude::*;

/// A site for the reader: a unit tree whose teams (units without children) hold respondents,
/// `rows[team]` their count per band, the last band "not stated". Inner units' rows are sums.
#[derive(Clone, Debug)]
struct Site {
    parents: Vec<Option<usize>>,
    /// One row per unit; inner units' rows are ignored and summed from their teams.
    rows: Vec<Vec<u64>>,
}

/// What a reader sees of a unit in the tree, or of a row: its numbers, or that it is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Published,
    Hidden,
}

fn seen(v: Visibility) -> Seen {
    if v.is_hidden() {
        Seen::Hidden
    } else {
        Seen::Published
    }
}

/// The published output of one site: the tree's pattern and the cut's level and row pattern (the
/// published numbers themselves are the reader's constraints, see [`Reader::constraints`]).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Output {
    tree: Vec<Seen>,
    level: Option<(Vec<Vec<usize>>, Vec<Seen>)>,
}

impl Site {
    fn n(&self) -> usize {
        self.parents.len()
    }

    fn bands(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn teams(&self) -> Vec<usize> {
        (0..self.n())
            .filter(|&i| !self.parents.contains(&Some(i)))
            .collect()
    }

    /// The unit tree and the cut table, rows summed up from the teams.
    fn tables(&self) -> (Vec<GroupSize>, CutTable) {
        let (n, bands) = (self.n(), self.bands());
        let teams = self.teams();
        let mut cells = vec![0u64; n * bands];
        for &team in &teams {
            let mut u = Some(team);
            while let Some(i) = u {
                for b in 0..bands {
                    cells[i * bands + b] += self.rows[team][b];
                }
                u = self.parents[i];
            }
        }
        let units = (0..n)
            .map(|i| GroupSize {
                parent: self.parents[i],
                responses: cells[i * bands..(i + 1) * bands].iter().sum(),
            })
            .collect();
        (units, CutTable { bands, cells })
    }

    fn publish(&self, t: u64) -> (Vec<GroupSize>, Vec<Visibility>, CutTable, Option<CutLevel>) {
        let (units, table) = self.tables();
        let unit_vis = suppress(&units, t);
        let level = choose_level(&units, &unit_vis, &table, t);
        (units, unit_vis, table, level)
    }

    fn output(&self, t: u64) -> Output {
        let (_, unit_vis, _, level) = self.publish(t);
        Output {
            tree: unit_vis.iter().map(|&v| seen(v)).collect(),
            level: level.map(|l| (l.band_groups, l.vis.iter().map(|&v| seen(v)).collect())),
        }
    }

    /// Whether `team` lies under `unit` (or is it).
    fn under(&self, team: usize, unit: usize) -> bool {
        let mut u = Some(team);
        while let Some(i) = u {
            if i == unit {
                return true;
            }
            u = self.parents[i];
        }
        false
    }
}

/// One published number: the sum of some team cells (indices into the reader's variables).
struct Constraint {
    vars: Vec<usize>,
    target: u64,
}

/// A hidden group with one possible count: (unit, its bands or None for its total, count).
type Pinned = (usize, Option<Vec<usize>>, u64);

/// The exhaustive reader of one site.
struct Reader {
    site: Site,
    t: u64,
    output: Output,
    teams: Vec<usize>,
    constraints: Vec<Constraint>,
}

/// The most respondents the reader tries in a cell no published number bounds. (Trying fewer
/// could only make the reader look stronger.)
const UNBOUNDED_CAP: u64 = 12;

impl Reader {
    fn new(site: Site, t: u64) -> Reader {
        let output = site.output(t);
        let teams = site.teams();
        let mut reader = Reader {
            site,
            t,
            output,
            teams,
            constraints: Vec::new(),
        };
        reader.constraints = reader.constraints();
        reader
    }

    /// Variable `k * bands + b` is team `teams[k]`'s count in band `b`.
    fn var(&self, k: usize, b: usize) -> usize {
        k * self.site.bands() + b
    }

    /// Every published number as a sum of team cells: each published unit's total (a unit with
    /// no data publishes 0), and each cell of each published row at the chosen level.
    fn constraints(&self) -> Vec<Constraint> {
        let (units, unit_vis, table, level) = self.site.publish(self.t);
        let bands = self.site.bands();
        let mut out = Vec::new();
        let team_cells = |unit: usize, keep: &dyn Fn(usize) -> bool| -> Vec<usize> {
            let mut vars = Vec::new();
            for (k, &team) in self.teams.iter().enumerate() {
                if self.site.under(team, unit) {
                    vars.extend((0..bands).filter(|&b| keep(b)).map(|b| self.var(k, b)));
                }
            }
            vars
        };
        for (i, v) in unit_vis.iter().enumerate() {
            if !v.is_hidden() {
                out.push(Constraint {
                    vars: team_cells(i, &|_| true),
                    target: units[i].responses,
                });
            }
        }
        if let Some(level) = level {
            for (i, v) in level.vis.iter().enumerate() {
                if v.is_hidden() {
                    continue;
                }
                for (k, group) in level.band_groups.iter().enumerate() {
                    out.push(Constraint {
                        vars: team_cells(i, &|b| group.contains(&b)),
                        target: level.table.row(i)[k],
                    });
                }
            }
        }
        let _ = table;
        out
    }

    /// Every assignment of the team cells that meets the published numbers and gives the same
    /// published output, or None when there are more than `budget` candidates to try.
    fn readings(&self, budget: usize) -> Option<Vec<Vec<Vec<u64>>>> {
        let vars = self.teams.len() * self.site.bands();
        let mut upper = vec![UNBOUNDED_CAP; vars];
        let mut last = vec![Vec::new(); vars];
        let mut of_var = vec![Vec::new(); vars];
        for (c, con) in self.constraints.iter().enumerate() {
            for &v in &con.vars {
                upper[v] = upper[v].min(con.target);
                of_var[v].push(c);
            }
            if let Some(&v) = con.vars.iter().max() {
                last[v].push(c);
            }
        }
        let mut sums = vec![0u64; self.constraints.len()];
        let mut value = vec![0u64; vars];
        let mut found = Vec::new();
        let mut tried = 0usize;
        // Depth-first over the variables in order, keeping each published sum within its target
        // and checking it exactly once its last variable is set.
        let mut v = 0usize;
        let mut fresh = true;
        loop {
            if fresh {
                value[v] = 0;
            } else {
                // Take the previous value back out and try the next one.
                for &c in &of_var[v] {
                    sums[c] -= value[v];
                }
                value[v] += 1;
            }
            let fits = value[v] <= upper[v] && {
                for &c in &of_var[v] {
                    sums[c] += value[v];
                }
                of_var[v]
                    .iter()
                    .all(|&c| sums[c] <= self.constraints[c].target)
                    && last[v]
                        .iter()
                        .all(|&c| sums[c] == self.constraints[c].target)
            };
            if value[v] > upper[v] {
                // Exhausted: back up one variable.
                if v == 0 {
                    return Some(found);
                }
                v -= 1;
                fresh = false;
                continue;
            }
            if !fits {
                fresh = false;
                continue;
            }
            if v + 1 < vars {
                v += 1;
                fresh = true;
                continue;
            }
            tried += 1;
            if tried > budget {
                return None;
            }
            let rows = self.rows_of(&value);
            let candidate = Site {
                parents: self.site.parents.clone(),
                rows: rows.clone(),
            };
            if candidate.output(self.t) == self.output {
                found.push(rows);
            }
            fresh = false;
        }
    }

    fn rows_of(&self, value: &[u64]) -> Vec<Vec<u64>> {
        let bands = self.site.bands();
        let mut rows = vec![vec![0u64; bands]; self.site.n()];
        for (k, &team) in self.teams.iter().enumerate() {
            rows[team] = value[k * bands..(k + 1) * bands].to_vec();
        }
        rows
    }

    /// The hidden groups of 1 to t − 1 respondents that every reading gives the same count:
    /// (unit, bands or None for the unit's total, count). `None` when there were too many
    /// candidates to try.
    fn pinned(&self, budget: usize) -> Option<Vec<Pinned>> {
        let readings = self.readings(budget)?;
        assert!(
            readings.contains(&self.rows_of(&self.true_values())),
            "the true site is one reading"
        );
        let bands = self.site.bands();
        let declared = bands - 1;
        // A unit's count in some bands, on one reading.
        let count = |rows: &[Vec<u64>], unit: usize, group: &[usize]| -> u64 {
            self.teams
                .iter()
                .filter(|&&team| self.site.under(team, unit))
                .map(|&team| group.iter().map(|&b| rows[team][b]).sum::<u64>())
                .sum()
        };
        let mut groups: Vec<Option<Vec<usize>>> = vec![None];
        for lo in 0..declared {
            for hi in lo..declared {
                groups.push(Some((lo..=hi).collect()));
            }
        }
        groups.push(Some(vec![declared]));
        let level_hidden = |i: usize| match &self.output.level {
            Some((_, rows)) => rows[i] == Seen::Hidden,
            None => true,
        };
        let truth = &self.site.rows;
        let mut pinned = Vec::new();
        for i in 0..self.site.n() {
            for group in &groups {
                let all: Vec<usize> = (0..bands).collect();
                let bands_of = group.as_deref().unwrap_or(&all);
                // A published total or a published row's cell at a merged level is public;
                // everything else a reader might want is a secret. (A run of declared bands
                // inside a published row's merged band is a secret too.)
                let public = match group {
                    None => self.output.tree[i] == Seen::Published,
                    Some(g) => {
                        !level_hidden(i)
                            && self.output.level.as_ref().is_some_and(|(groups, _)| {
                                groups.iter().any(|shown| shown.as_slice() == g.as_slice())
                            })
                    }
                };
                let n = count(truth, i, bands_of);
                if public || n == 0 || n >= self.t {
                    continue;
                }
                if readings.iter().all(|r| count(r, i, bands_of) == n) {
                    pinned.push((i, group.clone(), n));
                }
            }
        }
        Some(pinned)
    }

    fn true_values(&self) -> Vec<u64> {
        self.teams
            .iter()
            .flat_map(|&team| self.site.rows[team].iter().copied())
            .collect()
    }
}

/// A site from `(parent, row)` pairs (inner units' rows are ignored).
fn site(spec: &[(Option<usize>, &[u64])]) -> Site {
    Site {
        parents: spec.iter().map(|s| s.0).collect(),
        rows: spec.iter().map(|s| s.1.to_vec()).collect(),
    }
}

/// Small random sites: up to 6 units, 2 or 3 declared bands and "not stated", mostly small
/// cells and zeros.
fn arb_site() -> impl Strategy<Value = Site> {
    (2usize..=6, 2usize..=3)
        .prop_flat_map(|(n, declared)| {
            let parents = (1..n)
                .map(|i| (0..i).prop_map(Some).boxed())
                .collect::<Vec<_>>();
            let cell = prop_oneof![3 => Just(0u64), 3 => 1u64..=4, 2 => 5u64..=9];
            let not_stated = prop_oneof![4 => Just(0u64), 1 => 1u64..=6];
            let row = (prop::collection::vec(cell, declared), not_stated).prop_map(|(mut r, x)| {
                r.push(x);
                r
            });
            (parents, prop::collection::vec(row, n))
        })
        .prop_map(|(rest, rows)| {
            let mut parents = vec![None];
            parents.extend(rest);
            Site { parents, rows }
        })
}

/// Candidates the reader tries per site before the site is set aside as too large to read.
const BUDGET: usize = 20_000;

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, max_global_rejects: 20_000, ..ProptestConfig::default() })]

    /// No hidden group of 1 to t − 1 respondents — a unit's total, or its cell in any run of
    /// bands — has only one count across every reading that gives the same published output.
    /// (Before band rule 3 weighed the cells' ranges with the rows' totals it found sites such
    /// as the one in [`the_drawn_case_publishes_nothing_that_pins_the_first_team`].)
    #[test]
    fn no_hidden_cell_is_pinned_by_a_bounding_reader(s in arb_site(), t in 3u64..=6) {
        let reader = Reader::new(s.clone(), t);
        let pinned = reader.pinned(BUDGET);
        prop_assume!(pinned.is_some());
        let pinned = pinned.unwrap();
        prop_assert!(pinned.is_empty(), "pinned (unit, bands, count) {:?} in {:?} at t = {}: {:?}",
            pinned, s, t, reader.output);
    }
}

/// The hand case at t = 3: teams [3, 3, 0], [1, 3, 0], [3, 3, 0] under the organisation, every
/// team's total (6, 4, 6) published by the unit tree.
///
/// What a reader deduced when band rule 3 looked at one band at a time: the rule hid team 2 for
/// its 1 and team 3 as the complement of band 0, and published team 1 and the organisation
/// ([7, 9, 0]). So teams 2 and 3 hold [4, 6, 0] together; with team 2 = [a, 4 − a, 0] (its total
/// is 4), team 3 = [4 − a, 2 + a, 0] (its total 6 agrees for every a). Team 3 was shown before it
/// protected, so its cells are 0 or at least 3: 4 − a ∈ {0, 3, 4} and 2 + a ≥ 3 leave a = 1 or
/// a = 4. At a = 4 team 2 = [4, 0, 0] and team 3 = [0, 6, 0] have no small cell and the rule
/// would have hidden nothing; the other values of a give a different pattern too (a = 2 or 3
/// makes both small, so band 0's 4 would be two groups of at most 2 and team 1 would go; a = 0
/// makes team 3 the small one and takes team 1 as its complement). Only a = 1 is left: team 2's
/// band 0 is pinned at 1.
///
/// Now the ranges pin band 0 too: team 2's 1 is in [1, 1] (a small cell beside a cell of at least
/// 3 in a total of 4), team 3's 3 in [3, 3] (at least 3, and at most 6 − 3): the difference 4 is
/// at the bottom of their summed range, so team 1 is hidden as well; its [3, 3] leaves band 0's 7
/// still at the bottom, no published child is left, and the organisation's row goes. With two
/// declared bands there is no coarser level, so the cut is not shown and only the totals are.
#[test]
fn a_small_cell_beside_a_complement_with_a_published_total_is_not_pinned() {
    let s = site(&[
        (None, &[]),
        (Some(0), &[3, 3, 0]),
        (Some(0), &[1, 3, 0]),
        (Some(0), &[3, 3, 0]),
    ]);
    let (units, unit_vis, table, level) = s.publish(3);
    assert_eq!(
        suppress_cut(&units, &unit_vis, &table, 3),
        [
            Visibility::Complementary,
            Visibility::HiddenParent,
            Visibility::BelowThreshold,
            Visibility::HiddenParent
        ]
    );
    assert_eq!(level, None);
    let reader = Reader::new(s, 3);
    // Only the totals are published, so there are more readings to try than in the random sites.
    assert_eq!(reader.pinned(10 * BUDGET), Some(vec![]));
}

/// The case the property test drew when band rule 3 looked at one band at a time: teams
/// [1, 2, 0], [4, 0, 9], [3, 4, 3] under the organisation at t = 3, totals 3, 13 and 10 published.
///
/// What a reader deduced then: the rule hid team 1 for its small cells and team 3 as the
/// complement of band 0, and published team 2 and the organisation ([8, 6, 12]). Teams 1 and 3
/// hold [4, 6, 3] together; with team 1 = [a, b, c], a + b + c = 3, team 3 = [4 − a, 6 − b,
/// 3 − c]. Team 3's cells are 0 or at least 3, so c is 0 or 3 and a is 0 or 1. c = 3 leaves
/// team 1 = [0, 0, 3], and a = 0, c = 0 leaves [0, 3, 0]: neither team has a small cell then, and
/// nothing would have been hidden. Only a = 1, b = 2, c = 0 is left: every cell of team 1 is
/// pinned.
///
/// Now: band 0's difference 4 is team 1's 1 (in [1, 2]) and team 3's 3 (in [3, 4]), the bottom
/// of their range, so team 2 goes too; band 1's 6 is then team 1's 2 (at most 2) and team 3's 4
/// (at most 10 − 3 − 3), the top of their range, and no published child has anyone in band 1:
/// the organisation's row goes. With two declared bands there is no coarser level, so the cut is
/// not shown, and nothing is left to pin.
#[test]
fn the_drawn_case_publishes_nothing_that_pins_the_first_team() {
    let s = site(&[
        (None, &[]),
        (Some(0), &[1, 2, 0]),
        (Some(0), &[4, 0, 9]),
        (Some(0), &[3, 4, 3]),
    ]);
    let (units, unit_vis, table, level) = s.publish(3);
    assert_eq!(
        suppress_cut(&units, &unit_vis, &table, 3),
        [
            Visibility::Complementary,
            Visibility::BelowThreshold,
            Visibility::HiddenParent,
            Visibility::HiddenParent
        ]
    );
    assert_eq!(level, None);
    let reader = Reader::new(s, 3);
    // Only the totals are published, so there are more readings to try than in the random sites.
    assert_eq!(reader.pinned(10 * BUDGET), Some(vec![]));
}

/// A case the property test drew while band rule 3 was being fixed: at t = 5, team [0, 2, 3, 0]
/// (total 5) hidden for its small cells beside its complement [6, 5, 5, 0] (total 16) under the
/// organisation, with a region of one team [0, 5, 0, 0] published. The complement has someone in
/// every band the small team has (or a band would be the small team's alone and the
/// organisation's row would go), and band 0's 6 is the complement's alone, so the other two hold
/// 10 between them with at least 5 each: the small team's 2 and 3 were pinned. That happened
/// when the bands were checked once, in order, so band 0 was checked before the complement
/// (chosen for band 1) was hidden. Now every band is checked again after a complement is hidden:
/// band 0's single hidden cell is pinned, nobody else is in band 0, and the organisation's row
/// goes. At the merged level (< 3 together) the small team's [a, 5 − a] beside the complement's
/// [13 − a, 3 + a] fits a = 2, 3 and 4.
#[test]
fn a_complement_with_someone_in_every_band_does_not_pin_the_small_row() {
    let s = site(&[
        (None, &[]),
        (Some(0), &[]),
        (Some(0), &[0, 2, 3, 0]),
        (Some(0), &[6, 5, 5, 0]),
        (Some(1), &[0, 5, 0, 0]),
    ]);
    let reader = Reader::new(s, 5);
    assert_eq!(reader.pinned(10 * BUDGET), Some(vec![]));
}
