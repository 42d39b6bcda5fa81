//! Workplace adaptation (voorziening werkplekaanpassing): UWV or the gemeente reimburses a
//! share of a named cost line of the placement when it is booked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{self, Scheme};
use crate::diag::{Range, unknown_key_message};
use crate::vocab::{LineDef, Party, Words};

pub const LINE: &str = "workplace_adaptation";

/// Reimbursement of a share of a named cost line (voorziening werkplekaanpassing).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWorkplaceAdaptation {
    pub cost_line: String,
    pub share: Option<f64>,
    pub payer: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkplaceAdaptation {
    /// The `[[placement.cost]]` line it reimburses.
    pub cost_line: String,
    pub share: f64,
    pub payer: Party,
}

impl Scheme for WorkplaceAdaptation {
    const KIND: &'static str = "workplace_adaptation";
    const IN_LEARNING: bool = true;
    const NAME: Words = Words {
        nl: "Werkplekaanpassing",
        en: "Workplace adaptation",
    };
    const LINES: &'static [(&'static str, Words)] = &[(
        LINE,
        Words {
            nl: "Vergoeding werkplekaanpassing",
            en: "Workplace adaptation refund",
        },
    )];
    type Raw = RawWorkplaceAdaptation;
    type State = ();

    fn build(raw: &RawWorkplaceAdaptation, b: &mut Build) -> Self {
        if !b.scenario.cost_lines.contains(&raw.cost_line) {
            let costs: Vec<&str> = b.scenario.cost_lines.iter().map(String::as_str).collect();
            let message = unknown_key_message("cost line", &raw.cost_line, &costs);
            b.error_at("cost_line", message);
        }
        WorkplaceAdaptation {
            cost_line: raw.cost_line.clone(),
            share: b.number(raw.share, "share", Range::Probability, 1.0),
            payer: b.payer(
                raw.payer.as_ref(),
                Party::Uwv,
                &[Party::Uwv, Party::Gemeente],
                "payer",
            ),
        }
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("cost_line", self.cost_line.clone()),
            ("share", rule::share(self.share)),
            ("payer", self.payer.as_str().to_owned()),
        ]
    }

    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, self.payer, Party::Employer)]
    }

    fn refund(&self, line: &str, amount: f64) -> Option<f64> {
        (self.cost_line == line).then_some(self.share * amount)
    }
}
