//! Write: put the rendered files on disk without ever losing the previous output.
//!
//! The site is written into a fresh staging folder beside the output folder and swapped in only
//! when every file is written. kolikko marks the folders it makes with a small file and refuses to
//! replace a non-empty folder without that mark, so it never deletes a folder it did not create.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks an output folder as kolikko's.
pub const MARKER: &str = ".kolikko-output";
const MARKER_TEXT: &str =
    "This folder was written by kolikko. `kolikko build` replaces it as a whole.\n";

/// One file of the built site, with its path relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{0} is not empty and was not made by kolikko (it has no {MARKER} file); refusing to replace it. Choose another --output folder or empty this one."
    )]
    NotOurs(PathBuf),
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write outside the output folder: {0}")]
    UnsafePath(String),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Checks that `output` may be replaced: missing, empty, or marked as kolikko's.
pub fn check_replaceable(output: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::Io {
            path: output.to_path_buf(),
            source: e,
        }),
        Ok(meta) if !meta.is_dir() => Err(OutputError::NotAFolder(output.to_path_buf())),
        Ok(_) => {
            let mut entries = fs::read_dir(output).map_err(io_error(output))?;
            if entries.next().is_none() || output.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(OutputError::NotOurs(output.to_path_buf()))
            }
        }
    }
}

/// Writes `files` as the new contents of `output`, replacing the previous build only at the end.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let staging = Staging::begin(output)?;
    for file in files {
        staging.write_file(&file.path, &file.contents)?;
    }
    staging.commit()
}

/// A build being written: files go into a fresh staging folder beside the output as they are
/// rendered (from any number of threads), and [`Staging::commit`] swaps it in. Dropped without a
/// commit, it removes the staging folder and leaves the previous output untouched.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    fill_in_place: bool,
    committed: bool,
}

impl Staging {
    pub fn begin(output: &Path) -> Result<Staging, OutputError> {
        check_replaceable(output)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.kolikko-staging-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.kolikko-old-{}", std::process::id()));
        fs::create_dir(&dir).map_err(io_error(&dir))?;
        let staging = Staging {
            dir,
            output: output.to_path_buf(),
            retired,
            // An empty folder the user made (no marker) is filled in place: it is theirs, with
            // their permissions, and kolikko never removes a folder it did not create.
            fill_in_place: output.is_dir() && !output.join(MARKER).exists(),
            committed: false,
        };
        fs::write(staging.dir.join(MARKER), MARKER_TEXT).map_err(io_error(&staging.dir))?;
        Ok(staging)
    }

    /// Writes one file (`path` relative to the output folder); safe to call from many threads.
    pub fn write_file(&self, path: &str, contents: &[u8]) -> Result<(), OutputError> {
        let relative = Path::new(path);
        let safe = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !safe || path.is_empty() {
            return Err(OutputError::UnsafePath(path.to_string()));
        }
        let target = self.dir.join(relative);
        if let Some(dir) = target.parent() {
            // create_dir_all tolerates another thread creating the same folder meanwhile.
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        fs::write(&target, contents).map_err(io_error(&target))
    }

    /// Puts the written site in place of the previous output.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let result = if self.fill_in_place {
            move_contents(&self.dir, &self.output)
        } else {
            swap_in(&self.dir, &self.output, &self.retired)
        };
        self.committed = result.is_ok();
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            // Only the staging folder, which this run created, is removed.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Moves every entry of `staging` into the (empty) `output`, then removes the staging folder.
fn move_contents(staging: &Path, output: &Path) -> Result<(), OutputError> {
    for entry in fs::read_dir(staging).map_err(io_error(staging))? {
        let entry = entry.map_err(io_error(staging))?;
        let target = output.join(entry.file_name());
        fs::rename(entry.path(), &target).map_err(io_error(&target))?;
    }
    fs::remove_dir(staging).map_err(io_error(staging))
}

/// Renames are atomic on one file system: the output is at every moment either the old build or
/// the new one. The old build is deleted only after the new one is in place.
fn swap_in(staging: &Path, output: &Path, retired: &Path) -> Result<(), OutputError> {
    let had_old = output.exists();
    if had_old {
        // Re-check right before touching it: the folder is still ours.
        check_replaceable(output)?;
        // The new folder takes the old one's permissions (an HR-only folder stays HR-only).
        let permissions = fs::metadata(output)
            .map_err(io_error(output))?
            .permissions();
        fs::set_permissions(staging, permissions).map_err(io_error(staging))?;
        fs::rename(output, retired).map_err(io_error(output))?;
    }
    if let Err(source) = fs::rename(staging, output) {
        if had_old {
            let _ = fs::rename(retired, output);
        }
        return Err(OutputError::Io {
            path: output.to_path_buf(),
            source,
        });
    }
    if had_old {
        fs::remove_dir_all(retired).map_err(io_error(retired))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_own_output_and_refuses_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[file("index.html", "one"), file("units/a/index.html", "a")],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("units").exists(),
            "stale files of the previous build are gone"
        );

        let foreign = dir.path().join("mine");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("thesis.docx"), "precious").unwrap();
        let err = write_site(&foreign, &[file("index.html", "x")]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)));
        assert_eq!(
            fs::read_to_string(foreign.join("thesis.docx")).unwrap(),
            "precious"
        );
        assert!(!foreign.join("index.html").exists());
        // Nothing is left behind beside it either.
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }

    #[cfg(unix)]
    #[test]
    fn an_empty_user_folder_is_filled_in_place_and_keeps_its_permissions() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        fs::create_dir(&out).unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o750)).unwrap();
        let inode = fs::metadata(&out).unwrap().ino();
        write_site(&out, &[file("index.html", "one")]).unwrap();
        assert_eq!(
            fs::metadata(&out).unwrap().ino(),
            inode,
            "the user's folder itself is kept"
        );
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o750
        );
        // From now on it is marked as kolikko's; a rebuild swaps it but keeps the permissions.
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(
            fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o750
        );
    }

    #[test]
    fn rejects_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let err = write_site(&out, &[file("../evil.html", "x")]).unwrap_err();
        assert!(matches!(err, OutputError::UnsafePath(_)));
        assert!(!out.exists());
        assert!(!dir.path().join("evil.html").exists());
    }
}
