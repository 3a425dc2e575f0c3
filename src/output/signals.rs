//! Ctrl-C and SIGTERM during a build: remove what this run made, then exit.
//!
//! The handler runs on its own thread. Writers and the swap hold a shared guard while they touch
//! the staging folder; the handler takes it exclusively, so it never removes a folder half-way
//! through a write or a swap, and nothing writes after it has started removing.

use std::path::{Path, PathBuf};
use std::sync::{Once, RwLock, RwLockReadGuard};

pub(super) struct State {
    /// Folders this run made that should not outlive it.
    folders: Vec<PathBuf>,
    /// Lock files this run holds.
    locks: Vec<PathBuf>,
    cancelled: bool,
}

static STATE: RwLock<State> = RwLock::new(State {
    folders: Vec::new(),
    locks: Vec::new(),
    cancelled: false,
});
static INSTALL: Once = Once::new();

/// The exit code after an interruption (128 + SIGINT, as shells report it).
pub(super) const INTERRUPTED_EXIT: i32 = 130;

/// Installs the handler once per process. If another handler is already installed (a program
/// embedding kolikko), that one stays and the staging folder is cleaned by the next build.
pub(super) fn install() {
    INSTALL.call_once(|| {
        let _ = ctrlc::set_handler(on_signal);
    });
}

fn on_signal() {
    abandon();
    eprintln!("kolikko: interrupted; removed the unfinished build");
    std::process::exit(INTERRUPTED_EXIT);
}

/// Stops every write of this run and removes its folders and locks; the caller then exits. The
/// exclusive guard waits for a write or swap in progress to finish first, and once it is taken
/// nothing writes again. A folder registered after the exchange holds the previous build (the
/// new one is live), so removing it is right there too.
pub(super) fn abandon() {
    let mut state = STATE.write().unwrap_or_else(|e| e.into_inner());
    state.cancelled = true;
    for folder in &state.folders {
        let _ = super::remove_marked_folder(folder);
    }
    for lock in &state.locks {
        let _ = std::fs::remove_file(lock);
    }
}

/// Held while touching a registered folder; `None` once an interruption has begun.
pub(super) fn guard() -> Option<RwLockReadGuard<'static, State>> {
    let state = STATE.read().unwrap_or_else(|e| e.into_inner());
    if state.cancelled { None } else { Some(state) }
}

pub(super) fn register_folder(path: &Path) {
    let mut state = STATE.write().unwrap_or_else(|e| e.into_inner());
    state.folders.push(path.to_path_buf());
}

pub(super) fn unregister_folder(path: &Path) {
    let mut state = STATE.write().unwrap_or_else(|e| e.into_inner());
    state.folders.retain(|p| p != path);
}

pub(super) fn register_lock(path: &Path) {
    let mut state = STATE.write().unwrap_or_else(|e| e.into_inner());
    state.locks.push(path.to_path_buf());
}

pub(super) fn unregister_lock(path: &Path) {
    let mut state = STATE.write().unwrap_or_else(|e| e.into_inner());
    state.locks.retain(|p| p != path);
}
