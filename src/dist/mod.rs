//! Uncertain numeric inputs: the distribution notation of scenario files, its
//! validation, and the validated distributions the simulation samples from.
//!
//! A scenario gives every numeric input either as a bare number or as an inline
//! table such as `{ dist = "pert", min = 4, mode = 6, max = 10 }`. [`InputSpec`]
//! and [`DistSpec`] are those raw forms as read from TOML; [`DistSpec::build`]
//! checks a table and reports every problem it can find as [`ParamError`]s that
//! name the offending key. [`Dist`] is the validated result: a fast,
//! allocation-free sampler for the simulation loop, plus quantile function, cdf,
//! analytical moments, support and a short English description.

pub mod copula;

use std::borrow::Cow;
use std::f64::consts::{PI, SQRT_2};
use std::fmt;
use std::sync::OnceLock;

use rand::distr::weighted::WeightedIndex;
use rand_distr::{Distribution, Open01, StandardNormal, StandardUniform};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use statrs::distribution::{Continuous, ContinuousCDF};
use statrs::function::erf::{erfc, erfc_inv};

/// PERT shape parameter used when `lambda` is not given.
pub const DEFAULT_PERT_LAMBDA: f64 = 4.0;
/// Φ⁻¹(0.95): turns a 90% interval into a lognormal sigma.
const Z95: f64 = 1.644_853_626_951_472_2;
/// Largest beta/gamma shape parameter accepted: beyond it statrs' incomplete
/// beta and gamma functions lose accuracy (and such a narrow law is a normal).
const MAX_SHAPE: f64 = 1e5;
/// Smallest beta/gamma shape parameter accepted: below it the law puts all its mass at one
/// end, and statrs' incomplete beta function fails on it.
const MIN_SHAPE: f64 = 1e-3;
/// A truncated normal keeping at least this share of the probability is
/// sampled by rejection from the full normal; narrower ones by inversion.
const REJECTION_MIN_MASS: f64 = 0.25;
/// Iteration cap of the numerical quantile solver (it converges in far fewer).
const MAX_SOLVER_STEPS: usize = 300;

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
    /// uniform, triangular, pert: the lowest value; normal: optional lower truncation bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// triangular, pert: the most likely value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<f64>,
    /// uniform, triangular, pert: the highest value; normal: optional upper truncation bound.
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
    /// lognormal: the 5th percentile (with `p95`, a 90% interval).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p5: Option<f64>,
    /// lognormal: the 95th percentile.
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
// Errors
// ---------------------------------------------------------------------------

/// What is wrong with one parameter of a distribution table.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    /// The key inside the table at fault (`"mode"`, `"dist"`, …), or `None`
    /// when the problem concerns the table as a whole.
    pub param: Option<String>,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl ParamError {
    fn at(param: &str, message: impl Into<String>) -> Self {
        ParamError {
            param: Some(param.to_string()),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> Self {
        ParamError {
            param: None,
            message: message.into(),
        }
    }

    /// An error of a dependency for inputs this module already validated.
    fn internal(error: impl fmt::Display) -> Self {
        ParamError::whole(format!("internal error: {error}"))
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParamError {}

fn finite(param: &str, v: f64) -> Result<f64, ParamError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!("`{param}` must be a finite number (got {})", num(v)),
        ))
    }
}

fn positive(param: &str, v: f64) -> Result<f64, ParamError> {
    if finite(param, v)? > 0.0 {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!("`{param}` must be positive (got {})", num(v)),
        ))
    }
}

fn non_negative(param: &str, v: f64) -> Result<f64, ParamError> {
    if finite(param, v)? >= 0.0 {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!("`{param}` must be zero or positive (got {})", num(v)),
        ))
    }
}

/// A shape parameter of a beta or gamma: between [`MIN_SHAPE`] and [`MAX_SHAPE`].
fn shape_param(param: &str, v: f64) -> Result<f64, ParamError> {
    if positive(param, v)? < MIN_SHAPE {
        Err(ParamError::at(
            param,
            format!(
                "`{param}` must be at least {} (got {}); a law that skewed puts all its \
                 mass at one end: use a constant or a discrete law",
                num(MIN_SHAPE),
                num(v)
            ),
        ))
    } else if v <= MAX_SHAPE {
        Ok(v)
    } else {
        Err(ParamError::at(
            param,
            format!(
                "`{param}` must be at most {} (got {}); a distribution that narrow \
                 is better written as a normal",
                num(MAX_SHAPE),
                num(v)
            ),
        ))
    }
}

/// PERT's λ: positive and at most [`MAX_SHAPE`] (the shapes it gives are at least 1).
fn pert_lambda(v: f64) -> Result<f64, ParamError> {
    if positive("lambda", v)? <= MAX_SHAPE {
        Ok(v)
    } else {
        Err(ParamError::at(
            "lambda",
            format!(
                "`lambda` must be at most {} (got {}); a distribution that narrow is better \
                 written as a normal",
                num(MAX_SHAPE),
                num(v)
            ),
        ))
    }
}

/// `sd` of a mean/sd parametrization that implies a shape above [`MAX_SHAPE`].
fn check_not_too_narrow(kind: &str, mean: f64, sd: f64, shape: f64) -> Result<(), ParamError> {
    if shape <= MAX_SHAPE {
        return Ok(());
    }
    Err(ParamError::at(
        "sd",
        format!(
            "`sd` ({}) is too small for `mean` ({}): the {kind} would need a shape \
             parameter of {}, above the {} that can be computed reliably; use a normal instead",
            num(sd),
            num(mean),
            num(shape),
            num(MAX_SHAPE)
        ),
    ))
}

fn check_range(min: f64, max: f64) -> Result<(), ParamError> {
    finite("min", min)?;
    finite("max", max)?;
    check_order(min, max)
}

fn check_order(min: f64, max: f64) -> Result<(), ParamError> {
    if min <= max {
        Ok(())
    } else {
        Err(ParamError::at(
            "min",
            format!("`min` ({}) must not exceed `max` ({})", num(min), num(max)),
        ))
    }
}

