//! Helpers shared by the tests of the distribution modules: seeded streams, one case of every
//! law and parametrization, and the statistical checks that compare draws with a law.

use rand::{RngExt, SeedableRng};

use super::Dist;

const N: usize = 100_000;

pub(super) fn rng(seed: u64) -> crate::sim::rng::Stream {
    crate::sim::rng::Stream::seed_from_u64(seed)
}

/// Every distribution and parametrization, with both truncated-normal
/// sampling methods and both tails.
pub(super) fn cases() -> Vec<Dist> {
    [
        Dist::uniform(2.0, 5.0),
        Dist::triangular(1.0, 2.0, 6.0),
        Dist::triangular(0.0, 0.0, 1.0),
        Dist::pert(4.0, 6.0, 10.0, 4.0),
        Dist::pert(0.0, 9.0, 10.0, 2.5),
        Dist::normal(10.0, 2.0, None, None),
        Dist::normal(0.0, 1.0, Some(0.0), None),
        Dist::normal(5.0, 3.0, Some(0.0), Some(12.0)),
        Dist::normal(0.0, 1.0, Some(2.0), Some(4.0)),
        Dist::normal(0.0, 1.0, None, Some(-3.0)),
        Dist::lognormal(1.0, 0.5),
        Dist::lognormal_from_mean_sd(10.0, 3.0),
        Dist::lognormal_from_p5_p95(4.0, 18.0),
        Dist::beta(2.0, 5.0),
        Dist::beta(0.5, 0.5),
        Dist::beta_from_mean_sd(0.3, 0.1),
        Dist::gamma(2.0, 3.0),
        Dist::gamma(0.5, 2.0),
        Dist::gamma_from_mean_sd(6.0, 3.0),
        Dist::discrete(&[1.0, 2.0, 5.0], Some(&[1.0, 2.0, 1.0])),
        Dist::discrete(&[3.0, 1.0, 2.0], None),
        Dist::bernoulli(0.3),
    ]
    .into_iter()
    .map(|d| d.expect("valid test distribution"))
    .collect()
}

pub(super) fn is_continuous(d: &Dist) -> bool {
    !matches!(d.kind(), "discrete" | "bernoulli")
}

pub(super) fn direct_draws(d: &Dist, seed: u64) -> Vec<f64> {
    let mut r = rng(seed);
    (0..N).map(|_| d.sample(&mut r)).collect()
}

pub(super) fn inversion_draws(d: &Dist, seed: u64) -> Vec<f64> {
    let mut r = rng(seed);
    (0..N).map(|_| d.quantile(r.random::<f64>())).collect()
}

/// Whether sample mean and variance lie within 4 standard errors of the
/// given analytical values; the variance's standard error uses the
/// sample's fourth central moment.
pub(super) fn moments_agree(xs: &[f64], mean: f64, variance: f64) -> bool {
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    let central = |k: i32| xs.iter().map(|x| (x - m).powi(k)).sum::<f64>() / n;
    let var = central(2) * n / (n - 1.0);
    let se_mean = (variance / n).sqrt();
    let se_var = ((central(4) - var * var).max(0.0) / n).sqrt();
    (m - mean).abs() <= 4.0 * se_mean && (var - variance).abs() <= 4.0 * se_var
}

/// Two-sample Kolmogorov–Smirnov statistic (ties handled).
pub(super) fn ks_statistic(mut a: Vec<f64>, mut b: Vec<f64>) -> f64 {
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let (na, nb) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j, mut d) = (0, 0, 0.0_f64);
    while i < a.len() && j < b.len() {
        let x = a[i].min(b[j]);
        while i < a.len() && a[i] <= x {
            i += 1;
        }
        while j < b.len() && b[j] <= x {
            j += 1;
        }
        d = d.max((i as f64 / na - j as f64 / nb).abs());
    }
    d
}

/// KS critical value at the 0.001 level for two samples of N.
pub(super) fn ks_critical() -> f64 {
    1.95 * (2.0 / N as f64).sqrt()
}
