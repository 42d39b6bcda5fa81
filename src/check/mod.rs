//! `inclusim check`: scenario files as tests. [`expect`] evaluates one `[[expect]]` against a
//! run's summary (pure); the types here are the results the console, JSON and JUnit reports
//! (in `export`) are made from.

pub mod expect;

use serde::Serialize;

pub use expect::{ExpectResult, evaluate};

/// What `check` found for one scenario file.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioCheck {
    /// The scenario file as found on the command line or in a folder.
    pub file: String,
    /// The scenario's name, when the file could be loaded.
    pub name: Option<String>,
    /// Iterations run (the scenario's own, or `--iterations`).
    pub iterations: Option<u64>,
    pub seed: Option<u64>,
    /// The scenario's validation warnings (`file:line:col: warning: …`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Wall-clock seconds spent on the file (JUnit `time`; kept out of the console and JSON
    /// reports so that they are the same on every run).
    #[serde(skip)]
    pub seconds: f64,
}

/// Whether the scenario ran, and what its expectations gave.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// The scenario ran; one result per `[[expect]]`, in file order.
    Ran { expectations: Vec<ExpectResult> },
    /// The scenario is invalid or could not run: the message, and the exit code it maps to.
    Error { message: String, exit_code: u8 },
}

/// The verdict on a scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every expectation holds (or there are none).
    Passed,
    /// At least one expectation does not hold.
    Failed,
    /// The scenario is invalid or could not run.
    Error,
}

impl ScenarioCheck {
    pub fn status(&self) -> Status {
        match &self.outcome {
            Outcome::Ran { expectations } if expectations.iter().all(|e| e.passed) => Status::Passed,
            Outcome::Ran { .. } => Status::Failed,
            Outcome::Error { .. } => Status::Error,
        }
    }

    /// Exit code of this file alone: 0 passed, 1 an expectation failed, 2 (or 3) error.
    pub fn exit_code(&self) -> u8 {
        match (&self.outcome, self.status()) {
            (Outcome::Error { exit_code, .. }, _) => *exit_code,
            (_, Status::Failed) => 1,
            _ => 0,
        }
    }

    /// The expectation results (none for a scenario that did not run).
    pub fn expectations(&self) -> &[ExpectResult] {
        match &self.outcome {
            Outcome::Ran { expectations } => expectations,
            Outcome::Error { .. } => &[],
        }
    }

    /// The display name: the scenario's name, else the file.
    pub fn title(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.file)
    }
}

/// Counts over all checked files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub scenarios: usize,
    pub scenarios_passed: usize,
    pub scenarios_failed: usize,
    pub scenarios_error: usize,
    pub expectations: usize,
    pub expectations_passed: usize,
    pub expectations_failed: usize,
    /// Expectations (passed or failed) within 2 standard errors of their bound.
    pub expectations_too_close: usize,
    /// The exit code of the whole check: the worst of the files'.
    pub exit_code: u8,
}

impl Totals {
    pub fn of(results: &[ScenarioCheck]) -> Self {
        let mut t = Totals::default();
        for r in results {
            t.scenarios += 1;
            match r.status() {
                Status::Passed => t.scenarios_passed += 1,
                Status::Failed => t.scenarios_failed += 1,
                Status::Error => t.scenarios_error += 1,
            }
            for e in r.expectations() {
                t.expectations += 1;
                if e.passed {
                    t.expectations_passed += 1;
                } else {
                    t.expectations_failed += 1;
                }
                t.expectations_too_close += usize::from(e.too_close);
            }
            t.exit_code = t.exit_code.max(r.exit_code());
        }
        t
    }
}
