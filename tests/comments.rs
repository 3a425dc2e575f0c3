//! Open-text comments from an export: never in the output unless the site turns them on; then
//! shown only for units at or above the comment threshold (and where no smaller group's comments
//! can be told apart by comparing pages), masked, escaped, and in an order that does not depend
//! on the export's row order or on the number of threads.

mod common;

use std::path::Path;
use std::process::Command;

use common::Fixture;
use kolikko::build;

const UNITS: &str = "units:
  - id: south
    name: South
    children:
      - { id: kamppi, name: Kamppi }
      - { id: kallio, name: Kallio }
  - id: north
    name: North
    children:
      - { id: toolo, name: Töölö }
      - { id: pasila, name: Pasila }
";

/// Respondents per team: Töölö is below the anonymity threshold (5), so Pasila is hidden as its
/// complement; Kamppi, Kallio and Pasila reach the default comment threshold of 10.
const TEAMS: [(&str, usize); 4] = [("kamppi", 12), ("kallio", 11), ("toolo", 4), ("pasila", 13)];

/// What masking must remove, and what it is in.
const EMAIL: &str = "matti.meikalainen@example.fi";
const PHONE: &str = "040 123 4567";
const NAME: &str = "Liisalle";
const SCRIPT: &str = "<script>alert(1)</script>";
/// Cells of the export that are not comments: they must never reach the output.
const TIMESTAMP: &str = "2026-09-14 08:15:42";
const RESPONDENT_EMAIL: &str = "vastaaja.seitseman@example.fi";

/// The comment of respondent `i` of `team`: a marker every test can look for.
fn comment(team: &str, i: usize) -> String {
    match (team, i) {
        ("kamppi", 0) => format!("CMT-kamppi-0 {SCRIPT} & more"),
        ("kallio", 0) => format!("CMT-kallio-0 kiitos {NAME}, soita {PHONE} tai {EMAIL}"),
        _ => format!("CMT-{team}-{i}"),
    }
}

/// The export's rows (header first), in file order; `reversed` writes the respondents in the
/// opposite order.
fn export(reversed: bool) -> String {
    let mut rows = Vec::new();
    for (team, n) in TEAMS {
        for i in 0..n {
            let answer = 1 + (i % 5);
            let timestamp = if team == "kamppi" && i == 7 {
                TIMESTAMP.to_string()
            } else {
                format!("2026-09-{:02} 10:00:00", 1 + i)
            };
            let email = if team == "kamppi" && i == 7 {
                RESPONDENT_EMAIL.to_string()
            } else {
                format!("r{i}@{team}.example")
            };
            rows.push(format!(
                "{timestamp},{email},{team},{},{answer},\"{}\"",
                (i * 3) % 11,
                comment(team, i)
            ));
        }
    }
    // One respondent leaves the comment blank: blank comments are not comments.
    rows.push("2026-09-30 10:00:00,x@y.example,pasila,9,5,\"  \"".to_string());
    if reversed {
        rows.reverse();
    }
    let mut csv = "Timestamp,Email,Team,Recommend,Info,Anything else?\n".to_string();
    for row in rows {
        csv.push_str(&row);
        csv.push('\n');
    }
    csv
}

/// A site reading the export with a comment column, with `config` added to kolikko.yaml.
fn site(config: &str, reversed: bool) -> Fixture {
    let f = Fixture::new(&format!("language: en\n{config}"), UNITS);
    f.write(
        "content/mappings/ex.yaml",
        "side: ex
team: { column: Team }
enps: Recommend
questions:
  ex_comm_info: Info
comments:
  - { column: \"Anything else?\", question: \"What else would you like to say?\" }
ignore: [Timestamp, Email]
",
    );
    f.write("content/surveys/ex.csv", &export(reversed));
    let invited: Vec<String> = TEAMS
        .iter()
        .map(|(team, n)| format!("{team}: {}", n + 2))
        .collect();
    f.write(
        "content/surveys/2026-q3.yaml",
        &format!(
            "period: 2026-Q3\nex_responses:\n  file: ex.csv\n  mapping: ../mappings/ex.yaml\n  invited: {{ {} }}\n",
            invited.join(", ")
        ),
    );
    f
}

/// Every rendered page, path → text.
fn pages(site: &Path) -> Vec<(String, String)> {
    let (_, _, files) = build::render(site).unwrap_or_else(|e| panic!("{e}"));
    files
        .into_iter()
        .map(|f| (f.path, String::from_utf8(f.contents).unwrap()))
        .collect()
}

fn page<'a>(pages: &'a [(String, String)], path: &str) -> &'a str {
    &pages
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .1
}

