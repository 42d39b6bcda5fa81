//! Why an instrument did not apply, in words: the conditions on the worker's status that a
//! placement's worker does not meet (fixed for the whole run, and warned about by `validate`),
//! and a condition that can stop it in the course of a placement (loondispensatie: an assessed
//! loonwaarde above the limit). `run`'s table, the report and the workbook show these notes
//! next to the share of the simulated placements in which the instrument did not apply.

use super::text::fill;
use super::{Lang, instrument_summary_name};
use crate::model::Model;
use crate::stats::Summary;

/// One instrument of one arrangement that did not always apply.
#[derive(Debug, Clone, PartialEq)]
pub struct NotApplied {
    /// Index of the arrangement in the summary (and the model).
    pub arrangement: usize,
    /// The instrument by its name in words.
    pub instrument: String,
    /// Share of the simulated placements in which it did not apply or was suspended.
    pub share: f64,
    /// Why, in words (no final full stop).
    pub reason: String,
}

/// The instruments that did not apply in some simulated placements, arrangement by
/// arrangement, with the reason in words.
pub fn notes(model: &Model, s: &Summary, lang: Lang) -> Vec<NotApplied> {
    let mut out = Vec::new();
    for (ai, a) in s.arrangements.iter().enumerate() {
        let Some(arrangement) = model.arrangements.get(ai) else {
            continue;
        };
        for (j, ins) in a.instruments.iter().enumerate() {
            if ins.ineligible_share <= 0.0 {
                continue;
            }
            let reason = arrangement
                .instruments
                .get(j)
                .map(|instrument| {
                    let covers = arrangement.applies.get(j).map(Vec::as_slice).unwrap_or(&[]);
                    reason(model, instrument, covers, lang)
                })
                .unwrap_or_default();
            out.push(NotApplied {
                arrangement: ai,
                instrument: instrument_summary_name(&ins.instrument, lang),
                share: ins.ineligible_share,
                reason: if reason.is_empty() {
                    lang.text().instrument_not_applied_unknown.to_owned()
                } else {
                    reason
                },
            });
        }
    }
    out
}

/// The reason an instrument did not apply to the placements it covers (`covers`: per
/// placement; empty or short means every placement).
fn reason(model: &Model, instrument: &crate::instruments::Instrument, covers: &[bool], lang: Lang) -> String {
    let covered = model
        .placements
        .iter()
        .enumerate()
        .filter(|(p, _)| covers.get(*p).copied().unwrap_or(true))
        .map(|(_, p)| p);
    let (qualify, not_for): (Vec<_>, Vec<_>) = covered.partition(|p| instrument.for_worker(&p.worker));
    let t = lang.text();
    let pick = |w: crate::vocab::Words| if lang == Lang::Nl { w.nl } else { w.en };
    let mut parts = Vec::new();
    if !not_for.is_empty() {
        let condition = pick(instrument.worker_condition());
        let names: Vec<&str> = not_for.iter().map(|p| p.name.as_str()).collect();
        parts.push(if qualify.is_empty() && model.copies() == 1 {
            fill(t.not_for_worker, &[("condition", condition)])
        } else {
            fill(
                t.not_for_placements,
                &[("condition", condition), ("placements", &lang.list(&names))],
            )
        });
    }
    if let Some((figure, words)) = instrument.lapses()
        && !qualify.is_empty()
    {
        let limit = model.rates.get(figure, model.start);
        parts.push(fill(pick(words), &[("limit", &lang.percent_short(limit))]));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruments::Instrument;
    use crate::vocab::Benefit;

    fn model(text: &str) -> Model {
        crate::scenario::parse(std::path::Path::new("test.toml"), text).expect("valid scenario")
    }

    /// The validate warning fixture (LKS and LKV arbeidsgehandicapt for a Wajong worker), with
    /// an arrangement of loondispensatie.
    fn wajong() -> Model {
        let text = format!(
            "{}\n[[arrangement]]\nname = \"LD\"\ninstruments = [{{ kind = \"loondispensatie\" }}]\n",
            include_str!("../../tests/fixtures/warn/lks-for-wajong.toml")
        );
        model(&text)
    }

    /// LKS for a Wajong worker: the condition on the worker, in words; loondispensatie for
    /// the same worker: only the loonwaarde limit, with the preset's value.
    #[test]
    fn the_reason_names_the_condition_the_worker_misses_or_the_limit() {
        let m = wajong();
        assert_eq!(m.placements[0].worker.benefit, Benefit::Wajong);
        let a = &m.arrangements[1];
        let lks = &a.instruments[0];
        assert!(matches!(lks, Instrument::Lks(_)));
        let why = reason(&m, lks, &[], Lang::Nl);
        assert!(why.starts_with("alleen voor een werknemer met bijstand"), "{why}");
        assert!(why.ends_with("en dat is deze werknemer niet"), "{why}");
        let lkv = &a.instruments[1];
        let why = reason(&m, lkv, &[], Lang::En);
        assert_eq!(
            why,
            "it is only for an arbeidsgehandicapte werknemer, with a doelgroepverklaring (Wtl art. 2.6), which this worker is not"
        );
        let ld = &m.arrangements[2].instruments[0];
        let limit = m
            .rates
            .get(crate::rates::Figure::LoondispensatieMaxLoonwaarde, m.start);
        let why = reason(&m, ld, &[], Lang::En);
        assert_eq!(
            why,
            format!(
                "the assessed loonwaarde was above {}, the scheme's limit (Wajong art. 2:20); the dispensation then stops until an assessment below it, and for good at the end of a decision",
                Lang::En.percent_short(limit)
            )
        );
        assert!(why.contains("75%"), "{why}");
    }
}
