//! Regression tests for issue 8's count leaks: turnover below one head, and hidden team sizes
//! worked out from published response counts and the rules.

mod common;

use common::{Fixture, cx_team, ex_team, likert, spread11};
use kolikko::aggregate;

const UNITS: &str = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: b\n        name: \"Team B\"\n      - id: w\n        name: \"Team W\"\n  - id: r2\n    name: \"Region Two\"\n    children:\n      - id: c\n        name: \"Team C\"\n";

fn site(w_turnover: (f64, u64), a_headcount: f64) -> (kolikko::model::Site, aggregate::Analysis) {
    let f = Fixture::new("", UNITS);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    s += &ex_team("a", 12, likert(10, 2), spread11(10), Some((a_headcount, 1)));
    s += &ex_team("b", 12, likert(10, 3), spread11(10), Some((14.0, 0)));
    s += &ex_team("w", 3, [0, 0, 0, 0, 0], [0; 11], Some(w_turnover));
    s += &ex_team("c", 22, likert(20, 2), spread11(20), Some((20.0, 0)));
    s += "cx:\n";
    s += &cx_team("a", [0, 0, 2, 8, 10], spread11(20));
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let analysis = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    (site, analysis)
}

/// (leavers, headcount) of a unit if its turnover is published.
fn turnover(site: &kolikko::model::Site, a: &aggregate::Analysis, id: &str) -> Option<(u64, f64)> {
    let e = a.periods[0].units[site.units.find(id).unwrap()]
        .ex
        .as_ref()?;
    Some((e.leavers?, e.headcount?))
}

#[test]
fn a_team_being_wound_down_is_protected_and_protects() {
    // Team W: nobody answered, 0.8 heads on average, 4 leavers. Before the fix region One
    // published 5 leavers / 27.3 and teams A and B 1 / 12.5 and 0 / 14, which gave W exactly.
    let (site, a) = site((0.8, 4), 12.5);
    assert!(turnover(&site, &a, "w").is_none());
    let region = turnover(&site, &a, "r1");
    let (ta, tb) = (turnover(&site, &a, "a"), turnover(&site, &a, "b"));
    assert!(
        region.is_none() || ta.is_none() || tb.is_none(),
        "region {region:?} − A {ta:?} − B {tb:?} would give W"
    );
    assert_eq!(aggregate::turnover_people(true, 0.8, 4), 4);
    assert_eq!(aggregate::turnover_people(true, 0.6, 0), 1);
    assert_eq!(aggregate::turnover_people(true, 0.0, 0), 0);
    assert_eq!(aggregate::turnover_people(false, 9.0, 2), 0);
}

#[test]
fn a_shown_team_below_one_head_is_protected() {
    // Team A has ten answers but 0.6 heads in the HR data: its turnover is about one person.
    let (site, a) = site((0.0, 0), 0.6);
    assert!(turnover(&site, &a, "a").is_none());
    let region = turnover(&site, &a, "r1");
    let tb = turnover(&site, &a, "b");
    assert!(
        region.is_none() || tb.is_none(),
        "region {region:?} − B {tb:?} would give A"
    );
}

#[test]
fn cx_figures_need_cx_threshold_customers() {
    let f = Fixture::new("cx_threshold: 3\n", UNITS);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    s += &ex_team("a", 12, likert(10, 2), spread11(10), None);
    s += "cx:\n";
    s += &cx_team("a", [0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]); // 2 customers
    s += &cx_team("b", [0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]); // 3 customers
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let unit = |id: &str| &a.periods[0].units[site.units.find(id).unwrap()];
    assert!(unit("a").cx.is_none() && unit("a").cx_below_minimum);
    let b = unit("b").cx.as_ref().expect("3 customers are shown");
    assert!(!unit("b").cx_below_minimum && b.low_n);
    // 1 of 3 answers 3 → 2 of 3 favourable on every item: index 66.7.
    assert!((b.index.unwrap() - 200.0 / 3.0).abs() < 1e-9);
    // The region adds both teams' 5 customers.
    assert_eq!(unit("r1").cx.as_ref().unwrap().responses, 5);

    let bad = Fixture::new("cx_threshold: 0\n", UNITS);
    bad.write("content/surveys/2026-Q1.yaml", &s);
    let err = kolikko::load::load_site(bad.path())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("cx_threshold 0") && err.contains("kolikko.yaml"),
        "{err}"
    );
}

