//! `content/surveys/*.yaml`: one period's answer counts per team, checked against the framework
//! and the unit tree.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::{Framework, Side};
use crate::model::{Answers, CxResult, ExResult, ResponsesFile, SurveyPeriod, UnitTree};
use crate::period::{Granularity, Period};

use super::MAX_COUNT;
use super::reader::SiteReader;
use super::responses;
use super::yaml::{at, in_source_order, parse_yaml};
use crate::suggest::closest;

/// A survey file's mapping of team or item ids. foldhash instead of SipHash: a 20,000-team
/// period has half a million keys, and hashing them was a tenth of reading the file. It is seeded
/// per process like the standard hasher, and the order of the keys is never used (entries are
/// placed by unit and item index).
pub(super) type KeyMap<V> = HashMap<Spanned<String>, V, foldhash::fast::RandomState>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSurvey {
    pub(super) period: Spanned<String>,
    #[serde(default)]
    pub(super) ex: KeyMap<RawEx>,
    #[serde(default)]
    pub(super) cx: KeyMap<RawCx>,
    pub(super) ex_responses: Option<Spanned<super::responses::RawResponses>>,
    pub(super) cx_responses: Option<Spanned<super::responses::RawResponses>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEx {
    pub(super) invited: Spanned<u64>,
    pub(super) responses: Spanned<u64>,
    pub(super) headcount: Option<Spanned<f64>>,
    pub(super) leavers: Option<Spanned<u64>>,
    pub(super) enps: Option<Spanned<RawAnswers>>,
    #[serde(default)]
    pub(super) items: KeyMap<Spanned<RawAnswers>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCx {
    pub(super) responses: Spanned<u64>,
    pub(super) nps: Option<Spanned<RawAnswers>>,
    #[serde(default)]
    pub(super) items: KeyMap<Spanned<RawAnswers>>,
}

/// `[0, 1, 2, 5, 4]` or `{ counts: [0, 1, 2, 5, 4], na: 2 }`.
pub(super) struct RawAnswers(pub(super) Answers);

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

/// Where responses files are read from, and where what they give is gathered.
type Gather<'a, 'b> = (
    &'a SiteReader,
    &'b mut Vec<ResponsesFile>,
    &'b mut Vec<Diagnostic>,
);

/// The period the file names (if it parses) and the validated results (if all is well).
pub(super) fn parse_survey(
    path: &Path,
    text: &str,
    framework: &Framework,
    units: &UnitTree,
    gather: &mut Gather,
    diagnostics: &mut Diagnostics,
) -> (Option<Period>, Option<SurveyPeriod>) {
    // The fast reader first (see `fast.rs`). Its values carry no source locations, so when the
    // checks find anything the file is read again with locations, and every message comes from
    // that read. It never reads responses files, so `gather` stays untouched.
    if let Some(raw) = super::fast::read(text) {
        let mut found = Diagnostics::default();
        let result = check_survey(path, raw, framework, units, gather, &mut found);
        if found.is_empty() {
            return result;
        }
    }
    parse_survey_located(path, text, framework, units, gather, diagnostics)
}

/// [`parse_survey`] with serde-saphyr's located parse only.
pub(super) fn parse_survey_located(
    path: &Path,
    text: &str,
    framework: &Framework,
    units: &UnitTree,
    gather: &mut Gather,
    diagnostics: &mut Diagnostics,
) -> (Option<Period>, Option<SurveyPeriod>) {
    match parse_yaml(path, text, 0) {
        Ok(raw) => check_survey(path, raw, framework, units, gather, diagnostics),
        Err(d) => {
            diagnostics.push(d);
            (None, None)
        }
    }
}

/// The checks of one parsed survey file.
fn check_survey(
    path: &Path,
    raw: RawSurvey,
    framework: &Framework,
    units: &UnitTree,
    (reader, files, warnings): &mut Gather,
    diagnostics: &mut Diagnostics,
) -> (Option<Period>, Option<SurveyPeriod>) {
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
    // Teams read from responses files (see `load/responses/`), beside the teams given as counts.
    let mut background = Vec::new();
    let mut comments = None;
    if let Some(key) = raw.ex_responses
        && let Some(mut read) =
            responses::read_ex(path, &key, reader, framework, units, diagnostics)
    {
        read.file.period = period;
        background = std::mem::take(&mut read.background);
        comments = read.comments.take();
        let place = (&mut **files, &mut **warnings);
        responses::merge(path, &key, &mut ex, read, units, place, diagnostics);
    }
    if let Some(key) = raw.cx_responses
        && let Some(mut read) =
            responses::read_cx(path, &key, reader, framework, units, diagnostics)
    {
        read.file.period = period;
        let place = (&mut **files, &mut **warnings);
        responses::merge(path, &key, &mut cx, read, units, place, diagnostics);
    }
    let Some(period) = period else {
        return (None, None);
    };
    let survey = (diagnostics.len() == before).then(|| SurveyPeriod {
        period,
        source: path.to_path_buf(),
        ex,
        cx,
        background,
        comments,
    });
    (Some(period), survey)
}

/// The unit a survey entry refers to; it must exist and be a team (a leaf).
pub(super) fn resolve_leaf(
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

pub(super) fn check_ex(
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
            e,
            11,
            per_question,
            &|| "eNPS answers 0 to 10".into(),
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

pub(super) fn check_cx(
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
            e,
            11,
            per_question,
            &|| "NPS answers 0 to 10".into(),
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
    raw: KeyMap<Spanned<RawAnswers>>,
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
                items[item.index] = Some(check_answers(
                    path,
                    answers,
                    points,
                    responses,
                    &|| format!("answers 1 to {points}"),
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

/// The checked answers, moved out of the parse (no copy: a 20,000-team period has half a
/// million of them). `what` names the scale in a message, built only when there is one.
fn check_answers(
    path: &Path,
    answers: Spanned<RawAnswers>,
    points: usize,
    responses: u64,
    what: &dyn Fn() -> String,
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
            &answers,
            format!("an answer count is larger than kolikko accepts ({MAX_COUNT}): is it a typo?"),
        ));
    } else if value.counts.len() != points {
        diagnostics.push(at(
            path,
            &answers,
            format!(
                "expected {points} counts ({}), found {}",
                what(),
                value.counts.len()
            ),
        ));
    } else {
        match value.checked_total() {
            None => diagnostics.push(at(path, &answers, "the counts are too large to add up")),
            Some(total) if total != responses => {
                let na = if value.na > 0 {
                    format!(" plus {} not applicable", value.na)
                } else {
                    String::new()
                };
                diagnostics.push(at(
                    path,
                    &answers,
                    format!(
                        "the answer counts add up to {}{na}, but responses is {responses}; every respondent is counted once per question (a skipped question counts under `na`)",
                        total - value.na
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    let mut answers = answers.value.0;
    // Held for the whole build: no spare capacity (a no-op for the fast reader's exact lists).
    answers.counts.shrink_to_fit();
    answers
}

/// Rejects duplicate periods and mixed granularities.
pub(super) fn check_periods(named: &mut [(Period, PathBuf)], diagnostics: &mut Diagnostics) {
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
    // Blame the files that differ from most of the site (a quarterly file in a monthly
    // site), not whichever file happens to sort first; a tie keeps the earliest file's kind.
    let Some((first, _)) = named.first() else {
        return;
    };
    let mut counts: Vec<(Granularity, usize)> = Vec::new();
    for (period, _) in named.iter() {
        match counts.iter_mut().find(|(g, _)| *g == period.granularity) {
            Some((_, n)) => *n += 1,
            None => counts.push((period.granularity, 1)),
        }
    }
    let usual = counts
        .iter()
        .max_by_key(|&&(g, n)| (n, g == first.granularity))
        .map_or(first.granularity, |&(g, _)| g);
    let Some((example, example_path)) = named.iter().find(|(p, _)| p.granularity == usual) else {
        return;
    };
    let kind = |g: Granularity| match g {
        Granularity::Quarter => ("a quarter", "quarters"),
        Granularity::Month => ("a month", "months"),
        Granularity::Week => ("a week", "weeks"),
    };
    for (period, path) in named.iter().filter(|(p, _)| p.granularity != usual) {
        diagnostics.push(
            Diagnostic::whole_file(
                path,
                format!(
                    "period {period} is {}, but the site's other survey periods are {} (such as {example} in {}): all periods of a site are quarters, months or weeks",
                    kind(period.granularity).0,
                    kind(usual).1,
                    example_path.display()
                ),
            )
            .with_help(format!(
                "give this file's results by {} too, or keep them in a site of their own",
                kind(usual).0.trim_start_matches("a ")
            )),
        );
    }
}
