//! Search benchmark: Hexaglot (in-process and over HTTP) against SQLite FTS5
//! on the same generated six-language data, in one run; the translator's lookups
//! (`equivalents`, `suggest`) beside the mix, with their HTTP throughput also
//! measured by Debian's `wrk` when installed (see `lookup`); then TBX export and
//! import of the same data (concepts/s and peak RSS, see `interchange`).
//!
//! ```text
//! cargo bench --bench search -- [--sizes 10k,100k,1m] [--quick] [--queries N]
//!                                [--http-secs S] [--keep] [--reuse] [--skip-kinds fuzzy]
//!                                [--no-interchange | --interchange-only]
//! ```
//!
//! Writes `target/bench/search-<size>.json` (with an `interchange` object) and
//! `target/bench/interchange-<size>.json`. See BENCHMARKS.md.

mod fts;
mod gen;
mod http;
mod interchange;
mod lookup;
mod words;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hexaglot::app::AnnotateRequest;
use hexaglot::model::Lang;
use hexaglot::search::{DateField, SearchRequest};
use hexaglot::App;
use serde::{Deserialize, Serialize};
use serde_json::json;

use gen::{Generator, Kind, Query, Targets};

const BATCH: u64 = 5_000;
/// Bumped when the generator changes, so `--reuse` does not pick up stale data.
const DATA_VERSION: u32 = 1;

type Res<T> = std::result::Result<T, Box<dyn std::error::Error>>;

struct Args {
    sizes: Vec<(String, u64)>,
    quick: bool,
    per_kind: usize,
    http_secs: f64,
    keep: bool,
    /// `--keep` given: also keep the TBX file and the import dir (`--reuse` alone keeps only the data).
    keep_interchange: bool,
    reuse: bool,
    /// Set on the child process that serves data built by its parent.
    serve_child: bool,
    /// Query kinds left out of the measurement (e.g. to see the rest without fuzzy).
    skip_kinds: Vec<Kind>,
    /// Run the TBX export/import phase after the search measurement.
    interchange: bool,
    /// Build (or reuse) and run only the interchange phase: a 1M TBX figure
    /// should not need the whole search measurement.
    interchange_only: bool,
    /// Set on the child processes that run one interchange phase.
    interchange_child: Option<interchange::Phase>,
}

fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mul) = if let Some(n) = s.strip_suffix('k') {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 1_000_000)
    } else {
        (s.as_str(), 1)
    };
    num.parse::<f64>().ok().map(|n| (n * mul as f64) as u64).filter(|n| *n >= 100)
}

const USAGE: &str = "usage: cargo bench --bench search -- [--sizes 10k,100k,1m] [--quick] [--queries N per kind] \
[--http-secs S] [--keep] [--reuse] [--skip-kinds fuzzy,...] [--no-interchange | --interchange-only]";

fn parse_args() -> std::result::Result<Args, String> {
    let mut sizes: Option<String> = None;
    let mut quick = false;
    let mut per_kind: Option<usize> = None;
    let mut http_secs: Option<f64> = None;
    let mut keep = false;
    let mut keep_interchange = false;
    let mut reuse = false;
    let mut serve_child = false;
    let mut skip_kinds = Vec::new();
    let mut no_interchange = false;
    let mut interchange_only = false;
    let mut interchange_child = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| it.next()).ok_or(format!("{name} needs a value"));
        match key.as_str() {
            "--bench" => {} // added by `cargo bench`
            "--quick" => quick = true,
            "--keep" => {
                keep = true;
                keep_interchange = true;
            }
            "--reuse" => {
                reuse = true;
                keep = true;
            }
            "--serve-child" => {
                serve_child = true;
                reuse = true;
                keep = true;
            }
            "--no-interchange" => no_interchange = true,
            "--interchange-only" => interchange_only = true,
            "--interchange-child" => {
                interchange_child = Some(interchange::Phase::parse(&value("--interchange-child")?)?);
                reuse = true;
                keep = true;
            }
            "--skip-kinds" => {
                for name in value("--skip-kinds")?.split(',').filter(|s| !s.is_empty()) {
                    let k = Kind::ALL
                        .iter()
                        .chain(&Kind::LOOKUPS)
                        .find(|k| k.name() == name.trim())
                        .ok_or(format!("unknown kind {name}"))?;
                    skip_kinds.push(*k);
                }
            }
            "--sizes" | "--size" => sizes = Some(value("--sizes")?),
            "--queries" => per_kind = Some(value("--queries")?.parse().map_err(|_| "--queries: a number")?),
            "--http-secs" => http_secs = Some(value("--http-secs")?.parse().map_err(|_| "--http-secs: a number")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other}\n{USAGE}")),
            _ => {} // a filter string from `cargo bench NAME`: ignored
        }
    }
    if no_interchange && interchange_only {
        return Err(format!("--no-interchange and --interchange-only exclude each other\n{USAGE}"));
    }
    let sizes = sizes.unwrap_or_else(|| if quick { "10k".into() } else { "10k,100k".into() });
    let sizes = sizes
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            parse_size(s).map(|n| (s.trim().to_ascii_lowercase(), n)).ok_or(format!("bad size '{s}' (e.g. 10k, 1m)"))
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(Args {
        sizes,
        quick,
        // 600 per kind: 3,600 queries, 10,800 timings in three passes, so p99.9 is the 11th slowest.
        per_kind: per_kind.unwrap_or(if quick { 40 } else { 600 }),
        http_secs: http_secs.unwrap_or(if quick { 4.0 } else { 15.0 }),
        keep,
        keep_interchange,
        reuse,
        serve_child,
        skip_kinds,
        interchange: !no_interchange,
        interchange_only,
        interchange_child,
    })
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn proc_status_kb(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines().find(|l| l.starts_with(key))?.split_whitespace().nth(1)?.parse().ok()
}

