//! Financing instruments and support items: one file each, with everything about it — its
//! parameters as read from the scenario, their validation, eligibility, the ledger lines it
//! books with payer and payee, its rule in the month, its words in the report, and the law it
//! implements — and one registry that lists them (the `registry!` call below; the macro is
//! in `registry.rs`).
//!
//! Adding an instrument touches its own file (a type implementing [`Scheme`]), one line of
//! the registry, the rates presets if it has legal figures, and `docs/financing.md`; see
//! "Adding an instrument" in `docs/financing.md`.

pub mod build;
#[macro_use]
mod registry;
pub mod rule;
pub mod rules;

pub use build::{Build, InputDef, ScenarioFacts};
pub use rule::{
    Books, Context, Control, CopyDraws, Hire, MonthFacts, Scheme, Shared, discount, hiring_decision,
};
pub use rules::{CopyState, Rules};

// The registry: every instrument, in the order of the scenario schema and the report. Each
// line declares the instrument's module (`lks.rs`) and puts its `Scheme` into the enums.
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
