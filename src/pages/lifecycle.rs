//! The lifecycle page (`lifecycle/index.html`): EX index, eNPS and turnover by tenure band, from
//! the first months to long service, with onboarding (the first band) on its own; then EX by
//! every other background group, and the units whose rows the anonymity rule publishes. Only
//! what `crate::cuts` published is read here: a hidden row or cut has no numbers to show.

use serde::Serialize;

use super::{FigureMaker, Renderer, Tile};
use crate::charts::{self, Figure};
use crate::cuts::{CutAnalysis, ShownCut};
use crate::diagnostics::Diagnostic;
use crate::i18n::Arg;
use crate::model::BandName;
use crate::output::OutputFile;

/// The cut the lifecycle is drawn from.
pub const TENURE: &str = "tenure";

/// One band of a cut as a table row.
#[derive(Serialize)]
struct BandRow {
    band: String,
    responses: String,
    ex_index: String,
    enps: String,
    turnover: Option<String>,
}

/// One cut of the organisation, as a table.
#[derive(Serialize)]
struct CutView {
    id: String,
    heading: String,
    note: Option<String>,
    rows: Vec<BandRow>,
    not_stated: Option<String>,
    turnover: bool,
}

/// A unit whose row is published: its EX index per band.
#[derive(Serialize)]
struct UnitBands {
    name: String,
    href: String,
    depth: usize,
    values: Vec<String>,
}

/// A message with arguments, from a figure maker's translations.
fn message(f: &FigureMaker, key: &str, args: &[(&str, Arg)]) -> String {
    f.tr.format(key, args)
}

/// The period whose cuts the page shows: the latest with any.
pub(super) fn lifecycle_period(r: &Renderer) -> Option<usize> {
    r.analysis.periods.iter().rposition(|p| !p.cuts.is_empty())
}

/// A band's name in the page's language: "under 1 year", "1–3 years", "10 years or more".
pub(super) fn band_label(r: &FigureMaker, band: &BandName) -> String {
    let years = |v: f64| {
        let decimals = if v.fract() == 0.0 { 0 } else { 1 };
        Arg::from(r.fmt.number(v, decimals))
    };
    match band {
        BandName::Named(name) => name.clone(),
        BandName::Years {
            from: None,
            to: Some(to),
        } => message(
            r,
            "band_years_under",
            &[("to", years(*to)), ("count", Arg::from(*to))],
        ),
        BandName::Years {
            from: Some(from),
            to: Some(to),
        } => message(
            r,
            "band_years_between",
            &[("from", years(*from)), ("to", years(*to))],
        ),
        BandName::Years {
            from: Some(from),
            to: None,
        } => message(
            r,
            "band_years_from",
            &[("from", years(*from)), ("count", Arg::from(*from))],
        ),
        BandName::Years {
            from: None,
            to: None,
        } => message(r, "band_years_any", &[]),
    }
}

fn cut_of<'a>(r: &'a Renderer, p: usize, name: &str) -> Option<&'a CutAnalysis> {
    r.analysis.periods[p].cuts.iter().find(|c| c.name == name)
}

/// EX index by tenure band of one unit in one period, as bars (the index is a share of
/// favourable answers, so a 0–100 % axis). None when the tenure cut or the unit's row is not
/// published.
pub fn lifecycle_chart(f: &FigureMaker, p: usize, unit: usize) -> Option<Figure> {
    let period = &f.analysis.periods[p];
    let cut = period.cuts.iter().find(|c| c.name == TENURE)?;
    let shown = cut.shown.as_ref()?;
    let row = shown.rows[unit].as_ref()?;
    let text = |key: &str| message(f, key, &[]);
    let rows: Vec<charts::BarRow> = shown
        .bands
        .iter()
        .zip(&row.bands)
        .filter_map(|(band, stats)| {
            Some(charts::BarRow {
                label: band_label(f, band),
                href: None,
                value: stats.index? / 100.0,
                note: Some(message(f, "band_n", &[("n", Arg::from(stats.responses))])),
            })
        })
        .collect();
    let first = rows.first()?;
    let unit_name = super::unit_name(f.site, unit);
    let desc = message(
        f,
        "lifecycle_chart_desc",
        &[
            ("unit", Arg::from(unit_name.clone())),
            ("band", Arg::from(first.label.clone())),
            ("value", Arg::from(f.fmt.number(first.value * 100.0, 0))),
        ],
    );
    let title = format!(
        "{} · {} · {}",
        text("lifecycle_chart_title"),
        unit_name,
        f.tr.period(period.period)
    );
    let n = f.counter.get() + 1;
    f.counter.set(n);
    let labels = charts::BarLabels {
        row: f.strings.get("tenure_band").copied().unwrap_or("tenure"),
        value: f.strings.get("ex_index").copied().unwrap_or("EX"),
        note: f.strings.get("respondents").copied().unwrap_or("n"),
    };
    Some(charts::render_bars(
        &format!("{}lifecycle-{n}", f.id_prefix),
        &rows,
        &labels,
        f.fmt,
        &title,
        &desc,
    ))
}

