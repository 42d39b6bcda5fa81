//! One iteration, month by month, in the order of the reference model (docs/model.md):
//! peak profile → productivity → capacity → sickness → hours → supervision (pools) →
//! money → instruments → dropout.
//!
//! The work is split by what it depends on, so that nothing is computed twice:
//! 1. capacity, sickness, hours and wage depend only on the draws: computed once per
//!    iteration (`sim/path.rs`);
//! 2. supervision, learning, productivity and the end of the placement depend on the draws and
//!    on the arrangement's course only (who supervises, a trial placement): computed once
//!    per distinct course (`sim/trajectory.rs`);
//! 3. money and the instruments' rules are evaluated per arrangement, here.

use crate::model::{Model, WEEKS_PER_MONTH};

use super::draws::{Inputs, IterationDraws};
use super::employer;
use super::ledger::{self, LineBook};
use super::path::{self, CopyParams, Paths};
pub use super::plan::{MonthPoint, Plan};
use super::trajectory::{Ending, Trajectory};
use crate::instruments::{self, Books, Control, CopyDraws, MonthFacts};
use crate::uitkering::Counterfactual;

/// Number of built-in ledger lines (production value … exit cost).
const BUILTIN: usize = ledger::BUILTIN_LINES.len();

/// The outcome of one arrangement in one iteration (its line totals and ineligible counts are
/// in [`IterationResults`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Net present value of the employer's net cash, euros.
    pub npv: f64,
    /// 1-based scenario month from which the cumulative discounted net stays ≥ 0 until the
    /// horizon; `None` if it never does.
    pub break_even_month: Option<u32>,
    /// Share of the copies that did not drop out.
    pub retained: f64,
    /// Mean months active per copy.
    pub months_active: f64,
    /// Mean productivity in each copy's last active month.
    pub final_productivity: f64,
    /// Supervision hours given, all copies together.
    pub supervision_hours: f64,
    /// Sick months (absent fraction summed over months), all copies together.
    pub sick_months: f64,
}

/// What one iteration gives for every arrangement, in flat buffers that are reused from one
/// iteration to the next (no allocation per iteration).
#[derive(Debug, Clone, Default)]
pub struct IterationResults {
    /// One per arrangement.
    pub outcomes: Vec<Outcome>,
    /// Nominal total per line of each arrangement's line book, euros, arrangement after
    /// arrangement (from [`Plan::line_offsets`]).
    pub lines: Vec<f64>,
    /// Per instrument of each arrangement: copies for which it was ineligible at some point,
    /// arrangement after arrangement (from [`Plan::ineligible_offsets`]).
    pub ineligible: Vec<u32>,
    /// `arrangements × horizon` points, arrangement-major.
    pub monthly: Vec<MonthPoint>,
    /// With a `[cohort]`: one class outcome per arrangement, and the learners' mean mentor
    /// coverage by month (`arrangements × horizon`, NaN in a month without need).
    pub cohort: Vec<super::cohort::CohortOutcome>,
    pub cohort_coverage: Vec<f64>,
    /// Per arrangement and placement: [`super::cohort::GROUP_FIELDS`] numbers.
    pub cohort_groups: Vec<f64>,
}

/// Reusable buffers for evaluating iterations; one per worker thread.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Per variant of the placements: the copies' parameters and paths.
    params: Vec<Vec<CopyParams>>,
    paths: Vec<Paths>,
    trajectories: Vec<Trajectory>,
    month_net: Vec<f64>,
    instruments: Vec<instruments::CopyState>,
    wage_factors: Vec<f64>,
    /// By scenario month: an instrument paid the copy's benefit on its own line.
    benefit_paid: Vec<bool>,
    /// Per copy, within one iteration: the benefit no longer paid as last computed for a
    /// variant and end month by an arrangement that leaves the wage and the benefit as they
    /// are, so that the other such arrangements reuse it instead of summing it again.
    benefit_saved: Vec<SavedBefore>,
}

/// A benefit no longer paid as computed before: (variant, end month, amount).
type SavedBefore = Option<(usize, usize, f64)>;

