//! Charts as inline SVG, drawn with plotters on a backend of our own (`ChartBackend`, `svg.rs`).
//!
//! Every chart returns a [`Figure`]: the `<svg>` (with `role="img"`, a `<title>` and a `<desc>`
//! referenced by `aria-labelledby`), plus the numbers as a [`Table`] for the page's data toggle.
//!
//! How the SVG is made:
//! - plotters draws everything (meshes through `ChartBuilder` for the scatter and trend charts,
//!   drawing-area primitives elsewhere) onto a viewBox [`WIDTH`] units wide; fonts are `sans-serif`
//!   and never smaller than [`SMALL`] units, so text stays readable when a phone scales the chart
//!   down (see [`WIDTH`]). On narrow charts row labels sit above their bars rather than beside
//!   them, so both get the full width.
//! - the backend writes plotters' black as `currentColor`, so text, axes and grid follow the page's
//!   text colour (dark mode). Each data colour keeps its light-theme hex in the attribute (so the
//!   SVG stands alone and prints) and gets a class (`k-ex`, `k-ex-s` for a stroke, … see
//!   [`theme_class`]) that the page's CSS (`templates/style.css`, "Charts") recolours for a dark
//!   screen; text on a data colour gets `k-on`, so it turns dark when the colour turns light.
//! - What plotters cannot write (hover titles, dash patterns, hatch patterns) is raw SVG the
//!   [`Pen`] adds in the drawing order, or a sentinel colour the backend writes as the attribute
//!   text registered for it.
//! - Everything from data is escaped: the backend escapes the text plotters draws, [`escape`] the rest.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use crate::format::NumberFormat;

mod bars;
mod heatmap;
mod lag;
mod likert;
mod mirror;
mod net;
mod scatter;
mod sparkline;
mod svg;
mod trend;

use std::cell::RefCell;

use svg::{ChartBackend, Sink, Special};

pub use bars::{BarLabels, BarRow, render_bars};
pub use heatmap::{Cell, HeatmapLabels, render_heatmap};
pub use lag::{LagLabels, LagRow, render_lag};
pub use likert::{LikertLabels, LikertRow, render_likert};
pub use mirror::{MirrorLabels, MirrorRow, render_mirror};
pub use net::{NetLabels, NetRow, render_net_composition};
pub use scatter::{ScatterLabels, ScatterPoint, render_scatter};
pub use sparkline::sparkline;
pub use trend::{Series, TrendLabels, render_trend};

/// A finished chart: the SVG plus what a screen reader and the data table need.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Figure {
    /// Unique within a page; the SVG uses `{id}-title` and `{id}-desc` (and `{id}-hatch`).
    pub id: String,
    /// Short title.
    pub title: String,
    /// One sentence stating the reading.
    pub desc: String,
    /// A complete `<svg>` element.
    pub svg: String,
    /// The chart's numbers, already formatted.
    pub table: Table,
}

/// The numbers behind a chart, as text.
#[derive(Clone, Debug, Default, serde::Serialize, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A link for each row's first cell (e.g. the unit's page), in row order; empty when none.
    /// Links live here, not in the SVG: inside `role="img"` a screen reader never reaches them.
    pub links: Vec<Option<String>>,
}

/// Width of every chart's viewBox, in units. Chosen with the fonts so that a phone keeps text
/// legible: a 375 px phone gives a chart about 300–325 CSS px, a scale of 0.83–0.9, so 14-unit
/// text is 11.7–12.6 px and 15-unit text 12.5–13.5 px. Wide screens must cap the chart
/// (`templates/style.css`: `figure.chart svg { max-width: 26rem }`, a scale of about 1.16, so text
/// stays at 16–17 px instead of growing with the column).
pub const WIDTH: u32 = 360;
/// Outer padding inside the viewBox.
pub(crate) const PAD: f64 = 6.0;
/// Row labels, legends, values.
pub(crate) const FONT: f64 = 15.0;
/// Tick labels, counts, notes: the smallest text of any chart.
pub(crate) const SMALL: f64 = 14.0;
/// Line height of wrapped [`FONT`] text.
pub(crate) const LINE: f64 = 18.0;

