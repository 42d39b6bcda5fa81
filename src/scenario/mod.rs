//! Scenario files: parse the TOML, validate it, and resolve it into a [`Model`].
//!
//! Parse, then validate, then run: nothing downstream sees the raw types.

pub mod edit;
pub mod raw;
mod raw_cohort;
mod raw_label;
pub mod schema;
mod template;
pub mod validate;

use std::path::Path;

pub use crate::diag::Diagnostic;
use crate::diag::{SourceMap, humanize_serde_message};
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

/// The largest scenario file read, in bytes (4 MiB; the bundled ones are about 5 KB): a
/// larger file, or an endless one such as `/dev/zero`, is refused before it fills memory.
pub const MAX_SCENARIO_BYTES: u64 = 4 << 20;

/// Reads and validates one scenario file.
pub fn load(path: &Path) -> Result<Model, LoadError> {
    let text = read_text(path)?;
    parse(path, &text).map_err(LoadError::Invalid)
}

/// Reads one scenario file's text (at most [`MAX_SCENARIO_BYTES`], UTF-8).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = crate::fs::read_at_most(path, MAX_SCENARIO_BYTES).map_err(|source| LoadError::Read {
        path: crate::inert::inert(&path.display().to_string()).into_owned(),
        source,
    })?;
    let Some(bytes) = bytes else {
        return Err(LoadError::Invalid(vec![Diagnostic {
            file: path.to_path_buf(),
            line: 0,
            col: 0,
            key: String::new(),
            message: format!(
                "the file is larger than {} MiB: a scenario file is a few kilobytes; is this the \
                 right file?",
                MAX_SCENARIO_BYTES >> 20
            ),
            warning: false,
        }]));
    };
    String::from_utf8(bytes).map_err(|e| LoadError::Invalid(vec![not_utf8(path, &e)]))
}

/// A file that is not UTF-8, placed at its first bad byte (editors can jump there).
fn not_utf8(path: &Path, e: &std::string::FromUtf8Error) -> Diagnostic {
    let bytes = e.as_bytes();
    let at = e.utf8_error().valid_up_to();
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let (line, col) = crate::diag::line_col(valid, at);
    Diagnostic {
        file: path.to_path_buf(),
        line,
        col,
        key: String::new(),
        message: format!(
            "the file is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8",
            bytes[at]
        ),
        warning: false,
    }
}

/// Parses and validates scenario text; `path` is used for messages only.
pub fn parse(path: &Path, text: &str) -> Result<Model, Vec<Diagnostic>> {
    let mut map = SourceMap::new(path, text);
    let raw: RawScenario = match template::expand(text, &map)? {
        None => toml::from_str(text).map_err(|e| {
            // The TOML parser reports a key of too many dotted parts without a place: find it.
            let span = e.span().or_else(|| deep_key(text).map(|at| at..at));
            vec![map.at_span(span, humanize_serde_message(e.message()))]
        })?,
        Some((merged, redirects)) => {
            map = map.with_redirects(redirects);
            from_merged(merged, &map)?
        }
    };
    let mut model = validate::validate(&raw, &map, &path.display().to_string())?;
    model.digest = sha256_hex(text.as_bytes());
    Ok(model)
}

/// The scenario from its table with templates merged in. A value of the wrong kind is
/// placed at its placement (the merged table has no place of its own; unknown keys were
/// refused before the merge).
fn from_merged(merged: toml::Table, map: &SourceMap) -> Result<RawScenario, Vec<Diagnostic>> {
    use serde::Deserialize;
    let placements = merged
        .get("placement")
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    let placement_path = |i: usize| crate::diag::KeyPath::root().key("placement").index(i);
    for (i, p) in placements.into_iter().enumerate() {
        if let Err(e) = raw::RawPlacement::deserialize(p) {
            return Err(vec![
                map.at_path(&placement_path(i), humanize_serde_message(e.message())),
            ]);
        }
    }
    RawScenario::deserialize(toml::Value::Table(merged))
        .map_err(|e| vec![map.at_path(&crate::diag::KeyPath::root(), humanize_serde_message(e.message()))])
}

/// The offset of the first key (or table header) with so many dotted parts that the TOML
/// parser refuses it (its recursion limit), when its error has no place of its own.
fn deep_key(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let key = line.split(['=', '#']).next().unwrap_or_default();
        let dots = key.chars().filter(|&c| c == '.').count();
        if dots + 1 >= DEEPEST_KEY {
            return Some(offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    None
}

/// The number of dotted parts at which the TOML parser stops (its recursion limit).
const DEEPEST_KEY: usize = 80;

/// The SHA-256 of `bytes` in lowercase hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_file_is_a_diagnostic_at_its_first_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.toml");
        std::fs::write(&path, b"[scenario]\nname = \"caf\xe9\"\n").unwrap();
        let Err(LoadError::Invalid(diags)) = load(&path) else {
            panic!("a Latin-1 file must be invalid");
        };
        assert_eq!((diags[0].line, diags[0].col), (2, 12));
        assert_eq!(
            diags[0].to_string(),
            format!(
                "{}:2:12: error: the file is not valid UTF-8 (byte 0xE9); save it as UTF-8",
                path.display()
            )
        );
    }
}
