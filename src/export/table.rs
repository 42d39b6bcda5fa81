//! The readable console summary printed by `inclusim run` without `--json`, in Dutch or
//! English: arrangements under their full names (a lettered legend when they do not fit a
//! column), lines under their names in words, lines that are zero in every arrangement left
//! out, break-even as a calendar month, and the paired comparisons as sentences, best first.

use std::fmt::Write;

use crate::calendar::YearMonth;
use crate::inert::inert;
use crate::report::not_applied::NotApplied;
use crate::report::text::fill;
use crate::report::{Lang, figures, verdict};
use crate::stats::Summary;
use crate::stats::summary::ArrangementSummary;

/// Widest column an arrangement name gets in the line tables before the table switches to
/// letters (A, B, …) with a legend.
pub const NAME_COLUMN: usize = 20;

/// Renders the summary as plain-text tables in English, lines under their keys' words (the
/// notes on instruments that did not apply need the model: see [`render_in`]).
pub fn render(s: &Summary) -> String {
    render_in(s, Lang::En, &[], &[])
}

/// Words of the console tables that the report's [`Text`](crate::report::text::Text) does not
/// hold.
struct Words {
    run_line: &'static str,
    npv_head: &'static str,
    columns: [&'static str; 7],
    none: &'static str,
    lines_head: &'static str,
    net: &'static str,
    parties_head: &'static str,
    interval: &'static str,
    parties_note: &'static str,
    pairs_head: &'static str,
    legend: &'static str,
    not_published: &'static str,
    not_applied: &'static str,
    indexed: &'static str,
    announced: &'static str,
    set_by_scenario: &'static str,
}

const NL: Words = Words {
    run_line: "{iterations} iteraties, seed {seed}, {horizon} maanden vanaf {start}, {placements}, disconto {rate} per jaar, tarieven {preset} (model {model})",
    npv_head: "NCW werkgever",
    columns: [
        "gemiddeld ± fout",
        "p10",
        "p50",
        "p90",
        "P(NCW>0)",
        "terugverdiend",
        "in dienst",
    ],
    none: "niet",
    lines_head: "Werkgever, gemiddeld per regel",
    net: "netto (nominaal)",
    parties_head: "Elke partij, netto (nominaal)",
    interval: "  90% van de toekomsten",
    parties_note: "(de uitkering die niet meer betaald wordt is het verlies van de werknemer en de besparing van de betaler; belastingen en toeslagen aan de kant van de werknemer zijn niet gemodelleerd)",
    pairs_head: "Gepaarde vergelijking van de NCW (dezelfde gesimuleerde toekomsten voor elke constructie)",
    legend: "Kolommen",
    not_published: "Gebruikte wettelijke bedragen die (nog) geen gepubliceerd recht zijn:",
    not_applied: "Regelingen die niet altijd van toepassing waren (deel van de gesimuleerde plaatsingen waarin de voorwaarden niet golden of de regeling was opgeschort):",
    indexed: "geïndexeerd vanaf {from}: {growth} per jaar aangenomen na de laatst gepubliceerde waarde",
    announced: "aangekondigd, nog geen wet, vanaf {from}",
    set_by_scenario: "door het scenario gezet vanaf {from}",
};

const EN: Words = Words {
    run_line: "{iterations} iterations, seed {seed}, {horizon} months from {start}, {placements}, discount {rate}/yr, rates {preset} (model {model})",
    npv_head: "Employer NPV",
    columns: [
        "mean ± mcse",
        "p10",
        "p50",
        "p90",
        "P(NPV>0)",
        "break-even",
        "retained",
    ],
    none: "none",
    lines_head: "Employer, mean per line",
    net: "net (nominal)",
    parties_head: "Every party, net (nominal)",
    interval: "  90% of futures",
    parties_note: "(the benefit no longer paid is the worker's loss and its payer's saving; taxes and allowances on the worker's side are not modelled)",
    pairs_head: "Paired comparison of NPV (same random futures for every arrangement)",
    legend: "Columns",
    not_published: "Legal figures used that are not (yet) published law:",
    not_applied: "Schemes that did not always apply (share of the simulated placements in which their conditions did not hold or they were suspended):",
    indexed: "indexed from {from}: {growth} a year assumed past the last published value",
    announced: "announced, not yet law, from {from}",
    set_by_scenario: "set by the scenario from {from}",
};

/// Renders the summary as plain-text tables in `lang`; `labels` gives the scenario's own
/// lines their label (`name`, `label`).
pub fn render_in(s: &Summary, lang: Lang, labels: &[(String, String)], not_applied: &[NotApplied]) -> String {
    let w = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    let t = lang.text();
    let names: Vec<String> = s
        .arrangements
        .iter()
        .map(|a| inert(&crate::report::display_name(&a.name, a.baseline, lang)).into_owned())
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "{}", inert(&s.scenario));
    let _ = writeln!(
        out,
        "{}",
        fill(
            w.run_line,
            &[
                ("iterations", &lang.number(s.iterations as f64, 0)),
                ("seed", &s.seed.to_string()),
                ("horizon", &s.horizon_months.to_string()),
                ("start", &s.start),
                ("placements", &{
                    let n = match s.placements_min {
                        Some(min) if min < s.placements => format!("{min}–{}", s.placements),
                        _ => s.placements.to_string(),
                    };
                    match (lang, s.placements == 1 && s.placements_min.is_none()) {
                        (Lang::Nl, true) => "1 plaatsing".to_owned(),
                        (Lang::Nl, false) => format!("{n} plaatsingen"),
                        (Lang::En, true) => "1 placement".to_owned(),
                        (Lang::En, false) => format!("{n} placements"),
                    }
                }),
                ("rate", &lang.percent_short(s.discount_rate)),
                ("preset", &s.rates.preset),
                ("model", &s.model_version),
            ]
        )
    );
    let _ = writeln!(out);
    npv_table(&mut out, s, &names, lang, w);

