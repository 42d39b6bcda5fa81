//! The report's section on a class (`[cohort]`): "Wat levert de TOP-Academy op?" / "What does
//! the TOP-Academy yield?": learners completed, hired, still employed and dropped out per
//! arrangement, the chance of at least k hires, the cost per hire, the leermeesters'
//! coverage, the groups, and the two charts (the distribution of hires, the mentors' coverage
//! by month). Only the numbers of the summary; its words in both languages live here.

use std::fmt::Write;

use super::charts::RenderedChart;
use super::text::Lang;
use crate::plot::{self, Labels, PlotError};
use crate::stats::Summary;
use crate::stats::cohort::CohortSummary;

/// File stems of the class's charts.
pub const HIRES_CHART: &str = "cohort-hires";
pub const COVERAGE_CHART: &str = "cohort-coverage";

struct Words {
    title: &'static str,
    intro: &'static str,
    arrangement: &'static str,
    completed: &'static str,
    hired: &'static str,
    hired_range: &'static str,
    employed: &'static str,
    dropped: &'static str,
    cost_per_hire: &'static str,
    no_hires: &'static str,
    at_least: &'static str,
    mentors: &'static str,
    group: &'static str,
    pupils: &'static str,
    /// "mean" in a group's size of varying size: "5–7 (gem. 6,0)".
    mean: &'static str,
    coverage: &'static str,
    hires_title: &'static str,
    hires_x: &'static str,
    hires_y: &'static str,
    hires_caption: &'static str,
    coverage_title: &'static str,
    coverage_x: &'static str,
    coverage_y: &'static str,
    coverage_mean: &'static str,
    coverage_p10: &'static str,
    coverage_caption: &'static str,
}

const NL: Words = Words {
    title: "Wat levert de TOP-Academy op?",
    intro: "De klas telt {pupils} leerlingen, met de schoolvakanties van {calendar} en {mentors}. Per toekomst: hoeveel leerlingen halen hun diploma, hoeveel neemt het bedrijf aan, hoeveel werken er aan het eind nog, hoeveel vallen uit, en wat kost een aangenomen leerling het bedrijf (netto, contant; negatief is winst).",
    arrangement: "Regeling",
    completed: "Diploma",
    hired: "Aangenomen (gemiddeld)",
    hired_range: "Aangenomen (p10–p90)",
    employed: "Nog in dienst aan het eind",
    dropped: "Uitgevallen tijdens de opleiding",
    cost_per_hire: "Kosten per aangenomen leerling",
    no_hires: "niemand aangenomen",
    at_least: "Kans op ten minste k aangenomen leerlingen",
    mentors: "Leermeesters: in {short} van de leermeester-maanden schoten hun uren tekort; gemiddelde dekking {mean}, laagste maandelijkse p10 {low}.",
    group: "Groep (school)",
    pupils: "Leerlingen",
    mean: "gem.",
    coverage: "Dekking begeleiding",
    hires_title: "Aantal aangenomen leerlingen",
    hires_x: "Aangenomen bij het diploma",
    hires_y: "Aandeel van de toekomsten",
    hires_caption: "Hoe vaak het bedrijf 0, 1, 2, … leerlingen aanneemt: de spreiding komt uit de productiviteit die elke leerling bereikt, de vacatures en (als het scenario dat zegt) een goed of slecht jaar voor de hele klas.",
    coverage_title: "Dekking door de leermeesters",
    coverage_x: "Maand",
    coverage_y: "Gegeven / benodigde begeleiding",
    coverage_mean: "gemiddeld",
    coverage_p10: "p10 (slechtste 10% van de toekomsten)",
    coverage_caption: "Welk deel van de begeleiding die de leerlingen nodig hebben hun leermeesters geven, per maand (regeling zonder steun). Een leermeester die ziek of met verlof is, laat zijn leerlingen die maand zonder.",
};