#[test]
fn report_with_merges_a_small_team_into_its_sibling() {
    let units = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: tiny\n        name: \"Tiny team\"\n        report_with: b\n      - id: b\n        name: \"Team B\"\n  - id: r2\n    name: \"Region Two\"\n    children:\n      - id: c\n        name: \"Team C\"\n";
    let f = Fixture::new("", units);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    s += &ex_team("a", 12, likert(10, 2), spread11(10), None);
    // Tiny: 3 answers [0,0,0,0,3] (all favourable); B: 6 answers [1,1,1,1,2] (3 favourable).
    s += &ex_team("tiny", 3, [0, 0, 0, 0, 3], spread11(3), None);
    s += &ex_team("b", 8, [1, 1, 1, 1, 2], spread11(6), None);
    s += &ex_team("c", 22, likert(20, 2), spread11(20), None);
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let unit = |id: &str| &a.periods[0].units[site.units.find(id).unwrap()];
    // Without report_with Tiny (3) would be hidden and B (the last-listed) with it.
    let b = unit("b")
        .ex
        .as_ref()
        .expect("B is shown with Tiny's answers");
    assert_eq!(b.responses, 9);
    // (3 + 3) favourable of 9 on every item = 66.7.
    assert!((b.index.unwrap() - 600.0 / 9.0).abs() < 1e-9);
    assert!(unit("tiny").ex.is_none() && !unit("tiny").ex_visibility.is_hidden());
    assert_eq!(unit("r1").ex.as_ref().unwrap().responses, 19);

    for (bad, says) in [
        ("c", "neither this team's region nor a team beside it"),
        ("nobody", "no unit `nobody`"),
    ] {
        let g = Fixture::new(
            "",
            &units.replace("report_with: b", &format!("report_with: {bad}")),
        );
        g.write("content/surveys/2026-Q1.yaml", &s);
        let err = kolikko::load::load_site(g.path()).unwrap_err().to_string();
        assert!(
            err.contains(says) && err.contains("units.yaml:9:22"),
            "{err}"
        );
    }
}

#[test]
fn hidden_regions_cannot_pin_their_teams_sizes() {
    // N = 4. Region One: teams A and B of 3 each (both hidden, so the region too); region Two:
    // team C of 3; team D of 4 directly under the organisation. Before the fix the organisation's
    // 13 and D's 4 were published: 9 hidden in three teams of at most 3 gave each of them as 3.
    let units = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: b\n        name: \"Team B\"\n  - id: r2\n    name: \"Region Two\"\n    children:\n      - id: c\n        name: \"Team C\"\n  - id: d\n    name: \"Team D\"\n";
    let f = Fixture::new("anonymity_threshold: 4\n", units);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    s += &ex_team("a", 5, likert(3, 2), spread11(3), None);
    s += &ex_team("b", 5, likert(3, 1), spread11(3), None);
    s += &ex_team("c", 5, likert(3, 3), spread11(3), None);
    s += &ex_team("d", 6, likert(4, 2), spread11(4), None);
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let unit = |id: &str| &a.periods[0].units[site.units.find(id).unwrap()];
    let org = &a.periods[0].units[0];
    assert_eq!(org.ex.as_ref().map(|e| e.responses), Some(13));
    for id in ["r1", "a", "b", "r2", "c"] {
        assert!(
            unit(id).ex_visibility.is_hidden(),
            "{id} is below 4 or all its teams are"
        );
    }
    assert!(
        unit("d").ex.is_none() && unit("d").ex_visibility.is_hidden(),
        "13 − D's 4 would leave 9 = 3 + 3 + 3"
    );
}

