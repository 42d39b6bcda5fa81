//! The engine's mechanisms: a deterministic case to the cent, one test per mechanism that
//! would fail without it, statistical checks, and thread-count independence.

use crate::util::{cents, model, outcomes, run, scenario};
use inclusim::stats::summary::ArrangementSummary;

fn baseline(s: &inclusim::stats::Summary) -> &ArrangementSummary {
    &s.arrangements[0]
}

/// All inputs constant, no sickness, no dropout, no peaks: the month loop by hand.
#[test]
fn deterministic_case_matches_hand_computation_to_the_cent() {
    let text = scenario(
        12,
        3,
        r#"capacity = { typical = 0.9 }

[[placement.cost]]
name = "training"
amount = 500
at_month = 0

[[placement.benefit]]
name = "social_return"
amount = 100
from_month = 2
to_month = 5"#,
        "",
    );
    let s = run(&model(&text), 1);
    let a = baseline(&s);

    let weeks = 52.0 / 12.0;
    let contract = 20.0 * weeks;
    let worked = contract * 0.9;
    let (mut value, mut wage, mut burden, mut supervision) = (0.0, 0.0, 0.0, 0.0);
    let mut npv = 0.0;
    let mut cumulative = Vec::new();
    for t in 0..12 {
        // Full coverage and no absence: learning progress L = t months.
        let productivity = 0.3 + 0.5 * (1.0 - 0.1f64.powf(t as f64 / 6.0));
        let given = 1.0 + 4.0 * 0.5f64.powf(t as f64 / 3.0);
        let v = worked * productivity * 30.0;
        let w = contract * 15.0 * 1.08;
        let b = w * 0.2;
        let sup = given * weeks * 40.0;
        let other = if t == 0 {
            -500.0
        } else if (2..=5).contains(&t) {
            100.0
        } else {
            0.0
        };
        value += v;
        wage += w;
        burden += b;
        supervision += sup;
        npv += (v - w - b - sup + other) / 1.05f64.powf((t + 1) as f64 / 12.0);
        cumulative.push(npv);
    }
    assert_eq!(cents(a.npv.mean), cents(npv));
    assert_eq!(cents(a.npv.p5), cents(npv), "every iteration is the same");
    assert_eq!(cents(a.lines["production_value"]), cents(value));
    assert_eq!(cents(a.lines["wage"]), cents(wage));
    assert_eq!(cents(a.lines["employer_burden"]), cents(burden));
    assert_eq!(cents(a.lines["supervision"]), cents(supervision));
    assert_eq!(cents(a.lines["training"]), 50_000);
    assert_eq!(cents(a.lines["social_return"]), 40_000);
    let expected_break_even = {
        let trailing = cumulative.iter().rev().take_while(|c| **c >= 0.0).count();
        (trailing > 0).then(|| (cumulative.len() - trailing + 1) as u32)
    };
    assert_eq!(a.break_even.p50_month, expected_break_even);
    assert_eq!(a.retention_at_horizon, 1.0);
    assert_eq!(a.months_active_mean, 12.0);
    for (m, month) in a.monthly.iter().enumerate() {
        assert_eq!(cents(month.cumulative_net["p50"]), cents(cumulative[m]));
    }
}

/// A deterministic case that breaks even inside the horizon, so the break-even month is a
/// number (not `none`) that the test derives itself.
#[test]
fn deterministic_break_even_month() {
    let text =
        scenario(24, 2, "", "").replace("value_per_productive_hour = 30", "value_per_productive_hour = 60");
    let s = run(&model(&text), 1);
    let weeks = 52.0 / 12.0;
    let contract = 20.0 * weeks;
    let mut cum = 0.0;
    let mut months = Vec::new();
    for t in 0..24 {
        let productivity = 0.3 + 0.5 * (1.0 - 0.1f64.powf(t as f64 / 6.0));
        let given = 1.0 + 4.0 * 0.5f64.powf(t as f64 / 3.0);
        // The wage of €15 is raised by the preset's 3% in January 2028 (t = 12).
        let wage = if t < 12 { 15.0 } else { 15.0 * 1.03 };
        let net = contract * productivity * 60.0 - contract * wage * 1.08 * 1.2 - given * weeks * 40.0;
        cum += net / 1.05f64.powf((t + 1) as f64 / 12.0);
        months.push(cum);
    }
    let first_non_negative_run = months.iter().rposition(|c| *c < 0.0).map_or(1, |i| i + 2) as u32;
    assert!(months[0] < 0.0 && months[23] > 0.0, "the case must cross zero");
    assert_eq!(baseline(&s).break_even.p50_month, Some(first_non_negative_run));
}

