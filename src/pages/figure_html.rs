//! One chart as HTML: the `<figure>` with its caption, the SVG and the table of its numbers.
//!
//! Built-in pages write `templates/figure.html` directly here rather than through Tera: a large
//! build has thousands of charts, and a Tera call per chart (with the figure serialised into a
//! template value, its SVG copied twice) was an eighth of the build. A site that overrides
//! `figure.html` still gets its own template through Tera. The test below renders the built-in
//! template with Tera and checks this writes the same bytes.

use super::*;
use crate::charts::Figure;

impl Renderer<'_> {
    /// The figure as HTML, from the site's `figure.html` when it overrides ours.
    pub(super) fn figure_html(&self, figure: &Figure) -> String {
        let overridden = self
            .site
            .template_overrides
            .iter()
            .any(|o| o.name == "figure.html");
        if !overridden {
            let show_data = self.strings.get("show_data").copied().unwrap_or_default();
            return write_figure(figure, show_data, print::is_tall(&figure.svg));
        }
        let mut context = Context::new();
        context.insert("fig", figure);
        context.insert_value("t", self.strings_value.clone());
        context.insert("tall", &print::is_tall(&figure.svg));
        // The figure template is a validated override; a failure here is a template bug.
        self.tera
            .render("figure.html", &context)
            .unwrap_or_else(|e| format!("<!-- {} -->", crate::charts::escape(&error_chain(&e))))
    }
}

/// `templates/figure.html` with `fig`, `t.show_data` and `tall`, escaped as Tera escapes.
fn write_figure(fig: &Figure, show_data: &str, tall: bool) -> String {
    let table = &fig.table;
    let cells: usize = table.rows.iter().flatten().map(|c| c.len() + 16).sum();
    let mut out = Vec::with_capacity(fig.svg.len() + cells + 1024);
    // Writing into a Vec cannot fail; escape_html only returns the writer's errors.
    let text = |out: &mut Vec<u8>, s: &str| {
        let _ = theme::escape_html(s, out);
    };
    out.extend_from_slice(b"<figure class=\"chart\" id=\"");
    text(&mut out, &fig.id);
    out.push(b'"');
    if tall {
        out.extend_from_slice(b" data-print=\"tall\"");
    }
    out.extend_from_slice(b">\n  <figcaption><strong>");
    text(&mut out, &fig.title);
    out.extend_from_slice(b"</strong> <span class=\"reading\">");
    text(&mut out, &fig.desc);
    out.extend_from_slice(b"</span></figcaption>\n  ");
    out.extend_from_slice(fig.svg.as_bytes());
    out.extend_from_slice(b"\n  <details>\n    <summary>");
    text(&mut out, show_data);
    out.extend_from_slice(b"<span class=\"visually-hidden\">: ");
    text(&mut out, &fig.title);
    out.extend_from_slice(
        b"</span></summary>\n    <div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"",
    );
    text(&mut out, &fig.title);
    out.extend_from_slice(b"\">\n      <table>\n        <thead><tr>");
    for header in &table.headers {
        out.extend_from_slice(b"<th scope=\"col\">");
        text(&mut out, header);
        out.extend_from_slice(b"</th>");
    }
    out.extend_from_slice(b"</tr></thead>\n        <tbody>");
    for (i, row) in table.rows.iter().enumerate() {
        // The template tests `link` for truth: a missing, null or empty link is no link.
        let link = table.links.get(i).and_then(|l| l.as_deref());
        let link = link.filter(|l| !l.is_empty());
        out.extend_from_slice(b"\n          <tr>");
        for (j, cell) in row.iter().enumerate() {
            if j == 0 {
                out.extend_from_slice(b"<th scope=\"row\">");
                match link {
                    Some(link) => {
                        out.extend_from_slice(b"<a href=\"");
                        text(&mut out, link);
                        out.extend_from_slice(b"\">");
                        text(&mut out, cell);
                        out.extend_from_slice(b"</a>");
                    }
                    None => text(&mut out, cell),
                }
                out.extend_from_slice(b"</th>");
            } else {
                out.extend_from_slice(b"<td>");
                text(&mut out, cell);
                out.extend_from_slice(b"</td>");
            }
        }
        out.extend_from_slice(b"</tr>");
    }
    out.extend_from_slice(
        b"\n        </tbody>\n      </table>\n    </div>\n  </details>\n</figure>\n",
    );
    // Everything written is &str or ASCII.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Table;

    fn with_tera(fig: &Figure, show_data: &str, tall: bool) -> String {
        let mut tera = Tera::new();
        tera.set_escape_fn(theme::escape_html);
        tera.add_raw_template("figure.html", include_str!("../../templates/figure.html"))
            .unwrap();
        let mut context = Context::new();
        context.insert("fig", fig);
        context.insert("t", &BTreeMap::from([("show_data", show_data)]));
        context.insert("tall", &tall);
        tera.render("figure.html", &context).unwrap()
    }

    fn figure(links: Vec<Option<String>>) -> Figure {
        Figure {
            id: "likert-1".into(),
            title: "Tiimi & \"muut\" <ok>".into(),
            desc: "Kaksi 'lainausta'.".into(),
            svg: "<svg viewBox=\"0 0 360 120\"><text>a &amp; b</text></svg>".into(),
            table: Table {
                headers: vec!["Yksikkö".into(), "Osuus".into(), "n".into()],
                rows: vec![
                    vec!["Myynti <A>".into(), "12 %".into(), "40".into()],
                    vec!["Tuki".into(), "–".into(), "9".into()],
                    vec!["Hallinto".into(), "3 %".into(), "11".into()],
                ],
                links,
            },
        }
    }

    #[test]
    fn writes_what_the_template_renders() {
        let cases = [
            vec![],
            vec![
                Some("../a/index.html?x=1&y=2".into()),
                None,
                Some(String::new()),
            ],
            vec![Some("b/index.html".into())],
        ];
        for links in cases {
            let fig = figure(links);
            for tall in [false, true] {
                assert_eq!(
                    write_figure(&fig, "Näytä luvut", tall),
                    with_tera(&fig, "Näytä luvut", tall)
                );
            }
        }
        let empty = Figure {
            table: Table::default(),
            ..figure(vec![])
        };
        assert_eq!(
            write_figure(&empty, "Data", false),
            with_tera(&empty, "Data", false)
        );
    }
}
