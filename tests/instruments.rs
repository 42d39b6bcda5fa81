//! Financing instruments inside the engine: the issue's properties, checked on whole runs.

use crate::util::{arrangement, cents, model, outcomes, run, scenario};
use inclusim::stats::summary::ArrangementSummary;
use proptest::prelude::*;

fn line(a: &ArrangementSummary, name: &str) -> f64 {
    a.lines.get(name).copied().unwrap_or(0.0)
}

/// Constant productivity (start = target), so that every assessment gives the same loonwaarde.
fn flat(productivity: f64) -> String {
    scenario(24, 50, "", "").replace(
        "productivity = { start = 0.3, target = 0.8, ramp_months = 6 }",
        &format!("productivity = {{ start = {productivity}, target = {productivity}, ramp_months = 6 }}"),
    )
}

fn with(text: &str, placement_extra: &str, arrangements: &str) -> String {
    text.replace(
        "[[placement]]\nname = \"worker\"",
        &format!("[[placement]]\nname = \"worker\"\n{placement_extra}"),
    ) + "\n"
        + arrangements
}

const PARTICIPATIEWET: &str = "worker = { benefit = \"participatiewet\", banenafspraak = true }";

#[test]
fn lks_is_the_same_whether_the_worker_is_sick_or_not() {
    let arrangements =
        "[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"lks\", assessment_noise_sd = 0 }]\n";
    let healthy = with(&flat(0.55), PARTICIPATIEWET, arrangements);
    let sick = with(
        &flat(0.55),
        &format!(
            "{PARTICIPATIEWET}\ncapacity = {{ typical = 0.9, sick_start_probability = 0.2, sick_months = 2 }}"
        ),
        arrangements,
    );
    let (h, s) = (run(&model(&healthy), 1), run(&model(&sick), 1));
    let (h, s) = (arrangement(&h, "lks"), arrangement(&s, "lks"));
    assert!(s.sick_months_mean > 1.0, "the sick case has sickness");
    assert!(line(h, "lks") > 0.0);
    assert_eq!(cents(line(h, "lks")), cents(line(s, "lks")));
}

#[test]
fn lks_books_nothing_for_a_worker_outside_the_participatiewet_and_says_so() {
    let text = with(
        &flat(0.55),
        "worker = { benefit = \"wajong\" }",
        "[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"lks\" }]\n",
    );
    let s = run(&model(&text), 1);
    let a = arrangement(&s, "lks");
    assert_eq!(line(a, "lks"), 0.0);
    assert_eq!(a.instruments[0].instrument, "lks");
    assert_eq!(a.instruments[0].ineligible_share, 1.0);
}

#[test]
fn loondispensatie_never_books_anything_above_75_percent_loonwaarde() {
    let arrangements = "[[arrangement]]\nname = \"ld\"\ninstruments = [{ kind = \"loondispensatie\" }]\n";
    let wajong = "worker = { benefit = \"wajong\" }";
    let high = run(&model(&with(&flat(0.9), wajong, arrangements)), 1);
    let a = arrangement(&high, "ld");
    let base = arrangement(&high, "no support");
    assert_eq!(line(a, "wajong_topup"), 0.0);
    assert_eq!(
        line(a, "wage"),
        line(base, "wage"),
        "the employer pays the full wage"
    );
    assert_eq!(a.instruments[0].ineligible_share, 1.0);
    // At 50% the employer pays half the wage and UWV tops up the rest.
    let low = run(&model(&with(&flat(0.5), wajong, arrangements)), 1);
    let (a, base) = (arrangement(&low, "ld"), arrangement(&low, "no support"));
    assert!((line(a, "wage") - 0.5 * line(base, "wage")).abs() < 0.01 * line(base, "wage"));
    assert!((line(a, "wajong_topup") - 0.5 * line(base, "wage")).abs() < 0.01 * line(base, "wage"));
}

