//! Evaluation of one `[[expect]]` against a run's [`Summary`]: the metric's value, the bound,
//! pass or fail, and the margin in Monte Carlo standard errors.
//!
//! The margin is the distance from the value to the nearest bound, divided by the metric's
//! standard error, signed so that it is positive on the side where the expectation holds:
//! `(value − at_least) / se` for a lower bound, `(at_most − value) / se` for an upper one.
//! Within [`TOO_CLOSE_SE`] standard errors of the bound the verdict could flip with another
//! seed or more iterations: it stands (a pass stays a pass) but is marked "too close to call".
//! Where `stats::metrics` knows no standard error the margin is not computed, and the result
//! says so rather than inventing one.

use serde::Serialize;

use crate::model::{ExpectTarget, Expectation};
use crate::stats::Summary;
use crate::stats::metrics::{MetricValue, arrangement_metric, pair_metric};

/// A value closer than this many standard errors to its bound is "too close to call".
pub const TOO_CLOSE_SE: f64 = 2.0;

/// A standard error below this share of the value's size is rounding noise of a metric that
/// is the same in every iteration: zero spread, not a certainty of 10¹⁵ standard errors.
pub const ROUNDING_NOISE: f64 = 1e-9;

/// The Wilson score interval of a share `p` estimated from `n` iterations, at
/// [`TOO_CLOSE_SE`] standard normal quantiles: its centre and half-width. Unlike `p ± z·se`
/// it does not shrink to a point at 0 or 1 (three iterations that all pass leave the share
/// between 0.43 and 1, not exactly 1).
pub fn wilson(p: f64, n: f64) -> (f64, f64) {
    let z2 = TOO_CLOSE_SE * TOO_CLOSE_SE;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = TOO_CLOSE_SE * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    (centre, half)
}

/// The result of one expectation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpectResult {
    /// Position of the `[[expect]]` in its file (1 = the first).
    pub number: usize,
    /// The arrangement, for a metric of one arrangement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrangement: Option<String>,
    /// The two arrangements, for a pair metric (a − b).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<String>,
    pub metric: String,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
    /// The metric's value; `None` when it is undefined in this run.
    pub value: Option<f64>,
    /// Its Monte Carlo standard error, where one is known.
    pub se: Option<f64>,
    /// Distance to the nearest bound in standard errors, positive where the expectation
    /// holds; `None` without a (non-zero) standard error or without a value.
    pub margin_se: Option<f64>,
    pub passed: bool,
    /// The value lies within [`TOO_CLOSE_SE`] standard errors of the bound.
    pub too_close: bool,
    /// Why there is no value or margin, when that is the case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ExpectResult {
    /// `npv.mean of "LKS"` or `p_a_better of "LKS" vs "no support"`.
    pub fn label(&self) -> String {
        match (&self.arrangement, &self.a, &self.b) {
            (Some(name), _, _) => format!("{} of \"{name}\"", self.metric),
            (None, Some(a), Some(b)) => format!("{} of \"{a}\" vs \"{b}\"", self.metric),
            _ => self.metric.clone(),
        }
    }

    /// The bound as text: `>= 0.6`, `<= 1000`, `in [0.2, 0.5]`.
    pub fn bound_text(&self) -> String {
        match (self.at_least, self.at_most) {
            (Some(lo), Some(hi)) => format!("in [{lo}, {hi}]"),
            (Some(lo), None) => format!(">= {lo}"),
            (None, Some(hi)) => format!("<= {hi}"),
            (None, None) => "no bound".to_owned(),
        }
    }
}

/// Evaluates the `number`-th expectation (1-based) against a run's summary.
pub fn evaluate(number: usize, e: &Expectation, summary: &Summary) -> ExpectResult {
    let (arrangement, a, b, metric) = match &e.target {
        ExpectTarget::Arrangement(name) => {
            let metric = summary
                .arrangements
                .iter()
                .find(|s| s.name == *name)
                .and_then(|s| arrangement_metric(s, &e.metric, summary.iterations))
                // A class's metrics (`[cohort]`).
                .or_else(|| crate::stats::metrics::cohort_metric(summary, name, &e.metric));
            (Some(name.clone()), None, None, metric)
        }
        ExpectTarget::Pair { a, b } => {
            let metric = pair_metric(summary, a, b, &e.metric);
            (None, Some(a.clone()), Some(b.clone()), metric)
        }
    };
    let verdict = judge(&e.metric, metric, e.at_least, e.at_most);
    ExpectResult {
        number,
        arrangement,
        a,
        b,
        metric: e.metric.clone(),
        at_least: e.at_least,
        at_most: e.at_most,
        value: verdict.value,
        se: verdict.se,
        margin_se: verdict.margin_se,
        passed: verdict.passed,
        too_close: verdict.too_close,
        note: verdict.note,
    }
}

