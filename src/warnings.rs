//! Warnings: input that was accepted but is probably not what the user meant. They are printed
//! after a successful build (and fail it with `--deny-warnings`); they never change the output.
//!
//! Every check is one pass over the loaded site, or over a file's lines, so the warnings of a
//! site of 20,000 teams cost no more than loading it. A check that could fire for thousands of
//! teams reports the first [`MAX_PER_KIND`] and then how many more.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::{Language, PointLabels, Side, Text};
use crate::markdown;
use crate::model::{Site, UnitTree};

/// At most this many warnings of one kind in one file; the rest are counted in one more line.
pub const MAX_PER_KIND: usize = 20;

/// Every warning for a site that loaded without errors.
pub fn check(site_dir: &Path, site: &Site) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    missing_questions(site, &mut warnings);
    units_without_results(site_dir, site, &mut warnings);
    missing_translations(site_dir, site, &mut warnings);
    unread_content(site_dir, site, &mut warnings);
    posts(site_dir, site, &mut warnings);
    warnings
}

/// Caps one kind of warning per file, then says how many were left out.
struct Capped<'a> {
    warnings: &'a mut Diagnostics,
    file: &'a Path,
    shown: usize,
    left_out: usize,
    what: &'static str,
}

impl<'a> Capped<'a> {
    fn new(warnings: &'a mut Diagnostics, file: &'a Path, what: &'static str) -> Self {
        Capped {
            warnings,
            file,
            shown: 0,
            left_out: 0,
            what,
        }
    }

    fn push(&mut self, warning: Diagnostic) {
        if self.shown < MAX_PER_KIND {
            self.warnings.push(warning);
            self.shown += 1;
        } else {
            self.left_out += 1;
        }
    }
}

impl Drop for Capped<'_> {
    fn drop(&mut self) {
        if self.left_out > 0 {
            self.warnings.push(Diagnostic::warning(
                self.file,
                0,
                0,
                format!("… and {} more {}", self.left_out, self.what),
            ));
        }
    }
}

/// The line and column of each key of the `ex:` and `cx:` sections of a survey file, read
/// once per file.
fn team_lines(text: &str) -> HashMap<(Side, String), (u64, u64)> {
    let mut lines = HashMap::new();
    let mut side = None;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with(' ') {
            side = match line.split(':').next().map(str::trim) {
                Some("ex") => Some(Side::Ex),
                Some("cx") => Some(Side::Cx),
                _ => None,
            };
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if let (Some(side), Some((key, _))) = (side, line.trim_start().split_once(':'))
            && indent == 2
        {
            lines
                .entry((side, key.trim().to_string()))
                .or_insert((i as u64 + 1, 3));
        }
    }
    lines
}

