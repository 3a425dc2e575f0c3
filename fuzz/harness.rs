//! The fuzz harness, shared by the cargo-fuzz targets (`fuzz_targets/*.rs`) and by the stable
//! smoke test `tests/fuzz_smoke.rs`, which feeds the corpus and mutations of it through the same
//! functions in an ordinary `cargo test`.
//!
//! Each loader is reached the way a site reaches it: the input replaces one file of a valid site
//! made by `kolikko::scaffold::create`, and the whole site is loaded (and, when it loads, analysed
//! and rendered). Properties checked on every input:
//! - no panic (a panic is the crash libFuzzer reports);
//! - an error is a list of diagnostics, each naming a file of the site;
//! - a rendered site contains no `<script` at all (kolikko pages have no scripts, so any would
//!   have come from the input).

#![allow(dead_code)]

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};

thread_local! {
    static BASE: RefCell<Option<(tempfile::TempDir, PathBuf)>> = const { RefCell::new(None) };
}

/// A valid site to break, made once per thread; every file is restored before each input.
fn with_site<R>(file: &str, data: &[u8], f: impl FnOnce(&Path) -> R) -> R {
    BASE.with(|base| {
        let mut base = base.borrow_mut();
        let (_, site) = base.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let site = dir.path().join("site");
            kolikko::scaffold::create(&site).expect("scaffold");
            (dir, site)
        });
        let site = site.clone();
        let path = site.join(file);
        let original = fs::read(&path).expect("scaffold file");
        fs::write(&path, data).expect("write input");
        let result = f(&site);
        fs::write(&path, original).expect("restore");
        result
    })
}

fn check_site(site: &Path) {
    match kolikko::build::render(site) {
        Ok((_, _, files)) => {
            for output in files {
                let text = String::from_utf8_lossy(&output.contents).to_ascii_lowercase();
                assert!(
                    !text.contains("<script"),
                    "{} has a <script> from the input",
                    output.path
                );
            }
        }
        Err(kolikko::build::BuildError::Input(diagnostics)) => {
            assert!(!diagnostics.is_empty(), "an error without a diagnostic");
            let shown = diagnostics.to_string();
            assert!(
                diagnostics.0.iter().all(|d| d.file.starts_with(site)),
                "every diagnostic names a file of the site: {shown}"
            );
        }
        Err(e) => panic!("not an input error: {e}"),
    }
}

/// `kolikko.yaml`.
pub fn config(data: &[u8]) {
    with_site("kolikko.yaml", data, check_site);
}

/// One survey file (`content/surveys/2026-Q1.yaml`; the site keeps its 2026-Q2).
pub fn survey(data: &[u8]) {
    with_site("content/surveys/2026-Q1.yaml", data, check_site);
}

/// A post: front matter and Markdown body (with shortcodes).
pub fn front_matter(data: &[u8]) {
    with_site("content/posts/welcome.md", data, check_site);
}

/// The shortcode scanner and the Markdown renderer, directly (no file system).
pub fn shortcodes(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("content/posts/fuzz.md");
    match kolikko::markdown::extract_shortcodes(file, body, 7) {
        Ok((markdown, found)) => {
            for shortcode in &found {
                assert!(
                    shortcode.line >= 7,
                    "lines count from the body's first line"
                );
                assert!(
                    shortcode
                        .name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_')
                );
            }
            let replacements: Vec<String> =
                (0..found.len()).map(|i| format!("<b>{i}</b>")).collect();
            for allow_raw_html in [false, true] {
                let html = kolikko::markdown::render(&markdown, allow_raw_html, &replacements).html;
                assert!(
                    !html.to_ascii_lowercase().contains("<script"),
                    "Markdown let a <script> through (allow_raw_html: {allow_raw_html})"
                );
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            assert!(diagnostics.0.iter().all(|d| d.file == file && d.line >= 7));
        }
    }
}

/// The Markdown renderer with many shortcodes, headings and nested links and images: besides
/// "no script", every placeholder is replaced, heading ids are unique, and links are balanced.
/// libFuzzer's `-timeout` catches any input that makes a step slow (the quadratic cases of
/// issue #13 were nested images, equal headings and many shortcodes on one line).
pub fn markdown(data: &[u8]) {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let file = Path::new("content/posts/fuzz.md");
    let Ok((markdown, found)) = kolikko::markdown::extract_shortcodes(file, body, 1) else {
        return;
    };
    assert!(found.len() <= kolikko::markdown::MAX_SHORTCODES_PER_POST);
    let replacements: Vec<String> = (0..found.len()).map(|i| format!("<b>sc{i}</b>")).collect();
    let html = kolikko::markdown::render(&markdown, false, &replacements).html;
    assert!(
        !html.contains('\u{E000}'),
        "a shortcode placeholder was left in the page"
    );
    let mut ids = std::collections::HashSet::new();
    for (at, _) in html.match_indices("<h") {
        let rest = &html[at + 2..];
        if !rest.starts_with(|c: char| ('1'..='6').contains(&c)) {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(start) = tag.find(" id=\"") {
            let id = &tag[start + 5..];
            let id = &id[..id.find('"').unwrap_or(id.len())];
            assert!(ids.insert(id.to_string()), "heading id `{id}` given twice");
        }
    }
    assert_eq!(
        html.matches("<a ").count(),
        html.matches("</a>").count(),
        "unbalanced links"
    );
}

/// A post body under a fixed, valid front matter, built as a whole site: shortcodes are checked
/// against the site's units, periods and factors and rendered as figures.
pub fn post_body(data: &[u8]) {
    let mut post = b"---\ntitle: Fuzz\ndate: 2026-07-01\ntags: [a, b]\n---\n".to_vec();
    post.extend_from_slice(data);
    with_site("content/posts/welcome.md", &post, check_site);
}