/// The verdict on one metric value against its bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub value: Option<f64>,
    pub se: Option<f64>,
    pub margin_se: Option<f64>,
    pub passed: bool,
    pub too_close: bool,
    pub note: Option<String>,
}

/// Judges a metric's value (as read from the summary; `None` when the summary has no such
/// metric) against `at_least` / `at_most`.
pub fn judge(
    metric: &str,
    found: Option<MetricValue>,
    at_least: Option<f64>,
    at_most: Option<f64>,
) -> Verdict {
    let fail = |se: Option<f64>, note: String| Verdict {
        value: None,
        se,
        margin_se: None,
        passed: false,
        too_close: false,
        note: Some(note),
    };
    let Some(found) = found else {
        return fail(
            None,
            format!("the results have no metric `{metric}` for this target"),
        );
    };
    let se = found.se.filter(|s| s.is_finite());
    let Some(value) = found.value.filter(|v| v.is_finite()) else {
        return fail(se, undefined_reason(metric));
    };
    // Distance to the nearest bound, positive inside.
    let distance = [at_least.map(|lo| value - lo), at_most.map(|hi| hi - value)]
        .into_iter()
        .flatten()
        .min_by(f64::total_cmp);
    let Some(distance) = distance else {
        return Verdict {
            value: Some(value),
            se,
            margin_se: None,
            passed: false,
            too_close: false,
            note: Some("the expectation has no bound".to_owned()),
        };
    };
    let passed = distance >= 0.0;
    if let Some(n) = found.share_of.filter(|n| *n >= 1.0) {
        // A share: the margin is the distance from the bound to the Wilson centre in units of
        // the interval's standard error, and a bound inside the interval is too close to call.
        let (centre, half) = wilson(value, n);
        let wilson_se = half / TOO_CLOSE_SE;
        let margin = [at_least.map(|lo| centre - lo), at_most.map(|hi| hi - centre)]
            .into_iter()
            .flatten()
            .min_by(f64::total_cmp)
            .map(|d| d / wilson_se);
        let inside = |b: f64| (centre - half..=centre + half).contains(&b);
        let too_close = at_least.is_some_and(inside) || at_most.is_some_and(inside);
        return Verdict {
            value: Some(value),
            se: Some(wilson_se),
            margin_se: margin,
            passed,
            too_close,
            note: None,
        };
    }
    let (margin_se, note) = match se {
        None => (
            None,
            Some(format!(
                "no Monte Carlo standard error is known for `{metric}`: margin not computed"
            )),
        ),
        Some(s) if s <= ROUNDING_NOISE * value.abs().max(distance.abs()).max(1.0) => (
            None,
            Some(
                "every iteration gave the same value (no spread): the verdict is exact, no \
                 margin in standard errors"
                    .to_owned(),
            ),
        ),
        Some(s) => (Some(distance / s), None),
    };
    let too_close = margin_se.is_some_and(|m| m.abs() < TOO_CLOSE_SE);
    Verdict {
        value: Some(value),
        se,
        margin_se,
        passed,
        too_close,
        note,
    }
}

