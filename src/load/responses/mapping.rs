//! The mapping file: which column of an export holds the team, which holds each question, and
//! what each answer label means. It is YAML, checked like every other file, with errors at the
//! line and column of the mapping entry. Column names are checked against the export later,
//! when its header is read (`table.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::{Framework, Side};
use crate::load::yaml::{at, in_source_order, parse_yaml};
use crate::model::UnitTree;
use crate::suggest::closest;

/// Labels that always mean "no answer" (blank cells too), in the languages of the sites.
pub(super) const NA_LABELS: &[&str] = &[
    "en osaa sanoa",
    "eos",
    "ei koske minua",
    "en halua vastata",
    "not applicable",
    "n/a",
    "na",
    "don't know",
    "do not know",
    "prefer not to say",
    "vet inte",
    "kan inte säga",
    "ej tillämpligt",
    "vill inte svara",
];

/// `standard_labels: agree5`: the usual 1–5 agreement labels of the survey tools, in en, fi, sv.
const AGREE5: &[(&str, u8)] = &[
    ("strongly disagree", 1),
    ("disagree", 2),
    ("somewhat disagree", 2),
    ("neutral", 3),
    ("neither agree nor disagree", 3),
    ("somewhat agree", 4),
    ("agree", 4),
    ("strongly agree", 5),
    ("täysin eri mieltä", 1),
    ("jokseenkin eri mieltä", 2),
    ("osittain eri mieltä", 2),
    ("eri mieltä", 2),
    ("ei samaa eikä eri mieltä", 3),
    ("jokseenkin samaa mieltä", 4),
    ("osittain samaa mieltä", 4),
    ("samaa mieltä", 4),
    ("täysin samaa mieltä", 5),
    ("helt av annan åsikt", 1),
    ("tar helt avstånd", 1),
    ("instämmer inte alls", 1),
    ("delvis av annan åsikt", 2),
    ("tar delvis avstånd", 2),
    ("varken eller", 3),
    ("varken instämmer eller tar avstånd", 3),
    ("delvis av samma åsikt", 4),
    ("instämmer delvis", 4),
    ("helt av samma åsikt", 5),
    ("instämmer helt", 5),
];

/// `standard_labels: agree4`: a 1–4 agreement scale without a middle.
const AGREE4: &[(&str, u8)] = &[
    ("strongly disagree", 1),
    ("disagree", 2),
    ("agree", 3),
    ("strongly agree", 4),
    ("täysin eri mieltä", 1),
    ("jokseenkin eri mieltä", 2),
    ("jokseenkin samaa mieltä", 3),
    ("täysin samaa mieltä", 4),
    ("helt av annan åsikt", 1),
    ("delvis av annan åsikt", 2),
    ("delvis av samma åsikt", 3),
    ("helt av samma åsikt", 4),
];

/// How a value in the export is compared with a label, a team name or a column name: without
/// surrounding spaces, in lower case, with runs of spaces (also non-breaking) as one.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A value of the mapping file with where it was written.
#[derive(Clone, Debug)]
pub struct Located<T> {
    pub value: T,
    pub line: u64,
    pub column: u64,
}

impl<T> Located<T> {
    fn from_spanned(spanned: Spanned<T>) -> Self {
        Located {
            line: spanned.referenced.line(),
            column: spanned.referenced.column(),
            value: spanned.value,
        }
    }

    pub fn error(&self, path: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(path, self.line, self.column, message)
    }
}

/// A column of the export, by its header or its position (1 = the first column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Name(String),
    Position(u64),
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Column::Name(name) => write!(f, "`{name}`"),
            Column::Position(p) => write!(f, "number {p}"),
        }
    }
}

/// What one answer cell means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A scale point: 1..=points for items, 0..=10 for eNPS and NPS.
    Point(u8),
    NotApplicable,
}

/// The answer labels of one question, by their `normalize`d text.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    pub by_text: HashMap<String, Answer>,
}

/// What a question feeds: the eNPS/NPS question or a framework item (by its index on the side).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Score,
    Item(usize),
}

