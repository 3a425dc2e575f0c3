//! Background groups and the employee lifecycle, end to end: the fixture
//! `tests/fixtures/lifecycle/` (written by its `make_fixture.py` from one rule per tenure band)
//! is read, counted per team × band, protected across cuts and rendered. Every expected figure
//! below is worked out by hand from the rules of `make_fixture.py`:
//!
//! - respondents per team and band (< 1, 1–3, 3–10, 10+): 2026-Q2 3, 3, 6, 6 in every team;
//!   2026-Q3 Kamppi 5, 5, 5, 5; Kallio 5, 6, 5, 5; Töölö 2, 5, 5, 6; Pasila 8, 8, 8, 8.
//! - the j-th respondent (from 0) of a team's band answers `ex_comm_info` 5 (< 1), 4 when j is
//!   even else 2 (1–3), 3 (3–10), 4 (10+); `ex_work_manageable` 4 for j < 2 else 3 (< 1), 4
//!   (1–3), 4 (3–10), 2 (10+); the eNPS question 10 (< 1), 8 (1–3), 6 when j is even else 9
//!   (3–10), 9 (10+). In 2026-Q3 the first newcomer of each team has an exit date.
//! - 4 and 5 are favourable; 9–10 promoters, 0–6 detractors; the threshold is 5.

use std::path::Path;

use kolikko::cuts::{CutAnalysis, CutRow};
use kolikko::model::BandName;

const SITE: &str = "tests/fixtures/lifecycle";

fn analysis() -> (kolikko::model::Site, kolikko::aggregate::Analysis) {
    let mut site = kolikko::load::load_site(Path::new(SITE)).expect("the fixture loads");
    let analysis = kolikko::aggregate::analyse(&mut site, kolikko::aggregate::Counts::Keep);
    (site, analysis)
}

fn cut<'a>(analysis: &'a kolikko::aggregate::Analysis, p: usize, name: &str) -> &'a CutAnalysis {
    analysis.periods[p]
        .cuts
        .iter()
        .find(|c| c.name == name)
        .expect("the cut is read")
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn organisation_row_by_tenure_band_matches_the_hand_counts() {
    let (_, analysis) = analysis();
    let tenure = cut(&analysis, 1, "tenure");
    assert!(tenure.leavers_known);
    let shown = tenure.shown.as_ref().expect("2026-Q3 is shown");
    assert!(!shown.merged);
    assert_eq!(
        shown.bands,
        [
            BandName::Years {
                from: None,
                to: Some(1.0)
            },
            BandName::Years {
                from: Some(1.0),
                to: Some(3.0)
            },
            BandName::Years {
                from: Some(3.0),
                to: Some(10.0)
            },
            BandName::Years {
                from: Some(10.0),
                to: None
            },
        ]
    );
    let org: &CutRow = shown.rows[0].as_ref().expect("the organisation's row");
    let n: Vec<u64> = org.bands.iter().map(|b| b.responses).collect();
    assert_eq!(n, [20, 24, 23, 24]);
    assert_eq!(org.not_stated, 0);
    // < 1: ex_comm_info 20/20 favourable; ex_work_manageable 2 per team = 8/20.
    assert!(close(org.bands[0].index, (100.0 + 800.0 / 20.0) / 2.0));
    // 1–3: ex_comm_info favourable for even j: 3 + 3 + 3 + 4 = 13 of 24; workload 24/24.
    assert!(close(org.bands[1].index, (1300.0 / 24.0 + 100.0) / 2.0));
    // 3–10: 0% and 100%; 10+: 100% and 0%.
    assert!(close(org.bands[2].index, 50.0));
    assert!(close(org.bands[3].index, 50.0));
    // eNPS: all promoters; all passives; detractors for even j (3 + 3 + 3 + 4) and promoters for
    // odd j (2 + 2 + 2 + 4); all promoters.
    let enps: Vec<Option<f64>> = org.bands.iter().map(|b| b.enps.map(|e| e.score)).collect();
    assert!(close(enps[0], 100.0) && close(enps[1], 0.0));
    assert!(close(enps[2], 100.0 * (10.0 - 13.0) / 23.0) && close(enps[3], 100.0));
    // One leaver among each team's newcomers: 4 of 20; no leavers in the other bands.
    assert!(close(org.bands[0].turnover, 4.0 / 20.0));
    assert!(close(org.bands[1].turnover, 0.0));
    // Kamppi's newcomers: 5 favourable of 5, and 2 of 5: index 70. No turnover below the
    // organisation.
    let kamppi = shown.rows[2].as_ref().expect("Kamppi's row");
    assert_eq!(kamppi.bands[0].responses, 5);
    assert!(close(kamppi.bands[0].index, 70.0));
    assert_eq!(kamppi.bands[0].turnover, None);
}

