//! A class of learners (`[cohort]`): the learning phase, hiring at graduation, the school
//! calendar, leermeesters, the lines booked once per class, and bad input.

use crate::util::{arrangement, cents, model, run};
use inclusim::stats::cohort::CohortArrangement;

const WEEKS: f64 = 52.0 / 12.0;

/// A class of `pupils` learners (one placement) of constant inputs from August 2026, with
/// `learning` months of learning phase over `horizon` months; `cohort` and `placement` are
/// appended to their tables, `extra` at the end.
fn class(pupils: usize, horizon: u32, learning: u32, cohort: &str, placement: &str, extra: &str) -> String {
    format!(
        r#"
[scenario]
name = "class"
start = "2026-08"
horizon_months = {horizon}
iterations = 1
seed = 5
discount_rate = 0.05

[cohort]
{cohort}

[[placement]]
name = "leerling"
count = {pupils}
hours_per_week = 24
wage = "wml"
value_per_productive_hour = 30
productivity = {{ start = 0.3, target = 0.8, ramp_months = 6 }}
supervision = {{ initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 4, supervisor_cost = 40, available_hours_per_week = 10 }}
worker = {{ age = 17, group = "praktijkonderwijs" }}
learning = {{ months = {learning}, hours_per_week = 24 }}
{placement}
{extra}
"#
    )
}

fn cohort_of<'s>(s: &'s inclusim::stats::Summary, name: &str) -> &'s CohortArrangement {
    let k = s.cohort.as_ref().expect("a class summary");
    k.arrangements
        .iter()
        .find(|a| a.name == name)
        .expect("arrangement")
}

fn hires(text: &str, iterations: u64) -> Vec<f64> {
    let m = model(text);
    let cfg = inclusim::sim::RunConfig {
        iterations,
        threads: 1,
        keep_paths: 0,
        keep_draws: false,
    };
    let mut out = Vec::new();
    inclusim::sim::run(&m, &cfg, &mut |_| {}, &mut |chunk| {
        out.extend(chunk.cohort.iter().map(|o| f64::from(o.hired)));
    })
    .expect("run");
    out
}

fn mean_var(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    (
        mean,
        xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0),
    )
}

#[test]
fn hires_with_a_fixed_probability_are_binomial_and_a_class_shock_spreads_them() {
    let (n, p, iterations) = (10.0, 0.4, 4000);
    let text = class(10, 14, 12, "calendar = \"noord\"\nhire_probability = 0.4", "", "");
    let (mean, var) = mean_var(&hires(&text, iterations));
    let se_mean = (n * p * (1.0 - p) / iterations as f64).sqrt();
    assert!((mean - n * p).abs() < 4.0 * se_mean, "mean {mean} vs {}", n * p);
    // The sample variance of a binomial: Var(s²) ≈ (μ4 − σ⁴)/N.
    let sigma2 = n * p * (1.0 - p);
    let mu4 = sigma2 * sigma2 * (3.0 + (1.0 - 6.0 * p * (1.0 - p)) / sigma2);
    let se_var = ((mu4 - sigma2 * sigma2) / iterations as f64).sqrt();
    assert!((var - sigma2).abs() < 4.0 * se_var, "variance {var} vs {sigma2}");

    let shocked = class(
        10,
        14,
        12,
        "calendar = \"noord\"\nhire_probability = 0.4\nclass_shock = { correlation = 0.3 }",
        "",
        "",
    );
    let (mean_s, var_s) = mean_var(&hires(&shocked, iterations));
    assert!(
        (mean_s - n * p).abs() < 4.0 * (var_s / iterations as f64).sqrt(),
        "the mean stays N·p"
    );
    assert!(
        var_s > sigma2 + 8.0 * se_var,
        "a class shock spreads the hires: {var_s} vs {sigma2}"
    );
}

#[test]
fn vacancies_cap_the_hires() {
    let text = class(
        10,
        14,
        12,
        "calendar = \"noord\"\nhire_probability = 1\nvacancies = 3",
        "",
        "",
    );
    assert!(hires(&text, 50).iter().all(|h| *h == 3.0));
    let text = class(10, 14, 12, "calendar = \"noord\"\nhire_probability = 1", "", "");
    assert!(
        hires(&text, 50).iter().all(|h| *h == 10.0),
        "no limit without vacancies"
    );
}

