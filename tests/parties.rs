//! Every party's view: the benefit a placement replaces, booked with its payer, and the nets
//! of employer, worker, gemeente, UWV and the others, checked on deterministic runs to the cent.

use crate::util::{arrangement, cents, model, run};
use inclusim::stats::summary::{ArrangementSummary, PartyRole, PartyView};

fn line(a: &ArrangementSummary, name: &str) -> f64 {
    a.lines.get(name).copied().unwrap_or(0.0)
}

fn view<'a>(a: &'a ArrangementSummary, party: &str) -> &'a PartyView {
    a.parties
        .iter()
        .find(|v| v.party == party)
        .unwrap_or_else(|| panic!("no view of {party}"))
}

/// One worker at the minimum wage from January 2026 for 12 months: constant inputs, no
/// sickness, no dropout, so every iteration is the same.
fn deterministic(hours: u32, worker: &str, arrangements: &str, extra_scenario: &str) -> String {
    format!(
        r#"
[scenario]
name = "parties"
start = "2026-01"
horizon_months = 12
iterations = 3
seed = 1
rates = "nl-2026"
{extra_scenario}

[[placement]]
name = "worker"
hours_per_week = {hours}
wage = "wml"
holiday_pay = 0.08
employer_burden = 0.2
value_per_productive_hour = 30
productivity = {{ start = 0.55, target = 0.55, ramp_months = 6 }}
supervision = {{ initial_hours_per_week = 2, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 40, available_hours_per_week = 10 }}
worker = {worker}
{arrangements}
"#
    )
}

/// The monthly wage incl. 8% holiday pay at `hours` a week: € 14,71 an hour until June 2026,
/// € 14,99 from 1 July 2026.
fn wage(hours: f64, month: usize) -> f64 {
    let hourly = if month < 6 { 14.71 } else { 14.99 };
    hourly * hours * 52.0 / 12.0 * 1.08
}

/// Participatiewet art. 21 a and 31 lid 2 n by hand: the single adult's norm (€ 1.401,50 until
/// June, € 1.419,46 from July 2026), the net income at 90% of the gross wage, € 285 (at most
/// 25%) left out of the means in the first six months with income.
fn bijstand_saved_by_hand(hours: f64) -> f64 {
    (0..12)
        .map(|t| {
            let norm = if t < 6 { 1401.50 } else { 1419.46 };
            let net = wage(hours, t) * 0.90;
            let free = if t < 6 { (0.25 * net).min(285.0) } else { 0.0 };
            (net - free).clamp(0.0, norm)
        })
        .sum()
}

/// Participatiewet art. 10d: LKS at loonwaarde 0.55 on the 1 January 2026 referentiemaandloon
/// (€ 2.294,40) with holiday pay, pro rata 24 of 36 hours, plus the 23.5% forfait.
fn lks_by_hand(hours: f64) -> f64 {
    12.0 * (1.0 - 0.55) * 2294.40 * 1.08 * hours / 36.0 * 1.235
}

const LKS: &str =
    "[[arrangement]]\nname = \"lks\"\ninstruments = [{ kind = \"lks\", assessment_noise_sd = 0 }]\n";

#[test]
fn bijstand_saved_at_24_hours_wml_is_the_same_with_or_without_lks_art_31_lid_2_n() {
    let text = deterministic(24, "{ benefit = \"participatiewet\" }", LKS, "");
    let s = run(&model(&text), 1);
    let (none, lks) = (arrangement(&s, "no support"), arrangement(&s, "lks"));
    let by_hand = bijstand_saved_by_hand(24.0);
    assert_eq!(cents(line(none, "bijstand")), cents(by_hand));
    assert_eq!(
        cents(line(lks, "bijstand")),
        cents(by_hand),
        "LKS does not change the wage"
    );
    // From July the net income (€ 1.509,12) is above the norm: the whole bijstand stops.
    assert!(wage(24.0, 6) * 0.9 > 1419.46);
    let flow = lks
        .ledger
        .iter()
        .find(|f| f.lines.contains(&"bijstand".to_owned()))
        .unwrap();
    assert_eq!((flow.payer.as_str(), flow.payee.as_str()), ("worker", "gemeente"));
    // The gemeente's net differs by the LKS it pays, and nothing else.
    let difference = view(none, "gemeente").mean - view(lks, "gemeente").mean;
    assert_eq!(cents(difference), cents(line(lks, "lks")));
    assert_eq!(cents(line(lks, "lks")), cents(lks_by_hand(24.0)));
    // The benefit passes the employer by: its NPV does not move with it.
    assert_eq!(view(none, "employer").role, PartyRole::BusinessCase);
    assert_eq!(view(none, "gemeente").role, PartyRole::Context);
}

