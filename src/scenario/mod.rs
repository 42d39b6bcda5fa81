//! Scenario files: parse the TOML, validate it, and resolve it into a [`Model`].
//!
//! Parse, then validate, then run: nothing downstream sees the raw types.

pub mod diag;
pub mod raw;
pub mod schema;
pub mod validate;

use std::path::Path;

pub use diag::Diagnostic;
use diag::{SourceMap, humanize_serde_message};
use raw::RawScenario;

use crate::model::Model;

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
}

/// Reads and validates one scenario file.
pub fn load(path: &Path) -> Result<Model, LoadError> {
    let text = crate::fs::read_text(path).map_err(|source| LoadError::Read {
        path: path.display().to_string(),
        source,
    })?;
    parse(path, &text).map_err(LoadError::Invalid)
}

/// Parses and validates scenario text; `path` is used for messages only.
pub fn parse(path: &Path, text: &str) -> Result<Model, Vec<Diagnostic>> {
    let map = SourceMap::new(path, text);
    let raw: RawScenario =
        toml::from_str(text).map_err(|e| vec![map.at_span(e.span(), humanize_serde_message(e.message()))])?;
    validate::validate(&raw, &map, &path.display().to_string())
}
