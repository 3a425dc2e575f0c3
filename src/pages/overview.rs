//! The overview page: the latest period at a glance, the EX–CX linkage and the latest posts.

use super::*;

impl Renderer<'_> {
    pub(super) fn overview(&self, posts: &[PostSummary]) -> Result<OutputFile, Diagnostic> {
        let path = "index.html";
        let mut context = self.context(path, self.t("overview"), "overview");
        let figures = self.figures(path);
        match self.latest() {
            Some(p) => {
                let period = &self.analysis.periods[p];
                context.insert(
                    "heading",
                    &format!(
                        "{} · {}",
                        self.site.config.title,
                        self.period_name(period.period)
                    ),
                );
                context.insert(
                    "lead",
                    &format!(
                        "{}: {} · {}",
                        self.t("latest_period"),
                        self.period_name(period.period),
                        self.site.config.organisation
                    ),
                );
                context.insert("cover", &Some(self.cover(p, UnitTree::ROOT)));
                context.insert("tiles", &self.tiles(&figures, p, UnitTree::ROOT));
                context.insert("linkage", &self.linkage_view(&figures, p));
                let mut list = vec![figures.scatter(p, None)];
                list.extend(figures.mirror(p, UnitTree::ROOT));
                list.push(figures.trend_index(UnitTree::ROOT));
                list.push(figures.trend_net(UnitTree::ROOT));
                list.push(figures.heatmap(p, UnitTree::ROOT));
                list.push(figures.lag());
                let html: Vec<String> = list.iter().map(|f| self.figure_html(f)).collect();
                context.insert("figures", &html);
                let (listed, _) =
                    scale::listed_units(&self.site.units, UnitTree::ROOT, scale::TABLE_MAX_ROWS);
                context.insert("hidden_notes", &self.bounded_hidden_notes(p, &listed));
                context.insert("attention", &self.attention(p));
                context.insert("comments", &self.comments_view(p, UnitTree::ROOT));
            }
            None => {
                context.insert("heading", &self.site.config.title);
                context.insert("lead", self.t("no_data"));
                context.insert("tiles", &Vec::<Tile>::new());
                context.insert(
                    "linkage",
                    &LinkageView {
                        verdict: Verdict::TooFewUnits,
                        headline: self.t("no_data").into(),
                        detail: String::new(),
                    },
                );
                context.insert("figures", &Vec::<String>::new());
                context.insert("attention", &Vec::<scale::AttentionList>::new());
            }
        }
        context.insert("posts", &posts.iter().take(3).collect::<Vec<_>>());
        self.render("index.html", path, &context)
    }
}
