//! The value of information for the choice between the scenario's arrangements and "no
//! placement" (value 0): what it would be worth, in euros of the employer's NPV, to know the
//! future before choosing (EVPI), or to know one input (partial EVPI).
//!
//! - EVPI = E[max_d NB_d] − max_d E[NB_d], over the n iterations, with its Monte Carlo
//!   standard error sd(z)/√n where z_i = max_d NB_{d,i} − NB_{d*,i} and d* is the option with
//!   the highest mean.
//! - Partial EVPI of input x (Strong, Oakley & Brennan 2014, "Estimating multiparameter
//!   partial expected value of perfect information from a probabilistic sensitivity analysis
//!   sample: a nonparametric regression approach", Med. Decis. Making 34(3)): each option's
//!   NB is regressed on x, and the fitted values g_d(x_i) stand in for E[NB_d | x_i]:
//!   pEVPI = mean_i max_d g_d(x_i) − max_d mean_i g_d(x_i). The smoother here is a linear
//!   regression spline in the rank of x (piecewise linear, [`KNOTS`] − 1 interior knots at
//!   equal rank steps; [`KNOTS`] + 1 coefficients), fitted by least squares (the normal equations, pseudo-inverse), so it
//!   handles inputs with ties (a yes/no input is fitted exactly by its two group means).
//!   Bias: the fitted values carry noise of variance ≈ σ²_d·p/n (p coefficients); the max
//!   over options turns it into an upward bias of order σ·√(p/n) where the options are close
//!   (docs/sensitivity.md gives the figures). Its standard error is sd(z)/√n with
//!   z_i = max_d g_d(x_i) − g_{d*}(x_i), which leaves out the regression's own error.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

/// Equal rank steps of the regression spline (so `KNOTS − 1` interior knots).
pub const KNOTS: usize = 8;

/// A value of information with its Monte Carlo standard error, euros.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Value {
    pub value: f64,
    pub se: f64,
}

/// The overall EVPI of choosing among `options` (each one value per iteration, all of the same
/// length) and the option 0 ("no placement").
pub fn evpi(options: &[&[f64]]) -> Value {
    let n = options.first().map_or(0, |o| o.len());
    if n == 0 {
        return Value { value: 0.0, se: 0.0 };
    }
    let best = best_option(options);
    let z: Vec<f64> = (0..n)
        .map(|i| {
            let top = options.iter().map(|o| o[i]).fold(0.0, f64::max);
            top - best.map_or(0.0, |d| options[d][i])
        })
        .collect();
    mean_se(&z)
}

/// The partial EVPI of knowing `x` (one value per iteration) before choosing among `options`
/// and 0.
pub fn partial_evpi(x: &[f64], options: &[&[f64]]) -> Value {
    partial_evpi_of_ranks(&super::sensitivity::mid_ranks(x), options)
}

/// [`partial_evpi`] of the input whose mid-ranks ([`super::sensitivity::mid_ranks`]) are
/// `ranks`: the spline is in the rank, so ranks computed once serve every use.
pub fn partial_evpi_of_ranks(ranks: &[f64], options: &[&[f64]]) -> Value {
    let n = ranks.len();
    if n < 2 || options.is_empty() {
        return Value { value: 0.0, se: 0.0 };
    }
    // Least squares by the normal equations: the basis has a handful of columns, so XᵀX is a
    // small matrix that one pass over the iterations builds, where a decomposition of the
    // n-row basis would take several. Its pseudo-inverse (an SVD of the small matrix, singular
    // values below 10⁻¹² of the largest dropped) handles a basis of lower rank: an input with
    // few distinct values makes hinge columns equal or zero.
    let basis = spline_basis(ranks);
    let gram = basis.tr_mul(&basis).svd(true, true);
    let eps = 1e-12 * gram.singular_values.max();
    let fitted: Vec<Vec<f64>> = options
        .iter()
        .map(|o| {
            let y = DVector::from_column_slice(o);
            match gram.solve(&basis.tr_mul(&y), eps) {
                Ok(beta) => (&basis * beta).iter().copied().collect(),
                Err(_) => vec![y.mean(); n],
            }
        })
        .collect();
    let views: Vec<&[f64]> = fitted.iter().map(Vec::as_slice).collect();
    evpi(&views)
}

/// The option with the highest mean if that mean is above 0 ("no placement"), else `None`.
fn best_option(options: &[&[f64]]) -> Option<usize> {
    let mut best = None;
    let mut top = 0.0;
    for (d, o) in options.iter().enumerate() {
        let mean = o.iter().sum::<f64>() / o.len().max(1) as f64;
        if mean > top {
            top = mean;
            best = Some(d);
        }
    }
    best
}

