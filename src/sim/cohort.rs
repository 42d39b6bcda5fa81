//! The class in the engine (docs/model.md, "Cohorts"): what a learning month is (school days
//! only, no wage), the class's draws (vacancies, hiring draws, the mentors' absence, the
//! amounts of the group lines), the lines booked once per class, and the class's outcomes of
//! one iteration. The month loop calls in here through small hooks (`path.rs`,
//! `trajectory.rs`, `engine.rs`); with no `[cohort]` none of them does anything.

use crate::cohort::{Cohort, GroupTiming, LearningPhase, RECRUITMENT_LINE, STIPEND_LINE};
use crate::model::{Model, WEEKS_PER_MONTH};
use crate::vocab::{LineDef, Party};

use super::path::{CopyParams, MonthBase};
use super::plan::{MonthInfo, Plan};
use rand_distr::{Distribution, StandardNormal};

use super::rng::{input_stream, open_uniform, stream_id};

/// Φ, the standard normal distribution function.
fn std_normal_cdf(x: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2)
}
use super::trajectory::{Ending, Trajectory};
use crate::instruments::Books;

/// The class's draws of one iteration.
#[derive(Debug, Clone, Default)]
pub struct CohortDraws {
    /// Vacancies learners can fill this iteration (`usize::MAX`: no limit).
    pub vacancies: usize,
    /// Per copy: the hiring draw at graduation, U(0, 1).
    pub hire: Vec<f64>,
    /// Per pool and scenario month (`pools × horizon`): 1 when the pool's mentor is at work,
    /// 0 when away; empty without mentors.
    presence: Vec<f64>,
    horizon: usize,
    /// Per group line: its amount in this iteration.
    pub amounts: Vec<f64>,
    /// The class factor Z (0 without a class shock).
    pub class_z: f64,
}

impl CohortDraws {
    /// Draws iteration `iteration`: each from a stream of its own, named `cohort.…`, so that
    /// no other draw of the run moves.
    pub fn draw(&mut self, model: &Model, iteration: u64) {
        let Some(cohort) = &model.cohort else {
            return;
        };
        let seed = model.seed;
        self.vacancies = cohort.vacancies.as_ref().map_or(usize::MAX, |d| {
            let mut rng = input_stream(seed, iteration, 0, stream_id("cohort.vacancies"));
            d.sample(&mut rng).round().max(0.0) as usize
        });
        self.class_z = cohort.class_shock.map_or(0.0, |_| {
            let mut rng = input_stream(seed, iteration, 0, stream_id("cohort.class_shock"));
            StandardNormal.sample(&mut rng)
        });
        let rho = cohort.class_shock.map_or(0.0, |s| s.correlation);
        self.hire.clear();
        let hire_id = stream_id("cohort.hire");
        for c in 0..model.copies() {
            let mut rng = input_stream(seed, iteration, c as u64, hire_id);
            let own: f64 = StandardNormal.sample(&mut rng);
            // The hiring draw is Φ of the learner's score: uniform, correlated ρ in the class.
            let score = rho.sqrt() * self.class_z + (1.0 - rho).sqrt() * own;
            self.hire.push(std_normal_cdf(score));
        }
        self.horizon = model.horizon;
        self.presence.clear();
        if !cohort.mentors.is_empty() {
            self.presence.resize(model.pools.len() * model.horizon, 1.0);
            let away_id = stream_id("cohort.mentor_absence");
            for (m, mentor) in cohort.mentors.iter().enumerate() {
                if mentor.absence_probability == 0.0 {
                    continue;
                }
                let mut rng = input_stream(seed, iteration, m as u64, away_id);
                let row = &mut self.presence[mentor.pool * model.horizon..][..model.horizon];
                for present in row {
                    if open_uniform(&mut rng) < mentor.absence_probability {
                        *present = 0.0;
                    }
                }
            }
        }
        self.amounts.clear();
        let line_id = stream_id("cohort.line");
        for (i, line) in cohort.lines.iter().enumerate() {
            let amount = line.amount.as_constant().unwrap_or_else(|| {
                let mut rng = input_stream(seed, iteration, i as u64, line_id);
                line.amount.sample(&mut rng)
            });
            self.amounts.push(amount);
        }
    }

