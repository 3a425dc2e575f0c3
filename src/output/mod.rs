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

mod checks;
mod folders;
mod lock;
mod platform;
mod signals;
#[cfg(test)]
mod tests;

pub use checks::{check_not_overlapping, check_path, check_replaceable};
pub(crate) use folders::remove_marked_folder;

use checks::resolve;
use folders::{is_inner_staging, make_unique_folder, remove_debris, short_name};
use lock::OutputLock;

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The file that marks an output folder as kolikko's.
pub const MARKER: &str = ".kolikko-output";
const MARKER_TEXT: &str =
    "This folder was written by kolikko. `kolikko build` replaces it as a whole.\n";

/// The longest file or folder name kolikko writes (most file systems allow 255 bytes).
pub const MAX_NAME_BYTES: usize = 255;
/// The longest path kolikko writes inside the output folder, leaving room for where the folder
/// itself is (most systems allow 4,096 bytes in all; Windows shares often far less).
pub const MAX_PATH_BYTES: usize = 1024;

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
            let written = fs::File::create(&target).and_then(|mut file| {
                file.write_all(bytes)?;
                platform::start_writeback(&file);
                Ok(())
            });
            written.map_err(|e| classify(e, &self.output, shown))?;
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