/// Resets VmHWM to the current RSS (Linux: `echo 5 > /proc/self/clear_refs`).
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peaks of anonymous memory (heap: what we hold) and of mapped files (index
/// segments and SQLite pages the kernel may drop) while it runs: VmHWM alone
/// cannot tell them apart. Samples `/proc/self/status` every 20 ms.
struct RssSampler {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<RssPeaks>>,
}

#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
struct RssPeaks {
    anon_mib: f64,
    file_mib: f64,
}

impl RssSampler {
    fn start() -> RssSampler {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut peaks = RssPeaks::default();
            loop {
                let kb = |k| proc_status_kb(k).unwrap_or(0) as f64 / 1024.0;
                peaks.anon_mib = peaks.anon_mib.max(kb("RssAnon:"));
                peaks.file_mib = peaks.file_mib.max(kb("RssFile:"));
                if flag.load(std::sync::atomic::Ordering::Relaxed) {
                    return peaks;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        });
        RssSampler { stop, thread: Some(thread) }
    }

    fn finish(mut self) -> RssPeaks {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.take().and_then(|t| t.join().ok()).unwrap_or_default()
    }
}

fn dir_bytes(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else { return 0 };
    rd.flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn file_bytes(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

fn segments(index_dir: &Path) -> usize {
    tantivy::Index::open_in_dir(index_dir).and_then(|i| i.searchable_segment_metas()).map(|s| s.len()).unwrap_or(0)
}

/// The index's bytes by component, summed over its segments, and for the
/// per-field components the largest fields: where the index's size (and what
/// a server maps of it) comes from.
fn index_space(index_dir: &Path) -> Res<serde_json::Value> {
    let index = tantivy::Index::open_in_dir(index_dir)?;
    let usage = index.reader()?.searcher().space_usage()?;
    let mut total: BTreeMap<&str, u64> = BTreeMap::new();
    let mut fields: BTreeMap<&str, BTreeMap<String, u64>> = BTreeMap::new();
    for seg in usage.segments() {
        let per_field = [
            ("termdict", seg.termdict()),
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("fieldnorms", seg.fieldnorms()),
            ("fast_fields", seg.fast_fields()),
        ];
        for (name, part) in per_field {
            *total.entry(name).or_default() += part.total().get_bytes();
            for f in part.fields() {
                *fields.entry(name).or_default().entry(f.field_name().to_string()).or_default() +=
                    f.total().get_bytes();
            }
        }
        *total.entry("store").or_default() += seg.store().total().get_bytes();
        *total.entry("deletes").or_default() += seg.deletes().get_bytes();
    }
    let top = |m: &BTreeMap<String, u64>| {
        let mut v: Vec<(&String, &u64)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1));
        v.into_iter().take(12).map(|(k, b)| json!({"field": k, "mib": mib(*b)})).collect::<Vec<_>>()
    };
    Ok(json!({
        "segments": usage.segments().len(),
        "mib": total.iter().map(|(k, b)| (k.to_string(), json!(mib(*b)))).collect::<serde_json::Map<_, _>>(),
        "fields_with_norms": fields.get("fieldnorms").map_or(0, |m| m.values().filter(|b| **b > 0).count()),
        "largest_fields": fields.iter().map(|(k, m)| (k.to_string(), json!(top(m)))).collect::<serde_json::Map<_, _>>(),
    }))
}

fn mib(b: u64) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
struct BuildStats {
    concepts: u64,
    generate_s: f64,
    hexaglot_import_s: f64,
    hexaglot_index_s: f64,
    merge_settle_s: f64,
    fts_insert_s: f64,
    fts_optimize_s: f64,
    segments_after_reindex: usize,
    peak_rss_build_mib: f64,
}

#[derive(Serialize, Deserialize)]
struct State {
    version: u32,
    concepts: u64,
    per_kind: usize,
    build: BuildStats,
    queries: Vec<Query>,
    #[serde(default)]
    word_lists: serde_json::Value,
    /// Words at gen::BROAD_RANKS of each language.
    #[serde(default)]
    broad_words: Vec<(Lang, String)>,
    /// Whether the FTS5 baseline was loaded (an `--interchange-only` build skips it).
    #[serde(default = "yes")]
    fts: bool,
}

fn yes() -> bool {
    true
}

fn progress(label: &str, done: u64, total: u64, t: Instant) {
    eprint!("\r  {label}: {done}/{total} ({:.0}/s)      ", done as f64 / t.elapsed().as_secs_f64().max(1e-9));
}

/// Generates `n` concepts into Hexaglot (store, then index) and, with `with_fts`, FTS5
/// (only the search comparison needs it; at 1M it is a quarter of the build time).
fn build(
    dir: &Path,
    n: u64,
    per_kind: usize,
    vocabs: &[(Lang, words::Vocab)],
    with_fts: bool,
) -> Res<(BuildStats, Vec<Query>)> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let app = App::open(dir)?;
    let mut fts_conn = if with_fts { Some(fts::create(&dir.join("fts5.db"))?) } else { None };
    let mut gen = Generator::new(vocabs);
    let mut targets = Targets::new(n, per_kind);
    let mut st = BuildStats { concepts: n, ..Default::default() };
    let t_all = Instant::now();
    let mut done = 0u64;
    while done < n {
        let b = BATCH.min(n - done);
        let t = Instant::now();
        let batch: Vec<_> = (0..b).map(|_| gen.next_concept()).collect();
        st.generate_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let news: Vec<_> = batch.iter().map(|c| c.to_new()).collect();
        let ids: Vec<i64> = app.bulk_load("bench", &news)?.into_iter().map(|id| id.0).collect();
        st.hexaglot_import_s += t.elapsed().as_secs_f64();
        for (j, (c, id)) in batch.iter().zip(&ids).enumerate() {
            targets.offer(done + j as u64, c, *id);
        }
        if let Some(conn) = fts_conn.as_mut() {
            let t = Instant::now();
            fts::insert_batch(conn, &batch, &ids)?;
            st.fts_insert_s += t.elapsed().as_secs_f64();
        }
        done += b;
        progress("import", done, n, t_all);
    }
    eprintln!();
    drop(gen);
    if let Some(conn) = fts_conn.take() {
        let t = Instant::now();
        fts::optimize(&conn)?;
        st.fts_optimize_s = t.elapsed().as_secs_f64();
    }
    // Indexed as `hexaglot reindex` does: the directory opened again for a rebuild.
    drop(app);
    let t = Instant::now();
    let app = App::open_for_reindex(dir)?;
    let t2 = Instant::now();
    app.reindex(&|d, total| progress("index", d, total, t2))?;
    eprintln!();
    st.hexaglot_index_s = t.elapsed().as_secs_f64();
    let index_dir = dir.join("index");
    st.segments_after_reindex = segments(&index_dir);
    // Background merges: dropping the app drops the index writer, which abandons a merge
    // still running, and the measuring process would search every segment left. Waits as
    // `hexaglot reindex` does, until the merge policy has nothing left to merge.
    let t = Instant::now();
    app.wait_for_index_merges(hexaglot::search::MERGE_PATIENCE, &|n| eprint!("\r  merging: {n} segments   "))?;
    eprintln!();
    st.merge_settle_s = t.elapsed().as_secs_f64();
    drop(app);
    st.peak_rss_build_mib = proc_status_kb("VmHWM:").unwrap_or(0) as f64 / 1024.0;
    let mut queries = targets.queries;
    queries.sort_by_key(|q| q.kind);
    Ok((st, queries))
}

fn broad_words(vocabs: &[(Lang, words::Vocab)]) -> Vec<(Lang, String)> {
    vocabs
        .iter()
        .flat_map(|(l, v)| gen::BROAD_RANKS.iter().filter_map(|r| v.words.get(*r)).map(|w| (*l, w.clone())))
        .collect()
}

fn request(q: &Query) -> SearchRequest {
    let mut r = SearchRequest::new(q.q.clone());
    r.langs = q.lang.into_iter().collect();
    r.field = q.field.parse().expect("field");
    r.mode = q.mode.parse().expect("mode");
    r.sg = q.sg.as_deref().map(|s| s.parse().expect("sg"));
    r.date_field = DateField::Accepted;
    r.from = q.start_epoch();
    r.to = q.end_epoch();
    r.limit = 10;
    r.public_only = true;
    // What the API does by default: no facets, the total counted up to 10,000.
    r.facets = false;
    r
}

/// `request` with the facets, which visit every match (what the API did before issue 17).
fn request_with_facets(q: &Query) -> SearchRequest {
    SearchRequest { facets: true, ..request(q) }
}

fn http_path(q: &Query) -> String {
    let mut p: Vec<(&str, String)> =
        vec![("q", q.q.clone()), ("field", q.field.clone()), ("mode", q.mode.clone()), ("limit", "10".into())];
    if let Some(l) = q.lang {
        p.push(("lang", l.code().into()));
    }
    if let Some(sg) = &q.sg {
        p.push(("sg", sg.clone()));
    }
    if q.from.is_some() {
        p.push(("date_field", "accepted".into()));
        p.push(("from", q.from.clone().unwrap()));
        p.push(("to", q.to.clone().unwrap()));
    }
    format!("/api/v1/search?{}", serde_urlencoded::to_string(&p).expect("urlencode"))
}

