//! The words of the pages in English, Finnish and Swedish, as Project Fluent messages: one
//! `.ftl` file per language in `i18n/`, embedded in the binary. A site may override any message
//! with its own `i18n/<language>.ftl` (see docs/format.md). Templates read plain messages as
//! `t.key`; Rust code asks for a plain message with [`text`] or [`Translations::text`], and for
//! a message with named arguments (numbers choose the plural form by the language's CLDR rules)
//! with [`Translations::format`].

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

pub use fluent_bundle::FluentValue as Arg;

use crate::format::NumberFormat;
use crate::framework::Language;

const LANGUAGES: [Language; 3] = [Language::En, Language::Fi, Language::Sv];

/// The embedded message files, one per language.
fn embedded(language: Language) -> &'static str {
    match language {
        Language::En => include_str!("../i18n/en.ftl"),
        Language::Fi => include_str!("../i18n/fi.ftl"),
        Language::Sv => include_str!("../i18n/sv.ftl"),
    }
}

/// The messages of one language: the embedded file, then a site's overrides.
pub struct Translations {
    bundle: FluentBundle<FluentResource>,
    /// Every message that needs no arguments, formatted once (templates read these).
    plain: BTreeMap<&'static str, &'static str>,
    /// `plain` plus the period words of a quarterly, monthly, weekly or unknown site.
    by_granularity: [OnceLock<BTreeMap<&'static str, &'static str>>; 4],
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translations")
            .field("messages", &self.plain.len())
            .finish()
    }
}

