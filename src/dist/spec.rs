//! The distribution notation of scenario files: the raw forms [`InputSpec`] and [`DistSpec`]
//! as read from TOML (with their JSON schema), the table of kinds and their keys, and
//! [`DistSpec::build`], which checks a table and turns it into a [`Dist`].

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::params::{ParamError, finite};
use super::{DEFAULT_PERT_LAMBDA, Dist};

// ---------------------------------------------------------------------------
// Raw forms read from scenario files
// ---------------------------------------------------------------------------

/// A distribution table as written in the file, e.g. `{ dist = "pert", min = 4, mode = 6,
/// max = 10 }`. Which keys each kind takes is checked when the scenario is validated.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistSpec {
    #[schemars(schema_with = "dist_kind_schema")]
    pub dist: String,
    /// constant: the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// uniform, discrete_uniform, triangular, pert: the lowest value; normal: optional lower truncation bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// triangular, pert: the most likely value (also with `p5` and `p95`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<f64>,
    /// uniform, discrete_uniform, triangular, pert: the highest value; normal: optional upper truncation bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// pert: shape parameter (default 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda: Option<f64>,
    /// normal, lognormal, beta, gamma: the mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// normal, lognormal, beta, gamma: the standard deviation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sd: Option<f64>,
    /// lognormal: mean of the logarithm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mu: Option<f64>,
    /// lognormal: standard deviation of the logarithm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sigma: Option<f64>,
    /// normal, lognormal, triangular, pert: the 5th percentile (with `p95`, a 90% interval).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p5: Option<f64>,
    /// normal, lognormal, triangular, pert: the 95th percentile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p95: Option<f64>,
    /// beta: first shape parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha: Option<f64>,
    /// beta: second shape parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beta: Option<f64>,
    /// gamma: shape parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shape: Option<f64>,
    /// gamma: scale parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    /// bernoulli: probability of 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<f64>,
    /// discrete: the values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<f64>>,
    /// discrete: relative weights of the values (default equal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weights: Option<Vec<f64>>,
}

/// A number or a distribution table.
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "the variants are public API; inputs are parsed once, not in hot loops"
)]
pub enum InputSpec {
    Constant(f64),
    Dist(DistSpec),
}

impl From<f64> for InputSpec {
    fn from(value: f64) -> Self {
        InputSpec::Constant(value)
    }
}

impl<'de> Deserialize<'de> for InputSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(InputVisitor)
    }
}

struct InputVisitor;

impl<'de> Visitor<'de> for InputVisitor {
    type Value = InputSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a number or a distribution table such as \
             { dist = \"pert\", min = 4, mode = 6, max = 10 }",
        )
    }

    fn visit_i64<E>(self, v: i64) -> Result<InputSpec, E> {
        Ok(InputSpec::Constant(v as f64))
    }

    fn visit_u64<E>(self, v: u64) -> Result<InputSpec, E> {
        Ok(InputSpec::Constant(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> Result<InputSpec, E> {
        Ok(InputSpec::Constant(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<InputSpec, A::Error> {
        DistSpec::deserialize(MapAccessDeserializer::new(map)).map(InputSpec::Dist)
    }
}

// The schema says what the hand-written Deserialize above accepts.
impl JsonSchema for InputSpec {
    fn schema_name() -> Cow<'static, str> {
        "InputSpec".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let table = generator.subschema_for::<DistSpec>();
        json_schema!({
            "description": "A number, or a distribution table such as { dist = \"pert\", min = 4, mode = 6, max = 10 }.",
            "oneOf": [{ "type": "number" }, table]
        })
    }
}

/// Schema of `dist`: the known kinds are offered for completion; the spelling is checked
/// (case-insensitively, with aliases) by [`DistSpec::build`], which names the closest kind.
fn dist_kind_schema(_: &mut SchemaGenerator) -> Schema {
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    let takes: Vec<String> = KINDS
        .iter()
        .map(|k| format!("{} ({})", k.name, k.takes))
        .collect();
    let aliases: Vec<String> = ALIASES.iter().map(|(a, k)| format!("{a} = {k}")).collect();
    json_schema!({
        "description": format!(
            "The kind of distribution: {}. Case does not matter; also accepted: {}.",
            takes.join("; "),
            aliases.join(", ")
        ),
        "type": "string",
        "anyOf": [{ "enum": kinds }, { "type": "string" }]
    })
}

impl Serialize for InputSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            InputSpec::Constant(v) => serializer.serialize_f64(*v),
            InputSpec::Dist(spec) => spec.serialize(serializer),
        }
    }
}

// ---------------------------------------------------------------------------
// From table to distribution
// ---------------------------------------------------------------------------

/// One distribution kind as written in `dist = "…"`.
struct Kind {
    name: &'static str,
    keys: &'static [&'static str],
    takes: &'static str,
}

