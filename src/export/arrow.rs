//! `samples.arrow`: the rows of `samples.csv` as an Arrow IPC file (Feather version 2), for
//! people who analyse the samples in Python or R (`pandas.read_feather`, `polars.read_ipc`,
//! `pyarrow.ipc.open_file`, R's `arrow::read_feather`). The same columns as the CSV
//! ([`SamplesLayout`]) with their types: `iteration` unsigned 64-bit, `arrangement` a
//! dictionary of the names (a categorical in pandas and R), `break_even_month` unsigned 32-bit
//! and null where the iteration does not break even, every other column 64-bit float (NaN
//! where the CSV writes NaN). The run's identity is in the schema's metadata. Rows are
//! written in batches of [`BATCH_ROWS`], in iteration order, so the file is the same for any
//! thread count.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use arrow_array::types::UInt16Type;
use arrow_array::{
    ArrayRef, DictionaryArray, Float64Array, RecordBatch, StringArray, UInt16Array, UInt32Array, UInt64Array,
};
use arrow_ipc::writer::FileWriter;
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};

use super::csv::{OUTCOME_COLUMNS, SamplesLayout};
use crate::model::Model;
use crate::sim::Chunk;

/// Rows per record batch (the last may be shorter).
pub const BATCH_ROWS: usize = 65_536;

/// The layout of `samples.arrow`; turns a chunk into its columns on any thread
/// ([`ArrowSamples::columns`]).
#[derive(Debug)]
pub struct ArrowSamples {
    layout: SamplesLayout,
    schema: SchemaRef,
}

/// The columns of some consecutive rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    pub iteration: Vec<u64>,
    /// The arrangement's index (the dictionary key).
    pub arrangement: Vec<u16>,
    pub break_even_month: Vec<Option<u32>>,
    /// Every float column (all but the three above), column after column.
    pub floats: Vec<Vec<f64>>,
}

impl Columns {
    fn rows(&self) -> usize {
        self.iteration.len()
    }

    /// Appends `other`'s rows.
    fn append(&mut self, mut other: Columns) {
        self.iteration.append(&mut other.iteration);
        self.arrangement.append(&mut other.arrangement);
        self.break_even_month.append(&mut other.break_even_month);
        if self.floats.is_empty() {
            self.floats = other.floats;
        } else {
            for (mine, theirs) in self.floats.iter_mut().zip(&mut other.floats) {
                mine.append(theirs);
            }
        }
    }

    /// The first `n` rows, leaving the rest.
    fn take_front(&mut self, n: usize) -> Columns {
        let n = n.min(self.rows());
        let mut front = Columns {
            iteration: self.iteration.drain(..n).collect(),
            arrangement: self.arrangement.drain(..n).collect(),
            break_even_month: self.break_even_month.drain(..n).collect(),
            floats: Vec::with_capacity(self.floats.len()),
        };
        for column in &mut self.floats {
            front.floats.push(column.drain(..n).collect());
        }
        front
    }
}

impl ArrowSamples {
    pub fn new(model: &Model) -> Self {
        let layout = SamplesLayout::new(model);
        let fields: Vec<Field> = layout
            .header
            .iter()
            .map(|name| match name.as_str() {
                "iteration" => Field::new(name, DataType::UInt64, false),
                "arrangement" => Field::new(
                    name,
                    DataType::Dictionary(Box::new(DataType::UInt16), Box::new(DataType::Utf8)),
                    false,
                ),
                "break_even_month" => Field::new(name, DataType::UInt32, true),
                _ => Field::new(name, DataType::Float64, false),
            })
            .collect();
        let metadata = HashMap::from([
            ("inclusim".to_owned(), layout.identity.clone()),
            ("model_version".to_owned(), crate::model::MODEL_VERSION.to_owned()),
        ]);
        let schema = Arc::new(Schema::new_with_metadata(fields, metadata));
        Self { layout, schema }
    }

    /// The float columns: the outcomes but the break-even month, the lines, the inputs.
    fn float_columns(&self) -> usize {
        self.layout.header.len() - 3
    }

