//! Summaries of a run: per arrangement, per pair of arrangements, per month. Built by an
//! [`Accumulator`] that takes the engine's chunks in iteration order.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;

use super::describe::{
    self, lower_tail_mean, paired, proportion, quantile_sorted, quantiles_by_selection, sd_from_sums, sorted,
};
use crate::model::{MODEL_VERSION, Model, Party};
use crate::rates::Figure;
use crate::sim::ledger::LineBook;
use crate::sim::{Chunk, MonthSums};

/// The quantile levels reported for NPV and for the monthly cumulative net cash.
pub const LEVELS: [(f64, &str); 7] = [
    (0.05, "p5"),
    (0.10, "p10"),
    (0.25, "p25"),
    (0.50, "p50"),
    (0.75, "p75"),
    (0.90, "p90"),
    (0.95, "p95"),
];

/// Share of the worst outcomes averaged in CVaR.
pub const CVAR_ALPHA: f64 = 0.05;

/// At most this many values (iterations × arrangements × months) are kept per monthly series
/// (cumulative net, productivity); beyond it the monthly quantiles use the first iterations only.
pub const MONTHLY_VALUE_BUDGET: u64 = 1 << 22;

/// At most this many values (iterations × arrangements × parties) are kept for the parties'
/// intervals; beyond it the intervals use the first iterations only (the means use all).
pub const PARTY_VALUE_BUDGET: u64 = 1 << 21;

/// The parties whose view a run reports, in this order: the employer (the business case),
/// then the others (context). A party joins the views with one line here; it is shown when a
/// line of some arrangement pays or reaches it (the employer and the worker always).
pub const VIEW_PARTIES: [Party; 8] = [
    Party::Employer,
    Party::Worker,
    Party::Gemeente,
    Party::Uwv,
    Party::Belastingdienst,
    Party::Rijk,
    Party::School,
    Party::Provider,
];

/// Bins of the NPV histograms (common to all arrangements of a run).
pub const HISTOGRAM_BINS: usize = 40;

/// Quantile levels of the monthly productivity band.
pub const BAND_LEVELS: [(f64, &str); 5] = [
    (0.10, "p10"),
    (0.25, "p25"),
    (0.50, "p50"),
    (0.75, "p75"),
    (0.90, "p90"),
];

/// Everything a run reports. Written as `summary.json`; see docs/output.md.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Version of the model's equations (changes when results would change).
    pub model_version: String,
    /// Version of the inclusim program.
    pub inclusim_version: String,
    /// Scenario name.
    pub scenario: String,
    /// Scenario file as given.
    pub scenario_file: String,
    /// SHA-256 of the scenario text, hex.
    pub scenario_sha256: String,
    /// One line naming the run (program and model version, scenario and digest, seed,
    /// iterations), as every output file carries it.
    pub run: String,
    pub seed: u64,
    pub iterations: u64,
    pub horizon_months: usize,
    /// First simulated month, YYYY-MM.
    pub start: String,
    pub discount_rate: f64,
    /// Placement copies per iteration (the most, when a count is drawn per iteration).
    pub placements: usize,
    /// The fewest copies an iteration can have, when a count is drawn per iteration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placements_min: Option<usize>,
    pub rates: RatesInfo,
    /// Iterations behind the monthly quantiles of cumulative net cash.
    pub monthly_quantile_iterations: u64,
    /// The party the employer itself is (`[scenario] employer_is`), or null.
    pub employer_is: Option<String>,
    /// Iterations behind the intervals of the parties' nets (`parties`).
    pub party_quantile_iterations: u64,
    pub arrangements: Vec<ArrangementSummary>,
    pub comparisons: Vec<Comparison>,
    /// The class (`[cohort]`): learners completed, hired, still employed, mentors; absent
    /// without a class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohort: Option<super::cohort::CohortSummary>,
    /// What decides the result and the value of information (docs/sensitivity.md); set by
    /// the commands that compute it (`run`, `report`), absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<super::influence::Influence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RatesInfo {
    pub preset: String,
    /// Assumed yearly growth of the minimum wage past the last published figure.
    pub wage_growth_per_year: f64,
    /// Last month with a published minimum wage; later months are indexed.
    pub min_wage_published_until: String,
    /// Figures the run reads that are not published law in some month of the horizon:
    /// announced, indexed (extrapolated) or set by the scenario.
    pub not_published: Vec<NotPublished>,
}

