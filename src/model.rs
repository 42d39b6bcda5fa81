//! The validated model: what the engine simulates. A `Model` that exists is a valid one;
//! `scenario::load` is the only way to build one from a file.

use crate::calendar::YearMonth;
use crate::dist::Dist;
use crate::dist::copula::Copula;
use crate::instruments::Instrument;
use crate::rates::sroi::SroiRegion;
use crate::rates::{Figure, Rates};
pub use crate::vocab::{Benefit, Household, Party, PayBasis, RampShape, WEEKS_PER_MONTH, Worker};

/// Version of the model's equations. Bumped whenever the same scenario, seed and iterations
/// would give different numbers; written into every output.
pub const MODEL_VERSION: &str = "1.6.0";

#[derive(Debug, Clone)]
pub struct Model {
    pub name: String,
    pub description: Option<String>,
    /// The scenario file the model came from, as given on the command line.
    pub source: String,
    /// SHA-256 of the scenario text, hex (identifies the run's input in every output).
    pub digest: String,
    pub start: YearMonth,
    pub horizon: usize,
    pub iterations: u64,
    pub seed: u64,
    /// Yearly discount rate.
    pub discount_rate: f64,
    /// The party the employer itself is (`[scenario] employer_is`): flows between the two
    /// are internal.
    pub employer_is: Option<Party>,
    pub rates: Rates,
    /// The scenario's placements (variant 0: what the "no support" baseline and every
    /// arrangement without support or overrides simulate).
    pub placements: Vec<Placement>,
    /// The placements as arrangements with support or overrides change them; variant 0 is
    /// `placements` itself (see [`Model::placements_of`]).
    pub variants: Vec<Variant>,
    pub pools: Vec<Pool>,
    /// Peak profile by calendar month (index 0 = January).
    pub peak_profile: [PeakProfile; 12],
    pub peaks: Vec<Peak>,
    pub arrangements: Vec<Arrangement>,
    pub expectations: Vec<Expectation>,
    /// Uncertain parameters of instruments (a detachering tariff, the benefit kept during a
    /// trial placement), drawn once per iteration and copy.
    pub instrument_inputs: Vec<StaticInput>,
    /// Per instrument input: the name of its random stream, from its instrument and key
    /// (`detachering.tariff_per_hour`), whichever arrangement it belongs to.
    pub instrument_streams: Vec<String>,
    /// Warnings of validation: the scenario is valid, but a value is implausible or an
    /// assumption is made (printed by every command; they change no number).
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// `[report]`: the people and date the report names, and its language.
    pub report: ReportMeta,
    /// What the employer owes that employing the workers helps meet (`[employer]`): an SROI
    /// obligation and the banenafspraak quotumheffing. Both are absent unless the scenario
    /// states them.
    pub employer: EmployerDuties,
    /// The class the placements with a learning phase form (`[cohort]`), if any.
    pub cohort: Option<crate::cohort::Cohort>,
}

impl Model {
    /// One line naming the run: program and model version, scenario file and digest, seed
    /// and iterations. Every output file carries it.
    pub fn run_identity(&self) -> String {
        run_identity(&self.source, &self.digest, self.seed, self.iterations)
    }

    /// Total number of placement copies in one iteration.
    pub fn copies(&self) -> usize {
        self.placements.iter().map(|p| p.count).sum()
    }

