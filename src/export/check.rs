//! The reports of `inclusim check` on the console and as JSON: one line per expectation, in
//! the order the files were given, with nothing that changes from run to run (no timings).

use std::fmt::Write;

use serde::Serialize;

use super::euros;
use crate::check::{ExpectResult, Outcome, ScenarioCheck, Totals};
use crate::inert::inert;
use crate::model::MODEL_VERSION;

/// A number as a person reads it: euro amounts grouped in thousands, months with one
/// decimal, shares and probabilities with three.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        "–".to_owned()
    } else if x.abs() >= 1000.0 {
        euros(x)
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.3}")
    }
}

/// One line for one expectation: `PASS  npv.mean of "LKS" = 1,234 (>= 0; +12.3 SE)`.
pub fn expectation_line(e: &ExpectResult) -> String {
    let verdict = if e.passed { "PASS" } else { "FAIL" };
    let value = e.value.map_or_else(|| "undefined".to_owned(), number);
    let mut detail = e.bound_text();
    if let Some(m) = e.margin_se {
        let _ = write!(detail, "; margin {m:+.1} SE");
    }
    let mut line = format!(
        "  {verdict}  [[expect]] #{}: {} = {value} ({detail})",
        e.number,
        inert(&e.label())
    );
    if e.too_close {
        line.push_str(if e.passed {
            " — too close to call at this iteration count"
        } else {
            " — fails by less than 2 SE: too close to call at this iteration count"
        });
    }
    if let Some(note) = &e.note {
        let _ = write!(line, "\n        {}", inert(note));
    }
    line
}

/// The console report: a heading per file, a line per expectation, totals at the end.
pub fn text(results: &[ScenarioCheck]) -> String {
    let mut out = String::new();
    for r in results {
        match (&r.iterations, &r.seed) {
            (Some(n), Some(seed)) => {
                let (file, title) = (inert(&r.file), r.title());
                let _ = writeln!(out, "{file}: {} ({n} iterations, seed {seed})", inert(title));
            }
            _ => {
                let _ = writeln!(out, "{}", inert(&r.file));
            }
        }
        for w in &r.warnings {
            let _ = writeln!(out, "  WARN   {w}");
        }
        match &r.outcome {
            Outcome::Error { message, .. } => {
                let _ = writeln!(out, "  ERROR  the scenario is invalid or cannot run:");
                for line in message.lines() {
                    let _ = writeln!(out, "    {line}");
                }
            }
            Outcome::Ran { expectations } if expectations.is_empty() => {
                let _ = writeln!(
                    out,
                    "  PASS  the scenario runs; it has no [[expect]], so there is nothing to check"
                );
            }
            Outcome::Ran { expectations } => {
                for e in expectations {
                    let _ = writeln!(out, "{}", expectation_line(e));
                }
            }
        }
    }
    let t = Totals::of(results);
    let _ = writeln!(
        out,
        "\n{} scenario(s): {} passed, {} failed, {} invalid or not run; {} expectation(s): {} held, {} failed, {} too close to call",
        t.scenarios,
        t.scenarios_passed,
        t.scenarios_failed,
        t.scenarios_error,
        t.expectations,
        t.expectations_passed,
        t.expectations_failed,
        t.expectations_too_close
    );
    out
}

#[derive(Serialize)]
struct Report<'a> {
    inclusim_version: &'static str,
    model_version: &'static str,
    totals: Totals,
    scenarios: &'a [ScenarioCheck],
}

/// The machine-readable report (`check --json`), with a trailing newline.
pub fn json(results: &[ScenarioCheck]) -> Result<Vec<u8>, serde_json::Error> {
    let report = Report {
        inclusim_version: env!("CARGO_PKG_VERSION"),
        model_version: MODEL_VERSION,
        totals: Totals::of(results),
        scenarios: results,
    };
    let mut bytes = serde_json::to_vec_pretty(&report)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(passed: bool, too_close: bool, margin: Option<f64>) -> ExpectResult {
        ExpectResult {
            number: 2,
            arrangement: Some("LKS".to_owned()),
            a: None,
            b: None,
            metric: "p_npv_positive".to_owned(),
            at_least: Some(0.6),
            at_most: None,
            value: Some(0.65),
            se: Some(0.02),
            margin_se: margin,
            passed,
            too_close,
            note: None,
        }
    }

    #[test]
    fn lines_show_verdict_value_bound_and_margin() {
        assert_eq!(
            expectation_line(&result(true, false, Some(2.5))),
            "  PASS  [[expect]] #2: p_npv_positive of \"LKS\" = 0.650 (>= 0.6; margin +2.5 SE)"
        );
        let close = expectation_line(&result(true, true, Some(1.5)));
        assert!(
            close.ends_with("too close to call at this iteration count"),
            "{close}"
        );
        assert!(expectation_line(&result(false, false, Some(-3.0))).starts_with("  FAIL"));
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(-12345.6), "-12,346");
        assert_eq!(number(0.1234), "0.123");
        assert_eq!(number(14.0), "14.0");
        assert_eq!(number(0.0), "0.000");
        assert_eq!(number(f64::NAN), "–");
    }
}
