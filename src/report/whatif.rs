//! The report's what-if sections, when asked (`report --solve KEY:EXPR`, `report --gap EXPR`,
//! `report --sweep KEY=V1,…`): the threshold of an input in one plain sentence ("De plaatsing
//! verdient zich in 80% van de gevallen terug zolang de begeleiding bij de start hoogstens 5,2
//! uur per week is"), the extra support that would close the gap ("… met een extra bijdrage
//! van € 4.200 bij de start"), and a sweep as a table. The numbers come from `inclusim
//! solve`, `gap` and `sweep`'s searches.

use std::fmt::Write;

use super::Lang;
use super::display_name;

/// What a search varied to reach a target.
#[derive(Debug, Clone, PartialEq)]
pub enum Lever {
    /// An input, by its `--set` key.
    Input(String),
    /// Extra support for the employer (as `inclusim gap` adds it): one-off at the start, or
    /// per month in the first `months` months.
    Support { months: Option<u32> },
}

/// One solved target, as the report states it.
#[derive(Debug, Clone)]
pub struct Solved {
    pub lever: Lever,
    pub metric: String,
    /// `>=`, `<=`, `>` or `<`.
    pub op: &'static str,
    pub bound: f64,
    pub arrangement: String,
    pub found: Found,
}

#[derive(Debug, Clone)]
pub enum Found {
    /// The target holds at and above (`holds_above`) or at and below `value`.
    Threshold {
        value: f64,
        holds_above: bool,
        metric: Option<f64>,
        se: Option<f64>,
    },
    Everywhere {
        lo: f64,
        hi: f64,
    },
    Nowhere {
        lo: f64,
        hi: f64,
        closest: f64,
        metric: Option<f64>,
    },
}

