//! The class's section of `inclusim run`'s console tables: learners completed, hired, still
//! employed and dropped out, the distribution of hires, cost per hire and the leermeesters.

use std::fmt::Write;

use super::euros;
use crate::inert::inert;
use crate::stats::cohort::CohortSummary;

/// Renders the class's section (empty without a class).
pub fn render(cohort: Option<&CohortSummary>) -> String {
    let mut out = String::new();
    let Some(k) = cohort else {
        return out;
    };
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Class \"{}\": {} pupils, school holidays {}, {} leermeester(s)",
        inert(&k.name),
        size(
            k.pupils_min,
            k.pupils,
            k.arrangements.first().and_then(|a| a.pupils_mean)
        ),
        k.calendar,
        k.mentors.len()
    );
    let name_w = k
        .arrangements
        .iter()
        .map(|a| inert(&a.name).chars().count())
        .max()
        .unwrap_or(10)
        .max(14);
    let _ = writeln!(
        out,
        "{:<name_w$}  {:>9}  {:>16}  {:>8}  {:>9}  {:>8}  {:>22}  {:>11}",
        "Per iteration",
        "completed",
        "hired p10/50/90",
        "hired",
        "employed",
        "dropped",
        "cost per hire ± mcse",
        "mentor h/pp"
    );
    for a in &k.arrangements {
        let cost = match (a.cost_per_hire, a.cost_per_hire_se) {
            (Some(c), Some(se)) => format!("{} ± {}", euros(c), euros(se)),
            _ => "no hires".to_owned(),
        };
        let _ = writeln!(
            out,
            "{:<name_w$}  {:>9.2}  {:>16}  {:>8.2}  {:>9.2}  {:>8.2}  {:>22}  {:>11.0}",
            inert(&a.name),
            a.completed_mean,
            format!("{}/{}/{}", a.hired_p10, a.hired_p50, a.hired_p90),
            a.hired_mean,
            a.still_employed_mean,
            a.dropped_out_mean,
            cost,
            a.mentor_hours_per_pupil
        );
    }
    if let Some(a) = k.arrangements.first() {
        let ks: Vec<String> = a
            .p_hired_at_least
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, p)| **p >= 0.005)
            .map(|(i, p)| format!("≥{i}: {:.0}%", p * 100.0))
            .collect();
        let _ = writeln!(out, "  P(at least k hired): {}", ks.join(", "));
        if let Some(short) = a.mentor_months_short_share {
            let covered: Vec<f64> = a.coverage_mean.iter().flatten().copied().collect();
            let low = a
                .coverage_p10
                .iter()
                .flatten()
                .copied()
                .fold(f64::INFINITY, f64::min);
            let _ = writeln!(
                out,
                "  Leermeesters: {:.1}% of mentor-months short; mean coverage {:.1}%, lowest monthly p10 {:.1}%",
                short * 100.0,
                covered.iter().sum::<f64>() / covered.len().max(1) as f64 * 100.0,
                if low.is_finite() { low * 100.0 } else { 100.0 }
            );
        }
        for g in &a.groups {
            let _ = writeln!(
                out,
                "  {}: {} pupils, {:.2} completed, {:.2} hired",
                inert(&g.placement),
                size(g.pupils_min, g.pupils, g.pupils_mean),
                g.completed_mean,
                g.hired_mean
            );
        }
    }
    out
}

/// A class size: `10`, or drawn per iteration `8 to 12 (mean 10.02)`.
fn size(min: Option<usize>, max: usize, mean: Option<f64>) -> String {
    match (min, mean) {
        (Some(min), Some(mean)) => format!("{min} to {max} (mean {mean:.2})"),
        _ => max.to_string(),
    }
}
