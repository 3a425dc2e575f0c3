//! YAML parsing shared by every file: the parser's budget, its messages in plainer words, and
//! small helpers for located values.

use std::collections::HashMap;
use std::path::Path;

use serde::de;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;

use super::MAX_FILE_BYTES;

/// serde-saphyr settings for every file: duplicate keys are errors, and the budget is explicit.
pub(super) fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    // Large real files (thousands of units × dozens of items) must load: raise the node and
    // event caps well above the defaults; depth and alias caps stay strict.
    budget.max_nodes = 20_000_000;
    budget.max_events = 40_000_000;
    budget.max_depth = 64;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES as usize;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options
}

/// Parses YAML text, turning a parser error into a diagnostic at its line and column.
/// `line_offset` is added to lines, for YAML embedded in a larger file (front matter).
pub(super) fn parse_yaml<T: de::DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: u64,
) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::whole_file(
            path,
            "the file is empty; see docs/format.md for what it should contain",
        ));
    }
    super::control::check_yaml(path, text, line_offset)?;
    serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let raw = e.without_snippet().to_string();
        let explained = explain(text, line, column, &raw);
        let line = if explained.line == 0 {
            0
        } else {
            explained.line + line_offset
        };
        let diagnostic = Diagnostic::new(path, line, explained.column, explained.message);
        match explained.help {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }
    })
}

/// A parser error restated: where the mistake really is, what the user did, how to fix it.
struct Explained {
    line: u64,
    column: u64,
    message: String,
    help: Option<String>,
}

/// What the parser's words mean for the text at hand. The common slips of people who do not
/// write YAML every day (a colon in a title, `tags: a, b`, a decimal comma, a CSV saved as
/// `.yaml`, a forgotten field, a tab) each get their own explanation.
fn explain(text: &str, line: u64, column: u64, raw: &str) -> Explained {
    let plain = |message: String| Explained {
        line,
        column,
        message,
        help: None,
    };
    let source_line = usize::try_from(line)
        .ok()
        .and_then(|l| l.checked_sub(1))
        .and_then(|l| text.lines().nth(l))
        .unwrap_or_default();
    let (key, value) = match source_line.split_once(':') {
        Some((k, v)) => (k.trim().trim_start_matches("- "), v.trim()),
        None => ("", ""),
    };

    if raw.contains("tab")
        && let Some(tab) = first_tab_indent(text, line)
    {
        return Explained {
            line: tab.0,
            column: tab.1,
            message: "this line is indented with a tab; YAML indents with spaces only".into(),
            help: Some(
                "replace the tab with spaces (two per level, like the lines around it)".into(),
            ),
        };
    }
    if raw.starts_with("mapping values are not allowed") {
        let quoted = format!("{key}: \"{}\"", value.replace('"', "\\\""));
        return Explained {
            line,
            column,
            message: format!(
                "the value of `{key}` contains `: `, which YAML reads as the start of another key"
            ),
            help: Some(format!("put the value in quotes: `{quoted}`")),
        };
    }
    if raw.starts_with("expected sequence start") {
        let items: Vec<&str> = value
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        return Explained {
            line,
            column,
            message: format!("`{key}` takes a list, found `{value}`"),
            help: Some(format!(
                "write the list in square brackets: `{key}: [{}]`",
                items.join(", ")
            )),
        };
    }
    if raw.starts_with("expected mapping start") && line <= 1 && looks_like_csv(text) {
        return Explained {
            line: 1,
            column: 1,
            message: "this looks like a CSV export (values separated by commas or semicolons), not YAML".into(),
            help: Some("kolikko reads survey results as YAML: see docs/format.md for the layout, and copy the numbers into it".into()),
        };
    }
    if let Some(field) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return missing_field(text, line, field);
    }
    let mut message = friendly_yaml_message(raw);
    if message.starts_with("expected a") || raw.starts_with("invalid") {
        // A Finnish or Swedish decimal comma: `15,5`.
        let written = value.split('#').next().unwrap_or_default().trim();
        if let Some((whole, part)) = written.split_once(',')
            && !whole.is_empty()
            && !part.is_empty()
            && whole
                .bytes()
                .chain(part.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return Explained {
                line,
                column,
                message: format!("`{written}` uses a decimal comma; YAML numbers use a point"),
                help: Some(format!("write `{key}: {whole}.{part}`")),
            };
        }
        // "expected a number" is more useful with what was there instead.
        if let Some(found) = scalar_at(text, line, column) {
            message = format!("{message}, found `{found}`");
        }
    }
    if let Some(rest) = message.strip_prefix("unknown key `")
        && let Some((unknown, expected)) = rest.split_once("`, expected one of: ")
    {
        let keys = expected.split(", ").map(|k| k.trim_matches('`'));
        let hint = crate::suggest::did_you_mean(unknown, keys);
        return Explained {
            line,
            column,
            message: format!("unknown key `{unknown}`: {hint}the keys here are {expected}"),
            help: None,
        };
    }
    plain(message)
}

