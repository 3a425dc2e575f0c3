//! The whole path for one site: load → aggregate → pages → write. The CLI and the tests call these.

use std::path::Path;
use std::time::Instant;

use crate::aggregate::{self, Analysis};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load;
use crate::model::Site;
use crate::output::{self, OutputError, OutputFile};
use crate::pages;
use crate::privacy::Visibility;
use crate::warnings;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Bad input: every problem found, each with file, line and column.
    #[error("{0}")]
    Input(Diagnostics),
    /// The input was accepted with warnings, and `--deny-warnings` makes them fatal.
    #[error("{0}")]
    Warnings(Diagnostics),
    #[error("{0}")]
    Output(#[from] OutputError),
}

/// What a successful run did, for the summary the CLI prints.
#[derive(Debug)]
pub struct Summary {
    pub periods: usize,
    pub units: usize,
    pub posts: usize,
    pub files: usize,
    /// Figures drawn (SVG charts on all pages).
    pub charts: usize,
    pub bytes: usize,
    pub millis: u128,
    /// Group-periods whose EX numbers are hidden, by reason.
    pub hidden: Hidden,
    /// Accepted but probably wrong; see [`warnings`].
    pub warnings: Diagnostics,
    /// How long each step took, in milliseconds, in order (for `--verbose`).
    pub steps: Vec<(&'static str, u128)>,
    /// What writing the output wants the user to know although the build succeeded (the new
    /// site is live), such as a previous build it could not remove.
    pub output_warnings: Vec<String>,
    /// What each responses export gave: rows read, used, skipped and why.
    pub responses: Vec<crate::model::ReadSummary>,
}

/// How many (unit, period) pairs the anonymity rule hides, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Fewer respondents than the threshold.
    pub below_threshold: usize,
    /// Hidden so a smaller sibling cannot be worked out by subtraction.
    pub complementary: usize,
    /// Hidden because a unit above is hidden.
    pub under_hidden_parent: usize,
}

impl Hidden {
    pub fn total(&self) -> usize {
        self.below_threshold + self.complementary + self.under_hidden_parent
    }
}

/// What a build includes; the default is the published site.
#[derive(Clone, Copy, Debug, Default)]
pub struct BuildOptions {
    /// Include posts marked `draft: true`, each marked as a draft (`--drafts`).
    pub drafts: bool,
    /// Fail, writing nothing, when there are warnings (`--deny-warnings`).
    pub deny_warnings: bool,
}

