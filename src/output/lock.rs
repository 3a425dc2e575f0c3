//! The lock that keeps two builds from writing into the same output at once.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{OutputError, classify, platform, signals};

/// How long a build waits for another build into the same folder before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// An exclusive lock on `.NAME.kolikko-lock` in the output's parent, removed when released.
pub(super) struct OutputLock {
    file: File,
    path: PathBuf,
}

impl OutputLock {
    pub(super) fn acquire(path: &Path, output: &Path) -> Result<OutputLock, OutputError> {
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
