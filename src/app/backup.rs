//! Copies of the whole database: a SQLite backup file, and the JSON Lines dump
//! and restore (see `store::dump` for the format).

use std::io::{BufRead, Write};
use std::path::Path;

use super::App;
use crate::error::Result;
use crate::store::dump;
pub use crate::store::dump::{DumpStats, RestoreStats, DUMP_FORMAT};

impl App {
    /// Copies the live database to `dest` (a new file) with SQLite's online
    /// backup, so a running server can be backed up consistently.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        self.store.backup(dest)
    }

    /// Writes everything as JSON Lines from one consistent snapshot.
    pub fn dump<W: Write>(&self, w: W) -> Result<DumpStats> {
        dump::dump(&self.store, w)
    }

    /// Restores a dump into this database, which must hold nothing but the
    /// bundled seed; all or nothing. Open it with [`App::open_store`] and open
    /// it again with [`App::open`] afterwards to rebuild the search index.
    pub fn restore<R: BufRead>(&self, r: R) -> Result<RestoreStats> {
        dump::restore(&self.store, r)
    }
}
