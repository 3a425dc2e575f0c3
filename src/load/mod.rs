//! Load: read a site folder into the validated [`Site`] model, or report every problem found.
//!
//! YAML is parsed by serde-saphyr with an explicit budget (so an alias bomb or a 10,000-deep
//! nesting is refused at once) into `Raw*` structs that keep source locations, then checked
//! against the rules of `docs/format.md`. Nothing here renders or writes.

mod config;
mod control;
mod fast;
mod post;
mod reader;
pub mod responses;
mod survey;
mod units;
mod yaml;

use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Site, TemplateOverride};
use crate::period::Period;

use config::parse_config;
pub use post::{MAX_TAG_CHARS, MAX_TAGS_PER_POST, slugify};
use post::{check_posts, parse_post};
use reader::SiteReader;
use survey::{check_periods, parse_survey};
use units::parse_units;

/// The largest input file read. Real survey files of thousands of units stay far below it; a
/// larger file is refused before it is read, so memory stays bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest count a survey file may give (invited, responses, one answer count). Far above any
/// real organisation, and low enough that sums over millions of teams cannot overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;
/// The lowest anonymity threshold a site may set.
pub const MIN_ANONYMITY_THRESHOLD: u64 = 3;

/// Choices that change what is read, not how it is checked.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Keep posts marked `draft: true` (for `--drafts`); they are left out otherwise.
    pub drafts: bool,
}

/// Reads and validates the whole site at `root`, leaving drafts out.
pub fn load_site(root: &Path) -> Result<Site, Diagnostics> {
    load_site_with(root, LoadOptions::default())
}

/// Reads and validates the whole site at `root`.
pub fn load_site_with(root: &Path, options: LoadOptions) -> Result<Site, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let canonical_root = fs::canonicalize(root).map_err(|e| {
        Diagnostics::from(Diagnostic::whole_file(
            root,
            format!("cannot open the site folder: {e}"),
        ))
    })?;
    let reader = SiteReader {
        root: canonical_root,
    };

    let config_path = root.join("kolikko.yaml");
    if !config_path.exists() {
        return Err(not_a_site(root, &config_path));
    }
    let (config, framework) = match reader.read_text(&config_path) {
        Ok(text) => parse_config(&config_path, &text, &mut diagnostics),
        Err(d) => {
            diagnostics.push(d);
            (None, None)
        }
    };

    let units_path = root.join("content").join("units.yaml");
    let units = match reader.read_text(&units_path) {
        Ok(text) => parse_units(&units_path, &text, &mut diagnostics),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };

    let mut periods = Vec::new();
    // Every period named, even in a file with other errors, so duplicates are always caught and
    // a post naming a period whose file has an error is not reported as well.
    let mut named: Vec<(Period, PathBuf)> = Vec::new();
    let mut responses = Vec::new();
    let mut warnings = Vec::new();
    if let (Some(framework), Some(units)) = (&framework, &units) {
        let surveys = root.join("content").join("surveys");
        if !surveys.is_dir() {
            diagnostics.push(
                Diagnostic::whole_file(
                    &surveys,
                    "the folder content/surveys/ is missing: it holds the survey results, one YAML file per period",
                )
                .with_help("create it and add a file such as content/surveys/2026-Q1.yaml (see docs/format.md; `kolikko new example` writes a site with two)"),
            );
        }
        // Survey files are independent: parsed in parallel, their results, warnings and errors
        // gathered back in file-name order so nothing depends on the threads.
        let paths = reader.list(&surveys, &["yaml", "yml"], &mut diagnostics);
        let parsed: Vec<_> = paths
            .par_iter()
            .map(|path| {
                let (mut files, mut found_warnings) = (Vec::new(), Vec::new());
                let mut found = Diagnostics::default();
                let result = match reader.read_text(path) {
                    Ok(text) => {
                        let mut read = (&reader, &mut files, &mut found_warnings);
                        parse_survey(path, &text, framework, units, &mut read, &mut found)
                    }
                    Err(d) => {
                        found.push(d);
                        (None, None)
                    }
                };
                (path, result, files, found_warnings, found)
            })
            .collect();
        for (path, (period, survey), files, found_warnings, found) in parsed {
            diagnostics.0.extend(found.0);
            responses.extend(files);
            warnings.extend(found_warnings);
            named.extend(period.map(|p| (p, path.clone())));
            periods.extend(survey);
        }
        check_periods(&mut named, &mut diagnostics);
        periods.sort_by_key(|p| p.period);
        warnings.extend(responses::unread_files(&surveys, &responses));
    }

    let mut posts = Vec::new();
    for path in reader.list(
        &root.join("content").join("posts"),
        &["md"],
        &mut diagnostics,
    ) {
        match reader.read_text(&path) {
            Ok(text) => {
                if let Some(post) = parse_post(&path, &text, &mut diagnostics) {
                    posts.push(post);
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    check_posts(&mut posts, &named, &mut diagnostics);

    let mut template_overrides = Vec::new();
    for path in reader.list(
        &root.join("templates"),
        &["html", "xml", "css"],
        &mut diagnostics,
    ) {
        match reader.read_text(&path) {
            Ok(source) => {
                let name = path
                    .strip_prefix(root.join("templates"))
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                template_overrides.push(TemplateOverride { name, path, source });
            }
            Err(d) => diagnostics.push(d),
        }
    }

    // Message overrides: `i18n/fi.ftl` replaces any of the embedded Finnish messages.
    let mut translation_overrides = Vec::new();
    for path in reader.list(&root.join("i18n"), &["ftl"], &mut diagnostics) {
        match reader.read_text(&path) {
            Ok(source) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                translation_overrides.push(TemplateOverride { name, path, source });
            }
            Err(d) => diagnostics.push(d),
        }
    }

    match (config, framework, units) {
        (Some(config), Some(framework), Some(units)) if diagnostics.is_empty() => {
            // Comment columns are read with the export (the settings and the surveys are
            // parsed independently), and dropped here unless the site publishes comments.
            if !config.comments.enabled {
                for period in &mut periods {
                    period.comments = None;
                }
            }
            Ok(Site {
                config,
                framework,
                units,
                periods,
                posts: posts
                    .into_iter()
                    .filter(|post| options.drafts || !post.draft)
                    .collect(),
                template_overrides,
                translation_overrides,
                responses,
                warnings,
            })
        }
        _ => Err(diagnostics),
    }
}

/// The one message for a folder without kolikko.yaml: either not a site at all, or a site
/// missing its settings.
fn not_a_site(root: &Path, config_path: &Path) -> Diagnostics {
    let diagnostic = if root.join("content").is_dir() {
        Diagnostic::whole_file(
            config_path,
            "kolikko.yaml is missing: every site has one beside its content/ folder, with the report's title and settings",
        )
        .with_help("copy one from a site made by `kolikko new`, or see docs/format.md")
    } else {
        Diagnostic::whole_file(
            root,
            "this folder is not a kolikko site: it has no kolikko.yaml and no content/ folder",
        )
        .with_help(
            "give the site's folder (`kolikko build path/to/site`), or make a new site with `kolikko new my-report`",
        )
    };
    Diagnostics::from(diagnostic)
}
