//! `compare A.toml B.toml`: two scenario files paired iteration by iteration. They can be
//! paired when every iteration draws the same random numbers in both: the same seed and
//! iterations, and the same placements (names and copies, in order), since each copy's streams
//! are keyed by seed, iteration and copy. Arrangements are matched by name.

use serde::Serialize;

use crate::model::Model;

/// Why two models cannot be paired, or `None` when they can.
pub fn unpairable(a: &Model, b: &Model) -> Option<String> {
    if a.seed != b.seed {
        return Some(format!(
            "the seeds differ ({} and {}): give both the same `seed` (or -s)",
            a.seed, b.seed
        ));
    }
    if a.iterations != b.iterations {
        return Some(format!(
            "the iterations differ ({} and {}): give both the same `iterations` (or -n)",
            a.iterations, b.iterations
        ));
    }
    let placements = |m: &Model| -> Vec<(String, usize)> {
        m.placements.iter().map(|p| (p.name.clone(), p.count)).collect()
    };
    if placements(a) != placements(b) {
        let show = |m: &Model| {
            placements(m)
                .iter()
                .map(|(n, c)| format!("{n} ×{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Some(format!(
            "the placements differ ({} and {}): pairing needs the same placements (names and counts, in the same order), whose random streams then match",
            show(a),
            show(b)
        ));
    }
    if !a
        .arrangements
        .iter()
        .any(|x| b.arrangements.iter().any(|y| y.name == x.name))
    {
        return Some("the two files have no arrangement of the same name to compare".to_owned());
    }
    None
}

/// The paired comparison of one arrangement in two scenario files: B − A.
#[derive(Debug, Clone, Serialize)]
pub struct PairedArrangement {
    pub arrangement: String,
    pub mean_a: f64,
    pub mean_b: f64,
    /// Mean of NPV(B) − NPV(A) over the iterations.
    pub mean_diff: f64,
    /// 95% interval of the mean difference (normal approximation on the paired differences).
    pub ci95: [f64; 2],
    /// Share of iterations in which B has the higher NPV (ties count half).
    pub p_b_better: f64,
    pub p_npv_positive_a: f64,
    pub p_npv_positive_b: f64,
}

/// Pairs the per-iteration NPVs `a` and `b` of one arrangement.
pub fn paired(arrangement: &str, a: &[f64], b: &[f64]) -> PairedArrangement {
    let n = a.len().min(b.len()).max(1) as f64;
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / n;
    let m = mean(&d);
    let sd = if d.len() > 1 {
        (d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)).sqrt()
    } else {
        0.0
    };
    let half = 1.959_963_984_540_054 * sd / n.sqrt();
    let better = d
        .iter()
        .map(|x| {
            if *x > 0.0 {
                1.0
            } else if *x == 0.0 {
                0.5
            } else {
                0.0
            }
        })
        .sum::<f64>()
        / n;
    let positive = |v: &[f64]| v.iter().filter(|x| **x > 0.0).count() as f64 / n;
    PairedArrangement {
        arrangement: arrangement.to_owned(),
        mean_a: mean(a),
        mean_b: mean(b),
        mean_diff: m,
        ci95: [m - half, m + half],
        p_b_better: better,
        p_npv_positive_a: positive(a),
        p_npv_positive_b: positive(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constant_shift_is_found_exactly_with_a_zero_width_interval() {
        let a: Vec<f64> = (0..100).map(f64::from).collect();
        let b: Vec<f64> = a.iter().map(|x| x + 250.0).collect();
        let p = paired("x", &a, &b);
        assert!((p.mean_diff - 250.0).abs() < 1e-9);
        assert!((p.ci95[1] - p.ci95[0]).abs() < 1e-9);
        assert_eq!(p.p_b_better, 1.0);
    }
}
