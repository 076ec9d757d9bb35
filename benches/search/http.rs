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
