//! Arrangements and their financing instruments.

use super::*;
use crate::cohort::Phase;
use crate::instruments::{Build, InputDef, ScenarioFacts, line_names};

/// Validates an arrangement's instruments, each by its own scheme, and links them to each
/// other (a no-risk polis beside an LKS). Returns them with the placements each applies to.
#[allow(clippy::too_many_arguments)]
pub(super) fn build_instruments(
    c: &mut Checker,
    scenario: &ScenarioFacts,
    arrangement: &RawArrangement,
    path: &KeyPath,
    rates: &Rates,
    start: YearMonth,
    inputs: &mut Vec<InputDef>,
    placements: &[Placement],
) -> (Vec<Instrument>, Vec<Vec<bool>>, Vec<Option<Phase>>) {
    let mut out = Vec::new();
    let mut applies = Vec::new();
    let mut phases = Vec::new();
    let mut identities: BTreeSet<String> = BTreeSet::new();
    for (j, scoped) in arrangement.instruments.iter().enumerate() {
        let ri = &scoped.instrument;
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
            ipath.clone(),
            scenario,
            rates,
            start,
            &arrangement.name,
            identity,
            inputs,
        );
        let instrument = ri.build(&mut b);
        let changes_course = instrument.trial().is_some()
            || instrument.provider_supervision().is_some()
            || instrument.employer_of_record().is_some();
        if scoped.placements.is_some() && changes_course {
            c.error(
                &ipath.key("placements"),
                format!(
                    "`{}` changes who employs or supervises the worker, which holds for every placement of the arrangement; leave `placements` out, or give the other placements an arrangement of their own",
                    ri.kind()
                ),
            );
        }
        let covers = support::scope(
            c,
            scoped.placements.as_deref(),
            placements,
            &ipath.key("placements"),
        );
        let phase = scoped.phase.as_deref().and_then(|name| {
            instrument_phase(c, &instrument, name, (&covers, placements), &ipath.key("phase"))
        });
        applies.push(covers);
        phases.push(phase);
        out.push(instrument);
    }
    let kinds: Vec<&'static str> = out.iter().map(Instrument::kind).collect();
    for instrument in &mut out {
        instrument.link(&kinds);
    }
    (out, applies, phases)
}

/// An instrument's `phase`: a known phase, that the instrument can apply in, of a placement
/// it covers that has phases (a learning phase then employment).
fn instrument_phase(
    c: &mut Checker,
    instrument: &Instrument,
    name: &str,
    (covers, placements): (&[bool], &[Placement]),
    path: &KeyPath,
) -> Option<Phase> {
    let Some(phase) = Phase::parse(name) else {
        c.error(path, unknown_key_message("phase", name, &Phase::NAMES));
        return None;
    };
    let covered = |p: usize| covers.get(p).copied().unwrap_or(true);
    let learners = (0..placements.len()).any(|p| covered(p) && placements[p].learning.is_some());
    let kind = instrument.kind();
    match phase {
        Phase::Learning if !instrument.in_learning() => {
            let kinds = crate::instruments::kinds_in_learning();
            c.error(
                path,
                format!(
                    "`{kind}` is for an employee, and a learner in the learning phase is not employed; `phase = \"learning\"` takes {}",
                    kinds.join(", ")
                ),
            );
            None
        }
        Phase::Learning if !learners => {
            c.error(
                path,
                format!(
                    "`{kind}` is scoped to the learning phase, but none of the placements it applies to has one (`learning = {{ months = … }}`): it would never apply"
                ),
            );
            None
        }
        Phase::Employment if !learners => {
            c.warn(
                path,
                format!(
                    "none of the placements `{kind}` applies to has a learning phase, so they are employed from the start: `phase = \"employment\"` changes nothing"
                ),
            );
            Some(phase)
        }
        _ => Some(phase),
    }
}