    /// Whether the run can read `figure` in scenario month `t`: every figure in every month,
    /// except the youth minimum-wage shares (the bbl ones included), read only while a worker
    /// paid the minimum wage has that age (the age grows with the tenure) and learning path,
    /// and the bijstand norms, read for the workers on bijstand of that household and age.
    pub fn reads_figure(&self, figure: Figure, t: usize) -> bool {
        if let Some(household) = bijstand_household(figure) {
            // A bijstand norm is read only for the workers on bijstand it is the norm of.
            return (0..self.variants.len().max(1))
                .flat_map(|v| self.placements_of(v))
                .filter(|p| p.worker.benefit == Benefit::Participatiewet && t >= p.start_month)
                .any(|p| {
                    let young = p
                        .worker
                        .age
                        .is_some_and(|age| age + ((t - p.start_month) / 12) as u32 <= 20);
                    match household {
                        None => young,
                        Some(h) => {
                            !young
                                && (p.worker.counterfactual.household == Household::Couple)
                                    == (h == Household::Couple)
                        }
                    }
                });
        }
        if !figure.as_str().starts_with("youth_min_wage_share") {
            return true;
        }
        (0..self.variants.len().max(1))
            .flat_map(|v| self.placements_of(v))
            .filter(|p| p.wage_is_wml && t >= p.start_month)
            .filter_map(|p| {
                let age = p.worker.age? + ((t - p.start_month) / 12) as u32;
                Figure::youth_min_wage_share(age, p.worker.bbl)
            })
            .any(|f| f == figure)
    }

    /// The figures the run reads in some month of the horizon.
    pub fn figures_in_use(&self) -> Vec<Figure> {
        Figure::ALL
            .into_iter()
            .filter(|&f| (0..self.horizon).any(|t| self.reads_figure(f, t)))
            .collect()
    }

    /// The placements of variant `v` (0: the scenario's own).
    pub fn placements_of(&self, v: usize) -> &[Placement] {
        match v {
            0 => &self.placements,
            v => &self.variants[v].placements,
        }
    }
}

/// One line naming a run of the scenario file `source` with text digest `digest`.
pub fn run_identity(source: &str, digest: &str, seed: u64, iterations: u64) -> String {
    format!(
        "inclusim {}, model {MODEL_VERSION}, scenario {source} (sha256 {}), seed {seed}, iterations {iterations}",
        env!("CARGO_PKG_VERSION"),
        digest.get(..16).unwrap_or(digest),
    )
}

/// The household a bijstand norm is for: `Some(None)` for the youth norm (18 to 20),
/// `Some(Some(h))` for an adult household's norm, `None` for every other figure.
fn bijstand_household(figure: Figure) -> Option<Option<Household>> {
    match figure {
        Figure::BijstandNormSingle => Some(Some(Household::Single)),
        Figure::BijstandNormCouple => Some(Some(Household::Couple)),
        Figure::BijstandNormYouthSingle => Some(None),
        _ => None,
    }
}

/// The placements as one or more arrangements change them (a jobcoach, other supervision
/// hours, a workplace adaptation's cost, any placement input set anew). Arrangements with the
/// same changes share a variant. Every variant has the same placements, copies and names as
/// the scenario; only inputs, lines and timing differ.
#[derive(Debug, Clone, Default)]
pub struct Variant {
    /// Empty for variant 0 (the scenario's own placements).
    pub placements: Vec<Placement>,
    /// Per placement, per input: where its value comes from (empty for variant 0).
    pub sources: Vec<Vec<InputSource>>,
}

/// Where the value of a variant's input comes from in an iteration, so that every variant
/// draws on the same random numbers (common random numbers).
#[derive(Debug, Clone, PartialEq)]
pub enum InputSource {
    /// The scenario's own value of the input in this slot (the input is not changed).
    Same(usize),
    /// A fixed value.
    Constant(f64),
    /// The changed law at the rank of the scenario's own uncertain value in this slot:
    /// F_new⁻¹(F_own(x)), the same underlying uniform.
    Ranked(usize),
    /// Drawn from a stream of its own, named by placement and key (`w/jobcoach.hours_per_month`),
    /// when the scenario's own input is fixed or absent: every arrangement that changes it
    /// draws the same numbers.
    Own(String),
}

/// The static inputs every placement has, in slot order. Cost and benefit amounts follow
/// them (slot `Slot::COUNT + i` for the i-th line of the placement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    HoursPerWeek,
    Wage,
    ValuePerProductiveHour,
    EmployerBurden,
    ProductivityStart,
    ProductivityTarget,
    RampMonths,
    CapacityTypical,
    CapacityVolatility,
    CapacityPersistence,
    SickStartProbability,
    SupervisionInitial,
    SupervisionSteady,
    SupervisionHalving,
    SupervisorCost,
    SupervisionAvailable,
    DropoutMonthly,
    DropoutShortfallFactor,
    DropoutExitCost,
    JobcoachTariff,
    JobcoachHours,
    JobcoachSupervisionShare,
    JobcoachDropoutFactor,
    JobcoachLearningFactor,
}

