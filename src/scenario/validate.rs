//! Turns a parsed [`RawScenario`] into a valid [`Model`], or reports every problem it finds,
//! each with its key path (placed in the file by [`SourceMap`]).

use std::collections::{BTreeMap, BTreeSet};

use super::diag::{Diagnostic, KeyPath, SourceMap, suggest, unknown_key_message};
use super::raw::*;
use crate::calendar::{YearMonth, month_from_name};
use crate::dist::{Dist, InputSpec};
use crate::model::*;
use crate::rates::{self, Rates};
use crate::sim::copula::{Copula, Pair};
use crate::sim::instruments::INSTRUMENT_LINES;
use crate::sim::instruments::{
    Instrument, detachering, grant, jobcoach_funding, lks, lkv, loondispensatie, no_risk_polis,
    praktijkleren, proefplaatsing, workplace_adaptation,
};
use crate::sim::ledger::BUILTIN_LINES;
use crate::sim::rng;
use crate::stats::metrics::{ARRANGEMENT_METRICS, PAIR_METRICS};

/// Default number of iterations when the scenario does not say.
pub const DEFAULT_ITERATIONS: u64 = 10_000;
/// Default seed when the scenario does not say.
pub const DEFAULT_SEED: u64 = 1;
/// The name of the built-in "no support" arrangement.
pub const BASELINE_NAME: &str = "no support";
/// Longest horizon accepted (50 years).
pub const MAX_HORIZON_MONTHS: i64 = 600;
/// Most copies of one placement.
pub const MAX_COUNT: i64 = 1000;
/// Months between loonwaarde assessments unless the scenario says otherwise.
pub const DEFAULT_REASSESS_MONTHS: i64 = 12;
/// Standard deviation of the error of a loonwaarde assessment unless the scenario says otherwise.
pub const DEFAULT_ASSESSMENT_NOISE_SD: f64 = 0.05;
/// Supervisor hours the employer spends on one loonwaarde assessment by default.
pub const DEFAULT_ASSESSMENT_ADMIN_HOURS: f64 = 2.0;
/// Calendar month in which UWV pays the LKV of the previous year by default (September).
pub const DEFAULT_LKV_PAY_MONTH: i64 = 9;
/// Largest magnitude a numeric input may reach: far above any amount, hour count or
/// multiplier of a placement, and far enough below `f64::MAX` that sums over months, copies
/// and iterations cannot overflow to infinity.
pub const MAX_MAGNITUDE: f64 = 1e12;
/// Tail probability at which an unbounded distribution's reach is measured.
const REACH_TAIL: f64 = 1e-12;

/// The range a numeric input must stay within, whatever its draw.
#[derive(Debug, Clone, Copy)]
enum Range {
    /// 0 ≤ x ≤ 1.
    Probability,
    /// 0 < x ≤ 1.
    PositiveShare,
    /// 0 ≤ x < 1.
    Persistence,
    /// x ≥ 0.
    NonNegative,
    /// x > 0.
    Positive,
}

impl Range {
    fn describe(self) -> &'static str {
        match self {
            Range::Probability => "between 0 and 1",
            Range::PositiveShare => "above 0 and at most 1",
            Range::Persistence => "at least 0 and below 1",
            Range::NonNegative => "at least 0",
            Range::Positive => "above 0",
        }
    }

    fn admits(self, dist: &Dist) -> bool {
        let (lo, hi) = dist.support();
        let atom_at_lo = matches!(dist.kind(), "constant" | "discrete" | "bernoulli") || lo == hi;
        let lo_ok = |strict: bool| {
            if strict {
                lo > 0.0 || (lo == 0.0 && !atom_at_lo)
            } else {
                lo >= 0.0
            }
        };
        match self {
            Range::Probability => lo_ok(false) && hi <= 1.0,
            Range::PositiveShare => lo_ok(true) && hi <= 1.0,
            Range::Persistence => lo_ok(false) && (hi < 1.0 || (hi == 1.0 && !atom_at_lo)),
            Range::NonNegative => lo_ok(false),
            Range::Positive => lo_ok(true),
        }
    }
}

/// Collects diagnostics while walking the raw scenario.
struct Checker<'s, 'a> {
    map: &'s SourceMap<'a>,
    errors: Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    fn error(&mut self, path: &KeyPath, message: impl Into<String>) {
        self.errors.push(self.map.at_path(path, message));
    }

    /// Builds a distribution and checks that every value it can take lies in `range`.
    fn input(&mut self, spec: &InputSpec, path: &KeyPath, range: Range) -> Dist {
        match spec.build() {
            Ok(dist) => {
                if !range.admits(&dist) {
                    let (lo, hi) = dist.support();
                    let what = match spec {
                        InputSpec::Constant(v) => format!("{v} is not allowed"),
                        InputSpec::Dist(_) => format!(
                            "{} can take values from {} to {}",
                            dist.describe(),
                            fmt_bound(lo),
                            fmt_bound(hi)
                        ),
                    };
                    self.error(path, format!("{what}; this input must be {}", range.describe()));
                } else if let Some(too_far) = beyond_magnitude(&dist) {
                    let what = match spec {
                        InputSpec::Constant(v) => format!("{v:e} is too large"),
                        InputSpec::Dist(_) => format!("{} reaches {too_far:e}", dist.describe()),
                    };
                    self.error(
                        path,
                        format!("{what}; inputs must stay within ±{MAX_MAGNITUDE:e}"),
                    );
                }
                dist
            }
            Err(problems) => {
                for p in problems {
                    let at = p.param.as_deref().map_or_else(|| path.clone(), |k| path.key(k));
                    self.error(&at, p.message);
                }
                constant(0.0)
            }
        }
    }

