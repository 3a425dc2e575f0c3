//! A fast reader for survey files written in the plain layout every generator and export writes:
//! block mappings indented with spaces, flow lists of whole numbers, `{ counts: [...], na: n }`,
//! plain scalars and `#` comments.
//!
//! serde-saphyr reads about 4 MB/s on one core, most of it in building events and source spans
//! that only an error message needs. This reader gives up (`None`) on anything outside the plain
//! layout (quotes, anchors, tags, multi-line flow lists, tabs, unknown or repeated keys, numbers
//! not written as plain digits, responses-file keys), and the caller then reads the file with
//! serde-saphyr as before. Its values carry no source location, so the caller also falls back
//! whenever the checks report anything: every message still comes from the located parse.

use serde_saphyr::{Location, Spanned};

use super::survey::{KeyMap, RawAnswers, RawCx, RawEx, RawSurvey};
use crate::model::Answers;

/// At most this many values from one file; far more than a real file and below the located
/// parser's node budget (see `yaml::yaml_options`), so whatever that budget refuses, this refuses
/// too.
const MAX_VALUES: usize = 10_000_000;

/// One meaningful line: its indentation, key, and the value after `key:` (empty for a block).
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    key: &'a str,
    value: &'a str,
}

/// The survey in `text`, or `None` when it is not in the plain layout.
pub(super) fn read(text: &str) -> Option<RawSurvey> {
    // Control characters are refused by the located read, at their place (`control.rs`). An
    // ASCII file (every generated one) is checked byte by byte, without decoding characters.
    let control = if text.is_ascii() {
        text.bytes()
            .any(|b| b.is_ascii_control() && b != b'\n' && b != b'\r')
    } else {
        text.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r')
    };
    if control {
        return None;
    }
    let lines = lines(text)?;
    let mut reader = Reader {
        lines: &lines,
        at: 0,
        values: 0,
    };
    let mut period = None;
    let mut ex = None;
    let mut cx = None;
    while let Some(&line) = reader.peek() {
        if line.indent != 0 {
            return None;
        }
        reader.at += 1;
        match line.key {
            "period" if period.is_none() => {
                let value = line.value;
                let plain = !value.is_empty()
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && value.bytes().any(|b| b.is_ascii_alphabetic() || b == b'-')
                    && !value.starts_with('-');
                if !plain {
                    return None;
                }
                period = Some(spanned(value.to_string()));
            }
            "ex" if ex.is_none() && line.value.is_empty() => {
                ex = Some(reader.block(0, Reader::ex)?);
            }
            "cx" if cx.is_none() && line.value.is_empty() => {
                cx = Some(reader.block(0, Reader::cx)?);
            }
            _ => return None,
        }
    }
    Some(RawSurvey {
        period: period?,
        ex: ex.unwrap_or_default(),
        cx: cx.unwrap_or_default(),
        ex_responses: None,
        cx_responses: None,
    })
}

fn spanned<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// The file's meaningful lines (comments and blank lines left out), or `None` at the first line
/// outside the plain layout.
fn lines(text: &str) -> Option<Vec<Line<'_>>> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let content = raw.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = raw.len() - content.len();
        // A comment starts at a `#` after a space; any other `#` is outside the layout.
        // Byte searches: `#` and `:` are ASCII, so a byte position is a character boundary.
        let content = match content.bytes().position(|b| b == b'#') {
            Some(hash) if content.as_bytes()[hash - 1] == b' ' => &content[..hash],
            Some(_) => return None,
            None => content,
        }
        .trim_end_matches(' ');
        let colon = content.bytes().position(|b| b == b':')?;
        let (key, value) = (&content[..colon], &content[colon + 1..]);
        let value = match value.strip_prefix(' ') {
            Some(v) => v.trim_start_matches(' '),
            None if value.is_empty() => value,
            None => return None,
        };
        if !plain_key(key) || !value.bytes().all(plain_value_byte) {
            return None;
        }
        out.push(Line { indent, key, value });
    }
    Some(out)
}

/// A key the located parser would read as the same string: a letter, then letters, digits, `_`
/// and `-`, and not a word YAML gives another meaning.
fn plain_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !matches!(
            key.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

/// What a value may contain: plain words and numbers, flow lists and maps of them.
fn plain_value_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b' ' | b',' | b'[' | b']' | b'{' | b'}' | b':' | b'.' | b'-' | b'_'
        )
}

struct Reader<'a, 'b> {
    lines: &'b [Line<'a>],
    at: usize,
    values: usize,
}

