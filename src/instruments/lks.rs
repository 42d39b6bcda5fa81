//! Loonkostensubsidie (LKS), Participatiewet art. 10d, paid by the gemeente to the employer
//! of record.
//!
//! The loonwaarde LW is assessed at hiring (after an optional forfaitaire phase) and every
//! `reassess_months`. The monthly subsidy is
//! `min(1 − LW, cap) · WML_month(36 h, 1 January) · (1 + holiday pay) · min(h, F)/36 · (1 + forfait)`:
//! on the minimum wage (art. 10d lid 4; the loonwaarde is a share of the minimum wage, art. 6
//! onderdeel g, so a wage above it is the employer's own cost), pro rata the contract hours h
//! over 36, counted up to the sector's full-time week F (art. 10d lid 4), with the minimum
//! wage of 1 January fixed for the calendar year, plus the 23.5% employer-burden forfait
//! (Regeling loonkostensubsidie Participatiewet). It continues while the worker is sick and
//! stops when the placement ends. In the forfaitaire phase (art. 10d lid 5) the share is 50%.
//!
//! Eligible: a worker under the Participatiewet (art. 10d lid 1), or without a benefit one of
//! the target group of art. 10d lid 2 (school leavers of the praktijkonderwijs, vso or entree,
//! NUG'ers, learners of a leer-werktraject) or in beschut werk (art. 10b).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{
    Books, Context, DEFAULT_ASSESSMENT_NOISE_SD, DEFAULT_REASSESS_MONTHS, MonthFacts, Scheme, Shared,
    assess_loonwaarde,
};
use crate::calendar::YearMonth;
use crate::diag::Range;
use crate::rates::{Figure, RateTable};
use crate::vocab::{Benefit, Group, LineDef, Party, Words, Worker};

pub const LINE: &str = "lks";
pub const ASSESSMENT_LINE: &str = "lks_assessment";

/// Supervisor hours the employer spends on one loonwaarde assessment by default.
pub const DEFAULT_ASSESSMENT_ADMIN_HOURS: f64 = 2.0;

/// Loonkostensubsidie (Participatiewet art. 10d), paid by the gemeente.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLks {
    /// Months between loonwaarde assessments (default 12).
    pub reassess_months: Option<i64>,
    /// Standard deviation of the assessment error on the loonwaarde (default 0.05).
    pub assessment_noise_sd: Option<f64>,
    /// Employer's supervisor hours spent per assessment (default 2).
    pub assessment_admin_hours: Option<f64>,
    /// Months of forfaitaire LKS (50%) before the first assessment (0–6, default 0).
    pub forfaitaire_phase_months: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lks {
    pub reassess_months: usize,
    pub noise_sd: f64,
    /// Supervisor hours the employer spends per assessment.
    pub admin_hours: f64,
    /// Months of forfaitaire LKS before the first assessment.
    pub forfait_months: usize,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    assessed_this_month: bool,
    /// The tenure month of the next assessment, once the first is known.
    next_assessment: Option<usize>,
    /// The last subsidy computed: (calendar year, share, monthly subsidy with forfait). It
    /// stays the same within a calendar year until a new assessment changes the share.
    subsidy: Option<(i32, f64, f64)>,
}

/// LKS is for people the gemeente supports under the Participatiewet (art. 10d lid 1), and
/// without a benefit for the target group of art. 10d lid 2 and beschut werk (art. 10b).
pub fn eligible(worker: &Worker) -> bool {
    worker.benefit == Benefit::Participatiewet || without_benefit(worker.group)
}

/// The groups that get LKS without a benefit: art. 10d lid 2 onderdeel a (praktijkonderwijs,
/// vso, entree), b (NUG) and c (leer-werktraject), and beschut werk (art. 10b, whose wage the
/// gemeente subsidises with LKS under art. 10d lid 1).
pub fn without_benefit(group: Group) -> bool {
    match group {
        Group::Praktijkonderwijs
        | Group::Vso
        | Group::Entree
        | Group::Nug
        | Group::Leerwerktraject
        | Group::BeschutWerk => true,
        Group::None => false,
    }
}