#[derive(Clone, Debug)]
pub struct Question {
    pub target: Target,
    /// The item id, or `enps`/`nps`: for messages.
    pub name: String,
    pub column: Located<Column>,
    /// The lowest and highest scale point (1..=points for items, 0..=10 for eNPS and NPS).
    pub lowest: u8,
    pub highest: u8,
    pub reversed: bool,
    pub labels: Labels,
}

#[derive(Clone, Debug)]
pub struct Mapping {
    pub path: PathBuf,
    pub side: Side,
    pub sheet: Option<Located<String>>,
    /// Rows above the first respondent; None: one, or Qualtrics' three when recognised.
    pub header_rows: Option<u64>,
    pub team_column: Located<Column>,
    /// A team cell's `normalize`d text → the unit (a leaf of the unit tree).
    pub teams: HashMap<String, usize>,
    /// What the team column holds, for messages: "a team id", "a team name", "a value of `lookup`".
    pub team_values: &'static str,
    /// Drop rows with no team or an unknown team (and count them) instead of refusing the file.
    pub drop_unknown_teams: bool,
    /// The eNPS/NPS question first (if mapped), then the items in the order written.
    pub questions: Vec<Question>,
    pub ignore: Vec<Located<Column>>,
    /// Background cuts and the exit-date column (`background.rs`).
    pub background: super::background::Background,
    /// Open-text columns (EX only), read only for the comments (see `crate::comments`).
    pub comments: Vec<CommentColumn>,
}

/// An open-text column and the question it answers (None: the export's header says it).
#[derive(Clone, Debug)]
pub struct CommentColumn {
    pub column: Located<Column>,
    pub question: Option<String>,
}

// ---------------------------------------------------------------- the YAML

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    side: Spanned<String>,
    sheet: Option<Spanned<String>>,
    header_rows: Option<Spanned<u64>>,
    team: RawTeam,
    enps: Option<Spanned<RawQuestion>>,
    nps: Option<Spanned<RawQuestion>>,
    #[serde(default)]
    questions: HashMap<Spanned<String>, Spanned<RawQuestion>>,
    standard_labels: Option<Spanned<String>>,
    #[serde(default)]
    labels: HashMap<Spanned<String>, Spanned<u64>>,
    #[serde(default)]
    na: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<RawColumn>>,
    #[serde(default)]
    background: HashMap<Spanned<String>, Spanned<super::background::RawCut>>,
    exit_date: Option<Spanned<RawColumn>>,
    #[serde(default)]
    comments: Vec<Spanned<RawComment>>,
}

/// `"Header"`, `7`, or `{ column: ..., question: "..." }`.
struct RawComment {
    column: Column,
    question: Option<String>,
}

