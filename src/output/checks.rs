//! What is checked before anything is written: that the output may be replaced, that it does
//! not overlap the inputs, and that every path is one a file system accepts.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{MARKER, MAX_NAME_BYTES, MAX_PATH_BYTES, OutputError, is_inner_staging};

/// Checks that `output` may be replaced: missing, empty, or marked as kolikko's. Staging folders
/// a killed build left inside it do not count as content (the build removes them).
pub fn check_replaceable(output: &Path) -> Result<(), OutputError> {
    match fs::symlink_metadata(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::Io {
            path: output.to_path_buf(),
            source: e,
        }),
        Ok(meta) if !meta.is_dir() => Err(OutputError::NotAFolder(output.to_path_buf())),
        Ok(_) => {
            if output.join(MARKER).is_file() {
                return Ok(());
            }
            let entries = fs::read_dir(output).map_err(|source| OutputError::Io {
                path: output.to_path_buf(),
                source,
            })?;
            let mut content = entries
                .flatten()
                .filter(|e| !is_inner_staging(&e.file_name()));
            if content.next().is_none() {
                Ok(())
            } else {
                Err(OutputError::NotOurs(output.to_path_buf()))
            }
        }
    }
}

/// Refuses an output folder that holds (or is) one of the input folders, or lies inside one
/// that kolikko reads as a whole (`content/`, `templates/`). `contains` are folders the output
/// must not hold; `excludes` are folders it must not be inside either. The default
/// `SITE/public` lies inside the site folder, which is fine: only the site's own inputs are read.
pub fn check_not_overlapping(
    output: &Path,
    contains: &[&Path],
    excludes: &[&Path],
) -> Result<(), OutputError> {
    let target = resolve(output);
    for input in contains.iter().chain(excludes) {
        // Resolved even when missing: `templates/` may not exist yet, and an output there would
        // be read as templates by the next build.
        let input_real = resolve(input);
        let relation = if target == input_real {
            "is"
        } else if input_real.starts_with(&target) {
            "holds"
        } else if excludes.contains(input) && target.starts_with(&input_real) {
            "is inside"
        } else {
            continue;
        };
        return Err(OutputError::Overlap {
            output: output.to_path_buf(),
            relation,
            input: input.to_path_buf(),
        });
    }
    Ok(())
}

/// Checks one output path as `write_file` will: relative, plain names, not too long, no control
/// characters or characters Windows shares refuse. `kolikko check` runs it on every path.
pub fn check_path(path: &str) -> Result<(), OutputError> {
    let bad = |reason: String| OutputError::BadPath {
        path: path.chars().take(120).collect(),
        reason,
    };
    let relative = Path::new(path);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if path.is_empty() || !plain || path.contains('\\') {
        return Err(OutputError::UnsafePath(path.to_string()));
    }
    if path.len() > MAX_PATH_BYTES {
        return Err(bad(format!(
            "it is {} bytes long; kolikko writes paths of at most {MAX_PATH_BYTES}",
            path.len()
        )));
    }
    for name in path.split('/') {
        if name.len() > MAX_NAME_BYTES {
            return Err(bad(format!(
                "one name in it is {} bytes long; file systems allow at most {MAX_NAME_BYTES}",
                name.len()
            )));
        }
        if let Some(c) = name
            .chars()
            .find(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        {
            return Err(bad(format!("it holds the character {c:?}")));
        }
        if name.ends_with(['.', ' ']) {
            return Err(bad("a name in it ends with a dot or a space".into()));
        }
    }
    Ok(())
}

/// The absolute path with links resolved, also for an output that does not exist yet: the nearest
/// existing ancestor is resolved and the rest appended.
pub(super) fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for ancestor in absolute.ancestors() {
        if let Ok(real) = fs::canonicalize(ancestor) {
            let mut resolved = real;
            for part in absolute
                .strip_prefix(ancestor)
                .unwrap_or(Path::new(""))
                .components()
            {
                match part {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::Normal(p) => resolved.push(p),
                    _ => {}
                }
            }
            return resolved;
        }
    }
    absolute
}
