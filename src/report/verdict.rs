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

/// z of the two-sided 95% interval of a mean (normal approximation, ample iterations).
pub const Z95: f64 = 1.96;

/// The facts about one arrangement that the answer speaks of.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub name: String,
    /// P(NPV > 0).
    pub p_positive: f64,
    /// Median break-even month (None when fewer than half break even within the horizon).
    pub break_even_month: Option<u32>,
    /// The calendar month of `break_even_month` in the report's words ("okt 2028"), if known.
    pub break_even_calendar: Option<String>,
    pub horizon: usize,
    pub mean: f64,
    /// Monte Carlo standard error of `mean`.
    pub mcse: f64,
    pub p10: f64,
    pub p90: f64,
}

impl Outcome {
    pub fn of(a: &ArrangementSummary, horizon: usize) -> Self {
        Self {
            name: a.name.clone(),
            p_positive: a.p_npv_positive,
            break_even_month: a.break_even.p50_month,
            break_even_calendar: None,
            horizon,
            mean: a.npv.mean,
            mcse: a.npv.mcse,
            p10: a.npv.p10,
            p90: a.npv.p90,
        }
    }

    /// The 95% interval of the expected NPV (its Monte Carlo error) includes zero: the sign
    /// of the mean is noise, and the words say "about cost-neutral".
    pub fn about_neutral(&self) -> bool {
        self.mean.abs() <= Z95 * self.mcse
    }
}

/// "X: deze plaatsing verdient zich in 8 van de 10 gesimuleerde toekomsten terug, in de helft
/// van alle toekomsten al binnen 14 maanden." Never contradicts itself: when fewer than half
/// break even there is no median month, and the sentence ends with the horizon the share
/// holds for ("… in 4 van de 10 gesimuleerde toekomsten terug binnen 36 maanden.").
pub fn pays_off(o: &Outcome, lang: Lang) -> String {
    let t = lang.text();
    let horizon = o.horizon.to_string();
    let name = o.name.as_str();
    let (template, k) = match frequency(o.p_positive) {
        Frequency::Never => {
            return capitalised(&fill(t.verdict_never, &[("name", name), ("horizon", &horizon)]));
        }
        Frequency::AlmostNever => (t.verdict_almost_never, 0),
        Frequency::OutOfTen(k) => (t.verdict_k_of_10, k),
        Frequency::AboutHalf => (t.verdict_half, 5),
        Frequency::AlmostAlways => (t.verdict_almost_always, 10),
        Frequency::Always => (t.verdict_always, 10),
    };
    let head = capitalised(&fill(template, &[("name", name), ("k", &k.to_string())]));
    let tail = match (o.break_even_month, &o.break_even_calendar) {
        (Some(m), Some(cal)) => fill(
            t.break_even_month_calendar,
            &[("month", &m.to_string()), ("calendar", cal)],
        ),
        (Some(m), None) => fill(t.break_even_month, &[("month", &m.to_string())]),
        (None, _) => fill(t.break_even_none, &[("horizon", &horizon)]),
    };
    head + &tail
}