fn check_mode(min: f64, mode: f64, max: f64) -> Result<(), ParamError> {
    if (min..=max).contains(&finite("mode", mode)?) {
        Ok(())
    } else {
        Err(ParamError::at(
            "mode",
            format!(
                "`mode` ({}) must lie between `min` ({}) and `max` ({})",
                num(mode),
                num(min),
                num(max)
            ),
        ))
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

const KINDS: [Kind; 10] = [
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
        keys: &["min", "mode", "max"],
        takes: "min, mode and max",
    },
    Kind {
        name: "pert",
        keys: &["min", "mode", "max", "lambda"],
        takes: "min, mode, max and optionally lambda",
    },
    Kind {
        name: "normal",
        keys: &["mean", "sd", "min", "max"],
        takes: "mean and sd, and optionally min and max (truncation bounds)",
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
                let [min, mode, max] = t.needs(["min", "mode", "max"]);
                t.finish(|| Dist::triangular(min, mode, max))
            }
            "pert" => {
                let [min, mode, max] = t.needs(["min", "mode", "max"]);
                let lambda = self.lambda.unwrap_or(DEFAULT_PERT_LAMBDA);
                t.finish(|| Dist::pert(min, mode, max, lambda))
            }
            "normal" => {
                let [mean, sd] = t.needs(["mean", "sd"]);
                t.finish(|| Dist::normal(mean, sd, self.min, self.max))
            }
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

// ---------------------------------------------------------------------------
// The validated distribution
// ---------------------------------------------------------------------------

/// A validated distribution, ready to sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Dist {
    kind: &'static str,
    label: String,
    law: Law,
}

/// The mathematical law behind a [`Dist`], with everything precomputed.
#[derive(Debug, Clone, PartialEq)]
enum Law {
    Constant(f64),
    Uniform { min: f64, max: f64 },
    Triangular(Triangular),
    ScaledBeta(ScaledBeta),
    Normal(TruncNormal),
    LogNormal(LogNormal),
    Gamma(GammaLaw),
    Discrete(Discrete),
}

impl Dist {
    fn new(kind: &'static str, label: String, law: Law) -> Self {
        Dist { kind, label, law }
    }

    /// A fixed value.
    pub fn constant(value: f64) -> Result<Dist, ParamError> {
        finite("value", value)?;
        Ok(Dist::new("constant", num(value), Law::Constant(value)))
    }

    /// Uniform on [min, max]; min == max is a constant.
    pub fn uniform(min: f64, max: f64) -> Result<Dist, ParamError> {
        check_range(min, max)?;
        let label = format!("uniform(min {}, max {})", num(min), num(max));
        let law = if min == max {
            Law::Constant(min)
        } else {
            Law::Uniform { min, max }
        };
        Ok(Dist::new("uniform", label, law))
    }

    /// Triangular on [min, max] with its peak at `mode`.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, ParamError> {
        check_range(min, max)?;
        check_mode(min, mode, max)?;
        let label = format!(
            "triangular(min {}, mode {}, max {})",
            num(min),
            num(mode),
            num(max)
        );
        let law = if min == max {
            Law::Constant(min)
        } else {
            Law::Triangular(Triangular::new(min, mode, max)?)
        };
        Ok(Dist::new("triangular", label, law))
    }

    /// Beta-PERT on [min, max] with its peak at `mode`; `lambda` (usually 4)
    /// sets how strongly the mass concentrates around the mode.
    pub fn pert(min: f64, mode: f64, max: f64, lambda: f64) -> Result<Dist, ParamError> {
        check_range(min, max)?;
        check_mode(min, mode, max)?;
        // α and β are 1 + λ·(share of the range) ≥ 1, so a small λ is harmless.
        pert_lambda(lambda)?;
        let mut label = format!("PERT(min {}, mode {}, max {}", num(min), num(mode), num(max));
        if lambda != DEFAULT_PERT_LAMBDA {
            label += &format!(", lambda {}", num(lambda));
        }
        label += ")";
        let law = if min == max {
            Law::Constant(min)
        } else {
            let range = max - min;
            let alpha = 1.0 + lambda * (mode - min) / range;
            let beta = 1.0 + lambda * (max - mode) / range;
            Law::ScaledBeta(ScaledBeta::new(min, max, alpha, beta)?)
        };
        Ok(Dist::new("pert", label, law))
    }

    /// Normal, optionally truncated to [min, max]; sd = 0 is a constant
    /// (the mean, clamped to the bounds), as is min == max.
    pub fn normal(mean: f64, sd: f64, min: Option<f64>, max: Option<f64>) -> Result<Dist, ParamError> {
        finite("mean", mean)?;
        non_negative("sd", sd)?;
        let lo = min.map(|v| finite("min", v)).transpose()?;
        let hi = max.map(|v| finite("max", v)).transpose()?;
        let (lo, hi) = (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY));
        check_order(lo, hi)?;
        let mut label = format!("normal(mean {}, sd {}", num(mean), num(sd));
        for (key, bound) in [("min", min), ("max", max)] {
            if let Some(b) = bound {
                label += &format!(", {key} {}", num(b));
            }
        }
        label += ")";
        let law = if sd == 0.0 {
            Law::Constant(mean.clamp(lo, hi))
        } else if lo == hi {
            Law::Constant(lo)
        } else {
            Law::Normal(TruncNormal::new(mean, sd, lo, hi)?)
        };
        Ok(Dist::new("normal", label, law))
    }

    /// Lognormal: ln X is normal with mean `mu` and sd `sigma`.
    pub fn lognormal(mu: f64, sigma: f64) -> Result<Dist, ParamError> {
        finite("mu", mu)?;
        non_negative("sigma", sigma)?;
        let label = format!("lognormal(mu {}, sigma {})", num(mu), num(sigma));
        Dist::lognormal_labelled(mu, sigma, label)
    }

    /// Lognormal with the given mean and sd of the variable itself.
    pub fn lognormal_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, ParamError> {
        positive("mean", mean)?;
        non_negative("sd", sd)?;
        let var_log = (sd / mean).powi(2).ln_1p();
        let label = format!("lognormal(mean {}, sd {})", num(mean), num(sd));
        Dist::lognormal_labelled(mean.ln() - var_log / 2.0, var_log.sqrt(), label)
    }

    /// Lognormal whose 5th and 95th percentiles are `p5` and `p95`.
    pub fn lognormal_from_p5_p95(p5: f64, p95: f64) -> Result<Dist, ParamError> {
        positive("p5", p5)?;
        finite("p95", p95)?;
        if p5 >= p95 {
            return Err(ParamError::at(
                "p5",
                format!("`p5` ({}) must be less than `p95` ({})", num(p5), num(p95)),
            ));
        }
        let (lo, hi) = (p5.ln(), p95.ln());
        let label = format!("lognormal(p5 {}, p95 {})", num(p5), num(p95));
        Dist::lognormal_labelled((lo + hi) / 2.0, (hi - lo) / (2.0 * Z95), label)
    }

    fn lognormal_labelled(mu: f64, sigma: f64, label: String) -> Result<Dist, ParamError> {
        let law = if sigma == 0.0 {
            Law::Constant(mu.exp())
        } else {
            Law::LogNormal(LogNormal::new(mu, sigma)?)
        };
        Ok(Dist::new("lognormal", label, law))
    }

    /// Beta on [0, 1] with shape parameters `alpha` and `beta`.
    pub fn beta(alpha: f64, beta: f64) -> Result<Dist, ParamError> {
        shape_param("alpha", alpha)?;
        shape_param("beta", beta)?;
        let label = format!("beta(alpha {}, beta {})", num(alpha), num(beta));
        let law = Law::ScaledBeta(ScaledBeta::new(0.0, 1.0, alpha, beta)?);
        Ok(Dist::new("beta", label, law))
    }

    /// Beta on [0, 1] with the given mean and sd (sd² < mean·(1 − mean));
    /// sd = 0 is a constant.
    pub fn beta_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, ParamError> {
        if !(finite("mean", mean)? > 0.0 && mean < 1.0) {
            return Err(ParamError::at(
                "mean",
                format!(
                    "`mean` of a beta must lie strictly between 0 and 1 (got {})",
                    num(mean)
                ),
            ));
        }
        non_negative("sd", sd)?;
        let spread = mean * (1.0 - mean);
        if sd * sd >= spread {
            return Err(ParamError::at(
                "sd",
                format!(
                    "`sd` ({}) is too large for `mean` ({}): a beta with that mean \
                     needs sd below {}",
                    num(sd),
                    num(mean),
                    num(spread.sqrt())
                ),
            ));
        }
        let label = format!("beta(mean {}, sd {})", num(mean), num(sd));
        let law = if sd == 0.0 {
            Law::Constant(mean)
        } else {
            let nu = spread / (sd * sd) - 1.0;
            let (alpha, beta) = (mean * nu, (1.0 - mean) * nu);
            check_not_too_narrow("beta", mean, sd, alpha.max(beta))?;
            if alpha.min(beta) < MIN_SHAPE {
                return Err(ParamError::whole(format!(
                    "`mean` {} and `sd` {} make a beta with a shape below {}, which puts all \
                     its mass at one end; use a smaller `sd` or a discrete law",
                    num(mean),
                    num(sd),
                    num(MIN_SHAPE)
                )));
            }
            Law::ScaledBeta(ScaledBeta::new(0.0, 1.0, alpha, beta)?)
        };
        Ok(Dist::new("beta", label, law))
    }

    /// Gamma with the given shape and scale (mean = shape · scale).
    pub fn gamma(shape: f64, scale: f64) -> Result<Dist, ParamError> {
        shape_param("shape", shape)?;
        positive("scale", scale)?;
        let label = format!("gamma(shape {}, scale {})", num(shape), num(scale));
        Ok(Dist::new(
            "gamma",
            label,
            Law::Gamma(GammaLaw::new(shape, scale)?),
        ))
    }

    /// Gamma with the given mean and sd; sd = 0 is a constant.
    pub fn gamma_from_mean_sd(mean: f64, sd: f64) -> Result<Dist, ParamError> {
        positive("mean", mean)?;
        non_negative("sd", sd)?;
        let label = format!("gamma(mean {}, sd {})", num(mean), num(sd));
        let law = if sd == 0.0 {
            Law::Constant(mean)
        } else {
            let shape = (mean / sd).powi(2);
            check_not_too_narrow("gamma", mean, sd, shape)?;
            if shape < MIN_SHAPE {
                return Err(ParamError::whole(format!(
                    "`mean` {} and `sd` {} make a gamma with a shape below {}; use a \
                     smaller `sd`",
                    num(mean),
                    num(sd),
                    num(MIN_SHAPE)
                )));
            }
            Law::Gamma(GammaLaw::new(shape, sd * sd / mean)?)
        };
        Ok(Dist::new("gamma", label, law))
    }

    /// One of `values`, drawn with probabilities proportional to `weights`
    /// (equal when `None`).
    pub fn discrete(values: &[f64], weights: Option<&[f64]>) -> Result<Dist, ParamError> {
        if values.is_empty() {
            return Err(ParamError::at("values", "`values` must list at least one number"));
        }
        if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::at(
                "values",
                format!("`values` must all be finite numbers (got {})", num(*bad)),
            ));
        }
        if let Some(w) = weights {
            check_weights(w, values.len())?;
        }
        let equal = vec![1.0; values.len()];
        let law = Discrete::law(values, weights.unwrap_or(&equal))?;
        Ok(Dist::new("discrete", discrete_label(values, weights), law))
    }

    /// 1 with probability `p`, else 0.
    pub fn bernoulli(p: f64) -> Result<Dist, ParamError> {
        if !(0.0..=1.0).contains(&finite("p", p)?) {
            return Err(ParamError::at(
                "p",
                format!("`p` must be between 0 and 1 (got {})", num(p)),
            ));
        }
        let label = format!("bernoulli(p {})", num(p));
        Ok(Dist::new(
            "bernoulli",
            label,
            Discrete::law(&[0.0, 1.0], &[1.0 - p, p])?,
        ))
    }

    /// One draw, by the fastest exact method for the law.
    pub fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match &self.law {
            Law::Constant(v) => *v,
            Law::Uniform { min, max } => {
                let u: f64 = StandardUniform.sample(rng);
                min + (max - min) * u
            }
            Law::Triangular(t) => t.sampler.sample(rng),
            Law::ScaledBeta(b) => b.sample(rng),
            Law::Normal(n) => n.sample(rng),
            Law::LogNormal(l) => l.sampler.sample(rng),
            Law::Gamma(g) => g.sampler.sample(rng),
            Law::Discrete(d) => d.values.get(d.index.sample(rng)).copied().unwrap_or(f64::NAN),
        }
    }

    /// The quantile at u = Φ(z) for a standard normal score z (the Gaussian copula draws
    /// scores): the same value as `quantile(Φ(z))`, computed without forming Φ(z) where the
    /// law allows, which is faster and keeps the precision of the far tails.
    pub fn quantile_at_score(&self, z: f64) -> f64 {
        match &self.law {
            Law::ScaledBeta(b) => b.at_score(z),
            Law::LogNormal(l) if z.is_finite() => (l.mu + l.sigma * z).exp(),
            Law::Normal(n) if n.how == NormalSampling::Direct && z.is_finite() => n.mean + n.sd * z,
            _ => self.quantile(std_cdf(z)),
        }
    }

    /// Inverse cdf. u is clamped to [0, 1]; 0 and 1 give the support bounds
    /// (possibly infinite); for discrete laws it is the smallest value whose
    /// cdf reaches u. NaN gives NaN.
    pub fn quantile(&self, u: f64) -> f64 {
        if u.is_nan() {
            return f64::NAN;
        }
        let (lo, hi) = self.support();
        if u <= 0.0 {
            return lo;
        }
        if u >= 1.0 {
            return hi;
        }
        match &self.law {
            Law::Constant(v) => *v,
            Law::Uniform { min, max } => (min + (max - min) * u).min(*max),
            Law::Triangular(t) => t.quantile(u),
            Law::ScaledBeta(b) => b.quantile(u),
            Law::Normal(n) => n.quantile(u),
            Law::LogNormal(l) => l.quantile(u),
            Law::Gamma(g) => g.quantile(u),
            Law::Discrete(d) => d.quantile(u),
        }
    }

    /// P(X ≤ x). NaN gives NaN.
    pub fn cdf(&self, x: f64) -> f64 {
        if x.is_nan() {
            return f64::NAN;
        }
        match &self.law {
            Law::Constant(v) => f64::from(u8::from(x >= *v)),
            Law::Uniform { min, max } => ((x - min) / (max - min)).clamp(0.0, 1.0),
            Law::Triangular(t) => t.cdf(x),
            Law::ScaledBeta(b) => b.cdf(x),
            Law::Normal(n) => n.cdf(x),
            Law::LogNormal(l) => l.cdf(x),
            Law::Gamma(g) => g.cdf(x),
            Law::Discrete(d) => d.cdf(x),
        }
    }

    pub fn mean(&self) -> f64 {
        match &self.law {
            Law::Constant(v) => *v,
            Law::Uniform { min, max } => (min + max) / 2.0,
            Law::Triangular(t) => (t.min + t.mode + t.max) / 3.0,
            Law::ScaledBeta(b) => b.min + (b.max - b.min) * b.alpha / (b.alpha + b.beta),
            Law::Normal(n) => n.mean(),
            Law::LogNormal(l) => (l.mu + l.sigma * l.sigma / 2.0).exp(),
            Law::Gamma(g) => g.shape * g.scale,
            Law::Discrete(d) => d.mean(),
        }
    }

    pub fn variance(&self) -> f64 {
        match &self.law {
            Law::Constant(_) => 0.0,
            Law::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Law::Triangular(t) => t.variance(),
            Law::ScaledBeta(b) => b.variance(),
            Law::Normal(n) => n.variance(),
            Law::LogNormal(l) => {
                let s2 = l.sigma * l.sigma;
                s2.exp_m1() * (2.0 * l.mu + s2).exp()
            }
            Law::Gamma(g) => g.shape * g.scale * g.scale,
            Law::Discrete(d) => d.variance(),
        }
    }

    /// Smallest and largest possible values (possibly infinite).
    pub fn support(&self) -> (f64, f64) {
        match &self.law {
            Law::Constant(v) => (*v, *v),
            Law::Uniform { min, max } => (*min, *max),
            Law::Triangular(t) => (t.min, t.max),
            Law::ScaledBeta(b) => (b.min, b.max),
            Law::Normal(n) => (n.min, n.max),
            Law::LogNormal(_) | Law::Gamma(_) => (0.0, f64::INFINITY),
            Law::Discrete(d) => (
                d.values.first().copied().unwrap_or(f64::NAN),
                d.values.last().copied().unwrap_or(f64::NAN),
            ),
        }
    }

    /// The value when the distribution is a constant or degenerate
    /// (e.g. uniform with min == max, normal with sd = 0).
    pub fn as_constant(&self) -> Option<f64> {
        match self.law {
            Law::Constant(v) => Some(v),
            _ => None,
        }
    }

    /// The most likely value of a triangular or PERT distribution (the `mode` the user
    /// wrote); `None` for other kinds.
    pub fn mode(&self) -> Option<f64> {
        match &self.law {
            Law::Triangular(t) => Some(t.mode),
            // PERT: alpha = 1 + λ(mode − min)/range, beta = 1 + λ(max − mode)/range.
            Law::ScaledBeta(b) if self.kind == "pert" => {
                let shape = b.alpha + b.beta - 2.0;
                let share = if shape > 0.0 { (b.alpha - 1.0) / shape } else { 0.5 };
                Some(b.min + (b.max - b.min) * share)
            }
            _ => None,
        }
    }

    /// The values of a discrete (or bernoulli) distribution with their probabilities,
    /// ascending; `None` for other kinds.
    pub fn points(&self) -> Option<Vec<(f64, f64)>> {
        match &self.law {
            Law::Discrete(d) => Some(d.values.iter().copied().zip(d.probs.iter().copied()).collect()),
            _ => None,
        }
    }

    /// The kind as written in scenario files ("pert", "lognormal", …).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// Short English description in the user's parametrization,
    /// e.g. "PERT(min 4, mode 6, max 10)".
    pub fn describe(&self) -> String {
        self.label.clone()
    }
}

