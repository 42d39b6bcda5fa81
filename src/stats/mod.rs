//! Statistics of a run: pure functions over the engine's outcomes, no I/O.

pub mod cohort;
pub mod describe;
pub mod metrics;
pub mod summary;

pub use summary::{Accumulator, Summary};
