use super::*;

const EVIL: &str = "<script>alert(1)</script> & \"x\" 'y'";
const EN: NumberFormat = NumberFormat::ENGLISH;
const FI: NumberFormat = NumberFormat::NORDIC;

fn scatter(label: &str, fmt: NumberFormat) -> Figure {
    let points = vec![
        ScatterPoint {
            label: "Kamppi".into(),
            href: Some("units/kamppi.html".into()),
            x: 72.0,
            y: 81.0,
            highlight: true,
        },
        ScatterPoint {
            label: label.into(),
            href: Some("u.html?a=1&b=\"2\"".into()),
            x: 60.0,
            y: 66.0,
            highlight: false,
        },
        ScatterPoint {
            label: "Kallio".into(),
            href: None,
            x: 64.5,
            y: 70.0,
            highlight: false,
        },
    ];
    let labels = ScatterLabels {
        x_axis: "EX index",
        y_axis: "CX index",
        x_short: "EX",
        y_short: "CX",
        point: "Unit",
        fit: "Fitted line",
    };
    render_scatter("s", &points, Some((10.0, 0.95)), &labels, fmt, label, label)
}

fn mirror(label: &str, fmt: NumberFormat) -> Figure {
    let rows = vec![
        MirrorRow {
            label: "Leadership".into(),
            ex: Some(62.0),
            cx: Some(75.0),
            org_ex: Some(66.0),
            org_cx: Some(70.0),
        },
        MirrorRow {
            label: label.into(),
            ex: Some(80.0),
            cx: None,
            org_ex: None,
            org_cx: None,
        },
        MirrorRow {
            label: "Growth".into(),
            ..Default::default()
        },
    ];
    let labels = MirrorLabels {
        factor: "Factor",
        ex: "EX",
        cx: "CX",
        org: "Organisation",
        missing: "no data",
    };
    render_mirror("m", &rows, &labels, fmt, label, label)
}

fn trend(label: &str, fmt: NumberFormat) -> Figure {
    let periods: Vec<String> = ["2024 Q1", "2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1"]
        .map(String::from)
        .to_vec();
    let series = vec![
        Series {
            name: "EX".into(),
            values: vec![Some(60.0), Some(62.0), None, Some(65.0), Some(66.0)],
        },
        Series {
            name: label.into(),
            values: vec![None, Some(-20.0), Some(5.0), Some(10.0), None],
        },
    ];
    let labels = TrendLabels {
        y_axis: "eNPS",
        period: "Period",
        decimals: 0,
    };
    render_trend(
        "t",
        &periods,
        &series,
        (-100.0, 100.0),
        &labels,
        fmt,
        label,
        label,
    )
}

fn likert(label: &str, fmt: NumberFormat) -> Figure {
    let rows = vec![
        LikertRow {
            label: "I know what is expected of me at work and how my work is evaluated".into(),
            unfavourable: 0.12,
            neutral: 0.25,
            favourable: 0.63,
            n: 40,
        },
        LikertRow {
            label: label.into(),
            unfavourable: 0.5,
            neutral: 0.1,
            favourable: 0.4,
            n: 7,
        },
    ];
    let labels = LikertLabels {
        item: "Statement",
        unfavourable: "Unfavourable",
        neutral: "Neutral",
        favourable: "Favourable",
        n: "n",
    };
    render_likert("l", &rows, &labels, fmt, label, label)
}

fn net(label: &str, fmt: NumberFormat) -> Figure {
    let rows = vec![
        NetRow {
            label: "eNPS".into(),
            detractors: 0.28,
            passives: 0.42,
            promoters: 0.30,
            score: 2.0,
            n: 212,
        },
        NetRow {
            label: label.into(),
            detractors: 0.6,
            passives: 0.3,
            promoters: 0.1,
            score: -50.0,
            n: 10,
        },
    ];
    let labels = NetLabels {
        row: "Measure",
        detractors: "Detractors",
        passives: "Passives",
        promoters: "Promoters",
        score: "Score",
        n: "n",
    };
    render_net_composition("n", &rows, &labels, fmt, label, label)
}

