//! The beta law stretched onto [min, max], behind both `beta` and `pert`: its
//! parametrizations and its inverse cdf, tabulated once per law against the normal score.

use std::fmt;
use std::sync::OnceLock;

use rand_distr::{Distribution, StandardNormal};
use statrs::distribution::{Continuous, ContinuousCDF};

use super::numeric::{solve_cdf, std_cdf, std_inv_cdf, std_pdf, std_sf};
use super::params::{
    MIN_SHAPE, ParamError, check_mode, check_not_too_narrow, check_range, finite, non_negative, num,
    pert_lambda, shape_param,
};
use super::{DEFAULT_PERT_LAMBDA, Dist, Law};

impl Dist {
    /// Beta-PERT on [min, max] with its peak at `mode`; `lambda` (usually 4)
    /// sets how strongly the mass concentrates around the mode.
    pub fn pert(min: f64, mode: f64, max: f64, lambda: f64) -> Result<Dist, ParamError> {
        check_range(min, max)?;
        check_mode(min, mode, max)?;
        // α and β are 1 + λ·(share of the range) ≥ 1, so a small λ is harmless.
        pert_lambda(lambda)?;
        let mut label = format!("PERT(min {}, mode {}, max {}", num(min), num(mode), num(max));
        if lambda != DEFAULT_PERT_LAMBDA {
            label += &format!(", lambda {}", num(lambda));
        }
        label += ")";
        let law = if min == max {
            Law::Constant(min)
        } else {
            let range = max - min;
            let alpha = 1.0 + lambda * (mode - min) / range;
            let beta = 1.0 + lambda * (max - mode) / range;
            Law::ScaledBeta(ScaledBeta::new(min, max, alpha, beta)?)
        };
        Ok(Dist::new("pert", label, law))
    }

    /// Beta on [0, 1] with shape parameters `alpha` and `beta`.
    pub fn beta(alpha: f64, beta: f64) -> Result<Dist, ParamError> {
        shape_param("alpha", alpha)?;
        shape_param("beta", beta)?;
        let label = format!("beta(alpha {}, beta {})", num(alpha), num(beta));
        let law = Law::ScaledBeta(ScaledBeta::new(0.0, 1.0, alpha, beta)?);
        Ok(Dist::new("beta", label, law))
    }

    /// Beta on [0, 1] with the given mean and sd (sd² < mean·(1 − mean));
    /// sd = 0 is a constant.
    pub fn beta_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, ParamError> {
        if !(finite("mean", mean)? > 0.0 && mean < 1.0) {
            return Err(ParamError::at(
                "mean",
                format!(
                    "`mean` of a beta must lie strictly between 0 and 1 (got {})",
                    num(mean)
                ),
            ));
        }
        non_negative("sd", sd)?;
        let spread = mean * (1.0 - mean);
        if sd * sd >= spread {
            return Err(ParamError::at(
                "sd",
                format!(
                    "`sd` ({}) is too large for `mean` ({}): a beta with that mean \
                     needs sd below {}",
                    num(sd),
                    num(mean),
                    num(spread.sqrt())
                ),
            ));
        }
        let label = format!("beta(mean {}, sd {})", num(mean), num(sd));
        let law = if sd == 0.0 {
            Law::Constant(mean)
        } else {
            let nu = spread / (sd * sd) - 1.0;
            let (alpha, beta) = (mean * nu, (1.0 - mean) * nu);
            check_not_too_narrow("beta", mean, sd, alpha.max(beta))?;
            if alpha.min(beta) < MIN_SHAPE {
                return Err(ParamError::whole(format!(
                    "`mean` {} and `sd` {} make a beta with a shape below {}, which puts all \
                     its mass at one end; use a smaller `sd` or a discrete law",
                    num(mean),
                    num(sd),
                    num(MIN_SHAPE)
                )));
            }
            Law::ScaledBeta(ScaledBeta::new(0.0, 1.0, alpha, beta)?)
        };
        Ok(Dist::new("beta", label, law))
    }
}

/// The inverse-cdf table of a beta law spans normal scores −`SCORE_RANGE` ..= `SCORE_RANGE`
/// (probabilities 6e-16 to 1 − 6e-16) in `SCORE_INTERVALS` equal steps.
const SCORE_RANGE: f64 = 8.0;
const SCORE_INTERVALS: usize = 2048;
/// Largest interpolation error of the inverse-cdf table, on the unit scale, checked at the
/// middle of every interval against the exact solve; intervals above it are solved exactly.
const BETA_TABLE_TOLERANCE: f64 = 1e-10;

/// A beta law stretched onto [min, max] (the beta itself, and PERT).
///
/// Draws and quantiles both go through the inverse cdf: the incomplete beta function is far
/// too slow to solve on every draw (the copula needs a quantile per correlated input and
/// iteration), so the unit quantile is tabulated once per law ([`InverseTable`]) and
/// interpolated.
#[derive(Debug, Clone)]
pub(super) struct ScaledBeta {
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) alpha: f64,
    pub(super) beta: f64,
    law: statrs::distribution::Beta,
    /// ln B(α, β).
    ln_norm: f64,
    /// Built on first use: validating a scenario never needs it.
    table: OnceLock<InverseTable>,
}

