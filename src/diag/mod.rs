//! Diagnostics for scenario files: key paths, their place in the text, and the
//! `file:line:col: error: key: message` form that editors and CI annotate.

mod checker;

pub use checker::{Checker, MAX_MAGNITUDE, Range, constant};

use std::fmt;
use std::ops::Range as TextRange;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::inert::inert;

/// One step of a key path: a table key or an index into an array (of tables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a value lives in the scenario, e.g. `placement[0].productivity.start`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPath(Vec<Seg>);

impl KeyPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a key (a dotted key adds one segment per part).
    pub fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.extend(key.split('.').map(|k| Seg::Key(k.to_owned())));
        Self(segs)
    }

    pub fn index(&self, i: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(i));
        Self(segs)
    }

    pub fn segments(&self) -> &[Seg] {
        &self.0
    }
}

/// A problem found in a scenario file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line and column (in characters); 0 when the place is unknown.
    pub line: usize,
    pub col: usize,
    /// The key path as shown to the user (may be empty for file-level problems).
    pub key: String,
    pub message: String,
    /// A warning: the scenario is valid, but a value is implausible or an assumption is made
    /// that the user should know (`warning:` instead of `error:`).
    pub warning: bool,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line, whatever the scenario's strings hold (they reach key and message).
        write!(f, "{}", inert(&self.file.display().to_string()))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col)?;
        }
        write!(f, ": {}: ", if self.warning { "warning" } else { "error" })?;
        if !self.key.is_empty() {
            write!(f, "{}: ", inert(&self.key))?;
        }
        write!(f, "{}", inert(&self.message))
    }
}

/// The scenario text with its spanned parse tree, used to place diagnostics.
pub struct SourceMap<'a> {
    file: PathBuf,
    text: &'a str,
    doc: Option<Spanned<DeTable<'a>>>,
    /// Placements merged from a template (by index): the key paths that give their keys,
    /// first match wins (the placement's own, then its templates').
    redirects: std::collections::BTreeMap<usize, Vec<KeyPath>>,
}

impl<'a> SourceMap<'a> {
    pub fn new(file: &Path, text: &'a str) -> Self {
        Self {
            file: file.to_path_buf(),
            text,
            doc: DeTable::parse(text).ok(),
            redirects: Default::default(),
        }
    }