/// Evaluates every arrangement of one iteration into `results`.
pub fn simulate_iteration(
    model: &Model,
    plan: &Plan,
    draws: &IterationDraws,
    scratch: &mut Scratch,
    results: &mut IterationResults,
) {
    let Scratch {
        params,
        paths,
        trajectories,
        month_net,
        instruments,
        wage_factors,
        benefit_paid,
        benefit_saved,
    } = scratch;
    benefit_saved.clear();
    benefit_saved.resize(plan.copy_placement.len(), None);
    let variants = plan.variants.len();
    params.resize_with(variants, Vec::new);
    paths.resize_with(variants, Paths::default);
    for (v, (params, paths)) in params.iter_mut().zip(paths.iter_mut()).enumerate() {
        path::prepare(model, plan, draws, v, params, paths);
    }
    trajectories.resize_with(plan.courses.len(), Trajectory::default);
    for (course, trajectory) in plan.courses.iter().zip(trajectories.iter_mut()) {
        let v = course.variant;
        trajectory.follow(model, plan, course, draws, &params[v], &mut paths[v]);
    }
    let IterationResults {
        outcomes,
        lines,
        ineligible,
        monthly,
        cohort,
        cohort_coverage,
        cohort_groups,
    } = results;
    cohort.clear();
    cohort_coverage.clear();
    cohort_groups.clear();
    let arrangements = plan.books.len();
    outcomes.clear();
    monthly.clear();
    for &course in &plan.arrangement_course {
        monthly.extend_from_slice(&plan.variants[plan.courses[course].variant].month_points);
    }
    if draws.any_absent {
        // Copies beyond a drawn count do not start: not counted as started in any month.
        for (&course, months) in plan
            .arrangement_course
            .iter()
            .zip(monthly.chunks_mut(model.horizon))
        {
            let placements = model.placements_of(plan.courses[course].variant);
            for (c, _) in draws.present.iter().enumerate().filter(|(_, p)| !**p) {
                let from = placements[plan.copy_placement[c]].start_month;
                months[from..].iter_mut().for_each(|m| m.started -= 1);
            }
        }
    }
    lines.clear();
    lines.resize(plan.line_offsets[arrangements], 0.0);
    ineligible.clear();
    ineligible.resize(plan.ineligible_offsets[arrangements], 0);
    let months = monthly.chunks_mut(model.horizon);
    for (a, ((book, &course), monthly)) in plan
        .books
        .iter()
        .zip(&plan.arrangement_course)
        .zip(months)
        .enumerate()
    {
        let variant = plan.courses[course].variant;
        let iteration = Iteration {
            model,
            plan,
            draws,
            variant,
            inputs: draws.inputs_of(variant),
            params: &params[variant],
            paths: &paths[variant],
        };
        let outcome = iteration.evaluate(
            book,
            &trajectories[course],
            Buffers {
                month_net,
                ists: instruments,
                wage_factors,
                benefit_paid,
                saved_before: benefit_saved,
            },
            Totals {
                lines: &mut lines[plan.line_offsets[a]..plan.line_offsets[a + 1]],
                ineligible: &mut ineligible[plan.ineligible_offsets[a]..plan.ineligible_offsets[a + 1]],
                monthly,
            },
        );
        outcomes.push(outcome);
        // Cohort hook: the class's outcome under this arrangement (sim/cohort.rs).
        if model.cohort.is_some() {
            let class = super::cohort::outcome(
                model,
                plan,
                (&params[variant], &trajectories[course]),
                cohort_coverage,
                cohort_groups,
            );
            cohort.push(class);
        }
    }
}

/// The reusable buffers one arrangement's evaluation works in (from [`Scratch`]).
struct Buffers<'s> {
    month_net: &'s mut Vec<f64>,
    ists: &'s mut Vec<instruments::CopyState>,
    wage_factors: &'s mut Vec<f64>,
    benefit_paid: &'s mut Vec<bool>,
    saved_before: &'s mut [SavedBefore],
}

/// Where one arrangement's evaluation writes its line totals, ineligible counts and months
/// (zeroed by the caller, the months holding [`Plan::month_points`]).
struct Totals<'r> {
    lines: &'r mut [f64],
    ineligible: &'r mut [u32],
    monthly: &'r mut [MonthPoint],
}

