//! Named scale points: a scale's `labels:` (one list, or one per language) reach the Likert
//! chart's legend, its hover titles and its data table, and the method page; they are escaped
//! like every other text from data; a site language without labels is a warning.

mod common;

use common::{Fixture, elements};

const UNITS: &str = "units:\n  - id: a\n    name: \"Tiimi A\"\n";

/// One factor, its EX question on a labelled 7-point scale (6–7 favourable, 4–5 neutral, 1–3
/// unfavourable), its CX question on the built-in likert5. `LABELS` is replaced by the labels.
const CONFIG: &str = "anonymity_threshold: 5\nscales:\n  agree7:\n    points: 7\n    favourable_from: 6\n    unfavourable_to: 3\n    labels: LABELS\nframework:\n  - id: pace\n    name: { en: \"Pace\", fi: \"Työtahti\", sv: \"Arbetstakt\" }\n    ex:\n      - id: ex_pace\n        text: { en: \"The pace is sustainable.\", fi: \"Työtahti on kestävä.\", sv: \"Takten är hållbar.\" }\n        scale: agree7\n    cx:\n      - id: cx_pace\n        text: { en: \"We were quick.\", fi: \"Palvelu oli nopeaa.\", sv: \"Vi var snabba.\" }\n";

const FI7: &str = "[\"Täysin eri mieltä\", \"Eri mieltä\", \"Jokseenkin eri mieltä\", \"Ei samaa eikä eri mieltä\", \"Jokseenkin samaa mieltä\", \"Samaa mieltä\", \"Täysin samaa mieltä\"]";
const SV7: &str = "[\"Helt av annan åsikt\", \"Av annan åsikt\", \"Delvis av annan åsikt\", \"Varken eller\", \"Delvis av samma åsikt\", \"Av samma åsikt\", \"Helt av samma åsikt\"]";

const SURVEY: &str = "period: 2026-Q1\nex:\n  a:\n    invited: 10\n    responses: 9\n    items:\n      ex_pace: [1, 1, 1, 1, 1, 2, 2]\ncx:\n  a:\n    responses: 30\n    items:\n      cx_pace: [2, 2, 6, 10, 10]\n";

fn site(head: &str, labels: &str) -> Fixture {
    let f = Fixture::new(
        &format!("{head}{}", CONFIG.replace("LABELS", labels)),
        UNITS,
    );
    f.write("content/surveys/2026-Q1.yaml", SURVEY);
    f
}

/// A built page with its no-break spaces (which keep "4 = Agree" together) as plain ones.
fn read(f: &Fixture, page: &str) -> String {
    f.read(page).replace('\u{a0}', " ")
}

