//! The page's form, from a scenario's text: every input the adviser talks about with the
//! employer, under its name in both languages, with its `--set` key and its current value.
//!
//! Only keys the file has are shown (a file that leaves a key to its default or template
//! keeps doing so); the page sends a change back as `KEY=VALUE`, which `scenario::edit`
//! applies and the loader validates, so the form needs no rules of its own.

use serde::Serialize;
use serde_json::Value as Json;

use crate::report::{Lang, instrument_summary_name};

/// A name in both languages.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    pub nl: String,
    pub en: String,
}

impl Words {
    fn new(nl: &str, en: &str) -> Self {
        Self {
            nl: nl.to_owned(),
            en: en.to_owned(),
        }
    }

    fn same(text: &str) -> Self {
        Self::new(text, text)
    }
}

/// How a value is shown: as it is, or a share as a percentage.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A share shown as a percentage (0.35 as 35 %).
    Pct,
    Eur,
    Hours,
    Months,
    Plain,
}

/// One input of the form.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The `--set` key (`placement.vakkenvuller.hours_per_week`).
    pub key: String,
    pub label: Words,
    pub unit: Unit,
    /// The value in the file (a number, text, or a distribution table).
    pub value: Json,
}

/// A group of fields under a title (a placement, a cost, an instrument…).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub title: Words,
    pub note: Option<Words>,
    pub fields: Vec<Field>,
}

/// The whole form, in the page's order.
#[derive(Debug, Clone, Serialize)]
pub struct Form {
    pub title: String,
    pub run: Group,
    pub placements: Vec<PlacementForm>,
    pub peaks: Vec<Group>,
    pub arrangements: Vec<ArrangementForm>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlacementForm {
    pub title: Words,
    pub sections: Vec<Group>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArrangementForm {
    pub title: Words,
    pub note: Option<Words>,
    pub instruments: Vec<Group>,
}

/// The run's keys: (key in `[scenario]`, Dutch, English, unit).
const RUN: [(&str, &str, &str, Unit); 4] = [
    ("iterations", "Aantal simulaties", "Iterations", Unit::Plain),
    ("seed", "Startgetal toeval (seed)", "Random seed", Unit::Plain),
    ("horizon_months", "Looptijd", "Horizon", Unit::Months),
    (
        "discount_rate",
        "Disconteringsvoet per jaar",
        "Discount rate per year",
        Unit::Pct,
    ),
];

/// The report's header: (key in `[report]`, Dutch, English, unit).
const REPORT: [(&str, &str, &str, Unit); 5] = [
    ("employer", "Werkgever", "Employer", Unit::Plain),
    ("candidate", "Kandidaat", "Candidate", Unit::Plain),
    ("adviser", "Adviseur", "Adviser", Unit::Plain),
    ("organisation", "Organisatie", "Organisation", Unit::Plain),
    ("date", "Datum (JJJJ-MM-DD)", "Date (YYYY-MM-DD)", Unit::Plain),
];

/// The placement's inputs by section: (section Dutch, English, keys).
type Keys = &'static [(&'static str, &'static str, &'static str, Unit)];
const PLACEMENT: [(&str, &str, Keys); 5] = [
    (
        "Werk en loon",
        "Work and pay",
        &[
            ("hours_per_week", "Uren per week", "Hours per week", Unit::Hours),
            (
                "wage",
                "Bruto uurloon (of \"wml\")",
                "Gross hourly wage (or \"wml\")",
                Unit::Eur,
            ),
            (
                "employer_burden",
                "Werkgeverslasten op het loon",
                "Employer's premiums on the wage",
                Unit::Pct,
            ),
            (
                "value_per_productive_hour",
                "Waarde van een volledig productief uur",
                "Value of a fully productive hour",
                Unit::Eur,
            ),
        ],
    ),
    (
        "Productiviteit (loonwaarde)",
        "Productivity (loonwaarde)",
        &[
            ("productivity.start", "Bij de start", "At the start", Unit::Pct),
            (
                "productivity.target",
                "Na het inwerken",
                "After ramp-up",
                Unit::Pct,
            ),
            (
                "productivity.ramp_months",
                "Inwerktijd (maanden tot 90%)",
                "Ramp-up (months to 90%)",
                Unit::Months,
            ),
        ],
    ),
    (
        "Begeleiding",
        "Supervision",
        &[
            (
                "supervision.initial_hours_per_week",
                "Werkbegeleiding bij de start, uur per week",
                "Supervision at the start, hours a week",
                Unit::Hours,
            ),
            (
                "supervision.steady_hours_per_week",
                "Werkbegeleiding op termijn, uur per week",
                "Supervision later on, hours a week",
                Unit::Hours,
            ),
            (
                "supervision.halving_months",
                "Begeleiding halveert elke",
                "Supervision halves every",
                Unit::Months,
            ),
            (
                "supervision.supervisor_cost",
                "Kosten werkbegeleider per uur",
                "Supervisor's cost per hour",
                Unit::Eur,
            ),
            (
                "supervision.available_hours_per_week",
                "Beschikbare begeleidingsuren per week",
                "Supervisor hours available a week",
                Unit::Hours,
            ),
        ],
    ),
    (
        "Belastbaarheid en verzuim",
        "Load capacity and sickness",
        &[
            (
                "capacity.typical",
                "Belastbaarheid (deel van de contracturen)",
                "Load capacity (share of the contract hours)",
                Unit::Pct,
            ),
            (
                "capacity.volatility",
                "Schommeling van de belastbaarheid",
                "Fluctuation of the load capacity",
                Unit::Plain,
            ),
            (
                "capacity.sick_start_probability",
                "Kans per maand op een ziekmelding",
                "Chance per month of a sickness spell",
                Unit::Pct,
            ),
            (
                "capacity.sick_months",
                "Duur van een ziekmelding",
                "Length of a sickness spell",
                Unit::Months,
            ),
        ],
    ),
    (
        "Uitval",
        "Dropout",
        &[
            (
                "dropout.monthly",
                "Kans per maand dat de plaatsing stopt",
                "Chance per month that the placement ends",
                Unit::Pct,
            ),
            (
                "dropout.shortfall_factor",
                "× bij te weinig begeleiding",
                "× with too little supervision",
                Unit::Plain,
            ),
            (
                "dropout.exit_cost",
                "Kosten bij uitval",
                "Cost of an exit",
                Unit::Eur,
            ),
        ],
    ),
];

