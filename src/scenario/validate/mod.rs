//! Turns a parsed [`RawScenario`] into a valid [`Model`], or reports every problem it finds,
//! each with its key path (placed in the file by [`SourceMap`]).
//!
//! The scenario as a whole (its meta data, rates preset and peaks) is checked here; placements
//! (with their pools and correlations), arrangements with their instruments, and `[[expect]]`
//! entries each in a module of their own.

use std::collections::{BTreeMap, BTreeSet};

use super::raw::*;
use crate::calendar::{YearMonth, month_from_name};
use crate::diag::{
    Checker, Diagnostic, KeyPath, Range, Seg, SourceMap, constant, humanize_serde_message, suggest,
    unknown_key_message,
};
use crate::dist::Dist;
use crate::dist::copula::{Copula, Pair};
use crate::instruments::Instrument;
use crate::model::*;
use crate::rates::{self, Rates};
use crate::vocab::{ARRANGEMENT_METRICS, BUILTIN_LINES, PAIR_METRICS};

mod cohort;
mod employer;
mod expectations;
mod instruments;
mod placement;
pub mod report;
mod support;

use employer::build_employer;
use expectations::build_expectations;
use instruments::build_arrangements;
use placement::{
    build_correlations, build_placement, build_pools, check_pools_used, check_shared_line_names,
};

/// Default number of iterations when the scenario does not say.
pub const DEFAULT_ITERATIONS: u64 = 10_000;
/// Default seed when the scenario does not say.
pub const DEFAULT_SEED: u64 = 1;
/// The name of the built-in "no support" arrangement.
pub const BASELINE_NAME: &str = "no support";
pub use crate::vocab::MAX_HORIZON_MONTHS;
/// Most copies of one placement.
pub const MAX_COUNT: i64 = 1000;
/// Validates a parsed scenario against its source map.
pub fn validate(raw: &RawScenario, map: &SourceMap, source: &str) -> Result<Model, Vec<Diagnostic>> {
    let mut c = Checker::new(map);
    let meta_path = KeyPath::root().key("scenario");
    let meta = &raw.scenario;
    if meta.name.trim().is_empty() {
        c.error(&meta_path.key("name"), "the scenario name must not be empty");
    }
    let start = match YearMonth::parse(&meta.start) {
        Ok(m) => m,
        Err(e) => {
            c.error(&meta_path.key("start"), e);
            YearMonth::new(2026, 1).unwrap_or_else(|| unreachable!("2026-01 is a valid month"))
        }
    };
    let horizon = c.months(
        meta.horizon_months,
        &meta_path.key("horizon_months"),
        1,
        MAX_HORIZON_MONTHS,
    );
    let iterations = match meta.iterations {
        None => DEFAULT_ITERATIONS,
        Some(n) if (1..=100_000_000).contains(&n) => n as u64,
        Some(n) => {
            c.error(
                &meta_path.key("iterations"),
                format!("{n} is out of range; allowed: 1 to 100000000"),
            );
            1
        }
    };
    let seed = match meta.seed {
        None => DEFAULT_SEED,
        Some(s) if s >= 0 => s as u64,
        Some(s) => {
            c.error(
                &meta_path.key("seed"),
                format!("{s} is negative; the seed must be 0 or more"),
            );
            0
        }
    };
    let discount_rate = c.number(
        meta.discount_rate,
        &meta_path.key("discount_rate"),
        Range::Probability,
        0.0,
    );
    let rates = build_rates(&mut c, raw, &meta_path);
    let employer_is = build_employer_is(&mut c, meta.employer_is.as_deref(), &meta_path);

    let pools = build_pools(&mut c, raw);
    let pool_names: Vec<&str> = raw.pools.iter().map(|p| p.name.as_str()).collect();
    if raw.placements.is_empty() {
        c.error(
            &KeyPath::root(),
            "the scenario has no [[placement]]; add at least one",
        );
    }
    let mut seen = BTreeSet::new();
    let placements: Vec<Placement> = raw
        .placements
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let path = KeyPath::root().key("placement").index(i);
            c.name(&p.name, &path.key("name"), &mut seen, "placement");
            build_placement(&mut c, p, &path, horizon, &pool_names, rates.as_ref(), start)
        })
        .collect();
    check_pools_used(&mut c, raw);
    check_shared_line_names(&mut c, &placements);
    let mut pools = pools;
    let cohort = cohort::build_cohort(&mut c, raw, &placements, &mut pools, start, horizon);
    let (peak_profile, peaks) = build_peaks(&mut c, raw);
    let mut instrument_inputs = Vec::new();
    let (arrangements, variants) = build_arrangements(
        &mut c,
        raw,
        meta.baseline.unwrap_or(true),
        rates.as_ref(),
        start,
        &mut instrument_inputs,
        &placements,
        horizon,
        &pool_names,
    );
    let (instrument_inputs, instrument_streams) = instrument_inputs
        .into_iter()
        .map(|i| {
            let input = StaticInput {
                path: i.path,
                dist: i.dist,
                used: true,
            };
            (input, i.stream)
        })
        .unzip();
    let mut placements = placements;
    let mut variants = variants;
    if let Some(k) = &cohort {
        cohort::attach(k, &mut placements, &mut variants);
        cohort::check_no_trial_for_learners(&mut c, &arrangements, &placements);
    }
    build_correlations(&mut c, raw, &mut placements);
    placements.iter_mut().for_each(Placement::plan_draws);
    let expectations = build_expectations(&mut c, raw, &arrangements, &placements);
    let employer = build_employer(&mut c, raw, start);
    let report = report::build_report(&mut c, raw.report.as_ref());

    if let Some(rates) = &rates {
        warn_start_before_the_preset(&mut c, rates, start, &meta_path.key("start"));
    }
    let warnings = std::mem::take(&mut c.warnings);
    match (c.errors.is_empty(), rates) {
        (true, Some(rates)) => Ok(Model {
            name: meta.name.clone(),
            description: meta.description.clone(),
            source: source.to_owned(),
            digest: String::new(),
            start,
            horizon,
            iterations,
            seed,
            discount_rate,
            employer_is,
            rates,
            placements,
            variants,
            pools,
            peak_profile,
            peaks,
            arrangements,
            expectations,
            instrument_inputs,
            instrument_streams,
            employer,
            warnings,
            cohort,
            report,
        }),
        _ => Err(c.errors),
    }
}