const EN: Words = Words {
    title: "What does the TOP-Academy yield?",
    intro: "The class has {pupils} pupils, the school holidays of {calendar} and {mentors}. Per future: how many pupils graduate, how many the company hires, how many still work there at the end, how many drop out, and what a hire costs the company (net, discounted; negative is a gain).",
    arrangement: "Arrangement",
    completed: "Graduated",
    hired: "Hired (mean)",
    hired_range: "Hired (p10–p90)",
    employed: "Still employed at the end",
    dropped: "Dropped out while learning",
    cost_per_hire: "Cost per hire",
    no_hires: "nobody hired",
    at_least: "Chance of at least k hires",
    mentors: "Mentors: their hours fell short in {short} of the mentor-months; mean coverage {mean}, lowest monthly p10 {low}.",
    group: "Group (school)",
    pupils: "Pupils",
    mean: "mean",
    coverage: "Supervision coverage",
    hires_title: "Number of pupils hired",
    hires_x: "Hired at graduation",
    hires_y: "Share of futures",
    hires_caption: "How often the company hires 0, 1, 2, … pupils: the spread comes from the productivity each pupil reaches, the vacancies and (when the scenario says so) a good or bad year for the whole class.",
    coverage_title: "Coverage by the mentors",
    coverage_x: "Month",
    coverage_y: "Supervision given / needed",
    coverage_mean: "mean",
    coverage_p10: "p10 (worst 10% of futures)",
    coverage_caption: "The share of the supervision the pupils need that their mentors give, by month (arrangement without support). A mentor who is sick or on leave leaves their pupils without that month.",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(template.to_owned(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}

/// The class's two charts (none without a class).
pub fn charts(s: &Summary, lang: Lang, png: bool) -> Result<Vec<RenderedChart>, PlotError> {
    let Some(k) = &s.cohort else {
        return Ok(Vec::new());
    };
    let Some(first) = k.arrangements.first() else {
        return Ok(Vec::new());
    };
    let w = words(lang);
    let labels = |title: &str, x: &str, y: &str| Labels {
        title: title.to_owned(),
        x: x.to_owned(),
        y: y.to_owned(),
        money: lang.money_tick(),
    };
    let hires = plot::hires::Hires {
        labels: labels(w.hires_title, w.hires_x, w.hires_y),
        shares: first.hired_distribution.clone(),
    };
    let points = |v: &[Option<f64>]| -> Vec<(f64, f64)> {
        v.iter()
            .enumerate()
            .filter_map(|(t, x)| x.map(|x| ((t + 1) as f64, x)))
            .collect()
    };
    let coverage = plot::coverage::Coverage {
        labels: labels(w.coverage_title, w.coverage_x, w.coverage_y),
        mean_label: w.coverage_mean.to_owned(),
        p10_label: w.coverage_p10.to_owned(),
        mean: points(&first.coverage_mean),
        p10: points(&first.coverage_p10),
    };
    let render =
        |stem: &'static str, svg: String, png: Option<Vec<u8>>, title: &str, caption: &str| RenderedChart {
            stem,
            title: title.to_owned(),
            caption: caption.to_owned(),
            svg,
            png,
        };
    Ok(vec![
        render(
            HIRES_CHART,
            plot::svg(&hires)?,
            if png { Some(plot::png(&hires)?) } else { None },
            w.hires_title,
            w.hires_caption,
        ),
        render(
            COVERAGE_CHART,
            plot::svg(&coverage)?,
            if png { Some(plot::png(&coverage)?) } else { None },
            w.coverage_title,
            w.coverage_caption,
        ),
    ])
}

/// Whether a chart is one of the class's (shown in its section, not among the others).
pub fn is_cohort_chart(stem: &str) -> bool {
    stem == HIRES_CHART || stem == COVERAGE_CHART
}

/// Escapes text for HTML (the report's `html::escape`, handed in by the page).
pub type Escape = fn(&str) -> String;

/// The section, with its charts inlined (nothing without a class).
pub fn section(h: &mut String, s: &Summary, charts: &[RenderedChart], lang: Lang, escape: Escape) {
    let Some(k) = &s.cohort else {
        return;
    };
    let w = words(lang);
    let _ = write!(
        h,
        "<section id=\"cohort\">\n<h2>{}</h2>\n<p>{}</p>\n",
        escape(w.title),
        escape(&fill(
            w.intro,
            &[
                (
                    "pupils",
                    &match k.pupils_min {
                        // An uncertain class size: its range.
                        Some(min) => format!("{min}–{}", k.pupils),
                        None => k.pupils.to_string(),
                    }
                ),
                ("calendar", &k.calendar),
                (
                    "mentors",
                    &match (k.mentors.len(), lang) {
                        (1, Lang::Nl) => "1 leermeester".to_owned(),
                        (n, Lang::Nl) => format!("{n} leermeesters"),
                        (1, Lang::En) => "1 leermeester (mentor)".to_owned(),
                        (n, Lang::En) => format!("{n} leermeesters (mentors)"),
                    }
                ),
            ]
        ))
    );
    table(h, (k, s), lang, escape);
    if let Some(first) = k.arrangements.first() {
        let at_least: Vec<String> = first
            .p_hired_at_least
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, p)| **p >= 0.005)
            .map(|(i, p)| format!("≥ {i}: {}", lang.percent(*p, 0)))
            .collect();
        let _ = writeln!(
            h,
            "<p>{}: {}.</p>",
            escape(w.at_least),
            escape(&at_least.join(", "))
        );
        if let Some(short) = first.mentor_months_short_share {
            let covered: Vec<f64> = first.coverage_mean.iter().flatten().copied().collect();
            let mean = covered.iter().sum::<f64>() / covered.len().max(1) as f64;
            let low = first.coverage_p10.iter().flatten().copied().fold(1.0, f64::min);
            let _ = writeln!(
                h,
                "<p>{}</p>",
                escape(&fill(
                    w.mentors,
                    &[
                        ("short", &lang.percent(short, 1)),
                        ("mean", &lang.percent(mean, 1)),
                        ("low", &lang.percent(low, 1)),
                    ]
                ))
            );
        }
        groups(h, first, lang, escape);
    }
    for c in charts.iter().filter(|c| is_cohort_chart(c.stem)) {
        let _ = write!(
            h,
            "<figure id=\"chart-{}\" role=\"img\" aria-label=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            c.stem,
            escape(&c.title),
            c.svg
                .find("<svg")
                .map_or(c.svg.as_str(), |i| &c.svg[i..])
                .trim_end(),
            escape(&c.caption)
        );
    }
    h.push_str("</section>\n");
}

