//! Faults around writing the output (issue #13, parts 1, 2 and 4): kill -9 and Ctrl-C at each
//! step of the write phase, two builds at once, an output that overlaps the site, `--output .`,
//! an old build that cannot be removed, a disk too small, and `check` agreeing with `build`.
//!
//! The binary stops at a named step when `KOLIKKO_TEST_PAUSE_AT` is set (it prints
//! `kolikko-test-paused-at STEP` and waits), so every kill lands exactly where it should. Every
//! run has the harness's 30 s timeout and 2 GiB cap.
#![cfg(unix)]

mod gates_support;

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use gates_support::{KOLIKKO, MEMORY_LIMIT_KIB, Outcome, TIMEOUT, build, new_site, run_in, tree};

const POST: &str = "content/posts/welcome.md";
const STEPS: [&str; 4] = ["staging", "writing", "before-swap", "after-swap"];

/// A kolikko run started in the background, its stderr read line by line.
struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    stdout: std::thread::JoinHandle<String>,
}

/// Starts `kolikko ARGS` in `cwd` under the harness's memory cap, with extra environment.
fn spawn(cwd: &Path, args: &[&OsStr], env: &[(&str, &str)], shell_prefix: &str) -> Running {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "{shell_prefix} ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(KOLIKKO)
        .args(args)
        .current_dir(cwd)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("kolikko starts");
    let stderr = child.stderr.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let stdout = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    Running {
        child,
        lines,
        stdout,
    }
}

impl Running {
    /// Waits until the run prints a line containing `needle`; panics after the timeout.
    #[track_caller]
    fn wait_for_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!("kolikko never printed {needle:?}"),
            }
        }
    }

    fn signal(&self, signal: i32) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }

    /// Waits for the exit (with the harness's timeout) and collects the output.
    #[track_caller]
    fn finish(mut self) -> Outcome {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("kolikko did not finish within {TIMEOUT:?}: a hang");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let stderr: Vec<String> = self.lines.try_iter().collect();
        // The reader may still be draining; give it a moment to deliver the rest.
        let mut stderr = stderr;
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(200)) {
            stderr.push(line);
        }
        Outcome {
            code: status.code(),
            stdout: self.stdout.join().unwrap(),
            stderr: stderr.join("\n"),
            elapsed: start.elapsed(),
        }
    }
}

