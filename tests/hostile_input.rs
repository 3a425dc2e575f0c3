//! Hostile input: whatever lands in a survey export, kolikko either refuses it with exit code 1
//! and a message naming the file (and line where there is one), or builds a safe site — never a
//! panic, a hang, or memory that grows without bound.
//!
//! Each fixture starts from `kolikko new` and breaks one thing. Every run of the binary has a
//! wall-clock timeout and an address-space cap (see `gates_support`); the limits kolikko itself
//! enforces are listed in docs/limits.md.

mod gates_support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use gates_support::{Outcome, build, new_site, read, replace, tree, write};
use kolikko::framework::{Framework, Side};

const SURVEY: &str = "content/surveys/2026-Q1.yaml";
const UNITS: &str = "content/units.yaml";
const CONFIG: &str = "kolikko.yaml";
const POST: &str = "content/posts/welcome.md";

/// Refused: exit 1, every `needle` in the message (the file's path among them), nothing written.
#[track_caller]
fn assert_refused(site: &Path, needles: &[&str]) -> Outcome {
    let outcome = build(site);
    outcome.assert_code(1);
    for needle in needles {
        assert!(
            outcome.stderr.contains(needle),
            "the message should contain {needle:?}:\n{}",
            outcome.stderr
        );
    }
    assert!(
        !site.join("public").exists(),
        "a refused build writes nothing"
    );
    outcome
}

/// Built: exit 0, and no output file carries markup that came from the data.
#[track_caller]
fn assert_built_safely(site: &Path) -> Vec<(String, String)> {
    build(site).assert_code(0);
    let files: Vec<(String, String)> = tree(&site.join("public"))
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect();
    for (path, text) in &files {
        assert_no_active_markup(path, text);
    }
    files
}

/// No element that runs code or embeds another document, no event-handler attribute, no
/// `javascript:` (or other script) URL, and nothing loaded from another host. Text that merely
/// shows markup, escaped, is fine: the check reads tags and attributes, not substrings.
#[track_caller]
fn assert_no_active_markup(path: &str, text: &str) {
    let lower = text.to_ascii_lowercase();
    assert!(
        !lower.contains("terainjected"),
        "{path}: data was evaluated as a template:\n{}",
        context(&lower, "terainjected")
    );
    for (name, attributes) in tags(&lower) {
        assert!(
            !matches!(
                name.as_str(),
                "script" | "iframe" | "frame" | "object" | "embed" | "base" | "form" | "meta"
            ) || (name == "meta" && !attributes.iter().any(|(a, _)| a == "http-equiv")),
            "{path} has a <{name}> element: {attributes:?}"
        );
        for (attribute, value) in &attributes {
            assert!(
                !attribute.starts_with("on"),
                "{path} has an event handler `{attribute}` on <{name}>"
            );
            let url: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            if matches!(
                attribute.as_str(),
                "href" | "xlink:href" | "src" | "action" | "formaction" | "srcset" | "poster"
            ) {
                for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                    assert!(
                        !url.starts_with(scheme),
                        "{path}: <{name} {attribute}=\"{value}\">"
                    );
                }
            }
            // A link may point anywhere; anything the page *loads* must be local.
            let loads = attribute == "src"
                || attribute == "srcset"
                || attribute == "poster"
                || (matches!(attribute.as_str(), "href" | "xlink:href")
                    && matches!(name.as_str(), "link" | "image" | "use" | "feimage"));
            let remote =
                url.starts_with("http:") || url.starts_with("https:") || url.starts_with("//");
            assert!(
                !(loads
                    && remote
                    && !(name == "link"
                        && attributes
                            .iter()
                            .any(|(a, v)| a == "rel" && v == "alternate"))),
                "{path}: <{name} {attribute}=\"{value}\"> loads from another host"
            );
            if attribute == "style" {
                assert!(!url.contains("url("), "{path}: <{name} style=\"{value}\">");
            }
        }
    }
}

