//! Full-text search: a tantivy index derived from the store's change log.
//!
//! The index commit payload records the last change-log sequence applied and
//! the index format; on open the index catches up from there (after a crash,
//! a copy of the database, or a format change, which triggers a rebuild).
//! Writers call [`SearchIndex::catch_up`] right after committing to SQLite so
//! readers see the change at once; a follower thread also polls the change log
//! so writes by another process (`hexaglot import`) appear within a second.

pub mod analyzers;
mod bulk;
mod collect;
mod directory;
mod document;
mod exclusion;
mod fuzzy;
mod merge;
mod query;
mod request;
mod schema;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use tantivy::merge_policy::MergePolicy;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::error::{Error, Result};
use crate::model::ConceptId;
use crate::store::concepts::{self, load_both_views};
use crate::store::Store;

pub use bulk::BulkIndexer;
pub use collect::{Facets, Hit, HitSource, SearchResponse, Suggestion, EXACT_TOTAL};
pub use document::{epoch as epoch_of, Card};
pub(crate) use request::parse_query;
pub use request::{DateField, Mode, SearchField, SearchRequest};

use schema::Fields;

/// Bump when the schema or document mapping changes; with the analyzer
/// version it forms the index format, and a mismatch rebuilds the index.
const SCHEMA_VERSION: u32 = 4;
const INDEX_DIR: &str = "index";
/// How much of the machine the index writer takes: indexing threads and the memory
/// each fills before tantivy flushes a segment. Larger segments mean fewer merges.
#[derive(Clone, Copy, Debug)]
struct Writing {
    threads: usize,
    heap_per_thread: usize,
}

const MIB: usize = 1024 * 1024;

/// How one process opens the index for writing.
#[derive(Clone, Copy, Debug)]
struct Opening {
    /// How long to wait for another process's writer lock.
    patience: Duration,
    writing: Writing,
    /// Whether to apply the changes the index has not seen before returning.
    catch_up: bool,
}

impl Writing {
    /// Serving. One indexing thread: two made `reindex` ~40 % faster, but every
    /// commit then flushes two segment writers, and under the load check (16
    /// clients, writes committing all the time) search p95 with writes went from
    /// 1.3x to 2.1x the no-write case. Serving comes first.
    const SERVING: Writing = Writing { threads: 1, heap_per_thread: 64 * MIB };
    /// A bulk import with no server on the directory ([`SearchIndex::open_or_follow_for_import`]):
    /// still one indexing thread (the importing thread stores on the other core), but
    /// four times the heap, so a 1M import flushes ≈ 25 segments instead of ≈ 100 and
    /// merges each document fewer times (merging was 28 % of that import's CPU;
    /// BENCHMARKS.md). The store's bulk page cache gave up as much (`store::BULK_CACHE_KIB`).
    const IMPORT: Writing = Writing { threads: 1, heap_per_thread: 256 * MIB };

    /// A rebuild that nothing else runs beside ([`SearchIndex::open_for_rebuild`]): tantivy's
    /// one indexing thread bounded `hexaglot reindex` (≈ 430 µs of its CPU per concept while
    /// reading the store takes far less), so every core indexes, each with the import's heap.
    fn rebuild() -> Writing {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Writing { threads: cores.clamp(1, 4), ..Writing::IMPORT }
    }
}
/// Changes applied per commit when catching up: bigger batches mean fewer, larger
/// segments (fewer merges) after a bulk import; readers see each commit.
const BATCH: i64 = 20_000;
/// One merge at a time (tantivy's default is four): merges read their input
/// through memory maps, so parallel merges add up in resident memory, and on
/// two cores they would only compete with searches and each other.
const MERGE_THREADS: usize = 1;

/// How long opening waits for another process's writer lock: a server shutting
/// down, or a finishing CLI command, may still hold it for a moment.
const LOCK_PATIENCE: Duration = Duration::from_secs(5);

/// How long [`SearchIndex::wait_for_merges`] waits for a segment list that no longer
/// changes, with room to spare: after a reindex of a million concepts on the benchmark
/// machine every merge (38 segments down to 8) was done within 61 s.
pub const MERGE_PATIENCE: Duration = Duration::from_secs(300);

/// Decompressed blocks of stored documents (16 KiB each) kept per segment. A page
/// of hits reads a few cards at random places, so tantivy's 100 a segment (16 MiB
/// over ten segments at 1M concepts) mostly kept blocks no search would read again.
const DOC_STORE_CACHE_BLOCKS: usize = 8;

