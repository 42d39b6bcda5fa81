//! The legal figures of a rates preset in the report's words: a description in Dutch and in
//! English and the short legal citation for each figure key, and the units in both languages.
//! The preset's own description and full source (with the checks behind each value) stay in
//! the preset and in the workbook's rates sheet; the report shows the short form so that the
//! table fits on a page and reads in one language.

use super::text::Lang;

/// A figure's description in both languages and the law or page it comes from.
#[derive(Debug, Clone, Copy)]
pub struct FigureWords {
    pub nl: &'static str,
    pub en: &'static str,
    /// The citation: law and article, or the executing body's page.
    pub cite: &'static str,
}

impl FigureWords {
    pub fn description(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.nl,
            Lang::En => self.en,
        }
    }
}

macro_rules! figures {
    ($($key:literal => $nl:literal, $en:literal, $cite:literal;)*) => {
        /// Every figure key the report has words for.
        pub const KEYS: &[&str] = &[$($key),*];

        /// The words of figure `key`; `None` for a key the report has no words for.
        pub fn words(key: &str) -> Option<FigureWords> {
            match key {
                $($key => Some(FigureWords { nl: $nl, en: $en, cite: $cite }),)*
                _ => None,
            }
        }
    };
}

figures! {
    "min_wage_hour" => "Wettelijk bruto minimumuurloon, 21 jaar en ouder",
        "Legal gross minimum wage per hour, age 21 and over", "WML art. 8 en 14";
    "min_wage_month_36h" => "Referentiemaandloon: minimummaandloon bij 36 uur per week (basis voor LKS en uitkeringen)",
        "Reference monthly wage: minimum wage per month at 36 hours a week (basis of LKS and benefits)", "WML art. 14";
    "youth_min_wage_share_15" => "Minimumjeugdloon, 15 jaar", "Youth minimum wage, age 15", "Besluit minimumjeugdloon";
    "youth_min_wage_share_16" => "Minimumjeugdloon, 16 jaar", "Youth minimum wage, age 16", "Besluit minimumjeugdloon";
    "youth_min_wage_share_17" => "Minimumjeugdloon, 17 jaar", "Youth minimum wage, age 17", "Besluit minimumjeugdloon";
    "youth_min_wage_share_18" => "Minimumjeugdloon, 18 jaar", "Youth minimum wage, age 18", "Besluit minimumjeugdloon";
    "youth_min_wage_share_19" => "Minimumjeugdloon, 19 jaar", "Youth minimum wage, age 19", "Besluit minimumjeugdloon";
    "youth_min_wage_share_20" => "Minimumjeugdloon, 20 jaar", "Youth minimum wage, age 20", "Besluit minimumjeugdloon";
    "youth_min_wage_share_bbl_18" => "Minimumjeugdloon in de bbl, 18 jaar",
        "Youth minimum wage in a bbl apprenticeship, age 18", "Besluit minimumjeugdloon (bbl-staffel)";
    "youth_min_wage_share_bbl_19" => "Minimumjeugdloon in de bbl, 19 jaar",
        "Youth minimum wage in a bbl apprenticeship, age 19", "Besluit minimumjeugdloon (bbl-staffel)";
    "youth_min_wage_share_bbl_20" => "Minimumjeugdloon in de bbl, 20 jaar",
        "Youth minimum wage in a bbl apprenticeship, age 20", "Besluit minimumjeugdloon (bbl-staffel)";
    "working_time_max_hours_per_week" => "Arbeidstijdenwet: meeste uren die iemand in één week mag werken",
        "Working Hours Act: the most hours anyone may work in one week", "Arbeidstijdenwet art. 5:7 lid 1";
    "holiday_pay" => "Minimumvakantiebijslag", "Legal minimum holiday allowance", "WML art. 15 lid 1";
    "sick_pay_legal_minimum" => "Loondoorbetaling bij ziekte: wettelijk minimum",
        "Sick pay: the legal minimum the employer continues to pay", "BW 7:629 lid 1";
    "sick_pay_max_weeks" => "Loondoorbetaling bij ziekte: langste duur per ziekteperiode",
        "Sick pay: longest duration per sickness spell", "BW 7:629 lid 1";
    "lks_forfait" => "LKS: forfaitaire vergoeding werkgeverslasten, bovenop de loonkostensubsidie",
        "LKS: flat allowance for employer burden, on top of the wage-cost subsidy", "Regeling loonkostensubsidie Participatiewet art. 1";
    "lks_cap" => "LKS: hoogste subsidie als deel van het minimumloon met vakantiebijslag",
        "LKS: the highest subsidy as a share of the minimum wage with holiday pay", "Participatiewet art. 10d lid 4";
    "lks_norm_hours_per_week" => "LKS: uren per week waarop de subsidie is gebaseerd",
        "LKS: hours per week the subsidy is based on", "Participatiewet art. 10d lid 4";
    "lks_forfait_phase_share" => "Forfaitaire LKS vóór de loonwaardemeting",
        "Flat LKS before the loonwaarde is assessed", "Participatiewet art. 10d lid 5";
    "lks_forfait_phase_max_months" => "Forfaitaire LKS: langste duur vóór de gemeten loonwaarde geldt",
        "Flat LKS: longest duration before the assessed loonwaarde applies", "Participatiewet art. 10d lid 5";
    "full_time_hours_per_week_default" => "Volledige werkweek van de sector als de plaatsing er geen noemt",
        "The sector's full-time week when a placement does not state one", "aanname (geen wettelijke norm)";
    "lkv_banenafspraak_per_hour" => "LKV doelgroep banenafspraak: bedrag per verloond uur",
        "LKV target group banenafspraak: amount per paid hour", "Wet tegemoetkomingen loondomein";
    "lkv_banenafspraak_year_cap" => "LKV doelgroep banenafspraak: hoogste bedrag per kalenderjaar",
        "LKV target group banenafspraak: maximum per calendar year", "Wet tegemoetkomingen loondomein";
    "lkv_banenafspraak_max_months" => "LKV doelgroep banenafspraak: langste duur",
        "LKV target group banenafspraak: longest duration", "Wet tegemoetkomingen loondomein";
    "lkv_banenafspraak_limit_at_employment_start" => "LKV doelgroep banenafspraak: de duur die gold bij de start van het dienstverband telt (1 = ja)",
        "LKV target group banenafspraak: the duration in force when the employment started counts (1 = yes)", "Wet tegemoetkomingen loondomein";
    "lkv_arbeidsgehandicapt_per_hour" => "LKV arbeidsgehandicapte werknemer: bedrag per verloond uur",
        "LKV disabled employee: amount per paid hour", "Wet tegemoetkomingen loondomein";
    "lkv_arbeidsgehandicapt_year_cap" => "LKV arbeidsgehandicapte werknemer: hoogste bedrag per kalenderjaar",
        "LKV disabled employee: maximum per calendar year", "Wet tegemoetkomingen loondomein";
    "lkv_arbeidsgehandicapt_max_months" => "LKV arbeidsgehandicapte werknemer: langste duur",
        "LKV disabled employee: longest duration", "Wet tegemoetkomingen loondomein";
    "no_risk_pct_standard" => "No-riskpolis: ziekengeld aan de werkgever bij ziekte",
        "No-risk policy: sickness benefit paid to the employer", "Ziektewet art. 29b";
    "no_risk_pct_first_year_full_pay" => "No-riskpolis: ziekengeld in de eerste 52 weken als de werkgever het volle loon doorbetaalt",
        "No-risk policy: benefit in the first 52 weeks when the employer pays the full wage", "Ziektewet art. 29b";
    "no_risk_max_weeks" => "No-riskpolis: langste duur per ziekteperiode",
        "No-risk policy: longest duration per sickness spell", "Ziektewet art. 29 en 29b";
    "no_risk_window_months" => "No-riskpolis: alleen ziekte die begint binnen deze tijd na de start van het dienstverband",
        "No-risk policy: only sickness that starts within this time after the employment began", "Ziektewet art. 29b lid 1";
    "no_risk_lks_min_loonwaarde" => "No-riskpolis met LKS: ziekengeld maal de loonwaarde, met deze loonwaarde als ondergrens",
        "No-risk policy with LKS: benefit times the loonwaarde, with this loonwaarde as the floor", "Ziektewet art. 29e lid 1";
    "no_risk_lks_forfait_loonwaarde" => "No-riskpolis met forfaitaire LKS: de loonwaarde waarmee het ziekengeld wordt vermenigvuldigd",
        "No-risk policy with flat LKS: the loonwaarde the benefit is multiplied by", "Ziektewet art. 29e lid 2";
    "day_wage_days_per_year" => "Dagloon: jaarloon gedeeld door dit aantal dagen",
        "Day wage: yearly wage divided by this number of days", "Dagloonbesluit werknemersverzekeringen";
    "praktijkleren_max_per_year" => "Subsidieregeling praktijkleren: hoogste bedrag per praktijkleerplaats",
        "Practical learning subsidy: maximum per learning place", "Subsidieregeling praktijkleren (OCW, RVO)";
    "praktijkleren_weeks_per_year" => "Subsidieregeling praktijkleren: weken begeleiding voor een volle leerplaats",
        "Practical learning subsidy: weeks of supervision for a full learning place", "Subsidieregeling praktijkleren (OCW, RVO)";
    "jobcoach_norm_year1" => "Jobcoach: meeste coachuren in jaar 1, als deel van de uren van de werknemer",
        "Jobcoach: most coaching hours in year 1, as a share of the worker's hours", "Re-integratiebesluit art. 12";
    "jobcoach_norm_year2" => "Jobcoach: meeste coachuren in jaar 2, als deel van de uren van de werknemer",
        "Jobcoach: most coaching hours in year 2, as a share of the worker's hours", "Re-integratiebesluit art. 12";
    "jobcoach_norm_year3" => "Jobcoach: meeste coachuren in jaar 3, als deel van de uren van de werknemer",
        "Jobcoach: most coaching hours in year 3, as a share of the worker's hours", "Re-integratiebesluit art. 12";
    "loondispensatie_max_loonwaarde" => "Loondispensatie: alleen bij een loonwaarde van hoogstens dit deel",
        "Wage dispensation: only with a loonwaarde of at most this share", "Wet Wajong; UWV";
    "loondispensatie_min_months" => "Loondispensatie: kortste duur",
        "Wage dispensation: shortest duration", "Wet Wajong; UWV";
    "loondispensatie_max_months" => "Loondispensatie: langste duur van één besluit (verlenging mogelijk)",
        "Wage dispensation: longest duration of one decision (renewable)", "Wet Wajong; UWV";
    "proefplaatsing_default_months" => "Proefplaatsing: gebruikelijke duur (met uitkering, zonder loon)",
        "Trial placement: usual duration (benefit kept, no wage)", "Beleidsregels proefplaatsing UWV";
    "proefplaatsing_max_months" => "Proefplaatsing: langste duur als UWV verlengt",
        "Trial placement: longest duration when UWV extends it", "UWV-praktijk";
    "proefplaatsing_hire_share" => "Statistiek, geen wettelijk bedrag: deel van de proefplaatsingen dat tot een contract leidt",
        "A statistic, not a legal figure: share of trial placements that lead to a contract", "UWV Monitor Arbeidsparticipatie 2017";
    "quotumheffing_per_missing_job" => "Quotumheffing: heffing per ontbrekende baan per jaar",
        "Quota levy: levy per missing job per year", "Wet banenafspraak en quotum arbeidsbeperkten";
    "banenafspraak_hours_per_job" => "Banenafspraak: uren per week die één baan tellen",
        "Banenafspraak: hours a week that count as one job", "Wet banenafspraak en quotum arbeidsbeperkten";
    "bijstand_norm_single" => "Bijstandsnorm alleenstaande (ouder), 21 jaar tot de AOW-leeftijd",
        "Social assistance norm for a single person (or single parent), 21 to state pension age", "Participatiewet art. 21 onderdeel a";
    "bijstand_norm_couple" => "Bijstandsnorm gehuwden of samenwonenden, samen",
        "Social assistance norm for a couple, together", "Participatiewet art. 21 onderdeel b";
    "bijstand_norm_youth_single" => "Bijstandsnorm jongere alleenstaande, 18 tot 21 jaar",
        "Social assistance norm for a young single person, 18 to 20", "Participatiewet art. 20";
    "bijstand_vrijlating_share" => "Inkomstenvrijlating: deel van het inkomen uit werk dat niet wordt verrekend",
        "Earnings disregard: share of the income from work not deducted", "Participatiewet art. 31 lid 2 onderdeel n";
    "bijstand_vrijlating_max_per_month" => "Inkomstenvrijlating: hoogste bedrag per maand",
        "Earnings disregard: maximum per month", "Participatiewet art. 31 lid 2 onderdeel n";
    "bijstand_vrijlating_max_months" => "Inkomstenvrijlating: langste duur",
        "Earnings disregard: longest duration", "Participatiewet art. 31 lid 2 onderdeel n";
    "bijstand_vrijlating_min_age" => "Inkomstenvrijlating: geldt vanaf deze leeftijd",
        "Earnings disregard: applies from this age", "Participatiewet art. 31 lid 5";
    "wajong_benefit_share" => "Wajong (arbeidsvermogen): uitkering als deel van het minimumloon (min het inkomen)",
        "Wajong (with work capacity): benefit as a share of the minimum wage (less the income)", "Wet Wajong; UWV";
    "ww_income_deduction_share" => "WW: deel van het inkomen uit werk dat op de uitkering wordt gekort",
        "WW: share of the income from work deducted from the benefit", "WW art. 35 (niet bevestigd)";
    "wia_income_deduction_share" => "WIA (WGA): deel van het inkomen uit werk dat op de uitkering wordt gekort",
        "WIA (WGA): share of the income from work deducted from the benefit", "WIA art. 61 (niet bevestigd)";
}

