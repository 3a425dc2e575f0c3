//! Pages: the analysis and the commentary rendered through Tera templates into HTML files.
//!
//! Templates are embedded in the binary (the default theme in `templates/`) and a site may
//! override any of them by file name. Every number is formatted here, in the site's language, so
//! templates only place text. Links are relative and name their file, so the site works from a
//! folder, a zip or any intranet path.

mod budget;
mod figures;
mod languages;
mod lifecycle;
mod method;
mod scale;
mod shortcodes;

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
    file.contents
        .windows(NEEDLE.len())
        .filter(|w| *w == NEEDLE)
        .count()
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
            Page::Unit(u) => vec![self.unit_page(u)],
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
        context.insert("t", &self.strings);
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
        context.insert("hidden_notes", &Vec::<String>::new());
        context.insert("unit_table_note", &None::<String>);
        context.insert("table_script", &false);
        context.insert("positions", &Vec::<String>::new());
        context.insert("attention", &Vec::<scale::AttentionList>::new());
        context.insert(
            "privacy_note",
            &self.tr(
                "privacy_note",
                &[("n", Arg::from(self.site.config.anonymity_threshold))],
            ),
        );
        context
    }

    fn render(
        &self,
        template: &str,
        path: &str,
        context: &Context,
    ) -> Result<OutputFile, Diagnostic> {
        // Rendered into a bounded buffer: a runaway custom template stops with its name.
        let mut page = budget::PageBudget::new();
        let rendered = self.tera.render_to(template, context, &mut page);
        rendered.map_err(|e| match page.exceeded.take() {
            Some(reason) => {
                let path = self
                    .site
                    .template_overrides
                    .iter()
                    .find(|o| o.name == template)
                    .map(|o| o.path.clone())
                    .unwrap_or_else(|| std::path::PathBuf::from(format!("templates/{template}")));
                Diagnostic::whole_file(&path, format!("cannot render {template}: {reason}"))
            }
            None => self.render_error(template, &e),
        })?;
        Ok(OutputFile {
            path: path.to_string(),
            contents: page.bytes,
        })
    }

    /// A failed render, placed in the template file that has the mistake (Tera names it after
    /// `-->`; it may be `base.html` while rendering `post.html`) at its line and column.
    fn render_error(&self, template: &str, error: &tera::Error) -> Diagnostic {
        let chain = error_chain(error);
        let located = chain.split_once(" --> ").and_then(|(what, rest)| {
            let place = rest.split_whitespace().next()?;
            let mut parts = place.rsplitn(3, ':');
            let column: u64 = parts.next()?.parse().ok()?;
            let line: u64 = parts.next()?.parse().ok()?;
            Some((
                what.trim().to_string(),
                parts.next()?.to_string(),
                line,
                column,
            ))
        });
        let (what, name, line, column) =
            located.unwrap_or_else(|| (chain.clone(), template.to_string(), 0, 0));
        let what = what.trim_start_matches("error: ").trim_end_matches(':');
        let what = what.strip_prefix("error: ").unwrap_or(what);
        let overridden = self.site.template_overrides.iter().find(|o| o.name == name);
        match overridden {
            Some(o) => Diagnostic::new(
                &o.path,
                line,
                column,
                format!("template error: {what} (while rendering {template})"),
            ),
            // In a built-in template: kolikko's own mistake, or a variable an override of
            // another template left out.
            None => Diagnostic::whole_file(
                std::path::Path::new(&format!("templates/{name}")),
                format!(
                    "template error in the built-in {name} at line {line}, column {column}: {what} (while rendering {template})"
                ),
            ),
        }
    }

    fn figure_html(&self, figure: &crate::charts::Figure) -> String {
        let mut context = Context::new();
        context.insert("fig", figure);
        context.insert("t", &self.strings);
        // The figure template is ours or a validated override; a failure here is a template bug.
        self.tera
            .render("figure.html", &context)
            .unwrap_or_else(|e| format!("<!-- {} -->", crate::charts::escape(&error_chain(&e))))
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

    /// Notes for the hidden groups among `units` in one period, and for measures withheld from
    /// shown groups (questions, eNPS or turnover with too few answers here or beside).
    fn hidden_notes(
        &self,
        period: &PeriodAnalysis,
        units: impl Iterator<Item = usize>,
    ) -> Vec<String> {
        units
            .filter_map(|u| {
                let result = &period.units[u];
                let unit = Arg::from(self.unit_name(u));
                let period_name = Arg::from(self.period_name(period.period));
                match &result.ex {
                    None => Some(self.tr(
                        "hidden_group",
                        &[
                            ("unit", unit),
                            ("period", period_name),
                            ("reason", self.hidden_reason(result.ex_visibility)?.into()),
                        ],
                    )),
                    Some(e) if e.withheld != aggregate::Withheld::default() => {
                        let mut parts = Vec::new();
                        if e.withheld.items > 0 {
                            parts.push(self.tr(
                                "withheld_questions",
                                &[("count", Arg::from(e.withheld.items))],
                            ));
                        }
                        if e.withheld.enps {
                            parts.push(self.t("enps").to_string());
                        }
                        if e.withheld.turnover {
                            parts.push(self.t("turnover").to_lowercase());
                        }
                        let count = e.withheld.items as u64
                            + u64::from(e.withheld.enps)
                            + u64::from(e.withheld.turnover);
                        Some(self.tr(
                            "withheld_note",
                            &[
                                ("unit", unit),
                                ("period", period_name),
                                ("measures", self.tr.list(&parts).into()),
                                ("count", Arg::from(count)),
                            ],
                        ))
                    }
                    Some(_) => None,
                }
            })
            .collect()
    }

    /// KPI tiles of one unit in one period, with the change against the previous period.
    fn tiles(&self, figures: &FigureMaker, p: usize, unit: usize) -> Vec<Tile> {
        let mut tiles = self.period_tiles(figures, p, unit);
        if unit != UnitTree::ROOT {
            for (tile, compare) in tiles
                .iter_mut()
                .zip(self.compare_with_organisation(p, unit))
            {
                tile.compare = compare;
            }
        }
        tiles
    }

    /// EX index, CX index, eNPS and NPS of a unit against the rest of the organisation, in tile
    /// order: the difference shown is the one tested, unit minus rest.
    fn compare_with_organisation(&self, p: usize, unit: usize) -> [Option<String>; 4] {
        self.analysis.periods[p].comparisons[unit].vs_rest.map(|c| {
            c.map(|c| {
                self.tr(
                    if c.clear {
                        "vs_rest_clear"
                    } else {
                        "vs_rest_within_noise"
                    },
                    &[("difference", self.fmt.signed(c.change.difference, 0).into())],
                )
            })
        })
    }

    fn period_tiles(&self, figures: &FigureMaker, p: usize, unit: usize) -> Vec<Tile> {
        let periods = &self.analysis.periods;
        let current = &periods[p].units[unit];
        let prev_label = p
            .checked_sub(1)
            .map(|q| self.period_name(periods[q].period));
        let fmt = self.fmt;
        let change_view = |change: Option<aggregate::Comparison>,
                           decimals: usize|
         -> (Option<String>, &'static str, Option<String>) {
            match change {
                None => (None, "flat", None),
                Some(c) => {
                    let class = if !c.clear {
                        "flat"
                    } else if c.change.difference > 0.0 {
                        "up"
                    } else {
                        "down"
                    };
                    let note = self.tr(
                        if c.clear {
                            "vs_previous_clear"
                        } else {
                            "vs_previous_within_noise"
                        },
                        &[("period", prev_label.clone().unwrap_or_default().into())],
                    );
                    (
                        Some(fmt.signed(c.change.difference, decimals)),
                        class,
                        Some(note),
                    )
                }
            }
        };
        let verdicts = &periods[p].comparisons[unit].vs_previous;
        let series = |f: &dyn Fn(&aggregate::UnitResult) -> Option<f64>| -> Vec<Option<f64>> {
            periods[..=p].iter().map(|q| f(&q.units[unit])).collect()
        };
        let mut tiles = Vec::new();
        // "Hidden" only when there is something to hide; a group nobody answered has no data.
        let hidden_value = || match current.ex_visibility {
            Visibility::NoData => self.t("no_data").to_string(),
            _ => self.t("hidden").to_string(),
        };
        // A `report_with:` team's EX answers are in the unit it is reported with.
        let ex_hidden_note = match self.site.units.units[unit].report_with {
            Some(with) => Some(self.tr("reported_with", &[("unit", self.unit_name(with).into())])),
            None => self.hidden_reason(current.ex_visibility),
        };

        // EX and CX index: the same tile, each from its own survey.
        let ex = current.ex.as_ref();
        let cx = current.cx.as_ref();
        let ex_of = |r: &aggregate::UnitResult| r.ex.as_ref().map(|e| (e.index, e.responses));
        let cx_of = |r: &aggregate::UnitResult| r.cx.as_ref().map(|c| (c.index, c.responses));
        for (key, side, of, missing, note) in [
            (
                "ex_index",
                "ex",
                &ex_of as &dyn Fn(&aggregate::UnitResult) -> Option<(Option<f64>, u64)>,
                hidden_value(),
                ex_hidden_note.clone(),
            ),
            (
                "cx_index",
                "cx",
                &cx_of,
                self.t(if current.cx_below_minimum {
                    "hidden"
                } else {
                    "no_data"
                })
                .to_string(),
                current.cx_below_minimum.then(|| {
                    self.tr(
                        "cx_below_minimum",
                        &[("n", Arg::from(self.site.config.cx_threshold))],
                    )
                }),
            ),
        ] {
            let now = of(current);
            let measure = if side == "ex" { 0 } else { 1 };
            let (change, change_class, change_note) = change_view(verdicts[measure], 0);
            let low_n = side == "cx" && cx.is_some_and(|c| c.low_n);
            tiles.push(Tile {
                label: self.t(key).into(),
                value: now
                    .map(|(index, _)| figures.index_or_dash(index))
                    .unwrap_or(missing),
                side: Some(side),
                change,
                change_class,
                change_note,
                compare: None,
                note: note.or_else(|| {
                    now.map(|(_, n)| {
                        if low_n {
                            format!("n = {n} · {}", self.t("low_n"))
                        } else {
                            format!("n = {n}")
                        }
                    })
                }),
                spark: figures.sparkline(
                    &series(&|r| of(r).and_then(|(index, _)| index)),
                    self.t(key),
                ),
            });
        }
        // eNPS and NPS
        for (key, side, get) in [
            (
                "enps",
                "ex",
                (&|r: &aggregate::UnitResult| r.ex.as_ref().and_then(|e| e.enps))
                    as &dyn Fn(&aggregate::UnitResult) -> Option<stats::NetScore>,
            ),
            ("nps", "cx", &|r: &aggregate::UnitResult| {
                r.cx.as_ref().and_then(|c| c.nps)
            }),
        ] {
            let now = get(current);
            let measure = if key == "enps" { 2 } else { 3 };
            let (change, change_class, change_note) = change_view(verdicts[measure], 0);
            // eNPS is EX: hidden with the group, or withheld on its own (too few eNPS answers).
            let withheld = key == "enps" && ex.is_some_and(|e| e.withheld.enps);
            let hidden = key == "enps" && (ex.is_none() || withheld);
            let hidden_note = if withheld {
                Some(self.t("hidden_measure").to_string())
            } else {
                ex_hidden_note.clone()
            };
            tiles.push(Tile {
                label: self.t(key).into(),
                value: match &now {
                    Some(s) => fmt.signed(s.score, 0),
                    None if hidden => hidden_value(),
                    None => self.t("no_data").into(),
                },
                side: Some(side),
                change,
                change_class,
                change_note,
                compare: None,
                note: if hidden {
                    hidden_note
                } else {
                    now.as_ref().map(|s| {
                        format!(
                            "n = {} · {}: {} … {}",
                            s.n,
                            fmt.percent_points(95.0, 0),
                            fmt.signed(s.interval.low, 0),
                            fmt.signed(s.interval.high, 0)
                        )
                    })
                },
                spark: figures.sparkline(&series(&|r| get(r).map(|s| s.score)), self.t(key)),
            });
        }
        // Nobody answered: the response rate is still known, and it is 0%.
        if let (None, Some(invited)) = (ex, current.invited_without_answers) {
            tiles.push(Tile {
                label: self.t("response_rate").into(),
                value: fmt.percent(0.0, 0),
                change_class: "flat",
                note: Some(format!("0 / {invited}")),
                ..Tile::default()
            });
        }
        // Response rate and turnover describe the EX group, so they follow its visibility.
        if let Some(e) = ex {
            if let Some(rate) = e.response_rate {
                tiles.push(Tile {
                    label: self.t("response_rate").into(),
                    value: fmt.percent(rate, 0),
                    change_class: "flat",
                    note: Some(format!("{} / {}", e.responses, e.invited)),
                    spark: figures.sparkline(
                        &series(&|r| {
                            r.ex.as_ref()
                                .and_then(|e| e.response_rate)
                                .map(|v| v * 100.0)
                        }),
                        self.t("response_rate"),
                    ),
                    ..Tile::default()
                });
            }
            if e.withheld.turnover {
                tiles.push(Tile {
                    label: self.t("turnover").into(),
                    value: hidden_value(),
                    change_class: "flat",
                    note: Some(self.t("hidden_measure").into()),
                    ..Tile::default()
                });
            }
            if let (Some(t), Some(l), Some(h)) = (e.turnover, e.leavers, e.headcount) {
                tiles.push(Tile {
                    label: self.t("turnover").into(),
                    value: fmt.percent(t, 1),
                    change_class: "flat",
                    note: Some(self.tr(
                        "turnover_note",
                        &[
                            ("leavers", Arg::from(l)),
                            (
                                "headcount",
                                fmt.number(h, if h.fract() == 0.0 { 0 } else { 1 }).into(),
                            ),
                            // Headcount is the mean of the period's start and end.
                            ("average", Arg::from("yes")),
                        ],
                    )),
                    spark: figures.sparkline(
                        &series(&|r| r.ex.as_ref().and_then(|e| e.turnover).map(|v| v * 100.0)),
                        self.t("turnover"),
                    ),
                    ..Tile::default()
                });
            }
        }
        tiles
    }

    fn linkage_view(&self, figures: &FigureMaker, p: usize) -> LinkageView {
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

    /// Rows for a unit table: `units` in tree order, EX values only where shown.
    fn unit_rows(&self, p: usize, units: &[usize], base_depth: usize) -> Vec<UnitRow> {
        let period = &self.analysis.periods[p];
        units
            .iter()
            .map(|&u| {
                let r = &period.units[u];
                let hidden = || match r.ex_visibility {
                    Visibility::NoData => "–".to_string(),
                    _ => self.t("hidden").to_string(),
                };
                let ex = r.ex.as_ref();
                let cx = r.cx.as_ref();
                UnitRow {
                    name: self.unit_name(u),
                    href: self.unit_path(u),
                    depth: self.site.units.units[u]
                        .depth
                        .saturating_sub(base_depth)
                        .max(1),
                    ex_index: ex
                        .map(|e| e.index.map(|v| self.fmt.number(v, 0)).unwrap_or("–".into()))
                        .unwrap_or_else(hidden),
                    cx_index: cx
                        .map(|c| {
                            let v = c.index.map(|v| self.fmt.number(v, 0)).unwrap_or("–".into());
                            if c.low_n {
                                format!("{v} ({})", self.t("low_n"))
                            } else {
                                v
                            }
                        })
                        .unwrap_or("–".into()),
                    enps: ex
                        .map(|e| {
                            e.enps
                                .as_ref()
                                .map(|s| self.fmt.signed(s.score, 0))
                                .unwrap_or("–".into())
                        })
                        .unwrap_or_else(hidden),
                    nps: cx
                        .and_then(|c| c.nps.as_ref())
                        .map(|s| self.fmt.signed(s.score, 0))
                        .unwrap_or("–".into()),
                    // Nobody of those invited answering is a response rate of 0%, not "no data".
                    response_rate: ex
                        .and_then(|e| e.response_rate)
                        .or(r.invited_without_answers.map(|_| 0.0))
                        .map(|v| self.fmt.percent(v, 0))
                        .unwrap_or_else(hidden),
                }
            })
            .collect()
    }

    // ------------------------------------------------------------------ pages

    fn overview(&self, posts: &[PostSummary]) -> Result<OutputFile, Diagnostic> {
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

    fn periods_index(&self) -> Result<OutputFile, Diagnostic> {
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

    fn period_page(&self, p: usize, posts: &[PostSummary]) -> Result<OutputFile, Diagnostic> {
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
        self.render("period.html", &path, &context)
    }

    fn units_index(&self) -> Result<OutputFile, Diagnostic> {
        let path = "units/index.html";
        let mut context = self.context(path, self.t("units"), "units");
        let (listed, complete) =
            scale::listed_units(&self.site.units, UnitTree::ROOT, scale::TABLE_MAX_ROWS);
        let links: Vec<Link> = listed
            .into_iter()
            .map(|u| {
                let unit = &self.site.units.units[u];
                Link {
                    label: unit.name.clone(),
                    href: self.unit_path(u),
                    depth: unit.depth,
                    note: unit
                        .supervisor
                        .as_ref()
                        .map(|s| self.tr("supervisor_line", &[("name", s.as_str().into())])),
                }
            })
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
    fn only_index(&self, top: usize) -> Result<OutputFile, Diagnostic> {
        let path = "index.html";
        let mut context = self.context(path, &self.unit_name(top), "overview");
        let base = self.site.units.units[top].depth;
        let links: Vec<Link> = self
            .site
            .units
            .subtree(top)
            .into_iter()
            .map(|u| {
                let unit = &self.site.units.units[u];
                Link {
                    label: unit.name.clone(),
                    href: self.unit_path(u),
                    depth: unit.depth - base + 1,
                    note: unit
                        .supervisor
                        .as_ref()
                        .map(|s| format!("{}: {s}", self.t("supervisor"))),
                }
            })
            .collect();
        context.insert("heading", &self.unit_name(top));
        context.insert("lead", &Some(self.site.config.organisation.clone()));
        context.insert("links", &links);
        context.insert("posts", &Vec::<PostSummary>::new());
        self.render("list.html", path, &context)
    }

    /// The employee results of the nearest group above a hidden unit that is shown in period
    /// `p`: already published on that group's page, and the closest a reader can get.
    fn parent_ex(&self, figures: &FigureMaker, p: usize, unit: usize) -> Option<ParentEx> {
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

    fn unit_page(&self, unit: usize) -> Result<OutputFile, Diagnostic> {
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
        if hidden_everywhere {
            let period = &periods[p];
            context.insert(
                "lead",
                &format!("{}: {}", self.t("latest_period"), period.period),
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
            return self.render("unit.html", &path, &context);
        }
        let period = &periods[p];
        context.insert(
            "lead",
            &self.tr(
                "latest_period_heading",
                &[("period", self.period_name(period.period).into())],
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
        self.render("unit.html", &path, &context)
    }

    fn factors_index(&self) -> Result<OutputFile, Diagnostic> {
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

    fn factor_page(&self, f: usize) -> Result<OutputFile, Diagnostic> {
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
    fn ranked_rows(
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
    fn table_note(&self, complete: bool) -> Option<String> {
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
    fn factor_table_html(&self, root: &str, p: usize, f: usize) -> Result<String, String> {
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

    fn factor_trend(&self, figures: &FigureMaker, f: usize) -> crate::charts::Figure {
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

    /// Renders one post page and returns it with the summary lists and feeds use.
    fn render_post(&self, post: &Post) -> Result<(PostSummary, OutputFile), Vec<Diagnostic>> {
        let path = format!("posts/{}/index.html", post.slug);
        let figures = self.figures(&path);
        let rendered = shortcodes::render_body(self, &figures, post).map_err(|e| e.0)?;
        let summary = self.post_summary(post, &rendered);
        let body = rendered.html;
        let mut context = self.context(&path, &post.title, "posts");
        context.insert(
            "breadcrumbs",
            &self.section_crumbs("posts", "posts/index.html", post.title.clone()),
        );
        context.insert("post", &summary);
        context.insert(
            "period",
            &post
                .period
                .filter(|p| self.analysis.periods.iter().any(|q| q.period == *p))
                .map(|p| {
                    BTreeMap::from([
                        ("label", p.to_string()),
                        ("href", format!("periods/{}/index.html", p.slug())),
                    ])
                }),
        );
        context.insert("body", &body);
        let file = self
            .render("post.html", &path, &context)
            .map_err(|d| vec![d])?;
        Ok((summary, file))
    }

    /// A post's summary for lists, period pages and the feed: its own `summary:`, else its first
    /// paragraph with inline figures written out (a sentence never loses its numbers).
    fn post_summary(&self, post: &Post, rendered: &shortcodes::RenderedPost) -> PostSummary {
        let minutes = rendered.words.div_ceil(200).max(1);
        let first = markdown::first_paragraph_text(&rendered.plain_markdown);
        PostSummary {
            slug: post.slug.clone(),
            title: post.title.clone(),
            href: format!("posts/{}/index.html", post.slug),
            date: i18n::date(self.language, post.date),
            date_iso: post.date.iso(),
            author: post.author.clone(),
            reading_time: self.tr("reading_time", &[("minutes", Arg::from(minutes))]),
            draft: post.draft,
            summary: post
                .summary
                .clone()
                .or_else(|| (!first.is_empty()).then(|| first.clone())),
            summary_text: post.summary.clone().unwrap_or(first),
            tags: post
                .tags
                .iter()
                .map(|t| TagLink {
                    label: t.clone(),
                    href: format!("tags/{}/index.html", tag_slug(t)),
                })
                .collect(),
            period: post.period,
        }
    }

    fn posts_index(&self, posts: &[PostSummary]) -> Result<OutputFile, Diagnostic> {
        let path = "posts/index.html";
        let mut context = self.context(path, self.t("posts"), "posts");
        context.insert("heading", self.t("all_posts"));
        context.insert("lead", &None::<String>);
        context.insert("posts", posts);
        let tag_links: Vec<Link> = vec![Link {
            label: self.t("all_tags").into(),
            href: "tags/index.html".into(),
            depth: 1,
            note: None,
        }];
        context.insert("links", &tag_links);
        self.render("list.html", path, &context)
    }

    fn tag_pages(&self, posts: &[PostSummary]) -> Vec<Result<OutputFile, Diagnostic>> {
        let mut tags: BTreeMap<String, (String, Vec<&PostSummary>)> = BTreeMap::new();
        for post in posts {
            for tag in &post.tags {
                tags.entry(tag_slug(&tag.label))
                    .or_insert_with(|| (tag.label.clone(), Vec::new()))
                    .1
                    .push(post);
            }
        }
        let mut pages = Vec::new();
        let path = "tags/index.html";
        let mut context = self.context(path, self.t("tags"), "posts");
        let links: Vec<Link> = tags
            .iter()
            .map(|(slug, (label, list))| Link {
                label: format!("#{label}"),
                href: format!("tags/{slug}/index.html"),
                depth: 1,
                note: Some(format!("({})", list.len())),
            })
            .collect();
        context.insert("heading", self.t("all_tags"));
        context.insert("lead", &None::<String>);
        context.insert("links", &links);
        context.insert("posts", &Vec::<PostSummary>::new());
        pages.push(self.render("list.html", path, &context));
        for (slug, (label, list)) in &tags {
            let path = format!("tags/{slug}/index.html");
            let mut context = self.context(&path, &format!("#{label}"), "posts");
            context.insert(
                "breadcrumbs",
                &self.section_crumbs("tags", "tags/index.html", format!("#{label}")),
            );
            context.insert(
                "heading",
                &self.tr("tagged_heading", &[("tag", label.as_str().into())]),
            );
            context.insert("lead", &None::<String>);
            context.insert("posts", list);
            context.insert("links", &Vec::<Link>::new());
            pages.push(self.render("list.html", &path, &context));
        }
        pages
    }

    fn method_page(&self) -> Result<OutputFile, Diagnostic> {
        let path = "method/index.html";
        let mut context = self.context(path, self.t("method"), "method");
        context.insert("method", &method::view(self));
        self.render("method.html", path, &context)
    }

    fn feed(&self, posts: &[PostSummary]) -> Result<OutputFile, Diagnostic> {
        let path = "feed.xml";
        let mut context = self.context(path, &self.site.config.title, "posts");
        // The newest post's date, not the build time: two builds give the same bytes.
        let updated = posts
            .iter()
            .map(|p| p.date_iso.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01".into());
        context.insert("updated", &format!("{updated}T00:00:00Z"));
        context.insert("feed_id", &slugify(&self.site.config.title));
        context.insert("posts", posts);
        self.render("feed.xml", path, &context)
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

/// Tera errors nest their causes; a person needs all of them (file, line, column, what).
fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn template_error(
    templates: &BTreeMap<String, (String, Option<std::path::PathBuf>)>,
    error: &tera::Error,
) -> Diagnostic {
    let message = error_chain(error);
    // Name the override file when the message mentions one.
    let path = templates
        .iter()
        .find(|(name, (_, path))| path.is_some() && message.contains(name.as_str()))
        .and_then(|(_, (_, path))| path.clone())
        .unwrap_or_else(|| std::path::PathBuf::from("templates"));
    Diagnostic::whole_file(&path, format!("template error: {message}"))
}

/// Removes comments and the whitespace CSS does not need; quoted strings are kept as written.
/// Tera tags (`{{ … }}`, `{% … %}`) in an overridden stylesheet keep their spaces too.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                if pending_space && needs_space(out.chars().last()) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                let mut escaped = false;
                for d in chars.by_ref() {
                    out.push(d);
                    if !escaped && d == c {
                        break;
                    }
                    escaped = !escaped && d == '\\';
                }
            }
            '{' | '%' if out.ends_with('{') && matches!(c, '{' | '%') => {
                // A Tera tag: copy it whole.
                let close = if c == '{' { '}' } else { '%' };
                out.push(c);
                let mut last = ' ';
                for d in chars.by_ref() {
                    out.push(d);
                    if last == close && d == '}' {
                        break;
                    }
                    last = d;
                }
                pending_space = false;
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' | '>' | ':' => {
                // No space before these; `:` keeps one before it (`a :hover` is a selector).
                if c == ':' && pending_space && needs_space(out.chars().last()) {
                    out.push(' ');
                }
                pending_space = false;
                // The last declaration needs no `;`.
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                // ...and none after them, except after `:` where a value or selector follows.
                while chars.peek().is_some_and(|d| d.is_whitespace()) {
                    chars.next();
                }
            }
            c => {
                if pending_space && needs_space(out.chars().last()) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}

/// Whether a space that separated `last` from what follows must stay.
fn needs_space(last: Option<char>) -> bool {
    !matches!(last, None | Some('{' | '}' | ';' | ',' | '>' | ':'))
}

#[cfg(test)]
mod minify_tests {
    use super::minify_css;

    #[test]
    fn css_loses_comments_and_spare_space_but_not_strings_or_selectors() {
        let css = "/* theme */\nbody {\n  margin: 0 auto;\n  font: 1rem/1.5 sans-serif;\n}\n\
                   a :hover, b > c { content: \" \\25B2  x\"; width: calc(100% - 2rem); }\n\
                   @media (max-width: 600px) { .x { color: {{ accent }}; } }\n";
        assert_eq!(
            minify_css(css),
            "body{margin:0 auto;font:1rem/1.5 sans-serif}a :hover,b>c{content:\" \\25B2  x\";width:calc(100% - 2rem)}@media (max-width:600px){.x{color:{{ accent }}}}"
        );
    }
}
