//! What keeps pages light when the organisation has thousands of teams: organisation-wide tables
//! list units level by level up to a row limit, a team page shows its rank instead of every
//! other team, and the overview and period pages name the few teams that need attention.
//! Everything here is computed from shown figures only, so it reveals nothing hidden.

use serde::Serialize;

use super::{Renderer, unit_path};
use crate::aggregate::{self, PeriodAnalysis};
use crate::format::round_half_away;
use crate::model::UnitTree;

/// Organisation-wide unit tables and lists stop at the deepest level that keeps them this short.
pub const TABLE_MAX_ROWS: usize = 2500;
/// Ranked team tables longer than this show the top and the bottom half of it.
pub const RANKED_MAX_ROWS: usize = 200;
/// Teams in each "needs attention" list.
pub const ATTENTION_ROWS: usize = 5;

/// The units below `top` down to the deepest level that keeps the list at most `max` long (at
/// least the level just below `top`), in tree order; and whether that is every unit below it.
pub fn listed_units(units: &UnitTree, top: usize, max: usize) -> (Vec<usize>, bool) {
    let below = units.subtree(top).split_off(1);
    let base = units.units[top].depth;
    let deepest = below
        .iter()
        .map(|&u| units.units[u].depth)
        .max()
        .unwrap_or(base);
    let mut per_depth = vec![0usize; deepest - base + 1];
    for &u in &below {
        per_depth[units.units[u].depth - base] += 1;
    }
    let mut limit = base + 1;
    let mut total = 0;
    for (offset, count) in per_depth.iter().enumerate().skip(1) {
        total += count;
        if total > max {
            break;
        }
        limit = base + offset;
    }
    let complete = limit >= deepest;
    let listed = below
        .into_iter()
        .filter(|&u| units.units[u].depth <= limit)
        .collect();
    (listed, complete)
}

/// Shown team indices of one period, sorted, for ranks in constant page size.
#[derive(Default)]
pub struct Ranking {
    ex: Vec<f64>,
    cx: Vec<f64>,
}

impl Ranking {
    pub fn of(units: &UnitTree, period: &PeriodAnalysis) -> Ranking {
        let mut ranking = Ranking::default();
        for team in units.leaves() {
            let r = &period.units[team];
            ranking.ex.extend(r.ex.as_ref().and_then(|e| e.index));
            ranking.cx.extend(r.cx.as_ref().and_then(|c| c.index));
        }
        ranking.ex.sort_by(f64::total_cmp);
        ranking.cx.sort_by(f64::total_cmp);
        ranking
    }
}

/// Rank (1 = highest), number of teams ranked, and the share of them below `value`.
fn position(sorted: &[f64], value: f64) -> (usize, usize, f64) {
    let lower = sorted.partition_point(|&v| v < value);
    let higher = sorted.len() - sorted.partition_point(|&v| v <= value);
    (higher + 1, sorted.len(), lower as f64 / sorted.len() as f64)
}

#[derive(Serialize)]
pub struct AttentionList {
    pub heading: &'static str,
    pub rows: Vec<AttentionRow>,
}

#[derive(Serialize)]
pub struct AttentionRow {
    pub name: String,
    pub href: String,
    pub value: String,
}

