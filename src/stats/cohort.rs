//! The class's outcomes over the iterations (`summary.json` → `cohort`): how many learners
//! complete, are hired, are still employed and drop out, the distribution of hires, the
//! expected cost per hire with its Monte Carlo error, mentor hours and coverage, and the same
//! per group (placement). Pure: folds chunks, no I/O.

use serde::Serialize;

use crate::model::Model;
use crate::sim::Chunk;
use crate::sim::cohort::GROUP_FIELDS;

/// The class under every arrangement.
#[derive(Debug, Clone, Serialize)]
pub struct CohortSummary {
    pub name: String,
    /// School-holiday calendar: `noord`, `midden`, `zuid` or `own`.
    pub calendar: String,
    /// Learners in the class (all placements with a learning phase); with an uncertain class
    /// size, the most it can have.
    pub pupils: usize,
    /// With an uncertain class size: the fewest learners it can have (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pupils_min: Option<usize>,
    /// Leermeesters.
    pub mentors: Vec<String>,
    /// One per arrangement, in the order of `arrangements`.
    pub arrangements: Vec<CohortArrangement>,
}

/// The class under one arrangement.
#[derive(Debug, Clone, Serialize)]
pub struct CohortArrangement {
    pub name: String,
    /// With an uncertain class size (a `count` drawn per iteration): the mean number of
    /// pupils who start; absent when every group's count is fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pupils_mean: Option<f64>,
    /// Mean learners who finished the learning phase (graduated).
    pub completed_mean: f64,
    /// Mean learners hired at graduation.
    pub hired_mean: f64,
    pub hired_sd: f64,
    pub hired_p10: f64,
    pub hired_p50: f64,
    pub hired_p90: f64,
    /// P(hired ≥ k) for k = 0, 1, …, pupils.
    pub p_hired_at_least: Vec<f64>,
    /// Share of iterations with exactly k hired, k = 0, 1, …, pupils.
    pub hired_distribution: Vec<f64>,
    /// Mean learners still employed at the horizon (hired, not dropped out since).
    pub still_employed_mean: f64,
    /// Mean learners who left during the learning phase.
    pub dropped_out_mean: f64,
    /// Mean mentor (supervision) hours per learner over the learning phase.
    pub mentor_hours_per_pupil: f64,
    /// The company's expected net cost per hire, E[−NPV] / E[hired] (negative: a gain per
    /// hire), and its Monte Carlo standard error (delta method); null when nobody is hired.
    pub cost_per_hire: Option<f64>,
    pub cost_per_hire_se: Option<f64>,
    /// Share of mentor-months (months in which a mentor's learners needed supervision) in
    /// which the mentor's hours fell short.
    pub mentor_months_short_share: Option<f64>,
    /// By scenario month: the learners' mean mentor coverage, its mean over iterations and
    /// its 10th percentile (null in a month without learners in need).
    pub coverage_mean: Vec<Option<f64>>,
    pub coverage_p10: Vec<Option<f64>>,
    /// Per group (placement with a learning phase).
    pub groups: Vec<CohortGroup>,
}

/// One group of the class (one placement, one school).
#[derive(Debug, Clone, Serialize)]
pub struct CohortGroup {
    pub placement: String,
    /// The group's pupils (its largest count when the count is uncertain).
    pub pupils: usize,
    /// With an uncertain count: its smallest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pupils_min: Option<usize>,
    /// With an uncertain count: the mean number of the group's pupils who start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pupils_mean: Option<f64>,
    pub completed_mean: f64,
    pub hired_mean: f64,
    /// The group's mean mentor coverage over its learners' months in need (null if none).
    pub coverage_mean: Option<f64>,
}

/// Folds the chunks' class outcomes.
#[derive(Debug)]
pub struct CohortAcc {
    arrangements: usize,
    horizon: usize,
    placements: usize,
    /// Per arrangement: hires per iteration, NPV per iteration.
    hired: Vec<Vec<u32>>,
    npv: Vec<Vec<f64>>,
    pupils: Vec<f64>,
    completed: Vec<f64>,
    still_employed: Vec<f64>,
    dropped_out: Vec<f64>,
    mentor_hours: Vec<f64>,
    mentor_months: Vec<u64>,
    mentor_short: Vec<u64>,
    /// Per arrangement and month: the iterations' coverage (NaN skipped).
    coverage: Vec<Vec<f64>>,
    /// Per arrangement and placement: learners, completed, hired, coverage sum, months in
    /// need.
    groups: Vec<[f64; GROUP_FIELDS]>,
}