/// A figure whose value is not (yet) published law from some month of the run on.
#[derive(Debug, Clone, Serialize)]
pub struct NotPublished {
    /// The figure's key in the preset.
    pub figure: String,
    /// `announced`, `indexed` or `override`.
    pub status: &'static str,
    /// First month of the run (`YYYY-MM`) in which it has that status.
    pub from: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArrangementSummary {
    pub name: String,
    pub description: Option<String>,
    /// True for the built-in "no support" baseline.
    pub baseline: bool,
    /// Employer's net present value, euros.
    pub npv: NpvSummary,
    /// NPV percentiles 0, 1, …, 100 (the S-curve), euros.
    pub npv_percentiles: Vec<f64>,
    /// NPV histogram on bins shared by all arrangements of the run.
    pub npv_histogram: Histogram,
    /// P(NPV > 0).
    pub p_npv_positive: f64,
    /// Binomial standard error of `p_npv_positive`.
    pub p_npv_positive_se: f64,
    /// Mean NPV of the worst 5% of iterations.
    pub cvar5: f64,
    pub break_even: BreakEven,
    /// Mean share of placements that did not drop out by the horizon.
    pub retention_at_horizon: f64,
    /// Standard error of `retention_at_horizon`.
    pub retention_at_horizon_se: f64,
    /// Mean months active per placement.
    pub months_active_mean: f64,
    /// Mean productivity in the last active month.
    pub final_productivity_mean: f64,
    /// Mean supervision hours given, all placements together.
    pub supervision_hours_mean: f64,
    /// Mean sick months, all placements together.
    pub sick_months_mean: f64,
    /// The arrangement's instruments and how often each did not apply.
    pub instruments: Vec<InstrumentSummary>,
    /// Mean nominal total per line, euros, in ledger order.
    pub lines: IndexMap<String, f64>,
    /// Monte Carlo standard error of each line's mean, euros.
    pub lines_mcse: IndexMap<String, f64>,
    /// Mean nominal totals by payer → payee.
    pub ledger: Vec<Flow>,
    /// Mean nominal net per party (received − paid).
    pub party_net: BTreeMap<String, f64>,
    /// Every party's view: its nominal net over the horizon with an interval, the employer's
    /// first (the business case), then the others (context).
    pub parties: Vec<PartyView>,
    /// The employer's view of the lines: each line the employer pays or receives, with its
    /// mean signed from the ledger (received positive, paid negative), in ledger order.
    pub employer_lines: Vec<EmployerLine>,
    /// Mean nominal total the employer receives from public payers (gemeente, UWV, Rijk,
    /// Belastingdienst):
    /// subsidies and benefits of the financing instruments, euros.
    pub subsidy_mean: f64,
    pub monthly: Vec<MonthSummary>,
}

/// One party's view of an arrangement: what it receives minus what it pays, nominal
/// (undiscounted) over the horizon, including the benefit no longer paid (a counterfactual
/// flow against "no placement"). Taxes and allowances on the worker's side are not modelled.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartyView {
    /// The party (`employer`, `worker`, `gemeente`, `uwv`, `belastingdienst`, `rijk`, `school`, `provider`).
    pub party: String,
    /// The party the employer itself is (`[scenario] employer_is`), combined into the
    /// employer's view; null otherwise.
    pub combined_with: Option<String>,
    /// `business_case` for the employer, `context` for the other parties.
    pub role: PartyRole,
    /// Mean nominal net, euros.
    pub mean: f64,
    /// Monte Carlo standard error of the mean.
    pub mcse: f64,
    /// 5th, 50th and 95th percentile of the net, euros (over the first
    /// `party_quantile_iterations` iterations).
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    /// In a combined view: the mean nominal total of the flows between the employer and the
    /// party it is, left out of the net as internal; 0 otherwise.
    pub internal_mean: f64,
}

/// What a party's view is in the report.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// The employer's: the business case.
    BusinessCase,
    /// Every other party's: context.
    Context,
}

