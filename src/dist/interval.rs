//! Triangular and PERT given as an adviser says them: a most likely value and a 90% interval
//! ("most likely 6, and in 9 of 10 cases between 4 and 10"). The bounds `min` and `max` are
//! solved numerically so that the law's 5th and 95th percentiles are the given `p5` and `p95`.
//!
//! Both laws are fixed, up to a shift and a scale, by where the mode lies in the range,
//! r = (mode − min)/(max − min). For a given r the distances of the two percentiles from the
//! mode are d5(r)·W and d95(r)·W with W = max − min; d5 grows and d95 shrinks with r, so the
//! ratio (mode − p5)/(p95 − mode) fixes r (found by bisection) and then p95 − p5 fixes W.

use statrs::distribution::{Beta, Continuous, ContinuousCDF};

use super::numeric::solve_cdf;
use super::params::{ParamError, finite, num, pert_lambda};
use super::{DEFAULT_PERT_LAMBDA, Dist};

/// Bisection steps on r: far more than the 52 that exhaust an f64 on (0, 1).
const BISECTION_STEPS: usize = 200;

impl Dist {
    /// Triangular with its peak at `mode` whose 5th and 95th percentiles are `p5` and `p95`;
    /// p5 < mode < p95.
    pub fn triangular_from_p5_p95(p5: f64, mode: f64, p95: f64) -> Result<Dist, ParamError> {
        check_interval(p5, mode, p95)?;
        // For r in [0.05, 0.95] both percentiles lie on the side of the mode where the cdf
        // is quadratic, so their unit-scale offsets from the mode have a closed form.
        let offsets = |r: f64| (r - (0.05 * r).sqrt(), (1.0 - r) - (0.05 * (1.0 - r)).sqrt());
        let (min, max) = solve_bounds(p5, mode, p95, (0.05, 0.95), offsets);
        let d = Dist::triangular(min, mode, max)?;
        let label = format!(
            "triangular(p5 {}, mode {}, p95 {}: min {}, max {})",
            num(p5),
            num(mode),
            num(p95),
            num(min),
            num(max)
        );
        Ok(Dist { label, ..d })
    }

    /// Beta-PERT with its peak at `mode` and shape `lambda` whose 5th and 95th percentiles are
    /// `p5` and `p95`; p5 < mode < p95.
    pub fn pert_from_p5_p95(p5: f64, mode: f64, p95: f64, lambda: f64) -> Result<Dist, ParamError> {
        check_interval(p5, mode, p95)?;
        pert_lambda(lambda)?;
        let offsets = |r: f64| {
            let (alpha, beta) = (1.0 + lambda * r, 1.0 + lambda * (1.0 - r));
            (
                r - unit_beta_quantile(alpha, beta, 0.05),
                unit_beta_quantile(alpha, beta, 0.95) - r,
            )
        };
        let (min, max) = solve_bounds(p5, mode, p95, (0.0, 1.0), offsets);
        let d = Dist::pert(min, mode, max, lambda)?;
        let mut label = format!("PERT(p5 {}, mode {}, p95 {}", num(p5), num(mode), num(p95));
        if lambda != DEFAULT_PERT_LAMBDA {
            label += &format!(", lambda {}", num(lambda));
        }
        label += &format!(": min {}, max {})", num(min), num(max));
        Ok(Dist { label, ..d })
    }
}

/// p5 < mode < p95, all finite; the message says what is allowed.
fn check_interval(p5: f64, mode: f64, p95: f64) -> Result<(), ParamError> {
    finite("p5", p5)?;
    finite("mode", mode)?;
    finite("p95", p95)?;
    if p5 >= p95 {
        return Err(ParamError::at(
            "p5",
            format!("`p5` ({}) must be less than `p95` ({})", num(p5), num(p95)),
        ));
    }
    if !(p5 < mode && mode < p95) {
        return Err(ParamError::at(
            "mode",
            format!(
                "`mode` ({}) must lie strictly between `p5` ({}) and `p95` ({}): the most \
                 likely value is inside the 90% interval",
                num(mode),
                num(p5),
                num(p95)
            ),
        ));
    }
    Ok(())
}

/// The bounds (min, max) whose law has percentiles p5 and p95, given the unit-scale offsets
/// (mode − p5, p95 − mode) as a function of r on `bracket`, where mode − p5 − ρ·(p95 − mode)
/// runs from negative to positive.
fn solve_bounds(
    p5: f64,
    mode: f64,
    p95: f64,
    (mut lo, mut hi): (f64, f64),
    offsets: impl Fn(f64) -> (f64, f64),
) -> (f64, f64) {
    let ratio = (mode - p5) / (p95 - mode);
    for _ in 0..BISECTION_STEPS {
        let r = lo + (hi - lo) / 2.0;
        if r <= lo || r >= hi {
            break;
        }
        let (d5, d95) = offsets(r);
        if d5 - ratio * d95 < 0.0 {
            lo = r;
        } else {
            hi = r;
        }
    }
    let r = lo + (hi - lo) / 2.0;
    let (d5, d95) = offsets(r);
    let width = (p95 - p5) / (d5 + d95);
    (mode - r * width, mode + (1.0 - r) * width)
}

