//! The lognormal law, given by mu and sigma, by its mean and sd, or by a 90% interval.

use super::numeric::{std_cdf, std_inv_cdf};
use super::params::{ParamError, finite, non_negative, num, positive};
use super::{Dist, Law};

/// Φ⁻¹(0.95): turns a 90% interval into a lognormal sigma.
const Z95: f64 = 1.644_853_626_951_472_2;

impl Dist {
    /// Lognormal: ln X is normal with mean `mu` and sd `sigma`.
    pub fn lognormal(mu: f64, sigma: f64) -> Result<Dist, ParamError> {
        finite("mu", mu)?;
        non_negative("sigma", sigma)?;
        let label = format!("lognormal(mu {}, sigma {})", num(mu), num(sigma));
        Dist::lognormal_labelled(mu, sigma, label)
    }

    /// Lognormal with the given mean and sd of the variable itself.
    pub fn lognormal_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, ParamError> {
        positive("mean", mean)?;
        non_negative("sd", sd)?;
        let var_log = (sd / mean).powi(2).ln_1p();
        let label = format!("lognormal(mean {}, sd {})", num(mean), num(sd));
        Dist::lognormal_labelled(mean.ln() - var_log / 2.0, var_log.sqrt(), label)
    }

    /// Lognormal whose 5th and 95th percentiles are `p5` and `p95`.
    pub fn lognormal_from_p5_p95(p5: f64, p95: f64) -> Result<Dist, ParamError> {
        positive("p5", p5)?;
        finite("p95", p95)?;
        if p5 >= p95 {
            return Err(ParamError::at(
                "p5",
                format!("`p5` ({}) must be less than `p95` ({})", num(p5), num(p95)),
            ));
        }
        let (lo, hi) = (p5.ln(), p95.ln());
        let label = format!("lognormal(p5 {}, p95 {})", num(p5), num(p95));
        Dist::lognormal_labelled((lo + hi) / 2.0, (hi - lo) / (2.0 * Z95), label)
    }

    fn lognormal_labelled(mu: f64, sigma: f64, label: String) -> Result<Dist, ParamError> {
        let law = if sigma == 0.0 {
            Law::Constant(mu.exp())
        } else {
            Law::LogNormal(LogNormal::new(mu, sigma)?)
        };
        Ok(Dist::new("lognormal", label, law))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct LogNormal {
    pub(super) mu: f64,
    pub(super) sigma: f64,
    pub(super) sampler: rand_distr::LogNormal<f64>,
}

impl LogNormal {
    fn new(mu: f64, sigma: f64) -> Result<Self, ParamError> {
        let sampler = rand_distr::LogNormal::new(mu, sigma).map_err(ParamError::internal)?;
        Ok(LogNormal { mu, sigma, sampler })
    }

    pub(super) fn quantile(&self, u: f64) -> f64 {
        (self.mu + self.sigma * std_inv_cdf(u)).exp()
    }

    pub(super) fn cdf(&self, x: f64) -> f64 {
        if x <= 0.0 {
            0.0
        } else {
            std_cdf((x.ln() - self.mu) / self.sigma)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lognormal_p5_p95_are_its_percentiles() {
        let d = Dist::lognormal_from_p5_p95(4.0, 18.0).unwrap();
        // 1e-9, not 1e-12: statrs' erfc, behind Φ, is accurate to about 1e-11.
        for (u, p) in [(0.05, 4.0), (0.95, 18.0)] {
            let q = d.quantile(u);
            assert!((q - p).abs() <= 1e-9 * p, "quantile({u}) = {q}");
        }
        assert_eq!(d.describe(), "lognormal(p5 4, p95 18)");
    }
}