/// The wage line of a one-iteration run of the all-constant scenario with these placement
/// keys, starting in `start`, over `horizon` months.
fn wage_line(start: &str, horizon: u32, placement_extra: &str, extra: &str) -> f64 {
    let text = scenario(horizon, 1, placement_extra, extra).replace("2027-01", start);
    baseline(&run(&model(&text), 1)).lines["wage"]
}

/// A wage in euros is raised in its indexation month, from the first one after the scenario's
/// start month: not at once in a scenario that starts in that month.
#[test]
fn euro_wage_is_raised_in_its_indexation_month_not_in_the_first_month() {
    let keys = "wage_indexation = 0.10\nwage_indexation_month = 3";
    let month_wage = 20.0 * 52.0 / 12.0 * 1.08 * 15.0;
    // Starting in January: January and February at €15, March at €16.50.
    let feb = wage_line("2027-01", 2, keys, "");
    let mar = wage_line("2027-01", 3, keys, "");
    assert_eq!(cents(feb), cents(2.0 * month_wage));
    assert_eq!(cents(mar - feb), cents(month_wage * 1.1));
    // Fifteen months: 2 at €15, 12 at €16.50 (March 2027 to February 2028), March 2028 at €18.15.
    let fifteen = wage_line("2027-01", 15, keys, "");
    assert_eq!(cents(fifteen), cents(month_wage * (2.0 + 12.0 * 1.1 + 1.1 * 1.1)));
    // Starting in March itself: not raised until March 2028 (t = 12).
    let first = wage_line("2027-03", 1, keys, "");
    assert_eq!(cents(first), cents(month_wage));
    let twelve = wage_line("2027-03", 12, keys, "");
    let thirteen = wage_line("2027-03", 13, keys, "");
    assert_eq!(cents(twelve), cents(12.0 * month_wage));
    assert_eq!(cents(thirteen - twelve), cents(month_wage * 1.1));
    // A placement that starts later is paid the raised scale from its first month.
    let late = wage_line("2027-01", 4, &format!("{keys}\nstart_month = 3"), "");
    assert_eq!(cents(late), cents(month_wage * 1.1));
}

/// Without `wage_indexation` the wage follows the wage growth the model knows: the preset's
/// (3% in nl-2026) or `[scenario] wage_growth_per_year`; a rate of 0 keeps it flat.
#[test]
fn wage_indexation_defaults_to_the_wage_growth_of_preset_or_scenario() {
    let month_wage = 20.0 * 52.0 / 12.0 * 1.08 * 15.0;
    let january_step = |placement_extra: &str, growth: Option<&str>| {
        let text = scenario(13, 1, placement_extra, "");
        let text = match growth {
            Some(g) => text.replace(
                "discount_rate = 0.05",
                &format!("discount_rate = 0.05\nwage_growth_per_year = {g}"),
            ),
            None => text,
        };
        let m = model(&text);
        let total = baseline(&run(&m, 1)).lines["wage"];
        (m.placements[0].wage_indexation, total - 12.0 * month_wage)
    };
    let (preset, january) = january_step("", None);
    assert_eq!(
        preset,
        Some(inclusim::model::WageIndexation {
            per_year: 0.03,
            month: 1
        })
    );
    assert_eq!(cents(january), cents(month_wage * 1.03));
    let (scenario_growth, january) = january_step("", Some("0.05"));
    assert_eq!(scenario_growth.map(|w| w.per_year), Some(0.05));
    assert_eq!(cents(january), cents(month_wage * 1.05));
    let (_, january) = january_step("wage_indexation = 0", Some("0.05"));
    assert_eq!(cents(january), cents(month_wage));
    // The legal minimum wage has no indexation of its own: it follows the rates.
    let wml = model(&scenario(13, 1, "", "").replace("wage = 15.0", "wage = \"wml\""));
    assert_eq!(wml.placements[0].wage_indexation, None);
}

