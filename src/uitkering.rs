//! The uitkering (benefit) a worker would have had without the placement, and how much of it
//! is no longer paid in a month in which the worker earns an income from work: bijstand
//! (Participatiewet), Wajong, WW and WIA.
//!
//! The counterfactual is "no placement": the worker would have stayed on the benefit for the
//! whole horizon (or for the months of benefit left). The engine books the benefit no longer
//! paid as a flow from the worker to the benefit's payer; it passes the employer by. Every
//! function here is pure: the month's income and the figures in force in, euros out. See
//! docs/model.md, "The benefit no longer paid".

use crate::calendar::YearMonth;
use crate::rates::{Figure, RateTable};
use crate::vocab::{Benefit, Household, Party, Worker};

/// Modelling assumption, not law: the share of the gross wage (incl. holiday pay) that the
/// worker keeps as net income, the income the bijstand is compared with. About what a worker
/// at the minimum wage keeps after loonheffing with the algemene heffingskorting and the
/// arbeidskorting (roughly 0.92 full time, more part time). Taxes, tax credits and allowances
/// (toeslagen) on the worker's side are not modelled otherwise. `worker.net_share` overrides it.
pub const DEFAULT_NET_SHARE: f64 = 0.90;

/// The ledger line of the benefit no longer paid and the party that no longer pays it.
pub fn line(benefit: Benefit) -> Option<(&'static str, Party)> {
    match benefit {
        Benefit::None => None,
        Benefit::Participatiewet => Some(("bijstand", Party::Gemeente)),
        Benefit::Wajong => Some(("wajong", Party::Uwv)),
        Benefit::Ww => Some(("ww", Party::Uwv)),
        Benefit::Wia => Some(("wia", Party::Uwv)),
    }
}

/// The benefit of one placement's worker without the placement, fixed for a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counterfactual {
    pub benefit: Benefit,
    pub household: Household,
    /// Age at the start; `None` = adult, taken as 27 or older.
    pub age: Option<u32>,
    pub net_share: f64,
    /// The scenario's benefit per month; `None` = from the law's figures.
    pub per_month: Option<f64>,
    /// Months of benefit left at the start of the placement.
    pub months_left: Option<usize>,
}

/// What one month of a placement is to the benefit rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Month {
    pub calendar: YearMonth,
    /// Months since the placement started.
    pub tenure: usize,
    /// Earlier months of the placement with an income from work (the vrijlating period).
    pub months_with_income: usize,
    /// The worker's share of the adult minimum wage (youth minimum wage below 21).
    pub min_wage_share: f64,
    /// Gross income from work, incl. holiday pay: what the employer of record pays the worker.
    pub income: f64,
    /// An instrument pays the worker's benefit this month on its own line (the benefit kept
    /// during a trial placement, the Wajong top-up under loondispensatie): what the payer
    /// still pays is on that line, so all of the counterfactual benefit counts here.
    pub paid_by_instrument: bool,
}

impl Counterfactual {
    /// The worker's counterfactual benefit; `None` for a worker without one, and for a worker
    /// from the WW or WIA whose benefit the scenario does not give (it depends on the past
    /// wage, which the model does not know).
    pub fn of(worker: &Worker) -> Option<Self> {
        line(worker.benefit)?;
        let c = &worker.counterfactual;
        if matches!(worker.benefit, Benefit::Ww | Benefit::Wia) && c.per_month.is_none() {
            return None;
        }
        Some(Self {
            benefit: worker.benefit,
            household: c.household,
            age: worker.age,
            net_share: c.net_share.unwrap_or(DEFAULT_NET_SHARE),
            per_month: c.per_month,
            months_left: c.months_left,
        })
    }

    /// The worker's age in a tenure month (`None` = adult).
    fn age_at(&self, tenure: usize) -> Option<u32> {
        self.age.map(|a| a + (tenure / 12) as u32)
    }

    /// The benefit without the placement in month `m`, euros.
    pub fn full(&self, rates: &RateTable, m: &Month) -> f64 {
        if self.months_left.is_some_and(|left| m.tenure >= left) {
            return 0.0;
        }
        if let Some(amount) = self.per_month {
            return amount;
        }
        match self.benefit {
            Benefit::Participatiewet => {
                bijstand_norm(rates, m.calendar, self.household, self.age_at(m.tenure))
            }
            Benefit::Wajong => rates.get(Figure::WajongBenefitShare, m.calendar) * wajong_min_wage(rates, m),
            // WW and WIA only with `benefit_per_month` (see `Counterfactual::of`).
            Benefit::Ww | Benefit::Wia | Benefit::None => 0.0,
        }
    }

