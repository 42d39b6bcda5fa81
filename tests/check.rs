//! `inclusim check`, `schema` and `init`: exit codes, the report lines, the JUnit XML, the
//! JSON Schema against every shipped scenario and template, and the templates themselves.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::util::scenario;

fn inclusim() -> Command {
    Command::cargo_bin("inclusim").expect("binary built")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small scenario (24 months, 400 iterations, some uncertainty) with these `[[expect]]`s.
fn with_expectations(expect: &str) -> String {
    scenario(
        24,
        400,
        "dropout = { monthly = 0.02 }\ncapacity = { typical = 0.85, sick_start_probability = 0.03, sick_months = 1 }",
        expect,
    )
}

const HOLDS: &str = r#"
[[expect]]
arrangement = "no support"
metric = "retention_at_horizon"
at_least = 0.2

[[expect]]
arrangement = "no support"
metric = "npv.mean"
at_least = -1000000
at_most = 1000000
"#;

const FAILS: &str = r#"
[[expect]]
arrangement = "no support"
metric = "retention_at_horizon"
at_least = 0.2

[[expect]]
arrangement = "no support"
metric = "npv.mean"
at_least = 10000000
"#;

/// Not a valid scenario: `horizon_months` is text.
const INVALID: &str = "[scenario]\nname = \"bad\"\nstart = \"2027-01\"\nhorizon_months = \"twelve\"\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn expectation_that_holds_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "good.toml", &with_expectations(HOLDS));
    inclusim()
        .arg("check")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "PASS  [[expect]] #1: retention_at_horizon of \"no support\"",
        ))
        .stdout(predicate::str::contains(
            "PASS  [[expect]] #2: npv.mean of \"no support\"",
        ))
        .stdout(predicate::str::contains("margin +"))
        .stdout(predicate::str::contains("(400 iterations, seed 3)"));
}

#[test]
fn expectation_that_fails_exits_1_with_the_failing_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "failing.toml", &with_expectations(FAILS));
    inclusim()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("PASS  [[expect]] #1"))
        .stdout(predicate::str::is_match(r#"FAIL  \[\[expect\]\] #2: npv\.mean of "no support" = -?[0-9,]+ \(>= 10000000; margin -[0-9.]+ SE\)"#).unwrap());
}

#[test]
fn invalid_scenario_exits_2_with_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.toml", INVALID);
    inclusim()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("ERROR"))
        .stdout(predicate::str::is_match(r"bad\.toml:4:\d+: error").unwrap());
}

#[test]
fn folder_gives_the_worst_code_and_reports_every_scenario() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-good.toml", &with_expectations(HOLDS));
    write(dir.path(), "b-failing.toml", &with_expectations(FAILS));
    fs::create_dir(dir.path().join("c")).unwrap();
    write(&dir.path().join("c"), "c-bad.toml", INVALID);
    write(dir.path(), "d-none.toml", &with_expectations(""));
    write(dir.path(), "notes.txt", "not a scenario");
    let out = inclusim()
        .arg("check")
        .arg(dir.path())
        .arg("-j")
        .arg("2")
        .assert()
        .code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let positions: Vec<usize> = ["a-good.toml", "b-failing.toml", "c-bad.toml", "d-none.toml"]
        .iter()
        .map(|f| {
            stdout
                .find(f)
                .unwrap_or_else(|| panic!("{f} not reported:\n{stdout}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "input order:\n{stdout}"
    );
    assert!(stdout.contains("no [[expect]]"), "{stdout}");
    assert!(
        stdout.contains(
            "4 scenario(s): 2 passed, 1 failed, 1 invalid or not run; 4 expectation(s): 3 held, 1 failed"
        ),
        "{stdout}"
    );

    // Without the invalid file the worst is a failed expectation.
    fs::remove_file(dir.path().join("c/c-bad.toml")).unwrap();
    inclusim().arg("check").arg(dir.path()).assert().code(1);
}

#[test]
fn iterations_override_and_json_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "failing.toml", &with_expectations(FAILS));
    let out = inclusim()
        .args(["check", "--json", "--iterations", "300"])
        .arg(&file)
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["totals"]["exit_code"], 1);
    assert_eq!(json["totals"]["expectations_failed"], 1);
    let s = &json["scenarios"][0];
    assert_eq!(s["iterations"], 300);
    assert_eq!(s["outcome"], "ran");
    let e = &s["expectations"][1];
    assert_eq!(e["metric"], "npv.mean");
    assert_eq!(e["passed"], false);
    assert!(e["margin_se"].as_f64().unwrap() < -2.0, "{e}");
    assert!(e["se"].as_f64().unwrap() > 0.0, "{e}");
}