#[derive(Debug, Clone, Serialize)]
pub struct NpvSummary {
    pub mean: f64,
    /// Monte Carlo standard error of the mean (sd / √n).
    pub mcse: f64,
    pub sd: f64,
    pub p5: f64,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub p95: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct InstrumentSummary {
    /// Instrument kind, with its category or name where it has one (`lkv (banenafspraak)`).
    pub instrument: String,
    /// Share of placements (over all iterations) for which the instrument's eligibility
    /// condition failed at some point, so that it booked nothing for them then.
    pub ineligible_share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Histogram {
    /// Bin edges, euros (one more than `counts`).
    pub edges: Vec<f64>,
    /// Iterations per bin (the last bin includes its upper edge).
    pub counts: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BreakEven {
    /// Smallest month m (1-based) with P(break-even ≤ m) ≥ 0.5; null when fewer than half
    /// of the iterations break even within the horizon.
    pub p50_month: Option<u32>,
    /// P(break-even within the horizon).
    pub p_within_horizon: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Flow {
    pub payer: String,
    pub payee: String,
    /// Mean nominal total, euros.
    pub mean: f64,
    /// The lines that make up this flow.
    pub lines: Vec<String>,
}

/// One line of the employer's view of the ledger.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EmployerLine {
    /// Line name as in `lines`.
    pub name: String,
    /// The other party of the flow (payer of what the employer receives, payee of what it pays).
    pub counterparty: String,
    /// What the line is to the employer.
    pub role: LineRole,
    /// Mean nominal total, euros: positive when the employer receives, negative when it pays.
    pub mean: f64,
}

/// What a line is to the employer.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LineRole {
    /// Paid by the employer.
    Cost,
    /// Received from the market or another private party (production value, avoided costs).
    Benefit,
    /// Received from a public payer (gemeente, UWV, Rijk, Belastingdienst): a subsidy or benefit.
    Subsidy,
}

/// The figures the run reads whose value in some month of the horizon is not published law.
fn not_published(model: &Model) -> Vec<NotPublished> {
    model
        .rates
        .unpublished_in(model.start, model.horizon, |f, t| model.reads_figure(f, t))
        .into_iter()
        .map(|(figure, status, from)| NotPublished {
            figure: figure.as_str().to_owned(),
            status: status.as_str(),
            from: from.to_string(),
        })
        .collect()
}

/// Parties whose payments to the employer count as subsidy.
pub const PUBLIC_PAYERS: [Party; 4] = [Party::Gemeente, Party::Uwv, Party::Rijk, Party::Belastingdienst];

#[derive(Debug, Clone, Serialize)]
pub struct MonthSummary {
    /// 1-based scenario month.
    pub month: usize,
    /// Calendar month, YYYY-MM.
    pub calendar: String,
    /// Share of started placements still active.
    pub share_active: f64,
    /// Mean productivity of the active placements (null when none is active).
    pub mean_productivity: Option<f64>,
    /// Quantiles of the cumulative discounted employer net cash, euros.
    pub cumulative_net: BTreeMap<&'static str, f64>,
    /// Quantiles of the iterations' mean productivity of active placements (iterations with
    /// an active placement only; empty when none).
    pub productivity: BTreeMap<&'static str, f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    /// Mean of NPV(a) − NPV(b) over the iterations (common random numbers).
    pub mean_diff: f64,
    /// 95% interval of the mean difference (Student's t on the paired differences).
    pub ci95: [f64; 2],
    /// Standard deviation of the paired differences.
    pub sd_diff: f64,
    /// Share of iterations in which a has the higher NPV (ties count half).
    pub p_a_better: f64,
    /// P(NPV(a) > 0) − P(NPV(b) > 0).
    pub p_npv_positive_diff: f64,
    /// Percentiles 0, 1, …, 100 of NPV(a) − NPV(b), euros.
    pub diff_percentiles: Vec<f64>,
}

/// Running sums for one arrangement.
#[derive(Debug, Clone, Default)]
struct ArrangementAcc {
    npv: Vec<f64>,
    break_even: Vec<u32>,
    break_even_hits: u64,
    retained: (f64, f64),
    months_active: f64,
    final_productivity: f64,
    supervision_hours: f64,
    sick_months: f64,
    lines: Vec<f64>,
    lines_sq: Vec<f64>,
    ineligible: Vec<u64>,
    /// Per party view: the sum and sum of squares of the net, and the kept iterations' nets.
    party_sums: Vec<(f64, f64)>,
    party_kept: Vec<Vec<f64>>,
}

/// The party views of a run and, per arrangement, each view's sign on each line.
#[derive(Debug, Clone)]
struct Views {
    parties: Vec<Party>,
    /// `[arrangement][view × lines + line]`: +1 when the view's party receives the line, −1
    /// when it pays it, 0 when the line passes it by or is internal to a combined view.
    signs: Vec<Vec<f64>>,
    /// `[arrangement]`: per line, whether it is internal to the combined employer view.
    internal: Vec<Vec<bool>>,
}

impl Views {
    fn new(books: &[LineBook], employer_is: Option<Party>) -> Self {
        let used = |p: Party| {
            books
                .iter()
                .flat_map(|b| &b.lines)
                .any(|l| l.payer == p || l.payee == p)
        };
        let parties: Vec<Party> = VIEW_PARTIES
            .into_iter()
            .filter(|&p| Some(p) != employer_is)
            .filter(|&p| matches!(p, Party::Employer | Party::Worker) || used(p))
            .collect();
        let group = |view: Party, p: Party| p == view || (view == Party::Employer && Some(p) == employer_is);
        let signs = books
            .iter()
            .map(|b| {
                parties
                    .iter()
                    .flat_map(|&v| {
                        b.lines.iter().map(move |l| {
                            f64::from(u8::from(group(v, l.payee))) - f64::from(u8::from(group(v, l.payer)))
                        })
                    })
                    .collect()
            })
            .collect();
        let internal = books
            .iter()
            .map(|b| {
                b.lines
                    .iter()
                    .map(|l| {
                        employer_is.is_some()
                            && group(Party::Employer, l.payer)
                            && group(Party::Employer, l.payee)
                    })
                    .collect()
            })
            .collect();
        Self {
            parties,
            signs,
            internal,
        }
    }
}

/// Folds chunks (in iteration order) into a [`Summary`].
pub struct Accumulator<'m> {
    model: &'m Model,
    books: Vec<LineBook>,
    arrangements: Vec<ArrangementAcc>,
    monthly: Vec<MonthSums>,
    /// Per (arrangement, month): the kept iterations' cumulative net and mean productivity.
    paths: Vec<Vec<f64>>,
    productivity_paths: Vec<Vec<f64>>,
    keep_paths: u64,
    views: Views,
    keep_parties: u64,
    iterations: u64,
    cohort: Option<super::cohort::CohortAcc>,
}

impl<'m> Accumulator<'m> {
    pub fn new(model: &'m Model, iterations: u64) -> Self {
        let books: Vec<LineBook> = model
            .arrangements
            .iter()
            .map(|a| LineBook::new(model, a))
            .collect();
        let views = Views::new(&books, model.employer_is);
        let keep_parties = keep_parties(model, iterations, views.parties.len());
        let arrangements = books
            .iter()
            .map(|b| ArrangementAcc {
                npv: Vec::with_capacity(iterations as usize),
                lines: vec![0.0; b.len()],
                lines_sq: vec![0.0; b.len()],
                ineligible: vec![0; b.rules.len()],
                party_sums: vec![(0.0, 0.0); views.parties.len()],
                party_kept: vec![Vec::with_capacity(keep_parties as usize); views.parties.len()],
                ..ArrangementAcc::default()
            })
            .collect();
        let cells = model.arrangements.len() * model.horizon;
        let keep_paths = keep_paths(model, iterations);
        let kept = || {
            (0..cells)
                .map(|_| Vec::with_capacity(keep_paths as usize))
                .collect()
        };
        Self {
            model,
            books,
            arrangements,
            monthly: vec![MonthSums::default(); cells],
            paths: kept(),
            productivity_paths: kept(),
            keep_paths,
            views,
            keep_parties,
            iterations: 0,
            cohort: super::cohort::CohortAcc::new(model),
        }
    }

