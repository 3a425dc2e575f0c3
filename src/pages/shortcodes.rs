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
    "scatter",
    "mirror",
    "trend",
    "likert",
    "net",
    "heatmap",
    "lag",
    "response",
    "lifecycle",
];
pub const KPI_METRICS: &[&str] = &[
    "ex_index",
    "cx_index",
    "enps",
    "nps",
    "response_rate",
    "turnover",
    "leavers",
    "responses",
    "invited",
    "factor",
    "item",
    "linkage_r",
    "linkage_interval",
    "teams_shown",
    "teams_hidden",
];

/// Metrics that can be given as the change from the previous period (`change="previous"`).
const CHANGE_METRICS: &[&str] = &["ex_index", "cx_index", "enps", "nps", "factor", "item"];

/// A post rendered: its HTML, its word count, and its Markdown with every inline figure written
/// out as plain text (block figures removed), for summaries, lists and the feed.
pub(super) struct RenderedPost {
    pub html: String,
    pub words: usize,
    pub plain_markdown: String,
}

/// Renders a post's body with its shortcodes replaced. `kpi` and `chart` without `period` use
/// the post's `period:` (its front matter), else the latest period.
pub(super) fn render_body(
    renderer: &Renderer,
    figures: &FigureMaker,
    post: &Post,
) -> Result<RenderedPost, Diagnostics> {
    let (text, codes) =
        markdown::extract_shortcodes(&post.source, &post.body, post.body_first_line)?;
    let mut diagnostics = Diagnostics::default();
    let mut replacements = Vec::new();
    let mut plain = Vec::new();
    for code in &codes {
        match render_one(renderer, figures, code, post.period) {
            Ok(figure) => {
                replacements.push(figure.html);
                plain.push(figure.plain);
            }
            Err(message) => {
                let column = value_column(post, code, &message).unwrap_or(code.column);
                diagnostics.push(Diagnostic::new(&post.source, code.line, column, message));
                replacements.push(String::new());
                plain.push(None);
            }
        }
    }
    let rendered = markdown::render(&text, renderer.site.config.allow_raw_html, &replacements);
    let plain_markdown = markdown::fill_placeholders(&text, &plain);
    diagnostics.into_result(RenderedPost {
        html: rendered.html,
        words: rendered.words,
        plain_markdown,
    })
}

/// One shortcode's output: its HTML, and for inline figures the same value as plain text.
struct Rendered {
    html: String,
    plain: Option<String>,
}

impl From<String> for Rendered {
    fn from(html: String) -> Self {
        Rendered { html, plain: None }
    }
}