/// The units' published responses and invited counts: (responses, invited) where shown, the
/// invited count of a unit nobody answered, nothing where hidden.
fn published_counts(a: &aggregate::Analysis) -> Vec<(Option<u64>, Option<u64>)> {
    a.periods[0]
        .units
        .iter()
        .map(|u| match (&u.ex, u.invited_without_answers) {
            (Some(e), _) => (Some(e.responses), Some(e.invited)),
            (None, invited) => (None, invited),
        })
        .collect()
}

#[test]
fn teams_of_one_beside_a_protector_of_exactly_the_threshold_are_not_pinned() {
    // N = 4. Region One: teams A and B of 1 each; team S of 4, team P of 4 last. P protects the
    // region, but a reader who knows the rule knows P was shown, so at least 4: before the fix
    // the organisation's 10 and S's 4 were published, and 10 − 4 = 6 = 1 + 1 + 4 fixed A, B and
    // P. Now S protects too, and with nothing left to dilute the organisation is hidden.
    let units = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: b\n        name: \"Team B\"\n  - id: s\n    name: \"Team S\"\n  - id: p\n    name: \"Team P\"\n";
    let f = Fixture::new("anonymity_threshold: 4\n", units);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    s += &ex_team("a", 2, [0, 0, 0, 0, 1], spread11(1), None);
    s += &ex_team("b", 3, [0, 0, 0, 1, 0], spread11(1), None);
    s += &ex_team("s", 6, likert(4, 2), spread11(4), None);
    s += &ex_team("p", 5, likert(4, 1), spread11(4), None);
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let published = published_counts(&a);
    assert!(
        published.iter().all(|&(r, i)| r.is_none() && i.is_none()),
        "nothing may be published: {published:?}"
    );
    // With P at 5 the hidden 7 = 1 + 1 + P leaves P 4 or 5 (and A, B 1 or 2): the organisation
    // and S stay shown.
    let f = Fixture::new("anonymity_threshold: 4\n", units);
    let s = s.replace(
        &ex_team("p", 5, likert(4, 1), spread11(4), None),
        &ex_team("p", 5, likert(5, 1), spread11(5), None),
    );
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let unit = |id: &str| &a.periods[0].units[site.units.find(id).unwrap()];
    assert_eq!(
        a.periods[0].units[0].ex.as_ref().map(|e| e.responses),
        Some(11)
    );
    assert_eq!(unit("s").ex.as_ref().map(|e| e.responses), Some(4));
    assert!(unit("p").ex.is_none() && unit("r1").ex.is_none());
}

#[test]
fn a_protectors_published_responses_bound_its_hidden_answers() {
    // N = 4. Region One = team A (5 responses, 3 answers to the first question) + team B (4, 4),
    // beside team S (10). In that question's table A is below 4 and B protects it; but B's 4
    // responses are published and A's 3 answers are below 4, so the region's 7 answers gave
    // 3 + 4 exactly. Now the region's answers to that question are withheld too.
    let units = "units:\n  - id: r1\n    name: \"Region One\"\n    children:\n      - id: a\n        name: \"Team A\"\n      - id: b\n        name: \"Team B\"\n  - id: s\n    name: \"Team S\"\n";
    let f = Fixture::new("anonymity_threshold: 4\n", units);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    let a_team = ex_team("a", 6, [1, 1, 1, 1, 1], spread11(5), None);
    let first = kolikko::framework::Framework::default_six()
        .items(kolikko::framework::Side::Ex)
        .next()
        .expect("an EX question")
        .id
        .clone();
    let a_team = a_team.replacen(
        &format!("{first}: [1, 1, 1, 1, 1]"),
        &format!("{first}: {{ counts: [0, 1, 1, 1, 0], na: 2 }}"),
        1,
    );
    s += &a_team;
    s += &ex_team("b", 4, [1, 1, 1, 0, 1], spread11(4), None);
    s += &ex_team("s", 12, likert(10, 2), spread11(10), None);
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let unit = |id: &str| a.periods[0].units[site.units.find(id).unwrap()].ex.as_ref();
    let (r1, b) = (
        unit("r1").expect("region shown"),
        unit("b").expect("B shown"),
    );
    assert_eq!((r1.responses, b.responses), (9, 4));
    assert!(
        r1.items[0].is_none() && r1.withheld.items >= 1,
        "region's answers withheld"
    );
    assert!(b.items[0].is_none(), "B protects A in that question");
    assert!(
        r1.items[1].is_some(),
        "the other questions are not affected"
    );
    let org = a.periods[0].units[0]
        .ex
        .as_ref()
        .expect("organisation shown");
    assert!(org.items[0].is_some());
}

