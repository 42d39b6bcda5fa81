//! Where the page's scenarios come from: the bundled scenarios (embedded), the `init`
//! templates (embedded), and the `*.toml` files of the folder given, and nothing outside it.
//!
//! A file of the folder is named by its path relative to the folder. It is opened only when
//! that path has no `..`, root or prefix part and, with every link resolved, still lies
//! inside the folder: `../x.toml`, `/etc/x.toml` and a link out of the folder are refused.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::templates;

/// The scenarios shipped in `scenarios/`, embedded in the binary.
pub const BUNDLED: [(&str, &str); 7] = [
    (
        "supermarkt-vakkenvuller",
        include_str!("../../scenarios/supermarkt-vakkenvuller.toml"),
    ),
    (
        "bakkerij-jobcoach",
        include_str!("../../scenarios/bakkerij-jobcoach.toml"),
    ),
    (
        "groenvoorziening-wajong",
        include_str!("../../scenarios/groenvoorziening-wajong.toml"),
    ),
    (
        "logistiek-orderpicker",
        include_str!("../../scenarios/logistiek-orderpicker.toml"),
    ),
    (
        "sob-detachering",
        include_str!("../../scenarios/sob-detachering.toml"),
    ),
    (
        "top-academy-logistiek",
        include_str!("../../scenarios/top-academy-logistiek.toml"),
    ),
    (
        "zorg-proefplaatsing",
        include_str!("../../scenarios/zorg-proefplaatsing.toml"),
    ),
];

/// The scenario the page opens when no file is given.
pub const DEFAULT_BUNDLED: &str = "supermarkt-vakkenvuller";

/// Which scenario: `{"kind": "bundled" | "template" | "file", "name": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[serde(tag = "kind", content = "name")]
pub enum SourceId {
    Bundled(String),
    Template(String),
    /// A file of the folder, by its path relative to it (`/`-separated).
    File(String),
}

/// A scenario's text and the path its messages name.
#[derive(Debug, Clone)]
pub struct Opened {
    pub path: PathBuf,
    pub text: String,
    /// The name a download is offered under (`supermarkt-vakkenvuller.toml`).
    pub file_name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("error: no bundled scenario or template `{0}`")]
    Unknown(String),
    #[error("error: `{0}` is outside the folder served (or not a scenario file in it)")]
    Outside(String),
    #[error("error: no folder is served, so `{0}` cannot be opened; start `inclusim serve DIR`")]
    NoFolder(String),
    #[error("{0}")]
    Load(#[from] crate::scenario::LoadError),
    #[error("{path}: error: cannot open the folder: {source}")]
    Folder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    List(#[from] crate::fs::FsError),
}

impl SourceError {
    /// A refusal for a path outside the folder (403) rather than a missing thing (404).
    pub fn is_forbidden(&self) -> bool {
        matches!(self, SourceError::Outside(_) | SourceError::NoFolder(_))
    }
}

/// One entry of the page's list of scenarios.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub id: SourceId,
    /// The scenario's `[scenario] name`, or the template's summary.
    pub title: String,
    /// A template's summary in Dutch (the page shows it in Dutch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_nl: Option<String>,
}

/// The folder served, if any.
#[derive(Debug)]
pub struct Sources {
    /// As given (for messages) and with its links resolved (for the containment check).
    folder: Option<(PathBuf, PathBuf)>,
}

impl Sources {
    pub fn new(folder: Option<&Path>) -> Result<Self, SourceError> {
        let folder = match folder {
            None => None,
            Some(f) => {
                let real = std::fs::canonicalize(f).map_err(|source| SourceError::Folder {
                    path: f.display().to_string(),
                    source,
                })?;
                Some((f.to_owned(), real))
            }
        };
        Ok(Self { folder })
    }

    /// The id of file `rel` of the folder, when it is one.
    pub fn file_id(&self, rel: &str) -> Result<SourceId, SourceError> {
        self.resolve(rel)?;
        Ok(SourceId::File(rel.to_owned()))
    }

