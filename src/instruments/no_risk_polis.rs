//! No-risk polis (Ziektewet art. 29b): while the worker is sick, UWV pays the employer of
//! record a benefit on the day wage.
//!
//! Benefit of a month = pct · day wage · (261/12 days) · absent fraction, where the day wage
//! is the yearly wage including holiday pay over 261 days (Dagloonbesluit); pct is 100% in the
//! first 52 weeks of a spell when the employer pays 100%, else 70%; never more than the wage
//! paid for the absent part; at most 104 weeks per spell. For the groups of art. 29b lid 1
//! (WIA, arbeidsgehandicapt) only spells that start within the window after hiring (60
//! months) are covered; the groups of art. 29b lid 2 have no window. With LKS it is
//! multiplied by the loonwaarde, at least 30% (Ziektewet art. 29e lid 1 and lid 2 onderdeel
//! a), and by 50% while the LKS is forfaitair, before a loonwaarde is assessed (art. 29e lid 2
//! onderdeel b).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{Books, Context, MonthFacts, Scheme, Shared};
use crate::calendar::YearMonth;
use crate::rates::{Figure, RateTable};
use crate::vocab::{Benefit, Group, LineDef, Party, WEEKS_PER_MONTH, Words, Worker};

pub const LINE: &str = "no_risk_polis";

/// No-risk polis (Ziektewet art. 29b): UWV pays sickness benefit to the employer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNoRiskPolis {
    /// The employer continues 100% of the wage in the first 52 weeks (default true).
    pub employer_pays_full_first_year: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoRiskPolis {
    pub employer_pays_full_first_year: bool,
    /// The arrangement pays LKS (linked from its other instruments): a Participatiewet
    /// worker is then covered, and the benefit follows the loonwaarde (Ziektewet art. 29e).
    pub with_lks: bool,
}

/// The no-risk polis covers workers with a work disability: the groups of Ziektewet art. 29b
/// lid 2 (below) and WIA and arbeidsgehandicapten (art. 29b lid 1 onderdelen a and b).
pub fn eligible(worker: &Worker, with_lks: bool) -> bool {
    worker.arbeidsgehandicapt || worker.benefit == Benefit::Wia || without_window(worker, with_lks)
}

/// The groups of Ziektewet art. 29b lid 2, covered for every spell after hiring (no window):
/// Wajong (onderdeel a); Participatiewet workers with LKS, under art. 10d lid 1 or, for the
/// target group without a benefit, lid 2 (onderdeel e; `with_lks`: the arrangement pays LKS);
/// the register of the banenafspraak (art. 38b Wfsv, to which lid 11 extends onderdeel e);
/// beschut werk (onderdeel f).
pub fn without_window(worker: &Worker, with_lks: bool) -> bool {
    worker.benefit == Benefit::Wajong
        || worker.banenafspraak
        || worker.group == Group::BeschutWerk
        || (with_lks && super::lks::eligible(worker))
}

/// The benefit for a whole month of absence on a day wage (before the loonwaarde factor).
pub fn month_benefit(day_wage: f64, pct: f64, rates: &RateTable, month: YearMonth) -> f64 {
    pct * day_wage * rates.get(Figure::DayWageDaysPerYear, month) / 12.0
}

/// What the no-risk polis knows of the LKS that runs beside it (Ziektewet art. 29e).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LksLoonwaarde {
    /// The LKS is forfaitair: no loonwaarde is assessed yet (art. 29e lid 2 onderdeel b).
    Forfaitair,
    /// The assessed loonwaarde.
    Assessed(f64),
}

impl NoRiskPolis {
    /// The factor on the benefit under LKS (Ziektewet art. 29e): the assessed loonwaarde, at
    /// least 30% (lid 1, lid 2 onderdeel a); 50% while the LKS is forfaitair (lid 2 onderdeel b).
    pub fn loonwaarde_factor(lw: LksLoonwaarde, rates: &RateTable, month: YearMonth) -> f64 {
        match lw {
            LksLoonwaarde::Forfaitair => rates.get(Figure::NoRiskLksForfaitLoonwaarde, month),
            LksLoonwaarde::Assessed(lw) => lw.max(rates.get(Figure::NoRiskLksMinLoonwaarde, month)),
        }
    }

