//! The readable console summary printed by `inclusim run` without `--json`.

use std::fmt::Write;

use super::euros;
use crate::inert::inert;
use crate::stats::Summary;
use crate::stats::summary::ArrangementSummary;

/// Renders the summary as plain-text tables.
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", inert(&s.scenario));
    let _ = writeln!(
        out,
        "{} iterations, seed {}, {} months from {}, {} placement(s), discount {}%/yr, rates {} (model {})",
        s.iterations,
        s.seed,
        s.horizon_months,
        s.start,
        s.placements,
        s.discount_rate * 100.0,
        s.rates.preset,
        s.model_version
    );
    let _ = writeln!(out);
    let name_w = s
        .arrangements
        .iter()
        .map(|a| inert(&a.name).chars().count())
        .max()
        .unwrap_or(10)
        .max(11);
    let _ = writeln!(
        out,
        "{:<name_w$}  {:>18}  {:>10}  {:>10}  {:>10}  {:>9}  {:>10}  {:>9}",
        "Employer NPV (EUR)", "mean ± mcse", "p10", "p50", "p90", "P(NPV>0)", "break-even", "retained"
    );
    for a in &s.arrangements {
        let be = a
            .break_even
            .p50_month
            .map_or_else(|| "none".to_owned(), |m| format!("month {m}"));
        let _ = writeln!(
            out,
            "{:<name_w$}  {:>18}  {:>10}  {:>10}  {:>10}  {:>8.1}%  {:>10}  {:>8.1}%",
            inert(&a.name),
            format!("{} ± {}", euros(a.npv.mean), euros(a.npv.mcse)),
            euros(a.npv.p10),
            euros(a.npv.p50),
            euros(a.npv.p90),
            a.p_npv_positive * 100.0,
            be,
            a.retention_at_horizon * 100.0
        );
    }

    let _ = writeln!(out);
    // Lines that pass the employer by in every arrangement (the benefit no longer paid, the
    // provider's own supervision) belong to the parties' view below, not the employer's.
    let mut line_names: Vec<&String> = Vec::new();
    for a in &s.arrangements {
        for name in a.lines.keys() {
            let touches_employer = s.arrangements.iter().any(|b| employer_sign(b, name) != 0.0);
            if touches_employer && !line_names.contains(&name) {
                line_names.push(name);
            }
        }
    }
    let col_w = s
        .arrangements
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(10)
        .clamp(12, 24);
    let label_w = line_names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(10)
        .max(24);
    let _ = write!(out, "{:<label_w$}", "Employer, mean per line (EUR)");
    for a in &s.arrangements {
        let _ = write!(out, "  {:>col_w$}", truncate(&inert(&a.name), col_w));
    }
    let _ = writeln!(out);
    for name in line_names {
        let _ = write!(out, "{:<label_w$}", inert(name));
        for a in &s.arrangements {
            let v = a
                .lines
                .get(name)
                .map_or_else(|| "–".to_owned(), |v| euros(employer_sign(a, name) * v));
            let _ = write!(out, "  {v:>col_w$}");
        }
        let _ = writeln!(out);
    }
    let _ = write!(out, "{:<label_w$}", "net (nominal)");
    for a in &s.arrangements {
        let net = a.party_net.get("employer").copied().unwrap_or(0.0);
        let _ = write!(out, "  {:>col_w$}", euros(net));
    }
    let _ = writeln!(out);
    parties(&mut out, s, label_w, col_w);

    if !s.comparisons.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Paired comparison of NPV (same random futures for every arrangement)"
        );
        for c in &s.comparisons {
            let _ = writeln!(
                out,
                "  {} − {}: {} EUR (95% CI {} to {}), {} better in {:.1}% of futures",
                inert(&c.a),
                inert(&c.b),
                euros(c.mean_diff),
                euros(c.ci95[0]),
                euros(c.ci95[1]),
                inert(&c.a),
                c.p_a_better * 100.0
            );
        }
    }
    // The class's section (export/cohort_table.rs), only with a [cohort].
    out.push_str(&super::cohort_table::render(s.cohort.as_ref()));
    if !s.rates.not_published.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Legal figures used that are not (yet) published law:");
        for f in &s.rates.not_published {
            let what = match f.status {
                "indexed" => format!(
                    "indexed from {}: {:.2}% a year assumed past the last published value",
                    f.from,
                    s.rates.wage_growth_per_year * 100.0
                ),
                "announced" => format!("announced, not yet law, from {}", f.from),
                _ => format!("set by the scenario from {}", f.from),
            };
            let _ = writeln!(out, "  {}: {what}", f.figure);
        }
    }
    out
}

/// Every party's mean nominal net per arrangement, with its 90% interval (p5 to p95) under it
/// when it has a spread; the employer's row is the business case.
fn parties(out: &mut String, s: &Summary, label_w: usize, col_w: usize) {
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
    let _ = write!(out, "{:<label_w$}", "Every party, net (nominal EUR)");
    for a in &s.arrangements {
        let _ = write!(out, "  {:>col_w$}", truncate(&inert(&a.name), col_w));
    }
    let _ = writeln!(out);
    for party in names {
        let views: Vec<_> = s
            .arrangements
            .iter()
            .map(|a| a.parties.iter().find(|v| v.party == party))
            .collect();
        let label = match views.iter().flatten().find_map(|v| v.combined_with.as_deref()) {
            Some(other) => format!("{party} + {other} (one)"),
            None if party == "employer" => "employer (business case)".to_owned(),
            None => party.to_owned(),
        };
        let _ = write!(out, "{label:<label_w$}");
        for v in &views {
            let cell = v.map_or_else(|| "–".to_owned(), |v| euros(v.mean));
            let _ = write!(out, "  {cell:>col_w$}");
        }
        let _ = writeln!(out);
        if views.iter().flatten().any(|v| v.p5 != v.p95) {
            let _ = write!(out, "{:<label_w$}", "  90% of futures");
            for v in &views {
                let cell = v.map_or_else(String::new, |v| format!("{}..{}", euros(v.p5), euros(v.p95)));
                let _ = write!(out, "  {cell:>col_w$}");
            }
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(
        out,
        "(the benefit no longer paid is the worker's loss and its payer's saving; taxes and \
         allowances on the worker's side are not modelled)"
    );
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

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}
