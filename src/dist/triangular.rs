//! The triangular law on [min, max] with its peak at the mode: closed-form quantile, cdf
//! and moments.

use super::params::{ParamError, check_mode, check_range, num};
use super::{Dist, Law};

impl Dist {
    /// Triangular on [min, max] with its peak at `mode`.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, ParamError> {
        check_range(min, max)?;
        check_mode(min, mode, max)?;
        let label = format!(
            "triangular(min {}, mode {}, max {})",
            num(min),
            num(mode),
            num(max)
        );
        let law = if min == max {
            Law::Constant(min)
        } else {
            Law::Triangular(Triangular::new(min, mode, max)?)
        };
        Ok(Dist::new("triangular", label, law))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Triangular {
    pub(super) min: f64,
    pub(super) mode: f64,
    pub(super) max: f64,
    pub(super) sampler: rand_distr::Triangular<f64>,
}

impl Triangular {
    fn new(min: f64, mode: f64, max: f64) -> Result<Self, ParamError> {
        let sampler = rand_distr::Triangular::new(min, max, mode).map_err(ParamError::internal)?;
        Ok(Triangular {
            min,
            mode,
            max,
            sampler,
        })
    }

    pub(super) fn quantile(&self, u: f64) -> f64 {
        let (a, c, b) = (self.min, self.mode, self.max);
        let x = if u * (b - a) < c - a {
            a + (u * (b - a) * (c - a)).sqrt()
        } else {
            b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
        };
        x.clamp(a, b)
    }

    pub(super) fn cdf(&self, x: f64) -> f64 {
        let (a, c, b) = (self.min, self.mode, self.max);
        if x <= a {
            0.0
        } else if x >= b {
            1.0
        } else if x <= c {
            (x - a).powi(2) / ((b - a) * (c - a))
        } else {
            1.0 - (b - x).powi(2) / ((b - a) * (b - c))
        }
    }

    pub(super) fn variance(&self) -> f64 {
        let (a, c, b) = (self.min, self.mode, self.max);
        (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0
    }
}
