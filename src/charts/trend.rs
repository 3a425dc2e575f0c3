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

/// "2026-Q3" as ("2026", "Q3"); `None` unless both parts are there.
fn split_period(p: &str) -> Option<(String, String)> {
    let p = clean(p);
    let (a, b) = p.split_once('-')?;
    (!a.trim().is_empty() && !b.trim().is_empty())
        .then(|| (a.trim().to_string(), b.trim().to_string()))
}

/// The year in a period label: its first run of exactly four digits ("2026-Q3", "Q3/2026",
/// "kesäkuu 2026"), if any.
fn year_of(label: &str) -> Option<&str> {
    let bytes = label.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                return Some(&label[start..i]);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Where the year changes: the positions between period `i - 1` and `i`, as `i`.
pub(crate) fn year_boundaries(periods: &[String]) -> Vec<usize> {
    (1..periods.len())
        .filter(|&i| {
            matches!((year_of(&periods[i - 1]), year_of(&periods[i])), (Some(a), Some(b)) if a != b)
        })
        .collect()
}

/// Every `step`-th index counted back from the last.
fn thinned(n: usize, step: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).rev().step_by(step.max(1)).collect();
    v.reverse();
    v
}

/// Labels below the plot for periods at `xs` (plot from `l` to `r`).
fn period_axis(pen: &mut Pen, periods: &[String], xs: &[f64], (l, r): (f64, f64), y: f64) {
    let n = xs.len();
    let slot = if n > 1 {
        (xs[n - 1] - xs[0]) / (n - 1) as f64
    } else {
        r - l
    };
    let t = Txt::new(SMALL).center().top().color(MUTED);
    let step_for = |widest: f64| ((widest + 8.0) / slot).ceil().max(1.0) as usize;
    let whole_step = step_for(periods.iter().map(|p| t.width(p)).fold(0.0, f64::max));
    let split: Option<Vec<(String, String)>> = periods.iter().map(|p| split_period(p)).collect();
    let tick = |pen: &mut Pen, x: f64| pen.line(&[(x, y), (x, y + 5.0)], AXIS, 1);
    match split {
        Some(parts)
            if step_for(parts.iter().map(|(_, b)| t.width(b)).fold(0.0, f64::max)) < whole_step =>
        {
            let step = step_for(parts.iter().map(|(_, b)| t.width(b)).fold(0.0, f64::max));
            for i in thinned(n, step) {
                tick(pen, xs[i]);
                pen.text(&parts[i].1, xs[i], y + 7.0, &t);
            }
            // Each year once, centred under its periods (kept inside the plot and apart from its
            // neighbours), with a divider where the year changes if it clears the labels.
            let mut start = 0;
            let mut placed: Vec<(f64, f64)> = Vec::new();
            let mut dividers = Vec::new();
            while start < n {
                let mut end = start;
                while end + 1 < n && parts[end + 1].0 == parts[start].0 {
                    end += 1;
                }
                if start > 0 {
                    dividers.push((xs[start - 1] + xs[start]) / 2.0);
                }
                let label = &parts[start].0;
                let half = t.width(label) / 2.0;
                let lo = if start == 0 {
                    l - 4.0
                } else {
                    (xs[start - 1] + xs[start]) / 2.0
                };
                let hi = if end + 1 == n {
                    r + 30.0
                } else {
                    (xs[end] + xs[end + 1]) / 2.0
                };
                let cx = ((xs[start] + xs[end]) / 2.0).max(lo + half).min(hi - half);
                let last_right = placed.last().map_or(f64::NEG_INFINITY, |&(_, b)| b);
                if cx - half >= last_right + 6.0 {
                    pen.text(label, cx, y + 25.0, &t);
                    placed.push((cx - half, cx + half));
                }
                start = end + 1;
            }
            for bx in dividers {
                if placed.iter().all(|&(a, b)| bx < a - 4.0 || bx > b + 4.0) {
                    pen.line(&[(bx, y + 24.0), (bx, y + 40.0)], GRID, 1);
                }
            }
        }
        _ => {
            for i in thinned(n, whole_step) {
                tick(pen, xs[i]);
                pen.text(&periods[i], xs[i], y + 7.0, &t);
            }
        }
    }
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
    // The axis title's line ends above the top tick label, which is centred on the plot's top.
    let header = PAD + legend_h + 36.0;
    let plot_h = 250.0;
    let bottom = 52.0;
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
        pen.text(labels.y_axis, PAD, header - 19.0, &Txt::new(FONT).bold());

        let y_fmt = |v: &f64| tick(fmt, *v);
        let x_max = (n.max(1) as f64) - 0.5;
        let mut chart = ChartBuilder::on(pen.area)
            .margin_top(header as i32)
            .margin_left(PAD as i32)
            .margin_right(40)
            .margin_bottom(6)
            .x_label_area_size(46)
            .y_label_area_size(40)
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

        // Period labels: "2026-Q3" as "Q3" with "2026" on a second line under its year, or whole
        // labels thinned from the latest backwards, whichever labels more periods.
        if n > 0 {
            let xs: Vec<f64> = (0..n).map(|i| to_px(i, y0).0).collect();
            let (l, r) = (f64::from(px.start), f64::from(px.end));
            period_axis(pen, periods, &xs, (l, r), plot_bottom);
            // Every year boundary as a faint line through the plot, whatever the labels show.
            for i in year_boundaries(periods) {
                let bx = (xs[i - 1] + xs[i]) / 2.0;
                pen.line(
                    &[(bx, f64::from(py.start)), (bx, plot_bottom)],
                    RGBAColor(0, 0, 0, 0.3),
                    1,
                );
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
        table: Table {
            headers,
            rows,
            links: Vec::new(),
        },
    }
}
