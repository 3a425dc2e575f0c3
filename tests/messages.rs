//! The exact words of kolikko's messages for the mistakes people make, pinned as snapshots.
//! Each case starts from `kolikko new --bare`, makes one mistake, and runs `kolikko check` in
//! the site folder (so paths read `./content/...`). Output is not a terminal: no colour.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    fn new(extra: &[&str]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let status = Command::new(env!("CARGO_BIN_EXE_kolikko"))
            .arg("new")
            .arg(&root)
            .arg("--bare")
            .args(extra)
            .output()
            .unwrap();
        assert!(status.status.success());
        Site { _dir: dir, root }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap()
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Replaces the first `from` (which must be there) by `to`.
    fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} has no {from:?}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// `kolikko check` with the given extra arguments: exit code and stderr.
    fn check(&self, extra: &[&str]) -> (i32, String) {
        check_in(&self.root, extra)
    }
}

fn check_in(dir: &Path, extra: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .arg("check")
        .args(extra)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The message of a refused site: exit code 1, no colour codes.
fn refused(site: &Site) -> String {
    let (code, stderr) = site.check(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains('\x1b'), "colour outside a terminal");
    stderr
}

const SURVEY: &str = "content/surveys/2026-Q1.yaml";
const POST: &str = "content/posts/welcome.md";

#[test]
fn an_unquoted_colon_in_a_value_says_to_quote_it() {
    let site = Site::new(&[]);
    site.edit(
        "kolikko.yaml",
        "title: \"People & customer report\"",
        "title: Report: Q1",
    );
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn tags_without_brackets_show_the_list_form() {
    let site = Site::new(&[]);
    site.edit(POST, "tags: [quarterly]", "tags: quarterly, review");
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_decimal_comma_says_to_use_a_point() {
    let site = Site::new(&[]);
    site.edit(
        SURVEY,
        "    responses: 6\n",
        "    responses: 6\n    headcount: 15,5\n",
    );
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_csv_saved_as_yaml_is_recognised() {
    let site = Site::new(&[]);
    site.write(
        SURVEY,
        "team,invited,responses\nharbour,10,8\nmarket,12,9\n",
    );
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_missing_field_is_explained_and_placed() {
    let site = Site::new(&[]);
    site.edit(SURVEY, "    invited: 7\n", "");
    let message = refused(&site);
    // The team that lacks it (line 3), not the parser's position inside the team.
    assert!(message.starts_with("./content/surveys/2026-Q1.yaml:3:3:"));
    insta::assert_snapshot!(message);
}

#[test]
fn a_tab_is_reported_on_its_own_line() {
    let site = Site::new(&[]);
    site.edit(SURVEY, "    responses: 6\n", "\tresponses: 6\n");
    let message = refused(&site);
    assert!(
        message.starts_with("./content/surveys/2026-Q1.yaml:5:1:"),
        "{message}"
    );
    insta::assert_snapshot!(message);
}

#[test]
fn a_quarterly_file_in_a_monthly_site_is_the_one_blamed() {
    let site = Site::new(&["--periods", "monthly"]);
    let may = site.read("content/surveys/2026-05.yaml");
    site.write(
        "content/surveys/2026-04.yaml",
        &may.replace("period: 2026-05", "period: 2026-04"),
    );
    site.write(
        "content/surveys/2026-Q1.yaml",
        &may.replace("period: 2026-05", "period: 2026-Q1"),
    );
    let message = refused(&site);
    assert!(message.starts_with("./content/surveys/2026-Q1.yaml: error:"));
    insta::assert_snapshot!(message);
}

#[test]
fn a_folder_that_is_not_a_site_suggests_kolikko_new() {
    let dir = tempfile::tempdir().unwrap();
    let (code, message) = check_in(dir.path(), &[]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(message);
}

#[test]
fn a_missing_kolikko_yaml_is_one_message() {
    let site = Site::new(&[]);
    fs::remove_file(site.path("kolikko.yaml")).unwrap();
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_missing_surveys_folder_is_one_message() {
    let site = Site::new(&[]);
    fs::remove_dir_all(site.path("content/surveys")).unwrap();
    let message = refused(&site);
    assert!(message.ends_with("1 error\n"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn a_mistyped_key_gets_a_suggestion() {
    let site = Site::new(&[]);
    site.edit(SURVEY, "    invited: 7", "    invted: 7");
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_lower_case_quarter_gets_a_suggestion() {
    let site = Site::new(&[]);
    site.edit(SURVEY, "period: 2026-Q1", "period: 2026-q1");
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_mistyped_unit_in_a_shortcode_gets_a_suggestion() {
    let site = Site::new(&[]);
    site.edit(
        POST,
        "{{ chart(kind=\"scatter\") }}",
        "{{ chart(kind=\"trend\", unit=\"harbor\") }}",
    );
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_mistyped_period_in_a_shortcode_gets_a_suggestion() {
    let site = Site::new(&[]);
    site.edit(
        POST,
        "{{ chart(kind=\"scatter\") }}",
        "{{ chart(kind=\"scatter\", period=\"2026-q1\") }}",
    );
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_mistyped_factor_and_chart_kind_get_suggestions() {
    let site = Site::new(&[]);
    site.edit(
        POST,
        "{{ chart(kind=\"scatter\") }}",
        "{{ chart(kind=\"trend\", factor=\"workloda\") }}\n\n{{ chart(kind=\"scater\") }}",
    );
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn a_template_error_names_its_file_once() {
    let site = Site::new(&[]);
    site.write(
        "templates/unit.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ nosuch.value }}</p>\n{% endblock %}\n",
    );
    let message = refused(&site);
    // Ten unit pages use the template; the mistake is reported once, at its line.
    assert_eq!(message.matches(": error: ").count(), 1, "{message}");
    assert!(message.starts_with("./templates/unit.html:3:"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn a_broken_kolikko_yaml_does_not_hide_survey_errors() {
    let site = Site::new(&[]);
    site.edit(
        "kolikko.yaml",
        "title: \"People & customer report\"",
        "title: Report: Q1",
    );
    site.edit(SURVEY, "    invited: 7", "    invted: 7");
    let message = refused(&site);
    assert!(message.contains("kolikko.yaml:1:"), "{message}");
    assert!(message.contains("2026-Q1.yaml:4:"), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn responses_above_invited_keep_their_plain_message() {
    let site = Site::new(&[]);
    site.edit(SURVEY, "    responses: 6", "    responses: 60");
    insta::assert_snapshot!(refused(&site));
}

#[test]
fn warnings_are_listed_after_a_successful_check_and_deny_warnings_fails() {
    let site = Site::new(&[]);
    // A file content/ does not read, an unquoted shortcode value, a title in smart quotes, a
    // team nobody reports, and a team without a question the others answered.
    site.write("content/surveys/2026-Q3.csv", "team,invited\n");
    site.write("content/posts/notes.txt", "ideas for the next post\n");
    site.edit(
        POST,
        "{{ chart(kind=\"scatter\") }}",
        "{{ chart(kind=scatter) }}",
    );
    site.edit(
        POST,
        "title: \"Welcome to the report\"",
        "title: “Welcome to the report”",
    );
    let units = site.read("content/units.yaml");
    site.write(
        "content/units.yaml",
        &units.replacen(
            "    children:\n",
            "    children:\n      - id: pier\n        name: \"Pier team\"\n",
            1,
        ),
    );
    site.edit(SURVEY, "      ex_comm_info: [0, 0, 2, 3, 1]\n", "");

    let (code, message) = site.check(&[]);
    assert_eq!(code, 0, "{message}");
    insta::assert_snapshot!(message);

    let (code, denied) = site.check(&["--deny-warnings"]);
    assert_eq!(code, 1);
    assert!(denied.contains("--deny-warnings"), "{denied}");

    // The same for build: nothing written.
    let out = Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .args(["build", "--deny-warnings"])
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.path("public").exists());
}

#[test]
fn quiet_prints_nothing_on_success_and_verbose_prints_the_steps() {
    let site = Site::new(&[]);
    let run = |flag: &str| {
        Command::new(env!("CARGO_BIN_EXE_kolikko"))
            .args(["check", flag])
            .current_dir(&site.root)
            .output()
            .unwrap()
    };
    let quiet = run("--quiet");
    assert!(quiet.status.success());
    assert!(quiet.stdout.is_empty() && quiet.stderr.is_empty());
    let verbose = run("--verbose");
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    for step in ["load", "analyse", "pages", "warnings"] {
        assert!(stderr.contains(step), "{stderr}");
    }
    let stdout = String::from_utf8_lossy(&verbose.stdout);
    assert!(
        stdout.contains("2 periods, 10 units, 1 post → 15 files"),
        "{stdout}"
    );
    assert!(stdout.contains("0 warnings"), "{stdout}");
}

#[test]
fn a_control_character_written_into_a_unit_name_is_refused_at_its_place() {
    let site = Site::new(&[]);
    // A NUL pasted in from another program: invisible in most editors.
    site.edit(
        "content/units.yaml",
        "name: \"Harbour team\"",
        "name: \"Harbour\u{0}team\"",
    );
    let message = refused(&site);
    assert!(
        message.starts_with("./content/units.yaml:6:23: error: the control character U+0000"),
        "{message}"
    );
    insta::assert_snapshot!(message);
}

#[test]
fn control_characters_made_by_escapes_are_refused_in_every_yaml_file() {
    let site = Site::new(&[]);
    site.edit(
        "kolikko.yaml",
        "organisation: \"Example Oy\"",
        "organisation: \"Example\\0 Oy\"",
    );
    site.edit(
        "content/units.yaml",
        "supervisor: \"Eero Korhonen\"",
        "supervisor: \"Eero\\x1b[31m Korhonen\"",
    );
    // A framework of its own, with a bell in an item text.
    site.edit(
        "kolikko.yaml",
        "framework: default",
        "framework:\n  - id: communication\n    name: { en: \"Communication\" }\n    ex:\n      - id: ex_comm_info\n        text: { en: \"I get the information\\a I need.\" }\n    cx:\n      - id: cx_comm_speed\n        text: { en: \"We answered you quickly.\" }",
    );
    let message = refused(&site);
    for needle in ["U+0000", "U+001B"] {
        assert!(message.contains(needle), "{needle}:\n{message}");
    }
    insta::assert_snapshot!(message);
    // The first control character of a file is reported: without the organisation's, the
    // item text's.
    site.edit(
        "kolikko.yaml",
        "organisation: \"Example\\0 Oy\"",
        "organisation: \"Example Oy\"",
    );
    let message = refused(&site);
    assert!(
        message.contains("./kolikko.yaml:10:21: error: the text \"I get the information\\u{7} I need.\" holds the control character U+0007"),
        "{message}"
    );
}

#[test]
fn a_control_character_in_a_site_title_is_refused_by_build_too() {
    let site = Site::new(&[]);
    site.edit(
        "kolikko.yaml",
        "title: \"People & customer report\"",
        "title: \"People \\u0085 report\"",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .arg("build")
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("./kolikko.yaml:1:8: error: the text \"People \\u{85} report\" holds the control character U+0085"),
        "{stderr}"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn scale_labels_with_a_wrong_count_an_empty_label_or_an_unknown_language_are_placed() {
    let site = Site::new(&[]);
    site.edit(
        "kolikko.yaml",
        "framework: default",
        "scales:\n  agree3:\n    points: 3\n    favourable_from: 3\n    unfavourable_to: 1\n    labels:\n      fi: [\"Eri mieltä\", \"Samaa mieltä\"]\n      sv: [\"Av annan åsikt\", \" \", \"Av samma åsikt\"]\n      de: [\"Nein\", \"Egal\", \"Ja\"]\nframework: default",
    );
    let message = refused(&site);
    assert_eq!(message.matches(": error: ").count(), 3, "{message}");
    insta::assert_snapshot!(message);
}
