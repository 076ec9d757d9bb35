//! `spawn_app()` starts the real server on port 0 with a fresh data directory.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hexaglot::http::ratelimit::RateLimitConfig;
use serde_json::Value;

pub struct TestApp {
    pub base: String,
    pub data_dir: PathBuf,
    handle: actix_web::dev::ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
    // Dropped last, after the server has stopped.
    _tmp: Option<tempfile::TempDir>,
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

    /// Stops the server and waits for it (graceful shutdown).
    pub fn stop(mut self) -> Option<tempfile::TempDir> {
        actix_web::rt::System::new().block_on(self.handle.stop(true));
        if let Some(t) = self.thread.take() {
            t.join().expect("server thread");
        }
        self._tmp.take()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if self.thread.is_some() {
            actix_web::rt::System::new().block_on(self.handle.stop(false));
        }
    }
}

pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder().timeout(std::time::Duration::from_secs(60)).build().expect("client")
}

/// A server on a fresh temporary data directory.
pub fn spawn_app() -> TestApp {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let mut app = spawn_app_at(&dir);
    app._tmp = Some(tmp);
    app
}

/// A server on an existing (or new) data directory, e.g. to test restarts.
pub fn spawn_app_at(dir: &Path) -> TestApp {
    spawn_app_with(dir, RateLimitConfig::default())
}

/// A server with the given rate limits.
pub fn spawn_app_with(dir: &Path, limits: RateLimitConfig) -> TestApp {
    let app = hexaglot::App::open(dir).expect("open data dir");
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

/// Runs the real `hexaglot` binary.
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

impl TestApp {
    /// Sends `method path` with an optional bearer token and JSON body; returns status and JSON.
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
}
