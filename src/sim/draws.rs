//! The random draws of one iteration, shared by every arrangement (common random numbers):
//! static inputs per placement copy, the pools' available hours, the instruments' draws, and
//! each copy's stream of monthly shocks (capacity, sick spell, dropout).
//!
//! The static draws are made at once. The monthly shocks are drawn as the months are reached
//! ([`MonthlyShocks`]): a copy that ends in month 10 in every arrangement never draws the
//! shocks of months 11 and later. Month k of a contract always gets the k-th shock of the
//! copy's stream, whichever arrangement first reaches it, so the results are the same as if
//! every month had been drawn up front.

use rand_distr::{Distribution, StandardNormal};

use super::rng::{Purpose, Stream, input_stream, open_uniform, open_uniform_pair, stream, stream_id};
use crate::model::{InputSource, Model, Slot};

/// The static inputs of every copy under one variant of the placements.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'d> {
    values: &'d [f64],
    offsets: &'d [usize],
}

impl Inputs<'_> {
    /// One static input of copy `c`.
    #[inline]
    pub fn get(&self, c: usize, slot: Slot) -> f64 {
        self.at(c, slot as usize)
    }

    /// The static input in slot index `slot` of copy `c` (cost and benefit amounts follow
    /// the fixed slots).
    #[inline]
    pub fn at(&self, c: usize, slot: usize) -> f64 {
        self.values[self.offsets[c] + slot]
    }
}

/// Monthly shocks of one copy for one month.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shock {
    /// ε ~ N(0, 1): the capacity innovation.
    pub capacity: f64,
    /// U(0, 1): a sick spell starts when below the start probability p; the spell's length is
    /// then the sick-months quantile at `sick / p`, which is again U(0, 1).
    pub sick: f64,
    /// U(0, 1): the placement ends when below the dropout probability.
    pub dropout: f64,
}

/// The monthly shocks of one copy, drawn from its own stream month after month from the
/// start of its contract.
#[derive(Debug)]
pub struct MonthlyShocks(Stream);

impl MonthlyShocks {
    /// The shock of the next month: the capacity normal, then the sick and dropout uniforms
    /// from one 64-bit word.
    #[inline(always)]
    pub fn next_month(&mut self) -> Shock {
        let capacity = StandardNormal.sample(&mut self.0);
        let (sick, dropout) = open_uniform_pair(&mut self.0);
        Shock {
            capacity,
            sick,
            dropout,
        }
    }
}

/// Everything drawn up front for one iteration. Buffers are reused across iterations.
#[derive(Debug, Default)]
pub struct IterationDraws {
    seed: u64,
    iteration: u64,
    /// Static inputs of every copy, copy after copy; `input_offsets[c]` is where copy c starts.
    pub inputs: Vec<f64>,
    pub input_offsets: Vec<usize>,
    /// The same for each variant of the placements after the first (`Model::variants[1..]`).
    variant_inputs: Vec<Vec<f64>>,
    variant_offsets: Vec<Vec<usize>>,
    /// Initial capacity state of each copy as a standard normal (scaled by the engine).
    pub capacity_z0: Vec<f64>,
    /// Available hours per week of each pool.
    pub pool_hours: Vec<f64>,
    /// Per copy: the hiring draw after a trial placement, U(0, 1).
    hire: Vec<f64>,
    /// Per copy: standard normal errors of loonwaarde assessments 0, 1, … (`assessments` each).
    assessment: Vec<f64>,
    assessments: usize,
    /// Per copy: the model's instrument inputs (`instrument_inputs` each).
    instrument: Vec<f64>,
    instrument_count: usize,
    /// The identity of each instrument input's stream ([`stream_id`] of its name).
    instrument_streams: Vec<u64>,
    z: Vec<f64>,
    x: Vec<f64>,
    /// The class's draws (vacancies, hiring, mentors' absence, group lines); empty without
    /// `[cohort]`.
    pub cohort: super::class_draws::CohortDraws,
    /// Per placement with an uncertain count, in placement order: the number of copies that
    /// start this iteration.
    pub counts: Vec<f64>,
    /// Per copy: whether it starts this iteration (false beyond its placement's drawn count).
    pub present: Vec<bool>,
    /// Whether some copy does not start this iteration.
    pub any_absent: bool,
}

