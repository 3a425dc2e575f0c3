//! The comments section of the organisation's and the units' pages: the open-text answers
//! `crate::comments::publish` allows for a unit in a period, or why there are none.

use super::*;

/// What templates/comments.html shows. Every text is escaped by the template.
#[derive(Serialize)]
pub(super) struct CommentsView {
    /// Why this unit shows no comments (the rule), instead of the questions.
    hidden: Option<String>,
    /// The rules the shown comments follow.
    note: String,
    questions: Vec<QuestionView>,
}

#[derive(Serialize)]
struct QuestionView {
    title: String,
    /// "12 comments" or "Nobody answered this question."
    count: String,
    comments: Vec<String>,
    /// "200 of the 340 comments are shown." when the list is cut.
    more: Option<String>,
}

impl Renderer<'_> {
    /// The comments of `unit` in period `p`; None when the site shows no comments or the period
    /// read no comment columns.
    pub(super) fn comments_view(&self, p: usize, unit: usize) -> Option<CommentsView> {
        let period = self.analysis.comments.get(p).filter(|c| c.asked)?;
        let config = &self.site.config;
        let n = Arg::from(
            config
                .comments
                .effective_threshold(config.anonymity_threshold),
        );
        let note = self.tr("comments_note", &[("n", n.clone())]);
        let Some(questions) = period.units.get(unit).and_then(Option::as_ref) else {
            let hidden = if unit == UnitTree::ROOT {
                self.tr("comments_hidden_org", &[("n", n)])
            } else {
                self.tr("comments_hidden", &[("n", n)])
            };
            return Some(CommentsView {
                hidden: Some(hidden),
                note,
                questions: Vec::new(),
            });
        };
        let questions = questions
            .iter()
            .map(|q| QuestionView {
                title: q.title.clone(),
                count: if q.total == 0 {
                    self.t("comments_none").to_string()
                } else {
                    self.tr("comments_count", &[("count", Arg::from(q.total))])
                },
                comments: q.comments.clone(),
                more: (q.comments.len() < q.total).then(|| {
                    self.tr(
                        "comments_more",
                        &[
                            ("shown", Arg::from(q.comments.len())),
                            ("total", Arg::from(q.total)),
                        ],
                    )
                }),
            })
            .collect();
        Some(CommentsView {
            hidden: None,
            note,
            questions,
        })
    }
}
