//! Pages: the analysis and the commentary rendered through Tera templates into HTML files.
//!
//! Templates are embedded in the binary (the default theme in `templates/`) and a site may
//! override any of them by file name. Every number is formatted here, in the site's language, so
//! templates only place text. Links are relative and name their file, so the site works from a
//! folder, a zip or any intranet path.

mod budget;
mod comments;
mod factors;
mod figure_html;
mod figures;
mod languages;
mod lifecycle;
mod method;
mod overview;
mod periods;
mod points;
mod posts;
mod print;
mod scale;
mod shortcodes;
mod theme;
mod tiles;
mod units;

use std::collections::BTreeMap;
use std::sync::Mutex;

use rayon::prelude::*;

use serde::Serialize;
use tera::{Context, Tera};

use crate::aggregate::{self, Analysis, PeriodAnalysis, Verdict};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::format::NumberFormat;
use crate::framework::{Language, Side};
use crate::i18n::{self, Arg};
use crate::load::slugify;
use crate::markdown;
use crate::model::{Post, Site, UnitTree};
use crate::output::{OutputError, OutputFile};
use crate::privacy::Visibility;
use crate::stats;
use theme::{error_chain, minify_css, template_error};

pub use budget::{Overdue, PAGE_TIME_VAR, overdue, overdue_diagnostic, page_time_limit};
pub use figures::FigureMaker;