    /// Places the keys of merged placements where they are written (see
    /// `scenario::template`).
    pub fn with_redirects(mut self, redirects: std::collections::BTreeMap<usize, Vec<KeyPath>>) -> Self {
        self.redirects = redirects;
        self
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// A diagnostic at a key path: placed at the value if it exists, else at the nearest parent.
    pub fn at_path(&self, path: &KeyPath, message: impl Into<String>) -> Diagnostic {
        let span = self.span_of(path);
        self.make(span, self.render(path), message.into())
    }

    /// A diagnostic at a byte range of the text (from a parser error); the key path is the
    /// deepest value that contains the range.
    pub fn at_span(&self, span: Option<TextRange<usize>>, message: impl Into<String>) -> Diagnostic {
        let key = span
            .as_ref()
            .and_then(|s| self.path_containing(s.start))
            .map(|p| self.render(&p))
            .unwrap_or_default();
        self.make(span, key, message.into())
    }

    fn make(&self, span: Option<TextRange<usize>>, key: String, message: String) -> Diagnostic {
        let (line, col) = span.map_or((0, 0), |s| line_col(self.text, s.start));
        Diagnostic {
            file: self.file.clone(),
            line,
            col,
            key,
            message,
            warning: false,
        }
    }

    fn span_of(&self, path: &KeyPath) -> Option<TextRange<usize>> {
        if let [Seg::Key(top), Seg::Index(i), rest @ ..] = path.segments()
            && top == "placement"
            && let Some(sources) = self.redirects.get(i)
        {
            // The first source that writes the whole key, else the one that writes most of it.
            let mut best: Option<(usize, TextRange<usize>)> = None;
            for source in sources {
                let mut full = source.clone();
                full.0.extend(rest.iter().cloned());
                let (depth, span) = self.span_depth(&full)?;
                let depth = depth.saturating_sub(source.0.len());
                if depth == rest.len() {
                    return Some(span);
                }
                if best.as_ref().is_none_or(|(d, _)| depth > *d) {
                    best = Some((depth, span));
                }
            }
            return best.map(|(_, span)| span);
        }
        self.span_depth(path).map(|(_, span)| span)
    }

    /// The span of the deepest value on `path` that exists, and how many segments it took.
    fn span_depth(&self, path: &KeyPath) -> Option<(usize, TextRange<usize>)> {
        let doc = self.doc.as_ref()?;
        let mut depth = 0;
        let mut best = doc.span();
        let mut node: Option<&DeValue> = None;
        for seg in path.segments() {
            let next = match (seg, node) {
                (Seg::Key(k), None) => table_get(doc.get_ref(), k),
                (Seg::Key(k), Some(DeValue::Table(t))) => table_get(t, k),
                (Seg::Index(i), Some(DeValue::Array(a))) => a.get(*i),
                _ => None,
            };
            match next {
                Some(v) => {
                    best = v.span();
                    node = Some(v.get_ref());
                    depth += 1;
                }
                None => break,
            }
        }
        Some((depth, best))
    }

    /// The key path of the deepest value that contains `offset`. Tables written with a
    /// `[header]` (and `[[array]]` entries) are spanned by their header only, so an offset
    /// belongs to the last such header before it.
    fn path_containing(&self, offset: usize) -> Option<KeyPath> {
        let doc = self.doc.as_ref()?;
        let mut path = KeyPath::root();
        let mut table: &DeTable = doc.get_ref();
        loop {
            let Some((key, value)) = entry_at(table, offset) else {
                return Some(path);
            };
            path = path.key(key);
            match value.get_ref() {
                DeValue::Table(t) => table = t,
                DeValue::Array(items) => {
                    let inside = items.iter().position(|v| v.span().contains(&offset));
                    let header = || {
                        items
                            .iter()
                            .rposition(|v| v.span().start <= offset && is_header_table(v))
                    };
                    let Some(i) = inside.or_else(header) else {
                        return Some(path);
                    };
                    path = path.index(i);
                    match items[i].get_ref() {
                        DeValue::Table(t) => table = t,
                        _ => return Some(path),
                    }
                }
                _ => return Some(path),
            }
        }
    }

    /// `placement[0] "vakkenvuller" .productivity.start`: indices carry the entry's name.
    pub fn render(&self, path: &KeyPath) -> String {
        let mut out = String::new();
        let mut node: Option<&DeValue> = None;
        let mut after_name = false;
        for seg in path.segments() {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push_str(if after_name { " ." } else { "." });
                    }
                    out.push_str(k);
                    node = match node {
                        None => self.doc.as_ref().and_then(|d| table_get(d.get_ref(), k)),
                        Some(DeValue::Table(t)) => table_get(t, k),
                        _ => None,
                    }
                    .map(|v| v.get_ref());
                    after_name = false;
                }
                Seg::Index(i) => {
                    out.push_str(&format!("[{i}]"));
                    let item = match node {
                        Some(DeValue::Array(a)) => a.get(*i).map(|v| v.get_ref()),
                        _ => None,
                    };
                    after_name = false;
                    if let Some(DeValue::Table(t)) = item
                        && let Some(DeValue::String(name)) = table_get(t, "name").map(|v| v.get_ref())
                    {
                        out.push_str(&format!(" \"{name}\""));
                        after_name = true;
                    }
                    node = item;
                }
            }
        }
        out
    }
}

/// The entry of `table` whose key or value contains `offset`, else the header-style table
/// (or array of tables) that starts last before it.
fn entry_at<'t, 'i>(table: &'t DeTable<'i>, offset: usize) -> Option<(&'t str, &'t Spanned<DeValue<'i>>)> {
    let inside = table
        .iter()
        .find(|(k, v)| k.span().contains(&offset) || v.span().contains(&offset));
    inside
        .or_else(|| {
            table
                .iter()
                .filter(|(k, v)| k.span().start <= offset && is_header_table(v))
                .max_by_key(|(k, _)| k.span().start)
        })
        .map(|(k, v)| (k.get_ref().as_ref(), v))
}

/// A table or array of tables whose span is only its header (its body follows it).
fn is_header_table(v: &Spanned<DeValue>) -> bool {
    match v.get_ref() {
        DeValue::Table(t) => t.iter().all(|(k, _)| k.span().start >= v.span().end),
        DeValue::Array(a) => {
            a.iter().all(|item| matches!(item.get_ref(), DeValue::Table(_))) && !a.is_empty()
        }
        _ => false,
    }
}

