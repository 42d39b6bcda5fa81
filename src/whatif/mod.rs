//! What-if questions that run a scenario many times on the same random numbers (common random
//! numbers): `solve` (the value of one input at which a target holds), `gap` (the smallest
//! extra support that reaches a target), `sweep` (a grid of values) and `compare` (two scenario
//! files paired iteration by iteration). The runs themselves are passed in as closures, so this
//! module holds the search and the statistics only (docs/sensitivity.md).

pub mod compare;
pub mod search;
pub mod target;

pub use search::{Search, SearchOutcome, Trial};
pub use target::Target;
