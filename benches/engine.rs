//! Engine throughput: placement-months per second for one placement over 36 months (the
//! bundled supermarket scenario), with one arrangement (the no-support baseline), with two (the
//! baseline twice: what an extra arrangement costs when it shares the baseline's course and
//! draws and has no instruments, so that only its money is booked), and with four (baseline,
//! LKS + no-risk polis, + LKV, detachering: two courses, three arrangements with instruments).
//!
//! Run with `cargo bench --bench engine`; criterion reports time per iteration (36
//! placement-months) and the throughput in placement-months per second.
//!
//! Timings of a shared machine wander; instruction counts do not. With
//! `INCLUSIM_BENCH_COUNT=<arrangements>:<iterations>[:<horizon months>]` (arrangements 1, 2 or
//! 4, or `cohort` for the class of 12 pupils) the bench binary runs just that many iterations
//! of one variant, for callgrind: the
//! difference between two such counts over the difference of iterations is the cost of one
//! iteration, without the set-up (see README.md, Development). With
//! `INCLUSIM_BENCH_NS=<arrangements>:<iterations>` it times that many iterations itself and
//! prints the nanoseconds per placement-month (`benches/whole-command.sh` compares it with the
//! floor, `benches/floor.rs`, and with the whole command).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group};
use inclusim::sim::draws::IterationDraws;
use inclusim::sim::engine::{self, IterationResults, Plan, Scratch};

const SCENARIO: &str = include_str!("../scenarios/supermarkt-vakkenvuller.toml");

/// The benchmarked variants of the bundled supermarket scenario.
#[derive(Debug, Clone, Copy)]
enum Variant {
    /// The implicit baseline only.
    Baseline,
    /// The baseline and an arrangement without instruments.
    BaselineTwice,
    /// All four arrangements: the baseline, two LKS variants and detachering.
    All,
    /// The class of 12 pupils over 60 months ([`COHORT`]).
    Cohort,
}

/// The scenario is edited as a TOML table, so that expectations or arrangements added to it
/// later do not break the bench.
fn model(variant: Variant, horizon: Option<i64>) -> inclusim::model::Model {
    if matches!(variant, Variant::Cohort) {
        return inclusim::scenario::parse(Path::new("cohort.toml"), COHORT).expect("bench cohort is valid");
    }
    let mut table: toml::Table = SCENARIO.parse().expect("the bundled scenario is TOML");
    if let Some(months) = horizon {
        let scenario = table["scenario"].as_table_mut().expect("[scenario]");
        scenario.insert("horizon_months".into(), toml::Value::Integer(months));
    }
    if !matches!(variant, Variant::All) {
        table.remove("arrangement");
        table.remove("expect");
    }
    if matches!(variant, Variant::BaselineTwice) {
        let again: toml::Table = "name = \"no support, again\"\ninstruments = []"
            .parse()
            .expect("an arrangement table");
        table.insert("arrangement".into(), toml::Value::Array(vec![again.into()]));
    }
    let text = toml::to_string(&table).expect("a TOML table serializes");
    let model = inclusim::scenario::parse(Path::new("bench.toml"), &text).expect("bench scenario is valid");
    let expected = match variant {
        Variant::Baseline => 1,
        Variant::BaselineTwice => 2,
        Variant::All => 4,
        Variant::Cohort => 1,
    };
    assert_eq!(model.arrangements.len(), expected, "{variant:?}");
    model
}

fn bench_engine(c: &mut Criterion) {
    let mut group = c.benchmark_group("placement_months");
    for variant in [Variant::Baseline, Variant::BaselineTwice, Variant::All] {
        let model = model(variant, None);
        let arrangements = model.arrangements.len();
        let plan = Plan::new(&model).expect("plan");
        let months = (model.horizon * model.copies()) as u64;
        group.throughput(Throughput::Elements(months));
        let (mut draws, mut scratch) = (IterationDraws::default(), Scratch::default());
        let mut results = IterationResults::default();
        let mut iteration = 0u64;
        let name = match variant {
            Variant::BaselineTwice => "2_arrangements_no_instruments".to_owned(),
            _ => format!("{arrangements}_arrangement(s)"),
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                draws.draw(&model, iteration);
                engine::simulate_iteration(&model, &plan, &draws, &mut scratch, &mut results);
                iteration += 1;
                black_box(&results);
            })
        });
    }
    group.finish();
}

/// A class of 12 pupils over 60 months (the issue's cohort case): one placement of 12
/// learners with a 23-month learning phase on the northern school calendar, three
/// leermeesters with absence, hiring at graduation within vacancies, group lines; the
/// "no support" baseline only, so that its cost per pupil-month compares with
/// `placement_months/1_arrangement(s)`.
const COHORT: &str = r#"
[scenario]
name = "bench cohort"
start = "2026-08"
horizon_months = 60
seed = 1

[cohort]
calendar = "noord"
hire_curve = { midpoint = 0.6, slope = 10 }
vacancies = { dist = "discrete", values = [4, 5, 6], weights = [1, 1, 1] }
recruitment_cost_avoided = 3000
mentor = [
  { name = "a", hours_per_week = 8, max_pupils = 4, absence_probability = 0.08 },
  { name = "b", hours_per_week = 8, max_pupils = 4, absence_probability = 0.08 },
  { name = "c", hours_per_week = 8, max_pupils = 4, absence_probability = 0.08 },
]
cost = [
  { name = "lesson", amount = 280, per = "school_week", to_month = 22, payer = "school", party = "colleagues" },
  { name = "steering", amount = 500, to_month = 22 },
]

