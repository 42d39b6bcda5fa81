//! Financing instruments: rules over one copy's month that book flows in the ledger.
//!
//! Each instrument has its own module with its validated parameters, its per-copy state and
//! its money rule (citing the law it implements). The engine calls, for every active month:
//! [`Rules::before`] (assessments, wage factor, hiring state) → books the base lines →
//! [`Rules::after`] (the instruments' own flows, the hiring at the end of a trial placement);
//! and [`Rules::close`] when the placement ends or the horizon is reached (payments that fall
//! due later, such as LKV and praktijkleren, are booked at their due month). Whether a
//! placement ends is the course's business (`sim::trajectory`): it takes a trial placement's
//! hiring decision by the same [`proefplaatsing::decision`] before any money is booked.

pub mod detachering;
pub mod grant;
pub mod jobcoach_funding;
pub mod lks;
pub mod lkv;
pub mod loondispensatie;
pub mod no_risk_polis;
pub mod praktijkleren;
pub mod proefplaatsing;
pub mod workplace_adaptation;

use super::rate_table::RateTable;
use crate::calendar::YearMonth;
use crate::model::{Model, Party, Worker};

use super::draws::IterationDraws;
use super::ledger::LineDef;

/// Every ledger line an instrument books on (a grant or a cost line may not take these names).
pub const INSTRUMENT_LINES: [&str; 11] = [
    lks::LINE,
    lks::ASSESSMENT_LINE,
    loondispensatie::LINE,
    no_risk_polis::LINE,
    lkv::LINE,
    jobcoach_funding::LINE,
    workplace_adaptation::LINE,
    proefplaatsing::LINE,
    praktijkleren::LINE,
    detachering::LINE,
    detachering::SUPERVISION_LINE,
];

/// A validated instrument of an arrangement.
#[derive(Debug, Clone, PartialEq)]
pub enum Instrument {
    Lks(lks::Lks),
    Loondispensatie(loondispensatie::Loondispensatie),
    NoRiskPolis(no_risk_polis::NoRiskPolis),
    Lkv(lkv::Lkv),
    JobcoachFunding(jobcoach_funding::JobcoachFunding),
    WorkplaceAdaptation(workplace_adaptation::WorkplaceAdaptation),
    Proefplaatsing(proefplaatsing::Proefplaatsing),
    Praktijkleren(praktijkleren::Praktijkleren),
    Detachering(detachering::Detachering),
    Grant(grant::Grant),
}

