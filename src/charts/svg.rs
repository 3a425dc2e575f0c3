//! The plotters backend every chart draws on: it writes each element straight in its final form.
//!
//! What it writes is what plotters' own `SVGBackend` writes (same elements, same attribute
//! order, same numbers), with these differences, which the charts rely on:
//! - black (`#000000`) is written as `currentColor`, so text, axes and grid follow the page's text
//!   colour;
//! - `opacity="1"` and `font-family="sans-serif"` are left out (the `<svg>` sets the family);
//! - a font size is the size plotters would write (the style's size / 1.24) rounded to 0.1;
//! - a data colour keeps its hex and gets its dark-theme class ([`theme_class`]) at the end of
//!   the element, `-s` added for a stroke;
//! - a sentinel colour (`#FE01xx`, see [`super::Pen::special`]) is written as the attribute text
//!   the chart registered for it;
//! - a text element is one line, and raw SVG the chart adds ([`super::Pen::raw`]) goes in at
//!   its place in the drawing order.
//!
//! Writing the final form directly, instead of letting `SVGBackend` format every attribute into
//! its own `String` and rewriting its output line by line, was most of the chart time of large
//! builds.

use std::cell::RefCell;
use std::convert::Infallible;

use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
};

use super::theme_class;

/// A sentinel colour and what its `fill=`/`stroke=` attributes become.
pub(crate) struct Special {
    pub fill: String,
    pub stroke: String,
}

/// What a chart's drawing writes: the SVG body and the sentinel colours' attribute texts. Shared
/// by the backend and the [`super::Pen`], which adds raw SVG and sentinels between elements.
#[derive(Default)]
pub(crate) struct Sink {
    pub out: String,
    pub specials: Vec<Special>,
}

/// The backend: a size and the sink it writes into.
pub(crate) struct ChartBackend<'a> {
    sink: &'a RefCell<Sink>,
    size: (u32, u32),
}

impl<'a> ChartBackend<'a> {
    pub fn new(sink: &'a RefCell<Sink>, size: (u32, u32)) -> Self {
        ChartBackend { sink, size }
    }
}

/// Up to a fill and a stroke class per element, written at its end in that order.
#[derive(Default)]
struct Classes([Option<&'static str>; 2]);

impl Classes {
    fn write(&self, out: &mut String) {
        let mut first = true;
        for (slot, class) in self.0.iter().enumerate() {
            let Some(class) = class else { continue };
            out.push_str(if first { " class=\"" } else { " " });
            first = false;
            out.push_str(class);
            if slot == 1 {
                out.push_str("-s");
            }
        }
        if !first {
            out.push('"');
        }
    }
}

/// An integer in decimal, without going through `core::fmt`.
fn int(out: &mut String, v: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// ` key="v"` for an integer value.
fn int_attr(out: &mut String, key: &str, v: i64) {
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"");
    int(out, v);
    out.push('"');
}

/// ` opacity="…"` unless fully opaque; the number as plotters writes it (`f64`'s `Display`).
fn opacity(out: &mut String, c: BackendColor) {
    if c.alpha != 1.0 {
        use std::fmt::Write as _;
        write!(out, " opacity=\"{}\"", c.alpha).ok();
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hex_byte(out: &mut String, b: u8) {
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 15)] as char);
}

/// ` fill="…"` or ` stroke="…"` for a colour: `currentColor` for black, a sentinel's registered
/// text, or the hex (recording its theme class).
fn paint(out: &mut String, specials: &[Special], stroke: bool, c: BackendColor, k: &mut Classes) {
    let key = if stroke { "stroke" } else { "fill" };
    let (r, g, b) = c.rgb;
    if (r, g, b) == (0, 0, 0) {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"currentColor\"");
        return;
    }
    if (r, g) == (0xfe, 0x01)
        && let Some(sp) = specials.get(usize::from(b))
    {
        out.push(' ');
        out.push_str(if stroke { &sp.stroke } else { &sp.fill });
        return;
    }
    out.push(' ');
    out.push_str(key);
    out.push_str("=\"#");
    let start = out.len();
    for v in [r, g, b] {
        hex_byte(out, v);
    }
    let end = out.len();
    if let Some(class) = theme_class_of(&out[start - 1..end]) {
        k.0[usize::from(stroke)] = Some(class);
    }
    out.push('"');
}

fn theme_class_of(hex: &str) -> Option<&'static str> {
    theme_class(hex)
}

/// Points as plotters writes them: `x,y ` each.
fn points(out: &mut String, path: impl IntoIterator<Item = BackendCoord>) {
    out.push_str(" points=\"");
    for (x, y) in path {
        int(out, i64::from(x));
        out.push(',');
        int(out, i64::from(y));
        out.push(' ');
    }
    out.push('"');
}

