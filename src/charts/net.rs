//! eNPS / NPS composition: 100 % stacked bars of detractors, passives and promoters, with the
//! score at the end of each bar.

use super::likert::{BAR, Outside, segment};
use super::{
    BLUE, BarRows, FONT, Figure, GREY, GRID, LINE, MUTED, NumberFormat, PAD, RED, SMALL, Table,
    Txt, WIDTH, bar_rows, clean, draw_svg, legend_layout, swatch_legend, unit, x_tick_labels,
};

/// One bar (e.g. eNPS and NPS, or one period); shares of 0..=1, normalised by their sum.
#[derive(Clone, Debug, Default)]
pub struct NetRow {
    pub label: String,
    pub detractors: f64,
    pub passives: f64,
    pub promoters: f64,
    /// Net score, −100…100.
    pub score: f64,
    /// Number of answers.
    pub n: u64,
}

/// Translated texts for [`render_net_composition`].
#[derive(Clone, Debug)]
pub struct NetLabels<'a> {
    /// Table header of the row label column, e.g. "Measure" or "Period".
    pub row: &'a str,
    pub detractors: &'a str,
    pub passives: &'a str,
    pub promoters: &'a str,
    /// Name of the score, e.g. "Score" or "eNPS".
    pub score: &'a str,
    /// Symbol or word for the number of answers, e.g. "n".
    pub n: &'a str,
}

/// 100 % stacked bars with the net score printed after each bar.
pub fn render_net_composition(
    id: &str,
    rows: &[NetRow],
    labels: &NetLabels,
    fmt: NumberFormat,
    title: &str,
    desc: &str,
) -> Figure {
    let width = f64::from(WIDTH);
    let legend: Vec<(f64, &str)> = vec![
        (16.0, labels.detractors),
        (16.0, labels.passives),
        (16.0, labels.promoters),
    ];
    let (_, legend_h) = legend_layout(&legend, PAD, PAD, width - 2.0 * PAD);
    let top = PAD + legend_h + 10.0;

    let shares: Vec<(f64, f64, f64)> = rows
        .iter()
        .map(|r| {
            let (d, p, q) = (unit(r.detractors), unit(r.passives), unit(r.promoters));
            let sum = d + p + q;
            if sum <= 0.0 {
                (0.0, 0.0, 0.0)
            } else {
                (d / sum, p / sum, q / sum)
            }
        })
        .collect();
    let scores: Vec<String> = rows.iter().map(|r| fmt.signed(r.score, 0)).collect();
    let score_t = Txt::new(FONT + 2.0).bold();
    let score_w = scores
        .iter()
        .map(|s| score_t.width(s))
        .fold(score_t.width("+100"), f64::max);
    let (left, right) = (PAD + 2.0, width - PAD - score_w - 12.0);
    let x = |share: f64| left + (right - left) * share;

    let BarRows {
        n_texts,
        wrapped,
        row_h,
    } = bar_rows(
        rows.iter().map(|r| (r.label.as_str(), r.n)),
        labels.n,
        width,
        true,
        2,
        BAR,
    );
    let bottom = top + row_h.iter().sum::<f64>();
    let height = bottom + 26.0;
    let pct = |v: f64| fmt.percent(v, 0);

    let svg = draw_svg(id, "net", title, desc, height, |pen| {
        swatch_legend(pen, &legend, &[RED, GREY, BLUE], width);
        let ticks: Vec<(f64, String)> = (0..=4)
            .map(|i| (x(f64::from(i) / 4.0), pct(f64::from(i) / 4.0)))
            .collect();
        x_tick_labels(pen, &ticks, bottom);

        let mut y = top;
        for (i, r) in rows.iter().enumerate() {
            let (d, p, q) = shares[i];
            for (k, line) in wrapped[i].iter().enumerate() {
                pen.text(
                    line,
                    PAD,
                    y + LINE * k as f64 + LINE / 2.0,
                    &Txt::new(FONT).bold(),
                );
            }
            pen.text(
                &n_texts[i],
                width - PAD,
                y + LINE / 2.0,
                &Txt::new(SMALL).right().color(MUTED),
            );
            let by = y + wrapped[i].len() as f64 * LINE + 4.0;
            for (tx, _) in &ticks {
                pen.line(&[(*tx, by - 4.0), (*tx, by + BAR + 4.0)], GRID, 1);
            }
            let item = clean(&r.label);
            let (a, b, c) = (x(0.0), x(d), x(d + p));
            segment(
                pen,
                a,
                b,
                by,
                RED,
                &format!("{item}: {} {}", labels.detractors, pct(d)),
                &pct(d),
                Outside::Nowhere,
            );
            segment(
                pen,
                b,
                c,
                by,
                GREY,
                &format!("{item}: {} {}", labels.passives, pct(p)),
                &pct(p),
                Outside::Nowhere,
            );
            segment(
                pen,
                c,
                x(1.0),
                by,
                BLUE,
                &format!("{item}: {} {}", labels.promoters, pct(q)),
                &pct(q),
                Outside::Nowhere,
            );
            if d + p + q > 0.0 {
                pen.begin_title(&format!("{item}: {} {}", labels.score, scores[i]));
                pen.text(&scores[i], width - PAD, by + BAR / 2.0, &score_t.right());
                pen.end_group();
            }
            y += row_h[i];
        }
    });

    let rows = rows
        .iter()
        .zip(&shares)
        .zip(&scores)
        .map(|((r, &(d, p, q)), s)| {
            vec![
                clean(&r.label),
                pct(d),
                pct(p),
                pct(q),
                s.clone(),
                r.n.to_string(),
            ]
        })
        .collect();
    Figure {
        id: id.to_string(),
        title: title.to_string(),
        desc: desc.to_string(),
        svg,
        table: Table {
            headers: vec![
                labels.row.to_string(),
                labels.detractors.to_string(),
                labels.passives.to_string(),
                labels.promoters.to_string(),
                labels.score.to_string(),
                labels.n.to_string(),
            ],
            rows,
            links: Vec::new(),
        },
    }
}
