//! Integration builds of small fixture sites: every page type is written, the numbers on the pages
//! match values computed by hand from the fixture's counts, bad input is reported with file, line
//! and column, and hidden groups cannot be found on any page.

mod common;

use common::{Fixture, cx_team, elements, ex_team, likert, spread11};

const TWO_TEAMS: &str = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n        supervisor: \"Aino\"\n      - id: b\n        name: \"Team B\"\n";

/// Two teams whose figures are easy to work out by hand (see each assertion).
fn two_team_site(config_extra: &str) -> Fixture {
    let f = Fixture::new(config_extra, TWO_TEAMS);
    let mut survey = String::from("period: 2026-Q1\nex:\n");
    // Team A: 10 answers per item [0,1,2,3,4] → 7 favourable (4–5) of 10 = 70.
    // eNPS: 2 detractors (6), 4 passives (7,8), 4 promoters (9,10) → (4 − 2)/10 = +20.
    survey += &ex_team(
        "a",
        12,
        [0, 1, 2, 3, 4],
        [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2],
        Some((8.0, 1)),
    );
    // Team B: 6 answers [1,1,1,1,2] → 3 of 6 = 50. eNPS: 3 detractors, 3 promoters → 0.
    survey += &ex_team(
        "b",
        8,
        [1, 1, 1, 1, 2],
        [0, 0, 0, 0, 0, 0, 3, 0, 0, 1, 2],
        Some((8.0, 0)),
    );
    survey += "cx:\n";
    // CX A: [0,0,2,8,10] → 18/20 = 90. CX B: [2,2,2,2,2] → 4/10 = 40.
    survey += &cx_team("a", [0, 0, 2, 8, 10], spread11(20));
    survey += &cx_team("b", [2, 2, 2, 2, 2], spread11(10));
    f.write("content/surveys/2026-Q1.yaml", &survey);
    f.write(
        "content/posts/first.md",
        "---\ntitle: \"First <look>\"\ndate: 2026-04-10\nauthor: \"HR\"\nperiod: 2026-Q1\ntags: [workload, Työ ja arki]\n---\nThe EX index was {{ kpi(metric=\"ex_index\") }} this quarter.\n\n<script>alert('x')</script>\n\n{{ chart(kind=\"mirror\", unit=\"a\") }}\n",
    );
    f.write(
        "content/posts/draft.md",
        "---\ntitle: \"Not yet\"\ndate: 2026-04-11\ndraft: true\n---\nSecret.\n",
    );
    f
}

fn tile_value(html: &str, label: &str) -> String {
    let marker = format!("<span class=\"tile-label\">{label}</span>");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no tile {label}"));
    let rest = &html[at..];
    let start =
        rest.find("<span class=\"tile-value\">").unwrap() + "<span class=\"tile-value\">".len();
    let end = rest[start..].find("</span>").unwrap();
    rest[start..start + end].to_string()
}

#[test]
fn builds_every_page_type() {
    let f = two_team_site("");
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for page in [
        "index.html",
        "periods/index.html",
        "periods/2026-q1/index.html",
        "units/index.html",
        "units/r1/index.html",
        "units/a/index.html",
        "factors/index.html",
        "factors/workload/index.html",
        "posts/index.html",
        "posts/first/index.html",
        "tags/index.html",
        "tags/workload/index.html",
        "tags/tyo-ja-arki/index.html",
        "method/index.html",
        "feed.xml",
    ] {
        let text = f.read(page);
        assert!(!text.is_empty(), "{page}");
        if page.ends_with(".html") {
            assert!(text.starts_with("<!DOCTYPE html>"), "{page}");
            // Self-contained: no stylesheet, script or image from anywhere.
            assert!(!text.contains("<script"), "{page}");
            assert!(!text.contains("src=\"http"), "{page}");
            assert!(!text.contains("href=\"http"), "{page}");
            assert!(!text.contains("href=\"/"), "{page}: links are relative");
        }
    }
    assert!(
        !f.output().join("posts/draft/index.html").exists(),
        "drafts are not built"
    );
    let feed = f.read("feed.xml");
    assert!(feed.contains("<title>First &lt;look&gt;</title>"), "{feed}");
    assert!(!feed.contains("Not yet"));
}

