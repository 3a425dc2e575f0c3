//! The method page is written for readers and reflects the site: its scales, its factors and
//! its thresholds, in the site's language, with the formulas in a collapsed section and no
//! developer detail (crate names, test paths).

mod common;

use common::{Fixture, elements};

const UNITS: &str = "units:\n  - id: a\n    name: \"Tiimi A\"\n";

/// Three factors; one EX question on a 7-point scale (6–7 favourable, 4–5 neutral, 1–3
/// unfavourable) with Finnish and Swedish words for its points (none in English), the rest on
/// the built-in 1–5 scale.
const CONFIG: &str = "language: fi\nanonymity_threshold: 7\ncx_low_n: 25\nscales:\n  agree7: { points: 7, favourable_from: 6, unfavourable_to: 3, labels: { fi: [\"Täysin eri mieltä\", \"Eri mieltä\", \"Jokseenkin eri mieltä\", \"Ei samaa eikä eri mieltä\", \"Jokseenkin samaa mieltä\", \"Samaa mieltä\", \"Täysin samaa mieltä\"], sv: [\"Helt av annan åsikt\", \"Av annan åsikt\", \"Delvis av annan åsikt\", \"Varken eller\", \"Delvis av samma åsikt\", \"Av samma åsikt\", \"Helt av samma åsikt\"] } }\nframework:\n  - id: pace\n    name: { en: \"Pace\", fi: \"Työtahti\", sv: \"Arbetstakt\" }\n    ex:\n      - id: ex_pace\n        text: { en: \"The pace is sustainable.\", fi: \"Työtahti on kestävä.\", sv: \"Takten är hållbar.\" }\n        scale: agree7\n    cx:\n      - id: cx_pace\n        text: { en: \"We were quick.\", fi: \"Palvelu oli nopeaa.\", sv: \"Vi var snabba.\" }\n  - id: care\n    name: { en: \"Care\", fi: \"Huolenpito\", sv: \"Omsorg\" }\n    ex:\n      - id: ex_care\n        text: { en: \"We care.\", fi: \"Välitämme.\", sv: \"Vi bryr oss.\" }\n    cx:\n      - id: cx_care\n        text: { en: \"They cared.\", fi: \"Minusta välitettiin.\", sv: \"De brydde sig.\" }\n  - id: tools\n    name: { en: \"Tools\", fi: \"Välineet\", sv: \"Verktyg\" }\n    ex:\n      - id: ex_tools\n        text: { en: \"Tools work.\", fi: \"Välineet toimivat.\", sv: \"Verktygen fungerar.\" }\n    cx:\n      - id: cx_tools\n        text: { en: \"It worked.\", fi: \"Kaikki toimi.\", sv: \"Det fungerade.\" }\n";

fn method_page(language: &str) -> String {
    let config = CONFIG.replace("language: fi", &format!("language: {language}"));
    let f = Fixture::new(&config, UNITS);
    f.write(
        "content/surveys/2026-Q1.yaml",
        "period: 2026-Q1\nex:\n  a:\n    invited: 10\n    responses: 8\n    items:\n      ex_pace: [1, 1, 1, 1, 1, 2, 1]\n      ex_care: [1, 1, 2, 2, 2]\n      ex_tools: [0, 1, 2, 3, 2]\ncx:\n  a:\n    responses: 30\n    items:\n      cx_pace: [2, 2, 6, 10, 10]\n      cx_care: [2, 2, 6, 10, 10]\n      cx_tools: [2, 2, 6, 10, 10]\n",
    );
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = f.read("method/index.html");
    elements(&page, "<article", "</article>")[0].to_string()
}

#[test]
fn the_method_page_reflects_the_sites_scales_factors_and_thresholds() {
    for language in ["fi", "sv", "en"] {
        let article = method_page(language);
        // Nothing meant for developers.
        for developer in [
            "statrs",
            "tests/",
            "crate",
            "scipy",
            "incomplete gamma",
            "six",
            "kuusi",
            "sex ",
        ] {
            assert!(
                !article.contains(developer),
                "{language}: `{developer}` on the page"
            );
        }
        // Formulas are there, but folded away.
        assert!(
            article.contains("<details class=\"technical\">"),
            "{language}"
        );
        insta::assert_snapshot!(format!("method_{language}"), article);
    }
    let fi = method_page("fi");
    assert!(fi.contains("Asteikko 1–7: 6–7 myönteisiä, 4–5 neutraaleja, 1–3 kielteisiä. Vastausvaihtoehdot ovat 1\u{a0}=\u{a0}Täysin eri mieltä, 2\u{a0}=\u{a0}Eri mieltä,"));
    assert!(fi.contains("Asteikko 1–5: 4–5 myönteisiä, 3 neutraaleja, 1–2 kielteisiä. Vastausvaihtoehdot ovat 1\u{a0}=\u{a0}Täysin eri mieltä, 2\u{a0}=\u{a0}Jokseenkin eri mieltä, 3\u{a0}=\u{a0}Ei samaa eikä eri mieltä, 4\u{a0}=\u{a0}Jokseenkin samaa mieltä, 5\u{a0}=\u{a0}Täysin samaa mieltä.</p>"));
    // The English page has no words for the 7-point scale (the build warned): numbers only.
    let en = method_page("en");
    assert!(en.contains("<p>Scale 1–7: 6–7 favourable, 4–5 neutral, 1–3 unfavourable.</p>"));
    assert!(en.contains("The answer options are 1\u{a0}=\u{a0}Strongly disagree, 2\u{a0}=\u{a0}Disagree, 3\u{a0}=\u{a0}Neither agree nor disagree, 4\u{a0}=\u{a0}Agree, 5\u{a0}=\u{a0}Strongly agree."));
    assert!(fi.contains("Raportissa tarkastellaan 3 tekijää: Työtahti, Huolenpito ja Välineet."));
    assert!(fi.contains("ryhmistä, joilla on alle 7 vastausta"));
    assert!(fi.contains("perustuu alle 25 vastaukseen"));
}
