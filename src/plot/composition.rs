//! Chart: composition of the employer's costs, benefits and subsidies: the mean nominal total
//! of each line as a horizontal bar per arrangement (received to the right, paid to the
//! left), with the net at the bottom. Bars are grouped by line and coloured by arrangement.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::legend::{self, Entry, Sample};
use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, WIDTH, colour, draw_err, range, zero_style,
};

/// One arrangement's bars.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    /// Arrangement index (sets the colour).
    pub arrangement: usize,
    /// Signed euros per category (positive: the employer receives), one per category.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone)]
pub struct Composition {
    pub labels: Labels,
    /// Category labels from top to bottom (the lines, then the net).
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

/// Pixels per bar and between groups.
const BAR_HEIGHT: u32 = 16;
const GROUP_GAP: u32 = 14;
/// Width reserved for the category labels.
const LABEL_WIDTH: u32 = 250;

impl Composition {
    pub fn x_range(&self) -> Range<f64> {
        range::padded(self.series.iter().flat_map(|s| s.values.iter().copied()), true)
    }

    /// The legend: an arrangement per entry, above the bars.
    pub fn entries(&self) -> Vec<Entry> {
        self.series
            .iter()
            .map(|s| Entry {
                colour: colour(s.arrangement),
                sample: Sample::Box,
                label: s.label.clone(),
            })
            .collect()
    }

    /// Category i occupies [n − i − 1, n − i) so the first is at the top.
    pub fn y_range(&self) -> Range<f64> {
        0.0..self.categories.len().max(1) as f64
    }
}

impl Chart for Composition {
    fn size(&self) -> (u32, u32) {
        let group = BAR_HEIGHT * self.series.len().max(1) as u32 + GROUP_GAP;
        (
            WIDTH,
            110 + legend::height(&self.entries()) + group * self.categories.len().max(1) as u32,
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let (x, y) = (self.x_range(), self.y_range());
        let area = legend::title_and_legend(root, &self.labels.title, &self.entries())?;
        let mut chart = ChartBuilder::on(&area)
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(LABEL_WIDTH)
            .build_cartesian_2d(x.clone(), y.clone())
            .map_err(draw_err)?;
        let money = self.labels.money;
        chart
            .configure_mesh()
            .x_desc(&self.labels.x)
            .x_label_formatter(&|v| money(*v))
            .x_labels(8)
            .y_labels(0)
            .disable_y_mesh()
            .label_style((FONT, TICK_SIZE))
            .axis_desc_style((FONT, AXIS_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(draw_err)?;
        let n_cat = self.categories.len();
        let n_series = self.series.len().max(1) as f64;
        let inner = 0.8;
        for (j, s) in self.series.iter().enumerate() {
            let c = colour(s.arrangement);
            let bars = s.values.iter().enumerate().map(|(i, v)| {
                let top = (n_cat - i) as f64 - 0.1 - inner * j as f64 / n_series;
                let bottom = top - inner / n_series;
                Rectangle::new([(0.0, bottom), (*v, top)], c.filled())
            });
            chart.draw_series(bars).map_err(draw_err)?;
        }
        chart
            .draw_series(LineSeries::new([(0.0, y.start), (0.0, y.end)], zero_style()))
            .map_err(draw_err)?;
        // Separator above the last category (the net).
        if n_cat > 1 {
            chart
                .draw_series(LineSeries::new(
                    [(x.start, 1.0), (x.end, 1.0)],
                    BLACK.mix(0.5).stroke_width(1),
                ))
                .map_err(draw_err)?;
        }
        let style =
            TextStyle::from((FONT, TICK_SIZE + 1).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, name) in self.categories.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(x.start, (n_cat - i) as f64 - 0.5));
            root.draw(&Text::new(name.clone(), (px - 10, py), style.clone()))
                .map_err(draw_err)?;
        }
        Ok(())
    }
}
