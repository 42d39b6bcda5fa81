//! The only place that touches files. Every error names the path; outputs are written
//! atomically (a temporary file beside the target, renamed into place when complete), so a
//! failed or interrupted run never leaves a half-written output.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An I/O error with the path it concerns.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {action}: {source}")]
pub struct FsError {
    pub path: PathBuf,
    pub action: &'static str,
    #[source]
    pub source: io::Error,
}

fn fail<'p>(path: &'p Path, action: &'static str) -> impl FnOnce(io::Error) -> FsError + 'p {
    move |source| FsError {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// Reads a file's bytes (scenario files are checked for UTF-8 by the caller, which can say
/// where the first bad byte is).
pub fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    fs::read(path)
}

/// Creates a directory and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    if path.exists() && !path.is_dir() {
        let source = io::Error::new(io::ErrorKind::AlreadyExists, "it exists and is not a directory");
        return Err(fail(path, "cannot use as output directory")(source));
    }
    fs::create_dir_all(path).map_err(fail(path, "cannot create directory"))
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    let mut w = AtomicWriter::create(path)?;
    w.write_all(bytes).map_err(fail(path, "cannot write"))?;
    w.commit()
}

/// Writes `bytes` to a new file at `path`, atomically, and never over an existing file: the
/// bytes go to a temporary file that is then hard-linked to `path` (which fails if `path`
/// exists, with no window in which another file could be replaced).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(already_exists(path));
    }
    let mut w = AtomicWriter::create(path)?;
    w.write_all(bytes).map_err(fail(path, "cannot write"))?;
    let file = w.file.take().ok_or_else(|| already_exists(path))?;
    // From here the temporary file is ours to remove (the writer no longer holds it).
    let linked = file
        .into_inner()
        .map_err(|e| e.into_error())
        .and_then(|f| f.sync_all())
        .map_err(fail(path, "cannot write"))
        .and_then(|()| match fs::hard_link(&w.temp, path) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(already_exists(path)),
            // A file system without hard links: create the file exclusively instead (not
            // atomic, but still never over an existing file).
            Err(_) => write_exclusive(path, bytes),
            Ok(()) => Ok(()),
        });
    let _ = fs::remove_file(&w.temp);
    linked
}

fn write_exclusive(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                already_exists(path)
            } else {
                fail(path, "cannot create")(e)
            }
        })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(fail(path, "cannot write"))
}

fn already_exists(path: &Path) -> FsError {
    FsError {
        path: path.to_path_buf(),
        action: "refusing to overwrite",
        source: io::Error::from(io::ErrorKind::AlreadyExists),
    }
}

impl FsError {
    /// The target exists (from [`write_new`]).
    pub fn is_already_exists(&self) -> bool {
        self.source.kind() == io::ErrorKind::AlreadyExists
    }
}

/// A file being written under a temporary name; [`AtomicWriter::commit`] renames it into
/// place. Dropped without commit, the temporary file is removed.
pub struct AtomicWriter {
    target: PathBuf,
    temp: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicWriter {
    pub fn create(target: &Path) -> Result<Self, FsError> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_owned());
        let temp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&temp).map_err(fail(target, "cannot create"))?;
        Ok(Self {
            target: target.to_path_buf(),
            temp,
            file: Some(BufWriter::new(file)),
        })
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(mut self) -> Result<(), FsError> {
        let target = self.target.clone();
        let file = self.file.take().ok_or_else(|| FsError {
            path: target.clone(),
            action: "cannot write",
            source: io::Error::other("already committed"),
        })?;
        let file = file
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(fail(&target, "cannot write"))?;
        file.sync_all().map_err(fail(&target, "cannot write"))?;
        fs::rename(&self.temp, &target).map_err(fail(&target, "cannot rename into place"))
    }

    pub fn path(&self) -> &Path {
        &self.target
    }
}

impl Write for AtomicWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicWriter {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// The `*.toml` files under each path (a file is taken as it is; folders recursively, sorted).
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FsError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(fail(path, "cannot read"))?;
        if meta.is_dir() {
            collect_toml(path, &mut out)?;
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), FsError> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(fail(dir, "cannot list directory"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(fail(dir, "cannot list directory"))?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_leaves_no_temp_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        write_atomic(&target, b"{}").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"{}");
        {
            let mut w = AtomicWriter::create(&dir.path().join("half.csv")).unwrap();
            w.write_all(b"a,b\n").unwrap();
        }
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
    }

    #[test]
    fn write_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new.toml");
        write_new(&target, b"first").unwrap();
        let err = write_new(&target, b"second").unwrap_err();
        assert!(err.is_already_exists(), "{err}");
        assert_eq!(fs::read(&target).unwrap(), b"first");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("new.toml")],
            "no temporary file left"
        );
    }

    #[test]
    fn errors_name_the_path() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.json"), b"").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir/x.json"), "{err}");
    }
}
