//! Heatmaps: hidden and missing cells, contrast, the colour scale, regions and long headers.

use super::*;

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
