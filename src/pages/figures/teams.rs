//! Figures with a row per team or unit below a unit: the factor heatmap and response rates.

use super::*;

impl<'a> FigureMaker<'a> {
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
}