fn build_args(site: &Path) -> Vec<&OsStr> {
    vec![OsStr::new("build"), site.as_os_str()]
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The site folder holds only what `kolikko new` made and the output: no staging, old or lock
/// file is left beside the output.
#[track_caller]
fn assert_no_debris(site: &Path) {
    assert_eq!(names(site), ["content", "kolikko.yaml", "public"]);
    assert!(
        !names(&site.join("public"))
            .iter()
            .any(|n| n.contains("kolikko-staging")),
        "{:?}",
        names(&site.join("public"))
    );
}

/// Changes the post so two builds give different output.
fn edit_post(site: &Path, words: &str) {
    let path = site.join(POST);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\n{words}\n")).unwrap();
}

#[test]
fn kill_minus_nine_at_each_step_leaves_a_complete_output_and_the_next_build_cleans_up() {
    for step in STEPS {
        let (_dir, site) = new_site();
        build(&site).assert_code(0);
        let old = tree(&site.join("public"));
        edit_post(&site, "A second paragraph that changes the post page.");

        let run = spawn(
            site.parent().unwrap(),
            &build_args(&site),
            &[("KOLIKKO_TEST_PAUSE_AT", step)],
            "",
        );
        run.wait_for_line(&format!("kolikko-test-paused-at {step}"));
        run.signal(libc::SIGKILL);
        let outcome = run.finish();
        assert_eq!(outcome.code, None, "killed by a signal");

        // The output is a whole build at every moment: the old one, or from the swap on the new.
        let now = tree(&site.join("public"));
        if step == "after-swap" {
            assert_ne!(now, old, "the new site was already live");
            assert!(now.iter().any(|(p, _)| p == "index.html"));
        } else {
            assert_eq!(
                now, old,
                "killed at {step}: the previous output is unchanged"
            );
        }
        assert!(
            names(&site).len() > 3,
            "killed at {step}: something was left to clean (else this test proves nothing)"
        );

        build(&site).assert_code(0);
        assert_no_debris(&site);
        let rebuilt = tree(&site.join("public"));
        assert_ne!(rebuilt, old);
    }
}

#[test]
fn ctrl_c_and_sigterm_remove_the_unfinished_build_at_once() {
    for (step, signal) in [
        ("staging", libc::SIGINT),
        ("writing", libc::SIGINT),
        ("before-swap", libc::SIGTERM),
        ("after-swap", libc::SIGINT),
    ] {
        let (_dir, site) = new_site();
        build(&site).assert_code(0);
        let old = tree(&site.join("public"));
        edit_post(&site, "Changed.");
        let run = spawn(
            site.parent().unwrap(),
            &build_args(&site),
            &[("KOLIKKO_TEST_PAUSE_AT", step)],
            "",
        );
        run.wait_for_line(&format!("kolikko-test-paused-at {step}"));
        run.signal(signal);
        let outcome = run.finish();
        assert_eq!(outcome.code, Some(130), "{step}: {}", outcome.stderr);
        assert!(outcome.stderr.contains("interrupted"), "{}", outcome.stderr);
        // No next build needed: nothing is left behind.
        assert_no_debris(&site);
        let now = tree(&site.join("public"));
        if step == "after-swap" {
            assert_ne!(now, old);
        } else {
            assert_eq!(now, old, "{step}");
        }
    }
}

#[test]
fn a_second_build_into_the_same_folder_waits_for_the_first() {
    let (_dir, site) = new_site();
    build(&site).assert_code(0);
    let first = spawn(
        site.parent().unwrap(),
        &build_args(&site),
        &[("KOLIKKO_TEST_PAUSE_AT", "writing")],
        "",
    );
    first.wait_for_line("kolikko-test-paused-at writing");

    // One that will not wait long enough refuses clearly and leaves nothing behind.
    let impatient = spawn(
        site.parent().unwrap(),
        &build_args(&site),
        &[("KOLIKKO_LOCK_WAIT_SECS", "1")],
        "",
    )
    .finish();
    impatient.assert_code(1);
    assert!(
        impatient
            .stderr
            .contains("another kolikko build is writing into"),
        "{}",
        impatient.stderr
    );

    // One that waits goes ahead as soon as the first is gone (here: killed).
    let patient = spawn(
        site.parent().unwrap(),
        &build_args(&site),
        &[("KOLIKKO_LOCK_WAIT_SECS", "25")],
        "",
    );
    patient.wait_for_line("waiting for it to finish");
    first.signal(libc::SIGKILL);
    first.finish();
    patient.finish().assert_code(0);
    assert_no_debris(&site);
}

#[test]
fn builds_at_once_all_succeed_and_leave_one_whole_output() {
    let (_dir, site) = new_site();
    let runs: Vec<Running> = (0..3)
        .map(|_| spawn(site.parent().unwrap(), &build_args(&site), &[], ""))
        .collect();
    for run in runs {
        run.finish().assert_code(0);
    }
    assert_no_debris(&site);
    assert!(site.join("public/index.html").is_file());
}

#[test]
fn debris_with_a_reused_process_id_does_not_block_the_next_build() {
    let (_dir, site) = new_site();
    build(&site).assert_code(0);
    // What an older kolikko (or one killed long ago) left: names made from process ids only,
    // one of them this test's own id, which may be reused by the build below.
    for pid in [std::process::id(), 4_000_000, 4_000_001] {
        for kind in ["staging", "old"] {
            let debris = site.join(format!(".public.kolikko-{kind}-{pid}"));
            fs::create_dir(&debris).unwrap();
            fs::write(debris.join(".kolikko-output"), "").unwrap();
            fs::write(debris.join("index.html"), "old").unwrap();
        }
    }
    build(&site).assert_code(0);
    let left = names(&site);
    // The ones of dead processes are gone; this test process is alive, so its are kept.
    assert_eq!(
        left.iter().filter(|n| n.starts_with(".public.")).count(),
        2,
        "{left:?}"
    );
}

#[test]
fn an_output_that_holds_or_lies_inside_the_site_is_refused_before_any_work() {
    // `report/` is an earlier output; the site is then moved into it.
    let (dir, site) = new_site();
    let report = dir.path().join("report");
    run_in(
        dir.path(),
        [
            OsStr::new("build"),
            site.as_os_str(),
            OsStr::new("--output"),
            report.as_os_str(),
        ],
    )
    .assert_code(0);
    let inner = report.join("mysite");
    fs::rename(&site, &inner).unwrap();
    fs::write(inner.join("notes.txt"), "mine").unwrap();
    let before = tree(&inner);

    let cases: Vec<(PathBuf, &str)> = vec![
        (report.clone(), "holds the input folder"),
        (inner.clone(), "is the input folder"),
        (inner.join("templates"), "is the input folder"),
        (inner.join("content"), "is the input folder"),
        (inner.join("content/posts/x"), "is inside the input folder"),
        (inner.join("public/../content"), "is the input folder"),
    ];
    for (output, needle) in &cases {
        for command in ["build", "check"] {
            let outcome = run_in(
                dir.path(),
                [
                    OsStr::new(command),
                    inner.as_os_str(),
                    OsStr::new("--output"),
                    output.as_os_str(),
                ],
            );
            outcome.assert_code(1);
            assert!(
                outcome.stderr.contains(needle),
                "{command} --output {}: {}",
                output.display(),
                outcome.stderr
            );
        }
    }
    assert_eq!(tree(&inner), before, "the site is untouched");

    // A site that carries the output marker is still refused as its own output.
    fs::write(inner.join(".kolikko-output"), "").unwrap();
    let outcome = run_in(
        dir.path(),
        [
            OsStr::new("build"),
            inner.as_os_str(),
            OsStr::new("--output"),
            inner.as_os_str(),
        ],
    );
    outcome.assert_code(1);
    assert!(inner.join("kolikko.yaml").is_file());
}

#[test]
fn output_dot_builds_again_and_again_in_the_same_folder() {
    let (dir, site) = new_site();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    for round in 0..3 {
        edit_post(&site, &format!("Round {round}."));
        let outcome = run_in(
            &out,
            [
                OsStr::new("build"),
                site.as_os_str(),
                OsStr::new("--output"),
                OsStr::new("."),
            ],
        );
        outcome.assert_code(0);
        let page = fs::read_to_string(out.join("posts/welcome/index.html")).unwrap();
        assert!(page.contains(&format!("Round {round}.")));
        assert!(
            !names(&out).iter().any(|n| n.contains("kolikko-staging")),
            "{:?}",
            names(&out)
        );
    }
    assert_eq!(
        names(dir.path()),
        ["out", "site"],
        "no lock or staging left beside it"
    );
}

#[test]
fn files_put_into_the_output_by_hand_are_removed_by_the_next_build() {
    // docs/limits.md says so: the output folder is kolikko's and is replaced as a whole.
    let (_dir, site) = new_site();
    build(&site).assert_code(0);
    fs::write(site.join("public/minutes.pdf"), "minutes").unwrap();
    build(&site).assert_code(0);
    assert!(!site.join("public/minutes.pdf").exists());
}

#[test]
fn an_old_build_that_cannot_be_removed_is_a_warning_not_a_failure() {
    let (_dir, site) = new_site();
    build(&site).assert_code(0);
    let stuck = site.join("public/index.html");
    let immutable = Command::new("chattr")
        .arg("+i")
        .arg(&stuck)
        .status()
        .is_ok_and(|s| s.success());
    if !immutable {
        eprintln!("skipped: chattr +i is not available here (needs root on ext4 or similar)");
        return;
    }
    // However the test ends, the file is made removable again (wherever the swap moved it).
    struct Unstick<'a>(&'a Path);
    impl Drop for Unstick<'_> {
        fn drop(&mut self) {
            for name in names(self.0) {
                let _ = Command::new("chattr")
                    .arg("-i")
                    .arg(self.0.join(name).join("index.html"))
                    .stderr(Stdio::null())
                    .status();
            }
        }
    }
    let unstick = Unstick(&site);
    edit_post(&site, "Changed.");
    let outcome = build(&site);
    // The new site is live, so the build succeeded; the leftover is reported.
    outcome.assert_code(0);
    assert!(
        outcome.stderr.contains("warning: the new site is in"),
        "{}",
        outcome.stderr
    );
    assert!(
        fs::read_to_string(site.join("public/posts/welcome/index.html"))
            .unwrap()
            .contains("Changed.")
    );
    // Once it can be removed, the next build tidies it.
    drop(unstick);
    build(&site).assert_code(0);
    assert_no_debris(&site);
}

