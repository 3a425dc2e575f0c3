//! Determinism and output safety of `kolikko build`, through the compiled binary:
//! - two builds of one site, and a build run from another working directory, are byte-identical;
//! - a failed build leaves the previous output exactly as it was;
//! - `--output` naming a non-empty folder kolikko did not make is refused, and nothing in it
//!   changes.

mod gates_support;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use gates_support::{build, new_site, read, replace, run_in, tree, write};

const MARKER: &str = kolikko::output::MARKER;

/// A site with something of everything: a second post, a tag page, a unit hidden by the
/// anonymity rule (so privacy and ordering code paths run).
fn rich_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, site) = new_site();
    write(
        &site,
        "content/posts/second.md",
        "---\ntitle: \"Second\"\ndate: 2026-07-01\nauthor: \"HR\"\ntags: [quarterly, workload, öljy]\nsummary: \"Same date as the first: order must not depend on the file system.\"\n---\nText with a [link](https://example.com/) and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n{{ chart(kind=\"scatter\") }}\n",
    );
    // Harbour answers too few in Q1: hidden there (and its sibling hidden with it).
    let survey = read(&site, "content/surveys/2026-Q1.yaml");
    let start = survey.find("  harbour:\n").unwrap();
    let end = start + survey[start..].find("\n  market:").unwrap();
    let small = "  harbour:\n    invited: 10\n    responses: 2\n    enps: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]\n    items:\n      ex_comm_info: [0, 0, 1, 1, 0]";
    write(
        &site,
        "content/surveys/2026-Q1.yaml",
        format!("{}{small}{}", &survey[..start], &survey[end..]),
    );
    (dir, site)
}

fn build_to(cwd: &Path, site: &OsStr, output: &OsStr) -> gates_support::Outcome {
    run_in(
        cwd,
        [OsStr::new("build"), site, OsStr::new("--output"), output],
    )
}

#[track_caller]
fn assert_same_tree(a: &Path, b: &Path) {
    let (ta, tb) = (tree(a), tree(b));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ta), names(&tb), "the same files");
    for ((path, x), (_, y)) in ta.iter().zip(&tb) {
        assert!(
            x == y,
            "{path} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
}

#[test]
fn two_builds_and_a_build_from_another_directory_are_byte_identical() {
    let (dir, site) = rich_site();
    build(&site).assert_code(0);
    let first = dir.path().join("first");
    fs::rename(site.join("public"), &first).unwrap();

    build(&site).assert_code(0);
    assert_same_tree(&first, &site.join("public"));

    // From inside the site with relative paths, and from an unrelated folder with absolute ones.
    build_to(&site, OsStr::new("."), OsStr::new("out-relative")).assert_code(0);
    assert_same_tree(&first, &site.join("out-relative"));
    let elsewhere = tempfile::tempdir().unwrap();
    build_to(
        elsewhere.path(),
        site.as_os_str(),
        dir.path().join("out-absolute").as_os_str(),
    )
    .assert_code(0);
    assert_same_tree(&first, &dir.path().join("out-absolute"));
    // `kolikko build` with no arguments, run in the site.
    fs::remove_dir_all(site.join("public")).unwrap();
    run_in(&site, ["build"]).assert_code(0);
    assert_same_tree(&first, &site.join("public"));

    // The same content in a folder of another name and path builds the same bytes.
    let copy = elsewhere.path().join("another-name");
    copy_dir(&site, &copy, &["public", "out-relative"]);
    build(&copy).assert_code(0);
    assert_same_tree(&first, &copy.join("public"));

    assert!(first.join(MARKER).is_file());
    let text = String::from_utf8_lossy(&fs::read(first.join("index.html")).unwrap()).into_owned();
    for leak in [
        dir.path().to_string_lossy(),
        elsewhere.path().to_string_lossy(),
    ] {
        assert!(!text.contains(leak.as_ref()), "no local path in the output");
    }
}

fn copy_dir(from: &Path, to: &Path, skip: &[&str]) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if skip.iter().any(|s| OsStr::new(s) == name) {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(&name), &[]);
        } else {
            fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let (dir, site) = rich_site();
    build(&site).assert_code(0);
    let before = tree(&site.join("public"));

    // Bad input: refused after loading, before writing.
    replace(
        &site,
        "content/surveys/2026-Q2.yaml",
        "period: 2026-Q2",
        "period: 2026-Q2\nperiod: 2026-Q3",
    );
    let outcome = build(&site);
    outcome.assert_code(1);
    assert!(
        outcome.stderr.contains("2026-Q2.yaml:2:"),
        "{}",
        outcome.stderr
    );
    assert!(
        tree(&site.join("public")) == before,
        "the previous build is untouched"
    );

    // A post that fails only while rendering (unknown shortcode).
    replace(
        &site,
        "content/surveys/2026-Q2.yaml",
        "period: 2026-Q2\nperiod: 2026-Q3",
        "period: 2026-Q2",
    );
    replace(
        &site,
        "content/posts/welcome.md",
        "{{ chart(kind=\"scatter\") }}",
        "{{ no_such_shortcode() }}",
    );
    build(&site).assert_code(1);
    assert!(
        tree(&site.join("public")) == before,
        "the previous build is untouched"
    );

    // Nothing is left beside it: no staging or retired folders.
    let leftovers: Vec<_> = fs::read_dir(&site)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".kolikko-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    drop(dir);
}