fn table_get<'t, 'i>(table: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// Rewrites serde's "unknown field `x`, expected one of `a`, `b`" into a message with a
/// suggestion; other messages pass through (first line only, trimmed).
pub fn humanize_serde_message(message: &str) -> String {
    let message = message.trim();
    if message == "recursion limit" {
        return "this key has too many dotted parts (tables nested 80 deep): keep keys short".to_owned();
    }
    if message.starts_with("cannot recurse further") {
        return "arrays or inline tables are nested too deeply here (at most 80 levels)".to_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, tail)) = rest.split_once('`')
    {
        let allowed: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        return unknown_key_message("key", field, &allowed);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((variant, tail)) = rest.split_once('`')
    {
        let allowed: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        return unknown_key_message("value", variant, &allowed);
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("required key `{field}` is missing");
    }
    let first = message.lines().next().unwrap_or(message);
    plain_type_names(first)
}

/// serde names the expected Rust type (`expected i64`); say what the user must write.
fn plain_type_names(message: &str) -> String {
    const NAMES: [(&str, &str); 5] = [
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number"),
    ];
    NAMES
        .iter()
        .find_map(|(rust, plain)| message.strip_suffix(rust).map(|head| format!("{head}{plain}")))
        .unwrap_or_else(|| message.to_owned())
}

/// "unknown key `x`; did you mean `y`? Allowed: a, b, c".
pub fn unknown_key_message(what: &str, got: &str, allowed: &[&str]) -> String {
    let mut msg = format!("unknown {what} `{got}`");
    match suggest(got, allowed.iter().copied()) {
        Some(best) => msg.push_str(&format!("; did you mean `{best}`?")),
        None if !allowed.is_empty() => msg.push('.'),
        None => {}
    }
    if !allowed.is_empty() {
        msg.push_str(&format!(" Allowed: {}", allowed.join(", ")));
    }
    msg
}

/// The closest candidate by Jaro–Winkler similarity, if it is close enough to be a typo.
/// One edit (a swapped pair, a missing or wrong letter, case aside) always counts as a
/// typo: Jaro–Winkler alone misses swaps in short names such as `LSK` for `LKS`.
pub fn suggest<'c>(got: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let one_edit = |c: &str| {
        got.chars().count() >= 3 && strsim::damerau_levenshtein(&got.to_lowercase(), &c.to_lowercase()) <= 1
    };
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(got, c), c))
        .filter(|(score, c)| *score > 0.8 || one_edit(c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[scenario]\nname = \"x\"\n\n[[placement]]\nname = \"vakkenvuller\"\nproductivity = { start = 0.3, target = 0.8 }\n";

    #[test]
    fn renders_named_entries_and_places_values() {
        let map = SourceMap::new(Path::new("s.toml"), TEXT);
        let path = KeyPath::root()
            .key("placement")
            .index(0)
            .key("productivity.target");
        assert_eq!(
            map.render(&path),
            "placement[0] \"vakkenvuller\" .productivity.target"
        );
        let d = map.at_path(&path, "too high");
        assert_eq!((d.line, d.col), (6, 40));
        assert_eq!(
            d.to_string(),
            "s.toml:6:40: error: placement[0] \"vakkenvuller\" .productivity.target: too high"
        );
    }

    #[test]
    fn missing_key_falls_back_to_parent() {
        let map = SourceMap::new(Path::new("s.toml"), TEXT);
        let d = map.at_path(&KeyPath::root().key("placement").index(0).key("dropout"), "m");
        assert_eq!(d.line, 4);
    }

    #[test]
    fn span_to_path() {
        let map = SourceMap::new(Path::new("s.toml"), TEXT);
        let offset = TEXT.find("0.8").unwrap();
        let d = map.at_span(Some(offset..offset + 3), "bad");
        assert_eq!(d.key, "placement[0] \"vakkenvuller\" .productivity.target");
    }

    #[test]
    fn unknown_field_gets_suggestion() {
        let m = humanize_serde_message(
            "unknown field `hours_per_wek`, expected one of `name`, `hours_per_week`, `wage`",
        );
        assert_eq!(
            m,
            "unknown key `hours_per_wek`; did you mean `hours_per_week`? Allowed: name, hours_per_week, wage"
        );
        assert_eq!(
            humanize_serde_message("missing field `start`"),
            "required key `start` is missing"
        );
    }

    #[test]
    fn suggestion_finds_swapped_letters_and_message_without_one_reads_well() {
        assert_eq!(
            unknown_key_message("arrangement", "LSK", &["no support", "LKS"]),
            "unknown arrangement `LSK`; did you mean `LKS`? Allowed: no support, LKS"
        );
        assert_eq!(
            unknown_key_message("arrangement", "xyz", &["no support", "LKS"]),
            "unknown arrangement `xyz`. Allowed: no support, LKS"
        );
        assert_eq!(unknown_key_message("key", "xyz", &[]), "unknown key `xyz`");
        assert_eq!(suggest("a", ["no support", "LKS"]), None);
    }

    #[test]
    fn wrong_type_message_names_no_rust_types() {
        assert_eq!(
            humanize_serde_message("invalid type: string \"24\", expected i64"),
            "invalid type: string \"24\", expected a whole number"
        );
        assert_eq!(
            humanize_serde_message("invalid type: string \"x\", expected f64"),
            "invalid type: string \"x\", expected a number"
        );
        assert_eq!(
            humanize_serde_message("invalid type: integer `3`, expected a string"),
            "invalid type: integer `3`, expected a string"
        );
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("", 5), (1, 1));
    }
}
