//! The swap on real folders: replacing, refusing, filling in place, many writers, debris and
//! the checks on paths and overlaps.

use super::folders::owner_of;
use super::platform::ProcessId;
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
fn staging_takes_files_from_many_threads_and_a_dropped_one_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[file("index.html", "old")]).unwrap();

    let staging = Staging::begin(&out).unwrap();
    std::thread::scope(|scope| {
        for t in 0..4 {
            let staging = &staging;
            scope.spawn(move || {
                for i in 0..50 {
                    let path = format!("units/u{t}-{i}/index.html");
                    staging.write_file(&path, path.as_bytes()).unwrap();
                }
            });
        }
    });
    drop(staging);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    assert_eq!(
        names(dir.path()),
        ["public"],
        "the staging folder and lock are gone"
    );

    let staging = Staging::begin(&out).unwrap();
    std::thread::scope(|scope| {
        for t in 0..4 {
            let staging = &staging;
            scope.spawn(move || {
                for i in 0..50 {
                    let path = format!("units/u{t}-{i}/index.html");
                    staging.write_file(&path, path.as_bytes()).unwrap();
                }
            });
        }
    });
    let committed = staging.commit().unwrap();
    assert!(committed.warnings.is_empty());
    assert!(!out.join("index.html").exists());
    assert_eq!(
        fs::read_to_string(out.join("units/u3-49/index.html")).unwrap(),
        "units/u3-49/index.html"
    );
    assert_eq!(names(dir.path()), ["public"]);
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn debris_of_a_dead_build_is_removed_and_that_of_a_live_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write_site(&out, &[file("index.html", "one")]).unwrap();
    let me = ProcessId::current();
    // A dead owner: this process id with another start time (a reused id), and an id from
    // an older kolikko that no process has.
    let dead = dir.path().join(format!(
        ".public.{STAGING_TAG}{}-{}-{}-1-0",
        me.pid,
        me.start + 7,
        me.boot
    ));
    let legacy = dir
        .path()
        .join(format!(".public.{OLD_TAG}{}", u32::MAX - 1));
    let alive = dir.path().join(format!(
        ".public.{STAGING_TAG}{}-{}-{}-2-0",
        me.pid, me.start, me.boot
    ));
    let unmarked = dir
        .path()
        .join(format!(".public.{OLD_TAG}{}", u32::MAX - 2));
    for d in [&dead, &legacy, &alive, &unmarked] {
        fs::create_dir(d).unwrap();
        fs::write(d.join("index.html"), "x").unwrap();
    }
    for d in [&dead, &legacy, &alive] {
        fs::write(d.join(MARKER), MARKER_TEXT).unwrap();
    }
    write_site(&out, &[file("index.html", "two")]).unwrap();
    let left = names(dir.path());
    assert!(!left.iter().any(|n| dead.ends_with(n)), "{left:?}");
    assert!(!left.iter().any(|n| legacy.ends_with(n)), "{left:?}");
    assert!(alive.exists(), "a live build's folder is not touched");
    assert!(
        unmarked.exists(),
        "a folder without the marker is not kolikko's"
    );
}

#[test]
fn unique_folder_names_never_reuse_an_existing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let a = make_unique_folder(dir.path(), ".x.kolikko-staging-").unwrap();
    let b = make_unique_folder(dir.path(), ".x.kolikko-staging-").unwrap();
    assert_ne!(a, b);
    assert_eq!(
        owner_of(&a.file_name().unwrap().to_string_lossy(), ".x."),
        Some(ProcessId::current())
    );
}

#[test]
fn output_overlapping_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let content = site.join("content");
    let templates = site.join("templates");
    fs::create_dir_all(&content).unwrap();
    fs::create_dir_all(&templates).unwrap();
    let check = |out: &Path| {
        check_not_overlapping(out, &[&site], &[&content, &templates]).map_err(|e| e.to_string())
    };
    assert!(check(&site.join("public")).is_ok());
    assert!(check(&dir.path().join("elsewhere/new")).is_ok());
    assert!(check(dir.path()).unwrap_err().contains("holds"));
    assert!(check(&site).unwrap_err().contains(" is "));
    assert!(check(&templates).is_err());
    assert!(
        check(&content.join("posts/new"))
            .unwrap_err()
            .contains("is inside")
    );
    // Not-yet-existing paths with `..` resolve through their existing ancestor.
    assert!(check(&site.join("public/../content")).is_err());
}

#[test]
fn check_path_refuses_what_a_file_system_would() {
    assert!(check_path("tags/quarterly/index.html").is_ok());
    assert!(check_path(&format!("tags/{}/index.html", "a".repeat(300))).is_err());
    assert!(check_path(&format!("{}/x", "a/".repeat(600))).is_err());
    assert!(check_path("tags/a\u{0}b/index.html").is_err());
    assert!(check_path("tags/a:b/index.html").is_err());
    assert!(check_path("../x").is_err());
    assert!(check_path("/x").is_err());
    assert!(check_path("").is_err());
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
