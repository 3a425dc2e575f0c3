//! The unit pages and their index: one page per unit, with its figures, its position in the
//! organisation and the units below it; and the start page of a `--only` build.

use super::*;

impl Renderer<'_> {
    pub(super) fn units_index(&self) -> Result<OutputFile, Diagnostic> {
        let path = "units/index.html";
        let mut context = self.context(path, self.t("units"), "units");
        let (listed, complete) =
            scale::listed_units(&self.site.units, UnitTree::ROOT, scale::TABLE_MAX_ROWS);
        let links: Vec<Link> = listed
            .into_iter()
            .map(|u| self.unit_link(u, self.site.units.units[u].depth))
            .collect();
        context.insert("heading", self.t("all_units"));
        context.insert(
            "lead",
            &Some(match self.table_note(complete) {
                Some(note) => format!("{} · {note}", self.site.config.organisation),
                None => self.site.config.organisation.clone(),
            }),
        );
        context.insert("links", &links);
        context.insert("posts", &Vec::<PostSummary>::new());
        self.render("list.html", path, &context)
    }

    /// The start page of a `--only` build: the unit and everything below it, as a list.
    pub(super) fn only_index(&self, top: usize) -> Result<OutputFile, Diagnostic> {
        let path = "index.html";
        let mut context = self.context(path, &self.unit_name(top), "overview");
        let base = self.site.units.units[top].depth;
        let links: Vec<Link> = self
            .site
            .units
            .subtree(top)
            .into_iter()
            .map(|u| self.unit_link(u, self.site.units.units[u].depth - base + 1))
            .collect();
        context.insert("heading", &self.unit_name(top));
        context.insert("lead", &Some(self.site.config.organisation.clone()));
        context.insert("links", &links);
        context.insert("posts", &Vec::<PostSummary>::new());
        self.render("list.html", path, &context)
    }

    /// A unit's entry in a list of units, indented to `depth`, with its supervisor beside it.
    fn unit_link(&self, u: usize, depth: usize) -> Link {
        let unit = &self.site.units.units[u];
        Link {
            label: unit.name.clone(),
            href: self.unit_path(u),
            depth,
            note: unit
                .supervisor
                .as_ref()
                .map(|s| self.tr("supervisor_line", &[("name", s.as_str().into())])),
        }
    }

    /// The employee results of the nearest group above a hidden unit that is shown in period
    /// `p`: already published on that group's page, and the closest a reader can get.
    pub(super) fn parent_ex(
        &self,
        figures: &FigureMaker,
        p: usize,
        unit: usize,
    ) -> Option<ParentEx> {
        let units = &self.site.units;
        if units.units[unit].report_with.is_some() {
            return None;
        }
        let path = units.path_to(unit);
        let &above = path[..path.len() - 1]
            .iter()
            .rev()
            .find(|&&a| self.analysis.periods[p].units[a].ex_visibility.is_shown())?;
        let tiles: Vec<Tile> = self
            .tiles(figures, p, above)
            .into_iter()
            .filter(|tile| tile.side == Some("ex"))
            .collect();
        let name = self.unit_name(above);
        Some(ParentEx {
            heading: self.tr("parent_ex_heading", &[("unit", name.as_str().into())]),
            lead: self.tr(
                "parent_ex_lead",
                &[
                    ("unit", name.as_str().into()),
                    ("team", self.unit_name(unit).into()),
                ],
            ),
            href: self.unit_path(above),
            tiles,
        })
    }

    pub(super) fn unit_page(
        &self,
        unit: usize,
        posts: &[PostSummary],
    ) -> Result<OutputFile, Diagnostic> {
        let path = self.unit_path(unit);
        let info = &self.site.units.units[unit];
        let mut context = self.context(&path, &info.name, "units");
        let figures = self.figures(&path);
        let mut crumbs = vec![Crumb {
            label: self.t("units").into(),
            href: Some(match self.scope {
                Scope::Only(_) => "index.html".into(),
                _ => "units/index.html".into(),
            }),
        }];
        for &ancestor in &self.site.units.path_to(unit)[1..] {
            crumbs.push(Crumb {
                label: self.unit_name(ancestor),
                href: (ancestor != unit && self.has_unit_page(ancestor))
                    .then(|| self.unit_path(ancestor)),
            });
        }
        context.insert("breadcrumbs", &crumbs);
        context.insert("heading", &info.name);
        context.insert("supervisor", &info.supervisor);
        let periods = &self.analysis.periods;
        // A unit whose employee results are hidden in every period says why, shows its customer
        // results (they are not protected) and the employee results of the group it is part of.
        let ever_shown = periods
            .iter()
            .any(|p| p.units[unit].ex_visibility.is_shown());
        let reasons: Vec<String> = periods
            .iter()
            .filter_map(|p| self.hidden_reason(p.units[unit].ex_visibility))
            .collect();
        let hidden_everywhere = !ever_shown && !reasons.is_empty();
        let hidden_message = hidden_everywhere.then(|| {
            // Each distinct reason once, as a sentence, then the rule itself.
            let mut unique: Vec<String> = Vec::new();
            for reason in reasons {
                if !unique.contains(&reason) {
                    unique.push(reason);
                }
            }
            let reasons = unique.join("; ");
            let mut chars = reasons.chars();
            let sentence: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            format!(
                "{sentence}. {}",
                self.tr(
                    "privacy_note",
                    &[("n", Arg::from(self.site.config.anonymity_threshold))],
                )
            )
        });
        context.insert("hidden_message", &hidden_message);
        context.insert("parent_ex", &None::<ParentEx>);
        // The commentary about this unit: posts tagged with its id (`tags: [kallio]`).
        let about: Vec<&PostSummary> = posts
            .iter()
            .filter(|post| post.tags.iter().any(|t| tag_slug(&t.label) == info.id))
            .collect();
        context.insert("posts", &about);
        let Some(p) = self.latest() else {
            context.insert("lead", self.t("no_data"));
            context.insert("tiles", &Vec::<Tile>::new());
            context.insert("figures", &Vec::<String>::new());
            context.insert("unit_rows", &Vec::<UnitRow>::new());
            context.insert("unit_table_heading", self.t("sub_units"));
            return self.render("unit.html", &path, &context);
        };
        if periods[p].units[unit].ex_visibility.is_hidden() {
            context.insert("parent_ex", &self.parent_ex(&figures, p, unit));
        }
        context.insert("cover", &Some(self.cover(p, unit)));
        if hidden_everywhere {
            let period = &periods[p];
            context.insert(
                "lead",
                &format!(
                    "{}: {}",
                    self.t("latest_period"),
                    self.period_name(period.period)
                ),
            );
            // Only the customer side is the unit's own: every employee figure here is hidden.
            let tiles: Vec<Tile> = self
                .tiles(&figures, p, unit)
                .into_iter()
                .filter(|tile| tile.side == Some("cx"))
                .collect();
            context.insert("tiles", &tiles);
            let mut list = Vec::new();
            list.extend(figures.likert(p, unit, Side::Cx, None));
            list.extend(figures.net(p, unit));
            context.insert(
                "figures",
                &list.iter().map(|f| self.figure_html(f)).collect::<Vec<_>>(),
            );
            context.insert("unit_rows", &Vec::<UnitRow>::new());
            context.insert("unit_table_heading", self.t("sub_units"));
            context.insert("hidden_notes", &Vec::<String>::new());
            context.insert("comments", &self.comments_view(p, unit));
            return self.render("unit.html", &path, &context);
        }
        let period = &periods[p];
        // "Viimeisin neljännes: Q3/2026" on a quarterly site, as on the front page.
        context.insert(
            "lead",
            &format!(
                "{}: {}",
                self.t("latest_period"),
                self.period_name(period.period)
            ),
        );
        context.insert("tiles", &self.tiles(&figures, p, unit));
        let mut list = vec![figures.trend_index(unit), figures.trend_net(unit)];
        list.extend(figures.mirror(p, unit));
        list.extend(figures.likert(p, unit, Side::Ex, None));
        list.extend(figures.likert(p, unit, Side::Cx, None));
        list.extend(figures.net(p, unit));
        if !self.site.units.is_leaf(unit) {
            list.push(figures.heatmap(p, unit));
        }
        context.insert(
            "figures",
            &list.iter().map(|f| self.figure_html(f)).collect::<Vec<_>>(),
        );
        let (below, complete) = scale::listed_units(&self.site.units, unit, scale::TABLE_MAX_ROWS);
        context.insert("table_script", &(below.len() > 20));
        context.insert("unit_rows", &self.unit_rows(p, &below, info.depth));
        context.insert("unit_table_heading", self.t("sub_units"));
        context.insert("unit_table_note", &self.table_note(complete));
        context.insert("positions", &self.position_sentences(p, unit));
        let mut notes = Vec::new();
        for q in periods {
            notes.extend(self.hidden_notes(q, std::iter::once(unit)));
        }
        notes.extend(self.hidden_notes(period, below.into_iter()));
        context.insert("hidden_notes", &notes);
        context.insert("comments", &self.comments_view(p, unit));
        self.render("unit.html", &path, &context)
    }
}