fn undefined_reason(metric: &str) -> String {
    match metric {
        "break_even.p50_month" => "undefined: fewer than half of the iterations break even within the \
                                    horizon, so there is no median break-even month"
            .to_owned(),
        _ => format!("undefined: `{metric}` has no value in this run"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn mv(value: f64, se: Option<f64>) -> Option<MetricValue> {
        Some(MetricValue {
            value: Some(value),
            se,
            share_of: None,
        })
    }

    fn share(p: f64, n: f64) -> Option<MetricValue> {
        Some(MetricValue {
            value: Some(p),
            se: Some((p * (1.0 - p) / n).sqrt()),
            share_of: Some(n),
        })
    }

    #[test]
    fn a_share_of_0_or_1_at_tiny_n_is_too_close_to_call() {
        // Three iterations, all positive: the Wilson interval (z = 2) is [3/7, 1], so 0.6 is
        // inside it.
        let (centre, half) = wilson(1.0, 3.0);
        assert!((centre - half - 3.0 / 7.0).abs() < 1e-12, "{}", centre - half);
        assert!((centre + half - 1.0).abs() < 1e-12, "{}", centre + half);
        let v = judge("p_npv_positive", share(1.0, 3.0), Some(0.6), None);
        assert!(v.passed && v.too_close, "{v:?}");
        assert!(v.se.unwrap() > 0.1 && v.margin_se.unwrap() < 2.0, "{v:?}");
        let v = judge("p_npv_positive", share(0.0, 3.0), None, Some(0.3));
        assert!(v.passed && v.too_close, "{v:?}");
        // Ten thousand iterations, all positive: the interval is [0.9996, 1]; 0.6 is certain.
        let v = judge("p_npv_positive", share(1.0, 10_000.0), Some(0.6), None);
        assert!(v.passed && !v.too_close && v.margin_se.unwrap() > 100.0, "{v:?}");
        // Failing well outside the interval is not too close.
        let v = judge("p_npv_positive", share(0.2, 10_000.0), Some(0.6), None);
        assert!(!v.passed && !v.too_close, "{v:?}");
    }

    #[test]
    fn a_standard_error_of_rounding_noise_is_zero_spread() {
        // Identical iterations leave a standard error of rounding noise, not a real spread.
        let v = judge("npv.mean", mv(1234.5, Some(4e-13)), Some(1000.0), None);
        assert!(v.passed && !v.too_close);
        assert_eq!(v.margin_se, None);
        assert!(v.note.unwrap().contains("no spread"));
        // A small but real standard error still gives a margin.
        let v = judge("npv.mean", mv(1234.5, Some(0.5)), Some(1000.0), None);
        assert_eq!(v.margin_se, Some(469.0));
    }

    #[test]
    fn margin_is_signed_distance_in_standard_errors() {
        let v = judge("npv.mean", mv(1000.0, Some(100.0)), Some(500.0), None);
        assert!(v.passed);
        assert_eq!(v.margin_se, Some(5.0));
        assert!(!v.too_close);

        let v = judge("npv.mean", mv(1000.0, Some(100.0)), None, Some(400.0));
        assert!(!v.passed);
        assert_eq!(v.margin_se, Some(-6.0));

        // With both bounds the nearest one counts.
        let v = judge("p_npv_positive", mv(0.5, Some(0.01)), Some(0.2), Some(0.53));
        assert!(v.passed);
        assert!((v.margin_se.unwrap() - 3.0).abs() < 1e-9);
    }

    #[test]
    fn within_two_standard_errors_is_too_close_to_call_but_still_passes() {
        let v = judge("p_npv_positive", mv(0.615, Some(0.01)), Some(0.6), None);
        assert!(v.passed);
        assert!(v.too_close);
        assert!((v.margin_se.unwrap() - 1.5).abs() < 1e-9);

        let just_outside = judge("p_npv_positive", mv(0.621, Some(0.01)), Some(0.6), None);
        assert!(!just_outside.too_close);

        let failing_close = judge("p_npv_positive", mv(0.59, Some(0.01)), Some(0.6), None);
        assert!(!failing_close.passed);
        assert!(failing_close.too_close);

        // A value exactly on the bound holds (bounds are inclusive), with margin 0.
        let on_bound = judge("npv.mean", mv(0.0, Some(1.0)), Some(0.0), Some(0.0));
        assert!(on_bound.passed && on_bound.too_close);
    }

    #[test]
    fn undefined_value_fails_with_a_reason() {
        let v = judge(
            "break_even.p50_month",
            Some(MetricValue {
                value: None,
                se: None,
                share_of: None,
            }),
            None,
            Some(24.0),
        );
        assert!(!v.passed);
        assert!(v.note.unwrap().contains("fewer than half"));

        let nan = judge("npv.mean", mv(f64::NAN, Some(1.0)), Some(0.0), None);
        assert!(!nan.passed);
        assert_eq!(nan.value, None);

        let missing = judge("lines.x", None, Some(0.0), None);
        assert!(!missing.passed);
        assert!(missing.note.unwrap().contains("lines.x"));
    }

    #[test]
    fn no_standard_error_means_no_margin_and_says_so() {
        let v = judge("lines.wage", mv(-100.0, None), None, Some(0.0));
        assert!(v.passed);
        assert_eq!(v.margin_se, None);
        assert!(!v.too_close);
        assert!(v.note.unwrap().contains("no Monte Carlo standard error"));

        let zero = judge("retention_at_horizon", mv(1.0, Some(0.0)), Some(0.9), None);
        assert!(zero.passed && !zero.too_close && zero.margin_se.is_none());
    }

    /// A real run with two arrangements. Without instruments their money is the same, so the
    /// tests set the comparison's figures by hand to see which way they are read.
    fn two_arrangement_summary() -> Summary {
        let text = r#"
[scenario]
name = "pair"
start = "2027-01"
horizon_months = 12
iterations = 300
seed = 5

[[placement]]
name = "w"
hours_per_week = 20
wage = 15
value_per_productive_hour = { dist = "uniform", min = 20, max = 30 }
productivity = { start = 0.4, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 35, available_hours_per_week = 6 }

[[arrangement]]
name = "same as baseline"

[[expect]]
arrangement = "no support"
metric = "npv.mean"
at_least = -1e9
"#;
        let model = crate::scenario::parse(Path::new("pair.toml"), text).expect("valid");
        crate::app::simulate(&model, 1, None, false).expect("runs")
    }

    #[test]
    fn pair_metrics_flip_with_a_and_b() {
        let mut summary = two_arrangement_summary();
        let cmp = &mut summary.comparisons[0];
        cmp.mean_diff = 1234.0;
        cmp.p_a_better = 0.8;
        cmp.p_npv_positive_diff = 0.1;
        let (a, b) = (cmp.a.clone(), cmp.b.clone());
        let pair = |a: &str, b: &str, metric: &str| Expectation {
            target: ExpectTarget::Pair {
                a: a.to_owned(),
                b: b.to_owned(),
            },
            metric: metric.to_owned(),
            at_least: Some(0.5),
            at_most: None,
        };
        for (metric, forward, backward) in [
            ("mean_difference", 1234.0, -1234.0),
            ("p_a_better", 0.8, 0.2),
            ("p_npv_positive_diff", 0.1, -0.1),
        ] {
            let ab = evaluate(1, &pair(&a, &b, metric), &summary);
            let ba = evaluate(1, &pair(&b, &a, metric), &summary);
            assert!((ab.value.unwrap() - forward).abs() < 1e-12, "{metric}: {ab:?}");
            assert!((ba.value.unwrap() - backward).abs() < 1e-12, "{metric}: {ba:?}");
            assert_eq!(ab.se, ba.se, "{metric}");
            assert!(!ba.passed, "{metric} reversed is below 0.5");
        }
        let ab = evaluate(1, &pair(&a, &b, "p_a_better"), &summary);
        assert!(ab.passed);
        assert_eq!(ab.label(), format!("p_a_better of \"{a}\" vs \"{b}\""));
    }

    #[test]
    fn arrangement_metric_is_read_from_the_named_arrangement() {
        let summary = two_arrangement_summary();
        let e = Expectation {
            target: ExpectTarget::Arrangement("no support".to_owned()),
            metric: "npv.mean".to_owned(),
            at_least: None,
            at_most: Some(summary.arrangements[0].npv.mean - 1.0),
        };
        let r = evaluate(3, &e, &summary);
        assert_eq!(r.value, Some(summary.arrangements[0].npv.mean));
        assert_eq!(r.se, Some(summary.arrangements[0].npv.mcse));
        assert!(!r.passed);
        assert_eq!(r.label(), "npv.mean of \"no support\"");
        assert_eq!(
            r.bound_text(),
            "<= ".to_owned() + &(summary.arrangements[0].npv.mean - 1.0).to_string()
        );

        let unknown = Expectation {
            target: ExpectTarget::Arrangement("nope".to_owned()),
            ..e
        };
        assert!(!evaluate(1, &unknown, &summary).passed);
    }
}
