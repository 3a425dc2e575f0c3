//! A bound on what one page's template may do: a custom template with runaway loops or
//! recursion is stopped with a message naming it, instead of running for ever or filling memory.
//! Tera limits recursion depth itself; this caps the output and the time spent producing it.
//!
//! The time limit is checked in two ways. Every [`CLOCK_EVERY`]th write checks it, so a template
//! that keeps writing fails like any other template error. A template that loops without writing never comes back
//! here, and Tera cannot be interrupted mid-render, so every page being rendered is also listed
//! in [`RUNNING`]: a watchdog outside the render (the CLI's for `build` and `check`, the preview
//! server's for its rebuilds) asks [`overdue`] and stops the run itself.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;

/// The largest page kolikko writes; real pages are well under 1 MiB even for 20,000 teams' lists.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;
/// The longest one page's template may take by default; see [`page_time_limit`].
pub const MAX_PAGE_TIME: Duration = Duration::from_secs(20);
/// How many writes pass between two looks at the clock: reading it on every write (Tera writes
/// a page in hundreds of thousands of small pieces) cost more than the rest of the bookkeeping.
const CLOCK_EVERY: u32 = 64;
/// The environment variable that sets another limit, in whole seconds.
pub const PAGE_TIME_VAR: &str = "KOLIKKO_PAGE_TIME_SECS";
/// The largest limit [`PAGE_TIME_VAR`] may set (an hour): beyond that it is a typo.
const MAX_PAGE_TIME_SETTING: u64 = 3600;

/// The time one page's template may take: [`MAX_PAGE_TIME`], or [`PAGE_TIME_VAR`] seconds when
/// that is set to a whole number from 1 to 3600. Read once per process.
pub fn page_time_limit() -> Duration {
    static LIMIT: OnceLock<Duration> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        let value = std::env::var(PAGE_TIME_VAR).ok();
        parse_limit(value.as_deref()).unwrap_or_else(|value| {
            eprintln!(
                "warning: {PAGE_TIME_VAR}={value:?} is not a whole number of seconds from 1 to {MAX_PAGE_TIME_SETTING}; using {} s",
                MAX_PAGE_TIME.as_secs()
            );
            MAX_PAGE_TIME
        })
    })
}

/// The limit [`PAGE_TIME_VAR`] sets: the default when unset, the value when it is a whole number
/// of seconds in range, else the value back for the warning.
fn parse_limit(value: Option<&str>) -> Result<Duration, String> {
    let Some(value) = value else {
        return Ok(MAX_PAGE_TIME);
    };
    match value.trim().parse::<u64>() {
        Ok(secs @ 1..=MAX_PAGE_TIME_SETTING) => Ok(Duration::from_secs(secs)),
        _ => Err(value.to_string()),
    }
}

/// A page whose template is being rendered now.
struct Running {
    template: String,
    page: String,
    start: Instant,
}

/// Every page being rendered, by [`PageBudget`] id; a page leaves it when its budget is dropped.
static RUNNING: Mutex<BTreeMap<u64, Running>> = Mutex::new(BTreeMap::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// A page that has been rendering for longer than [`page_time_limit`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overdue {
    /// The template's name (`list.html`).
    pub template: String,
    /// The page's path in the output (`posts/index.html`).
    pub page: String,
    pub elapsed: Duration,
}

/// The longest-running page past the limit, among those that started at or after `since` (all
/// when `None`): a rebuild asks about its own pages, not about one it has given up on.
pub fn overdue(since: Option<Instant>) -> Option<Overdue> {
    let limit = page_time_limit();
    let running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
    running
        .values()
        .filter(|r| since.is_none_or(|since| r.start >= since))
        .map(|r| (r, r.start.elapsed()))
        .filter(|(_, elapsed)| *elapsed > limit)
        .max_by_key(|(_, elapsed)| *elapsed)
        .map(|(r, elapsed)| Overdue {
            template: r.template.clone(),
            page: r.page.clone(),
            elapsed,
        })
}

/// The error for a page stopped by a watchdog, placed in the site's template file when the site
/// overrides it. `outcome` says what became of the run (the build was stopped, the preview
/// keeps the last good build).
pub fn overdue_diagnostic(site_dir: &Path, overdue: &Overdue, outcome: &str) -> Diagnostic {
    let limit = page_time_limit().as_secs();
    let custom = site_dir.join("templates").join(&overdue.template);
    let (file, which) = if custom.is_file() {
        (custom, format!("the template {}", overdue.template))
    } else {
        (
            Path::new("templates").join(&overdue.template),
            format!("the built-in template {}", overdue.template),
        )
    };
    Diagnostic::whole_file(
        &file,
        format!(
            "rendering {} with {which} took more than {limit} s (the limit for one page); {outcome}",
            overdue.page
        ),
    )
    .with_help(format!(
        "a loop or recursion in the template runs too long, perhaps without writing anything (nested `for` loops over long lists, say): simplify it; if the page really needs longer, raise the limit with {PAGE_TIME_VAR}=60 (seconds, at most {MAX_PAGE_TIME_SETTING}; the default is {})",
        MAX_PAGE_TIME.as_secs()
    ))
}

