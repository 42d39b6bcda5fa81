//! The binary's commands end to end: `run --json`, `run --out`, thread-count independence of
//! the files, exit codes, `--help`, and a closed stdout pipe.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{inclusim, scenario, stderr_of, write_scenario};

/// A small valid scenario with two arrangements (the baseline and an empty one), uncertain
/// inputs, sickness, dropout and a peak, so that every output has something to say.
fn small_scenario(dir: &Path) -> PathBuf {
    let placement = r#"capacity = { typical = 0.85, volatility = 0.4, persistence = 0.5, sick_start_probability = 0.05, sick_months = { dist = "lognormal", p5 = 0.25, p95 = 3 } }
dropout = { monthly = 0.02, shortfall_factor = 2 }"#;
    let extra = r#"
[[peak]]
months = ["dec"]
supervision_availability = 0.5

[[arrangement]]
name = "own risk"
"#;
    let text = scenario(18, 64, placement, extra).replace(
        "wage = 15.0",
        r#"wage = { dist = "uniform", min = 15, max = 17 }"#,
    );
    write_scenario(dir, "small.toml", &text)
}

fn run_json(file: &Path, extra: &[&str]) -> Value {
    let out = inclusim()
        .args(["run", "--json", "--quiet"])
        .arg(file)
        .args(extra)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn run_json_has_the_documented_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let s = run_json(&file, &["--seed", "11", "--iterations", "40"]);
    assert_eq!(s["scenario"], "test");
    assert_eq!(s["seed"], 11);
    assert_eq!(s["iterations"], 40);
    assert_eq!(s["horizon_months"], 18);
    assert!(s["model_version"].as_str().is_some_and(|v| !v.is_empty()), "{s}");
    let arrangements = s["arrangements"].as_array().expect("arrangements[]");
    let names: Vec<&str> = arrangements.iter().filter_map(|a| a["name"].as_str()).collect();
    assert_eq!(names, ["no support", "own risk"]);
    for a in arrangements {
        for key in [
            "mean", "mcse", "sd", "p5", "p10", "p25", "p50", "p75", "p90", "p95",
        ] {
            assert!(a["npv"][key].is_f64(), "npv.{key} in {a}");
        }
        let npv = &a["npv"];
        let q = |k: &str| npv[k].as_f64().unwrap_or(f64::NAN);
        assert!(q("p5") <= q("p50") && q("p50") <= q("p95"), "{npv}");
        for key in [
            "p_npv_positive",
            "p_npv_positive_se",
            "cvar5",
            "retention_at_horizon",
        ] {
            assert!(a[key].is_number(), "{key} in {a}");
        }
        let p = a["p_npv_positive"].as_f64().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&p), "{p}");
        let be = &a["break_even"];
        assert!(be["p50_month"].is_null() || be["p50_month"].is_u64(), "{be}");
        assert!(be["p_within_horizon"].is_number(), "{be}");
        let lines = a["lines"].as_object().expect("lines{}");
        for line in ["production_value", "wage", "employer_burden", "supervision"] {
            assert!(lines.get(line).is_some_and(Value::is_number), "lines.{line}: {a}");
        }
    }
}

#[test]
fn run_out_writes_every_file_and_no_temporaries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let out_dir = dir.path().join("out/nested");
    let out = inclusim()
        .args(["run", "--quiet", "--iterations", "37", "--out"])
        .arg(&out_dir)
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        files_in(&out_dir),
        [
            "charts",
            "ledger.csv",
            "monthly.csv",
            "report.html",
            "report.xlsx",
            "samples.csv",
            "summary.json"
        ]
    );
    let summary: Value =
        serde_json::from_slice(&fs::read(out_dir.join("summary.json")).expect("summary.json")).expect("JSON");
    assert_eq!(summary["iterations"], 37);
    let samples = fs::read_to_string(out_dir.join("samples.csv")).expect("samples.csv");
    let arrangements = 2;
    assert_eq!(
        samples.lines().count(),
        2 + 37 * arrangements,
        "the run's line, the header and one row per iteration and arrangement"
    );
    let monthly = fs::read_to_string(out_dir.join("monthly.csv")).expect("monthly.csv");
    assert_eq!(monthly.lines().count(), 2 + 18 * arrangements);
    let ledger = fs::read_to_string(out_dir.join("ledger.csv")).expect("ledger.csv");
    // Every file names its run: the same line opens each CSV, and summary.json holds it.
    let run = summary["run"].as_str().expect("run").to_owned();
    assert!(
        run.contains("seed 3") && run.contains("iterations 37") && run.contains("sha256 "),
        "{run}"
    );
    for text in [&samples, &monthly, &ledger] {
        assert_eq!(text.lines().next(), Some(format!("# {run}").as_str()));
    }
    assert!(
        ledger
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("arrangement,payer,payee,line,mean")),
        "{ledger}"
    );
    assert!(ledger.lines().count() > 1, "{ledger}");
}

