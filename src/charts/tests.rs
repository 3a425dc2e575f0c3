//! Chart tests: one fixture figure of each kind and what must hold for every chart here; what
//! only one kind does in `tests/`, a file for each kind (the smaller ones share `other_charts`).

use super::*;

mod heatmap_charts;
mod other_charts;
mod scatter_charts;
mod trend_charts;

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

fn polylines_with(svg: &str, stroke: &str) -> Vec<String> {
    svg.lines()
        .filter(|l| l.starts_with("<polyline") && l.contains(stroke))
        .map(String::from)
        .collect()
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
