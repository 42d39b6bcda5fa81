//! `inclusim validate` on the bad scenario files in `tests/fixtures/bad/`: each file states the
//! errors it must produce (`# expect: LINE:COL: KEY: MESSAGE`, see tests/fixtures/README.md).

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{inclusim, stderr_of, write_scenario};

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn bad_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(bad_dir())
        .expect("fixtures folder")
        .map(|e| e.expect("fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "fixtures missing: {files:?}");
    files
}

/// The `# expect:` lines of a fixture (read as bytes: some fixtures are not UTF-8 on purpose).
fn expectations(file: &Path) -> Vec<String> {
    let bytes = fs::read(file).expect("fixture readable");
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(str::to_owned)
        .collect()
}

/// Whether `text` matches `pattern`, where `...` stands for any text.
fn glob_match(pattern: &str, text: &str) -> bool {
    let mut pieces = pattern.split("...");
    let first = pieces.next().unwrap_or_default();
    let Some(mut tail) = text.strip_prefix(first) else {
        return false;
    };
    let rest: Vec<&str> = pieces.collect();
    let Some((last, middle)) = rest.split_last() else {
        return tail.is_empty();
    };
    for piece in middle {
        match tail.find(piece) {
            Some(at) => tail = &tail[at + piece.len()..],
            None => return false,
        }
    }
    tail.ends_with(last)
}

/// `LINE:COL: REST` → the diagnostic pattern `FILE:LINE:COL: error: REST`.
fn diagnostic_pattern(file: &Path, expectation: &str) -> String {
    let place = expectation.split_once(": ").and_then(|(place, rest)| {
        let (line, col) = place.split_once(':')?;
        (line.parse::<u32>().is_ok() && col.parse::<u32>().is_ok()).then_some((place, rest))
    });
    let Some((place, rest)) = place else {
        panic!(
            "{}: an expectation is `LINE:COL: KEY: MESSAGE`, not `{expectation}`",
            file.display()
        );
    };
    format!("{}:{place}: error: {rest}", file.display())
}

/// Asserts that `stderr` holds exactly the diagnostics `file` expects, in order.
fn assert_reports(file: &Path, stderr: &str) {
    let expected = expectations(file);
    assert!(!expected.is_empty(), "{}: no `# expect:` line", file.display());
    let prefix = format!("{}:", file.display());
    let reported: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with(&prefix) && l.contains(": error: "))
        .collect();
    assert_eq!(
        reported.len(),
        expected.len(),
        "{}: expected {} error(s), got:\n{stderr}",
        file.display(),
        expected.len()
    );
    for (want, got) in expected.iter().zip(&reported) {
        let pattern = diagnostic_pattern(file, want);
        assert!(
            glob_match(&pattern, got),
            "{}:\n  expected {pattern}\n  got      {got}",
            file.display()
        );
    }
}

#[test]
fn glob_matches_only_what_it_should() {
    assert!(glob_match("a: b", "a: b"));
    assert!(!glob_match("a: b", "a: bc"));
    assert!(glob_match("a: ...c", "a: bbc"));
    assert!(!glob_match("a: ...c", "a: bcd"));
    assert!(glob_match("a...c...", "abcd"));
    assert!(!glob_match("a...x...", "abcd"));
    assert!(!glob_match("b...", "abcd"));
}

#[test]
fn every_bad_fixture_exits_2_with_its_expected_errors() {
    for file in bad_files() {
        let out = inclusim().arg("validate").arg(&file).output().expect("runs");
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{}:\n{stderr}", file.display());
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_reports(&file, &stderr);
    }
}

#[test]
fn the_bad_folder_reports_every_file() {
    let files = bad_files();
    let out = inclusim().arg("validate").arg(bad_dir()).output().expect("runs");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for file in &files {
        assert_reports(file, &stderr);
    }
    let total = format!("{0} of {0} scenario file(s) invalid", files.len());
    assert!(stderr.contains(&total), "{stderr}");
}

