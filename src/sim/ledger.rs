//! The ledger: every amount is a flow from a payer to a payee under a line name.
//!
//! The engine books amounts on lines; each line has a fixed payer and payee per arrangement.
//! The employer's net cash is one view (inflows to the employer minus outflows); totals by
//! payer → payee give the gemeente's, UWV's and worker's views.

use super::duties::DutyLines;
use crate::instruments::Rules;
use crate::model::{Arrangement, Model};
use crate::uitkering::{self, Counterfactual};
use crate::vocab::Party;
pub use crate::vocab::{BUILTIN_LINES, LineDef};

pub const PRODUCTION_VALUE: usize = 0;
pub const WAGE: usize = 1;
pub const EMPLOYER_BURDEN: usize = 2;
pub const SUPERVISION: usize = 3;
pub const JOBCOACH: usize = 4;
pub const EXIT_COST: usize = 5;

/// The instruments' lines that pay the worker's benefit while the placement runs.
const BENEFIT_PAID_LINES: [&str; 2] = [
    crate::instruments::proefplaatsing::LINE,
    crate::instruments::loondispensatie::LINE,
];

/// The lines of one arrangement, with the employer's sign of each, and its instruments.
#[derive(Debug, Clone)]
pub struct LineBook {
    pub lines: Vec<LineDef>,
    pub employer_sign: Vec<f64>,
    /// For each placement, the line index of each of its cost/benefit lines.
    pub other_line_ids: Vec<Vec<usize>>,
    /// The arrangement's instruments, compiled against these lines.
    pub rules: Rules,
    /// The lines of the employer's duties, when the scenario states any.
    pub duties: Option<DutyLines>,
    /// The lines of a class (`[cohort]`), when the scenario has one.
    pub cohort: Option<super::class_lines::CohortLines>,
    /// For each placement whose worker comes from a benefit: the line of the benefit no
    /// longer paid (worker → the benefit's payer) and the benefit's rule.
    pub benefit_lines: Vec<Option<(usize, Counterfactual)>>,
    /// The instruments' lines on which the worker's benefit is still paid (the benefit kept
    /// during a trial placement, the Wajong top-up under loondispensatie).
    pub benefit_paid_lines: Vec<usize>,
}

impl LineBook {
    /// The built-in lines, then the placements' cost and benefit lines (one line per name:
    /// placements that use the same name share it).
    pub fn new(model: &Model, arrangement: &Arrangement) -> Self {
        let mut lines = vec![
            LineDef::new(BUILTIN_LINES[PRODUCTION_VALUE], Party::Market, Party::Employer),
            LineDef::new(BUILTIN_LINES[WAGE], Party::Employer, Party::Worker),
            LineDef::new(
                BUILTIN_LINES[EMPLOYER_BURDEN],
                Party::Employer,
                Party::TaxAndPension,
            ),
            LineDef::new(BUILTIN_LINES[SUPERVISION], Party::Employer, Party::Colleagues),
            LineDef::new(BUILTIN_LINES[JOBCOACH], Party::Employer, Party::Provider),
            LineDef::new(BUILTIN_LINES[EXIT_COST], Party::Employer, Party::Supplier),
        ];
        let placements = model.placements_of(arrangement.variant);
        let mut other_line_ids = Vec::with_capacity(placements.len());
        for p in placements {
            let ids = p
                .lines
                .iter()
                .map(|l| {
                    let (payer, payee) = if l.is_benefit {
                        (l.party, Party::Employer)
                    } else {
                        (l.payer, l.party)
                    };
                    match lines.iter().position(|d| d.name == l.name) {
                        Some(i) => i,
                        None => {
                            lines.push(LineDef::new(&l.name, payer, payee));
                            lines.len() - 1
                        }
                    }
                })
                .collect();
            other_line_ids.push(ids);
        }
        let rules = Rules::new(&arrangement.instruments, &arrangement.applies, &mut lines)
            .with_learning(
                placements
                    .iter()
                    .map(|p| p.learning.as_ref().map_or(0, |l| l.months))
                    .collect(),
            )
            .with_phases(&arrangement.phases);
        if rules.employer_of_record == Party::Provider {
            // Detachering: the provider is the legal employer and pays wage and premiums.
            lines[WAGE].payer = Party::Provider;
            lines[EMPLOYER_BURDEN].payer = Party::Provider;
        }
        let benefit_lines = placements
            .iter()
            .map(|p| {
                let rule = Counterfactual::of(&p.worker)?;
                let (name, payer) = uitkering::line(rule.benefit)?;
                let id = lines.iter().position(|d| d.name == name).unwrap_or_else(|| {
                    // A counterfactual flow: the worker no longer receives it, the payer keeps it.
                    lines.push(LineDef::new(name, Party::Worker, payer));
                    lines.len() - 1
                });
                Some((id, rule))
            })
            .collect();
        let benefit_paid_lines = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| BENEFIT_PAID_LINES.contains(&l.name.as_str()))
            .map(|(i, _)| i)
            .collect();
        // The employer's duties (SROI, quotumheffing) last: only a scenario with them has
        // their lines.
        let duties = DutyLines::register(model, arrangement, &mut lines);
        let cohort = super::class_lines::CohortLines::register(model, &mut lines);
        let employer_sign = lines.iter().map(LineDef::employer_sign).collect();
        Self {
            lines,
            employer_sign,
            other_line_ids,
            rules,
            duties,
            cohort,
            benefit_lines,
            benefit_paid_lines,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}
