//! The real server in-process (its own actix System in a thread) and a
//! bounded blocking-reqwest load loop.

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use hexaglot::App;

use crate::gen::Kind;

pub struct Server {
    pub addr: SocketAddr,
    handle: actix_web::dev::ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(app: App) -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new().name("bench-server".into()).spawn(move || {
            let sys = actix_web::rt::System::new();
            sys.block_on(async move {
                match hexaglot::startup::run(app, listener) {
                    Ok(server) => {
                        let _ = tx.send(Ok(server.handle()));
                        let _ = server.await;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                    }
                }
            });
        })?;
        let handle = rx.recv().map_err(|e| std::io::Error::other(e.to_string()))??;
        Ok(Server { addr, handle, thread: Some(thread) })
    }

    pub fn stop(mut self) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(self.handle.stop(true));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[derive(Default)]
pub struct LoadResult {
    /// (kind, latency µs) of each successful request.
    pub samples: Vec<(Option<Kind>, u64)>,
    pub errors: usize,
    pub elapsed: Duration,
}

impl LoadResult {
    pub fn rps(&self) -> f64 {
        self.samples.len() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// `clients` threads send the requests of `paths` in turn until `max_requests`
/// are sent or `max_time` has passed.
pub fn load(
    addr: SocketAddr,
    paths: &[(Option<Kind>, String)],
    clients: usize,
    max_requests: usize,
    max_time: Duration,
) -> LoadResult {
    let paths = Arc::new(paths.to_vec());
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + max_time;
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let paths = paths.clone();
            let next = next.clone();
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(30))
                    .pool_max_idle_per_host(1)
                    .build()
                    .expect("client");
                let mut samples = Vec::new();
                let mut errors = 0;
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= max_requests || Instant::now() >= deadline {
                        break;
                    }
                    let (kind, path) = &paths[n % paths.len()];
                    let t = Instant::now();
                    let ok = match client.get(format!("http://{addr}{path}")).send() {
                        Ok(r) => r.status().is_success() && r.bytes().is_ok(),
                        Err(_) => false,
                    };
                    if ok {
                        samples.push((*kind, t.elapsed().as_micros() as u64));
                    } else {
                        errors += 1;
                    }
                }
                (samples, errors)
            })
        })
        .collect();
    let mut out = LoadResult::default();
    for t in threads {
        let (s, e) = t.join().expect("client thread");
        out.samples.extend(s);
        out.errors += e;
    }
    out.elapsed = start.elapsed();
    out
}

/// What Debian's `wrk` measured: a client outside the server's process.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WrkResult {
    pub requests_per_s: f64,
    pub requests: u64,
    /// Answers other than 2xx/3xx, and socket errors (connect, read, write, timeout).
    pub non_2xx: u64,
    pub socket_errors: u64,
    pub latency_avg_ms: f64,
    pub p50_ms: f64,
    pub p75_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
}

/// A wrk duration (`812.00us`, `1.23ms`, `2.00s`, `1.00m`) in ms.
fn wrk_ms(s: &str) -> Option<f64> {
    let i = s.find(|c: char| c.is_ascii_alphabetic())?;
    let v: f64 = s[..i].parse().ok()?;
    Some(match &s[i..] {
        "us" => v / 1000.0,
        "ms" => v,
        "s" => v * 1000.0,
        "m" => v * 60_000.0,
        "h" => v * 3_600_000.0,
        _ => return None,
    })
}

fn parse_wrk(out: &str) -> Result<WrkResult, String> {
    let mut r = WrkResult::default();
    let mut rps = None;
    for line in out.lines() {
        let t: Vec<&str> = line.split_whitespace().collect();
        match t.as_slice() {
            ["Requests/sec:", v] => rps = v.parse().ok(),
            // The thread stats' line (not "Latency Distribution").
            ["Latency", avg, ..] if wrk_ms(avg).is_some() => r.latency_avg_ms = wrk_ms(avg).unwrap_or(0.0),
            ["50%", v] => r.p50_ms = wrk_ms(v).unwrap_or(0.0),
            ["75%", v] => r.p75_ms = wrk_ms(v).unwrap_or(0.0),
            ["90%", v] => r.p90_ms = wrk_ms(v).unwrap_or(0.0),
            ["99%", v] => r.p99_ms = wrk_ms(v).unwrap_or(0.0),
            [n, "requests", "in", ..] => r.requests = n.parse().unwrap_or(0),
            ["Non-2xx", "or", "3xx", "responses:", n] => r.non_2xx = n.parse().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                r.socket_errors = rest.iter().filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok()).sum()
            }
            _ => {}
        }
    }
    r.requests_per_s = rps.ok_or_else(|| format!("no Requests/sec in wrk's output:\n{out}"))?;
    Ok(r)
}

/// `wrk -t2 -c16 -d<secs>s --latency` on `paths` in turn (a Lua script written to `tmp`,
/// one cycle per wrk thread). `Err` says why it did not run (wrk not installed, say).
pub fn wrk(
    addr: SocketAddr,
    paths: &[String],
    secs: f64,
    tmp: &std::path::Path,
    name: &str,
) -> Result<WrkResult, String> {
    let mut lua = String::from("local paths = {\n");
    for p in paths {
        // Query strings are URL-encoded: no quote or backslash to escape.
        lua.push_str(&format!("  \"{p}\",\n"));
    }
    lua.push_str(
        "}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n",
    );
    std::fs::create_dir_all(tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let script = tmp.join(format!("wrk-{name}.lua"));
    std::fs::write(&script, lua).map_err(|e| format!("{}: {e}", script.display()))?;
    let out = std::process::Command::new("wrk")
        .args(["-t2", "-c16", &format!("-d{}s", secs.ceil().max(1.0) as u64), "--latency", "-s"])
        .arg(&script)
        .arg(format!("http://{addr}"))
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "wrk is not on PATH (Debian: apt-get install wrk)".to_string(),
            _ => format!("wrk did not start: {e}"),
        })?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("wrk failed ({}): {}{}", out.status, text, String::from_utf8_lossy(&out.stderr)));
    }
    parse_wrk(&text)
}