    /// The folder's scenario files, then the bundled scenarios, then the templates.
    pub fn list(&self) -> Result<Vec<Listed>, SourceError> {
        let mut out = Vec::new();
        if let Some((given, real)) = &self.folder {
            for path in crate::fs::scenario_files(std::slice::from_ref(given))? {
                let Ok(rel) = path.strip_prefix(given) else {
                    continue;
                };
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                // A link out of the folder is not offered (and would be refused).
                if std::fs::canonicalize(&path).is_ok_and(|p| p.starts_with(real)) {
                    let title = crate::scenario::read_text(&path)
                        .ok()
                        .and_then(|t| scenario_name(&t))
                        .unwrap_or_else(|| rel.clone());
                    out.push(Listed {
                        id: SourceId::File(rel),
                        title,
                        title_nl: None,
                    });
                }
            }
        }
        for (name, text) in BUNDLED {
            out.push(Listed {
                id: SourceId::Bundled(name.to_owned()),
                title: scenario_name(text).unwrap_or_else(|| name.to_owned()),
                title_nl: None,
            });
        }
        for t in &templates::TEMPLATES {
            out.push(Listed {
                id: SourceId::Template(t.name.to_owned()),
                title: t.summary.to_owned(),
                title_nl: Some(t.summary_nl.to_owned()),
            });
        }
        Ok(out)
    }

    /// The text of a scenario.
    pub fn open(&self, id: &SourceId) -> Result<Opened, SourceError> {
        match id {
            SourceId::Bundled(name) => BUNDLED
                .iter()
                .find(|(n, _)| n == name)
                .map(|(n, text)| Opened {
                    path: PathBuf::from(format!("scenarios/{n}.toml")),
                    text: (*text).to_owned(),
                    file_name: format!("{n}.toml"),
                })
                .ok_or_else(|| SourceError::Unknown(name.clone())),
            SourceId::Template(name) => templates::find(name)
                .map(|t| Opened {
                    path: PathBuf::from(format!("{}.toml", t.name)),
                    text: t.text.to_owned(),
                    file_name: format!("{}.toml", t.name),
                })
                .ok_or_else(|| SourceError::Unknown(name.clone())),
            SourceId::File(rel) => {
                let (shown, real) = self.resolve(rel)?;
                let text = crate::scenario::read_text(&real)?;
                let file_name = shown.file_name().map_or_else(
                    || "scenario.toml".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                );
                Ok(Opened {
                    path: shown,
                    text,
                    file_name,
                })
            }
        }
    }

    /// File `rel` of the folder: the path to show and the real path, or a refusal.
    fn resolve(&self, rel: &str) -> Result<(PathBuf, PathBuf), SourceError> {
        let Some((given, real_folder)) = &self.folder else {
            return Err(SourceError::NoFolder(rel.to_owned()));
        };
        let outside = || SourceError::Outside(crate::inert::inert(rel).into_owned());
        let relative = Path::new(rel);
        let plain = relative.components().all(|c| matches!(c, Component::Normal(_)));
        if rel.is_empty() || !plain || relative.extension().is_none_or(|e| e != "toml") {
            return Err(outside());
        }
        let real = std::fs::canonicalize(real_folder.join(relative)).map_err(|_| outside())?;
        if !real.starts_with(real_folder) || !real.is_file() {
            return Err(outside());
        }
        Ok((given.join(relative), real))
    }
}

/// `[scenario] name` of a scenario text, when it has one.
fn scenario_name(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    table.get("scenario")?.get("name")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_scenarios_are_the_files_of_scenarios() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = BUNDLED.iter().map(|(n, _)| (*n).to_owned()).collect();
        bundled.sort();
        assert_eq!(
            on_disk, bundled,
            "add a new scenarios/*.toml to serve::sources::BUNDLED"
        );
    }

    #[test]
    fn files_outside_the_folder_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let inner = root.path().join("cases");
        std::fs::create_dir(&inner).unwrap();
        std::fs::write(inner.join("a.toml"), "x = 1\n").unwrap();
        std::fs::write(root.path().join("secret.toml"), "x = 2\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.path().join("secret.toml"), inner.join("link.toml")).unwrap();
        let s = Sources::new(Some(&inner)).unwrap();
        assert_eq!(s.open(&SourceId::File("a.toml".into())).unwrap().text, "x = 1\n");
        for rel in [
            "../secret.toml",
            "/etc/passwd",
            "link.toml",
            "",
            "a.toml/..",
            "sub/../a.toml",
            "missing.toml",
        ] {
            let e = s.open(&SourceId::File(rel.into())).unwrap_err();
            assert!(e.is_forbidden(), "{rel}: {e}");
        }
        let listed: Vec<SourceId> = s.list().unwrap().into_iter().map(|l| l.id).collect();
        assert!(listed.contains(&SourceId::File("a.toml".into())));
        assert!(!listed.contains(&SourceId::File("link.toml".into())));
        let none = Sources::new(None).unwrap();
        assert!(
            none.open(&SourceId::File("a.toml".into()))
                .unwrap_err()
                .is_forbidden()
        );
    }
}
