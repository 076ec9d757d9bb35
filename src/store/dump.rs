//! JSON Lines dump and restore of everything, so a database can be moved to
//! another machine or rebuilt losslessly: concepts with every language (working
//! copy and published snapshot, statuses, revisions, dates, actors), study
//! groups, Recommendations, users, comments, the append-only history with its
//! ids, the change log, and text in languages outside the six.
//!
//! # Format
//!
//! One JSON object per line, UTF-8:
//!
//! ```text
//! {"hexaglot_dump":1,"created_at":"2026-11-23T15:32:05Z","schema":3,"tables":["meta","language",…]}
//! {"table":"concept","row":{"id":1,"status":"accepted","rec_id":"ITU-T E.119",…}}
//! …
//! {"end":{"rows":5231,"tables":{"concept":120,"history":310,…}}}
//! ```
//!
//! Each `row` is one database row as stored, columns in table order: the dump
//! mirrors the schema rather than an API shape, which is what makes it exact
//! (JSON columns such as `published` stay strings, byte for byte; BLOBs, such
//! as the compact `history.before`/`after` snapshots, are `{"blob": "<hex>"}`). Tables come in dependency order (study groups and Recommendations,
//! users, concepts and their sections, terms and notes, comments, history,
//! change log), rows by primary key. `schema` is the database's migration
//! version; a dump restores only into the same version. The `end` line lets a
//! restore tell a complete dump from a truncated one.
//!
//! A dump is a backup of the institution: it holds user names, roles and the
//! SHA-256 hashes of their tokens (tokens themselves are never stored, so never
//! dumped), so that everyone's token keeps working after a move. Keep dumps as
//! confidential as the database file.
//!
//! # Restore
//!
//! Only into an empty database: one holding nothing but the bundled seed (a
//! freshly created data directory), which the restore replaces. Everything
//! happens in one transaction, so a failed restore (a truncated or corrupted
//! dump, another schema version) leaves the seeded database as it was. The
//! history table's append-only triggers are dropped for the duration of that
//! transaction and recreated from their own definitions before it commits.
//!
//! The restored database gets a new `meta.db_id`: it is a new database file,
//! so any search index lying in the data directory is rebuilt from the
//! restored change log on the next [`crate::App::open`] (the restore makes sure
//! every concept is in that log). Run a restore with no server on the data
//! directory (`App::open_store`), then start the server. The services are
//! `App::dump` and `App::restore`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Read, Write};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::Store;
use crate::error::{Error, Result};
use crate::model::now;

/// The dump format version, in the header line.
pub const DUMP_FORMAT: u64 = 1;

/// Tables in the order they are dumped; any table not listed (a later
/// migration's) follows in name order, and `sqlite_sequence` comes last.
const ORDER: [&str; 15] = [
    "meta",
    "language",
    "study_group",
    "recommendation",
    "user",
    "user_binding",
    "concept",
    "concept_sg",
    "lang_section",
    "term",
    "note",
    "other_lang",
    "comment",
    "history",
    "change_log",
];

/// SQLite's own table of AUTOINCREMENT counters: dumped so the change log
/// continues from the same number, even past deleted rows.
const SEQUENCE: &str = "sqlite_sequence";

/// Longest line a restore accepts (a history entry holds two concept snapshots).
const MAX_LINE: u64 = 64 * 1024 * 1024;

/// The actor the bundled seed writes as (see `store::seed`).
const SEED_ACTOR: &str = "seed";

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct DumpStats {
    /// Rows written, all tables.
    pub rows: u64,
    /// Rows written per table.
    pub tables: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct RestoreStats {
    /// Rows restored, all tables.
    pub rows: u64,
    /// Rows restored per table.
    pub tables: BTreeMap<String, u64>,
    /// Whether seeded content was there and has been replaced.
    pub replaced_seed: bool,
    /// `created_at` of the dump.
    pub dumped_at: Option<String>,
}

/// The first line, fields in this order so `head -1` reads well.
#[derive(Serialize)]
struct Header<'a> {
    hexaglot_dump: u64,
    created_at: String,
    schema: i64,
    tables: &'a [String],
}

/// The last line: what a complete dump holds.
#[derive(Serialize)]
struct End<'a> {
    end: &'a DumpStats,
}

