//! A generic grant to the employer: one-off, per month or per worked hour, between two tenure
//! months counted from hiring, with an optional total cap.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{self, Books, Context, MonthFacts, Scheme, Shared};
use crate::diag::{Range, unknown_key_message};
use crate::vocab::{LineDef, MAX_HORIZON_MONTHS, Party, Words};

/// Any other grant: one-off, per month or per worked hour, between two months.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGrant {
    pub name: String,
    pub amount: f64,
    /// `one_off`, `month` or `worked_hour`.
    pub per: String,
    /// Tenure month of the one-off payment, or the first month (default 0).
    pub from_month: Option<i64>,
    /// Last tenure month (default: no end).
    pub to_month: Option<i64>,
    /// Most that is paid in total, euros.
    pub cap: Option<f64>,
    pub payer: Option<String>,
}

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

impl Scheme for Grant {
    const KIND: &'static str = "grant";
    const IN_LEARNING: bool = true;
    const NAME: Words = Words {
        nl: "Subsidie",
        en: "Grant",
    };
    /// A grant books on the line its name gives.
    const LINES: &'static [(&'static str, Words)] = &[];
    type Raw = RawGrant;
    type State = State;

    /// One grant per name in an arrangement.
    fn identity(raw: &RawGrant) -> String {
        format!("grant:{}", raw.name)
    }

    fn build(raw: &RawGrant, b: &mut Build) -> Self {
        let name = &raw.name;
        if name.trim().is_empty() {
            b.error_at("name", "the grant needs a name (it becomes its ledger line)");
        } else if b.scenario.reserved_lines.contains(&name.as_str()) {
            b.error_at(
                "name",
                format!("`{name}` is already a ledger line; choose another name"),
            );
        }
        let per = Per::from_key(&raw.per).unwrap_or_else(|| {
            b.error_at(
                "per",
                unknown_key_message("value", &raw.per, &["one_off", "month", "worked_hour"]),
            );
            Per::OneOff
        });
        let from = b.months(raw.from_month.unwrap_or(0), "from_month", 0, MAX_HORIZON_MONTHS);
        let to = raw
            .to_month
            .map(|t| b.months(t, "to_month", from as i64, MAX_HORIZON_MONTHS));
        Grant {
            name: name.clone(),
            amount: b.number(Some(raw.amount), "amount", Range::NonNegative, 0.0),
            per,
            from_month: from,
            to_month: to,
            cap: b.limit(raw.cap, "cap"),
            payer: b.payer(
                raw.payer.as_ref(),
                Party::Gemeente,
                &[
                    Party::Gemeente,
                    Party::Uwv,
                    Party::Rijk,
                    Party::School,
                    Party::Provider,
                ],
                "payer",
            ),
        }
    }

    fn label(&self) -> String {
        format!("grant \"{}\"", self.name)
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("amount", self.amount.to_string()),
            ("cap", rule::limit(self.cap)),
            ("payer", self.payer.as_str().to_owned()),
        ]
    }

    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(&self.line_name(), self.payer, Party::Employer)]
    }

    #[inline(always)]
    fn after(
        &self,
        s: &mut State,
        _shared: &Shared,
        _ineligible: &mut bool,
        hired: usize,
        m: &MonthFacts,
        _cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) {
        books.book(lines[0], self.payment(s, m, hired));
    }
}
