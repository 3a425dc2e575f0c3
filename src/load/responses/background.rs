//! Background columns of an export (tenure, role, age band, …) and the `exit_date` column: the
//! mapping's `background` and `exit_date` keys, how a cell is put into a band, and the counts per
//! team × band. As everywhere in responses files, only counts are kept: a row adds one to its
//! team's band, and no cell of it stays in memory.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::mapping::{Column, Located, Mapping, NA_LABELS, RawColumn, Target, normalize};
use crate::diagnostics::Diagnostics;
use crate::framework::{Framework, Side};
use crate::load::yaml::{at, in_source_order};
use crate::model::{Answers, BandCounts, BandName, CutCounts, Date};

/// At most this many cuts per mapping and declared bands per cut: every cut multiplies the
/// counts kept per team, and a cut of many bands is hidden by the anonymity rule anyway.
const MAX_CUTS: usize = 8;
const MAX_BANDS: usize = 12;

/// `background: { tenure: { column: ..., bands: [1, 3, 10] } }` — one cut.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCut {
    column: Spanned<RawColumn>,
    /// What the pages call the cut ("role", "Rooli"); default: its name.
    label: Option<String>,
    /// Upper ends in years of every band but the last: `[1, 3, 10]` is < 1, 1–3, 3–10, 10+.
    bands: Option<Spanned<Vec<Spanned<f64>>>>,
    /// Band name → the export's labels that mean it.
    #[serde(default)]
    groups: HashMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// How one cut puts a cell into a band.
#[derive(Clone, Debug)]
pub enum CutKind {
    /// A number of years; the upper ends of every band but the last, increasing.
    Years(Vec<f64>),
    /// Labels (`normalize`d) → band.
    Groups {
        names: Vec<String>,
        by_text: HashMap<String, usize>,
    },
}

#[derive(Clone, Debug)]
pub struct Cut {
    pub name: String,
    pub label: String,
    pub column: Located<Column>,
    pub kind: CutKind,
}

impl Cut {
    /// Declared bands, "not stated" not included.
    pub fn bands(&self) -> usize {
        match &self.kind {
            CutKind::Years(upper) => upper.len() + 1,
            CutKind::Groups { names, .. } => names.len(),
        }
    }

    fn band_names(&self) -> Vec<BandName> {
        match &self.kind {
            CutKind::Years(upper) => (0..=upper.len())
                .map(|b| BandName::Years {
                    from: b.checked_sub(1).map(|p| upper[p]),
                    to: upper.get(b).copied(),
                })
                .collect(),
            CutKind::Groups { names, .. } => names.iter().cloned().map(BandName::Named).collect(),
        }
    }

    /// The band of one cell: blank or a no-answer label is "not stated" (`self.bands()`). On
    /// failure, what was expected.
    pub fn band_of(&self, cell: &str, buffer: &mut String) -> Result<usize, String> {
        let not_stated = self.bands();
        if cell.is_empty() {
            return Ok(not_stated);
        }
        buffer.clear();
        buffer.push_str(&normalize(cell));
        if NA_LABELS.contains(&buffer.as_str()) {
            return Ok(not_stated);
        }
        match &self.kind {
            CutKind::Years(upper) => {
                let years = cell
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|y| y.is_finite() && (0.0..100.0).contains(y));
                match years {
                    Some(y) => Ok(upper.iter().position(|&u| y < u).unwrap_or(upper.len())),
                    None => Err(
                        "a number of years from 0 (such as `2,5` or `2.5`), or blank when not stated"
                            .to_string(),
                    ),
                }
            }
            CutKind::Groups { names, by_text } => {
                by_text.get(buffer.as_str()).copied().ok_or_else(|| {
                    format!(
                        "a label listed under `groups` of `{}` (for {}), or blank when not stated",
                        self.name,
                        names.join(", ")
                    )
                })
            }
        }
    }
}

/// The mapping's background cuts and exit-date column.
#[derive(Clone, Debug, Default)]
pub struct Background {
    pub cuts: Vec<Cut>,
    pub exit_date: Option<Located<Column>>,
}

/// Whether an exit-date cell says the respondent has left: blank is no; a date (`2026-05-31`,
/// `31.5.2026`) is yes. On failure, what was expected.
pub fn has_left(cell: &str) -> Result<bool, String> {
    if cell.is_empty() {
        return Ok(false);
    }
    let finnish = || {
        let mut parts = cell.split('.');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || d.len() > 2 || m.len() > 2 {
            return None;
        }
        Date::parse(&format!("{y}-{m:0>2}-{d:0>2}"))
    };
    match Date::parse(cell).or_else(finnish) {
        Some(_) => Ok(true),
        None => {
            Err("a date (2026-05-31 or 31.5.2026), or blank for someone who has not left".into())
        }
    }
}