#[test]
fn partial_bijstand_below_the_norm_keeps_the_vrijlating_art_31_lid_2_n() {
    let text = deterministic(12, "{ benefit = \"participatiewet\" }", "", "");
    let s = run(&model(&text), 1);
    let none = arrangement(&s, "no support");
    let saved = line(none, "bijstand");
    assert_eq!(cents(saved), cents(bijstand_saved_by_hand(12.0)));
    // 12 hours: € 743,50 net in January, 25% of it (€ 185,88) is free, the gemeente saves
    // € 557,63 of the € 1.401,50 norm that month and keeps paying the rest.
    let january = wage(12.0, 0) * 0.9;
    assert_eq!(cents(january * 0.75), 55763);
    let norms = 6.0 * 1401.50 + 6.0 * 1419.46;
    assert!(saved < norms, "partial bijstand: still paid every month");
}

#[test]
fn the_gemeentes_net_is_the_bijstand_it_no_longer_pays_minus_lks_and_jobcoach() {
    let arrangements = "[[arrangement]]\nname = \"lks + coach\"\njobcoach = { tariff_per_hour = 50, hours_per_month = 4 }\ninstruments = [{ kind = \"lks\", assessment_noise_sd = 0 }, { kind = \"jobcoach_funding\", payer = \"gemeente\" }]\n";
    let text = deterministic(24, "{ benefit = \"participatiewet\" }", arrangements, "");
    let s = run(&model(&text), 2);
    let a = arrangement(&s, "lks + coach");
    let jobcoach = 12.0 * 4.0 * 50.0;
    let by_hand = bijstand_saved_by_hand(24.0) - lks_by_hand(24.0) - jobcoach;
    let gemeente = view(a, "gemeente");
    assert_eq!(cents(gemeente.mean), cents(by_hand));
    assert_eq!(
        (cents(gemeente.p5), cents(gemeente.p95)),
        (cents(by_hand), cents(by_hand))
    );
    // The worker: the gross wage received minus the benefit lost (taxes not modelled).
    let wage_total: f64 = (0..12).map(|t| wage(24.0, t)).sum();
    let worker = view(a, "worker");
    assert_eq!(
        cents(worker.mean),
        cents(wage_total - bijstand_saved_by_hand(24.0))
    );
    assert_eq!(cents(line(a, "wage")), cents(wage_total));
}

/// Loondispensatie books UWV's top-up on its own line; in those months the Wajong line holds
/// the whole Wajong no longer paid, so UWV's net is that minus the top-up, not less twice.
#[test]
fn wajong_under_loondispensatie_is_not_counted_twice() {
    let arrangements =
        "[[arrangement]]\nname = \"ld\"\ninstruments = [{ kind = \"loondispensatie\", months = 60 }]\n";
    let text = deterministic(24, "{ benefit = \"wajong\" }", arrangements, "")
        .replace("start = 0.55, target = 0.55", "start = 0.4, target = 0.4");
    let s = run(&model(&text), 1);
    let (none, ld) = (arrangement(&s, "no support"), arrangement(&s, "ld"));
    // Wajong 2021: 70% of the referentiemaandloon with holiday pay without work.
    let full: f64 = (0..12)
        .map(|t| {
            let month = if t < 6 { 2294.40 } else { 2337.00 };
            0.70 * month * 1.08
        })
        .sum();
    assert!(line(ld, "wajong_topup") > 0.0);
    assert_eq!(cents(line(ld, "wajong")), cents(full), "every month is topped up");
    assert_eq!(
        cents(view(ld, "uwv").mean),
        cents(full - line(ld, "wajong_topup"))
    );
    // Without loondispensatie the Wajong rule applies to the wage: 70% of the income.
    let income = line(none, "wage");
    assert_eq!(cents(line(none, "wajong")), cents(0.70 * income));
    assert_eq!(
        cents(view(ld, "worker").mean),
        cents(line(ld, "wage") + line(ld, "wajong_topup") - full)
    );
}