#[test]
fn results_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.toml", &with_expectations(HOLDS));
    write(dir.path(), "b.toml", &with_expectations(FAILS));
    let run = |threads: &str| {
        let out = inclusim()
            .args(["check", "-j", threads])
            .arg(dir.path())
            .assert()
            .code(1);
        out.get_output().stdout.clone()
    };
    assert_eq!(run("1"), run("4"), "1 thread vs 2 scenarios × 2 threads");
}

/// Checks the structure of a JUnit report (the Ant/Jenkins schema's required elements and
/// attributes) and returns (tests, failures, errors) as counted from the elements.
fn junit_counts(xml: &str) -> (usize, usize, usize) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attr = |n: roxmltree::Node, a: &str| -> usize {
        n.attribute(a)
            .unwrap_or_else(|| panic!("<{}> lacks {a}", n.tag_name().name()))
            .parse()
            .unwrap_or_else(|_| panic!("<{}> {a} is not a count", n.tag_name().name()))
    };
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for suite in root.children().filter(|n| n.is_element()) {
        assert_eq!(suite.tag_name().name(), "testsuite");
        for required in ["name", "tests", "failures", "errors", "time", "timestamp"] {
            assert!(suite.attribute(required).is_some(), "testsuite lacks {required}");
        }
        let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
        let suite_failures = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count();
        let suite_errors = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("error")))
            .count();
        for c in &cases {
            assert!(c.attribute("name").is_some() && c.attribute("classname").is_some());
            for child in c.children().filter(|n| n.is_element()) {
                assert!(
                    ["failure", "error", "skipped", "system-out", "system-err"]
                        .contains(&child.tag_name().name()),
                    "unexpected <{}> in testcase",
                    child.tag_name().name()
                );
                if child.has_tag_name("failure") || child.has_tag_name("error") {
                    assert!(
                        child.attribute("message").is_some(),
                        "<{}> lacks message",
                        child.tag_name().name()
                    );
                }
            }
        }
        assert_eq!(
            attr(suite, "tests"),
            cases.len(),
            "tests of {:?}",
            suite.attribute("name")
        );
        assert_eq!(attr(suite, "failures"), suite_failures);
        assert_eq!(attr(suite, "errors"), suite_errors);
        tests += cases.len();
        failures += suite_failures;
        errors += suite_errors;
    }
    assert_eq!(attr(root, "tests"), tests);
    assert_eq!(attr(root, "failures"), failures);
    assert_eq!(attr(root, "errors"), errors);
    (tests, failures, errors)
}

#[test]
fn junit_report_is_well_formed_and_counts_match() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("scenarios");
    fs::create_dir(&scenarios).unwrap();
    write(&scenarios, "a-good.toml", &with_expectations(HOLDS));
    write(&scenarios, "b-failing.toml", &with_expectations(FAILS));
    write(&scenarios, "c-bad <&>.toml", INVALID);
    write(&scenarios, "d-none.toml", &with_expectations(""));
    let report = dir.path().join("report.xml");
    inclusim()
        .arg("check")
        .arg(&scenarios)
        .arg("--junit")
        .arg(&report)
        .assert()
        .code(2);
    let xml = fs::read_to_string(&report).unwrap();
    // 2 + 2 expectations, one test case for the invalid file and one for the file without.
    assert_eq!(junit_counts(&xml), (6, 1, 1), "{xml}");
    assert!(xml.contains("c-bad &lt;&amp;&gt;.toml"), "{xml}");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn an_unwritable_junit_path_still_prints_the_results_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "good.toml", &with_expectations(HOLDS));
    // A regular file where a folder is needed: not writable even for root.
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, b"").unwrap();
    inclusim()
        .arg("check")
        .arg(&file)
        .arg("--junit")
        .arg(blocker.join("report.xml"))
        .assert()
        .code(3)
        .stdout(predicate::str::contains("PASS"))
        .stderr(predicate::str::contains("report.xml"));
}

