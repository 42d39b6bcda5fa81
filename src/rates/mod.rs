//! Rates: the dated figures of Dutch law and policy that the simulator uses.
//!
//! Every legal or policy figure (minimum wage, LKS forfait, LKV amounts, no-risk polis
//! percentages, …) lives in a *rates preset*, a TOML file embedded in the binary
//! (`nl-2025.toml`, `nl-2026.toml` beside this file), each figure with its unit, its
//! source and the dates from which its values hold. No such figure is a literal in code.
//!
//! This module is responsible for
//! - parsing and validating the embedded presets ([`load_preset`], [`parse_preset`]);
//! - answering, for each simulated month, the figure in force on the first day of that
//!   month ([`Rates::get`]), indexing the minimum wage past its last published value with an
//!   assumed yearly growth (two steps a year, on 1 January and 1 July);
//! - scenario overrides of a figure's dated series or of the assumed growth;
//! - presenting a preset as a table (`inclusim rates`) or as JSON.
//!
//! Rules that *use* the figures (which month's figure an instrument takes, e.g. the LKS
//! uses the 1 January minimum wage for the whole calendar year) belong to the engine and
//! the instruments, not here. See `docs/rates.md`.

pub mod sroi;
mod table;

pub use table::RateTable;

use std::fmt;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::calendar::YearMonth;

/// Largest finite figure accepted: far above any legal amount, and far enough below
/// `f64::MAX` that monthly sums over a run cannot overflow to infinity.
const MAX_FIGURE: f64 = 1e12;

/// The allowed range of a figure's values, checked when a preset is parsed and when a
/// scenario overrides the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Domain {
    /// A share or percentage as a fraction: 0 ≤ v ≤ 1.
    Share,
    /// A finite amount or count ≥ 0.
    NonNegative,
    /// A finite amount or count > 0 (a divisor).
    Positive,
    /// A maximum (amount, duration): finite ≥ 0, or `inf` for "no limit".
    Limit,
    /// A choice between two rules: 0 or 1.
    Switch,
}

impl Domain {
    /// `None` when `value` is allowed, else why not.
    fn check(self, value: f64) -> Option<&'static str> {
        if value.is_nan() {
            return Some("is not a number");
        }
        match self {
            Domain::Limit if value == f64::INFINITY => None,
            _ if !value.is_finite() => Some("must be finite (`inf` is allowed only for limits)"),
            _ if value.abs() > MAX_FIGURE => {
                Some("is too large (at most 1e12): sums over a run would overflow")
            }
            Domain::Share if !(0.0..=1.0).contains(&value) => {
                Some("is a share and must lie between 0 and 1 (write 70% as 0.70)")
            }
            Domain::Positive if value <= 0.0 => Some("must be greater than 0"),
            Domain::Switch if value != 0.0 && value != 1.0 => {
                Some("is a choice between two rules and must be 0 or 1")
            }
            Domain::NonNegative | Domain::Limit if value < 0.0 => Some("must not be negative"),
            _ => None,
        }
    }
}