/// "Gemiddeld levert de plaatsing de werkgever € 3.200 op …; in 8 van de 10 toekomsten …",
/// or "ongeveer kostenneutraal" when the interval of the mean includes zero.
pub fn expectation(o: &Outcome, lang: Lang) -> String {
    let t = lang.text();
    let template = if o.about_neutral() {
        t.mean_neutral
    } else if o.mean > 0.0 {
        t.mean_gain
    } else {
        t.mean_loss
    };
    fill(
        template,
        &[
            ("amount", &lang.money(o.mean.abs())),
            ("mean", &lang.money(o.mean)),
            ("lo", &lang.money(o.mean - Z95 * o.mcse)),
            ("hi", &lang.money(o.mean + Z95 * o.mcse)),
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

/// What the paired comparison of two arrangements says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// The same outcome in every future.
    Identical,
    /// The 95% interval of the mean difference excludes zero.
    Clear,
    /// It includes zero: which one is better is not known from these futures.
    Unclear,
}

/// The kind of a paired comparison.
pub fn difference(c: &crate::stats::summary::Comparison) -> Difference {
    if c.mean_diff == 0.0 && c.sd_diff == 0.0 {
        Difference::Identical
    } else if c.ci95[0] > 0.0 || c.ci95[1] < 0.0 {
        Difference::Clear
    } else {
        Difference::Unclear
    }
}

/// The answer's verdict on the arrangements, one of four cases.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// The best and the runner-up give the same outcome in every future.
    Tie { a: String, b: String },
    /// Every arrangement loses on average (even the best's interval lies below zero).
    AllLose {
        best: String,
        missing: f64,
        other: Option<String>,
    },
    /// The best is clearly better than the runner-up.
    ClearWinner { best: String, other: String },
    /// The best and the runner-up cannot be told apart (the interval includes zero).
    NearEqual { best: String, other: String },
}

/// Which case the arrangements are in. `None` with fewer than two arrangements.
pub fn choice(summary: &Summary) -> Option<Choice> {
    let best = best_index(summary)?;
    let other = runner_up_index(summary, best)?;
    let (ab, ob) = (&summary.arrangements[best], &summary.arrangements[other]);
    let c = summary.comparison(&ab.name, &ob.name)?;
    let kind = difference(&c);
    if kind == Difference::Identical {
        return Some(Choice::Tie {
            a: ab.name.clone(),
            b: ob.name.clone(),
        });
    }
    if ab.npv.mean + Z95 * ab.npv.mcse < 0.0 {
        return Some(Choice::AllLose {
            best: ab.name.clone(),
            missing: -ab.npv.mean,
            other: (kind == Difference::Clear).then(|| ob.name.clone()),
        });
    }
    let (best, other) = (ab.name.clone(), ob.name.clone());
    Some(match kind {
        Difference::Clear => Choice::ClearWinner { best, other },
        _ => Choice::NearEqual { best, other },
    })
}

/// "A is € X beter dan B (95%-interval € lo tot € hi), in P% van de toekomsten." The better
/// one (by the mean) first.
pub fn pair_line(summary: &Summary, a: &str, b: &str, lang: Lang) -> Option<String> {
    let t = lang.text();
    let mut c = summary.comparison(a, b)?;
    if c.mean_diff < 0.0 {
        c = c.reversed();
    }
    let template = match difference(&c) {
        Difference::Identical => return Some(fill(t.same, &[("a", &c.a), ("b", &c.b)])),
        Difference::Clear => t.pair_clear,
        Difference::Unclear => t.pair_unclear,
    };
    Some(fill(
        template,
        &[
            ("a", &c.a),
            ("b", &c.b),
            ("diff", &lang.money(c.mean_diff)),
            ("lo", &lang.money(c.ci95[0])),
            ("hi", &lang.money(c.ci95[1])),
            ("p", &lang.percent(c.p_a_better, 0)),
        ],
    ))
}

/// Which arrangement is best, by how much and how surely, from the paired comparison with the
/// runner-up; when all lose, how much is missing. `None` with fewer than two arrangements.
pub fn best_choice(summary: &Summary, lang: Lang) -> Option<String> {
    let t = lang.text();
    let horizon = summary.horizon_months.to_string();
    let pair = |a: &str, b: &str| capitalised(&pair_line(summary, a, b, lang).unwrap_or_default());
    Some(match choice(summary)? {
        Choice::Tie { a, b } => capitalised(&fill(t.same, &[("a", &a), ("b", &b)])),
        Choice::AllLose { best, missing, other } => {
            let mut text = fill(
                t.all_lose,
                &[
                    ("best", &best),
                    ("missing", &lang.money(missing)),
                    ("horizon", &horizon),
                ],
            );
            if let Some(other) = other {
                text.push(' ');
                text += &pair(&best, &other);
            }
            text
        }
        Choice::ClearWinner { best, other } => fill(t.best, &[("best", &best)]) + " " + &pair(&best, &other),
        Choice::NearEqual { best, other } => {
            capitalised(&fill(t.best_unsure, &[("best", &best), ("other", &other)]))
                + " "
                + &pair(&best, &other)
        }
    })
}

/// `text` with its first letter in upper case: a sentence may begin with a name written in
/// lower case ("geen ondersteuning").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