impl IterationDraws {
    /// Draws iteration `iteration` of `model` into the buffers.
    pub fn draw(&mut self, model: &Model, iteration: u64) {
        let copies = model.copies();
        self.seed = model.seed;
        self.iteration = iteration;
        self.inputs.clear();
        self.input_offsets.clear();
        self.capacity_z0.clear();
        self.pool_hours.clear();
        // Cohort hook: the class's own streams (sim/class_draws.rs).
        self.cohort.draw(model, iteration);
        self.draw_counts(model, iteration);

        let mut copy = 0usize;
        for p in &model.placements {
            for _ in 0..p.count {
                let unit = copy as u64;
                let mut rng = stream(model.seed, iteration, unit, Purpose::Inputs);
                let offset = self.inputs.len();
                self.input_offsets.push(offset);
                // Constants are copied; the copula's inputs, then the other uncertain ones in
                // slot order, are drawn (constants draw nothing).
                self.inputs.extend_from_slice(&p.draws.constants);
                let values = &mut self.inputs[offset..];
                if let Some(copula) = &p.copula {
                    copula.draw_scores(&mut rng, &mut self.z, &mut self.x);
                    for (&slot, &x) in copula.slots().iter().zip(&self.x) {
                        values[slot] = p.inputs[slot].dist.quantile_at_score(x);
                    }
                }
                for &slot in &p.draws.independent {
                    values[slot] = p.inputs[slot].dist.sample(&mut rng);
                }
                self.capacity_z0.push(StandardNormal.sample(&mut rng));
                copy += 1;
            }
        }
        self.draw_variants(model, iteration);
        for (i, pool) in model.pools.iter().enumerate() {
            let mut rng = stream(model.seed, iteration, i as u64, Purpose::Pool);
            self.pool_hours.push(pool.available.sample(&mut rng));
        }
        self.draw_instruments(model, iteration, copies);
    }

    /// The number of copies of each placement that start: its `count`, or a draw of its
    /// uncertain count from a stream of its own, named `count.` and the placement's name, so
    /// that no other draw of the run moves (common random numbers).
    fn draw_counts(&mut self, model: &Model, iteration: u64) {
        self.counts.clear();
        self.present.clear();
        self.any_absent = false;
        if model.placements.iter().all(|p| p.uncertain_count.is_none()) {
            // Every copy starts ([`Self::starts`] of an empty list).
            return;
        }
        for p in &model.placements {
            let starting = match &p.uncertain_count {
                None => p.count,
                Some(dist) => {
                    let id = stream_id(&format!("count.{}", p.name));
                    let mut rng = input_stream(model.seed, iteration, 0, id);
                    let n = dist.sample(&mut rng).round().clamp(0.0, p.count as f64);
                    self.counts.push(n);
                    n as usize
                }
            };
            self.any_absent |= starting < p.count;
            self.present.extend((0..p.count).map(|k| k < starting));
        }
    }

    /// Whether copy `c` starts this iteration.
    #[inline]
    pub fn starts(&self, c: usize) -> bool {
        self.present.get(c).copied().unwrap_or(true)
    }

    /// The inputs of every variant of the placements, from the scenario's own draws (see
    /// [`InputSource`]): the same input, the changed law at the same rank, or a stream named
    /// by placement and key.
    fn draw_variants(&mut self, model: &Model, iteration: u64) {
        let more = model.variants.len().saturating_sub(1);
        self.variant_inputs.resize_with(more, Vec::new);
        self.variant_offsets.resize_with(more, Vec::new);
        for (v, variant) in model.variants.iter().enumerate().skip(1) {
            let (values, offsets) = (&mut self.variant_inputs[v - 1], &mut self.variant_offsets[v - 1]);
            values.clear();
            offsets.clear();
            let mut copy = 0usize;
            for ((p, own), sources) in variant
                .placements
                .iter()
                .zip(&model.placements)
                .zip(&variant.sources)
            {
                for _ in 0..p.count {
                    offsets.push(values.len());
                    let base = self.input_offsets[copy];
                    for (input, source) in p.inputs.iter().zip(sources) {
                        values.push(match source {
                            InputSource::Same(slot) => self.inputs[base + slot],
                            InputSource::Constant(x) => *x,
                            InputSource::Ranked(slot) => {
                                let x = self.inputs[base + slot];
                                input.dist.quantile(own.inputs[*slot].dist.rank(x))
                            }
                            InputSource::Own(name) => {
                                let mut rng =
                                    input_stream(model.seed, iteration, copy as u64, stream_id(name));
                                input.dist.sample(&mut rng)
                            }
                        });
                    }
                    copy += 1;
                }
            }
        }
    }

