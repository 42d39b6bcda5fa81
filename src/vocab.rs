//! The shared vocabulary of every layer: parties of a flow, the worker's status, how a wage
//! is paid and a ramp is shaped, ledger lines, and the metric names an `[[expect]]` can bound.
//!
//! It sits on the lowest floor and imports nothing of the crate, so that the scenario layer,
//! the validated model, the instruments, the engine and the statistics can all use it without
//! importing each other backwards.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Longest horizon a scenario may have, in months (50 years).
pub const MAX_HORIZON_MONTHS: i64 = 600;

/// Weeks per month: hours per week convert to hours per month with 52/12.
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// A party of a flow in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    Employer,
    Worker,
    Gemeente,
    Uwv,
    Provider,
    School,
    /// Customers: the value of what the worker produces, and market benefits.
    Market,
    /// The employer's own staff whose time supervises the worker.
    Colleagues,
    /// Suppliers of training, adaptations and other bought services.
    Supplier,
    /// Tax office and pension fund: employer premiums.
    TaxAndPension,
    /// The central government (RVO), e.g. for praktijkleren.
    Rijk,
    /// The tax office as the payer of the LKV (Wet tegemoetkomingen loondomein), settled via
    /// the employer's wage tax return.
    Belastingdienst,
}

impl Party {
    pub const ALL: [Party; 12] = [
        Party::Employer,
        Party::Worker,
        Party::Gemeente,
        Party::Uwv,
        Party::Provider,
        Party::School,
        Party::Market,
        Party::Colleagues,
        Party::Supplier,
        Party::TaxAndPension,
        Party::Rijk,
        Party::Belastingdienst,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Party::Employer => "employer",
            Party::Worker => "worker",
            Party::Gemeente => "gemeente",
            Party::Uwv => "uwv",
            Party::Provider => "provider",
            Party::School => "school",
            Party::Market => "market",
            Party::Colleagues => "colleagues",
            Party::Supplier => "supplier",
            Party::TaxAndPension => "tax_and_pension",
            Party::Rijk => "rijk",
            Party::Belastingdienst => "belastingdienst",
        }
    }

    pub fn from_key(key: &str) -> Option<Party> {
        Party::ALL.into_iter().find(|p| p.as_str() == key)
    }
}

/// The worker's status, where financing rules depend on it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Worker {
    /// Age at the start; `None` = adult (21 or older).
    pub age: Option<u32>,
    pub benefit: Benefit,
    /// In the doelgroepregister of the banenafspraak.
    pub banenafspraak: bool,
    /// A bbl learner: the bbl youth minimum wage applies from 18 to 20.
    pub bbl: bool,
    /// Arbeidsgehandicapte werknemer (LKV).
    pub arbeidsgehandicapt: bool,
    /// The target group the worker belongs to without a benefit (LKS, no-risk polis).
    pub group: Group,
    /// The benefit the worker would have had without the placement (see `uitkering`).
    pub counterfactual: CounterfactualBenefit,
}

/// A target group that gives the worker a right without a benefit: LKS under Participatiewet
/// art. 10d lid 2 (the school leavers, NUG'ers and learners of a leer-werktraject who cannot
/// earn the minimum wage), or beschut werk (art. 10b).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Group {
    #[default]
    None,
    /// Came from the praktijkonderwijs (art. 10d lid 2 onderdeel a 1°).
    Praktijkonderwijs,
    /// Came from the voortgezet speciaal onderwijs (art. 10d lid 2 onderdeel a 2°).
    Vso,
    /// Came from the entreeopleiding (art. 10d lid 2 onderdeel a 3°).
    Entree,
    /// Niet-uitkeringsgerechtigde the gemeente supports (art. 10d lid 2 onderdeel b, art. 7
    /// lid 1 onderdeel a).
    Nug,
    /// Follows a leer-werktraject without a startkwalificatie (art. 10d lid 2 onderdeel c).
    Leerwerktraject,
    /// Works in beschut werk (art. 10b).
    BeschutWerk,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::None,
        Group::Praktijkonderwijs,
        Group::Vso,
        Group::Entree,
        Group::Nug,
        Group::Leerwerktraject,
        Group::BeschutWerk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::None => "none",
            Group::Praktijkonderwijs => "praktijkonderwijs",
            Group::Vso => "vso",
            Group::Entree => "entree",
            Group::Nug => "nug",
            Group::Leerwerktraject => "leerwerktraject",
            Group::BeschutWerk => "beschut_werk",
        }
    }
}

/// What the worker would have received without the placement, as the scenario states it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CounterfactualBenefit {
    /// The household the bijstand norm is for.
    pub household: Household,
    /// Share of the gross wage that is net income; `None` = the model's default.
    pub net_share: Option<f64>,
    /// The benefit per month without the placement, euros; `None` = from the law's figures
    /// (bijstand norm, Wajong); required for WW and WIA.
    pub per_month: Option<f64>,
    /// Months of benefit left at the start of the placement; `None` = the whole horizon.
    pub months_left: Option<usize>,
}