/// A team whose results lack a question that other teams of the same period answered, or
/// lack eNPS/NPS when others have it: its scores rest on fewer questions than its neighbours'.
fn missing_questions(site: &Site, warnings: &mut Diagnostics) {
    let framework = &site.framework;
    for period in &site.periods {
        let text = std::fs::read_to_string(&period.source).unwrap_or_default();
        let lines = team_lines(&text);
        let mut capped = Capped::new(warnings, &period.source, "teams missing questions");
        let side_check = |side: Side,
                          results: Vec<Option<(Vec<bool>, bool)>>,
                          score: &str,
                          capped: &mut Capped| {
            let count = framework.item_count(side);
            let mut anyone = vec![false; count];
            let mut anyone_score = false;
            for (items, has_score) in results.iter().flatten() {
                for (seen, &has) in anyone.iter_mut().zip(items) {
                    *seen |= has;
                }
                anyone_score |= has_score;
            }
            let ids: Vec<&str> = framework.items(side).map(|i| i.id.as_str()).collect();
            for (unit, result) in results.iter().enumerate() {
                let Some((items, has_score)) = result else {
                    continue;
                };
                let mut missing: Vec<&str> = (0..count)
                    .filter(|&i| anyone[i] && !items[i])
                    .map(|i| ids[i])
                    .collect();
                if anyone_score && !has_score {
                    missing.insert(0, score);
                }
                if missing.is_empty() {
                    continue;
                }
                let id = &site.units.units[unit].id;
                let (line, column) = lines.get(&(side, id.clone())).copied().unwrap_or((0, 0));
                let section = if side == Side::Ex { "ex" } else { "cx" };
                capped.push(
                    Diagnostic::warning(
                        &period.source,
                        line,
                        column,
                        format!(
                            "`{id}` (under `{section}`) has no answers for {}, which other teams have in this period; its scores rest on fewer questions",
                            missing
                                .iter()
                                .map(|m| format!("`{m}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .with_help("add the missing counts if the team was asked; otherwise this is fine"),
                );
            }
        };
        let ex = period
            .ex
            .iter()
            .map(|r| {
                r.as_ref().map(|r| {
                    (
                        r.items.iter().map(Option::is_some).collect(),
                        r.enps.is_some(),
                    )
                })
            })
            .collect();
        side_check(Side::Ex, ex, "enps", &mut capped);
        let cx = period
            .cx
            .iter()
            .map(|r| {
                r.as_ref().map(|r| {
                    (
                        r.items.iter().map(Option::is_some).collect(),
                        r.nps.is_some(),
                    )
                })
            })
            .collect();
        side_check(Side::Cx, cx, "nps", &mut capped);
    }
}

/// The line of each `id: …` in units.yaml.
fn id_lines(text: &str) -> HashMap<String, (u64, u64)> {
    let mut lines = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if let Some(id) = trimmed.strip_prefix("id:") {
            // Point at the id itself, after `id: `.
            let column = line.len() - id.trim_start().len() + 1;
            lines
                .entry(id.trim().trim_matches(['"', '\'']).to_string())
                .or_insert((i as u64 + 1, column as u64));
        }
    }
    lines
}

/// A team listed in units.yaml that no survey file mentions: often a typo in one of the two.
fn units_without_results(site_dir: &Path, site: &Site, warnings: &mut Diagnostics) {
    if site.periods.is_empty() {
        return;
    }
    let path = site_dir.join("content").join("units.yaml");
    let mut seen = vec![false; site.units.len()];
    for period in &site.periods {
        for (unit, seen) in seen.iter_mut().enumerate() {
            *seen |= period.ex.get(unit).is_some_and(Option::is_some)
                || period.cx.get(unit).is_some_and(Option::is_some);
        }
    }
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let lines = id_lines(&text);
    let mut capped = Capped::new(warnings, &path, "teams without results");
    for unit in site.units.leaves().filter(|&u| u != UnitTree::ROOT) {
        if seen[unit] {
            continue;
        }
        let id = &site.units.units[unit].id;
        let (line, column) = lines.get(id).copied().unwrap_or((0, 0));
        capped.push(
            Diagnostic::warning(
                &path,
                line,
                column,
                format!("team `{id}` has no results in any survey file"),
            )
            .with_help("check that the survey files spell its id the same way, or remove the team"),
        );
    }
}

/// A factor name or item text without the site's language: readers see the English text.
fn missing_translations(site_dir: &Path, site: &Site, warnings: &mut Diagnostics) {
    for &language in &site.config.languages {
        missing_texts(site_dir, site, language, warnings);
        missing_scale_labels(site_dir, site, language, warnings);
    }
    missing_post_versions(site, warnings);
}

/// A post in the default language without a version in another of the site's languages
/// (`post.sv.md` beside `post.md`): that language's site shows the default one, and says so
/// here. A version in a language the site is not built in is never shown.
fn missing_post_versions(site: &Site, warnings: &mut Diagnostics) {
    let languages = &site.config.languages;
    let default = site.config.language;
    let has = |slug: &str, language: Language| {
        site.posts.iter().any(|p| {
            p.slug == slug
                && (p.language == Some(language) || (language == default && p.language.is_none()))
        })
    };
    for post in &site.posts {
        let language = post.language.unwrap_or(default);
        match language {
            _ if language == default => {
                for &language in languages.iter().filter(|&&l| l != default) {
                    if !has(&post.slug, language) {
                        warnings.push(
                            Diagnostic::warning(
                                &post.source,
                                0,
                                0,
                                format!(
                                    "has no {} version, so the `{}/` pages show this one",
                                    language_name(language),
                                    language.code()
                                ),
                            )
                            .with_help(format!(
                                "write it as `{}.{}.md` beside this file",
                                post.slug,
                                language.code()
                            )),
                        );
                    }
                }
            }
            _ if !languages.contains(&language) => warnings.push(
                Diagnostic::warning(
                    &post.source,
                    0,
                    0,
                    format!(
                        "is a {} version, but the site is not built in `{}`, so it is not shown",
                        language_name(language),
                        language.code()
                    ),
                )
                .with_help(format!(
                    "add `{}` to `languages:` in kolikko.yaml, or remove the file",
                    language.code()
                )),
            ),
            _ => {}
        }
    }
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English (`en`)",
        Language::Fi => "Finnish (`fi`)",
        Language::Sv => "Swedish (`sv`)",
    }
}

/// A scale with labels per language but none in one of the site's: its points are numbers there.
fn missing_scale_labels(
    site_dir: &Path,
    site: &Site,
    language: Language,
    warnings: &mut Diagnostics,
) {
    let path = site_dir.join("kolikko.yaml");
    for scale in &site.framework.scales {
        if matches!(scale.labels, PointLabels::ByLanguage { .. })
            && scale.written_labels(language).is_none()
        {
            warnings.push(
                Diagnostic::warning(
                    &path,
                    scale.line,
                    scale.column,
                    format!(
                        "scale `{}` has no {} labels, so the {} pages show its points as numbers only",
                        scale.name,
                        language_name(language),
                        language.code()
                    ),
                )
                .with_help(format!(
                    "add `{}: [...]` under the scale's `labels`, one label per point",
                    language.code()
                )),
            );
        }
    }
}

fn missing_texts(site_dir: &Path, site: &Site, language: Language, warnings: &mut Diagnostics) {
    let translated = |text: &Text| match language {
        Language::En => true,
        Language::Fi => text.fi.is_some(),
        Language::Sv => text.sv.is_some(),
    };
    let name = match language {
        Language::En => return,
        Language::Fi => "Finnish (`fi`)",
        Language::Sv => "Swedish (`sv`)",
    };
    let path = site_dir.join("kolikko.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let lines = id_lines(&text);
    let mut capped = Capped::new(warnings, &path, "texts without a translation");
    let mut warn = |id: &str, what: &str| {
        let (line, column) = lines.get(id).copied().unwrap_or((0, 0));
        capped.push(
            Diagnostic::warning(
                &path,
                line,
                column,
                format!("{what} `{id}` has no {name} text, so readers see the English one"),
            )
            .with_help("give the text as a map of languages, such as `{ en: \"…\", fi: \"…\" }`"),
        );
    };
    for factor in &site.framework.factors {
        if !translated(&factor.name) {
            warn(&factor.id, "factor");
        }
        for item in factor.ex.iter().chain(&factor.cx) {
            if !translated(&item.text) {
                warn(&item.id, "item");
            }
        }
    }
}

/// A file under `content/` that kolikko does not read: a post with another extension, a file in
/// a subfolder, a stray file beside units.yaml. `content/surveys/` is the loader's to judge (it
/// knows which exports and mappings the survey files name), and so are mappings elsewhere.
fn unread_content(site_dir: &Path, site: &Site, warnings: &mut Diagnostics) {
    let content = site_dir.join("content");
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let named: std::collections::HashSet<std::path::PathBuf> = site
        .responses
        .iter()
        .flat_map(|r| [r.canonical.clone(), canonical(&r.mapping)])
        .collect();
    let is_read = |relative: &Path| -> bool {
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect();
        let extension = relative.extension().and_then(|e| e.to_str()).unwrap_or("");
        match parts.as_slice() {
            [file] => file == "units.yaml",
            [folder, ..] if folder == "surveys" => true,
            [folder, _] if folder == "posts" => extension == "md",
            _ => false,
        }
    };
    let mut capped = Capped::new(warnings, &content, "files that are not read");
    // follow_links(false) and a depth cap: a link loop cannot make the walk endless.
    for entry in walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(6)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        if !is_read(relative) && !named.contains(&canonical(entry.path())) {
            capped.push(
                Diagnostic::warning(entry.path(), 0, 0, "this file is not read")
                    .with_help("kolikko reads content/units.yaml, content/posts/*.md, and in content/surveys/ the survey files and the exports and mappings they name; rename or move the file if it should be part of the report"),
            );
        }
    }
}

/// Quotes YAML does not treat as quotes: a title pasted from a word processor.
const SMART_QUOTES: &[char] = &['“', '”', '„', '‘', '’', '‚', '«', '»'];

/// Unquoted shortcode values and titles wrapped in typographic quotes.
fn posts(site_dir: &Path, site: &Site, warnings: &mut Diagnostics) {
    let title_warning = |file: &Path, line: u64, title: &str| {
        let inner = title.trim_matches(SMART_QUOTES);
        Diagnostic::warning(
            file,
            line,
            if line == 0 { 0 } else { 1 },
            format!("the title `{title}` is wrapped in typographic quotes, which YAML does not read as quotes, so readers see them"),
        )
        .with_help(format!("use straight quotes: `title: \"{inner}\"`"))
    };
    let wrapped = |title: &str| title.starts_with(SMART_QUOTES) || title.ends_with(SMART_QUOTES);
    if wrapped(&site.config.title) {
        let path = site_dir.join("kolikko.yaml");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let line = text
            .lines()
            .position(|l| l.starts_with("title:"))
            .map_or(0, |i| i as u64 + 1);
        warnings.push(title_warning(&path, line, &site.config.title));
    }
    for post in &site.posts {
        if wrapped(&post.title) {
            let line = post.body_first_line.saturating_sub(1);
            let text = std::fs::read_to_string(&post.source).unwrap_or_default();
            let title_line = text
                .lines()
                .take(line as usize)
                .position(|l| l.starts_with("title:"))
                .map_or(0, |i| i as u64 + 1);
            warnings.push(title_warning(&post.source, title_line, &post.title));
        }
        let Ok((_, codes)) =
            markdown::extract_shortcodes(&post.source, &post.body, post.body_first_line)
        else {
            continue;
        };
        for code in codes {
            for key in &code.unquoted {
                let value = code.args.get(key).map_or("", String::as_str);
                warnings.push(
                    Diagnostic::warning(
                        &post.source,
                        code.line,
                        code.column,
                        format!("`{key}={value}` is written without quotes; it works, but a value with a space or a comma would be cut short"),
                    )
                    .with_help(format!("write `{key}=\"{value}\"`")),
                );
            }
        }
    }
}
