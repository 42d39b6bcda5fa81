//! `--set KEY=VALUE`: a change of the scenario made on the command line, as if it were made
//! in the file, then validated like the file, with the messages naming the `--set` argument.
//!
//! KEY is a dotted TOML key as in the file; an entry of an array of tables (`[[placement]]`,
//! `[[arrangement]]`, `[[pool]]`, `[[peak]]`, the `instruments` list…) is chosen by its `name`,
//! else its `kind`, else its 1-based position: `placement.vakkenvuller.hours_per_week`,
//! `arrangement.Detachering.instruments.detachering.tariff_per_hour`, `scenario.iterations`,
//! `rates.lks_forfait`. VALUE is a TOML value (`32`, `"wml"`, `{ dist = "pert", min = 4,
//! mode = 6, max = 10 }`). An existing value is replaced in place, keeping the text around it,
//! so the edited text is what the same edit by hand gives (and its outputs are byte-identical);
//! a missing last key is added to its table.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, TableLike, Value};

use super::{Diagnostic, LoadError};
use crate::diag::{KeyPath, SourceMap};
use crate::model::Model;

/// One `--set` argument, parsed.
#[derive(Debug, Clone)]
pub struct Setting {
    /// The argument as given (`placement.x.hours_per_week=32`), for messages.
    pub arg: String,
    pub path: Vec<String>,
    pub change: Change,
}

/// What a setting does to the value at its key.
#[derive(Debug, Clone)]
pub enum Change {
    /// Replace it with this TOML value.
    Value(Value),
    /// Move it to this centre: a number becomes it; a distribution is shifted (uniform,
    /// triangular, pert, normal) or scaled (lognormal, gamma) so that its centre (docs/
    /// sensitivity.md) is it. Used by `solve`, `sweep` and `gap`.
    Centre(f64),
    /// Leave it, and note its centre (a number itself, a distribution's centre) here.
    Read(std::sync::OnceLock<Option<f64>>),
}

impl Setting {
    /// Parses `KEY=VALUE`.
    pub fn parse(arg: &str) -> Result<Self, String> {
        let (key, value) = split_assignment(arg).ok_or_else(|| {
            format!("--set {arg}: error: expected KEY=VALUE, e.g. --set placement.NAME.hours_per_week=32")
        })?;
        let path = parse_key(key).map_err(|e| format!("--set {arg}: error: {e}"))?;
        let value: Value = value.trim().parse().map_err(|_| {
            format!(
                "--set {arg}: error: `{}` is not a TOML value; write numbers as 32 or 0.5, text in quotes \
                 (--set 'KEY=\"wml\"'), a distribution as {{ dist = \"pert\", min = 4, mode = 6, max = 10 }}",
                value.trim()
            )
        })?;
        Ok(Self {
            arg: arg.to_owned(),
            path,
            change: Change::Value(value),
        })
    }

    /// A setting that moves the value at `key` to `centre` (see [`Change::Centre`]).
    pub fn centre(key: &str, centre: f64) -> Result<Self, String> {
        Ok(Self {
            arg: format!("{key}={centre}"),
            path: parse_key(key)?,
            change: Change::Centre(centre),
        })
    }

    /// The key as given.
    pub fn key(&self) -> String {
        self.path.join(".")
    }
}

/// A dotted key (TOML syntax, so a part with spaces or dots is quoted).
pub fn parse_key(key: &str) -> Result<Vec<String>, String> {
    let keys = toml_edit::Key::parse(key.trim())
        .map_err(|_| format!("`{key}` is not a key; write it as in the file, parts joined by dots"))?;
    if keys.is_empty() {
        return Err("the key is empty".to_owned());
    }
    Ok(keys.iter().map(|k| k.get().to_owned()).collect())
}

/// `KEY=VALUE` at the first `=` outside quotes.
fn split_assignment(arg: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    for (i, c) in arg.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('=', None) => return Some((&arg[..i], &arg[i + 1..])),
            _ => {}
        }
    }
    None
}

/// Reads `path` and validates it with `settings` applied (none: exactly [`super::load`]).
pub fn load_with(path: &Path, settings: &[Setting]) -> Result<Model, LoadError> {
    let text = super::read_text(path)?;
    parse_with(path, &text, settings)
}

