//! `kolikko serve` end to end: the real binary on a free port of 127.0.0.1, a plain HTTP client,
//! a post edited, broken and fixed, then Ctrl-C (SIGINT). Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Generous: the machine running the tests may be busy; nothing here depends on speed.
const PATIENCE: Duration = Duration::from_secs(90);

fn kolikko() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kolikko"))
}

/// A minimal HTTP/1.1 GET: status and body.
fn get(address: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(10)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, body.to_string())
}

/// The build generation a served page will poll with.
fn generation(page: &str) -> u64 {
    let start = page
        .find("var g=\"")
        .expect("served pages carry the reload script")
        + 7;
    page[start..].split('"').next().unwrap().parse().unwrap()
}

/// Asks the reload endpoint in the background; the answer comes when a build happens.
fn poll_reload(address: SocketAddr, since: u64) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let (_, body) = get(address, &format!("/__kolikko/reload?since={since}"));
        let _ = tx.send(body);
    });
    rx
}

/// Fetches `path` until `ready` holds, for at most PATIENCE.
fn get_until(address: SocketAddr, path: &str, ready: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let (_, body) = get(address, path);
        if ready(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never became ready; last body:\n{body}"
        );
        thread::sleep(Duration::from_millis(100));
    }
}

struct Serving {
    child: Child,
    address: SocketAddr,
    stdout: mpsc::Receiver<String>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        // Only if the test failed before stopping it: never leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Path, extra: &[&str]) -> Serving {
    start_with(site, extra, &[])
}

fn start_with(site: &Path, extra: &[&str], env: &[(&str, &str)]) -> Serving {
    let mut child = kolikko()
        .arg("serve")
        .arg(site)
        .args(["--port", "0"])
        .args(extra)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = rx.recv_timeout(PATIENCE).expect("serve prints its address");
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    Serving {
        child,
        address,
        stdout: rx,
    }
}

#[test]
fn serve_shows_edits_reloads_tabs_shows_errors_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(kolikko().arg("new").arg(&site).status().unwrap().success());
    let post = site.join("content/posts/welcome.md");

    let mut serving = start(&site, &[]);
    let address = serving.address;
    assert!(address.ip().is_loopback(), "listens on {address}");

    let (status, page) = get(address, "/posts/welcome/");
    assert_eq!(status, 200);
    assert!(page.contains("Welcome to the report"));
    assert!(page.contains("/__kolikko/reload"));
    assert!(!page.contains("kolikko-build-error"));
    // Served from memory: nothing is written into the site.
    assert!(!site.join("public").exists());

    // Edit the post: the waiting tab is told to reload, and the new text is served.
    let before = generation(&page);
    let reload = poll_reload(address, before);
    thread::sleep(Duration::from_millis(300));
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(
        &post,
        text.replace("Welcome to the report", "Edited in the preview"),
    )
    .unwrap();
    let signal = reload.recv_timeout(PATIENCE).expect("the reload signal");
    assert_ne!(signal.trim(), before.to_string());
    let page = get_until(address, "/posts/welcome/index.html", |p| {
        p.contains("Edited in the preview")
    });
    assert!(!page.contains("Welcome to the report"));

    // Break the post's date: the last good page stays, with the error (file and line) over it.
    let reload = poll_reload(address, generation(&page));
    thread::sleep(Duration::from_millis(300));
    let good = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, good.replace("date: 2026-07-01", "date: tomorrow")).unwrap();
    reload
        .recv_timeout(PATIENCE)
        .expect("reload after the error");
    let page = get_until(address, "/posts/welcome/", |p| {
        p.contains("kolikko-build-error")
    });
    assert!(page.contains("Edited in the preview"), "last good build");
    assert!(
        page.contains("welcome.md:3:"),
        "the error names file and line:\n{page}"
    );
    assert!(page.contains("tomorrow"));

    // Fix it: the error goes away.
    std::fs::write(&post, &good).unwrap();
    get_until(address, "/posts/welcome/", |p| {
        !p.contains("kolikko-build-error") && p.contains("Edited in the preview")
    });
    let (status, _) = get(address, "/no/such/page.html");
    assert_eq!(status, 404);

    // Ctrl-C: a clean stop with exit code 0.
    let pid = serving.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = serving.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = serving.stdout.try_iter().collect();
    assert!(rest.iter().any(|l| l == "stopped"), "{rest:?}");
    assert!(!site.join("public").exists());
}

#[test]
fn drafts_are_left_out_unless_asked_for_and_then_marked() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(kolikko().arg("new").arg(&site).status().unwrap().success());
    std::fs::write(
        site.join("content/posts/unfinished.md"),
        "---\ntitle: \"Half-written thoughts\"\ndate: 2026-07-02\ndraft: true\n---\nNot ready.\n",
    )
    .unwrap();

    let out = dir.path().join("published");
    let status = kolikko()
        .arg("build")
        .arg(&site)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(!out.join("posts/unfinished/index.html").exists());
    let index = std::fs::read_to_string(out.join("posts/index.html")).unwrap();
    assert!(!index.contains("Half-written thoughts"));
    // Build output never carries the preview's reload script.
    assert!(!index.contains("__kolikko"));

    let out = dir.path().join("with-drafts");
    let status = kolikko()
        .arg("build")
        .arg(&site)
        .arg("-o")
        .arg(&out)
        .arg("--drafts")
        .status()
        .unwrap();
    assert!(status.success());
    let draft = std::fs::read_to_string(out.join("posts/unfinished/index.html")).unwrap();
    assert!(draft.contains("<strong class=\"draft\">Draft</strong>"));
    let index = std::fs::read_to_string(out.join("posts/index.html")).unwrap();
    assert!(index.contains("Half-written thoughts"));
    let published = std::fs::read_to_string(out.join("posts/welcome/index.html")).unwrap();
    assert!(!published.contains("class=\"draft\""));
}

#[test]
fn a_rebuild_whose_template_loops_past_the_limit_is_reported_and_the_last_good_site_stays() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert!(kolikko().arg("new").arg(&site).status().unwrap().success());
    let mut serving = start_with(&site, &[], &[("KOLIKKO_PAGE_TIME_SECS", "1")]);
    let address = serving.address;
    let (status, good) = get(address, "/periods/");
    assert_eq!(status, 200);

    // A period list that loops for hours writing nothing: Tera cannot be stopped, so the
    // preview gives up on that rebuild.
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/list.html"),
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let page = get_until(address, "/periods/", |p| p.contains("kolikko-build-error"));
    assert!(
        page.contains("templates/list.html") && page.contains("took more than 1 s"),
        "the error names the template and the limit:\n{page}"
    );
    // The last good page, with the error over it (the added box and reload script aside).
    let shown = |p: &str| {
        p.split("<div id=\"kolikko-build-error\"")
            .next()
            .unwrap()
            .split("<script>/* kolikko serve")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(shown(&page), shown(&good));

    // The preview is not stuck: fixing the template rebuilds, while the runaway still runs.
    std::fs::remove_file(site.join("templates/list.html")).unwrap();
    get_until(address, "/periods/", |p| !p.contains("kolikko-build-error"));

    // And Ctrl-C still stops it at once.
    let pid = serving.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = serving.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}