#[derive(Debug, Clone, Serialize, Default)]
struct Lat {
    n: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    p999_ms: f64,
    mean_ms: f64,
    max_ms: f64,
}

fn lat(mut us: Vec<u64>) -> Lat {
    if us.is_empty() {
        return Lat::default();
    }
    us.sort_unstable();
    let pct = |p: f64| us[((p * us.len() as f64).ceil() as usize).clamp(1, us.len()) - 1] as f64 / 1000.0;
    Lat {
        n: us.len(),
        p50_ms: pct(0.50),
        p95_ms: pct(0.95),
        p99_ms: pct(0.99),
        p999_ms: pct(0.999),
        mean_ms: us.iter().sum::<u64>() as f64 / us.len() as f64 / 1000.0,
        max_ms: *us.last().unwrap() as f64 / 1000.0,
    }
}

struct KindRow {
    hx: Lat,
    fts: Lat,
    hx_recall: f64,
    fts_recall: f64,
    hx_avg_total: f64,
    http1: Lat,
    http16: Lat,
}

/// The term dictionary's entries and heap bytes, as `/metrics` reports them (0 before it is built).
fn dictionary_size(app: &App) -> (u64, u64) {
    let text = app.render_metrics().unwrap_or_default();
    let gauge = |name: &str| {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .find_map(|l| {
                let (k, v) = l.split_once(' ')?;
                k.ends_with(name).then(|| v.trim().parse::<f64>().ok()).flatten()
            })
            .unwrap_or(0.0) as u64
    };
    (gauge("recognizer_entries"), gauge("recognizer_bytes"))
}

fn machine() -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse::<u64>().ok()))
        .unwrap_or(0);
    json!({
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "cpu": cpu,
        "mem_gib": (mem as f64 / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        "os": std::env::consts::OS,
    })
}

/// File-name suffix of the search report (`-without-fuzzy` with `--skip-kinds fuzzy`).
fn report_suffix(args: &Args) -> String {
    if args.skip_kinds.is_empty() {
        String::new()
    } else {
        format!("-without-{}", args.skip_kinds.iter().map(|k| k.name()).collect::<Vec<_>>().join("-"))
    }
}

fn run_size(args: &Args, label: &str, n: u64, vocabs: &[(Lang, words::Vocab)], sources: &serde_json::Value) -> Res<()> {
    let root = target_dir().join("bench");
    std::fs::create_dir_all(&root)?;
    let dir = root.join(format!("data-{label}"));
    if let Some(phase) = args.interchange_child {
        return interchange::child(phase, &root, label, &dir);
    }
    let state_file = dir.join("bench-state.json");
    if !args.serve_child {
        println!("\n=== Hexaglot search benchmark: {n} concepts ({label}) ===");
    }
    let reusable = std::fs::read(&state_file).ok().and_then(|b| serde_json::from_slice::<State>(&b).ok()).filter(|s| {
        // The query set does not matter to the interchange phase.
        args.reuse
            && s.version == DATA_VERSION
            && s.concepts == n
            && (s.per_kind == args.per_kind || args.interchange_only)
            && (s.fts || args.interchange_only)
    });
    let (state, built) = match reusable {
        Some(s) => {
            if !args.serve_child {
                println!("reusing {} (built earlier; build figures are from that run)", dir.display());
            }
            (s, false)
        }
        None if args.serve_child => return Err(format!("no usable build in {}", dir.display()).into()),
        None => {
            println!("generating {n} concepts x 6 languages into {}", dir.display());
            let (build, queries) = build(&dir, n, args.per_kind, vocabs, !args.interchange_only)?;
            let s = State {
                version: DATA_VERSION,
                concepts: n,
                per_kind: args.per_kind,
                build,
                queries,
                word_lists: sources.clone(),
                broad_words: broad_words(vocabs),
                fts: !args.interchange_only,
            };
            std::fs::write(&state_file, serde_json::to_vec(&s)?)?;
            (s, true)
        }
    };
    if args.serve_child {
        return measure(args, label, n, &root, &dir, state);
    }
    let result = measure_and_exchange(args, label, n, &root, &dir, state, built);
    if !args.keep {
        std::fs::remove_dir_all(&dir)?;
    }
    result
}

/// The parent's part after the build: search (unless `--interchange-only`),
/// then the interchange phase (unless `--no-interchange`).
fn measure_and_exchange(
    args: &Args,
    label: &str,
    n: u64,
    root: &Path,
    dir: &Path,
    state: State,
    built: bool,
) -> Res<()> {
    if !args.interchange_only {
        if built {
            // Serve from a fresh process, so that its peak RSS is the serving peak
            // and not what the allocator kept from the build.
            println!("build done; measuring in a fresh process");
            let mut cmd = std::process::Command::new(std::env::current_exe()?);
            cmd.args(["--sizes", label, "--serve-child", "--queries", &args.per_kind.to_string()]);
            cmd.args(["--http-secs", &args.http_secs.to_string()]);
            if args.quick {
                cmd.arg("--quick");
            }
            if !args.skip_kinds.is_empty() {
                let names: Vec<&str> = args.skip_kinds.iter().map(|k| k.name()).collect();
                cmd.args(["--skip-kinds", &names.join(",")]);
            }
            let status = cmd.status()?;
            if !status.success() {
                return Err(format!("measuring process failed: {status}").into());
            }
        } else {
            measure(args, label, n, root, dir, state)?;
        }
    }
    if !args.interchange {
        return Ok(());
    }
    // After the search, so that the search figures are taken right after the build as before.
    println!("\n--- interchange (TBX export, then import into a fresh data dir; each in a fresh process) ---");
    let outcome = interchange::run(root, label, args.keep_interchange, dir, !args.keep)?;
    outcome.print();
    let targets = outcome.targets();
    println!("\ntargets (set for 100k and 1M concepts; at {label} they are indicative):");
    for (name, ok, v) in &targets {
        println!("  [{}] {name}: {v}", if *ok { "met" } else { "MISSED" });
    }
    let mut standalone = json!({ "size": label, "concepts": n, "machine": machine() });
    standalone["interchange"] = outcome.json();
    let out = root.join(format!("interchange-{label}.json"));
    std::fs::write(&out, serde_json::to_vec_pretty(&standalone)?)?;
    println!("\nwrote {}", out.display());
    if !args.interchange_only {
        // Into the search report just written, with its targets next to the search ones.
        let path = root.join(format!("search-{label}{}.json", report_suffix(args)));
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut report: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        report["interchange"] = outcome.json();
        if let Some(list) = report["targets"].as_array_mut() {
            list.extend(targets.iter().map(|(name, ok, v)| json!({"target": name, "met": ok, "value": v})));
        }
        std::fs::write(&path, serde_json::to_vec_pretty(&report)?)?;
        println!("updated {}", path.display());
    }
    Ok(())
}

