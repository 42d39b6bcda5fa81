//! The report: charts (SVG structure, series, legends, ranges), the plain-language answer, the
//! HTML for every bundled scenario in both languages, the workbook against summary.json, and
//! byte-identical output for any number of threads.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use inclusim::plot;
use inclusim::report::verdict::{self, Frequency, Outcome};
use inclusim::report::{self, Lang, charts};
use inclusim::stats::Summary;

use crate::util::{model, run, scenario};

/// A run with `n` arrangements (the baseline plus `n − 1` named ones without instruments).
fn summary_with(n: usize) -> Summary {
    let extra: String = (1..n)
        .map(|i| format!("[[arrangement]]\nname = \"variant <{i}> & co\"\n\n"))
        .collect();
    let text = scenario(
        24,
        300,
        "capacity = { typical = 0.8, volatility = 0.5, persistence = 0.6, sick_start_probability = 0.03, sick_months = { dist = \"lognormal\", p5 = 0.25, p95 = 3 } }\n\
         dropout = { monthly = 0.02, shortfall_factor = 2, exit_cost = 500 }\n\
         [[placement.benefit]]\nname = \"recruitment_avoided\"\namount = { dist = \"uniform\", min = 1000, max = 2500 }\nat_month = 0",
        &extra,
    );
    let text = text.replace(
        "value_per_productive_hour = 30",
        "value_per_productive_hour = { dist = \"pert\", min = 22, mode = 30, max = 36 }",
    );
    run(&model(&text), 2)
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("SVG does not parse: {e}"))
}

/// Every text element's content.
fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

/// The arrangement colours used as strokes of polylines (series lines and legend samples).
/// The palette's colours other than black (which axes and zero lines use too).
fn palette() -> Vec<String> {
    plot::PALETTE
        .iter()
        .map(|c| plot::hex(*c))
        .filter(|c| c != "#000000")
        .collect()
}

fn stroke_colours(doc: &roxmltree::Document) -> BTreeSet<String> {
    let palette = palette();
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| n.attribute("stroke").map(str::to_uppercase))
        .filter(|c| palette.contains(c))
        .collect()
}

fn fill_colours(doc: &roxmltree::Document) -> BTreeSet<String> {
    let palette = palette();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") || n.has_tag_name("polygon"))
        .filter_map(|n| n.attribute("fill").map(str::to_uppercase))
        .filter(|c| palette.contains(c))
        .collect()
}

fn colours(n: usize) -> BTreeSet<String> {
    (0..n).map(|i| plot::hex(plot::colour(i))).collect()
}

fn assert_contains(range: &Range<f64>, values: impl IntoIterator<Item = f64>, what: &str) {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
    assert!(lo.is_finite(), "{what}: no data");
    assert!(
        range.start <= lo && hi <= range.end,
        "{what}: range {range:?} misses data {lo}..{hi}"
    );
}

fn legend_has(doc: &roxmltree::Document, labels: &[String]) {
    let texts = texts(doc);
    for label in labels {
        assert_eq!(
            texts.iter().filter(|t| *t == label).count(),
            1,
            "legend label {label:?} once in {texts:?}"
        );
    }
}

#[test]
fn npv_distribution_chart_has_a_series_and_legend_per_arrangement() {
    for n in [1, 3] {
        let s = summary_with(n);
        let c = charts::npv_distribution(&s, Lang::Nl);
        let svg = plot::svg(&c).unwrap();
        let doc = parse(&svg);
        assert_eq!(stroke_colours(&doc), colours(n));
        assert_eq!(
            fill_colours(&doc),
            colours(n),
            "one filled histogram per arrangement"
        );
        let labels: Vec<String> = c.series.iter().map(|s| s.label.clone()).collect();
        assert_eq!(labels.len(), n);
        assert!(labels.iter().all(|l| l.contains("kans NCW > 0")), "{labels:?}");
        legend_has(&doc, &labels);
        assert_contains(&c.x_range(), c.edges.iter().copied().chain([0.0]), "x");
        assert_contains(&c.y_range(), c.series.iter().flat_map(|s| s.shares.clone()), "y");
        let total: f64 = c.series[0].shares.iter().sum();
        assert!((total - 1.0).abs() < 1e-9, "shares of one arrangement sum to 1");
    }
}

#[test]
fn s_curve_chart_spans_every_percentile() {
    let s = summary_with(2);
    let c = charts::s_curve(&s, Lang::En);
    let svg = plot::svg(&c).unwrap();
    let doc = parse(&svg);
    assert_eq!(stroke_colours(&doc), colours(2));
    legend_has(
        &doc,
        &c.series.iter().map(|s| s.label.clone()).collect::<Vec<_>>(),
    );
    for series in &c.series {
        assert_eq!(series.points.len(), 101);
        assert_contains(&c.x_range(), series.points.iter().map(|p| p.0).chain([0.0]), "x");
        assert_contains(&c.y_range(), series.points.iter().map(|p| p.1), "y");
    }
}

