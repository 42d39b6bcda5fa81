//! One iteration, month by month, in the order of the reference model (docs/model.md):
//! peak profile → productivity → capacity → sickness → hours → supervision (pools) →
//! money → instruments → dropout.
//!
//! Capacity, sickness, hours and wage depend only on the draws, so they are computed once per
//! iteration ([`MonthBase`]) and shared by every arrangement; supervision, learning, money,
//! instruments and dropout are evaluated per arrangement, because an arrangement may change
//! who supervises and who stays active.

use crate::calendar::YearMonth;
use crate::model::{LineTiming, Model, PeakProfile, Slot, SupervisionSource, WEEKS_PER_MONTH};
use crate::rates::Figure;
use crate::scenario::raw::{PayBasis, RampShape};

use super::draws::IterationDraws;
use super::instruments::{self, Books, Control, MonthFacts};
use super::ledger::{self, LineBook};
use super::rate_table::RateTable;

/// ln(0.1): the exponential ramp closes 90% of the gap at u = 1.
const LN_TENTH: f64 = -std::f64::consts::LN_10;
const MONTHS_PER_YEAR: f64 = 12.0;
/// Number of built-in ledger lines (production value … exit cost).
const BUILTIN: usize = ledger::BUILTIN_LINES.len();

/// Calendar facts of one simulated month, the same in every iteration.
#[derive(Debug, Clone, Copy)]
pub struct MonthInfo {
    pub calendar: YearMonth,
    pub profile: PeakProfile,
    /// Legal minimum wage per hour in force this month.
    pub min_wage_hour: f64,
    /// Discount factor (1 + r)^(−(t + 1)/12).
    pub discount: f64,
}

/// What is fixed for a run: the calendar, the legal figures by month, the line books, the
/// copy layout.
#[derive(Debug, Clone)]
pub struct Plan<'m> {
    pub rates: RateTable<'m>,
    pub months: Vec<MonthInfo>,
    pub books: Vec<LineBook>,
    /// Placement index of each copy.
    pub copy_placement: Vec<usize>,
    /// Jobcoach norm: share of worked hours in tenure years 1, 2, 3.
    pub jobcoach_norm: [f64; 3],
    /// Longest sick pay per spell, in months (104 weeks).
    pub sick_pay_max_months: f64,
}

impl<'m> Plan<'m> {
    pub fn new(model: &'m Model) -> Result<Self, super::SimError> {
        let months = (0..model.horizon)
            .map(|t| {
                let calendar = model.start.add_months(t as i64);
                MonthInfo {
                    calendar,
                    profile: model.peak_profile[calendar.month() as usize - 1],
                    min_wage_hour: model.rates.get(Figure::MinWageHour, calendar),
                    discount: (1.0 + model.discount_rate).powf(-((t + 1) as f64) / 12.0),
                }
            })
            .collect();
        let books = model
            .arrangements
            .iter()
            .map(|a| LineBook::new(model, a))
            .collect();
        let copy_placement = model
            .placements
            .iter()
            .enumerate()
            .flat_map(|(i, p)| std::iter::repeat_n(i, p.count))
            .collect();
        let norm_at = model.start;
        Ok(Self {
            rates: RateTable::new(&model.rates, model.start, model.horizon),
            sick_pay_max_months: model.rates.get(Figure::SickPayMaxWeeks, model.start) / WEEKS_PER_MONTH,
            months,
            books,
            copy_placement,
            jobcoach_norm: [
                model.rates.get(Figure::JobcoachNormYear1, norm_at),
                model.rates.get(Figure::JobcoachNormYear2, norm_at),
                model.rates.get(Figure::JobcoachNormYear3, norm_at),
            ],
        })
    }
}

/// The outcome of one arrangement in one iteration.
#[derive(Debug, Clone, PartialEq)]
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
    /// Nominal total per line of the arrangement's line book, euros.
    pub lines: Vec<f64>,
    /// Per instrument of the arrangement: copies for which it was ineligible at some point.
    pub ineligible: Vec<u32>,
}

/// Per-month aggregates of one arrangement in one iteration.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MonthPoint {
    pub active: u32,
    pub started: u32,
    pub productivity_sum: f64,
    /// Cumulative discounted employer net cash up to and including this month.
    pub cumulative_net: f64,
}