impl Slot {
    pub const COUNT: usize = 24;
    pub const ALL: [Slot; Slot::COUNT] = [
        Slot::HoursPerWeek,
        Slot::Wage,
        Slot::ValuePerProductiveHour,
        Slot::EmployerBurden,
        Slot::ProductivityStart,
        Slot::ProductivityTarget,
        Slot::RampMonths,
        Slot::CapacityTypical,
        Slot::CapacityVolatility,
        Slot::CapacityPersistence,
        Slot::SickStartProbability,
        Slot::SupervisionInitial,
        Slot::SupervisionSteady,
        Slot::SupervisionHalving,
        Slot::SupervisorCost,
        Slot::SupervisionAvailable,
        Slot::DropoutMonthly,
        Slot::DropoutShortfallFactor,
        Slot::DropoutExitCost,
        Slot::JobcoachTariff,
        Slot::JobcoachHours,
        Slot::JobcoachSupervisionShare,
        Slot::JobcoachDropoutFactor,
        Slot::JobcoachLearningFactor,
    ];

    /// The input's key path inside `[[placement]]`; also its name in `[[correlation]]` and
    /// in `samples.csv`.
    pub fn path(self) -> &'static str {
        match self {
            Slot::HoursPerWeek => "hours_per_week",
            Slot::Wage => "wage",
            Slot::ValuePerProductiveHour => "value_per_productive_hour",
            Slot::EmployerBurden => "employer_burden",
            Slot::ProductivityStart => "productivity.start",
            Slot::ProductivityTarget => "productivity.target",
            Slot::RampMonths => "productivity.ramp_months",
            Slot::CapacityTypical => "capacity.typical",
            Slot::CapacityVolatility => "capacity.volatility",
            Slot::CapacityPersistence => "capacity.persistence",
            Slot::SickStartProbability => "capacity.sick_start_probability",
            Slot::SupervisionInitial => "supervision.initial_hours_per_week",
            Slot::SupervisionSteady => "supervision.steady_hours_per_week",
            Slot::SupervisionHalving => "supervision.halving_months",
            Slot::SupervisorCost => "supervision.supervisor_cost",
            Slot::SupervisionAvailable => "supervision.available_hours_per_week",
            Slot::DropoutMonthly => "dropout.monthly",
            Slot::DropoutShortfallFactor => "dropout.shortfall_factor",
            Slot::DropoutExitCost => "dropout.exit_cost",
            Slot::JobcoachTariff => "jobcoach.tariff_per_hour",
            Slot::JobcoachHours => "jobcoach.hours_per_month",
            Slot::JobcoachSupervisionShare => "jobcoach.supervision_share",
            Slot::JobcoachDropoutFactor => "jobcoach.dropout_factor",
            Slot::JobcoachLearningFactor => "jobcoach.learning_factor",
        }
    }
}

/// One uncertain (or constant) input, drawn once per iteration and placement copy.
#[derive(Debug, Clone)]
pub struct StaticInput {
    /// Key path inside the placement (`productivity.start`, `cost.training.amount`).
    pub path: String,
    pub dist: Dist,
    /// Whether the input matters for this placement (a wage of `"wml"` or an absent block
    /// does not); unused inputs are not written to `samples.csv`.
    pub used: bool,
}

