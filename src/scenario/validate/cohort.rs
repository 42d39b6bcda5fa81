//! `[cohort]` and `[placement.learning]`: the class's calendar, hiring rule, vacancies,
//! leermeesters and group lines, and each placement's learning phase.

use super::*;
use crate::cohort::{Cohort, GroupLine, GroupTiming, LearningPhase, Mentor, Phase};
use crate::instruments::Hire;
use crate::school_calendar::{self, Date, Holiday, Region, SchoolCalendar};
use crate::vocab::Party;

/// A placement's learning phase (its school share is the class's, set by [`attach`]).
pub(super) fn build_learning(
    c: &mut Checker,
    l: &RawLearning,
    path: &KeyPath,
    contract_hours: Option<f64>,
    start_month: usize,
    horizon: usize,
) -> LearningPhase {
    let months = match l.months {
        None => {
            c.error(
                &path.key("months"),
                "a learning phase needs an end: `months = …` (the months until graduation, when the company decides on hiring)",
            );
            1
        }
        Some(m) => c.months(m, &path.key("months"), 1, MAX_HORIZON_MONTHS),
    };
    if start_month + months > horizon {
        c.warn(
            &path.key("months"),
            format!(
                "the learning phase ends in month {}, after the horizon of {horizon} months: no learner graduates or is hired within it",
                start_month + months
            ),
        );
    }
    let hours_per_week = match (l.hours_per_week, l.days_per_week, l.hours_per_day) {
        (Some(h), None, None) => c.number(Some(h), &path.key("hours_per_week"), Range::WeeklyHours, 0.0),
        (None, Some(d), Some(h)) => {
            let days = c.number(Some(d), &path.key("days_per_week"), Range::Positive, 0.0);
            if days > 7.0 {
                c.error(
                    &path.key("days_per_week"),
                    format!("{days} days a week is more than a week has"),
                );
            }
            let hours = c.number(Some(h), &path.key("hours_per_day"), Range::Positive, 0.0);
            if hours > 24.0 {
                c.error(
                    &path.key("hours_per_day"),
                    format!("{hours} hours a day is more than a day has"),
                );
            }
            days * hours
        }
        (None, None, None) => match contract_hours {
            Some(h) => h,
            None => {
                c.error(
                    path,
                    "say the hours at the company in a school week: `hours_per_week = …` or `days_per_week` with `hours_per_day` (the placement's hours are uncertain, so they cannot stand in)",
                );
                0.0
            }
        },
        _ => {
            c.error(
                path,
                "give either `hours_per_week`, or `days_per_week` and `hours_per_day` together",
            );
            0.0
        }
    };
    LearningPhase {
        months,
        hours_per_week,
        stipend_per_month: c.number(
            l.stipend_per_month,
            &path.key("stipend_per_month"),
            Range::NonNegative,
            0.0,
        ),
        school_share: Vec::new(),
    }
}

/// The class, if the scenario has one; the learning phases need it and it needs them.
pub(super) fn build_cohort(
    c: &mut Checker,
    raw: &RawScenario,
    placements: &[Placement],
    pools: &mut Vec<Pool>,
    start: YearMonth,
    horizon: usize,
) -> Option<Cohort> {
    let learners = placements.iter().any(|p| p.learning.is_some());
    let Some(k) = &raw.cohort else {
        if learners {
            let i = placements.iter().position(|p| p.learning.is_some()).unwrap_or(0);
            c.error(
                &KeyPath::root().key("placement").index(i).key("learning"),
                "a learning phase needs a `[cohort]`: its school calendar and how the company hires at graduation",
            );
        }
        return None;
    };
    let path = KeyPath::root().key("cohort");
    if !learners {
        c.error(
            &path,
            "the [cohort] has no learners: give at least one [[placement]] a `learning` phase",
        );
    }
    // The calendar must cover the months of the learning phases.
    let last_learning = placements
        .iter()
        .filter_map(|p| p.learning.as_ref().map(|l| p.start_month + l.months))
        .max()
        .unwrap_or(1)
        .clamp(1, horizon);
    let (calendar, school_share) = build_calendar(c, k, &path, start, (horizon, last_learning));
    let hire = build_hire(c, k, &path);
    let vacancies = k
        .vacancies
        .as_ref()
        .map(|v| c.input(v, &path.key("vacancies"), Range::NonNegative));
    let mentors = build_mentors(c, k, &path, pools);
    let mentor_of_copy = assign_mentors(c, k, &path, placements, &mentors);
    let lines = build_group_lines(c, k, &path, placements, horizon);
    Some(Cohort {
        name: k.name.clone().unwrap_or_else(|| "cohort".to_owned()),
        hire,
        vacancies,
        recruitment_cost_avoided: c.number(
            k.recruitment_cost_avoided,
            &path.key("recruitment_cost_avoided"),
            Range::NonNegative,
            0.0,
        ),
        calendar,
        school_share,
        lines,
        mentors,
        mentor_of_copy,
        class_shock: k.class_shock.map(|s| {
            let sp = path.key("class_shock");
            crate::cohort::ClassShock {
                correlation: c.number(
                    Some(s.correlation),
                    &sp.key("correlation"),
                    Range::Persistence,
                    0.0,
                ),
                ramp_sd: c.number(s.ramp_sd, &sp.key("ramp_sd"), Range::NonNegative, 0.0),
                dropout_sd: c.number(s.dropout_sd, &sp.key("dropout_sd"), Range::NonNegative, 0.0),
            }
        }),
    })
}

