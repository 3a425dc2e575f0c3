//! Open-text comments: which may be published, in what order, and with what masked.
//!
//! Comments are read from the comment columns of EX exports (`comments:` in a mapping) and are
//! dropped on load unless the site turns them on (`comments: { show: true }` in `kolikko.yaml`).
//! When on, [`publish`] decides, period by period, which units' comments may be shown:
//!
//! - only units whose EX results are shown and that have at least the comment threshold of
//!   respondents in exports with comment columns (default 10, never below the anonymity
//!   threshold);
//! - never for a background group: a comment in the "10+ years" cell of a small team names its
//!   writer;
//! - a unit's comments are those of every team below it, hidden teams included (they roll up);
//!   so that no set of comments of fewer people can be told apart by comparing two pages, a unit
//!   is shown only if it leaves its nearest shown unit above with 0 or at least the threshold of
//!   respondents in no shown unit below it (see [`shown_units`]);
//! - in an order fixed by the site, the period, the unit and the text (not the export's order,
//!   which is the order people answered in);
//! - with e-mail addresses, phone numbers and the site's list of names masked, and each comment
//!   cut at [`MAX_COMMENT_CHARS`].

use std::collections::HashSet;

use crate::aggregate::PeriodAnalysis;
use crate::model::{Site, UnitTree};

/// What masked text is replaced with. A symbol, not a word, so that it needs no translation.
pub const MASK: &str = "[…]";

/// The comment threshold used when the site sets none.
pub const DEFAULT_COMMENT_THRESHOLD: u64 = 10;

/// A longer comment is cut here (in characters) and ends in "…": a page is for reading, and a
/// long text is more likely to tell its writer's story.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// At most this many comments per question on one page (the first in the published order); the
/// page says how many there are in all.
pub const MAX_SHOWN_PER_QUESTION: usize = 200;

/// The site's comment settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentSettings {
    /// Comments are published only when this is true.
    pub enabled: bool,
    /// The site's comment threshold; `None` for [`DEFAULT_COMMENT_THRESHOLD`]. Loading refuses a
    /// value below the anonymity threshold.
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

/// The comments of one question shown on one page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownQuestion {
    /// The question as the mapping or the export's header names it.
    pub title: String,
    /// At most [`MAX_SHOWN_PER_QUESTION`], masked, in the published order.
    pub comments: Vec<String>,
    /// How many non-blank comments the unit has for this question in all.
    pub total: usize,
}

/// One period's published comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodShown {
    /// The period read comment columns (and comments are on): pages may say why a unit shows none.
    pub asked: bool,
    /// Indexed by unit: `Some` for a unit whose comments are shown (every question, possibly
    /// without comments), `None` otherwise.
    pub units: Vec<Option<Vec<ShownQuestion>>>,
}

/// Every period's published comments, in the order of `Site::periods`.
pub fn publish(site: &Site, periods: &[PeriodAnalysis]) -> Vec<PeriodShown> {
    let settings = &site.config.comments;
    let masker = Masker::new(&settings.names);
    let threshold = settings.effective_threshold(site.config.anonymity_threshold);
    site.periods
        .iter()
        .zip(periods)
        .map(|(survey, analysis)| match &survey.comments {
            Some(raw) if settings.enabled => {
                publish_period(site, analysis, raw, &masker, threshold)
            }
            _ => PeriodShown::default(),
        })
        .collect()
}