#[test]
fn an_employer_that_is_the_gemeente_keeps_the_lks_internal() {
    let text = deterministic(
        24,
        "{ benefit = \"participatiewet\" }",
        LKS,
        "employer_is = \"gemeente\"",
    );
    let s = run(&model(&text), 1);
    assert_eq!(s.employer_is.as_deref(), Some("gemeente"));
    let a = arrangement(&s, "lks");
    assert!(
        a.parties.iter().all(|v| v.party != "gemeente"),
        "one combined view"
    );
    let combined = view(a, "employer");
    assert_eq!(combined.combined_with.as_deref(), Some("gemeente"));
    assert_eq!(cents(combined.internal_mean), cents(line(a, "lks")));
    let separate = a.party_net["employer"] + a.party_net["gemeente"];
    assert_eq!(cents(combined.mean), cents(separate));
    // The LKS no longer counts: the combined view is the one without LKS plus the bijstand.
    let none = arrangement(&s, "no support");
    let lks_effect = combined.mean - view(none, "employer").mean;
    assert_eq!(cents(lks_effect), cents(-line(a, "lks_assessment")));
}

#[test]
fn a_worker_without_a_benefit_books_no_benefit_line() {
    let text = deterministic(24, "{ benefit = \"none\" }", "", "");
    let s = run(&model(&text), 1);
    let none = arrangement(&s, "no support");
    assert!(
        none.lines
            .keys()
            .all(|k| !["bijstand", "wajong", "ww", "wia"].contains(&k.as_str()))
    );
    assert!(none.parties.iter().all(|v| v.party != "gemeente"));
}

#[test]
fn ww_is_booked_from_the_benefit_per_month_the_scenario_gives() {
    let text = deterministic(24, "{ benefit = \"ww\" }", "", "");
    let s = run(&model(&text), 1);
    let none = arrangement(&s, "no support");
    assert!(!none.lines.contains_key("ww"), "unknown benefit: nothing booked");
    let ok = deterministic(
        24,
        "{ benefit = \"ww\", benefit_per_month = 1500, benefit_months_left = 4 }",
        "",
        "",
    );
    let s = run(&model(&ok), 1);
    // WW art. 35: 70% of the income (€ 1.652,23) is deducted from the € 1.500 benefit, which
    // would have ended after four months anyway.
    let saved = line(arrangement(&s, "no support"), "ww");
    assert_eq!(cents(saved), cents(4.0 * 0.70 * wage(24.0, 0)));
    assert_eq!(cents(saved), 462624);
}

#[test]
fn the_report_says_what_each_party_gets_and_what_is_left_out_in_both_languages() {
    use inclusim::report::{Lang, html};
    let text = deterministic(
        24,
        "{ benefit = \"participatiewet\" }",
        LKS,
        "employer_is = \"gemeente\"",
    );
    let m = model(&text);
    let s = run(&m, 1);
    let nl = html::page(&m, &s, &[], Lang::Nl);
    for words in [
        "Wat levert het partijen op?",
        "Werkgever = gemeente",
        "(businesscase)",
        "(context)",
        "blijft binnen de organisatie",
        "Niet meegenomen: belastingen, heffingskortingen en toeslagen",
    ] {
        assert!(nl.contains(words), "nl report lacks {words:?}");
    }
    let en = html::page(&m, &s, &[], Lang::En);
    for words in [
        "What does it yield each party?",
        "Employer = gemeente",
        "(business case)",
        "stays inside the organisation",
        "Left out: taxes, tax credits and allowances",
    ] {
        assert!(en.contains(words), "en report lacks {words:?}");
    }
    assert!(!en.contains("Wat levert"), "no Dutch in the English report");
}
