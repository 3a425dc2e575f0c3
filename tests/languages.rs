//! One build in several languages: `languages: [fi, sv]` builds the whole site under `fi/` and
//! `sv/`, every page links to itself in the other language, posts have a version per language,
//! and a missing translation is a warning naming the file and the language.

mod common;

use common::{Fixture, cx_team, elements, ex_team, spread11};

const UNITS: &str = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: b\n        name: \"Team B\"\n";

fn bilingual_site(config: &str) -> Fixture {
    let f = Fixture::new(config, UNITS);
    let mut survey = String::from("period: 2026-Q1\nex:\n");
    survey += &ex_team(
        "a",
        12,
        [0, 1, 2, 3, 4],
        [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2],
        None,
    );
    survey += &ex_team(
        "b",
        8,
        [1, 1, 1, 1, 2],
        [0, 0, 0, 0, 0, 0, 3, 0, 0, 1, 2],
        None,
    );
    survey += "cx:\n";
    survey += &cx_team("a", [0, 0, 2, 8, 10], spread11(20));
    survey += &cx_team("b", [2, 2, 2, 2, 2], spread11(10));
    f.write("content/surveys/2026-Q1.yaml", &survey);
    f.write(
        "content/posts/review.md",
        "---\ntitle: \"Kevään katsaus\"\ndate: 2026-04-10\n---\nSuomeksi.\n",
    );
    f.write(
        "content/posts/review.sv.md",
        "---\ntitle: \"Vårens översikt\"\ndate: 2026-04-10\n---\nPå svenska.\n",
    );
    f.write(
        "content/posts/only-finnish.md",
        "---\ntitle: \"Vain suomeksi\"\ndate: 2026-04-11\n---\nTeksti.\n",
    );
    f
}

#[test]
fn each_language_gets_the_whole_site_and_a_switcher_to_the_same_page() {
    let f = bilingual_site("languages: [fi, sv]\n");
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);

    // The root page links to each language's site, each named in its own language.
    let root = f.read("index.html");
    assert!(
        root.contains("<a href=\"fi/index.html\" hreflang=\"fi\">suomi</a>"),
        "{root}"
    );
    assert!(
        root.contains("<a href=\"sv/index.html\" hreflang=\"sv\">svenska</a>"),
        "{root}"
    );

    // Every page exists in both languages, at the same path, in its language.
    for page in [
        "index.html",
        "units/a/index.html",
        "periods/2026-q1/index.html",
        "method/index.html",
    ] {
        let fi = f.read(&format!("fi/{page}"));
        let sv = f.read(&format!("sv/{page}"));
        assert!(fi.contains("<html lang=\"fi\">"), "fi/{page}");
        assert!(sv.contains("<html lang=\"sv\">"), "sv/{page}");
    }
    let fi_unit = f.read("fi/units/a/index.html");
    let sv_unit = f.read("sv/units/a/index.html");
    assert!(fi_unit.contains("Yksiköt") && sv_unit.contains("Enheter"));
    // A unit page's lead names the site's periods as the front page does: quarters, not "kausi".
    assert!(
        fi_unit.contains("Viimeisin neljännes: Q1/2026"),
        "{fi_unit}"
    );
    assert!(sv_unit.contains("Senaste kvartalet: Q1/2026"), "{sv_unit}");
    let switcher = |html: &str| elements(html, "<nav class=\"languages\"", "</nav>")[0].to_string();
    // The switcher on a unit page two folders down leads to the same unit in Swedish.
    insta::assert_snapshot!("switcher_fi_unit", switcher(&fi_unit));
    insta::assert_snapshot!("switcher_sv_unit", switcher(&sv_unit));
    assert!(switcher(&f.read("sv/index.html")).contains("href=\"../fi/index.html\""));

    // Posts: the Swedish version where there is one; the Finnish one, with a warning, where not.
    let sv_posts = f.read("sv/posts/index.html");
    assert!(sv_posts.contains("Vårens översikt") && !sv_posts.contains("Kevään katsaus"));
    assert!(
        sv_posts.contains("Vain suomeksi"),
        "shown in Finnish rather than dropped"
    );
    let fi_posts = f.read("fi/posts/index.html");
    assert!(fi_posts.contains("Kevään katsaus") && !fi_posts.contains("Vårens översikt"));
    assert!(f.read("sv/posts/review/index.html").contains("På svenska."));
    assert!(
        stderr.contains("only-finnish.md: warning: has no Swedish (`sv`) version"),
        "{stderr}"
    );
    assert!(!stderr.contains("review.md: warning"), "{stderr}");
}

#[test]
fn a_single_language_site_keeps_its_layout_and_has_no_switcher() {
    let f = bilingual_site("language: fi\n");
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = f.read("index.html");
    assert!(index.contains("<html lang=\"fi\">"));
    assert!(!index.contains("class=\"languages\""));
    assert!(!f.output().join("fi").exists());
    // The Swedish version of a post is not shown on a Finnish-only site, and the build says so.
    assert!(!f.read("posts/index.html").contains("Vårens översikt"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "review.sv.md: warning: is a Swedish (`sv`) version, but the site is not built in `sv`"
        ),
        "{stderr}"
    );
}

#[test]
fn language_and_languages_must_agree() {
    let f = bilingual_site("language: sv\nlanguages: [fi, sv]\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("kolikko.yaml:4:"), "{stderr}");
    assert!(
        stderr.contains("`language: sv` and `languages` disagree"),
        "{stderr}"
    );
}
