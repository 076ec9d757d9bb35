//! The one harness every integration test binary shares (`mod common;`, or
//! `#[path = "../common/mod.rs"] mod common;` from a test directory): a real
//! server on port 0 with its own temporary data directory, in this process
//! ([`spawn_app`]) or as the real binary ([`ServerProcess`]); users made by the
//! real CLI; one HTTP client. Only public interfaces: the CLI, HTTP and
//! `hexaglot::App`.

// Each test binary uses part of the harness.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use hexaglot::http::ratelimit::RateLimitConfig;
use serde_json::Value;

/// A bound on waiting for something that normally takes a moment (a server to
/// start, the index follower to catch up): generous, a failure and never a
/// performance figure, so a busy shared machine cannot fail a test.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The HTTP client of the tests (no cookies, follows redirects).
pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder().timeout(PATIENCE).build().expect("client")
}

/// Runs the real `hexaglot` binary on `data_dir`.
pub fn hexaglot(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hexaglot"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("HEXAGLOT_DATA_DIR")
        .output()
        .expect("run hexaglot")
}

/// Creates a user with the real CLI and returns the token it printed.
pub fn add_user(data_dir: &Path, name: &str, role: &str, bindings: &[&str]) -> String {
    let mut args = vec!["user", "add", name, "--role", role];
    args.extend_from_slice(bindings);
    let out = hexaglot(data_dir, &args);
    assert!(out.status.success(), "user add: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A server running in this process on a random port.
pub struct TestApp {
    pub base: String,
    pub data_dir: PathBuf,
    handle: actix_web::dev::ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
    // Dropped last, after the server has stopped.
    _tmp: Option<tempfile::TempDir>,
}

/// A server on a fresh temporary data directory (seeded on first use).
pub fn spawn_app() -> TestApp {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = spawn_app_at(&tmp.path().join("data"));
    app.keep(tmp);
    app
}

/// A server on a fresh data directory without the bundled Word content (E.119,
/// G.650.1, P.917, Q.850, T.88), for tests that import those very Word files.
pub fn spawn_app_without_word_seed() -> TestApp {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let mut app =
        serve(hexaglot::App::open_without_word_seed(&dir).expect("open data dir"), &dir, RateLimitConfig::default());
    app.keep(tmp);
    app
}

/// Prepares `dir` (new) as a data directory without the bundled Word content, for
/// CLI tests that import those very Word files.
pub fn without_word_seed(dir: &Path) {
    drop(hexaglot::App::open_without_word_seed(dir).expect("open data dir"));
}

/// A server on an existing (or new) data directory, e.g. to test restarts.
pub fn spawn_app_at(dir: &Path) -> TestApp {
    spawn_app_with(dir, RateLimitConfig::default())
}

/// A server with the given rate limits.
pub fn spawn_app_with(dir: &Path, limits: RateLimitConfig) -> TestApp {
    serve(hexaglot::App::open(dir).expect("open data dir"), dir, limits)
}

/// Serves `app` (opened on `dir`). The caller may keep a clone of `app` to
/// act on the same process from the test.
pub fn serve(app: hexaglot::App, dir: &Path, limits: RateLimitConfig) -> TestApp {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = hexaglot::startup::run_with(app, listener, limits).expect("server");
            tx.send(server.handle()).unwrap();
            server.await.expect("server run");
        })
    });
    let handle = rx.recv().expect("server handle");
    TestApp {
        base: format!("http://127.0.0.1:{port}"),
        data_dir: dir.to_path_buf(),
        handle,
        thread: Some(thread),
        _tmp: None,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn get(&self, path: &str) -> reqwest::blocking::Response {
        client().get(self.url(path)).send().expect("request")
    }

    /// GETs `path`, asserts the status, returns the JSON body.
    pub fn get_json(&self, path: &str, status: u16) -> Value {
        let resp = self.get(path);
        let got = resp.status().as_u16();
        let body: Value = resp.json().unwrap_or(Value::Null);
        assert_eq!(got, status, "GET {path} -> {got}: {body}");
        body
    }

    /// Sends `method path` with an optional bearer token and JSON body; returns
    /// the status and the JSON (a body that is not JSON comes back as a string).
    pub fn send(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> (u16, Value) {
        let mut req = client().request(method.parse().unwrap(), self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub fn post(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.send("POST", path, Some(token), Some(body))
    }

    /// Keeps `tmp` (which holds the data directory) until the server has stopped.
    pub fn keep(&mut self, tmp: tempfile::TempDir) {
        self._tmp = Some(tmp);
    }

    /// Stops the server and waits for it (graceful shutdown); returns the
    /// temporary directory, if the server owned one, to keep it alive.
    pub fn stop(mut self) -> Option<tempfile::TempDir> {
        self.shut_down();
        self._tmp.take()
    }

    fn shut_down(&mut self) {
        if let Some(t) = self.thread.take() {
            actix_web::rt::System::new().block_on(self.handle.stop(true));
            t.join().expect("server thread");
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // Do not wait on a server a failed test may have left busy.
            if self.thread.take().is_some() {
                actix_web::rt::System::new().block_on(self.handle.stop(false));
            }
            return;
        }
        self.shut_down();
    }
}

/// The real binary serving a data directory (`hexaglot serve`), for tests
/// that kill it, signal it or read its log.
pub struct ServerProcess {
    pub child: Child,
    pub base: String,
}

impl ServerProcess {
    /// Starts the server on a free port and waits until `/healthz` answers;
    /// returns it with its start-up time. Its stdout is discarded and its
    /// stderr inherited unless `configure` (which may also set the
    /// environment) says otherwise.
    pub fn start(dir: &Path, configure: impl FnOnce(&mut Command)) -> (ServerProcess, Duration) {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_hexaglot"));
        cmd.arg("--data-dir")
            .arg(dir)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env_remove("HEXAGLOT_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        configure(&mut cmd);
        let started = Instant::now();
        let child = cmd.spawn().expect("start hexaglot serve");
        let mut server = ServerProcess { child, base: format!("http://127.0.0.1:{port}") };
        let c = reqwest::blocking::Client::builder().timeout(Duration::from_secs(2)).build().unwrap();
        loop {
            if c.get(server.url("/healthz")).send().is_ok_and(|r| r.status().is_success()) {
                return (server, started.elapsed());
            }
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("server exited during start-up: {status}");
            }
            assert!(started.elapsed() < PATIENCE, "server not ready after {PATIENCE:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// SIGKILL: no shutdown code runs.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, then waits for the process to exit.
    pub fn terminate(&mut self) -> ExitStatus {
        let sent = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("run kill");
        assert!(sent.success(), "kill -TERM failed");
        self.child.wait().unwrap()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