    /// The month's benefit; `loonwaarde` is the factor of Ziektewet art. 29e when LKS runs
    /// (see [`NoRiskPolis::loonwaarde_factor`]).
    pub fn benefit(
        &self,
        m: &MonthFacts,
        hired: usize,
        loonwaarde: Option<LksLoonwaarde>,
        rates: &RateTable,
        worker: &Worker,
    ) -> f64 {
        let Some(spell_start) = m.spell_start_tenure else {
            return 0.0;
        };
        if m.absent <= 0.0 || spell_start < hired {
            return 0.0;
        }
        // No window for the groups of Ziektewet art. 29b lid 2; 5 years (lid 1) otherwise.
        let window = if without_window(worker, self.with_lks) {
            f64::INFINITY
        } else {
            rates.get(Figure::NoRiskWindowMonths, m.calendar)
        };
        if (spell_start - hired) as f64 >= window {
            return 0.0;
        }
        let max_months = rates.get(Figure::NoRiskMaxWeeks, m.calendar) / WEEKS_PER_MONTH;
        if m.spell_elapsed >= max_months {
            return 0.0;
        }
        let first_year = m.spell_elapsed < 12.0;
        let pct = if first_year && self.employer_pays_full_first_year {
            rates.get(Figure::NoRiskPctFirstYearFullPay, m.calendar)
        } else {
            rates.get(Figure::NoRiskPctStandard, m.calendar)
        };
        let days = rates.get(Figure::DayWageDaysPerYear, m.calendar);
        let day_wage = m.wage_hour * m.hours_per_week * 52.0 * (1.0 + m.holiday_pay) / days;
        let lw_factor = loonwaarde.map_or(1.0, |lw| Self::loonwaarde_factor(lw, rates, m.calendar));
        let benefit = month_benefit(day_wage, pct, rates, m.calendar) * m.absent * lw_factor;
        benefit.min(m.sick_wage_full * m.wage_factor)
    }
}

