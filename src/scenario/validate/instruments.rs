//! Arrangements and their financing instruments.

use super::*;

/// A payer among `allowed` (named in the scenario) or the default.
pub(super) fn payer(
    c: &mut Checker,
    name: Option<&String>,
    default: Party,
    allowed: &[Party],
    path: &KeyPath,
) -> Party {
    let Some(name) = name else {
        return default;
    };
    match allowed.iter().find(|p| p.as_str() == name) {
        Some(p) => *p,
        None => {
            let keys: Vec<&str> = allowed.iter().map(|p| p.as_str()).collect();
            c.error(path, unknown_key_message("payer", name, &keys));
            default
        }
    }
}

/// A whole number of months in `lo..=hi` (figures from the preset give the bounds).
pub(super) fn month_count(
    c: &mut Checker,
    value: Option<i64>,
    default: f64,
    lo: f64,
    hi: f64,
    path: &KeyPath,
) -> usize {
    let v = value.map_or(default, |v| v as f64);
    if v < lo || v > hi || v.fract() != 0.0 {
        c.error(path, format!("{v} is out of range; allowed: {lo} to {hi} months"));
        return lo.max(0.0) as usize;
    }
    v as usize
}

pub(super) fn build_instruments(
    c: &mut Checker,
    raw: &RawScenario,
    arrangement: &RawArrangement,
    path: &KeyPath,
    rates: &Rates,
    start: YearMonth,
    inputs: &mut Vec<(StaticInput, u64)>,
) -> Vec<Instrument> {
    use crate::rates::Figure as F;
    let fig = |f: F| rates.get(f, start);
    let mut out = Vec::new();
    let mut kinds: BTreeSet<String> = BTreeSet::new();
    for (j, ri) in arrangement.instruments.iter().enumerate() {
        let ipath = path.key("instruments").index(j);
        let at = |k: &str| ipath.key(k);
        // One of each kind per arrangement; LKV once per category, grants once per name.
        let identity = match ri {
            RawInstrument::Lkv { category, .. } => format!("lkv:{category}"),
            RawInstrument::Grant { name, .. } => format!("grant:{name}"),
            other => other.kind().to_owned(),
        };
        if !kinds.insert(identity.clone()) {
            c.error(
                &ipath,
                format!("`{}` appears twice in this arrangement", ri.kind()),
            );
        }
        // The input draws from a stream of its own, named by the instrument and key, so that
        // its draws do not depend on the other arrangements, and the same input of two
        // arrangements draws the same numbers (common random numbers).
        let mut new_input = |c: &mut Checker, spec: &InputSpec, key: &str| -> usize {
            let dist = c.input(spec, &at(key), Range::NonNegative);
            let input = StaticInput {
                path: format!("{}/{identity}.{key}", arrangement.name),
                dist,
                used: true,
            };
            inputs.push((input, rng::stream_id(&format!("{identity}.{key}"))));
            inputs.len() - 1
        };
        let instrument = match ri {
            RawInstrument::Lks {
                reassess_months,
                assessment_noise_sd,
                assessment_admin_hours,
                forfaitaire_phase_months,
            } => Instrument::Lks(lks::Lks {
                reassess_months: month_count(
                    c,
                    *reassess_months,
                    DEFAULT_REASSESS_MONTHS as f64,
                    1.0,
                    60.0,
                    &at("reassess_months"),
                ),
                noise_sd: c.number(
                    *assessment_noise_sd,
                    &at("assessment_noise_sd"),
                    Range::Probability,
                    DEFAULT_ASSESSMENT_NOISE_SD,
                ),
                admin_hours: c.number(
                    *assessment_admin_hours,
                    &at("assessment_admin_hours"),
                    Range::NonNegative,
                    DEFAULT_ASSESSMENT_ADMIN_HOURS,
                ),
                forfait_months: month_count(
                    c,
                    *forfaitaire_phase_months,
                    0.0,
                    0.0,
                    fig(F::LksForfaitPhaseMaxMonths),
                    &at("forfaitaire_phase_months"),
                ),
            }),
            RawInstrument::Loondispensatie { months, topup_share } => {
                Instrument::Loondispensatie(loondispensatie::Loondispensatie {
                    months: month_count(
                        c,
                        *months,
                        fig(F::LoondispensatieMaxMonths),
                        fig(F::LoondispensatieMinMonths),
                        fig(F::LoondispensatieMaxMonths),
                        &at("months"),
                    ),
                    topup_share: c.number(*topup_share, &at("topup_share"), Range::Probability, 1.0),
                    reassess_months: DEFAULT_REASSESS_MONTHS as usize,
                    noise_sd: DEFAULT_ASSESSMENT_NOISE_SD,
                })
            }
            RawInstrument::NoRiskPolis {
                employer_pays_full_first_year,
            } => Instrument::NoRiskPolis(no_risk_polis::NoRiskPolis {
                employer_pays_full_first_year: employer_pays_full_first_year.unwrap_or(true),
            }),
            RawInstrument::Lkv { category, pay_month } => {
                let cat = lkv::Category::from_key(category).unwrap_or_else(|| {
                    c.error(
                        &at("category"),
                        unknown_key_message(
                            "LKV category",
                            category,
                            &["banenafspraak", "arbeidsgehandicapt"],
                        ),
                    );
                    lkv::Category::Banenafspraak
                });
                Instrument::Lkv(lkv::Lkv {
                    category: cat,
                    pay_month: c.months(
                        pay_month.unwrap_or(DEFAULT_LKV_PAY_MONTH),
                        &at("pay_month"),
                        1,
                        12,
                    ) as u32,
                })
            }
            RawInstrument::JobcoachFunding {
                share,
                yearly_budget,
                payer: who,
            } => {
                if raw.placements.iter().all(|p| p.jobcoach.is_none()) {
                    c.error(
                        &ipath,
                        "jobcoach funding needs a jobcoach: add a `jobcoach` block to the placement",
                    );
                }
                Instrument::JobcoachFunding(jobcoach_funding::JobcoachFunding {
                    share: c.number(*share, &at("share"), Range::Probability, 1.0),
                    yearly_budget: c.limit(*yearly_budget, &at("yearly_budget")),
                    payer: payer(
                        c,
                        who.as_ref(),
                        Party::Gemeente,
                        &[Party::Gemeente, Party::Uwv],
                        &at("payer"),
                    ),
                })
            }
            RawInstrument::WorkplaceAdaptation {
                cost_line,
                share,
                payer: who,
            } => {
                let costs: Vec<&str> = raw
                    .placements
                    .iter()
                    .flat_map(|p| p.costs.iter().map(|l| l.name.as_str()))
                    .collect();
                if !costs.contains(&cost_line.as_str()) {
                    c.error(
                        &at("cost_line"),
                        unknown_key_message("cost line", cost_line, &costs),
                    );
                }
                Instrument::WorkplaceAdaptation(workplace_adaptation::WorkplaceAdaptation {
                    cost_line: cost_line.clone(),
                    share: c.number(*share, &at("share"), Range::Probability, 1.0),
                    payer: payer(
                        c,
                        who.as_ref(),
                        Party::Uwv,
                        &[Party::Uwv, Party::Gemeente],
                        &at("payer"),
                    ),
                })
            }
            RawInstrument::Proefplaatsing {
                months,
                hire_probability,
                hire_threshold,
                benefit_per_month,
                benefit_payer,
            } => {
                let hire = match (hire_probability, hire_threshold) {
                    (Some(_), Some(_)) => {
                        c.error(&ipath, "give `hire_probability` or `hire_threshold`, not both");
                        proefplaatsing::Hire::Probability(0.0)
                    }
                    (None, Some(t)) => proefplaatsing::Hire::Threshold(c.number(
                        Some(*t),
                        &at("hire_threshold"),
                        Range::Probability,
                        0.0,
                    )),
                    (p, None) => proefplaatsing::Hire::Probability(c.number(
                        *p,
                        &at("hire_probability"),
                        Range::Probability,
                        fig(F::ProefplaatsingHireShare),
                    )),
                };
                Instrument::Proefplaatsing(proefplaatsing::Proefplaatsing {
                    months: month_count(
                        c,
                        *months,
                        fig(F::ProefplaatsingDefaultMonths),
                        1.0,
                        fig(F::ProefplaatsingMaxMonths),
                        &at("months"),
                    ),
                    hire,
                    benefit_input: new_input(c, benefit_per_month, "benefit_per_month"),
                    benefit_payer: payer(
                        c,
                        benefit_payer.as_ref(),
                        Party::Uwv,
                        &[Party::Uwv, Party::Gemeente],
                        &at("benefit_payer"),
                    ),
                })
            }
            RawInstrument::Praktijkleren { amount_per_year } => {
                let max = fig(F::PraktijklerenMaxPerYear);
                if let Some(a) = amount_per_year {
                    if !(0.0..=max).contains(a) {
                        c.error(&at("amount_per_year"), format!("{a} is out of range; allowed: 0 to {max} (the preset's maximum per school year)"));
                    }
                }
                Instrument::Praktijkleren(praktijkleren::Praktijkleren {
                    amount_per_year: *amount_per_year,
                })
            }
            RawInstrument::Detachering {
                tariff_per_hour,
                basis,
                provider_supervision_share,
            } => Instrument::Detachering(detachering::Detachering {
                tariff_input: new_input(c, tariff_per_hour, "tariff_per_hour"),
                basis: basis.unwrap_or(PayBasis::Worked),
                provider_supervision_share: c.number(
                    *provider_supervision_share,
                    &at("provider_supervision_share"),
                    Range::Probability,
                    0.0,
                ),
            }),
            RawInstrument::Grant {
                name,
                amount,
                per,
                from_month,
                to_month,
                cap,
                payer: who,
            } => {
                if name.trim().is_empty() {
                    c.error(&at("name"), "the grant needs a name (it becomes its ledger line)");
                } else if BUILTIN_LINES.contains(&name.as_str()) || INSTRUMENT_LINES.contains(&name.as_str())
                {
                    c.error(
                        &at("name"),
                        format!("`{name}` is already a ledger line; choose another name"),
                    );
                }
                let per = grant::Per::from_key(per).unwrap_or_else(|| {
                    c.error(
                        &at("per"),
                        unknown_key_message("value", per, &["one_off", "month", "worked_hour"]),
                    );
                    grant::Per::OneOff
                });
                let from = c.months(from_month.unwrap_or(0), &at("from_month"), 0, MAX_HORIZON_MONTHS);
                let to = to_month.map(|t| c.months(t, &at("to_month"), from as i64, MAX_HORIZON_MONTHS));
                Instrument::Grant(grant::Grant {
                    name: name.clone(),
                    amount: c.number(Some(*amount), &at("amount"), Range::NonNegative, 0.0),
                    per,
                    from_month: from,
                    to_month: to,
                    cap: c.limit(*cap, &at("cap")),
                    payer: payer(
                        c,
                        who.as_ref(),
                        Party::Gemeente,
                        &[
                            Party::Gemeente,
                            Party::Uwv,
                            Party::Rijk,
                            Party::School,
                            Party::Provider,
                        ],
                        &at("payer"),
                    ),
                })
            }
        };
        out.push(instrument);
    }
    out
}