#[test]
fn a_share_of_0_or_1_at_three_iterations_is_too_close_to_call() {
    let out = inclusim()
        .args(["check", "-n", "3", "--json"])
        .arg(root().join("scenarios"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shares = [
        "p_npv_positive",
        "break_even.p_within_horizon",
        "retention_at_horizon",
        "p_a_better",
    ];
    let mut seen = 0;
    for scenario in report["scenarios"].as_array().unwrap() {
        for e in scenario["expectations"].as_array().into_iter().flatten() {
            let value = e["value"].as_f64();
            if shares.contains(&e["metric"].as_str().unwrap())
                && matches!(value, Some(v) if v == 0.0 || v == 1.0)
            {
                seen += 1;
                assert_eq!(e["too_close"], true, "{e}");
                assert!(e["se"].as_f64().unwrap() > 0.05, "{e}");
            }
        }
    }
    assert!(seen > 0, "no share of 0 or 1 at -n 3: the test checks nothing");
}

/// The TOML file as the JSON value a schema validator sees.
fn toml_as_json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(value).unwrap()
}

fn schema_validator() -> jsonschema::Validator {
    let out = inclusim().arg("schema").assert().code(0);
    let schema: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema is a valid JSON Schema"
    );
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn schema_accepts_every_bundled_scenario_and_template() {
    let validator = schema_validator();
    let mut files = toml_files(&root().join("scenarios"));
    files.extend(toml_files(&root().join("src/templates")));
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let errors: Vec<String> = validator
            .iter_errors(&toml_as_json(&file))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
    }
}

#[test]
fn schema_and_validate_reject_the_bad_fixtures() {
    let validator = schema_validator();
    let files = toml_files(&root().join("tests/fixtures/schema-bad"));
    assert!(files.len() >= 3);
    for file in files {
        assert!(
            !validator.is_valid(&toml_as_json(&file)),
            "schema accepts {}",
            file.display()
        );
        inclusim().arg("validate").arg(&file).assert().code(2);
    }
}

#[test]
fn schema_directive_line_is_a_harmless_comment() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("#:schema ./inclusim.schema.json\n{}", with_expectations(HOLDS));
    let file = write(dir.path(), "with-directive.toml", &text);
    inclusim().arg("validate").arg(&file).assert().code(0);
    let schema = dir.path().join("inclusim.schema.json");
    inclusim().arg("schema").arg("-o").arg(&schema).assert().code(0);
    let written: serde_json::Value = serde_json::from_slice(&fs::read(&schema).unwrap()).unwrap();
    assert_eq!(written["additionalProperties"], false);
}

const TEMPLATES: [&str; 5] = [
    "retail-lks",
    "hospitality-summer",
    "wajong-loondispensatie",
    "detachering-sob",
    "top-academy",
];

#[test]
fn init_lists_templates_and_never_overwrites() {
    for args in [&["init", "--list"][..], &["init", "--template", "list"][..]] {
        let out = inclusim().args(args).assert().code(0);
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for t in TEMPLATES {
            assert!(stdout.contains(t), "{t} missing from {stdout}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    fs::write(&file, "# my own work\n").unwrap();
    inclusim()
        .arg("init")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "# my own work\n");
    inclusim()
        .args(["init", "--template", "nope"])
        .arg(dir.path().join("x.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown template `nope`"));
    inclusim().arg("init").assert().code(2);
}

/// Writes every template with `inclusim init` into a fresh folder.
fn init_all_templates(dir: &Path) {
    for t in TEMPLATES {
        let file = dir.join(format!("{t}.toml"));
        inclusim()
            .args(["init", "--template", t])
            .arg(&file)
            .assert()
            .code(0);
        assert!(fs::read_to_string(&file).unwrap().contains("[[expect]]"), "{t}");
    }
}

#[test]
fn init_output_of_every_template_validates() {
    let dir = tempfile::tempdir().unwrap();
    init_all_templates(dir.path());
    inclusim().arg("validate").arg(dir.path()).assert().code(0);
}

/// The templates' expectations hold when they are run as shipped. Needs the money rules of
/// every financing instrument: it fails with "not simulated by this version" until they land.
#[test]
fn check_passes_on_every_template() {
    let dir = tempfile::tempdir().unwrap();
    init_all_templates(dir.path());
    let out = inclusim().arg("check").arg(dir.path()).assert();
    let output = out.get_output();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn bundled_scenarios_pass_check() {
    inclusim()
        .arg("check")
        .arg(root().join("scenarios"))
        .assert()
        .code(0);
}
