//! Shared helpers of the quality-gate tests (`hostile_input`, `determinism`, `fuzz_smoke`): run
//! the compiled `kolikko` binary with a wall-clock timeout and a memory cap, and make fixture
//! sites from `kolikko new` output.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

pub const KOLIKKO: &str = env!("CARGO_BIN_EXE_kolikko");

/// Every run is killed after this long: a hang fails the test instead of stalling the suite.
/// (The test binary is unoptimised; a normal fixture build takes well under a second.)
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Address space cap for every run (unix): memory that grows without bound makes the process
/// abort, which fails the test (it expects exit code 0 or 1, never a signal).
pub const MEMORY_LIMIT_KIB: u64 = 2 * 1024 * 1024;

#[derive(Debug)]
pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Outcome {
    /// No panic, no signal: a clean exit with `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "kolikko panicked:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code,
            Some(code),
            "expected exit code {code}\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `kolikko ARGS` in `cwd` with [`TIMEOUT`] and [`MEMORY_LIMIT_KIB`]; panics on a hang.
pub fn run_in<I, S>(cwd: &Path, args: I) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_with(cwd, args, TIMEOUT)
}

pub fn run_with<I, S>(cwd: &Path, args: I, timeout: Duration) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = if cfg!(unix) {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!(
                "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
            ))
            .arg(KOLIKKO);
        c
    } else {
        Command::new(KOLIKKO)
    };
    command
        .args(args)
        .current_dir(cwd)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn().expect("kolikko starts");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err = thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for kolikko") {
            break status;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kolikko did not finish within {timeout:?}: a hang");
        }
        thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    Outcome {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        elapsed,
    }
}

/// `kolikko build SITE` (output SITE/public), run from SITE's parent.
pub fn build(site: &Path) -> Outcome {
    run_in(
        site.parent().unwrap(),
        [OsStr::new("build"), site.as_os_str()],
    )
}

/// A fresh valid site made by `kolikko new` in a temporary folder: (guard, site path).
pub fn new_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    // --bare: the data without the explanatory comments, so line numbers stay put.
    run_in(
        dir.path(),
        [OsStr::new("new"), site.as_os_str(), OsStr::new("--bare")],
    )
    .assert_code(0);
    (dir, site)
}

pub fn write(site: &Path, relative: &str, contents: impl AsRef<[u8]>) {
    let path = site.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

pub fn read(site: &Path, relative: &str) -> String {
    fs::read_to_string(site.join(relative)).unwrap()
}

/// Replaces the first `from` in a site file by `to`; the fixture must contain `from`.
#[track_caller]
pub fn replace(site: &Path, relative: &str, from: &str, to: &str) {
    let text = read(site, relative);
    assert!(text.contains(from), "{relative} has no {from:?}");
    write(site, relative, text.replacen(from, to, 1));
}

/// Every file under `dir` (relative path → bytes), sorted, symlinks not followed.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                stack.push(entry.path());
            } else {
                let relative = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((relative, fs::read(entry.path()).unwrap()));
            }
        }
    }
    files.sort();
    files
}
