//! The school calendar: which working days of a month are school days (a learner is at the
//! company) and which fall in a school holiday. The Dutch school holidays per region are data
//! (`src/rates/school-holidays.toml`, dated and sourced like the rates); a scenario can give
//! its own holidays instead.
//!
//! A month's school share is the number of weekdays (Monday to Friday) outside every holiday
//! divided by the month's weekdays, so a part-month holiday counts pro rata by its working
//! days. Public holidays outside the school holidays are not taken out.

use serde::Deserialize;

use crate::calendar::YearMonth;

const DATA: &str = include_str!("rates/school-holidays.toml");

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

impl Date {
    /// A date; `None` when it does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self {
            days: days_from_civil(year, month, day),
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-10-17");
        let mut parts = text.trim().split('-');
        let mut next = || parts.next().and_then(|p| p.parse::<i64>().ok());
        let (y, m, d) = (
            next().ok_or_else(bad)?,
            next().ok_or_else(bad)?,
            next().ok_or_else(bad)?,
        );
        if parts.next().is_some() || !(1900..=2200).contains(&y) {
            return Err(bad());
        }
        Self::new(
            y as i32,
            u32::try_from(m).map_err(|_| bad())?,
            u32::try_from(d).map_err(|_| bad())?,
        )
        .ok_or_else(bad)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days + 3).rem_euclid(7) as u32
    }

    fn next(self) -> Self {
        Self { days: self.days + 1 }
    }

    /// The calendar month the day lies in.
    pub fn year_month(self) -> YearMonth {
        let (y, m, _) = civil_from_days(self.days);
        YearMonth::new(y, m).unwrap_or_else(|| unreachable!("a parsed date has a valid month"))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.days);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// A region of the Dutch school holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Noord,
    Midden,
    Zuid,
}

impl Region {
    pub const ALL: [Region; 3] = [Region::Noord, Region::Midden, Region::Zuid];

    pub fn as_str(self) -> &'static str {
        match self {
            Region::Noord => "noord",
            Region::Midden => "midden",
            Region::Zuid => "zuid",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// One holiday: its first and last day, both included.
#[derive(Debug, Clone, PartialEq)]
pub struct Holiday {
    pub name: String,
    pub from: Date,
    pub to: Date,
}

/// The holidays a learner has, in date order and without overlap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchoolCalendar {
    pub holidays: Vec<Holiday>,
}

impl SchoolCalendar {
    /// A calendar of `holidays`, or the indices of two that overlap (or of one that ends
    /// before it begins, twice).
    pub fn new(mut holidays: Vec<Holiday>) -> Result<Self, (usize, usize)> {
        if let Some(i) = holidays.iter().position(|h| h.to < h.from) {
            return Err((i, i));
        }
        let mut order: Vec<usize> = (0..holidays.len()).collect();
        order.sort_by_key(|&i| holidays[i].from);
        for w in order.windows(2) {
            if holidays[w[1]].from <= holidays[w[0]].to {
                return Err((w[0], w[1]));
            }
        }
        holidays.sort_by_key(|h| h.from);
        Ok(Self { holidays })
    }

    fn is_holiday(&self, d: Date) -> bool {
        self.holidays.iter().any(|h| h.from <= d && d <= h.to)
    }

    /// Share of the month's weekdays that are school days (outside every holiday).
    pub fn school_share(&self, month: YearMonth) -> f64 {
        let Some(mut d) = Date::new(month.year(), month.month(), 1) else {
            return 1.0;
        };
        let (mut weekdays, mut school) = (0u32, 0u32);
        while d.year_month() == month {
            if d.weekday() < 5 {
                weekdays += 1;
                if !self.is_holiday(d) {
                    school += 1;
                }
            }
            d = d.next();
        }
        f64::from(school) / f64::from(weekdays.max(1))
    }

    /// Weekdays of the month that are school days.
    pub fn school_days(&self, month: YearMonth) -> u32 {
        let Some(mut d) = Date::new(month.year(), month.month(), 1) else {
            return 0;
        };
        let mut school = 0;
        while d.year_month() == month {
            if d.weekday() < 5 && !self.is_holiday(d) {
                school += 1;
            }
            d = d.next();
        }
        school
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    source: String,
    year: Vec<RawYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    school_year: String,
    status: String,
    holidays: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: String,
    noord: [String; 2],
    midden: [String; 2],
    zuid: [String; 2],
}

/// One school year of the shipped Dutch holidays.
#[derive(Debug, Clone)]
pub struct SchoolYear {
    /// `2026-2027`.
    pub name: String,
    /// `published` or `unconfirmed`.
    pub status: String,
    /// 1 August of its first year to 31 July of its second.
    pub first_day: Date,
    pub last_day: Date,
}

/// The shipped Dutch school holidays of one region.
#[derive(Debug, Clone)]
pub struct DutchHolidays {
    pub calendar: SchoolCalendar,
    pub years: Vec<SchoolYear>,
    pub source: String,
}

impl DutchHolidays {
    /// The school years a month from `first` to `last` (inclusive) falls in that the data do
    /// not cover.
    pub fn uncovered(&self, first: YearMonth, last: YearMonth) -> Option<(YearMonth, YearMonth)> {
        let (lo, hi) = (
            self.years.first().map(|y| y.first_day.year_month()),
            self.years.last().map(|y| y.last_day.year_month()),
        );
        match (lo, hi) {
            (Some(lo), Some(hi)) if first >= lo && last <= hi => None,
            (Some(lo), Some(hi)) => Some((lo, hi)),
            _ => Some((first, last)),
        }
    }