#[test]
fn a_trial_month_has_no_wage_and_the_benefit_is_kept() {
    let arrangements = "[[arrangement]]\nname = \"trial\"\ninstruments = [{ kind = \"proefplaatsing\", months = 3, hire_threshold = 0.0, benefit_per_month = 1200, benefit_payer = \"gemeente\" }]\n";
    let s = run(&model(&with(&flat(0.5), "", arrangements)), 1);
    let (trial, base) = (arrangement(&s, "trial"), arrangement(&s, "no support"));
    let monthly_wage = 20.0 * 52.0 / 12.0 * 15.0 * 1.08;
    assert_eq!(
        cents(line(base, "wage") - line(trial, "wage")),
        cents(3.0 * monthly_wage)
    );
    assert_eq!(cents(line(trial, "benefit_kept")), 3 * 120_000);
    assert_eq!(trial.retention_at_horizon, 1.0, "a threshold of 0 always hires");
    let flows = trial
        .ledger
        .iter()
        .find(|f| f.lines.contains(&"benefit_kept".to_owned()))
        .unwrap();
    assert_eq!(
        (flows.payer.as_str(), flows.payee.as_str()),
        ("gemeente", "worker")
    );
}

#[test]
fn a_trial_that_does_not_hire_ends_the_placement() {
    let arrangements = "[[arrangement]]\nname = \"trial\"\ninstruments = [{ kind = \"proefplaatsing\", months = 2, hire_threshold = 0.99, benefit_per_month = 1000 }]\n";
    let s = run(&model(&with(&flat(0.5), "", arrangements)), 1);
    let trial = arrangement(&s, "trial");
    assert_eq!(trial.retention_at_horizon, 0.0);
    assert_eq!(trial.months_active_mean, 2.0);
    assert_eq!(line(trial, "wage"), 0.0);
}

#[test]
fn the_course_and_the_instruments_agree_on_every_hiring_decision() {
    // The course ends a trial without hiring; the trial instrument decides when the other
    // instruments start. Both take the same decision: in every future, LKS is paid exactly
    // when the worker was hired, and a worker not hired leaves after the trial's 3 months.
    let text = scenario(
        12,
        600,
        "dropout = { monthly = 0 }\nworker = { benefit = \"participatiewet\" }",
        "[[arrangement]]\nname = \"trial\"\ninstruments = [{ kind = \"proefplaatsing\", months = 3, hire_probability = 0.5, benefit_per_month = 1000 }, { kind = \"lks\" }]\n",
    );
    let m = model(&text);
    let plan = inclusim::sim::engine::Plan::new(&m).unwrap();
    let a = m.arrangements.iter().position(|a| a.name == "trial").unwrap();
    let lks = plan.books[a].lines.iter().position(|l| l.name == "lks").unwrap();
    let arrangements = m.arrangements.len();
    let trial: Vec<_> = outcomes(&m, 600, 1)
        .chunks(arrangements)
        .map(|it| it[a].clone())
        .collect();
    let hired = trial.iter().filter(|o| o.retained == 1.0).count();
    assert!(hired > 200 && hired < 400, "hired {hired} of 600");
    for o in &trial {
        if o.retained == 1.0 {
            assert!(o.lines[lks] > 0.0, "hired without LKS: {o:?}");
            assert_eq!(o.months_active, 12.0);
        } else {
            assert_eq!(o.lines[lks], 0.0, "LKS without hiring: {o:?}");
            assert_eq!(o.months_active, 3.0);
        }
    }
}

#[test]
fn loonwaarde_assessments_fall_every_reassess_months_from_hiring_plus_the_forfait_phase() {
    // Hired after a 3-month trial, 2 months of forfaitaire LKS, then an assessment every 6
    // months: tenure 5, 11, 17, 23, 29, 35 — six, each 2 supervisor hours at € 40.
    let text = scenario(
        36,
        20,
        "dropout = { monthly = 0 }\nworker = { benefit = \"participatiewet\" }",
        "[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"proefplaatsing\", months = 3, hire_threshold = 0.0, benefit_per_month = 1000 }, { kind = \"lks\", reassess_months = 6, forfaitaire_phase_months = 2, assessment_admin_hours = 2 }]\n",
    );
    let s = run(&model(&text), 1);
    assert_eq!(
        cents(line(arrangement(&s, "lks"), "lks_assessment")),
        6 * 2 * 40 * 100
    );
}