impl fmt::Display for Dist {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.label)
    }
}

// ---------------------------------------------------------------------------
// The laws
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct Triangular {
    min: f64,
    mode: f64,
    max: f64,
    sampler: rand_distr::Triangular<f64>,
}

impl Triangular {
    fn new(min: f64, mode: f64, max: f64) -> Result<Self, ParamError> {
        let sampler = rand_distr::Triangular::new(min, max, mode).map_err(ParamError::internal)?;
        Ok(Triangular {
            min,
            mode,
            max,
            sampler,
        })
    }

    fn quantile(&self, u: f64) -> f64 {
        let (a, c, b) = (self.min, self.mode, self.max);
        let x = if u * (b - a) < c - a {
            a + (u * (b - a) * (c - a)).sqrt()
        } else {
            b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
        };
        x.clamp(a, b)
    }

    fn cdf(&self, x: f64) -> f64 {
        let (a, c, b) = (self.min, self.mode, self.max);
        if x <= a {
            0.0
        } else if x >= b {
            1.0
        } else if x <= c {
            (x - a).powi(2) / ((b - a) * (c - a))
        } else {
            1.0 - (b - x).powi(2) / ((b - a) * (b - c))
        }
    }

    fn variance(&self) -> f64 {
        let (a, c, b) = (self.min, self.mode, self.max);
        (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0
    }
}

/// The inverse-cdf table of a beta law spans normal scores −`SCORE_RANGE` ..= `SCORE_RANGE`
/// (probabilities 6e-16 to 1 − 6e-16) in `SCORE_INTERVALS` equal steps.
const SCORE_RANGE: f64 = 8.0;
const SCORE_INTERVALS: usize = 2048;
/// Largest interpolation error of the inverse-cdf table, on the unit scale, checked at the
/// middle of every interval against the exact solve; intervals above it are solved exactly.
const BETA_TABLE_TOLERANCE: f64 = 1e-10;

/// A beta law stretched onto [min, max] (the beta itself, and PERT).
///
/// Draws and quantiles both go through the inverse cdf: the incomplete beta function is far
/// too slow to solve on every draw (the copula needs a quantile per correlated input and
/// iteration), so the unit quantile is tabulated once per law ([`InverseTable`]) and
/// interpolated.
#[derive(Debug, Clone)]
struct ScaledBeta {
    min: f64,
    max: f64,
    alpha: f64,
    beta: f64,
    law: statrs::distribution::Beta,
    /// ln B(α, β).
    ln_norm: f64,
    /// Built on first use: validating a scenario never needs it.
    table: OnceLock<InverseTable>,
}

impl PartialEq for ScaledBeta {
    fn eq(&self, other: &Self) -> bool {
        (self.min, self.max, self.alpha, self.beta) == (other.min, other.max, other.alpha, other.beta)
    }
}

/// The unit quantile of a beta law as a function of the normal score, Q(Φ(z)), at equal
/// steps of z, with its exact slope φ(z) / pdf(Q), interpolated by cubic Hermite polynomials.
///
/// Against u the quantile is singular at both ends (it behaves like u^(1/α) near 0), which
/// no polynomial follows; against z it is smooth over the whole range, for wide and narrow
/// laws alike. Every interval is checked at its midpoint against the exact solve when the
/// table is built; an interval that misses `BETA_TABLE_TOLERANCE`, and scores beyond the
/// range, are solved exactly on every call.
#[derive(Clone)]
struct InverseTable {
    /// Q at the knots z_k = −SCORE_RANGE + k · step.
    value: Vec<f64>,
    /// step · dQ/dz at the knots.
    slope: Vec<f64>,
    /// Intervals solved exactly.
    exact: Vec<bool>,
}

/// A summary: the knots themselves would flood any message that prints a distribution.
impl fmt::Debug for InverseTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InverseTable")
            .field("intervals", &self.exact.len())
            .field("exact_intervals", &self.exact.iter().filter(|&&e| e).count())
            .finish()
    }
}

