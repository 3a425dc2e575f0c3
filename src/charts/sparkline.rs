//! A tiny line for KPI tiles.

use super::trend::segments;
use super::{INK, NumberFormat, clean, draw_into, escape};

/// Drawn at twice the displayed size so that plotters' whole-unit coordinates stay smooth.
const W: u32 = 240;
const H: u32 = 64;

/// An inline `<svg>` of about 120 × 32 CSS pixels in the text colour: `None` values are gaps and
/// the last value is marked. `label` becomes its `aria-label` (and hover title), e.g.
/// "EX index over the last 6 periods: 68, 70, –, 72".
pub fn sparkline(values: &[Option<f64>], fmt: NumberFormat, label: &str) -> String {
    let present: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let (lo, hi) = present
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if !lo.is_finite() {
        (0.0, 1.0)
    } else if hi - lo < 1e-9 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let n = values.len();
    let x = |i: usize| {
        if n <= 1 {
            f64::from(W) / 2.0
        } else {
            8.0 + (f64::from(W) - 20.0) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| 8.0 + (f64::from(H) - 16.0) * (hi - v) / (hi - lo);

    let header = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"120\" height=\"32\" \
         role=\"img\" aria-label=\"{}\" class=\"sparkline\">\n<title>{}</title>\n",
        escape(&clean(label)),
        escape(&clean(label)),
    );
    draw_into(header, (W, H), |pen| {
        for seg in segments(values) {
            if seg.len() > 1 {
                let pts: Vec<(f64, f64)> = seg.iter().map(|&(i, v)| (x(i), y(v))).collect();
                pen.line(&pts, INK, 3);
            } else if let Some(&(i, v)) = seg.first() {
                pen.circle(x(i), y(v), 3.0, INK);
            }
        }
        if let Some((i, v)) = values
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        {
            pen.begin_title(&fmt.number(v, 0));
            pen.circle(x(i), y(v), 6.0, INK);
            pen.end_group();
        }
    })
}
