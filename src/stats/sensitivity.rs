//! Which uncertain input decides a result: rank correlations, partial rank correlations,
//! contribution to variance and the decile swing of every input against one output (an
//! arrangement's NPV, or the paired difference of two arrangements' NPVs).
//!
//! Methods (docs/sensitivity.md):
//! - Spearman's ρ: Pearson's correlation of the mid-ranks of input and output.
//! - PRCC (partial rank correlation coefficient, Marino et al. 2008, J. Theor. Biol. 254):
//!   the correlation of input j's rank with the output's rank after both are adjusted linearly
//!   for the ranks of every other input, read from the inverse P of the rank correlation
//!   matrix of all inputs and the output: PRCC_j = −P_jy / √(P_jj · P_yy).
//! - Contribution to variance: ρ_j² / Σ_k ρ_k², with the sign of ρ_j (as Crystal Ball shows
//!   it). It is a normalisation, not a variance decomposition: with correlated inputs the shares
//!   overlap.
//! - Swing: mean output over the iterations with the input at or above its 90% quantile minus
//!   the mean over those at or below its 10% quantile (the lowest and highest deciles; an
//!   input with ties, such as a yes/no input, takes all iterations at its lowest and highest
//!   values), with the standard error √(s_lo²/n_lo + s_hi²/n_hi).
//!
//! Everything here is pure and deterministic: ties are ranked by value then by iteration.

use nalgebra::DMatrix;
use rayon::prelude::*;
use serde::Serialize;

/// The sensitivity of one output to every input, inputs ordered by |swing|, largest first.
#[derive(Debug, Clone, Serialize)]
pub struct OutputSensitivity {
    /// `npv` of an arrangement, or `difference` of two.
    pub kind: &'static str,
    /// The arrangement (kind `npv`), or the first of the pair (kind `difference`: a − b).
    pub arrangement: String,
    /// The second of the pair (kind `difference`), else null.
    pub versus: Option<String>,
    /// Mean of the output, euros.
    pub mean: f64,
    pub inputs: Vec<InputSensitivity>,
}

/// One input's effect on one output.
#[derive(Debug, Clone, Serialize)]
pub struct InputSensitivity {
    /// The input as named in `samples.csv` (without `input.`): `placement.key`, the copy as
    /// `placement#k`, an instrument input as `placement.arrangement/instrument.key`, a pool as
    /// `pool.NAME.available_hours_per_week`.
    pub input: String,
    /// Spearman's rank correlation with the output.
    pub spearman: f64,
    /// Partial rank correlation with the output; null when the inputs' rank correlation
    /// matrix is singular.
    pub prcc: Option<f64>,
    /// ρ² / Σρ², signed by ρ.
    pub contribution_to_variance: f64,
    /// Mean output in the highest decile of the input minus that in the lowest, euros.
    pub swing: f64,
    /// Standard error of the swing, euros.
    pub swing_se: f64,
    /// Mean output with the input in its lowest / highest decile, euros.
    pub mean_low: f64,
    pub mean_high: f64,
    /// The input's 10% and 90% quantiles (the edges of those deciles).
    pub low_value: f64,
    pub high_value: f64,
}

/// Uncertain inputs as columns of per-iteration values, ranked once for every output.
#[derive(Debug, Clone)]
pub struct InputSet {
    names: Vec<String>,
    values: Vec<Vec<f64>>,
    ranks: Vec<Vec<f64>>,
    /// Per input: iterations in its lowest and highest decile, and the decile edges.
    deciles: Vec<Deciles>,
    /// Inverse-ready rank correlation matrix of the inputs (k × k).
    corr: DMatrix<f64>,
}

#[derive(Debug, Clone)]
struct Deciles {
    low: Vec<usize>,
    high: Vec<usize>,
    low_value: f64,
    high_value: f64,
}

