//! SROI building blocks (bouwblokken): the social-return credit a placement earns towards an
//! employer's SROI obligation, by region, as dated and sourced data (`sroi.toml` beside this
//! file, embedded in the binary and validated like the rates presets).
//!
//! Social return is not law: contracting authorities set it in their tenders, and regions
//! publish the credit per year that employing a person from a target group earns. This module
//! parses and checks those tables and answers which block a worker falls in and what it is
//! worth in a month; the engine (`sim/employer.rs`) counts and caps the credit. See
//! `docs/financing.md` ("SROI and the quotumheffing") and `docs/rates.md`.

use serde::Deserialize;

use crate::calendar::YearMonth;
use crate::vocab::{Benefit, Worker};

/// The embedded tables.
const SROI_TEXT: &str = include_str!("sroi.toml");

/// A worker status a block applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SroiWorker {
    /// In the doelgroepregister of the banenafspraak.
    Banenafspraak,
    /// Comes from this benefit (never `Benefit::None`).
    Benefit(Benefit),
}

impl SroiWorker {
    /// Every status a block may name, in the order of the keys.
    pub const ALL: [SroiWorker; 5] = [
        SroiWorker::Banenafspraak,
        SroiWorker::Benefit(Benefit::Participatiewet),
        SroiWorker::Benefit(Benefit::Wajong),
        SroiWorker::Benefit(Benefit::Ww),
        SroiWorker::Benefit(Benefit::Wia),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SroiWorker::Banenafspraak => "banenafspraak",
            SroiWorker::Benefit(b) => b.as_str(),
        }
    }

    fn from_key(key: &str) -> Option<SroiWorker> {
        SroiWorker::ALL.into_iter().find(|w| w.as_str() == key)
    }

    /// Whether the worker has this status.
    pub fn describes(self, worker: &Worker) -> bool {
        match self {
            SroiWorker::Banenafspraak => worker.banenafspraak,
            SroiWorker::Benefit(b) => worker.benefit == b,
        }
    }
}

/// One building block: the credit a worker of its statuses earns per year at full time.
#[derive(Debug, Clone, PartialEq)]
pub struct SroiBlock {
    pub key: String,
    pub description: String,
    pub workers: Vec<SroiWorker>,
    /// Months of employment for which the block counts (`f64::INFINITY`: as long as it lasts).
    pub max_months: f64,
    /// `(from, euros of credit per year at full time)`, dates strictly increasing, non-empty.
    pub values: Vec<(YearMonth, f64)>,
    pub source: String,
}

impl SroiBlock {
    /// The credit per year in force on the first day of `month` (before the first date, the
    /// first value).
    pub fn value_at(&self, month: YearMonth) -> f64 {
        let mut value = self.values.first().map_or(0.0, |v| v.1);
        for &(from, v) in &self.values {
            if from > month {
                break;
            }
            value = v;
        }
        value
    }
}

/// A region's table of building blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct SroiRegion {
    pub key: String,
    pub name: String,
    /// The contract hours per week at which a block earns its full value.
    pub full_time_hours_per_week: f64,
    pub hours_source: String,
    pub source: String,
    /// Tried in order: the first that applies to a worker is the worker's block.
    pub blocks: Vec<SroiBlock>,
}

impl SroiRegion {
    /// The block a worker falls in, if any.
    pub fn block_for(&self, worker: &Worker) -> Option<&SroiBlock> {
        self.blocks
            .iter()
            .find(|b| b.workers.iter().any(|w| w.describes(worker)))
    }

    /// A scenario's own credit per year at a full-time week of `full_time_hours_per_week`, for
    /// every worker in the SROI target group (in the doelgroepregister or from a benefit), for
    /// as long as the employment lasts.
    pub fn own(credit_per_year: f64, full_time_hours_per_week: f64, from: YearMonth) -> Self {
        Self {
            key: "own".into(),
            name: "the scenario's own credit".into(),
            full_time_hours_per_week,
            hours_source: "scenario".into(),
            source: "scenario".into(),
            blocks: vec![SroiBlock {
                key: "own".into(),
                description: "the scenario's own credit per year".into(),
                workers: SroiWorker::ALL.to_vec(),
                max_months: f64::INFINITY,
                values: vec![(from, credit_per_year)],
                source: "scenario".into(),
            }],
        }
    }
}

/// The embedded tables as parsed: their description, the date they were checked, the regions.
#[derive(Debug, Clone, PartialEq)]
pub struct SroiTables {
    pub description: String,
    pub checked: String,
    pub regions: Vec<SroiRegion>,
}

impl SroiTables {
    /// The region with this key (exactly as in `sroi.toml`).
    pub fn region(&self, key: &str) -> Option<&SroiRegion> {
        self.regions.iter().find(|r| r.key == key)
    }

    /// The regions' keys, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.regions.iter().map(|r| r.key.as_str())
    }
}

