//! Load: read a site folder into the validated [`Site`] model, or report every problem found.
//!
//! YAML is parsed by serde-saphyr with an explicit budget (so an alias bomb or a 10,000-deep
//! nesting is refused at once) into `Raw*` structs that keep source locations, then checked
//! against the rules of `docs/format.md`. Nothing here renders or writes.

use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::{Factor, Framework, Item, Language, Side, Text};
use crate::model::{
    Answers, Config, CxResult, Date, ExResult, Post, Site, SurveyPeriod, TemplateOverride, Unit,
    UnitTree,
};
use crate::period::Period;
use crate::stats::Scale;

/// The largest input file read. Real survey files of thousands of units stay far below it; a
/// larger file is refused before it is read, so memory stays bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest count a survey file may give (invited, responses, one answer count). Far above any
/// real organisation, and low enough that sums over millions of teams cannot overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;
/// The lowest anonymity threshold a site may set.
pub const MIN_ANONYMITY_THRESHOLD: u64 = 3;

/// Reads and validates the whole site at `root`.
pub fn load_site(root: &Path) -> Result<Site, Diagnostics> {
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
    let (config, framework) = match reader.read_text(&config_path) {
        Ok(text) => parse_config(&config_path, &text, &mut diagnostics),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
    .unzip();

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
    if let (Some(framework), Some(units)) = (&framework, &units) {
        let surveys = root.join("content").join("surveys");
        // Survey files are independent: parsed in parallel, their results and errors gathered
        // back in file-name order so the output and the messages never depend on the threads.
        let paths = reader.list(&surveys, &["yaml", "yml"], &mut diagnostics);
        let parsed: Vec<_> = paths
            .par_iter()
            .map(|path| {
                let mut found = Diagnostics::default();
                let result = match reader.read_text(path) {
                    Ok(text) => parse_survey(path, &text, framework, units, &mut found),
                    Err(d) => {
                        found.push(d);
                        (None, None)
                    }
                };
                (path, result, found)
            })
            .collect();
        for (path, (period, survey), found) in parsed {
            diagnostics.0.extend(found.0);
            named.extend(period.map(|p| (p, path.clone())));
            periods.extend(survey);
        }
        check_periods(&mut named, &mut diagnostics);
        periods.sort_by_key(|p| p.period);
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

    match (config, framework, units) {
        (Some(config), Some(framework), Some(units)) if diagnostics.is_empty() => Ok(Site {
            config,
            framework,
            units,
            periods,
            posts: posts
                .into_iter()
                .filter_map(|(post, draft)| (!draft).then_some(post))
                .collect(),
            template_overrides,
        }),
        _ => Err(diagnostics),
    }
}

/// Reads files of one site, refusing anything that leads outside it.
struct SiteReader {
    root: PathBuf,
}

impl SiteReader {
    /// The files with one of `extensions` directly inside `dir`, sorted by name. A missing folder
    /// is simply empty.
    fn list(&self, dir: &Path, extensions: &[&str], diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
        if !dir.exists() {
            return Vec::new();
        }
        let mut files = Vec::new();
        // follow_links(false): a symlink loop cannot make the walk run forever.
        for entry in walkdir::WalkDir::new(dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
        {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let name = entry.file_name().to_string_lossy();
                    let wanted = path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.contains(&e));
                    if wanted && !name.starts_with('.') {
                        files.push(path.to_path_buf());
                    }
                }
                Err(e) => diagnostics.push(Diagnostic::whole_file(
                    dir,
                    format!("cannot list the folder: {e}"),
                )),
            }
        }
        files
    }

    /// Reads one UTF-8 text file, after checking it stays inside the site and is not too large.
    /// A leading byte-order mark is dropped.
    fn read_text(&self, path: &Path) -> Result<String, Diagnostic> {
        let canonical = fs::canonicalize(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Diagnostic::whole_file(path, "file not found"),
            _ => Diagnostic::whole_file(path, format!("cannot read the file: {e}")),
        })?;
        if !canonical.starts_with(&self.root) {
            return Err(Diagnostic::whole_file(
                path,
                format!(
                    "is a link to {}, outside the site folder; kolikko reads only files inside the site",
                    canonical.display()
                ),
            ));
        }
        let metadata = fs::metadata(&canonical)
            .map_err(|e| Diagnostic::whole_file(path, format!("cannot read the file: {e}")))?;
        if !metadata.is_file() {
            return Err(Diagnostic::whole_file(
                path,
                "expected a file, found a folder or device",
            ));
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::whole_file(
                path,
                format!(
                    "the file is {} MiB; kolikko reads files of at most {} MiB (split the survey into one file per period)",
                    metadata.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ));
        }
        let bytes = fs::read(&canonical)
            .map_err(|e| Diagnostic::whole_file(path, format!("cannot read the file: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
            Diagnostic::new(
                path,
                line,
                column,
                "the file is not valid UTF-8; save it as UTF-8",
            )
        })?;
        Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text))
    }
}