// ---------------------------------------------------------------------------------------------
// Colours

/// EX, favourable answers, promoters: a mid blue (contrast ≥ 3 on white and on #16181d).
pub(crate) const BLUE: RGBColor = RGBColor(0x2a, 0x64, 0xb8);
/// CX: Okabe–Ito orange.
pub(crate) const ORANGE: RGBColor = RGBColor(0xd9, 0x73, 0x0d);
/// Unfavourable answers, detractors: Okabe–Ito vermillion.
pub(crate) const RED: RGBColor = RGBColor(0xd5, 0x5e, 0x00);
/// Neutral answers, passives.
pub(crate) const GREY: RGBColor = RGBColor(0xa6, 0xa6, 0xa6);
/// Further trend series: bluish green, reddish purple, olive.
pub(crate) const EXTRA: [RGBColor; 3] = [
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0x8a, 0x7a, 0x00),
];
/// Dark text on light data colours (not #000000, which becomes `currentColor`).
pub(crate) const DARK_TEXT: RGBColor = RGBColor(0x01, 0x01, 0x01);
pub(crate) const LIGHT_TEXT: RGBColor = RGBColor(0xff, 0xff, 0xff);
/// White text on a data colour (one unit off white, so the backend can tell it from white
/// text on a heatmap cell, whose colours do not change with the theme).
pub(crate) const ON_DATA: RGBColor = RGBColor(0xff, 0xff, 0xfe);

/// The class that lets the page's CSS recolour a data colour for the dark theme, by the colour's
/// hex as the SVG writes it; `None` for colours that stay (heatmap cells, greys, text colours).
pub(crate) fn theme_class(hex: &str) -> Option<&'static str> {
    const CLASSES: [(RGBColor, &str); 7] = [
        (BLUE, "k-ex"),
        (ORANGE, "k-cx"),
        (RED, "k-neg"),
        (EXTRA[0], "k-x1"),
        (EXTRA[1], "k-x2"),
        (EXTRA[2], "k-x3"),
        (ON_DATA, "k-on"),
    ];
    // Called for every fill and stroke of every chart: compare bytes, never format a colour.
    let rgb = parse_hex(hex)?;
    CLASSES
        .iter()
        .find(|(c, _)| (c.0, c.1, c.2) == rgb)
        .map(|(_, class)| *class)
}

/// `#RRGGBB` (either case) as its three bytes.
fn parse_hex(hex: &str) -> Option<(u8, u8, u8)> {
    let b = hex.as_bytes();
    if b.len() != 7 || b[0] != b'#' {
        return None;
    }
    let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let byte = |i: usize| Some(nibble(b[i])? << 4 | nibble(b[i + 1])?);
    Some((byte(1)?, byte(3)?, byte(5)?))
}

/// Text colour on a data colour: [`text_on`], with white drawn as [`ON_DATA`].
pub(crate) fn text_on_data(background: RGBColor) -> RGBColor {
    match text_on(background) {
        LIGHT_TEXT => ON_DATA,
        c => c,
    }
}

/// The page's text colour (`currentColor`).
pub(crate) const INK: RGBAColor = RGBAColor(0, 0, 0, 1.0);
/// Secondary text: counts, notes, axis titles.
pub(crate) const MUTED: RGBAColor = RGBAColor(0, 0, 0, 0.75);
/// Axis lines.
pub(crate) const AXIS: RGBAColor = RGBAColor(0, 0, 0, 0.55);
/// Grid lines.
pub(crate) const GRID: RGBAColor = RGBAColor(0, 0, 0, 0.15);

pub(crate) fn solid(c: RGBColor) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, 1.0)
}

fn relative_luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Dark or white text, whichever contrasts more with `background`.
pub(crate) fn text_on(background: RGBColor) -> RGBColor {
    if contrast(background, DARK_TEXT) >= contrast(background, LIGHT_TEXT) {
        DARK_TEXT
    } else {
        LIGHT_TEXT
    }
}

// ---------------------------------------------------------------------------------------------
// Text measuring and wrapping (plotters' own estimate knows no font, so we keep our own)