/// Readers see each commit of ours at once (reloaded right after it); the delayed
/// watcher only adds what background merges, or another process, commit later.
fn open_reader(index: &Index) -> Result<IndexReader> {
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::OnCommitWithDelay)
        .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
        .try_into()?)
}

fn format_version() -> u32 {
    SCHEMA_VERSION * 1000 + analyzers::ANALYZER_VERSION
}

#[derive(Serialize, Deserialize)]
struct Payload {
    seq: i64,
    format: u32,
    /// The database the index was built from (`meta.db_id`).
    #[serde(default)]
    db: String,
}

#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// `None` when another process (a running server) holds the writer lock:
    /// this one only searches, and its reader reloads as that process commits.
    writer: Option<Mutex<IndexWriter>>,
    applied: AtomicI64,
    db: String,
    store: Store,
    stop: AtomicBool,
    /// Concepts a search counts exactly: [`EXACT_TOTAL`], lower only in tests.
    exact_total: AtomicU64,
}

impl SearchIndex {
    /// Opens (or creates, or rebuilds when its format is stale) the index in
    /// `data_dir/index` and catches it up with the store. An index that cannot
    /// be opened or caught up (files left by a crash or a full disk) is rebuilt
    /// from the store rather than keeping the service down: it is derived data.
    pub fn open(data_dir: &Path, store: Store) -> Result<SearchIndex> {
        let opening = Opening { patience: LOCK_PATIENCE, writing: Writing::SERVING, catch_up: true };
        Self::open_waiting(data_dir, store, opening).map_err(OpenError::into_inner)
    }

    /// Opens the index for [`SearchIndex::reindex`] (`hexaglot reindex`), waiting for the
    /// lock as [`SearchIndex::open`] does, with every core indexing and without catching
    /// up first: the rebuild replays everything anyway. Until its commit, searches see
    /// the index as it was; if it never commits, the next open catches that index up.
    pub fn open_for_rebuild(data_dir: &Path, store: Store) -> Result<SearchIndex> {
        let opening = Opening { patience: LOCK_PATIENCE, writing: Writing::rebuild(), catch_up: false };
        Self::open_waiting(data_dir, store, opening).map_err(OpenError::into_inner)
    }

    /// Opens the index as [`SearchIndex::open`] does when no other process holds
    /// it; when one does (a running server), opens it for searching only, without
    /// waiting for the lock: that process keeps it current, from the change log
    /// this one writes to.
    pub fn open_or_follow(data_dir: &Path, store: Store) -> Result<SearchIndex> {
        Self::open_or_follow_with(data_dir, store, Writing::SERVING)
    }

    /// [`SearchIndex::open_or_follow`] for a bulk import (`hexaglot import`): when this
    /// process takes the writer, it indexes with a larger heap, for fewer merges.
    pub fn open_or_follow_for_import(data_dir: &Path, store: Store) -> Result<SearchIndex> {
        Self::open_or_follow_with(data_dir, store, Writing::IMPORT)
    }

    fn open_or_follow_with(data_dir: &Path, store: Store, writing: Writing) -> Result<SearchIndex> {
        let opening = Opening { patience: Duration::ZERO, writing, catch_up: true };
        match Self::open_waiting(data_dir, store.clone(), opening) {
            Err(OpenError::Locked(_)) => {
                tracing::info!("search index held by another process (a running server); searching it read-only");
                Self::open_read_only(&data_dir.join(INDEX_DIR), store)
            }
            other => other.map_err(OpenError::into_inner),
        }
    }

    /// Whether this process keeps the index current (it holds the writer).
    pub fn is_writer(&self) -> bool {
        self.inner.writer.is_some()
    }

    fn open_waiting(data_dir: &Path, store: Store, opening: Opening) -> std::result::Result<SearchIndex, OpenError> {
        let path = data_dir.join(INDEX_DIR);
        match Self::try_open(&path, store.clone(), false, opening) {
            Err(OpenError::Broken(e)) => {
                tracing::warn!(error = %e, "search index unusable; rebuilding it from the database");
                Self::try_open(&path, store, true, opening)
            }
            other => other,
        }
    }