/// The column of the argument value a message names (`unknown unit `harbor``), so the caret
/// sits under `harbor` rather than under the shortcode's `{{`.
fn value_column(post: &Post, code: &Shortcode, message: &str) -> Option<u64> {
    // Only "unknown X `value`": other messages are about the shortcode as a whole.
    let named = message.strip_prefix("unknown ")?.split('`').nth(1)?;
    let index = usize::try_from(code.line.checked_sub(post.body_first_line)?).ok()?;
    let line = post.body.lines().nth(index)?;
    let start = line
        .char_indices()
        .nth(usize::try_from(code.column).ok()?.saturating_sub(1))?
        .0;
    let found = [format!("\"{named}\""), format!("={named}")]
        .iter()
        .find_map(|needle| line[start..].find(needle.as_str()))?;
    // After the opening quote or `=`.
    Some(line[..start + found + 1].chars().count() as u64 + 1)
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
    post_period: Option<crate::period::Period>,
) -> Result<Rendered, String> {
    let site = renderer.site;
    let analysis = renderer.analysis;
    let mut args = Args {
        code,
        args: code.args.clone(),
    };
    let period = |value: Option<String>| -> Result<usize, String> {
        match value.or_else(|| post_period.map(|p| p.to_string())) {
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
                        did_you_mean(
                            &v,
                            // Only a case slip (`2026-q3`): another year or quarter is not a typo
                            // one can guess.
                            known
                                .iter()
                                .map(String::as_str)
                                .filter(|k| k.eq_ignore_ascii_case(&v)),
                        ),
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
                "lifecycle" => super::lifecycle::shortcode_chart(figures, p, u),
                _ => unreachable!("checked above"),
            };
            Ok(Rendered::from(match figure {
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
            }))
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
            let f = factor(args.take("factor"))?;
            let item = match args.take("item") {
                None => None,
                Some(id) => Some(site.framework.find_item(&id).ok_or_else(|| {
                    format!("unknown question `{id}`: question ids are listed in the framework")
                })?),
            };
            let side = match args.take("side").as_deref() {
                None | Some("ex") => Side::Ex,
                Some("cx") => Side::Cx,
                Some(other) => return Err(format!("unknown side `{other}`: expected ex or cx")),
            };
            let change = match args.take("change").as_deref() {
                None => false,
                Some("previous") if CHANGE_METRICS.contains(&metric.as_str()) => true,
                Some("previous") => {
                    return Err(format!(
                        "`change` works with the metrics {}, not `{metric}`",
                        CHANGE_METRICS.join(", ")
                    ));
                }
                Some(other) => {
                    return Err(format!(
                        "unknown change `{other}`: expected change=\"previous\""
                    ));
                }
            };
            args.finish("metric, period, unit, factor, item, side and change")?;
            match metric.as_str() {
                "factor" if f.is_none() => {
                    return Err("metric \"factor\" needs `factor`, e.g. factor=\"workload\"".into());
                }
                "item" if item.is_none() => {
                    return Err("metric \"item\" needs `item`, a question id such as item=\"ex_work_manageable\"".into());
                }
                _ => {}
            }
            let question = KpiQuestion {
                metric: &metric,
                unit: u,
                factor: f,
                item,
                side,
            };
            let text = if change {
                match p.checked_sub(1) {
                    None => renderer.t("no_previous_period").to_string(),
                    Some(q) => kpi_change(
                        renderer,
                        kpi_value(renderer, q, &question),
                        kpi_value(renderer, p, &question),
                    ),
                }
            } else {
                kpi_text(renderer, kpi_value(renderer, p, &question))
            };
            let mut label = format!(
                "{} · {} · {}",
                renderer.t(&metric),
                renderer.unit_name(u),
                analysis.periods[p].period
            );
            if change {
                label = format!("{label} · {}", renderer.t("change_from_previous"));
            }
            Ok(Rendered {
                html: format!(
                    "<span class=\"kpi-inline\" title=\"{}\">{}</span>",
                    crate::charts::escape(&label),
                    crate::charts::escape(&text)
                ),
                plain: Some(text),
            })
        }
        "table" => {
            if !code.block {
                return Err("`table` must stand alone on its own line".into());
            }
            let f = factor(args.take("factor"))?
                .ok_or("`table` needs `factor`, e.g. factor=\"workload\"")?;
            let p = period(args.take("period"))?;
            args.finish("factor and period")?;
            renderer
                .factor_table_html(&figures.root, p, f)
                .map(Rendered::from)
        }
        other => Err(format!(
            "unknown shortcode `{other}`: expected chart, kpi or table"
        )),
    }
}

/// What a `kpi` shortcode asks for, apart from the period.
struct KpiQuestion<'a> {
    metric: &'a str,
    unit: usize,
    factor: Option<usize>,
    item: Option<crate::framework::ItemRef>,
    side: Side,
}

/// How a number is written.
#[derive(Clone, Copy)]
enum Style {
    /// An index, whole number: "75".
    Index,
    /// A net score, signed: "+20".
    Score,
    /// A share 0–1 as a whole percentage: "84 %".
    Percent,
    /// A share 0–1 with one decimal (turnover): "13.7 %".
    Percent1,
    /// A count.
    Count,
}

/// A figure before formatting, or why there is none.
enum KpiValue {
    Number(f64, Style),
    Text(String),
    NoData,
    Hidden,
    /// Fewer teams than the linkage minimum: no correlation is given.
    TooFewTeams,
}

