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
    serde_saphyr::from_str_with_options(text, yaml_options()).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let mut message = friendly_yaml_message(&e.without_snippet().to_string());
        // "expected a number" is more useful with what was there instead.
        if message.starts_with("expected a")
            && let Some(found) = scalar_at(text, line, column)
        {
            message = format!("{message}, found `{found}`");
        }
        if text.lines().any(|l| l.starts_with('\t')) && message.contains("tab") {
            message = "a tab is used for indentation; YAML indents with spaces only".to_string();
        }
        let line = if line == 0 { 0 } else { line + line_offset };
        Diagnostic::new(path, line, column, message)
    })
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
        "invalid f64" => "expected a number".to_string(),
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
pub(super) fn in_source_order<V>(map: HashMap<Spanned<String>, V>) -> Vec<(Spanned<String>, V)> {
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
