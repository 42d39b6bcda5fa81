//! inclusim: Monte Carlo simulation of the costs and benefits of inclusive job placements.
//!
//! Data flows one way: scenario text → [`scenario`] (parse, validate, resolve rates) →
//! [`model::Model`] → [`sim`] (streams, draws, month loop) → [`stats`] (pure summaries) →
//! [`export`] and [`report`] with [`plot`] (bytes) → [`fs`] (atomic writes). The command
//! line lives in [`cli`] (arguments) and [`app`] (commands).
//!
//! Underneath, shared by all: [`vocab`] (parties, ledger lines, words in two languages),
//! [`calendar`], [`inert`] (echoed user text made harmless), [`dist`] (the laws and their notation), [`rates`] (the dated legal
//! figures), [`diag`] (located diagnostics) and [`instruments`] (one file per financing
//! instrument behind one `Scheme` trait, listed once in a registry). `tests/layers.rs`
//! holds the floors and fails on an import that goes the wrong way.

pub mod app;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod cohort;
pub mod diag;
pub mod dist;
pub mod export;
pub mod fs;
pub mod inert;
pub mod instruments;
pub mod model;
pub mod plot;
pub mod rates;
pub mod report;
pub mod scenario;
pub mod school_calendar;
pub mod serve;
pub mod sim;
pub mod stats;
pub mod templates;
pub mod uitkering;
pub mod vocab;
pub mod whatif;