fn heatmap(label: &str, fmt: NumberFormat) -> Figure {
    let rows = vec!["Kamppi".to_string(), label.to_string()];
    let hrefs = vec![Some("k.html".to_string()), Some(label.to_string())];
    let cols = vec![
        "Leadership".to_string(),
        label.to_string(),
        "Growth".to_string(),
    ];
    let cells = vec![
        vec![Cell::Value(72.4), Cell::Hidden, Cell::Missing],
        vec![Cell::Value(55.0), Cell::Value(91.0), Cell::Hidden],
    ];
    let labels = HeatmapLabels {
        row: "Unit",
        scale: "EX index",
        hidden: "Hidden (fewer than 5 answers)",
        hidden_short: "hidden",
        missing: "No data",
    };
    render_heatmap(
        "h",
        &rows,
        &hrefs,
        &[],
        &cols,
        &cells,
        &labels,
        fmt,
        label,
        label,
    )
}

fn lag(label: &str, fmt: NumberFormat) -> Figure {
    let rows = vec![
        LagRow {
            label: "EX → CX, k = 1".into(),
            r: Some(0.62),
            low: Some(0.31),
            high: Some(0.81),
            n: 24,
        },
        LagRow {
            label: label.into(),
            r: None,
            low: None,
            high: None,
            n: 3,
        },
    ];
    let labels = LagLabels {
        row: "Relationship",
        axis: "Correlation r",
        r: "r",
        low: "Low",
        high: "High",
        n: "n",
        not_enough: "not enough data",
    };
    render_lag("g", &rows, &labels, fmt, label, label)
}

fn bars(label: &str, fmt: NumberFormat) -> Figure {
    let rows = vec![
        BarRow {
            label: "Kamppi".into(),
            href: Some("k.html".into()),
            value: 0.456,
            note: Some("12 / 26".into()),
        },
        BarRow {
            label: label.into(),
            href: Some(label.into()),
            value: 1.0,
            note: Some(label.into()),
        },
    ];
    let labels = BarLabels {
        row: "Unit",
        value: "Response rate",
        note: "Answers / invited",
    };
    render_bars("b", &rows, &labels, fmt, label, label)
}

type Render = fn(&str, NumberFormat) -> Figure;
const ALL: [(&str, Render); 8] = [
    ("scatter", scatter),
    ("mirror", mirror),
    ("trend", trend),
    ("likert", likert),
    ("net", net),
    ("heatmap", heatmap),
    ("lag", lag),
    ("bars", bars),
];

#[test]
fn every_chart_is_an_accessible_svg() {
    for (name, render) in ALL {
        let f = render("Title", EN);
        let id = &f.id;
        let svg = &f.svg;
        assert!(svg.starts_with("<svg "), "{name}");
        assert!(svg.ends_with("</svg>"), "{name}");
        let open = &svg[..svg.find('>').unwrap()];
        assert!(open.contains("role=\"img\""), "{name}");
        assert!(
            open.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")),
            "{name}"
        );
        assert!(open.contains(&format!("viewBox=\"0 0 {WIDTH} ")), "{name}");
        assert!(open.contains("width=\"100%\""), "{name}");
        assert!(
            !open.contains("height="),
            "{name}: the height follows the width"
        );
        let after = svg[svg.find('>').unwrap() + 1..].trim_start();
        assert!(
            after.starts_with(&format!(
                "<title id=\"{id}-title\">Title</title>\n<desc id=\"{id}-desc\">Title</desc>"
            )),
            "{name}"
        );
        // Text and axes follow the page colour; nothing of plotters' black or sentinels is left.
        assert!(svg.contains("currentColor"), "{name}");
        assert!(!svg.contains("#000000"), "{name}");
        assert!(!svg.contains("#FE01"), "{name}");
        assert!(!svg.contains('\u{e000}'), "{name}");
        // Text stays at 11 CSS px or more when a phone shows the chart 300 px wide.
        for part in svg.split("font-size=\"").skip(1) {
            let size: f64 = part[..part.find('"').unwrap()].parse().unwrap();
            let px = size * 300.0 / f64::from(WIDTH);
            assert!(
                px >= 11.0,
                "{name}: font-size {size} is {px:.1} px at 300 px"
            );
        }
        assert!(
            !f.table.headers.is_empty() && !f.table.rows.is_empty(),
            "{name}"
        );
        for row in &f.table.rows {
            assert_eq!(row.len(), f.table.headers.len(), "{name}");
        }
    }
}