#[derive(Debug, Clone)]
pub struct Placement {
    pub name: String,
    /// Copies of the placement; with an uncertain count, the largest it can take.
    pub count: usize,
    /// The number of copies that start, drawn per iteration (a class of 8 to 12 pupils);
    /// `None` when every copy starts. Copies beyond the drawn number do not start.
    pub uncertain_count: Option<Dist>,
    /// Scenario month in which the placement starts.
    pub start_month: usize,
    /// Scenario month from which the contract no longer runs (exclusive).
    pub contract_end_month: Option<usize>,
    /// Static inputs in slot order (see [`Slot`]), then one amount per cost/benefit line.
    pub inputs: Vec<StaticInput>,
    /// Gaussian copula over correlated inputs, if any.
    pub copula: Option<Copula>,
    /// The correlations the scenario asks for, in file order (the copula is built from them).
    pub correlations: Vec<Correlation>,
    /// How a copy's inputs are drawn (set with the copula by [`Placement::plan_draws`]).
    pub draws: InputDraws,
    /// Wage is the legal minimum wage in force each month (`wage = "wml"`).
    pub wage_is_wml: bool,
    /// How a wage in euros grows (the CAO's yearly raise); `None` with `wage = "wml"`, which
    /// follows the legal minimum wage.
    pub wage_indexation: Option<WageIndexation>,
    pub holiday_pay: f64,
    pub pay_basis: PayBasis,
    pub sick_pay_first_year: f64,
    pub sick_pay_second_year: f64,
    pub ramp: RampShape,
    /// Length of a sick spell in months, drawn per spell; `None` when no spell can start.
    pub sick_months: Option<Dist>,
    pub supervision: SupervisionSource,
    pub jobcoach: Option<JobcoachPlan>,
    pub lines: Vec<OtherLine>,
    pub worker: Worker,
    /// The sector's full-time week in hours: LKS counts the contract hours up to it
    /// (Participatiewet art. 10d lid 4).
    pub full_time_hours_per_week: f64,
    /// A learning phase before employment (a pupil of a class, `[cohort]`).
    pub learning: Option<crate::cohort::LearningPhase>,
}

/// The yearly indexation of a wage given in euros: from the first `month` after the
/// scenario's start month on, the wage is raised by `per_year` each year in that month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WageIndexation {
    /// Yearly raise as a share (0.03 = 3%).
    pub per_year: f64,
    /// Calendar month of the raise, 1 = January.
    pub month: u32,
}

impl WageIndexation {
    /// Wage factor (1 + g)^n of each scenario month from `start`, where n counts the months
    /// 1..=t whose calendar month is the indexation month: month 0 is never raised, even
    /// when the scenario starts in the indexation month.
    pub fn factors(self, start: YearMonth, horizon: usize) -> Vec<f64> {
        let base = 1.0 + self.per_year;
        let mut steps = 0;
        (0..horizon)
            .map(|t| {
                if t > 0 && start.add_months(t as i64).month() == self.month {
                    steps += 1;
                }
                base.powi(steps)
            })
            .collect()
    }
}

/// A `[[correlation]]` between two inputs of one placement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Correlation {
    /// Indices into the placement's inputs.
    pub a: usize,
    pub b: usize,
    /// Correlation of the inputs' normal scores (Gaussian copula).
    pub rho: f64,
}

impl Placement {
    pub fn dist(&self, slot: Slot) -> &Dist {
        &self.inputs[slot as usize].dist
    }

    /// Works out, once the copula is known, which inputs are constant and which are drawn
    /// one after the other.
    pub fn plan_draws(&mut self) {
        let correlated = self.copula.as_ref().map_or(&[][..], |c| c.slots());
        self.draws = InputDraws {
            constants: self
                .inputs
                .iter()
                .map(|i| i.dist.as_constant().unwrap_or(0.0))
                .collect(),
            independent: (0..self.inputs.len())
                .filter(|slot| !correlated.contains(slot))
                .filter(|&slot| self.inputs[slot].dist.as_constant().is_none())
                .collect(),
        };
    }
}

/// How the static inputs of a copy are drawn: the constants are copied, the uncertain inputs
/// outside the copula drawn in slot order from the copy's Inputs stream (after the copula's
/// scores), so that nothing is looked at again in every iteration.
#[derive(Debug, Clone, Default)]
pub struct InputDraws {
    /// Every input's value when it is constant (0 where it is drawn).
    pub constants: Vec<f64>,
    /// Slots of the uncertain inputs that are drawn on their own, in slot order.
    pub independent: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupervisionSource {
    /// Each copy has `supervision.available_hours_per_week` of its own.
    Own,
    /// Shares the hours of `model.pools[i]` with every placement naming the same pool.
    Pool(usize),
}

/// A jobcoach's plan; the tariff, hours and effects are inputs (`Slot::Jobcoach*`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JobcoachPlan {
    /// Hours follow the preset's norm (share of worked hours by year of tenure).
    pub norm: bool,
    /// Tenure months after which coaching stops.
    pub max_months: Option<usize>,
}

