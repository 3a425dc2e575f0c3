//! The few operating-system calls the swap needs that `std` does not offer: an atomic exchange of
//! two folders, flushing a file system, an advisory lock, and telling whether a process that left
//! a folder behind is still alive. Each has a portable fallback.

use std::fs::{self, File};
use std::io;
use std::path::Path;

/// Swaps `a` and `b` in one step, so neither name is ever missing. `Ok(false)` when the system or
/// file system cannot do it; the caller then falls back to two renames.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let to_c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path holds a NUL byte"))
    };
    let (ca, cb) = (to_c(a)?, to_c(b)?);
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them like `rename` does.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let err = io::Error::last_os_error();
    match err.raw_os_error() {
        // Old kernels (ENOSYS) and file systems without exchange (EINVAL, ENOTSUP).
        Some(libc::ENOSYS) | Some(libc::EINVAL) | Some(libc::ENOTSUP) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(target_os = "linux"))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Asks the system to start writing `file` to the disk now, without waiting: by the time the
/// whole site is flushed at the end (`flush_tree`), most of it is on the disk already, so that
/// flush is short. Only a hint; the flush at the end is what makes the site durable.
#[cfg(target_os = "linux")]
pub fn start_writeback(file: &File) {
    use std::os::unix::io::AsRawFd;
    // SAFETY: the descriptor is open for the duration of the call; the call only reads it.
    unsafe {
        libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn start_writeback(_file: &File) {}

/// Flushes every written file under `dir` to the disk.
#[cfg(target_os = "linux")]
pub fn flush_tree(dir: &Path) -> io::Result<()> {
    use std::os::unix::io::AsRawFd;
    // One syncfs flushes the whole file system in one journal commit, far cheaper than an fsync
    // per file.
    let handle = File::open(dir)?;
    // SAFETY: the descriptor is open for the duration of the call.
    if unsafe { libc::syncfs(handle.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
pub fn flush_tree(dir: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            File::open(entry.path())?.sync_all()?;
        } else if entry.file_type().is_dir() {
            flush_folder(entry.path())?;
        }
    }
    Ok(())
}

/// Flushes a folder's own entries (names added, removed or renamed in it).
pub fn flush_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The device a path lives on, to tell whether a rename between two paths can work.
pub fn device(path: &Path) -> io::Result<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(fs::metadata(path)?.dev())
    }
    #[cfg(not(unix))]
    {
        let _ = fs::metadata(path)?;
        Ok(0)
    }
}

/// What identifies a process beyond its id, which the system reuses: its start time (in clock
/// ticks since boot) and the boot it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessId {
    pub pid: u32,
    pub start: u64,
    pub boot: String,
}

impl ProcessId {
    pub fn current() -> ProcessId {
        let pid = std::process::id();
        ProcessId {
            pid,
            start: start_time(pid).unwrap_or(0),
            boot: boot_id(),
        }
    }

    /// Whether the process that wrote this id is still running. When unsure, it is.
    pub fn is_alive(&self) -> bool {
        if self.boot != "0" && boot_id() != "0" && self.boot != boot_id() {
            return false;
        }
        if cfg!(target_os = "linux") {
            return match start_time(self.pid) {
                Some(start) => self.start == 0 || start == self.start,
                None => !Path::new("/proc/self").exists(),
            };
        }
        #[cfg(unix)]
        {
            let Ok(pid) = libc::pid_t::try_from(self.pid) else {
                return true;
            };
            // SAFETY: signal 0 only checks that the process exists.
            let rc = unsafe { libc::kill(pid, 0) };
            rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
        }
        #[cfg(not(unix))]
        {
            true
        }
    }
}

fn start_time(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Field 22 (starttime); the command name (field 2) may hold spaces, so count after its ')'.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

fn boot_id() -> String {
    fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|id| id.chars().filter(char::is_ascii_hexdigit).take(8).collect())
        .ok()
        .filter(|id: &String| !id.is_empty())
        .unwrap_or_else(|| "0".into())
}

/// Takes an exclusive advisory lock on an open file without waiting. `Ok(false)`: someone else
/// holds it.
pub fn try_lock(file: &File) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        // SAFETY: the descriptor is open; flock only changes its lock.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(true);
        }
        let err = io::Error::last_os_error();
        if err.raw_os_error() == Some(libc::EWOULDBLOCK) {
            Ok(false)
        } else {
            Err(err)
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(true)
    }
}

/// Whether `file` (open) and `path` are still the same file: a lock file that another build
/// removed and recreated while this one waited must be locked again.
pub fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Whether an error means the disk (or the user's quota) is full.
pub fn is_disk_full(err: &io::Error) -> bool {
    if err.kind() == io::ErrorKind::StorageFull || err.kind() == io::ErrorKind::QuotaExceeded {
        return true;
    }
    #[cfg(unix)]
    {
        matches!(err.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT))
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_alive_and_a_changed_start_time_is_not() {
        let me = ProcessId::current();
        assert!(me.is_alive());
        if cfg!(target_os = "linux") {
            assert!(me.start > 0);
            let reused = ProcessId {
                start: me.start + 1,
                ..me.clone()
            };
            assert!(!reused.is_alive(), "a reused process id is not the owner");
            let other_boot = ProcessId {
                boot: "ffffffff".into(),
                ..me
            };
            assert!(!other_boot.is_alive() || boot_id() == "ffffffff");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("f"), "a").unwrap();
        fs::write(b.join("f"), "b").unwrap();
        if exchange(&a, &b).unwrap() {
            assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "b");
            assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "a");
        }
    }
}
