//! What is fixed for a whole run, computed once before the first iteration: the calendar
//! and the legal figures by month, the line books, the copy layout, the distinct physical
//! courses of the arrangements and what follows from each placement's constant inputs.
//!
//! The engine, the paths and the trajectories read it; it reads none of them.

use crate::calendar::YearMonth;
use crate::instruments::{Hire, Instrument};
use crate::model::{LineTiming, Model, PeakProfile, Placement, Slot, WEEKS_PER_MONTH};
use crate::rates::{Figure, RateTable};
use crate::uitkering::{self, Counterfactual, MonthTerms};

use super::ledger::LineBook;

/// ln(0.1): the exponential ramp closes 90% of the gap at u = 1.
pub(super) const LN_TENTH: f64 = -std::f64::consts::LN_10;
/// Calendar facts of one simulated month, the same in every iteration.
#[derive(Debug, Clone, Copy)]
pub struct MonthInfo {
    pub calendar: YearMonth,
    pub profile: PeakProfile,
    /// Legal minimum wage per hour in force this month.
    pub min_wage_hour: f64,
    /// Discount factor (1 + r)^(−(t + 1)/12).
    pub discount: f64,
}

/// What is fixed for a run: the calendar, the legal figures by month, the line books, the
/// copy layout, and which arrangements share a physical course.
#[derive(Debug, Clone)]
pub struct Plan<'m> {
    pub rates: RateTable<'m>,
    pub months: Vec<MonthInfo>,
    pub books: Vec<LineBook>,
    /// Placement index of each copy.
    pub copy_placement: Vec<usize>,
    /// Jobcoach norm: share of worked hours in tenure years 1, 2, 3.
    pub jobcoach_norm: [f64; 3],
    /// Longest sick pay per spell, in months (104 weeks).
    pub sick_pay_max_months: f64,
    /// The distinct physical courses of the arrangements, in order of first use.
    pub courses: Vec<Course>,
    /// Per arrangement: the index of its course in `courses`.
    pub arrangement_course: Vec<usize>,
    /// Per variant of the placements ([`Model::variants`]): its lines, constants and months.
    pub variants: Vec<VariantPlan>,
    /// Where each arrangement's line totals start in [`IterationResults::lines`](super::engine::IterationResults::lines) (one entry
    /// per arrangement, then the total).
    pub line_offsets: Vec<usize>,
    /// Where each arrangement's ineligible counts start in [`IterationResults::ineligible`](super::engine::IterationResults::ineligible).
    pub ineligible_offsets: Vec<usize>,
}

/// What is fixed for a run in one variant of the placements.
#[derive(Debug, Clone)]
pub struct VariantPlan {
    /// Per placement: its cost and benefit lines that fall due, by tenure month.
    pub due_lines: Vec<Vec<DueLine>>,
    /// Per placement: what follows from its constant inputs.
    pub derived: Vec<Derived>,
    /// Per placement and scenario month: the factor on a wage in euros from its yearly
    /// indexation, (1 + g)^(raises so far); empty for `wage = "wml"`.
    pub wage_factors: Vec<Vec<f64>>,
    /// Per month: the months of one arrangement before anything is booked, with the number of
    /// copies started by then (the start months are inputs, the same in every iteration).
    pub month_points: Vec<MonthPoint>,
    /// Per placement whose worker comes from a benefit, by scenario month from its start (empty
    /// before it and without a benefit): what the benefit's rule reads besides the income,
    /// the same in every iteration.
    pub benefit_terms: Vec<Vec<MonthTerms>>,
}

impl VariantPlan {
    fn new(placements: &[Placement], start: YearMonth, rates: &RateTable, months: &[MonthInfo]) -> Self {
        let horizon = months.len();
        Self {
            benefit_terms: placements
                .iter()
                .map(|p| benefit_terms(p, rates, months))
                .collect(),
            due_lines: placements.iter().map(|p| due_lines(p, horizon)).collect(),
            derived: placements.iter().map(Derived::of).collect(),
            wage_factors: placements
                .iter()
                .map(|p| {
                    p.wage_indexation
                        .map_or_else(Vec::new, |w| w.factors(start, horizon))
                })
                .collect(),
            month_points: (0..horizon)
                .map(|t| MonthPoint {
                    started: placements
                        .iter()
                        .filter(|p| p.start_month <= t)
                        .map(|p| p.count as u32)
                        .sum(),
                    ..MonthPoint::default()
                })
                .collect(),
        }
    }
}

