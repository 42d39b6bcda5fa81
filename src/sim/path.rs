//! The arrangement-independent course of each copy in one iteration: its parameters from the
//! draws, then month by month its load capacity (a mean-reverting logit process), sick spells
//! (with fractional months), hours, wage and the jobcoach's cost. Each month is computed once
//! per iteration, when the first arrangement's course reaches it, and read by every
//! arrangement (common random numbers); months after the last one any course reaches are
//! never computed.
//!
//! A copy is active from its start month until it ends, in every arrangement, so its tenure in
//! month t is t − start everywhere; the youth minimum wage and the jobcoach hours, which follow
//! the tenure, are therefore arrangement-independent too.

use crate::model::{Model, Placement, Slot, SupervisionSource, WEEKS_PER_MONTH};
use crate::vocab::{PayBasis, RampShape};

use super::draws::{Inputs, IterationDraws, MonthlyShocks};
use super::plan::{Derived, LN_TENTH, Plan, logit, ramp_step, stationary_root, sup_decay};

const MONTHS_PER_YEAR: f64 = 12.0;

/// The arrangement-independent facts of one copy in one month.
#[derive(Debug, Clone, Copy)]
pub(super) struct MonthBase {
    pub capacity: f64,
    pub absent: f64,
    /// Share of the wage paid for the absent part (first or second year of the spell, at
    /// least the minimum wage in the first year).
    pub sick_pay: f64,
    /// Scenario month in which the running spell began; −1 when not sick.
    pub spell_start: i32,
    /// Months of the running spell before this month.
    pub spell_elapsed: f64,
    pub worked: f64,
    pub paid: f64,
    pub min_wage_share: f64,
    pub wage_hour: f64,
    /// The month's wage incl. holiday pay, and the part of it paid for the absent part.
    pub wage_full: f64,
    pub sick_wage_full: f64,
    /// Production value at productivity 1: worked hours × value per hour × peak multiplier.
    pub production: f64,
    /// The jobcoach's hours and cost this month (0 without a jobcoach or after its last month).
    pub jobcoach_hours: f64,
    pub jobcoach_cost: f64,
    /// The month's dropout draw, U(0, 1): the placement ends when it falls below the month's
    /// dropout probability.
    pub dropout_draw: f64,
    /// Share of the month's weekdays a learner is at the company (its school days; 1 outside
    /// a learning phase): it scales the supervision need and the learning (`sim/cohort.rs`).
    pub school: f64,
}

impl Default for MonthBase {
    fn default() -> Self {
        Self {
            capacity: 0.0,
            absent: 0.0,
            sick_pay: 0.0,
            spell_start: -1,
            spell_elapsed: 0.0,
            worked: 0.0,
            paid: 0.0,
            min_wage_share: 1.0,
            wage_hour: 0.0,
            wage_full: 0.0,
            sick_wage_full: 0.0,
            production: 0.0,
            jobcoach_hours: 0.0,
            jobcoach_cost: 0.0,
            dropout_draw: 1.0,
            school: 1.0,
        }
    }
}

/// Static parameters of one copy in one iteration (from its draws).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CopyParams {
    pub start: usize,
    /// One past the last month the contract allows (at most the horizon).
    pub end: usize,
    pub hours_per_week: f64,
    pub contract_hours: f64,
    /// Age at the start when the worker is young and paid the minimum wage.
    pub age: Option<u32>,
    /// A bbl learner (the bbl youth minimum wage from 18 to 20).
    pub bbl: bool,
    pub wage_hour: Option<f64>,
    pub holiday_pay: f64,
    pub burden: f64,
    pub value: f64,
    pub prod_start: f64,
    pub prod_gap: f64,
    pub ramp_months: f64,
    pub ramp: RampShapeCode,
    /// 0.1^(1/T90): the exponential ramp's remaining-gap factor after one full learning month.
    pub ramp_step: f64,
    pub sup_steady: f64,
    /// Initial minus steady supervision need.
    pub sup_excess: f64,
    pub sup_decay: f64,
    pub supervisor_cost: f64,
    pub available: f64,
    pub pool: Option<usize>,
    pub dropout: f64,
    /// The dropout probability of a fully supervised month: `dropout` within 0..1.
    pub dropout_covered: f64,
    pub shortfall_factor: f64,
    pub exit_cost: f64,
    pub jobcoach_tariff: f64,
    pub jobcoach_hours: f64,
    pub jobcoach_norm: bool,
    pub jobcoach_max: usize,
    pub has_jobcoach: bool,
    /// Hours of supervision need per week that one jobcoach hour per week takes over.
    pub jobcoach_share: f64,
    /// Multipliers on the dropout probability and on the learning of a coached month.
    pub jobcoach_dropout: f64,
    pub jobcoach_learning: f64,
    pub pay_by_worked: bool,
    /// Months of the learning phase (0: none; set by `sim/cohort.rs`).
    pub learning_months: usize,
    /// The copy does not start this iteration: it lies beyond its placement's drawn count
    /// (its start and end are then the horizon, so that it has no month).
    pub absent: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum RampShapeCode {
    #[default]
    Exponential,
    Linear,
    SCurve,
}

