//! Uncertain numeric inputs: the distribution notation of scenario files, its
//! validation, and the validated distributions the simulation samples from.
//!
//! A scenario gives every numeric input either as a bare number or as an inline
//! table such as `{ dist = "pert", min = 4, mode = 6, max = 10 }`. [`InputSpec`]
//! and [`DistSpec`] are those raw forms as read from TOML; [`DistSpec::build`]
//! checks a table and reports every problem it can find as [`ParamError`]s that
//! name the offending key. [`Dist`] is the validated result: a fast,
//! allocation-free sampler for the simulation loop, plus quantile function, cdf,
//! analytical moments, support and a short English description.

pub mod copula;

mod beta;
mod discrete;
mod gamma;
mod interval;
mod lognormal;
mod normal;
mod numeric;
mod params;
mod spec;
#[cfg(test)]
mod test_support;
mod triangular;

use std::fmt;

use rand_distr::{Distribution, StandardUniform};

use beta::ScaledBeta;
use discrete::Discrete;
use gamma::GammaLaw;
use lognormal::LogNormal;
use normal::{NormalSampling, TruncNormal};
use numeric::std_cdf;
pub use params::ParamError;
use params::{check_range, finite, num};
pub use spec::{DistSpec, InputSpec};
use triangular::Triangular;

/// PERT shape parameter used when `lambda` is not given.
pub const DEFAULT_PERT_LAMBDA: f64 = 4.0;

/// A validated distribution, ready to sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Dist {
    kind: &'static str,
    label: String,
    law: Law,
}

/// The mathematical law behind a [`Dist`], with everything precomputed.
#[derive(Debug, Clone, PartialEq)]
enum Law {
    Constant(f64),
    Uniform { min: f64, max: f64 },
    Triangular(Triangular),
    ScaledBeta(ScaledBeta),
    Normal(TruncNormal),
    LogNormal(LogNormal),
    Gamma(GammaLaw),
    Discrete(Discrete),
}

impl Dist {
    fn new(kind: &'static str, label: String, law: Law) -> Self {
        Dist { kind, label, law }
    }

    /// A fixed value.
    pub fn constant(value: f64) -> Result<Dist, ParamError> {
        finite("value", value)?;
        Ok(Dist::new("constant", num(value), Law::Constant(value)))
    }

    /// Uniform on [min, max]; min == max is a constant.
    pub fn uniform(min: f64, max: f64) -> Result<Dist, ParamError> {
        check_range(min, max)?;
        let label = format!("uniform(min {}, max {})", num(min), num(max));
        let law = if min == max {
            Law::Constant(min)
        } else {
            Law::Uniform { min, max }
        };
        Ok(Dist::new("uniform", label, law))
    }