/// Knot spacing of the inverse-cdf table, in normal scores.
const SCORE_STEP: f64 = 2.0 * SCORE_RANGE / SCORE_INTERVALS as f64;

impl InverseTable {
    /// The interpolated value in interval i at position s, kept between the knot values.
    #[inline]
    fn interpolate(&self, i: usize, s: f64) -> f64 {
        let (v0, v1) = (self.value[i], self.value[i + 1]);
        let (m0, m1) = (self.slope[i], self.slope[i + 1]);
        let s2 = s * s;
        let s3 = s2 * s;
        let v = (2.0 * s3 - 3.0 * s2 + 1.0) * v0
            + (s3 - 2.0 * s2 + s) * m0
            + (3.0 * s2 - 2.0 * s3) * v1
            + (s3 - s2) * m1;
        v.clamp(v0, v1)
    }
}

impl ScaledBeta {
    fn new(min: f64, max: f64, alpha: f64, beta: f64) -> Result<Self, ParamError> {
        Ok(ScaledBeta {
            min,
            max,
            alpha,
            beta,
            law: statrs::distribution::Beta::new(alpha, beta).map_err(ParamError::internal)?,
            ln_norm: statrs::function::beta::ln_beta(alpha, beta),
            table: OnceLock::new(),
        })
    }

    fn unit_quantile(&self, u: f64, bracket: (f64, f64), start: f64) -> f64 {
        solve_cdf(|x| self.law.cdf(x), |x| self.law.pdf(x), u, bracket, start)
    }

    /// The exact unit quantile at normal score z within `bracket`; the upper half is solved
    /// on the survival function, which keeps its precision where Φ(z) rounds to 1.
    fn unit_at_score_exact(&self, z: f64, bracket: (f64, f64), start: f64) -> f64 {
        if z <= 0.0 {
            self.unit_quantile(std_cdf(z), bracket, start)
        } else {
            // cdf(x) − Φ(z) = (1 − Φ(z)) − sf(x).
            solve_cdf(
                |x| -self.law.sf(x),
                |x| self.law.pdf(x),
                -std_sf(z),
                bracket,
                start,
            )
        }
    }

    /// cdf(x) − Φ(z), formed from the survival functions in the upper half where Φ(z)
    /// rounds towards 1.
    fn score_residual(&self, z: f64, x: f64) -> f64 {
        if z <= 0.0 {
            self.law.cdf(x) - std_cdf(z)
        } else {
            std_sf(z) - self.law.sf(x)
        }
    }

    /// The beta density at x, from the precomputed normalizer (statrs recomputes it each call).
    fn density(&self, x: f64) -> f64 {
        ((self.alpha - 1.0) * x.ln() + (self.beta - 1.0) * (-x).ln_1p() - self.ln_norm).exp()
    }

    /// The unit quantile at normal score z by Newton from a close `start` inside `bracket`,
    /// stopping once a step is below 1e-9 of x (convergence is quadratic, so the error left
    /// is far below the table's tolerance); the bracketed solver when Newton misbehaves.
    fn polish(&self, z: f64, start: f64, bracket: (f64, f64)) -> f64 {
        let mut x = start;
        for _ in 0..8 {
            let step = self.score_residual(z, x) / self.density(x);
            let next = x - step;
            if !(next.is_finite() && bracket.0 <= next && next <= bracket.1) {
                break;
            }
            if step.abs() <= 1e-9 * next.abs() {
                return next;
            }
            x = next;
        }
        self.unit_at_score_exact(z, bracket, start.clamp(bracket.0, bracket.1))
    }

    fn build_table(&self) -> InverseTable {
        let n = SCORE_INTERVALS;
        let z_at = |k: f64| -SCORE_RANGE + k * SCORE_STEP;
        let mut value = Vec::with_capacity(n + 1);
        let mut slope = Vec::with_capacity(n + 1);
        // Each knot starts Newton from the previous knot's tangent, so two steps suffice.
        let (mut x, mut m) = (0.0, f64::NAN);
        for k in 0..=n {
            let z = z_at(k as f64);
            x = if m.is_finite() && m > 0.0 {
                // The solver's last bit can go either way next to a bound; the knots must not.
                self.polish(z, (x + m).min(1.0), (x, 1.0)).max(x)
            } else {
                self.unit_at_score_exact(z, (x, 1.0), (x + 1.0) / 2.0).max(x)
            };
            m = SCORE_STEP * std_pdf(z) / self.density(x);
            value.push(x);
            slope.push(m);
        }
        let mut table = InverseTable {
            value,
            slope,
            exact: vec![false; n],
        };
        // The error of x is the residual over the density, to first order.
        for i in 0..n {
            let approx = table.interpolate(i, 0.5);
            let error = self.score_residual(z_at(i as f64 + 0.5), approx) / self.density(approx);
            table.exact[i] = error.is_nan() || error.abs() > BETA_TABLE_TOLERANCE;
        }
        table
    }

    /// The unit quantile at normal score z: Q(Φ(z)).
    #[inline]
    fn unit_at_score(&self, z: f64) -> f64 {
        let t = self.table.get_or_init(|| self.build_table());
        let x = (z + SCORE_RANGE) * (1.0 / SCORE_STEP);
        if !(0.0..SCORE_INTERVALS as f64).contains(&x) {
            return if z.is_nan() {
                f64::NAN
            } else {
                self.unit_at_score_exact(z, (0.0, 1.0), 0.5)
            };
        }
        let i = x as usize;
        if t.exact[i] {
            let (lo, hi) = (t.value[i], t.value[i + 1]);
            self.unit_at_score_exact(z, (lo, hi), (lo + hi) / 2.0)
        } else {
            t.interpolate(i, x - i as f64)
        }
    }