/// Validates `text` (of file `path`) with `settings` applied; the diagnostics of a set value
/// name its `--set` argument.
pub fn parse_with(path: &Path, text: &str, settings: &[Setting]) -> Result<Model, LoadError> {
    if settings.is_empty() {
        return super::parse(path, text).map_err(LoadError::Invalid);
    }
    let (edited, resolved) = apply(text, settings).map_err(|message| {
        LoadError::Invalid(vec![Diagnostic {
            file: PathBuf::new(),
            line: 0,
            col: 0,
            key: String::new(),
            message,
            warning: false,
        }])
    })?;
    let name = |d: Diagnostic, places: &[(String, usize, usize, String)]| -> Diagnostic {
        match places.iter().find(|(key, line, col, _)| {
            (!key.is_empty() && d.key.starts_with(key.as_str()))
                || (d.line == *line && d.col >= *col && *line > 0)
        }) {
            Some((_, _, _, arg)) => Diagnostic {
                file: PathBuf::from(format!("--set {arg}")),
                line: 0,
                col: 0,
                ..d
            },
            None => d,
        }
    };
    let map = SourceMap::new(path, &edited);
    let places: Vec<(String, usize, usize, String)> = resolved
        .iter()
        .zip(settings)
        .map(|(p, s)| {
            let d = map.at_path(p, "");
            (d.key, d.line, d.col, s.arg.clone())
        })
        .collect();
    match super::parse(path, &edited) {
        Ok(mut model) => {
            model.warnings = model.warnings.into_iter().map(|d| name(d, &places)).collect();
            Ok(model)
        }
        Err(diags) => Err(LoadError::Invalid(
            diags.into_iter().map(|d| name(d, &places)).collect(),
        )),
    }
}

/// The text with every setting applied in order, and each setting's place as a key path.
pub fn apply(text: &str, settings: &[Setting]) -> Result<(String, Vec<KeyPath>), String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the scenario is not valid TOML, so --set cannot change it: {e}"))?;
    let mut places = Vec::with_capacity(settings.len());
    for s in settings {
        let place = set_one(&mut doc, s).map_err(|e| format!("--set {}: error: {e}", s.arg))?;
        places.push(place);
    }
    Ok((doc.to_string(), places))
}

fn set_one(doc: &mut DocumentMut, s: &Setting) -> Result<KeyPath, String> {
    set_in(
        doc.as_table_mut(),
        &s.path,
        KeyPath::root(),
        "the scenario",
        &s.change,
    )
}

/// Sets `path` inside `table` (at `place`, called `here` in messages). Only a missing
/// top-level table, a missing last key, or a missing key table of a placement that starts
/// from a template is added.
fn set_in(
    table: &mut dyn TableLike,
    path: &[String],
    place: KeyPath,
    here: &str,
    change: &Change,
) -> Result<KeyPath, String> {
    let (part, rest) = path
        .split_first()
        .ok_or("the key ends at a table; set one of its keys")?;
    let top = place.segments().is_empty();
    let place = place.key(part);
    let inner = if top {
        format!("`{part}`")
    } else {
        format!("{here}.{part}")
    };
    if rest.is_empty() {
        match table.get_mut(part) {
            Some(Item::Value(old)) => *old = changed(Some(old), change)?,
            None | Some(Item::None) => {
                table.insert(part, Item::Value(changed(None, change)?));
            }
            Some(_) => return Err(format!("{inner} is a table; set one of its keys")),
        }
        return Ok(place);
    }
    if table.get(part).is_none() {
        if top {
            table.insert(part, toml_edit::table());
        } else if table.get("template").is_some() {
            // A placement that starts from a template writes only some key tables: the
            // set key is merged into the template's table (scenario::template).
            table.insert(part, Item::Value(Value::InlineTable(Default::default())));
        } else {
            return Err(missing(here, part, table.iter().map(|(k, _)| k.to_owned())));
        }
    }
    let Some(item) = table.get_mut(part) else {
        return Err(format!("{here} has no `{part}`"));
    };
    match item {
        Item::Table(t) => set_in(t, rest, place, &inner, change),
        Item::Value(Value::InlineTable(t)) => set_in(t, rest, place, &inner, change),
        Item::ArrayOfTables(array) => {
            let entry = &rest[0];
            let i = pick(
                array
                    .iter()
                    .map(|t| (get_str(t.get("name")), get_str(t.get("kind")))),
                entry,
            )
            .ok_or_else(|| {
                no_entry(
                    &inner,
                    entry,
                    array.iter().map(|t| entry_name(t.get("name"), t.get("kind"))),
                )
            })?;
            let t = array.get_mut(i).ok_or("no such entry")?;
            let at = format!("{inner}.{entry}");
            if rest.len() == 1 {
                return Err(format!("{at} is an entry; set one of its keys"));
            }
            set_in(t, &rest[1..], place.index(i), &at, change)
        }
        Item::Value(Value::Array(array)) => {
            let entry = &rest[0];
            let names = |v: &Value| match v {
                Value::InlineTable(t) => (inline_str(t, "name"), inline_str(t, "kind")),
                _ => (None, None),
            };
            let i = pick(array.iter().map(names), entry).ok_or_else(|| {
                no_entry(
                    &inner,
                    entry,
                    array.iter().map(|v| {
                        let (n, k) = names(v);
                        n.or(k).unwrap_or_default()
                    }),
                )
            })?;
            let at = format!("{inner}.{entry}");
            let Some(Value::InlineTable(t)) = array.get_mut(i) else {
                return Err(format!("{at} is not a table"));
            };
            if rest.len() == 1 {
                return Err(format!("{at} is an entry; set one of its keys"));
            }
            set_in(t, &rest[1..], place.index(i), &at, change)
        }
        _ => Err(format!(
            "{inner} is a value, not a table: `{}` cannot be set inside it",
            rest[0]
        )),
    }
}