/// Share of the adult minimum wage that applies to a worker of `age` at the start (a bbl
/// learner or not) in a tenure month: the youth minimum wage below 21 (Wet minimumloon art. 8),
/// 1 for adults. The age grows with the tenure.
pub(super) fn youth_share(
    rates: &RateTable,
    age: Option<u32>,
    bbl: bool,
    tenure: usize,
    at: YearMonth,
) -> f64 {
    let Some(age) = age else {
        return 1.0;
    };
    let Some(figure) = Figure::youth_min_wage_share(age + (tenure / 12) as u32, bbl) else {
        return 1.0;
    };
    rates.get(figure, at)
}

/// The benefit rule's terms of a placement's months ([`VariantPlan::benefit_terms`]).
fn benefit_terms(p: &Placement, rates: &RateTable, months: &[MonthInfo]) -> Vec<MonthTerms> {
    let Some(rule) = Counterfactual::of(&p.worker) else {
        return Vec::new();
    };
    months
        .iter()
        .enumerate()
        .map(|(t, month)| {
            let Some(tenure) = t.checked_sub(p.start_month) else {
                return MonthTerms::default();
            };
            let m = uitkering::Month {
                calendar: month.calendar,
                tenure,
                months_with_income: 0,
                min_wage_share: youth_share(rates, p.worker.age, p.worker.bbl, tenure, month.calendar),
                income: 0.0,
                paid_by_instrument: false,
            };
            rule.terms(rates, &m)
        })
        .collect()
}

/// Running sums `0, n₀, n₀ + n₁, …` of the counts.
fn offsets(counts: impl Iterator<Item = usize>) -> Vec<usize> {
    std::iter::once(0)
        .chain(counts.scan(0, |sum, n| {
            *sum += n;
            Some(*sum)
        }))
        .collect()
}

/// A cost or benefit line of a placement that falls due in a tenure month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueLine {
    pub tenure: usize,
    /// Index of the line among the placement's lines.
    pub line: usize,
}

/// The due months of a placement's lines within the horizon, by tenure month and, within a
/// month, in the placement's line order.
fn due_lines(placement: &Placement, horizon: usize) -> Vec<DueLine> {
    let mut due: Vec<DueLine> = Vec::new();
    for (line, l) in placement.lines.iter().enumerate() {
        let months = match l.timing {
            LineTiming::OneOff(m) => m..m.saturating_add(1),
            LineTiming::Monthly { from, to } => from..to.saturating_add(1),
        };
        let within = months.start.min(horizon)..months.end.min(horizon);
        due.extend(within.map(|tenure| DueLine { tenure, line }));
    }
    due.sort_by_key(|d| d.tenure);
    due
}

