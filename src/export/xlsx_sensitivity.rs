//! The workbook sheet "Gevoeligheid" / "Sensitivity": for every arrangement's NPV and every
//! paired difference, each input's rank correlation, partial rank correlation, share of
//! variance and decile swing; then the value of information (EVPI and partial EVPI).

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::model::Model;
use crate::report::sensitivity::{input_label, value_text};
use crate::report::{Lang, display_name};
use crate::stats::Summary;
use crate::stats::influence::NO_PLACEMENT;

struct Words {
    sheet: &'static str,
    head: [&'static str; 12],
    npv: &'static str,
    evpi: &'static str,
    evpi_head: [&'static str; 3],
    all: &'static str,
    no_placement: &'static str,
}

const NL: Words = Words {
    sheet: "Gevoeligheid",
    head: [
        "Uitkomst",
        "Regeling",
        "Ten opzichte van",
        "Invoer",
        "Spearman",
        "PRCC",
        "Deel van de variantie",
        "Verschil laag → hoog (€)",
        "Standaardfout (€)",
        "Gemiddeld bij laagste 10% (€)",
        "Gemiddeld bij hoogste 10% (€)",
        "Laagste / hoogste 10% vanaf",
    ],
    npv: "netto contante waarde",
    evpi: "Waarde van informatie voor de keuze (gekozen nu: {chosen})",
    evpi_head: ["Eerst vaststellen", "Waarde (€)", "Standaardfout (€)"],
    all: "alles (EVPI)",
    no_placement: "niet plaatsen",
};

const EN: Words = Words {
    sheet: "Sensitivity",
    head: [
        "Outcome",
        "Arrangement",
        "Versus",
        "Input",
        "Spearman",
        "PRCC",
        "Share of variance",
        "Difference low → high (€)",
        "Standard error (€)",
        "Mean with lowest 10% (€)",
        "Mean with highest 10% (€)",
        "Lowest / highest 10% from",
    ],
    npv: "net present value",
    evpi: "Value of information for the choice (chosen now: {chosen})",
    evpi_head: ["Find out first", "Value (€)", "Standard error (€)"],
    all: "everything (EVPI)",
    no_placement: "not placing",
};

/// Adds the sheet when the summary has sensitivity statistics.
pub fn add_sheet(wb: &mut Workbook, model: &Model, s: &Summary, lang: Lang) -> Result<(), XlsxError> {
    let Some(inf) = s.sensitivity.as_ref() else {
        return Ok(());
    };
    let w = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    let bold = Format::new()
        .set_bold()
        .set_background_color("#E8EAF0")
        .set_text_wrap();
    let euro = Format::new().set_num_format("#,##0");
    let corr = Format::new().set_num_format("0.00");
    let pct = Format::new().set_num_format("0%");
    let ws: &mut Worksheet = wb.add_worksheet().set_name(w.sheet)?;
    for (c, head) in w.head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *head, &bold)?;
    }
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 26)?;
    ws.set_column_width(2, 26)?;
    ws.set_column_width(3, 48)?;
    ws.set_column_width(11, 22)?;
    let name = |a: &str| display_name(a, true, lang);
    let mut r = 1u32;
    for out in &inf.outputs {
        for i in &out.inputs {
            ws.write_string(r, 0, if out.kind == "npv" { w.npv } else { "Δ" })?;
            ws.write_string(r, 1, name(&out.arrangement))?;
            ws.write_string(r, 2, out.versus.as_deref().map(name).unwrap_or_default())?;
            ws.write_string(r, 3, input_label(model, &i.input, lang))?;
            ws.write_number_with_format(r, 4, i.spearman, &corr)?;
            if let Some(p) = i.prcc {
                ws.write_number_with_format(r, 5, p, &corr)?;
            }
            ws.write_number_with_format(r, 6, i.contribution_to_variance, &pct)?;
            for (c, v) in [(7, i.swing), (8, i.swing_se), (9, i.mean_low), (10, i.mean_high)] {
                if v.is_finite() {
                    ws.write_number_with_format(r, c, v, &euro)?;
                }
            }
            ws.write_string(
                r,
                11,
                format!(
                    "{} / {}",
                    value_text(i.low_value, lang),
                    value_text(i.high_value, lang)
                ),
            )?;
            r += 1;
        }
    }
    r += 1;
    let v = &inf.value_of_information;
    let chosen = if v.chosen == NO_PLACEMENT {
        w.no_placement.to_owned()
    } else {
        name(&v.chosen)
    };
    ws.write_string_with_format(r, 0, w.evpi.replace("{chosen}", &chosen), &bold)?;
    r += 1;
    for (c, head) in w.evpi_head.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *head, &bold)?;
    }
    r += 1;
    ws.write_string(r, 0, w.all)?;
    ws.write_number_with_format(r, 1, v.evpi.value, &euro)?;
    ws.write_number_with_format(r, 2, v.evpi.se, &euro)?;
    for p in &v.partial {
        r += 1;
        ws.write_string(r, 0, input_label(model, &p.input, lang))?;
        ws.write_number_with_format(r, 1, p.value, &euro)?;
        ws.write_number_with_format(r, 2, p.se, &euro)?;
    }
    Ok(())
}
