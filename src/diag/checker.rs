//! The checker that validation walks a raw scenario with: it collects every problem as a
//! [`Diagnostic`] at its key path, and checks numbers and distributions against the range an
//! input must stay within.

use std::collections::BTreeSet;

use super::{Diagnostic, KeyPath, SourceMap};
use crate::dist::{Dist, InputSpec};

/// Largest magnitude a numeric input may reach: far above any amount, hour count or
/// multiplier of a placement, and far enough below `f64::MAX` that sums over months, copies
/// and iterations cannot overflow to infinity.
pub const MAX_MAGNITUDE: f64 = 1e12;
/// Tail probability at which an unbounded distribution's reach is measured.
pub const REACH_TAIL: f64 = 1e-12;

/// The range a numeric input must stay within, whatever its draw.
#[derive(Debug, Clone, Copy)]
pub enum Range {
    /// 0 ≤ x ≤ 1.
    Probability,
    /// 0 < x ≤ 1.
    PositiveShare,
    /// 0 ≤ x < 1.
    Persistence,
    /// x ≥ 0.
    NonNegative,
    /// x > 0.
    Positive,
    /// 0 < x ≤ 168: hours in a week.
    WeeklyHours,
}

impl Range {
    pub fn describe(self) -> &'static str {
        match self {
            Range::Probability => "between 0 and 1",
            Range::PositiveShare => "above 0 and at most 1",
            Range::Persistence => "at least 0 and below 1",
            Range::NonNegative => "at least 0",
            Range::Positive => "above 0",
            Range::WeeklyHours => "above 0 and at most 168 (the hours in a week)",
        }
    }

    pub fn admits(self, dist: &Dist) -> bool {
        let (lo, hi) = dist.support();
        let atom_at_lo = matches!(dist.kind(), "constant" | "discrete" | "bernoulli") || lo == hi;
        let lo_ok = |strict: bool| {
            if strict {
                lo > 0.0 || (lo == 0.0 && !atom_at_lo)
            } else {
                lo >= 0.0
            }
        };
        match self {
            Range::Probability => lo_ok(false) && hi <= 1.0,
            Range::PositiveShare => lo_ok(true) && hi <= 1.0,
            Range::Persistence => lo_ok(false) && (hi < 1.0 || (hi == 1.0 && !atom_at_lo)),
            Range::NonNegative => lo_ok(false),
            Range::Positive => lo_ok(true),
            Range::WeeklyHours => lo_ok(true) && hi <= HOURS_PER_WEEK,
        }
    }
}

/// Hours in a week: no weekly number of hours can be more.
pub const HOURS_PER_WEEK: f64 = 168.0;

/// Collects diagnostics while walking the raw scenario.
pub struct Checker<'s, 'a> {
    pub map: &'s SourceMap<'a>,
    pub errors: Vec<Diagnostic>,
    /// Warnings: the scenario stays valid.
    pub warnings: Vec<Diagnostic>,
    /// Where a problem is reported instead of its own path, or `None` to drop it (checking
    /// a placement as an arrangement changes it: only the changed keys' problems are new,
    /// and they belong where the arrangement writes them).
    pub remap: Option<Remap<'s>>,
}

/// See [`Checker::remap`].
pub type Remap<'s> = Box<dyn Fn(&KeyPath) -> Option<KeyPath> + 's>;

impl<'s, 'a> Checker<'s, 'a> {
    /// A checker that reports at the paths it is given.
    pub fn new(map: &'s SourceMap<'a>) -> Self {
        Self {
            map,
            errors: Vec::new(),
            warnings: Vec::new(),
            remap: None,
        }
    }

    pub fn error(&mut self, path: &KeyPath, message: impl Into<String>) {
        match &self.remap {
            None => self.errors.push(self.map.at_path(path, message)),
            Some(remap) => {
                if let Some(path) = remap(path) {
                    self.errors.push(self.map.at_path(&path, message));
                }
            }
        }
    }

    /// A warning at `path` (remapped like an error).
    pub fn warn(&mut self, path: &KeyPath, message: impl Into<String>) {
        let path = match &self.remap {
            None => Some(path.clone()),
            Some(remap) => remap(path),
        };
        if let Some(path) = path {
            let mut d = self.map.at_path(&path, message);
            d.warning = true;
            if !self.warnings.contains(&d) {
                self.warnings.push(d);
            }
        }
    }

