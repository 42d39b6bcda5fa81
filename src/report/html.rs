//! `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network),
//! printable on A4. Sections: the answer, the comparison table, the charts, the assumptions,
//! the method. All user text is escaped.

use std::fmt::Write;

use super::charts::RenderedChart;
use super::describe::{self, Unit};
use super::figures;
use super::params;
use super::text::{Lang, Text, fill};
use super::verdict::{self, Outcome};
use crate::model::{LineTiming, Model, Placement, Slot, SupervisionSource};
use crate::plot;
use crate::rates::ValueStatus;
use crate::scenario::raw::{PayBasis, RampShape};
use crate::stats::Summary;
use crate::stats::summary::{LineRole, PartyRole, PartyView};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

const CSS: &str = r#"
:root { --ink: #1d1d1f; --muted: #5b5b66; --line: #d9d9e0; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 0; font-size: .85rem; }
h1 { font-size: 2rem; margin: .2rem 0 .3rem; line-height: 1.2; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.meta { display: flex; flex-wrap: wrap; gap: .2rem 1.5rem; margin: 0 0 1rem; padding: 0; list-style: none; font-size: .92rem; }
.meta li { margin: 0; }
.meta b { color: var(--muted); font-weight: normal; }
h2 { font-size: 1.45rem; margin: 2.2rem 0 .8rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
h3 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
.verdict { border-left: 6px solid var(--accent); background: #f6f7f9; padding: .8rem 1rem; margin: 0 0 1rem; }
.verdict .lead { font-size: 1.2rem; font-weight: bold; margin: 0 0 .4rem; }
.verdict p { margin: 0; }
.best { font-size: 1.1rem; font-weight: bold; margin: 1.2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f0f1f4; font-size: .85rem; line-height: 1.3; }
td.num { text-align: right; }
th.num { text-align: right; }
.nb { white-space: nowrap; }
td.top { font-weight: bold; }
table.rates td:first-child { width: 42%; }
table.rates td:nth-child(2) { width: 26%; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 2px; margin-right: .4em; vertical-align: -0.1em; }
.note { color: var(--muted); font-size: .88rem; }
figure { margin: 1.5rem 0 2rem; }
figure svg { width: 100%; height: auto; display: block; }
figure svg text { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; }
figcaption { color: var(--ink); margin-top: .4rem; font-size: .95rem; }
ul { padding-left: 1.3rem; }
@media screen and (max-width: 40rem) {
  main { padding: 1rem .8rem 3rem; }
  table { table-layout: fixed; }
  th, td { overflow-wrap: anywhere; }
  h1 { font-size: 1.5rem; }
  /* Wide tables become one card per row, each cell under its column's name. */
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead { display: none; }
  table.cards tr { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 .8rem; padding: .3rem .5rem; }
  table.cards td { border: none; padding: .15rem 0; text-align: right; }
  table.cards td:first-child { text-align: left; font-weight: bold; }
  table.cards td[data-label]::before { content: attr(data-label); float: left; color: var(--muted); font-weight: normal; padding-right: .8rem; text-align: left; }
  table.rates td:first-child, table.rates td:nth-child(2) { width: auto; }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { font-size: 9.5pt; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; margin: 1.2rem 0 .5rem; }
  h3 { font-size: 11pt; margin: 1rem 0 .4rem; }
  table { font-size: 8.5pt; }
  th { font-size: 8pt; }
  th, td { padding: .25rem .35rem; }
  table.compare { break-inside: avoid; }
  figure { margin: .6rem 0 1rem; break-inside: avoid; }
  /* Two charts to a page: a tall chart is scaled down, centred. */
  figure svg { max-height: 108mm; }
  tr, .verdict, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .verdict { padding: .5rem .8rem; }
  .verdict .lead { font-size: 11pt; }
}
"#;

/// The whole page.
pub fn page(model: &Model, s: &Summary, charts: &[RenderedChart], lang: Lang) -> String {
    let t = lang.text();
    let mut h = String::with_capacity(256 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<!-- {} -->\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape(&s.run).replace("--", "- -"),
        lang.code(),
        escape(&s.scenario),
        escape(t.doc_title)
    );
    header(&mut h, model, s, lang);
    answer(&mut h, model, s, lang);
    comparison(&mut h, model, s, lang);
    parties(&mut h, s, lang);
    // A class's section with its own charts (report/cohort.rs); the others follow.
    super::cohort::section(&mut h, s, charts, lang, escape);
    let general: Vec<RenderedChart> = charts
        .iter()
        .filter(|c| !super::cohort::is_cohort_chart(c.stem))
        .cloned()
        .collect();
    figures(&mut h, &general, t);
    super::sensitivity::section(&mut h, model, s, lang);
    assumptions(&mut h, model, s, lang);
    method(&mut h, s, lang);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn header(h: &mut String, model: &Model, s: &Summary, lang: Lang) {
    let t = lang.text();
    let sub = fill(
        t.subtitle,
        &[
            ("placements", &s.placements.to_string()),
            ("horizon", &s.horizon_months.to_string()),
            ("start", &s.start),
            ("iterations", &lang.number(s.iterations as f64, 0)),
        ],
    );
    let _ = write!(
        h,
        "<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        escape(t.doc_title),
        escape(&s.scenario),
        escape(&sub)
    );
    let r = &model.report;
    let adviser = match (&r.adviser, &r.organisation) {
        (Some(a), Some(o)) => Some(format!("{a} ({o})")),
        (Some(a), None) => Some(a.clone()),
        (None, Some(o)) => Some(o.clone()),
        (None, None) => None,
    };
    let date = r.date.as_deref().map(|d| long_date(d, lang));
    let items: Vec<(&str, Option<String>)> = vec![
        (t.meta_employer, r.employer.clone()),
        (t.meta_candidate, r.candidate.clone()),
        (t.meta_adviser, adviser),
        (t.meta_date, date),
    ];
    if items.iter().any(|(_, v)| v.is_some()) {
        h.push_str("<ul class=\"meta\">\n");
        for (label, value) in items {
            if let Some(v) = value {
                let _ = writeln!(h, "<li><b>{}:</b> {}</li>", escape(label), escape(&v));
            }
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</header>\n");
}

/// "4 dec 2026" for `2026-12-04` (the text as given when it is not such a date).
pub fn long_date(date: &str, lang: Lang) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    if let [y, m, d] = parts[..]
        && let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>())
        && let Some(month) = lang.text().month_names.get(m.wrapping_sub(1))
    {
        return format!("{d} {month} {y}");
    }
    date.to_owned()
}

fn swatch(i: usize) -> String {
    format!(
        "<span class=\"swatch\" style=\"background:{}\"></span>",
        plot::hex(plot::colour(i))
    )
}

fn answer(h: &mut String, model: &Model, s: &Summary, lang: Lang) {
    let t = lang.text();
    let _ = write!(
        h,
        "<section class=\"first\" id=\"answer\">\n<h2>{}</h2>\n",
        escape(t.sec_answer)
    );
    if let Some(best) = verdict::best_choice(s, lang) {
        let _ = writeln!(h, "<p class=\"best\">{}</p>", escape(&best));
    }
    for (i, a) in s.arrangements.iter().enumerate() {
        let mut o = Outcome::of(a, s.horizon_months);
        o.break_even_calendar = o.break_even_month.map(|m| calendar_month(model, m, lang));
        let _ = write!(
            h,
            "<div class=\"verdict\" style=\"border-left-color:{}\">\n<p class=\"lead\">{}</p>\n<p>{}</p>\n</div>\n",
            plot::hex(plot::colour(i)),
            escape(&verdict::pays_off(&o, lang)),
            escape(&verdict::expectation(&o, lang))
        );
    }
    h.push_str("</section>\n");
}

/// A range "a – b" that wraps between its ends, never inside one.
fn range(lo: &str, hi: &str) -> String {
    format!(
        "<span class=\"nb\">{}&nbsp;–</span> <span class=\"nb\">{}</span>",
        escape(lo),
        escape(hi)
    )
}

/// The calendar month of month `m` (1-based) of the horizon, in the report's words.
pub fn calendar_month(model: &Model, m: u32, lang: Lang) -> String {
    let t = lang.text();
    let ym = model.start.add_months(i64::from(m) - 1);
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

/// The arrangement that is demonstrably best: the highest expected NPV, and the 95% interval
/// of its paired difference with every other arrangement above zero. None otherwise.
pub fn clear_best(s: &Summary) -> Option<usize> {
    let best = verdict::best_index(s)?;
    let name = &s.arrangements[best].name;
    let mut others = s
        .arrangements
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .peekable();
    others.peek()?;
    others
        .all(|(_, o)| s.comparison(name, &o.name).is_some_and(|c| c.ci95[0] > 0.0))
        .then_some(best)
}

fn comparison(h: &mut String, model: &Model, s: &Summary, lang: Lang) {
    let t = lang.text();
    let horizon = s.horizon_months.to_string();
    let baseline = s.arrangements.iter().find(|a| a.baseline);
    let baseline_name = baseline.map_or(t.baseline_name, |b| b.name.as_str());
    let _ = write!(
        h,
        "<section id=\"comparison\">\n<h2>{}</h2>\n<table class=\"cards compare\">\n<thead><tr>",
        escape(t.sec_comparison)
    );
    let mut headers = vec![
        t.th_arrangement.to_owned(),
        t.th_npv.to_owned(),
        t.th_range.to_owned(),
        t.th_p_positive.to_owned(),
        t.th_break_even.to_owned(),
        fill(t.th_retention, &[("horizon", &horizon)]),
    ];
    if baseline.is_some() {
        headers.push(fill(t.th_vs_baseline, &[("baseline", baseline_name)]));
    }
    for (i, head) in headers.iter().enumerate() {
        let _ = write!(
            h,
            "<th{}>{}</th>",
            if i > 0 { " class=\"num\"" } else { "" },
            escape(head)
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    let star = clear_best(s);
    for (i, a) in s.arrangements.iter().enumerate() {
        let be = match a.break_even.p50_month {
            Some(m) => escape(&calendar_month(model, m, lang)),
            None => escape(&fill(t.table_break_even_none, &[("horizon", &horizon)])),
        };
        let npv = if star == Some(i) {
            format!(
                "<span title=\"{}\">★</span> {}",
                escape(t.best_mark_title),
                escape(&lang.money(a.npv.mean))
            )
        } else {
            escape(&lang.money(a.npv.mean))
        };
        let mut cells = vec![
            npv,
            range(&lang.money(a.npv.p10), &lang.money(a.npv.p90)),
            escape(&lang.percent(a.p_npv_positive, 0)),
            be,
            escape(&lang.percent(a.retention_at_horizon, 0)),
        ];
        if let Some(b) = baseline {
            cells.push(match s.comparison(&a.name, &b.name) {
                Some(c) if !a.baseline => format!(
                    "{}<br><span class=\"note\">{}</span>",
                    escape(&lang.money(c.mean_diff)),
                    range(&lang.money(c.ci95[0]), &lang.money(c.ci95[1]))
                ),
                _ => "–".to_owned(),
            });
        }
        let name = if a.baseline {
            format!(
                "{} <span class=\"note\">({})</span>",
                escape(&a.name),
                escape(t.baseline)
            )
        } else {
            escape(&a.name)
        };
        let _ = write!(h, "<tr><td>{}{}</td>", swatch(i), name);
        for (c, cell) in cells.iter().enumerate() {
            let top = if c == 0 && star == Some(i) { " top" } else { "" };
            let _ = write!(
                h,
                "<td class=\"num{top}\" data-label=\"{}\">{cell}</td>",
                escape(&headers[c + 1])
            );
        }
        h.push_str("</tr>\n");
    }
    let note = fill(
        t.table_note,
        &[
            ("horizon", &horizon),
            ("rate", &lang.percent_short(s.discount_rate)),
            ("baseline", baseline_name),
        ],
    );
    let _ = writeln!(h, "</tbody>\n</table>\n<p class=\"note\">{}</p>", escape(&note));
    instruments_money(h, model, s, lang);
    h.push_str("</section>\n");
}

/// The money the employer receives from each scheme, per arrangement, and the share of
/// placements in which an instrument did not apply.
fn instruments_money(h: &mut String, model: &Model, s: &Summary, lang: Lang) {
    let t = lang.text();
    let _ = writeln!(h, "<h3>{}</h3>", escape(t.instruments_heading));
    let mut lines: Vec<&str> = Vec::new();
    for a in &s.arrangements {
        for l in &a.employer_lines {
            if l.role == LineRole::Subsidy && l.mean != 0.0 && !lines.contains(&l.name.as_str()) {
                lines.push(&l.name);
            }
        }
    }
    if lines.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", escape(t.instruments_none));
    } else {
        let _ = write!(
            h,
            "<p>{}</p>\n<table class=\"cards\">\n<thead><tr><th>{}</th>",
            escape(&fill(
                t.instruments_intro,
                &[("horizon", &s.horizon_months.to_string())]
            )),
            escape(t.th_line)
        );
        for (i, a) in s.arrangements.iter().enumerate() {
            let _ = write!(h, "<th class=\"num\">{}{}</th>", swatch(i), escape(&a.name));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        // A pass-through (the jobcoach funding that pays the employer's jobcoach bill) is
        // followed by that bill, so that the table shows what the employer keeps: nothing.
        let mut rows: Vec<(String, &str, bool)> = Vec::new();
        for line in &lines {
            let label = t
                .line_name(line)
                .map_or_else(|| (*line).to_owned(), str::to_owned);
            if *line == crate::instruments::jobcoach_funding::LINE {
                rows.push((fill(t.pass_through, &[("line", &label)]), line, false));
                let bill = "jobcoach"; // the built-in line of the jobcoach bill (vocab::BUILTIN_LINES)
                let bill_label = t.line_name(bill).unwrap_or(bill);
                rows.push((fill(t.pass_through_bill, &[("line", bill_label)]), bill, true));
            } else {
                rows.push((label, line, false));
            }
        }
        for (label, line, is_bill) in rows {
            let class = if is_bill { " class=\"note\"" } else { "" };
            let _ = write!(h, "<tr><td{class}>{}</td>", escape(&label));
            for a in &s.arrangements {
                let mean = a
                    .employer_lines
                    .iter()
                    .find(|l| l.name == line)
                    .map_or(0.0, |l| l.mean);
                let cell = if mean == 0.0 {
                    "–".to_owned()
                } else {
                    lang.money(mean)
                };
                let _ = write!(
                    h,
                    "<td class=\"num\" data-label=\"{}\">{}</td>",
                    escape(&a.name),
                    escape(&cell)
                );
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n");
    }
    let notes: Vec<String> = super::not_applied::notes(model, s, lang)
        .into_iter()
        .map(|n| {
            format!(
                "{}: {}",
                s.arrangements[n.arrangement].name,
                fill(
                    t.instrument_not_applied,
                    &[
                        ("instrument", &n.instrument),
                        ("share", &lang.percent(n.share, 0)),
                        ("reason", &n.reason),
                    ],
                )
            )
        })
        .collect();
    if !notes.is_empty() {
        h.push_str("<ul class=\"note\">\n");
        for n in notes {
            let _ = writeln!(h, "<li>{}</li>", escape(&n));
        }
        h.push_str("</ul>\n");
    }
}

/// The name of a party's view: the employer's combined with the party it is, if so.
pub fn party_view_name(view: &PartyView, t: &Text) -> String {
    match &view.combined_with {
        Some(other) => format!(
            "{} = {}",
            t.party_name(&view.party),
            t.party_name(other).to_lowercase()
        ),
        None => t.party_name(&view.party),
    }
}

/// "Wat levert het partijen op?": each party's nominal net per arrangement, the employer's
/// marked as the business case and the others as context, with what is left out.
fn parties(h: &mut String, s: &Summary, lang: Lang) {
    let t = lang.text();
    let Some(first) = s.arrangements.first() else {
        return;
    };
    let _ = write!(
        h,
        "<section id=\"parties\">\n<h2>{}</h2>\n<p>{}</p>\n<table class=\"cards\">\n<thead><tr><th>{}</th>",
        escape(t.sec_parties),
        escape(&fill(
            t.parties_intro,
            &[("horizon", &s.horizon_months.to_string())]
        )),
        escape(t.th_party)
    );
    for (i, a) in s.arrangements.iter().enumerate() {
        let _ = write!(h, "<th class=\"num\">{}{}</th>", swatch(i), escape(&a.name));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (v, view) in first.parties.iter().enumerate() {
        let role = match view.role {
            PartyRole::BusinessCase => t.party_business_case,
            PartyRole::Context => t.party_context,
        };
        let _ = write!(
            h,
            "<tr><td>{} <span class=\"note\">({})</span></td>",
            escape(&party_view_name(view, t)),
            escape(role)
        );
        for a in &s.arrangements {
            let Some(x) = a.parties.get(v) else {
                h.push_str("<td></td>");
                continue;
            };
            let _ = write!(
                h,
                "<td class=\"num\" data-label=\"{}\">{}<br><span class=\"note\">{}</span></td>",
                escape(&a.name),
                escape(&lang.money(x.mean)),
                range(&lang.money(x.p5), &lang.money(x.p95))
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    if let Some(other) = &s.employer_is {
        let internal = s
            .arrangements
            .iter()
            .filter_map(|a| a.parties.first())
            .map(|v| v.internal_mean)
            .fold(0.0, f64::max);
        let _ = writeln!(
            h,
            "<p>{}</p>",
            escape(&fill(
                t.parties_combined,
                &[
                    ("party", &t.party_name(other).to_lowercase()),
                    ("amount", &lang.money(internal)),
                ]
            ))
        );
    }
    let _ = write!(
        h,
        "<p class=\"note\">{}</p>\n</section>\n",
        escape(t.parties_left_out)
    );
}

/// Drops an XML declaration so the SVG can be inlined.
fn inline_svg(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}

fn figures(h: &mut String, charts: &[RenderedChart], t: &Text) {
    let _ = write!(h, "<section id=\"charts\">\n<h2>{}</h2>\n", escape(t.sec_charts));
    for c in charts {
        let _ = write!(
            h,
            "<figure id=\"chart-{}\" role=\"img\" aria-label=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            c.stem,
            escape(&c.title),
            inline_svg(&c.svg).trim_end(),
            escape(&c.caption)
        );
    }
    if charts.iter().all(|c| c.stem != "npv-difference") {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(t.no_comparison));
    }
    h.push_str("</section>\n");
}

fn assumptions(h: &mut String, model: &Model, s: &Summary, lang: Lang) {
    let t = lang.text();
    let _ = write!(
        h,
        "<section id=\"assumptions\">\n<h2>{}</h2>\n",
        escape(t.sec_assumptions)
    );
    for p in &model.placements {
        placement(h, model, p, lang);
    }
    let coached = (0..model.variants.len().max(1))
        .flat_map(|v| model.placements_of(v))
        .any(|p| p.jobcoach.is_some());
    if coached {
        let _ = writeln!(h, "<p>{}</p>", escape(t.jobcoach_assumption));
    }
    peaks(h, model, lang);
    arrangements(h, model, lang);
    rates(h, model, s, lang);
    h.push_str("</section>\n");
}

fn placement(h: &mut String, model: &Model, p: &Placement, lang: Lang) {
    let t = lang.text();
    let _ = writeln!(
        h,
        "<h3>{}</h3>",
        escape(&fill(t.placement_heading, &[("name", &p.name)]))
    );
    let mut facts = vec![
        fill(
            t.fact_count,
            &[(
                "n",
                // An uncertain count (drawn per iteration): its range.
                &p.uncertain_count.as_ref().map_or_else(
                    || p.count.to_string(),
                    |d| format!("{}–{}", d.support().0, p.count),
                ),
            )],
        ),
        fill(
            t.fact_start,
            &[
                ("month", &p.start_month.to_string()),
                (
                    "calendar",
                    &model.start.add_months(p.start_month as i64).to_string(),
                ),
            ],
        ),
    ];
    if let Some(end) = p.contract_end_month {
        facts.push(fill(t.fact_contract_end, &[("month", &end.to_string())]));
    }
    facts.push(worker_status(&p.worker, lang));
    if p.wage_is_wml {
        facts.push(t.fact_wage_wml.to_owned());
    }
    facts.push(fill(
        t.fact_holiday_pay,
        &[("share", &lang.percent_short(p.holiday_pay))],
    ));
    facts.push(
        match p.pay_basis {
            PayBasis::Contract => t.fact_pay_contract,
            PayBasis::Worked => t.fact_pay_worked,
        }
        .to_owned(),
    );
    facts.push(fill(
        t.fact_sick_pay,
        &[
            ("first", &lang.percent_short(p.sick_pay_first_year)),
            ("second", &lang.percent_short(p.sick_pay_second_year)),
        ],
    ));
    facts.push(
        match p.ramp {
            RampShape::Exponential => t.fact_ramp_exponential,
            RampShape::Linear => t.fact_ramp_linear,
            RampShape::SCurve => t.fact_ramp_s_curve,
        }
        .to_owned(),
    );
    if let Some(d) = &p.sick_months {
        let words = describe::dist_in_words(d, Unit::Months, lang);
        facts.push(fill(t.fact_sick_months, &[("dist", &words)]));
    }
    if let SupervisionSource::Pool(i) = p.supervision
        && let Some(pool) = model.pools.get(i)
    {
        let words = describe::dist_in_words(&pool.available, Unit::HoursPerWeek, lang);
        facts.push(fill(t.fact_pool, &[("pool", &pool.name), ("dist", &words)]));
    }
    if p.jobcoach.is_some_and(|j| j.norm) {
        facts.push(t.fact_jobcoach_norm.to_owned());
    }
    facts.extend(correlation_facts(p, lang));
    h.push_str("<ul>\n");
    for f in facts {
        let _ = writeln!(h, "<li>{}</li>", escape(&f));
    }
    h.push_str("</ul>\n");
    let _ = write!(
        h,
        "<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(t.th_input),
        escape(t.th_assumption)
    );
    for (name, words) in input_rows(p, lang) {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&name),
            escape(&words)
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// The worker's status in one sentence: age, benefit, banenafspraak, arbeidsgehandicapt,
/// target group, bbl: what decides which instruments apply.
pub fn worker_status(w: &crate::vocab::Worker, lang: Lang) -> String {
    use crate::vocab::{Benefit, Group};
    let nl = lang == Lang::Nl;
    let pick = |n: &'static str, e: &'static str| if nl { n } else { e };
    let mut parts: Vec<String> = Vec::new();
    if let Some(age) = w.age {
        parts.push(fill(
            pick("{age} jaar bij de start", "aged {age} at the start"),
            &[("age", &age.to_string())],
        ));
    }
    parts.push(
        match w.benefit {
            Benefit::None => pick("geen uitkering", "no benefit"),
            Benefit::Participatiewet => pick("bijstand (Participatiewet)", "bijstand (Participatiewet)"),
            Benefit::Wajong => pick("Wajong", "Wajong"),
            Benefit::Ww => pick("WW", "WW"),
            Benefit::Wia => pick("WIA", "WIA"),
        }
        .to_owned(),
    );
    parts.push(
        if w.banenafspraak {
            pick(
                "in het doelgroepregister banenafspraak",
                "in the banenafspraak target-group register",
            )
        } else {
            pick(
                "niet in het doelgroepregister banenafspraak",
                "not in the banenafspraak register",
            )
        }
        .to_owned(),
    );
    if w.arbeidsgehandicapt {
        parts.push(
            pick(
                "arbeidsgehandicapt (voor LKV en no-riskpolis)",
                "arbeidsgehandicapt (for LKV and the no-risk policy)",
            )
            .to_owned(),
        );
    }
    let group = match w.group {
        Group::None => None,
        Group::Praktijkonderwijs => Some(pick("uit het praktijkonderwijs", "from praktijkonderwijs")),
        Group::Vso => Some(pick(
            "uit het voortgezet speciaal onderwijs",
            "from special secondary education (vso)",
        )),
        Group::Entree => Some(pick("uit de entreeopleiding", "from the entree course")),
        Group::Nug => Some(pick(
            "niet-uitkeringsgerechtigde (nug)",
            "not entitled to a benefit (nug)",
        )),
        Group::Leerwerktraject => Some(pick("in een leerwerktraject", "in a learning-work programme")),
        Group::BeschutWerk => Some(pick("beschut werk", "sheltered work (beschut werk)")),
    };
    parts.extend(group.map(str::to_owned));
    if w.bbl {
        parts.push(pick("leert in de bbl", "learns in a bbl apprenticeship").to_owned());
    }
    format!("{}: {}", pick("Werknemer", "Worker"), parts.join(", "))
}

/// The name of the placement's input `index` as the report shows it: the input's own name,
/// or "Cost “name”" for the amount of a cost or benefit line.
pub fn input_label(p: &Placement, index: usize, lang: Lang) -> String {
    let t = lang.text();
    if let Some(slot) = Slot::ALL.get(index) {
        let path = slot.path();
        return t.input_name(path).map_or_else(|| path.to_owned(), str::to_owned);
    }
    match p.lines.iter().find(|l| l.slot == index) {
        Some(line) => fill(
            if line.is_benefit {
                t.line_benefit
            } else {
                t.line_cost
            },
            &[(
                "name",
                line.label
                    .as_ref()
                    .and_then(|l| l.get(lang == Lang::En))
                    .unwrap_or(&line.name),
            )],
        ),
        None => p.inputs.get(index).map_or_else(String::new, |i| i.path.clone()),
    }
}

/// One sentence per `[[correlation]]` of the placement.
pub fn correlation_facts(p: &Placement, lang: Lang) -> Vec<String> {
    p.correlations
        .iter()
        .map(|c| {
            fill(
                lang.text().fact_correlation,
                &[
                    ("a", &input_label(p, c.a, lang)),
                    ("b", &input_label(p, c.b, lang)),
                    ("rho", &lang.number(c.rho, 2)),
                ],
            )
        })
        .collect()
}

/// Load capacity's spread as "in a typical month between 70% and 95% of the contract hours",
/// when typical, volatility and persistence are numbers and the volatility is above 0.
fn capacity_in_words(p: &Placement, lang: Lang) -> Option<String> {
    let constant = |slot: Slot| p.inputs.get(slot as usize)?.dist.as_constant();
    let typical = constant(Slot::CapacityTypical)?;
    let sigma = constant(Slot::CapacityVolatility)?;
    let phi = constant(Slot::CapacityPersistence)?;
    if sigma <= 0.0 || !(0.0..1.0).contains(&typical) {
        return None;
    }
    let (lo, hi) = crate::model::capacity_range(typical, sigma, phi);
    Some(fill(
        lang.text().capacity_range,
        &[
            ("lo", &lang.percent_short(lo)),
            ("hi", &lang.percent_short(hi)),
            ("sigma", &lang.short(sigma)),
        ],
    ))
}

/// (input name, assumption in words) for every used input and every cost and benefit line.
pub fn input_rows(p: &Placement, lang: Lang) -> Vec<(String, String)> {
    let t = lang.text();
    let mut rows = Vec::new();
    for (index, (slot, input)) in Slot::ALL.iter().zip(&p.inputs).enumerate() {
        if !input.used {
            continue;
        }
        let words = match slot {
            Slot::CapacityVolatility => capacity_in_words(p, lang),
            _ => None,
        };
        rows.push((
            input_label(p, index, lang),
            words.unwrap_or_else(|| {
                describe::dist_in_words(&input.dist, describe::unit_of(slot.path()), lang)
            }),
        ));
    }
    for line in &p.lines {
        let Some(input) = p.inputs.get(line.slot) else {
            continue;
        };
        let name = input_label(p, line.slot, lang);
        let words = match line.timing {
            LineTiming::OneOff(m) => fill(
                t.timing_once,
                &[
                    ("amount", &describe::dist_in_words(&input.dist, Unit::Money, lang)),
                    ("month", &m.to_string()),
                ],
            ),
            LineTiming::Monthly { from, to } => fill(
                t.timing_monthly,
                &[
                    ("amount", &describe::dist_in_words(&input.dist, Unit::Money, lang)),
                    ("from", &from.to_string()),
                    ("to", &to.to_string()),
                ],
            ),
        };
        rows.push((name, words));
    }
    rows
}

fn peaks(h: &mut String, model: &Model, lang: Lang) {
    let t = lang.text();
    let _ = writeln!(h, "<h3>{}</h3>", escape(t.peaks_heading));
    if model.peaks.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", escape(t.no_peaks));
        return;
    }
    let _ = write!(
        h,
        "<table class=\"cards\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        escape(t.th_peak),
        escape(t.th_months),
        escape(t.th_value_multiplier),
        escape(t.th_availability),
        escape(t.th_cost_multiplier)
    );
    for peak in &model.peaks {
        let months: Vec<&str> = peak
            .months
            .iter()
            .filter_map(|m| t.month_names.get((*m as usize).wrapping_sub(1)).copied())
            .collect();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td data-label=\"{}\">{}</td><td class=\"num\" data-label=\"{}\">× {}</td><td class=\"num\" data-label=\"{}\">{}</td><td class=\"num\" data-label=\"{}\">× {}</td></tr>",
            escape(peak.name.as_deref().unwrap_or("–")),
            escape(t.th_months),
            escape(&months.join(", ")),
            escape(t.th_value_multiplier),
            escape(&lang.short(peak.profile.value)),
            escape(t.th_availability),
            escape(&lang.percent_short(peak.profile.availability)),
            escape(t.th_cost_multiplier),
            escape(&lang.short(peak.profile.cost))
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// An instrument's name and its parameters in words ("herbeoordeling elke 12 maanden");
/// a parameter without words as written (`key: value`).
pub fn instrument_words(instrument: &crate::instruments::Instrument, model: &Model, lang: Lang) -> String {
    let t = lang.text();
    let kind = instrument.kind();
    let name = t
        .instrument_name(kind)
        .map_or_else(|| kind.to_owned(), str::to_owned);
    let params: Vec<String> = instrument
        .parameters(&|i| {
            model.instrument_inputs.get(i).map_or_else(String::new, |s| {
                describe::dist_in_words(&s.dist, Unit::Money, lang)
            })
        })
        .into_iter()
        .map(|(k, v)| params::words(kind, k, &v, lang).unwrap_or_else(|| format!("{k}: {v}")))
        .collect();
    if params.is_empty() {
        name
    } else {
        format!("{name} ({})", params.join(", "))
    }
}

fn arrangements(h: &mut String, model: &Model, lang: Lang) {
    let t = lang.text();
    let _ = write!(h, "<h3>{}</h3>\n<ul>\n", escape(t.arrangements_heading));
    for (i, a) in model.arrangements.iter().enumerate() {
        let mut items: Vec<String> = a
            .instruments
            .iter()
            .map(|ins| instrument_words(ins, model, lang))
            .collect();
        if items.is_empty() {
            items.push(t.no_instruments.to_owned());
        }
        // What the arrangement changes, in the words of the placement's inputs: the rows
        // that differ from the scenario's own placement.
        let mut changed = Vec::new();
        if a.variant > 0 {
            for (own, p) in model.placements.iter().zip(model.placements_of(a.variant)) {
                let before = input_rows(own, lang);
                for row in input_rows(p, lang).into_iter().filter(|r| !before.contains(r)) {
                    changed.push(if model.placements.len() > 1 {
                        format!("{} — {}: {}", p.name, row.0, row.1)
                    } else {
                        format!("{}: {}", row.0, row.1)
                    });
                }
                if own.jobcoach.is_some() && p.jobcoach.is_none() {
                    items.push(t.arrangement_no_jobcoach.to_owned());
                }
                if p.jobcoach.is_some_and(|j| j.norm) && own.jobcoach.is_none_or(|j| !j.norm) {
                    changed.push(t.fact_jobcoach_norm.to_owned());
                }
            }
        }
        if !changed.is_empty() {
            items.push(format!("{}: {}", t.arrangement_changes, changed.join("; ")));
        }
        // The built-in baseline's instruments line says it all.
        let description = a
            .description
            .as_ref()
            .and_then(|d| d.get(lang == Lang::En))
            .filter(|_| !a.is_baseline)
            .map(|d| format!(" — {}", escape(d)))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<li>{}<strong>{}</strong>{}: {}</li>",
            swatch(i),
            escape(&super::display_name(&a.name, a.is_baseline, lang)),
            description,
            escape(&items.join("; "))
        );
    }
    h.push_str("</ul>\n");
}

fn rates(h: &mut String, model: &Model, s: &Summary, lang: Lang) {
    let t = lang.text();
    let _ = writeln!(h, "<h3>{}</h3>", escape(t.rates_heading));
    let intro = fill(
        t.rates_intro,
        &[
            ("preset", &s.rates.preset),
            ("until", &s.rates.min_wage_published_until),
            ("growth", &lang.percent_short(s.rates.wage_growth_per_year)),
        ],
    );
    let mut intro = intro;
    if !s.rates.not_published.is_empty() {
        let description = |key: &str| figure_description(model, key, lang);
        let items: Vec<String> = s
            .rates
            .not_published
            .iter()
            .map(|f| {
                let template = match f.status {
                    "indexed" => t.figure_indexed,
                    "announced" => t.figure_announced,
                    _ => t.figure_override,
                };
                fill(
                    template,
                    &[("figure", &description(&f.figure)), ("from", &f.from)],
                )
            })
            .collect();
        intro.push(' ');
        intro.push_str(&fill(t.not_published, &[("list", &items.join("; "))]));
    }
    let _ = write!(
        h,
        "<p>{}</p>\n<table class=\"rates\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(&intro),
        escape(t.th_figure),
        escape(t.th_values),
        escape(t.th_source)
    );
    let rows = model.rates.rows();
    let in_use = model.figures_in_use();
    let kinds: Vec<&str> = model
        .arrangements
        .iter()
        .flat_map(|a| a.instruments.iter().map(|i| i.kind()))
        .collect();
    let end = model.start.add_months(model.horizon as i64 - 1);
    let shown: Vec<&crate::rates::RateRow> = rows
        .iter()
        .filter(|r| in_use.contains(&r.figure))
        .filter(|r| figures::instrument_of(r.key).is_none_or(|k| kinds.contains(&k)))
        .collect();
    for row in &shown {
        // The values in force during the horizon: the one at its start and later ones.
        let first = row
            .values
            .iter()
            .rposition(|(from, _)| *from <= model.start)
            .unwrap_or(0);
        let values: Vec<String> = row
            .values
            .iter()
            .zip(&row.statuses)
            .enumerate()
            .filter(|(i, ((from, _), _))| *i >= first && *from <= end)
            .map(|(_, x)| x)
            .map(|((from, v), status)| {
                let value = if v.is_infinite() {
                    t.no_limit.to_owned()
                } else {
                    rate_value(*v, &figures::unit(&row.unit, lang), &row.unit, lang)
                };
                let mut text = fill(t.value_from, &[("value", &value), ("from", &from.to_string())]);
                if *status == ValueStatus::Announced {
                    text.push_str(t.announced);
                }
                text
            })
            .collect();
        let overridden = if row.overridden { t.overridden } else { "" };
        let words = figures::words(row.key);
        let _ = writeln!(
            h,
            "<tr><td>{}{}</td><td>{}</td><td class=\"note\">{}</td></tr>",
            escape(&figure_description(model, row.key, lang)),
            escape(overridden),
            values.iter().map(|v| escape(v)).collect::<Vec<_>>().join("<br>"),
            escape(words.map_or(row.source.as_str(), |w| w.cite))
        );
    }
    h.push_str("</tbody>\n</table>\n");
    let left_out = rows.len() - shown.len();
    if left_out > 0 {
        let _ = writeln!(
            h,
            "<p class=\"note\">{}</p>",
            escape(&fill(t.rates_left_out, &[("n", &left_out.to_string())]))
        );
    }
}

/// A figure's description in the report's language (the preset's own for a figure the
/// report has no words for).
pub fn figure_description(model: &Model, key: &str, lang: Lang) -> String {
    match figures::words(key) {
        Some(w) => w.description(lang).to_owned(),
        None => model
            .rates
            .rows()
            .into_iter()
            .find(|r| r.key == key)
            .map_or_else(|| key.to_owned(), |r| r.description),
    }
}

/// A preset figure in its unit (`words`, in the report's language; `unit` as the preset
/// writes it): euros and shares written as money and percentages.
fn rate_value(v: f64, words: &str, unit: &str, lang: Lang) -> String {
    if unit.starts_with("EUR") {
        format!("{} {words}", lang.money_exact(v))
    } else if unit.starts_with("share") {
        format!("{} {words}", lang.percent_short(v))
    } else {
        format!("{} {words}", lang.short(v))
    }
}

fn method(h: &mut String, s: &Summary, lang: Lang) {
    let t = lang.text();
    let _ = write!(h, "<section id=\"method\">\n<h2>{}</h2>\n", escape(t.sec_method));
    let items: Vec<String> = s
        .arrangements
        .iter()
        .map(|a| {
            format!(
                "{}: {} ± {}, {} {} ± {}",
                a.name,
                lang.money(a.npv.mean),
                lang.money(a.npv.mcse),
                t.th_p_positive,
                lang.percent(a.p_npv_positive, 1),
                lang.percent(a.p_npv_positive_se, 1)
            )
        })
        .collect();
    let paragraphs = [
        fill(
            t.method_runs,
            &[
                ("iterations", &lang.number(s.iterations as f64, 0)),
                ("seed", &s.seed.to_string()),
            ],
        ),
        fill(t.method_mcse, &[("items", &items.join("; "))]),
        fill(
            t.method_discount,
            &[("rate", &lang.percent_short(s.discount_rate))],
        ),
        fill(
            t.method_monthly,
            &[("n", &lang.number(s.monthly_quantile_iterations as f64, 0))],
        ),
        fill(
            t.method_versions,
            &[
                ("model", &s.model_version),
                ("version", &s.inclusim_version),
                ("file", &s.scenario_file),
                (
                    "digest",
                    s.scenario_sha256.get(..16).unwrap_or(&s.scenario_sha256),
                ),
            ],
        ),
        t.method_reproducible.to_owned(),
    ];
    for p in paragraphs {
        let _ = writeln!(h, "<p>{}</p>", escape(&p));
    }
    h.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("<b>\"A&B\"</b>'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&#39;"
        );
    }

    #[test]
    fn rate_values_read_as_money_and_percentages() {
        let value = |v, unit, lang| rate_value(v, &figures::unit(unit, lang), unit, lang);
        assert_eq!(value(14.71, "EUR per hour", Lang::Nl), "€ 14,71 per uur");
        assert_eq!(value(0.3, "share of the wage", Lang::Nl), "30% van het loon");
        assert_eq!(value(0.3, "share of the wage", Lang::En), "30% of the wage");
        assert_eq!(value(104.0, "weeks", Lang::En), "104 weeks");
    }

    #[test]
    fn capacity_reads_as_a_typical_month_in_both_languages() {
        let text = r#"[scenario]
name = "t"
start = "2027-01"
horizon_months = 12

[[placement]]
name = "w"
hours_per_week = 20
wage = "wml"
value_per_productive_hour = 25
productivity = { start = 0.3, target = 0.8, ramp_months = 6 }
supervision = { initial_hours_per_week = 4, steady_hours_per_week = 1, halving_months = 3, supervisor_cost = 35, available_hours_per_week = 8 }
capacity = { typical_range = [0.70, 0.95], persistence = 0.6 }
"#;
        let model = crate::scenario::parse(std::path::Path::new("t.toml"), text).expect("valid");
        let p = &model.placements[0];
        let row = |lang| {
            input_rows(p, lang)
                .into_iter()
                .find(|(_, words)| words.contains("70%"))
                .map(|(_, words)| words)
                .unwrap_or_default()
        };
        assert!(
            row(Lang::Nl).starts_with("in een gewone maand tussen 70% en 95% van de contracturen"),
            "{}",
            row(Lang::Nl)
        );
        assert!(
            row(Lang::En).starts_with("in a typical month between 70% and 95% of the contract hours"),
            "{}",
            row(Lang::En)
        );
    }
}