impl Instrument {
    pub fn kind(&self) -> &'static str {
        match self {
            Instrument::Lks(_) => "lks",
            Instrument::Loondispensatie(_) => "loondispensatie",
            Instrument::NoRiskPolis(_) => "no_risk_polis",
            Instrument::Lkv(_) => "lkv",
            Instrument::JobcoachFunding(_) => "jobcoach_funding",
            Instrument::WorkplaceAdaptation(_) => "workplace_adaptation",
            Instrument::Proefplaatsing(_) => "proefplaatsing",
            Instrument::Praktijkleren(_) => "praktijkleren",
            Instrument::Detachering(_) => "detachering",
            Instrument::Grant(_) => "grant",
        }
    }

    /// The instrument's parameters as (scenario key, value) for reports; uncertain inputs are
    /// described by their distribution.
    pub fn parameters(&self, inputs: &[crate::model::StaticInput]) -> Vec<(&'static str, String)> {
        let input = |i: usize| inputs.get(i).map_or_else(String::new, |s| s.dist.describe());
        let share = |x: f64| format!("{}%", (x * 100.0 * 10.0).round() / 10.0);
        let limit = |x: f64| {
            if x.is_finite() {
                format!("{x}")
            } else {
                "∞".to_owned()
            }
        };
        match self {
            Instrument::Lks(l) => vec![
                ("reassess_months", l.reassess_months.to_string()),
                ("assessment_noise_sd", l.noise_sd.to_string()),
                ("assessment_admin_hours", l.admin_hours.to_string()),
                ("forfaitaire_phase_months", l.forfait_months.to_string()),
            ],
            Instrument::Loondispensatie(l) => {
                vec![
                    ("months", l.months.to_string()),
                    ("topup_share", share(l.topup_share)),
                ]
            }
            Instrument::NoRiskPolis(n) => vec![(
                "employer_pays_full_first_year",
                n.employer_pays_full_first_year.to_string(),
            )],
            Instrument::Lkv(l) => vec![
                ("category", l.category.as_str().to_owned()),
                ("pay_month", l.pay_month.to_string()),
            ],
            Instrument::JobcoachFunding(j) => vec![
                ("share", share(j.share)),
                ("yearly_budget", limit(j.yearly_budget)),
                ("payer", j.payer.as_str().to_owned()),
            ],
            Instrument::WorkplaceAdaptation(w) => vec![
                ("cost_line", w.cost_line.clone()),
                ("share", share(w.share)),
                ("payer", w.payer.as_str().to_owned()),
            ],
            Instrument::Proefplaatsing(p) => vec![
                ("months", p.months.to_string()),
                match p.hire {
                    proefplaatsing::Hire::Probability(x) => ("hire_probability", share(x)),
                    proefplaatsing::Hire::Threshold(x) => ("hire_threshold", share(x)),
                },
                ("benefit_per_month", input(p.benefit_input)),
                ("benefit_payer", p.benefit_payer.as_str().to_owned()),
            ],
            Instrument::Praktijkleren(p) => p
                .amount_per_year
                .map(|a| vec![("amount_per_year", a.to_string())])
                .unwrap_or_default(),
            Instrument::Detachering(d) => vec![
                ("tariff_per_hour", input(d.tariff_input)),
                (
                    "basis",
                    match d.basis {
                        crate::scenario::raw::PayBasis::Worked => "worked",
                        crate::scenario::raw::PayBasis::Contract => "contract",
                    }
                    .to_owned(),
                ),
                ("provider_supervision_share", share(d.provider_supervision_share)),
            ],
            Instrument::Grant(g) => vec![
                ("name", g.name.clone()),
                ("amount", g.amount.to_string()),
                ("cap", limit(g.cap)),
                ("payer", g.payer.as_str().to_owned()),
            ],
        }
    }

    /// The ledger lines this instrument books on.
    pub fn line_names(&self) -> Vec<String> {
        let names: &[&str] = match self {
            Instrument::Lks(_) => &[lks::LINE, lks::ASSESSMENT_LINE],
            Instrument::Loondispensatie(_) => &[loondispensatie::LINE],
            Instrument::NoRiskPolis(_) => &[no_risk_polis::LINE],
            Instrument::Lkv(_) => &[lkv::LINE],
            Instrument::JobcoachFunding(_) => &[jobcoach_funding::LINE],
            Instrument::WorkplaceAdaptation(_) => &[workplace_adaptation::LINE],
            Instrument::Proefplaatsing(_) => &[proefplaatsing::LINE],
            Instrument::Praktijkleren(_) => &[praktijkleren::LINE],
            Instrument::Detachering(d) if d.provider_supervision_share > 0.0 => {
                &[detachering::LINE, detachering::SUPERVISION_LINE]
            }
            Instrument::Detachering(_) => &[detachering::LINE],
            Instrument::Grant(g) => return vec![g.line_name()],
        };
        names.iter().map(|n| n.to_string()).collect()
    }

    /// A short label for outputs (`lkv (banenafspraak)`, `grant "startbonus"`).
    pub fn label(&self) -> String {
        match self {
            Instrument::Lkv(l) => format!("lkv ({})", l.category.as_str()),
            Instrument::Grant(g) => format!("grant \"{}\"", g.name),
            other => other.kind().to_owned(),
        }
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

/// How the instruments change this month's wage before it is booked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WageAdjustment {
    /// Multiplier on the wage the employer of record pays (loondispensatie: the loonwaarde;
    /// trial placement: 0).
    pub factor: f64,
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

/// One instrument of an arrangement, with the ledger lines it books on.
#[derive(Debug, Clone)]
struct Rule {
    instrument: Instrument,
    /// Line indices in the arrangement's line book (meaning per instrument).
    lines: Vec<usize>,
}

/// The compiled instruments of one arrangement.
#[derive(Debug, Clone)]
pub struct Rules {
    rules: Vec<Rule>,
    /// Who employs the worker: the provider under detachering, else the employer.
    pub employer_of_record: Party,
    /// Share of the supervision need the provider covers (detachering).
    pub provider_supervision_share: f64,
    /// Line of the provider's supervision hours, when it covers a share.
    pub provider_supervision_line: Option<usize>,
    /// Whether an LKS runs in this arrangement (the no-risk polis then uses the loonwaarde).
    has_lks: bool,
    /// The rules that act before the wage is booked (trial placement, LKS, loondispensatie).
    acting_before: Vec<usize>,
}

/// Per-copy state of every instrument of an arrangement, parallel to the rules.
#[derive(Debug, Clone, Default)]
pub struct CopyState {
    /// Tenure month from which the worker is employed (after a trial placement); None while
    /// on trial.
    pub hired_at: Option<usize>,
    /// Latest assessed loonwaarde.
    pub loonwaarde: Option<f64>,
    /// Assessments done so far (indexes the assessment draws).
    pub assessments: usize,
    states: Vec<State>,
    /// Per rule: was the instrument ineligible for this copy at some point.
    pub ineligible: Vec<bool>,
}

#[derive(Debug, Clone)]
enum State {
    Lks(lks::State),
    Loondispensatie(loondispensatie::State),
    Lkv(lkv::State),
    JobcoachFunding(jobcoach_funding::State),
    Praktijkleren(praktijkleren::State),
    Grant(grant::State),
    None,
}

/// Facts of the run the rules need besides the month.
pub struct Context<'a> {
    pub rates: &'a RateTable<'a>,
    pub worker: &'a Worker,
    pub draws: &'a IterationDraws,
    pub copy: usize,
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

/// What [`Rules::after`] tells the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Continue,
    /// The trial placement ended without hiring (the course has already ended the placement
    /// after this month; the engine checks that both agree).
    NotHired,
}