fn mean_se(z: &[f64]) -> Value {
    let n = z.len() as f64;
    let mean = z.iter().sum::<f64>() / n;
    let var = if z.len() > 1 {
        z.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    Value {
        value: mean.max(0.0),
        se: (var / n).sqrt(),
    }
}

/// Columns 1, u, (u − k/KNOTS)₊ for k = 1 … KNOTS − 1, with u the mid-rank scaled to 0..1.
fn spline_basis(ranks: &[f64]) -> DMatrix<f64> {
    let n = ranks.len();
    let scale = (n as f64 - 1.0).max(1.0);
    DMatrix::from_fn(n, KNOTS + 1, |i, c| {
        let u = (ranks[i] - 1.0) / scale;
        match c {
            0 => 1.0,
            1 => u,
            k => (u - (k - 1) as f64 / KNOTS as f64).max(0.0),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evpi_is_zero_when_one_option_dominates_in_every_iteration() {
        let a: Vec<f64> = (0..500).map(|i| 100.0 + f64::from(i)).collect();
        let b: Vec<f64> = a.iter().map(|v| v - 10.0).collect();
        assert_eq!(evpi(&[&a, &b]).value, 0.0);
        assert_eq!(partial_evpi(&b, &[&a, &b]).value, 0.0);
    }

    #[test]
    fn evpi_of_a_binary_input_matches_the_hand_computed_value() {
        // x = 1 in 30% of iterations. A gives 1000 if x else −200; B gives 100 always.
        // Means: A = 0.3·1000 − 0.7·200 = 160, B = 100: A is chosen. Knowing x: 1000 when x,
        // else max(B, 0) = 100: 0.3·1000 + 0.7·100 = 370. EVPI = pEVPI(x) = 370 − 160 = 210.
        let x: Vec<f64> = (0..1000).map(|i| f64::from(u8::from(i % 10 < 3))).collect();
        let a: Vec<f64> = x.iter().map(|&x| if x > 0.0 { 1000.0 } else { -200.0 }).collect();
        let b = vec![100.0; 1000];
        let full = evpi(&[&a, &b]);
        assert!((full.value - 210.0).abs() < 1e-9, "{full:?}");
        let partial = partial_evpi(&x, &[&a, &b]);
        assert!((partial.value - 210.0).abs() < 1e-6, "{partial:?}");
    }

    #[test]
    fn no_placement_counts_as_an_option_worth_zero() {
        // One option, −50 or +50 half the time: its mean is 0 (not above no placement); with
        // perfect information one takes the +50 only: EVPI = 25.
        let a: Vec<f64> = (0..100).map(|i| if i % 2 == 0 { 50.0 } else { -50.0 }).collect();
        assert!((evpi(&[&a]).value - 25.0).abs() < 1e-9);
    }

    /// Standard normals from a fixed xorshift stream (Box–Muller), for the bias test.
    fn normals(n: usize, mut state: u64) -> Vec<f64> {
        let mut uniform = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        (0..n)
            .map(|_| {
                let (u, v) = (uniform(), uniform());
                (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
            })
            .collect()
    }

    /// Mean partial EVPI of an input without any effect (true value 0), two options of equal
    /// mean with residual sd 1000, over `reps` samples of `n` iterations.
    fn null_bias(n: usize, reps: u64) -> f64 {
        (0..reps)
            .map(|r| {
                let x = normals(n, 0x9E37_79B9 + r);
                let a: Vec<f64> = normals(n, 0x1234_5678 + r).iter().map(|z| 1000.0 * z).collect();
                let b: Vec<f64> = normals(n, 0xABCD_EF01 + r).iter().map(|z| 1000.0 * z).collect();
                partial_evpi(&x, &[&a, &b]).value
            })
            .sum::<f64>()
            / reps as f64
    }

    #[test]
    fn the_upward_bias_of_partial_evpi_is_small_and_falls_with_the_iterations() {
        // docs/sensitivity.md quotes these figures.
        // Theory for the worst case (equal means): about φ(0)·σ_Δ·√(p/n), σ_Δ = √2·1000, p = 9:
        // € 76 at 500 iterations, € 38 at 2,000.
        let (small, large) = (null_bias(500, 20), null_bias(2000, 20));
        assert!(small > 20.0 && small < 110.0, "{small}");
        assert!(large < 0.75 * small, "{large} vs {small}");
        assert!(large > 10.0 && large < 55.0, "{large}");
        if std::env::var("INCLUSIM_PRINT_BIAS").is_ok() {
            eprintln!(
                "bias: n=500 {small:.1}, n=2000 {large:.1}, n=20000 {:.1}",
                null_bias(20_000, 5)
            );
        }
    }
}
