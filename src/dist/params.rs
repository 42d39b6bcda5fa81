//! What can be wrong with one parameter: [`ParamError`], the checks every number of a
//! distribution table must pass, and [`num`], which writes numbers in messages and labels.

use std::fmt;

/// Largest beta/gamma shape parameter accepted: beyond it statrs' incomplete
/// beta and gamma functions lose accuracy (and such a narrow law is a normal).
const MAX_SHAPE: f64 = 1e5;
/// Smallest beta/gamma shape parameter accepted: below it the law puts all its mass at one
/// end, and statrs' incomplete beta function fails on it.
pub(super) const MIN_SHAPE: f64 = 1e-3;

/// What is wrong with one parameter of a distribution table.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    /// The key inside the table at fault (`"mode"`, `"dist"`, …), or `None`
    /// when the problem concerns the table as a whole.
    pub param: Option<String>,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl ParamError {
    pub(super) fn at(param: &str, message: impl Into<String>) -> Self {
        ParamError {
            param: Some(param.to_string()),
            message: message.into(),
        }
    }

    pub(super) fn whole(message: impl Into<String>) -> Self {
        ParamError {
            param: None,
            message: message.into(),
        }
    }

    /// An error of a dependency for inputs this module already validated.
    pub(super) fn internal(error: impl fmt::Display) -> Self {
        ParamError::whole(format!("internal error: {error}"))
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParamError {}

pub(super) fn finite(param: &str, v: f64) -> Result<f64, ParamError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!("`{param}` must be a finite number (got {})", num(v)),
        ))
    }
}

pub(super) fn positive(param: &str, v: f64) -> Result<f64, ParamError> {
    if finite(param, v)? > 0.0 {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!("`{param}` must be positive (got {})", num(v)),
        ))
    }
}

pub(super) fn non_negative(param: &str, v: f64) -> Result<f64, ParamError> {
    if finite(param, v)? >= 0.0 {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!("`{param}` must be zero or positive (got {})", num(v)),
        ))
    }
}

/// A shape parameter of a beta or gamma: between [`MIN_SHAPE`] and [`MAX_SHAPE`].
pub(super) fn shape_param(param: &str, v: f64) -> Result<f64, ParamError> {
    if positive(param, v)? < MIN_SHAPE {
        Err(ParamError::at(
            param,
            format!(
                "`{param}` must be at least {} (got {}); a law that skewed puts all its \
                 mass at one end: use a constant or a discrete law",
                num(MIN_SHAPE),
                num(v)
            ),
        ))
    } else if v <= MAX_SHAPE {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!(
                "`{param}` must be at most {} (got {}); a distribution that narrow \
                 is better written as a normal",
                num(MAX_SHAPE),
                num(v)
            ),
        ))
    }
}

/// PERT's λ: positive and at most [`MAX_SHAPE`] (the shapes it gives are at least 1).
pub(super) fn pert_lambda(v: f64) -> Result<f64, ParamError> {
    if positive("lambda", v)? <= MAX_SHAPE {
        Ok(v)
    } else {
        Err(ParamError::at(
            "lambda",
            format!(
                "`lambda` must be at most {} (got {}); a distribution that narrow is better \
                 written as a normal",
                num(MAX_SHAPE),
                num(v)
            ),
        ))
    }
}

/// `sd` of a mean/sd parametrization that implies a shape above [`MAX_SHAPE`].
pub(super) fn check_not_too_narrow(kind: &str, mean: f64, sd: f64, shape: f64) -> Result<(), ParamError> {
    if shape <= MAX_SHAPE {
        return Ok(());
    }
    Err(ParamError::at(
        "sd",
        format!(
            "`sd` ({}) is too small for `mean` ({}): the {kind} would need a shape \
             parameter of {}, above the {} that can be computed reliably; use a normal instead",
            num(sd),
            num(mean),
            num(shape),
            num(MAX_SHAPE)
        ),
    ))
}

pub(super) fn check_range(min: f64, max: f64) -> Result<(), ParamError> {
    finite("min", min)?;
    finite("max", max)?;
    check_order(min, max)
}

pub(super) fn check_order(min: f64, max: f64) -> Result<(), ParamError> {
    if min <= max {
        Ok(())
    } else {
        Err(ParamError::at(
            "min",
            format!("`min` ({}) must not exceed `max` ({})", num(min), num(max)),
        ))
    }
}

pub(super) fn check_mode(min: f64, mode: f64, max: f64) -> Result<(), ParamError> {
    if (min..=max).contains(&finite("mode", mode)?) {
        Ok(())
    } else {
        Err(ParamError::at(
            "mode",
            format!(
                "`mode` ({}) must lie between `min` ({}) and `max` ({})",
                num(mode),
                num(min),
                num(max)
            ),
        ))
    }
}

pub(super) fn check_weights(weights: &[f64], n: usize) -> Result<(), ParamError> {
    if weights.len() != n {
        return Err(ParamError::at(
            "weights",
            format!(
                "`weights` has {} entries but `values` has {n}; give one weight per value",
                weights.len()
            ),
        ));
    }
    if let Some(bad) = weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(ParamError::at(
            "weights",
            format!("`weights` must be zero or positive numbers (got {})", num(*bad)),
        ));
    }
    let total: f64 = weights.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err(ParamError::at(
            "weights",
            "`weights` must add up to a positive (finite) number",
        ));
    }
    Ok(())
}

/// A number for messages and descriptions: up to 6 significant digits,
/// no trailing zeros (`4`, `0.35`, `33.3333`, `1e-7`).
pub(super) fn num(x: f64) -> String {
    let magnitude = x.abs();
    if x == 0.0 {
        "0".to_string()
    } else if !(1e-4..1e15).contains(&magnitude) {
        format!("{x:e}")
    } else {
        let decimals = (5 - magnitude.log10().floor() as i32).max(0) as usize;
        let text = format!("{x:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Dist;
    use super::super::test_support::rng;
    use super::*;

    /// Found by the extreme-number property test: a beta with alpha = 5e-324 passed
    /// validation and panicked in statrs' incomplete beta function when drawn.
    #[test]
    fn shapes_too_small_to_draw_are_rejected() {
        for (err, param) in [
            (Dist::beta(5e-324, 6.0), "alpha"),
            (Dist::beta(3.0, 1e-4), "beta"),
            (Dist::gamma(5e-324, 1.0), "shape"),
        ] {
            let e = err.expect_err(param);
            assert_eq!(e.param.as_deref(), Some(param));
            assert!(e.message.contains("at least 0.001"), "{}", e.message);
        }
        assert!(Dist::beta_from_mean_sd(5e-324, 1e-170).is_err());
        // PERT's shapes are at least 1 whatever λ is, so a tiny λ stays allowed.
        assert!(Dist::pert(0.0, 0.5, 1.0, 5e-324).is_ok());
        assert!(Dist::gamma_from_mean_sd(1.0, 1e4).is_err());
        // The smallest accepted shape still draws.
        let d = Dist::beta(MIN_SHAPE, 6.0).unwrap();
        let mut r = rng(5);
        for _ in 0..1000 {
            let x = d.sample(&mut r);
            assert!((0.0..=1.0).contains(&x), "{x}");
        }
    }
}