[[placement]]
name = "pupil"
count = 12
hours_per_week = 24
wage = "wml"
value_per_productive_hour = { dist = "pert", min = 27, mode = 30, max = 35 }
productivity = { start = { dist = "pert", min = 0.15, mode = 0.22, max = 0.3 }, target = { dist = "pert", min = 0.55, mode = 0.72, max = 0.85 }, ramp_months = { dist = "lognormal", p5 = 8, p95 = 20 } }
capacity = { typical = 0.9, volatility = 0.4, persistence = 0.5, sick_start_probability = 0.04, sick_months = { dist = "lognormal", p5 = 0.2, p95 = 2 } }
supervision = { initial_hours_per_week = 3, steady_hours_per_week = 0.75, halving_months = 8, supervisor_cost = 36, available_hours_per_week = 3 }
dropout = { monthly = 0.008, shortfall_factor = 3 }
worker = { age = 16, group = "praktijkonderwijs", banenafspraak = true }
learning = { months = 23, days_per_week = 3, hours_per_day = 8 }
"#;

fn bench_cohort(c: &mut Criterion) {
    let model = model(Variant::Cohort, None);
    let plan = Plan::new(&model).expect("plan");
    let mut group = c.benchmark_group("pupil_months");
    group.throughput(Throughput::Elements((model.horizon * model.copies()) as u64));
    let (mut draws, mut scratch) = (IterationDraws::default(), Scratch::default());
    let mut results = IterationResults::default();
    let mut iteration = 0u64;
    group.bench_function("cohort_12_pupils_60_months", |b| {
        b.iter(|| {
            draws.draw(&model, iteration);
            engine::simulate_iteration(&model, &plan, &draws, &mut scratch, &mut results);
            iteration += 1;
            black_box(&results);
        })
    });
    group.finish();
}

/// The variant, iterations and optional horizon of a spec `<arrangements: 1, 2 or 4, or
/// cohort>:<iterations>[:<horizon months>]` given in the environment variable `var` (the
/// cohort case keeps its own horizon of 60 months).
fn parse_spec(var: &str, spec: &str) -> (Variant, u64, Option<i64>) {
    let parts: Vec<&str> = spec.split(':').collect();
    let number = |i: usize| {
        parts
            .get(i)
            .map(|p| p.parse::<u64>().unwrap_or_else(|_| panic!("a number in {var}")))
    };
    let variant = match parts.first().copied() {
        Some("1") => Variant::Baseline,
        Some("2") => Variant::BaselineTwice,
        Some("4") => Variant::All,
        Some("cohort") => Variant::Cohort,
        _ => panic!("{var} is <arrangements: 1, 2 or 4, or cohort>:<iterations>[:<horizon>]"),
    };
    let iterations = number(1).unwrap_or_else(|| panic!("{var} names the iterations"));
    (variant, iterations, number(2).map(|h| h as i64))
}

/// Runs `iterations` iterations of one variant (for instruction counts); `spec` is
/// `<arrangements>:<iterations>[:<horizon months>]`.
fn count(spec: &str) {
    let (variant, iterations, horizon) = parse_spec("INCLUSIM_BENCH_COUNT", spec);
    let model = model(variant, horizon);
    let plan = Plan::new(&model).expect("plan");
    let (mut draws, mut scratch) = (IterationDraws::default(), Scratch::default());
    let mut results = IterationResults::default();
    for iteration in 0..iterations {
        draws.draw(&model, iteration);
        engine::simulate_iteration(&model, &plan, &draws, &mut scratch, &mut results);
        black_box(&results);
    }
}

criterion_group! {
    name = benches;
    // Criterion's own charts are not needed (and its plotters backend clashes with the
    // project's plotters features); the numbers are what we measure.
    config = Criterion::default().without_plots();
    targets = bench_engine, bench_cohort
}

/// Times `iterations` iterations of one variant (after a warm-up; the best of three rounds)
/// and prints the engine's nanoseconds per placement-month; `spec` as for [`count`].
fn time(spec: &str) {
    let (variant, iterations, horizon) = parse_spec("INCLUSIM_BENCH_NS", spec);
    let model = model(variant, horizon);
    let plan = Plan::new(&model).expect("plan");
    let (mut draws, mut scratch) = (IterationDraws::default(), Scratch::default());
    let mut results = IterationResults::default();
    let mut run = |from: u64, n: u64| {
        let start = std::time::Instant::now();
        for iteration in from..from + n {
            draws.draw(&model, iteration);
            engine::simulate_iteration(&model, &plan, &draws, &mut scratch, &mut results);
            black_box(&results);
        }
        start.elapsed().as_secs_f64()
    };
    run(0, iterations / 10 + 1);
    let best = (0..3)
        .map(|r| run(r * iterations, iterations))
        .fold(f64::INFINITY, f64::min);
    let months = (model.horizon * model.copies()) as f64 * iterations as f64;
    println!("engine_ns_per_placement_month {:.2}", best * 1e9 / months);
}

fn main() {
    if let Ok(spec) = std::env::var("INCLUSIM_BENCH_COUNT") {
        count(&spec);
        return;
    }
    if let Ok(spec) = std::env::var("INCLUSIM_BENCH_NS") {
        time(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