#[test]
fn one_and_two_threads_write_identical_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let outputs: Vec<PathBuf> = ["1", "2"]
        .iter()
        .map(|threads| {
            let out_dir = dir.path().join(format!("threads-{threads}"));
            let out = inclusim()
                .args([
                    "run",
                    "--quiet",
                    "--iterations",
                    "300",
                    "--threads",
                    threads,
                    "--out",
                ])
                .arg(&out_dir)
                .arg(&file)
                .output()
                .expect("runs");
            assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
            out_dir
        })
        .collect();
    for name in ["summary.json", "samples.csv"] {
        let one = fs::read(outputs[0].join(name)).expect("threads 1 output");
        let two = fs::read(outputs[1].join(name)).expect("threads 2 output");
        assert!(one == two, "{name} differs between --threads 1 and --threads 2");
    }
}

#[test]
fn run_out_into_an_unwritable_path_exits_3_and_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    // A regular file where a folder is needed: not writable even for root.
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, "a file").expect("write");
    let target = blocker.join("out");
    let out = inclusim()
        .args(["run", "--quiet", "--iterations", "5", "--out"])
        .arg(&target)
        .arg(&file)
        .output()
        .expect("runs");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains(&target.display().to_string()), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn run_on_an_invalid_file_exits_2_with_the_diagnostic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = scenario(12, 10, "", "").replace("start = 0.3", "start = 1.3");
    let file = write_scenario(dir.path(), "bad.toml", &text);
    let out = inclusim()
        .args(["run", "--json"])
        .arg(&file)
        .output()
        .expect("runs");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout for an invalid scenario");
    let prefix = format!("{}:", file.display());
    assert!(
        stderr.lines().any(|l| l.starts_with(&prefix)
            && l.contains(": error: placement[0] \"worker\" .productivity.start: ")),
        "{stderr}"
    );
}

#[test]
fn help_of_every_command_lists_only_its_own_exit_codes() {
    for (args, has, lacks) in [
        (
            &["--help"][..],
            &["1  an expectation failed", "2  invalid scenario"][..],
            &[][..],
        ),
        (
            &["run", "--help"],
            &["2  invalid scenario", "3  the run or its outputs failed"],
            &["1  "],
        ),
        (
            &["report", "--help"],
            &["2  invalid scenario", "--pdf: no Chromium"],
            &["1  "],
        ),
        (
            &["validate", "--help"],
            &["0  every scenario is valid", "--deny-warnings"],
            &["1  ", "3  "],
        ),
        (&["rates", "--help"], &["2  unknown preset"], &["1  "]),
        (&["check", "--help"], &["1  an expectation does not hold"], &[]),
        (
            &["schema", "--help"],
            &["3  the schema could not be written"],
            &["1  "],
        ),
        (&["init", "--help"], &["2  unknown template"], &["1  "]),
        (&["help", "run"], &["3  the run or its outputs failed"], &["1  "]),
    ] {
        let out = inclusim().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        let help = String::from_utf8_lossy(&out.stdout);
        let codes = &help[help
            .find("Exit codes")
            .unwrap_or_else(|| panic!("{args:?}:\n{help}"))..];
        for h in has {
            assert!(help.contains(h), "{args:?} lacks {h:?}:\n{help}");
        }
        for l in lacks {
            assert!(!codes.contains(l), "{args:?} lists {l:?}:\n{codes}");
        }
    }
}

