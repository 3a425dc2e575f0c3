//! From rows to answer counts: the header is matched with the mapping, then each respondent row
//! adds one to a count per question of its team. Only the counts are kept, so memory grows with
//! teams × questions, never with rows; no cell other than the team and the answers is kept.

use std::collections::HashMap;
use std::path::Path;

use super::mapping::{Answer, Column, Located, Mapping, normalize};
use super::{Flow, RecordSource};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Answers, ReadSummary};

/// After this many problems in one file, the rest are only counted: a wrong mapping would
/// otherwise print one message per row of a large export.
const MAX_ROW_ERRORS: usize = 20;

/// The counts of one team.
#[derive(Clone, Debug)]
pub struct TeamTally {
    pub responses: u64,
    /// One per mapping question, in the mapping's order.
    pub answers: Vec<Answers>,
    /// One per comment column of the mapping: the non-blank cells of the rows counted.
    pub comments: Vec<Vec<String>>,
}

/// Everything read from one export.
pub struct Tally {
    pub summary: ReadSummary,
    /// Indexed by unit; only teams that had a row (or none) carry counts.
    pub teams: Vec<Option<TeamTally>>,
    /// Accepted but probably not meant: an `ignore` entry the export does not have.
    pub warnings: Vec<Diagnostic>,
    /// Per background cut of the mapping: the counts per team × band.
    pub background: super::background::CutTally,
    /// Per comment column of the mapping: its question (`question:`, or the column's header).
    pub comment_questions: Vec<String>,
}

/// Where each mapped thing is in the export's rows (0-based).
struct Layout {
    team: usize,
    questions: Vec<usize>,
    comments: Vec<usize>,
    width: usize,
    names: Vec<String>,
    /// Background cuts' columns, then the exit-date column.
    background: Vec<usize>,
    exit: Option<usize>,
}

enum Stage {
    /// Waiting for the header row.
    Header,
    /// Header read; holding rows 2 and 3 until it is clear whether they are Qualtrics' extra
    /// header rows.
    Sniffing(Vec<(u64, Vec<String>)>),
    /// Skipping this many more header rows (from `header_rows`).
    Skipping(u64),
    Data,
}

struct Counter<'m> {
    path: &'m Path,
    mapping: &'m Mapping,
    stage: Stage,
    layout: Option<Layout>,
    teams: Vec<Option<TeamTally>>,
    summary: ReadSummary,
    errors: Vec<Diagnostic>,
    more_errors: u64,
    warnings: Vec<Diagnostic>,
    /// A fatal problem (the header does not fit the mapping): stop reading.
    failed: bool,
    buffer: String,
    row_answers: Vec<Answer>,
    background: super::background::CutTally,
    row_bands: Vec<usize>,
}