/// One holiday week in March 2027 (own calendar) and a whole-month holiday in April: hours,
/// production and supervision follow the school days, to the cent; no wage is paid.
#[test]
fn a_holiday_week_has_no_hours_production_or_supervision() {
    let text = r#"
[scenario]
name = "holiday"
start = "2027-01"
horizon_months = 6
iterations = 1
seed = 1
discount_rate = 0.05

[cohort]
calendar = "own"
hire_probability = 0

[[cohort.holiday]]
from = "2027-03-06"
to = "2027-03-14"

[[cohort.holiday]]
from = "2027-03-27"
to = "2027-05-02"

[[placement]]
name = "leerling"
hours_per_week = 24
wage = "wml"
value_per_productive_hour = 30
productivity = { start = 0.3, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 5, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 40, available_hours_per_week = 10 }
learning = { months = 6, hours_per_week = 24 }
"#;
    let s = run(&model(text), 1);
    let a = arrangement(&s, "no support");
    // Weekdays at school: January 21/21, February 20/20, March 15 of 23 (8–12 and 29–31 are
    // holidays), April none, May 21 of 21 (from Monday 3 May), June 22/22.
    let share = [1.0, 1.0, 15.0 / 23.0, 0.0, 1.0, 1.0];
    let (mut learned, mut value, mut supervision) = (0.0, 0.0, 0.0);
    for (t, s) in share.iter().enumerate() {
        let productivity = 0.3 + 0.5 * (1.0 - 0.1f64.powf(learned / 6.0));
        let need = (1.0 + 4.0 * 0.5f64.powf(t as f64 / 3.0)) * s;
        value += 24.0 * WEEKS * s * productivity * 30.0;
        supervision += need * WEEKS * 40.0;
        learned += s;
    }
    assert_eq!(cents(a.lines["production_value"]), cents(value));
    assert_eq!(cents(a.lines["supervision"]), cents(supervision));
    assert_eq!(a.lines["wage"], 0.0, "a learner is paid no wage");
    assert_eq!(a.lines["employer_burden"], 0.0);
}

#[test]
fn the_weekly_lesson_is_booked_once_for_the_class_whoever_drops_out() {
    let lesson = r#"
[[cohort.cost]]
name = "praktijkles_docent"
amount = 280
per = "school_week"
to_month = 11
payer = "school"
party = "colleagues"

[[cohort.cost]]
name = "praktijkles_ruimte"
amount = 40
per = "school_week"
to_month = 11
"#;
    let cohort = format!("calendar = \"noord\"\nhire_probability = 0.5\n{lesson}");
    let steady = class(6, 14, 12, &cohort, "", "");
    let dropping = class(6, 14, 12, &cohort, "dropout = { monthly = 0.2 }", "");
    let a = run(&model(&steady), 1);
    let b = run(&model(&dropping), 1);
    // School weeks of August 2026 to July 2027 in the north (shipped calendar).
    let cal = inclusim::school_calendar::dutch(inclusim::school_calendar::Region::Noord).calendar;
    let start = inclusim::calendar::YearMonth::new(2026, 8).unwrap();
    let weeks: f64 = (0..12)
        .map(|t| cal.school_share(start.add_months(t)) * WEEKS)
        .sum();
    for s in [&a, &b] {
        let x = arrangement(s, "no support");
        assert_eq!(cents(x.lines["praktijkles_docent"]), cents(280.0 * weeks));
        assert_eq!(cents(x.lines["praktijkles_ruimte"]), cents(40.0 * weeks));
        let school = x
            .parties
            .iter()
            .find(|p| p.party == "school")
            .expect("school's view");
        assert_eq!(
            cents(school.mean),
            -cents(280.0 * weeks),
            "the school pays the teacher"
        );
        let employer_line = x
            .employer_lines
            .iter()
            .find(|l| l.name == "praktijkles_ruimte")
            .expect("the company pays the room");
        assert!(employer_line.mean < 0.0);
        assert!(!x.employer_lines.iter().any(|l| l.name == "praktijkles_docent"));
    }
    let dropped = cohort_of(&b, "no support").dropped_out_mean;
    assert!(dropped > 0.0, "some learners drop out in the second run");
}