/// Gives every learning phase of the model's placements (all variants) the class's school
/// share.
pub(super) fn attach(cohort: &Cohort, placements: &mut [Placement], variants: &mut [Variant]) {
    let all = placements
        .iter_mut()
        .chain(variants.iter_mut().flat_map(|v| v.placements.iter_mut()));
    for p in all {
        if let Some(l) = &mut p.learning {
            l.school_share = cohort.school_share.clone();
        }
    }
}

fn build_calendar(
    c: &mut Checker,
    k: &RawCohort,
    path: &KeyPath,
    start: YearMonth,
    (horizon, learning_end): (usize, usize),
) -> (String, Vec<f64>) {
    let months: Vec<YearMonth> = (0..horizon).map(|t| start.add_months(t as i64)).collect();
    let last = start.add_months(learning_end as i64 - 1);
    let name = k.calendar.clone().unwrap_or_else(|| {
        if k.holidays.is_empty() {
            c.error(
                &path.key("calendar"),
                "say which school holidays apply: `calendar = \"noord\"`, `\"midden\"` or `\"zuid\"`, or `\"own\"` with [[cohort.holiday]] weeks",
            );
        }
        "own".to_owned()
    });
    let calendar = if name == "own" {
        if k.holidays.is_empty() {
            c.error(
                &path.key("holiday"),
                "`calendar = \"own\"` needs [[cohort.holiday]] entries (`from`, `to`)",
            );
        }
        let mut holidays = Vec::new();
        for (i, h) in k.holidays.iter().enumerate() {
            let hp = path.key("holiday").index(i);
            let mut day = |text: &str, key: &str| match Date::parse(text) {
                Ok(d) => Some(d),
                Err(e) => {
                    c.error(&hp.key(key), e);
                    None
                }
            };
            if let (Some(from), Some(to)) = (day(&h.from, "from"), day(&h.to, "to")) {
                holidays.push(Holiday {
                    name: h.name.clone().unwrap_or_else(|| format!("holiday {}", i + 1)),
                    from,
                    to,
                });
            }
        }
        match SchoolCalendar::new(holidays.clone()) {
            Ok(cal) => cal,
            Err((a, b)) if a == b => {
                c.error(
                    &path.key("holiday").index(a).key("to"),
                    format!(
                        "the holiday ends ({}) before it begins ({})",
                        holidays[a].to, holidays[a].from
                    ),
                );
                SchoolCalendar::default()
            }
            Err((a, b)) => {
                c.error(
                    &path.key("holiday").index(b).key("from"),
                    format!(
                        "this holiday ({} to {}) overlaps holiday {} ({} to {}); a day is in one holiday at most",
                        holidays[b].from,
                        holidays[b].to,
                        a + 1,
                        holidays[a].from,
                        holidays[a].to
                    ),
                );
                SchoolCalendar::default()
            }
        }
    } else {
        match Region::parse(&name) {
            Some(region) => {
                if !k.holidays.is_empty() {
                    c.error(
                        &path.key("holiday"),
                        format!("[[cohort.holiday]] gives the scenario's own holidays: write `calendar = \"own\"` instead of `\"{name}\"`"),
                    );
                }
                let dutch = school_calendar::dutch(region);
                if let Some((lo, hi)) = dutch.uncovered(start, last) {
                    c.error(
                        &path.key("calendar"),
                        format!(
                            "the shipped school holidays run from {lo} to {hi}, the learning phases from {start} to {last}; give the holidays of the other months with `calendar = \"own\"` and [[cohort.holiday]]"
                        ),
                    );
                }
                let unconfirmed: Vec<String> = dutch
                    .unconfirmed(start, last)
                    .iter()
                    .map(|y| y.name.clone())
                    .collect();
                if !unconfirmed.is_empty() {
                    c.warn(
                        &path.key("calendar"),
                        format!(
                            "the school holidays of {} are not confirmed in the shipped data (src/rates/school-holidays.toml); check them against {}",
                            unconfirmed.join(" and "),
                            dutch.source
                        ),
                    );
                }
                dutch.calendar
            }
            None => {
                c.error(
                    &path.key("calendar"),
                    unknown_key_message("calendar", &name, &["noord", "midden", "zuid", "own"]),
                );
                SchoolCalendar::default()
            }
        }
    };
    let share = months.iter().map(|&m| calendar.school_share(m)).collect();
    (name, share)
}