/// Reads every row of `source` and counts the answers per team.
pub fn count(
    path: &Path,
    source: &mut dyn RecordSource,
    mapping: &Mapping,
    units: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Tally> {
    let mut counter = Counter {
        path,
        mapping,
        stage: Stage::Header,
        layout: None,
        teams: vec![None; units],
        summary: ReadSummary {
            file: path.to_path_buf(),
            ..ReadSummary::default()
        },
        errors: Vec::new(),
        more_errors: 0,
        warnings: Vec::new(),
        failed: false,
        buffer: String::new(),
        row_answers: Vec::with_capacity(mapping.questions.len()),
        background: vec![vec![None; units]; mapping.background.cuts.len()],
        row_bands: Vec::with_capacity(mapping.background.cuts.len()),
    };
    let result = source.for_each_record(&mut |line, fields| counter.record(line, fields));
    if let Stage::Sniffing(held) = std::mem::replace(&mut counter.stage, Stage::Data) {
        for (line, fields) in held {
            counter.data_row(line, &fields);
        }
    }
    counter.summary.format = source.description();
    let mut ok = counter.errors.is_empty() && !counter.failed;
    if let Err(d) = result {
        diagnostics.push(d);
        ok = false;
    }
    if matches!(counter.stage, Stage::Header) && ok {
        diagnostics.push(Diagnostic::whole_file(
            path,
            "the export has no rows: expected a header row with the column names, then one row per respondent",
        ));
        ok = false;
    }
    for e in counter.errors {
        diagnostics.push(e);
    }
    if counter.more_errors > 0 {
        diagnostics.push(Diagnostic::whole_file(
            path,
            format!(
                "and {} more rows with problems like those above (only the first {MAX_ROW_ERRORS} are shown)",
                counter.more_errors
            ),
        ));
    }
    let comment_questions = match &counter.layout {
        Some(layout) => mapping
            .comments
            .iter()
            .zip(&layout.comments)
            .map(|(c, &i)| {
                c.question
                    .clone()
                    .unwrap_or_else(|| layout.names[i].clone())
            })
            .collect(),
        None => Vec::new(),
    };
    ok.then_some(Tally {
        summary: counter.summary,
        teams: counter.teams,
        warnings: counter.warnings,
        background: counter.background,
        comment_questions,
    })
}

impl Counter<'_> {
    fn record(&mut self, line: u64, fields: &[String]) -> Flow {
        match &mut self.stage {
            Stage::Header => {
                self.summary.header_rows = 1;
                self.layout = self.resolve(line, fields);
                if self.layout.is_none() {
                    self.failed = true;
                    return Flow::Stop;
                }
                self.stage = match self.mapping.header_rows {
                    Some(1) => Stage::Data,
                    Some(n) => Stage::Skipping(n - 1),
                    None => Stage::Sniffing(Vec::new()),
                };
            }
            Stage::Skipping(left) => {
                self.summary.header_rows += 1;
                *left -= 1;
                if *left == 0 {
                    self.stage = Stage::Data;
                }
            }
            Stage::Sniffing(held) => {
                held.push((line, fields.to_vec()));
                if held.len() == 2 {
                    let Stage::Sniffing(held) = std::mem::replace(&mut self.stage, Stage::Data)
                    else {
                        unreachable!("matched above")
                    };
                    // Qualtrics' third header row holds `{"ImportId":"QID1"}` in every column.
                    let qualtrics = held[1]
                        .1
                        .iter()
                        .any(|f| f.trim_start().starts_with("{\"ImportId\""));
                    if qualtrics {
                        self.summary.header_rows = 3;
                    } else {
                        for (line, fields) in held {
                            self.data_row(line, &fields);
                        }
                    }
                }
            }
            Stage::Data => self.data_row(line, fields),
        }
        Flow::Continue
    }

    fn row_error(&mut self, line: u64, column: usize, message: String) {
        if self.errors.len() < MAX_ROW_ERRORS {
            self.errors
                .push(Diagnostic::new(self.path, line, column as u64 + 1, message));
        } else {
            self.more_errors += 1;
        }
    }

    /// Matches the header with the mapping: every mapped column must exist, once; every other
    /// column must be listed under `ignore`.
    fn resolve(&mut self, line: u64, header: &[String]) -> Option<Layout> {
        let mapping_path = &self.mapping.path;
        let before = self.errors.len();
        let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            by_name.entry(normalize(name)).or_default().push(i);
        }
        let file = self.path.display().to_string();
        let listing = || {
            let shown: Vec<String> = names
                .iter()
                .take(12)
                .enumerate()
                .map(|(i, n)| format!("{} `{n}`", i + 1))
                .collect();
            let more = if names.len() > 12 { ", …" } else { "" };
            format!("{}{more}", shown.join(", "))
        };
        let find = |column: &Located<Column>, errors: &mut Vec<Diagnostic>| -> Option<usize> {
            match &column.value {
                Column::Position(p) => {
                    let index = usize::try_from(*p - 1).unwrap_or(usize::MAX);
                    if index < names.len() {
                        Some(index)
                    } else {
                        errors.push(column.error(
                            mapping_path,
                            format!("column number {p}: {file} has only {} columns", names.len()),
                        ));
                        None
                    }
                }
                Column::Name(name) => match by_name.get(&normalize(name)).map(Vec::as_slice) {
                    Some([index]) => Some(*index),
                    Some(several) => {
                        let numbers: Vec<String> =
                            several.iter().map(|i| (i + 1).to_string()).collect();
                        errors.push(column.error(
                            mapping_path,
                            format!(
                                "column `{name}` appears {} times in {file} (columns {}): give the column by its number instead",
                                several.len(),
                                numbers.join(", ")
                            ),
                        ));
                        None
                    }
                    _ => {
                        errors.push(column.error(
                            mapping_path,
                            format!(
                                "{file} has no column `{name}`; its columns are {}",
                                listing()
                            ),
                        ));
                        None
                    }
                },
            }
        };
        let mut errors = Vec::new();
        let team = find(&self.mapping.team_column, &mut errors);
        let questions: Vec<Option<usize>> = self
            .mapping
            .questions
            .iter()
            .map(|q| find(&q.column, &mut errors))
            .collect();
        let cuts = &self.mapping.background.cuts;
        let background: Vec<Option<usize>> =
            cuts.iter().map(|c| find(&c.column, &mut errors)).collect();
        let exit = self.mapping.background.exit_date.as_ref();
        let exit_index = exit.and_then(|e| find(e, &mut errors));
        let comments: Vec<Option<usize>> = self
            .mapping
            .comments
            .iter()
            .map(|c| find(&c.column, &mut errors))
            .collect();
        let mut used: Vec<Option<String>> = vec![None; names.len()];
        let mut claim = |index: Option<usize>,
                         what: String,
                         at: &Located<Column>,
                         errors: &mut Vec<Diagnostic>| {
            if let Some(i) = index {
                if let Some(first) = &used[i] {
                    errors.push(at.error(
                        mapping_path,
                        format!(
                            "column {} `{}` is already used for {first}: each column is read once",
                            i + 1,
                            names[i]
                        ),
                    ));
                } else {
                    used[i] = Some(what);
                }
            }
        };
        claim(
            team,
            "the team".to_string(),
            &self.mapping.team_column,
            &mut errors,
        );
        for (q, index) in self.mapping.questions.iter().zip(&questions) {
            claim(*index, format!("`{}`", q.name), &q.column, &mut errors);
        }
        for (cut, index) in cuts.iter().zip(&background) {
            claim(
                *index,
                format!("background `{}`", cut.name),
                &cut.column,
                &mut errors,
            );
        }
        if let Some(e) = exit {
            claim(exit_index, "`exit_date`".to_string(), e, &mut errors);
        }
        for (c, index) in self.mapping.comments.iter().zip(&comments) {
            claim(
                *index,
                "a comment column".to_string(),
                &c.column,
                &mut errors,
            );
        }
        for ignored in &self.mapping.ignore {
            let found = match &ignored.value {
                Column::Position(p) => usize::try_from(*p - 1).ok().filter(|&i| i < names.len()),
                Column::Name(name) => by_name
                    .get(&normalize(name))
                    .and_then(|v| v.first().copied()),
            };
            match (found, &ignored.value) {
                (Some(_), Column::Name(name)) => {
                    for &i in &by_name[&normalize(name)] {
                        used[i].get_or_insert_with(|| "ignore".to_string());
                    }
                }
                (Some(i), Column::Position(_)) => {
                    used[i].get_or_insert_with(|| "ignore".to_string());
                }
                (None, _) => self.warnings.push(ignored.error(
                    mapping_path,
                    format!(
                        "`ignore` lists column {}, which {file} does not have",
                        ignored.value
                    ),
                )),
            }
        }
        for (i, name) in names.iter().enumerate() {
            // Columns without a header (a trailing separator) hold nothing the report reads.
            if used[i].is_none() && !name.is_empty() {
                errors.push(Diagnostic::new(
                    self.path,
                    line,
                    i as u64 + 1,
                    format!(
                        "column {} `{name}` is not in the mapping {}: map it under `questions`, or list it under `ignore` if the report does not use it",
                        i + 1,
                        mapping_path.display()
                    ),
                ));
            }
        }
        self.errors.extend(errors);
        if self.errors.len() > before {
            return None;
        }
        let questions: Vec<usize> = questions.into_iter().flatten().collect();
        let comments: Vec<usize> = comments.into_iter().flatten().collect();
        let team = team?;
        Some(Layout {
            team,
            comments,
            width: names.len(),
            questions,
            names,
            background: background.into_iter().flatten().collect(),
            exit: exit_index,
        })
    }

    fn data_row(&mut self, line: u64, fields: &[String]) {
        let Some(layout) = self.layout.take() else {
            return;
        };
        self.count_row(line, fields, &layout);
        self.layout = Some(layout);
    }

    fn count_row(&mut self, line: u64, fields: &[String], layout: &Layout) {
        self.summary.rows_read += 1;
        if fields.iter().all(|f| f.trim().is_empty()) {
            self.summary.blank += 1;
            return;
        }
        if fields.len() < layout.width {
            self.row_error(
                line,
                fields.len(),
                format!(
                    "this row has {} fields, but the header has {}: a separator or a quote is missing",
                    fields.len(),
                    layout.width
                ),
            );
            return;
        }
        if let Some(extra) = fields[layout.width..]
            .iter()
            .position(|f| !f.trim().is_empty())
        {
            let column = layout.width + extra;
            self.row_error(
                line,
                column,
                format!(
                    "this row has a value in column {}, but the header has only {} columns: a separator is too many, or a quote is missing",
                    column + 1,
                    layout.width
                ),
            );
            return;
        }
        let team_cell = fields[layout.team].trim();
        let unit = if team_cell.is_empty() {
            None
        } else {
            normalize_into(team_cell, &mut self.buffer);
            self.mapping.teams.get(&self.buffer).copied()
        };
        let Some(unit) = unit else {
            if self.mapping.drop_unknown_teams {
                if team_cell.is_empty() {
                    self.summary.no_team += 1;
                } else {
                    self.summary.unknown_team += 1;
                }
            } else {
                let message = if team_cell.is_empty() {
                    format!(
                        "column {} `{}` is blank: expected {}, or `missing: drop` under `team` in the mapping to skip such rows",
                        layout.team + 1,
                        layout.names[layout.team],
                        self.mapping.team_values
                    )
                } else {
                    format!(
                        "team `{team_cell}` in column {} `{}` is not {}; to skip such rows, set `missing: drop` under `team` in the mapping",
                        layout.team + 1,
                        layout.names[layout.team],
                        self.mapping.team_values
                    )
                };
                self.row_error(line, layout.team, message);
            }
            return;
        };
        self.row_answers.clear();
        let mut row_ok = true;
        for (question, &index) in self.mapping.questions.iter().zip(&layout.questions) {
            let cell = fields[index].trim();
            match answer(cell, question, &mut self.buffer) {
                Ok(answer) => self.row_answers.push(answer),
                Err(expected) => {
                    row_ok = false;
                    self.row_error(
                        line,
                        index,
                        format!(
                            "column {} `{}` (`{}`): `{cell}` is not an answer the mapping knows; expected {expected}",
                            index + 1,
                            layout.names[index],
                            question.name
                        ),
                    );
                }
            }
        }
        self.row_bands.clear();
        for (cut, &index) in self.mapping.background.cuts.iter().zip(&layout.background) {
            let cell = fields[index].trim();
            match cut.band_of(cell, &mut self.buffer) {
                Ok(band) => self.row_bands.push(band),
                Err(expected) => {
                    row_ok = false;
                    self.row_error(
                        line,
                        index,
                        format!(
                            "column {} `{}` (background `{}`): `{cell}` is not a value the mapping knows; expected {expected}",
                            index + 1,
                            layout.names[index],
                            cut.name
                        ),
                    );
                }
            }
        }
        let left = match layout
            .exit
            .map(|i| (i, super::background::has_left(fields[i].trim())))
        {
            None | Some((_, Ok(false))) => false,
            Some((_, Ok(true))) => true,
            Some((index, Err(expected))) => {
                row_ok = false;
                let cell = fields[index].trim();
                self.row_error(
                    line,
                    index,
                    format!(
                        "column {} `{}` (`exit_date`): `{cell}` is not a date; expected {expected}",
                        index + 1,
                        layout.names[index]
                    ),
                );
                false
            }
        };
        if !row_ok {
            return;
        }
        if self.row_answers.iter().all(|a| *a == Answer::NotApplicable) {
            self.summary.no_answers += 1;
            return;
        }
        self.summary.rows_used += 1;
        let mapping = self.mapping;
        let team = self.teams[unit].get_or_insert_with(|| TeamTally {
            responses: 0,
            answers: mapping
                .questions
                .iter()
                .map(|q| Answers::zero(usize::from(q.highest - q.lowest) + 1))
                .collect(),
            comments: vec![Vec::new(); mapping.comments.len()],
        });
        team.responses += 1;
        super::background::add_row(
            &mut self.background,
            mapping,
            unit,
            &self.row_bands,
            &self.row_answers,
            left,
        );
        // A comment is kept only with a counted response, so that every comment's writer is
        // among the respondents the comment threshold counts.
        for (texts, &index) in team.comments.iter_mut().zip(&layout.comments) {
            let cell = fields[index].trim();
            if !cell.is_empty() {
                texts.push(cell.to_string());
            }
        }
        for ((answers, answer), question) in team
            .answers
            .iter_mut()
            .zip(&self.row_answers)
            .zip(&mapping.questions)
        {
            match *answer {
                Answer::NotApplicable => answers.na += 1,
                Answer::Point(p) => answers.counts[usize::from(p - question.lowest)] += 1,
            }
        }
    }
}

