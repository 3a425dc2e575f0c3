//! Scatter charts: point labels, links, tooltips and the fit line.

use super::*;

/// The boxes of the scatter's point labels (text with `font-size` `size`), from the SVG.
fn label_boxes(svg: &str, size: &str) -> Vec<(String, [f64; 4])> {
    let attr = |l: &str, k: &str| -> f64 {
        let at = l.find(&format!(" {k}=\"")).unwrap() + k.len() + 3;
        l[at..at + l[at..].find('"').unwrap()].parse().unwrap()
    };
    svg.lines()
        .filter(|l| {
            l.starts_with("<text")
                && l.contains(&format!("font-size=\"{size}\""))
                && !l.contains("dy=\"0.76em\"")
        })
        .filter_map(|l| {
            let name = l[l.find('>')? + 1..l.find("</text>")?].to_string();
            let (x, y) = (attr(l, "x"), attr(l, "y"));
            let w = text_width(&name, size.parse().unwrap(), false);
            let x0 = if l.contains("text-anchor=\"end\"") {
                x - w
            } else {
                x
            };
            Some((name, [x0, y - 9.0, x0 + w, y + 9.0]))
        })
        .collect()
}

/// The English scatter texts of the label-placement tests.
fn scatter_labels() -> ScatterLabels<'static> {
    ScatterLabels {
        x_axis: "EX index",
        y_axis: "CX index",
        x_short: "EX",
        y_short: "CX",
        point: "Unit",
        fit: "Fitted line",
    }
}

/// A plain, unlinked scatter point.
fn point(label: &str, x: f64, y: f64) -> ScatterPoint {
    ScatterPoint {
        label: label.into(),
        href: None,
        x,
        y,
        highlight: false,
    }
}

#[test]
fn scatter_labels_extremes_where_they_fit_and_never_overlaps() {
    let labels = scatter_labels();
    // Four lone extremes around a middle cluster: each has room, so each is labelled.
    let mut points = vec![
        point("Low", 40.0, 70.0),
        point("High", 95.0, 72.0),
        point("Down", 70.0, 45.0),
        point("Up", 68.0, 96.0),
    ];
    points.extend((0..8).map(|i| point(&format!("m{i}"), 65.0 + f64::from(i), 70.0)));
    let f = render_scatter("s", &points, None, &labels, EN, "T", "D");
    let names: Vec<String> = label_boxes(&f.svg, "14").into_iter().map(|b| b.0).collect();
    for n in ["Low", "High", "Down", "Up"] {
        assert!(names.contains(&n.to_string()), "{n}: {names:?}");
    }
    assert!(!names.iter().any(|n| n.starts_with('m')), "{names:?}");
    // Crowded: the extremes sit on top of each other; whatever is labelled does not overlap.
    let crowded: Vec<ScatterPoint> = (0..30)
        .map(|i| {
            let t = f64::from(i);
            point(
                &format!("Unit number {i}"),
                60.0 + (t * 7.3) % 20.0,
                62.0 + (t * 3.1) % 18.0,
            )
        })
        .collect();
    let mut with_own = crowded.clone();
    with_own[5].highlight = true;
    let f = render_scatter("s", &with_own, Some((10.0, 0.9)), &labels, EN, "T", "D");
    let mut boxes = label_boxes(&f.svg, "14");
    boxes.extend(
        label_boxes(&f.svg, "15")
            .into_iter()
            .filter(|b| b.0 == "Unit number 5"),
    );
    assert!(boxes.iter().any(|b| b.0 == "Unit number 5"), "{boxes:?}");
    for (i, (a, p)) in boxes.iter().enumerate() {
        for (b, q) in &boxes[i + 1..] {
            let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
            assert!(apart, "{a} overlaps {b}");
        }
    }
}

/// A label placed left of its point ends next to the point (anchored at its end), not where the
/// width estimate says it should start, which left it floating well short of the point.
#[test]
fn scatter_label_left_of_its_point_ends_beside_it() {
    let labels = scatter_labels();
    // The highest EX is at the right edge: its label has no room on the right.
    let mut points = vec![point("Tesoma cleaning services", 98.0, 75.0)];
    points
        .extend((0..8).map(|i| point(&format!("m{i}"), 60.0 + f64::from(i), 50.0 + f64::from(i))));
    let f = render_scatter("s", &points, None, &labels, EN, "T", "D");
    let line = f
        .svg
        .lines()
        .find(|l| l.starts_with("<text") && l.contains(">Tesoma cleaning services</text>"))
        .expect("the extreme is labelled");
    assert!(line.contains("text-anchor=\"end\""), "{line}");
    let num = |l: &str, k: &str| -> f64 {
        let at = l.find(&format!(" {k}=\"")).unwrap() + k.len() + 3;
        l[at..at + l[at..].find('"').unwrap()].parse().unwrap()
    };
    let circle = f
        .svg
        .split("<title>Tesoma cleaning services:")
        .nth(1)
        .and_then(|rest| rest.lines().find(|l| l.starts_with("<circle")))
        .expect("the point");
    let gap = num(circle, "cx") - num(line, "x");
    assert!(
        (5.0..=15.0).contains(&gap),
        "label ends {gap} left of its point"
    );
}

#[test]
fn scatter_links_tooltips_and_fit() {
    let f = scatter("Töölö", EN);
    // Links go to the data table (rows sorted by label), never inside role="img".
    assert!(!f.svg.contains("<a "));
    assert!(
        f.table
            .links
            .contains(&Some("units/kamppi.html".to_string()))
    );
    assert!(
        f.table
            .links
            .contains(&Some("u.html?a=1&b=\"2\"".to_string()))
    );
    assert_eq!(f.table.links.len(), f.table.rows.len());
    assert!(f.svg.contains("<title>Kamppi: EX 72, CX 81</title>"));
    assert!(
        f.svg.contains("<title>Kallio: EX 65, CX 70</title>")
            || f.svg.contains("<title>Kallio: EX 64, CX 70</title>")
    );
    assert!(f.svg.contains("stroke-dasharray=\"8 5\""));
    // Only the highlighted point is labelled on the chart.
    assert!(f.svg.contains(">Kamppi</text>"));
    assert!(!f.svg.contains(">Kallio</text>"));
    // Table sorted by label, numbers in the report's language.
    let fi = scatter("Töölö", FI);
    assert_eq!(fi.table.rows[0], vec!["Kallio", "64,5", "70,0"]);
}

#[test]
fn fit_line_stays_inside_the_plot() {
    // A steep line must be cut at the plot's top and bottom, not run across the labels.
    let f = scatter("A", EN);
    let fit = polylines_with(&f.svg, "stroke-dasharray=\"8 5\"");
    let plot = fit.last().unwrap();
    for p in plot.split('"').rev().nth(1).unwrap().split_whitespace() {
        let (x, y) = p.split_once(',').unwrap();
        let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
        assert!(
            (40.0..=480.0).contains(&x) && (20.0..=420.0).contains(&y),
            "{p}"
        );
    }
}
