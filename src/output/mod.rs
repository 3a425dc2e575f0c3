//! Write: put the rendered files on disk without ever losing the previous output.
//!
//! [`Staging::begin`] takes a lock beside the output folder and makes a fresh, uniquely named
//! staging folder on the output's own device; [`Staging::write_file`] streams files into it (from
//! any number of threads); [`Staging::commit`] flushes them to the disk and swaps the new site in
//! with one atomic exchange, so the output folder is never missing, and only then removes the old
//! build. A staging folder that is dropped, interrupted (Ctrl-C, SIGTERM) or left by a killed run
//! is removed — the last by the next build, once it has proved the run that made it is dead.
//!
//! kolikko marks the folders it makes with a small file and refuses to replace a non-empty folder
//! without that mark, so it never deletes a folder it did not create.

mod platform;
mod signals;

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use platform::ProcessId;

/// The file that marks an output folder as kolikko's.
pub const MARKER: &str = ".kolikko-output";
const MARKER_TEXT: &str =
    "This folder was written by kolikko. `kolikko build` replaces it as a whole.\n";

/// The longest file or folder name kolikko writes (most file systems allow 255 bytes).
pub const MAX_NAME_BYTES: usize = 255;
/// The longest path kolikko writes inside the output folder, leaving room for where the folder
/// itself is (most systems allow 4,096 bytes in all; Windows shares often far less).
pub const MAX_PATH_BYTES: usize = 1024;
/// How long a build waits for another build into the same folder before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// Staging folders made inside the output folder (when it cannot be swapped as a whole) start
/// with this; in the parent they are `.NAME.kolikko-staging-…`.
const STAGING_TAG: &str = "kolikko-staging-";
/// The old output during a swap without atomic exchange.
const OLD_TAG: &str = "kolikko-old-";

/// One file of the built site, with its path relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{0} is not empty and was not made by kolikko (it has no {MARKER} file); refusing to replace it. Choose another --output folder or empty this one."
    )]
    NotOurs(PathBuf),
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write outside the output folder: {0}")]
    UnsafePath(String),
    #[error(
        "the output path {path} cannot be written: {reason}. Shorten the id, slug or tag it comes from."
    )]
    BadPath { path: String, reason: String },
    #[error(
        "--output {output} {relation} the input folder {input}; building there would overwrite or delete your site. Choose an output folder outside content/ and templates/ that does not hold the site."
    )]
    Overlap {
        output: PathBuf,
        relation: &'static str,
        input: PathBuf,
    },
    #[error(
        "the disk holding {output} is full ({source}). kolikko writes the new site beside the previous one and swaps them only when it is complete, so it needs room for both copies; free some space or choose another --output folder. The previous output is unchanged."
    )]
    DiskFull { output: PathBuf, source: io::Error },
    #[error(
        "another kolikko build is writing into {output} (it holds {lock}); waited {waited} s for it to finish. Try again when it is done."
    )]
    Busy {
        output: PathBuf,
        lock: PathBuf,
        waited: u64,
    },
    #[error("the build was interrupted")]
    Interrupted,
}

/// What a finished commit wants the user to know: the new site is live, but something could not
/// be tidied (an old build that could not be removed, say).
#[derive(Debug, Default)]
pub struct Committed {
    pub warnings: Vec<String>,
}

/// Checks that `output` may be replaced: missing, empty, or marked as kolikko's. Staging folders
/// a killed build left inside it do not count as content (the build removes them).
pub fn check_replaceable(output: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::Io {
            path: output.to_path_buf(),
            source: e,
        }),
        Ok(meta) if !meta.is_dir() => Err(OutputError::NotAFolder(output.to_path_buf())),
        Ok(_) => {
            if output.join(MARKER).is_file() {
                return Ok(());
            }
            let entries = fs::read_dir(output).map_err(|source| OutputError::Io {
                path: output.to_path_buf(),
                source,
            })?;
            let mut content = entries
                .flatten()
                .filter(|e| !is_inner_staging(&e.file_name()));
            if content.next().is_none() {
                Ok(())
            } else {
                Err(OutputError::NotOurs(output.to_path_buf()))
            }
        }
    }
}