#[test]
fn hostile_labels_are_escaped() {
    for (name, render) in ALL {
        let f = render(EVIL, EN);
        let svg = &f.svg;
        assert!(!svg.contains("<script"), "{name}: {svg}");
        assert!(!svg.contains("\"x\""), "{name}");
        assert!(!svg.contains("'y'"), "{name}");
        assert!(svg.contains("&lt;script&gt;"), "{name}");
        assert!(svg.contains("&amp;"), "{name}");
        // The title and desc keep the whole text, escaped.
        assert!(
            svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &apos;y&apos;"),
            "{name}"
        );
        // Every tag is well formed: as many `<` as `>` outside text.
        assert_eq!(svg.matches('<').count(), svg.matches('>').count(), "{name}");
    }
    let spark = sparkline(&[Some(1.0), Some(2.0)], EN, EVIL);
    assert!(!spark.contains("<script"));
    assert!(spark.contains("aria-label=\"&lt;script&gt;"));
}

#[test]
fn output_is_deterministic() {
    for (name, render) in ALL {
        assert_eq!(render(EVIL, FI).svg, render(EVIL, FI).svg, "{name}");
    }
    let values = [Some(1.0), None, Some(3.5), Some(2.0)];
    assert_eq!(sparkline(&values, FI, "x"), sparkline(&values, FI, "x"));
}

#[test]
fn ids_are_unique_per_figure() {
    let a = heatmap("A", EN);
    assert!(a.svg.contains("id=\"h-title\""));
    assert!(a.svg.contains("id=\"h-hatch\""));
    assert_eq!(a.id, "h");
}

fn polylines_with(svg: &str, stroke: &str) -> Vec<String> {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") && l.contains(stroke))
        .map(String::from)
        .collect()
}

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
fn heatmap_marks_hidden_and_missing_cells() {
    let f = heatmap("Units", EN);
    assert!(f.svg.contains("<pattern id=\"h-hatch\""));
    // Two hidden cells plus the legend swatch.
    assert_eq!(f.svg.matches("fill=\"url(#h-hatch)\"").count(), 3);
    assert!(f.svg.contains("Hidden (fewer than 5 answers)"));
    assert!(f.svg.contains("<title>Kamppi, Growth: No data</title>"));
    assert!(f.svg.contains("<title>Kamppi, Units: hidden</title>"));
    assert!(f.svg.contains(">–</text>"));
    // No links inside role="img": the data table carries them.
    assert!(!f.svg.contains("<a "));
    assert_eq!(f.table.links[0].as_deref(), Some("k.html"));
    assert_eq!(f.table.rows[0], vec!["Kamppi", "72", "hidden", "–"]);
}

#[test]
fn heatmap_text_contrasts_with_its_cell() {
    // Both ends of the diverging scale are dark (white text), the neutral middle pale.
    assert_eq!(text_on(heatmap::ramp(0.0)), LIGHT_TEXT);
    assert_eq!(text_on(heatmap::ramp(0.5)), DARK_TEXT);
    assert_eq!(text_on(heatmap::ramp(1.0)), LIGHT_TEXT);
    for t in 0..=20 {
        let bg = heatmap::ramp(f64::from(t) / 20.0);
        assert!(contrast(bg, text_on(bg)) >= 4.5, "{t}");
    }
}

/// The fill of the cell whose hover title ends in `: {value}`.
fn cell_fill(svg: &str, value: &str) -> String {
    let at = svg
        .find(&format!(": {value}</title>"))
        .unwrap_or_else(|| panic!("no cell {value}"));
    let rect = &svg[at..];
    let fill = &rect[rect.find("fill=\"").expect("a fill") + 6..];
    fill[..7].to_string()
}

