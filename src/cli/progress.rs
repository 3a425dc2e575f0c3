//! A progress spinner for long builds: on a terminal only, and only once a build has run for
//! [`DELAY`], so quick builds print nothing extra.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kolikko::build::Progress;

use super::Output;

/// Builds shorter than this show no progress at all.
const DELAY: Duration = Duration::from_secs(1);

pub struct Bar {
    /// `None` when not on a terminal, or with --quiet.
    bar: Option<ProgressBar>,
    done: Arc<AtomicBool>,
}

impl Bar {
    pub fn new(out: Output) -> Bar {
        let done = Arc::new(AtomicBool::new(false));
        let bar = (out.terminal && !out.quiet).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            // Reveal the spinner only if the build is still running after DELAY.
            let (shown, done) = (bar.clone(), done.clone());
            thread::spawn(move || {
                let start = Instant::now();
                while start.elapsed() < DELAY {
                    if done.load(Ordering::SeqCst) {
                        return;
                    }
                    thread::sleep(Duration::from_millis(50));
                }
                if !done.load(Ordering::SeqCst) {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(120));
                }
            });
            bar
        });
        Bar { bar, done }
    }

    /// Removes the spinner before the summary is printed.
    pub fn finish(&self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bar {
    fn step(&self, name: &'static str) {
        if let Some(bar) = &self.bar {
            bar.set_message(name);
        }
    }
}
