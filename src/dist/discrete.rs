//! Laws on finitely many values, `discrete` and `bernoulli`: drawn by weighted index, with
//! the generalized inverse as quantile.

use rand::distr::weighted::WeightedIndex;

use super::params::{ParamError, check_range, check_weights, finite, num};

/// The most values a `discrete_uniform` may span (a guard against a typo such as `max = 1e9`).
const MAX_DISCRETE_UNIFORM_VALUES: f64 = 10_000.0;
use super::{Dist, Law};

impl Dist {
    /// One of `values`, drawn with probabilities proportional to `weights`
    /// (equal when `None`).
    pub fn discrete(values: &[f64], weights: Option<&[f64]>) -> Result<Dist, ParamError> {
        if values.is_empty() {
            return Err(ParamError::at("values", "`values` must list at least one number"));
        }
        if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::at(
                "values",
                format!("`values` must all be finite numbers (got {})", num(*bad)),
            ));
        }
        if let Some(w) = weights {
            check_weights(w, values.len())?;
        }
        let equal = vec![1.0; values.len()];
        let law = Discrete::law(values, weights.unwrap_or(&equal))?;
        Ok(Dist::new("discrete", discrete_label(values, weights), law))
    }

    /// Every whole number from `min` to `max` with the same probability (a class of 8 to 12
    /// pupils); `min == max` is a constant.
    pub fn discrete_uniform(min: f64, max: f64) -> Result<Dist, ParamError> {
        check_range(min, max)?;
        for (key, v) in [("min", min), ("max", max)] {
            if v.fract() != 0.0 {
                return Err(ParamError::at(
                    key,
                    format!("`{key}` must be a whole number (got {})", num(v)),
                ));
            }
        }
        if max - min >= MAX_DISCRETE_UNIFORM_VALUES {
            return Err(ParamError::at(
                "max",
                format!(
                    "discrete_uniform takes at most {MAX_DISCRETE_UNIFORM_VALUES} values (got {} to {})",
                    num(min),
                    num(max)
                ),
            ));
        }
        let values: Vec<f64> = (0..=(max - min) as u32).map(|k| min + f64::from(k)).collect();
        let label = format!("discrete_uniform(min {}, max {})", num(min), num(max));
        let law = Discrete::law(&values, &vec![1.0; values.len()])?;
        Ok(Dist::new("discrete_uniform", label, law))
    }

    /// 1 with probability `p`, else 0.
    pub fn bernoulli(p: f64) -> Result<Dist, ParamError> {
        if !(0.0..=1.0).contains(&finite("p", p)?) {
            return Err(ParamError::at(
                "p",
                format!("`p` must be between 0 and 1 (got {})", num(p)),
            ));
        }
        let label = format!("bernoulli(p {})", num(p));
        Ok(Dist::new(
            "bernoulli",
            label,
            Discrete::law(&[0.0, 1.0], &[1.0 - p, p])?,
        ))
    }
}

/// Finitely many values; bernoulli is the case {0, 1}.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Discrete {
    /// Values with positive probability, ascending.
    pub(super) values: Vec<f64>,
    pub(super) probs: Vec<f64>,
    /// cum[i] = P(X ≤ values[i]); the last is exactly 1.
    cum: Vec<f64>,
    pub(super) index: WeightedIndex<f64>,
}

impl Discrete {
    /// The law of checked values and weights: a constant when only one value
    /// has positive weight.
    fn law(values: &[f64], weights: &[f64]) -> Result<Law, ParamError> {
        let total: f64 = weights.iter().sum();
        let mut pairs: Vec<(f64, f64)> = values
            .iter()
            .zip(weights)
            .filter(|(_, w)| **w > 0.0)
            .map(|(v, w)| (*v, w / total))
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (values, probs): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        match (values.first(), values.last()) {
            (Some(lo), Some(hi)) if lo == hi => return Ok(Law::Constant(*lo)),
            _ => {}
        }
        let mut cum: Vec<f64> = probs
            .iter()
            .scan(0.0, |acc, p| {
                *acc += p;
                Some(*acc)
            })
            .collect();
        if let Some(last) = cum.last_mut() {
            *last = 1.0;
        }
        let index = WeightedIndex::new(&probs).map_err(ParamError::internal)?;
        Ok(Law::Discrete(Discrete {
            values,
            probs,
            cum,
            index,
        }))
    }