    /// Whether pool `pool`'s mentor is at work in month t (1) or away (0); 1 for a pool that
    /// is no mentor's.
    #[inline(always)]
    pub fn presence(&self, pool: usize, t: usize) -> f64 {
        if self.presence.is_empty() {
            1.0
        } else {
            self.presence[pool * self.horizon + t]
        }
    }
}

/// Copy c's parameters in a class: its learning phase and its mentor (whose hours are a
/// supervisor pool shared by the mentor's learners).
#[inline]
pub(super) fn adjust_params(
    model: &Model,
    draws: &CohortDraws,
    c: usize,
    pr: &mut CopyParams,
    learning: Option<&LearningPhase>,
) {
    let Some(cohort) = &model.cohort else {
        return;
    };
    pr.learning_months = learning.map_or(0, |l| l.months);
    if let (Some(shock), Some(_)) = (cohort.class_shock, learning) {
        // A good year (Z > 0) ramps up faster and loses fewer learners.
        let z = draws.class_z;
        pr.ramp_months *= (-shock.ramp_sd * z).exp();
        pr.ramp_step = super::plan::ramp_step(pr.ramp_months);
        pr.dropout *= (-shock.dropout_sd * z).exp();
        pr.dropout_covered = pr.dropout.clamp(0.0, 1.0);
    }
    if let Some(m) = cohort.mentor_of_copy.get(c).copied().flatten() {
        let mentor = &cohort.mentors[m];
        pr.pool = Some(mentor.pool);
        pr.available = mentor.hours_per_week;
    }
}

/// A month of the learning phase (overwrites what `path.rs` computed for an employee):
/// `hours_per_week` of the phase in school weeks only, pro rata the month's school days; no
/// wage, no sick pay (a learner is not employed); production of the hours worked.
#[inline]
pub(super) fn learning_month(
    l: &LearningPhase,
    pr: &CopyParams,
    t: usize,
    month: &MonthInfo,
    b: &mut MonthBase,
) {
    let share = l.school_share[t];
    let contract = l.hours_per_week * WEEKS_PER_MONTH * share;
    let employee_worked = b.worked;
    b.school = share;
    b.worked = contract * b.capacity * (1.0 - b.absent);
    b.paid = 0.0;
    b.sick_pay = 0.0;
    b.wage_full = 0.0;
    b.sick_wage_full = 0.0;
    b.production = b.worked * pr.value * month.profile.value;
    // A jobcoach's norm hours are a share of the hours worked; fixed hours are for school
    // weeks only.
    b.jobcoach_hours *= if pr.jobcoach_norm {
        if employee_worked > 0.0 {
            b.worked / employee_worked
        } else {
            0.0
        }
    } else {
        share
    };
    b.jobcoach_cost = b.jobcoach_hours * pr.jobcoach_tariff;
}

/// The hiring decision at the end of copy c's learning phase, in its last month, on that
/// month's productivity: the cohort's rule (the mechanism a proefplaatsing uses), then a
/// vacancy if one is left (vacancies go to the learners in the order they graduate, and in
/// one month in copy order). `None` while the phase runs.
#[inline]
pub(super) fn graduation(
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

/// The ledger lines of a class in one arrangement: the group lines, the stagevergoeding and
/// the recruitment cost avoided.
#[derive(Debug, Clone)]
pub struct CohortLines {
    /// Per group line: its line index.
    pub group: Vec<usize>,
    pub stipend: usize,
    pub recruitment: usize,
}

impl CohortLines {
    /// Registers the class's lines (after the others).
    pub fn register(model: &Model, lines: &mut Vec<LineDef>) -> Option<Self> {
        let cohort = model.cohort.as_ref()?;
        let mut id = |name: &str, payer: Party, payee: Party| match lines.iter().position(|d| d.name == name)
        {
            Some(i) => i,
            None => {
                lines.push(LineDef::new(name, payer, payee));
                lines.len() - 1
            }
        };
        let group = cohort
            .lines
            .iter()
            .map(|l| id(&l.name, l.payer, l.payee))
            .collect();
        Some(Self {
            group,
            stipend: id(STIPEND_LINE, Party::Employer, Party::Worker),
            recruitment: id(RECRUITMENT_LINE, Party::Market, Party::Employer),
        })
    }
}

/// A copy's course in a class: whether it finished its learning phase and was hired, and in
/// which scenario month the hire starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassCourse {
    pub learner: bool,
    pub completed: bool,
    pub hired: bool,
    /// Still employed at the horizon (hired and neither dropped out nor past the contract).
    pub employed_at_horizon: bool,
    /// Left during the learning phase.
    pub dropped_out: bool,
}