/// One sweep over one key, as a table.
#[derive(Debug, Clone)]
pub struct Swept {
    pub key: String,
    pub metric: String,
    pub arrangements: Vec<String>,
    pub rows: Vec<(f64, Vec<Option<f64>>)>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The key's input in words: the placement input's name, else the key itself.
fn input_words(key: &str, lang: Lang) -> String {
    let parts: Vec<&str> = key.splitn(3, '.').collect();
    let path = match parts.as_slice() {
        ["placement", _, rest] => *rest,
        _ => key,
    };
    match lang.text().input_name(path) {
        Some(name) => {
            let mut chars = name.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        None => format!("`{key}`"),
    }
}

/// The metric in words.
fn metric_words(metric: &str, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    match metric {
        "p_npv_positive" => if nl {
            "kans op terugverdienen"
        } else {
            "chance of paying off"
        }
        .to_owned(),
        "npv.mean" => if nl {
            "gemiddelde netto contante waarde"
        } else {
            "mean net present value"
        }
        .to_owned(),
        "npv.p50" => if nl {
            "mediane netto contante waarde"
        } else {
            "median net present value"
        }
        .to_owned(),
        other => other.to_owned(),
    }
}

fn metric_value(metric: &str, v: f64, lang: Lang) -> String {
    if metric.starts_with("p_") || metric.contains(".p_within") || metric.starts_with("retention") {
        lang.percent(v, 1)
    } else if metric.starts_with("npv") || metric.starts_with("cvar") || metric.starts_with("lines.") {
        lang.money(v)
    } else {
        lang.short(v)
    }
}

/// What the target says, in words.
fn target_words(s: &Solved, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let at_least = s.op.starts_with('>');
    let bound = metric_value(&s.metric, s.bound, lang);
    match (s.metric.as_str(), nl) {
        ("p_npv_positive", true) if at_least => {
            format!("verdient de plaatsing zich in minstens {bound} van de gevallen terug")
        }
        ("p_npv_positive", false) if at_least => {
            format!("the placement pays off in at least {bound} of the futures")
        }
        ("npv.mean", true) => format!(
            "is de netto contante waarde gemiddeld {} {bound}",
            if at_least { "minstens" } else { "hoogstens" }
        ),
        ("npv.mean", false) => format!(
            "the mean net present value is {} {bound}",
            if at_least { "at least" } else { "at most" }
        ),
        ("npv.p50", true) => format!(
            "is de netto contante waarde in de helft van de gevallen {} {bound}",
            if at_least { "minstens" } else { "hoogstens" }
        ),
        ("npv.p50", false) => format!(
            "the net present value is {} {bound} in half of the futures",
            if at_least { "at least" } else { "at most" }
        ),
        (m, true) => format!("geldt {m} {} {bound}", s.op),
        (m, false) => format!("{m} {} {bound} holds", s.op),
    }
}

/// The sentence of one solved target.
pub fn sentence(s: &Solved, lang: Lang) -> String {
    let key = match &s.lever {
        Lever::Input(key) => key,
        Lever::Support { months } => return support_sentence(s, *months, lang),
    };
    let nl = lang == Lang::Nl;
    let arr = display_name(&s.arrangement, true, lang);
    let (open, close) = if nl { ("„", "”") } else { ("“", "”") };
    let input = input_words(key, lang);
    let target = target_words(s, lang);
    match &s.found {
        Found::Threshold {
            value,
            holds_above,
            metric,
            se,
        } => {
            let v = lang.short(*value);
            let at = match (metric, se) {
                (Some(m), Some(se)) => format!(
                    " ({} {}: {} ± {})",
                    metric_words(&s.metric, lang),
                    if nl { "daar" } else { "there" },
                    metric_value(&s.metric, *m, lang),
                    metric_value(&s.metric, *se, lang)
                ),
                _ => String::new(),
            };
            if nl {
                format!(
                    "Bij {open}{arr}{close} {target} zolang {input} {} {v} is{at}.",
                    if *holds_above { "minstens" } else { "hoogstens" }
                )
            } else {
                format!(
                    "With {open}{arr}{close}, {target} as long as {input} stays {} {v}{at}.",
                    if *holds_above {
                        "at or above"
                    } else {
                        "at or below"
                    }
                )
            }
        }
        Found::Everywhere { lo, hi } => {
            let (lo, hi) = (lang.short(*lo), lang.short(*hi));
            if nl {
                format!("Bij {open}{arr}{close} {target} voor elke waarde van {input} tussen {lo} en {hi}.")
            } else {
                format!("With {open}{arr}{close}, {target} for every value of {input} between {lo} and {hi}.")
            }
        }
        Found::Nowhere {
            lo,
            hi,
            closest,
            metric,
        } => {
            let (lo, hi, c) = (lang.short(*lo), lang.short(*hi), lang.short(*closest));
            let m = metric
                .map(|m| metric_value(&s.metric, m, lang))
                .unwrap_or_default();
            if nl {
                format!(
                    "Bij {open}{arr}{close} lukt het niet: voor geen waarde van {input} tussen {lo} en {hi} {target}; het dichtst bij komt {c} ({} {m}).",
                    metric_words(&s.metric, lang)
                )
            } else {
                format!(
                    "With {open}{arr}{close} it cannot be done: for no value of {input} between {lo} and {hi} {target}; closest is {c} ({} {m}).",
                    metric_words(&s.metric, lang)
                )
            }
        }
    }
}

/// The metric where the search ended, in brackets: " (kans op terugverdienen daar: 80,1% ± 0,3%)".
fn metric_there(s: &Solved, metric: Option<f64>, se: Option<f64>, lang: Lang) -> String {
    match (metric, se) {
        (Some(m), Some(se)) => format!(
            " ({} {}: {} ± {})",
            metric_words(&s.metric, lang),
            if lang == Lang::Nl { "daar" } else { "there" },
            metric_value(&s.metric, m, lang),
            metric_value(&s.metric, se, lang)
        ),
        _ => String::new(),
    }
}

/// The sentence of the extra support that closes the gap (`inclusim gap`).
fn support_sentence(s: &Solved, months: Option<u32>, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let arr = display_name(&s.arrangement, true, lang);
    let (open, close) = if nl { ("„", "”") } else { ("“", "”") };
    let target = target_words(s, lang);
    let support = |amount: f64| {
        let amount = lang.money(amount);
        match (months, nl) {
            (None, true) => {
                format!("een extra eenmalige bijdrage van {amount} voor de werkgever bij de start")
            }
            (None, false) => {
                format!("an extra one-off contribution of {amount} to the employer at the start")
            }
            (Some(m), true) => format!(
                "een extra bijdrage van {amount} per maand voor de werkgever in de eerste {m} maanden"
            ),
            (Some(m), false) => {
                format!("an extra contribution of {amount} a month to the employer in the first {m} months")
            }
        }
    };
    match &s.found {
        Found::Threshold {
            value, metric, se, ..
        } => {
            let at = metric_there(s, *metric, *se, lang);
            if nl {
                format!("Bij {open}{arr}{close} {target} met {}{at}.", support(*value))
            } else {
                format!("With {open}{arr}{close}, {target} with {}{at}.", support(*value))
            }
        }
        Found::Everywhere { .. } => {
            if nl {
                format!("Bij {open}{arr}{close} {target} al zonder extra bijdrage.")
            } else {
                format!("With {open}{arr}{close}, {target} already without extra support.")
            }
        }
        Found::Nowhere { hi, metric, .. } => {
            let m = metric
                .map(|m| metric_value(&s.metric, m, lang))
                .unwrap_or_default();
            if nl {
                format!(
                    "Bij {open}{arr}{close} lukt het zelfs met {} niet: dan {target} nog niet ({} {m}).",
                    support(*hi),
                    metric_words(&s.metric, lang)
                )
            } else {
                format!(
                    "With {open}{arr}{close}, even {} is not enough: then {target} still does not hold ({} {m}).",
                    support(*hi),
                    metric_words(&s.metric, lang)
                )
            }
        }
    }
}

/// The section, or nothing when nothing was asked.
pub fn section(solved: &[Solved], swept: &[Swept], lang: Lang) -> String {
    if solved.is_empty() && swept.is_empty() {
        return String::new();
    }
    let nl = lang == Lang::Nl;
    let mut h = format!(
        "<section id=\"what-if\">\n<h2>{}</h2>\n",
        if nl {
            "Wat is er nodig om het wél te laten slagen?"
        } else {
            "What would make it pay off?"
        }
    );
    for s in solved {
        let _ = writeln!(h, "<p class=\"best\">{}</p>", escape(&sentence(s, lang)));
    }
    for s in swept {
        let _ = writeln!(
            h,
            "<p>{}</p>\n<table>\n<thead><tr><th>{}</th>",
            escape(&if nl {
                format!(
                    "De {} bij andere waarden van {} (dezelfde toevalsgetallen):",
                    metric_words(&s.metric, lang),
                    input_words(&s.key, lang)
                )
            } else {
                format!(
                    "The {} at other values of {} (the same random numbers):",
                    metric_words(&s.metric, lang),
                    input_words(&s.key, lang)
                )
            }),
            escape(&input_words(&s.key, lang))
        );
        for a in &s.arrangements {
            let _ = write!(
                h,
                "<th class=\"num\">{}</th>",
                escape(&display_name(a, true, lang))
            );
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for (v, metrics) in &s.rows {
            let _ = write!(h, "<tr><td>{}</td>", escape(&lang.short(*v)));
            for m in metrics {
                let cell = m.map_or_else(|| "–".to_owned(), |m| metric_value(&s.metric, m, lang));
                let _ = write!(h, "<td class=\"num\">{}</td>", escape(&cell));
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str(if nl {
        "<p class=\"note\">Elke waarde is doorgerekend met dezelfde toevalsgetallen (common random numbers): het verschil komt alleen door de veranderde waarde.</p>\n</section>\n"
    } else {
        "<p class=\"note\">Every value was run on the same random numbers (common random numbers): the difference comes only from the changed value.</p>\n</section>\n"
    });
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_reads_as_one_plain_sentence() {
        let s = Solved {
            lever: Lever::Input("placement.vakkenvuller.supervision.initial_hours_per_week".into()),
            metric: "p_npv_positive".into(),
            op: ">=",
            bound: 0.8,
            arrangement: "LKS".into(),
            found: Found::Threshold {
                value: 5.2,
                holds_above: false,
                metric: Some(0.8012),
                se: Some(0.003),
            },
        };
        let nl = sentence(&s, Lang::Nl);
        assert!(
            nl.starts_with("Bij „LKS” verdient de plaatsing zich in minstens 80,0% van de gevallen terug zolang begeleiding bij de start hoogstens 5,2 is"),
            "{nl}"
        );
        let en = sentence(&s, Lang::En);
        assert!(
            en.contains("as long as supervision at the start stays at or below 5.2"),
            "{en}"
        );
    }

    /// The gap reads as the support that closes it, one-off or per month; a gap found
    /// everywhere or nowhere says so.
    #[test]
    fn the_gap_reads_as_the_support_that_closes_it() {
        let mut s = Solved {
            lever: Lever::Support { months: None },
            metric: "p_npv_positive".into(),
            op: ">=",
            bound: 0.8,
            arrangement: "LKS".into(),
            found: Found::Threshold {
                value: 4210.0,
                holds_above: true,
                metric: Some(0.8004),
                se: Some(0.004),
            },
        };
        assert_eq!(
            sentence(&s, Lang::Nl),
            "Bij „LKS” verdient de plaatsing zich in minstens 80,0% van de gevallen terug met een extra eenmalige bijdrage van € 4.210 voor de werkgever bij de start (kans op terugverdienen daar: 80,0% ± 0,4%)."
        );
        s.lever = Lever::Support { months: Some(12) };
        assert_eq!(
            sentence(&s, Lang::En),
            "With “LKS”, the placement pays off in at least 80.0% of the futures with an extra contribution of €4,210 a month to the employer in the first 12 months (chance of paying off there: 80.0% ± 0.4%)."
        );
        s.found = Found::Everywhere {
            lo: 0.0,
            hi: 50_000.0,
        };
        assert!(sentence(&s, Lang::Nl).ends_with("al zonder extra bijdrage."));
        s.found = Found::Nowhere {
            lo: 0.0,
            hi: 50_000.0,
            closest: 50_000.0,
            metric: Some(0.61),
        };
        assert!(
            sentence(&s, Lang::Nl).contains("lukt het zelfs met een extra bijdrage van € 50.000 per maand"),
            "{}",
            sentence(&s, Lang::Nl)
        );
    }
}