#[test]
fn report_pdf_without_a_browser_fails_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let out = inclusim()
        .args(["report", "--quiet", "-n", "20", "--pdf", "--out"])
        .arg(dir.path().join("out"))
        .arg(&file)
        .env("PATH", dir.path())
        .output()
        .expect("runs");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("--pdf needs Chromium or Chrome"), "{stderr}");
    assert!(stderr.contains("--chrome PROGRAM"), "{stderr}");
    let out = inclusim()
        .args(["report", "--quiet", "-n", "20", "--chrome"])
        .arg(dir.path().join("no-such-chrome"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr_of(&out).contains("--chrome: no such program"));
}

#[test]
fn unknown_flag_exits_2() {
    let out = inclusim()
        .args(["run", "--no-such-flag", "x.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdout_piped_into_head_is_not_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let bin = env!("CARGO_BIN_EXE_inclusim");
    for format in ["--json", "--quiet"] {
        let script = format!(
            "'{bin}' run {format} --iterations 50 '{}' | head -c 10 >/dev/null",
            file.display()
        );
        let out = Command::new("sh")
            .arg("-c")
            .arg(&script)
            .output()
            .expect("sh runs");
        let stderr = stderr_of(&out);
        assert!(out.status.success(), "{script}: {stderr}");
        assert!(!stderr.contains("panicked"), "{script}: {stderr}");
    }
}

#[test]
fn stdout_closed_before_the_output_exits_0_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    for format in ["--json", "--quiet"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_inclusim"))
            .args(["run", format, "--iterations", "200"])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        // Close the read end at once: every write to stdout meets a broken pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("waits");
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

#[test]
fn every_field_of_summary_json_is_documented() {
    // docs/output.md documents every field; a field added to the summary without a line
    // there fails here. Keys that are data (line and party names) are not fields.
    let s = run_json(
        Path::new("tests/fixtures/good/every-feature.toml"),
        &["--iterations", "30"],
    );
    let doc = fs::read_to_string("docs/output.md").expect("docs/output.md");
    fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    out.insert(k.clone());
                    if !matches!(k.as_str(), "lines" | "lines_mcse" | "party_net") {
                        keys(child, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| keys(i, out)),
            _ => {}
        }
    }
    let mut all = std::collections::BTreeSet::new();
    keys(&s, &mut all);
    assert!(all.len() > 40, "{all:?}");
    let documented = |k: &str| {
        ["`", "."].iter().any(|before| {
            ["`", ".", "[", "{"]
                .iter()
                .any(|after| doc.contains(&format!("{before}{k}{after}")))
        })
    };
    let missing: Vec<&String> = all.iter().filter(|k| !documented(k)).collect();
    assert!(
        missing.is_empty(),
        "not documented in docs/output.md: {missing:?}"
    );
}

#[test]
fn out_naming_a_file_is_an_output_error_that_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let taken = dir.path().join("taken");
    fs::write(&taken, "not a folder").unwrap();
    let out = inclusim()
        .args(["run", "--quiet", "--iterations", "5", "--out"])
        .arg(&taken)
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3), "exit code 3: outputs failed");
    let err = stderr_of(&out);
    assert!(err.contains("taken") && err.contains("not a directory"), "{err}");
    assert_eq!(
        fs::read_to_string(&taken).unwrap(),
        "not a folder",
        "left as it was"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file_and_exits_130() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let out_dir = dir.path().join("out");
    let child = Command::new(env!("CARGO_BIN_EXE_inclusim"))
        .args([
            "run",
            "--quiet",
            "--threads",
            "1",
            "--iterations",
            "50000000",
            "--out",
        ])
        .arg(&out_dir)
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    // Wait until the streamed samples.csv is being written under its temporary name.
    let temps = |dir: &Path| -> Vec<String> {
        fs::read_dir(dir)
            .map(|entries| {
                entries
                    .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .filter(|n| n.contains(".tmp-"))
                    .collect()
            })
            .unwrap_or_default()
    };
    let started = std::time::Instant::now();
    while temps(&out_dir).is_empty() {
        assert!(started.elapsed().as_secs() < 60, "no temporary file appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(130), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("interrupted"), "{}", stderr_of(&out));
    assert_eq!(
        temps(&out_dir),
        Vec::<String>::new(),
        "temporary files left behind"
    );
    assert_eq!(files_in(&out_dir), Vec::<String>::new(), "no output appears");
}

#[test]
fn a_newline_in_a_scenario_string_stays_on_one_error_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    // An unknown instrument kind echoes its text: a forged second diagnostic must stay inert.
    let text = scenario(12, 16, "", "")
        + "\n[[arrangement]]\nname = \"x\"\ninstruments = [{ kind = \"lks\\nother.toml:1:1: error: forged\" }]\n";
    let file = write_scenario(dir.path(), "evil.toml", &text);
    let out = inclusim().args(["validate"]).arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(errors[0].starts_with(&file.display().to_string()), "{err}");
    assert!(errors[0].contains("lks\\nother.toml:1:1: error: forged"), "{err}");
    let text = scenario(12, 16, "", "") + "\n[[arrangement]]\nname = \"\\u001b[2Jwipe\"\n";
    let file = write_scenario(dir.path(), "escape.toml", &text);
    let out = inclusim()
        .args(["run", "-n", "16"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let table = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!table.contains('\u{1b}'), "{table}");
    assert!(table.contains("\\u{1b}[2Jwipe"), "{table}");
}

#[test]
fn csv_text_cells_that_look_like_formulas_are_neutralised() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        scenario(12, 16, "", "") + "\n[[arrangement]]\nname = \"=HYPERLINK(\\\"http://x\\\";\\\"y\\\")\"\n";
    let file = write_scenario(dir.path(), "formula.toml", &text);
    let out_dir = dir.path().join("out");
    let out = inclusim()
        .args(["run", "--quiet", "-n", "16", "--out"])
        .arg(&out_dir)
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    for name in ["samples.csv", "monthly.csv", "ledger.csv"] {
        let csv = fs::read_to_string(out_dir.join(name)).expect("csv");
        assert!(csv.contains("'=HYPERLINK("), "{name}: {csv}");
        assert!(
            !csv.contains(",=HYPERLINK(") && !csv.contains("\n=HYPERLINK("),
            "{name}"
        );
    }
}

#[test]
fn implausible_values_are_errors_or_warnings_at_their_keys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let validate = |name: &str, text: &str| {
        let file = write_scenario(dir.path(), name, text);
        let out = inclusim().arg("validate").arg(&file).output().expect("runs");
        (out.status.code(), stderr_of(&out))
    };
    // No week has more than 168 hours.
    let (code, err) = validate(
        "week.toml",
        &scenario(12, 16, "", "").replace("hours_per_week = 20", "hours_per_week = 200"),
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("hours_per_week: 200 is not allowed; this input must be above 0 and at most 168"),
        "{err}"
    );
    // Above the Arbeidstijdenwet's 60 hours: valid, with a warning.
    let (code, err) = validate(
        "long.toml",
        &scenario(12, 16, "", "").replace("hours_per_week = 20", "hours_per_week = 70"),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(
            ": warning: placement[0] \"worker\" .hours_per_week: up to 70 hours a week is more than the 60"
        ),
        "{err}"
    );
    // A wage below the legal minimum, and a start before the preset's figures.
    let text = scenario(12, 16, "", "")
        .replace("wage = 15.0", "wage = 0.01")
        .replace("start = \"2027-01\"", "start = \"1900-01\"");
    let (code, err) = validate("cheap.toml", &text);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(
            ".wage: a wage of € 0.01 an hour is below the legal minimum wage of € 14.06 in force in 1900-01"
        ),
        "{err}"
    );
    assert!(
        err.contains(": warning: scenario.start: the scenario starts in 1900-01, before the first value of"),
        "{err}"
    );
    // A sensible scenario has no warning.
    let (code, err) = validate("fine.toml", &scenario(12, 16, "", ""));
    assert_eq!(code, Some(0));
    assert!(!err.contains("warning"), "{err}");
    // At most 50 arrangements.
    let many: String = (0..51)
        .map(|i| format!("\n[[arrangement]]\nname = \"a{i}\"\n"))
        .collect();
    let (code, err) = validate("many.toml", &(scenario(12, 16, "", "") + &many));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("arrangement[50] \"a50\": 51 arrangements are too many: at most 50"),
        "{err}"
    );
}

