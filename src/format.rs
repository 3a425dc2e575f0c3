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
        self.number_fast(value, decimals)
            .unwrap_or_else(|| self.number_exact(value, decimals))
    }

    /// [`NumberFormat::number`] through the exact float formatter, for every finite value.
    fn number_exact(&self, value: f64, decimals: usize) -> String {
        let text = format!("{:.*}", decimals, round_half_away(value, decimals));
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

    /// [`NumberFormat::number`] for the everyday case (up to 3 decimals, magnitude below 10¹²),
    /// written from the rounded value's digits as an integer instead of through the exact float
    /// formatter, which showed in profiles of large builds. The same text: the rounded value is
    /// the double nearest to `k / 10^decimals`, which formats to exactly the digits of `k`.
    fn number_fast(&self, value: f64, decimals: usize) -> Option<String> {
        if decimals > 3 {
            return None;
        }
        let scale = 10f64.powi(decimals as i32);
        let rounded = round_half_away(value, decimals);
        let scaled = (rounded * scale).round();
        if !scaled.is_finite() || scaled.abs() >= 1e12 {
            return None;
        }
        let k = scaled.abs() as u64;
        let digits = k.to_string();
        let mut text = String::with_capacity(digits.len() + 5);
        if k != 0 && rounded < 0.0 {
            text.push(MINUS);
        }
        if decimals == 0 {
            text.push_str(&digits);
        } else {
            let padded = format!("{digits:0>width$}", width = decimals + 1);
            let (whole, fraction) = padded.split_at(padded.len() - decimals);
            text.push_str(whole);
            text.push(self.decimal_separator);
            text.push_str(fraction);
        }
        Some(text)
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

    /// The change from `before` to `after` as a reader can check it on the page: the difference
    /// of the two figures as shown (each rounded to `decimals`), signed. 73.6 → 73.4 is shown
    /// 74 → 73 with a change of −1, not of −0.2 rounded to "0".
    pub fn shown_change(&self, before: f64, after: f64, decimals: usize) -> String {
        let scale = 10f64.powi(decimals as i32);
        let steps =
            round_half_away(after, decimals) * scale - round_half_away(before, decimals) * scale;
        self.signed(steps.round() / scale, decimals)
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

/// How far below an exact half a value may be and still count as the half, in units of the last
/// digit kept. Figures are ratios of counts computed in binary floating point, so a figure that
/// is exactly 62.5 can come out as 62.49999999999999; its error is below 10⁻¹² of a digit.
const HALF_TOLERANCE: f64 = 1e-9;

/// `value` rounded to `decimals` digits, halves away from zero (62.5 → 63, −2.5 → −3,
/// 0.125 → 0.13): `value`·10^decimals is rounded up in magnitude when its fraction is at least
/// ½ − [`HALF_TOLERANCE`], so a half computed a hair low still counts as a half. Every figure a
/// reader sees is rounded by this rule (docs/method.md, "Rounding").
pub fn round_half_away(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let y = (value * scale).abs();
    let whole = y.floor();
    let magnitude = if y - whole >= 0.5 - HALF_TOLERANCE {
        whole + 1.0
    } else {
        whole
    };
    (magnitude / scale).copysign(value)
}

/// The first of `items` with the largest `key`, where keys equal at 9 decimals are equal (as
/// Spearman's ties: two values equal in exact arithmetic may differ in their last binary digit).
/// A reading that names "the largest" of several figures names the first in the list's order on
/// a tie (docs/method.md, "Rounding"). None when `items` is empty.
pub fn first_largest<T>(items: &[T], key: impl Fn(&T) -> f64) -> Option<&T> {
    let size = |item: &T| round_half_away(key(item), 9);
    items
        .iter()
        .reduce(|best, item| if size(item) > size(best) { item } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The integer fast path writes what the float formatter writes, for values that are near
    /// ties, negative, tiny, large and in between.
    #[test]
    fn the_fast_path_writes_what_the_float_formatter_writes() {
        let mut values = vec![
            0.0, -0.0, 0.5, -0.5, 2.5, 0.045, 1.005, 99.95, -0.004, 1e11, 7e11,
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..5_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            let magnitude = 10f64.powi((x % 13) as i32 - 4);
            values.push((unit - 0.5) * 2.0 * magnitude);
            // Values sitting on a tie of the last shown digit.
            values.push(((x % 20_000) as f64 - 10_000.0) / 200.0);
        }
        let mut fast = 0;
        for f in [NumberFormat::ENGLISH, NumberFormat::NORDIC] {
            for &v in &values {
                for d in 0..=3 {
                    // Beyond its range the fast path declines, and `number` formats as before.
                    if let Some(text) = f.number_fast(v, d) {
                        assert_eq!(text, f.number_exact(v, d), "{v} with {d} decimals");
                        fast += 1;
                    }
                    assert_eq!(
                        f.number(v, d),
                        f.number_exact(v, d),
                        "{v} with {d} decimals"
                    );
                }
            }
        }
        assert!(fast > values.len() * 6, "the fast path ran {fast} times");
    }

    #[test]
    fn english_and_finnish_numbers() {
        assert_eq!(NumberFormat::ENGLISH.number(4.24, 1), "4.2");
        assert_eq!(NumberFormat::NORDIC.number(4.26, 1), "4,3");
        assert_eq!(NumberFormat::NORDIC.percent(0.456, 0), "46\u{a0}%");
        assert_eq!(NumberFormat::ENGLISH.percent(0.456, 0), "46%");
    }

    #[test]
    fn the_largest_of_equal_values_is_the_first() {
        // Communication and leadership both 50 − 64.516… in the crafted audit site: the first.
        let gaps = [("a", 14.5), ("b", 9.0), ("c", 14.5), ("d", -3.0)];
        assert_eq!(first_largest(&gaps, |g| g.1).unwrap().0, "a");
        // Equal in exact arithmetic, a last binary digit apart: still a tie.
        let close = [("x", 0.1 + 0.2), ("y", 0.3), ("z", 0.29)];
        assert!(close[0].1 > close[1].1);
        assert_eq!(first_largest(&close, |g| g.1).unwrap().0, "x");
        let later = [("x", 0.3), ("y", 0.1 + 0.2)];
        assert_eq!(first_largest(&later, |g| g.1).unwrap().0, "x");
        assert_eq!(
            first_largest(&[("p", 1.0), ("q", 1.000_001)], |g| g.1)
                .unwrap()
                .0,
            "q"
        );
        assert!(first_largest(&[] as &[(&str, f64)], |g| g.1).is_none());
    }

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(NumberFormat::ENGLISH.number(62.5, 0), "63");
        assert_eq!(NumberFormat::ENGLISH.number(-2.5, 0), "\u{2212}3");
        assert_eq!(NumberFormat::ENGLISH.number(0.25, 1), "0.3");
    }

    #[test]
    fn a_half_computed_a_hair_low_still_rounds_up() {
        // 0.6 and 0.65 average to 0.625 exactly; other float sums of an exact half land just below.
        assert_eq!(NumberFormat::ENGLISH.number(62.49999999999999, 0), "63");
        assert_eq!(
            NumberFormat::ENGLISH.number(-62.49999999999999, 0),
            "\u{2212}63"
        );
        // 0.285 is stored as 0.28499999999999998, and times 100 is 28.499999999999996.
        assert_eq!(NumberFormat::ENGLISH.number(0.285, 2), "0.29");
        // Further below the half is below it.
        assert_eq!(NumberFormat::ENGLISH.number(62.4999, 0), "62");
        assert_eq!(NumberFormat::ENGLISH.number(1e300, 0).len(), 301);
        assert_eq!(round_half_away(-0.4, 0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(NumberFormat::ENGLISH.number(-0.4, 0), "0");
    }

    #[test]
    fn a_shown_change_is_the_difference_of_the_shown_figures() {
        let f = NumberFormat::ENGLISH;
        assert_eq!(f.shown_change(73.6, 73.4, 0), "\u{2212}1");
        assert_eq!(f.shown_change(73.4, 73.6, 0), "+1");
        assert_eq!(f.shown_change(73.1, 73.4, 0), "0");
        assert_eq!(f.shown_change(-12.5, 12.5, 0), "+26");
        assert_eq!(f.shown_change(45.24, 45.26, 1), "+0.1");
        assert_eq!(f.shown_change(45.25, 45.34, 1), "0.0");
    }

    #[test]
    fn signs() {
        assert_eq!(NumberFormat::ENGLISH.signed(3.0, 0), "+3");
        assert_eq!(NumberFormat::ENGLISH.signed(-2.4, 0), "\u{2212}2");
        assert_eq!(NumberFormat::ENGLISH.signed(-0.2, 0), "0");
        assert_eq!(NumberFormat::ENGLISH.number(-0.04, 1), "0.0");
    }
}
