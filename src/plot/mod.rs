//! Charts of a run: one file per chart, each drawing the plot data it is given (titles,
//! labels and numbers prepared by `report::charts`; no statistics are computed here). Every
//! chart renders to SVG text or to PNG bytes; none touches files.

pub mod composition;
pub mod coverage;
pub mod cumulative;
pub mod fan;
pub mod hires;
pub mod legend;
pub mod npv_distribution;
pub mod productivity;
pub mod range;
pub mod retention;
pub mod sweep;
pub mod tornado;

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

/// The Okabe–Ito palette (colour-blind safe), in the order arrangements get their colours:
/// blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(213, 94, 0),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// The colour of the arrangement with this index, the same in every chart.
pub fn colour(arrangement: usize) -> RGBColor {
    PALETTE[arrangement % PALETTE.len()]
}

/// The colour as `#RRGGBB`, as SVG and CSS write it.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Font family of all chart text; for PNG it is the embedded DejaVu Sans.
pub const FONT: &str = "sans-serif";
/// Font sizes (pixels) of the title, axis descriptions, tick labels and legend.
pub const TITLE_SIZE: u32 = 28;
pub const AXIS_SIZE: u32 = 20;
pub const TICK_SIZE: u32 = 17;
pub const LEGEND_SIZE: u32 = 17;
/// Width of every chart, pixels.
pub const WIDTH: u32 = 960;

const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Title and axis descriptions of a chart, with the formatter of money ticks.
#[derive(Debug, Clone)]
pub struct Labels {
    pub title: String,
    pub x: String,
    pub y: String,
    /// Formats euros for tick labels in the report's language.
    pub money: fn(f64) -> String,
}

/// A chart that can draw itself on any plotters backend.
pub trait Chart {
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32);
    /// Draws the chart on `root`, which covers `size()`.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), PlotError>;
}

#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    #[error("cannot draw chart: {0}")]
    Draw(String),
    #[error("the embedded chart font is invalid")]
    Font,
    #[error("cannot encode PNG: {0}")]
    Png(String),
}

/// Wraps a plotters error.
pub fn draw_err<E: std::fmt::Display>(e: E) -> PlotError {
    PlotError::Draw(e.to_string())
}

/// Registers the embedded fonts with plotters once (text layout needs them for SVG too).
fn fonts() -> Result<(), PlotError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        register_font(FONT, FontStyle::Normal, DEJAVU_SANS).is_ok()
            && register_font(FONT, FontStyle::Bold, DEJAVU_SANS_BOLD).is_ok()
    });
    if ok { Ok(()) } else { Err(PlotError::Font) }
}

/// The chart as SVG text (no XML declaration, so it can be inlined in HTML).
pub fn svg<C: Chart>(chart: &C) -> Result<String, PlotError> {
    fonts()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, chart.size()).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        chart.draw(&root)?;
        root.present().map_err(draw_err)?;
    }
    Ok(out)
}

/// The chart as a PNG image, rendered with the embedded font (no system fonts needed).
pub fn png<C: Chart>(chart: &C) -> Result<Vec<u8>, PlotError> {
    fonts()?;
    let (w, h) = chart.size();
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        chart.draw(&root)?;
        root.present().map_err(draw_err)?;
    }
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| PlotError::Png(e.to_string()))?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| PlotError::Png(e.to_string()))?;
    }
    Ok(bytes)
}

/// Formats a share 0..1 as a percentage for tick labels: whole when the tick is whole, else
/// with one decimal (ticks 0.5% apart must not read "4%, 4%").
pub fn percent_tick(share: f64) -> String {
    let v = share * 100.0;
    if (v - v.round()).abs() < 1e-6 {
        format!("{v:.0}%")
    } else {
        format!("{v:.1}%")
    }
}

/// A legend sample: a short thick line in the series' style.
pub fn legend_line(colour: RGBAColor, width: u32) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(width))
}

/// A legend sample: a filled square.
pub fn legend_box(colour: RGBAColor) -> impl Fn((i32, i32)) -> Rectangle<(i32, i32)> {
    move |(x, y)| Rectangle::new([(x, y - 7), (x + 24, y + 7)], colour.filled())
}

/// The style of the zero line that marks break-even or "no difference".
pub fn zero_style() -> ShapeStyle {
    BLACK.mix(0.75).stroke_width(2)
}

/// Configures the legend box the same way in every chart.
/// Draws the chart's legend in the project's style at `position`.
pub fn draw_legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Result<(), PlotError>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    draw_legend_sized(chart, position, LEGEND_SIZE)
}

/// [`draw_legend`] with another font size (small multiples).
pub fn draw_legend_sized<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
    font_size: u32,
) -> Result<(), PlotError>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.4))
        .label_font((FONT, font_size))
        .draw()
        .map_err(draw_err)
}