impl Rules {
    /// Compiles an arrangement's instruments, registering their lines in `lines`.
    pub fn new(instruments: &[Instrument], lines: &mut Vec<LineDef>) -> Self {
        let employer_of_record = if instruments
            .iter()
            .any(|i| matches!(i, Instrument::Detachering(_)))
        {
            Party::Provider
        } else {
            Party::Employer
        };
        let mut line = |name: &str, payer: Party, payee: Party| -> usize {
            match lines.iter().position(|l| l.name == name) {
                Some(i) => i,
                None => {
                    lines.push(LineDef::new(name, payer, payee));
                    lines.len() - 1
                }
            }
        };
        let eor = employer_of_record;
        let mut provider_supervision_share = 0.0;
        let mut provider_supervision_line = None;
        let rules = instruments
            .iter()
            .map(|i| {
                let lines = match i {
                    Instrument::Lks(_) => vec![
                        line(lks::LINE, Party::Gemeente, eor),
                        line(lks::ASSESSMENT_LINE, Party::Employer, Party::Colleagues),
                    ],
                    Instrument::Loondispensatie(_) => {
                        vec![line(loondispensatie::LINE, Party::Uwv, Party::Worker)]
                    }
                    Instrument::NoRiskPolis(_) => vec![line(no_risk_polis::LINE, Party::Uwv, eor)],
                    Instrument::Lkv(_) => vec![line(lkv::LINE, Party::Uwv, eor)],
                    Instrument::JobcoachFunding(j) => {
                        vec![line(jobcoach_funding::LINE, j.payer, Party::Employer)]
                    }
                    Instrument::WorkplaceAdaptation(w) => {
                        vec![line(workplace_adaptation::LINE, w.payer, Party::Employer)]
                    }
                    Instrument::Proefplaatsing(p) => {
                        vec![line(proefplaatsing::LINE, p.benefit_payer, Party::Worker)]
                    }
                    Instrument::Praktijkleren(_) => vec![line(praktijkleren::LINE, Party::Rijk, eor)],
                    Instrument::Detachering(d) => {
                        provider_supervision_share = d.provider_supervision_share;
                        let fee = line(detachering::LINE, Party::Employer, Party::Provider);
                        if d.provider_supervision_share > 0.0 {
                            provider_supervision_line = Some(line(
                                detachering::SUPERVISION_LINE,
                                Party::Provider,
                                Party::Colleagues,
                            ));
                        }
                        vec![fee]
                    }
                    Instrument::Grant(g) => vec![line(&g.line_name(), g.payer, Party::Employer)],
                };
                Rule {
                    instrument: i.clone(),
                    lines,
                }
            })
            .collect();
        Self {
            rules,
            employer_of_record,
            provider_supervision_share,
            provider_supervision_line,
            has_lks: instruments.iter().any(|i| matches!(i, Instrument::Lks(_))),
            acting_before: instruments
                .iter()
                .enumerate()
                .filter(|(_, i)| {
                    matches!(
                        i,
                        Instrument::Proefplaatsing(_) | Instrument::Lks(_) | Instrument::Loondispensatie(_)
                    )
                })
                .map(|(k, _)| k)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Labels of the instruments, in rule order.
    pub fn labels(&self) -> Vec<String> {
        self.rules.iter().map(|r| r.instrument.label()).collect()
    }

    /// Fresh state for a copy whose placement starts now.
    pub fn start(&self, state: &mut CopyState) {
        let on_trial = self
            .rules
            .iter()
            .any(|r| matches!(r.instrument, Instrument::Proefplaatsing(_)));
        state.hired_at = if on_trial { None } else { Some(0) };
        state.loonwaarde = None;
        state.assessments = 0;
        state.ineligible.clear();
        state.ineligible.resize(self.rules.len(), false);
        state.states.clear();
        state
            .states
            .extend(self.rules.iter().map(|r| match &r.instrument {
                Instrument::Lks(_) => State::Lks(lks::State::default()),
                Instrument::Loondispensatie(_) => State::Loondispensatie(loondispensatie::State::default()),
                Instrument::Lkv(_) => State::Lkv(lkv::State::default()),
                Instrument::JobcoachFunding(_) => State::JobcoachFunding(jobcoach_funding::State::default()),
                Instrument::Praktijkleren(_) => State::Praktijkleren(praktijkleren::State::default()),
                Instrument::Grant(_) => State::Grant(grant::State::default()),
                _ => State::None,
            }));
    }

    /// Assessments and the wage factor of the month (before the wage is booked).
    #[inline]
    pub fn before(&self, st: &mut CopyState, m: &MonthFacts, cx: &Context) -> WageAdjustment {
        let mut factor = 1.0;
        for &i in &self.acting_before {
            let rule = &self.rules[i];
            match (&rule.instrument, &mut st.states[i]) {
                (Instrument::Proefplaatsing(p), _) if st.hired_at.is_none() && m.tenure < p.months => {
                    factor = 0.0;
                }
                (Instrument::Lks(l), State::Lks(s)) => {
                    if let Some(hired) = st.hired_at {
                        if !lks::eligible(cx.worker) {
                            st.ineligible[i] = true;
                        } else if let Some(lw) = l.assess(s, m, hired, st.assessments, cx) {
                            st.assessments += 1;
                            st.loonwaarde = Some(lw);
                        }
                    }
                }
                (Instrument::Loondispensatie(l), State::Loondispensatie(s)) => {
                    if let Some(hired) = st.hired_at {
                        match l.wage_factor(s, m, hired, &mut st.assessments, cx) {
                            loondispensatie::Outcome::Factor(lw) => {
                                st.loonwaarde = Some(lw);
                                factor *= lw;
                            }
                            loondispensatie::Outcome::Ineligible => st.ineligible[i] = true,
                            loondispensatie::Outcome::Ended => {}
                        }
                    }
                }
                _ => {}
            }
        }
        WageAdjustment { factor }
    }

    /// The instruments' flows of the month (after the base lines are booked).
    #[inline]
    pub fn after(&self, st: &mut CopyState, m: &MonthFacts, cx: &Context, books: &mut Books) -> Control {
        let mut control = Control::Continue;
        let employed_since = st.hired_at;
        for i in 0..self.rules.len() {
            // The no-risk polis pays only for absence: in a month without it, an eligible copy
            // (or one already found ineligible) has nothing to book, and most months are such.
            if matches!(self.rules[i].instrument, Instrument::NoRiskPolis(_))
                && m.absent <= 0.0
                && (st.ineligible[i] || no_risk_polis::eligible(cx.worker, self.has_lks))
            {
                continue;
            }
            if self.after_one(i, employed_since, st, m, cx, books) == Control::NotHired {
                control = Control::NotHired;
            }
        }
        if m.calendar.month() == 12 {
            self.settle_lkv(st, cx, books);
        }
        control
    }

    /// One instrument's flows of the month. Kept out of line: inlined into the loop over the
    /// rules, the compiler prepares every instrument's operands on every call.
    #[inline(never)]
    fn after_one(
        &self,
        i: usize,
        employed_since: Option<usize>,
        st: &mut CopyState,
        m: &MonthFacts,
        cx: &Context,
        books: &mut Books,
    ) -> Control {
        let rule = &self.rules[i];
        let lines = &rule.lines;
        match (&rule.instrument, &mut st.states[i]) {
            (Instrument::Proefplaatsing(p), _) if employed_since.is_none() => {
                let benefit = cx.draws.instrument_input(cx.copy, p.benefit_input);
                books.book(lines[0], benefit);
                match p.decision(m.tenure, m.productivity, cx.draws.hire_uniform(cx.copy)) {
                    Some(true) => st.hired_at = Some(m.tenure + 1),
                    Some(false) => return Control::NotHired,
                    None => {}
                }
            }
            _ if employed_since.is_none() => {}
            (Instrument::Lks(l), State::Lks(s)) if !st.ineligible[i] => {
                l.book_month(s, m, st.loonwaarde, employed_since.unwrap_or(0), cx, books, lines);
            }
            (Instrument::Loondispensatie(l), State::Loondispensatie(s)) => {
                l.book_topup(s, m, books, lines[0]);
            }
            (Instrument::NoRiskPolis(_), _) if !no_risk_polis::eligible(cx.worker, self.has_lks) => {
                st.ineligible[i] = true;
            }
            (Instrument::NoRiskPolis(n), _) => {
                let hired = employed_since.unwrap_or(0);
                let lw = self.has_lks.then_some(st.loonwaarde).flatten();
                books.book(lines[0], n.benefit(m, hired, lw, cx.rates, cx.worker));
            }
            (Instrument::Lkv(l), State::Lkv(s)) => {
                if !l.eligible(cx.worker) {
                    st.ineligible[i] = true;
                } else {
                    l.accrue(s, m, employed_since.unwrap_or(0), cx);
                }
            }
            (Instrument::JobcoachFunding(j), State::JobcoachFunding(s)) => {
                books.book(lines[0], j.funding(s, m));
            }
            (Instrument::WorkplaceAdaptation(_), _) => {}
            (Instrument::Praktijkleren(p), State::Praktijkleren(s)) => {
                p.accrue(s, m, cx, books, lines[0]);
            }
            (Instrument::Detachering(d), _) => {
                books.book(
                    lines[0],
                    d.fee(m, cx.draws.instrument_input(cx.copy, d.tariff_input)),
                );
            }
            (Instrument::Grant(g), State::Grant(s)) => {
                let since = employed_since.unwrap_or(0);
                books.book(lines[0], g.payment(s, m, since));
            }
            _ => {}
        }
        Control::Continue
    }

    /// Pays the LKV earned in the running calendar year, the following year. Only the highest
    /// LKV counts when several apply to the same worker (Wet tegemoetkomingen loondomein).
    fn settle_lkv(&self, st: &mut CopyState, cx: &Context, books: &mut Books) {
        let mut best: Option<(usize, f64, usize)> = None;
        for (i, rule) in self.rules.iter().enumerate() {
            if let (Instrument::Lkv(l), State::Lkv(s)) = (&rule.instrument, &mut st.states[i]) {
                if let Some((amount, due)) = l.settle(s, cx) {
                    if best.is_none_or(|(_, b, _)| amount > b) {
                        best = Some((rule.lines[0], amount, due));
                    }
                }
            }
        }
        if let Some((line, amount, due)) = best {
            books.book_at(line, amount, due);
        }
    }

    /// Reimbursement of a cost line booked this month (workplace adaptation).
    pub fn on_cost_line(&self, st: &CopyState, line_name: &str, amount: f64, books: &mut Books) {
        if st.hired_at.is_none() {
            return;
        }
        for rule in &self.rules {
            if let Instrument::WorkplaceAdaptation(w) = &rule.instrument {
                if w.cost_line == line_name {
                    books.book(rule.lines[0], w.share * amount);
                }
            }
        }
    }

    /// Settles what falls due after the placement's last month (LKV of the running year,
    /// praktijkleren of the running school year).
    pub fn close(&self, st: &mut CopyState, cx: &Context, books: &mut Books) {
        self.settle_lkv(st, cx, books);
        for (i, rule) in self.rules.iter().enumerate() {
            if let (Instrument::Praktijkleren(p), State::Praktijkleren(s)) =
                (&rule.instrument, &mut st.states[i])
            {
                p.settle(s, cx, books, rule.lines[0]);
            }
        }
    }
}

/// The number of assessment draws each copy needs: one per possible assessment.
pub fn assessments_needed(model: &Model) -> usize {
    let mut most = 0;
    for a in &model.arrangements {
        for i in &a.instruments {
            let every = match i {
                Instrument::Lks(l) => l.reassess_months,
                Instrument::Loondispensatie(l) => l.reassess_months,
                _ => continue,
            };
            most = most.max(model.horizon / every.max(1) + 2);
        }
    }
    most
}

/// Whether any arrangement holds a trial placement (so copies need a hiring draw).
pub fn needs_hire_draw(model: &Model) -> bool {
    model.arrangements.iter().any(|a| {
        a.instruments
            .iter()
            .any(|i| matches!(i, Instrument::Proefplaatsing(_)))
    })
}