fn build_hire(c: &mut Checker, k: &RawCohort, path: &KeyPath) -> Hire {
    let given = [
        k.hire_probability.is_some(),
        k.hire_threshold.is_some(),
        k.hire_curve.is_some(),
    ];
    match given.iter().filter(|g| **g).count() {
        0 => {
            c.error(
                path,
                "say how the company decides at graduation: `hire_probability = …`, `hire_threshold = …` or `hire_curve = { midpoint = …, slope = … }`",
            );
            return Hire::Probability(0.0);
        }
        1 => {}
        _ => {
            c.error(
                path,
                "give one of `hire_probability`, `hire_threshold` and `hire_curve`, not more",
            );
            return Hire::Probability(0.0);
        }
    }
    if let Some(curve) = k.hire_curve {
        return match crate::instruments::proefplaatsing::hire_curve(curve) {
            Ok(h) => h,
            Err(e) => {
                c.error(&path.key("hire_curve"), e);
                Hire::Probability(0.0)
            }
        };
    }
    if let Some(t) = k.hire_threshold {
        return Hire::Threshold(c.number(Some(t), &path.key("hire_threshold"), Range::Probability, 0.0));
    }
    Hire::Probability(c.number(
        k.hire_probability,
        &path.key("hire_probability"),
        Range::Probability,
        0.0,
    ))
}

fn build_mentors(c: &mut Checker, k: &RawCohort, path: &KeyPath, pools: &mut Vec<Pool>) -> Vec<Mentor> {
    let mut seen = BTreeSet::new();
    k.mentors
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mp = path.key("mentor").index(i);
            c.name(&m.name, &mp.key("name"), &mut seen, "mentor");
            let hours = c.number(
                Some(m.hours_per_week),
                &mp.key("hours_per_week"),
                Range::NonNegative,
                0.0,
            );
            if hours > 168.0 {
                c.error(
                    &mp.key("hours_per_week"),
                    format!("{hours} hours is more than a week has"),
                );
            }
            let max_pupils = c.months(m.max_pupils, &mp.key("max_pupils"), 1, 100);
            pools.push(Pool {
                name: format!("mentor {}", m.name),
                available: constant(hours),
            });
            Mentor {
                name: m.name.clone(),
                hours_per_week: hours,
                max_pupils,
                absence_probability: c.number(
                    m.absence_probability,
                    &mp.key("absence_probability"),
                    Range::Probability,
                    0.0,
                ),
                pool: pools.len() - 1,
            }
        })
        .collect()
}