#[test]
fn shipped_scenarios_are_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let out = inclusim().arg("validate").arg(&dir).output().expect("runs");
    let stderr = stderr_of(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains(": ok ("), "{stdout}");
    assert!(!stderr.contains("error"), "{stderr}");
    // The bundled scenarios have no warnings but one: the TOP-Academy's school holidays of
    // the later school years are not yet confirmed in the shipped data, which a run must say.
    let out = inclusim()
        .args(["validate", "--deny-warnings"])
        .arg(&dir)
        .output()
        .expect("runs");
    let warnings: Vec<String> = stderr_of(&out)
        .lines()
        .filter(|l| l.contains(": warning: "))
        .map(str::to_owned)
        .collect();
    assert!(
        warnings.iter().all(|w| w.contains("top-academy-logistiek.toml")
            && w.contains("are not confirmed in the shipped data")),
        "{warnings:?}"
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

#[test]
fn lks_for_a_wajong_worker_validates_with_a_warning_and_is_denied_with_the_flag() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warn/lks-for-wajong.toml");
    let out = inclusim().arg("validate").arg(&file).output().expect("runs");
    let stderr = stderr_of(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains(": ok (1 placement(s), 2 arrangement(s), 24 months, 2 warning(s))"),
        "{stdout}"
    );
    assert!(
        stderr.contains(
            "lks-for-wajong.toml:25:16: warning: arrangement[0] \"LKS\" .instruments[0]: `lks` can never apply to placement `medewerker`: the worker's benefit is `wajong`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("`lkv` can never apply to placement `medewerker`: the worker is not in the LKV's category `arbeidsgehandicapt`"),
        "{stderr}"
    );
    let out = inclusim()
        .args(["validate", "--deny-warnings"])
        .arg(&file)
        .output()
        .expect("runs");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("1 of 1 scenario file(s) with warnings (--deny-warnings)"),
        "{stderr}"
    );
}

/// `run` says per instrument in how many futures it did not apply, and why in words: LKS
/// and LKV arbeidsgehandicapt for a Wajong worker in every placement, with the condition the
/// worker does not meet; never the generic reason.
#[test]
fn run_says_why_an_instrument_did_not_apply_in_words() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warn/lks-for-wajong.toml");
    let out = inclusim()
        .args(["run", "--lang", "nl", "--iterations", "200", "--quiet"])
        .arg(&file)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stdout.contains("  LKS: Loonkostensubsidie (Participatiewet) 100,0%: alleen voor een werknemer met bijstand (Participatiewet)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  LKS: Loonkostenvoordeel (arbeidsgehandicapt) 100,0%: alleen voor een arbeidsgehandicapte werknemer, met een doelgroepverklaring (Wtl art. 2.6), en dat is deze werknemer niet"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("de voorwaarden van de regeling golden dan niet"),
        "{stdout}"
    );
}

#[test]
fn a_folder_with_good_and_bad_files_exits_2_and_reports_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = write_scenario(dir.path(), "a-good.toml", &crate::util::scenario(12, 10, "", ""));
    let sub = dir.path().join("nested");
    fs::create_dir(&sub).expect("mkdir");
    let mut bad = Vec::new();
    for name in ["negative-hours", "peak-month-13", "three-independent-errors"] {
        let target = sub.join(format!("{name}.toml"));
        fs::copy(bad_dir().join(format!("{name}.toml")), &target).expect("copy fixture");
        bad.push(target);
    }
    fs::write(dir.path().join("notes.txt"), "not a scenario").expect("write");
    let out = inclusim().arg("validate").arg(dir.path()).output().expect("runs");
    let stderr = stderr_of(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.contains(&format!("{}: ok (", good.display())), "{stdout}");
    for file in &bad {
        assert_reports(file, &stderr);
    }
    assert!(stderr.contains("3 of 4 scenario file(s) invalid"), "{stderr}");
}

#[test]
fn all_valid_files_exit_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = write_scenario(dir.path(), "a.toml", &crate::util::scenario(12, 10, "", ""));
    let b = write_scenario(
        dir.path(),
        "b.toml",
        &crate::util::scenario(24, 10, "count = 3", ""),
    );
    let out = inclusim().arg("validate").arg(&a).arg(&b).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn empty_file_is_invalid_and_says_what_is_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write_scenario(dir.path(), "empty.toml", "");
    let out = inclusim().arg("validate").arg(&file).output().expect("runs");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let pattern = format!("{}:1:1: error: ...`scenario`...", file.display());
    assert!(stderr.lines().any(|l| glob_match(&pattern, l)), "{stderr}");
}

#[test]
fn folder_without_toml_files_is_invalid_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("readme.md"), "# nothing here").expect("write");
    let out = inclusim().arg("validate").arg(dir.path()).output().expect("runs");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no *.toml scenario files"), "{stderr}");
    assert!(stderr.contains(&dir.path().display().to_string()), "{stderr}");
}

#[test]
fn nonexistent_path_is_invalid_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-scenario.toml");
    for command in ["validate", "run"] {
        let out = inclusim().arg(command).arg(&missing).output().expect("runs");
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
