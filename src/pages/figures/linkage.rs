//! The EX–CX linkage figures: the scatter of teams in one period, the lag view across periods,
//! and the sentences that state them.

use super::*;

impl<'a> FigureMaker<'a> {
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

    /// What one lag row is, in words: which side leads, how many periods apart, and over how
    /// many period pairs the correlation is averaged. The same-period row says it is an average
    /// over periods, so it is not read as this period's r.
    pub(super) fn lag_row_label(&self, l: &crate::aggregate::LagLink, pairs: usize) -> String {
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
}
