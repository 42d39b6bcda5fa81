//! `[employer]`: the SROI obligation and the banenafspraak quotumheffing, checked into
//! [`EmployerDuties`] — a known region (with a did-you-mean) or the scenario's own credit,
//! amounts of 0 or more, and the shortfall in jobs when the levy is in force.

use super::*;
use crate::rates::sroi::{SroiRegion, load_sroi_tables};

/// The full-time week of a scenario's own `credit_per_year` unless it says otherwise: the
/// week of the bundled regions' tables and of the Participatiewet's LKS norm (36 hours).
pub const DEFAULT_SROI_FULL_TIME_HOURS: f64 = 36.0;

pub(super) fn build_employer(c: &mut Checker, raw: &RawScenario, start: YearMonth) -> EmployerDuties {
    let Some(employer) = &raw.employer else {
        return EmployerDuties::default();
    };
    let path = KeyPath::root().key("employer");
    check_line_names(c, raw);
    EmployerDuties {
        sroi: employer
            .sroi
            .as_ref()
            .and_then(|s| build_sroi(c, s, &path.key("sroi"), start)),
        quotumheffing: employer
            .quotumheffing
            .as_ref()
            .and_then(|q| build_quotum(c, q, &path.key("quotumheffing"))),
    }
}

fn build_sroi(c: &mut Checker, raw: &RawSroi, path: &KeyPath, start: YearMonth) -> Option<SroiDuty> {
    let obligation_per_year = c.number(
        Some(raw.obligation_per_year),
        &path.key("obligation_per_year"),
        Range::NonNegative,
        0.0,
    );
    let cost_per_euro = c.number(
        Some(raw.cost_per_euro),
        &path.key("cost_per_euro"),
        Range::NonNegative,
        0.0,
    );
    let credit = match (&raw.region, raw.credit_per_year) {
        (Some(_), Some(_)) => {
            c.error(
                &path.key("credit_per_year"),
                "give either `region` (its building blocks) or `credit_per_year` (your own), not both",
            );
            None
        }
        (None, None) => {
            c.error(
                path,
                "say where the credit comes from: `region = \"oost-nederland\"` (a region's building blocks) or `credit_per_year = …` (your own)",
            );
            None
        }
        (Some(name), None) => {
            if raw.full_time_hours_per_week.is_some() {
                c.error(
                    &path.key("full_time_hours_per_week"),
                    "only with `credit_per_year`: a region's table states its own full-time week",
                );
            }
            region(c, name, &path.key("region"))
        }
        (None, Some(credit)) => {
            let credit = c.number(
                Some(credit),
                &path.key("credit_per_year"),
                Range::NonNegative,
                0.0,
            );
            let hours_path = path.key("full_time_hours_per_week");
            let hours = c.number(
                raw.full_time_hours_per_week,
                &hours_path,
                Range::Positive,
                DEFAULT_SROI_FULL_TIME_HOURS,
            );
            if hours > 168.0 {
                c.error(
                    &hours_path,
                    format!("{hours} hours is more than a week has (168)"),
                );
            }
            Some(SroiRegion::own(credit, hours, start))
        }
    }?;
    Some(SroiDuty {
        obligation_per_year,
        cost_per_euro,
        credit,
    })
}

/// The region named `name`, or an error at `path` naming the known ones.
fn region(c: &mut Checker, name: &str, path: &KeyPath) -> Option<SroiRegion> {
    let tables = match load_sroi_tables() {
        Ok(t) => t,
        Err(e) => {
            c.error(path, e.to_string());
            return None;
        }
    };
    let found = tables.region(name.trim()).cloned();
    if found.is_none() {
        let keys: Vec<&str> = tables.keys().collect();
        c.error(path, unknown_key_message("SROI region", name, &keys));
    }
    found
}

fn build_quotum(c: &mut Checker, raw: &RawQuotumheffing, path: &KeyPath) -> Option<QuotumDuty> {
    let missing_path = path.key("missing_jobs");
    let missing_jobs = raw
        .missing_jobs
        .map(|m| c.number(Some(m), &missing_path, Range::NonNegative, 0.0));
    if raw.in_force != Some(true) {
        return None;
    }
    match missing_jobs {
        Some(missing_jobs) => Some(QuotumDuty { missing_jobs }),
        None => {
            c.error(
                path,
                "with `in_force = true`, say by how many jobs the employer falls short of the quotum: `missing_jobs = …`",
            );
            None
        }
    }
}

/// A placement's or an arrangement's own line may not take the name of a duty's line: the
/// two would be one line in the outputs.
fn check_line_names(c: &mut Checker, raw: &RawScenario) {
    let taken = line_names(raw);
    let tables = raw
        .placements
        .iter()
        .map(|p| (&p.costs, &p.benefits))
        .enumerate()
        .map(|(i, lines)| (KeyPath::root().key("placement").index(i), lines))
        .chain(raw.arrangements.iter().enumerate().map(|(i, a)| {
            (
                KeyPath::root().key("arrangement").index(i),
                (&a.costs, &a.benefits),
            )
        }));
    for (path, (costs, benefits)) in tables {
        for (key, lines) in [("cost", costs), ("benefit", benefits)] {
            for (j, l) in lines.iter().enumerate() {
                if taken.contains(&l.name.as_str()) {
                    c.error(
                        &path.key(key).index(j).key("name"),
                        format!(
                            "`{}` is the line of `[employer]`; give this line another name",
                            l.name
                        ),
                    );
                }
            }
        }
    }
}

