//! The folders kolikko makes beside or inside the output: their unique names, which tell
//! whose they are, and their removal, also of what a killed build left.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use super::platform::ProcessId;
use super::{MARKER, OLD_TAG, STAGING_TAG};

/// The output's name as used in the names of its staging and lock files, short enough that they
/// stay within file-name limits.
pub(super) fn short_name(target: &Path) -> String {
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
pub(super) fn make_unique_folder(home: &Path, prefix: &str) -> io::Result<PathBuf> {
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
pub(super) fn is_inner_staging(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy()
        .starts_with(&format!(".{STAGING_TAG}"))
}

/// The process that made a staging or old folder, read back from its name. Names from older
/// kolikko versions carry only the process id.
pub(super) fn owner_of(name: &str, prefix: &str) -> Option<ProcessId> {
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
pub(super) fn remove_debris(home: &Path, prefix: &str) {
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
