//! Users' watches, and the last history event each user was shown of them.

use rusqlite::{params, Connection, OptionalExtension};

use super::WriteTx;
use crate::error::{Error, Result};
use crate::model::{ConceptId, NewWatch, Watch};

const USER: &str = "(SELECT id FROM user WHERE name = ?1)";

/// A `watch` row: id, sg, lang, rec, concept id, created_at.
type Row = (i64, Option<String>, Option<String>, Option<String>, Option<i64>, String);

fn row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

fn watch((id, sg, lang, rec, concept, created_at): Row) -> Result<Watch> {
    let bad = |e: String| Error::Internal(format!("watch {id}: {e}"));
    Ok(Watch {
        id,
        sg: sg.map(|s| s.parse().map_err(|e: crate::model::ParseIdError| bad(e.0))).transpose()?,
        lang: lang.map(|l| l.parse().map_err(|e: crate::model::ParseLangError| bad(e.to_string()))).transpose()?,
        rec: rec.map(|r| r.parse().map_err(|e: crate::model::ParseIdError| bad(e.0))).transpose()?,
        concept: concept.map(ConceptId),
        created_at,
    })
}

pub fn list(c: &Connection, user: &str) -> Result<Vec<Watch>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT id, sg, lang, rec, concept_id, created_at FROM watch WHERE user_id = {USER} ORDER BY id"
    ))?;
    let rows = stmt.query_map([user], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(watch).collect()
}

/// Adds a watch, or finds the same one already there; returns it and whether it is new.
pub fn add(tx: &WriteTx, user: &str, w: &NewWatch) -> Result<(Watch, bool)> {
    let c = tx.conn();
    let args = params![
        user,
        w.sg.as_ref().map(|s| s.as_str().to_string()),
        w.lang.map(|l| l.code()),
        w.rec.as_ref().map(|r| r.as_str().to_string()),
        w.concept.map(|c| c.0),
        tx.at()
    ];
    let inserted = c
        .prepare_cached(&format!(
            "INSERT INTO watch (user_id, sg, lang, rec, concept_id, created_at) VALUES ({USER}, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT DO NOTHING"
        ))?
        .execute(args)?;
    let found = c
        .prepare_cached(&format!(
            "SELECT id, sg, lang, rec, concept_id, created_at FROM watch
              WHERE user_id = {USER} AND sg IS ?2 AND lang IS ?3 AND rec IS ?4 AND concept_id IS ?5"
        ))?
        .query_row(
            params![
                user,
                w.sg.as_ref().map(|s| s.as_str().to_string()),
                w.lang.map(|l| l.code()),
                w.rec.as_ref().map(|r| r.as_str().to_string()),
                w.concept.map(|c| c.0)
            ],
            row,
        )
        .optional()?
        .ok_or_else(|| Error::Internal("a watch just written is not there".into()))?;
    Ok((watch(found)?, inserted > 0))
}

/// Removes one of `user`'s watches; false if they have none with that id.
pub fn remove(tx: &WriteTx, user: &str, id: i64) -> Result<bool> {
    let n = tx.conn().execute(&format!("DELETE FROM watch WHERE id = ?2 AND user_id = {USER}"), params![user, id])?;
    Ok(n > 0)
}

/// The last history event `user` was shown of their watches.
pub fn seen(c: &Connection, user: &str) -> Result<i64> {
    Ok(c.query_row("SELECT watches_seen FROM user WHERE name = ?1", [user], |r| r.get(0)).optional()?.unwrap_or(0))
}

pub fn set_seen(tx: &WriteTx, user: &str, event: i64) -> Result<()> {
    tx.conn().execute("UPDATE user SET watches_seen = MAX(watches_seen, ?2) WHERE name = ?1", params![user, event])?;
    Ok(())
}

/// The newest history event: what a user has seen once they open their page.
pub fn last_event(c: &Connection) -> Result<i64> {
    Ok(c.query_row("SELECT COALESCE(MAX(id), 0) FROM history", [], |r| r.get(0))?)
}
