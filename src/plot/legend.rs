//! A legend outside the data: rows of entries between the title and the plot, so that no
//! entry covers a bar, a curve or a band whatever the data. The layout depends only on the
//! entries' texts (a chart knows its height before it draws).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{FONT, LEGEND_SIZE, PlotError, TITLE_SIZE, WIDTH, draw_err};

/// How an entry shows its series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sample {
    /// A filled box (bars, bands).
    Box,
    /// A line of this width (curves).
    Line(u32),
}

/// One entry: the series' colour, its sample and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub colour: RGBColor,
    pub sample: Sample,
    pub label: String,
}

/// Left and right margin of the legend, pixels (the charts' margin).
const MARGIN: u32 = 16;
/// Room of the sample and the gap to its text, and the gap after an entry.
const SAMPLE: u32 = 34;
const GAP: u32 = 24;
/// Height of a row of entries.
const ROW: u32 = LEGEND_SIZE * 3 / 2 + 4;
/// A generous width of one character of the legend font (DejaVu Sans at [`LEGEND_SIZE`] is
/// about 9.5 px on average), so that an entry never runs into the next column.
const CHAR: u32 = 10;

/// Columns the entries are laid out in: as many as fit the widest text (at most 3).
pub fn columns(entries: &[Entry]) -> u32 {
    let widest = entries
        .iter()
        .map(|e| SAMPLE + CHAR * e.label.chars().count() as u32 + GAP)
        .max()
        .unwrap_or(0)
        .max(1);
    ((WIDTH - 2 * MARGIN) / widest)
        .clamp(1, 3)
        .min(entries.len().max(1) as u32)
}

/// Pixels the legend takes below the title (0 without entries).
pub fn height(entries: &[Entry]) -> u32 {
    if entries.is_empty() {
        return 0;
    }
    let rows = (entries.len() as u32).div_ceil(columns(entries));
    rows * ROW + 8
}

/// Pixels the title takes at the top.
pub fn title_height() -> u32 {
    TITLE_SIZE + 20
}

/// Draws `title` at the top of `root` and the legend under it; returns the area below for
/// the plot.
pub fn title_and_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    entries: &[Entry],
) -> Result<DrawingArea<DB, Shift>, PlotError> {
    let (top, rest) = root.split_vertically(title_height() + height(entries));
    let (w, _) = top.dim_in_pixel();
    let title_style = TextStyle::from((FONT, TITLE_SIZE).into_font()).pos(Pos::new(HPos::Center, VPos::Top));
    top.draw(&Text::new(title.to_owned(), (w as i32 / 2, 10), title_style))
        .map_err(draw_err)?;
    let cols = columns(entries);
    let col_width = (w.saturating_sub(2 * MARGIN) / cols) as i32;
    let text_style = TextStyle::from((FONT, LEGEND_SIZE).into_font()).pos(Pos::new(HPos::Left, VPos::Center));
    for (k, e) in entries.iter().enumerate() {
        let (col, row) = (k as u32 % cols, k as u32 / cols);
        let x = MARGIN as i32 + col as i32 * col_width;
        let y = (title_height() + row * ROW + ROW / 2) as i32;
        match e.sample {
            Sample::Box => top
                .draw(&Rectangle::new([(x, y - 7), (x + 24, y + 7)], e.colour.filled()))
                .map_err(draw_err)?,
            Sample::Line(width) => top
                .draw(&PathElement::new(
                    vec![(x, y), (x + 24, y)],
                    e.colour.stroke_width(width),
                ))
                .map_err(draw_err)?,
        }
        top.draw(&Text::new(
            e.label.clone(),
            (x + SAMPLE as i32, y),
            text_style.clone(),
        ))
        .map_err(draw_err)?;
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(labels: &[&str]) -> Vec<Entry> {
        labels
            .iter()
            .map(|l| Entry {
                colour: BLACK,
                sample: Sample::Box,
                label: (*l).to_owned(),
            })
            .collect()
    }

    /// Short names share a row; long ones get a row each; the height follows the rows.
    #[test]
    fn entries_take_as_many_columns_as_their_widest_text_allows() {
        let short = entries(&[
            "geen ondersteuning",
            "LKS + no-risk polis",
            "LKS + no-risk + LKV",
            "Detachering",
        ]);
        assert_eq!(columns(&short), 3);
        assert_eq!(height(&short), 2 * ROW + 8);
        let long = entries(&[&"x".repeat(60), "b"]);
        assert_eq!(columns(&long), 1);
        assert_eq!(height(&long), 2 * ROW + 8);
        assert_eq!(height(&[]), 0);
        assert_eq!(columns(&entries(&["a"])), 1);
    }

    /// Every entry fits its column: sample, text at the generous width and the gap.
    #[test]
    fn an_entry_fits_its_column() {
        for n in [10, 20, 30, 40, 60, 85] {
            let e = entries(&[&"x".repeat(n), "y"]);
            let col = (WIDTH - 2 * MARGIN) / columns(&e);
            assert!(SAMPLE + CHAR * n as u32 <= col, "{n} characters in {col} px");
        }
    }
}