/// g(u): share of the productivity gap closed after u = L / T90 well-supervised ramp periods.
/// g(0) = 0, g(1) = 0.9, g(∞) = 1.
#[inline]
pub(super) fn ramp(shape: RampShapeCode, u: f64) -> f64 {
    match shape {
        RampShapeCode::Exponential => 1.0 - (LN_TENTH * u).exp(),
        RampShapeCode::Linear => (0.9 * u).min(1.0),
        RampShapeCode::SCurve => 1.0 - (LN_TENTH * u * u).exp(),
    }
}

/// The arrangement-independent months of every copy in one iteration, filled as far as some
/// arrangement's course reaches: a month is computed (and its shocks drawn) the first time a
/// course needs it, and read from here by every later course and by the money.
#[derive(Debug, Default)]
pub(super) struct Paths {
    horizon: usize,
    /// The variant of the placements these are the months of.
    variant: usize,
    /// Per copy and month (`copies × horizon`, copy-major); only the filled months are valid.
    months: Vec<MonthBase>,
    copies: Vec<CopyPath>,
}

/// Where a copy's capacity process and sick spell stand, and how far its months are filled.
#[derive(Debug)]
struct CopyPath {
    shocks: MonthlyShocks,
    /// Months before this one are filled (from the start of the contract).
    filled: usize,
    typical: f64,
    logit_typical: f64,
    sigma: f64,
    phi: f64,
    p_sick: f64,
    /// The capacity process on the logit scale, relative to the typical capacity.
    x: f64,
    /// Months of the running spell still to come, its months so far, and its first month.
    remaining: f64,
    spell_elapsed: f64,
    spell_start: i32,
}

/// What filling a month reads besides the copy's own state.
#[derive(Clone, Copy)]
pub(super) struct PathContext<'a> {
    pub model: &'a Model,
    pub plan: &'a Plan<'a>,
    pub params: &'a [CopyParams],
}

/// Derives the copies' parameters from the draws (`params` gets one entry per copy) and sets
/// every copy's path at the start of its contract, with no month filled yet.
pub(super) fn prepare(
    model: &Model,
    plan: &Plan,
    draws: &IterationDraws,
    variant: usize,
    params: &mut Vec<CopyParams>,
    paths: &mut Paths,
) {
    let horizon = model.horizon;
    let copies = plan.copy_placement.len();
    let placements = model.placements_of(variant);
    let inputs = draws.inputs_of(variant);
    params.clear();
    paths.horizon = horizon;
    paths.variant = variant;
    paths.months.resize(copies * horizon, MonthBase::default());
    paths.copies.clear();
    for (c, &pi) in plan.copy_placement.iter().enumerate() {
        let p = &placements[pi];
        let derived = &plan.variants[variant].derived[pi];
        let mut pr = copy_params(p, derived, inputs, draws, c, horizon);
        // Cohort hook: a learner's phase, the class's fortune, its mentor (sim/class_phase.rs).
        if let Some(k) = super::class_phase::class_params(model, &draws.cohort, c, p.learning.as_ref()) {
            pr.learning_months = k.learning_months;
            if k.ramp_factor != 1.0 {
                pr.ramp_months *= k.ramp_factor;
                pr.ramp_step = ramp_step(pr.ramp_months);
            }
            pr.dropout *= k.dropout_factor;
            pr.dropout_covered = pr.dropout.clamp(0.0, 1.0);
            if let Some((pool, hours)) = k.mentor {
                (pr.pool, pr.available) = (Some(pool), hours);
            }
        }
        if !draws.starts(c) {
            // Beyond the drawn count: no month, no money, no pupil.
            (pr.absent, pr.start, pr.end) = (true, horizon, horizon);
        }
        params.push(pr);
        let typical = inputs.get(c, Slot::CapacityTypical);
        let sigma = inputs.get(c, Slot::CapacityVolatility);
        let phi = inputs.get(c, Slot::CapacityPersistence);
        // Start from the stationary distribution N(0, σ²/(1 − φ²)).
        let root = derived.stationary_root.unwrap_or_else(|| stationary_root(phi));
        paths.copies.push(CopyPath {
            shocks: draws.monthly_shocks(c),
            filled: pr.start,
            typical,
            logit_typical: derived.logit_typical.unwrap_or_else(|| logit(typical)),
            sigma,
            phi,
            p_sick: inputs.get(c, Slot::SickStartProbability),
            x: draws.capacity_z0[c] * sigma / root,
            remaining: 0.0,
            spell_elapsed: 0.0,
            spell_start: -1,
        });
    }
}