#[test]
fn hiring_probability_matches_on_common_draws() {
    let n = 4000;
    let text = with(
        &scenario(6, n, "", ""),
        "",
        "[[arrangement]]\nname = \"trial\"\ninstruments = [{ kind = \"proefplaatsing\", months = 2, hire_probability = 0.6, benefit_per_month = 1000 }]\n",
    );
    let s = run(&model(&text), 0);
    let p = arrangement(&s, "trial").retention_at_horizon;
    let se = (0.6f64 * 0.4 / f64::from(n)).sqrt();
    assert!((p - 0.6).abs() < 4.0 * se, "hired share {p}");
}

#[test]
fn only_the_highest_lkv_counts() {
    let both = "worker = { benefit = \"wia\", banenafspraak = true, arbeidsgehandicapt = true }";
    let lkv = |cats: &[&str]| {
        let list: Vec<String> = cats
            .iter()
            .map(|c| format!("{{ kind = \"lkv\", category = \"{c}\" }}"))
            .collect();
        let text = with(
            &flat(0.6),
            both,
            &format!(
                "[[arrangement]]\nname = \"lkv\"\ninstruments = [{}]\n",
                list.join(", ")
            ),
        );
        line(arrangement(&run(&model(&text), 1), "lkv"), "lkv")
    };
    let high = lkv(&["arbeidsgehandicapt"]);
    let low = lkv(&["banenafspraak"]);
    assert!(high > low && low > 0.0);
    assert_eq!(cents(lkv(&["banenafspraak", "arbeidsgehandicapt"])), cents(high));
}

#[test]
fn lkv_is_paid_the_following_september() {
    // 2027-01 start, 12 months: the 2027 LKV is paid in 2028-09, after the horizon, so the
    // cumulative net of the last month holds it but the line is booked in full.
    let worker = "worker = { arbeidsgehandicapt = true }";
    let text = with(
        &flat(0.6).replace("horizon_months = 24", "horizon_months = 12"),
        worker,
        "[[arrangement]]\nname = \"lkv\"\ninstruments = [{ kind = \"lkv\", category = \"arbeidsgehandicapt\" }]\n",
    );
    let s = run(&model(&text), 1);
    let (a, base) = (arrangement(&s, "lkv"), arrangement(&s, "no support"));
    let paid_hours: f64 = 12.0 * 20.0 * 52.0 / 12.0;
    assert_eq!(cents(line(a, "lkv")), cents((3.05 * paid_hours).min(6000.0)));
    let discount = 1.05f64.powf(-21.0 / 12.0);
    assert_eq!(
        cents(a.npv.mean - base.npv.mean),
        cents(line(a, "lkv") * discount)
    );
    // Before month 12 nothing has arrived yet.
    assert_eq!(
        cents(a.monthly[10].cumulative_net["p50"]),
        cents(base.monthly[10].cumulative_net["p50"])
    );
}

#[test]
fn detachering_moves_wage_and_subsidy_to_the_provider() {
    let text = with(
        &flat(0.6),
        PARTICIPATIEWET,
        "[[arrangement]]\nname = \"det\"\ninstruments = [{ kind = \"detachering\", tariff_per_hour = 18, basis = \"contract\" }, { kind = \"lks\" }]\n",
    );
    let s = run(&model(&text), 1);
    let a = arrangement(&s, "det");
    let flow = |line_name: &str| {
        let f = a
            .ledger
            .iter()
            .find(|f| f.lines.iter().any(|l| l == line_name))
            .unwrap();
        (f.payer.clone(), f.payee.clone())
    };
    assert_eq!(flow("wage"), ("provider".to_owned(), "worker".to_owned()));
    assert_eq!(flow("lks"), ("gemeente".to_owned(), "provider".to_owned()));
    assert_eq!(
        flow("detachering_fee"),
        ("employer".to_owned(), "provider".to_owned())
    );
    let contract = 20.0 * 52.0 / 12.0;
    assert_eq!(cents(line(a, "detachering_fee")), cents(24.0 * contract * 18.0));
    let employer_net = a.party_net["employer"];
    // The employer's supervisors still sit in on the loonwaarde assessments.
    let expected = line(a, "production_value")
        - line(a, "supervision")
        - line(a, "detachering_fee")
        - line(a, "lks_assessment");
    assert_eq!(
        cents(employer_net),
        cents(expected),
        "no wage, no LKS in the employer's view"
    );
}