/// A start before the first value of most of the preset's figures: their earliest value is
/// then used for months the preset knows nothing of.
fn warn_start_before_the_preset(c: &mut Checker, rates: &Rates, start: YearMonth, path: &KeyPath) {
    let rows = rates.rows();
    let later: Vec<YearMonth> = rows
        .iter()
        .filter_map(|r| r.values.first().map(|v| v.0))
        .filter(|first| *first > start)
        .collect();
    if let Some(first) = later.iter().min() {
        c.warn(
            path,
            format!(
                "the scenario starts in {start}, before the first value of {} of the {} figures of \
                 preset `{}` (the earliest from {first}); for earlier months their first value is \
                 used. Check `start`, or choose the preset of that time",
                later.len(),
                rows.len(),
                rates.name()
            ),
        );
    }
}

/// Parties an employer can itself be (`[scenario] employer_is`).
pub const EMPLOYER_CAN_BE: [Party; 5] = [
    Party::Gemeente,
    Party::Uwv,
    Party::Provider,
    Party::School,
    Party::Rijk,
];

fn build_employer_is(c: &mut Checker, name: Option<&str>, meta_path: &KeyPath) -> Option<Party> {
    let name = name?;
    let found = EMPLOYER_CAN_BE.into_iter().find(|p| p.as_str() == name);
    if found.is_none() {
        let allowed: Vec<&str> = EMPLOYER_CAN_BE.iter().map(|p| p.as_str()).collect();
        c.error(
            &meta_path.key("employer_is"),
            unknown_key_message("employer_is", name, &allowed),
        );
    }
    found
}