/// The arrangement-independent facts of one copy in one month: capacity, sickness, hours and
/// wage. The copy's tenure in month t is t − start in every arrangement (it is active from its
/// start until it ends), so the youth minimum wage and the jobcoach hours are too. Computed
/// once per iteration, read by every arrangement.
#[derive(Debug, Clone, Copy)]
struct MonthBase {
    capacity: f64,
    absent: f64,
    /// Share of the wage paid for the absent part (first or second year of the spell, at
    /// least the minimum wage in the first year).
    sick_pay: f64,
    /// Scenario month in which the running spell began; −1 when not sick.
    spell_start: i32,
    /// Months of the running spell before this month.
    spell_elapsed: f64,
    worked: f64,
    paid: f64,
    min_wage_share: f64,
    wage_hour: f64,
    /// The month's wage incl. holiday pay, and the part of it paid for the absent part.
    wage_full: f64,
    sick_wage_full: f64,
    /// Production value at productivity 1: worked hours × value per hour × peak multiplier.
    production: f64,
    /// The jobcoach's cost this month (0 without a jobcoach or after its last month).
    jobcoach_cost: f64,
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
            jobcoach_cost: 0.0,
        }
    }
}

/// Static parameters of one copy in one iteration (from its draws).
#[derive(Debug, Clone, Copy, Default)]
struct CopyParams {
    start: usize,
    end: usize,
    hours_per_week: f64,
    contract_hours: f64,
    /// Age at the start when the worker is young and paid the minimum wage.
    age: Option<u32>,
    wage_hour: Option<f64>,
    holiday_pay: f64,
    burden: f64,
    value: f64,
    prod_start: f64,
    prod_gap: f64,
    ramp_months: f64,
    ramp: RampShapeCode,
    /// 0.1^(1/T90): the exponential ramp's remaining-gap factor after one full learning month.
    ramp_step: f64,
    sup_initial: f64,
    sup_steady: f64,
    sup_decay: f64,
    supervisor_cost: f64,
    available: f64,
    pool: Option<usize>,
    dropout: f64,
    shortfall_factor: f64,
    exit_cost: f64,
    jobcoach_tariff: f64,
    jobcoach_hours: f64,
    jobcoach_norm: bool,
    jobcoach_max: usize,
    has_jobcoach: bool,
    pay_by_worked: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum RampShapeCode {
    #[default]
    Exponential,
    Linear,
    SCurve,
}

/// g(u): share of the productivity gap closed after u = L / T90 well-supervised ramp periods.
/// g(0) = 0, g(1) = 0.9, g(∞) = 1.
#[inline]
fn ramp(shape: RampShapeCode, u: f64) -> f64 {
    match shape {
        RampShapeCode::Exponential => 1.0 - (LN_TENTH * u).exp(),
        RampShapeCode::Linear => (0.9 * u).min(1.0),
        RampShapeCode::SCurve => 1.0 - (LN_TENTH * u * u).exp(),
    }
}

/// Mutable state of one copy while an arrangement is evaluated.
#[derive(Debug, Clone, Copy, Default)]
struct CopyState {
    active: bool,
    done: bool,
    dropped: bool,
    tenure: usize,
    learning: f64,
    /// 0.1^(L/T90), the share of the gap still open on the exponential ramp.
    gap_open: f64,
    decay: f64,
    productivity: f64,
    need: f64,
    months_active: u32,
}

/// Reusable buffers for evaluating iterations; one per worker thread.
#[derive(Debug, Default)]
pub struct Scratch {
    params: Vec<CopyParams>,
    paths: Vec<MonthBase>,
    states: Vec<CopyState>,
    pool_need: Vec<f64>,
    /// Per copy: active in the month being evaluated (month-major order).
    active: Vec<bool>,
    month_net: Vec<f64>,
    instruments: Vec<instruments::CopyState>,
}

/// Evaluates every arrangement of one iteration. `monthly` receives `arrangements × horizon`
/// points (arrangement-major).
pub fn simulate_iteration(
    model: &Model,
    plan: &Plan,
    draws: &IterationDraws,
    scratch: &mut Scratch,
    outcomes: &mut Vec<Outcome>,
    monthly: &mut Vec<MonthPoint>,
) {
    prepare(model, plan, draws, scratch);
    outcomes.clear();
    monthly.clear();
    for book in &plan.books {
        let start = monthly.len();
        monthly.resize(start + model.horizon, MonthPoint::default());
        let outcome = evaluate(model, plan, book, draws, scratch, &mut monthly[start..]);
        outcomes.push(outcome);
    }
}

/// Derives the copies' parameters and their capacity/sickness paths from the draws.
fn prepare(model: &Model, plan: &Plan, draws: &IterationDraws, s: &mut Scratch) {
    let horizon = model.horizon;
    let copies = plan.copy_placement.len();
    s.params.clear();
    s.paths.clear();
    s.paths.resize(copies * horizon, MonthBase::default());
    for (c, &pi) in plan.copy_placement.iter().enumerate() {
        let p = &model.placements[pi];
        let x = |slot: Slot| draws.input(c, slot);
        let end = p.contract_end_month.unwrap_or(horizon).min(horizon);
        let prod_start = x(Slot::ProductivityStart);
        let (pool, available) = match p.supervision {
            SupervisionSource::Own => (None, x(Slot::SupervisionAvailable)),
            SupervisionSource::Pool(i) => (Some(i), draws.pool_hours[i]),
        };
        let params = CopyParams {
            start: p.start_month,
            end,
            hours_per_week: x(Slot::HoursPerWeek),
            contract_hours: x(Slot::HoursPerWeek) * WEEKS_PER_MONTH,
            age: p.worker.age,
            wage_hour: (!p.wage_is_wml).then(|| x(Slot::Wage)),
            holiday_pay: p.holiday_pay,
            burden: x(Slot::EmployerBurden),
            value: x(Slot::ValuePerProductiveHour),
            prod_start,
            prod_gap: x(Slot::ProductivityTarget) - prod_start,
            ramp_months: x(Slot::RampMonths),
            ramp_step: (LN_TENTH / x(Slot::RampMonths)).exp(),
            ramp: match p.ramp {
                RampShape::Exponential => RampShapeCode::Exponential,
                RampShape::Linear => RampShapeCode::Linear,
                RampShape::SCurve => RampShapeCode::SCurve,
            },
            sup_initial: x(Slot::SupervisionInitial),
            sup_steady: x(Slot::SupervisionSteady),
            sup_decay: 0.5f64.powf(1.0 / x(Slot::SupervisionHalving)),
            supervisor_cost: x(Slot::SupervisorCost),
            available,
            pool,
            dropout: x(Slot::DropoutMonthly),
            shortfall_factor: x(Slot::DropoutShortfallFactor),
            exit_cost: x(Slot::DropoutExitCost),
            jobcoach_tariff: x(Slot::JobcoachTariff),
            jobcoach_hours: x(Slot::JobcoachHours),
            jobcoach_norm: p.jobcoach.is_some_and(|j| j.norm),
            jobcoach_max: p.jobcoach.and_then(|j| j.max_months).unwrap_or(usize::MAX),
            has_jobcoach: p.jobcoach.is_some(),
            pay_by_worked: p.pay_basis == PayBasis::Worked,
        };
        s.params.push(params);
        let path = &mut s.paths[c * horizon..(c + 1) * horizon];
        fill_path(p, plan, draws, c, &params, path);
    }
}

/// Capacity (mean-reverting logit process) and sickness (spells with fractional months), then
/// the month's hours and wage.
fn fill_path(
    p: &crate::model::Placement,
    plan: &Plan,
    draws: &IterationDraws,
    c: usize,
    params: &CopyParams,
    path: &mut [MonthBase],
) {
    let sick_pay_max_months = plan.sick_pay_max_months;
    let horizon = path.len();
    let typical = draws.input(c, Slot::CapacityTypical);
    let sigma = draws.input(c, Slot::CapacityVolatility);
    let phi = draws.input(c, Slot::CapacityPersistence);
    let p_sick = draws.input(c, Slot::SickStartProbability);
    let logit_typical = (typical / (1.0 - typical)).ln();
    // Start from the stationary distribution N(0, σ²/(1 − φ²)).
    let mut x = draws.capacity_z0[c] * sigma / (1.0 - phi * phi).sqrt();
    let mut remaining = 0.0f64;
    let mut spell_elapsed = 0.0f64;
    let mut spell_start = -1i32;
    let shocks = &draws.shocks[c * horizon..(c + 1) * horizon];
    for t in params.start..params.end {
        let shock = shocks[t];
        x = phi * x + sigma * shock.capacity;
        let capacity = if sigma == 0.0 {
            typical
        } else {
            1.0 / (1.0 + (-(logit_typical + x)).exp())
        };
        if remaining <= 0.0 {
            spell_elapsed = 0.0;
            spell_start = -1;
            if shock.sick < p_sick {
                if let Some(d) = &p.sick_months {
                    remaining = d.quantile(shock.sick / p_sick);
                    spell_start = t as i32;
                }
            }
        }
        let absent = remaining.clamp(0.0, 1.0);
        // BW 7:629: wage continues during a spell for up to 104 weeks (the preset's figure),
        // the first year at the first-year share, the second at the second-year share.
        let sick_pay = if spell_elapsed < MONTHS_PER_YEAR {
            p.sick_pay_first_year
        } else if spell_elapsed < sick_pay_max_months {
            p.sick_pay_second_year
        } else {
            0.0
        };
        let b = &mut path[t];
        b.capacity = capacity;
        b.absent = absent;
        b.sick_pay = sick_pay;
        b.spell_start = if absent > 0.0 { spell_start } else { -1 };
        b.spell_elapsed = spell_elapsed;
        hours_and_wage(plan, params, t, b);
        remaining -= absent;
        spell_elapsed += absent;
    }
}

/// Hours, wage and the jobcoach's cost of month t, from its capacity and sickness.
#[inline(always)]
fn hours_and_wage(plan: &Plan, pr: &CopyParams, t: usize, b: &mut MonthBase) {
    let month = &plan.months[t];
    let tenure = t - pr.start;
    let contract = pr.contract_hours;
    b.worked = contract * b.capacity * (1.0 - b.absent);
    b.min_wage_share = youth_share(plan, pr, tenure, t);
    let min_wage_hour = month.min_wage_hour * b.min_wage_share;
    b.wage_hour = pr.wage_hour.unwrap_or(min_wage_hour);
    // BW 7:629: in the first year of a spell the employer pays at least the minimum wage.
    if b.spell_elapsed < MONTHS_PER_YEAR && b.wage_hour > 0.0 {
        b.sick_pay = b.sick_pay.max((min_wage_hour / b.wage_hour).min(1.0));
    }
    let pay_base = if pr.pay_by_worked {
        contract * b.capacity
    } else {
        contract
    };
    b.paid = pay_base * ((1.0 - b.absent) + b.absent * b.sick_pay);
    let hourly = b.wage_hour * (1.0 + pr.holiday_pay);
    b.wage_full = b.paid * hourly;
    b.sick_wage_full = pay_base * b.absent * b.sick_pay * hourly;
    b.production = b.worked * pr.value * month.profile.value;
    if pr.has_jobcoach && tenure < pr.jobcoach_max {
        let hours = if pr.jobcoach_norm {
            plan.jobcoach_norm.get(tenure / 12).copied().unwrap_or(0.0) * b.worked
        } else {
            pr.jobcoach_hours * (1.0 - b.absent)
        };
        b.jobcoach_cost = hours * pr.jobcoach_tariff;
    }
}

/// What one arrangement's evaluation reads: the model, the draws and the arrangement's lines.
struct Arrangement<'a> {
    model: &'a Model,
    plan: &'a Plan<'a>,
    book: &'a LineBook,
    draws: &'a IterationDraws,
    /// Share of the supervision need the employer's supervisors cover (the rest: provider).
    employer_share: f64,
}

