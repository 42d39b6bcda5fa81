//! Support that belongs to an arrangement: a jobcoach who changes the course, placement keys
//! set anew, the arrangement's own lines, instruments scoped to placements, and the common
//! random numbers under all of it.

use crate::util::{arrangement, cents, model, outcomes, run, scenario};
use inclusim::stats::summary::ArrangementSummary;

fn errors(text: &str) -> Vec<String> {
    match inclusim::scenario::parse(std::path::Path::new("t.toml"), text) {
        Ok(_) => Vec::new(),
        Err(diags) => diags.iter().map(ToString::to_string).collect(),
    }
}

/// The line of `needle` in `text`, 1-based.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[test]
fn a_jobcoach_who_takes_over_all_supervision_gives_full_coverage_without_a_supervisor() {
    // The werkbegeleider has no time at all; the jobcoach's hours take over the whole need
    // (share 1, far more hours than needed), so the worker learns as if fully supervised.
    let text = scenario(12, 3, "", "")
        .replace("available_hours_per_week = 10", "available_hours_per_week = 0")
        + r#"
[[arrangement]]
name = "jobcoach"
jobcoach = { tariff_per_hour = 50, hours_per_month = 1000, supervision_share = 1 }
"#;
    let s = run(&model(&text), 1);
    let weeks = 52.0 / 12.0;
    let contract = 20.0 * weeks;
    let (mut value, mut npv) = (0.0, 0.0);
    for t in 0..12 {
        let productivity = 0.3 + 0.5 * (1.0 - 0.1f64.powf(t as f64 / 6.0));
        let v = contract * productivity * 30.0;
        let w = contract * 15.0 * 1.08;
        let coach = 1000.0 * 50.0;
        value += v;
        npv += (v - w - 0.2 * w - coach) / 1.05f64.powf((t + 1) as f64 / 12.0);
    }
    let a = arrangement(&s, "jobcoach");
    assert_eq!(cents(a.lines["production_value"]), cents(value));
    assert_eq!(cents(a.lines["supervision"]), 0);
    assert_eq!(cents(a.lines["jobcoach"]), cents(12.0 * 1000.0 * 50.0));
    assert_eq!(cents(a.npv.mean), cents(npv));
    assert_eq!(a.supervision_hours_mean, 0.0, "no werkbegeleider hours");
    // Without the jobcoach nothing is covered and the worker stays at the start.
    let none = arrangement(&s, "no support");
    assert_eq!(
        cents(none.lines["production_value"]),
        cents(12.0 * contract * 0.3 * 30.0)
    );
}

/// A placement whose werkbegeleider has too little time, with dropout that a shortfall
/// raises, and a jobcoach arrangement beside it.
fn short_of_supervision(iterations: u32, coach: &str) -> String {
    scenario(
        24,
        iterations,
        "dropout = { monthly = 0.03, shortfall_factor = 2 }\ncapacity = { typical = 0.9, volatility = 0.4, persistence = 0.5 }",
        &format!("[[arrangement]]\nname = \"jobcoach\"\njobcoach = {{ {coach} }}\n"),
    )
    .replace("available_hours_per_week = 10", "available_hours_per_week = 2")
}

#[test]
fn a_jobcoach_raises_retention_and_lowers_the_werkbegeleider_hours() {
    let text = short_of_supervision(
        20_000,
        "tariff_per_hour = 80, hours_per_month = 16, supervision_share = 0.5, dropout_factor = 0.7",
    );
    let s = run(&model(&text), 0);
    let (none, coach) = (arrangement(&s, "no support"), arrangement(&s, "jobcoach"));
    let se = (none.retention_at_horizon_se.powi(2) + coach.retention_at_horizon_se.powi(2)).sqrt();
    assert!(
        coach.retention_at_horizon > none.retention_at_horizon + 4.0 * se,
        "retention {} vs {} (se {se})",
        coach.retention_at_horizon,
        none.retention_at_horizon
    );
    // Per month worked the werkbegeleider gives less: the jobcoach takes part of the need.
    let per_month = |a: &ArrangementSummary| a.supervision_hours_mean / a.months_active_mean;
    assert!(per_month(coach) < per_month(none) * 0.9);
    assert!(coach.lines["jobcoach"] > 0.0 && none.lines.get("jobcoach").copied().unwrap_or(0.0) == 0.0);
}

