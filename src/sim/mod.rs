//! The Monte Carlo engine: iterations in parallel, results handed on in iteration order.
//!
//! Iterations are grouped in chunks of [`CHUNK`]; chunks run in parallel (rayon) in batches,
//! and each batch's chunks are passed to the sink in chunk order. Every reduction downstream
//! is therefore done in iteration order, and a run is byte-identical for any thread count.

pub mod class_draws;
pub mod class_lines;
pub mod class_phase;
pub mod cohort;
pub mod draws;
pub mod duties;
pub mod employer;
pub mod engine;
pub mod inputs;
pub mod ledger;
mod path;
pub mod plan;
pub mod rng;
pub mod trajectory;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::model::Model;
use draws::IterationDraws;
use engine::{IterationResults, Outcome, Plan, Scratch};

/// Iterations per chunk: the unit of parallel work and of in-order reduction.
pub const CHUNK: u64 = 256;

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("cannot start {threads} worker threads: {message}")]
    ThreadPool { threads: usize, message: String },
}

/// How to run a model.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub iterations: u64,
    /// Worker threads; 0 = one per core.
    pub threads: usize,
    /// Keep the monthly cumulative-net paths of the first this many iterations.
    pub keep_paths: u64,
    /// Keep every iteration's drawn static inputs (for `samples.csv`).
    pub keep_draws: bool,
}

/// Sums over a chunk's iterations of one arrangement in one month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MonthSums {
    pub active: u64,
    pub started: u64,
    pub productivity_sum: f64,
}

/// The results of one chunk of consecutive iterations.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    /// Index of the chunk's first iteration.
    pub first: u64,
    pub iterations: u64,
    /// `iterations × arrangements` outcomes, iteration-major.
    pub outcomes: Vec<Outcome>,
    /// Every iteration's line totals ([`IterationResults::lines`]), iteration after
    /// iteration; `line_offsets` (per arrangement, then the total) lays out one iteration.
    pub lines: Vec<f64>,
    pub line_offsets: Vec<usize>,
    /// Every iteration's ineligible counts ([`IterationResults::ineligible`]), laid out by
    /// `ineligible_offsets`.
    pub ineligible: Vec<u32>,
    pub ineligible_offsets: Vec<usize>,
    /// Drawn inputs per iteration when kept: the static inputs of all copies, copy after
    /// copy, then each copy's instrument inputs, then the pools' hours ([`inputs`]).
    pub draws: Vec<Vec<f64>>,
    /// `arrangements × horizon` sums, arrangement-major.
    pub monthly: Vec<MonthSums>,
    /// Cumulative discounted net paths (`arrangements × horizon` per kept iteration).
    pub paths: Vec<f64>,
    /// Mean productivity of the active copies by month, same layout as `paths`; NaN in a
    /// month without an active copy.
    pub productivity_paths: Vec<f64>,
    /// With a `[cohort]`: per iteration and arrangement (iteration-major) the class's
    /// outcome, its learners' mean mentor coverage by month (`horizon` each), and per
    /// placement [`cohort::GROUP_FIELDS`] numbers.
    pub cohort: Vec<cohort::CohortOutcome>,
    pub cohort_coverage: Vec<f64>,
    pub cohort_groups: Vec<f64>,
}

/// One arrangement's results in one iteration of a [`Chunk`].
#[derive(Debug, Clone, Copy)]
pub struct ArrangementResult<'c> {
    pub outcome: &'c Outcome,
    /// Nominal total per line of the arrangement's line book.
    pub lines: &'c [f64],
    /// Per instrument of the arrangement: copies for which it was ineligible at some point.
    pub ineligible: &'c [u32],
}

