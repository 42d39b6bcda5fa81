//! Output formats. Each exporter turns results into bytes (or rows on a writer) and does no
//! file handling of its own; `app` decides where the bytes go, through `fs`.

pub mod arrow;
pub mod check;
pub mod cohort_sheet;
pub mod cohort_table;
pub mod csv;
pub mod json;
pub mod junit;
pub mod table;
pub mod xlsx;
pub mod xlsx_sensitivity;

/// The file the samples of `run --out` go to: `samples.csv`, or `samples.arrow` (an Arrow
/// IPC file, [`arrow`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Samples {
    #[default]
    Csv,
    Arrow,
}

/// Formats euros with thousands separators and no decimals: `-12,345`.
pub fn euros(x: f64) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let rounded = x.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if rounded < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn euros_groups_thousands() {
        assert_eq!(super::euros(-1234567.4), "-1,234,567");
        assert_eq!(super::euros(999.5), "1,000");
        assert_eq!(super::euros(0.2), "0");
        assert_eq!(super::euros(-0.2), "0");
        assert_eq!(super::euros(f64::NAN), "–");
    }
}