#[test]
fn fan_chart_has_one_panel_per_arrangement_on_a_shared_scale() {
    let s = summary_with(3);
    let c = charts::fan(&s, Lang::Nl);
    assert_eq!(c.panels.len(), 3);
    assert_eq!(c.grid(), (2, 2));
    let svg = plot::svg(&c).unwrap();
    let doc = parse(&svg);
    assert_eq!(stroke_colours(&doc), colours(3), "a median line per panel");
    let texts = texts(&doc);
    for label in [&c.median_label, &c.inner_label, &c.outer_label] {
        assert_eq!(
            texts.iter().filter(|t| *t == label).count(),
            3,
            "{label} in each panel"
        );
    }
    for p in &c.panels {
        assert_eq!(
            texts.iter().filter(|t| **t == p.title).count(),
            1,
            "panel title {}",
            p.title
        );
        assert_eq!(p.months.len(), 24);
        assert_contains(
            &c.y_range(),
            p.p10.iter().chain(&p.p90).copied().chain([0.0]),
            "y",
        );
        assert_contains(&c.x_range(), p.months.iter().copied(), "x");
    }
}

#[test]
fn composition_chart_signs_lines_from_the_ledger_and_ends_with_the_net() {
    let s = summary_with(2);
    let c = charts::composition(&s, Lang::Nl);
    let a = &s.arrangements[0];
    // Lines that are zero in every arrangement are left out.
    let nonzero = a.employer_lines.iter().filter(|l| l.mean != 0.0).count();
    assert!(
        nonzero < a.employer_lines.len(),
        "the test scenario has a zero line"
    );
    assert_eq!(c.categories.len(), nonzero + 1);
    assert_eq!(c.categories.last().map(String::as_str), Some("Netto (nominaal)"));
    let wage = c.categories.iter().position(|n| n == "Loon").expect("wage line");
    assert!(c.series[0].values[wage] < 0.0, "the employer pays the wage");
    let value = c
        .categories
        .iter()
        .position(|n| n == "Waarde van het werk")
        .expect("value line");
    assert!(c.series[0].values[value] > 0.0);
    let net: f64 = c.series[0].values[..c.categories.len() - 1].iter().sum();
    assert!((net - c.series[0].values[c.categories.len() - 1]).abs() < 1e-6 * net.abs().max(1.0));
    let svg = plot::svg(&c).unwrap();
    let doc = parse(&svg);
    assert_eq!(fill_colours(&doc), colours(2));
    let texts = texts(&doc);
    for cat in &c.categories {
        assert!(texts.contains(cat), "category label {cat}");
    }
    legend_has(
        &doc,
        &c.series.iter().map(|s| s.label.clone()).collect::<Vec<_>>(),
    );
    assert_contains(&c.x_range(), c.series.iter().flat_map(|s| s.values.clone()), "x");
}

#[test]
fn composition_chart_sums_the_smaller_lines_into_overig() {
    let mut s = summary_with(2);
    for a in &mut s.arrangements {
        let template = a.employer_lines[0].clone();
        for k in 0..10 {
            let mut l = template.clone();
            l.name = format!("extra_{k}");
            l.mean = -(k as f64 + 1.0);
            a.employer_lines.push(l);
        }
    }
    let c = charts::composition(&s, Lang::Nl);
    let n = charts::COMPOSITION_LINES;
    assert_eq!(c.categories.len(), n + 1, "{:?}", c.categories);
    let other = &c.categories[n - 1];
    assert!(other.starts_with("Overig ("), "{other}");
    // Every line's money is still there: the bars sum to the same total as the lines.
    for (series, a) in c.series.iter().zip(&s.arrangements) {
        let lines: f64 = a.employer_lines.iter().map(|l| l.mean).sum();
        let bars: f64 = series.values[..n].iter().sum();
        assert!(
            (lines - bars).abs() < 1e-6 * lines.abs().max(1.0),
            "{lines} vs {bars}"
        );
    }
}

#[test]
fn retention_and_productivity_charts_cover_every_month() {
    let s = summary_with(2);
    let r = charts::retention(&s, Lang::Nl);
    let svg = plot::svg(&r).unwrap();
    let doc = parse(&svg);
    assert_eq!(stroke_colours(&doc), colours(2));
    legend_has(
        &doc,
        &r.series.iter().map(|s| s.label.clone()).collect::<Vec<_>>(),
    );
    for series in &r.series {
        assert_eq!(series.points.len(), 24);
        assert_contains(&r.y_range(), series.points.iter().map(|p| p.1), "retention y");
        assert_contains(&r.x_range(), series.points.iter().map(|p| p.0), "retention x");
    }
    let p = charts::productivity(&s, Lang::Nl);
    let svg = plot::svg(&p).unwrap();
    let doc = parse(&svg);
    assert_eq!(stroke_colours(&doc), colours(2));
    let mut labels: Vec<String> = p.series.iter().map(|s| s.label.clone()).collect();
    labels.extend([p.inner_label.clone(), p.outer_label.clone()]);
    legend_has(&doc, &labels);
    for series in &p.series {
        assert!(!series.bands.is_empty());
        assert!(series.bands.iter().all(|b| b.p10 <= b.p50 && b.p50 <= b.p90));
        assert_contains(
            &p.y_range(),
            series.bands.iter().flat_map(|b| [b.p10, b.p90]),
            "productivity y",
        );
    }
}

