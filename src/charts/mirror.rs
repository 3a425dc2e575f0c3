//! The six-factor mirror: EX and CX of each factor as a dumbbell on one 0–100 axis. Factor names
//! sit above their dumbbells, so names and axis both get the full width on a phone.

use plotters::prelude::*;

use super::{
    BLUE, FONT, Figure, GRID, LINE, MUTED, NumberFormat, ORANGE, PAD, SMALL, Shape, Table, Txt,
    WIDTH, cell, clean, draw_svg, legend_layout, legend_text, solid, wrap, x_tick_labels,
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

/// From the top of a row's dumbbell band to its centre line, and from there to the band's end.
const ABOVE: f64 = 26.0;
const BELOW: f64 = 32.0;

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

    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| wrap(&r.label, FONT, false, width - 2.0 * PAD, 2))
        .collect();
    let row_h: Vec<f64> = lines
        .iter()
        .map(|l| l.len() as f64 * LINE + ABOVE + BELOW)
        .collect();
    // Room at both ends for a marker and its centred value.
    let left = PAD + 14.0;
    let right = width - PAD - 14.0;
    let x = |v: f64| left + (right - left) * v.clamp(0.0, 100.0) / 100.0;
    let bottom = top + row_h.iter().sum::<f64>();
    let height = bottom + 26.0;
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

        let ticks: Vec<(f64, String)> = (0..=5)
            .map(|i| (x(f64::from(i) * 20.0), num(f64::from(i) * 20.0)))
            .collect();
        x_tick_labels(pen, &ticks, bottom - 6.0);

        let mut y = top;
        for (i, r) in rows.iter().enumerate() {
            for (k, line) in lines[i].iter().enumerate() {
                pen.text(line, PAD, y + LINE * k as f64 + LINE / 2.0, &Txt::new(FONT));
            }
            let cy = y + lines[i].len() as f64 * LINE + ABOVE;
            y += row_h[i];
            // The grid row by row, so that it never runs through a name.
            for (tx, _) in &ticks {
                pen.line(&[(*tx, cy - 12.0), (*tx, cy + 12.0)], GRID, 1);
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
                pen.line(&[(x(v), cy - 10.0), (x(v), cy + 10.0)], solid(BLUE), 3);
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
                pen.line(&[(x(v), cy - 10.0), (x(v), cy + 10.0)], solid(ORANGE), 3);
                pen.end_group();
            }
            if let Some(v) = ex {
                pen.begin_title(&format!("{}, {}: {}", clean(&r.label), labels.ex, num(v)));
                pen.marker(Shape::Circle, x(v), cy, 7.0, solid(BLUE));
                pen.end_group();
                pen.text(
                    &num(v),
                    x(v),
                    cy - 10.0,
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
        table: Table {
            headers,
            rows,
            links: Vec::new(),
        },
    }
}