    // Arrangement columns: full names when they fit, else letters with a legend.
    let widest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let lettered = widest > NAME_COLUMN;
    let heads: Vec<String> = if lettered {
        (0..names.len()).map(letter).collect()
    } else {
        names.clone()
    };
    let col_w = heads.iter().map(|h| h.chars().count()).max().unwrap_or(0).max(10);

    let _ = writeln!(out);
    // Lines that pass the employer by in every arrangement (the benefit no longer paid, the
    // provider's own supervision) belong to the parties' view below, not the employer's; lines
    // that are zero in every arrangement are left out.
    let mut line_names: Vec<&String> = Vec::new();
    for a in &s.arrangements {
        for name in a.lines.keys() {
            let touches_employer = s
                .arrangements
                .iter()
                .any(|b| employer_sign(b, name) != 0.0 && b.lines.get(name).is_some_and(|v| *v != 0.0));
            if touches_employer && !line_names.contains(&name) {
                line_names.push(name);
            }
        }
    }
    let line_label = |name: &str| -> String {
        if let Some((_, label)) = labels.iter().find(|(n, _)| n == name) {
            return inert(label).into_owned();
        }
        t.line_name(name)
            .map_or_else(|| inert(name).into_owned(), str::to_owned)
    };
    let label_w = line_names
        .iter()
        .map(|n| line_label(n).chars().count())
        .chain([
            w.lines_head.chars().count() + 6,
            w.parties_head.chars().count() + 6,
        ])
        .max()
        .unwrap_or(24);
    let _ = write!(out, "{:<label_w$}", format!("{} (EUR)", w.lines_head));
    for h in &heads {
        let _ = write!(out, "  {h:>col_w$}");
    }
    let _ = writeln!(out);
    for name in line_names {
        let _ = write!(out, "{:<label_w$}", line_label(name));
        for a in &s.arrangements {
            let v = a
                .lines
                .get(name)
                .map(|v| employer_sign(a, name) * v)
                .filter(|v| *v != 0.0)
                .map_or_else(|| "–".to_owned(), |v| lang.number(v, 0));
            let _ = write!(out, "  {v:>col_w$}");
        }
        let _ = writeln!(out);
    }
    let _ = write!(out, "{:<label_w$}", w.net);
    for a in &s.arrangements {
        let net = a.party_net.get("employer").copied().unwrap_or(0.0);
        let _ = write!(out, "  {:>col_w$}", lang.number(net, 0));
    }
    let _ = writeln!(out);
    parties(&mut out, s, &heads, label_w, col_w, lang, w);
    if lettered {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", w.legend);
        for (i, n) in names.iter().enumerate() {
            let _ = writeln!(out, "  {} = {n}", letter(i));
        }
    }

