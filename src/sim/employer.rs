//! The employer's duties a placement helps meet: the SROI credit the workers earn and the
//! banenafspraak quotumheffing their jobs avoid, booked for an arrangement after all its
//! copies (both are capped across the copies, so no single copy can book them).
//!
//! Both count in every arrangement, the baseline included: they follow from employing the
//! worker, whatever the financing. A copy counts from the month it is employed (after a
//! trial placement, if any) until it stops, and only if its worker is in the target group.
//! See docs/model.md ("SROI and the quotumheffing").

use crate::instruments::Books;
use crate::model::{Model, QuotumDuty, SroiDuty};
use crate::rates::Figure;

use super::duties::DutyLines;
use super::path::CopyParams;
use super::plan::Plan;

/// Months in a year: the SROI obligation is per year of the scenario, the levy per calendar
/// year.
const MONTHS_PER_YEAR: usize = 12;

/// The copies of an arrangement in one iteration, as the duties see them.
pub(super) struct Employment<'a> {
    pub params: &'a [CopyParams],
    /// Per copy: one past its last active month.
    pub stop: &'a [usize],
    /// Per copy: its placement.
    pub copy_placement: &'a [usize],
}

impl Employment<'_> {
    /// Months of copy c's employment: from its hiring (after a trial placement or a learning
    /// phase: a learner is not employed) until it stops.
    fn months(&self, c: usize, hired_from: usize) -> std::ops::Range<usize> {
        let hired = self.params[c].start + hired_from + self.params[c].learning_months;
        hired..self.stop[c].max(hired)
    }
}

/// Books the arrangement's duties month by month on their lines.
pub(super) fn book(
    lines: &DutyLines,
    model: &Model,
    plan: &Plan,
    employment: &Employment,
    books: &mut Books,
) {
    if let (Some(line), Some(duty)) = (lines.sroi, &model.employer.sroi) {
        book_sroi(line, duty, lines, plan, employment, books);
    }
    if let (Some(line), Some(duty)) = (lines.quotumheffing, &model.employer.quotumheffing) {
        book_quotumheffing(line, duty, lines, plan, employment, books);
    }
}

/// SROI: a copy whose worker falls in a block of the region earns the block's credit per year
/// pro rata its contract hours (at most full time), a twelfth each month of employment, for
/// at most the block's months. The credit of all copies counts towards the obligation until
/// it is met in that year of the scenario; each euro counted saves `cost_per_euro`.
fn book_sroi(
    line: usize,
    duty: &SroiDuty,
    lines: &DutyLines,
    plan: &Plan,
    employment: &Employment,
    books: &mut Books,
) {
    let region = &duty.credit;
    let mut remaining = 0.0;
    for (t, month) in plan.months.iter().enumerate() {
        if t % MONTHS_PER_YEAR == 0 {
            remaining = duty.obligation_per_year;
        }
        let mut credit = 0.0;
        for (c, (pr, placement)) in employment
            .params
            .iter()
            .zip(employment.copy_placement)
            .enumerate()
        {
            let Some(block) = lines.sroi_blocks[*placement].and_then(|b| region.blocks.get(b)) else {
                continue;
            };
            let months = employment.months(c, lines.hired_from);
            if !months.contains(&t) || ((t - months.start) as f64) >= block.max_months {
                continue;
            }
            let share = (pr.hours_per_week / region.full_time_hours_per_week).min(1.0);
            credit += block.value_at(month.calendar) / MONTHS_PER_YEAR as f64 * share;
        }
        let counted = credit.min(remaining);
        remaining -= counted;
        books.t = t;
        books.book(line, counted * duty.cost_per_euro);
    }
}

/// Quotumheffing: a copy in the banenafspraak target group fills, each month of employment,
/// its contract hours over the hours of one job (a twelfth of a job-year per full job); the
/// jobs filled in a calendar year count against the employer's shortfall until it is made
/// up, each job-year avoiding the levy per missing job (Wet banenafspraak en quotum
/// arbeidsbeperkten, quotumheffing in the Wfsv; figures `quotumheffing_per_missing_job`,
/// `banenafspraak_hours_per_job`).
fn book_quotumheffing(
    line: usize,
    duty: &QuotumDuty,
    lines: &DutyLines,
    plan: &Plan,
    employment: &Employment,
    books: &mut Books,
) {
    let mut remaining = 0.0;
    for (t, month) in plan.months.iter().enumerate() {
        if t == 0 || month.calendar.month() == 1 {
            remaining = duty.missing_jobs;
        }
        let hours_per_job = plan.rates.get(Figure::BanenafspraakHoursPerJob, month.calendar);
        let mut jobs = 0.0;
        for (c, (pr, placement)) in employment
            .params
            .iter()
            .zip(employment.copy_placement)
            .enumerate()
        {
            if lines.banenafspraak[*placement] && employment.months(c, lines.hired_from).contains(&t) {
                jobs += pr.hours_per_week / hours_per_job / MONTHS_PER_YEAR as f64;
            }
        }
        let counted = jobs.min(remaining);
        remaining -= counted;
        let levy = plan.rates.get(Figure::QuotumheffingPerMissingJob, month.calendar);
        books.t = t;
        books.book(line, counted * levy);
    }
}
