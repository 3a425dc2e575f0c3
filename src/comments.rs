//! Open-text comments: which may be published, in what order, and with what masked.
//!
//! Comments are off unless the site turns them on. When on, a group's comments are published
//! only when the group has at least the comment threshold of respondents (default 10, never below
//! the anonymity threshold), only for units (never for a background group: a comment in the
//! "10+ years" cell of a small team names its writer), in an order that depends on the text alone
//! (the export's order is the order people answered in), and with e-mail addresses, phone numbers
//! and the site's list of names masked.
//!
//! Nothing here reads a file: the mapping and `kolikko.yaml` keys that feed it are not in yet
//! (see docs/limits.md), so no comment reaches the output today.

/// What masked text is replaced with. A symbol, not a word, so that it needs no translation.
pub const MASK: &str = "[…]";

/// The comment threshold used when the site sets none.
pub const DEFAULT_COMMENT_THRESHOLD: u64 = 10;

/// The site's comment settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentSettings {
    /// Comments are published only when this is true.
    pub enabled: bool,
    /// The site's comment threshold; `None` for [`DEFAULT_COMMENT_THRESHOLD`].
    pub threshold: Option<u64>,
    /// Names to mask (people's first and last names), matched case-insensitively at the start
    /// of a word (see [`mask`]).
    pub names: Vec<String>,
}

impl CommentSettings {
    /// The threshold in force: the site's (or the default), raised to the anonymity threshold.
    pub fn effective_threshold(&self, anonymity_threshold: u64) -> u64 {
        self.threshold
            .unwrap_or(DEFAULT_COMMENT_THRESHOLD)
            .max(anonymity_threshold)
    }
}

/// The comments of one unit that may be published: `None` when comments are off or the unit has
/// fewer respondents than the threshold in force; otherwise the non-empty comments, masked, in an
/// order fixed by their text.
pub fn publishable(
    settings: &CommentSettings,
    anonymity_threshold: u64,
    respondents: u64,
    comments: &[String],
) -> Option<Vec<String>> {
    if !settings.enabled || respondents < settings.effective_threshold(anonymity_threshold) {
        return None;
    }
    let mut out: Vec<(u64, String)> = comments
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(|c| {
            let masked = mask(c, &settings.names);
            (fnv1a(masked.as_bytes()), masked)
        })
        .collect();
    // Sorting by a hash of the text (then the text) gives an order that is the same on every
    // build and says nothing about who answered when.
    out.sort();
    Some(out.into_iter().map(|(_, c)| c).collect())
}

/// 64-bit FNV-1a: a fixed, portable hash (the standard library's may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The text with e-mail addresses, phone numbers and the given names replaced by [`MASK`].
///
/// - An e-mail address is a word (split at whitespace, with surrounding punctuation set aside)
///   containing `@` with a letter or digit on both sides.
/// - A phone number is a run of digits, spaces, `-`, `(`, `)` and `/`, optionally after `+`,
///   holding at least 7 digits ("040 123 4567", "+358 40 1234567", "(09) 310 1234").
/// - A name matches at the start of a word, case-insensitively; a name ending in "-nen" also
///   matches its inflected stem ("Virtanen": "Virtasen", "Virtaselle").
pub fn mask(text: &str, names: &[String]) -> String {
    let words = mask_words(text, names);
    mask_phone_numbers(&words)
}

fn mask_words(text: &str, names: &[String]) -> String {
    let mut stems: Vec<String> = Vec::new();
    for name in names.iter().map(|n| n.trim().to_lowercase()) {
        // A Finnish -nen name changes its stem in most cases (Virtanen, Virtasen, Virtaselle).
        if let Some(stem) = name.strip_suffix("nen")
            && !stem.is_empty()
        {
            stems.push(format!("{stem}s"));
        }
        if !name.is_empty() {
            stems.push(name);
        }
    }
    let names = stems;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Copy whitespace as it is, then handle one word.
        let ws = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        let core_start = word.find(char::is_alphanumeric).unwrap_or(word.len());
        let core_end = word.rfind(char::is_alphanumeric).map_or(core_start, |i| {
            i + word[i..].chars().next().map_or(0, char::len_utf8)
        });
        let (lead, core, trail) = (
            &word[..core_start],
            &word[core_start..core_end.max(core_start)],
            &word[core_end.max(core_start)..],
        );
        let lower = core.to_lowercase();
        let is_email = core.split_once('@').is_some_and(|(user, host)| {
            user.chars().last().is_some_and(char::is_alphanumeric)
                && host.chars().next().is_some_and(char::is_alphanumeric)
        });
        let is_name = names.iter().any(|n| lower.starts_with(n.as_str()));
        if is_email || is_name {
            out.push_str(lead);
            out.push_str(MASK);
            out.push_str(trail);
        } else {
            out.push_str(word);
        }
    }
    out
}