/// Refuses an output folder that holds (or is) one of the input folders, or lies inside one
/// that kolikko reads as a whole (`content/`, `templates/`). `contains` are folders the output
/// must not hold; `excludes` are folders it must not be inside either. The default
/// `SITE/public` lies inside the site folder, which is fine: only the site's own inputs are read.
pub fn check_not_overlapping(
    output: &Path,
    contains: &[&Path],
    excludes: &[&Path],
) -> Result<(), OutputError> {
    let target = resolve(output);
    for input in contains.iter().chain(excludes) {
        // Resolved even when missing: `templates/` may not exist yet, and an output there would
        // be read as templates by the next build.
        let input_real = resolve(input);
        let relation = if target == input_real {
            "is"
        } else if input_real.starts_with(&target) {
            "holds"
        } else if excludes.contains(input) && target.starts_with(&input_real) {
            "is inside"
        } else {
            continue;
        };
        return Err(OutputError::Overlap {
            output: output.to_path_buf(),
            relation,
            input: input.to_path_buf(),
        });
    }
    Ok(())
}

/// Checks one output path as `write_file` will: relative, plain names, not too long, no control
/// characters or characters Windows shares refuse. `kolikko check` runs it on every path.
pub fn check_path(path: &str) -> Result<(), OutputError> {
    let bad = |reason: String| OutputError::BadPath {
        path: path.chars().take(120).collect(),
        reason,
    };
    let relative = Path::new(path);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if path.is_empty() || !plain || path.contains('\\') {
        return Err(OutputError::UnsafePath(path.to_string()));
    }
    if path.len() > MAX_PATH_BYTES {
        return Err(bad(format!(
            "it is {} bytes long; kolikko writes paths of at most {MAX_PATH_BYTES}",
            path.len()
        )));
    }
    for name in path.split('/') {
        if name.len() > MAX_NAME_BYTES {
            return Err(bad(format!(
                "one name in it is {} bytes long; file systems allow at most {MAX_NAME_BYTES}",
                name.len()
            )));
        }
        if let Some(c) = name
            .chars()
            .find(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        {
            return Err(bad(format!("it holds the character {c:?}")));
        }
        if name.ends_with(['.', ' ']) {
            return Err(bad("a name in it ends with a dot or a space".into()));
        }
    }
    Ok(())
}

/// Gives up the run in progress before the process exits without unwinding (the render watchdog,
/// when a template will not finish): no file is written after this, and the staging folder and
/// the lock are removed, so the previous output stays as it was and nothing is left behind.
pub fn abandon_unfinished() {
    signals::abandon();
}

/// Writes `files` as the new contents of `output`, replacing the previous build only at the end.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<Committed, OutputError> {
    let staging = Staging::begin(output)?;
    for file in files {
        staging.write_file(&file.path, &file.contents)?;
    }
    staging.commit()
}

/// How the new site replaces the old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// Staged beside the output, in its parent, and exchanged with it as a whole.
    Swap,
    /// Staged inside the output folder, whose entries are then exchanged one by one: for a folder
    /// that must stay itself (the user's own empty folder, a mount point, the working directory).
    InPlace,
}

/// A new build being written. Dropping it without [`Staging::commit`] removes it and leaves the
/// previous output as it was.
pub struct Staging {
    /// The folder as the user named it, for messages.
    output: PathBuf,
    /// The same folder, absolute and with links resolved.
    target: PathBuf,
    /// Where the new files go until the swap.
    dir: PathBuf,
    layout: Layout,
    written: AtomicUsize,
    lock: Option<OutputLock>,
    done: bool,
}