    /// How many iterations' monthly paths the engine should keep.
    pub fn keep_paths(&self) -> u64 {
        self.keep_paths
    }

    pub fn add(&mut self, chunk: &Chunk) {
        for (i, results) in chunk.results().enumerate() {
            let keep_party = chunk.first + (i as u64) < self.keep_parties;
            for ((acc, r), signs) in self.arrangements.iter_mut().zip(results).zip(&self.views.signs) {
                let lines = r.lines.len();
                for (v, (sum, kept)) in acc.party_sums.iter_mut().zip(&mut acc.party_kept).enumerate() {
                    let net: f64 = signs[v * lines..(v + 1) * lines]
                        .iter()
                        .zip(r.lines)
                        .map(|(s, x)| s * x)
                        .sum();
                    sum.0 += net;
                    sum.1 += net * net;
                    if keep_party {
                        kept.push(net);
                    }
                }
                let o = r.outcome;
                acc.npv.push(o.npv);
                if let Some(m) = o.break_even_month {
                    acc.break_even.push(m);
                    acc.break_even_hits += 1;
                }
                acc.retained.0 += o.retained;
                acc.retained.1 += o.retained * o.retained;
                acc.months_active += o.months_active;
                acc.final_productivity += o.final_productivity;
                acc.supervision_hours += o.supervision_hours;
                acc.sick_months += o.sick_months;
                for ((sum, sq), v) in acc.lines.iter_mut().zip(acc.lines_sq.iter_mut()).zip(r.lines) {
                    *sum += v;
                    *sq += v * v;
                }
                for (sum, v) in acc.ineligible.iter_mut().zip(r.ineligible) {
                    *sum += u64::from(*v);
                }
            }
        }
        for (sum, m) in self.monthly.iter_mut().zip(&chunk.monthly) {
            sum.active += m.active;
            sum.started += m.started;
            sum.productivity_sum += m.productivity_sum;
        }
        let cells = self.paths.len();
        if cells > 0 {
            for (target, source) in [
                (&mut self.paths, &chunk.paths),
                (&mut self.productivity_paths, &chunk.productivity_paths),
            ] {
                for path in source.chunks(cells) {
                    for (cell, v) in target.iter_mut().zip(path) {
                        cell.push(*v);
                    }
                }
            }
        }
        self.iterations += chunk.iterations;
        if let Some(cohort) = &mut self.cohort {
            cohort.add(chunk);
        }
    }