fn kpi_value(renderer: &Renderer, p: usize, q: &KpiQuestion) -> KpiValue {
    use KpiValue::Number;
    let period = &renderer.analysis.periods[p];
    let r = &period.units[q.unit];
    let fmt = renderer.fmt;
    let ex_or_hidden = |value: Option<KpiValue>| -> KpiValue {
        match (&r.ex, value) {
            (Some(_), Some(v)) => v,
            (Some(_), None) => KpiValue::NoData,
            (None, _) if r.ex_visibility == crate::privacy::Visibility::NoData => KpiValue::NoData,
            (None, _) => KpiValue::Hidden,
        }
    };
    let cx_value =
        |value: Option<f64>, style: Style| value.map_or(KpiValue::NoData, |v| Number(v, style));
    let ex = r.ex.as_ref();
    let cx = r.cx.as_ref();
    let link = &period.linkage;
    let nobody_answered = ex.is_none() && r.invited_without_answers.is_some();
    match q.metric {
        "ex_index" => ex_or_hidden(ex.and_then(|e| e.index).map(|v| Number(v, Style::Index))),
        "cx_index" => cx_value(cx.and_then(|c| c.index), Style::Index),
        "enps" => match ex {
            Some(e) if e.withheld.enps => KpiValue::Hidden,
            _ => ex_or_hidden(
                ex.and_then(|e| e.enps)
                    .map(|s| Number(s.score, Style::Score)),
            ),
        },
        "nps" => cx_value(cx.and_then(|c| c.nps).map(|s| s.score), Style::Score),
        // A group nobody answered still has a response rate: 0 of those invited.
        "response_rate" if nobody_answered => Number(0.0, Style::Percent),
        "response_rate" => ex_or_hidden(
            ex.and_then(|e| e.response_rate)
                .map(|v| Number(v, Style::Percent)),
        ),
        "turnover" | "leavers" => match ex {
            Some(e) if e.withheld.turnover => KpiValue::Hidden,
            _ if q.metric == "turnover" => ex_or_hidden(
                ex.and_then(|e| e.turnover)
                    .map(|v| Number(v, Style::Percent1)),
            ),
            _ => ex_or_hidden(
                ex.and_then(|e| e.leavers)
                    .map(|v| Number(v as f64, Style::Count)),
            ),
        },
        "responses" if nobody_answered => Number(0.0, Style::Count),
        "responses" => ex_or_hidden(ex.map(|e| Number(e.responses as f64, Style::Count))),
        "invited" => match r.invited_without_answers {
            Some(invited) if ex.is_none() => Number(invited as f64, Style::Count),
            _ => ex_or_hidden(ex.map(|e| Number(e.invited as f64, Style::Count))),
        },
        "factor" => {
            let f = q.factor.expect("checked by the caller");
            let share = |v: f64| Number(v / 100.0, Style::Percent);
            match q.side {
                Side::Ex => ex_or_hidden(ex.and_then(|e| e.factors[f]).map(share)),
                Side::Cx => cx
                    .and_then(|c| c.factors[f])
                    .map_or(KpiValue::NoData, share),
            }
        }
        "item" => {
            let item = q.item.expect("checked by the caller");
            let share = |items: &[Option<crate::stats::Shares>]| {
                items[item.index].map(|s| Number(s.favourable, Style::Percent))
            };
            match item.side {
                Side::Ex => ex_or_hidden(ex.and_then(|e| share(&e.items))),
                Side::Cx => cx.and_then(|c| share(&c.items)).unwrap_or(KpiValue::NoData),
            }
        }
        "linkage_r" => link.pearson.map_or(KpiValue::TooFewTeams, |c| {
            KpiValue::Text(fmt.number(c.r, 2))
        }),
        "linkage_interval" => match link.pearson {
            None => KpiValue::TooFewTeams,
            Some(c) => c.interval.map_or(KpiValue::NoData, |i| {
                KpiValue::Text(format!(
                    "{}–{}",
                    fmt.number(i.low, 2),
                    fmt.number(i.high, 2)
                ))
            }),
        },
        // Teams within the unit (every team when no unit is given); a team nobody answered
        // is neither shown nor hidden.
        "teams_shown" | "teams_hidden" => {
            let shown = q.metric == "teams_shown";
            let count = renderer
                .site
                .units
                .teams_in(q.unit)
                .filter(|&t| {
                    let team = &period.units[t];
                    if shown {
                        team.ex.is_some()
                    } else {
                        team.ex.is_none()
                            && team.ex_visibility != crate::privacy::Visibility::NoData
                    }
                })
                .count();
            Number(count as f64, Style::Count)
        }
        other => unreachable!("metric `{other}` checked above"),
    }
}

/// The change between two figures, in the metric's points: index and score points, and
/// percentage points for shares. It is the difference of the two figures as `kpi_text` shows
/// them, at their precision, so a reader can check it by subtraction.
fn kpi_change(renderer: &Renderer, before: KpiValue, after: KpiValue) -> String {
    match (before, after) {
        (KpiValue::Number(a, style), KpiValue::Number(b, _)) => match style {
            Style::Percent => renderer.fmt.shown_change(100.0 * a, 100.0 * b, 0),
            Style::Percent1 => renderer.fmt.shown_change(100.0 * a, 100.0 * b, 1),
            _ => renderer.fmt.shown_change(a, b, 0),
        },
        (KpiValue::Number(..), other) | (other, _) => kpi_text(renderer, other),
    }
}

fn kpi_text(renderer: &Renderer, value: KpiValue) -> String {
    let fmt = renderer.fmt;
    match value {
        KpiValue::Number(v, Style::Index) => fmt.number(v, 0),
        KpiValue::Number(v, Style::Score) => fmt.signed(v, 0),
        KpiValue::Number(v, Style::Percent) => fmt.percent(v, 0),
        KpiValue::Number(v, Style::Percent1) => fmt.percent(v, 1),
        KpiValue::Number(v, Style::Count) => fmt.number(v, 0),
        KpiValue::Text(t) => t,
        // A value inside an author's sentence ("Kemin eNPS: piilotettu."): lower case.
        KpiValue::NoData => renderer.t("kpi_no_data").to_string(),
        KpiValue::Hidden => renderer.t("kpi_hidden").to_string(), // hidden or withheld for anonymity
        KpiValue::TooFewTeams => renderer.t("too_few_teams").to_string(),
    }
}