#[test]
fn numbers_on_pages_match_hand_computation() {
    let f = two_team_site("");
    assert!(f.run(&["build"]).status.success());
    let index = f.read("index.html");
    // Organisation: answers summed over teams [1,2,3,4,6] → 10 favourable of 16 = 62.5 → 63.
    assert_eq!(tile_value(&index, "EX index"), "63");
    // CX: [2,2,4,10,12] → 22/30 = 73.3 → 73.
    assert_eq!(tile_value(&index, "CX index"), "73");
    // eNPS: 7 promoters, 5 detractors of 16 → 12.5 → +13.
    assert_eq!(tile_value(&index, "eNPS"), "+13");
    // Response rate 16 of 20 invited; turnover 1 leaver / 16 average headcount = 6.25% → 6.3%.
    assert_eq!(tile_value(&index, "Response rate"), "80%");
    assert_eq!(tile_value(&index, "Turnover per quarter"), "6.3%");
    let team = f.read("units/a/index.html");
    assert_eq!(tile_value(&team, "EX index"), "70");
    assert_eq!(tile_value(&team, "eNPS"), "+20");
    assert_eq!(tile_value(&team, "Turnover per quarter"), "12.5%");
    assert!(team.contains("Supervisor: Aino"));
    // A question's data row: unfavourable 1/10, neutral 2/10, favourable 7/10, n = 10,
    // mean (1·0 + 2·1 + 3·2 + 4·3 + 5·4)/10 = 4.0, and the Wilson 95% interval of 7/10:
    // (7 + 1.92)/13.84 ± 1.96·√(0.021 + 0.0096)/1.384 = 0.397 … 0.892 → 40%–89%.
    let row = elements(&team, "<tr", "</tr>")
        .into_iter()
        .find(|r| r.contains("I get the information I need for my work in time."))
        .expect("the EX question table");
    let cells: Vec<&str> = elements(row, "<td>", "</td>")
        .into_iter()
        .map(|c| &c[4..c.len() - 5])
        .collect();
    assert_eq!(cells, ["10%", "20%", "70%", "10", "4.0", "40%–89%"]);
    // Breadcrumbs lead back through the hierarchy.
    assert!(
        team.contains("<a href=\"../../units/r1/index.html\">Region One</a>"),
        "{team}"
    );
    // The kpi shortcode shows the same number as the tile.
    let post = f.read("posts/first/index.html");
    assert!(
        post.contains(
            "<span class=\"kpi-inline\" title=\"EX index · Testi Oy · 2026-Q1\">63</span>"
        ),
        "{post}"
    );
}

#[test]
fn finnish_build_uses_finnish_strings_and_numbers() {
    let f = two_team_site("language: fi\n");
    assert!(f.run(&["build"]).status.success());
    let index = f.read("index.html");
    assert!(index.contains("<html lang=\"fi\">"));
    assert!(index.contains("Yleiskuva"));
    assert_eq!(tile_value(&index, "EX-indeksi"), "63");
    assert_eq!(
        tile_value(&index, "Vaihtuvuus neljänneksen aikana"),
        "6,3\u{a0}%"
    );
    assert_eq!(tile_value(&index, "Vastausaste"), "80\u{a0}%");
    let team = f.read("units/a/index.html");
    assert_eq!(
        tile_value(&team, "Vaihtuvuus neljänneksen aikana"),
        "12,5\u{a0}%"
    );
    let post = f.read("posts/first/index.html");
    assert!(post.contains("10.4.2026"), "Finnish date format");
}

#[test]
fn commentary_html_is_escaped_and_shortcodes_render() {
    let f = two_team_site("");
    assert!(f.run(&["build"]).status.success());
    let post = f.read("posts/first/index.html");
    assert!(
        post.contains("&lt;script&gt;alert("),
        "raw HTML is shown as text"
    );
    assert!(!post.contains("<script>alert"));
    assert!(
        post.contains("<figure class=\"chart inline\""),
        "the mirror chart is embedded"
    );
    assert!(post.contains("role=\"img\""));
}

#[test]
fn type_error_three_levels_deep_names_file_line_and_column() {
    let f = two_team_site("");
    let survey = "period: 2026-Q1\nex:\n  a:\n    invited: 12\n    responses: 10\n    items:\n      ex_comm_info: [0, 1, two, 3, 4]\n";
    f.write("content/surveys/2026-Q1.yaml", survey);
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // "two" is on line 7, column 28.
    assert!(stderr.contains("2026-Q1.yaml:7:28: error:"), "{stderr}");
    assert!(stderr.contains("whole number"), "{stderr}");
}

