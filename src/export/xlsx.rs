//! `report.xlsx`: the summary, the paired comparisons, the monthly quantiles and the
//! assumptions as an Excel workbook with € and percentage formats and frozen headers. The
//! numbers are those of `summary.json`, unrounded; only the display format rounds them.

use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use crate::model::Model;
use crate::report::Lang;
use crate::report::html::{correlation_facts, input_label, input_rows, instrument_words, party_view_name};
use crate::stats::Summary;
use crate::stats::summary::PartyRole;

/// The workbook's creation date, fixed so the same run gives the same bytes.
const FIXED_DATE: (u16, u8, u8) = (2000, 1, 1);

struct Formats {
    header: Format,
    euro: Format,
    percent: Format,
    share: Format,
    plain: Format,
    whole: Format,
    wrap: Format,
}

impl Formats {
    /// Euros with cents (tariffs and legal amounts).
    fn euro_cents(&self) -> Format {
        Format::new().set_num_format("€ #,##0.00;[Red]€ -#,##0.00")
    }

    fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_background_color("#E8EAF0")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            euro: Format::new().set_num_format("€ #,##0;[Red]€ -#,##0"),
            percent: Format::new().set_num_format("0.0%"),
            share: Format::new().set_num_format("0%"),
            plain: Format::new().set_num_format("0.###"),
            whole: Format::new().set_num_format("0"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

fn headers(ws: &mut Worksheet, names: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &f.header)?;
    }
    ws.set_row_height(0, 45)?;
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}

/// Writes a number, leaving the cell empty when it is not finite (Excel has no NaN).
fn number(ws: &mut Worksheet, row: u32, col: u16, v: f64, format: &Format) -> Result<(), XlsxError> {
    if v.is_finite() {
        ws.write_number_with_format(row, col, v, format)?;
    }
    Ok(())
}

/// The workbook as bytes.
pub fn workbook(model: &Model, s: &Summary, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    // Arrangements under their names in the workbook's language, lines under their labels.
    let s = &crate::report::localized(model, s, lang);
    let t = lang.text();
    let f = Formats::new();
    let mut wb = Workbook::new();
    let (y, m, d) = FIXED_DATE;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?));

    summary_sheet(wb.add_worksheet().set_name(t.sheet_summary)?, s, lang, &f)?;
    comparison_sheet(wb.add_worksheet().set_name(t.sheet_comparison)?, s, lang, &f)?;
    parties_sheet(wb.add_worksheet().set_name(t.sheet_parties)?, s, lang, &f)?;
    monthly_sheet(wb.add_worksheet().set_name(t.sheet_monthly)?, s, lang, &f)?;
    // A class's sheet (export/cohort_sheet.rs), only with a [cohort].
    super::cohort_sheet::sheet(&mut wb, s, lang)?;
    assumptions_sheet(
        wb.add_worksheet().set_name(t.sheet_assumptions)?,
        model,
        s,
        lang,
        &f,
    )?;
    ledger_sheet(wb.add_worksheet().set_name(t.sheet_ledger)?, s, lang, &f)?;
    rates_sheet(wb.add_worksheet().set_name(t.sheet_rates)?, model, lang, &f)?;
    charts_sheet(wb.add_worksheet().set_name(t.sheet_charts)?, s, lang, &f)?;
    super::xlsx_sensitivity::add_sheet(&mut wb, model, s, lang)?;
    wb.save_to_buffer()
}

fn summary_sheet(ws: &mut Worksheet, s: &Summary, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let t = lang.text();
    let mut names: Vec<String> = t.xlsx_summary.iter().map(|n| (*n).to_owned()).collect();
    let mut lines: Vec<&str> = Vec::new();
    for a in &s.arrangements {
        for l in &a.employer_lines {
            if !lines.contains(&l.name.as_str()) {
                lines.push(&l.name);
            }
        }
    }
    names.extend(
        lines
            .iter()
            .map(|l| t.line_name(l).map_or_else(|| (*l).to_owned(), str::to_owned)),
    );
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    headers(ws, &refs, f)?;
    ws.set_column_width(0, 28)?;
    for c in 1..names.len() as u16 {
        ws.set_column_width(c, 14)?;
    }
    for (i, a) in s.arrangements.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &a.name)?;
        let euros = [
            a.npv.mean, a.npv.mcse, a.npv.sd, a.npv.p5, a.npv.p10, a.npv.p25, a.npv.p50, a.npv.p75,
            a.npv.p90, a.npv.p95, a.npv.min, a.npv.max,
        ];
        for (c, v) in euros.iter().enumerate() {
            number(ws, r, c as u16 + 1, *v, &f.euro)?;
        }
        number(ws, r, 13, a.p_npv_positive, &f.percent)?;
        number(ws, r, 14, a.p_npv_positive_se, &f.percent)?;
        number(ws, r, 15, a.cvar5, &f.euro)?;
        if let Some(month) = a.break_even.p50_month {
            number(ws, r, 16, f64::from(month), &f.whole)?;
        }
        number(ws, r, 17, a.break_even.p_within_horizon, &f.percent)?;
        number(ws, r, 18, a.retention_at_horizon, &f.percent)?;
        number(ws, r, 19, a.subsidy_mean, &f.euro)?;
        for (j, line) in lines.iter().enumerate() {
            if let Some(l) = a.employer_lines.iter().find(|l| l.name == *line) {
                number(ws, r, 20 + j as u16, l.mean, &f.euro)?;
            }
        }
    }
    Ok(())
}

