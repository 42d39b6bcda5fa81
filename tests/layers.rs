//! The architecture as a test: data flows one way, from the shared vocabulary on the lowest
//! floor up to the command line. It parses every file in `src/` with `syn`, takes every
//! `use` tree and every `crate::…`/`super::…` path (unit tests inside a file are left out),
//! resolves each to the file it names, and fails when
//!
//! - a module takes something from a module on its own or a higher floor (two modules on
//!   one floor, such as `scenario` and `sim`, do not know each other), or
//! - files import each other in a circle, inside one module or across modules, or
//! - a top-level module is not placed on a floor below.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// The floors, lowest first. A module may import only from lower floors.
const FLOORS: [&[&str]; 14] = [
    &["vocab", "calendar", "fs", "templates", "inert"],
    &["dist", "plot"],
    &["rates", "school_calendar"],
    &["diag"],
    &["instruments", "uitkering"],
    &["cohort"],
    &["model"],
    &["scenario", "sim"],
    &["stats"],
    &["check", "report", "whatif"],
    &["export"],
    // The local web server: reads scenarios, runs the engine, builds the report and the
    // workbook (export) for the page; below the command line, whose arguments app turns into
    // its configuration.
    &["serve"],
    &["cli"],
    &["app"],
];

fn floor(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

/// A source file: its module path (`["sim", "engine"]`; `["sim"]` for `sim/mod.rs`).
type Module = Vec<String>;

fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, Reader>) {
    for entry in fs::read_dir(dir).expect("src/ readable") {
        let path = entry.expect("dir entry").path();
        let name = path.file_stem().expect("stem").to_string_lossy().to_string();
        if path.is_dir() {
            let mut inner = prefix.to_vec();
            inner.push(name);
            modules(&path, &inner, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = prefix.to_vec();
            if name != "mod" && !(prefix.is_empty() && (name == "lib" || name == "main")) {
                module.push(name.clone());
            }
            if prefix.is_empty() && name == "main" {
                continue; // the binary uses the library by its crate name
            }
            let text = fs::read_to_string(&path).expect("source readable");
            out.insert(module, paths_of(&path, &text));
        }
    }
}

/// Every path a file names that may lead into the crate: `use` trees expanded, plus
/// inline `crate::`/`super::`/`self::` paths, in code and in macro bodies. Items under
/// `#[cfg(test)]` are left out: unit tests may reach anywhere.
fn paths_of(file: &Path, text: &str) -> Reader {
    let ast = syn::parse_file(text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut reader = Reader::default();
    reader.visit_file(&ast);
    reader
}

#[derive(Default)]
struct Reader {
    paths: Vec<Vec<String>>,
    /// Child modules declared under `#[cfg(test)]` (`mod test_support;`): test code.
    test_mods: Vec<String>,
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.parse_args::<syn::Path>().is_ok_and(|p| p.is_ident("test")))
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match item {
        Const(i) => &i.attrs,
        Enum(i) => &i.attrs,
        Fn(i) => &i.attrs,
        Impl(i) => &i.attrs,
        Macro(i) => &i.attrs,
        Mod(i) => &i.attrs,
        Static(i) => &i.attrs,
        Struct(i) => &i.attrs,
        Trait(i) => &i.attrs,
        Type(i) => &i.attrs,
        Union(i) => &i.attrs,
        Use(i) => &i.attrs,
        _ => &[],
    }
}

const ROOTS: [&str; 3] = ["crate", "super", "self"];

impl<'ast> Visit<'ast> for Reader {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !is_test_only(item_attrs(item)) {
            syn::visit::visit_item(self, item);
        } else if let syn::Item::Mod(m) = item {
            self.test_mods.push(m.ident.to_string());
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        expand(&item.tree, &mut Vec::new(), &mut self.paths);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.first().is_some_and(|s| ROOTS.contains(&s.as_str())) {
            self.paths.push(segments);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        scan_tokens(mac.tokens.clone(), &mut self.paths);
        syn::visit::visit_macro(self, mac);
    }
}

/// Paths such as `crate::a::b` inside a macro's tokens (`format!`, `vec!`, …).
fn scan_tokens(tokens: TokenStream, out: &mut Vec<Vec<String>>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Group(g) => scan_tokens(g.stream(), out),
            TokenTree::Ident(id) if ROOTS.contains(&id.to_string().as_str()) => {
                let mut path = vec![id.to_string()];
                // An identifier, then `::` (two `:` puncts) and the next identifier, as
                // long as the chain goes on.
                while let (
                    Some(TokenTree::Punct(a)),
                    Some(TokenTree::Punct(b)),
                    Some(TokenTree::Ident(next)),
                ) = (tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3))
                {
                    if a.as_char() != ':' || b.as_char() != ':' {
                        break;
                    }
                    path.push(next.to_string());
                    i += 3;
                }
                if path.len() > 1 {
                    out.push(path);
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Expands a use tree such as `super::{a::{self, B}, c}` into its paths.
fn expand(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            expand(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) if n.ident == "self" => out.push(prefix.clone()),
        syn::UseTree::Name(n) => out.push([prefix.as_slice(), &[n.ident.to_string()]].concat()),
        syn::UseTree::Rename(r) => out.push([prefix.as_slice(), &[r.ident.to_string()]].concat()),
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                expand(t, prefix, out);
            }
        }
    }
}

/// The file a path names, seen from `from`: the longest prefix that is a module of the crate.
/// `None` for paths outside the crate (std, other crates).
fn resolve<T>(from: &Module, path: &[String], files: &BTreeMap<Module, T>) -> Option<Module> {
    let mut base: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") | Some("self") => from.clone(),
        _ => return None,
    };
    let mut rest = path;
    while let Some(head) = rest.first() {
        match head.as_str() {
            "crate" => {}
            "self" => {}
            "super" => {
                base.pop();
            }
            _ => break,
        }
        rest = &rest[1..];
    }
    let mut best = None;
    let mut module = base.clone();
    if files.contains_key(&module) {
        best = Some(module.clone());
    }
    for seg in rest {
        module.push(seg.clone());
        if files.contains_key(&module) {
            best = Some(module.clone());
        } else {
            break;
        }
    }
    // A file's own items, and its parent modules (which declare it), are not imports.
    best.filter(|m| !from.starts_with(m))
}

