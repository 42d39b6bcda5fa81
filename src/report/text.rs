//! Every word of the report, chart labels and workbook headers, in Dutch and English: one
//! struct per language. Templates carry `{placeholders}` filled by [`fill`]; numbers are
//! formatted by [`Lang`] in the language's convention (€ 1.234 or €1,234).

use crate::vocab::Words;

/// Language of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Dutch, the default: the readers are Dutch employers.
    #[default]
    Nl,
    En,
}

impl Lang {
    /// All the texts of this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }

    /// The ISO code, for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Lang::Nl => ('.', ','),
            Lang::En => (',', '.'),
        }
    }

    /// A number with `decimals` decimals and grouped thousands; a minus sign (−) when negative.
    pub fn number(self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return if x.is_nan() {
                "–".to_owned()
            } else if x > 0.0 {
                "∞".to_owned()
            } else {
                "−∞".to_owned()
            };
        }
        let (thousands, point) = self.separators();
        let text = format!("{:.*}", decimals, x.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::with_capacity(text.len() + 4);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(thousands);
            }
            out.push(ch);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        let zero = out.chars().all(|c| c == '0' || c == thousands || c == point);
        if x < 0.0 && !zero {
            format!("−{out}")
        } else {
            out
        }
    }

    /// A number with at most two decimals, trailing zeros dropped (0,6; 1.5; 12).
    pub fn short(self, x: f64) -> String {
        let s = self.number(x, 2);
        let (_, point) = self.separators();
        if s.contains(point) {
            s.trim_end_matches('0').trim_end_matches(point).to_owned()
        } else {
            s
        }
    }

    /// Euros rounded to whole euros: "€ 1.234" (nl), "€1,234" (en).
    pub fn money(self, x: f64) -> String {
        self.money_with(x, 0)
    }

    /// Euros, with cents when the amount is small and not whole (wages, tariffs).
    pub fn money_exact(self, x: f64) -> String {
        let cents = x.abs() < 1000.0 && (x - x.round()).abs() > 0.004;
        self.money_with(x, if cents { 2 } else { 0 })
    }

    fn money_with(self, x: f64, decimals: usize) -> String {
        let n = self.number(x, decimals);
        match (self, n.strip_prefix('−')) {
            (Lang::Nl, Some(abs)) => format!("€ −{abs}"),
            (Lang::Nl, None) => format!("€ {n}"),
            (Lang::En, Some(abs)) => format!("−€{abs}"),
            (Lang::En, None) => format!("€{n}"),
        }
    }

    /// Names as a list in words: "a", "a en b", "a, b en c" ("a, b and c").
    pub fn list(self, names: &[&str]) -> String {
        let and = if self == Lang::Nl { " en " } else { " and " };
        match names {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [head @ .., last] => format!("{}{and}{last}", head.join(", ")),
        }
    }

    /// A share 0..1 as a percentage with `decimals` decimals: "74%".
    pub fn percent(self, share: f64, decimals: usize) -> String {
        format!("{}%", self.number(share * 100.0, decimals))
    }

    /// A share as a percentage with at most one decimal, trailing zero dropped: "1,5%", "8%".
    pub fn percent_short(self, share: f64) -> String {
        let s = self.number(share * 100.0, 1);
        let (_, point) = self.separators();
        let s = s.strip_suffix(&format!("{point}0")).unwrap_or(&s).to_owned();
        format!("{s}%")
    }

    /// Chart tick formatter for euros (a plain `fn` so charts can hold it).
    pub fn money_tick(self) -> fn(f64) -> String {
        match self {
            Lang::Nl => |x| Lang::Nl.money(x),
            Lang::En => |x| Lang::En.money(x),
        }
    }
}

/// Replaces each `{key}` in `template` by its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// Title, axis descriptions and the one sentence that says what to read in a chart.
#[derive(Debug)]
pub struct ChartText {
    pub title: &'static str,
    pub x: &'static str,
    pub y: &'static str,
    pub caption: &'static str,
}

/// All texts of one language.
#[derive(Debug)]
pub struct Text {
    pub lang: Lang,
    // Document.
    pub doc_title: &'static str,
    pub subtitle: &'static str,
    pub sec_answer: &'static str,
    pub sec_comparison: &'static str,
    pub sec_charts: &'static str,
    pub sec_assumptions: &'static str,
    pub sec_method: &'static str,
    pub sec_parties: &'static str,
    /// Header: who and when (`[report]`).
    pub meta_employer: &'static str,
    pub meta_candidate: &'static str,
    pub meta_adviser: &'static str,
    pub meta_date: &'static str,

    // The answer: how often the placement pays off.
    pub verdict_never: &'static str,
    pub verdict_almost_never: &'static str,
    pub verdict_k_of_10: &'static str,
    pub verdict_half: &'static str,
    pub verdict_almost_always: &'static str,
    pub verdict_always: &'static str,
    pub break_even_month: &'static str,
    pub break_even_none: &'static str,
    /// Median break-even with its calendar month: {month}, {calendar}.
    pub break_even_month_calendar: &'static str,
    pub mean_gain: &'static str,
    /// The interval of the expected NPV includes zero: {mean}, {lo}, {hi}, {p10}, {p90}.
    pub mean_neutral: &'static str,
    /// Every arrangement loses on average: {best} loses least, {missing} is missing.
    pub all_lose: &'static str,
    /// A paired difference whose 95% interval excludes zero: {a} better than {b} by {diff}.
    pub pair_clear: &'static str,
    /// A paired difference whose 95% interval includes zero.
    pub pair_unclear: &'static str,
    pub mean_loss: &'static str,
    pub best: &'static str,
    pub best_unsure: &'static str,
    pub same: &'static str,

    // Comparison table.
    pub th_arrangement: &'static str,
    pub th_npv: &'static str,
    pub th_range: &'static str,
    pub th_p_positive: &'static str,
    pub th_break_even: &'static str,
    pub th_retention: &'static str,
    /// The paired mean difference in NPV against the baseline: {baseline}.
    pub th_vs_baseline: &'static str,
    pub table_break_even_month: &'static str,
    pub table_break_even_none: &'static str,
    pub table_note: &'static str,
    pub best_mark_title: &'static str,
    /// The table of the money from each instrument.
    pub instruments_heading: &'static str,
    pub instruments_intro: &'static str,
    pub th_line: &'static str,
    /// A share of placements in which an instrument did not apply: {share}, {instrument},
    /// {reason} (from [`crate::report::not_applied`]).
    pub instrument_not_applied: &'static str,
    /// The reason when the instrument is not for the (only) placement's worker: {condition}.
    pub not_for_worker: &'static str,
    /// The reason when it is not for the workers of some placements: {condition},
    /// {placements}.
    pub not_for_placements: &'static str,
    /// The reason when none is known.
    pub instrument_not_applied_unknown: &'static str,
    pub instruments_none: &'static str,
    /// A pass-through line in the instruments table: {line}.
    pub pass_through: &'static str,
    /// The bill a pass-through pays, below it: {line}.
    pub pass_through_bill: &'static str,
    /// Calendar month "{month} {year}".
    pub calendar_month: &'static str,
    pub baseline: &'static str,
    /// Display name of the built-in "no support" baseline.
    pub baseline_name: &'static str,