/// Why the SROI tables do not load.
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
#[error("malformed SROI tables: {0}")]
pub struct SroiError(String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    table: Header,
    region: Vec<RawRegion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    description: String,
    checked: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    key: String,
    name: String,
    full_time_hours_per_week: f64,
    hours_source: String,
    source: String,
    block: Vec<RawBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    key: String,
    description: String,
    workers: Vec<String>,
    max_months: f64,
    source: String,
    values: Vec<RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    from: String,
    value: f64,
}

/// The embedded tables, parsed and checked.
pub fn load_sroi_tables() -> Result<SroiTables, SroiError> {
    parse_sroi_tables(SROI_TEXT)
}

/// Parses and checks tables in the format of `sroi.toml`: unique region and block keys,
/// non-empty names and sources, a positive full-time week, known worker statuses, a
/// non-negative (or `inf`) number of months, dates strictly increasing and finite values ≥ 0.
pub fn parse_sroi_tables(text: &str) -> Result<SroiTables, SroiError> {
    let file: File = toml::from_str(text).map_err(|e| SroiError(e.to_string()))?;
    let bad = |what: String| Err(SroiError(what));
    if file.table.checked.trim().is_empty() || file.table.description.trim().is_empty() {
        return bad("[table] needs a description and the date it was checked".into());
    }
    let mut regions: Vec<SroiRegion> = Vec::with_capacity(file.region.len());
    for r in file.region {
        let key = r.key.trim().to_owned();
        if regions.iter().any(|o| o.key == key) {
            return bad(format!("region `{key}` appears twice"));
        }
        for (field, text) in [
            ("key", &r.key),
            ("name", &r.name),
            ("hours_source", &r.hours_source),
            ("source", &r.source),
        ] {
            if text.trim().is_empty() {
                return bad(format!("region `{key}` has an empty {field}"));
            }
        }
        let hours = r.full_time_hours_per_week;
        if !(hours.is_finite() && hours > 0.0 && hours <= 168.0) {
            return bad(format!(
                "region `{key}`: full_time_hours_per_week {hours} must lie above 0 and at most 168"
            ));
        }
        if r.block.is_empty() {
            return bad(format!("region `{key}` has no block"));
        }
        let mut blocks: Vec<SroiBlock> = Vec::with_capacity(r.block.len());
        for b in r.block {
            let block = parse_block(b).map_err(|e| SroiError(format!("region `{key}`: {e}")))?;
            if blocks.iter().any(|o| o.key == block.key) {
                return bad(format!("region `{key}`: block `{}` appears twice", block.key));
            }
            blocks.push(block);
        }
        regions.push(SroiRegion {
            key,
            name: r.name.trim().to_owned(),
            full_time_hours_per_week: hours,
            hours_source: r.hours_source.trim().to_owned(),
            source: r.source.trim().to_owned(),
            blocks,
        });
    }
    Ok(SroiTables {
        description: file.table.description.trim().to_owned(),
        checked: file.table.checked.trim().to_owned(),
        regions,
    })
}