/// `ulimit -f` caps the size of any file written; with SIGXFSZ ignored a write past it fails
/// like one on a full disk, without needing a small file system.
const SMALL_DISK: &str = "trap '' XFSZ; ulimit -f 16;";

#[test]
fn a_write_failure_names_the_users_output_and_leaves_the_old_one() {
    let (_dir, site) = new_site();
    build(&site).assert_code(0);
    let old = tree(&site.join("public"));
    let outcome = spawn(site.parent().unwrap(), &build_args(&site), &[], SMALL_DISK).finish();
    outcome.assert_code(1);
    // Some page under the output the user named (the first one too big for the "disk").
    assert!(
        outcome
            .stderr
            .contains(&format!("cannot write {}/", site.join("public").display())),
        "{}",
        outcome.stderr
    );
    assert!(
        !outcome.stderr.contains("kolikko-staging"),
        "{}",
        outcome.stderr
    );
    assert_eq!(tree(&site.join("public")), old);
    assert_no_debris(&site);
}

#[test]
fn check_refuses_the_output_folders_that_build_refuses() {
    let (_dir, site) = new_site();
    fs::create_dir(site.join("public")).unwrap();
    fs::write(site.join("public/thesis.docx"), "mine").unwrap();
    let check = |site: &Path| {
        run_in(
            site.parent().unwrap(),
            [OsStr::new("check"), site.as_os_str()],
        )
    };
    for outcome in [check(&site), build(&site)] {
        outcome.assert_code(1);
        assert!(
            outcome.stderr.contains("was not made by kolikko"),
            "{}",
            outcome.stderr
        );
    }
    fs::remove_dir_all(site.join("public")).unwrap();
    fs::write(site.join("public"), "a file").unwrap();
    for outcome in [check(&site), build(&site)] {
        outcome.assert_code(1);
        assert!(
            outcome.stderr.contains("is not a folder"),
            "{}",
            outcome.stderr
        );
    }
    fs::remove_file(site.join("public")).unwrap();
    check(&site).assert_code(0);
    assert!(!site.join("public").exists(), "check writes nothing");
}