    /// The school years of the months `first..=last` whose dates are not confirmed.
    pub fn unconfirmed(&self, first: YearMonth, last: YearMonth) -> Vec<&SchoolYear> {
        self.years
            .iter()
            .filter(|y| y.status != "published")
            .filter(|y| y.first_day.year_month() <= last && y.last_day.year_month() >= first)
            .collect()
    }
}

/// The shipped Dutch school holidays of `region`.
pub fn dutch(region: Region) -> DutchHolidays {
    let data: RawData = toml::from_str(DATA).unwrap_or_else(|e| panic!("school-holidays.toml: {e}"));
    let date = |s: &str| Date::parse(s).unwrap_or_else(|e| panic!("school-holidays.toml: {e}"));
    let mut holidays = Vec::new();
    let mut years = Vec::new();
    for y in &data.year {
        let first: i32 = y.school_year[..4]
            .parse()
            .unwrap_or_else(|e| panic!("school-holidays.toml: {}: {e}", y.school_year));
        years.push(SchoolYear {
            name: y.school_year.clone(),
            status: y.status.clone(),
            first_day: Date::new(first, 8, 1).unwrap_or_else(|| unreachable!()),
            last_day: Date::new(first + 1, 7, 31).unwrap_or_else(|| unreachable!()),
        });
        for h in &y.holidays {
            let [from, to] = match region {
                Region::Noord => &h.noord,
                Region::Midden => &h.midden,
                Region::Zuid => &h.zuid,
            };
            holidays.push(Holiday {
                name: h.name.clone(),
                from: date(from),
                to: date(to),
            });
        }
    }
    let calendar = SchoolCalendar::new(holidays)
        .unwrap_or_else(|(a, b)| panic!("school-holidays.toml: holidays {a} and {b} overlap"));
    DutchHolidays {
        calendar,
        years,
        source: data.source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn dates_round_trip_and_know_their_weekday() {
        let d = Date::parse("2026-10-17").unwrap();
        assert_eq!(d.to_string(), "2026-10-17");
        assert_eq!(d.weekday(), 5, "17 October 2026 is a Saturday");
        assert_eq!(Date::parse("2028-02-29").unwrap().weekday(), 1, "a Tuesday");
        assert!(Date::parse("2027-02-29").is_err());
        assert!(Date::parse("2027-13-01").is_err());
    }

    #[test]
    fn the_shipped_holidays_of_every_region_are_weekends_to_weekends_and_do_not_overlap() {
        for region in Region::ALL {
            let h = dutch(region);
            assert_eq!(h.years.len(), 3);
            for holiday in &h.calendar.holidays {
                assert_eq!(
                    holiday.from.weekday(),
                    5,
                    "{region:?} {} starts on a Saturday",
                    holiday.name
                );
                assert_eq!(
                    holiday.to.weekday(),
                    6,
                    "{region:?} {} ends on a Sunday",
                    holiday.name
                );
            }
        }
    }

    #[test]
    fn a_part_month_holiday_counts_by_its_working_days() {
        // October 2026 has 22 weekdays; the autumn holiday (17–25 October) takes 5 of them.
        let noord = dutch(Region::Noord).calendar;
        assert_eq!(noord.school_share(ym(2026, 10)), 17.0 / 22.0);
        // August 2026 in the north: holiday until Sunday 16 August; 21 weekdays, 11 at school.
        assert_eq!(noord.school_days(ym(2026, 8)), 11);
        assert_eq!(noord.school_share(ym(2026, 8)), 11.0 / 21.0);
        // A month without holidays.
        assert_eq!(noord.school_share(ym(2026, 11)), 1.0);
    }

    #[test]
    fn overlapping_holidays_are_refused() {
        let h = |from: &str, to: &str| Holiday {
            name: "x".into(),
            from: Date::parse(from).unwrap(),
            to: Date::parse(to).unwrap(),
        };
        assert_eq!(
            SchoolCalendar::new(vec![h("2026-10-17", "2026-10-25"), h("2026-10-20", "2026-10-30")]),
            Err((0, 1))
        );
        assert_eq!(
            SchoolCalendar::new(vec![h("2026-10-25", "2026-10-17")]),
            Err((0, 0))
        );
        assert!(
            SchoolCalendar::new(vec![h("2026-10-17", "2026-10-25"), h("2026-10-26", "2026-10-30")]).is_ok()
        );
    }
}