/// The comments listed on a page, in page order.
fn listed(html: &str) -> Vec<String> {
    let Some(start) = html.find("<ul class=\"comment-list\">") else {
        return Vec::new();
    };
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    list.split("<li>")
        .skip(1)
        .map(|item| item.split("</li>").next().unwrap().to_string())
        .collect()
}

fn markers(html: &str, team: &str) -> usize {
    html.matches(&format!("CMT-{team}-")).count()
}

#[test]
fn comments_are_in_no_output_file_unless_the_site_turns_them_on() {
    for config in ["", "comments: { show: false, mask_names: [Liisa] }\n"] {
        let f = site(config, false);
        let loaded = kolikko::load::load_site(f.path()).unwrap();
        assert!(loaded.periods[0].comments.is_none(), "dropped on load");
        let out = f.run(&["build"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = f.tree();
        assert!(tree.len() > 10);
        for (path, bytes) in &tree {
            let text = String::from_utf8_lossy(bytes);
            for absent in [
                "CMT-",
                "alert(1)",
                "What else would you like",
                TIMESTAMP,
                RESPONDENT_EMAIL,
            ] {
                assert!(
                    !text.contains(absent),
                    "{path} holds {absent:?} with {config:?}"
                );
            }
        }
    }
}

#[test]
fn comments_are_shown_only_for_units_at_the_threshold_and_roll_up() {
    let f = site("comments: { show: true }\n", false);
    let pages = pages(f.path());
    // Every comment is the organisation's (the overview and the period page): 40 in all.
    for path in ["index.html", "periods/2026-q3/index.html"] {
        let html = page(&pages, path);
        assert_eq!(listed(html).len(), 12 + 11 + 4 + 13, "{path}");
        assert!(html.contains("What else would you like to say?"));
        assert!(html.contains("40 comments."));
    }
    let unit = |id| page(&pages, &format!("units/{id}/index.html"));
    // Kamppi (12) and Kallio (11) show their own comments, and only theirs.
    assert_eq!(markers(unit("kamppi"), "kamppi"), 12);
    assert_eq!(markers(unit("kamppi"), "kallio"), 0);
    assert_eq!(markers(unit("kallio"), "kallio"), 11);
    assert_eq!(
        markers(unit("south"), "kamppi") + markers(unit("south"), "kallio"),
        23
    );
    // Töölö (4) is below every threshold and Pasila (13) is hidden as its complement: neither
    // page shows a comment, and both say why; their comments are North's.
    for id in ["toolo", "pasila"] {
        assert_eq!(listed(unit(id)), Vec::<String>::new(), "{id}");
        assert!(unit(id).contains("Comments are shown only for groups of at least 10 respondents"));
    }
    assert_eq!(markers(unit("north"), "toolo"), 4);
    assert_eq!(markers(unit("north"), "pasila"), 13);
    // Background groups never show comments: no page other than units, periods and the
    // overview carries one.
    for (path, html) in &pages {
        if markers(html, "kamppi") > 0 {
            assert!(
                path == "index.html" || path.starts_with("units/") || path.starts_with("periods/"),
                "{path}"
            );
        }
    }
}

#[test]
fn a_unit_is_left_out_when_comparing_pages_would_single_out_fewer_than_the_threshold() {
    // Threshold 12: Kallio (11) is too small. Kamppi (12) is large enough, but South (23) minus
    // Kamppi would be Kallio's 11 comments, so Kamppi's are shown only within South's.
    let f = site("comments: { show: true, threshold: 12 }\n", false);
    let pages = pages(f.path());
    let unit = |id| page(&pages, &format!("units/{id}/index.html"));
    assert_eq!(listed(unit("kamppi")), Vec::<String>::new());
    assert!(unit("kamppi").contains("at least 12 respondents"));
    assert_eq!(listed(unit("south")).len(), 23);
    // North (17) minus nothing shown below it: all of North's 17.
    assert_eq!(listed(unit("north")).len(), 17);
    assert_eq!(listed(page(&pages, "index.html")).len(), 40);
}

#[test]
fn a_threshold_below_the_anonymity_threshold_is_an_error_at_its_line() {
    let f = site(
        "anonymity_threshold: 6\ncomments:\n  show: true\n  threshold: 5\n",
        false,
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("kolikko.yaml:7:14")
            && stderr.contains("threshold 5 is below the anonymity_threshold 6"),
        "{stderr}"
    );
}

#[test]
fn emails_phone_numbers_and_listed_names_are_masked_and_html_is_escaped() {
    let f = site("comments: { show: true, mask_names: [Liisa] }\n", false);
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = f.tree();
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        for absent in [
            EMAIL,
            PHONE,
            NAME,
            SCRIPT,
            "alert(1)</script>",
            TIMESTAMP,
            RESPONDENT_EMAIL,
        ] {
            assert!(!text.contains(absent), "{path} holds {absent:?}");
        }
    }
    let kallio = String::from_utf8_lossy(
        &tree
            .iter()
            .find(|(p, _)| p == "units/kallio/index.html")
            .unwrap()
            .1,
    )
    .to_string();
    assert!(
        kallio.contains("CMT-kallio-0 kiitos […], soita […] tai […]"),
        "{:?}",
        listed(&kallio)
    );
    let kamppi = String::from_utf8_lossy(
        &tree
            .iter()
            .find(|(p, _)| p == "units/kamppi/index.html")
            .unwrap()
            .1,
    )
    .to_string();
    assert!(
        kamppi.contains("CMT-kamppi-0 &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"),
        "{:?}",
        listed(&kamppi)
    );
}

fn build_with_threads(f: &Fixture, threads: &str) -> Vec<(String, Vec<u8>)> {
    let out = Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .arg("build")
        .env("RAYON_NUM_THREADS", threads)
        .current_dir(f.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    f.tree()
}

#[test]
fn the_order_is_the_same_on_every_build_and_does_not_follow_the_export() {
    let on = "comments: { show: true }\n";
    let a = site(on, false);
    let one = build_with_threads(&a, "1");
    assert_eq!(
        one,
        build_with_threads(&a, "4"),
        "thread count changes the output"
    );
    // The same respondents written in the opposite order build the same bytes.
    let b = site(on, true);
    assert_eq!(one, build_with_threads(&b, "2"), "row order shows through");
    // And the page order is not the file order.
    let kamppi = String::from_utf8(
        one.iter()
            .find(|(p, _)| p == "units/kamppi/index.html")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let shown = listed(&kamppi);
    let in_file: Vec<String> = (0..12).map(|i| format!("CMT-kamppi-{i}")).collect();
    let shown_markers: Vec<String> = shown
        .iter()
        .map(|c| c.split(' ').next().unwrap().to_string())
        .collect();
    let mut sorted = shown_markers.clone();
    sorted.sort();
    let mut expected = in_file.clone();
    expected.sort();
    assert_eq!(sorted, expected);
    assert_ne!(shown_markers, in_file);
    // Each unit has its own order: South's list is not Kamppi's followed by Kallio's.
    let south = String::from_utf8(
        one.iter()
            .find(|(p, _)| p == "units/south/index.html")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let south_kamppi: Vec<String> = listed(&south)
        .into_iter()
        .filter(|c| c.starts_with("CMT-kamppi"))
        .map(|c| c.split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(south_kamppi.len(), 12);
    assert_ne!(south_kamppi, shown_markers);
}
