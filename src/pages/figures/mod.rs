//! From the analysis to charts: picks the numbers a chart needs, in the page's language, and never
//! passes a hidden group to a chart. The shared pieces live here; each kind of figure in its own
//! file.

mod linkage;
mod scales;
mod teams;
mod trends;

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