/// The search measurement on the data in `dir`; writes `search-<size>.json`.
fn measure(args: &Args, label: &str, n: u64, root: &Path, dir: &Path, state: State) -> Res<()> {
    let skip = |k: Kind| args.skip_kinds.contains(&k);
    let mut state = state;
    if state.broad_words.is_empty() {
        // A build from before `broad` existed: the words come from the word lists.
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
        if let Ok(v) = words::load_all(&seeds) {
            state.broad_words = broad_words(&v);
            if state.word_lists.is_null() {
                state.word_lists = v
                    .iter()
                    .map(|(l, v)| (l.code().to_string(), json!({"source": v.source, "words": v.words.len()})))
                    .collect::<serde_json::Map<_, _>>()
                    .into();
            }
        }
    }
    let broad: Vec<Query> = state.broad_words.iter().map(|(l, w)| gen::broad_query(*l, w)).collect();
    let b = &state.build;
    let queries: Vec<Query> = state.queries.iter().filter(|q| !skip(q.kind)).cloned().collect();
    let queries = &queries;

    // ---- serving: from here the peak RSS is the serving peak.
    let rss_reset = reset_peak_rss();
    let serve_split = RssSampler::start();
    let t = Instant::now();
    let app = App::open(dir)?;
    let open_s = t.elapsed().as_secs_f64();
    let index_bytes = dir_bytes(&dir.join("index"));
    let db_bytes = file_bytes(&dir.join("hexaglot.db")) + file_bytes(&dir.join("hexaglot.db-wal"));
    let fts_bytes = file_bytes(&dir.join("fts5.db")) + file_bytes(&dir.join("fts5.db-wal"));
    let segs = segments(&dir.join("index"));
    let num_docs = app.index_docs()?;
    // The term dictionary, built as `serve` builds it (a background thread), then waited for
    // by a first annotation (which waits for the build under way): part of the serving peak.
    let t = Instant::now();
    app.follow_changes(Duration::from_millis(500));
    let probe = AnnotateRequest { text: "term".into(), lang: Some(Lang::En), to: None, pending: false };
    app.annotate(None, probe)?;
    let dict_s = t.elapsed().as_secs_f64();
    let (dict_entries, dict_bytes) = dictionary_size(&app);
    let lookups: Vec<lookup::Lookup> =
        lookup::queries(&app, &state.queries, args.per_kind)?.into_iter().filter(|l| !skip(l.kind)).collect();
    let lookup_kinds: Vec<Kind> =
        Kind::LOOKUPS.iter().copied().filter(|k| lookups.iter().any(|l| l.kind == *k)).collect();

    let kinds: Vec<Kind> = Kind::ALL.iter().copied().filter(|k| queries.iter().any(|q| q.kind == *k)).collect();
    let passes = if args.quick { 1 } else { 3 };

    // In-process Hexaglot.
    let reqs: Vec<SearchRequest> = queries.iter().map(request).collect();
    let mut hx_us: BTreeMap<Kind, Vec<u64>> = BTreeMap::new();
    let mut hx_hit: BTreeMap<Kind, (usize, u64)> = BTreeMap::new();
    let mut slow: Vec<(u64, usize, u64)> = Vec::new(); // (µs, query index, total)
                                                       // Per query: the target in Hexaglot's top 10, and the total (pass 0), to list what FTS5 finds and it does not.
    let mut hx_found: Vec<(bool, u64)> = vec![(false, 0); queries.len()];
    for r in &reqs {
        app.search(r)?; // warm-up
    }
    for pass in 0..passes {
        for (i, (q, r)) in queries.iter().zip(&reqs).enumerate() {
            let t = Instant::now();
            let res = app.search(r)?;
            let us = t.elapsed().as_micros() as u64;
            hx_us.entry(q.kind).or_default().push(us);
            slow.push((us, i, res.total));
            if pass == 0 {
                let found = res.hits.iter().take(10).any(|h| h.id.0 == q.target);
                hx_found[i] = (found, res.total);
                let e = hx_hit.entry(q.kind).or_default();
                e.0 += found as usize;
                e.1 += res.total;
            }
        }
    }

    let by_lang_of = |samples: &[(u64, usize)]| {
        let mut m: BTreeMap<(Kind, Lang), Vec<u64>> = BTreeMap::new();
        for (us, i) in samples {
            m.entry((queries[*i].kind, queries[*i].text_lang)).or_default().push(*us);
        }
        m
    };
    let hx_by_lang = by_lang_of(&slow.iter().map(|(us, i, _)| (*us, *i)).collect::<Vec<_>>());
    let lk_hx = lookup::time(&lookups, passes, |l| lookup::hexaglot(&app, l))?;
    slow.sort_unstable_by(|a, b| b.cmp(a));
    slow.truncate(15);
    // FTS5 baseline.
    let fconn = fts::open(&dir.join("fts5.db"))?;
    let mut fts_us: BTreeMap<Kind, Vec<u64>> = BTreeMap::new();
    let mut fts_hit: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut fts_all: Vec<(u64, usize)> = Vec::new();
    let mut behind_fts: Vec<usize> = Vec::new(); // query indexes
    for q in queries {
        fts::search(&fconn, &q.fts)?;
    }
    for pass in 0..passes {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let ids = fts::search(&fconn, &q.fts)?;
            let us = t.elapsed().as_micros() as u64;
            fts_us.entry(q.kind).or_default().push(us);
            fts_all.push((us, i));
            if pass == 0 {
                let found = ids.contains(&q.target);
                *fts_hit.entry(q.kind).or_default() += found as usize;
                if found && !hx_found[i].0 {
                    behind_fts.push(i);
                }
            }
        }
    }
    let fts_by_lang = by_lang_of(&fts_all);
    let lk_fts = lookup::time(&lookups, passes, |l| lookup::fts5(&fconn, l))?;
    // Side measurement: frequent single words (no target; cost vs number of matches).
    let mut broad_rows = Vec::new();
    for q in &broad {
        let r = request(q);
        let rf = request_with_facets(q);
        // The exact number of matching concepts (the default answer stops counting at 10,000).
        let total = app.search(&rf)?.total;
        fts::search(&fconn, &q.fts)?;
        let (mut hx, mut hxf, mut ft) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..passes.max(3) {
            let t = Instant::now();
            app.search(&r)?;
            hx.push(t.elapsed().as_micros() as u64);
            let t = Instant::now();
            app.search(&rf)?;
            hxf.push(t.elapsed().as_micros() as u64);
            let t = Instant::now();
            fts::search(&fconn, &q.fts)?;
            ft.push(t.elapsed().as_micros() as u64);
        }
        broad_rows.push((q.text_lang, q.q.clone(), total, lat(hx), lat(ft), lat(hxf)));
    }
    drop(fconn);

    // HTTP.
    let server = http::Server::start(app.clone())?;
    let paths: Vec<(Option<Kind>, String)> = queries.iter().map(|q| (Some(q.kind), http_path(q))).collect();
    // Sanity: the HTTP answer is the in-process one.
    {
        let c = reqwest::blocking::Client::new();
        for k in &kinds {
            let (i, q) = queries.iter().enumerate().find(|(_, q)| q.kind == *k).unwrap();
            let v: serde_json::Value = c.get(format!("http://{}{}", server.addr, paths[i].1)).send()?.json()?;
            let in_proc = app.search(&reqs[i])?.total;
            if v["total"].as_u64() != Some(in_proc) {
                eprintln!("warning: {} over HTTP total {} != in-process {in_proc} ({})", k.name(), v["total"], q.q);
            }
        }
    }
    let max_t = Duration::from_secs_f64(args.http_secs);
    // The kinds interleaved (the queries are sorted by kind): a load cut short by `--http-secs`
    // still covers every kind.
    let paths: Vec<(Option<Kind>, String)> = {
        let mut by_kind: Vec<std::collections::VecDeque<(Option<Kind>, String)>> =
            kinds.iter().map(|k| paths.iter().filter(|(pk, _)| *pk == Some(*k)).cloned().collect()).collect();
        let mut out = Vec::with_capacity(paths.len());
        while by_kind.iter().any(|q| !q.is_empty()) {
            for q in by_kind.iter_mut() {
                out.extend(q.pop_front());
            }
        }
        out
    };
    let _ = http::load(server.addr, &paths, 4, paths.len(), max_t); // warm-up
    let h1 = http::load(server.addr, &paths, 1, paths.len() * 2, max_t);
    let h16 = http::load(server.addr, &paths, 16, paths.len() * 20, max_t);
    let health = http::load(server.addr, &[(None, "/healthz".to_string())], 16, 2_000_000, max_t);
    // The lookups alone: each endpoint with the bench's client, then with wrk (outside this process).
    let wrk_tmp = std::env::temp_dir().join(format!("hexaglot-search-bench-{}", std::process::id()));
    let mut lk_http: BTreeMap<Kind, (http::LoadResult, http::LoadResult, Result<http::WrkResult, String>)> =
        BTreeMap::new();
    for &k in &lookup_kinds {
        let of_kind: Vec<&lookup::Lookup> = lookups.iter().filter(|l| l.kind == k).collect();
        let paths: Vec<(Option<Kind>, String)> = of_kind.iter().map(|l| (Some(k), lookup::http_path(l))).collect();
        {
            // Sanity: the HTTP answer is the in-process one.
            let (l, path) = (of_kind[0], &paths[0].1);
            let v: serde_json::Value =
                reqwest::blocking::get(format!("http://{}{}", server.addr, path))?.error_for_status()?.json()?;
            let over_http = v["matches"].as_array().or(v["suggestions"].as_array()).map_or(0, Vec::len);
            let in_proc = lookup::hexaglot(&app, l)?.len();
            if over_http != in_proc {
                eprintln!("warning: {} over HTTP {over_http} answers != in-process {in_proc} ({})", k.name(), l.q);
            }
        }
        let _ = http::load(server.addr, &paths, 4, paths.len(), max_t); // warm-up
        let one = http::load(server.addr, &paths, 1, paths.len(), max_t);
        let sixteen = http::load(server.addr, &paths, 16, paths.len() * 1_000, max_t);
        let just_paths: Vec<String> = paths.into_iter().map(|p| p.1).collect();
        let wrk = http::wrk(server.addr, &just_paths, args.http_secs, &wrk_tmp, k.name());
        lk_http.insert(k, (one, sixteen, wrk));
    }
    let health_wrk = if lookup_kinds.is_empty() {
        Err("no lookup kind measured".to_string())
    } else {
        http::wrk(server.addr, &["/healthz".to_string()], args.http_secs, &wrk_tmp, "healthz")
    };
    let _ = std::fs::remove_dir_all(&wrk_tmp);
    server.stop();
    let rss_now = proc_status_kb("VmRSS:").unwrap_or(0) as f64 / 1024.0;
    let serve_peak = proc_status_kb("VmHWM:").unwrap_or(0) as f64 / 1024.0;
    let serve_split = serve_split.finish();
    drop(app);
    // After the serving peak was read: this opens the index once more.
    let space = index_space(&dir.join("index")).unwrap_or_else(|e| json!({ "error": e.to_string() }));
    println!("index space by component (MiB): {}", space["mib"]);

    let by_kind =
        |r: &http::LoadResult, k: Kind| r.samples.iter().filter(|s| s.0 == Some(k)).map(|s| s.1).collect::<Vec<_>>();
    let mut rows: BTreeMap<Kind, KindRow> = BTreeMap::new();
    for &k in &kinds {
        let nq = queries.iter().filter(|q| q.kind == k).count().max(1) as f64;
        rows.insert(
            k,
            KindRow {
                hx: lat(hx_us[&k].clone()),
                fts: lat(fts_us[&k].clone()),
                hx_recall: hx_hit[&k].0 as f64 / nq,
                fts_recall: fts_hit[&k] as f64 / nq,
                hx_avg_total: hx_hit[&k].1 as f64 / nq,
                http1: lat(by_kind(&h1, k)),
                http16: lat(by_kind(&h16, k)),
            },
        );
    }
    let all_hx = lat(hx_us.values().flatten().copied().collect());
    let all_fts = lat(fts_us.values().flatten().copied().collect());
    let all_h1 = lat(h1.samples.iter().map(|s| s.1).collect());
    let all_h16 = lat(h16.samples.iter().map(|s| s.1).collect());
    let hx_recall_all = hx_hit.values().map(|v| v.0).sum::<usize>() as f64 / queries.len().max(1) as f64;
    let fts_recall_all = fts_hit.values().sum::<usize>() as f64 / queries.len().max(1) as f64;
    let http_ratio = h16.rps() / health.rps().max(1e-9);
    let mut lookup_rows: BTreeMap<Kind, KindRow> = BTreeMap::new();
    for &k in &lookup_kinds {
        let (hx, ft) = (&lk_hx[&k], &lk_fts[&k]);
        let nq = lookups.iter().filter(|l| l.kind == k).count().max(1) as f64;
        let (one, sixteen, _) = &lk_http[&k];
        lookup_rows.insert(
            k,
            KindRow {
                hx: lat(hx.us.clone()),
                fts: lat(ft.us.clone()),
                hx_recall: hx.hits as f64 / nq,
                fts_recall: ft.hits as f64 / nq,
                hx_avg_total: hx.answers as f64 / nq,
                http1: lat(one.samples.iter().map(|s| s.1).collect()),
                http16: lat(sixteen.samples.iter().map(|s| s.1).collect()),
            },
        );
    }
    // p50 by language of exact and of the lookups: (kind, lang) -> (hexaglot, fts5).
    let mut fast_by_lang: BTreeMap<(Kind, Lang), (f64, f64)> = BTreeMap::new();
    for l in Lang::ALL {
        if let (Some(h), Some(f)) = (hx_by_lang.get(&(Kind::Exact, l)), fts_by_lang.get(&(Kind::Exact, l))) {
            fast_by_lang.insert((Kind::Exact, l), (lat(h.clone()).p50_ms, lat(f.clone()).p50_ms));
        }
        for &k in &lookup_kinds {
            if let (Some(h), Some(f)) = (lk_hx[&k].by_lang.get(&l), lk_fts[&k].by_lang.get(&l)) {
                fast_by_lang.insert((k, l), (lat(h.clone()).p50_ms, lat(f.clone()).p50_ms));
            }
        }
    }
    let wrk_skipped = lk_http.values().find_map(|(_, _, w)| w.as_ref().err()).or(health_wrk.as_ref().err()).cloned();

    // ---- report
    let ingest_rate = n as f64 / (b.hexaglot_import_s + b.hexaglot_index_s);
    println!("machine: {}", machine());
    println!(
        "build:  import {:.1}s ({:.0} concepts/s)  index {:.1}s ({:.0} concepts/s)  => {:.0} concepts/s end to end; \
         generator {:.1}s; merges settled {:.1}s",
        b.hexaglot_import_s,
        n as f64 / b.hexaglot_import_s,
        b.hexaglot_index_s,
        n as f64 / b.hexaglot_index_s,
        ingest_rate,
        b.generate_s,
        b.merge_settle_s
    );
    println!(
        "        FTS5 insert {:.1}s + optimize {:.1}s ({:.0} concepts/s)",
        b.fts_insert_s,
        b.fts_optimize_s,
        n as f64 / (b.fts_insert_s + b.fts_optimize_s)
    );
    println!(
        "sizes:  tantivy index {:.1} MiB ({} docs, {} segments; {} right after reindex)  SQLite store {:.1} MiB  FTS5 file {:.1} MiB",
        mib(index_bytes),
        num_docs,
        segs,
        b.segments_after_reindex,
        mib(db_bytes),
        mib(fts_bytes)
    );
    println!(
        "memory: peak RSS building {:.0} MiB; serving peak {:.0} MiB{} (RSS at end {:.0} MiB); open+catch-up {:.2}s",
        b.peak_rss_build_mib,
        serve_peak,
        if rss_reset { "" } else { " (could not reset VmHWM: includes the build)" },
        rss_now,
        open_s
    );
    println!(
        "        term dictionary built in {dict_s:.2}s ({dict_entries} entries, {:.0} MiB heap), before measuring: \
         in the serving peak",
        mib(dict_bytes)
    );
    println!(
        "        serving peaks apart: anonymous {:.0} MiB (what the process holds), mapped files {:.0} MiB (index and \
         SQLite pages the kernel may drop)",
        serve_split.anon_mib, serve_split.file_mib
    );
    println!(
        "\nlatency ms (p50/p95/p99, in-process also p99.9); {} queries per kind, {passes} pass(es) in-process; \
         recall@10 = target concept in the top 10; requests as the API's defaults (no facets, total counted up to {})",
        args.per_kind,
        hexaglot::search::EXACT_TOTAL
    );
    println!(
        "{:<11}| {:>26} | {:>20} | {:>7} {:>7} | {:>6} {:>6} | {:>8} | {:>20} | {:>20}",
        "kind",
        "hexaglot in-proc",
        "fts5",
        "ratio50",
        "ratio99",
        "rec.hx",
        "rec.ft",
        "avg.hits",
        "http 1 client",
        "http 16 clients"
    );
    let f3 = |l: &Lat| format!("{:.2}/{:.2}/{:.2}", l.p50_ms, l.p95_ms, l.p99_ms);
    let f4 = |l: &Lat| format!("{:.2}/{:.2}/{:.2}/{:.2}", l.p50_ms, l.p95_ms, l.p99_ms, l.p999_ms);
    for (k, r) in &rows {
        println!(
            "{:<11}| {:>26} | {:>20} | {:>7.2} {:>7.2} | {:>6.2} {:>6.2} | {:>8.0} | {:>20} | {:>20}",
            k.name(),
            f4(&r.hx),
            f3(&r.fts),
            r.hx.p50_ms / r.fts.p50_ms.max(1e-6),
            r.hx.p99_ms / r.fts.p99_ms.max(1e-6),
            r.hx_recall,
            r.fts_recall,
            r.hx_avg_total,
            f3(&r.http1),
            f3(&r.http16)
        );
    }
    println!(
        "{:<11}| {:>26} | {:>20} | {:>7.2} {:>7.2} | {:>6.2} {:>6.2} | {:>8} | {:>20} | {:>20}",
        "ALL",
        f4(&all_hx),
        f3(&all_fts),
        all_hx.p50_ms / all_fts.p50_ms.max(1e-6),
        all_hx.p99_ms / all_fts.p99_ms.max(1e-6),
        hx_recall_all,
        fts_recall_all,
        "",
        f3(&all_h1),
        f3(&all_h16)
    );
    if !lookup_rows.is_empty() {
        println!(
            "\nlookups beside the mix (not in ALL nor in its HTTP load; each endpoint alone over HTTP); recall = target \
             among the answers (10 matches, 8 suggestions); avg.ans = answers"
        );
        println!(
            "{:<11}| {:>26} | {:>26} | {:>7} {:>7} | {:>6} {:>6} | {:>8} | {:>20} | {:>20}",
            "kind",
            "hexaglot in-proc",
            "fts5",
            "ratio50",
            "ratio99",
            "rec.hx",
            "rec.ft",
            "avg.ans",
            "http 1 client",
            "http 16 clients"
        );
    }
    for (k, r) in &lookup_rows {
        println!(
            "{:<11}| {:>26} | {:>26} | {:>7.2} {:>7.2} | {:>6.2} {:>6.2} | {:>8.1} | {:>20} | {:>20}",
            k.name(),
            f4(&r.hx),
            f4(&r.fts),
            r.hx.p50_ms / r.fts.p50_ms.max(1e-6),
            r.hx.p99_ms / r.fts.p99_ms.max(1e-6),
            r.hx_recall,
            r.fts_recall,
            r.hx_avg_total,
            f3(&r.http1),
            f3(&r.http16)
        );
    }
    if !fast_by_lang.is_empty() {
        println!("p50 ms by language, hexaglot/fts5 (ratio):");
        for k in [Kind::Exact].iter().chain(&lookup_kinds) {
            let cells: Vec<String> = Lang::ALL
                .iter()
                .filter_map(|l| {
                    let (h, f) = fast_by_lang.get(&(*k, *l))?;
                    Some(format!("{} {h:.3}/{f:.3} ({:.2})", l.code(), h / f.max(1e-6)))
                })
                .collect();
            if !cells.is_empty() {
                println!("  {:<11} {}", k.name(), cells.join("  "));
            }
        }
    }
    println!(
        "\nHTTP throughput (16 clients, {:.0}s max): search {:.0} req/s, /healthz {:.0} req/s => {:.0}% of the ceiling; \
         1 client: {:.0} req/s; errors {}/{}/{}",
        args.http_secs,
        h16.rps(),
        health.rps(),
        http_ratio * 100.0,
        h1.rps(),
        h1.errors,
        h16.errors,
        health.errors
    );
    for (k, (_, sixteen, _)) in &lk_http {
        println!(
            "  /{} alone (16 clients, same client): {:.0} req/s => {:.0}% of /healthz; errors {}",
            k.name(),
            sixteen.rps(),
            sixteen.rps() / health.rps().max(1e-9) * 100.0,
            sixteen.errors
        );
    }
    match (&wrk_skipped, &health_wrk) {
        (Some(why), _) => println!("  wrk: skipped ({why})"),
        (None, Ok(hw)) => {
            let secs = args.http_secs.ceil().max(1.0);
            let fw = |w: &http::WrkResult| {
                format!(
                    "{:.0} req/s, p50/p90/p99 {:.2}/{:.2}/{:.2} ms, non-2xx {}, socket errors {}",
                    w.requests_per_s, w.p50_ms, w.p90_ms, w.p99_ms, w.non_2xx, w.socket_errors
                )
            };
            println!("  wrk -t2 -c16 -d{secs}s --latency (outside client): /healthz {}", fw(hw));
            for (k, (_, _, w)) in &lk_http {
                if let Ok(w) = w {
                    println!(
                        "    /{}: {} => {:.0}% of /healthz",
                        k.name(),
                        fw(w),
                        w.requests_per_s / hw.requests_per_s.max(1e-9) * 100.0
                    );
                }
            }
        }
        (None, Err(_)) => {}
    }

    if !broad_rows.is_empty() {
        println!(
            "\nbroad (side measurement, not in the mix): one frequent definition word, lang-restricted; median ms \
             (matches: exact, counted with facets)"
        );
        for (l, w, total, hx, ft, hxf) in &broad_rows {
            println!(
                "  {} {:<14} matches {:>8}  hexaglot {:>8.2}  with facets {:>8.2}  fts5 {:>8.2}  ratio {:>6.2}",
                l.code(),
                w,
                total,
                hx.p50_ms,
                hxf.p50_ms,
                ft.p50_ms,
                hx.p50_ms / ft.p50_ms.max(1e-6)
            );
        }
    }
    if !behind_fts.is_empty() {
        println!("queries whose target FTS5 ranks in its top 10 and Hexaglot does not:");
        for i in &behind_fts {
            let q = &queries[*i];
            println!(
                "  {:<10} {} q={:?} target=c{} hexaglot total={}",
                q.kind.name(),
                q.text_lang.code(),
                q.q,
                q.target,
                hx_found[*i].1
            );
        }
    }
    println!("slowest in-process Hexaglot queries:");
    for (us, i, total) in slow.iter().take(6) {
        let q = &queries[*i];
        println!(
            "  {:>7.2} ms  {:<10} {} q={:?} lang={:?} total={total}",
            *us as f64 / 1000.0,
            q.kind.name(),
            q.text_lang.code(),
            q.q,
            q.lang.map(|l| l.code())
        );
    }
    // Targets (defined at 1M concepts; shown at every size).
    let recall_behind: Vec<String> = rows
        .iter()
        .chain(&lookup_rows)
        .filter(|(_, r)| r.hx_recall + 1e-9 < r.fts_recall)
        .map(|(k, r)| format!("{} {:.3} < {:.3}", k.name(), r.hx_recall, r.fts_recall))
        .collect();
    let mut targets = vec![
        (
            "search p99 in-process <= 5 ms",
            all_hx.p99_ms <= 5.0,
            format!("{:.2} ms (p99.9 {:.2} ms)", all_hx.p99_ms, all_hx.p999_ms),
        ),
        ("search p99 HTTP @16 clients <= 15 ms", all_h16.p99_ms <= 15.0, format!("{:.2} ms", all_h16.p99_ms)),
        (
            "recall@10 >= FTS5's per kind (lookups included)",
            recall_behind.is_empty(),
            format!(
                "{hx_recall_all:.2} vs {fts_recall_all:.2} over the mix{}{}",
                if recall_behind.is_empty() { "" } else { "; behind: " },
                recall_behind.join(", ")
            ),
        ),
        ("HTTP search >= 40% of /healthz @16", http_ratio >= 0.4, format!("{:.0}%", http_ratio * 100.0)),
        (
            "peak RSS serving <= 1 GiB (term dictionary included)",
            serve_peak <= 1024.0,
            format!("{serve_peak:.0} MiB (anonymous {:.0}, mapped {:.0})", serve_split.anon_mib, serve_split.file_mib),
        ),
    ];
    // The fast path: term lookups (the old "<= 0.1 x FTS5 per kind" target is retired, issue 17).
    for (k, r) in rows.iter().filter(|(k, _)| **k == Kind::Exact).chain(&lookup_rows) {
        targets.push((
            match k {
                Kind::Exact => "exact p50 <= 0.05 ms in process",
                Kind::Equivalents => "equivalents p50 <= 0.05 ms in process",
                _ => "suggest p50 <= 0.05 ms in process",
            },
            r.hx.p50_ms <= 0.05,
            format!("{:.3} ms", r.hx.p50_ms),
        ));
    }
    if let Some(r) = rows.get(&Kind::Exact) {
        let ratio = r.hx.p50_ms / r.fts.p50_ms.max(1e-6);
        let per_lang: Vec<String> = fast_by_lang
            .iter()
            .filter(|((k, _), _)| *k == Kind::Exact)
            .map(|((_, l), (h, f))| format!("{} {:.2}", l.code(), h / f.max(1e-6)))
            .collect();
        targets.push((
            "exact p50 <= 0.3 x FTS5's exact p50 (all languages)",
            ratio <= 0.3,
            format!("{ratio:.2} ({:.3} vs {:.3} ms; {})", r.hx.p50_ms, r.fts.p50_ms, per_lang.join(", ")),
        ));
    }
    for (k, (_, sixteen, wrk)) in &lk_http {
        let ratio = sixteen.rps() / health.rps().max(1e-9);
        let name = if *k == Kind::Equivalents { "/equivalents" } else { "/suggest" };
        targets.push((
            if *k == Kind::Equivalents {
                "/equivalents >= 25% of /healthz @16 (bench client)"
            } else {
                "/suggest >= 25% of /healthz @16 (bench client)"
            },
            ratio >= 0.25,
            format!("{name} {:.0} req/s, {:.0}%", sixteen.rps(), ratio * 100.0),
        ));
        if let (Ok(w), Ok(hw)) = (wrk, &health_wrk) {
            let ratio = w.requests_per_s / hw.requests_per_s.max(1e-9);
            targets.push((
                if *k == Kind::Equivalents {
                    "/equivalents >= 25% of /healthz (wrk)"
                } else {
                    "/suggest >= 25% of /healthz (wrk)"
                },
                ratio >= 0.25,
                format!("{name} {:.0} req/s, {:.0}%", w.requests_per_s, ratio * 100.0),
            ));
        }
    }
    println!("\ntargets (set for 1M concepts; at {label} they are indicative):");
    for (name, ok, v) in &targets {
        println!("  [{}] {name}: {v}", if *ok { "met" } else { "MISSED" });
    }
    if let Some(why) = &wrk_skipped {
        println!("  [skipped] the lookups' throughput with wrk: {why}");
    }

    let lat_json = |l: &Lat| serde_json::to_value(l).unwrap();
    let report = json!({
        "size": label,
        "concepts": n,
        "machine": machine(),
        "word_lists": &state.word_lists,
        "queries_per_kind": args.per_kind,
        "request": { "facets": false, "exact_total": hexaglot::search::EXACT_TOTAL },
        "passes": passes,
        "build": {
            "hexaglot_import_s": b.hexaglot_import_s,
            "hexaglot_import_concepts_per_s": n as f64 / b.hexaglot_import_s,
            "hexaglot_index_s": b.hexaglot_index_s,
            "hexaglot_index_concepts_per_s": n as f64 / b.hexaglot_index_s,
            "hexaglot_end_to_end_concepts_per_s": ingest_rate,
            "merge_settle_s": b.merge_settle_s,
            "generate_s": b.generate_s,
            "fts_insert_s": b.fts_insert_s,
            "fts_optimize_s": b.fts_optimize_s,
            "fts_concepts_per_s": n as f64 / (b.fts_insert_s + b.fts_optimize_s),
            "peak_rss_build_mib": b.peak_rss_build_mib,
        },
        "sizes": {
            "index_bytes": index_bytes, "index_docs": num_docs, "index_segments": segs, "index_space": space,
            "segments_after_reindex": b.segments_after_reindex,
            "store_bytes": db_bytes, "fts5_bytes": fts_bytes,
        },
        "dictionary": { "build_s": dict_s, "entries": dict_entries, "heap_bytes": dict_bytes, "in_serving_peak": true },
        "lookups": lookup_rows.iter().map(|(k, r)| {
            let (_, sixteen, wrk) = &lk_http[k];
            (k.name().to_string(), json!({
                "hexaglot": lat_json(&r.hx), "fts5": lat_json(&r.fts),
                "ratio_p50": r.hx.p50_ms / r.fts.p50_ms.max(1e-6), "ratio_p99": r.hx.p99_ms / r.fts.p99_ms.max(1e-6),
                "recall_hexaglot": r.hx_recall, "recall_fts5": r.fts_recall, "hexaglot_avg_answers": r.hx_avg_total,
                "limit": if *k == Kind::Suggest { lookup::SUGGEST_LIMIT } else { lookup::EQUIVALENTS_LIMIT },
                "http_1": lat_json(&r.http1), "http_16": lat_json(&r.http16),
                "http_16_rps": sixteen.rps(), "http_16_over_healthz": sixteen.rps() / health.rps().max(1e-9),
                "http_16_errors": sixteen.errors,
                "wrk": wrk.as_ref().ok(),
                "wrk_over_healthz": match (wrk, &health_wrk) {
                    (Ok(w), Ok(hw)) => Some(w.requests_per_s / hw.requests_per_s.max(1e-9)),
                    _ => None,
                },
                "by_language_p50_ms": fast_by_lang.iter().filter(|((kk, _), _)| kk == k).map(|((_, l), (h, f))| {
                    (l.code().to_string(), json!({"hexaglot": h, "fts5": f, "ratio": h / f.max(1e-6)}))
                }).collect::<serde_json::Map<_, _>>(),
            }))
        }).collect::<serde_json::Map<_, _>>(),
        "lookups_http": {
            "healthz_rps_16": health.rps(), "wrk_healthz": health_wrk.as_ref().ok(), "wrk_skipped": wrk_skipped,
            "wrk_args": format!("-t2 -c16 -d{}s --latency", args.http_secs.ceil().max(1.0)),
        },
        "fts5_equivalents_rowid_misses": fts::EQUIVALENTS_SCANS.load(std::sync::atomic::Ordering::Relaxed),
        "exact_ratio_by_language": fast_by_lang.iter().filter(|((k, _), _)| *k == Kind::Exact).map(|((_, l), (h, f))| {
            (l.code().to_string(), json!({"hexaglot_p50_ms": h, "fts5_p50_ms": f, "ratio": h / f.max(1e-6)}))
        }).collect::<serde_json::Map<_, _>>(),
        "memory": { "serving_peak_rss_mib": serve_peak, "serving_peak_anon_mib": serve_split.anon_mib, "serving_peak_file_mib": serve_split.file_mib, "rss_end_mib": rss_now, "peak_reset": rss_reset, "open_s": open_s },
        "kinds": rows.iter().map(|(k, r)| (k.name().to_string(), json!({
            "hexaglot": lat_json(&r.hx), "fts5": lat_json(&r.fts),
            "ratio_p50": r.hx.p50_ms / r.fts.p50_ms.max(1e-6), "ratio_p99": r.hx.p99_ms / r.fts.p99_ms.max(1e-6),
            "recall10_hexaglot": r.hx_recall, "recall10_fts5": r.fts_recall, "hexaglot_avg_total": r.hx_avg_total,
            "http_1": lat_json(&r.http1), "http_16": lat_json(&r.http16),
        }))).collect::<serde_json::Map<_, _>>(),
        "all": {
            "hexaglot": lat_json(&all_hx), "fts5": lat_json(&all_fts), "http_1": lat_json(&all_h1), "http_16": lat_json(&all_h16),
            "recall10_hexaglot": hx_recall_all, "recall10_fts5": fts_recall_all,
        },
        "http": {
            "search_rps_1": h1.rps(), "search_rps_16": h16.rps(), "healthz_rps_16": health.rps(),
            "search_over_healthz": http_ratio, "errors": [h1.errors, h16.errors, health.errors],
            "max_secs": args.http_secs,
        },
        "targets": targets.iter().map(|(name, ok, v)| json!({"target": name, "met": ok, "value": v})).collect::<Vec<_>>(),
        "broad": broad_rows.iter().map(|(l, w, total, hx, ft, hxf)| json!({
            "lang": l.code(), "q": w, "matches": total, "hexaglot": lat_json(hx), "fts5": lat_json(ft),
            "hexaglot_with_facets": lat_json(hxf),
            "ratio_p50": hx.p50_ms / ft.p50_ms.max(1e-6),
        })).collect::<Vec<_>>(),
        "by_language_p50_ms": hx_by_lang.iter().map(|((k, l), v)| json!({
            "kind": k.name(), "lang": l.code(), "hexaglot": lat(v.clone()).p50_ms,
            "fts5": fts_by_lang.get(&(*k, *l)).map(|f| lat(f.clone()).p50_ms),
            "hexaglot_p99": lat(v.clone()).p99_ms,
        })).collect::<Vec<_>>(),
        "slowest_hexaglot": slow.iter().map(|(us, i, total)| {
            let q = &queries[*i];
            json!({"ms": *us as f64 / 1000.0, "kind": q.kind.name(), "text_lang": q.text_lang.code(), "q": q.q,
                   "lang": q.lang.map(|l| l.code()), "total": total})
        }).collect::<Vec<_>>(),
        "recall_behind_fts5": behind_fts.iter().map(|i| {
            let q = &queries[*i];
            json!({"kind": q.kind.name(), "text_lang": q.text_lang.code(), "q": q.q, "target": q.target,
                   "hexaglot_total": hx_found[*i].1, "fts5": fts::sql(&q.fts).0})
        }).collect::<Vec<_>>(),
        "skipped_kinds": args.skip_kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
        "queries_sample": Kind::ALL.iter().flat_map(|k| [Lang::En, Lang::Zh].map(|l| queries.iter().find(|q| q.kind == *k && q.text_lang == l))).flatten().map(|q| json!({
            "kind": q.kind.name(), "q": q.q, "lang": q.lang.map(|l| l.code()), "sg": q.sg, "from": q.from, "to": q.to,
            "fts5": fts::sql(&q.fts).0, "fts5_match": q.fts.match_expr, "fts5_like": q.fts.like,
        })).chain(Kind::LOOKUPS.iter().flat_map(|k| [Lang::En, Lang::Zh].map(|l| lookups.iter().find(|q| q.kind == *k && q.lang == l))).flatten().map(|l| json!({
            "kind": l.kind.name(), "q": l.q, "lang": l.lang.code(), "http": lookup::http_path(l),
        }))).collect::<Vec<_>>(),
    });
    let out = root.join(format!("search-{label}{}.json", report_suffix(args)));
    std::fs::write(&out, serde_json::to_vec_pretty(&report)?)?;
    println!("\nwrote {}", out.display());
    Ok(())
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    // The server runs in this process: its heap as `hexaglot serve` sets it up. An
    // interchange child is `hexaglot import` or `export`, which keep glibc's default.
    if args.interchange_child.is_none() {
        hexaglot::startup::limit_malloc_arenas();
    }
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    // Child processes work on a data dir built by their parent: no word lists.
    let child = args.serve_child || args.interchange_child.is_some();
    let vocabs = match if child { Ok(Vec::new()) } else { words::load_all(&seeds) } {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let sources: serde_json::Value = vocabs
        .iter()
        .map(|(l, v)| (l.code().to_string(), json!({"source": v.source, "words": v.words.len()})))
        .collect::<serde_json::Map<_, _>>()
        .into();
    for (l, v) in vocabs.iter().filter(|_| !child) {
        println!("word list {}: {} words from {}", l.code(), v.words.len(), v.source);
    }
    for (label, n) in &args.sizes {
        if let Err(e) = run_size(&args, label, *n, &vocabs, &sources) {
            eprintln!("error at {label}: {e}");
            std::process::exit(1);
        }
    }
}