fn copy_params(
    p: &Placement,
    derived: &Derived,
    inputs: Inputs,
    draws: &IterationDraws,
    c: usize,
    horizon: usize,
) -> CopyParams {
    let x = |slot: Slot| inputs.get(c, slot);
    let prod_start = x(Slot::ProductivityStart);
    let (pool, available) = match p.supervision {
        SupervisionSource::Own => (None, x(Slot::SupervisionAvailable)),
        SupervisionSource::Pool(i) => (Some(i), draws.pool_hours[i]),
    };
    CopyParams {
        start: p.start_month,
        end: p.contract_end_month.unwrap_or(horizon).min(horizon),
        hours_per_week: x(Slot::HoursPerWeek),
        contract_hours: x(Slot::HoursPerWeek) * WEEKS_PER_MONTH,
        age: p.worker.age,
        bbl: p.worker.bbl,
        wage_hour: (!p.wage_is_wml).then(|| x(Slot::Wage)),
        holiday_pay: p.holiday_pay,
        burden: x(Slot::EmployerBurden),
        value: x(Slot::ValuePerProductiveHour),
        prod_start,
        prod_gap: x(Slot::ProductivityTarget) - prod_start,
        ramp_months: x(Slot::RampMonths),
        ramp_step: derived
            .ramp_step
            .unwrap_or_else(|| ramp_step(x(Slot::RampMonths))),
        ramp: match p.ramp {
            RampShape::Exponential => RampShapeCode::Exponential,
            RampShape::Linear => RampShapeCode::Linear,
            RampShape::SCurve => RampShapeCode::SCurve,
        },
        sup_steady: x(Slot::SupervisionSteady),
        sup_excess: x(Slot::SupervisionInitial) - x(Slot::SupervisionSteady),
        sup_decay: derived
            .sup_decay
            .unwrap_or_else(|| sup_decay(x(Slot::SupervisionHalving))),
        supervisor_cost: x(Slot::SupervisorCost),
        available,
        pool,
        dropout: x(Slot::DropoutMonthly),
        dropout_covered: x(Slot::DropoutMonthly).clamp(0.0, 1.0),
        shortfall_factor: x(Slot::DropoutShortfallFactor),
        exit_cost: x(Slot::DropoutExitCost),
        jobcoach_tariff: x(Slot::JobcoachTariff),
        jobcoach_hours: x(Slot::JobcoachHours),
        jobcoach_norm: p.jobcoach.is_some_and(|j| j.norm),
        jobcoach_max: p.jobcoach.and_then(|j| j.max_months).unwrap_or(usize::MAX),
        has_jobcoach: p.jobcoach.is_some(),
        jobcoach_share: x(Slot::JobcoachSupervisionShare),
        jobcoach_dropout: x(Slot::JobcoachDropoutFactor),
        jobcoach_learning: x(Slot::JobcoachLearningFactor),
        pay_by_worked: p.pay_basis == PayBasis::Worked,
        learning_months: 0,
        absent: false,
    }
}

impl Paths {
    /// Copy c's path, to fill and read its months.
    #[inline(always)]
    pub fn copy<'p>(&'p mut self, cx: &PathContext<'p>, c: usize) -> CopyCursor<'p> {
        let row = c * self.horizon..(c + 1) * self.horizon;
        let pi = cx.plan.copy_placement[c];
        CopyCursor {
            placement: &cx.model.placements_of(self.variant)[pi],
            wage_factors: &cx.plan.variants[self.variant].wage_factors[pi],
            plan: cx.plan,
            params: &cx.params[c],
            state: &mut self.copies[c],
            months: &mut self.months[row],
        }
    }

