//! The employer's business case report: `report.html` (answer, comparison, charts,
//! assumptions, method) and the chart files, in Dutch or English. Produces bytes only; `app`
//! writes them through `fs`.

pub mod charts;
pub mod cohort;
pub mod describe;
pub mod figures;
pub mod html;
pub mod not_applied;
pub mod params;
pub mod sensitivity;
pub mod text;
pub mod verdict;
pub mod whatif;

pub use text::Lang;

use crate::model::Model;
use crate::plot::PlotError;
use crate::scenario::validate::BASELINE_NAME;
use crate::stats::Summary;

/// What to produce.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// Also render every chart as PNG.
    pub png: bool,
}

/// One output file of the report, relative to the output folder.
#[derive(Debug, Clone)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Folder (inside the output folder) that holds the chart files.
pub const CHART_DIR: &str = "charts";

/// The name an arrangement is shown under: the built-in baseline in the report's language,
/// any other as the scenario names it.
pub fn display_name(name: &str, baseline: bool, lang: Lang) -> String {
    if baseline && name == BASELINE_NAME {
        lang.text().baseline_name.to_owned()
    } else {
        name.to_owned()
    }
}

/// An instrument of the summary (`lkv (banenafspraak)`) by its name in words.
pub fn instrument_summary_name(instrument: &str, lang: Lang) -> String {
    let (kind, rest) = instrument.split_once(' ').unwrap_or((instrument, ""));
    match lang.text().instrument_name(kind) {
        Some(name) if rest.is_empty() => name.to_owned(),
        Some(name) => format!("{name} {rest}"),
        None => instrument.to_owned(),
    }
}

/// The scenario's own line names with the `label` the scenario gives them in `lang`.
pub fn line_labels(model: &Model, lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let placements = (0..model.variants.len().max(1)).flat_map(|v| model.placements_of(v));
    for p in placements {
        for l in &p.lines {
            if let Some(label) = l.label.as_ref().and_then(|x| x.get(lang == Lang::En))
                && !out.iter().any(|(n, _)| *n == l.name)
            {
                out.push((l.name.clone(), label.to_owned()));
            }
        }
    }
    // The class's group lines ([[cohort.cost]], [[cohort.benefit]]).
    for l in model.cohort.iter().flat_map(|k| &k.lines) {
        if let Some(label) = l.label.as_ref().and_then(|x| x.get(lang == Lang::En))
            && !out.iter().any(|(n, _)| *n == l.name)
        {
            out.push((l.name.clone(), label.to_owned()));
        }
    }
    out
}

/// The summary with arrangements under their display names and the scenario's lines under
/// their labels.
pub fn localized(model: &Model, summary: &Summary, lang: Lang) -> Summary {
    let mut s = summary.clone();
    let baseline: Vec<&str> = summary
        .arrangements
        .iter()
        .filter(|a| a.baseline)
        .map(|a| a.name.as_str())
        .collect();
    let rename = |name: &mut String| {
        let is_baseline = baseline.contains(&name.as_str());
        *name = display_name(name, is_baseline, lang);
    };
    for (a, m) in s.arrangements.iter_mut().zip(&model.arrangements) {
        rename(&mut a.name);
        a.description = m
            .description
            .as_ref()
            .and_then(|d| d.get(lang == Lang::En))
            .map(str::to_owned);
    }
    for c in &mut s.comparisons {
        rename(&mut c.a);
        rename(&mut c.b);
    }
    let labels = line_labels(model, lang);
    for a in &mut s.arrangements {
        for l in &mut a.employer_lines {
            if let Some((_, label)) = labels.iter().find(|(n, _)| *n == l.name) {
                l.name = label.clone();
            }
        }
    }
    s
}

/// `report.html` and the charts (SVG, and PNG when asked) as files to write.
pub fn build(model: &Model, summary: &Summary, options: Options) -> Result<Vec<File>, PlotError> {
    let summary = &localized(model, summary, options.lang);
    let mut charts = charts::all(summary, options.lang, options.png)?;
    // A class's charts (report/cohort.rs), shown in its own section.
    charts.extend(cohort::charts(summary, options.lang, options.png)?);
    let mut files = vec![File {
        path: "report.html".to_owned(),
        bytes: html::page(model, summary, &charts, options.lang).into_bytes(),
    }];
    for c in charts {
        files.push(File {
            path: format!("{CHART_DIR}/{}.svg", c.stem),
            bytes: c.svg.into_bytes(),
        });
        if let Some(png) = c.png {
            files.push(File {
                path: format!("{CHART_DIR}/{}.png", c.stem),
                bytes: png,
            });
        }
    }
    files.extend(sensitivity::chart_files(model, summary, options)?);
    Ok(files)
}