#[test]
fn each_jobcoach_effect_moves_its_own_outcome() {
    // Dropout factor alone (no supervision taken over): only retention moves.
    let text = short_of_supervision(
        20_000,
        "tariff_per_hour = 80, hours_per_month = 16, supervision_share = 0, dropout_factor = 0.5",
    );
    let s = run(&model(&text), 0);
    let (none, coach) = (arrangement(&s, "no support"), arrangement(&s, "jobcoach"));
    let se = (none.retention_at_horizon_se.powi(2) + coach.retention_at_horizon_se.powi(2)).sqrt();
    assert!(coach.retention_at_horizon > none.retention_at_horizon + 4.0 * se);
    // Learning factor alone: the same supervision, faster ramp-up, in every iteration.
    let text = short_of_supervision(
        200,
        "tariff_per_hour = 80, hours_per_month = 16, supervision_share = 0, dropout_factor = 1, learning_factor = 1.5",
    );
    let m = model(&text);
    let mut faster = 0;
    for it in outcomes(&m, 200, 1).chunks(2) {
        let (none, coach) = (&it[0], &it[1]);
        assert_eq!(none.months_active, coach.months_active, "dropout unchanged");
        if coach.final_productivity > none.final_productivity {
            faster += 1;
        }
        assert!(coach.final_productivity >= none.final_productivity);
    }
    assert!(faster > 150, "{faster} of 200");
}

#[test]
fn coaching_stops_after_max_months_and_follows_the_norm() {
    let text = scenario(
        24,
        2,
        "",
        "[[arrangement]]\nname = \"jobcoach\"\njobcoach = { tariff_per_hour = 60, hours_per_month = \"norm\", max_months = 6 }\n",
    );
    let s = run(&model(&text), 1);
    // Norm year 1: 15% of the worked hours (capacity 1: all contract hours), six months.
    let contract = 20.0 * 52.0 / 12.0;
    assert_eq!(
        cents(arrangement(&s, "jobcoach").lines["jobcoach"]),
        cents(6.0 * 0.15 * contract * 60.0)
    );
}

#[test]
fn more_werkbegeleider_hours_give_more_coverage_in_a_peak() {
    let text = scenario(
        12,
        2,
        "",
        r#"[[peak]]
months = [2, 3, 4]
supervision_availability = 0.2

[[arrangement]]
name = "more time"
placement = { supervision = { available_hours_per_week = 25 } }
"#,
    );
    let m = model(&text);
    for it in outcomes(&m, 2, 1).chunks(2) {
        let (none, more) = (&it[0], &it[1]);
        // In the peak the baseline gets 2 of its up to 5 hours; with 25 × 0.2 = 5 the need is
        // covered, so more hours are given and the worker learns faster.
        assert!(more.supervision_hours > none.supervision_hours);
        assert!(more.final_productivity > none.final_productivity);
    }
    let s = run(&m, 1);
    let (none, more) = (arrangement(&s, "no support"), arrangement(&s, "more time"));
    assert!(more.monthly[4].mean_productivity > none.monthly[4].mean_productivity);
}

#[test]
fn setting_hours_per_week_anew_is_the_same_as_a_scenario_with_that_value() {
    // Uncertain inputs elsewhere, so the draws matter.
    let placement = r#"capacity = { typical = { dist = "pert", min = 0.6, mode = 0.85, max = 1.0 }, volatility = 0.3, persistence = 0.6, sick_start_probability = 0.03, sick_months = { dist = "lognormal", mean = 1.5, sd = 1.0 } }
dropout = { monthly = 0.02, shortfall_factor = 1.5 }"#;
    let changed = scenario(
        24,
        300,
        placement,
        "[[arrangement]]\nname = \"32 hours\"\nplacement = { hours_per_week = 32 }\n",
    );
    let separate = scenario(24, 300, placement, "").replace("hours_per_week = 20", "hours_per_week = 32");
    let with_change = outcomes(&model(&changed), 300, 1);
    let alone = outcomes(&model(&separate), 300, 1);
    for (it, o) in alone.iter().enumerate() {
        assert_eq!(*o, with_change[it * 2 + 1], "iteration {it}");
        assert_ne!(o.npv, with_change[it * 2].npv);
    }
}

