//! Survey periods: quarters (`2026-Q3`), months (`2026-07`) and ISO weeks (`2026-W27`, for pulse
//! surveys). A period knows its order and the period that follows it, which the lagged
//! linkage (EX at t against CX at t+1) needs.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    Quarter,
    Month,
    Week,
}

/// One survey period. Ordered by time within a granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub granularity: Granularity,
    pub year: i32,
    /// Quarter 1–4, month 1–12 or ISO week 1–53.
    pub number: u32,
}

impl Period {
    /// Parses `2026-Q3`, `2026-07` or `2026-W27`; the error says which forms are accepted.
    pub fn parse(text: &str) -> Result<Period, String> {
        let expected = || {
            // `2026-q3` or ` 2026-Q3`: say the one thing to change.
            let hint = match text.trim().to_uppercase() {
                fixed if fixed != text && Period::parse(&fixed).is_ok() => {
                    format!("; did you mean `{fixed}`?")
                }
                _ => String::new(),
            };
            format!(
                "expected a period such as 2026-Q3 (quarter), 2026-07 (month) or 2026-W27 (ISO week), found `{text}`{hint}"
            )
        };
        let (year, rest) = text.split_once('-').ok_or_else(expected)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(expected());
        }
        let year: i32 = year.parse().map_err(|_| expected())?;
        let digits = |s: &str, len: std::ops::RangeInclusive<usize>| -> Result<u32, String> {
            if len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| expected())
            } else {
                Err(expected())
            }
        };
        let (granularity, number, max) = if let Some(q) = rest.strip_prefix('Q') {
            (Granularity::Quarter, digits(q, 1..=1)?, 4)
        } else if let Some(w) = rest.strip_prefix('W') {
            (
                Granularity::Week,
                digits(w, 2..=2)?,
                iso_weeks_in_year(year),
            )
        } else {
            (Granularity::Month, digits(rest, 2..=2)?, 12)
        };
        if number == 0 || number > max {
            return Err(format!("{} (`{text}` does not exist)", expected()));
        }
        Ok(Period {
            granularity,
            year,
            number,
        })
    }

    /// The period right after this one, of the same granularity.
    pub fn next(self) -> Period {
        let max = match self.granularity {
            Granularity::Quarter => 4,
            Granularity::Month => 12,
            Granularity::Week => iso_weeks_in_year(self.year),
        };
        if self.number < max {
            Period {
                number: self.number + 1,
                ..self
            }
        } else {
            Period {
                year: self.year + 1,
                number: 1,
                ..self
            }
        }
    }

    /// The period's last day (a quarter's or month's last day, an ISO week's Sunday): the date
    /// the site's data runs up to, shown as "data as of" on every page. Taken from the data,
    /// never from the clock, so two builds give the same bytes.
    pub fn last_day(self) -> crate::model::Date {
        let (year, month) = match self.granularity {
            Granularity::Quarter => (self.year, self.number * 3),
            Granularity::Month => (self.year, self.number),
            Granularity::Week => {
                // Week 1 is the week with 4 January; its Monday, then on to this week's Sunday.
                let jan4 = days_from_civil(self.year, 1, 4);
                let monday = jan4 - (jan4 + 3).rem_euclid(7);
                return civil_from_days(monday + 7 * (self.number as i64 - 1) + 6);
            }
        };
        let first_of_next = if month == 12 {
            days_from_civil(year + 1, 1, 1)
        } else {
            days_from_civil(year, month + 1, 1)
        };
        civil_from_days(first_of_next - 1)
    }

    /// A lower-case form for file names and URLs: `2026-q3`.
    pub fn slug(self) -> String {
        self.to_string().to_ascii_lowercase()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.granularity {
            Granularity::Quarter => write!(f, "{}-Q{}", self.year, self.number),
            Granularity::Month => write!(f, "{}-{:02}", self.year, self.number),
            Granularity::Week => write!(f, "{}-W{:02}", self.year, self.number),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of `days_from_civil`.
fn civil_from_days(days: i64) -> crate::model::Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    crate::model::Date { year, month, day }
}

/// ISO 8601: a year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
fn iso_weeks_in_year(year: i32) -> u32 {
    let weekday_of_jan1 = |y: i32| -> i32 {
        // Gauss's algorithm; 0 = Sunday.
        let y1 = y - 1;
        (1 + 5 * (y1 % 4) + 4 * (y1 % 100) + 6 * (y1 % 400)).rem_euclid(7)
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let jan1 = weekday_of_jan1(year);
    if jan1 == 4 || (leap && jan1 == 3) {
        53
    } else {
        52
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_day_of_each_kind_of_period() {
        let last = |text: &str| {
            let d = Period::parse(text).unwrap().last_day();
            (d.year, d.month, d.day)
        };
        assert_eq!(last("2026-Q3"), (2026, 9, 30));
        assert_eq!(last("2026-Q4"), (2026, 12, 31));
        assert_eq!(last("2024-02"), (2024, 2, 29)); // leap year
        assert_eq!(last("2100-02"), (2100, 2, 28)); // not a leap year
        assert_eq!(last("2026-07"), (2026, 7, 31));
        // ISO weeks, checked against a calendar: week 27 of 2026 is Mon 29 June – Sun 5 July;
        // week 1 of 2026 starts Mon 29 Dec 2025; 2020 has a week 53 ending Sun 3 Jan 2021.
        assert_eq!(last("2026-W27"), (2026, 7, 5));
        assert_eq!(last("2026-W01"), (2026, 1, 4));
        assert_eq!(last("2020-W53"), (2021, 1, 3));
    }

    #[test]
    fn parses_and_orders() {
        let q = Period::parse("2026-Q3").unwrap();
        assert_eq!(q.to_string(), "2026-Q3");
        assert_eq!(q.next().to_string(), "2026-Q4");
        assert_eq!(q.next().next().to_string(), "2027-Q1");
        assert_eq!(
            Period::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
        assert!(Period::parse("2025-Q1").unwrap() < q);
        assert_eq!(q.slug(), "2026-q3");
    }

    #[test]
    fn iso_weeks() {
        // 2026 starts on a Thursday: 53 weeks. 2025 starts on a Wednesday, not leap: 52.
        assert_eq!(iso_weeks_in_year(2026), 53);
        assert_eq!(iso_weeks_in_year(2025), 52);
        // 2020 is a leap year starting on a Wednesday: 53.
        assert_eq!(iso_weeks_in_year(2020), 53);
        assert!(Period::parse("2026-W53").is_ok());
        assert!(Period::parse("2025-W53").is_err());
        assert_eq!(
            Period::parse("2025-W52").unwrap().next().to_string(),
            "2026-W01"
        );
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "2026", "2026-Q5", "2026-Q0", "2026-13", "2026-7", "26-Q1", "2026-W1", "2026-Qx", "",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }
}