/// The sick-pay floor of BW 7:629 compares the minimum wage with the raised wage: with a
/// first-year share of 0 the employer pays exactly the minimum wage for the absent hours,
/// before and after the raise (not the minimum wage times the raise).
#[test]
fn sick_pay_floor_uses_the_indexed_wage() {
    // Sick from month 0 for 100 months; raised by 10% in July 2027 (t = 6).
    let sick = "capacity = { typical = 1, sick_start_probability = 1, sick_months = 100 }\nsick_pay = { first_year = 0, second_year = 0 }\nwage_indexation = 0.10\nwage_indexation_month = 7";
    let text = |horizon| scenario(horizon, 1, sick, "").replace("wage = 15.0", "wage = 20.0");
    let m = model(&text(7));
    let wml_hour = |month| {
        m.rates.get(
            inclusim::rates::Figure::MinWageHour,
            inclusim::calendar::YearMonth::new(2027, month).expect("month"),
        )
    };
    let wage = |horizon| baseline(&run(&model(&text(horizon)), 1)).lines["wage"];
    let contract = 20.0 * 52.0 / 12.0;
    assert_eq!(cents(wage(6) - wage(5)), cents(contract * wml_hour(6) * 1.08));
    assert_eq!(cents(wage(7) - wage(6)), cents(contract * wml_hour(7) * 1.08));
}

fn mean_productivity_at(s: &inclusim::stats::Summary, month: usize) -> f64 {
    baseline(s).monthly[month - 1]
        .mean_productivity
        .unwrap_or(f64::NAN)
}

#[test]
fn peak_with_low_availability_lowers_coverage_and_slows_the_ramp() {
    let high_need = "supervision = { initial_hours_per_week = 9, steady_hours_per_week = 4, halving_months = 12, supervisor_cost = 40, available_hours_per_week = 10 }";
    let base = scenario(12, 2, "", "").replace(
        "supervision = { initial_hours_per_week = 5, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 40, available_hours_per_week = 10 }",
        high_need,
    );
    let peaked =
        format!("{base}\n[[peak]]\nmonths = [\"jan\", \"feb\", \"mar\"]\nsupervision_availability = 0.5\n");
    let calm = run(&model(&base), 1);
    let peak = run(&model(&peaked), 1);
    assert!(
        baseline(&peak).supervision_hours_mean < baseline(&calm).supervision_hours_mean - 1.0,
        "less supervision is given in the peak"
    );
    assert!(
        mean_productivity_at(&peak, 6) < mean_productivity_at(&calm, 6) - 0.01,
        "the ramp is slower: {} vs {}",
        mean_productivity_at(&peak, 6),
        mean_productivity_at(&calm, 6)
    );
    // The peak months are January to March: in month 1 coverage is 5/9, not 1.
    assert!(mean_productivity_at(&peak, 1) == mean_productivity_at(&calm, 1));
}

#[test]
fn higher_shortfall_factor_lowers_retention() {
    let with = |k: f64| {
        let extra = format!(
            "dropout = {{ monthly = 0.02, shortfall_factor = {k} }}\nsupervision = {{ initial_hours_per_week = 8, steady_hours_per_week = 4, halving_months = 6, supervisor_cost = 40, available_hours_per_week = 3 }}"
        );
        let text = scenario(24, 4000, &extra, "").replace(
            "supervision = { initial_hours_per_week = 5, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 40, available_hours_per_week = 10 }\n",
            "",
        );
        baseline(&run(&model(&text), 0)).clone()
    };
    let (low, high) = (with(0.0), with(4.0));
    let gap = low.retention_at_horizon - high.retention_at_horizon;
    let se = (low.retention_at_horizon_se.powi(2) + high.retention_at_horizon_se.powi(2)).sqrt();
    assert!(
        gap > 4.0 * se,
        "retention {} vs {}",
        low.retention_at_horizon,
        high.retention_at_horizon
    );
}