/// Each learner copy to a mentor: in copy order, each to the first mentor (in file order)
/// that takes its placement and has room.
fn assign_mentors(
    c: &mut Checker,
    k: &RawCohort,
    path: &KeyPath,
    placements: &[Placement],
    mentors: &[Mentor],
) -> Vec<Option<usize>> {
    let names: Vec<&str> = placements.iter().map(|p| p.name.as_str()).collect();
    for (i, m) in k.mentors.iter().enumerate() {
        for (j, name) in m.placements.iter().flatten().enumerate() {
            let p = names.iter().position(|n| n == name);
            if p.is_none_or(|p| placements[p].learning.is_none()) {
                let learners: Vec<&str> = placements
                    .iter()
                    .filter(|p| p.learning.is_some())
                    .map(|p| p.name.as_str())
                    .collect();
                c.error(
                    &path.key("mentor").index(i).key("placements").index(j),
                    unknown_key_message("placement with a learning phase", name, &learners),
                );
            }
        }
    }
    let mut taken = vec![0usize; mentors.len()];
    let mut out = Vec::new();
    if mentors.is_empty() {
        return out;
    }
    for p in placements {
        for _ in 0..p.count {
            if p.learning.is_none() {
                out.push(None);
                continue;
            }
            let takes = |m: usize| {
                k.mentors[m]
                    .placements
                    .as_ref()
                    .is_none_or(|names| names.contains(&p.name))
            };
            let mentor = (0..mentors.len()).find(|&m| takes(m) && taken[m] < mentors[m].max_pupils);
            if let Some(m) = mentor {
                taken[m] += 1;
            }
            out.push(mentor);
        }
    }
    let unassigned = out
        .iter()
        .zip(placements.iter().flat_map(|p| std::iter::repeat_n(p, p.count)))
        .filter(|(m, p)| m.is_none() && p.learning.is_some())
        .count();
    if unassigned > 0 {
        let room: usize = mentors.iter().map(|m| m.max_pupils).sum();
        // An uncertain class size is checked at its largest: every pupil who can come needs
        // a leermeester.
        let largest: Vec<String> = placements
            .iter()
            .filter(|p| p.learning.is_some() && p.uncertain_count.is_some())
            .map(|p| format!("`{}` up to {}", p.name, p.count))
            .collect();
        let at_largest = if largest.is_empty() {
            String::new()
        } else {
            format!(" when the class is at its largest ({})", largest.join(", "))
        };
        c.error(
            &path.key("mentor"),
            format!(
                "{unassigned} learner(s) have no leermeester{at_largest}: the mentors take at most {room} in all (their `max_pupils`), or not these placements; add a mentor or raise `max_pupils`"
            ),
        );
    }
    out
}

fn party(c: &mut Checker, name: Option<&String>, default: Party, path: &KeyPath) -> Party {
    match name {
        None => default,
        Some(n) => Party::from_key(n).unwrap_or_else(|| {
            let allowed: Vec<&str> = Party::ALL.iter().map(|p| p.as_str()).collect();
            c.error(path, unknown_key_message("party", n, &allowed));
            default
        }),
    }
}

