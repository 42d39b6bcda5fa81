//! Loondispensatie (Wajong): the employer pays the wage × loonwaarde instead of the full wage
//! (holiday pay and premiums on the reduced wage); UWV tops up the worker's income.
//!
//! Only for a Wajong worker whose loonwaarde is at most 75% (at least 25% less productive),
//! for 6 months to 5 years (the preset's figures). The loonwaarde is assessed at hiring and
//! every `reassess_months`; an assessment above the limit ends the dispensation for as long
//! as it holds and is counted as ineligible.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{
    Books, Context, DEFAULT_ASSESSMENT_NOISE_SD, DEFAULT_REASSESS_MONTHS, MonthFacts, Scheme, Shared,
    assess_loonwaarde,
};
use crate::diag::Range;
use crate::rates::Figure;
use crate::vocab::{Benefit, LineDef, Party, Words};

pub const LINE: &str = "wajong_topup";

/// Loondispensatie (Wajong): the employer pays the wage × loonwaarde.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLoondispensatie {
    /// Duration in months (6–60, default 60).
    pub months: Option<i64>,
    /// Share of the wage reduction that UWV tops up to the worker (default 1.0).
    pub topup_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loondispensatie {
    pub months: usize,
    pub topup_share: f64,
    pub reassess_months: usize,
    pub noise_sd: f64,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    loonwaarde: Option<f64>,
    active: bool,
}

/// What the rule decides for the month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// The employer pays this share of the wage.
    Factor(f64),
    /// The worker does not qualify (no Wajong, or loonwaarde above the limit).
    Ineligible,
    /// The agreed duration has passed.
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
        if since >= self.months {
            return Outcome::Ended;
        }
        if since % self.reassess_months == 0 {
            let z = cx.draws.assessment_z(*assessments);
            *assessments += 1;
            s.loonwaarde = Some(assess_loonwaarde(m.productivity, self.noise_sd, z));
        }
        let limit = cx.rates.get(Figure::LoondispensatieMaxLoonwaarde, m.calendar);
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
            reassess_months: DEFAULT_REASSESS_MONTHS as usize,
            noise_sd: DEFAULT_ASSESSMENT_NOISE_SD,
        }
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("months", self.months.to_string()),
            ("topup_share", super::rule::share(self.topup_share)),
        ]
    }

    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, Party::Uwv, Party::Worker)]
    }

    fn assessments_needed(&self, horizon: usize) -> usize {
        horizon / self.reassess_months.max(1) + 2
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