#[test]
fn new_names_the_path_and_removes_what_it_made_when_it_fails() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    for target in [file.clone(), file.join("site")] {
        let outcome = run_in(dir.path(), [OsStr::new("new"), target.as_os_str()]);
        outcome.assert_code(1);
        assert!(
            outcome.stderr.contains(&file.display().to_string()),
            "{}",
            outcome.stderr
        );
    }
    // A disk that fills up half-way: the message names the file, and nothing is left.
    let site = dir.path().join("site");
    let outcome = spawn(
        dir.path(),
        &[OsStr::new("new"), site.as_os_str()],
        &[],
        SMALL_DISK,
    )
    .finish();
    outcome.assert_code(1);
    assert!(
        outcome.stderr.contains(&site.display().to_string()),
        "{}",
        outcome.stderr
    );
    assert!(!site.exists(), "the half-made site is removed");
    // So a rerun works.
    run_in(dir.path(), [OsStr::new("new"), site.as_os_str()]).assert_code(0);
    build(&site).assert_code(0);
}

/// A small tmpfs mounted for one test, unmounted however the test ends. `None` where this
/// process may not mount (not root, or no mount namespace rights): the test is then skipped.
struct TmpMount(PathBuf);

impl TmpMount {
    fn new(at: &Path, size: &str) -> Option<TmpMount> {
        fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "none"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| TmpMount(at.to_path_buf()))
    }
}

impl Drop for TmpMount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_mount_point_as_output_is_built_in_place_and_a_disk_too_small_for_two_copies_is_named() {
    let (dir, site) = new_site();
    let out = dir.path().join("out");
    // The fixture site is about 1.6 MiB: 2 MiB holds one copy, not two.
    let Some(_mount) = TmpMount::new(&out, "2m") else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let args = [
        OsStr::new("build"),
        site.as_os_str(),
        OsStr::new("--output"),
        out.as_os_str(),
    ];
    // An empty mount point is on another device than its parent: no rename can move it.
    run_in(dir.path(), args).assert_code(0);
    let first = tree(&out);
    assert!(first.iter().any(|(p, _)| p == "index.html"));

    edit_post(&site, "Changed.");
    let outcome = run_in(dir.path(), args);
    outcome.assert_code(1);
    assert!(
        outcome
            .stderr
            .contains(&format!("the disk holding {} is full", out.display()))
            && outcome.stderr.contains("room for both copies"),
        "{}",
        outcome.stderr
    );
    assert_eq!(tree(&out), first, "the previous output is unchanged");
    assert_eq!(
        names(dir.path()),
        ["out", "site"],
        "no lock or staging left"
    );
    assert!(!names(&out).iter().any(|n| n.contains("kolikko-staging")));

    // With room for both, the mount point is rebuilt in place, entry by entry.
    let grown = Command::new("mount")
        .args(["-o", "remount,size=8m"])
        .arg(&out)
        .status()
        .is_ok_and(|s| s.success());
    assert!(grown);
    run_in(dir.path(), args).assert_code(0);
    assert!(
        fs::read_to_string(out.join("posts/welcome/index.html"))
            .unwrap()
            .contains("Changed.")
    );
    assert!(!names(&out).iter().any(|n| n.contains("kolikko-staging")));
    assert_eq!(names(dir.path()), ["out", "site"]);
}

/// A custom template that loops for hours without writing a byte: 10^10 empty iterations.
const SILENT_LOOP: &str =
    "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}";

