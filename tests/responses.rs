//! Responses files: exports of survey tools, written in their documented column layouts by
//! `tests/fixtures/responses/make_fixtures.py`, build the same report as the answer counts the
//! script works out on its own; `kolikko import` prints counts that build the same report too;
//! bad exports are refused with the file, row and column.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use kolikko::build;

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/responses").join(name)
}

/// Every page of a site, rendered in memory.
fn pages(site: &Path) -> Vec<(String, Vec<u8>)> {
    let (_, _, files) = build::render(site).unwrap_or_else(|e| panic!("{}: {e}", site.display()));
    let mut files: Vec<_> = files.into_iter().map(|f| (f.path, f.contents)).collect();
    files.sort();
    files
}

fn assert_same_report(site: &Path, counts: &Path) {
    let (a, b) = (pages(site), pages(counts));
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&a),
        names(&b),
        "{} writes other files",
        site.display()
    );
    for ((path, left), (_, right)) in a.iter().zip(&b) {
        assert!(
            left == right,
            "{}: {path} differs from the counts site's",
            site.display()
        );
    }
}

/// The EX results by unit, as the model holds them.
fn ex_results(site: &Path) -> Vec<Option<kolikko::model::ExResult>> {
    kolikko::load::load_site(site).unwrap().periods[0]
        .ex
        .clone()
}

#[test]
fn microsoft_forms_xlsx_builds_the_same_report_as_its_counts() {
    assert_eq!(
        ex_results(&fixture("msforms")),
        ex_results(&fixture("counts"))
    );
    assert_same_report(&fixture("msforms"), &fixture("counts"));
}

#[test]
fn google_forms_csv_builds_the_same_report_as_its_counts() {
    assert_eq!(
        ex_results(&fixture("google")),
        ex_results(&fixture("counts"))
    );
    assert_same_report(&fixture("google"), &fixture("counts"));
}

#[test]
fn qualtrics_csv_with_three_header_rows_builds_the_same_report_as_its_counts() {
    assert_eq!(
        ex_results(&fixture("qualtrics")),
        ex_results(&fixture("counts"))
    );
    assert_same_report(&fixture("qualtrics"), &fixture("counts"));
}

#[test]
fn finnish_excel_semicolon_windows_1252_csv_builds_the_same_report_as_its_counts() {
    assert_eq!(
        ex_results(&fixture("excel-fi")),
        ex_results(&fixture("counts"))
    );
    assert_same_report(&fixture("excel-fi"), &fixture("counts"));
}

#[test]
fn an_export_with_other_columns_and_a_four_point_scale_builds_through_its_mapping_alone() {
    let other = kolikko::load::load_site(&fixture("other")).unwrap();
    let counts = kolikko::load::load_site(&fixture("other-counts")).unwrap();
    assert_eq!(other.periods[0].ex, counts.periods[0].ex);
    assert_eq!(other.periods[0].cx, counts.periods[0].cx);
    assert_same_report(&fixture("other"), &fixture("other-counts"));
}