/// `normalize`, into a reused buffer (one per file, not one allocation per cell).
fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// One answer cell: blank or a no-answer label is `na`; a label of the mapping is its point; a
/// whole number on the scale (`4`, also `4.0` or `4,0`) is itself. Reversed items count from
/// the other end. On failure, what was expected.
fn answer(
    cell: &str,
    question: &super::mapping::Question,
    buffer: &mut String,
) -> Result<Answer, String> {
    if cell.is_empty() {
        return Ok(Answer::NotApplicable);
    }
    let point = match whole_number(cell) {
        Some(n) => Some(n),
        None => {
            normalize_into(cell, buffer);
            match question.labels.by_text.get(buffer.as_str()) {
                Some(Answer::NotApplicable) => return Ok(Answer::NotApplicable),
                Some(Answer::Point(p)) => Some(u64::from(*p)),
                None => None,
            }
        }
    };
    match point {
        Some(p) if (u64::from(question.lowest)..=u64::from(question.highest)).contains(&p) => {
            let p = p as u8;
            Ok(Answer::Point(if question.reversed {
                question.lowest + question.highest - p
            } else {
                p
            }))
        }
        _ => Err(format!(
            "a whole number {}–{}, a label listed under `labels`, or a no-answer label (blank, `en osaa sanoa`, `not applicable`, … or one under `na`)",
            question.lowest, question.highest
        )),
    }
}