/// XML escaping as plotters does it for text content.
fn escape_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['<', '>', '&', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// A shape painted inside (`fill`) or along its outline, the other side left unpainted.
fn filled_or_outlined(
    out: &mut String,
    specials: &[Special],
    fill: bool,
    color: BackendColor,
    k: &mut Classes,
) {
    if fill {
        paint(out, specials, false, color, k);
        out.push_str(" stroke=\"none\"");
    } else {
        out.push_str(" fill=\"none\"");
        paint(out, specials, true, color, k);
    }
}

/// Ends an element: its classes, then `/>` and a line break.
fn close(out: &mut String, k: &Classes) {
    k.write(out);
    out.push_str("/>\n");
}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<Infallible>>;

impl ChartBackend<'_> {
    /// Writes one self-closing element: `start` (`<rect`, `<polyline fill="none"` …), the
    /// attributes `write` adds, then its theme classes. A transparent colour draws nothing.
    fn element(
        &self,
        color: BackendColor,
        start: &str,
        write: impl FnOnce(&mut String, &[Special], &mut Classes),
    ) -> Result {
        if color.alpha == 0.0 {
            return Ok(());
        }
        let sink = &mut *self.sink.borrow_mut();
        let mut k = Classes::default();
        sink.out.push_str(start);
        write(&mut sink.out, &sink.specials, &mut k);
        close(&mut sink.out, &k);
        Ok(())
    }
}

