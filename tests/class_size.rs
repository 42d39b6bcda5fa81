//! A class whose size is drawn per iteration (`count = { dist = "discrete_uniform", … }`), and
//! instruments and group lines scoped to a phase of the learners' placements
//! (`phase = "learning"` or `"employment"`).

use crate::util::{arrangement, cents, model, run};

/// A class of one group of learners with constant inputs from August 2026 (`count` as
/// written), learning `learning` months of a `horizon`; `cohort` is appended to `[cohort]`,
/// `extra` at the end.
fn class(count: &str, horizon: u32, learning: u32, iterations: u32, cohort: &str, extra: &str) -> String {
    format!(
        r#"
[scenario]
name = "class size"
start = "2026-08"
horizon_months = {horizon}
iterations = {iterations}
seed = 11
discount_rate = 0.05

[cohort]
calendar = "noord"
{cohort}

[[placement]]
name = "leerling"
count = {count}
hours_per_week = 24
wage = "wml"
value_per_productive_hour = 30
productivity = {{ start = 0.3, target = 0.8, ramp_months = 6 }}
supervision = {{ initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 4, supervisor_cost = 40, available_hours_per_week = 10 }}
worker = {{ age = 17, group = "praktijkonderwijs" }}
learning = {{ months = {learning}, hours_per_week = 24 }}
{extra}
"#
    )
}

/// Per iteration of the first arrangement: its class outcome and NPV.
fn per_iteration(text: &str, iterations: u64) -> Vec<(inclusim::sim::cohort::CohortOutcome, f64, Vec<f64>)> {
    let m = model(text);
    let arrangements = m.arrangements.len();
    let cfg = inclusim::sim::RunConfig {
        iterations,
        threads: 2,
        keep_paths: 0,
        keep_draws: false,
    };
    let horizon = m.horizon;
    let mut out = Vec::new();
    inclusim::sim::run(&m, &cfg, &mut |_| {}, &mut |chunk| {
        for i in 0..chunk.iterations as usize {
            let k = i * arrangements;
            let coverage = chunk.cohort_coverage[k * horizon..(k + 1) * horizon].to_vec();
            out.push((chunk.cohort[k].clone(), chunk.outcomes[k].npv, coverage));
        }
    })
    .expect("run");
    out
}

#[test]
fn the_mean_class_size_is_the_distributions_mean() {
    let iterations = 4000;
    for (count, mean, var) in [
        // Whole numbers 4 to 7, each a quarter: mean 5.5, variance (4² − 1)/12.
        (
            r#"{ dist = "discrete_uniform", min = 4, max = 7 }"#,
            5.5,
            15.0 / 12.0,
        ),
        // 8 (1/4), 10 (1/2), 12 (1/4): mean 10, variance 2.
        (
            r#"{ dist = "discrete", values = [8, 10, 12], weights = [1, 2, 1] }"#,
            10.0,
            2.0,
        ),
    ] {
        let text = class(count, 14, 12, 1, "hire_probability = 1", "");
        let runs = per_iteration(&text, iterations);
        let pupils: Vec<f64> = runs.iter().map(|(o, _, _)| f64::from(o.pupils)).collect();
        let got = pupils.iter().sum::<f64>() / iterations as f64;
        let se = (var / iterations as f64).sqrt();
        assert!((got - mean).abs() < 4.0 * se, "{count}: mean {got} vs {mean}");
        // Without dropout every pupil who starts graduates and is hired; nobody beyond the
        // drawn count is counted in any outcome.
        for (o, _, _) in &runs {
            assert_eq!((o.completed, o.hired, o.dropped_out), (o.pupils, o.pupils, 0));
        }
    }
}

