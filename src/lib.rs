//! inclusim: Monte Carlo simulation of the costs and benefits of inclusive job placements.
//!
//! Data flows one way: scenario text → [`scenario`] (parse, validate, resolve rates) →
//! [`model::Model`] → [`sim`] (streams, draws, month loop) → [`stats`] (pure summaries) →
//! [`export`] and [`report`] with [`plot`] (bytes) → [`fs`] (atomic writes). The command line lives in `app` and `cli`.

pub mod app;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod diag;
pub mod dist;
pub mod export;
pub mod fs;
pub mod instruments;
pub mod model;
pub mod plot;
pub mod rates;
pub mod report;
pub mod scenario;
pub mod sim;
pub mod stats;
pub mod templates;
pub mod vocab;