fn comparison_sheet(ws: &mut Worksheet, s: &Summary, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let t = lang.text();
    headers(ws, &t.xlsx_comparison, f)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 28)?;
    for c in 2..8 {
        ws.set_column_width(c, 16)?;
    }
    for (i, c) in s.comparisons.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &c.a)?;
        ws.write_string(r, 1, &c.b)?;
        number(ws, r, 2, c.mean_diff, &f.euro)?;
        number(ws, r, 3, c.ci95[0], &f.euro)?;
        number(ws, r, 4, c.ci95[1], &f.euro)?;
        number(ws, r, 5, c.sd_diff, &f.euro)?;
        number(ws, r, 6, c.p_a_better, &f.percent)?;
        number(ws, r, 7, c.p_npv_positive_diff, &f.percent)?;
    }
    Ok(())
}

/// "Partijen": every party's nominal net per arrangement, one row per arrangement and party.
fn parties_sheet(ws: &mut Worksheet, s: &Summary, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let t = lang.text();
    headers(ws, &t.xlsx_parties, f)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 30)?;
    for c in 2..9 {
        ws.set_column_width(c, 15)?;
    }
    let mut r = 1;
    for a in &s.arrangements {
        for v in &a.parties {
            ws.write_string(r, 0, &a.name)?;
            ws.write_string(r, 1, party_view_name(v, t))?;
            let role = match v.role {
                PartyRole::BusinessCase => t.party_business_case,
                PartyRole::Context => t.party_context,
            };
            ws.write_string(r, 2, role)?;
            for (c, x) in [v.mean, v.mcse, v.p5, v.p50, v.p95].into_iter().enumerate() {
                number(ws, r, 3 + c as u16, x, &f.euro)?;
            }
            if v.combined_with.is_some() {
                number(ws, r, 8, v.internal_mean, &f.euro)?;
            }
            r += 1;
        }
    }
    Ok(())
}

fn monthly_sheet(ws: &mut Worksheet, s: &Summary, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let t = lang.text();
    headers(ws, &t.xlsx_monthly, f)?;
    ws.set_column_width(0, 28)?;
    for c in 1..17 {
        ws.set_column_width(c, 13)?;
    }
    let mut r = 1u32;
    for a in &s.arrangements {
        for m in &a.monthly {
            ws.write_string(r, 0, &a.name)?;
            number(ws, r, 1, m.month as f64, &f.whole)?;
            ws.write_string(r, 2, &m.calendar)?;
            number(ws, r, 3, m.share_active, &f.share)?;
            if let Some(p) = m.mean_productivity {
                number(ws, r, 4, p, &f.share)?;
            }
            for (j, key) in ["p5", "p10", "p25", "p50", "p75", "p90", "p95"]
                .iter()
                .enumerate()
            {
                if let Some(v) = m.cumulative_net.get(key) {
                    number(ws, r, 5 + j as u16, *v, &f.euro)?;
                }
            }
            for (j, key) in ["p10", "p25", "p50", "p75", "p90"].iter().enumerate() {
                if let Some(v) = m.productivity.get(key) {
                    number(ws, r, 12 + j as u16, *v, &f.share)?;
                }
            }
            r += 1;
        }
    }
    Ok(())
}