/// Every file → file import edge of the crate.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let mut files = BTreeMap::new();
    modules(Path::new("src"), &[], &mut files);
    let mut edges = BTreeMap::new();
    let test_files: BTreeSet<Module> = files
        .iter()
        .flat_map(|(m, r)| {
            r.test_mods
                .iter()
                .map(move |t| [m.as_slice(), std::slice::from_ref(t)].concat())
        })
        .collect();
    for (module, reader) in &files {
        if test_files.contains(module) {
            continue;
        }
        let targets: BTreeSet<Module> = reader
            .paths
            .iter()
            .filter_map(|p| resolve(module, p, &files))
            .collect();
        edges.insert(module.clone(), targets);
    }
    edges
}

fn name(m: &Module) -> String {
    if m.is_empty() { "lib".into() } else { m.join("/") }
}

#[test]
fn no_module_imports_from_its_own_or_a_higher_floor() {
    let edges = graph();
    let mut wrong = Vec::new();
    for (from, targets) in &edges {
        let Some(top) = from.first() else { continue };
        let Some(f) = floor(top) else {
            wrong.push(format!("src/{top}: not on a floor of tests/layers.rs"));
            continue;
        };
        for to in targets {
            let other = &to[0];
            if other == top {
                continue;
            }
            match floor(other) {
                Some(g) if g < f => {}
                Some(g) => wrong.push(format!(
                    "{} (floor {f}) imports {} (floor {g})",
                    name(from),
                    name(to)
                )),
                None => wrong.push(format!("src/{other}: not on a floor of tests/layers.rs")),
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the floors:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let edges = graph();
    // Depth-first search; a grey node met again closes a circle.
    fn visit(
        m: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        stack: &mut Vec<Module>,
        circles: &mut Vec<String>,
    ) {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for to in edges.get(m).into_iter().flatten() {
            match state.get(to).copied().unwrap_or(0) {
                0 => visit(to, edges, state, stack, circles),
                1 => {
                    let start = stack.iter().position(|s| s == to).unwrap_or(0);
                    let mut circle: Vec<String> = stack[start..].iter().map(name).collect();
                    circle.push(name(to));
                    circles.push(circle.join(" → "));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut circles = Vec::new();
    for m in edges.keys() {
        if !state.contains_key(m) {
            visit(m, &edges, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(circles.is_empty(), "import circles:\n{}", circles.join("\n"));
}

#[test]
fn the_reader_finds_the_imports_it_checks() {
    // The checks above pass trivially if nothing is read: pin a few known edges.
    let edges = graph();
    let has = |from: &str, to: &str| {
        let f: Module = from.split('/').map(String::from).collect();
        let t: Module = to.split('/').map(String::from).collect();
        edges.get(&f).is_some_and(|s| s.contains(&t))
    };
    assert!(has("sim/engine", "sim/plan"), "use super::plan::{{…}}");
    assert!(
        has("sim/engine", "instruments"),
        "use crate::instruments::{{self, …}}"
    );
    assert!(has("model", "vocab"), "pub use crate::vocab::…");
    assert!(has("sim/path", "model"), "use crate::model::{{…}}");
    assert!(!has("model", "scenario") && !has("model", "sim"));
    // And a made-up backward edge is caught by the floor rule.
    assert!(floor("scenario") <= floor("sim") && floor("sim") <= floor("scenario"));
    assert!(floor("vocab") < floor("model") && floor("model") < floor("stats"));
}
