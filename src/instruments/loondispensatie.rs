//! Loondispensatie (Wajong art. 2:20): the employer pays the wage × loonwaarde instead of the
//! full wage (holiday pay and premiums on the reduced wage); UWV tops up the worker's income.
//!
//! Only for a Wajong worker whose loonwaarde is at most 75% (at least 25% less productive).
//! One decision lasts 6 months to 5 years (`months`, within the preset's figures). The
//! loonwaarde is assessed at hiring and every `reassess_months`; an assessment above the limit
//! suspends the dispensation for as long as it holds and is counted as ineligible. At the end
//! of a decision UWV reassesses (UWV: "verlenging mogelijk"): with `renew` (the default) a
//! loonwaarde still at or below the limit continues the dispensation with a new decision of
//! the same length; one above the limit ends it for good.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{
    Books, Context, DEFAULT_ASSESSMENT_NOISE_SD, DEFAULT_REASSESS_MONTHS, MonthFacts, Scheme, Shared,
    assess_loonwaarde,
};
use crate::diag::Range;
use crate::rates::Figure;
use crate::vocab::{Benefit, LineDef, Party, Words, Worker};

pub const LINE: &str = "wajong_topup";

/// Loondispensatie (Wajong): the employer pays the wage × loonwaarde.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLoondispensatie {
    /// Duration in months (6–60, default 60).
    pub months: Option<i64>,
    /// Share of the wage reduction that UWV tops up to the worker (default 1.0).
    pub topup_share: Option<f64>,
    /// At the end of a decision UWV reassesses the loonwaarde and, while it stays at or below
    /// the limit, continues the dispensation with a new decision (default true).
    pub renew: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loondispensatie {
    /// Months of one decision.
    pub months: usize,
    pub topup_share: f64,
    /// A reassessment at the end of a decision may continue it.
    pub renew: bool,
    pub reassess_months: usize,
    pub noise_sd: f64,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    loonwaarde: Option<f64>,
    active: bool,
    /// A reassessment at the end of a decision found the loonwaarde above the limit.
    ended: bool,
}

/// What the rule decides for the month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// The employer pays this share of the wage.
    Factor(f64),
    /// The worker does not qualify (no Wajong, or loonwaarde above the limit).
    Ineligible,
    /// The decision has ended: its months passed and it was not renewed (no `renew`, or the
    /// reassessment at its end found the loonwaarde above the limit).
    Ended,
}

impl Loondispensatie {
    pub fn wage_factor(
        &self,
        s: &mut State,
        m: &MonthFacts,
        hired: usize,
        assessments: &mut usize,
        cx: &Context,
    ) -> Outcome {
        s.active = false;
        if cx.worker.benefit != Benefit::Wajong {
            return Outcome::Ineligible;
        }
        let since = m.tenure.saturating_sub(hired);
        // The first month of a new decision, after the end of the previous one.
        let renewal = since >= self.months && since.is_multiple_of(self.months);
        if s.ended || (since >= self.months && !self.renew) {
            return Outcome::Ended;
        }
        if renewal || since.is_multiple_of(self.reassess_months) {
            let z = cx.draws.assessment_z(*assessments);
            *assessments += 1;
            s.loonwaarde = Some(assess_loonwaarde(m.productivity, self.noise_sd, z));
        }
        let limit = cx.rates.get(Figure::LoondispensatieMaxLoonwaarde, m.calendar);
        if renewal && s.loonwaarde.is_none_or(|lw| lw > limit) {
            s.ended = true;
            return Outcome::Ended;
        }
        match s.loonwaarde {
            Some(lw) if lw <= limit => {
                s.active = true;
                Outcome::Factor(lw)
            }
            _ => Outcome::Ineligible,
        }
    }

    /// UWV's top-up of the worker's income: a share of the wage the employer did not pay.
    pub fn book_topup(&self, s: &State, m: &MonthFacts, books: &mut Books, line: usize) {
        if s.active {
            books.book(line, self.topup_share * m.wage_full * (1.0 - m.wage_factor));
        }
    }
}