impl Staging {
    /// Checks that `output` may be replaced, takes its lock, removes what killed builds left, and
    /// makes an empty staging folder.
    pub fn begin(output: &Path) -> Result<Staging, OutputError> {
        check_replaceable(output)?;
        let target = resolve(output);
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            let output = output.to_path_buf();
            move |source: io::Error| classify(source, &output, path)
        };
        let parent = target
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| OutputError::NotAFolder(output.to_path_buf()))?;
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        signals::install();
        let name = short_name(&target);
        let lock = OutputLock::acquire(&parent.join(format!(".{name}.kolikko-lock")), output)?;
        // With the lock held no other build of this output is running: what looks like ours and
        // belongs to a dead process is debris.
        remove_debris(&parent, &format!(".{name}."));
        let layout = choose_layout(&target, &parent).map_err(io_err(&target))?;
        if layout == Layout::InPlace {
            remove_debris(&target, ".");
        }
        let (home, prefix) = match layout {
            Layout::Swap => (parent.as_path(), format!(".{name}.{STAGING_TAG}")),
            Layout::InPlace => (target.as_path(), format!(".{STAGING_TAG}")),
        };
        let dir = make_unique_folder(home, &prefix).map_err(io_err(home))?;
        signals::register_folder(&dir);
        let staging = Staging {
            output: output.to_path_buf(),
            target,
            dir,
            layout,
            written: AtomicUsize::new(0),
            lock: Some(lock),
            done: false,
        };
        fs::write(staging.dir.join(MARKER), MARKER_TEXT).map_err(io_err(&staging.output))?;
        pause_at("staging");
        Ok(staging)
    }

    /// Writes one file of the new site at `rel_path` (relative, `/`-separated). Safe to call from
    /// many threads at once.
    pub fn write_file(&self, rel_path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        check_path(rel_path)?;
        let shown = self.output.join(rel_path);
        {
            // No interruption removes the folder while this writes into it.
            let _guard = signals::guard().ok_or(OutputError::Interrupted)?;
            let target = self.dir.join(rel_path);
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| classify(e, &self.output, shown.clone()))?;
            }
            fs::write(&target, bytes).map_err(|e| classify(e, &self.output, shown))?;
        }
        if self.written.fetch_add(1, Ordering::Relaxed) == 2 {
            pause_at("writing");
        }
        Ok(())
    }

    /// Flushes the new site to the disk and puts it in place of the old one, which is removed.
    /// An error before the swap leaves the old output untouched; once the new site is live the
    /// result is `Ok`, with a warning for anything that could not be tidied.
    pub fn commit(mut self) -> Result<Committed, OutputError> {
        let output = self.output.clone();
        platform::flush_tree(&self.dir).map_err(|e| classify(e, &output, output.clone()))?;
        pause_at("before-swap");
        let mut committed = Committed::default();
        match self.layout {
            Layout::Swap => self.swap_whole(&mut committed)?,
            Layout::InPlace => self.swap_entries(&mut committed)?,
        }
        self.done = true;
        signals::unregister_folder(&self.dir);
        Ok(committed)
    }

    fn swap_whole(&mut self, committed: &mut Committed) -> Result<(), OutputError> {
        let output = self.output.clone();
        let fail = |e: io::Error| classify(e, &output, output.clone());
        let parent = self.target.parent().unwrap_or(Path::new("/")).to_path_buf();
        let had_old = fs::symlink_metadata(&self.target).is_ok();
        // The folder to remove once the new site is live, if any.
        let mut retired = None;
        {
            let _guard = signals::guard().ok_or(OutputError::Interrupted)?;
            if had_old {
                // Re-check right before touching it: the folder is still ours.
                check_replaceable(&self.target)
                    .map_err(|_| OutputError::NotOurs(output.clone()))?;
                // The new folder takes the old one's permissions (an HR-only folder stays so).
                let permissions = fs::metadata(&self.target).map_err(fail)?.permissions();
                fs::set_permissions(&self.dir, permissions).map_err(fail)?;
                if platform::exchange(&self.dir, &self.target).map_err(fail)? {
                    // The staging name now holds the old build; the signal handler removes it.
                    retired = Some(self.dir.clone());
                } else {
                    let old = self.dir.with_file_name(
                        self.dir
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .replace(STAGING_TAG, OLD_TAG),
                    );
                    fs::rename(&self.target, &old).map_err(fail)?;
                    // The one moment without an output folder, where there is no exchange.
                    pause_at("between-renames");
                    if let Err(e) = fs::rename(&self.dir, &self.target) {
                        let _ = fs::rename(&old, &self.target);
                        return Err(fail(e));
                    }
                    retired = Some(old);
                }
            } else {
                fs::rename(&self.dir, &self.target).map_err(fail)?;
            }
        }
        let _ = platform::flush_folder(&parent);
        pause_at("after-swap");
        if let Some(old) = retired {
            if let Err(e) = remove_marked_folder(&old) {
                committed.warnings.push(format!(
                    "the new site is in {}, but the previous build could not be removed from {}: {e}. Remove that folder by hand.",
                    output.display(),
                    old.display()
                ));
            }
            signals::unregister_folder(&old);
        }
        Ok(())
    }

    fn swap_entries(&mut self, committed: &mut Committed) -> Result<(), OutputError> {
        let output = self.output.clone();
        let fail = |e: io::Error| classify(e, &output, output.clone());
        let retired = self.dir.join(".kolikko-retired");
        fs::create_dir(&retired).map_err(fail)?;
        let mut names: Vec<OsString> = fs::read_dir(&self.dir)
            .map_err(fail)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        names.retain(|n| n != ".kolikko-retired");
        // The marker first: a folder interrupted half-way is then kolikko's, and the next build
        // replaces it instead of refusing it.
        names.sort_by_key(|n| (n != MARKER, n.clone()));
        {
            let _guard = signals::guard().ok_or(OutputError::Interrupted)?;
            for name in &names {
                let new = self.dir.join(name);
                let live = self.target.join(name);
                if fs::symlink_metadata(&live).is_err() {
                    fs::rename(&new, &live).map_err(fail)?;
                } else if !platform::exchange(&new, &live).map_err(fail)? {
                    fs::rename(&live, retired.join(name)).map_err(fail)?;
                    fs::rename(&new, &live).map_err(fail)?;
                }
            }
            let keep: HashSet<&OsString> = names.iter().collect();
            let staging_name = self.dir.file_name().unwrap_or_default().to_os_string();
            for entry in fs::read_dir(&self.target).map_err(fail)? {
                let name = entry.map_err(fail)?.file_name();
                if keep.contains(&name) || name == staging_name || is_inner_staging(&name) {
                    continue;
                }
                fs::rename(self.target.join(&name), retired.join(&name)).map_err(fail)?;
            }
        }
        let _ = platform::flush_folder(&self.target);
        pause_at("after-swap");
        if let Err(e) = remove_marked_folder(&self.dir) {
            committed.warnings.push(format!(
                "the new site is in {}, but the previous build could not be removed from {}: {e}. Remove that folder by hand.",
                output.display(),
                self.dir.display()
            ));
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            // Only the staging folder, which this run created, is removed.
            let _ = remove_marked_folder(&self.dir);
            signals::unregister_folder(&self.dir);
        }
        // Release the lock last, after everything else is tidy.
        self.lock.take();
    }
}