/// The new value: a given one with the old one's surrounding whitespace and comments, or the
/// old one moved to a centre.
fn changed(old: Option<&Value>, change: &Change) -> Result<Value, String> {
    let mut new = match change {
        Change::Value(v) => v.clone(),
        Change::Centre(c) => centred(old, *c)?,
        Change::Read(cell) => {
            let old = old.ok_or("the file has no such value")?;
            let _ = cell.set(centre_of(old));
            return Ok(old.clone());
        }
    };
    if let Some(old) = old {
        *new.decor_mut() = old.decor().clone();
    } else {
        new.decor_mut().clear();
    }
    Ok(new)
}

/// The centre of a value: a number itself; a distribution's mode (triangular, pert), midpoint
/// (uniform), mean (normal, gamma) or median (lognormal).
fn centre_of(v: &Value) -> Option<f64> {
    let num = |v: &Value| v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
    if let Some(x) = num(v) {
        return Some(x);
    }
    let t = v.as_inline_table()?;
    let get = |k: &str| t.get(k).and_then(num);
    match t
        .get("dist")
        .and_then(Value::as_str)?
        .to_ascii_lowercase()
        .as_str()
    {
        "uniform" => Some((get("min")? + get("max")?) / 2.0),
        "triangular" | "triangle" | "pert" | "beta-pert" | "betapert" => get("mode"),
        "normal" => get("mean"),
        "lognormal" | "log-normal" => match (get("p5"), get("p95"), get("mu")) {
            (Some(a), Some(b), _) => Some((a * b).sqrt()),
            (_, _, Some(mu)) => Some(mu.exp()),
            _ => get("mean"),
        },
        "gamma" => get("mean").or_else(|| Some(get("shape")? * get("scale")?)),
        _ => None,
    }
}

/// The centre of the value at `key` in `text` (see [`centre_of`]); `None` when it has none.
pub fn current_centre(text: &str, key: &str) -> Result<Option<f64>, String> {
    let s = Setting {
        arg: key.to_owned(),
        path: parse_key(key)?,
        change: Change::Read(std::sync::OnceLock::new()),
    };
    apply(text, std::slice::from_ref(&s))?;
    Ok(match &s.change {
        Change::Read(cell) => cell.get().copied().flatten(),
        _ => None,
    })
}

/// The name of the grant that `gap` adds.
pub const GAP_GRANT: &str = "extra_support";