/// The copies beyond the drawn count do not start: an iteration that draws n pupils has the
/// same NPV, to the bit, as the same iteration of the class with `count = n` (the pupils' own
/// streams do not depend on the class size, nor do the fixed group lines).
#[test]
fn an_iteration_with_n_pupils_is_the_class_of_n() {
    let cohort = r#"hire_probability = 0.6
[[cohort.cost]]
name = "stuurgroep"
amount = 300
to_month = 11
"#;
    let uncertain = class(
        r#"{ dist = "discrete_uniform", min = 2, max = 4 }"#,
        20,
        12,
        1,
        cohort,
        "capacity = { typical = 0.9, volatility = 0.5 }\ndropout = { monthly = 0.03 }",
    );
    let drawn = per_iteration(&uncertain, 60);
    let sizes: Vec<u32> = drawn.iter().map(|(o, _, _)| o.pupils).collect();
    for n in 2..=4u32 {
        assert!(sizes.contains(&n), "60 iterations draw every size");
        let fixed = uncertain.replace(
            r#"{ dist = "discrete_uniform", min = 2, max = 4 }"#,
            &n.to_string(),
        );
        let fixed = per_iteration(&fixed, 60);
        for ((o, npv, _), (f, fixed_npv, _)) in drawn.iter().zip(&fixed) {
            if o.pupils == n {
                assert_eq!(o, f);
                assert_eq!(npv.to_bits(), fixed_npv.to_bits());
            }
        }
    }
}

#[test]
fn a_line_that_scales_follows_the_drawn_class_size() {
    let cohort = r#"hire_probability = 1
[[cohort.cost]]
name = "begeleiding_school"
amount = 700
to_month = 11
scales = true

[[cohort.cost]]
name = "stuurgroep"
amount = 300
to_month = 11
"#;
    let text = class(
        r#"{ dist = "discrete_uniform", min = 4, max = 7 }"#,
        14,
        12,
        4000,
        cohort,
        "",
    );
    let s = run(&model(&text), 2);
    let k = s.cohort.as_ref().expect("class");
    let pupils = k.arrangements[0].pupils_mean.expect("an uncertain class size");
    let x = arrangement(&s, "no support");
    // A scaling line is stated for the largest class (7): 700 × pupils / 7 a month.
    assert_eq!(
        cents(x.lines["begeleiding_school"]),
        cents(12.0 * 700.0 * pupils / 7.0)
    );
    assert_eq!(
        cents(x.lines["stuurgroep"]),
        cents(12.0 * 300.0),
        "a fixed line stays"
    );
    // The copies beyond the count are not placements of the iteration: every one that
    // started is active in every month, and retained.
    assert_eq!(x.months_active_mean, 14.0);
    assert_eq!(x.retention_at_horizon, 1.0);
    assert!(x.monthly.iter().all(|m| m.share_active == 1.0));
}

/// Mentor coverage by month is the drawn pupils': with two fixed leermeesters (the first
/// takes the first five pupils), an iteration with more pupils has lower coverage.
#[test]
fn a_larger_drawn_class_with_the_same_mentors_has_lower_coverage() {
    let cohort = r#"hire_probability = 0.5
[[cohort.mentor]]
name = "A"
hours_per_week = 6
max_pupils = 5

[[cohort.mentor]]
name = "B"
hours_per_week = 6
max_pupils = 5
"#;
    let text = class(
        r#"{ dist = "discrete_uniform", min = 1, max = 10 }"#,
        14,
        12,
        1,
        cohort,
        "",
    );
    let runs = per_iteration(&text, 400);
    let mean_coverage = |n: u32| {
        let cells: Vec<f64> = runs
            .iter()
            .filter(|(o, _, _)| o.pupils == n)
            .flat_map(|(_, _, c)| c.iter().copied().filter(|x| !x.is_nan()))
            .collect();
        cells.iter().sum::<f64>() / cells.len() as f64
    };
    let (small, large) = (mean_coverage(1), mean_coverage(10));
    assert_eq!(small, 1.0, "one pupil: 4 hours fit in 6");
    assert!(large < 0.8, "five pupils share 6 hours: {large}");
    let hours = |n: u32| {
        let xs: Vec<f64> = runs
            .iter()
            .filter(|(o, _, _)| o.pupils == n)
            .map(|(o, _, _)| o.mentor_hours_per_pupil)
            .collect();
        xs.iter().sum::<f64>() / xs.len() as f64
    };
    assert!(
        hours(10) < hours(1),
        "fewer mentor hours per pupil in a larger class"
    );
}