/// The ledger lines `[employer]` adds to every arrangement (for `lines.<name>` in `[[expect]]`).
pub(super) fn line_names(raw: &RawScenario) -> Vec<&'static str> {
    let Some(employer) = &raw.employer else {
        return Vec::new();
    };
    let mut names = Vec::new();
    if employer.sroi.is_some() {
        names.push(SROI_LINE);
    }
    if employer
        .quotumheffing
        .as_ref()
        .is_some_and(|q| q.in_force == Some(true))
    {
        names.push(QUOTUMHEFFING_LINE);
    }
    names
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::model::{Model, SroiDuty};

    const BASE: &str = r#"[scenario]
name = "t"
start = "2027-01"
horizon_months = 12

[[placement]]
name = "w"
hours_per_week = 24
wage = "wml"
value_per_productive_hour = 25
productivity = { start = 0.3, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 35, available_hours_per_week = 8 }
"#;

    fn parse(employer: &str) -> Result<Model, Vec<String>> {
        let text = format!("{BASE}\n[employer]\n{employer}\n");
        crate::scenario::parse(Path::new("t.toml"), &text)
            .map_err(|diags| diags.iter().map(ToString::to_string).collect())
    }

    fn errors(employer: &str) -> Vec<String> {
        parse(employer).err().unwrap_or_default()
    }

    fn sroi(employer: &str) -> SroiDuty {
        parse(employer)
            .expect("valid")
            .employer
            .sroi
            .expect("an SROI duty")
    }

    #[test]
    fn without_an_employer_table_there_are_no_duties() {
        let model = crate::scenario::parse(Path::new("t.toml"), BASE).expect("valid");
        assert!(model.employer.is_empty());
    }

    #[test]
    fn a_region_or_an_own_credit_gives_the_blocks() {
        let duty = sroi(r#"sroi = { obligation_per_year = 20000, region = "utrecht", cost_per_euro = 0.5 }"#);
        assert_eq!((duty.obligation_per_year, duty.cost_per_euro), (20000.0, 0.5));
        assert_eq!(duty.credit.key, "utrecht");
        let own = sroi("sroi = { obligation_per_year = 5000, credit_per_year = 12000, cost_per_euro = 1 }");
        assert_eq!(
            own.credit.full_time_hours_per_week,
            super::DEFAULT_SROI_FULL_TIME_HOURS
        );
        assert_eq!(own.credit.blocks[0].values[0].1, 12000.0);
        let own = sroi(
            "sroi = { obligation_per_year = 5000, credit_per_year = 12000, full_time_hours_per_week = 38, cost_per_euro = 1 }",
        );
        assert_eq!(own.credit.full_time_hours_per_week, 38.0);
    }

    #[test]
    fn the_quotumheffing_is_off_unless_in_force() {
        let off = parse("quotumheffing = { missing_jobs = 2 }").expect("valid");
        assert_eq!(off.employer.quotumheffing, None);
        let off = parse("quotumheffing = { in_force = false, missing_jobs = 2 }").expect("valid");
        assert_eq!(off.employer.quotumheffing, None);
        let on = parse("quotumheffing = { in_force = true, missing_jobs = 1.5 }").expect("valid");
        assert_eq!(on.employer.quotumheffing.map(|q| q.missing_jobs), Some(1.5));
    }

    #[test]
    fn bad_employer_keys_are_reported_at_their_key() {
        let cases = [
            (
                r#"sroi = { obligation_per_year = 1, region = "oost-nederlnd", cost_per_euro = 1 }"#,
                "employer.sroi.region: unknown SROI region `oost-nederlnd`; did you mean `oost-nederland`? Allowed: oost-nederland, utrecht",
            ),
            (
                r#"sroi = { obligation_per_year = -5, region = "utrecht", cost_per_euro = 1 }"#,
                "employer.sroi.obligation_per_year: -5 is not allowed; it must be at least 0",
            ),
            (
                r#"sroi = { obligation_per_year = 5, region = "utrecht", cost_per_euro = -0.2 }"#,
                "employer.sroi.cost_per_euro: -0.2 is not allowed",
            ),
            (
                r#"sroi = { obligation_per_year = 5, region = "utrecht", credit_per_year = 9, cost_per_euro = 1 }"#,
                "employer.sroi.credit_per_year: give either `region`",
            ),
            (
                "sroi = { obligation_per_year = 5, cost_per_euro = 1 }",
                "employer.sroi: say where the credit comes from",
            ),
            (
                r#"sroi = { obligation_per_year = 5, region = "utrecht", full_time_hours_per_week = 40, cost_per_euro = 1 }"#,
                "employer.sroi.full_time_hours_per_week: only with `credit_per_year`",
            ),
            (
                "sroi = { obligation_per_year = 5, credit_per_year = 9, full_time_hours_per_week = 0, cost_per_euro = 1 }",
                "employer.sroi.full_time_hours_per_week: 0 is not allowed; it must be above 0",
            ),
            (
                "quotumheffing = { in_force = true }",
                "employer.quotumheffing: with `in_force = true`, say by how many jobs",
            ),
            (
                "quotumheffing = { in_force = true, missing_jobs = -1 }",
                "employer.quotumheffing.missing_jobs: -1 is not allowed; it must be at least 0",
            ),
            (
                "sroi = { obligation_per_year = 5, region = \"utrecht\", cost_per_euro = 1 }\n\n[[placement.benefit]]\nname = \"sroi\"\namount = 5\nat_month = 0",
                ".benefit[0] \"sroi\" .name: `sroi` is the line of `[employer]`; give this line another name",
            ),
            (
                "quotum = { in_force = true }",
                "employer.quotum: unknown key `quotum`; did you mean `quotumheffing`?",
            ),
        ];
        for (employer, wanted) in cases {
            let errors = errors(employer);
            assert_eq!(errors.len(), 1, "{employer}: {errors:?}");
            assert!(errors[0].contains(wanted), "{errors:?} lacks {wanted}");
        }
    }
}
