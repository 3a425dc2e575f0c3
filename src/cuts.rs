//! Aggregate for background cuts: from one period's counts per team × band to the figures of
//! every unit × band that may be published (EX index, eNPS, respondents; turnover for the
//! organisation).
//!
//! The counts are summed up the unit tree as the teams' are (a `report_with` team's into the
//! unit it is reported with); the "not stated" band of every unit is its respondents minus
//! those in a declared band, so every row adds up to the unit's total. Then
//! [`crate::background::choose_level`] decides the level and the rows on the respondents' table,
//! and each measure whose counts differ from the respondents (an item's answered n, the eNPS
//! answers) gets the same rule on its own table, forced by the rows' decision — as each measure
//! of the unit tree does (`privacy::suppress_measure`). A band's EX index is published only
//! when every question of the period's set is published in that band. Turnover by band is
//! published for the organisation only: a unit's leavers by band could be subtracted from its
//! parent's.

use crate::background::{CutLevel, CutTable, choose_level, suppress_cut_measure};
use crate::model::{BandName, CutCounts};
use crate::privacy::{GroupSize, Visibility};
use crate::stats::{self, NetScore, Scale};

/// One cut of one period as published.
#[derive(Clone, Debug)]
pub struct CutAnalysis {
    pub name: String,
    pub label: String,
    pub leavers_known: bool,
    /// None: no level of the cut passes the anonymity rule in this period.
    pub shown: Option<ShownCut>,
}

