//! EX index against CX index, one point per unit, with an optional fitted line.

use plotters::prelude::*;

use super::{
    AXIS, BLUE, FONT, Figure, GRID, INK, MUTED, NumberFormat, ORANGE, PAD, SMALL, Shape, Table,
    Txt, WIDTH, ceil_to, clean, draw_svg, floor_to, legend_layout, legend_text, solid,
};

/// One unit.
#[derive(Clone, Debug)]
pub struct ScatterPoint {
    pub label: String,
    /// Relative link to the unit's page.
    pub href: Option<String>,
    /// EX index, 0–100.
    pub x: f64,
    /// CX index, 0–100.
    pub y: f64,
    /// Drawn larger, as a diamond, and labelled.
    pub highlight: bool,
}

/// Translated texts for [`render_scatter`].
#[derive(Clone, Debug)]
pub struct ScatterLabels<'a> {
    /// Axis title, e.g. "EX index".
    pub x_axis: &'a str,
    /// Axis title, e.g. "CX index".
    pub y_axis: &'a str,
    /// Short name in tooltips and table headers, e.g. "EX".
    pub x_short: &'a str,
    pub y_short: &'a str,
    /// Table header for the point labels, e.g. "Unit".
    pub point: &'a str,
    /// Legend entry for the fitted line, e.g. "Fitted line".
    pub fit: &'a str,
}

/// Axis end points: the data range padded and rounded to fives, at least 20 wide, within 0–100.
fn axis_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 100.0);
    }
    let pad = ((hi - lo) * 0.08).max(3.0);
    let (mut lo, mut hi) = (
        floor_to(lo - pad, 5.0).max(0.0),
        ceil_to(hi + pad, 5.0).min(100.0),
    );
    while hi - lo < 20.0 {
        if lo > 0.0 {
            lo -= 5.0;
        }
        if hi < 100.0 && hi - lo < 20.0 {
            hi += 5.0;
        }
    }
    (lo, hi)
}

/// The part of y = a + b·x inside the box, if any.
fn clip_line(
    (a, b): (f64, f64),
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    if !a.is_finite() || !b.is_finite() {
        return None;
    }
    let (mut lo, mut hi) = (x0, x1);
    if b.abs() < 1e-12 {
        if a < y0 || a > y1 {
            return None;
        }
    } else {
        let (xa, xb) = ((y0 - a) / b, (y1 - a) / b);
        lo = lo.max(xa.min(xb));
        hi = hi.min(xa.max(xb));
    }
    if hi <= lo {
        return None;
    }
    Some(((lo, a + b * lo), (hi, a + b * hi)))
}