/// A learner aged 17 learns for 12 months and is hired: LKS and the wage follow exactly as
/// for an 18-year-old employee who starts that month.
#[test]
fn no_wage_or_lks_while_learning_and_youth_wage_lks_after_hiring() {
    let lks = r#"
[[arrangement]]
name = "LKS"
instruments = [{ kind = "lks", reassess_months = 12 }]
"#;
    let constant = "productivity = { start = 0.5, target = 0.5, ramp_months = 6 }";
    let learner = class(1, 30, 12, "calendar = \"noord\"\nhire_probability = 1", "", lks).replace(
        "productivity = { start = 0.3, target = 0.8, ramp_months = 6 }",
        constant,
    );
    let employee = learner
        .replace(
            "learning = { months = 12, hours_per_week = 24 }",
            "start_month = 12",
        )
        .replace("age = 17", "age = 18")
        .replace("[cohort]\ncalendar = \"noord\"\nhire_probability = 1", "");
    let a = arrangement(&run(&model(&learner), 1), "LKS").clone();
    let b = arrangement(&run(&model(&employee), 1), "LKS").clone();
    assert!(a.lines["lks"] > 0.0);
    assert_eq!(
        cents(a.lines["lks"]),
        cents(b.lines["lks"]),
        "LKS from hiring on, as for an employee of 18"
    );
    assert_eq!(
        cents(a.lines["wage"]),
        cents(b.lines["wage"]),
        "no wage before hiring"
    );
    // The youth minimum wage of an 18-year-old is below the adult one: LKS is computed on it.
    let adult = employee.replace("age = 18", "age = 22");
    let c = arrangement(&run(&model(&adult), 1), "LKS").clone();
    assert!(c.lines["lks"] > a.lines["lks"]);
}

#[test]
fn a_learner_not_hired_is_not_still_employed() {
    let text = class(5, 24, 12, "calendar = \"noord\"\nhire_probability = 0", "", "");
    let s = run(&model(&text), 1);
    let k = cohort_of(&s, "no support");
    assert_eq!(k.completed_mean, 5.0);
    assert_eq!(k.hired_mean, 0.0);
    assert_eq!(k.still_employed_mean, 0.0);
    assert_eq!(arrangement(&s, "no support").retention_at_horizon, 0.0);
    // Hired learners are.
    let text = class(5, 24, 12, "calendar = \"noord\"\nhire_probability = 1", "", "");
    let s = run(&model(&text), 1);
    assert_eq!(cohort_of(&s, "no support").still_employed_mean, 5.0);
}

#[test]
fn a_finished_traineeship_is_not_still_employed() {
    let text = crate::util::scenario(12, 1, "contract_end_month = 6", "");
    let s = run(&model(&text), 1);
    assert_eq!(arrangement(&s, "no support").retention_at_horizon, 0.0);
    assert_eq!(arrangement(&s, "no support").months_active_mean, 6.0);
}

fn mentors(pupils: usize, absence_a: f64) -> String {
    class(
        pupils,
        14,
        12,
        &format!(
            r#"calendar = "noord"
hire_probability = 0.5

[[cohort.mentor]]
name = "A"
hours_per_week = 6
max_pupils = 6
absence_probability = {absence_a}
placements = ["leerling"]

[[cohort.mentor]]
name = "B"
hours_per_week = 6
max_pupils = 6
placements = ["tweede"]
"#
        ),
        "",
        &format!(
            r#"
[[placement]]
name = "tweede"
count = {pupils}
hours_per_week = 24
wage = "wml"
value_per_productive_hour = 30
productivity = {{ start = 0.3, target = 0.8, ramp_months = 6 }}
supervision = {{ initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 4, supervisor_cost = 40, available_hours_per_week = 10 }}
worker = {{ age = 17, group = "praktijkonderwijs" }}
learning = {{ months = 12, hours_per_week = 24 }}
"#
        ),
    )
    .replace("iterations = 1", "iterations = 200")
}

fn group<'a>(k: &'a CohortArrangement, name: &str) -> &'a inclusim::stats::cohort::CohortGroup {
    k.groups.iter().find(|g| g.placement == name).expect("group")
}

