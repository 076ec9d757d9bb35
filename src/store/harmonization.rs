//! Harmonization candidates (Resolution 67): concepts that define the same term
//! differently, linked in pairs so both sides show the other.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::{ConceptId, ConceptStatus, HarmonizationLink, View};

/// Links two concepts (in either order; a concept is never linked to itself).
/// Returns whether the link is new.
pub fn link(c: &Connection, x: ConceptId, y: ConceptId) -> Result<bool> {
    if x == y {
        return Ok(false);
    }
    let (a, b) = if x.0 < y.0 { (x.0, y.0) } else { (y.0, x.0) };
    // A link changes both snapshots (each lists the other): their creation entries are
    // written out first, and a concept with links never has a creation marker.
    super::history::materialize(c, x)?;
    super::history::materialize(c, y)?;
    let n = c.prepare_cached("INSERT OR IGNORE INTO harmonization (a, b) VALUES (?1, ?2)")?.execute(params![a, b])?;
    Ok(n > 0)
}

/// The concepts linked to `id` that `view` may see, with their preferred term
/// (English first) and Recommendation, in id order.
pub fn linked(c: &Connection, id: ConceptId, view: View) -> Result<Vec<HarmonizationLink>> {
    let mut stmt = c.prepare_cached(
        "SELECT c.id, c.status, c.rec_id,
                (SELECT t.text FROM term t WHERE t.concept_id = c.id AND t.kind = 'preferred'
                  ORDER BY t.lang <> 'en', t.lang, t.ord LIMIT 1)
           FROM harmonization h JOIN concept c ON c.id = CASE WHEN h.a = ?1 THEN h.b ELSE h.a END
          WHERE h.a = ?1 OR h.b = ?1
          ORDER BY c.id",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (other, status, rec, term) = row?;
        let public = status.parse::<ConceptStatus>().is_ok_and(ConceptStatus::is_public);
        if view == View::Public && !public {
            continue;
        }
        out.push(HarmonizationLink {
            id: ConceptId(other),
            term: term.unwrap_or_default(),
            rec: rec.and_then(|r| r.parse().ok()),
        });
    }
    Ok(out)
}