    /// One draw, by the fastest exact method for the law.
    pub fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match &self.law {
            Law::Constant(v) => *v,
            Law::Uniform { min, max } => {
                let u: f64 = StandardUniform.sample(rng);
                min + (max - min) * u
            }
            Law::Triangular(t) => t.sampler.sample(rng),
            Law::ScaledBeta(b) => b.sample(rng),
            Law::Normal(n) => n.sample(rng),
            Law::LogNormal(l) => l.sampler.sample(rng),
            Law::Gamma(g) => g.sampler.sample(rng),
            Law::Discrete(d) => d.values.get(d.index.sample(rng)).copied().unwrap_or(f64::NAN),
        }
    }

    /// The quantile at u = Φ(z) for a standard normal score z (the Gaussian copula draws
    /// scores): the same value as `quantile(Φ(z))`, computed without forming Φ(z) where the
    /// law allows, which is faster and keeps the precision of the far tails.
    pub fn quantile_at_score(&self, z: f64) -> f64 {
        match &self.law {
            Law::ScaledBeta(b) => b.at_score(z),
            Law::LogNormal(l) if z.is_finite() => (l.mu + l.sigma * z).exp(),
            Law::Normal(n) if n.how == NormalSampling::Direct && z.is_finite() => n.mean + n.sd * z,
            _ => self.quantile(std_cdf(z)),
        }
    }

    /// Inverse cdf. u is clamped to [0, 1]; 0 and 1 give the support bounds
    /// (possibly infinite); for discrete laws it is the smallest value whose
    /// cdf reaches u. NaN gives NaN.
    pub fn quantile(&self, u: f64) -> f64 {
        if u.is_nan() {
            return f64::NAN;
        }
        let (lo, hi) = self.support();
        if u <= 0.0 {
            return lo;
        }
        if u >= 1.0 {
            return hi;
        }
        match &self.law {
            Law::Constant(v) => *v,
            Law::Uniform { min, max } => (min + (max - min) * u).min(*max),
            Law::Triangular(t) => t.quantile(u),
            Law::ScaledBeta(b) => b.quantile(u),
            Law::Normal(n) => n.quantile(u),
            Law::LogNormal(l) => l.quantile(u),
            Law::Gamma(g) => g.quantile(u),
            Law::Discrete(d) => d.quantile(u),
        }
    }

    /// P(X ≤ x). NaN gives NaN.
    pub fn cdf(&self, x: f64) -> f64 {
        if x.is_nan() {
            return f64::NAN;
        }
        match &self.law {
            Law::Constant(v) => f64::from(u8::from(x >= *v)),
            Law::Uniform { min, max } => ((x - min) / (max - min)).clamp(0.0, 1.0),
            Law::Triangular(t) => t.cdf(x),
            Law::ScaledBeta(b) => b.cdf(x),
            Law::Normal(n) => n.cdf(x),
            Law::LogNormal(l) => l.cdf(x),
            Law::Gamma(g) => g.cdf(x),
            Law::Discrete(d) => d.cdf(x),
        }
    }

    /// The rank of a value this law drew, in (0, 1): its cdf, and for a discrete law the
    /// middle of its step, so that `other.quantile(self.rank(x))` moves a draw of this law to
    /// the same place in another (common random numbers between two laws of one input).
    pub fn rank(&self, x: f64) -> f64 {
        let u = match &self.law {
            Law::Discrete(d) => {
                let p = d
                    .values
                    .iter()
                    .zip(&d.probs)
                    .find(|(v, _)| **v == x)
                    .map_or(0.0, |(_, p)| *p);
                d.cdf(x) - p / 2.0
            }
            _ => self.cdf(x),
        };
        u.clamp(1e-12, 1.0 - 1e-12)
    }

    pub fn mean(&self) -> f64 {
        match &self.law {
            Law::Constant(v) => *v,
            Law::Uniform { min, max } => (min + max) / 2.0,
            Law::Triangular(t) => (t.min + t.mode + t.max) / 3.0,
            Law::ScaledBeta(b) => b.min + (b.max - b.min) * b.alpha / (b.alpha + b.beta),
            Law::Normal(n) => n.mean(),
            Law::LogNormal(l) => (l.mu + l.sigma * l.sigma / 2.0).exp(),
            Law::Gamma(g) => g.shape * g.scale,
            Law::Discrete(d) => d.mean(),
        }
    }

    pub fn variance(&self) -> f64 {
        match &self.law {
            Law::Constant(_) => 0.0,
            Law::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Law::Triangular(t) => t.variance(),
            Law::ScaledBeta(b) => b.variance(),
            Law::Normal(n) => n.variance(),
            Law::LogNormal(l) => {
                let s2 = l.sigma * l.sigma;
                s2.exp_m1() * (2.0 * l.mu + s2).exp()
            }
            Law::Gamma(g) => g.shape * g.scale * g.scale,
            Law::Discrete(d) => d.variance(),
        }
    }

    /// Smallest and largest possible values (possibly infinite).
    pub fn support(&self) -> (f64, f64) {
        match &self.law {
            Law::Constant(v) => (*v, *v),
            Law::Uniform { min, max } => (*min, *max),
            Law::Triangular(t) => (t.min, t.max),
            Law::ScaledBeta(b) => (b.min, b.max),
            Law::Normal(n) => (n.min, n.max),
            Law::LogNormal(_) | Law::Gamma(_) => (0.0, f64::INFINITY),
            Law::Discrete(d) => (
                d.values.first().copied().unwrap_or(f64::NAN),
                d.values.last().copied().unwrap_or(f64::NAN),
            ),
        }
    }

    /// The value when the distribution is a constant or degenerate
    /// (e.g. uniform with min == max, normal with sd = 0).
    pub fn as_constant(&self) -> Option<f64> {
        match self.law {
            Law::Constant(v) => Some(v),
            _ => None,
        }
    }

    /// The most likely value of a triangular or PERT distribution (the `mode` the user
    /// wrote); `None` for other kinds.
    pub fn mode(&self) -> Option<f64> {
        match &self.law {
            Law::Triangular(t) => Some(t.mode),
            // PERT: alpha = 1 + λ(mode − min)/range, beta = 1 + λ(max − mode)/range.
            Law::ScaledBeta(b) if self.kind == "pert" => {
                let shape = b.alpha + b.beta - 2.0;
                let share = if shape > 0.0 { (b.alpha - 1.0) / shape } else { 0.5 };
                Some(b.min + (b.max - b.min) * share)
            }
            _ => None,
        }
    }

    /// The values of a discrete (or bernoulli) distribution with their probabilities,
    /// ascending; `None` for other kinds.
    pub fn points(&self) -> Option<Vec<(f64, f64)>> {
        match &self.law {
            Law::Discrete(d) => Some(d.values.iter().copied().zip(d.probs.iter().copied()).collect()),
            _ => None,
        }
    }

    /// The kind as written in scenario files ("pert", "lognormal", …).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Short English description in the user's parametrization,
    /// e.g. "PERT(min 4, mode 6, max 10)".
    pub fn describe(&self) -> String {
        self.label.clone()
    }
}

