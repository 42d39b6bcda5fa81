//! The ledger lines of the employer's duties (SROI, quotumheffing) in an arrangement's line
//! book, and what the booking in `sim/employer.rs` needs to know of the arrangement: which
//! block of the SROI table each placement's worker falls in, who is in the banenafspraak
//! target group, and from which tenure month the workers are employed.

use crate::model::{Arrangement, Model, QUOTUMHEFFING_LINE, SROI_LINE};
use crate::vocab::{LineDef, Party};

/// The lines an arrangement books its employer's duties on, and from which tenure month its
/// workers are employed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyLines {
    pub(super) sroi: Option<usize>,
    pub(super) quotumheffing: Option<usize>,
    /// Per placement of the arrangement's variant: the index of its worker's SROI block in
    /// the region's table (`None`: outside the target group).
    pub(super) sroi_blocks: Vec<Option<usize>>,
    /// Per placement: whether its worker is in the banenafspraak target group.
    pub(super) banenafspraak: Vec<bool>,
    /// Tenure month from which a copy is employed: the length of a trial placement (during a
    /// proefplaatsing the worker is not yet employed), else 0.
    pub(super) hired_from: usize,
}

impl DutyLines {
    /// Registers the lines of the model's duties in `lines` (appended, so that a scenario
    /// without duties has the same lines as before); `None` when it has none.
    ///
    /// The SROI line is the cost of meeting the obligation otherwise, avoided: it flows from
    /// the suppliers of that other way (social procurement, training) to the employer. The
    /// levy avoided is a surcharge on the Aof basic premium that the Belastingdienst collects
    /// with the employer's premiums: it flows from the party of those premiums (tax office
    /// and pension fund, as the employer burden) to the employer — an avoided cost, not a
    /// subsidy.
    pub fn register(model: &Model, arrangement: &Arrangement, lines: &mut Vec<LineDef>) -> Option<Self> {
        let duties = &model.employer;
        if duties.is_empty() {
            return None;
        }
        let mut add = |name: &str, payer: Party| {
            lines.push(LineDef::new(name, payer, Party::Employer));
            lines.len() - 1
        };
        let sroi = duties.sroi.as_ref().map(|_| add(SROI_LINE, Party::Supplier));
        let quotumheffing = duties
            .quotumheffing
            .as_ref()
            .map(|_| add(QUOTUMHEFFING_LINE, Party::TaxAndPension));
        let placements = model.placements_of(arrangement.variant);
        let sroi_blocks = placements
            .iter()
            .map(|p| {
                let region = &duties.sroi.as_ref()?.credit;
                let block = region.block_for(&p.worker)?;
                region.blocks.iter().position(|b| b == block)
            })
            .collect();
        let banenafspraak = placements.iter().map(|p| p.worker.banenafspraak).collect();
        let hired_from = arrangement
            .instruments
            .iter()
            .find_map(|i| i.trial())
            .map_or(0, |(months, _)| months);
        Some(Self {
            sroi,
            quotumheffing,
            sroi_blocks,
            banenafspraak,
            hired_from,
        })
    }
}
