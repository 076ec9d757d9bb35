//! The domain services every front end (HTTP API, web pages, CLI) calls: the
//! only door to the store and the search index, which are private to it. The
//! services know nothing of HTTP; handlers parse input, call one, map the result.
//!
//! - [`catalog`] — reads (concepts, Recommendations, study groups, statistics, search)
//! - [`workflow`] — the SCV steps, comments and history
//! - [`queue`] — what each user can act on now
//! - [`import`] — the one import plan (default statuses) and the bulk load it writes through
//! - [`export`] — streaming exports
//! - [`users`] — users and their tokens
//! - [`backup`] — backup, dump and restore
//! - [`metrics`] — what `/metrics` reports
//! - [`watches`] — what users follow, and what changed there
//! - [`annotate`] — every known term of a text, and translations checked against the termbase
//!
//! Front ends: `api/` (JSON over HTTP), `web/` (pages), `mcp/` (tools for AI assistants), the CLI.

pub mod annotate;
pub mod backup;
pub mod catalog;
pub mod export;
pub mod import;
mod lookup;
pub mod metrics;
pub mod queue;
mod recognizer;
mod seed;
pub mod users;
pub mod watches;
pub mod workflow;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use annotate::{
    AnnotateRequest, AnnotatedSpan, Annotation, CheckReport, CheckRequest, CheckSummary, ConceptCount, Finding,
    FindingKind, Flag, Lookup, LookupRequest, LookupResult, Place,
};
pub use catalog::{Equivalent, RecommendationDetail};

use crate::error::{Error, Result};
use crate::search::SearchIndex;
use crate::store::Store;
use recognizer::Recognizer;

/// Cheap to clone: everything inside is shared.
#[derive(Clone)]
pub struct App {
    store: Store,
    search: Option<SearchIndex>,
    /// The term dictionary of `annotate`, built on first use or by [`App::follow_changes`].
    recognizer: Arc<Recognizer>,
    data_dir: PathBuf,
    metrics: std::sync::Arc<metrics::Metrics>,
    /// Imports index what they store as they go (see [`App::open_for_import`]).
    index_while_importing: bool,
}

impl App {
    fn new(store: Store, search: Option<SearchIndex>, data_dir: &Path) -> App {
        App {
            recognizer: Recognizer::new(store.clone()),
            store,
            search,
            data_dir: data_dir.to_path_buf(),
            metrics: Default::default(),
            index_while_importing: false,
        }
    }

    /// Opens the data directory (creating and seeding it on first use) and its
    /// search index, which catches up with the database before this returns.
    pub fn open(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        App::new(store.clone(), None, data_dir).seed_word()?;
        let search = SearchIndex::open(data_dir, store.clone())?;
        Ok(App::new(store, Some(search), data_dir))
    }

    /// Opens the data directory as [`App::open`] does, but without the bundled Word
    /// content (`data/word/`): for tests that import those very Word files themselves.
    #[doc(hidden)]
    pub fn open_without_word_seed(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        App::new(store.clone(), None, data_dir).mark_word_seed()?;
        Self::open(data_dir)
    }

    /// Opens only the database: for commands that must not take the index
    /// lock while a server runs (stats, backup, import). The server's index
    /// follower picks their changes up.
    pub fn open_store(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        let app = App::new(store, None, data_dir);
        app.seed_word()?;
        Ok(app)
    }

