//! A generic grant to the employer: one-off, per month or per worked hour, between two tenure
//! months counted from hiring, with an optional total cap.

use super::MonthFacts;
use crate::model::Party;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    OneOff,
    Month,
    WorkedHour,
}

impl Per {
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "one_off" => Some(Per::OneOff),
            "month" => Some(Per::Month),
            "worked_hour" => Some(Per::WorkedHour),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub name: String,
    pub amount: f64,
    pub per: Per,
    pub from_month: usize,
    pub to_month: Option<usize>,
    pub cap: f64,
    pub payer: Party,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    paid: f64,
}

impl Grant {
    /// The ledger line of this grant.
    pub fn line_name(&self) -> String {
        self.name.clone()
    }

    /// The payment of this month (tenure counted from hiring at `since`).
    pub fn payment(&self, s: &mut State, m: &MonthFacts, since: usize) -> f64 {
        let Some(month) = m.tenure.checked_sub(since) else {
            return 0.0;
        };
        let due = match self.per {
            Per::OneOff => month == self.from_month,
            _ => month >= self.from_month && self.to_month.is_none_or(|to| month <= to),
        };
        if !due {
            return 0.0;
        }
        let amount = match self.per {
            Per::WorkedHour => self.amount * m.worked_hours,
            _ => self.amount,
        };
        let amount = amount.min(self.cap - s.paid).max(0.0);
        s.paid += amount;
        amount
    }
}
