//! What decides the result: collects the kept inputs and every arrangement's NPV from the
//! engine's chunks, then computes the sensitivity of each arrangement's NPV and of each paired
//! difference ([`super::sensitivity`]) and the value of information ([`super::evpi`]).
//!
//! At most [`VALUE_BUDGET`] values are kept (inputs and NPVs of the first K_s iterations):
//! K_s = min(n, ⌊2²¹ / (inputs + arrangements)⌋), so a run of 100 million iterations does not
//! hold them all.

use rayon::prelude::*;
use serde::Serialize;

use super::evpi::{self, Value};
use super::sensitivity::{InputSet, OutputSensitivity};
use crate::model::Model;
use crate::sim::Chunk;
use crate::sim::inputs::{KeptInput, kept_inputs};

/// Values kept for the sensitivity statistics (2²¹, 16 MB; ranks and the regression bases of
/// the statistics take about as much again while they are computed).
pub const VALUE_BUDGET: u64 = 1 << 21;

/// The `sensitivity` object of `summary.json` (docs/output.md).
#[derive(Debug, Clone, Serialize)]
pub struct Influence {
    /// K_s: the iterations behind these statistics.
    pub iterations: u64,
    /// Each arrangement's NPV, then each pair's difference a − b (the pairs of `comparisons`).
    pub outputs: Vec<OutputSensitivity>,
    pub value_of_information: ValueOfInformation,
}

/// The EVPI of the choice between the arrangements and no placement.
#[derive(Debug, Clone, Serialize)]
pub struct ValueOfInformation {
    /// The options: every arrangement, and `no placement` (NPV 0).
    pub options: Vec<String>,
    /// The option with the highest mean NPV (what one would choose now).
    pub chosen: String,
    pub evpi: Value,
    /// Per input, largest first: the partial EVPI and its standard error.
    pub partial: Vec<PartialEvpi>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartialEvpi {
    pub input: String,
    pub value: f64,
    pub se: f64,
}

/// The name of the option "no placement" (NPV 0).
pub const NO_PLACEMENT: &str = "no placement";

/// Folds chunks (in iteration order) into an [`Influence`].
pub struct InfluenceAcc {
    inputs: Vec<KeptInput>,
    columns: Vec<Vec<f64>>,
    npv: Vec<Vec<f64>>,
    names: Vec<String>,
    baseline: Vec<bool>,
    keep: u64,
}

impl InfluenceAcc {
    pub fn new(model: &Model, iterations: u64) -> Self {
        let inputs = kept_inputs(model, true);
        let per_iteration = (inputs.len() + model.arrangements.len()).max(1) as u64;
        let keep = iterations.min(VALUE_BUDGET / per_iteration).max(1);
        let cap = keep as usize;
        Self {
            columns: vec![Vec::with_capacity(cap); inputs.len()],
            npv: vec![Vec::with_capacity(cap); model.arrangements.len()],
            inputs,
            names: model.arrangements.iter().map(|a| a.name.clone()).collect(),
            baseline: model.arrangements.iter().map(|a| a.is_baseline).collect(),
            keep,
        }
    }

    /// Adds a chunk, which must carry its draws (`RunConfig::keep_draws`).
    pub fn add(&mut self, chunk: &Chunk) {
        for (i, results) in chunk.results().enumerate() {
            if chunk.first + i as u64 >= self.keep {
                return;
            }
            let Some(draws) = chunk.draws.get(i) else {
                return;
            };
            for (column, input) in self.columns.iter_mut().zip(&self.inputs) {
                column.push(draws.get(input.position).copied().unwrap_or(f64::NAN));
            }
            for (npv, r) in self.npv.iter_mut().zip(results) {
                npv.push(r.outcome.npv);
            }
        }
    }

    pub fn finish(self) -> Influence {
        let n = self.npv.first().map_or(0, Vec::len) as u64;
        let set = InputSet::new(
            self.inputs
                .iter()
                .map(|k| k.name.clone())
                .zip(self.columns)
                .collect(),
        );
        // Each arrangement's NPV, then the pairs of `Summary::comparisons` (a − b, the
        // baseline always second), analysed on the worker threads and collected in order.
        let arrangements = self.npv.len();
        let mut jobs: Vec<(usize, Option<usize>)> = (0..arrangements).map(|a| (a, None)).collect();
        for i in 0..arrangements {
            for j in i + 1..arrangements {
                let (a, b) = if self.baseline[i] { (j, i) } else { (i, j) };
                jobs.push((a, Some(b)));
            }
        }
        let outputs: Vec<OutputSensitivity> = jobs
            .into_par_iter()
            .map(|(a, versus)| match versus {
                None => OutputSensitivity {
                    kind: "npv",
                    arrangement: self.names[a].clone(),
                    versus: None,
                    mean: mean(&self.npv[a]),
                    inputs: set.analyse(&self.npv[a]),
                },
                Some(b) => {
                    let diff: Vec<f64> = self.npv[a].iter().zip(&self.npv[b]).map(|(x, y)| x - y).collect();
                    OutputSensitivity {
                        kind: "difference",
                        arrangement: self.names[a].clone(),
                        versus: Some(self.names[b].clone()),
                        mean: mean(&diff),
                        inputs: set.analyse(&diff),
                    }
                }
            })
            .collect();
        let options: Vec<&[f64]> = self.npv.iter().map(Vec::as_slice).collect();
        let chosen = self
            .npv
            .iter()
            .enumerate()
            .map(|(d, v)| (d, mean(v)))
            .filter(|(_, m)| *m > 0.0)
            .fold(None, |best: Option<(usize, f64)>, (d, m)| match best {
                Some((_, bm)) if bm >= m => best,
                _ => Some((d, m)),
            })
            .map_or_else(|| NO_PLACEMENT.to_owned(), |(d, _)| self.names[d].clone());
        let mut partial: Vec<PartialEvpi> = (0..set.len())
            .into_par_iter()
            .map(|j| {
                let v = evpi::partial_evpi_of_ranks(set.ranks(j), &options);
                PartialEvpi {
                    input: set.names()[j].clone(),
                    value: v.value,
                    se: v.se,
                }
            })
            .collect();
        partial.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.input.cmp(&b.input)));
        let mut names = self.names.clone();
        names.push(NO_PLACEMENT.to_owned());
        Influence {
            iterations: n,
            outputs,
            value_of_information: ValueOfInformation {
                options: names,
                chosen,
                evpi: evpi::evpi(&options),
                partial,
            },
        }
    }
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}
