//! The random draws of one iteration, made once and shared by every arrangement
//! (common random numbers): static inputs per placement copy, the pools' available hours,
//! and the monthly shocks (capacity, sick spell, dropout).

use rand_distr::{Distribution, StandardNormal};

use super::instruments;
use super::rng::{Purpose, open_uniform, open_uniform_pair, stream};
use crate::model::{Model, Slot};

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

/// Everything drawn for one iteration. Buffers are reused across iterations.
#[derive(Debug, Default)]
pub struct IterationDraws {
    /// Static inputs of every copy, copy after copy; `input_offsets[c]` is where copy c starts.
    pub inputs: Vec<f64>,
    pub input_offsets: Vec<usize>,
    /// Initial capacity state of each copy as a standard normal (scaled by the engine).
    pub capacity_z0: Vec<f64>,
    /// Shocks of copy c in month t at `shocks[c * horizon + t]`; only the months of the copy's
    /// contract are drawn (the others keep stale values and are never read).
    pub shocks: Vec<Shock>,
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
    z: Vec<f64>,
    x: Vec<f64>,
}

impl IterationDraws {
    /// Draws iteration `iteration` of `model` into the buffers.
    pub fn draw(&mut self, model: &Model, iteration: u64) {
        let horizon = model.horizon;
        let copies = model.copies();
        self.inputs.clear();
        self.input_offsets.clear();
        self.capacity_z0.clear();
        self.shocks.resize(copies * horizon, Shock::default());
        self.pool_hours.clear();

        let mut copy = 0usize;
        for p in &model.placements {
            let end = p.contract_end_month.unwrap_or(horizon).min(horizon);
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

                let mut rng = stream(model.seed, iteration, unit, Purpose::Monthly);
                let row = &mut self.shocks[copy * horizon..(copy + 1) * horizon];
                for shock in &mut row[p.start_month.min(end)..end] {
                    let capacity = StandardNormal.sample(&mut rng);
                    let (sick, dropout) = open_uniform_pair(&mut rng);
                    *shock = Shock {
                        capacity,
                        sick,
                        dropout,
                    };
                }
                copy += 1;
            }
        }
        for (i, pool) in model.pools.iter().enumerate() {
            let mut rng = stream(model.seed, iteration, i as u64, Purpose::Pool);
            self.pool_hours.push(pool.available.sample(&mut rng));
        }
        self.draw_instruments(model, iteration, copies);
    }

    /// Draws for the financing instruments, from each copy's own instrument stream in a fixed
    /// order (hiring draw, assessment errors, instrument inputs), so that every arrangement
    /// sees the same ones.
    fn draw_instruments(&mut self, model: &Model, iteration: u64, copies: usize) {
        let hire = instruments::needs_hire_draw(model);
        self.assessments = instruments::assessments_needed(model);
        self.instrument_count = model.instrument_inputs.len();
        self.hire.clear();
        self.assessment.clear();
        self.instrument.clear();
        if !hire && self.assessments == 0 && self.instrument_count == 0 {
            return;
        }
        for copy in 0..copies {
            let mut rng = stream(model.seed, iteration, copy as u64, Purpose::Instruments);
            self.hire.push(if hire { open_uniform(&mut rng) } else { 0.0 });
            for _ in 0..self.assessments {
                self.assessment.push(StandardNormal.sample(&mut rng));
            }
            for input in &model.instrument_inputs {
                self.instrument.push(input.dist.sample(&mut rng));
            }
        }
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

    /// One static input of copy `c`.
    #[inline]
    pub fn input(&self, c: usize, slot: Slot) -> f64 {
        self.input_at(c, slot as usize)
    }

    /// The static input in slot index `slot` of copy `c` (cost and benefit amounts follow
    /// the fixed slots).
    #[inline]
    pub fn input_at(&self, c: usize, slot: usize) -> f64 {
        self.inputs[self.input_offsets[c] + slot]
    }
}
