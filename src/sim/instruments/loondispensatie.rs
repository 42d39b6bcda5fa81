//! Loondispensatie (Wajong): the employer pays the wage × loonwaarde instead of the full wage
//! (holiday pay and premiums on the reduced wage); UWV tops up the worker's income.
//!
//! Only for a Wajong worker whose loonwaarde is at most 75% (at least 25% less productive),
//! for 6 months to 5 years (the preset's figures). The loonwaarde is assessed at hiring and
//! every `reassess_months`; an assessment above the limit ends the dispensation for as long
//! as it holds and is counted as ineligible.

use super::{Books, Context, MonthFacts, assess_loonwaarde};
use crate::model::Benefit;
use crate::rates::Figure;

pub const LINE: &str = "wajong_topup";

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
            let z = cx.draws.assessment_z(cx.copy, *assessments);
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