/// Writes the whole database to `w` as JSON Lines, from one consistent
/// snapshot (a read transaction), so it is safe while a server is writing.
pub fn dump<W: Write>(store: &Store, w: W) -> Result<DumpStats> {
    store.read(|c| {
        // Every table read from the same snapshot.
        let tx = c.unchecked_transaction()?;
        let mut out = BufWriter::new(w);
        let tables = dump_order(&tx)?;
        let header =
            Header { hexaglot_dump: DUMP_FORMAT, created_at: now(), schema: schema_version(&tx)?, tables: &tables };
        serde_json::to_writer(&mut out, &header)?;
        out.write_all(b"\n")?;
        let mut stats = DumpStats::default();
        for table in &tables {
            let n = dump_table(&tx, table, &mut out)?;
            stats.rows += n;
            stats.tables.insert(table.clone(), n);
        }
        serde_json::to_writer(&mut out, &End { end: &stats })?;
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(stats)
    })
}

fn schema_version(c: &Connection) -> Result<i64> {
    Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Quotes an identifier for SQL.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The database's own tables, in dump order.
fn dump_order(c: &Connection) -> Result<Vec<String>> {
    let mut stmt = c.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let mut rest: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut tables: Vec<String> =
        ORDER.iter().filter(|t| rest.iter().any(|r| r == *t)).map(|t| t.to_string()).collect();
    rest.retain(|t| !ORDER.contains(&t.as_str()));
    tables.extend(rest);
    if table_exists(c, SEQUENCE)? {
        tables.push(SEQUENCE.to_string());
    }
    Ok(tables)
}

fn table_exists(c: &Connection, name: &str) -> Result<bool> {
    Ok(c.query_row("SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)", [name], |r| {
        r.get(0)
    })?)
}

/// Column names in table order, and the primary-key columns in key order.
fn columns(c: &Connection, table: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut stmt = c.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let cols: Vec<(String, i64)> =
        stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut pk: Vec<&(String, i64)> = cols.iter().filter(|(_, k)| *k > 0).collect();
    pk.sort_by_key(|(_, k)| *k);
    let pk = pk.into_iter().map(|(n, _)| n.clone()).collect();
    Ok((cols.into_iter().map(|(n, _)| n).collect(), pk))
}

fn dump_table(c: &Connection, table: &str, out: &mut impl Write) -> Result<u64> {
    let (cols, pk) = columns(c, table)?;
    let order = if table == SEQUENCE {
        "name".to_string()
    } else if pk.is_empty() {
        "rowid".to_string()
    } else {
        pk.iter().map(|k| ident(k)).collect::<Vec<_>>().join(", ")
    };
    let select = cols.iter().map(|k| ident(k)).collect::<Vec<_>>().join(", ");
    let mut stmt = c.prepare(&format!("SELECT {select} FROM {} ORDER BY {order}", ident(table)))?;
    let mut rows = stmt.query([])?;
    let table_json = serde_json::to_string(table)?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        // Written by hand to keep the columns in table order.
        write!(out, "{{\"table\":{table_json},\"row\":{{")?;
        for (i, col) in cols.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, col)?;
            out.write_all(b":")?;
            serde_json::to_writer(&mut *out, &to_json(row.get_ref(i)?, table, col)?)?;
        }
        out.write_all(b"}}\n")?;
        n += 1;
    }
    Ok(n)
}

fn to_json(v: ValueRef<'_>, table: &str, col: &str) -> Result<serde_json::Value> {
    Ok(match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => {
            serde_json::Number::from_f64(f).map(serde_json::Value::Number).unwrap_or(serde_json::Value::Null)
        }
        ValueRef::Text(t) => std::str::from_utf8(t)
            .map_err(|_| Error::Internal(format!("{table}.{col} holds text that is not UTF-8")))?
            .into(),
        ValueRef::Blob(b) => serde_json::json!({ "blob": hex::encode(b) }),
    })
}

fn from_json(v: &serde_json::Value) -> std::result::Result<Value, String> {
    Ok(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().ok_or("a number out of range")?),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        serde_json::Value::Object(o) => match o.get("blob").and_then(|b| b.as_str()) {
            Some(h) if o.len() == 1 => Value::Blob(hex::decode(h).map_err(|e| format!("a blob that is not hex: {e}"))?),
            _ => return Err("an object that is not {\"blob\": \"<hex>\"}".into()),
        },
        serde_json::Value::Array(_) => return Err("an array is not a column value".into()),
    })
}

