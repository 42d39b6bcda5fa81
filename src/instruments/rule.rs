//! What every instrument is: the [`Scheme`] trait that one file per instrument implements,
//! and what a scheme sees of a copy's month ([`MonthFacts`], [`Context`]) and how it books
//! ([`Books`]).
//!
//! The engine calls, for every active month of a copy: `before` of the schemes that act
//! before the wage (assessments, the wage factor, a trial) → books the base lines → `after`
//! (the instruments' own flows; `on_trial` instead while the worker is on trial) → in
//! December the yearly claims; and `close` when the placement ends or the horizon is reached
//! (payments that fall due later are booked at their due month).

use std::fmt::Debug;

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::build::Build;
use crate::calendar::YearMonth;
use crate::rates::{Figure, RateTable};
use crate::vocab::{LineDef, Party, Words, Worker};

/// A financing instrument or support item: its parameters as written, their validation, the
/// lines it books on, its rule in the month and its words in the report.
///
/// Every method of the month has a default that does nothing, so a scheme states only what
/// it does. The registry (`instruments/mod.rs`) dispatches over the schemes statically.
pub trait Scheme: Sized + Debug + Clone + PartialEq {
    /// The `kind` in the scenario.
    const KIND: &'static str;
    /// Its name in the report.
    const NAME: Words;
    /// The ledger lines it can book on, with their names in the report (a grant books on a
    /// line named in the scenario instead).
    const LINES: &'static [(&'static str, Words)];
    /// Whether it acts before the wage is booked (assessments, the wage factor, a trial).
    const ACTS_BEFORE: bool = false;
    /// Whether it can apply to a learner in the learning phase (`phase = "learning"`): a
    /// learner is not employed, so schemes on the wage or the employment cannot.
    const IN_LEARNING: bool = false;

    /// Its parameters as written in the scenario.
    type Raw: DeserializeOwned + Serialize + JsonSchema + Debug + Clone;
    /// What it keeps per copy while the placement runs.
    type State: Default + Debug + Clone;

    /// What may appear once per arrangement: the kind, or the kind with a category or name.
    fn identity(_raw: &Self::Raw) -> String {
        Self::KIND.to_owned()
    }

    /// Validates the parameters (reporting every problem at its key) into the instrument.
    fn build(raw: &Self::Raw, b: &mut Build) -> Self;

    /// Ties it to the other instruments of its arrangement (by their kinds).
    fn link(&mut self, _kinds: &[&'static str]) {}

    /// A short label for outputs (`lkv (banenafspraak)`, `grant "startbonus"`).
    fn label(&self) -> String {
        Self::KIND.to_owned()
    }

    /// Its parameters as (scenario key, value) for reports; `input` describes an uncertain
    /// input by its index among the model's instrument inputs.
    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The lines it books on, in the order its rules index them; `eor` is the employer of
    /// record.
    fn lines(&self, eor: Party) -> Vec<LineDef>;

    /// The employer of record it makes another party (detachering: the provider).
    fn employer_of_record(&self) -> Option<Party> {
        None
    }

    /// The share of the supervision need another party covers, and which of its own lines
    /// books that party's hours.
    fn provider_supervision(&self) -> Option<(f64, usize)> {
        None
    }

    /// A trial before hiring: its months and how the hiring decision is taken.
    fn trial(&self) -> Option<(usize, Hire)> {
        None
    }

    /// Whether its conditions on the worker's status (benefit, target group, registers) hold
    /// for `worker`: if not, it can never apply to that worker's placement.
    fn for_worker(&self, _worker: &Worker) -> bool {
        true
    }

    /// Its conditions on the worker's status in the report's words, completing "… is only
    /// for": shown where [`Self::for_worker`] fails.
    fn worker_condition(&self) -> Words {
        Words { nl: "", en: "" }
    }

    /// A condition that can stop it in the course of a placement although the worker
    /// qualifies: the legal figure it tests and, in the report's words, what happens
    /// (`{limit}` stands for the figure's value).
    fn lapses(&self) -> Option<(Figure, Words)> {
        None
    }

    /// Loonwaarde assessments a copy may need over `horizon` months.
    fn assessments_needed(&self, _horizon: usize) -> usize {
        0
    }

    /// Before the wage is booked (only when [`Self::ACTS_BEFORE`]): returns the factor on
    /// the wage the employer of record pays.
    #[inline(always)]
    fn before(
        &self,
        _s: &mut Self::State,
        _shared: &mut Shared,
        _ineligible: &mut bool,
        _m: &MonthFacts,
        _cx: &Context,
    ) -> f64 {
        1.0
    }

    /// Whether a month certainly books nothing (checked before the out-of-line call).
    #[inline(always)]
    fn idle(&self, _ineligible: bool, _m: &MonthFacts, _cx: &Context) -> bool {
        false
    }

    /// A month while the worker is on trial (not yet hired).
    #[inline(always)]
    fn on_trial(
        &self,
        _shared: &mut Shared,
        _m: &MonthFacts,
        _cx: &Context,
        _books: &mut Books,
        _lines: &[usize],
    ) -> Control {
        Control::Continue
    }

    /// A month of employment that started in tenure month `hired`: the instrument's flows.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn after(
        &self,
        _s: &mut Self::State,
        _shared: &Shared,
        _ineligible: &mut bool,
        _hired: usize,
        _m: &MonthFacts,
        _cx: &Context,
        _books: &mut Books,
        _lines: &[usize],
    ) {
    }

    /// Closes the running calendar year: an amount claimed and the scenario month it is paid
    /// in. Of several claims of one copy only the highest is paid (LKV).
    fn yearly_claim(&self, _s: &mut Self::State, _cx: &Context) -> Option<(f64, usize)> {
        None
    }

    /// Settles what falls due after the placement's last month.
    fn close(&self, _s: &mut Self::State, _cx: &Context, _books: &mut Books, _lines: &[usize]) {}

    /// The refund of an amount booked on the placement's cost line `line` (workplace
    /// adaptation).
    fn refund(&self, _line: &str, _amount: f64) -> Option<f64> {
        None
    }
}

