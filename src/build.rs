//! The whole path for one site: load → aggregate → pages → write. The CLI and the tests call these.

use std::path::Path;
use std::time::Instant;

use crate::aggregate::{self, Analysis};
use crate::diagnostics::Diagnostics;
use crate::load;
use crate::model::Site;
use crate::output::{self, OutputError, OutputFile};
use crate::pages;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Bad input: every problem found, each with file, line and column.
    #[error("{0}")]
    Input(Diagnostics),
    #[error("{0}")]
    Output(#[from] OutputError),
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
    /// What each responses export gave: rows read, used, skipped and why.
    pub responses: Vec<crate::model::ReadSummary>,
    /// Things the user should know although the build succeeded: input that is probably not
    /// what was meant, and (for `build`) anything that happened while the new site went live.
    pub warnings: Vec<String>,
}

/// Loads, checks and renders a site in memory: everything but writing.
pub fn render(site_dir: &Path) -> Result<(Site, Analysis, Vec<OutputFile>), BuildError> {
    let site = load::load_site(site_dir).map_err(BuildError::Input)?;
    let analysis = aggregate::analyse(&site);
    let files = pages::render_site(&site, &analysis).map_err(BuildError::Input)?;
    Ok((site, analysis, files))
}

/// `kolikko check`: everything a build does except writing.
pub fn check(site_dir: &Path) -> Result<Summary, BuildError> {
    let start = Instant::now();
    let (site, _, files) = render(site_dir)?;
    Ok(summary(&site, &files, start))
}

/// `kolikko build`: renders the site and swaps it into `output` only when all went well.
pub fn build(site_dir: &Path, output: &Path) -> Result<Summary, BuildError> {
    let start = Instant::now();
    // Refuse a foreign output folder, or one that would overwrite the site, before any work.
    check_output(site_dir, output)?;
    let (site, _, files) = render(site_dir)?;
    let committed = output::write_site(output, &files)?;
    let mut summary = summary(&site, &files, start);
    summary.warnings.extend(committed.warnings);
    Ok(summary)
}

/// The output may not hold the site or lie inside the folders kolikko reads, and must be
/// missing, empty or kolikko's own.
pub fn check_output(site_dir: &Path, output: &Path) -> Result<(), OutputError> {
    let (content, templates) = (site_dir.join("content"), site_dir.join("templates"));
    output::check_not_overlapping(output, &[site_dir], &[&content, &templates])?;
    output::check_replaceable(output)
}

fn summary(site: &Site, files: &[OutputFile], start: Instant) -> Summary {
    Summary {
        periods: site.periods.len(),
        units: site.units.len() - 1,
        posts: site.posts.len(),
        files: files.len(),
        bytes: files.iter().map(|f| f.contents.len()).sum(),
        millis: start.elapsed().as_millis(),
        responses: site.responses.iter().map(|r| r.summary.clone()).collect(),
        warnings: site
            .warnings
            .iter()
            .map(|d| format!("{}: {}", d.file.display(), d.message))
            .collect(),
    }
}