#[test]
fn pay_by_worked_hours_lowers_wage_cost_when_capacity_drops() {
    let cap = "capacity = { typical = 0.7, volatility = 0.6, persistence = 0.5 }";
    let contract = run(&model(&scenario(12, 200, cap, "")), 0);
    let worked = run(
        &model(&scenario(12, 200, &format!("{cap}\npay_basis = \"worked\""), "")),
        0,
    );
    let (c, w) = (baseline(&contract).lines["wage"], baseline(&worked).lines["wage"]);
    assert!(w < 0.8 * c, "wage by worked hours {w} vs by contract {c}");
    // Production does not depend on how pay is computed (same draws).
    assert_eq!(
        baseline(&contract).lines["production_value"],
        baseline(&worked).lines["production_value"]
    );
}

#[test]
fn sick_spells_with_full_sick_pay_cost_wage_but_produce_nothing() {
    // Always sick: a spell of 100 months starts in month 1.
    let sick = "capacity = { typical = 1.0, sick_start_probability = 1.0, sick_months = 100 }\nsick_pay = { first_year = 1.0, second_year = 1.0 }";
    let s = run(&model(&scenario(6, 2, sick, "")), 1);
    let a = baseline(&s);
    assert_eq!(a.lines["production_value"], 0.0);
    assert_eq!(a.lines["supervision"], 0.0, "no supervision needed while absent");
    let contract = 20.0 * 52.0 / 12.0;
    assert_eq!(cents(a.lines["wage"]), cents(6.0 * contract * 15.0 * 1.08));
    assert_eq!(a.sick_months_mean, 6.0);
    // With a 70% second-year share nothing changes inside the first year.
    let s70 = run(
        &model(&scenario(
            6,
            2,
            &sick.replace("second_year = 1.0", "second_year = 0.7"),
            "",
        )),
        1,
    );
    assert_eq!(baseline(&s70).lines["wage"], a.lines["wage"]);
}

#[test]
fn placements_sharing_a_pool_get_less_coverage_than_alone() {
    let pooled = |count: u32| {
        let text = scenario(
            12,
            2,
            &format!("count = {count}"),
            "[[pool]]\nname = \"team\"\navailable_hours_per_week = 6\n",
        )
        .replace("available_hours_per_week = 10 }", "pool = \"team\" }");
        run(&model(&text), 1)
    };
    let alone = pooled(1);
    let shared = pooled(3);
    // Alone, 6 hours cover the need (5 at most); three workers need 15 in month 1.
    assert!(mean_productivity_at(&shared, 6) < mean_productivity_at(&alone, 6) - 0.01);
    let per_worker_hours = baseline(&shared).supervision_hours_mean / 3.0;
    assert!(per_worker_hours < baseline(&alone).supervision_hours_mean - 1.0);
}

#[test]
fn share_of_sick_months_matches_p_sick() {
    // Spells of exactly one month: each month is independently a sick month with p.
    let p: f64 = 0.1;
    let text = scenario(
        24,
        5000,
        &format!("capacity = {{ typical = 1.0, sick_start_probability = {p}, sick_months = 1 }}"),
        "",
    );
    let s = run(&model(&text), 0);
    let months = 24.0 * 5000.0;
    let share = baseline(&s).sick_months_mean / 24.0;
    let se = (p * (1.0 - p) / months).sqrt();
    assert!((share - p).abs() < 4.0 * se, "share {share} vs {p} (se {se})");
}

#[test]
fn retention_with_only_dropout_follows_geometric_survival() {
    let q: f64 = 0.03;
    let n = 20_000;
    let text = scenario(24, n, &format!("dropout = {{ monthly = {q} }}"), "");
    let s = run(&model(&text), 0);
    let a = baseline(&s);
    for m in [1usize, 6, 12, 24] {
        // Active in month m means the m − 1 earlier end-of-month draws were survived.
        let expected = (1.0 - q).powi(m as i32 - 1);
        let se = (expected * (1.0 - expected) / f64::from(n)).sqrt().max(1e-9);
        let got = a.monthly[m - 1].share_active;
        assert!(
            (got - expected).abs() < 4.0 * se,
            "month {m}: {got} vs {expected}"
        );
    }
    let expected = (1.0 - q).powi(24);
    let se = (expected * (1.0 - expected) / f64::from(n)).sqrt();
    assert!((a.retention_at_horizon - expected).abs() < 4.0 * se);
}