#[test]
fn paired_difference_chart_compares_the_best_with_each_other_arrangement() {
    assert!(charts::paired_difference(&summary_with(1), Lang::Nl).is_none());
    let s = summary_with(3);
    let (c, caption) = charts::paired_difference(&s, Lang::En).expect("a comparison");
    assert_eq!(c.series.len(), 2);
    assert!(caption.contains(&s.arrangements[0].name));
    let svg = plot::svg(&c).unwrap();
    let doc = parse(&svg);
    let want: BTreeSet<String> = c
        .series
        .iter()
        .map(|s| plot::hex(plot::colour(s.arrangement)))
        .collect();
    assert_eq!(stroke_colours(&doc), want);
    let labels: Vec<String> = c.series.iter().map(|s| s.label.clone()).collect();
    assert!(labels.iter().all(|l| l.contains("better in 50%")), "{labels:?}");
    legend_has(&doc, &labels);
    for series in &c.series {
        assert_contains(&c.x_range(), series.points.iter().map(|p| p.0).chain([0.0]), "x");
    }
}

#[test]
fn png_renders_without_system_fonts() {
    let s = summary_with(2);
    let png = plot::png(&charts::s_curve(&s, Lang::Nl)).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(png.len() > 10_000, "a real picture, not a blank one");
}

fn outcome(p: f64, break_even: Option<u32>) -> Outcome {
    Outcome {
        name: "Met loonkostensubsidie".into(),
        p_positive: p,
        break_even_month: break_even,
        break_even_calendar: None,
        horizon: 36,
        mean: 1000.0,
        mcse: 100.0,
        p10: -500.0,
        p90: 2500.0,
    }
}

#[test]
fn the_answer_is_worded_by_thresholds() {
    assert_eq!(verdict::frequency(0.0), Frequency::Never);
    assert_eq!(verdict::frequency(0.01), Frequency::AlmostNever);
    assert_eq!(verdict::frequency(0.5), Frequency::AboutHalf);
    assert_eq!(verdict::frequency(0.8), Frequency::OutOfTen(8));
    assert_eq!(verdict::frequency(0.99), Frequency::AlmostAlways);
    assert_eq!(verdict::frequency(1.0), Frequency::Always);

    assert_eq!(
        verdict::pays_off(&outcome(0.8, Some(14)), Lang::Nl),
        "Met loonkostensubsidie: deze plaatsing verdient zich in 8 van de 10 gesimuleerde \
         toekomsten terug, in de helft van alle toekomsten al binnen 14 maanden."
    );
    let mut dated = outcome(0.8, Some(14));
    dated.break_even_calendar = Some("okt 2028".into());
    assert!(
        verdict::pays_off(&dated, Lang::Nl).ends_with("al binnen 14 maanden (okt 2028)."),
        "{}",
        verdict::pays_off(&dated, Lang::Nl)
    );
    assert_eq!(
        verdict::pays_off(&outcome(0.0, None), Lang::Nl),
        "Met loonkostensubsidie: deze plaatsing verdient zich in geen enkele gesimuleerde \
         toekomst terug binnen 36 maanden."
    );
    assert_eq!(
        verdict::pays_off(&outcome(1.0, Some(3)), Lang::Nl),
        "Met loonkostensubsidie: deze plaatsing verdient zich in elke gesimuleerde toekomst \
         terug, in de helft van alle toekomsten al binnen 3 maanden."
    );
    let half = verdict::pays_off(&outcome(0.5, Some(36)), Lang::En);
    assert!(half.contains("in about half of the simulated futures"), "{half}");
    assert!(half.ends_with("within 36 months."), "{half}");
    // Fewer than half break even: the share is said for the horizon, without a "but"
    // that reads as a contradiction.
    let none = verdict::pays_off(&outcome(0.3, None), Lang::Nl);
    assert_eq!(
        none,
        "Met loonkostensubsidie: deze plaatsing verdient zich in 3 van de 10 gesimuleerde \
         toekomsten terug binnen 36 maanden."
    );
    let rare = verdict::pays_off(&outcome(0.02, None), Lang::En);
    assert!(rare.contains("almost never"), "{rare}");

    assert!(verdict::expectation(&outcome(0.8, Some(14)), Lang::Nl).starts_with("Gemiddeld levert"));
    let mut loss = outcome(0.1, None);
    loss.mean = -2500.0;
    let text = verdict::expectation(&loss, Lang::Nl);
    assert!(
        text.starts_with("Gemiddeld kost de plaatsing de werkgever € 2.500"),
        "{text}"
    );
}

