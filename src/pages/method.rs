//! The method page for readers: what each number means, how to read an interval and a verdict,
//! what the anonymity rule hides and why. It names the site's own scales, factors and
//! thresholds; the formulas sit in a collapsed technical section. The developer's account,
//! with crate names and test paths, is docs/method.md and stays out of the page.

use serde::Serialize;

use super::{Renderer, points};
use crate::diagnostics::Diagnostic;
use crate::framework::ScaleId;
use crate::i18n::Arg;
use crate::output::OutputFile;
use crate::stats::Scale;

/// One section of the page: a heading (with an anchor other pages link to) and paragraphs.
#[derive(Serialize)]
pub(super) struct Section {
    id: &'static str,
    heading: &'static str,
    paragraphs: Vec<String>,
}

/// A formula with its caption; formulas are notation, the same in every language.
#[derive(Serialize)]
pub(super) struct Formula {
    caption: String,
    text: &'static str,
}

/// The whole page, for `method.html`.
#[derive(Serialize)]
pub(super) struct MethodView {
    title: &'static str,
    lead: &'static str,
    sections: Vec<Section>,
    technical: &'static str,
    formulas: Vec<Formula>,
    formula_notes: Vec<&'static str>,
}

/// "6–7", or "4" for a band of one answer.
fn band(from: u8, to: u8) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}

pub(super) fn view(r: &Renderer) -> MethodView {
    let site = r.site;
    let framework = &site.framework;
    // Each distinct scale once, in the order the framework first uses it.
    let mut scales: Vec<ScaleId> = Vec::new();
    for factor in &framework.factors {
        for item in factor.ex.iter().chain(&factor.cx) {
            if !scales.contains(&item.scale_id) {
                scales.push(item.scale_id);
            }
        }
    }
    let mut scale_lines: Vec<String> = scales
        .iter()
        .map(|&id| {
            let s: Scale = framework.scale(id).scale;
            let has_neutral = s.unfavourable_to + 1 < s.favourable_from;
            let cuts = r.tr(
                "method_scale",
                &[
                    ("points", Arg::from(s.points)),
                    ("favourable", band(s.favourable_from, s.points).into()),
                    (
                        "neutral",
                        band(s.unfavourable_to + 1, s.favourable_from.saturating_sub(1)).into(),
                    ),
                    ("unfavourable", band(1, s.unfavourable_to).into()),
                    (
                        "has_neutral",
                        Arg::from(if has_neutral { "yes" } else { "no" }),
                    ),
                ],
            );
            match points::point_labels(framework, id, r.language, r.tr) {
                Some(words) => {
                    let words = r.tr(
                        "method_scale_labels",
                        &[("points", points::all(r.tr, &words).into())],
                    );
                    format!("{cuts} {words}")
                }
                None => cuts,
            }
        })
        .collect();
    // Two scales that read the same (same cut-points, same words or none) are one line.
    let mut seen = std::collections::HashSet::new();
    scale_lines.retain(|line| seen.insert(line.clone()));
    let names: Vec<String> = framework
        .factors
        .iter()
        .map(|f| f.name.get(r.language).to_string())
        .collect();
    let threshold = Arg::from(site.config.anonymity_threshold);
    let mut numbers = vec![
        r.t("method_ex_index").to_string(),
        r.t("method_factor_score").to_string(),
        r.tr(
            "method_factors",
            &[
                ("count", Arg::from(names.len())),
                ("names", r.tr.list(&names).into()),
            ],
        ),
        r.t("method_net").to_string(),
        r.t("method_response_rate").to_string(),
        r.t("method_turnover").to_string(),
    ];
    numbers.retain(|p| !p.is_empty());
    let sections = vec![
        Section {
            id: "numbers",
            heading: r.t("method_numbers_heading"),
            paragraphs: numbers,
        },
        Section {
            id: "scales",
            heading: r.t("method_scales_heading"),
            paragraphs: scale_lines,
        },
        Section {
            id: "intervals",
            heading: r.t("method_interval_heading"),
            paragraphs: vec![r.t("method_interval").to_string()],
        },
        Section {
            id: "verdicts",
            heading: r.t("method_verdict_heading"),
            paragraphs: vec![r.t("method_verdict").to_string()],
        },
        Section {
            id: "linkage",
            heading: r.t("method_linkage_heading"),
            paragraphs: vec![r.tr(
                "method_linkage",
                &[("minimum", Arg::from(crate::aggregate::MIN_LINKAGE_UNITS))],
            )],
        },
        Section {
            id: "anonymity",
            heading: r.t("method_anonymity_heading"),
            paragraphs: vec![
                r.tr("method_anonymity", &[("n", threshold)]),
                r.t("method_anonymity_subtraction").to_string(),
                r.tr(
                    "method_anonymity_cx",
                    &[("low_n", Arg::from(site.config.cx_low_n))],
                ),
            ],
        },
    ];
    MethodView {
        title: r.t("method_title"),
        lead: r.t("method_lead"),
        sections,
        technical: r.t("method_technical"),
        formulas: vec![
            Formula {
                caption: r.t("method_formula_wilson").to_string(),
                text: "centre = (p̂ + z²/(2n)) / (1 + z²/n)\nhalf   = z / (1 + z²/n) · √( p̂(1 − p̂)/n + z²/(4n²) )\ninterval = centre ± half",
            },
            Formula {
                caption: r.t("method_formula_net").to_string(),
                text: "ñ = n + z²\np̃ = (x_prom + z²/4) / ñ        d̃ = (x_det + z²/4) / ñ\ns̃ = p̃ − d̃                      ṽ = p̃ + d̃ − s̃²\ninterval = 100 · ( s̃ ± z · √(ṽ / ñ) )",
            },
        ],
        formula_notes: vec![r.t("method_formula_test"), r.t("method_formula_linkage")],
    }
}

impl Renderer<'_> {
    pub(super) fn method_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = "method/index.html";
        let mut context = self.context(path, self.t("method"), "method");
        context.insert("method", &view(self));
        self.render("method.html", path, &context)
    }
}
