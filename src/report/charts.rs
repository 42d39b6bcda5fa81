//! The report's charts: picks the numbers each chart shows out of the [`Summary`] (no new
//! statistics: shares of iterations are counts over the number of iterations) and renders them.

use super::text::{ChartText, Lang, fill};
use super::verdict;
use crate::plot::{self, Chart, Labels, PlotError};
use crate::stats::Summary;
use crate::stats::summary::LineRole;

/// A rendered chart: its file stem, caption and pictures.
#[derive(Debug, Clone)]
pub struct RenderedChart {
    /// File name without extension, e.g. `npv-distribution`.
    pub stem: &'static str,
    /// Title (for the figure's alt text).
    pub title: String,
    /// The sentence that says what to read in it.
    pub caption: String,
    pub svg: String,
    /// Present when PNG was asked for.
    pub png: Option<Vec<u8>>,
}

fn labels(t: &ChartText, lang: Lang, args: &[(&str, &str)]) -> Labels {
    Labels {
        title: fill(t.title, args),
        x: fill(t.x, args),
        y: fill(t.y, args),
        money: lang.money_tick(),
    }
}

fn render<C: Chart>(
    stem: &'static str,
    chart: &C,
    title: String,
    caption: String,
    png: bool,
) -> Result<RenderedChart, PlotError> {
    Ok(RenderedChart {
        stem,
        title,
        caption,
        svg: plot::svg(chart)?,
        png: if png { Some(plot::png(chart)?) } else { None },
    })
}

/// The histogram of NPV per arrangement, as shares of the iterations.
pub fn npv_distribution(s: &Summary, lang: Lang) -> plot::npv_distribution::NpvDistribution {
    let t = lang.text();
    let n = s.iterations.max(1) as f64;
    plot::npv_distribution::NpvDistribution {
        labels: labels(&t.chart_npv, lang, &[]),
        edges: s
            .arrangements
            .first()
            .map(|a| a.npv_histogram.edges.clone())
            .unwrap_or_default(),
        series: s
            .arrangements
            .iter()
            .enumerate()
            .map(|(i, a)| plot::npv_distribution::Series {
                label: fill(
                    t.legend_p_positive,
                    &[("name", &a.name), ("p", &lang.percent(a.p_npv_positive, 0))],
                ),
                arrangement: i,
                shares: a.npv_histogram.counts.iter().map(|c| *c as f64 / n).collect(),
            })
            .collect(),
    }
}

/// Percentile k of NPV is the value below which k% of the iterations fall.
fn cdf_points(percentiles: &[f64]) -> Vec<(f64, f64)> {
    percentiles
        .iter()
        .enumerate()
        .map(|(k, v)| (*v, k as f64 / 100.0))
        .collect()
}

pub fn s_curve(s: &Summary, lang: Lang) -> plot::cumulative::CumulativeCurves {
    let t = lang.text();
    plot::cumulative::CumulativeCurves {
        labels: labels(&t.chart_s_curve, lang, &[]),
        series: s
            .arrangements
            .iter()
            .enumerate()
            .map(|(i, a)| plot::cumulative::Series {
                label: a.name.clone(),
                arrangement: i,
                points: cdf_points(&a.npv_percentiles),
            })
            .collect(),
    }
}

pub fn fan(s: &Summary, lang: Lang) -> plot::fan::Fan {
    let t = lang.text();
    let level = |a: &crate::stats::summary::ArrangementSummary, key: &str| -> Vec<f64> {
        a.monthly
            .iter()
            .map(|m| m.cumulative_net.get(key).copied().unwrap_or(f64::NAN))
            .collect()
    };
    plot::fan::Fan {
        labels: labels(&t.chart_fan, lang, &[]),
        median_label: t.legend_median.to_owned(),
        inner_label: t.legend_inner.to_owned(),
        outer_label: t.legend_outer.to_owned(),
        panels: s
            .arrangements
            .iter()
            .enumerate()
            .map(|(i, a)| plot::fan::Panel {
                title: a.name.clone(),
                arrangement: i,
                months: a.monthly.iter().map(|m| m.month as f64).collect(),
                p10: level(a, "p10"),
                p25: level(a, "p25"),
                p50: level(a, "p50"),
                p75: level(a, "p75"),
                p90: level(a, "p90"),
            })
            .collect(),
    }
}

/// The most lines the composition chart draws one by one; the smaller ones are summed into
/// "overig" so that the bars stay readable.
pub const COMPOSITION_LINES: usize = 8;

