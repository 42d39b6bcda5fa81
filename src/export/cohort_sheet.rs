//! The class's sheet of `report.xlsx` ("Klas" / "Class"), only with a `[cohort]`: per
//! arrangement the learners completed, hired (mean, p10, p50, p90), still employed and dropped
//! out, the cost per hire with its Monte Carlo error and the mentor hours; the distribution of
//! hires; the mentors' coverage by month; the groups. The numbers of `summary.json`.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use crate::report::Lang;
use crate::stats::Summary;

struct Words {
    sheet: &'static str,
    columns: [&'static str; 11],
    hires: [&'static str; 3],
    coverage: [&'static str; 3],
    groups: [&'static str; 5],
}

const NL: Words = Words {
    sheet: "Klas",
    columns: [
        "Regeling",
        "Diploma (gemiddeld)",
        "Aangenomen (gemiddeld)",
        "Aangenomen p10",
        "Aangenomen p50",
        "Aangenomen p90",
        "Nog in dienst aan het eind",
        "Uitgevallen tijdens de opleiding",
        "Kosten per aangenomen leerling (€)",
        "± Monte-Carlo-fout (€)",
        "Begeleidingsuren per leerling",
    ],
    hires: [
        "Aangenomen (k)",
        "Aandeel toekomsten met k",
        "Kans op ten minste k",
    ],
    coverage: [
        "Maand",
        "Dekking leermeesters, gemiddeld",
        "Dekking leermeesters, p10",
    ],
    groups: [
        "Groep (school)",
        "Leerlingen (gemiddeld bij een wisselende groepsgrootte)",
        "Diploma (gemiddeld)",
        "Aangenomen (gemiddeld)",
        "Dekking begeleiding",
    ],
};

const EN: Words = Words {
    sheet: "Class",
    columns: [
        "Arrangement",
        "Graduated (mean)",
        "Hired (mean)",
        "Hired p10",
        "Hired p50",
        "Hired p90",
        "Still employed at the end",
        "Dropped out while learning",
        "Cost per hire (€)",
        "± Monte Carlo error (€)",
        "Supervision hours per pupil",
    ],
    hires: ["Hired (k)", "Share of futures with k", "Chance of at least k"],
    coverage: ["Month", "Mentor coverage, mean", "Mentor coverage, p10"],
    groups: [
        "Group (school)",
        "Pupils (the mean when the group's size varies)",
        "Graduated (mean)",
        "Hired (mean)",
        "Supervision coverage",
    ],
};

/// Adds the class's sheet to `wb` (nothing without a class).
pub fn sheet(wb: &mut Workbook, s: &Summary, lang: Lang) -> Result<(), XlsxError> {
    let Some(k) = &s.cohort else {
        return Ok(());
    };
    let w = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    let header = Format::new()
        .set_bold()
        .set_background_color("#E8EAF0")
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let euro = Format::new().set_num_format("€ #,##0;[Red]€ -#,##0");
    let share = Format::new().set_num_format("0.0%");
    let plain = Format::new().set_num_format("0.0#");
    let ws = wb.add_worksheet().set_name(w.sheet)?;
    let heads = |ws: &mut rust_xlsxwriter::Worksheet, row: u32, names: &[&str]| -> Result<(), XlsxError> {
        for (c, name) in names.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, *name, &header)?;
        }
        Ok(())
    };
    heads(ws, 0, &w.columns)?;
    ws.set_row_height(0, 45)?;
    ws.set_column_width(0, 28)?;
    let mut row = 1;
    for (a, shown) in k.arrangements.iter().zip(&s.arrangements) {
        ws.write_string(row, 0, &shown.name)?;
        let values = [
            a.completed_mean,
            a.hired_mean,
            a.hired_p10,
            a.hired_p50,
            a.hired_p90,
            a.still_employed_mean,
            a.dropped_out_mean,
        ];
        for (c, v) in values.iter().enumerate() {
            ws.write_number_with_format(row, 1 + c as u16, *v, &plain)?;
        }
        if let (Some(cost), Some(se)) = (a.cost_per_hire, a.cost_per_hire_se) {
            ws.write_number_with_format(row, 8, cost, &euro)?;
            ws.write_number_with_format(row, 9, se, &euro)?;
        }
        ws.write_number_with_format(row, 10, a.mentor_hours_per_pupil, &plain)?;
        row += 1;
    }
    let Some(first) = k.arrangements.first() else {
        return Ok(());
    };
    row += 1;
    heads(ws, row, &w.hires)?;
    row += 1;
    for (i, (exact, at_least)) in first
        .hired_distribution
        .iter()
        .zip(&first.p_hired_at_least)
        .enumerate()
    {
        ws.write_number(row, 0, i as f64)?;
        ws.write_number_with_format(row, 1, *exact, &share)?;
        ws.write_number_with_format(row, 2, *at_least, &share)?;
        row += 1;
    }
    row += 1;
    heads(ws, row, &w.groups)?;
    row += 1;
    for g in &first.groups {
        ws.write_string(row, 0, &g.placement)?;
        match g.pupils_mean {
            Some(mean) => ws.write_number_with_format(row, 1, mean, &plain)?,
            None => ws.write_number(row, 1, g.pupils as f64)?,
        };
        ws.write_number_with_format(row, 2, g.completed_mean, &plain)?;
        ws.write_number_with_format(row, 3, g.hired_mean, &plain)?;
        if let Some(c) = g.coverage_mean {
            ws.write_number_with_format(row, 4, c, &share)?;
        }
        row += 1;
    }
    row += 1;
    heads(ws, row, &w.coverage)?;
    row += 1;
    for (t, (mean, p10)) in first.coverage_mean.iter().zip(&first.coverage_p10).enumerate() {
        let (Some(mean), Some(p10)) = (mean, p10) else {
            continue;
        };
        ws.write_number(row, 0, (t + 1) as f64)?;
        ws.write_number_with_format(row, 1, *mean, &share)?;
        ws.write_number_with_format(row, 2, *p10, &share)?;
        row += 1;
    }
    Ok(())
}
