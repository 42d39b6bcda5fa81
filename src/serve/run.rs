//! One run of the engine for the page: the summary `inclusim run` gives (what decides the
//! result included), on the scenario's own seed and iterations, stopped early when a newer
//! request of the page cancels it.

use std::sync::atomic::AtomicBool;

use crate::model::Model;
use crate::sim::{self, Ended, RunConfig};
use crate::stats::influence::InfluenceAcc;
use crate::stats::{Accumulator, Summary};

/// The summary of `model` as `inclusim run` computes it (the same chunks reduced in the same
/// order, so the same numbers bit for bit), or `None` when cancelled.
pub fn summary(model: &Model, threads: usize, cancel: &AtomicBool) -> Result<Option<Summary>, sim::SimError> {
    let mut acc = Accumulator::new(model, model.iterations);
    let mut influence = InfluenceAcc::new(model, model.iterations);
    let cfg = RunConfig {
        iterations: model.iterations,
        threads,
        keep_paths: acc.keep_paths(),
        keep_draws: true,
    };
    let ended = sim::run_cancellable(model, &cfg, cancel, &|_| (), &mut |_| {}, &mut |chunk, ()| {
        acc.add(&chunk);
        influence.add(&chunk);
    })?;
    if ended == Ended::Cancelled {
        return Ok(None);
    }
    let pool = sim::pool(threads, model.iterations)?;
    let mut summary = pool.install(|| acc.finish());
    summary.sensitivity = Some(pool.install(|| influence.finish()));
    Ok(Some(summary))
}
