//! Calendar months: the simulation's time axis and the dates of legal figures.

use std::fmt;

/// One calendar month, e.g. 2027-01. Months are 1-based (1 = January).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

/// Full month names in English and Dutch; any prefix of three letters or more is accepted.
const FULL_NAMES: [[&str; 2]; 12] = [
    ["january", "januari"],
    ["february", "februari"],
    ["march", "maart"],
    ["april", "april"],
    ["may", "mei"],
    ["june", "juni"],
    ["july", "juli"],
    ["august", "augustus"],
    ["september", "september"],
    ["october", "oktober"],
    ["november", "november"],
    ["december", "december"],
];

/// The usual Dutch abbreviation that is not a prefix of the month's name.
const DUTCH_ABBREVIATIONS: [(&str, u32); 1] = [("mrt", 3)];

impl YearMonth {
    /// A month; `None` when `month` is not 1..=12 or the year is outside 1900..=2200.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(Self { year, month })
    }

    /// Parses `YYYY-MM`, or `YYYY-MM-01` (a date on the first of a month).
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a month; write it as YYYY-MM, e.g. 2027-01");
        let mut parts = text.trim().split('-');
        let year: i32 = parts.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
        let month: u32 = parts.next().and_then(|m| m.parse().ok()).ok_or_else(bad)?;
        if let Some(day) = parts.next()
            && day != "01"
            && day != "1"
        {
            return Err(format!("`{text}`: only the first day of a month is allowed here"));
        }
        if parts.next().is_some() {
            return Err(bad());
        }
        Self::new(year, month).ok_or_else(bad)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 = January … 12 = December.
    pub fn month(self) -> u32 {
        self.month
    }

    /// Months since year 0, a linear index for arithmetic.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(index: i64) -> Self {
        Self {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// The month `n` months later (earlier when negative).
    pub fn add_months(self, n: i64) -> Self {
        Self::from_index(self.index() + n)
    }

    /// Whole months from `earlier` to `self` (negative when `self` is earlier).
    pub fn months_since(self, earlier: Self) -> i64 {
        self.index() - earlier.index()
    }

    /// January of the same year.
    pub fn january(self) -> Self {
        Self {
            year: self.year,
            month: 1,
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Parses a calendar month name to 1..=12: an English or Dutch name or any prefix of it of
/// three letters or more (`"nov"`, `"November"`, `"okt"`, `"maart"`, `"sept"`), or `"mrt"`.
pub fn month_from_name(name: &str) -> Option<u32> {
    let lower = name.trim().to_lowercase();
    if lower.chars().count() < 3 {
        return None;
    }
    FULL_NAMES
        .iter()
        .position(|names| names.iter().any(|full| full.starts_with(&lower)))
        .map(|i| i as u32 + 1)
        .or_else(|| {
            DUTCH_ABBREVIATIONS
                .iter()
                .find(|(a, _)| *a == lower)
                .map(|(_, m)| *m)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_arithmetic() {
        let m = YearMonth::parse("2027-01").unwrap();
        assert_eq!(m.add_months(13).to_string(), "2028-02");
        assert_eq!(m.add_months(-1).to_string(), "2026-12");
        assert_eq!(YearMonth::parse("2025-07-01").unwrap().month(), 7);
        assert_eq!(m.add_months(25).months_since(m), 25);
        assert!(YearMonth::parse("2027-13").is_err());
        assert!(YearMonth::parse("2027-07-15").is_err());
        assert!(YearMonth::parse("27").is_err());
    }

    #[test]
    fn month_names() {
        assert_eq!(month_from_name("Nov"), Some(11));
        assert_eq!(month_from_name("december"), Some(12));
        assert_eq!(month_from_name("okt"), Some(10));
        assert_eq!(month_from_name("mei"), Some(5));
        assert_eq!(month_from_name("xx"), None);
        assert_eq!(month_from_name("maart"), Some(3));
        assert_eq!(month_from_name("mrt"), Some(3));
        assert_eq!(month_from_name("sept"), Some(9));
        assert_eq!(month_from_name("augustus"), Some(8));
        assert_eq!(month_from_name("novxyz"), None, "only prefixes of real names");
    }
}
