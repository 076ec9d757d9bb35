//! The App's one [`Dictionary`] of terms: built from the store, then kept current from the
//! change log like the search index (every write of this process catches it up at once,
//! a follower thread picks up other processes' writes).
//!
//! Serving never waits for it: `hexaglot serve` builds it in a background thread. An
//! annotation asked for before the build is done waits for that build (it holds the build
//! lock) rather than starting a second one; a page linking the terms of a definition
//! waits a moment at most, then renders without links. In a process that never started
//! the background build (the CLI), the first call builds it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use parking_lot::{Mutex, MutexGuard, RwLock, RwLockReadGuard};

use crate::error::Result;
use crate::model::ConceptId;
use crate::recognize::Dictionary;
use crate::store::{concepts, terms, Store};

/// Concepts read per query while building.
const BUILD_BATCH: i64 = 2048;
/// Changes read per query while catching up.
const CHANGES_BATCH: i64 = 20_000;
/// More changes than this behind (a bulk import) and the dictionary is rebuilt rather
/// than updated one concept at a time.
const REBUILD_AFTER: i64 = 200_000;
/// `applied` before the first build.
const UNBUILT: i64 = -1;

pub(crate) struct Recognizer {
    store: Store,
    dict: RwLock<Dictionary>,
    /// The change-log sequence the dictionary reflects; [`UNBUILT`] before the first build.
    applied: AtomicI64,
    /// Held while building or catching up: one at a time, and a reader that finds the
    /// dictionary unbuilt waits here for the build under way.
    updating: Mutex<()>,
}

impl Recognizer {
    pub(crate) fn new(store: Store) -> Arc<Recognizer> {
        Arc::new(Recognizer {
            store,
            dict: RwLock::new(Dictionary::new()),
            applied: AtomicI64::new(UNBUILT),
            updating: Mutex::new(()),
        })
    }

    /// The dictionary, built first if need be (waiting for a build under way).
    pub(crate) fn read(&self) -> Result<RwLockReadGuard<'_, Dictionary>> {
        if !self.is_built() {
            self.catch_up()?;
        }
        Ok(self.dict.read())
    }

    /// The dictionary if its first build is done and no update holds it, without building
    /// or waiting: for the lookups that have the index to fall back on (a server's first
    /// seconds at 1M concepts, a CLI process that never builds it, a bulk catch-up), and
    /// that may then run on the server's async workers.
    pub(crate) fn if_built(&self) -> Option<RwLockReadGuard<'_, Dictionary>> {
        self.is_built().then(|| self.dict.try_read()).flatten()
    }

    /// The dictionary if it is built, or can be within `patience` (a build under way that
    /// ends in time, or one this call makes when none is under way); else `None`. For
    /// pages, which must not wait long for the first build.
    pub(crate) fn read_within(&self, patience: Duration) -> Result<Option<RwLockReadGuard<'_, Dictionary>>> {
        if !self.is_built() {
            let Some(updating) = self.updating.try_lock_for(patience) else { return Ok(None) };
            self.catch_up_holding(updating)?;
        }
        Ok(Some(self.dict.read()))
    }

    /// Entries and heap bytes of the dictionary, once built (for `/metrics`).
    pub(crate) fn size(&self) -> Option<(usize, usize)> {
        self.is_built().then(|| {
            let dict = self.dict.read();
            (dict.len(), dict.heap_bytes())
        })
    }

    /// Whether the first build is done.
    pub(crate) fn is_built(&self) -> bool {
        self.applied.load(Ordering::SeqCst) != UNBUILT
    }

    /// Applies every change committed since the last one applied (building the whole
    /// dictionary the first time, or after a bulk import); returns the sequence reached.
    pub(crate) fn catch_up(&self) -> Result<i64> {
        self.catch_up_holding(self.updating.lock())
    }

    fn catch_up_holding(&self, _updating: MutexGuard<'_, ()>) -> Result<i64> {
        let mut applied = self.applied.load(Ordering::SeqCst);
        if applied == UNBUILT || self.store.last_seq()? - applied > REBUILD_AFTER {
            applied = self.build()?;
        }
        loop {
            let (ids, last) = self.store.changes_since(applied, CHANGES_BATCH)?;
            if last == applied {
                break;
            }
            let changed = self
                .store
                .read(|c| ids.iter().map(|&id| terms::of_concept(c, ConceptId(id))).collect::<Result<Vec<_>>>())?;
            let mut dict = self.dict.write();
            for concept in changed {
                dict.replace(concept);
            }
            drop(dict);
            applied = last;
            self.applied.store(applied, Ordering::SeqCst);
        }
        Ok(applied)
    }

    /// Builds the dictionary from every concept and swaps it in; returns the sequence it
    /// reflects (changes committed during the scan are replayed by the catch-up after).
    fn build(&self) -> Result<i64> {
        let started = std::time::Instant::now();
        let seq = self.store.last_seq()?;
        let mut failed = None;
        let mut after = 0i64;
        let batches = std::iter::from_fn(|| {
            let read = self.store.read(|c| {
                let ids = concepts::ids_after(c, after, BUILD_BATCH)?;
                match (ids.first(), ids.last()) {
                    (Some(&first), Some(&last)) => Ok(Some((last, terms::in_range(c, first, last)?))),
                    _ => Ok(None),
                }
            });
            match read {
                Ok(Some((last, batch))) => {
                    after = last;
                    Some(batch)
                }
                Ok(None) => None,
                Err(e) => {
                    failed = Some(e);
                    None
                }
            }
        });
        let dict = Dictionary::build(batches.flatten());
        if let Some(e) = failed {
            return Err(e);
        }
        tracing::info!(
            entries = dict.len(),
            concepts = dict.concept_count(),
            ms = started.elapsed().as_millis() as u64,
            "term dictionary built"
        );
        *self.dict.write() = dict;
        self.applied.store(seq, Ordering::SeqCst);
        Ok(seq)
    }

    /// Builds the dictionary in a background thread, then follows the change log every
    /// `every` until the last handle is dropped.
    pub(crate) fn spawn_follower(self: &Arc<Self>, every: Duration) {
        let weak: Weak<Recognizer> = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("term-dictionary".into())
            .spawn(move || loop {
                let Some(me) = weak.upgrade() else { return };
                if let Err(e) = me.catch_up() {
                    tracing::warn!(error = %e, "term dictionary follower");
                }
                drop(me);
                std::thread::sleep(every);
            })
            .ok();
    }
}
