//! Reading a site's files: listing a folder, and reading one text file safely (inside the site,
//! bounded in size, UTF-8).

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

use super::MAX_FILE_BYTES;

/// Reads files of one site, refusing anything that leads outside it.
pub(super) struct SiteReader {
    pub(super) root: PathBuf,
}

impl SiteReader {
    /// The files with one of `extensions` directly inside `dir`, sorted by name. A missing folder
    /// is simply empty.
    pub(super) fn list(
        &self,
        dir: &Path,
        extensions: &[&str],
        diagnostics: &mut Diagnostics,
    ) -> Vec<PathBuf> {
        if !dir.exists() {
            return Vec::new();
        }
        let mut files = Vec::new();
        // follow_links(false): a symlink loop cannot make the walk run forever.
        for entry in walkdir::WalkDir::new(dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
        {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let name = entry.file_name().to_string_lossy();
                    let wanted = path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.contains(&e));
                    if wanted && !name.starts_with('.') {
                        files.push(path.to_path_buf());
                    }
                }
                Err(e) => diagnostics.push(Diagnostic::whole_file(
                    dir,
                    format!("cannot list the folder: {e}"),
                )),
            }
        }
        files
    }

    /// Reads one UTF-8 text file, after checking it stays inside the site and is not too large.
    /// A leading byte-order mark is dropped.
    pub(super) fn read_text(&self, path: &Path) -> Result<String, Diagnostic> {
        let canonical = self.check(path)?;
        let metadata = fs::metadata(&canonical)
            .map_err(|e| Diagnostic::whole_file(path, format!("cannot read the file: {e}")))?;
        if metadata.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::whole_file(
                path,
                format!(
                    "the file is {} MiB; kolikko reads files of at most {} MiB (split the survey into one file per period)",
                    metadata.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ));
        }
        let bytes = fs::read(&canonical)
            .map_err(|e| Diagnostic::whole_file(path, format!("cannot read the file: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
            Diagnostic::new(
                path,
                line,
                column,
                "the file is not valid UTF-8; save it as UTF-8",
            )
        })?;
        Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text))
    }

    /// The canonical path of a regular file inside the site, or why it cannot be read (used
    /// as is for exports, which are streamed rather than read whole).
    pub(super) fn check(&self, path: &Path) -> Result<PathBuf, Diagnostic> {
        let canonical = fs::canonicalize(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Diagnostic::whole_file(path, "file not found"),
            _ => Diagnostic::whole_file(path, format!("cannot read the file: {e}")),
        })?;
        if !canonical.starts_with(&self.root) {
            return Err(Diagnostic::whole_file(
                path,
                format!(
                    "is a link to {}, outside the site folder; kolikko reads only files inside the site",
                    canonical.display()
                ),
            ));
        }
        let metadata = fs::metadata(&canonical)
            .map_err(|e| Diagnostic::whole_file(path, format!("cannot read the file: {e}")))?;
        if !metadata.is_file() {
            return Err(Diagnostic::whole_file(
                path,
                "expected a file, found a folder or device",
            ));
        }
        Ok(canonical)
    }
}