/// `4`, `4.0`, `4,0` → 4; anything else (text, fractions, negatives) → None.
fn whole_number(cell: &str) -> Option<u64> {
    let digits = match cell.find(['.', ',']) {
        Some(dot) if cell[dot + 1..].bytes().all(|b| b == b'0') && dot + 1 < cell.len() => {
            &cell[..dot]
        }
        Some(_) => return None,
        None => cell,
    };
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn whole_numbers_with_decimal_commas_or_points() {
        assert_eq!(whole_number("4"), Some(4));
        assert_eq!(whole_number("4,0"), Some(4));
        assert_eq!(whole_number("10.00"), Some(10));
        assert_eq!(whole_number("2,5"), None);
        assert_eq!(whole_number("-1"), None);
        assert_eq!(whole_number("4."), None);
        assert_eq!(whole_number("Agree"), None);
    }

    #[test]
    fn the_summary_says_why_rows_were_skipped() {
        let summary = ReadSummary {
            file: PathBuf::from("content/surveys/ex.csv"),
            format: "CSV, semicolon-separated, Windows-1252".into(),
            header_rows: 1,
            rows_read: 10,
            rows_used: 7,
            blank: 1,
            no_answers: 0,
            no_team: 2,
            unknown_team: 0,
        };
        assert_eq!(
            summary.to_string(),
            "content/surveys/ex.csv: CSV, semicolon-separated, Windows-1252, 1 header row; 10 rows read, 7 used, 3 skipped (2 with no team, 1 blank)"
        );
    }
}