#[test]
fn summary_is_identical_for_any_thread_count() {
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let mut m = model(&text);
    m.iterations = 3000;
    let one = inclusim::export::json::summary(&run(&m, 1)).unwrap();
    let two = inclusim::export::json::summary(&run(&m, 2)).unwrap();
    let three = inclusim::export::json::summary(&run(&m, 3)).unwrap();
    assert_eq!(one, two);
    assert_eq!(one, three);
}

fn npvs(m: &inclusim::model::Model, iterations: u64, threads: usize) -> Vec<f64> {
    outcomes(m, iterations, threads).iter().map(|o| o.npv).collect()
}

#[test]
fn iterations_do_not_depend_on_run_length_or_threads() {
    // A run split into shards gives the same iterations: iteration i is a function of
    // (scenario, seed, i) only.
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let m = model(&text);
    let short = npvs(&m, 700, 2);
    let long = npvs(&m, 1500, 1);
    assert_eq!(short.len(), 700 * m.arrangements.len());
    assert_eq!(short[..], long[..short.len()]);
}

#[test]
fn sick_pay_in_the_first_year_is_at_least_the_minimum_wage() {
    // BW 7:629: 70% of the wage, but at least the minimum wage in the first year. At the
    // minimum wage a 70% share still pays the full minimum wage.
    let sick = "capacity = { typical = 1.0, sick_start_probability = 1.0, sick_months = 100 }\nsick_pay = { first_year = 0.7, second_year = 0.7 }";
    let at_wml = scenario(6, 2, sick, "").replace("wage = 15.0", "wage = \"wml\"");
    let s = run(&model(&at_wml), 1);
    let healthy = run(
        &model(&scenario(6, 2, "", "").replace("wage = 15.0", "wage = \"wml\"")),
        1,
    );
    assert_eq!(
        cents(baseline(&s).lines["wage"]),
        cents(baseline(&healthy).lines["wage"])
    );
    // Far above the minimum wage, the 70% share applies.
    let high = scenario(6, 2, sick, "").replace("wage = 15.0", "wage = 40.0");
    let high_healthy = scenario(6, 2, "", "").replace("wage = 15.0", "wage = 40.0");
    let (s, h) = (run(&model(&high), 1), run(&model(&high_healthy), 1));
    assert_eq!(
        cents(baseline(&s).lines["wage"]),
        cents(0.7 * baseline(&h).lines["wage"])
    );
}

#[test]
fn line_means_carry_their_monte_carlo_standard_error() {
    // A one-off amount drawn uniformly on 0..1200: sd = 1200/√12, so the mean's standard
    // error is that over √n.
    let n = 4000;
    let extra = "\n[[placement.benefit]]\nname = \"bonus\"\namount = { dist = \"uniform\", min = 0, max = 1200 }\nat_month = 0";
    let s = run(&model(&scenario(3, n, extra, "")), 0);
    let a = baseline(&s);
    let expected = 1200.0 / 12f64.sqrt() / f64::from(n).sqrt();
    assert!(
        (a.lines_mcse["bonus"] / expected - 1.0).abs() < 0.1,
        "{} vs {expected}",
        a.lines_mcse["bonus"]
    );
    assert!(
        a.lines_mcse["wage"] < 1e-3,
        "a constant line has no Monte Carlo error"
    );
    assert!((a.lines["bonus"] - 600.0).abs() < 4.0 * expected);
}

#[test]
fn a_pool_of_one_gives_what_own_supervisors_give() {
    // Without pools the engine runs copy by copy; with a pool, month by month (the pool's
    // hours are divided among the copies each month). A pool that only one worker uses, with
    // the hours the worker's own supervisors have, must give the same futures, instruments,
    // sickness, peaks and dropout included.
    let own = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let pooled = own.replace("available_hours_per_week = 8 }", "pool = \"team\" }")
        + "\n[[pool]]\nname = \"team\"\navailable_hours_per_week = 8\n";
    assert_ne!(own, pooled);
    let (own, pooled) = (model(&own), model(&pooled));
    assert!(own.pools.is_empty() && pooled.pools.len() == 1);
    let (a, b) = (npvs(&own, 400, 1), npvs(&pooled, 400, 1));
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert!(
            (x - y).abs() <= 1e-9 * x.abs().max(1.0),
            "outcome {i}: {x} vs {y}"
        );
    }
}

