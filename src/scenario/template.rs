//! `[placement_template.NAME]`: the keys that several placements share, written once.
//!
//! A `[[placement]]` with `template = "NAME"` starts from the template's keys and sets anew
//! only the keys it writes itself (a school's group: its `name`, `count`, `start_month`,
//! `learning.months`). In a key table such as `productivity` or `learning` each key is
//! replaced on its own; any other value (a number, a distribution, the list of `cost` lines)
//! is replaced whole. A template can start from another (`template = "…"` inside it).
//!
//! This runs on the TOML before the serde types see it, so `validate` checks a merged
//! placement like any other; the returned redirects let diagnostics point at the line that
//! gave the key: the placement's own, else the template's.

use std::collections::BTreeMap;

use crate::diag::{KeyPath, SourceMap, unknown_key_message};
use crate::scenario::Diagnostic;

/// For each merged placement (by index): where its keys are written, first match wins.
pub type Redirects = BTreeMap<usize, Vec<KeyPath>>;

/// The key under which templates are written.
pub const TABLE: &str = "placement_template";

/// The scenario table with templates merged into their placements, or `None` when the
/// scenario uses no template (or is not valid TOML: the ordinary parse reports that).
pub fn expand(text: &str, map: &SourceMap) -> Result<Option<(toml::Table, Redirects)>, Vec<Diagnostic>> {
    let Ok(mut doc) = toml::from_str::<toml::Table>(text) else {
        return Ok(None);
    };
    let uses = |doc: &toml::Table| {
        doc.get("placement")
            .and_then(toml::Value::as_array)
            .is_some_and(|ps| ps.iter().any(|p| p.get("template").is_some()))
    };
    if !doc.contains_key(TABLE) && !uses(&doc) {
        return Ok(None);
    }
    let keys = PlacementKeys::new();
    let mut diags = Vec::new();
    let root = KeyPath::root();
    let templates: toml::Table = match doc.get(TABLE) {
        None => toml::Table::new(),
        Some(toml::Value::Table(t)) => t.clone(),
        Some(_) => {
            return Err(vec![map.at_path(
                &root.key(TABLE),
                "write each template as a table: `[placement_template.NAME]`",
            )]);
        }
    };
    for (name, body) in &templates {
        let at = root.key(TABLE).key(name);
        let Some(body) = body.as_table() else {
            diags.push(map.at_path(&at, "a template is a table of placement keys"));
            continue;
        };
        if body.contains_key("name") {
            diags.push(map.at_path(
                &at.key("name"),
                "a template has no `name`: each placement that uses it gives its own",
            ));
        }
        keys.check(body, &at, map, &mut diags);
    }
    let names: Vec<&str> = templates.keys().map(String::as_str).collect();
    let mut resolved: BTreeMap<String, (toml::Table, Vec<String>)> = BTreeMap::new();
    for name in templates.keys() {
        if let Some(r) = resolve(name, &templates, &names, &mut Vec::new(), map, &mut diags) {
            resolved.insert(name.clone(), r);
        }
    }
    let mut redirects = Redirects::new();
    if let Some(toml::Value::Array(placements)) = doc.get_mut("placement") {
        for (i, p) in placements.iter_mut().enumerate() {
            let at = root.key("placement").index(i);
            let Some(own) = p.as_table() else { continue };
            let Some(template) = own.get("template") else {
                continue;
            };
            keys.check(own, &at, map, &mut diags);
            let Some(name) = template.as_str() else {
                diags.push(map.at_path(&at.key("template"), "`template` is the name of a template (text)"));
                continue;
            };
            if !templates.contains_key(name) {
                diags.push(map.at_path(&at.key("template"), unknown_template(name, &names)));
                continue;
            }
            let Some((base, chain)) = resolved.get(name) else {
                continue;
            };
            let mut merged = base.clone();
            merge(&mut merged, own, &keys);
            merged.remove("template");
            *p = toml::Value::Table(merged);
            let mut sources = vec![at.clone()];
            sources.extend(chain.iter().map(|t| root.key(TABLE).key(t)));
            redirects.insert(i, sources);
        }
    }
    if !diags.is_empty() {
        // A template reached from several placements or templates is reported once.
        let mut once: Vec<Diagnostic> = Vec::new();
        for d in diags {
            if !once.contains(&d) {
                once.push(d);
            }
        }
        return Err(once);
    }
    doc.remove(TABLE);
    Ok(Some((doc, redirects)))
}