/// The household a bijstand norm is for (Participatiewet art. 20–21).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Household {
    #[default]
    Single,
    SingleParent,
    Couple,
}

impl Household {
    pub const ALL: [Household; 3] = [Household::Single, Household::SingleParent, Household::Couple];

    pub fn as_str(self) -> &'static str {
        match self {
            Household::Single => "single",
            Household::SingleParent => "single_parent",
            Household::Couple => "couple",
        }
    }
}

/// The benefit a worker comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Benefit {
    #[default]
    None,
    Participatiewet,
    Wajong,
    Ww,
    Wia,
}

impl Benefit {
    pub const ALL: [Benefit; 5] = [
        Benefit::None,
        Benefit::Participatiewet,
        Benefit::Wajong,
        Benefit::Ww,
        Benefit::Wia,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Benefit::None => "none",
            Benefit::Participatiewet => "participatiewet",
            Benefit::Wajong => "wajong",
            Benefit::Ww => "ww",
            Benefit::Wia => "wia",
        }
    }
}

// Which hours a wage (or a secondment tariff) is paid for. (No doc comment: it would
// enter the scenario's JSON Schema.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PayBasis {
    /// Paid for the contract hours whatever the worker manages (the usual contract).
    Contract,
    /// Paid for the hours actually worked (flexible / on-call contract).
    Worked,
}

// The shape of the productivity ramp (no doc comment, as above).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RampShape {
    Exponential,
    Linear,
    SCurve,
}

/// Built-in lines, at fixed indices in every arrangement's line book.
pub const BUILTIN_LINES: [&str; 6] = [
    "production_value",
    "wage",
    "employer_burden",
    "supervision",
    "jobcoach",
    "exit_cost",
];

/// One line of the ledger: a name and the direction of its flows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineDef {
    pub name: String,
    pub payer: Party,
    pub payee: Party,
}

impl LineDef {
    pub fn new(name: &str, payer: Party, payee: Party) -> Self {
        Self {
            name: name.to_owned(),
            payer,
            payee,
        }
    }

    /// +1 when the employer receives, −1 when it pays, 0 when the flow passes it by.
    pub fn employer_sign(&self) -> f64 {
        match (self.payer, self.payee) {
            (_, Party::Employer) => 1.0,
            (Party::Employer, _) => -1.0,
            _ => 0.0,
        }
    }
}

/// A text in both report languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub nl: &'static str,
    pub en: &'static str,
}

/// Metrics of one arrangement that an `[[expect]]` can bound. `lines.<name>` (a line's mean)
/// is accepted too.
/// The metrics of a class an `[[expect]]` can bound (with a named arrangement); read by `stats::metrics::cohort_metric`.
pub const COHORT_METRICS: [&str; 6] = [
    "cohort.completed_mean",
    "cohort.hired_mean",
    "cohort.still_employed_mean",
    "cohort.dropped_out_mean",
    "cohort.cost_per_hire",
    "cohort.mentor_months_short_share",
];

pub const ARRANGEMENT_METRICS: [&str; 16] = [
    "npv.mean",
    "npv.sd",
    "npv.p5",
    "npv.p10",
    "npv.p25",
    "npv.p50",
    "npv.p75",
    "npv.p90",
    "npv.p95",
    "p_npv_positive",
    "cvar5",
    "break_even.p50_month",
    "break_even.p_within_horizon",
    "retention_at_horizon",
    "months_active_mean",
    "final_productivity_mean",
];

/// Metrics of a pair of arrangements (a − b).
pub const PAIR_METRICS: [&str; 3] = ["p_a_better", "mean_difference", "p_npv_positive_diff"];

/// The phase of a placement with a learning phase to which an instrument or a group line is
/// scoped (`phase = "learning"` or `"employment"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The learning phase, until graduation (or leaving).
    Learning,
    /// The employment after hiring at graduation.
    Employment,
}

impl Phase {
    /// The names a scenario writes.
    pub const NAMES: [&'static str; 2] = ["learning", "employment"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "learning" => Some(Self::Learning),
            "employment" => Some(Self::Employment),
            _ => None,
        }
    }
}

/// A name the scenario gives a line for the report, in Dutch and English (the same text in
/// both when the scenario gives one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub nl: Option<String>,
    pub en: Option<String>,
}

impl Label {
    /// The label in Dutch (`english == false`) or English, falling back to the other language.
    pub fn get(&self, english: bool) -> Option<&str> {
        let (first, second) = if english {
            (&self.en, &self.nl)
        } else {
            (&self.nl, &self.en)
        };
        first.as_deref().or(second.as_deref())
    }
}
