//! Chart: productivity ramp-up by month, per arrangement the median line with p25–p75 and
//! p10–p90 bands of the iterations' mean productivity of active placements.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, TITLE_SIZE, WIDTH, colour, draw_err, draw_legend,
    legend_box, legend_line, percent_tick, range,
};

/// The five levels of one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub month: f64,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
}

/// One arrangement's band (months without an active placement left out).
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    /// Arrangement index (sets the colour).
    pub arrangement: usize,
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone)]
pub struct Productivity {
    pub labels: Labels,
    /// Legend texts of the inner and outer band (drawn in grey: they apply to every colour).
    pub inner_label: String,
    pub outer_label: String,
    pub series: Vec<Series>,
}

impl Productivity {
    pub fn x_range(&self) -> Range<f64> {
        let months = self.series.iter().flat_map(|s| s.bands.iter().map(|b| b.month));
        0.0..range::padded(months.chain([0.0]), false).end
    }

    /// 0–100%, or higher when a value exceeds it.
    pub fn y_range(&self) -> Range<f64> {
        let values = self
            .series
            .iter()
            .flat_map(|s| s.bands.iter().flat_map(|b| [b.p10, b.p90]));
        let r = range::from_zero(values.chain([1.0]));
        0.0..r.end.max(range::share().end)
    }
}

impl Chart for Productivity {
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
        for s in &self.series {
            let c = colour(s.arrangement);
            let band = |lo: fn(&Band) -> f64, hi: fn(&Band) -> f64| -> Vec<(f64, f64)> {
                let upper = s.bands.iter().map(|b| (b.month, hi(b)));
                let lower = s.bands.iter().rev().map(|b| (b.month, lo(b)));
                upper.chain(lower).collect()
            };
            chart
                .draw_series([Polygon::new(band(|b| b.p10, |b| b.p90), c.mix(0.12).filled())])
                .map_err(draw_err)?;
            chart
                .draw_series([Polygon::new(band(|b| b.p25, |b| b.p75), c.mix(0.22).filled())])
                .map_err(draw_err)?;
        }
        let n = self.series.len();
        for (i, s) in self.series.iter().enumerate() {
            let c = colour(s.arrangement);
            let width = 2 + 2 * (n - 1 - i) as u32;
            chart
                .draw_series(LineSeries::new(
                    s.bands.iter().map(|b| (b.month, b.p50)),
                    c.stroke_width(width),
                ))
                .map_err(draw_err)?
                .label(&s.label)
                .legend(legend_line(c.to_rgba(), 4));
        }
        // Legend entries for the bands, in grey; nothing is drawn in the plot area.
        for (label, alpha) in [(&self.inner_label, 0.45), (&self.outer_label, 0.2)] {
            chart
                .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())
                .map_err(draw_err)?
                .label(label)
                .legend(legend_box(BLACK.mix(alpha)));
        }
        draw_legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    }
}