/// The monthly LKS for a subsidy share (before capping): the monthly minimum wage at the
/// 36-hour norm incl. holiday pay, pro rata the contract hours over 36, the hours counted up
/// to the sector's full-time week (Participatiewet art. 10d lid 4); returns (subsidy before
/// forfait, subsidy with forfait).
pub fn monthly_subsidy(
    rates: &RateTable,
    month: YearMonth,
    share: f64,
    hours_per_week: f64,
    full_time_hours_per_week: f64,
) -> (f64, f64) {
    let january = month.january();
    let base = rates.get(Figure::MinWageMonth36h, january) * (1.0 + rates.get(Figure::HolidayPay, january));
    let norm = rates.get(Figure::LksNormHoursPerWeek, january);
    let hours = hours_per_week.min(full_time_hours_per_week);
    let before = share.min(rates.get(Figure::LksCap, january)) * base * hours / norm;
    (before, before * (1.0 + rates.get(Figure::LksForfait, january)))
}

impl Lks {
    /// Whether the month falls in the forfaitaire phase before the first assessment
    /// (Participatiewet art. 10d lid 5).
    #[inline(always)]
    pub fn in_forfait_phase(&self, m: &MonthFacts, hired: usize) -> bool {
        m.tenure < hired + self.forfait_months
    }

    /// Assesses the loonwaarde when one is due this month (tenure counted from hiring).
    pub fn assess(
        &self,
        s: &mut State,
        m: &MonthFacts,
        hired: usize,
        assessments: usize,
        cx: &Context,
    ) -> Option<f64> {
        s.assessed_this_month = false;
        // Assessments fall in tenure months first, first + reassess, … (the months come one
        // after the other, so the next one is kept instead of taking a remainder each month).
        let first = hired + self.forfait_months;
        let next = *s.next_assessment.get_or_insert(first);
        debug_assert_eq!(
            m.tenure == next,
            m.tenure >= first && (m.tenure - first).is_multiple_of(self.reassess_months)
        );
        if m.tenure != next {
            return None;
        }
        s.next_assessment = Some(next + self.reassess_months);
        s.assessed_this_month = true;
        let z = cx.draws.assessment_z(assessments);
        Some(assess_loonwaarde(m.productivity, self.noise_sd, z))
    }

    /// Books the month's subsidy (and the employer's time for an assessment).
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub fn book_month(
        &self,
        s: &mut State,
        m: &MonthFacts,
        loonwaarde: Option<f64>,
        hired: usize,
        cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) {
        let share = if self.in_forfait_phase(m, hired) {
            cx.rates.get(Figure::LksForfaitPhaseShare, m.calendar)
        } else {
            match loonwaarde {
                Some(lw) => 1.0 - lw,
                None => return,
            }
        };
        // The subsidy is a share of the minimum wage that applies to the worker: the youth
        // minimum wage below 21 (Participatiewet art. 10d lid 4: "het wettelijk minimumloon").
        let year = m.calendar.year();
        let with_forfait = match s.subsidy {
            Some((y, last_share, amount)) if y == year && last_share == share => amount,
            _ => {
                let (_, amount) = monthly_subsidy(
                    cx.rates,
                    m.calendar,
                    share,
                    m.hours_per_week,
                    cx.full_time_hours_per_week,
                );
                s.subsidy = Some((year, share, amount));
                amount
            }
        };
        books.book(lines[0], with_forfait * m.min_wage_share);
        if s.assessed_this_month {
            books.book(lines[1], self.admin_hours * m.supervisor_cost);
        }
    }
}

