//! Inputs built to make a step slow or huge (issue #13, part 3): each is refused or built within
//! the harness's 30 s and 2 GiB, and `kolikko check` agrees with `kolikko build` about it.
//! The limits are listed in docs/limits.md.

mod gates_support;

use std::ffi::OsStr;
use std::path::Path;

use gates_support::{Outcome, build, new_site, read, run_in, write};

const POST: &str = "content/posts/welcome.md";

fn post(front: &str, body: &str) -> String {
    format!("---\ntitle: t\ndate: 2026-07-01\n{front}---\n{body}\n")
}

fn check(site: &Path) -> Outcome {
    run_in(
        site.parent().unwrap(),
        [OsStr::new("check"), site.as_os_str()],
    )
}

/// Refused by `check` and by `build` with every needle in the message; nothing written.
#[track_caller]
fn assert_refused(site: &Path, needles: &[&str]) {
    for outcome in [check(site), build(site)] {
        outcome.assert_code(1);
        for needle in needles {
            assert!(
                outcome.stderr.contains(needle),
                "the message should contain {needle:?}:\n{}",
                outcome.stderr
            );
        }
    }
    assert!(
        !site.join("public").exists(),
        "a refused build writes nothing"
    );
}

#[test]
fn three_hundred_thousand_nested_images_build_in_bounded_time() {
    let (_dir, site) = new_site();
    let n = 300_000;
    let body = format!("{}x{}", "![".repeat(n), "](a.png)".repeat(n));
    write(&site, POST, post("", &body));
    let outcome = build(&site);
    outcome.assert_code(0);
    let page = read(&site, "public/posts/welcome/index.html");
    // Images that are not inline data become links; every one of them is closed.
    assert_eq!(page.matches("<a ").count(), page.matches("</a>").count());
}

#[test]
fn sixty_thousand_shortcodes_are_refused_at_the_first_one_over_the_limit() {
    let (_dir, site) = new_site();
    let body = "{{ kpi(metric=\"enps\") }}\n".repeat(60_000);
    write(&site, POST, post("", &body));
    // The front matter takes lines 1-4; shortcode 1,001 is on line 1,005.
    assert_refused(
        &site,
        &[
            "content/posts/welcome.md:1005:1",
            "more than 1000 shortcodes in one post",
        ],
    );
}

#[test]
fn three_hundred_thousand_shortcodes_on_one_line_are_refused() {
    let (_dir, site) = new_site();
    let body = "{{ kpi(metric=\"enps\") }} ".repeat(300_000);
    write(&site, POST, post("", &body));
    assert_refused(&site, &["more than 1000 shortcodes in one post"]);
    // Broken ones count too: a line of unclosed calls is not an endless list of messages.
    let body = "x {{ nope ".repeat(300_000);
    write(&site, POST, post("", &body));
    let outcome = build(&site);
    outcome.assert_code(1);
    assert!(
        outcome.stderr.lines().count() < 2_000,
        "{} lines",
        outcome.stderr.lines().count()
    );
}

#[test]
fn a_thousand_shortcodes_on_one_line_still_build() {
    let (_dir, site) = new_site();
    let body = "{{ kpi(metric=\"enps\") }} `{{ not(one=\"x\") }}` ".repeat(500);
    write(&site, POST, post("", &body));
    build(&site).assert_code(0);
    let page = read(&site, "public/posts/welcome/index.html");
    // The ones inside code spans stay text; the others are replaced.
    assert_eq!(page.matches("not(one=").count(), 500);
    assert!(!page.contains('\u{E000}'), "no placeholder is left");
}

#[test]
fn forty_thousand_equal_headings_get_unique_ids() {
    let (_dir, site) = new_site();
    // `same-2` is also wanted by a heading of its own: it must not be given twice.
    let body = format!("## same-2\n\n{}", "## Same\n\n".repeat(40_000));
    write(&site, POST, post("", &body));
    build(&site).assert_code(0);
    let page = read(&site, "public/posts/welcome/index.html");
    assert_eq!(page.matches("id=\"same-2\"").count(), 1);
    assert_eq!(page.matches("id=\"same\"").count(), 1);
    assert_eq!(page.matches("id=\"same-3\"").count(), 1);
    // `same`, then `same-3` … `same-40001`, skipping the taken `same-2`.
    assert_eq!(page.matches("id=\"same-40001\"").count(), 1);
    assert!(!page.contains("id=\"same-40002\""));
}

