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

use hexaglot::model::Lang;

use crate::gen::{quote, FtsQuery, GenConcept};

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
                if s.lang == Lang::Zh {
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

/// Rows per concept in `fts`: the generator gives every concept all six languages, inserted
/// one concept after the other, so a concept's rows are a run of consecutive rowids.
const ROWS_PER_CONCEPT: i64 = 6;

/// Concepts whose rows were not where `ROWS_PER_CONCEPT` says (read by a scan instead).
pub static EQUIVALENTS_SCANS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A concept found by [`equivalents`] and its (language, term) rows in the other languages.
pub type Equivalents = (i64, Vec<(String, String)>);

/// What `/equivalents` does, in FTS5: the rows whose whole term is `term` (an exact MATCH on
/// the term column plus the equality of the column; Chinese through `fts_zh`, LIKE under 3
/// characters, as the `exact` kind), then the other languages' terms of the concepts found
/// (a second query per concept, by rowid: the primary key an FTS5 application would read
/// by). Returns up to 10 (concept id, its terms in the other languages).
pub fn equivalents(c: &Connection, lang: Lang, term: &str) -> rusqlite::Result<Vec<Equivalents>> {
    let found: Vec<(i64, i64)> = if lang == Lang::Zh {
        let (cond, arg) = if term.chars().count() >= 3 {
            ("fts_zh MATCH ?1", format!("term : {}", quote(term)))
        } else {
            ("term LIKE ?1", format!("%{term}%"))
        };
        let sql = format!("SELECT rowid, concept_id FROM fts_zh WHERE {cond} AND term = ?2 LIMIT 10");
        let mut stmt = c.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![arg, term], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        // fts_zh holds one row per concept in the same order: row z is concept z's run in fts.
        rows.map(|r| r.map(|(z, id)| ((z - 1) * ROWS_PER_CONCEPT + 1, id))).collect::<rusqlite::Result<_>>()?
    } else {
        let mut stmt = c.prepare_cached(
            "SELECT rowid, concept_id FROM fts WHERE fts MATCH ?1 AND lang = ?2 AND term = ?3 ORDER BY rank LIMIT 10",
        )?;
        let rows = stmt.query_map(params![format!("term : ^{}", quote(term)), lang.code(), term], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        rows.map(|r| r.map(|(row, id)| (row - (ROWS_PER_CONCEPT - 1), id))).collect::<rusqlite::Result<_>>()?
    };
    let mut window = c.prepare_cached(
        "SELECT lang, term FROM fts WHERE rowid BETWEEN ?1 AND ?2 AND concept_id = ?3 AND lang != ?4",
    )?;
    let mut out: Vec<Equivalents> = Vec::with_capacity(found.len());
    for (first, id) in found {
        if out.iter().any(|(seen, _)| *seen == id) {
            continue;
        }
        let last = first + 2 * (ROWS_PER_CONCEPT - 1);
        let read = |stmt: &mut rusqlite::CachedStatement<'_>, args: &[&dyn rusqlite::ToSql]| {
            stmt.query_map(args, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        };
        let mut terms = read(&mut window, params![first, last, id, lang.code()])?;
        if terms.is_empty() {
            EQUIVALENTS_SCANS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut scan = c.prepare_cached("SELECT lang, term FROM fts WHERE concept_id = ?1 AND lang != ?2")?;
            terms = read(&mut scan, params![id, lang.code()])?;
        }
        out.push((id, terms));
    }
    Ok(out)
}

/// What `/suggest` does, in FTS5: a prefix MATCH on the term column (`term : "..." *`,
/// ranked; Chinese: `LIKE 'p%'` on `fts_zh`), `limit` rows. Returns the concept ids.
pub fn suggest(c: &Connection, lang: Lang, typed: &str, limit: usize) -> rusqlite::Result<Vec<i64>> {
    use rusqlite::types::Value;
    let limit = Value::Integer(limit as i64);
    let (sql, args) = if lang == Lang::Zh {
        (
            "SELECT concept_id, term FROM fts_zh WHERE term LIKE ?1 LIMIT ?2",
            vec![Value::Text(format!("{typed}%")), limit],
        )
    } else {
        (
            "SELECT concept_id, term FROM fts WHERE fts MATCH ?1 AND lang = ?3 ORDER BY rank LIMIT ?2",
            vec![Value::Text(format!("term : {} *", quote(typed))), limit, Value::Text(lang.code().into())],
        )
    };
    let mut stmt = c.prepare_cached(sql)?;
    let rows =
        stmt.query_map(rusqlite::params_from_iter(args), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|r| r.map(|(id, _term)| id)).collect()
}