/// The default theme, embedded so a site needs no templates of its own.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("figure.html", include_str!("../../templates/figure.html")),
    ("tiles.html", include_str!("../../templates/tiles.html")),
    ("linkage.html", include_str!("../../templates/linkage.html")),
    (
        "attention.html",
        include_str!("../../templates/attention.html"),
    ),
    (
        "post-list.html",
        include_str!("../../templates/post-list.html"),
    ),
    (
        "unit-table.html",
        include_str!("../../templates/unit-table.html"),
    ),
    (
        "ranked-table.html",
        include_str!("../../templates/ranked-table.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("period.html", include_str!("../../templates/period.html")),
    ("unit.html", include_str!("../../templates/unit.html")),
    (
        "comments.html",
        include_str!("../../templates/comments.html"),
    ),
    ("factor.html", include_str!("../../templates/factor.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("post.html", include_str!("../../templates/post.html")),
    ("method.html", include_str!("../../templates/method.html")),
    (
        "lifecycle.html",
        include_str!("../../templates/lifecycle.html"),
    ),
    (
        "languages.html",
        include_str!("../../templates/languages.html"),
    ),
    ("feed.xml", include_str!("../../templates/feed.xml")),
];

/// Renders every page of the site into memory, sorted by path (for tests and small sites).
pub fn render_site(site: &Site, analysis: &Analysis) -> Result<Vec<OutputFile>, Diagnostics> {
    let files = Mutex::new(Vec::new());
    let sink = |file: OutputFile| {
        files.lock().expect("no thread panicked").push(file);
        Ok(())
    };
    match render_into(site, analysis, Scope::All, &sink) {
        Ok(_) => {}
        Err(RenderError::Input(d)) => return Err(d),
        Err(RenderError::Output(e)) => unreachable!("the in-memory sink never fails: {e}"),
    }
    let mut files = files.into_inner().expect("no thread panicked");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Which pages a run renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole site.
    All,
    /// What `kolikko check` needs to find everything a build would reject: every post (their
    /// shortcodes) and one page of each kind and state, not every page.
    Check,
    /// `kolikko build --only UNIT`: the pages of one unit's subtree.
    Only(usize),
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{0}")]
    Input(Diagnostics),
    #[error("{0}")]
    Output(#[from] OutputError),
}

/// What a run rendered: files, bytes and charts handed to the sink.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderStats {
    pub files: usize,
    pub bytes: usize,
    /// Figures drawn (SVG charts on all pages).
    pub charts: usize,
}

/// The charts in a rendered file: each is one `<figure class="chart">` (templates/figure.html).
pub fn charts_in(file: &OutputFile) -> usize {
    const NEEDLE: &[u8] = b"<figure class=\"chart\"";
    if !file.path.ends_with(".html") {
        return 0;
    }
    // memchr's substring search: the byte-by-byte window comparison it replaces was 3-4% of a
    // large build (it reads every byte of the site).
    memchr::memmem::find_iter(&file.contents, NEEDLE).count()
}

/// One page (or, for tags, one set of pages) to render; the list is built first so the pages
/// can be rendered in parallel.
#[derive(Clone, Copy, Debug)]
enum Page {
    Overview,
    PeriodsIndex,
    Period(usize),
    UnitsIndex,
    Unit(usize),
    FactorsIndex,
    Factor(usize),
    PostsIndex,
    Tags,
    Method,
    Feed,
    /// The start page of a `--only` build: the unit's subtree as a list.
    OnlyIndex(usize),
    Lifecycle,
}

/// Renders the pages of `scope` in parallel and hands each to `sink` as soon as it is finished,
/// so the site is never held in memory. Every page is a pure function of the site and the
/// analysis: the bytes do not depend on the order or the number of threads.
pub fn render_into(
    site: &Site,
    analysis: &Analysis,
    scope: Scope,
    sink: &(dyn Fn(OutputFile) -> Result<(), OutputError> + Sync),
) -> Result<RenderStats, RenderError> {
    let languages = &site.config.languages;
    if languages.len() <= 1 {
        return render_language(site, analysis, site.config.language, &[], scope, sink);
    }
    // A site in several languages: the whole site once per language under `fi/`, `sv/`, …
    // and a root page that links to each.
    let mut stats = RenderStats::default();
    for &language in languages {
        let prefixed = |file: OutputFile| {
            sink(OutputFile {
                path: format!("{}/{}", language.code(), file.path),
                contents: file.contents,
            })
        };
        let one = render_language(site, analysis, language, languages, scope, &prefixed)?;
        stats.files += one.files;
        stats.bytes += one.bytes;
        stats.charts += one.charts;
    }
    let root = languages::root_page(site).map_err(|d| RenderError::Input(Diagnostics(vec![d])))?;
    stats.files += 1;
    stats.bytes += root.contents.len();
    sink(root)?;
    Ok(stats)
}

/// Every page of `scope` in one language; `switcher` lists the site's languages when there are
/// several, so each page links to itself in the others.
fn render_language(
    site: &Site,
    analysis: &Analysis,
    language: Language,
    switcher: &[Language],
    scope: Scope,
    sink: &(dyn Fn(OutputFile) -> Result<(), OutputError> + Sync),
) -> Result<RenderStats, RenderError> {
    let renderer =
        Renderer::new(site, analysis, language, switcher, scope).map_err(RenderError::Input)?;
    let rendered = Mutex::new(RenderStats::default());
    let put = |file: OutputFile| -> Result<(), OutputError> {
        let (bytes, charts) = (file.contents.len(), charts_in(&file));
        sink(file)?;
        let mut r = rendered.lock().expect("no thread panicked");
        r.files += 1;
        r.bytes += bytes;
        r.charts += charts;
        Ok(())
    };
    let mut diagnostics = Diagnostics::default();
    let post_results: Vec<_> = match scope {
        Scope::Only(_) => Vec::new(),
        _ => renderer
            .posts
            .par_iter()
            .map(|post| renderer.render_post(post))
            .collect(),
    };
    let mut posts = Vec::new();
    for result in post_results {
        match result {
            Ok((summary, file)) => {
                put(file)?;
                posts.push(summary);
            }
            Err(errors) => diagnostics.0.extend(errors),
        }
    }
    if !diagnostics.is_empty() {
        return Err(RenderError::Input(once_per_place(diagnostics)));
    }
    let results: Vec<Result<Vec<Diagnostic>, OutputError>> = renderer
        .pages(scope)
        .into_par_iter()
        .map(|page| {
            let mut errors = Vec::new();
            for result in renderer.render_page(page, &posts) {
                match result {
                    Ok(file) => put(file)?,
                    Err(d) => errors.push(d),
                }
            }
            Ok(errors)
        })
        .collect();
    for result in results {
        diagnostics.0.extend(result?);
    }
    diagnostics
        .into_result(())
        .map_err(|d| RenderError::Input(once_per_place(d)))?;
    Ok(rendered.into_inner().expect("no thread panicked"))
}

/// A template mistake fails every page that uses the template: report it once.
fn once_per_place(diagnostics: Diagnostics) -> Diagnostics {
    let mut seen = std::collections::HashSet::new();
    Diagnostics(
        diagnostics
            .0
            .into_iter()
            .filter(|d| {
                // Same place, same words up to the page-specific "(while rendering …)" or the
                // list of the page's variables (pages rendered in parallel may differ there).
                let what = d
                    .message
                    .split(" (while rendering")
                    .next()
                    .and_then(|m| m.split(". Available variables").next())
                    .unwrap_or_default();
                d.line == 0 && !d.message.starts_with("template error")
                    || seen.insert((d.file.clone(), d.line, d.column, what.to_string()))
            })
            .collect(),
    )
}

struct Renderer<'a> {
    site: &'a Site,
    analysis: &'a Analysis,
    tera: Tera,
    language: Language,
    fmt: NumberFormat,
    /// The site's messages: embedded, with its `i18n/` overrides.
    tr: &'static i18n::Translations,
    /// Plain messages for templates and `t()`, with the period words of this site's periods.
    strings: &'static BTreeMap<&'static str, &'static str>,
    /// `strings` as a template value, made once: every page and every figure passes it as `t`,
    /// and serialising the whole map each time was a tenth of a large build.
    strings_value: tera::Value,
    /// The posts of this language: `post.sv.md` on the Swedish pages, else `post.md`.
    posts: Vec<&'a crate::model::Post>,
    /// The site's languages when it is built in several, for the language switcher.
    switcher: Vec<Language>,
    scope: Scope,
    /// The latest period's shown team indices, sorted once for every team page's rank.
    ranking: Option<scale::Ranking>,
}

#[derive(Serialize)]
struct NavItem {
    label: &'static str,
    href: &'static str,
    active: bool,
}

#[derive(Serialize)]
struct Crumb {
    label: String,
    href: Option<String>,
}

#[derive(Serialize, Default)]
struct Tile {
    label: String,
    value: String,
    side: Option<&'static str>,
    change: Option<String>,
    change_class: &'static str,
    change_note: Option<String>,
    /// The group against the organisation (unit pages only).
    compare: Option<String>,
    note: Option<String>,
    spark: Option<String>,
}

/// A hidden unit's view of the employee results of the group it is part of.
#[derive(Serialize)]
struct ParentEx {
    heading: String,
    lead: String,
    href: String,
    tiles: Vec<Tile>,
}

#[derive(Serialize)]
struct LinkageView {
    verdict: Verdict,
    headline: String,
    detail: String,
}

#[derive(Serialize)]
struct UnitRow {
    name: String,
    href: String,
    depth: usize,
    ex_index: String,
    cx_index: String,
    enps: String,
    nps: String,
    response_rate: String,
}

#[derive(Serialize, Clone)]
struct TagLink {
    label: String,
    href: String,
}

/// What lists and feeds show of a post; hrefs are relative to the site root.
#[derive(Serialize, Clone)]
struct PostSummary {
    slug: String,
    title: String,
    href: String,
    date: String,
    date_iso: String,
    author: Option<String>,
    reading_time: String,
    /// Shown only in `--drafts` builds, marked so a draft is never mistaken for published text.
    draft: bool,
    summary: Option<String>,
    summary_text: String,
    tags: Vec<TagLink>,
    #[serde(skip)]
    period: Option<crate::period::Period>,
}

#[derive(Serialize)]
struct Link {
    label: String,
    href: String,
    depth: usize,
    note: Option<String>,
}

/// `units/a/index.html` → `../../`
fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        analysis: &'a Analysis,
        language: Language,
        switcher: &[Language],
        scope: Scope,
    ) -> Result<Self, Diagnostics> {
        let mut tera = Tera::new();
        tera.set_escape_fn(theme::escape_html);
        let mut diagnostics = Diagnostics::default();
        let mut templates: BTreeMap<String, (String, Option<std::path::PathBuf>)> =
            DEFAULT_TEMPLATES
                .iter()
                .map(|(name, source)| (name.to_string(), (source.to_string(), None)))
                .collect();
        for o in &site.template_overrides {
            if templates.contains_key(&o.name) {
                templates.insert(o.name.clone(), (o.source.clone(), Some(o.path.clone())));
            } else {
                diagnostics.push(Diagnostic::whole_file(
                    &o.path,
                    format!(
                        "unknown template `{}`: a site may override {}",
                        o.name,
                        DEFAULT_TEMPLATES
                            .iter()
                            .map(|t| t.0)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        // The stylesheet is inlined in every page: minified once here, readable in the source.
        if let Some((source, _)) = templates.get_mut("style.css") {
            *source = minify_css(source);
        }
        if let Err(e) = tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, (source, _))| (name.as_str(), source.as_str())),
        ) {
            diagnostics.push(template_error(&templates, &e));
        }
        let file = format!("{}.ftl", language.code());
        let tr = match site.translation_overrides.iter().find(|o| o.name == file) {
            None => i18n::Translations::embedded(language),
            Some(o) => {
                match i18n::Translations::with_override(
                    language,
                    &o.path.display().to_string(),
                    &o.source,
                ) {
                    Ok(tr) => tr,
                    Err(message) => {
                        diagnostics.push(Diagnostic::whole_file(&o.path, message));
                        i18n::Translations::embedded(language)
                    }
                }
            }
        };
        let strings = tr.strings_for(site.periods.first().map(|p| p.period.granularity));
        diagnostics.into_result(Renderer {
            site,
            analysis,
            tera,
            language,
            fmt: i18n::number_format(language),
            tr,
            strings,
            strings_value: tera::Value::from_serializable(strings),
            posts: languages::posts_in(site, language),
            switcher: switcher.to_vec(),
            scope,
            ranking: analysis
                .periods
                .last()
                .map(|p| scale::Ranking::of(&site.units, p)),
        })
    }

    /// The pages of `scope`, in a fixed order.
    fn pages(&self, scope: Scope) -> Vec<Page> {
        let units = &self.site.units;
        let periods = self.analysis.periods.len();
        let factors = self.site.framework.factors.len();
        match scope {
            Scope::All => {
                let mut pages = vec![Page::Overview, Page::PeriodsIndex];
                pages.extend((0..periods).map(Page::Period));
                pages.push(Page::UnitsIndex);
                pages.extend((1..units.len()).map(Page::Unit));
                pages.push(Page::FactorsIndex);
                pages.extend((0..factors).map(Page::Factor));
                pages.extend(self.has_lifecycle().then_some(Page::Lifecycle));
                pages.extend([Page::PostsIndex, Page::Tags, Page::Method, Page::Feed]);
                pages
            }
            Scope::Check => {
                let mut pages = vec![Page::Overview, Page::PeriodsIndex];
                // The first and the latest period (the first has no previous one to compare).
                pages.extend(
                    (0..periods)
                        .filter(|&p| p == 0 || p + 1 == periods)
                        .map(Page::Period),
                );
                pages.push(Page::UnitsIndex);
                // One unit page of each state the template distinguishes: a team, a unit with
                // sub-units, a unit hidden in every period.
                let hidden_everywhere = |u: usize| {
                    !self
                        .analysis
                        .periods
                        .iter()
                        .any(|p| p.units[u].ex_visibility.is_shown())
                };
                let leaf = units.leaves().next();
                let parent = (1..units.len()).find(|&u| !units.is_leaf(u));
                let hidden = (1..units.len()).find(|&u| hidden_everywhere(u));
                let mut chosen: Vec<usize> = [leaf, parent, hidden].into_iter().flatten().collect();
                chosen.dedup();
                pages.extend(chosen.into_iter().map(Page::Unit));
                pages.push(Page::FactorsIndex);
                pages.extend((0..factors.min(1)).map(Page::Factor));
                pages.extend(self.has_lifecycle().then_some(Page::Lifecycle));
                pages.extend([Page::PostsIndex, Page::Tags, Page::Method, Page::Feed]);
                pages
            }
            Scope::Only(unit) => {
                let mut pages = vec![Page::OnlyIndex(unit), Page::Method];
                pages.extend(
                    units
                        .subtree(unit)
                        .into_iter()
                        .filter(|&u| u != UnitTree::ROOT)
                        .map(Page::Unit),
                );
                pages
            }
        }
    }

    fn render_page(
        &self,
        page: Page,
        posts: &[PostSummary],
    ) -> Vec<Result<OutputFile, Diagnostic>> {
        match page {
            Page::Overview => vec![self.overview(posts)],
            Page::PeriodsIndex => vec![self.periods_index()],
            Page::Period(p) => vec![self.period_page(p, posts)],
            Page::UnitsIndex => vec![self.units_index()],
            Page::Unit(u) => vec![self.unit_page(u, posts)],
            Page::FactorsIndex => vec![self.factors_index()],
            Page::Factor(f) => vec![self.factor_page(f)],
            Page::PostsIndex => vec![self.posts_index(posts)],
            Page::Tags => self.tag_pages(posts),
            Page::Method => vec![self.method_page()],
            Page::Feed => vec![self.feed(posts)],
            Page::OnlyIndex(unit) => vec![self.only_index(unit)],
            Page::Lifecycle => vec![self.lifecycle_page()],
        }
    }

    /// Whether `unit`'s page is part of this run (a `--only` build leaves the rest out).
    fn has_unit_page(&self, unit: usize) -> bool {
        match self.scope {
            Scope::Only(top) => {
                unit != UnitTree::ROOT && self.site.units.path_to(unit).contains(&top)
            }
            _ => true,
        }
    }

    fn t(&self, key: &str) -> &'static str {
        self.strings
            .get(key)
            .copied()
            .unwrap_or_else(|| panic!("missing UI string `{key}`"))
    }

    /// A message with named arguments (see `i18n::Translations::format`).
    fn tr(&self, key: &str, args: &[(&str, i18n::Arg)]) -> String {
        self.tr.format(key, args)
    }

    /// A period as readers say it: "Q3/2026", "kesäkuu 2026".
    fn period_name(&self, period: crate::period::Period) -> String {
        self.tr.period(period)
    }

    fn figures(&self, page_path: &str) -> FigureMaker<'a> {
        FigureMaker {
            site: self.site,
            analysis: self.analysis,
            language: self.language,
            fmt: self.fmt,
            tr: self.tr,
            strings: self.strings,
            root: root_for(page_path),
            id_prefix: String::new(),
            counter: std::cell::Cell::new(0),
        }
    }

    fn latest(&self) -> Option<usize> {
        self.analysis.periods.len().checked_sub(1)
    }

    /// Breadcrumbs for a page one level inside a section: "Periods › 2026-Q3".
    fn section_crumbs(
        &self,
        section: &str,
        section_href: &str,
        label: impl Into<String>,
    ) -> Vec<Crumb> {
        vec![
            Crumb {
                label: self.t(section).into(),
                href: Some(section_href.into()),
            },
            Crumb {
                label: label.into(),
                href: None,
            },
        ]
    }

    /// The context every page shares.
    fn context(&self, path: &str, title: &str, active: &str) -> Context {
        let mut context = Context::new();
        let nav: Vec<NavItem> = [
            ("overview", "index.html"),
            ("periods", "periods/index.html"),
            ("units", "units/index.html"),
            ("factors", "factors/index.html"),
            ("lifecycle", "lifecycle/index.html"),
            ("posts", "posts/index.html"),
            ("method", "method/index.html"),
        ]
        .into_iter()
        .filter(|(key, _)| *key != "lifecycle" || self.has_lifecycle())
        // A `--only` build has its own start page and the method, nothing else to link to.
        .filter(|(key, _)| {
            !matches!(self.scope, Scope::Only(_)) || *key == "overview" || *key == "method"
        })
        .map(|(key, href)| NavItem {
            label: self.t(key),
            href,
            active: key == active,
        })
        .collect();
        context.insert(
            "site",
            &BTreeMap::from([
                ("title", self.site.config.title.as_str()),
                ("organisation", self.site.config.organisation.as_str()),
            ]),
        );
        context.insert("lang", self.language.code());
        context.insert_value("t", self.strings_value.clone());
        context.insert("root", &root_for(path));
        context.insert(
            "languages",
            &languages::switcher(&self.switcher, self.language, path),
        );
        context.insert("nav", &nav);
        context.insert("page_title", title);
        context.insert("breadcrumbs", &Vec::<Crumb>::new());
        // Post titles in a list sit one level below the section heading they are listed under;
        // on the list pages themselves that is the page's <h1>.
        context.insert("post_heading_level", &if active == "posts" { 2 } else { 3 });
        context.insert("data_as_of", &self.data_as_of());
        context.insert("cover", &None::<print::Cover>);
        context.insert("hidden_notes", &Vec::<String>::new());
        context.insert("unit_table_note", &None::<String>);
        context.insert("table_script", &false);
        context.insert("positions", &Vec::<String>::new());
        context.insert("attention", &Vec::<scale::AttentionList>::new());
        context.insert("comments", &None::<comments::CommentsView>);
        context.insert(
            "privacy_note",
            &self.tr(
                "privacy_note",
                &[("n", Arg::from(self.site.config.anonymity_threshold))],
            ),
        );
        context
    }

    // ------------------------------------------------------------------ shared pieces

    /// Why an EX group is hidden, in words.
    fn hidden_reason(&self, visibility: Visibility) -> Option<String> {
        // One reason for every hidden group: telling "fewer than N" from "hidden to protect"
        // would give the reader bounds on hidden sizes (docs/method.md, Anonymity).
        visibility.is_hidden().then(|| {
            self.tr(
                "hidden_reason",
                &[("n", Arg::from(self.site.config.anonymity_threshold))],
            )
        })
    }

    fn unit_name(&self, unit: usize) -> String {
        unit_name(self.site, unit)
    }

    fn unit_path(&self, unit: usize) -> String {
        unit_path(self.site, unit)
    }
}

