//! Engine throughput: placement-months per second for one placement over 36 months (the
//! bundled supermarket scenario), with one arrangement (the no-support baseline) and with
//! four (baseline, LKS + no-risk polis, + LKV, detachering). The extra arrangements reuse the
//! iteration's draws.
//!
//! Run with `cargo bench --bench engine`; criterion reports time per iteration (36
//! placement-months) and the throughput in placement-months per second.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use inclusim::sim::draws::IterationDraws;
use inclusim::sim::engine::{self, Plan, Scratch};

const SCENARIO: &str = include_str!("../scenarios/supermarkt-vakkenvuller.toml");

/// The bundled supermarket scenario: with all four arrangements (the baseline, two LKS
/// variants and detachering), or with the implicit baseline only. The scenario is edited as a
/// TOML table, so that expectations or arrangements added to it later do not break the bench.
fn model(arrangements: usize) -> inclusim::model::Model {
    let mut table: toml::Table = SCENARIO.parse().expect("the bundled scenario is TOML");
    if arrangements == 1 {
        table.remove("arrangement");
        table.remove("expect");
    }
    let text = toml::to_string(&table).expect("a TOML table serializes");
    let model = inclusim::scenario::parse(Path::new("bench.toml"), &text).expect("bench scenario is valid");
    assert_eq!(model.arrangements.len(), arrangements);
    model
}

fn bench_engine(c: &mut Criterion) {
    let mut group = c.benchmark_group("placement_months");
    for arrangements in [1usize, 4] {
        let model = model(arrangements);
        let plan = Plan::new(&model).expect("plan");
        let months = (model.horizon * model.copies()) as u64;
        group.throughput(Throughput::Elements(months));
        let (mut draws, mut scratch) = (IterationDraws::default(), Scratch::default());
        let (mut outcomes, mut monthly) = (Vec::new(), Vec::new());
        let mut iteration = 0u64;
        group.bench_function(format!("{arrangements}_arrangement(s)"), |b| {
            b.iter(|| {
                draws.draw(&model, iteration);
                engine::simulate_iteration(&model, &plan, &draws, &mut scratch, &mut outcomes, &mut monthly);
                iteration += 1;
                black_box(&outcomes);
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Criterion's own charts are not needed (and its plotters backend clashes with the
    // project's plotters features); the numbers are what we measure.
    config = Criterion::default().without_plots();
    targets = bench_engine
}
criterion_main!(benches);