const KINDS: [Kind; 11] = [
    Kind {
        name: "constant",
        keys: &["value"],
        takes: "value",
    },
    Kind {
        name: "uniform",
        keys: &["min", "max"],
        takes: "min and max",
    },
    Kind {
        name: "triangular",
        keys: &["min", "mode", "max", "p5", "p95"],
        takes: "mode and either min and max, or p5 and p95 (a 90% interval)",
    },
    Kind {
        name: "pert",
        keys: &["min", "mode", "max", "p5", "p95", "lambda"],
        takes: "mode and either min and max, or p5 and p95 (a 90% interval), and optionally lambda",
    },
    Kind {
        name: "normal",
        keys: &["mean", "sd", "p5", "p95", "min", "max"],
        takes: "either mean and sd, or p5 and p95 (a 90% interval), and optionally min and max (truncation bounds)",
    },
    Kind {
        name: "lognormal",
        keys: &["mu", "sigma", "mean", "sd", "p5", "p95"],
        takes: "either mu and sigma, or mean and sd, or p5 and p95",
    },
    Kind {
        name: "beta",
        keys: &["alpha", "beta", "mean", "sd"],
        takes: "either alpha and beta, or mean and sd",
    },
    Kind {
        name: "gamma",
        keys: &["shape", "scale", "mean", "sd"],
        takes: "either shape and scale, or mean and sd",
    },
    Kind {
        name: "discrete",
        keys: &["values", "weights"],
        takes: "values and optionally weights",
    },
    Kind {
        name: "discrete_uniform",
        keys: &["min", "max"],
        takes: "min and max (whole numbers; each value between them equally likely)",
    },
    Kind {
        name: "bernoulli",
        keys: &["p"],
        takes: "p",
    },
];

/// Other spellings accepted for `dist`, with the kind they stand for.
const ALIASES: [(&str, &str); 4] = [
    ("beta-pert", "pert"),
    ("betapert", "pert"),
    ("log-normal", "lognormal"),
    ("triangle", "triangular"),
];

fn find_kind(name: &str) -> Result<&'static Kind, ParamError> {
    let wanted = name.trim().to_ascii_lowercase();
    let canonical = ALIASES
        .iter()
        .find(|(alias, _)| *alias == wanted)
        .map_or(wanted.as_str(), |(_, kind)| kind);
    KINDS
        .iter()
        .find(|kind| kind.name == canonical)
        .ok_or_else(|| unknown_kind(name, &wanted))
}

fn unknown_kind(name: &str, wanted: &str) -> ParamError {
    let known = KINDS.map(|kind| kind.name).join(", ");
    let closest = KINDS
        .iter()
        .map(|kind| (kind.name, kind.name))
        .chain(ALIASES)
        .map(|(spelling, kind)| (strsim::normalized_damerau_levenshtein(wanted, spelling), kind))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let message = match closest {
        Some((score, kind)) if score >= 0.5 => {
            format!("unknown distribution `{name}`; did you mean `{kind}`? Known: {known}")
        }
        _ => format!("unknown distribution `{name}`; known: {known}"),
    };
    ParamError::at("dist", message)
}

impl DistSpec {
    /// The numeric keys with their values, in a fixed order.
    fn numbers(&self) -> [(&'static str, Option<f64>); 16] {
        [
            ("value", self.value),
            ("min", self.min),
            ("mode", self.mode),
            ("max", self.max),
            ("lambda", self.lambda),
            ("mean", self.mean),
            ("sd", self.sd),
            ("mu", self.mu),
            ("sigma", self.sigma),
            ("p5", self.p5),
            ("p95", self.p95),
            ("alpha", self.alpha),
            ("beta", self.beta),
            ("shape", self.shape),
            ("scale", self.scale),
            ("p", self.p),
        ]
    }

    fn number(&self, key: &str) -> Option<f64> {
        self.numbers()
            .into_iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v)
    }

