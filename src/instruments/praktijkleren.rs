//! Subsidieregeling praktijkleren: an amount per learning place per school year (August to
//! July), pro rata for the weeks of actual supervision out of 40, paid by the Rijk (RVO) after
//! the school year — here in the December after it, once the application window of September
//! has closed.
//!
//! It goes to the organisation that supervises the learner at work (the regeling's
//! "werkgever": the company that provides the practical part of the training, whether or not
//! the learner is on its payroll), so under detachering to the employer (the host), not to the
//! provider that employs the learner.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{Books, Context, MonthFacts, Scheme, Shared};
use crate::calendar::YearMonth;
use crate::rates::Figure;
use crate::vocab::{LineDef, Party, WEEKS_PER_MONTH, Words};

pub const LINE: &str = "praktijkleren";

/// Subsidieregeling praktijkleren, paid by the Rijk after each school year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPraktijkleren {
    /// Euros per learning place per school year (default: the preset's maximum).
    pub amount_per_year: Option<f64>,
}

/// First calendar month of a school year.
const SCHOOL_YEAR_START_MONTH: u32 = 8;
/// Calendar month after the school year in which RVO pays.
const PAY_MONTH: u32 = 12;

#[derive(Debug, Clone, PartialEq)]
pub struct Praktijkleren {
    /// Euros per school year; `None` = the preset's maximum.
    pub amount_per_year: Option<f64>,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    /// Calendar year in which the running school year started.
    school_year: Option<i32>,
    weeks: f64,
}

fn school_year(month: YearMonth) -> i32 {
    if month.month() >= SCHOOL_YEAR_START_MONTH {
        month.year()
    } else {
        month.year() - 1
    }
}

impl Praktijkleren {
    /// Counts the month's supervised weeks; settles the previous school year when a new one
    /// begins.
    pub fn accrue(&self, s: &mut State, m: &MonthFacts, cx: &Context, books: &mut Books, line: usize) {
        let year = school_year(m.calendar);
        if s.school_year.is_some_and(|y| y != year) {
            self.settle(s, cx, books, line);
        }
        s.school_year = Some(year);
        // Weeks of actual supervision: present and supervised (partly, when coverage falls short).
        s.weeks += WEEKS_PER_MONTH * (1.0 - m.absent) * m.coverage.min(1.0);
    }

    /// Books the running school year's amount at its payment month.
    pub fn settle(&self, s: &mut State, cx: &Context, books: &mut Books, line: usize) {
        let Some(year) = s.school_year.take() else {
            return;
        };
        let Some(start) = YearMonth::new(year, SCHOOL_YEAR_START_MONTH) else {
            return;
        };
        let max = cx.rates.get(Figure::PraktijklerenMaxPerYear, start);
        let per_year = self.amount_per_year.unwrap_or(max).min(max);
        let weeks = cx.rates.get(Figure::PraktijklerenWeeksPerYear, start);
        let amount = per_year * (s.weeks / weeks).min(1.0);
        s.weeks = 0.0;
        if let Some(due) = YearMonth::new(year + 1, PAY_MONTH) {
            books.book_at(line, amount, cx.month_index(due));
        }
    }
}

impl Scheme for Praktijkleren {
    const KIND: &'static str = "praktijkleren";
    const IN_LEARNING: bool = true;
    const NAME: Words = Words {
        nl: "Subsidie praktijkleren",
        en: "Praktijkleren subsidy",
    };
    const LINES: &'static [(&'static str, Words)] = &[(
        LINE,
        Words {
            nl: "Subsidie praktijkleren",
            en: "Praktijkleren subsidy",
        },
    )];
    type Raw = RawPraktijkleren;
    type State = State;

    fn build(raw: &RawPraktijkleren, b: &mut Build) -> Self {
        let max = b.fig(Figure::PraktijklerenMaxPerYear);
        if let Some(a) = raw.amount_per_year
            && !(0.0..=max).contains(&a) {
                b.error_at(
                    "amount_per_year",
                    format!(
                        "{a} is out of range; allowed: 0 to {max} (the preset's maximum per school year)"
                    ),
                );
            }
        Praktijkleren {
            amount_per_year: raw.amount_per_year,
        }
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        self.amount_per_year
            .map(|a| vec![("amount_per_year", a.to_string())])
            .unwrap_or_default()
    }

    /// Paid to the employer where the learner works, also when a provider employs them.
    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, Party::Rijk, Party::Employer)]
    }

    #[inline(always)]
    fn after(
        &self,
        s: &mut State,
        _shared: &Shared,
        _ineligible: &mut bool,
        _hired: usize,
        m: &MonthFacts,
        cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) {
        self.accrue(s, m, cx, books, lines[0]);
    }

    fn close(&self, s: &mut State, cx: &Context, books: &mut Books, lines: &[usize]) {
        self.settle(s, cx, books, lines[0]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Under detachering the provider is the employer of record, but the subsidy goes to the
    /// company that supervises the learner (the host employer).
    #[test]
    fn praktijkleren_goes_to_the_supervising_company_under_detachering() {
        let p = Praktijkleren {
            amount_per_year: None,
        };
        for eor in [Party::Employer, Party::Provider] {
            let lines = p.lines(eor);
            assert_eq!(lines[0].payer, Party::Rijk);
            assert_eq!(lines[0].payee, Party::Employer);
        }
    }
}
