//! Chart: the distribution of the number of learners hired at graduation (a class), as bars
//! of the share of futures with exactly k hires.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, TITLE_SIZE, WIDTH, colour, draw_err, percent_tick,
    range,
};

#[derive(Debug, Clone)]
pub struct Hires {
    pub labels: Labels,
    /// Share of futures with exactly k hired, k = 0, 1, ….
    pub shares: Vec<f64>,
}

impl Hires {
    pub fn x_range(&self) -> Range<f64> {
        -0.5..self.shares.len() as f64 - 0.5
    }

    pub fn y_range(&self) -> Range<f64> {
        range::from_zero(self.shares.iter().copied())
    }
}

impl Chart for Hires {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 480)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let mut chart = ChartBuilder::on(root)
            .caption(&self.labels.title, (FONT, TITLE_SIZE))
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(80)
            .build_cartesian_2d(self.x_range(), self.y_range())
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .x_desc(&self.labels.x)
            .y_desc(&self.labels.y)
            .x_labels(self.shares.len().min(25))
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| percent_tick(*v))
            .label_style((FONT, TICK_SIZE))
            .axis_desc_style((FONT, AXIS_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(draw_err)?;
        let c = colour(0);
        chart
            .draw_series(self.shares.iter().enumerate().map(|(k, share)| {
                let x = k as f64;
                Rectangle::new([(x - 0.35, 0.0), (x + 0.35, *share)], c.filled())
            }))
            .map_err(draw_err)?;
        Ok(())
    }
}