/// The instrument kind a figure belongs to, by the figure key's prefix: the report lists an
/// instrument's figures only when an arrangement uses it. `None` for the figures of wages,
/// sick pay, benefits and duties, which every run may read.
pub fn instrument_of(key: &str) -> Option<&'static str> {
    const PREFIXES: [(&str, &str); 7] = [
        ("lks_", "lks"),
        ("lkv_", "lkv"),
        ("no_risk_", "no_risk_polis"),
        ("praktijkleren_", "praktijkleren"),
        ("jobcoach_norm_", "jobcoach_funding"),
        ("loondispensatie_", "loondispensatie"),
        ("proefplaatsing_", "proefplaatsing"),
    ];
    PREFIXES
        .iter()
        .find(|(prefix, _)| key.starts_with(prefix))
        .map(|(_, kind)| *kind)
}

/// A preset's unit in the report's language (`EUR per hour` → "per uur"), without the
/// currency or share that the value itself shows. Unknown units are returned as written.
pub fn unit(unit: &str, lang: Lang) -> String {
    let (nl, en) = match unit {
        "EUR per calendar year" => ("per kalenderjaar", "per calendar year"),
        "EUR per hour" => ("per uur", "per hour"),
        "EUR per learning place per school year" => (
            "per leerplaats per schooljaar",
            "per learning place per school year",
        ),
        "EUR per missing job per year" => ("per ontbrekende baan per jaar", "per missing job per year"),
        "EUR per month" => ("per maand", "per month"),
        "EUR per month (net, incl. vakantietoeslag)" => (
            "per maand (netto, met vakantietoeslag)",
            "per month (net, with holiday allowance)",
        ),
        "EUR per paid hour" => ("per verloond uur", "per paid hour"),
        "days per year" => ("dagen per jaar", "days per year"),
        "hours per week" => ("uur per week", "hours per week"),
        "months" => ("maanden", "months"),
        "months after hiring" => ("maanden na indiensttreding", "months after hiring"),
        "months of employment" => ("maanden dienstverband", "months of employment"),
        "share (loonwaarde)" => ("loonwaarde", "loonwaarde"),
        "share of (minimum wage + holiday pay)" => (
            "van het minimumloon met vakantiebijslag",
            "of the minimum wage with holiday pay",
        ),
        "share of the adult hourly minimum wage" => {
            ("van het minimumuurloon (21+)", "of the adult hourly minimum wage")
        }
        "share of the day wage" => ("van het dagloon", "of the day wage"),
        "share of the income from work" => ("van het inkomen uit werk", "of the income from work"),
        "share of the minimum wage" => ("van het minimumloon", "of the minimum wage"),
        "share of the subsidy" => ("van de subsidie", "of the subsidy"),
        "share of the wage" => ("van het loon", "of the wage"),
        "share of the worker's hours" => ("van de uren van de werknemer", "of the worker's hours"),
        "share of trial placements" => ("van de proefplaatsingen", "of trial placements"),
        "switch (1 = yes, 0 = no)" => ("(1 = ja, 0 = nee)", "(1 = yes, 0 = no)"),
        "weeks" => ("weken", "weeks"),
        "years of age" => ("jaar oud", "years of age"),
        other => return other.to_owned(),
    };
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates;

    /// Every figure of every bundled preset has words and a unit in both languages, so that
    /// the report never falls back to the preset's English text.
    #[test]
    fn every_preset_figure_has_words_and_a_unit() {
        for name in rates::preset_names() {
            let rates = rates::load_preset(name).expect("bundled preset");
            for row in rates.rows() {
                assert!(words(row.key).is_some(), "{name}: no words for {}", row.key);
                assert_ne!(
                    unit(&row.unit, Lang::Nl),
                    row.unit.as_str(),
                    "{name}: unit {}",
                    row.unit
                );
            }
        }
    }
}
