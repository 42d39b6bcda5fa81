//! Chart: the distribution of the employer's NPV per arrangement, as overlaid histograms on
//! the bins all arrangements share, with zero marked and P(NPV > 0) in the legend.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, TITLE_SIZE, WIDTH, colour, draw_err, draw_legend,
    legend_line, percent_tick, range, zero_style,
};

/// One arrangement's histogram.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend text (name and P(NPV > 0)).
    pub label: String,
    /// Arrangement index (sets the colour).
    pub arrangement: usize,
    /// Share of iterations in each bin (0..1), one per bin.
    pub shares: Vec<f64>,
}

#[derive(Debug, Clone)]
pub struct NpvDistribution {
    pub labels: Labels,
    /// Bin edges, euros (one more than each series' shares).
    pub edges: Vec<f64>,
    pub series: Vec<Series>,
}

impl NpvDistribution {
    pub fn x_range(&self) -> Range<f64> {
        range::padded(self.edges.iter().copied(), true)
    }

    /// From zero to the highest bar, with room at the top for the legend (one row per
    /// arrangement) so that it never covers a bar.
    pub fn y_range(&self) -> Range<f64> {
        let data = range::from_zero(self.series.iter().flat_map(|s| s.shares.iter().copied()));
        range::headroom(
            data,
            range::legend_share(self.series.len(), super::LEGEND_SIZE, PLOT_HEIGHT),
        )
    }
}

/// Height in pixels of the plotting area (the chart less its title and axis labels).
const PLOT_HEIGHT: u32 = 540 - 56 - 16 * 2 - 40;

impl Chart for NpvDistribution {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 540)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let (x, y) = (self.x_range(), self.y_range());
        let mut chart = ChartBuilder::on(root)
            .caption(&self.labels.title, (FONT, TITLE_SIZE))
            .margin(16)
            .x_label_area_size(56)
            .y_label_area_size(80)
            .build_cartesian_2d(x, y.clone())
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
        for s in &self.series {
            let c = colour(s.arrangement);
            let bins = self.edges.windows(2).zip(&s.shares);
            chart
                .draw_series(
                    bins.clone().map(|(e, share)| {
                        Rectangle::new([(e[0], 0.0), (e[1], *share)], c.mix(0.18).filled())
                    }),
                )
                .map_err(draw_err)?;
            let mut outline = Vec::with_capacity(2 * s.shares.len() + 2);
            for (e, share) in bins {
                outline.push((e[0], *share));
                outline.push((e[1], *share));
            }
            chart
                .draw_series(LineSeries::new(outline, c.stroke_width(2)))
                .map_err(draw_err)?
                .label(&s.label)
                .legend(legend_line(c.to_rgba(), 4));
        }
        chart
            .draw_series(LineSeries::new([(0.0, y.start), (0.0, y.end)], zero_style()))
            .map_err(draw_err)?;
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    }
}