/// The class course of copy c from its trajectory: the decision falls in the phase's last
/// month, so a copy that is active after it was hired; one that stops in that month was hired
/// when it ended as completed (the horizon or the contract), not when it dropped out or was
/// not hired.
pub(super) fn class_course(
    pr: &CopyParams,
    trajectory: &Trajectory,
    c: usize,
    horizon: usize,
) -> ClassCourse {
    let (stop, ending) = (trajectory.stop[c], trajectory.ending[c]);
    let l = pr.learning_months;
    if l == 0 {
        return ClassCourse {
            learner: false,
            completed: false,
            hired: false,
            employed_at_horizon: ending == Ending::Completed && stop >= horizon,
            dropped_out: ending == Ending::Dropout,
        };
    }
    let end_of_phase = pr.start + l;
    let hired = stop > end_of_phase || (stop == end_of_phase && ending == Ending::Completed);
    let completed = hired || (stop == end_of_phase && ending == Ending::NotHired);
    ClassCourse {
        learner: true,
        completed,
        hired,
        employed_at_horizon: hired && ending == Ending::Completed && stop >= horizon,
        dropped_out: !completed && ending == Ending::Dropout,
    }
}

/// Books the class's lines of one arrangement: each group line in its months (scaled by the
/// share of the class still learning when it says so), the stagevergoeding of every learning
/// month, and the recruitment cost avoided in each hire's first month.
#[allow(clippy::too_many_arguments)]
pub(super) fn book(
    lines: &CohortLines,
    model: &Model,
    plan: &Plan,
    draws: &CohortDraws,
    params: &[CopyParams],
    trajectory: &Trajectory,
    books: &mut Books,
) {
    let Some(cohort) = &model.cohort else {
        return;
    };
    let horizon = model.horizon;
    let learners = params.iter().filter(|p| p.learning_months > 0).count();
    let learning_in = |t: usize| {
        params
            .iter()
            .enumerate()
            .filter(|(c, p)| {
                p.learning_months > 0
                    && p.start <= t
                    && t < trajectory.stop[*c].min(p.start + p.learning_months)
            })
            .count()
    };
    for (i, line) in cohort.lines.iter().enumerate() {
        let amount = draws.amounts[i];
        let (from, to, per_week) = match line.timing {
            GroupTiming::OneOff(m) => (m, m, false),
            GroupTiming::Monthly { from, to } => (from, to, false),
            GroupTiming::SchoolWeekly { from, to } => (from, to, true),
        };
        for t in from..=to.min(horizon.saturating_sub(1)) {
            let mut x = amount;
            if per_week {
                x *= cohort.school_share[t] * WEEKS_PER_MONTH;
            }
            if line.scales {
                x *= learning_in(t) as f64 / learners.max(1) as f64;
            }
            books.t = t;
            books.book(lines.group[i], x);
        }
    }
    for (c, pr) in params.iter().enumerate() {
        let Some(learning) = model.placements[plan.copy_placement[c]].learning.as_ref() else {
            continue;
        };
        let stop = trajectory.stop[c];
        for t in pr.start..stop.min(pr.start + learning.months) {
            books.t = t;
            books.book(lines.stipend, learning.stipend_per_month);
        }
        let course = class_course(pr, trajectory, c, horizon);
        if course.hired && pr.start + learning.months < horizon {
            books.t = pr.start + learning.months;
            books.book(lines.recruitment, cohort.recruitment_cost_avoided);
        }
    }
}

