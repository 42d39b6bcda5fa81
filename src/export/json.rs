//! `summary.json`: the run's summary as pretty-printed JSON (documented in docs/output.md).

use crate::stats::Summary;

/// The summary as JSON bytes, with a trailing newline.
pub fn summary(summary: &Summary) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(summary)?;
    bytes.push(b'\n');
    Ok(bytes)
}
