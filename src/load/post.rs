//! `content/posts/*.md`: front matter and body of each commentary post.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Date, Post};
use crate::period::Period;

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

pub(super) fn parse_post(path: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<Post> {
    let text = text.replace("\r\n", "\n");
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
        title: raw.title,
        date,
        author: raw.author,
        period,
        tags: raw
            .tags
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
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
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for post in posts.iter() {
        if let Some(first) = seen.insert(&post.slug, &post.source) {
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
