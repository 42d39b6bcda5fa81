//! Helpers shared by the integration tests.

use std::path::Path;

use inclusim::model::Model;
use inclusim::stats::Summary;

/// Parses scenario text or panics with the diagnostics.
pub fn model(text: &str) -> Model {
    match inclusim::scenario::parse(Path::new("test.toml"), text) {
        Ok(m) => m,
        Err(diags) => panic!(
            "scenario invalid:\n{}",
            diags
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// An arrangement's summary by name.
pub fn arrangement<'s>(s: &'s Summary, name: &str) -> &'s inclusim::stats::summary::ArrangementSummary {
    s.arrangements
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no arrangement {name}"))
}

/// Euros in whole cents, for comparisons to the cent.
pub fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// Runs a model in memory with `threads` threads.
pub fn run(model: &Model, threads: usize) -> Summary {
    inclusim::app::simulate(model, threads, None, false).expect("run succeeds")
}

/// One arrangement's results in one iteration, owned: its outcome (fields reached through
/// `Deref`), its line totals and its instruments' ineligible counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub outcome: inclusim::sim::engine::Outcome,
    pub lines: Vec<f64>,
    pub ineligible: Vec<u32>,
}

impl std::ops::Deref for Outcome {
    type Target = inclusim::sim::engine::Outcome;
    fn deref(&self) -> &Self::Target {
        &self.outcome
    }
}

/// Every outcome of a run of `iterations` (iteration-major, arrangements within), in memory.
pub fn outcomes(model: &Model, iterations: u64, threads: usize) -> Vec<Outcome> {
    let cfg = inclusim::sim::RunConfig {
        iterations,
        threads,
        keep_paths: 0,
        keep_draws: false,
    };
    let mut out = Vec::new();
    inclusim::sim::run(model, &cfg, &mut |_| {}, &mut |chunk| {
        out.extend(chunk.results().flatten().map(|r| Outcome {
            outcome: *r.outcome,
            lines: r.lines.to_vec(),
            ineligible: r.ineligible.to_vec(),
        }))
    })
    .expect("run succeeds");
    out
}

/// A scenario with one placement whose inputs are all constant; `placement_extra` is appended
/// inside the `[[placement]]` table and `extra` at the end of the file.
pub fn scenario(horizon: u32, iterations: u32, placement_extra: &str, extra: &str) -> String {
    format!(
        r#"
[scenario]
name = "test"
start = "2027-01"
horizon_months = {horizon}
iterations = {iterations}
seed = 3
discount_rate = 0.05

[[placement]]
name = "worker"
hours_per_week = 20
wage = 15.0
holiday_pay = 0.08
employer_burden = 0.2
value_per_productive_hour = 30
productivity = {{ start = 0.3, target = 0.8, ramp_months = 6 }}
supervision = {{ initial_hours_per_week = 5, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 40, available_hours_per_week = 10 }}
{placement_extra}
{extra}
"#
    )
}

/// The `inclusim` binary built for these tests.
pub fn inclusim() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("inclusim")
}

/// A process's stderr as text.
pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes a scenario file into `dir` and returns its path.
pub fn write_scenario(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write scenario");
    path
}