/// A template with the templates it starts from merged in, and its chain (itself first).
fn resolve(
    name: &str,
    templates: &toml::Table,
    names: &[&str],
    stack: &mut Vec<String>,
    map: &SourceMap,
    diags: &mut Vec<Diagnostic>,
) -> Option<(toml::Table, Vec<String>)> {
    let body = templates.get(name)?.as_table()?;
    let at = KeyPath::root().key(TABLE).key(name);
    stack.push(name.to_owned());
    let result = match body.get("template") {
        None => Some((body.clone(), vec![name.to_owned()])),
        Some(parent) => match parent.as_str() {
            None => {
                diags.push(map.at_path(&at.key("template"), "`template` is the name of a template (text)"));
                None
            }
            Some(parent) if stack.iter().any(|s| s == parent) => {
                // Reported once: when resolving from the cycle's first name.
                if stack.first().is_some_and(|s| s == parent)
                    && stack.iter().min().is_some_and(|s| s == parent)
                {
                    let mut cycle = stack.clone();
                    cycle.push(parent.to_owned());
                    diags.push(map.at_path(
                        &at.key("template"),
                        format!(
                            "templates start from each other in a cycle: {}; let one of them \
                             start from none",
                            cycle.join(" → ")
                        ),
                    ));
                }
                None
            }
            Some(parent) if !templates.contains_key(parent) => {
                diags.push(map.at_path(&at.key("template"), unknown_template(parent, names)));
                None
            }
            Some(parent) => {
                resolve(parent, templates, names, stack, map, diags).map(|(mut base, mut chain)| {
                    merge(&mut base, body, &PlacementKeys::new());
                    base.remove("template");
                    chain.insert(0, name.to_owned());
                    (base, chain)
                })
            }
        },
    };
    stack.pop();
    result
}

fn unknown_template(name: &str, names: &[&str]) -> String {
    if names.is_empty() {
        format!(
            "unknown template `{name}`: the scenario has no `[placement_template.{name}]` \
             (write one with the keys the placements share)"
        )
    } else {
        unknown_key_message("template", name, names)
    }
}

/// `own`'s keys set over `base`: key tables (`productivity`, `learning`, …) key by key,
/// everything else whole.
fn merge(base: &mut toml::Table, own: &toml::Table, keys: &PlacementKeys) {
    for (k, v) in own {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) if keys.is_section(k) => {
                for (sk, sv) in o {
                    b.insert(sk.clone(), sv.clone());
                }
            }
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The keys a placement takes, and the keys of its key tables, from the scenario schema.
struct PlacementKeys {
    top: Vec<String>,
    sections: BTreeMap<String, Vec<String>>,
}

impl PlacementKeys {
    fn new() -> Self {
        let schema = super::schema::json_schema();
        let defs = &schema["definitions"];
        let props = defs["RawPlacement"]["else"]["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut sections = BTreeMap::new();
        for (k, v) in &props {
            let refs = std::iter::once(v)
                .chain(v["anyOf"].as_array().into_iter().flatten())
                .chain(v["oneOf"].as_array().into_iter().flatten())
                .filter_map(|s| s["$ref"].as_str());
            for r in refs {
                let def = &defs[r.trim_start_matches("#/definitions/")];
                if let Some(p) = def["properties"].as_object() {
                    sections.insert(k.clone(), p.keys().cloned().collect());
                }
            }
        }
        Self {
            top: props.keys().cloned().collect(),
            sections,
        }
    }

    fn is_section(&self, key: &str) -> bool {
        self.sections.contains_key(key)
    }

    /// Every key of `table` (a template or a placement) is a placement key, and every key of
    /// its key tables is one of that table's.
    fn check(&self, table: &toml::Table, at: &KeyPath, map: &SourceMap, diags: &mut Vec<Diagnostic>) {
        let top: Vec<&str> = self.top.iter().map(String::as_str).collect();
        for (k, v) in table {
            if !top.contains(&k.as_str()) {
                diags.push(unknown(map, &at.key(k), "placement key", k, &top));
                continue;
            }
            if let (Some(allowed), toml::Value::Table(inner)) = (self.sections.get(k), v) {
                let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
                for sk in inner.keys() {
                    if !allowed.contains(&sk.as_str()) {
                        diags.push(unknown(
                            map,
                            &at.key(k).key(sk),
                            &format!("{k} key"),
                            sk,
                            &allowed,
                        ));
                    }
                }
            }
        }
    }
}

fn unknown(map: &SourceMap, at: &KeyPath, what: &str, got: &str, allowed: &[&str]) -> Diagnostic {
    map.at_path(at, unknown_key_message(what, got, allowed))
}
