//! The employer's duties (`[employer]`): the SROI credit and the quotumheffing avoided, on
//! whole runs with constant inputs (no dropout, no sickness), worked out to the cent.

use crate::util::{arrangement, cents, model, outcomes, run, scenario};
use inclusim::stats::Summary;
use inclusim::stats::summary::ArrangementSummary;

fn line(a: &ArrangementSummary, name: &str) -> Option<f64> {
    a.lines.get(name).copied()
}

/// A 24-hour worker of `worker` status over `horizon` months, an LKS arrangement beside the
/// baseline, with `employer` as the `[employer]` table and `placement` inside the placement.
fn duties(horizon: u32, worker: &str, placement: &str, employer: &str) -> Summary {
    let text = scenario(horizon, 20, &format!("worker = {worker}\n{placement}"), "")
        .replace("hours_per_week = 20", "hours_per_week = 24")
        + "\n[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"lks\", assessment_noise_sd = 0 }]\n"
        + "\n[employer]\n"
        + employer
        + "\n";
    run(&model(&text), 1)
}

const REGISTER: &str = "{ benefit = \"participatiewet\", banenafspraak = true }";
const UTRECHT: &str = "sroi = { obligation_per_year = 100000, region = \"utrecht\", cost_per_euro = 0.25 }";

#[test]
fn sroi_credit_for_24_hours_a_year_in_utrecht_to_the_cent() {
    // Utrecht's block for the doelgroep banenafspraak: € 50.000 a year at 36 hours. At 24
    // hours: 50000 × 24/36 = € 33.333,33 of credit a year; at € 0,25 per euro of credit that
    // saves € 8.333,33 of meeting the obligation otherwise.
    let s = duties(12, REGISTER, "", UTRECHT);
    let base = arrangement(&s, "no support");
    assert_eq!(line(base, "sroi").map(cents), Some(833_333));
    // The employer's NPV gains each month's twelfth at its discount factor (5% a year).
    let without = duties(12, REGISTER, "", "");
    let monthly = 50_000.0 * 24.0 / 36.0 / 12.0 * 0.25;
    let discounted: f64 = (0..12)
        .map(|t| monthly * 1.05f64.powf(-(t as f64 + 1.0) / 12.0))
        .sum();
    let gain = base.npv.mean - arrangement(&without, "no support").npv.mean;
    assert_eq!(cents(gain), cents(discounted));
    // The flow: from the suppliers of the other way to meet it, to the employer.
    let flow = base
        .ledger
        .iter()
        .find(|f| f.lines.contains(&"sroi".to_owned()))
        .expect("flow");
    assert_eq!(
        (flow.payer.as_str(), flow.payee.as_str()),
        ("supplier", "employer")
    );
}

#[test]
fn the_baseline_and_every_arrangement_earn_the_same_credit() {
    let s = duties(12, REGISTER, "", UTRECHT);
    let (base, lks) = (arrangement(&s, "no support"), arrangement(&s, "lks"));
    assert!(line(lks, "lks").is_some_and(|x| x > 0.0), "LKS is paid");
    assert_eq!(line(base, "sroi").map(cents), line(lks, "sroi").map(cents));
}

#[test]
fn two_workers_share_one_obligation_capped_per_year_of_the_scenario() {
    // Two workers earn 2 × 33.333,33 a year; the obligation of 40.000 a year caps it, in each
    // year of the scenario apart: 2 × 40.000 × 1 over 24 months.
    let two = "count = 2";
    let capped = "sroi = { obligation_per_year = 40000, region = \"utrecht\", cost_per_euro = 1 }";
    let s = duties(24, REGISTER, two, capped);
    assert_eq!(
        line(arrangement(&s, "no support"), "sroi").map(cents),
        Some(8_000_000)
    );
    // One worker alone stays under the cap.
    let s = duties(24, REGISTER, "", capped);
    assert_eq!(
        line(arrangement(&s, "no support"), "sroi").map(cents),
        Some(6_666_667)
    );
}

#[test]
fn credit_counts_only_while_employed_and_for_the_blocks_months() {
    // A contract that ends after 6 months earns half a year.
    let s = duties(12, REGISTER, "contract_end_month = 6", UTRECHT);
    assert_eq!(
        line(arrangement(&s, "no support"), "sroi").map(cents),
        Some(416_667)
    );
    // Oost-Nederland counts a Participatiewet worker outside the register for 2 years only:
    // 30000 × 24/36 × 2 years over a 36-month horizon.
    let oost = "sroi = { obligation_per_year = 100000, region = \"oost-nederland\", cost_per_euro = 1 }";
    let s = duties(36, "{ benefit = \"participatiewet\" }", "", oost);
    assert_eq!(
        line(arrangement(&s, "no support"), "sroi").map(cents),
        Some(4_000_000)
    );
    // During a proefplaatsing the worker is not yet employed: 3 trial months do not count.
    let text = scenario(12, 20, &format!("worker = {REGISTER}"), "")
        .replace("hours_per_week = 20", "hours_per_week = 24")
        + "\n[[arrangement]]\nname = \"trial\"\ninstruments = [{ kind = \"proefplaatsing\", months = 3, hire_threshold = 0.0, benefit_per_month = 1000 }]\n"
        + "\n[employer]\n"
        + UTRECHT
        + "\n";
    let s = run(&model(&text), 1);
    assert_eq!(line(arrangement(&s, "trial"), "sroi").map(cents), Some(625_000));
    assert_eq!(
        line(arrangement(&s, "no support"), "sroi").map(cents),
        Some(833_333)
    );
}

