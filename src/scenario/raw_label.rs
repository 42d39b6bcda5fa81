//! A name for the report as the scenario writes it: one text, or one per language.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::vocab::Label;

/// A name for the report: one text for every language, or one per language.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum RawLabel {
    Same(String),
    PerLanguage { nl: Option<String>, en: Option<String> },
}

impl RawLabel {
    /// The label per language, blank texts left out.
    pub fn label(&self) -> Label {
        let text = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
        match self {
            RawLabel::Same(t) => Label {
                nl: text(&Some(t.clone())),
                en: text(&Some(t.clone())),
            },
            RawLabel::PerLanguage { nl, en } => Label {
                nl: text(nl),
                en: text(en),
            },
        }
    }
}
