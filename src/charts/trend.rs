//! Lines over periods: EX and CX index (0–100) or eNPS and NPS (−100…100, with a zero line).

use plotters::prelude::*;

use super::scatter::tick;
use super::{
    AXIS, BLUE, EXTRA, FONT, Figure, GRID, INK, MUTED, NumberFormat, ORANGE, PAD, Pen, SMALL,
    Shape, Table, Txt, WIDTH, cell, clean, draw_svg, legend_layout, legend_text, solid,
};

/// One line. Series are styled by position: the first as EX (blue, solid, circles), the second as
/// CX (orange, dashed, squares), then green dotted diamonds, purple dash-dot triangles, olive.
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    /// One value per period; `None` is a gap in the line, never a zero.
    pub values: Vec<Option<f64>>,
}

/// Translated texts for [`render_trend`].
#[derive(Clone, Debug)]
pub struct TrendLabels<'a> {
    /// Title of the value axis, e.g. "Index (0–100)" or "eNPS / NPS".
    pub y_axis: &'a str,
    /// Table header for the period column, e.g. "Period".
    pub period: &'a str,
    /// Decimals in tooltips, end labels and the table (tick labels are whole numbers).
    pub decimals: usize,
}

struct Style {
    color: RGBColor,
    dash: Option<&'static str>,
    shape: Shape,
}

fn style(i: usize) -> Style {
    match i {
        0 => Style {
            color: BLUE,
            dash: None,
            shape: Shape::Circle,
        },
        1 => Style {
            color: ORANGE,
            dash: Some("9 5"),
            shape: Shape::Square,
        },
        2 => Style {
            color: EXTRA[0],
            dash: Some("2 4"),
            shape: Shape::Diamond,
        },
        3 => Style {
            color: EXTRA[1],
            dash: Some("12 4 3 4"),
            shape: Shape::Triangle,
        },
        _ => Style {
            color: EXTRA[2],
            dash: Some("5 3"),
            shape: Shape::Circle,
        },
    }
}

fn line_paint(pen: &mut Pen, s: &Style) -> RGBAColor {
    match s.dash {
        Some(d) => pen.dashed(s.color, d),
        None => solid(s.color),
    }
}

/// Runs of consecutive present values: (period index, value).
pub(crate) fn segments(values: &[Option<f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => current.push((i, *v)),
            _ => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A line chart over periods.
#[allow(clippy::too_many_arguments)]
pub fn render_trend(
    id: &str,
    periods: &[String],
    series: &[Series],
    y_range: (f64, f64),
    labels: &TrendLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let n = periods.len();
    let (y0, y1) = if y_range.0 < y_range.1 {
        y_range
    } else {
        (0.0, 100.0)
    };
    let width = f64::from(WIDTH);
    let names: Vec<String> = series.iter().map(|s| clean(&s.name)).collect();
    let legend_items: Vec<(f64, &str)> = names.iter().map(|s| (34.0, s.as_str())).collect();
    let (_, legend_h) = legend_layout(&legend_items, PAD, PAD, width - 2.0 * PAD);
    let header = PAD + legend_h + 30.0;
    let plot_h = 270.0;
    let bottom = 36.0;
    let height = header + plot_h + bottom;
    let value = |v: f64| fmt.number(v, labels.decimals);

    let svg = draw_svg(id, "trend", title, desc, height, |pen| {
        // Legend.
        let (pos, _) = legend_layout(&legend_items, PAD, PAD, width - 2.0 * PAD);
        for (i, (x, y)) in pos.into_iter().enumerate() {
            let s = style(i);
            let paint = line_paint(pen, &s);
            pen.line(&[(x, y + 11.0), (x + 34.0, y + 11.0)], paint, 3);
            pen.marker(s.shape, x + 17.0, y + 11.0, 5.0, solid(s.color));
            legend_text(pen, &names[i], x, y, 34.0);
        }
        pen.text(labels.y_axis, PAD, header - 14.0, &Txt::new(FONT).bold());

        let y_fmt = |v: &f64| tick(fmt, *v);
        let x_max = (n.max(1) as f64) - 0.5;
        let mut chart = ChartBuilder::on(pen.area)
            .margin_top(header as i32)
            .margin_left(PAD as i32)
            .margin_right(52)
            .margin_bottom(6)
            .x_label_area_size(30)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5..x_max, y0..y1)
            .expect("chart layout");
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&y_fmt)
            .max_light_lines(0)
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(AXIS)
            .label_style(Txt::new(SMALL).color(MUTED).style())
            .draw()
            .ok();
        let (px, py) = chart.plotting_area().get_pixel_range();
        let plot_bottom = f64::from(py.end);
        let to_px = |i: usize, v: f64| {
            let (a, b) = chart.backend_coord(&(i as f64, v.clamp(y0, y1)));
            (f64::from(a), f64::from(b))
        };

        if y0 < 0.0 && y1 > 0.0 {
            let (_, zy) = to_px(0, 0.0);
            pen.line(
                &[(f64::from(px.start), zy), (f64::from(px.end), zy)],
                RGBAColor(0, 0, 0, 0.7),
                2,
            );
        }

        // Period labels, thinned from the latest backwards so that they never overlap.
        if n > 0 {
            let slot = (f64::from(px.end) - f64::from(px.start)) / n as f64;
            let widest = periods
                .iter()
                .map(|p| Txt::new(SMALL).width(p))
                .fold(0.0, f64::max);
            let step = ((widest + 10.0) / slot).ceil().max(1.0) as usize;
            let t = Txt::new(SMALL).center().top().color(MUTED);
            for i in (0..n).rev().step_by(step) {
                let (x, _) = to_px(i, y0);
                pen.line(&[(x, plot_bottom), (x, plot_bottom + 5.0)], AXIS, 1);
                pen.text(&periods[i], x, plot_bottom + 8.0, &t);
            }
        }

        // Lines, then markers with tooltips.
        let mut ends: Vec<(f64, f64, String, RGBColor)> = Vec::new();
        for (si, s) in series.iter().enumerate() {
            let st = style(si);
            let values = &s.values[..s.values.len().min(n)];
            let paint = line_paint(pen, &st);
            for seg in segments(values) {
                if seg.len() > 1 {
                    let pts: Vec<(f64, f64)> = seg.iter().map(|&(i, v)| to_px(i, v)).collect();
                    pen.line(&pts, paint, 3);
                }
            }
            for seg in segments(values) {
                for &(i, v) in &seg {
                    let (x, y) = to_px(i, v);
                    pen.begin_title(&format!(
                        "{}, {}: {}",
                        names[si],
                        clean(&periods[i]),
                        value(v)
                    ));
                    pen.marker(st.shape, x, y, 5.5, solid(st.color));
                    pen.end_group();
                }
            }
            if let Some(Some(v)) = values.last()
                && v.is_finite()
                && values.len() == n
            {
                let (x, y) = to_px(n - 1, *v);
                ends.push((x, y, value(*v), st.color));
            }
        }
        // End labels, pushed apart vertically.
        ends.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut last_y = f64::NEG_INFINITY;
        for (x, y, text, _) in &ends {
            let y = y.max(last_y + 16.0);
            last_y = y;
            pen.text(text, x + 10.0, y, &Txt::new(SMALL).bold().color(INK));
        }
    });

    let headers = std::iter::once(labels.period.to_string())
        .chain(names.iter().cloned())
        .collect();
    let rows = periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            std::iter::once(clean(p))
                .chain(
                    series
                        .iter()
                        .map(|s| cell(s.values.get(i).copied().flatten(), value)),
                )
                .collect()
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
