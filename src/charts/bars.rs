//! Horizontal bars of shares (e.g. response rate per unit), values printed after the bars.

use super::{
    BLUE, FONT, Figure, GRID, MUTED, NumberFormat, PAD, SMALL, Table, Txt, WIDTH, clean, draw_svg,
    solid, unit, wrap, x_grid,
};

/// One bar.
#[derive(Clone, Debug, Default)]
pub struct BarRow {
    pub label: String,
    /// Relative link to the row's page.
    pub href: Option<String>,
    /// A share, 0..=1.
    pub value: f64,
    /// Printed after the value, e.g. "12 / 15".
    pub note: Option<String>,
}

/// Translated texts for [`render_bars`].
#[derive(Clone, Debug)]
pub struct BarLabels<'a> {
    /// Table header of the label column, e.g. "Unit".
    pub row: &'a str,
    /// Table header of the value column, e.g. "Response rate".
    pub value: &'a str,
    /// Table header of the note column, e.g. "Answers / invited".
    pub note: &'a str,
}

const ROW: f64 = 38.0;
const BAR: f64 = 22.0;

/// Horizontal bars on a 0–100 % axis.
pub fn render_bars(
    id: &str,
    rows: &[BarRow],
    labels: &BarLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let width = f64::from(WIDTH);
    let label_t = Txt::new(FONT);
    let widest = rows
        .iter()
        .map(|r| label_t.width(&clean(&r.label)))
        .fold(0.0, f64::max);
    let label_w = widest.clamp(70.0, 160.0);
    let val_t = Txt::new(FONT).bold();
    let note_t = Txt::new(SMALL).color(MUTED);
    let values: Vec<String> = rows.iter().map(|r| fmt.percent(unit(r.value), 0)).collect();
    let notes: Vec<String> = rows
        .iter()
        .map(|r| {
            r.note
                .as_deref()
                .map(|n| wrap(n, SMALL, false, 110.0, 1).remove(0))
                .unwrap_or_default()
        })
        .collect();
    let tail_w = values
        .iter()
        .zip(&notes)
        .map(|(v, n)| {
            val_t.width(v)
                + if n.is_empty() {
                    0.0
                } else {
                    6.0 + note_t.width(n)
                }
        })
        .fold(val_t.width(&fmt.percent(1.0, 0)), f64::max);
    let left = PAD + label_w + 14.0;
    let right = width - PAD - tail_w - 10.0;
    let x = |share: f64| left + (right - left) * unit(share);
    let top = PAD;
    let bottom = top + ROW * rows.len() as f64;
    let height = bottom + 28.0;

    let svg = draw_svg(id, "bars", title, desc, height, |pen| {
        let ticks: Vec<(f64, String)> = (0..=4)
            .map(|i| (x(f64::from(i) / 4.0), fmt.percent(f64::from(i) / 4.0, 0)))
            .collect();
        x_grid(pen, &ticks, top, bottom);
        pen.line(&[(left, top), (left, bottom)], GRID, 1);
        for (i, r) in rows.iter().enumerate() {
            let cy = top + ROW * i as f64 + ROW / 2.0;
            let lines = wrap(&r.label, FONT, false, label_w, 2);
            let (size, lines) = if lines.len() > 1 {
                (SMALL, wrap(&r.label, SMALL, false, label_w, 2))
            } else {
                (FONT, lines)
            };
            let link = pen.begin_link(r.href.as_deref());
            let y0 = cy - (lines.len() as f64 - 1.0) * 8.0;
            for (k, line) in lines.iter().enumerate() {
                pen.text(
                    line,
                    PAD + label_w,
                    y0 + 16.0 * k as f64,
                    &Txt::new(size).right(),
                );
            }
            pen.end_link(link);
            let end = x(r.value);
            let mut tip = format!("{}: {}", clean(&r.label), values[i]);
            if !notes[i].is_empty() {
                tip.push_str(&format!(" ({})", clean(r.note.as_deref().unwrap_or(""))));
            }
            pen.begin_title(&tip);
            pen.rect(left, cy - BAR / 2.0, end, cy + BAR / 2.0, solid(BLUE));
            pen.end_group();
            pen.text(&values[i], end + 6.0, cy, &val_t);
            if !notes[i].is_empty() {
                pen.text(&notes[i], end + 12.0 + val_t.width(&values[i]), cy, &note_t);
            }
        }
    });

    let has_notes = rows.iter().any(|r| r.note.is_some());
    let mut headers = vec![labels.row.to_string(), labels.value.to_string()];
    if has_notes {
        headers.push(labels.note.to_string());
    }
    let rows = rows
        .iter()
        .zip(values)
        .map(|(r, v)| {
            let mut row = vec![clean(&r.label), v];
            if has_notes {
                row.push(r.note.as_deref().map(clean).unwrap_or_default());
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
