//! The scenario file as written: serde types that mirror the TOML one to one.
//!
//! Nothing here is trusted: `validate` turns these into a [`crate::model::Model`]. Units are in
//! the key names (`_hours_per_week`, `_per_hour` in euros, `_months`) or documented on the field.

// Parse-time types, built once per file: variant size does not matter here.
#![allow(clippy::large_enum_variant)]

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

pub use super::raw_cohort::*;
pub use super::raw_label::RawLabel;
use crate::dist::InputSpec;
pub use crate::instruments::RawInstrument;
pub use crate::vocab::{PayBasis, RampShape};

/// An inclusim scenario file (TOML): placements, peaks, financing arrangements and the
/// expectations `inclusim check` verifies.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "inclusim scenario")]
pub struct RawScenario {
    pub scenario: RawMeta,
    /// Overrides of legal figures of the rates preset: `key = value` or
    /// `key = [{ from = "2027-01", value = … }, …]`.
    #[serde(default)]
    #[schemars(schema_with = "rates_overrides_schema")]
    pub rates: Option<toml::Table>,
    /// `[placement_template.NAME]`: placement keys that several placements share (a class's
    /// groups from several schools); a `[[placement]]` with `template = "NAME"` starts from
    /// them and writes only the keys it sets anew. Merged before validation.
    #[serde(default, rename = "placement_template")]
    #[schemars(schema_with = "placement_templates_schema")]
    pub placement_templates: Option<toml::Table>,
    #[serde(default, rename = "placement")]
    pub placements: Vec<RawPlacement>,
    #[serde(default, rename = "pool")]
    pub pools: Vec<RawPool>,
    #[serde(default, rename = "peak")]
    pub peaks: Vec<RawPeak>,
    #[serde(default, rename = "arrangement")]
    pub arrangements: Vec<RawArrangement>,
    #[serde(default, rename = "correlation")]
    pub correlations: Vec<RawCorrelation>,
    #[serde(default, rename = "expect")]
    pub expectations: Vec<RawExpect>,
    /// What the employer owes that employing the workers helps meet: an SROI obligation and
    /// the banenafspraak quotumheffing.
    pub employer: Option<RawEmployer>,
    /// A class of learners (a TOP-Academy): the placements with a learning phase.
    pub cohort: Option<RawCohort>,
    /// Who the report is for and by whom: shown in its header and workbook.
    pub report: Option<RawReport>,
}

/// `[report]`: the people and the date a business case names, and its language. All
/// optional; `report` flags of the same names override them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    /// The employer the business case is for.
    pub employer: Option<String>,
    /// The candidate, by a pseudonym (the report is sent around; never a full name).
    pub candidate: Option<String>,
    /// The adviser who prepared it (arbeidsdeskundige, jobcoach, account manager).
    pub adviser: Option<String>,
    /// The adviser's organisation (gemeente, UWV, werkbedrijf).
    pub organisation: Option<String>,
    /// The report's date, `YYYY-MM-DD` (default: today, or the day of `SOURCE_DATE_EPOCH`).
    pub date: Option<String>,
    /// Language of the report and of `run`'s tables: `nl` or `en`.
    pub lang: Option<String>,
}

/// Schema of `[rates]`: each key overrides one figure of the preset, with a number (from the
/// beginning) or a dated list. Which keys exist depends on the preset (`inclusim rates`), so
/// they are not listed.
fn rates_overrides_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Overrides of legal figures of the rates preset (see `inclusim rates`): `key = value`, or `key = [{ from = \"YYYY-MM\", value = … }, …]` in date order.",
        "type": "object",
        "additionalProperties": {
            "oneOf": [
                { "type": "number" },
                {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "properties": {
                            "from": { "type": "string", "pattern": "^\\s*[0-9]{4}-[0-9]{1,2}(-0?1)?\\s*$" },
                            "value": { "type": "number" }
                        },
                        "required": ["from", "value"],
                        "additionalProperties": false
                    }
                }
            ]
        }
    })
}

