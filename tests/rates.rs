//! The legal figures as a run uses them: a run names every figure it reads that is not yet
//! law in some month of its horizon (indexed past the last published value, announced by the
//! government, or set by the scenario), in `summary.json`, the terminal table and the report.

use std::path::PathBuf;

use inclusim::rates::{Figure, ValueStatus};
use inclusim::report::{self, Lang};

use crate::util::{run, scenario};

fn bundled_scenarios() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
}

/// Checks the run's list against the preset month by month: every figure in use that is not
/// published in a month is listed with that status from a month no later.
fn check_listed(model: &inclusim::model::Model, summary: &inclusim::stats::Summary, what: &str) {
    for figure in Figure::ALL {
        for t in (0..model.horizon).filter(|&t| model.reads_figure(figure, t)) {
            let month = model.start.add_months(t as i64);
            let status = model.rates.status(figure, month);
            if status == ValueStatus::Published {
                continue;
            }
            let listed = summary.rates.not_published.iter().any(|f| {
                f.figure == figure.as_str() && f.status == status.as_str() && f.from <= month.to_string()
            });
            assert!(
                listed,
                "{what}: {figure} is {} in {month} but not listed",
                status.as_str()
            );
        }
    }
}

#[test]
fn every_bundled_scenario_says_which_figures_are_not_yet_law() {
    for path in bundled_scenarios() {
        let what = path.display().to_string();
        let mut model = inclusim::scenario::load(&path).unwrap();
        model.iterations = 64;
        let summary = run(&model, 1);
        check_listed(&model, &summary, &what);
        // Every bundled scenario runs past the last published minimum wage.
        let wml = summary
            .rates
            .not_published
            .iter()
            .find(|f| f.figure == "min_wage_hour")
            .unwrap_or_else(|| panic!("{what}: the indexed minimum wage is not listed"));
        assert_eq!(wml.status, "indexed");
        // (The minimum wage of 1 July 2026 is the last published one; from January 2027 it
        // is indexed.)
        let first_indexed = model
            .start
            .max(inclusim::calendar::YearMonth::new(2027, 1).unwrap());
        assert_eq!(wml.from, first_indexed.to_string(), "{what}");
        let table = inclusim::export::table::render(&summary);
        assert!(table.contains("not (yet) published law"), "{what}");
        for f in &summary.rates.not_published {
            assert!(
                table.contains(&format!(" ({}): ", f.figure)),
                "{what}: {}",
                f.figure
            );
        }
        let files = report::build(
            &model,
            &summary,
            report::Options {
                lang: Lang::Nl,
                png: false,
            },
        )
        .unwrap();
        let html = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(html.contains("zijn al wet"), "{what}");
    }
}

#[test]
fn a_young_worker_lists_the_announced_youth_wage_and_an_adult_does_not() {
    let young = scenario(24, 16, "worker = { age = 19 }", "").replace("wage = 15.0", "wage = \"wml\"");
    let m = crate::util::model(&young.replace("start = \"2027-01\"", "start = \"2026-06\""));
    let s = run(&m, 1);
    check_listed(&m, &s, "young");
    let listed: Vec<(&str, &str, &str)> = s
        .rates
        .not_published
        .iter()
        .map(|f| (f.figure.as_str(), f.status, f.from.as_str()))
        .collect();
    // 19 in 2026, 20 from mid-2027: both shares of 2027 are announced, not law.
    assert!(
        listed.contains(&("youth_min_wage_share_19", "announced", "2027-01")),
        "{listed:?}"
    );
    assert!(
        listed.contains(&("youth_min_wage_share_20", "announced", "2027-06")),
        "{listed:?}"
    );
    assert!(
        listed.contains(&("min_wage_hour", "indexed", "2027-01")),
        "{listed:?}"
    );
    assert!(!listed.iter().any(|(f, ..)| f.ends_with("_18")), "{listed:?}");

    let adult = crate::util::model(&scenario(24, 16, "", ""));
    assert!(!adult.figures_in_use().contains(&Figure::YouthMinWageShare19));
    let s = run(&adult, 1);
    assert!(
        !s.rates
            .not_published
            .iter()
            .any(|f| f.figure.starts_with("youth"))
    );
}

#[test]
fn docs_rates_md_lists_every_figure_of_the_default_preset() {
    let doc = std::fs::read_to_string("docs/rates.md").unwrap();
    let rates = inclusim::rates::load_preset(inclusim::rates::DEFAULT_PRESET).unwrap();
    assert!(doc.contains(&format!("## The figures (preset `{}`)", rates.name())));
    for row in rates.rows() {
        let line = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", row.key)))
            .unwrap_or_else(|| panic!("docs/rates.md has no row for {}", row.key));
        for (from, _) in &row.values {
            assert!(
                line.contains(&format!("({from}")),
                "{}: no value from {from}",
                row.key
            );
        }
    }
}

#[test]
fn a_bbl_learner_is_paid_the_bbl_scale_until_it_ends_in_2027() {
    // Six months in the second half of 2026, then six in 2027, at age 19 on the minimum wage.
    let text = |bbl: bool| {
        scenario(12, 4, &format!("worker = {{ age = 19, bbl = {bbl} }}"), "")
            .replace("wage = 15.0", "wage = \"wml\"")
            .replace("start = \"2027-01\"", "start = \"2026-07\"")
    };
    let wage = |bbl: bool| {
        let m = crate::util::model(&text(bbl));
        let s = run(&m, 1);
        crate::util::arrangement(&s, "no support").lines["wage"]
    };
    let (general, bbl) = (wage(false), wage(true));
    // € 14.99 an hour in 2026; in 2027 the indexed € 14.99·√1.03. 20 hours, 8% holiday pay.
    let month = |hourly: f64, share: f64| hourly * share * 20.0 * 52.0 / 12.0 * 1.08;
    let h2027 = 14.99 * 1.03_f64.sqrt();
    let by_hand = |share_2026: f64| 6.0 * month(14.99, share_2026) + 6.0 * month(h2027, 0.75);
    assert_eq!(crate::util::cents(general), crate::util::cents(by_hand(0.60)));
    assert_eq!(crate::util::cents(bbl), crate::util::cents(by_hand(0.525)));
    let m = crate::util::model(&text(true));
    assert!(m.figures_in_use().contains(&Figure::YouthMinWageShareBbl19));
    assert!(!m.figures_in_use().contains(&Figure::YouthMinWageShare19));
}
