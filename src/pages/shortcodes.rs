//! Live figures inside commentary: `{{ chart(kind="scatter", period="2026-Q3") }}`,
//! `{{ kpi(metric="enps", unit="north") }}`, `{{ table(factor="workload") }}`.
//! Every argument is checked against the site; a wrong one is an error at the post's line.

use std::collections::BTreeMap;

use super::{FigureMaker, Renderer};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::Side;
use crate::markdown::{self, Shortcode};
use crate::model::{Post, UnitTree};
use crate::suggest::did_you_mean;

pub const CHART_KINDS: &[&str] = &[
    "scatter", "mirror", "trend", "likert", "net", "heatmap", "lag", "response",
];
pub const KPI_METRICS: &[&str] = &[
    "ex_index",
    "cx_index",
    "enps",
    "nps",
    "response_rate",
    "turnover",
];

/// Renders a post's body with its shortcodes replaced; returns the HTML and the word count.
pub(super) fn render_body(
    renderer: &Renderer,
    figures: &FigureMaker,
    post: &Post,
) -> Result<(String, usize), Diagnostics> {
    let (text, codes) =
        markdown::extract_shortcodes(&post.source, &post.body, post.body_first_line)?;
    let mut diagnostics = Diagnostics::default();
    let mut replacements = Vec::new();
    for code in &codes {
        match render_one(renderer, figures, code) {
            Ok(html) => replacements.push(html),
            Err(message) => {
                diagnostics.push(Diagnostic::new(
                    &post.source,
                    code.line,
                    code.column,
                    message,
                ));
                replacements.push(String::new());
            }
        }
    }
    let rendered = markdown::render(&text, renderer.site.config.allow_raw_html, &replacements);
    diagnostics.into_result((rendered.html, rendered.words))
}

/// Arguments of one shortcode, consumed as they are checked so leftovers can be reported.
struct Args<'a> {
    code: &'a Shortcode,
    args: BTreeMap<String, String>,
}

impl<'a> Args<'a> {
    fn take(&mut self, key: &str) -> Option<String> {
        self.args.remove(key)
    }

    fn finish(self, allowed: &str) -> Result<(), String> {
        match self.args.keys().next() {
            None => Ok(()),
            Some(key) => Err(format!(
                "`{}` takes no argument `{key}`; it takes {allowed}",
                self.code.name
            )),
        }
    }
}

