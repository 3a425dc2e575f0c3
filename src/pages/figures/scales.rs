//! A unit's answers in one period: factors EX beside CX, Likert bars, eNPS and NPS composition.

use super::*;
use crate::pages::points;

impl<'a> FigureMaker<'a> {
    /// A unit's six factors, EX beside CX, with the organisation's values as reference marks.
    pub fn mirror(&self, period: usize, unit: usize) -> Option<Figure> {
        let p = self.period(period);
        let result = &p.units[unit];
        let ex = result.ex.as_ref();
        let cx = result.cx.as_ref();
        if ex.is_none() && cx.is_none() {
            return None;
        }
        let org = &p.units[UnitTree::ROOT];
        let rows: Vec<charts::MirrorRow> = self
            .site
            .framework
            .factors
            .iter()
            .enumerate()
            .map(|(f, factor)| charts::MirrorRow {
                label: factor.name.get(self.language).to_string(),
                ex: ex.and_then(|e| e.factors[f]),
                cx: cx.and_then(|c| c.factors[f]),
                org_ex: if unit == UnitTree::ROOT {
                    None
                } else {
                    org.ex.as_ref().and_then(|e| e.factors[f])
                },
                org_cx: if unit == UnitTree::ROOT {
                    None
                } else {
                    org.cx.as_ref().and_then(|c| c.factors[f])
                },
            })
            .collect();
        let gaps: Vec<(String, f64, f64)> = rows
            .iter()
            .filter_map(|r| Some((r.label.clone(), r.ex?, r.cx?)))
            .collect();
        // The largest gap by the unrounded scores (a tie names the first factor in framework
        // order); its size as the chart's table shows them.
        let desc = match crate::format::first_largest(&gaps, |(_, ex, cx)| (ex - cx).abs()) {
            Some((label, ex, cx)) => self.tr(
                "largest_gap_sentence",
                &[
                    ("unit", self.unit_name(unit).into()),
                    ("factor", label.as_str().into()),
                    (
                        "gap",
                        Arg::from(
                            (crate::format::round_half_away(*ex, 0)
                                - crate::format::round_half_away(*cx, 0))
                            .abs(),
                        ),
                    ),
                    ("points", self.fmt.shown_change(*cx, *ex, 0).into()),
                ],
            ),
            None => format!("{}: {}", self.unit_name(unit), self.t("chart_mirror")),
        };
        let labels = charts::MirrorLabels {
            factor: self.t("factor"),
            ex: self.t("ex_side"),
            cx: self.t("cx_side"),
            org: self.t("organisation"),
            missing: self.t("hidden"),
        };
        let title = format!(
            "{} · {} · {}",
            self.t("chart_mirror"),
            self.unit_name(unit),
            self.tr.period(p.period)
        );
        Some(charts::render_mirror(
            &self.next_id("mirror"),
            &rows,
            &labels,
            self.fmt,
            &title,
            &desc,
        ))
    }

