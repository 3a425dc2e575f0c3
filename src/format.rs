//! Number formatting for the report's language: Finnish and Swedish write `4,2` and `45 %`,
//! English writes `4.2` and `45%`. Every number a reader sees goes through here, in pages and charts.

/// How numbers are written in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberFormat {
    pub decimal_separator: char,
    /// Text between a number and `%` (a no-break space in Finnish and Swedish).
    pub percent_separator: &'static str,
}

/// U+2212 MINUS SIGN: typographically correct and read as "minus" by screen readers.
const MINUS: char = '\u{2212}';

impl NumberFormat {
    pub const ENGLISH: NumberFormat = NumberFormat {
        decimal_separator: '.',
        percent_separator: "",
    };
    pub const NORDIC: NumberFormat = NumberFormat {
        decimal_separator: ',',
        percent_separator: "\u{a0}",
    };

    /// `value` with `decimals` digits after the separator; negative numbers use a real minus sign.
    /// Rounding never produces "-0".
    pub fn number(&self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        // Round half away from zero, as reports do (Rust's formatting would round 62.5 to 62).
        let scale = 10f64.powi(decimals as i32);
        let rounded = (value * scale).round() / scale;
        let text = format!("{:.*}", decimals, rounded);
        let negative = text.starts_with('-')
            && text
                .trim_start_matches('-')
                .chars()
                .any(|c| c.is_ascii_digit() && c != '0');
        let digits = text.trim_start_matches('-');
        let digits = if self.decimal_separator == '.' {
            digits.to_string()
        } else {
            digits.replace('.', &self.decimal_separator.to_string())
        };
        if negative {
            format!("{MINUS}{digits}")
        } else {
            digits
        }
    }

    /// A signed number, as for a change: `+3`, `−2`, `0`.
    pub fn signed(&self, value: f64, decimals: usize) -> String {
        let text = self.number(value, decimals);
        let is_zero = !text.chars().any(|c| c.is_ascii_digit() && c != '0');
        if value > 0.0 && !is_zero {
            format!("+{text}")
        } else {
            text
        }
    }

    /// A percentage of a share in 0..=1: `percent(0.456, 0)` is `46%` or `46 %`.
    pub fn percent(&self, share: f64, decimals: usize) -> String {
        format!(
            "{}{}%",
            self.number(share * 100.0, decimals),
            self.percent_separator
        )
    }

    /// A value already on a 0–100 scale written as a percentage.
    pub fn percent_points(&self, value: f64, decimals: usize) -> String {
        format!(
            "{}{}%",
            self.number(value, decimals),
            self.percent_separator
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_finnish_numbers() {
        assert_eq!(NumberFormat::ENGLISH.number(4.24, 1), "4.2");
        assert_eq!(NumberFormat::NORDIC.number(4.26, 1), "4,3");
        assert_eq!(NumberFormat::NORDIC.percent(0.456, 0), "46\u{a0}%");
        assert_eq!(NumberFormat::ENGLISH.percent(0.456, 0), "46%");
    }

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(NumberFormat::ENGLISH.number(62.5, 0), "63");
        assert_eq!(NumberFormat::ENGLISH.number(-2.5, 0), "\u{2212}3");
        assert_eq!(NumberFormat::ENGLISH.number(0.25, 1), "0.3");
    }

    #[test]
    fn signs() {
        assert_eq!(NumberFormat::ENGLISH.signed(3.0, 0), "+3");
        assert_eq!(NumberFormat::ENGLISH.signed(-2.4, 0), "\u{2212}2");
        assert_eq!(NumberFormat::ENGLISH.signed(-0.2, 0), "0");
        assert_eq!(NumberFormat::ENGLISH.number(-0.04, 1), "0.0");
    }
}