/// What the instruments of an arrangement share for one copy.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shared {
    /// Tenure month from which the worker is employed (after a trial placement); None while
    /// on trial.
    pub hired_at: Option<usize>,
    /// Latest assessed loonwaarde.
    pub loonwaarde: Option<f64>,
    /// Assessments done so far (indexes the assessment draws).
    pub assessments: usize,
    /// LKS is paid forfaitair this month, before a loonwaarde is assessed (Participatiewet
    /// art. 10d lid 5): the no-risk polis then takes a loonwaarde of 50% (Ziektewet art. 29e
    /// lid 2 onderdeel b).
    pub forfaitaire_lks: bool,
}

/// How the hiring decision at the end of a trial is taken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hire {
    Probability(f64),
    /// Hired when productivity in the last trial month is at least this.
    Threshold(f64),
    /// Hired with probability 1 / (1 + exp(−slope · (π − midpoint))): a logistic curve in the
    /// productivity π reached in the last month (a company hires the learners who reached
    /// most, but not only them).
    Logistic {
        midpoint: f64,
        slope: f64,
    },
}

impl Hire {
    /// Whether the worker is hired, given the last trial month's productivity and the copy's
    /// hiring draw u ~ U(0, 1).
    pub fn hires(self, productivity: f64, u: f64) -> bool {
        match self {
            Hire::Probability(p) => u < p,
            Hire::Threshold(level) => productivity >= level,
            Hire::Logistic { .. } => u < self.probability(productivity),
        }
    }

    /// The probability of being hired at productivity π (0 or 1 for a threshold).
    pub fn probability(self, productivity: f64) -> f64 {
        match self {
            Hire::Probability(p) => p,
            Hire::Threshold(level) => f64::from(u8::from(productivity >= level)),
            Hire::Logistic { midpoint, slope } => 1.0 / (1.0 + (-slope * (productivity - midpoint)).exp()),
        }
    }
}

/// The hiring decision of a trial of `months` months in a tenure month of a worker still on
/// trial: `None` while the trial runs, else whether the worker is hired (taken in the trial's
/// last month). The instrument and the course of the placement both ask this.
pub fn hiring_decision(months: usize, hire: Hire, tenure: usize, productivity: f64, u: f64) -> Option<bool> {
    (tenure + 1 >= months).then(|| hire.hires(productivity, u))
}

