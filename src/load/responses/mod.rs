//! Responses files: a period's EX or CX results read from a survey tool's export (one row per
//! respondent, CSV or `.xlsx`) through a mapping file, instead of from answer counts.
//!
//! A survey file names the export and the mapping under `ex_responses` / `cx_responses`. The
//! export is streamed row by row ([`csv`], [`xlsx`]), each row adds to its team's counts
//! ([`tally`]), and the counts are then checked by the same rules as a counts file, so the model
//! cannot tell where they came from. Only counts leave this module: no respondent id, e-mail,
//! timestamp or other cell is kept.

pub mod background;
mod csv;
pub mod mapping;
pub mod tally;
mod xlsx;

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::{Framework, Side};
use crate::load::reader::SiteReader;
use crate::load::survey::{KeyMap, RawAnswers, RawCx, RawEx, check_cx, check_ex, resolve_leaf};
use crate::load::yaml::at;
use crate::model::{CxResult, ExResult, ResponsesFile, UnitTree};
use crate::period::Period;
use mapping::{Mapping, Target};
use tally::Tally;

/// Whether a reader of records should go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// An export as a stream of records: a CSV file or an Excel sheet.
pub trait RecordSource {
    /// Calls `each` with every record in order: its line (CSV) or row (Excel) and its fields.
    /// An error is a problem with the whole file (encoding, a broken quote, a damaged workbook).
    fn for_each_record(
        &mut self,
        each: &mut dyn FnMut(u64, &[String]) -> Flow,
    ) -> Result<(), Diagnostic>;
    /// What the file was read as, for the summary ("CSV, semicolon-separated, Windows-1252").
    fn description(&self) -> String;
}

/// `ex_responses:` / `cx_responses:` in a survey file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawResponses {
    file: Spanned<String>,
    mapping: Spanned<String>,
    /// EX only: people asked to answer, per team (the export knows only who answered).
    #[serde(default)]
    invited: HashMap<Spanned<String>, Spanned<u64>>,
    #[serde(default)]
    headcount: HashMap<Spanned<String>, Spanned<f64>>,
    #[serde(default)]
    leavers: HashMap<Spanned<String>, Spanned<u64>>,
}

/// One side of a period read from an export.
pub(super) struct SideRead<T> {
    /// Indexed by unit; Some for every team the export or `invited` names.
    pub results: Vec<Option<T>>,
    pub file: ResponsesFile,
    pub warnings: Vec<Diagnostic>,
    /// EX only: the background cuts' counts per team × band.
    pub background: Vec<crate::model::CutCounts>,
    /// EX only, when the mapping has comment columns.
    pub comments: Option<crate::model::PeriodComments>,
}

