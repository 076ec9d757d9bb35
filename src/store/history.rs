//! Reading what the workflow recorded: history entries, comments and the
//! timeline of proposals, acceptances and adoptions.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::{Change, ChangeKind, Comment, ConceptId, HistoryEntry, Lang};

/// A concept's history, oldest first; `changed` is left empty for the caller to derive.
pub fn entries(c: &Connection, id: ConceptId) -> Result<Vec<HistoryEntry>> {
    let mut stmt = c.prepare(
        "SELECT id, action, lang, actor, at, comment, before, after FROM history WHERE concept_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (hid, action, lang, actor, at, comment, before, after) = row?;
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
        out.push(HistoryEntry {
            id: hid,
            action,
            lang: lang.and_then(|l| l.parse().ok()),
            actor,
            at,
            comment,
            before: parse(before),
            after: parse(after),
            changed: vec![],
        });
    }
    Ok(out)
}

/// A concept's comments, oldest first.
pub fn comments(c: &Connection, id: ConceptId) -> Result<Vec<Comment>> {
    let mut stmt = c.prepare("SELECT id, lang, author, at, body FROM comment WHERE concept_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([id.0], |r| {
        Ok(Comment {
            id: r.get(0)?,
            lang: r.get::<_, Option<String>>(1)?.and_then(|l| l.parse().ok()),
            author: r.get(2)?,
            at: r.get(3)?,
            body: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Timeline events between `from` and `to` (inclusive RFC 3339 bounds), newest first.
pub fn changes(
    c: &Connection,
    from: Option<&str>,
    to: Option<&str>,
    lang: Option<Lang>,
    kinds: &[ChangeKind],
    limit: u32,
) -> Result<Vec<Change>> {
    let actions: Vec<&str> = kinds.iter().map(|k| k.action()).collect();
    let mut stmt = c.prepare(
        "SELECT h.at, h.action, h.concept_id, h.lang, h.actor,
                (SELECT text FROM term t WHERE t.concept_id = h.concept_id AND t.lang = COALESCE(h.lang, 'en')
                   AND t.kind <> 'abbreviation' ORDER BY ord LIMIT 1)
         FROM history h
         WHERE h.action IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR h.at >= ?2) AND (?3 IS NULL OR h.at <= ?3)
           AND (?4 IS NULL OR COALESCE(h.lang, 'en') = ?4)
         ORDER BY h.at DESC, h.id DESC LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        params![serde_json::to_string(&actions)?, from, to, lang.map(Lang::code), i64::from(limit)],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (at, action, id, lang, actor, term) = row?;
        let kind = match action.as_str() {
            "propose" => "proposed",
            "accept" => "accepted",
            _ => "adopted",
        };
        out.push(Change {
            at,
            kind: kind.to_string(),
            id: ConceptId(id),
            lang: lang.and_then(|l| l.parse().ok()),
            actor: Some(actor),
            term,
        });
    }
    Ok(out)
}