/// `[report]`: who the business case is for and by whom (all optional, validated text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportMeta {
    pub employer: Option<String>,
    pub candidate: Option<String>,
    pub adviser: Option<String>,
    pub organisation: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `nl` or `en`.
    pub lang: Option<&'static str>,
}

pub use crate::vocab::Label;

/// A cost or benefit line other than the built-in ones.
#[derive(Debug, Clone)]
pub struct OtherLine {
    pub name: String,
    /// The name the report and workbook show (`label` in the scenario), if given.
    pub label: Option<Label>,
    pub is_benefit: bool,
    /// Input slot holding the amount.
    pub slot: usize,
    pub timing: LineTiming,
    /// The other party of the flow.
    pub party: Party,
    /// Who pays a cost line (the employer unless the scenario names another party); for a
    /// benefit line `party` pays.
    pub payer: Party,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineTiming {
    /// Once, in this tenure month.
    OneOff(usize),
    /// Every month from..=to (tenure months).
    Monthly { from: usize, to: usize },
}

#[derive(Debug, Clone)]
pub struct Pool {
    pub name: String,
    pub available: Dist,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeakProfile {
    /// V: multiplier on the value of production.
    pub value: f64,
    /// α: share of the supervisor hours that stays available.
    pub availability: f64,
    /// κ: multiplier on the cost of a supervisor hour.
    pub cost: f64,
}

impl Default for PeakProfile {
    fn default() -> Self {
        Self {
            value: 1.0,
            availability: 1.0,
            cost: 1.0,
        }
    }
}

/// A peak as written, kept for reports.
#[derive(Debug, Clone)]
pub struct Peak {
    pub name: Option<String>,
    pub months: Vec<u32>,
    pub profile: PeakProfile,
}

#[derive(Debug, Clone)]
pub struct Arrangement {
    pub name: String,
    /// What it is, per language (`description` in the scenario).
    pub description: Option<Label>,
    /// The built-in "no support" baseline (no instruments).
    pub is_baseline: bool,
    pub instruments: Vec<Instrument>,
    /// Per instrument: the placements it applies to, by index (every placement by default).
    pub applies: Vec<Vec<bool>>,
    /// Per instrument: the phase of a learner's placement it is scoped to (`None`: as its
    /// scheme applies, which for a learner is the employment after hiring).
    pub phases: Vec<Option<crate::cohort::Phase>>,
    /// The variant of the placements it simulates (0: the scenario's own).
    pub variant: usize,
}

/// Ledger line of the SROI obligation met by the placements (the cost of meeting it
/// otherwise, avoided).
pub const SROI_LINE: &str = "sroi";
/// Ledger line of the banenafspraak quotumheffing avoided by the placements.
pub const QUOTUMHEFFING_LINE: &str = "quotumheffing";

/// The employer's SROI obligation and quotumheffing (`[employer]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmployerDuties {
    pub sroi: Option<SroiDuty>,
    /// The quotumheffing when the scenario says it is in force.
    pub quotumheffing: Option<QuotumDuty>,
}

impl EmployerDuties {
    pub fn is_empty(&self) -> bool {
        self.sroi.is_none() && self.quotumheffing.is_none()
    }
}

/// An SROI obligation: the credit the workers earn counts towards it, at most the obligation
/// per year of the scenario (months 1–12, 13–24, …), and each euro of credit saves the
/// employer `cost_per_euro` of meeting it otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct SroiDuty {
    /// Euros of SROI credit owed per year of the scenario.
    pub obligation_per_year: f64,
    /// Euros the employer would otherwise spend per euro of credit.
    pub cost_per_euro: f64,
    /// The building blocks that give the credit: a region's, or the scenario's own.
    pub credit: SroiRegion,
}