/// What an arrangement's evaluation in one iteration reads: the draws, and the copies'
/// parameters and paths in the arrangement's variant of the placements.
struct Iteration<'a> {
    model: &'a Model,
    plan: &'a Plan<'a>,
    draws: &'a IterationDraws,
    variant: usize,
    inputs: Inputs<'a>,
    params: &'a [CopyParams],
    paths: &'a Paths,
}

/// What one arrangement's evaluation adds up.
struct Accounts<'b> {
    books: Books<'b>,
    sums: Sums,
    builtin_sign: [f64; BUILTIN],
}

/// Running sums of an arrangement's months. A copy's months add to a copy of them that the
/// compiler keeps in registers: the books are handed to the instruments' rules, and sums
/// reachable from them would be stored and reloaded around every call.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    /// Totals of the built-in lines (added to the line totals at the end).
    builtin: [f64; BUILTIN],
    supervision_hours: f64,
    sick_months: f64,
}

impl Iteration<'_> {
    /// Books one arrangement's money over its trajectory and sums up its outcome, its line
    /// totals, its ineligible counts and its months (`monthly`: length = horizon). The copies
    /// are booked one after the other.
    fn evaluate(
        &self,
        book: &LineBook,
        trajectory: &Trajectory,
        buffers: Buffers,
        totals: Totals,
    ) -> Outcome {
        let Totals {
            lines,
            ineligible,
            monthly,
        } = totals;
        let Buffers {
            month_net,
            ists,
            wage_factors,
            benefit_paid,
            saved_before,
        } = buffers;
        let (model, plan) = (self.model, self.plan);
        let horizon = model.horizon;
        let copies = self.params.len();
        let rules = &book.rules;
        let mut after_horizon_npv = 0.0;
        ists.resize_with(copies, instruments::CopyState::default);
        wage_factors.resize(horizon, 1.0);
        benefit_paid.resize(horizon, false);
        month_net.clear();
        month_net.resize(horizon, 0.0);
        let mut acc = Accounts {
            books: Books {
                lines: &mut *lines,
                month_net,
                sign: &book.employer_sign,
                after_horizon_npv: &mut after_horizon_npv,
                discount_rate: model.discount_rate,
                t: 0,
            },
            sums: Sums::default(),
            builtin_sign: std::array::from_fn(|k| book.employer_sign[k]),
        };
        let mut retained = 0usize;
        let mut months_active = 0.0;
        let mut final_productivity = 0.0;
        for (c, (pr, ist)) in self.params.iter().zip(ists.iter_mut()).enumerate() {
            if pr.absent {
                // Beyond its placement's drawn count: not a copy of this iteration.
                ist.ineligible.clear();
                continue;
            }
            let stop = trajectory.stop[c];
            if stop > pr.start {
                let with_rules = !rules.is_empty();
                if with_rules {
                    let paid = (wage_factors.as_mut_slice(), benefit_paid.as_mut_slice());
                    self.book_rules(book, trajectory, &mut acc.books, c, (pr, ist), paid);
                    self.book_builtin::<true>(trajectory, &mut acc, monthly, c, pr, wage_factors);
                } else {
                    self.book_due_lines(book, &mut acc.books, c, pr, stop);
                    self.book_builtin::<false>(trajectory, &mut acc, monthly, c, pr, wage_factors);
                }
                if let Some((line, rule)) = &book.benefit_lines[plan.copy_placement[c]] {
                    let months = (pr.start, stop);
                    // Instruments that change neither the wage nor the benefit in these months
                    // give the saving of an arrangement without instruments, bit for bit.
                    let plain = !with_rules
                        || (wage_factors[pr.start..stop].iter().all(|&f| f == 1.0)
                            && !benefit_paid[pr.start..stop].contains(&true));
                    let saved = match saved_before[c] {
                        Some((v, end, saved)) if plain && v == self.variant && end == stop => saved,
                        _ => {
                            let paid = (!plain).then_some((&wage_factors[..], &benefit_paid[..]));
                            let saved = self.benefit_saved(rule, c, months, paid);
                            if plain {
                                saved_before[c] = Some((self.variant, stop, saved));
                            }
                            saved
                        }
                    };
                    acc.books.lines[*line] += saved;
                }
            }
            if trajectory.ending[c] == Ending::Completed {
                retained += 1;
            }
            months_active += (stop - pr.start.min(stop)) as f64;
            if stop > pr.start {
                final_productivity += trajectory.months[c * horizon + stop - 1].productivity;
            }
        }
        if let Some(duties) = &book.duties {
            let employment = employer::Employment {
                params: self.params,
                stop: &trajectory.stop,
                copy_placement: &plan.copy_placement,
            };
            employer::book(duties, model, plan, &employment, &mut acc.books);
        }
        // Cohort hook: the lines booked once per class (sim/cohort.rs).
        if let Some(class_lines) = &book.cohort {
            let (draws, params) = (&self.draws.cohort, self.params);
            super::cohort::book(
                class_lines,
                model,
                plan,
                draws,
                params,
                trajectory,
                &mut acc.books,
            );
        }
        let Sums {
            builtin,
            supervision_hours,
            sick_months,
        } = acc.sums;
        for (line, total) in lines.iter_mut().zip(builtin) {
            *line += total;
        }

        let mut npv = 0.0;
        for (t, (net, month)) in month_net.iter().zip(&plan.months).enumerate() {
            npv += net * month.discount;
            monthly[t].cumulative_net = npv;
        }
        // Flows due after the horizon (LKV, praktijkleren) count at their own discount factor;
        // they appear in the last month's cumulative net.
        npv += after_horizon_npv;
        if let Some(last) = monthly.last_mut() {
            last.cumulative_net = npv;
        }
        for (i, count) in ineligible.iter_mut().enumerate() {
            *count = ists[..copies]
                .iter()
                .filter(|ist| ist.ineligible.get(i) == Some(&true))
                .count() as u32;
        }
        let n = if self.draws.any_absent {
            self.params.iter().filter(|p| !p.absent).count().max(1) as f64
        } else {
            copies as f64
        };
        Outcome {
            npv,
            break_even_month: break_even(monthly),
            retained: retained as f64 / n,
            months_active: months_active / n,
            final_productivity: final_productivity / n,
            supervision_hours,
            sick_months,
        }
    }

    /// The placement's own cost and benefit lines of copy c in an arrangement without
    /// instruments, in the months they fall due before `stop`.
    fn book_due_lines(&self, book: &LineBook, books: &mut Books, c: usize, pr: &CopyParams, stop: usize) {
        let placement = self.plan.copy_placement[c];
        let lines = &self.model.placements_of(self.variant)[placement].lines;
        let line_ids = &book.other_line_ids[placement];
        for d in &self.plan.variants[self.variant].due_lines[placement] {
            let t = pr.start + d.tenure;
            if t >= stop {
                break;
            }
            books.t = t;
            books.book(line_ids[d.line], self.inputs.at(c, lines[d.line].slot));
        }
    }

    /// The instruments' part of copy c's money, month by month from its start until
    /// `trajectory.stop[c]`: each month's facts, the instruments' wage factor (kept in
    /// `wage_factors`, by scenario month, for [`Self::book_builtin`]), the provider's
    /// supervision, the placement's own lines that fall due, the instruments' flows, and at the
    /// end what the instruments settle. Each month it notes in `benefit_paid` whether an
    /// instrument paid the worker's benefit (see [`LineBook::benefit_paid_lines`]).
    fn book_rules(
        &self,
        book: &LineBook,
        trajectory: &Trajectory,
        books: &mut Books,
        c: usize,
        (pr, ist): (&CopyParams, &mut instruments::CopyState),
        (wage_factors, benefit_paid): (&mut [f64], &mut [bool]),
    ) {
        let (model, plan, draws) = (self.model, self.plan, self.draws);
        let rules = &book.rules;
        let placement = plan.copy_placement[c];
        rules.start(ist, placement);
        let placements = model.placements_of(self.variant);
        let cx = instruments::Context {
            rates: &plan.rates,
            worker: &placements[placement].worker,
            full_time_hours_per_week: placements[placement].full_time_hours_per_week,
            draws: CopyDraws {
                inputs: draws.copy_instrument_inputs(c),
                assessment_z: draws.copy_assessment_z(c),
                hire_uniform: draws.hire_uniform(c),
            },
            scenario_start: model.start,
            placement_start: pr.start,
        };
        let other = &placements[placement].lines;
        let line_ids = &book.other_line_ids[placement];
        let mut due = plan.variants[self.variant].due_lines[placement].as_slice();
        let (start, stop) = (pr.start, trajectory.stop[c]);
        let row = c * model.horizon;
        let paid_total =
            |books: &Books| -> f64 { book.benefit_paid_lines.iter().map(|&l| books.lines[l]).sum() };
        for (wage_factor, t) in wage_factors[start..stop].iter_mut().zip(start..) {
            let paid_before = paid_total(books);
            let tenure = t - start;
            let month = &plan.months[t];
            let b = self.paths.month(c, t);
            let mut facts = MonthFacts {
                t,
                calendar: month.calendar,
                tenure,
                productivity: trajectory.months[row + t].productivity,
                coverage: trajectory.months[row + t].coverage,
                min_wage_share: b.min_wage_share,
                absent: b.absent,
                spell_start_tenure: (b.spell_start >= 0)
                    .then(|| (b.spell_start as usize).saturating_sub(start)),
                spell_elapsed: b.spell_elapsed,
                hours_per_week: pr.hours_per_week,
                contract_hours: pr.contract_hours,
                worked_hours: b.worked,
                paid_hours: b.paid,
                wage_hour: b.wage_hour,
                holiday_pay: pr.holiday_pay,
                sick_pay: b.sick_pay,
                wage_full: b.wage_full,
                sick_wage_full: b.sick_wage_full,
                wage_factor: 1.0,
                jobcoach_cost: b.jobcoach_cost,
                supervisor_cost: pr.supervisor_cost,
            };
            facts.wage_factor = rules.before(ist, &facts, &cx);
            *wage_factor = facts.wage_factor;

            books.t = t;
            if let Some(line) = rules.provider_supervision_line {
                let provider_given = trajectory.months[row + t].provider_given;
                books.book(line, provider_given * WEEKS_PER_MONTH * pr.supervisor_cost);
            }
            let now = due.partition_point(|d| d.tenure == tenure);
            let (today, later) = due.split_at(now);
            due = later;
            for d in today {
                let line = &other[d.line];
                let amount = self.inputs.at(c, line.slot);
                books.book(line_ids[d.line], amount);
                if !line.is_benefit {
                    rules.on_cost_line(ist, tenure, &line.name, amount, books);
                }
            }
            let control = rules.after(ist, &facts, &cx, books);
            benefit_paid[t] = paid_total(books) != paid_before;
            // The trajectory took the same hiring decision when it followed the copy (a
            // dropout in the same month takes precedence).
            let last = t + 1 == stop;
            debug_assert!(if control == Control::NotHired {
                last && trajectory.ending[c] != Ending::Completed
            } else {
                // (A learner's hiring is the class's decision, not an instrument's.)
                !(last && trajectory.ending[c] == Ending::NotHired && pr.learning_months == 0)
            });
            if last {
                rules.close(ist, &cx, books);
            }
        }
    }

    /// The benefit no longer paid for copy c over its months `start..stop`: month by month,
    /// the counterfactual benefit's rule on the income from work, which is the month's wage
    /// line (times the instruments' wage factor when `paid` holds the instruments' months:
    /// the wage factors and whether an instrument paid the benefit).
    fn benefit_saved(
        &self,
        rule: &Counterfactual,
        c: usize,
        (start, stop): (usize, usize),
        paid: Option<(&[f64], &[bool])>,
    ) -> f64 {
        let mut total = 0.0;
        let mut months_with_income = 0;
        let terms = &self.plan.variants[self.variant].benefit_terms[self.plan.copy_placement[c]];
        for (k, b) in self.paths.months(c, start..stop).iter().enumerate() {
            let t = start + k;
            let (income, paid_by_instrument) = match paid {
                Some((factors, paid)) => (b.wage_full * factors[t], paid[t]),
                None => (b.wage_full, false),
            };
            total += rule.saved_with(&terms[t], income, months_with_income, paid_by_instrument);
            if income > 0.0 {
                months_with_income += 1;
            }
        }
        total
    }

    /// The built-in lines of copy c month by month over its trajectory (the wage times the
    /// instruments' wage factor when `FACTORS`), and the months' outcomes. It runs after
    /// everything else of the copy is booked: every other flow of a copy's month falls due in
    /// that month or later, so each month's net is summed in the same order as when the
    /// built-in lines were booked last within their month.
    fn book_builtin<const FACTORS: bool>(
        &self,
        trajectory: &Trajectory,
        acc: &mut Accounts,
        monthly: &mut [MonthPoint],
        c: usize,
        pr: &CopyParams,
        wage_factors: &[f64],
    ) {
        let horizon = self.model.horizon;
        let (start, stop) = (pr.start, trajectory.stop[c]);
        let months = c * horizon + start..c * horizon + stop;
        let base = self.paths.months(c, start..stop);
        let course = &trajectory.months[months];
        let factors = &wage_factors[start..stop];
        let sign = acc.builtin_sign;
        let Sums {
            builtin: mut total,
            mut supervision_hours,
            mut sick_months,
        } = acc.sums;
        let last = stop - start - 1;
        let exit_cost = if trajectory.ending[c] == Ending::Dropout {
            pr.exit_cost
        } else {
            0.0
        };
        let month_net = &mut acc.books.month_net[start..stop];
        for (k, (((b, course), (month, point)), net)) in base
            .iter()
            .zip(course)
            .zip(
                self.plan.months[start..stop]
                    .iter()
                    .zip(&mut monthly[start..stop]),
            )
            .zip(month_net)
            .enumerate()
        {
            let (prod, employer, provider) =
                (course.productivity, course.employer_given, course.provider_given);
            let wage = if FACTORS {
                b.wage_full * factors[k]
            } else {
                b.wage_full
            };
            let amounts = [
                b.production * prod,
                wage,
                wage * pr.burden,
                employer * WEEKS_PER_MONTH * pr.supervisor_cost * month.profile.cost,
                b.jobcoach_cost,
                if k == last { exit_cost } else { 0.0 },
            ];
            supervision_hours += (employer + provider) * WEEKS_PER_MONTH;
            sick_months += b.absent;
            point.active += 1;
            point.productivity_sum += prod;
            *net += add_builtin(&mut total, &sign, amounts);
        }
        acc.sums = Sums {
            builtin: total,
            supervision_hours,
            sick_months,
        };
    }
}