impl CohortAcc {
    pub fn new(model: &Model) -> Option<Self> {
        model.cohort.as_ref()?;
        let a = model.arrangements.len();
        Some(Self {
            arrangements: a,
            horizon: model.horizon,
            placements: model.placements.len(),
            hired: vec![Vec::new(); a],
            npv: vec![Vec::new(); a],
            pupils: vec![0.0; a],
            completed: vec![0.0; a],
            still_employed: vec![0.0; a],
            dropped_out: vec![0.0; a],
            mentor_hours: vec![0.0; a],
            mentor_months: vec![0; a],
            mentor_short: vec![0; a],
            coverage: vec![Vec::new(); a * model.horizon],
            groups: vec![[0.0; GROUP_FIELDS]; a * model.placements.len()],
        })
    }

    pub fn add(&mut self, chunk: &Chunk) {
        let a = self.arrangements;
        for (k, o) in chunk.cohort.iter().enumerate() {
            let (i, arr) = (k / a, k % a);
            self.hired[arr].push(o.hired);
            self.npv[arr].push(chunk.outcomes[i * a + arr].npv);
            self.completed[arr] += f64::from(o.completed);
            self.pupils[arr] += f64::from(o.pupils);
            self.still_employed[arr] += f64::from(o.still_employed);
            self.dropped_out[arr] += f64::from(o.dropped_out);
            self.mentor_hours[arr] += o.mentor_hours_per_pupil;
            self.mentor_months[arr] += u64::from(o.mentor_months);
            self.mentor_short[arr] += u64::from(o.mentor_months_short);
            let cov = &chunk.cohort_coverage[k * self.horizon..(k + 1) * self.horizon];
            for (t, x) in cov.iter().enumerate() {
                if !x.is_nan() {
                    self.coverage[arr * self.horizon + t].push(*x);
                }
            }
            let width = GROUP_FIELDS * self.placements;
            let g = &chunk.cohort_groups[k * width..(k + 1) * width];
            for p in 0..self.placements {
                let cell = &mut self.groups[arr * self.placements + p];
                for (sum, x) in cell.iter_mut().zip(&g[GROUP_FIELDS * p..GROUP_FIELDS * (p + 1)]) {
                    *sum += x;
                }
            }
        }
    }