    // Charts.
    pub chart_npv: ChartText,
    pub chart_s_curve: ChartText,
    pub chart_fan: ChartText,
    pub chart_composition: ChartText,
    pub chart_retention: ChartText,
    pub chart_productivity: ChartText,
    pub chart_difference: ChartText,
    pub legend_p_positive: &'static str,
    pub legend_median: &'static str,
    pub legend_inner: &'static str,
    pub legend_outer: &'static str,
    pub legend_difference: &'static str,
    pub net_nominal: &'static str,
    /// The composition chart's bar of the smaller lines: {n} lines.
    pub other_lines: &'static str,
    pub no_comparison: &'static str,

    // Assumptions.
    pub placement_heading: &'static str,
    pub th_input: &'static str,
    pub th_assumption: &'static str,
    pub fact_count: &'static str,
    pub fact_start: &'static str,
    pub fact_contract_end: &'static str,
    pub fact_wage_wml: &'static str,
    pub fact_holiday_pay: &'static str,
    pub fact_pay_contract: &'static str,
    pub fact_pay_worked: &'static str,
    pub fact_sick_pay: &'static str,
    pub fact_ramp_exponential: &'static str,
    pub fact_ramp_linear: &'static str,
    pub fact_ramp_s_curve: &'static str,
    pub fact_sick_months: &'static str,
    pub fact_pool: &'static str,
    pub fact_jobcoach_norm: &'static str,
    /// A `[[correlation]]`: {a}, {b} (input names) and {rho}.
    pub fact_correlation: &'static str,
    pub line_cost: &'static str,
    pub line_benefit: &'static str,
    pub timing_once: &'static str,
    pub timing_monthly: &'static str,

    // Distributions in words.
    pub dist_uniform: &'static str,
    pub dist_mode: &'static str,
    pub dist_bounded: &'static str,
    pub dist_spread: &'static str,
    /// Load capacity's volatility in the adviser's words: the 90% interval of a month.
    pub capacity_range: &'static str,
    pub dist_points: &'static str,
    pub dist_bernoulli: &'static str,
    pub unit_hours_per_week: &'static str,
    pub unit_hours_per_month: &'static str,
    pub unit_months: &'static str,
    pub unit_per_hour: &'static str,
    pub unit_per_month: &'static str,

