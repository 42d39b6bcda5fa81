//! The compiled instruments of one arrangement and their run over a copy's months, in the
//! order `rule.rs` describes. What crosses instruments is kept here: the employer of record,
//! the hiring after a trial, and that of several yearly claims only the highest is paid.

use super::rule::{Books, Context, Control, MonthFacts, Shared};
use super::{Instrument, State};
use crate::vocab::{LineDef, Party};

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
    /// Per placement: the rules that apply to it, and of those the ones that act before the
    /// wage is booked (trial placement, LKS, loondispensatie).
    applying: Vec<Vec<usize>>,
    acting_before: Vec<Vec<usize>>,
    /// Whether the worker starts on trial (hired only at its end).
    on_trial: bool,
    /// Per placement: the months of its learning phase (0: none); a learner is hired, and the
    /// instruments start, only when the phase ends (`cohort`).
    learning: Vec<usize>,
    /// Per placement: the rules scoped to the learning phase (`phase = "learning"`), which
    /// apply from the start until graduation instead (not in `applying`).
    in_learning: Vec<Vec<usize>>,
}

/// Per-copy state of every instrument of an arrangement, parallel to the rules.
#[derive(Debug, Clone, Default)]
pub struct CopyState {
    pub shared: Shared,
    /// The copy's placement (which rules apply).
    placement: usize,
    /// Months of the copy's learning phase (0: none).
    learning: usize,
    states: Vec<State>,
    /// Per rule: was the instrument ineligible for this copy at some point.
    pub ineligible: Vec<bool>,
    /// The rules scoped to the learning phase have settled (at graduation).
    learning_closed: bool,
}

impl Rules {
    /// Compiles an arrangement's instruments, registering their lines in `lines`; `applies`
    /// gives per instrument the placements it applies to (empty: every placement).
    pub fn new(instruments: &[Instrument], applies: &[Vec<bool>], lines: &mut Vec<LineDef>) -> Self {
        let placements = applies.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let applies_to =
            |k: usize, p: usize| applies.get(k).is_none_or(|a| a.get(p).copied().unwrap_or(true));
        let applying: Vec<Vec<usize>> = (0..placements)
            .map(|p| (0..instruments.len()).filter(|&k| applies_to(k, p)).collect())
            .collect();
        let acting_before = applying
            .iter()
            .map(|rules| {
                rules
                    .iter()
                    .copied()
                    .filter(|&k| instruments[k].acts_before())
                    .collect()
            })
            .collect();
        let employer_of_record = instruments
            .iter()
            .find_map(Instrument::employer_of_record)
            .unwrap_or(Party::Employer);
        let mut provider_supervision_share = 0.0;
        let mut provider_supervision_line = None;
        let rules = instruments
            .iter()
            .map(|i| {
                let ids: Vec<usize> = i
                    .lines(employer_of_record)
                    .into_iter()
                    .map(|def| match lines.iter().position(|l| l.name == def.name) {
                        Some(k) => k,
                        None => {
                            lines.push(def);
                            lines.len() - 1
                        }
                    })
                    .collect();
                if let Some((share, own_line)) = i.provider_supervision() {
                    provider_supervision_share = share;
                    provider_supervision_line = ids.get(own_line).copied();
                }
                Rule {
                    instrument: i.clone(),
                    lines: ids,
                }
            })
            .collect();
        Self {
            rules,
            employer_of_record,
            provider_supervision_share,
            provider_supervision_line,
            applying,
            acting_before,
            on_trial: instruments.iter().any(|i| i.trial().is_some()),
            learning: Vec::new(),
            in_learning: Vec::new(),
        }
    }

    /// Scopes rules to a phase of a learner's placement (`phases`: per rule, `None` for
    /// none). A rule scoped to the learning phase applies, to the placements it applies to
    /// that have one, from the start until graduation, as if employed from the start, and
    /// settles at graduation; one scoped to the employment applies as an unscoped rule does,
    /// which for a learner is from hiring on. Call after [`Self::with_learning`].
    pub fn with_phases(mut self, phases: &[Option<crate::vocab::Phase>]) -> Self {
        let learning_scoped =
            |k: usize| phases.get(k).copied().flatten() == Some(crate::vocab::Phase::Learning);
        if !(0..self.rules.len()).any(learning_scoped) {
            return self;
        }
        self.in_learning = self
            .applying
            .iter()
            .enumerate()
            .map(|(p, rules)| {
                let learner = self.learning.get(p).is_some_and(|&l| l > 0);
                rules
                    .iter()
                    .copied()
                    .filter(|&k| learner && learning_scoped(k))
                    .collect()
            })
            .collect();
        for list in self.applying.iter_mut().chain(self.acting_before.iter_mut()) {
            list.retain(|&k| !learning_scoped(k));
        }
        self
    }