/// Per placement in [`outcome`]'s `groups`: learners, completed, hired, the sum of the
/// learners' mentor coverage over their months in need, and those months.
pub const GROUP_FIELDS: usize = 5;

/// The class's outcome of one arrangement in one iteration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CohortOutcome {
    pub pupils: u32,
    pub completed: u32,
    pub hired: u32,
    pub still_employed: u32,
    pub dropped_out: u32,
    /// Mentor (supervision) hours given to learners in their learning phase, per pupil.
    pub mentor_hours_per_pupil: f64,
    /// Mentor-months in which a mentor's learners needed supervision, and of those the ones
    /// in which they got less than they needed.
    pub mentor_months: u32,
    pub mentor_months_short: u32,
}

/// The class's outcome of one arrangement; appended to `coverage` (one per scenario month)
/// the mean coverage of the learners who needed supervision that month (NaN when none did),
/// and to `groups` per placement its learners, completed and hired.
pub(super) fn outcome(
    model: &Model,
    plan: &Plan,
    (params, trajectory): (&[CopyParams], &Trajectory),
    coverage: &mut Vec<f64>,
    groups: &mut Vec<f64>,
) -> CohortOutcome {
    let first_group = groups.len();
    groups.resize(first_group + GROUP_FIELDS * model.placements.len(), 0.0);
    let horizon = model.horizon;
    let mut out = CohortOutcome::default();
    let mut hours = 0.0;
    let base = coverage.len();
    coverage.resize(base + horizon, 0.0);
    let mut covered_n = vec![0u32; horizon];
    let cohort = model.cohort.as_ref();
    let mentors = cohort.map_or(0, |c| c.mentors.len());
    // Per mentor and month: whether its learners needed supervision, and whether short.
    let mut needed = vec![false; mentors * horizon];
    let mut short = vec![false; mentors * horizon];
    for (c, pr) in params.iter().enumerate() {
        let course = class_course(pr, trajectory, c, horizon);
        if !course.learner {
            continue;
        }
        out.pupils += 1;
        out.completed += u32::from(course.completed);
        out.hired += u32::from(course.hired);
        out.still_employed += u32::from(course.employed_at_horizon);
        out.dropped_out += u32::from(course.dropped_out);
        let g = first_group + GROUP_FIELDS * plan.copy_placement[c];
        groups[g] += 1.0;
        groups[g + 1] += f64::from(u8::from(course.completed));
        groups[g + 2] += f64::from(u8::from(course.hired));
        let mentor = cohort.and_then(|k| k.mentor_of_copy.get(c).copied().flatten());
        let stop = trajectory.stop[c].min(pr.start + pr.learning_months);
        for t in pr.start..stop {
            let month = &trajectory.months[c * horizon + t];
            hours += (month.employer_given + month.provider_given) * WEEKS_PER_MONTH;
            if month.employer_given > 0.0 || month.coverage < 1.0 {
                coverage[base + t] += month.coverage;
                covered_n[t] += 1;
                groups[g + 3] += month.coverage;
                groups[g + 4] += 1.0;
                if let Some(m) = mentor {
                    needed[m * horizon + t] = true;
                    short[m * horizon + t] |= month.coverage < 1.0 - 1e-12;
                }
            }
        }
    }
    for (x, n) in coverage[base..].iter_mut().zip(&covered_n) {
        *x = if *n > 0 { *x / f64::from(*n) } else { f64::NAN };
    }
    out.mentor_hours_per_pupil = hours / f64::from(out.pupils.max(1));
    out.mentor_months = needed.iter().filter(|x| **x).count() as u32;
    out.mentor_months_short = short.iter().filter(|x| **x).count() as u32;
    out
}

/// The class of a model, if it has one.
pub fn of(model: &Model) -> Option<&Cohort> {
    model.cohort.as_ref()
}
