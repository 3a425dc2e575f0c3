//! Forest plot of lagged correlations: r with its interval, a zero line, n per row. The axis
//! spans the data (always with zero) in steps of 0.5 within −1…1, for resolution on a phone.

use super::{
    AXIS, BLUE, FONT, Figure, GRID, INK, MUTED, NumberFormat, PAD, SMALL, Shape, Table, Txt, WIDTH,
    ceil_to, cell, clean, draw_svg, floor_to, solid, wrap, x_tick_labels,
};

/// One correlation.
#[derive(Clone, Debug, Default)]
pub struct LagRow {
    /// E.g. "EX → CX, k = 1".
    pub label: String,
    /// Correlation; `None` when there is not enough data.
    pub r: Option<f64>,
    /// Interval ends.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Number of pairs.
    pub n: usize,
}

/// Translated texts for [`render_lag`].
#[derive(Clone, Debug)]
pub struct LagLabels<'a> {
    /// Table header of the row label column, e.g. "Relationship".
    pub row: &'a str,
    /// Axis title, e.g. "Correlation r (95% interval)".
    pub axis: &'a str,
    /// Column names, e.g. "r", "Low", "High", "n".
    pub r: &'a str,
    pub low: &'a str,
    pub high: &'a str,
    pub n: &'a str,
    /// Shown instead of a whisker, e.g. "not enough data".
    pub not_enough: &'a str,
}

/// Height of a row's whisker band, below its label.
const BAND: f64 = 26.0;
/// Space between a whisker band and the next row's label.
const ROW_GAP: f64 = 6.0;
/// Line height of a label.
const ROW_LINE: f64 = 17.0;

/// Axis ends: the data and zero, widened to halves, within −1…1.
fn axis_range(rows: &[LagRow]) -> (f64, f64) {
    let values = rows
        .iter()
        .filter(|r| r.r.is_some_and(f64::is_finite))
        .flat_map(|r| [r.r, r.low, r.high])
        .flatten()
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0.0_f64, 0.0_f64), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = (floor_to(lo, 0.5).max(-1.0), ceil_to(hi, 0.5).min(1.0));
    if hi - lo < 0.5 { (-1.0, 1.0) } else { (lo, hi) }
}

