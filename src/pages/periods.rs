//! The period pages and their index: each period's figures, linkage and unit table.

use super::*;

impl Renderer<'_> {
    pub(super) fn linkage_view(&self, figures: &FigureMaker, p: usize) -> LinkageView {
        let (verdict, headline) = figures.linkage_sentence(p);
        let link = &self.analysis.periods[p].linkage;
        // Nothing derived from the correlation below the minimum number of teams (the
        // analysis computes none then); the unit of analysis is said whenever there is one.
        let mut detail = Vec::new();
        if let Some(s) = &link.spearman {
            detail.push(self.tr(
                "spearman_text",
                &[
                    ("rho", self.fmt.number(s.r, 2).into()),
                    ("p", format_p(self.fmt, s.p_value).into()),
                ],
            ));
        }
        let unique_leader = link.driver_ranks.iter().filter(|&&r| r == 1).count() == 1;
        match link.drivers.first() {
            Some((f, c)) if unique_leader => detail.push(
                self.tr(
                    "key_driver_text",
                    &[
                        (
                            "factor",
                            self.site.framework.factors[*f]
                                .name
                                .get(self.language)
                                .into(),
                        ),
                        ("r", self.fmt.number(c.r, 2).into()),
                    ],
                ),
            ),
            Some(_) => detail.push(self.t("key_driver_none").to_string()),
            None => {}
        }
        if link.pearson.is_some() {
            detail.push(self.t("linkage_unit_of_analysis").to_string());
        }
        LinkageView {
            verdict,
            headline,
            detail: detail.join(" "),
        }
    }

    pub(super) fn periods_index(&self) -> Result<OutputFile, Diagnostic> {
        let path = "periods/index.html";
        let mut context = self.context(path, self.t("periods"), "periods");
        let links: Vec<Link> = self
            .analysis
            .periods
            .iter()
            .rev()
            .map(|p| {
                let org = &p.units[UnitTree::ROOT];
                let ex = org
                    .ex
                    .as_ref()
                    .and_then(|e| e.index)
                    .map(|v| self.fmt.number(v, 0))
                    .unwrap_or("–".into());
                let cx = org
                    .cx
                    .as_ref()
                    .and_then(|c| c.index)
                    .map(|v| self.fmt.number(v, 0))
                    .unwrap_or("–".into());
                let r = p
                    .linkage
                    .pearson
                    .as_ref()
                    .map(|c| format!(" · r = {}", self.fmt.number(c.r, 2)))
                    .unwrap_or_default();
                Link {
                    label: self.period_name(p.period),
                    href: format!("periods/{}/index.html", p.period.slug()),
                    depth: 1,
                    note: Some(format!(
                        "{} {ex} · {} {cx}{r}",
                        self.t("ex_index"),
                        self.t("cx_index")
                    )),
                }
            })
            .collect();
        context.insert("heading", self.t("all_periods"));
        context.insert("lead", &None::<String>);
        context.insert("links", &links);
        context.insert("posts", &Vec::<PostSummary>::new());
        self.render("list.html", path, &context)
    }

    pub(super) fn period_page(
        &self,
        p: usize,
        posts: &[PostSummary],
    ) -> Result<OutputFile, Diagnostic> {
        let period = &self.analysis.periods[p];
        let path = format!("periods/{}/index.html", period.period.slug());
        let mut context = self.context(&path, &self.period_name(period.period), "periods");
        let figures = self.figures(&path);
        context.insert(
            "breadcrumbs",
            &self.section_crumbs(
                "periods",
                "periods/index.html",
                self.period_name(period.period),
            ),
        );
        context.insert(
            "heading",
            &self.tr(
                "period_heading",
                &[("period", self.period_name(period.period).into())],
            ),
        );
        context.insert("lead", &self.site.config.organisation);
        context.insert("cover", &Some(self.cover(p, UnitTree::ROOT)));
        context.insert("tiles", &self.tiles(&figures, p, UnitTree::ROOT));
        context.insert("linkage", &self.linkage_view(&figures, p));
        let mut list = vec![figures.scatter(p, None), figures.heatmap(p, UnitTree::ROOT)];
        list.extend(figures.net(p, UnitTree::ROOT));
        list.extend(figures.response_rates(p, UnitTree::ROOT));
        list.extend(figures.likert(p, UnitTree::ROOT, Side::Ex, None));
        list.extend(figures.likert(p, UnitTree::ROOT, Side::Cx, None));
        context.insert(
            "figures",
            &list.iter().map(|f| self.figure_html(f)).collect::<Vec<_>>(),
        );
        let (listed, complete) =
            scale::listed_units(&self.site.units, UnitTree::ROOT, scale::TABLE_MAX_ROWS);
        context.insert("table_script", &(listed.len() > 20));
        context.insert("unit_rows", &self.unit_rows(p, &listed, 0));
        context.insert("unit_table_heading", self.t("all_units"));
        context.insert("unit_table_note", &self.table_note(complete));
        context.insert("attention", &self.attention(p));
        let link = &period.linkage;
        // Strongest driver first, ranks from `aggregate::driver_ranks` ("=1" where intervals
        // overlap); factors without enough data last, in framework order.
        let mut order: Vec<usize> = link.drivers.iter().map(|(f, _)| *f).collect();
        let rest: Vec<usize> = (0..self.site.framework.factors.len())
            .filter(|f| !order.contains(f))
            .collect();
        order.extend(rest);
        let factor_links: Vec<BTreeMap<&str, String>> = order
            .into_iter()
            .map(|f| {
                let factor = &self.site.framework.factors[f];
                let side = link.factors[f]
                    .as_ref()
                    .map(|c| figures.correlation_text(c))
                    .unwrap_or_else(|| self.t("not_enough_data").into());
                let driver = link
                    .drivers
                    .iter()
                    .position(|(d, _)| *d == f)
                    .map(|i| {
                        // "#2" for a place of its own, "=1" for a shared one.
                        let label = aggregate::rank_label(&link.driver_ranks, i);
                        let rank = if label.starts_with('=') {
                            label
                        } else {
                            format!("#{label}")
                        };
                        self.tr(
                            "driver_rank_text",
                            &[
                                ("rank", rank.into()),
                                ("r", self.fmt.number(link.drivers[i].1.r, 2).into()),
                            ],
                        )
                    })
                    .unwrap_or_else(|| self.t("not_enough_data").into());
                BTreeMap::from([
                    ("name", factor.name.get(self.language).to_string()),
                    ("href", format!("factors/{}/index.html", factor.id)),
                    ("side_link", side),
                    ("driver", driver),
                ])
            })
            .collect();
        context.insert("factor_links", &factor_links);
        context.insert("ex_vs_cx_label", self.t("ex_side_vs_cx_side"));
        context.insert("driver_label", self.t("ex_side_vs_cx_index"));
        context.insert("drivers_note", self.t("drivers_note"));
        let period_posts: Vec<&PostSummary> = posts
            .iter()
            .filter(|s| s.period == Some(period.period))
            .collect();
        context.insert("posts", &period_posts);
        context.insert("hidden_notes", &self.bounded_hidden_notes(p, &listed));
        context.insert("comments", &self.comments_view(p, UnitTree::ROOT));
        self.render("period.html", &path, &context)
    }
}
