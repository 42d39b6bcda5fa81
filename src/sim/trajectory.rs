//! The physical course of every copy under one way of working: supervision need and the hours
//! given (supervisor pools share theirs in proportion to need), coverage, learning and the
//! productivity ramp, and the end of the placement (dropout, a trial placement that ends
//! without hiring, the contract end).
//!
//! Arrangements change this course through the variant of the placements they simulate (a
//! jobcoach who takes over part of the supervision need and may lower dropout and speed up
//! learning; other supervision hours or inputs), through the share of the supervision need
//! that the employer's own supervisors cover (detachering lets the provider cover part) and
//! through a trial placement (proefplaatsing), whose hiring decision can end the placement.
//! All other instrument rules move money, not people. Arrangements with the same [`Course`]
//! therefore share one trajectory, computed once per iteration; only their money is
//! evaluated apart.

use crate::instruments::hiring_decision;
use crate::model::{Model, WEEKS_PER_MONTH};

use super::draws::IterationDraws;
use super::path::{CopyParams, MonthBase, PathContext, Paths, RampShapeCode, ramp};
use super::plan::{Course, LN_TENTH, Plan};

/// How a copy's placement ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Ending {
    /// Still employed at the horizon.
    #[default]
    Completed,
    /// The contract ran out before the horizon (a traineeship, a fixed term): not a
    /// dropout, and not employed at the horizon either.
    ContractEnded,
    /// Dropped out (the exit cost falls in the last month).
    Dropout,
    /// The trial placement ended without hiring.
    NotHired,
}

/// One active month of a copy under one course.
#[derive(Debug, Clone, Copy, Default)]
pub struct CourseMonth {
    pub productivity: f64,
    /// Supervision given / needed (1 when nothing is needed).
    pub coverage: f64,
    /// Supervision hours per week given by the employer's and by the provider's supervisors.
    pub employer_given: f64,
    pub provider_given: f64,
}

/// The course of every copy of one iteration under one [`Course`].
#[derive(Debug, Default)]
pub struct Trajectory {
    /// Per copy and month (`copies × horizon`, copy-major), for active months only.
    pub months: Vec<CourseMonth>,
    /// Per copy: one past its last active month (its start when it never starts).
    pub stop: Vec<usize>,
    pub ending: Vec<Ending>,
    states: Vec<CopyState>,
    pool_need: Vec<f64>,
    active: Vec<bool>,
}

/// A copy's state while its course is followed.
#[derive(Debug, Clone, Copy, Default)]
struct CopyState {
    active: bool,
    done: bool,
    /// Hired after a trial placement (the decision is taken once).
    hired: bool,
    tenure: usize,
    learning: f64,
    /// 0.1^(L/T90), the share of the gap still open on the exponential ramp.
    gap_open: f64,
    decay: f64,
    productivity: f64,
    need: f64,
    /// The part of the need the jobcoach takes over this month, hours per week.
    coached: f64,
    /// Whether a jobcoach coaches this month.
    with_coach: bool,
}