    fn optional_input(
        &mut self,
        spec: Option<&InputSpec>,
        path: &KeyPath,
        range: Range,
        default: f64,
    ) -> Dist {
        match spec {
            Some(spec) => self.input(spec, path, range),
            None => constant(default),
        }
    }

    /// A limit that is absent by default: `None` means no limit (+∞).
    fn limit(&mut self, value: Option<f64>, path: &KeyPath) -> f64 {
        match value {
            Some(v) => self.number(Some(v), path, Range::NonNegative, 0.0),
            None => f64::INFINITY,
        }
    }

    fn number(&mut self, value: Option<f64>, path: &KeyPath, range: Range, default: f64) -> f64 {
        let v = value.unwrap_or(default);
        if !v.is_finite() || !range.admits(&constant(v)) {
            self.error(
                path,
                format!("{v} is not allowed; it must be {}", range.describe()),
            );
        } else if v.abs() > MAX_MAGNITUDE {
            self.error(
                path,
                format!("{v:e} is too large; inputs must stay within ±{MAX_MAGNITUDE:e}"),
            );
        }
        v
    }

    /// A month count in `lo..=hi`.
    fn months(&mut self, value: i64, path: &KeyPath, lo: i64, hi: i64) -> usize {
        if value < lo || value > hi {
            self.error(path, format!("{value} is out of range; allowed: {lo} to {hi}"));
            return lo.max(0) as usize;
        }
        value as usize
    }

    fn name(&mut self, name: &str, path: &KeyPath, seen: &mut BTreeSet<String>, what: &str) {
        if name.trim().is_empty() {
            self.error(path, format!("the {what} name must not be empty"));
        } else if !seen.insert(name.to_owned()) {
            self.error(
                path,
                format!("duplicate {what} name `{name}`; names must be unique"),
            );
        }
    }
}

/// The value beyond ±[`MAX_MAGNITUDE`] that `dist` can reach (an unbounded tail is measured
/// at its 1e-12 quantile), if any.
fn beyond_magnitude(dist: &Dist) -> Option<f64> {
    let (lo, hi) = dist.support();
    let lo = if lo.is_finite() {
        lo
    } else {
        dist.quantile(REACH_TAIL)
    };
    let hi = if hi.is_finite() {
        hi
    } else {
        dist.quantile(1.0 - REACH_TAIL)
    };
    [lo, hi]
        .into_iter()
        .find(|x| x.is_nan() || x.abs() > MAX_MAGNITUDE)
}

fn fmt_bound(x: f64) -> String {
    if x.is_infinite() {
        if x > 0.0 { "+∞".into() } else { "−∞".into() }
    } else {
        format!("{x}")
    }
}

/// A constant input; a non-finite value (already reported) becomes 0.
fn constant(v: f64) -> Dist {
    Dist::constant(v)
        .or_else(|_| Dist::constant(0.0))
        .expect("0 is a valid constant")
}

/// Validates a parsed scenario against its source map.
pub fn validate(raw: &RawScenario, map: &SourceMap, source: &str) -> Result<Model, Vec<Diagnostic>> {
    let mut c = Checker {
        map,
        errors: Vec::new(),
    };
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
    let (peak_profile, peaks) = build_peaks(&mut c, raw);
    let mut instrument_inputs = Vec::new();
    let arrangements = build_arrangements(
        &mut c,
        raw,
        meta.baseline.unwrap_or(true),
        rates.as_ref(),
        start,
        &mut instrument_inputs,
    );
    let (instrument_inputs, instrument_streams) = instrument_inputs.into_iter().unzip();
    let mut placements = placements;
    build_correlations(&mut c, raw, &mut placements);
    placements.iter_mut().for_each(Placement::plan_draws);
    let expectations = build_expectations(&mut c, raw, &arrangements, &placements);

    match (c.errors.is_empty(), rates) {
        (true, Some(rates)) => Ok(Model {
            name: meta.name.clone(),
            description: meta.description.clone(),
            source: source.to_owned(),
            start,
            horizon,
            iterations,
            seed,
            discount_rate,
            rates,
            placements,
            pools,
            peak_profile,
            peaks,
            arrangements,
            expectations,
            instrument_inputs,
            instrument_streams,
        }),
        _ => Err(c.errors),
    }
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

fn build_pools(c: &mut Checker, raw: &RawScenario) -> Vec<Pool> {
    let mut seen = BTreeSet::new();
    raw.pools
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let path = KeyPath::root().key("pool").index(i);
            c.name(&p.name, &path.key("name"), &mut seen, "pool");
            Pool {
                name: p.name.clone(),
                available: c.input(
                    &p.available_hours_per_week,
                    &path.key("available_hours_per_week"),
                    Range::NonNegative,
                ),
            }
        })
        .collect()
}