/// The employer's lines in the order benefits, subsidies, costs (each in ledger order), then
/// the nominal net; lines are matched by name across arrangements. Lines that are zero in
/// every arrangement are left out; past the [`COMPOSITION_LINES`] largest (by their largest
/// mean over the arrangements) the rest are summed into one "overig" bar.
pub fn composition(s: &Summary, lang: Lang) -> plot::composition::Composition {
    let t = lang.text();
    let mean_of = |a: &crate::stats::summary::ArrangementSummary, n: &str| {
        a.employer_lines
            .iter()
            .find(|l| l.name == n)
            .map_or(0.0, |l| l.mean)
    };
    let mut names: Vec<(LineRole, String)> = Vec::new();
    for role in [LineRole::Benefit, LineRole::Subsidy, LineRole::Cost] {
        for a in &s.arrangements {
            for l in a.employer_lines.iter().filter(|l| l.role == role) {
                if !names.iter().any(|(_, n)| *n == l.name) {
                    names.push((role, l.name.clone()));
                }
            }
        }
    }
    let size = |n: &str| {
        s.arrangements
            .iter()
            .map(|a| mean_of(a, n).abs())
            .fold(0.0, f64::max)
    };
    names.retain(|(_, n)| size(n) > 0.0);
    let mut rest: Vec<String> = Vec::new();
    if names.len() > COMPOSITION_LINES {
        let mut by_size: Vec<f64> = names.iter().map(|(_, n)| size(n)).collect();
        by_size.sort_by(|a, b| b.total_cmp(a));
        let threshold = by_size[COMPOSITION_LINES - 2];
        let mut kept = 0;
        names.retain(|(_, n)| {
            let keep = size(n) >= threshold && kept < COMPOSITION_LINES - 1;
            if keep {
                kept += 1;
            } else {
                rest.push(n.clone());
            }
            keep
        });
    }
    let mut categories: Vec<String> = names
        .iter()
        .map(|(_, n)| t.line_name(n).map_or_else(|| n.replace('_', " "), str::to_owned))
        .collect();
    if !rest.is_empty() {
        categories.push(fill(t.other_lines, &[("n", &rest.len().to_string())]));
    }
    categories.push(t.net_nominal.to_owned());
    plot::composition::Composition {
        labels: labels(&t.chart_composition, lang, &[]),
        categories,
        series: s
            .arrangements
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut values: Vec<f64> = names.iter().map(|(_, n)| mean_of(a, n)).collect();
                if !rest.is_empty() {
                    values.push(rest.iter().map(|n| mean_of(a, n)).sum());
                }
                values.push(a.party_net.get("employer").copied().unwrap_or(0.0));
                plot::composition::Series {
                    label: a.name.clone(),
                    arrangement: i,
                    values,
                }
            })
            .collect(),
    }
}

pub fn retention(s: &Summary, lang: Lang) -> plot::retention::Retention {
    let t = lang.text();
    plot::retention::Retention {
        labels: labels(&t.chart_retention, lang, &[]),
        series: s
            .arrangements
            .iter()
            .enumerate()
            .map(|(i, a)| plot::retention::Series {
                label: a.name.clone(),
                arrangement: i,
                points: a
                    .monthly
                    .iter()
                    .map(|m| (m.month as f64, m.share_active))
                    .collect(),
            })
            .collect(),
    }
}

