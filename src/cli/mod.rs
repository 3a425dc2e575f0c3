//! The command line's own parts: how results are printed, the progress bar, the serve loop, the render watchdog.

pub mod progress;
pub mod report;
pub mod serve;
pub mod watchdog;

/// How much to print, and whether in colour.
#[derive(Clone, Copy)]
pub struct Output {
    /// Print only errors.
    pub quiet: bool,
    /// Also print each step's time.
    pub verbose: bool,
    /// stderr is a terminal (progress bars only then).
    pub terminal: bool,
    /// Colour on stderr: only on a terminal, and never when NO_COLOR is set.
    pub styled: bool,
}
