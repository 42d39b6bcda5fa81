//! Proefplaatsing (trial placement): for the first months the worker keeps the benefit (a
//! flow from UWV or the gemeente to the worker) and the employer pays no wage. At the end the
//! worker is hired with a probability (default: the preset's share hired after a UWV trial
//! placement) or when productivity reaches a threshold; otherwise the placement ends. The
//! other instruments of the arrangement start at hiring.

use crate::model::Party;

pub const LINE: &str = "benefit_kept";

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hire {
    Probability(f64),
    /// Hired when productivity in the last trial month is at least this.
    Threshold(f64),
}

impl Hire {
    /// Whether the worker is hired, given the last trial month's productivity and the copy's
    /// hiring draw u ~ U(0, 1).
    pub fn hires(self, productivity: f64, u: f64) -> bool {
        match self {
            Hire::Probability(p) => u < p,
            Hire::Threshold(level) => productivity >= level,
        }
    }
}

/// The hiring decision of a trial placement of `months` months in a tenure month of a worker
/// still on trial: `None` while the trial runs, else whether the worker is hired (taken in the
/// trial's last month). The instrument and the course of the placement both ask this.
pub fn decision(months: usize, hire: Hire, tenure: usize, productivity: f64, u: f64) -> Option<bool> {
    (tenure + 1 >= months).then(|| hire.hires(productivity, u))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proefplaatsing {
    pub months: usize,
    pub hire: Hire,
    /// Index of the benefit amount among the model's instrument inputs.
    pub benefit_input: usize,
    pub benefit_payer: Party,
}

impl Proefplaatsing {
    /// See [`decision`].
    pub fn decision(&self, tenure: usize, productivity: f64, u: f64) -> Option<bool> {
        decision(self.months, self.hire, tenure, productivity, u)
    }
}
