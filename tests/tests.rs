//! Integration tests: one binary, one module per area (as ripgrep does).

mod engine;
mod instruments;
mod util;