fn assumptions_sheet(
    ws: &mut Worksheet,
    model: &Model,
    s: &Summary,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let t = lang.text();
    headers(ws, &[t.th_placement, t.th_input, t.th_assumption, t.th_kind], f)?;
    ws.set_column_width(0, 26)?;
    ws.set_column_width(1, 44)?;
    ws.set_column_width(2, 64)?;
    ws.set_column_width(3, 40)?;
    let meta = [
        s.scenario.clone(),
        s.scenario_file.clone(),
        s.seed.to_string(),
        s.iterations.to_string(),
        s.horizon_months.to_string(),
        s.start.clone(),
        lang.percent_short(s.discount_rate),
        s.rates.preset.clone(),
        s.model_version.clone(),
        s.inclusim_version.clone(),
        s.scenario_sha256.clone(),
    ];
    let mut r = 1u32;
    for (i, (key, value)) in t.xlsx_meta.iter().zip(&meta).enumerate() {
        ws.write_string(r, 1, *key)?;
        // Seed, iterations and horizon are numbers, the discount rate a percentage.
        match i {
            2 => number(ws, r, 2, s.seed as f64, &f.whole)?,
            3 => number(ws, r, 2, s.iterations as f64, &f.whole)?,
            4 => number(ws, r, 2, s.horizon_months as f64, &f.whole)?,
            6 => number(ws, r, 2, s.discount_rate, &f.percent)?,
            _ => {
                ws.write_string(r, 2, value)?;
            }
        }
        r += 1;
    }
    let report = &model.report;
    for (key, value) in [
        (t.meta_employer, &report.employer),
        (t.meta_candidate, &report.candidate),
        (t.meta_adviser, &report.adviser),
        (t.meta_date, &report.date),
    ] {
        if let Some(v) = value {
            ws.write_string(r, 1, key)?;
            ws.write_string(r, 2, v)?;
            r += 1;
        }
    }
    for p in &model.placements {
        ws.write_string(r, 0, &p.name)?;
        ws.write_string(r, 2, crate::report::html::worker_status(&p.worker, lang))?;
        r += 1;
    }
    for p in &model.placements {
        let dists = crate::model::Slot::ALL
            .iter()
            .zip(&p.inputs)
            .filter(|(_, i)| i.used)
            .map(|(_, i)| i.dist.describe())
            .chain(
                p.lines
                    .iter()
                    .filter_map(|l| p.inputs.get(l.slot).map(|i| i.dist.describe())),
            );
        for ((name, words), kind) in input_rows(p, lang).into_iter().zip(dists) {
            ws.write_string(r, 0, &p.name)?;
            ws.write_string(r, 1, &name)?;
            ws.write_string(r, 2, &words)?;
            ws.write_string(r, 3, &kind)?;
            r += 1;
        }
        for (c, words) in p.correlations.iter().zip(correlation_facts(p, lang)) {
            let pair = format!("{} × {}", input_label(p, c.a, lang), input_label(p, c.b, lang));
            ws.write_string(r, 0, &p.name)?;
            ws.write_string(r, 1, &pair)?;
            ws.write_string(r, 2, &words)?;
            ws.write_string(r, 3, format!("gaussian_copula(rho={})", c.rho))?;
            r += 1;
        }
    }
    for a in &model.arrangements {
        let words: Vec<String> = a
            .instruments
            .iter()
            .map(|i| instrument_words(i, model, lang))
            .collect();
        ws.write_string(r, 0, &a.name)?;
        ws.write_string(r, 1, t.arrangements_heading)?;
        ws.write_string(
            r,
            2,
            if words.is_empty() {
                t.no_instruments.to_owned()
            } else {
                words.join("; ")
            },
        )?;
        r += 1;
    }
    // Instruments that did not apply to every simulated placement: the share, as a number,
    // and the reason in words.
    for n in crate::report::not_applied::notes(model, s, lang) {
        ws.write_string(r, 0, &s.arrangements[n.arrangement].name)?;
        ws.write_string(r, 1, &n.instrument)?;
        ws.write_string(r, 2, format!("{}: {}", t.xlsx_not_applied, n.reason))?;
        number(ws, r, 3, n.share, &f.percent)?;
        r += 1;
    }
    Ok(())
}

/// "Geldstromen": the ledger per arrangement, one row per payer and payee with its mean
/// nominal total and the lines it is made of.
fn ledger_sheet(ws: &mut Worksheet, s: &Summary, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let t = lang.text();
    headers(ws, &t.xlsx_ledger, f)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 30)?;
    ws.set_column_width(2, 30)?;
    ws.set_column_width(3, 16)?;
    ws.set_column_width(4, 60)?;
    let mut r = 1u32;
    for a in &s.arrangements {
        for flow in &a.ledger {
            ws.write_string(r, 0, &a.name)?;
            ws.write_string(r, 1, t.party_name(&flow.payer))?;
            ws.write_string(r, 2, t.party_name(&flow.payee))?;
            number(ws, r, 3, flow.mean, &f.euro)?;
            let lines: Vec<String> = flow
                .lines
                .iter()
                .map(|l| t.line_name(l).map_or_else(|| l.clone(), str::to_owned))
                .collect();
            ws.write_string(r, 4, lines.join(", "))?;
            r += 1;
        }
    }
    Ok(())
}