/// An exclusive lock on `.NAME.kolikko-lock` in the output's parent, removed when released.
struct OutputLock {
    file: File,
    path: PathBuf,
}

impl OutputLock {
    fn acquire(path: &Path, output: &Path) -> Result<OutputLock, OutputError> {
        let start = Instant::now();
        let wait = std::env::var("KOLIKKO_LOCK_WAIT_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .map_or(LOCK_WAIT, Duration::from_secs);
        let fail = |e: io::Error| classify(e, output, path.to_path_buf());
        let mut told = false;
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(path)
                .map_err(fail)?;
            if platform::try_lock(&file).map_err(fail)? {
                // The build that held it may have removed the file meanwhile; lock the new one.
                if !platform::same_file(&file, path) {
                    continue;
                }
                let _ = file.set_len(0);
                let _ = writeln!(&file, "{}", std::process::id());
                signals::register_lock(path);
                return Ok(OutputLock {
                    file,
                    path: path.to_path_buf(),
                });
            }
            if start.elapsed() >= wait {
                return Err(OutputError::Busy {
                    output: output.to_path_buf(),
                    lock: path.to_path_buf(),
                    waited: start.elapsed().as_secs(),
                });
            }
            if !told {
                eprintln!(
                    "kolikko: another build is writing into {}; waiting for it to finish",
                    output.display()
                );
                told = true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock, so a waiting build notices and retries.
        let _ = fs::remove_file(&self.path);
        signals::unregister_lock(&self.path);
        let _ = &self.file;
    }
}

/// Turns an I/O error into the message the user needs, naming `shown` (a path they know).
fn classify(source: io::Error, output: &Path, shown: PathBuf) -> OutputError {
    if platform::is_disk_full(&source) {
        OutputError::DiskFull {
            output: output.to_path_buf(),
            source,
        }
    } else {
        OutputError::Io {
            path: shown,
            source,
        }
    }
}

/// The absolute path with links resolved, also for an output that does not exist yet: the nearest
/// existing ancestor is resolved and the rest appended.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for ancestor in absolute.ancestors() {
        if let Ok(real) = fs::canonicalize(ancestor) {
            let mut resolved = real;
            for part in absolute
                .strip_prefix(ancestor)
                .unwrap_or(Path::new(""))
                .components()
            {
                match part {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::Normal(p) => resolved.push(p),
                    _ => {}
                }
            }
            return resolved;
        }
    }
    absolute
}