fn build_rates(c: &mut Checker, raw: &RawScenario, meta_path: &KeyPath) -> Option<Rates> {
    let name = raw.scenario.rates.as_deref().unwrap_or(rates::DEFAULT_PRESET);
    let mut rates = match rates::load_preset(name) {
        Ok(r) => r,
        Err(e) => {
            c.error(&meta_path.key("rates"), e.to_string());
            return None;
        }
    };
    if let Some(g) = raw.scenario.wage_growth_per_year {
        if !(-0.5..=0.5).contains(&g) {
            c.error(
                &meta_path.key("wage_growth_per_year"),
                format!("{g} is out of range; allowed: -0.5 to 0.5 (a yearly growth rate, 0.03 = 3%)"),
            );
        }
        rates.set_wage_growth_per_year(g);
    }
    let table_path = KeyPath::root().key("rates");
    for (key, value) in raw.rates.iter().flatten() {
        let path = table_path.key(key);
        match override_values(value) {
            Ok(values) => {
                if let Err(e) = rates.override_figure(key, values) {
                    c.error(&path, e.to_string());
                }
            }
            Err(msg) => c.error(&path, msg),
        }
    }
    Some(rates)
}

/// `key = 15.2` (from the beginning) or `key = [{ from = "2027-01", value = 15.2 }, …]`.
fn override_values(value: &toml::Value) -> Result<Vec<(YearMonth, f64)>, String> {
    let as_f64 = |v: &toml::Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
    let earliest = YearMonth::new(1900, 1).ok_or("bad calendar")?;
    if let Some(v) = as_f64(value) {
        return Ok(vec![(earliest, v)]);
    }
    let shape_error =
        || "expected a number, or a list of { from = \"YYYY-MM\", value = number } in date order".to_owned();
    let items = value.as_array().ok_or_else(shape_error)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let t = item.as_table().ok_or_else(shape_error)?;
        if t.keys().any(|k| k != "from" && k != "value") {
            return Err(shape_error());
        }
        let from = t.get("from").and_then(|f| f.as_str()).ok_or_else(shape_error)?;
        let from = YearMonth::parse(from)?;
        let v = t.get("value").and_then(as_f64).ok_or_else(shape_error)?;
        if out
            .last()
            .is_some_and(|(prev, _): &(YearMonth, f64)| *prev >= from)
        {
            return Err(format!(
                "dates must increase; {from} comes after a later or equal date"
            ));
        }
        out.push((from, v));
    }
    if out.is_empty() {
        return Err(shape_error());
    }
    Ok(out)
}

/// A calendar month (1 = January) by number or name, or an error at `path`.
fn calendar_month(c: &mut Checker, m: &MonthRef, path: &KeyPath) -> Option<u32> {
    match m {
        MonthRef::Number(n) if (1..=12).contains(n) => Some(*n as u32),
        MonthRef::Number(n) => {
            c.error(
                path,
                format!("month {n} does not exist; use 1–12 or a name such as \"nov\""),
            );
            None
        }
        MonthRef::Name(name) => {
            let found = month_from_name(name);
            if found.is_none() {
                c.error(path, format!("`{name}` is not a month; use jan … dec (or 1–12)"));
            }
            found
        }
    }
}

