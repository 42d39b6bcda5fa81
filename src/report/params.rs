//! An instrument's parameters in the report's words: "herbeoordeling elke 12 maanden"
//! instead of `reassess_months: 12`. The instruments give each parameter as (key, value as
//! written); this module words every key any instrument gives, in both languages.

use super::text::{Lang, fill};

/// The words for parameter `key` with value `value` (as the instrument writes it) of an
/// instrument of kind `kind`; `input` is the value already in words when the parameter is an
/// uncertain input (a distribution). `None` for a key this module does not know.
pub fn words(kind: &str, key: &str, value: &str, lang: Lang) -> Option<String> {
    let t = lang.text();
    let nl = lang == Lang::Nl;
    let pick = |n: &'static str, e: &'static str| if nl { n } else { e };
    let number = local_number(value, lang);
    let yes = value == "true";
    let template = match key {
        "reassess_months" => pick("herbeoordeling elke {v} maanden", "reassessed every {v} months"),
        "assessment_noise_sd" => pick(
            "meetfout van de loonwaarde {v} (standaardafwijking)",
            "loonwaarde measurement error {v} (standard deviation)",
        ),
        "assessment_admin_hours" => pick(
            "{v} uur administratie per beoordeling",
            "{v} hours of paperwork per assessment",
        ),
        "forfaitaire_phase_months" if value == "0" => {
            pick("zonder forfaitaire fase", "without a flat-rate phase")
        }
        "forfaitaire_phase_months" => pick(
            "eerst {v} maanden forfaitair",
            "first {v} months at the flat rate",
        ),
        "employer_pays_full_first_year" if yes => pick(
            "werkgever betaalt het eerste ziektejaar het volle loon door",
            "the employer pays the full wage in the first year of sickness",
        ),
        "employer_pays_full_first_year" => pick(
            "werkgever betaalt bij ziekte het wettelijke minimum door",
            "the employer pays the legal minimum during sickness",
        ),
        "category" => {
            return Some(match (value, nl) {
                ("banenafspraak", true) => "doelgroep banenafspraak".to_owned(),
                ("banenafspraak", false) => "target group banenafspraak".to_owned(),
                ("arbeidsgehandicapt", true) => "arbeidsgehandicapte werknemer".to_owned(),
                ("arbeidsgehandicapt", false) => "disabled employee".to_owned(),
                (other, _) => other.to_owned(),
            });
        }
        "pay_month" => {
            let month = value
                .parse::<usize>()
                .ok()
                .and_then(|m| t.month_names.get(m.wrapping_sub(1)))
                .copied()
                .unwrap_or(value);
            return Some(fill(
                pick(
                    "uitbetaald in {m} van het jaar erna",
                    "paid in {m} of the following year",
                ),
                &[("m", month)],
            ));
        }
        "tariff_per_hour" => pick("tarief {v} per uur", "fee {v} an hour"),
        "basis" if value == "worked" => pick("over de gewerkte uren", "on the hours worked"),
        "basis" => pick("over de contracturen", "on the contract hours"),
        "provider_supervision_share" => pick(
            "de detacheerder neemt {v} van de werkbegeleiding over",
            "the provider takes over {v} of the supervision",
        ),
        "months" if kind == "proefplaatsing" => pick("{v} maanden proefplaatsing", "{v} months on trial"),
        "months" => pick("{v} maanden per besluit", "{v} months per decision"),
        "topup_share" => pick(
            "UWV vult {v} van het loonverschil aan",
            "UWV tops up {v} of the wage gap",
        ),
        "renew" if yes => pick("wordt verlengd", "is renewed"),
        "renew" => pick("wordt niet verlengd", "is not renewed"),
        "hire_probability" => pick(
            "kans op een contract daarna {v}",
            "chance of a contract afterwards {v}",
        ),
        "hire_threshold" => pick(
            "contract daarna bij een productiviteit van minstens {v}",
            "a contract afterwards at a productivity of at least {v}",
        ),
        "benefit_per_month" => pick("uitkering {v} per maand", "benefit {v} a month"),
        "benefit_payer" | "payer" => {
            return Some(fill(
                pick("betaald door {p}", "paid by {p}"),
                &[("p", &t.party_name(value))],
            ));
        }
        "share" if kind == "jobcoach_funding" => pick(
            "vergoedt {v} van de rekening van de jobcoach",
            "pays {v} of the jobcoach's bill",
        ),
        "share" => pick("vergoedt {v} van de kosten", "pays {v} of the cost"),
        "yearly_budget" | "cap" if value == "∞" => pick("zonder plafond", "without a cap"),
        "yearly_budget" => pick("hoogstens {v} per jaar", "at most {v} a year"),
        "cap" => pick("hoogstens {v} in totaal", "at most {v} in total"),
        "amount" => pick("bedrag {v}", "amount {v}"),
        "amount_per_year" => pick("{v} per jaar", "{v} a year"),
        "cost_line" => pick("voor de kostenregel {v}", "for the cost line {v}"),
        "name" => return Some(value.to_owned()),
        _ => return None,
    };
    let money_keys = ["yearly_budget", "cap", "amount", "amount_per_year"];
    let v = if money_keys.contains(&key) {
        value
            .parse::<f64>()
            .map_or_else(|_| value.to_owned(), |x| lang.money_exact(x))
    } else {
        number
    };
    Some(fill(template, &[("v", &v)]))
}

/// A number as the instrument writes it ("0.05", "30%") in the language's convention.
fn local_number(value: &str, lang: Lang) -> String {
    if let Some(pct) = value.strip_suffix('%')
        && let Ok(x) = pct.parse::<f64>()
    {
        return lang.percent_short(x / 100.0);
    }
    match value.parse::<f64>() {
        Ok(x) => lang.short(x),
        Err(_) => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_read_as_words_in_both_languages() {
        let w = |kind, key, value, lang| words(kind, key, value, lang).unwrap();
        assert_eq!(
            w("lks", "reassess_months", "12", Lang::Nl),
            "herbeoordeling elke 12 maanden"
        );
        assert_eq!(
            w("lks", "reassess_months", "12", Lang::En),
            "reassessed every 12 months"
        );
        assert_eq!(
            w("lks", "assessment_noise_sd", "0.05", Lang::Nl),
            "meetfout van de loonwaarde 0,05 (standaardafwijking)"
        );
        assert_eq!(
            w("loondispensatie", "topup_share", "100%", Lang::Nl),
            "UWV vult 100% van het loonverschil aan"
        );
        assert_eq!(
            w("lkv", "pay_month", "9", Lang::Nl),
            "uitbetaald in sep van het jaar erna"
        );
        assert_eq!(
            w("jobcoach_funding", "payer", "uwv", Lang::Nl),
            "betaald door UWV"
        );
        assert_eq!(
            w("jobcoach_funding", "yearly_budget", "∞", Lang::En),
            "without a cap"
        );
        assert_eq!(w("grant", "amount", "250", Lang::Nl), "bedrag € 250");
        assert!(words("lks", "no_such_key", "1", Lang::Nl).is_none());
    }
}
