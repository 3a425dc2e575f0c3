//! The render watchdog of `build` and `check`: a page whose template runs past the time limit
//! is stopped even when it never writes (when it writes, the page's own budget stops it first).
//!
//! Tera cannot be interrupted mid-render, so the watchdog ends the process: it first has the
//! output writer give up (no more writes, the staging folder and the lock removed, the previous
//! output untouched), then prints which template and page ran too long, and exits with 1. The
//! preview server does not use it: it gives up on the rebuild instead and keeps serving
//! (`kolikko::serve`).

use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use kolikko::diagnostics::Diagnostics;
use kolikko::pages::{overdue, overdue_diagnostic};

use super::Output;

/// How often the watchdog looks; a runaway page is stopped at most this long after the limit.
const LOOK_EVERY: Duration = Duration::from_millis(100);

/// Starts the watchdog for a run on `site` (for the template paths in the message); `outcome`
/// tells the user what became of the run.
pub fn arm(site: &Path, out: Output, outcome: &'static str) {
    let site: PathBuf = site.to_path_buf();
    thread::spawn(move || {
        loop {
            thread::sleep(LOOK_EVERY);
            if let Some(overdue) = overdue(None) {
                kolikko::output::abandon_unfinished();
                let diagnostic = overdue_diagnostic(&site, &overdue, outcome);
                eprintln!("{}", Diagnostics::from(diagnostic).render(out.styled));
                std::process::exit(1);
            }
        }
    });
}