fn render_one(
    renderer: &Renderer,
    figures: &FigureMaker,
    code: &Shortcode,
) -> Result<String, String> {
    let site = renderer.site;
    let analysis = renderer.analysis;
    let mut args = Args {
        code,
        args: code.args.clone(),
    };
    let period = |value: Option<String>| -> Result<usize, String> {
        match value {
            None => analysis.periods.len().checked_sub(1).ok_or_else(|| {
                "there are no survey periods yet: add a survey file to content/surveys/".to_string()
            }),
            Some(v) => analysis
                .periods
                .iter()
                .position(|p| p.period.to_string() == v)
                .ok_or_else(|| {
                    let known: Vec<String> = analysis
                        .periods
                        .iter()
                        .map(|p| p.period.to_string())
                        .collect();
                    format!(
                        "unknown period `{v}`: {}the site has {}",
                        did_you_mean(&v, known.iter().map(String::as_str)),
                        known.join(", ")
                    )
                }),
        }
    };
    let unit = |value: Option<String>| -> Result<usize, String> {
        match value {
            None => Ok(UnitTree::ROOT),
            Some(v) => site
                .units
                .find(&v)
                .filter(|&u| u != UnitTree::ROOT)
                .ok_or_else(|| {
                    let ids = site.units.units.iter().skip(1).map(|u| u.id.as_str());
                    format!(
                        "unknown unit `{v}`: {}units are listed in content/units.yaml",
                        did_you_mean(&v, ids)
                    )
                }),
        }
    };
    let factor = |value: Option<String>| -> Result<Option<usize>, String> {
        match value {
            None => Ok(None),
            Some(v) => site.framework.find_factor(&v).map(Some).ok_or_else(|| {
                let known: Vec<&str> = site
                    .framework
                    .factors
                    .iter()
                    .map(|f| f.id.as_str())
                    .collect();
                format!(
                    "unknown factor `{v}`: {}expected one of {}",
                    did_you_mean(&v, known.iter().copied()),
                    known.join(", ")
                )
            }),
        }
    };
    match code.name.as_str() {
        "chart" => {
            if !code.block {
                return Err("`chart` must stand alone on its own line".into());
            }
            let kind = args
                .take("kind")
                .ok_or("`chart` needs `kind`, e.g. kind=\"scatter\"")?;
            if !CHART_KINDS.contains(&kind.as_str()) {
                return Err(format!(
                    "unknown chart kind `{kind}`: {}expected one of {}",
                    did_you_mean(&kind, CHART_KINDS.iter().copied()),
                    CHART_KINDS.join(", ")
                ));
            }
            let p = period(args.take("period"))?;
            let u = unit(args.take("unit"))?;
            let f = factor(args.take("factor"))?;
            let side = match args.take("side").as_deref() {
                None | Some("ex") => Side::Ex,
                Some("cx") => Side::Cx,
                Some(other) => return Err(format!("unknown side `{other}`: expected ex or cx")),
            };
            args.finish("kind, period, unit, factor and side")?;
            let figure = match kind.as_str() {
                "scatter" => Some(figures.scatter(p, (u != UnitTree::ROOT).then_some(u))),
                "mirror" => figures.mirror(p, u),
                "trend" => Some(figures.trend_index(u)),
                "likert" => figures.likert(p, u, side, f),
                "net" => figures.net(p, u),
                "heatmap" => Some(figures.heatmap(p, u)),
                "lag" => Some(figures.lag()),
                "response" => figures.response_rates(p, u),
                _ => unreachable!("checked above"),
            };
            Ok(match figure {
                Some(figure) => renderer.figure_html(&figure).replacen(
                    "class=\"chart\"",
                    "class=\"chart inline\"",
                    1,
                ),
                // Nothing to show: hidden for anonymity or no data. Say so rather than fail.
                None => format!(
                    "<p class=\"note\">{}</p>",
                    crate::charts::escape(renderer.t("not_shown_hidden"))
                ),
            })
        }
        "kpi" => {
            let metric = args
                .take("metric")
                .ok_or("`kpi` needs `metric`, e.g. metric=\"enps\"")?;
            if !KPI_METRICS.contains(&metric.as_str()) {
                return Err(format!(
                    "unknown metric `{metric}`: {}expected one of {}",
                    did_you_mean(&metric, KPI_METRICS.iter().copied()),
                    KPI_METRICS.join(", ")
                ));
            }
            let p = period(args.take("period"))?;
            let u = unit(args.take("unit"))?;
            args.finish("metric, period and unit")?;
            let r = &analysis.periods[p].units[u];
            let fmt = renderer.fmt;
            let value = match metric.as_str() {
                "ex_index" => r.ex.as_ref().map(|e| e.index.map(|v| fmt.number(v, 0))),
                "cx_index" => Some(
                    r.cx.as_ref()
                        .and_then(|c| c.index)
                        .map(|v| fmt.number(v, 0)),
                ),
                "enps" => {
                    r.ex.as_ref()
                        .filter(|e| !e.withheld.enps)
                        .map(|e| e.enps.as_ref().map(|s| fmt.signed(s.score, 0)))
                }
                "nps" => Some(
                    r.cx.as_ref()
                        .and_then(|c| c.nps.as_ref())
                        .map(|s| fmt.signed(s.score, 0)),
                ),
                "response_rate" => {
                    r.ex.as_ref()
                        .map(|e| e.response_rate.map(|v| fmt.percent(v, 0)))
                }
                "turnover" => {
                    r.ex.as_ref()
                        .filter(|e| !e.withheld.turnover)
                        .map(|e| e.turnover.map(|v| fmt.percent(v, 1)))
                }
                _ => unreachable!("checked above"),
            };
            let text = match value {
                None if r.ex_visibility == crate::privacy::Visibility::NoData => {
                    renderer.t("no_data").to_string()
                }
                None => renderer.t("hidden").to_string(), // hidden or withheld for anonymity
                Some(None) => "–".to_string(),
                Some(Some(v)) => v,
            };
            let label = format!(
                "{} · {} · {}",
                renderer.t(&metric),
                renderer.unit_name(u),
                analysis.periods[p].period
            );
            Ok(format!(
                "<span class=\"kpi-inline\" title=\"{}\">{}</span>",
                crate::charts::escape(&label),
                crate::charts::escape(&text)
            ))
        }
        "table" => {
            if !code.block {
                return Err("`table` must stand alone on its own line".into());
            }
            let f = factor(args.take("factor"))?
                .ok_or("`table` needs `factor`, e.g. factor=\"workload\"")?;
            let p = period(args.take("period"))?;
            args.finish("factor and period")?;
            renderer.factor_table_html(&figures.root, p, f)
        }
        other => Err(format!(
            "unknown shortcode `{other}`: expected chart, kpi or table"
        )),
    }
}
