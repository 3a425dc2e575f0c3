//! `kolikko serve`: a live preview while writing. Builds the site into memory (never into the
//! user's `public/`), serves it on 127.0.0.1, rebuilds when a file of the site changes and tells
//! open tabs to reload.
//!
//! Tabs learn of a new build by long-polling `/__kolikko/reload?since=N`: the answer comes when
//! the build generation is no longer `N` (or after [`POLL_WAIT`], so no request hangs forever).
//! The small script that does this is added to served HTML only; `kolikko build` never has it.
//! A failed rebuild keeps the last good pages and shows the errors in a box on every page.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::build::{self, BuildError, BuildOptions};
use crate::pages::{overdue, overdue_diagnostic};

/// The longest a reload poll waits before answering "nothing new"; the page then asks again.
pub const POLL_WAIT: Duration = Duration::from_secs(20);
/// Saves closer together than this make one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(80);
/// How often the loops look at the stop flag.
const TICK: Duration = Duration::from_millis(100);
/// The path of the reload endpoint; it cannot clash with a page (pages never start with `_`).
const RELOAD_PATH: &str = "/__kolikko/reload";

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub site: PathBuf,
    /// Address to listen on; `127.0.0.1` unless the user asked for another.
    pub bind: String,
    /// 0 picks a free port.
    pub port: u16,
    pub build: BuildOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "cannot listen on {address}: {reason}; is another `kolikko serve` running? Try another --port"
    )]
    Listen { address: String, reason: String },
    #[error("cannot watch {0} for changes: {1}")]
    Watch(PathBuf, String),
}

/// What the server currently shows: the last good build and, if the newest build failed, why.
struct Shown {
    files: Arc<HashMap<String, Vec<u8>>>,
    /// The errors of the newest build, as printed in the terminal; `None` when it succeeded.
    error: Option<String>,
    /// Goes up with every build, good or bad, so open tabs reload to show either.
    generation: u64,
}

struct State {
    shown: Mutex<Shown>,
    changed: Condvar,
}