fn placement_templates_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Named templates of placement keys (any key of [[placement]] but `name`, and `template` to start from another template).",
        "type": "object",
        "additionalProperties": { "type": "object" }
    })
}

/// `[scenario]`: what is simulated, from when, how often.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub name: String,
    pub description: Option<String>,
    /// First simulated calendar month, `YYYY-MM`.
    #[schemars(regex(pattern = r"^\s*[0-9]{4}-[0-9]{1,2}(-0?1)?\s*$"))]
    pub start: String,
    /// Months simulated (1 to 600).
    #[schemars(range(min = 1, max = 600))]
    pub horizon_months: i64,
    /// Monte Carlo iterations (default 10000).
    #[schemars(range(min = 1, max = 100_000_000))]
    pub iterations: Option<i64>,
    /// Random seed (default 1); a run is a pure function of scenario, seed and iterations.
    #[schemars(range(min = 0))]
    pub seed: Option<i64>,
    /// Yearly discount rate, applied per month.
    pub discount_rate: Option<f64>,
    /// Name of the rates preset (`nl-2025`, `nl-2026`, `nl-2027`; default `nl-2027`).
    pub rates: Option<String>,
    /// Assumed yearly growth of the minimum wage past the preset's last published figure.
    pub wage_growth_per_year: Option<f64>,
    /// Simulate the "no support" baseline beside the named arrangements (default true).
    pub baseline: Option<bool>,
    /// The employer is itself this party (`gemeente`, `uwv`, `provider`, `school`, `rijk`):
    /// flows between the two are internal, and the parties' views show them as one.
    pub employer_is: Option<String>,
}

/// `[[placement]]`: one worker (or `count` identical copies) at the employer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlacement {
    pub name: String,
    /// The `[placement_template.NAME]` this placement starts from: its keys apply unless the
    /// placement sets them (in a key table such as `learning`, key by key).
    pub template: Option<String>,
    /// How many identical copies (pupils of one group): a whole number, or a discrete
    /// distribution drawn per iteration (`{ dist = "discrete_uniform", min = 4, max = 7 }`,
    /// `{ dist = "discrete", values = […], weights = […] }`); copies beyond the drawn number
    /// do not start.
    pub count: Option<InputSpec>,
    /// Scenario month (0 = `scenario.start`) in which the placement starts.
    pub start_month: Option<i64>,
    /// Scenario month from which the contract no longer runs (exclusive end).
    pub contract_end_month: Option<i64>,
    pub hours_per_week: InputSpec,
    /// The sector's full-time week in hours (36–40; default: the preset's
    /// `full_time_hours_per_week_default`): LKS counts the contract hours up to it
    /// (Participatiewet art. 10d lid 4).
    #[schemars(range(min = 36, max = 40))]
    pub full_time_hours_per_week: Option<f64>,
    /// Gross hourly wage in euros, or `"wml"` for the legal minimum wage in force each month.
    pub wage: WageSpec,
    /// Yearly indexation of a wage in euros (the CAO's raise) as a share, 0.03 = 3% a year
    /// (−0.5 to 0.5). Default: the preset's wage growth, or `[scenario] wage_growth_per_year`.
    /// Not with `wage = "wml"`, which follows the law.
    #[schemars(range(min = -0.5, max = 0.5))]
    pub wage_indexation: Option<f64>,
    /// Calendar month in which the yearly indexation takes effect (1–12 or a name; default
    /// January). The first step falls in the first such month after the scenario's start
    /// month. Not with `wage = "wml"`.
    pub wage_indexation_month: Option<MonthRef>,
    /// Holiday pay as a share of the wage (default: the preset's legal 8%).
    pub holiday_pay: Option<f64>,
    /// Employer's premiums and pension on the wage including holiday pay.
    pub employer_burden: Option<InputSpec>,
    /// Whether pay follows the contract hours or the worked hours (flexible contract).
    pub pay_basis: Option<PayBasis>,
    pub sick_pay: Option<RawSickPay>,
    /// The worker's status, where financing rules depend on it.
    pub worker: Option<RawWorker>,
    /// Value to the employer of one fully productive hour, in euros.
    pub value_per_productive_hour: InputSpec,
    pub productivity: RawProductivity,
    pub capacity: Option<RawCapacity>,
    pub supervision: RawSupervision,
    pub dropout: Option<RawDropout>,
    pub jobcoach: Option<RawJobcoach>,
    #[serde(default, rename = "cost")]
    pub costs: Vec<RawLine>,
    #[serde(default, rename = "benefit")]
    pub benefits: Vec<RawLine>,
    /// A learning phase before employment (a pupil of the `[cohort]`).
    pub learning: Option<RawLearning>,
}