impl Scheme for Lks {
    const KIND: &'static str = "lks";
    const NAME: Words = Words {
        nl: "Loonkostensubsidie (Participatiewet)",
        en: "Wage-cost subsidy (Participatiewet)",
    };
    const LINES: &'static [(&'static str, Words)] = &[
        (
            LINE,
            Words {
                nl: "Loonkostensubsidie",
                en: "Wage-cost subsidy (LKS)",
            },
        ),
        (
            ASSESSMENT_LINE,
            Words {
                nl: "Tijd voor loonwaardemeting",
                en: "Time for loonwaarde assessments",
            },
        ),
    ];
    const ACTS_BEFORE: bool = true;
    type Raw = RawLks;
    type State = State;

    fn build(raw: &RawLks, b: &mut Build) -> Self {
        Lks {
            reassess_months: b.month_count(
                raw.reassess_months,
                DEFAULT_REASSESS_MONTHS as f64,
                1.0,
                60.0,
                "reassess_months",
            ),
            noise_sd: b.number(
                raw.assessment_noise_sd,
                "assessment_noise_sd",
                Range::Probability,
                DEFAULT_ASSESSMENT_NOISE_SD,
            ),
            admin_hours: b.number(
                raw.assessment_admin_hours,
                "assessment_admin_hours",
                Range::NonNegative,
                DEFAULT_ASSESSMENT_ADMIN_HOURS,
            ),
            forfait_months: b.month_count(
                raw.forfaitaire_phase_months,
                0.0,
                0.0,
                b.fig(Figure::LksForfaitPhaseMaxMonths),
                "forfaitaire_phase_months",
            ),
        }
    }

    fn parameters(&self, _input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("reassess_months", self.reassess_months.to_string()),
            ("assessment_noise_sd", self.noise_sd.to_string()),
            ("assessment_admin_hours", self.admin_hours.to_string()),
            ("forfaitaire_phase_months", self.forfait_months.to_string()),
        ]
    }

    fn for_worker(&self, worker: &Worker) -> bool {
        eligible(worker)
    }

    fn worker_condition(&self) -> Words {
        Words {
            nl: "een werknemer met bijstand (Participatiewet) of uit een groep die zonder uitkering loonkostensubsidie krijgt (praktijkonderwijs, vso, entree, niet-uitkeringsgerechtigden, leerwerktraject, beschut werk; Participatiewet art. 10d)",
            en: "a worker on bijstand (Participatiewet) or from a group that gets it without a benefit (praktijkonderwijs, vso, entree, nug, leerwerktraject, beschut werk; Participatiewet art. 10d)",
        }
    }

    fn lines(&self, eor: Party) -> Vec<LineDef> {
        vec![
            LineDef::new(LINE, Party::Gemeente, eor),
            LineDef::new(ASSESSMENT_LINE, Party::Employer, Party::Colleagues),
        ]
    }

    fn assessments_needed(&self, horizon: usize) -> usize {
        horizon / self.reassess_months.max(1) + 2
    }

    #[inline(always)]
    fn before(
        &self,
        s: &mut State,
        shared: &mut Shared,
        ineligible: &mut bool,
        m: &MonthFacts,
        cx: &Context,
    ) -> f64 {
        if let Some(hired) = shared.hired_at {
            if !eligible(cx.worker) {
                *ineligible = true;
            } else {
                shared.forfaitaire_lks = self.in_forfait_phase(m, hired);
                if let Some(lw) = self.assess(s, m, hired, shared.assessments, cx) {
                    shared.assessments += 1;
                    shared.loonwaarde = Some(lw);
                }
            }
        }
        1.0
    }

    #[inline(always)]
    fn after(
        &self,
        s: &mut State,
        shared: &Shared,
        ineligible: &mut bool,
        hired: usize,
        m: &MonthFacts,
        cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) {
        if !*ineligible {
            self.book_month(s, m, shared.loonwaarde, hired, cx, books, lines);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::load_preset;

    fn cents(x: f64) -> i64 {
        (x * 100.0).round() as i64
    }

    /// Issue example: base WML + 8% = € 2,155.00 at 36 hours; LW 50% gives € 1,077.50 before
    /// the forfait; LW 10% is capped at 70%, € 1,508.50.
    #[test]
    fn worked_example_with_a_base_of_2155() {
        let mut rates = load_preset("nl-2026").unwrap();
        let base = 2155.00 / 1.08;
        let from = YearMonth::new(2026, 1).unwrap();
        rates
            .override_figure("min_wage_month_36h", vec![(from, base)])
            .unwrap();
        let month = YearMonth::new(2026, 5).unwrap();
        let rates = RateTable::new(&rates, from, 12);
        assert_eq!(cents(monthly_subsidy(&rates, month, 1.0 - 0.5, 36.0, 38.0).0), 107_750);
        assert_eq!(cents(monthly_subsidy(&rates, month, 1.0 - 0.1, 36.0, 38.0).0), 150_850);
        let (before, after) = monthly_subsidy(&rates, month, 0.5, 36.0, 38.0);
        assert_eq!(cents(after), cents(before * 1.235));
    }

    /// LKS 2026: a 24-hour contract, LW 60%, minimum wage of January 2026, from the legal
    /// formula and the preset's figures.
    #[test]
    fn lks_2026_for_24_hours_at_lw_60() {
        let preset = load_preset("nl-2026").unwrap();
        let jan = YearMonth::new(2026, 1).unwrap();
        let rates = RateTable::new(&preset, jan, 12);
        let expected = 0.4 * rates.get(Figure::MinWageMonth36h, jan) * 1.08 * 24.0 / 36.0 * 1.235;
        assert_eq!(cents(expected), cents(0.4 * 2294.40 * 1.08 * (2.0 / 3.0) * 1.235));
        for month in [1, 7, 12] {
            let (_, got) = monthly_subsidy(&rates, YearMonth::new(2026, month).unwrap(), 0.4, 24.0, 38.0);
            assert_eq!(cents(got), cents(expected), "the 1 January base holds all year");
        }
    }

    /// Participatiewet art. 10d lid 4: a 40-hour contract in a sector whose full-time week is
    /// 40 hours gets 40/36 of the 36-hour subsidy. 2026, LW 60%:
    /// 0.40 × 2,294.40 × 1.08 × 40/36 = € 1,101.31, × 1.235 = € 1,360.12.
    #[test]
    fn lks_art_10d_lid_4_forty_hours_on_a_forty_hour_week() {
        let preset = load_preset("nl-2026").unwrap();
        let jan = YearMonth::new(2026, 1).unwrap();
        let rates = RateTable::new(&preset, jan, 12);
        let (before, with_forfait) = monthly_subsidy(&rates, jan, 0.4, 40.0, 40.0);
        assert_eq!(cents(before), 110_131);
        assert_eq!(cents(with_forfait), 136_012);
        // On a 38-hour sector week the hours above 38 are not subsidised: 38/36.
        let (_, at_38) = monthly_subsidy(&rates, jan, 0.4, 40.0, 38.0);
        assert_eq!(at_38, monthly_subsidy(&rates, jan, 0.4, 38.0, 38.0).1);
        assert_eq!(cents(at_38), cents(0.4 * 2294.40 * 1.08 * 38.0 / 36.0 * 1.235));
        // Below 36 hours the subsidy is pro rata whatever the full-time week.
        assert_eq!(
            monthly_subsidy(&rates, jan, 0.4, 24.0, 36.0),
            monthly_subsidy(&rates, jan, 0.4, 24.0, 40.0)
        );
    }

    /// Art. 10d lid 2: LKS without a benefit for the target group; not for a worker without a
    /// benefit outside it.
    #[test]
    fn lks_art_10d_lid_2_target_group_without_a_benefit() {
        assert!(!eligible(&Worker::default()), "no benefit, no group");
        for group in Group::ALL.into_iter().filter(|g| *g != Group::None) {
            let worker = Worker {
                group,
                ..Worker::default()
            };
            assert_eq!(worker.benefit, Benefit::None);
            assert!(eligible(&worker), "{}", group.as_str());
        }
        let ww = Worker {
            benefit: Benefit::Ww,
            ..Worker::default()
        };
        assert!(!eligible(&ww));
        let participatiewet = Worker {
            benefit: Benefit::Participatiewet,
            ..Worker::default()
        };
        assert!(eligible(&participatiewet));
    }
}