/// Adds a month's built-in amounts to their totals; returns the employer's net of them.
#[inline(always)]
fn add_builtin(totals: &mut [f64; BUILTIN], sign: &[f64; BUILTIN], amounts: [f64; BUILTIN]) -> f64 {
    let mut net = 0.0;
    for ((total, sign), amount) in totals.iter_mut().zip(sign).zip(amounts) {
        *total += amount;
        net += sign * amount;
    }
    net
}

/// The first month (1-based) from which the cumulative discounted net stays at or above zero
/// until the horizon.
fn break_even(monthly: &[MonthPoint]) -> Option<u32> {
    let trailing = monthly
        .iter()
        .rev()
        .take_while(|m| m.cumulative_net >= 0.0)
        .count();
    (trailing > 0).then(|| (monthly.len() - trailing + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_even_is_the_start_of_the_final_non_negative_run() {
        let pts = |v: &[f64]| -> Vec<MonthPoint> {
            v.iter()
                .map(|&c| MonthPoint {
                    cumulative_net: c,
                    ..MonthPoint::default()
                })
                .collect()
        };
        assert_eq!(break_even(&pts(&[-5.0, -1.0, 2.0, 3.0])), Some(3));
        assert_eq!(break_even(&pts(&[1.0, -1.0, 0.0, 3.0])), Some(3));
        assert_eq!(break_even(&pts(&[1.0, 2.0])), Some(1));
        assert_eq!(break_even(&pts(&[1.0, -2.0])), None);
    }
}
