//! Chart: fan chart of the cumulative discounted net cash by month, one panel per arrangement
//! (small multiples on a shared scale): p10–p90 and p25–p75 bands, the median line, and the
//! zero line where the placement has earned itself back.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    AXIS_SIZE, Chart, FONT, LEGEND_SIZE, Labels, PlotError, TICK_SIZE, TITLE_SIZE, WIDTH, colour, draw_err,
    draw_legend_sized, legend_box, legend_line, range, zero_style,
};

/// One arrangement's fan: values per month at the five levels.
#[derive(Debug, Clone)]
pub struct Panel {
    /// Panel title (the arrangement's name).
    pub title: String,
    /// Arrangement index (sets the colour).
    pub arrangement: usize,
    /// Month numbers (1-based), one per value below.
    pub months: Vec<f64>,
    pub p10: Vec<f64>,
    pub p25: Vec<f64>,
    pub p50: Vec<f64>,
    pub p75: Vec<f64>,
    pub p90: Vec<f64>,
}

#[derive(Debug, Clone)]
pub struct Fan {
    pub labels: Labels,
    /// Legend texts: median, inner band, outer band.
    pub median_label: String,
    pub inner_label: String,
    pub outer_label: String,
    pub panels: Vec<Panel>,
}

/// Panel height in pixels.
const PANEL_HEIGHT: u32 = 380;
/// Height of the chart title row.
const TITLE_HEIGHT: u32 = 48;

impl Fan {
    /// Columns and rows of the panel grid: one column for one panel, else two.
    pub fn grid(&self) -> (usize, usize) {
        let n = self.panels.len().max(1);
        let cols = if n == 1 { 1 } else { 2 };
        (cols, n.div_ceil(cols))
    }

    pub fn x_range(&self) -> Range<f64> {
        let months = self.panels.iter().flat_map(|p| p.months.iter().copied());
        let r = range::padded(months.chain([0.0]), false);
        0.0..r.end
    }

    /// One scale for every panel, so the panels compare at a glance.
    /// With room at the top of each panel for its legend, so that it covers no month.
    pub fn y_range(&self) -> Range<f64> {
        let data = range::padded(
            self.panels
                .iter()
                .flat_map(|p| p.p10.iter().chain(&p.p90).chain(&p.p50).copied()),
            true,
        );
        range::headroom(
            data,
            range::legend_share(3, super::LEGEND_SIZE - 2, PANEL_HEIGHT - 90),
        )
    }
}

impl Chart for Fan {
    fn size(&self) -> (u32, u32) {
        let (_, rows) = self.grid();
        (WIDTH, TITLE_HEIGHT + PANEL_HEIGHT * rows as u32)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let (title, body) = root.split_vertically(TITLE_HEIGHT);
        title
            .titled(&self.labels.title, (FONT, TITLE_SIZE))
            .map_err(draw_err)?;
        let (cols, rows) = self.grid();
        let cells = body.split_evenly((rows, cols));
        for (panel, area) in self.panels.iter().zip(&cells) {
            self.draw_panel(panel, area)?;
        }
        Ok(())
    }
}

impl Fan {
    fn draw_panel<DB: DrawingBackend>(
        &self,
        panel: &Panel,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), PlotError> {
        let (x, y) = (self.x_range(), self.y_range());
        let c = colour(panel.arrangement);
        let mut chart = ChartBuilder::on(area)
            .caption(&panel.title, (FONT, AXIS_SIZE).into_font().color(&c))
            .margin(10)
            .x_label_area_size(48)
            .y_label_area_size(112)
            .build_cartesian_2d(x.clone(), y)
            .map_err(draw_err)?;
        let money = self.labels.money;
        chart
            .configure_mesh()
            .x_desc(&self.labels.x)
            .y_desc(&self.labels.y)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| money(*v))
            .y_labels(6)
            .label_style((FONT, TICK_SIZE))
            .axis_desc_style((FONT, TICK_SIZE + 1))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(draw_err)?;
        let band = |lo: &[f64], hi: &[f64]| -> Vec<(f64, f64)> {
            let upper = panel.months.iter().copied().zip(hi.iter().copied());
            let lower = panel.months.iter().copied().zip(lo.iter().copied()).rev();
            upper.chain(lower).collect()
        };
        chart
            .draw_series([Polygon::new(band(&panel.p10, &panel.p90), c.mix(0.18).filled())])
            .map_err(draw_err)?
            .label(&self.outer_label)
            .legend(legend_box(c.mix(0.18)));
        chart
            .draw_series([Polygon::new(band(&panel.p25, &panel.p75), c.mix(0.38).filled())])
            .map_err(draw_err)?
            .label(&self.inner_label)
            .legend(legend_box(c.mix(0.38)));
        chart
            .draw_series(LineSeries::new([(x.start, 0.0), (x.end, 0.0)], zero_style()))
            .map_err(draw_err)?;
        chart
            .draw_series(LineSeries::new(
                panel.months.iter().copied().zip(panel.p50.iter().copied()),
                c.stroke_width(3),
            ))
            .map_err(draw_err)?
            .label(&self.median_label)
            .legend(legend_line(c.to_rgba(), 4));
        draw_legend_sized(&mut chart, SeriesLabelPosition::UpperLeft, LEGEND_SIZE - 2)?;
        Ok(())
    }
}