    /// The keys given in the table besides `dist`.
    fn present_keys(&self) -> Vec<&'static str> {
        let lists = [
            ("values", self.values.is_some()),
            ("weights", self.weights.is_some()),
        ];
        self.numbers()
            .into_iter()
            .filter_map(|(key, v)| v.map(|_| key))
            .chain(lists.into_iter().filter_map(|(key, given)| given.then_some(key)))
            .collect()
    }

    /// Validates the table, reporting every problem it can find.
    pub fn build(&self) -> Result<Dist, Vec<ParamError>> {
        let kind = find_kind(&self.dist).map_err(|e| vec![e])?;
        let mut t = Table::new(self, kind);
        match kind.name {
            "constant" => {
                let [value] = t.needs(["value"]);
                t.finish(|| Dist::constant(value))
            }
            "uniform" => {
                let [min, max] = t.needs(["min", "max"]);
                t.finish(|| Dist::uniform(min, max))
            }
            "triangular" => {
                let bounds = t.choose(&[["min", "max"], ["p5", "p95"]]);
                let [mode] = t.needs(["mode"]);
                match bounds {
                    Some((0, [min, max])) => t.finish(|| Dist::triangular(min, mode, max)),
                    Some((_, [p5, p95])) => t.finish(|| Dist::triangular_from_p5_p95(p5, mode, p95)),
                    None => Err(t.errors),
                }
            }
            "pert" => {
                let bounds = t.choose(&[["min", "max"], ["p5", "p95"]]);
                let [mode] = t.needs(["mode"]);
                let lambda = self.lambda.unwrap_or(DEFAULT_PERT_LAMBDA);
                match bounds {
                    Some((0, [min, max])) => t.finish(|| Dist::pert(min, mode, max, lambda)),
                    Some((_, [p5, p95])) => t.finish(|| Dist::pert_from_p5_p95(p5, mode, p95, lambda)),
                    None => Err(t.errors),
                }
            }
            "normal" => match t.choose(&[["mean", "sd"], ["p5", "p95"]]) {
                Some((0, [mean, sd])) => t.finish(|| Dist::normal(mean, sd, self.min, self.max)),
                Some((_, [p5, p95])) => t.finish(|| Dist::normal_from_p5_p95(p5, p95, self.min, self.max)),
                None => Err(t.errors),
            },
            "lognormal" => match t.choose(&[["mu", "sigma"], ["mean", "sd"], ["p5", "p95"]]) {
                Some((0, [mu, sigma])) => t.finish(|| Dist::lognormal(mu, sigma)),
                Some((1, [mean, sd])) => t.finish(|| Dist::lognormal_from_mean_sd(mean, sd)),
                Some((_, [p5, p95])) => t.finish(|| Dist::lognormal_from_p5_p95(p5, p95)),
                None => Err(t.errors),
            },
            "beta" => match t.choose(&[["alpha", "beta"], ["mean", "sd"]]) {
                Some((0, [alpha, beta])) => t.finish(|| Dist::beta(alpha, beta)),
                Some((_, [mean, sd])) => t.finish(|| Dist::beta_from_mean_sd(mean, sd)),
                None => Err(t.errors),
            },
            "gamma" => match t.choose(&[["shape", "scale"], ["mean", "sd"]]) {
                Some((0, [shape, scale])) => t.finish(|| Dist::gamma(shape, scale)),
                Some((_, [mean, sd])) => t.finish(|| Dist::gamma_from_mean_sd(mean, sd)),
                None => Err(t.errors),
            },
            "discrete" => {
                let values = self.values.as_deref().unwrap_or_default();
                if self.values.is_none() {
                    t.missing("values");
                }
                t.finish(|| Dist::discrete(values, self.weights.as_deref()))
            }
            "discrete_uniform" => {
                let [min, max] = t.needs(["min", "max"]);
                t.finish(|| Dist::discrete_uniform(min, max))
            }
            _ => {
                // bernoulli, the last of KINDS
                let [p] = t.needs(["p"]);
                t.finish(|| Dist::bernoulli(p))
            }
        }
    }
}