    /// Diverging Likert bars for one side of a unit, optionally one factor only.
    pub fn likert(
        &self,
        period: usize,
        unit: usize,
        side: Side,
        factor: Option<usize>,
    ) -> Option<Figure> {
        let p = self.period(period);
        let shares = match side {
            Side::Ex => &p.units[unit].ex.as_ref()?.items,
            Side::Cx => &p.units[unit].cx.as_ref()?.items,
        };
        let framework = &self.site.framework;
        let range = match factor {
            Some(f) => framework.factor_item_range(f, side),
            None => 0..framework.item_count(side),
        };
        let shown: Vec<(usize, &crate::stats::Shares)> = range
            .clone()
            .filter_map(|i| Some((i, shares[i].as_ref()?)))
            .collect();
        let rows: Vec<charts::LikertRow> = framework
            .items(side)
            .enumerate()
            .filter(|(i, _)| range.contains(i))
            .filter_map(|(i, item)| {
                let s = shares[i].as_ref()?;
                Some(charts::LikertRow {
                    label: item.text.get(self.language).to_string(),
                    unfavourable: s.unfavourable,
                    neutral: s.neutral,
                    favourable: s.favourable,
                    n: s.n,
                })
            })
            .collect();
        if rows.is_empty() {
            return None;
        }
        let best = rows
            .iter()
            .max_by(|a, b| a.favourable.total_cmp(&b.favourable))?;
        let worst = rows
            .iter()
            .min_by(|a, b| a.favourable.total_cmp(&b.favourable))?;
        let desc = self.tr(
            "likert_desc",
            &[
                ("best", best.label.as_str().into()),
                ("best_share", self.fmt.percent(best.favourable, 0).into()),
                ("worst", worst.label.as_str().into()),
                ("worst_share", self.fmt.percent(worst.favourable, 0).into()),
            ],
        );
        // The answers each band covers, when every question shown shares one scale: "Favourable
        // (4–5)", or with the scale's words "Favourable (4 = Agree, 5 = Strongly agree)". Mixed
        // scales: the bands alone (each question's scale is in the table).
        let items: Vec<&crate::framework::Item> = framework
            .items(side)
            .enumerate()
            .filter(|(i, _)| shown.iter().any(|(j, _)| j == i))
            .map(|(_, item)| item)
            .collect();
        let scales: Vec<crate::stats::Scale> = items.iter().map(|item| item.scale).collect();
        let common = scales
            .first()
            .copied()
            .filter(|first| scales.iter().all(|s| s == first));
        // Words only when every question shown is on the same named scale.
        let words = items
            .first()
            .map(|first| first.scale_id)
            .filter(|id| items.iter().all(|i| i.scale_id == *id))
            .and_then(|id| points::point_labels(framework, id, self.language, self.tr));
        let band = |name: &'static str, from: u8, to: u8| -> String {
            self.tr(
                "scale_band",
                &[
                    ("band", Arg::from(name)),
                    (
                        "answers",
                        Arg::from(points::band(self.tr, from, to, words.as_deref())),
                    ),
                ],
            )
        };
        let (unfavourable, neutral, favourable) = match common {
            Some(sc) => (
                band(self.t("unfavourable"), 1, sc.unfavourable_to),
                if sc.favourable_from > sc.unfavourable_to + 1 {
                    band(
                        self.t("neutral"),
                        sc.unfavourable_to + 1,
                        sc.favourable_from - 1,
                    )
                } else {
                    self.t("neutral").to_string()
                },
                band(self.t("favourable"), sc.favourable_from, sc.points),
            ),
            None => (
                self.t("unfavourable").to_string(),
                self.t("neutral").to_string(),
                self.t("favourable").to_string(),
            ),
        };
        let labels = charts::LikertLabels {
            item: self.t("item"),
            unfavourable: &unfavourable,
            neutral: &neutral,
            favourable: &favourable,
            n: "n",
        };
        let side_name = if side == Side::Ex {
            self.t("ex_side")
        } else {
            self.t("cx_side")
        };
        let scope = match factor {
            Some(f) => format!(
                "{} · {}",
                framework.factors[f].name.get(self.language),
                side_name
            ),
            None => side_name.to_string(),
        };
        let title = format!(
            "{} · {} · {} · {}",
            self.t("chart_likert"),
            scope,
            self.unit_name(unit),
            self.tr.period(p.period)
        );
        let mut figure = charts::render_likert(
            &self.next_id("likert"),
            &rows,
            &labels,
            self.fmt,
            &title,
            &desc,
        );
        // The data table also gives each question's mean answer and its favourable share's 95%
        // Wilson interval: the chart shows the estimate, the table how sure it is.
        // The mean names its scale: in the header when all questions share it, else per cell.
        figure.table.headers.push(match (common, &words) {
            (Some(sc), Some(w)) if w.len() == usize::from(sc.points) => self.tr(
                "mean_answer_on_labelled_scale",
                &[
                    ("points", Arg::from(u64::from(sc.points))),
                    ("low", points::point(self.tr, 1, w[0]).into()),
                    (
                        "high",
                        points::point(self.tr, w.len(), w[w.len() - 1]).into(),
                    ),
                ],
            ),
            (Some(sc), _) => self.tr(
                "mean_answer_on_scale",
                &[("points", Arg::from(u64::from(sc.points)))],
            ),
            (None, _) => self.t("mean_answer").to_string(),
        });
        figure
            .table
            .headers
            .push(format!("{} · {}", self.t("favourable"), self.t("interval")));
        for ((row, (_, s)), sc) in figure.table.rows.iter_mut().zip(&shown).zip(&scales) {
            let i = s.favourable_interval;
            row.push(match common {
                Some(_) => self.fmt.number(s.mean, 1),
                None => self.tr(
                    "mean_of_points",
                    &[
                        ("mean", self.fmt.number(s.mean, 1).into()),
                        ("points", Arg::from(u64::from(sc.points))),
                    ],
                ),
            });
            row.push(format!(
                "{}–{}",
                self.fmt.percent(i.low, 0),
                self.fmt.percent(i.high, 0)
            ));
        }
        Some(figure)
    }

    /// eNPS and NPS composition of a unit in a period.
    pub fn net(&self, period: usize, unit: usize) -> Option<Figure> {
        let p = self.period(period);
        let mut rows = Vec::new();
        if let Some(e) = p.units[unit].ex.as_ref().and_then(|e| e.enps.as_ref()) {
            rows.push((self.t("enps"), e));
        }
        if let Some(n) = p.units[unit].cx.as_ref().and_then(|c| c.nps.as_ref()) {
            rows.push((self.t("nps"), n));
        }
        if rows.is_empty() {
            return None;
        }
        let desc = rows
            .iter()
            .map(|(name, s)| format!("{name} {} (n = {})", self.fmt.signed(s.score, 0), s.n))
            .collect::<Vec<_>>()
            .join("; ")
            + ".";
        let rows: Vec<charts::NetRow> = rows
            .into_iter()
            .map(|(name, s)| charts::NetRow {
                label: name.to_string(),
                detractors: s.detractors,
                passives: s.passives,
                promoters: s.promoters,
                score: s.score,
                n: s.n,
            })
            .collect();
        let labels = charts::NetLabels {
            row: self.t("score"),
            detractors: self.t("detractors"),
            passives: self.t("passives"),
            promoters: self.t("promoters"),
            score: self.t("score"),
            n: "n",
        };
        let title = format!(
            "{} · {} · {}",
            self.t("chart_net"),
            self.unit_name(unit),
            self.tr.period(p.period)
        );
        Some(charts::render_net_composition(
            &self.next_id("net"),
            &rows,
            &labels,
            self.fmt,
            &title,
            &desc,
        ))
    }
}