/// "Tarieven": every figure of the preset (the report lists only those the run uses), one
/// row per dated value, with its description in the workbook's language and its full source.
fn rates_sheet(ws: &mut Worksheet, model: &Model, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let t = lang.text();
    headers(ws, &t.xlsx_rates, f)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 50)?;
    ws.set_column_width(2, 28)?;
    ws.set_column_width(3, 10)?;
    ws.set_column_width(4, 12)?;
    ws.set_column_width(5, 12)?;
    ws.set_column_width(6, 90)?;
    let mut r = 1u32;
    for row in model.rates.rows() {
        let unit = crate::report::figures::unit(&row.unit, lang);
        let format = if row.unit.starts_with("EUR") {
            &f.euro_cents()
        } else if row.unit.starts_with("share") {
            &f.percent
        } else {
            &f.plain
        };
        for ((from, v), status) in row.values.iter().zip(&row.statuses) {
            ws.write_string(r, 0, row.key)?;
            ws.write_string_with_format(
                r,
                1,
                crate::report::html::figure_description(model, row.key, lang),
                &f.wrap,
            )?;
            ws.write_string(r, 2, &unit)?;
            ws.write_string(r, 3, from.to_string())?;
            if v.is_finite() {
                ws.write_number_with_format(r, 4, *v, format)?;
            } else {
                ws.write_string(r, 4, t.no_limit)?;
            }
            ws.write_string(r, 5, status.as_str())?;
            ws.write_string_with_format(r, 6, &row.source, &f.wrap)?;
            r += 1;
        }
    }
    Ok(())
}

/// "Grafieken": the data of two native Excel charts, the NPV distribution (share of futures
/// per bin, a column per arrangement) and the median cumulative discounted net by month.
fn charts_sheet(ws: &mut Worksheet, s: &Summary, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let t = lang.text();
    let sheet = t.sheet_charts;
    let n = s.arrangements.len() as u16;
    // The histogram on the bins the arrangements share (the first one's edges: all are
    // drawn on common bins).
    let Some(first) = s.arrangements.first() else {
        return Ok(());
    };
    let edges = &first.npv_histogram.edges;
    ws.write_string_with_format(0, 0, t.xlsx_charts[0], &f.header)?;
    ws.write_string_with_format(0, 1, t.xlsx_charts[1], &f.header)?;
    for (j, a) in s.arrangements.iter().enumerate() {
        ws.write_string_with_format(0, 2 + j as u16, &a.name, &f.header)?;
    }
    let bins = edges.len().saturating_sub(1);
    for b in 0..bins {
        let r = b as u32 + 1;
        number(ws, r, 0, edges[b], &f.euro)?;
        number(ws, r, 1, edges[b + 1], &f.euro)?;
        for (j, a) in s.arrangements.iter().enumerate() {
            let total: u64 = a.npv_histogram.counts.iter().sum();
            let count = a.npv_histogram.counts.get(b).copied().unwrap_or(0);
            number(
                ws,
                r,
                2 + j as u16,
                count as f64 / total.max(1) as f64,
                &f.percent,
            )?;
        }
    }
    let mut npv = Chart::new(ChartType::Column);
    npv.title().set_name(t.chart_npv.title);
    npv.x_axis().set_name(t.chart_npv.x);
    npv.y_axis().set_name(t.chart_npv.y);
    for j in 0..n {
        npv.add_series()
            .set_name((sheet, 0, 2 + j))
            .set_categories((sheet, 1, 0, bins.max(1) as u32, 0))
            .set_values((sheet, 1, 2 + j, bins.max(1) as u32, 2 + j));
    }
    // The monthly medians, to the right of the histogram's data.
    let col = 3 + n;
    ws.write_string_with_format(0, col, t.xlsx_charts[2], &f.header)?;
    for (j, a) in s.arrangements.iter().enumerate() {
        ws.write_string_with_format(0, col + 1 + j as u16, &a.name, &f.header)?;
        for (i, m) in a.monthly.iter().enumerate() {
            let r = i as u32 + 1;
            if j == 0 {
                number(ws, r, col, m.month as f64, &f.whole)?;
            }
            if let Some(v) = m.cumulative_net.get("p50") {
                number(ws, r, col + 1 + j as u16, *v, &f.euro)?;
            }
        }
    }
    let months = first.monthly.len().max(1) as u32;
    let mut fan = Chart::new(ChartType::Line);
    fan.title().set_name(t.chart_fan.title);
    fan.x_axis().set_name(t.chart_fan.x);
    fan.y_axis().set_name(t.chart_fan.y);
    for j in 0..n {
        fan.add_series()
            .set_name((sheet, 0, col + 1 + j))
            .set_categories((sheet, 1, col, months, col))
            .set_values((sheet, 1, col + 1 + j, months, col + 1 + j));
    }
    let below = (bins.max(months as usize) + 3) as u32;
    ws.insert_chart(below, 0, &npv)?;
    ws.insert_chart(below + 20, 0, &fan)?;
    Ok(())
}
