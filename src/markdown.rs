//! Markdown commentary: shortcodes for live figures, and the HTML policy.
//!
//! Policy, because pulldown-cmark passes raw HTML, `javascript:` links and heading attributes
//! through verbatim: raw HTML is shown as text unless the site sets `allow_raw_html`, and then it
//! is cleaned by ammonia; link targets with a scheme other than http, https or mailto become `#`;
//! headings keep only an id and classes; images from other hosts become links, so no page loads
//! anything from elsewhere.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::slugify;

/// One `{{ name(key="value", ...) }}` found in a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortcode {
    pub name: String,
    pub args: BTreeMap<String, String>,
    /// Arguments written without quotes (`kind=trend`): accepted, and warned about.
    pub unquoted: Vec<String>,
    pub line: u64,
    pub column: u64,
    /// Alone on its line: rendered as a block (a figure); otherwise inline.
    pub block: bool,
}

/// Placeholders survive Markdown rendering untouched: private-use characters never appear in
/// real text and are not escaped.
fn placeholder(index: usize) -> String {
    format!("\u{E000}{index}\u{E001}")
}

/// The most shortcodes (valid or not) one post may hold: each is a figure or a number, and a post
/// with thousands is a mistake (or an attack) that would otherwise cost minutes.
pub const MAX_SHORTCODES_PER_POST: usize = 1000;

/// Finds the shortcodes of a Markdown body and replaces each by a placeholder.
/// `first_line` is the body's first line in the file, for error positions.
pub fn extract_shortcodes(
    file: &Path,
    body: &str,
    first_line: u64,
) -> Result<(String, Vec<Shortcode>), Diagnostics> {
    // The placeholder characters in the text itself would be taken for placeholders and could
    // put a figure inside an attribute: they become U+FFFD (same length, so columns stay).
    let cleaned;
    let body = if body.contains(['\u{E000}', '\u{E001}']) {
        cleaned = body.replace(['\u{E000}', '\u{E001}'], "\u{FFFD}");
        cleaned.as_str()
    } else {
        body
    };
    let mut out = String::with_capacity(body.len());
    let mut shortcodes = Vec::new();
    let mut diagnostics = Diagnostics::default();
    let mut fence: Option<&str> = None;
    for (offset, line) in body.split_inclusive('\n').enumerate() {
        let line_number = first_line + offset as u64;
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        let alone = trimmed.trim_end().starts_with("{{")
            && trimmed.trim_end().ends_with("}}")
            && trimmed.matches("{{").count() == 1;
        let mut rest = line;
        // Backticks and characters before `rest`, counted as the line is walked (counting from
        // the line's start at each shortcode would be quadratic in shortcodes per line).
        let mut backticks = 0usize;
        let mut chars_before = 0usize;
        while let Some(start) = rest.find("{{") {
            if shortcodes.len() + diagnostics.len() >= MAX_SHORTCODES_PER_POST {
                diagnostics.push(Diagnostic::new(
                    file,
                    line_number,
                    (chars_before + rest[..start].chars().count()) as u64 + 1,
                    format!(
                        "more than {MAX_SHORTCODES_PER_POST} shortcodes in one post; split the post or remove some"
                    ),
                ));
                return Err(diagnostics);
            }
            // `{{` inside an inline code span is text about shortcodes, not a shortcode.
            backticks += rest[..start].matches('`').count();
            let column = (chars_before + rest[..start].chars().count()) as u64 + 1;
            let Some(len) = rest[start..].find("}}") else {
                diagnostics.push(Diagnostic::new(
                    file,
                    line_number,
                    column,
                    "`{{` is not closed by `}}` on the same line",
                ));
                break;
            };
            let call = &rest[start..start + len + 2];
            if backticks % 2 == 1 {
                out.push_str(&rest[..start + len + 2]);
                backticks += call.matches('`').count();
                chars_before = column as usize - 1 + call.chars().count();
                rest = &rest[start + len + 2..];
                continue;
            }
            let inner = &rest[start + 2..start + len];
            out.push_str(&rest[..start]);
            match parse_call(inner) {
                Ok((name, args, unquoted)) => {
                    let index = shortcodes.len();
                    shortcodes.push(Shortcode {
                        name,
                        args,
                        unquoted,
                        line: line_number,
                        column,
                        block: alone,
                    });
                    if alone {
                        // Blank lines around it make the placeholder a paragraph of its own.
                        out.push_str(&format!("\n{}\n\n", placeholder(index)));
                    } else {
                        out.push_str(&placeholder(index));
                    }
                }
                Err(message) => {
                    diagnostics.push(Diagnostic::new(file, line_number, column, message))
                }
            }
            backticks += call.matches('`').count();
            chars_before = column as usize - 1 + call.chars().count();
            rest = &rest[start + len + 2..];
        }
        if !(alone && rest.trim().is_empty()) {
            out.push_str(rest);
        }
    }
    diagnostics.into_result((out, shortcodes))
}