const LINE: [(&str, &str, &str, Unit); 2] = [
    ("amount", "Bedrag", "Amount", Unit::Eur),
    ("at_month", "In maand", "In month", Unit::Plain),
];

const PEAK: [(&str, &str, &str, Unit); 3] = [
    (
        "value_multiplier",
        "Waarde van een uur ×",
        "Value of an hour ×",
        Unit::Plain,
    ),
    (
        "supervision_availability",
        "Beschikbare begeleiding",
        "Supervision available",
        Unit::Pct,
    ),
    (
        "supervisor_cost_multiplier",
        "Kosten begeleiding ×",
        "Supervision cost ×",
        Unit::Plain,
    ),
];

/// Names of instrument parameters that are known; any other is shown by its key.
const PARAMS: [(&str, &str, &str, Unit); 16] = [
    (
        "reassess_months",
        "Herbeoordeling loonwaarde elke (maanden)",
        "Loonwaarde reassessed every (months)",
        Unit::Months,
    ),
    (
        "assessment_noise_sd",
        "Meetfout loonwaarde (sd)",
        "Assessment error (sd)",
        Unit::Plain,
    ),
    (
        "assessment_admin_hours",
        "Uren administratie per beoordeling",
        "Admin hours per assessment",
        Unit::Hours,
    ),
    ("tariff_per_hour", "Tarief per uur", "Tariff per hour", Unit::Eur),
    ("basis", "Grondslag", "Basis", Unit::Plain),
    (
        "provider_supervision_share",
        "Deel begeleiding door de aanbieder",
        "Share of supervision by the provider",
        Unit::Pct,
    ),
    ("category", "Categorie", "Category", Unit::Plain),
    ("amount", "Bedrag", "Amount", Unit::Eur),
    ("per", "Per", "Per", Unit::Plain),
    ("from_month", "Vanaf maand", "From month", Unit::Plain),
    ("to_month", "Tot en met maand", "To month", Unit::Plain),
    (
        "hours_per_month",
        "Uren per maand",
        "Hours per month",
        Unit::Hours,
    ),
    ("hourly_rate", "Uurtarief", "Hourly rate", Unit::Eur),
    ("months", "Maanden", "Months", Unit::Months),
    ("share", "Aandeel", "Share", Unit::Pct),
    (
        "duration_months",
        "Duur (maanden)",
        "Duration (months)",
        Unit::Months,
    ),
];