#[test]
fn praktijkleren_pays_per_school_year_pro_rata() {
    let text = with(
        &flat(0.6).replace("start = \"2027-01\"", "start = \"2026-08\""),
        "",
        "[[arrangement]]\nname = \"pl\"\ninstruments = [{ kind = \"praktijkleren\" }]\n",
    );
    let s = run(&model(&text), 1);
    // Two whole school years of 52 supervised weeks: twice the € 2,700 maximum.
    assert_eq!(cents(line(arrangement(&s, "pl"), "praktijkleren")), 540_000);
}

#[test]
fn jobcoach_funding_and_workplace_adaptation_reimburse_their_lines() {
    let extra = "jobcoach = { tariff_per_hour = 80, hours_per_month = 4 }\n\n[[placement.cost]]\nname = \"adapted_desk\"\namount = 2000\nat_month = 0";
    let text = with(
        &flat(0.6),
        "",
        "[[arrangement]]\nname = \"support\"\ninstruments = [{ kind = \"jobcoach_funding\", share = 0.5, yearly_budget = 1000, payer = \"uwv\" }, { kind = \"workplace_adaptation\", cost_line = \"adapted_desk\", share = 0.75 }]\n",
    )
    .replace("available_hours_per_week = 10 }", &format!("available_hours_per_week = 10 }}\n{extra}"));
    let s = run(&model(&text), 1);
    let a = arrangement(&s, "support");
    assert_eq!(cents(line(a, "jobcoach")), cents(24.0 * 4.0 * 80.0));
    // 0.5 × 320 = 160 a month, capped at 1,000 per calendar year (two years).
    assert_eq!(cents(line(a, "jobcoach_funding")), 200_000);
    assert_eq!(cents(line(a, "workplace_adaptation")), 150_000);
}

#[test]
fn a_grant_per_worked_hour_respects_its_cap() {
    let text = with(
        &flat(0.6),
        "",
        "[[arrangement]]\nname = \"g\"\ninstruments = [{ kind = \"grant\", name = \"startbonus\", amount = 2, per = \"worked_hour\", cap = 1000, payer = \"gemeente\" }]\n",
    );
    let s = run(&model(&text), 1);
    assert_eq!(cents(line(arrangement(&s, "g"), "startbonus")), 100_000);
}

#[test]
fn paired_interval_is_much_narrower_than_from_independent_runs() {
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let mut m = model(&text);
    m.iterations = 4000;
    let paired_run = run(&m, 0);
    // What does adding the LKV change? The typical question, with a modest true difference.
    let (with, without) = ("LKS + no-risk + LKV", "LKS + no-risk polis");
    let cmp = paired_run
        .comparisons
        .iter()
        .find(|c| c.a == without && c.b == with)
        .unwrap();
    let paired_half = (cmp.ci95[1] - cmp.ci95[0]) / 2.0;
    // Independent runs: each arrangement from its own seed.
    m.seed = 1001;
    let other = run(&m, 0);
    let (a, b) = (arrangement(&paired_run, without), arrangement(&other, with));
    let independent_half = 1.96 * (a.npv.mcse.powi(2) + b.npv.mcse.powi(2)).sqrt();
    assert!(
        paired_half * 5.0 < independent_half,
        "paired ±{paired_half:.0} vs independent ±{independent_half:.0}"
    );
    // Both estimate the same difference.
    let independent_diff = a.npv.mean - b.npv.mean;
    assert!((independent_diff - cmp.mean_diff).abs() < 4.0 * independent_half / 1.96);
}

