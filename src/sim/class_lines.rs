//! The ledger lines of a class (`[cohort]`): its group lines, the stagevergoeding and the
//! recruitment cost a hire avoids, registered in every arrangement's line book.

use crate::cohort::{RECRUITMENT_LINE, STIPEND_LINE};
use crate::model::Model;
use crate::vocab::{LineDef, Party};

/// The ledger lines of a class in one arrangement: the group lines, the stagevergoeding and
/// the recruitment cost avoided.
#[derive(Debug, Clone)]
pub struct CohortLines {
    /// Per group line: its line index.
    pub group: Vec<usize>,
    pub stipend: usize,
    pub recruitment: usize,
}

impl CohortLines {
    /// Registers the class's lines (after the others).
    pub fn register(model: &Model, lines: &mut Vec<LineDef>) -> Option<Self> {
        let cohort = model.cohort.as_ref()?;
        let mut id = |name: &str, payer: Party, payee: Party| match lines.iter().position(|d| d.name == name)
        {
            Some(i) => i,
            None => {
                lines.push(LineDef::new(name, payer, payee));
                lines.len() - 1
            }
        };
        let group = cohort
            .lines
            .iter()
            .map(|l| id(&l.name, l.payer, l.payee))
            .collect();
        Some(Self {
            group,
            stipend: id(STIPEND_LINE, Party::Employer, Party::Worker),
            recruitment: id(RECRUITMENT_LINE, Party::Market, Party::Employer),
        })
    }
}