    /// The benefit no longer paid in month `m` (full benefit − benefit paid while working), euros.
    pub fn saved(&self, rates: &RateTable, m: &Month) -> f64 {
        let terms = self.terms(rates, m);
        self.saved_with(&terms, m.income, m.months_with_income, m.paid_by_instrument)
    }

    /// What the benefit's rule reads in month `m` besides the income and the months with
    /// income: the same for a placement's copies in every iteration, so the engine computes
    /// them once per run ([`Counterfactual::saved_with`]).
    pub fn terms(&self, rates: &RateTable, m: &Month) -> MonthTerms {
        let at = m.calendar;
        let full = self.full(rates, m);
        match self.benefit {
            Benefit::Participatiewet => MonthTerms {
                full,
                share: rates.get(Figure::BijstandVrijlatingShare, at),
                amount: rates.get(Figure::BijstandVrijlatingMaxPerMonth, at),
                old_enough: self
                    .age_at(m.tenure)
                    .is_none_or(|a| f64::from(a) >= rates.get(Figure::BijstandVrijlatingMinAge, at)),
                max_months: rates.get(Figure::BijstandVrijlatingMaxMonths, at),
            },
            Benefit::Wajong => MonthTerms {
                full,
                share: rates.get(Figure::WajongBenefitShare, at),
                amount: wajong_min_wage(rates, m),
                ..MonthTerms::default()
            },
            Benefit::Ww => MonthTerms {
                full,
                share: rates.get(Figure::WwIncomeDeductionShare, at),
                ..MonthTerms::default()
            },
            Benefit::Wia => MonthTerms {
                full,
                share: rates.get(Figure::WiaIncomeDeductionShare, at),
                ..MonthTerms::default()
            },
            Benefit::None => MonthTerms {
                full,
                ..MonthTerms::default()
            },
        }
    }

    /// The benefit no longer paid in a month with the month's `terms` and gross `income` from
    /// work, after `months_with_income` earlier months with an income (see [`Month`]).
    #[inline]
    pub fn saved_with(
        &self,
        terms: &MonthTerms,
        income: f64,
        months_with_income: usize,
        paid_by_instrument: bool,
    ) -> f64 {
        let full = terms.full;
        if full == 0.0 || paid_by_instrument {
            return full;
        }
        match self.benefit {
            Benefit::Participatiewet => {
                let net = income * self.net_share;
                // Participatiewet art. 31 lid 2 n and lid 5: the inkomstenvrijlating holds for
                // the first months with income from work, from the age of 27.
                let free = if terms.old_enough && (months_with_income as f64) < terms.max_months {
                    vrijlating(net, terms.share, terms.amount)
                } else {
                    0.0
                };
                bijstand_saved(full, net, free)
            }
            Benefit::Wajong => wajong_saved(full, terms.share, terms.amount, income),
            Benefit::Ww | Benefit::Wia => offset_saved(full, terms.share, income),
            Benefit::None => 0.0,
        }
    }
}

/// The figures a benefit's rule reads in one month of a placement ([`Counterfactual::terms`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MonthTerms {
    /// The benefit without the placement.
    pub full: f64,
    /// Bijstand: the vrijlating's share of the net income; Wajong: the benefit's share of the
    /// minimum wage; WW and WIA: the share of the income deducted.
    pub share: f64,
    /// Bijstand: the vrijlating's maximum per month; Wajong: the minimum wage it is a share of.
    pub amount: f64,
    /// Bijstand: the worker is old enough for the vrijlating, which holds for this many
    /// months with income.
    pub old_enough: bool,
    pub max_months: f64,
}

/// The bijstand norm of a household (Participatiewet art. 20 and 21), net per month incl.
/// vakantietoeslag. Below 18 there is no algemene bijstand; a single person or single parent
/// aged 18–20 has the jongerennorm of art. 20 lid 1 a / lid 2 a. A couple has the norm of
/// art. 21 b whatever the worker's age (the partner's age is not known; the norms of art. 20
/// for young couples are not modelled). `age` `None` = adult.
pub fn bijstand_norm(rates: &RateTable, at: YearMonth, household: Household, age: Option<u32>) -> f64 {
    match (household, age) {
        (_, Some(a)) if a < 18 => 0.0,
        (Household::Couple, _) => rates.get(Figure::BijstandNormCouple, at),
        (_, Some(a)) if a < 21 => rates.get(Figure::BijstandNormYouthSingle, at),
        _ => rates.get(Figure::BijstandNormSingle, at),
    }
}

