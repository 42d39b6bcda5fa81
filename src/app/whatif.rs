//! The what-if commands: `solve`, `gap`, `sweep` and `compare`. The scenario text is read
//! once; every trial applies its change to that text (as `--set` does), validates it and runs
//! it on the same seed, so every trial draws the same random numbers.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use super::{Exit, Failure, print_stdout, print_warnings, settings, simulate_metrics};
use crate::cli::{CompareArgs, GapArgs, SolveArgs, SweepArgs, WhatIfRun};
use crate::export::csv::text_cell;
use crate::fs;
use crate::model::Model;
use crate::scenario::edit::{self, Setting};
use crate::scenario::{self, LoadError};
use crate::sim::{self, RunConfig};
use crate::stats::Summary;
use crate::stats::metrics::MetricValue;
use crate::whatif::compare::{self, PairedArrangement};
use crate::whatif::{Search, SearchOutcome, Target, Trial};

/// The scenario of a what-if command, read once, with its `--set` changes, seed and
/// iterations.
struct Prepared<'a> {
    path: &'a Path,
    text: String,
    base: Vec<Setting>,
    seed: Option<u64>,
    iterations: Option<u64>,
    threads: usize,
}

impl<'a> Prepared<'a> {
    fn new(run: &'a WhatIfRun) -> Result<Self, Failure> {
        Self::from_parts(
            &run.scenario,
            &run.set,
            run.seed,
            run.iterations,
            run.threads.map_or(0, usize::from),
        )
    }

    fn from_parts(
        path: &'a Path,
        set: &[String],
        seed: Option<u64>,
        iterations: Option<u64>,
        threads: usize,
    ) -> Result<Self, Failure> {
        Ok(Self {
            path,
            text: scenario::read_text(path)?,
            base: settings(set)?,
            seed,
            iterations,
            threads,
        })
    }

    /// The model with the base changes and `more`.
    fn model(&self, more: &[Setting]) -> Result<Model, LoadError> {
        let all: Vec<Setting> = self.base.iter().chain(more).cloned().collect();
        let mut model = edit::parse_with(self.path, &self.text, &all)?;
        if let Some(seed) = self.seed {
            model.seed = seed;
        }
        if let Some(n) = self.iterations {
            model.iterations = n;
        }
        Ok(model)
    }

    /// Runs the scenario with `more` applied.
    fn summary(&self, more: &[Setting]) -> Result<Summary, Failure> {
        let model = self.model(more)?;
        simulate_metrics(&model, self.threads)
    }
}