    /// The quantile at normal score z.
    #[inline]
    fn at_score(&self, z: f64) -> f64 {
        (self.min + (self.max - self.min) * self.unit_at_score(z)).clamp(self.min, self.max)
    }

    /// A draw: the quantile at a standard normal score.
    fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.at_score(StandardNormal.sample(rng))
    }

    // statrs' own Beta::inverse_cdf panics for tiny u, hence the table and solver.
    fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(0.0, 1.0);
        let z = if u <= 0.5 {
            std_inv_cdf(u)
        } else {
            -std_inv_cdf(1.0 - u)
        };
        self.at_score(z)
    }

    fn cdf(&self, x: f64) -> f64 {
        self.law.cdf((x - self.min) / (self.max - self.min))
    }

    fn variance(&self) -> f64 {
        let (a, b) = (self.alpha, self.beta);
        (self.max - self.min).powi(2) * a * b / ((a + b).powi(2) * (a + b + 1.0))
    }
}

/// A normal truncated to [min, max] (bounds may be infinite).
#[derive(Debug, Clone, PartialEq)]
struct TruncNormal {
    mean: f64,
    sd: f64,
    min: f64,
    max: f64,
    /// The bounds standardized: (min − mean) / sd and (max − mean) / sd.
    lo_z: f64,
    hi_z: f64,
    /// Work with upper-tail probabilities (the interval lies above the mean),
    /// which keeps full precision far out in that tail.
    upper: bool,
    /// Φ(lo_z), or 1 − Φ(lo_z) when `upper`.
    p_lo: f64,
    /// Probability of [min, max] under the untruncated normal.
    mass: f64,
    how: NormalSampling,
    sampler: rand_distr::Normal<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NormalSampling {
    Direct,
    Rejection,
    Inversion,
}

impl TruncNormal {
    fn new(mean: f64, sd: f64, min: f64, max: f64) -> Result<Self, ParamError> {
        let (lo_z, hi_z) = ((min - mean) / sd, (max - mean) / sd);
        let upper = lo_z > 0.0;
        let (p_lo, mass) = if upper {
            (std_sf(lo_z), std_sf(lo_z) - std_sf(hi_z))
        } else {
            (std_cdf(lo_z), std_cdf(hi_z) - std_cdf(lo_z))
        };
        if mass.is_nan() || mass < f64::MIN_POSITIVE {
            return Err(ParamError::whole(format!(
                "the bounds min {} and max {} hold practically none of the probability \
                 of a normal with mean {} and sd {}; widen them or move the mean",
                num(min),
                num(max),
                num(mean),
                num(sd)
            )));
        }
        let how = if min == f64::NEG_INFINITY && max == f64::INFINITY {
            NormalSampling::Direct
        } else if mass >= REJECTION_MIN_MASS {
            NormalSampling::Rejection
        } else {
            NormalSampling::Inversion
        };
        let sampler = rand_distr::Normal::new(mean, sd).map_err(ParamError::internal)?;
        Ok(TruncNormal {
            mean,
            sd,
            min,
            max,
            lo_z,
            hi_z,
            upper,
            p_lo,
            mass,
            how,
            sampler,
        })
    }

    fn sample<R: rand::Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self.how {
            NormalSampling::Direct => self.sampler.sample(rng),
            NormalSampling::Rejection => loop {
                let x = self.sampler.sample(rng);
                if self.min <= x && x <= self.max {
                    return x;
                }
            },
            NormalSampling::Inversion => self.quantile(Open01.sample(rng)),
        }
    }

    fn quantile(&self, u: f64) -> f64 {
        let z = if self.upper {
            std_inv_sf(self.p_lo - u * self.mass)
        } else {
            std_inv_cdf(self.p_lo + u * self.mass)
        };
        (self.mean + self.sd * z).clamp(self.min, self.max)
    }

    fn cdf(&self, x: f64) -> f64 {
        if x <= self.min {
            return 0.0;
        }
        if x >= self.max {
            return 1.0;
        }
        let z = (x - self.mean) / self.sd;
        let p = if self.upper {
            (self.p_lo - std_sf(z)) / self.mass
        } else {
            (std_cdf(z) - self.p_lo) / self.mass
        };
        p.clamp(0.0, 1.0)
    }

    /// (φ(a) − φ(b)) / Z, the standardized mean shift.
    fn shift(&self) -> f64 {
        (std_pdf(self.lo_z) - std_pdf(self.hi_z)) / self.mass
    }

    fn mean(&self) -> f64 {
        self.mean + self.sd * self.shift()
    }

    fn variance(&self) -> f64 {
        let tilt = (z_pdf(self.lo_z) - z_pdf(self.hi_z)) / self.mass;
        self.sd * self.sd * (1.0 + tilt - self.shift().powi(2))
    }
}

#[derive(Debug, Clone, PartialEq)]
struct LogNormal {
    mu: f64,
    sigma: f64,
    sampler: rand_distr::LogNormal<f64>,
}

impl LogNormal {
    fn new(mu: f64, sigma: f64) -> Result<Self, ParamError> {
        let sampler = rand_distr::LogNormal::new(mu, sigma).map_err(ParamError::internal)?;
        Ok(LogNormal { mu, sigma, sampler })
    }

    fn quantile(&self, u: f64) -> f64 {
        (self.mu + self.sigma * std_inv_cdf(u)).exp()
    }

    fn cdf(&self, x: f64) -> f64 {
        if x <= 0.0 {
            0.0
        } else {
            std_cdf((x.ln() - self.mu) / self.sigma)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct GammaLaw {
    shape: f64,
    scale: f64,
    sampler: rand_distr::Gamma<f64>,
    /// The same shape with scale 1.
    unit: statrs::distribution::Gamma,
}

impl GammaLaw {
    fn new(shape: f64, scale: f64) -> Result<Self, ParamError> {
        Ok(GammaLaw {
            shape,
            scale,
            sampler: rand_distr::Gamma::new(shape, scale).map_err(ParamError::internal)?,
            unit: statrs::distribution::Gamma::new(shape, 1.0).map_err(ParamError::internal)?,
        })
    }

    // statrs' own Gamma::inverse_cdf is wrong for small shapes, hence the solver.
    fn quantile(&self, u: f64) -> f64 {
        let mut hi = self.shape.max(1.0);
        for _ in 0..MAX_SOLVER_STEPS {
            if self.unit.cdf(hi) >= u {
                break;
            }
            hi *= 2.0;
        }
        let start = self.shape.min(hi / 2.0);
        self.scale * solve_cdf(|x| self.unit.cdf(x), |x| self.unit.pdf(x), u, (0.0, hi), start)
    }

    fn cdf(&self, x: f64) -> f64 {
        self.unit.cdf(x / self.scale)
    }
}

/// Finitely many values; bernoulli is the case {0, 1}.
#[derive(Debug, Clone, PartialEq)]
struct Discrete {
    /// Values with positive probability, ascending.
    values: Vec<f64>,
    probs: Vec<f64>,
    /// cum[i] = P(X ≤ values[i]); the last is exactly 1.
    cum: Vec<f64>,
    index: WeightedIndex<f64>,
}

impl Discrete {
    /// The law of checked values and weights: a constant when only one value
    /// has positive weight.
    fn law(values: &[f64], weights: &[f64]) -> Result<Law, ParamError> {
        let total: f64 = weights.iter().sum();
        let mut pairs: Vec<(f64, f64)> = values
            .iter()
            .zip(weights)
            .filter(|(_, w)| **w > 0.0)
            .map(|(v, w)| (*v, w / total))
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (values, probs): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        match (values.first(), values.last()) {
            (Some(lo), Some(hi)) if lo == hi => return Ok(Law::Constant(*lo)),
            _ => {}
        }
        let mut cum: Vec<f64> = probs
            .iter()
            .scan(0.0, |acc, p| {
                *acc += p;
                Some(*acc)
            })
            .collect();
        if let Some(last) = cum.last_mut() {
            *last = 1.0;
        }
        let index = WeightedIndex::new(&probs).map_err(ParamError::internal)?;
        Ok(Law::Discrete(Discrete {
            values,
            probs,
            cum,
            index,
        }))
    }

    fn quantile(&self, u: f64) -> f64 {
        let i = self
            .cum
            .partition_point(|&c| c < u)
            .min(self.values.len().saturating_sub(1));
        self.values.get(i).copied().unwrap_or(f64::NAN)
    }

    fn cdf(&self, x: f64) -> f64 {
        match self.values.partition_point(|&v| v <= x) {
            0 => 0.0,
            k => self.cum.get(k - 1).copied().unwrap_or(1.0),
        }
    }

    fn mean(&self) -> f64 {
        self.values.iter().zip(&self.probs).map(|(v, p)| v * p).sum()
    }

    fn variance(&self) -> f64 {
        let m = self.mean();
        self.values
            .iter()
            .zip(&self.probs)
            .map(|(v, p)| p * (v - m).powi(2))
            .sum()
    }
}

fn check_weights(weights: &[f64], n: usize) -> Result<(), ParamError> {
    if weights.len() != n {
        return Err(ParamError::at(
            "weights",
            format!(
                "`weights` has {} entries but `values` has {n}; give one weight per value",
                weights.len()
            ),
        ));
    }
    if let Some(bad) = weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(ParamError::at(
            "weights",
            format!("`weights` must be zero or positive numbers (got {})", num(*bad)),
        ));
    }
    let total: f64 = weights.iter().sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err(ParamError::at(
            "weights",
            "`weights` must add up to a positive (finite) number",
        ));
    }
    Ok(())
}

/// "discrete(1, 2, 3)" or "discrete(1: 25%, 2: 75%)", at most 8 entries shown.
fn discrete_label(values: &[f64], weights: Option<&[f64]>) -> String {
    const SHOWN: usize = 8;
    let mut items: Vec<String> = match weights {
        None => values.iter().take(SHOWN).map(|v| num(*v)).collect(),
        Some(w) => {
            let total: f64 = w.iter().sum();
            let share = |(v, w): (&f64, &f64)| format!("{}: {}%", num(*v), num(100.0 * w / total));
            values.iter().zip(w).take(SHOWN).map(share).collect()
        }
    };
    if values.len() > SHOWN {
        items.push(format!("… {} values in all", values.len()));
    }
    format!("discrete({})", items.join(", "))
}

// ---------------------------------------------------------------------------
// Numerics
// ---------------------------------------------------------------------------

/// Standard normal density.
fn std_pdf(z: f64) -> f64 {
    (-z * z / 2.0).exp() / (2.0 * PI).sqrt()
}

/// z·φ(z), taken as 0 at ±∞.
fn z_pdf(z: f64) -> f64 {
    if z.is_finite() { z * std_pdf(z) } else { 0.0 }
}

/// Φ(z), accurate in the lower tail.
fn std_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / SQRT_2)
}