fn build_group_lines(
    c: &mut Checker,
    k: &RawCohort,
    path: &KeyPath,
    placements: &[Placement],
    horizon: usize,
) -> Vec<GroupLine> {
    let mut names = BTreeSet::new();
    let mut out = Vec::new();
    let taken: Vec<&str> = placements
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.name.as_str()))
        .chain(BUILTIN_LINES.iter().copied())
        .chain(crate::instruments::line_names())
        .chain([crate::cohort::STIPEND_LINE, crate::cohort::RECRUITMENT_LINE])
        .collect();
    for (is_benefit, key, lines) in [(false, "cost", &k.costs), (true, "benefit", &k.benefits)] {
        for (i, l) in lines.iter().enumerate() {
            let lp = path.key(key).index(i);
            c.name(&l.name, &lp.key("name"), &mut names, "cohort line");
            if taken.contains(&l.name.as_str()) {
                c.error(
                    &lp.key("name"),
                    format!("`{}` is already a line of a placement, the engine or an instrument; give the class's line its own name", l.name),
                );
            }
            let (payer, payee) = if is_benefit {
                if l.payer.is_some() {
                    c.error(
                        &lp.key("payer"),
                        "a benefit is paid by its `party`; `payer` is for costs",
                    );
                }
                (
                    party(c, l.party.as_ref(), Party::Gemeente, &lp.key("party")),
                    Party::Employer,
                )
            } else {
                let payer = party(c, l.payer.as_ref(), Party::Employer, &lp.key("payer"));
                (
                    payer,
                    party(c, l.party.as_ref(), Party::Supplier, &lp.key("party")),
                )
            };
            if payer == payee {
                c.error(
                    &lp.key("party"),
                    format!("the line runs from `{}` to itself", payer.as_str()),
                );
            }
            let last = horizon.saturating_sub(1) as i64;
            let month = |c: &mut Checker, v: i64, key: &str| c.months(v, &lp.key(key), 0, last);
            let per_week = match l.per.as_deref() {
                None | Some("month") => false,
                Some("school_week") => true,
                Some(other) => {
                    c.error(
                        &lp.key("per"),
                        unknown_key_message("per", other, &["month", "school_week"]),
                    );
                    false
                }
            };
            let timing = match (l.at_month, l.from_month, l.to_month) {
                (Some(at), None, None) if !per_week => GroupTiming::OneOff(month(c, at, "at_month")),
                (Some(_), _, _) => {
                    c.error(&lp.key("at_month"), "`at_month` is for a one-off amount: not with `from_month`, `to_month` or `per = \"school_week\"`");
                    GroupTiming::OneOff(0)
                }
                (None, from, to) => {
                    let from = from.map_or(0, |f| month(c, f, "from_month"));
                    let to = to.map_or(last.max(0) as usize, |t| month(c, t, "to_month"));
                    if to < from {
                        c.error(
                            &lp.key("to_month"),
                            format!("`to_month` ({to}) is before `from_month` ({from})"),
                        );
                    }
                    if per_week {
                        GroupTiming::SchoolWeekly { from, to }
                    } else {
                        GroupTiming::Monthly { from, to }
                    }
                }
            };
            out.push(GroupLine {
                name: l.name.clone(),
                label: l.label.as_ref().map(crate::scenario::raw::RawLabel::label),
                payer,
                payee,
                amount: c.input(&l.amount, &lp.key("amount"), Range::NonNegative),
                timing,
                scales: l.scales.unwrap_or(false),
                phase: l.phase.as_deref().and_then(|name| {
                    let phase = Phase::parse(name);
                    if phase.is_none() {
                        c.error(
                            &lp.key("phase"),
                            unknown_key_message("phase", name, &Phase::NAMES),
                        );
                    }
                    phase
                }),
                groups: match &l.placements {
                    None => Vec::new(),
                    Some(names) => {
                        let learners: Vec<&str> = placements
                            .iter()
                            .filter(|p| p.learning.is_some())
                            .map(|p| p.name.as_str())
                            .collect();
                        if names.is_empty() {
                            c.error(
                                &lp.key("placements"),
                                format!(
                                    "an empty list: name the groups the line is for ({}), or leave `placements` out for the whole class",
                                    learners.join(", ")
                                ),
                            );
                        }
                        for (j, name) in names.iter().enumerate() {
                            if !learners.contains(&name.as_str()) {
                                c.error(
                                    &lp.key("placements").index(j),
                                    unknown_key_message("placement with a learning phase", name, &learners),
                                );
                            }
                        }
                        placements.iter().map(|p| names.contains(&p.name)).collect()
                    }
                },
            });
        }
    }
    out
}

/// A learner is hired at graduation by the class's rule; a proefplaatsing on top of the
/// learning phase would decide twice.
pub(super) fn check_no_trial_for_learners(
    c: &mut Checker,
    arrangements: &[Arrangement],
    placements: &[Placement],
) {
    for (ai, a) in arrangements.iter().enumerate() {
        for (ii, i) in a.instruments.iter().enumerate() {
            if i.trial().is_none() {
                continue;
            }
            let applies = |p: usize| {
                a.applies
                    .get(ii)
                    .is_none_or(|v| v.get(p).copied().unwrap_or(true))
            };
            if let Some(p) = placements
                .iter()
                .enumerate()
                .find(|(p, pl)| pl.learning.is_some() && applies(*p))
            {
                // The baseline is first when present; the scenario's arrangements follow.
                let index = ai - usize::from(arrangements.first().is_some_and(|a| a.is_baseline));
                c.error(
                    &KeyPath::root().key("arrangement").index(index),
                    format!(
                        "a proefplaatsing cannot apply to `{}`, whose learners are hired at graduation by the [cohort]'s rule; scope it to other placements",
                        p.1.name
                    ),
                );
            }
        }
    }
}