impl Scheme for Loondispensatie {
    const KIND: &'static str = "loondispensatie";
    const NAME: Words = Words {
        nl: "Loondispensatie (Wajong)",
        en: "Wage dispensation (Wajong)",
    };
    const LINES: &'static [(&'static str, Words)] = &[(
        LINE,
        Words {
            nl: "Aanvulling Wajong (UWV)",
            en: "Wajong top-up (UWV)",
        },
    )];
    const ACTS_BEFORE: bool = true;
    type Raw = RawLoondispensatie;
    type State = State;

    fn build(raw: &RawLoondispensatie, b: &mut Build) -> Self {
        Loondispensatie {
            months: b.month_count(
                raw.months,
                b.fig(Figure::LoondispensatieMaxMonths),
                b.fig(Figure::LoondispensatieMinMonths),
                b.fig(Figure::LoondispensatieMaxMonths),
                "months",
            ),
            topup_share: b.number(raw.topup_share, "topup_share", Range::Probability, 1.0),
            renew: raw.renew.unwrap_or(true),
            reassess_months: DEFAULT_REASSESS_MONTHS as usize,
            noise_sd: DEFAULT_ASSESSMENT_NOISE_SD,
        }
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("months", self.months.to_string()),
            ("topup_share", super::rule::share(self.topup_share)),
            ("renew", self.renew.to_string()),
        ]
    }

    fn for_worker(&self, worker: &Worker) -> bool {
        worker.benefit == Benefit::Wajong
    }

    fn worker_condition(&self) -> Words {
        Words {
            nl: "een werknemer met Wajong (Wajong art. 2:20)",
            en: "a worker on Wajong (Wajong art. 2:20)",
        }
    }

    /// An assessed loonwaarde above the limit suspends it, or ends it at the end of a
    /// decision (see [`Loondispensatie::wage_factor`]).
    fn lapses(&self) -> Option<(Figure, Words)> {
        Some((
            Figure::LoondispensatieMaxLoonwaarde,
            Words {
                nl: "de vastgestelde loonwaarde lag boven {limit}, de grens van de regeling (Wajong art. 2:20); dan stopt de loondispensatie tot een beoordeling eronder, aan het eind van een besluit voorgoed",
                en: "the assessed loonwaarde was above {limit}, the scheme's limit (Wajong art. 2:20); the dispensation then stops until an assessment below it, and for good at the end of a decision",
            },
        ))
    }

    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, Party::Uwv, Party::Worker)]
    }

    /// The yearly assessments, and a reassessment at each renewal that does not fall on one.
    fn assessments_needed(&self, horizon: usize) -> usize {
        let renewals = if self.renew && !self.months.is_multiple_of(self.reassess_months.max(1)) {
            horizon / self.months.max(1)
        } else {
            0
        };
        horizon / self.reassess_months.max(1) + renewals + 2
    }

    #[inline(always)]
    fn before(
        &self,
        s: &mut State,
        shared: &mut Shared,
        ineligible: &mut bool,
        m: &MonthFacts,
        cx: &Context,
    ) -> f64 {
        let Some(hired) = shared.hired_at else {
            return 1.0;
        };
        match self.wage_factor(s, m, hired, &mut shared.assessments, cx) {
            Outcome::Factor(lw) => {
                shared.loonwaarde = Some(lw);
                lw
            }
            Outcome::Ineligible => {
                *ineligible = true;
                1.0
            }
            Outcome::Ended => 1.0,
        }
    }

    #[inline(always)]
    fn after(
        &self,
        s: &mut State,
        _shared: &Shared,
        _ineligible: &mut bool,
        _hired: usize,
        m: &MonthFacts,
        _cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) {
        self.book_topup(s, m, books, lines[0]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::YearMonth;
    use crate::instruments::rule::{test_context, test_month};
    use crate::rates::{RateTable, load_preset};
    use crate::vocab::Worker;

    fn facts(tenure: usize, productivity: f64) -> MonthFacts {
        let start = YearMonth::new(2026, 1).unwrap();
        test_month(start.add_months(tenure as i64), tenure, productivity, 14.71)
    }

    /// Runs the rule from hiring to `last` (tenure months), the productivity of each month
    /// given by `productivity`; returns the outcome of every month and the final state.
    fn run(
        rule: &Loondispensatie,
        last: usize,
        productivity: impl Fn(usize) -> f64,
    ) -> (Vec<Outcome>, State) {
        let preset = load_preset("nl-2026").unwrap();
        let start = YearMonth::new(2026, 1).unwrap();
        let rates = RateTable::new(&preset, start, last + 1);
        let worker = Worker {
            benefit: Benefit::Wajong,
            ..Worker::default()
        };
        let cx = test_context(&rates, &worker, start);
        let mut state = State::default();
        let mut assessments = 0;
        let outcomes = (0..=last)
            .map(|tenure| rule.wage_factor(&mut state, &facts(tenure, productivity(tenure)), 0, &mut assessments, &cx))
            .collect();
        (outcomes, state)
    }

    fn rule(renew: bool) -> Loondispensatie {
        Loondispensatie {
            months: 60,
            topup_share: 1.0,
            renew,
            reassess_months: DEFAULT_REASSESS_MONTHS as usize,
            noise_sd: DEFAULT_ASSESSMENT_NOISE_SD,
        }
    }

    /// Month 61 (tenure 60) is the first of a new decision when the reassessment finds the
    /// loonwaarde still at or below 75%: the employer pays 60% of the wage, and UWV tops up
    /// 0.40 × 104 × 14.71 × 1.08 = € 660.89 (24 hours, 2026 WML, no sickness).
    #[test]
    fn loondispensatie_renewed_at_month_61_while_the_loonwaarde_stays_below_the_limit() {
        let (outcomes, state) = run(&rule(true), 60, |_| 0.6);
        assert_eq!(outcomes[59], Outcome::Factor(0.6));
        assert_eq!(outcomes[60], Outcome::Factor(0.6), "a new decision from month 61");
        let mut m = facts(60, 0.6);
        m.wage_factor = 0.6;
        let (mut lines, mut net, mut after) = (vec![0.0], vec![0.0; 61], 0.0);
        let mut books = Books {
            lines: &mut lines,
            month_net: &mut net,
            sign: &[0.0],
            after_horizon_npv: &mut after,
            discount_rate: 0.0,
            t: 60,
        };
        rule(true).book_topup(&state, &m, &mut books, 0);
        assert_eq!((lines[0] * 100.0).round(), 66_089.0);
        // Without renewal the decision ends after 60 months.
        let (outcomes, _) = run(&rule(false), 60, |_| 0.6);
        assert_eq!(outcomes[59], Outcome::Factor(0.6));
        assert_eq!(outcomes[60], Outcome::Ended);
    }

    /// A reassessment at the end of the decision above the limit (LW 80% > 75%) does not
    /// continue it, and it stays ended when the productivity falls again.
    #[test]
    fn loondispensatie_not_renewed_when_the_reassessed_loonwaarde_is_above_the_limit() {
        let productivity = |tenure: usize| match tenure {
            60 => 0.8,
            _ => 0.6,
        };
        let (outcomes, state) = run(&rule(true), 73, productivity);
        assert_eq!(outcomes[59], Outcome::Factor(0.6));
        assert_eq!(outcomes[60], Outcome::Ended);
        assert_eq!(outcomes[72], Outcome::Ended, "ended for good");
        assert!(state.ended);
    }

    /// Inside a decision an assessment above the limit only suspends the dispensation.
    #[test]
    fn an_assessment_above_the_limit_inside_a_decision_suspends_it() {
        let productivity = |tenure: usize| if (12..24).contains(&tenure) { 0.8 } else { 0.6 };
        let (outcomes, _) = run(&rule(true), 24, productivity);
        assert_eq!(outcomes[12], Outcome::Ineligible);
        assert_eq!(outcomes[24], Outcome::Factor(0.6));
    }
}
