//! Distributions and inputs in words: "tussen 4 en 10 uur per week, meest waarschijnlijk 6".
//! One describer per kind of distribution; the words come from `text`.

use super::text::{Lang, fill};
use crate::dist::Dist;

/// What an input measures, which sets how its numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Euros (a one-off amount).
    Money,
    /// Euros per hour.
    MoneyPerHour,
    /// Euros per month.
    MoneyPerMonth,
    /// A share or probability 0..1, written as a percentage.
    Share,
    HoursPerWeek,
    HoursPerMonth,
    Months,
    /// A plain number (a factor).
    Plain,
}

/// The unit of a placement input by its key path; cost and benefit amounts are euros.
pub fn unit_of(path: &str) -> Unit {
    match path {
        "hours_per_week"
        | "supervision.initial_hours_per_week"
        | "supervision.steady_hours_per_week"
        | "supervision.available_hours_per_week" => Unit::HoursPerWeek,
        "wage" | "value_per_productive_hour" | "supervision.supervisor_cost" | "jobcoach.tariff_per_hour" => {
            Unit::MoneyPerHour
        }
        "employer_burden"
        | "productivity.start"
        | "productivity.target"
        | "capacity.typical"
        | "capacity.sick_start_probability"
        | "dropout.monthly" => Unit::Share,
        "productivity.ramp_months" | "supervision.halving_months" => Unit::Months,
        "jobcoach.hours_per_month" => Unit::HoursPerMonth,
        "capacity.volatility"
        | "capacity.persistence"
        | "dropout.shortfall_factor"
        | "jobcoach.supervision_share"
        | "jobcoach.dropout_factor"
        | "jobcoach.learning_factor" => Unit::Plain,
        _ => Unit::Money,
    }
}

/// One number in its unit's form (€ 27, 35%, 6).
pub fn value(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Money | Unit::MoneyPerHour | Unit::MoneyPerMonth => lang.money_exact(v),
        Unit::Share => lang.percent_short(v),
        _ => lang.short(v),
    }
}

/// The words after the last number (" uur per week", " per uur"), or nothing.
pub fn suffix(unit: Unit, lang: Lang) -> &'static str {
    let t = lang.text();
    match unit {
        Unit::MoneyPerHour => t.unit_per_hour,
        Unit::MoneyPerMonth => t.unit_per_month,
        Unit::HoursPerWeek => t.unit_hours_per_week,
        Unit::HoursPerMonth => t.unit_hours_per_month,
        Unit::Months => t.unit_months,
        Unit::Money | Unit::Share | Unit::Plain => "",
    }
}

/// The distribution in words, in the language and unit given.
pub fn dist_in_words(d: &Dist, unit: Unit, lang: Lang) -> String {
    let t = lang.text();
    let v = |x: f64| value(x, unit, lang);
    let unit_words = suffix(unit, lang);
    if let Some(c) = d.as_constant() {
        return format!("{}{unit_words}", v(c));
    }
    let (lo, hi) = d.support();
    match d.kind() {
        "uniform" => fill(
            t.dist_uniform,
            &[("min", &v(lo)), ("max", &v(hi)), ("unit", unit_words)],
        ),
        "triangular" | "pert" => fill(
            t.dist_mode,
            &[
                ("min", &v(lo)),
                ("max", &v(hi)),
                ("mode", &v(d.mode().unwrap_or_else(|| d.quantile(0.5)))),
                ("unit", unit_words),
            ],
        ),
        "bernoulli" => {
            let p = d
                .points()
                .and_then(|pts| pts.iter().find(|(x, _)| *x == 1.0).map(|(_, p)| *p))
                .unwrap_or(0.0);
            fill(t.dist_bernoulli, &[("p", &lang.percent_short(p))])
        }
        "discrete" => {
            let points = d
                .points()
                .unwrap_or_default()
                .iter()
                .map(|(x, p)| format!("{}{unit_words} ({})", v(*x), lang.percent_short(*p)))
                .collect::<Vec<_>>()
                .join(", ");
            fill(t.dist_points, &[("points", &points)])
        }
        _ => {
            let mut text = fill(
                t.dist_spread,
                &[
                    ("p5", &v(d.quantile(0.05))),
                    ("p95", &v(d.quantile(0.95))),
                    ("p50", &v(d.quantile(0.5))),
                    ("unit", unit_words),
                ],
            );
            if d.kind() == "normal" && (lo.is_finite() || hi.is_finite()) {
                text += &fill(t.dist_bounded, &[("min", &v(lo)), ("max", &v(hi))]);
            }
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pert_reads_as_a_range_with_its_most_likely_value() {
        let d = Dist::pert(4.0, 6.0, 10.0, 4.0).unwrap();
        assert_eq!(
            dist_in_words(&d, Unit::HoursPerWeek, Lang::Nl),
            "tussen 4 en 10 uur per week, meest waarschijnlijk 6"
        );
        assert_eq!(
            dist_in_words(&d, Unit::HoursPerWeek, Lang::En),
            "between 4 and 10 hours a week, most likely 6"
        );
    }

    #[test]
    fn every_kind_has_words() {
        let cases = [
            (Dist::constant(0.235).unwrap(), Unit::Share, "23,5%"),
            (
                Dist::uniform(350.0, 550.0).unwrap(),
                Unit::Money,
                "tussen € 350 en € 550, elke waarde even waarschijnlijk",
            ),
            (
                Dist::lognormal_from_p5_p95(4.0, 18.0).unwrap(),
                Unit::Months,
                "meestal tussen 4 en 18 maanden (9 van de 10 keer), mediaan 8,49",
            ),
            (
                Dist::bernoulli(0.25).unwrap(),
                Unit::Plain,
                "ja in 25% van de gevallen",
            ),
            (
                Dist::discrete(&[24.0, 32.0], None).unwrap(),
                Unit::HoursPerWeek,
                "een van: 24 uur per week (50%), 32 uur per week (50%)",
            ),
            (
                Dist::triangular(22.0, 27.0, 34.0).unwrap(),
                Unit::MoneyPerHour,
                "tussen € 22 en € 34 per uur, meest waarschijnlijk € 27",
            ),
        ];
        for (d, unit, want) in cases {
            assert_eq!(dist_in_words(&d, unit, Lang::Nl), want, "{}", d.describe());
        }
        let normal = Dist::normal(5.0, 1.0, Some(0.0), None).unwrap();
        let words = dist_in_words(&normal, Unit::Plain, Lang::En);
        assert!(words.starts_with("usually between 3.36 and 6.64"), "{words}");
        assert!(words.contains("kept between 0 and ∞"), "{words}");
        let gamma = Dist::gamma(2.0, 3.0).unwrap();
        assert!(dist_in_words(&gamma, Unit::Plain, Lang::Nl).starts_with("meestal tussen"));
    }

    #[test]
    fn units_follow_the_input_path() {
        assert_eq!(unit_of("hours_per_week"), Unit::HoursPerWeek);
        assert_eq!(unit_of("productivity.start"), Unit::Share);
        assert_eq!(unit_of("productivity.ramp_months"), Unit::Months);
        assert_eq!(unit_of("cost \"training\" .amount"), Unit::Money);
    }
}