#[test]
fn each_build_says_how_each_export_was_read() {
    let summary = |name: &str| {
        let site = kolikko::load::load_site(&fixture(name)).unwrap();
        site.responses
            .iter()
            .map(|r| r.summary.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    insta::assert_snapshot!(
        [
            summary("msforms"),
            summary("google"),
            summary("qualtrics"),
            summary("excel-fi"),
            summary("other")
        ]
        .join("\n"),
        @r"
    tests/fixtures/responses/msforms/content/surveys/ms-forms-2026-q3.xlsx: Excel workbook, sheet `Sheet1`, 1 header row; 37 rows read, 37 used, 0 skipped
    tests/fixtures/responses/google/content/surveys/google-forms-2026-q3.csv: CSV, comma-separated, UTF-8, 1 header row; 38 rows read, 37 used, 1 skipped (1 with a team not in content/units.yaml)
    tests/fixtures/responses/qualtrics/content/surveys/qualtrics-2026-q3.csv: CSV, comma-separated, UTF-8 with byte-order mark, 3 header rows; 38 rows read, 37 used, 1 skipped (1 with no answer to any question)
    tests/fixtures/responses/excel-fi/content/surveys/kysely-2026-q3.csv: CSV, semicolon-separated, Windows-1252, 1 header row; 37 rows read, 37 used, 0 skipped
    tests/fixtures/responses/other/content/surveys/pulse-2026-q3.tsv: CSV, tab-separated, ASCII (UTF-8), 1 header row; 23 rows read, 23 used, 0 skipped
    tests/fixtures/responses/other/content/surveys/customers-2026-q3.csv: CSV, comma-separated, ASCII (UTF-8), 1 header row; 64 rows read, 64 used, 0 skipped
    "
    );
}

fn kolikko(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .args(args)
        .output()
        .unwrap()
}

/// Copies a fixture site into a temporary folder.
fn copy_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(fixture(name)) {
        let entry = entry.unwrap();
        let target = dir
            .path()
            .join(entry.path().strip_prefix(fixture(name)).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

#[test]
fn import_prints_the_counts_the_build_reads() {
    let site = fixture("excel-fi");
    let output = kolikko(&[
        "import",
        site.join("content/surveys/kysely-2026-q3.csv")
            .to_str()
            .unwrap(),
        "--mapping",
        site.join("content/mappings/kysely.yaml").to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let yaml = String::from_utf8(output.stdout).unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("37 rows read, 37 used"));
    // The printed file, put in place of the export (the CX counts kept), builds the same report.
    let copy = copy_site("excel-fi");
    let survey = copy.path().join("content/surveys/2026-q3.yaml");
    let original = fs::read_to_string(&survey).unwrap();
    let cx = &original[original.find("cx:").unwrap()..];
    fs::write(&survey, format!("{yaml}{cx}")).unwrap();
    fs::remove_file(copy.path().join("content/surveys/kysely-2026-q3.csv")).unwrap();
    assert_same_report(copy.path(), &fixture("counts"));
}

#[test]
fn import_of_an_export_no_survey_file_names_needs_a_period_and_says_invited_is_a_guess() {
    let site = fixture("counts");
    let export = fixture("other/content/surveys/customers-2026-q3.csv");
    let mapping = fixture("google/content/mappings/google-forms.yaml");
    let without = kolikko(&[
        "import",
        export.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    assert_eq!(without.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&without.stderr), @r"
    tests/fixtures/responses/other/content/surveys/customers-2026-q3.csv: error: no survey file of the site reads this export with this mapping: give the period with --period (e.g. --period 2026-Q3)

    1 error
    ");

    let other = fixture("other");
    let output = kolikko(&[
        "import",
        fixture("other/content/surveys/pulse-2026-q3.tsv")
            .to_str()
            .unwrap(),
        "--mapping",
        fixture("other/content/mappings/pulse.yaml")
            .to_str()
            .unwrap(),
        "--site",
        fixture("counts").to_str().unwrap(),
        "--period",
        "2026-Q3",
    ]);
    // The counts site has the default framework: the pulse mapping's items are not in it.
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown item `ex_trust`"));

    let copy = copy_site("other");
    fs::rename(
        copy.path().join("content/surveys/pulse-2026-q3.tsv"),
        copy.path().join("pulse.tsv"),
    )
    .unwrap();
    let output = kolikko(&[
        "import",
        copy.path().join("pulse.tsv").to_str().unwrap(),
        "--mapping",
        other.join("content/mappings/pulse.yaml").to_str().unwrap(),
        "--site",
        other.to_str().unwrap(),
        "--period",
        "2026-Q3",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let yaml = String::from_utf8(output.stdout).unwrap();
    let body = &yaml[yaml.find("period:").unwrap()..];
    assert!(yaml.contains("# invited is set to the number of respondents"));
    // Worked out by make_fixtures.py (other-counts), except invited = responses.
    let counts = fs::read_to_string(fixture("other-counts/content/surveys/2026-q3.yaml")).unwrap();
    let mut expected = counts[..counts.find("cx:").unwrap()].to_string();
    for (team, invited, responses) in [
        ("kamppi", 9, 7),
        ("kallio", 8, 6),
        ("toolo", 6, 5),
        ("pasila", 5, 5),
    ] {
        expected = expected.replace(
            &format!("  {team}:\n    invited: {invited}\n"),
            &format!("  {team}:\n    invited: {responses}\n"),
        );
    }
    assert_eq!(body, expected);
}

#[test]
fn bad_exports_and_mappings_are_refused_with_file_row_and_column() {
    let output = kolikko(&["check", fixture("bad").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr));
}

#[test]
fn files_in_content_surveys_that_nothing_reads_are_warnings_naming_them() {
    let copy = copy_site("google");
    let surveys = copy.path().join("content/surveys");
    fs::write(surveys.join("2026-q4.YAML"), "period: 2026-Q4\n").unwrap();
    fs::write(surveys.join("stray-export.xlsx"), "not really").unwrap();
    fs::write(surveys.join("notes.markdown"), "# Notes\n").unwrap();
    fs::create_dir_all(surveys.join("old")).unwrap();
    fs::write(surveys.join("old/2025-q4.yaml"), "period: 2025-Q4\n").unwrap();
    fs::write(surveys.join(".DS_Store"), "").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .args(["check"])
        .current_dir(copy.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr), @r"
    ./content/surveys/2026-q4.YAML: warning: is not read: survey files end in .yaml or .yml in lower case; rename it to ./content/surveys/2026-q4.yaml

    ./content/surveys/notes.markdown: warning: is not read: posts go in content/posts/ and end in .md

    ./content/surveys/old/2025-q4.yaml: warning: is not read: survey files lie directly in content/surveys/, and no survey file names this one as a mapping

    ./content/surveys/stray-export.xlsx: warning: is not read: no survey file names it; to use this export, name it under `ex_responses` or `cx_responses` of a survey file with a mapping (see docs/format.md)

    4 warnings
    ");
}

#[test]
fn an_export_outside_the_site_is_refused() {
    let copy = copy_site("google");
    let outside = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("google/content/surveys/google-forms-2026-q3.csv"),
        outside.path().join("export.csv"),
    )
    .unwrap();
    let survey = copy.path().join("content/surveys/2026-q3.yaml");
    let text = fs::read_to_string(&survey).unwrap().replace(
        "file: google-forms-2026-q3.csv",
        &format!("file: {}", outside.path().join("export.csv").display()),
    );
    fs::write(&survey, text).unwrap();
    let (site, error) = (copy.path(), build::render(copy.path()).err().unwrap());
    let message = error.to_string();
    assert!(message.contains("outside the site folder"), "{message}");
    assert!(
        message.contains(
            &site
                .join("content/surveys/2026-q3.yaml")
                .display()
                .to_string()
        )
    );
}

#[test]
fn the_mapping_example_in_the_format_doc_is_a_valid_mapping() {
    let doc = fs::read_to_string("docs/format.md").unwrap();
    let start = doc.find("# content/mappings/ex-webropol.yaml").unwrap();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let site = kolikko::load::load_site(&fixture("counts")).unwrap();
    let mut diagnostics = kolikko::diagnostics::Diagnostics::default();
    let mapping = kolikko::load::responses::mapping::parse_mapping(
        Path::new("format.md"),
        example,
        &site.framework,
        &site.units,
        &mut diagnostics,
    );
    assert!(diagnostics.is_empty(), "{diagnostics}");
    let mapping = mapping.unwrap();
    // eNPS first, then the four questions in the order written.
    let names: Vec<&str> = mapping.questions.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "enps",
            "ex_comm_info",
            "ex_comm_open",
            "ex_proc_waste",
            "ex_work_support"
        ]
    );
    assert!(mapping.questions[3].reversed);
    assert!(mapping.drop_unknown_teams);
}

/// Respondent ids, e-mail addresses, IP addresses, timestamps and open-text answers in the
/// exports never reach the built site: every value of those columns is looked for in every
/// file written. (Values shorter than six characters are left out: "1000" is also an SVG
/// coordinate.)
#[test]
fn respondent_ids_emails_timestamps_and_comments_never_reach_the_output() {
    let exports: [(&str, &str, u8, &[&str], usize); 4] = [
        (
            "google",
            "google-forms-2026-q3.csv",
            b',',
            &[
                "Timestamp",
                "Email Address",
                "Anything else you want to tell us?",
            ],
            0,
        ),
        (
            "qualtrics",
            "qualtrics-2026-q3.csv",
            b',',
            &[
                "StartDate",
                "EndDate",
                "RecordedDate",
                "ResponseId",
                "IPAddress",
            ],
            2,
        ),
        (
            "excel-fi",
            "kysely-2026-q3.csv",
            b';',
            &["Vastaajan tunnus", "Aikaleima"],
            0,
        ),
        ("other", "customers-2026-q3.csv", b',', &["comment"], 0),
    ];
    for (site, file, delimiter, columns, skip) in exports {
        let site = fixture(site);
        let raw = fs::read(site.join("content/surveys").join(file)).unwrap();
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&raw);
        let text = if std::str::from_utf8(&raw).is_ok() {
            String::from_utf8(raw.clone()).unwrap()
        } else {
            text.into_owned()
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        let wanted: Vec<usize> = columns
            .iter()
            .map(|c| headers.iter().position(|h| h == *c).expect(c))
            .collect();
        let mut secrets = std::collections::BTreeSet::new();
        for record in reader.records().skip(skip) {
            let record = record.unwrap();
            for &c in &wanted {
                if record[c].chars().count() >= 6 {
                    secrets.insert(record[c].to_string());
                }
            }
        }
        assert!(
            !secrets.is_empty(),
            "{}: nothing to look for",
            site.display()
        );
        for (path, contents) in pages(&site) {
            let contents = String::from_utf8_lossy(&contents);
            for secret in &secrets {
                assert!(
                    !contents.contains(secret.as_str()),
                    "{}: {path} contains {secret:?}",
                    site.display()
                );
            }
        }
    }
}
