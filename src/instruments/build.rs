//! What an instrument's validation works with: the checker, the instrument's key path, the
//! rates preset's figures at the scenario start, what the scenario's placements offer, and
//! the list its uncertain inputs go to.

use crate::calendar::YearMonth;
use crate::diag::{Checker, KeyPath, Range, unknown_key_message};
use crate::dist::{Dist, InputSpec};
use crate::rates::{Figure, Rates};
use crate::vocab::Party;

/// What the scenario's placements offer the instruments.
#[derive(Debug, Clone, Default)]
pub struct ScenarioFacts {
    /// Whether some placement has a `jobcoach` block.
    pub has_jobcoach: bool,
    /// The names of the placements' cost lines.
    pub cost_lines: Vec<String>,
    /// Line names taken already (the built-in lines and the instruments' own).
    pub reserved_lines: Vec<&'static str>,
}

/// An uncertain instrument input, drawn once per iteration and copy from a stream of its
/// own, named by the instrument and key (`detachering.tariff_per_hour`), so that its draws
/// do not depend on the other arrangements, and the same input of two arrangements draws
/// the same numbers (common random numbers).
#[derive(Debug, Clone)]
pub struct InputDef {
    /// `arrangement/identity.key`, as `samples.csv` names it.
    pub path: String,
    pub dist: Dist,
    /// `identity.key`: the name of its random stream.
    pub stream: String,
}

/// Validation of one instrument of an arrangement.
pub struct Build<'b, 's, 'a> {
    pub c: &'b mut Checker<'s, 'a>,
    /// The instrument's own key path (`arrangement[1].instruments[0]`).
    pub path: KeyPath,
    pub scenario: &'b ScenarioFacts,
    rates: &'b Rates,
    start: YearMonth,
    arrangement: &'b str,
    identity: String,
    inputs: &'b mut Vec<InputDef>,
}

impl<'b, 's, 'a> Build<'b, 's, 'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        c: &'b mut Checker<'s, 'a>,
        path: KeyPath,
        scenario: &'b ScenarioFacts,
        rates: &'b Rates,
        start: YearMonth,
        arrangement: &'b str,
        identity: String,
        inputs: &'b mut Vec<InputDef>,
    ) -> Self {
        Self {
            c,
            path,
            scenario,
            rates,
            start,
            arrangement,
            identity,
            inputs,
        }
    }

    /// The key path of one of the instrument's keys.
    pub fn at(&self, key: &str) -> KeyPath {
        self.path.key(key)
    }

    /// A figure of the rates preset in force at the scenario start.
    pub fn fig(&self, figure: Figure) -> f64 {
        self.rates.get(figure, self.start)
    }

    /// Reports a problem with the instrument as a whole.
    pub fn error(&mut self, message: impl Into<String>) {
        let path = self.path.clone();
        self.c.error(&path, message);
    }

    /// Reports a problem at one of its keys.
    pub fn error_at(&mut self, key: &str, message: impl Into<String>) {
        let path = self.at(key);
        self.c.error(&path, message);
    }

    /// A number in `range`, or the default.
    pub fn number(&mut self, value: Option<f64>, key: &str, range: Range, default: f64) -> f64 {
        let path = self.at(key);
        self.c.number(value, &path, range, default)
    }

    /// A limit that is absent by default: `None` means no limit (+∞).
    pub fn limit(&mut self, value: Option<f64>, key: &str) -> f64 {
        let path = self.at(key);
        self.c.limit(value, &path)
    }

    /// A month count in `lo..=hi`.
    pub fn months(&mut self, value: i64, key: &str, lo: i64, hi: i64) -> usize {
        let path = self.at(key);
        self.c.months(value, &path, lo, hi)
    }

    /// A whole number of months in `lo..=hi` (figures from the preset give the bounds).
    pub fn month_count(&mut self, value: Option<i64>, default: f64, lo: f64, hi: f64, key: &str) -> usize {
        let v = value.map_or(default, |v| v as f64);
        if v < lo || v > hi || v.fract() != 0.0 {
            self.error_at(key, format!("{v} is out of range; allowed: {lo} to {hi} months"));
            return lo.max(0.0) as usize;
        }
        v as usize
    }

    /// A payer among `allowed` (named in the scenario) or the default.
    pub fn payer(&mut self, name: Option<&String>, default: Party, allowed: &[Party], key: &str) -> Party {
        let Some(name) = name else {
            return default;
        };
        match allowed.iter().find(|p| p.as_str() == name) {
            Some(p) => *p,
            None => {
                let keys: Vec<&str> = allowed.iter().map(|p| p.as_str()).collect();
                self.error_at(key, unknown_key_message("payer", name, &keys));
                default
            }
        }
    }

    /// An uncertain input (at least 0): returns its index among the model's instrument
    /// inputs.
    pub fn input(&mut self, spec: &InputSpec, key: &str) -> usize {
        let path = self.at(key);
        let dist = self.c.input(spec, &path, Range::NonNegative);
        self.inputs.push(InputDef {
            path: format!("{}/{}.{key}", self.arrangement, self.identity),
            dist,
            stream: format!("{}.{key}", self.identity),
        });
        self.inputs.len() - 1
    }
}