pub fn productivity(s: &Summary, lang: Lang) -> plot::productivity::Productivity {
    let t = lang.text();
    plot::productivity::Productivity {
        labels: labels(&t.chart_productivity, lang, &[]),
        inner_label: t.legend_inner.to_owned(),
        outer_label: t.legend_outer.to_owned(),
        series: s
            .arrangements
            .iter()
            .enumerate()
            .map(|(i, a)| plot::productivity::Series {
                label: a.name.clone(),
                arrangement: i,
                bands: a
                    .monthly
                    .iter()
                    .filter_map(|m| {
                        let q = |k: &str| m.productivity.get(k).copied();
                        Some(plot::productivity::Band {
                            month: m.month as f64,
                            p10: q("p10")?,
                            p25: q("p25")?,
                            p50: q("p50")?,
                            p75: q("p75")?,
                            p90: q("p90")?,
                        })
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The best arrangement (highest expected NPV) against each other one; `None` with fewer than
/// two arrangements.
pub fn paired_difference(s: &Summary, lang: Lang) -> Option<(plot::cumulative::CumulativeCurves, String)> {
    let t = lang.text();
    let best = verdict::best_index(s)?;
    let best_name = &s.arrangements[best].name;
    let series: Vec<_> = s
        .arrangements
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .filter_map(|(i, other)| {
            let c = s.comparison(best_name, &other.name)?;
            Some(plot::cumulative::Series {
                label: fill(
                    t.legend_difference,
                    &[
                        ("a", best_name),
                        ("b", &other.name),
                        ("p", &lang.percent(c.p_a_better, 0)),
                    ],
                ),
                arrangement: i,
                points: cdf_points(&c.diff_percentiles),
            })
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    let args = [("best", best_name.as_str())];
    Some((
        plot::cumulative::CumulativeCurves {
            labels: labels(&t.chart_difference, lang, &args),
            series,
        },
        fill(t.chart_difference.caption, &args),
    ))
}

/// For each arrangement, the earlier arrangement it is drawn as (itself when none): two are
/// drawn once when `same` holds for them, so that identical arrangements do not overlay into
/// one muddy band.
pub fn identical_to(
    s: &Summary,
    same: impl Fn(&crate::stats::summary::ArrangementSummary, &crate::stats::summary::ArrangementSummary) -> bool,
) -> Vec<usize> {
    let a = &s.arrangements;
    (0..a.len())
        .map(|i| (0..i).find(|&j| same(&a[j], &a[i])).unwrap_or(i))
        .collect()
}

/// The NPV of two arrangements is the same in every future (paired difference 0, no spread).
fn same_npv(
    s: &Summary,
) -> impl Fn(&crate::stats::summary::ArrangementSummary, &crate::stats::summary::ArrangementSummary) -> bool + '_
{
    move |x, y| {
        s.comparison(&x.name, &y.name)
            .is_some_and(|c| c.mean_diff == 0.0 && c.sd_diff == 0.0)
    }
}

/// The combined legend label of arrangement `i` when others are drawn as it ("A = B").
fn combined_name(s: &Summary, groups: &[usize], i: usize) -> String {
    let names: Vec<&str> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| **g == i)
        .map(|(k, _)| s.arrangements[k].name.as_str())
        .collect();
    names.join(" = ")
}

/// Keeps one series per group of identical arrangements, labelled with the group's names.
macro_rules! draw_once {
    ($series:expr, $label:ident, $s:expr, $groups:expr) => {{
        let groups = $groups;
        $series.retain(|x| groups[x.arrangement] == x.arrangement);
        for x in &mut $series {
            let name = &$s.arrangements[x.arrangement].name;
            let combined = combined_name($s, &groups, x.arrangement);
            if combined != *name {
                x.$label = x.$label.replacen(name.as_str(), &combined, 1);
            }
        }
    }};
}

/// Every chart of the report, in reading order.
pub fn all(s: &Summary, lang: Lang, png: bool) -> Result<Vec<RenderedChart>, PlotError> {
    let t = lang.text();
    let mut out = Vec::with_capacity(7);
    let npv_groups = identical_to(s, same_npv(s));
    let mut c = npv_distribution(s, lang);
    draw_once!(c.series, label, s, npv_groups.clone());
    out.push(render(
        "npv-distribution",
        &c,
        c.labels.title.clone(),
        t.chart_npv.caption.to_owned(),
        png,
    )?);
    let mut c = s_curve(s, lang);
    draw_once!(c.series, label, s, npv_groups.clone());
    out.push(render(
        "npv-s-curve",
        &c,
        c.labels.title.clone(),
        t.chart_s_curve.caption.to_owned(),
        png,
    )?);
    let mut c = fan(s, lang);
    let same_months = |x: &crate::stats::summary::ArrangementSummary,
                       y: &crate::stats::summary::ArrangementSummary| {
        x.monthly.len() == y.monthly.len()
            && x.monthly
                .iter()
                .zip(&y.monthly)
                .all(|(a, b)| a.cumulative_net == b.cumulative_net)
    };
    draw_once!(c.panels, title, s, identical_to(s, same_months));
    out.push(render(
        "cumulative-net-fan",
        &c,
        c.labels.title.clone(),
        t.chart_fan.caption.to_owned(),
        png,
    )?);
    let c = composition(s, lang);
    out.push(render(
        "composition",
        &c,
        c.labels.title.clone(),
        t.chart_composition.caption.to_owned(),
        png,
    )?);
    let mut c = retention(s, lang);
    let same_retention = |x: &crate::stats::summary::ArrangementSummary,
                          y: &crate::stats::summary::ArrangementSummary| {
        x.monthly.len() == y.monthly.len()
            && x.monthly
                .iter()
                .zip(&y.monthly)
                .all(|(a, b)| a.share_active == b.share_active)
    };
    draw_once!(c.series, label, s, identical_to(s, same_retention));
    out.push(render(
        "retention",
        &c,
        c.labels.title.clone(),
        t.chart_retention.caption.to_owned(),
        png,
    )?);
    let mut c = productivity(s, lang);
    let same_productivity = |x: &crate::stats::summary::ArrangementSummary,
                             y: &crate::stats::summary::ArrangementSummary| {
        x.monthly.len() == y.monthly.len()
            && x.monthly
                .iter()
                .zip(&y.monthly)
                .all(|(a, b)| a.productivity == b.productivity)
    };
    draw_once!(c.series, label, s, identical_to(s, same_productivity));
    out.push(render(
        "productivity",
        &c,
        c.labels.title.clone(),
        t.chart_productivity.caption.to_owned(),
        png,
    )?);
    if let Some((c, caption)) = paired_difference(s, lang) {
        out.push(render(
            "npv-difference",
            &c,
            c.labels.title.clone(),
            caption,
            png,
        )?);
    }
    Ok(out)
}
