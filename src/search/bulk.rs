//! Indexing while a bulk import stores: the importing thread hands each concept it
//! wrote, read inside its transaction, to a thread that turns it into documents for
//! the index writer (whose own thread indexes them), so storing and indexing use
//! both cores instead of one after the other. The index commits only after the
//! store did, recording the import's last change-log sequence; an import that rolls
//! back (or a crash) leaves the index as it was, and it catches up from the change
//! log as after any other write.

use std::sync::atomic::Ordering;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use tantivy::Term;

use super::{commit, document, SearchIndex, BATCH};
use crate::error::{Error, Result};
use crate::model::Concept;

/// Concepts in flight between the importing thread and the indexing one.
const QUEUE: usize = 1024;

enum Msg {
    Concept {
        id: i64,
        public: Option<Box<Concept>>,
        staff: Option<Box<Concept>>,
        replace: bool,
    },
    /// The store committed the changes numbered `after..=last` (all the import's).
    Commit {
        before: i64,
        last: i64,
    },
}

/// Documents for one import, committed with it or not at all.
pub struct BulkIndexer {
    queue: Option<SyncSender<Msg>>,
    thread: Option<JoinHandle<Result<()>>>,
}

impl SearchIndex {
    /// Starts indexing for a bulk import; `None` when this process does not keep the index.
    /// The index writer is held until [`BulkIndexer::commit`] or the indexer is dropped
    /// (which rolls its documents back).
    pub fn bulk(&self) -> Option<BulkIndexer> {
        self.inner.writer.as_ref()?;
        let inner = Arc::clone(&self.inner);
        let (queue, rx) = sync_channel::<Msg>(QUEUE);
        let thread = std::thread::Builder::new()
            .name("bulk-index".into())
            .spawn(move || {
                let Some(writer) = &inner.writer else { return Ok(()) };
                let mut writer = writer.lock();
                let start = inner.applied.load(Ordering::SeqCst);
                let mut added: Result<()> = Ok(());
                let mut commit_to = None;
                for msg in rx {
                    match msg {
                        Msg::Concept { id, public, staff, replace } if added.is_ok() => {
                            if replace {
                                writer.delete_term(Term::from_field_u64(inner.fields.cid, id as u64));
                            }
                            if let Some(staff) = staff {
                                let docs = document::documents(&inner.fields, public.as_deref(), &staff);
                                for doc in docs {
                                    if let Err(e) = writer.add_document(doc) {
                                        added = Err(e.into());
                                        break;
                                    }
                                }
                            }
                        }
                        Msg::Concept { .. } => {}
                        Msg::Commit { before, last } => {
                            commit_to = Some((before, last));
                            break;
                        }
                    }
                }
                let result = added.and_then(|()| {
                    let Some((before, last)) = commit_to else { return Err(Error::Index("import rolled back".into())) };
                    // Changes other processes committed before the import began (the import's
                    // transaction held the database from `before` to `last`).
                    let mut done = start;
                    while done < before {
                        let (ids, seen) = inner.store.changes_since(done, BATCH.min(before - done))?;
                        if seen == done {
                            break;
                        }
                        SearchIndex { inner: Arc::clone(&inner) }.add_concepts(&writer, &ids, true)?;
                        done = seen;
                    }
                    commit(&mut writer, last, &inner.db)?;
                    inner.applied.store(last, Ordering::SeqCst);
                    inner.reader.reload()?;
                    Ok(())
                });
                if result.is_err() {
                    if let Err(r) = writer.rollback() {
                        tracing::error!(error = %r, "search index rollback");
                    }
                }
                result
            })
            .ok()?;
        Some(BulkIndexer { queue: Some(queue), thread: Some(thread) })
    }
}

impl BulkIndexer {
    /// Hands over a concept as the import's transaction has it (both views);
    /// `replace` drops documents the index may hold for it.
    pub fn add(&self, id: i64, public: Option<Concept>, staff: Option<Concept>, replace: bool) {
        if let Some(q) = &self.queue {
            // A send fails only if the thread ended on an error, which commit reports.
            let _ = q.send(Msg::Concept { id, public: public.map(Box::new), staff: staff.map(Box::new), replace });
        }
    }

    /// After the store committed the import (change-log sequences `before+1..=last`):
    /// commits the documents, and waits for it. On an error the index rolls back and
    /// catches up from the change log later, as after a crash.
    pub fn commit(mut self, before: i64, last: i64) -> Result<()> {
        if let Some(q) = self.queue.take() {
            let _ = q.send(Msg::Commit { before, last });
        }
        self.join()
    }

    fn join(&mut self) -> Result<()> {
        self.queue = None;
        match self.thread.take().map(JoinHandle::join) {
            None => Ok(()),
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(Error::Internal("the bulk indexing thread panicked".into())),
        }
    }
}

impl Drop for BulkIndexer {
    /// Without a commit, the documents are rolled back.
    fn drop(&mut self) {
        if self.thread.is_some() {
            let _ = self.join();
        }
    }
}