    /// Opens the data directory for a bulk import (`hexaglot import`). With no server on
    /// it, this process takes the search index and imports index while they store, on a
    /// second thread, committing the index right after the store: one pass over both
    /// cores instead of storing and then indexing. Beside a running server (which holds
    /// the index) it opens only the database, as [`App::open_store`] does, and the
    /// server's follower indexes the import.
    pub fn open_for_import(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        App::new(store.clone(), None, data_dir).seed_word()?;
        let search = match SearchIndex::open_or_follow_for_import(data_dir, store.clone()) {
            Ok(s) if s.is_writer() => Some(s),
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "search index not opened; the import writes only the database");
                None
            }
        };
        let mut app = App::new(store, search, data_dir);
        app.index_while_importing = app.search.is_some();
        Ok(app)
    }

    /// Opens the data directory to rebuild its search index ([`App::reindex`], `hexaglot
    /// reindex`): no server may hold the index meanwhile, so every core indexes, and the
    /// index is not caught up first (the rebuild replays everything).
    pub fn open_for_reindex(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        App::new(store.clone(), None, data_dir).seed_word()?;
        let search = SearchIndex::open_for_rebuild(data_dir, store.clone())?;
        Ok(App::new(store, Some(search), data_dir))
    }

    /// Opens the data directory for a process that may run beside a server (`hexaglot mcp`):
    /// with no server running it keeps the index current as [`App::open`] does; when a
    /// server holds the index, it searches that index read-only and leaves indexing
    /// its own writes (committed to the store and its change log) to the server's follower.
    pub fn open_beside_server(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        App::new(store.clone(), None, data_dir).seed_word()?;
        let search = SearchIndex::open_or_follow(data_dir, store.clone())?;
        Ok(App::new(store, Some(search), data_dir))
    }

    /// Whether this process keeps the search index current (no other process holds it).
    pub fn keeps_index(&self) -> bool {
        self.search.as_ref().is_some_and(SearchIndex::is_writer)
    }

    fn index(&self) -> Result<&SearchIndex> {
        self.search.as_ref().ok_or_else(|| Error::Internal("the search index is not open in this process".into()))
    }

    /// Makes the index reflect every committed change; called after each write.
    /// The write is already committed to SQLite, the source of truth, so an
    /// index failure (a full disk, say) must not turn it into an error for the
    /// caller: it is logged, and the follower or the next start catches up.
    pub fn sync_index(&self) {
        if let Some(s) = &self.search {
            if let Err(e) = s.catch_up() {
                tracing::error!(error = %e, "search index behind the database; it will catch up");
            }
        }
        // Before its first build the dictionary has nothing to update: the build reads the change.
        if self.recognizer.is_built() {
            if let Err(e) = self.recognizer.catch_up() {
                tracing::error!(error = %e, "term dictionary behind the database; it will catch up");
            }
        }
    }

    /// Follows writes made by other processes on the same data directory (CLI
    /// imports), so they reach the index within `every`. Without an index, nothing to follow.
    /// Also builds the term dictionary in the background (serving does not wait for it)
    /// and keeps it following the change log.
    pub fn follow_changes(&self, every: std::time::Duration) {
        if let Some(s) = &self.search {
            s.spawn_follower(every);
        }
        self.recognizer.spawn_follower(every);
    }

    /// Rebuilds the search index from the database; returns the concepts indexed.
    pub fn reindex(&self, progress: &dyn Fn(u64, u64)) -> Result<u64> {
        self.index()?.reindex(progress)
    }

    /// Waits for the search index's merges to settle (see [`SearchIndex::wait_for_merges`]):
    /// for a command that ends right after a bulk write. Returns the segments left, or
    /// `None` when this process does not keep the index (a server does).
    pub fn wait_for_index_merges(
        &self,
        patience: std::time::Duration,
        progress: &dyn Fn(usize),
    ) -> Result<Option<usize>> {
        match &self.search {
            Some(s) if s.is_writer() => s.wait_for_merges(patience, progress).map(Some),
            _ => Ok(None),
        }
    }

    /// Segments in the search index.
    pub fn index_segments(&self) -> Result<usize> {
        self.index()?.segments()
    }

    /// Documents in the search index (one per concept and view).
    pub fn index_docs(&self) -> Result<u64> {
        Ok(self.index()?.num_docs())
    }

    /// The last change-log sequence committed: what `since=` and `X-Hexaglot-Sequence` count in.
    pub fn change_sequence(&self) -> Result<i64> {
        self.store.last_seq()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}