#[test]
fn a_mean_within_its_monte_carlo_interval_of_zero_is_about_cost_neutral() {
    // Mean −150 with a standard error of 100: the 95% interval (−346, 46) includes zero, so
    // neither "kost" nor "levert op" — the sign is noise.
    let mut o = outcome(0.45, None);
    o.mean = -150.0;
    let text = verdict::expectation(&o, Lang::Nl);
    assert!(text.contains("ongeveer kostenneutraal"), "{text}");
    assert!(text.contains("€ −346 tot € 46"), "{text}");
    assert!(!text.contains("kost de plaatsing"), "{text}");
    o.mean = 150.0;
    assert!(verdict::expectation(&o, Lang::En).contains("about cost-neutral"));
    // Just outside the interval the words take a side again.
    o.mean = -200.0;
    assert!(verdict::expectation(&o, Lang::Nl).starts_with("Gemiddeld kost"));
}

/// Two arrangements with the second `diff` better on average and the paired interval `ci`.
fn two_with(diff: f64, ci: [f64; 2], base_mean: f64) -> Summary {
    let mut s = summary_with(2);
    s.arrangements[0].npv.mean = base_mean;
    s.arrangements[0].npv.mcse = 50.0;
    s.arrangements[1].npv.mean = base_mean + diff;
    s.arrangements[1].npv.mcse = 50.0;
    // Comparisons with the baseline read as arrangement − baseline.
    let c = &mut s.comparisons[0];
    assert_eq!(c.b, "no support");
    c.mean_diff = diff;
    c.ci95 = ci;
    c.sd_diff = 300.0;
    c.p_a_better = 0.85;
    s
}

#[test]
fn the_verdict_names_a_tie_a_clear_winner_a_near_equal_pair_and_all_losing() {
    use verdict::Choice;
    // Tie: the same outcome in every future.
    let same = summary_with(2);
    assert!(matches!(verdict::choice(&same), Some(Choice::Tie { .. })));
    let text = verdict::best_choice(&same, Lang::Nl).expect("two arrangements");
    assert!(text.contains("dezelfde uitkomst"), "{text}");

    // Clear winner: the better one first, with its margin, interval and share of futures.
    let s = two_with(1200.0, [900.0, 1500.0], 500.0);
    let best = s.arrangements[1].name.clone();
    assert!(matches!(verdict::choice(&s), Some(Choice::ClearWinner { .. })));
    let text = verdict::best_choice(&s, Lang::Nl).unwrap();
    assert_eq!(
        text,
        format!(
            "Het voordeligst is {best}. {} is gemiddeld € 1.200 beter dan no support \
             (95%-interval € 900 tot € 1.500), in 85% van de toekomsten.",
            verdict::capitalised(&best)
        )
    );

    // Near equal: the interval includes zero, so no "voordeligst".
    let s = two_with(100.0, [-200.0, 400.0], 500.0);
    assert!(matches!(verdict::choice(&s), Some(Choice::NearEqual { .. })));
    let text = verdict::best_choice(&s, Lang::Nl).unwrap();
    assert!(!text.contains("voordeligst is"), "{text}");
    assert!(text.contains("ontlopen elkaar niet duidelijk"), "{text}");
    assert!(text.contains("niet zeker"), "{text}");

    // All lose: no "voordeligst", but how much is missing on average for the least bad one.
    let s = two_with(1200.0, [900.0, 1500.0], -5000.0);
    assert!(matches!(verdict::choice(&s), Some(Choice::AllLose { .. })));
    let text = verdict::best_choice(&s, Lang::Nl).unwrap();
    assert!(!text.contains("voordeligst is"), "{text}");
    assert!(
        text.starts_with(&format!(
            "Geen van de constructies verdient zich gemiddeld terug binnen 24 maanden. Het \
             minste verlies geeft {best}: daar ontbreekt gemiddeld € 3.800 om quitte te spelen."
        )),
        "{text}"
    );
    let en = verdict::best_choice(&s, Lang::En).unwrap();
    assert!(en.contains("€3,800 is missing"), "{en}");

    assert!(verdict::best_choice(&summary_with(1), Lang::Nl).is_none());
}

#[test]
fn the_star_goes_only_to_a_demonstrably_best_arrangement() {
    let s = two_with(1200.0, [900.0, 1500.0], 500.0);
    assert_eq!(report::html::clear_best(&s), Some(1));
    let s = two_with(100.0, [-200.0, 400.0], 500.0);
    assert_eq!(report::html::clear_best(&s), None);
    assert_eq!(report::html::clear_best(&summary_with(1)), None);
}

