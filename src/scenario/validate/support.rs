//! What an arrangement changes in the placements: its jobcoach, placement keys set anew,
//! and its own cost and benefit lines. Each changed placement is the scenario's placement
//! with the changes merged in, checked by the same code as `[[placement]]` itself, so the
//! messages are the same and point at the arrangement's keys.

use super::placement::build_placement;
use super::*;

/// Keys that identify a placement: an arrangement cannot set them anew.
const FIXED_KEYS: [&str; 2] = ["name", "count"];

/// Whether the arrangement changes the placements at all.
pub(super) fn changes_placements(a: &RawArrangement) -> bool {
    a.jobcoach.is_some() || a.placement.is_some() || !a.costs.is_empty() || !a.benefits.is_empty()
}

/// The variant an arrangement with support simulates; `None` when it changes nothing or
/// when its changes are invalid (the problems are reported).
#[allow(clippy::too_many_arguments)]
pub(super) fn build_variant(
    c: &mut Checker,
    raw: &RawScenario,
    j: usize,
    placements: &[Placement],
    horizon: usize,
    pools: &[&str],
    rates: Option<&Rates>,
    start: YearMonth,
) -> Option<Variant> {
    let a = &raw.arrangements[j];
    if !changes_placements(a) {
        return None;
    }
    let apath = KeyPath::root().key("arrangement").index(j);
    let errors_before = c.errors.len();
    let scope = scope(c, a.placements.as_deref(), placements, &apath.key("placements"));
    // The placement keys the arrangement sets, dotted, each as its parts.
    let mut overridden: Vec<Vec<String>> = Vec::new();
    if let Some(table) = &a.placement {
        for key in FIXED_KEYS {
            if table.contains_key(key) {
                c.error(
                    &apath.key("placement").key(key),
                    format!("`{key}` identifies the placement and cannot change in an arrangement"),
                );
            }
        }
        flatten(&[], table, &mut overridden);
    }
    match &a.jobcoach {
        None | Some(toml::Value::Boolean(false)) | Some(toml::Value::Table(_)) => {}
        Some(_) => c.error(
            &apath.key("jobcoach"),
            "write a jobcoach table (`[arrangement.jobcoach]` with `tariff_per_hour` and `hours_per_month`) or `jobcoach = false` for none",
        ),
    }
    if c.errors.len() > errors_before {
        return None;
    }
    let mut variant = Variant::default();
    for (i, base) in placements.iter().enumerate() {
        let raw_p = &raw.placements[i];
        if !scope[i] {
            variant.placements.push(base.clone());
            variant
                .sources
                .push((0..base.inputs.len()).map(InputSource::Same).collect());
            continue;
        }
        let merged = match merged(raw_p, a) {
            Ok(m) => m,
            Err(message) => {
                let at = if a.placement.is_some() {
                    apath.key("placement")
                } else {
                    apath.clone()
                };
                c.error(&at, message);
                return None;
            }
        };
        let remap = remapper(i, j, raw_p, a, overridden.clone());
        let mut inner = Checker {
            map: c.map,
            errors: Vec::new(),
            warnings: Vec::new(),
            remap: Some(Box::new(remap)),
        };
        let ppath = KeyPath::root().key("placement").index(i);
        let mut p = build_placement(&mut inner, &merged, &ppath, horizon, pools, rates, start);
        for w in inner.warnings.drain(..) {
            if !c.warnings.contains(&w) {
                c.warnings.push(w);
            }
        }
        if !inner.errors.is_empty() {
            c.errors.append(&mut inner.errors);
            return None;
        }
        p.plan_draws();
        variant.sources.push(sources(base, &p));
        variant.placements.push(p);
    }
    Some(variant)
}

/// Which placements the arrangement's support applies to (all by default).
pub(super) fn scope(
    c: &mut Checker,
    names: Option<&[String]>,
    placements: &[Placement],
    path: &KeyPath,
) -> Vec<bool> {
    let Some(names) = names else {
        return vec![true; placements.len()];
    };
    let mut applies = vec![false; placements.len()];
    if names.is_empty() {
        c.error(
            path,
            "name at least one placement, or leave `placements` out for every placement",
        );
    }
    for (k, name) in names.iter().enumerate() {
        match placements.iter().position(|p| p.name == *name) {
            Some(i) => applies[i] = true,
            None => {
                let known: Vec<&str> = placements.iter().map(|p| p.name.as_str()).collect();
                c.error(&path.index(k), unknown_key_message("placement", name, &known));
            }
        }
    }
    applies
}

/// Whether a TOML table is a distribution (`{ dist = "pert", … }`) rather than a section of
/// keys.
fn is_distribution(v: &toml::Value) -> bool {
    v.as_table().is_some_and(|t| t.contains_key("dist"))
}

