//! Integration tests: one binary, one module per area (as ripgrep does).

mod check;
mod class_size;
mod cli;
mod cohort;
mod duties;
mod engine;
mod fixtures;
mod golden;
mod instruments;
mod layers;
mod parties;
mod props;
mod rates;
mod report;
mod sensitivity;
mod serve;
mod support;
mod template;
mod util;