/// A running server. [`Server::wait`] blocks until `stop` is set (Ctrl-C in the CLI).
pub struct Server {
    pub address: SocketAddr,
    stop: Arc<AtomicBool>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Server {
    /// Builds the site once, then starts listening and watching. Returns once the port is open.
    /// `log` receives one line per event (rebuilt, errors, stopped) for the terminal.
    pub fn start(
        options: ServeOptions,
        stop: Arc<AtomicBool>,
        log: impl Fn(&str) + Send + Sync + 'static,
    ) -> Result<Server, ServeError> {
        let address = format!("{}:{}", options.bind, options.port);
        let http = tiny_http::Server::http(&address).map_err(|e| ServeError::Listen {
            address: address.clone(),
            reason: e.to_string(),
        })?;
        let address = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| ServeError::Listen {
                address: address.clone(),
                reason: "not an IP address".into(),
            })?;
        let log = Arc::new(log);
        let state = Arc::new(State {
            shown: Mutex::new(Shown {
                files: Arc::new(HashMap::new()),
                error: None,
                generation: 0,
            }),
            changed: Condvar::new(),
        });
        rebuild(&options, &state, &*log, &stop);

        let (events_tx, events_rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(events_tx)
            .map_err(|e| ServeError::Watch(options.site.clone(), e.to_string()))?;
        watcher
            .watch(&options.site, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch(options.site.clone(), e.to_string()))?;

        let mut threads = Vec::new();
        {
            let (state, stop, log, options) =
                (state.clone(), stop.clone(), log.clone(), options.clone());
            threads.push(thread::spawn(move || {
                // The watcher stops watching when dropped: keep it alive in this thread.
                let _watcher = watcher;
                let folder = SiteFolder::new(&options.site);
                let changes = |event: &notify::Result<notify::Event>| match event {
                    // Reading a file is an event too (our own builds read every file).
                    Ok(event) => {
                        !matches!(event.kind, EventKind::Access(_))
                            && event.paths.iter().any(|p| folder.is_source(p))
                    }
                    Err(_) => false,
                };
                while !stop.load(Ordering::SeqCst) {
                    match events_rx.recv_timeout(TICK) {
                        Ok(event) if changes(&event) => {
                            // Debounce: an editor's save is often several events; wait until
                            // the folder has been quiet for DEBOUNCE, then build once.
                            while events_rx.recv_timeout(DEBOUNCE).is_ok() {}
                            rebuild(&options, &state, &*log, &stop);
                        }
                        Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                }
                // Wake waiting polls so they answer and their threads end.
                state.changed.notify_all();
            }));
        }
        {
            let (state, stop) = (state.clone(), stop.clone());
            threads.push(thread::spawn(move || {
                let mut polls: Vec<thread::JoinHandle<()>> = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    let request = match http.recv_timeout(TICK) {
                        Ok(Some(request)) => request,
                        Ok(None) => continue,
                        Err(_) => break,
                    };
                    polls.retain(|p| !p.is_finished());
                    if request.url().starts_with(RELOAD_PATH) {
                        // A poll waits; give it its own thread so pages keep being served.
                        let (state, stop) = (state.clone(), stop.clone());
                        polls.push(thread::spawn(move || answer_poll(request, &state, &stop)));
                    } else {
                        answer_page(request, &state);
                    }
                }
                state.changed.notify_all();
                for poll in polls {
                    let _ = poll.join();
                }
            }));
        }
        Ok(Server {
            address,
            stop,
            threads,
        })
    }

    /// Blocks until the stop flag is set and every thread has ended.
    pub fn wait(self) {
        for thread in self.threads {
            let _ = thread.join();
        }
        debug_assert!(self.stop.load(Ordering::SeqCst));
    }
}

/// Builds into memory and shows the result: new pages on success, the errors (over the last
/// good pages) on failure.
///
/// The build runs on a thread of its own, with its own rayon pool, while this one watches the
/// pages it renders: a page past the time limit (a template looping without end, which Tera
/// cannot be made to stop) is reported like any failed build and the last good build stays on
/// show. The runaway render cannot be stopped inside the process; it is left to finish on its own
/// threads (one processor stays busy until then, or until `kolikko serve` is restarted), and the
/// next save starts a fresh build beside it.
fn rebuild(options: &ServeOptions, state: &State, log: &dyn Fn(&str), stop: &AtomicBool) {
    let start = Instant::now();
    let (done_tx, done_rx) = mpsc::channel();
    {
        let options = options.clone();
        thread::spawn(move || {
            let render = || build::render_checked(&options.site, options.build, &build::Silent);
            // A fresh pool, so that a render given up on earlier, still holding the threads of
            // its pool, cannot keep this one from starting.
            let result = match rayon::ThreadPoolBuilder::new().build() {
                Ok(pool) => pool.install(render),
                Err(_) => render(),
            };
            let _ = done_tx.send(result);
        });
    }
    let result = loop {
        match done_rx.recv_timeout(TICK) {
            Ok(result) => {
                break result.map_err(|e| match e {
                    BuildError::Input(diagnostics) => diagnostics.to_string(),
                    other => other.to_string(),
                });
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(overdue) = overdue(Some(start)) {
                    break Err(overdue_diagnostic(
                        &options.site,
                        &overdue,
                        "the preview stopped waiting for it (the render keeps one processor busy until it ends or kolikko serve is restarted)",
                    )
                    .to_string());
                }
                if stop.load(Ordering::SeqCst) {
                    return;
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                break Err("the build stopped unexpectedly".to_string());
            }
        }
    };
    let mut shown = state.shown.lock().unwrap_or_else(|e| e.into_inner());
    shown.generation += 1;
    match result {
        Ok(rendered) => {
            if !rendered.warnings.is_empty() {
                log(&rendered.warnings.to_string());
            }
            log(&format!(
                "built {} files in {} ms ({} warnings)",
                rendered.files.len(),
                start.elapsed().as_millis(),
                rendered.warnings.len()
            ));
            shown.files = Arc::new(
                rendered
                    .files
                    .into_iter()
                    .map(|f| (f.path, f.contents))
                    .collect(),
            );
            shown.error = None;
        }
        Err(message) => {
            log(&format!(
                "{message}\nthe preview keeps showing the last good build until this is fixed"
            ));
            shown.error = Some(message);
        }
    }
    drop(shown);
    state.changed.notify_all();
}

/// The site folder as the watcher reports paths (canonical), to tell sources from the rest.
struct SiteFolder(PathBuf);

impl SiteFolder {
    fn new(site: &Path) -> Self {
        SiteFolder(std::fs::canonicalize(site).unwrap_or_else(|_| site.to_path_buf()))
    }

    /// Whether a changed path can change the site: `kolikko.yaml` or a file under `content/` or
    /// `templates/`, but not a hidden file or an editor's backup or swap file.
    fn is_source(&self, path: &Path) -> bool {
        let canonical = path
            .parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .map(|p| p.join(path.file_name().unwrap_or_default()))
            .unwrap_or_else(|| path.to_path_buf());
        let Ok(inside) = canonical.strip_prefix(&self.0) else {
            return false;
        };
        let mut parts = inside.components().filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy()),
            _ => None,
        });
        // What the loader reads: kolikko.yaml, content/ and templates/.
        let first = parts.next().unwrap_or_default();
        if !(first == "kolikko.yaml" || first == "content" || first == "templates") {
            return false;
        }
        let hidden = std::iter::once(first)
            .chain(parts)
            .any(|p| p.starts_with('.'));
        let name = inside
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        !hidden && !name.ends_with('~') && !name.ends_with(".swp") && !name.ends_with(".tmp")
    }
}

fn answer_poll(request: tiny_http::Request, state: &State, stop: &AtomicBool) {
    let since: Option<u64> = request
        .url()
        .split_once("since=")
        .and_then(|(_, n)| n.split('&').next())
        .and_then(|n| n.parse().ok());
    let deadline = Instant::now() + POLL_WAIT;
    let mut shown = state.shown.lock().unwrap_or_else(|e| e.into_inner());
    while since == Some(shown.generation) && !stop.load(Ordering::SeqCst) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        // Wake at least every TICK to notice a stop.
        shown = state
            .changed
            .wait_timeout(shown, left.min(TICK))
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    let generation = shown.generation;
    drop(shown);
    let _ = request.respond(
        tiny_http::Response::from_string(generation.to_string())
            .with_header(header("Content-Type", "text/plain; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store")),
    );
}