#[test]
fn a_small_band_hides_its_row_and_a_sibling_row() {
    // Töölö has 2 newcomers: its row is hidden, and Pasila's too, or North's 10 newcomers minus
    // Pasila's 8 would be Töölö's 2. North's own row (10, 13, 13, 14) stays: Pasila's cells of
    // at least 5 in a total of 32 can each be 5 to 17, so no band's difference pins them. (With
    // Pasila at 5, 5, 5, 5 a reader who knows that the complement has someone in every band,
    // or North's row would have gone, pinned Pasila at 5 each and Töölö's row with it.)
    let (site, analysis) = analysis();
    let shown = cut(&analysis, 1, "tenure").shown.clone().expect("shown");
    let row = |id: &str| shown.rows[site.units.find(id).expect("unit")].clone();
    assert!(row("toolo").is_none());
    assert!(row("pasila").is_none());
    let north = row("north").expect("North's row");
    let n: Vec<u64> = north.bands.iter().map(|b| b.responses).collect();
    assert_eq!(n, [10, 13, 13, 14]);
    for id in ["south", "kamppi", "kallio"] {
        assert!(row(id).is_some(), "{id}");
    }
    // The teams themselves are shown by the unit rule: the cut hides only their rows.
    let toolo = site.units.find("toolo").expect("toolo");
    assert!(analysis.periods[1].units[toolo].ex_visibility.is_shown());
}

#[test]
fn a_mostly_hidden_cut_is_shown_with_merged_bands() {
    // 2026-Q2: 3 respondents in each team's < 1 and 1–3 bands. At the declared bands only the
    // organisation and the two regions keep their row (3 of 7 shown units): the bands are
    // merged into < 3 (6 per team) and 3 or more (12 per team), where every row is shown.
    let (_, analysis) = analysis();
    let shown = cut(&analysis, 0, "tenure")
        .shown
        .clone()
        .expect("shown merged");
    assert!(shown.merged);
    assert_eq!(shown.band_groups, [vec![0, 1], vec![2, 3]]);
    assert_eq!(
        shown.bands,
        [
            BandName::Years {
                from: None,
                to: Some(3.0)
            },
            BandName::Years {
                from: Some(3.0),
                to: None
            },
        ]
    );
    for (u, row) in shown.rows.iter().enumerate() {
        let row = row.as_ref().unwrap_or_else(|| panic!("unit {u} has a row"));
        let want: [u64; 2] = if u == 0 {
            [24, 48]
        } else if u == 1 || u == 4 {
            [12, 24]
        } else {
            [6, 12]
        };
        let n: Vec<u64> = row.bands.iter().map(|b| b.responses).collect();
        assert_eq!(n, want, "unit {u}");
    }
}

#[test]
fn a_label_cut_is_counted_and_not_shown_when_only_the_regions_would_keep_a_row() {
    // Role: the first respondent (j = 0) of each team's band is a supervisor. 2026-Q3: 16
    // team-bands have someone, so 16 supervisors and 91 − 16 = 75 specialists, 4 supervisors
    // per team.
    let (site, analysis) = analysis();
    let counts = site.periods[1]
        .background
        .iter()
        .find(|c| c.name == "role")
        .expect("role is read");
    let mut total = [0u64; 3];
    for (_, row) in &counts.teams {
        for (t, band) in total.iter_mut().zip(row) {
            *t += band.responses;
        }
        assert_eq!(row[0].responses, 4);
    }
    assert_eq!(total, [16, 75, 0]);
    // Every team's row has 4 supervisors, fewer than 5: only the organisation's and the two
    // regions' rows could be shown, 3 of the 7 units the unit rule shows. That is less than
    // half, and two groups cannot be merged into fewer than two: the cut is not shown.
    assert!(cut(&analysis, 1, "role").shown.is_none());
}

fn page(files: &[kolikko::output::OutputFile], path: &str) -> String {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is written"));
    String::from_utf8(file.contents.clone()).expect("UTF-8")
}