#[test]
fn with_or_without_a_jobcoach_the_paired_difference_is_far_more_precise() {
    // The supermarket scenario (uncertain value, productivity, capacity, sickness, dropout)
    // with a jobcoach arrangement beside the baseline.
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let mut table: toml::Table = text.parse().unwrap();
    table.remove("expect");
    let coach: toml::Table = "name = \"jobcoach\"\njobcoach = { tariff_per_hour = 80, hours_per_month = 12, supervision_share = 0.5, dropout_factor = 0.8 }"
        .parse()
        .unwrap();
    table.insert("arrangement".into(), toml::Value::Array(vec![coach.into()]));
    let mut m = model(&toml::to_string(&table).unwrap());
    m.iterations = 4000;
    let paired = run(&m, 0);
    let cmp = paired
        .comparisons
        .iter()
        .find(|c| (c.a == "jobcoach" && c.b == "no support") || (c.a == "no support" && c.b == "jobcoach"))
        .expect("a comparison");
    let paired_half = (cmp.ci95[1] - cmp.ci95[0]) / 2.0;
    m.seed = 1001;
    let other = run(&m, 0);
    let (a, b) = (
        arrangement(&paired, "no support"),
        arrangement(&other, "jobcoach"),
    );
    let independent_half = 1.96 * (a.npv.mcse.powi(2) + b.npv.mcse.powi(2)).sqrt();
    // The difference itself varies (the jobcoach bills every month the worker stays, and
    // how long that is differs from future to future), so pairing removes the noise of the
    // placement's inputs, not all of it: about 2.2× narrower here (±261 against ±567).
    assert!(
        paired_half * 2.0 < independent_half,
        "paired ±{paired_half:.0} vs independent ±{independent_half:.0}"
    );
}

#[test]
fn arrangements_with_the_same_support_share_a_variant_and_a_course() {
    let coach = "jobcoach = { tariff_per_hour = 80, hours_per_month = 16 }";
    let text = scenario(
        12,
        10,
        "",
        &format!(
            "[[arrangement]]\nname = \"a\"\n{coach}\n\n[[arrangement]]\nname = \"b\"\n{coach}\ninstruments = [{{ kind = \"jobcoach_funding\", payer = \"uwv\" }}]\n\n[[arrangement]]\nname = \"c\"\n"
        ),
    );
    let m = model(&text);
    let variants: Vec<usize> = m.arrangements.iter().map(|a| a.variant).collect();
    assert_eq!(variants, [0, 1, 1, 0]);
    let plan = inclusim::sim::engine::Plan::new(&m).unwrap();
    assert_eq!(plan.arrangement_course, [0, 1, 1, 0]);
    for it in outcomes(&m, 10, 1).chunks(4) {
        assert_eq!(it[1].supervision_hours, it[2].supervision_hours);
        assert_eq!(it[1].lines[4], it[2].lines[4], "the same jobcoach cost");
        assert_eq!(it[0].npv, it[3].npv);
    }
}

#[test]
fn a_scoped_instrument_books_nothing_for_the_other_placements() {
    let text = scenario(
        12,
        2,
        "",
        r#"[[placement]]
name = "leerling"
hours_per_week = 16
wage = 10.0
value_per_productive_hour = 20
productivity = { start = 0.3, target = 0.6, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 40, available_hours_per_week = 10 }

[[arrangement]]
name = "startbonus for the pupil"
instruments = [{ kind = "grant", name = "startbonus", amount = 1000, per = "one_off", payer = "gemeente", placements = ["leerling"] }]

[[arrangement]]
name = "startbonus for both"
instruments = [{ kind = "grant", name = "startbonus", amount = 1000, per = "one_off", payer = "gemeente" }]
"#,
    );
    let s = run(&model(&text), 1);
    assert_eq!(
        cents(arrangement(&s, "startbonus for the pupil").lines["startbonus"]),
        100_000
    );
    assert_eq!(
        cents(arrangement(&s, "startbonus for both").lines["startbonus"]),
        200_000
    );
}

