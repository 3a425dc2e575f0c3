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

use crate::background::{CutLevel, CutTable, choose_level, suppress_cut};
use crate::model::{BandName, CutCounts};
use crate::privacy::{GroupSize, Visibility};
use crate::stats::{self, NetScore, Scale};

/// One cut of one period as published.
#[derive(Clone, Debug)]
pub struct CutAnalysis {
    pub name: String,
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
        let measure_vis = suppress_cut(frame.units, vis, &table, frame.threshold);
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
