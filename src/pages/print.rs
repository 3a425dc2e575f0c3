//! What a printed page needs beyond the screen: the "data as of" date (also shown on screen) and
//! the cover of the overview, period and unit pages (templates/base.html, style.css @media print).

use super::*;

/// The first printed page of a report page; hidden on screen.
#[derive(Serialize)]
pub(super) struct Cover {
    title: String,
    organisation: String,
    /// The unit the page is about; none on the organisation-wide pages.
    unit: Option<String>,
    period: String,
    as_of: Option<String>,
}

impl Renderer<'_> {
    /// "Data as of 30 Sep 2026": the last day of the latest period, from the data and not the
    /// build clock, so two builds of the same data give the same bytes.
    pub(super) fn data_as_of(&self) -> Option<String> {
        self.analysis.periods.last().map(|p| {
            self.tr(
                "data_as_of",
                &[(
                    "date",
                    i18n::date(self.language, p.period.last_day()).into(),
                )],
            )
        })
    }

    /// The cover of a page about period `p` (and `unit`, when it is not the organisation).
    pub(super) fn cover(&self, p: usize, unit: usize) -> Cover {
        Cover {
            title: self.site.config.title.clone(),
            organisation: self.site.config.organisation.clone(),
            unit: (unit != UnitTree::ROOT).then(|| self.unit_name(unit)),
            period: self.period_name(self.analysis.periods[p].period),
            as_of: self.data_as_of(),
        }
    }
}

/// Whether a chart is much taller than wide (its viewBox over 1.6 times as high as wide: a
/// heatmap of many teams, a unit's answers to every question). Print gives such a chart a page
/// of its own instead of half of one, so its labels stay legible.
pub(super) fn is_tall(svg: &str) -> bool {
    let Some(start) = svg.find("viewBox=\"") else {
        return false;
    };
    let rest = &svg[start + 9..];
    let numbers: Vec<f64> = rest[..rest.find('"').unwrap_or(0)]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    matches!(numbers[..], [_, _, w, h] if w > 0.0 && h > 1.6 * w)
}

#[cfg(test)]
mod tests {
    use super::is_tall;

    #[test]
    fn tall_charts_are_those_much_higher_than_wide() {
        assert!(is_tall(r#"<svg viewBox="0 0 360 1222" role="img">"#));
        assert!(is_tall(r#"<svg viewBox="0 0 360 952">"#));
        assert!(!is_tall(r#"<svg viewBox="0 0 360 544">"#));
        assert!(!is_tall(r#"<svg viewBox="0 0 360 366">"#));
        assert!(!is_tall("<svg>"));
        assert!(!is_tall(r#"<svg viewBox="broken">"#));
    }
}
