//! What a reader who knows the rules can say of hidden children's counts from the published
//! difference: the ranges of rule 3 and the tests on their sums.

/// What a reader who knows the rules can say of one hidden child's count: at least `fewest`,
/// at most `most` (None: no upper bound).
#[derive(Clone, Copy)]
pub(crate) struct Range {
    pub(crate) fewest: u64,
    pub(crate) most: Option<u64>,
}

/// The hidden children of one shown unit together: their count (which the reader can
/// subtract), the sums of their ranges, and how many of them have more than one possible count.
pub(crate) struct Sums {
    pub(crate) count: u64,
    pub(crate) fewest: u64,
    pub(crate) most: Option<u64>,
    pub(crate) loose: u64,
}

impl Sums {
    pub(crate) const NONE: Sums = Sums {
        count: 0,
        fewest: 0,
        most: Some(0),
        loose: 0,
    };

    pub(crate) fn add(&mut self, count: u64, range: Range) {
        self.count = self.count.saturating_add(count);
        self.fewest = self.fewest.saturating_add(range.fewest);
        self.most = self.most.zip(range.most).map(|(a, b)| a.saturating_add(b));
        self.loose += u64::from(range.most != Some(range.fewest));
    }

    /// Whether the published difference fixes every one of them: it is at the end of the
    /// summed range, or at most one of them could have more than one count.
    pub(crate) fn pinned(&self) -> bool {
        self.count <= self.fewest || self.most == Some(self.count) || self.loose < 2
    }
}

/// Rule 3's test on the hidden children of one shown unit: `hidden` respondents in `count`
/// hidden children with data. A complement is needed when the published totals would pin them:
/// their sum is below the threshold, or one hidden child would be the whole difference, or every one of them must be at the smallest (1) or
/// largest (`threshold − 1`) size a group below the threshold can have, or there are so many
/// that "together below the threshold" would leave them only one size each.
pub fn needs_complement(hidden: u64, count: u64, threshold: u64) -> bool {
    hidden > 0
        && (hidden < threshold
            || count == 1
            || hidden == count
            || hidden == count.saturating_mul(threshold - 1)
            || count + 1 >= threshold)
}

/// The fewest respondents a reader who knows the rules can give a hidden group of `responses`
/// with `teams` teams with data: 1 per team, and `threshold` when it has that many (it is hidden
/// to protect, or because all its teams are hidden, and a group of `threshold` or more is hidden
/// only for such a reason). Counting a group of `threshold` or more at `threshold` is safe even
/// when a reader cannot tell it from a small one: a reader's bound is never above this one.
pub fn lowest(responses: u64, teams: u64, threshold: u64) -> u64 {
    if responses >= threshold {
        teams.max(threshold)
    } else {
        teams
    }
}