/// Months between loonwaarde assessments unless the scenario says otherwise.
pub const DEFAULT_REASSESS_MONTHS: i64 = 12;
/// Standard deviation of the error of a loonwaarde assessment unless the scenario says otherwise.
pub const DEFAULT_ASSESSMENT_NOISE_SD: f64 = 0.05;

/// A share as a percentage with one decimal, for reports (`topup_share: 100%`).
pub fn share(x: f64) -> String {
    format!("{}%", (x * 100.0 * 10.0).round() / 10.0)
}

/// A limit for reports: the number, or ∞ when there is none.
pub fn limit(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        "∞".to_owned()
    }
}

/// The loonwaarde assessment: productivity plus assessment error, rounded to a whole percent
/// and clamped to 0..1 (Participatiewet art. 10d; loonwaardebepaling).
pub fn assess_loonwaarde(productivity: f64, noise_sd: f64, z: f64) -> f64 {
    ((productivity + noise_sd * z).clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// What the engine knows about one copy in one month when the instruments act.
#[derive(Debug, Clone, Copy)]
pub struct MonthFacts {
    /// Scenario month (0-based) and its calendar month.
    pub t: usize,
    pub calendar: YearMonth,
    /// Months since the placement started (0 in its first month).
    pub tenure: usize,
    pub productivity: f64,
    /// Supervision given / needed this month (1 when nothing is needed).
    pub coverage: f64,
    /// Share of the adult minimum wage that applies to the worker (youth minimum wage).
    pub min_wage_share: f64,
    /// Absent fraction of the month (sickness).
    pub absent: f64,
    /// Tenure month in which the running sick spell began, if the worker is sick.
    pub spell_start_tenure: Option<usize>,
    /// Months of the running spell before this month.
    pub spell_elapsed: f64,
    pub hours_per_week: f64,
    pub contract_hours: f64,
    pub worked_hours: f64,
    pub paid_hours: f64,
    /// Gross hourly wage before any instrument (youth share applied).
    pub wage_hour: f64,
    /// Holiday pay share of the placement.
    pub holiday_pay: f64,
    /// Share of the wage paid for the absent part of the month.
    pub sick_pay: f64,
    /// The month's wage incl. holiday pay before any instrument's wage factor.
    pub wage_full: f64,
    /// The part of `wage_full` paid for the absent part of the month (sick pay).
    pub sick_wage_full: f64,
    /// The wage factor the instruments set this month (1 without).
    pub wage_factor: f64,
    pub jobcoach_cost: f64,
    pub supervisor_cost: f64,
}

/// Books flows on an arrangement's lines for one copy: amounts now, or at a later month.
pub struct Books<'a> {
    pub lines: &'a mut [f64],
    pub month_net: &'a mut [f64],
    pub sign: &'a [f64],
    /// Employer NPV of flows due after the horizon.
    pub after_horizon_npv: &'a mut f64,
    pub discount_rate: f64,
    /// The current month.
    pub t: usize,
}

impl Books<'_> {
    /// Books `amount` on `line` in the current month. Nothing is booked for a zero amount
    /// (a no-risk polis without sickness, say): adding it would change no total.
    #[inline]
    pub fn book(&mut self, line: usize, amount: f64) {
        if amount == 0.0 {
            return;
        }
        let t = self.t;
        self.book_at(line, amount, t);
    }

    /// Books `amount` on `line`, paid in scenario month `due` (which may lie past the horizon:
    /// then it counts in the NPV at its own discount factor and in the line total).
    #[inline(always)]
    pub fn book_at(&mut self, line: usize, amount: f64, due: usize) {
        self.lines[line] += amount;
        let signed = self.sign[line] * amount;
        match self.month_net.get_mut(due) {
            Some(net) => *net += signed,
            None => self.book_after_horizon(signed, due),
        }
    }

    /// A flow due after the horizon, at its own discount factor. Kept out of line: inlined,
    /// the compiler computes the `powf` of the discount speculatively on every booking.
    #[cold]
    #[inline(never)]
    fn book_after_horizon(&mut self, signed: f64, due: usize) {
        *self.after_horizon_npv += signed * discount(self.discount_rate, due);
    }
}