    /// Month t of copy c, filled by an earlier [`CopyCursor::reach`].
    #[inline(always)]
    pub fn month(&self, c: usize, t: usize) -> &MonthBase {
        debug_assert!(t < self.copies[c].filled, "month {t} of copy {c} is not filled");
        &self.months[c * self.horizon + t]
    }

    /// Months `months` of copy c, all filled by an earlier [`CopyCursor::reach`].
    pub fn months(&self, c: usize, months: std::ops::Range<usize>) -> &[MonthBase] {
        debug_assert!(months.end <= self.copies[c].filled.max(months.start));
        let row = c * self.horizon;
        &self.months[row + months.start..row + months.end]
    }
}

/// One copy's path: its state, its months, and what filling a month reads.
pub(super) struct CopyCursor<'p> {
    state: &'p mut CopyPath,
    months: &'p mut [MonthBase],
    placement: &'p Placement,
    /// The placement's wage factor by scenario month (empty for `wage = "wml"`).
    wage_factors: &'p [f64],
    plan: &'p Plan<'p>,
    params: &'p CopyParams,
}

impl CopyCursor<'_> {
    /// Month t, filled first (with the months before it) when no course reached it yet. It
    /// must lie within the copy's contract.
    #[inline(always)]
    pub fn reach(&mut self, t: usize) -> &MonthBase {
        debug_assert!(t < self.params.end, "month {t} is past the contract");
        while self.state.filled <= t {
            self.fill_next();
        }
        &self.months[t]
    }

    /// The next month: its shocks, capacity (the mean-reverting logit process) and sickness
    /// (spells with fractional months), then its hours and wage.
    #[inline(always)]
    fn fill_next(&mut self) {
        let (cp, p) = (&mut *self.state, self.placement);
        let t = cp.filled;
        cp.filled += 1;
        let shock = cp.shocks.next_month();
        cp.x = cp.phi * cp.x + cp.sigma * shock.capacity;
        let capacity = if cp.sigma == 0.0 {
            cp.typical
        } else {
            1.0 / (1.0 + (-(cp.logit_typical + cp.x)).exp())
        };
        if cp.remaining <= 0.0 {
            cp.spell_elapsed = 0.0;
            cp.spell_start = -1;
            if shock.sick < cp.p_sick
                && let Some(d) = &p.sick_months
            {
                cp.remaining = d.quantile(shock.sick / cp.p_sick);
                // A spell of no length is no absence: the month shows no spell.
                if cp.remaining > 0.0 {
                    cp.spell_start = t as i32;
                }
            }
        }
        let absent = cp.remaining.clamp(0.0, 1.0);
        // BW 7:629: wage continues during a spell for up to 104 weeks (the preset's figure),
        // the first year at the first-year share, the second at the second-year share.
        let sick_pay = if cp.spell_elapsed < MONTHS_PER_YEAR {
            p.sick_pay_first_year
        } else if cp.spell_elapsed < self.plan.sick_pay_max_months {
            p.sick_pay_second_year
        } else {
            0.0
        };
        let b = &mut self.months[t];
        b.capacity = capacity;
        b.absent = absent;
        b.sick_pay = sick_pay;
        // The running spell has months to come exactly when the month is (partly) absent.
        b.spell_start = cp.spell_start;
        b.spell_elapsed = cp.spell_elapsed;
        b.dropout_draw = shock.dropout;
        let wage_factor = self.wage_factors.get(t).copied().unwrap_or(1.0);
        hours_and_wage(self.plan, self.params, t, wage_factor, b);
        // Cohort hook: a month of the learning phase, no wage (sim/class_phase.rs).
        b.school = 1.0;
        if let Some(l) = &p.learning
            && t - self.params.start < l.months
        {
            let pr = self.params;
            let value = pr.value * self.plan.months[t].profile.value;
            let m = super::class_phase::learning_month(
                l,
                t,
                (b.capacity, b.absent),
                (b.worked, value, pr.jobcoach_norm),
            );
            (b.school, b.worked, b.production) = (m.school, m.worked, m.production);
            (b.paid, b.sick_pay, b.wage_full, b.sick_wage_full) = (0.0, 0.0, 0.0, 0.0);
            b.jobcoach_hours *= m.jobcoach_factor;
            b.jobcoach_cost = b.jobcoach_hours * pr.jobcoach_tariff;
        }
        cp.remaining -= absent;
        cp.spell_elapsed += absent;
    }
}

