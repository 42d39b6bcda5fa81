//! Integration tests: one binary, one module per area (as ripgrep does).

mod cli;
mod engine;
mod fixtures;
mod props;
mod util;
