//! Units × factors heatmap: one fixed 0–100 diverging scale on every page (red below the
//! midpoint 50, blue above, so weak cells are the saturated ones), the value printed in every cell,
//! hidden cells hatched, missing cells shown as "–", rows grouped under their region.

use plotters::prelude::*;

use super::{
    FONT, Figure, GRID, LINE, MUTED, NumberFormat, PAD, SMALL, Table, Txt, WIDTH, clean, draw_svg,
    legend_layout, legend_text, safe_id, solid, text_on, wrap,
};

/// One cell of the heatmap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    /// An index, 0–100.
    Value(f64),
    /// There are answers, but too few to show.
    Hidden,
    /// No data at all.
    Missing,
}

/// Translated texts for [`render_heatmap`].
#[derive(Clone, Debug)]
pub struct HeatmapLabels<'a> {
    /// Table header of the row label column, e.g. "Unit".
    pub row: &'a str,
    /// Title of the colour scale, e.g. "Index".
    pub scale: &'a str,
    /// Legend entry for hidden cells, e.g. "Hidden (fewer than 5 answers)".
    pub hidden: &'a str,
    /// Hidden cell in the table and tooltips, e.g. "hidden".
    pub hidden_short: &'a str,
    /// Legend entry for missing cells, e.g. "No data".
    pub missing: &'a str,
}

/// ColorBrewer RdBu (11 classes, colour-blind safe), from 0 (dark red) through the pale neutral
/// midpoint to 100 (dark blue): one stop every 10 index points. The index is the share of
/// favourable answers, so the midpoint 50 is "as many favourable answers as not"; the further a
/// cell is from it, the stronger its colour, and cells below it are red, as unfavourable answers
/// are in the other charts.
const RAMP: [RGBColor; 11] = [
    RGBColor(0x67, 0x00, 0x1f),
    RGBColor(0xb2, 0x18, 0x2b),
    RGBColor(0xd6, 0x60, 0x4d),
    RGBColor(0xf4, 0xa5, 0x82),
    RGBColor(0xfd, 0xdb, 0xc7),
    RGBColor(0xf7, 0xf7, 0xf7),
    RGBColor(0xd1, 0xe5, 0xf0),
    RGBColor(0x92, 0xc5, 0xde),
    RGBColor(0x43, 0x93, 0xc3),
    RGBColor(0x21, 0x66, 0xac),
    RGBColor(0x05, 0x30, 0x61),
];

/// The colour scale's ends: fixed, so one colour means the same score on every page.
pub(crate) const SCALE_LO: f64 = 0.0;
pub(crate) const SCALE_HI: f64 = 100.0;

