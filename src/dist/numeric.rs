//! Numerical building blocks of the laws: the standard normal density, cdf and their
//! inverses, and a bracketed Newton solver for quantiles.

use std::f64::consts::{PI, SQRT_2};

use statrs::function::erf::{erfc, erfc_inv};

/// Iteration cap of the numerical quantile solver (it converges in far fewer).
pub(super) const MAX_SOLVER_STEPS: usize = 300;

/// Standard normal density.
pub(super) fn std_pdf(z: f64) -> f64 {
    (-z * z / 2.0).exp() / (2.0 * PI).sqrt()
}

/// z·φ(z), taken as 0 at ±∞.
pub(super) fn z_pdf(z: f64) -> f64 {
    if z.is_finite() { z * std_pdf(z) } else { 0.0 }
}

/// Φ(z), accurate in the lower tail.
pub(super) fn std_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / SQRT_2)
}

/// 1 − Φ(z), accurate in the upper tail.
pub(super) fn std_sf(z: f64) -> f64 {
    0.5 * erfc(z / SQRT_2)
}

/// Φ⁻¹(p). statrs' erfc is accurate to about 1e-11 only, so the result of
/// its inverse is polished to invert [`std_cdf`] exactly.
pub(super) fn std_inv_cdf(p: f64) -> f64 {
    let z = -SQRT_2 * erfc_inv(2.0 * p);
    newton_step(z, std_cdf(z) - p)
}

/// Q⁻¹(q) for Q = 1 − Φ, polished like [`std_inv_cdf`].
pub(super) fn std_inv_sf(q: f64) -> f64 {
    let z = SQRT_2 * erfc_inv(2.0 * q);
    newton_step(z, q - std_sf(z))
}

/// One Newton step on z for an error `excess` whose derivative is φ(z).
fn newton_step(z: f64, excess: f64) -> f64 {
    let step = excess / std_pdf(z);
    if step.is_finite() { z - step } else { z }
}

/// Solves cdf(x) = u on a bracket whose ends have cdf below and above u:
/// Newton steps, with bisection whenever a step is not finite or leaves the
/// bracket. Always terminates.
pub(super) fn solve_cdf(
    cdf: impl Fn(f64) -> f64,
    pdf: impl Fn(f64) -> f64,
    u: f64,
    (mut lo, mut hi): (f64, f64),
    start: f64,
) -> f64 {
    let mut x = start;
    for _ in 0..MAX_SOLVER_STEPS {
        let f = cdf(x) - u;
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - f / pdf(x);
        let next = if newton > lo && newton < hi {
            newton
        } else {
            lo + (hi - lo) / 2.0
        };
        if (next - x).abs() <= 4.0 * f64::EPSILON * x.abs() {
            return next;
        }
        x = next;
    }
    x
}