macro_rules! define_figures {
    ($( $(#[$doc:meta])* $variant:ident = $key:literal, $domain:ident; )+) => {
        /// One figure of law or policy. Each has one entry in every preset, under the key
        /// returned by [`Figure::as_str`].
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
        pub enum Figure {
            $( $(#[$doc])* $variant, )+
        }

        /// Number of figures.
        const FIGURE_COUNT: usize = [$($key),+].len();

        impl Figure {
            /// Every figure, in the order of the presets and of `inclusim rates`.
            pub const ALL: [Figure; FIGURE_COUNT] = [ $( Figure::$variant, )+ ];

            /// The key of the figure in preset files and scenario overrides.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Figure::$variant => $key, )+
                }
            }

            fn domain(self) -> Domain {
                match self {
                    $( Figure::$variant => Domain::$domain, )+
                }
            }
        }
    };
}

define_figures! {
    /// EUR per hour: legal gross minimum wage per hour, age 21+ (indexed).
    MinWageHour = "min_wage_hour", NonNegative;
    /// EUR per month: referentiemaandloon, minimum wage at a 36-hour week (indexed).
    MinWageMonth36h = "min_wage_month_36h", NonNegative;
    /// Share of the adult hourly minimum wage at age 15.
    YouthMinWageShare15 = "youth_min_wage_share_15", Share;
    /// Share of the adult hourly minimum wage at age 16.
    YouthMinWageShare16 = "youth_min_wage_share_16", Share;
    /// Share of the adult hourly minimum wage at age 17.
    YouthMinWageShare17 = "youth_min_wage_share_17", Share;
    /// Share of the adult hourly minimum wage at age 18.
    YouthMinWageShare18 = "youth_min_wage_share_18", Share;
    /// Share of the adult hourly minimum wage at age 19.
    YouthMinWageShare19 = "youth_min_wage_share_19", Share;
    /// Share of the adult hourly minimum wage at age 20.
    YouthMinWageShare20 = "youth_min_wage_share_20", Share;
    /// Share of the adult hourly minimum wage at age 18 in a bbl contract.
    YouthMinWageShareBbl18 = "youth_min_wage_share_bbl_18", Share;
    /// Share of the adult hourly minimum wage at age 19 in a bbl contract.
    YouthMinWageShareBbl19 = "youth_min_wage_share_bbl_19", Share;
    /// Share of the adult hourly minimum wage at age 20 in a bbl contract.
    YouthMinWageShareBbl20 = "youth_min_wage_share_bbl_20", Share;
    /// Hours per week: the most the Arbeidstijdenwet allows in any one week (60).
    WorkingTimeMaxHoursPerWeek = "working_time_max_hours_per_week", Positive;
    /// Share of the wage: legal minimum holiday allowance (0.08).
    HolidayPay = "holiday_pay", Share;
    /// Share of the wage the employer must continue during sickness (0.70, BW 7:629).
    SickPayLegalMinimum = "sick_pay_legal_minimum", Share;
    /// Weeks: maximum duration of sick pay per spell (104).
    SickPayMaxWeeks = "sick_pay_max_weeks", Limit;
    /// Share of the subsidy: LKS employer-burden forfait (0.235).
    LksForfait = "lks_forfait", Share;
    /// Share of (minimum wage + holiday pay): LKS maximum (0.70).
    LksCap = "lks_cap", Share;
    /// Hours per week on which the LKS monthly minimum wage is based (36).
    LksNormHoursPerWeek = "lks_norm_hours_per_week", Positive;
    /// Share of the minimum wage: forfaitaire LKS before the loonwaarde is assessed (0.50).
    LksForfaitPhaseShare = "lks_forfait_phase_share", Share;
    /// Months: maximum duration of the forfaitaire LKS (6).
    LksForfaitPhaseMaxMonths = "lks_forfait_phase_max_months", Limit;
    /// Hours per week: the sector's full-time week when a placement does not state it (38, a
    /// convention of collective agreements; LKS counts contract hours up to it).
    FullTimeHoursPerWeekDefault = "full_time_hours_per_week_default", Positive;
    /// EUR per paid hour: LKV doelgroep banenafspraak (1.01).
    LkvBanenafspraakPerHour = "lkv_banenafspraak_per_hour", NonNegative;
    /// EUR per calendar year: LKV doelgroep banenafspraak maximum (2000).
    LkvBanenafspraakYearCap = "lkv_banenafspraak_year_cap", Limit;
    /// Months of employment: LKV banenafspraak duration; dated by the start of the
    /// employment (36 before 2026, no limit from 2026).
    LkvBanenafspraakMaxMonths = "lkv_banenafspraak_max_months", Limit;
    /// Switch: 1 = the LKV banenafspraak duration limit is the one in force when the
    /// employment started; 0 = the one in force in the month, so that employment started
    /// before 2026 gets the structural LKV from 2026 (Wtl art. 6.2 lid 1 onderdeel b).
    LkvBanenafspraakLimitAtEmploymentStart = "lkv_banenafspraak_limit_at_employment_start", Switch;
    /// EUR per paid hour: LKV arbeidsgehandicapte werknemer (3.05).
    LkvArbeidsgehandicaptPerHour = "lkv_arbeidsgehandicapt_per_hour", NonNegative;
    /// EUR per calendar year: LKV arbeidsgehandicapte werknemer maximum (6000).
    LkvArbeidsgehandicaptYearCap = "lkv_arbeidsgehandicapt_year_cap", Limit;
    /// Months of employment: LKV arbeidsgehandicapte werknemer duration (36).
    LkvArbeidsgehandicaptMaxMonths = "lkv_arbeidsgehandicapt_max_months", Limit;
    /// Share of the day wage: no-risk polis benefit (0.70).
    NoRiskPctStandard = "no_risk_pct_standard", Share;
    /// Share of the day wage: no-risk benefit in the first 52 weeks when the employer
    /// pays 100% (1.00).
    NoRiskPctFirstYearFullPay = "no_risk_pct_first_year_full_pay", Share;
    /// Weeks: maximum no-risk benefit per spell (104).
    NoRiskMaxWeeks = "no_risk_max_weeks", Limit;
    /// Months after hiring within which a spell must start to be covered (60).
    NoRiskWindowMonths = "no_risk_window_months", Limit;
    /// Share: minimum loonwaarde by which the no-risk benefit is multiplied under LKS (0.30).
    NoRiskLksMinLoonwaarde = "no_risk_lks_min_loonwaarde", Share;
    /// Share: loonwaarde by which the no-risk benefit is multiplied during forfaitaire LKS,
    /// before a loonwaarde is assessed (0.50, Ziektewet art. 29e lid 2 onderdeel b).
    NoRiskLksForfaitLoonwaarde = "no_risk_lks_forfait_loonwaarde", Share;
    /// Days per year: divisor of the yearly wage for the day wage (261).
    DayWageDaysPerYear = "day_wage_days_per_year", Positive;
    /// EUR per learning place per school year: praktijkleren maximum (2700).
    PraktijklerenMaxPerYear = "praktijkleren_max_per_year", Limit;
    /// Weeks of supervision that make a full praktijkleren place (40).
    PraktijklerenWeeksPerYear = "praktijkleren_weeks_per_year", Positive;
    /// Share of the worker's hours: jobcoach norm in year 1 (0.15).
    JobcoachNormYear1 = "jobcoach_norm_year1", Share;
    /// Share of the worker's hours: jobcoach norm in year 2 (0.075).
    JobcoachNormYear2 = "jobcoach_norm_year2", Share;
    /// Share of the worker's hours: jobcoach norm in year 3 (0.06).
    JobcoachNormYear3 = "jobcoach_norm_year3", Share;
    /// Share (loonwaarde): loondispensatie only at or below this loonwaarde (0.75).
    LoondispensatieMaxLoonwaarde = "loondispensatie_max_loonwaarde", Share;
    /// Months: minimum duration of loondispensatie (6).
    LoondispensatieMinMonths = "loondispensatie_min_months", NonNegative;
    /// Months: maximum duration of one loondispensatie decision (60).
    LoondispensatieMaxMonths = "loondispensatie_max_months", Limit;
    /// Months: standard duration of a UWV trial placement (2).
    ProefplaatsingDefaultMonths = "proefplaatsing_default_months", NonNegative;
    /// Months: maximum duration of an extended trial placement (6).
    ProefplaatsingMaxMonths = "proefplaatsing_max_months", Limit;
    /// Share (a statistic): workers hired after a UWV trial placement (0.60).
    ProefplaatsingHireShare = "proefplaatsing_hire_share", Share;
    /// EUR per missing job per year: banenafspraak quotumheffing (5000); charged only where
    /// the quotum is activated, which a scenario states (`[employer] quotumheffing`).
    QuotumheffingPerMissingJob = "quotumheffing_per_missing_job", NonNegative;
    /// Hours per week that make one job ("baan") of the banenafspraak (25.5).
    BanenafspraakHoursPerJob = "banenafspraak_hours_per_job", Positive;
    /// EUR per month, net incl. vakantietoeslag: bijstand norm of an alleenstaande or
    /// alleenstaande ouder aged 21 to the AOW age (Participatiewet art. 21 a; indexed).
    BijstandNormSingle = "bijstand_norm_single", NonNegative;
    /// EUR per month, net incl. vakantietoeslag: bijstand norm of gehuwden, both aged 21 to
    /// the AOW age (Participatiewet art. 21 b; indexed).
    BijstandNormCouple = "bijstand_norm_couple", NonNegative;
    /// EUR per month, net incl. vakantietoeslag: bijstand norm of an alleenstaande (ouder)
    /// aged 18 to 20 (Participatiewet art. 20 lid 1 a and lid 2 a; indexed).
    BijstandNormYouthSingle = "bijstand_norm_youth_single", NonNegative;
    /// Share of income from work left out of the means (inkomstenvrijlating, 0.25,
    /// Participatiewet art. 31 lid 2 n).
    BijstandVrijlatingShare = "bijstand_vrijlating_share", Share;
    /// EUR per month: maximum of the inkomstenvrijlating (285.00 in 2026, art. 31 lid 2 n).
    BijstandVrijlatingMaxPerMonth = "bijstand_vrijlating_max_per_month", Limit;
    /// Months: longest period of the inkomstenvrijlating (6, art. 31 lid 2 n).
    BijstandVrijlatingMaxMonths = "bijstand_vrijlating_max_months", Limit;
    /// Years: age from which the inkomstenvrijlating applies (27, art. 31 lid 5).
    BijstandVrijlatingMinAge = "bijstand_vrijlating_min_age", NonNegative;
    /// Share of the minimum wage: Wajong benefit of a person with arbeidsvermogen who does
    /// not work (0.70); with income from work it is this share of (minimum wage − income).
    WajongBenefitShare = "wajong_benefit_share", Share;
    /// Share of the income from work deducted from the WW benefit (0.70, WW art. 35).
    WwIncomeDeductionShare = "ww_income_deduction_share", Share;
    /// Share of the income from work deducted from the WGA loongerelateerde benefit (0.70, WIA art. 61).
    WiaIncomeDeductionShare = "wia_income_deduction_share", Share;
}

impl Figure {
    /// The youth minimum-wage share at `age` (Wet minimumloon art. 8 with the Besluit
    /// minimumjeugdloon; the bbl scale for a `bbl` learner of 18 to 20), `None` from 21 on:
    /// then the adult minimum wage applies.
    pub fn youth_min_wage_share(age: u32, bbl: bool) -> Option<Figure> {
        Some(match (age, bbl) {
            (..=15, _) => Figure::YouthMinWageShare15,
            (16, _) => Figure::YouthMinWageShare16,
            (17, _) => Figure::YouthMinWageShare17,
            (18, true) => Figure::YouthMinWageShareBbl18,
            (19, true) => Figure::YouthMinWageShareBbl19,
            (20, true) => Figure::YouthMinWageShareBbl20,
            (18, false) => Figure::YouthMinWageShare18,
            (19, false) => Figure::YouthMinWageShare19,
            (20, false) => Figure::YouthMinWageShare20,
            _ => return None,
        })
    }

    /// The figure with this key, exactly as written in presets (e.g. `"min_wage_hour"`).
    pub fn from_key(key: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.as_str() == key)
    }

    /// `true` when a value of `inf` ("no limit") is allowed for this figure.
    pub fn allows_no_limit(self) -> bool {
        self.domain() == Domain::Limit
    }

    /// Looks up a key, with a did-you-mean suggestion when it is unknown.
    fn lookup(key: &str) -> Result<Figure, RatesError> {
        Figure::from_key(key.trim()).ok_or_else(|| RatesError::UnknownFigure {
            key: key.to_string(),
            suggestion: suggest(key, Figure::ALL.iter().map(|f| f.as_str())),
        })
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What can go wrong when loading a preset or overriding a figure.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum RatesError {
    /// The named preset does not exist.
    #[error("unknown rates preset `{name}`; known presets: {}{}", .known.join(", "), did_you_mean(.suggestion))]
    UnknownPreset {
        name: String,
        known: Vec<String>,
        suggestion: Option<String>,
    },
    /// The key names no figure.
    #[error("unknown rates figure `{key}`{}; `inclusim rates` lists every figure", did_you_mean(.suggestion))]
    UnknownFigure { key: String, suggestion: Option<String> },
    /// A scenario override of a figure (or of the wage growth) is not acceptable.
    #[error("bad rates override of `{key}`: {reason}")]
    BadOverride { key: String, reason: String },
    /// A preset file does not parse or does not pass validation.
    #[error("malformed rates preset `{preset}`: {reason}")]
    MalformedPreset { preset: String, reason: String },
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// The candidate closest to `input`, if it is close enough to be a likely typo.
fn suggest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let input = input.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

/// Names of the embedded presets, oldest first.
const PRESET_NAMES: [&str; 3] = ["nl-2025", "nl-2026", "nl-2027"];

/// Text of the embedded presets, in the order of [`PRESET_NAMES`].
const PRESET_TEXTS: [&str; 3] = [
    include_str!("nl-2025.toml"),
    include_str!("nl-2026.toml"),
    include_str!("nl-2027.toml"),
];

/// The preset a scenario uses when it names none.
pub const DEFAULT_PRESET: &str = "nl-2027";

/// Names of the embedded presets, oldest first.
pub fn preset_names() -> &'static [&'static str] {
    &PRESET_NAMES
}

/// Loads and validates an embedded preset by name (case-insensitive).
pub fn load_preset(name: &str) -> Result<Rates, RatesError> {
    let wanted = name.trim().to_lowercase();
    let index = PRESET_NAMES
        .iter()
        .position(|n| *n == wanted)
        .ok_or_else(|| RatesError::UnknownPreset {
            name: name.to_string(),
            known: PRESET_NAMES.iter().map(|n| n.to_string()).collect(),
            suggestion: suggest(name, PRESET_NAMES),
        })?;
    let text = PRESET_TEXTS
        .get(index)
        .ok_or_else(|| RatesError::MalformedPreset {
            preset: wanted.clone(),
            reason: "no embedded text".into(),
        })?;
    let rates = parse_preset(text)?;
    if rates.name != wanted {
        return Err(RatesError::MalformedPreset {
            preset: wanted,
            reason: format!("its [preset] name is `{}`", rates.name),
        });
    }
    Ok(rates)
}

// ------------------------------------------------------------------- preset file format

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetFile {
    preset: PresetHeader,
    #[serde(default)]
    figure: Vec<FigureEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetHeader {
    name: String,
    description: String,
    checked: String,
    wage_growth_per_year: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureEntry {
    key: String,
    unit: String,
    description: String,
    source: String,
    indexed: bool,
    values: Vec<ValueEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueEntry {
    from: String,
    value: f64,
    /// `published` (default) or `announced`.
    #[serde(default)]
    status: ValueStatus,
}

/// How certain a dated value of a preset is.
#[derive(Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ValueStatus {
    /// In the law, the Staatscourant or an official page of the executing body.
    #[default]
    Published,
    /// Announced by the government (a letter to parliament, a bill) but not yet published as
    /// law: it may still change.
    Announced,
    /// Not in the preset: extrapolated past the last value with the preset's wage growth.
    Indexed,
    /// Set by the scenario.
    Override,
}

impl ValueStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueStatus::Published => "published",
            ValueStatus::Announced => "announced",
            ValueStatus::Indexed => "indexed",
            ValueStatus::Override => "override",
        }
    }
}

/// Parses and validates the text of a preset file (the format of `nl-2026.toml`): every
/// [`Figure`] present exactly once, no unknown keys, non-empty unit, description and source,
/// dates strictly increasing, values within the figure's range (`inf` only for limits).
pub fn parse_preset(text: &str) -> Result<Rates, RatesError> {
    let file: PresetFile = toml::from_str(text).map_err(|e| RatesError::MalformedPreset {
        preset: preset_name_hint(text),
        reason: e.to_string(),
    })?;
    let preset = file.preset.name.trim().to_string();
    let bad = |reason: String| RatesError::MalformedPreset {
        preset: preset.clone(),
        reason,
    };
    if preset.is_empty() {
        return Err(bad("[preset] name is empty".into()));
    }
    check_date(&file.preset.checked).map_err(|r| bad(format!("[preset] checked: {r}")))?;
    check_wage_growth(file.preset.wage_growth_per_year)
        .map_err(|r| bad(format!("[preset] wage_growth_per_year {r}")))?;

    let mut slots: Vec<Option<Series>> = vec![None; FIGURE_COUNT];
    for entry in file.figure {
        let figure = Figure::lookup(&entry.key).map_err(|e| bad(e.to_string()))?;
        let key = figure.as_str();
        let slot = slots
            .get_mut(figure as usize)
            .ok_or_else(|| bad(format!("no slot for `{key}`")))?;
        if slot.is_some() {
            return Err(bad(format!("figure `{key}` appears twice")));
        }
        for (field, text) in [
            ("unit", &entry.unit),
            ("description", &entry.description),
            ("source", &entry.source),
        ] {
            if text.trim().is_empty() {
                return Err(bad(format!("figure `{key}` has an empty {field}")));
            }
        }
        let mut values = Vec::with_capacity(entry.values.len());
        let mut statuses = Vec::with_capacity(entry.values.len());
        for v in &entry.values {
            let from = YearMonth::parse(&v.from).map_err(|e| bad(format!("figure `{key}`: {e}")))?;
            values.push((from, v.value));
            if !matches!(v.status, ValueStatus::Published | ValueStatus::Announced) {
                return Err(bad(format!(
                    "figure `{key}`: status `{}` from {from}: a preset value is `published` or `announced`",
                    v.status.as_str()
                )));
            }
            statuses.push(v.status);
        }
        check_series(figure, &values).map_err(|r| bad(format!("figure `{key}`: {r}")))?;
        let Some(&(last_published, _)) = values.last() else {
            return Err(bad(format!("figure `{key}` has no values")));
        };
        *slot = Some(Series {
            unit: entry.unit.trim().to_string(),
            description: entry.description.trim().to_string(),
            source: entry.source.trim().to_string(),
            indexed: entry.indexed,
            overridden: false,
            values,
            statuses,
            last_published,
        });
    }

    let missing: Vec<&str> = Figure::ALL
        .iter()
        .zip(&slots)
        .filter(|(_, s)| s.is_none())
        .map(|(f, _)| f.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(bad(format!("missing figures: {}", missing.join(", "))));
    }
    let figures: Vec<Series> = slots.into_iter().flatten().collect();
    let figures =
        <[Series; FIGURE_COUNT]>::try_from(figures).map_err(|_| bad("wrong number of figures".into()))?;
    Ok(Rates {
        name: preset,
        description: file.preset.description.trim().to_string(),
        checked: file.preset.checked.trim().to_string(),
        wage_growth_per_year: file.preset.wage_growth_per_year,
        figures,
    })
}

/// Best-effort name of a preset whose TOML does not parse, for the error message.
fn preset_name_hint(text: &str) -> String {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("name"))
        .filter_map(|rest| rest.trim().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"').to_string())
        .next()
        .unwrap_or_else(|| "?".into())
}

/// `YYYY-MM-DD`, a plausible calendar date.
fn check_date(text: &str) -> Result<(), String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let ok = match parts.as_slice() {
        [y, m, d] => {
            y.len() == 4
                && m.len() == 2
                && d.len() == 2
                && y.parse::<u32>().is_ok()
                && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
                && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("`{text}` is not a date written as YYYY-MM-DD"))
    }
}

/// The assumed yearly growth must be finite and between -100% (exclusive) and +100%.
fn check_wage_growth(g: f64) -> Result<(), String> {
    if g.is_finite() && g > -1.0 && g <= 1.0 {
        Ok(())
    } else {
        Err(format!(
            "must be a yearly growth between -1 and 1 (0.03 is 3% a year), not {g}"
        ))
    }
}

/// A dated series: non-empty, dates strictly increasing, values within the figure's range.
fn check_series(figure: Figure, values: &[(YearMonth, f64)]) -> Result<(), String> {
    if values.is_empty() {
        return Err("has no values".into());
    }
    for pair in values.windows(2) {
        if let [(a, _), (b, _)] = pair
            && b <= a
        {
            return Err(format!("dates must increase strictly, but {b} follows {a}"));
        }
    }
    for (from, value) in values {
        if let Some(why) = figure.domain().check(*value) {
            return Err(format!("value {value} from {from} {why}"));
        }
    }
    Ok(())
}

// ------------------------------------------------------------------- rates

/// One figure's dated values and their documentation.
#[derive(Clone, Debug)]
struct Series {
    unit: String,
    description: String,
    source: String,
    indexed: bool,
    overridden: bool,
    /// Non-empty, strictly increasing dates.
    values: Vec<(YearMonth, f64)>,
    /// The status of each value (same length as `values`).
    statuses: Vec<ValueStatus>,
    /// Date of the last value (kept apart so that no lookup can fail).
    last_published: YearMonth,
}

/// One figure of a preset, for printing.
#[derive(Clone, Debug, PartialEq)]
pub struct RateRow {
    pub figure: Figure,
    pub key: &'static str,
    pub unit: String,
    pub description: String,
    pub source: String,
    /// Grows with the preset's wage growth past its last published value.
    pub indexed: bool,
    /// Changed by a scenario override.
    pub overridden: bool,
    /// `(from, value)`, dates increasing; `f64::INFINITY` means "no limit".
    pub values: Vec<(YearMonth, f64)>,
    /// The status of each value (published, announced or a scenario override).
    pub statuses: Vec<ValueStatus>,
}

/// A loaded rates preset, possibly with scenario overrides.
#[derive(Clone, Debug)]
pub struct Rates {
    name: String,
    description: String,
    checked: String,
    wage_growth_per_year: f64,
    /// One series per figure, at index `figure as usize` (always in bounds: the array has
    /// one entry per variant of [`Figure`]).
    figures: [Series; FIGURE_COUNT],
}

/// Half-years since year 0: changes exactly on 1 January and 1 July.
fn half_year(month: YearMonth) -> i64 {
    i64::from(month.year()) * 2 + i64::from(month.month() >= 7)
}

impl Rates {
    /// The preset's name, e.g. `nl-2026`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// One line on what the preset holds.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The date (YYYY-MM-DD) on which the figures were last checked against their sources.
    pub fn checked(&self) -> &str {
        &self.checked
    }

    /// Assumed yearly growth of indexed figures past their last published value.
    pub fn wage_growth_per_year(&self) -> f64 {
        self.wage_growth_per_year
    }

    /// Sets the assumed yearly growth (scenario override) without checking it; use
    /// [`Rates::try_set_wage_growth_per_year`] for a value a user wrote.
    pub fn set_wage_growth_per_year(&mut self, g: f64) {
        self.wage_growth_per_year = g;
    }

    /// Sets the assumed yearly growth after checking that it lies in (-1, 1].
    pub fn try_set_wage_growth_per_year(&mut self, g: f64) -> Result<(), RatesError> {
        check_wage_growth(g).map_err(|reason| RatesError::BadOverride {
            key: "wage_growth_per_year".into(),
            reason,
        })?;
        self.wage_growth_per_year = g;
        Ok(())
    }

    /// Replace a figure's dated series (scenario override). Values from `from` on: the
    /// preset's values dated before the first override date are kept, all later ones are
    /// replaced, so an override dated before the preset's first date replaces the whole
    /// series. An indexed figure is still indexed past its last value, but never from a
    /// date before the preset's last published date: `min_wage_hour = 15.2` from 1900-01
    /// holds until that date and grows after it.
    pub fn override_figure(&mut self, key: &str, values: Vec<(YearMonth, f64)>) -> Result<(), RatesError> {
        let figure = Figure::lookup(key)?;
        let bad = |reason: String| RatesError::BadOverride {
            key: figure.as_str().to_string(),
            reason,
        };
        check_series(figure, &values).map_err(bad)?;
        let (Some(&(first_from, _)), Some(&(last_from, _))) = (values.first(), values.last()) else {
            return Err(bad("has no values".into()));
        };
        let series = &mut self.figures[figure as usize];
        let kept = series.values.partition_point(|(from, _)| *from < first_from);
        series.values.truncate(kept);
        series.statuses.truncate(kept);
        series
            .statuses
            .extend(values.iter().map(|_| ValueStatus::Override));
        series.values.extend(values);
        // Indexation never starts before the preset's last published date: an override
        // "from the beginning" (e.g. 1900-01) must not compound growth over a century.
        series.last_published = last_from.max(series.last_published);
        series.overridden = true;
        Ok(())
    }

    /// The figure in force on the first day of `month`: before the first dated value, the
    /// first value; else the latest value dated on or before `month`; past the last value of
    /// an indexed figure, that value times `sqrt(1 + g)` for every 1 January and 1 July after
    /// its date up to `month` (g = [`Rates::wage_growth_per_year`]). Never panics; cheap.
    pub fn get(&self, figure: Figure, month: YearMonth) -> f64 {
        let series = &self.figures[figure as usize];
        let Some(&(_, mut value)) = series.values.first() else {
            return f64::NAN;
        };
        for &(from, v) in &series.values {
            if from > month {
                break;
            }
            value = v;
        }
        if series.indexed && month > series.last_published {
            let steps = half_year(month) - half_year(series.last_published);
            let base = 1.0 + self.wage_growth_per_year;
            let whole_years = i32::try_from(steps / 2).unwrap_or(i32::MAX);
            value *= base.powi(whole_years);
            if steps % 2 == 1 {
                value *= base.sqrt();
            }
        }
        value
    }

    /// Date of the last published (or overridden) value of `figure`. For an indexed figure,
    /// [`Rates::get`] of a later month is an extrapolation, not a published figure.
    pub fn last_published(&self, figure: Figure) -> YearMonth {
        self.figures[figure as usize].last_published
    }

    /// `true` when the figure grows past its last published value.
    pub fn is_indexed(&self, figure: Figure) -> bool {
        self.figures[figure as usize].indexed
    }

    /// `true` when [`Rates::get`] of `figure` in `month` comes from indexation rather than
    /// from a published figure: the figure is indexed and at least one 1 January or 1 July
    /// lies after its last published date, up to `month`.
    pub fn is_extrapolated(&self, figure: Figure, month: YearMonth) -> bool {
        self.is_indexed(figure) && half_year(month) > half_year(self.last_published(figure))
    }

    /// The status of the value [`Rates::get`] returns for `figure` in `month`.
    pub fn status(&self, figure: Figure, month: YearMonth) -> ValueStatus {
        if self.is_extrapolated(figure, month) {
            return ValueStatus::Indexed;
        }
        let series = &self.figures[figure as usize];
        let i = series.values.partition_point(|(from, _)| *from <= month);
        series.statuses[i.saturating_sub(1)]
    }

    /// For each figure whose value is not published (announced, indexed or set by the
    /// scenario) in a month of the `horizon` months from `start` in which `reads(figure, t)`
    /// says the run reads it: the figure, that status and the first such month. A figure
    /// appears once per status, in [`Figure::ALL`] order.
    pub fn unpublished_in(
        &self,
        start: YearMonth,
        horizon: usize,
        reads: impl Fn(Figure, usize) -> bool,
    ) -> Vec<(Figure, ValueStatus, YearMonth)> {
        let mut found = Vec::new();
        for figure in Figure::ALL {
            let mut seen: Vec<ValueStatus> = Vec::new();
            for t in 0..horizon {
                let month = start.add_months(t as i64);
                let status = self.status(figure, month);
                if status != ValueStatus::Published && !seen.contains(&status) && reads(figure, t) {
                    seen.push(status);
                    found.push((figure, status, month));
                }
            }
        }
        found
    }

    /// Every figure with its documentation and dated values, in [`Figure::ALL`] order.
    pub fn rows(&self) -> Vec<RateRow> {
        Figure::ALL
            .iter()
            .zip(&self.figures)
            .map(|(&figure, s)| RateRow {
                figure,
                key: figure.as_str(),
                unit: s.unit.clone(),
                description: s.description.clone(),
                source: s.source.clone(),
                indexed: s.indexed,
                overridden: s.overridden,
                values: s.values.clone(),
                statuses: s.statuses.clone(),
            })
            .collect()
    }

    /// A human-readable table for `inclusim rates`: each figure with its dated values, its
    /// unit, its description and its source (wrapped at 100 columns).
    pub fn render_table(&self) -> String {
        const WIDTH: usize = 100;
        let mut out = String::new();
        out.push_str(&wrap(
            &format!("Rates preset {}: {}", self.name, self.description),
            WIDTH,
            "",
        ));
        out.push_str(&format!(
            "Figures last checked against their sources on {}.\n",
            self.checked
        ));
        out.push_str(&wrap(
            &format!(
                "Figures marked * are indexed: past their last published value they grow by {} \
                 a year, in two equal steps on 1 January and 1 July. `no limit` means the law sets \
                 none.",
                percent(self.wage_growth_per_year)
            ),
            WIDTH,
            "",
        ));
        for row in self.rows() {
            out.push('\n');
            let mark = if row.indexed { "* " } else { "  " };
            let overridden = if row.overridden {
                "  [scenario override]"
            } else {
                ""
            };
            out.push_str(&format!("{mark}{}  ({}){overridden}\n", row.key, row.unit));
            out.push_str(&wrap(&row.description, WIDTH, "    "));
            let mut values: Vec<String> = row
                .values
                .iter()
                .zip(&row.statuses)
                .map(|((from, v), status)| {
                    let note = match status {
                        ValueStatus::Published => "",
                        ValueStatus::Announced => " (announced)",
                        ValueStatus::Indexed => " (indexed)",
                        ValueStatus::Override => " (scenario)",
                    };
                    format!("from {from}: {}{note}", format_value(*v, &row.unit))
                })
                .collect();
            if let Some((last, _)) = row.values.last().filter(|_| row.indexed) {
                values.push(format!("indexed after {last}"));
            }
            out.push_str(&wrap(&values.join(" | "), WIDTH, "    "));
            out.push_str(&wrap(&format!("source: {}", row.source), WIDTH, "    "));
        }
        out
    }

    /// The preset as JSON:
    /// `{"preset", "description", "checked", "wage_growth_per_year", "figures": [{"key",
    /// "unit", "description", "source", "indexed", "overridden", "last_published",
    /// "values": [{"from": "2025-01", "value": 14.06, "no_limit": false, "status": "published"}]}]}`;
    /// `status` is `published`, `announced` or `override`.
    /// A value of "no limit" (`inf`) is written as `"value": null, "no_limit": true`.
    pub fn to_json(&self) -> Value {
        let figures: Vec<Value> = self
            .rows()
            .into_iter()
            .map(|row| {
                let values: Vec<Value> = row
                    .values
                    .iter()
                    .zip(&row.statuses)
                    .map(|((from, v), status)| {
                        let no_limit = v.is_infinite();
                        json!({
                            "from": from.to_string(),
                            "value": if no_limit { Value::Null } else { json!(v) },
                            "no_limit": no_limit,
                            "status": status.as_str(),
                        })
                    })
                    .collect();
                json!({
                    "key": row.key,
                    "unit": row.unit,
                    "description": row.description,
                    "source": row.source,
                    "indexed": row.indexed,
                    "overridden": row.overridden,
                    "last_published": self.last_published(row.figure).to_string(),
                    "values": values,
                })
            })
            .collect();
        json!({
            "preset": self.name,
            "description": self.description,
            "checked": self.checked,
            "wage_growth_per_year": self.wage_growth_per_year,
            "figures": figures,
        })
    }
}

/// `0.03` → `3.00%`.
fn percent(g: f64) -> String {
    format!("{:.2}%", g * 100.0)
}

/// A value for the table: money with two decimals, other numbers as short as exact.
fn format_value(value: f64, unit: &str) -> String {
    if value.is_infinite() {
        "no limit".into()
    } else if unit.starts_with("EUR") {
        format!("{value:.2}")
    } else {
        format!("{value}")
    }
}

/// Word-wraps `text` to `width` columns; every line starts with `indent`, and continuation
/// lines are indented two more spaces. Words longer than a line are kept whole.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    let mut line_has_word = false;
    for word in text.split_whitespace() {
        let needed = if line_has_word { 1 } else { 0 } + word.chars().count();
        if line_has_word && line.chars().count() + needed > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = format!("{indent}  ");
            line_has_word = false;
        }
        if line_has_word {
            line.push(' ');
        }
        line.push_str(word);
        line_has_word = true;
    }
    if line_has_word {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).expect("test month")
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn nl2026() -> Rates {
        load_preset("nl-2026").expect("nl-2026 loads")
    }

    #[test]
    fn figure_table_is_consistent() {
        assert_eq!(Figure::ALL.len(), 58);
        for (i, f) in Figure::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i, "{f} is out of order");
            assert_eq!(Figure::from_key(f.as_str()), Some(*f));
            assert_eq!(f.to_string(), f.as_str());
        }
        let mut keys: Vec<&str> = Figure::ALL.iter().map(|f| f.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Figure::ALL.len(), "duplicate keys");
        assert_eq!(Figure::from_key("min_wage_hr"), None);
        assert!(Figure::LkvBanenafspraakMaxMonths.allows_no_limit());
        assert!(!Figure::MinWageHour.allows_no_limit());
    }

    #[test]
    fn every_preset_loads_complete_dated_and_sourced() {
        assert_eq!(preset_names(), &["nl-2025", "nl-2026", "nl-2027"]);
        assert!(preset_names().contains(&DEFAULT_PRESET));
        for name in preset_names() {
            let rates = load_preset(name).expect("preset loads");
            assert_eq!(rates.name(), *name);
            assert!(!rates.description().is_empty());
            assert!(check_date(rates.checked()).is_ok());
            let rows = rates.rows();
            assert_eq!(rows.len(), Figure::ALL.len());
            for (row, figure) in rows.iter().zip(Figure::ALL) {
                assert_eq!(row.key, figure.as_str());
                assert!(!row.source.trim().is_empty(), "{name}: {} has no source", row.key);
                assert!(!row.unit.trim().is_empty());
                assert!(!row.description.trim().is_empty());
                assert!(!row.values.is_empty());
                assert_eq!(row.values.len(), row.statuses.len());
                assert!(
                    row.values.windows(2).all(|w| w[0].0 < w[1].0),
                    "{}: dates",
                    row.key
                );
                // An announced value is not yet law: its source must say where it was announced.
                if row.statuses.contains(&ValueStatus::Announced) {
                    assert!(row.source.contains("announced"), "{name}: {}", row.key);
                }
            }
            // Only the minimum wage and the bijstand norms, which follow the net minimum wage
            // (Participatiewet art. 38), are indexed.
            let indexed: Vec<&str> = rows.iter().filter(|r| r.indexed).map(|r| r.key).collect();
            assert_eq!(
                indexed,
                [
                    "min_wage_hour",
                    "min_wage_month_36h",
                    "bijstand_norm_single",
                    "bijstand_norm_couple",
                    "bijstand_norm_youth_single"
                ]
            );
        }
        assert!(load_preset(" NL-2025 ").is_ok(), "names are case-insensitive");
    }

    #[test]
    fn exact_lookups() {
        let r = nl2026();
        let wml = Figure::MinWageHour;
        assert_eq!(r.get(wml, ym("2025-03")), 14.06);
        assert_eq!(r.get(wml, ym("2025-06")), 14.06);
        assert_eq!(r.get(wml, ym("2025-07")), 14.40);
        assert_eq!(r.get(wml, ym("2025-12")), 14.40);
        assert_eq!(r.get(wml, ym("2026-01")), 14.71);
        assert_eq!(r.get(wml, ym("2026-07")), 14.99);
        assert_eq!(r.get(Figure::MinWageMonth36h, ym("2026-12")), 2337.00);
        assert_eq!(r.get(wml, ym("2024-06")), 14.06, "before the first value");
        // The youth minimum wage announced for 2027 (not yet law), and the bbl scale it ends.
        let (y18, bbl18) = (Figure::YouthMinWageShare18, Figure::YouthMinWageShareBbl18);
        assert_eq!(r.get(y18, ym("2026-12")), 0.50);
        assert_eq!(r.get(y18, ym("2027-01")), 0.625);
        assert_eq!(r.status(y18, ym("2027-01")), ValueStatus::Announced);
        assert_eq!(r.status(y18, ym("2026-12")), ValueStatus::Published);
        assert_eq!(r.get(bbl18, ym("2026-12")), 0.455);
        assert_eq!(r.get(bbl18, ym("2027-01")), 0.625);
        assert_eq!(r.get(Figure::MinWageMonth36h, ym("2026-05")), 2294.40);
        assert_eq!(r.get(Figure::MinWageMonth36h, ym("2025-08")), 2245.80);
        assert_eq!(r.get(Figure::LksForfait, ym("2026-05")), 0.235);
        assert_eq!(r.get(Figure::YouthMinWageShare18, ym("2026-05")), 0.50);
        assert_eq!(r.get(Figure::PraktijklerenMaxPerYear, ym("2026-05")), 2700.0);
        // The LKV banenafspraak duration is dated by the start of the employment.
        let lkv = Figure::LkvBanenafspraakMaxMonths;
        assert_eq!(r.get(lkv, ym("2025-11")), 36.0);
        assert_eq!(r.get(lkv, ym("2026-01")), f64::INFINITY);
        let old = load_preset("nl-2025").expect("nl-2025 loads");
        assert_eq!(old.get(lkv, ym("2027-01")), 36.0);
        assert_eq!(old.last_published(wml), ym("2025-07"));
    }

    #[test]
    fn indexation_past_the_last_published_value() {
        let mut r = nl2026();
        let wml = Figure::MinWageHour;
        assert_eq!(r.last_published(wml), ym("2026-07"));
        assert_eq!(r.wage_growth_per_year(), 0.03);
        // 2027-01: one half-year step; between steps the value is flat.
        let half = 14.99 * 1.03_f64.sqrt();
        assert!(close(r.get(wml, ym("2027-01")), half));
        assert!(close(r.get(wml, ym("2027-06")), half));
        assert!(close(r.get(wml, ym("2027-01")), 15.213_188_456_073_237));
        // 2027-07: a full year of growth; 2027-09 the same.
        assert_eq!(r.get(wml, ym("2027-07")), 14.99 * 1.03);
        assert_eq!(r.get(wml, ym("2027-09")), 14.99 * 1.03);
        assert!(close(r.get(wml, ym("2028-01")), 14.99 * 1.03 * 1.03_f64.sqrt()));
        assert!(!r.is_extrapolated(wml, ym("2026-12")));
        assert!(r.is_extrapolated(wml, ym("2027-01")));
        assert_eq!(r.status(wml, ym("2026-12")), ValueStatus::Published);
        assert_eq!(r.status(wml, ym("2027-01")), ValueStatus::Indexed);
        // Monthly figure indexed the same way.
        assert_eq!(r.get(Figure::MinWageMonth36h, ym("2027-08")), 2337.00 * 1.03);
        // Non-indexed figures stay flat.
        let lkv = Figure::LkvBanenafspraakPerHour;
        assert_eq!(r.get(lkv, ym("2035-01")), 1.01);
        assert!(!r.is_extrapolated(lkv, ym("2035-01")));
        // Another growth rate.
        r.set_wage_growth_per_year(0.05);
        assert_eq!(r.get(wml, ym("2028-07")), 14.99 * 1.05 * 1.05);
        assert!(r.try_set_wage_growth_per_year(f64::NAN).is_err());
        assert!(r.try_set_wage_growth_per_year(-1.0).is_err());
        assert!(r.try_set_wage_growth_per_year(3.0).is_err());
        assert!(r.try_set_wage_growth_per_year(0.02).is_ok());
        assert_eq!(r.get(wml, ym("2027-07")), 14.99 * 1.02);
        // The 2025 preset indexes from 2025-07.
        let old = load_preset("nl-2025").expect("nl-2025 loads");
        assert!(close(old.get(wml, ym("2026-01")), 14.40 * 1.03_f64.sqrt()));
        assert_eq!(old.get(wml, ym("2026-07")), 14.40 * 1.03);
    }

    #[test]
    fn get_never_panics_at_the_ends_of_time() {
        let mut r = nl2026();
        r.set_wage_growth_per_year(f64::NAN);
        for figure in Figure::ALL {
            for m in ["1900-01", "2200-12"] {
                let _ = r.get(figure, ym(m));
            }
        }
        r.set_wage_growth_per_year(0.03);
        let far = r.get(Figure::MinWageHour, ym("2200-12"));
        assert!(far.is_finite() && far > 14.71);
    }

    #[test]
    fn override_replaces_a_series() {
        let mut r = nl2026();
        // Full replacement: dated before the preset's first value.
        r.override_figure(
            "lkv_banenafspraak_per_hour",
            vec![(ym("2020-01"), 1.50), (ym("2027-01"), 2.00)],
        )
        .expect("override accepted");
        let lkv = Figure::LkvBanenafspraakPerHour;
        assert_eq!(r.get(lkv, ym("2025-01")), 1.50);
        assert_eq!(r.get(lkv, ym("2026-12")), 1.50);
        assert_eq!(r.get(lkv, ym("2027-01")), 2.00);
        assert_eq!(r.last_published(lkv), ym("2027-01"));
        let row = &r.rows()[lkv as usize];
        assert!(row.overridden);
        assert_eq!(row.values, vec![(ym("2020-01"), 1.50), (ym("2027-01"), 2.00)]);

        // Partial: earlier published values are kept, and the figure stays indexed.
        let wml = Figure::MinWageHour;
        r.override_figure("min_wage_hour", vec![(ym("2026-07"), 15.00)])
            .expect("override accepted");
        assert_eq!(r.get(wml, ym("2025-07")), 14.40);
        assert_eq!(r.get(wml, ym("2026-01")), 14.71);
        assert_eq!(r.get(wml, ym("2026-07")), 15.00);
        assert_eq!(r.get(wml, ym("2027-07")), 15.00 * 1.03);
        assert_eq!(r.last_published(wml), ym("2026-07"));

        // A value "from the beginning" of an indexed figure is indexed only past the
        // preset's last published date, not from 1900.
        let mut flat = nl2026();
        flat.override_figure("min_wage_hour", vec![(ym("1900-01"), 15.2)])
            .expect("override accepted");
        assert_eq!(flat.get(wml, ym("2025-01")), 15.2);
        assert_eq!(flat.get(wml, ym("2026-06")), 15.2);
        assert_eq!(flat.get(wml, ym("2027-07")), 15.2 * 1.03);
        assert_eq!(flat.last_published(wml), ym("2026-07"));
        assert_eq!(flat.status(wml, ym("2026-12")), ValueStatus::Override);

        // "No limit" is allowed for limits only.
        r.override_figure("no_risk_window_months", vec![(ym("2025-01"), f64::INFINITY)])
            .expect("limits accept inf");
        assert_eq!(r.get(Figure::NoRiskWindowMonths, ym("2030-01")), f64::INFINITY);
    }

    #[test]
    fn bad_overrides_are_rejected() {
        let mut r = nl2026();
        let err = r
            .override_figure("min_wage_hr", vec![(ym("2026-01"), 15.0)])
            .expect_err("unknown key");
        assert_eq!(
            err,
            RatesError::UnknownFigure {
                key: "min_wage_hr".into(),
                suggestion: Some("min_wage_hour".into())
            }
        );
        assert!(err.to_string().contains("did you mean `min_wage_hour`?"));
        let err = r.override_figure("zzz", vec![]).expect_err("unknown key");
        assert!(matches!(err, RatesError::UnknownFigure { suggestion: None, .. }));

        type Case = (&'static str, Vec<(YearMonth, f64)>, &'static str);
        let cases: Vec<Case> = vec![
            ("lks_cap", vec![], "no values"),
            ("lks_cap", vec![(ym("2026-01"), 70.0)], "between 0 and 1"),
            ("lks_cap", vec![(ym("2026-01"), f64::INFINITY)], "finite"),
            ("min_wage_hour", vec![(ym("2026-01"), f64::NAN)], "not a number"),
            ("min_wage_hour", vec![(ym("2026-01"), -1.0)], "negative"),
            (
                "min_wage_hour",
                vec![(ym("2026-07"), 15.0), (ym("2026-01"), 15.5)],
                "increase",
            ),
            (
                "min_wage_hour",
                vec![(ym("2026-07"), 15.0), (ym("2026-07"), 15.5)],
                "increase",
            ),
            (
                "day_wage_days_per_year",
                vec![(ym("2026-01"), 0.0)],
                "greater than 0",
            ),
            (
                "lkv_banenafspraak_limit_at_employment_start",
                vec![(ym("2026-01"), 0.5)],
                "must be 0 or 1",
            ),
        ];
        for (key, values, expected) in cases {
            let err = r.override_figure(key, values).expect_err(key);
            assert!(matches!(err, RatesError::BadOverride { .. }), "{err}");
            assert!(err.to_string().contains(expected), "{err}");
        }
        // A rejected override leaves the figure untouched.
        assert_eq!(r.get(Figure::LksCap, ym("2026-01")), 0.70);
        assert!(!r.rows()[Figure::LksCap as usize].overridden);
    }

    #[test]
    fn unknown_preset_lists_the_known_ones() {
        let err = load_preset("nl-2028").expect_err("no such preset");
        let text = err.to_string();
        assert!(text.contains("nl-2025, nl-2026, nl-2027"), "{text}");
        assert!(text.contains("did you mean `nl-202"), "{text}");
        let err = load_preset("belgium").expect_err("no such preset");
        assert!(matches!(err, RatesError::UnknownPreset { suggestion: None, .. }));
    }

    #[test]
    fn malformed_presets_are_rejected() {
        let good = PRESET_TEXTS[1];
        assert!(parse_preset(good).is_ok());
        let variants = [
            (
                good.replace("key = \"holiday_pay\"", "key = \"holiday_pai\""),
                "holiday_pay",
            ),
            (
                good.replace(
                    "{ from = \"2025-07-01\", value = 14.40 }",
                    "{ from = \"2026-02-01\", value = 14.40 }",
                ),
                "increase",
            ),
            (good.replace("value = 0.235", "value = 23.5"), "between 0 and 1"),
            (
                good.replace("wage_growth_per_year = 0.03", "wage_growth_per_year = 3"),
                "growth",
            ),
            (
                good.replace("checked = \"2026-12-03\"", "checked = \"soon\""),
                "YYYY-MM-DD",
            ),
            (
                good.replace(
                    "indexed = false\nvalues = [{ from = \"2025-01-01\", value = 0.30 }]",
                    "indexed = false\nvalues = []",
                ),
                "no values",
            ),
            (
                format!(
                    "{good}\n[[figure]]\nkey = \"lks_cap\"\nunit = \"x\"\ndescription = \"x\"\nsource = \"x\"\nindexed = false\nvalues = [{{ from = \"2025-01-01\", value = 0.7 }}]\n"
                ),
                "twice",
            ),
            (
                good.replace(
                    "source = \"Dagloonbesluit",
                    "source = \"  \"\nnote = \"Dagloonbesluit",
                ),
                "unknown field",
            ),
            (good.replace("value = inf", "value = nan"), "not a number"),
            (
                good.replace(
                    "value = 0.75, status = \"announced\"",
                    "value = 0.75, status = \"indexed\"",
                ),
                "a preset value is `published` or `announced`",
            ),
        ];
        for (text, expected) in variants {
            assert_ne!(text, good, "the test edit of `{expected}` did not apply");
            let err = parse_preset(&text).expect_err(expected);
            assert!(matches!(err, RatesError::MalformedPreset { .. }), "{err}");
            assert!(err.to_string().contains(expected), "{expected}: {err}");
        }
        // A missing figure is named.
        let start = good
            .find("[[figure]]\nkey = \"holiday_pay\"")
            .expect("holiday_pay entry");
        let end = start + good[start..].find("\n\n").expect("entry end");
        let text = format!("{}{}", &good[..start], &good[end..]);
        let err = parse_preset(&text).expect_err("missing figure");
        assert!(err.to_string().contains("missing figures: holiday_pay"), "{err}");
    }

    #[test]
    fn json_has_the_documented_fields() {
        let mut r = nl2026();
        r.override_figure("lks_cap", vec![(ym("2027-01"), 0.65)])
            .expect("override");
        let j = r.to_json();
        assert_eq!(j["preset"], "nl-2026");
        assert!(j["description"].is_string());
        assert_eq!(j["checked"], "2026-12-03");
        assert_eq!(j["wage_growth_per_year"], 0.03);
        let figures = j["figures"].as_array().expect("figures array");
        assert_eq!(figures.len(), Figure::ALL.len());
        for f in figures {
            for field in ["key", "unit", "description", "source", "last_published"] {
                assert!(f[field].is_string(), "{field} in {f}");
            }
            assert!(f["indexed"].is_boolean() && f["overridden"].is_boolean());
            assert!(!f["values"].as_array().expect("values").is_empty());
        }
        let wml = &figures[Figure::MinWageHour as usize];
        assert_eq!(wml["key"], "min_wage_hour");
        assert_eq!(wml["indexed"], true);
        assert_eq!(wml["last_published"], "2026-07");
        assert_eq!(
            wml["values"][0],
            json!({"from": "2025-01", "value": 14.06, "no_limit": false, "status": "published"})
        );
        let lkv = &figures[Figure::LkvBanenafspraakMaxMonths as usize];
        assert_eq!(
            lkv["values"][1],
            json!({"from": "2026-01", "value": null, "no_limit": true, "status": "published"})
        );
        let cap = &figures[Figure::LksCap as usize];
        assert_eq!(cap["overridden"], true);
        assert_eq!(cap["values"][1]["value"], 0.65);
        assert_eq!(cap["values"][1]["status"], "override");
        let youth = &figures[Figure::YouthMinWageShare19 as usize];
        assert_eq!(youth["values"][1]["status"], "announced");
    }

    #[test]
    fn table_shows_every_figure_with_values_and_source() {
        let table = nl2026().render_table();
        assert!(table.starts_with("Rates preset nl-2026: "));
        for figure in Figure::ALL {
            assert!(table.contains(figure.as_str()), "{figure} missing");
        }
        assert!(table.contains("* min_wage_hour  (EUR per hour)"));
        assert!(table.contains(
            "from 2025-01: 14.06 | from 2025-07: 14.40 | from 2026-01: 14.71 | from 2026-07: 14.99"
        ));
        assert!(table.contains("indexed after 2026-07"));
        assert!(table.contains("from 2027-01: 0.75 (announced)"));
        assert!(table.contains("from 2026-01: no limit"));
        assert!(table.contains("source: Regeling loonkostensubsidie Participatiewet"));
        assert!(table.contains("3.00% a year"));
        for name in preset_names() {
            let table = load_preset(name).expect("preset loads").render_table();
            for line in table.lines() {
                assert!(line.chars().count() <= 100, "{name}: too long: {line}");
            }
        }
    }

    #[test]
    fn wrap_breaks_lines_at_words() {
        let text = wrap("aaa bbb ccc ddd", 9, "  ");
        assert_eq!(text, "  aaa bbb\n    ccc\n    ddd\n");
        assert_eq!(wrap("", 10, "  "), "");
    }
}