/// The arrangement a target is about: the named one, else the first of the file.
fn arrangement_of(model: &Model, name: Option<&str>) -> Result<String, Failure> {
    let names: Vec<&str> = model.arrangements.iter().map(|a| a.name.as_str()).collect();
    match name {
        Some(n) if names.contains(&n) => Ok(n.to_owned()),
        Some(n) => Err(Failure::invalid(format!(
            "no arrangement `{n}`; known: {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        None => model
            .arrangements
            .iter()
            .find(|a| !a.is_baseline)
            .or(model.arrangements.first())
            .map(|a| a.name.clone())
            .ok_or_else(|| Failure::invalid("the scenario has no arrangement")),
    }
}

/// The result of `solve` and `gap`, as printed with --json.
#[derive(Debug, Serialize)]
struct Solved {
    key: String,
    target: String,
    arrangement: String,
    versus: Option<String>,
    /// `threshold`, `everywhere` or `not_reached`.
    outcome: &'static str,
    /// The value found (the bound where the target holds, or the closest value tried).
    value: f64,
    /// Whether the target holds at and above `value` (else at and below).
    holds_above: Option<bool>,
    metric: Option<f64>,
    metric_se: Option<f64>,
    iterations: u64,
    trials: Vec<(f64, Option<f64>)>,
    seconds: f64,
}

/// Searches `key` with `prepared` for `target` of `arrangement`.
#[allow(clippy::too_many_arguments)]
fn search(
    prepared: &Prepared<'_>,
    key: &str,
    target: &Target,
    arrangement: &str,
    versus: Option<&str>,
    search: Search,
) -> Result<(SearchOutcome, Vec<Trial>, u64), Failure> {
    let mut iterations = 0;
    let mut eval = |v: f64| -> Result<(f64, MetricValue, bool), String> {
        let setting = Setting::centre(key, v).map_err(|e| format!("--vary {key}: {e}"))?;
        let rounded = Setting::centre(key, v.round()).map_err(|e| format!("--vary {key}: {e}"))?;
        // A key that takes whole numbers (months, a count) refuses a fraction: such a trial
        // runs at the nearest whole number.
        let (used, summary) = match prepared.summary(std::slice::from_ref(&setting)) {
            Err(f)
                if f.exit == Exit::Invalid
                    && v.fract() != 0.0
                    && prepared.model(std::slice::from_ref(&rounded)).is_ok() =>
            {
                (v.round(), prepared.summary(std::slice::from_ref(&rounded)))
            }
            other => (v, other),
        };
        let summary = summary.map_err(|f| {
            format!(
                "at {key} = {v}: {}\n(choose --between within the values the input allows)",
                f.message
            )
        })?;
        iterations = summary.iterations;
        let m = target
            .read(&summary, arrangement, versus)
            .ok_or_else(|| format!("the metric `{}` is not known for `{arrangement}`", target.metric))?;
        let holds = m.value.is_some_and(|x| target.holds(x));
        Ok((used, m, holds))
    };
    let distance = |t: &Trial| t.metric.value.map_or(f64::INFINITY, |x| (x - target.bound).abs());
    let (outcome, trials) = search.run(&mut eval, &distance).map_err(Failure::invalid)?;
    Ok((outcome, trials, iterations))
}

/// Prints a search's result (text or JSON) and returns its exit code.
#[allow(clippy::too_many_arguments)]
fn report_search(
    key: &str,
    what: &str,
    target: &Target,
    arrangement: &str,
    versus: Option<&str>,
    (outcome, trials, iterations): (SearchOutcome, Vec<Trial>, u64),
    seconds: f64,
    json: bool,
    tolerance: f64,
) -> Result<Exit, Failure> {
    let decimals = (-tolerance.log10().floor()).clamp(0.0, 9.0) as usize;
    let show = |v: f64| format!("{v:.decimals$}");
    let (label, trial, above, exit) = match &outcome {
        SearchOutcome::Threshold {
            threshold,
            holds_above,
            ..
        } => ("threshold", *threshold, Some(*holds_above), Exit::Success),
        SearchOutcome::Everywhere { lo, .. } => ("everywhere", *lo, None, Exit::Success),
        SearchOutcome::Nowhere { closest } => ("not_reached", *closest, None, Exit::NotReached),
    };
    let solved = Solved {
        key: key.to_owned(),
        target: target.to_string(),
        arrangement: arrangement.to_owned(),
        versus: versus.map(str::to_owned),
        outcome: label,
        value: trial.value,
        holds_above: above,
        metric: trial.metric.value,
        metric_se: trial.metric.se,
        iterations,
        trials: trials.iter().map(|t| (t.value, t.metric.value)).collect(),
        seconds,
    };
    if json {
        let mut bytes = serde_json::to_vec_pretty(&solved).map_err(Failure::failed)?;
        bytes.push(b'\n');
        print_stdout(&bytes)?;
        return Ok(exit);
    }
    let who = match versus {
        Some(b) => format!("`{arrangement}` versus `{b}`"),
        None => format!("`{arrangement}`"),
    };
    let metric = |t: &Trial| match (t.metric.value, t.metric.se) {
        (Some(v), Some(se)) => format!(
            "{} = {v:.4} ± {se:.4} (Monte Carlo standard error)",
            target.metric
        ),
        (Some(v), None) => format!("{} = {v:.4}", target.metric),
        _ => format!("{} is not defined", target.metric),
    };
    let mut text =
        format!("{what} for {target} of {who}, {iterations} iterations per trial, common random numbers\n");
    match &outcome {
        SearchOutcome::Threshold { threshold, fails, .. } => {
            let _ = writeln!(
                text,
                "threshold: {} = {} (the target holds at and {} it; at {} it does not)",
                key,
                show(threshold.value),
                if above == Some(true) { "above" } else { "below" },
                show(fails.value)
            );
            let _ = writeln!(text, "at the threshold: {}", metric(threshold));
        }
        SearchOutcome::Everywhere { lo, hi } => {
            let _ = writeln!(
                text,
                "the target holds over the whole range {} … {} (at the bounds: {}; {}): widen --between to find where it stops",
                show(lo.value),
                show(hi.value),
                metric(lo),
                metric(hi)
            );
        }
        SearchOutcome::Nowhere { closest } => {
            let _ = writeln!(
                text,
                "the target is not reached for any value tried between the bounds; closest at {} = {}: {}",
                key,
                show(closest.value),
                metric(closest)
            );
        }
    }
    let _ = writeln!(text, "{} trial run(s) in {seconds:.1} s", trials.len());
    if exit == Exit::NotReached {
        eprint!("{text}");
    } else {
        print_stdout(text.as_bytes())?;
    }
    Ok(exit)
}

/// `inclusim solve`.
pub fn solve(args: &SolveArgs) -> Result<Exit, Failure> {
    let clock = Instant::now();
    let prepared = Prepared::new(&args.run)?;
    let model = prepared.model(&[])?;
    print_warnings(&model);
    let target = Target::parse(&args.target).map_err(Failure::invalid)?;
    let arrangement = arrangement_of(&model, args.arrangement.as_deref())?;
    let versus = match (&args.versus, target.is_pair()) {
        (Some(b), true) => Some(arrangement_of(&model, Some(b))?),
        (None, true) => {
            return Err(Failure::invalid(format!(
                "the metric `{}` compares two arrangements: give --arrangement A --versus B",
                target.metric
            )));
        }
        (_, false) => None,
    };
    // The current value, which every trial replaces (and which sets the default bounds).
    let (lo, hi) = bounds(&prepared, &args.vary, args.between.as_ref().map(|b| (b[0], b[1])))?;
    let tolerance = args.tolerance.unwrap_or((hi - lo) / 1000.0);
    let found = search(
        &prepared,
        &args.vary,
        &target,
        &arrangement,
        versus.as_deref(),
        Search {
            lo,
            hi,
            tolerance,
            max_trials: args.max_trials as usize,
        },
    )?;
    report_search(
        &args.vary,
        &format!("solve {}", args.vary),
        &target,
        &arrangement,
        versus.as_deref(),
        found,
        clock.elapsed().as_secs_f64(),
        args.run.json,
        tolerance,
    )
}

/// The search bounds of `key`: given, else 0 and twice the file's current (positive) centre.
fn bounds(prepared: &Prepared<'_>, key: &str, between: Option<(f64, f64)>) -> Result<(f64, f64), Failure> {
    let current = edit::current_centre(&prepared.text, key);
    let (lo, hi) = match (between, current) {
        (Some(b), _) => b,
        (None, Ok(Some(c))) if c > 0.0 => (0.0, 2.0 * c),
        (None, Err(e)) => return Err(Failure::invalid(format!("--vary {key}: {e}"))),
        _ => {
            return Err(Failure::invalid(format!(
                "{key}: give the bounds (the file has no positive value there to start from)"
            )));
        }
    };
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(Failure::invalid(format!(
            "{key}: the bounds {lo} {hi}: LO must be below HI"
        )));
    }
    Ok((lo, hi))
}

/// The largest extra support `gap` tries by default: one-off, or per month.
fn gap_max(months: Option<u32>) -> f64 {
    if months.is_some() { 50_000.0 } else { 1_000_000.0 }
}

/// Precision of the report's gap, euros: its sentence rounds to whole euros.
const GAP_TOLERANCE: f64 = 10.0;

/// A search's outcome as the report states it (`lo`, `hi`: the bounds searched).
fn found_of(outcome: SearchOutcome, lo: f64, hi: f64) -> crate::report::whatif::Found {
    use crate::report::whatif::Found;
    match outcome {
        SearchOutcome::Threshold {
            threshold,
            holds_above,
            ..
        } => Found::Threshold {
            value: threshold.value,
            holds_above,
            metric: threshold.metric.value,
            se: threshold.metric.se,
        },
        SearchOutcome::Everywhere { .. } => Found::Everywhere { lo, hi },
        SearchOutcome::Nowhere { closest } => Found::Nowhere {
            lo,
            hi,
            closest: closest.value,
            metric: closest.metric.value,
        },
    }
}

/// The what-if sections of `report --solve` and `report --sweep`, as HTML.
#[allow(clippy::too_many_arguments)]
pub(super) fn for_report(
    path: &Path,
    set: &[String],
    seed: Option<u64>,
    iterations: Option<u64>,
    threads: usize,
    solves: &[String],
    gaps: &[String],
    sweeps: &[String],
    arrangement: Option<&str>,
    lang: crate::report::Lang,
) -> Result<String, Failure> {
    use crate::report::whatif::{Lever, Solved, Swept, section};
    if solves.is_empty() && gaps.is_empty() && sweeps.is_empty() {
        return Ok(String::new());
    }
    let prepared = Prepared::from_parts(path, set, seed, iterations, threads)?;
    let model = prepared.model(&[])?;
    let arrangement = arrangement_of(&model, arrangement)?;
    let mut solved = Vec::new();
    for arg in solves {
        let parts: Vec<&str> = arg.splitn(4, ':').collect();
        let (key, expr) = match parts.as_slice() {
            [k, e, ..] => (*k, *e),
            _ => {
                return Err(Failure::invalid(format!(
                    "--solve {arg}: expected KEY:EXPR or KEY:EXPR:LO:HI, e.g. --solve 'placement.NAME.supervision.initial_hours_per_week:p_npv_positive>=0.8'"
                )));
            }
        };
        let between = match parts.as_slice() {
            [_, _, lo, hi] => Some((
                lo.trim()
                    .parse::<f64>()
                    .map_err(|_| Failure::invalid(format!("--solve {arg}: LO is not a number")))?,
                hi.trim()
                    .parse::<f64>()
                    .map_err(|_| Failure::invalid(format!("--solve {arg}: HI is not a number")))?,
            )),
            _ => None,
        };
        let target = Target::parse(expr).map_err(|e| Failure::invalid(format!("--solve {arg}: {e}")))?;
        if target.is_pair() {
            return Err(Failure::invalid(format!(
                "--solve {arg}: the report solves a metric of one arrangement"
            )));
        }
        let (lo, hi) = bounds(&prepared, key, between)?;
        let search_of = Search {
            lo,
            hi,
            tolerance: (hi - lo) / 1000.0,
            max_trials: 25,
        };
        let (outcome, _, _) = search(&prepared, key, &target, &arrangement, None, search_of)?;
        solved.push(Solved {
            lever: Lever::Input(key.to_owned()),
            metric: target.metric.clone(),
            op: target.op.as_str(),
            bound: target.bound,
            arrangement: arrangement.clone(),
            found: found_of(outcome, lo, hi),
        });
    }
    for arg in gaps {
        // EXPR, or EXPR:M for support per month in the first M months.
        let (expr, months) = match arg.rsplit_once(':') {
            Some((expr, m)) => {
                let m = m.trim().parse::<u32>().ok().filter(|m| (1..=600).contains(m)).ok_or_else(|| {
                    Failure::invalid(format!(
                        "--gap {arg}: M after the colon is the number of months, 1 to 600 (e.g. --gap 'npv.mean>=0:12')"
                    ))
                })?;
                (expr, Some(m))
            }
            None => (arg.as_str(), None),
        };
        let target = Target::parse(expr).map_err(|e| Failure::invalid(format!("--gap {arg}: {e}")))?;
        if target.is_pair() {
            return Err(Failure::invalid(format!(
                "--gap {arg}: the gap is about a metric of one arrangement (npv.mean, p_npv_positive, …)"
            )));
        }
        let (text, key) =
            edit::add_gap_grant(&prepared.text, &arrangement, months).map_err(Failure::invalid)?;
        let trial = Prepared {
            path: prepared.path,
            text,
            base: prepared.base.clone(),
            seed: prepared.seed,
            iterations: prepared.iterations,
            threads: prepared.threads,
        };
        let hi = gap_max(months);
        let search_of = Search {
            lo: 0.0,
            hi,
            tolerance: GAP_TOLERANCE,
            max_trials: 40,
        };
        let (outcome, _, _) = search(&trial, &key, &target, &arrangement, None, search_of)?;
        let mut found = found_of(outcome, 0.0, hi);
        // The amount that surely suffices: rounded up to the search's precision.
        if let crate::report::whatif::Found::Threshold { value, .. } = &mut found {
            *value = (*value / GAP_TOLERANCE).ceil() * GAP_TOLERANCE;
        }
        solved.push(Solved {
            lever: Lever::Support { months },
            metric: target.metric.clone(),
            op: target.op.as_str(),
            bound: target.bound,
            arrangement: arrangement.clone(),
            found,
        });
    }
    let metric = Target::parse("p_npv_positive>=0").map_err(Failure::invalid)?;
    let mut swept = Vec::new();
    for arg in sweeps {
        let (key, values) = sweep_axis(arg)?;
        let mut rows = Vec::new();
        for v in values {
            let setting = Setting::centre(&key, v).map_err(Failure::invalid)?;
            let summary = prepared.summary(std::slice::from_ref(&setting))?;
            let metrics = model
                .arrangements
                .iter()
                .map(|a| metric.read(&summary, &a.name, None).and_then(|m| m.value))
                .collect();
            rows.push((v, metrics));
        }
        swept.push(Swept {
            key,
            metric: metric.metric.clone(),
            arrangements: model.arrangements.iter().map(|a| a.name.clone()).collect(),
            rows,
        });
    }
    Ok(section(&solved, &swept, lang))
}

/// `inclusim gap`.
pub fn gap(args: &GapArgs) -> Result<Exit, Failure> {
    let clock = Instant::now();
    let mut prepared = Prepared::new(&args.run)?;
    let model = prepared.model(&[])?;
    print_warnings(&model);
    let target = Target::parse(&args.target).map_err(Failure::invalid)?;
    if target.is_pair() {
        return Err(Failure::invalid(
            "gap takes a metric of one arrangement (npv.mean, p_npv_positive, …)",
        ));
    }
    let arrangement = arrangement_of(&model, args.arrangement.as_deref())?;
    let (text, key) =
        edit::add_gap_grant(&prepared.text, &arrangement, args.months).map_err(Failure::invalid)?;
    prepared.text = text;
    let hi = args.max.unwrap_or(gap_max(args.months));
    let found = search(
        &prepared,
        &key,
        &target,
        &arrangement,
        None,
        Search {
            lo: 0.0,
            hi,
            tolerance: args.tolerance.max(0.01),
            max_trials: 60,
        },
    )?;
    if let (SearchOutcome::Threshold { threshold, .. }, false) = (&found.0, args.run.json) {
        let per = match args.months {
            None => "one-off at hiring".to_owned(),
            Some(m) => format!("per month in the first {m} month(s)"),
        };
        eprintln!(
            "missing: EUR {:.0} {per} (rounded up to the tolerance of EUR {})",
            (threshold.value / args.tolerance.max(0.01)).ceil() * args.tolerance.max(0.01),
            args.tolerance.max(0.01)
        );
    }
    let what = match args.months {
        None => "gap: extra one-off support at hiring".to_owned(),
        Some(m) => format!("gap: extra support per month in the first {m} month(s)"),
    };
    report_search(
        &key,
        &what,
        &target,
        &arrangement,
        None,
        found,
        clock.elapsed().as_secs_f64(),
        args.run.json,
        args.tolerance.max(0.01),
    )
}

/// One row of a sweep: the values of the keys and the metric per arrangement.
#[derive(Debug, Serialize)]
struct SweepRow {
    values: Vec<f64>,
    metric: Vec<Option<f64>>,
    se: Vec<Option<f64>>,
}

#[derive(Debug, Serialize)]
struct SweepResult {
    keys: Vec<String>,
    metric: String,
    arrangements: Vec<String>,
    iterations: u64,
    rows: Vec<SweepRow>,
    seconds: f64,
}

/// Parses `KEY=V1,V2,…`.
fn sweep_axis(arg: &str) -> Result<(String, Vec<f64>), Failure> {
    let (key, values) = arg.split_once('=').ok_or_else(|| {
        Failure::invalid(format!(
            "--vary {arg}: expected KEY=V1,V2,…, e.g. --vary placement.NAME.hours_per_week=16,24,32"
        ))
    })?;
    edit::parse_key(key).map_err(|e| Failure::invalid(format!("--vary {arg}: {e}")))?;
    let values: Vec<f64> = values
        .split(',')
        .map(|v| v.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            Failure::invalid(format!(
                "--vary {arg}: the values must be numbers separated by commas"
            ))
        })?;
    if values.is_empty() {
        return Err(Failure::invalid(format!("--vary {arg}: give at least one value")));
    }
    Ok((key.trim().to_owned(), values))
}

/// `inclusim sweep`.
pub fn sweep(args: &SweepArgs) -> Result<Exit, Failure> {
    let clock = Instant::now();
    if args.vary.len() > 2 {
        return Err(Failure::invalid(
            "sweep varies one or two keys (--vary twice at most)",
        ));
    }
    let axes: Vec<(String, Vec<f64>)> = args
        .vary
        .iter()
        .map(|a| sweep_axis(a))
        .collect::<Result<_, _>>()?;
    let prepared = Prepared::new(&args.run)?;
    let model = prepared.model(&[])?;
    print_warnings(&model);
    let target = Target::parse(&format!("{}>=0", args.metric)).map_err(Failure::invalid)?;
    if target.is_pair() {
        return Err(Failure::invalid(
            "sweep shows a metric of each arrangement (npv.mean, p_npv_positive, …)",
        ));
    }
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out).map_err(|e| Failure::failed(format!("{}: {e}", out.display())))?;
    }
    let names: Vec<String> = model.arrangements.iter().map(|a| a.name.clone()).collect();
    let grid: Vec<Vec<f64>> = match axes.as_slice() {
        [(_, a)] => a.iter().map(|&x| vec![x]).collect(),
        [(_, a), (_, b)] => a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| vec![x, y]))
            .collect(),
        _ => Vec::new(),
    };
    let mut rows = Vec::new();
    let mut iterations = 0;
    for point in &grid {
        let more: Vec<Setting> = axes
            .iter()
            .zip(point)
            .map(|((k, _), &v)| Setting::centre(k, v).map_err(Failure::invalid))
            .collect::<Result<_, _>>()?;
        let summary = prepared.summary(&more).map_err(|f| Failure {
            exit: f.exit,
            message: format!("at {}: {}", describe_point(&axes, point), f.message),
        })?;
        iterations = summary.iterations;
        let values: Vec<Option<MetricValue>> = names.iter().map(|n| target.read(&summary, n, None)).collect();
        rows.push(SweepRow {
            values: point.clone(),
            metric: values.iter().map(|m| m.and_then(|m| m.value)).collect(),
            se: values.iter().map(|m| m.and_then(|m| m.se)).collect(),
        });
    }
    let result = SweepResult {
        keys: axes.iter().map(|(k, _)| k.clone()).collect(),
        metric: args.metric.clone(),
        arrangements: names,
        iterations,
        rows,
        seconds: clock.elapsed().as_secs_f64(),
    };
    if let Some(out) = &args.out {
        fs::write_atomic(
            &out.join("sweep.csv"),
            &sweep_csv(&result).map_err(Failure::failed)?,
        )?;
        let chart = sweep_chart(&result);
        let svg = crate::plot::svg(&chart).map_err(Failure::failed)?;
        fs::write_atomic(&out.join("sweep.svg"), svg.as_bytes())?;
    }
    if args.run.json {
        let mut bytes = serde_json::to_vec_pretty(&result).map_err(Failure::failed)?;
        bytes.push(b'\n');
        print_stdout(&bytes)?;
    } else {
        print_stdout(sweep_table(&result).as_bytes())?;
        if let Some(out) = &args.out {
            eprintln!("sweep.csv and sweep.svg written to {}", out.display());
        }
    }
    Ok(Exit::Success)
}