#[test]
fn the_drawn_class_size_is_an_input_of_the_samples_and_the_sensitivity() {
    let m = model(&class(
        r#"{ dist = "discrete_uniform", min = 4, max = 7 }"#,
        14,
        12,
        1,
        "hire_probability = 1",
        "",
    ));
    let kept = inclusim::sim::inputs::kept_inputs(&m, true);
    let count = kept
        .iter()
        .find(|k| k.name == "leerling.count")
        .expect("the count is kept");
    let cfg = inclusim::sim::RunConfig {
        iterations: 200,
        threads: 1,
        keep_paths: 0,
        keep_draws: true,
    };
    inclusim::sim::run(&m, &cfg, &mut |_| {}, &mut |chunk| {
        for (draws, o) in chunk
            .draws
            .iter()
            .zip(chunk.cohort.iter().step_by(m.arrangements.len()))
        {
            assert_eq!(draws[count.position], f64::from(o.pupils));
        }
    })
    .expect("run");
    let fixed = model(&class("5", 14, 12, 1, "hire_probability = 1", ""));
    assert!(
        !inclusim::sim::inputs::kept_inputs(&fixed, true)
            .iter()
            .any(|k| k.key == "count"),
        "a fixed count is no input"
    );
}

fn errors(text: &str) -> String {
    match inclusim::scenario::parse(std::path::Path::new("t.toml"), text) {
        Ok(_) => panic!("the scenario must be refused"),
        Err(d) => d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
    }
}