/// Opens an export by its extension and counts it with `mapping`.
pub fn read_export(
    shown: &Path,
    canonical: &Path,
    mapping: &Mapping,
    units: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Tally> {
    let extension = shown
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let mut source: Box<dyn RecordSource> = match extension.as_str() {
        "csv" | "tsv" | "txt" => match csv::CsvRecords::open(shown, canonical) {
            Ok(s) => Box::new(s),
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        },
        "xlsx" | "xlsm" => {
            match xlsx::XlsxRecords::open(shown, canonical, mapping.sheet.as_ref(), &mapping.path) {
                Ok(s) => Box::new(s),
                Err(d) => {
                    diagnostics.push(d);
                    return None;
                }
            }
        }
        "xls" => {
            diagnostics.push(Diagnostic::whole_file(
                shown,
                "this is the old Excel format (.xls): open it in Excel and save it as .xlsx or CSV UTF-8",
            ));
            return None;
        }
        other => {
            diagnostics.push(Diagnostic::whole_file(
                shown,
                format!("kolikko reads exports as .csv or .xlsx, not `.{other}`"),
            ));
            return None;
        }
    };
    tally::count(shown, source.as_mut(), mapping, units, diagnostics)
}

/// Reads the mapping and the export named by a survey's `ex_responses`/`cx_responses`.
fn read_side(
    survey: &Path,
    raw: &Spanned<RawResponses>,
    side: Side,
    reader: &SiteReader,
    framework: &Framework,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> Option<(Mapping, Tally, ResponsesFile)> {
    let folder = survey.parent().unwrap_or(Path::new("."));
    let mapping_path = join_plainly(folder, &raw.value.mapping.value);
    let export_path = join_plainly(folder, &raw.value.file.value);
    let mapping = match reader.read_text(&mapping_path) {
        Ok(text) => mapping::parse_mapping(&mapping_path, &text, framework, units, diagnostics)?,
        Err(d) => {
            let shown = mapping_path.display();
            diagnostics.push(at(
                survey,
                &raw.value.mapping,
                format!("mapping {shown}: {}", d.message),
            ));
            return None;
        }
    };
    let key = if side == Side::Ex {
        "ex_responses"
    } else {
        "cx_responses"
    };
    if mapping.side != side {
        diagnostics.push(at(
            survey,
            &raw.value.mapping,
            format!(
                "{} is a mapping for the other survey (its `side` is not the one of `{key}`)",
                mapping_path.display()
            ),
        ));
        return None;
    }
    let canonical = match reader.check(&export_path) {
        Ok(c) => c,
        Err(d) => {
            let shown = export_path.display();
            diagnostics.push(at(
                survey,
                &raw.value.file,
                format!("{shown}: {}", d.message),
            ));
            return None;
        }
    };
    let tally = read_export(&export_path, &canonical, &mapping, units.len(), diagnostics)?;
    let file = ResponsesFile {
        period: None,
        side,
        file: export_path,
        canonical,
        mapping: mapping_path,
        units: Vec::new(),
        summary: tally.summary.clone(),
    };
    Some((mapping, tally, file))
}

/// `folder` joined with a relative path, `..` taken off by hand so messages show
/// `content/mappings/ex.yaml`, not `content/surveys/../mappings/ex.yaml`. (Whether the file
/// stays inside the site is checked on the real path, after links.)
fn join_plainly(folder: &Path, relative: &str) -> PathBuf {
    use std::path::Component;
    let mut out = folder.to_path_buf();
    for part in Path::new(relative).components() {
        match part {
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn respondents(n: u64) -> String {
    if n == 1 {
        "1 respondent".to_string()
    } else {
        format!("{n} respondents")
    }
}

/// A value computed from the export, located at `where_` for the checks shared with counts files.
fn located<T>(value: T, where_: &Location) -> Spanned<T> {
    Spanned::new(value, *where_, *where_)
}

/// The eNPS/NPS answers and the items' answers of one team, as a counts file gives them.
type ScoreAndItems = (Option<Spanned<RawAnswers>>, KeyMap<Spanned<RawAnswers>>);

/// The team's counts as the raw answers of a counts file, keyed by item id.
fn as_raw_answers(
    team: &tally::TeamTally,
    mapping: &Mapping,
    framework: &Framework,
    side: Side,
    at: &Location,
) -> ScoreAndItems {
    let ids: Vec<&str> = framework.items(side).map(|i| i.id.as_str()).collect();
    let mut score = None;
    let mut items = KeyMap::default();
    for (question, answers) in mapping.questions.iter().zip(&team.answers) {
        match question.target {
            Target::Score => score = Some(located(RawAnswers(answers.clone()), at)),
            Target::Item(index) => {
                items.insert(
                    located(ids[index].to_string(), at),
                    located(RawAnswers(answers.clone()), at),
                );
            }
        }
    }
    (score, items)
}

/// A per-team map of the survey file, by unit, in source order; unknown teams are errors.
fn by_unit<T: Clone>(
    survey: &Path,
    map: &HashMap<Spanned<String>, Spanned<T>>,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> HashMap<usize, (Spanned<String>, Spanned<T>)> {
    let mut out = HashMap::new();
    for (id, value) in crate::load::yaml::in_source_order(map.clone()) {
        if let Some(unit) = resolve_leaf(survey, &id, units, diagnostics) {
            out.insert(unit, (id, value));
        }
    }
    out
}

/// `ex_responses`: the teams' EX results from an export plus the survey file's invited counts.
pub(super) fn read_ex(
    survey: &Path,
    raw: &Spanned<RawResponses>,
    reader: &SiteReader,
    framework: &Framework,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> Option<SideRead<ExResult>> {
    let (mapping, mut tally, mut file) =
        read_side(survey, raw, Side::Ex, reader, framework, units, diagnostics)?;
    let before = diagnostics.len();
    let background =
        background::to_model(&mapping, std::mem::take(&mut tally.background), framework);
    let invited = by_unit(survey, &raw.value.invited, units, diagnostics);
    let mut headcount = by_unit(survey, &raw.value.headcount, units, diagnostics);
    let mut leavers = by_unit(survey, &raw.value.leavers, units, diagnostics);
    let mut results = vec![None; units.len()];
    let empty = tally::TeamTally {
        responses: 0,
        answers: mapping
            .questions
            .iter()
            .map(|q| crate::model::Answers::zero(usize::from(q.highest - q.lowest) + 1))
            .collect(),
        comments: Vec::new(),
    };
    for (unit, result) in results.iter_mut().enumerate() {
        let team = tally.teams[unit].as_ref();
        let Some(team) = team.or(invited.contains_key(&unit).then_some(&empty)) else {
            continue;
        };
        let Some((id, invited)) = invited.get(&unit) else {
            diagnostics.push(at(
                survey,
                &raw.value.file,
                format!(
                    "team `{}` has {} in {}, but no `invited` count: add `{}: N` (the people asked to answer) under `ex_responses: invited:`",
                    units.units[unit].id,
                    respondents(team.responses),
                    file.file.display(),
                    units.units[unit].id
                ),
            ));
            continue;
        };
        if team.responses > invited.value {
            diagnostics.push(at(
                survey,
                invited,
                format!(
                    "team `{}` has {} in {}, more than the {} invited",
                    id.value,
                    respondents(team.responses),
                    file.file.display(),
                    invited.value
                ),
            ));
            continue;
        }
        let where_ = invited.referenced;
        let (enps, items) = as_raw_answers(team, &mapping, framework, Side::Ex, &where_);
        let raw_ex = RawEx {
            invited: invited.clone(),
            responses: located(team.responses, &where_),
            headcount: headcount.remove(&unit).map(|(_, h)| h),
            leavers: leavers.remove(&unit).map(|(_, l)| l),
            enps,
            items,
        };
        *result = check_ex(survey, raw_ex, framework, diagnostics);
        file.units.push(unit);
    }
    let mut left: Vec<&Spanned<String>> = headcount
        .values()
        .map(|(id, _)| id)
        .chain(leavers.values().map(|(id, _)| id))
        .collect();
    left.sort_by_key(|id| (id.referenced.line(), id.referenced.column()));
    for id in left {
        diagnostics.push(at(
            survey,
            id,
            format!("team `{}` has no respondents in {} and no `invited` count, so there is nothing to give its headcount or leavers for", id.value, file.file.display()),
        ));
    }
    let comments =
        (!mapping.comments.is_empty()).then(|| comments_of(tally.teams, tally.comment_questions));
    (diagnostics.len() == before).then_some(SideRead {
        results,
        file,
        warnings: tally.warnings,
        background,
        comments,
    })
}

/// The comments of an export's teams, with how many respondents each team had.
fn comments_of(
    teams: Vec<Option<tally::TeamTally>>,
    questions: Vec<String>,
) -> crate::model::PeriodComments {
    let mut respondents = vec![0; teams.len()];
    let mut texts = vec![Vec::new(); teams.len()];
    for (unit, team) in teams.into_iter().enumerate() {
        if let Some(team) = team {
            respondents[unit] = team.responses;
            texts[unit] = team.comments;
        }
    }
    crate::model::PeriodComments {
        questions,
        respondents,
        texts,
    }
}

/// `cx_responses`: the teams' CX results from an export.
pub(super) fn read_cx(
    survey: &Path,
    raw: &Spanned<RawResponses>,
    reader: &SiteReader,
    framework: &Framework,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> Option<SideRead<CxResult>> {
    for (key, map_empty) in [
        ("invited", raw.value.invited.is_empty()),
        ("headcount", raw.value.headcount.is_empty()),
        ("leavers", raw.value.leavers.is_empty()),
    ] {
        if !map_empty {
            diagnostics.push(at(
                survey,
                &raw.value.file,
                format!(
                    "`{key}` belongs to the employee survey (`ex_responses`), not `cx_responses`"
                ),
            ));
            return None;
        }
    }
    let (mapping, tally, mut file) =
        read_side(survey, raw, Side::Cx, reader, framework, units, diagnostics)?;
    let before = diagnostics.len();
    let mut results = vec![None; units.len()];
    let where_ = raw.value.file.referenced;
    for (unit, team) in tally.teams.iter().enumerate() {
        let Some(team) = team else { continue };
        let (nps, items) = as_raw_answers(team, &mapping, framework, Side::Cx, &where_);
        let raw_cx = RawCx {
            responses: located(team.responses, &where_),
            nps,
            items,
        };
        results[unit] = check_cx(survey, raw_cx, framework, diagnostics);
        file.units.push(unit);
    }
    (diagnostics.len() == before).then_some(SideRead {
        results,
        file,
        warnings: tally.warnings,
        background: Vec::new(),
        comments: None,
    })
}

/// Puts one side read from an export beside the teams the survey file gives as counts; a team
/// given both ways is an error.
pub(super) fn merge<T>(
    survey: &Path,
    key: &Spanned<RawResponses>,
    counts: &mut [Option<T>],
    read: SideRead<T>,
    units: &UnitTree,
    (files, warnings): (&mut Vec<ResponsesFile>, &mut Vec<Diagnostic>),
    diagnostics: &mut Diagnostics,
) {
    for (unit, result) in read.results.into_iter().enumerate() {
        let Some(result) = result else { continue };
        if counts[unit].is_some() {
            diagnostics.push(at(
                survey,
                &key.value.file,
                format!(
                    "team `{}` has counts in this file and respondents in {}: give each team's results one way",
                    units.units[unit].id,
                    read.file.file.display()
                ),
            ));
        } else {
            counts[unit] = Some(result);
        }
    }
    files.push(read.file);
    warnings.extend(read.warnings);
}

/// Files under content/surveys/ that no step reads: survey files are `.yaml`/`.yml` directly in
/// the folder, exports and mappings are read when a survey file names them. Anything else there
/// is probably meant to be read, so each is a warning naming it (hidden files and Excel's `~$`
/// lock files excepted).
pub(super) fn unread_files(surveys: &Path, read: &[ResponsesFile]) -> Vec<Diagnostic> {
    let mut used: Vec<PathBuf> = Vec::new();
    for file in read {
        used.push(file.canonical.clone());
        used.extend(std::fs::canonicalize(&file.mapping));
    }
    let mut warnings = Vec::new();
    for entry in walkdir::WalkDir::new(surveys)
        .min_depth(1)
        .max_depth(8)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let path = entry.path();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let survey_file = entry.depth() == 1 && matches!(extension, "yaml" | "yml");
        if survey_file || std::fs::canonicalize(path).is_ok_and(|c| used.contains(&c)) {
            continue;
        }
        let why = match extension.to_ascii_lowercase().as_str() {
            "csv" | "xlsx" | "tsv" | "txt" | "xls" | "xlsm" => {
                "is not read: no survey file names it; to use this export, name it under `ex_responses` or `cx_responses` of a survey file with a mapping (see docs/format.md)".to_string()
            }
            "yaml" | "yml" if entry.depth() == 1 => format!(
                "is not read: survey files end in .yaml or .yml in lower case; rename it to {}",
                path.with_extension(extension.to_ascii_lowercase()).display()
            ),
            "yaml" | "yml" => "is not read: survey files lie directly in content/surveys/, and no survey file names this one as a mapping".to_string(),
            "md" | "markdown" => "is not read: posts go in content/posts/ and end in .md".to_string(),
            _ => "is not read: content/surveys/ holds survey files (.yaml) and the exports and mappings they name".to_string(),
        };
        warnings.push(Diagnostic::whole_file(path, why));
    }
    warnings
}

// ---------------------------------------------------------------- kolikko import

fn write_counts(out: &mut String, key: &str, answers: &crate::model::Answers) {
    let counts: Vec<String> = answers.counts.iter().map(u64::to_string).collect();
    if answers.na == 0 {
        let _ = writeln!(out, "{key}[{}]", counts.join(", "));
    } else {
        let _ = writeln!(
            out,
            "{key}{{ counts: [{}], na: {} }}",
            counts.join(", "),
            answers.na
        );
    }
}

/// The YAML of a survey file holding `results` of the teams `units` (in tree order): what
/// `kolikko import` prints.
pub fn survey_yaml(
    period: &str,
    side: Side,
    teams: &[usize],
    ex: &[Option<ExResult>],
    cx: &[Option<CxResult>],
    units: &UnitTree,
    framework: &Framework,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "period: {period}");
    let ids: Vec<&str> = framework.items(side).map(|i| i.id.as_str()).collect();
    let mut teams = teams.to_vec();
    teams.sort_unstable();
    let item_lines = |out: &mut String, items: &[Option<crate::model::Answers>]| {
        if items.iter().any(Option::is_some) {
            let _ = writeln!(out, "    items:");
            for (id, answers) in ids.iter().zip(items) {
                if let Some(answers) = answers {
                    write_counts(out, &format!("      {id}: "), answers);
                }
            }
        }
    };
    match side {
        Side::Ex => {
            let _ = writeln!(out, "ex:");
            for &unit in &teams {
                let Some(r) = &ex[unit] else { continue };
                let _ = writeln!(out, "  {}:", units.units[unit].id);
                let _ = writeln!(out, "    invited: {}", r.invited);
                let _ = writeln!(out, "    responses: {}", r.responses);
                if let Some(h) = r.headcount {
                    let _ = writeln!(out, "    headcount: {h}");
                }
                if let Some(l) = r.leavers {
                    let _ = writeln!(out, "    leavers: {l}");
                }
                if let Some(e) = &r.enps {
                    write_counts(&mut out, "    enps: ", e);
                }
                item_lines(&mut out, &r.items);
            }
        }
        Side::Cx => {
            let _ = writeln!(out, "cx:");
            for &unit in &teams {
                let Some(r) = &cx[unit] else { continue };
                let _ = writeln!(out, "  {}:", units.units[unit].id);
                let _ = writeln!(out, "    responses: {}", r.responses);
                if let Some(n) = &r.nps {
                    write_counts(&mut out, "    nps: ", n);
                }
                item_lines(&mut out, &r.items);
            }
        }
    }
    out
}

/// `kolikko import FILE --mapping M`: reads `export` with `mapping` for the site `site` and
/// returns the survey YAML and the read summary. When a survey file of the site names this
/// export with this mapping, its period and invited counts are used, so the YAML is exactly
/// what the build reads; otherwise `period` must be given, and invited is set to the number of
/// respondents (said in a comment at the top).
pub fn import(
    site: &crate::model::Site,
    export: &Path,
    mapping_path: &Path,
    period: Option<&str>,
) -> Result<(String, crate::model::ReadSummary), Diagnostics> {
    let canonical = std::fs::canonicalize(export).map_err(|e| {
        Diagnostics::from(Diagnostic::whole_file(
            export,
            format!("cannot open the file: {e}"),
        ))
    })?;
    let canonical_mapping = std::fs::canonicalize(mapping_path).map_err(|e| {
        Diagnostics::from(Diagnostic::whole_file(
            mapping_path,
            format!("cannot open the file: {e}"),
        ))
    })?;
    let built = site.responses.iter().find(|f| {
        f.canonical == canonical
            && std::fs::canonicalize(&f.mapping).is_ok_and(|m| m == canonical_mapping)
    });
    if let Some(file) = built
        && let Some(p) = file.period
        && let Some(survey) = site.periods.iter().find(|s| s.period == p)
    {
        if period.is_some_and(|wanted| Period::parse(wanted).ok() != Some(p)) {
            return Err(Diagnostic::whole_file(
                export,
                format!("--period differs from the period {p} the site's survey file reads this export for"),
            )
            .into());
        }
        let yaml = survey_yaml(
            &p.to_string(),
            file.side,
            &file.units,
            &survey.ex,
            &survey.cx,
            &site.units,
            &site.framework,
        );
        let header = format!(
            "# Computed by kolikko import from {} with {}, as `kolikko build` reads it for {}.\n",
            file.file.display(),
            file.mapping.display(),
            survey.source.display()
        );
        return Ok((header + &yaml, file.summary.clone()));
    }
    let Some(period) = period else {
        return Err(Diagnostic::whole_file(
            export,
            "no survey file of the site reads this export with this mapping: give the period with --period (e.g. --period 2026-Q3)",
        )
        .into());
    };
    let mut diagnostics = Diagnostics::default();
    let parsed = Period::parse(period)
        .map_err(|m| Diagnostics::from(Diagnostic::whole_file(Path::new("--period"), m)))?;
    let text = std::fs::read_to_string(mapping_path).map_err(|e| {
        Diagnostics::from(Diagnostic::whole_file(
            mapping_path,
            format!("cannot read the file: {e}"),
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mapping = mapping::parse_mapping(
        mapping_path,
        text,
        &site.framework,
        &site.units,
        &mut diagnostics,
    );
    let tally = mapping
        .as_ref()
        .and_then(|m| read_export(export, &canonical, m, site.units.len(), &mut diagnostics));
    let (Some(mapping), Some(tally)) = (mapping, tally) else {
        return Err(diagnostics);
    };
    let mut ex = vec![None; site.units.len()];
    let mut cx = vec![None; site.units.len()];
    let mut teams = Vec::new();
    let where_ = Location::UNKNOWN;
    for (unit, team) in tally.teams.iter().enumerate() {
        let Some(team) = team else { continue };
        teams.push(unit);
        let (score, items) = as_raw_answers(team, &mapping, &site.framework, mapping.side, &where_);
        match mapping.side {
            Side::Ex => {
                ex[unit] = check_ex(
                    mapping_path,
                    RawEx {
                        invited: located(team.responses, &where_),
                        responses: located(team.responses, &where_),
                        headcount: None,
                        leavers: None,
                        enps: score,
                        items,
                    },
                    &site.framework,
                    &mut diagnostics,
                );
            }
            Side::Cx => {
                cx[unit] = check_cx(
                    mapping_path,
                    RawCx {
                        responses: located(team.responses, &where_),
                        nps: score,
                        items,
                    },
                    &site.framework,
                    &mut diagnostics,
                );
            }
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let header = if mapping.side == Side::Ex {
        format!(
            "# Computed by kolikko import from {} with {}.\n# invited is set to the number of respondents: replace it with the number of people asked.\n",
            export.display(),
            mapping_path.display()
        )
    } else {
        format!(
            "# Computed by kolikko import from {} with {}.\n",
            export.display(),
            mapping_path.display()
        )
    };
    let yaml = survey_yaml(
        &parsed.to_string(),
        mapping.side,
        &teams,
        &ex,
        &cx,
        &site.units,
        &site.framework,
    );
    Ok((header + &yaml, tally.summary))
}