fn publish_period(
    site: &Site,
    analysis: &PeriodAnalysis,
    raw: &crate::model::PeriodComments,
    masker: &Masker,
    threshold: u64,
) -> PeriodShown {
    let units = &site.units;
    let n = units.len();
    // A `report_with:` team's respondents and comments are the unit's it is reported with, as
    // its EX answers are (see src/aggregate/).
    let owner = |u: usize| units.units[u].report_with.unwrap_or(u);
    let mut own_respondents = vec![0u64; n];
    let mut own: Vec<Vec<Vec<String>>> = vec![Vec::new(); n];
    for u in 0..n.min(raw.respondents.len()) {
        own_respondents[owner(u)] += raw.respondents[u];
    }
    for (u, questions) in raw.texts.iter().enumerate().take(n) {
        if questions.iter().all(Vec::is_empty) {
            continue;
        }
        let target = &mut own[owner(u)];
        target.resize(raw.questions.len(), Vec::new());
        for (q, texts) in questions.iter().enumerate() {
            target[q].extend(texts.iter().filter_map(|t| masker.clean(t)));
        }
    }
    let mut respondents = own_respondents;
    for u in (1..n).rev() {
        if let Some(parent) = units.units[u].parent {
            respondents[parent] += respondents[u];
        }
    }
    let candidates: Vec<bool> = (0..n)
        .map(|u| analysis.units[u].ex_visibility.is_shown() && respondents[u] >= threshold)
        .collect();
    let shown = shown_units(units, &respondents, &candidates, threshold);
    let seed = format!(
        "{}\u{0}{}\u{0}{}",
        site.config.organisation, site.config.title, analysis.period
    );
    let shown_units = (0..n)
        .map(|u| {
            shown[u].then(|| {
                let unit_seed = format!("{seed}\u{0}{}", units.units[u].id);
                let subtree = units.subtree(u);
                (0..raw.questions.len())
                    .map(|q| {
                        let pool: Vec<&String> = subtree
                            .iter()
                            .filter_map(|&v| own[v].get(q))
                            .flatten()
                            .collect();
                        let total = pool.len();
                        let mut comments = in_order(&unit_seed, pool);
                        comments.truncate(MAX_SHOWN_PER_QUESTION);
                        ShownQuestion {
                            title: raw.questions[q].clone(),
                            comments,
                            total,
                        }
                    })
                    .collect()
            })
        })
        .collect();
    PeriodShown {
        asked: true,
        units: shown_units,
    }
}

/// Which candidate units may show their comments, decided from the organisation down (the index
/// order of the tree is pre-order, so a unit's parent is decided before it).
///
/// A unit's comments are all of its subtree's, so two nested shown units A ⊃ B give the comments
/// of A's respondents outside B by comparing the pages. With the shown units nested like the
/// tree, every set of comments a reader can single out by such comparisons is made of *rests*:
/// a shown unit's respondents outside its shown units below. A candidate is therefore shown only
/// if its nearest shown unit above keeps a rest of 0 or at least `threshold` respondents; the
/// rest of the unit itself starts as all its respondents and shrinks only by sub-units that keep
/// it at 0 or at least `threshold`. Preferring the unit above keeps the organisation's and the
/// large units' comments; a unit left out is still part of theirs. O(units).
pub fn shown_units(
    units: &UnitTree,
    respondents: &[u64],
    candidates: &[bool],
    threshold: u64,
) -> Vec<bool> {
    let n = units.len();
    let mut shown = vec![false; n];
    let mut rest = vec![0u64; n];
    let mut nearest: Vec<Option<usize>> = vec![None; n];
    for u in 0..n {
        let above = units.units[u]
            .parent
            .and_then(|p| if shown[p] { Some(p) } else { nearest[p] });
        if candidates[u] {
            let fits = match above {
                None => true,
                Some(a) => {
                    let left = rest[a].saturating_sub(respondents[u]);
                    left == 0 || left >= threshold
                }
            };
            if fits {
                shown[u] = true;
                rest[u] = respondents[u];
                if let Some(a) = above {
                    rest[a] = rest[a].saturating_sub(respondents[u]);
                }
            }
        }
        nearest[u] = if shown[u] { Some(u) } else { above };
    }
    shown
}

/// The comments in the published order: by a hash of the seed (site, period, unit) and the
/// text (FNV-1a, then [`fmix64`]), then the text. The order is the same on every build and at any thread count, and says
/// nothing about who answered when; the seed makes each unit's order its own, so the rank of a
/// comment on one page does not carry over to another.
fn in_order(seed: &str, comments: Vec<&String>) -> Vec<String> {
    let start = fnv1a_from(0xcbf2_9ce4_8422_2325, seed.as_bytes());
    let start = fnv1a_from(start, &[0xff]);
    let mut keyed: Vec<(u64, &String)> = comments
        .into_iter()
        .map(|c| (fmix64(fnv1a_from(start, c.as_bytes())), c))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, c)| c.clone()).collect()
}

/// MurmurHash3's 64-bit finaliser: FNV-1a alone changes little but the low bits when only the
/// last characters differ ("… 10", "… 11"), which would leave such texts in a visible pattern.
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// 64-bit FNV-1a: a fixed, portable hash (the standard library's may change between releases).
#[cfg(test)]
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(0xcbf2_9ce4_8422_2325, bytes)
}

