//! The gamma law, given by shape and scale or by its mean and sd; its quantile is solved
//! numerically.

use statrs::distribution::{Continuous, ContinuousCDF};

use super::numeric::{MAX_SOLVER_STEPS, solve_cdf};
use super::params::{MIN_SHAPE, ParamError, check_not_too_narrow, non_negative, num, positive, shape_param};
use super::{Dist, Law};

impl Dist {
    /// Gamma with the given shape and scale (mean = shape · scale).
    pub fn gamma(shape: f64, scale: f64) -> Result<Dist, ParamError> {
        shape_param("shape", shape)?;
        positive("scale", scale)?;
        let label = format!("gamma(shape {}, scale {})", num(shape), num(scale));
        Ok(Dist::new(
            "gamma",
            label,
            Law::Gamma(GammaLaw::new(shape, scale)?),
        ))
    }

    /// Gamma with the given mean and sd; sd = 0 is a constant.
    pub fn gamma_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, ParamError> {
        positive("mean", mean)?;
        non_negative("sd", sd)?;
        let label = format!("gamma(mean {}, sd {})", num(mean), num(sd));
        let law = if sd == 0.0 {
            Law::Constant(mean)
        } else {
            let shape = (mean / sd).powi(2);
            check_not_too_narrow("gamma", mean, sd, shape)?;
            if shape < MIN_SHAPE {
                return Err(ParamError::whole(format!(
                    "`mean` {} and `sd` {} make a gamma with a shape below {}; use a \
                     smaller `sd`",
                    num(mean),
                    num(sd),
                    num(MIN_SHAPE)
                )));
            }
            Law::Gamma(GammaLaw::new(shape, sd * sd / mean)?)
        };
        Ok(Dist::new("gamma", label, law))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct GammaLaw {
    pub(super) shape: f64,
    pub(super) scale: f64,
    pub(super) sampler: rand_distr::Gamma<f64>,
    /// The same shape with scale 1.
    unit: statrs::distribution::Gamma,
}

impl GammaLaw {
    fn new(shape: f64, scale: f64) -> Result<Self, ParamError> {
        Ok(GammaLaw {
            shape,
            scale,
            sampler: rand_distr::Gamma::new(shape, scale).map_err(ParamError::internal)?,
            unit: statrs::distribution::Gamma::new(shape, 1.0).map_err(ParamError::internal)?,
        })
    }

    // statrs' own Gamma::inverse_cdf is wrong for small shapes, hence the solver.
    pub(super) fn quantile(&self, u: f64) -> f64 {
        let mut hi = self.shape.max(1.0);
        for _ in 0..MAX_SOLVER_STEPS {
            if self.unit.cdf(hi) >= u {
                break;
            }
            hi *= 2.0;
        }
        let start = self.shape.min(hi / 2.0);
        self.scale * solve_cdf(|x| self.unit.cdf(x), |x| self.unit.pdf(x), u, (0.0, hi), start)
    }

    pub(super) fn cdf(&self, x: f64) -> f64 {
        self.unit.cdf(x / self.scale)
    }
}