#[test]
fn a_worker_outside_the_target_group_earns_nothing() {
    let both = format!("{UTRECHT}\nquotumheffing = {{ in_force = true, missing_jobs = 3 }}");
    let s = duties(12, "{ benefit = \"none\" }", "", &both);
    let base = arrangement(&s, "no support");
    assert_eq!(line(base, "sroi"), Some(0.0));
    assert_eq!(line(base, "quotumheffing"), Some(0.0));
    // A WW worker earns Utrecht's WW credit (20000 × 24/36), but fills no banenafspraak job.
    let s = duties(12, "{ benefit = \"ww\" }", "", &both);
    let base = arrangement(&s, "no support");
    assert_eq!(line(base, "sroi").map(|x| cents(x / 0.25)), Some(1_333_333));
    assert_eq!(line(base, "quotumheffing"), Some(0.0));
}

#[test]
fn the_quotumheffing_is_off_by_default_and_capped_by_the_missing_jobs() {
    // Not in force: no line at all, the same as without the table.
    let s = duties(12, REGISTER, "", "quotumheffing = { missing_jobs = 3 }");
    assert_eq!(line(arrangement(&s, "no support"), "quotumheffing"), None);
    let plain = duties(12, REGISTER, "", "");
    assert_eq!(
        arrangement(&s, "no support").npv.mean,
        arrangement(&plain, "no support").npv.mean
    );
    // In force: 24 of 25.5 hours fill 0.941 of a job for a year, € 5.000 a missing job:
    // 5000 × 24 / 25.5 = € 4.705,88 avoided.
    let s = duties(
        12,
        REGISTER,
        "",
        "quotumheffing = { in_force = true, missing_jobs = 3 }",
    );
    let base = arrangement(&s, "no support");
    assert_eq!(line(base, "quotumheffing").map(cents), Some(470_588));
    assert_eq!(
        line(arrangement(&s, "lks"), "quotumheffing").map(cents),
        Some(470_588)
    );
    let flow = base
        .ledger
        .iter()
        .find(|f| f.lines.contains(&"quotumheffing".to_owned()))
        .expect("flow");
    assert_eq!(
        (flow.payer.as_str(), flow.payee.as_str()),
        ("tax_and_pension", "employer")
    );
    // A shortfall of half a job caps it at € 2.500 a year.
    let s = duties(
        12,
        REGISTER,
        "",
        "quotumheffing = { in_force = true, missing_jobs = 0.5 }",
    );
    assert_eq!(
        line(arrangement(&s, "no support"), "quotumheffing").map(cents),
        Some(250_000)
    );
}

#[test]
fn the_quotumheffing_cap_holds_per_calendar_year() {
    // From July: 6 months of 2027 and 6 of 2028, each 0.4706 of a job, each capped at 0.3.
    let text = scenario(12, 20, &format!("worker = {REGISTER}"), "")
        .replace("hours_per_week = 20", "hours_per_week = 24")
        .replace("start = \"2027-01\"", "start = \"2027-07\"")
        + "\n[employer]\nquotumheffing = { in_force = true, missing_jobs = 0.3 }\n";
    let s = run(&model(&text), 1);
    assert_eq!(
        line(arrangement(&s, "no support"), "quotumheffing").map(cents),
        Some(300_000)
    );
}

#[test]
fn a_scenario_without_duties_has_no_duty_lines() {
    let s = duties(12, REGISTER, "", "");
    let base = arrangement(&s, "no support");
    assert_eq!(line(base, "sroi"), None);
    assert_eq!(line(base, "quotumheffing"), None);
}

#[test]
fn duties_do_not_depend_on_threads_with_uncertain_hours_and_dropout() {
    let text = scenario(
        24,
        300,
        &format!("worker = {REGISTER}\ncount = 3\ndropout = {{ monthly = 0.05 }}"),
        "",
    )
    .replace(
        "hours_per_week = 20",
        "hours_per_week = { dist = \"uniform\", min = 16, max = 40 }",
    ) + "\n[employer]\nsroi = { obligation_per_year = 60000, region = \"oost-nederland\", cost_per_euro = 0.4 }\n"
        + "quotumheffing = { in_force = true, missing_jobs = 2 }\n";
    let m = model(&text);
    let one = outcomes(&m, 300, 1);
    assert_eq!(one, outcomes(&m, 300, 2));
    // Capped: never more than the obligation per year (2 years, € 0.40 per euro) and the
    // levy on 2 jobs a year (2 calendar years × 2 × € 5.000).
    // The duties' lines come last in the line book.
    for o in &one {
        let n = o.lines.len();
        let (sroi, levy) = (o.lines[n - 2], o.lines[n - 1]);
        assert!(sroi <= 2.0 * 60_000.0 * 0.4 + 1e-6, "{sroi}");
        assert!(levy <= 2.0 * 2.0 * 5_000.0 + 1e-6, "{levy}");
        assert!(sroi >= 0.0 && levy >= 0.0);
    }
}