#[test]
fn three_thousand_tags_are_refused_at_the_tags_line() {
    let (_dir, site) = new_site();
    let tags = vec!["a"; 3_000].join(", ");
    write(&site, POST, post(&format!("tags: [{tags}]\n"), "Text."));
    assert_refused(
        &site,
        &[
            "content/posts/welcome.md:4:1",
            "the post has 3000 tags; a post may have at most 50",
        ],
    );
}

#[test]
fn a_yaml_alias_repeated_into_many_tags_is_refused() {
    let (_dir, site) = new_site();
    let mut front = String::from("tags:\n  - &t \"same tag\"\n");
    front.push_str(&"  - *t\n".repeat(90));
    write(&site, POST, post(&front, "Text."));
    assert_refused(&site, &["content/posts/welcome.md", "at most 50"]);
}

#[test]
fn repeated_tags_make_one_tag_page_listing_the_post_once() {
    let (_dir, site) = new_site();
    write(
        &site,
        POST,
        post(
            "tags: [Kvartaali, kvartaali, \" Kvartaali \", KVARTAALI, other]\n",
            "Text.",
        ),
    );
    build(&site).assert_code(0);
    let tag_page = read(&site, "public/tags/kvartaali/index.html");
    assert_eq!(tag_page.matches("posts/welcome/index.html").count(), 1);
    let post_page = read(&site, "public/posts/welcome/index.html");
    assert_eq!(post_page.matches("tags/kvartaali/index.html").count(), 1);
    assert_eq!(post_page.matches("tags/other/index.html").count(), 1);
}

#[test]
fn a_three_hundred_character_tag_is_refused_by_check_and_build() {
    let (_dir, site) = new_site();
    write(
        &site,
        POST,
        post(&format!("tags: [{}]\n", "t".repeat(300)), "Text."),
    );
    assert_refused(
        &site,
        &[
            "content/posts/welcome.md:4",
            "300 characters long; a tag may have at most 60",
        ],
    );
}

#[test]
fn control_characters_in_a_post_are_refused_with_their_place() {
    let (_dir, site) = new_site();
    write(&site, POST, post("", "First line.\nSecond \u{0} line."));
    // The body starts on line 5.
    assert_refused(
        &site,
        &["content/posts/welcome.md:6:8", "control character U+0000"],
    );
    // A YAML escape makes one in the title; a vertical tab in the author.
    for front in [
        "title: \"a\\0b\"\ndate: 2026-07-01\n",
        "title: t\nauthor: \"a\\vb\"\ndate: 2026-07-01\n",
    ] {
        write(&site, POST, format!("---\n{front}---\nText.\n"));
        assert_refused(
            &site,
            &["content/posts/welcome.md", "control character U+00"],
        );
    }
}

#[test]
fn tabs_and_multi_line_summaries_still_build() {
    let (_dir, site) = new_site();
    write(
        &site,
        POST,
        post("summary: >\n  One\n  two.\n", "Col\tumn.\r\nNext line."),
    );
    build(&site).assert_code(0);
    let feed = read(&site, "public/feed.xml");
    assert!(
        !feed
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    );
}

#[test]
fn a_runaway_custom_template_is_stopped_naming_it() {
    let (_dir, site) = new_site();
    // 10^10 iterations that each write 4 KiB: without a budget this runs for hours.
    let template = format!(
        "{{% for a in range(end=100000) %}}{{% for b in range(end=100000) %}}{}{{% endfor %}}{{% endfor %}}",
        "x".repeat(4096)
    );
    write(&site, "templates/list.html", template);
    assert_refused(
        &site,
        &[
            "templates/list.html",
            "cannot render list.html",
            "the page grew past 64 MiB",
        ],
    );
}
