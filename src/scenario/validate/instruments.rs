//! Arrangements and their financing instruments.

use super::*;
use crate::instruments::{Build, InputDef, ScenarioFacts, line_names};

/// Validates an arrangement's instruments, each by its own scheme, and links them to each
/// other (a no-risk polis beside an LKS).
pub(super) fn build_instruments(
    c: &mut Checker,
    scenario: &ScenarioFacts,
    arrangement: &RawArrangement,
    path: &KeyPath,
    rates: &Rates,
    start: YearMonth,
    inputs: &mut Vec<InputDef>,
) -> Vec<Instrument> {
    let mut out = Vec::new();
    let mut identities: BTreeSet<String> = BTreeSet::new();
    for (j, ri) in arrangement.instruments.iter().enumerate() {
        let ipath = path.key("instruments").index(j);
        // One of each kind per arrangement; LKV once per category, grants once per name.
        let identity = ri.identity();
        if !identities.insert(identity.clone()) {
            c.error(
                &ipath,
                format!("`{}` appears twice in this arrangement", ri.kind()),
            );
        }
        let mut b = Build::new(
            c,
            ipath,
            scenario,
            rates,
            start,
            &arrangement.name,
            identity,
            inputs,
        );
        out.push(ri.build(&mut b));
    }
    let kinds: Vec<&'static str> = out.iter().map(Instrument::kind).collect();
    for instrument in &mut out {
        instrument.link(&kinds);
    }
    out
}

/// What the scenario's placements offer the instruments.
fn scenario_facts(raw: &RawScenario) -> ScenarioFacts {
    ScenarioFacts {
        has_jobcoach: raw.placements.iter().any(|p| p.jobcoach.is_some()),
        cost_lines: raw
            .placements
            .iter()
            .flat_map(|p| p.costs.iter().map(|l| l.name.clone()))
            .collect(),
        reserved_lines: BUILTIN_LINES.iter().copied().chain(line_names()).collect(),
    }
}

pub(super) fn build_arrangements(
    c: &mut Checker,
    raw: &RawScenario,
    baseline: bool,
    rates: Option<&Rates>,
    start: YearMonth,
    inputs: &mut Vec<InputDef>,
) -> Vec<Arrangement> {
    let scenario = scenario_facts(raw);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    if baseline {
        seen.insert(BASELINE_NAME.to_owned());
        out.push(Arrangement {
            name: BASELINE_NAME.to_owned(),
            description: Some("No financing instruments: the employer carries all costs".to_owned()),
            is_baseline: true,
            instruments: Vec::new(),
        });
    }
    for (i, a) in raw.arrangements.iter().enumerate() {
        let path = KeyPath::root().key("arrangement").index(i);
        if baseline && a.name == BASELINE_NAME {
            c.error(
                &path.key("name"),
                format!("`{BASELINE_NAME}` is the built-in baseline; choose another name or set `baseline = false` in [scenario]"),
            );
        } else {
            c.name(&a.name, &path.key("name"), &mut seen, "arrangement");
        }
        let instruments = match rates {
            Some(rates) => build_instruments(c, &scenario, a, &path, rates, start, inputs),
            None => Vec::new(),
        };
        out.push(Arrangement {
            name: a.name.clone(),
            description: a.description.clone(),
            is_baseline: false,
            instruments,
        });
    }
    if out.is_empty() {
        c.error(
            &KeyPath::root().key("scenario.baseline"),
            "with `baseline = false` the scenario needs at least one [[arrangement]]",
        );
    }
    out
}
