//! Loonkostenvoordeel (LKV), Wet tegemoetkomingen loondomein (Wtl): an amount per paid hour,
//! capped per calendar year, which the employer of record claims in the loonaangifte (wage
//! tax return) and the Belastingdienst decides and pays the following year (by default in
//! September: a cash-timing effect that matters for the NPV). UWV (or the gemeente) only
//! issues the doelgroepverklaring, which the model assumes the employer has.
//!
//! Two kinds are simulated: doelgroep banenafspraak (Wtl art. 2.10, 2.12 and 2.13: € 1.01 per
//! hour, at most € 2,000 a year; since 2026 as long as the employment lasts, and by art. 6.2
//! lid 1 onderdeel b also for a right begun before 2026 that had not ended — the preset's
//! switch `lkv_banenafspraak_limit_at_employment_start` chooses between that and the limit in
//! force at the start of the employment) and arbeidsgehandicapte werknemer (art. 2.6, 2.8 and
//! 2.9: € 3.05 per hour, at most € 6,000 a year, 36 months). When several apply to one worker
//! only the highest counts (art. 4.1 lid 3; its yearly claim; `Rules` pays the highest).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{Books, Context, MonthFacts, Scheme, Shared};
use crate::calendar::YearMonth;
use crate::diag::unknown_key_message;
use crate::rates::{Figure, RateTable};
use crate::vocab::{LineDef, Party, Words, Worker};

pub const LINE: &str = "lkv";

/// Calendar month in which the Belastingdienst pays the LKV of the previous year by default
/// (September).
pub const DEFAULT_PAY_MONTH: i64 = 9;

/// Loonkostenvoordeel (Wet tegemoetkomingen loondomein), paid by the Belastingdienst the next
/// year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLkv {
    /// `banenafspraak` or `arbeidsgehandicapt`.
    pub category: String,
    /// Calendar month of the following year in which the Belastingdienst pays (default 9).
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

    /// (per hour, yearly cap, duration limit) of the category.
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
    /// Calendar month of the following year in which the Belastingdienst pays (1–12).
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
    /// The LKV has reached its duration limit: it stays ended, also when a later month has a
    /// longer limit (Wtl art. 6.2 lid 1: only a right that had not ended continues).
    ended: bool,
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
        if s.ended {
            return;
        }
        let limit = if self.limit_at_employment_start(m, cx) {
            // The duration limit in force when the employment started.
            match s.limit {
                Some((since, limit)) if since == hired => limit,
                _ => {
                    let limit = cx.rates.get(max_months, cx.calendar_of_tenure(hired));
                    s.limit = Some((hired, limit));
                    limit
                }
            }
        } else {
            // The limit in force in the month (Wtl art. 6.2 lid 1 onderdeel b).
            cx.rates.get(max_months, m.calendar)
        };
        if s.months as f64 >= limit {
            s.ended = true;
            return;
        }
        s.year = Some(m.calendar.year());
        s.amount += cx.rates.get(per_hour, m.calendar) * m.paid_hours;
        s.months += 1;
    }

    /// Whether the duration limit is the one in force at the start of the employment (the
    /// preset's switch, in force in the month; only the banenafspraak changed its duration, so
    /// the arbeidsgehandicapte werknemer always keeps the limit of its start, Wtl art. 2.8).
    #[inline(always)]
    fn limit_at_employment_start(&self, m: &MonthFacts, cx: &Context) -> bool {
        match self.category {
            Category::Banenafspraak => {
                cx.rates.get(Figure::LkvBanenafspraakLimitAtEmploymentStart, m.calendar) != 0.0
            }
            Category::Arbeidsgehandicapt => true,
        }
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

    fn for_worker(&self, worker: &Worker) -> bool {
        self.eligible(worker)
    }

    fn worker_condition(&self) -> Words {
        match self.category {
            Category::Banenafspraak => Words {
                nl: "een werknemer in het doelgroepregister banenafspraak, met een doelgroepverklaring (Wtl art. 2.10)",
                en: "a worker in the banenafspraak target-group register, with a doelgroepverklaring (Wtl art. 2.10)",
            },
            Category::Arbeidsgehandicapt => Words {
                nl: "een arbeidsgehandicapte werknemer, met een doelgroepverklaring (Wtl art. 2.6)",
                en: "an arbeidsgehandicapte werknemer, with a doelgroepverklaring (Wtl art. 2.6)",
            },
        }
    }

    fn lines(&self, eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, Party::Belastingdienst, eor)]
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
    use crate::instruments::rule::{test_context, test_month};
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

    /// The months of LKV banenafspraak accrued over 48 months of employment that started in
    /// January 2025, with the preset's figures and `overrides`.
    fn lkv_months(preset: &str, overrides: &[(&str, Vec<(YearMonth, f64)>)]) -> usize {
        let mut preset = load_preset(preset).unwrap();
        for (key, values) in overrides {
            preset.override_figure(key, values.clone()).unwrap();
        }
        let start = YearMonth::new(2025, 1).unwrap();
        let rates = RateTable::new(&preset, start, 48);
        let worker = Worker {
            banenafspraak: true,
            ..Worker::default()
        };
        let cx = test_context(&rates, &worker, start);
        let lkv = Lkv {
            category: Category::Banenafspraak,
            pay_month: 9,
        };
        let mut s = State::default();
        for tenure in 0..48 {
            let m = test_month(start.add_months(tenure as i64), tenure, 1.0, 15.0);
            lkv.accrue(&mut s, &m, 0, &cx);
            if m.calendar.month() == 12 {
                lkv.settle(&mut s, &cx);
            }
        }
        s.months
    }

    /// Employment started before 2026: nl-2026 follows Wtl art. 6.2 lid 1 onderdeel b (the LKV
    /// that had not ended continues without a limit: 48 of 48 months); with the switch at 1,
    /// or in nl-2025, the 3-year limit of the start of the employment holds (36 months).
    #[test]
    fn lkv_banenafspraak_for_employment_started_before_2026_by_the_presets_choice() {
        let jan_2025 = YearMonth::new(2025, 1).unwrap();
        assert_eq!(lkv_months("nl-2026", &[]), 48);
        let at_start = ("lkv_banenafspraak_limit_at_employment_start", vec![(jan_2025, 1.0)]);
        assert_eq!(lkv_months("nl-2026", &[at_start]), 36);
        assert_eq!(lkv_months("nl-2025", &[]), 36);
        // An LKV that ended before 2026 does not come back (art. 6.2 lid 1: "niet is
        // geëindigd"): a 6-month limit in 2025, none from 2026.
        let short = (
            "lkv_banenafspraak_max_months",
            vec![(jan_2025, 6.0), (YearMonth::new(2026, 1).unwrap(), f64::INFINITY)],
        );
        assert_eq!(lkv_months("nl-2026", &[short]), 6);
    }

    #[test]
    fn the_lkv_is_paid_by_the_belastingdienst() {
        let lkv = Lkv {
            category: Category::Arbeidsgehandicapt,
            pay_month: 9,
        };
        let lines = lkv.lines(Party::Provider);
        assert_eq!(lines[0].payer, Party::Belastingdienst);
        assert_eq!(lines[0].payee, Party::Provider);
    }
}
