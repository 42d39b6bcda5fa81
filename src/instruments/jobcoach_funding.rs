//! Jobcoach funding: a share of the jobcoach cost booked by the engine (hours by the norm or
//! as given, times the tariff) is paid to the employer by the gemeente or UWV, up to a
//! budget per calendar year.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{self, Books, Context, MonthFacts, Scheme, Shared};
use crate::diag::Range;
use crate::vocab::{LineDef, Party, Words};

pub const LINE: &str = "jobcoach_funding";

/// Funding of jobcoach hours by gemeente or UWV.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawJobcoachFunding {
    /// Share of the jobcoach cost that is funded (default 1.0).
    pub share: Option<f64>,
    /// Most that is paid per calendar year, euros (default: no limit).
    pub yearly_budget: Option<f64>,
    pub payer: Option<String>,
}

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

impl Scheme for JobcoachFunding {
    const KIND: &'static str = "jobcoach_funding";
    const IN_LEARNING: bool = true;
    const NAME: Words = Words {
        nl: "Vergoeding jobcoach",
        en: "Jobcoach funding",
    };
    const LINES: &'static [(&'static str, Words)] = &[(
        LINE,
        Words {
            nl: "Vergoeding jobcoach",
            en: "Jobcoach funding",
        },
    )];
    type Raw = RawJobcoachFunding;
    type State = State;

    fn build(raw: &RawJobcoachFunding, b: &mut Build) -> Self {
        if !b.scenario.has_jobcoach {
            b.error("jobcoach funding needs a jobcoach: add a `jobcoach` block to the placement");
        }
        JobcoachFunding {
            share: b.number(raw.share, "share", Range::Probability, 1.0),
            yearly_budget: b.limit(raw.yearly_budget, "yearly_budget"),
            payer: b.payer(
                raw.payer.as_ref(),
                Party::Gemeente,
                &[Party::Gemeente, Party::Uwv],
                "payer",
            ),
        }
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("share", rule::share(self.share)),
            ("yearly_budget", rule::limit(self.yearly_budget)),
            ("payer", self.payer.as_str().to_owned()),
        ]
    }

    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, self.payer, Party::Employer)]
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
        books.book(lines[0], self.funding(s, m));
    }
}