impl Renderer<'_> {
    /// Whether the site has background data: then the page and its nav link exist.
    pub(super) fn has_lifecycle(&self) -> bool {
        lifecycle_period(self).is_some()
    }

    fn cut_view(&self, cut: &CutAnalysis, shown: &ShownCut, heading: String) -> CutView {
        let figures = self.figures("lifecycle/index.html");
        let org = shown.rows[0].as_ref();
        let dash = || "–".to_string();
        let rows = shown
            .bands
            .iter()
            .enumerate()
            .map(|(b, band)| {
                let stats = org.map(|o| &o.bands[b]);
                BandRow {
                    band: band_label(&figures, band),
                    responses: stats.map_or_else(dash, |s| s.responses.to_string()),
                    ex_index: stats
                        .and_then(|s| s.index)
                        .map_or_else(dash, |v| self.fmt.number(v, 0)),
                    enps: stats
                        .and_then(|s| s.enps)
                        .map_or_else(dash, |e| self.fmt.signed(e.score, 0)),
                    turnover: cut.leavers_known.then(|| {
                        stats
                            .and_then(|s| s.turnover)
                            .map_or_else(dash, |t| self.fmt.percent(t, 0))
                    }),
                }
            })
            .collect();
        CutView {
            id: cut.name.clone(),
            heading,
            note: shown
                .merged
                .then(|| self.t("bands_merged_note").to_string()),
            rows,
            not_stated: org
                .filter(|o| o.not_stated > 0)
                .map(|o| self.tr("band_not_stated_note", &[("n", Arg::from(o.not_stated))])),
            turnover: cut.leavers_known,
        }
    }

    pub(super) fn lifecycle_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = "lifecycle/index.html";
        let mut context = self.context(path, self.t("lifecycle"), "lifecycle");
        let figures = self.figures(path);
        let p = lifecycle_period(self).unwrap_or(0);
        let period = &self.analysis.periods[p];
        let period_name = self.period_name(period.period);
        context.insert("heading", self.t("lifecycle_heading"));
        context.insert(
            "lead",
            &self.tr(
                "lifecycle_lead",
                &[("period", Arg::from(period_name.clone()))],
            ),
        );
        let tenure = cut_of(self, p, TENURE);
        let tenure_shown = tenure.and_then(|c| c.shown.as_ref());
        let mut tiles = Vec::new();
        let mut lifecycle = None;
        let mut units = Vec::new();
        let mut band_headers = Vec::new();
        if let (Some(cut), Some(shown)) = (tenure, tenure_shown) {
            lifecycle = Some(self.cut_view(cut, shown, self.t("lifecycle_by_tenure").to_string()));
            // Onboarding: the first band beside the whole organisation.
            if let Some(first) = shown.rows[0].as_ref().map(|o| &o.bands[0]) {
                let org = period.units[0].ex.as_ref();
                let band = band_label(&figures, &shown.bands[0]);
                let compare = |value: Option<String>| {
                    value.map(|v| self.tr("onboarding_compare", &[("value", Arg::from(v))]))
                };
                tiles.push(Tile {
                    label: self.tr("onboarding_index", &[("band", Arg::from(band.clone()))]),
                    value: figures.index_or_dash(first.index),
                    side: Some("ex"),
                    compare: compare(org.and_then(|e| e.index).map(|v| self.fmt.number(v, 0))),
                    note: Some(self.tr("band_n", &[("n", Arg::from(first.responses))])),
                    ..Tile::default()
                });
                tiles.push(Tile {
                    label: self.tr("onboarding_enps", &[("band", Arg::from(band.clone()))]),
                    value: first
                        .enps
                        .map_or_else(|| "–".into(), |e| self.fmt.signed(e.score, 0)),
                    side: Some("ex"),
                    compare: compare(
                        org.and_then(|e| e.enps)
                            .map(|e| self.fmt.signed(e.score, 0)),
                    ),
                    ..Tile::default()
                });
                if let Some(t) = first.turnover {
                    tiles.push(Tile {
                        label: self.tr("onboarding_left", &[("band", Arg::from(band))]),
                        value: self.fmt.percent(t, 0),
                        side: Some("ex"),
                        ..Tile::default()
                    });
                }
            }
            band_headers = shown
                .bands
                .iter()
                .map(|b| band_label(&figures, b))
                .collect();
            // As every unit table: down to the deepest level that keeps it within
            // `TABLE_MAX_ROWS` rows, so the page does not grow with the number of teams.
            let listed = |u: usize| shown.rows[u].is_some() && self.has_unit_page(u);
            let mut per_depth: Vec<usize> = Vec::new();
            for u in (1..self.site.units.len()).filter(|&u| listed(u)) {
                let d = self.site.units.units[u].depth;
                if per_depth.len() <= d {
                    per_depth.resize(d + 1, 0);
                }
                per_depth[d] += 1;
            }
            let mut max_depth = 0;
            let mut rows_so_far = 0;
            for (d, count) in per_depth.iter().enumerate() {
                rows_so_far += count;
                if rows_so_far > super::scale::TABLE_MAX_ROWS {
                    break;
                }
                max_depth = d;
            }
            for u in 1..self.site.units.len() {
                let Some(row) = &shown.rows[u] else { continue };
                if !listed(u) || self.site.units.units[u].depth > max_depth {
                    continue;
                }
                units.push(UnitBands {
                    name: self.unit_name(u),
                    href: self.unit_path(u),
                    depth: self.site.units.units[u].depth,
                    values: row
                        .bands
                        .iter()
                        .map(|s| figures.index_or_dash(s.index))
                        .collect(),
                });
            }
        }
        let chart = lifecycle_chart(&figures, p, 0).map(|f| self.figure_html(&f));
        let others: Vec<CutView> = period
            .cuts
            .iter()
            .filter(|c| c.name != TENURE)
            .filter_map(|c| {
                let shown = c.shown.as_ref()?;
                Some(self.cut_view(
                    c,
                    shown,
                    self.tr("by_background", &[("cut", Arg::from(c.label.clone()))]),
                ))
            })
            .collect();
        let hidden: Vec<String> = period
            .cuts
            .iter()
            .filter(|c| c.shown.is_none())
            .map(|c| {
                self.tr(
                    "cut_not_shown",
                    &[
                        ("cut", Arg::from(c.label.clone())),
                        ("n", Arg::from(self.site.config.anonymity_threshold)),
                    ],
                )
            })
            .collect();
        let has_tenure = lifecycle.is_some();
        let cuts: Vec<CutView> = lifecycle.into_iter().chain(others).collect();
        context.insert("tiles", &tiles);
        context.insert("has_tenure", &has_tenure);
        context.insert("chart", &chart);
        context.insert("band_headers", &band_headers);
        context.insert("band_units", &units);
        context.insert("cuts", &cuts);
        context.insert("cuts_hidden", &hidden);
        self.render("lifecycle.html", path, &context)
    }
}

/// For the `kind="lifecycle"` chart shortcode: `None` says "not shown".
pub(super) fn shortcode_chart(f: &FigureMaker, p: usize, unit: usize) -> Option<Figure> {
    lifecycle_chart(f, p, unit)
}
