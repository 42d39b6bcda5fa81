//! The report's section "Wat bepaalt de uitkomst het meest?" / "What decides the outcome
//! most?": the tornado of the chosen arrangement's NPV, the inputs that explain why it beats
//! the next one, one plain sentence on the top two inputs, and what it is worth to find out
//! an input before deciding (partial EVPI). Words in both languages live here.

use std::fmt::Write;

use super::text::{Lang, fill};
use super::{File, Options, display_name};
use crate::model::Model;
use crate::plot::tornado::{Bar, Tornado};
use crate::plot::{self, Labels, PlotError};
use crate::sim::inputs::kept_inputs;
use crate::stats::Summary;
use crate::stats::influence::{Influence, NO_PLACEMENT};
use crate::stats::sensitivity::{InputSensitivity, OutputSensitivity};

/// File stem of the tornado chart.
pub const STEM: &str = "tornado";
/// Inputs shown in the tornado and its table.
pub const SHOWN: usize = 8;

/// Text made safe for HTML (the same rule as the rest of the report).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Words of the section, Dutch and English.
struct Words {
    heading: &'static str,
    title: &'static str,
    x: &'static str,
    low: &'static str,
    high: &'static str,
    top_two: &'static str,
    top_one: &'static str,
    none: &'static str,
    table: [&'static str; 6],
    why: &'static str,
    why_table: &'static str,
    why_none: &'static str,
    pays: &'static str,
    pays_not: &'static str,
    evpi_table: [&'static str; 2],
    method: &'static str,
    no_placement: &'static str,
}

const NL: Words = Words {
    heading: "Wat bepaalt de uitkomst het meest?",
    title: "Invloed op de netto contante waarde: „{name}”",
    x: "Gemiddelde netto contante waarde (€)",
    low: "invoer laag (laagste 10%)",
    high: "invoer hoog (hoogste 10%)",
    top_two: "Bij „{name}” hangt de uitkomst het meest af van {a} (gemiddeld {a_low} bij de laagste 10% van de waarden, {a_high} bij de hoogste 10%) en daarna van {b} ({b_low} tot {b_high}).",
    top_one: "Bij „{name}” hangt de uitkomst het meest af van {a} (gemiddeld {a_low} bij de laagste 10% van de waarden, {a_high} bij de hoogste 10%).",
    none: "Geen enkele invoer is onzeker: de uitkomst ligt vast.",
    table: [
        "Invoer (laagste / hoogste 10% vanaf)",
        "Rangcorrelatie (Spearman)",
        "Partiële rangcorrelatie",
        "Deel van de variantie",
        "Verschil laag → hoog",
        "± (standaardfout)",
    ],
    why: "Waarom „{a}” het beter doet dan „{b}” (gemiddeld {diff}), en wanneer niet",
    why_table: "het verschil hangt het meest af van",
    why_none: "dat verschil hangt van geen enkele onzekere invoer merkbaar af (niets verschuift het meer dan twee standaardfouten).",
    pays: "Het loont om eerst {input} te laten vaststellen: dat is tot {value} waard (± {se}). Volledige kennis van alle onzekerheden vooraf zou de keuze tussen de regelingen gemiddeld {evpi} waard maken.",
    pays_not: "Vooraf meer zekerheid zoeken loont nauwelijks: zelfs volledige kennis van alle onzekerheden zou de keuze tussen de regelingen (en niet plaatsen) gemiddeld maar {evpi} beter maken. De keuze voor „{chosen}” hangt dus niet af van wat nog onbekend is.",
    evpi_table: ["Eerst vaststellen", "Waarde van die informatie (€)"],
    method: "Rangcorrelaties over {n} iteraties; het verschil laag → hoog is de gemiddelde netto contante waarde bij de hoogste 10% van een invoer min die bij de laagste 10%. De waarde van informatie is de verwachte waarde van volmaakte informatie (EVPI) voor de keuze tussen de regelingen en niet plaatsen, per invoer geschat met regressie (Strong, Oakley & Brennan 2014); zie docs/sensitivity.md.",
    no_placement: "niet plaatsen",
};

const EN: Words = Words {
    heading: "What decides the outcome most?",
    title: "Influence on the net present value: “{name}”",
    x: "Mean net present value (€)",
    low: "input low (lowest 10%)",
    high: "input high (highest 10%)",
    top_two: "For “{name}” the outcome depends most on {a} (on average {a_low} with its lowest 10% of values, {a_high} with its highest 10%), then on {b} ({b_low} to {b_high}).",
    top_one: "For “{name}” the outcome depends most on {a} (on average {a_low} with its lowest 10% of values, {a_high} with its highest 10%).",
    none: "No input is uncertain: the outcome is fixed.",
    table: [
        "Input (lowest / highest 10% from)",
        "Rank correlation (Spearman)",
        "Partial rank correlation",
        "Share of variance",
        "Difference low → high",
        "± (standard error)",
    ],
    why: "Why “{a}” does better than “{b}” (by {diff} on average), and when not",
    why_table: "the difference depends most on",
    why_none: "that difference hardly depends on any uncertain input (none moves it by more than two standard errors).",
    pays: "It pays to find out {input} first: that is worth up to {value} (± {se}). Knowing every uncertainty in advance would make the choice between the arrangements worth {evpi} on average.",
    pays_not: "Seeking more certainty first hardly pays: even knowing every uncertainty in advance would improve the choice between the arrangements (and not placing) by only {evpi} on average. The choice of “{chosen}” does not depend on what is still unknown.",
    evpi_table: ["Find out first", "Value of that information (€)"],
    method: "Rank correlations over {n} iterations; the difference low → high is the mean net present value with an input in its highest 10% minus that in its lowest 10%. The value of information is the expected value of perfect information (EVPI) for the choice between the arrangements and not placing, per input estimated by regression (Strong, Oakley & Brennan 2014); see docs/sensitivity.md.",
    no_placement: "not placing",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The input named `name` (as in `samples.csv`) in the report's language.
pub fn input_label(model: &Model, name: &str, lang: Lang) -> String {
    let t = lang.text();
    let nl = lang == Lang::Nl;
    let Some(kept) = kept_inputs(model, true).into_iter().find(|k| k.name == name) else {
        return name.to_owned();
    };
    let key = kept.key.as_str();
    let label = if let Some(pool) = key
        .strip_prefix("pool.")
        .and_then(|k| k.strip_suffix(".available_hours_per_week"))
    {
        if nl {
            format!("Beschikbare begeleidingsuren van „{pool}”")
        } else {
            format!("Supervisor hours available in “{pool}”")
        }
    } else if let Some((arrangement, inner)) = key.split_once('/') {
        let what = match inner {
            "detachering.tariff_per_hour" => {
                if nl {
                    "Detacheringstarief per uur".to_owned()
                } else {
                    "Secondment tariff per hour".to_owned()
                }
            }
            other => other.to_owned(),
        };
        format!("{what} ({arrangement})")
    } else if let Some(line) = key.strip_prefix("cost.").and_then(|k| k.strip_suffix(".amount")) {
        fill(t.line_cost, &[("name", line)])
    } else if let Some(line) = key
        .strip_prefix("benefit.")
        .and_then(|k| k.strip_suffix(".amount"))
    {
        fill(t.line_benefit, &[("name", line)])
    } else {
        t.input_name(key).map_or_else(|| key.to_owned(), str::to_owned)
    };
    if model.copies() > 1 {
        let who = name.strip_suffix(&format!(".{key}")).unwrap_or(name);
        format!("{who}: {label}")
    } else {
        label
    }
}

/// The output the section leads with: the NPV of the arrangement chosen now (highest mean,
/// as the value of information takes it), else of the best non-baseline arrangement.
pub fn focus(inf: &Influence) -> Option<&OutputSensitivity> {
    let npv = || inf.outputs.iter().filter(|o| o.kind == "npv");
    npv()
        .find(|o| o.arrangement == inf.value_of_information.chosen)
        .or_else(|| {
            npv()
                .filter(|o| o.arrangement != crate::scenario::validate::BASELINE_NAME)
                .max_by(|a, b| a.mean.total_cmp(&b.mean))
        })
        .or_else(|| npv().next())
}

fn name(arrangement: &str, lang: Lang) -> String {
    display_name(arrangement, true, lang)
}

/// The tornado of the focus output, or `None` without sensitivity or uncertain inputs.
pub fn tornado(model: &Model, s: &Summary, lang: Lang) -> Option<Tornado> {
    let inf = s.sensitivity.as_ref()?;
    let out = focus(inf)?;
    if out.inputs.is_empty() {
        return None;
    }
    let w = words(lang);
    Some(Tornado {
        labels: Labels {
            title: fill(w.title, &[("name", &name(&out.arrangement, lang))]),
            x: w.x.to_owned(),
            y: String::new(),
            money: lang.money_tick(),
        },
        mean: out.mean,
        bars: out
            .inputs
            .iter()
            .take(SHOWN)
            .map(|i| Bar {
                label: format!(
                    "{} ({} / {})",
                    clipped(&input_label(model, &i.input, lang), 44),
                    value_text(i.low_value, lang),
                    value_text(i.high_value, lang)
                ),
                low: i.mean_low,
                high: i.mean_high,
            })
            .collect(),
        low_legend: w.low.to_owned(),
        high_legend: w.high.to_owned(),
    })
}

/// The tornado as chart files (SVG, and PNG when asked).
pub fn chart_files(model: &Model, s: &Summary, options: Options) -> Result<Vec<File>, PlotError> {
    let Some(chart) = tornado(model, s, options.lang) else {
        return Ok(Vec::new());
    };
    let mut files = vec![File {
        path: format!("{}/{STEM}.svg", super::CHART_DIR),
        bytes: plot::svg(&chart)?.into_bytes(),
    }];
    if options.png {
        files.push(File {
            path: format!("{}/{STEM}.png", super::CHART_DIR),
            bytes: plot::png(&chart)?,
        });
    }
    Ok(files)
}

/// One sentence on the top two inputs of the focus output.
pub fn top_sentence(model: &Model, out: &OutputSensitivity, lang: Lang) -> String {
    let w = words(lang);
    let label = |i: &InputSensitivity| quoted(&input_label(model, &i.input, lang).to_lowercase_first(), lang);
    let arr = name(&out.arrangement, lang);
    match out.inputs.as_slice() {
        [] => w.none.to_owned(),
        [a] => fill(
            w.top_one,
            &[
                ("name", &arr),
                ("a", &label(a)),
                ("a_low", &lang.money(a.mean_low)),
                ("a_high", &lang.money(a.mean_high)),
            ],
        ),
        [a, b, ..] => fill(
            w.top_two,
            &[
                ("name", &arr),
                ("a", &label(a)),
                ("a_low", &lang.money(a.mean_low)),
                ("a_high", &lang.money(a.mean_high)),
                ("b", &label(b)),
                ("b_low", &lang.money(b.mean_low)),
                ("b_high", &lang.money(b.mean_high)),
            ],
        ),
    }
}

/// Text in the language's quotation marks.
fn quoted(text: &str, lang: Lang) -> String {
    if text.contains(['„', '“', '”']) {
        return text.to_owned();
    }
    match lang {
        Lang::Nl => format!("„{text}”"),
        Lang::En => format!("“{text}”"),
    }
}

/// The value-of-information sentence.
pub fn evpi_sentence(model: &Model, inf: &Influence, lang: Lang) -> String {
    let w = words(lang);
    let v = &inf.value_of_information;
    let chosen = if v.chosen == NO_PLACEMENT {
        w.no_placement.to_owned()
    } else {
        name(&v.chosen, lang)
    };
    match v.partial.first() {
        Some(p) if worth_knowing(p.value, p.se) => {
            let input = quoted(&input_label(model, &p.input, lang).to_lowercase_first(), lang);
            fill(
                w.pays,
                &[
                    ("input", &input),
                    ("value", &lang.money(p.value)),
                    ("se", &lang.money(p.se)),
                    ("evpi", &lang.money(v.evpi.value)),
                ],
            )
        }
        _ => fill(
            w.pays_not,
            &[("evpi", &lang.money(v.evpi.value)), ("chosen", &chosen)],
        ),
    }
}

/// Whether a partial EVPI is worth a sentence: above € 50 and two standard errors.
pub fn worth_knowing(value: f64, se: f64) -> bool {
    value > 50.0 && value > 2.0 * se
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for String {
    /// "Waarde van …" → "waarde van …", but an acronym ("LKS …") stays.
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match (chars.next(), chars.next()) {
            (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
                let mut out: String = a.to_lowercase().collect();
                out.push(b);
                out.extend(chars);
                out
            }
            _ => self.clone(),
        }
    }
}

/// The section as HTML, with the tornado inline; nothing without sensitivity.
pub fn section(h: &mut String, model: &Model, s: &Summary, lang: Lang) {
    let Some(inf) = s.sensitivity.as_ref() else {
        return;
    };
    let Some(out) = focus(inf) else {
        return;
    };
    let w = words(lang);
    let _ = write!(
        h,
        "<section id=\"sensitivity\">\n<h2>{}</h2>\n",
        escape(w.heading)
    );
    let _ = writeln!(
        h,
        "<p class=\"best\">{}</p>",
        escape(&top_sentence(model, out, lang))
    );
    if let Some(chart) = tornado(model, s, lang)
        && let Ok(svg) = plot::svg(&chart)
    {
        let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
        let _ = write!(
            h,
            "<figure id=\"chart-{STEM}\" role=\"img\" aria-label=\"{}\">\n{}\n</figure>\n",
            escape(&chart.labels.title),
            svg.trim_end()
        );
    }
    input_table(h, model, &out.inputs, lang);
    if let Some(pair) = versus(inf, out) {
        // Oriented so that the focus arrangement comes first: focus − other.
        let flip = pair.arrangement != out.arrangement;
        let other = if flip {
            pair.arrangement.clone()
        } else {
            pair.versus.clone().unwrap_or_default()
        };
        let sign = if flip { -1.0 } else { 1.0 };
        let why = fill(
            w.why,
            &[
                ("a", &name(&out.arrangement, lang)),
                ("b", &name(&other, lang)),
                ("diff", &lang.money(sign * pair.mean)),
            ],
        );
        let top: Vec<InputSensitivity> = pair
            .inputs
            .iter()
            .filter(|i| i.swing.abs() > 2.0 * i.swing_se)
            .take(3)
            .map(|i| if flip { negated(i) } else { i.clone() })
            .collect();
        if top.is_empty() {
            let _ = writeln!(h, "<p>{}: {}</p>", escape(&why), escape(w.why_none));
        } else {
            let _ = writeln!(h, "<p>{}: {}:</p>", escape(&why), escape(w.why_table));
            input_table(h, model, &top, lang);
        }
    }
    let _ = writeln!(
        h,
        "<p class=\"best\">{}</p>",
        escape(&evpi_sentence(model, inf, lang))
    );
    let worth: Vec<_> = inf
        .value_of_information
        .partial
        .iter()
        .filter(|p| worth_knowing(p.value, p.se))
        .take(5)
        .collect();
    if !worth.is_empty() {
        let _ = write!(
            h,
            "<table>\n<thead><tr><th>{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            escape(w.evpi_table[0]),
            escape(w.evpi_table[1])
        );
        for p in worth {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"num\">{} ± {}</td></tr>",
                escape(&input_label(model, &p.input, lang)),
                escape(&lang.money(p.value)),
                escape(&lang.money(p.se))
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        h,
        "<p class=\"note\">{}</p>\n</section>",
        escape(&fill(w.method, &[("n", &lang.number(inf.iterations as f64, 0))]))
    );
}

/// The paired difference of the focus arrangement with the next best one (by mean NPV).
fn versus<'i>(inf: &'i Influence, out: &OutputSensitivity) -> Option<&'i OutputSensitivity> {
    let others = inf
        .outputs
        .iter()
        .filter(|o| o.kind == "npv" && o.arrangement != out.arrangement)
        .max_by(|a, b| a.mean.total_cmp(&b.mean))?;
    inf.outputs.iter().find(|o| {
        o.kind == "difference"
            && ((o.arrangement == out.arrangement && o.versus.as_deref() == Some(&others.arrangement))
                || (o.arrangement == others.arrangement && o.versus.as_deref() == Some(&out.arrangement)))
    })
}

/// At most `max` characters, cut with "…".
fn clipped(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// The sensitivity of −output.
fn negated(i: &InputSensitivity) -> InputSensitivity {
    InputSensitivity {
        spearman: -i.spearman,
        prcc: i.prcc.map(|p| -p),
        contribution_to_variance: -i.contribution_to_variance,
        swing: -i.swing,
        mean_low: -i.mean_low,
        mean_high: -i.mean_high,
        ..i.clone()
    }
}

/// An input's value as a label shows it: three significant digits or so.
pub fn value_text(x: f64, lang: Lang) -> String {
    let decimals = match x.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        _ => 2,
    };
    lang.number(x, decimals)
}

fn input_table(h: &mut String, model: &Model, inputs: &[InputSensitivity], lang: Lang) {
    let w = words(lang);
    h.push_str("<table>\n<thead><tr>");
    for (i, head) in w.table.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"num\"" };
        let _ = write!(h, "<th{class}>{}</th>", escape(head));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for i in inputs.iter().take(SHOWN) {
        let _ = writeln!(
            h,
            "<tr><td>{} ({} / {})</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&input_label(model, &i.input, lang)),
            escape(&value_text(i.low_value, lang)),
            escape(&value_text(i.high_value, lang)),
            escape(&lang.number(i.spearman, 2)),
            escape(&i.prcc.map_or_else(|| "–".to_owned(), |p| lang.number(p, 2))),
            escape(&lang.percent(i.contribution_to_variance, 0)),
            escape(&lang.money(i.swing)),
            escape(&lang.money(i.swing_se)),
        );
    }
    h.push_str("</tbody>\n</table>\n");
}
