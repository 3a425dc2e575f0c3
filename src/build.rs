//! The whole path for one site: load → aggregate → pages → write. The CLI and the tests call these.

use std::path::Path;
use std::time::Instant;

use crate::aggregate::{self, Analysis};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load;
use crate::model::{Site, UnitTree};
use crate::output::{self, OutputError, OutputFile, Staging};
use crate::pages::{self, RenderError, RenderStats, Scope};
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

impl From<RenderError> for BuildError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Input(d) => BuildError::Input(d),
            RenderError::Output(e) => BuildError::Output(e),
        }
    }
}

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
    let mut site = load::load_site_with(site_dir, load_options).map_err(BuildError::Input)?;
    lap("load", &mut steps);
    progress.step("computing the figures");
    // The counts are kept: the warnings below and the callers of `render` read them.
    let analysis = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    lap("analyse", &mut steps);
    progress.step("drawing charts and pages");
    let files = pages::render_site(&site, &analysis).map_err(BuildError::Input)?;
    lap("pages", &mut steps);
    let warnings = site_warnings(site_dir, &site);
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

/// The loader's own warnings (files in content/surveys/ that are not read) first, then the
/// checks on the loaded site.
fn site_warnings(site_dir: &Path, site: &Site) -> Diagnostics {
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
    warnings.0.extend(warnings::check(site_dir, site).0);
    warnings
}

/// `kolikko check`: everything a build does except writing, the output folder included, so
/// that a site `check` accepts is one `build` writes.
pub fn check(site_dir: &Path, output: &Path) -> Result<Summary, BuildError> {
    check_with(site_dir, output, BuildOptions::default(), &Silent)
}

/// [`check`] with explicit options and a progress display. It loads and validates everything,
/// renders every post (their shortcodes) and one page of each kind and state, so it finds what a
/// build would reject without rendering every page.
pub fn check_with(
    site_dir: &Path,
    output: &Path,
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<Summary, BuildError> {
    check_output(site_dir, output)?;
    run(site_dir, None, options, progress, Run::Check)
}

/// `kolikko build`: renders the site and swaps it into `output` only when all went well.
pub fn build(site_dir: &Path, output: &Path) -> Result<Summary, BuildError> {
    build_with(site_dir, output, BuildOptions::default(), &Silent)
}

/// [`build`] with explicit options and a progress display. Pages are rendered in parallel and
/// each is written into the staging folder as soon as it is finished.
pub fn build_with(
    site_dir: &Path,
    output: &Path,
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<Summary, BuildError> {
    run(site_dir, Some(output), options, progress, Run::All)
}

/// `kolikko build --only UNIT`: the pages of one unit's subtree, with the organisation's figures
/// for comparison and the same anonymity decisions as the full build (the analysis is always of
/// the whole organisation).
pub fn build_only(site_dir: &Path, output: &Path, unit: &str) -> Result<Summary, BuildError> {
    build_only_with(site_dir, output, unit, BuildOptions::default(), &Silent)
}

/// [`build_only`] with explicit options and a progress display.
pub fn build_only_with(
    site_dir: &Path,
    output: &Path,
    unit: &str,
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<Summary, BuildError> {
    run(site_dir, Some(output), options, progress, Run::Only(unit))
}

enum Run<'a> {
    All,
    Check,
    Only(&'a str),
}

fn run(
    site_dir: &Path,
    output: Option<&Path>,
    options: BuildOptions,
    progress: &dyn Progress,
    what: Run,
) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let mut steps = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, steps: &mut Vec<(&'static str, u128)>| {
        steps.push((name, clock.elapsed().as_millis()));
        clock = Instant::now();
    };
    if let Some(output) = output {
        // Refuse a foreign output folder, or one that would overwrite the site, before any work.
        check_output(site_dir, output)?;
    }
    progress.step("reading the site");
    let load_options = load::LoadOptions {
        drafts: options.drafts,
    };
    let mut site = load::load_site_with(site_dir, load_options).map_err(BuildError::Input)?;
    lap("load", &mut steps);
    let scope = match what {
        Run::All => Scope::All,
        Run::Check => Scope::Check,
        Run::Only(id) => match site.units.find(id) {
            Some(unit) if unit != UnitTree::ROOT => Scope::Only(unit),
            _ => {
                return Err(BuildError::Input(Diagnostics::from(
                    Diagnostic::whole_file(
                        &site_dir.join("content").join("units.yaml"),
                        format!(
                            "--only {id}: there is no unit `{id}` in this file; use a unit id from it"
                        ),
                    ),
                )));
            }
        },
    };
    // Warnings read the answer counts, which the analysis then frees.
    let warnings = site_warnings(site_dir, &site);
    lap("warnings", &mut steps);
    if options.deny_warnings && !warnings.is_empty() {
        return Err(BuildError::Warnings(warnings));
    }
    progress.step("computing the figures");
    let analysis = aggregate::analyse(&mut site, aggregate::Counts::Release);
    lap("analyse", &mut steps);
    progress.step("drawing charts and pages");
    let mut output_warnings = Vec::new();
    let stats = match output {
        Some(output) => {
            let staging = Staging::begin(output)?;
            let stats = pages::render_into(&site, &analysis, scope, &|file| {
                staging.write_file(&file.path, &file.contents)
            })?;
            lap("pages and write", &mut steps);
            progress.step("writing");
            output_warnings = staging.commit()?.warnings;
            lap("swap in", &mut steps);
            stats
        }
        None => {
            // Every path is checked as the writer will check it, so `check` fails where `build`
            // would.
            let stats = pages::render_into(&site, &analysis, scope, &|file| {
                output::check_path(&file.path)
            })?;
            lap("pages", &mut steps);
            stats
        }
    };
    let mut summary = summary_of(&site, &analysis, stats, warnings, steps, start);
    summary.output_warnings = output_warnings;
    Ok(summary)
}

/// The output may not hold the site or lie inside the folders kolikko reads, and must be
/// missing, empty or kolikko's own.
pub fn check_output(site_dir: &Path, output: &Path) -> Result<(), OutputError> {
    let (content, templates) = (site_dir.join("content"), site_dir.join("templates"));
    output::check_not_overlapping(output, &[site_dir], &[&content, &templates])?;
    output::check_replaceable(output)
}

fn summary_of(
    site: &Site,
    analysis: &Analysis,
    stats: RenderStats,
    warnings: Diagnostics,
    steps: Vec<(&'static str, u128)>,
    start: Instant,
) -> Summary {
    let mut hidden = Hidden::default();
    for unit in analysis.periods.iter().flat_map(|p| p.units.iter()) {
        match unit.ex_visibility {
            Visibility::BelowThreshold => hidden.below_threshold += 1,
            Visibility::Complementary => hidden.complementary += 1,
            Visibility::HiddenParent => hidden.under_hidden_parent += 1,
            Visibility::Shown | Visibility::NoData => {}
        }
    }
    Summary {
        periods: site.periods.len(),
        units: site.units.len() - 1,
        posts: site.posts.len(),
        files: stats.files,
        charts: stats.charts,
        bytes: stats.bytes,
        millis: start.elapsed().as_millis(),
        hidden,
        warnings,
        steps,
        output_warnings: Vec::new(),
        responses: site.responses.iter().map(|r| r.summary.clone()).collect(),
    }
}