#[test]
fn more_pupils_per_mentor_lower_coverage_and_slow_the_ramp() {
    let few = run(&model(&mentors(1, 0.0)), 1);
    let many = run(&model(&mentors(4, 0.0)), 1);
    let (f, m) = (cohort_of(&few, "no support"), cohort_of(&many, "no support"));
    let cov = |k: &CohortArrangement| group(k, "leerling").coverage_mean.unwrap();
    assert_eq!(cov(f), 1.0, "one learner's 4 hours fit in 6");
    assert!(cov(m) < 0.9, "four learners share 6 hours: {}", cov(m));
    assert!(m.mentor_hours_per_pupil < f.mentor_hours_per_pupil);
    let productivity = |s: &inclusim::stats::Summary| {
        arrangement(s, "no support").monthly[11]
            .mean_productivity
            .unwrap()
    };
    assert!(
        productivity(&many) < productivity(&few),
        "less coverage, slower ramp-up"
    );
}

#[test]
fn a_mentors_absence_lowers_only_its_own_pupils_coverage() {
    let s = run(&model(&mentors(1, 0.3)), 1);
    let k = cohort_of(&s, "no support");
    assert!(group(k, "leerling").coverage_mean.unwrap() < 0.85);
    assert_eq!(group(k, "tweede").coverage_mean, Some(1.0));
    assert!(k.mentor_months_short_share.unwrap() > 0.05);
}

fn errors(text: &str) -> String {
    match inclusim::scenario::parse(std::path::Path::new("t.toml"), text) {
        Ok(_) => panic!("the scenario must be refused"),
        Err(d) => d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
    }
}

#[test]
fn bad_classes_get_clear_errors() {
    let no_end = class(2, 14, 12, "calendar = \"noord\"\nhire_probability = 0.5", "", "").replace(
        "learning = { months = 12, hours_per_week = 24 }",
        "learning = { hours_per_week = 24 }",
    );
    let e = errors(&no_end);
    assert!(
        e.contains("learning.months: a learning phase needs an end"),
        "{e}"
    );

    let crowded = mentors(7, 0.0);
    let e = errors(&crowded);
    assert!(
        e.contains("cohort.mentor: 2 learner(s) have no leermeester"),
        "{e}"
    );

    let overlap = class(
        2,
        14,
        12,
        "calendar = \"own\"\nhire_probability = 0.5\n[[cohort.holiday]]\nfrom = \"2026-10-17\"\nto = \"2026-10-25\"\n[[cohort.holiday]]\nfrom = \"2026-10-24\"\nto = \"2026-11-01\"",
        "",
        "",
    );
    let e = errors(&overlap);
    assert!(
        e.contains("cohort.holiday[1].from: this holiday (2026-10-24 to 2026-11-01) overlaps holiday 1"),
        "{e}"
    );

    let unknown = class(2, 14, 12, "calendar = \"west\"\nhire_probability = 0.5", "", "");
    assert!(errors(&unknown).contains("cohort.calendar"));

    let no_cohort = class(2, 14, 12, "", "", "").replace("[cohort]\n", "");
    assert!(errors(&no_cohort).contains("a learning phase needs a `[cohort]`"));

    let trial = class(
        2,
        14,
        12,
        "calendar = \"noord\"\nhire_probability = 0.5",
        "",
        "[[arrangement]]\nname = \"trial\"\ninstruments = [{ kind = \"proefplaatsing\", benefit_per_month = 0 }]",
    );
    assert!(errors(&trial).contains("a proefplaatsing cannot apply to `leerling`"));
}

#[test]
fn the_bundled_top_academy_runs_the_same_for_any_thread_count() {
    let text = std::fs::read_to_string("scenarios/top-academy-logistiek.toml").unwrap();
    let m = model(&text.replace("iterations = 4000", "iterations = 300"));
    let one = inclusim::export::json::summary(&run(&m, 1)).unwrap();
    let two = inclusim::export::json::summary(&run(&m, 2)).unwrap();
    assert_eq!(one, two);
    let s = run(&m, 2);
    let k = cohort_of(&s, "LKS + LKV + no-risk polis");
    assert!(k.hired_mean > 0.0 && k.hired_mean <= 7.0, "at most the vacancies");
    assert!((k.p_hired_at_least[0] - 1.0).abs() < 1e-12);
}
