//! The only place that touches files. Every error names the path; outputs are written
//! atomically (a temporary file beside the target, renamed into place when complete), so a
//! failed or interrupted run never leaves a half-written output.
//!
//! Temporary files are created exclusively (`O_CREAT | O_EXCL`: never through a link planted
//! at their name) under a random name, and are removed on every error path, when dropped, and
//! on Ctrl-C or SIGTERM ([`install_interrupt_cleanup`]). A run's outputs are one
//! [`OutputSet`]: every file is written to a temporary first, and only when all are complete
//! are they renamed into place, under a marker that stays behind if the renames are
//! interrupted, so a folder never holds an unmarked mix of two runs.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Exit code after Ctrl-C, SIGTERM or SIGHUP (128 + SIGINT, as shells report it).
pub const INTERRUPTED_EXIT: i32 = 130;

/// Marker left in an output folder while a run's files are renamed into place; it remains
/// only when that was interrupted, and says which run the folder partly holds.
pub const INCOMPLETE_MARKER: &str = "INCOMPLETE-RUN.txt";

/// The temporary files this process has open, removed by the interrupt handler.
static LIVE_TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live_temps() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the lock was held cannot leave the list inconsistent (push and retain).
    LIVE_TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

fn forget_temp(path: &Path) {
    live_temps().retain(|p| p != path);
}

/// Installs a handler for Ctrl-C, SIGTERM and SIGHUP that removes this process's temporary
/// files and exits with [`INTERRUPTED_EXIT`]. Call once, at start-up.
pub fn install_interrupt_cleanup() {
    // Failing to install (a handler already set by an embedding program) is not an error:
    // the temporary files are then still removed on every other path.
    let _ = ctrlc::set_handler(|| {
        let temps: Vec<PathBuf> = live_temps().drain(..).collect();
        for path in &temps {
            let _ = fs::remove_file(path);
        }
        // A command that was writing says what became of its files; one that was not (the
        // `serve` page stopped with Ctrl-C) just stops.
        if temps.is_empty() {
            eprintln!("interrupted");
        } else {
            eprintln!("interrupted: its temporary files are removed; finished outputs are left as they were");
        }
        std::process::exit(INTERRUPTED_EXIT);
    });
}

/// `.NAME.tmp-PID-RANDOM` beside `target`.
fn temp_name(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_owned());
    let random: u64 = rand::random();
    target.with_file_name(format!(".{name}{TEMP_INFIX}{}-{random:016x}", std::process::id()))
}

const TEMP_INFIX: &str = ".tmp-";