#[test]
fn results_do_not_depend_on_threads_with_every_instrument() {
    let extra = "jobcoach = { tariff_per_hour = 80, hours_per_month = \"norm\" }\ncapacity = { typical = 0.8, volatility = 0.5, persistence = 0.5, sick_start_probability = 0.05, sick_months = { dist = \"lognormal\", p5 = 0.3, p95 = 5 } }\ndropout = { monthly = 0.02, shortfall_factor = 2 }\n\n[[placement.cost]]\nname = \"desk\"\namount = 900\nat_month = 1";
    let text = with(
        &scenario(36, 700, "", ""),
        "worker = { benefit = \"participatiewet\", banenafspraak = true, arbeidsgehandicapt = true, age = 19 }\nwage = \"wml\"",
        r#"[[arrangement]]
name = "a"
instruments = [{ kind = "lks", forfaitaire_phase_months = 3 }, { kind = "no_risk_polis" }, { kind = "lkv", category = "banenafspraak" }, { kind = "lkv", category = "arbeidsgehandicapt" }, { kind = "jobcoach_funding" }, { kind = "workplace_adaptation", cost_line = "desk" }, { kind = "grant", name = "bonus", amount = 500, per = "one_off" }]

[[arrangement]]
name = "b"
instruments = [{ kind = "proefplaatsing", benefit_per_month = { dist = "uniform", min = 900, max = 1300 } }, { kind = "praktijkleren" }, { kind = "detachering", tariff_per_hour = { dist = "pert", min = 14, mode = 16, max = 19 }, provider_supervision_share = 0.3 }]

[[arrangement]]
name = "c"
instruments = [{ kind = "loondispensatie" }]
"#,
    )
    .replace("wage = 15.0\n", "")
    .replace("available_hours_per_week = 10 }", &format!("available_hours_per_week = 10 }}\n{extra}"));
    let m = model(&text);
    let one = inclusim::export::json::summary(&run(&m, 1)).unwrap();
    let two = inclusim::export::json::summary(&run(&m, 2)).unwrap();
    assert_eq!(one, two);
    let s = run(&m, 2);
    for a in &s.arrangements {
        assert!(a.npv.mean.is_finite(), "{}", a.name);
    }
    assert!(line(arrangement(&s, "a"), "lks") > 0.0);
    assert!(line(arrangement(&s, "b"), "benefit_kept") > 0.0);
}

proptest! {
    /// LKS never exceeds 70% of (minimum wage + holiday pay) pro rata the hours (counted up to
    /// the full-time week, over 36), plus the forfait.
    #[test]
    fn lks_never_exceeds_the_cap(lw in 0.0f64..1.0, hours in 1.0f64..60.0, full_time in 36.0f64..=40.0, month in 1u32..=12, year in 2025i32..2031) {
        let rates = inclusim::rates::load_preset("nl-2026").unwrap();
        let m = inclusim::calendar::YearMonth::new(year, month).unwrap();
        let table = inclusim::rates::RateTable::new(&rates, m, 1);
        let (_, got) = inclusim::instruments::lks::monthly_subsidy(&table, m, 1.0 - lw, hours, full_time);
        let jan = m.january();
        let base = rates.get(inclusim::rates::Figure::MinWageMonth36h, jan) * 1.08 * hours.min(full_time) / 36.0;
        prop_assert!(got <= 0.70 * base * 1.235 + 1e-9);
        prop_assert!(got >= 0.0);
    }
}

#[test]
fn lks_for_a_young_worker_is_based_on_the_youth_minimum_wage() {
    let lks =
        "[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"lks\", assessment_noise_sd = 0 }]\n";
    let text = |age: &str| {
        with(
            &flat(0.5)
                .replace("horizon_months = 24", "horizon_months = 6")
                .replace("wage = 15.0", "wage = \"wml\""),
            &format!("worker = {{ benefit = \"participatiewet\"{age} }}"),
            lks,
        )
    };
    let adult = run(&model(&text("")), 1);
    let young = run(&model(&text(", age = 18")), 1);
    let (a, y) = (
        line(arrangement(&adult, "lks"), "lks"),
        line(arrangement(&young, "lks"), "lks"),
    );
    // At 18 the youth minimum wage of 2027 is 62.5% of the adult one (the scale announced
    // for 1 January 2027; 50% before).
    assert_eq!(cents(y), cents(0.625 * a));
    assert_eq!(
        cents(line(arrangement(&young, "no support"), "wage")),
        cents(0.625 * line(arrangement(&adult, "no support"), "wage"))
    );
}

