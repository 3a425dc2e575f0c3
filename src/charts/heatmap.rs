//! Units × factors heatmap: a single-hue blue scale, the value printed in every cell, hidden cells
//! hatched, missing cells shown as "–".

use plotters::prelude::*;

use super::{
    FONT, Figure, GRID, MUTED, NumberFormat, PAD, SMALL, Table, Txt, WIDTH, ceil_to, clean,
    draw_svg, escape, floor_to, legend_layout, legend_text, safe_id, solid, text_on, text_width,
    wrap,
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

/// ColorBrewer Blues, from light to dark (lightness falls monotonically, so greyscale keeps order).
const RAMP: [RGBColor; 8] = [
    RGBColor(0xde, 0xeb, 0xf7),
    RGBColor(0xc6, 0xdb, 0xef),
    RGBColor(0x9e, 0xca, 0xe1),
    RGBColor(0x6b, 0xae, 0xd6),
    RGBColor(0x42, 0x92, 0xc6),
    RGBColor(0x21, 0x71, 0xb5),
    RGBColor(0x08, 0x51, 0x9c),
    RGBColor(0x08, 0x30, 0x6b),
];

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

const CELL_H: f64 = 36.0;
/// sin 45°: how far slanted text reaches up (and sideways) per unit of its length.
const SLANT: f64 = std::f64::consts::FRAC_1_SQRT_2;
const LINE: f64 = 17.0;

/// A heatmap of units (rows) by factors (columns).
#[allow(clippy::too_many_arguments)]
pub fn render_heatmap(
    id: &str,
    row_labels: &[String],
    row_hrefs: &[Option<String>],
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
    let (mut lo, mut hi) = (
        floor_to(values.iter().copied().fold(f64::INFINITY, f64::min), 10.0),
        ceil_to(
            values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            10.0,
        ),
    );
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (0.0, 100.0);
    }
    while hi - lo < 20.0 {
        if lo >= 10.0 {
            lo -= 10.0;
        } else {
            hi += 10.0;
        }
    }
    let color_of = |v: f64| ramp((v - lo) / (hi - lo));

    let label_t = Txt::new(FONT);
    let widest = row_labels
        .iter()
        .map(|l| label_t.width(&clean(l)))
        .fold(0.0, f64::max);
    let label_w = widest.clamp(60.0, 150.0);

    // Column headers: wrapped horizontally when every word fits a column, otherwise slanted at
    // 45° ending at their column (plotters only turns text by right angles, so these are raw SVG).
    let head_t = Txt::new(SMALL).bold();
    let mut grid_left = PAD + label_w + 10.0;
    let mut cell_w = (width - PAD - grid_left) / ncol as f64;
    let slanted = col_labels.iter().any(|l| {
        clean(l)
            .split(' ')
            .any(|w| text_width(w, SMALL, true) > cell_w - 6.0)
    });
    let heads: Vec<Vec<String>> = col_labels
        .iter()
        .map(|l| {
            if slanted {
                wrap(l, SMALL, true, 170.0, 1)
            } else {
                wrap(l, SMALL, true, cell_w - 6.0, 3)
            }
        })
        .collect();
    let head_h = if slanted {
        let longest = heads
            .iter()
            .map(|h| head_t.width(&h[0]))
            .fold(0.0, f64::max);
        // Make room on the left for the first columns' slanted text.
        let overflow = heads
            .iter()
            .enumerate()
            .map(|(c, h)| {
                head_t.width(&h[0]) * SLANT - (c as f64 + 0.5) * cell_w - (label_w + 10.0)
            })
            .fold(0.0, f64::max);
        grid_left += overflow;
        cell_w = (width - PAD - grid_left) / ncol as f64;
        longest * SLANT + 18.0
    } else {
        heads.iter().map(Vec::len).max().unwrap_or(1) as f64 * LINE + 8.0
    };
    let top = PAD + head_h;
    let rows_n = row_labels.len();
    let grid_bottom = top + CELL_H * rows_n as f64;

    // Legend below the grid: the colour scale, then hidden and missing.
    let scale_w = 180.0;
    let legend_items: Vec<(f64, &str)> = vec![(22.0, labels.hidden), (22.0, labels.missing)];
    let (_, legend_h) = legend_layout(&legend_items, PAD, 0.0, width - 2.0 * PAD);
    let legend_top = grid_bottom + 16.0;
    let height = legend_top + 44.0 + legend_h + PAD;
    let hatch_id = format!("{}-hatch", safe_id(id));
    let num = |v: f64| fmt.number(v, 0);

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

        for (c, head) in heads.iter().enumerate() {
            let cx = grid_left + cell_w * (c as f64 + 0.5);
            if slanted {
                let (x, y) = ((cx + 4.0).round(), (top - 8.0).round());
                pen.raw(format!(
                    "<text x=\"{x}\" y=\"{y}\" transform=\"rotate(45 {x} {y})\" text-anchor=\"end\" \
                     font-size=\"{SMALL}\" font-weight=\"bold\" fill=\"currentColor\">{}</text>",
                    escape(&head[0])
                ));
            } else {
                let n = head.len() as f64;
                for (k, line) in head.iter().enumerate() {
                    let y = top - 6.0 - (n - 1.0 - k as f64) * LINE;
                    pen.text(line, cx, y, &head_t.center().bottom());
                }
            }
        }

        for (r, label) in row_labels.iter().enumerate() {
            let y = top + CELL_H * r as f64;
            let lines = wrap(label, FONT, false, label_w, 2);
            let size = if lines.len() > 1 { SMALL } else { FONT };
            let lines = if lines.len() > 1 {
                wrap(label, SMALL, false, label_w, 2)
            } else {
                lines
            };
            let link = pen.begin_link(row_hrefs.get(r).and_then(|h| h.as_deref()));
            let y0 = y + CELL_H / 2.0 - (lines.len() as f64 - 1.0) * 8.0;
            for (k, line) in lines.iter().enumerate() {
                pen.text(
                    line,
                    PAD + label_w,
                    y0 + 16.0 * k as f64,
                    &Txt::new(size).right(),
                );
            }
            pen.end_link(link);
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
                            &Txt::new(FONT).bold().center().color(solid(text_on(color))),
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
        let scale_title_w = Txt::new(FONT).width(labels.scale) + 12.0;
        let (sx, sy) = (PAD + scale_title_w, legend_top);
        pen.text(labels.scale, PAD, sy + 9.0, &Txt::new(FONT));
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
        let tick = Txt::new(SMALL).top().color(MUTED);
        pen.text(&num(lo), sx, sy + 21.0, &tick);
        pen.text(
            &num((lo + hi) / 2.0),
            sx + scale_w / 2.0,
            sy + 21.0,
            &tick.center(),
        );
        pen.text(&num(hi), sx + scale_w, sy + 21.0, &tick.right());

        let (pos, _) = legend_layout(&legend_items, PAD, legend_top + 44.0, width - 2.0 * PAD);
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
        table: Table { headers, rows },
    }
}
