//! Chart: the tornado of a sensitivity analysis. Per input, largest swing on top, a bar from
//! the mean outcome with the input in its lowest decile to the mean with it in its highest
//! decile, split at the overall mean (the low side in one colour, the high side in another).

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    AXIS_SIZE, Chart, FONT, Labels, PlotError, TICK_SIZE, TITLE_SIZE, WIDTH, draw_err, draw_legend,
    legend_box, range, zero_style,
};

/// One input's bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The input's name and its decile values, as the report shows them.
    pub label: String,
    /// Mean outcome with the input in its lowest and its highest decile, euros.
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone)]
pub struct Tornado {
    pub labels: Labels,
    /// The overall mean outcome, where the bars meet.
    pub mean: f64,
    /// Largest swing first (drawn on top).
    pub bars: Vec<Bar>,
    /// Legend texts of the low and the high side.
    pub low_legend: String,
    pub high_legend: String,
}

const BAR_HEIGHT: u32 = 34;
const LABEL_WIDTH: u32 = 380;
/// Colours of the low and the high decile (Okabe–Ito vermillion and blue).
const LOW: RGBColor = RGBColor(213, 94, 0);
const HIGH: RGBColor = RGBColor(0, 114, 178);

impl Tornado {
    pub fn x_range(&self) -> Range<f64> {
        range::padded(
            self.bars.iter().flat_map(|b| [b.low, b.high]).chain([self.mean]),
            true,
        )
    }
}

impl Chart for Tornado {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 170 + BAR_HEIGHT * (self.bars.len().max(1) as u32 + 1))
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError> {
        let x = self.x_range();
        let n = self.bars.len().max(1);
        // One empty slot below the bars holds the legend.
        let y = -1.0..n as f64;
        let mut chart = ChartBuilder::on(root)
            .caption(&self.labels.title, (FONT, TITLE_SIZE))
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
        let slot = |i: usize| ((n - i) as f64 - 0.8, (n - i) as f64 - 0.2);
        for (colour, pick, legend) in [(LOW, true, &self.low_legend), (HIGH, false, &self.high_legend)] {
            let bars = self.bars.iter().enumerate().map(|(i, b)| {
                let (bottom, top) = slot(i);
                let end = if pick { b.low } else { b.high };
                Rectangle::new([(self.mean, bottom), (end, top)], colour.filled())
            });
            chart
                .draw_series(bars)
                .map_err(draw_err)?
                .label(legend)
                .legend(legend_box(colour.to_rgba()));
        }
        chart
            .draw_series(LineSeries::new(
                [(self.mean, y.start), (self.mean, y.end)],
                zero_style(),
            ))
            .map_err(draw_err)?;
        if x.start < 0.0 && x.end > 0.0 {
            chart
                .draw_series(LineSeries::new(
                    [(0.0, y.start), (0.0, y.end)],
                    BLACK.mix(0.3).stroke_width(1),
                ))
                .map_err(draw_err)?;
        }
        let style = TextStyle::from((FONT, TICK_SIZE).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
        for (i, b) in self.bars.iter().enumerate() {
            let (bottom, top) = slot(i);
            let (px, py) = chart.backend_coord(&(x.start, (bottom + top) / 2.0));
            root.draw(&Text::new(b.label.clone(), (px - 10, py), style.clone()))
                .map_err(draw_err)?;
        }
        draw_legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_holds_every_bar_end_and_the_mean() {
        let t = Tornado {
            labels: Labels {
                title: "t".into(),
                x: "x".into(),
                y: String::new(),
                money: |v| format!("{v}"),
            },
            mean: 100.0,
            bars: vec![
                Bar {
                    label: "alpha-label".into(),
                    low: -500.0,
                    high: 900.0,
                },
                Bar {
                    label: "beta-label".into(),
                    low: 50.0,
                    high: 150.0,
                },
            ],
            low_legend: "low".into(),
            high_legend: "high".into(),
        };
        let r = t.x_range();
        assert!(r.start < -500.0 && r.end > 900.0);
        let svg = crate::plot::svg(&t).unwrap();
        assert!(svg.contains("alpha-label") && svg.contains("beta-label"));
    }
}