/// Participatiewet art. 31 lid 2 n: the share of the (net) income from work left out of the
/// means, at most `max_per_month`.
pub fn vrijlating(net_income: f64, share: f64, max_per_month: f64) -> f64 {
    (share * net_income.max(0.0)).min(max_per_month)
}

/// Bijstand no longer paid: the norm − the bijstand still paid, which is the norm minus the
/// net income counted as means (income − vrijlating), at least 0 (Participatiewet art. 19 and
/// 31–32: bijstand tops the means up to the norm). That is min(norm, income − vrijlating).
pub fn bijstand_saved(norm: f64, net_income: f64, vrijlating: f64) -> f64 {
    (net_income - vrijlating).clamp(0.0, norm)
}

/// Wajong no longer paid (Wet vereenvoudiging Wajong, 2021): with income from work the
/// benefit is `share` × (minimum wage − income), never more than without work.
pub fn wajong_saved(full: f64, share: f64, min_wage: f64, income: f64) -> f64 {
    let paid = (share * (min_wage - income).max(0.0)).min(full);
    full - paid
}

/// WW or WIA no longer paid: `deduction_share` of the income from work is deducted from the
/// benefit (WW art. 35, WIA art. 61), which cannot fall below 0.
pub fn offset_saved(full: f64, deduction_share: f64, income: f64) -> f64 {
    (deduction_share * income.max(0.0)).min(full)
}