fn answer_page(request: tiny_http::Request, state: &State) {
    let (files, error, generation) = {
        let shown = state.shown.lock().unwrap_or_else(|e| e.into_inner());
        (shown.files.clone(), shown.error.clone(), shown.generation)
    };
    let url_path = request.url().split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(url_path.trim_start_matches('/'));
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.clone(), format!("{path}/index.html")]
    };
    let found = candidates
        .iter()
        .find_map(|c| files.get(c.as_str()).map(|body| (c, body)));
    let response = match found {
        Some((name, body)) if name.ends_with(".html") => html_response(
            200,
            with_preview(&String::from_utf8_lossy(body), error.as_deref(), generation),
        ),
        Some((name, body)) => tiny_http::Response::from_data(body.clone())
            .with_header(header("Content-Type", content_type(name)))
            .with_header(header("Cache-Control", "no-store")),
        // Nothing built yet: the error is the page.
        None if files.is_empty() => html_response(500, error_page(error.as_deref(), generation)),
        None => html_response(404, not_found_page(&path, error.as_deref(), generation)),
    };
    let _ = request.respond(response);
}

fn html_response(status: u16, html: String) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    tiny_http::Response::from_data(html.into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII")
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/atom+xml; charset=utf-8",
        "json" => "application/json",
        "js" => "text/javascript; charset=utf-8",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `%20` and friends in a requested path (post slugs are ASCII, but a hand-typed URL may not be).
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = path
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The script that reloads the tab when a new build (or a new error) is shown.
fn reload_script(generation: u64) -> String {
    format!(
        "<script>/* kolikko serve: reload on change */(function(){{var g=\"{generation}\";function poll(){{fetch(\"{RELOAD_PATH}?since=\"+g,{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(t){{if(t!==g){{location.reload()}}else{{poll()}}}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// The errors of the newest build as a box over the page.
fn error_box(error: &str) -> String {
    format!(
        "<div id=\"kolikko-build-error\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:99;max-height:60vh;overflow:auto;background:#fff4f4;color:#5c0b0f;border-bottom:3px solid #a4262c;padding:1rem 1.5rem;font:14px/1.45 ui-monospace,monospace\"><strong>kolikko: the last build failed; this page is from the last good build.</strong><pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">{}</pre></div>",
        escape_html(error)
    )
}

/// A served page: the built HTML plus the reload script and, after a failed build, the errors.
fn with_preview(html: &str, error: Option<&str>, generation: u64) -> String {
    let mut extra = error.map(error_box).unwrap_or_default();
    extra.push_str(&reload_script(generation));
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

fn error_page(error: Option<&str>, generation: u64) -> String {
    let body = error.map(error_box).unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>kolikko: build failed</title></head><body>{body}{}</body></html>",
        reload_script(generation)
    )
}

fn not_found_page(path: &str, error: Option<&str>, generation: u64) -> String {
    let body = error.map(error_box).unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><main><h1>Not found</h1><p>The site has no page <code>/{}</code>. <a href=\"/\">Go to the front page</a>.</p></main>{body}{}</body></html>",
        escape_html(path),
        reload_script(generation)
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reload_script_and_error_box_go_just_before_the_body_ends() {
        let page = with_preview(
            "<html><body><p>x</p></body></html>",
            Some("a.yaml:1:2: <bad>"),
            7,
        );
        let script = page.find("<script>").unwrap();
        assert!(page.find("kolikko-build-error").unwrap() < script);
        assert!(script > page.find("<p>x</p>").unwrap());
        assert!(page.ends_with("</script></body></html>"));
        assert!(page.contains("a.yaml:1:2: &lt;bad&gt;"));
        assert!(page.contains("var g=\"7\""));
    }

    #[test]
    fn built_output_and_editor_files_do_not_trigger_a_rebuild() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("public/posts")).unwrap();
        std::fs::create_dir_all(site.path().join("content/posts")).unwrap();
        let folder = SiteFolder::new(site.path());
        let real = std::fs::canonicalize(site.path()).unwrap();
        assert!(!folder.is_source(&real.join("public/posts/index.html")));
        assert!(!folder.is_source(&real.join("content/posts/.a.md.swp")));
        assert!(!folder.is_source(&real.join("content/posts/a.md~")));
        assert!(!folder.is_source(&real.join(".public.kolikko-staging-1/x.html")));
        assert!(!folder.is_source(&real.join("src/main.rs")));
        assert!(folder.is_source(&real.join("templates/post.html")));
        assert!(folder.is_source(&real.join("content/posts/a.md")));
        assert!(folder.is_source(&real.join("kolikko.yaml")));
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("posts/a%20b/"), "posts/a b/");
        assert_eq!(percent_decode("bad%zz"), "bad%zz");
    }
}