fn table(h: &mut String, (k, s): (&CohortSummary, &Summary), lang: Lang, escape: Escape) {
    let w = words(lang);
    let _ = write!(
        h,
        "<div class=\"wide\">\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(w.arrangement),
        escape(w.completed),
        escape(w.hired),
        escape(w.hired_range),
        escape(w.employed),
        escape(w.dropped),
        escape(w.cost_per_hire)
    );
    for (a, shown) in k.arrangements.iter().zip(&s.arrangements) {
        let cost = match (a.cost_per_hire, a.cost_per_hire_se) {
            (Some(c), Some(se)) => format!("{} ± {}", lang.money(c), lang.money(se)),
            _ => w.no_hires.to_owned(),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}–{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&shown.name),
            lang.number(a.completed_mean, 1),
            lang.number(a.hired_mean, 1),
            lang.number(a.hired_p10, 0),
            lang.number(a.hired_p90, 0),
            lang.number(a.still_employed_mean, 1),
            lang.number(a.dropped_out_mean, 1),
            escape(&cost)
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
}

fn groups(h: &mut String, a: &crate::stats::cohort::CohortArrangement, lang: Lang, escape: Escape) {
    let w = words(lang);
    let _ = write!(
        h,
        "<div class=\"wide\">\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        escape(w.group),
        escape(w.pupils),
        escape(w.completed),
        escape(w.hired),
        escape(w.coverage)
    );
    for g in &a.groups {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&g.placement),
            escape(&match (g.pupils_min, g.pupils_mean) {
                // A group of varying size: its range and the mean that started.
                (Some(min), Some(mean)) =>
                    format!("{min}–{} ({} {})", g.pupils, w.mean, lang.number(mean, 1)),
                _ => g.pupils.to_string(),
            }),
            lang.number(g.completed_mean, 1),
            lang.number(g.hired_mean, 1),
            g.coverage_mean
                .map_or_else(|| "–".to_owned(), |c| lang.percent(c, 1))
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
}