fn bundled_scenarios() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

#[test]
fn every_bundled_scenario_reports_in_both_languages() {
    for path in bundled_scenarios() {
        let mut m = inclusim::scenario::load(&path).unwrap();
        m.iterations = 200;
        let s = run(&m, 2);
        for lang in [Lang::Nl, Lang::En] {
            let files = report::build(&m, &s, report::Options { lang, png: false }).unwrap();
            let html = String::from_utf8(files[0].bytes.clone()).unwrap();
            assert_eq!(files[0].path, "report.html");
            let t = lang.text();
            for heading in [
                t.sec_answer,
                t.sec_comparison,
                t.sec_charts,
                t.sec_assumptions,
                t.sec_method,
            ] {
                assert!(html.contains(heading), "{}: {heading}", path.display());
            }
            assert_eq!(
                html.matches("<svg").count(),
                files.len() - 1,
                "every chart inline"
            );
            assert!(!html.contains("<script"), "no scripts");
            for (i, ch) in html.char_indices() {
                if ch == '{' && html[i..].chars().nth(1).is_some_and(|c| c.is_ascii_lowercase()) {
                    let context = &html[i..(i + 30).min(html.len())];
                    assert!(
                        !context.contains('}') || context.contains(':'),
                        "unfilled placeholder: {context}"
                    );
                }
            }
            for a in &s.arrangements {
                let name = report::display_name(&a.name, a.baseline, lang);
                assert!(html.contains(&inclusim::report::html::escape(&name)), "{name}");
            }
        }
    }
}

#[test]
fn user_text_is_escaped_in_the_report() {
    let s = summary_with(2);
    let m = model(&scenario(
        24,
        10,
        "",
        "[[arrangement]]\nname = \"variant <1> & co\"\n",
    ));
    let files = report::build(&m, &s, report::Options::default()).unwrap();
    let html = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(html.contains("variant &lt;1&gt; &amp; co"));
    assert!(!html.contains("variant <1>"));
}

fn inclusim() -> Command {
    Command::cargo_bin("inclusim").unwrap()
}

const SCENARIO: &str = "scenarios/supermarkt-vakkenvuller.toml";

#[test]
fn report_html_is_byte_identical_for_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(threads);
        inclusim()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["report", SCENARIO, "-n", "500", "--threads", threads, "--out"])
            .arg(&out)
            .assert()
            .success();
        pages.push((
            std::fs::read(out.join("report.html")).unwrap(),
            std::fs::read(out.join("report.xlsx")).unwrap(),
        ));
    }
    assert!(
        pages[0].0 == pages[1].0,
        "report.html differs between 1 and 2 threads"
    );
    assert!(
        pages[0].1 == pages[1].1,
        "report.xlsx differs between 1 and 2 threads"
    );
}

#[test]
fn report_command_writes_html_charts_png_and_workbook() {
    let dir = tempfile::tempdir().unwrap();
    inclusim()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", SCENARIO, "-n", "200", "--lang", "en", "--png", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    // The document names its run in a comment before the root element.
    let (first, rest) = html
        .split_once("\n<html lang=\"en\">")
        .expect("an English document");
    assert!(first.starts_with("<!DOCTYPE html>\n<!-- inclusim "), "{first}");
    let body = first
        .trim_start_matches("<!DOCTYPE html>\n<!-- ")
        .trim_end_matches(" -->");
    assert!(body.contains("sha256 ") && !body.contains("--"), "{first}");
    assert!(
        rest.contains("SHA-256 "),
        "the method section gives the scenario's digest"
    );
    for stem in [
        "npv-distribution",
        "npv-s-curve",
        "cumulative-net-fan",
        "composition",
        "retention",
        "productivity",
    ] {
        let svg = dir.path().join("charts").join(format!("{stem}.svg"));
        parse(&std::fs::read_to_string(&svg).unwrap());
        let png = std::fs::read(dir.path().join("charts").join(format!("{stem}.png"))).unwrap();
        assert_eq!(&png[..4], b"\x89PNG");
    }
    assert!(dir.path().join("report.xlsx").exists());
    assert!(dir.path().join("summary.json").exists());
}