impl InputSpec {
    /// Validates the input; a bare number must be finite.
    pub fn build(&self) -> Result<Dist, Vec<ParamError>> {
        match self {
            InputSpec::Constant(v) => Dist::constant(*v).map_err(|e| vec![ParamError { param: None, ..e }]),
            InputSpec::Dist(spec) => spec.build(),
        }
    }
}

/// A distribution table being checked: collects problems as keys are read.
struct Table<'a> {
    spec: &'a DistSpec,
    kind: &'static Kind,
    errors: Vec<ParamError>,
}

impl<'a> Table<'a> {
    /// Starts with the problems visible without choosing a parametrization:
    /// keys foreign to the kind, and numbers that are not finite.
    fn new(spec: &'a DistSpec, kind: &'static Kind) -> Self {
        let foreign = spec
            .present_keys()
            .into_iter()
            .filter(|key| !kind.keys.contains(key))
            .map(|key| {
                let message = format!(
                    "`{key}` is not a parameter of {0}; {0} takes {1}",
                    kind.name, kind.takes
                );
                ParamError::at(key, message)
            });
        let non_finite = spec
            .numbers()
            .into_iter()
            .filter(|(key, _)| kind.keys.contains(key))
            .filter_map(|(key, v)| finite(key, v?).err());
        let errors = foreign.chain(non_finite).collect();
        Table { spec, kind, errors }
    }

    fn missing(&mut self, key: &str) {
        let message = format!("{} needs `{key}`", self.kind.name);
        self.errors.push(ParamError::at(key, message));
    }

    /// The values of required keys (NaN for missing ones, which are reported).
    fn needs<const N: usize>(&mut self, keys: [&str; N]) -> [f64; N] {
        keys.map(|key| {
            self.spec.number(key).unwrap_or_else(|| {
                self.missing(key);
                f64::NAN
            })
        })
    }

    /// Picks the one parametrization whose keys appear in the table.
    fn choose(&mut self, groups: &[[&str; 2]]) -> Option<(usize, [f64; 2])> {
        let present = self.spec.present_keys();
        let used: Vec<usize> = (0..groups.len())
            .filter(|&i| groups[i].iter().any(|key| present.contains(key)))
            .collect();
        if let [i] = used[..] {
            Some((i, self.needs(groups[i])))
        } else {
            let message = format!("{} takes {}", self.kind.name, self.kind.takes);
            self.errors.push(ParamError::whole(message));
            None
        }
    }