impl Chunk {
    /// The results of arrangement `a` in the chunk's `i`-th iteration.
    pub fn result(&self, i: usize, a: usize) -> ArrangementResult<'_> {
        let arrangements = self.line_offsets.len() - 1;
        let at = |offsets: &[usize], a: usize| offsets[arrangements] * i + offsets[a];
        ArrangementResult {
            outcome: &self.outcomes[i * arrangements + a],
            lines: &self.lines[at(&self.line_offsets, a)..at(&self.line_offsets, a + 1)],
            ineligible: &self.ineligible
                [at(&self.ineligible_offsets, a)..at(&self.ineligible_offsets, a + 1)],
        }
    }

    /// Every iteration's results, arrangement after arrangement.
    pub fn results(&self) -> impl Iterator<Item = impl Iterator<Item = ArrangementResult<'_>>> {
        let arrangements = self.line_offsets.len() - 1;
        (0..self.iterations as usize).map(move |i| (0..arrangements).map(move |a| self.result(i, a)))
    }
}

/// Runs `cfg.iterations` iterations of `model`, calling `sink` with each chunk in order and
/// `progress` with the number of iterations done so far.
pub fn run(
    model: &Model,
    cfg: &RunConfig,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Chunk),
) -> Result<(), SimError> {
    run_with(model, cfg, &|_| (), progress, &mut |chunk, ()| sink(chunk))
}

/// [`run`], with `extra` applied to each chunk on the worker thread that simulated it (for
/// work per chunk that does not depend on the chunks before it, such as formatting its rows
/// of `samples.csv`), its result handed to `sink` with the chunk.
///
/// The chunks run in batches; while the pool simulates one batch, the calling thread hands
/// the chunks of the batch before it to `sink`, so that the in-order reduction overlaps with
/// the simulation instead of idling the pool.
pub fn run_with<T: Send>(
    model: &Model,
    cfg: &RunConfig,
    extra: &(dyn Fn(&Chunk) -> T + Sync),
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Chunk, T),
) -> Result<(), SimError> {
    run_batches(model, cfg, None, extra, progress, sink).map(|_| ())
}

/// How a cancellable run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every iteration ran and reached the sink.
    Complete,
    /// `cancel` was set: the sink saw a prefix of the chunks (in order), the rest never ran.
    Cancelled,
}

/// [`run_with`] that stops between batches once `cancel` is set (by another thread): the
/// chunks handed on before are those of an uncancelled run, bit for bit; a cancelled run's
/// sink state is to be thrown away. Used by `inclusim serve`, where a newer request replaces
/// a run in progress.
pub fn run_cancellable<T: Send>(
    model: &Model,
    cfg: &RunConfig,
    cancel: &AtomicBool,
    extra: &(dyn Fn(&Chunk) -> T + Sync),
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Chunk, T),
) -> Result<Ended, SimError> {
    run_batches(model, cfg, Some(cancel), extra, progress, sink)
}

fn run_batches<T: Send>(
    model: &Model,
    cfg: &RunConfig,
    cancel: Option<&AtomicBool>,
    extra: &(dyn Fn(&Chunk) -> T + Sync),
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Chunk, T),
) -> Result<Ended, SimError> {
    let cancelled = || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    let plan = Plan::new(model)?;
    let pool = pool(cfg.threads, cfg.iterations)?;
    let chunks = cfg.iterations.div_ceil(CHUNK);
    let batch = (pool.current_num_threads() as u64 * 4).max(8);
    let simulate_batch = |first: u64| -> Vec<(Chunk, T)> {
        let end = (first + batch).min(chunks);
        pool.install(|| {
            (first..end)
                .into_par_iter()
                .map(|ci| {
                    let chunk = simulate_chunk(model, &plan, cfg, ci);
                    let made = extra(&chunk);
                    (chunk, made)
                })
                .collect()
        })
    };
    let mut hand_on = |results: Vec<(Chunk, T)>| {
        for (chunk, made) in results {
            let done = chunk.first + chunk.iterations;
            sink(chunk, made);
            progress(done);
        }
    };
    let ended = std::thread::scope(|scope| {
        let mut ready: Option<Vec<(Chunk, T)>> = None;
        let mut next = 0;
        while next < chunks {
            // Checked once per batch (tens of milliseconds of work): a cancelled run stops
            // before simulating more.
            if cancelled() {
                return Ended::Cancelled;
            }
            let first = next;
            let simulating = scope.spawn(move || simulate_batch(first));
            if let Some(results) = ready.take() {
                hand_on(results);
            }
            // A panic in the engine is a bug; it reaches the caller as the panic it was.
            ready = Some(
                simulating
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
            next = (first + batch).min(chunks);
        }
        if let Some(results) = ready {
            hand_on(results);
        }
        Ended::Complete
    });
    Ok(ended)
}

/// The pool of worker threads for a run of `iterations` ([`threads_for`]).
pub fn pool(requested: usize, iterations: u64) -> Result<rayon::ThreadPool, SimError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads_for(requested, iterations))
        .build()
        .map_err(|e| SimError::ThreadPool {
            threads: requested,
            message: e.to_string(),
        })
}

