//! The SQLite FTS5 baseline: the same rows in a separate SQLite file.
//!
//! * `fts`: all six languages, `tokenize='unicode61 remove_diacritics 2'`.
//!   unicode61 keeps a run of Han characters as one token, which is useless
//!   for Chinese definitions, so
//! * `fts_zh`: the Chinese rows again, `tokenize='trigram'` (substring search;
//!   MATCH needs >= 3 characters, shorter Chinese queries use LIKE = a scan).
//!
//! Chinese queries go to `fts_zh`, all others to `fts` (with `lang = ?` when the
//! query is restricted to a language).

use std::path::Path;

use rusqlite::{params, Connection};

use crate::gen::{FtsQuery, GenConcept};

const COLS: &str = "concept_id UNINDEXED, lang UNINDEXED, term, definition, sg UNINDEXED, accepted UNINDEXED";

pub fn create(path: &Path) -> rusqlite::Result<Connection> {
    let _ = std::fs::remove_file(path);
    let c = Connection::open(path)?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    c.execute_batch(&format!(
        "CREATE VIRTUAL TABLE fts USING fts5({COLS}, tokenize='unicode61 remove_diacritics 2');
         CREATE VIRTUAL TABLE fts_zh USING fts5({COLS}, tokenize='trigram');"
    ))?;
    Ok(c)
}

pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let c = Connection::open(path)?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    Ok(c)
}

pub fn insert_batch(c: &mut Connection, batch: &[GenConcept], ids: &[i64]) -> rusqlite::Result<()> {
    let tx = c.transaction()?;
    {
        let mut ins = tx.prepare_cached("INSERT INTO fts VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        let mut ins_zh = tx.prepare_cached("INSERT INTO fts_zh VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for (g, id) in batch.iter().zip(ids) {
            let sg = g.sgs.join(" ");
            let at = g.epoch();
            for s in &g.sections {
                let row = params![id, s.lang.code(), s.term, s.definition, sg, at];
                ins.execute(row)?;
                if s.lang == hexaglot::model::Lang::Zh {
                    ins_zh.execute(row)?;
                }
            }
        }
    }
    tx.commit()
}

/// Merges each table's b-trees into one (FTS5's "optimize").
pub fn optimize(c: &Connection) -> rusqlite::Result<()> {
    c.execute_batch("INSERT INTO fts(fts) VALUES('optimize'); INSERT INTO fts_zh(fts_zh) VALUES('optimize');")
}

pub fn sql(f: &FtsQuery) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let t = &f.table;
    let mut conds = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(m) = &f.match_expr {
        conds.push(format!("{t} MATCH ?"));
        args.push(Value::Text(m.clone()));
    }
    if let Some((col, pat)) = &f.like {
        conds.push(format!("{col} LIKE ?"));
        args.push(Value::Text(pat.clone()));
    }
    if let Some(l) = &f.lang {
        conds.push("lang = ?".into());
        args.push(Value::Text(l.clone()));
    }
    if let Some(sg) = &f.sg {
        conds.push("instr(' ' || sg || ' ', ?) > 0".into());
        args.push(Value::Text(format!(" {sg} ")));
    }
    if let Some((lo, hi)) = f.range {
        conds.push("accepted BETWEEN ? AND ?".into());
        args.push(Value::Integer(lo));
        args.push(Value::Integer(hi));
    }
    let order = if f.match_expr.is_none() {
        "" // LIKE only: no rank
    } else if f.weighted {
        " ORDER BY bm25(TBL, 0.0, 0.0, 10.0, 1.0, 0.0, 0.0)"
    } else {
        " ORDER BY rank"
    };
    let order = order.replace("TBL", t);
    // 30 rows so that 10 distinct concepts remain after collapsing languages.
    (format!("SELECT concept_id FROM {t} WHERE {}{order} LIMIT 30", conds.join(" AND ")), args)
}

/// Runs the query; returns up to 10 distinct concept ids, best first.
pub fn search(c: &Connection, f: &FtsQuery) -> rusqlite::Result<Vec<i64>> {
    let (sql, args) = sql(f);
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, i64>(0))?;
    let mut out = Vec::with_capacity(10);
    for r in rows {
        let id = r?;
        if !out.contains(&id) {
            out.push(id);
            if out.len() == 10 {
                break;
            }
        }
    }
    Ok(out)
}