impl Renderer<'_> {
    /// "EX index 71: rank 12 of 1,800 teams; 99 % of the teams are lower." for a team's page.
    pub(super) fn position_sentences(&self, p: usize, team: usize) -> Vec<String> {
        let Some(ranking) = self.ranking.as_ref().filter(|_| Some(p) == self.latest()) else {
            return Vec::new();
        };
        let r = &self.analysis.periods[p].units[team];
        let ex = r.ex.as_ref().and_then(|e| e.index);
        let cx = r.cx.as_ref().and_then(|c| c.index);
        [("ex_index", ex, &ranking.ex), ("cx_index", cx, &ranking.cx)]
            .into_iter()
            .filter_map(|(key, value, sorted)| {
                let value = value?;
                let (rank, n, lower) = position(sorted, value);
                Some(self.tr(
                    "position_sentence",
                    &[
                        ("measure", self.t(key).into()),
                        ("value", self.fmt.number(value, 0).into()),
                        ("rank", self.fmt.number(rank as f64, 0).into()),
                        ("n", self.fmt.number(n as f64, 0).into()),
                        ("pct", self.fmt.percent(lower, 0).into()),
                    ],
                ))
            })
            .collect()
    }

    /// The teams of one period that need a look first: the lowest EX index, the largest drop in
    /// it since the previous period, the largest gap between EX and CX index.
    pub(super) fn attention(&self, p: usize) -> Vec<AttentionList> {
        let periods = &self.analysis.periods;
        let ex_index = |q: &PeriodAnalysis, u: usize| q.units[u].ex.as_ref().and_then(|e| e.index);
        let cx_index = |q: &PeriodAnalysis, u: usize| q.units[u].cx.as_ref().and_then(|c| c.index);
        let mut lowest = Vec::new();
        let mut drops = Vec::new();
        let mut gaps = Vec::new();
        for team in self.site.units.leaves() {
            let Some(ex) = ex_index(&periods[p], team) else {
                continue;
            };
            // Each list is sorted by the unrounded values; the value shown is what a reader can
            // check on the team's page: a fall or a gap is the difference of the shown indices.
            let fmt = self.fmt;
            lowest.push((ex, team, fmt.number(ex, 0)));
            if let Some(before) = p.checked_sub(1).and_then(|q| ex_index(&periods[q], team))
                && ex < before
            {
                drops.push((ex - before, team, fmt.shown_change(before, ex, 0)));
            }
            if let Some(cx) = cx_index(&periods[p], team) {
                let shown_gap = round_half_away(ex, 0) - round_half_away(cx, 0);
                gaps.push((-(ex - cx).abs(), team, fmt.number(shown_gap.abs(), 0)));
            }
        }
        let lists = [
            ("attention_lowest", lowest),
            ("attention_drop", drops),
            ("attention_gap", gaps),
        ];
        lists
            .into_iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(key, mut list)| {
                // Smallest first; ties in unit order, so the lists never depend on threads.
                list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                list.truncate(ATTENTION_ROWS);
                AttentionList {
                    heading: self.t(key),
                    rows: list
                        .into_iter()
                        .map(|(_, team, value)| AttentionRow {
                            name: self.unit_name(team),
                            href: unit_path(self.site, team),
                            value,
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// Notes for the hidden groups among the `listed` units, and one sentence counting the
    /// rest of the organisation's (which their own units' pages explain).
    pub(super) fn bounded_hidden_notes(&self, p: usize, listed: &[usize]) -> Vec<String> {
        let period = &self.analysis.periods[p];
        let mut notes = self.hidden_notes(period, listed.iter().copied());
        let mut is_listed = vec![false; self.site.units.len()];
        for &u in listed {
            is_listed[u] = true;
        }
        let rest = self.hidden_notes_count(period, (1..is_listed.len()).filter(|&u| !is_listed[u]));
        if rest > 0 {
            notes.push(self.tr(
                "hidden_notes_more",
                &[
                    ("count", rest.into()),
                    ("n", self.fmt.number(rest as f64, 0).into()),
                ],
            ));
        }
        notes
    }

    fn hidden_notes_count(
        &self,
        period: &PeriodAnalysis,
        units: impl Iterator<Item = usize>,
    ) -> usize {
        units
            .filter(|&u| {
                let r = &period.units[u];
                match &r.ex {
                    None => r.ex_visibility.is_hidden(),
                    Some(e) => e.withheld != aggregate::Withheld::default(),
                }
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unit;

    /// org → a, b; a → a1, a2, a3; b → b1 (pre-order).
    fn tree() -> UnitTree {
        let spec: &[(&str, Option<usize>)] = &[
            ("", None),
            ("a", Some(0)),
            ("a1", Some(1)),
            ("a2", Some(1)),
            ("a3", Some(1)),
            ("b", Some(0)),
            ("b1", Some(5)),
        ];
        let mut units: Vec<Unit> = Vec::new();
        for (i, &(id, parent)) in spec.iter().enumerate() {
            let depth = parent.map(|p| units[p].depth + 1).unwrap_or(0);
            units.push(Unit {
                id: id.into(),
                name: id.into(),
                supervisor: None,
                parent,
                children: vec![],
                depth,
                report_with: None,
            });
            if let Some(p) = parent {
                units[p].children.push(i);
            }
        }
        UnitTree::new(units)
    }

    #[test]
    fn lists_every_level_that_fits_and_says_whether_that_is_all() {
        let t = tree();
        assert_eq!(listed_units(&t, 0, 6), (vec![1, 2, 3, 4, 5, 6], true));
        // Six units do not fit in five rows: the first level only.
        assert_eq!(listed_units(&t, 0, 5), (vec![1, 5], false));
        // Even a first level too long for the limit is listed: there is nothing coarser.
        assert_eq!(listed_units(&t, 0, 1), (vec![1, 5], false));
        assert_eq!(listed_units(&t, 1, 2), (vec![2, 3, 4], true));
        assert_eq!(listed_units(&t, 2, 10), (vec![], true));
    }

    #[test]
    fn rank_counts_higher_values_and_share_counts_lower_ones() {
        let sorted = [10.0, 20.0, 20.0, 30.0, 40.0];
        // 40: nobody higher, four of five lower.
        assert_eq!(position(&sorted, 40.0), (1, 5, 0.8));
        // A tie shares the rank: two teams (30, 40) are higher; one (10) is lower.
        assert_eq!(position(&sorted, 20.0), (3, 5, 0.2));
        assert_eq!(position(&sorted, 10.0), (5, 5, 0.0));
    }
}