fn mask_phone_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let part = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '/');
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            || (chars[i] == '(' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if starts && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let mut j = i + 1;
            while j < chars.len() && part(chars[j]) {
                j += 1;
            }
            // Do not swallow trailing separators.
            while j > i + 1 && !chars[j - 1].is_ascii_digit() {
                j -= 1;
            }
            let digits = chars[i..j].iter().filter(|c| c.is_ascii_digit()).count();
            let glued = chars.get(j).is_some_and(|c| c.is_alphanumeric());
            if digits >= 7 && !glued {
                out.push_str(MASK);
                i = j;
                continue;
            }
            out.extend(&chars[i..j]);
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(names: &[&str]) -> CommentSettings {
        CommentSettings {
            enabled: true,
            threshold: None,
            names: names.iter().map(|n| n.to_string()).collect(),
        }
    }

    fn texts(c: &[&str]) -> Vec<String> {
        c.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn comments_are_off_unless_turned_on() {
        let comments = texts(&["Hyvä työpaikka"]);
        assert_eq!(
            publishable(&CommentSettings::default(), 5, 100, &comments),
            None
        );
        assert_eq!(
            publishable(&on(&[]), 5, 100, &comments),
            Some(comments.clone())
        );
    }

    #[test]
    fn the_comment_threshold_defaults_to_ten_and_never_drops_below_anonymity() {
        let comments = texts(&["a"]);
        assert_eq!(publishable(&on(&[]), 5, 9, &comments), None);
        assert!(publishable(&on(&[]), 5, 10, &comments).is_some());
        let low = CommentSettings {
            threshold: Some(3),
            ..on(&[])
        };
        assert_eq!(low.effective_threshold(5), 5);
        assert_eq!(publishable(&low, 5, 4, &comments), None);
        assert!(publishable(&low, 5, 5, &comments).is_some());
        let high = CommentSettings {
            threshold: Some(20),
            ..on(&[])
        };
        assert_eq!(publishable(&high, 5, 19, &comments), None);
    }

    #[test]
    fn the_order_depends_on_the_texts_not_on_when_they_came() {
        let a = texts(&["eka", "toka", "kolmas", "neljäs", "", "  "]);
        let mut b = a.clone();
        b.reverse();
        let shown = publishable(&on(&[]), 5, 10, &a).unwrap();
        assert_eq!(shown, publishable(&on(&[]), 5, 10, &b).unwrap());
        assert_eq!(shown.len(), 4, "blank comments are dropped");
        // FNV-1a of the texts, worked out by hand with Python:
        // sorted(["eka","toka","kolmas","neljäs"], key=fnv1a_64) — see the fnv test below.
        let mut by_hash = texts(&["eka", "toka", "kolmas", "neljäs"]);
        by_hash.sort_by_key(|t| fnv1a(t.as_bytes()));
        assert_eq!(shown, by_hash);
        assert_ne!(shown, texts(&["eka", "toka", "kolmas", "neljäs"]));
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/): "" and "a".
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn emails_phone_numbers_and_names_are_masked() {
        let names = ["Anna", "Virtanen"];
        assert_eq!(
            mask(
                "Kiitos Annalle ja Virtasen tiimille! (anna.virtanen@example.fi)",
                &names.map(String::from)
            ),
            // "Virtasen": a -nen name is matched by its inflected stem "virtas" too.
            "Kiitos […] ja […] tiimille! ([…])"
        );
        assert_eq!(
            mask("Soita 040 123 4567 tai +358 40 1234567.", &[]),
            "Soita […] tai […]."
        );
        assert_eq!(mask("Ring (09) 310 1234, tack", &[]), "Ring […], tack");
        // Years, percentages and short numbers stay.
        assert_eq!(
            mask("Vuonna 2025 noin 30 % ja 12-15 henkeä", &[]),
            "Vuonna 2025 noin 30 % ja 12-15 henkeä"
        );
        assert_eq!(mask("Matti", &["matti".to_string()]), "[…]");
        // Consonant gradation is not followed: "Matti" → "Matille" needs its own list entry.
        assert_eq!(mask("Matille", &["Matti".to_string()]), "Matille");
        assert_eq!(
            mask("Matille", &["Matti".to_string(), "Mati".to_string()]),
            "[…]"
        );
        assert_eq!(mask("ei @ tässä", &[]), "ei @ tässä");
    }
}