/// Placements that use the same cost or benefit name share one ledger line, so the line must
/// flow the same way in each.
fn check_shared_line_names(c: &mut Checker, placements: &[Placement]) {
    let mut first: BTreeMap<&str, (usize, &OtherLine)> = BTreeMap::new();
    for (pi, p) in placements.iter().enumerate() {
        for (li, line) in p.lines.iter().enumerate() {
            match first.get(line.name.as_str()) {
                Some((other, seen))
                    if *other != pi && (seen.is_benefit != line.is_benefit || seen.party != line.party) =>
                {
                    let kind = if line.is_benefit { "benefit" } else { "cost" };
                    let index = if line.is_benefit {
                        li - p.lines.iter().filter(|l| !l.is_benefit).count()
                    } else {
                        li
                    };
                    c.error(
                        &KeyPath::root().key("placement").index(pi).key(kind).index(index).key("name"),
                        format!(
                            "`{}` is also a line of placement `{}` with another direction or party; lines of the same name share one ledger line, so give this one its own name",
                            line.name, placements[*other].name
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(&line.name, (pi, line));
                }
            }
        }
    }
}

fn check_pools_used(c: &mut Checker, raw: &RawScenario) {
    for (i, pool) in raw.pools.iter().enumerate() {
        let used = raw
            .placements
            .iter()
            .any(|p| p.supervision.pool.as_deref() == Some(pool.name.as_str()));
        if !used {
            c.error(
                &KeyPath::root().key("pool").index(i).key("name"),
                format!(
                    "pool `{}` is not used by any placement (name it in `supervision.pool`)",
                    pool.name
                ),
            );
        }
    }
}

fn build_placement(
    c: &mut Checker,
    p: &RawPlacement,
    path: &KeyPath,
    horizon: usize,
    pools: &[&str],
    rates: Option<&Rates>,
    start: YearMonth,
) -> Placement {
    let count = c.months(p.count.unwrap_or(1), &path.key("count"), 1, MAX_COUNT);
    let last_month = horizon.saturating_sub(1) as i64;
    let start_month = c.months(
        p.start_month.unwrap_or(0),
        &path.key("start_month"),
        0,
        last_month,
    );
    let contract_end_month = p.contract_end_month.map(|m| {
        c.months(
            m,
            &path.key("contract_end_month"),
            start_month as i64 + 1,
            MAX_HORIZON_MONTHS,
        )
    });
    // Defaults that are legal figures come from the preset, as in force at the start.
    let figure = |f: rates::Figure| rates.map_or(0.0, |r| r.get(f, start));

    let mut inputs: Vec<StaticInput> = Vec::with_capacity(Slot::COUNT + p.costs.len() + p.benefits.len());
    let mut put = |slot: Slot, dist: Dist, used: bool| {
        debug_assert_eq!(inputs.len(), slot as usize);
        inputs.push(StaticInput {
            path: slot.path().to_owned(),
            dist,
            used,
        });
    };
    let at = |slot: Slot| path.key(slot.path());

    put(
        Slot::HoursPerWeek,
        c.input(&p.hours_per_week, &at(Slot::HoursPerWeek), Range::Positive),
        true,
    );
    let (wage, wage_is_wml) = match &p.wage {
        WageSpec::Wml => (constant(0.0), true),
        WageSpec::Hourly(spec) => (c.input(spec, &at(Slot::Wage), Range::Positive), false),
    };
    put(Slot::Wage, wage, !wage_is_wml);
    put(
        Slot::ValuePerProductiveHour,
        c.input(
            &p.value_per_productive_hour,
            &at(Slot::ValuePerProductiveHour),
            Range::NonNegative,
        ),
        true,
    );
    let burden_default = figure(rates::Figure::LksForfait);
    put(
        Slot::EmployerBurden,
        c.optional_input(
            p.employer_burden.as_ref(),
            &at(Slot::EmployerBurden),
            Range::NonNegative,
            burden_default,
        ),
        true,
    );
    let prod = &p.productivity;
    put(
        Slot::ProductivityStart,
        c.input(&prod.start, &at(Slot::ProductivityStart), Range::Probability),
        true,
    );
    put(
        Slot::ProductivityTarget,
        c.input(&prod.target, &at(Slot::ProductivityTarget), Range::Probability),
        true,
    );
    put(
        Slot::RampMonths,
        c.input(&prod.ramp_months, &at(Slot::RampMonths), Range::Positive),
        true,
    );

    let cap = p.capacity.as_ref();
    let has_cap = cap.is_some();
    let typical = cap.map_or_else(
        || constant(1.0),
        |cap| c.input(&cap.typical, &at(Slot::CapacityTypical), Range::PositiveShare),
    );
    put(Slot::CapacityTypical, typical, has_cap);
    let vol = c.optional_input(
        cap.and_then(|x| x.volatility.as_ref()),
        &at(Slot::CapacityVolatility),
        Range::NonNegative,
        0.0,
    );
    put(Slot::CapacityVolatility, vol, has_cap);
    let persistence = c.optional_input(
        cap.and_then(|x| x.persistence.as_ref()),
        &at(Slot::CapacityPersistence),
        Range::Persistence,
        0.0,
    );
    put(Slot::CapacityPersistence, persistence, has_cap);
    let sick_p = c.optional_input(
        cap.and_then(|x| x.sick_start_probability.as_ref()),
        &at(Slot::SickStartProbability),
        Range::Probability,
        0.0,
    );
    let can_be_sick = sick_p.support().1 > 0.0;
    put(Slot::SickStartProbability, sick_p, has_cap);
    let sick_months = match cap.and_then(|x| x.sick_months.as_ref()) {
        Some(spec) => Some(c.input(spec, &path.key("capacity.sick_months"), Range::Positive)),
        None if can_be_sick => {
            c.error(
                &path.key("capacity"),
                "`sick_months` (length of a sick spell) is needed when `sick_start_probability` can be above 0",
            );
            None
        }
        None => None,
    };

    let sup = &p.supervision;
    put(
        Slot::SupervisionInitial,
        c.input(
            &sup.initial_hours_per_week,
            &at(Slot::SupervisionInitial),
            Range::NonNegative,
        ),
        true,
    );
    put(
        Slot::SupervisionSteady,
        c.input(
            &sup.steady_hours_per_week,
            &at(Slot::SupervisionSteady),
            Range::NonNegative,
        ),
        true,
    );
    put(
        Slot::SupervisionHalving,
        c.input(
            &sup.halving_months,
            &at(Slot::SupervisionHalving),
            Range::Positive,
        ),
        true,
    );
    put(
        Slot::SupervisorCost,
        c.input(
            &sup.supervisor_cost,
            &at(Slot::SupervisorCost),
            Range::NonNegative,
        ),
        true,
    );
    let supervision = match (&sup.available_hours_per_week, &sup.pool) {
        (Some(spec), None) => {
            put(
                Slot::SupervisionAvailable,
                c.input(spec, &at(Slot::SupervisionAvailable), Range::NonNegative),
                true,
            );
            SupervisionSource::Own
        }
        (None, Some(name)) => {
            put(Slot::SupervisionAvailable, constant(0.0), false);
            match pools.iter().position(|p| p == name) {
                Some(i) => SupervisionSource::Pool(i),
                None => {
                    let mut msg = format!("unknown pool `{name}`");
                    match suggest(name, pools.iter().copied()) {
                        Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
                        None if pools.is_empty() => msg.push_str("; define it in a [[pool]] section"),
                        None => msg.push_str(&format!(". Pools: {}", pools.join(", "))),
                    }
                    c.error(&path.key("supervision.pool"), msg);
                    SupervisionSource::Own
                }
            }
        }
        (Some(_), Some(_)) => {
            put(Slot::SupervisionAvailable, constant(0.0), false);
            c.error(
                &path.key("supervision"),
                "give either `available_hours_per_week` (this placement's own supervisor) or `pool` (shared hours), not both",
            );
            SupervisionSource::Own
        }
        (None, None) => {
            put(Slot::SupervisionAvailable, constant(0.0), false);
            c.error(
                &path.key("supervision"),
                "say how many supervisor hours are available: `available_hours_per_week = …` or `pool = \"name\"` of a [[pool]]",
            );
            SupervisionSource::Own
        }
    };

    let drop = p.dropout.as_ref();
    let has_drop = drop.is_some();
    let monthly = drop.map_or_else(
        || constant(0.0),
        |d| c.input(&d.monthly, &at(Slot::DropoutMonthly), Range::Probability),
    );
    put(Slot::DropoutMonthly, monthly, has_drop);
    let k = c.optional_input(
        drop.and_then(|d| d.shortfall_factor.as_ref()),
        &at(Slot::DropoutShortfallFactor),
        Range::NonNegative,
        0.0,
    );
    put(Slot::DropoutShortfallFactor, k, has_drop);
    let exit = c.optional_input(
        drop.and_then(|d| d.exit_cost.as_ref()),
        &at(Slot::DropoutExitCost),
        Range::NonNegative,
        0.0,
    );
    put(Slot::DropoutExitCost, exit, has_drop);

    let jobcoach = p.jobcoach.as_ref().map(|j| {
        let jpath = path.key("jobcoach");
        put(
            Slot::JobcoachTariff,
            c.input(&j.tariff_per_hour, &at(Slot::JobcoachTariff), Range::NonNegative),
            true,
        );
        let norm = matches!(j.hours_per_month, JobcoachHoursSpec::Norm);
        let hours = match &j.hours_per_month {
            JobcoachHoursSpec::Norm => constant(0.0),
            JobcoachHoursSpec::PerMonth(spec) => c.input(spec, &at(Slot::JobcoachHours), Range::NonNegative),
        };
        put(Slot::JobcoachHours, hours, !norm);
        let max_months = j
            .max_months
            .map(|m| c.months(m, &jpath.key("max_months"), 0, MAX_HORIZON_MONTHS));
        JobcoachPlan { norm, max_months }
    });
    if jobcoach.is_none() {
        put(Slot::JobcoachTariff, constant(0.0), false);
        put(Slot::JobcoachHours, constant(0.0), false);
    }

    let mut line_names = BTreeSet::new();
    let mut lines = Vec::new();
    for (is_benefit, key, raw_lines) in [(false, "cost", &p.costs), (true, "benefit", &p.benefits)] {
        for (i, line) in raw_lines.iter().enumerate() {
            let lpath = path.key(key).index(i);
            c.name(
                &line.name,
                &lpath.key("name"),
                &mut line_names,
                "cost/benefit line",
            );
            if BUILTIN_LINES.contains(&line.name.as_str()) || INSTRUMENT_LINES.contains(&line.name.as_str()) {
                c.error(
                    &lpath.key("name"),
                    format!(
                        "`{}` is a line of the engine or of an instrument; choose another name (taken: {}, {})",
                        line.name,
                        BUILTIN_LINES.join(", "),
                        INSTRUMENT_LINES.join(", ")
                    ),
                );
            }
            let slot = inputs.len();
            let amount = c.input(&line.amount, &lpath.key("amount"), Range::NonNegative);
            inputs.push(StaticInput {
                path: format!("{key}.{}.amount", line.name),
                dist: amount,
                used: true,
            });
            let timing = line_timing(c, line, &lpath);
            let party = match &line.party {
                None if is_benefit => Party::Market,
                None => Party::Supplier,
                Some(name) => match Party::from_key(name) {
                    Some(Party::Employer) | None => {
                        let allowed: Vec<&str> = Party::ALL[1..].iter().map(|p| p.as_str()).collect();
                        c.error(&lpath.key("party"), unknown_key_message("party", name, &allowed));
                        Party::Supplier
                    }
                    Some(party) => party,
                },
            };
            lines.push(OtherLine {
                name: line.name.clone(),
                is_benefit,
                slot,
                timing,
                party,
            });
        }
    }

    let holiday_default = figure(rates::Figure::HolidayPay);
    let sick_pay = p.sick_pay.as_ref();
    let spath = path.key("sick_pay");
    Placement {
        name: p.name.clone(),
        count,
        start_month,
        contract_end_month,
        copula: None,
        correlations: Vec::new(),
        draws: Default::default(),
        wage_is_wml,
        holiday_pay: c.number(
            p.holiday_pay,
            &path.key("holiday_pay"),
            Range::Probability,
            holiday_default,
        ),
        pay_basis: p.pay_basis.unwrap_or(PayBasis::Contract),
        sick_pay_first_year: c.number(
            sick_pay.and_then(|s| s.first_year),
            &spath.key("first_year"),
            Range::Probability,
            1.0,
        ),
        sick_pay_second_year: c.number(
            sick_pay.and_then(|s| s.second_year),
            &spath.key("second_year"),
            Range::Probability,
            0.7,
        ),
        ramp: prod.shape.unwrap_or(RampShape::Exponential),
        sick_months,
        supervision,
        jobcoach,
        lines,
        inputs,
        worker: build_worker(c, p.worker.as_ref(), &path.key("worker")),
    }
}

fn build_worker(c: &mut Checker, raw: Option<&RawWorker>, path: &KeyPath) -> Worker {
    let Some(w) = raw else {
        return Worker::default();
    };
    let age = w.age.map(|a| c.months(a, &path.key("age"), 15, 67) as u32);
    let benefit = match w.benefit.as_deref() {
        None => Benefit::None,
        Some(name) => match Benefit::ALL.into_iter().find(|b| b.as_str() == name) {
            Some(b) => b,
            None => {
                let allowed: Vec<&str> = Benefit::ALL.iter().map(|b| b.as_str()).collect();
                c.error(
                    &path.key("benefit"),
                    unknown_key_message("benefit", name, &allowed),
                );
                Benefit::None
            }
        },
    };
    Worker {
        age,
        benefit,
        banenafspraak: w.banenafspraak.unwrap_or(false),
        arbeidsgehandicapt: w.arbeidsgehandicapt.unwrap_or(false),
    }
}

/// A payer among `allowed` (named in the scenario) or the default.
fn payer(c: &mut Checker, name: Option<&String>, default: Party, allowed: &[Party], path: &KeyPath) -> Party {
    let Some(name) = name else {
        return default;
    };
    match allowed.iter().find(|p| p.as_str() == name) {
        Some(p) => *p,
        None => {
            let keys: Vec<&str> = allowed.iter().map(|p| p.as_str()).collect();
            c.error(path, unknown_key_message("payer", name, &keys));
            default
        }
    }
}

/// A whole number of months in `lo..=hi` (figures from the preset give the bounds).
fn month_count(c: &mut Checker, value: Option<i64>, default: f64, lo: f64, hi: f64, path: &KeyPath) -> usize {
    let v = value.map_or(default, |v| v as f64);
    if v < lo || v > hi || v.fract() != 0.0 {
        c.error(path, format!("{v} is out of range; allowed: {lo} to {hi} months"));
        return lo.max(0.0) as usize;
    }
    v as usize
}

fn build_instruments(
    c: &mut Checker,
    raw: &RawScenario,
    arrangement: &RawArrangement,
    path: &KeyPath,
    rates: &Rates,
    start: YearMonth,
    inputs: &mut Vec<(StaticInput, u64)>,
) -> Vec<Instrument> {
    use crate::rates::Figure as F;
    let fig = |f: F| rates.get(f, start);
    let mut out = Vec::new();
    let mut kinds: BTreeSet<String> = BTreeSet::new();
    for (j, ri) in arrangement.instruments.iter().enumerate() {
        let ipath = path.key("instruments").index(j);
        let at = |k: &str| ipath.key(k);
        // One of each kind per arrangement; LKV once per category, grants once per name.
        let identity = match ri {
            RawInstrument::Lkv { category, .. } => format!("lkv:{category}"),
            RawInstrument::Grant { name, .. } => format!("grant:{name}"),
            other => other.kind().to_owned(),
        };
        if !kinds.insert(identity.clone()) {
            c.error(
                &ipath,
                format!("`{}` appears twice in this arrangement", ri.kind()),
            );
        }
        // The input draws from a stream of its own, named by the instrument and key, so that
        // its draws do not depend on the other arrangements, and the same input of two
        // arrangements draws the same numbers (common random numbers).
        let mut new_input = |c: &mut Checker, spec: &InputSpec, key: &str| -> usize {
            let dist = c.input(spec, &at(key), Range::NonNegative);
            let input = StaticInput {
                path: format!("{}/{identity}.{key}", arrangement.name),
                dist,
                used: true,
            };
            inputs.push((input, rng::stream_id(&format!("{identity}.{key}"))));
            inputs.len() - 1
        };
        let instrument = match ri {
            RawInstrument::Lks {
                reassess_months,
                assessment_noise_sd,
                assessment_admin_hours,
                forfaitaire_phase_months,
            } => Instrument::Lks(lks::Lks {
                reassess_months: month_count(
                    c,
                    *reassess_months,
                    DEFAULT_REASSESS_MONTHS as f64,
                    1.0,
                    60.0,
                    &at("reassess_months"),
                ),
                noise_sd: c.number(
                    *assessment_noise_sd,
                    &at("assessment_noise_sd"),
                    Range::Probability,
                    DEFAULT_ASSESSMENT_NOISE_SD,
                ),
                admin_hours: c.number(
                    *assessment_admin_hours,
                    &at("assessment_admin_hours"),
                    Range::NonNegative,
                    DEFAULT_ASSESSMENT_ADMIN_HOURS,
                ),
                forfait_months: month_count(
                    c,
                    *forfaitaire_phase_months,
                    0.0,
                    0.0,
                    fig(F::LksForfaitPhaseMaxMonths),
                    &at("forfaitaire_phase_months"),
                ),
            }),
            RawInstrument::Loondispensatie { months, topup_share } => {
                Instrument::Loondispensatie(loondispensatie::Loondispensatie {
                    months: month_count(
                        c,
                        *months,
                        fig(F::LoondispensatieMaxMonths),
                        fig(F::LoondispensatieMinMonths),
                        fig(F::LoondispensatieMaxMonths),
                        &at("months"),
                    ),
                    topup_share: c.number(*topup_share, &at("topup_share"), Range::Probability, 1.0),
                    reassess_months: DEFAULT_REASSESS_MONTHS as usize,
                    noise_sd: DEFAULT_ASSESSMENT_NOISE_SD,
                })
            }
            RawInstrument::NoRiskPolis {
                employer_pays_full_first_year,
            } => Instrument::NoRiskPolis(no_risk_polis::NoRiskPolis {
                employer_pays_full_first_year: employer_pays_full_first_year.unwrap_or(true),
            }),
            RawInstrument::Lkv { category, pay_month } => {
                let cat = lkv::Category::from_key(category).unwrap_or_else(|| {
                    c.error(
                        &at("category"),
                        unknown_key_message(
                            "LKV category",
                            category,
                            &["banenafspraak", "arbeidsgehandicapt"],
                        ),
                    );
                    lkv::Category::Banenafspraak
                });
                Instrument::Lkv(lkv::Lkv {
                    category: cat,
                    pay_month: c.months(
                        pay_month.unwrap_or(DEFAULT_LKV_PAY_MONTH),
                        &at("pay_month"),
                        1,
                        12,
                    ) as u32,
                })
            }
            RawInstrument::JobcoachFunding {
                share,
                yearly_budget,
                payer: who,
            } => {
                if raw.placements.iter().all(|p| p.jobcoach.is_none()) {
                    c.error(
                        &ipath,
                        "jobcoach funding needs a jobcoach: add a `jobcoach` block to the placement",
                    );
                }
                Instrument::JobcoachFunding(jobcoach_funding::JobcoachFunding {
                    share: c.number(*share, &at("share"), Range::Probability, 1.0),
                    yearly_budget: c.limit(*yearly_budget, &at("yearly_budget")),
                    payer: payer(
                        c,
                        who.as_ref(),
                        Party::Gemeente,
                        &[Party::Gemeente, Party::Uwv],
                        &at("payer"),
                    ),
                })
            }
            RawInstrument::WorkplaceAdaptation {
                cost_line,
                share,
                payer: who,
            } => {
                let costs: Vec<&str> = raw
                    .placements
                    .iter()
                    .flat_map(|p| p.costs.iter().map(|l| l.name.as_str()))
                    .collect();
                if !costs.contains(&cost_line.as_str()) {
                    c.error(
                        &at("cost_line"),
                        unknown_key_message("cost line", cost_line, &costs),
                    );
                }
                Instrument::WorkplaceAdaptation(workplace_adaptation::WorkplaceAdaptation {
                    cost_line: cost_line.clone(),
                    share: c.number(*share, &at("share"), Range::Probability, 1.0),
                    payer: payer(
                        c,
                        who.as_ref(),
                        Party::Uwv,
                        &[Party::Uwv, Party::Gemeente],
                        &at("payer"),
                    ),
                })
            }
            RawInstrument::Proefplaatsing {
                months,
                hire_probability,
                hire_threshold,
                benefit_per_month,
                benefit_payer,
            } => {
                let hire = match (hire_probability, hire_threshold) {
                    (Some(_), Some(_)) => {
                        c.error(&ipath, "give `hire_probability` or `hire_threshold`, not both");
                        proefplaatsing::Hire::Probability(0.0)
                    }
                    (None, Some(t)) => proefplaatsing::Hire::Threshold(c.number(
                        Some(*t),
                        &at("hire_threshold"),
                        Range::Probability,
                        0.0,
                    )),
                    (p, None) => proefplaatsing::Hire::Probability(c.number(
                        *p,
                        &at("hire_probability"),
                        Range::Probability,
                        fig(F::ProefplaatsingHireShare),
                    )),
                };
                Instrument::Proefplaatsing(proefplaatsing::Proefplaatsing {
                    months: month_count(
                        c,
                        *months,
                        fig(F::ProefplaatsingDefaultMonths),
                        1.0,
                        fig(F::ProefplaatsingMaxMonths),
                        &at("months"),
                    ),
                    hire,
                    benefit_input: new_input(c, benefit_per_month, "benefit_per_month"),
                    benefit_payer: payer(
                        c,
                        benefit_payer.as_ref(),
                        Party::Uwv,
                        &[Party::Uwv, Party::Gemeente],
                        &at("benefit_payer"),
                    ),
                })
            }
            RawInstrument::Praktijkleren { amount_per_year } => {
                let max = fig(F::PraktijklerenMaxPerYear);
                if let Some(a) = amount_per_year {
                    if !(0.0..=max).contains(a) {
                        c.error(&at("amount_per_year"), format!("{a} is out of range; allowed: 0 to {max} (the preset's maximum per school year)"));
                    }
                }
                Instrument::Praktijkleren(praktijkleren::Praktijkleren {
                    amount_per_year: *amount_per_year,
                })
            }
            RawInstrument::Detachering {
                tariff_per_hour,
                basis,
                provider_supervision_share,
            } => Instrument::Detachering(detachering::Detachering {
                tariff_input: new_input(c, tariff_per_hour, "tariff_per_hour"),
                basis: basis.unwrap_or(PayBasis::Worked),
                provider_supervision_share: c.number(
                    *provider_supervision_share,
                    &at("provider_supervision_share"),
                    Range::Probability,
                    0.0,
                ),
            }),
            RawInstrument::Grant {
                name,
                amount,
                per,
                from_month,
                to_month,
                cap,
                payer: who,
            } => {
                if name.trim().is_empty() {
                    c.error(&at("name"), "the grant needs a name (it becomes its ledger line)");
                } else if BUILTIN_LINES.contains(&name.as_str()) || INSTRUMENT_LINES.contains(&name.as_str())
                {
                    c.error(
                        &at("name"),
                        format!("`{name}` is already a ledger line; choose another name"),
                    );
                }
                let per = grant::Per::from_key(per).unwrap_or_else(|| {
                    c.error(
                        &at("per"),
                        unknown_key_message("value", per, &["one_off", "month", "worked_hour"]),
                    );
                    grant::Per::OneOff
                });
                let from = c.months(from_month.unwrap_or(0), &at("from_month"), 0, MAX_HORIZON_MONTHS);
                let to = to_month.map(|t| c.months(t, &at("to_month"), from as i64, MAX_HORIZON_MONTHS));
                Instrument::Grant(grant::Grant {
                    name: name.clone(),
                    amount: c.number(Some(*amount), &at("amount"), Range::NonNegative, 0.0),
                    per,
                    from_month: from,
                    to_month: to,
                    cap: c.limit(*cap, &at("cap")),
                    payer: payer(
                        c,
                        who.as_ref(),
                        Party::Gemeente,
                        &[
                            Party::Gemeente,
                            Party::Uwv,
                            Party::Rijk,
                            Party::School,
                            Party::Provider,
                        ],
                        &at("payer"),
                    ),
                })
            }
        };
        out.push(instrument);
    }
    out
}

fn line_timing(c: &mut Checker, line: &RawLine, path: &KeyPath) -> LineTiming {
    let month = |c: &mut Checker, v: i64, key: &str| c.months(v, &path.key(key), 0, MAX_HORIZON_MONTHS);
    match (line.at_month, line.from_month, line.to_month) {
        (Some(at), None, None) => LineTiming::OneOff(month(c, at, "at_month")),
        (None, Some(from), to) => {
            let from = month(c, from, "from_month");
            let to = to.map_or(MAX_HORIZON_MONTHS as usize, |t| month(c, t, "to_month"));
            if to < from {
                c.error(
                    &path.key("to_month"),
                    format!("`to_month` ({to}) is before `from_month` ({from})"),
                );
            }
            LineTiming::Monthly { from, to }
        }
        (None, None, Some(_)) => {
            c.error(
                path,
                "a monthly line needs `from_month` (and optionally `to_month`)",
            );
            LineTiming::OneOff(0)
        }
        (None, None, None) => {
            c.error(path, "say when the amount falls: `at_month = m` (once) or `from_month = m` (monthly, until `to_month`)");
            LineTiming::OneOff(0)
        }
        (Some(_), _, _) => {
            c.error(
                path,
                "`at_month` (once) cannot be combined with `from_month`/`to_month` (monthly)",
            );
            LineTiming::OneOff(0)
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
            let month = match m {
                MonthRef::Number(n) if (1..=12).contains(n) => Some(*n as u32),
                MonthRef::Number(n) => {
                    c.error(
                        &mpath,
                        format!("month {n} does not exist; use 1–12 or a name such as \"nov\""),
                    );
                    None
                }
                MonthRef::Name(name) => {
                    let found = month_from_name(name);
                    if found.is_none() {
                        c.error(
                            &mpath,
                            format!("`{name}` is not a month; use jan … dec (or 1–12)"),
                        );
                    }
                    found
                }
            };
            let Some(month) = month else { continue };
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

fn build_arrangements(
    c: &mut Checker,
    raw: &RawScenario,
    baseline: bool,
    rates: Option<&Rates>,
    start: YearMonth,
    inputs: &mut Vec<(StaticInput, u64)>,
) -> Vec<Arrangement> {
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
            Some(rates) => build_instruments(c, raw, a, &path, rates, start, inputs),
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

fn build_correlations(c: &mut Checker, raw: &RawScenario, placements: &mut [Placement]) {
    // Group the requested pairs by placement; each group becomes one copula.
    let mut groups: BTreeMap<usize, Vec<(usize, usize, f64, KeyPath)>> = BTreeMap::new();
    for (i, corr) in raw.correlations.iter().enumerate() {
        let path = KeyPath::root().key("correlation").index(i);
        let Some(pi) = placements.iter().position(|p| p.name == corr.placement) else {
            let names: Vec<&str> = placements.iter().map(|p| p.name.as_str()).collect();
            c.error(
                &path.key("placement"),
                unknown_key_message("placement", &corr.placement, &names),
            );
            continue;
        };
        if !(corr.rho > -1.0 && corr.rho < 1.0) {
            c.error(
                &path.key("rho"),
                format!(
                    "{} is out of range; rho must lie strictly between -1 and 1",
                    corr.rho
                ),
            );
            continue;
        }
        if corr.inputs.len() != 2 {
            c.error(&path.key("inputs"), "name exactly two inputs, e.g. inputs = [\"productivity.start\", \"productivity.ramp_months\"]");
            continue;
        }
        let placement = &placements[pi];
        let mut slots = Vec::new();
        for (j, name) in corr.inputs.iter().enumerate() {
            let ipath = path.key("inputs").index(j);
            let usable: Vec<&str> = placement
                .inputs
                .iter()
                .filter(|s| s.used)
                .map(|s| s.path.as_str())
                .collect();
            match placement.inputs.iter().position(|s| s.used && s.path == *name) {
                Some(slot) if placement.inputs[slot].dist.as_constant().is_some() => {
                    c.error(
                        &ipath,
                        format!("`{name}` is a constant; only uncertain inputs can be correlated"),
                    );
                }
                Some(slot) => slots.push(slot),
                None => c.error(&ipath, unknown_key_message("input", name, &usable)),
            }
        }
        if let [a, b] = slots[..] {
            if a == b {
                c.error(&path.key("inputs"), "an input cannot be correlated with itself");
            } else {
                groups.entry(pi).or_default().push((a, b, corr.rho, path));
            }
        }
    }
    for (pi, pairs) in groups {
        let mut slots: Vec<usize> = pairs.iter().flat_map(|(a, b, _, _)| [*a, *b]).collect();
        slots.sort_unstable();
        slots.dedup();
        let pos = |s: usize| slots.iter().position(|x| *x == s).unwrap_or(0);
        let mut seen = BTreeSet::new();
        let mut matrix_pairs = Vec::new();
        for (a, b, rho, path) in &pairs {
            if !seen.insert((*a.min(b), *a.max(b))) {
                c.error(
                    path,
                    "this pair of inputs is already correlated in an earlier [[correlation]]",
                );
            }
            matrix_pairs.push(Pair {
                a: pos(*a),
                b: pos(*b),
                rho: *rho,
            });
            placements[pi].correlations.push(Correlation {
                a: *a,
                b: *b,
                rho: *rho,
            });
        }
        let names: Vec<String> = slots
            .iter()
            .map(|&s| placements[pi].inputs[s].path.clone())
            .collect();
        match Copula::new(slots, &names, &matrix_pairs) {
            Ok(copula) => placements[pi].copula = Some(copula),
            Err(msg) => {
                let first = &pairs[0].3;
                c.error(first, format!("placement `{}`: {msg}", placements[pi].name));
            }
        }
    }
}

fn build_expectations(
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
    // The lines of one arrangement: the base lines and those of its instruments.
    let lines_of = |name: &str| -> Vec<String> {
        let mut lines = base_lines.clone();
        if let Some(a) = arrangements.iter().find(|a| a.name == name) {
            lines.extend(a.instruments.iter().flat_map(|i| i.line_names()));
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
        let metric_ok = is_pair_metric
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
}