impl PartialEq for ScaledBeta {
    fn eq(&self, other: &Self) -> bool {
        (self.min, self.max, self.alpha, self.beta) == (other.min, other.max, other.alpha, other.beta)
    }
}

/// The unit quantile of a beta law as a function of the normal score, Q(Φ(z)), at equal
/// steps of z, with its exact slope φ(z) / pdf(Q), interpolated by cubic Hermite polynomials.
///
/// Against u the quantile is singular at both ends (it behaves like u^(1/α) near 0), which
/// no polynomial follows; against z it is smooth over the whole range, for wide and narrow
/// laws alike. Every interval is checked at its midpoint against the exact solve when the
/// table is built; an interval that misses `BETA_TABLE_TOLERANCE`, and scores beyond the
/// range, are solved exactly on every call.
#[derive(Clone)]
struct InverseTable {
    /// Q at the knots z_k = −SCORE_RANGE + k · step.
    value: Vec<f64>,
    /// step · dQ/dz at the knots.
    slope: Vec<f64>,
    /// Intervals solved exactly.
    exact: Vec<bool>,
}

/// A summary: the knots themselves would flood any message that prints a distribution.
impl fmt::Debug for InverseTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InverseTable")
            .field("intervals", &self.exact.len())
            .field("exact_intervals", &self.exact.iter().filter(|&&e| e).count())
            .finish()
    }
}

/// Knot spacing of the inverse-cdf table, in normal scores.
const SCORE_STEP: f64 = 2.0 * SCORE_RANGE / SCORE_INTERVALS as f64;

impl InverseTable {
    /// The interpolated value in interval i at position s, kept between the knot values.
    #[inline]
    fn interpolate(&self, i: usize, s: f64) -> f64 {
        let (v0, v1) = (self.value[i], self.value[i + 1]);
        let (m0, m1) = (self.slope[i], self.slope[i + 1]);
        let s2 = s * s;
        let s3 = s2 * s;
        let v = (2.0 * s3 - 3.0 * s2 + 1.0) * v0
            + (s3 - 2.0 * s2 + s) * m0
            + (3.0 * s2 - 2.0 * s3) * v1
            + (s3 - s2) * m1;
        v.clamp(v0, v1)
    }
}

impl ScaledBeta {
    fn new(min: f64, max: f64, alpha: f64, beta: f64) -> Result<Self, ParamError> {
        Ok(ScaledBeta {
            min,
            max,
            alpha,
            beta,
            law: statrs::distribution::Beta::new(alpha, beta).map_err(ParamError::internal)?,
            ln_norm: statrs::function::beta::ln_beta(alpha, beta),
            table: OnceLock::new(),
        })
    }

    fn unit_quantile(&self, u: f64, bracket: (f64, f64), start: f64) -> f64 {
        solve_cdf(|x| self.law.cdf(x), |x| self.law.pdf(x), u, bracket, start)
    }

    /// The exact unit quantile at normal score z within `bracket`; the upper half is solved
    /// on the survival function, which keeps its precision where Φ(z) rounds to 1.
    fn unit_at_score_exact(&self, z: f64, bracket: (f64, f64), start: f64) -> f64 {
        if z <= 0.0 {
            self.unit_quantile(std_cdf(z), bracket, start)
        } else {
            // cdf(x) − Φ(z) = (1 − Φ(z)) − sf(x).
            solve_cdf(
                |x| -self.law.sf(x),
                |x| self.law.pdf(x),
                -std_sf(z),
                bracket,
                start,
            )
        }
    }

    /// cdf(x) − Φ(z), formed from the survival functions in the upper half where Φ(z)
    /// rounds towards 1.
    fn score_residual(&self, z: f64, x: f64) -> f64 {
        if z <= 0.0 {
            self.law.cdf(x) - std_cdf(z)
        } else {
            std_sf(z) - self.law.sf(x)
        }
    }

    /// The beta density at x, from the precomputed normalizer (statrs recomputes it each call).
    fn density(&self, x: f64) -> f64 {
        ((self.alpha - 1.0) * x.ln() + (self.beta - 1.0) * (-x).ln_1p() - self.ln_norm).exp()
    }

    /// The unit quantile at normal score z by Newton from a close `start` inside `bracket`,
    /// stopping once a step is below 1e-9 of x (convergence is quadratic, so the error left
    /// is far below the table's tolerance); the bracketed solver when Newton misbehaves.
    fn polish(&self, z: f64, start: f64, bracket: (f64, f64)) -> f64 {
        let mut x = start;
        for _ in 0..8 {
            let step = self.score_residual(z, x) / self.density(x);
            let next = x - step;
            if !(next.is_finite() && bracket.0 <= next && next <= bracket.1) {
                break;
            }
            if step.abs() <= 1e-9 * next.abs() {
                return next;
            }
            x = next;
        }
        self.unit_at_score_exact(z, bracket, start.clamp(bracket.0, bracket.1))
    }