    // Peaks, arrangements, rates.
    pub peaks_heading: &'static str,
    pub no_peaks: &'static str,
    pub th_peak: &'static str,
    pub th_months: &'static str,
    pub th_value_multiplier: &'static str,
    pub th_availability: &'static str,
    pub th_cost_multiplier: &'static str,
    pub month_names: [&'static str; 12],
    pub arrangements_heading: &'static str,
    pub no_instruments: &'static str,
    /// Before the placement keys an arrangement changes.
    pub arrangement_changes: &'static str,
    /// An arrangement without the placement's jobcoach.
    pub arrangement_no_jobcoach: &'static str,
    /// Under the placements when a jobcoach coaches: its effects are assumptions.
    pub jobcoach_assumption: &'static str,
    pub rates_heading: &'static str,
    pub rates_intro: &'static str,
    /// Under the rates table: {n} figures of the preset this run does not use.
    pub rates_left_out: &'static str,
    pub th_figure: &'static str,
    pub th_values: &'static str,
    pub th_source: &'static str,
    pub value_from: &'static str,
    pub no_limit: &'static str,
    pub overridden: &'static str,
    /// After a value that is announced but not yet law.
    pub announced: &'static str,
    /// Figures of the run that are not published law: `{list}`.
    pub not_published: &'static str,
    /// One item of `not_published`: `{figure}` and `{from}`.
    pub figure_indexed: &'static str,
    pub figure_announced: &'static str,
    pub figure_override: &'static str,

    // Method.
    pub method_runs: &'static str,
    pub method_mcse: &'static str,
    pub method_discount: &'static str,
    pub method_monthly: &'static str,
    pub method_versions: &'static str,
    pub method_reproducible: &'static str,

    // Every party's view.
    pub parties_intro: &'static str,
    pub parties_left_out: &'static str,
    pub parties_combined: &'static str,
    pub th_party: &'static str,
    pub party_business_case: &'static str,
    pub party_context: &'static str,

    // Workbook.
    pub sheet_parties: &'static str,
    /// Columns of the workbook's parties sheet.
    pub xlsx_parties: [&'static str; 9],
    pub sheet_summary: &'static str,
    pub sheet_comparison: &'static str,
    pub sheet_monthly: &'static str,
    pub sheet_assumptions: &'static str,
    pub sheet_rates: &'static str,
    /// Assumptions sheet: an instrument's share of placements in which it did not apply.
    pub xlsx_not_applied: &'static str,
    pub sheet_ledger: &'static str,
    pub sheet_charts: &'static str,
    /// Columns of the rates sheet.
    pub xlsx_rates: [&'static str; 7],
    /// Columns of the ledger sheet.
    pub xlsx_ledger: [&'static str; 5],
    /// Columns of the charts sheet's data: bin from, bin to (then one per arrangement).
    pub xlsx_charts: [&'static str; 3],
    pub th_placement: &'static str,
    pub th_kind: &'static str,
    /// Columns of the workbook's summary sheet (the employer lines follow).
    pub xlsx_summary: [&'static str; 20],
    pub xlsx_comparison: [&'static str; 8],
    pub xlsx_monthly: [&'static str; 17],
    /// Rows of run facts on the assumptions sheet.
    pub xlsx_meta: [&'static str; 11],
}

impl Text {
    /// The name of an input of a placement, by its key path.
    pub fn input_name(&self, path: &str) -> Option<&'static str> {
        let nl = self.lang == Lang::Nl;
        let (n, e) = match path {
            "hours_per_week" => ("Contracturen", "Contract hours"),
            "count" => (
                "Aantal in de groep (klasgrootte)",
                "Number in the group (class size)",
            ),
            "wage" => ("Bruto uurloon", "Gross hourly wage"),
            "value_per_productive_hour" => (
                "Waarde van een volledig productief uur",
                "Value of one fully productive hour",
            ),
            "employer_burden" => (
                "Werkgeverslasten (premies, pensioen)",
                "Employer burden (premiums, pension)",
            ),
            "productivity.start" => (
                "Productiviteit (loonwaarde) bij de start",
                "Productivity (loonwaarde) at the start",
            ),
            "productivity.target" => ("Productiviteit na inwerken", "Productivity once trained"),
            "productivity.ramp_months" => (
                "Inwerktijd tot 90% van de groei (goed begeleide maanden)",
                "Ramp-up to 90% of the gain (well-supervised months)",
            ),
            "capacity.typical" => (
                "Belastbaarheid (deel van de contracturen)",
                "Load capacity (share of contract hours)",
            ),
            "capacity.volatility" => (
                "Schommeling van de belastbaarheid",
                "Fluctuation of load capacity",
            ),
            "capacity.persistence" => (
                "Doorwerking van een schommeling naar de volgende maand",
                "Persistence of a fluctuation into the next month",
            ),
            "capacity.sick_start_probability" => (
                "Kans per maand dat ziekte begint",
                "Monthly probability that sickness starts",
            ),
            "supervision.initial_hours_per_week" => ("Begeleiding bij de start", "Supervision at the start"),
            "supervision.steady_hours_per_week" => ("Begeleiding op den duur", "Supervision in the long run"),
            "supervision.halving_months" => {
                ("Halveringstijd van de begeleiding", "Halving time of supervision")
            }
            "supervision.supervisor_cost" => {
                ("Kosten van een uur werkbegeleiding", "Cost of a supervisor hour")
            }
            "supervision.available_hours_per_week" => {
                ("Beschikbare begeleidingsuren", "Supervisor hours available")
            }
            "dropout.monthly" => ("Kans op uitval per maand", "Monthly dropout probability"),
            "dropout.shortfall_factor" => (
                "Extra uitval bij te weinig begeleiding (factor)",
                "Extra dropout when supervision falls short (factor)",
            ),
            "dropout.exit_cost" => ("Kosten bij uitval", "Cost of a dropout"),
            "jobcoach.tariff_per_hour" => ("Tarief jobcoach", "Jobcoach tariff"),
            "jobcoach.hours_per_month" => ("Uren jobcoach", "Jobcoach hours"),
            "jobcoach.supervision_share" => (
                "Begeleidingsuren die één uur jobcoach overneemt",
                "Supervision hours one jobcoach hour takes over",
            ),
            "jobcoach.dropout_factor" => (
                "Uitval in een maand met jobcoach (factor)",
                "Dropout in a coached month (factor)",
            ),
            "jobcoach.learning_factor" => (
                "Leren in een maand met jobcoach (factor)",
                "Learning in a coached month (factor)",
            ),
            _ => return None,
        };
        Some(if nl { n } else { e })
    }

    /// The name of a ledger line in the employer's terms; `None` for lines the scenario named.
    pub fn line_name(&self, line: &str) -> Option<&'static str> {
        let nl = self.lang == Lang::Nl;
        let (n, e) = match line {
            "production_value" => ("Waarde van het werk", "Value of the work"),
            "wage" => ("Loon", "Wage"),
            "employer_burden" => ("Werkgeverslasten", "Employer burden"),
            "supervision" => ("Werkbegeleiding", "Supervision"),
            "jobcoach" => ("Jobcoach", "Jobcoach"),
            "exit_cost" => ("Kosten bij uitval", "Cost of dropout"),
            // Names a scenario may give its own lines for the same flows.
            "loonkostensubsidie" => ("Loonkostensubsidie", "Wage-cost subsidy (LKS)"),
            // The benefit no longer paid while the worker works (against no placement).
            "bijstand" => ("Bijstand die niet meer betaald wordt", "Bijstand no longer paid"),
            "wajong" => ("Wajong die niet meer betaald wordt", "Wajong no longer paid"),
            "ww" => ("WW die niet meer betaald wordt", "WW no longer paid"),
            "wia" => ("WIA die niet meer betaald wordt", "WIA no longer paid"),
            "no_risk" => ("No-riskpolis", "No-risk policy"),
            // The employer's duties (`[employer]`).
            crate::model::SROI_LINE => ("SROI-verplichting ingevuld", "SROI obligation met"),
            crate::model::QUOTUMHEFFING_LINE => ("Quotumheffing vermeden", "Quota levy avoided"),
            // The class's own lines ([cohort]).
            crate::cohort::STIPEND_LINE => ("Stagevergoeding", "Internship allowance (stagevergoeding)"),
            crate::cohort::RECRUITMENT_LINE => (
                "Wervingskosten vermeden (aangenomen leerlingen)",
                "Recruitment cost avoided (pupils hired)",
            ),
            // The instruments' own lines, in the words of their schemes.
            _ => return crate::instruments::line_words(line).map(|w| self.pick(w)),
        };
        Some(if nl { n } else { e })
    }

    /// The name of a party of the ledger (`employer`, `gemeente`, …), as the report says it.
    pub fn party_name(&self, party: &str) -> String {
        let nl = self.lang == Lang::Nl;
        let (n, e) = match party {
            "employer" => ("Werkgever", "Employer"),
            "worker" => ("Werknemer", "Worker"),
            "gemeente" => ("Gemeente", "Gemeente (municipality)"),
            "uwv" => ("UWV", "UWV"),
            "rijk" => ("Rijk", "Central government"),
            "school" => ("School", "School"),
            "provider" => (
                "Aanbieder (jobcoach, detacheerder)",
                "Provider (jobcoach, secondment)",
            ),
            "belastingdienst" => ("Belastingdienst", "Tax office (Belastingdienst)"),
            other => return other.to_owned(),
        };
        (if nl { n } else { e }).to_owned()
    }

    /// The name of a financing instrument by its `kind` in the scenario.
    pub fn instrument_name(&self, kind: &str) -> Option<&'static str> {
        crate::instruments::name(kind).map(|w| self.pick(w))
    }

    /// The text of this language.
    fn pick(&self, words: Words) -> &'static str {
        match self.lang {
            Lang::Nl => words.nl,
            Lang::En => words.en,
        }
    }
}

/// Dutch.
pub static NL: Text = Text {
    lang: Lang::Nl,
    doc_title: "Businesscase voor de werkgever",
    subtitle: "{placements} plaatsing(en) · {horizon} maanden vanaf {start} · {iterations} gesimuleerde toekomsten",
    sec_answer: "Het antwoord",
    sec_comparison: "De financieringsconstructies vergeleken",
    sec_charts: "Grafieken",
    sec_assumptions: "Aannames",
    sec_method: "Methode",
    sec_parties: "Wat levert het partijen op?",
    meta_employer: "Werkgever",
    meta_candidate: "Kandidaat",
    meta_adviser: "Opgesteld door",
    meta_date: "Datum",

    verdict_never: "{name}: deze plaatsing verdient zich in geen enkele gesimuleerde toekomst terug binnen {horizon} maanden.",
    verdict_almost_never: "{name}: deze plaatsing verdient zich bijna nooit terug: in minder dan 1 van de 20 gesimuleerde toekomsten",
    verdict_k_of_10: "{name}: deze plaatsing verdient zich in {k} van de 10 gesimuleerde toekomsten terug",
    verdict_half: "{name}: deze plaatsing verdient zich in ongeveer de helft van de gesimuleerde toekomsten terug",
    verdict_almost_always: "{name}: deze plaatsing verdient zich vrijwel altijd terug: in meer dan 19 van de 20 gesimuleerde toekomsten",
    verdict_always: "{name}: deze plaatsing verdient zich in elke gesimuleerde toekomst terug",
    break_even_month: ", in de helft van alle toekomsten al binnen {month} maanden.",
    break_even_none: " binnen {horizon} maanden.",
    break_even_month_calendar: ", in de helft van alle toekomsten al binnen {month} maanden ({calendar}).",
    mean_gain: "Gemiddeld levert de plaatsing de werkgever {amount} op (netto contante waarde over {horizon} maanden); in 8 van de 10 toekomsten ligt de uitkomst tussen {p10} en {p90}.",
    mean_loss: "Gemiddeld kost de plaatsing de werkgever {amount} (netto contante waarde over {horizon} maanden); in 8 van de 10 toekomsten ligt de uitkomst tussen {p10} en {p90}.",
    mean_neutral: "Gemiddeld is de plaatsing voor de werkgever ongeveer kostenneutraal: de verwachte netto contante waarde over {horizon} maanden is {mean}, met een 95%-interval van {lo} tot {hi}; in 8 van de 10 toekomsten ligt de uitkomst tussen {p10} en {p90}.",
    all_lose: "Geen van de constructies verdient zich gemiddeld terug binnen {horizon} maanden. Het minste verlies geeft {best}: daar ontbreekt gemiddeld {missing} om quitte te spelen.",
    pair_clear: "{a} is gemiddeld {diff} beter dan {b} (95%-interval {lo} tot {hi}), in {p} van de toekomsten.",
    pair_unclear: "{a} is gemiddeld {diff} beter dan {b}, maar dat verschil is niet zeker (95%-interval {lo} tot {hi}); {a} is beter in {p} van de toekomsten.",
    best: "Het voordeligst is {best}.",
    best_unsure: "{best} en {other} ontlopen elkaar niet duidelijk: geen van beide is aantoonbaar voordeliger.",
    same: "{a} en {b} geven in alle gesimuleerde toekomsten dezelfde uitkomst voor de werkgever.",

    th_arrangement: "Financieringsconstructie",
    th_npv: "Verwachte NCW",
    th_range: "NCW in 8 van de 10 toekomsten",
    th_p_positive: "Kans dat het loont (NCW > 0)",
    th_break_even: "Terugverdiend (mediaan)",
    th_retention: "Nog in dienst na {horizon} maanden",
    th_vs_baseline: "Meer dan {baseline} (95%-interval)",
    table_break_even_month: "maand {month}",
    table_break_even_none: "niet binnen {horizon} mnd",
    table_note: "NCW = netto contante waarde voor de werkgever: opbrengsten min kosten over {horizon} maanden, verdisconteerd met {rate} per jaar. Meer dan {baseline} = wat de constructie de werkgever gemiddeld meer oplevert dan {baseline}, in dezelfde gesimuleerde toekomsten vergeleken, met het 95%-interval van dat gemiddelde. ★ = aantoonbaar de hoogste verwachte NCW: het 95%-interval van het verschil met elke andere constructie ligt boven nul.",
    best_mark_title: "aantoonbaar de hoogste verwachte NCW",
    instruments_heading: "Wat elk instrument de werkgever oplevert",
    instruments_intro: "Gemiddeld nominaal bedrag over {horizon} maanden dat de werkgever per regeling ontvangt, per constructie. Een vergoeding die alleen een rekening van de werkgever doorbetaalt (zoals de jobcoach die UWV betaalt) staat hier met die rekening eronder: ze is geen subsidie.",
    th_line: "Regeling",
    instrument_not_applied: "{instrument} was in {share} van de gesimuleerde plaatsingen niet van toepassing of opgeschort: {reason}.",
    not_for_worker: "alleen voor {condition}, en dat is deze werknemer niet",
    not_for_placements: "alleen voor {condition}, en dat zijn de werknemers van {placements} niet",
    instrument_not_applied_unknown: "de voorwaarden van de regeling golden dan niet",
    instruments_none: "Geen van de constructies ontvangt geld uit een regeling.",
    pass_through: "{line} (doorbetaling, geen subsidie)",
    pass_through_bill: "tegenover de rekening „{line}”",
    calendar_month: "{month} {year}",
    baseline: "basis",
    baseline_name: "geen ondersteuning",

    chart_npv: ChartText {
        title: "Hoe vaak verdient de plaatsing zich terug?",
        x: "Netto contante waarde voor de werkgever (€)",
        y: "Aandeel van de gesimuleerde toekomsten",
        caption: "Elke kleur is een financieringsconstructie: alles rechts van de zwarte nullijn is winst, links verlies; een brede verdeling betekent veel onzekerheid.",
    },
    chart_s_curve: ChartText {
        title: "Kans op een uitkomst van hoogstens dit bedrag",
        x: "Netto contante waarde voor de werkgever (€)",
        y: "Kans (cumulatief)",
        caption: "Waar een lijn de nullijn kruist, leest u de kans op verlies af; een lijn die verder naar rechts ligt, is voor de werkgever beter.",
    },
    chart_fan: ChartText {
        title: "Cumulatieve netto kasstroom per maand (verdisconteerd)",
        x: "Maand",
        y: "Cumulatief (€)",
        caption: "Waar de middenlijn boven de nullijn komt, is de plaatsing in de helft van de toekomsten terugverdiend; de banden tonen hoe ver het uiteen kan lopen.",
    },
    chart_composition: ChartText {
        title: "Kosten, opbrengsten en subsidies (gemiddeld, nominaal)",
        x: "€ over de hele looptijd (ontvangen +, betaald −)",
        y: "",
        caption: "Balken naar rechts zijn inkomsten voor de werkgever, naar links uitgaven; de onderste balk is het netto saldo zonder verdiscontering.",
    },
    chart_retention: ChartText {
        title: "Hoeveel plaatsingen lopen nog?",
        x: "Maand",
        y: "Aandeel nog in dienst",
        caption: "De lijn daalt door uitval: hoe hoger ze blijft, hoe langer de werkgever profiteert van een ingewerkte medewerker.",
    },
    chart_productivity: ChartText {
        title: "Productiviteit (loonwaarde) per maand",
        x: "Maand",
        y: "T.o.v. een volledig productieve collega",
        caption: "De middenlijn toont hoe snel de medewerker productief wordt; de banden tonen hoe verschillend dat kan uitpakken.",
    },
    chart_difference: ChartText {
        title: "Verschil in NCW: {best} tegenover de andere constructies",
        x: "Verschil in netto contante waarde (€)",
        y: "Kans (cumulatief)",
        caption: "Rechts van de nullijn is {best} beter; hoe lager een lijn de nullijn kruist, hoe zekerder dat voordeel.",
    },
    legend_p_positive: "{name} — kans NCW > 0: {p}",
    legend_median: "mediaan",
    legend_inner: "25%–75% van de toekomsten",
    legend_outer: "10%–90% van de toekomsten",
    legend_difference: "{a} − {b}: {a} beter in {p}",
    other_lines: "Overig ({n} regels)",
    net_nominal: "Netto (nominaal)",
    no_comparison: "Er is één financieringsconstructie doorgerekend, dus er is geen verschil om te tonen.",

    placement_heading: "Plaatsing „{name}”",
    th_input: "Invoer",
    th_assumption: "Aanname",
    fact_count: "Aantal plaatsingen: {n}",
    fact_start: "Start in maand {month} ({calendar})",
    fact_contract_end: "Contract loopt tot maand {month}",
    fact_wage_wml: "Loon: het wettelijk minimumloon dat elke maand geldt",
    fact_holiday_pay: "Vakantiegeld: {share}",
    fact_pay_contract: "Betaald voor de contracturen",
    fact_pay_worked: "Betaald voor de gewerkte uren",
    fact_sick_pay: "Loondoorbetaling bij ziekte: {first} in het eerste jaar, {second} in het tweede",
    fact_ramp_exponential: "Groei van de productiviteit: eerst snel, daarna langzamer",
    fact_ramp_linear: "Groei van de productiviteit: gelijkmatig",
    fact_ramp_s_curve: "Groei van de productiviteit: eerst langzaam, dan sneller, dan afvlakkend",
    fact_sick_months: "Duur van een ziekteperiode: {dist}",
    fact_pool: "Begeleidingsuren gedeeld in de groep „{pool}”: {dist}",
    fact_jobcoach_norm: "Jobcoachuren volgens de norm van de regeling",
    fact_correlation: "Samenhang tussen „{a}” en „{b}”: correlatie {rho} (Gaussische copula)",
    line_cost: "Kosten „{name}”",
    line_benefit: "Opbrengst „{name}”",
    timing_once: "{amount}, eenmalig in maand {month}",
    timing_monthly: "{amount} per maand, van maand {from} tot en met {to}",

    dist_uniform: "tussen {min} en {max}{unit}, elke waarde even waarschijnlijk",
    dist_mode: "tussen {min} en {max}{unit}, meest waarschijnlijk {mode}",
    dist_bounded: " (begrensd tussen {min} en {max})",
    dist_spread: "meestal tussen {p5} en {p95}{unit} (9 van de 10 keer), mediaan {p50}",
    capacity_range: "in een gewone maand tussen {lo} en {hi} van de contracturen (9 van de 10 maanden; σ {sigma} op de logit-schaal)",
    dist_points: "een van: {points}",
    dist_bernoulli: "ja in {p} van de gevallen",
    unit_hours_per_week: " uur per week",
    unit_hours_per_month: " uur per maand",
    unit_months: " maanden",
    unit_per_hour: " per uur",
    unit_per_month: " per maand",

    peaks_heading: "Piekperiodes",
    no_peaks: "Geen piekperiodes.",
    th_peak: "Piek",
    th_months: "Maanden",
    th_value_multiplier: "Waarde van het werk",
    th_availability: "Beschikbare begeleiding",
    th_cost_multiplier: "Kosten begeleidingsuur",
    month_names: [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ],
    arrangements_heading: "Financieringsconstructies",
    no_instruments: "geen regelingen: de werkgever draagt alles zelf",
    arrangement_changes: "anders dan in de plaatsing",
    arrangement_no_jobcoach: "zonder jobcoach",
    jobcoach_assumption: "Wat een jobcoach verandert, is een aanname: geen onderzoek geeft een getal voor de begeleidingsuren die een uur jobcoach overneemt, of voor minder uitval en sneller leren. Tenzij het scenario het anders zegt, neemt een uur jobcoach een half uur begeleiding over en verandert de jobcoach uitval en leren alleen via die begeleiding.",
    rates_heading: "Wettelijke bedragen",
    rates_left_out: "De {n} andere bedragen van de tarievenset gebruikt deze berekening niet (of alleen buiten de looptijd); het rekenblad (blad Tarieven) geeft ze alle, met hun volledige bron.",
    rates_intro: "Tarievenset {preset}. Na de laatst gepubliceerde waarde ({until}) groeit het minimumloon met {growth} per jaar.",
    th_figure: "Bedrag of regel",
    th_values: "Waarde",
    th_source: "Bron",
    value_from: "{value} vanaf {from}",
    no_limit: "geen grens",
    overridden: " (aangepast in het scenario)",
    announced: " (aangekondigd, nog geen wet)",
    not_published: "Niet alle bedragen die deze berekening gebruikt zijn al wet: {list}.",
    figure_indexed: "{figure} vanaf {from} geschat met de aangenomen groei",
    figure_announced: "{figure} vanaf {from} zoals aangekondigd door het kabinet",
    figure_override: "{figure} vanaf {from} zoals in het scenario gegeven",

    method_runs: "De plaatsing is {iterations} keer doorgerekend, maand voor maand, telkens met andere toevallige uitkomsten voor de onzekere aannames (Monte-Carlosimulatie, startgetal {seed}). Alle financieringsconstructies zien in elke doorrekening dezelfde toevalstrekkingen, zodat verschillen alleen door de regelingen komen.",
    method_mcse: "Monte-Carlofout van de verwachte NCW: {items}.",
    method_discount: "Bedragen in de tijd zijn verdisconteerd met {rate} per jaar.",
    method_monthly: "De maandbanden zijn berekend op {n} doorrekeningen.",
    method_versions: "Model {model}, inclusim {version}, scenariobestand {file} (SHA-256 {digest}: zo is na te gaan dat het rapport bij dit bestand hoort).",
    method_reproducible: "Dit rapport bevat geen datum of tijd: hetzelfde scenario met hetzelfde startgetal en aantal doorrekeningen geeft precies hetzelfde rapport.",

    parties_intro: "Per partij wat zij ontvangt min wat zij betaalt, opgeteld over {horizon} maanden (nominaal, niet verdisconteerd): het gemiddelde, met daaronder de band waarin 90% van de gesimuleerde toekomsten valt. De uitkering die niet meer betaald wordt terwijl de werknemer werkt, telt als opbrengst voor wie haar betaalt (bijstand: gemeente; Wajong, WW, WIA: UWV), tegenover geen plaatsing, waarin de werknemer de hele periode de uitkering zou houden. De werkgever is de businesscase (de netto contante waarde hierboven is die van de werkgever); de andere partijen zijn context.",
    parties_left_out: "Niet meegenomen: belastingen, heffingskortingen en toeslagen aan de kant van de werknemer (het loon staat bruto; voor de bijstand telt een aangenomen deel ervan, standaard 90%, als netto inkomen), premies en belastingen die de overheid terugkrijgt, en de uitvoeringskosten van gemeente en UWV.",
    parties_combined: "De werkgever is hier zelf de {party}: geld tussen beide (gemiddeld tot {amount}, zoals de LKS) blijft binnen de organisatie en telt niet als geld van buiten. Werkgever en {party} staan daarom als één partij in de tabel; de netto contante waarde hierboven is die van de werkgever alleen.",
    th_party: "Partij",
    party_business_case: "businesscase",
    party_context: "context",

    sheet_parties: "Partijen",
    xlsx_parties: [
        "Regeling",
        "Partij",
        "Rol",
        "Gemiddeld saldo (nominaal)",
        "Standaardfout",
        "P5",
        "P50",
        "P95",
        "Intern (werkgever is deze partij)",
    ],
    sheet_summary: "Samenvatting",
    sheet_comparison: "Vergelijking",
    sheet_monthly: "Per maand",
    sheet_assumptions: "Aannames",
    sheet_rates: "Tarieven",
    xlsx_not_applied: "deel van de gesimuleerde plaatsingen waarin de regeling niet van toepassing was of was opgeschort",
    sheet_ledger: "Geldstromen",
    sheet_charts: "Grafieken",
    xlsx_rates: [
        "Sleutel",
        "Omschrijving",
        "Eenheid",
        "Vanaf",
        "Waarde",
        "Status",
        "Bron",
    ],
    xlsx_ledger: [
        "Financieringsconstructie",
        "Betaler",
        "Ontvanger",
        "Gemiddeld bedrag (nominaal)",
        "Regels",
    ],
    xlsx_charts: ["NCW van", "NCW tot", "Maand"],
    th_placement: "Plaatsing",
    th_kind: "Verdeling",
    xlsx_summary: [
        "Financieringsconstructie",
        "Verwachte NCW",
        "Monte-Carlofout",
        "Standaardafwijking",
        "NCW p5",
        "NCW p10",
        "NCW p25",
        "NCW p50",
        "NCW p75",
        "NCW p90",
        "NCW p95",
        "NCW minimum",
        "NCW maximum",
        "Kans NCW > 0",
        "Standaardfout kans",
        "Gemiddelde slechtste 5%",
        "Terugverdiend (mediaan, maand)",
        "Kans terugverdiend binnen looptijd",
        "Nog in dienst aan het eind",
        "Ontvangen van publieke betalers (nominaal, incl. doorbetalingen)",
    ],
    xlsx_comparison: [
        "A",
        "B",
        "Gemiddeld verschil NCW (A − B)",
        "95%-interval onder",
        "95%-interval boven",
        "Standaardafwijking verschil",
        "Kans A beter",
        "Verschil kans NCW > 0",
    ],
    xlsx_monthly: [
        "Financieringsconstructie",
        "Maand",
        "Kalendermaand",
        "Aandeel in dienst",
        "Gemiddelde productiviteit",
        "Cumulatief p5",
        "Cumulatief p10",
        "Cumulatief p25",
        "Cumulatief p50",
        "Cumulatief p75",
        "Cumulatief p90",
        "Cumulatief p95",
        "Productiviteit p10",
        "Productiviteit p25",
        "Productiviteit p50",
        "Productiviteit p75",
        "Productiviteit p90",
    ],
    xlsx_meta: [
        "Scenario",
        "Scenariobestand",
        "Startgetal (seed)",
        "Doorrekeningen",
        "Looptijd (maanden)",
        "Eerste maand",
        "Disconteringsvoet per jaar",
        "Tarievenset",
        "Modelversie",
        "inclusim-versie",
        "SHA-256 van het scenariobestand",
    ],
};

/// English.
pub static EN: Text = Text {
    lang: Lang::En,
    doc_title: "The employer's business case",
    subtitle: "{placements} placement(s) · {horizon} months from {start} · {iterations} simulated futures",
    sec_answer: "The answer",
    sec_comparison: "The financing arrangements compared",
    sec_charts: "Charts",
    sec_assumptions: "Assumptions",
    sec_method: "Method",
    sec_parties: "What does it yield each party?",
    meta_employer: "Employer",
    meta_candidate: "Candidate",
    meta_adviser: "Prepared by",
    meta_date: "Date",

    verdict_never: "{name}: this placement pays for itself in none of the simulated futures within {horizon} months.",
    verdict_almost_never: "{name}: this placement almost never pays for itself: in fewer than 1 in 20 simulated futures",
    verdict_k_of_10: "{name}: this placement pays for itself in {k} out of 10 simulated futures",
    verdict_half: "{name}: this placement pays for itself in about half of the simulated futures",
    verdict_almost_always: "{name}: this placement almost always pays for itself: in more than 19 out of 20 simulated futures",
    verdict_always: "{name}: this placement pays for itself in every simulated future",
    break_even_month: ", in half of all futures within {month} months.",
    break_even_none: " within {horizon} months.",
    break_even_month_calendar: ", in half of all futures within {month} months ({calendar}).",
    mean_gain: "On average it gains the employer {amount} (net present value over {horizon} months); in 8 out of 10 futures the outcome lies between {p10} and {p90}.",
    mean_loss: "On average it costs the employer {amount} (net present value over {horizon} months); in 8 out of 10 futures the outcome lies between {p10} and {p90}.",
    mean_neutral: "On average the placement is about cost-neutral for the employer: the expected net present value over {horizon} months is {mean}, with a 95% interval from {lo} to {hi}; in 8 out of 10 futures the outcome lies between {p10} and {p90}.",
    all_lose: "None of the arrangements pays for itself on average within {horizon} months. {best} loses least: on average {missing} is missing to break even.",
    pair_clear: "{a} is on average {diff} better than {b} (95% interval {lo} to {hi}), in {p} of the futures.",
    pair_unclear: "{a} is on average {diff} better than {b}, but that difference is not certain (95% interval {lo} to {hi}); {a} is better in {p} of the futures.",
    best: "The best choice is {best}.",
    best_unsure: "{best} and {other} cannot be told apart: neither is demonstrably better.",
    same: "{a} and {b} give the employer the same outcome in every simulated future.",

    th_arrangement: "Financing arrangement",
    th_npv: "Expected NPV",
    th_range: "NPV in 8 out of 10 futures",
    th_p_positive: "Chance it pays (NPV > 0)",
    th_break_even: "Break-even (median)",
    th_retention: "Still employed after {horizon} months",
    th_vs_baseline: "More than {baseline} (95% interval)",
    table_break_even_month: "month {month}",
    table_break_even_none: "not within {horizon} mo",
    table_note: "NPV = the employer's net present value: benefits minus costs over {horizon} months, discounted at {rate} a year. More than {baseline} = how much more the arrangement yields the employer on average than {baseline}, compared in the same simulated futures, with the 95% interval of that mean. ★ = demonstrably the highest expected NPV: the 95% interval of the difference with every other arrangement lies above zero.",
    best_mark_title: "demonstrably the highest expected NPV",
    instruments_heading: "What each instrument brings the employer",
    instruments_intro: "Mean nominal amount over {horizon} months the employer receives from each scheme, per arrangement. A payment that only passes on one of the employer's bills (such as the jobcoach paid by UWV) is shown with that bill below it: it is not a subsidy.",
    th_line: "Scheme",
    instrument_not_applied: "{instrument} did not apply or was suspended in {share} of the simulated placements: {reason}.",
    not_for_worker: "it is only for {condition}, which this worker is not",
    not_for_placements: "it is only for {condition}, which the workers of {placements} are not",
    instrument_not_applied_unknown: "the scheme's conditions did not hold then",
    instruments_none: "None of the arrangements receives money from a scheme.",
    pass_through: "{line} (a pass-through, not a subsidy)",
    pass_through_bill: "against the bill “{line}”",
    calendar_month: "{month} {year}",
    baseline: "baseline",
    baseline_name: "no support",

    chart_npv: ChartText {
        title: "How often does the placement pay for itself?",
        x: "Employer's net present value (€)",
        y: "Share of simulated futures",
        caption: "Each colour is a financing arrangement: everything right of the black zero line is a gain, left of it a loss; a wide distribution means much uncertainty.",
    },
    chart_s_curve: ChartText {
        title: "Chance of an outcome of at most this amount",
        x: "Employer's net present value (€)",
        y: "Probability (cumulative)",
        caption: "Where a line crosses the zero line you read the chance of a loss; a line further to the right is better for the employer.",
    },
    chart_fan: ChartText {
        title: "Cumulative net cash by month (discounted)",
        x: "Month",
        y: "Cumulative (€)",
        caption: "Where the middle line rises above the zero line, the placement has paid for itself in half of the futures; the bands show how far outcomes can spread.",
    },
    chart_composition: ChartText {
        title: "Costs, benefits and subsidies (mean, nominal)",
        x: "€ over the whole horizon (received +, paid −)",
        y: "",
        caption: "Bars to the right are income for the employer, bars to the left spending; the bottom bar is the net total without discounting.",
    },
    chart_retention: ChartText {
        title: "How many placements are still running?",
        x: "Month",
        y: "Share still employed",
        caption: "The line falls with dropout: the higher it stays, the longer the employer benefits from a trained worker.",
    },
    chart_productivity: ChartText {
        title: "Productivity (loonwaarde) by month",
        x: "Month",
        y: "Relative to a fully productive colleague",
        caption: "The middle line shows how fast the worker becomes productive; the bands show how differently that can turn out.",
    },
    chart_difference: ChartText {
        title: "Difference in NPV: {best} against the other arrangements",
        x: "Difference in net present value (€)",
        y: "Probability (cumulative)",
        caption: "Right of the zero line {best} is better; the lower a line crosses the zero line, the surer that advantage.",
    },
    legend_p_positive: "{name} — chance NPV > 0: {p}",
    legend_median: "median",
    legend_inner: "25%–75% of futures",
    legend_outer: "10%–90% of futures",
    legend_difference: "{a} − {b}: {a} better in {p}",
    other_lines: "Other ({n} lines)",
    net_nominal: "Net (nominal)",
    no_comparison: "One financing arrangement was simulated, so there is no difference to show.",

    placement_heading: "Placement “{name}”",
    th_input: "Input",
    th_assumption: "Assumption",
    fact_count: "Number of placements: {n}",
    fact_start: "Starts in month {month} ({calendar})",
    fact_contract_end: "Contract runs until month {month}",
    fact_wage_wml: "Wage: the legal minimum wage in force each month",
    fact_holiday_pay: "Holiday pay: {share}",
    fact_pay_contract: "Paid for the contract hours",
    fact_pay_worked: "Paid for the hours worked",
    fact_sick_pay: "Wage paid during sickness: {first} in the first year, {second} in the second",
    fact_ramp_exponential: "Productivity grows fast at first, then slower",
    fact_ramp_linear: "Productivity grows evenly",
    fact_ramp_s_curve: "Productivity grows slowly, then faster, then levels off",
    fact_sick_months: "Length of a sickness spell: {dist}",
    fact_pool: "Supervisor hours shared in the group “{pool}”: {dist}",
    fact_jobcoach_norm: "Jobcoach hours follow the norm of the scheme",
    fact_correlation: "Correlation between “{a}” and “{b}”: {rho} (Gaussian copula)",
    line_cost: "Cost “{name}”",
    line_benefit: "Benefit “{name}”",
    timing_once: "{amount}, once in month {month}",
    timing_monthly: "{amount} a month, from month {from} to {to}",

    dist_uniform: "between {min} and {max}{unit}, any value equally likely",
    dist_mode: "between {min} and {max}{unit}, most likely {mode}",
    dist_bounded: " (kept between {min} and {max})",
    dist_spread: "usually between {p5} and {p95}{unit} (9 times out of 10), median {p50}",
    capacity_range: "in a typical month between {lo} and {hi} of the contract hours (9 months out of 10; σ {sigma} on the logit scale)",
    dist_points: "one of: {points}",
    dist_bernoulli: "yes in {p} of cases",
    unit_hours_per_week: " hours a week",
    unit_hours_per_month: " hours a month",
    unit_months: " months",
    unit_per_hour: " an hour",
    unit_per_month: " a month",

    peaks_heading: "Peak periods",
    no_peaks: "No peak periods.",
    th_peak: "Peak",
    th_months: "Months",
    th_value_multiplier: "Value of the work",
    th_availability: "Supervision available",
    th_cost_multiplier: "Cost of a supervisor hour",
    month_names: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    arrangements_heading: "Financing arrangements",
    no_instruments: "no schemes: the employer carries everything",
    arrangement_changes: "changed from the placement",
    arrangement_no_jobcoach: "without a jobcoach",
    jobcoach_assumption: "What a jobcoach changes is an assumption: no study gives a number for the supervision hours a jobcoach hour takes over, or for less dropout and faster learning. Unless the scenario says otherwise, one jobcoach hour takes over half an hour of supervision, and the jobcoach changes dropout and learning only through that supervision.",
    rates_heading: "Legal amounts",
    rates_left_out: "The preset's {n} other figures are not used by this run (or only outside its horizon); the workbook (sheet Rates) lists them all, with their full sources.",
    rates_intro: "Rates preset {preset}. After the last published value ({until}) the minimum wage grows by {growth} a year.",
    th_figure: "Amount or rule",
    th_values: "Value",
    th_source: "Source",
    value_from: "{value} from {from}",
    no_limit: "no limit",
    overridden: " (changed in the scenario)",
    announced: " (announced, not yet law)",
    not_published: "Not every amount this calculation uses is law yet: {list}.",
    figure_indexed: "{figure} from {from} estimated with the assumed growth",
    figure_announced: "{figure} from {from} as announced by the government",
    figure_override: "{figure} from {from} as given in the scenario",

    method_runs: "The placement was simulated {iterations} times, month by month, each time with other random outcomes for the uncertain assumptions (Monte Carlo simulation, seed {seed}). Every financing arrangement sees the same random draws in each run, so differences come from the schemes alone.",
    method_mcse: "Monte Carlo error of the expected NPV: {items}.",
    method_discount: "Amounts over time are discounted at {rate} a year.",
    method_monthly: "The monthly bands are computed from {n} runs.",
    method_versions: "Model {model}, inclusim {version}, scenario file {file} (SHA-256 {digest}: to check that the report belongs to this file).",
    method_reproducible: "This report holds no date or time: the same scenario with the same seed and number of runs gives exactly the same report.",

    parties_intro: "For each party what it receives minus what it pays, summed over {horizon} months (nominal, not discounted): the mean, with below it the band that holds 90% of the simulated futures. The benefit no longer paid while the worker works counts as a gain to whoever pays it (bijstand: the gemeente; Wajong, WW, WIA: UWV), against no placement, in which the worker would keep the benefit for the whole period. The employer's view is the business case (the net present value above is the employer's); the other parties are context.",
    parties_left_out: "Left out: taxes, tax credits and allowances on the worker's side (the wage is gross; for the bijstand an assumed share of it, 90% by default, counts as net income), premiums and taxes the government gets back, and the gemeente's and UWV's costs of administration.",
    parties_combined: "Here the employer is itself the {party}: money between the two (on average up to {amount}, such as the LKS) stays inside the organisation and does not count as outside money. Employer and {party} are therefore one party in the table; the net present value above is the employer's alone.",
    th_party: "Party",
    party_business_case: "business case",
    party_context: "context",

    sheet_parties: "Parties",
    xlsx_parties: [
        "Arrangement",
        "Party",
        "Role",
        "Mean net (nominal)",
        "Standard error",
        "P5",
        "P50",
        "P95",
        "Internal (employer is this party)",
    ],
    sheet_summary: "Summary",
    sheet_comparison: "Comparison",
    sheet_monthly: "Monthly",
    sheet_assumptions: "Assumptions",
    sheet_rates: "Rates",
    xlsx_not_applied: "share of the simulated placements in which the scheme did not apply or was suspended",
    sheet_ledger: "Flows",
    sheet_charts: "Charts",
    xlsx_rates: ["Key", "Description", "Unit", "From", "Value", "Status", "Source"],
    xlsx_ledger: [
        "Financing arrangement",
        "Payer",
        "Payee",
        "Mean amount (nominal)",
        "Lines",
    ],
    xlsx_charts: ["NPV from", "NPV to", "Month"],
    th_placement: "Placement",
    th_kind: "Distribution",
    xlsx_summary: [
        "Financing arrangement",
        "Expected NPV",
        "Monte Carlo error",
        "Standard deviation",
        "NPV p5",
        "NPV p10",
        "NPV p25",
        "NPV p50",
        "NPV p75",
        "NPV p90",
        "NPV p95",
        "NPV minimum",
        "NPV maximum",
        "Chance NPV > 0",
        "Standard error of chance",
        "Mean of worst 5%",
        "Break-even (median, month)",
        "Chance of break-even within horizon",
        "Still employed at the end",
        "Received from public payers (nominal, pass-throughs included)",
    ],
    xlsx_comparison: [
        "A",
        "B",
        "Mean NPV difference (A − B)",
        "95% interval low",
        "95% interval high",
        "Standard deviation of difference",
        "Chance A better",
        "Difference in chance NPV > 0",
    ],
    xlsx_monthly: [
        "Financing arrangement",
        "Month",
        "Calendar month",
        "Share employed",
        "Mean productivity",
        "Cumulative p5",
        "Cumulative p10",
        "Cumulative p25",
        "Cumulative p50",
        "Cumulative p75",
        "Cumulative p90",
        "Cumulative p95",
        "Productivity p10",
        "Productivity p25",
        "Productivity p50",
        "Productivity p75",
        "Productivity p90",
    ],
    xlsx_meta: [
        "Scenario",
        "Scenario file",
        "Seed",
        "Runs",
        "Horizon (months)",
        "First month",
        "Discount rate per year",
        "Rates preset",
        "Model version",
        "inclusim version",
        "SHA-256 of the scenario file",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_and_instrument_line_has_a_name_in_both_languages() {
        let lines = crate::vocab::BUILTIN_LINES
            .iter()
            .copied()
            .chain(crate::instruments::line_names())
            .chain([crate::model::SROI_LINE, crate::model::QUOTUMHEFFING_LINE]);
        for line in lines {
            for text in [&NL, &EN] {
                assert!(
                    text.line_name(line).is_some(),
                    "{line} has no {:?} name",
                    text.lang
                );
            }
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Nl.money(-12345.6), "€ −12.346");
        assert_eq!(Lang::En.money(-12345.6), "−€12,346");
        assert_eq!(Lang::Nl.money(0.3), "€ 0");
        assert_eq!(Lang::Nl.money(-0.3), "€ 0", "no negative zero");
        assert_eq!(Lang::Nl.money_exact(14.71), "€ 14,71");
        assert_eq!(Lang::En.money_exact(27.0), "€27");
        assert_eq!(Lang::Nl.percent(0.746, 0), "75%");
        assert_eq!(Lang::Nl.percent_short(0.015), "1,5%");
        assert_eq!(Lang::En.percent_short(0.08), "8%");
        assert_eq!(Lang::Nl.short(0.6), "0,6");
        assert_eq!(Lang::En.short(1234.5), "1,234.5");
        assert_eq!(Lang::En.number(f64::NAN, 0), "–");
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(fill("{a} en {b}, {a}", &[("a", "x"), ("b", "y")]), "x en y, x");
    }

    #[test]
    fn both_languages_name_the_same_inputs() {
        for path in ["wage", "productivity.start", "dropout.exit_cost"] {
            let (nl, en) = (NL.input_name(path), EN.input_name(path));
            assert!(nl.is_some() && en.is_some() && nl != en, "{path}");
        }
    }
}
