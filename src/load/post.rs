//! `content/posts/*.md`: front matter and body of each commentary post.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Date, Post};
use crate::period::Period;

use super::control::{control_char_message, first_control_char};
use super::yaml::parse_yaml;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    date: Spanned<String>,
    author: Option<String>,
    period: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    summary: Option<String>,
}

/// The most tags one post may have, and the longest tag: each tag is a page and a file name.
pub const MAX_TAGS_PER_POST: usize = 50;
pub const MAX_TAG_CHARS: usize = 60;

/// The post's tags, trimmed, without repeats (two tags are the same when they make the same
/// page), within [`MAX_TAGS_PER_POST`] and [`MAX_TAG_CHARS`].
fn post_tags(
    path: &Path,
    yaml: &str,
    raw: Vec<String>,
    diagnostics: &mut Diagnostics,
) -> Vec<String> {
    // The line of `tags:` (the front matter starts on line 2), for the messages.
    let line = yaml
        .lines()
        .position(|l| l.trim_start().starts_with("tags"))
        .map_or(1, |i| i as u64 + 2);
    if raw.len() > MAX_TAGS_PER_POST {
        diagnostics.push(Diagnostic::new(
            path,
            line,
            1,
            format!(
                "the post has {} tags; a post may have at most {MAX_TAGS_PER_POST}",
                raw.len()
            ),
        ));
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let mut tags = Vec::new();
    for tag in raw {
        let tag = tag.trim().to_string();
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            diagnostics.push(Diagnostic::new(
                path,
                line,
                1,
                format!(
                    "the tag `{}…` is {} characters long; a tag may have at most {MAX_TAG_CHARS}",
                    tag.chars().take(20).collect::<String>(),
                    tag.chars().count()
                ),
            ));
            continue;
        }
        if let Some(c) = tag.chars().find(|c| c.is_control()) {
            diagnostics.push(Diagnostic::new(path, line, 1, control_char_message(c)));
            continue;
        }
        let slug = slugify(&tag);
        if seen.insert(if slug.is_empty() { "tag".into() } else { slug }) {
            tags.push(tag);
        }
    }
    tags
}

pub(super) fn parse_post(path: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<Post> {
    let text = text.replace("\r\n", "\n");
    if let Some((line, column, c)) = first_control_char(&text) {
        diagnostics.push(Diagnostic::new(path, line, column, control_char_message(c)));
        return None;
    }
    let Some(rest) = text.strip_prefix("---\n") else {
        diagnostics.push(Diagnostic::new(path, 1, 1, "expected front matter: the file starts with a line `---`, then YAML (title, date, ...), then `---`"));
        return None;
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
    else {
        diagnostics.push(Diagnostic::new(
            path,
            1,
            1,
            "the front matter is not closed: add a line `---` after it",
        ));
        return None;
    };
    let yaml = &rest[..end + 1];
    let body = rest.get(end + 5..).unwrap_or("");
    let body_first_line = 2 + yaml.lines().count() as u64 + 1;
    let raw: RawFrontMatter = match parse_yaml(path, yaml, 1) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let before = diagnostics.len();
    // YAML escapes (`"\0"`) can still make control characters in the front matter's strings.
    let fields = [Some(&raw.title), raw.author.as_ref(), raw.summary.as_ref()];
    if let Some((_, _, c)) = fields.iter().flatten().find_map(|s| first_control_char(s)) {
        diagnostics.push(Diagnostic::new(path, 1, 1, control_char_message(c)));
    }
    let tags = post_tags(path, yaml, raw.tags, diagnostics);
    let located = |s: &Spanned<String>, m: String| {
        Diagnostic::new(path, s.referenced.line() + 1, s.referenced.column(), m)
    };
    let date = Date::parse(&raw.date.value);
    if date.is_none() {
        diagnostics.push(located(
            &raw.date,
            format!(
                "expected a date such as 2026-08-14, found `{}`",
                raw.date.value
            ),
        ));
    }
    let period = raw
        .period
        .as_ref()
        .and_then(|p| match Period::parse(&p.value) {
            Ok(period) => Some(period),
            Err(m) => {
                diagnostics.push(located(p, m));
                None
            }
        });
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    // `post.sv.md` is the Swedish version of `post.md`: same address, another language.
    let (stem, language) = match stem.rsplit_once('.') {
        Some((base, "en")) => (base.to_string(), Some(crate::framework::Language::En)),
        Some((base, "fi")) => (base.to_string(), Some(crate::framework::Language::Fi)),
        Some((base, "sv")) => (base.to_string(), Some(crate::framework::Language::Sv)),
        _ => (stem, None),
    };
    let slug = slugify(&stem);
    if slug.is_empty() {
        diagnostics.push(Diagnostic::whole_file(
            path,
            "the file name must contain letters or digits: it becomes the post's address",
        ));
    }
    let date = date?;
    (diagnostics.len() == before).then(|| Post {
        source: path.to_path_buf(),
        slug,
        language,
        title: raw.title,
        date,
        author: raw.author,
        period,
        tags,
        summary: raw.summary,
        period_at: raw
            .period
            .as_ref()
            .map_or((0, 0), |p| (p.referenced.line() + 1, p.referenced.column())),
        draft: raw.draft,
        body: body.to_string(),
        body_first_line,
    })
}

/// Newest first; a post's period must be one the site has data for.
pub(super) fn check_posts(
    posts: &mut [Post],
    periods: &[(Period, PathBuf)],
    diagnostics: &mut Diagnostics,
) {
    posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    for post in posts.iter() {
        if let Some(period) = post.period
            && !periods.is_empty()
            && !periods.iter().any(|(p, _)| *p == period)
        {
            let (line, column) = post.period_at;
            diagnostics.push(Diagnostic::new(
                &post.source,
                line,
                column,
                format!("the post names period {period}, but there is no survey file for it in content/surveys/"),
            ));
        }
    }
    let mut seen: HashMap<(&str, Option<crate::framework::Language>), &Path> = HashMap::new();
    for post in posts.iter() {
        if let Some(first) = seen.insert((&post.slug, post.language), &post.source) {
            diagnostics.push(Diagnostic::whole_file(
                &post.source,
                format!(
                    "has the same address `posts/{}/` as {}: rename one of the files",
                    post.slug,
                    first.display()
                ),
            ));
        }
    }
}

/// A file- and URL-safe form of a name: lower-case ASCII letters, digits and `-`
/// (Finnish and Swedish letters become their base letter).
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Töölö service desk"), "toolo-service-desk");
        assert_eq!(slugify("  <script>  "), "script");
        assert_eq!(slugify("2026-Q3 review!"), "2026-q3-review");
    }
}