/// What one arrangement's evaluation adds up.
struct Accounts<'b> {
    books: Books<'b>,
    /// Totals of the built-in lines (added to the line totals at the end).
    builtin: [f64; BUILTIN],
    builtin_sign: [f64; BUILTIN],
    supervision_hours: f64,
    sick_months: f64,
}

impl Arrangement<'_> {
    /// The start of a copy's month: starts the placement in its first month, and for an active
    /// copy sets the productivity from the learning so far and the supervision need. Returns
    /// whether the copy is active this month.
    #[inline(always)]
    fn begin_month(
        &self,
        st: &mut CopyState,
        ist: &mut instruments::CopyState,
        pr: &CopyParams,
        b: &MonthBase,
        t: usize,
    ) -> bool {
        if !st.active && !st.done && t == pr.start {
            *st = CopyState {
                active: true,
                gap_open: 1.0,
                decay: 1.0,
                ..CopyState::default()
            };
            self.book.rules.start(ist);
        }
        if !st.active {
            return false;
        }
        let closed = match pr.ramp {
            RampShapeCode::Exponential => 1.0 - st.gap_open,
            shape => ramp(shape, st.learning / pr.ramp_months),
        };
        st.productivity = pr.prod_start + pr.prod_gap * closed;
        st.need = (pr.sup_steady + (pr.sup_initial - pr.sup_steady) * st.decay) * (1.0 - b.absent);
        true
    }

    /// The hours a copy's own supervisors give: its employer's share of the need, within the
    /// hours they have this month.
    #[inline(always)]
    fn own_supervision(&self, st: &CopyState, pr: &CopyParams, t: usize) -> f64 {
        let available = pr.available * self.plan.months[t].profile.availability;
        (self.employer_share * st.need).min(available)
    }

    /// The rest of an active copy's month, once the hours its employer's supervisors give are
    /// known: coverage, learning, money, instruments, dropout. Returns whether the placement
    /// ended this month.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn finish_month(
        &self,
        acc: &mut Accounts,
        point: &mut MonthPoint,
        (c, t): (usize, usize),
        st: &mut CopyState,
        ist: &mut instruments::CopyState,
        pr: &CopyParams,
        b: &MonthBase,
        employer_given: f64,
    ) -> bool {
        let (model, plan, draws) = (self.model, self.plan, self.draws);
        let rules = &self.book.rules;
        let month = &plan.months[t];
        let profile = month.profile;
        let employer_need = self.employer_share * st.need;
        let provider_given = st.need - employer_need;
        let given = employer_given + provider_given;
        let coverage = if given < st.need { given / st.need } else { 1.0 };
        let progress = coverage * (1.0 - b.absent);
        st.learning += progress;
        // A full learning month multiplies the open gap by 0.1^(1/T90); any other step
        // recomputes it from L, so both paths give 0.1^(L/T90).
        st.gap_open = if progress == 1.0 {
            st.gap_open * pr.ramp_step
        } else {
            (LN_TENTH * st.learning / pr.ramp_months).exp()
        };

        // The instruments see the month's facts; without instruments nothing else needs them.
        let placement = plan.copy_placement[c];
        let mut instrumented = (!rules.is_empty()).then(|| {
            let cx = instruments::Context {
                rates: &plan.rates,
                worker: &model.placements[placement].worker,
                draws,
                copy: c,
                scenario_start: model.start,
                placement_start: pr.start,
            };
            let facts = MonthFacts {
                t,
                calendar: month.calendar,
                tenure: st.tenure,
                productivity: st.productivity,
                coverage,
                min_wage_share: b.min_wage_share,
                absent: b.absent,
                spell_start_tenure: (b.spell_start >= 0)
                    .then(|| (b.spell_start as usize).saturating_sub(pr.start)),
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
            (facts, cx)
        });
        if let Some((f, cx)) = instrumented.as_mut() {
            f.wage_factor = rules.before(ist, f, cx).factor;
        }
        let wage_factor = instrumented.as_ref().map_or(1.0, |(f, _)| f.wage_factor);

        // Money: the built-in lines are summed in `acc`, the others booked through `Books`.
        let wage = b.wage_full * wage_factor;
        let mut amounts = [
            b.production * st.productivity,
            wage,
            wage * pr.burden,
            employer_given * WEEKS_PER_MONTH * pr.supervisor_cost * profile.cost,
            b.jobcoach_cost,
            0.0,
        ];
        let books = &mut acc.books;
        books.t = t;
        if let Some(line) = rules.provider_supervision_line {
            books.book(line, provider_given * WEEKS_PER_MONTH * pr.supervisor_cost);
        }
        let other = &model.placements[placement].lines;
        for (line, &id) in other.iter().zip(&self.book.other_line_ids[placement]) {
            let due = match line.timing {
                LineTiming::OneOff(m) => st.tenure == m,
                LineTiming::Monthly { from, to } => (from..=to).contains(&st.tenure),
            };
            if due {
                let amount = draws.input_at(c, line.slot);
                books.book(id, amount);
                if !line.is_benefit && instrumented.is_some() {
                    rules.on_cost_line(ist, &line.name, amount, books);
                }
            }
        }
        let control = match &instrumented {
            Some((f, cx)) => rules.after(ist, f, cx, books),
            None => Control::Continue,
        };

        // Outcomes of the month.
        acc.supervision_hours += given * WEEKS_PER_MONTH;
        acc.sick_months += b.absent;
        point.active += 1;
        point.productivity_sum += st.productivity;
        st.months_active += 1;

        // Dropout at the end of the month; a failed trial or the contract end also ends it.
        let q = (pr.dropout * (1.0 + pr.shortfall_factor * (1.0 - coverage))).clamp(0.0, 1.0);
        let ended = if draws.shocks[c * model.horizon + t].dropout < q {
            amounts[ledger::EXIT_COST] = pr.exit_cost;
            st.dropped = true;
            true
        } else if control == Control::NotHired {
            st.dropped = true;
            true
        } else {
            t + 1 >= pr.end
        };
        if ended || t + 1 == model.horizon {
            st.active = !ended;
            st.done = ended;
            if let Some((_, cx)) = &instrumented {
                rules.close(ist, cx, books);
            }
        }
        st.tenure += 1;
        st.decay *= pr.sup_decay;

        let mut net = 0.0;
        for ((total, sign), amount) in acc.builtin.iter_mut().zip(acc.builtin_sign).zip(amounts) {
            *total += amount;
            net += sign * amount;
        }
        books.month_net[t] += net;
        ended
    }
}