/// Parses one `.ftl` text; an error names the line and column of each problem.
fn parse(source: String, file: &str) -> Result<FluentResource, String> {
    FluentResource::try_new(source).map_err(|(resource, errors)| {
        let text = resource.source();
        errors
            .iter()
            .map(|e| {
                let at = e.pos.start.min(text.len());
                let line = text[..at].matches('\n').count() + 1;
                let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
                format!(
                    "{file}:{line}:{column}: not a Fluent message ({:?}); write messages as `key = text`, \
                     with `{{ $name }}` for a value",
                    e.kind
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Messages that take only `$granularity` (the site's period length), resolved once per site by
/// [`Translations::strings_for`] so pages can look them up plainly.
const GRANULARITY_KEYS: [&str; 5] = [
    "periods",
    "period",
    "latest_period",
    "all_periods",
    "turnover_per_period",
];

impl Translations {
    fn build(language: Language, site_override: Option<(&str, &str)>) -> Result<Self, String> {
        let id: unic_langid::LanguageIdentifier = language
            .code()
            .parse()
            .expect("language codes are valid identifiers");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Isolation marks (U+2068/U+2069) would land in HTML attributes and SVG text; all
        // three languages run left to right, so they buy nothing here.
        bundle.set_use_isolating(false);
        let base = parse(
            embedded(language).to_string(),
            &format!("i18n/{}.ftl", language.code()),
        )
        .expect("embedded translations parse");
        bundle.add_resource(base).expect("embedded keys are unique");
        if let Some((file, source)) = site_override {
            let resource = parse(source.to_string(), file)?;
            bundle.add_resource_overriding(resource);
        }
        let mut keys: Vec<String> = Vec::new();
        for source in [Some(embedded(language)), site_override.map(|(_, s)| s)]
            .into_iter()
            .flatten()
        {
            if let Ok(resource) = FluentResource::try_new(source.to_string()) {
                keys.extend(message_ids(&resource));
            }
        }
        let mut plain = BTreeMap::new();
        for key in keys {
            let Some(message) = bundle.get_message(&key) else {
                continue;
            };
            let Some(pattern) = message.value() else {
                continue;
            };
            let mut errors = Vec::new();
            let value = bundle.format_pattern(pattern, None, &mut errors);
            if errors.is_empty() {
                let key: &'static str = Box::leak(key.into_boxed_str());
                let value: &'static str = Box::leak(value.into_owned().into_boxed_str());
                plain.insert(key, value);
            }
        }
        Ok(Translations {
            bundle,
            plain,
            by_granularity: Default::default(),
        })
    }

    /// The embedded messages of a language.
    pub fn embedded(language: Language) -> &'static Translations {
        static CACHE: OnceLock<[Translations; 3]> = OnceLock::new();
        let all = CACHE.get_or_init(|| {
            LANGUAGES.map(|l| Translations::build(l, None).expect("embedded translations"))
        });
        &all[LANGUAGES.iter().position(|&l| l == language).unwrap()]
    }

    /// The messages of a language with a site's overrides (`file` names the override file in
    /// errors). Built once per distinct override text and kept for the life of the process,
    /// so `serve` rebuilding the same site does not build them again.
    pub fn with_override(
        language: Language,
        file: &str,
        source: &str,
    ) -> Result<&'static Translations, String> {
        type Key = (Language, String);
        static CACHE: OnceLock<Mutex<HashMap<Key, &'static Translations>>> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let key = (language, source.to_string());
        if let Some(found) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(found);
        }
        let built: &'static Translations = Box::leak(Box::new(Translations::build(
            language,
            Some((file, source)),
        )?));
        cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, built);
        Ok(built)
    }

    /// Every message that needs no arguments, keyed for templates.
    pub fn strings(&self) -> &BTreeMap<&'static str, &'static str> {
        &self.plain
    }

    /// One message without arguments. Panics on an unknown key: keys are checked by the
    /// tests below against the code that asks for them.
    pub fn text(&self, key: &str) -> &'static str {
        self.plain
            .get(key)
            .copied()
            .unwrap_or_else(|| panic!("missing UI string `{key}` (or it needs arguments)"))
    }

    /// One message with named arguments: numbers (`Arg::from(3)`) choose plural forms, text
    /// (`Arg::from("…")`) is put in as it is, so format decimals with the site's
    /// `NumberFormat` first.
    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let message = self
            .bundle
            .get_message(key)
            .unwrap_or_else(|| panic!("missing UI string `{key}`"));
        let pattern = message
            .value()
            .unwrap_or_else(|| panic!("UI string `{key}` has no value"));
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        debug_assert!(errors.is_empty(), "UI string `{key}`: {errors:?}");
        text.into_owned()
    }

    /// A period as readers say it: "Q3/2026", "kesäkuu 2026", "juni 2026".
    pub fn period(&self, period: crate::period::Period) -> String {
        use crate::period::Granularity;
        let (key, name) = match period.granularity {
            Granularity::Quarter => ("period_quarter", "quarter"),
            Granularity::Month => ("period_month", "month"),
            Granularity::Week => ("period_week", "week"),
        };
        self.format(
            key,
            &[
                (name, Arg::from(period.number)),
                ("year", Arg::from(period.year.to_string())),
            ],
        )
    }

    /// The template strings of a site whose periods are of one kind: "Neljännekset" on a
    /// quarterly site, "Kuukaudet" on a monthly one. Built once per kind.
    pub fn strings_for(
        &'static self,
        granularity: Option<crate::period::Granularity>,
    ) -> &'static BTreeMap<&'static str, &'static str> {
        use crate::period::Granularity;
        let (slot, kind) = match granularity {
            Some(Granularity::Quarter) => (0, "quarter"),
            Some(Granularity::Month) => (1, "month"),
            Some(Granularity::Week) => (2, "week"),
            None => (3, "other"),
        };
        self.by_granularity[slot].get_or_init(|| {
            let mut strings = self.plain.clone();
            for key in GRANULARITY_KEYS {
                let text = self.format(key, &[("granularity", Arg::from(kind))]);
                strings.insert(key, Box::leak(text.into_boxed_str()));
            }
            strings
        })
    }

    /// Items joined as a reader lists them: "A", "A and B", "A, B and C".
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => self.format(
                "list_and",
                &[
                    ("first", Arg::from(rest.join(", "))),
                    ("last", Arg::from(last.as_str())),
                ],
            ),
        }
    }
}

/// The ids of the messages in one resource.
fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The UI strings of one language, keyed for templates (embedded messages).
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    Translations::embedded(language).strings().clone()
}

/// One embedded UI string, for Rust code that builds text (chart titles, descriptions).
pub fn text(language: Language, key: &str) -> &'static str {
    Translations::embedded(language).text(key)
}

pub fn number_format(language: Language) -> NumberFormat {
    match language {
        Language::En => NumberFormat::ENGLISH,
        Language::Fi | Language::Sv => NumberFormat::NORDIC,
    }
}