fn one_row_heatmap(values: &[f64]) -> Figure {
    let cols: Vec<String> = (0..values.len()).map(|c| format!("F{c}")).collect();
    let labels = HeatmapLabels {
        row: "Unit",
        scale: "Index",
        hidden: "Hidden",
        hidden_short: "hidden",
        missing: "No data",
    };
    render_heatmap(
        "h",
        &["A".to_string()],
        &[None],
        &[],
        &cols,
        &[values.iter().map(|&v| Cell::Value(v)).collect()],
        &labels,
        EN,
        "T",
        "D",
    )
}

#[test]
fn heatmap_colour_scale_is_the_same_on_every_chart() {
    // 70 is the same colour beside 65 as beside 20 and 95: the scale is never refitted.
    let narrow = one_row_heatmap(&[65.0, 70.0]);
    let wide = one_row_heatmap(&[20.0, 70.0, 95.0]);
    assert_eq!(cell_fill(&narrow.svg, "70"), cell_fill(&wide.svg, "70"));
    // RdBu: the stops at 0, 50 and 100 are ColorBrewer's ends and its neutral middle.
    assert_eq!(heatmap::ramp(0.0), RGBColor(0x67, 0x00, 0x1f));
    assert_eq!(heatmap::ramp(0.5), RGBColor(0xf7, 0xf7, 0xf7));
    assert_eq!(heatmap::ramp(1.0), RGBColor(0x05, 0x30, 0x61));
    // 15 is halfway between the stops at 10 and 20 (b2182b, d6604d): (0xb2 + 0xd6) / 2 = 0xc4,
    // (0x18 + 0x60) / 2 = 0x3c, (0x2b + 0x4d) / 2 = 0x3c.
    assert_eq!(heatmap::ramp(0.15), RGBColor(0xc4, 0x3c, 0x3c));
    // Legend ticks are the fixed ends, whatever the data.
    for t in ["0", "25", "50", "75", "100"] {
        assert!(narrow.svg.contains(&format!(">{t}</text>")), "{t}");
    }
}

#[test]
fn heatmap_rows_sit_under_their_region() {
    let labels = HeatmapLabels {
        row: "Unit",
        scale: "Index",
        hidden: "Hidden",
        hidden_short: "hidden",
        missing: "No data",
    };
    let rows: Vec<String> = ["Kamppi", "Töölö", "Tikkurila"].map(String::from).to_vec();
    let groups: Vec<String> = ["Helsinki", "Helsinki", "Vantaa"]
        .map(String::from)
        .to_vec();
    let cells = vec![vec![Cell::Value(70.0)]; 3];
    let cols = vec!["F".to_string()];
    let f = render_heatmap(
        "h",
        &rows,
        &[None, None, None],
        &groups,
        &cols,
        &cells,
        &labels,
        EN,
        "T",
        "D",
    );
    let at = |s: &str| f.svg.find(&format!(">{s}</text>")).expect(s);
    assert!(at("Helsinki") < at("Kamppi"));
    assert!(at("Töölö") < at("Vantaa") && at("Vantaa") < at("Tikkurila"));
    // One region only: no header.
    let same = vec!["Helsinki".to_string(); 3];
    let g = render_heatmap(
        "h",
        &rows,
        &[None, None, None],
        &same,
        &cols,
        &cells,
        &labels,
        EN,
        "T",
        "D",
    );
    assert!(!g.svg.contains(">Helsinki</text>"));
}

#[test]
fn data_colours_carry_the_class_the_dark_theme_recolours() {
    let f = bars("Töölö", EN);
    assert!(
        f.svg
            .contains("fill=\"#2A64B8\" stroke=\"none\" class=\"k-ex\"/>")
    );
    // White text on a data bar turns dark with the bar; white on a heatmap cell does not.
    assert!(
        f.svg
            .contains("fill=\"#FFFFFE\" font-weight=\"bold\" class=\"k-on\">")
    );
    let h = one_row_heatmap(&[5.0]);
    assert!(
        h.svg
            .contains("fill=\"#FFFFFF\" font-weight=\"bold\">5</text>")
    );
    assert!(!h.svg.contains("k-on"));
    // Every class the charts write is styled by the page, in light and dark.
    let css = include_str!("../../templates/style.css");
    for class in ["k-ex", "k-cx", "k-neg", "k-x1", "k-x2", "k-x3", "k-on"] {
        assert!(css.contains(&format!("svg.chart .{class} {{ fill: var(--{class}); }}")));
        assert_eq!(css.matches(&format!("--{class}: #")).count(), 2, "{class}");
    }
}

