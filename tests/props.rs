//! Property tests of the parser and engine: random and mutated scenario text never panics;
//! every mutated scenario that validates also runs, and every number it reports is finite
//! (or one of the documented nulls).

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use inclusim::app::Exit;
use inclusim::scenario::parse;

const SHIPPED: &str = include_str!("../scenarios/supermarkt-vakkenvuller.toml");
const EVERY_FEATURE: &str = include_str!("fixtures/good/every-feature.toml");

/// Values that break naive arithmetic, written as TOML would (some are not TOML at all).
const EXTREMES: [&str; 18] = [
    "0",
    "-1",
    "1",
    "1e308",
    "-1e308",
    "1e-300",
    "5e-324",
    "nan",
    "inf",
    "-inf",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "0.999999999999",
    "1000",
    "600",
    "0.0",
    "1e3",
];

/// Keys of the summary that may be null (documented in `stats::summary`).
const NULLABLE: [&str; 5] = [
    "p50_month",
    "mean_productivity",
    "description",
    "employer_is",
    "combined_with",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceNumber(usize, usize, &'static str),
    ReplaceString(usize, usize, String),
    InsertBytes(usize, Vec<u8>),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<usize>().prop_map(Mutation::DeleteLine),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        4 => (any::<usize>(), any::<usize>(), prop::sample::select(&EXTREMES[..]))
            .prop_map(|(l, n, v)| Mutation::ReplaceNumber(l, n, v)),
        1 => (any::<usize>(), any::<usize>(), "[a-z0-9_ .-]{0,12}|\\PC{0,4}")
            .prop_map(|(l, n, s)| Mutation::ReplaceString(l, n, s)),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Mutation::InsertBytes(at, bytes)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// Byte ranges of the numbers on a line (outside strings and comments).
fn number_spans(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            in_string = !in_string;
        } else if b == b'#' && !in_string {
            break;
        } else if !in_string
            && (b.is_ascii_digit() || (b == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            let end = i
                + 1
                + bytes[i + 1..]
                    .iter()
                    .take_while(|c| {
                        c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_')
                    })
                    .count();
            if starts_word {
                spans.push((i, end));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    spans
}

/// Byte ranges of the contents of the strings on a line.
fn string_spans(line: &str) -> Vec<(usize, usize)> {
    let quotes: Vec<usize> = line.match_indices('"').map(|(i, _)| i).collect();
    quotes.chunks_exact(2).map(|q| (q[0] + 1, q[1])).collect()
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut out_text = None;
    for m in mutations {
        if lines.is_empty() {
            break;
        }
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(i % lines.len());
            }
            Mutation::DuplicateLine(i) => {
                let i = i % lines.len();
                lines.insert(i, lines[i].clone());
            }
            Mutation::SwapLines(a, b) => {
                let (a, b) = (a % lines.len(), b % lines.len());
                lines.swap(a, b);
            }
            Mutation::ReplaceNumber(l, n, value) => {
                // Pick among the lines that hold a number.
                let with_numbers: Vec<usize> = (0..lines.len())
                    .filter(|&i| !number_spans(&lines[i]).is_empty())
                    .collect();
                if with_numbers.is_empty() {
                    continue;
                }
                let line = &mut lines[with_numbers[l % with_numbers.len()]];
                let spans = number_spans(line);
                let (s, e) = spans[n % spans.len()];
                line.replace_range(s..e, value);
            }
            Mutation::ReplaceString(l, n, value) => {
                let with_strings: Vec<usize> = (0..lines.len())
                    .filter(|&i| !string_spans(&lines[i]).is_empty())
                    .collect();
                if with_strings.is_empty() {
                    continue;
                }
                let line = &mut lines[with_strings[l % with_strings.len()]];
                let spans = string_spans(line);
                let (s, e) = spans[n % spans.len()];
                line.replace_range(s..e, value);
            }
            Mutation::InsertBytes(at, bytes) => {
                let joined = lines.join("\n");
                let at = floor_char_boundary(&joined, at % (joined.len() + 1));
                let inserted = String::from_utf8_lossy(bytes);
                let text = format!("{}{inserted}{}", &joined[..at], &joined[at..]);
                lines = text.lines().map(str::to_owned).collect();
            }
            Mutation::Truncate(at) => {
                let joined = lines.join("\n");
                let at = floor_char_boundary(&joined, at % (joined.len() + 1));
                out_text = Some(joined[..at].to_owned());
                break;
            }
        }
    }
    out_text.unwrap_or_else(|| lines.join("\n") + "\n")
}

/// Paths of the summary's values that are null but not documented as nullable.
fn undocumented_nulls(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Null => {
            let key = path.rsplit('.').next().unwrap_or(path);
            if !NULLABLE.contains(&key) {
                out.push(path.to_owned());
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                undocumented_nulls(v, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                undocumented_nulls(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Parses `text`; when it is valid, runs 20 iterations and checks every reported number.
fn parse_and_run(text: &str) -> Result<(), TestCaseError> {
    let mut model = match parse(Path::new("mutated.toml"), text) {
        Ok(model) => model,
        Err(diags) => {
            // Every problem is one line that names its place, whatever the text holds.
            for d in &diags {
                let line = d.to_string();
                prop_assert!(!line.contains(['\n', '\r', '\u{1b}']), "{line:?}");
                prop_assert!(line.starts_with("mutated.toml"), "{line:?}");
            }
            return Ok(());
        }
    };
    model.iterations = 20;
    let summary = match inclusim::app::simulate(&model, 1, None, false) {
        Ok(s) => s,
        // Instruments whose money rules are not simulated yet are refused cleanly.
        Err(f) if f.exit == Exit::Invalid && f.message.contains("not simulated") => return Ok(()),
        Err(f) => return Err(TestCaseError::fail(format!("run failed: {}", f.message))),
    };
    // serde_json writes a non-finite f64 as null, so a stray null is a NaN or infinity.
    let json = serde_json::to_value(&summary).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut nulls = Vec::new();
    undocumented_nulls(&json, "summary", &mut nulls);
    prop_assert!(
        nulls.is_empty(),
        "{} non-finite numbers, first at {:?}, for\n{text}",
        nulls.len(),
        nulls.iter().take(5).collect::<Vec<_>>()
    );
    prop_assert!(inclusim::export::csv::monthly(&summary).is_ok());
    prop_assert!(inclusim::export::csv::ledger(&summary).is_ok());
    prop_assert!(!inclusim::export::table::render(&summary).is_empty());
    Ok(())
}

#[test]
fn the_seed_scenarios_are_valid() {
    for text in [SHIPPED, EVERY_FEATURE] {
        assert!(parse(Path::new("seed.toml"), text).is_ok());
        parse_and_run(text).expect("the seed runs cleanly");
    }
}

#[test]
fn mutations_change_the_text() {
    let numbers = number_spans("a = { min = 0.25, mode = -3, x_2 = 1e5 } # 7");
    assert_eq!(numbers, [(12, 16), (25, 27), (35, 38)]);
    let text = "a = 1\nb = \"x\"\n";
    assert_eq!(
        apply(text, &[Mutation::ReplaceNumber(0, 0, "nan")]),
        "a = nan\nb = \"x\"\n"
    );
    assert_eq!(
        apply(text, &[Mutation::ReplaceString(0, 0, "é".into())]),
        "a = 1\nb = \"é\"\n"
    );
    assert_eq!(apply("é", &[Mutation::Truncate(1)]), "");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_scenarios_parse_or_fail_cleanly_and_valid_ones_run(
        seed in prop::bool::ANY,
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = apply(if seed { SHIPPED } else { EVERY_FEATURE }, &mutations);
        parse_and_run(&text)?;
    }

    #[test]
    fn one_extreme_number_parses_or_fails_cleanly_and_valid_ones_run(
        seed in prop::bool::ANY,
        line in any::<usize>(),
        number in any::<usize>(),
        value in prop::sample::select(&EXTREMES[..]),
    ) {
        let text = apply(
            if seed { SHIPPED } else { EVERY_FEATURE },
            &[Mutation::ReplaceNumber(line, number, value)],
        );
        parse_and_run(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse(Path::new("random.toml"), &text);
    }

    #[test]
    fn toml_token_soup_never_panics(
        tokens in prop::collection::vec(
            prop::sample::select(&[
                "[scenario]", "[[placement]]", "[[peak]]", "[[correlation]]", "[rates]", "name", "start",
                "horizon_months", "=", "\"x\"", "\"2027-01\"", "{", "}", "[", "]", ",", "\n", "dist",
                "\"pert\"", "min", "max", "mode", "1", "-1", "0.5", "1e308", "nan", "inf", "#", "\"",
                "'", ".", "months", "rho", "inputs",
            ][..]),
            0..60,
        ),
    ) {
        let _ = parse(Path::new("soup.toml"), &tokens.join(" "));
    }
}