/// The writer Tera renders into; refuses to grow past [`MAX_PAGE_BYTES`] or to write after
/// [`page_time_limit`], and lists the page in [`RUNNING`] while it lives.
pub struct PageBudget {
    pub bytes: Vec<u8>,
    start: Instant,
    limit: Duration,
    /// Writes since the clock was last read.
    writes: u32,
    _listed: Listed,
    /// Why rendering was stopped, for the message.
    pub exceeded: Option<String>,
}

impl PageBudget {
    /// The budget for rendering `page` (its output path) with `template`.
    pub fn new(template: &str, page: &str) -> PageBudget {
        let start = Instant::now();
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        RUNNING.lock().unwrap_or_else(|e| e.into_inner()).insert(
            id,
            Running {
                template: template.to_string(),
                page: page.to_string(),
                start,
            },
        );
        PageBudget {
            bytes: Vec::new(),
            start,
            limit: page_time_limit(),
            writes: 0,
            _listed: Listed(id),
            exceeded: None,
        }
    }
}

/// A page's entry in [`RUNNING`], removed when the budget is dropped (also when its bytes have
/// been taken out of it).
struct Listed(u64);

impl Drop for Listed {
    fn drop(&mut self) {
        RUNNING
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.0);
    }
}

impl PageBudget {
    /// Whether this write is one that reads the clock; the first write always is.
    fn clock_due(&mut self) -> bool {
        let due = self.writes == 0;
        self.writes = (self.writes + 1) % CLOCK_EVERY;
        due
    }
}

impl Write for PageBudget {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE_BYTES {
            self.exceeded = Some(format!(
                "the page grew past {} MiB; look for loops or recursion that repeat without end",
                MAX_PAGE_BYTES / (1024 * 1024)
            ));
        } else if self.clock_due() && self.start.elapsed() > self.limit {
            self.exceeded = Some(format!(
                "the page took more than {} s; look for loops or recursion that repeat without end, or raise the limit with {PAGE_TIME_VAR}",
                self.limit.as_secs()
            ));
        }
        if self.exceeded.is_some() {
            return Err(io::Error::other("page budget exceeded"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_past_the_size_limit() {
        let mut page = PageBudget::new("list.html", "posts/index.html");
        let chunk = vec![b'x'; 1024 * 1024];
        let mut written = 0;
        while page.write_all(&chunk).is_ok() {
            written += chunk.len();
            assert!(written <= MAX_PAGE_BYTES);
        }
        assert_eq!(written, MAX_PAGE_BYTES);
        assert!(page.exceeded.unwrap().contains("64 MiB"));
    }

    #[test]
    fn the_limit_is_the_default_or_a_whole_number_of_seconds_in_range() {
        assert_eq!(parse_limit(None), Ok(MAX_PAGE_TIME));
        assert_eq!(parse_limit(Some("1")), Ok(Duration::from_secs(1)));
        assert_eq!(parse_limit(Some(" 60 ")), Ok(Duration::from_secs(60)));
        assert_eq!(parse_limit(Some("3600")), Ok(Duration::from_secs(3600)));
        for bad in ["0", "3601", "-5", "1.5", "20s", ""] {
            assert_eq!(parse_limit(Some(bad)), Err(bad.to_string()), "{bad:?}");
        }
    }

    #[test]
    fn a_page_is_listed_while_it_renders_and_overdue_only_past_the_limit() {
        let since = Instant::now();
        let page = PageBudget::new("slow.html", "units/a/index.html");
        let listed = |id| RUNNING.lock().unwrap().contains_key(&id);
        assert!(listed(page._listed.0));
        // Just started: not overdue (the limit is at least a second).
        assert_eq!(overdue(Some(since)), None);
        // Pretend it started long ago.
        let long_ago = Instant::now() - page_time_limit() - Duration::from_secs(1);
        RUNNING
            .lock()
            .unwrap()
            .get_mut(&page._listed.0)
            .unwrap()
            .start = long_ago;
        let late = overdue(None).expect("past the limit");
        assert_eq!(late.template, "slow.html");
        assert_eq!(late.page, "units/a/index.html");
        assert!(late.elapsed > page_time_limit());
        // A rebuild that began after it does not count it as its own.
        assert_eq!(overdue(Some(since)), None);
        let id = page._listed.0;
        drop(page);
        assert!(!listed(id));
    }
}
