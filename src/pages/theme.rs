//! The theme's plumbing: rendering a page's template within its budget, template errors told as
//! the user's file and line, the CSS minifier that keeps the inline style small, and the HTML
//! escaper every template uses.

use super::*;

impl Renderer<'_> {
    pub(super) fn render(
        &self,
        template: &str,
        path: &str,
        context: &Context,
    ) -> Result<OutputFile, Diagnostic> {
        // Rendered into a bounded buffer: a runaway custom template stops with its name.
        let mut page = budget::PageBudget::new(template, path);
        let rendered = self.tera.render_to(template, context, &mut page);
        rendered.map_err(|e| match page.exceeded.take() {
            Some(reason) => {
                let path = self
                    .site
                    .template_overrides
                    .iter()
                    .find(|o| o.name == template)
                    .map(|o| o.path.clone())
                    .unwrap_or_else(|| std::path::PathBuf::from(format!("templates/{template}")));
                Diagnostic::whole_file(&path, format!("cannot render {template}: {reason}"))
            }
            None => self.render_error(template, &e),
        })?;
        Ok(OutputFile {
            path: path.to_string(),
            contents: page.bytes,
        })
    }

    /// A failed render, placed in the template file that has the mistake (Tera names it after
    /// `-->`; it may be `base.html` while rendering `post.html`) at its line and column.
    fn render_error(&self, template: &str, error: &tera::Error) -> Diagnostic {
        let chain = error_chain(error);
        let located = chain.split_once(" --> ").and_then(|(what, rest)| {
            let place = rest.split_whitespace().next()?;
            let mut parts = place.rsplitn(3, ':');
            let column: u64 = parts.next()?.parse().ok()?;
            let line: u64 = parts.next()?.parse().ok()?;
            Some((
                what.trim().to_string(),
                parts.next()?.to_string(),
                line,
                column,
            ))
        });
        let (what, name, line, column) =
            located.unwrap_or_else(|| (chain.clone(), template.to_string(), 0, 0));
        let what = what.trim_start_matches("error: ").trim_end_matches(':');
        let what = what.strip_prefix("error: ").unwrap_or(what);
        let overridden = self.site.template_overrides.iter().find(|o| o.name == name);
        match overridden {
            Some(o) => Diagnostic::new(
                &o.path,
                line,
                column,
                format!("template error: {what} (while rendering {template})"),
            ),
            // In a built-in template: kolikko's own mistake, or a variable an override of
            // another template left out.
            None => Diagnostic::whole_file(
                std::path::Path::new(&format!("templates/{name}")),
                format!(
                    "template error in the built-in {name} at line {line}, column {column}: {what} (while rendering {template})"
                ),
            ),
        }
    }
}

/// Tera errors nest their causes; a person needs all of them (file, line, column, what).
pub(super) fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// Tera's autoescape, byte for byte (`&`, `<`, `>`, `"`, `'`), but writing each run of plain
/// text in one call: Tera's own writes every byte separately, and each write goes through the
/// page budget. Pages are mostly escaped text, so this was a tenth of a build.
pub(super) fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
}

pub(super) fn template_error(
    templates: &BTreeMap<String, (String, Option<std::path::PathBuf>)>,
    error: &tera::Error,
) -> Diagnostic {
    let message = error_chain(error);
    // Name the override file when the message mentions one.
    let path = templates
        .iter()
        .find(|(name, (_, path))| path.is_some() && message.contains(name.as_str()))
        .and_then(|(_, (_, path))| path.clone())
        .unwrap_or_else(|| std::path::PathBuf::from("templates"));
    Diagnostic::whole_file(&path, format!("template error: {message}"))
}

/// Removes comments and the whitespace CSS does not need; quoted strings are kept as written.
/// Tera tags (`{{ … }}`, `{% … %}`) in an overridden stylesheet keep their spaces too.
pub(super) fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                if pending_space && needs_space(out.chars().last()) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                let mut escaped = false;
                for d in chars.by_ref() {
                    out.push(d);
                    if !escaped && d == c {
                        break;
                    }
                    escaped = !escaped && d == '\\';
                }
            }
            '{' | '%' if out.ends_with('{') && matches!(c, '{' | '%') => {
                // A Tera tag: copy it whole.
                let close = if c == '{' { '}' } else { '%' };
                out.push(c);
                let mut last = ' ';
                for d in chars.by_ref() {
                    out.push(d);
                    if last == close && d == '}' {
                        break;
                    }
                    last = d;
                }
                pending_space = false;
            }
            c if c.is_whitespace() => pending_space = true,
            '{' | '}' | ';' | ',' | '>' | ':' => {
                // No space before these; `:` keeps one before it (`a :hover` is a selector).
                if c == ':' && pending_space && needs_space(out.chars().last()) {
                    out.push(' ');
                }
                pending_space = false;
                // The last declaration needs no `;`.
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                // ...and none after them, except after `:` where a value or selector follows.
                while chars.peek().is_some_and(|d| d.is_whitespace()) {
                    chars.next();
                }
            }
            c => {
                if pending_space && needs_space(out.chars().last()) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out.trim().to_string()
}

/// Whether a space that separated `last` from what follows must stay.
fn needs_space(last: Option<char>) -> bool {
    !matches!(last, None | Some('{' | '}' | ';' | ',' | '>' | ':'))
}

#[cfg(test)]
mod minify_tests {
    use super::minify_css;

    #[test]
    fn css_loses_comments_and_spare_space_but_not_strings_or_selectors() {
        let css = "/* theme */\nbody {\n  margin: 0 auto;\n  font: 1rem/1.5 sans-serif;\n}\n\
                   a :hover, b > c { content: \" \\25B2  x\"; width: calc(100% - 2rem); }\n\
                   @media (max-width: 600px) { .x { color: {{ accent }}; } }\n";
        assert_eq!(
            minify_css(css),
            "body{margin:0 auto;font:1rem/1.5 sans-serif}a :hover,b>c{content:\" \\25B2  x\";width:calc(100% - 2rem)}@media (max-width:600px){.x{color:{{ accent }}}}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(input: &str) -> String {
        let mut out = Vec::new();
        escape_html(input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn teras(input: &str) -> String {
        let mut out = Vec::new();
        tera::escape_html(input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            ours(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(ours(""), "");
        assert_eq!(ours("&&"), "&amp;&amp;");
        assert_eq!(ours("åäö – ok"), "åäö – ok");
    }

    proptest! {
        // The pages must stay byte-identical to what Tera's own escaper wrote.
        #[test]
        fn writes_what_teras_escaper_writes(input in r#"[a-zäö&<>"' /\n–]{0,40}"#) {
            prop_assert_eq!(ours(&input), teras(&input));
        }
    }
}