/// 1 − Φ(z), accurate in the upper tail.
fn std_sf(z: f64) -> f64 {
    0.5 * erfc(z / SQRT_2)
}

/// Φ⁻¹(p). statrs' erfc is accurate to about 1e-11 only, so the result of
/// its inverse is polished to invert [`std_cdf`] exactly.
fn std_inv_cdf(p: f64) -> f64 {
    let z = -SQRT_2 * erfc_inv(2.0 * p);
    newton_step(z, std_cdf(z) - p)
}

/// Q⁻¹(q) for Q = 1 − Φ, polished like [`std_inv_cdf`].
fn std_inv_sf(q: f64) -> f64 {
    let z = SQRT_2 * erfc_inv(2.0 * q);
    newton_step(z, q - std_sf(z))
}

/// One Newton step on z for an error `excess` whose derivative is φ(z).
fn newton_step(z: f64, excess: f64) -> f64 {
    let step = excess / std_pdf(z);
    if step.is_finite() { z - step } else { z }
}

/// Solves cdf(x) = u on a bracket whose ends have cdf below and above u:
/// Newton steps, with bisection whenever a step is not finite or leaves the
/// bracket. Always terminates.
fn solve_cdf(
    cdf: impl Fn(f64) -> f64,
    pdf: impl Fn(f64) -> f64,
    u: f64,
    (mut lo, mut hi): (f64, f64),
    start: f64,
) -> f64 {
    let mut x = start;
    for _ in 0..MAX_SOLVER_STEPS {
        let f = cdf(x) - u;
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let newton = x - f / pdf(x);
        let next = if newton > lo && newton < hi {
            newton
        } else {
            lo + (hi - lo) / 2.0
        };
        if (next - x).abs() <= 4.0 * f64::EPSILON * x.abs() {
            return next;
        }
        x = next;
    }
    x
}