fn choose_layout(target: &Path, parent: &Path) -> io::Result<Layout> {
    let Ok(meta) = fs::symlink_metadata(target) else {
        return Ok(Layout::Swap);
    };
    if !meta.is_dir() {
        return Ok(Layout::Swap);
    }
    // A folder on another device than its parent (a mount point) cannot be renamed away.
    if platform::device(target)? != platform::device(parent)? {
        return Ok(Layout::InPlace);
    }
    // Renaming the working directory (`--output .`) would leave the shell in a deleted folder.
    let cwd = std::env::current_dir().and_then(fs::canonicalize);
    if cwd.is_ok_and(|cwd| cwd.starts_with(target)) {
        return Ok(Layout::InPlace);
    }
    // An empty folder the user made (no marker) is filled in place: it is theirs, with their
    // permissions, and kolikko never removes a folder it did not create.
    if !target.join(MARKER).exists() {
        return Ok(Layout::InPlace);
    }
    Ok(Layout::Swap)
}

/// The output's name as used in the names of its staging and lock files, short enough that they
/// stay within file-name limits.
fn short_name(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    let mut end = name.len().min(100);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_string()
}

/// Makes `home/PREFIX<owner>-<nanos>-<counter>`: the owner (process id, start time, boot) tells
/// a later build whether its maker is alive; the time and counter make the name unique even when
/// the process id is reused, and `create_dir` fails rather than reuse a folder, so retry.
fn make_unique_folder(home: &Path, prefix: &str) -> io::Result<PathBuf> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let me = ProcessId::current();
    loop {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = home.join(format!(
            "{prefix}{}-{}-{}-{nanos}-{n}",
            me.pid, me.start, me.boot
        ));
        match fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Removes a folder kolikko made, its marker last: interrupted half-way, what is left still
/// carries the marker, so a later build can prove it is kolikko's and finish the job.
pub(crate) fn remove_marked_folder(dir: &Path) -> io::Result<()> {
    let mut first_error = None;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        let path = entry.path();
        let removed = if entry.file_type()?.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        if let Err(e) = removed {
            first_error.get_or_insert(e);
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// Whether a name inside an output folder is one of kolikko's staging folders.
fn is_inner_staging(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy()
        .starts_with(&format!(".{STAGING_TAG}"))
}

/// The process that made a staging or old folder, read back from its name. Names from older
/// kolikko versions carry only the process id.
fn owner_of(name: &str, prefix: &str) -> Option<ProcessId> {
    let rest = name.strip_prefix(prefix)?;
    let rest = rest
        .strip_prefix(STAGING_TAG)
        .or_else(|| rest.strip_prefix(OLD_TAG))?;
    let parts: Vec<&str> = rest.split('-').collect();
    match parts.as_slice() {
        [pid] => Some(ProcessId {
            pid: pid.parse().ok()?,
            start: 0,
            boot: "0".into(),
        }),
        [pid, start, boot, _nanos, _n] => Some(ProcessId {
            pid: pid.parse().ok()?,
            start: start.parse().ok()?,
            boot: (*boot).to_string(),
        }),
        _ => None,
    }
}

/// Removes the staging and old folders in `home` named with `prefix` that a dead kolikko run
/// left: only real folders (not links) carrying the kolikko marker.
fn remove_debris(home: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(home) else {
        return;
    };
    let me = ProcessId::current();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(owner) = owner_of(&name, prefix) else {
            continue;
        };
        if owner == me || owner.is_alive() {
            continue;
        }
        let path = entry.path();
        let is_folder = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if is_folder && path.join(MARKER).is_file() {
            let _ = remove_marked_folder(&path);
        }
    }
}

/// Test hook: with `KOLIKKO_TEST_PAUSE_AT=POINT`, the build stops at that point of the write
/// phase and waits to be killed, so the fault tests can kill it exactly there.
fn pause_at(point: &str) {
    static WANTED: OnceLock<Option<String>> = OnceLock::new();
    let wanted = WANTED.get_or_init(|| std::env::var("KOLIKKO_TEST_PAUSE_AT").ok());
    if wanted.as_deref() == Some(point) {
        eprintln!("kolikko-test-paused-at {point}");
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_own_output_and_refuses_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[file("index.html", "one"), file("units/a/index.html", "a")],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("units").exists(),
            "stale files of the previous build are gone"
        );

        let foreign = dir.path().join("mine");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("thesis.docx"), "precious").unwrap();
        let err = write_site(&foreign, &[file("index.html", "x")]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)));
        assert_eq!(
            fs::read_to_string(foreign.join("thesis.docx")).unwrap(),
            "precious"
        );
        assert!(!foreign.join("index.html").exists());
        // Nothing is left behind beside it either.
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }

    #[cfg(unix)]
    #[test]
    fn an_empty_user_folder_is_filled_in_place_and_keeps_its_permissions() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        fs::create_dir(&out).unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o750)).unwrap();
        let inode = fs::metadata(&out).unwrap().ino();
        write_site(&out, &[file("index.html", "one")]).unwrap();
        assert_eq!(
            fs::metadata(&out).unwrap().ino(),
            inode,
            "the user's folder itself is kept"
        );
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o750
        );
        // From now on it is marked as kolikko's; a rebuild swaps it but keeps the permissions.
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o750
        );
    }

    #[test]
    fn staging_takes_files_from_many_threads_and_a_dropped_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("index.html", "old")]).unwrap();

        let staging = Staging::begin(&out).unwrap();
        std::thread::scope(|scope| {
            for t in 0..4 {
                let staging = &staging;
                scope.spawn(move || {
                    for i in 0..50 {
                        let path = format!("units/u{t}-{i}/index.html");
                        staging.write_file(&path, path.as_bytes()).unwrap();
                    }
                });
            }
        });
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(
            names(dir.path()),
            ["public"],
            "the staging folder and lock are gone"
        );

        let staging = Staging::begin(&out).unwrap();
        std::thread::scope(|scope| {
            for t in 0..4 {
                let staging = &staging;
                scope.spawn(move || {
                    for i in 0..50 {
                        let path = format!("units/u{t}-{i}/index.html");
                        staging.write_file(&path, path.as_bytes()).unwrap();
                    }
                });
            }
        });
        let committed = staging.commit().unwrap();
        assert!(committed.warnings.is_empty());
        assert!(!out.join("index.html").exists());
        assert_eq!(
            fs::read_to_string(out.join("units/u3-49/index.html")).unwrap(),
            "units/u3-49/index.html"
        );
        assert_eq!(names(dir.path()), ["public"]);
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn debris_of_a_dead_build_is_removed_and_that_of_a_live_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("index.html", "one")]).unwrap();
        let me = ProcessId::current();
        // A dead owner: this process id with another start time (a reused id), and an id from
        // an older kolikko that no process has.
        let dead = dir.path().join(format!(
            ".public.{STAGING_TAG}{}-{}-{}-1-0",
            me.pid,
            me.start + 7,
            me.boot
        ));
        let legacy = dir
            .path()
            .join(format!(".public.{OLD_TAG}{}", u32::MAX - 1));
        let alive = dir.path().join(format!(
            ".public.{STAGING_TAG}{}-{}-{}-2-0",
            me.pid, me.start, me.boot
        ));
        let unmarked = dir
            .path()
            .join(format!(".public.{OLD_TAG}{}", u32::MAX - 2));
        for d in [&dead, &legacy, &alive, &unmarked] {
            fs::create_dir(d).unwrap();
            fs::write(d.join("index.html"), "x").unwrap();
        }
        for d in [&dead, &legacy, &alive] {
            fs::write(d.join(MARKER), MARKER_TEXT).unwrap();
        }
        write_site(&out, &[file("index.html", "two")]).unwrap();
        let left = names(dir.path());
        assert!(!left.iter().any(|n| dead.ends_with(n)), "{left:?}");
        assert!(!left.iter().any(|n| legacy.ends_with(n)), "{left:?}");
        assert!(alive.exists(), "a live build's folder is not touched");
        assert!(
            unmarked.exists(),
            "a folder without the marker is not kolikko's"
        );
    }

    #[test]
    fn unique_folder_names_never_reuse_an_existing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let a = make_unique_folder(dir.path(), ".x.kolikko-staging-").unwrap();
        let b = make_unique_folder(dir.path(), ".x.kolikko-staging-").unwrap();
        assert_ne!(a, b);
        assert_eq!(
            owner_of(&a.file_name().unwrap().to_string_lossy(), ".x."),
            Some(ProcessId::current())
        );
    }

    #[test]
    fn output_overlapping_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let content = site.join("content");
        let templates = site.join("templates");
        fs::create_dir_all(&content).unwrap();
        fs::create_dir_all(&templates).unwrap();
        let check = |out: &Path| {
            check_not_overlapping(out, &[&site], &[&content, &templates]).map_err(|e| e.to_string())
        };
        assert!(check(&site.join("public")).is_ok());
        assert!(check(&dir.path().join("elsewhere/new")).is_ok());
        assert!(check(dir.path()).unwrap_err().contains("holds"));
        assert!(check(&site).unwrap_err().contains(" is "));
        assert!(check(&templates).is_err());
        assert!(
            check(&content.join("posts/new"))
                .unwrap_err()
                .contains("is inside")
        );
        // Not-yet-existing paths with `..` resolve through their existing ancestor.
        assert!(check(&site.join("public/../content")).is_err());
    }

    #[test]
    fn check_path_refuses_what_a_file_system_would() {
        assert!(check_path("tags/quarterly/index.html").is_ok());
        assert!(check_path(&format!("tags/{}/index.html", "a".repeat(300))).is_err());
        assert!(check_path(&format!("{}/x", "a/".repeat(600))).is_err());
        assert!(check_path("tags/a\u{0}b/index.html").is_err());
        assert!(check_path("tags/a:b/index.html").is_err());
        assert!(check_path("../x").is_err());
        assert!(check_path("/x").is_err());
        assert!(check_path("").is_err());
    }

    #[test]
    fn rejects_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let err = write_site(&out, &[file("../evil.html", "x")]).unwrap_err();
        assert!(matches!(err, OutputError::UnsafePath(_)));
        assert!(!out.exists());
        assert!(!dir.path().join("evil.html").exists());
    }
}