/// The name, the arguments, and which arguments were written without quotes.
type Call = (String, BTreeMap<String, String>, Vec<String>);

/// `name(key="value", other=3)` → name and arguments.
fn parse_call(text: &str) -> Result<Call, String> {
    let expected = "expected a shortcode such as {{ chart(kind=\"scatter\", period=\"2026-Q3\") }}";
    let text = text.trim();
    let open = text.find('(').ok_or_else(|| expected.to_string())?;
    let name = text[..open].trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Err(format!("{expected}; `{name}` is not a shortcode name"));
    }
    let args_text = text[open + 1..]
        .strip_suffix(')')
        .ok_or_else(|| format!("{expected}: missing `)`"))?;
    let mut args = BTreeMap::new();
    let mut unquoted = Vec::new();
    let mut chars = args_text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let key: String =
            std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_alphanumeric() || *c == '_'))
                .collect();
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if key.is_empty() || chars.next() != Some('=') {
            return Err(format!("{expected}: arguments are written key=\"value\""));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let value = if chars.next_if_eq(&'"').is_some() {
            let mut value = String::new();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => value.extend(chars.next()),
                    Some(c) => value.push(c),
                    None => return Err(format!("the value of `{key}` is not closed by `\"`")),
                }
            }
            value
        } else {
            unquoted.push(key.clone());
            std::iter::from_fn(|| {
                chars.next_if(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            })
            .collect()
        };
        if args.insert(key.clone(), value).is_some() {
            return Err(format!("the argument `{key}` is given twice"));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None => break,
            Some(',') => {}
            Some(c) => return Err(format!("{expected}: unexpected `{c}`")),
        }
    }
    Ok((name.to_string(), args, unquoted))
}

/// A rendered Markdown body.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub words: usize,
}

/// Renders Markdown to HTML under the policy above. `blocks[i]` and `inlines[i]` replace
/// shortcode placeholder `i`; one of the two is used, depending on how it was written.
pub fn render(markdown: &str, allow_raw_html: bool, replacements: &[String]) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let image_ends = matching_image_ends(&events);
    let mut words = 0;
    let mut headings = HeadingIds::default();
    // Inside a kept (inline) image, text is alt text: an attribute, where no figure can go.
    let mut image_depth = 0usize;

    let mut i = 0;
    while i < events.len() {
        match &mut events[i] {
            Event::Text(text) if image_depth > 0 => *text = CowStr::from(strip_placeholders(text)),
            Event::Text(text) => words += text.split_whitespace().count(),
            Event::Html(html) | Event::InlineHtml(html) if !allow_raw_html => {
                events[i] = Event::Text(html.clone());
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                if !is_safe_url(dest_url) {
                    *dest_url = CowStr::from("#");
                }
                *title = CowStr::from(strip_placeholders(title));
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) if is_inline_image(dest_url) => {
                *title = CowStr::from(strip_placeholders(title));
                image_depth += 1;
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::Image { dest_url, .. }) => {
                // An image from another host would make the page load it: show a link instead.
                let url = if is_safe_url(dest_url) {
                    dest_url.clone()
                } else {
                    CowStr::from("#")
                };
                let end = image_ends.get(&i).copied();
                events[i] = Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Inline,
                    dest_url: url,
                    title: CowStr::from(""),
                    id: CowStr::from(""),
                });
                if let Some(end) = end {
                    events[end] = Event::End(TagEnd::Link);
                }
            }
            Event::Start(Tag::Heading { .. }) => {
                let text = strip_placeholders(&events_text(&events[i + 1..]));
                let Event::Start(Tag::Heading {
                    id, classes, attrs, ..
                }) = &mut events[i]
                else {
                    unreachable!()
                };
                // Only an id and classes survive: `onclick` and friends never reach the page.
                attrs.clear();
                classes.retain(|c| {
                    c.chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
                });
                let wanted = id
                    .as_ref()
                    .map(|s| slugify(s))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| slugify(&text));
                let wanted = if wanted.is_empty() {
                    "section".to_string()
                } else {
                    wanted
                };
                *id = Some(CowStr::from(headings.unique(wanted)));
            }
            _ => {}
        }
        i += 1;
    }

    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if allow_raw_html {
        html = ammonia::Builder::default()
            .add_generic_attributes(["id", "class"])
            .url_schemes(HashSet::from(["http", "https", "mailto", "data"]))
            // Links may point anywhere; anything the browser would *load* (an image) must be
            // inline data, or the page would make a request to another host.
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                (_, "src" | "srcset") if !is_inline_image(value) => None,
                (_, "href") if value.trim_start().to_ascii_lowercase().starts_with("data:") => None,
                _ => Some(value.into()),
            })
            .clean(&html)
            .to_string();
    }
    Rendered {
        html: replace_placeholders(&html, replacements),
        words,
    }
}