    /// The months of each placement's learning phase (0: none): its learners are employed,
    /// and the instruments apply, from the month after the phase.
    pub fn with_learning(mut self, learning: Vec<usize>) -> Self {
        self.learning = learning;
        self
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

    /// Fresh state for a copy of placement `placement` that starts now.
    pub fn start(&self, state: &mut CopyState, placement: usize) {
        state.placement = placement.min(self.applying.len() - 1);
        state.learning = self.learning.get(placement).copied().unwrap_or(0);
        state.shared = Shared {
            hired_at: if self.on_trial || state.learning > 0 {
                None
            } else {
                Some(0)
            },
            loonwaarde: None,
            assessments: 0,
            forfaitaire_lks: false,
        };
        state.ineligible.clear();
        state.ineligible.resize(self.rules.len(), false);
        state.learning_closed = false;
        state.states.clear();
        state
            .states
            .extend(self.rules.iter().map(|r| r.instrument.new_state()));
    }

    /// Assessments and the wage factor of the month (before the wage is booked).
    #[inline]
    pub fn before(&self, st: &mut CopyState, m: &MonthFacts, cx: &Context) -> f64 {
        // A learner reaching this month was hired at the end of the learning phase.
        if st.learning > 0 && st.shared.hired_at.is_none() && m.tenure >= st.learning {
            st.shared.hired_at = Some(st.learning);
        }
        let mut factor = 1.0;
        for &i in &self.acting_before[st.placement] {
            factor *= self.rules[i].instrument.before(
                &mut st.states[i],
                &mut st.shared,
                &mut st.ineligible[i],
                m,
                cx,
            );
        }
        factor
    }

    /// The instruments' flows of the month (after the base lines are booked).
    #[inline]
    pub fn after(&self, st: &mut CopyState, m: &MonthFacts, cx: &Context, books: &mut Books) -> Control {
        let mut control = Control::Continue;
        let employed_since = st.shared.hired_at;
        for &i in &self.applying[st.placement] {
            if self.rules[i].instrument.idle(st.ineligible[i], m, cx) {
                continue;
            }
            if self.after_one(i, employed_since, st, m, cx, books) == Control::NotHired {
                control = Control::NotHired;
            }
        }
        if let Some(rules) = self.in_learning.get(st.placement)
            && !rules.is_empty()
            && m.tenure < st.learning
        {
            self.learning_month(rules, st, m, cx, books);
        }
        if m.calendar.month() == 12 {
            self.settle_claims(st, cx, books);
        }
        control
    }

    /// The month of the learning phase of the rules scoped to it: their flows as from a
    /// hiring at the start, and in the phase's last month what they settle.
    #[inline(never)]
    fn learning_month(
        &self,
        rules: &[usize],
        st: &mut CopyState,
        m: &MonthFacts,
        cx: &Context,
        books: &mut Books,
    ) {
        for &i in rules {
            if !self.rules[i].instrument.idle(st.ineligible[i], m, cx) {
                self.after_one(i, Some(0), st, m, cx, books);
            }
        }
        if m.tenure + 1 == st.learning {
            self.close_learning(st, cx, books);
        }
    }

    /// Settles the rules scoped to the learning phase, once.
    fn close_learning(&self, st: &mut CopyState, cx: &Context, books: &mut Books) {
        if st.learning_closed {
            return;
        }
        st.learning_closed = true;
        for &i in self.in_learning.get(st.placement).into_iter().flatten() {
            let rule = &self.rules[i];
            rule.instrument.close(&mut st.states[i], cx, books, &rule.lines);
        }
    }

    /// One instrument's flows of the month: while on trial only what acts on trial, once
    /// employed the instrument's own flows. Kept out of line: inlined into the loop over the
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
        rule.instrument.month(
            &mut st.states[i],
            &mut st.shared,
            &mut st.ineligible[i],
            employed_since,
            m,
            cx,
            books,
            &rule.lines,
        )
    }

    /// Closes the running calendar year's claims (LKV, paid the following year). Only the
    /// highest counts when several apply to the same worker (Wet tegemoetkomingen
    /// loondomein).
    fn settle_claims(&self, st: &mut CopyState, cx: &Context, books: &mut Books) {
        let mut best: Option<(usize, f64, usize)> = None;
        for &i in &self.applying[st.placement] {
            let rule = &self.rules[i];
            if let Some((amount, due)) = rule.instrument.yearly_claim(&mut st.states[i], cx)
                && best.is_none_or(|(_, b, _)| amount > b)
            {
                best = Some((rule.lines[0], amount, due));
            }
        }
        if let Some((line, amount, due)) = best {
            books.book_at(line, amount, due);
        }
    }

    /// Refunds of a cost line booked this month (workplace adaptation).
    /// `tenure` is the month's tenure (rules scoped to the learning phase refund in it).
    pub fn on_cost_line(
        &self,
        st: &CopyState,
        tenure: usize,
        line_name: &str,
        amount: f64,
        books: &mut Books,
    ) {
        if tenure < st.learning && !st.learning_closed {
            for &i in self.in_learning.get(st.placement).into_iter().flatten() {
                let rule = &self.rules[i];
                if let Some(refund) = rule.instrument.refund(line_name, amount) {
                    books.book(rule.lines[0], refund);
                }
            }
        }
        if st.shared.hired_at.is_none() {
            return;
        }
        for &i in &self.applying[st.placement] {
            let rule = &self.rules[i];
            if let Some(refund) = rule.instrument.refund(line_name, amount) {
                books.book(rule.lines[0], refund);
            }
        }
    }

    /// Settles what falls due after the placement's last month (the running year's claims,
    /// then each instrument's own, such as praktijkleren of the running school year).
    pub fn close(&self, st: &mut CopyState, cx: &Context, books: &mut Books) {
        self.close_learning(st, cx, books);
        self.settle_claims(st, cx, books);
        for &i in &self.applying[st.placement] {
            let rule = &self.rules[i];
            rule.instrument.close(&mut st.states[i], cx, books, &rule.lines);
        }
    }
}