#[test]
fn invited_counts_are_published_only_beside_published_responses() {
    // Invited counts are published for shown units and for units nobody answered, so the
    // hidden units' invited counts come only as the same sums as their responses: over the same
    // hidden groups, each at least its responses (docs/method.md, "Every published table").
    let f = Fixture::new("anonymity_threshold: 4\n", UNITS);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    s += &ex_team("a", 12, likert(10, 2), spread11(10), None);
    s += &ex_team("b", 3, [0, 0, 1, 1, 1], spread11(3), None);
    s += &ex_team("w", 4, [0; 5], [0; 11], None);
    s += &ex_team("c", 22, likert(20, 2), spread11(20), None);
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let published = published_counts(&a);
    for (u, r) in a.periods[0].units.iter().enumerate() {
        let (responses, invited) = published[u];
        assert_eq!(
            invited.is_some(),
            r.ex_visibility.is_shown() || r.ex_visibility == kolikko::privacy::Visibility::NoData,
            "unit {u}: {:?} publishes invited {invited:?}",
            r.ex_visibility
        );
        assert_eq!(responses.is_some(), r.ex_visibility.is_shown());
    }
    // B (3) is hidden, A protects it; W (nobody answered) shows its 4 invited.
    let unit = |id: &str| published[site.units.find(id).unwrap()];
    assert_eq!(unit("w"), (None, Some(4)));
    assert_eq!(unit("b"), (None, None));
    assert_eq!(unit("a"), (None, None));
}

#[test]
fn an_empty_team_below_a_hidden_region_looks_like_any_hidden_team() {
    // Region One (A 2, B 1, W nobody) is below 4. Were W printed as "no data" with its 4
    // invited, a reader would know A and B have at least 1 each; at N = 3 that pinned a region
    // of two teams of 1 (docs/method.md, Anonymity).
    let f = Fixture::new("anonymity_threshold: 4\nlanguage: en\n", UNITS);
    let mut s = String::from("period: 2026-Q1\nex:\n");
    s += &ex_team("a", 5, [0, 0, 1, 1, 0], spread11(2), None);
    s += &ex_team("b", 5, [0, 0, 0, 1, 0], spread11(1), None);
    s += &ex_team("w", 4, [0; 5], [0; 11], None);
    s += &ex_team("c", 22, likert(20, 2), spread11(20), None);
    f.write("content/surveys/2026-Q1.yaml", &s);
    let mut site = kolikko::load::load_site(f.path()).expect("fixture loads");
    let a = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let w = &a.periods[0].units[site.units.find("w").unwrap()];
    assert!(w.ex_visibility.is_hidden(), "{:?}", w.ex_visibility);
    assert_eq!(
        published_counts(&a)[site.units.find("w").unwrap()],
        (None, None)
    );

    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let team_w = f.read("units/w/index.html");
    let team_a = f.read("units/a/index.html");
    std::fs::write("/tmp/w11-region.html", f.read("units/r1/index.html")).unwrap();
    // Its page says what team A's says (W has no customers, so its CX tiles say "No data").
    for page in [&team_w, &team_a] {
        assert!(page.contains("Employee results are hidden"));
        assert!(
            !page.contains("Response rate"),
            "no response rate on a hidden team's page"
        );
    }
}
