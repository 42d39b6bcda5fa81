//! Integration tests: one binary, one module per area (as ripgrep does).

mod check;
mod engine;
mod util;