/// Told when each step starts, for a progress display; the default does nothing.
pub trait Progress {
    fn step(&self, _name: &'static str) {}
}

/// No progress display.
pub struct Silent;
impl Progress for Silent {}

/// Loads, checks and renders a site in memory: everything but writing.
pub fn render(site_dir: &Path) -> Result<(Site, Analysis, Vec<OutputFile>), BuildError> {
    render_with(site_dir, BuildOptions::default())
}

/// [`render`] with explicit options.
pub fn render_with(
    site_dir: &Path,
    options: BuildOptions,
) -> Result<(Site, Analysis, Vec<OutputFile>), BuildError> {
    let rendered = render_checked(site_dir, options, &Silent)?;
    Ok((rendered.site, rendered.analysis, rendered.files))
}

/// A site rendered in memory, with its warnings and step times.
pub struct Rendered {
    pub site: Site,
    pub analysis: Analysis,
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
    pub steps: Vec<(&'static str, u128)>,
}

/// Loads, checks, renders and looks for warnings, reporting each step to `progress`.
pub fn render_checked(
    site_dir: &Path,
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<Rendered, BuildError> {
    let mut steps = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, steps: &mut Vec<(&'static str, u128)>| {
        steps.push((name, clock.elapsed().as_millis()));
        clock = Instant::now();
    };
    progress.step("reading the site");
    let load_options = load::LoadOptions {
        drafts: options.drafts,
    };
    let site = load::load_site_with(site_dir, load_options).map_err(BuildError::Input)?;
    lap("load", &mut steps);
    progress.step("computing the figures");
    let analysis = aggregate::analyse(&site);
    lap("analyse", &mut steps);
    progress.step("drawing charts and pages");
    let files = pages::render_site(&site, &analysis).map_err(BuildError::Input)?;
    // Every path is checked as the writer will check it, so `check` fails where `build` would.
    for file in &files {
        output::check_path(&file.path)?;
    }
    lap("pages", &mut steps);
    // The loader's own warnings (files in content/surveys/ that are not read) first, then the
    // checks on the loaded site.
    let mut warnings = Diagnostics(
        site.warnings
            .iter()
            .cloned()
            .map(|d| Diagnostic {
                severity: Severity::Warning,
                ..d
            })
            .collect(),
    );
    warnings.0.extend(warnings::check(site_dir, &site).0);
    lap("warnings", &mut steps);
    if options.deny_warnings && !warnings.is_empty() {
        return Err(BuildError::Warnings(warnings));
    }
    Ok(Rendered {
        site,
        analysis,
        files,
        warnings,
        steps,
    })
}

/// `kolikko check`: everything a build does except writing, the output folder included, so
/// that a site `check` accepts is one `build` writes.
pub fn check(site_dir: &Path, output: &Path) -> Result<Summary, BuildError> {
    check_with(site_dir, output, BuildOptions::default(), &Silent)
}

/// [`check`] with explicit options and a progress display.
pub fn check_with(
    site_dir: &Path,
    output: &Path,
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<Summary, BuildError> {
    let start = Instant::now();
    check_output(site_dir, output)?;
    let rendered = render_checked(site_dir, options, progress)?;
    Ok(summary(rendered, start))
}

/// `kolikko build`: renders the site and swaps it into `output` only when all went well.
pub fn build(site_dir: &Path, output: &Path) -> Result<Summary, BuildError> {
    build_with(site_dir, output, BuildOptions::default(), &Silent)
}

/// [`build`] with explicit options and a progress display.
pub fn build_with(
    site_dir: &Path,
    output: &Path,
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<Summary, BuildError> {
    let start = Instant::now();
    // Refuse a foreign output folder, or one that would overwrite the site, before any work.
    check_output(site_dir, output)?;
    let mut rendered = render_checked(site_dir, options, progress)?;
    progress.step("writing");
    let clock = Instant::now();
    let committed = output::write_site(output, &rendered.files)?;
    rendered.steps.push(("write", clock.elapsed().as_millis()));
    let mut summary = summary(rendered, start);
    summary.output_warnings = committed.warnings;
    Ok(summary)
}

/// The output may not hold the site or lie inside the folders kolikko reads, and must be
/// missing, empty or kolikko's own.
pub fn check_output(site_dir: &Path, output: &Path) -> Result<(), OutputError> {
    let (content, templates) = (site_dir.join("content"), site_dir.join("templates"));
    output::check_not_overlapping(output, &[site_dir], &[&content, &templates])?;
    output::check_replaceable(output)
}

fn summary(rendered: Rendered, start: Instant) -> Summary {
    let Rendered {
        site,
        analysis,
        files,
        warnings,
        steps,
    } = rendered;
    let mut hidden = Hidden::default();
    for unit in analysis.periods.iter().flat_map(|p| p.units.iter()) {
        match unit.ex_visibility {
            Visibility::BelowThreshold => hidden.below_threshold += 1,
            Visibility::Complementary => hidden.complementary += 1,
            Visibility::HiddenParent => hidden.under_hidden_parent += 1,
            Visibility::Shown | Visibility::NoData => {}
        }
    }
    // Each chart is one <figure class="chart"> (templates/figure.html).
    let charts = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| count(&f.contents, b"<figure class=\"chart\""))
        .sum();
    Summary {
        periods: site.periods.len(),
        units: site.units.len() - 1,
        posts: site.posts.len(),
        files: files.len(),
        charts,
        bytes: files.iter().map(|f| f.contents.len()).sum(),
        millis: start.elapsed().as_millis(),
        hidden,
        warnings,
        steps,
        output_warnings: Vec::new(),
        responses: site.responses.iter().map(|r| r.summary.clone()).collect(),
    }
}

/// Occurrences of `needle` in `haystack`, in one pass.
fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}
