//! The registry: the one list of instruments. From it the [`registry!`] macro makes the
//! scenario's `RawInstrument` (tagged by `kind`), the validated [`Instrument`], the per-copy
//! [`State`] and their static dispatch to each instrument's [`Scheme`]: a `match` over an
//! enum, never a boxed trait object in the month loop.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{Books, Context, Control, Hire, MonthFacts, Scheme, Shared};
use super::{
    detachering, grant, jobcoach_funding, lks, lkv, loondispensatie, no_risk_polis, praktijkleren,
    proefplaatsing, workplace_adaptation,
};
use crate::vocab::{LineDef, Party, Words};

macro_rules! registry {
    ($($variant:ident => $module:ident :: $scheme:ident),* $(,)?) => {
        /// One financing instrument (regeling). The money rules live in `instruments/`; legal
        /// amounts come from the rates preset. Payers name a party: `gemeente`, `uwv`, `rijk`.
        #[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum RawInstrument {
            $($variant(<$module::$scheme as Scheme>::Raw),)*
        }

        /// A validated instrument of an arrangement.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Instrument {
            $($variant($module::$scheme),)*
        }

        /// What one instrument keeps per copy.
        #[derive(Debug, Clone)]
        pub enum State {
            $($variant(<$module::$scheme as Scheme>::State),)*
        }

        /// Every instrument kind, in registry order.
        pub const KINDS: &[&str] = &[$(<$module::$scheme as Scheme>::KIND),*];

        /// The name of an instrument kind in the report.
        pub fn name(kind: &str) -> Option<Words> {
            $(if kind == <$module::$scheme as Scheme>::KIND {
                return Some(<$module::$scheme as Scheme>::NAME);
            })*
            None
        }

        /// The name in the report of a line that an instrument books on.
        pub fn line_words(line: &str) -> Option<Words> {
            [$(<$module::$scheme as Scheme>::LINES),*]
                .into_iter()
                .flatten()
                .find(|(name, _)| *name == line)
                .map(|(_, words)| *words)
        }

        /// Every ledger line an instrument books on (a grant or a cost line may not take
        /// these names).
        pub fn line_names() -> Vec<&'static str> {
            [$(<$module::$scheme as Scheme>::LINES),*]
                .into_iter()
                .flatten()
                .map(|(name, _)| *name)
                .collect()
        }

        impl RawInstrument {
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => <$module::$scheme as Scheme>::KIND,)*
                }
            }

            /// What may appear once per arrangement (see [`Scheme::identity`]).
            pub fn identity(&self) -> String {
                match self {
                    $(Self::$variant(raw) => <$module::$scheme as Scheme>::identity(raw),)*
                }
            }

            /// Validates the parameters into the instrument.
            pub fn build(&self, b: &mut Build) -> Instrument {
                match self {
                    $(Self::$variant(raw) => Instrument::$variant(<$module::$scheme as Scheme>::build(raw, b)),)*
                }
            }
        }

        impl Instrument {
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => <$module::$scheme as Scheme>::KIND,)*
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
            pub fn lines(&self, eor: Party) -> Vec<LineDef> {
                match self {
                    $(Self::$variant(x) => x.lines(eor),)*
                }
            }

            pub fn employer_of_record(&self) -> Option<Party> {
                match self {
                    $(Self::$variant(x) => x.employer_of_record(),)*
                }
            }

            pub fn provider_supervision(&self) -> Option<(f64, usize)> {
                match self {
                    $(Self::$variant(x) => x.provider_supervision(),)*
                }
            }

            pub fn trial(&self) -> Option<(usize, Hire)> {
                match self {
                    $(Self::$variant(x) => x.trial(),)*
                }
            }

            pub fn assessments_needed(&self, horizon: usize) -> usize {
                match self {
                    $(Self::$variant(x) => x.assessments_needed(horizon),)*
                }
            }

            pub fn acts_before(&self) -> bool {
                match self {
                    $(Self::$variant(_) => <$module::$scheme as Scheme>::ACTS_BEFORE,)*
                }
            }

            /// Fresh per-copy state.
            pub fn new_state(&self) -> State {
                match self {
                    $(Self::$variant(_) => State::$variant(Default::default()),)*
                }
            }

            #[inline(always)]
            pub fn before(&self, s: &mut State, shared: &mut Shared, ineligible: &mut bool, m: &MonthFacts, cx: &Context) -> f64 {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => x.before(s, shared, ineligible, m, cx),)*
                    _ => 1.0,
                }
            }

            #[inline(always)]
            pub fn idle(&self, ineligible: bool, m: &MonthFacts, cx: &Context) -> bool {
                match self {
                    $(Self::$variant(x) => x.idle(ineligible, m, cx),)*
                }
            }

            #[inline(always)]
            pub fn on_trial(&self, shared: &mut Shared, m: &MonthFacts, cx: &Context, books: &mut Books, lines: &[usize]) -> Control {
                match self {
                    $(Self::$variant(x) => x.on_trial(shared, m, cx, books, lines),)*
                }
            }

            #[allow(clippy::too_many_arguments)]
            #[inline(always)]
            pub fn after(
                &self,
                s: &mut State,
                shared: &Shared,
                ineligible: &mut bool,
                hired: usize,
                m: &MonthFacts,
                cx: &Context,
                books: &mut Books,
                lines: &[usize],
            ) {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => x.after(s, shared, ineligible, hired, m, cx, books, lines),)*
                    _ => {}
                }
            }

            pub fn yearly_claim(&self, s: &mut State, cx: &Context) -> Option<(f64, usize)> {
                match (self, s) {
                    $((Self::$variant(x), State::$variant(s)) => x.yearly_claim(s, cx),)*
                    _ => None,
                }
            }

            pub fn close(&self, s: &mut State, cx: &Context, books: &mut Books, lines: &[usize]) {
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

registry! {
    Lks => lks::Lks,
    Loondispensatie => loondispensatie::Loondispensatie,
    NoRiskPolis => no_risk_polis::NoRiskPolis,
    Lkv => lkv::Lkv,
    JobcoachFunding => jobcoach_funding::JobcoachFunding,
    WorkplaceAdaptation => workplace_adaptation::WorkplaceAdaptation,
    Proefplaatsing => proefplaatsing::Proefplaatsing,
    Praktijkleren => praktijkleren::Praktijkleren,
    Detachering => detachering::Detachering,
    Grant => grant::Grant,
}

#[cfg(test)]
mod tests {
    use super::*;

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