#[test]
fn more_threads_than_chunks_are_lowered_with_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = small_scenario(dir.path());
    let out = inclusim()
        .args(["run", "--iterations", "600", "--threads", "1000"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("note: 1000 threads asked for, 3 used"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(inclusim::sim::threads_for(1000, 600), 3);
    assert_eq!(inclusim::sim::threads_for(2, 600), 2);
    assert_eq!(inclusim::sim::threads_for(5, 1), 1);
}

/// `run --samples arrow` writes samples.arrow instead of samples.csv: the same columns, typed,
/// with the same values as the CSV of the same run (break-even months null where the CSV is
/// empty, NaN inputs NaN), the run's identity in the schema, in batches that do not depend on
/// the thread count (byte-identical files for 1 and 2 threads, over several batches).
#[test]
fn run_samples_arrow_holds_the_csv_values_typed_and_is_the_same_for_any_thread_count() {
    use arrow_array::types::UInt16Type;
    use arrow_array::{Array, DictionaryArray, Float64Array, StringArray, UInt32Array, UInt64Array};
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/supermarkt-vakkenvuller.toml");
    let run = |format: &str, threads: &str, name: &str| {
        let out_dir = dir.path().join(name);
        let out = inclusim()
            .args([
                "run",
                "--quiet",
                "-n",
                "17000",
                "--threads",
                threads,
                "--samples",
                format,
                "--out",
            ])
            .arg(&out_dir)
            .arg(&scenario)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        out_dir
    };
    let arrow_1 = run("arrow", "1", "a1");
    let arrow_2 = run("arrow", "2", "a2");
    let csv = run("csv", "2", "c");
    assert!(!arrow_1.join("samples.csv").exists(), "arrow instead of csv");
    let bytes = fs::read(arrow_1.join("samples.arrow")).expect("samples.arrow");
    assert!(
        bytes == fs::read(arrow_2.join("samples.arrow")).unwrap(),
        "threads change the file"
    );
    let reader =
        arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None).expect("an IPC file");
    let schema = reader.schema();
    assert!(
        schema.metadata()["inclusim"].contains("seed"),
        "{:?}",
        schema.metadata()
    );
    let batches: Vec<_> = reader.map(|b| b.expect("batch")).collect();
    assert!(batches.len() >= 2, "17,000 × 4 rows fill more than one batch");
    let text = fs::read_to_string(csv.join("samples.csv")).unwrap();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, header);
    let mut rows = lines.map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>());
    let mut count = 0;
    for batch in &batches {
        let iteration = batch.column(0).as_any().downcast_ref::<UInt64Array>().unwrap();
        let arrangement = batch
            .column(1)
            .as_any()
            .downcast_ref::<DictionaryArray<UInt16Type>>()
            .unwrap();
        let names = arrangement
            .values()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap();
        let break_even = batch.column(3).as_any().downcast_ref::<UInt32Array>().unwrap();
        for r in 0..batch.num_rows() {
            let row = rows.next().expect("as many CSV rows");
            assert_eq!(iteration.value(r).to_string(), row[0]);
            let name = names.value(arrangement.keys().value(r) as usize);
            assert_eq!(name, row[1].trim_matches('"'));
            let be = if break_even.is_null(r) {
                String::new()
            } else {
                break_even.value(r).to_string()
            };
            assert_eq!(be, row[3]);
            for (c, cell) in row.iter().enumerate().skip(2).filter(|(c, _)| *c != 3) {
                let v = batch
                    .column(c)
                    .as_any()
                    .downcast_ref::<Float64Array>()
                    .unwrap()
                    .value(r);
                let expected: f64 = cell.parse().unwrap();
                assert!(
                    v.to_bits() == expected.to_bits() || (v.is_nan() && expected.is_nan()),
                    "row {count} column {}: {v} vs {cell}",
                    header[c]
                );
            }
            count += 1;
        }
    }
    assert!(rows.next().is_none(), "as many Arrow rows as CSV rows");
    assert_eq!(count, 17_000 * 4);
    // Without --out there is nothing to write the samples to.
    let out = inclusim()
        .args(["run", "--quiet", "-n", "10", "--samples", "arrow"])
        .arg(&scenario)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
}
