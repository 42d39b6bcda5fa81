//! The metrics an `[[expect]]` can bound, and how to read them (with a standard error) from a
//! [`Summary`].

use super::summary::{ArrangementSummary, Summary};

pub use crate::vocab::{ARRANGEMENT_METRICS, PAIR_METRICS};

/// A metric's value with its Monte Carlo standard error where one is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricValue {
    pub value: Option<f64>,
    pub se: Option<f64>,
    /// For a share (a probability estimated from `n` iterations): `n`, so that its
    /// uncertainty can be judged with an interval that stays honest at 0 and 1.
    pub share_of: Option<f64>,
}

/// Reads a metric of one arrangement; `None` for an unknown metric.
pub fn arrangement_metric(a: &ArrangementSummary, metric: &str, iterations: u64) -> Option<MetricValue> {
    let n = iterations.max(1) as f64;
    let v = |value: f64, se: Option<f64>| {
        Some(MetricValue {
            value: Some(value),
            se,
            share_of: None,
        })
    };
    let share = |p: f64, se: f64| {
        Some(MetricValue {
            value: Some(p),
            se: Some(se),
            share_of: Some(n),
        })
    };
    let npv = &a.npv;
    // SE of a quantile from the normal approximation: sd·√(p(1−p)/n)/φ(z_p) ≈ the width of the
    // sample near p; a conservative stand-in is the mean's SE times √(p(1−p))/φ(z_p).
    let q_se = |p: f64| {
        let z = statrs::function::erf::erfc_inv(2.0 * p) * -std::f64::consts::SQRT_2;
        let phi = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
        Some(npv.sd * (p * (1.0 - p) / n).sqrt() / phi)
    };
    match metric {
        "npv.mean" => v(npv.mean, Some(npv.mcse)),
        "npv.sd" => v(npv.sd, Some(npv.sd / (2.0 * n).sqrt())),
        "npv.p5" => v(npv.p5, q_se(0.05)),
        "npv.p10" => v(npv.p10, q_se(0.10)),
        "npv.p25" => v(npv.p25, q_se(0.25)),
        "npv.p50" => v(npv.p50, q_se(0.50)),
        "npv.p75" => v(npv.p75, q_se(0.75)),
        "npv.p90" => v(npv.p90, q_se(0.90)),
        "npv.p95" => v(npv.p95, q_se(0.95)),
        "p_npv_positive" => share(a.p_npv_positive, a.p_npv_positive_se),
        "cvar5" => v(a.cvar5, q_se(0.05)),
        "break_even.p50_month" => Some(MetricValue {
            value: a.break_even.p50_month.map(f64::from),
            se: None,
            share_of: None,
        }),
        "break_even.p_within_horizon" => {
            let p = a.break_even.p_within_horizon;
            share(p, (p * (1.0 - p) / n).sqrt())
        }
        "retention_at_horizon" => share(a.retention_at_horizon, a.retention_at_horizon_se),
        "months_active_mean" => v(a.months_active_mean, None),
        "final_productivity_mean" => v(a.final_productivity_mean, None),
        other => {
            let line = other.strip_prefix("lines.")?;
            a.lines
                .get(line)
                .and_then(|m| v(*m, a.lines_mcse.get(line).copied()))
        }
    }
}

/// A class metric of arrangement `name`, with its Monte Carlo standard error where known;
/// `None` for another metric or without a class.
pub fn cohort_metric(s: &Summary, name: &str, metric: &str) -> Option<MetricValue> {
    let a = s.cohort.as_ref()?.arrangements.iter().find(|a| a.name == name)?;
    let n = (s.iterations.max(1) as f64).sqrt();
    let (value, se) = match metric {
        "cohort.completed_mean" => (Some(a.completed_mean), None),
        "cohort.hired_mean" => (Some(a.hired_mean), Some(a.hired_sd / n)),
        "cohort.still_employed_mean" => (Some(a.still_employed_mean), None),
        "cohort.dropped_out_mean" => (Some(a.dropped_out_mean), None),
        "cohort.cost_per_hire" => (a.cost_per_hire, a.cost_per_hire_se),
        "cohort.mentor_months_short_share" => (a.mentor_months_short_share, None),
        _ => return None,
    };
    Some(MetricValue {
        value,
        se,
        share_of: None,
    })
}

/// Reads a metric of a pair of arrangements from the summary's comparisons.
pub fn pair_metric(summary: &Summary, a: &str, b: &str, metric: &str) -> Option<MetricValue> {
    let n = summary.iterations.max(1) as f64;
    let (cmp, flip) = summary.comparisons.iter().find_map(|c| {
        if c.a == a && c.b == b {
            Some((c, false))
        } else if c.a == b && c.b == a {
            Some((c, true))
        } else {
            None
        }
    })?;
    let sign = if flip { -1.0 } else { 1.0 };
    let value = match metric {
        "mean_difference" => (sign * cmp.mean_diff, cmp.sd_diff / n.sqrt(), None),
        "p_a_better" => {
            let p = if flip {
                1.0 - cmp.p_a_better
            } else {
                cmp.p_a_better
            };
            (p, (p * (1.0 - p) / n).sqrt(), Some(n))
        }
        "p_npv_positive_diff" => (sign * cmp.p_npv_positive_diff, (0.5 / n).sqrt(), None),
        _ => return None,
    };
    Some(MetricValue {
        value: Some(value.0),
        se: Some(value.1),
        share_of: value.2,
    })
}