/// Approximate advance width of `c` in em for common sans-serif fonts (Arial, Liberation, DejaVu).
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.30,
        'i' | 'l' | 'j' | '|' | '!' | '.' | ',' | ':' | ';' | '\'' | 'ı' => 0.28,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '"' => 0.38,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.88,
        '0'..='9' | '+' | '−' | '=' | '<' | '>' | '#' | '$' | '?' | '*' | '_' | '/' => 0.58,
        '–' | '→' => 0.62,
        '—' => 1.0,
        c if c.is_uppercase() => 0.70,
        c if c.is_alphabetic() && (c as u32) < 0x2e80 => 0.56,
        c if (c as u32) >= 0x2e80 => 1.0,
        _ => 0.58,
    }
}

/// Estimated width of `text` at `size` units, generous so that real fonts fit.
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * size * if bold { 1.12 } else { 1.05 }
}

/// Greedy word wrap into at most `max_lines` lines of at most `max_width`; a word longer than a
/// line is broken, and text that does not fit ends in "…" (the full text is in the hover title
/// and in the table).
pub(crate) fn wrap(
    text: &str,
    size: f64,
    bold: bool,
    max_width: f64,
    max_lines: usize,
) -> Vec<String> {
    let text = clean(text);
    let fits = |s: &str| text_width(s, size, bold) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if fits(word) {
            current = word.to_string();
        } else {
            // Break an over-long word.
            for c in word.chars() {
                let mut next = current.clone();
                next.push(c);
                if !current.is_empty() && !fits(&format!("{next}-")) {
                    current.push('-');
                    lines.push(std::mem::take(&mut current));
                    current.push(c);
                } else {
                    current = next;
                }
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        let last = lines.last_mut().expect("at least one line");
        while !last.is_empty() && !fits(&format!("{last}…")) {
            last.pop();
        }
        let trimmed = last.trim_end_matches([' ', '-', ',']).to_string();
        *last = format!("{trimmed}…");
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Labels on one line: control characters and runs of breaking whitespace become single spaces
/// (no-break spaces, as in Finnish `45 %`, are kept).
pub(crate) fn clean(text: &str) -> String {
    let keep = |c: char| matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
    let breaking = |c: char| (c.is_whitespace() && !keep(c)) || c.is_control();
    // Nearly every label is clean already (single spaces, none at either end): one pass to see
    // that, and a copy, instead of splitting and joining on every call.
    let mut after_space = true;
    let already = text.chars().all(|c| {
        let ok = if c == ' ' { !after_space } else { !breaking(c) };
        after_space = c == ' ';
        ok
    });
    if text.is_empty() || (already && !after_space) {
        return text.to_string();
    }
    text.split(breaking)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// XML escaping for text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Only `[A-Za-z0-9_-]`, for ids used inside `url(#…)`.
fn safe_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "chart".to_string() } else { s }
}

/// Round `v` to a step; used for stable axis ends.
pub(crate) fn floor_to(v: f64, step: f64) -> f64 {
    (v / step).floor() * step
}
pub(crate) fn ceil_to(v: f64, step: f64) -> f64 {
    (v / step).ceil() * step
}

/// `v` clamped into 0..=1, NaN as 0.
pub(crate) fn unit(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// How a piece of text is drawn.
#[derive(Clone, Copy)]
pub(crate) struct Txt {
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    pub color: RGBAColor,
    pub h: HPos,
    pub v: VPos,
}

impl Txt {
    pub fn new(size: f64) -> Self {
        Txt {
            size,
            bold: false,
            italic: false,
            color: INK,
            h: HPos::Left,
            v: VPos::Center,
        }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    pub fn color(mut self, c: RGBAColor) -> Self {
        self.color = c;
        self
    }
    pub fn right(mut self) -> Self {
        self.h = HPos::Right;
        self
    }
    pub fn center(mut self) -> Self {
        self.h = HPos::Center;
        self
    }
    pub fn top(mut self) -> Self {
        self.v = VPos::Top;
        self
    }
    pub fn bottom(mut self) -> Self {
        self.v = VPos::Bottom;
        self
    }
    pub fn width(&self, text: &str) -> f64 {
        text_width(text, self.size, self.bold)
    }
    fn style(&self) -> TextStyle<'static> {
        let font_style = if self.bold {
            FontStyle::Bold
        } else if self.italic {
            FontStyle::Italic
        } else {
            FontStyle::Normal
        };
        // plotters writes font-size = size / 1.24; the backend rounds it back.
        let font: FontDesc<'static> = ("sans-serif", self.size * 1.24, font_style).into_font();
        TextStyle {
            font,
            color: self.color.to_backend_color(),
            pos: Pos::new(self.h, self.v),
        }
    }
}

/// Marker shapes, so that series differ by more than colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
}

/// A plotters drawing area plus what the chart adds around plotters' elements: raw SVG in the
/// drawing order, sentinel colours and `<defs>`.
pub(crate) struct Pen<'a, 'b> {
    pub area: &'a DrawingArea<ChartBackend<'b>, Shift>,
    sink: &'b RefCell<Sink>,
    defs: Vec<String>,
}

fn pt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

impl Pen<'_, '_> {
    /// Text at (x, y); the anchor comes from `t`.
    pub fn text(&mut self, s: &str, x: f64, y: f64, t: &Txt) {
        let s = clean(s);
        if s.is_empty() {
            return;
        }
        self.area.draw(&Text::new(s, pt(x, y), t.style())).ok();
    }

    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: RGBAColor) {
        let (a, b) = (pt(x0.min(x1), y0.min(y1)), pt(x0.max(x1), y0.max(y1)));
        if a.0 == b.0 || a.1 == b.1 {
            return;
        }
        self.area.draw(&Rectangle::new([a, b], c.filled())).ok();
    }

    pub fn outline(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: RGBAColor, w: u32) {
        self.area
            .draw(&Rectangle::new([pt(x0, y0), pt(x1, y1)], c.stroke_width(w)))
            .ok();
    }

    pub fn line(&mut self, points: &[(f64, f64)], c: RGBAColor, w: u32) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| pt(x, y)).collect();
        self.area
            .draw(&PathElement::new(pts, c.stroke_width(w)))
            .ok();
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], c: RGBAColor) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| pt(x, y)).collect();
        self.area.draw(&Polygon::new(pts, c.filled())).ok();
    }

    pub fn circle(&mut self, x: f64, y: f64, r: f64, c: RGBAColor) {
        self.area
            .draw(&Circle::new(pt(x, y), r.round() as i32, c.filled()))
            .ok();
    }

    /// A circle outline.
    pub fn ring(&mut self, x: f64, y: f64, r: f64, c: RGBAColor, w: u32) {
        self.area
            .draw(&Circle::new(pt(x, y), r.round() as i32, c.stroke_width(w)))
            .ok();
    }

    /// A filled marker of `shape` centred on (x, y), with about the area of a circle of radius `r`.
    pub fn marker(&mut self, shape: Shape, x: f64, y: f64, r: f64, c: RGBAColor) {
        match shape {
            Shape::Circle => self.circle(x, y, r, c),
            Shape::Square => {
                let h = r * 0.9;
                self.rect(x - h, y - h, x + h, y + h, c)
            }
            Shape::Diamond => {
                let h = r * 1.3;
                self.polygon(&[(x, y - h), (x + h, y), (x, y + h), (x - h, y)], c)
            }
            Shape::Triangle => {
                let h = r * 1.35;
                self.polygon(
                    &[(x, y - h), (x + h, y + h * 0.75), (x - h, y + h * 0.75)],
                    c,
                )
            }
        }
    }

    /// Raw SVG spliced in at this point of the drawing order (must be well-formed and escaped).
    pub fn raw(&mut self, svg: String) {
        let out = &mut self.sink.borrow_mut().out;
        out.push_str(&svg);
        out.push('\n');
    }

    /// Starts a group with a hover tooltip; close with [`Pen::end_group`].
    pub fn begin_title(&mut self, title: &str) {
        self.raw(format!("<g><title>{}</title>", escape(&clean(title))));
    }
    pub fn end_group(&mut self) {
        self.raw("</g>".to_string());
    }

    /// A colour that plotters draws and the backend replaces: `fill="…"`/`stroke="…"` become
    /// the given attribute text (for example a colour plus `stroke-dasharray`).
    pub fn special(&mut self, fill: String, stroke: String) -> RGBAColor {
        let specials = &mut self.sink.borrow_mut().specials;
        let index = specials.len();
        assert!(index < 256, "too many special paints");
        specials.push(Special { fill, stroke });
        RGBAColor(0xfe, 0x01, index as u8, 1.0)
    }

    /// A stroke colour drawn dashed.
    pub fn dashed(&mut self, c: RGBColor, dash: &str) -> RGBAColor {
        let hex = hex(c);
        let (fill_class, stroke_class) = match theme_class(&hex) {
            Some(k) => (format!(" class=\"{k}\""), format!(" class=\"{k}-s\"")),
            None => (String::new(), String::new()),
        };
        self.special(
            format!("fill=\"{hex}\"{fill_class}"),
            format!("stroke=\"{hex}\" stroke-dasharray=\"{dash}\"{stroke_class}"),
        )
    }

    /// Adds an element to `<defs>`.
    pub fn def(&mut self, svg: String) {
        self.defs.push(svg);
    }
}

