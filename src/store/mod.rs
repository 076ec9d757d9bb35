//! SQLite, the source of truth. One writer connection behind a mutex applies
//! every change in a `BEGIN IMMEDIATE` transaction and appends history and the
//! change log in that same transaction; readers take connections from a small
//! pool, so reads never wait for writes (WAL).

pub mod concepts;
pub mod dump;
pub mod harmonization;
pub mod history;
mod migrations;
mod pool;
pub mod queue;
pub mod recs;
pub mod sections;
mod seed;
pub mod stats;
pub mod terms;
pub mod users;
pub mod watches;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use parking_lot::Mutex;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::now;

pub use concepts::{insert_concept, insert_concept_as, ConceptFilter, ConceptPage};

/// SQLite's errors, named here so that nothing outside the store names the driver.
pub type SqlError = rusqlite::Error;
/// Errors of the schema migrations.
pub type MigrationError = rusqlite_migration::Error;

/// SQLite's errors become the domain's; a full disk is its own kind (found by
/// SQLite's error code, not by the message).
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => {
                Error::DiskFull(e.to_string())
            }
            e => Error::Storage(e),
        }
    }
}

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "hexaglot.db";

#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: pool::Pool,
}

/// A write transaction: every mutation goes through one, so history and the
/// change log are written with the change or not at all.
pub struct WriteTx<'c> {
    tx: rusqlite::Transaction<'c>,
    actor: String,
    at: String,
}

impl<'c> WriteTx<'c> {
    pub fn conn(&self) -> &Connection {
        &self.tx
    }
    pub fn actor(&self) -> &str {
        &self.actor
    }
    /// The transaction's timestamp, shared by every row it writes.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// Appends a history entry and a change-log entry for `concept_id`; the snapshots
    /// are stored compactly (see [`history::codec`]), with their statuses beside them
    /// for the timeline's queries.
    pub fn record(
        &self,
        concept_id: i64,
        lang: Option<&str>,
        action: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
        comment: Option<&str>,
    ) -> Result<()> {
        let status = |v: Option<&serde_json::Value>| v.and_then(|v| v.get("status")?.as_str().map(str::to_string));
        if let Some(b) = before {
            // `before` is the concept as it was before this change: what a creation
            // marker still standing for it must become (see `history` on materializing).
            history::materialize_from(&self.tx, concept_id, b)?;
        }
        let (encoded_before, encoded_after) = history::encode(&self.tx, concept_id, before, after)?;
        self.insert_history(
            concept_id,
            lang,
            action,
            (encoded_before, encoded_after),
            comment,
            (status(before), status(after)),
        )
    }

    /// Records the creation of `concept_id` (with `status`) by `action`, its snapshot being
    /// the concept as it is until its first change (see [`history`]): nothing is copied.
    pub fn record_creation(&self, concept_id: i64, action: &str, status: &str) -> Result<()> {
        self.insert_history(
            concept_id,
            None,
            action,
            (None, Some(history::codec::current())),
            None,
            (None, Some(status.to_string())),
        )
    }