/// Participatiewet art. 10d lid 4: the LKS is pro rata the contract hours over 36, counted up
/// to the sector's full-time week: a 40-hour contract in a 40-hour sector gets 40/36 of the
/// 36-hour subsidy, in a 38-hour sector (the preset's default) 38/36.
#[test]
fn lks_counts_the_hours_up_to_the_sectors_full_time_week() {
    let lks =
        "[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"lks\", assessment_noise_sd = 0 }]\n";
    let total = |hours: u32, full_time: &str| {
        let text = with(
            &flat(0.6).replace(
                "hours_per_week = 20",
                &format!("hours_per_week = {hours}\n{full_time}"),
            ),
            "worker = { benefit = \"participatiewet\" }\ndropout = { monthly = 0 }",
            lks,
        );
        line(arrangement(&run(&model(&text), 1), "lks"), "lks")
    };
    let at_36 = total(36, "");
    assert!(at_36 > 0.0);
    let forty_on_forty = total(40, "full_time_hours_per_week = 40");
    assert_eq!(cents(forty_on_forty), cents(at_36 * 40.0 / 36.0));
    assert_eq!(cents(total(40, "")), cents(at_36 * 38.0 / 36.0));
    assert_eq!(cents(total(36, "full_time_hours_per_week = 40")), cents(at_36));
}

#[test]
fn a_full_time_week_outside_36_to_40_hours_is_an_error_at_its_key() {
    let text = flat(0.6).replace(
        "hours_per_week = 20",
        "hours_per_week = 20\nfull_time_hours_per_week = 45",
    );
    let diags = inclusim::scenario::parse(std::path::Path::new("test.toml"), &text).expect_err("invalid");
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|d| d.contains("full_time_hours_per_week") && d.contains("36 to 40")),
        "{text:?}"
    );
}

/// Participatiewet art. 10d lid 2: a NUG'er or school leaver without a benefit gets LKS; a
/// worker without a benefit outside the target group does not.
#[test]
fn lks_for_the_target_group_without_a_benefit() {
    let lks = "[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"lks\" }]\n";
    let run_for = |worker: &str| run(&model(&with(&flat(0.55), worker, lks)), 1);
    for group in [
        "praktijkonderwijs",
        "vso",
        "entree",
        "nug",
        "leerwerktraject",
        "beschut_werk",
    ] {
        let s = run_for(&format!("worker = {{ benefit = \"none\", group = \"{group}\" }}"));
        let a = arrangement(&s, "lks");
        assert!(line(a, "lks") > 0.0, "{group}");
        assert_eq!(a.instruments[0].ineligible_share, 0.0, "{group}");
    }
    let s = run_for("worker = { benefit = \"none\" }");
    let a = arrangement(&s, "lks");
    assert_eq!(line(a, "lks"), 0.0);
    assert_eq!(a.instruments[0].ineligible_share, 1.0);
}

#[test]
fn an_unknown_worker_group_is_an_error_at_its_key() {
    let text = with(&flat(0.55), "worker = { group = \"beschutwerk\" }", "");
    let diags = inclusim::scenario::parse(std::path::Path::new("test.toml"), &text).expect_err("invalid");
    let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|d| d.contains("worker.group") && d.contains("beschut_werk")),
        "{text:?}"
    );
}

/// Ziektewet art. 29e lid 2 onderdeel b: in the forfaitaire LKS phase the no-risk benefit is
/// multiplied by 50%; with an assessed loonwaarde (art. 29e lid 1) by LW = 60%. A worker sick
/// all the time, on the same futures: the two benefits stand as 50 to 60.
#[test]
fn no_risk_polis_at_half_during_the_forfaitaire_lks_phase() {
    let text = |instruments: &str| {
        with(
            &flat(0.6).replace("horizon_months = 24", "horizon_months = 6"),
            "worker = { benefit = \"participatiewet\" }\ndropout = { monthly = 0 }\ncapacity = { typical = 0.9, sick_start_probability = 1.0, sick_months = 12 }",
            &format!("[[arrangement]]\nname = \"a\"\ninstruments = [{instruments}]\n"),
        )
    };
    let polis = "{ kind = \"no_risk_polis\" }";
    let forfait = run(
        &model(&text(&format!(
            "{{ kind = \"lks\", forfaitaire_phase_months = 6 }}, {polis}"
        ))),
        1,
    );
    let assessed = run(
        &model(&text(&format!(
            "{{ kind = \"lks\", assessment_noise_sd = 0 }}, {polis}"
        ))),
        1,
    );
    let at_half = line(arrangement(&forfait, "a"), "no_risk_polis");
    let at_lw = line(arrangement(&assessed, "a"), "no_risk_polis");
    assert!(at_half > 0.0);
    assert_eq!(cents(at_half), cents(at_lw * 0.5 / 0.6));
}