    /// Builds a distribution and checks that every value it can take lies in `range`.
    pub fn input(&mut self, spec: &InputSpec, path: &KeyPath, range: Range) -> Dist {
        match spec.build() {
            Ok(dist) => {
                if !range.admits(&dist) {
                    let (lo, hi) = dist.support();
                    let what = match spec {
                        InputSpec::Constant(v) => format!("{v} is not allowed"),
                        InputSpec::Dist(_) => format!(
                            "{} can take values from {} to {}",
                            dist.describe(),
                            fmt_bound(lo),
                            fmt_bound(hi)
                        ),
                    };
                    self.error(path, format!("{what}; this input must be {}", range.describe()));
                } else if let Some(too_far) = beyond_magnitude(&dist) {
                    let what = match spec {
                        InputSpec::Constant(v) => format!("{v:e} is too large"),
                        InputSpec::Dist(_) => format!("{} reaches {too_far:e}", dist.describe()),
                    };
                    self.error(
                        path,
                        format!("{what}; inputs must stay within ±{MAX_MAGNITUDE:e}"),
                    );
                }
                dist
            }
            Err(problems) => {
                for p in problems {
                    let at = p.param.as_deref().map_or_else(|| path.clone(), |k| path.key(k));
                    self.error(&at, p.message);
                }
                constant(0.0)
            }
        }
    }

    pub fn optional_input(
        &mut self,
        spec: Option<&InputSpec>,
        path: &KeyPath,
        range: Range,
        default: f64,
    ) -> Dist {
        match spec {
            Some(spec) => self.input(spec, path, range),
            None => constant(default),
        }
    }

    /// A limit that is absent by default: `None` means no limit (+∞).
    pub fn limit(&mut self, value: Option<f64>, path: &KeyPath) -> f64 {
        match value {
            Some(v) => self.number(Some(v), path, Range::NonNegative, 0.0),
            None => f64::INFINITY,
        }
    }

    pub fn number(&mut self, value: Option<f64>, path: &KeyPath, range: Range, default: f64) -> f64 {
        let v = value.unwrap_or(default);
        if !v.is_finite() || !range.admits(&constant(v)) {
            self.error(
                path,
                format!("{v} is not allowed; it must be {}", range.describe()),
            );
        } else if v.abs() > MAX_MAGNITUDE {
            self.error(
                path,
                format!("{v:e} is too large; inputs must stay within ±{MAX_MAGNITUDE:e}"),
            );
        }
        v
    }

    /// A month count in `lo..=hi`.
    pub fn months(&mut self, value: i64, path: &KeyPath, lo: i64, hi: i64) -> usize {
        if value < lo || value > hi {
            self.error(path, format!("{value} is out of range; allowed: {lo} to {hi}"));
            return lo.max(0) as usize;
        }
        value as usize
    }

    pub fn name(&mut self, name: &str, path: &KeyPath, seen: &mut BTreeSet<String>, what: &str) {
        if name.trim().is_empty() {
            self.error(path, format!("the {what} name must not be empty"));
        } else if !seen.insert(name.to_owned()) {
            self.error(
                path,
                format!("duplicate {what} name `{name}`; names must be unique"),
            );
        }
    }
}

/// The value beyond ±[`MAX_MAGNITUDE`] that `dist` can reach (an unbounded tail is measured
/// at its 1e-12 quantile), if any.
pub fn beyond_magnitude(dist: &Dist) -> Option<f64> {
    let (lo, hi) = dist.support();
    let lo = if lo.is_finite() {
        lo
    } else {
        dist.quantile(REACH_TAIL)
    };
    let hi = if hi.is_finite() {
        hi
    } else {
        dist.quantile(1.0 - REACH_TAIL)
    };
    [lo, hi]
        .into_iter()
        .find(|x| x.is_nan() || x.abs() > MAX_MAGNITUDE)
}

pub fn fmt_bound(x: f64) -> String {
    if x.is_infinite() {
        if x > 0.0 { "+∞".into() } else { "−∞".into() }
    } else {
        format!("{x}")
    }
}

/// A constant input; a non-finite value (already reported) becomes 0.
pub fn constant(v: f64) -> Dist {
    Dist::constant(v)
        .or_else(|_| Dist::constant(0.0))
        .expect("0 is a valid constant")
}
