//! Horizontal bars of shares (e.g. response rate per unit): the value inside the end of its bar
//! (after it when the bar is too short), the note after the bar.

use super::{
    BLUE, FONT, Figure, GRID, MUTED, NumberFormat, PAD, SMALL, Table, Txt, WIDTH, clean, draw_svg,
    solid, text_on_data, unit, wrap, x_grid,
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

const ROW: f64 = 40.0;
const BAR: f64 = 24.0;
/// Line height of two-line labels.
const ROW_LINE: f64 = 16.0;

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
    // Row labels in one size, the small one: unit names are long and wrap onto two lines.
    let label_t = Txt::new(SMALL).right();
    let widest = rows
        .iter()
        .map(|r| label_t.width(&clean(&r.label)))
        .fold(0.0, f64::max);
    let label_w = widest.clamp(70.0, (width * 0.4).round());
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| wrap(&r.label, SMALL, false, label_w, 2))
        .collect();
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
    let left = PAD + label_w + 10.0;
    let end = width - PAD;
    // What follows the bar: the note, and the value too when the bar cannot hold it.
    let tail = |i: usize, inside: bool| {
        let note = if notes[i].is_empty() {
            0.0
        } else {
            6.0 + note_t.width(&notes[i])
        };
        let value = if inside {
            0.0
        } else {
            6.0 + val_t.width(&values[i])
        };
        note + value
    };
    let fits_inside = |i: usize, right: f64| {
        (right - left) * unit(rows[i].value) >= val_t.width(&values[i]) + 10.0
    };
    // The widest right end that leaves room for every tail. Repeated until it settles: a shorter
    // axis can push a value out of its bar, which needs more room (the end only ever moves left).
    let mut right = end;
    for _ in 0..8 {
        let next = (0..rows.len())
            .map(|i| {
                let need = tail(i, fits_inside(i, right));
                let v = unit(rows[i].value);
                if v > 0.0 {
                    left + (end - need - left) / v
                } else {
                    end
                }
            })
            .fold(right, f64::min)
            .max(left + 40.0);
        if next >= right - 1e-9 {
            break;
        }
        right = next;
    }
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
            let lines = &lines[i];
            let y0 = cy - (lines.len() as f64 - 1.0) * ROW_LINE / 2.0;
            for (k, line) in lines.iter().enumerate() {
                pen.text(line, PAD + label_w, y0 + ROW_LINE * k as f64, &label_t);
            }
            let bar_end = x(r.value);
            let mut tip = format!("{}: {}", clean(&r.label), values[i]);
            if !notes[i].is_empty() {
                tip.push_str(&format!(" ({})", clean(r.note.as_deref().unwrap_or(""))));
            }
            pen.begin_title(&tip);
            pen.rect(left, cy - BAR / 2.0, bar_end, cy + BAR / 2.0, solid(BLUE));
            pen.end_group();
            let mut after = bar_end + 6.0;
            if fits_inside(i, right) {
                let t = val_t.right().color(solid(text_on_data(BLUE)));
                pen.text(&values[i], bar_end - 5.0, cy, &t);
            } else {
                pen.text(&values[i], after, cy, &val_t);
                after += val_t.width(&values[i]) + 6.0;
            }
            if !notes[i].is_empty() {
                pen.text(&notes[i], after, cy, &note_t);
            }
        }
    });

    let has_notes = rows.iter().any(|r| r.note.is_some());
    let mut headers = vec![labels.row.to_string(), labels.value.to_string()];
    if has_notes {
        headers.push(labels.note.to_string());
    }
    let links = rows.iter().map(|r| r.href.clone()).collect();
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
        table: Table {
            headers,
            rows,
            links,
        },
    }
}