fn fnv1a_from(start: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(start, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The site's names, ready to match: each lower-cased, with a Finnish "-nen" name's inflected
/// stem beside it ("virtanen", "virtas"). A word is looked up by its prefixes, so the cost per
/// word does not grow with the length of the list.
pub struct Masker {
    names: HashSet<String>,
    /// The longest entry, in characters: no longer prefix needs looking up.
    longest: usize,
}

impl Masker {
    pub fn new(names: &[String]) -> Self {
        let mut set = HashSet::new();
        for name in names.iter().map(|n| n.trim().to_lowercase()) {
            // A Finnish -nen name changes its stem in most cases (Virtanen, Virtasen, Virtaselle).
            if let Some(stem) = name.strip_suffix("nen")
                && !stem.is_empty()
            {
                set.insert(format!("{stem}s"));
            }
            if !name.is_empty() {
                set.insert(name);
            }
        }
        let longest = set.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        Masker {
            names: set,
            longest,
        }
    }

    fn is_name(&self, lower_word: &str) -> bool {
        lower_word
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(lower_word.len()))
            .take(self.longest)
            .any(|end| self.names.contains(&lower_word[..end]))
    }

    /// A comment as published: whitespace runs (line breaks too) as one space, masked, cut at
    /// [`MAX_COMMENT_CHARS`]; `None` when blank.
    pub fn clean(&self, text: &str) -> Option<String> {
        let spaced = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if spaced.is_empty() {
            return None;
        }
        let masked = mask_phone_numbers(&self.mask_words(&spaced));
        if masked.chars().count() > MAX_COMMENT_CHARS {
            let mut cut: String = masked.chars().take(MAX_COMMENT_CHARS).collect();
            cut.push('…');
            Some(cut)
        } else {
            Some(masked)
        }
    }

    fn mask_words(&self, text: &str) -> String {
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
            let is_email = core.split_once('@').is_some_and(|(user, host)| {
                user.chars().last().is_some_and(char::is_alphanumeric)
                    && host.chars().next().is_some_and(char::is_alphanumeric)
            });
            let is_name = !core.is_empty() && self.is_name(&core.to_lowercase());
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
    let masker = Masker::new(names);
    mask_phone_numbers(&masker.mask_words(text))
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
    use crate::model::Unit;

    fn texts(c: &[&str]) -> Vec<String> {
        c.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_comment_threshold_defaults_to_ten_and_never_drops_below_anonymity() {
        let on = CommentSettings {
            enabled: true,
            ..CommentSettings::default()
        };
        assert_eq!(on.effective_threshold(5), 10);
        assert_eq!(on.effective_threshold(12), 12);
        let low = CommentSettings {
            threshold: Some(3),
            ..on.clone()
        };
        assert_eq!(low.effective_threshold(5), 5);
        let high = CommentSettings {
            threshold: Some(20),
            ..on
        };
        assert_eq!(high.effective_threshold(5), 20);
    }

    #[test]
    fn the_order_depends_on_the_seed_and_the_texts_not_on_when_they_came() {
        let a = texts(&["eka", "toka", "kolmas", "neljäs"]);
        let mut b = a.clone();
        b.reverse();
        let shown = in_order("s", a.iter().collect());
        assert_eq!(shown, in_order("s", b.iter().collect()));
        // By hand: FNV-1a over "s", 0xff, then the text; sorted by that hash.
        let mut by_hash = a.clone();
        by_hash.sort_by_key(|t| fmix64(fnv1a(&[b"s".as_slice(), &[0xff], t.as_bytes()].concat())));
        assert_eq!(shown, by_hash);
        // Another seed (another unit or period) orders the same texts its own way.
        let seeds: Vec<Vec<String>> = ["s", "t", "u", "v", "w"]
            .iter()
            .map(|s| in_order(s, a.iter().collect()))
            .collect();
        assert!(seeds.iter().any(|o| *o != shown));
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/): "" and "a".
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        // MurmurHash3 fmix64, worked out in Python with the constants of the reference
        // implementation (smhasher MurmurHash3.cpp).
        assert_eq!(fmix64(1), 0xb456_bcfc_34c2_cb2c);
        assert_eq!(fmix64(0xcbf2_9ce4_8422_2325), 0xefd0_1f60_ba99_2926);
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
        // A name is a prefix of the word, not any part of it.
        assert_eq!(mask("Joanna", &["Anna".to_string()]), "Joanna");
    }

    #[test]
    fn a_comment_is_spaced_masked_and_cut() {
        let masker = Masker::new(&["Liisa".to_string()]);
        assert_eq!(masker.clean("  \n "), None);
        assert_eq!(
            masker.clean("Liisa\r\non\t hyvä").as_deref(),
            Some("[…] on hyvä")
        );
        let long = "a".repeat(MAX_COMMENT_CHARS + 5);
        let cut = masker.clean(&long).unwrap();
        assert_eq!(cut.chars().count(), MAX_COMMENT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(
            masker
                .clean(&"ä".repeat(MAX_COMMENT_CHARS))
                .unwrap()
                .chars()
                .count(),
            MAX_COMMENT_CHARS
        );
    }

    /// A tree from parent indices (pre-order: each parent before its children).
    fn tree(parents: &[Option<usize>]) -> UnitTree {
        let mut units: Vec<Unit> = parents
            .iter()
            .enumerate()
            .map(|(i, &parent)| Unit {
                id: format!("u{i}"),
                name: format!("u{i}"),
                supervisor: None,
                parent,
                children: Vec::new(),
                depth: 0,
                report_with: None,
            })
            .collect();
        for i in 1..units.len() {
            let p = parents[i].unwrap();
            units[p].children.push(i);
            units[i].depth = units[p].depth + 1;
        }
        UnitTree::new(units)
    }

    #[test]
    fn a_unit_is_shown_only_if_the_rest_above_it_stays_zero_or_large() {
        // org(0) ⊃ a(1), b(2), c(3): a 12, b 15, c 4 respondents; threshold 10.
        let t = tree(&[None, Some(0), Some(0), Some(0)]);
        let respondents = [31, 12, 15, 4];
        let candidates = [true, true, true, false];
        // The organisation first; a leaves 19 outside; b would leave 4 (c alone): not shown.
        assert_eq!(
            shown_units(&t, &respondents, &candidates, 10),
            [true, true, false, false]
        );
        // Without c, b leaves 0: both teams shown, and the organisation's comments are theirs.
        let respondents = [27, 12, 15, 0];
        assert_eq!(
            shown_units(&t, &respondents, &candidates, 10),
            [true, true, true, false]
        );
        // A unit that is no candidate (hidden, or too small) is skipped, and its sub-units are
        // measured against the nearest shown unit above.
        let t = tree(&[None, Some(0), Some(1), Some(1), Some(0)]);
        let respondents = [40, 25, 12, 13, 15];
        let candidates = [true, false, true, true, true];
        assert_eq!(
            shown_units(&t, &respondents, &candidates, 10),
            [true, false, true, true, true]
        );
    }

    /// Every rest a reader can single out by comparing shown units (a shown unit minus its
    /// shown units below) is 0 or at least the threshold, on random trees.
    #[test]
    fn no_rest_between_shown_units_is_small() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = (2usize..14).prop_flat_map(|n| {
            (
                (1..n).map(|i| 0..i).collect::<Vec<_>>(),
                prop::collection::vec(0u64..14, n),
                prop::collection::vec(prop::bool::weighted(0.8), n),
                5u64..12,
            )
        });
        runner
            .run(&strategy, |(parents, own, candidate, threshold)| {
                // Parent indices below each unit's own index keep the pre-order property only
                // after sorting into a pre-order; build children lists and relabel.
                let n = own.len();
                let mut children = vec![Vec::new(); n];
                for (i, &p) in parents.iter().enumerate() {
                    children[p].push(i + 1);
                }
                let mut order = Vec::new();
                let mut stack = vec![0];
                while let Some(u) = stack.pop() {
                    order.push(u);
                    stack.extend(children[u].iter().rev());
                }
                let mut new_index = vec![0; n];
                for (k, &u) in order.iter().enumerate() {
                    new_index[u] = k;
                }
                let mut new_parents = vec![None; n];
                let mut new_own = vec![0; n];
                let mut new_candidate = vec![false; n];
                for u in 0..n {
                    if u > 0 {
                        new_parents[new_index[u]] = Some(new_index[parents[u - 1]]);
                    }
                    new_own[new_index[u]] = own[u];
                    new_candidate[new_index[u]] = candidate[u];
                }
                let t = tree(&new_parents);
                let mut respondents = new_own.clone();
                for u in (1..n).rev() {
                    respondents[new_parents[u].unwrap()] += respondents[u];
                }
                let candidates: Vec<bool> = (0..n)
                    .map(|u| new_candidate[u] && respondents[u] >= threshold)
                    .collect();
                let shown = shown_units(&t, &respondents, &candidates, threshold);
                for u in 0..n {
                    prop_assert!(!shown[u] || candidates[u]);
                    if !shown[u] {
                        continue;
                    }
                    // u's rest: its respondents outside its maximal shown units below.
                    let mut covered = 0;
                    let mut stack: Vec<usize> = t.units[u].children.clone();
                    while let Some(v) = stack.pop() {
                        if shown[v] {
                            covered += respondents[v];
                        } else {
                            stack.extend(t.units[v].children.iter().copied());
                        }
                    }
                    let rest = respondents[u] - covered;
                    prop_assert!(rest == 0 || rest >= threshold, "unit {u}: rest {rest}");
                }
                Ok(())
            })
            .unwrap();
    }
}