/// A scatter plot of units: EX index (x) against CX index (y).
pub fn render_scatter(
    id: &str,
    points: &[ScatterPoint],
    fit: Option<(f64, f64)>,
    labels: &ScatterLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let points: Vec<&ScatterPoint> = points
        .iter()
        .filter(|p| p.x.is_finite() && p.y.is_finite())
        .collect();
    let xr = axis_range(points.iter().map(|p| p.x));
    let yr = axis_range(points.iter().map(|p| p.y));
    let width = f64::from(WIDTH);

    // Header: y axis title on the left, fitted-line legend on the right (or below when narrow).
    let y_title_w = Txt::new(FONT).bold().width(labels.y_axis);
    let legend: Vec<(f64, &str)> = if fit.is_some() {
        vec![(28.0, labels.fit)]
    } else {
        vec![]
    };
    let legend_w: f64 = legend
        .iter()
        .map(|(s, l)| s + 6.0 + Txt::new(FONT).width(l))
        .sum();
    let legend_same_line = PAD + y_title_w + 24.0 + legend_w <= width - PAD;
    // The title's line ends above the top tick label, which is centred on the plot's top edge.
    let header = if legend.is_empty() || legend_same_line {
        36.0
    } else {
        let (_, legend_h) = legend_layout(&legend, PAD, PAD + 22.0, width - 2.0 * PAD);
        PAD + 22.0 + legend_h + 14.0
    };
    let plot_h = 320.0;
    let bottom = 62.0;
    let height = header + plot_h + bottom;

    let svg = draw_svg(id, "scatter", title, desc, height, |pen| {
        pen.text(labels.y_axis, PAD, PAD + 10.0, &Txt::new(FONT).bold());
        if fit.is_some() {
            // One unit of slack: the legend's text must not wrap on a rounding difference.
            let (x, y) = if legend_same_line {
                (width - PAD - legend_w - 1.0, PAD)
            } else {
                (PAD, PAD + 22.0)
            };
            let (pos, _) = legend_layout(&legend, x, y, width - 2.0 * PAD);
            let (lx, ly) = pos[0];
            let fit_paint = fit_paint(pen);
            pen.line(&[(lx, ly + 11.0), (lx + 28.0, ly + 11.0)], fit_paint, 2);
            legend_text(pen, labels.fit, lx, ly, 28.0);
        }

        let x_fmt = |v: &f64| tick(fmt, *v);
        let y_fmt = |v: &f64| tick(fmt, *v);
        let mut chart = ChartBuilder::on(pen.area)
            .margin_top(header as i32)
            .margin_left(PAD as i32)
            .margin_right(14)
            .margin_bottom(30)
            .x_label_area_size(30)
            .y_label_area_size(38)
            .build_cartesian_2d(xr.0..xr.1, yr.0..yr.1)
            .expect("chart layout");
        chart
            .configure_mesh()
            .x_labels(7)
            .y_labels(7)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .max_light_lines(0)
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(AXIS)
            .label_style(Txt::new(SMALL).color(MUTED).style())
            .draw()
            .ok();

        let (px, py) = chart.plotting_area().get_pixel_range();
        let (left, right) = (f64::from(px.start), f64::from(px.end));
        let plot_bottom = f64::from(py.end);
        pen.text(
            labels.x_axis,
            (left + right) / 2.0,
            plot_bottom + 32.0,
            &Txt::new(FONT).bold().center().top(),
        );

        let to_px = |x: f64, y: f64| {
            let (a, b) = chart.backend_coord(&(x, y));
            (f64::from(a), f64::from(b))
        };
        if let Some(((x0, y0), (x1, y1))) = fit.and_then(|f| clip_line(f, xr, yr)) {
            let paint = fit_paint(pen);
            pen.line(&[to_px(x0, y0), to_px(x1, y1)], paint, 2);
        }

        let tooltip = |p: &ScatterPoint| {
            format!(
                "{}: {} {}, {} {}",
                clean(&p.label),
                labels.x_short,
                fmt.number(p.x, 0),
                labels.y_short,
                fmt.number(p.y, 0)
            )
        };
        // Ordinary points first, highlighted ones on top.
        for highlight in [false, true] {
            for p in points.iter().filter(|p| p.highlight == highlight) {
                let (x, y) = to_px(p.x, p.y);
                pen.begin_title(&tooltip(p));
                if p.highlight {
                    pen.marker(Shape::Diamond, x, y, 7.0, INK);
                    pen.marker(Shape::Diamond, x, y, 5.5, solid(ORANGE));
                } else {
                    // A faint ring in the text colour keeps points and overlaps visible on dark pages.
                    pen.circle(x, y, 5.0, solid(BLUE));
                    pen.ring(x, y, 6.0, RGBAColor(0, 0, 0, 0.45), 1);
                }
                pen.end_group();
            }
        }
        // Labels: the highlighted points' first, each at the best of four places (right or
        // left, above or below) that stays inside the plot and clears the fitted line, the other
        // points and the labels already placed; then the extremes (lowest and highest EX and CX),
        // each only where such a place is entirely free, so no label ever overlaps another.
        let fit_px = fit
            .and_then(|f| clip_line(f, xr, yr))
            .map(|((x0, y0), (x1, y1))| (to_px(x0, y0), to_px(x1, y1)));
        let others: Vec<(f64, f64)> = points.iter().map(|q| to_px(q.x, q.y)).collect();
        let (top, bottom) = (f64::from(py.start), plot_bottom);
        let mut placed: Vec<[f64; 4]> = Vec::new();
        let mut place = |pen: &mut super::Pen, p: &ScatterPoint, t: Txt, must: bool| {
            let (x, y) = to_px(p.x, p.y);
            let label = clean(&p.label);
            let w = t.width(&label);
            let h = t.size * 1.2;
            let boxes = [
                (x + 10.0, y - 14.0, false),
                (x + 10.0, y + 16.0, false),
                (x - 10.0, y - 14.0, true),
                (x - 10.0, y + 16.0, true),
            ]
            .map(|(lx, ly, to_left)| {
                // Highlighted labels slide inside the plot rather than leave it.
                let lx = match (to_left, must) {
                    (true, true) => lx.max(left + w),
                    (false, true) => lx.min(right - w),
                    _ => lx,
                };
                let x0 = if to_left { lx - w } else { lx };
                ([x0, ly - h / 2.0, x0 + w, ly + h / 2.0], to_left)
            });
            let score = |&[x0, y0, x1, y1]: &[f64; 4]| {
                let mut s = 0;
                if x0 < left || x1 > right || y0 < top || y1 > bottom {
                    s += 100;
                }
                s += 50
                    * placed
                        .iter()
                        .filter(|b| x0 < b[2] + 4.0 && b[0] < x1 + 4.0 && y0 < b[3] && b[1] < y1)
                        .count();
                s += 10
                    * others
                        .iter()
                        .filter(|&&(ox, oy)| {
                            (ox, oy) != (x, y)
                                && ox > x0 - 6.0
                                && ox < x1 + 6.0
                                && oy > y0 - 6.0
                                && oy < y1 + 6.0
                        })
                        .count();
                if let Some(((ax, ay), (bx, by))) = fit_px {
                    // The fitted line's height over the label's span (it is straight).
                    let at = |xx: f64| ay + (by - ay) * (xx - ax) / (bx - ax);
                    let (s0, s1) = (x0.max(ax.min(bx)), x1.min(ax.max(bx)));
                    if s0 < s1 && (bx - ax).abs() > 1e-9 {
                        let (ya, yb) = (at(s0), at(s1));
                        if ya.min(yb) < y1 + 2.0 && ya.max(yb) > y0 - 2.0 {
                            s += 5;
                        }
                    }
                }
                s
            };
            let Some(((best, to_left), s)) = boxes
                .iter()
                .map(|&(b, to_left)| ((b, to_left), score(&b)))
                .min_by_key(|&(_, s)| s)
            else {
                return;
            };
            if !must && s > 0 {
                return;
            }
            // A label left of its point ends next to it: the width above is an estimate, and a
            // label drawn from its estimated start would end short of the point, detached.
            let (tx, t) = if to_left {
                (best[2], t.right())
            } else {
                (best[0], t)
            };
            pen.text(&label, tx, (best[1] + best[3]) / 2.0, &t);
            placed.push(best);
        };
        for p in points.iter().filter(|p| p.highlight) {
            place(pen, p, Txt::new(FONT).bold(), true);
        }
        for p in extremes(&points) {
            if !p.highlight {
                place(pen, p, Txt::new(SMALL).color(MUTED), false);
            }
        }
    });

    let mut sorted: Vec<&&ScatterPoint> = points.iter().collect();
    sorted.sort_by_cached_key(|p| clean(&p.label));
    let rows: Vec<Vec<String>> = sorted
        .iter()
        .map(|p| vec![clean(&p.label), fmt.number(p.x, 1), fmt.number(p.y, 1)])
        .collect();
    let links = sorted.iter().map(|p| p.href.clone()).collect();
    Figure {
        id: id.to_string(),
        title: title.to_string(),
        desc: desc.to_string(),
        svg,
        table: Table {
            headers: vec![
                labels.point.to_string(),
                labels.x_axis.to_string(),
                labels.y_axis.to_string(),
            ],
            rows,
            links,
        },
    }
}