pub(crate) fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Draws with plotters on a `WIDTH × height` SVG and returns the complete `<svg>`.
pub(crate) fn draw_svg(
    id: &str,
    kind: &str,
    title: &str,
    desc: &str,
    height: f64,
    draw: impl FnOnce(&mut Pen),
) -> String {
    let height = height.ceil().max(40.0) as u32;
    let header = svg_header(id, kind, title, desc, WIDTH, height);
    draw_into(header, (WIDTH, height), draw)
}

/// Draws on a `size` drawing area and returns `header`, the `<defs>` the drawing added, the
/// drawing and `</svg>`.
pub(crate) fn draw_into(header: String, size: (u32, u32), draw: impl FnOnce(&mut Pen)) -> String {
    let sink = RefCell::new(Sink::default());
    let defs = {
        let area = ChartBackend::new(&sink, size).into_drawing_area();
        let mut pen = Pen {
            area: &area,
            sink: &sink,
            defs: Vec::new(),
        };
        draw(&mut pen);
        pen.defs
    };
    let body = sink.into_inner().out;
    let defs_len: usize = defs.iter().map(|d| d.len()).sum::<usize>() + 17;
    let mut out = String::with_capacity(header.len() + defs_len + body.len() + 6);
    out.push_str(&header);
    if !defs.is_empty() {
        out.push_str("<defs>");
        for d in &defs {
            out.push_str(d);
        }
        out.push_str("</defs>\n");
    }
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

/// The opening `<svg>` with `role`, aria ids, title and desc.
fn svg_header(id: &str, kind: &str, title: &str, desc: &str, w: u32, h: u32) -> String {
    let id = escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" class=\"chart chart-{kind}\" font-family=\"sans-serif\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape(&clean(title)),
        escape(&clean(desc)),
    )
}

