//! A small pool of read-only connections. Connections are opened on demand and
//! kept for reuse; SQLite connections are cheap, so no upper bound is needed
//! beyond the number of concurrent readers.

use std::ops::Deref;
use std::path::PathBuf;

use parking_lot::Mutex;
use rusqlite::Connection;

use crate::error::Result;

const MAX_IDLE: usize = 16;

pub(super) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

pub(super) struct PooledConn<'p> {
    pool: &'p Pool,
    conn: Option<Connection>,
}

impl Pool {
    pub(super) fn new(path: PathBuf) -> Self {
        Pool { path, idle: Mutex::new(Vec::new()) }
    }

    pub(super) fn get(&self) -> Result<PooledConn<'_>> {
        let conn = match self.idle.lock().pop() {
            Some(c) => c,
            None => super::open_connection(&self.path, true)?,
        };
        Ok(PooledConn { pool: self, conn: Some(conn) })
    }
}

impl Deref for PooledConn<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("connection present until drop")
    }
}

impl Drop for PooledConn<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.conn.take() {
            let mut idle = self.pool.idle.lock();
            if idle.len() < MAX_IDLE {
                idle.push(c);
            }
        }
    }
}