impl DrawingBackend for ChartBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.element(color, "<rect", |out, specials, k| {
            int_attr(out, "x", point.0.into());
            int_attr(out, "y", point.1.into());
            out.push_str(" width=\"1\" height=\"1\" stroke=\"none\"");
            opacity(out, color);
            paint(out, specials, false, color, k);
        })
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        let color = style.color();
        self.element(color, "<line", |out, specials, k| {
            opacity(out, color);
            paint(out, specials, true, color, k);
            int_attr(out, "stroke-width", style.stroke_width().into());
            int_attr(out, "x1", from.0.into());
            int_attr(out, "y1", from.1.into());
            int_attr(out, "x2", to.0.into());
            int_attr(out, "y2", to.1.into());
        })
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let color = style.color();
        self.element(color, "<rect", |out, specials, k| {
            int_attr(out, "x", upper_left.0.into());
            int_attr(out, "y", upper_left.1.into());
            int_attr(
                out,
                "width",
                i64::from(bottom_right.0) - i64::from(upper_left.0),
            );
            int_attr(
                out,
                "height",
                i64::from(bottom_right.1) - i64::from(upper_left.1),
            );
            opacity(out, color);
            filled_or_outlined(out, specials, fill, color, k);
        })
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let color = style.color();
        self.element(color, "<polyline fill=\"none\"", |out, specials, k| {
            opacity(out, color);
            paint(out, specials, true, color, k);
            int_attr(out, "stroke-width", style.stroke_width().into());
            points(out, path);
        })
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let color = style.color();
        self.element(color, "<polygon", |out, specials, k| {
            opacity(out, color);
            paint(out, specials, false, color, k);
            points(out, path);
        })
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let color = style.color();
        self.element(color, "<circle", |out, specials, k| {
            int_attr(out, "cx", center.0.into());
            int_attr(out, "cy", center.1.into());
            int_attr(out, "r", radius.into());
            opacity(out, color);
            filled_or_outlined(out, specials, fill, color, k);
            int_attr(out, "stroke-width", style.stroke_width().into());
        })
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let sink = &mut *self.sink.borrow_mut();
        let out = &mut sink.out;
        let mut k = Classes::default();
        let (x0, y0) = pos;
        out.push_str("<text");
        int_attr(out, "x", x0.into());
        int_attr(out, "y", y0.into());
        out.push_str(match style.anchor().v_pos {
            VPos::Top => " dy=\"0.76em\"",
            VPos::Center => " dy=\"0.5ex\"",
            VPos::Bottom => " dy=\"-0.5ex\"",
        });
        out.push_str(match style.anchor().h_pos {
            HPos::Left => " text-anchor=\"start\"",
            HPos::Right => " text-anchor=\"end\"",
            HPos::Center => " text-anchor=\"middle\"",
        });
        let family = style.family();
        if family.as_str() != "sans-serif" {
            out.push_str(" font-family=\"");
            escape_text(out, family.as_str());
            out.push('"');
        }
        {
            use std::fmt::Write as _;
            let rounded = (style.size() / 1.24 * 10.0).round() / 10.0;
            write!(out, " font-size=\"{rounded}\"").ok();
        }
        opacity(out, color);
        paint(out, &sink.specials, false, color, &mut k);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => out.push_str(" font-weight=\"bold\""),
            other => {
                out.push_str(" font-style=\"");
                out.push_str(other.as_str());
                out.push('"');
            }
        }
        let angle = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        if let Some(angle) = angle {
            out.push_str(" transform=\"rotate(");
            int(out, angle);
            out.push_str(", ");
            int(out, x0.into());
            out.push_str(", ");
            int(out, y0.into());
            out.push_str(")\"");
        }
        k.write(out);
        out.push('>');
        escape_text(out, text);
        out.push_str("</text>\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{ChartBackend, RefCell, Sink, Special, int};
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    /// What plotters' own SVG backend writes for the same drawing, put through the rules above by
    /// hand (plotters clips coordinates to the area, so -5 is written 0; a text style without a
    /// position is anchored top left). The whole-site check is `diff -r` against a build from
    /// before this backend.
    #[test]
    fn writes_what_the_svg_backend_writes_with_the_documented_rewrites() {
        let sink = RefCell::new(Sink::default());
        sink.borrow_mut().specials.push(Special {
            fill: "fill=\"url(#h)\"".to_string(),
            stroke: "stroke=\"#123456\" stroke-dasharray=\"2 4\"".to_string(),
        });
        {
            let area = ChartBackend::new(&sink, (100, 50)).into_drawing_area();
            let blue = RGBColor(0x2a, 0x64, 0xb8);
            area.draw(&Rectangle::new([(1, 2), (11, 22)], blue.filled()))
                .unwrap();
            area.draw(&Rectangle::new([(1, 2), (11, 22)], blue.stroke_width(2)))
                .unwrap();
            area.draw(&PathElement::new(
                vec![(0, 0), (-5, 7)],
                RGBAColor(0, 0, 0, 0.15).stroke_width(1),
            ))
            .unwrap();
            area.draw(&Circle::new((5, 6), 3, RGBColor(0xfe, 0x01, 0).filled()))
                .unwrap();
            area.draw(&Circle::new(
                (5, 6),
                3,
                RGBColor(0xfe, 0x01, 0).stroke_width(2),
            ))
            .unwrap();
            area.draw(&Polygon::new(
                vec![(1, 1), (2, 3), (3, 1)],
                RGBColor(0xa6, 0xa6, 0xa6).filled(),
            ))
            .unwrap();
            let style = TextStyle {
                font: ("sans-serif", 15.0 * 1.24, FontStyle::Bold).into_font(),
                color: RGBColor(0xff, 0xff, 0xfe).to_backend_color(),
                pos: Pos::new(HPos::Center, VPos::Top),
            };
            area.draw(&Text::new("a<b & 'c'", (10, 20), style)).unwrap();
            area.draw(&Text::new(
                "x",
                (3, 4),
                ("serif", 14.0 * 1.24)
                    .into_font()
                    .color(&RGBAColor(0, 0, 0, 0.75)),
            ))
            .unwrap();
            area.draw(&Rectangle::new([(0, 0), (5, 5)], TRANSPARENT.filled()))
                .unwrap();
        }
        let out = sink.into_inner().out;
        assert_eq!(
            out,
            "<rect x=\"1\" y=\"2\" width=\"10\" height=\"20\" fill=\"#2A64B8\" stroke=\"none\" class=\"k-ex\"/>\n\
             <rect x=\"1\" y=\"2\" width=\"10\" height=\"20\" fill=\"none\" stroke=\"#2A64B8\" class=\"k-ex-s\"/>\n\
             <polyline fill=\"none\" opacity=\"0.15\" stroke=\"currentColor\" stroke-width=\"1\" points=\"0,0 0,7 \"/>\n\
             <circle cx=\"5\" cy=\"6\" r=\"3\" fill=\"url(#h)\" stroke=\"none\" stroke-width=\"1\"/>\n\
             <circle cx=\"5\" cy=\"6\" r=\"3\" fill=\"none\" stroke=\"#123456\" stroke-dasharray=\"2 4\" stroke-width=\"2\"/>\n\
             <polygon fill=\"#A6A6A6\" points=\"1,1 2,3 3,1 \"/>\n\
             <text x=\"10\" y=\"20\" dy=\"0.76em\" text-anchor=\"middle\" font-size=\"15\" fill=\"#FFFFFE\" font-weight=\"bold\" class=\"k-on\">a&lt;b &amp; &apos;c&apos;</text>\n\
             <text x=\"3\" y=\"4\" dy=\"0.76em\" text-anchor=\"start\" font-family=\"serif\" font-size=\"14\" opacity=\"0.75\" fill=\"currentColor\">x</text>\n"
        );
    }

    #[test]
    fn integers_are_written_as_display_writes_them() {
        for v in [
            0,
            7,
            -7,
            10,
            359,
            -360,
            i64::from(i32::MAX),
            i64::from(i32::MIN),
        ] {
            let mut s = String::new();
            int(&mut s, v);
            assert_eq!(s, v.to_string());
        }
    }
}