#[test]
fn report_command_rejects_a_bad_language_and_a_missing_scenario() {
    let dir = tempfile::tempdir().unwrap();
    inclusim()
        .args(["report", SCENARIO, "--lang", "de", "--out"])
        .arg(dir.path())
        .assert()
        .code(2);
    inclusim()
        .args(["report", "no-such-file.toml", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-file.toml"));
}

#[test]
fn workbook_holds_the_numbers_of_summary_json() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    inclusim()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", SCENARIO, "-n", "300", "-q", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(
        dir.path().join("report.html").exists(),
        "run --out writes the report too"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("summary.json")).unwrap()).unwrap();
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("report.xlsx")).unwrap();
    let t = Lang::Nl.text();
    assert_eq!(
        wb.sheet_names(),
        vec![
            t.sheet_summary,
            t.sheet_comparison,
            t.sheet_parties,
            t.sheet_monthly,
            t.sheet_assumptions,
            t.sheet_ledger,
            t.sheet_rates,
            t.sheet_charts,
            "Gevoeligheid"
        ]
    );
    let num = |d: &Data| match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    };
    // The workbook stores the shortest round-trip decimal; calamine may parse its last bit
    // differently, so compare to 1e-13 relative.
    let same = |cell: Option<&Data>, want: Option<f64>, what: &str| {
        let (got, want) = (
            num(cell.expect("cell present")),
            want.expect("number in summary.json"),
        );
        assert!(
            (got - want).abs() <= 1e-13 * want.abs().max(1.0),
            "{what}: {got} vs {want}"
        );
    };
    let summary = wb.worksheet_range(t.sheet_summary).unwrap();
    let arrangements = json["arrangements"].as_array().unwrap();
    assert_eq!(summary.height(), arrangements.len() + 1);
    for (i, a) in arrangements.iter().enumerate() {
        let row = i + 1;
        // The baseline under its Dutch name, the others as the scenario names them.
        let name = a["name"].as_str().unwrap();
        let shown = report::display_name(name, a["baseline"].as_bool().unwrap(), Lang::Nl);
        assert_eq!(summary.get((row, 0)).unwrap().to_string(), shown);
        let keys = [
            "mean", "mcse", "sd", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "min", "max",
        ];
        for (c, key) in keys.iter().enumerate() {
            same(summary.get((row, c + 1)), a["npv"][key].as_f64(), key);
        }
        same(
            summary.get((row, 13)),
            a["p_npv_positive"].as_f64(),
            "p_npv_positive",
        );
        same(
            summary.get((row, 18)),
            a["retention_at_horizon"].as_f64(),
            "retention_at_horizon",
        );
        same(summary.get((row, 19)), a["subsidy_mean"].as_f64(), "subsidy_mean");
    }
    // One row per arrangement and party, in the order of summary.json.
    let parties = wb.worksheet_range(t.sheet_parties).unwrap();
    let mut row = 1;
    for a in arrangements {
        for v in a["parties"].as_array().unwrap() {
            same(parties.get((row, 3)), v["mean"].as_f64(), "party mean");
            same(parties.get((row, 5)), v["p5"].as_f64(), "party p5");
            same(parties.get((row, 7)), v["p95"].as_f64(), "party p95");
            row += 1;
        }
    }
    assert_eq!(parties.height(), row);
    let monthly = wb.worksheet_range(t.sheet_monthly).unwrap();
    let months = arrangements[0]["monthly"].as_array().unwrap();
    assert_eq!(monthly.height(), 1 + arrangements.len() * months.len());
    for (r, m) in months.iter().enumerate() {
        same(
            monthly.get((r + 1, 3)),
            m["share_active"].as_f64(),
            "share_active",
        );
        same(
            monthly.get((r + 1, 8)),
            m["cumulative_net"]["p50"].as_f64(),
            "cumulative p50",
        );
    }
    let assumptions = wb.worksheet_range(t.sheet_assumptions).unwrap();
    let cells: Vec<String> = assumptions
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        cells
            .iter()
            .any(|c| c == "tussen 4 en 10 uur per week, meest waarschijnlijk 6"),
        "{cells:?}"
    );
}

#[test]
fn every_correlation_is_stated_in_the_report_and_the_workbook() {
    use calamine::{Reader, Xlsx, open_workbook};
    // The supermarket correlates the start productivity with the ramp-up (rho = -0.4): an
    // assumption the employer should see beside the inputs themselves.
    let mut m = inclusim::scenario::load(Path::new(SCENARIO)).unwrap();
    m.iterations = 100;
    assert_eq!(m.placements[0].correlations.len(), 1);
    let s = run(&m, 1);
    for (lang, rho) in [(Lang::Nl, "−0,40"), (Lang::En, "−0.40")] {
        let files = report::build(&m, &s, report::Options { lang, png: false }).unwrap();
        let html = String::from_utf8(files[0].bytes.clone()).unwrap();
        let t = lang.text();
        let start = report::html::escape(t.input_name("productivity.start").unwrap());
        let ramp = report::html::escape(t.input_name("productivity.ramp_months").unwrap());
        let sentence = html
            .lines()
            .find(|l| l.contains(&start) && l.contains(&ramp) && l.contains(rho))
            .unwrap_or_else(|| panic!("{lang:?}: no correlation sentence"));
        assert!(sentence.starts_with("<li>"), "{sentence}");

        let dir = tempfile::tempdir().unwrap();
        let xlsx = inclusim::export::xlsx::workbook(&m, &s, lang).unwrap();
        std::fs::write(dir.path().join("r.xlsx"), xlsx).unwrap();
        let mut wb: Xlsx<_> = open_workbook(dir.path().join("r.xlsx")).unwrap();
        let sheet = wb.worksheet_range(t.sheet_assumptions).unwrap();
        let row = sheet
            .rows()
            .find(|r| r.get(3).is_some_and(|c| *c == "gaussian_copula(rho=-0.4)"))
            .expect("a correlation row");
        assert!(row[2].to_string().contains(rho), "{row:?}");
    }
}