    fn insert_history(
        &self,
        concept_id: i64,
        lang: Option<&str>,
        action: &str,
        (encoded_before, encoded_after): (Option<history::Encoded>, Option<history::Encoded>),
        comment: Option<&str>,
        (before_status, after_status): (Option<String>, Option<String>),
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO history (concept_id, lang, action, actor, at, before, after, comment, before_status,
                                      after_status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(rusqlite::params![
                concept_id,
                lang,
                action,
                self.actor,
                self.at,
                encoded_before,
                encoded_after,
                comment,
                before_status,
                after_status
            ])?;
        self.touch(concept_id)
    }

    /// The last change-log sequence, as this transaction sees it.
    pub fn last_seq(&self) -> Result<i64> {
        Ok(self.tx.prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM change_log")?.query_row([], |r| r.get(0))?)
    }

    /// Marks a concept as changed for the search index without a history entry
    /// (for derived changes, e.g. a Recommendation renamed).
    pub fn touch(&self, concept_id: i64) -> Result<()> {
        self.tx
            .prepare_cached("INSERT INTO change_log (concept_id, at) VALUES (?1, ?2)")?
            .execute(rusqlite::params![concept_id, self.at])?;
        Ok(())
    }
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir`, applies migrations
    /// and loads the bundled seed into an empty database.
    pub fn open(data_dir: &Path) -> Result<Store> {
        let data_err = |message: String| Error::DataDir { path: data_dir.display().to_string(), message };
        if data_dir.exists() && !data_dir.is_dir() {
            return Err(data_err("exists and is not a directory".into()));
        }
        std::fs::create_dir_all(data_dir).map_err(|e| data_err(format!("cannot create: {e}")))?;
        let path = data_dir.join(DB_FILE);
        let mut writer = open_connection(&path, false).map_err(|e| data_err(format!("cannot open database: {e}")))?;
        migrations::apply(&mut writer)?;
        let store = Store {
            inner: Arc::new(Inner { path: path.clone(), writer: Mutex::new(writer), readers: pool::Pool::new(path) }),
        };
        seed::load_if_empty(&store)?;
        store.write("system", |tx| {
            // Identifies this database, so an index built from another one is never trusted.
            let id: [u8; 16] = rand::random();
            tx.conn().execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('db_id', ?1)", [hex::encode(id)])?;
            Ok(())
        })?;
        Ok(store)
    }

    pub fn db_path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` on a pooled read-only connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.inner.readers.get()?;
        f(&conn)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the writer connection,
    /// committing only if it returns `Ok`.
    pub fn write<T>(&self, actor: &str, f: impl FnOnce(&WriteTx) -> Result<T>) -> Result<T> {
        let mut conn = self.inner.writer.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let wtx = WriteTx { tx, actor: actor.to_string(), at: now() };
        let out = f(&wtx)?;
        wtx.tx.commit()?;
        Ok(out)
    }

    /// Like [`Store::write`], for a whole file in one transaction, where `f` also
    /// says whether to commit: dry runs and rejected files roll back while still
    /// returning what they found. The writer's page cache grows for it (and
    /// shrinks back after), so the indexes a large import grows at random places
    /// (`term_norm`, `change_log_concept`) stay in memory instead of being spilled
    /// to the WAL and read back again and again: at a million concepts that made
    /// the store step several times slower.
    pub fn bulk_write_maybe<T>(&self, actor: &str, f: impl FnOnce(&WriteTx) -> Result<(T, bool)>) -> Result<(T, bool)> {
        let mut conn = self.inner.writer.lock();
        conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let result = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let wtx = WriteTx { tx, actor: actor.to_string(), at: now() };
            let (out, commit) = f(&wtx)?;
            if commit {
                wtx.tx.commit()?;
            }
            Ok((out, commit))
        })();
        if matches!(result, Ok((_, true))) {
            // The commit's own checkpoint copied the transaction into the database; the
            // WAL still holds a copy of all of it (as large as what the import wrote)
            // until the next write resets it, or for good when the process ends
            // first. Truncating it gives that disk space back now.
            if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())) {
                tracing::warn!(error = %e, "could not truncate the WAL after a bulk import");
            }
        }
        // Frees the pages beyond the usual size.
        if let Err(e) = conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB) {
            tracing::warn!(error = %e, "could not shrink the writer's page cache");
        }
        drop(conn);
        return_freed_memory();
        result
    }

    /// The last change-log sequence number committed.
    pub fn last_seq(&self) -> Result<i64> {
        self.read(|c| Ok(c.query_row("SELECT COALESCE(MAX(seq), 0) FROM change_log", [], |r| r.get(0))?))
    }

    /// Concepts changed after `seq`, with the highest sequence seen, in at most `limit` changes.
    pub fn changes_since(&self, seq: i64, limit: i64) -> Result<(Vec<i64>, i64)> {
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT seq, concept_id FROM change_log WHERE seq > ?1 ORDER BY seq LIMIT ?2")?;
            let mut ids = Vec::new();
            let mut last = seq;
            let rows =
                stmt.query_map(rusqlite::params![seq, limit], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (s, id) = row?;
                last = s;
                ids.push(id);
            }
            ids.sort_unstable();
            ids.dedup();
            Ok((ids, last))
        })
    }

    /// Copies the live database to `dest` with SQLite's online backup API, so a
    /// running server can be backed up consistently.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::Invalid(format!("{} already exists; choose a new file", dest.display())));
        }
        let src = open_connection(&self.inner.path, true)?;
        let mut dst = Connection::open(dest)?;
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut dst)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        // A standalone file: no WAL side files needed to open it elsewhere.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// A meta value (e.g. the seed version).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.read(|c| Ok(c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?))
    }
}

/// Hands the heap a bulk import freed back to the system. glibc keeps freed
/// small blocks (SQLite's cache pages) for reuse, so without this a server
/// would carry a large import's page cache for the rest of its life, and the
/// indexing that follows an import would start from that much higher.
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own arenas; it takes no pointers and is thread-safe.
    #[allow(unsafe_code)]
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The writer's page cache (KiB).
const WRITER_CACHE_KIB: i64 = 64 * 1024;
/// What a bulk import's writer gets (KiB). 512 MiB: the term index a 1M import grows at random places (`term_norm`, 277 MiB)
/// stays cached; the 256 MiB of the 768 this was before went to the bulk index
/// writer's heap (`search::Writing::IMPORT`), within the import's 1.5 GiB.
const BULK_CACHE_KIB: i64 = 512 * 1024;

/// Opens a connection with the pragmas every connection needs.
pub(crate) fn open_connection(path: &Path, read_only: bool) -> rusqlite::Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
    };
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Room for every statement a concept load or insert uses (rusqlite keeps 16 by default),
    // so bulk work does not re-prepare them.
    conn.set_prepared_statement_cache_capacity(64);
    if !read_only {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The one writer: a bigger page cache keeps bulk imports from re-reading
        // the indexes they grow (SQLite's default is 2 MB).
        conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        // A big import's one transaction grows the WAL to the size of what it wrote;
        // give that disk space back after the checkpoint instead of keeping it.
        conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use crate::error::{Error, Fault, Kind};

    #[test]
    fn sqlite_disk_full_is_its_own_kind() {
        let full = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL), None);
        let e = Error::from(full);
        assert!(matches!(e, Error::DiskFull(_)), "{e:?}");
        assert_eq!(e.kind(), Kind { code: "disk_full", status: 507, fault: Fault::Capacity });
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None);
        assert_eq!(Error::from(busy).kind(), Kind { code: "storage", status: 500, fault: Fault::Server });
    }
}