/// The quotumheffing in force: the levy the workers' jobs avoid is at most the levy on the
/// employer's shortfall.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuotumDuty {
    /// Jobs (of the preset's hours per week) by which the employer falls short of the quotum
    /// without these workers, per calendar year.
    pub missing_jobs: f64,
}

/// A validated `[[expect]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    pub target: ExpectTarget,
    pub metric: String,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectTarget {
    Arrangement(String),
    Pair { a: String, b: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wage_is_raised_from_the_first_indexation_month_after_the_start() {
        let march = WageIndexation {
            per_year: 0.1,
            month: 3,
        };
        let jan = YearMonth::new(2027, 1).expect("month");
        let factors = march.factors(jan, 15);
        assert_eq!(factors[..2], [1.0, 1.0]);
        assert!(factors[2..14].iter().all(|f| *f == 1.1));
        assert_eq!(factors[14], 1.1f64 * 1.1);
        // A start in the indexation month itself is not raised until a year later.
        let mar = YearMonth::new(2027, 3).expect("month");
        let factors = march.factors(mar, 13);
        assert!(factors[..12].iter().all(|f| *f == 1.0));
        assert_eq!(factors[12], 1.1);
    }
}

/// Φ⁻¹(0.95): the half-width of a 90% interval in standard deviations.
const Z95: f64 = 1.644_853_626_951_472_2;

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Load capacity given in words, "in a typical month between `lo` and `hi` of the hours": the
/// 90% interval of the monthly capacity in its stationary distribution, whose logit is
/// N(logit(typical), σ²/(1 − φ²)) (docs/model.md, step 3). Returns (typical, σ):
/// typical = logistic((logit lo + logit hi)/2), σ = (logit hi − logit lo)/(2 · 1.6449) · √(1 − φ²).
/// Needs 0 < lo < hi < 1 and 0 ≤ φ < 1.
pub fn capacity_from_range(lo: f64, hi: f64, persistence: f64) -> (f64, f64) {
    let (a, b) = (logit(lo), logit(hi));
    let sigma = (b - a) / (2.0 * Z95) * (1.0 - persistence * persistence).sqrt();
    (logistic((a + b) / 2.0), sigma)
}

/// The inverse of [`capacity_from_range`]: the 90% interval (lo, hi) of the monthly capacity
/// for a typical (median) capacity, volatility σ and persistence φ.
pub fn capacity_range(typical: f64, sigma: f64, persistence: f64) -> (f64, f64) {
    let half = Z95 * sigma / (1.0 - persistence * persistence).sqrt();
    let centre = logit(typical);
    (logistic(centre - half), logistic(centre + half))
}

#[cfg(test)]
mod capacity_words_tests {
    use super::*;

    #[test]
    fn range_translates_to_the_documented_typical_and_sigma() {
        // docs/model.md: [0.70, 0.95] with φ = 0.6.
        let (typical, sigma) = capacity_from_range(0.70, 0.95, 0.6);
        let (a, b) = ((0.7f64 / (1.0 - 0.7)).ln(), (0.95f64 / (1.0 - 0.95)).ln());
        assert_eq!(typical, 1.0 / (1.0 + (-(a + b) / 2.0).exp()));
        assert_eq!(sigma, (b - a) / (2.0 * 1.644_853_626_951_472_2) * 0.8);
        assert!((typical - 0.86942).abs() < 1e-5, "{typical}");
        assert!((sigma - 0.50999).abs() < 1e-5, "{sigma}");
        let (lo, hi) = capacity_range(typical, sigma, 0.6);
        assert!(
            (lo - 0.70).abs() < 1e-12 && (hi - 0.95).abs() < 1e-12,
            "{lo} {hi}"
        );
        // Without persistence σ is the whole stationary spread.
        let (_, s0) = capacity_from_range(0.70, 0.95, 0.0);
        assert_eq!(s0, (b - a) / (2.0 * 1.644_853_626_951_472_2));
    }
}