/// Discount factor of scenario month `t`: (1 + r)^(−(t + 1)/12).
pub fn discount(rate: f64, t: usize) -> f64 {
    (1.0 + rate).powf(-((t + 1) as f64) / 12.0)
}

/// The draws of one copy that the instruments use.
#[derive(Debug, Clone, Copy)]
pub struct CopyDraws<'a> {
    /// The model's instrument inputs, by index.
    pub inputs: &'a [f64],
    /// Standard normal errors of loonwaarde assessments 0, 1, …
    pub assessment_z: &'a [f64],
    /// The hiring draw after a trial placement, U(0, 1).
    pub hire_uniform: f64,
}

impl CopyDraws<'_> {
    /// Instrument input `i` (0 where there is none).
    #[inline]
    pub fn input(&self, i: usize) -> f64 {
        self.inputs.get(i).copied().unwrap_or(0.0)
    }

    /// The error of the k-th loonwaarde assessment (0 past the draws made).
    #[inline]
    pub fn assessment_z(&self, k: usize) -> f64 {
        self.assessment_z.get(k).copied().unwrap_or(0.0)
    }
}

/// Facts of the run the rules need besides the month.
pub struct Context<'a> {
    pub rates: &'a RateTable<'a>,
    pub worker: &'a Worker,
    /// The sector's full-time week of the placement, in hours (LKS, Participatiewet art. 10d
    /// lid 4).
    pub full_time_hours_per_week: f64,
    pub draws: CopyDraws<'a>,
    /// Calendar month of scenario month 0.
    pub scenario_start: YearMonth,
    /// Scenario month in which the placement started.
    pub placement_start: usize,
}

impl Context<'_> {
    /// Scenario month index of a calendar month.
    pub fn month_index(&self, month: YearMonth) -> usize {
        month.months_since(self.scenario_start).max(0) as usize
    }

    /// Calendar month of a tenure month of this placement.
    pub fn calendar_of_tenure(&self, tenure: usize) -> YearMonth {
        self.scenario_start
            .add_months((self.placement_start + tenure) as i64)
    }
}

/// What a month's rules tell the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Continue,
    /// The trial placement ended without hiring (the course has already ended the placement
    /// after this month; the engine checks that both agree).
    NotHired,
}

/// A month of a 24-hour contract at `wage_hour`, without sickness, for the instruments' unit
/// tests; `calendar` is the month of tenure month `tenure` (the placement starts in scenario
/// month 0).
#[cfg(test)]
pub(crate) fn test_month(
    calendar: YearMonth,
    tenure: usize,
    productivity: f64,
    wage_hour: f64,
) -> MonthFacts {
    let contract = 24.0 * crate::vocab::WEEKS_PER_MONTH;
    MonthFacts {
        t: tenure,
        calendar,
        tenure,
        productivity,
        coverage: 1.0,
        min_wage_share: 1.0,
        absent: 0.0,
        spell_start_tenure: None,
        spell_elapsed: 0.0,
        hours_per_week: 24.0,
        contract_hours: contract,
        worked_hours: contract,
        paid_hours: contract,
        wage_hour,
        holiday_pay: 0.08,
        sick_pay: 1.0,
        wage_full: contract * wage_hour * 1.08,
        sick_wage_full: 0.0,
        wage_factor: 1.0,
        jobcoach_cost: 0.0,
        supervisor_cost: 38.0,
    }
}

/// The context of a copy whose placement starts in scenario month 0, for unit tests.
#[cfg(test)]
pub(crate) fn test_context<'a>(
    rates: &'a RateTable<'a>,
    worker: &'a Worker,
    start: YearMonth,
) -> Context<'a> {
    Context {
        rates,
        worker,
        full_time_hours_per_week: 38.0,
        draws: CopyDraws {
            inputs: &[],
            assessment_z: &[],
            hire_uniform: 0.0,
        },
        scenario_start: start,
        placement_start: 0,
    }
}