    /// The index another process writes, opened without its lock. Nothing here
    /// may rebuild or change it: a stale or missing index is an error to report.
    fn open_read_only(path: &Path, store: Store) -> Result<SearchIndex> {
        let fields = Fields::build();
        let db = store.meta("db_id")?.unwrap_or_default();
        let unusable = |why: &str| Error::Index(format!("{}: {why}; stop the server or let it finish", path.display()));
        let Some((index, p)) = open_existing(path)? else { return Err(unusable("no search index yet")) };
        if p.format != format_version() || index.schema() != fields.schema || p.db != db {
            return Err(unusable("the index is being rebuilt by the process that holds it"));
        }
        analyzers::register(index.tokenizers());
        let reader = open_reader(&index)?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                index,
                fields,
                reader,
                writer: None,
                applied: AtomicI64::new(p.seq),
                db,
                store,
                stop: AtomicBool::new(false),
                exact_total: AtomicU64::new(EXACT_TOTAL),
            }),
        })
    }

    fn try_open(
        path: &Path,
        store: Store,
        fresh: bool,
        opening: Opening,
    ) -> std::result::Result<SearchIndex, OpenError> {
        let broken = OpenError::Broken;
        let fields = Fields::build();
        let db = store.meta("db_id").map_err(broken)?.unwrap_or_default();
        let last = store.last_seq().map_err(broken)?;
        let existing = if fresh { None } else { open_existing(path).map_err(broken)? };
        let (index, seq) = match existing {
            Some((index, p))
                if p.format == format_version() && index.schema() == fields.schema && p.db == db && p.seq <= last =>
            {
                (index, p.seq)
            }
            other => {
                if other.is_some() {
                    // Another format, another database, or a database older than the index (a restored backup).
                    tracing::info!("search index does not match the database; rebuilding");
                }
                if path.exists() {
                    std::fs::remove_dir_all(path).map_err(|e| broken(e.into()))?;
                }
                (create(path, &fields).map_err(broken)?, 0)
            }
        };
        analyzers::register(index.tokenizers());
        // A server shutting down (or a finishing CLI command) may still hold the lock for a moment.
        let deadline = std::time::Instant::now() + opening.patience;
        let mut writer: IndexWriter = loop {
            let options = tantivy::indexer::IndexWriterOptions::builder()
                .num_worker_threads(opening.writing.threads)
                .memory_budget_per_thread(opening.writing.heap_per_thread)
                .num_merge_threads(MERGE_THREADS)
                .build();
            match index.writer_with_options(options) {
                Ok(w) => break w,
                Err(tantivy::TantivyError::LockFailure(..)) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(tantivy::TantivyError::LockFailure(..)) => {
                    return Err(OpenError::Locked(Error::Index(format!(
                        "{} is in use by another hexaglot process (a running server?)",
                        path.display()
                    ))))
                }
                Err(e) => return Err(broken(e.into())),
            }
        };
        writer.set_merge_policy(Box::new(merge::CappedMergePolicy::default()));
        // Files a killed process created but never committed would collide with the next commit's names.
        if let Err(e) = writer.garbage_collect_files().wait() {
            tracing::warn!(error = %e, "search index garbage collection");
        }
        resume_merges(&mut writer, &index);
        let reader = open_reader(&index).map_err(broken)?;
        let me = SearchIndex {
            inner: Arc::new(Inner {
                index,
                fields,
                reader,
                writer: Some(Mutex::new(writer)),
                applied: AtomicI64::new(seq),
                db,
                store,
                stop: AtomicBool::new(false),
                exact_total: AtomicU64::new(EXACT_TOTAL),
            }),
        };
        if !opening.catch_up {
            return Ok(me);
        }
        let behind = last - seq;
        if behind > 0 {
            tracing::info!(from = seq, behind, "search index catching up");
        }
        me.catch_up().map_err(broken)?;
        Ok(me)
    }

    /// The change-log sequence the index reflects.
    pub fn applied_seq(&self) -> i64 {
        self.inner.applied.load(Ordering::SeqCst)
    }

    /// Applies every change committed after the last one indexed; returns the new sequence.
    /// On failure the writer is rolled back to its last commit, so a later call
    /// replays the same changes instead of committing half of them.
    /// Without the writer (another process keeps the index), it only reloads what that process committed.
    pub fn catch_up(&self) -> Result<i64> {
        let inner = &self.inner;
        let Some(writer) = &inner.writer else {
            inner.reader.reload()?;
            let seq = payload_of(&inner.index).seq;
            inner.applied.store(seq, Ordering::SeqCst);
            return Ok(seq);
        };
        let mut writer = writer.lock();
        let start = inner.applied.load(Ordering::SeqCst);
        let mut committed = start;
        let result = (|| loop {
            let (ids, last) = inner.store.changes_since(committed, BATCH)?;
            if last == committed {
                return Ok(());
            }
            self.add_concepts(&writer, &ids, true)?;
            commit(&mut writer, last, &inner.db)?;
            committed = last;
        })();
        if committed != start {
            inner.applied.store(committed, Ordering::SeqCst);
            inner.reader.reload()?;
        }
        if let Err(e) = result {
            if let Err(r) = writer.rollback() {
                tracing::error!(error = %r, "search index rollback");
            }
            return Err(e);
        }
        Ok(committed)
    }

    /// Rebuilds the whole index from the store. A failure rolls the writer
    /// back, so a later commit cannot publish half a rebuild.
    pub fn reindex(&self, progress: &dyn Fn(u64, u64)) -> Result<u64> {
        let inner = &self.inner;
        let Some(writer) = &inner.writer else {
            return Err(Error::Index("the search index is kept by another process (a running server)".into()));
        };
        let mut writer = writer.lock();
        // Changes committed while we scan are replayed by the next catch-up.
        let seq = inner.store.last_seq()?;
        let result = (|| {
            writer.delete_all_documents()?;
            let total: i64 = inner.store.read(concepts::count)?;
            let mut after = 0i64;
            let mut done = 0u64;
            loop {
                let ids: Vec<i64> = inner.store.read(|c| concepts::ids_after(c, after, BATCH))?;
                let Some(&last) = ids.last() else { break };
                self.add_concepts(&writer, &ids, false)?;
                done += ids.len() as u64;
                progress(done, total.max(0) as u64);
                after = last;
            }
            Ok(done)
        })();
        let done = match result.and_then(|done| commit(&mut writer, seq, &inner.db).map(|_| done)) {
            Ok(done) => done,
            Err(e) => {
                if let Err(r) = writer.rollback() {
                    tracing::error!(error = %r, "search index rollback");
                }
                return Err(e);
            }
        };
        inner.reader.reload()?;
        inner.applied.store(seq, Ordering::SeqCst);
        drop(writer);
        self.catch_up()?;
        Ok(done)
    }

    /// Indexes `ids` as the store has them now; `replace` deletes their old documents
    /// first (a concept that no longer exists just loses them).
    fn add_concepts(&self, writer: &IndexWriter, ids: &[i64], replace: bool) -> Result<()> {
        let inner = &self.inner;
        // One pooled connection per chunk; a chunk's concepts are held in memory briefly.
        for chunk in ids.chunks(256) {
            let loaded = inner.store.read(|c| {
                chunk
                    .iter()
                    .map(|&id| load_both_views(c, ConceptId(id)).map(|views| (id, views)))
                    .collect::<Result<Vec<_>>>()
            })?;
            for (id, (public, staff)) in loaded {
                if replace {
                    writer.delete_term(Term::from_field_u64(inner.fields.cid, id as u64));
                }
                if let Some(staff) = staff {
                    for doc in document::documents(&inner.fields, public.as_ref(), &staff) {
                        writer.add_document(doc)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Starts a thread that polls the change log, for writes made by other
    /// processes. It stops when the last `SearchIndex` handle is dropped.
    pub fn spawn_follower(&self, every: Duration) {
        let weak: Weak<Inner> = Arc::downgrade(&self.inner);
        std::thread::Builder::new()
            .name("index-follower".into())
            .spawn(move || loop {
                std::thread::sleep(every);
                let Some(inner) = weak.upgrade() else { return };
                if inner.stop.load(Ordering::SeqCst) {
                    return;
                }
                if let Err(e) = (SearchIndex { inner }).catch_up() {
                    tracing::warn!(error = %e, "search index follower");
                }
            })
            .ok();
    }

    /// The analyzers, for callers that compare texts the way search does.
    pub fn tokenizers(&self) -> &tantivy::tokenizer::TokenizerManager {
        self.inner.index.tokenizers()
    }

    /// Number of section documents (for stats and tests).
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    /// Segments of the last commit (merges included): each one costs every query a
    /// term-dictionary walk, so a large index wants few.
    pub fn segments(&self) -> Result<usize> {
        Ok(self.inner.index.searchable_segment_metas()?.len())
    }

    /// Waits until the merge policy finds nothing left to merge: the merges that a
    /// bulk import's commit started are done. A process that ends before them (a
    /// CLI command) abandons them, and the next writer only resumes them, so a
    /// command that wrote much waits here to leave the index as searches want it.
    /// Gives up when the segment list has not changed for `patience` (a merge that
    /// fails is retried by the next writer). Returns the segments left; `progress`
    /// hears the count whenever it changes.
    pub fn wait_for_merges(&self, patience: Duration, progress: &dyn Fn(usize)) -> Result<usize> {
        let policy = merge::CappedMergePolicy::default();
        let mut last: Vec<tantivy::index::SegmentId> = Vec::new();
        let mut changed = std::time::Instant::now();
        loop {
            let metas = self.inner.index.searchable_segment_metas()?;
            let mut ids: Vec<_> = metas.iter().map(tantivy::index::SegmentMeta::id).collect();
            ids.sort_unstable();
            if ids != last {
                progress(ids.len());
                last = ids;
                changed = std::time::Instant::now();
            }
            let settled = self.inner.writer.is_none() || policy.compute_merge_candidates(&metas).is_empty();
            if settled || changed.elapsed() >= patience {
                if !settled {
                    tracing::warn!(
                        segments = last.len(),
                        "search index merges made no progress; the next writer retries"
                    );
                }
                self.inner.reader.reload()?;
                return Ok(last.len());
            }
            std::thread::sleep(MERGE_POLL);
        }
    }

    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let exact_total = self.inner.exact_total.load(Ordering::Relaxed);
        query::search(&self.inner.index, &self.inner.fields, &self.inner.reader.searcher(), req, exact_total)
    }

    /// Lowers the number of concepts a search counts exactly (default [`EXACT_TOTAL`]), so that
    /// tests can pass it with a few concepts. Not for production use.
    #[doc(hidden)]
    pub fn set_exact_total_for_tests(&self, n: u64) {
        self.inner.exact_total.store(n, Ordering::Relaxed);
    }

    pub fn suggest(
        &self,
        q: &str,
        lang: Option<crate::model::Lang>,
        public_only: bool,
        limit: usize,
    ) -> Result<Vec<Suggestion>> {
        query::suggest(
            &self.inner.index,
            &self.inner.fields,
            &self.inner.reader.searcher(),
            q,
            lang,
            public_only,
            limit,
        )
    }

    /// Concept ids and their indexed public terms: lets tests compare the index with SQLite.
    pub fn public_cards(&self) -> Result<Vec<(ConceptId, Card)>> {
        query::public_cards(&self.inner.fields, &self.inner.reader.searcher())
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Why the index could not be opened: held by another process (an error to
/// report), or damaged (a reason to rebuild).
enum OpenError {
    Locked(Error),
    Broken(Error),
}

impl OpenError {
    fn into_inner(self) -> Error {
        match self {
            OpenError::Locked(e) | OpenError::Broken(e) => e,
        }
    }
}

/// How often [`SearchIndex::wait_for_merges`] reads the segment list.
const MERGE_POLL: Duration = Duration::from_millis(200);

/// Starts the merges the policy asks for on the committed segments. Tantivy only
/// considers merging after a commit, and a writer that goes away abandons the
/// merges under way: without this, an index left by an import that ended (or was
/// killed) while merging would keep its many small segments until the next write.
fn resume_merges(writer: &mut IndexWriter, index: &Index) {
    let Ok(metas) = index.searchable_segment_metas() else { return };
    let candidates = merge::CappedMergePolicy::default().compute_merge_candidates(&metas);
    if !candidates.is_empty() {
        tracing::info!(segments = metas.len(), merges = candidates.len(), "search index: resuming merges");
    }
    for candidate in candidates {
        // Runs on the merge thread; its outcome is applied (and logged) there.
        drop(writer.merge(&candidate.0));
    }
}

fn commit(writer: &mut IndexWriter, seq: i64, db: &str) -> Result<()> {
    let payload = serde_json::to_string(&Payload { seq, format: format_version(), db: db.to_string() })?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

fn open_existing(path: &Path) -> Result<Option<(Index, Payload)>> {
    if !path.join("meta.json").exists() {
        return Ok(None);
    }
    let index = match directory::IndexDirectory::open(path).and_then(Index::open) {
        Ok(i) => i,
        Err(e) => {
            tracing::warn!(error = %e, "search index unreadable; rebuilding");
            return Ok(Some((
                Index::create_in_ram(Fields::build().schema),
                Payload { seq: 0, format: 0, db: String::new() },
            )));
        }
    };
    let payload = payload_of(&index);
    Ok(Some((index, payload)))
}

/// What the last commit recorded (nothing yet: sequence 0, no format).
fn payload_of(index: &Index) -> Payload {
    index
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
        .unwrap_or(Payload { seq: 0, format: 0, db: String::new() })
}

fn create(path: &Path, fields: &Fields) -> Result<Index> {
    std::fs::create_dir_all(path)?;
    let dir = directory::IndexDirectory::open(path).map_err(|e| Error::Index(e.to_string()))?;
    Ok(Index::create(dir, fields.schema.clone(), tantivy::IndexSettings::default())?)
}
