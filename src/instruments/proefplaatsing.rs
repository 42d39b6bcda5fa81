//! Proefplaatsing (trial placement): for the first months the worker keeps the benefit (a
//! flow from UWV or the gemeente to the worker) and the employer pays no wage. At the end the
//! worker is hired with a probability (default: the preset's share hired after a UWV trial
//! placement) or when productivity reaches a threshold; otherwise the placement ends. The
//! other instruments of the arrangement start at hiring. The hiring decision is the one
//! [`hiring_decision`] takes, which the course of the placement asks too.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{self, Books, Context, Control, Hire, MonthFacts, Scheme, Shared, hiring_decision};
use crate::diag::Range;
use crate::dist::InputSpec;
use crate::rates::Figure;
use crate::vocab::{LineDef, Party, Words};

pub const LINE: &str = "benefit_kept";

/// A logistic hiring curve: P(hired) = 1 / (1 + exp(−slope · (productivity − midpoint))).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHireCurve {
    /// Productivity (0..1) at which half of the learners are hired.
    pub midpoint: f64,
    /// Steepness per unit of productivity (> 0; 10 means P rises from 27% to 73% between
    /// midpoint − 0.1 and midpoint + 0.1).
    pub slope: f64,
}

/// The hiring rule of a curve, or an error message.
pub fn hire_curve(curve: RawHireCurve) -> Result<Hire, String> {
    if !(0.0..=1.0).contains(&curve.midpoint) {
        return Err(format!("midpoint {} is out of range; allowed: 0 to 1", curve.midpoint));
    }
    if !(curve.slope > 0.0 && curve.slope <= 1000.0) {
        return Err(format!("slope {} is out of range; allowed: above 0, at most 1000", curve.slope));
    }
    Ok(Hire::Logistic {
        midpoint: curve.midpoint,
        slope: curve.slope,
    })
}

/// Trial placement with the benefit kept (proefplaatsing).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProefplaatsing {
    /// Months of trial (default 2, at most 6).
    pub months: Option<i64>,
    /// Probability of being hired at the end (default: the preset's hire share).
    pub hire_probability: Option<f64>,
    /// Hired when productivity reaches this level at the end (instead of a probability).
    pub hire_threshold: Option<f64>,
    /// Hired with a probability that rises with the productivity reached at the end, a
    /// logistic curve (instead of a probability or a threshold).
    pub hire_curve: Option<RawHireCurve>,
    /// The benefit the worker keeps during the trial, euros per month.
    pub benefit_per_month: InputSpec,
    /// Who pays the benefit (default `uwv`).
    pub benefit_payer: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proefplaatsing {
    pub months: usize,
    pub hire: Hire,
    /// Index of the benefit amount among the model's instrument inputs.
    pub benefit_input: usize,
    pub benefit_payer: Party,
}

impl Proefplaatsing {
    /// See [`hiring_decision`].
    pub fn decision(&self, tenure: usize, productivity: f64, u: f64) -> Option<bool> {
        hiring_decision(self.months, self.hire, tenure, productivity, u)
    }
}

impl Scheme for Proefplaatsing {
    const KIND: &'static str = "proefplaatsing";
    const NAME: Words = Words {
        nl: "Proefplaatsing",
        en: "Trial placement",
    };
    const LINES: &'static [(&'static str, Words)] = &[(
        LINE,
        Words {
            nl: "Uitkering tijdens proefplaatsing",
            en: "Benefit kept during the trial",
        },
    )];
    const ACTS_BEFORE: bool = true;
    type Raw = RawProefplaatsing;
    type State = ();

    fn build(raw: &RawProefplaatsing, b: &mut Build) -> Self {
        let given = [raw.hire_probability.is_some(), raw.hire_threshold.is_some(), raw.hire_curve.is_some()];
        if given.iter().filter(|g| **g).count() > 1 {
            b.error("give one of `hire_probability`, `hire_threshold` and `hire_curve`, not more");
        }
        let hire = match (raw.hire_probability, raw.hire_threshold) {
            _ if raw.hire_curve.is_some() => match raw.hire_curve.map(hire_curve) {
                Some(Ok(h)) => h,
                Some(Err(e)) => {
                    b.error_at("hire_curve", e);
                    Hire::Probability(0.0)
                }
                None => Hire::Probability(0.0),
            },
            (Some(_), Some(_)) => Hire::Probability(0.0),
            (None, Some(t)) => Hire::Threshold(b.number(Some(t), "hire_threshold", Range::Probability, 0.0)),
            (p, None) => Hire::Probability(b.number(
                p,
                "hire_probability",
                Range::Probability,
                b.fig(Figure::ProefplaatsingHireShare),
            )),
        };
        Proefplaatsing {
            months: b.month_count(
                raw.months,
                b.fig(Figure::ProefplaatsingDefaultMonths),
                1.0,
                b.fig(Figure::ProefplaatsingMaxMonths),
                "months",
            ),
            hire,
            benefit_input: b.input(&raw.benefit_per_month, "benefit_per_month"),
            benefit_payer: b.payer(
                raw.benefit_payer.as_ref(),
                Party::Uwv,
                &[Party::Uwv, Party::Gemeente],
                "benefit_payer",
            ),
        }
    }

    fn parameters(&self, input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("months", self.months.to_string()),
            match self.hire {
                Hire::Probability(x) => ("hire_probability", rule::share(x)),
                Hire::Threshold(x) => ("hire_threshold", rule::share(x)),
                Hire::Logistic { midpoint, slope } => (
                    "hire_curve",
                    format!("logistic, midpoint {}, slope {slope}", rule::share(midpoint)),
                ),
            },
            ("benefit_per_month", input(self.benefit_input)),
            ("benefit_payer", self.benefit_payer.as_str().to_owned()),
        ]
    }

    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        vec![LineDef::new(LINE, self.benefit_payer, Party::Worker)]
    }

    fn trial(&self) -> Option<(usize, Hire)> {
        Some((self.months, self.hire))
    }

    /// No wage while on trial.
    #[inline(always)]
    fn before(
        &self,
        _s: &mut (),
        shared: &mut Shared,
        _ineligible: &mut bool,
        m: &MonthFacts,
        _cx: &Context,
    ) -> f64 {
        if shared.hired_at.is_none() && m.tenure < self.months {
            0.0
        } else {
            1.0
        }
    }

    /// The benefit kept, and in the trial's last month the hiring decision.
    fn on_trial(
        &self,
        shared: &mut Shared,
        m: &MonthFacts,
        cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) -> Control {
        books.book(lines[0], cx.draws.input(self.benefit_input));
        match self.decision(m.tenure, m.productivity, cx.draws.hire_uniform) {
            Some(true) => shared.hired_at = Some(m.tenure + 1),
            Some(false) => return Control::NotHired,
            None => {}
        }
        Control::Continue
    }
}
