//! The class's draws of one iteration (`[cohort]`, docs/model.md section 6): vacancies, the
//! learners' hiring draws (with the class's shared fortune), the mentors' absence by month
//! and the amounts of the group lines, each from a stream of its own named `cohort.…`, so
//! that no other draw of a run moves. Empty without a class.

use rand_distr::{Distribution, StandardNormal};

use super::rng::{input_stream, open_uniform, stream_id};
use crate::model::Model;

/// Φ, the standard normal distribution function.
fn std_normal_cdf(x: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2)
}

/// The class's draws of one iteration.
#[derive(Debug, Clone, Default)]
pub struct CohortDraws {
    /// Vacancies learners can fill this iteration (`usize::MAX`: no limit).
    pub vacancies: usize,
    /// Per copy: the hiring draw at graduation, U(0, 1).
    pub hire: Vec<f64>,
    /// Per pool and scenario month (`pools × horizon`): 1 when the pool's mentor is at work,
    /// 0 when away; empty without mentors.
    presence: Vec<f64>,
    horizon: usize,
    /// Per group line: its amount in this iteration.
    pub amounts: Vec<f64>,
    /// The class factor Z (0 without a class shock).
    pub class_z: f64,
}

impl CohortDraws {
    /// Draws iteration `iteration`: each from a stream of its own, named `cohort.…`, so that
    /// no other draw of the run moves.
    pub fn draw(&mut self, model: &Model, iteration: u64) {
        let Some(cohort) = &model.cohort else {
            return;
        };
        let seed = model.seed;
        self.vacancies = cohort.vacancies.as_ref().map_or(usize::MAX, |d| {
            let mut rng = input_stream(seed, iteration, 0, stream_id("cohort.vacancies"));
            d.sample(&mut rng).round().max(0.0) as usize
        });
        self.class_z = cohort.class_shock.map_or(0.0, |_| {
            let mut rng = input_stream(seed, iteration, 0, stream_id("cohort.class_shock"));
            StandardNormal.sample(&mut rng)
        });
        let rho = cohort.class_shock.map_or(0.0, |s| s.correlation);
        self.hire.clear();
        let hire_id = stream_id("cohort.hire");
        for c in 0..model.copies() {
            let mut rng = input_stream(seed, iteration, c as u64, hire_id);
            let own: f64 = StandardNormal.sample(&mut rng);
            // The hiring draw is Φ of the learner's score: uniform, correlated ρ in the class.
            let score = rho.sqrt() * self.class_z + (1.0 - rho).sqrt() * own;
            self.hire.push(std_normal_cdf(score));
        }
        self.horizon = model.horizon;
        self.presence.clear();
        if !cohort.mentors.is_empty() {
            self.presence.resize(model.pools.len() * model.horizon, 1.0);
            let away_id = stream_id("cohort.mentor_absence");
            for (m, mentor) in cohort.mentors.iter().enumerate() {
                if mentor.absence_probability == 0.0 {
                    continue;
                }
                let mut rng = input_stream(seed, iteration, m as u64, away_id);
                let row = &mut self.presence[mentor.pool * model.horizon..][..model.horizon];
                for present in row {
                    if open_uniform(&mut rng) < mentor.absence_probability {
                        *present = 0.0;
                    }
                }
            }
        }
        self.amounts.clear();
        let line_id = stream_id("cohort.line");
        for (i, line) in cohort.lines.iter().enumerate() {
            let amount = line.amount.as_constant().unwrap_or_else(|| {
                let mut rng = input_stream(seed, iteration, i as u64, line_id);
                line.amount.sample(&mut rng)
            });
            self.amounts.push(amount);
        }
    }

    /// Whether pool `pool`'s mentor is at work in month t (1) or away (0); 1 for a pool that
    /// is no mentor's.
    #[inline(always)]
    pub fn presence(&self, pool: usize, t: usize) -> f64 {
        if self.presence.is_empty() {
            1.0
        } else {
            self.presence[pool * self.horizon + t]
        }
    }
}