/// Warns for each instrument that can never apply to the worker of a placement it covers:
/// the arrangement would run as if it were an option while the scheme pays nothing for that
/// placement (e.g. LKS for a Wajong worker, LKV for a category the worker lacks). A warning,
/// not an error: the comparison with an arrangement that cannot apply can be the point.
fn eligibility(
    c: &mut Checker,
    path: &KeyPath,
    instruments: &[Instrument],
    applies: &[Vec<bool>],
    placements: &[Placement],
) {
    use crate::vocab::Benefit;
    for (j, (instrument, covers)) in instruments.iter().zip(applies).enumerate() {
        for (p, _) in placements
            .iter()
            .zip(covers.iter().chain(std::iter::repeat(&true)))
            .filter(|(_, covered)| **covered)
        {
            let w = &p.worker;
            if instrument.for_worker(w) {
                continue;
            }
            // What to change in the scenario, where that is one key; else the condition.
            let why = match instrument {
                Instrument::Lks(_) => format!(
                    "the worker's benefit is `{}` and their group `{}`: LKS (Participatiewet art. 10d) is for a worker on bijstand (`benefit = \"participatiewet\"`) or of a group without a benefit (praktijkonderwijs, vso, entree, nug, leerwerktraject, beschut_werk)",
                    w.benefit.as_str(),
                    w.group.as_str()
                ),
                Instrument::Loondispensatie(_) if w.benefit != Benefit::Wajong => format!(
                    "the worker's benefit is `{}`: loondispensatie is for a Wajong worker (`benefit = \"wajong\"`)",
                    w.benefit.as_str()
                ),
                Instrument::Lkv(lkv) => format!(
                    "the worker is not in the LKV's category `{}`: set `{}` = true for the worker, if they are",
                    lkv.category.as_str(),
                    lkv.category.as_str()
                ),
                Instrument::NoRiskPolis(_) => {
                    "the worker is in none of the no-risk polis's groups (Ziektewet art. 29b: Wajong, WIA, arbeidsgehandicapt, banenafspraak, beschut werk, or LKS beside it)".to_owned()
                }
                other => format!("it is only for {}", other.worker_condition().en),
            };
            c.warn(
                &path.key("instruments").index(j),
                format!(
                    "`{}` can never apply to placement `{}`: {why}; the arrangement runs, but this instrument pays nothing for that placement",
                    instrument.kind(),
                    p.name
                ),
            );
        }
    }
}

/// What the scenario's placements offer the instruments.
fn scenario_facts(raw: &RawScenario) -> ScenarioFacts {
    ScenarioFacts {
        has_jobcoach: raw.placements.iter().any(|p| p.jobcoach.is_some())
            || raw
                .arrangements
                .iter()
                .any(|a| matches!(a.jobcoach, Some(toml::Value::Table(_)))),
        cost_lines: raw
            .placements
            .iter()
            .flat_map(|p| &p.costs)
            .chain(raw.arrangements.iter().flat_map(|a| &a.costs))
            .map(|l| l.name.clone())
            .collect(),
        reserved_lines: BUILTIN_LINES.iter().copied().chain(line_names()).collect(),
    }
}

/// The most arrangements a scenario may compare (besides the baseline): every pair of them
/// is compared, so their cost and the size of the outputs grow with the square.
pub const MAX_ARRANGEMENTS: usize = 50;

