//! Loonkostenvoordeel (LKV), Wet tegemoetkomingen loondomein: an amount per paid hour,
//! capped per calendar year, which the employer of record claims in the wage tax return and
//! UWV pays the following year (by default in September: a cash-timing effect that matters
//! for the NPV).
//!
//! Two kinds are simulated: doelgroep banenafspraak (€ 1.01 per hour, at most € 2,000 a
//! year; the 36-month limit is lifted for employment that starts from 2026) and
//! arbeidsgehandicapte werknemer (€ 3.05 per hour, at most € 6,000 a year, 36 months). When
//! several apply to one worker only the highest counts (its yearly claim; `Rules` pays the
//! highest).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{Books, Context, MonthFacts, Scheme, Shared};
use crate::calendar::YearMonth;
use crate::diag::unknown_key_message;
use crate::rates::{Figure, RateTable};
use crate::vocab::{LineDef, Party, Words, Worker};

pub const LINE: &str = "lkv";

/// Calendar month in which UWV pays the LKV of the previous year by default (September).
pub const DEFAULT_PAY_MONTH: i64 = 9;

/// Loonkostenvoordeel (Wet tegemoetkomingen loondomein), paid by UWV the next year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLkv {
    /// `banenafspraak` or `arbeidsgehandicapt`.
    pub category: String,
    /// Calendar month of the following year in which UWV pays (default 9).
    pub pay_month: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Banenafspraak,
    Arbeidsgehandicapt,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Banenafspraak => "banenafspraak",
            Category::Arbeidsgehandicapt => "arbeidsgehandicapt",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "banenafspraak" => Some(Category::Banenafspraak),
            "arbeidsgehandicapt" => Some(Category::Arbeidsgehandicapt),
            _ => None,
        }
    }

    fn figures(self) -> (Figure, Figure, Figure) {
        match self {
            Category::Banenafspraak => (
                Figure::LkvBanenafspraakPerHour,
                Figure::LkvBanenafspraakYearCap,
                Figure::LkvBanenafspraakMaxMonths,
            ),
            Category::Arbeidsgehandicapt => (
                Figure::LkvArbeidsgehandicaptPerHour,
                Figure::LkvArbeidsgehandicaptYearCap,
                Figure::LkvArbeidsgehandicaptMaxMonths,
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lkv {
    pub category: Category,
    /// Calendar month of the following year in which UWV pays (1–12).
    pub pay_month: u32,
}

/// The LKV earned in the running calendar year.
#[derive(Debug, Clone, Default)]
pub struct State {
    year: Option<i32>,
    amount: f64,
    months: usize,
    /// The duration limit of the employment, by the month it started: (hired, limit).
    limit: Option<(usize, f64)>,
}

/// The LKV of one calendar year: per-hour amount × paid hours, at most the yearly cap.
pub fn year_amount(rates: &RateTable, category: Category, year_start: YearMonth, paid_hours: f64) -> f64 {
    let (per_hour, cap, _) = category.figures();
    (rates.get(per_hour, year_start) * paid_hours).min(rates.get(cap, year_start))
}

impl Lkv {
    pub fn eligible(&self, worker: &Worker) -> bool {
        match self.category {
            Category::Banenafspraak => worker.banenafspraak,
            Category::Arbeidsgehandicapt => worker.arbeidsgehandicapt,
        }
    }

    /// Adds the month's paid hours, within the maximum duration of employment.
    #[inline(always)]
    pub fn accrue(&self, s: &mut State, m: &MonthFacts, hired: usize, cx: &Context) {
        let (per_hour, _, max_months) = self.category.figures();
        // The duration limit is the one in force when the employment started.
        let limit = match s.limit {
            Some((since, limit)) if since == hired => limit,
            _ => {
                let limit = cx.rates.get(max_months, cx.calendar_of_tenure(hired));
                s.limit = Some((hired, limit));
                limit
            }
        };
        if s.months as f64 >= limit {
            return;
        }
        s.year = Some(m.calendar.year());
        s.amount += cx.rates.get(per_hour, m.calendar) * m.paid_hours;
        s.months += 1;
    }

    /// Closes the running year: the capped amount and the scenario month in which it is paid.
    pub fn settle(&self, s: &mut State, cx: &Context) -> Option<(f64, usize)> {
        let year = s.year.take()?;
        let january = YearMonth::new(year, 1)?;
        let (_, cap, _) = self.category.figures();
        let amount = s.amount.min(cx.rates.get(cap, january));
        s.amount = 0.0;
        let due = YearMonth::new(year + 1, self.pay_month)?;
        (amount > 0.0).then(|| (amount, cx.month_index(due)))
    }
}

impl Scheme for Lkv {
    const KIND: &'static str = "lkv";
    const NAME: Words = Words {
        nl: "Loonkostenvoordeel",
        en: "Wage-cost advantage (LKV)",
    };
    const LINES: &'static [(&'static str, Words)] = &[(
        LINE,
        Words {
            nl: "Loonkostenvoordeel",
            en: "Wage-cost advantage (LKV)",
        },
    )];
    type Raw = RawLkv;
    type State = State;

    /// One LKV per category in an arrangement.
    fn identity(raw: &RawLkv) -> String {
        format!("lkv:{}", raw.category)
    }

    fn build(raw: &RawLkv, b: &mut Build) -> Self {
        let category = Category::from_key(&raw.category).unwrap_or_else(|| {
            b.error_at(
                "category",
                unknown_key_message(
                    "LKV category",
                    &raw.category,
                    &["banenafspraak", "arbeidsgehandicapt"],
                ),
            );
            Category::Banenafspraak
        });
        Lkv {
            category,
            pay_month: b.months(raw.pay_month.unwrap_or(DEFAULT_PAY_MONTH), "pay_month", 1, 12) as u32,
        }
    }

    fn label(&self) -> String {
        format!("lkv ({})", self.category.as_str())
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("category", self.category.as_str().to_owned()),
            ("pay_month", self.pay_month.to_string()),
        ]
    }

    fn lines(&self, eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, Party::Uwv, eor)]
    }

    #[inline(always)]
    fn after(
        &self,
        s: &mut State,
        _shared: &Shared,
        ineligible: &mut bool,
        hired: usize,
        m: &MonthFacts,
        cx: &Context,
        _books: &mut Books,
        _lines: &[usize],
    ) {
        if !self.eligible(cx.worker) {
            *ineligible = true;
        } else {
            self.accrue(s, m, hired, cx);
        }
    }

    fn yearly_claim(&self, s: &mut State, cx: &Context) -> Option<(f64, usize)> {
        self.settle(s, cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::load_preset;

    /// Issue examples: an arbeidsgehandicapte werknemer with 2,000 paid hours gets the € 6,000
    /// cap; banenafspraak with 1,500 paid hours gives € 1,515.00.
    #[test]
    fn yearly_amounts_and_caps() {
        let preset = load_preset("nl-2026").unwrap();
        let jan = YearMonth::new(2026, 1).unwrap();
        let rates = RateTable::new(&preset, jan, 12);
        assert_eq!(
            year_amount(&rates, Category::Arbeidsgehandicapt, jan, 2000.0),
            6000.0
        );
        let b = year_amount(&rates, Category::Banenafspraak, jan, 1500.0);
        assert_eq!((b * 100.0).round(), 151_500.0);
        assert_eq!(year_amount(&rates, Category::Banenafspraak, jan, 3000.0), 2000.0);
    }
}