impl Trajectory {
    /// Follows every copy from its start until it ends. Without supervisor pools the copies are
    /// independent and each runs through its months on its own (copy-major). Copies that share
    /// a pool share its hours month by month, so then each month is first begun for all
    /// copies, the pools' hours are divided, and the month finished for all copies
    /// (month-major). Both orders run the same two steps. A copy's months are filled in
    /// `paths` as the course reaches them.
    pub(super) fn follow(
        &mut self,
        model: &Model,
        plan: &Plan,
        course: &Course,
        draws: &IterationDraws,
        params: &[CopyParams],
        paths: &mut Paths,
    ) {
        let horizon = model.horizon;
        let copies = params.len();
        // Only a copy's active months are written, and only those are read.
        self.months.resize(copies * horizon, CourseMonth::default());
        self.stop.clear();
        self.stop.extend(params.iter().map(|pr| pr.start.min(horizon)));
        self.ending.clear();
        self.ending.resize(copies, Ending::Completed);
        let step = Step {
            model,
            plan,
            course,
            draws,
            vacancies: std::cell::Cell::new(draws.cohort.vacancies),
        };
        let cx = PathContext { model, plan, params };
        // Vacancies at graduation go in the order of graduation: month by month (cohort).
        let vacancies_shared = model.cohort.as_ref().is_some_and(|k| k.vacancies.is_some());
        if model.pools.is_empty() && !vacancies_shared {
            for (c, pr) in params.iter().enumerate() {
                self.follow_own(&step, &cx, c, pr, horizon, paths);
            }
            return;
        }
        self.states.clear();
        self.states.resize(copies, CopyState::default());
        self.pool_need.clear();
        self.pool_need.resize(model.pools.len(), 0.0);
        self.active.clear();
        self.active.resize(copies, false);
        for (t, month) in plan.months.iter().enumerate() {
            let availability = month.profile.availability;
            self.pool_need.iter_mut().for_each(|n| *n = 0.0);
            for (c, (st, pr)) in self.states.iter_mut().zip(params).enumerate() {
                self.active[c] = step.activate(st, pr, t);
                if !self.active[c] {
                    continue;
                }
                step.begin(st, pr, paths.copy(&cx, c).reach(t));
                if let Some(pool) = pr.pool {
                    self.pool_need[pool] += course.employer_share * (st.need - st.coached);
                }
            }
            for (c, (st, pr)) in self.states.iter_mut().zip(params).enumerate() {
                if !self.active[c] {
                    continue;
                }
                let employer_need = course.employer_share * (st.need - st.coached);
                let given = match pr.pool {
                    None => step.own_supervision(st, pr, t),
                    Some(pool) => {
                        let total = self.pool_need[pool];
                        let available =
                            draws.pool_hours[pool] * availability * draws.cohort.presence(pool, t);
                        if total <= available {
                            employer_need
                        } else {
                            employer_need * available / total
                        }
                    }
                };
                let (month, ending) = step.finish(st, pr, paths.month(c, t), c, t, given);
                self.months[c * horizon + t] = month;
                self.stop[c] = t + 1;
                if let Some(ending) = ending {
                    self.ending[c] = ending;
                }
            }
        }
    }

    /// Follows copy c, supervised by its own supervisors, through its months.
    #[inline(always)]
    fn follow_own(
        &mut self,
        step: &Step,
        cx: &PathContext,
        c: usize,
        pr: &CopyParams,
        horizon: usize,
        paths: &mut Paths,
    ) {
        let months = &mut self.months[c * horizon..(c + 1) * horizon];
        let mut path = paths.copy(cx, c);
        let mut st = CopyState::default();
        step.activate(&mut st, pr, pr.start);
        // The contract ends the placement in its last month at the latest.
        for (slot, t) in months[pr.start..pr.end].iter_mut().zip(pr.start..) {
            let b = path.reach(t);
            step.begin(&mut st, pr, b);
            let given = step.own_supervision(&st, pr, t);
            let (month, ending) = step.finish(&mut st, pr, b, c, t, given);
            *slot = month;
            if let Some(ending) = ending {
                self.ending[c] = ending;
                self.stop[c] = t + 1;
                return;
            }
        }
    }
}

/// What one step of a copy's month reads.
struct Step<'a> {
    model: &'a Model,
    /// Vacancies left for learners at graduation (cohort).
    vacancies: std::cell::Cell<usize>,
    plan: &'a Plan<'a>,
    course: &'a Course,
    draws: &'a IterationDraws,
}