#[derive(Clone, Debug)]
pub struct ShownCut {
    /// The bands shown ("not stated" apart), declared bands merged at the chosen level.
    pub bands: Vec<BandName>,
    /// The declared bands of each shown band.
    pub band_groups: Vec<Vec<usize>>,
    /// Whether bands were merged to keep the cut shown.
    pub merged: bool,
    /// Indexed by unit: the published row, if any.
    pub rows: Vec<Option<CutRow>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CutRow {
    pub bands: Vec<BandStats>,
    pub not_stated: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandStats {
    pub responses: u64,
    /// Mean favourable share (0–100) over the period's EX question set.
    pub index: Option<f64>,
    pub enps: Option<NetScore>,
    /// Organisation only, when the export has exit dates: leavers / respondents of the band.
    pub turnover: Option<f64>,
}

/// What the cut aggregate needs of the period beside the cut: the tree, who is reported with
/// whom, the unit rule's decision, the scales of the EX items and the period's question set.
pub struct PeriodFrame<'a> {
    pub units: &'a [GroupSize],
    pub report_with: &'a [Option<usize>],
    pub unit_vis: &'a [Visibility],
    pub scales: &'a [Scale],
    pub asked: &'a [bool],
    pub threshold: u64,
}

/// Per unit × declared band ("not stated" last): respondents, leavers, eNPS counts 0–10, and
/// per item its favourable and answered counts, in one flat array.
struct Cells {
    bands: usize,
    items: usize,
    data: Vec<u64>,
}

const RESPONSES: usize = 0;
const LEAVERS: usize = 1;
const ENPS: usize = 2;
const ITEMS: usize = ENPS + 11;

impl Cells {
    fn stride(&self) -> usize {
        ITEMS + 2 * self.items
    }
    fn at(&self, unit: usize, band: usize) -> &[u64] {
        let s = self.stride();
        let start = (unit * self.bands + band) * s;
        &self.data[start..start + s]
    }
    fn at_mut(&mut self, unit: usize, band: usize) -> &mut [u64] {
        let s = self.stride();
        let start = (unit * self.bands + band) * s;
        &mut self.data[start..start + s]
    }
    /// Adds unit `from`'s row into unit `to`'s (`to` < `from`), optionally clearing `from`.
    fn add_row(&mut self, to: usize, from: usize, clear: bool) {
        let row = self.bands * self.stride();
        let (lower, upper) = self.data.split_at_mut(from * row);
        let source = &mut upper[..row];
        for (t, f) in lower[to * row..(to + 1) * row]
            .iter_mut()
            .zip(source.iter_mut())
        {
            *t += *f;
            if clear {
                *f = 0;
            }
        }
    }
    /// One figure per unit × shown band, summed over each band group.
    fn table(&self, groups: &[Vec<usize>], figure: impl Fn(&[u64]) -> u64) -> CutTable {
        let units = self.data.len() / (self.bands * self.stride()).max(1);
        let mut cells = Vec::with_capacity(units * groups.len());
        for u in 0..units {
            for g in groups {
                cells.push(g.iter().map(|&b| figure(self.at(u, b))).sum());
            }
        }
        CutTable {
            bands: groups.len(),
            cells,
        }
    }
}

/// The published figures of one cut in one period.
pub fn analyse_cut(frame: &PeriodFrame, cut: &CutCounts) -> CutAnalysis {
    let n = frame.units.len();
    let declared = cut.bands.len();
    let items = frame.scales.len();
    let mut cells = Cells {
        bands: declared + 1,
        items,
        data: vec![0; n * (declared + 1) * (ITEMS + 2 * items)],
    };
    for (unit, row) in &cut.teams {
        for (band, counts) in row.iter().enumerate().take(declared + 1) {
            let cell = cells.at_mut(*unit, band);
            cell[RESPONSES] = counts.responses;
            cell[LEAVERS] = counts.leavers;
            for (k, &c) in counts.enps.counts.iter().enumerate().take(11) {
                cell[ENPS + k] = c;
            }
            for (i, (answers, scale)) in counts.items.iter().zip(frame.scales).enumerate() {
                let favourable: u64 = answers
                    .counts
                    .iter()
                    .skip(usize::from(scale.favourable_from.saturating_sub(1)))
                    .sum();
                cell[ITEMS + 2 * i] = favourable;
                cell[ITEMS + 2 * i + 1] = answers.answered();
            }
        }
    }
    // As in the unit tree: a `report_with` team's respondents are the named unit's.
    for unit in 0..n {
        if let Some(target) = frame.report_with.get(unit).copied().flatten() {
            if target < unit {
                cells.add_row(target, unit, true);
            } else {
                let row = cells.bands * cells.stride();
                let moved: Vec<u64> = cells.data[unit * row..(unit + 1) * row].to_vec();
                cells.data[unit * row..(unit + 1) * row].fill(0);
                for (t, m) in cells.data[target * row..(target + 1) * row]
                    .iter_mut()
                    .zip(moved)
                {
                    *t += m;
                }
            }
        }
    }
    for unit in (1..n).rev() {
        if let Some(parent) = frame.units[unit].parent {
            cells.add_row(parent, unit, false);
        }
    }
    // "Not stated": the unit's respondents in no declared band (blank cells, and teams whose
    // results came as counts or from an export without this column).
    for unit in 0..n {
        let stated: u64 = (0..declared).map(|b| cells.at(unit, b)[RESPONSES]).sum();
        cells.at_mut(unit, declared)[RESPONSES] =
            frame.units[unit].responses.saturating_sub(stated);
    }
    let all: Vec<Vec<usize>> = (0..=declared).map(|b| vec![b]).collect();
    let respondents = cells.table(&all, |c| c[RESPONSES]);
    let shown = choose_level(frame.units, frame.unit_vis, &respondents, frame.threshold)
        .map(|level| publish(frame, cut, &cells, level));
    CutAnalysis {
        name: cut.name.clone(),
        label: cut.label.clone(),
        leavers_known: cut.leavers_known,
        shown,
    }
}

fn publish(frame: &PeriodFrame, cut: &CutCounts, cells: &Cells, level: CutLevel) -> ShownCut {
    let groups = &level.band_groups[..level.band_groups.len() - 1];
    let vis = &level.vis;
    // Each measure's own table, its rows forced hidden where the respondents' row is.
    let measure = |figure: &dyn Fn(&[u64]) -> u64| -> (CutTable, Vec<Visibility>) {
        let table = cells.table(groups, figure);
        let measure_vis =
            suppress_cut_measure(frame.units, frame.unit_vis, vis, &table, frame.threshold);
        (table, measure_vis)
    };
    let (enps_answered, enps_vis) = measure(&|c| c[ENPS..ITEMS].iter().sum());
    let item_tables: Vec<(CutTable, Vec<Visibility>)> = (0..frame.scales.len())
        .map(|i| measure(&|c| c[ITEMS + 2 * i + 1]))
        .collect();
    let favourable = |unit: usize, band: usize, i: usize| -> u64 {
        groups[band]
            .iter()
            .map(|&b| cells.at(unit, b)[ITEMS + 2 * i])
            .sum()
    };
    let rows = (0..frame.units.len())
        .map(|u| {
            if !vis[u].is_shown() {
                return None;
            }
            let bands = (0..groups.len())
                .map(|b| {
                    let responses = level.table.row(u)[b];
                    let sum =
                        |k: usize| -> u64 { groups[b].iter().map(|&d| cells.at(u, d)[k]).sum() };
                    // The index: every asked item published here, or none.
                    let mut values = Vec::new();
                    let mut complete = responses > 0;
                    for (i, (table, item_vis)) in item_tables.iter().enumerate() {
                        if !frame.asked.get(i).copied().unwrap_or(false) {
                            continue;
                        }
                        let answered = table.row(u)[b];
                        if !item_vis[u].is_shown() || answered == 0 {
                            complete = false;
                            break;
                        }
                        values.push(favourable(u, b, i) as f64 / answered as f64 * 100.0);
                    }
                    let index = if complete { stats::mean(&values) } else { None };
                    let enps = if enps_vis[u].is_shown() && enps_answered.row(u)[b] > 0 {
                        let counts: [u64; 11] = std::array::from_fn(|k| sum(ENPS + k));
                        stats::net_score(&counts)
                    } else {
                        None
                    };
                    let turnover = (u == 0 && cut.leavers_known && responses > 0)
                        .then(|| sum(LEAVERS) as f64 / responses as f64);
                    BandStats {
                        responses,
                        index,
                        enps,
                        turnover,
                    }
                })
                .collect();
            Some(CutRow {
                bands,
                not_stated: level.table.row(u)[groups.len()],
            })
        })
        .collect();
    ShownCut {
        bands: groups.iter().map(|g| merged_name(&cut.bands, g)).collect(),
        merged: groups.len() < cut.bands.len(),
        band_groups: groups.to_vec(),
        rows,
    }
}

/// The name of merged neighbouring bands: years from the first's start to the last's end, or
/// the groups' names joined.
fn merged_name(bands: &[BandName], group: &[usize]) -> BandName {
    match (&bands[group[0]], &bands[group[group.len() - 1]]) {
        (BandName::Years { from, .. }, BandName::Years { to, .. }) => BandName::Years {
            from: *from,
            to: *to,
        },
        _ => BandName::Named(
            group
                .iter()
                .map(|&b| match &bands[b] {
                    BandName::Named(name) => name.clone(),
                    BandName::Years { .. } => String::new(),
                })
                .collect::<Vec<_>>()
                .join(" / "),
        ),
    }
}

/// Every cut of one period.
pub fn analyse(
    site: &crate::model::Site,
    survey: &crate::model::SurveyPeriod,
    units: &[GroupSize],
    unit_vis: &[Visibility],
    asked: &[bool],
) -> Vec<CutAnalysis> {
    if survey.background.is_empty() {
        return Vec::new();
    }
    let report_with: Vec<Option<usize>> = site.units.units.iter().map(|u| u.report_with).collect();
    let scales: Vec<Scale> = site
        .framework
        .items(crate::framework::Side::Ex)
        .map(|i| i.scale)
        .collect();
    let frame = PeriodFrame {
        units,
        report_with: &report_with,
        unit_vis,
        scales: &scales,
        asked,
        threshold: site.config.anonymity_threshold,
    };
    survey
        .background
        .iter()
        .map(|cut| analyse_cut(&frame, cut))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answers, BandCounts};
    use crate::privacy::Visibility::{NoData, Shown};
    use crate::privacy::suppress;
    use crate::privacy::tests::Echelon;
    use proptest::prelude::*;

