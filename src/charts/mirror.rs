//! The six-factor mirror: EX and CX of each factor as a dumbbell on one 0–100 axis.

use plotters::prelude::*;

use super::{
    BLUE, FONT, Figure, MUTED, NumberFormat, ORANGE, PAD, SMALL, Shape, Table, Txt, WIDTH, cell,
    clean, draw_svg, legend_layout, legend_text, solid, wrap, x_grid,
};

/// One factor.
#[derive(Clone, Debug, Default)]
pub struct MirrorRow {
    pub label: String,
    /// EX side, 0–100.
    pub ex: Option<f64>,
    /// CX side, 0–100.
    pub cx: Option<f64>,
    /// Organisation reference values, drawn as small ticks.
    pub org_ex: Option<f64>,
    pub org_cx: Option<f64>,
}

/// Translated texts for [`render_mirror`].
#[derive(Clone, Debug)]
pub struct MirrorLabels<'a> {
    /// Table header of the factor column, e.g. "Factor".
    pub factor: &'a str,
    /// Legend names, e.g. "EX" / "CX" (or "Employees" / "Customers").
    pub ex: &'a str,
    pub cx: &'a str,
    /// Legend name of the reference ticks, e.g. "Organisation".
    pub org: &'a str,
    /// Shown in a row with neither value, e.g. "no data".
    pub missing: &'a str,
}

const ROW: f64 = 54.0;

/// A dumbbell chart of EX and CX per factor.
pub fn render_mirror(
    id: &str,
    rows: &[MirrorRow],
    labels: &MirrorLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let width = f64::from(WIDTH);
    let has_org = rows
        .iter()
        .any(|r| r.org_ex.is_some() || r.org_cx.is_some());
    let mut legend: Vec<(f64, &str)> = vec![(16.0, labels.ex), (16.0, labels.cx)];
    if has_org {
        legend.push((16.0, labels.org));
    }
    let (_, legend_h) = legend_layout(&legend, PAD, PAD, width - 2.0 * PAD);
    let top = PAD + legend_h + 12.0;

    let label_t = Txt::new(FONT);
    let widest = rows
        .iter()
        .map(|r| label_t.width(&clean(&r.label)))
        .fold(0.0, f64::max);
    let label_w = widest.clamp(60.0, 170.0);
    let left = PAD + label_w + 16.0;
    let right = width - PAD - 16.0;
    let x = |v: f64| left + (right - left) * v.clamp(0.0, 100.0) / 100.0;
    let height = top + ROW * rows.len() as f64 + 30.0;
    let num = |v: f64| fmt.number(v, 0);

    let svg = draw_svg(id, "mirror", title, desc, height, |pen| {
        let (pos, _) = legend_layout(&legend, PAD, PAD, width - 2.0 * PAD);
        pen.marker(
            Shape::Circle,
            pos[0].0 + 8.0,
            pos[0].1 + 11.0,
            6.0,
            solid(BLUE),
        );
        legend_text(pen, labels.ex, pos[0].0, pos[0].1, 16.0);
        pen.marker(
            Shape::Diamond,
            pos[1].0 + 8.0,
            pos[1].1 + 11.0,
            6.0,
            solid(ORANGE),
        );
        legend_text(pen, labels.cx, pos[1].0, pos[1].1, 16.0);
        if has_org {
            let (lx, ly) = pos[2];
            pen.line(
                &[(lx + 4.0, ly + 2.0), (lx + 4.0, ly + 20.0)],
                solid(BLUE),
                3,
            );
            pen.line(
                &[(lx + 12.0, ly + 2.0), (lx + 12.0, ly + 20.0)],
                solid(ORANGE),
                3,
            );
            legend_text(pen, labels.org, lx, ly, 16.0);
        }

        let bottom = top + ROW * rows.len() as f64;
        let ticks: Vec<(f64, String)> = (0..=5)
            .map(|i| (x(f64::from(i) * 20.0), num(f64::from(i) * 20.0)))
            .collect();
        x_grid(pen, &ticks, top, bottom);

        for (i, r) in rows.iter().enumerate() {
            let cy = top + ROW * i as f64 + ROW / 2.0;
            let lines = wrap(&r.label, FONT, false, label_w, 2);
            let y0 = cy - (lines.len() as f64 - 1.0) * 9.0;
            for (k, line) in lines.iter().enumerate() {
                pen.text(line, PAD + label_w, y0 + 18.0 * k as f64, &label_t.right());
            }
            let ex = r.ex.filter(|v| v.is_finite());
            let cx = r.cx.filter(|v| v.is_finite());
            if let (Some(a), Some(b)) = (ex, cx) {
                pen.line(&[(x(a), cy), (x(b), cy)], RGBAColor(0, 0, 0, 0.3), 4);
            }
            if let Some(v) = r.org_ex.filter(|v| v.is_finite()) {
                pen.begin_title(&format!(
                    "{}, {} ({}): {}",
                    clean(&r.label),
                    labels.ex,
                    labels.org,
                    num(v)
                ));
                pen.line(&[(x(v), cy - 12.0), (x(v), cy + 12.0)], solid(BLUE), 3);
                pen.end_group();
            }
            if let Some(v) = r.org_cx.filter(|v| v.is_finite()) {
                pen.begin_title(&format!(
                    "{}, {} ({}): {}",
                    clean(&r.label),
                    labels.cx,
                    labels.org,
                    num(v)
                ));
                pen.line(&[(x(v), cy - 12.0), (x(v), cy + 12.0)], solid(ORANGE), 3);
                pen.end_group();
            }
            if let Some(v) = ex {
                pen.begin_title(&format!("{}, {}: {}", clean(&r.label), labels.ex, num(v)));
                pen.marker(Shape::Circle, x(v), cy, 7.0, solid(BLUE));
                pen.end_group();
                pen.text(
                    &num(v),
                    x(v),
                    cy - 11.0,
                    &Txt::new(SMALL).bold().center().bottom(),
                );
            }
            if let Some(v) = cx {
                pen.begin_title(&format!("{}, {}: {}", clean(&r.label), labels.cx, num(v)));
                pen.marker(Shape::Diamond, x(v), cy, 7.0, solid(ORANGE));
                pen.end_group();
                pen.text(
                    &num(v),
                    x(v),
                    cy + 11.0,
                    &Txt::new(SMALL).bold().center().top(),
                );
            }
            if ex.is_none() && cx.is_none() {
                pen.text(
                    labels.missing,
                    left + 6.0,
                    cy,
                    &Txt::new(SMALL).italic().color(MUTED),
                );
            }
        }
    });

    let mut headers = vec![
        labels.factor.to_string(),
        labels.ex.to_string(),
        labels.cx.to_string(),
    ];
    if has_org {
        headers.push(format!("{} ({})", labels.ex, labels.org));
        headers.push(format!("{} ({})", labels.cx, labels.org));
    }
    let rows = rows
        .iter()
        .map(|r| {
            let mut row = vec![clean(&r.label), cell(r.ex, num), cell(r.cx, num)];
            if has_org {
                row.push(cell(r.org_ex, num));
                row.push(cell(r.org_cx, num));
            }
            row
        })
        .collect();
    Figure {
        id: id.to_string(),
        title: title.to_string(),
        desc: desc.to_string(),
        svg,
        table: Table { headers, rows },
    }
}