    fn build_table(&self) -> InverseTable {
        let n = SCORE_INTERVALS;
        let z_at = |k: f64| -SCORE_RANGE + k * SCORE_STEP;
        let mut value = Vec::with_capacity(n + 1);
        let mut slope = Vec::with_capacity(n + 1);
        // Each knot starts Newton from the previous knot's tangent, so two steps suffice.
        let (mut x, mut m) = (0.0, f64::NAN);
        for k in 0..=n {
            let z = z_at(k as f64);
            x = if m.is_finite() && m > 0.0 {
                // The solver's last bit can go either way next to a bound; the knots must not.
                self.polish(z, (x + m).min(1.0), (x, 1.0)).max(x)
            } else {
                self.unit_at_score_exact(z, (x, 1.0), (x + 1.0) / 2.0).max(x)
            };
            m = SCORE_STEP * std_pdf(z) / self.density(x);
            value.push(x);
            slope.push(m);
        }
        let mut table = InverseTable {
            value,
            slope,
            exact: vec![false; n],
        };
        // The error of x is the residual over the density, to first order.
        for i in 0..n {
            let approx = table.interpolate(i, 0.5);
            let error = self.score_residual(z_at(i as f64 + 0.5), approx) / self.density(approx);
            table.exact[i] = error.is_nan() || error.abs() > BETA_TABLE_TOLERANCE;
        }
        table
    }

    /// The unit quantile at normal score z: Q(Φ(z)).
    #[inline]
    fn unit_at_score(&self, z: f64) -> f64 {
        let t = self.table.get_or_init(|| self.build_table());
        let x = (z + SCORE_RANGE) * (1.0 / SCORE_STEP);
        if !(0.0..SCORE_INTERVALS as f64).contains(&x) {
            return if z.is_nan() {
                f64::NAN
            } else {
                self.unit_at_score_exact(z, (0.0, 1.0), 0.5)
            };
        }
        let i = x as usize;
        if t.exact[i] {
            let (lo, hi) = (t.value[i], t.value[i + 1]);
            self.unit_at_score_exact(z, (lo, hi), (lo + hi) / 2.0)
        } else {
            t.interpolate(i, x - i as f64)
        }
    }

    /// The quantile at normal score z.
    #[inline]
    pub(super) fn at_score(&self, z: f64) -> f64 {
        (self.min + (self.max - self.min) * self.unit_at_score(z)).clamp(self.min, self.max)
    }

    /// A draw: the quantile at a standard normal score.
    pub(super) fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.at_score(StandardNormal.sample(rng))
    }

    // statrs' own Beta::inverse_cdf panics for tiny u, hence the table and solver.
    pub(super) fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(0.0, 1.0);
        let z = if u <= 0.5 {
            std_inv_cdf(u)
        } else {
            -std_inv_cdf(1.0 - u)
        };
        self.at_score(z)
    }

    pub(super) fn cdf(&self, x: f64) -> f64 {
        self.law.cdf((x - self.min) / (self.max - self.min))
    }

    pub(super) fn variance(&self) -> f64 {
        let (a, b) = (self.alpha, self.beta);
        (self.max - self.min).powi(2) * a * b / ((a + b).powi(2) * (a + b + 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_table_matches_the_exact_solve() {
        // PERT shapes (λ = 4: α, β in [1, 5]), a flat one, densities infinite at a bound, a
        // narrow one.
        let shapes = [
            (7.0 / 3.0, 11.0 / 3.0),
            (1.0, 1.0),
            (1.04, 4.96),
            (4.96, 1.04),
            (0.5, 0.5),
            (0.3, 2.0),
            (2.0, 0.7),
            (60.0, 40.0),
        ];
        for (alpha, beta) in shapes {
            let b = ScaledBeta::new(0.0, 1.0, alpha, beta).unwrap();
            let tails = (1..200).flat_map(|k| {
                let u = 10f64.powf(-12.0 + f64::from(k) * 0.05);
                [u, 1.0 - u]
            });
            for u in (1..20_000).map(|k| f64::from(k) / 20_000.0 + 1.3e-6).chain(tails) {
                let exact = b.unit_quantile(u, (0.0, 1.0), 0.5);
                let fast = b.quantile(u);
                // Far in a tail u itself is the limit: there any x whose cdf is u will do.
                assert!(
                    (fast - exact).abs() <= 1e-10 || (b.law.cdf(fast) - u).abs() <= 1e-15,
                    "beta({alpha}, {beta}) at u {u}: table {fast}, exact {exact}"
                );
            }
            // The table carries these shapes on its own: no interval falls back to the solver.
            let exact_intervals = b.table.get().unwrap().exact.iter().filter(|&&e| e).count();
            assert_eq!(exact_intervals, 0, "beta({alpha}, {beta})");
        }
    }
}