impl Scheme for NoRiskPolis {
    const KIND: &'static str = "no_risk_polis";
    const NAME: Words = Words {
        nl: "No-riskpolis (Ziektewet)",
        en: "No-risk policy (Ziektewet)",
    };
    const LINES: &'static [(&'static str, Words)] = &[(
        LINE,
        Words {
            nl: "No-riskpolis",
            en: "No-risk policy",
        },
    )];
    type Raw = RawNoRiskPolis;
    type State = ();

    fn build(raw: &RawNoRiskPolis, _b: &mut Build) -> Self {
        NoRiskPolis {
            employer_pays_full_first_year: raw.employer_pays_full_first_year.unwrap_or(true),
            with_lks: false,
        }
    }

    fn link(&mut self, kinds: &[&'static str]) {
        self.with_lks = kinds.contains(&<super::lks::Lks as Scheme>::KIND);
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![(
            "employer_pays_full_first_year",
            self.employer_pays_full_first_year.to_string(),
        )]
    }

    fn for_worker(&self, worker: &Worker) -> bool {
        eligible(worker, self.with_lks)
    }

    fn worker_condition(&self) -> Words {
        Words {
            nl: "een werknemer met Wajong of WIA, een arbeidsgehandicapte werknemer, iemand in het doelgroepregister banenafspraak of in beschut werk, of een werknemer met loonkostensubsidie ernaast (Ziektewet art. 29b)",
            en: "a worker on Wajong or WIA, an arbeidsgehandicapte werknemer, a worker in the banenafspraak register or in beschut werk, or one with LKS beside it (Ziektewet art. 29b)",
        }
    }

    fn lines(&self, eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, Party::Uwv, eor)]
    }

    /// The polis pays only for absence: in a month without it, an eligible copy (or one
    /// already found ineligible) has nothing to book, and most months are such.
    #[inline(always)]
    fn idle(&self, ineligible: bool, m: &MonthFacts, cx: &Context) -> bool {
        m.absent <= 0.0 && (ineligible || eligible(cx.worker, self.with_lks))
    }

    #[inline(always)]
    fn after(
        &self,
        _s: &mut (),
        shared: &Shared,
        ineligible: &mut bool,
        hired: usize,
        m: &MonthFacts,
        cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) {
        if !eligible(cx.worker, self.with_lks) {
            *ineligible = true;
        } else {
            let lw = if !self.with_lks {
                None
            } else if shared.forfaitaire_lks {
                Some(LksLoonwaarde::Forfaitair)
            } else {
                shared.loonwaarde.map(LksLoonwaarde::Assessed)
            };
            books.book(lines[0], self.benefit(m, hired, lw, cx.rates, cx.worker));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::load_preset;

    fn facts(absent: f64) -> MonthFacts {
        let contract = 24.0 * WEEKS_PER_MONTH;
        let wage_hour = 15.0;
        MonthFacts {
            t: 3,
            calendar: YearMonth::new(2026, 4).unwrap(),
            tenure: 3,
            productivity: 0.6,
            coverage: 1.0,
            min_wage_share: 1.0,
            absent,
            spell_start_tenure: Some(3),
            spell_elapsed: 0.0,
            hours_per_week: 24.0,
            contract_hours: contract,
            worked_hours: contract * (1.0 - absent),
            paid_hours: contract,
            wage_hour,
            holiday_pay: 0.08,
            sick_pay: 1.0,
            wage_full: contract * wage_hour * 1.08,
            sick_wage_full: contract * absent * wage_hour * 1.08,
            wage_factor: 1.0,
            jobcoach_cost: 0.0,
            supervisor_cost: 38.0,
        }
    }

    /// Issue example: a whole sick month, employer paying 100% in the first year, with LKS:
    /// day wage × 21.75 × LW, the day wage from the yearly wage incl. holiday pay over 261 days.
    #[test]
    fn whole_sick_month_with_lks() {
        let preset = load_preset("nl-2026").unwrap();
        let rates = RateTable::new(&preset, YearMonth::new(2026, 1).unwrap(), 12);
        let worker = Worker {
            benefit: Benefit::Participatiewet,
            ..Worker::default()
        };
        let polis = NoRiskPolis {
            employer_pays_full_first_year: true,
            with_lks: false,
        };
        let day_wage: f64 = 15.0 * 24.0 * 52.0 * 1.08 / 261.0;
        let expected = day_wage * 21.75 * 0.6;
        let got = polis.benefit(&facts(1.0), 0, Some(LksLoonwaarde::Assessed(0.6)), &rates, &worker);
        assert_eq!((got * 100.0).round(), (expected * 100.0).round());
        // Loonwaarde below 30% counts as 30%.
        let low = polis.benefit(&facts(1.0), 0, Some(LksLoonwaarde::Assessed(0.1)), &rates, &worker);
        assert!((low - day_wage * 21.75 * 0.3).abs() < 1e-9);
        // Without LKS the whole day wage, capped at the wage paid for the absent part.
        let full = polis.benefit(&facts(1.0), 0, None, &rates, &worker);
        assert!((full - facts(1.0).sick_wage_full).abs() < 1e-6);
    }

    #[test]
    fn seventy_percent_in_the_second_year_and_nothing_after_104_weeks() {
        let preset = load_preset("nl-2026").unwrap();
        let rates = RateTable::new(&preset, YearMonth::new(2026, 1).unwrap(), 12);
        let worker = Worker {
            benefit: Benefit::Wajong,
            ..Worker::default()
        };
        let polis = NoRiskPolis {
            employer_pays_full_first_year: true,
            with_lks: false,
        };
        let mut m = facts(1.0);
        m.spell_elapsed = 13.0;
        let day_wage: f64 = 15.0 * 24.0 * 52.0 * 1.08 / 261.0;
        assert!((polis.benefit(&m, 0, None, &rates, &worker) - 0.7 * day_wage * 21.75).abs() < 1e-9);
        m.spell_elapsed = 24.0;
        assert_eq!(polis.benefit(&m, 0, None, &rates, &worker), 0.0);
    }

    #[test]
    fn only_spells_inside_the_window_unless_banenafspraak() {
        let preset = load_preset("nl-2026").unwrap();
        let rates = RateTable::new(&preset, YearMonth::new(2026, 1).unwrap(), 12);
        let polis = NoRiskPolis {
            employer_pays_full_first_year: false,
            with_lks: false,
        };
        let mut m = facts(0.5);
        m.spell_start_tenure = Some(61);
        m.tenure = 61;
        let wajong = Worker {
            benefit: Benefit::Wajong,
            ..Worker::default()
        };
        assert!(
            polis.benefit(&m, 0, None, &rates, &wajong) > 0.0,
            "Wajong: no window"
        );
        let target_group = Worker {
            banenafspraak: true,
            ..Worker::default()
        };
        assert!(polis.benefit(&m, 0, None, &rates, &target_group) > 0.0);
        let wia = Worker {
            benefit: Benefit::Wia,
            ..Worker::default()
        };
        assert_eq!(
            polis.benefit(&m, 0, None, &rates, &wia),
            0.0,
            "WIA: 5-year window"
        );
        assert!(!eligible(&Worker::default(), true));
        let participatiewet = Worker {
            benefit: Benefit::Participatiewet,
            ..Worker::default()
        };
        assert!(!eligible(&participatiewet, false), "only with LKS");
        assert!(eligible(&participatiewet, true));
    }

    /// Ziektewet art. 29e lid 2 onderdeel b: during forfaitaire LKS, before a loonwaarde is
    /// assessed, the benefit is multiplied by 50%. A whole sick month at € 15 an hour, 24
    /// hours, employer paying 100%: day wage 15 × 24 × 52 × 1.08 / 261, a month € 1,684.80,
    /// half of it € 842.40.
    #[test]
    fn zw_29e_lid_2_b_fifty_percent_in_the_forfaitaire_lks_phase() {
        let preset = load_preset("nl-2026").unwrap();
        let rates = RateTable::new(&preset, YearMonth::new(2026, 1).unwrap(), 12);
        let worker = Worker {
            benefit: Benefit::Participatiewet,
            ..Worker::default()
        };
        let polis = NoRiskPolis {
            employer_pays_full_first_year: true,
            with_lks: true,
        };
        let forfait = polis.benefit(&facts(1.0), 0, Some(LksLoonwaarde::Forfaitair), &rates, &worker);
        assert_eq!((forfait * 100.0).round(), 84_240.0);
        // After the phase the assessed loonwaarde counts, at least 30% (art. 29e lid 2 a).
        let low = polis.benefit(&facts(1.0), 0, Some(LksLoonwaarde::Assessed(0.2)), &rates, &worker);
        assert_eq!((low * 100.0).round(), 50_544.0);
    }

    /// Ziektewet art. 29b lid 2 onderdeel e: a Participatiewet worker with LKS is covered for
    /// a spell that starts more than 5 years after hiring; so is the target group of art. 10d
    /// lid 2 with LKS, and beschut werk (onderdeel f) with or without LKS. WIA (lid 1) is not.
    #[test]
    fn zw_29b_lid_2_no_window_for_a_participatiewet_worker_with_lks() {
        let preset = load_preset("nl-2026").unwrap();
        let rates = RateTable::new(&preset, YearMonth::new(2026, 1).unwrap(), 12);
        let mut m = facts(1.0);
        m.spell_start_tenure = Some(61);
        m.tenure = 61;
        let with_lks = NoRiskPolis {
            employer_pays_full_first_year: true,
            with_lks: true,
        };
        let without_lks = NoRiskPolis {
            with_lks: false,
            ..with_lks.clone()
        };
        let lw = Some(LksLoonwaarde::Assessed(0.6));
        let participatiewet = Worker {
            benefit: Benefit::Participatiewet,
            ..Worker::default()
        };
        let expected: f64 = 15.0 * 24.0 * 52.0 * 1.08 / 12.0 * 0.6;
        let got = with_lks.benefit(&m, 0, lw, &rates, &participatiewet);
        assert_eq!((got * 100.0).round(), (expected * 100.0).round());
        let nug = Worker {
            group: Group::Nug,
            ..Worker::default()
        };
        assert!(eligible(&nug, true) && !eligible(&nug, false));
        assert!(with_lks.benefit(&m, 0, lw, &rates, &nug) > 0.0);
        let beschut = Worker {
            group: Group::BeschutWerk,
            ..Worker::default()
        };
        assert!(eligible(&beschut, false));
        assert!(without_lks.benefit(&m, 0, None, &rates, &beschut) > 0.0);
        let wia = Worker {
            benefit: Benefit::Wia,
            ..Worker::default()
        };
        assert_eq!(with_lks.benefit(&m, 0, None, &rates, &wia), 0.0, "WIA: 5-year window");
        m.spell_start_tenure = Some(59);
        assert!(with_lks.benefit(&m, 0, None, &rates, &wia) > 0.0, "inside the window");
    }
}