impl Step<'_> {
    /// Starts the placement in its first month; returns whether the copy is active in month t.
    #[inline(always)]
    fn activate(&self, st: &mut CopyState, pr: &CopyParams, t: usize) -> bool {
        if !st.active && !st.done && t == pr.start {
            *st = CopyState {
                active: true,
                gap_open: 1.0,
                decay: 1.0,
                ..CopyState::default()
            };
        }
        st.active
    }

    /// The start of an active copy's month: its productivity from the learning so far and its
    /// supervision need.
    #[inline(always)]
    fn begin(&self, st: &mut CopyState, pr: &CopyParams, b: &MonthBase) {
        let closed = match pr.ramp {
            RampShapeCode::Exponential => 1.0 - st.gap_open,
            shape => ramp(shape, st.learning / pr.ramp_months),
        };
        st.productivity = pr.prod_start + pr.prod_gap * closed;
        st.need = (pr.sup_steady + pr.sup_excess * st.decay) * (1.0 - b.absent) * b.school;
        st.with_coach = b.jobcoach_hours > 0.0;
        st.coached = if st.with_coach {
            let takes = pr.jobcoach_share * b.jobcoach_hours / WEEKS_PER_MONTH;
            if takes < st.need { takes } else { st.need }
        } else {
            0.0
        };
    }

    /// The hours a copy's own supervisors give: its employer's share of the need, within the
    /// hours they have this month.
    #[inline(always)]
    fn own_supervision(&self, st: &CopyState, pr: &CopyParams, t: usize) -> f64 {
        let available = pr.available * self.plan.months[t].profile.availability;
        // Both are finite: the smaller without `f64::min`'s care for NaN.
        let wanted = self.course.employer_share * (st.need - st.coached);
        if wanted < available { wanted } else { available }
    }

    /// The rest of an active copy's month once the hours its employer's supervisors give are
    /// known: coverage, learning, and whether the placement ends.
    #[inline(always)]
    fn finish(
        &self,
        st: &mut CopyState,
        pr: &CopyParams,
        b: &MonthBase,
        c: usize,
        t: usize,
        employer_given: f64,
    ) -> (CourseMonth, Option<Ending>) {
        // The jobcoach takes over part of the need; the employer's share of the rest falls to
        // its supervisors, the remainder to the provider's (detachering).
        let rest = st.need - st.coached;
        let employer_need = self.course.employer_share * rest;
        let provider_given = rest - employer_need;
        let given = st.coached + employer_given + provider_given;
        let coverage = if given < st.need { given / st.need } else { 1.0 };
        let mut progress = coverage * (1.0 - b.absent) * b.school;
        if st.with_coach {
            progress *= pr.jobcoach_learning;
        }
        st.learning += progress;
        // A full learning month multiplies the open gap by 0.1^(1/T90); any other step
        // recomputes it from L, so both paths give 0.1^(L/T90).
        st.gap_open = if progress == 1.0 {
            st.gap_open * pr.ramp_step
        } else {
            (LN_TENTH * st.learning / pr.ramp_months).exp()
        };

        // Dropout at the end of the month; a failed trial or the contract end also ends it.
        let q = if st.with_coach {
            let dropout = pr.dropout * pr.jobcoach_dropout;
            (dropout * (1.0 + pr.shortfall_factor * (1.0 - coverage))).clamp(0.0, 1.0)
        } else if coverage == 1.0 {
            // The same product with no shortfall.
            pr.dropout_covered
        } else {
            (pr.dropout * (1.0 + pr.shortfall_factor * (1.0 - coverage))).clamp(0.0, 1.0)
        };
        let ending = if b.dropout_draw < q {
            Some(Ending::Dropout)
        } else if self.trial_fails(st, pr, c) {
            Some(Ending::NotHired)
        } else {
            let horizon = self.plan.months.len();
            (t + 1 >= pr.end).then_some(if pr.end < horizon {
                Ending::ContractEnded
            } else {
                Ending::Completed
            })
        };
        st.tenure += 1;
        st.decay *= pr.sup_decay;
        if ending.is_some() {
            st.active = false;
            st.done = true;
        }
        let month = CourseMonth {
            productivity: st.productivity,
            coverage,
            employer_given,
            provider_given,
        };
        (month, ending)
    }

    /// Whether a trial placement ends this month without hiring: the decision falls in its
    /// last month, on that month's productivity, by the instrument's own rule.
    #[inline(always)]
    fn trial_fails(&self, st: &mut CopyState, pr: &CopyParams, c: usize) -> bool {
        // Cohort hook: the hiring decision at the end of a learning phase (sim/class_phase.rs).
        if pr.learning_months > 0 && !st.hired {
            let facts = (c, st.tenure, pr.learning_months);
            let decided = super::class_phase::graduation(
                self.model,
                &self.draws.cohort,
                &self.vacancies,
                facts,
                st.productivity,
            );
            if let Some(hired) = decided {
                st.hired = hired;
                return !hired;
            }
            return false;
        }
        let Some(trial) = &self.course.trial else {
            return false;
        };
        if st.hired {
            return false;
        }
        let u = self.draws.hire_uniform(c);
        match hiring_decision(trial.months, trial.hire, st.tenure, st.productivity, u) {
            Some(hired) => {
                st.hired = hired;
                !hired
            }
            None => false,
        }
    }
}