/// The text with a grant named [`GAP_GRANT`] of `amount` added to the instruments of
/// arrangement `arrangement`: one-off at hiring, or per month over `months` months; and the
/// key of its amount.
pub fn add_gap_grant(text: &str, arrangement: &str, months: Option<u32>) -> Result<(String, String), String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e| format!("the scenario is not valid TOML: {e}"))?;
    let Some(Item::ArrayOfTables(arrangements)) = doc.get_mut("arrangement") else {
        return Err("the scenario has no [[arrangement]] to add support to".to_owned());
    };
    let names: Vec<String> = arrangements
        .iter()
        .filter_map(|t| get_str(t.get("name")))
        .collect();
    let entry = arrangements
        .iter_mut()
        .find(|t| get_str(t.get("name")).as_deref() == Some(arrangement))
        .ok_or_else(|| {
            format!(
                "no arrangement `{arrangement}` in the file; gap adds support to one of: {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    let grant: Value = match months {
        None => format!("{{ kind = \"grant\", name = \"{GAP_GRANT}\", amount = 0, per = \"one_off\" }}"),
        Some(m) => format!(
            "{{ kind = \"grant\", name = \"{GAP_GRANT}\", amount = 0, per = \"month\", from_month = 0, to_month = {} }}",
            m.saturating_sub(1)
        ),
    }
    .parse()
    .map_err(|e| format!("{e}"))?;
    match entry.get_mut("instruments") {
        Some(Item::Value(Value::Array(list))) => list.push(grant),
        None => {
            let mut list = toml_edit::Array::new();
            list.push(grant);
            entry.insert("instruments", toml_edit::value(list));
        }
        Some(_) => return Err(format!("the instruments of `{arrangement}` are not a list")),
    }
    let key = format!(
        "arrangement.{}.instruments.{GAP_GRANT}.amount",
        toml_edit::Key::new(arrangement).display_repr()
    );
    Ok((doc.to_string(), key))
}

/// A value moved to centre `c` (see [`Change::Centre`]).
fn centred(old: Option<&Value>, c: f64) -> Result<Value, String> {
    let number = |x: f64| -> Value {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            Value::from(x as i64)
        } else {
            Value::from(x)
        }
    };
    let Some(Value::InlineTable(t)) = old else {
        return Ok(number(c));
    };
    let get = |k: &str| {
        t.get(k)
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
    };
    let kind = t
        .get("dist")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut new = t.clone();
    let mut put = |k: &str, x: f64| {
        if let Some(v) = new.get_mut(k) {
            let decor = v.decor().clone();
            *v = number(x);
            *v.decor_mut() = decor;
        }
    };
    let shift = |centre: f64, keys: &[&str], put: &mut dyn FnMut(&str, f64)| {
        let d = c - centre;
        for k in keys {
            if let Some(x) = get(k) {
                put(k, x + d);
            }
        }
    };
    match kind.as_str() {
        "uniform" => {
            let (lo, hi) = (get("min").ok_or("min")?, get("max").ok_or("max")?);
            shift((lo + hi) / 2.0, &["min", "max"], &mut put);
        }
        "triangular" | "triangle" | "pert" | "beta-pert" | "betapert" => {
            shift(get("mode").ok_or("mode")?, &["min", "mode", "max"], &mut put);
        }
        "normal" => shift(get("mean").ok_or("mean")?, &["mean", "min", "max"], &mut put),
        "lognormal" | "log-normal" | "gamma" => {
            let centre = if let (Some(p5), Some(p95)) = (get("p5"), get("p95")) {
                (p5 * p95).sqrt()
            } else if let Some(mu) = get("mu") {
                mu.exp()
            } else {
                get("mean").ok_or("the distribution has no centre")?
            };
            if centre <= 0.0 || c <= 0.0 {
                return Err(format!(
                    "a {kind} distribution is scaled, so its centre must stay above 0"
                ));
            }
            let f = c / centre;
            for k in ["p5", "p95", "mean", "sd", "scale"] {
                if let Some(x) = get(k) {
                    put(k, x * f);
                }
            }
            if let Some(mu) = get("mu") {
                put("mu", mu + f.ln());
            }
        }
        other => {
            return Err(format!(
                "a `{other}` distribution cannot be moved to a value; vary a number, or a uniform, \
                 triangular, pert, normal, lognormal or gamma distribution"
            ));
        }
    }
    Ok(Value::InlineTable(new))
}

/// The entry chosen by `part`: by name, else by kind, else by 1-based position.
fn pick(entries: impl Iterator<Item = (Option<String>, Option<String>)>, part: &str) -> Option<usize> {
    let entries: Vec<_> = entries.collect();
    entries
        .iter()
        .position(|(name, _)| name.as_deref() == Some(part))
        .or_else(|| entries.iter().position(|(_, kind)| kind.as_deref() == Some(part)))
        .or_else(|| {
            part.parse::<usize>()
                .ok()
                .filter(|&k| k >= 1 && k <= entries.len())
                .map(|k| k - 1)
        })
}

