//! CSV outputs: `monthly.csv` and `ledger.csv` from the summary, and `samples.csv` streamed
//! row by row as the engine's chunks arrive (one row per iteration and arrangement).
//!
//! Each file starts with one comment line, `# inclusim …`, naming the run (program and model
//! version, scenario and its digest, seed, iterations); spreadsheets show it as a first row,
//! and `pandas.read_csv(…, comment="#")` or R's `read.csv(…, comment.char = "#")` skip it.
//! Text cells that a spreadsheet would read as a formula are written with a leading `'`.

use std::borrow::Cow;
use std::io::Write;

use crate::model::Model;
use crate::sim::Chunk;
use crate::sim::ledger::LineBook;
use crate::stats::Summary;
use crate::stats::summary::LEVELS;

/// The comment line that opens every CSV file (the identity made one line).
fn identity_line(identity: &str) -> Vec<u8> {
    format!("# {}\n", crate::inert::inert(identity)).into_bytes()
}

/// A text cell as written: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'`, so that no spreadsheet runs it as a formula (OWASP, CSV
/// injection). Numbers are written as numbers and never pass through here.
pub fn text_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `monthly.csv`: per arrangement and month, the share active, mean productivity and the
/// quantiles of cumulative discounted net cash.
pub fn monthly(summary: &Summary) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(identity_line(&summary.run));
    let mut header = vec![
        "arrangement",
        "month",
        "calendar",
        "share_active",
        "mean_productivity",
    ];
    let names: Vec<String> = LEVELS
        .iter()
        .map(|(_, n)| format!("cumulative_net_{n}"))
        .collect();
    header.extend(names.iter().map(String::as_str));
    w.write_record(&header)?;
    for a in &summary.arrangements {
        for m in &a.monthly {
            let mut row = vec![
                text_cell(&a.name).into_owned(),
                m.month.to_string(),
                m.calendar.clone(),
                m.share_active.to_string(),
                m.mean_productivity.map(|p| p.to_string()).unwrap_or_default(),
            ];
            row.extend(
                LEVELS
                    .iter()
                    .map(|(_, n)| m.cumulative_net.get(n).map(f64::to_string).unwrap_or_default()),
            );
            w.write_record(&row)?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// `ledger.csv`: per arrangement and line, payer, payee and the mean nominal total.
pub fn ledger(summary: &Summary) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(identity_line(&summary.run));
    w.write_record(["arrangement", "payer", "payee", "line", "mean"])?;
    for a in &summary.arrangements {
        for flow in &a.ledger {
            for line in &flow.lines {
                let mean = a.lines.get(line).copied().unwrap_or(0.0);
                w.write_record([
                    &*text_cell(&a.name),
                    &flow.payer,
                    &flow.payee,
                    &text_cell(line),
                    &mean.to_string(),
                ])?;
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Streams `samples.csv`: one row per iteration and arrangement with the outcomes, every
/// line total of the union of the arrangements' lines, and the drawn static inputs.
pub struct SamplesWriter<W: Write> {
    w: csv::Writer<W>,
    /// For each arrangement, the column of each of its lines.
    line_columns: Vec<Vec<usize>>,
    line_count: usize,
    /// Position of each input column in an iteration's kept draws.
    input_columns: Vec<usize>,
    arrangement_names: Vec<String>,
    row: Vec<String>,
}

impl<W: Write> SamplesWriter<W> {
    pub fn new(model: &Model, out: W) -> Result<Self, csv::Error> {
        let books: Vec<LineBook> = model
            .arrangements
            .iter()
            .map(|a| LineBook::new(model, a))
            .collect();
        let mut line_names: Vec<String> = Vec::new();
        let line_columns = books
            .iter()
            .map(|b| {
                b.lines
                    .iter()
                    .map(|l| match line_names.iter().position(|n| *n == l.name) {
                        Some(i) => i,
                        None => {
                            line_names.push(l.name.clone());
                            line_names.len() - 1
                        }
                    })
                    .collect()
            })
            .collect();
        let mut header: Vec<String> = [
            "iteration",
            "arrangement",
            "npv",
            "break_even_month",
            "retained",
            "months_active",
            "final_productivity",
            "supervision_hours",
            "sick_months",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        header.extend(line_names.iter().map(|n| format!("line.{n}")));
        let header_names = |name: &str| text_cell(name).into_owned();
        // Each input column's position in an iteration's kept draws (one layout, shared with
        // the sensitivity statistics; the pools' hours are not written here).
        let kept = crate::sim::inputs::kept_inputs(model, false);
        header.extend(kept.iter().map(|k| format!("input.{}", k.name)));
        let input_columns: Vec<usize> = kept.iter().map(|k| k.position).collect();
        let mut out = out;
        out.write_all(&identity_line(&model.run_identity()))?;
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header.iter().map(|h| header_names(h)))?;
        Ok(Self {
            w,
            line_columns,
            line_count: line_names.len(),
            input_columns,
            arrangement_names: model
                .arrangements
                .iter()
                .map(|a| text_cell(&a.name).into_owned())
                .collect(),
            row: Vec::with_capacity(header.len()),
        })
    }

    /// Writes the rows of one chunk (which must carry its draws).
    pub fn write_chunk(&mut self, chunk: &Chunk) -> Result<(), csv::Error> {
        for (i, results) in chunk.results().enumerate() {
            let iteration = chunk.first + i as u64;
            let draws = chunk.draws.get(i);
            for (ai, r) in results.enumerate() {
                let o = r.outcome;
                self.row.clear();
                self.row.push(iteration.to_string());
                self.row.push(self.arrangement_names[ai].clone());
                self.row.push(o.npv.to_string());
                self.row
                    .push(o.break_even_month.map(|m| m.to_string()).unwrap_or_default());
                for v in [
                    o.retained,
                    o.months_active,
                    o.final_productivity,
                    o.supervision_hours,
                    o.sick_months,
                ] {
                    self.row.push(v.to_string());
                }
                let mut lines = vec![0.0; self.line_count];
                for (col, v) in self.line_columns[ai].iter().zip(r.lines) {
                    lines[*col] = *v;
                }
                self.row.extend(lines.iter().map(f64::to_string));
                for &at in &self.input_columns {
                    let v = draws.and_then(|d| d.get(at)).copied().unwrap_or(f64::NAN);
                    self.row.push(v.to_string());
                }
                self.w.write_record(&self.row)?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<W, csv::Error> {
        self.w.into_inner().map_err(|e| e.into_error().into())
    }
}