/// A date as the language writes it: `14 Aug 2026`, `14.8.2026`.
pub fn date(language: Language, date: crate::model::Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match language {
        Language::En => format!(
            "{} {} {}",
            date.day,
            MONTHS[(date.month - 1) as usize],
            date.year
        ),
        Language::Fi | Language::Sv => format!("{}.{}.{}", date.day, date.month, date.year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(language: Language) -> Vec<String> {
        let resource = FluentResource::try_new(embedded(language).to_string())
            .unwrap_or_else(|_| panic!("i18n/{}.ftl parses", language.code()));
        message_ids(&resource)
    }

    #[test]
    fn every_language_has_every_key_once() {
        let english = ids(Language::En);
        let mut unique = english.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), english.len(), "duplicate key in en.ftl");
        for language in [Language::Fi, Language::Sv] {
            let mut keys = ids(language);
            keys.sort();
            assert_eq!(
                keys,
                unique,
                "{}.ftl keys differ from en.ftl",
                language.code()
            );
        }
        assert_eq!(text(Language::Fi, "overview"), "Yleiskuva");
    }

    /// Every key the page code and templates ask for exists (a missing one would stop a
    /// build), and every defined key is used somewhere. After a merge that adds a key to
    /// the code, this names it until it is in all three `.ftl` files.
    #[test]
    fn every_key_is_defined_and_used() {
        let code = [
            include_str!("pages/mod.rs"),
            include_str!("pages/figures/mod.rs"),
            include_str!("pages/figures/linkage.rs"),
            include_str!("pages/figures/scales.rs"),
            include_str!("pages/figures/teams.rs"),
            include_str!("pages/figures/trends.rs"),
            include_str!("pages/figure_html.rs"),
            include_str!("pages/shortcodes.rs"),
            include_str!("pages/languages.rs"),
            include_str!("pages/method.rs"),
            include_str!("pages/scale.rs"),
            include_str!("pages/points.rs"),
            include_str!("pages/lifecycle.rs"),
            include_str!("pages/tiles.rs"),
            include_str!("pages/overview.rs"),
            include_str!("pages/periods.rs"),
            include_str!("pages/units.rs"),
            include_str!("pages/factors.rs"),
            include_str!("pages/posts.rs"),
            include_str!("pages/theme.rs"),
            include_str!("pages/comments.rs"),
        ];
        let keys = ids(Language::En);
        let mut used = std::collections::BTreeSet::new();
        for source in code {
            for pattern in [
                "self.t(\"",
                "renderer.t(\"",
                "r.t(\"",
                "r.tr(\n",
                "text(self.language, \"",
                ".text(\"",
                ".format(\n",
                ".format(\"",
                ".tr(\"",
            ] {
                for (at, _) in source.match_indices(pattern) {
                    let rest = source[at + pattern.len()..].trim_start();
                    let rest = rest.strip_prefix('"').unwrap_or(rest);
                    let Some(end) = rest.find('"') else { continue };
                    let key = &rest[..end];
                    if pattern.starts_with(".format")
                        && !key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    {
                        continue;
                    }
                    assert!(
                        keys.iter().any(|k| k == key),
                        "UI string `{key}` is used but not defined in i18n/*.ftl"
                    );
                    // A plain lookup of a message that needs arguments would panic at build.
                    if pattern.ends_with("t(\"") {
                        assert!(
                            Translations::embedded(Language::En).plain.contains_key(key)
                                || GRANULARITY_KEYS.contains(&key),
                            "UI string `{key}` needs arguments: use `tr`/`format`, not `t`"
                        );
                    }
                }
            }
            // Keys also travel through tables such as `("overview", "index.html")`.
            used.extend(
                keys.iter()
                    .filter(|k| source.contains(&format!("\"{k}\"")))
                    .cloned(),
            );
        }
        // Messages the i18n module asks for itself.
        used.extend(
            ["list_and", "period_quarter", "period_month", "period_week"].map(String::from),
        );
        for (name, source) in crate::pages::DEFAULT_TEMPLATES {
            // `t.key`, where `t` is a whole word (not the end of `post.`).
            for (at, _) in source.match_indices("t.") {
                if source[..at]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                {
                    continue;
                }
                let rest = &source[at + 2..];
                let key = &rest[..rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len())];
                assert!(
                    keys.iter().any(|k| k == key),
                    "{name}: UI string `{key}` is used but not defined"
                );
                used.insert(key.to_string());
            }
        }
        let unused: Vec<&String> = keys.iter().filter(|k| !used.contains(*k)).collect();
        assert!(
            unused.is_empty(),
            "UI strings defined but never used: {unused:?}"
        );
    }

    /// A turnover tile with nobody gone says so in words ("ei lähtijöitä"), not "0 lähtijää".
    #[test]
    fn no_leavers_is_said_in_words() {
        let note = |language, n: u64| {
            Translations::embedded(language).format(
                "turnover_note",
                &[
                    ("leavers", Arg::from(n)),
                    ("headcount", "13,6".into()),
                    ("average", "yes".into()),
                ],
            )
        };
        assert_eq!(
            note(Language::Fi, 0),
            "ei lähtijöitä, keskimääräinen henkilöstö 13,6"
        );
        assert_eq!(
            note(Language::Sv, 0),
            "ingen har slutat, genomsnittligt antal anställda 13,6"
        );
        assert_eq!(note(Language::En, 0), "no leavers, average headcount 13,6");
        assert_eq!(
            note(Language::Fi, 2),
            "2 lähtijää, keskimääräinen henkilöstö 13,6"
        );
    }

    /// Messages with a count, in Finnish and Swedish, for 1, 2, 5 and 21 of a thing: the
    /// plural forms come from each language's CLDR rules (21 is "other" in both, unlike
    /// in Russian, so a wrong rule set would show here).
    #[test]
    fn counted_messages_read_naturally() {
        for language in [Language::Fi, Language::Sv, Language::En] {
            let t = Translations::embedded(language);
            let mut out = String::new();
            for n in [1u64, 2, 5, 21] {
                let count = || Arg::from(n);
                let lines = [
                    t.format(
                        "turnover_note",
                        &[
                            ("leavers", count()),
                            ("headcount", "78".into()),
                            ("average", "yes".into()),
                        ],
                    ),
                    t.format("withheld_questions", &[("count", count())]),
                    t.format(
                        "withheld_note",
                        &[
                            ("unit", "Kemi".into()),
                            ("period", "Q3/2026".into()),
                            (
                                "measures",
                                t.format("withheld_questions", &[("count", count())]).into(),
                            ),
                            ("count", count()),
                        ],
                    ),
                    t.format(
                        "heatmap_desc",
                        &[
                            ("units", count()),
                            ("factors", count()),
                            ("hidden", count()),
                        ],
                    ),
                    t.format(
                        "largest_gap_sentence",
                        &[
                            ("unit", "Kemi".into()),
                            ("factor", "Osaaminen".into()),
                            ("gap", count()),
                            ("points", format!("−{n}").into()),
                        ],
                    ),
                    t.format(
                        "correlation_text",
                        &[
                            ("r", "0,62".into()),
                            ("low", "0,31".into()),
                            ("high", "0,81".into()),
                            ("p", "p = 0,004".into()),
                            ("teams", count()),
                        ],
                    ),
                    t.format(
                        "linkage_too_few",
                        &[("teams", count()), ("minimum", Arg::from(8))],
                    ),
                    t.format("lag_row_excx", &[("k", count()), ("pairs", count())]),
                    t.format("lag_row_same", &[("pairs", count())]),
                    t.format("factors_lead", &[("count", count())]),
                    t.format("reading_time", &[("minutes", count())]),
                ];
                out.push_str(&format!("# {n}\n{}\n", lines.join("\n")));
            }
            insta::assert_snapshot!(format!("counted_{}", language.code()), out);
        }
    }

    #[test]
    fn period_names_as_readers_say_them() {
        use crate::period::Period;
        let quarter = Period::parse("2026-Q3").unwrap();
        let month = Period::parse("2026-06").unwrap();
        let week = Period::parse("2026-W07").unwrap();
        let names = |l: Language| {
            let t = Translations::embedded(l);
            [t.period(quarter), t.period(month), t.period(week)]
        };
        assert_eq!(
            names(Language::Fi),
            ["Q3/2026", "kesäkuu 2026", "viikko 7/2026"]
        );
        assert_eq!(
            names(Language::Sv),
            ["Q3/2026", "juni 2026", "vecka 7/2026"]
        );
        assert_eq!(
            names(Language::En),
            ["Q3 2026", "June 2026", "week 7, 2026"]
        );
    }

    #[test]
    fn a_site_file_overrides_one_message_and_keeps_the_rest() {
        let t =
            Translations::with_override(Language::Fi, "i18n/fi.ftl", "posts = Raportit\n").unwrap();
        assert_eq!(t.text("posts"), "Raportit");
        assert_eq!(t.text("overview"), "Yleiskuva");
        let error =
            Translations::with_override(Language::Fi, "site/i18n/fi.ftl", "ok = A\n= broken\n")
                .unwrap_err();
        assert!(error.starts_with("site/i18n/fi.ftl:2:1: "), "{error}");
    }

    #[test]
    fn no_isolation_marks_in_output() {
        let t = Translations::embedded(Language::Fi);
        let s = t.format("cx_below_minimum", &[("n", Arg::from(5))]);
        assert_eq!(s, "alle 5 asiakasta vastasi");
    }

    #[test]
    fn lists_join_with_the_languages_and() {
        let items = ["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(
            Translations::embedded(Language::Fi).list(&items),
            "A, B ja C"
        );
        assert_eq!(
            Translations::embedded(Language::Sv).list(&items[..2]),
            "A och B"
        );
        assert_eq!(Translations::embedded(Language::En).list(&items[..1]), "A");
    }

    #[test]
    fn dates() {
        let d = crate::model::Date {
            year: 2026,
            month: 8,
            day: 14,
        };
        assert_eq!(date(Language::En, d), "14 Aug 2026");
        assert_eq!(date(Language::Fi, d), "14.8.2026");
    }
}
