//! The search of `solve` and `gap`: where between two bounds a target starts to hold.
//!
//! Every trial runs on the same random numbers, so the metric moves with the varied value
//! only (monotone where the model is). The search evaluates both bounds; if the target holds
//! at exactly one, it bisects between them; if at neither, it tries the three quarter points
//! for a place where it holds before giving up. It stops when the bracket is narrower than the
//! tolerance or after `max_trials` runs, and answers with the end of the bracket where the
//! target holds (so the answer always satisfies it).

use crate::stats::metrics::MetricValue;

/// One evaluated value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trial {
    pub value: f64,
    pub metric: MetricValue,
    pub holds: bool,
}

/// How to search.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    pub lo: f64,
    pub hi: f64,
    /// Stop when the bracket is at most this wide.
    pub tolerance: f64,
    pub max_trials: usize,
}

/// What the search found.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchOutcome {
    /// The target holds from `threshold` on (towards `holds_above` true: at and above it).
    Threshold {
        threshold: Trial,
        /// The nearest value tried where it does not hold.
        fails: Trial,
        holds_above: bool,
    },
    /// It holds at both bounds (and so, for a monotone metric, everywhere between).
    Everywhere { lo: Trial, hi: Trial },
    /// It holds nowhere that was tried; the trial whose metric came closest.
    Nowhere { closest: Trial },
}

impl Search {
    /// Runs the search with `eval`, which returns the value it ran (the value asked for, or the
    /// nearest one the key allows), the metric there and whether the target holds (an error
    /// stops the search). Returns the outcome and every trial in order.
    pub fn run(
        &self,
        eval: &mut dyn FnMut(f64) -> Result<(f64, MetricValue, bool), String>,
        distance: &dyn Fn(&Trial) -> f64,
    ) -> Result<(SearchOutcome, Vec<Trial>), String> {
        let mut trials = Vec::new();
        let mut trial = |v: f64, trials: &mut Vec<Trial>| -> Result<Trial, String> {
            let (value, metric, holds) = eval(v)?;
            let t = Trial { value, metric, holds };
            trials.push(t);
            Ok(t)
        };
        let lo = trial(self.lo, &mut trials)?;
        let hi = trial(self.hi, &mut trials)?;
        let (mut good, mut bad) = match (lo.holds, hi.holds) {
            (true, true) => return Ok((SearchOutcome::Everywhere { lo, hi }, trials)),
            (true, false) => (lo, hi),
            (false, true) => (hi, lo),
            (false, false) => {
                let mut found = None;
                for k in [2.0, 1.0, 3.0] {
                    let t = trial(self.lo + (self.hi - self.lo) * k / 4.0, &mut trials)?;
                    if t.holds {
                        found = Some(t);
                        break;
                    }
                }
                match found {
                    // The nearer failing bound brackets it (the lower one, by convention).
                    Some(t) => (t, lo),
                    None => {
                        let closest = trials
                            .iter()
                            .copied()
                            .min_by(|a, b| distance(a).total_cmp(&distance(b)))
                            .unwrap_or(lo);
                        return Ok((SearchOutcome::Nowhere { closest }, trials));
                    }
                }
            }
        };
        while (good.value - bad.value).abs() > self.tolerance && trials.len() < self.max_trials {
            let t = trial((good.value + bad.value) / 2.0, &mut trials)?;
            if t.value == good.value || t.value == bad.value {
                // A whole-number key: the two ends are neighbours.
                break;
            }
            if t.holds {
                good = t;
            } else {
                bad = t;
            }
        }
        Ok((
            SearchOutcome::Threshold {
                threshold: good,
                fails: bad,
                holds_above: good.value > bad.value,
            },
            trials,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(v: f64) -> MetricValue {
        MetricValue {
            value: Some(v),
            se: Some(0.0),
            share_of: None,
        }
    }

    #[test]
    fn bisection_finds_the_threshold_of_a_monotone_metric_within_the_tolerance() {
        let s = Search {
            lo: 0.0,
            hi: 10.0,
            tolerance: 0.001,
            max_trials: 40,
        };
        // metric = 100 − 7v; target metric ≥ 60 holds for v ≤ 40/7.
        let (out, trials) = s
            .run(
                &mut |v| Ok((v, metric(100.0 - 7.0 * v), 100.0 - 7.0 * v >= 60.0)),
                &|t| (t.metric.value.unwrap() - 60.0).abs(),
            )
            .unwrap();
        let SearchOutcome::Threshold {
            threshold,
            holds_above,
            ..
        } = out
        else {
            panic!("{out:?}");
        };
        assert!(!holds_above);
        assert!(threshold.value <= 40.0 / 7.0 && threshold.value > 40.0 / 7.0 - 0.001);
        assert!(trials.len() <= 17, "{}", trials.len());
    }

    #[test]
    fn an_unreachable_target_says_so_with_the_closest_trial() {
        let s = Search {
            lo: 0.0,
            hi: 1.0,
            tolerance: 0.01,
            max_trials: 25,
        };
        let (out, _) = s
            .run(&mut |v| Ok((v, metric(v), v >= 2.0)), &|t| {
                (t.metric.value.unwrap() - 2.0).abs()
            })
            .unwrap();
        assert!(
            matches!(out, SearchOutcome::Nowhere { closest } if closest.value == 1.0),
            "{out:?}"
        );
    }
}