/// A unit's display name; the organisation (the root) goes by its own name.
fn unit_name(site: &Site, unit: usize) -> String {
    if unit == UnitTree::ROOT {
        site.config.organisation.clone()
    } else {
        site.units.units[unit].name.clone()
    }
}

/// A unit page's path from the site root; the organisation's page is the unit list.
fn unit_path(site: &Site, unit: usize) -> String {
    if unit == UnitTree::ROOT {
        "units/index.html".to_string()
    } else {
        format!("units/{}/index.html", site.units.units[unit].id)
    }
}

fn tag_slug(tag: &str) -> String {
    let slug = slugify(tag);
    if slug.is_empty() { "tag".into() } else { slug }
}

/// A p-value as a clause: "p = 0.004", and very small ones as "p < 0.001".
fn format_p(fmt: NumberFormat, p: f64) -> String {
    if p < 0.001 {
        format!("p < {}", fmt.number(0.001, 3))
    } else {
        format!("p = {}", fmt.number(p, 3))
    }
}

#[cfg(test)]
mod tests {
    use super::{OutputFile, charts_in};

    #[test]
    fn charts_are_counted_in_html_pages_only() {
        let page = |path: &str, text: &str| OutputFile {
            path: path.to_string(),
            contents: text.as_bytes().to_vec(),
        };
        let html = "<figure class=\"chart\" id=\"a\"></figure><figure class=\"chart\">\
                    <figure class=\"chartx\"><figure class=\"wide\">";
        assert_eq!(charts_in(&page("units/a/index.html", html)), 2);
        assert_eq!(charts_in(&page("feed.xml", html)), 0);
        assert_eq!(charts_in(&page("index.html", "<figure class=\"char")), 0);
    }
}