    pub fn finish(mut self) -> Summary {
        let model = self.model;
        let n = self.iterations;
        let nf = n as f64;
        let horizon = model.horizon;
        let edges = histogram_edges(&self.arrangements);
        let mut arrangements = Vec::with_capacity(self.arrangements.len());
        // The monthly quantiles, the bulk of the work, cell by cell on the worker threads
        // (each cell on its own, collected in order: the same result on any thread count).
        let cells = self.paths.len();
        let mut month_summaries: Vec<MonthSummary> = (0..cells)
            .into_par_iter()
            .map_init(
                || Vec::with_capacity(self.keep_paths as usize),
                |keys, cell| {
                    month_summary(
                        model,
                        &self.monthly[cell],
                        &self.paths[cell],
                        keys,
                        &self.productivity_paths[cell],
                        cell % horizon.max(1),
                    )
                },
            )
            .collect();
        let mut month_summaries = month_summaries.drain(..);
        // The kept monthly values are the largest buffers: freed before the comparisons sort
        // their differences, so that the two never take memory at the same time.
        drop(std::mem::take(&mut self.paths));
        drop(std::mem::take(&mut self.productivity_paths));
        for (ai, (acc, book)) in self.arrangements.iter().zip(&self.books).enumerate() {
            let arrangement = &model.arrangements[ai];
            // The simulated placements over all iterations: the copies started by the last
            // month (every copy, n × copies, unless a count is drawn per iteration).
            let placements = self
                .monthly
                .get((ai + 1) * horizon.max(1) - 1)
                .map_or(0, |m| m.started)
                .max(1);
            let sorted_npv = sorted(&acc.npv);
            let q = |p: f64| quantile_sorted(&sorted_npv, p);
            let mean = describe::mean(&acc.npv);
            let sd = describe::sd(&acc.npv);
            let positive = acc.npv.iter().filter(|v| **v > 0.0).count() as u64;
            let (p_pos, p_pos_se) = proportion(positive, n);
            let lines: IndexMap<String, f64> = book
                .lines
                .iter()
                .zip(&acc.lines)
                .map(|(l, s)| (l.name.clone(), s / nf))
                .collect();
            let lines_mcse: IndexMap<String, f64> = book
                .lines
                .iter()
                .zip(acc.lines.iter().zip(&acc.lines_sq))
                .map(|(l, (sum, sq))| (l.name.clone(), sd_from_sums(*sum, *sq, n) / nf.sqrt()))
                .collect();
            let monthly = month_summaries.by_ref().take(horizon).collect();
            arrangements.push(ArrangementSummary {
                name: arrangement.name.clone(),
                // summary.json is English: the description's English text, else its only one.
                description: arrangement
                    .description
                    .as_ref()
                    .and_then(|d| d.get(true))
                    .map(str::to_owned),
                baseline: arrangement.is_baseline,
                npv: NpvSummary {
                    mean,
                    mcse: sd / nf.sqrt(),
                    sd,
                    p5: q(0.05),
                    p10: q(0.10),
                    p25: q(0.25),
                    p50: q(0.50),
                    p75: q(0.75),
                    p90: q(0.90),
                    p95: q(0.95),
                    min: sorted_npv.first().copied().unwrap_or(f64::NAN),
                    max: sorted_npv.last().copied().unwrap_or(f64::NAN),
                },
                npv_percentiles: percentiles(&sorted_npv),
                npv_histogram: histogram(&edges, &acc.npv),
                p_npv_positive: p_pos,
                p_npv_positive_se: p_pos_se,
                cvar5: lower_tail_mean(&sorted_npv, CVAR_ALPHA),
                break_even: break_even(&acc.break_even, n),
                retention_at_horizon: acc.retained.0 / nf,
                retention_at_horizon_se: sd_from_sums(acc.retained.0, acc.retained.1, n) / nf.sqrt(),
                months_active_mean: acc.months_active / nf,
                final_productivity_mean: acc.final_productivity / nf,
                supervision_hours_mean: acc.supervision_hours / nf,
                sick_months_mean: acc.sick_months / nf,
                instruments: book
                    .rules
                    .labels()
                    .into_iter()
                    .zip(&acc.ineligible)
                    .map(|(instrument, count)| InstrumentSummary {
                        instrument,
                        ineligible_share: *count as f64 / placements as f64,
                    })
                    .collect(),
                ledger: ledger_flows(book, &acc.lines, nf),
                party_net: party_net(book, &acc.lines, nf),
                parties: party_views(&self.views, ai, acc, n, model.employer_is),
                employer_lines: employer_lines(book, &acc.lines, nf),
                subsidy_mean: subsidy_mean(book, &acc.lines, nf),
                lines,
                lines_mcse,
                monthly,
            });
        }
        let comparisons = comparisons(&self.arrangements, model);
        let cohort = self.cohort.and_then(|c| c.finish(model));
        Summary {
            model_version: MODEL_VERSION.to_owned(),
            inclusim_version: env!("CARGO_PKG_VERSION").to_owned(),
            scenario: model.name.clone(),
            scenario_file: model.source.clone(),
            scenario_sha256: model.digest.clone(),
            run: crate::model::run_identity(&model.source, &model.digest, model.seed, n),
            seed: model.seed,
            iterations: n,
            horizon_months: horizon,
            start: model.start.to_string(),
            discount_rate: model.discount_rate,
            placements: model.copies(),
            placements_min: model
                .placements
                .iter()
                .any(|p| p.uncertain_count.is_some())
                .then(|| {
                    model
                        .placements
                        .iter()
                        .map(|p| {
                            p.uncertain_count
                                .as_ref()
                                .map_or(p.count, |d| d.support().0 as usize)
                        })
                        .sum()
                }),
            rates: RatesInfo {
                preset: model.rates.name().to_owned(),
                wage_growth_per_year: model.rates.wage_growth_per_year(),
                min_wage_published_until: model.rates.last_published(Figure::MinWageHour).to_string(),
                not_published: not_published(model),
            },
            monthly_quantile_iterations: self.keep_paths.min(n),
            employer_is: model.employer_is.map(|p| p.as_str().to_owned()),
            party_quantile_iterations: self.keep_parties.min(n),
            arrangements,
            comparisons,
            cohort,
            sensitivity: None,
        }
    }
}

/// Iterations whose monthly paths fit in [`MONTHLY_VALUE_BUDGET`].
fn keep_paths(model: &Model, iterations: u64) -> u64 {
    let per_iteration = (model.arrangements.len() * model.horizon).max(1) as u64;
    iterations.min(MONTHLY_VALUE_BUDGET / per_iteration).max(1)
}

/// Iterations whose party nets fit in [`PARTY_VALUE_BUDGET`].
fn keep_parties(model: &Model, iterations: u64, parties: usize) -> u64 {
    let per_iteration = (model.arrangements.len() * parties).max(1) as u64;
    iterations.min(PARTY_VALUE_BUDGET / per_iteration).max(1)
}

/// The party views of arrangement `a` from its accumulated nets.
fn party_views(
    views: &Views,
    a: usize,
    acc: &ArrangementAcc,
    n: u64,
    employer_is: Option<Party>,
) -> Vec<PartyView> {
    let nf = n as f64;
    let internal_mean: f64 = views.internal[a]
        .iter()
        .zip(&acc.lines)
        .filter(|(internal, _)| **internal)
        .map(|(_, sum)| sum / nf)
        .sum();
    views
        .parties
        .iter()
        .zip(acc.party_sums.iter().zip(&acc.party_kept))
        .map(|(&party, (&(sum, sq), kept))| {
            let q = quantiles_by_selection(kept, &[0.05, 0.50, 0.95], &mut Vec::new());
            let employer = party == Party::Employer;
            PartyView {
                party: party.as_str().to_owned(),
                combined_with: employer
                    .then_some(employer_is)
                    .flatten()
                    .map(|p| p.as_str().to_owned()),
                role: if employer {
                    PartyRole::BusinessCase
                } else {
                    PartyRole::Context
                },
                mean: sum / nf,
                mcse: sd_from_sums(sum, sq, n) / nf.sqrt(),
                p5: q[0],
                p50: q[1],
                p95: q[2],
                internal_mean: if employer { internal_mean } else { 0.0 },
            }
        })
        .collect()
}

fn break_even(months: &[u32], n: u64) -> BreakEven {
    let (p_within, _) = proportion(months.len() as u64, n);
    // Smallest m with #(BE ≤ m) ≥ n/2: the needed-th smallest month, by selection.
    let needed = n.div_ceil(2) as usize;
    BreakEven {
        p50_month: (needed >= 1 && months.len() >= needed).then(|| {
            let mut months = months.to_vec();
            *months.select_nth_unstable(needed - 1).1
        }),
        p_within_horizon: p_within,
    }
}

/// One month's summary; the quantiles by selection ([`quantiles_by_selection`], exact).
fn month_summary(
    model: &Model,
    sums: &MonthSums,
    path: &[f64],
    keys: &mut Vec<i64>,
    productivity: &[f64],
    t: usize,
) -> MonthSummary {
    let net = quantiles_by_selection(path, &LEVELS.map(|(p, _)| p), keys);
    let active: Vec<f64> = productivity.iter().copied().filter(|p| !p.is_nan()).collect();
    let band = quantiles_by_selection(&active, &BAND_LEVELS.map(|(p, _)| p), keys);
    MonthSummary {
        month: t + 1,
        calendar: model.start.add_months(t as i64).to_string(),
        share_active: if sums.started == 0 {
            0.0
        } else {
            sums.active as f64 / sums.started as f64
        },
        mean_productivity: (sums.active > 0).then(|| sums.productivity_sum / sums.active as f64),
        cumulative_net: LEVELS.iter().zip(net).map(|(&(_, name), q)| (name, q)).collect(),
        productivity: if active.is_empty() {
            BTreeMap::new()
        } else {
            BAND_LEVELS
                .iter()
                .zip(band)
                .map(|(&(_, name), q)| (name, q))
                .collect()
        },
    }
}

/// Percentiles 0..=100 of a sorted sample.
fn percentiles(sorted: &[f64]) -> Vec<f64> {
    (0..=100)
        .map(|p| quantile_sorted(sorted, f64::from(p) / 100.0))
        .collect()
}

/// [`HISTOGRAM_BINS`] equal bins spanning every arrangement's NPV.
fn histogram_edges(accs: &[ArrangementAcc]) -> Vec<f64> {
    let (lo, hi) = accs
        .iter()
        .flat_map(|a| a.npv.iter())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if !lo.is_finite() {
        return vec![0.0, 1.0];
    }
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 0.5, lo + 0.5) };
    let width = (hi - lo) / HISTOGRAM_BINS as f64;
    (0..=HISTOGRAM_BINS)
        .map(|i| {
            if i == HISTOGRAM_BINS {
                hi
            } else {
                lo + width * i as f64
            }
        })
        .collect()
}

