//! The parts several pages share: the key-figure tiles of a unit in a period, the notes on
//! what is hidden, and the rows of the unit tables.

use super::*;

impl Renderer<'_> {
    /// Notes for the hidden groups among `units` in one period, and for measures withheld from
    /// shown groups (questions, eNPS or turnover with too few answers here or beside).
    pub(super) fn hidden_notes(
        &self,
        period: &PeriodAnalysis,
        units: impl Iterator<Item = usize>,
    ) -> Vec<String> {
        units
            .filter_map(|u| {
                let result = &period.units[u];
                let unit = Arg::from(self.unit_name(u));
                let period_name = Arg::from(self.period_name(period.period));
                match &result.ex {
                    None => Some(self.tr(
                        "hidden_group",
                        &[
                            ("unit", unit),
                            ("period", period_name),
                            ("reason", self.hidden_reason(result.ex_visibility)?.into()),
                        ],
                    )),
                    Some(e) if e.withheld != aggregate::Withheld::default() => {
                        let mut parts = Vec::new();
                        if e.withheld.items > 0 {
                            parts.push(self.tr(
                                "withheld_questions",
                                &[("count", Arg::from(e.withheld.items))],
                            ));
                        }
                        if e.withheld.enps {
                            parts.push(self.t("enps").to_string());
                        }
                        if e.withheld.turnover {
                            parts.push(self.t("turnover").to_lowercase());
                        }
                        let count = e.withheld.items as u64
                            + u64::from(e.withheld.enps)
                            + u64::from(e.withheld.turnover);
                        Some(self.tr(
                            "withheld_note",
                            &[
                                ("unit", unit),
                                ("period", period_name),
                                ("measures", self.tr.list(&parts).into()),
                                ("count", Arg::from(count)),
                            ],
                        ))
                    }
                    Some(_) => None,
                }
            })
            .collect()
    }

    /// KPI tiles of one unit in one period, with the change against the previous period.
    pub(super) fn tiles(&self, figures: &FigureMaker, p: usize, unit: usize) -> Vec<Tile> {
        let mut tiles = self.period_tiles(figures, p, unit);
        if unit != UnitTree::ROOT {
            for (tile, compare) in tiles
                .iter_mut()
                .zip(self.compare_with_organisation(p, unit))
            {
                tile.compare = compare;
            }
        }
        tiles
    }

    /// EX index, CX index, eNPS and NPS of a unit against the rest of the organisation, in tile
    /// order: the difference shown is the one tested, unit minus rest.
    pub(super) fn compare_with_organisation(&self, p: usize, unit: usize) -> [Option<String>; 4] {
        self.analysis.periods[p].comparisons[unit].vs_rest.map(|c| {
            c.map(|c| {
                self.tr(
                    if c.clear {
                        "vs_rest_clear"
                    } else {
                        "vs_rest_within_noise"
                    },
                    &[("difference", self.fmt.signed(c.change.difference, 0).into())],
                )
            })
        })
    }

    pub(super) fn period_tiles(&self, figures: &FigureMaker, p: usize, unit: usize) -> Vec<Tile> {
        let periods = &self.analysis.periods;
        let current = &periods[p].units[unit];
        let prev_label = p
            .checked_sub(1)
            .map(|q| self.period_name(periods[q].period));
        let fmt = self.fmt;
        let change_view = |change: Option<aggregate::Comparison>,
                           decimals: usize|
         -> (Option<String>, &'static str, Option<String>) {
            match change {
                None => (None, "flat", None),
                Some(c) => {
                    let class = if !c.clear {
                        "flat"
                    } else if c.change.difference > 0.0 {
                        "up"
                    } else {
                        "down"
                    };
                    let note = self.tr(
                        if c.clear {
                            "vs_previous_clear"
                        } else {
                            "vs_previous_within_noise"
                        },
                        &[("period", prev_label.clone().unwrap_or_default().into())],
                    );
                    (
                        Some(fmt.shown_change(c.change.before, c.change.after, decimals)),
                        class,
                        Some(note),
                    )
                }
            }
        };
        let verdicts = &periods[p].comparisons[unit].vs_previous;
        let series = |f: &dyn Fn(&aggregate::UnitResult) -> Option<f64>| -> Vec<Option<f64>> {
            periods[..=p].iter().map(|q| f(&q.units[unit])).collect()
        };
        let mut tiles = Vec::new();
        // "Hidden" only when there is something to hide; a group nobody answered has no data.
        let hidden_value = || match current.ex_visibility {
            Visibility::NoData => self.t("no_data").to_string(),
            _ => self.t("hidden").to_string(),
        };
        // A `report_with:` team's EX answers are in the unit it is reported with.
        let ex_hidden_note = match self.site.units.units[unit].report_with {
            Some(with) => Some(self.tr("reported_with", &[("unit", self.unit_name(with).into())])),
            None => self.hidden_reason(current.ex_visibility),
        };

        // EX and CX index: the same tile, each from its own survey.
        let ex = current.ex.as_ref();
        let cx = current.cx.as_ref();
        let ex_of = |r: &aggregate::UnitResult| r.ex.as_ref().map(|e| (e.index, e.responses));
        let cx_of = |r: &aggregate::UnitResult| r.cx.as_ref().map(|c| (c.index, c.responses));
        for (key, side, of, missing, note) in [
            (
                "ex_index",
                "ex",
                &ex_of as &dyn Fn(&aggregate::UnitResult) -> Option<(Option<f64>, u64)>,
                hidden_value(),
                ex_hidden_note.clone(),
            ),
            (
                "cx_index",
                "cx",
                &cx_of,
                self.t(if current.cx_below_minimum {
                    "hidden"
                } else {
                    "no_data"
                })
                .to_string(),
                current.cx_below_minimum.then(|| {
                    self.tr(
                        "cx_below_minimum",
                        &[("n", Arg::from(self.site.config.cx_threshold))],
                    )
                }),
            ),
        ] {
            let now = of(current);
            let measure = if side == "ex" { 0 } else { 1 };
            let (change, change_class, change_note) = change_view(verdicts[measure], 0);
            let low_n = side == "cx" && cx.is_some_and(|c| c.low_n);
            tiles.push(Tile {
                label: self.t(key).into(),
                value: now
                    .map(|(index, _)| figures.index_or_dash(index))
                    .unwrap_or(missing),
                side: Some(side),
                change,
                change_class,
                change_note,
                compare: None,
                note: note.or_else(|| {
                    now.map(|(_, n)| {
                        if low_n {
                            format!("n = {n} · {}", self.t("low_n"))
                        } else {
                            format!("n = {n}")
                        }
                    })
                }),
                spark: figures.sparkline(
                    &series(&|r| of(r).and_then(|(index, _)| index)),
                    self.t(key),
                ),
            });
        }
        // eNPS and NPS
        for (key, side, get) in [
            (
                "enps",
                "ex",
                (&|r: &aggregate::UnitResult| r.ex.as_ref().and_then(|e| e.enps))
                    as &dyn Fn(&aggregate::UnitResult) -> Option<stats::NetScore>,
            ),
            ("nps", "cx", &|r: &aggregate::UnitResult| {
                r.cx.as_ref().and_then(|c| c.nps)
            }),
        ] {
            let now = get(current);
            let measure = if key == "enps" { 2 } else { 3 };
            let (change, change_class, change_note) = change_view(verdicts[measure], 0);
            // eNPS is EX: hidden with the group, or withheld on its own (too few eNPS answers).
            let withheld = key == "enps" && ex.is_some_and(|e| e.withheld.enps);
            let hidden = key == "enps" && (ex.is_none() || withheld);
            let hidden_note = if withheld {
                Some(self.t("hidden_measure").to_string())
            } else {
                ex_hidden_note.clone()
            };
            tiles.push(Tile {
                label: self.t(key).into(),
                value: match &now {
                    Some(s) => fmt.signed(s.score, 0),
                    None if hidden => hidden_value(),
                    None => self.t("no_data").into(),
                },
                side: Some(side),
                change,
                change_class,
                change_note,
                compare: None,
                note: if hidden {
                    hidden_note
                } else {
                    now.as_ref().map(|s| {
                        format!(
                            "n = {} · {}: {} … {}",
                            s.n,
                            fmt.percent_points(95.0, 0),
                            fmt.signed(s.interval.low, 0),
                            fmt.signed(s.interval.high, 0)
                        )
                    })
                },
                spark: figures.sparkline(&series(&|r| get(r).map(|s| s.score)), self.t(key)),
            });
        }
        // Nobody answered: the response rate is still known, and it is 0%.
        if let (None, Some(invited)) = (ex, current.invited_without_answers) {
            tiles.push(Tile {
                label: self.t("response_rate").into(),
                value: fmt.percent(0.0, 0),
                change_class: "flat",
                note: Some(format!("0 / {invited}")),
                ..Tile::default()
            });
        }
        // Response rate and turnover describe the EX group, so they follow its visibility.
        if let Some(e) = ex {
            if let Some(rate) = e.response_rate {
                tiles.push(Tile {
                    label: self.t("response_rate").into(),
                    value: fmt.percent(rate, 0),
                    change_class: "flat",
                    note: Some(format!("{} / {}", e.responses, e.invited)),
                    spark: figures.sparkline(
                        &series(&|r| {
                            r.ex.as_ref()
                                .and_then(|e| e.response_rate)
                                .map(|v| v * 100.0)
                        }),
                        self.t("response_rate"),
                    ),
                    ..Tile::default()
                });
            }
            // Turnover is per period (docs/method.md), never annualised: the label says which.
            if e.withheld.turnover {
                tiles.push(Tile {
                    label: self.t("turnover_per_period").into(),
                    value: hidden_value(),
                    change_class: "flat",
                    note: Some(self.t("hidden_measure").into()),
                    ..Tile::default()
                });
            }
            if let (Some(t), Some(l), Some(h)) = (e.turnover, e.leavers, e.headcount) {
                tiles.push(Tile {
                    label: self.t("turnover_per_period").into(),
                    value: fmt.percent(t, 1),
                    change_class: "flat",
                    note: Some(self.tr(
                        "turnover_note",
                        &[
                            ("leavers", Arg::from(l)),
                            (
                                "headcount",
                                fmt.number(h, if h.fract() == 0.0 { 0 } else { 1 }).into(),
                            ),
                            // Headcount is the mean of the period's start and end.
                            ("average", Arg::from("yes")),
                        ],
                    )),
                    spark: figures.sparkline(
                        &series(&|r| r.ex.as_ref().and_then(|e| e.turnover).map(|v| v * 100.0)),
                        self.t("turnover_per_period"),
                    ),
                    ..Tile::default()
                });
            }
        }
        tiles
    }

    /// Rows for a unit table: `units` in tree order, EX values only where shown.
    pub(super) fn unit_rows(&self, p: usize, units: &[usize], base_depth: usize) -> Vec<UnitRow> {
        let period = &self.analysis.periods[p];
        units
            .iter()
            .map(|&u| {
                let r = &period.units[u];
                let hidden = || match r.ex_visibility {
                    Visibility::NoData => "–".to_string(),
                    _ => self.t("hidden").to_string(),
                };
                let ex = r.ex.as_ref();
                let cx = r.cx.as_ref();
                UnitRow {
                    name: self.unit_name(u),
                    href: self.unit_path(u),
                    depth: self.site.units.units[u]
                        .depth
                        .saturating_sub(base_depth)
                        .max(1),
                    ex_index: ex
                        .map(|e| e.index.map(|v| self.fmt.number(v, 0)).unwrap_or("–".into()))
                        .unwrap_or_else(hidden),
                    cx_index: cx
                        .map(|c| {
                            let v = c.index.map(|v| self.fmt.number(v, 0)).unwrap_or("–".into());
                            if c.low_n {
                                format!("{v} ({})", self.t("low_n"))
                            } else {
                                v
                            }
                        })
                        .unwrap_or("–".into()),
                    enps: ex
                        .map(|e| {
                            e.enps
                                .as_ref()
                                .map(|s| self.fmt.signed(s.score, 0))
                                .unwrap_or("–".into())
                        })
                        .unwrap_or_else(hidden),
                    nps: cx
                        .and_then(|c| c.nps.as_ref())
                        .map(|s| self.fmt.signed(s.score, 0))
                        .unwrap_or("–".into()),
                    // Nobody of those invited answering is a response rate of 0%, not "no data".
                    response_rate: ex
                        .and_then(|e| e.response_rate)
                        .or(r.invited_without_answers.map(|_| 0.0))
                        .map(|v| self.fmt.percent(v, 0))
                        .unwrap_or_else(hidden),
                }
            })
            .collect()
    }

    // ------------------------------------------------------------------ pages
}