fn parse_block(b: RawBlock) -> Result<SroiBlock, String> {
    let key = b.key.trim().to_owned();
    for (field, text) in [
        ("key", &b.key),
        ("description", &b.description),
        ("source", &b.source),
    ] {
        if text.trim().is_empty() {
            return Err(format!("block `{key}` has an empty {field}"));
        }
    }
    if b.workers.is_empty() {
        return Err(format!("block `{key}` names no workers"));
    }
    let workers = b
        .workers
        .iter()
        .map(|w| {
            SroiWorker::from_key(w.trim()).ok_or_else(|| {
                let known: Vec<&str> = SroiWorker::ALL.iter().map(|w| w.as_str()).collect();
                format!("block `{key}`: unknown worker `{w}`; known: {}", known.join(", "))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if b.max_months.is_nan() || b.max_months < 0.0 {
        return Err(format!(
            "block `{key}`: max_months {} must be 0 or more (`inf`: as long as employed)",
            b.max_months
        ));
    }
    if b.values.is_empty() {
        return Err(format!("block `{key}` has no values"));
    }
    let mut values: Vec<(YearMonth, f64)> = Vec::with_capacity(b.values.len());
    for v in &b.values {
        let from = YearMonth::parse(&v.from).map_err(|e| format!("block `{key}`: {e}"))?;
        if values.last().is_some_and(|(prev, _)| *prev >= from) {
            return Err(format!(
                "block `{key}`: dates must increase strictly, but {from} follows a later or equal date"
            ));
        }
        if !(v.value.is_finite() && v.value >= 0.0 && v.value <= 1e9) {
            return Err(format!(
                "block `{key}`: value {} from {from} must be a finite amount of 0 or more",
                v.value
            ));
        }
        values.push((from, v.value));
    }
    Ok(SroiBlock {
        key,
        description: b.description.trim().to_owned(),
        workers,
        max_months: b.max_months,
        values,
        source: b.source.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).expect("test month")
    }

    fn worker(benefit: Benefit, banenafspraak: bool) -> Worker {
        Worker {
            benefit,
            banenafspraak,
            ..Worker::default()
        }
    }

    #[test]
    fn the_embedded_tables_load_complete_and_sourced() {
        let tables = load_sroi_tables().expect("sroi.toml loads");
        assert_eq!(tables.keys().collect::<Vec<_>>(), ["oost-nederland", "utrecht"]);
        for region in &tables.regions {
            assert!(!region.source.is_empty() && !region.hours_source.is_empty());
            for block in &region.blocks {
                assert!(!block.source.is_empty(), "{}: {}", region.key, block.key);
                assert!(!block.values.is_empty());
            }
        }
        // The 36-hour week of Oost-Nederland is not stated by its table: said so.
        let oost = tables.region("oost-nederland").expect("oost");
        assert!(oost.hours_source.starts_with("unconfirmed"));
    }

    #[test]
    fn a_worker_falls_in_the_first_block_that_names_a_status_of_theirs() {
        let tables = load_sroi_tables().expect("sroi.toml loads");
        let oost = tables.region("oost-nederland").expect("oost");
        let utrecht = tables.region("utrecht").expect("utrecht");
        let dec = ym("2026-12");
        // In the doelgroepregister: the register's block, whatever the benefit.
        let register = worker(Benefit::Participatiewet, true);
        let block = oost.block_for(&register).expect("a block");
        assert_eq!(
            (block.key.as_str(), block.value_at(dec)),
            ("doelgroepregister", 40000.0)
        );
        assert_eq!(block.max_months, f64::INFINITY);
        assert_eq!(
            utrecht.block_for(&register).map(|b| b.value_at(dec)),
            Some(50000.0)
        );
        // Participatiewet outside the register: the shorter benefit's block, for 2 years.
        let bijstand = oost
            .block_for(&worker(Benefit::Participatiewet, false))
            .expect("a block");
        assert_eq!((bijstand.value_at(dec), bijstand.max_months), (30000.0, 24.0));
        // Wajong counts as the register in both regions; WW differs.
        assert_eq!(
            oost.block_for(&worker(Benefit::Wajong, false))
                .map(|b| b.value_at(dec)),
            Some(40000.0)
        );
        assert_eq!(
            utrecht
                .block_for(&worker(Benefit::Ww, false))
                .map(|b| b.value_at(dec)),
            Some(20000.0)
        );
        // No benefit and not in the register: outside the target group.
        assert_eq!(oost.block_for(&worker(Benefit::None, false)), None);
        assert_eq!(utrecht.block_for(&Worker::default()), None);
    }

    #[test]
    fn a_scenarios_own_credit_covers_the_whole_target_group() {
        let own = SroiRegion::own(12000.0, 38.0, ym("2027-01"));
        assert_eq!(own.full_time_hours_per_week, 38.0);
        for benefit in [
            Benefit::Participatiewet,
            Benefit::Wajong,
            Benefit::Ww,
            Benefit::Wia,
        ] {
            assert!(own.block_for(&worker(benefit, false)).is_some());
        }
        assert!(own.block_for(&worker(Benefit::None, true)).is_some());
        assert_eq!(own.block_for(&worker(Benefit::None, false)), None);
    }

    #[test]
    fn malformed_tables_are_rejected() {
        let good = SROI_TEXT;
        assert!(parse_sroi_tables(good).is_ok());
        let cases = [
            (good.replace("key = \"utrecht\"", "key = \"oost-nederland\""), "twice"),
            (good.replace("\"wia\"]", "\"wao\"]"), "unknown worker `wao`"),
            (good.replace("max_months = 24", "max_months = -1"), "max_months"),
            (good.replace("value = 30000", "value = -30000"), "0 or more"),
            (
                good.replace(
                    "values = [{ from = \"2026-12-01\", value = 20000 }]",
                    "values = [{ from = \"2026-12-01\", value = 20000 }, { from = \"2026-01-01\", value = 1 }]",
                ),
                "increase",
            ),
            (
                good.replace("full_time_hours_per_week = 36\nhours_source = \"utrecht", "full_time_hours_per_week = 0\nhours_source = \"utrecht"),
                "full_time_hours_per_week",
            ),
            (
                good.replace(
                    "source = \"utrecht.nl bouwblokkenmodel: 'WW € 20.000' per year-contract full time; no period of counting is stated (unconfirmed)\"",
                    "source = \" \"",
                ),
                "empty source",
            ),
        ];
        for (text, expected) in cases {
            assert_ne!(text, good, "the test edit for `{expected}` did not apply");
            let err = parse_sroi_tables(&text).expect_err(expected).to_string();
            assert!(err.contains(expected), "{expected}: {err}");
        }
    }
}
