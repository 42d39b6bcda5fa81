//! `[[expect]]` entries: names, metrics and bounds, checked against the validated model.

use super::*;

pub(super) fn build_expectations(
    c: &mut Checker,
    raw: &RawScenario,
    arrangements: &[Arrangement],
    placements: &[Placement],
) -> Vec<Expectation> {
    let names: Vec<&str> = arrangements.iter().map(|a| a.name.as_str()).collect();
    let mut base_lines: Vec<String> = BUILTIN_LINES.iter().map(|s| s.to_string()).collect();
    base_lines.extend(
        placements
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| l.name.clone())),
    );
    base_lines.extend(super::employer::line_names(raw).into_iter().map(str::to_owned));
    // The lines of one arrangement: the base lines and those of its instruments.
    let lines_of = |name: &str| -> Vec<String> {
        let mut lines = base_lines.clone();
        if let Some(a) = arrangements.iter().find(|a| a.name == name) {
            // The names of its lines do not depend on who employs the worker.
            let names = a.instruments.iter().flat_map(|i| i.lines(Party::Employer));
            lines.extend(names.map(|l| l.name));
        }
        lines
    };
    let mut out = Vec::new();
    for (i, e) in raw.expectations.iter().enumerate() {
        let path = KeyPath::root().key("expect").index(i);
        let known = |c: &mut Checker, key: &str, name: &str| {
            if !names.contains(&name) {
                c.error(&path.key(key), unknown_key_message("arrangement", name, &names));
            }
        };
        let is_pair_metric = PAIR_METRICS.contains(&e.metric.as_str());
        let target = match (&e.arrangement, &e.a, &e.b) {
            (Some(name), None, None) => {
                known(c, "arrangement", name);
                if is_pair_metric {
                    c.error(
                        &path.key("metric"),
                        format!(
                            "`{}` compares two arrangements: give `a` and `b` instead of `arrangement`",
                            e.metric
                        ),
                    );
                }
                ExpectTarget::Arrangement(name.clone())
            }
            (None, Some(a), Some(b)) => {
                known(c, "a", a);
                known(c, "b", b);
                if a == b {
                    c.error(&path.key("b"), "`a` and `b` must be different arrangements");
                }
                if !is_pair_metric {
                    c.error(
                        &path.key("metric"),
                        format!(
                            "with `a` and `b` the metric must compare them: {}",
                            PAIR_METRICS.join(", ")
                        ),
                    );
                }
                ExpectTarget::Pair {
                    a: a.clone(),
                    b: b.clone(),
                }
            }
            _ => {
                c.error(
                    &path,
                    "name either `arrangement = \"…\"`, or `a = \"…\"` and `b = \"…\"` for a comparison",
                );
                continue;
            }
        };
        let lines = match &target {
            ExpectTarget::Arrangement(name) => lines_of(name),
            ExpectTarget::Pair { .. } => base_lines.clone(),
        };
        let class_metric = raw.cohort.is_some()
            && matches!(target, ExpectTarget::Arrangement(_))
            && crate::vocab::COHORT_METRICS.contains(&e.metric.as_str());
        let metric_ok = is_pair_metric
            || class_metric
            || ARRANGEMENT_METRICS.contains(&e.metric.as_str())
            || e.metric
                .strip_prefix("lines.")
                .is_some_and(|l| lines.iter().any(|x| x == l));
        if !metric_ok {
            let mut all: Vec<String> = ARRANGEMENT_METRICS
                .iter()
                .chain(PAIR_METRICS.iter())
                .map(|s| s.to_string())
                .collect();
            all.extend(lines.iter().map(|l| format!("lines.{l}")));
            if raw.cohort.is_some() {
                all.extend(crate::vocab::COHORT_METRICS.iter().map(|m| m.to_string()));
            }
            let all_ref: Vec<&str> = all.iter().map(String::as_str).collect();
            c.error(
                &path.key("metric"),
                unknown_key_message("metric", &e.metric, &all_ref),
            );
        }
        match (e.at_least, e.at_most) {
            (None, None) => c.error(&path, "give a bound: `at_least`, `at_most`, or both"),
            (Some(lo), Some(hi)) if lo > hi => c.error(
                &path.key("at_most"),
                format!("`at_most` ({hi}) is below `at_least` ({lo})"),
            ),
            (lo, hi) if lo.is_some_and(|v| !v.is_finite()) || hi.is_some_and(|v| !v.is_finite()) => {
                c.error(&path, "bounds must be finite numbers")
            }
            _ => {}
        }
        out.push(Expectation {
            target,
            metric: e.metric.clone(),
            at_least: e.at_least,
            at_most: e.at_most,
        });
    }
    out
}