#[test]
fn impossible_counts_are_all_reported() {
    let f = two_team_site("");
    let survey = format!(
        "period: 2026-Q1\nex:\n  a:\n    invited: 5\n    responses: 10\n    items:\n      ex_comm_info: [0, 1, 2, 3, 3]\n      ex_nonsense: [0, 1, 2, 3, 4]\n  nowhere:\n    invited: 5\n    responses: 5\n  r1:\n    invited: 5\n    responses: 5\ncx:\n{}",
        cx_team("b", [1, 1, 1, 1, 1], spread11(5))
    );
    f.write("content/surveys/2026-Q1.yaml", &survey);
    f.write("content/surveys/copy.yaml", "period: 2026-Q1\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "2026-Q1.yaml:5:16: error: responses (10) is larger than invited (5)",
        "2026-Q1.yaml:7:21: error: the answer counts add up to 9",
        "2026-Q1.yaml:8:7: error: unknown item `ex_nonsense`",
        "2026-Q1.yaml:9:3: error: unknown unit `nowhere`",
        "2026-Q1.yaml:12:3: error: `r1` has sub-units (a, b)",
        "period 2026-Q1 is also in",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert!(!f.output().exists(), "nothing is written on bad input");
}

#[test]
fn unknown_shortcode_arguments_name_the_post_line() {
    let f = two_team_site("");
    f.write(
        "content/posts/bad.md",
        "---\ntitle: \"Bad\"\ndate: 2026-04-12\n---\nFine line.\n\n{{ chart(kind=\"scatter\", period=\"2031-Q1\") }}\n\n{{ chart(kind=\"pie\") }}\n\n{{ kpi(metric=\"enps\", unit=\"atlantis\") }}\n",
    );
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.md:7:34: error: unknown period `2031-Q1`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.md:9:16: error: unknown chart kind `pie`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.md:11:29: error: unknown unit `atlantis`"),
        "{stderr}"
    );
}

