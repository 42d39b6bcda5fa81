//! Chart: a sweep, the metric against the varied value, one line per arrangement (and per
//! value of a second key, dashed differently).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    AXIS_SIZE, Chart, FONT, PlotError, TICK_SIZE, TITLE_SIZE, WIDTH, colour, draw_err, draw_legend,
    legend_line, percent_tick, range,
};

#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    /// Arrangement index (sets the colour).
    pub arrangement: usize,
    /// Index of the second key's value (sets the line's weight).
    pub dash: usize,
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Sweep {
    pub title: String,
    pub x: String,
    pub y: String,
    /// The metric is a share (0..1): percent ticks.
    pub share: bool,
    pub series: Vec<Series>,
}

impl Chart for Sweep {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 560)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let xs = range::padded(
            self.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)),
            false,
        );
        let ys = if self.share {
            range::share()
        } else {
            range::padded(
                self.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)),
                true,
            )
        };
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, (FONT, TITLE_SIZE))
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(90)
            .build_cartesian_2d(xs, ys)
            .map_err(draw_err)?;
        let share = self.share;
        chart
            .configure_mesh()
            .x_desc(&self.x)
            .y_desc(&self.y)
            .y_label_formatter(&|v| {
                if share {
                    percent_tick(*v)
                } else {
                    format!("{v:.0}")
                }
            })
            .label_style((FONT, TICK_SIZE))
            .axis_desc_style((FONT, AXIS_SIZE))
            .bold_line_style(BLACK.mix(0.08))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(draw_err)?;
        for s in &self.series {
            let width = 3 + 2 * (s.dash as u32 % 3);
            let c = colour(s.arrangement).mix(1.0 - 0.25 * (s.dash % 3) as f64);
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(width)))
                .map_err(draw_err)?
                .label(&s.label)
                .legend(legend_line(c, width));
            chart
                .draw_series(s.points.iter().map(|&p| Circle::new(p, 4, c.filled())))
                .map_err(draw_err)?;
        }
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    }
}