/// The u-quantile of a beta(α, β) on [0, 1], solved to full precision.
fn unit_beta_quantile(alpha: f64, beta: f64, u: f64) -> f64 {
    let law = Beta::new(alpha, beta).expect("PERT shapes are at least 1");
    solve_cdf(
        |x| law.cdf(x),
        |x| law.pdf(x),
        u,
        (0.0, 1.0),
        alpha / (alpha + beta),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_percentiles(d: &Dist, p5: f64, p95: f64) {
        for (u, p) in [(0.05, p5), (0.95, p95)] {
            let q = d.quantile(u);
            assert!((q - p).abs() <= 1e-6, "{d}: quantile({u}) = {q}, wanted {p}");
        }
    }

    #[test]
    fn pert_p5_p95_are_its_percentiles() {
        for (p5, mode, p95, lambda) in [
            (4.0, 6.0, 10.0, 4.0),
            (0.70, 0.85, 0.95, 4.0),
            (1.0, 1.5, 30.0, 4.0),
            (-3.0, 2.9, 3.0, 4.0),
            (4.0, 6.0, 10.0, 1.5),
        ] {
            let d = Dist::pert_from_p5_p95(p5, mode, p95, lambda).unwrap();
            assert_percentiles(&d, p5, p95);
            assert_eq!(d.kind(), "pert");
            let (min, max) = d.support();
            assert!(min < p5 && max > p95, "{d}");
        }
    }

    #[test]
    fn documented_example_bounds() {
        let d = Dist::pert_from_p5_p95(4.0, 6.0, 10.0, 4.0).unwrap();
        let (min, max) = d.support();
        // docs/scenario.md: "runs from about 3.1 to 13.2".
        assert!((min - 3.076).abs() < 1e-3 && (max - 13.197).abs() < 1e-3, "{d}");
    }

    #[test]
    fn symmetric_pert_is_centred_on_the_mode() {
        let d = Dist::pert_from_p5_p95(4.0, 7.0, 10.0, 4.0).unwrap();
        let (min, max) = d.support();
        assert!(((min + max) / 2.0 - 7.0).abs() < 1e-9, "{d}");
        assert!((d.mean() - 7.0).abs() < 1e-9);
    }

    #[test]
    fn triangular_p5_p95_are_its_percentiles() {
        for (p5, mode, p95) in [(4.0, 6.0, 10.0), (2.0, 2.01, 9.0), (0.0, 8.99, 9.0)] {
            let d = Dist::triangular_from_p5_p95(p5, mode, p95).unwrap();
            assert_percentiles(&d, p5, p95);
            assert_eq!(d.kind(), "triangular");
        }
        // Symmetric: the 5% tail of a symmetric triangle of half-width h is at
        // h·√0.1 from the end (F = (x − min)²/(2h·h)), so h·(1 − √0.1) = 3.
        let d = Dist::triangular_from_p5_p95(4.0, 7.0, 10.0).unwrap();
        let h = 3.0 / (1.0 - 0.1f64.sqrt());
        let (min, max) = d.support();
        assert!(
            (min - (7.0 - h)).abs() < 1e-9 && (max - (7.0 + h)).abs() < 1e-9,
            "{d}"
        );
    }

    #[test]
    fn impossible_intervals_are_refused() {
        let e = Dist::pert_from_p5_p95(10.0, 6.0, 4.0, 4.0).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("p5"));
        assert_eq!(e.message, "`p5` (10) must be less than `p95` (4)");
        let e = Dist::triangular_from_p5_p95(4.0, 4.0, 10.0).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("mode"));
        assert_eq!(
            e.message,
            "`mode` (4) must lie strictly between `p5` (4) and `p95` (10): the most likely \
             value is inside the 90% interval"
        );
        let e = Dist::pert_from_p5_p95(4.0, 12.0, 10.0, 4.0).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("mode"));
        let e = Dist::pert_from_p5_p95(4.0, 6.0, 10.0, -1.0).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("lambda"));
    }

    #[test]
    fn the_label_gives_the_interval_and_the_solved_bounds() {
        let d = Dist::triangular_from_p5_p95(4.0, 7.0, 10.0).unwrap();
        assert!(
            d.describe().starts_with("triangular(p5 4, mode 7, p95 10: min "),
            "{d}"
        );
        let d = Dist::pert_from_p5_p95(4.0, 6.0, 10.0, 4.0).unwrap();
        assert!(d.describe().starts_with("PERT(p5 4, mode 6, p95 10: min "), "{d}");
    }
}