/// Hours, wage and the jobcoach's cost of month t, from its capacity and sickness;
/// `wage_factor` is the yearly indexation so far of a wage in euros (unused for `"wml"`).
#[inline(always)]
fn hours_and_wage(plan: &Plan, pr: &CopyParams, t: usize, wage_factor: f64, b: &mut MonthBase) {
    let month = &plan.months[t];
    let tenure = t - pr.start;
    let contract = pr.contract_hours;
    b.min_wage_share = youth_share(plan, pr, tenure, t);
    let min_wage_hour = month.min_wage_hour * b.min_wage_share;
    // A wage in euros follows the CAO's yearly raise; "wml" the law's minimum wage.
    b.wage_hour = pr.wage_hour.map_or(min_wage_hour, |w| w * wage_factor);
    let hourly = b.wage_hour * (1.0 + pr.holiday_pay);
    let pay_base = if pr.pay_by_worked {
        contract * b.capacity
    } else {
        contract
    };
    if b.absent > 0.0 {
        b.worked = contract * b.capacity * (1.0 - b.absent);
        // BW 7:629: in the first year of a spell the employer pays at least the minimum wage.
        // (The sick-pay share only counts for the absent part of a month.)
        if b.spell_elapsed < MONTHS_PER_YEAR && b.wage_hour > 0.0 {
            b.sick_pay = b.sick_pay.max((min_wage_hour / b.wage_hour).min(1.0));
        }
        b.paid = pay_base * ((1.0 - b.absent) + b.absent * b.sick_pay);
        b.sick_wage_full = pay_base * b.absent * b.sick_pay * hourly;
    } else {
        // The same sums with nothing absent (multiplying by 1 and adding 0 change nothing).
        b.worked = contract * b.capacity;
        b.paid = pay_base;
        b.sick_wage_full = 0.0;
    }
    b.wage_full = b.paid * hourly;
    b.production = b.worked * pr.value * month.profile.value;
    b.jobcoach_hours = if pr.has_jobcoach && tenure < pr.jobcoach_max {
        if pr.jobcoach_norm {
            plan.jobcoach_norm.get(tenure / 12).copied().unwrap_or(0.0) * b.worked
        } else {
            pr.jobcoach_hours * (1.0 - b.absent)
        }
    } else {
        0.0
    };
    b.jobcoach_cost = b.jobcoach_hours * pr.jobcoach_tariff;
}

/// Share of the adult minimum wage that applies to the worker ([`plan::youth_share`]).
fn youth_share(plan: &Plan, pr: &CopyParams, tenure: usize, t: usize) -> f64 {
    super::plan::youth_share(&plan.rates, pr.age, pr.bbl, tenure, plan.months[t].calendar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_inputs_are_derived_once_and_uncertain_ones_per_iteration() {
        let text = include_str!("../../scenarios/supermarkt-vakkenvuller.toml");
        let model = crate::scenario::parse(std::path::Path::new("s.toml"), text).unwrap();
        let d = Derived::of(&model.placements[0]);
        // ramp_months is lognormal; halving (4), typical (0.85), persistence (0.6) are constant.
        assert_eq!(d.ramp_step, None);
        assert_eq!(d.sup_decay, Some(0.5f64.powf(1.0 / 4.0)));
        assert_eq!(d.logit_typical, Some((0.85f64 / (1.0 - 0.85)).ln()));
        assert_eq!(d.stationary_root, Some((1.0f64 - 0.6 * 0.6).sqrt()));
    }

    #[test]
    fn ramp_shapes_meet_their_anchors() {
        for shape in [
            RampShapeCode::Exponential,
            RampShapeCode::Linear,
            RampShapeCode::SCurve,
        ] {
            assert_eq!(ramp(shape, 0.0), 0.0);
            assert!((ramp(shape, 1.0) - 0.9).abs() < 1e-12, "{shape:?}");
            assert!((ramp(shape, 50.0) - 1.0).abs() < 1e-12, "{shape:?}");
        }
        // The s-curve starts slower and the linear ramp faster than the exponential at first.
        assert!(ramp(RampShapeCode::SCurve, 0.2) < ramp(RampShapeCode::Exponential, 0.2));
    }
}