/// Line and column of the first tab in a line's indentation, from `line` on. The parser notices
/// a tab only when it reads the next token, which may be on the line before (so it would blame
/// the wrong line): the tab itself is the place to show.
fn first_tab_indent(text: &str, line: u64) -> Option<(u64, u64)> {
    let from = usize::try_from(line).ok()?.saturating_sub(1);
    text.lines()
        .enumerate()
        .skip(from)
        .take(3)
        .find_map(|(i, l)| {
            let indent = &l[..l.len() - l.trim_start().len()];
            indent
                .find('\t')
                .map(|c| (i as u64 + 1, indent[..c].chars().count() as u64 + 1))
        })
}

/// A spreadsheet export: the first line has two or more separators and no `key:`.
fn looks_like_csv(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    let separators = first.matches([',', ';', '\t']).count();
    separators >= 2 && !first.contains(": ") && !first.trim_end().ends_with(':')
}

/// What each required field is, and an example line, for "missing field" messages.
const FIELDS: &[(&str, &str, &str)] = &[
    (
        "invited",
        "the number of people asked to answer",
        "invited: 12",
    ),
    (
        "responses",
        "the number of people who answered",
        "responses: 10",
    ),
    (
        "period",
        "the survey period this file holds",
        "period: 2026-Q3",
    ),
    (
        "title",
        "the title readers see",
        "title: \"People and customers\"",
    ),
    (
        "organisation",
        "the organisation's name, shown on every page",
        "organisation: \"Example Oy\"",
    ),
    ("date", "the post's date", "date: 2026-08-14"),
    (
        "units",
        "the list of teams and the groups they belong to",
        "units:",
    ),
    (
        "id",
        "a short id in lower-case letters; it becomes part of page addresses",
        "id: north",
    ),
    ("name", "the name readers see", "name: \"North region\""),
    (
        "text",
        "the question as it was asked",
        "text: \"I can manage my workload\"",
    ),
    (
        "counts",
        "the answer counts, one per answer option",
        "counts: [0, 1, 3, 4, 2]",
    ),
    (
        "points",
        "how many answer options the scale has",
        "points: 7",
    ),
    (
        "favourable_from",
        "the lowest answer that counts as favourable",
        "favourable_from: 6",
    ),
    (
        "unfavourable_to",
        "the highest answer that counts as unfavourable",
        "unfavourable_to: 2",
    ),
    (
        "en",
        "the English text (the other languages fall back to it)",
        "en: \"...\"",
    ),
];

/// `missing field `invited``: name the mapping that lacks it, say what the field is, and show
/// the line to add and where.
fn missing_field(text: &str, line: u64, field: &str) -> Explained {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let meaningful = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let at = usize::try_from(line).unwrap_or(0).saturating_sub(1);
    // The parser points into the mapping (often at its last key); its owner is the nearest line
    // above that is indented less.
    let child_indent = lines
        .get(at)
        .filter(|l| meaningful(l))
        .map_or(0, |l| indent(l));
    let owner = (0..at.min(lines.len()))
        .rev()
        .find(|&i| meaningful(lines[i]) && indent(lines[i]) < child_indent);
    let (what, example) = FIELDS.iter().find(|(name, ..)| *name == field).map_or(
        ("a required field", format!("{field}: ...")),
        |(_, what, example)| (*what, example.to_string()),
    );
    match owner {
        Some(i) => {
            let owner_key = lines[i]
                .trim()
                .trim_start_matches("- ")
                .trim_end_matches(':')
                .split(':')
                .next()
                .unwrap_or_default()
                .to_string();
            Explained {
                line: i as u64 + 1,
                column: indent(lines[i]) as u64 + 1,
                message: format!("`{owner_key}` has no `{field}` ({what})"),
                help: Some(format!(
                    "add a line `{example}` under `{owner_key}`, indented like its other keys ({} spaces)",
                    child_indent
                )),
            }
        }
        None => Explained {
            line: 1,
            column: 1,
            message: format!("`{field}` is missing ({what})"),
            help: Some(format!("add a line `{example}` at the top of the file")),
        },
    }
}