/// The process id in a temporary name made by [`temp_name`], if it is one.
fn temp_owner(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(TEMP_INFIX)?;
    let (pid, random) = tail.split_once('-')?;
    (random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether a process with this id runs (Linux: `/proc`; elsewhere assumed to run, so that
/// nothing of another process is removed).
fn process_runs(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

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

/// Reads a file's bytes if it has at most `limit` of them; `None` if it has more (also for an
/// endless file such as `/dev/zero`, of which only `limit + 1` bytes are read).
pub fn read_at_most(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
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
    forget_temp(&w.temp);
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
    /// Creates the temporary file exclusively: it fails rather than write through a file or
    /// link that exists at the temporary name.
    pub fn create(target: &Path) -> Result<Self, FsError> {
        Self::create_at(target, temp_name(target))
    }

    fn create_at(target: &Path, temp: PathBuf) -> Result<Self, FsError> {
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(fail(target, "cannot create"))?;
        live_temps().push(temp.clone());
        Ok(Self {
            target: target.to_path_buf(),
            temp,
            file: Some(BufWriter::new(file)),
        })
    }

    /// Flushes and syncs the temporary file, which stays under its temporary name: a
    /// [`Staged`] file that [`Staged::rename`] puts into place. On error it is removed.
    pub fn finish(mut self) -> Result<Staged, FsError> {
        let target = self.target.clone();
        let file = self.file.take().ok_or_else(|| FsError {
            path: target.clone(),
            action: "cannot write",
            source: io::Error::other("already committed"),
        })?;
        let staged = Staged {
            target: target.clone(),
            temp: std::mem::take(&mut self.temp),
        };
        let file = file
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(fail(&target, "cannot write"))?;
        file.sync_all().map_err(fail(&target, "cannot write"))?;
        Ok(staged)
    }

    /// Flushes, syncs and renames the file into place.
    pub fn commit(self) -> Result<(), FsError> {
        self.finish()?.rename()
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
            forget_temp(&self.temp);
        }
    }
}

/// A complete file under its temporary name, waiting to be renamed into place; dropped
/// without [`Staged::rename`], it is removed.
#[derive(Debug)]
pub struct Staged {
    target: PathBuf,
    temp: PathBuf,
}

impl Staged {
    /// Renames the file into place (removing the temporary file if that fails).
    pub fn rename(mut self) -> Result<(), FsError> {
        let temp = std::mem::take(&mut self.temp);
        let renamed = fs::rename(&temp, &self.target).map_err(fail(&self.target, "cannot rename into place"));
        if renamed.is_err() {
            let _ = fs::remove_file(&temp);
        }
        forget_temp(&temp);
        renamed
    }

    pub fn path(&self) -> &Path {
        &self.target
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.temp);
            forget_temp(&self.temp);
        }
    }
}

/// The files of one run in one folder, put into place together by [`OutputSet::commit`].
#[derive(Debug)]
pub struct OutputSet {
    dir: PathBuf,
    /// Which run this is (model version, scenario digest, seed, iterations), for the marker.
    identity: String,
    staged: Vec<Staged>,
    /// Stale temporary files of earlier, killed runs that [`OutputSet::begin`] removed.
    pub removed_stale: usize,
}

impl OutputSet {
    /// Creates the folder (and its parents), checks that a file can be created in it (so that
    /// an unwritable folder is found before a long simulation), and removes the temporary
    /// files that killed runs of this program left in it.
    pub fn begin(dir: &Path, identity: &str) -> Result<Self, FsError> {
        create_dir_all(dir)?;
        // The probe is an ordinary temporary file: created exclusively and removed on drop.
        drop(AtomicWriter::create(&dir.join("write-check"))?);
        let removed_stale = remove_stale_temps(dir);
        Ok(Self {
            dir: dir.to_path_buf(),
            identity: identity.to_owned(),
            staged: Vec::new(),
            removed_stale,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A writer for `name` (a path relative to the folder) whose file joins the set with
    /// [`OutputSet::stage`].
    pub fn writer(&self, name: &str) -> Result<AtomicWriter, FsError> {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            create_dir_all(parent)?;
        }
        AtomicWriter::create(&path)
    }

    /// Adds a finished writer's file to the set.
    pub fn stage(&mut self, writer: AtomicWriter) -> Result<(), FsError> {
        self.staged.push(writer.finish()?);
        Ok(())
    }

    /// Writes `bytes` as `name` into the set.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), FsError> {
        let mut w = self.writer(name)?;
        w.write_all(bytes).map_err(fail(w.path(), "cannot write"))?;
        self.stage(w)
    }

    /// Puts every file into place. While the files are renamed, [`INCOMPLETE_MARKER`] in the
    /// folder says which run they belong to; it is removed when all are in place, so it
    /// remains only when renaming was interrupted or failed half-way.
    pub fn commit(self) -> Result<(), FsError> {
        self.commit_with(|_| Ok(()))
    }

    /// [`OutputSet::commit`], calling `before(i)` before the i-th rename (tests inject faults).
    fn commit_with(mut self, mut before: impl FnMut(usize) -> Result<(), FsError>) -> Result<(), FsError> {
        let marker = self.dir.join(INCOMPLETE_MARKER);
        let names: Vec<String> = self
            .staged
            .iter()
            .map(|s| {
                s.path()
                    .strip_prefix(&self.dir)
                    .unwrap_or(s.path())
                    .display()
                    .to_string()
            })
            .collect();
        let text = format!(
            "This folder holds an incomplete set of outputs: putting the files of the run below \
             into place was interrupted, so some files may still be those of an earlier run. \
             Run the command again.\n\nrun: {}\nfiles: {}\n",
            self.identity,
            names.join(", ")
        );
        write_atomic(&marker, text.as_bytes())?;
        for (i, staged) in std::mem::take(&mut self.staged).into_iter().enumerate() {
            before(i)?;
            staged.rename()?;
        }
        fs::remove_file(&marker).map_err(fail(&marker, "cannot remove"))
    }
}

/// Removes the temporary files (by their name pattern) of processes that no longer run;
/// returns how many. Files it cannot remove are left alone.
fn remove_stale_temps(dir: &Path) -> usize {
    let mut removed = 0;
    let mut dirs = vec![dir.to_path_buf()];
    let mut seen = HashSet::new();
    while let Some(d) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            // The chart folder is ours too; other folders and links are not walked.
            if kind.is_dir() && name == "charts" && seen.insert(path.clone()) {
                dirs.push(path);
            } else if kind.is_file()
                && temp_owner(&name).is_some_and(|pid| !process_runs(pid))
                && fs::remove_file(&path).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

/// The `*.toml` files under each path (a file is taken as it is; folders recursively, sorted).
/// A folder reached twice (through a symbolic link back up the tree, or two links to one
/// place) is walked once, so a link loop cannot make the walk endless.
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, FsError> {
    let mut out = Vec::new();
    let mut walked = HashSet::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(fail(path, "cannot read"))?;
        if meta.is_dir() {
            collect_toml(path, &mut out, &mut walked)?;
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>, walked: &mut HashSet<PathBuf>) -> Result<(), FsError> {
    // The folder itself, links resolved: a second visit is a loop or a duplicate.
    let real = fs::canonicalize(dir).map_err(fail(dir, "cannot read"))?;
    if !walked.insert(real) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(fail(dir, "cannot list directory"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(fail(dir, "cannot list directory"))?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_toml(&path, out, walked)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, b"precious").unwrap();
        let target = dir.path().join("out.json");
        let temp = temp_name(&target);
        std::os::unix::fs::symlink(&victim, &temp).unwrap();
        let err = AtomicWriter::create_at(&target, temp.clone())
            .err()
            .expect("refused");
        assert!(err.to_string().contains("out.json"), "{err}");
        assert_eq!(
            fs::read(&victim).unwrap(),
            b"precious",
            "the link's target is untouched"
        );
        assert!(fs::symlink_metadata(&temp).unwrap().file_type().is_symlink());
        assert!(!target.exists());
    }

    #[test]
    fn temporary_names_are_random_and_recognised() {
        let a = temp_name(Path::new("/x/samples.csv"));
        let b = temp_name(Path::new("/x/samples.csv"));
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(".samples.csv.tmp-"), "{name}");
        assert_eq!(temp_owner(name), Some(std::process::id()));
        assert_eq!(
            temp_owner(".samples.csv.tmp-123"),
            None,
            "old style or foreign names"
        );
        assert_eq!(temp_owner("samples.csv"), None);
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed_and_live_ones_kept() {
        if !Path::new("/proc").is_dir() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        // A pid above the kernel's maximum (4194304) cannot run.
        let dead = dir.path().join(".samples.csv.tmp-4294967295-00000000000000ab");
        let mine = dir.path().join(format!(
            ".summary.json.tmp-{}-00000000000000cd",
            std::process::id()
        ));
        let foreign = dir.path().join(".notes.tmp-1");
        for p in [&dead, &mine, &foreign] {
            fs::write(p, b"x").unwrap();
        }
        let set = OutputSet::begin(dir.path(), "test").unwrap();
        assert_eq!(set.removed_stale, 1);
        assert!(!dead.exists() && mine.exists() && foreign.exists());
    }

    #[test]
    fn an_output_set_appears_whole_or_marked() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), b"old a").unwrap();
        fs::write(dir.path().join("b.csv"), b"old b").unwrap();
        // Complete: both new, no marker, no temporaries.
        let mut set = OutputSet::begin(dir.path(), "run 1").unwrap();
        set.add("a.csv", b"new a").unwrap();
        set.add("b.csv", b"new b").unwrap();
        assert_eq!(
            fs::read(dir.path().join("a.csv")).unwrap(),
            b"old a",
            "nothing moves before commit"
        );
        set.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
        assert_eq!(fs::read(dir.path().join("b.csv")).unwrap(), b"new b");
        // A fault between the two renames: the folder mixes two runs and says so.
        let mut set = OutputSet::begin(dir.path(), "run 2").unwrap();
        set.add("a.csv", b"newer a").unwrap();
        set.add("b.csv", b"newer b").unwrap();
        let err = set
            .commit_with(|i| {
                if i == 1 {
                    Err(fail(Path::new("b.csv"), "injected")(io::Error::other("fault")))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
        assert!(err.to_string().contains("injected"));
        assert_eq!(fs::read(dir.path().join("a.csv")).unwrap(), b"newer a");
        assert_eq!(fs::read(dir.path().join("b.csv")).unwrap(), b"new b");
        let marker = fs::read_to_string(dir.path().join(INCOMPLETE_MARKER)).unwrap();
        assert!(
            marker.contains("run: run 2") && marker.contains("a.csv, b.csv"),
            "{marker}"
        );
        assert_eq!(
            names(dir.path()),
            [INCOMPLETE_MARKER, "a.csv", "b.csv"],
            "no temporaries"
        );
        // The next complete run removes the marker.
        let mut set = OutputSet::begin(dir.path(), "run 3").unwrap();
        set.add("b.csv", b"newest b").unwrap();
        set.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn an_unwritable_folder_is_found_before_any_work() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro");
        fs::create_dir(&ro).unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
        // Root can write anyway; the check is meaningful only for other users.
        if fs::write(ro.join("probe"), b"").is_ok() {
            return;
        }
        let err = OutputSet::begin(&ro, "test").unwrap_err();
        assert!(err.to_string().contains("ro"), "{err}");
    }

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

    #[cfg(unix)]
    #[test]
    fn a_folder_with_a_link_loop_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        fs::write(sub.join("a.toml"), b"").unwrap();
        // sub/loop -> .. : without the guard every file is found again at every depth.
        std::os::unix::fs::symlink("..", sub.join("loop")).unwrap();
        std::os::unix::fs::symlink(&sub, dir.path().join("again")).unwrap();
        let started = std::time::Instant::now();
        let files = scenario_files(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn a_file_larger_than_the_limit_is_not_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        fs::write(&path, vec![b'#'; 1000]).unwrap();
        assert_eq!(read_at_most(&path, 1000).unwrap().map(|b| b.len()), Some(1000));
        assert_eq!(read_at_most(&path, 999).unwrap(), None);
        if Path::new("/dev/zero").exists() {
            assert_eq!(read_at_most(Path::new("/dev/zero"), 1 << 20).unwrap(), None);
        }
    }

    #[test]
    fn errors_name_the_path() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.json"), b"").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir/x.json"), "{err}");
    }
}
