//! The names and places of the drawn inputs an iteration keeps (`RunConfig::keep_draws`): the
//! one layout that `samples.csv` and the sensitivity statistics both read.
//!
//! A kept iteration holds the static inputs of every copy, copy after copy (all slots), then
//! every copy's instrument inputs, then the drawn count of every placement whose count is
//! uncertain, then every pool's available hours.

use crate::model::Model;

/// One kept input: its name (as `samples.csv` writes it after `input.`) and its position in an
/// iteration's kept draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptInput {
    pub name: String,
    pub position: usize,
    /// The input's key inside its placement (`value_per_productive_hour`), instrument
    /// (`Detachering/detachering.tariff_per_hour`) or pool (`pool.NAME.available_hours_per_week`).
    pub key: String,
    /// Index of the placement it belongs to (`None` for a pool).
    pub placement: Option<usize>,
}

/// The used inputs of every copy and instrument, in `samples.csv` order; with `pools`, the
/// pools' available hours after them.
pub fn kept_inputs(model: &Model, pools: bool) -> Vec<KeptInput> {
    let who = |name: &str, count: usize, k: usize| {
        if count == 1 {
            name.to_owned()
        } else {
            format!("{name}#{}", k + 1)
        }
    };
    let mut out = Vec::new();
    let mut position = 0;
    for (pi, p) in model.placements.iter().enumerate() {
        for k in 0..p.count {
            for input in &p.inputs {
                if input.used {
                    out.push(KeptInput {
                        name: format!("{}.{}", who(&p.name, p.count, k), input.path),
                        position,
                        key: input.path.clone(),
                        placement: Some(pi),
                    });
                }
                position += 1;
            }
        }
    }
    for (pi, p) in model.placements.iter().enumerate() {
        for k in 0..p.count {
            for input in &model.instrument_inputs {
                out.push(KeptInput {
                    name: format!("{}.{}", who(&p.name, p.count, k), input.path),
                    position,
                    key: input.path.clone(),
                    placement: Some(pi),
                });
                position += 1;
            }
        }
    }
    for (pi, p) in model.placements.iter().enumerate() {
        if p.uncertain_count.is_some() {
            out.push(KeptInput {
                name: format!("{}.count", p.name),
                position,
                key: "count".to_owned(),
                placement: Some(pi),
            });
            position += 1;
        }
    }
    if pools {
        for pool in &model.pools {
            let key = format!("pool.{}.available_hours_per_week", pool.name);
            out.push(KeptInput {
                name: key.clone(),
                position,
                key,
                placement: None,
            });
            position += 1;
        }
    }
    out
}