fn build_peaks(c: &mut Checker, raw: &RawScenario) -> ([PeakProfile; 12], Vec<Peak>) {
    let mut profile = [PeakProfile::default(); 12];
    let mut owner: [Option<usize>; 12] = [None; 12];
    let mut peaks = Vec::new();
    for (i, peak) in raw.peaks.iter().enumerate() {
        let path = KeyPath::root().key("peak").index(i);
        let prof = PeakProfile {
            value: c.number(
                peak.value_multiplier,
                &path.key("value_multiplier"),
                Range::NonNegative,
                1.0,
            ),
            availability: c.number(
                peak.supervision_availability,
                &path.key("supervision_availability"),
                Range::Probability,
                1.0,
            ),
            cost: c.number(
                peak.supervisor_cost_multiplier,
                &path.key("supervisor_cost_multiplier"),
                Range::NonNegative,
                1.0,
            ),
        };
        if peak.months.is_empty() {
            c.error(
                &path.key("months"),
                "list at least one month, e.g. months = [\"nov\", \"dec\"]",
            );
        }
        let mut months = Vec::new();
        for (j, m) in peak.months.iter().enumerate() {
            let mpath = path.key("months").index(j);
            let Some(month) = calendar_month(c, m, &mpath) else {
                continue;
            };
            let idx = month as usize - 1;
            match owner[idx] {
                Some(other) if other != i => c.error(
                    &mpath,
                    format!("month {month} is already in peak[{other}]; a month can belong to one peak only"),
                ),
                Some(_) => c.error(&mpath, format!("month {month} is listed twice")),
                None => {
                    owner[idx] = Some(i);
                    profile[idx] = prof;
                    months.push(month);
                }
            }
        }
        peaks.push(Peak {
            name: peak.name.clone(),
            months,
            profile: prof,
        });
    }
    (profile, peaks)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    const BASE: &str = r#"[scenario]
name = "t"
start = "2027-01"
horizon_months = 12

[[placement]]
name = "w"
hours_per_week = 20
wage = "wml"
value_per_productive_hour = 25
productivity = { start = 0.3, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 35, available_hours_per_week = 8 }
"#;

    fn errors(text: &str) -> Vec<String> {
        match crate::scenario::parse(Path::new("t.toml"), text) {
            Ok(_) => Vec::new(),
            Err(diags) => diags.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn huge_inputs_that_would_overflow_sums_are_rejected() {
        assert_eq!(errors(BASE), Vec::<String>::new());
        let cases = [
            (
                BASE.replace("supervisor_cost = 35", "supervisor_cost = 1e308"),
                "supervision.supervisor_cost: 1e308 is too large; inputs must stay within ±1e12",
            ),
            (
                BASE.replace(
                    "value_per_productive_hour = 25",
                    r#"value_per_productive_hour = { dist = "lognormal", mu = 3, sigma = 30 }"#,
                ),
                "value_per_productive_hour: lognormal(mu 3, sigma 30) reaches",
            ),
            (
                format!("{BASE}[[peak]]\nmonths = [1]\nvalue_multiplier = 1e300\n"),
                "peak[0].value_multiplier: 1e300 is too large",
            ),
            (
                format!("{BASE}[rates]\nmin_wage_hour = 1e308\n"),
                "rates.min_wage_hour:",
            ),
        ];
        for (text, wanted) in cases {
            let errors = errors(&text);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(errors[0].contains(wanted), "{errors:?} lacks {wanted}");
        }
    }

    fn capacity(line: &str) -> Result<(f64, f64), Vec<String>> {
        let text = format!("{BASE}capacity = {{ {line} }}\n");
        let model = crate::scenario::parse(Path::new("t.toml"), &text)
            .map_err(|diags| diags.iter().map(ToString::to_string).collect::<Vec<_>>())?;
        let inputs = &model.placements[0].inputs;
        let value = |path: &str| {
            let input = inputs.iter().find(|i| i.path == path).expect("slot");
            input.dist.as_constant().expect("a constant")
        };
        Ok((value("capacity.typical"), value("capacity.volatility")))
    }

    #[test]
    fn typical_range_is_translated_to_typical_and_volatility() {
        let got = capacity("typical_range = [0.70, 0.95], persistence = 0.6").unwrap();
        assert_eq!(got, crate::model::capacity_from_range(0.70, 0.95, 0.6));
        let got = capacity("typical_range = [0.70, 0.95]").unwrap();
        assert_eq!(got, crate::model::capacity_from_range(0.70, 0.95, 0.0));
        assert_eq!(capacity("typical = 0.85, volatility = 0.3").unwrap(), (0.85, 0.3));
    }

    #[test]
    fn typical_range_errors_say_what_is_allowed() {
        let cases = [
            (
                "typical_range = [0.7, 0.95], typical = 0.8",
                "capacity.typical_range: give either `typical_range` or `typical` and `volatility`, not both",
            ),
            ("typical_range = [0.7, 0.95], volatility = 0.3", "not both"),
            (
                "typical_range = [0.95, 0.7]",
                "capacity.typical_range: [0.95, 0.7] is not allowed; `typical_range` is [low, high], shares of the contract hours with 0 < low < high < 1",
            ),
            ("typical_range = [0, 0.9]", "0 < low < high < 1"),
            ("typical_range = [0.5, 1]", "0 < low < high < 1"),
            (
                r#"typical_range = [0.7, 0.95], persistence = { dist = "uniform", min = 0.2, max = 0.6 }"#,
                "capacity.persistence: with `typical_range`, `persistence` must be a number",
            ),
            ("persistence = 0.5", "`capacity` needs `typical`"),
        ];
        for (line, wanted) in cases {
            let errors = capacity(line).unwrap_err();
            assert_eq!(errors.len(), 1, "{line}: {errors:?}");
            assert!(errors[0].contains(wanted), "{line}: {errors:?} lacks {wanted}");
        }
    }
}
