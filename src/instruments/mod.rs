//! Financing instruments and support items: one file each, with everything about it — its
//! parameters as read from the scenario, their validation, eligibility, the ledger lines it
//! books with payer and payee, its rule in the month, its words in the report, and the law it
//! implements — and one registry that lists them (`registry.rs`).
//!
//! Adding an instrument touches its own file (a type implementing [`Scheme`]), one line of
//! the registry, the rates presets if it has legal figures, and `docs/financing.md`; see
//! "Adding an instrument" in `docs/financing.md`.

pub mod build;
pub mod registry;
pub mod rule;
pub mod rules;

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

pub use build::{Build, InputDef, ScenarioFacts};
pub use registry::{Instrument, KINDS, RawInstrument, line_names, line_words, name};
pub use rule::{
    Books, Context, Control, CopyDraws, Hire, MonthFacts, Scheme, Shared, discount, hiring_decision,
};
pub use rules::{CopyState, Rules};
