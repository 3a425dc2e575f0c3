//! Trend charts: year boundaries, gaps, the zero line and quarter labels.

use super::*;

#[test]
fn trend_marks_every_year_boundary() {
    let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        trend::year_boundaries(&p(&["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2026-Q1"])),
        vec![2, 4]
    );
    assert_eq!(
        trend::year_boundaries(&p(&["joulukuu 2025", "tammikuu 2026", "Q1/2026"])),
        vec![1]
    );
    assert!(trend::year_boundaries(&p(&["P1", "P2"])).is_empty());
    let periods = p(&["2024-Q4", "2025-Q1", "2025-Q2", "2026-Q1"]);
    let series = vec![Series {
        name: "EX".into(),
        values: vec![Some(60.0); 4],
    }];
    let labels = TrendLabels {
        y_axis: "Index",
        period: "Period",
        decimals: 0,
    };
    let f = render_trend("t", &periods, &series, (0.0, 100.0), &labels, EN, "T", "D");
    assert_eq!(
        polylines_with(&f.svg, "opacity=\"0.3\"").len(),
        2,
        "{}",
        f.svg
    );
}

#[test]
fn trend_gaps_break_the_line() {
    let periods: Vec<String> = (1..=6).map(|i| format!("P{i}")).collect();
    let series = vec![Series {
        name: "EX".into(),
        values: vec![
            Some(60.0),
            Some(62.0),
            None,
            Some(65.0),
            Some(66.0),
            Some(67.0),
        ],
    }];
    let labels = TrendLabels {
        y_axis: "Index",
        period: "Period",
        decimals: 0,
    };
    let f = render_trend("t", &periods, &series, (0.0, 100.0), &labels, EN, "T", "D");
    let lines = polylines_with(&f.svg, "stroke=\"#2A64B8\" stroke-width=\"3\"");
    // One in the legend, then one per run of values.
    assert_eq!(lines.len(), 3, "{lines:?}");
    let point_counts: Vec<usize> = lines
        .iter()
        .map(|l| {
            let points = &l[l.find("points=\"").unwrap() + 8..];
            points[..points.find('"').unwrap()]
                .split_whitespace()
                .count()
        })
        .collect();
    assert_eq!(point_counts, vec![2, 2, 3]);
    // One marker (with its tooltip) per present value; the gap is no zero.
    assert_eq!(f.svg.matches("<title>EX, P").count(), 5);
    assert!(!f.svg.contains("<title>EX, P3"));
    assert_eq!(f.table.rows[2], vec!["P3".to_string(), "–".to_string()]);
    assert_eq!(
        trend::segments(&[Some(1.0), None, None, Some(2.0)]).len(),
        2
    );
}

#[test]
fn trend_draws_a_zero_line_only_when_zero_is_inside() {
    let with = trend("T", EN);
    assert!(
        with.svg
            .contains("opacity=\"0.7\" stroke=\"currentColor\" stroke-width=\"2\"")
    );
    let periods = vec!["A".to_string(), "B".to_string()];
    let series = vec![Series {
        name: "EX".into(),
        values: vec![Some(50.0), Some(60.0)],
    }];
    let labels = TrendLabels {
        y_axis: "Index",
        period: "Period",
        decimals: 0,
    };
    let without = render_trend("t", &periods, &series, (0.0, 100.0), &labels, EN, "T", "D");
    assert!(
        !without
            .svg
            .contains("opacity=\"0.7\" stroke=\"currentColor\" stroke-width=\"2\"")
    );
    // The second series is dashed.
    assert!(with.svg.contains("stroke-dasharray"));
}

#[test]
fn trend_labels_quarters_with_their_year_below() {
    let periods: Vec<String> = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
        .iter()
        .chain(["2026-Q1", "2026-Q2", "2026-Q3"].iter())
        .map(|p| p.to_string())
        .collect();
    let series = vec![Series {
        name: "EX".into(),
        values: vec![Some(60.0); 8],
    }];
    let labels = TrendLabels {
        y_axis: "Index",
        period: "Period",
        decimals: 0,
    };
    let f = render_trend("t", &periods, &series, (0.0, 100.0), &labels, EN, "T", "D");
    for q in ["Q1", "Q2", "Q3", "Q4"] {
        assert_eq!(sizes_of(&f.svg, q).len(), 2, "{q}: {}", f.svg);
    }
    for y in ["2024", "2025", "2026"] {
        assert_eq!(sizes_of(&f.svg, y).len(), 1, "{y}: {}", f.svg);
    }
}