/// The worker threads a run of `iterations` uses when `requested` are asked for (0: one per
/// core): never more than there are chunks to share, since a thread without a chunk only
/// costs its start-up. The result never depends on it.
pub fn threads_for(requested: usize, iterations: u64) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let wanted = if requested == 0 { cores } else { requested };
    let chunks = usize::try_from(iterations.div_ceil(CHUNK)).unwrap_or(usize::MAX);
    wanted.min(chunks).max(1)
}

fn simulate_chunk(model: &Model, plan: &Plan, cfg: &RunConfig, index: u64) -> Chunk {
    let first = index * CHUNK;
    let iterations = CHUNK.min(cfg.iterations - first);
    let arrangements = model.arrangements.len();
    let horizon = model.horizon;
    let mut chunk = Chunk {
        first,
        iterations,
        outcomes: Vec::with_capacity(iterations as usize * arrangements),
        lines: Vec::with_capacity(iterations as usize * plan.line_offsets[arrangements]),
        line_offsets: plan.line_offsets.clone(),
        ineligible: Vec::with_capacity(iterations as usize * plan.ineligible_offsets[arrangements]),
        ineligible_offsets: plan.ineligible_offsets.clone(),
        monthly: vec![MonthSums::default(); arrangements * horizon],
        ..Chunk::default()
    };
    let mut draws = IterationDraws::default();
    let mut scratch = Scratch::default();
    let mut results = IterationResults::default();
    for it in first..first + iterations {
        draws.draw(model, it);
        engine::simulate_iteration(model, plan, &draws, &mut scratch, &mut results);
        let points = &results.monthly;
        for (sum, p) in chunk.monthly.iter_mut().zip(points) {
            sum.active += u64::from(p.active);
            sum.started += u64::from(p.started);
            sum.productivity_sum += p.productivity_sum;
        }
        if it < cfg.keep_paths {
            chunk.paths.extend(points.iter().map(|p| p.cumulative_net));
            chunk.productivity_paths.extend(points.iter().map(|p| {
                if p.active > 0 {
                    p.productivity_sum / f64::from(p.active)
                } else {
                    f64::NAN
                }
            }));
        }
        if cfg.keep_draws {
            let mut kept = draws.inputs.clone();
            for c in 0..plan.copy_placement.len() {
                kept.extend_from_slice(draws.copy_instrument_inputs(c));
            }
            // The drawn counts, then the pools' hours last (see `inputs::kept_inputs`): the
            // pools' hours are read by the sensitivity statistics, not written to samples.csv.
            kept.extend_from_slice(&draws.counts);
            kept.extend_from_slice(&draws.pool_hours);
            chunk.draws.push(kept);
        }
        chunk.outcomes.extend_from_slice(&results.outcomes);
        chunk.cohort.extend_from_slice(&results.cohort);
        chunk.cohort_coverage.extend_from_slice(&results.cohort_coverage);
        chunk.cohort_groups.extend_from_slice(&results.cohort_groups);
        chunk.lines.extend_from_slice(&results.lines);
        chunk.ineligible.extend_from_slice(&results.ineligible);
    }
    chunk
}
