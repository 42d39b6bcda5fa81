//! Sensitivity, value of information, `--set`, `solve`, `gap`, `sweep` and `compare`
//! (docs/sensitivity.md).

use std::path::Path;

use crate::util::{inclusim, model, run, scenario, stderr_of, write_scenario};

/// Runs `inclusim run --json` on `text` and returns the summary JSON.
fn summary_json(dir: &Path, text: &str, args: &[&str]) -> serde_json::Value {
    let path = write_scenario(dir, "s.toml", text);
    let out = inclusim()
        .arg("run")
        .arg(&path)
        .args(args)
        .args(["--json", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// NPV of the only arrangement ("no support") of a deterministic run of `text`.
fn npv(text: &str) -> f64 {
    let s = run(&model(text), 1);
    assert!(
        s.arrangements[0].npv.sd.abs() < 1e-6,
        "the case must be deterministic"
    );
    s.arrangements[0].npv.mean
}

/// The deterministic util scenario without dropout, with `value` per productive hour.
fn linear(value: &str, extra_placement: &str) -> String {
    scenario(24, 2000, extra_placement, "").replace(
        "value_per_productive_hour = 30",
        &format!("value_per_productive_hour = {value}"),
    )
}

#[test]
fn the_tornado_ranks_a_linear_input_first_with_the_analytical_swing_and_an_unused_one_near_zero() {
    // NPV = a + b·v with v ~ U(20, 40); the exit cost never falls due (no dropout), so it is
    // independent of the NPV. Swing = b·(E[v | v ≥ q90] − E[v | v ≤ q10]) = b·0.9·20.
    let independent = "dropout = { monthly = 0, exit_cost = { dist = \"uniform\", min = 0, max = 5000 } }";
    let b = (npv(&linear("40", independent)) - npv(&linear("20", independent))) / 20.0;
    assert!(b > 100.0, "slope {b}");
    let dir = tempfile::tempdir().unwrap();
    // A benefit of U(0, 3000) at hiring adds independent scatter (so the ranks are not tied
    // to v alone and the partial rank correlations exist).
    let scatter = "\n[[placement.benefit]]\nname = \"scatter\"\namount = { dist = \"uniform\", min = 0, max = 3000 }\nat_month = 0\n";
    let json = summary_json(
        dir.path(),
        &(linear("{ dist = \"uniform\", min = 20, max = 40 }", independent) + scatter),
        &[],
    );
    let outputs = json["sensitivity"]["outputs"].as_array().unwrap();
    let npv = &outputs[0];
    assert_eq!(npv["kind"], "npv");
    let inputs = npv["inputs"].as_array().unwrap();
    assert_eq!(inputs[0]["input"], "worker.value_per_productive_hour");
    assert_eq!(inputs[1]["input"], "worker.benefit.scatter.amount");
    assert_eq!(inputs[2]["input"], "worker.dropout.exit_cost");
    let swing = inputs[0]["swing"].as_f64().unwrap();
    let se = inputs[0]["swing_se"].as_f64().unwrap();
    let expected = b * 0.9 * 20.0;
    assert!(
        (swing - expected).abs() < 4.0 * se + 1e-6,
        "swing {swing} vs {expected} ± {se}"
    );
    assert!(inputs[0]["spearman"].as_f64().unwrap() > 0.9);
    assert!(inputs[0]["prcc"].as_f64().unwrap() > 0.9);
    let prcc = inputs[2]["prcc"].as_f64().unwrap();
    assert!(prcc.abs() < 0.1, "PRCC of the independent input {prcc}");
    // One arrangement whose NPV is positive in every iteration or negative in every one: the
    // value of information is that of knowing v when the choice flips at NPV 0 (here none).
    let voi = &json["sensitivity"]["value_of_information"];
    assert!(voi["evpi"]["value"].as_f64().unwrap() >= 0.0);
}

#[test]
fn evpi_is_zero_when_an_arrangement_dominates_and_is_always_positive() {
    // A grant of € 100,000 makes the placement pay off in every iteration, whatever v.
    let text = linear("{ dist = \"uniform\", min = 20, max = 40 }", "")
        + "\n[[arrangement]]\nname = \"grant\"\ninstruments = [{ kind = \"grant\", name = \"big\", amount = 100000, per = \"one_off\" }]\n";
    let dir = tempfile::tempdir().unwrap();
    let json = summary_json(dir.path(), &text, &["-n", "500"]);
    let voi = &json["sensitivity"]["value_of_information"];
    assert_eq!(voi["chosen"], "grant");
    assert_eq!(voi["evpi"]["value"].as_f64().unwrap(), 0.0);
    for p in voi["partial"].as_array().unwrap() {
        assert_eq!(p["value"].as_f64().unwrap(), 0.0, "{p}");
    }
}

#[test]
fn set_gives_byte_identical_outputs_to_the_same_edit_in_the_file() {
    let original = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let edited = original.replacen("hours_per_week = 24", "hours_per_week = 32", 1);
    assert_ne!(original, edited);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::write(a.path().join("s.toml"), &original).unwrap();
    std::fs::write(b.path().join("s.toml"), &edited).unwrap();
    for (dir, set) in [(a.path(), true), (b.path(), false)] {
        let mut cmd = inclusim();
        cmd.current_dir(dir)
            .args(["run", "s.toml", "-n", "300", "-q", "-o", "out"]);
        if set {
            cmd.args(["--set", "placement.vakkenvuller.hours_per_week=32"]);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    for file in [
        "summary.json",
        "samples.csv",
        "monthly.csv",
        "ledger.csv",
        "report.html",
        "report.xlsx",
    ] {
        let x = std::fs::read(a.path().join("out").join(file)).unwrap();
        let y = std::fs::read(b.path().join("out").join(file)).unwrap();
        assert!(x == y, "{file} differs between --set and the edited file");
    }
}

#[test]
fn a_bad_set_names_the_argument_and_exits_2() {
    let path = Path::new("scenarios/supermarkt-vakkenvuller.toml");
    for (arg, says) in [
        ("placement.vakkenvuller.hours_per_week=-3", "must be above 0"),
        ("placement.vakkenvuller.wage=wml", "not a TOML value"),
        ("placement.shelf.hours_per_week=3", "no entry `shelf`"),
        ("hours_per_week", "expected KEY=VALUE"),
    ] {
        let out = inclusim()
            .arg("run")
            .arg(path)
            .args(["-n", "10", "--set", arg])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{arg}");
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("--set {arg}")) && err.contains(says),
            "{arg}: {err}"
        );
    }
}

/// Runs a what-if command with --json and returns (exit code, JSON or stderr).
fn whatif(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = inclusim().args(args).arg("--json").output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr_of(&out))
}

#[test]
fn solve_finds_the_analytical_threshold_of_a_deterministic_case() {
    // NPV is linear in the value per hour: zero at v* = v₀ − NPV(v₀)/b.
    let b = (npv(&linear("40", "")) - npv(&linear("20", ""))) / 20.0;
    let v_star = 30.0 - npv(&linear("30", "")) / b;
    let dir = tempfile::tempdir().unwrap();
    let path = write_scenario(dir.path(), "s.toml", &linear("30", ""));
    let p = path.to_str().unwrap();
    let (code, json, err) = whatif(&[
        "solve",
        p,
        "-n",
        "4",
        "--vary",
        "placement.worker.value_per_productive_hour",
        "--target",
        "npv.mean>=0",
        "--between",
        "0",
        "100",
        "--tolerance",
        "0.001",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json["outcome"], "threshold");
    let found = json["value"].as_f64().unwrap();
    assert!(
        found >= v_star - 1e-9 && found - v_star <= 0.001,
        "{found} vs {v_star}"
    );
    assert_eq!(json["holds_above"], true);
    // Out of reach within the bounds: exit code 4 and a clear message.
    let out = inclusim()
        .args([
            "solve",
            p,
            "-n",
            "4",
            "--vary",
            "placement.worker.value_per_productive_hour",
        ])
        .args([
            "--target",
            "npv.mean>=0",
            "--between",
            "0",
            &format!("{}", v_star / 2.0),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr_of(&out).contains("not reached"), "{}", stderr_of(&out));
}

#[test]
fn gap_returns_the_exact_missing_amount_of_a_deterministic_case() {
    let with_grant = |amount: f64| {
        linear("30", "")
            + &format!(
                "\n[[arrangement]]\nname = \"A\"\ninstruments = [{{ kind = \"grant\", name = \"g\", amount = {amount}, per = \"one_off\" }}]\n"
            )
    };
    let s0 = run(&model(&with_grant(0.0)), 1);
    let s1 = run(&model(&with_grant(1000.0)), 1);
    let npv0 = crate::util::arrangement(&s0, "A").npv.mean;
    let per_euro = (crate::util::arrangement(&s1, "A").npv.mean - npv0) / 1000.0;
    assert!(npv0 < 0.0 && per_euro > 0.9, "{npv0} {per_euro}");
    let expected = -npv0 / per_euro;
    let dir = tempfile::tempdir().unwrap();
    let path = write_scenario(dir.path(), "s.toml", &with_grant(0.0));
    let (code, json, err) = whatif(&[
        "gap",
        path.to_str().unwrap(),
        "-n",
        "4",
        "--target",
        "npv.mean>=0",
        "--arrangement",
        "A",
        "--tolerance",
        "0.01",
    ]);
    assert_eq!(code, 0, "{err}");
    let found = json["value"].as_f64().unwrap();
    assert!(
        found >= expected - 1e-6 && found - expected <= 0.01,
        "{found} vs {expected}"
    );
}

#[test]
fn a_sweep_on_common_random_numbers_is_monotone_where_the_model_is() {
    let (code, json, err) = whatif(&[
        "sweep",
        "scenarios/supermarkt-vakkenvuller.toml",
        "-n",
        "600",
        "--vary",
        "placement.vakkenvuller.supervision.initial_hours_per_week=4,6,8,10",
    ]);
    assert_eq!(code, 0, "{err}");
    let a = json["arrangements"]
        .as_array()
        .unwrap()
        .iter()
        .position(|a| a == "LKS + no-risk + LKV")
        .unwrap();
    let p: Vec<f64> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["metric"][a].as_f64().unwrap())
        .collect();
    assert!(p.windows(2).all(|w| w[1] <= w[0]), "P(NPV > 0) must fall: {p:?}");
    assert!(p[0] > p[3] + 0.1, "{p:?}");
}

#[test]
fn compare_pairs_files_that_share_placements_and_refuses_others() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_scenario(dir.path(), "a.toml", &linear("30", ""));
    let b = write_scenario(dir.path(), "b.toml", &linear("31", ""));
    let (code, json, err) = whatif(&["compare", a.to_str().unwrap(), b.to_str().unwrap(), "-n", "20"]);
    assert_eq!(code, 0, "{err}");
    let diff = json["arrangements"][0]["mean_diff"].as_f64().unwrap();
    let expected = npv(&linear("31", "")) - npv(&linear("30", ""));
    assert!((diff - expected).abs() < 1e-6, "{diff} vs {expected}");
    let c = write_scenario(
        dir.path(),
        "c.toml",
        &linear("30", "").replace("name = \"worker\"", "name = \"other\""),
    );
    let out = inclusim()
        .args(["compare", a.to_str().unwrap(), c.to_str().unwrap(), "-n", "20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("cannot be paired"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn the_report_says_what_decides_the_outcome_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, heading) in [
        ("nl", "Wat bepaalt de uitkomst het meest?"),
        ("en", "What decides the outcome most?"),
    ] {
        let out_dir = dir.path().join(lang);
        let out = inclusim()
            .args([
                "report",
                "scenarios/supermarkt-vakkenvuller.toml",
                "-n",
                "800",
                "-q",
                "--lang",
                lang,
                "-o",
            ])
            .arg(&out_dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let html = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
        assert!(html.contains(heading), "{lang}");
        assert!(html.contains("id=\"chart-tornado\""));
        let first = if lang == "nl" {
            "waarde van een volledig productief uur"
        } else {
            "value of one fully productive hour"
        };
        assert!(html.contains(first), "{lang}: the top input is named in words");
        assert!(out_dir.join("charts/tornado.svg").exists());
    }
}

#[test]
fn report_solve_and_sweep_add_a_plain_sentence_and_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = inclusim()
        .args([
            "report",
            "scenarios/supermarkt-vakkenvuller.toml",
            "-n",
            "300",
            "-q",
            "-o",
        ])
        .arg(dir.path())
        .args([
            "--arrangement",
            "LKS + no-risk + LKV",
            "--solve",
            "placement.vakkenvuller.supervision.initial_hours_per_week:p_npv_positive>=0.6:2:12",
            "--sweep",
            "placement.vakkenvuller.hours_per_week=16,32",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("Wat is er nodig om het wél te laten slagen?"));
    assert!(
        html.contains("verdient de plaatsing zich in minstens 60,0% van de gevallen terug zolang begeleiding bij de start hoogstens"),
        "the threshold in one sentence"
    );
    assert!(html.find("id=\"what-if\"") < html.find("id=\"assumptions\""));
}

/// `report --gap` states the extra support that closes the gap. For the mean NPV and one-off
/// support at the start the gap is the arrangement's mean loss (a grant adds its discounted
/// amount to every future's NPV): between the loss and 1% more, rounded up to € 10.
#[test]
fn report_gap_names_the_support_that_closes_the_mean_loss() {
    let run = inclusim()
        .args([
            "run",
            "scenarios/supermarkt-vakkenvuller.toml",
            "-n",
            "300",
            "--json",
        ])
        .output()
        .unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let loss = -summary["arrangements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Detachering")
        .unwrap()["npv"]["mean"]
        .as_f64()
        .unwrap();
    assert!(loss > 0.0, "Detachering loses on average: {loss}");
    let dir = tempfile::tempdir().unwrap();
    let out = inclusim()
        .args([
            "report",
            "scenarios/supermarkt-vakkenvuller.toml",
            "-n",
            "300",
            "-q",
            "--lang",
            "en",
            "-o",
        ])
        .arg(dir.path())
        .args([
            "--arrangement",
            "Detachering",
            "--gap",
            "npv.mean>=0",
            "--gap",
            "npv.mean>=0:0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a month count of 0 is refused");
    assert!(
        stderr_of(&out).contains("--gap npv.mean>=0:0: M after the colon is the number of months, 1 to 600")
    );
    let out = inclusim()
        .args([
            "report",
            "scenarios/supermarkt-vakkenvuller.toml",
            "-n",
            "300",
            "-q",
            "--lang",
            "en",
            "-o",
        ])
        .arg(dir.path())
        .args(["--arrangement", "Detachering", "--gap", "npv.mean>=0"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let start = html
        .find("the mean net present value is at least €0 with an extra one-off contribution of €")
        .expect("the gap's sentence");
    let rest = &html[start..];
    let amount: f64 = rest[rest.find("of €").unwrap() + "of €".len()..]
        .split(' ')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    assert!(
        amount >= loss && amount <= loss * 1.01 + 10.0,
        "gap {amount} for a mean loss of {loss}"
    );
    assert_eq!(amount % 10.0, 0.0, "rounded up to € 10: {amount}");
}