/// The start tags of an HTML/SVG text: (name, [(attribute, value)]), from a small tokenizer
/// that skips comments, text and quoted values.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        i += 1;
        if i >= bytes.len() || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'>'
            && bytes[i] != b'/'
        {
            i += 1;
        }
        let name = html[start..i].to_string();
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let a = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attribute = html[a..i].to_string();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let v = if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i];
                    i += 1;
                    let v = i;
                    while i < bytes.len() && bytes[i] != quote {
                        i += 1;
                    }
                    i += 1;
                    v..(i - 1).min(bytes.len())
                } else {
                    let v = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    v..i
                };
                value = decode_entities(&html[v]);
            }
            attributes.push((attribute, value));
        }
        out.push((name, attributes));
    }
    out
}

/// Enough entity decoding to see through `&#x6A;avascript:` and `&colon;`.
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let code = if let Some(hex) = entity.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(dec) = entity.strip_prefix('#') {
                dec.parse().ok()
            } else {
                match entity {
                    "colon" => Some(58),
                    "amp" => Some(38),
                    "quot" => Some(34),
                    "lt" => Some(60),
                    "gt" => Some(62),
                    "tab" => Some(9),
                    "newline" => Some(10),
                    _ => None,
                }
            };
            code.and_then(char::from_u32).map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn context(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or(0);
    let from = text.floor_char_boundary(at.saturating_sub(120));
    let to = text.ceil_char_boundary((at + 120).min(text.len()));
    text[from..to].to_string()
}

