//! The validated site: plain data that every later step reads. Loading (`load`) is the only place
//! that builds it, so everything here already satisfies the rules in `docs/format.md`.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::framework::{Framework, Language, Side};
use crate::period::Period;

#[derive(Clone, Debug)]
pub struct Site {
    pub config: Config,
    pub framework: Framework,
    pub units: UnitTree,
    /// Sorted by period.
    pub periods: Vec<SurveyPeriod>,
    /// Published posts (drafts are dropped on load), newest first.
    pub posts: Vec<Post>,
    /// Template overrides from the site's `templates/` folder: (name, source, path).
    pub template_overrides: Vec<TemplateOverride>,
    /// Message overrides from the site's `i18n/` folder (`fi.ftl`, …): (name, source, path).
    pub translation_overrides: Vec<TemplateOverride>,
    /// The responses exports read for survey periods, in reading order.
    pub responses: Vec<ResponsesFile>,
    /// Input accepted but probably not meant (a file in content/surveys/ that is not read).
    pub warnings: Vec<Diagnostic>,
}

/// A survey tool's export read for one side of one period (see `load::responses`).
#[derive(Clone, Debug)]
pub struct ResponsesFile {
    pub period: Option<Period>,
    pub side: Side,
    /// As named from the survey file; `canonical` is where it really is.
    pub file: PathBuf,
    pub canonical: PathBuf,
    pub mapping: PathBuf,
    /// The teams whose results came from it.
    pub units: Vec<usize>,
    pub summary: ReadSummary,
}

#[derive(Clone, Debug)]
pub struct TemplateOverride {
    pub name: String,
    pub path: PathBuf,
    pub source: String,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    pub organisation: String,
    pub language: Language,
    /// Every language the site is built in, the default (`language`) first; one for a
    /// single-language site, whose pages then sit at the top of the output as before.
    pub languages: Vec<Language>,
    /// Minimum EX responses for a group to be shown; at least 3.
    pub anonymity_threshold: u64,
    /// CX samples smaller than this are flagged "low n".
    pub cx_low_n: u64,
    /// A group's CX figures are shown only from this many customer responses (at least 1), so
    /// that no single customer's ratings are published.
    pub cx_threshold: u64,
    pub allow_raw_html: bool,
    /// `comments:` in kolikko.yaml: whether open-text comments are published, and how.
    pub comments: crate::comments::CommentSettings,
}

/// The organisation as a tree. Index 0 is the organisation itself; every unit's parent has a
/// smaller index (pre-order), so a reverse pass visits children before parents.
#[derive(Clone, Debug)]
pub struct UnitTree {
    pub units: Vec<Unit>,
    /// Unit index by id, so a survey of 20,000 teams resolves each id in constant time.
    by_id: HashMap<String, usize>,
}

#[derive(Clone, Debug)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub supervisor: Option<String>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub depth: usize,
    /// `report_with:` in units.yaml: the sibling team or the parent whose EX results include
    /// this team's, for a team too small to be reported on its own.
    pub report_with: Option<usize>,
}

impl UnitTree {
    pub const ROOT: usize = 0;

    /// The tree of `units` (pre-order, index 0 the organisation), indexed by id. With duplicate
    /// ids (an input error reported by the loader) the first unit keeps the id.
    pub fn new(units: Vec<Unit>) -> Self {
        let mut by_id = HashMap::with_capacity(units.len());
        for (index, unit) in units.iter().enumerate().skip(1) {
            by_id.entry(unit.id.clone()).or_insert(index);
        }
        UnitTree { units, by_id }
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn is_leaf(&self, index: usize) -> bool {
        self.units[index].children.is_empty()
    }

    /// The path from the organisation down to `index`, both included.
    pub fn path_to(&self, index: usize) -> Vec<usize> {
        let mut path = vec![index];
        let mut current = index;
        while let Some(parent) = self.units[current].parent {
            path.push(parent);
            current = parent;
        }
        path.reverse();
        path
    }

    /// `unit` and every unit below it, in tree (pre-order) order.
    pub fn subtree(&self, unit: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![unit];
        while let Some(u) = stack.pop() {
            out.push(u);
            stack.extend(self.units[u].children.iter().rev());
        }
        out
    }

    /// The teams (leaves) in `unit`'s subtree; a team is its own only team.
    pub fn teams_in(&self, unit: usize) -> impl Iterator<Item = usize> + '_ {
        self.subtree(unit)
            .into_iter()
            .filter(|&u| u != Self::ROOT && self.is_leaf(u))
    }

    pub fn leaves(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.units.len()).filter(|&i| i != Self::ROOT && self.is_leaf(i))
    }
}

/// The answers to one question in one group: counts per scale point plus "not applicable".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answers {
    pub counts: Vec<u64>,
    pub na: u64,
}

impl Answers {
    pub fn zero(points: usize) -> Self {
        Answers {
            counts: vec![0; points],
            na: 0,
        }
    }

    /// Everyone counted for this question (answers plus `na`); None if the sum overflows.
    pub fn checked_total(&self) -> Option<u64> {
        self.counts
            .iter()
            .try_fold(self.na, |sum, &c| sum.checked_add(c))
    }

    pub fn answered(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Adds another group's answers (roll-ups sum counts, never averages).
    pub fn add(&mut self, other: &Answers) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.na += other.na;
    }
}