/// Colour for position `t` in 0..=1 on the ramp.
pub(crate) fn ramp(t: f64) -> RGBColor {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (RAMP.len() - 1) as f64;
    let i = (pos.floor() as usize).min(RAMP.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (RAMP[i], RAMP[i + 1]);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

const CELL_H: f64 = 38.0;
/// Height of a region's header line above its rows.
const GROUP_H: f64 = 24.0;
/// Line height of wrapped row labels and header lines.
const ROW_LINE: f64 = 16.0;

/// A heatmap of units (rows) by factors (columns). `row_groups` names each row's region (empty:
/// no grouping); when rows come from more than one region, each region's rows sit under a header.
///
/// Column headers are written horizontally, wrapped, when every word fits a column; otherwise
/// (long names, as most factor names on a phone-width chart) the columns are numbered and a key
/// above the grid gives each number its full name, so no header is cut or slanted.
#[allow(clippy::too_many_arguments)]
pub fn render_heatmap(
    id: &str,
    row_labels: &[String],
    row_hrefs: &[Option<String>],
    row_groups: &[String],
    col_labels: &[String],
    cells: &[Vec<Cell>],
    labels: &HeatmapLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let width = f64::from(WIDTH);
    let ncol = col_labels.len().max(1);
    let get = |r: usize, c: usize| {
        cells
            .get(r)
            .and_then(|row| row.get(c))
            .copied()
            .unwrap_or(Cell::Missing)
    };
    let values: Vec<f64> = cells
        .iter()
        .flatten()
        .filter_map(|c| match c {
            Cell::Value(v) if v.is_finite() => Some(*v),
            _ => None,
        })
        .collect();
    let (lo, hi) = (SCALE_LO, SCALE_HI);
    let color_of = |v: f64| ramp((v - lo) / (hi - lo));
    let num = |v: f64| fmt.number(v, 0);

    // Columns at least as wide as the widest value; row labels get the rest, up to what they need,
    // wrapped onto two lines, all in one font size (the small one: unit names are long).
    let value_t = Txt::new(FONT).bold();
    let min_cell = values
        .iter()
        .map(|&v| value_t.width(&num(v)))
        .fold(value_t.width(&num(100.0)), f64::max)
        + 4.0;
    let label_t = Txt::new(SMALL).right();
    let widest = row_labels
        .iter()
        .map(|l| label_t.width(&clean(l)))
        .fold(0.0, f64::max);
    let label_room = width - 2.0 * PAD - 6.0 - min_cell * ncol as f64;
    let label_w = widest.min(label_room).max(60.0);
    let grid_left = PAD + label_w + 6.0;
    let cell_w = (width - PAD - grid_left) / ncol as f64;
    let row_lines: Vec<Vec<String>> = row_labels
        .iter()
        .map(|l| wrap(l, SMALL, false, label_w, 2))
        .collect();

    // Column headers: horizontal and wrapped when every word fits its column, else numbered.
    let head_t = Txt::new(SMALL).bold();
    let horizontal = col_labels.iter().all(|l| {
        let lines = wrap(l, SMALL, true, cell_w - 4.0, 3);
        !lines.last().is_some_and(|l| l.ends_with('…')) && lines.iter().all(|l| !l.ends_with('-'))
    });
    let heads: Vec<Vec<String>> = col_labels
        .iter()
        .enumerate()
        .map(|(c, l)| {
            if horizontal {
                wrap(l, SMALL, true, cell_w - 4.0, 3)
            } else {
                vec![(c + 1).to_string()]
            }
        })
        .collect();
    // The key: "1  Communication and response time", one entry per column, names wrapped.
    let key_num_w = head_t.width(&ncol.to_string()).max(head_t.width("0"));
    let key_text_x = PAD + key_num_w + 8.0;
    let key: Vec<Vec<String>> = if horizontal {
        Vec::new()
    } else {
        col_labels
            .iter()
            .map(|l| wrap(l, FONT, false, width - PAD - key_text_x, 3))
            .collect()
    };
    let key_h = if key.is_empty() {
        0.0
    } else {
        key.iter().map(|k| k.len() as f64 * LINE + 3.0).sum::<f64>() + 10.0
    };
    let head_h = heads.iter().map(Vec::len).max().unwrap_or(1) as f64 * ROW_LINE + 8.0;
    let top = PAD + key_h + head_h;
    // Each row's top, with a header line before the first row of every region.
    let grouped =
        row_groups.len() == row_labels.len() && row_groups.windows(2).any(|w| w[0] != w[1]);
    let mut row_y = Vec::with_capacity(row_labels.len());
    let mut group_heads: Vec<(usize, f64, &str)> = Vec::new();
    let mut y = top;
    for r in 0..row_labels.len() {
        if grouped && (r == 0 || row_groups[r] != row_groups[r - 1]) {
            group_heads.push((r, y, row_groups[r].as_str()));
            y += GROUP_H;
        }
        row_y.push(y);
        y += CELL_H;
    }
    let grid_bottom = y;

    // Legend below the grid: the scale title, the colour scale, then hidden and missing.
    let scale_w = 200.0_f64.min(width - 2.0 * PAD - 8.0);
    let legend_items: Vec<(f64, &str)> = vec![(22.0, labels.hidden), (22.0, labels.missing)];
    let (_, legend_h) = legend_layout(&legend_items, PAD, 0.0, width - 2.0 * PAD);
    let scale_title = wrap(labels.scale, FONT, false, width - 2.0 * PAD, 2);
    let legend_top = grid_bottom + 14.0;
    let scale_top = legend_top + scale_title.len() as f64 * LINE + 2.0;
    let items_top = scale_top + 44.0;
    let height = items_top + legend_h + PAD;
    let hatch_id = format!("{}-hatch", safe_id(id));

    let svg = draw_svg(id, "heatmap", title, desc, height, |pen| {
        pen.def(format!(
            "<pattern id=\"{hatch_id}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" \
             patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#d4d4d4\"/>\
             <rect width=\"3\" height=\"8\" fill=\"#6e6e6e\"/></pattern>"
        ));
        let hatch = pen.special(
            format!("fill=\"url(#{hatch_id})\""),
            format!("stroke=\"url(#{hatch_id})\""),
        );

        let mut ky = PAD;
        for (c, lines) in key.iter().enumerate() {
            pen.text(
                &(c + 1).to_string(),
                PAD + key_num_w,
                ky + LINE / 2.0,
                &Txt::new(FONT).bold().right(),
            );
            for (k, line) in lines.iter().enumerate() {
                pen.text(
                    line,
                    key_text_x,
                    ky + LINE * k as f64 + LINE / 2.0,
                    &Txt::new(FONT),
                );
            }
            ky += lines.len() as f64 * LINE + 3.0;
        }

        for (c, head) in heads.iter().enumerate() {
            let cx = grid_left + cell_w * (c as f64 + 0.5);
            let n = head.len() as f64;
            let t = if horizontal {
                head_t
            } else {
                Txt::new(FONT).bold()
            };
            for (k, line) in head.iter().enumerate() {
                let y = top - 5.0 - (n - 1.0 - k as f64) * ROW_LINE;
                pen.text(line, cx, y, &t.center().bottom());
            }
        }

        let mut heads_left = group_heads.iter().peekable();
        for (r, label) in row_labels.iter().enumerate() {
            if let Some(&(_, y, name)) = heads_left.next_if(|h| h.0 == r) {
                pen.line(&[(PAD, y + 2.0), (width - PAD, y + 2.0)], MUTED, 1);
                for (k, line) in wrap(name, SMALL, false, width - 2.0 * PAD, 1)
                    .iter()
                    .enumerate()
                {
                    pen.text(
                        line,
                        PAD,
                        y + GROUP_H / 2.0 + 3.0 + ROW_LINE * k as f64,
                        &Txt::new(SMALL).bold(),
                    );
                }
            }
            let y = row_y[r];
            let lines = &row_lines[r];
            let y0 = y + CELL_H / 2.0 - (lines.len() as f64 - 1.0) * ROW_LINE / 2.0;
            for (k, line) in lines.iter().enumerate() {
                pen.text(line, PAD + label_w, y0 + ROW_LINE * k as f64, &label_t);
            }
            for (c, col) in col_labels.iter().enumerate() {
                let x0 = grid_left + cell_w * c as f64;
                let (l, t, rr, b) = (x0 + 1.0, y + 1.0, x0 + cell_w - 1.0, y + CELL_H - 1.0);
                let where_ = format!("{}, {}", clean(label), clean(col));
                match get(r, c) {
                    Cell::Value(v) if v.is_finite() => {
                        let color = color_of(v);
                        pen.begin_title(&format!("{where_}: {}", num(v)));
                        pen.rect(l, t, rr, b, solid(color));
                        pen.text(
                            &num(v),
                            x0 + cell_w / 2.0,
                            y + CELL_H / 2.0,
                            &value_t.center().color(solid(text_on(color))),
                        );
                        pen.end_group();
                    }
                    Cell::Hidden => {
                        pen.begin_title(&format!("{where_}: {}", labels.hidden_short));
                        pen.rect(l, t, rr, b, hatch);
                        pen.end_group();
                    }
                    _ => {
                        pen.begin_title(&format!("{where_}: {}", labels.missing));
                        pen.outline(l, t, rr, b, GRID, 1);
                        pen.text(
                            "–",
                            x0 + cell_w / 2.0,
                            y + CELL_H / 2.0,
                            &Txt::new(FONT).center().color(MUTED),
                        );
                        pen.end_group();
                    }
                }
            }
        }

        // Legend: scale title, gradient with its end values, then the hidden and missing swatches.
        for (k, line) in scale_title.iter().enumerate() {
            pen.text(
                line,
                PAD,
                legend_top + LINE * k as f64 + LINE / 2.0,
                &Txt::new(FONT),
            );
        }
        let (sx, sy) = (PAD + 4.0, scale_top);
        let steps = 24;
        for i in 0..steps {
            let a = sx + scale_w * f64::from(i) / f64::from(steps);
            let b = sx + scale_w * f64::from(i + 1) / f64::from(steps);
            pen.rect(
                a,
                sy,
                b + 0.5,
                sy + 18.0,
                solid(ramp((f64::from(i) + 0.5) / f64::from(steps))),
            );
        }
        // Ticks every 25 points; the middle one is the neutral answer.
        let tick = Txt::new(SMALL).top().color(MUTED);
        for k in 0..=4 {
            let v = lo + (hi - lo) * f64::from(k) / 4.0;
            let x = sx + scale_w * f64::from(k) / 4.0;
            pen.line(&[(x, sy + 18.0), (x, sy + 22.0)], MUTED, 1);
            let t = match k {
                0 => tick,
                4 => tick.right(),
                _ => tick.center(),
            };
            pen.text(&num(v), x, sy + 23.0, &t);
        }

        let (pos, _) = legend_layout(&legend_items, PAD, items_top, width - 2.0 * PAD);
        let (hx, hy) = pos[0];
        pen.rect(hx, hy + 3.0, hx + 22.0, hy + 19.0, hatch);
        legend_text(pen, labels.hidden, hx, hy, 22.0);
        let (mx, my) = pos[1];
        pen.outline(mx, my + 3.0, mx + 22.0, my + 19.0, GRID, 1);
        pen.text(
            "–",
            mx + 11.0,
            my + 11.0,
            &Txt::new(FONT).center().color(MUTED),
        );
        legend_text(pen, labels.missing, mx, my, 22.0);
    });

    let mut headers = vec![labels.row.to_string()];
    headers.extend(col_labels.iter().map(|c| clean(c)));
    let rows = row_labels
        .iter()
        .enumerate()
        .map(|(r, label)| {
            let mut row = vec![clean(label)];
            row.extend((0..col_labels.len()).map(|c| match get(r, c) {
                Cell::Value(v) if v.is_finite() => num(v),
                Cell::Hidden => labels.hidden_short.to_string(),
                _ => "–".to_string(),
            }));
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
            links: row_hrefs.to_vec(),
        },
    }
}
