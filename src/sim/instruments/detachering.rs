//! Detachering (secondment): the provider (often a sociaal ontwikkelbedrijf) is the legal
//! employer. It pays the wage and sick pay, receives LKS, the no-risk benefit and LKV; the
//! employer (inlener) pays a tariff per worked (or contract) hour to the provider. The
//! provider may cover a share of the supervision with its own jobcoach.

use super::MonthFacts;
use crate::scenario::raw::PayBasis;

pub const LINE: &str = "detachering_fee";
pub const SUPERVISION_LINE: &str = "supervision_provider";

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
