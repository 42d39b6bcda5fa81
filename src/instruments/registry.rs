//! The registry's machinery: the [`registry!`] macro. Its one invocation, in
//! `instruments/mod.rs`, is the one list of instruments; from it the macro declares each
//! instrument's module and makes the scenario's `RawInstrument` (tagged by `kind`), the
//! validated `Instrument`, the per-copy `State` and their static dispatch to each
//! instrument's [`Scheme`](super::Scheme): a `match` over an enum, never a boxed trait object
//! in the month loop.

macro_rules! registry {
    ($($variant:ident => $module:ident :: $scheme:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// One financing instrument (regeling). The money rules live in `instruments/`; legal
        /// amounts come from the rates preset. Payers name a party: `gemeente`, `uwv`, `rijk`.
        #[derive(Debug, Clone, ::serde::Deserialize, ::serde::Serialize, ::schemars::JsonSchema)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum RawInstrument {
            $($variant(<$module::$scheme as $crate::instruments::Scheme>::Raw),)*
        }

        /// A validated instrument of an arrangement.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Instrument {
            $($variant($module::$scheme),)*
        }

        /// What one instrument keeps per copy.
        #[derive(Debug, Clone)]
        pub enum State {
            $($variant(<$module::$scheme as $crate::instruments::Scheme>::State),)*
        }

        /// Every instrument kind, in registry order.
        pub const KINDS: &[&str] = &[$(<$module::$scheme as $crate::instruments::Scheme>::KIND),*];

        /// The name of an instrument kind in the report.
        pub fn name(kind: &str) -> Option<$crate::vocab::Words> {
            $(if kind == <$module::$scheme as $crate::instruments::Scheme>::KIND {
                return Some(<$module::$scheme as $crate::instruments::Scheme>::NAME);
            })*
            None
        }

        /// The name in the report of a line that an instrument books on.
        pub fn line_words(line: &str) -> Option<$crate::vocab::Words> {
            [$(<$module::$scheme as $crate::instruments::Scheme>::LINES),*]
                .into_iter()
                .flatten()
                .find(|(name, _)| *name == line)
                .map(|(_, words)| *words)
        }

        /// The kinds that can apply to a learner in the learning phase (`phase = "learning"`).
        pub fn kinds_in_learning() -> Vec<&'static str> {
            [$((<$module::$scheme as $crate::instruments::Scheme>::KIND, <$module::$scheme as $crate::instruments::Scheme>::IN_LEARNING)),*]
                .into_iter()
                .filter_map(|(kind, learning)| learning.then_some(kind))
                .collect()
        }

        /// Every ledger line an instrument books on (a grant or a cost line may not take
        /// these names).
        pub fn line_names() -> Vec<&'static str> {
            [$(<$module::$scheme as $crate::instruments::Scheme>::LINES),*]
                .into_iter()
                .flatten()
                .map(|(name, _)| *name)
                .collect()
        }

        impl RawInstrument {
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => <$module::$scheme as $crate::instruments::Scheme>::KIND,)*
                }
            }

            /// What may appear once per arrangement (see [`Scheme::identity`]).
            pub fn identity(&self) -> String {
                match self {
                    $(Self::$variant(raw) => <$module::$scheme as $crate::instruments::Scheme>::identity(raw),)*
                }
            }

            /// Validates the parameters into the instrument.
            pub fn build(&self, b: &mut $crate::instruments::Build) -> Instrument {
                match self {
                    $(Self::$variant(raw) => Instrument::$variant(<$module::$scheme as $crate::instruments::Scheme>::build(raw, b)),)*
                }
            }
        }

        impl Instrument {
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => <$module::$scheme as $crate::instruments::Scheme>::KIND,)*
                }
            }

            /// See [`Scheme::link`].
            pub fn link(&mut self, kinds: &[&'static str]) {
                match self {
                    $(Self::$variant(x) => x.link(kinds),)*
                }
            }

            /// A short label for outputs (`lkv (banenafspraak)`, `grant "startbonus"`).
            pub fn label(&self) -> String {
                match self {
                    $(Self::$variant(x) => x.label(),)*
                }
            }

            /// The instrument's parameters as (scenario key, value) for reports; `input`
            /// describes an uncertain input by its index.
            pub fn parameters(&self, input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
                match self {
                    $(Self::$variant(x) => x.parameters(input),)*
                }
            }

            /// The lines it books on, in the order its rules index them.
            pub fn lines(&self, eor: $crate::vocab::Party) -> Vec<$crate::vocab::LineDef> {
                match self {
                    $(Self::$variant(x) => x.lines(eor),)*
                }
            }

            pub fn employer_of_record(&self) -> Option<$crate::vocab::Party> {
                match self {
                    $(Self::$variant(x) => x.employer_of_record(),)*
                }
            }

            pub fn provider_supervision(&self) -> Option<(f64, usize)> {
                match self {
                    $(Self::$variant(x) => x.provider_supervision(),)*
                }
            }

            pub fn trial(&self) -> Option<(usize, $crate::instruments::Hire)> {
                match self {
                    $(Self::$variant(x) => x.trial(),)*
                }
            }

            /// See [`Scheme::for_worker`].
            pub fn for_worker(&self, worker: &$crate::vocab::Worker) -> bool {
                match self {
                    $(Self::$variant(x) => x.for_worker(worker),)*
                }
            }

            /// See [`Scheme::worker_condition`].
            pub fn worker_condition(&self) -> $crate::vocab::Words {
                match self {
                    $(Self::$variant(x) => x.worker_condition(),)*
                }
            }

            /// See [`Scheme::lapses`].
            pub fn lapses(&self) -> Option<($crate::rates::Figure, $crate::vocab::Words)> {
                match self {
                    $(Self::$variant(x) => x.lapses(),)*
                }
            }

            pub fn assessments_needed(&self, horizon: usize) -> usize {
                match self {
                    $(Self::$variant(x) => x.assessments_needed(horizon),)*
                }
            }

            pub fn in_learning(&self) -> bool {
                match self {
                    $(Self::$variant(_) => <$module::$scheme as $crate::instruments::Scheme>::IN_LEARNING,)*
                }
            }

            pub fn acts_before(&self) -> bool {
                match self {
                    $(Self::$variant(_) => <$module::$scheme as $crate::instruments::Scheme>::ACTS_BEFORE,)*
                }
            }

            /// Fresh per-copy state.
            pub fn new_state(&self) -> State {
                match self {
                    $(Self::$variant(_) => State::$variant(Default::default()),)*
                }
            }

            #[inline(always)]
            pub fn before(&self, s: &mut State, shared: &mut $crate::instruments::Shared, ineligible: &mut bool, m: &$crate::instruments::MonthFacts, cx: &$crate::instruments::Context) -> f64 {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => x.before(s, shared, ineligible, m, cx),)*
                    _ => 1.0,
                }
            }

            #[inline(always)]
            pub fn idle(&self, ineligible: bool, m: &$crate::instruments::MonthFacts, cx: &$crate::instruments::Context) -> bool {
                match self {
                    $(Self::$variant(x) => x.idle(ineligible, m, cx),)*
                }
            }

            #[inline(always)]
            pub fn on_trial(&self, shared: &mut $crate::instruments::Shared, m: &$crate::instruments::MonthFacts, cx: &$crate::instruments::Context, books: &mut $crate::instruments::Books, lines: &[usize]) -> $crate::instruments::Control {
                match self {
                    $(Self::$variant(x) => x.on_trial(shared, m, cx, books, lines),)*
                }
            }

            #[allow(clippy::too_many_arguments)]
            #[inline(always)]
            pub fn after(
                &self,
                s: &mut State,
                shared: &$crate::instruments::Shared,
                ineligible: &mut bool,
                hired: usize,
                m: &$crate::instruments::MonthFacts,
                cx: &$crate::instruments::Context,
                books: &mut $crate::instruments::Books,
                lines: &[usize],
            ) {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => x.after(s, shared, ineligible, hired, m, cx, books, lines),)*
                    _ => {}
                }
            }

            /// A month's flows under one dispatch: while on trial (`employed_since` is
            /// `None`) what acts on trial, once employed the instrument's own flows.
            #[allow(clippy::too_many_arguments)]
            #[inline(always)]
            pub fn month(
                &self,
                s: &mut State,
                shared: &mut $crate::instruments::Shared,
                ineligible: &mut bool,
                employed_since: Option<usize>,
                m: &$crate::instruments::MonthFacts,
                cx: &$crate::instruments::Context,
                books: &mut $crate::instruments::Books,
                lines: &[usize],
            ) -> $crate::instruments::Control {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => match employed_since {
                        None => x.on_trial(shared, m, cx, books, lines),
                        Some(hired) => {
                            x.after(s, shared, ineligible, hired, m, cx, books, lines);
                            $crate::instruments::Control::Continue
                        }
                    },)*
                    _ => $crate::instruments::Control::Continue,
                }
            }

            pub fn yearly_claim(&self, s: &mut State, cx: &$crate::instruments::Context) -> Option<(f64, usize)> {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => x.yearly_claim(s, cx),)*
                    _ => None,
                }
            }

            pub fn close(&self, s: &mut State, cx: &$crate::instruments::Context, books: &mut $crate::instruments::Books, lines: &[usize]) {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => x.close(s, cx, books, lines),)*
                    _ => {}
                }
            }

            pub fn refund(&self, line: &str, amount: f64) -> Option<f64> {
                match self {
                    $(Self::$variant(x) => x.refund(line, amount),)*
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::super::{KINDS, RawInstrument, line_names, line_words, name};

    /// The `kind` serde reads for each variant (snake case of the variant's name) is the
    /// scheme's own `KIND`, in registry order.
    #[test]
    fn serde_kinds_are_the_schemes_kinds() {
        let schema = serde_json::to_value(schemars::schema_for!(RawInstrument)).unwrap();
        let kinds: Vec<String> = schema["oneOf"]
            .as_array()
            .expect("one schema per kind")
            .iter()
            .map(|v| v["properties"]["kind"]["const"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(kinds, KINDS);
    }

    #[test]
    fn every_line_has_words_in_both_languages() {
        for line in line_names() {
            let words = line_words(line).unwrap();
            assert!(!words.nl.is_empty() && !words.en.is_empty(), "{line}");
        }
        for kind in KINDS {
            assert!(name(kind).is_some(), "{kind}");
        }
    }
}