impl<'de> Deserialize<'de> for RawComment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Long {
            column: RawColumn,
            question: Option<String>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawComment;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a column name, a column number, or a map with `column` (and `question`)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawComment, E> {
                ColumnVisitor.visit_str(v).map(RawComment::short)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawComment, E> {
                ColumnVisitor.visit_u64(v).map(RawComment::short)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawComment, E> {
                ColumnVisitor.visit_i64(v).map(RawComment::short)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawComment, A::Error> {
                let long = Long::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawComment {
                    column: long.column.0,
                    question: long.question,
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl RawComment {
    fn short(column: Column) -> RawComment {
        RawComment {
            column,
            question: None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeam {
    column: Spanned<RawColumn>,
    by: Option<Spanned<String>>,
    #[serde(default)]
    lookup: HashMap<Spanned<String>, Spanned<String>>,
    missing: Option<Spanned<String>>,
}

/// `"Header"` or `7`.
pub(super) struct RawColumn(pub(super) Column);

/// `"Header"`, `7`, or `{ column: ..., reversed: true, labels: { "Yes": 2, "No": 1 } }`.
struct RawQuestion {
    column: Column,
    reversed: bool,
    labels: Vec<(String, u64)>,
}

struct ColumnVisitor;

impl<'de> Visitor<'de> for ColumnVisitor {
    type Value = Column;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a column name (text) or a column number (1 = the first column)")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Column, E> {
        Ok(Column::Name(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Column, E> {
        if v == 0 {
            return Err(E::custom("column numbers start at 1 (the first column)"));
        }
        Ok(Column::Position(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Column, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::custom("column numbers start at 1 (the first column)")),
        }
    }
}

impl<'de> Deserialize<'de> for RawColumn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ColumnVisitor).map(RawColumn)
    }
}

impl<'de> Deserialize<'de> for RawQuestion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Long {
            column: RawColumn,
            #[serde(default)]
            reversed: bool,
            #[serde(default)]
            labels: std::collections::BTreeMap<String, u64>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawQuestion;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a column name, a column number, or a map with `column` (and `reversed`, `labels`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawQuestion, E> {
                ColumnVisitor.visit_str(v).map(RawQuestion::short)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawQuestion, E> {
                ColumnVisitor.visit_u64(v).map(RawQuestion::short)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawQuestion, E> {
                ColumnVisitor.visit_i64(v).map(RawQuestion::short)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawQuestion, A::Error> {
                let long = Long::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawQuestion {
                    column: long.column.0,
                    reversed: long.reversed,
                    labels: long.labels.into_iter().collect(),
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl RawQuestion {
    fn short(column: Column) -> RawQuestion {
        RawQuestion {
            column,
            reversed: false,
            labels: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------- checking

/// Reads and checks a mapping file against the site's framework and units.
pub fn parse_mapping(
    path: &Path,
    text: &str,
    framework: &Framework,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> Option<Mapping> {
    let raw: RawMapping = match parse_yaml(path, text, 0) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let before = diagnostics.len();
    let side = match raw.side.value.as_str() {
        "ex" => Side::Ex,
        "cx" => Side::Cx,
        other => {
            diagnostics.push(at(
                path,
                &raw.side,
                format!("unknown side `{other}`: expected `ex` (an employee survey) or `cx` (a customer survey)"),
            ));
            return None;
        }
    };
    let (score_name, score, wrong_score) = match side {
        Side::Ex => ("enps", raw.enps, raw.nps),
        Side::Cx => ("nps", raw.nps, raw.enps),
    };
    if let Some(wrong) = &wrong_score {
        let (wrong_name, right) = if side == Side::Ex {
            ("nps", "enps")
        } else {
            ("enps", "nps")
        };
        diagnostics.push(at(
            path,
            wrong,
            format!("`{wrong_name}` does not belong to a `side: {}` mapping: its score question is `{right}`", raw.side.value),
        ));
    }

    // Answer labels shared by every item question.
    let mut shared = Labels::default();
    for label in NA_LABELS {
        shared
            .by_text
            .insert(normalize(label), Answer::NotApplicable);
    }
    let mut standard_points = None;
    if let Some(set) = &raw.standard_labels {
        let table = match set.value.as_str() {
            "agree5" => Some((AGREE5, 5)),
            "agree4" => Some((AGREE4, 4)),
            other => {
                diagnostics.push(at(
                    path,
                    set,
                    format!(
                        "unknown standard_labels `{other}`: expected agree5 (1–5) or agree4 (1–4)"
                    ),
                ));
                None
            }
        };
        if let Some((table, points)) = table {
            standard_points = Some((points, set));
            for &(label, value) in table {
                shared
                    .by_text
                    .insert(normalize(label), Answer::Point(value));
            }
        }
    }
    let mut highest_label = None;
    for (label, value) in in_source_order(raw.labels) {
        match u8::try_from(value.value) {
            Ok(point) if point >= 1 => {
                shared
                    .by_text
                    .insert(normalize(&label.value), Answer::Point(point));
                if highest_label.is_none_or(|(h, _, _)| point > h) {
                    highest_label =
                        Some((point, value.referenced.line(), value.referenced.column()));
                }
            }
            _ => diagnostics.push(at(
                path,
                &value,
                format!("label `{}`: expected a scale point, 1 or more", label.value),
            )),
        }
    }
    for label in &raw.na {
        let key = normalize(&label.value);
        if matches!(shared.by_text.get(&key), Some(Answer::Point(_))) {
            diagnostics.push(at(
                path,
                label,
                format!("`{}` is also a label with a scale point: it cannot mean both an answer and no answer", label.value),
            ));
        }
        shared.by_text.insert(key, Answer::NotApplicable);
    }

    let mut questions = Vec::new();
    if let Some(score) = score {
        let labels = question_labels(
            path,
            &score,
            &Labels::default(),
            0,
            10,
            score_name,
            diagnostics,
        );
        questions.push(Question {
            target: Target::Score,
            name: score_name.to_string(),
            lowest: 0,
            highest: 10,
            reversed: score.value.reversed,
            labels,
            column: Located {
                line: score.referenced.line(),
                column: score.referenced.column(),
                value: score.value.column,
            },
        });
    }
    let items: Vec<_> = framework.items(side).collect();
    for (id, question) in in_source_order(raw.questions) {
        let Some(index) = items.iter().position(|i| i.id == id.value) else {
            let hint = closest(&id.value, items.iter().map(|i| i.id.as_str()))
                .map(|near| format!(" (did you mean `{near}`?)"))
                .unwrap_or_default();
            let on_other_side = framework.find_item(&id.value).is_some();
            diagnostics.push(at(
                path,
                &id,
                if on_other_side {
                    format!("`{}` is not a question of the `side: {}` survey{hint}", id.value, raw.side.value)
                } else {
                    format!("unknown item `{}`{hint}: the questions are the item ids of the framework (see docs/format.md)", id.value)
                },
            ));
            continue;
        };
        let points = items[index].scale.points;
        if let Some((label_points, set)) = standard_points
            && label_points != points
        {
            diagnostics.push(at(
                path,
                set,
                format!("standard_labels `{}` is for a 1–{label_points} scale, but `{}` is answered on a 1–{points} scale", set.value, id.value),
            ));
        }
        if let Some((point, line, column)) = highest_label
            && point > points
        {
            diagnostics.push(Diagnostic::new(
                path,
                line,
                column,
                format!(
                    "label value {point} is not on the 1–{points} scale of `{}`",
                    id.value
                ),
            ));
        }
        let labels = question_labels(path, &question, &shared, 1, points, &id.value, diagnostics);
        questions.push(Question {
            target: Target::Item(index),
            name: id.value.clone(),
            lowest: 1,
            highest: points,
            reversed: question.value.reversed,
            labels,
            column: Located {
                line: question.referenced.line(),
                column: question.referenced.column(),
                value: question.value.column,
            },
        });
    }
    if questions.is_empty() {
        diagnostics.push(Diagnostic::new(
            path,
            1,
            1,
            format!("the mapping names no question: map at least `{score_name}` or one item under `questions`"),
        ));
    }

    let (teams, team_values) = team_values(path, &raw.team, units, diagnostics);
    let drop_unknown_teams = match &raw.team.missing {
        None => false,
        Some(m) if m.value == "error" => false,
        Some(m) if m.value == "drop" => true,
        Some(m) => {
            diagnostics.push(at(
                path,
                m,
                format!("unknown `missing: {}`: expected `error` (a row without a known team stops the build) or `drop` (such rows are skipped and counted)", m.value),
            ));
            false
        }
    };
    let header_rows = raw.header_rows.as_ref().and_then(|h| {
        if (1..=10).contains(&h.value) {
            Some(h.value)
        } else {
            diagnostics.push(at(
                path,
                h,
                "header_rows: expected 1 to 10 rows above the first respondent",
            ));
            None
        }
    });
    let background =
        super::background::parse(path, side, raw.background, raw.exit_date, diagnostics);
    if side == Side::Cx
        && let Some(first) = raw.comments.first()
    {
        diagnostics.push(at(
            path,
            first,
            "`comments` are read from employee survey exports (`side: ex`) only: list this column under `ignore`",
        ));
    }
    let comments = raw
        .comments
        .into_iter()
        .map(|c| CommentColumn {
            column: Located {
                line: c.referenced.line(),
                column: c.referenced.column(),
                value: c.value.column,
            },
            question: c.value.question,
        })
        .collect();
    (diagnostics.len() == before).then(|| Mapping {
        background,
        path: path.to_path_buf(),
        side,
        sheet: raw.sheet.map(Located::from_spanned),
        header_rows,
        team_column: Located {
            line: raw.team.column.referenced.line(),
            column: raw.team.column.referenced.column(),
            value: raw.team.column.value.0,
        },
        teams,
        team_values,
        drop_unknown_teams,
        questions,
        ignore: raw
            .ignore
            .into_iter()
            .map(|c| Located {
                line: c.referenced.line(),
                column: c.referenced.column(),
                value: c.value.0,
            })
            .collect(),
        comments,
    })
}

/// A question's labels: the shared ones, then its own, each checked against its scale.
fn question_labels(
    path: &Path,
    question: &Spanned<RawQuestion>,
    shared: &Labels,
    lowest: u8,
    highest: u8,
    name: &str,
    diagnostics: &mut Diagnostics,
) -> Labels {
    let mut labels = shared.clone();
    if lowest == 0 {
        for label in NA_LABELS {
            labels
                .by_text
                .insert(normalize(label), Answer::NotApplicable);
        }
    }
    for (label, value) in &question.value.labels {
        match u8::try_from(*value) {
            Ok(point) if (lowest..=highest).contains(&point) => {
                labels.by_text.insert(normalize(label), Answer::Point(point));
            }
            _ => diagnostics.push(at(
                path,
                question,
                format!("`{name}`: label `{label}` is {value}, which is not on its {lowest}–{highest} scale"),
            )),
        }
    }
    labels
}

/// The team column's values → units, from `by: id`, `by: name` or `by: lookup`.
fn team_values(
    path: &Path,
    raw: &RawTeam,
    units: &UnitTree,
    diagnostics: &mut Diagnostics,
) -> (HashMap<String, usize>, &'static str) {
    let by = raw.by.as_ref().map_or("id", |b| b.value.as_str());
    let mut teams = HashMap::new();
    if by != "lookup"
        && let Some((first, _)) = raw.lookup.iter().next()
    {
        diagnostics.push(at(path, first, "`lookup` is used only with `by: lookup`"));
    }
    match by {
        "id" => {
            for leaf in units.leaves() {
                teams.insert(normalize(&units.units[leaf].id), leaf);
            }
            (teams, "a team id from content/units.yaml")
        }
        "name" => {
            for leaf in units.leaves() {
                let name = normalize(&units.units[leaf].name);
                if let Some(other) = teams.insert(name, leaf) {
                    diagnostics.push(at(
                        path,
                        raw.by.as_ref().expect("by is given"),
                        format!(
                            "teams `{}` and `{}` have the same name in content/units.yaml: use `by: id` or `by: lookup`",
                            units.units[other].id, units.units[leaf].id
                        ),
                    ));
                }
            }
            (teams, "a team name from content/units.yaml")
        }
        "lookup" => {
            if raw.lookup.is_empty() {
                diagnostics.push(at(
                    path,
                    raw.by.as_ref().expect("by is given"),
                    "`by: lookup` needs a `lookup` table: the export's value → the team id",
                ));
            }
            let mut entries: Vec<_> = raw.lookup.iter().collect();
            entries.sort_by_key(|(k, _)| (k.referenced.line(), k.referenced.column()));
            for (value, id) in entries {
                match units.find(&id.value) {
                    Some(unit) if unit != UnitTree::ROOT && units.is_leaf(unit) => {
                        teams.insert(normalize(&value.value), unit);
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
                            format!("`{}` is not a team in content/units.yaml: {hint}results are given for teams (units without sub-units)", id.value),
                        ));
                    }
                }
            }
            (teams, "a value listed under `lookup`")
        }
        other => {
            diagnostics.push(at(
                path,
                raw.by.as_ref().expect("by is given"),
                format!("unknown `by: {other}`: expected `id`, `name` or `lookup`"),
            ));
            (teams, "")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_case_and_spacing() {
        assert_eq!(
            normalize("  Täysin\u{a0}SAMAA   mieltä "),
            "täysin samaa mieltä"
        );
        assert_eq!(normalize(""), "");
    }

    /// The words the report shows for the built-in likert5 (i18n/*.ftl) are words an import
    /// reads as the same points, so a report and its exports speak alike.
    #[test]
    fn the_reports_likert5_words_are_read_as_their_points() {
        use crate::framework::Language;
        for language in [Language::En, Language::Fi, Language::Sv] {
            for point in 1..=5u8 {
                let word = crate::i18n::text(language, &format!("likert5_{point}"));
                let read = AGREE5
                    .iter()
                    .find(|(label, _)| *label == normalize(word))
                    .map(|&(_, p)| p);
                assert_eq!(read, Some(point), "{language:?} `{word}`");
            }
        }
    }
}