impl InputSet {
    /// The inputs that vary among `columns` (name, values per iteration; all of one length);
    /// constant columns are left out, since nothing can be said of them.
    pub fn new(columns: Vec<(String, Vec<f64>)>) -> Self {
        let (names, values): (Vec<String>, Vec<Vec<f64>>) = columns
            .into_iter()
            .filter(|(_, v)| v.iter().any(|x| *x != v[0]) && v.iter().all(|x| x.is_finite()))
            .unzip();
        // Input by input on the worker threads, collected in order.
        // One sort per input gives its ranks and its deciles.
        let (ranks, deciles): (Vec<Vec<f64>>, Vec<Deciles>) = values
            .par_iter()
            .map(|v| {
                let (ranks, sorted) = ranks_and_sorted(v);
                (ranks, deciles(v, &sorted))
            })
            .unzip();
        let k = ranks.len();
        let mut corr = DMatrix::identity(k, k);
        for i in 0..k {
            for j in 0..i {
                let r = pearson(&ranks[i], &ranks[j]);
                corr[(i, j)] = r;
                corr[(j, i)] = r;
            }
        }
        Self {
            names,
            values,
            ranks,
            deciles,
            corr,
        }
    }

    /// Number of varying inputs.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Per-iteration values of input `j`.
    pub fn values(&self, j: usize) -> &[f64] {
        &self.values[j]
    }

    /// Input j's mid-ranks (1 … n, ties averaged), as [`mid_ranks`] gives them.
    pub fn ranks(&self, j: usize) -> &[f64] {
        &self.ranks[j]
    }

    /// Every input's sensitivity for `output` (one value per iteration), largest |swing|
    /// first (ties by name, so the order is deterministic).
    pub fn analyse(&self, output: &[f64]) -> Vec<InputSensitivity> {
        let k = self.len();
        let y_rank = mid_ranks(output);
        let rho: Vec<f64> = self.ranks.iter().map(|r| pearson(r, &y_rank)).collect();
        let prcc = self.prcc(&rho);
        let sum_sq: f64 = rho.iter().map(|r| r * r).sum();
        let mut out: Vec<InputSensitivity> = (0..k)
            .map(|j| {
                let d = &self.deciles[j];
                let (mean_low, var_low) = mean_var(d.low.iter().map(|&i| output[i]));
                let (mean_high, var_high) = mean_var(d.high.iter().map(|&i| output[i]));
                let se = (var_low / d.low.len().max(1) as f64 + var_high / d.high.len().max(1) as f64).sqrt();
                InputSensitivity {
                    input: self.names[j].clone(),
                    spearman: rho[j],
                    prcc: prcc.as_ref().map(|p| p[j]),
                    contribution_to_variance: if sum_sq > 0.0 {
                        rho[j] * rho[j] / sum_sq * rho[j].signum()
                    } else {
                        0.0
                    },
                    swing: mean_high - mean_low,
                    swing_se: se,
                    mean_low,
                    mean_high,
                    low_value: d.low_value,
                    high_value: d.high_value,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.swing
                .abs()
                .total_cmp(&a.swing.abs())
                .then_with(|| a.input.cmp(&b.input))
        });
        out
    }

    /// PRCC of every input from the inverse of the (k+1)² rank correlation matrix.
    fn prcc(&self, rho: &[f64]) -> Option<Vec<f64>> {
        let k = self.len();
        let mut m = DMatrix::identity(k + 1, k + 1);
        m.view_mut((0, 0), (k, k)).copy_from(&self.corr);
        for (j, r) in rho.iter().enumerate() {
            m[(j, k)] = *r;
            m[(k, j)] = *r;
        }
        let p = m.try_inverse()?;
        let pyy = p[(k, k)];
        (0..k)
            .map(|j| {
                let d = p[(j, j)] * pyy;
                (d > 0.0 && d.is_finite()).then(|| (-p[(j, k)] / d.sqrt()).clamp(-1.0, 1.0))
            })
            .collect()
    }
}

/// Mid-ranks (1-based; ties share the mean of their ranks).
pub fn mid_ranks(v: &[f64]) -> Vec<f64> {
    ranks_and_sorted(v).0
}

/// [`mid_ranks`] and the values in ascending total order (as [`crate::stats::describe::sorted`]
/// gives them: the same radix order), from one sort.
fn ranks_and_sorted(v: &[f64]) -> (Vec<f64>, Vec<f64>) {
    // A stable radix sort on the values' total order: ties stay in iteration order.
    let mut order: Vec<usize> = (0..v.len()).collect();
    radsort::sort_by_cached_key(&mut order, |&i| v[i]);
    let sorted: Vec<f64> = order.iter().map(|&i| v[i]).collect();
    let mut ranks = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && v[order[j + 1]] == v[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            ranks[o] = rank;
        }
        i = j + 1;
    }
    (ranks, sorted)
}