/// A key part as `--set` writes it (quoted when it is not a bare key).
fn part(name: &str) -> String {
    toml_edit::Key::new(name).display_repr().into_owned()
}

fn get<'a>(table: &'a toml::Table, dotted: &str) -> Option<&'a toml::Value> {
    let mut parts = dotted.split('.');
    let mut v = table.get(parts.next()?)?;
    for p in parts {
        v = v.as_table()?.get(p)?;
    }
    Some(v)
}

fn json(v: &toml::Value) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

/// A value the form can edit: a number, text, or a distribution table.
fn editable(v: &toml::Value) -> bool {
    match v {
        toml::Value::Integer(_) | toml::Value::Float(_) | toml::Value::String(_) => true,
        toml::Value::Table(t) => t.get("dist").is_some_and(toml::Value::is_str),
        _ => false,
    }
}

fn fields(table: &toml::Table, prefix: &str, keys: &[(&str, &str, &str, Unit)]) -> Vec<Field> {
    keys.iter()
        .filter_map(|(key, nl, en, unit)| {
            let v = get(table, key).filter(|v| editable(v))?;
            Some(Field {
                key: format!("{prefix}.{key}"),
                label: Words::new(nl, en),
                unit: *unit,
                value: json(v),
            })
        })
        .collect()
}

fn str_of<'a>(t: &'a toml::Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(toml::Value::as_str)
}

fn tables<'a>(t: &'a toml::Table, key: &str) -> Vec<&'a toml::Table> {
    t.get(key)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
        .unwrap_or_default()
}

/// How `--set` names entry `i` of a list whose entries have these names and kinds: by name,
/// else by kind when no entry before has the same one, else by 1-based position.
fn entry(i: usize, entries: &[(Option<&str>, Option<&str>)]) -> String {
    let (name, kind) = entries[i];
    if let Some(n) = name
        && entries.iter().position(|e| e.0 == Some(n)) == Some(i)
    {
        return part(n);
    }
    if let Some(k) = kind
        && entries.iter().position(|e| e.0 == Some(k) || e.1 == Some(k)) == Some(i)
    {
        return part(k);
    }
    (i + 1).to_string()
}

/// The names and kinds of a list's entries.
fn names<'a>(list: &[&'a toml::Table]) -> Vec<(Option<&'a str>, Option<&'a str>)> {
    list.iter()
        .map(|t| (str_of(t, "name"), str_of(t, "kind")))
        .collect()
}

fn label_of(t: &toml::Table) -> Option<Words> {
    let l = t.get("label")?;
    if let Some(s) = l.as_str() {
        return Some(Words::same(s));
    }
    let l = l.as_table()?;
    let nl = str_of(l, "nl");
    let en = str_of(l, "en");
    Some(Words::new(nl.or(en)?, en.or(nl)?))
}

