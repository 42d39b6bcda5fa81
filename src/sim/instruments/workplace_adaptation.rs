//! Workplace adaptation (voorziening werkplekaanpassing): UWV or the gemeente reimburses a
//! share of a named cost line of the placement when it is booked.

use crate::model::Party;

pub const LINE: &str = "workplace_adaptation";

#[derive(Debug, Clone, PartialEq)]
pub struct WorkplaceAdaptation {
    /// The `[[placement.cost]]` line it reimburses.
    pub cost_line: String,
    pub share: f64,
    pub payer: Party,
}