/// Restores a dump into `store`, which must hold nothing but the seed (see the
/// module docs). One transaction: all or nothing.
pub fn restore<R: BufRead>(store: &Store, r: R) -> Result<RestoreStats> {
    let mut lines = Lines { r, n: 0, buf: String::new() };
    store.write("restore", |tx| {
        let c = tx.conn();
        let header = lines.next_value()?.ok_or_else(|| Error::Invalid("the dump is empty".into()))?;
        let format = header.get("hexaglot_dump").and_then(|v| v.as_u64());
        if format != Some(DUMP_FORMAT) {
            return Err(Error::Invalid(match format {
                None => "line 1: not a hexaglot dump (expected a {\"hexaglot_dump\": 1, …} header)".to_string(),
                Some(f) => format!("line 1: dump format {f} is not supported (this hexaglot reads format {DUMP_FORMAT})"),
            }));
        }
        let schema = schema_version(c)?;
        let dumped = header.get("schema").and_then(|v| v.as_i64());
        if dumped != Some(schema) {
            return Err(Error::Invalid(format!(
                "the dump has schema version {}, this database {schema}: restore it with the hexaglot version that made it",
                dumped.map_or("(none)".to_string(), |d| d.to_string())
            )));
        }
        let mut stats = RestoreStats {
            dumped_at: header.get("created_at").and_then(|v| v.as_str()).map(str::to_string),
            replaced_seed: ensure_only_seed(c)?,
            ..Default::default()
        };
        let seed_version: Option<String> =
            c.query_row("SELECT value FROM meta WHERE key = 'seed_version'", [], |r| r.get(0)).optional()?;

        // Foreign keys are checked at commit, so rows may come in any order.
        c.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let triggers: Vec<(String, String)> = {
            let mut stmt = c.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY name")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (name, _) in &triggers {
            c.execute_batch(&format!("DROP TRIGGER {}", ident(name)))?;
        }
        let tables = dump_order(c)?;
        let mut known: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &tables {
            c.execute_batch(&format!("DELETE FROM {}", ident(t)))?;
            known.insert(t.clone(), columns(c, t)?.0);
        }

        let mut ended = None;
        while let Some(v) = lines.next_value()? {
            let at = lines.n;
            if ended.is_some() {
                return Err(Error::Invalid(format!("line {at}: data after the end line")));
            }
            if let Some(end) = v.get("end") {
                ended = Some(end.clone());
                continue;
            }
            let (Some(table), Some(row)) = (v.get("table").and_then(|t| t.as_str()), v.get("row").and_then(|r| r.as_object())) else {
                return Err(Error::Invalid(format!("line {at}: expected {{\"table\": …, \"row\": {{…}}}}")));
            };
            let cols = known.get(table).ok_or_else(|| Error::Invalid(format!("line {at}: unknown table '{table}'")))?;
            if let Some(bad) = row.keys().find(|k| !cols.contains(k)) {
                return Err(Error::Invalid(format!("line {at}: table {table} has no column '{bad}'")));
            }
            let values: Vec<Value> = row
                .values()
                .map(from_json)
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| Error::Invalid(format!("line {at}: {e}")))?;
            insert_row(c, table, row.keys().map(String::as_str), values).map_err(|e| match e {
                Error::Storage(e) => Error::Invalid(format!("line {at}: {table}: {e}")),
                e => e,
            })?;
            stats.rows += 1;
            *stats.tables.entry(table.to_string()).or_default() += 1;
        }
        let end = ended.ok_or_else(|| Error::Invalid(format!("the dump ends at line {} without its end line: it is truncated", lines.n)))?;
        let expected_rows = end.get("rows").and_then(|v| v.as_u64());
        let expected: BTreeMap<String, u64> =
            end.get("tables").cloned().and_then(|t| serde_json::from_value(t).ok()).unwrap_or_default();
        let mut got = stats.tables.clone();
        got.retain(|_, n| *n > 0);
        let mut want = expected;
        want.retain(|_, n| *n > 0);
        if expected_rows != Some(stats.rows) || want != got {
            return Err(Error::Invalid(format!(
                "the end line announces {} rows, the dump holds {}: it is damaged",
                expected_rows.map_or("?".to_string(), |n| n.to_string()),
                stats.rows
            )));
        }

        // A new database file: a new identity, so no index built for another is trusted.
        let id: [u8; 16] = rand::random();
        c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('db_id', ?1)", [hex::encode(id)])?;
        // Without it the next open would load the seed on top.
        if let Some(v) = seed_version {
            c.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('seed_version', ?1)", [v])?;
        }
        // The index is rebuilt from the change log: every concept must be in it.
        c.execute(
            "INSERT INTO change_log (concept_id, at)
             SELECT id, ?1 FROM concept WHERE id NOT IN (SELECT concept_id FROM change_log) ORDER BY id",
            [tx.at()],
        )?;
        for (_, sql) in &triggers {
            c.execute_batch(sql)?;
        }
        check_foreign_keys(c)?;
        Ok(stats)
    })
}