/// Lays out legend items (swatch width + text) in rows within `max_width`; returns each item's
/// top-left corner and the total height. A name too long for a row is wrapped (see
/// [`legend_text`]), and its row grows.
pub(crate) fn legend_layout(
    items: &[(f64, &str)],
    x0: f64,
    y0: f64,
    max_width: f64,
) -> (Vec<(f64, f64)>, f64) {
    const ROW: f64 = 22.0;
    const GAP: f64 = 14.0;
    let mut positions = Vec::new();
    let (mut x, mut y) = (x0, y0);
    let mut row_h: f64 = ROW;
    for &(swatch, label) in items {
        let w = swatch + 6.0 + text_width(&clean(label), FONT, false);
        if x > x0 && x + w > x0 + max_width {
            x = x0;
            y += row_h;
            row_h = ROW;
        }
        positions.push((x, y));
        let lines = legend_lines(label, x, swatch).len() as f64;
        row_h = row_h.max(ROW + (lines - 1.0) * LINE);
        x += w + GAP;
    }
    let height = if items.is_empty() {
        0.0
    } else {
        y - y0 + row_h
    };
    (positions, height)
}

/// A legend name wrapped to end inside the chart.
fn legend_lines(label: &str, x: f64, swatch: f64) -> Vec<String> {
    let room = f64::from(WIDTH) - PAD - (x + swatch + 6.0);
    wrap(label, FONT, false, room.max(40.0), 3)
}