    /// Bands of the random cut: 3 declared + not stated. Each respondent also has an eNPS
    /// answer (promoter, passive, detractor or none) and an answer to one 1–5 item
    /// (favourable, not, or none).
    const BANDS: usize = 4;
    const E: usize = 4;
    const I: usize = 3;

    #[derive(Clone, Debug)]
    struct Site {
        parents: Vec<Option<usize>>,
        /// `finest[unit][band][e][i]`, respondents only in leaves.
        finest: Vec<[[[u64; I]; E]; BANDS]>,
    }

    fn arb_site() -> impl Strategy<Value = Site> {
        (2usize..=6)
            .prop_flat_map(|n| {
                let parents = (1..n)
                    .map(|i| (0..i).prop_map(Some).boxed())
                    .collect::<Vec<_>>();
                // Mostly zeros and small counts, a few larger, so small cells are common.
                let cell = prop_oneof![6 => Just(0u64), 2 => 1u64..=2, 1 => 3u64..=6];
                let finest = prop::collection::vec(
                    prop::array::uniform4(prop::array::uniform4(prop::array::uniform3(cell))),
                    n,
                );
                (parents, finest)
            })
            .prop_map(|(rest, finest)| {
                let mut parents = vec![None];
                parents.extend(rest);
                Site { parents, finest }
            })
    }