    /// Builds the distribution if no problem has been found so far.
    fn finish(self, make: impl FnOnce() -> Result<Dist, ParamError>) -> Result<Dist, Vec<ParamError>> {
        if self.errors.is_empty() {
            make().map_err(|e| vec![e])
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Row {
        x: InputSpec,
    }

    fn parse(toml_text: &str) -> InputSpec {
        toml::from_str::<Row>(toml_text).expect("valid TOML").x
    }

    /// The problems `build` reports for `x = { <table> }`.
    fn problems(table: &str) -> Vec<ParamError> {
        parse(&format!("x = {{ {table} }}"))
            .build()
            .expect_err("invalid table")
    }

    fn params(errors: &[ParamError]) -> Vec<Option<&str>> {
        errors.iter().map(|e| e.param.as_deref()).collect()
    }

    #[test]
    fn invalid_values_name_the_parameter() {
        let cases = [
            (r#"dist = "uniform", min = 5, max = 3"#, "min"),
            (r#"dist = "triangular", min = 1, mode = 0, max = 3"#, "mode"),
            (
                r#"dist = "pert", min = 4, mode = 6, max = 10, lambda = -1"#,
                "lambda",
            ),
            (r#"dist = "normal", mean = 1, sd = -1"#, "sd"),
            (r#"dist = "normal", mean = 1, sd = 1, min = 3, max = 2"#, "min"),
            (r#"dist = "lognormal", mu = 1, sigma = -0.1"#, "sigma"),
            (r#"dist = "lognormal", mean = -1, sd = 1"#, "mean"),
            (r#"dist = "lognormal", p5 = 18, p95 = 4"#, "p5"),
            (r#"dist = "lognormal", p5 = 4, p95 = 4"#, "p5"),
            (r#"dist = "lognormal", p5 = 0, p95 = 4"#, "p5"),
            (r#"dist = "pert", p5 = 4, mode = 12, p95 = 10"#, "mode"),
            (r#"dist = "pert", p5 = 10, mode = 6, p95 = 4"#, "p5"),
            (r#"dist = "triangular", p5 = 4, mode = 4, p95 = 10"#, "mode"),
            (r#"dist = "beta", alpha = 0, beta = 1"#, "alpha"),
            (r#"dist = "beta", alpha = 1, beta = -2"#, "beta"),
            (r#"dist = "beta", mean = 1.2, sd = 0.1"#, "mean"),
            (r#"dist = "beta", mean = 0.5, sd = 0.5"#, "sd"),
            (r#"dist = "beta", mean = 0.5, sd = 0.0001"#, "sd"),
            (r#"dist = "gamma", shape = 0, scale = 1"#, "shape"),
            (r#"dist = "gamma", shape = 1, scale = -1"#, "scale"),
            (r#"dist = "gamma", mean = 0, sd = 1"#, "mean"),
            (r#"dist = "discrete", values = []"#, "values"),
            (r#"dist = "discrete", values = [1, 2], weights = [1]"#, "weights"),
            (
                r#"dist = "discrete", values = [1, 2], weights = [1, -1]"#,
                "weights",
            ),
            (
                r#"dist = "discrete", values = [1, 2], weights = [0, 0]"#,
                "weights",
            ),
            (r#"dist = "discrete", values = [1, nan]"#, "values"),
            (r#"dist = "bernoulli", p = 1.2"#, "p"),
            (r#"dist = "constant", value = inf"#, "value"),
            (r#"dist = "pert", min = 4, mode = nan, max = 10"#, "mode"),
        ];
        for (table, param) in cases {
            let errors = problems(table);
            assert_eq!(params(&errors), [Some(param)], "{table}: {errors:?}");
        }
    }

    #[test]
    fn messages_say_what_is_wrong_and_what_is_allowed() {
        let cases = [
            (
                r#"dist = "pert", min = 4, mode = 12, max = 10"#,
                "`mode` (12) must lie between `min` (4) and `max` (10)",
            ),
            (
                r#"dist = "bernoulli", p = 1.2"#,
                "`p` must be between 0 and 1 (got 1.2)",
            ),
            (
                r#"dist = "pert", min = 4, mode = 6, max = 10, sd = 1"#,
                "`sd` is not a parameter of pert; pert takes mode and either min and max, or p5 and p95 \
                 (a 90% interval), and optionally lambda",
            ),
            (r#"dist = "pert", min = 4, max = 10"#, "pert needs `mode`"),
            (r#"dist = "pert", p5 = 4, p95 = 10"#, "pert needs `mode`"),
            (
                r#"dist = "triangular", min = 1, p5 = 4, mode = 6, p95 = 10"#,
                "triangular takes mode and either min and max, or p5 and p95 (a 90% interval)",
            ),
            (
                r#"dist = "lognormal", mu = 1, sigma = 1, mean = 3"#,
                "lognormal takes either mu and sigma, or mean and sd, or p5 and p95",
            ),
            (
                r#"dist = "normal", mean = 1, sd = nan"#,
                "`sd` must be a finite number (got NaN)",
            ),
        ];
        for (table, message) in cases {
            let errors = problems(table);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].message, message);
            assert_eq!(errors[0].to_string(), message);
        }
    }

    #[test]
    fn unknown_kind_suggests_the_closest() {
        let errors = problems(r#"dist = "prt", min = 1, mode = 2, max = 3"#);
        assert_eq!(params(&errors), [Some("dist")]);
        assert!(
            errors[0]
                .message
                .starts_with("unknown distribution `prt`; did you mean `pert`?")
        );
        assert!(
            errors[0]
                .message
                .contains("Known: constant, uniform, triangular, pert")
        );
        let errors = problems(r#"dist = "log-norm", mu = 1, sigma = 1"#);
        assert!(
            errors[0].message.contains("did you mean `lognormal`?"),
            "{errors:?}"
        );
        let errors = problems(r#"dist = "zipf""#);
        assert!(!errors[0].message.contains("did you mean"), "{errors:?}");
    }

    #[test]
    fn aliases_are_accepted() {
        let cases = [
            (r#"dist = "beta-pert", min = 1, mode = 2, max = 3"#, "pert"),
            (r#"dist = "BetaPERT", min = 1, mode = 2, max = 3"#, "pert"),
            (r#"dist = "log-normal", mu = 1, sigma = 1"#, "lognormal"),
            (r#"dist = "triangle", min = 1, mode = 2, max = 3"#, "triangular"),
        ];
        for (table, kind) in cases {
            let d = parse(&format!("x = {{ {table} }}")).build().unwrap();
            assert_eq!(d.kind(), kind);
        }
    }

    #[test]
    fn several_problems_are_all_reported() {
        let errors = problems(r#"dist = "pert", min = 4, max = nan, sd = 1"#);
        assert_eq!(
            params(&errors),
            [Some("sd"), Some("max"), Some("mode")],
            "{errors:?}"
        );
        let errors = problems(r#"dist = "lognormal", min = 1"#);
        assert_eq!(params(&errors), [Some("min"), None], "{errors:?}");
        let errors = problems(r#"dist = "gamma", mean = 3"#);
        assert_eq!(params(&errors), [Some("sd")], "{errors:?}");
        assert_eq!(errors[0].message, "gamma needs `sd`");
    }

    #[test]
    fn defaults_and_valid_tables_build() {
        let pert = parse(r#"x = { dist = "pert", min = 4, mode = 6, max = 10 }"#)
            .build()
            .unwrap();
        assert_eq!(pert, Dist::pert(4.0, 6.0, 10.0, DEFAULT_PERT_LAMBDA).unwrap());
        let pert = parse(r#"x = { dist = "pert", p5 = 4, mode = 6, p95 = 10 }"#)
            .build()
            .unwrap();
        assert_eq!(
            pert,
            Dist::pert_from_p5_p95(4.0, 6.0, 10.0, DEFAULT_PERT_LAMBDA).unwrap()
        );
        assert!((pert.quantile(0.95) - 10.0).abs() < 1e-6);
        let tri = parse(r#"x = { dist = "triangle", p5 = 4, mode = 6, p95 = 10 }"#)
            .build()
            .unwrap();
        assert!((tri.quantile(0.05) - 4.0).abs() < 1e-6);
        let discrete = parse(r#"x = { dist = "discrete", values = [1, 2] }"#)
            .build()
            .unwrap();
        assert_eq!(discrete.mean(), 1.5);
        assert_eq!(parse("x = 3").build().unwrap().as_constant(), Some(3.0));
        let errors = InputSpec::Constant(f64::NAN).build().unwrap_err();
        assert_eq!(params(&errors), [None]);
        let narrow = Dist::normal(0.0, 1.0, Some(40.0), None).unwrap_err();
        assert_eq!(narrow.param, None);
    }

    // ---- deserialization ----

    #[test]
    fn numbers_and_tables_deserialize() {
        assert_eq!(parse("x = 3"), InputSpec::Constant(3.0));
        assert_eq!(parse("x = 2.5"), InputSpec::Constant(2.5));
        let InputSpec::Dist(spec) = parse(r#"x = { dist = "pert", min = 1, mode = 2, max = 3 }"#) else {
            panic!("expected a table");
        };
        assert_eq!(spec.dist, "pert");
        assert_eq!((spec.min, spec.mode, spec.max), (Some(1.0), Some(2.0), Some(3.0)));
        assert_eq!((spec.lambda, spec.sd), (None, None));
    }

    #[test]
    fn unknown_key_is_a_located_toml_error() {
        let text = "x = { dist = \"normal\", mean = 1, sdd = 1 }";
        let error = toml::from_str::<Row>(text).unwrap_err();
        assert!(error.span().is_some(), "{error}");
        assert!(error.message().contains("unknown field `sdd`"), "{error}");
    }

    #[test]
    fn other_values_are_rejected_with_an_example() {
        let error = toml::from_str::<Row>("x = \"six\"").unwrap_err();
        assert!(
            error
                .message()
                .contains("expected a number or a distribution table such as"),
            "{error}"
        );
        assert!(error.span().is_some());
    }

    #[test]
    fn inputs_round_trip_through_toml() {
        for text in [
            "x = 2.5",
            r#"x = { dist = "discrete", values = [1, 2], weights = [3, 1] }"#,
        ] {
            let row = toml::from_str::<Row>(text).unwrap();
            let written = toml::to_string(&row).unwrap();
            assert_eq!(toml::from_str::<Row>(&written).unwrap(), row, "{written}");
        }
        assert_eq!(InputSpec::from(4.0), InputSpec::Constant(4.0));
    }
}
