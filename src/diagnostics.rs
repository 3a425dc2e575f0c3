//! Errors a person can act on: each names the file, line and column and says what was expected.
//! Loading collects every problem of a run before stopping, so one build shows them all.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error stops the build; a warning is input that was accepted but is probably wrong.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// One problem in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: u64,
    pub column: u64,
    /// What is wrong, in the user's terms.
    pub message: String,
    /// How to fix it, when that is not already in `message`.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(file: &Path, line: u64, column: u64, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    /// Accepted, but probably not what the user meant.
    pub fn warning(file: &Path, line: u64, column: u64, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::new(file, line, column, message)
        }
    }

    /// Adds how to fix it, printed on its own line after the source snippet.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The problem as a compiler would show it: the `file:line:column: error:` line (which
    /// terminals and editors link to the place), the source line with a caret under the spot,
    /// and the help. `styled` adds colour (for a terminal only).
    pub fn render(&self, source: Option<&str>, styled: bool) -> String {
        let mut out = self.headline(styled);
        let snippet = source.and_then(|text| self.snippet(text, styled));
        match (snippet, &self.help) {
            (Some(snippet), _) => {
                out.push('\n');
                out.push_str(&snippet);
            }
            (None, Some(help)) => {
                out.push_str("\n  = help: ");
                out.push_str(help);
            }
            (None, None) => {}
        }
        out
    }

    fn headline(&self, styled: bool) -> String {
        let error = match (self.severity, styled) {
            (Severity::Error, true) => "\x1b[1;31merror\x1b[0m",
            (Severity::Error, false) => "error",
            (Severity::Warning, true) => "\x1b[1;33mwarning\x1b[0m",
            (Severity::Warning, false) => "warning",
        };
        if self.line == 0 {
            format!("{}: {error}: {}", self.file.display(), self.message)
        } else {
            format!(
                "{}:{}:{}: {error}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )
        }
    }

    /// The source line with a caret under the word at the column, and the help under it.
    fn snippet(&self, text: &str, styled: bool) -> Option<String> {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let line_index = usize::try_from(self.line).ok()?.checked_sub(1)?;
        let line = text.lines().nth(line_index)?;
        let start = line
            .char_indices()
            .nth(usize::try_from(self.column).ok()?.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        // Underline the word at the spot (a key without its colon), at least one character.
        // In a CSV export a cell ends at its separator, not at a space.
        let csv = self
            .file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"));
        let word = line[start..]
            .split(|c: char| c.is_whitespace() || (csv && matches!(c, ',' | ';' | '\t')))
            .next()
            .unwrap_or_default()
            // Not the punctuation after it: `invted:`, `harbor")`, `1e30,`.
            .trim_end_matches([':', '"', ')', ',', ']', '}']);
        let end = if word.is_empty() {
            line[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8())
        } else {
            start + word.len()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level).element(
            Snippet::source(line)
                .line_start(line_index + 1)
                .annotation(AnnotationKind::Primary.span(start..end.max(start))),
        );
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Some(renderer.render(&[group]).to_string())
    }

    /// A problem with the file as a whole (missing, unreadable, too large).
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        Self::new(file, 0, 0, message)
    }
}

/// The short form: the `file:line:column: error:` line, and the help on the next line.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(None, false))
    }
}

/// Everything wrong with one run, in the order found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `Ok(value)` when nothing went wrong, otherwise all the problems.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl Diagnostics {
    /// Every problem with its source snippet (each file read once), then the count.
    pub fn render(&self, styled: bool) -> String {
        let mut sources: std::collections::HashMap<&Path, Option<String>> = Default::default();
        let mut out = String::new();
        for diagnostic in &self.0 {
            let source = if diagnostic.line == 0 {
                &None
            } else {
                sources
                    .entry(diagnostic.file.as_path())
                    .or_insert_with(|| read_source(&diagnostic.file))
            };
            out.push_str(&diagnostic.render(source.as_deref(), styled));
            out.push_str("\n\n");
        }
        out.push_str(&self.count());
        out
    }
}

impl Diagnostics {
    /// "2 errors", "1 warning", "2 errors and 1 warning".
    pub fn count(&self) -> String {
        let warnings = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        let errors = self.0.len() - warnings;
        let words = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        match (errors, warnings) {
            (_, 0) => words(errors, "error"),
            (0, _) => words(warnings, "warning"),
            _ => format!(
                "{} and {}",
                words(errors, "error"),
                words(warnings, "warning")
            ),
        }
    }
}

/// The text to show a snippet from: only a regular file of sensible size (never a FIFO or a
/// device, which could block, nor a huge file).
fn read_source(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > 64 * 1024 * 1024 {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        f.write_str(&self.count())
    }
}

impl std::error::Error for Diagnostics {}
