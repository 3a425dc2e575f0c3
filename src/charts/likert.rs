//! Diverging stacked bars of Likert answers: unfavourable left of zero, neutral centred on zero,
//! favourable right. Item texts sit above their bars, so both get the full width on a phone.

use plotters::prelude::*;

use super::{
    BLUE, BarRows, FONT, Figure, GREY, GRID, INK, LINE, MUTED, NumberFormat, PAD, Pen, RED, SMALL,
    Table, Txt, WIDTH, bar_rows, clean, draw_svg, legend_layout, solid, swatch_legend,
    text_on_data, unit, x_tick_labels,
};

/// One item; the three shares are of 0..=1 and are normalised by their sum.
#[derive(Clone, Debug, Default)]
pub struct LikertRow {
    pub label: String,
    pub unfavourable: f64,
    pub neutral: f64,
    pub favourable: f64,
    /// Number of answers.
    pub n: u64,
}

/// Translated texts for [`render_likert`].
#[derive(Clone, Debug)]
pub struct LikertLabels<'a> {
    /// Table header of the item column, e.g. "Statement".
    pub item: &'a str,
    pub unfavourable: &'a str,
    pub neutral: &'a str,
    pub favourable: &'a str,
    /// Symbol or word for the number of answers, e.g. "n".
    pub n: &'a str,
}

pub(crate) const BAR: f64 = 26.0;

/// (unfavourable, neutral, favourable) as shares summing to 1 (all zero when empty).
fn shares(r: &LikertRow) -> (f64, f64, f64) {
    let (u, n, f) = (unit(r.unfavourable), unit(r.neutral), unit(r.favourable));
    let sum = u + n + f;
    if sum <= 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (u / sum, n / sum, f / sum)
    }
}

/// Where a segment's percentage goes when it does not fit inside the segment.
#[derive(Clone, Copy)]
pub(crate) enum Outside {
    /// Left out (the table and the tooltip have it).
    Nowhere,
    /// Just left of the segment, if that stays right of `limit`.
    Left(f64),
    /// Just right of the segment, if that stays left of `limit`.
    Right(f64),
}

/// A bar segment with its tooltip and its percentage: inside when it fits, else outside as told.
#[allow(clippy::too_many_arguments)]
pub(crate) fn segment(
    pen: &mut Pen,
    x0: f64,
    x1: f64,
    y: f64,
    color: RGBColor,
    tooltip: &str,
    text: &str,
    outside: Outside,
) {
    if x1 - x0 < 0.5 {
        return;
    }
    pen.begin_title(tooltip);
    pen.rect(x0, y, x1, y + BAR, solid(color));
    pen.end_group();
    let t = Txt::new(SMALL)
        .bold()
        .center()
        .color(solid(text_on_data(color)));
    let w = t.width(text);
    let cy = y + BAR / 2.0;
    if w + 6.0 <= x1 - x0 {
        pen.text(text, (x0 + x1) / 2.0, cy, &t);
        return;
    }
    let t = Txt::new(SMALL).bold().color(INK);
    match outside {
        Outside::Left(limit) if x0 - 4.0 - w >= limit => pen.text(text, x0 - 4.0, cy, &t.right()),
        Outside::Right(limit) if x1 + 4.0 + w <= limit => pen.text(text, x1 + 4.0, cy, &t),
        _ => {}
    }
}

/// Diverging stacked bars, one per item.
pub fn render_likert(
    id: &str,
    rows: &[LikertRow],
    labels: &LikertLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let width = f64::from(WIDTH);
    let legend: Vec<(f64, &str)> = vec![
        (16.0, labels.unfavourable),
        (16.0, labels.neutral),
        (16.0, labels.favourable),
    ];
    let (_, legend_h) = legend_layout(&legend, PAD, PAD, width - 2.0 * PAD);
    let top = PAD + legend_h + 10.0;

    let all: Vec<(f64, f64, f64)> = rows.iter().map(shares).collect();
    let reach = all
        .iter()
        .map(|&(u, n, f)| (u + n / 2.0).max(f + n / 2.0))
        .fold(0.0, f64::max);
    let ext = if reach <= 0.5 {
        0.5
    } else if reach <= 0.75 {
        0.75
    } else {
        1.0
    };
    let (left, right) = (PAD + 14.0, width - PAD - 14.0);
    let zero = (left + right) / 2.0;
    let x = |share: f64| zero + share / ext * (right - left) / 2.0;

    let BarRows {
        n_texts,
        wrapped,
        row_h,
    } = bar_rows(
        rows.iter().map(|r| (r.label.as_str(), r.n)),
        labels.n,
        width,
        false,
        6,
        BAR,
    );
    let bottom = top + row_h.iter().sum::<f64>();
    let height = bottom + 26.0;
    let pct = |v: f64| fmt.percent(v, 0);

    let svg = draw_svg(id, "likert", title, desc, height, |pen| {
        swatch_legend(pen, &legend, &[RED, GREY, BLUE], width);

        let mut ticks = Vec::new();
        let mut k = -ext;
        while k <= ext + 1e-9 {
            ticks.push((x(k), pct(k.abs())));
            k += 0.25;
        }
        x_tick_labels(pen, &ticks, bottom);

        let mut y = top;
        for (i, r) in rows.iter().enumerate() {
            let (u, n, f) = all[i];
            for (k, line) in wrapped[i].iter().enumerate() {
                pen.text(line, PAD, y + LINE * k as f64 + LINE / 2.0, &Txt::new(FONT));
            }
            pen.text(
                &n_texts[i],
                width - PAD,
                y + LINE / 2.0,
                &Txt::new(SMALL).right().color(MUTED),
            );
            let by = y + wrapped[i].len() as f64 * LINE + 4.0;
            for (tx, _) in &ticks {
                pen.line(&[(*tx, by - 4.0), (*tx, by + BAR + 4.0)], GRID, 1);
            }
            // Zero behind the bar: it shows above and below, never through the neutral value.
            pen.line(&[(zero, by - 6.0), (zero, by + BAR + 6.0)], INK, 2);
            let item = clean(&r.label);
            let a = x(-(u + n / 2.0));
            let b = x(-n / 2.0);
            let c = x(n / 2.0);
            let d = x(n / 2.0 + f);
            segment(
                pen,
                a,
                b,
                by,
                RED,
                &format!("{item}: {} {}", labels.unfavourable, pct(u)),
                &pct(u),
                Outside::Left(PAD),
            );
            segment(
                pen,
                b,
                c,
                by,
                GREY,
                &format!("{item}: {} {}", labels.neutral, pct(n)),
                &pct(n),
                Outside::Nowhere,
            );
            segment(
                pen,
                c,
                d,
                by,
                BLUE,
                &format!("{item}: {} {}", labels.favourable, pct(f)),
                &pct(f),
                Outside::Right(width - PAD),
            );
            y += row_h[i];
        }
    });

    let rows = rows
        .iter()
        .zip(&all)
        .map(|(r, &(u, n, f))| vec![clean(&r.label), pct(u), pct(n), pct(f), r.n.to_string()])
        .collect();
    Figure {
        id: id.to_string(),
        title: title.to_string(),
        desc: desc.to_string(),
        svg,
        table: Table {
            headers: vec![
                labels.item.to_string(),
                labels.unfavourable.to_string(),
                labels.neutral.to_string(),
                labels.favourable.to_string(),
                labels.n.to_string(),
            ],
            rows,
            links: Vec::new(),
        },
    }
}
