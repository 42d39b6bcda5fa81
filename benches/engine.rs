//! Engine throughput: placement-months per second for one placement over 36 months, with one
//! arrangement and with four (the extra arrangements reuse the iteration's draws).
//!
//! Run with `cargo bench --bench engine`; criterion reports time per iteration (36
//! placement-months) and the throughput in placement-months per second.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use inclusim::sim::draws::IterationDraws;
use inclusim::sim::engine::{self, Plan, Scratch};

const SCENARIO: &str = include_str!("../scenarios/supermarkt-vakkenvuller.toml");

/// The bundled supermarket scenario with `arrangements` arrangements.
fn model(arrangements: usize) -> inclusim::model::Model {
    let mut text = SCENARIO.replace("rates = \"nl-2026\"", "rates = \"nl-2026\"\nbaseline = false");
    for i in 0..arrangements {
        text.push_str(&format!("\n[[arrangement]]\nname = \"a{i}\"\n"));
    }
    inclusim::scenario::parse(Path::new("bench.toml"), &text).expect("bench scenario is valid")
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

criterion_group!(benches, bench_engine);
criterion_main!(benches);
