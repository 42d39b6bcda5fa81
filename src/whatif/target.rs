//! A target such as `p_npv_positive>=0.8` or `npv.p50>=0`: a metric of `[[expect]]`
//! (docs/scenario.md), a comparison and a bound.

use crate::stats::Summary;
use crate::stats::metrics::{self, MetricValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    AtLeast,
    AtMost,
    Above,
    Below,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::AtLeast => ">=",
            Op::AtMost => "<=",
            Op::Above => ">",
            Op::Below => "<",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub metric: String,
    pub op: Op,
    pub bound: f64,
}

impl Target {
    /// Parses `METRIC>=X`, `METRIC<=X`, `METRIC>X` or `METRIC<X`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let at = text.find(['<', '>']).ok_or_else(|| {
            format!("target `{text}`: expected METRIC>=VALUE or METRIC<=VALUE, e.g. p_npv_positive>=0.8")
        })?;
        let (metric, rest) = text.split_at(at);
        let (op, bound) = if let Some(b) = rest.strip_prefix(">=") {
            (Op::AtLeast, b)
        } else if let Some(b) = rest.strip_prefix("<=") {
            (Op::AtMost, b)
        } else if let Some(b) = rest.strip_prefix('>') {
            (Op::Above, b)
        } else {
            (Op::Below, &rest[1..])
        };
        let metric = metric.trim().to_owned();
        let known = metrics::ARRANGEMENT_METRICS.contains(&metric.as_str())
            || metrics::PAIR_METRICS.contains(&metric.as_str())
            || metric.starts_with("lines.");
        if !known {
            let all: Vec<&str> = metrics::ARRANGEMENT_METRICS
                .iter()
                .chain(metrics::PAIR_METRICS.iter())
                .copied()
                .collect();
            return Err(format!(
                "target `{text}`: unknown metric `{metric}`; known: {}, lines.<name>",
                all.join(", ")
            ));
        }
        let bound: f64 = bound
            .trim()
            .parse()
            .ok()
            .filter(|b: &f64| b.is_finite())
            .ok_or_else(|| format!("target `{text}`: `{}` is not a number", bound.trim()))?;
        Ok(Self { metric, op, bound })
    }

    /// Whether the metric is one of a pair of arrangements (`--versus`).
    pub fn is_pair(&self) -> bool {
        metrics::PAIR_METRICS.contains(&self.metric.as_str())
    }

    pub fn holds(&self, value: f64) -> bool {
        match self.op {
            Op::AtLeast => value >= self.bound,
            Op::AtMost => value <= self.bound,
            Op::Above => value > self.bound,
            Op::Below => value < self.bound,
        }
    }

    /// The metric of `arrangement` (and `versus`, for a pair metric) in `s`.
    pub fn read(&self, s: &Summary, arrangement: &str, versus: Option<&str>) -> Option<MetricValue> {
        match versus {
            Some(b) if self.is_pair() => metrics::pair_metric(s, arrangement, b, &self.metric),
            _ => {
                let a = s.arrangements.iter().find(|a| a.name == arrangement)?;
                metrics::arrangement_metric(a, &self.metric, s.iterations)
            }
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}{}", self.metric, self.op.as_str(), self.bound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_bad_ones_say_why() {
        let t = Target::parse("p_npv_positive>=0.8").unwrap();
        assert_eq!(
            (t.metric.as_str(), t.op, t.bound),
            ("p_npv_positive", Op::AtLeast, 0.8)
        );
        assert!(t.holds(0.8) && !t.holds(0.79));
        assert_eq!(Target::parse("npv.p50 < -5").unwrap().op, Op::Below);
        assert!(
            Target::parse("npv.p51>=0")
                .unwrap_err()
                .contains("unknown metric")
        );
        assert!(Target::parse("npv.mean>=x").unwrap_err().contains("not a number"));
        assert!(Target::parse("npv.mean=0").unwrap_err().contains("expected"));
    }
}