/// The plain YAML value starting at a 1-based line and column, as written.
pub(super) fn scalar_at(text: &str, line: u64, column: u64) -> Option<String> {
    let line = text
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let rest: String = line
        .chars()
        .skip(usize::try_from(column).ok()?.checked_sub(1)?)
        .collect();
    let value = rest.split([',', ']', '}', '#']).next()?.trim();
    (!value.is_empty() && value.chars().count() <= 40).then(|| value.to_string())
}

/// serde-saphyr's messages, minus the location (we print our own) and in plainer words.
pub(super) fn friendly_yaml_message(message: &str) -> String {
    // Our own location comes first in the diagnostic; drop the parser's location clauses.
    let cut = [" (defined at", " (used at", " at line "]
        .iter()
        .filter_map(|m| message.find(m))
        .min();
    let message = &message[..cut.unwrap_or(message.len())];
    if let Some(breach) = message.strip_prefix("budget breached: ") {
        return budget_message(breach);
    }

    match message {
        "invalid u64" | "invalid u32" => "expected a whole number, 0 or more".to_string(),
        "invalid f64" | "invalid floating point" => "expected a number".to_string(),
        "invalid bool" => "expected true or false".to_string(),
        m if m.starts_with("duplicate mapping key: ") => {
            let key = m["duplicate mapping key: ".len()..]
                .split(',')
                .next()
                .unwrap_or_default();
            format!("duplicate key `{key}`: each key may appear only once here")
        }
        m if m.starts_with("unknown field") => m
            .replacen("unknown field", "unknown key", 1)
            .replacen("expected one of", "expected one of:", 1),
        m => m.to_string(),
    }
}

/// The parser's safety limits (see `yaml_options`) in words a person can act on.
pub(super) fn budget_message(breach: &str) -> String {
    let kind = breach.split([' ', '{']).next().unwrap_or_default();
    let what = match kind {
        "Depth" => "the YAML is nested more than 64 levels deep",
        "Aliases"
        | "Anchors"
        | "AliasAnchorRatio"
        | "RecordedAnchorEvents"
        | "RecordedAnchorBytes" => {
            "the YAML repeats anchors and aliases (`&name`, `*name`) far more than a survey file needs; write the values out instead"
        }
        "Nodes" | "Events" => {
            "the file has more YAML values than kolikko reads from one file (20 million)"
        }
        "ScalarBytes" | "InputBytes" => {
            "the file holds more text than kolikko reads from one file (64 MiB)"
        }
        "Documents" => "the file has too many YAML documents (`---`); a file holds one",
        _ => "the YAML exceeds one of kolikko's safety limits (see docs/limits.md)",
    };
    what.to_string()
}

pub(super) fn at<T>(path: &Path, spanned: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        path,
        spanned.referenced.line(),
        spanned.referenced.column(),
        message,
    )
}

/// Map entries in source order (serde gives a HashMap; errors should come in reading order).
pub(super) fn in_source_order<V, S>(
    map: HashMap<Spanned<String>, V, S>,
) -> Vec<(Spanned<String>, V)> {
    let mut entries: Vec<_> = map.into_iter().collect();
    entries.sort_by_key(|(k, _)| (k.referenced.line(), k.referenced.column()));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friendly_messages() {
        assert_eq!(
            friendly_yaml_message(
                "duplicate mapping key: period, set DuplicateKeyPolicy in Options if acceptable at line 4, column 5"
            ),
            "duplicate key `period`: each key may appear only once here"
        );
        assert_eq!(
            friendly_yaml_message("invalid u64 at line 3, column 8"),
            "expected a whole number, 0 or more"
        );
    }
}
