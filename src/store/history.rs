//! Reading what the workflow recorded: history entries, comments and the
//! timeline of proposals, acceptances and adoptions.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::{Change, ChangeFilter, ChangeKind, Comment, ConceptId, HistoryEntry, Lang};

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
pub fn changes(c: &Connection, f: &ChangeFilter) -> Result<Vec<Change>> {
    let actions: Vec<&str> = f.kinds.iter().flat_map(|k| k.actions().iter().copied()).collect();
    let public_only = f.kinds.iter().all(|k| k.is_public());
    // A merge or import is an event only when it withdrew the concept; the public hears of
    // withdrawals of concepts it could see, not of proposals merged away.
    let mut stmt = c.prepare_cached(
        "SELECT h.id, h.at, h.action, h.concept_id, h.lang, h.actor,
                (SELECT text FROM term t WHERE t.concept_id = h.concept_id AND t.lang = COALESCE(h.lang, ?4, 'en')
                   AND t.kind <> 'abbreviation' ORDER BY ord LIMIT 1)
         FROM history h JOIN concept c ON c.id = h.concept_id
         WHERE h.action IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR h.at >= ?2) AND (?3 IS NULL OR h.at <= ?3)
           AND (?4 IS NULL OR COALESCE(h.lang, 'en') = ?4 OR h.action IN ('supersede', 'merge', 'import'))
           AND (?5 IS NULL OR EXISTS (SELECT 1 FROM concept_sg s WHERE s.concept_id = h.concept_id AND s.sg = ?5))
           AND (?6 IS NULL OR c.rec_id = ?6)
           AND (?7 IS NULL OR h.concept_id = ?7)
           AND (?8 IS NULL OR h.id < ?8) AND (?11 IS NULL OR h.id > ?11)
           AND (h.action NOT IN ('merge', 'import')
                OR (json_extract(h.after, '$.status') = 'withdrawn'
                    AND COALESCE(json_extract(h.before, '$.status'), '') <> 'withdrawn'
                    AND (?9 = 0 OR json_extract(h.before, '$.status') IN ('accepted', 'historical'))))
         ORDER BY h.id DESC LIMIT ?10",
    )?;
    let rows = stmt.query_map(
        params![
            serde_json::to_string(&actions)?,
            f.from,
            f.to,
            f.lang.map(Lang::code),
            f.sg.as_ref().map(|s| s.as_str().to_string()),
            f.rec.as_ref().map(|r| r.as_str().to_string()),
            f.concept.map(|c| c.0),
            f.before,
            public_only,
            i64::from(f.limit),
            f.after
        ],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (event, at, action, id, lang, actor, term) = row?;
        let kind = match action.as_str() {
            "propose" => ChangeKind::Proposed,
            "accept" => ChangeKind::Accepted,
            "return" => ChangeKind::Returned,
            "supersede" => ChangeKind::Superseded,
            "merge" | "import" => ChangeKind::Withdrawn,
            _ => ChangeKind::Adopted,
        };
        out.push(Change {
            event,
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
