//! Axis ranges: the smallest padded interval that holds every plotted value (and zero when
//! the chart marks it), so no data point falls outside a chart.

use std::ops::Range;

/// Share of the data span added on each side.
pub const PADDING: f64 = 0.05;

/// The interval from the smallest to the largest finite value (and 0 when `include_zero`),
/// widened by [`PADDING`] on each side; a single value gets ±1 (or ±5% of itself). With no
/// finite value at all, `0..1`.
pub fn padded(values: impl IntoIterator<Item = f64>, include_zero: bool) -> Range<f64> {
    let (mut lo, mut hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if !lo.is_finite() || !hi.is_finite() {
        return 0.0..1.0;
    }
    let span = hi - lo;
    if span <= 0.0 {
        let half = (lo.abs() * PADDING).max(1.0);
        return lo - half..hi + half;
    }
    lo - span * PADDING..hi + span * PADDING
}

/// `r` made taller at the top so that its upper `share` (0..1) holds no data: room for a
/// legend above the data instead of over it.
pub fn headroom(r: Range<f64>, share: f64) -> Range<f64> {
    let share = share.clamp(0.0, 0.8);
    r.start..r.start + (r.end - r.start) / (1.0 - share)
}

/// The share of a plot `plot_px` pixels tall that a legend of `rows` entries of `font_px`
/// text takes, with its border and a margin.
pub fn legend_share(rows: usize, font_px: u32, plot_px: u32) -> f64 {
    let legend = rows as f64 * (f64::from(font_px) * 1.45) + 28.0;
    legend / f64::from(plot_px.max(1))
}

/// A range from 0 to the largest value plus padding (for counts and shares that start at 0).
pub fn from_zero(values: impl IntoIterator<Item = f64>) -> Range<f64> {
    let r = padded(values, true);
    0.0..r.end.max(f64::MIN_POSITIVE)
}

/// The share axis 0..1 (0–100%) with room above the top.
pub fn share() -> Range<f64> {
    0.0..1.04
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headroom_leaves_the_top_share_empty() {
        let r = headroom(0.0..0.6, 0.25);
        assert!((r.end - 0.8).abs() < 1e-12, "{r:?}");
        assert!((0.6 - r.start) / (r.end - r.start) <= 0.75 + 1e-12);
    }

    #[test]
    fn padded_range_holds_every_value_and_zero_when_asked() {
        let r = padded([3.0, 10.0, 7.0], false);
        assert!(r.start < 3.0 && r.end > 10.0, "{r:?}");
        assert!(r.start > 0.0, "zero is not forced in: {r:?}");
        let r = padded([3.0, 10.0], true);
        assert!(r.start < 0.0 && r.end > 10.0, "{r:?}");
        let r = padded([-5.0, -2.0], true);
        assert!(r.start < -5.0 && r.end > 0.0, "{r:?}");
    }

    #[test]
    fn degenerate_ranges_still_have_width() {
        assert_eq!(padded([], false), 0.0..1.0);
        assert_eq!(padded([f64::NAN, f64::INFINITY], false), 0.0..1.0);
        let r = padded([0.0, 0.0], true);
        assert!(r.start < 0.0 && r.end > 0.0);
        let r = padded([1000.0], false);
        assert!(r.start < 1000.0 && r.end > 1000.0);
        let r = from_zero([0.0]);
        assert!(r.end > 0.0);
    }
}
