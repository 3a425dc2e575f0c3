//! The whole path for one site: load → aggregate → pages → write. The CLI and the tests call these.

use std::path::Path;
use std::time::Instant;

use crate::aggregate::{self, Analysis};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::{Site, UnitTree};
use crate::output::{self, OutputError, OutputFile, Staging};
use crate::pages::{self, RenderError, Rendered, Scope};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Bad input: every problem found, each with file, line and column.
    #[error("{0}")]
    Input(Diagnostics),
    #[error("{0}")]
    Output(#[from] OutputError),
}

impl From<RenderError> for BuildError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Input(d) => BuildError::Input(d),
            RenderError::Output(e) => BuildError::Output(e),
        }
    }
}

/// What a successful run did, for the one-line report the CLI prints.
#[derive(Debug)]
pub struct Summary {
    pub periods: usize,
    pub units: usize,
    pub posts: usize,
    pub files: usize,
    pub bytes: usize,
    pub millis: u128,
}

/// Loads, checks and renders a site in memory: everything but writing.
pub fn render(site_dir: &Path) -> Result<(Site, Analysis, Vec<OutputFile>), BuildError> {
    let site = load::load_site(site_dir).map_err(BuildError::Input)?;
    let analysis = aggregate::analyse(&site);
    let files = pages::render_site(&site, &analysis).map_err(BuildError::Input)?;
    Ok((site, analysis, files))
}

/// `kolikko check`: loads and validates everything, renders every post (their shortcodes) and
/// one page of each kind, so it finds what a build would reject without rendering every page.
pub fn check(site_dir: &Path) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let mut site = load::load_site(site_dir).map_err(BuildError::Input)?;
    let t = phase("load", start);
    let analysis = aggregate::analyse_and_release(&mut site);
    let t = phase("analyse", t);
    let rendered = pages::render_into(&site, &analysis, Scope::Check, &|_| Ok(()))?;
    phase("render", t);
    Ok(summary(&site, rendered, start))
}

/// `kolikko build`: renders the site and swaps it into `output` only when all went well.
pub fn build(site_dir: &Path, output: &Path) -> Result<Summary, BuildError> {
    build_scope(site_dir, output, None)
}

/// `kolikko build --only UNIT`: the pages of one unit's subtree, with the organisation's figures
/// for comparison and the same anonymity decisions as the full build.
pub fn build_only(site_dir: &Path, output: &Path, unit: &str) -> Result<Summary, BuildError> {
    build_scope(site_dir, output, Some(unit))
}

fn build_scope(site_dir: &Path, output: &Path, only: Option<&str>) -> Result<Summary, BuildError> {
    let start = Instant::now();
    // Refuse a foreign output folder before doing any work.
    output::check_replaceable(output)?;
    let mut site = load::load_site(site_dir).map_err(BuildError::Input)?;
    let t = phase("load", start);
    let scope = match only {
        None => Scope::All,
        Some(id) => match site.units.find(id) {
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
    // The analysis is always of the whole organisation: the same figures and the same anonymity
    // decisions whichever pages are written.
    let analysis = aggregate::analyse_and_release(&mut site);
    let t = phase("analyse", t);
    let staging = Staging::begin(output)?;
    let rendered = pages::render_into(&site, &analysis, scope, &|file| {
        staging.write_file(&file.path, &file.contents)
    })?;
    let t = phase("render and write", t);
    staging.commit()?;
    phase("swap in", t);
    Ok(summary(&site, rendered, start))
}

/// With `KOLIKKO_TIMINGS` set, each step's time goes to stderr (for bench/ and profiling).
fn phase(name: &str, since: Instant) -> Instant {
    if std::env::var_os("KOLIKKO_TIMINGS").is_some() {
        // Peak memory so far, where the system reports it (Linux).
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        eprintln!("kolikko: {name}: {} ms {peak}", since.elapsed().as_millis());
    }
    Instant::now()
}

fn summary(site: &Site, rendered: Rendered, start: Instant) -> Summary {
    Summary {
        periods: site.periods.len(),
        units: site.units.len() - 1,
        posts: site.posts.len(),
        files: rendered.files,
        bytes: rendered.bytes,
        millis: start.elapsed().as_millis(),
    }
}