/// Employee survey results of one team in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct ExResult {
    pub invited: u64,
    pub responses: u64,
    pub headcount: Option<f64>,
    pub leavers: Option<u64>,
    /// eNPS answers 0..=10.
    pub enps: Option<Answers>,
    /// Indexed like `Framework::items(Side::Ex)`.
    pub items: Vec<Option<Answers>>,
}

/// Customer survey results of one team in one period.
#[derive(Clone, Debug, PartialEq)]
pub struct CxResult {
    pub responses: u64,
    /// NPS answers 0..=10.
    pub nps: Option<Answers>,
    /// Indexed like `Framework::items(Side::Cx)`.
    pub items: Vec<Option<Answers>>,
}

/// One period's results for every team, indexed by unit (only leaves carry results).
#[derive(Clone, Debug)]
pub struct SurveyPeriod {
    pub period: Period,
    pub source: PathBuf,
    pub ex: Vec<Option<ExResult>>,
    pub cx: Vec<Option<CxResult>>,
    /// Background cuts of the EX respondents read from a responses file (`CutCounts`).
    pub background: Vec<CutCounts>,
    /// Open-text answers read from the EX export's comment columns; always `None` when the
    /// site does not turn comments on (they are dropped on load).
    pub comments: Option<PeriodComments>,
}

/// The open-text answers of one period, as read (not yet masked or ordered: see `comments`).
#[derive(Clone, Debug, Default)]
pub struct PeriodComments {
    /// Per comment column: its question, from the mapping's `question:` or the export's header.
    pub questions: Vec<String>,
    /// Indexed by unit (teams only): respondents counted from the export, who could comment.
    pub respondents: Vec<u64>,
    /// Indexed by unit, then question: the non-blank answers, in no meaningful order.
    pub texts: Vec<Vec<Vec<String>>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&date.day).then_some(date)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A commentary post. Its Markdown body is rendered later, once the figures it embeds exist.
#[derive(Clone, Debug)]
pub struct Post {
    pub source: PathBuf,
    pub slug: String,
    /// `Some(sv)` for `post.sv.md`, a translation of `post.md`; `None` for the default
    /// language's version.
    pub language: Option<Language>,
    pub title: String,
    pub date: Date,
    pub author: Option<String>,
    pub period: Option<Period>,
    /// Line and column of `period:` in the file, for errors about it.
    pub period_at: (u64, u64),
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// `draft: true`: left out unless the build is asked for drafts (`--drafts`), then marked.
    pub draft: bool,
    pub body: String,
    /// The file line on which `body` starts, so errors in the body point at the right line.
    pub body_first_line: u64,
}

/// What reading one export did: the summary every build prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadSummary {
    pub file: PathBuf,
    /// "CSV, semicolon-separated, Windows-1252" or "Excel workbook, sheet `Sheet1`".
    pub format: String,
    pub header_rows: u64,
    /// Respondent rows after the header, blank ones included.
    pub rows_read: u64,
    pub rows_used: u64,
    pub blank: u64,
    pub no_answers: u64,
    pub no_team: u64,
    pub unknown_team: u64,
}

impl std::fmt::Display for ReadSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let skipped = self.rows_read - self.rows_used;
        write!(
            f,
            "{}: {}, {} header row{}; {} rows read, {} used, {} skipped",
            self.file.display(),
            self.format,
            self.header_rows,
            if self.header_rows == 1 { "" } else { "s" },
            self.rows_read,
            self.rows_used,
            skipped
        )?;
        let reasons: Vec<String> = [
            (self.no_team, "with no team"),
            (self.unknown_team, "with a team not in content/units.yaml"),
            (self.no_answers, "with no answer to any question"),
            (self.blank, "blank"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, why)| format!("{n} {why}"))
        .collect();
        if !reasons.is_empty() {
            write!(f, " ({})", reasons.join(", "))?;
        }
        Ok(())
    }
}

/// One background cut of one period's EX respondents (a `background` entry of a responses
/// mapping): per team, per band, the same counts a team has. Only counts: no respondent's row.
#[derive(Clone, Debug, PartialEq)]
pub struct CutCounts {
    /// The mapping's name for the cut: `tenure`, `role`, …
    pub name: String,
    /// What the pages call it (`label` in the mapping, else the name).
    pub label: String,
    /// The declared bands, in order; the counts carry one more, "not stated", last.
    pub bands: Vec<BandName>,
    /// Whether the export says who has left (an `exit_date` column).
    pub leavers_known: bool,
    /// Teams with respondents in the export, by unit index, ascending.
    pub teams: Vec<(usize, Vec<BandCounts>)>,
}

/// How a band is named on the pages.
#[derive(Clone, Debug, PartialEq)]
pub enum BandName {
    /// Years from `from` (inclusive) to `to` (exclusive); `None` is open.
    Years { from: Option<f64>, to: Option<f64> },
    /// A band named in the mapping (`groups`).
    Named(String),
}

/// The respondents of one team in one band.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BandCounts {
    pub responses: u64,
    /// Of `responses`, those with an exit date.
    pub leavers: u64,
    pub enps: Answers,
    /// Indexed like `Framework::items(Side::Ex)`; zero counts for items the export lacks.
    pub items: Vec<Answers>,
}
