//! Chart: cumulative curves with zero marked. Used for the S-curves of the employer's NPV per
//! arrangement (from the NPV percentiles; P(NPV ≤ 0) is where a curve crosses zero) and for the
//! paired difference of NPV between the best arrangement and each other one (from the
//! difference percentiles; P(best better) in the legend).

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::legend::{self, Entry, Sample};
use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, WIDTH, colour, draw_err, percent_tick, range,
    zero_style,
};

/// One curve: an arrangement, or a pair "best − other" coloured by the other.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    /// Arrangement index (sets the colour).
    pub arrangement: usize,
    /// (euros, cumulative probability 0..1), increasing.
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct CumulativeCurves {
    pub labels: Labels,
    pub series: Vec<Series>,
}

impl CumulativeCurves {
    pub fn x_range(&self) -> Range<f64> {
        range::padded(
            self.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)),
            true,
        )
    }

    pub fn y_range(&self) -> Range<f64> {
        range::share()
    }

    /// The legend: a curve per entry, above the plot.
    pub fn entries(&self) -> Vec<Entry> {
        self.series
            .iter()
            .map(|s| Entry {
                colour: colour(s.arrangement),
                sample: Sample::Line(4),
                label: s.label.clone(),
            })
            .collect()
    }
}

impl Chart for CumulativeCurves {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 500 + legend::height(&self.entries()))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let y = self.y_range();
        let area = legend::title_and_legend(root, &self.labels.title, &self.entries())?;
        let mut chart = ChartBuilder::on(&area)
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(80)
            .build_cartesian_2d(self.x_range(), y.clone())
            .map_err(draw_err)?;
        let money = self.labels.money;
        chart
            .configure_mesh()
            .x_desc(&self.labels.x)
            .y_desc(&self.labels.y)
            .x_label_formatter(&|v| money(*v))
            .y_label_formatter(&|v| percent_tick(*v))
            .x_labels(8)
            .label_style((FONT, TICK_SIZE))
            .axis_desc_style((FONT, AXIS_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(draw_err)?;
        chart
            .draw_series(LineSeries::new([(0.0, y.start), (0.0, y.end)], zero_style()))
            .map_err(draw_err)?;
        for s in &self.series {
            let c = colour(s.arrangement);
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(3)))
                .map_err(draw_err)?;
        }
        Ok(())
    }
}
