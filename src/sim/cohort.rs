//! The class in the engine's money and outcomes (`[cohort]`, docs/model.md section 6): the
//! lines booked once per class, the stagevergoeding and the recruitment cost avoided, and
//! the class's outcomes of one iteration (completed, hired, still employed, dropped out,
//! mentor hours and coverage). `engine.rs` calls these through small hooks; the draws are in
//! `class_draws.rs`, the learning month and the hiring decision in `class_phase.rs`.

use crate::cohort::{GroupLine, GroupTiming, Phase};
use crate::instruments::Books;
use crate::model::{Model, WEEKS_PER_MONTH};

use super::class_draws::CohortDraws;
use super::class_lines::CohortLines;
use super::path::CopyParams;
use super::plan::Plan;
use super::trajectory::{Ending, Trajectory};

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
    if pr.absent {
        // Beyond the drawn class size: not a pupil this iteration.
        return ClassCourse {
            learner: false,
            completed: false,
            hired: false,
            employed_at_horizon: false,
            dropped_out: false,
        };
    }
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
    // A line that scales is stated for its learners at their largest (every group at its
    // largest count), so it also follows a drawn class size.
    // The line's learners in month t: in `phase` (learning from the start until graduation or
    // leaving; employed from hiring until the copy stops), or all of them with `None`.
    let count = |line: &GroupLine, phase: Option<Phase>, t: usize| {
        params
            .iter()
            .enumerate()
            .filter(|(c, p)| {
                let (start, end) = (p.start, p.start + p.learning_months);
                p.learning_months > 0
                    && line.counts(plan.copy_placement[*c])
                    && match phase {
                        None => true,
                        Some(Phase::Learning) => start <= t && t < trajectory.stop[*c].min(end),
                        Some(Phase::Employment) => end <= t && t < trajectory.stop[*c],
                    }
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
        let scoped = line.scales || line.phase.is_some();
        let all = if scoped { count(line, None, 0) } else { 0 };
        for t in from..=to.min(horizon.saturating_sub(1)) {
            let mut x = amount;
            if per_week {
                x *= cohort.school_share[t] * WEEKS_PER_MONTH;
            }
            let in_phase = if scoped {
                count(line, Some(line.phase.unwrap_or(Phase::Learning)), t)
            } else {
                0
            };
            if line.phase.is_some() && in_phase == 0 {
                continue;
            }
            if line.scales {
                x *= in_phase as f64 / all.max(1) as f64;
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
