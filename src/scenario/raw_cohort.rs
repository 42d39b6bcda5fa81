//! `[cohort]` and `[placement.learning]` as written: a class of learners, their learning
//! phase, the school calendar, the hiring at graduation, the leermeesters and the lines
//! booked once per class. Validated by `validate/cohort.rs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::dist::InputSpec;
pub use crate::instruments::proefplaatsing::RawHireCurve;

/// `[placement.learning]`: the placement starts with a learning phase (a pupil, stagiair or
/// bbl learner), at the company on school days only, without a wage; employment follows
/// only when the company hires the learner at its end (`[cohort]` says how).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLearning {
    /// Months of the learning phase from the placement's start (required: a phase ends).
    #[schemars(range(min = 1, max = 600))]
    pub months: Option<i64>,
    /// Hours per week at the company in a school week (days per week × hours per day; default
    /// the placement's `hours_per_week` when it is a number).
    #[schemars(range(min = 0, max = 168))]
    pub hours_per_week: Option<f64>,
    /// Days per week at the company (with `hours_per_day`, instead of `hours_per_week`).
    #[schemars(range(min = 0, max = 7))]
    pub days_per_week: Option<f64>,
    /// Hours per day at the company (with `days_per_week`).
    #[schemars(range(min = 0, max = 24))]
    pub hours_per_day: Option<f64>,
    /// Stagevergoeding per month in euros, paid by the company (default 0).
    #[schemars(range(min = 0))]
    pub stipend_per_month: Option<f64>,
}

/// `[cohort]`: what the learners of a class share.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCohort {
    pub name: Option<String>,
    /// School-holiday region: `noord`, `midden` or `zuid` (the shipped Dutch school
    /// holidays), or `own` with `[[cohort.holiday]]`.
    pub calendar: Option<String>,
    /// The scenario's own school holidays (with `calendar = "own"`).
    #[serde(default, rename = "holiday")]
    pub holidays: Vec<RawHoliday>,
    /// Probability that a learner is hired at graduation.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub hire_probability: Option<f64>,
    /// Hired when productivity at graduation reaches this level.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub hire_threshold: Option<f64>,
    /// Hired with a probability that rises with the productivity reached (logistic).
    pub hire_curve: Option<RawHireCurve>,
    /// Vacancies the company can fill with learners at graduation (a number or a
    /// distribution, drawn once per iteration; default: no limit).
    pub vacancies: Option<InputSpec>,
    /// The recruitment cost a hire avoids, euros per hire (a vacancy that would be hard to
    /// fill otherwise; default 0).
    #[schemars(range(min = 0))]
    pub recruitment_cost_avoided: Option<f64>,
    /// A good or bad year for the whole class: a common factor in every learner's hiring,
    /// ramp-up and dropout.
    pub class_shock: Option<RawClassShock>,
    #[serde(default, rename = "mentor")]
    pub mentors: Vec<RawMentor>,
    #[serde(default, rename = "cost")]
    pub costs: Vec<RawGroupLine>,
    #[serde(default, rename = "benefit")]
    pub benefits: Vec<RawGroupLine>,
}

/// `[cohort] class_shock`: the class's shared fortune (docs/model.md, "Cohorts").
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawClassShock {
    /// Correlation ρ of two learners' hiring scores (0 ≤ ρ < 1).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub correlation: f64,
    /// σ of the class factor on the log of the ramp months (default 0).
    #[schemars(range(min = 0.0))]
    pub ramp_sd: Option<f64>,
    /// σ of the class factor on the log of the monthly dropout probability (default 0).
    #[schemars(range(min = 0.0))]
    pub dropout_sd: Option<f64>,
}

/// `[[cohort.holiday]]`: a school holiday, first and last day included.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHoliday {
    pub name: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, `YYYY-MM-DD`.
    pub to: String,
}

/// `[[cohort.mentor]]`: a leermeester.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMentor {
    pub name: String,
    /// Hours per week for mentoring (shared by the mentor's learners in proportion to need).
    #[schemars(range(min = 0, max = 168))]
    pub hours_per_week: f64,
    /// Most learners the mentor takes.
    #[schemars(range(min = 1, max = 100))]
    pub max_pupils: i64,
    /// Probability per month that the mentor is away (sick, leave) for the month (default 0).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub absence_probability: Option<f64>,
    /// The placements (groups) whose learners this mentor takes, in order (default: any).
    pub placements: Option<Vec<String>>,
}

/// `[[cohort.cost]]` / `[[cohort.benefit]]`: a line booked once per class.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroupLine {
    pub name: String,
    /// The name shown in the report and workbook: one text or one per language
    /// (`{ nl = "Praktijkles: lokaal", en = "Practical lesson: room" }`); default: `name`.
    pub label: Option<super::raw_label::RawLabel>,
    /// Euros per month, per school week (`per = "school_week"`) or once (`at_month`).
    pub amount: InputSpec,
    /// `month` (default) or `school_week` (the month's school weeks by the calendar).
    pub per: Option<String>,
    /// Scenario month of a one-off amount.
    pub at_month: Option<i64>,
    /// First and last scenario month (default: the whole horizon).
    pub from_month: Option<i64>,
    pub to_month: Option<i64>,
    /// Who pays a cost (default `employer`); for a benefit, `party` pays.
    pub payer: Option<String>,
    /// The other party: the payee of a cost (default `supplier`), the payer of a benefit
    /// (default `gemeente`).
    pub party: Option<String>,
    /// The amount follows the share of the class still in its learning phase (default false:
    /// a group line does not shrink when a learner drops out).
    pub scales: Option<bool>,
    /// `learning`: the line runs only while some learner of the class is in the learning
    /// phase (it stops when the last one graduates or leaves); `employment`: only while some
    /// hired learner is employed. Default: in its months, whoever is there.
    pub phase: Option<String>,
    /// The groups (placements with a learning phase) the line is for, e.g. the lesson of one
    /// school for its own pupils: `phase` and `scales` then count only their learners.
    /// Default: the whole class.
    pub placements: Option<Vec<String>>,
}
