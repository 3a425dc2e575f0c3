//! A bound on what one page's template may do: a custom template with runaway loops or
//! recursion is stopped with a message naming it, instead of running for ever or filling memory.
//! Tera limits recursion depth itself; this caps the output and the time spent producing it.

use std::io::{self, Write};
use std::time::{Duration, Instant};

/// The largest page kolikko writes; real pages are well under 1 MiB even for 20,000 teams' lists.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;
/// The longest one page's template may take, checked each time it writes.
pub const MAX_PAGE_TIME: Duration = Duration::from_secs(20);

/// The writer Tera renders into; refuses to grow past [`MAX_PAGE_BYTES`] or [`MAX_PAGE_TIME`].
pub struct PageBudget {
    pub bytes: Vec<u8>,
    start: Instant,
    /// Why rendering was stopped, for the message.
    pub exceeded: Option<String>,
}

impl PageBudget {
    pub fn new() -> PageBudget {
        PageBudget {
            bytes: Vec::new(),
            start: Instant::now(),
            exceeded: None,
        }
    }
}

impl Write for PageBudget {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE_BYTES {
            self.exceeded = Some(format!(
                "the page grew past {} MiB; look for loops or recursion that repeat without end",
                MAX_PAGE_BYTES / (1024 * 1024)
            ));
        } else if self.start.elapsed() > MAX_PAGE_TIME {
            self.exceeded = Some(format!(
                "the page took more than {} s; look for loops or recursion that repeat without end",
                MAX_PAGE_TIME.as_secs()
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
        let mut page = PageBudget::new();
        let chunk = vec![b'x'; 1024 * 1024];
        let mut written = 0;
        while page.write_all(&chunk).is_ok() {
            written += chunk.len();
            assert!(written <= MAX_PAGE_BYTES);
        }
        assert_eq!(written, MAX_PAGE_BYTES);
        assert!(page.exceeded.unwrap().contains("64 MiB"));
    }
}