pub(super) fn build_arrangements(
    c: &mut Checker,
    raw: &RawScenario,
    baseline: bool,
    rates: Option<&Rates>,
    start: YearMonth,
    inputs: &mut Vec<(StaticInput, u64)>,
) -> Vec<Arrangement> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    if baseline {
        seen.insert(BASELINE_NAME.to_owned());
        out.push(Arrangement {
            name: BASELINE_NAME.to_owned(),
            description: Some("No financing instruments: the employer carries all costs".to_owned()),
            is_baseline: true,
            instruments: Vec::new(),
        });
    }
    for (i, a) in raw.arrangements.iter().enumerate() {
        let path = KeyPath::root().key("arrangement").index(i);
        if baseline && a.name == BASELINE_NAME {
            c.error(
                &path.key("name"),
                format!("`{BASELINE_NAME}` is the built-in baseline; choose another name or set `baseline = false` in [scenario]"),
            );
        } else {
            c.name(&a.name, &path.key("name"), &mut seen, "arrangement");
        }
        let instruments = match rates {
            Some(rates) => build_instruments(c, raw, a, &path, rates, start, inputs),
            None => Vec::new(),
        };
        out.push(Arrangement {
            name: a.name.clone(),
            description: a.description.clone(),
            is_baseline: false,
            instruments,
        });
    }
    if out.is_empty() {
        c.error(
            &KeyPath::root().key("scenario.baseline"),
            "with `baseline = false` the scenario needs at least one [[arrangement]]",
        );
    }
    out
}
