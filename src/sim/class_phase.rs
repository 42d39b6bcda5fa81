//! What a class changes in the month loop (`[cohort]`, docs/model.md section 6): a learner's
//! parameters (its learning phase, the class's fortune, its mentor's hours), a month of the
//! learning phase (school days only, no wage), and the hiring decision at graduation within
//! the vacancies. `path.rs` and `trajectory.rs` call these through small hooks; they take and
//! return plain values, so that this file depends on neither.

use super::class_draws::CohortDraws;
use crate::cohort::LearningPhase;
use crate::model::{Model, WEEKS_PER_MONTH};

/// What the class changes in copy c's parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassParams {
    /// Months of the learning phase (0: not a learner).
    pub learning_months: usize,
    /// Multipliers on the ramp months and the monthly dropout probability (the class's
    /// fortune; 1 without a class shock).
    pub ramp_factor: f64,
    pub dropout_factor: f64,
    /// The mentor's supervisor pool and its hours per week.
    pub mentor: Option<(usize, f64)>,
}

/// Copy c's changes in a class; `None` without a class.
#[inline]
pub fn class_params(
    model: &Model,
    draws: &CohortDraws,
    c: usize,
    learning: Option<&LearningPhase>,
) -> Option<ClassParams> {
    let cohort = model.cohort.as_ref()?;
    let (mut ramp_factor, mut dropout_factor) = (1.0, 1.0);
    if let (Some(shock), Some(_)) = (cohort.class_shock, learning) {
        // A good year (Z > 0) ramps up faster and loses fewer learners.
        ramp_factor = (-shock.ramp_sd * draws.class_z).exp();
        dropout_factor = (-shock.dropout_sd * draws.class_z).exp();
    }
    let mentor = cohort.mentor_of_copy.get(c).copied().flatten().map(|m| {
        let mentor = &cohort.mentors[m];
        (mentor.pool, mentor.hours_per_week)
    });
    Some(ClassParams {
        learning_months: learning.map_or(0, |l| l.months),
        ramp_factor,
        dropout_factor,
        mentor,
    })
}

/// A month of the learning phase, from what `path.rs` computed for an employee.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LearningMonth {
    /// Share of the month's weekdays at the company (school days).
    pub school: f64,
    /// Hours worked and the production value at productivity 1.
    pub worked: f64,
    pub production: f64,
    /// Factor on the jobcoach's hours.
    pub jobcoach_factor: f64,
}

/// Month t of the learning phase: `hours_per_week` of the phase on school days only, pro
/// rata the month's school days, times capacity c and presence (1 − a); a jobcoach's norm
/// hours follow the hours worked, fixed hours the school days. No wage and no sick pay: a
/// learner is not employed (the caller sets them to 0).
#[inline]
pub fn learning_month(
    l: &LearningPhase,
    t: usize,
    (capacity, absent): (f64, f64),
    (employee_worked, value_per_hour, jobcoach_norm): (f64, f64, bool),
) -> LearningMonth {
    let school = l.school_share[t];
    let worked = l.hours_per_week * WEEKS_PER_MONTH * school * capacity * (1.0 - absent);
    let jobcoach_factor = if !jobcoach_norm {
        school
    } else if employee_worked > 0.0 {
        worked / employee_worked
    } else {
        0.0
    };
    LearningMonth {
        school,
        worked,
        production: worked * value_per_hour,
        jobcoach_factor,
    }
}

/// The hiring decision at the end of copy c's learning phase, in its last month, on that
/// month's productivity: the cohort's rule (the mechanism a proefplaatsing uses), then a
/// vacancy if one is left (vacancies go to the learners in the order they graduate, and in
/// one month in copy order). `None` while the phase runs.
#[inline]
pub fn graduation(
    model: &Model,
    draws: &CohortDraws,
    vacancies: &std::cell::Cell<usize>,
    (c, tenure, learning_months): (usize, usize, usize),
    productivity: f64,
) -> Option<bool> {
    let cohort = model.cohort.as_ref()?;
    let wants = crate::instruments::hiring_decision(
        learning_months,
        cohort.hire,
        tenure,
        productivity,
        draws.hire[c],
    )?;
    if !wants || vacancies.get() == 0 {
        return Some(false);
    }
    vacancies.set(vacancies.get().saturating_sub(1));
    Some(true)
}
