//! Integration tests: one binary, one module per area (as ripgrep does).

mod engine;
mod report;
mod util;
