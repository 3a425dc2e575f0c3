//! From the analysis to charts: picks the numbers a chart needs, in the page's language, and never
//! passes a hidden group to a chart.

use crate::aggregate::{Analysis, Direction, PeriodAnalysis, Verdict};
use crate::charts::{self, Cell, Figure};
use crate::format::NumberFormat;
use crate::framework::{Language, Side};
use crate::i18n::Arg;
use crate::model::{Site, UnitTree};
use crate::privacy::Visibility;
use crate::stats::Correlation;

/// Above this many linked teams the scatter plots units a level up instead.
pub const SCATTER_MAX_POINTS: usize = 400;

/// Above this many teams a heatmap or bar chart shows the level below its unit instead of every
/// team, each row a link to that unit's own chart.
pub const FIGURE_MAX_ROWS: usize = 40;

/// Everything a figure builder needs; `root` prefixes links from the current page.
pub struct FigureMaker<'a> {
    pub site: &'a Site,
    pub analysis: &'a Analysis,
    pub language: Language,
    pub fmt: NumberFormat,
    pub tr: &'static crate::i18n::Translations,
    pub strings: &'static std::collections::BTreeMap<&'static str, &'static str>,
    pub root: String,
    /// Prefix for chart ids, so several figures on one page never share an id.
    pub id_prefix: String,
    pub counter: std::cell::Cell<usize>,
}

