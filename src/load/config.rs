//! `kolikko.yaml`: site settings, answer scales and the factor framework.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::framework::{Factor, Framework, Item, Language, PointLabels, ScaleDef, ScaleId, Text};
use crate::model::Config;
use crate::stats::Scale;

use super::MIN_ANONYMITY_THRESHOLD;
use super::yaml::{at, in_source_order, parse_yaml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    organisation: String,
    language: Option<Spanned<String>>,
    /// Several languages in one build: `[fi, sv]`, the first the default.
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    anonymity_threshold: Option<Spanned<u64>>,
    cx_low_n: Option<u64>,
    cx_threshold: Option<Spanned<u64>>,
    allow_raw_html: Option<bool>,
    /// Named answer scales beside the built-in `likert5`.
    #[serde(default)]
    scales: HashMap<Spanned<String>, Spanned<RawScale>>,
    framework: Option<Spanned<RawFramework>>,
    comments: Option<RawComments>,
}

/// `comments:`: open-text comments from exports, off unless `show: true`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComments {
    #[serde(default)]
    show: bool,
    threshold: Option<Spanned<u64>>,
    #[serde(default)]
    mask_names: Vec<String>,
}

/// An agreement scale: answers 1..=points, favourable from `favourable_from` up, unfavourable
/// up to `unfavourable_to`, neutral in between.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    points: u8,
    favourable_from: u8,
    unfavourable_to: u8,
    labels: Option<Spanned<RawLabels>>,
}

/// A scale's point labels: one list, or a map of language (en, fi, sv) to list.
enum RawLabels {
    All(Vec<Spanned<String>>),
    ByLanguage(HashMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>),
}

impl<'de> Deserialize<'de> for RawLabels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawLabels;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of labels, one per point, or a map of language (en, fi, sv) to such a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawLabels::All)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                HashMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawLabels::ByLanguage)
            }
        }
        deserializer.deserialize_any(V)
    }
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

/// The settings and the framework, each when valid. They are separate so that a mistake in the
/// settings does not also hide every survey error: the surveys are checked against the
/// framework whenever it is known.
pub(super) fn parse_config(
    path: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> (Option<Config>, Option<Framework>) {
    let raw: RawConfig = match parse_yaml(path, text, 0) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            // The file does not parse; unless it lists its own factors, the surveys use the
            // default framework, so they can still be checked.
            let custom = text.lines().any(|l| {
                l.strip_prefix("framework:")
                    .is_some_and(|rest| !rest.trim().starts_with("default"))
            });
            return (None, (!custom).then(Framework::default_six));
        }
    };
    let before = diagnostics.len();
    let mut parse_language = |l: &Spanned<String>| match l.value.as_str() {
        "en" => Some(Language::En),
        "fi" => Some(Language::Fi),
        "sv" => Some(Language::Sv),
        other => {
            diagnostics.push(at(
                path,
                l,
                format!("unknown language `{other}`: expected en, fi or sv"),
            ));
            None
        }
    };
    let mut languages: Vec<Language> = Vec::new();
    if let Some(list) = &raw.languages {
        for l in &list.value {
            if let Some(language) = parse_language(l)
                && !languages.contains(&language)
            {
                languages.push(language);
            }
        }
    }
    let language = match &raw.language {
        None => languages.first().copied().unwrap_or(Language::En),
        Some(l) => parse_language(l).unwrap_or(Language::En),
    };
    if let (Some(l), Some(list)) = (&raw.language, &raw.languages)
        && languages.first().is_some_and(|&first| first != language)
    {
        diagnostics.push(at(
            path,
            list,
            format!(
                "`language: {}` and `languages` disagree: the first of `languages` is the default; drop `language` or list it first",
                l.value
            ),
        ));
    }
    if raw.languages.as_ref().is_some_and(|l| l.value.is_empty()) {
        diagnostics.push(at(
            path,
            raw.languages.as_ref().unwrap(),
            "`languages` is empty: list at least one of en, fi, sv, e.g. `languages: [fi, sv]`"
                .to_string(),
        ));
    }
    if languages.is_empty() {
        languages.push(language);
    }
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
    // Scales belong to the framework: a bad scale makes its items' counts uncheckable.
    let before_framework = diagnostics.len();
    let scales = check_scales(path, raw.scales, diagnostics);
    let framework = match raw.framework {
        None => Framework::default_six(),
        Some(f) => match f.value {
            RawFramework::Default => Framework::default_six(),
            RawFramework::Custom(factors) => {
                build_framework(path, &f.referenced, factors, scales, diagnostics)
            }
        },
    };
    let cx_threshold = match &raw.cx_threshold {
        Some(t) if t.value == 0 => {
            diagnostics.push(at(
                path,
                t,
                "cx_threshold 0 would publish groups without customers; use at least 1 (3 is the default)".to_string(),
            ));
            3
        }
        Some(t) => t.value,
        None => 3,
    };
    let comments = raw.comments.map_or_else(Default::default, |c| {
        if let Some(t) = &c.threshold
            && t.value < anonymity_threshold
        {
            diagnostics.push(at(
                path,
                t,
                format!(
                    "comments: threshold {} is below the anonymity_threshold {anonymity_threshold}: comments need at least as many respondents as any other figure; use {anonymity_threshold} or more ({} is the default)",
                    t.value,
                    crate::comments::DEFAULT_COMMENT_THRESHOLD
                ),
            ));
        }
        crate::comments::CommentSettings {
            enabled: c.show,
            threshold: c.threshold.map(|t| t.value),
            names: c.mask_names,
        }
    });
    let config = Config {
        title: raw.title,
        organisation: raw.organisation,
        language,
        languages,
        anonymity_threshold,
        cx_low_n: raw.cx_low_n.unwrap_or(30),
        cx_threshold,
        allow_raw_html: raw.allow_raw_html.unwrap_or(false),
        comments,
    };
    let framework_ok = diagnostics.len() == before_framework;
    (
        (diagnostics.len() == before).then_some(config),
        framework_ok.then_some(framework),
    )
}

