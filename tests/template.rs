//! `[placement_template.NAME]`: a placement that starts from a template runs exactly as the
//! same placement written out. (Bad templates: `tests/fixtures/bad/template-*.toml`.)

use crate::util::{model, run};

/// The summary as JSON without the lines that name the scenario file's digest.
fn summary_without_digest(text: &str, iterations: &str) -> String {
    let text = text.replace("iterations = 4000", iterations);
    let json = inclusim::export::json::summary(&run(&model(&text), 2)).unwrap();
    String::from_utf8(json)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("scenario_sha256") && !l.contains("\"run\":"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_bundled_top_academy_with_a_template_runs_as_written_out() {
    let templated = std::fs::read_to_string("scenarios/top-academy-logistiek.toml").unwrap();
    let written_out = std::fs::read_to_string("tests/fixtures/top-academy-written-out.toml").unwrap();
    assert!(templated.contains("[placement_template.leerling]"));
    assert!(!written_out.contains("template"));
    let a = summary_without_digest(&templated, "iterations = 200");
    let b = summary_without_digest(&written_out, "iterations = 200");
    assert!(a.len() > 1000);
    assert_eq!(a, b);
}

const BASE: &str = r#"
[scenario]
name = "groups"
start = "2027-01"
horizon_months = 24
iterations = 4000
seed = 3

[placement_template.basis]
hours_per_week = 20
wage = "wml"
value_per_productive_hour = 25
productivity = { start = 0.3, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 30, available_hours_per_week = 8 }
dropout = { monthly = 0.01 }

[placement_template.later]
template = "basis"
start_month = 3
productivity = { target = 0.7 }

[[placement]]
name = "a"
template = "basis"
count = 2

[[placement]]
name = "b"
template = "later"
dropout = { shortfall_factor = 2 }
"#;

const WRITTEN_OUT: &str = r#"
[scenario]
name = "groups"
start = "2027-01"
horizon_months = 24
iterations = 4000
seed = 3

[[placement]]
name = "a"
count = 2
hours_per_week = 20
wage = "wml"
value_per_productive_hour = 25
productivity = { start = 0.3, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 30, available_hours_per_week = 8 }
dropout = { monthly = 0.01 }

[[placement]]
name = "b"
start_month = 3
hours_per_week = 20
wage = "wml"
value_per_productive_hour = 25
productivity = { start = 0.3, target = 0.7, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 30, available_hours_per_week = 8 }
dropout = { monthly = 0.01, shortfall_factor = 2 }
"#;

#[test]
fn a_template_of_a_template_merges_key_tables_key_by_key() {
    let a = summary_without_digest(BASE, "iterations = 300");
    let b = summary_without_digest(WRITTEN_OUT, "iterations = 300");
    assert_eq!(a, b);
    // Not vacuous: another target gives another summary.
    let c = summary_without_digest(
        &WRITTEN_OUT.replace("target = 0.7", "target = 0.9"),
        "iterations = 300",
    );
    assert_ne!(a, c);
}

#[test]
fn set_reaches_a_key_that_only_the_template_writes() {
    use inclusim::scenario::edit::{Setting, parse_with};
    let text = std::fs::read_to_string("scenarios/top-academy-logistiek.toml")
        .unwrap()
        .replace("iterations = 4000", "iterations = 100");
    let summary = |m: &inclusim::model::Model| {
        String::from_utf8(inclusim::export::json::summary(&run(m, 1)).unwrap()).unwrap()
    };
    let set = |arg: &str| {
        let s = Setting::parse(arg).unwrap();
        summary(&parse_with(std::path::Path::new("t.toml"), &text, &[s]).unwrap())
    };
    let by_hand = text.replace(
        "worker = { age = 17, group = \"vso\" }",
        "worker = { age = 17, group = \"vso\" }\nlearning = { months = 20 }",
    );
    let by_hand = parse_with(std::path::Path::new("t.toml"), &by_hand, &[]).unwrap();
    let one_group = set("placement.vso.learning.months=20");
    let digest = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("sha256"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        digest(&one_group) == digest(&summary(&by_hand)),
        "--set differs from the file"
    );
    // For every group, through the template: another result again.
    let every_group = set("placement_template.leerling.learning.months=20");
    assert!(
        digest(&every_group) != digest(&one_group),
        "the template's key is set for all"
    );
}
