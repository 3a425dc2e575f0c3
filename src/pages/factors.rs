//! The factor pages and their index: each factor's trend and its ranked unit tables.

use super::*;

impl Renderer<'_> {
    pub(super) fn factors_index(&self) -> Result<OutputFile, Diagnostic> {
        let path = "factors/index.html";
        let mut context = self.context(path, self.t("factors"), "factors");
        let latest = self
            .latest()
            .map(|p| &self.analysis.periods[p].units[UnitTree::ROOT]);
        let links: Vec<Link> = self
            .site
            .framework
            .factors
            .iter()
            .enumerate()
            .map(|(f, factor)| {
                let ex = latest
                    .and_then(|r| r.ex.as_ref())
                    .and_then(|e| e.factors[f]);
                let cx = latest
                    .and_then(|r| r.cx.as_ref())
                    .and_then(|c| c.factors[f]);
                Link {
                    label: factor.name.get(self.language).to_string(),
                    href: format!("factors/{}/index.html", factor.id),
                    depth: 1,
                    note: Some(format!(
                        "{} {} · {} {}",
                        self.t("ex_side"),
                        ex.map(|v| self.fmt.number(v, 0)).unwrap_or("–".into()),
                        self.t("cx_side"),
                        cx.map(|v| self.fmt.number(v, 0)).unwrap_or("–".into())
                    )),
                }
            })
            .collect();
        context.insert("heading", self.t("all_factors"));
        context.insert(
            "lead",
            &Some(self.tr(
                "factors_lead",
                &[("count", Arg::from(self.site.framework.factors.len()))],
            )),
        );
        context.insert("links", &links);
        context.insert("posts", &Vec::<PostSummary>::new());
        self.render("list.html", path, &context)
    }

    pub(super) fn factor_page(&self, f: usize) -> Result<OutputFile, Diagnostic> {
        let factor = &self.site.framework.factors[f];
        let path = format!("factors/{}/index.html", factor.id);
        let name = factor.name.get(self.language);
        let mut context = self.context(&path, name, "factors");
        let figures = self.figures(&path);
        context.insert(
            "breadcrumbs",
            &self.section_crumbs("factors", "factors/index.html", name),
        );
        context.insert("heading", name);
        context.insert(
            "ex_items",
            &factor
                .ex
                .iter()
                .map(|i| i.text.get(self.language))
                .collect::<Vec<_>>(),
        );
        context.insert(
            "cx_items",
            &factor
                .cx
                .iter()
                .map(|i| i.text.get(self.language))
                .collect::<Vec<_>>(),
        );
        let mut ranked = Vec::new();
        let mut list = Vec::new();
        let mut lead = String::new();
        let mut notes = Vec::new();
        if let Some(p) = self.latest() {
            let period = &self.analysis.periods[p];
            lead = match &period.linkage.factors[f] {
                Some(c) => format!(
                    "{} ({}): {}.",
                    self.t("ex_side_vs_cx_side"),
                    self.period_name(period.period),
                    figures.correlation_text(c)
                ),
                None => format!(
                    "{} ({}): {}.",
                    self.t("ex_side_vs_cx_side"),
                    self.period_name(period.period),
                    self.t("not_enough_data")
                ),
            };
            list.extend(figures.likert(p, UnitTree::ROOT, Side::Ex, Some(f)));
            list.extend(figures.likert(p, UnitTree::ROOT, Side::Cx, Some(f)));
            list.push(self.factor_trend(&figures, f));
            ranked = self.ranked_rows(period, f);
            let (listed, _) =
                scale::listed_units(&self.site.units, UnitTree::ROOT, scale::TABLE_MAX_ROWS);
            notes = self.bounded_hidden_notes(p, &listed);
        }
        context.insert("lead", &lead);
        context.insert(
            "figures",
            &list
                .iter()
                .map(|fig| self.figure_html(fig))
                .collect::<Vec<_>>(),
        );
        context.insert("table_script", &(ranked.len() > 20));
        context.insert("ranked", &ranked);
        // On the factor page the table sits under its own heading, so it needs no caption.
        context.insert("caption", &None::<String>);
        context.insert("hidden_notes", &notes);
        self.render("factor.html", &path, &context)
    }

    /// Shown teams ranked by one factor's EX side (highest first), with its CX side, formatted
    /// for `ranked-table.html`.
    pub(super) fn ranked_rows(
        &self,
        period: &PeriodAnalysis,
        f: usize,
    ) -> Vec<BTreeMap<&'static str, String>> {
        let mut rows: Vec<(usize, f64, Option<f64>)> = self
            .site
            .units
            .leaves()
            .filter_map(|u| {
                let r = &period.units[u];
                Some((
                    u,
                    r.ex.as_ref()?.factors[f]?,
                    r.cx.as_ref().and_then(|c| c.factors[f]),
                ))
            })
            .collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Ranked by the value as shown, so two teams showing the same number share a rank.
        let shown: Vec<String> = rows.iter().map(|r| self.fmt.number(r.1, 0)).collect();
        let ranks = aggregate::competition_ranks(&shown);
        // A long ranking keeps its top and bottom; the middle is on each team's own page.
        let total = rows.len();
        let keep = scale::RANKED_MAX_ROWS / 2;
        let ranked = rows.into_iter().enumerate();
        let ranked: Vec<_> = if total > scale::RANKED_MAX_ROWS {
            ranked
                .filter(|(i, _)| *i < keep || *i >= total - keep)
                .collect()
        } else {
            ranked.collect()
        };
        let mut out: Vec<BTreeMap<&'static str, String>> = ranked
            .into_iter()
            .map(|(i, (u, ex, cx))| {
                BTreeMap::from([
                    ("rank", aggregate::rank_label(&ranks, i)),
                    ("name", self.unit_name(u)),
                    ("href", self.unit_path(u)),
                    ("ex", self.fmt.number(ex, 0)),
                    (
                        "cx",
                        cx.map(|v| self.fmt.number(v, 0)).unwrap_or("–".into()),
                    ),
                ])
            })
            .collect();
        if total > scale::RANKED_MAX_ROWS {
            let gap = BTreeMap::from([(
                "gap",
                self.tr(
                    "ranked_more",
                    &[
                        ("count", (total - 2 * keep).into()),
                        ("n", self.fmt.number((total - 2 * keep) as f64, 0).into()),
                    ],
                ),
            )]);
            out.insert(keep, gap);
        }
        out
    }

    /// Under a table cut at a level: where the rest is.
    pub(super) fn table_note(&self, complete: bool) -> Option<String> {
        (!complete).then(|| {
            self.tr(
                "table_level_note",
                &[(
                    "rows",
                    self.fmt.number(scale::TABLE_MAX_ROWS as f64, 0).into(),
                )],
            )
        })
    }

    /// The ranked table for `{{ table(factor=...) }}` in a post, with links relative to `root`.
    pub(super) fn factor_table_html(
        &self,
        root: &str,
        p: usize,
        f: usize,
    ) -> Result<String, String> {
        let period = &self.analysis.periods[p];
        let name = self.site.framework.factors[f].name.get(self.language);
        let mut context = Context::new();
        context.insert("t", &self.strings);
        context.insert("root", root);
        context.insert("ranked", &self.ranked_rows(period, f));
        context.insert(
            "caption",
            &self.tr(
                "units_ranked_title",
                &[
                    ("factor", name.into()),
                    ("period", self.period_name(period.period).into()),
                ],
            ),
        );
        self.tera
            .render("ranked-table.html", &context)
            .map_err(|e| error_chain(&e))
    }

    pub(super) fn factor_trend(&self, figures: &FigureMaker, f: usize) -> crate::charts::Figure {
        fn org(p: &PeriodAnalysis) -> &aggregate::UnitResult {
            &p.units[UnitTree::ROOT]
        }
        let ex: Vec<Option<f64>> = self
            .analysis
            .periods
            .iter()
            .map(|p| org(p).ex.as_ref().and_then(|e| e.factors[f]))
            .collect();
        let cx: Vec<Option<f64>> = self
            .analysis
            .periods
            .iter()
            .map(|p| org(p).cx.as_ref().and_then(|c| c.factors[f]))
            .collect();
        let labels: Vec<String> = self
            .analysis
            .periods
            .iter()
            .map(|p| p.period.to_string())
            .collect();
        let name = self.site.framework.factors[f].name.get(self.language);
        let last = |v: &[Option<f64>]| {
            v.iter()
                .rev()
                .flatten()
                .next()
                .map(|x| self.fmt.number(*x, 0))
                .unwrap_or("–".into())
        };
        let desc = format!(
            "{name}: {} {} · {} {}.",
            self.t("ex_side"),
            last(&ex),
            self.t("cx_side"),
            last(&cx)
        );
        crate::charts::render_trend(
            "factor-trend",
            &labels,
            &[
                crate::charts::Series {
                    name: self.t("ex_side").into(),
                    values: ex,
                },
                crate::charts::Series {
                    name: self.t("cx_side").into(),
                    values: cx,
                },
            ],
            (0.0, 100.0),
            &crate::charts::TrendLabels {
                y_axis: self.t("index_axis"),
                period: self.t("period"),
                decimals: 0,
            },
            figures.fmt,
            &self.tr("trends_title", &[("factor", name.into())]),
            &desc,
        )
    }

    // ------------------------------------------------------------------ commentary
}