/// The site's scales by name, with `likert5` built in; each must have sensible cut-points and,
/// if it has labels, one non-empty label per point in a known language.
fn check_scales(
    path: &Path,
    raw: HashMap<Spanned<String>, Spanned<RawScale>>,
    diagnostics: &mut Diagnostics,
) -> Vec<ScaleDef> {
    let mut scales = vec![ScaleDef::likert5()];
    for (name, raw) in in_source_order(raw) {
        let location = raw.referenced;
        let RawScale {
            points,
            favourable_from,
            unfavourable_to,
            labels,
        } = raw.value;
        let scale = Scale {
            points,
            favourable_from,
            unfavourable_to,
        };
        let valid =
            (2..=11).contains(&scale.points) && scale.unfavourable_to >= 1 && scale.is_valid();
        if !valid {
            diagnostics.push(Diagnostic::new(
                path,
                location.line(),
                location.column(),
                format!(
                    "scale `{}`: expected 2 to 11 points, with 1 ≤ unfavourable_to < favourable_from ≤ points",
                    name.value
                ),
            ));
        }
        let labels = match labels {
            None => PointLabels::None,
            Some(labels) => check_labels(path, &name.value, points, labels, valid, diagnostics),
        };
        if scales.iter().any(|s| s.name == name.value) {
            diagnostics.push(at(
                path,
                &name,
                format!(
                    "scale `{}` is defined twice (likert5 is built in)",
                    name.value
                ),
            ));
            continue;
        }
        scales.push(ScaleDef {
            name: name.value.clone(),
            // Still known by name, so its items do not also report an "unknown scale".
            scale: if valid { scale } else { Scale::LIKERT5 },
            labels,
            line: name.referenced.line(),
            column: name.referenced.column(),
        });
    }
    scales
}

/// A scale's `labels:`; `count_known` says whether `points` is valid, so that a wrong count is
/// only reported for a scale whose number of points is right.
fn check_labels(
    path: &Path,
    scale: &str,
    points: u8,
    labels: Spanned<RawLabels>,
    count_known: bool,
    diagnostics: &mut Diagnostics,
) -> PointLabels {
    let list = |language: Option<&str>,
                location: &serde_saphyr::Location,
                raw: Vec<Spanned<String>>,
                diagnostics: &mut Diagnostics|
     -> Vec<String> {
        let of = language.map_or(String::new(), |l| format!(" in `{l}`"));
        if count_known && raw.len() != usize::from(points) {
            diagnostics.push(Diagnostic::new(
                path,
                location.line(),
                location.column(),
                format!(
                    "scale `{scale}`: {} labels{of} for {points} points: give one label per point, from 1 up to {points}",
                    raw.len()
                ),
            ));
        }
        for (i, label) in raw.iter().enumerate() {
            if label.value.trim().is_empty() {
                diagnostics.push(at(
                    path,
                    label,
                    format!(
                        "scale `{scale}`: the label of point {}{of} is empty: write the words the survey showed for it",
                        i + 1
                    ),
                ));
            }
        }
        raw.into_iter()
            .map(|l| l.value.trim().to_string())
            .collect()
    };
    let location = labels.referenced;
    match labels.value {
        RawLabels::All(raw) => PointLabels::All(list(None, &location, raw, diagnostics)),
        RawLabels::ByLanguage(map) => {
            if map.is_empty() {
                diagnostics.push(Diagnostic::new(
                    path,
                    location.line(),
                    location.column(),
                    format!("scale `{scale}`: `labels` is empty: give one list, or a list per language such as `{{ fi: [...], sv: [...] }}`"),
                ));
            }
            let (mut en, mut fi, mut sv) = (None, None, None);
            for (language, raw) in in_source_order(map) {
                let slot = match language.value.as_str() {
                    "en" => &mut en,
                    "fi" => &mut fi,
                    "sv" => &mut sv,
                    other => {
                        diagnostics.push(at(
                            path,
                            &language,
                            format!("scale `{scale}`: unknown language `{other}` for labels: expected en, fi or sv"),
                        ));
                        continue;
                    }
                };
                *slot = Some(list(
                    Some(&language.value),
                    &raw.referenced,
                    raw.value,
                    diagnostics,
                ));
            }
            PointLabels::ByLanguage { en, fi, sv }
        }
    }
}

fn build_framework(
    path: &Path,
    location: &serde_saphyr::Location,
    raw: Vec<RawFactor>,
    scales: Vec<ScaleDef>,
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
                    let scale_id = match &item.scale {
                        None => ScaleId::LIKERT5,
                        Some(name) => match scales.iter().position(|s| s.name == name.value) {
                            Some(i) => ScaleId(i as u16),
                            None => {
                                let mut known: Vec<&str> =
                                    scales.iter().map(|s| s.name.as_str()).collect();
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
                                ScaleId::LIKERT5
                            }
                        },
                    };
                    Item {
                        id: item.id.value,
                        text: item.text.0,
                        scale: scales[usize::from(scale_id.0)].scale,
                        scale_id,
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
    Framework { factors, scales }
}

pub(super) fn is_valid_id(id: &str) -> bool {
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