#[test]
fn a_foreign_output_folder_is_refused_and_left_unchanged() {
    let (dir, site) = new_site();
    let foreign = dir.path().join("thesis");
    fs::create_dir_all(foreign.join("chapters")).unwrap();
    fs::write(foreign.join("thesis.docx"), "precious").unwrap();
    fs::write(foreign.join("index.html"), "<p>my own page</p>").unwrap();
    fs::write(foreign.join("chapters/one.md"), "one").unwrap();
    let before = tree(&foreign);

    let outcome = build_to(dir.path(), site.as_os_str(), foreign.as_os_str());
    outcome.assert_code(1);
    assert!(outcome.stderr.contains("thesis"), "{}", outcome.stderr);
    assert!(outcome.stderr.contains(MARKER), "{}", outcome.stderr);
    assert!(tree(&foreign) == before, "nothing in it changed");
    let beside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        beside.iter().all(|n| !n.contains(".kolikko-")),
        "nothing left beside it: {beside:?}"
    );

    // Also when the site itself is broken, and when --output is a file.
    write(&site, "kolikko.yaml", "");
    build_to(dir.path(), site.as_os_str(), foreign.as_os_str()).assert_code(1);
    assert!(tree(&foreign) == before);
    let file = dir.path().join("notes.txt");
    fs::write(&file, "notes").unwrap();
    let (_d2, good) = new_site();
    build_to(dir.path(), good.as_os_str(), file.as_os_str()).assert_code(1);
    assert_eq!(fs::read_to_string(&file).unwrap(), "notes");

    // A folder holding only a hidden file is not empty either.
    let hidden = dir.path().join("hidden");
    fs::create_dir(&hidden).unwrap();
    fs::write(hidden.join(".keep"), "").unwrap();
    build_to(dir.path(), good.as_os_str(), hidden.as_os_str()).assert_code(1);
    assert!(!hidden.join("index.html").exists());

    // An empty folder, or kolikko's own, is fine.
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    build_to(dir.path(), good.as_os_str(), empty.as_os_str()).assert_code(0);
    assert!(empty.join(MARKER).is_file());
    build_to(dir.path(), good.as_os_str(), empty.as_os_str()).assert_code(0);
}

#[cfg(unix)]
#[test]
fn an_output_symlink_to_a_foreign_folder_is_refused() {
    let (dir, site) = new_site();
    let foreign = dir.path().join("foreign");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("keep.txt"), "keep").unwrap();
    let link = dir.path().join("out");
    std::os::unix::fs::symlink(&foreign, &link).unwrap();
    let before = tree(&foreign);
    build_to(dir.path(), site.as_os_str(), link.as_os_str()).assert_code(1);
    assert!(tree(&foreign) == before);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