/// YAML single-quoted scalar.
fn yq(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

// ------------------------------------------------------------------ markup in every text field

const SCRIPT: &str = "<script>alert('x')</script>";
const ATTRIBUTE: &str = "\"><svg onload=alert(1)>";
const BREAKOUT: &str = "</title></text></desc></svg><script>alert(2)</script>";
const CDATA: &str = "]]></title><script>alert(3)</script><![CDATA[";
const TEMPLATE: &str = "{{ \"tera\" ~ \"injected\" }}{% raw %}";
const IMAGE: &str = "<img src=x onerror=alert(4)>";

fn payload(label: &str, n: usize) -> String {
    let all = [SCRIPT, ATTRIBUTE, BREAKOUT, CDATA, TEMPLATE, IMAGE];
    format!("{label} {}", all[n % all.len()])
}

/// A custom framework: the default six factors and item ids, with markup in every name and text.
fn hostile_framework() -> String {
    let mut yaml = String::from("framework:\n");
    let mut n = 0;
    for factor in Framework::default_six().factors {
        n += 1;
        yaml.push_str(&format!(
            "  - id: {}\n    name: {{ en: {}, fi: {} }}\n",
            factor.id,
            yq(&payload(&factor.name.en, n)),
            yq(&payload("fi", n + 1))
        ));
        for (side, items) in [(Side::Ex, &factor.ex), (Side::Cx, &factor.cx)] {
            yaml.push_str(if side == Side::Ex {
                "    ex:\n"
            } else {
                "    cx:\n"
            });
            for item in items {
                n += 1;
                yaml.push_str(&format!(
                    "      - id: {}\n        text: {}\n",
                    item.id,
                    yq(&payload(&item.text.en, n))
                ));
            }
        }
    }
    yaml
}

fn hostile_site(allow_raw_html: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, site) = new_site();
    write(
        &site,
        CONFIG,
        format!(
            "title: {}\norganisation: {}\nlanguage: en\nanonymity_threshold: 5\nallow_raw_html: {allow_raw_html}\n{}",
            yq(&payload("Report", 0)),
            yq(&payload("Org", 1)),
            hostile_framework()
        ),
    );
    let units = read(&site, UNITS);
    let mut n = 0;
    let units: String = units
        .lines()
        .map(|line| {
            n += 1;
            if let Some(name) = line.trim_start().strip_prefix("name: ") {
                let indent = &line[..line.len() - line.trim_start().len()];
                format!(
                    "{indent}name: {}\n",
                    yq(&payload(name.trim_matches('"'), n))
                )
            } else if line.trim_start().starts_with("supervisor: ") {
                let indent = &line[..line.len() - line.trim_start().len()];
                format!("{indent}supervisor: {}\n", yq(&payload("Boss", n)))
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    write(&site, UNITS, units);
    let body = "\
Plain <script>alert('body')</script> and <img src=x onerror=alert(5)> and
<a href=\"javascript:alert(6)\">a raw link</a>, <iframe src=\"http://evil.example/\"></iframe>,
<img src=\"http://evil.example/pixel.png\"> <svg onload=alert(7)></svg>

[a markdown link](javascript:alert(8)) and ![remote](http://evil.example/x.png)
and <javascript:alert(9)> and [data](data:text/html,<script>alert(10)</script>).

# A heading {onclick=alert(11) .ok}

{{ chart(kind=\"scatter\") }}
";
    write(
        &site,
        POST,
        format!(
            "---\ntitle: {}\ndate: 2026-07-01\nauthor: {}\nperiod: 2026-Q2\ntags: [{}, {}, quarterly]\nsummary: {}\n---\n{body}",
            yq(&payload("Post", 0)),
            yq(&payload("Author", 1)),
            yq(SCRIPT),
            yq(ATTRIBUTE),
            yq(&payload("Summary", 2)),
        ),
    );
    // A second post whose file name (and so its address) is markup.
    write(
        &site,
        "content/posts/<script>alert(12)<:script>.md",
        format!(
            "---\ntitle: {}\ndate: 2026-07-02\n---\n{body}",
            yq(&payload("Second", 3))
        ),
    );
    (dir, site)
}

#[test]
fn markup_in_titles_names_texts_tags_and_front_matter_is_escaped_in_html_and_svg() {
    let (_dir, site) = hostile_site(false);
    let files = assert_built_safely(&site);
    let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
    // The text is there, escaped — in HTML and inside SVG charts.
    assert!(
        all.contains("&lt;script&gt;alert("),
        "the payload is shown as text"
    );
    let in_svg = files.iter().any(|(_, text)| {
        text.split("<svg").skip(1).any(|svg| {
            let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
            svg.contains("&lt;script&gt;")
        })
    });
    assert!(
        in_svg,
        "a unit name or item text with markup is drawn as text in a chart"
    );
    let feed = &files.iter().find(|(p, _)| p == "feed.xml").unwrap().1;
    assert!(feed.contains("&lt;script&gt;") || feed.contains("&amp;lt;script"));
}

#[test]
fn raw_html_allowed_by_the_site_is_still_cleaned_and_loads_nothing_from_elsewhere() {
    let (_dir, site) = hostile_site(true);
    assert_built_safely(&site);
}

#[test]
fn markup_in_shortcode_arguments_is_refused_or_escaped() {
    let (_dir, site) = new_site();
    replace(
        &site,
        POST,
        "{{ chart(kind=\"scatter\") }}",
        "{{ chart(kind=\"scatter\", period=\"<script>alert(1)</script>\") }}\n\n{{ chart(kind=\"<script>\") }}",
    );
    let outcome = build(&site);
    if outcome.code == Some(1) {
        outcome.assert_code(1);
        assert!(
            outcome.stderr.contains("content/posts/welcome.md:"),
            "{}",
            outcome.stderr
        );
    } else {
        assert_built_safely(&site);
    }
}

// ------------------------------------------------------------------ YAML bombs

/// "Billion laughs": nine levels of ten aliases each, in a shape every file accepts (lists of
/// strings or units), so only the parser's budget can stop it.
fn alias_bomb_units() -> String {
    let mut yaml = String::from(
        "units:\n  - &a0 {id: x, name: \"lol lol lol lol lol lol lol lol lol lol\", supervisor: \"lol lol lol lol\"}\n",
    );
    for level in 1..10 {
        let children = vec![format!("*a{}", level - 1); 10].join(", ");
        yaml.push_str(&format!(
            "  - &a{level} {{id: y{level}, name: n, children: [{children}]}}\n"
        ));
    }
    yaml
}

/// The classic shape, under a key the file accepts: nine levels of ten aliases each.
fn alias_bomb_under(key: &str) -> String {
    let mut yaml = format!("{key}:\n  - &a0 \"lol lol lol lol lol lol lol lol lol lol\"\n");
    for level in 1..10 {
        let items = vec![format!("*a{}", level - 1); 10].join(", ");
        yaml.push_str(&format!("  - &a{level} [{items}]\n"));
    }
    yaml
}

/// Amplification that is the right shape for a list of strings: 1 MiB strings, each repeated.
fn alias_amplified_tags() -> String {
    let big = "x".repeat(1024 * 1024);
    let mut yaml = String::from("tags:\n");
    for i in 0..50 {
        yaml.push_str(&format!("  - &s{i} \"{big}{i}\"\n"));
    }
    for _ in 0..20 {
        for i in 0..50 {
            yaml.push_str(&format!("  - *s{i}\n"));
        }
    }
    yaml
}

#[test]
fn alias_bomb_in_units_is_refused_quickly() {
    let (_dir, site) = new_site();
    write(&site, UNITS, alias_bomb_units());
    let outcome = assert_refused(&site, &["content/units.yaml:"]);
    assert!(
        outcome.elapsed < Duration::from_secs(20),
        "{:?}",
        outcome.elapsed
    );
}

#[test]
fn alias_bombs_in_config_survey_and_front_matter_are_refused() {
    let (_dir, site) = new_site();
    write(
        &site,
        CONFIG,
        format!(
            "title: t\norganisation: o\n{}",
            alias_bomb_under("framework")
        ),
    );
    assert_refused(&site, &["kolikko.yaml:"]);

    let (_dir, site) = new_site();
    write(
        &site,
        SURVEY,
        format!("period: 2026-Q1\n{}", alias_bomb_under("ex")),
    );
    assert_refused(&site, &["content/surveys/2026-Q1.yaml:"]);

    let (_dir, site) = new_site();
    let bomb = alias_bomb_under("tags");
    write(
        &site,
        POST,
        format!("---\ntitle: t\ndate: 2026-07-01\n{bomb}---\nbody\n"),
    );
    assert_refused(&site, &["content/posts/welcome.md:"]);

    // 50 MiB of text read as 1 GiB of tags: stopped by the scalar budget (64 MiB in all).
    let (_dir, site) = new_site();
    let tags = alias_amplified_tags();
    write(
        &site,
        POST,
        format!("---\ntitle: t\ndate: 2026-07-01\n{tags}---\nbody\n"),
    );
    let outcome = assert_refused(&site, &["content/posts/welcome.md:"]);
    assert!(
        outcome.elapsed < Duration::from_secs(20),
        "{:?}",
        outcome.elapsed
    );
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let deep_flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_map = format!("{}1{}", "{a: ".repeat(10_000), "}".repeat(10_000));
    // Units nest legitimately (children of children): 10,000 levels of valid units.
    let mut deep_units = String::from("units: ");
    for level in 0..10_000 {
        deep_units.push_str(&format!("[{{id: u{level}, name: n, children: "));
    }
    deep_units.push_str("[]");
    deep_units.push_str(&"}]".repeat(10_000));

    for (file, text) in [
        (UNITS, deep_units),
        (UNITS, format!("units: {deep_flow}\n")),
        (CONFIG, format!("title: {deep_map}\norganisation: o\n")),
        (SURVEY, format!("period: 2026-Q1\nex: {deep_map}\n")),
        (
            SURVEY,
            format!(
                "period: 2026-Q1\nex:\n  harbour:\n    items:\n      ex_comm_info: {deep_flow}\n"
            ),
        ),
        (
            POST,
            format!("---\ntitle: t\ndate: 2026-07-01\ntags: {deep_flow}\n---\nbody\n"),
        ),
    ] {
        let (_dir, site) = new_site();
        write(&site, file, text);
        assert_refused(&site, &[&format!("{file}:")]);
    }
    // Block style, two spaces per level: 10,000 levels is a 100 MB file, refused for its size
    // before parsing; 2,000 levels stays under it and is refused for its depth.
    let mut block = String::from("period: 2026-Q1\nex:\n");
    for level in 0..2_000 {
        block.push_str(&" ".repeat(level + 1));
        block.push_str(&format!("k{level}:\n"));
    }
    let (_dir, site) = new_site();
    write(&site, SURVEY, block);
    assert_refused(&site, &["content/surveys/2026-Q1.yaml:"]);
}

#[test]
fn deeply_nested_markdown_builds_or_is_refused_without_crashing() {
    for body in [
        ">".repeat(10_000),
        "- ".repeat(5_000),
        format!("{}x{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("{}x{}", "*".repeat(10_000), "*".repeat(10_000)),
    ] {
        let (_dir, site) = new_site();
        write(
            &site,
            POST,
            format!("---\ntitle: t\ndate: 2026-07-01\n---\n{body}\n"),
        );
        let outcome = build(&site);
        if outcome.code == Some(1) {
            outcome.assert_code(1);
        } else {
            assert_built_safely(&site);
        }
    }
    let (_dir, site) = new_site();
    replace(
        &site,
        CONFIG,
        "framework: default",
        "allow_raw_html: true\nframework: default",
    );
    write(
        &site,
        POST,
        format!(
            "---\ntitle: t\ndate: 2026-07-01\n---\n{}x{}\n",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        ),
    );
    let outcome = build(&site);
    if outcome.code == Some(1) {
        outcome.assert_code(1);
    } else {
        assert_built_safely(&site);
    }
}

// ------------------------------------------------------------------ numbers

/// Rewrites the first `key: [first, ...]` count list of the first team in the survey.
fn set_first_count(site: &Path, item: &str, value: &str) {
    let text = read(site, SURVEY);
    let at = text.find(&format!("{item}: [")).expect("item in fixture") + item.len() + 3;
    let end = at + text[at..].find(',').unwrap();
    write(
        site,
        SURVEY,
        format!("{}{value}{}", &text[..at], &text[end..]),
    );
}

#[test]
fn huge_nan_and_negative_counts_are_refused_with_their_line() {
    for value in [
        "1e30",
        "99999999999999999999999999",
        "18446744073709551616",
        ".nan",
        ".inf",
        "-1",
        "-0.5",
        "2.5",
        "0x7fffffffffffffffff",
        "\"12\"",
        "null",
    ] {
        let (_dir, site) = new_site();
        set_first_count(&site, "ex_comm_info", value);
        let outcome = assert_refused(&site, &["content/surveys/2026-Q1.yaml:"]);
        assert!(
            outcome.stderr.contains("2026-Q1.yaml:8:")
                || outcome.stderr.contains("2026-Q1.yaml:9:"),
            "{value}: the message names the line of the count:\n{}",
            outcome.stderr
        );
    }
}

#[test]
fn counts_whose_sum_overflows_are_refused() {
    let (_dir, site) = new_site();
    set_first_count(&site, "ex_comm_info", "18446744073709551615");
    let outcome = assert_refused(&site, &["content/surveys/2026-Q1.yaml:8:"]);
    assert!(
        outcome.stderr.contains("too large") || outcome.stderr.contains("larger than"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn invalid_headcount_leavers_invited_and_responses_are_refused() {
    for (from, to) in [
        ("    invited: ", "    headcount: .nan\n    invited: "),
        ("    invited: ", "    headcount: -3\n    invited: "),
        ("    invited: ", "    headcount: 1e308\n    invited: "),
        (
            "    invited: ",
            "    headcount: 10\n    leavers: -1\n    invited: ",
        ),
        (
            "    invited: ",
            "    headcount: 2\n    leavers: 18446744073709551615\n    invited: ",
        ),
        ("    invited: ", "    invited: -5\n    old_invited: "),
        ("    responses: ", "    responses: 1e400\n    old: "),
    ] {
        let (_dir, site) = new_site();
        replace(&site, SURVEY, from, to);
        assert_refused(&site, &["content/surveys/2026-Q1.yaml:"]);
    }
}

/// Every team as large as a u64 allows: each file is valid on its own, but the organisation's
/// totals do not fit. kolikko must refuse it (or cap the values), never wrap around or panic.
#[test]
fn team_sizes_whose_organisation_total_overflows_are_refused() {
    let (_dir, site) = new_site();
    let max = u64::MAX;
    let text = read(&site, SURVEY);
    let cx_at = text.find("\ncx:\n").unwrap();
    let (ex, cx) = text.split_at(cx_at);
    let mut out = String::new();
    for line in ex.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if trimmed.starts_with("invited:") {
            out.push_str(&format!("{indent}invited: {max}\n"));
        } else if trimmed.starts_with("responses:") {
            out.push_str(&format!("{indent}responses: {max}\n"));
        } else if trimmed.starts_with("enps:") {
            out.push_str(&format!(
                "{indent}enps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {max}]\n"
            ));
        } else if trimmed.starts_with("ex_") {
            let id = trimmed.split(':').next().unwrap();
            out.push_str(&format!("{indent}{id}: [0, 0, 0, 0, {max}]\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.pop();
    write(&site, SURVEY, format!("{out}{cx}"));
    let outcome = build(&site);
    outcome.assert_code(1);
    assert!(
        outcome.stderr.contains("content/surveys/2026-Q1.yaml"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn extreme_settings_are_refused_or_build_safely() {
    let (_dir, site) = new_site();
    replace(
        &site,
        CONFIG,
        "anonymity_threshold: 5",
        "anonymity_threshold: 0",
    );
    assert_refused(&site, &["kolikko.yaml:4:", "at least 3"]);

    let (_dir, site) = new_site();
    replace(
        &site,
        CONFIG,
        "anonymity_threshold: 5",
        "anonymity_threshold: -1",
    );
    assert_refused(&site, &["kolikko.yaml:4:"]);

    // Everything hidden, every CX sample "low n": builds, and shows no EX figure.
    let (_dir, site) = new_site();
    replace(
        &site,
        CONFIG,
        "anonymity_threshold: 5",
        "anonymity_threshold: 18446744073709551615\ncx_low_n: 18446744073709551615",
    );
    assert_built_safely(&site);
}

// ------------------------------------------------------------------ file-level damage

#[test]
fn empty_and_blank_files_are_refused_naming_the_file() {
    for (file, text) in [
        (CONFIG, ""),
        (CONFIG, "\n \n\t\n"),
        (UNITS, ""),
        (UNITS, "units: []\n"),
        (SURVEY, ""),
        (SURVEY, "# only a comment\n"),
        (POST, ""),
        (POST, "---\n---\nbody\n"),
        (POST, "---\n"),
    ] {
        let (_dir, site) = new_site();
        write(&site, file, text);
        assert_refused(&site, &[file]);
    }
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_build_the_same_site() {
    let (_dir, plain) = new_site();
    build(&plain).assert_code(0);
    let expected = tree(&plain.join("public"));

    for convert in [
        (|t: &str| format!("\u{feff}{t}")) as fn(&str) -> String,
        |t: &str| t.replace('\n', "\r\n"),
        |t: &str| format!("\u{feff}{}", t.replace('\n', "\r\n")),
    ] {
        let (_dir, site) = new_site();
        for file in [CONFIG, UNITS, SURVEY, "content/surveys/2026-Q2.yaml", POST] {
            write(&site, file, convert(&read(&site, file)));
        }
        assert_built_safely(&site);
        assert!(
            tree(&site.join("public")) == expected,
            "a BOM or CRLF changes nothing in the output"
        );
    }
}

#[test]
fn invalid_utf8_is_refused_with_line_and_column() {
    let (_dir, site) = new_site();
    let mut bytes = read(&site, SURVEY).into_bytes();
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    bytes.splice(third_line..third_line, *b"  # caf\xe9\n");
    write(&site, SURVEY, bytes);
    assert_refused(&site, &["content/surveys/2026-Q1.yaml:3:8", "UTF-8"]);

    let (_dir, site) = new_site();
    let mut bytes = b"---\ntitle: \"\xff\xfe\"\n".to_vec();
    bytes.extend_from_slice(b"date: 2026-07-01\n---\n");
    write(&site, POST, bytes);
    assert_refused(&site, &["content/posts/welcome.md:2:", "UTF-8"]);

    // UTF-16 (what some spreadsheet exports produce).
    let (_dir, site) = new_site();
    let utf16: Vec<u8> = "\u{feff}title: t\norganisation: o\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    write(&site, CONFIG, utf16);
    assert_refused(&site, &["kolikko.yaml:1:1", "UTF-8"]);
}

#[test]
fn duplicate_keys_are_refused_with_their_line() {
    let (_dir, site) = new_site();
    replace(
        &site,
        SURVEY,
        "period: 2026-Q1\n",
        "period: 2026-Q1\nperiod: 2026-Q2\n",
    );
    assert_refused(&site, &["content/surveys/2026-Q1.yaml:2:", "duplicate"]);

    let (_dir, site) = new_site();
    replace(
        &site,
        SURVEY,
        "    responses:",
        "    responses: 1\n    responses:",
    );
    assert_refused(&site, &["content/surveys/2026-Q1.yaml:", "duplicate"]);

    let (_dir, site) = new_site();
    replace(
        &site,
        CONFIG,
        "language: en\n",
        "language: en\nlanguage: fi\n",
    );
    assert_refused(&site, &["kolikko.yaml:4:", "duplicate"]);

    let (_dir, site) = new_site();
    replace(
        &site,
        POST,
        "author: \"HR\"\n",
        "author: \"HR\"\nauthor: \"HR again\"\n",
    );
    assert_refused(&site, &["content/posts/welcome.md:5:", "duplicate"]);

    // Two teams with the same id in units.yaml: a rule of kolikko's, not of YAML.
    let (_dir, site) = new_site();
    replace(&site, UNITS, "- id: market", "- id: harbour");
    assert_refused(
        &site,
        &["content/units.yaml:", "duplicate unit id `harbour`"],
    );
}

/// The message is for the person who edits the file: it says what is wrong in its words, not
/// the YAML library's (no "set DuplicateKeyPolicy in Options", no Rust debug output of a budget,
/// no sentence cut in half).
#[test]
fn yaml_errors_read_as_plain_messages() {
    let (_dir, site) = new_site();
    replace(
        &site,
        SURVEY,
        "period: 2026-Q1\n",
        "period: 2026-Q1\nperiod: 2026-Q2\n",
    );
    let outcome = assert_refused(&site, &["duplicate"]);
    assert!(
        !outcome.stderr.contains("DuplicateKeyPolicy"),
        "{}",
        outcome.stderr
    );

    // A budget breach (alias bomb, nesting, repeated text) says which limit in words.
    let deep_units = {
        let mut yaml = String::from("units:\n");
        for level in 0..40 {
            let indent = "    ".repeat(level);
            yaml.push_str(&format!(
                "{indent}- id: u{level}\n{indent}  name: n\n{indent}  children:\n"
            ));
        }
        yaml.push_str(&format!("{}- id: leaf\n{0}  name: n\n", "    ".repeat(40)));
        yaml
    };
    for units in [alias_bomb_units(), deep_units] {
        let (_dir, site) = new_site();
        write(&site, UNITS, units);
        let outcome = assert_refused(&site, &["content/units.yaml:"]);
        let first = outcome.stderr.lines().next().unwrap_or_default();
        assert!(
            !first.contains(" {") && !first.trim_end().ends_with("(used"),
            "a plain sentence, not a debug dump: {first}"
        );
    }
}

#[test]
fn a_200_mb_survey_file_is_refused_by_size_before_it_is_read() {
    let (_dir, site) = new_site();
    let path = site.join("content/surveys/2026-Q3.yaml");
    // Sparse: 200 MiB on paper, no disk and no time to write. Only its size is looked at.
    let file = fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    drop(file);
    let outcome = assert_refused(
        &site,
        &["content/surveys/2026-Q3.yaml", "200 MiB", "64 MiB"],
    );
    assert!(
        outcome.elapsed < Duration::from_secs(10),
        "{:?}",
        outcome.elapsed
    );

    // Real text, just over the limit (64 MiB of YAML comments and one more line).
    let (_dir, site) = new_site();
    let mut text = read(&site, SURVEY);
    let line = "# padding padding padding padding padding padding padding padding padding\n";
    text.push_str(&line.repeat((64 * 1024 * 1024) / line.len() + 1));
    write(&site, SURVEY, text);
    assert_refused(&site, &["content/surveys/2026-Q1.yaml", "64 MiB"]);
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_symlink_loop_is_refused() {
        let (_dir, site) = new_site();
        symlink("loop.yaml", site.join("content/surveys/loop.yaml")).unwrap();
        assert_refused(&site, &["content/surveys/loop.yaml"]);

        // Two links pointing at each other, and a folder link back to its parent.
        let (_dir, site) = new_site();
        symlink("b.yaml", site.join("content/surveys/a.yaml")).unwrap();
        symlink("a.yaml", site.join("content/surveys/b.yaml")).unwrap();
        assert_refused(&site, &["content/surveys/a.yaml"]);

        let (_dir, site) = new_site();
        symlink("..", site.join("content/posts/up")).unwrap();
        symlink(".", site.join("content/surveys/self.yaml")).unwrap();
        assert_refused(&site, &["content/surveys/self.yaml"]);
    }

    #[test]
    fn a_symlink_out_of_the_site_is_refused() {
        let (dir, site) = new_site();
        let secret = dir.path().join("secret.yaml");
        fs::write(&secret, read(&site, SURVEY).replace("2026-Q1", "2026-Q3")).unwrap();
        symlink(&secret, site.join("content/surveys/2026-Q3.yaml")).unwrap();
        assert_refused(&site, &["content/surveys/2026-Q3.yaml", "outside the site"]);

        let (_dir, site) = new_site();
        fs::create_dir_all(site.join("templates")).unwrap();
        symlink("/etc/passwd", site.join("templates/base.html")).unwrap();
        assert_refused(&site, &["templates/base.html", "outside the site"]);

        let (_dir, site) = new_site();
        fs::remove_file(site.join(POST)).unwrap();
        symlink("/dev/zero", site.join(POST)).unwrap();
        assert_refused(&site, &["content/posts/welcome.md"]);

        // The whole content folder elsewhere.
        let (dir, site) = new_site();
        let elsewhere = dir.path().join("elsewhere");
        fs::rename(site.join("content"), &elsewhere).unwrap();
        symlink(&elsewhere, site.join("content")).unwrap();
        assert_refused(&site, &["content/units.yaml", "outside the site"]);
    }

    #[test]
    fn a_fifo_or_folder_named_like_a_survey_is_refused_without_blocking() {
        let (_dir, site) = new_site();
        let fifo = site.join("content/surveys/2026-Q3.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.map(|s| s.success()).unwrap_or(false) {
            assert_refused(&site, &["content/surveys/2026-Q3.yaml"]);
        }
        let (_dir, site) = new_site();
        fs::create_dir(site.join("content/surveys/2026-Q3.yaml")).unwrap();
        assert_refused(&site, &["content/surveys/2026-Q3.yaml", "folder"]);
    }
}