/// A legend item's text, vertically centred in its (first) row.
/// The layout of one-bar-per-row charts (Likert items, net scores): each row's label wrapped
/// above its bar, its "n = …" in a column on the right.
pub(crate) struct BarRows {
    pub n_texts: Vec<String>,
    pub wrapped: Vec<Vec<String>>,
    pub row_h: Vec<f64>,
}

pub(crate) fn bar_rows<'a>(
    rows: impl Iterator<Item = (&'a str, u64)>,
    n_label: &str,
    width: f64,
    hyphenate: bool,
    max_lines: usize,
    bar: f64,
) -> BarRows {
    let (labels, ns): (Vec<&str>, Vec<u64>) = rows.unzip();
    let n_texts: Vec<String> = ns.iter().map(|n| format!("{n_label} = {n}")).collect();
    let n_w = n_texts
        .iter()
        .map(|t| Txt::new(SMALL).width(t))
        .fold(0.0, f64::max);
    let label_w = width - 2.0 * PAD - n_w - 12.0;
    let wrapped: Vec<Vec<String>> = labels
        .iter()
        .map(|l| wrap(l, FONT, hyphenate, label_w, max_lines))
        .collect();
    let row_h = wrapped
        .iter()
        .map(|l| l.len() as f64 * LINE + 4.0 + bar + 14.0)
        .collect();
    BarRows {
        n_texts,
        wrapped,
        row_h,
    }
}

/// A legend of coloured square swatches, laid out in rows across the chart's width.
pub(crate) fn swatch_legend(
    pen: &mut Pen,
    legend: &[(f64, &str)],
    colours: &[RGBColor],
    width: f64,
) {
    let (pos, _) = legend_layout(legend, PAD, PAD, width - 2.0 * PAD);
    for ((lx, ly), (color, (_, name))) in pos.into_iter().zip(colours.iter().zip(legend)) {
        pen.rect(lx, ly + 4.0, lx + 16.0, ly + 18.0, solid(*color));
        legend_text(pen, name, lx, ly, 16.0);
    }
}

pub(crate) fn legend_text(pen: &mut Pen, label: &str, x: f64, y: f64, swatch: f64) {
    for (k, line) in legend_lines(label, x, swatch).iter().enumerate() {
        pen.text(
            line,
            x + swatch + 6.0,
            y + 11.0 + LINE * k as f64,
            &Txt::new(FONT),
        );
    }
}

/// Vertical grid lines with tick labels below (`ticks`: position in units, text).
pub(crate) fn x_grid(pen: &mut Pen, ticks: &[(f64, String)], top: f64, bottom: f64) {
    for (x, _) in ticks {
        pen.line(&[(*x, top), (*x, bottom)], GRID, 1);
    }
    x_tick_labels(pen, ticks, bottom);
}

/// Tick labels only, centred below `y`.
pub(crate) fn x_tick_labels(pen: &mut Pen, ticks: &[(f64, String)], y: f64) {
    let t = Txt::new(SMALL).center().top().color(MUTED);
    // Where neighbouring labels would touch, label every second tick (the middle one stays).
    let widest = ticks.iter().map(|(_, l)| t.width(l)).fold(0.0, f64::max);
    let closest = ticks
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).abs())
        .fold(f64::INFINITY, f64::min);
    let step = if closest < widest + 8.0 { 2 } else { 1 };
    for (x, label) in ticks.iter().step_by(step) {
        // Keep the outermost labels inside the viewBox.
        let half = t.width(label) / 2.0;
        let x = x.clamp(half + 2.0, f64::from(WIDTH) - half - 2.0);
        pen.text(label, x, y + 5.0, &t);
    }
}

/// Numbers formatted for a table cell; `–` for none.
pub(crate) fn cell(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    match v {
        Some(v) if v.is_finite() => f(v),
        _ => "–".to_string(),
    }
}

#[cfg(test)]
mod tests;