impl fmt::Display for Dist {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.label)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{
        cases, direct_draws, inversion_draws, is_continuous, ks_critical, ks_statistic, moments_agree, rng,
    };
    use super::*;

    #[test]
    fn sample_moments_match_analytical_moments() {
        for (seed, d) in cases().iter().enumerate() {
            let xs = direct_draws(d, seed as u64);
            assert!(
                moments_agree(&xs, d.mean(), d.variance()),
                "{}: mean {} variance {}",
                d.describe(),
                d.mean(),
                d.variance()
            );
        }
    }

    #[test]
    fn statistical_checks_detect_a_wrong_distribution() {
        let drawn = Dist::pert(4.0, 6.0, 10.0, 4.0).unwrap();
        let claimed = Dist::pert(4.0, 6.3, 10.0, 4.0).unwrap();
        let xs = direct_draws(&drawn, 1);
        assert!(!moments_agree(&xs, claimed.mean(), claimed.variance()));
        let shifted = Dist::normal(0.05, 1.0, None, None).unwrap();
        let standard = Dist::normal(0.0, 1.0, None, None).unwrap();
        let d = ks_statistic(direct_draws(&standard, 2), direct_draws(&shifted, 3));
        assert!(d > ks_critical(), "KS {d}");
    }

    fn assert_close(actual: f64, expected: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
            "{what}: {actual} != {expected}"
        );
    }

    #[test]
    fn analytical_moments_match_hand_computed_values() {
        let expected = [
            // alpha = 7/3, beta = 11/3: mean (4 + 4·6 + 10)/6, variance 6²·αβ/(6²·7)
            (Dist::pert(4.0, 6.0, 10.0, 4.0), 38.0 / 6.0, 11.0 / 9.0),
            (Dist::triangular(1.0, 2.0, 6.0), 3.0, 7.0 / 6.0),
            (Dist::uniform(2.0, 5.0), 3.5, 0.75),
            // mu = ln(72)/2, sigma = ln(4.5)/(2·1.6449)
            (
                Dist::lognormal_from_p5_p95(4.0, 18.0),
                9.420161279840794,
                20.631227462858597,
            ),
            (Dist::lognormal_from_mean_sd(10.0, 3.0), 10.0, 9.0),
            // mean 7, sd 3/1.6449 = 1.8238…: the 90% interval 4..10
            (
                Dist::normal_from_p5_p95(4.0, 10.0, None, None),
                7.0,
                (3.0 / 1.644_853_626_951_472_2_f64).powi(2),
            ),
            (Dist::beta_from_mean_sd(0.3, 0.1), 0.3, 0.01),
            (Dist::beta(2.0, 5.0), 2.0 / 7.0, 10.0 / 392.0),
            (Dist::gamma_from_mean_sd(6.0, 3.0), 6.0, 9.0),
            (Dist::gamma(2.0, 3.0), 6.0, 18.0),
            // half-normal: sqrt(2/π), 1 − 2/π
            (
                Dist::normal(0.0, 1.0, Some(0.0), None),
                0.7978845608028654,
                0.3633802276324186,
            ),
            (
                Dist::discrete(&[1.0, 2.0, 5.0], Some(&[1.0, 2.0, 1.0])),
                2.5,
                2.25,
            ),
            (Dist::bernoulli(0.3), 0.3, 0.21),
        ];
        for (d, mean, variance) in expected {
            let d = d.unwrap();
            assert_close(d.mean(), mean, &d.describe());
            assert_close(d.variance(), variance, &d.describe());
        }
        // The mean/sd forms are the textbook laws: Beta(6, 14) and Gamma(4, 1.5).
        let pairs = [
            (Dist::beta_from_mean_sd(0.3, 0.1), Dist::beta(6.0, 14.0), 0.25),
            (Dist::gamma_from_mean_sd(6.0, 3.0), Dist::gamma(4.0, 1.5), 5.0),
        ];
        for (a, b, x) in pairs {
            let (a, b) = (a.unwrap(), b.unwrap());
            assert_close(a.cdf(x), b.cdf(x), &a.describe());
        }
    }

    #[test]
    fn quantile_inverts_cdf_for_continuous_distributions() {
        for d in cases().iter().filter(|d| is_continuous(d)) {
            let (lo, hi) = (d.quantile(1e-3), d.quantile(1.0 - 1e-3));
            let spread = hi - lo;
            for k in 0..=50 {
                let x = lo + spread * f64::from(k) / 50.0;
                let back = d.quantile(d.cdf(x));
                let tol = 1e-9 * x.abs() + 1e-12 * spread;
                assert!((back - x).abs() <= tol, "{}: x {x} -> {back}", d.describe());
            }
            for k in 1..1000 {
                let u = f64::from(k) / 1000.0;
                let back = d.cdf(d.quantile(u));
                assert!((back - u).abs() <= 1e-10, "{}: u {u} -> {back}", d.describe());
            }
        }
    }

    #[test]
    fn quantile_at_score_is_the_quantile_at_phi() {
        for d in cases() {
            let (lo, hi) = (d.quantile(1e-6), d.quantile(1.0 - 1e-6));
            let spread = (hi - lo).max(1e-300);
            for k in -40..=40 {
                let z = f64::from(k) / 10.0;
                let (a, b) = (d.quantile_at_score(z), d.quantile(std_cdf(z)));
                assert!(
                    (a - b).abs() <= 1e-9 * spread + 1e-12 * b.abs(),
                    "{} at z {z}: {a} != {b}",
                    d.describe()
                );
            }
        }
    }

    #[test]
    fn sampling_by_quantile_matches_direct_sampler() {
        for (seed, d) in cases().iter().enumerate() {
            let seed = seed as u64;
            let ks = ks_statistic(direct_draws(d, seed), inversion_draws(d, 1000 + seed));
            assert!(ks < ks_critical(), "{}: KS {ks}", d.describe());
        }
    }

    #[test]
    fn support_and_extreme_quantiles() {
        let expected = [
            (
                Dist::normal(1.0, 2.0, None, None),
                (f64::NEG_INFINITY, f64::INFINITY),
            ),
            (Dist::normal(1.0, 2.0, Some(0.0), None), (0.0, f64::INFINITY)),
            (Dist::lognormal(0.0, 1.0), (0.0, f64::INFINITY)),
            (Dist::gamma(2.0, 1.0), (0.0, f64::INFINITY)),
            (Dist::beta(2.0, 3.0), (0.0, 1.0)),
            (Dist::pert(4.0, 6.0, 10.0, 4.0), (4.0, 10.0)),
            (Dist::bernoulli(0.5), (0.0, 1.0)),
            (Dist::discrete(&[3.0, -1.0, 7.0], None), (-1.0, 7.0)),
        ];
        for (d, support) in expected {
            let d = d.unwrap();
            assert_eq!(d.support(), support, "{}", d.describe());
            assert_eq!((d.quantile(0.0), d.quantile(1.0)), support);
            assert_eq!((d.quantile(-3.0), d.quantile(7.0)), support);
        }
    }

    #[test]
    fn quantile_and_cdf_are_total() {
        let mut all = cases();
        all.push(Dist::uniform(3.0, 3.0).unwrap());
        all.push(Dist::beta(0.01, 0.01).unwrap());
        all.push(Dist::gamma(0.001, 1.0).unwrap());
        all.push(Dist::normal(0.0, 1.0, Some(30.0), None).unwrap());
        let us = [
            f64::NAN,
            -1.0,
            0.0,
            1e-300,
            1e-20,
            0.5,
            1.0 - 1e-16,
            1.0,
            2.0,
            f64::INFINITY,
        ];
        let xs = [
            f64::NAN,
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            0.0,
            0.5,
            1e300,
            f64::INFINITY,
        ];
        for d in &all {
            let (lo, hi) = d.support();
            for u in us {
                let q = d.quantile(u);
                assert!(q.is_nan() == u.is_nan(), "{}: quantile({u}) = {q}", d.describe());
                assert!(
                    u.is_nan() || (lo..=hi).contains(&q),
                    "{}: {u} -> {q}",
                    d.describe()
                );
            }
            for x in xs {
                let c = d.cdf(x);
                assert!(x.is_nan() == c.is_nan(), "{}: cdf({x}) = {c}", d.describe());
                assert!(
                    x.is_nan() || (0.0..=1.0).contains(&c),
                    "{}: {x} -> {c}",
                    d.describe()
                );
            }
        }
    }

    #[test]
    fn degenerate_cases_are_constants() {
        let expected = [
            (Dist::uniform(3.0, 3.0), 3.0),
            (Dist::triangular(3.0, 3.0, 3.0), 3.0),
            (Dist::pert(3.0, 3.0, 3.0, 4.0), 3.0),
            (Dist::normal(5.0, 0.0, None, None), 5.0),
            (Dist::normal(5.0, 0.0, Some(6.0), None), 6.0),
            (Dist::normal(5.0, 1.0, Some(2.0), Some(2.0)), 2.0),
            (Dist::lognormal(0.0, 0.0), 1.0),
            (Dist::beta_from_mean_sd(0.4, 0.0), 0.4),
            (Dist::gamma_from_mean_sd(2.0, 0.0), 2.0),
            (Dist::discrete(&[4.0, 9.0], Some(&[1.0, 0.0])), 4.0),
            (Dist::bernoulli(1.0), 1.0),
            (Dist::constant(2.5), 2.5),
        ];
        let mut r = rng(7);
        for (d, v) in expected {
            let d = d.unwrap();
            assert_eq!(d.as_constant(), Some(v), "{}", d.describe());
            assert_eq!((d.sample(&mut r), d.quantile(0.3), d.mean()), (v, v, v));
            assert_eq!(d.variance(), 0.0);
        }
        let d = Dist::uniform(3.0, 3.0).unwrap();
        assert_eq!(
            (d.kind(), d.describe().as_str()),
            ("uniform", "uniform(min 3, max 3)")
        );
        assert_eq!(Dist::uniform(1.0, 3.0).unwrap().as_constant(), None);
    }

    #[test]
    fn descriptions_keep_the_users_parametrization() {
        let expected = [
            (Dist::pert(4.0, 6.0, 10.0, 4.0), "PERT(min 4, mode 6, max 10)"),
            (
                Dist::pert(4.0, 6.0, 10.0, 3.0),
                "PERT(min 4, mode 6, max 10, lambda 3)",
            ),
            (
                Dist::normal(5.0, 1.5, Some(0.0), None),
                "normal(mean 5, sd 1.5, min 0)",
            ),
            (
                Dist::lognormal_from_mean_sd(10.0, 3.0),
                "lognormal(mean 10, sd 3)",
            ),
            (Dist::beta_from_mean_sd(0.3, 0.1), "beta(mean 0.3, sd 0.1)"),
            (Dist::gamma(2.0, 0.25), "gamma(shape 2, scale 0.25)"),
            (
                Dist::discrete(&[1.0, 2.0, 5.0], Some(&[1.0, 2.0, 1.0])),
                "discrete(1: 25%, 2: 50%, 5: 25%)",
            ),
            (Dist::discrete(&[3.0, 1.0], None), "discrete(3, 1)"),
            (Dist::bernoulli(0.3), "bernoulli(p 0.3)"),
            (Dist::constant(2.5), "2.5"),
        ];
        for (d, text) in expected {
            assert_eq!(d.unwrap().describe(), text);
        }
        let numbers = [
            (1.0 / 3.0, "0.333333"),
            (0.1 + 0.2, "0.3"),
            (1234567.0, "1234567"),
            (-2.5e-7, "-2.5e-7"),
            (0.0, "0"),
            (42.0, "42"),
        ];
        for (x, text) in numbers {
            assert_eq!(num(x), text);
        }
    }

    #[test]
    fn mode_and_points_give_back_the_written_parameters() {
        let pert = Dist::pert(4.0, 6.0, 10.0, 4.0).unwrap();
        assert!((pert.mode().unwrap() - 6.0).abs() < 1e-9);
        let wide = Dist::pert(0.0, 1.0, 10.0, 2.5).unwrap();
        assert!((wide.mode().unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(Dist::triangular(1.0, 2.0, 5.0).unwrap().mode(), Some(2.0));
        assert_eq!(
            Dist::beta(2.0, 3.0).unwrap().mode(),
            None,
            "a beta has no written mode"
        );
        assert_eq!(Dist::uniform(1.0, 2.0).unwrap().mode(), None);
        let d = Dist::discrete(&[3.0, 1.0], Some(&[1.0, 3.0])).unwrap();
        assert_eq!(d.points(), Some(vec![(1.0, 0.75), (3.0, 0.25)]));
        assert_eq!(Dist::bernoulli(0.2).unwrap().points().map(|p| p.len()), Some(2));
        assert_eq!(pert.points(), None);
    }
}
