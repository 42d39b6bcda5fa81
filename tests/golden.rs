//! Golden outputs: every bundled scenario and the every-feature fixture, run at a fixed
//! seed and a small number of iterations, must write byte for byte the files kept in
//! `tests/golden/<stem>/`. A refactor that moves a single cent or a single word fails here.
//!
//! A change that is meant to move numbers (and bumps the model version) rewrites the files
//! with `INCLUSIM_BLESS=1 cargo test golden`; the diff then shows what moved.
//! `INCLUSIM_GOLDEN_BIN=/path/to/inclusim` runs another build (for example the commit
//! before a refactor) instead of this one, to bless from it. See `tests/golden/README.md`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Few iterations keep the files small; the code paths taken do not depend on the count.
const ITERATIONS: &str = "100";

/// The files `run --out` writes that are compared besides the report. Charts and the
/// workbook are left out: they are drawn from the same summary, and the workbook is a zip.
/// The report is kept in both languages besides these.
const FILES: [&str; 4] = ["summary.json", "samples.csv", "monthly.csv", "ledger.csv"];

fn scenarios() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("scenarios")
        .expect("scenarios/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files.push(PathBuf::from("tests/fixtures/good/every-feature.toml"));
    files
}

fn binary() -> PathBuf {
    std::env::var_os("INCLUSIM_GOLDEN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_inclusim")))
}

/// Runs `inclusim <command> … --out <out> <scenario>` and returns its stdout, with the
/// output folder's path (which differs per run) replaced by `OUT`.
fn run(command: &[&str], scenario: &Path, out: &Path) -> String {
    let result = Command::new(binary())
        .args(command)
        .args(["--iterations", ITERATIONS, "--threads", "2", "--out"])
        // The report's date: 2027-03-15, whatever day the test runs.
        .env("SOURCE_DATE_EPOCH", "1805097600")
        .arg(out)
        .arg(scenario)
        .output()
        .expect("inclusim runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{}: {stderr}", scenario.display());
    String::from_utf8(result.stdout)
        .expect("stdout is UTF-8")
        .replace(&out.display().to_string(), "OUT")
}

/// Compares `actual` with the golden file, or writes it when blessing. Returns a message
/// naming the first differing line, or `None` when equal.
fn compare(golden: &Path, actual: &[u8], bless: bool) -> Option<String> {
    if bless {
        fs::create_dir_all(golden.parent().expect("parent")).expect("golden dir");
        fs::write(golden, actual).expect("golden written");
        return None;
    }
    let Ok(expected) = fs::read(golden) else {
        return Some(format!("{}: missing (bless to create)", golden.display()));
    };
    if expected == actual {
        return None;
    }
    let (e, a) = (
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(actual),
    );
    let mut lines = e.lines().zip(a.lines()).enumerate();
    let first = lines.find(|(_, (x, y))| x != y);
    Some(match first {
        Some((n, (x, y))) => format!(
            "{} differs at line {}:\n  golden: {}\n  actual: {}",
            golden.display(),
            n + 1,
            clip(x),
            clip(y)
        ),
        None => format!(
            "{} differs in length: golden {} lines, actual {} lines",
            golden.display(),
            e.lines().count(),
            a.lines().count()
        ),
    })
}

/// The first 300 characters of a line (a samples row or the report's one-line JSON is long).
fn clip(line: &str) -> String {
    line.chars().take(300).collect()
}

#[test]
fn every_bundled_scenario_writes_its_golden_files() {
    let bless = std::env::var_os("INCLUSIM_BLESS").is_some_and(|v| v == "1");
    let root = Path::new("tests/golden");
    let mut failures = Vec::new();
    for scenario in scenarios() {
        let stem = scenario.file_stem().expect("stem").to_string_lossy();
        let dir = tempfile::tempdir().expect("temp dir");
        let golden = root.join(&*stem);
        // `run` prints the English tables and writes the Dutch report with the data files.
        let out = dir.path().join("run");
        let table = run(&["run"], &scenario, &out);
        failures.extend(compare(&golden.join("stdout.txt"), table.as_bytes(), bless));
        // `run --lang nl` prints the same tables in Dutch.
        let table = run(&["run", "--lang", "nl"], &scenario, &dir.path().join("run-nl"));
        failures.extend(compare(&golden.join("stdout.nl.txt"), table.as_bytes(), bless));
        for name in FILES {
            let actual = fs::read(out.join(name)).expect("output written");
            failures.extend(compare(&golden.join(name), &actual, bless));
        }
        let report = fs::read(out.join("report.html")).expect("report written");
        failures.extend(compare(&golden.join("report.nl.html"), &report, bless));
        // `report --lang en` writes the English report from the same run.
        let out = dir.path().join("report");
        run(&["report", "--lang", "en"], &scenario, &out);
        let report = fs::read(out.join("report.html")).expect("report written");
        failures.extend(compare(&golden.join("report.en.html"), &report, bless));
    }
    assert!(
        failures.is_empty(),
        "outputs differ from tests/golden (INCLUSIM_BLESS=1 rewrites them when the \
         change is meant to move numbers):\n{}",
        failures.join("\n")
    );
}
