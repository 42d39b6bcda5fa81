//! Placements: their inputs, worker, lines and timing, supervisor pools, and the correlations
//! between a placement's inputs.

use super::*;
use crate::dist::InputSpec;
use crate::scenario::raw::RawLabel;
use crate::vocab::Group;
use crate::vocab::{CounterfactualBenefit, Household};

/// Hours of supervision need one jobcoach hour takes over when the scenario does not say: an
/// assumption, not a sourced figure (docs/financing.md, "What a jobcoach changes").
pub const JOBCOACH_SUPERVISION_SHARE: f64 = 0.5;
/// Multiplier on the monthly dropout probability in a coached month when the scenario does
/// not say: 1, no effect, for no source gives one (docs/financing.md, "What a jobcoach
/// changes"); a jobcoach still lowers dropout through the supervision it gives.
pub const JOBCOACH_DROPOUT_FACTOR: f64 = 1.0;

pub(super) fn build_pools(c: &mut Checker, raw: &RawScenario) -> Vec<Pool> {
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
pub(super) fn check_shared_line_names(c: &mut Checker, placements: &[Placement]) {
    let mut first: BTreeMap<&str, (usize, &OtherLine)> = BTreeMap::new();
    for (pi, p) in placements.iter().enumerate() {
        for (li, line) in p.lines.iter().enumerate() {
            match first.get(line.name.as_str()) {
                Some((other, seen))
                    if *other != pi
                        && (seen.is_benefit != line.is_benefit
                            || seen.party != line.party
                            || seen.payer != line.payer) =>
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

pub(super) fn check_pools_used(c: &mut Checker, raw: &RawScenario) {
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

/// A week above the Arbeidstijdenwet's maximum is possible to write but not to work: warn.
fn warn_implausible_hours(c: &mut Checker, hours: &Dist, path: &KeyPath, rates: &Rates, start: YearMonth) {
    let max = rates.get(rates::Figure::WorkingTimeMaxHoursPerWeek, start);
    let (_, hi) = hours.support();
    if hi > max {
        c.warn(
            path,
            format!(
                "up to {} hours a week is more than the {max} the Arbeidstijdenwet allows in any \
                 week (art. 5:7); check the contract hours",
                fmt_number(hi)
            ),
        );
    }
}

/// A wage in euros that can fall below the legal minimum wage in force at the start, for the
/// worker's age (Wet minimumloon art. 7 and 8): the scenario runs, but says so.
fn warn_below_minimum_wage(
    c: &mut Checker,
    wage: &Dist,
    path: &KeyPath,
    rates: &Rates,
    start: YearMonth,
    (age, p_bbl): (Option<u32>, bool),
) {
    // Against a published minimum wage only: past the last one, the last published value
    // (an estimate of a later one is no ground to call a wage illegal).
    let wml = rates::Figure::MinWageHour;
    let month = if rates.is_extrapolated(wml, start) {
        rates.last_published(wml)
    } else {
        start
    };
    let share = age
        .and_then(|a| rates::Figure::youth_min_wage_share(a, p_bbl))
        .map_or(1.0, |f| rates.get(f, month));
    let minimum = rates.get(wml, month) * share;
    let (lo, _) = wage.support();
    if lo < minimum {
        let whose = age
            .filter(|a| *a < 21)
            .map_or_else(String::new, |a| format!(" at age {a}"));
        let when = if month == start {
            format!("in force in {start}")
        } else {
            format!("of {month}, the last one published")
        };
        c.warn(
            path,
            format!(
                "a wage of € {lo:.2} an hour is below the legal minimum wage of € {minimum:.2}{whose} \
                 {when} (Wet minimumloon art. 7 and 8); write `wage = \"wml\"` to pay the minimum \
                 wage as it changes"
            ),
        );
    }
}

/// A number as short as exact (`60`, `62.5`).
fn fmt_number(x: f64) -> String {
    format!("{x}")
}

pub(super) fn build_placement(
    c: &mut Checker,
    p: &RawPlacement,
    path: &KeyPath,
    horizon: usize,
    pools: &[&str],
    rates: Option<&Rates>,
    start: YearMonth,
) -> Placement {
    let (count, uncertain_count) = build_count(c, p.count.as_ref(), &path.key("count"));
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

    let hours = c.input(&p.hours_per_week, &at(Slot::HoursPerWeek), Range::WeeklyHours);
    if let Some(rates) = rates {
        warn_implausible_hours(c, &hours, &at(Slot::HoursPerWeek), rates, start);
    }
    put(Slot::HoursPerWeek, hours, true);
    let (wage, wage_is_wml) = match &p.wage {
        WageSpec::Wml => (constant(0.0), true),
        WageSpec::Hourly(spec) => (c.input(spec, &at(Slot::Wage), Range::Positive), false),
    };
    if let (Some(rates), false) = (rates, wage_is_wml) {
        let age = p
            .worker
            .as_ref()
            .and_then(|w| w.age)
            .and_then(|a| u32::try_from(a).ok());
        let bbl = p.worker.as_ref().and_then(|w| w.bbl).unwrap_or(false);
        warn_below_minimum_wage(c, &wage, &at(Slot::Wage), rates, start, (age, bbl));
    }
    put(Slot::Wage, wage, !wage_is_wml);
    let wage_indexation = build_wage_indexation(c, p, path, rates);
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
    let persistence = c.optional_input(
        cap.and_then(|x| x.persistence.as_ref()),
        &at(Slot::CapacityPersistence),
        Range::Persistence,
        0.0,
    );
    let (typical, vol) = match cap {
        None => (constant(1.0), constant(0.0)),
        Some(cap) => capacity_level(c, cap, &persistence, path),
    };
    put(Slot::CapacityTypical, typical, has_cap);
    put(Slot::CapacityVolatility, vol, has_cap);
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
        let effect = |c: &mut Checker, spec: Option<&InputSpec>, slot: Slot, range: Range, default: f64| {
            c.optional_input(spec, &at(slot), range, default)
        };
        put(
            Slot::JobcoachSupervisionShare,
            effect(
                c,
                j.supervision_share.as_ref(),
                Slot::JobcoachSupervisionShare,
                Range::Probability,
                JOBCOACH_SUPERVISION_SHARE,
            ),
            true,
        );
        put(
            Slot::JobcoachDropoutFactor,
            effect(
                c,
                j.dropout_factor.as_ref(),
                Slot::JobcoachDropoutFactor,
                Range::NonNegative,
                JOBCOACH_DROPOUT_FACTOR,
            ),
            true,
        );
        put(
            Slot::JobcoachLearningFactor,
            effect(
                c,
                j.learning_factor.as_ref(),
                Slot::JobcoachLearningFactor,
                Range::NonNegative,
                1.0,
            ),
            true,
        );
        let max_months = j
            .max_months
            .map(|m| c.months(m, &jpath.key("max_months"), 0, MAX_HORIZON_MONTHS));
        JobcoachPlan { norm, max_months }
    });
    if jobcoach.is_none() {
        put(Slot::JobcoachTariff, constant(0.0), false);
        put(Slot::JobcoachHours, constant(0.0), false);
        put(Slot::JobcoachSupervisionShare, constant(0.0), false);
        put(Slot::JobcoachDropoutFactor, constant(1.0), false);
        put(Slot::JobcoachLearningFactor, constant(1.0), false);
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
            let instrument_lines = crate::instruments::line_names();
            if BUILTIN_LINES.contains(&line.name.as_str()) || instrument_lines.contains(&line.name.as_str()) {
                c.error(
                    &lpath.key("name"),
                    format!(
                        "`{}` is a line of the engine or of an instrument; choose another name (taken: {}, {})",
                        line.name,
                        BUILTIN_LINES.join(", "),
                        instrument_lines.join(", ")
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
            let payer = match (&line.payer, is_benefit) {
                (None, true) => party,
                (None, false) => Party::Employer,
                (Some(_), true) => {
                    c.error(
                        &lpath.key("payer"),
                        "a benefit line is paid by its `party`; `payer` is for cost lines",
                    );
                    party
                }
                (Some(name), false) => match Party::from_key(name) {
                    Some(p) if p != party => p,
                    Some(_) => {
                        c.error(
                            &lpath.key("payer"),
                            format!("`{name}` is also the line's `party`: a party does not pay itself"),
                        );
                        Party::Employer
                    }
                    None => {
                        let allowed: Vec<&str> = Party::ALL.iter().map(|p| p.as_str()).collect();
                        c.error(&lpath.key("payer"), unknown_key_message("payer", name, &allowed));
                        Party::Employer
                    }
                },
            };
            lines.push(OtherLine {
                name: line.name.clone(),
                label: line.label.as_ref().map(RawLabel::label),
                is_benefit,
                slot,
                timing,
                party,
                payer,
            });
        }
    }

    let learning = p.learning.as_ref().map(|l| {
        let contract_hours = inputs[Slot::HoursPerWeek as usize].dist.as_constant();
        super::cohort::build_learning(c, l, &path.key("learning"), contract_hours, start_month, horizon)
    });
    let holiday_default = figure(rates::Figure::HolidayPay);
    let sick_pay = p.sick_pay.as_ref();
    let spath = path.key("sick_pay");
    Placement {
        name: p.name.clone(),
        count,
        uncertain_count,
        start_month,
        contract_end_month,
        copula: None,
        correlations: Vec::new(),
        draws: Default::default(),
        wage_is_wml,
        wage_indexation,
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
        full_time_hours_per_week: full_time_hours(
            c,
            p.full_time_hours_per_week,
            &path.key("full_time_hours_per_week"),
            figure(rates::Figure::FullTimeHoursPerWeekDefault),
        ),
        learning,
    }
}

/// Shortest full-time week a placement may state: the 36 hours on which the LKS is based
/// (Participatiewet art. 10d lid 4). A bound of validation, not a legal figure.
pub const MIN_FULL_TIME_HOURS_PER_WEEK: f64 = 36.0;
/// Longest full-time week a placement may state: 40 hours, the longest full-time week of
/// Dutch collective agreements we know of. An assumption of validation, not a legal figure.
pub const MAX_FULL_TIME_HOURS_PER_WEEK: f64 = 40.0;

/// The sector's full-time week (`full_time_hours_per_week`), or the preset's default.
fn full_time_hours(c: &mut Checker, value: Option<f64>, path: &KeyPath, default: f64) -> f64 {
    let Some(v) = value else {
        return default;
    };
    if !(MIN_FULL_TIME_HOURS_PER_WEEK..=MAX_FULL_TIME_HOURS_PER_WEEK).contains(&v) {
        c.error(
            path,
            format!(
                "{v} is out of range; allowed: {MIN_FULL_TIME_HOURS_PER_WEEK} to {MAX_FULL_TIME_HOURS_PER_WEEK} hours (the sector's full-time week, as its collective agreement sets it)"
            ),
        );
    }
    v
}

/// Largest yearly wage indexation, up or down (as for `[scenario] wage_growth_per_year`).
const MAX_WAGE_INDEXATION: f64 = 0.5;

/// The yearly raise of a wage in euros: `wage_indexation` (default: the wage growth the rates
/// know, the preset's or the scenario's) in `wage_indexation_month` (default January). With
/// `wage = "wml"` there is none, and either key is an error.
fn build_wage_indexation(
    c: &mut Checker,
    p: &RawPlacement,
    path: &KeyPath,
    rates: Option<&Rates>,
) -> Option<WageIndexation> {
    let rate_path = path.key("wage_indexation");
    let month_path = path.key("wage_indexation_month");
    if p.wage == WageSpec::Wml {
        for (given, key_path, key) in [
            (p.wage_indexation.is_some(), &rate_path, "wage_indexation"),
            (
                p.wage_indexation_month.is_some(),
                &month_path,
                "wage_indexation_month",
            ),
        ] {
            if given {
                c.error(
                    key_path,
                    format!(
                        "`{key}` does not apply with `wage = \"wml\"`: the legal minimum wage already follows the law (its own dates and indexation in the rates preset); remove it, or give the wage in euros"
                    ),
                );
            }
        }
        return None;
    }
    let per_year = match p.wage_indexation {
        Some(g) if (-MAX_WAGE_INDEXATION..=MAX_WAGE_INDEXATION).contains(&g) => g,
        Some(g) => {
            c.error(
                &rate_path,
                format!(
                    "{g} is out of range; allowed: -{MAX_WAGE_INDEXATION} to {MAX_WAGE_INDEXATION} (a yearly raise, 0.03 = 3%)"
                ),
            );
            0.0
        }
        None => rates.map_or(0.0, Rates::wage_growth_per_year),
    };
    let month = match &p.wage_indexation_month {
        Some(m) => calendar_month(c, m, &month_path).unwrap_or(1),
        None => 1,
    };
    Some(WageIndexation { per_year, month })
}

/// The level and spread of load capacity: `typical` and `volatility` as given, or translated
/// from `typical_range` through the persistence (docs/model.md, step 3).
fn capacity_level(c: &mut Checker, cap: &RawCapacity, persistence: &Dist, path: &KeyPath) -> (Dist, Dist) {
    let at = |slot: Slot| path.key(slot.path());
    let Some([lo, hi]) = cap.typical_range else {
        let typical = match &cap.typical {
            Some(spec) => c.input(spec, &at(Slot::CapacityTypical), Range::PositiveShare),
            None => {
                c.error(
                    &path.key("capacity"),
                    "`capacity` needs `typical` (the share of contract hours in a typical month, \
                     e.g. 0.85) or `typical_range = [low, high]` (in a typical month between low \
                     and high of the hours, e.g. [0.70, 0.95])",
                );
                constant(1.0)
            }
        };
        let vol = c.optional_input(
            cap.volatility.as_ref(),
            &at(Slot::CapacityVolatility),
            Range::NonNegative,
            0.0,
        );
        return (typical, vol);
    };
    let range_at = path.key("capacity.typical_range");
    if cap.typical.is_some() || cap.volatility.is_some() {
        c.error(
            &range_at,
            "give either `typical_range` or `typical` and `volatility`, not both: \
             `typical_range` sets both",
        );
        return (constant(1.0), constant(0.0));
    }
    if !(lo > 0.0 && lo < hi && hi < 1.0) {
        c.error(
            &range_at,
            format!(
                "[{lo}, {hi}] is not allowed; `typical_range` is [low, high], shares of the \
                 contract hours with 0 < low < high < 1, e.g. [0.70, 0.95]"
            ),
        );
        return (constant(1.0), constant(0.0));
    }
    let Some(phi) = persistence.as_constant() else {
        c.error(
            &at(Slot::CapacityPersistence),
            "with `typical_range`, `persistence` must be a number (it translates the range into \
             `volatility`), not a distribution",
        );
        return (constant(1.0), constant(0.0));
    };
    let (typical, sigma) = crate::model::capacity_from_range(lo, hi, phi);
    (constant(typical), constant(sigma))
}

pub(super) fn build_worker(c: &mut Checker, raw: Option<&RawWorker>, path: &KeyPath) -> Worker {
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
    let group = match w.group.as_deref() {
        None => Group::None,
        Some(name) => match Group::ALL.into_iter().find(|g| g.as_str() == name) {
            Some(g) => g,
            None => {
                let allowed: Vec<&str> = Group::ALL.iter().map(|g| g.as_str()).collect();
                c.error(&path.key("group"), unknown_key_message("group", name, &allowed));
                Group::None
            }
        },
    };
    Worker {
        age,
        benefit,
        banenafspraak: w.banenafspraak.unwrap_or(false),
        bbl: w.bbl.unwrap_or(false),
        arbeidsgehandicapt: w.arbeidsgehandicapt.unwrap_or(false),
        group,
        counterfactual: build_counterfactual(c, w, benefit, path),
    }
}

/// The benefit the worker would have had without the placement (`worker.household`,
/// `net_share`, `benefit_per_month`, `benefit_months_left`).
fn build_counterfactual(
    c: &mut Checker,
    w: &RawWorker,
    benefit: Benefit,
    path: &KeyPath,
) -> CounterfactualBenefit {
    let household = match w.household.as_deref() {
        None => Household::default(),
        Some(name) => {
            if benefit != Benefit::Participatiewet {
                c.error(
                    &path.key("household"),
                    "`household` sets the bijstand norm: it needs `benefit = \"participatiewet\"`",
                );
            }
            Household::ALL
                .into_iter()
                .find(|h| h.as_str() == name)
                .unwrap_or_else(|| {
                    let allowed: Vec<&str> = Household::ALL.iter().map(|h| h.as_str()).collect();
                    c.error(
                        &path.key("household"),
                        unknown_key_message("household", name, &allowed),
                    );
                    Household::default()
                })
        }
    };
    let net_share = w
        .net_share
        .map(|v| c.number(Some(v), &path.key("net_share"), Range::PositiveShare, 1.0));
    let per_month = w
        .benefit_per_month
        .map(|v| c.number(Some(v), &path.key("benefit_per_month"), Range::NonNegative, 0.0));
    let months_left = w
        .benefit_months_left
        .map(|m| c.months(m, &path.key("benefit_months_left"), 0, MAX_HORIZON_MONTHS));
    if benefit == Benefit::None {
        for (key, set) in [
            ("benefit_per_month", w.benefit_per_month.is_some()),
            ("benefit_months_left", w.benefit_months_left.is_some()),
        ] {
            if set {
                c.error(
                    &path.key(key),
                    format!("`{key}` needs a `benefit` the worker comes from"),
                );
            }
        }
    }
    CounterfactualBenefit {
        household,
        net_share,
        per_month,
        months_left,
    }
}

pub(super) fn line_timing(c: &mut Checker, line: &RawLine, path: &KeyPath) -> LineTiming {
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

pub(super) fn build_correlations(c: &mut Checker, raw: &RawScenario, placements: &mut [Placement]) {
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

/// A placement's `count`: a whole number, or a discrete distribution of whole numbers from 1
/// to [`MAX_COUNT`] drawn per iteration. Returns the largest count (the copies the engine
/// keeps) and the distribution when the count is uncertain.
fn build_count(c: &mut Checker, spec: Option<&InputSpec>, path: &KeyPath) -> (usize, Option<Dist>) {
    let allowed = "a whole number, or a discrete distribution of whole numbers \
                   (`{ dist = \"discrete_uniform\", min = …, max = … }` or \
                   `{ dist = \"discrete\", values = […], weights = […] }`)";
    let spec = match spec {
        None => return (1, None),
        Some(InputSpec::Constant(v)) => {
            if v.fract() != 0.0 || !v.is_finite() {
                c.error(path, format!("{v} is not a whole number; `count` is {allowed}"));
                return (1, None);
            }
            return (c.months(*v as i64, path, 1, MAX_COUNT), None);
        }
        Some(InputSpec::Dist(spec)) => spec,
    };
    let dist = match spec.build() {
        Ok(d) => d,
        Err(problems) => {
            for p in problems {
                let at = p.param.as_deref().map_or_else(|| path.clone(), |k| path.key(k));
                c.error(&at, p.message);
            }
            return (1, None);
        }
    };
    let points = match (dist.points(), dist.as_constant()) {
        (Some(points), _) => points,
        (None, Some(v)) => vec![(v, 1.0)],
        (None, None) => {
            c.error(
                &path.key("dist"),
                format!(
                    "{} takes any number in its range; `count` is {allowed}",
                    dist.describe()
                ),
            );
            return (1, None);
        }
    };
    let key = if spec.values.is_some() {
        path.key("values")
    } else {
        path.clone()
    };
    if let Some((bad, _)) = points.iter().find(|(v, _)| v.fract() != 0.0) {
        c.error(
            &key,
            format!("{bad} is not a whole number; a count takes whole numbers only"),
        );
        return (1, None);
    }
    let (lo, hi) = (points[0].0, points[points.len() - 1].0);
    if lo < 1.0 || hi > MAX_COUNT as f64 {
        c.error(
            &key,
            format!(
                "{} can take {lo} to {hi}; a count is from 1 to {MAX_COUNT}",
                dist.describe()
            ),
        );
        return (1, None);
    }
    let max = hi as usize;
    if points.len() == 1 {
        return (max, None);
    }
    (max, Some(dist))
}