/// Checks `background` and `exit_date` of a mapping.
pub(super) fn parse(
    path: &Path,
    side: Side,
    raw: HashMap<Spanned<String>, Spanned<RawCut>>,
    exit_date: Option<Spanned<RawColumn>>,
    diagnostics: &mut Diagnostics,
) -> Background {
    let mut out = Background::default();
    if side == Side::Cx {
        if let Some((name, _)) = in_source_order(raw).into_iter().next() {
            diagnostics.push(at(path, &name, "background groups belong to the employee survey (`side: ex`); customers are not broken down by background"));
        }
        if let Some(e) = &exit_date {
            diagnostics.push(at(
                path,
                e,
                "`exit_date` belongs to the employee survey (`side: ex`)",
            ));
        }
        return out;
    }
    let entries = in_source_order(raw);
    if let Some((name, _)) = entries.get(MAX_CUTS) {
        diagnostics.push(at(
            path,
            name,
            format!("at most {MAX_CUTS} background cuts can be read from one export"),
        ));
    }
    for (name, cut) in entries.into_iter().take(MAX_CUTS) {
        let well_named = name.value.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_named {
            diagnostics.push(at(
                path,
                &name,
                format!("background cut `{}`: expected a name in lower case letters, digits and `_`, such as `tenure` or `age_band`", name.value),
            ));
            continue;
        }
        let whole = cut.referenced;
        let RawCut {
            column,
            label,
            bands,
            groups,
        } = cut.value;
        let kind = match (bands, groups.is_empty()) {
            (Some(bands), true) => {
                let upper: Vec<f64> = bands.value.iter().map(|b| b.value).collect();
                let increasing = upper.windows(2).all(|w| w[0] < w[1]);
                let positive = upper
                    .iter()
                    .all(|u| u.is_finite() && *u > 0.0 && *u < 100.0);
                if upper.is_empty() || upper.len() >= MAX_BANDS || !increasing || !positive {
                    diagnostics.push(at(
                        path,
                        &bands,
                        format!("`{}`: bands: expected 1 to {} increasing numbers of years above 0, the upper ends of every band but the last (`[1, 3, 10]` is < 1, 1–3, 3–10 and 10 or more)", name.value, MAX_BANDS - 1),
                    ));
                    continue;
                }
                CutKind::Years(upper)
            }
            (None, false) => {
                let mut names = Vec::new();
                let mut by_text = HashMap::new();
                let mut ok = true;
                for (band, labels) in in_source_order(groups) {
                    if labels.is_empty() {
                        diagnostics.push(at(
                            path,
                            &band,
                            format!(
                                "`{}`: group `{}` lists no label of the export",
                                name.value, band.value
                            ),
                        ));
                        ok = false;
                    }
                    for label in labels {
                        let key = normalize(&label.value);
                        if NA_LABELS.contains(&key.as_str()) {
                            diagnostics.push(at(
                                path,
                                &label,
                                format!("`{}` means \"not stated\" in every export; it cannot name a group", label.value),
                            ));
                            ok = false;
                        } else if by_text.insert(key, names.len()).is_some() {
                            diagnostics.push(at(
                                path,
                                &label,
                                format!(
                                    "label `{}` is in two groups of `{}`",
                                    label.value, name.value
                                ),
                            ));
                            ok = false;
                        }
                    }
                    names.push(band.value);
                }
                if names.len() < 2 || names.len() > MAX_BANDS {
                    diagnostics.push(at(
                        path,
                        &name,
                        format!("`{}`: expected 2 to {MAX_BANDS} groups", name.value),
                    ));
                    ok = false;
                }
                if !ok {
                    continue;
                }
                CutKind::Groups { names, by_text }
            }
            _ => {
                diagnostics.push(crate::diagnostics::Diagnostic::new(
                    path,
                    whole.line(),
                    whole.column(),
                    format!("background cut `{}`: give either `bands` (numbers of years, such as tenure: `bands: [1, 3, 10]`) or `groups` (group name → the export's labels), not both or neither", name.value),
                ));
                continue;
            }
        };
        out.cuts.push(Cut {
            label: label.unwrap_or_else(|| name.value.clone()),
            name: name.value,
            column: Located {
                line: column.referenced.line(),
                column: column.referenced.column(),
                value: column.value.0,
            },
            kind,
        });
    }
    out.exit_date = exit_date.map(|e| Located {
        line: e.referenced.line(),
        column: e.referenced.column(),
        value: e.value.0,
    });
    out
}