    /// The static inputs of every copy under variant `v` of the placements.
    #[inline]
    pub fn inputs_of(&self, v: usize) -> Inputs<'_> {
        match v {
            0 => Inputs {
                values: &self.inputs,
                offsets: &self.input_offsets,
            },
            v => Inputs {
                values: &self.variant_inputs[v - 1],
                offsets: &self.variant_offsets[v - 1],
            },
        }
    }

    /// Draws for the financing instruments: the hiring draw and the assessment errors from each
    /// copy's instrument stream, in that order, so that every arrangement sees the same ones;
    /// each instrument input from a stream of its own (see [`input_stream`]), so that its draws
    /// do not depend on which other arrangements the scenario compares.
    fn draw_instruments(&mut self, model: &Model, iteration: u64, copies: usize) {
        let instruments = || model.arrangements.iter().flat_map(|a| &a.instruments);
        let hire = instruments().any(|i| i.trial().is_some());
        self.assessments = instruments()
            .map(|i| i.assessments_needed(model.horizon))
            .max()
            .unwrap_or(0);
        self.instrument_count = model.instrument_inputs.len();
        self.hire.clear();
        self.assessment.clear();
        self.instrument.clear();
        if !hire && self.assessments == 0 && self.instrument_count == 0 {
            return;
        }
        self.instrument_streams.clear();
        self.instrument_streams
            .extend(model.instrument_streams.iter().map(|name| stream_id(name)));
        for copy in 0..copies {
            let mut rng = stream(model.seed, iteration, copy as u64, Purpose::Instruments);
            self.hire.push(if hire { open_uniform(&mut rng) } else { 0.0 });
            for _ in 0..self.assessments {
                self.assessment.push(StandardNormal.sample(&mut rng));
            }
            for (input, &id) in model.instrument_inputs.iter().zip(&self.instrument_streams) {
                let mut rng = input_stream(model.seed, iteration, copy as u64, id);
                self.instrument.push(input.dist.sample(&mut rng));
            }
        }
    }

    /// The monthly shocks of copy `c`, from the first month of its contract on.
    pub fn monthly_shocks(&self, c: usize) -> MonthlyShocks {
        MonthlyShocks(stream(self.seed, self.iteration, c as u64, Purpose::Monthly))
    }

    /// The hiring draw of copy `c` (0 when no arrangement has a trial placement).
    pub fn hire_uniform(&self, c: usize) -> f64 {
        self.hire.get(c).copied().unwrap_or(0.0)
    }

    /// The error of the k-th loonwaarde assessment of copy `c`.
    pub fn assessment_z(&self, c: usize, k: usize) -> f64 {
        if k < self.assessments {
            self.assessment
                .get(c * self.assessments + k)
                .copied()
                .unwrap_or(0.0)
        } else {
            0.0
        }
    }

    /// The errors of every loonwaarde assessment of copy `c`.
    pub fn copy_assessment_z(&self, c: usize) -> &[f64] {
        let n = self.assessments;
        self.assessment.get(c * n..(c + 1) * n).unwrap_or(&[])
    }

    /// Instrument input `i` of copy `c`.
    pub fn instrument_input(&self, c: usize, i: usize) -> f64 {
        self.instrument
            .get(c * self.instrument_count + i)
            .copied()
            .unwrap_or(0.0)
    }

    /// All instrument inputs of copy `c` (for `samples.csv`).
    pub fn copy_instrument_inputs(&self, c: usize) -> &[f64] {
        let n = self.instrument_count;
        self.instrument.get(c * n..(c + 1) * n).unwrap_or(&[])
    }

    /// The static inputs of copy `c`.
    pub fn copy_inputs(&self, c: usize) -> &[f64] {
        let start = self.input_offsets[c];
        let end = self
            .input_offsets
            .get(c + 1)
            .copied()
            .unwrap_or(self.inputs.len());
        &self.inputs[start..end]
    }
}
