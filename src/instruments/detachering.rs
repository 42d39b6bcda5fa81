//! Detachering (secondment): the provider (often a sociaal ontwikkelbedrijf) is the legal
//! employer. It pays the wage and sick pay, receives LKS, the no-risk benefit and LKV; the
//! employer (inlener) pays a tariff per worked (or contract) hour to the provider, and
//! receives the praktijkleren subsidy as the company that supervises the learner. The
//! provider may cover a share of the supervision with its own jobcoach.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::build::Build;
use super::rule::{self, Books, Context, MonthFacts, Scheme, Shared};
use crate::diag::Range;
use crate::dist::InputSpec;
use crate::vocab::{LineDef, Party, PayBasis, Words};

pub const LINE: &str = "detachering_fee";
pub const SUPERVISION_LINE: &str = "supervision_provider";

/// Secondment through a provider (detachering): the provider employs the worker.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDetachering {
    /// Tariff per hour paid by the employer (inlener) to the provider, euros.
    pub tariff_per_hour: InputSpec,
    /// Whether the tariff is paid per worked or per contract hour (default worked).
    pub basis: Option<PayBasis>,
    /// Share of the supervision hours the provider's jobcoach takes over (default 0).
    pub provider_supervision_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detachering {
    /// Index of the tariff among the model's instrument inputs.
    pub tariff_input: usize,
    pub basis: PayBasis,
    pub provider_supervision_share: f64,
}

impl Detachering {
    /// The month's fee to the provider.
    pub fn fee(&self, m: &MonthFacts, tariff_per_hour: f64) -> f64 {
        let hours = match self.basis {
            PayBasis::Worked => m.worked_hours,
            PayBasis::Contract => m.contract_hours,
        };
        tariff_per_hour * hours
    }
}

impl Scheme for Detachering {
    const KIND: &'static str = "detachering";
    const NAME: Words = Words {
        nl: "Detachering",
        en: "Secondment (detachering)",
    };
    const LINES: &'static [(&'static str, Words)] = &[
        (
            LINE,
            Words {
                nl: "Tarief detachering",
                en: "Secondment fee",
            },
        ),
        (
            SUPERVISION_LINE,
            Words {
                nl: "Begeleiding door de detacheerder",
                en: "Supervision by the provider",
            },
        ),
    ];
    type Raw = RawDetachering;
    type State = ();

    fn build(raw: &RawDetachering, b: &mut Build) -> Self {
        Detachering {
            tariff_input: b.input(&raw.tariff_per_hour, "tariff_per_hour"),
            basis: raw.basis.unwrap_or(PayBasis::Worked),
            provider_supervision_share: b.number(
                raw.provider_supervision_share,
                "provider_supervision_share",
                Range::Probability,
                0.0,
            ),
        }
    }

    fn parameters(&self, input: &dyn Fn(usize) -> String) -> Vec<(&'static str, String)> {
        vec![
            ("tariff_per_hour", input(self.tariff_input)),
            (
                "basis",
                match self.basis {
                    PayBasis::Worked => "worked",
                    PayBasis::Contract => "contract",
                }
                .to_owned(),
            ),
            (
                "provider_supervision_share",
                rule::share(self.provider_supervision_share),
            ),
        ]
    }

    /// The fee, and the provider's supervision hours when it covers a share.
    fn lines(&self, _eor: Party) -> Vec<LineDef> {
        let mut lines = vec![LineDef::new(LINE, Party::Employer, Party::Provider)];
        if self.provider_supervision_share > 0.0 {
            lines.push(LineDef::new(SUPERVISION_LINE, Party::Provider, Party::Colleagues));
        }
        lines
    }

    fn employer_of_record(&self) -> Option<Party> {
        Some(Party::Provider)
    }

    fn provider_supervision(&self) -> Option<(f64, usize)> {
        (self.provider_supervision_share > 0.0).then_some((self.provider_supervision_share, 1))
    }

    #[inline(always)]
    fn after(
        &self,
        _s: &mut (),
        _shared: &Shared,
        _ineligible: &mut bool,
        _hired: usize,
        m: &MonthFacts,
        cx: &Context,
        books: &mut Books,
        lines: &[usize],
    ) {
        books.book(lines[0], self.fee(m, cx.draws.input(self.tariff_input)));
    }
}