fn histogram(edges: &[f64], values: &[f64]) -> Histogram {
    let bins = edges.len() - 1;
    let (lo, hi) = (edges[0], edges[bins]);
    let mut counts = vec![0u64; bins];
    for &v in values {
        let i = (((v - lo) / (hi - lo)) * bins as f64).floor();
        let i = if i.is_nan() {
            0
        } else {
            (i.max(0.0) as usize).min(bins - 1)
        };
        counts[i] += 1;
    }
    Histogram {
        edges: edges.to_vec(),
        counts,
    }
}

fn ledger_flows(book: &LineBook, sums: &[f64], n: f64) -> Vec<Flow> {
    let mut flows: BTreeMap<(Party, Party), (f64, Vec<String>)> = BTreeMap::new();
    for (line, sum) in book.lines.iter().zip(sums) {
        let entry = flows.entry((line.payer, line.payee)).or_default();
        entry.0 += sum / n;
        entry.1.push(line.name.clone());
    }
    flows
        .into_iter()
        .map(|((payer, payee), (mean, lines))| Flow {
            payer: payer.as_str().to_owned(),
            payee: payee.as_str().to_owned(),
            mean,
            lines,
        })
        .collect()
}

fn party_net(book: &LineBook, sums: &[f64], n: f64) -> BTreeMap<String, f64> {
    let mut net: BTreeMap<String, f64> = BTreeMap::new();
    for (line, sum) in book.lines.iter().zip(sums) {
        *net.entry(line.payee.as_str().to_owned()).or_default() += sum / n;
        *net.entry(line.payer.as_str().to_owned()).or_default() -= sum / n;
    }
    net
}