fn get_str(item: Option<&Item>) -> Option<String> {
    item.and_then(Item::as_str).map(str::to_owned)
}

fn inline_str(t: &toml_edit::InlineTable, key: &str) -> Option<String> {
    t.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn entry_name(name: Option<&Item>, kind: Option<&Item>) -> String {
    get_str(name).or_else(|| get_str(kind)).unwrap_or_default()
}

fn no_entry(here: &str, part: &str, names: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = names
        .filter(|n| !n.is_empty())
        .map(|n| format!("`{n}`"))
        .collect();
    format!(
        "{here} has no entry `{part}`; choose one by name, kind or number (1, 2, …): {}",
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    )
}

fn missing(here: &str, part: &str, keys: impl Iterator<Item = String>) -> String {
    let keys: Vec<String> = keys.collect();
    let hint = crate::diag::suggest(part, keys.iter().map(String::as_str))
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    format!("{here} has no `{part}`{hint}; --set adds only a last key, so add the block to the file first")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[scenario]\nname = \"t\" # the name\niterations = 100\n\n[[placement]]\nname = \"a\"\nhours_per_week = 24   # three days\nsupervision = { initial_hours_per_week = { dist = \"pert\", min = 4, mode = 6, max = 10 }, steady_hours_per_week = 1 }\n\n[[arrangement]]\nname = \"D\"\ninstruments = [{ kind = \"lks\" }, { kind = \"detachering\", tariff_per_hour = 17 }]\n";

    fn set(args: &[&str]) -> Result<String, String> {
        let settings: Vec<Setting> = args.iter().map(|a| Setting::parse(a)).collect::<Result<_, _>>()?;
        apply(TEXT, &settings).map(|(t, _)| t)
    }

    #[test]
    fn a_value_is_replaced_in_place_keeping_its_comment() {
        let out = set(&["placement.a.hours_per_week=32", "scenario.iterations=500"]).unwrap();
        assert_eq!(
            out,
            TEXT.replace("hours_per_week = 24", "hours_per_week = 32")
                .replace("iterations = 100", "iterations = 500")
        );
    }

    #[test]
    fn inline_tables_and_instrument_lists_are_reached_by_name_and_kind() {
        let out = set(&[
            "placement.a.supervision.steady_hours_per_week=2",
            "arrangement.D.instruments.detachering.tariff_per_hour=19",
        ])
        .unwrap();
        assert_eq!(
            out,
            TEXT.replace("steady_hours_per_week = 1", "steady_hours_per_week = 2")
                .replace("tariff_per_hour = 17", "tariff_per_hour = 19")
        );
    }

    #[test]
    fn a_distribution_is_shifted_to_a_centre() {
        let s = Setting::centre("placement.a.supervision.initial_hours_per_week", 5.0).unwrap();
        let (out, _) = apply(TEXT, &[s]).unwrap();
        assert!(
            out.contains("initial_hours_per_week = { dist = \"pert\", min = 3, mode = 5, max = 9 }"),
            "{out}"
        );
    }

    #[test]
    fn a_whole_number_is_written_as_an_integer_and_a_fraction_as_a_float() {
        let s = Setting::centre("placement.a.hours_per_week", 32.0).unwrap();
        assert!(
            apply(TEXT, &[s])
                .unwrap()
                .0
                .contains("hours_per_week = 32   # three days")
        );
        let s = Setting::centre("placement.a.hours_per_week", 31.5).unwrap();
        assert!(
            apply(TEXT, &[s])
                .unwrap()
                .0
                .contains("hours_per_week = 31.5   # three days")
        );
    }

    #[test]
    fn a_missing_top_level_table_and_last_key_are_added() {
        let out = set(&["rates.lks_forfait=0.3"]).unwrap();
        assert!(out.ends_with("[rates]\nlks_forfait = 0.3\n"), "{out}");
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        let e = set(&["placement.b.hours_per_week=32"]).unwrap_err();
        assert!(e.contains("no entry `b`") && e.contains("`a`"), "{e}");
        let e = Setting::parse("placement.a.wage=wml").unwrap_err();
        assert!(e.contains("not a TOML value"), "{e}");
        let e = Setting::parse("placement.a.wage").unwrap_err();
        assert!(e.contains("KEY=VALUE"), "{e}");
        let e = set(&["placement.a.supervisoin.steady_hours_per_week=3"]).unwrap_err();
        assert!(e.contains("did you mean `supervision`"), "{e}");
    }
}