    pairs(&mut out, s, lang, w);
    not_applied_notes(&mut out, not_applied, &names, lang, w);
    // The class's section (export/cohort_table.rs), only with a [cohort].
    out.push_str(&super::cohort_table::render(s.cohort.as_ref()));
    if !s.rates.not_published.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", w.not_published);
        for f in &s.rates.not_published {
            let template = match f.status {
                "indexed" => w.indexed,
                "announced" => w.announced,
                _ => w.set_by_scenario,
            };
            let what = fill(
                template,
                &[
                    ("from", &f.from),
                    ("growth", &lang.percent(s.rates.wage_growth_per_year, 2)),
                ],
            );
            let figure = figures::words(&f.figure).map_or(f.figure.as_str(), |x| x.description(lang));
            let _ = writeln!(out, "  {} ({}): {what}", figure, f.figure);
        }
    }
    out
}

/// Per arrangement, the instruments that did not apply to some placements, with the share
/// and the reason ([`crate::report::not_applied`]).
fn not_applied_notes(out: &mut String, notes: &[NotApplied], names: &[String], lang: Lang, w: &Words) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", w.not_applied);
    for n in notes {
        let name = names.get(n.arrangement).map_or("", String::as_str);
        let _ = writeln!(
            out,
            "  {name}: {} {}: {}",
            n.instrument,
            lang.percent(n.share, 1),
            n.reason
        );
    }
}

/// The NPV table: one row per arrangement under its full name.
fn npv_table(out: &mut String, s: &Summary, names: &[String], lang: Lang, w: &Words) {
    let start = YearMonth::parse(&s.start).ok();
    let name_w = names
        .iter()
        .map(|n| n.chars().count())
        .chain([w.npv_head.chars().count() + 6])
        .max()
        .unwrap_or(10);
    let c = &w.columns;
    let _ = writeln!(
        out,
        "{:<name_w$}  {:>20}  {:>10}  {:>10}  {:>10}  {:>9}  {:>13}  {:>9}",
        format!("{} (EUR)", w.npv_head),
        c[0],
        c[1],
        c[2],
        c[3],
        c[4],
        c[5],
        c[6]
    );
    for (a, name) in s.arrangements.iter().zip(names) {
        let be = match (a.break_even.p50_month, start) {
            (Some(m), Some(start)) => month_year(start, m, lang),
            (Some(m), None) => m.to_string(),
            (None, _) => w.none.to_owned(),
        };
        let _ = writeln!(
            out,
            "{:<name_w$}  {:>20}  {:>10}  {:>10}  {:>10}  {:>9}  {:>13}  {:>9}",
            name,
            format!("{} ± {}", lang.number(a.npv.mean, 0), lang.number(a.npv.mcse, 0)),
            lang.number(a.npv.p10, 0),
            lang.number(a.npv.p50, 0),
            lang.number(a.npv.p90, 0),
            lang.percent(a.p_npv_positive, 1),
            be,
            lang.percent(a.retention_at_horizon, 1)
        );
    }
}

/// "okt 2028": month `m` (1-based) of a horizon that starts in `start`.
pub fn month_year(start: YearMonth, m: u32, lang: Lang) -> String {
    let ym = start.add_months(i64::from(m) - 1);
    let t = lang.text();
    let month = t
        .month_names
        .get(ym.month() as usize - 1)
        .copied()
        .unwrap_or_default();
    fill(
        t.calendar_month,
        &[("month", month), ("year", &ym.year().to_string())],
    )
}