/// The keys a change table sets, each as the parts of its dotted path
/// (`supervision.available_hours_per_week`): a section's keys, not the section.
fn flatten(prefix: &[String], table: &toml::Table, out: &mut Vec<Vec<String>>) {
    for (key, value) in table {
        let mut path = prefix.to_vec();
        path.push(key.clone());
        match value {
            toml::Value::Table(t) if !is_distribution(value) => flatten(&path, t, out),
            _ => out.push(path),
        }
    }
}

/// Sets `changes` into `base`: sections merge key by key, any other value (a number, a
/// distribution, a list) replaces the one before.
fn merge(base: &mut toml::Table, changes: &toml::Table) {
    for (key, value) in changes {
        match (base.get_mut(key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(t))
                if !is_distribution(value) && !b.contains_key("dist") =>
            {
                merge(b, t)
            }
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

/// The scenario's placement with the arrangement's changes: its keys, its jobcoach (which
/// replaces the placement's), and its lines after the placement's own.
fn merged(raw: &RawPlacement, a: &RawArrangement) -> Result<RawPlacement, String> {
    let describe = |e: toml::ser::Error| format!("cannot apply the changes: {e}");
    let mut table = toml::Table::try_from(raw).map_err(describe)?;
    if let Some(changes) = &a.placement {
        merge(&mut table, changes);
    }
    match &a.jobcoach {
        Some(toml::Value::Table(j)) => {
            table.insert("jobcoach".into(), toml::Value::Table(j.clone()));
        }
        Some(_) => {
            table.remove("jobcoach");
        }
        None => {}
    }
    for (key, lines) in [("cost", &a.costs), ("benefit", &a.benefits)] {
        if lines.is_empty() {
            continue;
        }
        let extra = toml::Value::try_from(lines).map_err(describe)?;
        let list = table.entry(key).or_insert_with(|| toml::Value::Array(Vec::new()));
        if let (toml::Value::Array(list), toml::Value::Array(extra)) = (list, extra) {
            list.extend(extra);
        }
    }
    toml::Value::Table(table)
        .try_into::<RawPlacement>()
        .map_err(|e| humanize_serde_message(e.message()))
}

/// Where a problem of the changed placement `i` is reported: at the arrangement key that
/// changed it, or nowhere (the placement's own problems are reported with the placement).
fn remapper<'r>(
    i: usize,
    j: usize,
    raw_p: &RawPlacement,
    a: &RawArrangement,
    overridden: Vec<Vec<String>>,
) -> impl Fn(&KeyPath) -> Option<KeyPath> + 'r {
    let (own_costs, own_benefits) = (raw_p.costs.len(), raw_p.benefits.len());
    let has_jobcoach = a.jobcoach.is_some();
    let apath = KeyPath::root().key("arrangement").index(j);
    move |path: &KeyPath| {
        let segs = path.segments();
        let [Seg::Key(root), Seg::Index(pi), rest @ ..] = segs else {
            return None;
        };
        if root != "placement" || *pi != i {
            return None;
        }
        let extend = |mut at: KeyPath, rest: &[Seg]| {
            for s in rest {
                at = match s {
                    Seg::Key(k) => at.key(k),
                    Seg::Index(n) => at.index(*n),
                };
            }
            at
        };
        match rest {
            [Seg::Key(k), tail @ ..] if k == "jobcoach" && has_jobcoach => {
                return Some(extend(apath.key("jobcoach"), tail));
            }
            [Seg::Key(k), Seg::Index(n), tail @ ..] if k == "cost" && *n >= own_costs => {
                return Some(extend(apath.key("cost").index(n - own_costs), tail));
            }
            [Seg::Key(k), Seg::Index(n), tail @ ..] if k == "benefit" && *n >= own_benefits => {
                return Some(extend(apath.key("benefit").index(n - own_benefits), tail));
            }
            _ => {}
        }
        let keys: Vec<&str> = rest
            .iter()
            .map_while(|s| match s {
                Seg::Key(k) => Some(k.as_str()),
                Seg::Index(_) => None,
            })
            .collect();
        let touches = overridden.iter().any(|o| {
            let n = o.len().min(keys.len());
            n > 0 && o[..n].iter().zip(&keys[..n]).all(|(a, b)| a == b)
        });
        touches.then(|| extend(apath.key("placement"), rest))
    }
}

/// Where each input of the changed placement takes its value from, by its key.
fn sources(base: &Placement, changed: &Placement) -> Vec<InputSource> {
    changed
        .inputs
        .iter()
        .map(|input| {
            let own = base.inputs.iter().position(|b| b.path == input.path);
            match own {
                Some(slot) if base.inputs[slot].dist == input.dist => InputSource::Same(slot),
                _ if input.dist.as_constant().is_some() => {
                    InputSource::Constant(input.dist.as_constant().unwrap_or(0.0))
                }
                Some(slot) if base.inputs[slot].dist.as_constant().is_none() => InputSource::Ranked(slot),
                _ => InputSource::Own(format!("{}/{}", base.name, input.path)),
            }
        })
        .collect()
}