fn insert_row<'a>(c: &Connection, table: &str, cols: impl Iterator<Item = &'a str>, values: Vec<Value>) -> Result<()> {
    let cols: Vec<&str> = cols.collect();
    if table == SEQUENCE {
        // AUTOINCREMENT inserts keep this table up to date by themselves; set the counter as dumped.
        let get =
            |k: &str| cols.iter().position(|c| *c == k).and_then(|i| values.get(i).cloned()).unwrap_or(Value::Null);
        let (name, seq) = (get("name"), get("seq"));
        if c.execute("UPDATE sqlite_sequence SET seq = ?2 WHERE name = ?1", rusqlite::params![name, seq])? == 0 {
            c.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)", rusqlite::params![name, seq])?;
        }
        return Ok(());
    }
    // Of a known table and columns only (checked by the caller), so safe to splice.
    let meta_db_id = table == "meta"
        && cols.iter().position(|c| *c == "key").and_then(|i| values.get(i)) == Some(&Value::Text("db_id".into()));
    if meta_db_id {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        ident(table),
        cols.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", "),
        vec!["?"; cols.len()].join(", ")
    );
    c.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// True when the seed is there, false when the database is bare; an error
/// when anything else is (a user, a comment, a change by anyone but the seed).
fn ensure_only_seed(c: &Connection) -> Result<bool> {
    let count = |sql: &str| -> Result<i64> { Ok(c.query_row(sql, [SEED_ACTOR], |r| r.get(0))?) };
    let found = [
        ("users", count("SELECT COUNT(*) FROM user WHERE ?1 IS NOT NULL")?),
        ("comments", count("SELECT COUNT(*) FROM comment WHERE ?1 IS NOT NULL")?),
        ("history entries not from the seed", count("SELECT COUNT(*) FROM history WHERE actor <> ?1")?),
        ("concepts not from the seed", count("SELECT COUNT(*) FROM concept WHERE created_by IS NOT ?1")?),
        ("texts in other languages", count("SELECT COUNT(*) FROM other_lang WHERE ?1 IS NOT NULL")?),
    ];
    let what: Vec<String> = found.iter().filter(|(_, n)| *n > 0).map(|(w, n)| format!("{n} {w}")).collect();
    if !what.is_empty() {
        return Err(Error::conflict(
            format!("the database is not empty ({}); restore into a new data directory", what.join(", ")),
            None,
        ));
    }
    Ok(count("SELECT COUNT(*) FROM concept WHERE ?1 IS NOT NULL")? > 0)
}

fn check_foreign_keys(c: &Connection) -> Result<()> {
    let mut stmt = c.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 5")?;
    let bad: Vec<(String, Option<i64>, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    if bad.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = bad
        .iter()
        .map(|(t, id, p)| {
            format!("a {t} row{} refers to a missing {p}", id.map(|i| format!(" (rowid {i})")).unwrap_or_default())
        })
        .collect();
    Err(Error::Invalid(format!("the dump is inconsistent: {}", list.join("; "))))
}

/// Reads a dump line by line, skipping blank lines, counting for messages.
struct Lines<R> {
    r: R,
    n: u64,
    buf: String,
}

impl<R: BufRead> Lines<R> {
    fn next_value(&mut self) -> Result<Option<serde_json::Value>> {
        loop {
            self.buf.clear();
            self.n += 1;
            let read = (&mut self.r).take(MAX_LINE).read_line(&mut self.buf).map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidData => Error::Invalid(format!("line {}: not UTF-8", self.n)),
                _ => Error::Io(e),
            })?;
            if read == 0 {
                self.n -= 1;
                return Ok(None);
            }
            if read as u64 == MAX_LINE && !self.buf.ends_with('\n') {
                return Err(Error::Invalid(format!("line {}: longer than {MAX_LINE} bytes", self.n)));
            }
            let line = self.buf.trim();
            if line.is_empty() {
                continue;
            }
            return serde_json::from_str(line)
                .map(Some)
                .map_err(|e| Error::Invalid(format!("line {}: not JSON: {e}", self.n)));
        }
    }
}