/// serde-saphyr settings for every file: duplicate keys are errors, and the budget is explicit.
fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    // Large real files (thousands of units × dozens of items) must load: raise the node and
    // event caps well above the defaults; depth and alias caps stay strict.
    budget.max_nodes = 20_000_000;
    budget.max_events = 40_000_000;
    budget.max_depth = 64;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options
}

/// Parses YAML text, turning a parser error into a diagnostic at its line and column.
/// `line_offset` is added to lines, for YAML embedded in a larger file (front matter).
fn parse_yaml<T: de::DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: u64,
) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(
            path,
            "the file is empty; see docs/format.md for what it should contain",
        ));
    }
    serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let mut message = friendly_yaml_message(&e.without_snippet().to_string());
        // "expected a number" is more useful with what was there instead.
        if message.starts_with("expected a")
            && let Some(found) = scalar_at(text, line, column)
        {
            message = format!("{message}, found `{found}`");
        }
        if text.lines().any(|l| l.starts_with('\t')) && message.contains("tab") {
            message = "a tab is used for indentation; YAML indents with spaces only".to_string();
        }
        let line = if line == 0 { 0 } else { line + line_offset };
        Diagnostic::new(path, line, column, message)
    })
}

/// The plain YAML value starting at a 1-based line and column, as written.
fn scalar_at(text: &str, line: u64, column: u64) -> Option<String> {
    let line = text
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let rest: String = line
        .chars()
        .skip(usize::try_from(column).ok()?.checked_sub(1)?)
        .collect();
    let value = rest.split([',', ']', '}', '#']).next()?.trim();
    (!value.is_empty() && value.chars().count() <= 40).then(|| value.to_string())
}

/// serde-saphyr's messages, minus the location (we print our own) and in plainer words.
fn friendly_yaml_message(message: &str) -> String {
    // Our own location comes first in the diagnostic; drop the parser's location clauses.
    let cut = [" (defined at", " (used at", " at line "]
        .iter()
        .filter_map(|m| message.find(m))
        .min();
    let message = &message[..cut.unwrap_or(message.len())];
    if let Some(breach) = message.strip_prefix("budget breached: ") {
        return budget_message(breach);
    }

    match message {
        "invalid u64" | "invalid u32" => "expected a whole number, 0 or more".to_string(),
        "invalid f64" => "expected a number".to_string(),
        "invalid bool" => "expected true or false".to_string(),
        m if m.starts_with("duplicate mapping key: ") => {
            let key = m["duplicate mapping key: ".len()..]
                .split(',')
                .next()
                .unwrap_or_default();
            format!("duplicate key `{key}`: each key may appear only once here")
        }
        m if m.starts_with("unknown field") => m
            .replacen("unknown field", "unknown key", 1)
            .replacen("expected one of", "expected one of:", 1),
        m => m.to_string(),
    }
}

/// The parser's safety limits (see `yaml_options`) in words a person can act on.
fn budget_message(breach: &str) -> String {
    let kind = breach.split([' ', '{']).next().unwrap_or_default();
    let what = match kind {
        "Depth" => "the YAML is nested more than 64 levels deep",
        "Aliases"
        | "Anchors"
        | "AliasAnchorRatio"
        | "RecordedAnchorEvents"
        | "RecordedAnchorBytes" => {
            "the YAML repeats anchors and aliases (`&name`, `*name`) far more than a survey file needs; write the values out instead"
        }
        "Nodes" | "Events" => {
            "the file has more YAML values than kolikko reads from one file (20 million)"
        }
        "ScalarBytes" | "InputBytes" => {
            "the file holds more text than kolikko reads from one file (64 MiB)"
        }
        "Documents" => "the file has too many YAML documents (`---`); a file holds one",
        _ => "the YAML exceeds one of kolikko's safety limits (see docs/limits.md)",
    };
    what.to_string()
}