/// A forest plot, one row per lag.
pub fn render_lag(
    id: &str,
    rows: &[LagRow],
    labels: &LagLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let width = f64::from(WIDTH);
    // Each row's label stands on its own line(s) above its whisker, across the whole chart: the
    // labels ("Employees first, customers 1 period later, mean of 7 period pairs") differ only
    // towards their end, so a narrow label column beside the plot would cut them to the same
    // "Employees first…".
    let label_t = Txt::new(FONT);
    let r_texts: Vec<String> = rows
        .iter()
        .map(|r| cell(r.r, |v| fmt.number(v, 2)))
        .collect();
    let n_texts: Vec<String> = rows.iter().map(|r| r.n.to_string()).collect();
    let val_t = Txt::new(FONT).bold();
    let r_w = r_texts
        .iter()
        .map(|t| val_t.width(t))
        .fold(val_t.width(&fmt.number(-0.99, 2)), f64::max);
    let n_w = n_texts
        .iter()
        .map(|t| Txt::new(SMALL).width(t))
        .fold(Txt::new(SMALL).width(labels.n), f64::max);
    let n_right = width - PAD;
    let r_right = n_right - n_w - 14.0;
    let right = r_right - r_w - 16.0;
    // Room for half of the widest tick label ("−0.5") left of the axis start.
    let left = PAD + Txt::new(SMALL).width(&fmt.number(-0.5, 1)) / 2.0 + 2.0;
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| wrap(&r.label, FONT, false, n_right - PAD, 2))
        .collect();
    let (lo, hi) = axis_range(rows);
    let x = |v: f64| left + (right - left) * (v.clamp(lo, hi) - lo) / (hi - lo);
    let step = if hi - lo <= 1.0 { 0.25 } else { 0.5 };
    let ticks: Vec<f64> = (0..=((hi - lo) / step).round() as i32)
        .map(|i| lo + step * f64::from(i))
        .collect();
    let top = PAD + 22.0;
    // Row i: its label lines from `row_top[i]`, then the whisker band of height BAND.
    let mut row_top = Vec::with_capacity(rows.len());
    let mut y = top;
    for l in &lines {
        row_top.push(y);
        y += ROW_LINE * l.len() as f64 + BAND + ROW_GAP;
    }
    let bottom = y;
    let height = bottom + 54.0;
    let num2 = |v: f64| fmt.number(v, 2);

    let svg = draw_svg(id, "lag", title, desc, height, |pen| {
        let head = Txt::new(SMALL).bold().right().color(MUTED);
        pen.text(labels.r, r_right, PAD + 10.0, &head);
        pen.text(labels.n, n_right, PAD + 10.0, &head);
        let tick_labels: Vec<(f64, String)> = ticks
            .iter()
            .map(|&t| {
                let text = if t.abs() < 1e-9 {
                    fmt.number(0.0, 0)
                } else if (t * 2.0).fract().abs() < 1e-9 {
                    fmt.number(t, 1)
                } else {
                    fmt.number(t, 2)
                };
                (x(t), text)
            })
            .collect();
        x_tick_labels(pen, &tick_labels, bottom);
        pen.line(&[(left, bottom), (right, bottom)], AXIS, 1);
        pen.text(
            labels.axis,
            (left + right) / 2.0,
            bottom + 26.0,
            &Txt::new(FONT).bold().center().top(),
        );

        for (i, r) in rows.iter().enumerate() {
            let band_top = row_top[i] + ROW_LINE * lines[i].len() as f64;
            let cy = band_top + BAND / 2.0;
            for (k, line) in lines[i].iter().enumerate() {
                let ly = row_top[i] + ROW_LINE * (k as f64 + 0.5);
                pen.text(line, PAD, ly, &label_t);
            }
            pen.text(
                &n_texts[i],
                n_right,
                cy,
                &Txt::new(SMALL).right().color(MUTED),
            );
            let has_r = r.r.is_some_and(f64::is_finite);
            // Grid and zero line row by row, left out where the row says "not enough data".
            if has_r {
                let (a, b) = (band_top, band_top + BAND);
                for &t in &ticks {
                    let (c, w) = if t.abs() < 1e-9 { (INK, 2) } else { (GRID, 1) };
                    pen.line(&[(x(t), a), (x(t), b)], c, w);
                }
            }
            match r.r.filter(|v| v.is_finite()) {
                Some(v) => {
                    let low = r.low.filter(|v| v.is_finite());
                    let high = r.high.filter(|v| v.is_finite());
                    let mut tip = format!("{}: {} {}", clean(&r.label), labels.r, num2(v));
                    if let (Some(a), Some(b)) = (low, high) {
                        tip.push_str(&format!(" ({}–{})", num2(a), num2(b)));
                    }
                    tip.push_str(&format!(", {} {}", labels.n, r.n));
                    pen.begin_title(&tip);
                    if let (Some(a), Some(b)) = (low, high) {
                        pen.line(&[(x(a), cy), (x(b), cy)], INK, 2);
                        pen.line(&[(x(a), cy - 7.0), (x(a), cy + 7.0)], INK, 2);
                        pen.line(&[(x(b), cy - 7.0), (x(b), cy + 7.0)], INK, 2);
                    }
                    pen.marker(Shape::Square, x(v), cy, 7.0, solid(BLUE));
                    pen.end_group();
                    pen.text(&r_texts[i], r_right, cy, &val_t.right());
                }
                None => {
                    pen.text(
                        labels.not_enough,
                        left,
                        cy,
                        &Txt::new(SMALL).italic().color(MUTED),
                    );
                    pen.text("–", r_right, cy, &Txt::new(FONT).right().color(MUTED));
                }
            }
        }
    });

    let rows = rows
        .iter()
        .map(|r| {
            vec![
                clean(&r.label),
                cell(r.r, num2),
                cell(r.low.filter(|_| r.r.is_some()), num2),
                cell(r.high.filter(|_| r.r.is_some()), num2),
                r.n.to_string(),
            ]
        })
        .collect();
    Figure {
        id: id.to_string(),
        title: title.to_string(),
        desc: desc.to_string(),
        svg,
        table: Table {
            headers: vec![
                labels.row.to_string(),
                labels.r.to_string(),
                labels.low.to_string(),
                labels.high.to_string(),
                labels.n.to_string(),
            ],
            rows,
            links: Vec::new(),
        },
    }
}