    pub(super) fn quantile(&self, u: f64) -> f64 {
        let i = self
            .cum
            .partition_point(|&c| c < u)
            .min(self.values.len().saturating_sub(1));
        self.values.get(i).copied().unwrap_or(f64::NAN)
    }

    pub(super) fn cdf(&self, x: f64) -> f64 {
        match self.values.partition_point(|&v| v <= x) {
            0 => 0.0,
            k => self.cum.get(k - 1).copied().unwrap_or(1.0),
        }
    }

    pub(super) fn mean(&self) -> f64 {
        self.values.iter().zip(&self.probs).map(|(v, p)| v * p).sum()
    }

    pub(super) fn variance(&self) -> f64 {
        let m = self.mean();
        self.values
            .iter()
            .zip(&self.probs)
            .map(|(v, p)| p * (v - m).powi(2))
            .sum()
    }
}

/// "discrete(1, 2, 3)" or "discrete(1: 25%, 2: 75%)", at most 8 entries shown.
fn discrete_label(values: &[f64], weights: Option<&[f64]>) -> String {
    const SHOWN: usize = 8;
    let mut items: Vec<String> = match weights {
        None => values.iter().take(SHOWN).map(|v| num(*v)).collect(),
        Some(w) => {
            let total: f64 = w.iter().sum();
            let share = |(v, w): (&f64, &f64)| format!("{}: {}%", num(*v), num(100.0 * w / total));
            values.iter().zip(w).take(SHOWN).map(share).collect()
        }
    };
    if values.len() > SHOWN {
        items.push(format!("… {} values in all", values.len()));
    }
    format!("discrete({})", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discrete_quantile_is_the_generalized_inverse() {
        let d = Dist::discrete(&[5.0, 1.0, 2.0], Some(&[1.0, 1.0, 2.0])).unwrap();
        let expected = [
            (0.0, 1.0),
            (0.1, 1.0),
            (0.25, 1.0),
            (0.26, 2.0),
            (0.75, 2.0),
            (0.76, 5.0),
            (1.0, 5.0),
        ];
        for (u, x) in expected {
            assert_eq!(d.quantile(u), x, "u {u}");
        }
        let cdf = [(0.5, 0.0), (1.0, 0.25), (1.5, 0.25), (4.9, 0.75), (5.0, 1.0)];
        for (x, p) in cdf {
            assert_eq!(d.cdf(x), p, "x {x}");
        }
        let b = Dist::bernoulli(0.3).unwrap();
        assert_eq!((b.quantile(0.7), b.quantile(0.71)), (0.0, 1.0));
        assert_eq!((b.cdf(0.0), b.cdf(0.99), b.cdf(1.0)), (0.7, 0.7, 1.0));
    }

    #[test]
    fn discrete_uniform_takes_each_whole_number_alike() {
        let d = Dist::discrete_uniform(4.0, 7.0).unwrap();
        assert_eq!(
            d.points().unwrap(),
            vec![(4.0, 0.25), (5.0, 0.25), (6.0, 0.25), (7.0, 0.25)]
        );
        assert_eq!((d.mean(), d.variance()), (5.5, 15.0 / 12.0));
        assert_eq!(d.kind(), "discrete_uniform");
        assert_eq!(Dist::discrete_uniform(3.0, 3.0).unwrap().as_constant(), Some(3.0));
        let e = Dist::discrete_uniform(7.0, 4.0).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("min"));
        let e = Dist::discrete_uniform(4.0, 6.5).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("max"));
        assert!(e.message.contains("whole number"), "{}", e.message);
        assert!(Dist::discrete_uniform(0.0, 1e9).is_err());
    }
}