    pub fn finish(self, model: &Model) -> Option<CohortSummary> {
        let cohort = model.cohort.as_ref()?;
        let learner_counts: Vec<usize> = model
            .placements
            .iter()
            .map(|p| if p.learning.is_some() { p.count } else { 0 })
            .collect();
        let pupils: usize = learner_counts.iter().sum();
        let uncertain = model
            .placements
            .iter()
            .any(|p| p.learning.is_some() && p.uncertain_count.is_some());
        let arrangements = (0..self.arrangements)
            .map(|arr| {
                let hired = &self.hired[arr];
                let n = hired.len().max(1) as f64;
                let h: Vec<f64> = hired.iter().map(|&x| f64::from(x)).collect();
                let mean = h.iter().sum::<f64>() / n;
                let var = h.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
                let mut sorted = h.clone();
                sorted.sort_by(f64::total_cmp);
                let q = |p: f64| crate::stats::describe::quantile_sorted(&sorted, p);
                let mut exactly = vec![0.0; pupils + 1];
                for &x in hired {
                    if let Some(cell) = exactly.get_mut(x as usize) {
                        *cell += 1.0 / n;
                    }
                }
                let at_least: Vec<f64> = (0..=pupils).map(|k| exactly[k..].iter().sum()).collect();
                let (cost, cost_se) = cost_per_hire(&self.npv[arr], &h);
                let months = self.mentor_months[arr];
                let cells = &self.coverage[arr * self.horizon..(arr + 1) * self.horizon];
                let coverage_mean = cells
                    .iter()
                    .map(|v| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64))
                    .collect();
                let coverage_p10 = cells
                    .iter()
                    .map(|v| {
                        (!v.is_empty()).then(|| {
                            let mut s = v.clone();
                            s.sort_by(f64::total_cmp);
                            crate::stats::describe::quantile_sorted(&s, 0.10)
                        })
                    })
                    .collect();
                let groups = model
                    .placements
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.learning.is_some())
                    .map(|(p, pl)| {
                        let [learners, completed, hired, coverage, months] =
                            self.groups[arr * self.placements + p];
                        CohortGroup {
                            placement: pl.name.clone(),
                            pupils: pl.count,
                            pupils_min: smallest(pl),
                            pupils_mean: pl.uncertain_count.is_some().then_some(learners / n),
                            completed_mean: completed / n,
                            hired_mean: hired / n,
                            coverage_mean: (months > 0.0).then(|| coverage / months),
                        }
                    })
                    .collect();
                CohortArrangement {
                    name: model.arrangements[arr].name.clone(),
                    pupils_mean: uncertain.then_some(self.pupils[arr] / n),
                    completed_mean: self.completed[arr] / n,
                    hired_mean: mean,
                    hired_sd: var.sqrt(),
                    hired_p10: q(0.10),
                    hired_p50: q(0.50),
                    hired_p90: q(0.90),
                    p_hired_at_least: at_least,
                    hired_distribution: exactly,
                    still_employed_mean: self.still_employed[arr] / n,
                    dropped_out_mean: self.dropped_out[arr] / n,
                    mentor_hours_per_pupil: self.mentor_hours[arr] / n,
                    cost_per_hire: cost,
                    cost_per_hire_se: cost_se,
                    mentor_months_short_share: (months > 0)
                        .then(|| self.mentor_short[arr] as f64 / months as f64),
                    coverage_mean,
                    coverage_p10,
                    groups,
                }
            })
            .collect();
        Some(CohortSummary {
            name: cohort.name.clone(),
            calendar: cohort.calendar.clone(),
            pupils,
            pupils_min: uncertain.then(|| {
                model
                    .placements
                    .iter()
                    .filter(|p| p.learning.is_some())
                    .map(|p| smallest(p).unwrap_or(p.count))
                    .sum()
            }),
            mentors: cohort.mentors.iter().map(|m| m.name.clone()).collect(),
            arrangements,
        })
    }
}

/// The smallest count of a placement whose count is uncertain.
fn smallest(p: &crate::model::Placement) -> Option<usize> {
    p.uncertain_count.as_ref().map(|d| d.support().0 as usize)
}

/// E[−NPV] / E[hired] and its standard error by the delta method:
/// Var(R̂) ≈ (Var(X) − 2R·Cov(X, H) + R²·Var(H)) / (n · E[H]²), X = −NPV.
pub fn cost_per_hire(npv: &[f64], hired: &[f64]) -> (Option<f64>, Option<f64>) {
    let n = npv.len() as f64;
    if npv.is_empty() {
        return (None, None);
    }
    let mx = -npv.iter().sum::<f64>() / n;
    let mh = hired.iter().sum::<f64>() / n;
    if mh <= 0.0 {
        return (None, None);
    }
    let r = mx / mh;
    let d = (n - 1.0).max(1.0);
    let (mut vx, mut vh, mut cxh) = (0.0, 0.0, 0.0);
    for (x, h) in npv.iter().map(|v| -v).zip(hired) {
        vx += (x - mx) * (x - mx);
        vh += (h - mh) * (h - mh);
        cxh += (x - mx) * (h - mh);
    }
    let var = (vx / d - 2.0 * r * cxh / d + r * r * vh / d) / (n * mh * mh);
    (Some(r), Some(var.max(0.0).sqrt()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_per_hire_is_the_ratio_of_means_with_a_delta_method_error() {
        // Two hires cost 10,000 in all, one hire 6,000: E[−NPV] = 8,000, E[H] = 1.5.
        let npv = [-10_000.0, -6_000.0];
        let hired = [2.0, 1.0];
        let (r, se) = cost_per_hire(&npv, &hired);
        assert!((r.unwrap() - 8_000.0 / 1.5).abs() < 1e-9);
        // Var(X) = 8e6, Var(H) = 0.5, Cov = 2000; R = 5333.33…
        let rr: f64 = 8_000.0 / 1.5;
        let expected: f64 = ((8e6 - 2.0 * rr * 2000.0 + rr * rr * 0.5) / (2.0 * 1.5 * 1.5)).sqrt();
        assert!((se.unwrap() - expected).abs() < 1e-9);
        assert_eq!(cost_per_hire(&[-1.0], &[0.0]), (None, None));
    }
}
