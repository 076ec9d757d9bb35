//! Load: 16 concurrent clients against the real server binary. Twelve search
//! without pause; four are writers (propose + accept in English, translate,
//! submit and adopt in French), pausing a second between cycles: about 13
//! write requests a second in all, far above what SCV staff produce. Phase one runs the
//! searchers alone (the no-write case), phase two adds the writers. Then every
//! acknowledged write is looked up, through the API and through search.
//!
//! ```text
//! cargo bench --bench load -- [--secs S per phase, default 20] [--concepts N, default 5000]
//! ```
//!
//! Fails (exit 1) on any error or any lost write. The latencies and their
//! ratio (write phase over no-write phase) are reported, never judged: a
//! timing gate fails on a shared machine for reasons that are not the code's.
//! What the ratio watches, that search never waits for the writer, is gated
//! by a deterministic test (`tests/api/search.rs`,
//! `search_answers_while_the_writer_and_sqlite_are_held`).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

const SEARCHERS: usize = 12;
const WRITERS: usize = 4;
/// Pause between two write cycles of one writer (five requests each).
const WRITER_PAUSE: Duration = Duration::from_millis(1000);

struct Args {
    secs: u64,
    concepts: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args { secs: 20, concepts: 5000 };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut num = |name: &str| -> Result<u64, String> {
            it.next().and_then(|v| v.parse().ok()).ok_or(format!("{name} needs a number"))
        };
        match k.as_str() {
            "--bench" => {}
            "--secs" => a.secs = num("--secs")?,
            "--concepts" => a.concepts = num("--concepts")? as usize,
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            _ => {}
        }
    }
    Ok(a)
}