#[test]
fn loondispensatie_is_renewed_after_60_months_unless_renew_is_false() {
    let text = |renew: &str| {
        with(
            &flat(0.5).replace("horizon_months = 24", "horizon_months = 72"),
            "worker = { benefit = \"wajong\" }\ndropout = { monthly = 0 }",
            &format!(
                "[[arrangement]]\nname = \"ld\"\ninstruments = [{{ kind = \"loondispensatie\"{renew} }}]\n"
            ),
        )
    };
    let renewed = run(&model(&text("")), 1);
    let once = run(&model(&text(", renew = false")), 1);
    let (r, o) = (arrangement(&renewed, "ld"), arrangement(&once, "ld"));
    let base = arrangement(&once, "no support");
    assert!(line(r, "wajong_topup") > line(o, "wajong_topup"));
    // Renewed, the employer pays about half the wage (LW 50% with assessment noise) in all 72
    // months; without renewal the full wage from month 61.
    let half = 0.5 * line(base, "wage");
    assert!((line(r, "wage") - half).abs() < 0.02 * half);
    assert!(line(o, "wage") > line(r, "wage") + 0.05 * half && line(o, "wage") < line(base, "wage"));
}

#[test]
fn lkv_is_paid_by_the_belastingdienst_and_praktijkleren_goes_to_the_host_under_detachering() {
    let text = with(
        &flat(0.6),
        "worker = { banenafspraak = true }",
        "[[arrangement]]\nname = \"det\"\ninstruments = [{ kind = \"detachering\", tariff_per_hour = 18 }, { kind = \"lkv\", category = \"banenafspraak\" }, { kind = \"praktijkleren\" }]\n",
    );
    let s = run(&model(&text), 1);
    let a = arrangement(&s, "det");
    let flow = |line_name: &str| {
        let f = a
            .ledger
            .iter()
            .find(|f| f.lines.iter().any(|l| l == line_name))
            .unwrap();
        (f.payer.clone(), f.payee.clone())
    };
    assert_eq!(flow("lkv"), ("belastingdienst".to_owned(), "provider".to_owned()));
    assert_eq!(flow("praktijkleren"), ("rijk".to_owned(), "employer".to_owned()));
    assert!(line(a, "praktijkleren") > 0.0);
}

/// Wtl art. 6.2 lid 1 onderdeel b: employment started in January 2025 keeps the LKV
/// banenafspraak without a limit from 2026 (nl-2026's default); the preset's switch at 1 keeps
/// the 3-year limit of the start of the employment, as nl-2025 does.
#[test]
fn lkv_banenafspraak_before_2026_follows_the_presets_choice() {
    let text = |preset: &str, rates: &str| {
        with(
            &flat(0.6)
                .replace(
                    "start = \"2027-01\"",
                    &format!("start = \"2025-01\"\nrates = \"{preset}\""),
                )
                .replace("horizon_months = 24", "horizon_months = 48"),
            "worker = { banenafspraak = true }\ndropout = { monthly = 0 }",
            &format!(
                "[[arrangement]]\nname = \"lkv\"\ninstruments = [{{ kind = \"lkv\", category = \"banenafspraak\" }}]\n{rates}"
            ),
        )
    };
    let lkv =
        |preset: &str, rates: &str| line(arrangement(&run(&model(&text(preset, rates)), 1), "lkv"), "lkv");
    let structural = lkv("nl-2026", "");
    let limited = lkv(
        "nl-2026",
        "[rates]\nlkv_banenafspraak_limit_at_employment_start = 1\n",
    );
    let hours_per_year: f64 = 20.0 * 52.0;
    assert_eq!(cents(structural), cents(4.0 * hours_per_year * 1.01));
    assert_eq!(cents(limited), cents(3.0 * hours_per_year * 1.01));
    assert_eq!(cents(lkv("nl-2025", "")), cents(limited));
}
