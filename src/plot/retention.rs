//! Chart: retention, the share of placements still active by month, one line per arrangement.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, TITLE_SIZE, WIDTH, colour, draw_err, draw_legend,
    legend_line, percent_tick, range,
};

/// One arrangement's line.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    /// Arrangement index (sets the colour).
    pub arrangement: usize,
    /// (month, share active 0..1).
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Retention {
    pub labels: Labels,
    pub series: Vec<Series>,
}

impl Retention {
    pub fn x_range(&self) -> Range<f64> {
        let months = self.series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
        0.0..range::padded(months.chain([0.0]), false).end
    }

    pub fn y_range(&self) -> Range<f64> {
        range::share()
    }
}

impl Chart for Retention {
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
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| percent_tick(*v))
            .label_style((FONT, TICK_SIZE))
            .axis_desc_style((FONT, AXIS_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(draw_err)?;
        // Later arrangements are drawn thinner so identical lines stay visible.
        let n = self.series.len();
        for (i, s) in self.series.iter().enumerate() {
            let c = colour(s.arrangement);
            let width = 2 + 2 * (n - 1 - i) as u32;
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(width)))
                .map_err(draw_err)?
                .label(&s.label)
                .legend(legend_line(c.to_rgba(), 4));
        }
        draw_legend(&mut chart, SeriesLabelPosition::LowerLeft)?;
        Ok(())
    }
}