/// For each image start, the index of its end: one pass with a stack, so nested images
/// (`![![![…`) cost linear time.
fn matching_image_ends(events: &[Event]) -> std::collections::HashMap<usize, usize> {
    let mut ends = std::collections::HashMap::new();
    let mut open = Vec::new();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Image { .. }) => open.push(i),
            Event::End(TagEnd::Image) => {
                if let Some(start) = open.pop() {
                    ends.insert(start, i);
                }
            }
            _ => {}
        }
    }
    ends
}

/// Heading ids made unique by `-2`, `-3`, …, remembering for each wanted id the next number to
/// try, so thousands of equal headings cost linear time.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl HeadingIds {
    fn unique(&mut self, wanted: String) -> String {
        if self.used.insert(wanted.clone()) {
            return wanted;
        }
        let n = self.next.entry(wanted.clone()).or_insert(2);
        loop {
            let candidate = format!("{wanted}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Puts each shortcode's HTML where its placeholder is, in one pass over the page. A placeholder
/// that is a paragraph of its own (`<p>…</p>`) is replaced with the paragraph tags.
fn replace_placeholders(html: &str, replacements: &[String]) -> String {
    if replacements.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('\u{E000}') {
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let parsed = after.find('\u{E001}').and_then(|end| {
            let index: usize = after[..end].parse().ok()?;
            Some((index, end))
        });
        let Some((index, end)) = parsed.filter(|(index, _)| *index < replacements.len()) else {
            out.push_str(&rest[..start + '\u{E000}'.len_utf8()]);
            rest = after;
            continue;
        };
        let mut before = &rest[..start];
        let mut tail = &after[end + '\u{E001}'.len_utf8()..];
        if before.ends_with("<p>") && tail.starts_with("</p>") {
            before = &before[..before.len() - 3];
            tail = &tail[4..];
        }
        out.push_str(before);
        out.push_str(&replacements[index]);
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The plain text of the first paragraph, for post summaries and the feed.
pub fn first_paragraph_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_SMART_PUNCTUATION) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside && !text.trim().is_empty() => break,
            Event::End(TagEnd::Paragraph) => inside = false,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Shortcodes are not prose.
    if text.starts_with("{{") {
        return String::new();
    }
    match text.char_indices().nth(240) {
        // Long: end at the last full sentence within the limit, or on a word with an ellipsis.
        Some((cut, _)) => match text[..cut].rfind(". ") {
            Some(end) if end > 80 => text[..=end].to_string(),
            _ => format!(
                "{}…",
                text[..cut]
                    .rsplit_once(' ')
                    .map_or(&text[..cut], |(head, _)| head)
            ),
        },
        None => text.to_string(),
    }
}

/// Text with shortcode placeholders removed, for places a figure cannot go (attributes, ids).
fn strip_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '\u{E000}' => inside = true,
            '\u{E001}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Markdown from `extract_shortcodes` with placeholder `i` replaced by `values[i]` (inline
/// figures as plain text) or removed (`None`: block figures), for summaries and the feed.
pub fn fill_placeholders(text: &str, values: &[Option<String>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('\u{E000}') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '\u{E000}'.len_utf8()..];
        let Some(end) = after.find('\u{E001}') else {
            rest = after;
            continue;
        };
        if let Some(Some(value)) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| values.get(i))
        {
            out.push_str(value);
        }
        rest = &after[end + '\u{E001}'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The plain text up to the end of the current heading.
fn events_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// An image carried inside the page (a raster `data:image/...` URL); SVG is excluded because it can
/// carry scripts and references of its own.
fn is_inline_image(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("data:image/") && !lower.starts_with("data:image/svg")
}

/// Relative links, fragments, http(s) and mailto are allowed; `javascript:`, `data:` and any other
/// scheme are not. Browsers ignore tabs, newlines and leading spaces in schemes, so we do too.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let before = &lower[..colon];
            // A colon after a path separator is not a scheme (`./a:b`, `?q=a:b`).
            if before.contains(['/', '?', '#']) {
                return true;
            }
            matches!(before, "http" | "https" | "mailto")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str, raw: bool) -> String {
        render(md, raw, &[]).html
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let out = html(
            "Hello <script>alert(1)</script> <b onclick=\"x()\">b</b>\n\n<div>block</div>\n",
            false,
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<b "), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(out.contains("&lt;div&gt;"), "{out}");
    }

    #[test]
    fn raw_html_when_allowed_is_cleaned() {
        let out = html(
            "<b onclick=\"x()\">bold</b> <script>alert(1)</script> <a href=\"javascript:x()\">a</a>\n",
            true,
        );
        assert!(out.contains("<b>bold</b>"), "{out}");
        assert!(
            !out.contains("onclick") && !out.contains("<script") && !out.contains("javascript:"),
            "{out}"
        );
    }

    #[test]
    fn allowed_raw_html_loads_nothing_from_elsewhere() {
        let out = html(
            "<img src=\"https://evil.example/p.png\"> <img src=\"/local.png\"> <img src=\"data:image/png;base64,AAAA\"> <a href=\"data:text/html,x\">d</a>\n",
            true,
        );
        assert!(
            !out.contains("evil.example") && !out.contains("/local.png"),
            "{out}"
        );
        assert!(out.contains("src=\"data:image/png;base64,AAAA\""), "{out}");
        assert!(!out.contains("data:text"), "{out}");
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "<java\tscript:alert(1)>",
            "vbscript:x",
            "data:text/html,x",
        ] {
            let out = html(&format!("[x]({url})"), false);
            assert!(out.contains("href=\"#\""), "{url}: {out}");
        }
        assert!(!is_safe_url(" java\tscript:alert(1)"));
        assert!(
            html("[x](https://example.org/a)", false).contains("href=\"https://example.org/a\"")
        );
        assert!(
            html("[x](../units/a/index.html)", false).contains("href=\"../units/a/index.html\"")
        );
    }

    #[test]
    fn heading_attributes_keep_only_id_and_class() {
        let out = html(
            "# Title {#intro .lead onclick=alert(1)}\n\n## Title\n\n## Title\n",
            false,
        );
        assert!(out.contains("<h1 id=\"intro\" class=\"lead\">"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(
            out.contains("id=\"title\"") && out.contains("id=\"title-2\""),
            "{out}"
        );
    }

    #[test]
    fn external_images_become_links() {
        let out = html("![chart](http://evil.example/x.png)", false);
        assert!(!out.contains("<img"), "{out}");
        assert!(
            out.contains("<a href=\"http://evil.example/x.png\">chart</a>"),
            "{out}"
        );
    }

    #[test]
    fn tables_and_footnotes() {
        let out = html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: Note.\n",
            false,
        );
        assert!(out.contains("<table>") && out.contains("footnote"), "{out}");
    }

    #[test]
    fn shortcodes_are_found_with_positions() {
        let body = "Intro {{ kpi(metric=\"enps\", unit=\"north\") }} text.\n\n{{ chart(kind=\"scatter\", period=\"2026-Q3\") }}\n\n```\n{{ chart(kind=\"x\") }}\n```\n`{{ not(a=\"b\") }}`\n";
        let (text, codes) = extract_shortcodes(Path::new("p.md"), body, 10).unwrap();
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].name, "kpi");
        assert_eq!(
            (codes[0].line, codes[0].column, codes[0].block),
            (10, 7, false)
        );
        assert_eq!(
            codes[1].args.get("period").map(String::as_str),
            Some("2026-Q3")
        );
        assert_eq!((codes[1].line, codes[1].block), (12, true));
        assert!(
            text.contains("{{ chart(kind=\"x\") }}"),
            "fenced code is left alone"
        );
        let rendered = render(
            &text,
            false,
            &["<span>K</span>".into(), "<figure>F</figure>".into()],
        );
        assert!(
            rendered.html.contains("Intro <span>K</span> text."),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("\n<figure>F</figure>"),
            "{}",
            rendered.html
        );
        assert!(!rendered.html.contains("<p><figure>"), "{}", rendered.html);
    }

    #[test]
    fn shortcodes_never_land_inside_attributes_or_ids() {
        let md = "## Score {{ kpi(metric=\"enps\") }}\n\n[link](https://x.example \"t {{ kpi(metric=\"nps\") }}\")\n";
        let (text, codes) = extract_shortcodes(Path::new("p.md"), md, 1).unwrap();
        assert_eq!(codes.len(), 2);
        let out = render(
            &text,
            false,
            &["<span>K</span>".into(), "<span>N</span>".into()],
        )
        .html;
        assert!(
            out.contains("<h2 id=\"score\">Score <span>K</span></h2>"),
            "{out}"
        );
        assert!(out.contains("title=\"t \""), "{out}");
        assert!(!out.contains("<span>N</span>"), "{out}");
    }

    #[test]
    fn placeholder_characters_in_the_text_are_not_placeholders() {
        let body = "[x](\u{E000}0\u{E001}) \u{E000}0\u{E001} {{ kpi(metric=\"enps\") }}\n";
        let (text, codes) = extract_shortcodes(Path::new("p.md"), body, 1).unwrap();
        assert_eq!(codes.len(), 1);
        let html = render(&text, false, &["<b class=\"x\">1</b>".to_string()]).html;
        assert!(!html.contains("href=\"<b"), "{html}");
        assert_eq!(html.matches("<b class").count(), 1, "{html}");
    }

    #[test]
    fn columns_count_characters() {
        let err = extract_shortcodes(Path::new("p.md"), "Ääöö åå {{ kpi(metric=\"x\" }}\n", 5)
            .unwrap_err();
        assert_eq!((err.0[0].line, err.0[0].column), (5, 9));
    }

    #[test]
    fn summaries_keep_inline_figures_and_drop_block_ones() {
        let body = "The eNPS was {{ kpi(metric=\"enps\") }} today.\n\n{{ chart(kind=\"lag\") }}\n";
        let (text, codes) = extract_shortcodes(Path::new("p.md"), body, 1).unwrap();
        assert_eq!(codes.len(), 2);
        let plain = fill_placeholders(&text, &[Some("+20".into()), None]);
        assert_eq!(first_paragraph_text(&plain), "The eNPS was +20 today.");
        assert!(!plain.contains('\u{E000}'));
    }

    #[test]
    fn shortcode_syntax_errors_name_the_line() {
        let err = extract_shortcodes(Path::new("p.md"), "ok\n{{ chart(kind=\"scatter\" }}\n", 5)
            .unwrap_err();
        assert_eq!(err.0[0].line, 6);
        assert_eq!(err.0[0].column, 1);
        let err =
            extract_shortcodes(Path::new("p.md"), "{{ chart(kind=scatter) \n", 1).unwrap_err();
        assert!(err.0[0].message.contains("not closed"));
    }
}