#[test]
fn data_colours_work_on_light_and_dark_pages() {
    let white = RGBColor(255, 255, 255);
    let dark = RGBColor(0x16, 0x18, 0x1d);
    for c in [BLUE, ORANGE, RED, EXTRA[0], EXTRA[1]] {
        assert!(contrast(c, white) >= 3.0, "{c:?} on white");
        assert!(contrast(c, dark) >= 2.9, "{c:?} on dark");
    }
}

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

#[test]
fn likert_and_net_tables_use_the_number_format() {
    let f = likert("Item", FI);
    assert_eq!(
        f.table.rows[0][1..],
        ["12\u{a0}%", "25\u{a0}%", "63\u{a0}%", "40"]
    );
    assert!(f.svg.contains(">63\u{a0}%</text>"));
    let n = net("NPS", EN);
    assert_eq!(n.table.rows[1][4], "\u{2212}50");
    assert!(n.svg.contains(">+2</text>"));
    assert!(n.svg.contains(">\u{2212}50</text>"));
}

#[test]
fn lag_says_when_there_is_not_enough_data() {
    let f = lag("EX → CX, k = 4", FI);
    assert!(f.svg.contains(">not enough data</text>"));
    assert!(f.svg.contains(">0,62</text>"));
    assert_eq!(f.table.rows[1], vec!["EX → CX, k = 4", "–", "–", "–", "3"]);
}

#[test]
fn mirror_has_distinct_markers_and_a_legend() {
    let f = mirror("Wellbeing", EN);
    assert!(f.svg.contains("<circle"));
    assert!(f.svg.contains("<polygon"));
    assert!(f.svg.contains(">Organisation</text>"));
    assert!(f.svg.contains(">no data</text>"));
    assert_eq!(f.table.headers.len(), 5);
}

#[test]
fn bars_print_values_and_links() {
    let f = bars("Töölö", FI);
    assert!(f.svg.contains(">46\u{a0}%</text>"));
    assert!(f.svg.contains(">12 / 26</text>"));
    assert!(!f.svg.contains("<a "));
    assert_eq!(f.table.links[0].as_deref(), Some("k.html"));
    assert_eq!(f.table.rows[0], vec!["Kamppi", "46\u{a0}%", "12 / 26"]);
}

#[test]
fn sparkline_is_small_labelled_and_gapped() {
    let s = sparkline(
        &[Some(60.0), Some(62.0), None, Some(61.0), Some(64.0)],
        EN,
        "EX index: 60, 62, –, 61, 64",
    );
    assert!(s.starts_with("<svg "));
    assert!(s.contains("role=\"img\""));
    assert!(s.contains("aria-label=\"EX index: 60, 62, –, 61, 64\""));
    assert!(s.contains("width=\"120\" height=\"32\""));
    assert_eq!(s.matches("<polyline").count(), 2);
    assert!(s.contains("<title>64</title>"));
    let empty = sparkline(&[None, None], EN, "none");
    assert!(empty.contains("role=\"img\"") && !empty.contains("<polyline"));
}

#[test]
fn wrapping_keeps_lines_within_width() {
    let lines = wrap(
        "I would recommend this organisation as a place to work to my friends and family",
        FONT,
        false,
        200.0,
        3,
    );
    assert!(lines.len() > 1 && lines.len() <= 3);
    for l in &lines {
        assert!(text_width(l, FONT, false) <= 200.0, "{l}");
    }
    let cut = wrap(
        "one two three four five six seven eight nine ten eleven twelve",
        FONT,
        false,
        60.0,
        2,
    );
    assert_eq!(cut.len(), 2);
    assert!(cut[1].ends_with('…'));
    let long = wrap("Työhyvinvointikyselytulokset", FONT, false, 80.0, 3);
    assert!(long[0].ends_with('-'));
}

