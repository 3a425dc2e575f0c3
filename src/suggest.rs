//! "Did you mean …?": the known name nearest to a mistyped one, for error messages.

/// The candidate nearest to `word` if it is a plausible typo of it: a difference of case only, or
/// at most two edits (more for long names: a quarter of their length).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            // A case slip (`2026-q1`) is the likeliest typo of all.
            let distance = if c.to_lowercase() == lower {
                0
            } else {
                strsim::damerau_levenshtein(&lower, &c.to_lowercase()) + 1
            };
            (distance, c)
        })
        .filter(|&(d, c)| d <= 1 + 2.max(c.chars().count() / 4))
        .min()
        .map(|(_, c)| c)
}

/// `"did you mean `x`? "` when there is a near candidate, else nothing; for the start of a hint.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_suggested_and_far_ones_are_not() {
        let keys = [
            "invited",
            "responses",
            "headcount",
            "leavers",
            "enps",
            "items",
        ];
        assert_eq!(closest("invted", keys), Some("invited"));
        assert_eq!(closest("respones", keys), Some("responses"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("2026-q1", ["2026-Q1", "2026-Q2"]), Some("2026-Q1"));
        assert_eq!(
            closest("welbeing", ["wellbeing", "workload"]),
            Some("wellbeing")
        );
        assert_eq!(
            did_you_mean("harbor", ["harbour"]),
            "did you mean `harbour`? "
        );
        assert_eq!(did_you_mean("x", ["harbour"]), "");
    }
}