/// The lines the employer pays or receives, signed from the ledger direction.
fn employer_lines(book: &LineBook, sums: &[f64], n: f64) -> Vec<EmployerLine> {
    book.lines
        .iter()
        .zip(sums)
        .filter_map(|(line, sum)| {
            let (role, counterparty, sign) = if line.payee == Party::Employer {
                let role = if PUBLIC_PAYERS.contains(&line.payer) {
                    LineRole::Subsidy
                } else {
                    LineRole::Benefit
                };
                (role, line.payer, 1.0)
            } else if line.payer == Party::Employer {
                (LineRole::Cost, line.payee, -1.0)
            } else {
                return None;
            };
            Some(EmployerLine {
                name: line.name.clone(),
                counterparty: counterparty.as_str().to_owned(),
                role,
                mean: sign * sum / n,
            })
        })
        .collect()
}

/// Mean total the employer receives from public payers.
fn subsidy_mean(book: &LineBook, sums: &[f64], n: f64) -> f64 {
    book.lines
        .iter()
        .zip(sums)
        .filter(|(line, _)| line.payee == Party::Employer && PUBLIC_PAYERS.contains(&line.payer))
        .map(|(_, sum)| sum / n)
        .sum()
}

impl Comparison {
    /// The same comparison seen from `b`: NPV(b) − NPV(a). Percentile p of −D is minus
    /// percentile 100 − p of D, so the percentiles are negated and reversed.
    pub fn reversed(&self) -> Comparison {
        Comparison {
            a: self.b.clone(),
            b: self.a.clone(),
            mean_diff: -self.mean_diff,
            ci95: [-self.ci95[1], -self.ci95[0]],
            sd_diff: self.sd_diff,
            p_a_better: 1.0 - self.p_a_better,
            p_npv_positive_diff: -self.p_npv_positive_diff,
            diff_percentiles: self.diff_percentiles.iter().rev().map(|v| -v).collect(),
        }
    }
}

impl Summary {
    /// The comparison of `a` against `b` (NPV(a) − NPV(b)), whichever order it was computed in.
    pub fn comparison(&self, a: &str, b: &str) -> Option<Comparison> {
        self.comparisons.iter().find_map(|c| {
            if c.a == a && c.b == b {
                Some(c.clone())
            } else if c.a == b && c.b == a {
                Some(c.reversed())
            } else {
                None
            }
        })
    }
}

