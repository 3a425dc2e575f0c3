//! The words of a scale's answer options ("1 = Täysin eri mieltä"), as charts, tables and the
//! method page show them. The built-in likert5 takes its words from the translations; a site's
//! own scale from its `labels:` in kolikko.yaml. The words are looked up once per chart, never
//! per unit or per answer.

use crate::framework::{Framework, Language, PointLabels, ScaleId};
use crate::i18n::{Arg, Translations};

/// The built-in likert5's words, point 1 first.
const LIKERT5: [&str; 5] = [
    "likert5_1",
    "likert5_2",
    "likert5_3",
    "likert5_4",
    "likert5_5",
];

/// The words of each point of scale `id` in `language`, point 1 first; `None` when the scale
/// has none in that language (readers then see numbers only).
pub(super) fn point_labels<'a>(
    framework: &'a Framework,
    id: ScaleId,
    language: Language,
    tr: &'static Translations,
) -> Option<Vec<&'a str>> {
    let scale = framework.scale(id);
    match scale.labels {
        PointLabels::Translated => Some(LIKERT5.iter().map(|k| tr.text(k)).collect()),
        _ => scale
            .written_labels(language)
            .map(|l| l.iter().map(String::as_str).collect()),
    }
}

/// "4 = Agree".
pub(super) fn point(tr: &Translations, point: usize, label: &str) -> String {
    tr.format(
        "scale_point",
        &[("point", Arg::from(point)), ("label", Arg::from(label))],
    )
}

/// The answers of a band `from..=to` (1-based): "4–5" without words; with them every point of
/// a band of up to three ("4 = Agree, 5 = Strongly agree"), else its ends ("1 = … … 4 = …").
pub(super) fn band(tr: &Translations, from: u8, to: u8, labels: Option<&[&str]>) -> String {
    let (from, to) = (usize::from(from), usize::from(to));
    let Some(labels) = labels.filter(|l| to <= l.len() && from >= 1 && from <= to) else {
        return if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
    };
    let of = |p: usize| point(tr, p, labels[p - 1]);
    if to - from < 3 {
        (from..=to).map(of).collect::<Vec<_>>().join(", ")
    } else {
        format!("{} … {}", of(from), of(to))
    }
}

/// Every point with its words: "1 = Strongly disagree, 2 = Disagree, …, 5 = Strongly agree".
pub(super) fn all(tr: &Translations, labels: &[&str]) -> String {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| point(tr, i + 1, l))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_name_their_points_when_the_scale_has_words() {
        let tr = Translations::embedded(Language::En);
        let words = ["one", "two", "three", "four", "five", "six", "seven"];
        // The number and its words are kept together by no-break spaces.
        assert_eq!(point(tr, 4, "four"), "4\u{a0}=\u{a0}four");
        let band = |from, to, words| band(tr, from, to, words).replace('\u{a0}', " ");
        let all = |tr, words| all(tr, words).replace('\u{a0}', " ");
        assert_eq!(band(4, 5, None), "4–5");
        assert_eq!(band(3, 3, None), "3");
        assert_eq!(band(3, 3, Some(&words)), "3 = three");
        assert_eq!(band(6, 7, Some(&words)), "6 = six, 7 = seven");
        assert_eq!(band(1, 3, Some(&words)), "1 = one, 2 = two, 3 = three");
        assert_eq!(band(1, 4, Some(&words)), "1 = one … 4 = four");
        // Words that do not cover the band (never after validation) give numbers.
        assert_eq!(band(4, 8, Some(&words)), "4–8");
        assert_eq!(all(tr, &words[..2]), "1 = one, 2 = two");
    }

    #[test]
    fn the_built_in_scale_has_words_in_every_language() {
        let framework = Framework::default_six();
        for (language, first, last) in [
            (Language::En, "Strongly disagree", "Strongly agree"),
            (Language::Fi, "Täysin eri mieltä", "Täysin samaa mieltä"),
            (Language::Sv, "Helt av annan åsikt", "Helt av samma åsikt"),
        ] {
            let labels = point_labels(
                &framework,
                ScaleId::LIKERT5,
                language,
                Translations::embedded(language),
            )
            .unwrap();
            assert_eq!(labels.len(), 5);
            assert_eq!((labels[0], labels[4]), (first, last), "{language:?}");
        }
    }
}
