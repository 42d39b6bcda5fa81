//! Legal figures by month, looked up once per run: the engine and the instruments read the
//! figure in force in a month from this table instead of the preset (whose indexation past
//! the last published figure costs a `powf` per lookup).

use super::{Figure, Rates};
use crate::calendar::YearMonth;

/// Months before the scenario start that the table covers (LKS uses the figure of 1 January).
const BEFORE: usize = 12;
/// Months after the horizon that the table covers (payments that fall due later).
const AFTER: usize = 36;

/// Every figure for every month of the run (and a margin around it).
#[derive(Debug, Clone)]
pub struct RateTable<'r> {
    rates: &'r Rates,
    first: YearMonth,
    /// `values[m * FIGURES + f]`: figure f in month `first + m`.
    values: Vec<f64>,
}

impl<'r> RateTable<'r> {
    pub fn new(rates: &'r Rates, start: YearMonth, horizon: usize) -> Self {
        let first = start.add_months(-(BEFORE as i64));
        let months = BEFORE + horizon + AFTER;
        let values = (0..months)
            .flat_map(|m| {
                Figure::ALL
                    .iter()
                    .map(move |&f| rates.get(f, first.add_months(m as i64)))
            })
            .collect();
        Self { rates, first, values }
    }

    /// The figure in force on the first day of `month` (from the preset outside the table).
    #[inline(always)]
    pub fn get(&self, figure: Figure, month: YearMonth) -> f64 {
        let m = month.months_since(self.first);
        let n = Figure::ALL.len();
        match usize::try_from(m)
            .ok()
            .and_then(|m| self.values.get(m * n + figure as usize))
        {
            Some(v) => *v,
            None => self.outside(figure, month),
        }
    }

    /// A figure outside the table's months, from the preset (kept out of line: the engine
    /// asks for months within the table).
    #[cold]
    #[inline(never)]
    fn outside(&self, figure: Figure, month: YearMonth) -> f64 {
        self.rates.get(figure, month)
    }

    /// The preset behind the table.
    pub fn rates(&self) -> &'r Rates {
        self.rates
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::load_preset;

    #[test]
    fn table_agrees_with_the_preset_inside_and_outside_its_range() {
        let rates = load_preset("nl-2026").unwrap();
        let start = YearMonth::new(2027, 3).unwrap();
        let table = RateTable::new(&rates, start, 24);
        for offset in -40..80 {
            let month = start.add_months(offset);
            for f in Figure::ALL {
                assert_eq!(table.get(f, month), rates.get(f, month), "{f:?} {month}");
            }
        }
    }
}