/// The machine names a Dutch reader must never see: ledger-line keys, instrument-parameter
/// keys, rates-figure keys and the English units of the presets.
fn machine_words() -> Vec<String> {
    let mut words: Vec<String> = [
        "production_value",
        "employer_burden",
        "exit_cost",
        "reassess_months",
        "assessment_noise_sd",
        "assessment_admin_hours",
        "forfaitaire_phase_months",
        "employer_pays_full_first_year",
        "pay_month",
        "topup_share",
        "tariff_per_hour",
        "provider_supervision_share",
        "hire_probability",
        "hire_threshold",
        "benefit_per_month",
        "benefit_payer",
        "yearly_budget",
        "cost_line",
        "amount_per_year",
        "share of the",
        "per hour",
        "EUR per",
        "Expected subsidy",
        "no support",
        "MODEL.md",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    words.extend(
        inclusim::instruments::line_names()
            .into_iter()
            .filter(|n| n.contains('_'))
            .map(str::to_owned),
    );
    words.extend(report::figures::KEYS.iter().map(|k| (*k).to_owned()));
    words
}

/// The visible text of a page: tags, and the SVG charts' attributes, removed.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

#[test]
fn the_dutch_report_contains_no_machine_key_or_english_unit() {
    let words = machine_words();
    for path in bundled_scenarios() {
        let mut m = inclusim::scenario::load(&path).unwrap();
        m.iterations = 100;
        let s = run(&m, 2);
        let files = report::build(
            &m,
            &s,
            report::Options {
                lang: Lang::Nl,
                png: false,
            },
        )
        .unwrap();
        let text = visible_text(&String::from_utf8(files[0].bytes.clone()).unwrap());
        for w in &words {
            assert!(
                !text.contains(w.as_str()),
                "{}: the Dutch report shows {w:?}",
                path.display()
            );
        }
        // The scenario's own lines appear under their Dutch labels.
        for p in &m.placements {
            for l in &p.lines {
                assert!(!text.contains(&l.name), "{}: line key {}", path.display(), l.name);
                if let Some(label) = l.label.as_ref().and_then(|x| x.get(false)) {
                    assert!(text.contains(label), "{}: label {label}", path.display());
                }
            }
        }
        // The class's group lines and its own lines under their words, never their keys.
        for l in m.cohort.iter().flat_map(|k| &k.lines) {
            assert!(
                !text.contains(&l.name),
                "{}: group line key {}",
                path.display(),
                l.name
            );
            assert!(l.label.is_some(), "{}: {} has a label", path.display(), l.name);
        }
        assert!(
            !text.contains(inclusim::cohort::RECRUITMENT_LINE),
            "{}",
            path.display()
        );
        // Every bundled arrangement describes itself in both languages; the Dutch report
        // shows the Dutch text and not the English one.
        for a in m.arrangements.iter().filter(|a| !a.is_baseline) {
            let d = a
                .description
                .as_ref()
                .expect("bundled arrangements have a description");
            let (nl, en) = (d.nl.as_deref().unwrap(), d.en.as_deref().unwrap());
            assert!(text.contains(nl), "{}: {nl}", path.display());
            assert!(!text.contains(en), "{}: {en}", path.display());
        }
    }
}

#[test]
fn workbook_money_is_formatted_numbers_are_numeric_and_the_charts_exist() {
    use std::io::Read;
    let mut m = inclusim::scenario::load(Path::new(SCENARIO)).unwrap();
    m.iterations = 200;
    let s = run(&m, 2);
    let bytes = inclusim::export::xlsx::workbook(&m, &s, Lang::Nl).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| -> String {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the workbook"))
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    // Two native charts: the NPV distribution (columns) and the cumulative net (lines).
    let charts = [read("xl/charts/chart1.xml"), read("xl/charts/chart2.xml")];
    assert!(charts[0].contains("<c:barChart>"), "chart 1 is a column chart");
    assert!(charts[1].contains("<c:lineChart>"), "chart 2 is a line chart");
    // Style index → whether its number format is a currency.
    let styles = read("xl/styles.xml");
    let doc = roxmltree::Document::parse(&styles).unwrap();
    let euro_formats: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("numFmt"))
        .filter(|n| n.attribute("formatCode").is_some_and(|c| c.contains('€')))
        .filter_map(|n| n.attribute("numFmtId").map(str::to_owned))
        .collect();
    let xfs: Vec<bool> = doc
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .map(|n| {
            n.attribute("numFmtId")
                .is_some_and(|id| euro_formats.iter().any(|e| e == id))
        })
        .collect();
    // The money columns of each sheet (0-based), by sheet file.
    let n = s.arrangements.len();
    let money: [(&str, Vec<usize>); 5] = [
        ("xl/worksheets/sheet1.xml", (1..=12).chain([15, 19]).collect()),
        ("xl/worksheets/sheet2.xml", (2..=5).collect()),
        ("xl/worksheets/sheet3.xml", (3..=7).collect()),
        ("xl/worksheets/sheet4.xml", (5..=11).collect()),
        ("xl/worksheets/sheet6.xml", vec![3]),
    ];
    let column = |r: &str| {
        r.chars()
            .take_while(char::is_ascii_uppercase)
            .fold(0usize, |acc, ch| acc * 26 + (ch as usize - 'A' as usize + 1))
            - 1
    };
    for (sheet, cols) in money {
        let xml = read(sheet);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let mut checked = 0;
        for c in doc.descendants().filter(|n| n.has_tag_name("c")) {
            let r = c.attribute("r").unwrap();
            let row: usize = r
                .trim_start_matches(|ch: char| ch.is_ascii_uppercase())
                .parse()
                .unwrap();
            if row == 1 || !cols.contains(&column(r)) {
                continue;
            }
            assert!(c.attribute("t").is_none(), "{sheet} {r}: money stored as text");
            let style: usize = c.attribute("s").unwrap_or("0").parse().unwrap();
            assert!(xfs[style], "{sheet} {r}: money without a € format");
            checked += 1;
        }
        assert!(checked >= n, "{sheet}: {checked} money cells");
    }
    // Seed, iterations and horizon are numbers on the assumptions sheet.
    let xml = read("xl/worksheets/sheet5.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    for r in ["C4", "C5", "C6"] {
        let c = doc
            .descendants()
            .find(|n| n.has_tag_name("c") && n.attribute("r") == Some(r))
            .unwrap_or_else(|| panic!("cell {r}"));
        assert!(c.attribute("t").is_none(), "{r} is text");
    }
}

#[test]
fn a_jobcoach_pass_through_is_shown_with_its_bill_and_not_as_subsidy() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/bakkerij-jobcoach.toml");
    let mut m = inclusim::scenario::load(&path).unwrap();
    m.iterations = 100;
    let s = run(&m, 2);
    let files = report::build(
        &m,
        &s,
        report::Options {
            lang: Lang::Nl,
            png: false,
        },
    )
    .unwrap();
    let html = String::from_utf8(files[0].bytes.clone()).unwrap();
    let rows: Vec<&str> = html.lines().filter(|l| l.starts_with("<tr><td")).collect();
    let at = rows
        .iter()
        .position(|r| r.contains("Vergoeding jobcoach (doorbetaling, geen subsidie)"))
        .expect("the pass-through row");
    assert!(
        rows[at + 1].contains("tegenover de rekening „Jobcoach”"),
        "{}",
        rows[at + 1]
    );
    // The funding and the bill cancel for the employer in the coached arrangement.
    let amounts = |row: &str| -> Vec<String> {
        row.split("<td class=\"num\"")
            .skip(1)
            .map(|c| {
                c.split('>')
                    .nth(1)
                    .unwrap_or("")
                    .trim_end_matches("</td")
                    .to_owned()
            })
            .collect()
    };
    let (funding, bill) = (amounts(rows[at]), amounts(rows[at + 1]));
    let coached = funding
        .iter()
        .position(|c| c != "–")
        .expect("a coached arrangement");
    assert_eq!(bill[coached], funding[coached].replace("€ ", "€ −"));
}

#[test]
fn identical_arrangements_are_drawn_once_with_a_combined_legend() {
    // Two arrangements without instruments: the same outcome in every future.
    let s = summary_with(2);
    let charts = charts::all(&s, Lang::Nl, false).unwrap();
    let histogram = charts.iter().find(|c| c.stem == "npv-distribution").unwrap();
    let doc = parse(&histogram.svg);
    assert_eq!(fill_colours(&doc), colours(1), "one series for the two");
    let combined = format!("{} = {}", s.arrangements[0].name, s.arrangements[1].name);
    assert!(
        texts(&doc).iter().any(|t| t.contains(&combined)),
        "legend names both: {combined}"
    );
    // Different arrangements stay apart.
    let groups = charts::identical_to(&s, |_, _| false);
    assert_eq!(groups, vec![0, 1]);
    let groups = charts::identical_to(&summary_with(3), |_, _| true);
    assert_eq!(groups, vec![0, 0, 0]);
}