    impl Site {
        fn n(&self) -> usize {
            self.parents.len()
        }
        fn is_leaf(&self, u: usize) -> bool {
            !self.parents.contains(&Some(u))
        }
        fn leaves(&self) -> Vec<usize> {
            (0..self.n()).filter(|&u| self.is_leaf(u)).collect()
        }
        fn under(&self, unit: usize, leaf: usize) -> bool {
            let mut u = Some(leaf);
            while let Some(i) = u {
                if i == unit {
                    return true;
                }
                u = self.parents[i];
            }
            false
        }
        /// Indicator over leaf × band × e × i of the respondents under `unit` that `keep`.
        fn vector(&self, unit: usize, keep: impl Fn(usize, usize, usize) -> bool) -> Vec<i128> {
            let mut v = Vec::new();
            for leaf in self.leaves() {
                let inside = self.under(unit, leaf);
                for b in 0..BANDS {
                    for e in 0..E {
                        for i in 0..I {
                            v.push(i128::from(inside && keep(b, e, i)));
                        }
                    }
                }
            }
            v
        }
        fn count(&self, unit: usize, keep: impl Fn(usize, usize, usize) -> bool) -> u64 {
            let mut s = 0;
            for leaf in self.leaves() {
                if self.under(unit, leaf) {
                    for b in 0..BANDS {
                        for e in 0..E {
                            for i in 0..I {
                                if keep(b, e, i) {
                                    s += self.finest[leaf][b][e][i];
                                }
                            }
                        }
                    }
                }
            }
            s
        }
        fn cut(&self) -> CutCounts {
            let teams = self
                .leaves()
                .into_iter()
                .map(|leaf| {
                    let bands = (0..BANDS)
                        .map(|b| {
                            let c = |keep: &dyn Fn(usize, usize) -> bool| {
                                self.count(leaf, |bb, e, i| bb == b && keep(e, i))
                            };
                            let mut enps = Answers::zero(11);
                            enps.counts[10] = c(&|e, _| e == 0);
                            enps.counts[7] = c(&|e, _| e == 1);
                            enps.counts[0] = c(&|e, _| e == 2);
                            enps.na = c(&|e, _| e == 3);
                            let mut item = Answers::zero(5);
                            item.counts[4] = c(&|_, i| i == 0);
                            item.counts[0] = c(&|_, i| i == 1);
                            item.na = c(&|_, i| i == 2);
                            BandCounts {
                                responses: c(&|_, _| true),
                                leavers: 0,
                                enps,
                                items: vec![item],
                            }
                        })
                        .collect();
                    (leaf, bands)
                })
                .collect();
            CutCounts {
                name: "tenure".into(),
                label: "tenure".into(),
                bands: vec![BandName::Named(String::new()); BANDS - 1],
                leavers_known: false,
                teams,
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Everything `analyse_cut` publishes — each published row's respondents per shown band
        /// and not stated, and where eNPS or the index is published its promoters, detractors
        /// and answered counts and the item's favourable and answered counts (more than the
        /// pages show) — together with the unit tree's totals: no hidden unit, no hidden row's
        /// cell, and no group of 1 to t − 1 respondents (or eNPS or item answers) in any unit ×
        /// run of bands lies in their row space.
        #[test]
        fn nothing_hidden_is_derivable_from_every_published_cut_table(s in arb_site(), t in 3u64..=5) {
            let n = s.n();
            let units: Vec<GroupSize> = (0..n)
                .map(|u| GroupSize { parent: s.parents[u], responses: s.count(u, |_, _, _| true) })
                .collect();
            let unit_vis = suppress(&units, t);
            let cut = s.cut();
            let frame = PeriodFrame {
                units: &units,
                report_with: &vec![None; n],
                unit_vis: &unit_vis,
                scales: &[Scale::LIKERT5],
                asked: &[true],
                threshold: t,
            };
            let analysis = analyse_cut(&frame, &cut);
            let mut published = Echelon::default();
            for (u, v) in unit_vis.iter().enumerate() {
                if matches!(v, Shown | NoData) {
                    published.insert(s.vector(u, |_, _, _| true));
                }
            }
            let mut hidden_rows = Vec::new();
            if let Some(shown) = &analysis.shown {
                for (u, row) in shown.rows.iter().enumerate() {
                    let Some(row) = row else {
                        hidden_rows.push(u);
                        continue;
                    };
                    prop_assert!(unit_vis[u].is_shown());
                    for (k, group) in shown.band_groups.iter().enumerate() {
                        let stats = &row.bands[k];
                        let inb = |b: usize| group.contains(&b);
                        prop_assert_eq!(stats.responses, s.count(u, |b, _, _| inb(b)));
                        prop_assert!(stats.responses == 0 || stats.responses >= t);
                        published.insert(s.vector(u, |b, _, _| inb(b)));
                        if let Some(e) = stats.enps {
                            prop_assert!(e.n >= t);
                            for cat in [0, 2] {
                                published.insert(s.vector(u, |b, e, _| inb(b) && e == cat));
                            }
                            published.insert(s.vector(u, |b, e, _| inb(b) && e < 3));
                        }
                        if stats.index.is_some() {
                            published.insert(s.vector(u, |b, _, i| inb(b) && i == 0));
                            published.insert(s.vector(u, |b, _, i| inb(b) && i < 2));
                        }
                    }
                    published.insert(s.vector(u, |b, _, _| b == BANDS - 1));
                }
            }
            for (u, v) in unit_vis.iter().enumerate() {
                if v.is_hidden() {
                    prop_assert!(!published.contains(s.vector(u, |_, _, _| true)), "hidden unit {u}");
                }
            }
            for u in 0..n {
                for lo in 0..BANDS {
                    for hi in lo..BANDS {
                        if lo < BANDS - 1 && hi == BANDS - 1 && lo != hi {
                            continue;
                        }
                        let inb = |b: usize| (lo..=hi).contains(&b);
                        let groups: [&dyn Fn(usize, usize, usize) -> bool; 3] = [
                            &|b, _, _| inb(b),
                            &|b, e, _| inb(b) && e < 3,
                            &|b, _, i| inb(b) && i < 2,
                        ];
                        for (g, keep) in groups.iter().enumerate() {
                            let c = s.count(u, keep);
                            if c > 0 && c < t {
                                prop_assert!(!published.contains(s.vector(u, keep)),
                                    "unit {u}, bands {lo}..={hi}, group {g}: {c} derivable");
                            }
                        }
                    }
                }
            }
            if let Some(shown) = &analysis.shown {
                for &u in &hidden_rows {
                    for group in &shown.band_groups {
                        let keep = |b: usize, _: usize, _: usize| group.contains(&b);
                        if s.count(u, keep) > 0 {
                            prop_assert!(!published.contains(s.vector(u, keep)),
                                "a cell of hidden row {u} derivable");
                        }
                    }
                }
            }
        }
    }
}