/// Evaluates one arrangement over the horizon; fills `monthly` (length = horizon).
///
/// Without supervisor pools the copies are independent, and each runs through its months on
/// its own (copy-major). Copies that share a pool share its hours month by month, so then every
/// month is first begun for all copies, the pools' hours are divided, and the month finished
/// for all copies (month-major). Both orders run the same two steps.
fn evaluate(
    model: &Model,
    plan: &Plan,
    book: &LineBook,
    draws: &IterationDraws,
    s: &mut Scratch,
    monthly: &mut [MonthPoint],
) -> Outcome {
    let horizon = model.horizon;
    let copies = s.params.len();
    let rules = &book.rules;
    let mut lines = vec![0.0; book.len()];
    let mut after_horizon_npv = 0.0;
    s.states.clear();
    s.states.resize(copies, CopyState::default());
    s.instruments.resize_with(copies, instruments::CopyState::default);
    s.month_net.clear();
    s.month_net.resize(horizon, 0.0);
    for pr in &s.params {
        for point in &mut monthly[pr.start.min(horizon)..] {
            point.started += 1;
        }
    }
    let arrangement = Arrangement {
        model,
        plan,
        book,
        draws,
        employer_share: 1.0 - rules.provider_supervision_share,
    };
    let mut acc = Accounts {
        books: Books {
            lines: &mut lines,
            month_net: &mut s.month_net,
            sign: &book.employer_sign,
            after_horizon_npv: &mut after_horizon_npv,
            discount_rate: model.discount_rate,
            t: 0,
        },
        builtin: [0.0; BUILTIN],
        builtin_sign: std::array::from_fn(|k| book.employer_sign[k]),
        supervision_hours: 0.0,
        sick_months: 0.0,
    };
    let Scratch {
        states,
        params,
        paths,
        instruments: ists,
        pool_need,
        active,
        ..
    } = s;
    if model.pools.is_empty() {
        for (c, ((st, pr), ist)) in states
            .iter_mut()
            .zip(params.iter())
            .zip(ists.iter_mut())
            .enumerate()
        {
            let path = &paths[c * horizon..(c + 1) * horizon];
            for t in pr.start..horizon {
                let b = &path[t];
                if !arrangement.begin_month(st, ist, pr, b, t) {
                    break;
                }
                let given = arrangement.own_supervision(st, pr, t);
                if arrangement.finish_month(&mut acc, &mut monthly[t], (c, t), st, ist, pr, b, given) {
                    break;
                }
            }
        }
    } else {
        pool_need.clear();
        pool_need.resize(model.pools.len(), 0.0);
        active.clear();
        active.resize(copies, false);
        for (t, month) in plan.months.iter().enumerate() {
            let availability = month.profile.availability;
            pool_need.iter_mut().for_each(|n| *n = 0.0);
            for (c, ((st, pr), ist)) in states
                .iter_mut()
                .zip(params.iter())
                .zip(ists.iter_mut())
                .enumerate()
            {
                active[c] = arrangement.begin_month(st, ist, pr, &paths[c * horizon + t], t);
                if let (true, Some(pool)) = (active[c], pr.pool) {
                    pool_need[pool] += arrangement.employer_share * st.need;
                }
            }
            for (c, ((st, pr), ist)) in states
                .iter_mut()
                .zip(params.iter())
                .zip(ists.iter_mut())
                .enumerate()
            {
                if !active[c] {
                    continue;
                }
                let employer_need = arrangement.employer_share * st.need;
                let given = match pr.pool {
                    None => arrangement.own_supervision(st, pr, t),
                    Some(pool) => {
                        let total = pool_need[pool];
                        let available = draws.pool_hours[pool] * availability;
                        if total <= available {
                            employer_need
                        } else {
                            employer_need * available / total
                        }
                    }
                };
                let b = &paths[c * horizon + t];
                arrangement.finish_month(&mut acc, &mut monthly[t], (c, t), st, ist, pr, b, given);
            }
        }
    }
    let Accounts {
        builtin,
        supervision_hours,
        sick_months,
        ..
    } = acc;
    for (line, total) in lines.iter_mut().zip(builtin) {
        *line += total;
    }

    let mut npv = 0.0;
    for (t, (net, month)) in s.month_net.iter().zip(&plan.months).enumerate() {
        npv += net * month.discount;
        monthly[t].cumulative_net = npv;
    }
    // Flows due after the horizon (LKV, praktijkleren) count at their own discount factor;
    // they appear in the last month's cumulative net.
    npv += after_horizon_npv;
    if let Some(last) = monthly.last_mut() {
        last.cumulative_net = npv;
    }
    let n = copies as f64;
    Outcome {
        npv,
        break_even_month: break_even(monthly),
        retained: s.states.iter().filter(|st| !st.dropped).count() as f64 / n,
        months_active: s.states.iter().map(|st| f64::from(st.months_active)).sum::<f64>() / n,
        final_productivity: s.states.iter().map(|st| st.productivity).sum::<f64>() / n,
        supervision_hours,
        sick_months,
        lines,
        ineligible: (0..rules.len())
            .map(|i| {
                s.instruments[..copies]
                    .iter()
                    .filter(|ist| ist.ineligible.get(i) == Some(&true))
                    .count() as u32
            })
            .collect(),
    }
}

/// Share of the adult minimum wage that applies to the worker: the youth minimum wage below 21
/// (Wet minimumloon art. 8), 1 for adults. The age grows with the tenure.
fn youth_share(plan: &Plan, pr: &CopyParams, tenure: usize, t: usize) -> f64 {
    let Some(age) = pr.age else {
        return 1.0;
    };
    let figure = match age + (tenure / 12) as u32 {
        ..=15 => Figure::YouthMinWageShare15,
        16 => Figure::YouthMinWageShare16,
        17 => Figure::YouthMinWageShare17,
        18 => Figure::YouthMinWageShare18,
        19 => Figure::YouthMinWageShare19,
        20 => Figure::YouthMinWageShare20,
        _ => return 1.0,
    };
    plan.rates.get(figure, plan.months[t].calendar)
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