/// The arrangements (the baseline first) and the variants of the placements they simulate
/// (variant 0, the scenario's own, first).
#[allow(clippy::too_many_arguments)]
pub(super) fn build_arrangements(
    c: &mut Checker,
    raw: &RawScenario,
    baseline: bool,
    rates: Option<&Rates>,
    start: YearMonth,
    inputs: &mut Vec<InputDef>,
    placements: &[Placement],
    horizon: usize,
    pools: &[&str],
) -> (Vec<Arrangement>, Vec<Variant>) {
    let scenario = scenario_facts(raw);
    let mut out = Vec::new();
    let mut variants = vec![Variant::default()];
    // The changes of each variant as written, to share a variant between arrangements.
    let mut written: Vec<String> = vec![String::new()];
    let mut seen = BTreeSet::new();
    if baseline {
        seen.insert(BASELINE_NAME.to_owned());
        out.push(Arrangement {
            name: BASELINE_NAME.to_owned(),
            description: Some(Label {
                nl: Some("Geen regelingen: de werkgever draagt alle kosten".to_owned()),
                en: Some("No financing instruments: the employer carries all costs".to_owned()),
            }),
            is_baseline: true,
            instruments: Vec::new(),
            applies: Vec::new(),
            phases: Vec::new(),
            variant: 0,
        });
    }
    if raw.arrangements.len() > MAX_ARRANGEMENTS {
        let pairs = MAX_ARRANGEMENTS * (MAX_ARRANGEMENTS + 1) / 2;
        c.error(
            &KeyPath::root().key("arrangement").index(MAX_ARRANGEMENTS),
            format!(
                "{} arrangements are too many: at most {MAX_ARRANGEMENTS} (with the baseline that is \
                 already {pairs} paired comparisons, and their number grows with the square); split \
                 the scenario into files that each compare a few",
                raw.arrangements.len()
            ),
        );
    }
    for (i, a) in raw.arrangements.iter().enumerate().take(MAX_ARRANGEMENTS + 1) {
        let path = KeyPath::root().key("arrangement").index(i);
        if baseline && a.name == BASELINE_NAME {
            c.error(
                &path.key("name"),
                format!("`{BASELINE_NAME}` is the built-in baseline; choose another name or set `baseline = false` in [scenario]"),
            );
        } else {
            c.name(&a.name, &path.key("name"), &mut seen, "arrangement");
        }
        let (instruments, applies, phases) = match rates {
            Some(rates) => build_instruments(c, &scenario, a, &path, rates, start, inputs, placements),
            None => (Vec::new(), Vec::new(), Vec::new()),
        };
        eligibility(c, &path, &instruments, &applies, placements);
        if a.placements.is_some() && !support::changes_placements(a) {
            c.error(
                &path.key("placements"),
                "`placements` says which placements the arrangement's jobcoach, `placement` keys and lines apply to, and it has none; name the placements of an instrument in the instrument itself",
            );
        }
        let variant = match support::build_variant(c, raw, i, placements, horizon, pools, rates, start) {
            None => 0,
            Some(changed) => {
                let key = support_key(a);
                match written.iter().position(|w| *w == key) {
                    Some(v) => v,
                    None => {
                        written.push(key);
                        variants.push(changed);
                        variants.len() - 1
                    }
                }
            }
        };
        out.push(Arrangement {
            name: a.name.clone(),
            description: a.description.as_ref().map(RawLabel::label),
            is_baseline: false,
            instruments,
            applies,
            phases,
            variant,
        });
    }
    if out.is_empty() {
        c.error(
            &KeyPath::root().key("scenario.baseline"),
            "with `baseline = false` the scenario needs at least one [[arrangement]]",
        );
    }
    (out, variants)
}

/// What an arrangement changes in the placements, as one string (equal strings: the same
/// variant).
fn support_key(a: &RawArrangement) -> String {
    let mut t = toml::Table::new();
    let mut put = |k: &str, v: Option<toml::Value>| {
        if let Some(v) = v {
            t.insert(k.to_owned(), v);
        }
    };
    put(
        "placements",
        a.placements
            .as_ref()
            .map(|p| toml::Value::try_from(p).unwrap_or(toml::Value::Boolean(true))),
    );
    put("jobcoach", a.jobcoach.clone());
    put("placement", a.placement.clone().map(toml::Value::Table));
    put("cost", toml::Value::try_from(&a.costs).ok());
    put("benefit", toml::Value::try_from(&a.benefits).ok());
    t.to_string()
}