/// `wage = "wml"` or a number / distribution of euros per hour.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum WageSpec {
    #[serde(serialize_with = "serialize_wml")]
    Wml,
    Hourly(InputSpec),
}

fn serialize_wml<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str("wml")
}

impl<'de> Deserialize<'de> for WageSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WageSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "\"wml\" (the legal minimum wage) or a gross hourly wage in euros (a number or a distribution table)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WageSpec, E> {
                if v.eq_ignore_ascii_case("wml") {
                    Ok(WageSpec::Wml)
                } else {
                    Err(E::custom(format!(
                        "unknown wage `{v}`: write \"wml\" for the legal minimum wage, or a number of euros per hour"
                    )))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<WageSpec, E> {
                Ok(WageSpec::Hourly(InputSpec::Constant(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WageSpec, E> {
                Ok(WageSpec::Hourly(InputSpec::Constant(v as f64)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<WageSpec, E> {
                Ok(WageSpec::Hourly(InputSpec::Constant(v)))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<WageSpec, A::Error> {
                InputSpec::deserialize(de::value::MapAccessDeserializer::new(map)).map(WageSpec::Hourly)
            }
        }
        d.deserialize_any(V)
    }
}

// The schema says what the hand-written Deserialize above accepts.
impl JsonSchema for WageSpec {
    fn schema_name() -> Cow<'static, str> {
        "WageSpec".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let hourly = generator.subschema_for::<InputSpec>();
        json_schema!({
            "description": "\"wml\" for the legal minimum wage in force each month, or a gross hourly wage in euros (a number or a distribution table).",
            "oneOf": [
                { "type": "string", "pattern": "^[wW][mM][lL]$" },
                hourly
            ]
        })
    }
}

/// The worker's status: which schemes apply.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWorker {
    /// Age at the start; below 21 the youth minimum wage applies when `wage = "wml"`.
    pub age: Option<i64>,
    /// The benefit the worker comes from: `participatiewet`, `wajong`, `ww`, `wia` or `none`.
    pub benefit: Option<String>,
    /// In the doelgroepregister of the banenafspraak.
    pub banenafspraak: Option<bool>,
    /// A learner in the beroepsbegeleidende leerweg (bbl): from 18 to 20 the lower bbl youth
    /// minimum wage applies (until it ends on 1 January 2027 as announced).
    pub bbl: Option<bool>,
    /// Arbeidsgehandicapte werknemer for the LKV (e.g. WIA/WAO/Wajong with a work capacity).
    pub arbeidsgehandicapt: Option<bool>,
    /// A target group that gives LKS without a benefit (Participatiewet art. 10d lid 2):
    /// `praktijkonderwijs`, `vso`, `entree`, `nug`, `leerwerktraject`; or `beschut_werk`
    /// (art. 10b); or `none` (default).
    pub group: Option<String>,
    /// The household whose bijstand norm applies (`single`, `single_parent`, `couple`;
    /// default `single`); only with `benefit = "participatiewet"`.
    pub household: Option<String>,
    /// Share of the gross wage that is the worker's net income, against which the bijstand is
    /// set (default 0.90, a modelling assumption).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub net_share: Option<f64>,
    /// The benefit per month the worker would have without the placement, euros (incl.
    /// holiday allowance; gross for WW, WIA and Wajong, net for bijstand). For `ww` and `wia`
    /// the benefit no longer paid is booked only with it; for `participatiewet` and `wajong`
    /// it replaces the law's norm.
    #[schemars(range(min = 0.0))]
    pub benefit_per_month: Option<f64>,
    /// Months of benefit left at the start of the placement (default: the whole horizon).
    #[schemars(range(min = 0, max = 600))]
    pub benefit_months_left: Option<i64>,
}

/// Share of the wage the employer continues during sickness (BW 7:629 and the CAO).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSickPay {
    pub first_year: Option<f64>,
    pub second_year: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProductivity {
    /// Productivity (loonwaarde, 0..1) at the start.
    pub start: InputSpec,
    /// Productivity the worker grows to.
    pub target: InputSpec,
    /// T90: well-supervised months to close 90% of the gap.
    pub ramp_months: InputSpec,
    pub shape: Option<RampShape>,
}

/// Load capacity (belastbaarheid) and sickness.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCapacity {
    /// Typical share of contract hours the worker can work (0..1): the median month.
    pub typical: Option<InputSpec>,
    /// σ of the monthly shock on the logit scale.
    pub volatility: Option<InputSpec>,
    /// Instead of `typical` and `volatility`: "in a typical month between LOW and HIGH of the
    /// contract hours", the 90% interval [low, high] of the monthly capacity (0 < low < high < 1).
    pub typical_range: Option<[f64; 2]>,
    /// φ: how much of last month's deviation persists (0 ≤ φ < 1).
    pub persistence: Option<InputSpec>,
    /// Probability that a sick spell starts in a month without one.
    pub sick_start_probability: Option<InputSpec>,
    /// Length of one sick spell in months (drawn anew for each spell).
    pub sick_months: Option<InputSpec>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSupervision {
    pub initial_hours_per_week: InputSpec,
    pub steady_hours_per_week: InputSpec,
    /// Months in which the extra need above steady halves.
    pub halving_months: InputSpec,
    /// Cost of one supervisor hour to the employer, in euros.
    pub supervisor_cost: InputSpec,
    /// Supervisor hours per week available to this placement (each copy its own).
    pub available_hours_per_week: Option<InputSpec>,
    /// Name of a `[[pool]]` of supervisor hours shared with other placements.
    pub pool: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDropout {
    /// Base probability per month that the placement ends early.
    pub monthly: InputSpec,
    /// k: how much a supervision shortfall raises the dropout probability.
    pub shortfall_factor: Option<InputSpec>,
    /// One-off cost to the employer when the placement ends early, in euros.
    pub exit_cost: Option<InputSpec>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawJobcoach {
    /// Euros per jobcoach hour.
    pub tariff_per_hour: InputSpec,
    /// Jobcoach hours per month, or `"norm"` for the preset's norm (a share of the worked hours
    /// by year of tenure).
    pub hours_per_month: JobcoachHoursSpec,
    /// Months of tenure after which coaching stops.
    pub max_months: Option<i64>,
    /// Hours of supervision need that one jobcoach hour takes over (0..1; default: the
    /// assumption in docs/financing.md).
    pub supervision_share: Option<InputSpec>,
    /// Multiplier on the monthly dropout probability in a coached month (default: the
    /// assumption in docs/financing.md).
    pub dropout_factor: Option<InputSpec>,
    /// Multiplier on the learning of a coached month (default 1: no effect on the ramp-up).
    pub learning_factor: Option<InputSpec>,
}

/// `hours_per_month = "norm"` or a number / distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum JobcoachHoursSpec {
    #[serde(serialize_with = "serialize_norm")]
    Norm,
    PerMonth(InputSpec),
}

fn serialize_norm<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str("norm")
}

impl<'de> Deserialize<'de> for JobcoachHoursSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JobcoachHoursSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"norm\" or jobcoach hours per month (a number or a distribution table)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<JobcoachHoursSpec, E> {
                if v.eq_ignore_ascii_case("norm") {
                    Ok(JobcoachHoursSpec::Norm)
                } else {
                    Err(E::custom(format!(
                        "unknown jobcoach hours `{v}`: write \"norm\" or a number of hours per month"
                    )))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<JobcoachHoursSpec, E> {
                Ok(JobcoachHoursSpec::PerMonth(InputSpec::Constant(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<JobcoachHoursSpec, E> {
                Ok(JobcoachHoursSpec::PerMonth(InputSpec::Constant(v as f64)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<JobcoachHoursSpec, E> {
                Ok(JobcoachHoursSpec::PerMonth(InputSpec::Constant(v)))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<JobcoachHoursSpec, A::Error> {
                InputSpec::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(JobcoachHoursSpec::PerMonth)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for JobcoachHoursSpec {
    fn schema_name() -> Cow<'static, str> {
        "JobcoachHoursSpec".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let per_month = generator.subschema_for::<InputSpec>();
        json_schema!({
            "description": "\"norm\" for the preset's norm (a share of the worked hours by year of tenure), or jobcoach hours per month (a number or a distribution table).",
            "oneOf": [
                { "type": "string", "pattern": "^[nN][oO][rR][mM]$" },
                per_month
            ]
        })
    }
}

/// `[[placement.cost]]` / `[[placement.benefit]]`: a one-off amount at a tenure month, or a
/// monthly amount between two tenure months (inclusive).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLine {
    /// The machine name: the key in outputs (summary.json, CSV).
    pub name: String,
    /// The name shown in the report and workbook: one text ("Inwerkcursus") or one per
    /// language (`{ nl = "Inwerkcursus", en = "Onboarding course" }`); default: `name`.
    pub label: Option<RawLabel>,
    /// Euros: once (with `at_month`) or per month (with `from_month`/`to_month`).
    pub amount: InputSpec,
    pub at_month: Option<i64>,
    pub from_month: Option<i64>,
    pub to_month: Option<i64>,
    /// The other party of the flow (default: `supplier` for a cost, `market` for a benefit).
    pub party: Option<String>,
    /// Who pays a cost line (default `employer`): a school's, gemeente's or provider's cost
    /// then appears in that party's view, not the employer's.
    pub payer: Option<String>,
}

/// `[employer]`: the employer's SROI obligation and quotumheffing; each counts for every
/// arrangement, the "no support" baseline included.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEmployer {
    pub sroi: Option<RawSroi>,
    pub quotumheffing: Option<RawQuotumheffing>,
}

/// `[employer] sroi`: a social-return obligation from public contracts, met by the credit
/// the workers earn (a region's building blocks, or `credit_per_year`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSroi {
    /// Euros of SROI credit owed per year of the scenario (months 1–12, 13–24, …); the
    /// credit counted is at most this.
    #[schemars(range(min = 0))]
    pub obligation_per_year: f64,
    /// Euros the employer would spend per euro of credit to meet the obligation otherwise
    /// (social procurement, training; 1 when an unmet obligation is fined euro for euro).
    #[schemars(range(min = 0))]
    pub cost_per_euro: f64,
    /// The region whose building blocks give the credit.
    #[schemars(schema_with = "sroi_region_schema")]
    pub region: Option<String>,
    /// Instead of a region: euros of credit per year for a full-time worker of the target
    /// group (in the doelgroepregister or from a benefit).
    #[schemars(range(min = 0))]
    pub credit_per_year: Option<f64>,
    /// With `credit_per_year`: the full-time week the credit is for (default 36).
    #[schemars(range(min = 1, max = 168))]
    pub full_time_hours_per_week: Option<f64>,
}

/// Schema of `region`: the regions of the embedded SROI tables.
fn sroi_region_schema(_: &mut SchemaGenerator) -> Schema {
    let keys: Vec<String> = crate::rates::sroi::load_sroi_tables()
        .map(|t| t.keys().map(str::to_owned).collect())
        .unwrap_or_default();
    json_schema!({
        "description": "The region whose SROI building blocks give the credit.",
        "type": "string",
        "enum": keys
    })
}

/// `[employer] quotumheffing`: the banenafspraak levy on employers of 25 or more employees
/// that fall short of the quotum. Off unless `in_force = true`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuotumheffing {
    /// Whether the levy is charged (default false: not activated as far as known).
    pub in_force: Option<bool>,
    /// Jobs (of 25.5 hours a week) by which the employer falls short of the quotum without
    /// these workers, per calendar year; the levy avoided is at most that on these jobs.
    #[schemars(range(min = 0))]
    pub missing_jobs: Option<f64>,
}

/// `[[pool]]`: supervisor hours shared by the placements that name it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPool {
    pub name: String,
    pub available_hours_per_week: InputSpec,
}

/// `[[peak]]`: calendar months with more demand and less time to supervise.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPeak {
    pub name: Option<String>,
    pub months: Vec<MonthRef>,
    pub value_multiplier: Option<f64>,
    pub supervision_availability: Option<f64>,
    pub supervisor_cost_multiplier: Option<f64>,
}

/// A calendar month by number (1–12) or name (`"nov"`, `"november"`, `"okt"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum MonthRef {
    Number(i64),
    Name(String),
}

impl<'de> Deserialize<'de> for MonthRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = MonthRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a month number 1–12 or a month name such as \"nov\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<MonthRef, E> {
                Ok(MonthRef::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<MonthRef, E> {
                Ok(MonthRef::Number(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<MonthRef, E> {
                Ok(MonthRef::Name(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for MonthRef {
    fn schema_name() -> Cow<'static, str> {
        "MonthRef".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar month: a number 1–12, or a name in English or Dutch (\"nov\", \"november\", \"okt\"; the first three letters count).",
            "oneOf": [
                { "type": "integer", "minimum": 1, "maximum": 12 },
                { "type": "string", "minLength": 3 }
            ]
        })
    }
}

/// `[[arrangement]]`: a named set of financing instruments, and the support that comes with
/// them (a jobcoach, other supervision hours, a workplace adaptation, any placement input set
/// anew).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawArrangement {
    pub name: String,
    /// What the arrangement is, for the report: one text or one per language
    /// (`{ nl = "…", en = "…" }`), so that the Dutch report shows Dutch.
    pub description: Option<RawLabel>,
    #[serde(default)]
    pub instruments: Vec<RawScopedInstrument>,
    /// The placements the support applies to (default: every placement).
    pub placements: Option<Vec<String>>,
    /// A jobcoach for this arrangement (the keys of a placement's `jobcoach`), or `false` for
    /// none where the placement has one.
    #[serde(default)]
    #[schemars(schema_with = "jobcoach_or_false_schema")]
    pub jobcoach: Option<toml::Value>,
    /// Placement keys set anew in this arrangement, as in `[[placement]]`
    /// (`hours_per_week = 24`, `supervision.available_hours_per_week = 6`).
    #[serde(default)]
    #[schemars(schema_with = "placement_changes_schema")]
    pub placement: Option<toml::Table>,
    /// Costs that come with the arrangement (a workplace adaptation), as `[[placement.cost]]`.
    #[serde(default, rename = "cost")]
    pub costs: Vec<RawLine>,
    /// Benefits that come with the arrangement, as `[[placement.benefit]]`.
    #[serde(default, rename = "benefit")]
    pub benefits: Vec<RawLine>,
}

fn jobcoach_or_false_schema(generator: &mut SchemaGenerator) -> Schema {
    let jobcoach = generator.subschema_for::<RawJobcoach>();
    json_schema!({
        "description": "A jobcoach for this arrangement (the keys of a placement's `jobcoach`), or `false` for none where the placement has one.",
        "oneOf": [jobcoach, { "const": false }]
    })
}

fn placement_changes_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Placement keys set anew in this arrangement, with the same meaning and checks as in [[placement]] (not `name` or `count`).",
        "type": "object"
    })
}

/// An instrument of an arrangement, optionally for some placements only
/// (`placements = ["leerling"]`; default: every placement).
#[derive(Debug, Clone, Serialize)]
pub struct RawScopedInstrument {
    #[serde(flatten)]
    pub instrument: RawInstrument,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placements: Option<Vec<String>>,
    /// The phase of a placement with a learning phase in which the instrument applies:
    /// `learning` or `employment` (default: as the instrument's scheme says, which for a
    /// learner is the employment after hiring).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
}

impl<'de> Deserialize<'de> for RawScopedInstrument {
    /// The `placements` and `phase` keys are taken off; the rest is the instrument, by its
    /// `kind`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut table = toml::Table::deserialize(d)?;
        let placements = table
            .remove("placements")
            .map(Vec::<String>::deserialize)
            .transpose()
            .map_err(|e| de::Error::custom(format!("placements: {}", e.message())))?;
        let phase = table
            .remove("phase")
            .map(String::deserialize)
            .transpose()
            .map_err(|e| de::Error::custom(format!("phase: {}", e.message())))?;
        let instrument = RawInstrument::deserialize(toml::Value::Table(table))
            .map_err(|e| de::Error::custom(e.message()))?;
        Ok(Self {
            instrument,
            placements,
            phase,
        })
    }
}

// The instrument's schema, each kind with the `placements` and `phase` keys beside its own.
impl JsonSchema for RawScopedInstrument {
    fn schema_name() -> Cow<'static, str> {
        "RawScopedInstrument".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = RawInstrument::json_schema(generator);
        let placements = serde_json::json!({
            "description": "The placements this instrument applies to (default: every placement).",
            "type": "array",
            "items": { "type": "string" }
        });
        let phase = serde_json::json!({
            "description": "The phase of a placement with a learning phase in which this instrument applies: `learning` or `employment` (default: employment, after hiring).",
            "type": "string",
            "enum": ["learning", "employment"]
        });
        if let Some(kinds) = schema.get_mut("oneOf").and_then(|v| v.as_array_mut()) {
            for kind in kinds {
                if let Some(props) = kind.get_mut("properties").and_then(|p| p.as_object_mut()) {
                    props.insert("placements".into(), placements.clone());
                    props.insert("phase".into(), phase.clone());
                }
            }
        }
        schema
    }
}

/// `[[correlation]]`: a rank-type correlation between two static inputs of one placement.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCorrelation {
    pub placement: String,
    /// Two input paths inside the placement, e.g. `["productivity.start", "productivity.ramp_months"]`.
    pub inputs: Vec<String>,
    /// Normal-scores (Gaussian copula) correlation coefficient, −1 < rho < 1.
    pub rho: f64,
}

/// `[[expect]]`: a bound on a result metric, checked by `inclusim check`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend(
    "oneOf" = [{ "required": ["arrangement"] }, { "required": ["a", "b"] }],
    "anyOf" = [{ "required": ["at_least"] }, { "required": ["at_most"] }]
))]
pub struct RawExpect {
    /// The arrangement whose metric is bounded (`"no support"` is the built-in baseline).
    pub arrangement: Option<String>,
    /// For pair metrics: the two arrangements compared (a − b).
    pub a: Option<String>,
    pub b: Option<String>,
    #[schemars(schema_with = "metric_schema")]
    pub metric: String,
    /// Lower bound: the expectation holds when the metric is at least this.
    pub at_least: Option<f64>,
    /// Upper bound: the expectation holds when the metric is at most this.
    pub at_most: Option<f64>,
}

/// Schema of `metric`: the names `stats::metrics` knows, or `lines.<name>`.
fn metric_schema(_: &mut SchemaGenerator) -> Schema {
    use crate::vocab::{ARRANGEMENT_METRICS, COHORT_METRICS, PAIR_METRICS};
    let names: Vec<&str> = ARRANGEMENT_METRICS
        .iter()
        .chain(&PAIR_METRICS)
        .chain(&COHORT_METRICS)
        .copied()
        .collect();
    json_schema!({
        "description": format!(
            "The metric bounded. Of one arrangement: {}, or lines.<name> (a line's mean total); with a [cohort] also {}. Of a pair (with `a` and `b`): {}.",
            ARRANGEMENT_METRICS.join(", "),
            COHORT_METRICS.join(", "),
            PAIR_METRICS.join(", ")
        ),
        "anyOf": [
            { "type": "string", "enum": names },
            { "type": "string", "pattern": "^lines\\..+$" }
        ]
    })
}
