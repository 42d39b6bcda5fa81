//! The answer in plain words, generated from the numbers: how often a placement pays for
//! itself (wording chosen by thresholds on P(NPV > 0)), when it breaks even, what it yields
//! on average, and which arrangement is best by how much and how surely.

use super::text::{Lang, fill};
use crate::stats::Summary;
use crate::stats::summary::ArrangementSummary;

/// Below this P(NPV > 0) the placement "almost never" pays; above 1 minus it, "almost always".
pub const RARE: f64 = 0.05;
/// Within this distance of 0.5 the wording is "about half".
pub const ABOUT_HALF: f64 = 0.05;

/// How often a placement pays for itself, in words an employer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Never,
    AlmostNever,
    /// k out of 10 futures (1..=9).
    OutOfTen(u32),
    AboutHalf,
    AlmostAlways,
    Always,
}

/// The wording for P(NPV > 0) = `p`.
pub fn frequency(p: f64) -> Frequency {
    if p.is_nan() || p <= 0.0 {
        Frequency::Never
    } else if p >= 1.0 {
        Frequency::Always
    } else if p < RARE {
        Frequency::AlmostNever
    } else if p > 1.0 - RARE {
        Frequency::AlmostAlways
    } else if (p - 0.5).abs() < ABOUT_HALF {
        Frequency::AboutHalf
    } else {
        Frequency::OutOfTen(((p * 10.0).round() as u32).clamp(1, 9))
    }
}

/// The facts about one arrangement that the answer speaks of.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub name: String,
    /// P(NPV > 0).
    pub p_positive: f64,
    /// Median break-even month (None when fewer than half break even within the horizon).
    pub break_even_month: Option<u32>,
    pub horizon: usize,
    pub mean: f64,
    pub p10: f64,
    pub p90: f64,
}

impl Outcome {
    pub fn of(a: &ArrangementSummary, horizon: usize) -> Self {
        Self {
            name: a.name.clone(),
            p_positive: a.p_npv_positive,
            break_even_month: a.break_even.p50_month,
            horizon,
            mean: a.npv.mean,
            p10: a.npv.p10,
            p90: a.npv.p90,
        }
    }
}

/// "X: deze plaatsing verdient zich in 8 van de 10 gesimuleerde toekomsten terug, in de helft
/// van alle toekomsten al binnen 14 maanden."
pub fn pays_off(o: &Outcome, lang: Lang) -> String {
    let t = lang.text();
    let horizon = o.horizon.to_string();
    let name = o.name.as_str();
    let (template, k) = match frequency(o.p_positive) {
        Frequency::Never => {
            return fill(t.verdict_never, &[("name", name), ("horizon", &horizon)]);
        }
        Frequency::AlmostNever => (t.verdict_almost_never, 0),
        Frequency::OutOfTen(k) => (t.verdict_k_of_10, k),
        Frequency::AboutHalf => (t.verdict_half, 5),
        Frequency::AlmostAlways => (t.verdict_almost_always, 10),
        Frequency::Always => (t.verdict_always, 10),
    };
    let head = fill(template, &[("name", name), ("k", &k.to_string())]);
    let tail = match o.break_even_month {
        Some(m) => fill(t.break_even_month, &[("month", &m.to_string())]),
        None => fill(t.break_even_none, &[("horizon", &horizon)]),
    };
    head + &tail
}

/// "Gemiddeld levert de plaatsing de werkgever € 3.200 op …; in 8 van de 10 toekomsten …"
pub fn expectation(o: &Outcome, lang: Lang) -> String {
    let t = lang.text();
    let template = if o.mean >= 0.0 { t.mean_gain } else { t.mean_loss };
    fill(
        template,
        &[
            ("amount", &lang.money(o.mean.abs())),
            ("horizon", &o.horizon.to_string()),
            ("p10", &lang.money(o.p10)),
            ("p90", &lang.money(o.p90)),
        ],
    )
}

/// Index of the arrangement with the highest expected NPV (the first on a tie).
pub fn best_index(summary: &Summary) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, a) in summary.arrangements.iter().enumerate() {
        if best.is_none_or(|(_, m)| a.npv.mean > m) {
            best = Some((i, a.npv.mean));
        }
    }
    best.map(|(i, _)| i)
}

/// Index of the runner-up: the highest expected NPV other than `best`.
pub fn runner_up_index(summary: &Summary, best: usize) -> Option<usize> {
    let mut second: Option<(usize, f64)> = None;
    for (i, a) in summary.arrangements.iter().enumerate() {
        if i != best && second.is_none_or(|(_, m)| a.npv.mean > m) {
            second = Some((i, a.npv.mean));
        }
    }
    second.map(|(i, _)| i)
}

/// Which arrangement is best, by how much and how surely, from the paired comparison with the
/// runner-up. `None` with fewer than two arrangements.
pub fn best_choice(summary: &Summary, lang: Lang) -> Option<String> {
    let t = lang.text();
    let best = best_index(summary)?;
    let other = runner_up_index(summary, best)?;
    let (a, b) = (
        &summary.arrangements[best].name,
        &summary.arrangements[other].name,
    );
    let c = summary.comparison(a, b)?;
    if c.mean_diff == 0.0 && c.sd_diff == 0.0 {
        return Some(fill(t.same, &[("a", a), ("b", b)]));
    }
    let k = (c.p_a_better * 100.0).round() as u32;
    let mut text = fill(
        t.best,
        &[
            ("best", a),
            ("other", b),
            ("diff", &lang.money(c.mean_diff)),
            ("k", &k.to_string()),
        ],
    );
    if c.ci95[0] <= 0.0 {
        text += &fill(
            t.best_unsure,
            &[("lo", &lang.money(c.ci95[0])), ("hi", &lang.money(c.ci95[1]))],
        );
    }
    Some(text)
}