/// Pseudo-words from syllables, deterministic: a vocabulary with a realistic spread.
fn vocabulary(rng: &mut ChaCha8Rng, syllables: &[&str], n: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::with_capacity(n);
    while words.len() < n {
        let len = rng.gen_range(2..=4);
        let w: String = (0..len).map(|_| *syllables.choose(rng).unwrap()).collect();
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

fn phrase(rng: &mut ChaCha8Rng, words: &[String], len: usize) -> String {
    // Zipf-like: low ranks far more often, as in real terminology.
    (0..len)
        .map(|_| words[((rng.gen::<f64>().powi(3)) * words.len() as f64) as usize].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cli(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_hexaglot")).arg("--data-dir").arg(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn start(dir: &Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(env!("CARGO_BIN_EXE_hexaglot"))
        .args(["--data-dir", dir.to_str().unwrap(), "serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("RUST_LOG", "warn,tantivy=error")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, base: format!("http://127.0.0.1:{port}") };
    let c = reqwest::blocking::Client::new();
    for _ in 0..600 {
        if c.get(format!("{}/healthz", server.base)).send().is_ok() {
            return server;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("server did not start");
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder().timeout(Duration::from_secs(60)).pool_max_idle_per_host(1).build().unwrap()
}

#[derive(Default)]
struct Samples {
    micros: Vec<u64>,
    errors: Vec<String>,
}

fn pct(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize] as f64 / 1000.0
}

/// Closed-loop searchers until `stop`; latencies in µs.
fn search_phase(
    base: &str,
    queries: &Arc<Vec<String>>,
    stop: &Arc<AtomicBool>,
) -> Vec<std::thread::JoinHandle<Samples>> {
    (0..SEARCHERS)
        .map(|i| {
            let (base, queries, stop) = (base.to_string(), queries.clone(), stop.clone());
            std::thread::spawn(move || {
                let c = client();
                let mut s = Samples::default();
                let mut n = i * 7919;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let url = format!("{base}/api/v1/search?{}", queries[n % queries.len()]);
                    let t = Instant::now();
                    match c.get(&url).send().and_then(|r| Ok((r.status(), r.bytes()?))) {
                        Ok((status, _)) if status.is_success() => s.micros.push(t.elapsed().as_micros() as u64),
                        Ok((status, body)) => {
                            s.errors.push(format!("{url}: {status} {}", String::from_utf8_lossy(&body)))
                        }
                        Err(e) => s.errors.push(format!("{url}: {e}")),
                    }
                }
                s
            })
        })
        .collect()
}

struct Writer {
    admin: String,
    translator: String,
    reviewer: String,
}

/// What a writer saw acknowledged: (concept id, English term, French term adopted).
type Acked = Vec<(String, String, Option<String>)>;

fn write_cycle(c: &reqwest::blocking::Client, base: &str, w: &Writer, tag: &str, s: &mut Samples, acked: &mut Acked) {
    let mut send = |method: &str, path: String, token: &str, body: Value| -> Option<Value> {
        let t = Instant::now();
        let r = c.request(method.parse().unwrap(), format!("{base}{path}")).bearer_auth(token).json(&body).send();
        match r {
            Ok(r) if r.status().is_success() => {
                s.micros.push(t.elapsed().as_micros() as u64);
                r.json().ok()
            }
            Ok(r) => {
                s.errors.push(format!("{method} {path}: {} {}", r.status(), r.text().unwrap_or_default()));
                None
            }
            Err(e) => {
                s.errors.push(format!("{method} {path}: {e}"));
                None
            }
        }
    };
    let term = format!("loadterm{tag} relay");
    let body = json!({"terms": [term], "definition": "A node that relays frames under load.", "sg": "SG17", "rec": "ITU-T X.1332"});
    let Some(out) = send("POST", "/api/v1/proposals".into(), &w.admin, body) else { return };
    let id = out["concept"]["id"].as_str().unwrap_or_default().to_string();
    if send("POST", format!("/api/v1/proposals/{id}/accept"), &w.admin, json!({})).is_none() {
        return;
    }
    acked.push((id.clone(), term, None));
    let fr = format!("chargeterme{tag} relais");
    let body = json!({"terms": [{"text": fr, "status": "preferred"}], "definition": "Nœud qui relaie les trames."});
    if send("PUT", format!("/api/v1/concepts/{id}/languages/fr"), &w.translator, body).is_none() {
        return;
    }
    if send("POST", format!("/api/v1/concepts/{id}/languages/fr/submit"), &w.translator, json!({})).is_none() {
        return;
    }
    if send("POST", format!("/api/v1/concepts/{id}/languages/fr/adopt"), &w.reviewer, json!({})).is_some() {
        acked.last_mut().unwrap().2 = Some(fr);
    }
}

fn summary(label: &str, s: &Samples, secs: f64) -> (f64, f64, f64) {
    let mut m = s.micros.clone();
    m.sort_unstable();
    let (p50, p95, p99) = (pct(&m, 0.5), pct(&m, 0.95), pct(&m, 0.99));
    println!(
        "{label:<28} {:>7} requests {:>7.0}/s   p50 {p50:>7.2} ms   p95 {p95:>7.2} ms   p99 {p99:>7.2} ms   errors {}",
        m.len(),
        m.len() as f64 / secs,
        s.errors.len()
    );
    (p50, p95, p99)
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\nusage: cargo bench --bench load -- [--secs S] [--concepts N]");
            std::process::exit(2);
        }
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let mut rng = ChaCha8Rng::seed_from_u64(67);
    let en = vocabulary(
        &mut rng,
        &[
            "net", "work", "rel", "ay", "dat", "a", "ser", "vice", "lin", "k", "mo", "de", "pro", "to", "col", "sig",
            "nal",
        ],
        3000,
    );
    let fr = vocabulary(
        &mut rng,
        &[
            "ré", "seau", "don", "née", "ser", "vi", "ce", "li", "ai", "son", "mo", "dè", "le", "pro", "to", "co",
            "si", "gnal",
        ],
        3000,
    );
    let mut csv = String::from("term_en,definition_en,term_fr,definition_fr\n");
    for _ in 0..args.concepts {
        let (n_en, n_fr) = (rng.gen_range(1..=3), rng.gen_range(1..=3));
        let (t_en, d_en) = (phrase(&mut rng, &en, n_en), phrase(&mut rng, &en, 14));
        let (t_fr, d_fr) = (phrase(&mut rng, &fr, n_fr), phrase(&mut rng, &fr, 14));
        csv.push_str(&format!("{},{},{},{}\n", csv_field(&t_en), csv_field(&d_en), csv_field(&t_fr), csv_field(&d_fr)));
    }
    let import_admin = cli(&dir, &["user", "add", "importer", "--role", "admin"]);
    let writers: Vec<Arc<Writer>> = (0..WRITERS)
        .map(|i| {
            Arc::new(Writer {
                admin: cli(&dir, &["user", "add", &format!("admin{i}"), "--role", "admin"]),
                translator: cli(&dir, &["user", "add", &format!("tr{i}"), "--role", "translator", "--lang", "fr"]),
                reviewer: cli(&dir, &["user", "add", &format!("rev{i}"), "--role", "reviewer", "--lang", "fr"]),
            })
        })
        .collect();
    let server = start(&dir);
    let c = client();
    let t = Instant::now();
    let r = c
        .post(format!("{}/api/v1/import?format=csv&sg=SG17&status=accepted", server.base))
        .bearer_auth(&import_admin)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .unwrap();
    assert!(r.status().is_success(), "import: {}", r.text().unwrap_or_default());
    println!("imported {} concepts (en + fr) through the API in {:.1} s", args.concepts, t.elapsed().as_secs_f64());

    // Queries: single words, two-word phrases, prefixes; English, French, or all languages.
    let mut queries = Vec::new();
    for i in 0..2000 {
        let (words, lang) = if i % 2 == 0 { (&en, "en") } else { (&fr, "fr") };
        let q = match i % 4 {
            0 | 1 => phrase(&mut rng, words, 1),
            2 => phrase(&mut rng, words, 2),
            _ => format!("{}*", &words[rng.gen_range(0..words.len())].chars().take(4).collect::<String>()),
        };
        let lang = if i % 5 == 0 { String::new() } else { format!("&lang={lang}") };
        queries.push(format!("q={}{lang}&limit=10", urlencode(&q)));
    }
    let queries = Arc::new(queries);
    let secs = args.secs as f64;
    // Warm-up.
    let stop = Arc::new(AtomicBool::new(false));
    let warm = search_phase(&server.base, &queries, &stop);
    std::thread::sleep(Duration::from_secs(3));
    stop.store(true, Ordering::Relaxed);
    warm.into_iter().for_each(|h| drop(h.join()));

    println!("\n{SEARCHERS} searchers + {WRITERS} writers, {secs:.0} s per phase, 2 cores");
    let stop = Arc::new(AtomicBool::new(false));
    let h = search_phase(&server.base, &queries, &stop);
    std::thread::sleep(Duration::from_secs(args.secs));
    stop.store(true, Ordering::Relaxed);
    let mut alone = Samples::default();
    for s in h.into_iter().map(|h| h.join().unwrap()) {
        alone.micros.extend(s.micros);
        alone.errors.extend(s.errors);
    }

    let stop = Arc::new(AtomicBool::new(false));
    let h = search_phase(&server.base, &queries, &stop);
    let w: Vec<_> = writers
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let (base, w, stop) = (server.base.clone(), w.clone(), stop.clone());
            std::thread::spawn(move || {
                let c = client();
                let (mut s, mut acked) = (Samples::default(), Acked::new());
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    write_cycle(&c, &base, &w, &format!("w{i}n{n}"), &mut s, &mut acked);
                    std::thread::sleep(WRITER_PAUSE);
                }
                (s, acked)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(args.secs));
    stop.store(true, Ordering::Relaxed);
    let mut mixed = Samples::default();
    for s in h.into_iter().map(|h| h.join().unwrap()) {
        mixed.micros.extend(s.micros);
        mixed.errors.extend(s.errors);
    }
    let (mut writes, mut acked) = (Samples::default(), Acked::new());
    for (s, a) in w.into_iter().map(|h| h.join().unwrap()) {
        writes.micros.extend(s.micros);
        writes.errors.extend(s.errors);
        acked.extend(a);
    }

    // Every acknowledged write is stored and found by search.
    let mut lost = Vec::new();
    for (id, term, fr) in &acked {
        let c1: Value =
            c.get(format!("{}/api/v1/concepts/{id}", server.base)).send().unwrap().json().unwrap_or(Value::Null);
        if c1["languages"]["en"]["terms"][0]["text"] != term.as_str() {
            lost.push(format!("{id}: English '{term}'"));
        }
        if let Some(fr) = fr {
            if c1["languages"]["fr"]["terms"][0]["text"] != fr.as_str() || c1["languages"]["fr"]["status"] != "adopted"
            {
                lost.push(format!("{id}: French '{fr}'"));
            }
        }
        let q = term.split(' ').next().unwrap();
        let s: Value =
            c.get(format!("{}/api/v1/search?q={q}", server.base)).send().unwrap().json().unwrap_or(Value::Null);
        if s["hits"][0]["id"] != id.as_str() {
            lost.push(format!("{id}: not found by search for '{q}'"));
        }
    }

    let (a50, a95, a99) = summary("search, no writes", &alone, secs);
    let (m50, m95, m99) = summary("search, with writes", &mixed, secs);
    summary("writes (each request)", &writes, secs);
    let adopted = acked.iter().filter(|a| a.2.is_some()).count();
    println!(
        "acknowledged: {} concepts proposed and accepted, {adopted} French sections adopted; lost: {}",
        acked.len(),
        lost.len()
    );
    let ratio = |m: f64, a: f64| m / a.max(1e-9);
    let (r50, r95, r99) = (ratio(m50, a50), ratio(m95, a95), ratio(m99, a99));
    println!(
        "search latency with writes / without: p50 {r50:.2}x, p95 {r95:.2}x, p99 {r99:.2}x (reported, not judged)"
    );
    let errors: Vec<&String> = alone.errors.iter().chain(&mixed.errors).chain(&writes.errors).collect();
    let mut failed = false;
    for e in errors.iter().take(10) {
        eprintln!("error: {e}");
        failed = true;
    }
    for l in lost.iter().take(10) {
        eprintln!("lost: {l}");
        failed = true;
    }
    if acked.is_empty() {
        eprintln!("no write was acknowledged");
        failed = true;
    }
    println!("{}", if failed { "LOAD: FAILED" } else { "LOAD: OK" });
    drop(server);
    if failed {
        std::process::exit(1);
    }
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).unwrap()[1..].to_string()
}