fn warnings(text: &str) -> String {
    let m = model(text);
    m.warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_bad_class_size_gets_a_clear_error() {
    let bad = |count: &str| errors(&class(count, 14, 12, 1, "hire_probability = 1", ""));
    let e = bad(r#"{ dist = "discrete_uniform", min = 7, max = 4 }"#);
    assert!(
        e.contains("t.toml:") && e.contains("count.min") && e.contains("must not exceed"),
        "{e}"
    );
    let e = bad(r#"{ dist = "discrete", values = [4, 5.5] }"#);
    assert!(
        e.contains("count.values") && e.contains("5.5 is not a whole number"),
        "{e}"
    );
    let e = bad("4.5");
    assert!(
        e.contains(".count") && e.contains("4.5 is not a whole number"),
        "{e}"
    );
    let e = bad(r#"{ dist = "pert", min = 4, mode = 5, max = 7 }"#);
    assert!(e.contains("count.dist") && e.contains("discrete_uniform"), "{e}");
    let e = bad(r#"{ dist = "discrete", values = [0, 3] }"#);
    assert!(e.contains("a count is from 1"), "{e}");
    let crowded = class(
        r#"{ dist = "discrete_uniform", min = 4, max = 7 }"#,
        14,
        12,
        1,
        "hire_probability = 1\n[[cohort.mentor]]\nname = \"A\"\nhours_per_week = 6\nmax_pupils = 6",
        "",
    );
    let e = errors(&crowded);
    assert!(
        e.contains("cohort.mentor") && e.contains("1 learner(s) have no leermeester"),
        "{e}"
    );
}

/// A grant of 100 a month: unscoped and scoped to the employment it starts at hiring (tenure
/// 12); scoped to the learning phase it runs from the start until graduation.
#[test]
fn an_instrument_scoped_to_a_phase_books_only_in_it() {
    let arrangements = |phase: &str| {
        format!(
            r#"
[[arrangement]]
name = "grant"
instruments = [{{ kind = "grant", name = "werkplekbonus", amount = 100, per = "month"{phase} }}]
"#
        )
    };
    let total = |phase: &str, hire: &str| {
        let text = class(
            "3",
            20,
            12,
            1,
            &format!("hire_probability = {hire}"),
            &arrangements(phase),
        );
        arrangement(&run(&model(&text), 1), "grant").lines["werkplekbonus"]
    };
    // Three pupils, hired after 12 months, employed months 12..20.
    let unscoped = total("", "1");
    assert_eq!(cents(unscoped), cents(3.0 * 8.0 * 100.0));
    assert_eq!(
        total(r#", phase = "employment""#, "1").to_bits(),
        unscoped.to_bits(),
        "employment is when an unscoped instrument applies to a learner"
    );
    assert_eq!(
        total(r#", phase = "employment""#, "0"),
        0.0,
        "nothing while learning"
    );
    assert_eq!(
        cents(total(r#", phase = "learning""#, "1")),
        cents(3.0 * 12.0 * 100.0)
    );
    assert_eq!(
        cents(total(r#", phase = "learning""#, "0")),
        cents(3.0 * 12.0 * 100.0),
        "the learning phase's grant does not depend on the hiring"
    );
}

#[test]
fn a_group_line_scoped_to_the_learning_phase_stops_at_graduation() {
    let line = |phase: &str, hire: &str| {
        let cohort = format!(
            "hire_probability = {hire}\n[[cohort.cost]]\nname = \"coordinatie\"\namount = 250\n{phase}"
        );
        let text = class("3", 20, 12, 1, &cohort, "");
        arrangement(&run(&model(&text), 1), "no support").lines["coordinatie"]
    };
    assert_eq!(cents(line("", "1")), cents(20.0 * 250.0), "unscoped: every month");
    assert_eq!(cents(line("phase = \"learning\"", "1")), cents(12.0 * 250.0));
    assert_eq!(cents(line("phase = \"employment\"", "1")), cents(8.0 * 250.0));
    assert_eq!(
        line("phase = \"employment\"", "0"),
        0.0,
        "nobody hired, nobody employed"
    );
    assert_eq!(
        cents(line("phase = \"learning\"\nscales = true", "1")),
        cents(12.0 * 250.0)
    );
}

#[test]
fn a_bad_phase_gets_a_clear_error_or_warning() {
    let with = |instrument: &str| {
        class(
            "2",
            20,
            12,
            1,
            "hire_probability = 1",
            &format!("[[arrangement]]\nname = \"a\"\ninstruments = [{instrument}]\n"),
        )
    };
    let e = errors(&with(r#"{ kind = "lks", phase = "leren" }"#));
    assert!(
        e.contains("instruments[0].phase") && e.contains("`leren`") && e.contains("learning, employment"),
        "{e}"
    );
    let e = errors(&with(r#"{ kind = "lks", phase = "learning" }"#));
    assert!(
        e.contains("`lks` is for an employee") && e.contains("grant"),
        "{e}"
    );
    let e = errors(&class(
        "2",
        20,
        12,
        1,
        "hire_probability = 1\n[[cohort.cost]]\nname = \"x\"\namount = 1\nphase = \"school\"",
        "",
    ));
    assert!(
        e.contains("cohort.cost[0] \"x\" .phase") && e.contains("`school`"),
        "{e}"
    );
    // A placement without a learning phase.
    let employee = r#"
[[placement]]
name = "medewerker"
hours_per_week = 24
wage = "wml"
value_per_productive_hour = 30
productivity = { start = 0.5, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 2, steady_hours_per_week = 1, halving_months = 4, supervisor_cost = 40, available_hours_per_week = 10 }
"#;
    let scoped = |phase: &str| {
        class(
            "2",
            20,
            12,
            1,
            "hire_probability = 1",
            &format!(
                "{employee}\n[[arrangement]]\nname = \"a\"\ninstruments = [{{ kind = \"grant\", name = \"g\", amount = 1, per = \"month\", placements = [\"medewerker\"], phase = \"{phase}\" }}]\n"
            ),
        )
    };
    let e = errors(&scoped("learning"));
    assert!(e.contains("none of the placements it applies to has one"), "{e}");
    let w = warnings(&scoped("employment"));
    assert!(w.contains("changes nothing"), "{w}");
}

/// The share of simulated placements in which an instrument did not apply counts only the
/// pupils who started: LKV arbeidsgehandicapt, for pupils who are not, never applies, so its
/// share is exactly 1 whatever the drawn class size (with the largest count as denominator it
/// was the mean over the largest, below 1).
#[test]
fn an_instrument_that_never_applies_has_a_share_of_one_with_a_drawn_class_size() {
    let text = class(
        r#"{ dist = "discrete_uniform", min = 2, max = 6 }"#,
        18,
        6,
        500,
        "hire_probability = 1",
        "[[arrangement]]\nname = \"LKV\"\ninstruments = [{ kind = \"lkv\", category = \"arbeidsgehandicapt\" }]\n",
    );
    let s = run(&model(&text), 2);
    let lkv = &arrangement(&s, "LKV").instruments[0];
    assert_eq!(lkv.ineligible_share, 1.0, "{lkv:?}");
}

/// A group line for some groups only (`placements`): its phase and its scaling count only
/// their learners. The class: 3 pupils of "leerling" learning 12 months, 2 of "kort" learning
/// 6; a line of 100 a month over 14 months.
#[test]
fn a_group_line_for_one_group_counts_only_its_learners() {
    let kort = r#"
[[placement]]
name = "kort"
count = 2
hours_per_week = 24
wage = "wml"
value_per_productive_hour = 30
productivity = { start = 0.3, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 4, supervisor_cost = 40, available_hours_per_week = 10 }
worker = { age = 17, group = "praktijkonderwijs" }
learning = { months = 6, hours_per_week = 24 }
"#;
    let total = |keys: &str| {
        let cohort = format!("hire_probability = 1\n[[cohort.cost]]\nname = \"les\"\namount = 100\n{keys}");
        let text = class("3", 14, 12, 1, &cohort, kort);
        arrangement(&run(&model(&text), 1), "no support").lines["les"]
    };
    // While some learner of the group learns: the short group's 6 months, the class's 12.
    assert_eq!(
        cents(total("phase = \"learning\"\nplacements = [\"kort\"]")),
        cents(6.0 * 100.0)
    );
    assert_eq!(cents(total("phase = \"learning\"")), cents(12.0 * 100.0));
    // Scaled by the share learning: the short group all in for 6 months; the class 5 of 5
    // for 6 months, then 3 of 5 for 6.
    assert_eq!(
        cents(total(
            "phase = \"learning\"\nscales = true\nplacements = [\"kort\"]"
        )),
        cents(6.0 * 100.0)
    );
    assert_eq!(
        cents(total("phase = \"learning\"\nscales = true")),
        cents(6.0 * 100.0 + 6.0 * 60.0)
    );
    // Without phase or scaling the groups change nothing: every month of the line.
    assert_eq!(cents(total("placements = [\"kort\"]")), cents(14.0 * 100.0));
    // A name that is no group with a learning phase is an error at its key.
    let cohort =
        "hire_probability = 1\n[[cohort.cost]]\nname = \"les\"\namount = 100\nplacements = [\"vso\"]";
    let text = class("3", 14, 12, 1, cohort, kort);
    let diags = inclusim::scenario::parse(std::path::Path::new("t.toml"), &text).unwrap_err();
    assert!(
        diags.iter().any(|d| d.key.contains("placements[0]")
            && d.message.contains("`vso`")
            && d.message.contains("leerling, kort")),
        "{diags:?}"
    );
}
