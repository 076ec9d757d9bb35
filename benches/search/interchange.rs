//! Interchange phase: TBX export of a generated data dir, and TBX import of
//! that file into a fresh data dir (indexing while storing), as `hexaglot export`
//! and `hexaglot import` followed by a server start do it.
//!
//! Each phase runs in its own child process (`--interchange-child export|import`)
//! so that its peak RSS (`VmHWM`) is its own and not what the allocator kept
//! from the build or the other phase. A child writes its figures to
//! `target/bench/interchange-<size>-<phase>.json`; the parent reads them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use hexaglot::app::export::ExportFilter;
use hexaglot::app::import::ImportOptions;
use hexaglot::interchange::export::ExportFormat;
use hexaglot::interchange::{Context, Format, Input};
use hexaglot::model::View;
use hexaglot::App;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::{mib, proc_status_kb, progress, reset_peak_rss, Res, RssPeaks, RssSampler};

/// Targets of issue 17 (at 1M concepts, on this 2-core machine).
const TARGET_IMPORT_CONCEPTS_PER_S: f64 = 4_000.0;
const TARGET_PEAK_RSS_MIB: f64 = 1536.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Export,
    Import,
}

impl Phase {
    pub fn parse(s: &str) -> Result<Phase, String> {
        match s {
            "export" => Ok(Phase::Export),
            "import" => Ok(Phase::Import),
            _ => Err(format!("--interchange-child: export or import, not '{s}'")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Phase::Export => "export",
            Phase::Import => "import",
        }
    }
}

/// Where one size's interchange files go (next to `data-<size>/`).
struct Paths {
    tbx: PathBuf,
    import_dir: PathBuf,
    export_result: PathBuf,
    import_result: PathBuf,
}

fn paths(root: &Path, label: &str) -> Paths {
    Paths {
        tbx: root.join(format!("export-{label}.tbx")),
        import_dir: root.join(format!("import-{label}")),
        export_result: root.join(format!("interchange-{label}-export.json")),
        import_result: root.join(format!("interchange-{label}-import.json")),
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportResult {
    /// Concepts written (the generated ones plus the seed's).
    pub concepts: u64,
    /// Concepts left out (no term): must be 0 here.
    pub skipped: u64,
    /// Concepts in the source store, and section documents in its index.
    pub source_concepts: u64,
    pub source_docs: u64,
    pub seconds: f64,
    pub concepts_per_s: f64,
    pub file_bytes: u64,
    pub peak_rss_mib: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportResult {
    /// Records in the file (= concepts exported).
    pub records: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub warnings: usize,
    /// Concepts the fresh data dir holds before the import (the bundled seed).
    pub seed_concepts: u64,
    /// Creating and seeding the fresh data dir (not in the rates).
    pub open_store_s: f64,
    /// Step A: parse the TBX and import it in one transaction, indexing on a second thread
    /// (committed right after the store), then close (closing checkpoints the WAL into the database).
    /// `store_import_s` is the import and the close; the merge wait is apart (`merge_s`).
    pub store_import_s: f64,
    pub store_close_s: f64,
    /// The import alone: from the first record to the index committed (searchable), and its CPU.
    #[serde(default)]
    pub import_s: f64,
    #[serde(default)]
    pub import_cpu_s: f64,
    /// Then waiting, as `hexaglot import` does, for the merges the commit started (CPU of all
    /// threads meanwhile, the close included).
    #[serde(default)]
    pub merge_s: f64,
    #[serde(default)]
    pub merge_cpu_s: f64,
    /// Index segments right after the import's commit, after the merges, and as step B serves them.
    #[serde(default)]
    pub segments_committed: usize,
    #[serde(default)]
    pub segments_merged: usize,
    #[serde(default)]
    pub segments_served: usize,
    /// records / `import_s`: the rate until the import is searchable.
    #[serde(default)]
    pub committed_concepts_per_s: f64,
    /// Step B: `App::open`, which catches the index up with whatever step A did not index.
    pub index_s: f64,
    /// Dropping the app after B (the index writer), not in the rates.
    pub index_close_s: f64,
    pub store_concepts_per_s: f64,
    pub index_concepts_per_s: f64,
    /// records / (A + merges + B): what "import including indexing" means.
    pub end_to_end_concepts_per_s: f64,
    pub concepts_after: u64,
    pub docs: u64,
    pub store_bytes: u64,
    pub index_bytes: u64,
    /// Peak RSS of the whole child, and of each step (VmHWM reset between them).
    pub peak_rss_mib: f64,
    pub peak_rss_store_mib: f64,
    pub peak_rss_index_mib: f64,
    /// Of each step's peak: anonymous memory (what the process holds) and mapped
    /// files (index segments read while merging; the kernel may drop them).
    #[serde(default)]
    pub peak_rss_store_split: RssPeaks,
    #[serde(default)]
    pub peak_rss_index_split: RssPeaks,
    /// CPU seconds (user + system, all threads) of steps A and B: on a shared machine the
    /// wall-clock rates above move with the load, these much less.
    #[serde(default)]
    pub store_cpu_s: f64,
    #[serde(default)]
    pub index_cpu_s: f64,
    /// Bytes per concept after the import: the SQLite store, its history table, the index.
    #[serde(default)]
    pub store_bytes_per_concept: f64,
    #[serde(default)]
    pub history_bytes_per_concept: f64,
    #[serde(default)]
    pub index_bytes_per_concept: f64,
    /// The store's tables and indexes by size (SQLite's `dbstat`), largest first: (name, bytes).
    #[serde(default)]
    pub store_tables: Vec<(String, u64)>,
    /// The same text (every section's terms and definition) in SQLite FTS5, as the search
    /// baseline lays it out (`fts5.db`, optimized): the size the store is compared with.
    #[serde(default)]
    pub fts5_bytes: u64,
}

/// CPU seconds this process has used (user + system, all threads), from `/proc/self/stat`.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

/// The store's tables and indexes by size, largest first.
fn table_sizes(db: &Path) -> Res<Vec<(String, u64)>> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut stmt = c.prepare("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes the imported store's text into an FTS5 file laid out as the search baseline's
/// and returns its size once optimized.
fn fts5_of(db: &Path, fts_path: &Path) -> Res<u64> {
    let src = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut out = crate::fts::create(fts_path)?;
    {
        let tx = out.transaction()?;
        {
            let mut ins = tx.prepare("INSERT INTO fts VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            let mut ins_zh = tx.prepare("INSERT INTO fts_zh VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            let mut stmt = src.prepare(
                "SELECT l.concept_id, l.lang,
                        (SELECT group_concat(text, ' ') FROM term t WHERE t.concept_id = l.concept_id AND t.lang = l.lang),
                        l.definition,
                        (SELECT group_concat(sg, ' ') FROM concept_sg s WHERE s.concept_id = l.concept_id),
                        CAST(strftime('%s', COALESCE(l.adopted_at, l.created_at)) AS INTEGER)
                 FROM lang_section l WHERE l.status <> 'absent'",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let vals: Vec<rusqlite::types::Value> = (0..6).map(|i| r.get(i)).collect::<Result<_, _>>()?;
                ins.execute(rusqlite::params_from_iter(vals.iter()))?;
                if r.get::<_, String>(1)? == "zh" {
                    ins_zh.execute(rusqlite::params_from_iter(vals.iter()))?;
                }
            }
        }
        tx.commit()?;
    }
    crate::fts::optimize(&out)?;
    out.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
    drop(out);
    let bytes = crate::file_bytes(fts_path) + crate::file_bytes(&fts_path.with_extension("db-wal"));
    let _ = std::fs::remove_file(fts_path);
    let _ = std::fs::remove_file(fts_path.with_extension("db-wal"));
    let _ = std::fs::remove_file(fts_path.with_extension("db-shm"));
    Ok(bytes)
}

/// Concepts the bench generated into `dir` (from its `bench-state.json`).
fn generated(dir: &Path) -> Res<u64> {
    let file = dir.join("bench-state.json");
    let state: serde_json::Value = std::fs::read(&file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| format!("no usable build in {} (missing or unreadable {})", dir.display(), file.display()))?;
    Ok(state["concepts"].as_u64().ok_or_else(|| format!("{}: no 'concepts'", file.display()))?)
}

fn peak_mib() -> f64 {
    proc_status_kb("VmHWM:").unwrap_or(0) as f64 / 1024.0
}

fn count_concepts(app: &App) -> Res<u64> {
    Ok(app.concept_count()?)
}

fn write_result<T: Serialize>(path: &Path, r: &T) -> Res<()> {
    std::fs::write(path, serde_json::to_vec_pretty(r)?).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn read_result<T: for<'de> Deserialize<'de>>(path: &Path) -> Res<T> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?)
}

/// Runs one phase in this (child) process; `dir` is the generated data dir.
pub fn child(phase: Phase, root: &Path, label: &str, dir: &Path) -> Res<()> {
    let p = paths(root, label);
    let n = generated(dir)?;
    match phase {
        Phase::Export => write_result(&p.export_result, &export(dir, &p.tbx, n)?),
        Phase::Import => {
            let exported: ExportResult = read_result(&p.export_result)?;
            write_result(&p.import_result, &import(&p.tbx, &p.import_dir, n, &exported)?)
        }
    }
}

fn export(dir: &Path, tbx: &Path, n: u64) -> Res<ExportResult> {
    let app = App::open_store(dir)?;
    let source_concepts = count_concepts(&app)?;
    // Everything: all languages, every status, working copies (the generated data is all
    // accepted and adopted, so the public view would give the same concepts).
    let filter = ExportFilter { view: View::Staff, ..ExportFilter::default() };
    let t = Instant::now();
    let file = std::fs::File::create(tbx).map_err(|e| format!("{}: {e}", tbx.display()))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let stats = app.export_to(ExportFormat::Tbx, &filter, &mut w, &|d| progress("export", d, source_concepts, t))?;
    w.flush()?;
    drop(w);
    let seconds = t.elapsed().as_secs_f64();
    eprintln!();
    let peak_rss_mib = peak_mib();
    drop(app);
    // Read after the peak: the import is checked against these.
    let index_dir = dir.join("index");
    let index = tantivy::Index::open_in_dir(&index_dir).map_err(|e| format!("{}: {e}", index_dir.display()))?;
    let reader = index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
    let source_docs = reader.searcher().num_docs();
    let r = ExportResult {
        concepts: stats.concepts,
        skipped: stats.skipped,
        source_concepts,
        source_docs,
        seconds,
        concepts_per_s: stats.concepts as f64 / seconds.max(1e-9),
        file_bytes: crate::file_bytes(tbx),
        peak_rss_mib,
    };
    if r.concepts != source_concepts || r.skipped != 0 || r.concepts < n {
        return Err(format!(
            "export wrote {} concepts and skipped {}; the store holds {source_concepts} ({n} generated)",
            r.concepts, r.skipped
        )
        .into());
    }
    Ok(r)
}

fn import(tbx: &Path, new_dir: &Path, n: u64, exported: &ExportResult) -> Res<ImportResult> {
    if new_dir.exists() {
        std::fs::remove_dir_all(new_dir)?;
    }
    let records_in_file = exported.concepts;

    // Step A: the import, as `hexaglot import` does with no server on the directory:
    // the store, and the index while it stores (a second thread).
    let sampler = RssSampler::start();
    let cpu = cpu_s();
    let t = Instant::now();
    let app = App::open_for_import(new_dir)?;
    let open_store_s = t.elapsed().as_secs_f64();
    let seed_concepts = count_concepts(&app)?;
    let t = Instant::now();
    let input = Input::from_path(&tbx.to_path_buf())?;
    let (_, mut records) = hexaglot::interchange::records(Format::Tbx, &[input], &Context::default())?;
    let report = app.import("bench", Format::Tbx, &mut records, &ImportOptions::default(), &|d| {
        progress("import", d, records_in_file, t)
    })?;
    eprintln!();
    drop(records);
    let import_s = t.elapsed().as_secs_f64();
    let import_cpu_s = cpu_s() - cpu;
    // What `hexaglot import` does next: wait for the merges the commit started.
    let segments_committed = app.index_segments()?;
    let t = Instant::now();
    let segments_merged = app
        .wait_for_index_merges(hexaglot::search::MERGE_PATIENCE, &|n| eprint!("\r  merging: {n} segments   "))?
        .unwrap_or(segments_committed);
    eprintln!();
    let merge_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    drop(app);
    let store_close_s = t.elapsed().as_secs_f64();
    let store_import_s = import_s + store_close_s;
    let store_cpu_s = cpu_s() - cpu;
    let merge_cpu_s = store_cpu_s - import_cpu_s;
    let peak_rss_store_mib = peak_mib();
    let peak_rss_store_split = sampler.finish();
    if !report.errors.is_empty() || !report.committed {
        let first: Vec<String> = report.errors.iter().take(5).map(|p| format!("{}: {}", p.place, p.message)).collect();
        return Err(format!(
            "TBX import failed: committed {}, {} errors; first: {}",
            report.committed,
            report.errors.len(),
            first.join("; ")
        )
        .into());
    }

    // Step B: opening it as the next `hexaglot serve` (or any `App::open`) does, which
    // indexes whatever step A left to index (nothing, unless that failed).
    let rss_reset = reset_peak_rss();
    let sampler = RssSampler::start();
    let cpu = cpu_s();
    let t = Instant::now();
    let app = App::open(new_dir)?;
    let index_s = t.elapsed().as_secs_f64();
    let index_cpu_s = cpu_s() - cpu;
    let docs = app.index_docs()?;
    let segments_served = app.index_segments()?;
    let concepts_after = count_concepts(&app)?;
    let t = Instant::now();
    drop(app);
    let index_close_s = t.elapsed().as_secs_f64();
    let peak_rss_index_mib = peak_mib();
    let peak_rss_index_split = sampler.finish();

    // Sizes, after the measured steps (not in the rates or the peaks).
    let store_bytes =
        crate::file_bytes(&new_dir.join("hexaglot.db")) + crate::file_bytes(&new_dir.join("hexaglot.db-wal"));
    let index_bytes = crate::dir_bytes(&new_dir.join("index"));
    let store_tables = table_sizes(&new_dir.join("hexaglot.db"))?;
    let history_bytes: u64 = store_tables.iter().filter(|(t, _)| t.starts_with("history")).map(|(_, b)| b).sum();
    let fts5_bytes = fts5_of(&new_dir.join("hexaglot.db"), &new_dir.with_extension("fts5.db"))?;
    let per = |b: u64| b as f64 / concepts_after.max(1) as f64;
    let r = ImportResult {
        store_cpu_s,
        index_cpu_s,
        store_bytes_per_concept: per(store_bytes),
        history_bytes_per_concept: per(history_bytes),
        index_bytes_per_concept: per(index_bytes),
        store_tables,
        fts5_bytes,
        records: records_in_file,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
        warnings: report.warnings.len(),
        seed_concepts,
        open_store_s,
        store_import_s,
        store_close_s,
        import_s,
        import_cpu_s,
        merge_s,
        merge_cpu_s,
        segments_committed,
        segments_merged,
        segments_served,
        committed_concepts_per_s: records_in_file as f64 / import_s.max(1e-9),
        index_s,
        index_close_s,
        store_concepts_per_s: records_in_file as f64 / store_import_s.max(1e-9),
        index_concepts_per_s: records_in_file as f64 / index_s.max(1e-9),
        end_to_end_concepts_per_s: records_in_file as f64 / (store_import_s + merge_s + index_s).max(1e-9),
        concepts_after,
        docs,
        store_bytes,
        index_bytes,
        peak_rss_mib: if rss_reset { peak_rss_store_mib.max(peak_rss_index_mib) } else { peak_rss_index_mib },
        peak_rss_store_mib,
        peak_rss_index_mib,
        peak_rss_store_split,
        peak_rss_index_split,
    };
    check(&r, n, exported)?;
    Ok(r)
}

/// The fresh data dir's seed concepts are in the file too (same ids) and must be
/// matched, not duplicated; every other record is a new concept, and the new
/// index holds the same documents as the source's.
fn check(r: &ImportResult, n: u64, exported: &ExportResult) -> Res<()> {
    let mut wrong = Vec::new();
    if r.created + r.updated + r.unchanged + r.skipped != r.records {
        wrong.push(format!(
            "created {} + updated {} + unchanged {} + skipped {} != {} records in the file",
            r.created, r.updated, r.unchanged, r.skipped, r.records
        ));
    }
    if r.skipped != 0 {
        wrong.push(format!("{} records skipped", r.skipped));
    }
    if r.created != r.records - r.seed_concepts.min(r.records) || r.created < n {
        wrong.push(format!(
            "created {} concepts; expected {} ({} records minus the {} seed concepts; {n} generated)",
            r.created,
            r.records.saturating_sub(r.seed_concepts),
            r.records,
            r.seed_concepts
        ));
    }
    if r.concepts_after != exported.source_concepts {
        wrong.push(format!(
            "{} concepts after the import; the source holds {}",
            r.concepts_after, exported.source_concepts
        ));
    }
    if r.docs != exported.source_docs || r.docs < 6 * n {
        wrong.push(format!(
            "the new index holds {} documents; the source's {} (6 per generated concept: at least {})",
            r.docs,
            exported.source_docs,
            6 * n
        ));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("TBX round trip wrong: {}", wrong.join("; ")).into())
    }
}

/// The phase's figures, as the parent prints and stores them.
pub struct Outcome {
    pub export: ExportResult,
    pub import: ImportResult,
}

fn run_child(phase: Phase, label: &str) -> Res<()> {
    let mut cmd = std::process::Command::new(std::env::current_exe()?);
    cmd.args(["--sizes", label, "--interchange-child", phase.name()]);
    let status = cmd.status()?;
    if !status.success() {
        return Err(format!("interchange {} process failed: {status}", phase.name()).into());
    }
    Ok(())
}

/// Parent side: export, then import, each in a fresh process. Unless `keep`,
/// the TBX file and the import dir are deleted afterwards, failed or not
/// (at 1M they are tens of GB). With `drop_source`, the generated data in
/// `source` (all but its bench state) goes once exported, so that at 1M the
/// source, the TBX file and the import (whose one transaction doubles the
/// store in the WAL for a while) are never on disk together.
pub fn run(root: &Path, label: &str, keep: bool, source: &Path, drop_source: bool) -> Res<Outcome> {
    let p = paths(root, label);
    for f in [&p.export_result, &p.import_result] {
        if f.exists() {
            std::fs::remove_file(f)?;
        }
    }
    let result = (|| {
        run_child(Phase::Export, label)?;
        let export: ExportResult = read_result(&p.export_result)?;
        if drop_source {
            for entry in std::fs::read_dir(source)? {
                let path = entry?.path();
                if path.file_name().is_some_and(|n| n == "bench-state.json") {
                    continue;
                }
                if path.is_dir() {
                    std::fs::remove_dir_all(&path)?;
                } else {
                    std::fs::remove_file(&path)?;
                }
            }
        }
        run_child(Phase::Import, label)?;
        let import: ImportResult = read_result(&p.import_result)?;
        Ok(Outcome { export, import })
    })();
    for f in [&p.export_result, &p.import_result] {
        let _ = std::fs::remove_file(f);
    }
    if !keep {
        if p.tbx.exists() {
            std::fs::remove_file(&p.tbx)?;
        }
        if p.import_dir.exists() {
            std::fs::remove_dir_all(&p.import_dir)?;
        }
    }
    result
}

impl Outcome {
    pub fn print(&self) {
        let (e, i) = (&self.export, &self.import);
        println!(
            "export: {} concepts in {:.1}s ({:.0} concepts/s); TBX file {:.1} MiB; peak RSS {:.0} MiB",
            e.concepts,
            e.seconds,
            e.concepts_per_s,
            mib(e.file_bytes),
            e.peak_rss_mib
        );
        println!(
            "import: store {:.1}s ({:.0} concepts/s; close {:.1}s)  index {:.1}s ({:.0} concepts/s)  => {:.0} concepts/s \
             including indexing",
            i.store_import_s,
            i.store_concepts_per_s,
            i.store_close_s,
            i.index_s,
            i.index_concepts_per_s,
            i.end_to_end_concepts_per_s
        );
        println!(
            "        {} created, {} updated, {} unchanged (seed {}); {} docs; store {:.1} MiB, index {:.1} MiB; \
             peak RSS {:.0} MiB (store step {:.0}: {:.0} anon + {:.0} mapped files; index step {:.0}: {:.0} anon \
             + {:.0} mapped files)",
            i.created,
            i.updated,
            i.unchanged,
            i.seed_concepts,
            i.docs,
            mib(i.store_bytes),
            mib(i.index_bytes),
            i.peak_rss_mib,
            i.peak_rss_store_mib,
            i.peak_rss_store_split.anon_mib,
            i.peak_rss_store_split.file_mib,
            i.peak_rss_index_mib,
            i.peak_rss_index_split.anon_mib,
            i.peak_rss_index_split.file_mib
        );
        println!(
            "        committed (searchable) after {:.1}s ({:.0} concepts/s, CPU {:.0} µs per concept) with {} segments; \
             merges then {:.1}s (CPU {:.1}s) to {} segments; served with {}",
            i.import_s,
            i.committed_concepts_per_s,
            i.import_cpu_s * 1e6 / i.records.max(1) as f64,
            i.segments_committed,
            i.merge_s,
            i.merge_cpu_s,
            i.segments_merged,
            i.segments_served
        );
        println!(
            "        CPU (all threads): store step {:.1} s (merges included), index step {:.1} s => {:.0} µs per concept",
            i.store_cpu_s,
            i.index_cpu_s,
            (i.store_cpu_s + i.index_cpu_s) * 1e6 / i.records.max(1) as f64
        );
        println!(
            "        bytes per concept: store {:.0} (history {:.0}), index {:.0}; FTS5 file of the same text {:.1} MiB \
             (store / FTS5 = {:.2})",
            i.store_bytes_per_concept,
            i.history_bytes_per_concept,
            i.index_bytes_per_concept,
            mib(i.fts5_bytes),
            i.store_bytes as f64 / i.fts5_bytes.max(1) as f64
        );
        let top: Vec<String> = i.store_tables.iter().take(10).map(|(t, b)| format!("{t} {:.1} MiB", mib(*b))).collect();
        println!("        largest in the store: {}", top.join(", "));
    }

    pub fn targets(&self) -> Vec<(&'static str, bool, String)> {
        let (e, i) = (&self.export, &self.import);
        vec![
            (
                "TBX import incl. indexing >= 4,000 concepts/s (committed, searchable)",
                i.committed_concepts_per_s >= TARGET_IMPORT_CONCEPTS_PER_S,
                format!("{:.0} concepts/s", i.committed_concepts_per_s),
            ),
            (
                "TBX import incl. indexing and merges >= 4,000 concepts/s",
                i.end_to_end_concepts_per_s >= TARGET_IMPORT_CONCEPTS_PER_S,
                format!("{:.0} concepts/s", i.end_to_end_concepts_per_s),
            ),
            (
                "store <= FTS5 file of the same text",
                i.store_bytes <= i.fts5_bytes,
                format!("{:.2}x", i.store_bytes as f64 / i.fts5_bytes.max(1) as f64),
            ),
            (
                "peak RSS TBX export <= 1.5 GiB",
                e.peak_rss_mib <= TARGET_PEAK_RSS_MIB,
                format!("{:.0} MiB", e.peak_rss_mib),
            ),
            (
                "peak RSS TBX import (store + index) <= 1.5 GiB",
                i.peak_rss_mib <= TARGET_PEAK_RSS_MIB,
                format!("{:.0} MiB", i.peak_rss_mib),
            ),
        ]
    }

    pub fn json(&self) -> serde_json::Value {
        json!({
            "format": "tbx",
            "export": &self.export,
            "import": &self.import,
            "targets": self.targets().iter().map(|(name, ok, v)| json!({"target": name, "met": ok, "value": v})).collect::<Vec<_>>(),
        })
    }
}
