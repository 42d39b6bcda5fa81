//! Jobcoach funding: a share of the jobcoach cost booked by the engine (hours by the norm or
//! as given, times the tariff) is paid to the employer by the gemeente or UWV, up to a
//! budget per calendar year.

use super::MonthFacts;
use crate::model::Party;

pub const LINE: &str = "jobcoach_funding";

#[derive(Debug, Clone, PartialEq)]
pub struct JobcoachFunding {
    pub share: f64,
    pub yearly_budget: f64,
    pub payer: Party,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    year: Option<i32>,
    paid: f64,
}

impl JobcoachFunding {
    /// The funding of this month's jobcoach cost.
    pub fn funding(&self, s: &mut State, m: &MonthFacts) -> f64 {
        if s.year != Some(m.calendar.year()) {
            s.year = Some(m.calendar.year());
            s.paid = 0.0;
        }
        let amount = (self.share * m.jobcoach_cost)
            .min(self.yearly_budget - s.paid)
            .max(0.0);
        s.paid += amount;
        amount
    }
}