#[test]
fn arrangements_that_supervise_alike_share_one_course() {
    // The supermarket compares the baseline, two LKS arrangements and detachering, where the
    // provider covers 30% of the supervision need: two physical courses.
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let m = model(&text);
    let plan = inclusim::sim::engine::Plan::new(&m).unwrap();
    let names: Vec<&str> = m.arrangements.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names[3], "Detachering");
    assert_eq!(plan.courses.len(), 2);
    assert_eq!(plan.arrangement_course, [0, 0, 0, 1]);
    assert_eq!(plan.courses[1].employer_share, 0.7);

    // In every iteration the arrangements of one course keep and lose the worker in the same
    // months and give the same supervision; detachering gives more supervision (the
    // provider's share comes on top of what the employer's supervisors can give).
    let outcomes = outcomes(&m, 300, 1);
    let physical = |o: &crate::util::Outcome| {
        (
            o.retained,
            o.months_active,
            o.final_productivity,
            o.supervision_hours,
            o.sick_months,
        )
    };
    let mut more_supervision = 0;
    for it in outcomes.chunks(4) {
        assert_eq!(physical(&it[0]), physical(&it[1]));
        assert_eq!(physical(&it[0]), physical(&it[2]));
        assert_ne!(it[0].npv, it[1].npv, "the money differs");
        if it[3].supervision_hours > it[0].supervision_hours * (1.0 + 1e-12) {
            more_supervision += 1;
        }
    }
    assert!(more_supervision > 0, "detachering follows its own course");
}

#[test]
fn an_arrangement_comes_out_the_same_alone_or_beside_others() {
    // A copy's months are computed when the first course reaches them and reused by the
    // others, so which arrangements run beside one another, and in which order, must not
    // change any of them: each bundled scenario's arrangements are run together and one by
    // one (the built-in baseline alone; each other arrangement with `baseline = false`).
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let full = model(&text);
        let together = outcomes(&full, 200, 1);
        let n = full.arrangements.len();
        let table: toml::Table = text.parse().unwrap();
        let arrangements = table["arrangement"].as_array().unwrap().clone();
        for (i, a) in full.arrangements.iter().enumerate() {
            let mut single = table.clone();
            single.remove("expect");
            single.remove("arrangement");
            if !a.is_baseline {
                let raw = arrangements
                    .iter()
                    .find(|r| r["name"].as_str() == Some(&a.name))
                    .unwrap();
                single.insert("arrangement".into(), toml::Value::Array(vec![raw.clone()]));
                single["scenario"]
                    .as_table_mut()
                    .unwrap()
                    .insert("baseline".into(), toml::Value::Boolean(false));
            }
            let alone = outcomes(&model(&toml::to_string(&single).unwrap()), 200, 1);
            assert_eq!(alone.len(), 200);
            for (it, o) in alone.iter().enumerate() {
                assert_eq!(
                    *o,
                    together[it * n + i],
                    "{}: {} in iteration {it}",
                    path.display(),
                    a.name
                );
            }
        }
    }
}

#[test]
fn the_same_instrument_input_in_two_arrangements_draws_the_same_numbers() {
    // A second detachering arrangement with the same uncertain tariff, added after the
    // others: common random numbers give it the very same tariff draws, so it comes out
    // identical to the first in every iteration (with draws taken in model order from one
    // stream it would get the next draw instead).
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let mut table: toml::Table = text.parse().unwrap();
    table.remove("expect");
    let arrangements = table["arrangement"].as_array_mut().unwrap();
    let mut again = arrangements[2].as_table().unwrap().clone();
    assert_eq!(again["name"].as_str(), Some("Detachering"));
    again.insert("name".into(), "Detachering, again".into());
    arrangements.push(again.into());
    let m = model(&toml::to_string(&table).unwrap());
    assert_eq!(m.arrangements.len(), 5);
    assert_eq!(m.instrument_inputs.len(), 2);
    assert_eq!(m.instrument_streams[0], m.instrument_streams[1]);
    let all = outcomes(&m, 200, 1);
    for it in all.chunks(5) {
        assert_eq!(it[3], it[4]);
    }
    // The tariff is uncertain: the draws differ between iterations.
    assert_ne!(all[3].npv, all[8].npv);
}