    /// The columns of one chunk's rows (the chunk must carry its draws).
    pub fn columns(&self, chunk: &Chunk) -> Columns {
        let layout = &self.layout;
        let rows = chunk.iterations as usize * layout.arrangements.len();
        let mut out = Columns {
            iteration: Vec::with_capacity(rows),
            arrangement: Vec::with_capacity(rows),
            break_even_month: Vec::with_capacity(rows),
            floats: vec![Vec::with_capacity(rows); self.float_columns()],
        };
        let outcomes = OUTCOME_COLUMNS.len() - 2;
        let lines = layout.line_names.len();
        for (i, results) in chunk.results().enumerate() {
            let draws = chunk.draws.get(i);
            for (ai, r) in results.enumerate() {
                let o = r.outcome;
                out.iteration.push(chunk.first + i as u64);
                out.arrangement.push(ai as u16);
                out.break_even_month.push(o.break_even_month);
                for (k, v) in [
                    o.npv,
                    o.retained,
                    o.months_active,
                    o.final_productivity,
                    o.supervision_hours,
                    o.sick_months,
                ]
                .into_iter()
                .enumerate()
                {
                    out.floats[k].push(v);
                }
                let (line_columns, input_columns) = out.floats[1 + outcomes..].split_at_mut(lines);
                for column in line_columns.iter_mut() {
                    column.push(0.0);
                }
                for (col, v) in layout.line_columns[ai].iter().zip(r.lines) {
                    if let Some(last) = line_columns[*col].last_mut() {
                        *last = *v;
                    }
                }
                for (column, &at) in input_columns.iter_mut().zip(&layout.input_columns) {
                    column.push(draws.and_then(|d| d.get(at)).copied().unwrap_or(f64::NAN));
                }
            }
        }
        out
    }

    /// A writer of the file onto `sink`.
    pub fn writer<W: Write>(&self, sink: W) -> Result<ArrowWriter<'_, W>, ArrowError> {
        Ok(ArrowWriter {
            samples: self,
            file: FileWriter::try_new(sink, &self.schema)?,
            pending: Columns::default(),
        })
    }

    fn batch(&self, c: Columns) -> Result<RecordBatch, ArrowError> {
        let names = StringArray::from_iter_values(&self.layout.arrangements);
        let keys = UInt16Array::from(c.arrangement);
        let arrangement = DictionaryArray::<UInt16Type>::try_new(keys, Arc::new(names))?;
        let mut columns: Vec<ArrayRef> =
            vec![Arc::new(UInt64Array::from(c.iteration)), Arc::new(arrangement)];
        let mut floats = c.floats.into_iter();
        // npv, then the break-even month, then the rest in header order.
        columns.push(Arc::new(Float64Array::from(floats.next().unwrap_or_default())));
        columns.push(Arc::new(UInt32Array::from(c.break_even_month)));
        columns.extend(floats.map(|f| Arc::new(Float64Array::from(f)) as ArrayRef));
        RecordBatch::try_new(self.schema.clone(), columns)
    }
}

/// Writes `samples.arrow` batch by batch.
pub struct ArrowWriter<'s, W: Write> {
    samples: &'s ArrowSamples,
    file: FileWriter<W>,
    pending: Columns,
}

impl<W: Write> ArrowWriter<'_, W> {
    /// Adds the rows of the next chunk, writing every full batch.
    pub fn push(&mut self, columns: Columns) -> Result<(), ArrowError> {
        self.pending.append(columns);
        while self.pending.rows() >= BATCH_ROWS {
            let batch = self.pending.take_front(BATCH_ROWS);
            self.file.write(&self.samples.batch(batch)?)?;
        }
        Ok(())
    }

    /// Writes the last rows and the file's footer; returns the sink.
    pub fn finish(mut self) -> Result<W, ArrowError> {
        if self.pending.rows() > 0 {
            let rest = std::mem::take(&mut self.pending);
            self.file.write(&self.samples.batch(rest)?)?;
        }
        self.file.finish()?;
        self.file.into_inner()
    }
}
