//! Likert, net, lag, mirror, bar and sparkline charts.

use super::*;

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