/// The minimum wage a Wajong benefit is a share of: the referentiemaandloon (the minimum
/// wage per month of the benefit laws) at the worker's youth share, incl. the legal holiday
/// allowance, as the income from work it is compared with.
fn wajong_min_wage(rates: &RateTable, m: &Month) -> f64 {
    let at = m.calendar;
    rates.get(Figure::MinWageMonth36h, at) * m.min_wage_share * (1.0 + rates.get(Figure::HolidayPay, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::load_preset;

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).unwrap()
    }

    fn month(calendar: &str, income: f64, months_with_income: usize) -> Month {
        Month {
            calendar: ym(calendar),
            tenure: months_with_income,
            months_with_income,
            min_wage_share: 1.0,
            income,
            paid_by_instrument: false,
        }
    }

    fn worker(benefit: Benefit) -> Worker {
        Worker {
            benefit,
            ..Worker::default()
        }
    }

    #[test]
    fn norms_by_household_and_age_follow_participatiewet_art_20_and_21() {
        let rates = load_preset("nl-2026").unwrap();
        let table = RateTable::new(&rates, ym("2026-01"), 12);
        let jan = ym("2026-01");
        assert_eq!(bijstand_norm(&table, jan, Household::Single, None), 1401.50);
        assert_eq!(
            bijstand_norm(&table, jan, Household::SingleParent, Some(30)),
            1401.50
        );
        assert_eq!(bijstand_norm(&table, jan, Household::Couple, None), 2002.13);
        assert_eq!(bijstand_norm(&table, jan, Household::Single, Some(19)), 345.99);
        assert_eq!(bijstand_norm(&table, jan, Household::Single, Some(17)), 0.0);
        assert_eq!(
            bijstand_norm(&table, ym("2026-07"), Household::Single, None),
            1419.46
        );
    }

    /// Participatiewet art. 31 lid 2 n: 24 hours a week at the 2026 minimum wage of € 14,71
    /// with 8% holiday pay is € 1.652,23 gross, € 1.487,00 net at the default net share.
    /// In the first six months € 285 (the maximum, below 25% = € 371,75) is left out of the
    /// means, so bijstand of € 1.401,50 − (€ 1.487,00 − € 285) = € 199,50 is still paid;
    /// from month 7 the net income is above the norm and no bijstand is paid.
    #[test]
    fn bijstand_saved_for_a_single_adult_at_24_hours_wml_art_31_lid_2_n() {
        let rates = load_preset("nl-2026").unwrap();
        let table = RateTable::new(&rates, ym("2026-01"), 12);
        let c = Counterfactual::of(&worker(Benefit::Participatiewet)).unwrap();
        let gross = 14.71 * 24.0 * 52.0 / 12.0 * 1.08;
        let first = c.saved(&table, &month("2026-01", gross, 0));
        let net = gross * 0.90;
        assert_eq!(format!("{net:.2}"), "1487.00");
        assert_eq!(format!("{first:.2}"), format!("{:.2}", net - 285.0));
        assert_eq!(format!("{:.2}", 1401.50 - first), "199.50");
        let seventh = c.saved(&table, &month("2026-01", gross, 6));
        assert_eq!(seventh, 1401.50, "above the norm: the whole bijstand stops");
    }

    /// Partial bijstand below the norm: 12 hours at € 14,71 with 8% holiday pay is € 826,11
    /// gross, € 743,50 net; the vrijlating is 25% = € 185,88 (below the maximum), so the
    /// means are € 557,63 and the gemeente still pays € 843,87 of the € 1.401,50 norm.
    #[test]
    fn partial_bijstand_with_the_vrijlating_below_the_norm() {
        let rates = load_preset("nl-2026").unwrap();
        let table = RateTable::new(&rates, ym("2026-01"), 12);
        let c = Counterfactual::of(&worker(Benefit::Participatiewet)).unwrap();
        let gross = 14.71 * 12.0 * 52.0 / 12.0 * 1.08;
        let saved = c.saved(&table, &month("2026-01", gross, 2));
        assert_eq!(format!("{saved:.2}"), "557.63");
        assert_eq!(format!("{:.2}", 1401.50 - saved), "843.87");
        let later = c.saved(&table, &month("2026-01", gross, 6));
        assert_eq!(
            format!("{later:.2}"),
            "743.50",
            "after six months all net income counts"
        );
    }

    #[test]
    fn no_vrijlating_below_27_art_31_lid_5_and_none_without_income() {
        let rates = load_preset("nl-2026").unwrap();
        let table = RateTable::new(&rates, ym("2026-01"), 12);
        let young = Worker {
            age: Some(24),
            ..worker(Benefit::Participatiewet)
        };
        let c = Counterfactual::of(&young).unwrap();
        let saved = c.saved(&table, &month("2026-01", 1000.0, 0));
        assert_eq!(saved, 900.0, "all of the net income counts below 27");
        assert_eq!(
            c.saved(&table, &month("2026-01", 0.0, 0)),
            0.0,
            "a trial month without wage saves nothing"
        );
    }

    /// Wajong 2021: 70% of (minimum wage − income). At half the minimum wage the benefit
    /// halves: the saving is 70% of the income.
    #[test]
    fn wajong_keeps_30_cents_of_every_euro_earned() {
        let rates = load_preset("nl-2026").unwrap();
        let table = RateTable::new(&rates, ym("2026-01"), 12);
        let c = Counterfactual::of(&worker(Benefit::Wajong)).unwrap();
        let wml = 2294.40 * 1.08;
        let full = c.full(&table, &month("2026-01", 0.0, 0));
        assert_eq!(format!("{full:.2}"), format!("{:.2}", 0.70 * wml));
        let saved = c.saved(&table, &month("2026-01", wml / 2.0, 0));
        assert_eq!(format!("{saved:.2}"), format!("{:.2}", 0.70 * wml / 2.0));
        assert_eq!(c.saved(&table, &month("2026-01", 2.0 * wml, 0)), full);
        let topped_up = Month {
            paid_by_instrument: true,
            ..month("2026-01", wml / 2.0, 0)
        };
        assert_eq!(
            c.saved(&table, &topped_up),
            full,
            "the top-up line carries what is still paid"
        );
    }

    #[test]
    fn ww_deducts_70_percent_of_income_and_ends_with_the_months_left() {
        let rates = load_preset("nl-2026").unwrap();
        let table = RateTable::new(&rates, ym("2026-01"), 12);
        let mut w = worker(Benefit::Ww);
        w.counterfactual.per_month = Some(1800.0);
        w.counterfactual.months_left = Some(3);
        let c = Counterfactual::of(&w).unwrap();
        assert_eq!(c.saved(&table, &month("2026-01", 1000.0, 0)), 700.0);
        assert_eq!(c.saved(&table, &month("2026-01", 3000.0, 1)), 1800.0);
        assert_eq!(
            c.saved(&table, &month("2026-01", 1000.0, 3)),
            0.0,
            "the WW would have ended"
        );
        assert!(Counterfactual::of(&worker(Benefit::None)).is_none());
        assert!(
            Counterfactual::of(&worker(Benefit::Wia)).is_none(),
            "no benefit given: nothing booked"
        );
    }
}
