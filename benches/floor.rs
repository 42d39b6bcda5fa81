//! The floor of the engine: exactly the random draws one placement-month needs and one `exp`,
//! with the crates and the stream the engine uses, and nothing else. Per placement-month the
//! engine draws the capacity innovation (a ziggurat standard normal from `rand_distr`: one
//! 64-bit word of Xoshiro256++, a few more in the ziggurat's rare tail and wedge cases) and the
//! sick and dropout uniforms (one more word, `sim::rng::open_uniform_pair`), and the logistic
//! of the capacity process costs one `exp`. No engine can do a placement-month for less on
//! this machine, so `engine / floor` (see README.md, Development, and
//! `benches/whole-command.sh`) says how close the engine runs to it.
//!
//! `cargo bench --bench floor` reports the time per 36 placement-months (one iteration of the
//! supermarket scenario). With `INCLUSIM_FLOOR_NS=<placement-months>` the binary times that
//! many placement-months itself and prints `floor_ns_per_placement_month <ns>`; with
//! `INCLUSIM_FLOOR_COUNT=<placement-months>` it just runs them (for callgrind).

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use inclusim::sim::rng::{Purpose, Stream, open_uniform_pair, stream};
use rand_distr::{Distribution, StandardNormal};

/// Placement-months per benchmarked iteration: the supermarket scenario's horizon.
const MONTHS: u64 = 36;

/// The draws and the `exp` of `months` placement-months on one stream, folded into a value so
/// that nothing is optimised away: the capacity process x ← φx + σε, its logistic, and the
/// comparison of the two uniforms with their probabilities.
#[inline(never)]
fn placement_months(rng: &mut Stream, months: u64) -> f64 {
    let (phi, sigma, logit_typical) = (0.6, 0.5, 1.7);
    let mut x = 0.0f64;
    let mut folded = 0.0;
    for _ in 0..months {
        let eps: f64 = StandardNormal.sample(rng);
        let (sick, dropout) = open_uniform_pair(rng);
        x = phi * x + sigma * eps;
        let capacity = 1.0 / (1.0 + (-(logit_typical + x)).exp());
        folded += capacity + f64::from(u8::from(sick < 0.04)) + f64::from(u8::from(dropout < 0.015));
    }
    folded
}

fn bench_floor(c: &mut Criterion) {
    let mut group = c.benchmark_group("floor");
    group.throughput(Throughput::Elements(MONTHS));
    let mut rng = stream(1, 0, 0, Purpose::Monthly);
    group.bench_function("draws_and_exp_per_placement_month", |b| {
        b.iter(|| black_box(placement_months(&mut rng, MONTHS)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots();
    targets = bench_floor
}

fn main() {
    let months = |var: &str| {
        std::env::var(var).ok().map(|v| {
            v.parse::<u64>()
                .unwrap_or_else(|_| panic!("{var} is a number of placement-months"))
        })
    };
    if let Some(n) = months("INCLUSIM_FLOOR_COUNT") {
        black_box(placement_months(&mut stream(1, 0, 0, Purpose::Monthly), n));
        return;
    }
    if let Some(n) = months("INCLUSIM_FLOOR_NS") {
        let mut rng = stream(1, 0, 0, Purpose::Monthly);
        // Warm up, then take the best of five rounds (the least disturbed by the machine).
        black_box(placement_months(&mut rng, n / 10 + 1));
        let best = (0..5)
            .map(|_| {
                let start = Instant::now();
                black_box(placement_months(&mut rng, n));
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        println!("floor_ns_per_placement_month {:.2}", best * 1e9 / n as f64);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
