//! What the sensitivity statistics add to a run, and how long `solve` takes, on the bundled
//! supermarket scenario (four arrangements, 36 months) at 20,000 iterations and two threads:
//! - `run/plain` and `run/with_sensitivity`: one whole run (summary), without and with the
//!   sensitivity and value-of-information statistics (`run` and `report` compute them);
//! - `solve/initial_supervision`: the search of `inclusim solve --vary
//!   placement.vakkenvuller.supervision.initial_hours_per_week --target p_npv_positive>=0.7
//!   --arrangement "LKS + no-risk + LKV" --between 2 12` (at most 25 trial runs).
//!
//! Run with `cargo bench --bench whatif`. Under `cargo test` (criterion's test mode, without
//! `--bench`) each runs once at 500 iterations, so that a broken bench fails CI quickly.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group};
use inclusim::scenario::edit::{self, Setting};
use inclusim::whatif::{Search, Target};

const SCENARIO_PATH: &str = "scenarios/supermarkt-vakkenvuller.toml";
const SCENARIO: &str = include_str!("../scenarios/supermarkt-vakkenvuller.toml");
const THREADS: usize = 2;

fn iterations() -> u64 {
    if std::env::args().any(|a| a == "--bench") {
        20_000
    } else {
        500
    }
}

fn bench(c: &mut Criterion) {
    let n = iterations();
    let set = Setting::parse(&format!("scenario.iterations={n}")).expect("a setting");
    let model =
        edit::parse_with(Path::new(SCENARIO_PATH), SCENARIO, std::slice::from_ref(&set)).expect("valid");
    let mut group = c.benchmark_group("run");
    group.sample_size(10);
    for (name, sensitivity) in [("plain", false), ("with_sensitivity", true)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let s =
                    inclusim::app::simulate_with(&model, THREADS, None, false, sensitivity).expect("runs");
                black_box(s)
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("solve");
    group.sample_size(10);
    let target = Target::parse("p_npv_positive>=0.7").expect("a target");
    let key = "placement.vakkenvuller.supervision.initial_hours_per_week";
    group.bench_function("initial_supervision", |b| {
        b.iter(|| {
            let mut eval = |v: f64| -> Result<_, String> {
                let trial = Setting::centre(key, v)?;
                let model = edit::parse_with(Path::new(SCENARIO_PATH), SCENARIO, &[set.clone(), trial])
                    .map_err(|e| e.to_string())?;
                let s = inclusim::app::simulate_metrics(&model, THREADS).map_err(|f| f.message)?;
                let m = target.read(&s, "LKS + no-risk + LKV", None).ok_or("metric")?;
                Ok((v, m, m.value.is_some_and(|x| target.holds(x))))
            };
            let search = Search {
                lo: 2.0,
                hi: 12.0,
                tolerance: 0.01,
                max_trials: 25,
            };
            black_box(
                search
                    .run(&mut eval, &|t| t.metric.value.unwrap_or(0.0))
                    .expect("solves"),
            )
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