impl<'a> FigureMaker<'a> {
    fn t(&self, key: &str) -> &'static str {
        self.strings
            .get(key)
            .copied()
            .unwrap_or_else(|| panic!("missing UI string `{key}`"))
    }

    /// A message with named arguments (see `i18n::Translations::format`).
    fn tr(&self, key: &str, args: &[(&str, crate::i18n::Arg)]) -> String {
        self.tr.format(key, args)
    }

    fn next_id(&self, kind: &str) -> String {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        format!("{}{kind}-{n}", self.id_prefix)
    }

    fn unit_name(&self, unit: usize) -> String {
        super::unit_name(self.site, unit)
    }

    pub fn unit_href(&self, unit: usize) -> String {
        format!("{}{}", self.root, super::unit_path(self.site, unit))
    }

    fn period(&self, index: usize) -> &PeriodAnalysis {
        &self.analysis.periods[index]
    }

    /// "r = 0.62 (95% interval 0.31–0.81, p = 0.004), 24 teams"
    pub fn correlation_text(&self, c: &Correlation) -> String {
        let key = if c.interval.is_some() {
            "correlation_text"
        } else {
            "correlation_text_no_interval"
        };
        let [low, high] = self.interval_bounds(c.interval);
        self.tr(
            key,
            &[
                ("r", self.fmt.number(c.r, 2).into()),
                ("low", low.into()),
                ("high", high.into()),
                ("p", super::format_p(self.fmt, c.p_value).into()),
                ("teams", Arg::from(c.n)),
            ],
        )
    }

    /// A correlation interval's bounds as the sentences print them; empty when there is none
    /// (the `_no_interval` messages do not use them).
    fn interval_bounds(&self, interval: Option<crate::stats::Interval>) -> [String; 2] {
        interval.map_or_else(Default::default, |i| {
            [self.fmt.number(i.low, 2), self.fmt.number(i.high, 2)]
        })
    }

    /// The headline sentence for a period's EX–CX linkage: an association across teams in one
    /// period, one point per team.
    pub fn linkage_sentence(&self, period: usize) -> (Verdict, String) {
        let link = &self.period(period).linkage;
        let sentence = match (link.verdict, &link.pearson) {
            (Verdict::TooFewUnits, _) | (_, None) => self.tr(
                "linkage_too_few",
                &[
                    ("teams", Arg::from(link.units.len())),
                    ("minimum", Arg::from(crate::aggregate::MIN_LINKAGE_UNITS)),
                ],
            ),
            (verdict, Some(c)) => {
                let key = match verdict {
                    Verdict::Positive => "linkage_positive",
                    Verdict::Negative => "linkage_negative",
                    _ => "linkage_unclear",
                };
                self.tr(key, &[("correlation", self.correlation_text(c).into())])
            }
        };
        (link.verdict, sentence)
    }

    pub fn scatter(&self, period: usize, highlight: Option<usize>) -> Figure {
        let p = self.period(period);
        let link = &p.linkage;
        let mut points: Vec<charts::ScatterPoint> = link
            .units
            .iter()
            .zip(link.ex.iter().zip(&link.cx))
            .map(|(&unit, (&x, &y))| charts::ScatterPoint {
                label: self.unit_name(unit),
                href: Some(self.unit_href(unit)),
                x,
                y,
                highlight: highlight == Some(unit),
            })
            .collect();
        // A fitted line is drawn only when the data support a reading.
        let mut fit = match link.verdict {
            Verdict::Positive | Verdict::Negative => {
                link.fit.as_ref().map(|f| (f.intercept, f.slope))
            }
            _ => None,
        };
        let mut level_note = None;
        if points.len() > SCATTER_MAX_POINTS {
            // Too many teams to draw one by one: the units a level up, as often as needed, each
            // with its own (shown) indices. The team-level fit would not describe these points.
            let units = &self.site.units;
            let mut level: Vec<usize> = link.units.clone();
            while level.len() > SCATTER_MAX_POINTS {
                let mut up: Vec<usize> = level
                    .iter()
                    .filter_map(|&u| units.units[u].parent)
                    .filter(|&u| u != UnitTree::ROOT)
                    .collect();
                up.sort_unstable();
                up.dedup();
                if up.is_empty() || up.len() == level.len() {
                    break;
                }
                level = up;
            }
            points = level
                .into_iter()
                .filter_map(|u| {
                    let r = &p.units[u];
                    Some(charts::ScatterPoint {
                        label: self.unit_name(u),
                        href: Some(self.unit_href(u)),
                        x: r.ex.as_ref()?.index?,
                        y: r.cx.as_ref()?.index?,
                        highlight: false,
                    })
                })
                .collect();
            fit = None;
            level_note = Some(self.tr(
                "scatter_level_note",
                &[("teams", self.fmt.number(link.units.len() as f64, 0).into())],
            ));
        }
        let labels = charts::ScatterLabels {
            x_axis: self.t("ex_index"),
            y_axis: self.t("cx_index"),
            x_short: self.t("ex_short"),
            y_short: self.t("cx_short"),
            point: self.t("unit"),
            fit: self.t("fitted_line"),
        };
        let title = format!(
            "{} · {}",
            self.t("chart_scatter"),
            self.tr.period(self.period(period).period)
        );
        let (_, mut desc) = self.linkage_sentence(period);
        if let Some(note) = level_note {
            desc = format!("{desc} {note}");
        }
        charts::render_scatter(
            &self.next_id("scatter"),
            &points,
            fit,
            &labels,
            self.fmt,
            &title,
            &desc,
        )
    }

    /// A unit's six factors, EX beside CX, with the organisation's values as reference marks.
    pub fn mirror(&self, period: usize, unit: usize) -> Option<Figure> {
        let p = self.period(period);
        let result = &p.units[unit];
        let ex = result.ex.as_ref();
        let cx = result.cx.as_ref();
        if ex.is_none() && cx.is_none() {
            return None;
        }
        let org = &p.units[UnitTree::ROOT];
        let rows: Vec<charts::MirrorRow> = self
            .site
            .framework
            .factors
            .iter()
            .enumerate()
            .map(|(f, factor)| charts::MirrorRow {
                label: factor.name.get(self.language).to_string(),
                ex: ex.and_then(|e| e.factors[f]),
                cx: cx.and_then(|c| c.factors[f]),
                org_ex: if unit == UnitTree::ROOT {
                    None
                } else {
                    org.ex.as_ref().and_then(|e| e.factors[f])
                },
                org_cx: if unit == UnitTree::ROOT {
                    None
                } else {
                    org.cx.as_ref().and_then(|c| c.factors[f])
                },
            })
            .collect();
        let gaps: Vec<(String, f64, f64)> = rows
            .iter()
            .filter_map(|r| Some((r.label.clone(), r.ex?, r.cx?)))
            .collect();
        // The largest gap by the unrounded scores (a tie names the first factor in framework
        // order); its size as the chart's table shows them.
        let desc = match crate::format::first_largest(&gaps, |(_, ex, cx)| (ex - cx).abs()) {
            Some((label, ex, cx)) => self.tr(
                "largest_gap_sentence",
                &[
                    ("unit", self.unit_name(unit).into()),
                    ("factor", label.as_str().into()),
                    (
                        "gap",
                        Arg::from(
                            (crate::format::round_half_away(*ex, 0)
                                - crate::format::round_half_away(*cx, 0))
                            .abs(),
                        ),
                    ),
                    ("points", self.fmt.shown_change(*cx, *ex, 0).into()),
                ],
            ),
            None => format!("{}: {}", self.unit_name(unit), self.t("chart_mirror")),
        };
        let labels = charts::MirrorLabels {
            factor: self.t("factor"),
            ex: self.t("ex_side"),
            cx: self.t("cx_side"),
            org: self.t("organisation"),
            missing: self.t("hidden"),
        };
        let title = format!(
            "{} · {} · {}",
            self.t("chart_mirror"),
            self.unit_name(unit),
            self.tr.period(p.period)
        );
        Some(charts::render_mirror(
            &self.next_id("mirror"),
            &rows,
            &labels,
            self.fmt,
            &title,
            &desc,
        ))
    }

    fn period_labels(&self) -> Vec<String> {
        self.analysis
            .periods
            .iter()
            .map(|p| self.tr.period(p.period))
            .collect()
    }

    /// EX and CX index of a unit over all periods; hidden periods are gaps.
    pub fn trend_index(&self, unit: usize) -> Figure {
        let ex: Vec<Option<f64>> = self
            .analysis
            .periods
            .iter()
            .map(|p| p.units[unit].ex.as_ref().and_then(|e| e.index))
            .collect();
        let cx: Vec<Option<f64>> = self
            .analysis
            .periods
            .iter()
            .map(|p| p.units[unit].cx.as_ref().and_then(|c| c.index))
            .collect();
        let desc = self.trend_desc(&ex, &cx, self.t("ex_index"), self.t("cx_index"));
        let series = vec![
            charts::Series {
                name: self.t("ex_index").into(),
                values: ex,
            },
            charts::Series {
                name: self.t("cx_index").into(),
                values: cx,
            },
        ];
        let labels = charts::TrendLabels {
            y_axis: self.t("index_axis"),
            period: self.t("period"),
            decimals: 0,
        };
        let title = format!("{} · {}", self.t("chart_trend_index"), self.unit_name(unit));
        charts::render_trend(
            &self.next_id("trend"),
            &self.period_labels(),
            &series,
            (0.0, 100.0),
            &labels,
            self.fmt,
            &title,
            &desc,
        )
    }

    /// eNPS and NPS of a unit over all periods.
    pub fn trend_net(&self, unit: usize) -> Figure {
        let enps: Vec<Option<f64>> = self
            .analysis
            .periods
            .iter()
            .map(|p| {
                p.units[unit]
                    .ex
                    .as_ref()
                    .and_then(|e| e.enps.as_ref())
                    .map(|n| n.score)
            })
            .collect();
        let nps: Vec<Option<f64>> = self
            .analysis
            .periods
            .iter()
            .map(|p| {
                p.units[unit]
                    .cx
                    .as_ref()
                    .and_then(|c| c.nps.as_ref())
                    .map(|n| n.score)
            })
            .collect();
        let desc = self.trend_desc(&enps, &nps, self.t("enps"), self.t("nps"));
        let series = vec![
            charts::Series {
                name: self.t("enps").into(),
                values: enps,
            },
            charts::Series {
                name: self.t("nps").into(),
                values: nps,
            },
        ];
        let labels = charts::TrendLabels {
            y_axis: self.t("score"),
            period: self.t("period"),
            decimals: 0,
        };
        let title = format!("{} · {}", self.t("chart_trend_net"), self.unit_name(unit));
        charts::render_trend(
            &self.next_id("trend"),
            &self.period_labels(),
            &series,
            (-100.0, 100.0),
            &labels,
            self.fmt,
            &title,
            &desc,
        )
    }

    /// "EX index 61 → 68, CX index 70 → 74 (2024-Q4 → 2026-Q3)."
    fn trend_desc(
        &self,
        a: &[Option<f64>],
        b: &[Option<f64>],
        a_name: &str,
        b_name: &str,
    ) -> String {
        let span = |values: &[Option<f64>]| -> Option<(usize, usize)> {
            let first = values.iter().position(Option::is_some)?;
            let last = values.iter().rposition(Option::is_some)?;
            Some((first, last))
        };
        let labels = self.period_labels();
        let describe = |name: &str, values: &[Option<f64>]| -> Option<String> {
            let (first, last) = span(values)?;
            Some(format!(
                "{name} {} ({}) → {} ({})",
                self.fmt.number(values[first]?, 0),
                labels[first],
                self.fmt.number(values[last]?, 0),
                labels[last]
            ))
        };
        let parts: Vec<String> = [describe(a_name, a), describe(b_name, b)]
            .into_iter()
            .flatten()
            .collect();
        if parts.is_empty() {
            self.t("no_data").to_string()
        } else {
            format!("{}.", parts.join("; "))
        }
    }

    /// Diverging Likert bars for one side of a unit, optionally one factor only.
    pub fn likert(
        &self,
        period: usize,
        unit: usize,
        side: Side,
        factor: Option<usize>,
    ) -> Option<Figure> {
        let p = self.period(period);
        let shares = match side {
            Side::Ex => &p.units[unit].ex.as_ref()?.items,
            Side::Cx => &p.units[unit].cx.as_ref()?.items,
        };
        let framework = &self.site.framework;
        let range = match factor {
            Some(f) => framework.factor_item_range(f, side),
            None => 0..framework.item_count(side),
        };
        let shown: Vec<(usize, &crate::stats::Shares)> = range
            .clone()
            .filter_map(|i| Some((i, shares[i].as_ref()?)))
            .collect();
        let rows: Vec<charts::LikertRow> = framework
            .items(side)
            .enumerate()
            .filter(|(i, _)| range.contains(i))
            .filter_map(|(i, item)| {
                let s = shares[i].as_ref()?;
                Some(charts::LikertRow {
                    label: item.text.get(self.language).to_string(),
                    unfavourable: s.unfavourable,
                    neutral: s.neutral,
                    favourable: s.favourable,
                    n: s.n,
                })
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let best = rows
            .iter()
            .max_by(|a, b| a.favourable.total_cmp(&b.favourable))?;
        let worst = rows
            .iter()
            .min_by(|a, b| a.favourable.total_cmp(&b.favourable))?;
        let desc = self.tr(
            "likert_desc",
            &[
                ("best", best.label.as_str().into()),
                ("best_share", self.fmt.percent(best.favourable, 0).into()),
                ("worst", worst.label.as_str().into()),
                ("worst_share", self.fmt.percent(worst.favourable, 0).into()),
            ],
        );
        // The answers each band covers, when every question shown shares one scale: "Favourable
        // (4–5)", or with the scale's words "Favourable (4 = Agree, 5 = Strongly agree)". Mixed
        // scales: the bands alone (each question's scale is in the table).
        let items: Vec<&crate::framework::Item> = framework
            .items(side)
            .enumerate()
            .filter(|(i, _)| shown.iter().any(|(j, _)| j == i))
            .map(|(_, item)| item)
            .collect();
        let scales: Vec<crate::stats::Scale> = items.iter().map(|item| item.scale).collect();
        let common = scales
            .first()
            .copied()
            .filter(|first| scales.iter().all(|s| s == first));
        // Words only when every question shown is on the same named scale.
        let words = items
            .first()
            .map(|first| first.scale_id)
            .filter(|id| items.iter().all(|i| i.scale_id == *id))
            .and_then(|id| super::points::point_labels(framework, id, self.language, self.tr));
        let band = |name: &'static str, from: u8, to: u8| -> String {
            self.tr(
                "scale_band",
                &[
                    ("band", Arg::from(name)),
                    (
                        "answers",
                        Arg::from(super::points::band(self.tr, from, to, words.as_deref())),
                    ),
                ],
            )
        };
        let (unfavourable, neutral, favourable) = match common {
            Some(sc) => (
                band(self.t("unfavourable"), 1, sc.unfavourable_to),
                if sc.favourable_from > sc.unfavourable_to + 1 {
                    band(
                        self.t("neutral"),
                        sc.unfavourable_to + 1,
                        sc.favourable_from - 1,
                    )
                } else {
                    self.t("neutral").to_string()
                },
                band(self.t("favourable"), sc.favourable_from, sc.points),
            ),
            None => (
                self.t("unfavourable").to_string(),
                self.t("neutral").to_string(),
                self.t("favourable").to_string(),
            ),
        };
        let labels = charts::LikertLabels {
            item: self.t("item"),
            unfavourable: &unfavourable,
            neutral: &neutral,
            favourable: &favourable,
            n: "n",
        };
        let side_name = if side == Side::Ex {
            self.t("ex_side")
        } else {
            self.t("cx_side")
        };
        let scope = match factor {
            Some(f) => format!(
                "{} · {}",
                framework.factors[f].name.get(self.language),
                side_name
            ),
            None => side_name.to_string(),
        };
        let title = format!(
            "{} · {} · {} · {}",
            self.t("chart_likert"),
            scope,
            self.unit_name(unit),
            self.tr.period(p.period)
        );
        let mut figure = charts::render_likert(
            &self.next_id("likert"),
            &rows,
            &labels,
            self.fmt,
            &title,
            &desc,
        );
        // The data table also gives each question's mean answer and its favourable share's 95%
        // Wilson interval: the chart shows the estimate, the table how sure it is.
        // The mean names its scale: in the header when all questions share it, else per cell.
        figure.table.headers.push(match (common, &words) {
            (Some(sc), Some(w)) if w.len() == usize::from(sc.points) => self.tr(
                "mean_answer_on_labelled_scale",
                &[
                    ("points", Arg::from(u64::from(sc.points))),
                    ("low", super::points::point(self.tr, 1, w[0]).into()),
                    (
                        "high",
                        super::points::point(self.tr, w.len(), w[w.len() - 1]).into(),
                    ),
                ],
            ),
            (Some(sc), _) => self.tr(
                "mean_answer_on_scale",
                &[("points", Arg::from(u64::from(sc.points)))],
            ),
            (None, _) => self.t("mean_answer").to_string(),
        });
        figure
            .table
            .headers
            .push(format!("{} · {}", self.t("favourable"), self.t("interval")));
        for ((row, (_, s)), sc) in figure.table.rows.iter_mut().zip(&shown).zip(&scales) {
            let i = s.favourable_interval;
            row.push(match common {
                Some(_) => self.fmt.number(s.mean, 1),
                None => self.tr(
                    "mean_of_points",
                    &[
                        ("mean", self.fmt.number(s.mean, 1).into()),
                        ("points", Arg::from(u64::from(sc.points))),
                    ],
                ),
            });
            row.push(format!(
                "{}–{}",
                self.fmt.percent(i.low, 0),
                self.fmt.percent(i.high, 0)
            ));
        }
        Some(figure)
    }

    /// eNPS and NPS composition of a unit in a period.
    pub fn net(&self, period: usize, unit: usize) -> Option<Figure> {
        let p = self.period(period);
        let mut rows = Vec::new();
        if let Some(e) = p.units[unit].ex.as_ref().and_then(|e| e.enps.as_ref()) {
            rows.push((self.t("enps"), e));
        }
        if let Some(n) = p.units[unit].cx.as_ref().and_then(|c| c.nps.as_ref()) {
            rows.push((self.t("nps"), n));
        }
        if rows.is_empty() {
            return None;
        }
        let desc = rows
            .iter()
            .map(|(name, s)| format!("{name} {} (n = {})", self.fmt.signed(s.score, 0), s.n))
            .collect::<Vec<_>>()
            .join("; ")
            + ".";
        let rows: Vec<charts::NetRow> = rows
            .into_iter()
            .map(|(name, s)| charts::NetRow {
                label: name.to_string(),
                detractors: s.detractors,
                passives: s.passives,
                promoters: s.promoters,
                score: s.score,
                n: s.n,
            })
            .collect();
        let labels = charts::NetLabels {
            row: self.t("score"),
            detractors: self.t("detractors"),
            passives: self.t("passives"),
            promoters: self.t("promoters"),
            score: self.t("score"),
            n: "n",
        };
        let title = format!(
            "{} · {} · {}",
            self.t("chart_net"),
            self.unit_name(unit),
            self.tr.period(p.period)
        );
        Some(charts::render_net_composition(
            &self.next_id("net"),
            &rows,
            &labels,
            self.fmt,
            &title,
            &desc,
        ))
    }

    /// Teams × factors (EX side). Hidden teams are rows marked hidden, never values.
    pub fn heatmap(&self, period: usize, within: usize) -> Figure {
        let p = self.period(period);
        let units = &self.site.units;
        // A heatmap stays readable and its page light: every team when there are few, otherwise
        // one level (the units directly below), each a link to its own heatmap.
        let mut teams: Vec<usize> = units.teams_in(within).collect();
        if teams.len() > FIGURE_MAX_ROWS {
            teams = units.units[within].children.clone();
        }
        let mut row_labels = Vec::new();
        let mut row_hrefs = Vec::new();
        // Each row under the unit it belongs to (its region); the chart shows headers only when
        // the rows come from more than one.
        let mut row_groups = Vec::new();
        let mut cells = Vec::new();
        let mut hidden = 0;
        for &team in &teams {
            let result = &p.units[team];
            if result.ex_visibility == Visibility::NoData {
                continue;
            }
            row_labels.push(self.unit_name(team));
            row_hrefs.push(Some(self.unit_href(team)));
            row_groups.push(
                units.units[team]
                    .parent
                    .map(|parent| self.unit_name(parent))
                    .unwrap_or_default(),
            );
            cells.push(match &result.ex {
                Some(e) => e
                    .factors
                    .iter()
                    .map(|v| v.map(Cell::Value).unwrap_or(Cell::Missing))
                    .collect(),
                None => {
                    hidden += 1;
                    vec![Cell::Hidden; self.site.framework.factors.len()]
                }
            });
        }
        let col_labels: Vec<String> = self
            .site
            .framework
            .factors
            .iter()
            .map(|f| f.name.get(self.language).to_string())
            .collect();
        let labels = charts::HeatmapLabels {
            row: self.t("unit"),
            scale: self.t("index_axis"),
            hidden: self.t("not_shown_hidden"),
            hidden_short: self.t("hidden"),
            missing: self.t("no_data"),
        };
        let desc = self.tr(
            "heatmap_desc",
            &[
                ("units", Arg::from(row_labels.len())),
                ("factors", Arg::from(col_labels.len())),
                ("hidden", Arg::from(hidden)),
            ],
        );
        let title = format!("{} · {}", self.t("chart_heatmap"), self.tr.period(p.period));
        charts::render_heatmap(
            &self.next_id("heatmap"),
            &row_labels,
            &row_hrefs,
            &row_groups,
            &col_labels,
            &cells,
            &labels,
            self.fmt,
            &title,
            &desc,
        )
    }

    /// What one lag row is, in words: which side leads, how many periods apart, and over how
    /// many period pairs the correlation is averaged. The same-period row says it is an average
    /// over periods, so it is not read as this period's r.
    fn lag_row_label(&self, l: &crate::aggregate::LagLink, pairs: usize) -> String {
        let key = match (l.direction, l.lag) {
            (_, 0) => "lag_row_same",
            (Direction::ExToCx, _) => "lag_row_excx",
            (Direction::CxToEx, _) => "lag_row_cxex",
        };
        self.tr(key, &[("k", Arg::from(l.lag)), ("pairs", Arg::from(pairs))])
    }

    /// The lag view: for each direction and lag, the mean correlation across teams over every
    /// pair of periods that far apart, with its team-resampling bootstrap interval.
    pub fn lag(&self) -> Figure {
        let rows: Vec<charts::LagRow> = self
            .analysis
            .lags
            .iter()
            .map(|l| {
                let c = l.correlation.as_ref();
                charts::LagRow {
                    label: self.lag_row_label(l, c.map_or(0, |c| c.pairs)),
                    r: c.map(|c| c.r),
                    low: c.and_then(|c| c.interval).map(|i| i.low),
                    high: c.and_then(|c| c.interval).map(|i| i.high),
                    n: c.map_or(0, |c| c.teams),
                }
            })
            .collect();
        // The reading: both directions one period apart, side by side. No "strongest" pick:
        // five correlations of the same teams differ mostly by chance.
        let one_apart: Vec<String> = self
            .analysis
            .lags
            .iter()
            .filter(|l| l.lag == 1)
            .filter_map(|l| {
                let c = l.correlation.as_ref()?;
                Some(self.panel_text(&self.lag_row_label(l, c.pairs), c))
            })
            .collect();
        let desc = if one_apart.is_empty() {
            self.t("not_enough_data").to_string()
        } else {
            format!("{} {}", one_apart.join(" "), self.t("lag_method_note"))
        };
        let labels = charts::LagLabels {
            row: self.t("direction"),
            axis: "r",
            r: "r",
            low: self.t("interval_low"),
            high: self.t("interval_high"),
            n: self.t("teams_column"),
            not_enough: self.t("not_enough_data"),
        };
        charts::render_lag(
            &self.next_id("lag"),
            &rows,
            &labels,
            self.fmt,
            self.t("chart_lag"),
            &desc,
        )
    }

    /// "EX → CX one period later, mean of 7 period pairs: r = 0.55 (95% bootstrap interval
    /// 0.31–0.72), 24 teams."
    pub fn panel_text(&self, row: &str, c: &crate::stats::PanelCorrelation) -> String {
        let key = if c.interval.is_some() {
            "lag_sentence"
        } else {
            "lag_sentence_no_interval"
        };
        let [low, high] = self.interval_bounds(c.interval);
        self.tr(
            key,
            &[
                ("row", row.into()),
                ("r", self.fmt.number(c.r, 2).into()),
                ("low", low.into()),
                ("high", high.into()),
                ("teams", Arg::from(c.teams)),
            ],
        )
    }

    /// Response rate of every shown team in a period.
    pub fn response_rates(&self, period: usize, within: usize) -> Option<Figure> {
        let p = self.period(period);
        let units = &self.site.units;
        let mut shown: Vec<usize> = units.teams_in(within).collect();
        if shown.len() > FIGURE_MAX_ROWS {
            shown = units.units[within].children.clone();
        }
        let rows: Vec<charts::BarRow> = shown
            .into_iter()
            .filter_map(|u| {
                let r = &p.units[u];
                // A team nobody answered has a response rate too: 0 of those invited.
                let (value, responses, invited) = match (&r.ex, r.invited_without_answers) {
                    (Some(e), _) => (e.response_rate?, e.responses, e.invited),
                    (None, Some(invited)) => (0.0, 0, invited),
                    (None, None) => return None,
                };
                Some(charts::BarRow {
                    label: self.unit_name(u),
                    href: Some(self.unit_href(u)),
                    value,
                    note: Some(format!("{responses}/{invited}")),
                })
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let lowest = rows.iter().min_by(|a, b| a.value.total_cmp(&b.value))?;
        let org_rate = p.units[within].ex.as_ref().and_then(|e| e.response_rate);
        let desc = format!(
            "{}: {}; {}: {} ({}).",
            self.unit_name(within),
            org_rate
                .map(|r| self.fmt.percent(r, 0))
                .unwrap_or_else(|| "–".into()),
            self.t("lowest"),
            self.fmt.percent(lowest.value, 0),
            lowest.label
        );
        let labels = charts::BarLabels {
            row: self.t("unit"),
            value: self.t("response_rate"),
            note: self.t("responses_of_invited"),
        };
        let title = format!(
            "{} · {}",
            self.t("chart_response"),
            self.tr.period(p.period)
        );
        Some(charts::render_bars(
            &self.next_id("response"),
            &rows,
            &labels,
            self.fmt,
            &title,
            &desc,
        ))
    }

    /// A small trend line for a KPI tile.
    pub fn sparkline(&self, values: &[Option<f64>], label: &str) -> Option<String> {
        (values.iter().flatten().count() >= 2).then(|| charts::sparkline(values, self.fmt, label))
    }

    /// An index as a whole number, or a dash where there is none.
    pub fn index_or_dash(&self, value: Option<f64>) -> String {
        value
            .map(|v| self.fmt.number(v, 0))
            .unwrap_or_else(|| "–".into())
    }
}
