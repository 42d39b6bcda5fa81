//! The validated model of a class (a TOP-Academy, or any group placement at one employer):
//! the learning phase of its placements, the hiring decision at graduation, the school
//! calendar, the leermeesters and the lines booked once per class. Part of the model
//! (`model::Model::cohort`); `scenario/validate/cohort.rs` builds it, `sim/cohort.rs` runs it.

use crate::dist::Dist;
use crate::instruments::Hire;
use crate::vocab::Party;

/// The learning phase of a placement: a pupil, stagiair or bbl learner at the company on
/// school days only, without a wage (or with a stagevergoeding), until the hiring decision at
/// its end (graduation). A hired learner continues as an employee on the placement's own
/// terms (hours, wage, instruments) until the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct LearningPhase {
    /// Tenure months of the learning phase; the hiring decision falls in its last month.
    pub months: usize,
    /// Hours per week at the company in a school week (days per week × hours per day).
    pub hours_per_week: f64,
    /// Stagevergoeding per month (euros, paid by the company to the learner in every month of
    /// the phase; 0 for none). No wage, no employer's burden and no sick pay are booked.
    pub stipend_per_month: f64,
    /// Share of each scenario month's weekdays that are school days (horizon long).
    pub school_share: Vec<f64>,
}

/// The phase an instrument or a group line is scoped to (shared with the instruments).
pub use crate::vocab::Phase;

/// Ledger line of the stagevergoeding (company → learner).
pub const STIPEND_LINE: &str = "stagevergoeding";
/// Ledger line of the recruitment cost avoided by hiring a learner (recruitment market →
/// company): the value of a hire besides its production.
pub const RECRUITMENT_LINE: &str = "recruitment_avoided";

/// The class: what its placements share.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    pub name: String,
    /// How the hiring decision at the end of a learning phase is taken (the same mechanism a
    /// proefplaatsing uses).
    pub hire: Hire,
    /// Vacancies the company can fill with learners at graduation, drawn once per iteration;
    /// `None`: no limit.
    pub vacancies: Option<Dist>,
    /// The recruitment cost a hire avoids (a vacancy that would otherwise be hard to fill):
    /// euros per hire, booked in the month of hiring.
    pub recruitment_cost_avoided: f64,
    /// Where the calendar comes from: `noord`, `midden`, `zuid` or `own`.
    pub calendar: String,
    /// Share of each scenario month's weekdays that are school days (horizon long).
    pub school_share: Vec<f64>,
    /// Lines booked once per class, not per learner.
    pub lines: Vec<GroupLine>,
    /// The leermeesters, in file order.
    pub mentors: Vec<Mentor>,
    /// Per placement copy (all placements in file order): its mentor, if any.
    pub mentor_of_copy: Vec<Option<usize>>,
    /// A good or bad year for the whole class, if the scenario asks for one.
    pub class_shock: Option<ClassShock>,
}

/// The class's shared fortune: one standard-normal factor Z per iteration. Each learner's
/// hiring score is √ρ·Z + √(1 − ρ)·ε (ε its own standard normal), hired when Φ(score) falls
/// below the hiring probability, so two learners' scores correlate ρ; and every learner's
/// ramp months are multiplied by exp(−σ_ramp·Z) and dropout probability by exp(−σ_drop·Z)
/// (a good year, Z > 0, ramps up faster and loses fewer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassShock {
    pub correlation: f64,
    pub ramp_sd: f64,
    pub dropout_sd: f64,
}

/// A line booked once per class.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupLine {
    pub name: String,
    /// The name the report and workbook show (`label` in the scenario), if given.
    pub label: Option<crate::vocab::Label>,
    pub payer: Party,
    pub payee: Party,
    /// Euros per unit of `timing` (drawn once per iteration).
    pub amount: Dist,
    pub timing: GroupTiming,
    /// The amount scales with the share of the class still in its learning phase (a line that
    /// follows the number of learners); by default a group line does not shrink when a
    /// learner drops out.
    pub scales: bool,
    /// Booked only in the months in which some learner is in this phase (`None`: in all its
    /// months); with `scales`, the amount follows the share of the class in the phase.
    pub phase: Option<Phase>,
    /// Per placement (by index): whether its learners count for `phase` and `scales`
    /// (`placements` in the scenario; every learner when empty).
    pub groups: Vec<bool>,
}

impl GroupLine {
    /// Whether the learners of placement `p` count for the line.
    pub fn counts(&self, p: usize) -> bool {
        self.groups.get(p).copied().unwrap_or(true)
    }
}

/// When a group line falls due (scenario months).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupTiming {
    /// Once, in this scenario month.
    OneOff(usize),
    /// Every month from..=to.
    Monthly { from: usize, to: usize },
    /// Every school week from..=to: the month's school weeks (its school share × 52/12).
    SchoolWeekly { from: usize, to: usize },
}

/// A leermeester: a fixed mentor on the shop floor with hours for mentoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Mentor {
    pub name: String,
    /// Hours per week available for mentoring (the supervisor pool of its learners).
    pub hours_per_week: f64,
    pub max_pupils: usize,
    /// Probability per month that the mentor is away (sick or on leave) for the month.
    pub absence_probability: f64,
    /// Index of the supervisor pool that holds the mentor's hours.
    pub pool: usize,
}