#[test]
fn an_arrangement_cost_line_is_booked_and_can_be_refunded() {
    let text = scenario(
        12,
        2,
        "",
        r#"[[arrangement]]
name = "werkplekaanpassing"
placement = { capacity = { typical = 1.0, sick_start_probability = 0.0 } }
instruments = [{ kind = "workplace_adaptation", cost_line = "aangepaste_stoel", share = 1.0, payer = "uwv" }]

[[arrangement.cost]]
name = "aangepaste_stoel"
amount = 1200
at_month = 0
"#,
    );
    let s = run(&model(&text), 1);
    let a = arrangement(&s, "werkplekaanpassing");
    assert_eq!(cents(a.lines["aangepaste_stoel"]), 120_000);
    assert_eq!(cents(a.lines["workplace_adaptation"]), 120_000);
    assert!(
        !arrangement(&s, "no support")
            .lines
            .contains_key("aangepaste_stoel")
    );
}

#[test]
fn changes_are_checked_like_the_placement_and_reported_where_the_arrangement_writes_them() {
    let base = scenario(12, 2, "", "");
    let text = format!("{base}[[arrangement]]\nname = \"x\"\nplacement = {{ hours_per_week = -3 }}\n");
    let e = errors(&text);
    let line = line_of(&text, "hours_per_week = -3");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(&format!("t.toml:{line}:"))
            && e[0].contains("arrangement[0] \"x\" .placement.hours_per_week: -3 is not allowed"),
        "{e:?}"
    );

    let text = format!(
        "{base}[[arrangement]]\nname = \"x\"\njobcoach = {{ tariff_per_hour = 80, hours_per_month = 8, dropout_factor = -1 }}\n"
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains(".jobcoach.dropout_factor: -1 is not allowed"),
        "{e:?}"
    );

    let text = format!("{base}[[arrangement]]\nname = \"x\"\nplacement = {{ hours_per_wek = 30 }}\n");
    let e = errors(&text);
    assert!(e[0].contains("unknown key `hours_per_wek`"), "{e:?}");

    let text = format!("{base}[[arrangement]]\nname = \"x\"\nplacement = {{ name = \"y\" }}\n");
    assert!(errors(&text)[0].contains("`name` identifies the placement"));

    let text = format!("{base}[[arrangement]]\nname = \"x\"\nplacements = [\"wroker\"]\njobcoach = false\n");
    let e = errors(&text);
    assert!(e[0].contains("unknown placement `wroker`"), "{e:?}");

    let text = format!(
        "{base}[[arrangement]]\nname = \"x\"\ninstruments = [{{ kind = \"detachering\", tariff_per_hour = 30, placements = [\"worker\"] }}]\n"
    );
    let e = errors(&text);
    assert!(
        e.iter().any(|e| e.contains("changes who employs or supervises")),
        "{e:?}"
    );
}

#[test]
fn jobcoach_false_turns_the_placements_jobcoach_off() {
    let text = scenario(
        12,
        2,
        "jobcoach = { tariff_per_hour = 60, hours_per_month = 10 }",
        "[[arrangement]]\nname = \"without\"\njobcoach = false\n",
    );
    let s = run(&model(&text), 1);
    assert_eq!(
        cents(arrangement(&s, "no support").lines["jobcoach"]),
        cents(12.0 * 600.0)
    );
    assert_eq!(
        arrangement(&s, "without")
            .lines
            .get("jobcoach")
            .copied()
            .unwrap_or(0.0),
        0.0
    );
}

#[test]
fn a_later_start_in_an_arrangement_is_the_same_as_a_scenario_that_starts_later() {
    let placement =
        "dropout = { monthly = 0.02 }\ncapacity = { typical = 0.9, volatility = 0.3, persistence = 0.5 }";
    let changed = scenario(
        24,
        100,
        placement,
        "[[arrangement]]\nname = \"later\"\nplacement = { start_month = 6 }\n",
    );
    let separate = scenario(24, 100, &format!("start_month = 6\n{placement}"), "");
    let with_change = outcomes(&model(&changed), 100, 1);
    let alone = outcomes(&model(&separate), 100, 1);
    for (it, o) in alone.iter().enumerate() {
        assert_eq!(*o, with_change[it * 2 + 1], "iteration {it}");
        assert!(o.months_active <= 18.0);
    }
}
