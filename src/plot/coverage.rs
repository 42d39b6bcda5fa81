//! Chart: the leermeesters' coverage of their learners' supervision need by month (a class):
//! the mean over futures and the 10th percentile.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Sample};
use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, WIDTH, colour, draw_err, percent_tick, range,
};

#[derive(Debug, Clone)]
pub struct Coverage {
    pub labels: Labels,
    /// Legend texts of the two lines.
    pub mean_label: String,
    pub p10_label: String,
    /// (month, share) of the months with learners in need.
    pub mean: Vec<(f64, f64)>,
    pub p10: Vec<(f64, f64)>,
}

impl Coverage {
    pub fn x_range(&self) -> Range<f64> {
        let months = self.mean.iter().map(|p| p.0);
        0.0..range::padded(months.chain([1.0]), false).end
    }

    /// The legend: the mean and the 10th percentile, above the plot.
    pub fn entries(&self) -> Vec<Entry> {
        [&self.mean_label, &self.p10_label]
            .into_iter()
            .enumerate()
            .map(|(i, label)| Entry {
                colour: colour(i),
                sample: Sample::Line(4),
                label: label.clone(),
            })
            .collect()
    }
}

impl Chart for Coverage {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 440 + legend::height(&self.entries()))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let area = legend::title_and_legend(root, &self.labels.title, &self.entries())?;
        let mut chart = ChartBuilder::on(&area)
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(80)
            .build_cartesian_2d(self.x_range(), range::share())
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .x_desc(&self.labels.x)
            .y_desc(&self.labels.y)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| percent_tick(*v))
            .label_style((FONT, TICK_SIZE))
            .axis_desc_style((FONT, AXIS_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(draw_err)?;
        for (i, points) in [&self.mean, &self.p10].into_iter().enumerate() {
            chart
                .draw_series(LineSeries::new(points.iter().copied(), colour(i).stroke_width(3)))
                .map_err(draw_err)?;
        }
        Ok(())
    }
}