/// The paired comparisons as sentences, the better arrangement first, the pairs ordered by
/// the better one's expected NPV (best first).
fn pairs(out: &mut String, s: &Summary, lang: Lang, w: &Words) {
    if s.comparisons.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", w.pairs_head);
    let mean = |name: &str| {
        s.arrangements
            .iter()
            .find(|a| a.name == name)
            .map_or(f64::NEG_INFINITY, |a| a.npv.mean)
    };
    let mut ordered: Vec<(String, String)> = s
        .comparisons
        .iter()
        .map(|c| {
            if c.mean_diff < 0.0 {
                (c.b.clone(), c.a.clone())
            } else {
                (c.a.clone(), c.b.clone())
            }
        })
        .collect();
    ordered.sort_by(|x, y| {
        mean(&y.0)
            .total_cmp(&mean(&x.0))
            .then(mean(&y.1).total_cmp(&mean(&x.1)))
    });
    // Sentences in the report's words need the display names of the baseline.
    let named = localized_names(s, lang);
    for (a, b) in ordered {
        if let Some(line) = verdict::pair_line(&named, &display(s, &a, lang), &display(s, &b, lang), lang) {
            let _ = writeln!(out, "  {}", inert(&verdict::capitalised(&line)));
        }
    }
}

fn display(s: &Summary, name: &str, lang: Lang) -> String {
    let baseline = s.arrangements.iter().any(|a| a.baseline && a.name == name);
    crate::report::display_name(name, baseline, lang)
}

/// The comparisons under the arrangements' display names.
fn localized_names(s: &Summary, lang: Lang) -> Summary {
    let mut named = s.clone();
    for c in &mut named.comparisons {
        c.a = display(s, &c.a, lang);
        c.b = display(s, &c.b, lang);
    }
    named
}

/// Every party's mean nominal net per arrangement, with its 90% interval (p5 to p95) under it
/// when it has a spread; the employer's row is the business case.
fn parties(
    out: &mut String,
    s: &Summary,
    heads: &[String],
    label_w: usize,
    col_w: usize,
    lang: Lang,
    w: &Words,
) {
    let t = lang.text();
    let mut names: Vec<&str> = Vec::new();
    for a in &s.arrangements {
        for v in &a.parties {
            if !names.contains(&v.party.as_str()) {
                names.push(&v.party);
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = write!(out, "{:<label_w$}", format!("{} (EUR)", w.parties_head));
    for h in heads {
        let _ = write!(out, "  {h:>col_w$}");
    }
    let _ = writeln!(out);
    for party in names {
        let views: Vec<_> = s
            .arrangements
            .iter()
            .map(|a| a.parties.iter().find(|v| v.party == party))
            .collect();
        let label = match views.iter().flatten().find_map(|v| v.combined_with.as_deref()) {
            Some(other) => format!("{} = {}", t.party_name(party), t.party_name(other).to_lowercase()),
            None if party == "employer" => format!("{} ({})", t.party_name(party), t.party_business_case),
            None => t.party_name(party),
        };
        let _ = write!(out, "{label:<label_w$}");
        for v in &views {
            let cell = v.map_or_else(|| "–".to_owned(), |v| lang.number(v.mean, 0));
            let _ = write!(out, "  {cell:>col_w$}");
        }
        let _ = writeln!(out);
        if views.iter().flatten().any(|v| v.p5 != v.p95) {
            let _ = write!(out, "{:<label_w$}", w.interval);
            for v in &views {
                let cell = v.map_or_else(String::new, |v| {
                    format!("{}..{}", lang.number(v.p5, 0), lang.number(v.p95, 0))
                });
                let _ = write!(out, "  {cell:>col_w$}");
            }
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(out, "{}", w.parties_note);
}

/// A, B, …, Z, AA, AB, …: the column letter of arrangement `i`.
fn letter(i: usize) -> String {
    let mut n = i;
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// +1 for lines the employer receives, −1 for lines it pays, 0 for flows between others.
fn employer_sign(a: &ArrangementSummary, line: &str) -> f64 {
    a.ledger
        .iter()
        .find(|f| f.lines.iter().any(|l| l == line))
        .map_or(0.0, |f| {
            if f.payee == "employer" {
                1.0
            } else if f.payer == "employer" {
                -1.0
            } else {
                0.0
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_a_to_z_then_aa() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
    }

    #[test]
    fn break_even_reads_as_a_calendar_month() {
        let start = YearMonth::parse("2027-01").unwrap();
        assert_eq!(month_year(start, 1, Lang::Nl), "jan 2027");
        assert_eq!(month_year(start, 22, Lang::Nl), "okt 2028");
    }
}