/// Every pair of arrangements; a pair with the baseline reads as "arrangement − baseline"
/// (what the arrangement adds), other pairs in scenario order.
fn comparisons(accs: &[ArrangementAcc], model: &Model) -> Vec<Comparison> {
    let mut out = Vec::new();
    for i in 0..accs.len() {
        for j in i + 1..accs.len() {
            let (a, b) = if model.arrangements[i].is_baseline {
                (j, i)
            } else {
                (i, j)
            };
            let p = paired(&accs[a].npv, &accs[b].npv);
            let diffs: Vec<f64> = accs[a].npv.iter().zip(&accs[b].npv).map(|(x, y)| x - y).collect();
            let share = |v: &[f64]| v.iter().filter(|x| **x > 0.0).count() as f64 / v.len().max(1) as f64;
            out.push(Comparison {
                a: model.arrangements[a].name.clone(),
                b: model.arrangements[b].name.clone(),
                mean_diff: p.mean_diff,
                ci95: p.ci95,
                sd_diff: p.sd_diff,
                p_a_better: p.p_a_better,
                p_npv_positive_diff: share(&accs[a].npv) - share(&accs[b].npv),
                diff_percentiles: percentiles(&sorted(&diffs)),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ledger::LineDef;

    #[test]
    fn histogram_counts_every_value_once() {
        let acc = ArrangementAcc {
            npv: vec![-10.0, -5.0, 0.0, 5.0, 10.0],
            ..ArrangementAcc::default()
        };
        let edges = histogram_edges(std::slice::from_ref(&acc));
        assert_eq!(edges.len(), HISTOGRAM_BINS + 1);
        assert_eq!((edges[0], edges[HISTOGRAM_BINS]), (-10.0, 10.0));
        let h = histogram(&edges, &acc.npv);
        assert_eq!(h.counts.iter().sum::<u64>(), 5);
        assert_eq!(h.counts[0], 1);
        assert_eq!(
            h.counts[HISTOGRAM_BINS - 1],
            1,
            "the maximum falls in the last bin"
        );
        assert_eq!(h.counts[HISTOGRAM_BINS / 2], 1, "zero starts the middle bin");
    }

    #[test]
    fn employer_lines_take_their_sign_and_role_from_the_ledger() {
        let book = LineBook {
            lines: vec![
                LineDef {
                    name: "production_value".into(),
                    payer: Party::Market,
                    payee: Party::Employer,
                },
                LineDef {
                    name: "wage".into(),
                    payer: Party::Employer,
                    payee: Party::Worker,
                },
                LineDef {
                    name: "lks".into(),
                    payer: Party::Gemeente,
                    payee: Party::Employer,
                },
                LineDef {
                    name: "topup".into(),
                    payer: Party::Uwv,
                    payee: Party::Worker,
                },
                LineDef {
                    name: "praktijkleren".into(),
                    payer: Party::Rijk,
                    payee: Party::Employer,
                },
            ],
            employer_sign: vec![1.0, -1.0, 1.0, 0.0, 1.0],
            other_line_ids: Vec::new(),
            rules: crate::instruments::Rules::new(&[], &[], &mut Vec::new()),
            duties: None,
            cohort: None,
            benefit_lines: Vec::new(),
            benefit_paid_lines: Vec::new(),
        };
        let sums = [200.0, 100.0, 40.0, 10.0, 6.0];
        let lines = employer_lines(&book, &sums, 2.0);
        let view: Vec<(&str, LineRole, f64)> =
            lines.iter().map(|l| (l.name.as_str(), l.role, l.mean)).collect();
        assert_eq!(
            view,
            vec![
                ("production_value", LineRole::Benefit, 100.0),
                ("wage", LineRole::Cost, -50.0),
                ("lks", LineRole::Subsidy, 20.0),
                ("praktijkleren", LineRole::Subsidy, 3.0),
            ],
            "a flow that passes the employer by is left out"
        );
        assert_eq!(lines[1].counterparty, "worker");
        assert_eq!(subsidy_mean(&book, &sums, 2.0), 23.0);
    }

    #[test]
    fn a_reversed_comparison_mirrors_the_difference() {
        let c = Comparison {
            a: "A".into(),
            b: "B".into(),
            mean_diff: 5.0,
            ci95: [1.0, 9.0],
            sd_diff: 3.0,
            p_a_better: 0.8,
            p_npv_positive_diff: 0.1,
            diff_percentiles: (0..=100).map(|p| f64::from(p) - 20.0).collect(),
        };
        let r = c.reversed();
        assert_eq!((r.a.as_str(), r.b.as_str()), ("B", "A"));
        assert_eq!((r.mean_diff, r.ci95), (-5.0, [-9.0, -1.0]));
        assert!((r.p_a_better - 0.2).abs() < 1e-12);
        assert_eq!(r.diff_percentiles.len(), 101);
        assert_eq!(r.diff_percentiles[0], -80.0, "min of −D is −max of D");
        assert_eq!(r.diff_percentiles[100], 20.0);
        assert_eq!(r.diff_percentiles[50], -c.diff_percentiles[50]);
        assert!(r.diff_percentiles.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(r.reversed().diff_percentiles, c.diff_percentiles);
    }

    #[test]
    fn break_even_median_is_the_lower_median_with_never_as_infinity() {
        assert_eq!(break_even(&[3, 5, 9], 4).p50_month, Some(5));
        assert_eq!(break_even(&[3, 5, 9], 5).p50_month, Some(9));
        assert_eq!(break_even(&[3, 5], 5).p50_month, None);
        assert_eq!(break_even(&[3, 5], 5).p_within_horizon, 0.4);
        assert_eq!(break_even(&[], 0).p50_month, None);
    }
}
