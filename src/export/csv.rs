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

/// Formats numbers for `samples.csv` as `Display` does (the shortest text that reads back to
/// the same value, without an exponent), about five times faster: `zmij` (a shortest-round-trip
/// formatter) gives the digits; an integral value loses zmij's ".0", and a value zmij writes
/// with an exponent, NaN and the infinities go through `Display`. Where two shortest texts are
/// equally near the value (about 1 in 3,000 values with 17 digits), zmij takes the even last
/// digit and `Display` may not: both read back to the same value.
#[derive(Default)]
struct Numbers {
    zmij: zmij::Buffer,
}

impl Numbers {
    /// Appends the text of `v` to `out`.
    fn float(&mut self, v: f64, out: &mut Vec<u8>) {
        let fast = if v.is_finite() { self.zmij.format(v) } else { "e" };
        if fast.contains('e') {
            write!(out, "{v}").expect("writing to a Vec cannot fail");
        } else {
            out.extend_from_slice(fast.strip_suffix(".0").unwrap_or(fast).as_bytes());
        }
    }
}

/// The columns of the samples (`samples.csv`, `samples.arrow`): one row per iteration and
/// arrangement with the outcomes, every line total of the union of the arrangements' lines,
/// and the drawn static inputs.
#[derive(Debug)]
pub struct SamplesLayout {
    /// For each arrangement, the column of each of its lines.
    pub line_columns: Vec<Vec<usize>>,
    pub line_names: Vec<String>,
    /// Position of each input column in an iteration's kept draws.
    pub input_columns: Vec<usize>,
    /// The column names, in order.
    pub header: Vec<String>,
    pub arrangements: Vec<String>,
    /// The run's identity (model, scenario and digest, seed, iterations).
    pub identity: String,
}

/// The outcome columns after `iteration` and `arrangement`.
pub const OUTCOME_COLUMNS: [&str; 7] = [
    "npv",
    "break_even_month",
    "retained",
    "months_active",
    "final_productivity",
    "supervision_hours",
    "sick_months",
];

impl SamplesLayout {
    pub fn new(model: &Model) -> Self {
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
        let mut header: Vec<String> = ["iteration", "arrangement"]
            .iter()
            .chain(&OUTCOME_COLUMNS)
            .map(|s| s.to_string())
            .collect();
        header.extend(line_names.iter().map(|n| format!("line.{n}")));
        // Each input column's position in an iteration's kept draws (one layout, shared with
        // the sensitivity statistics; the pools' hours are not written here).
        let kept = crate::sim::inputs::kept_inputs(model, false);
        header.extend(kept.iter().map(|k| format!("input.{}", k.name)));
        let input_columns: Vec<usize> = kept.iter().map(|k| k.position).collect();
        Self {
            line_columns,
            line_names,
            input_columns,
            header,
            arrangements: model.arrangements.iter().map(|a| a.name.clone()).collect(),
            identity: model.run_identity(),
        }
    }
}

/// The layout of `samples.csv` ([`SamplesLayout`]). It turns a chunk into its rows' bytes on
/// any thread ([`SamplesFormat::rows`]); the caller writes them in chunk order after the
/// [`SamplesFormat::header`].
#[derive(Debug)]
pub struct SamplesFormat {
    layout: SamplesLayout,
    /// Each arrangement's name as a CSV field (quoted where it must be).
    arrangement_fields: Vec<Vec<u8>>,
}

/// One CSV record as bytes, quoted where the csv crate quotes (without the terminator).
fn record_bytes<I, T>(fields: I) -> Result<Vec<u8>, csv::Error>
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields)?;
    let mut bytes = w.into_inner().map_err(|e| e.into_error())?;
    bytes.pop();
    Ok(bytes)
}

impl SamplesFormat {
    pub fn new(model: &Model) -> Result<Self, csv::Error> {
        let layout = SamplesLayout::new(model);
        let arrangement_fields = layout
            .arrangements
            .iter()
            .map(|a| record_bytes([text_cell(a).as_bytes()]))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            layout,
            arrangement_fields,
        })
    }

    /// The file's first lines: the run identity and the column names.
    pub fn header(&self) -> Result<Vec<u8>, csv::Error> {
        let mut bytes = identity_line(&self.layout.identity);
        bytes.extend(record_bytes(
            self.layout.header.iter().map(|h| text_cell(h).into_owned()),
        )?);
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// The rows of one chunk (which must carry its draws), as the csv crate writes them: no
    /// number needs quoting, so the fields are joined as they are.
    pub fn rows(&self, chunk: &Chunk) -> Vec<u8> {
        let layout = &self.layout;
        let columns = layout.header.len();
        let arrangements = self.arrangement_fields.len();
        let mut out = Vec::with_capacity(chunk.iterations as usize * arrangements * columns * 12);
        let mut numbers = Numbers::default();
        let mut lines = vec![0.0; layout.line_names.len()];
        for (i, results) in chunk.results().enumerate() {
            let iteration = chunk.first + i as u64;
            let draws = chunk.draws.get(i);
            for (ai, r) in results.enumerate() {
                let o = r.outcome;
                write!(out, "{iteration},").expect("writing to a Vec cannot fail");
                out.extend_from_slice(&self.arrangement_fields[ai]);
                out.push(b',');
                numbers.float(o.npv, &mut out);
                out.push(b',');
                if let Some(m) = o.break_even_month {
                    write!(out, "{m}").expect("writing to a Vec cannot fail");
                }
                for v in [
                    o.retained,
                    o.months_active,
                    o.final_productivity,
                    o.supervision_hours,
                    o.sick_months,
                ] {
                    out.push(b',');
                    numbers.float(v, &mut out);
                }
                lines.fill(0.0);
                for (col, v) in layout.line_columns[ai].iter().zip(r.lines) {
                    lines[*col] = *v;
                }
                for &v in &lines {
                    out.push(b',');
                    numbers.float(v, &mut out);
                }
                for &at in &layout.input_columns {
                    let v = draws.and_then(|d| d.get(at)).copied().unwrap_or(f64::NAN);
                    out.push(b',');
                    numbers.float(v, &mut out);
                }
                out.push(b'\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let mut numbers = Numbers::default();
        let mut special = vec![
            0.0,
            -0.0,
            1.0,
            -9000.0,
            0.1,
            1.0 / 3.0,
            1e15,
            1e16,
            1.5e17,
            123_456_789_012_345_680.0,
            1e-5,
            1e-7,
            2.5e-300,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Money, shares and hours of every magnitude, from a fixed generator.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
            special.push((unit - 0.4) * 10f64.powi((state % 23) as i32 - 8));
            special.push(f64::from_bits(state));
        }
        let mut ties = 0;
        for v in special {
            let mut bytes = Vec::new();
            numbers.float(v, &mut bytes);
            let text = String::from_utf8(bytes).unwrap();
            let display = v.to_string();
            if text != display {
                // Only a tie between two shortest texts: same length, the same value read back.
                assert_eq!(text.len(), display.len(), "{text} vs {display}");
                assert_eq!(text.parse::<f64>().unwrap().to_bits(), v.to_bits(), "{text}");
                assert_eq!(text[..text.len() - 1], display[..display.len() - 1], "{text}");
                ties += 1;
            }
        }
        assert!(ties < 400, "{ties} texts differ from Display");
    }
}