impl<'m> Plan<'m> {
    pub fn new(model: &'m Model) -> Result<Self, super::SimError> {
        let months: Vec<MonthInfo> = (0..model.horizon)
            .map(|t| {
                let calendar = model.start.add_months(t as i64);
                MonthInfo {
                    calendar,
                    profile: model.peak_profile[calendar.month() as usize - 1],
                    min_wage_hour: model.rates.get(Figure::MinWageHour, calendar),
                    discount: (1.0 + model.discount_rate).powf(-((t + 1) as f64) / 12.0),
                }
            })
            .collect();
        let books: Vec<LineBook> = model
            .arrangements
            .iter()
            .map(|a| LineBook::new(model, a))
            .collect();
        let copy_placement = model
            .placements
            .iter()
            .enumerate()
            .flat_map(|(i, p)| std::iter::repeat_n(i, p.count))
            .collect();
        let mut courses: Vec<Course> = Vec::new();
        let arrangement_course = model
            .arrangements
            .iter()
            .map(|a| {
                let course = Course::of(a.variant, &a.instruments);
                courses.iter().position(|c| *c == course).unwrap_or_else(|| {
                    courses.push(course);
                    courses.len() - 1
                })
            })
            .collect();
        let norm_at = model.start;
        let rates = RateTable::new(&model.rates, model.start, model.horizon);
        let variants = (0..model.variants.len().max(1))
            .map(|v| VariantPlan::new(model.placements_of(v), model.start, &rates, &months))
            .collect();
        Ok(Self {
            rates,
            sick_pay_max_months: model.rates.get(Figure::SickPayMaxWeeks, model.start) / WEEKS_PER_MONTH,
            months,
            copy_placement,
            jobcoach_norm: [
                model.rates.get(Figure::JobcoachNormYear1, norm_at),
                model.rates.get(Figure::JobcoachNormYear2, norm_at),
                model.rates.get(Figure::JobcoachNormYear3, norm_at),
            ],
            courses,
            arrangement_course,
            variants,
            line_offsets: offsets(books.iter().map(LineBook::len)),
            ineligible_offsets: offsets(books.iter().map(|b| b.rules.len())),
            books,
        })
    }
}

/// Per-month aggregates of one arrangement in one iteration.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MonthPoint {
    pub active: u32,
    pub started: u32,
    pub productivity_sum: f64,
    /// Cumulative discounted employer net cash up to and including this month.
    pub cumulative_net: f64,
}

/// What sets an arrangement's physical course apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Course {
    /// The variant of the placements (a jobcoach, other supervision hours, other inputs).
    pub variant: usize,
    /// Share of the supervision need that the employer's supervisors cover (the rest: the
    /// provider's, under detachering).
    pub employer_share: f64,
    /// A trial placement: its length and how the hiring decision is taken.
    pub trial: Option<Trial>,
}

/// The hiring decision of a trial placement, taken in its last month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trial {
    pub months: usize,
    pub hire: Hire,
}

impl Course {
    /// The course of an arrangement with these instruments.
    pub fn of(variant: usize, instruments: &[Instrument]) -> Self {
        let mut course = Course {
            variant,
            employer_share: 1.0,
            trial: None,
        };
        for i in instruments {
            if let Some((share, _)) = i.provider_supervision() {
                course.employer_share = 1.0 - share;
            }
            if let Some((months, hire)) = i.trial() {
                course.trial = Some(Trial { months, hire });
            }
        }
        course
    }
}

/// What follows from a placement's constant inputs, computed once per run instead of once per
/// iteration (each is `None` when an input it needs is uncertain).
#[derive(Debug, Clone, Copy, Default)]
pub struct Derived {
    /// 0.1^(1/T90).
    pub ramp_step: Option<f64>,
    /// 0.5^(1/halving months).
    pub sup_decay: Option<f64>,
    /// logit of the typical capacity.
    pub logit_typical: Option<f64>,
    /// √(1 − φ²): the stationary sd of the capacity process is σ over it.
    pub stationary_root: Option<f64>,
}

impl Derived {
    pub fn of(p: &Placement) -> Self {
        let constant = |slot: Slot| p.inputs[slot as usize].dist.as_constant();
        Derived {
            ramp_step: constant(Slot::RampMonths).map(ramp_step),
            sup_decay: constant(Slot::SupervisionHalving).map(sup_decay),
            logit_typical: constant(Slot::CapacityTypical).map(logit),
            stationary_root: constant(Slot::CapacityPersistence).map(stationary_root),
        }
    }
}

pub fn ramp_step(ramp_months: f64) -> f64 {
    (LN_TENTH / ramp_months).exp()
}

pub fn sup_decay(halving_months: f64) -> f64 {
    0.5f64.powf(1.0 / halving_months)
}

pub fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

pub fn stationary_root(phi: f64) -> f64 {
    (1.0 - phi * phi).sqrt()
}