#[test]
fn kpi_arguments_for_factors_questions_and_changes_are_checked() {
    let f = two_team_site("");
    f.write(
        "content/posts/bad.md",
        "---\ntitle: \"Bad\"\ndate: 2026-04-12\n---\nA {{ kpi(metric=\"factor\") }} b.\n\nC {{ kpi(metric=\"item\", item=\"ex_nothing\") }} d.\n\nE {{ kpi(metric=\"response_rate\", change=\"previous\") }} f.\n",
    );
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "bad.md:5:3: error: metric \"factor\" needs `factor`",
        "bad.md:7:31: error: unknown question `ex_nothing`",
        "bad.md:9:3: error: `change` works with the metrics ex_index, cx_index, enps, nps, factor, item, not `response_rate`",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn usage_errors_exit_with_2_and_new_scaffolds_a_working_site() {
    let f = Fixture::new("", TWO_TEAMS);
    let out = f.run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = f.run(&["new", "fresh"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = f.run(&["build", "fresh"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(f.path().join("fresh/public/index.html").is_file());
    // `new` never writes into a folder that has something in it.
    let out = f.run(&["new", "fresh"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn site_templates_override_the_theme() {
    let f = two_team_site("");
    f.write(
        "templates/method.html",
        "{% extends \"base.html\" %}{% block content %}<p>Our own method page</p>{% endblock %}",
    );
    assert!(f.run(&["build"]).status.success());
    assert!(
        f.read("method/index.html")
            .contains("<p>Our own method page</p>")
    );
    f.write("templates/nonsense.html", "x");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nonsense.html: error: unknown template")
    );
}

/// North has a team of 3 (under the threshold of 5) beside a team of 10. Showing North and the
/// team of 10 would give the 3 away by subtraction, so both teams are hidden; North (13) is shown.
#[test]
fn a_three_person_team_cannot_be_recovered_from_any_page() {
    let mut units = String::from(
        "units:\n  - id: north\n    name: \"North\"\n    children:\n      - id: small\n        name: \"Small team\"\n      - id: big\n        name: \"Big team\"\n  - id: south\n    name: \"South\"\n    children:\n",
    );
    let south: Vec<String> = (1..=7).map(|i| format!("s{i}")).collect();
    for s in &south {
        units += &format!("      - id: {s}\n        name: \"South team {s}\"\n");
    }
    let f = Fixture::new("", &units);
    let mut survey = String::from("period: 2026-Q1\nex:\n");
    // The small team answers very unfavourably, so its numbers would stand out if leaked.
    survey += &ex_team(
        "small",
        3,
        [3, 0, 0, 0, 0],
        [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        Some((3.0, 1)),
    );
    survey += &ex_team("big", 12, likert(10, 3), spread11(10), Some((12.0, 0)));
    for (i, s) in south.iter().enumerate() {
        survey += &ex_team(
            s,
            20,
            likert(6 + i as u64, (i % 4) as u64),
            spread11(6 + i as u64),
            Some((8.0, 0)),
        );
    }
    survey += "cx:\n";
    survey += &cx_team("small", likert(40, 2), spread11(40));
    survey += &cx_team("big", likert(50, 3), spread11(50));
    for (i, s) in south.iter().enumerate() {
        survey += &cx_team(
            s,
            likert(30 + 5 * i as u64, (i % 5) as u64),
            spread11(30 + 5 * i as u64),
        );
    }
    f.write("content/surveys/2026-Q1.yaml", &survey);
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let small = f.read("units/small/index.html");
    assert!(
        small.contains("Hidden because fewer than 5 people answered here, or because showing it would let such a group beside it or below it be worked out. To protect respondents"),
        "{small}"
    );
    // Its own tiles are customer results only (the region's follow in their own section).
    let own = |page: &str| page[..page.find("<section class=\"parent-ex\"").unwrap()].to_string();
    assert!(
        !own(&small).contains("class=\"tile tile-ex\""),
        "a hidden unit shows no employee tile of its own: {small}"
    );
    let big = f.read("units/big/index.html");
    assert!(
        big.contains("Hidden because fewer than 5 people answered here, or because showing it would let such a group beside it or below it be worked out. To protect respondents"),
        "{big}"
    );
    assert!(!own(&big).contains("class=\"tile tile-ex\""));
    let north = f.read("units/north/index.html");
    assert!(
        tile_value(&north, "EX index")
            .chars()
            .all(|c| c.is_ascii_digit()),
        "North (13 responses) is shown: {}",
        tile_value(&north, "EX index")
    );

    // On every page, wherever a hidden team is named — a table row, a chart's hover title or an
    // SVG label — no EX number stands beside it. (Unit tables also show CX, which customers'
    // answers make public: there only the EX columns must say "Hidden".)
    for (path, bytes) in f.tree() {
        let text = String::from_utf8_lossy(&bytes);
        let unit_tables: Vec<&str> = elements(&text, "<table class=\"units\"", "</table>");
        for name in ["Small team", "Big team"] {
            for table in elements(&text, "<table", "</table>") {
                for row in elements(table, "<tr", "</tr>")
                    .into_iter()
                    .filter(|r| r.contains(name))
                {
                    let cells: Vec<&str> = elements(row, "<td", "</td>");
                    if unit_tables.contains(&table) {
                        // Columns: EX index, CX index, eNPS, NPS, response rate.
                        for ex_column in [0, 2, 4] {
                            assert!(cells[ex_column].contains(">Hidden<"), "{path}: {row}");
                        }
                    } else {
                        assert!(
                            !cells.concat().chars().any(|c| c.is_ascii_digit()),
                            "{path}: a number beside {name}: {row}"
                        );
                    }
                }
            }
            // A hidden team's customer charts are public; their titles name only the period.
            for title in elements(&text, "<title", "</title>")
                .into_iter()
                .filter(|t| t.contains(name))
            {
                assert!(
                    !title[title.find('>').unwrap()..]
                        .replace("Q1 2026", "")
                        .chars()
                        .any(|c| c.is_ascii_digit()),
                    "{path}: {title}"
                );
            }
        }
    }
    // The privacy note explains what was hidden and why.
    let period = f.read("periods/2026-q1/index.html");
    assert!(
        period.contains("Small team (Q1 2026): hidden because fewer than 5 people answered here"),
        "{period}"
    );
    // One reason for both: which one was too small is not said (docs/method.md).
    assert!(
        period.contains("Big team (Q1 2026): hidden because fewer than 5 people answered here")
    );
}

/// Issue 8, part 5: a team hidden by the EX rule keeps its customer results (they are not
/// protected) and shows its region's employee results, labelled as the region's, never its own.
#[test]
fn a_hidden_team_shows_its_cx_and_its_regions_ex() {
    let units = "units:\n  - id: north\n    name: \"North\"\n    children:\n      - id: small\n        name: \"Small team\"\n      - id: big\n        name: \"Big team\"\n  - id: south\n    name: \"South\"\n    children:\n      - id: s1\n        name: \"South one\"\n      - id: s2\n        name: \"South two\"\n";
    let f = Fixture::new("", units);
    let mut survey = String::from("period: 2026-Q1\nex:\n");
    // Small (3, hidden): nothing favourable, eNPS 3 detractors → index 0, eNPS −100.
    survey += &ex_team(
        "small",
        3,
        [3, 0, 0, 0, 0],
        [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        None,
    );
    // Big (10, hidden with Small): all favourable, all promoters → index 100, eNPS +100.
    survey += &ex_team(
        "big",
        12,
        [0, 0, 0, 5, 5],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10],
        None,
    );
    survey += &ex_team("s1", 12, likert(10, 2), spread11(10), None);
    survey += &ex_team("s2", 12, likert(10, 3), spread11(10), None);
    survey += "cx:\n";
    // Small's 10 customers: 3 + 3 favourable of 10 on every item → CX index 60;
    // NPS: 5 promoters (10), 2 passives (8), 3 detractors (0) → (5 − 3) / 10 = +20.
    survey += &cx_team("small", [0, 0, 4, 3, 3], [3, 0, 0, 0, 0, 0, 0, 0, 2, 0, 5]);
    f.write("content/surveys/2026-Q1.yaml", &survey);
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = f.read("units/small/index.html");
    assert!(
        page.contains("Hidden because fewer than 5 people answered here"),
        "the reason is given: {page}"
    );
    let at = page
        .find("<section class=\"parent-ex\"")
        .expect("the region's employee results are shown");
    let (own, parent) = page.split_at(at);
    let parent = &parent[..parent.find("</section>").unwrap()];
    // The team's own tiles are its customer results only.
    assert_eq!(tile_value(own, "CX index"), "60");
    assert_eq!(tile_value(own, "NPS"), "+20");
    for ex_label in ["EX index", "eNPS", "Response rate", "Turnover per quarter"] {
        assert!(
            !own.contains(&format!("<span class=\"tile-label\">{ex_label}</span>")),
            "the team's own {ex_label} is not on its page"
        );
    }
    // North = Small + Big: 10 favourable of 13 → 76.9; eNPS (10 − 3) / 13 → +53.8.
    assert!(parent.contains("Employee results of North"), "{parent}");
    assert!(
        parent.contains("Small team is part of North. These are the employee results of all of North, not of Small team alone."),
        "{parent}"
    );
    assert!(
        parent.contains("href=\"../../units/north/index.html\""),
        "{parent}"
    );
    assert_eq!(tile_value(parent, "EX index"), "77");
    assert_eq!(tile_value(parent, "eNPS"), "+54");
    // Neither hidden team's own EX figures appear anywhere on the page.
    for own_figure in ["−100", "-100", "n = 3", "3 / 3"] {
        assert!(!page.contains(own_figure), "{own_figure} on Small's page");
    }
    // Big's page is built the same way: North's figures, not Big's 100 or +100.
    let big = f.read("units/big/index.html");
    let big = &big[big.find("<section class=\"parent-ex\"").unwrap()..];
    assert_eq!(tile_value(big, "EX index"), "77");
    assert_eq!(tile_value(big, "eNPS"), "+54");
    // Below the CX minimum the CX tile is hidden too, with its own reason.
    let g = Fixture::new("cx_threshold: 11\n", units);
    g.write("content/surveys/2026-Q1.yaml", &survey);
    assert!(g.run(&["build"]).status.success());
    let page = g.read("units/small/index.html");
    assert_eq!(tile_value(&page, "CX index"), "Hidden");
    assert!(page.contains("fewer than 11 customers answered"), "{page}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let f = two_team_site("");
    assert!(f.run(&["build"]).status.success());
    let before = f.tree();
    f.write(
        "content/surveys/2026-Q1.yaml",
        "period: 2026-Q1\nex:\n  a: [oops\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(f.tree(), before);
    // And a second good build is byte-identical to the first.
    let f2 = two_team_site("");
    assert!(f2.run(&["build"]).status.success());
    assert_eq!(f2.tree(), before);
}

/// The cells of the table row whose header cell links to `name`.
fn row_cells(html: &str, name: &str) -> Vec<String> {
    let row = elements(html, "<tr", "</tr>")
        .into_iter()
        .find(|r| r.contains(&format!(">{name}</a></th>")))
        .unwrap_or_else(|| panic!("no row for {name}"));
    elements(row, "<td", "</td>")
        .into_iter()
        .map(|c| c[c.find('>').unwrap() + 1..c.len() - "</td>".len()].to_string())
        .collect()
}

#[test]
fn period_factor_tag_and_method_pages_show_the_computed_numbers() {
    let f = two_team_site("");
    assert!(f.run(&["build"]).status.success());
    // NPS of team A from the statistics module, for the same counts the fixture wrote.
    let nps_a = kolikko::stats::net_score(&common::spread11(20))
        .unwrap()
        .score;
    let fmt = kolikko::format::NumberFormat::ENGLISH;

    let period_page = f.read("periods/2026-q1/index.html");
    let period = elements(&period_page, "<table class=\"units\"", "</table>")[0];
    // Unit table: EX index, CX index, eNPS, NPS, response rate (10 of 12 invited = 83%).
    assert_eq!(
        row_cells(period, "Team A"),
        ["70", "90 (low n)", "+20", &fmt.signed(nps_a, 0), "83%"]
    );
    assert_eq!(
        row_cells(period, "Team B"),
        [
            "50",
            "40 (low n)",
            "0",
            &fmt.signed(
                kolikko::stats::net_score(&common::spread11(10))
                    .unwrap()
                    .score,
                0
            ),
            "75%"
        ]
    );
    assert!(
        period_page.contains("Only 2 teams have both surveys shown this period; a link across teams is read from 8 teams on, so no correlation is given."),
        "two teams cannot support a linkage claim"
    );
    assert!(
        !period_page.contains("Spearman ρ =")
            && !period_page.contains("Key driver of CX:")
            && !period_page.contains("r = "),
        "nothing derived from a correlation of two teams is shown"
    );
    assert!(
        period_page.contains("href=\"../../posts/first/index.html\""),
        "the period's commentary is listed"
    );

    // Factor page: teams ranked by the factor's EX side; every item has the same counts, so the
    // factor score equals the team's index: A 70 / CX 90, then B 50 / CX 40.
    let factor = f.read("factors/workload/index.html");
    assert_eq!(row_cells(&factor, "Team A"), ["1", "70", "90"]);
    assert_eq!(row_cells(&factor, "Team B"), ["2", "50", "40"]);
    assert!(factor.contains("My workload is manageable."));
    assert!(factor.contains("Someone was available to serve you when you needed it."));

    let tag = f.read("tags/workload/index.html");
    assert!(tag.contains("First &lt;look&gt;"));
    assert!(tag.contains("1 min read"));

    let method = f.read("method/index.html");
    assert!(
        method.contains("<h2 id=\"anonymity\">What is hidden, and why</h2>"),
        "{method}"
    );
    assert!(method.contains("Wilson"));
}

/// Each published measure counts its own people: items where some answered "not applicable",
/// eNPS asked of only some, turnover where only some teams report a headcount. North = A (20) +
/// B (3) + C (3). B and C are hidden (6 together, enough for the responses), but C answered no
/// questions, no eNPS and has no headcount: on those measures the hidden part is B alone, so
/// A's figures would give B away (North minus A). They are withheld, and one person's answer
/// inside a large team is never published either.
#[test]
fn measures_answered_by_fewer_people_are_suppressed_on_their_own_counts() {
    let mut units = String::from(
        "units:\n  - id: north\n    name: \"North\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: b\n        name: \"Team B\"\n      - id: c\n        name: \"Team C\"\n  - id: south\n    name: \"South\"\n    children:\n",
    );
    for i in 1..=4 {
        units += &format!("      - id: s{i}\n        name: \"South {i}\"\n");
    }
    let f = Fixture::new("", &units);
    let mut survey = String::from("period: 2026-Q1\nex:\n");
    survey += &ex_team(
        "a",
        20,
        [0, 0, 0, 0, 20],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10],
        Some((20.0, 1)),
    );
    survey += &ex_team(
        "b",
        3,
        [3, 0, 0, 0, 0],
        [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        Some((4.0, 3)),
    );
    // C: three respondents who skipped every question and the eNPS; no headcount.
    survey += "  c:\n    invited: 3\n    responses: 3\n    enps: { counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], na: 3 }\n    items:\n";
    for item in kolikko::framework::Framework::default_six().items(kolikko::framework::Side::Ex) {
        survey += &format!("      {}: {{ counts: [0, 0, 0, 0, 0], na: 3 }}\n", item.id);
    }
    for i in 1..=4 {
        survey += &ex_team(
            &format!("s{i}"),
            10,
            likert(8, 2),
            spread11(8),
            Some((10.0, 0)),
        );
    }
    f.write("content/surveys/2026-Q1.yaml", &survey);
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let a = f.read("units/a/index.html");
    assert_eq!(
        tile_value(&a, "eNPS"),
        "Hidden",
        "A's eNPS minus North's would be B's"
    );
    assert_eq!(tile_value(&a, "Turnover per quarter"), "Hidden");
    assert_eq!(
        tile_value(&a, "EX index"),
        "–",
        "every question is withheld, so there is no index"
    );
    assert!(
        a.contains(
            "12 questions, eNPS and turnover are hidden because there are too few answers here or in a group beside it"
        ),
        "{a}"
    );
    let north = f.read("units/north/index.html");
    // North itself (23 eNPS answers) is shown: 20 promoters, 3 detractors → 17/23 = 73.9 → +74.
    assert_eq!(tile_value(&north, "eNPS"), "+74");
    // Team A's per-question table lists no question at all.
    assert!(!a.contains("I get the information I need for my work in time."));
}

/// A site's own framework and scale: a 7-point scale whose favourable answers are 6–7.
#[test]
fn custom_framework_and_scale_cut_points() {
    let config = "scales:\n  agree7: { points: 7, favourable_from: 6, unfavourable_to: 3 }\nframework:\n  - id: pace\n    name: { en: \"Pace\", fi: \"Tahti\" }\n    ex:\n      - id: ex_pace\n        text: \"The pace of work is sustainable.\"\n        scale: agree7\n    cx:\n      - id: cx_pace\n        text: \"We were quick.\"\n";
    let f = Fixture::new(config, TWO_TEAMS);
    // Team A: [1,1,1,1,1,2,3] on 1..7 → favourable (6–7) 5 of 10 = 50; unfavourable (1–3) 3 of 10.
    f.write(
        "content/surveys/2026-Q1.yaml",
        "period: 2026-Q1\nex:\n  a:\n    invited: 10\n    responses: 10\n    items:\n      ex_pace: [1, 1, 1, 1, 1, 2, 3]\n  b:\n    invited: 6\n    responses: 6\n    items:\n      ex_pace: [0, 0, 0, 0, 0, 3, 3]\ncx:\n  a:\n    responses: 4\n    items:\n      cx_pace: [0, 0, 1, 1, 2]\n",
    );
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let factor = f.read("factors/pace/index.html");
    assert_eq!(row_cells(&factor, "Team B"), ["1", "100", "–"]);
    // CX on likert5: [0,0,1,1,2] → 3 of 4 favourable = 75.
    assert_eq!(row_cells(&factor, "Team A"), ["2", "50", "75"]);
    // Five counts for a seven-point item is an error that names the scale's length.
    f.write("content/surveys/2026-Q1.yaml", "period: 2026-Q1\nex:\n  a:\n    invited: 10\n    responses: 10\n    items:\n      ex_pace: [1, 1, 1, 1, 6]\n");
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("expected 7 counts (answers 1 to 7), found 5")
    );
    // A scale whose cut-points overlap is refused where it is defined.
    f.write(
        "kolikko.yaml",
        &format!(
            "title: \"T\"\norganisation: \"O\"\n{}",
            config.replace("unfavourable_to: 3", "unfavourable_to: 6")
        ),
    );
    let out = f.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("kolikko.yaml:4:11: error: scale `agree7`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("unknown scale"),
        "one mistake, one message: {stderr}"
    );
}

/// The repository's own example report, built in Finnish.
#[test]
fn the_example_report_in_finnish() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let f = Fixture::new("", "units: []\n");
    let config = std::fs::read_to_string(repo.join("kolikko.yaml")).unwrap();
    f.write(
        "kolikko.yaml",
        &config.replace("language: en", "language: fi"),
    );
    for entry in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let relative = entry
            .path()
            .strip_prefix(repo)
            .unwrap()
            .to_string_lossy()
            .to_string();
        f.write(&relative, &std::fs::read_to_string(entry.path()).unwrap());
    }
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = f.read("index.html");
    assert!(index.contains("<html lang=\"fi\">"));
    for finnish in [
        "Yleiskuva",
        "Onko tiimeillä, joiden henkilöstökokemus on parempi, myös parempi asiakaskokemus?",
        "EX-indeksi",
        "Vaihtuvuus",
        "luottamusväli",
    ] {
        assert!(index.contains(finnish), "{finnish}");
    }
    // Decimal comma and a no-break space before %: the turnover tile, e.g. "1,6 %".
    let turnover = tile_value(&index, "Vaihtuvuus neljänneksen aikana");
    assert!(
        turnover.contains(',') && turnover.ends_with("\u{a0}%"),
        "{turnover}"
    );
    assert!(
        f.read("posts/2026-08-14-kallio-workload/index.html")
            .contains("14.8.2026")
    );
}

/// Messages an analyst can act on: what was found, the likely intended unit, one error for one
/// wrong number, and a post naming a period is not blamed for an error in that period's file.
#[test]
fn messages_say_what_was_found_and_what_was_meant() {
    let f = two_team_site("");
    let mut survey = String::from("period: 2026-Q1\nex:\n");
    // Every question says 10 answers; `responses` says 11: one mistake, one message.
    survey += &ex_team(
        "a",
        12,
        [0, 1, 2, 3, 4],
        [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2],
        None,
    )
    .replace("responses: 10", "responses: 11");
    survey += &ex_team("bb", 8, [1, 1, 1, 1, 2], spread11(6), None);
    f.write("content/surveys/2026-Q1.yaml", &survey);
    let out = f.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "2026-Q1.yaml:5:16: error: responses is 11, but all 13 questions have 10 answers each"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("the answer counts add up to"), "{stderr}");
    assert!(
        stderr.contains("unknown unit `bb`: did you mean `b`?"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("first.md"),
        "the post's period exists; its file merely has errors: {stderr}"
    );
    assert!(stderr.contains("2 errors"), "{stderr}");

    f.write(
        "content/surveys/2026-Q1.yaml",
        "period: 2026-Q1\nex:\n  a:\n    invited: twelve\n",
    );
    let stderr = String::from_utf8_lossy(&f.run(&["check"]).stderr).to_string();
    assert!(
        stderr.contains(
            "2026-Q1.yaml:4:14: error: expected a whole number, 0 or more, found `twelve`"
        ),
        "{stderr}"
    );
}

const THREE_TEAMS: &str = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: b\n        name: \"Team B\"\n      - id: c\n        name: \"Team C\"\n";

/// Two periods, so a post's figures can come from the wrong one; team C is invited but nobody
/// answers.
fn two_period_site() -> Fixture {
    let f = Fixture::new("", THREE_TEAMS);
    let period = |name: &str, a_items: [u64; 5]| {
        let mut s = format!("period: {name}\nex:\n");
        s += &ex_team("a", 12, a_items, [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2], None);
        s += &ex_team(
            "b",
            12,
            [2, 1, 1, 2, 4],
            [0, 0, 0, 0, 0, 0, 3, 0, 0, 3, 4],
            None,
        );
        s += &ex_team("c", 10, [0; 5], [0; 11], None);
        s += "cx:\n";
        s += &cx_team("a", [0, 0, 2, 8, 10], spread11(20));
        s
    };
    // EX index, per question: A 7/10 = 70 and B 6/10 = 60 favourable in Q1; the
    // organisation's summed answers give 13/20 = 65. Q2: A 10/10 = 100, org 16/20 = 80.
    f.write(
        "content/surveys/2026-Q1.yaml",
        &period("2026-Q1", [0, 1, 2, 3, 4]),
    );
    f.write(
        "content/surveys/2026-Q2.yaml",
        &period("2026-Q2", [0, 0, 0, 0, 10]),
    );
    f.write(
        "content/posts/march.md",
        "---\ntitle: \"March\"\ndate: 2026-04-10\nperiod: 2026-Q1\n---\nThe EX index was {{ kpi(metric=\"ex_index\") }} and changed by {{ kpi(metric=\"ex_index\", change=\"previous\", period=\"2026-Q2\") }} later; {{ kpi(metric=\"teams_shown\") }} teams were shown.\n\n{{ chart(kind=\"response\") }}\n",
    );
    f
}

#[test]
fn post_figures_use_the_posts_period_and_stay_in_summaries() {
    let f = two_period_site();
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Organisation EX index, Q1: 13 favourable of 20 per question = 65 (not Q2's 80);
    // change to Q2: 80 − 65 = +15. Teams A and B are shown; C has no data.
    let post = f.read("posts/march/index.html");
    assert!(post.contains(">65</span> and changed by <span"), "{post}");
    assert!(post.contains(">+15</span>"));
    let sentence = "The EX index was 65 and changed by +15 later; 2 teams were shown.";
    for page in ["posts/index.html", "periods/2026-q1/index.html", "feed.xml"] {
        assert!(
            f.read(page).contains(sentence),
            "{page} lost the figures of its summary"
        );
    }
}

#[test]
fn nobody_answering_is_a_zero_response_rate() {
    let f = two_period_site();
    assert!(f.run(&["build"]).status.success());
    let team = f.read("units/c/index.html");
    assert_eq!(tile_value(&team, "Response rate"), "0%");
    assert!(team.contains("0 / 10"));
    let period = f.read("periods/2026-q2/index.html");
    let table = elements(&period, "<table class=\"units\"", "</table>")[0];
    assert_eq!(row_cells(table, "Team C").last().unwrap(), "0%");
    // The response-rate chart's data table lists it as well.
    assert!(f.read("posts/march/index.html").contains("0/10"));
}
