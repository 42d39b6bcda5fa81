//! The JUnit XML report of `inclusim check --junit FILE`, in the common form CI servers read
//! (the Ant/Jenkins `junit` schema): one `<testsuite>` per scenario file, one `<testcase>` per
//! `[[expect]]`; an expectation that does not hold is a `<failure>`, a scenario that is invalid
//! or cannot run is one test case with an `<error>`. A scenario without expectations is one
//! passing test case, so that every file shows up in the report.

use std::fmt::Write;

use super::check::expectation_line;
use crate::check::{Outcome, ScenarioCheck, Totals};

/// The report as UTF-8 bytes. `timestamp` is the start of the check (ISO 8601, UTC, no zone,
/// as the schema wants it; see [`iso8601_utc`]).
pub fn xml(results: &[ScenarioCheck], timestamp: &str) -> Vec<u8> {
    let totals = Totals::of(results);
    let tests: usize = results.iter().map(test_count).sum();
    let time: f64 = results.iter().map(|r| r.seconds).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"inclusim check\" tests=\"{tests}\" failures=\"{}\" errors=\"{}\" time=\"{time:.3}\">",
        totals.expectations_failed, totals.scenarios_error
    );
    for (id, r) in results.iter().enumerate() {
        suite(&mut out, id, r, timestamp);
    }
    out.push_str("</testsuites>\n");
    out.into_bytes()
}

fn test_count(r: &ScenarioCheck) -> usize {
    r.expectations().len().max(1)
}

fn suite(out: &mut String, id: usize, r: &ScenarioCheck, timestamp: &str) {
    let failures = r.expectations().iter().filter(|e| !e.passed).count();
    let errors = usize::from(matches!(r.outcome, Outcome::Error { .. }));
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" id=\"{id}\" package=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\" time=\"{:.3}\" timestamp=\"{}\" hostname=\"localhost\">",
        escape(r.title()),
        escape(&r.file),
        test_count(r),
        r.seconds,
        escape(timestamp)
    );
    out.push_str("    <properties>\n");
    property(out, "file", &r.file);
    if let Some(n) = r.iterations {
        property(out, "iterations", &n.to_string());
    }
    if let Some(seed) = r.seed {
        property(out, "seed", &seed.to_string());
    }
    out.push_str("    </properties>\n");
    let classname = escape(&r.file);
    match &r.outcome {
        Outcome::Error { message, .. } => {
            let first = message
                .lines()
                .next()
                .unwrap_or("the scenario is invalid or cannot run");
            let _ = writeln!(
                out,
                "    <testcase name=\"scenario loads and runs\" classname=\"{classname}\" time=\"{:.3}\">\n      <error message=\"{}\" type=\"ScenarioError\">{}</error>\n    </testcase>",
                r.seconds,
                escape(first),
                escape(message)
            );
        }
        Outcome::Ran { expectations } if expectations.is_empty() => {
            let _ = writeln!(
                out,
                "    <testcase name=\"scenario runs (no [[expect]] to check)\" classname=\"{classname}\" time=\"{:.3}\"/>",
                r.seconds
            );
        }
        Outcome::Ran { expectations } => {
            for e in expectations {
                let name = format!("#{} {} {}", e.number, e.label(), e.bound_text());
                let line = expectation_line(e);
                let _ = write!(
                    out,
                    "    <testcase name=\"{}\" classname=\"{classname}\" time=\"0\">",
                    escape(&name)
                );
                if !e.passed {
                    let _ = write!(
                        out,
                        "\n      <failure message=\"{}\" type=\"ExpectationFailed\">{}</failure>\n    ",
                        escape(line.trim()),
                        escape(line.trim())
                    );
                } else if e.too_close || e.note.is_some() {
                    let _ = write!(
                        out,
                        "\n      <system-out>{}</system-out>\n    ",
                        escape(line.trim())
                    );
                }
                out.push_str("</testcase>\n");
            }
        }
    }
    out.push_str("  </testsuite>\n");
}

fn property(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <property name=\"{}\" value=\"{}\"/>",
        escape(name),
        escape(value)
    );
}

/// Escapes text for XML 1.0 attributes and content; characters XML 1.0 cannot carry at all
/// (most control characters) become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SS` (UTC), the form of JUnit's
/// `timestamp`. Civil date from days: H. Hinnant, "chrono-compatible low-level date
/// algorithms" (`civil_from_days`).
pub fn iso8601_utc(epoch_seconds: u64) -> String {
    let days = (epoch_seconds / 86_400) as i64;
    let secs = epoch_seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_civil_utc() {
        assert_eq!(iso8601_utc(0), "1970-01-01T00:00:00");
        assert_eq!(iso8601_utc(951_782_400), "2000-02-29T00:00:00");
        assert_eq!(iso8601_utc(1_798_761_599), "2026-12-31T23:59:59");
    }

    #[test]
    fn escaping_covers_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\u{1}y\nz"), "x\u{FFFD}y&#10;z");
    }
}