/// Pearson's correlation; 0 when either side is constant.
pub fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    if n < 2 {
        return 0.0;
    }
    let ma = a.iter().sum::<f64>() / n as f64;
    let mb = b.iter().sum::<f64>() / n as f64;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    if saa > 0.0 && sbb > 0.0 {
        (sab / (saa * sbb).sqrt()).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

/// Mean and sample variance (0 for fewer than two values).
fn mean_var(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut n, mut sum, mut sq) = (0usize, 0.0, 0.0);
    for v in values {
        n += 1;
        sum += v;
        sq += v * v;
    }
    if n == 0 {
        return (f64::NAN, 0.0);
    }
    let mean = sum / n as f64;
    let var = if n > 1 {
        ((sq - sum * mean) / (n - 1) as f64).max(0.0)
    } else {
        0.0
    };
    (mean, var)
}

/// The iterations at or below the 10% quantile and at or above the 90% quantile (type 7).
/// The deciles of `v`, whose values in ascending order are `sorted`.
fn deciles(v: &[f64], sorted: &[f64]) -> Deciles {
    let q = |p: f64| crate::stats::describe::quantile_sorted(sorted, p);
    let (low_value, high_value) = (q(0.1), q(0.9));
    Deciles {
        low: (0..v.len()).filter(|&i| v[i] <= low_value).collect(),
        high: (0..v.len()).filter(|&i| v[i] >= high_value).collect(),
        low_value,
        high_value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_ranks_share_ties() {
        assert_eq!(mid_ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
    }

    #[test]
    fn a_monotone_output_has_rank_correlation_one_and_the_exact_swing() {
        let x: Vec<f64> = (0..100).map(f64::from).collect();
        let noise: Vec<f64> = (0..100).map(|i| f64::from((i * 37) % 100)).collect();
        let y: Vec<f64> = x.iter().map(|v| 3.0 * v + 5.0).collect();
        let set = InputSet::new(vec![
            ("x".into(), x),
            ("noise".into(), noise),
            ("const".into(), vec![1.0; 100]),
        ]);
        assert_eq!(set.len(), 2, "the constant input is left out");
        let s = set.analyse(&y);
        assert_eq!(s[0].input, "x");
        assert!((s[0].spearman - 1.0).abs() < 1e-12);
        // Lowest decile: x ≤ 9.9 → 0..=9, mean 4.5; highest: x ≥ 89.1 → 90..=99, mean 94.5.
        assert!((s[0].swing - 3.0 * 90.0).abs() < 1e-9, "{}", s[0].swing);
        assert!((s[0].low_value - 9.9).abs() < 1e-9);
    }

    #[test]
    fn prcc_separates_an_input_from_one_it_is_correlated_with() {
        // y depends on a only; b is a + independent scatter: ρ(b, y) is high, PRCC(b) ≈ 0.
        let n: u64 = 2000;
        let seq = |m: u64| -> Vec<f64> { (0..n).map(|i| ((i * m) % n) as f64).collect() };
        let (a, e, f) = (seq(7919), seq(104_729), seq(15_485_863));
        let b: Vec<f64> = a.iter().zip(&e).map(|(a, e)| a + 0.5 * e).collect();
        let y: Vec<f64> = a.iter().zip(&f).map(|(a, f)| a + 0.05 * f).collect();
        let set = InputSet::new(vec![("a".into(), a), ("b".into(), b)]);
        let s = set.analyse(&y);
        let b = s.iter().find(|s| s.input == "b").unwrap();
        assert!(b.spearman > 0.7, "{}", b.spearman);
        assert!(b.prcc.unwrap().abs() < 0.1, "{:?}", b.prcc);
    }
}
