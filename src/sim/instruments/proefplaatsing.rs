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

#[derive(Debug, Clone, PartialEq)]
pub struct Proefplaatsing {
    pub months: usize,
    pub hire: Hire,
    /// Index of the benefit amount among the model's instrument inputs.
    pub benefit_input: usize,
    pub benefit_payer: Party,
}

impl Proefplaatsing {
    /// Whether the worker is hired, given the last trial month's productivity and the copy's
    /// hiring draw u ~ U(0, 1).
    pub fn hires(&self, productivity: f64, u: f64) -> bool {
        self.hire.hires(productivity, u)
    }
}