fn build(f: &Fixture) -> String {
    let out = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// The Likert figure of the EX side on a unit page: its SVG legend texts, its band hover titles and its table header, one per line.
fn likert_legend(page: &str) -> String {
    let figure = elements(page, "<figure", "</figure>")
        .into_iter()
        .find(|f| f.contains("class=\"chart likert\"") || f.contains("likert-"))
        .expect("a Likert figure");
    // The legend is drawn first; the tick labels (percentages) follow it.
    let texts: Vec<&str> = elements(figure, "<text", "</text>")
        .into_iter()
        .take_while(|t| !t.contains('%'))
        .collect();
    let titles: Vec<&str> = elements(figure, "<title>", "</title>");
    let header = elements(figure, "<thead", "</thead>");
    format!(
        "{}\n{}\n{}",
        texts.join("\n"),
        titles.join("\n"),
        header.join("\n")
    )
}

fn scale_paragraph(method: &str) -> String {
    let article = elements(method, "<article", "</article>")[0];
    let at = article.find("<h2 id=\"scales\">").unwrap();
    let rest = &article[at..];
    let end = rest[4..].find("<h2").map_or(rest.len(), |e| e + 4);
    rest[..end].trim().to_string()
}

#[test]
fn a_labelled_seven_point_scale_reads_in_finnish_and_swedish() {
    let f = site(
        "languages: [fi, sv]\n",
        &format!("{{ fi: {FI7}, sv: {SV7} }}"),
    );
    let stderr = build(&f);
    assert!(!stderr.contains("labels"), "no warning expected: {stderr}");
    for language in ["fi", "sv"] {
        let unit = read(&f, &format!("{language}/units/a/index.html"));
        insta::assert_snapshot!(format!("likert_legend_{language}"), likert_legend(&unit));
        let method = read(&f, &format!("{language}/method/index.html"));
        insta::assert_snapshot!(
            format!("method_scales_{language}"),
            scale_paragraph(&method)
        );
    }
    let fi = read(&f, "fi/units/a/index.html");
    assert!(
        fi.contains("Myönteisiä (6 = Samaa mieltä, 7 = Täysin samaa mieltä)"),
        "the favourable band names its points"
    );
    assert!(
        fi.contains(
            "Kielteisiä (1 = Täysin eri mieltä, 2 = Eri mieltä, 3 = Jokseenkin eri mieltä)"
        )
    );
    assert!(
        fi.contains("Keskiarvo asteikolla 1–7 (1 = Täysin eri mieltä, 7 = Täysin samaa mieltä)")
    );
    // The CX question is on the built-in scale: its chart has the translations' words.
    assert!(fi.contains("Myönteisiä (4 = Jokseenkin samaa mieltä, 5 = Täysin samaa mieltä)"));
    let sv = read(&f, "sv/units/a/index.html");
    assert!(sv.contains("(4 = Varken eller, 5 = Delvis av samma åsikt)"));
    let method = read(&f, "sv/method/index.html");
    assert!(method.contains("Svarsalternativen är 1 = Helt av annan åsikt, 2 = Av annan åsikt, 3 = Delvis av annan åsikt, 4 = Varken eller, 5 = Delvis av samma åsikt, 6 = Av samma åsikt, 7 = Helt av samma åsikt."));
    assert!(method.contains("Svarsalternativen är 1 = Helt av annan åsikt, 2 = Delvis av annan åsikt, 3 = Varken eller, 4 = Delvis av samma åsikt, 5 = Helt av samma åsikt."));
}

#[test]
fn a_language_without_labels_shows_numbers_and_warns() {
    let f = site("languages: [fi, sv]\n", &format!("{{ fi: {FI7} }}"));
    let stderr = build(&f);
    assert!(
        stderr.contains("kolikko.yaml:6:3")
            && stderr.contains(
                "scale `agree7` has no Swedish (`sv`) labels, so the sv pages show its points as numbers only"
            ),
        "{stderr}"
    );
    let sv = read(&f, "sv/units/a/index.html");
    // Numbers only on the 7-point chart, never the Finnish words.
    assert!(sv.contains("Positiva (6–7)"), "{}", likert_legend(&sv));
    assert!(!sv.contains("Täysin"));
    let fi = read(&f, "fi/units/a/index.html");
    assert!(fi.contains("6 = Samaa mieltä"));
}

#[test]
fn labels_from_data_are_escaped_in_html_and_svg() {
    let labels = "[\"<b>&\\\"1\", \"two\", \"three\", \"four\", \"five\", \"six\", \"<b>&\\\"7\"]";
    let f = site("language: en\n", labels);
    build(&f);
    for page in ["units/a/index.html", "method/index.html", "index.html"] {
        let html = read(&f, page);
        assert!(
            !html.contains("<b>&"),
            "{page}: a label's markup got through"
        );
    }
    let unit = read(&f, "units/a/index.html");
    let legend = likert_legend(&unit);
    assert!(
        legend.contains("1 = &lt;b&gt;&amp;&quot;1") || legend.contains("1 = &lt;b&gt;&amp;\"1"),
        "{legend}"
    );
    let method = read(&f, "method/index.html");
    assert!(
        method.contains("1 = &lt;b&gt;&amp;"),
        "{}",
        scale_paragraph(&method)
    );
}

#[test]
fn a_chart_mixing_scales_gives_bands_alone_and_each_mean_its_scale() {
    let config = CONFIG.replace("LABELS", &format!("{{ fi: {FI7} }}")).replace(
        "        scale: agree7\n",
        "        scale: agree7\n      - id: ex_rest\n        text: { en: \"I can rest.\", fi: \"Ehdin levätä.\" }\n",
    );
    let f = Fixture::new(&format!("language: fi\n{config}"), UNITS);
    f.write(
        "content/surveys/2026-Q1.yaml",
        &SURVEY.replace(
            "      ex_pace: [1, 1, 1, 1, 1, 2, 2]\n",
            "      ex_pace: [1, 1, 1, 1, 1, 2, 2]\n      ex_rest: [0, 1, 2, 3, 3]\n",
        ),
    );
    build(&f);
    let unit = read(&f, "units/a/index.html");
    let legend = likert_legend(&unit);
    // The EX chart: no band can name points that differ between its questions.
    assert!(legend.contains(">Myönteisiä</text>"), "{legend}");
    assert!(!legend.contains(" = "), "{legend}");
    // Each mean names its own scale: (1+2+3+4+5+12+14)/9 = 4.6 and (2+6+12+15)/9 = 3.9.
    assert!(unit.contains("<td>4,6 (asteikko 1–7)</td>"));
    assert!(unit.contains("<td>3,9 (asteikko 1–5)</td>"));
    // The CX chart, on likert5 alone, keeps the translations' words.
    assert!(unit.contains("Myönteisiä (4 = Jokseenkin samaa mieltä, 5 = Täysin samaa mieltä)"));
}

#[test]
fn the_method_page_gives_each_scale_that_reads_differently_once() {
    let config = "language: en\nscales:\n  five: { points: 5, favourable_from: 4, unfavourable_to: 2 }\n  five_b: { points: 5, favourable_from: 4, unfavourable_to: 2 }\nframework:\n  - id: pace\n    name: Pace\n    ex:\n      - id: ex_a\n        text: \"A.\"\n        scale: five\n      - id: ex_b\n        text: \"B.\"\n        scale: five_b\n    cx:\n      - id: cx_a\n        text: \"C.\"\n";
    let f = Fixture::new(config, UNITS);
    f.write(
        "content/surveys/2026-Q1.yaml",
        "period: 2026-Q1\nex:\n  a:\n    invited: 10\n    responses: 9\n    items:\n      ex_a: [1, 1, 1, 3, 3]\n      ex_b: [1, 1, 1, 3, 3]\ncx:\n  a:\n    responses: 30\n    items:\n      cx_a: [2, 2, 6, 10, 10]\n",
    );
    build(&f);
    let scales = scale_paragraph(&read(&f, "method/index.html"));
    // `five` and `five_b` read alike: one line; likert5 has words, so a line of its own.
    assert_eq!(
        scales
            .matches("<p>Scale 1–5: 4–5 favourable, 3 neutral, 1–2 unfavourable.</p>")
            .count(),
        1,
        "{scales}"
    );
    assert_eq!(scales.matches("<p>").count(), 2, "{scales}");
    assert!(scales.contains("The answer options are 1 = Strongly disagree,"));
}
