//! Control characters (U+0000–U+001F other than tab and line ends, U+007F–U+009F) are not text:
//! a NUL in a unit name or a title ends up in HTML pages, SVG and the Atom feed, where it is
//! invisible at best and makes the file ill-formed at worst. Every YAML file and every post is
//! refused when it holds one, written out in the file or made by a double-quoted escape (`"\0"`,
//! `"\x07"`, `"\u0085"`), naming the line and column.

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;

use super::yaml::yaml_options;

/// Whether `c` is refused: a control character other than tab, line feed and carriage return.
pub(super) fn is_refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// The first refused character in `text`: (line, column, char), both from 1.
pub(super) fn first_control_char(text: &str) -> Option<(u64, u64, char)> {
    let (offset, c) = text.char_indices().find(|&(_, c)| is_refused(c))?;
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    Some((line, column, c))
}

pub(super) fn control_char_message(c: char) -> String {
    format!(
        "the control character U+{:04X} is not text: remove it (it often comes from copying out of another program)",
        c as u32
    )
}

/// Refuses a YAML text (whose first line is line `line_offset + 1` of `path`) holding a control
/// character: written out anywhere in it, or made by an escape in a string value or key.
pub(super) fn check_yaml(path: &Path, text: &str, line_offset: u64) -> Result<(), Diagnostic> {
    if let Some((line, column, c)) = first_control_char(text) {
        return Err(Diagnostic::new(
            path,
            line + line_offset,
            column,
            control_char_message(c),
        ));
    }
    // Only a double-quoted escape can make one now, and every escape starts with a backslash:
    // files without one (nearly all) are not parsed a second time.
    if !text.contains('\\') {
        return Ok(());
    }
    // A file that does not parse is reported by the real parse, with its own message.
    let Ok(mut scan) = serde_saphyr::from_str_with_options::<Spanned<Scan>>(text, yaml_options())
    else {
        return Ok(());
    };
    match scan.value.0.take().map(|found| found.located(&scan)) {
        Some(Found {
            text: value,
            c,
            line,
            column,
        }) => {
            let shown: String = value.chars().take(40).collect();
            let more = if value.chars().count() > 40 {
                "…"
            } else {
                ""
            };
            Err(Diagnostic::new(
                path,
                line + line_offset,
                column,
                format!(
                    "the text {shown:?}{more} holds the control character U+{:04X} (made by an escape such as `\\0`, `\\x07` or `\\u0000`), and a control character is not text",
                    c as u32
                ),
            )
            .with_help("remove the escape (a tab `\\t` or a line break `\\n` is fine)"))
        }
        None => Ok(()),
    }
}

/// The first refused character in a string, with the string and, once its node's span is
/// known, where the string starts (line 0 until then).
struct Found {
    text: String,
    c: char,
    line: u64,
    column: u64,
}

impl Found {
    /// Puts a string found without a place at the place of the node that holds it.
    fn located<T>(self, node: &Spanned<T>) -> Found {
        if self.line != 0 {
            return self;
        }
        Found {
            line: node.defined.line(),
            column: node.defined.column(),
            ..self
        }
    }
}

/// Any YAML value, read only for the first string (value or key) holding a refused character.
struct Scan(Option<Found>);

impl<'de> Deserialize<'de> for Scan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScanVisitor)
    }
}

struct ScanVisitor;

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scan;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scan, E> {
        Ok(Scan(v.chars().find(|&c| is_refused(c)).map(|c| Found {
            text: v.to_string(),
            c,
            line: 0,
            column: 0,
        })))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scan, E> {
        self.visit_str(&v)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_none<E: de::Error>(self) -> Result<Scan, E> {
        Ok(Scan(None))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Scan, D::Error> {
        Scan::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scan, A::Error> {
        let mut found = None;
        while let Some(mut item) = seq.next_element::<Spanned<Scan>>()? {
            if found.is_none() {
                found = item.value.0.take().map(|f| f.located(&item));
            }
        }
        Ok(Scan(found))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scan, A::Error> {
        let mut found = None;
        while let Some(mut key) = map.next_key::<Spanned<Scan>>()? {
            let mut value = map.next_value::<Spanned<Scan>>()?;
            if found.is_none() {
                found = key
                    .value
                    .0
                    .take()
                    .map(|f| f.located(&key))
                    .or_else(|| value.value.0.take().map(|f| f.located(&value)));
            }
        }
        Ok(Scan(found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> Option<Diagnostic> {
        check_yaml(Path::new("units.yaml"), text, 0).err()
    }

    #[test]
    fn a_written_out_control_character_is_refused_at_its_place() {
        let d = refused("units:\n  - id: a\n    name: \"x\u{0}y\"\n").unwrap();
        assert_eq!((d.line, d.column), (3, 13));
        assert!(d.message.contains("U+0000"), "{}", d.message);
        // In a comment too: it is in the file, and nothing needs one.
        let d = refused("# bell \u{7}\nunits: []\n").unwrap();
        assert_eq!((d.line, d.column), (1, 8));
        assert!(d.message.contains("U+0007"));
        // Offset for front matter, which starts on line 2 of a post.
        let d = check_yaml(Path::new("p.md"), "title: \u{1b}\n", 1).unwrap_err();
        assert_eq!(d.line, 2);
    }

    #[test]
    fn escapes_that_make_control_characters_are_refused_at_the_string() {
        for (escape, code) in [
            ("\\0", "U+0000"),
            ("\\x07", "U+0007"),
            ("\\u0085", "U+0085"),
            ("\\U0000009F", "U+009F"),
            ("\\e", "U+001B"),
            ("\\N", "U+0085"),
        ] {
            let text = format!("title: ok\norganisation: \"Acme{escape} Oy\"\n");
            let d = refused(&text).unwrap_or_else(|| panic!("{escape} accepted"));
            assert_eq!((d.line, d.column), (2, 15), "{escape}");
            assert!(d.message.contains(code), "{escape}: {}", d.message);
            assert!(d.message.contains("\"Acme"), "{}", d.message);
        }
        // In a list item, a nested map and a key.
        let d = refused("a:\n  - b: 1\n  - c: \"\\0\"\n").unwrap();
        assert_eq!(d.line, 3);
        let d = refused("a:\n  \"k\\x01\": 1\n").unwrap();
        assert_eq!((d.line, d.column), (2, 3));
    }

    #[test]
    fn tabs_line_breaks_and_plain_backslashes_are_text() {
        assert!(refused("a: \"one\\ttwo\\nthree\\r\"\nb: 'x\\0y'\nc: C:\\temp\n").is_none());
        assert!(refused("a: \"\u{a0}non-breaking\\_space\"\n").is_none());
        // Not YAML: left to the real parse and its message.
        assert!(refused("a: \"\\0\n  b: [\n").is_none());
    }
}