impl<'a> Reader<'a, '_> {
    fn peek(&self) -> Option<&Line<'a>> {
        self.lines.get(self.at)
    }

    fn count(&mut self, n: usize) -> Option<()> {
        self.values += n;
        (self.values <= MAX_VALUES).then_some(())
    }

    /// The block mapping under a key at `parent` indentation: every entry at one deeper
    /// indentation, each read by `entry` (which starts after the entry's own line), repeated keys
    /// refused.
    fn block<T>(
        &mut self,
        parent: usize,
        mut entry: impl FnMut(&mut Self, &Line<'a>) -> Option<T>,
    ) -> Option<KeyMap<T>> {
        // Sized for its entries up front (a count of lines), so it never grows and rehashes.
        let entries = self.lines[self.at..]
            .iter()
            .take_while(|l| l.indent > parent)
            .filter(|l| self.peek().is_some_and(|first| l.indent == first.indent))
            .count();
        let mut map = KeyMap::with_capacity_and_hasher(entries, Default::default());
        self.fields(parent, |r, line| {
            let value = entry(r, line)?;
            map.insert(spanned(line.key.to_string()), value)
                .is_none()
                .then_some(())
        })?;
        Some(map)
    }

    /// One team's EX results.
    fn ex(&mut self, team: &Line<'a>) -> Option<RawEx> {
        if !team.value.is_empty() {
            return None;
        }
        let (mut invited, mut responses, mut headcount, mut leavers, mut enps, mut items) =
            (None, None, None, None, None, None);
        self.fields(team.indent, |r, line| {
            match line.key {
                "invited" if invited.is_none() => invited = Some(spanned(whole(line.value)?)),
                "responses" if responses.is_none() => responses = Some(spanned(whole(line.value)?)),
                "headcount" if headcount.is_none() => {
                    headcount = Some(spanned(decimal(line.value)?))
                }
                "leavers" if leavers.is_none() => leavers = Some(spanned(whole(line.value)?)),
                "enps" if enps.is_none() => enps = Some(spanned(r.answers(line.value)?)),
                "items" if items.is_none() && line.value.is_empty() => {
                    items = Some(r.items(line.indent)?)
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(RawEx {
            invited: invited?,
            responses: responses?,
            headcount,
            leavers,
            enps,
            items: items.unwrap_or_default(),
        })
    }

    /// One team's CX results.
    fn cx(&mut self, team: &Line<'a>) -> Option<RawCx> {
        if !team.value.is_empty() {
            return None;
        }
        let (mut responses, mut nps, mut items) = (None, None, None);
        self.fields(team.indent, |r, line| {
            match line.key {
                "responses" if responses.is_none() => responses = Some(spanned(whole(line.value)?)),
                "nps" if nps.is_none() => nps = Some(spanned(r.answers(line.value)?)),
                "items" if items.is_none() && line.value.is_empty() => {
                    items = Some(r.items(line.indent)?)
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(RawCx {
            responses: responses?,
            nps,
            items: items.unwrap_or_default(),
        })
    }

    /// The fields of a mapping under a line at `parent` indentation, each handled by `field`.
    fn fields(
        &mut self,
        parent: usize,
        mut field: impl FnMut(&mut Self, &Line<'a>) -> Option<()>,
    ) -> Option<()> {
        let indent = self.peek().map(|l| l.indent).filter(|&i| i > parent)?;
        while let Some(line) = self.peek() {
            if line.indent <= parent {
                break;
            }
            if line.indent != indent {
                return None;
            }
            let line = *line;
            self.at += 1;
            self.count(1)?;
            field(self, &line)?;
        }
        Some(())
    }

    /// `items:`: item id → answers, each on one line.
    fn items(&mut self, parent: usize) -> Option<KeyMap<Spanned<RawAnswers>>> {
        self.block(parent, |r, line| Some(spanned(r.answers(line.value)?)))
    }

    /// `[0, 1, 2]` or `{ counts: [0, 1, 2], na: 3 }` (either key order, `na` optional).
    fn answers(&mut self, value: &str) -> Option<RawAnswers> {
        if value.starts_with('[') {
            let counts = list(value)?;
            self.count(counts.len())?;
            return Some(RawAnswers(Answers { counts, na: 0 }));
        }
        let inner = value
            .strip_prefix('{')?
            .strip_suffix('}')?
            .trim_matches(' ');
        let (mut counts, mut na) = (None, None);
        let mut rest = inner;
        while !rest.is_empty() {
            let (key, after) = rest.split_once(':')?;
            let after = after.strip_prefix(' ')?.trim_start_matches(' ');
            match key.trim_matches(' ') {
                "counts" if counts.is_none() => {
                    let end = after.find(']')? + 1;
                    counts = Some(list(&after[..end])?);
                    rest = &after[end..];
                }
                "na" if na.is_none() => {
                    let end = after.find(',').unwrap_or(after.len());
                    na = Some(whole(after[..end].trim_end_matches(' '))?);
                    rest = &after[end..];
                }
                _ => return None,
            }
            rest = rest.trim_start_matches(' ');
            if let Some(next) = rest.strip_prefix(',') {
                rest = next.trim_start_matches(' ');
                if rest.is_empty() {
                    return None;
                }
            } else if !rest.is_empty() {
                return None;
            }
        }
        let counts = counts?;
        self.count(counts.len() + 1)?;
        Some(RawAnswers(Answers {
            counts,
            na: na.unwrap_or(0),
        }))
    }
}

/// `[0, 1, 2]`: whole numbers only, the list closed on its line.
fn list(value: &str) -> Option<Vec<u64>> {
    let inner = value
        .strip_prefix('[')?
        .strip_suffix(']')?
        .trim_matches(' ');
    if inner.is_empty() {
        return Some(Vec::new());
    }
    // Exactly as long as the list: these vectors are kept for the whole build.
    let mut counts = Vec::with_capacity(inner.bytes().filter(|&b| b == b',').count() + 1);
    // One pass over the bytes, accepting what `whole` accepts between commas (spaces around
    // each number): the lists are most of a survey file, and splitting and trimming each number
    // cost more than reading it.
    let mut bytes = inner.bytes().peekable();
    loop {
        while bytes.next_if_eq(&b' ').is_some() {}
        let (mut number, mut digits, mut leading_zero) = (0u64, 0usize, false);
        while let Some(b) = bytes.next_if(u8::is_ascii_digit) {
            leading_zero |= digits == 0 && b == b'0';
            number = number.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            digits += 1;
        }
        if digits == 0 || (leading_zero && digits > 1) {
            return None;
        }
        counts.push(number);
        while bytes.next_if_eq(&b' ').is_some() {}
        match bytes.next() {
            None => return Some(counts),
            Some(b',') => {}
            Some(_) => return None,
        }
    }
}

/// A whole number written as plain digits without a leading zero (`0` itself is fine), so that
/// no YAML rule (octal, hex, `_` separators, signs) could read it otherwise.
fn whole(value: &str) -> Option<u64> {
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    if !digits || (value.len() > 1 && value.starts_with('0')) {
        return None;
    }
    value.parse().ok()
}

/// `12` or `12.5`: digits with at most one point between digits.
fn decimal(value: &str) -> Option<f64> {
    let (whole_part, fraction) = value.split_once('.').unwrap_or((value, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole_part)
        || !digits(fraction)
        || (whole_part.len() > 1 && whole_part.starts_with('0'))
    {
        return None;
    }
    value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_plain_layout() {
        let text = "# comment\nperiod: 2026-Q1\nex:\n  t1:\n    invited: 12\n    responses: 10 # ten\n    headcount: 11.5\n    enps: [0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5]\n    items:\n      ex_a: [1, 2, 3, 4, 0]\n      ex_b: { counts: [1, 2, 3, 3, 0], na: 1 }\n\ncx:\n  t1:\n    responses: 40\n    items:\n      cx_a: {na: 2, counts: [10, 8, 10, 5, 5]}\n";
        let raw = read(text).expect("plain layout");
        assert_eq!(raw.period.value, "2026-Q1");
        let t1 = &raw.ex[&spanned("t1".to_string())];
        assert_eq!(t1.invited.value, 12);
        assert_eq!(t1.responses.value, 10);
        assert_eq!(t1.headcount.as_ref().map(|h| h.value), Some(11.5));
        assert!(t1.leavers.is_none());
        let b = &t1.items[&spanned("ex_b".to_string())].value.0;
        assert_eq!((b.counts.clone(), b.na), (vec![1, 2, 3, 3, 0], 1));
        let c = &raw.cx[&spanned("t1".to_string())];
        let a = &c.items[&spanned("cx_a".to_string())].value.0;
        assert_eq!((a.counts.clone(), a.na), (vec![10, 8, 10, 5, 5], 2));
    }

    #[test]
    fn gives_up_outside_the_plain_layout() {
        let ok = "period: 2026-Q1\nex:\n  t1:\n    invited: 12\n    responses: 10\n";
        assert!(read(ok).is_some());
        for (what, text) in [
            ("quoted", ok.replace("2026-Q1", "\"2026-Q1\"")),
            ("tab", ok.replace("    invited", "\tinvited")),
            ("leading zero", ok.replace("12", "012")),
            ("sign", ok.replace("12", "+12")),
            ("separator", ok.replace("12", "1_2")),
            ("repeated key", format!("{ok}    invited: 3\n")),
            (
                "repeated team",
                format!("{ok}  t1:\n    invited: 1\n    responses: 1\n"),
            ),
            ("unknown key", format!("{ok}    seniority: 3\n")),
            (
                "uneven indent",
                ok.replace("    responses", "     responses"),
            ),
            ("missing field", ok.replace("    responses: 10\n", "")),
            ("anchor", ok.replace("t1:", "t1: &a")),
            ("responses file", format!("{ok}ex_responses: a.csv\n")),
            ("hash in value", ok.replace("12", "12#")),
            (
                "list over lines",
                format!("{ok}    enps: [0, 1,\n      2]\n"),
            ),
            ("null key", ok.replace("t1:", "null:")),
            ("no period", ok.replace("period: 2026-Q1\n", "")),
            ("number period", ok.replace("2026-Q1", "2026")),
        ] {
            assert!(read(&text).is_none(), "{what}: {text}");
        }
    }

    /// The one-pass list reader takes exactly what splitting at commas and reading each trimmed
    /// piece with `whole` takes.
    #[test]
    fn list_takes_what_whole_takes_between_commas() {
        let by_pieces = |value: &str| -> Option<Vec<u64>> {
            let inner = value
                .strip_prefix('[')?
                .strip_suffix(']')?
                .trim_matches(' ');
            if inner.is_empty() {
                return Some(Vec::new());
            }
            inner
                .split(',')
                .map(|n| whole(n.trim_matches(' ')))
                .collect()
        };
        for value in [
            "[]",
            "[ ]",
            "[0]",
            "[0, 1, 2]",
            "[ 3 ,4,  5 ]",
            "[00]",
            "[01, 2]",
            "[1,,2]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1.5]",
            "[-1]",
            "[18446744073709551615]",
            "[18446744073709551616]",
            "[99999999999999999999]",
            "[1, a]",
            "[1]]",
            "1, 2",
            "[10, 200, 3000, 0]",
        ] {
            assert_eq!(list(value), by_pieces(value), "{value}");
        }
    }

    /// The fast read and the located read give the same results for every survey file of the
    /// example site, and for the same files rewritten in the other forms the fast reader takes.
    #[test]
    fn agrees_with_the_located_parse() {
        use crate::diagnostics::Diagnostics;
        use crate::load::reader::SiteReader;
        use crate::load::survey::{parse_survey, parse_survey_located};
        use std::path::Path;

        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::load::load_site(root).expect("the example site loads");
        let reader = SiteReader {
            root: root.to_path_buf(),
        };
        let files = std::fs::read_dir(root.join("content/surveys")).unwrap();
        let mut compared = 0;
        for entry in files {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            // The same file with trailing comments, the `na` map's keys swapped and wider indents.
            let variant: String = text
                .lines()
                .map(|line| {
                    let content = line.trim_start_matches(' ');
                    let indent = " ".repeat(2 * (line.len() - content.len()));
                    let comment = if content.ends_with(|c: char| c.is_ascii_digit()) {
                        "  # a comment"
                    } else {
                        ""
                    };
                    format!(
                        "{indent}{}{comment}\n",
                        content.replace("{ counts: ", "{counts: ")
                    )
                })
                .collect();
            for text in [text.as_str(), variant.as_str()] {
                assert!(
                    read(text).is_some(),
                    "{} is in the plain layout",
                    path.display()
                );
                let run = |fast: bool| {
                    let (mut files, mut warnings) = (Vec::new(), Vec::new());
                    let mut diagnostics = Diagnostics::default();
                    let mut gather = (&reader, &mut files, &mut warnings);
                    let parse = if fast {
                        parse_survey
                    } else {
                        parse_survey_located
                    };
                    let (period, survey) = parse(
                        &path,
                        text,
                        &site.framework,
                        &site.units,
                        &mut gather,
                        &mut diagnostics,
                    );
                    assert!(diagnostics.is_empty(), "{}", path.display());
                    let survey = survey.expect("valid");
                    (period, survey.ex, survey.cx)
                };
                assert_eq!(run(true), run(false), "{}", path.display());
                compared += 1;
            }
        }
        assert!(compared >= 4);
    }
}