/// A number for messages and descriptions: up to 6 significant digits,
/// no trailing zeros (`4`, `0.35`, `33.3333`, `1e-7`).
fn num(x: f64) -> String {
    let magnitude = x.abs();
    if x == 0.0 {
        "0".to_string()
    } else if !(1e-4..1e15).contains(&magnitude) {
        format!("{x:e}")
    } else {
        let decimals = (5 - magnitude.log10().floor() as i32).max(0) as usize;
        let text = format!("{x:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    const N: usize = 100_000;

    fn rng(seed: u64) -> crate::sim::rng::Stream {
        crate::sim::rng::Stream::seed_from_u64(seed)
    }

    /// Found by the extreme-number property test: a beta with alpha = 5e-324 passed
    /// validation and panicked in statrs' incomplete beta function when drawn.
    #[test]
    fn shapes_too_small_to_draw_are_rejected() {
        for (err, param) in [
            (Dist::beta(5e-324, 6.0), "alpha"),
            (Dist::beta(3.0, 1e-4), "beta"),
            (Dist::gamma(5e-324, 1.0), "shape"),
        ] {
            let e = err.expect_err(param);
            assert_eq!(e.param.as_deref(), Some(param));
            assert!(e.message.contains("at least 0.001"), "{}", e.message);
        }
        assert!(Dist::beta_from_mean_sd(5e-324, 1e-170).is_err());
        // PERT's shapes are at least 1 whatever λ is, so a tiny λ stays allowed.
        assert!(Dist::pert(0.0, 0.5, 1.0, 5e-324).is_ok());
        assert!(Dist::gamma_from_mean_sd(1.0, 1e4).is_err());
        // The smallest accepted shape still draws.
        let d = Dist::beta(MIN_SHAPE, 6.0).unwrap();
        let mut r = rng(5);
        for _ in 0..1000 {
            let x = d.sample(&mut r);
            assert!((0.0..=1.0).contains(&x), "{x}");
        }
    }

    /// Every distribution and parametrization, with both truncated-normal
    /// sampling methods and both tails.
    fn cases() -> Vec<Dist> {
        [
            Dist::uniform(2.0, 5.0),
            Dist::triangular(1.0, 2.0, 6.0),
            Dist::triangular(0.0, 0.0, 1.0),
            Dist::pert(4.0, 6.0, 10.0, 4.0),
            Dist::pert(0.0, 9.0, 10.0, 2.5),
            Dist::normal(10.0, 2.0, None, None),
            Dist::normal(0.0, 1.0, Some(0.0), None),
            Dist::normal(5.0, 3.0, Some(0.0), Some(12.0)),
            Dist::normal(0.0, 1.0, Some(2.0), Some(4.0)),
            Dist::normal(0.0, 1.0, None, Some(-3.0)),
            Dist::lognormal(1.0, 0.5),
            Dist::lognormal_from_mean_sd(10.0, 3.0),
            Dist::lognormal_from_p5_p95(4.0, 18.0),
            Dist::beta(2.0, 5.0),
            Dist::beta(0.5, 0.5),
            Dist::beta_from_mean_sd(0.3, 0.1),
            Dist::gamma(2.0, 3.0),
            Dist::gamma(0.5, 2.0),
            Dist::gamma_from_mean_sd(6.0, 3.0),
            Dist::discrete(&[1.0, 2.0, 5.0], Some(&[1.0, 2.0, 1.0])),
            Dist::discrete(&[3.0, 1.0, 2.0], None),
            Dist::bernoulli(0.3),
        ]
        .into_iter()
        .map(|d| d.expect("valid test distribution"))
        .collect()
    }

    fn is_continuous(d: &Dist) -> bool {
        !matches!(d.kind(), "discrete" | "bernoulli")
    }

    fn direct_draws(d: &Dist, seed: u64) -> Vec<f64> {
        let mut r = rng(seed);
        (0..N).map(|_| d.sample(&mut r)).collect()
    }

    fn inversion_draws(d: &Dist, seed: u64) -> Vec<f64> {
        let mut r = rng(seed);
        (0..N).map(|_| d.quantile(r.random::<f64>())).collect()
    }

    /// Whether sample mean and variance lie within 4 standard errors of the
    /// given analytical values; the variance's standard error uses the
    /// sample's fourth central moment.
    fn moments_agree(xs: &[f64], mean: f64, variance: f64) -> bool {
        let n = xs.len() as f64;
        let m = xs.iter().sum::<f64>() / n;
        let central = |k: i32| xs.iter().map(|x| (x - m).powi(k)).sum::<f64>() / n;
        let var = central(2) * n / (n - 1.0);
        let se_mean = (variance / n).sqrt();
        let se_var = ((central(4) - var * var).max(0.0) / n).sqrt();
        (m - mean).abs() <= 4.0 * se_mean && (var - variance).abs() <= 4.0 * se_var
    }

    /// Two-sample Kolmogorov–Smirnov statistic (ties handled).
    fn ks_statistic(mut a: Vec<f64>, mut b: Vec<f64>) -> f64 {
        a.sort_by(f64::total_cmp);
        b.sort_by(f64::total_cmp);
        let (na, nb) = (a.len() as f64, b.len() as f64);
        let (mut i, mut j, mut d) = (0, 0, 0.0_f64);
        while i < a.len() && j < b.len() {
            let x = a[i].min(b[j]);
            while i < a.len() && a[i] <= x {
                i += 1;
            }
            while j < b.len() && b[j] <= x {
                j += 1;
            }
            d = d.max((i as f64 / na - j as f64 / nb).abs());
        }
        d
    }

    /// KS critical value at the 0.001 level for two samples of N.
    fn ks_critical() -> f64 {
        1.95 * (2.0 / N as f64).sqrt()
    }

    #[test]
    fn sample_moments_match_analytical_moments() {
        for (seed, d) in cases().iter().enumerate() {
            let xs = direct_draws(d, seed as u64);
            assert!(
                moments_agree(&xs, d.mean(), d.variance()),
                "{}: mean {} variance {}",
                d.describe(),
                d.mean(),
                d.variance()
            );
        }
    }

    #[test]
    fn statistical_checks_detect_a_wrong_distribution() {
        let drawn = Dist::pert(4.0, 6.0, 10.0, 4.0).unwrap();
        let claimed = Dist::pert(4.0, 6.3, 10.0, 4.0).unwrap();
        let xs = direct_draws(&drawn, 1);
        assert!(!moments_agree(&xs, claimed.mean(), claimed.variance()));
        let shifted = Dist::normal(0.05, 1.0, None, None).unwrap();
        let standard = Dist::normal(0.0, 1.0, None, None).unwrap();
        let d = ks_statistic(direct_draws(&standard, 2), direct_draws(&shifted, 3));
        assert!(d > ks_critical(), "KS {d}");
    }

    fn assert_close(actual: f64, expected: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
            "{what}: {actual} != {expected}"
        );
    }

    #[test]
    fn analytical_moments_match_hand_computed_values() {
        let expected = [
            // alpha = 7/3, beta = 11/3: mean (4 + 4·6 + 10)/6, variance 6²·αβ/(6²·7)
            (Dist::pert(4.0, 6.0, 10.0, 4.0), 38.0 / 6.0, 11.0 / 9.0),
            (Dist::triangular(1.0, 2.0, 6.0), 3.0, 7.0 / 6.0),
            (Dist::uniform(2.0, 5.0), 3.5, 0.75),
            // mu = ln(72)/2, sigma = ln(4.5)/(2·1.6449)
            (
                Dist::lognormal_from_p5_p95(4.0, 18.0),
                9.420161279840794,
                20.631227462858597,
            ),
            (Dist::lognormal_from_mean_sd(10.0, 3.0), 10.0, 9.0),
            (Dist::beta_from_mean_sd(0.3, 0.1), 0.3, 0.01),
            (Dist::beta(2.0, 5.0), 2.0 / 7.0, 10.0 / 392.0),
            (Dist::gamma_from_mean_sd(6.0, 3.0), 6.0, 9.0),
            (Dist::gamma(2.0, 3.0), 6.0, 18.0),
            // half-normal: sqrt(2/π), 1 − 2/π
            (
                Dist::normal(0.0, 1.0, Some(0.0), None),
                0.7978845608028654,
                0.3633802276324186,
            ),
            (
                Dist::discrete(&[1.0, 2.0, 5.0], Some(&[1.0, 2.0, 1.0])),
                2.5,
                2.25,
            ),
            (Dist::bernoulli(0.3), 0.3, 0.21),
        ];
        for (d, mean, variance) in expected {
            let d = d.unwrap();
            assert_close(d.mean(), mean, &d.describe());
            assert_close(d.variance(), variance, &d.describe());
        }
        // The mean/sd forms are the textbook laws: Beta(6, 14) and Gamma(4, 1.5).
        let pairs = [
            (Dist::beta_from_mean_sd(0.3, 0.1), Dist::beta(6.0, 14.0), 0.25),
            (Dist::gamma_from_mean_sd(6.0, 3.0), Dist::gamma(4.0, 1.5), 5.0),
        ];
        for (a, b, x) in pairs {
            let (a, b) = (a.unwrap(), b.unwrap());
            assert_close(a.cdf(x), b.cdf(x), &a.describe());
        }
    }

    #[test]
    fn quantile_inverts_cdf_for_continuous_distributions() {
        for d in cases().iter().filter(|d| is_continuous(d)) {
            let (lo, hi) = (d.quantile(1e-3), d.quantile(1.0 - 1e-3));
            let spread = hi - lo;
            for k in 0..=50 {
                let x = lo + spread * f64::from(k) / 50.0;
                let back = d.quantile(d.cdf(x));
                let tol = 1e-9 * x.abs() + 1e-12 * spread;
                assert!((back - x).abs() <= tol, "{}: x {x} -> {back}", d.describe());
            }
            for k in 1..1000 {
                let u = f64::from(k) / 1000.0;
                let back = d.cdf(d.quantile(u));
                assert!((back - u).abs() <= 1e-10, "{}: u {u} -> {back}", d.describe());
            }
        }
    }

    #[test]
    fn beta_table_matches_the_exact_solve() {
        // PERT shapes (λ = 4: α, β in [1, 5]), a flat one, densities infinite at a bound, a
        // narrow one.
        let shapes = [
            (7.0 / 3.0, 11.0 / 3.0),
            (1.0, 1.0),
            (1.04, 4.96),
            (4.96, 1.04),
            (0.5, 0.5),
            (0.3, 2.0),
            (2.0, 0.7),
            (60.0, 40.0),
        ];
        for (alpha, beta) in shapes {
            let b = ScaledBeta::new(0.0, 1.0, alpha, beta).unwrap();
            let tails = (1..200).flat_map(|k| {
                let u = 10f64.powf(-12.0 + f64::from(k) * 0.05);
                [u, 1.0 - u]
            });
            for u in (1..20_000).map(|k| f64::from(k) / 20_000.0 + 1.3e-6).chain(tails) {
                let exact = b.unit_quantile(u, (0.0, 1.0), 0.5);
                let fast = b.quantile(u);
                // Far in a tail u itself is the limit: there any x whose cdf is u will do.
                assert!(
                    (fast - exact).abs() <= 1e-10 || (b.law.cdf(fast) - u).abs() <= 1e-15,
                    "beta({alpha}, {beta}) at u {u}: table {fast}, exact {exact}"
                );
            }
            // The table carries these shapes on its own: no interval falls back to the solver.
            let exact_intervals = b.table.get().unwrap().exact.iter().filter(|&&e| e).count();
            assert_eq!(exact_intervals, 0, "beta({alpha}, {beta})");
        }
    }

    #[test]
    fn quantile_at_score_is_the_quantile_at_phi() {
        for d in cases() {
            let (lo, hi) = (d.quantile(1e-6), d.quantile(1.0 - 1e-6));
            let spread = (hi - lo).max(1e-300);
            for k in -40..=40 {
                let z = f64::from(k) / 10.0;
                let (a, b) = (d.quantile_at_score(z), d.quantile(std_cdf(z)));
                assert!(
                    (a - b).abs() <= 1e-9 * spread + 1e-12 * b.abs(),
                    "{} at z {z}: {a} != {b}",
                    d.describe()
                );
            }
        }
    }

    #[test]
    fn discrete_quantile_is_the_generalized_inverse() {
        let d = Dist::discrete(&[5.0, 1.0, 2.0], Some(&[1.0, 1.0, 2.0])).unwrap();
        let expected = [
            (0.0, 1.0),
            (0.1, 1.0),
            (0.25, 1.0),
            (0.26, 2.0),
            (0.75, 2.0),
            (0.76, 5.0),
            (1.0, 5.0),
        ];
        for (u, x) in expected {
            assert_eq!(d.quantile(u), x, "u {u}");
        }
        let cdf = [(0.5, 0.0), (1.0, 0.25), (1.5, 0.25), (4.9, 0.75), (5.0, 1.0)];
        for (x, p) in cdf {
            assert_eq!(d.cdf(x), p, "x {x}");
        }
        let b = Dist::bernoulli(0.3).unwrap();
        assert_eq!((b.quantile(0.7), b.quantile(0.71)), (0.0, 1.0));
        assert_eq!((b.cdf(0.0), b.cdf(0.99), b.cdf(1.0)), (0.7, 0.7, 1.0));
    }

    #[test]
    fn sampling_by_quantile_matches_direct_sampler() {
        for (seed, d) in cases().iter().enumerate() {
            let seed = seed as u64;
            let ks = ks_statistic(direct_draws(d, seed), inversion_draws(d, 1000 + seed));
            assert!(ks < ks_critical(), "{}: KS {ks}", d.describe());
        }
    }

    #[test]
    fn lognormal_p5_p95_are_its_percentiles() {
        let d = Dist::lognormal_from_p5_p95(4.0, 18.0).unwrap();
        // 1e-9, not 1e-12: statrs' erfc, behind Φ, is accurate to about 1e-11.
        for (u, p) in [(0.05, 4.0), (0.95, 18.0)] {
            let q = d.quantile(u);
            assert!((q - p).abs() <= 1e-9 * p, "quantile({u}) = {q}");
        }
        assert_eq!(d.describe(), "lognormal(p5 4, p95 18)");
    }

    #[test]
    fn support_and_extreme_quantiles() {
        let expected = [
            (
                Dist::normal(1.0, 2.0, None, None),
                (f64::NEG_INFINITY, f64::INFINITY),
            ),
            (Dist::normal(1.0, 2.0, Some(0.0), None), (0.0, f64::INFINITY)),
            (Dist::lognormal(0.0, 1.0), (0.0, f64::INFINITY)),
            (Dist::gamma(2.0, 1.0), (0.0, f64::INFINITY)),
            (Dist::beta(2.0, 3.0), (0.0, 1.0)),
            (Dist::pert(4.0, 6.0, 10.0, 4.0), (4.0, 10.0)),
            (Dist::bernoulli(0.5), (0.0, 1.0)),
            (Dist::discrete(&[3.0, -1.0, 7.0], None), (-1.0, 7.0)),
        ];
        for (d, support) in expected {
            let d = d.unwrap();
            assert_eq!(d.support(), support, "{}", d.describe());
            assert_eq!((d.quantile(0.0), d.quantile(1.0)), support);
            assert_eq!((d.quantile(-3.0), d.quantile(7.0)), support);
        }
    }

    #[test]
    fn quantile_and_cdf_are_total() {
        let mut all = cases();
        all.push(Dist::uniform(3.0, 3.0).unwrap());
        all.push(Dist::beta(0.01, 0.01).unwrap());
        all.push(Dist::gamma(0.001, 1.0).unwrap());
        all.push(Dist::normal(0.0, 1.0, Some(30.0), None).unwrap());
        let us = [
            f64::NAN,
            -1.0,
            0.0,
            1e-300,
            1e-20,
            0.5,
            1.0 - 1e-16,
            1.0,
            2.0,
            f64::INFINITY,
        ];
        let xs = [
            f64::NAN,
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            0.0,
            0.5,
            1e300,
            f64::INFINITY,
        ];
        for d in &all {
            let (lo, hi) = d.support();
            for u in us {
                let q = d.quantile(u);
                assert!(q.is_nan() == u.is_nan(), "{}: quantile({u}) = {q}", d.describe());
                assert!(
                    u.is_nan() || (lo..=hi).contains(&q),
                    "{}: {u} -> {q}",
                    d.describe()
                );
            }
            for x in xs {
                let c = d.cdf(x);
                assert!(x.is_nan() == c.is_nan(), "{}: cdf({x}) = {c}", d.describe());
                assert!(
                    x.is_nan() || (0.0..=1.0).contains(&c),
                    "{}: {x} -> {c}",
                    d.describe()
                );
            }
        }
    }

    #[test]
    fn degenerate_cases_are_constants() {
        let expected = [
            (Dist::uniform(3.0, 3.0), 3.0),
            (Dist::triangular(3.0, 3.0, 3.0), 3.0),
            (Dist::pert(3.0, 3.0, 3.0, 4.0), 3.0),
            (Dist::normal(5.0, 0.0, None, None), 5.0),
            (Dist::normal(5.0, 0.0, Some(6.0), None), 6.0),
            (Dist::normal(5.0, 1.0, Some(2.0), Some(2.0)), 2.0),
            (Dist::lognormal(0.0, 0.0), 1.0),
            (Dist::beta_from_mean_sd(0.4, 0.0), 0.4),
            (Dist::gamma_from_mean_sd(2.0, 0.0), 2.0),
            (Dist::discrete(&[4.0, 9.0], Some(&[1.0, 0.0])), 4.0),
            (Dist::bernoulli(1.0), 1.0),
            (Dist::constant(2.5), 2.5),
        ];
        let mut r = rng(7);
        for (d, v) in expected {
            let d = d.unwrap();
            assert_eq!(d.as_constant(), Some(v), "{}", d.describe());
            assert_eq!((d.sample(&mut r), d.quantile(0.3), d.mean()), (v, v, v));
            assert_eq!(d.variance(), 0.0);
        }
        let d = Dist::uniform(3.0, 3.0).unwrap();
        assert_eq!(
            (d.kind(), d.describe().as_str()),
            ("uniform", "uniform(min 3, max 3)")
        );
        assert_eq!(Dist::uniform(1.0, 3.0).unwrap().as_constant(), None);
    }

    #[test]
    fn descriptions_keep_the_users_parametrization() {
        let expected = [
            (Dist::pert(4.0, 6.0, 10.0, 4.0), "PERT(min 4, mode 6, max 10)"),
            (
                Dist::pert(4.0, 6.0, 10.0, 3.0),
                "PERT(min 4, mode 6, max 10, lambda 3)",
            ),
            (
                Dist::normal(5.0, 1.5, Some(0.0), None),
                "normal(mean 5, sd 1.5, min 0)",
            ),
            (
                Dist::lognormal_from_mean_sd(10.0, 3.0),
                "lognormal(mean 10, sd 3)",
            ),
            (Dist::beta_from_mean_sd(0.3, 0.1), "beta(mean 0.3, sd 0.1)"),
            (Dist::gamma(2.0, 0.25), "gamma(shape 2, scale 0.25)"),
            (
                Dist::discrete(&[1.0, 2.0, 5.0], Some(&[1.0, 2.0, 1.0])),
                "discrete(1: 25%, 2: 50%, 5: 25%)",
            ),
            (Dist::discrete(&[3.0, 1.0], None), "discrete(3, 1)"),
            (Dist::bernoulli(0.3), "bernoulli(p 0.3)"),
            (Dist::constant(2.5), "2.5"),
        ];
        for (d, text) in expected {
            assert_eq!(d.unwrap().describe(), text);
        }
        let numbers = [
            (1.0 / 3.0, "0.333333"),
            (0.1 + 0.2, "0.3"),
            (1234567.0, "1234567"),
            (-2.5e-7, "-2.5e-7"),
            (0.0, "0"),
            (42.0, "42"),
        ];
        for (x, text) in numbers {
            assert_eq!(num(x), text);
        }
    }

    // ---- validation ----

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
                "`sd` is not a parameter of pert; pert takes min, mode, max and optionally lambda",
            ),
            (r#"dist = "pert", min = 4, max = 10"#, "pert needs `mode`"),
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
    fn mode_and_points_give_back_the_written_parameters() {
        let pert = Dist::pert(4.0, 6.0, 10.0, 4.0).unwrap();
        assert!((pert.mode().unwrap() - 6.0).abs() < 1e-9);
        let wide = Dist::pert(0.0, 1.0, 10.0, 2.5).unwrap();
        assert!((wide.mode().unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(Dist::triangular(1.0, 2.0, 5.0).unwrap().mode(), Some(2.0));
        assert_eq!(
            Dist::beta(2.0, 3.0).unwrap().mode(),
            None,
            "a beta has no written mode"
        );
        assert_eq!(Dist::uniform(1.0, 2.0).unwrap().mode(), None);
        let d = Dist::discrete(&[3.0, 1.0], Some(&[1.0, 3.0])).unwrap();
        assert_eq!(d.points(), Some(vec![(1.0, 0.75), (3.0, 0.25)]));
        assert_eq!(Dist::bernoulli(0.2).unwrap().points().map(|p| p.len()), Some(2));
        assert_eq!(pert.points(), None);
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
