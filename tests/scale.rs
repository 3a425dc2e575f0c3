//! Builds that must not depend on how they are run: the thread count, and `--only UNIT`, whose
//! pages carry the same figures and the same anonymity decisions as the full build. Uses the
//! example site at the repository root (Tampere has a team hidden in every period).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(output: &Path, threads: Option<&str>, extra: &[&str]) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kolikko"));
    command
        .arg("--quiet")
        .arg("build")
        .arg(example())
        .arg("--output")
        .arg(output)
        .args(extra);
    if let Some(n) = threads {
        command.env("RAYON_NUM_THREADS", n);
    }
    let status = command.status().expect("kolikko runs");
    assert!(status.success(), "build failed: {status}");
}

/// Every file under `dir`, relative path → bytes, sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap();
            (
                relative.to_string_lossy().replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn main_content(page: &str) -> &str {
    let start = page.find("<main id=\"main\">").expect("a <main>");
    let end = page.find("</main>").expect("a </main>");
    &page[start..end]
}

#[test]
fn one_thread_and_many_threads_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    build(&one, Some("1"), &[]);
    build(&many, Some("8"), &[]);
    let (a, b) = (files(&one), files(&many));
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs between 1 and 8 threads");
    }
}

#[test]
fn only_a_region_writes_its_pages_with_the_full_builds_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (full, only) = (dir.path().join("full"), dir.path().join("only"));
    build(&full, None, &[]);
    build(&only, None, &["--only", "tampere"]);
    let written: Vec<String> = files(&only).into_iter().map(|f| f.0).collect();
    let tampere = [
        "tampere", "hervanta", "pispala", "kaleva", "tesoma", "lielahti", "hatanpaa",
    ];
    for unit in tampere {
        let path = format!("units/{unit}/index.html");
        assert!(written.contains(&path), "{path} is written");
        let a = fs::read_to_string(full.join(&path)).unwrap();
        let b = fs::read_to_string(only.join(&path)).unwrap();
        // Tiles, comparisons with the organisation, charts, tables and hidden notes: the same.
        // Only the list of posts about the unit is the full build's alone: an `--only` build
        // writes no posts, so it has none to link to.
        let without_posts = |page: &'static str| -> String {
            match page.find("\n<section aria-labelledby=\"unit-commentary-heading\">") {
                Some(start) => {
                    let end = start + page[start..].find("</section>").unwrap() + 10;
                    format!("{}{}", &page[..start], &page[end..])
                }
                None => page.to_string(),
            }
        };
        let (a, b): (&'static str, &'static str) = (a.leak(), b.leak());
        assert_eq!(
            without_posts(main_content(a)),
            without_posts(main_content(b)),
            "{path}"
        );
    }
    // The team reported with a sibling (`report_with`) shows no EX figure of its own here either.
    let pispala = fs::read_to_string(only.join("units/pispala/index.html")).unwrap();
    assert!(pispala.contains("employee results are reported with Hatanpää"));
    let hatanpaa = fs::read_to_string(only.join("units/hatanpaa/index.html")).unwrap();
    let likert = |page: &str| page.matches("class=\"chart chart-likert").count();
    assert!(likert(&pispala) < likert(&hatanpaa), "only the CX answers");
    // Nothing outside the region: no other unit, no organisation-wide page.
    assert!(
        !written
            .iter()
            .any(|p| p.contains("kallio") || p.contains("oulu"))
    );
    assert!(
        !written
            .iter()
            .any(|p| p.starts_with("periods/") || p.starts_with("factors/"))
    );
    assert!(written.contains(&"index.html".to_string()));
    let start = fs::read_to_string(only.join("index.html")).unwrap();
    assert!(start.contains("units/hervanta/index.html"));
    assert!(
        !start.contains("periods/index.html"),
        "no link to a page not written"
    );
}

#[test]
fn only_an_unknown_unit_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .arg("build")
        .arg(example())
        .arg("--output")
        .arg(&out)
        .args(["--only", "atlantis"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("units.yaml") && stderr.contains("atlantis"),
        "{stderr}"
    );
    assert!(!out.exists());
}
