//! A unit's figures over time: EX and CX index, eNPS and NPS, and the sentence reading them.

use super::*;

impl<'a> FigureMaker<'a> {
    pub(super) fn period_labels(&self) -> Vec<String> {
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
    pub(super) fn trend_desc(
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
}