#[test]
fn the_lifecycle_page_shows_published_rows_only_and_is_linked_from_every_page() {
    let (_, _, files) = kolikko::build::render(Path::new(SITE)).expect("builds");
    let html = page(&files, "lifecycle/index.html");
    // Onboarding tiles: 70 = (100 + 800/20) / 2; 4 of 20 have left.
    assert!(html.contains("EX index, under 1 year"));
    assert!(html.contains(">70<"), "the onboarding index");
    assert!(html.contains(">20%<"), "4 of 20 newcomers have left");
    assert!(html.contains(
        "<th scope=\"row\">under 1 year</th><td>20</td><td>70</td><td>+100</td><td>20%</td>"
    ));
    assert!(html.contains(
        "<th scope=\"row\">3–10 years</th><td>23</td><td>50</td><td>−13</td><td>0%</td>"
    ));
    // The units the rule publishes, and not Töölö or Pasila.
    assert!(html.contains("Kamppi service desk"));
    assert!(!html.contains("Töölö customer service"));
    assert!(!html.contains("Pasila maintenance"));
    // Role is hidden at every level, and the page says so.
    assert!(html.contains("Results by role are not shown for this period"));
    // Nothing of the export but counts: no e-mail address reaches any page.
    for file in &files {
        assert!(
            !String::from_utf8_lossy(&file.contents).contains("@example.com"),
            "{}",
            file.path
        );
    }
    // The nav links to the page from the overview.
    assert!(page(&files, "index.html").contains("href=\"lifecycle/index.html\""));
}

#[test]
fn a_site_without_background_data_has_no_lifecycle_page_or_link() {
    let (_, _, files) =
        kolikko::build::render(Path::new("tests/fixtures/responses/counts")).expect("builds");
    assert!(!files.iter().any(|f| f.path.starts_with("lifecycle/")));
    assert!(!page(&files, "index.html").contains("lifecycle/index.html"));
}

#[test]
fn commentary_embeds_the_lifecycle_chart_and_a_hidden_row_says_not_shown() {
    let (_, _, files) = kolikko::build::render(Path::new(SITE)).expect("builds");
    let html = page(&files, "posts/2026-10-20-first-months/index.html");
    assert_eq!(html.matches("<figure class=\"chart inline\"").count(), 2);
    assert!(html.contains("EX index by length of service · Testi Oy · Q3 2026"));
    assert!(html.contains("EX index by length of service · Kamppi service desk · Q3 2026"));
    assert!(!html.contains("Pasila maintenance · Q3"));
    assert_eq!(
        html.matches("class=\"note\"").count(),
        1,
        "Pasila: not shown"
    );
}

fn copy_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(SITE) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(SITE).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

fn replace_in(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file}: {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn load_error(dir: &Path) -> String {
    match kolikko::load::load_site(dir) {
        Ok(_) => panic!("the site loads"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_bands_in_the_mapping_are_an_error_at_their_line() {
    let copy = copy_site();
    replace_in(
        copy.path(),
        "content/mappings/ex.yaml",
        "bands: [1, 3, 10]",
        "bands: [3, 1]",
    );
    let message = load_error(copy.path());
    assert!(message.contains("ex.yaml:13:12"), "{message}");
    assert!(message.contains("increasing numbers of years"), "{message}");
}

#[test]
fn a_tenure_cell_that_is_not_a_number_is_an_error_at_its_row_and_column() {
    let copy = copy_site();
    let csv = "content/surveys/ex-2026-q3.csv";
    replace_in(copy.path(), csv, "Kamppi;0,5;", "Kamppi;puoli vuotta;");
    let message = load_error(copy.path());
    // The first data row is line 2; the tenure is column 3.
    assert!(message.contains("ex-2026-q3.csv:2:3"), "{message}");
    assert!(
        message.contains(
            "`puoli vuotta` is not a value the mapping knows; expected a number of years"
        ),
        "{message}"
    );
}

#[test]
fn an_exit_date_that_is_not_a_date_is_an_error() {
    let copy = copy_site();
    let csv = "content/surveys/ex-2026-q3.csv";
    replace_in(copy.path(), csv, "15.10.2026", "lokakuussa");
    let message = load_error(copy.path());
    assert!(message.contains("ex-2026-q3.csv:2:8"), "{message}");
    assert!(
        message.contains("(`exit_date`): `lokakuussa` is not a date"),
        "{message}"
    );
}