/// The points with the lowest and highest EX and CX index, each once, in that order (the first
/// in input order where values tie).
fn extremes<'a>(points: &[&'a ScatterPoint]) -> Vec<&'a ScatterPoint> {
    let pick = |key: fn(&ScatterPoint) -> f64, high: bool| {
        points.iter().copied().reduce(|best, p| {
            let better = if high {
                key(p) > key(best)
            } else {
                key(p) < key(best)
            };
            if better { p } else { best }
        })
    };
    let mut out: Vec<&ScatterPoint> = Vec::new();
    let ex: fn(&ScatterPoint) -> f64 = |p| p.x;
    let cx: fn(&ScatterPoint) -> f64 = |p| p.y;
    for (key, high) in [(ex, false), (ex, true), (cx, false), (cx, true)] {
        if let Some(p) = pick(key, high)
            && !out.iter().any(|q| std::ptr::eq(*q, p))
        {
            out.push(p);
        }
    }
    out
}

fn fit_paint(pen: &mut super::Pen) -> RGBAColor {
    pen.special(
        "fill=\"currentColor\"".to_string(),
        "stroke=\"currentColor\" stroke-opacity=\"0.7\" stroke-dasharray=\"8 5\"".to_string(),
    )
}

/// Tick label: whole numbers without decimals, others with one.
pub(crate) fn tick(fmt: NumberFormat, v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        fmt.number(v, 0)
    } else {
        fmt.number(v, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_is_padded_and_bounded() {
        assert_eq!(axis_range([60.0, 80.0].into_iter()), (55.0, 85.0));
        assert_eq!(axis_range([99.0].into_iter()), (80.0, 100.0));
        assert_eq!(axis_range(std::iter::empty()), (0.0, 100.0));
    }

    #[test]
    fn line_is_clipped() {
        let ((x0, y0), (x1, y1)) = clip_line((0.0, 2.0), (0.0, 100.0), (0.0, 100.0)).unwrap();
        assert_eq!((x0, y0, x1, y1), (0.0, 0.0, 50.0, 100.0));
        assert!(clip_line((200.0, 0.0), (0.0, 100.0), (0.0, 100.0)).is_none());
    }
}