/// The form of a scenario text; `None` when it is not TOML (the page then shows the error).
pub fn of(text: &str) -> Option<Form> {
    let doc: toml::Table = toml::from_str(text).ok()?;
    let empty = toml::Table::new();
    let scenario = doc
        .get("scenario")
        .and_then(toml::Value::as_table)
        .unwrap_or(&empty);
    let report = doc
        .get("report")
        .and_then(toml::Value::as_table)
        .unwrap_or(&empty);
    let mut run_fields = fields(scenario, "scenario", &RUN);
    run_fields.extend(fields(report, "report", &REPORT));
    let run = Group {
        title: Words::new("Berekening en rapport", "Calculation and report"),
        note: None,
        fields: run_fields,
    };
    let placements_t = tables(&doc, "placement");
    let placement_names = names(&placements_t);
    let placements = placements_t
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let prefix = format!("placement.{}", entry(i, &placement_names));
            let mut sections: Vec<Group> = PLACEMENT
                .iter()
                .map(|(nl, en, keys)| Group {
                    title: Words::new(nl, en),
                    note: None,
                    fields: fields(p, &prefix, keys),
                })
                .collect();
            for (key, nl, en) in [("cost", "Kosten", "Cost"), ("benefit", "Opbrengst", "Benefit")] {
                let lines = tables(p, key);
                let line_names = names(&lines);
                for (j, l) in lines.iter().enumerate() {
                    let name = str_of(l, "name").unwrap_or(key);
                    let label = label_of(l).unwrap_or_else(|| Words::same(name));
                    sections.push(Group {
                        title: Words::new(&format!("{nl}: {}", label.nl), &format!("{en}: {}", label.en)),
                        note: None,
                        fields: fields(l, &format!("{prefix}.{key}.{}", entry(j, &line_names)), &LINE),
                    });
                }
            }
            sections.retain(|g| !g.fields.is_empty());
            PlacementForm {
                title: Words::same(str_of(p, "name").unwrap_or("placement")),
                sections,
            }
        })
        .collect();
    let peaks_t = tables(&doc, "peak");
    let peak_names = names(&peaks_t);
    let peaks = peaks_t
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let months = p
                .get("months")
                .and_then(toml::Value::as_array)
                .map(|m| {
                    m.iter()
                        .map(|x| x.to_string().trim_matches('"').to_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let name = str_of(p, "name").unwrap_or("peak");
            Group {
                title: Words::new(
                    &format!("Piek: {name} ({months})"),
                    &format!("Peak: {name} ({months})"),
                ),
                note: None,
                fields: fields(p, &format!("peak.{}", entry(i, &peak_names)), &PEAK),
            }
        })
        .filter(|g| !g.fields.is_empty())
        .collect();
    let arrangements_t = tables(&doc, "arrangement");
    let arrangement_names = names(&arrangements_t);
    let arrangements = arrangements_t
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let prefix = format!("arrangement.{}", entry(i, &arrangement_names));
            let list: Vec<&toml::Table> = a
                .get("instruments")
                .and_then(toml::Value::as_array)
                .map(|l| l.iter().filter_map(toml::Value::as_table).collect())
                .unwrap_or_default();
            let list_names = names(&list);
            let instruments = list
                .iter()
                .enumerate()
                .map(|(j, ins)| {
                    let kind = str_of(ins, "kind").unwrap_or("?");
                    let name = |lang| instrument_summary_name(kind, lang);
                    let title = match str_of(ins, "name") {
                        Some(n) => Words::new(
                            &format!("{} ({n})", name(Lang::Nl)),
                            &format!("{} ({n})", name(Lang::En)),
                        ),
                        None => Words::new(&name(Lang::Nl), &name(Lang::En)),
                    };
                    let at = format!("{prefix}.instruments.{}", entry(j, &list_names));
                    let fields = ins
                        .iter()
                        .filter(|(k, v)| !matches!(k.as_str(), "kind" | "name") && editable(v))
                        .map(|(k, v)| {
                            let known = PARAMS.iter().find(|p| p.0 == k);
                            let unit = known.map_or(
                                if k.ends_with("_share") {
                                    Unit::Pct
                                } else {
                                    Unit::Plain
                                },
                                |p| p.3,
                            );
                            Field {
                                key: format!("{at}.{}", part(k)),
                                label: known.map_or_else(
                                    || Words::same(&k.replace('_', " ")),
                                    |p| Words::new(p.1, p.2),
                                ),
                                unit,
                                value: json(v),
                            }
                        })
                        .collect();
                    Group {
                        title,
                        note: None,
                        fields,
                    }
                })
                .collect();
            ArrangementForm {
                title: Words::same(str_of(a, "name").unwrap_or("arrangement")),
                note: str_of(a, "description").map(Words::same),
                instruments,
            }
        })
        .collect();
    Some(Form {
        title: str_of(scenario, "name").unwrap_or("scenario").to_owned(),
        run,
        placements,
        peaks,
        arrangements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::edit::{self, Setting};
    use std::path::Path;

    /// Every key of the form of every bundled scenario and template is one `--set` accepts,
    /// and setting it to its own value leaves the scenario valid.
    #[test]
    fn every_field_of_the_bundled_scenarios_is_a_key_set_accepts() {
        let templates = crate::templates::TEMPLATES.iter().map(|t| (t.name, t.text));
        for (name, text) in super::super::sources::BUNDLED.into_iter().chain(templates) {
            let form = of(text).unwrap_or_else(|| panic!("{name}: no form"));
            let mut keys: Vec<&Field> = form.run.fields.iter().collect();
            for p in &form.placements {
                keys.extend(p.sections.iter().flat_map(|g| &g.fields));
            }
            keys.extend(form.peaks.iter().flat_map(|g| &g.fields));
            for a in &form.arrangements {
                keys.extend(a.instruments.iter().flat_map(|g| &g.fields));
            }
            assert!(keys.len() > 10, "{name}: only {} fields", keys.len());
            for f in keys {
                let value: toml::Value = serde_json::from_value(f.value.clone()).unwrap();
                let toml_text = toml_value_text(&value);
                let s = Setting::parse(&format!("{}={toml_text}", f.key)).unwrap();
                let (edited, _) =
                    edit::apply(text, &[s]).unwrap_or_else(|e| panic!("{name}: {}: {e}", f.key));
                assert!(
                    edit::parse_with(Path::new("x.toml"), &edited, &[]).is_ok(),
                    "{name}: {} set to its own value is invalid",
                    f.key
                );
            }
        }
    }

    fn toml_value_text(v: &toml::Value) -> String {
        match v {
            toml::Value::Table(t) => {
                let parts: Vec<String> = t
                    .iter()
                    .map(|(k, v)| format!("{k} = {}", toml_value_text(v)))
                    .collect();
                format!("{{ {} }}", parts.join(", "))
            }
            other => other.to_string(),
        }
    }

    #[test]
    fn supermarket_form_names_its_inputs_in_the_advisers_words() {
        let text = super::super::sources::BUNDLED[0].1;
        let form = of(text).unwrap();
        let fields: Vec<&Field> = form.placements[0]
            .sections
            .iter()
            .flat_map(|g| &g.fields)
            .collect();
        let hours = fields
            .iter()
            .find(|f| f.key == "placement.vakkenvuller.hours_per_week")
            .unwrap();
        assert_eq!(hours.value, serde_json::json!(24));
        assert_eq!(hours.label.nl, "Uren per week");
        let start = fields
            .iter()
            .find(|f| f.key == "placement.vakkenvuller.productivity.start")
            .unwrap();
        assert_eq!(start.unit, Unit::Pct);
        assert_eq!(start.value["dist"], "pert");
        let tariff = &form.arrangements[2].instruments[0].fields;
        assert!(
            tariff
                .iter()
                .any(|f| f.key == "arrangement.Detachering.instruments.detachering.tariff_per_hour")
        );
        assert_eq!(form.arrangements[0].title.nl, "LKS + no-risk polis");
        assert!(
            form.arrangements[0].instruments[0].fields[0]
                .key
                .starts_with("arrangement.\"LKS + no-risk polis\".instruments.lks.")
        );
    }
}