fn describe_point(axes: &[(String, Vec<f64>)], point: &[f64]) -> String {
    axes.iter()
        .zip(point)
        .map(|((k, _), v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn sweep_table(r: &SweepResult) -> String {
    let mut out = format!(
        "sweep of {} ({}), {} iterations per point, common random numbers\n",
        r.metric,
        r.keys.join(" × "),
        r.iterations
    );
    let width = r.arrangements.iter().map(|a| a.len()).max().unwrap_or(8).max(12);
    for k in &r.keys {
        let _ = write!(out, "{:>14} ", k.rsplit('.').next().unwrap_or(k));
    }
    for a in &r.arrangements {
        let _ = write!(out, " {a:>width$}");
    }
    out.push('\n');
    for row in &r.rows {
        for v in &row.values {
            let _ = write!(out, "{v:>14} ");
        }
        for m in &row.metric {
            let cell = m.map_or_else(|| "–".to_owned(), |m| format!("{m:.4}"));
            let _ = write!(out, " {cell:>width$}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{} run(s) in {:.1} s", r.rows.len(), r.seconds);
    out
}

fn sweep_csv(r: &SweepResult) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = r.keys.iter().map(|k| text_cell(k).into_owned()).collect();
    header.extend([
        "arrangement".to_owned(),
        r.metric.clone(),
        format!("{}_se", r.metric),
    ]);
    w.write_record(&header)?;
    for row in &r.rows {
        for (a, (m, se)) in r.arrangements.iter().zip(row.metric.iter().zip(&row.se)) {
            let mut rec: Vec<String> = row.values.iter().map(f64::to_string).collect();
            rec.push(text_cell(a).into_owned());
            rec.push(m.map(|m| m.to_string()).unwrap_or_default());
            rec.push(se.map(|m| m.to_string()).unwrap_or_default());
            w.write_record(&rec)?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

fn sweep_chart(r: &SweepResult) -> crate::plot::sweep::Sweep {
    let mut series = Vec::new();
    let seconds: Vec<f64> = {
        let mut v: Vec<f64> = r
            .rows
            .iter()
            .filter_map(|row| row.values.get(1).copied())
            .collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    };
    let groups: Vec<Option<f64>> = if seconds.is_empty() {
        vec![None]
    } else {
        seconds.into_iter().map(Some).collect()
    };
    for (a, name) in r.arrangements.iter().enumerate() {
        for (g, group) in groups.iter().enumerate() {
            let points: Vec<(f64, f64)> = r
                .rows
                .iter()
                .filter(|row| group.is_none_or(|y| row.values.get(1) == Some(&y)))
                .filter_map(|row| Some((row.values[0], row.metric[a]?)))
                .collect();
            let label = match group {
                None => name.clone(),
                Some(y) => format!(
                    "{name}, {} = {y}",
                    r.keys[1].rsplit('.').next().unwrap_or(&r.keys[1])
                ),
            };
            series.push(crate::plot::sweep::Series {
                label,
                arrangement: a,
                dash: g,
                points,
            });
        }
    }
    crate::plot::sweep::Sweep {
        title: format!("{} against {}", r.metric, r.keys[0]),
        x: r.keys[0].clone(),
        y: r.metric.clone(),
        share: r.metric.starts_with("p_") || r.metric.contains(".p_") || r.metric.starts_with("retention"),
        series,
    }
}

/// `inclusim compare`.
pub fn compare(args: &CompareArgs) -> Result<Exit, Failure> {
    let load = |p: &Path| -> Result<Model, Failure> {
        let mut m = scenario::load(p)?;
        if let Some(s) = args.seed {
            m.seed = s;
        }
        if let Some(n) = args.iterations {
            m.iterations = n;
        }
        print_warnings(&m);
        Ok(m)
    };
    let (a, b) = (load(&args.a)?, load(&args.b)?);
    if let Some(why) = compare::unpairable(&a, &b) {
        return Err(Failure::invalid(format!(
            "{} and {} cannot be paired on common random numbers: {why}",
            args.a.display(),
            args.b.display()
        )));
    }
    let threads = args.threads.map_or(0, usize::from);
    let (npv_a, npv_b) = (npvs(&a, threads)?, npvs(&b, threads)?);
    let mut pairs: Vec<PairedArrangement> = Vec::new();
    let mut only = Vec::new();
    for (i, arr) in a.arrangements.iter().enumerate() {
        match b.arrangements.iter().position(|x| x.name == arr.name) {
            Some(j) => pairs.push(compare::paired(&arr.name, &npv_a[i], &npv_b[j])),
            None => only.push(format!("`{}` (only in A)", arr.name)),
        }
    }
    for arr in &b.arrangements {
        if !a.arrangements.iter().any(|x| x.name == arr.name) {
            only.push(format!("`{}` (only in B)", arr.name));
        }
    }
    if args.json {
        let mut bytes = serde_json::to_vec_pretty(&serde_json::json!({
            "a": args.a.display().to_string(),
            "b": args.b.display().to_string(),
            "iterations": a.iterations,
            "seed": a.seed,
            "arrangements": pairs,
            "not_paired": only,
        }))
        .map_err(Failure::failed)?;
        bytes.push(b'\n');
        print_stdout(&bytes)?;
        return Ok(Exit::Success);
    }
    let mut text = format!(
        "compare B = {} with A = {} ({} iterations, seed {}, common random numbers): NPV (EUR)\n",
        args.b.display(),
        args.a.display(),
        a.iterations,
        a.seed
    );
    let width = pairs
        .iter()
        .map(|p| p.arrangement.len())
        .max()
        .unwrap_or(10)
        .max(12);
    let _ = writeln!(
        text,
        "{:<width$} {:>10} {:>10} {:>10} {:>23} {:>10}",
        "arrangement", "mean A", "mean B", "B − A", "95% interval", "P(B > A)"
    );
    for p in &pairs {
        let _ = writeln!(
            text,
            "{:<width$} {:>10.0} {:>10.0} {:>10.0} {:>23} {:>9.1}%",
            p.arrangement,
            p.mean_a,
            p.mean_b,
            p.mean_diff,
            format!("{:.0} .. {:.0}", p.ci95[0], p.ci95[1]),
            100.0 * p.p_b_better
        );
    }
    if !only.is_empty() {
        let _ = writeln!(text, "not paired: {}", only.join(", "));
    }
    print_stdout(text.as_bytes())?;
    Ok(Exit::Success)
}

/// Every iteration's NPV per arrangement.
fn npvs(model: &Model, threads: usize) -> Result<Vec<Vec<f64>>, Failure> {
    let mut out = vec![Vec::with_capacity(model.iterations as usize); model.arrangements.len()];
    let cfg = RunConfig {
        iterations: model.iterations,
        threads,
        keep_paths: 0,
        keep_draws: false,
    };
    sim::run(model, &cfg, &mut |_| {}, &mut |chunk| {
        for results in chunk.results() {
            for (v, r) in out.iter_mut().zip(results) {
                v.push(r.outcome.npv);
            }
        }
    })
    .map_err(Failure::failed)?;
    Ok(out)
}