/// The respondents of one team in one band, per mapping question.
#[derive(Clone, Debug)]
pub struct BandTally {
    pub responses: u64,
    pub leavers: u64,
    pub answers: Vec<Answers>,
}

/// Per cut, per unit (only teams with a row), per band ("not stated" last).
pub type CutTally = Vec<Vec<Option<Vec<BandTally>>>>;

/// Adds one used row: its band in every cut, its answers, whether it has left.
pub fn add_row(
    tally: &mut CutTally,
    mapping: &Mapping,
    unit: usize,
    bands: &[usize],
    answers: &[super::mapping::Answer],
    left: bool,
) {
    for ((cut, per_unit), &band) in mapping
        .background
        .cuts
        .iter()
        .zip(tally.iter_mut())
        .zip(bands)
    {
        let row = per_unit[unit].get_or_insert_with(|| {
            (0..=cut.bands())
                .map(|_| BandTally {
                    responses: 0,
                    leavers: 0,
                    answers: mapping
                        .questions
                        .iter()
                        .map(|q| Answers::zero(usize::from(q.highest - q.lowest) + 1))
                        .collect(),
                })
                .collect()
        });
        let cell = &mut row[band];
        cell.responses += 1;
        cell.leavers += u64::from(left);
        for ((counts, answer), question) in
            cell.answers.iter_mut().zip(answers).zip(&mapping.questions)
        {
            match *answer {
                super::mapping::Answer::NotApplicable => counts.na += 1,
                super::mapping::Answer::Point(p) => {
                    counts.counts[usize::from(p - question.lowest)] += 1
                }
            }
        }
    }
}

/// The cut counts as the model holds them: answers by framework item, eNPS apart.
pub fn to_model(mapping: &Mapping, tally: CutTally, framework: &Framework) -> Vec<CutCounts> {
    let points: Vec<usize> = framework
        .items(Side::Ex)
        .map(|i| usize::from(i.scale.points))
        .collect();
    mapping
        .background
        .cuts
        .iter()
        .zip(tally)
        .map(|(cut, per_unit)| CutCounts {
            name: cut.name.clone(),
            label: cut.label.clone(),
            bands: cut.band_names(),
            leavers_known: mapping.background.exit_date.is_some(),
            teams: per_unit
                .into_iter()
                .enumerate()
                .filter_map(|(unit, row)| Some((unit, row?)))
                .map(|(unit, row)| {
                    let bands = row
                        .into_iter()
                        .map(|band| {
                            let mut counts = BandCounts {
                                responses: band.responses,
                                leavers: band.leavers,
                                enps: Answers::zero(11),
                                items: points.iter().map(|&p| Answers::zero(p)).collect(),
                            };
                            for (question, answers) in mapping.questions.iter().zip(band.answers) {
                                match question.target {
                                    Target::Score => counts.enps = answers,
                                    Target::Item(i) => counts.items[i] = answers,
                                }
                            }
                            counts
                        })
                        .collect();
                    (unit, bands)
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(upper: &[f64]) -> Cut {
        Cut {
            name: "tenure".into(),
            label: "tenure".into(),
            column: Located {
                value: Column::Position(1),
                line: 1,
                column: 1,
            },
            kind: CutKind::Years(upper.to_vec()),
        }
    }

    #[test]
    fn years_fall_into_bands_with_the_upper_end_excluded() {
        let cut = years(&[1.0, 3.0, 10.0]);
        let mut b = String::new();
        let band = |c: &str, b: &mut String| cut.band_of(c, b);
        assert_eq!(band("0", &mut b), Ok(0));
        assert_eq!(band("0,5", &mut b), Ok(0));
        assert_eq!(band("1", &mut b), Ok(1));
        assert_eq!(band("2.9", &mut b), Ok(1));
        assert_eq!(band("3", &mut b), Ok(2));
        assert_eq!(band("10", &mut b), Ok(3));
        assert_eq!(band("41", &mut b), Ok(3));
        assert_eq!(band("", &mut b), Ok(4));
        assert_eq!(band("En halua vastata", &mut b), Ok(4));
        assert!(band("-1", &mut b).is_err());
        assert!(band("kaksi", &mut b).is_err());
    }

    #[test]
    fn exit_dates_in_iso_and_finnish_form() {
        assert_eq!(has_left(""), Ok(false));
        assert_eq!(has_left("2026-05-31"), Ok(true));
        assert_eq!(has_left("31.5.2026"), Ok(true));
        assert!(has_left("31.2.2026").is_err());
        assert!(has_left("kyllä").is_err());
    }
}