#[test]
fn a_template_that_loops_without_writing_is_stopped_at_the_time_limit() {
    let (_dir, site) = new_site();
    build(&site).assert_code(0);
    let before = tree(&site.join("public"));
    fs::create_dir_all(site.join("templates")).unwrap();
    // The period list renders after the posts have been written into the staging folder, so
    // there is something to clean up when the watchdog stops the build.
    fs::write(site.join("templates/list.html"), SILENT_LOOP).unwrap();
    let limit = 1;
    // Loading and analysing the fixture takes a few seconds in an unoptimised binary on a busy
    // machine; without the watchdog the run goes on until the harness kills it at 30 s.
    let slack = Duration::from_secs(15);
    for (command, outcome) in [
        ("build", "the previous output is unchanged"),
        ("check", "the check was stopped"),
    ] {
        let run = spawn(
            site.parent().unwrap(),
            &[OsStr::new(command), site.as_os_str()],
            &[("KOLIKKO_PAGE_TIME_SECS", &limit.to_string())],
            "",
        );
        let result = run.finish();
        result.assert_code(1);
        assert!(
            result.elapsed < Duration::from_secs(limit) + slack,
            "{command} took {:?}",
            result.elapsed
        );
        for needle in [
            "templates/list.html",
            "with the template list.html took more than 1 s",
            "KOLIKKO_PAGE_TIME_SECS=60",
            "simplify it",
            outcome,
        ] {
            assert!(
                result.stderr.contains(needle),
                "{command}: the message should contain {needle:?}:\n{}",
                result.stderr
            );
        }
        // The previous output byte for byte; no staging folder or lock file left anywhere.
        assert_eq!(tree(&site.join("public")), before, "{command}");
        assert_eq!(
            names(&site),
            ["content", "kolikko.yaml", "public", "templates"],
            "{command}"
        );
        assert!(
            !names(&site.join("public"))
                .iter()
                .any(|n| n.contains("kolikko-staging")),
        );
    }
    // Exponential recursion within Tera's depth limit (20 components deep): 10^19 calls that
    // write nothing, stopped the same way.
    fs::write(
        site.join("templates/list.html"),
        "{% component boom(n) %}{% if n > 0 %}{% for i in range(end=10) %}{{<boom n={n - 1}/>}}{% endfor %}{% endif %}{% endcomponent boom %}{{<boom n={19}/>}}",
    )
    .unwrap();
    let run = spawn(
        site.parent().unwrap(),
        &build_args(&site),
        &[("KOLIKKO_PAGE_TIME_SECS", &limit.to_string())],
        "",
    );
    let result = run.finish();
    result.assert_code(1);
    assert!(result.elapsed < Duration::from_secs(limit) + slack);
    assert!(
        result
            .stderr
            .contains("with the template list.html took more than 1 s"),
        "{}",
        result.stderr
    );
    assert_eq!(tree(&site.join("public")), before);
    assert_eq!(
        names(&site),
        ["content", "kolikko.yaml", "public", "templates"]
    );
    // With the loop gone the next build works (no lock or staging folder stands in its way).
    fs::remove_dir_all(site.join("templates")).unwrap();
    edit_post(&site, "After the runaway template.");
    build(&site).assert_code(0);
    assert_no_debris(&site);
    assert!(
        fs::read_to_string(site.join("public/posts/welcome/index.html"))
            .unwrap()
            .contains("After the runaway template.")
    );
}

/// The moment with no output folder at all (between moving the old one away and the new one in)
/// exists only where the exchange is missing. On Linux the swap is one `renameat2` exchange, so
/// a build told to stop at that moment never reaches it: a reader of `index.html` always finds
/// it. (A reader polling during 40 two-rename rebuilds found it missing 36 times.)
#[cfg(target_os = "linux")]
#[test]
fn the_swap_has_no_moment_without_an_output_folder() {
    let (_dir, site) = new_site();
    build(&site).assert_code(0);
    edit_post(&site, "A new paragraph.");
    let run = spawn(
        site.parent().unwrap(),
        &build_args(&site),
        &[("KOLIKKO_TEST_PAUSE_AT", "between-renames")],
        "",
    );
    let outcome = run.finish();
    assert!(
        !outcome.stderr.contains("kolikko-test-paused-at"),
        "the swap went through two renames: {}",
        outcome.stderr
    );
    outcome.assert_code(0);
    assert!(
        fs::read_to_string(site.join("public/posts/welcome/index.html"))
            .unwrap()
            .contains("A new paragraph.")
    );
    assert_no_debris(&site);
}