#[test]
fn empty_inputs_still_render() {
    let labels = TrendLabels {
        y_axis: "Index",
        period: "Period",
        decimals: 0,
    };
    let f = render_trend("e", &[], &[], (0.0, 100.0), &labels, EN, "T", "D");
    assert!(f.svg.contains("role=\"img\""));
    let h = HeatmapLabels {
        row: "Unit",
        scale: "Index",
        hidden: "Hidden",
        hidden_short: "hidden",
        missing: "No data",
    };
    let f = render_heatmap("e", &[], &[], &[], &[], &[], &h, EN, "T", "D");
    assert!(f.svg.ends_with("</svg>"));
    let l = ScatterLabels {
        x_axis: "EX",
        y_axis: "CX",
        x_short: "EX",
        y_short: "CX",
        point: "Unit",
        fit: "Fit",
    };
    let f = render_scatter("e", &[], None, &l, EN, "T", "D");
    assert!(f.svg.contains("role=\"img\""));
}

/// The `font-size` of every `<text>` whose content is `content`.
fn sizes_of(svg: &str, content: &str) -> Vec<String> {
    svg.lines()
        .filter(|l| l.starts_with("<text ") && l.ends_with(&format!(">{content}</text>")))
        .map(|l| {
            let s = &l[l.find("font-size=\"").unwrap() + 11..];
            s[..s.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn heatmap_numbers_long_headers_and_keeps_one_label_size() {
    let rows: Vec<String> = ["Töölö service desk", "Kallio facility services"]
        .map(String::from)
        .to_vec();
    let cols: Vec<String> = [
        "Communication and response time",
        "Työtaakka ja työyhteisö",
        "Systems and tools",
        "Competence and training",
        "Supervision and leadership",
        "Internal processes",
    ]
    .map(String::from)
    .to_vec();
    let cells = vec![vec![Cell::Value(70.0); 6]; 2];
    let labels = HeatmapLabels {
        row: "Unit",
        scale: "Index",
        hidden: "Hidden",
        hidden_short: "hidden",
        missing: "No data",
    };
    let f = render_heatmap(
        "h",
        &rows,
        &[None, None],
        &[],
        &cols,
        &cells,
        &labels,
        EN,
        "T",
        "D",
    );
    // Numbered columns with a key that spells out every name: nothing cut, nothing slanted.
    assert!(!f.svg.contains('…'), "{}", f.svg);
    assert!(
        !f.svg
            .lines()
            .any(|l| l.starts_with("<text") && l.contains("rotate(")),
        "{}",
        f.svg
    );
    assert!(f.svg.contains(">Communication and response time</text>"));
    assert!(f.svg.contains(">Työtaakka ja työyhteisö</text>"));
    assert_eq!(sizes_of(&f.svg, "6").len(), 2, "key number and header");
    // One-line and two-line row labels in one size.
    let one = sizes_of(&f.svg, "Töölö service desk");
    let two = sizes_of(&f.svg, "Kallio facility");
    assert_eq!(one.len(), 1, "{}", f.svg);
    assert_eq!(one, two);
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

fn snapshot(name: &str, svg: &str) {
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, svg);
    });
}

#[test]
fn snapshots() {
    snapshot("bars", &bars("Töölö", FI).svg);
    snapshot("trend", &trend("NPS", EN).svg);
    snapshot("heatmap", &heatmap("Wellbeing", EN).svg);
    snapshot("lag", &lag("CX → EX, k = 2", EN).svg);
    snapshot(
        "sparkline",
        &sparkline(&[Some(60.0), None, Some(61.0), Some(64.0)], FI, "EX"),
    );
}

/// `clean`'s shortcut for labels that are clean already gives what splitting and joining gives.
#[test]
fn clean_shortcut_matches_split_and_join() {
    let reference = |text: &str| {
        let keep = |c: char| matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
        text.split(|c: char| (c.is_whitespace() && !keep(c)) || c.is_control())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for text in [
        "",
        " ",
        "a",
        "Plain label",
        " leading",
        "trailing ",
        "two  spaces",
        "tab\there",
        "line\nbreak",
        "45\u{a0}%",
        "thin\u{202f}space",
        "ctrl\u{7}char",
        "em\u{2003}space",
        "Työkuorma on hallittavissa",
        "\u{a0}",
    ] {
        assert_eq!(clean(text), reference(text), "{text:?}");
    }
}
