//! The normal law, optionally truncated to [min, max]: sampled directly, by rejection or by
//! inversion depending on how much probability the bounds keep.

use rand_distr::{Distribution, Open01};

use super::numeric::{std_cdf, std_inv_cdf, std_inv_sf, std_pdf, std_sf, z_pdf};
use super::params::{ParamError, check_order, finite, non_negative, num};
use super::{Dist, Law};

/// The standard normal's 95th percentile: a 90% interval is mean ± Z95 · sd.
const Z95: f64 = 1.644_853_626_951_472_2;

/// A truncated normal keeping at least this share of the probability is
/// sampled by rejection from the full normal; narrower ones by inversion.
const REJECTION_MIN_MASS: f64 = 0.25;

impl Dist {
    /// Normal, optionally truncated to [min, max]; sd = 0 is a constant
    /// (the mean, clamped to the bounds), as is min == max.
    /// A normal given by its 90% interval, as an adviser says it ("between 4 and 10 in 9 of
    /// 10 cases"): mean (p5 + p95) / 2 and sd (p95 − p5) / (2 · 1.645), before any
    /// truncation by `min`/`max`.
    pub fn normal_from_p5_p95(
        p5: f64,
        p95: f64,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Result<Dist, ParamError> {
        finite("p5", p5)?;
        finite("p95", p95)?;
        if p5 >= p95 {
            return Err(ParamError::at(
                "p5",
                format!("`p5` ({}) must be less than `p95` ({})", num(p5), num(p95)),
            ));
        }
        Dist::normal((p5 + p95) / 2.0, (p95 - p5) / (2.0 * Z95), min, max)
    }

    pub fn normal(mean: f64, sd: f64, min: Option<f64>, max: Option<f64>) -> Result<Dist, ParamError> {
        finite("mean", mean)?;
        non_negative("sd", sd)?;
        let lo = min.map(|v| finite("min", v)).transpose()?;
        let hi = max.map(|v| finite("max", v)).transpose()?;
        let (lo, hi) = (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY));
        check_order(lo, hi)?;
        let mut label = format!("normal(mean {}, sd {}", num(mean), num(sd));
        for (key, bound) in [("min", min), ("max", max)] {
            if let Some(b) = bound {
                label += &format!(", {key} {}", num(b));
            }
        }
        label += ")";
        let law = if sd == 0.0 {
            Law::Constant(mean.clamp(lo, hi))
        } else if lo == hi {
            Law::Constant(lo)
        } else {
            Law::Normal(TruncNormal::new(mean, sd, lo, hi)?)
        };
        Ok(Dist::new("normal", label, law))
    }
}

/// A normal truncated to [min, max] (bounds may be infinite).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TruncNormal {
    pub(super) mean: f64,
    pub(super) sd: f64,
    pub(super) min: f64,
    pub(super) max: f64,
    /// The bounds standardized: (min − mean) / sd and (max − mean) / sd.
    lo_z: f64,
    hi_z: f64,
    /// Work with upper-tail probabilities (the interval lies above the mean),
    /// which keeps full precision far out in that tail.
    upper: bool,
    /// Φ(lo_z), or 1 − Φ(lo_z) when `upper`.
    p_lo: f64,
    /// Probability of [min, max] under the untruncated normal.
    mass: f64,
    pub(super) how: NormalSampling,
    sampler: rand_distr::Normal<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum NormalSampling {
    Direct,
    Rejection,
    Inversion,
}

impl TruncNormal {
    fn new(mean: f64, sd: f64, min: f64, max: f64) -> Result<Self, ParamError> {
        let (lo_z, hi_z) = ((min - mean) / sd, (max - mean) / sd);
        let upper = lo_z > 0.0;
        let (p_lo, mass) = if upper {
            (std_sf(lo_z), std_sf(lo_z) - std_sf(hi_z))
        } else {
            (std_cdf(lo_z), std_cdf(hi_z) - std_cdf(lo_z))
        };
        if mass.is_nan() || mass < f64::MIN_POSITIVE {
            return Err(ParamError::whole(format!(
                "the bounds min {} and max {} hold practically none of the probability \
                 of a normal with mean {} and sd {}; widen them or move the mean",
                num(min),
                num(max),
                num(mean),
                num(sd)
            )));
        }
        let how = if min == f64::NEG_INFINITY && max == f64::INFINITY {
            NormalSampling::Direct
        } else if mass >= REJECTION_MIN_MASS {
            NormalSampling::Rejection
        } else {
            NormalSampling::Inversion
        };
        let sampler = rand_distr::Normal::new(mean, sd).map_err(ParamError::internal)?;
        Ok(TruncNormal {
            mean,
            sd,
            min,
            max,
            lo_z,
            hi_z,
            upper,
            p_lo,
            mass,
            how,
            sampler,
        })
    }

    pub(super) fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self.how {
            NormalSampling::Direct => self.sampler.sample(rng),
            NormalSampling::Rejection => loop {
                let x = self.sampler.sample(rng);
                if self.min <= x && x <= self.max {
                    return x;
                }
            },
            NormalSampling::Inversion => self.quantile(Open01.sample(rng)),
        }
    }

    pub(super) fn quantile(&self, u: f64) -> f64 {
        let z = if self.upper {
            std_inv_sf(self.p_lo - u * self.mass)
        } else {
            std_inv_cdf(self.p_lo + u * self.mass)
        };
        (self.mean + self.sd * z).clamp(self.min, self.max)
    }

    pub(super) fn cdf(&self, x: f64) -> f64 {
        if x <= self.min {
            return 0.0;
        }
        if x >= self.max {
            return 1.0;
        }
        let z = (x - self.mean) / self.sd;
        let p = if self.upper {
            (self.p_lo - std_sf(z)) / self.mass
        } else {
            (std_cdf(z) - self.p_lo) / self.mass
        };
        p.clamp(0.0, 1.0)
    }

    /// (φ(a) − φ(b)) / Z, the standardized mean shift.
    fn shift(&self) -> f64 {
        (std_pdf(self.lo_z) - std_pdf(self.hi_z)) / self.mass
    }

    pub(super) fn mean(&self) -> f64 {
        self.mean + self.sd * self.shift()
    }

    pub(super) fn variance(&self) -> f64 {
        let tilt = (z_pdf(self.lo_z) - z_pdf(self.hi_z)) / self.mass;
        self.sd * self.sd * (1.0 + tilt - self.shift().powi(2))
    }
}