fn at<T>(path: &Path, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        path,
        spanned.referenced.line(),
        spanned.referenced.column(),
        message,
    )
}

/// Map entries in source order (serde gives a HashMap; errors should come in reading order).
fn in_source_order<V>(map: HashMap<Spanned<String>, V>) -> Vec<(Spanned<String>, V)> {
    let mut entries: Vec<_> = map.into_iter().collect();
    entries.sort_by_key(|(k, _)| (k.referenced.line(), k.referenced.column()));
    entries
}

// ---------------------------------------------------------------- kolikko.yaml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    organisation: String,
    language: Option<Spanned<String>>,
    anonymity_threshold: Option<Spanned<u64>>,
    cx_low_n: Option<u64>,
    allow_raw_html: Option<bool>,
    /// Named answer scales beside the built-in `likert5`.
    #[serde(default)]
    scales: HashMap<Spanned<String>, Spanned<RawScale>>,
    framework: Option<Spanned<RawFramework>>,
}

/// An agreement scale: answers 1..=points, favourable from `favourable_from` up, unfavourable
/// up to `unfavourable_to`, neutral in between.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    points: u8,
    favourable_from: u8,
    unfavourable_to: u8,
}

enum RawFramework {
    Default,
    Custom(Vec<RawFactor>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactor {
    id: Spanned<String>,
    name: RawText,
    #[serde(default)]
    ex: Vec<RawItem>,
    #[serde(default)]
    cx: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    text: RawText,
    scale: Option<Spanned<String>>,
}

/// `"text"` or `{ en: "...", fi: "..." }`.
struct RawText(Text);

impl<'de> Deserialize<'de> for RawFramework {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFramework;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`default` or a list of factors")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v == "default" {
                    Ok(RawFramework::Default)
                } else {
                    Err(E::custom(format!(
                        "expected `default` or a list of factors, found `{v}`"
                    )))
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<RawFactor>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(RawFramework::Custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ByLanguage {
            en: String,
            fi: Option<String>,
            sv: Option<String>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, or a map of language (en, fi, sv) to string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawText(Text {
                    en: v.to_string(),
                    fi: None,
                    sv: None,
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let t = ByLanguage::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawText(Text {
                    en: t.en,
                    fi: t.fi,
                    sv: t.sv,
                }))
            }
        }
        deserializer.deserialize_any(V)
    }
}

fn parse_config(
    path: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<(Config, Framework)> {
    let raw: RawConfig = match parse_yaml(path, text, 0) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let before = diagnostics.len();
    let language = match &raw.language {
        None => Language::En,
        Some(l) => match l.value.as_str() {
            "en" => Language::En,
            "fi" => Language::Fi,
            "sv" => Language::Sv,
            other => {
                diagnostics.push(at(
                    path,
                    l,
                    format!("unknown language `{other}`: expected en, fi or sv"),
                ));
                Language::En
            }
        },
    };
    let anonymity_threshold = match &raw.anonymity_threshold {
        None => 5,
        Some(t) if t.value < MIN_ANONYMITY_THRESHOLD => {
            diagnostics.push(at(
                path,
                t,
                format!(
                    "anonymity_threshold {} is too low: groups this small can be recognised; use at least {MIN_ANONYMITY_THRESHOLD} (5 is usual)",
                    t.value
                ),
            ));
            MIN_ANONYMITY_THRESHOLD
        }
        Some(t) => t.value,
    };
    let scales = check_scales(path, raw.scales, diagnostics);
    let framework = match raw.framework {
        None => Framework::default_six(),
        Some(f) => match f.value {
            RawFramework::Default => Framework::default_six(),
            RawFramework::Custom(factors) => {
                build_framework(path, &f.referenced, factors, &scales, diagnostics)
            }
        },
    };
    let config = Config {
        title: raw.title,
        organisation: raw.organisation,
        language,
        anonymity_threshold,
        cx_low_n: raw.cx_low_n.unwrap_or(30),
        allow_raw_html: raw.allow_raw_html.unwrap_or(false),
    };
    (diagnostics.len() == before).then_some((config, framework))
}

/// The site's scales by name, with `likert5` built in; each must have sensible cut-points.
fn check_scales(
    path: &Path,
    raw: HashMap<Spanned<String>, Spanned<RawScale>>,
    diagnostics: &mut Diagnostics,
) -> HashMap<String, Scale> {
    let mut scales = HashMap::from([("likert5".to_string(), Scale::LIKERT5)]);
    for (name, raw) in in_source_order(raw) {
        let scale = Scale {
            points: raw.value.points,
            favourable_from: raw.value.favourable_from,
            unfavourable_to: raw.value.unfavourable_to,
        };
        if !(2..=11).contains(&scale.points) || scale.unfavourable_to < 1 || !scale.is_valid() {
            diagnostics.push(at(
                path,
                &raw,
                format!(
                    "scale `{}`: expected 2 to 11 points, with 1 ≤ unfavourable_to < favourable_from ≤ points",
                    name.value
                ),
            ));
            // Still known by name, so its items do not also report an "unknown scale".
            scales.insert(name.value.clone(), Scale::LIKERT5);
        } else if scales.insert(name.value.clone(), scale).is_some() {
            diagnostics.push(at(
                path,
                &name,
                format!(
                    "scale `{}` is defined twice (likert5 is built in)",
                    name.value
                ),
            ));
        }
    }
    scales
}

fn build_framework(
    path: &Path,
    location: &serde_saphyr::Location,
    raw: Vec<RawFactor>,
    scales: &HashMap<String, Scale>,
    diagnostics: &mut Diagnostics,
) -> Framework {
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut check_id = |id: &Spanned<String>, diagnostics: &mut Diagnostics| {
        if !is_valid_id(&id.value) {
            diagnostics.push(at(
                path,
                id,
                format!(
                    "`{}` is not a valid id: use lower-case letters, digits, `-` and `_`",
                    id.value
                ),
            ));
        } else if let Some(line) = seen.insert(id.value.clone(), id.referenced.line()) {
            diagnostics.push(at(
                path,
                id,
                format!("duplicate id `{}` (first used on line {line})", id.value),
            ));
        }
    };
    let mut factors = Vec::new();
    for factor in raw {
        check_id(&factor.id, diagnostics);
        let mut items = |raw_items: Vec<RawItem>, diagnostics: &mut Diagnostics| -> Vec<Item> {
            raw_items
                .into_iter()
                .map(|item| {
                    check_id(&item.id, diagnostics);
                    let scale = match &item.scale {
                        None => Scale::LIKERT5,
                        Some(name) => scales.get(&name.value).copied().unwrap_or_else(|| {
                            let mut known: Vec<&str> = scales.keys().map(String::as_str).collect();
                            known.sort_unstable();
                            diagnostics.push(at(
                                path,
                                name,
                                format!(
                                    "unknown scale `{}`: expected {}",
                                    name.value,
                                    known.join(", ")
                                ),
                            ));
                            Scale::LIKERT5
                        }),
                    };
                    Item {
                        id: item.id.value,
                        text: item.text.0,
                        scale,
                    }
                })
                .collect()
        };
        let ex = items(factor.ex, diagnostics);
        let cx = items(factor.cx, diagnostics);
        if ex.is_empty() || cx.is_empty() {
            diagnostics.push(at(path, &factor.id, format!("factor `{}` needs at least one EX item and one CX item: the report compares the two sides", factor.id.value)));
        }
        factors.push(Factor {
            id: factor.id.value,
            name: factor.name.0,
            ex,
            cx,
        });
    }
    if factors.is_empty() {
        diagnostics.push(Diagnostic::new(
            path,
            location.line(),
            location.column(),
            "the framework needs at least one factor",
        ));
    }
    Framework { factors }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

// ---------------------------------------------------------------- content/units.yaml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    units: Vec<RawUnit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: Spanned<String>,
    name: String,
    supervisor: Option<String>,
    #[serde(default)]
    children: Vec<RawUnit>,
}

fn parse_units(path: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<UnitTree> {
    let raw: RawUnits = match parse_yaml(path, text, 0) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let before = diagnostics.len();
    let mut units = vec![Unit {
        id: String::new(),
        name: String::new(),
        supervisor: None,
        parent: None,
        children: Vec::new(),
        depth: 0,
    }];
    let mut seen: HashMap<String, u64> = HashMap::new();
    // Iterative pre-order walk: parents get smaller indices than their children.
    let mut stack: Vec<(RawUnit, usize)> = raw
        .units
        .into_iter()
        .rev()
        .map(|u| (u, UnitTree::ROOT))
        .collect();
    while let Some((unit, parent)) = stack.pop() {
        let id = &unit.id;
        if !is_valid_id(&id.value) || id.value.contains('_') {
            diagnostics.push(at(path, id, format!("`{}` is not a valid unit id: use lower-case letters a–z, digits and `-` (it becomes a file name)", id.value)));
        } else if let Some(line) = seen.insert(id.value.clone(), id.referenced.line()) {
            diagnostics.push(at(
                path,
                id,
                format!(
                    "duplicate unit id `{}` (first used on line {line})",
                    id.value
                ),
            ));
        }
        let index = units.len();
        units.push(Unit {
            id: unit.id.value,
            name: unit.name,
            supervisor: unit.supervisor,
            parent: Some(parent),
            children: Vec::new(),
            depth: units[parent].depth + 1,
        });
        units[parent].children.push(index);
        stack.extend(unit.children.into_iter().rev().map(|child| (child, index)));
    }
    if units.len() == 1 {
        diagnostics.push(Diagnostic::new(
            path,
            1,
            1,
            "no units: list at least one team under `units`",
        ));
    }
    (diagnostics.len() == before).then(|| UnitTree::new(units))
}

// ---------------------------------------------------------------- content/surveys/*.yaml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSurvey {
    period: Spanned<String>,
    #[serde(default)]
    ex: HashMap<Spanned<String>, RawEx>,
    #[serde(default)]
    cx: HashMap<Spanned<String>, RawCx>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEx {
    invited: Spanned<u64>,
    responses: Spanned<u64>,
    headcount: Option<Spanned<f64>>,
    leavers: Option<Spanned<u64>>,
    enps: Option<Spanned<RawAnswers>>,
    #[serde(default)]
    items: HashMap<Spanned<String>, Spanned<RawAnswers>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCx {
    responses: Spanned<u64>,
    nps: Option<Spanned<RawAnswers>>,
    #[serde(default)]
    items: HashMap<Spanned<String>, Spanned<RawAnswers>>,
}

/// `[0, 1, 2, 5, 4]` or `{ counts: [0, 1, 2, 5, 4], na: 2 }`.
struct RawAnswers(Answers);

impl<'de> Deserialize<'de> for RawAnswers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct WithNa {
            counts: Vec<u64>,
            #[serde(default)]
            na: u64,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawAnswers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of answer counts, or a map with `counts` and `na`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                let counts = Vec::<u64>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RawAnswers(Answers { counts, na: 0 }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let w = WithNa::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawAnswers(Answers {
                    counts: w.counts,
                    na: w.na,
                }))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The period the file names (if it parses) and the validated results (if all is well).
fn parse_survey(
    path: &Path,
    text: &str,
    framework: &Framework,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> (Option<Period>, Option<SurveyPeriod>) {
    let raw: RawSurvey = match parse_yaml(path, text, 0) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return (None, None);
        }
    };
    let before = diagnostics.len();
    let period = match Period::parse(&raw.period.value) {
        Ok(p) => Some(p),
        Err(message) => {
            diagnostics.push(at(path, &raw.period, message));
            None
        }
    };
    let mut ex = vec![None; units.len()];
    for (id, result) in in_source_order(raw.ex) {
        if let Some(unit) = resolve_leaf(path, &id, units, diagnostics) {
            ex[unit] = check_ex(path, result, framework, diagnostics);
        }
    }
    let mut cx = vec![None; units.len()];
    for (id, result) in in_source_order(raw.cx) {
        if let Some(unit) = resolve_leaf(path, &id, units, diagnostics) {
            cx[unit] = check_cx(path, result, framework, diagnostics);
        }
    }
    let Some(period) = period else {
        return (None, None);
    };
    let survey = (diagnostics.len() == before).then(|| SurveyPeriod {
        period,
        source: path.to_path_buf(),
        ex,
        cx,
    });
    (Some(period), survey)
}

/// The unit a survey entry refers to; it must exist and be a team (a leaf).
fn resolve_leaf(
    path: &Path,
    id: &Spanned<String>,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    match units.find(&id.value) {
        Some(index) if index != UnitTree::ROOT && units.is_leaf(index) => Some(index),
        Some(index) if index != UnitTree::ROOT => {
            let children: Vec<&str> = units.units[index]
                .children
                .iter()
                .map(|&c| units.units[c].id.as_str())
                .collect();
            diagnostics.push(at(
                path,
                id,
                format!(
                    "`{}` has sub-units ({}): enter results for those; `{}` is computed from them",
                    id.value,
                    children.join(", "),
                    id.value
                ),
            ));
            None
        }
        _ => {
            let hint = closest(
                &id.value,
                units.leaves().map(|u| units.units[u].id.as_str()),
            )
            .map(|near| format!("did you mean `{near}`? "))
            .unwrap_or_default();
            diagnostics.push(at(
                path,
                id,
                format!(
                    "unknown unit `{}`: {hint}teams are listed in content/units.yaml",
                    id.value
                ),
            ));
            None
        }
    }
}

fn check_ex(
    path: &Path,
    raw: RawEx,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<ExResult> {
    let before = diagnostics.len();
    check_count(path, &raw.invited, "invited", diagnostics);
    check_count(path, &raw.responses, "responses", diagnostics);
    if let Some(l) = &raw.leavers {
        check_count(path, l, "leavers", diagnostics);
    }
    let responses = raw.responses.value;
    if responses > raw.invited.value {
        diagnostics.push(at(
            path,
            &raw.responses,
            format!("responses ({responses}) is larger than invited ({}): a person can answer only once", raw.invited.value),
        ));
    }
    if let Some(h) = &raw.headcount
        && (!h.value.is_finite() || h.value < 0.0 || h.value > 1e9)
    {
        diagnostics.push(at(
            path,
            h,
            "headcount must be a number of people, 0 or more",
        ));
    }
    if let (Some(l), Some(h)) = (&raw.leavers, &raw.headcount)
        && l.value as f64 > h.value.max(0.0) * 4.0 + 1.0
    {
        // Leavers can exceed the *average* headcount only in extreme churn; far above it is a typo.
        diagnostics.push(at(
            path,
            l,
            format!(
                "leavers ({}) is implausibly large for a headcount of {}",
                l.value, h.value
            ),
        ));
    }
    let all = raw.enps.iter().chain(raw.items.values());
    let per_question = questions_total(path, &raw.responses, all, diagnostics);
    let enps = raw.enps.map(|e| {
        check_answers(
            path,
            &e,
            11,
            per_question,
            "eNPS answers 0 to 10",
            diagnostics,
        )
    });
    let items = check_items(
        path,
        raw.items,
        framework,
        Side::Ex,
        per_question,
        diagnostics,
    );
    (diagnostics.len() == before).then(|| ExResult {
        invited: raw.invited.value,
        responses,
        headcount: raw.headcount.map(|h| h.value),
        leavers: raw.leavers.map(|l| l.value),
        enps,
        items,
    })
}

fn check_cx(
    path: &Path,
    raw: RawCx,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) -> Option<CxResult> {
    let before = diagnostics.len();
    check_count(path, &raw.responses, "responses", diagnostics);
    let responses = raw.responses.value;
    let all = raw.nps.iter().chain(raw.items.values());
    let per_question = questions_total(path, &raw.responses, all, diagnostics);
    let nps = raw.nps.map(|e| {
        check_answers(
            path,
            &e,
            11,
            per_question,
            "NPS answers 0 to 10",
            diagnostics,
        )
    });
    let items = check_items(
        path,
        raw.items,
        framework,
        Side::Cx,
        per_question,
        diagnostics,
    );
    (diagnostics.len() == before).then_some(CxResult {
        responses,
        nps,
        items,
    })
}

fn check_items(
    path: &Path,
    raw: HashMap<Spanned<String>, Spanned<RawAnswers>>,
    framework: &Framework,
    side: Side,
    responses: u64,
    diagnostics: &mut Diagnostics,
) -> Vec<Option<Answers>> {
    let mut items = vec![None; framework.item_count(side)];
    let side_name = |s: Side| {
        if s == Side::Ex {
            "EX (under `ex`)"
        } else {
            "CX (under `cx`)"
        }
    };
    for (id, answers) in in_source_order(raw) {
        match framework.find_item(&id.value) {
            Some(item) if item.side == side => {
                let points = framework
                    .items(side)
                    .nth(item.index)
                    .map_or(5, |i| i.scale.points as usize);
                let what = format!("answers 1 to {points}");
                items[item.index] = Some(check_answers(
                    path,
                    &answers,
                    points,
                    responses,
                    &what,
                    diagnostics,
                ));
            }
            Some(item) => diagnostics.push(at(
                path,
                &id,
                format!(
                    "`{}` is a {} item, but it is listed under {}",
                    id.value,
                    side_name(item.side),
                    side_name(side)
                ),
            )),
            None => {
                let known: Vec<&str> = framework.items(side).map(|i| i.id.as_str()).collect();
                diagnostics.push(at(
                    path,
                    &id,
                    format!(
                        "unknown item `{}`: expected one of {}",
                        id.value,
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    items
}

/// What each question's counts must add up to. Normally `responses`; but when every question
/// (at least two) agrees on another total, the one wrong number is `responses` itself: say so
/// once, at `responses`, instead of once per question.
fn questions_total<'a>(
    path: &Path,
    responses: &Spanned<u64>,
    questions: impl Iterator<Item = &'a Spanned<RawAnswers>>,
    diagnostics: &mut Diagnostics,
) -> u64 {
    let totals: Vec<Option<u64>> = questions.map(|q| q.value.0.checked_total()).collect();
    match totals.first() {
        Some(&Some(total))
            if totals.len() >= 2
                && total != responses.value
                && totals.iter().all(|&t| t == Some(total)) =>
        {
            diagnostics.push(at(
                path,
                responses,
                format!(
                    "responses is {}, but all {} questions have {total} answers each (counts plus na): is `responses` right?",
                    responses.value,
                    totals.len()
                ),
            ));
            total
        }
        _ => responses.value,
    }
}

fn check_count(path: &Path, count: &Spanned<u64>, what: &str, diagnostics: &mut Diagnostics) {
    if count.value > MAX_COUNT {
        diagnostics.push(at(
            path,
            count,
            format!(
                "{what} ({}) is larger than kolikko accepts ({MAX_COUNT}): is it a typo?",
                count.value
            ),
        ));
    }
}

fn check_answers(
    path: &Path,
    answers: &Spanned<RawAnswers>,
    points: usize,
    responses: u64,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> Answers {
    let value = &answers.value.0;
    if value
        .counts
        .iter()
        .chain([&value.na])
        .any(|&c| c > MAX_COUNT)
    {
        diagnostics.push(at(
            path,
            answers,
            format!("an answer count is larger than kolikko accepts ({MAX_COUNT}): is it a typo?"),
        ));
    } else if value.counts.len() != points {
        diagnostics.push(at(
            path,
            answers,
            format!(
                "expected {points} counts ({what}), found {}",
                value.counts.len()
            ),
        ));
    } else {
        match value.checked_total() {
            None => diagnostics.push(at(path, answers, "the counts are too large to add up")),
            Some(total) if total != responses => {
                let na = if value.na > 0 {
                    format!(" plus {} not applicable", value.na)
                } else {
                    String::new()
                };
                diagnostics.push(at(
                    path,
                    answers,
                    format!(
                        "the answer counts add up to {}{na}, but responses is {responses}; every respondent is counted once per question (a skipped question counts under `na`)",
                        total - value.na
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    value.clone()
}

/// Rejects duplicate periods and mixed granularities.
fn check_periods(named: &mut [(Period, PathBuf)], diagnostics: &mut Diagnostics) {
    named.sort();
    for pair in named.windows(2) {
        if pair[0].0 == pair[1].0 {
            diagnostics.push(Diagnostic::whole_file(
                &pair[1].1,
                format!(
                    "period {} is also in {}: one file per period",
                    pair[1].0,
                    pair[0].1.display()
                ),
            ));
        }
    }
    if let Some((first, first_path)) = named.first()
        && let Some((other, path)) = named
            .iter()
            .find(|(p, _)| p.granularity != first.granularity)
    {
        diagnostics.push(Diagnostic::whole_file(
                path,
                format!(
                    "period {other} mixes granularities with {first} (in {}): all periods of a site are quarters, months or weeks",
                    first_path.display()
                ),
            ));
    }
}

// ---------------------------------------------------------------- content/posts/*.md

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    date: Spanned<String>,
    author: Option<String>,
    period: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    summary: Option<String>,
}

/// Returns the post and whether it is a draft.
fn parse_post(path: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<(Post, bool)> {
    let text = text.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("---\n") else {
        diagnostics.push(Diagnostic::new(path, 1, 1, "expected front matter: the file starts with a line `---`, then YAML (title, date, ...), then `---`"));
        return None;
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
    else {
        diagnostics.push(Diagnostic::new(
            path,
            1,
            1,
            "the front matter is not closed: add a line `---` after it",
        ));
        return None;
    };
    let yaml = &rest[..end + 1];
    let body = rest.get(end + 5..).unwrap_or("");
    let body_first_line = 2 + yaml.lines().count() as u64 + 1;
    let raw: RawFrontMatter = match parse_yaml(path, yaml, 1) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let before = diagnostics.len();
    let located = |s: &Spanned<String>, m: String| {
        Diagnostic::new(path, s.referenced.line() + 1, s.referenced.column(), m)
    };
    let date = Date::parse(&raw.date.value);
    if date.is_none() {
        diagnostics.push(located(
            &raw.date,
            format!(
                "expected a date such as 2026-08-14, found `{}`",
                raw.date.value
            ),
        ));
    }
    let period = raw
        .period
        .as_ref()
        .and_then(|p| match Period::parse(&p.value) {
            Ok(period) => Some(period),
            Err(m) => {
                diagnostics.push(located(p, m));
                None
            }
        });
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let slug = slugify(&stem);
    if slug.is_empty() {
        diagnostics.push(Diagnostic::whole_file(
            path,
            "the file name must contain letters or digits: it becomes the post's address",
        ));
    }
    let date = date?;
    (diagnostics.len() == before).then(|| {
        (
            Post {
                source: path.to_path_buf(),
                slug,
                title: raw.title,
                date,
                author: raw.author,
                period,
                tags: raw
                    .tags
                    .into_iter()
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect(),
                summary: raw.summary,
                period_at: raw
                    .period
                    .as_ref()
                    .map_or((0, 0), |p| (p.referenced.line() + 1, p.referenced.column())),
                body: body.to_string(),
                body_first_line,
            },
            raw.draft,
        )
    })
}

/// Newest first; a post's period must be one the site has data for.
fn check_posts(
    posts: &mut [(Post, bool)],
    periods: &[(Period, PathBuf)],
    diagnostics: &mut Diagnostics,
) {
    posts.sort_by(|(a, _), (b, _)| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    for (post, _) in posts.iter() {
        if let Some(period) = post.period
            && !periods.is_empty()
            && !periods.iter().any(|(p, _)| *p == period)
        {
            let (line, column) = post.period_at;
            diagnostics.push(Diagnostic::new(
                &post.source,
                line,
                column,
                format!("the post names period {period}, but there is no survey file for it in content/surveys/"),
            ));
        }
    }
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for (post, _) in posts.iter() {
        if let Some(first) = seen.insert(&post.slug, &post.source) {
            diagnostics.push(Diagnostic::whole_file(
                &post.source,
                format!(
                    "has the same address `posts/{}/` as {}: rename one of the files",
                    post.slug,
                    first.display()
                ),
            ));
        }
    }
}

/// The candidate nearest to `word` by edit distance, if it is a plausible typo of it.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let distance = |a: &str, b: &str| -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut previous = row[0];
            row[0] = i + 1;
            for (j, &cb) in b.iter().enumerate() {
                let substitute = previous + usize::from(ca != cb);
                previous = row[j + 1];
                row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
            }
        }
        row[b.len()]
    };
    candidates
        .map(|c| (distance(word, c), c))
        .filter(|&(d, c)| d <= 2.max(c.chars().count() / 4))
        .min()
        .map(|(_, c)| c)
}

/// A file- and URL-safe form of a name: lower-case ASCII letters, digits and `-`
/// (Finnish and Swedish letters become their base letter).
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Töölö service desk"), "toolo-service-desk");
        assert_eq!(slugify("  <script>  "), "script");
        assert_eq!(slugify("2026-Q3 review!"), "2026-q3-review");
    }

    #[test]
    fn friendly_messages() {
        assert_eq!(
            friendly_yaml_message(
                "duplicate mapping key: period, set DuplicateKeyPolicy in Options if acceptable at line 4, column 5"
            ),
            "duplicate key `period`: each key may appear only once here"
        );
        assert_eq!(
            friendly_yaml_message("invalid u64 at line 3, column 8"),
            "expected a whole number, 0 or more"
        );
    }
}
