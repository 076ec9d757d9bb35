//! Reading what the workflow recorded: history entries, comments and the
//! timeline of proposals, acceptances and adoptions.
//!
//! # A creation entry holds "the concept as it is now" until the concept changes
//!
//! Creating a concept (every import format, `bulk_load`, the seed, a proposal: all
//! go through [`crate::store::insert_concept_as`]) records an entry whose `after` is
//! the one-byte marker [`codec::CURRENT`] instead of a full snapshot: a read resolves
//! it to [`snapshot`] of the concept as it is. That holds only while the concept has
//! not changed, so the first change rewrites the marker as the full snapshot of the
//! concept as it still is ([`materialize`]) BEFORE anything about it is modified.
//!
//! Nothing can miss that step silently: migration 8 puts a trigger on every table a
//! snapshot is read from (`concept`, `concept_sg`, `lang_section`, `term`, `note`,
//! `other_lang`, `harmonization`) that aborts the transaction when it writes a row of
//! a concept whose creation entry is still a marker. The snapshot of a concept with
//! harmonization links also shows the linked concepts' terms; a concept gets links
//! only after its creation ([`crate::store::harmonization::link`] materializes both
//! sides first), so a marker's concept never has any and its snapshot depends on its
//! own rows only.
//!
//! The paths that write those tables after a concept's creation, each materializing first:
//! - workflow transitions (edit, submit, adopt, return, accept, revert) through
//!   `App::transition`, merge and supersede/carry: [`crate::store::sections::before`]
//!   takes the `before` snapshot and materializes;
//! - an import updating an existing concept (`app::import::import_one`), and
//!   [`crate::store::concepts::write_other_langs`] (a new concept's text in other
//!   languages is written before its creation entry, as part of the concept created);
//! - harmonization links (clause-3 and Word imports): [`crate::store::harmonization::link`];
//! - the seeds clearing approval dates after creating their concepts (`store::seed`,
//!   `app::seed`);
//! - [`crate::store::WriteTx::record`] itself, from the `before` it is given (a no-op
//!   when the path materialized already).
//!
//! Paths that write none of those tables: comments (the `comment` table), watches,
//! users, Recommendations' own rows (a snapshot names its Recommendation by id only),
//! the change log. A dump holds the marker as it is and its concept's rows as they
//! are, so a restore reads back the same history.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection};

use crate::error::Result;
use crate::model::{Change, ChangeFilter, ChangeKind, Comment, ConceptId, HistoryEntry, Lang, View};

/// A staff snapshot of a concept, as history's `before` and `after` hold it: the one
/// function every snapshot comes from (`null` for a concept that does not exist).
pub fn snapshot(c: &Connection, id: ConceptId) -> Result<serde_json::Value> {
    Ok(serde_json::to_value(super::concepts::load_concept(c, id, View::Staff)?)?)
}

/// Whether the concept's creation entry is still the [`codec::CURRENT`] marker.
fn has_marker(c: &Connection, id: i64) -> Result<bool> {
    // The literal matches the partial index `history_current` (migration 8).
    Ok(c.prepare_cached("SELECT 1 FROM history WHERE concept_id = ?1 AND after = X'03'")?.exists([id])?)
}

/// Rewrites the concept's creation marker, if it still has one, as the full snapshot
/// of the concept as it is: call it BEFORE changing anything about the concept (see
/// the module doc).
pub fn materialize(c: &Connection, id: ConceptId) -> Result<()> {
    if has_marker(c, id.0)? {
        let now = snapshot(c, id)?;
        replace_marker(c, id.0, &now)?;
    }
    Ok(())
}

/// [`materialize`] when the caller holds the snapshot of the concept as it is already.
pub(crate) fn materialize_from(c: &Connection, id: i64, now: &serde_json::Value) -> Result<()> {
    if has_marker(c, id)? {
        replace_marker(c, id, now)?;
    }
    Ok(())
}

fn replace_marker(c: &Connection, id: i64, now: &serde_json::Value) -> Result<()> {
    c.prepare_cached("UPDATE history SET after = ?2 WHERE concept_id = ?1 AND after = X'03'")?
        .execute(params![id, codec::full(now)?])?;
    Ok(())
}

/// A concept's history, oldest first, snapshots decoded (see [`codec`]); `changed` is
/// left empty for the caller to derive.
pub fn entries(c: &Connection, id: ConceptId) -> Result<Vec<HistoryEntry>> {
    let mut stmt = c.prepare_cached(
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
            r.get::<_, SqlValue>(6)?,
            r.get::<_, SqlValue>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    let mut chain = Chain::new(c, id);
    for row in rows {
        let (hid, action, lang, actor, at, comment, before, after) = row?;
        let (before, after) = chain.next(&before, &after)?;
        out.push(HistoryEntry {
            id: hid,
            action,
            lang: lang.and_then(|l| l.parse().ok()),
            actor,
            at,
            comment,
            before,
            after,
            changed: vec![],
        });
    }
    Ok(out)
}

/// Decodes a concept's entries in order: each patch applies to what came before it.
struct Chain<'c> {
    /// Where a [`codec::CURRENT`] marker is resolved.
    conn: &'c Connection,
    id: ConceptId,
    /// The last `after` read, and how many patches it took since a full snapshot.
    last: Option<(serde_json::Value, u32)>,
}

impl<'c> Chain<'c> {
    fn new(conn: &'c Connection, id: ConceptId) -> Self {
        Chain { conn, id, last: None }
    }

    fn next(
        &mut self,
        before: &SqlValue,
        after: &SqlValue,
    ) -> Result<(Option<serde_json::Value>, Option<serde_json::Value>)> {
        let is_patch = |v: &SqlValue| matches!(v, SqlValue::Blob(b) if b.first() == Some(&codec::PATCH));
        let prev = self.last.as_ref().map(|(v, _)| v);
        let depth = self.last.as_ref().map_or(0, |(_, d)| *d);
        let b = codec::decode(before, prev)?;
        let b_depth = if is_patch(before) { depth + 1 } else { 0 };
        let a = if codec::is_current(after) {
            Some(snapshot(self.conn, self.id)?)
        } else {
            codec::decode(after, b.as_ref())?
        };
        if let Some(a) = &a {
            self.last = Some((a.clone(), if is_patch(after) { b_depth + 1 } else { 0 }));
        }
        Ok((b, a))
    }
}

/// A snapshot as `history.before`/`after` store it (see [`codec`]).
pub type Encoded = Vec<u8>;

/// Encodes the `before` and `after` of a new entry of concept `id` (see [`codec`]).
pub(crate) fn encode(
    c: &Connection,
    id: i64,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<(Option<Encoded>, Option<Encoded>)> {
    let encoded_before = match before {
        None => None,
        Some(b) => Some(match last_after(c, id)? {
            Some((prev, depth)) if depth < codec::MAX_CHAIN => codec::patch(&prev, b)?,
            _ => codec::full(b)?,
        }),
    };
    let encoded_after = match (after, before) {
        (None, _) => None,
        // Against this entry's own `before`, which a read decodes first.
        (Some(a), Some(b)) => Some(codec::patch(b, a)?),
        (Some(a), None) => Some(codec::full(a)?),
    };
    Ok((encoded_before, encoded_after))
}

/// The concept's latest `after` snapshot, with the patches it took since a full one.
fn last_after(c: &Connection, id: i64) -> Result<Option<(serde_json::Value, u32)>> {
    let mut stmt = c.prepare_cached("SELECT before, after FROM history WHERE concept_id = ?1 ORDER BY id")?;
    let mut rows = stmt.query([id])?;
    let mut chain = Chain::new(c, ConceptId(id));
    while let Some(r) = rows.next()? {
        chain.next(&r.get(0)?, &r.get(1)?)?;
    }
    Ok(chain.last)
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
                OR (h.after_status = 'withdrawn'
                    AND COALESCE(h.before_status, '') <> 'withdrawn'
                    AND (?9 = 0 OR h.before_status IN ('accepted', 'historical'))))
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

/// How `history.before` and `history.after` hold a concept snapshot.
///
/// Rows written before migration 7 hold the full JSON as TEXT; they still read.
/// Newer rows hold a BLOB whose first byte says what follows:
/// - [`FULL`]: the JSON compressed with zstd against [`SNAPSHOT_DICT`];
/// - [`PATCH`]: what changed from a base snapshot, compressed the same way; nothing
///   after the tag means "the same as the base";
/// - [`CURRENT`], alone: "the concept as it is now", only in the `after` of a creation
///   entry whose concept has not changed since (see the module doc above); the chain
///   reading a concept's history resolves it, [`decode`] does not.
///
/// An entry's `after` is a patch against its own `before`, and its `before` a patch
/// against the concept's previous `after` (which is nearly always what it is), so an
/// edit costs what it changed and an import's new concept one compressed snapshot.
/// A full snapshot is written again after [`MAX_CHAIN`] patches, to bound what a
/// read decodes.
pub mod codec {
    use std::cell::RefCell;

    use serde_json::{Map, Value};

    use crate::error::{Error, Result};

    const FULL: u8 = 1;
    pub(super) const PATCH: u8 = 2;
    /// The whole of a creation entry's `after` while its concept is unchanged; migration 8
    /// names it as the literal `X'03'` (a partial index and triggers).
    pub const CURRENT: u8 = 3;

    /// The marker for "the concept as it is now".
    pub fn current() -> Vec<u8> {
        vec![CURRENT]
    }

    /// Whether a stored value is the [`CURRENT`] marker.
    pub fn is_current(stored: &rusqlite::types::Value) -> bool {
        matches!(stored, rusqlite::types::Value::Blob(b) if b.as_slice() == [CURRENT])
    }
    /// Patches after a full snapshot before the next full one.
    pub const MAX_CHAIN: u32 = 32;
    /// zstd level: on a 4 KB snapshot with the dictionary, levels 3 to 19 differ by 4 %.
    const LEVEL: i32 = 3;

    /// A raw-content zstd dictionary: what every snapshot repeats (field names, statuses),
    /// so a small snapshot does not pay for them. Never change it: stored rows need it
    /// as it is (a new dictionary would need a new tag).
    pub const SNAPSHOT_DICT: &str = concat!(
        r#"[[["languages","en","status"],"adopted"],[["languages","fr","definition"],null],[["version"],2],"#,
        r#"[["updated_at"],"2026-01-01T00:00:00Z"],[["status"],"withdrawn"]]"#,
        r#"{"abbreviations":[],"adopted_at":null,"adopted_by":null,"adopted_doc":null,"adopted_meeting":null,"#,
        r#""created_at":"2026-01-01T00:00:00Z","created_by":"import","definition":null,"notes":[],"revision":1,"#,
        r#""status":"draft","submitted_at":null,"submitted_by":null,"terms":[{"status":"admitted","text":""},"#,
        r#"{"status":"deprecated","text":""}],"updated_at":"2026-01-01T00:00:00Z"},"assisted":true,"#,
        r#""harmonization":[{"id":"c1","rec":null,"term":""}],"other_languages":{},"#,
        r#"{"accepted_at":"2026-01-01T00:00:00Z","created_at":"2026-01-01T00:00:00Z","id":"c1","languages":{"#,
        r#""ar":{"abbreviations":[],"adopted_at":"2026-01-01T00:00:00Z","adopted_by":"import","adopted_doc":null,"#,
        r#""adopted_meeting":null,"created_at":"2026-01-01T00:00:00Z","created_by":"import","definition":"","#,
        r#""notes":[],"revision":1,"status":"adopted","submitted_at":"2026-01-01T00:00:00Z","submitted_by":null,"#,
        r#""terms":[{"status":"preferred","text":""}],"updated_at":"2026-01-01T00:00:00Z"},"en":{"#,
        r#""abbreviations":[],"adopted_at":"2026-01-01T00:00:00Z","adopted_by":"import","adopted_doc":null,"#,
        r#""adopted_meeting":null,"created_at":"2026-01-01T00:00:00Z","created_by":"import","definition":"","#,
        r#""notes":[],"revision":1,"status":"adopted","submitted_at":"2026-01-01T00:00:00Z","submitted_by":null,"#,
        r#""terms":[{"status":"preferred","text":""}],"updated_at":"2026-01-01T00:00:00Z"},"es":{"#,
        r#""abbreviations":[],"adopted_at":"2026-01-01T00:00:00Z","adopted_by":"import","adopted_doc":null,"#,
        r#""adopted_meeting":null,"created_at":"2026-01-01T00:00:00Z","created_by":"import","definition":"","#,
        r#""notes":[],"revision":1,"status":"adopted","submitted_at":"2026-01-01T00:00:00Z","submitted_by":null,"#,
        r#""terms":[{"status":"preferred","text":""}],"updated_at":"2026-01-01T00:00:00Z"},"fr":{"#,
        r#""abbreviations":[],"adopted_at":"2026-01-01T00:00:00Z","adopted_by":"import","adopted_doc":null,"#,
        r#""adopted_meeting":null,"created_at":"2026-01-01T00:00:00Z","created_by":"import","definition":"","#,
        r#""notes":[],"revision":1,"status":"adopted","submitted_at":"2026-01-01T00:00:00Z","submitted_by":null,"#,
        r#""terms":[{"status":"preferred","text":""}],"updated_at":"2026-01-01T00:00:00Z"},"ru":{"#,
        r#""abbreviations":[],"adopted_at":"2026-01-01T00:00:00Z","adopted_by":"import","adopted_doc":null,"#,
        r#""adopted_meeting":null,"created_at":"2026-01-01T00:00:00Z","created_by":"import","definition":"","#,
        r#""notes":[],"revision":1,"status":"adopted","submitted_at":"2026-01-01T00:00:00Z","submitted_by":null,"#,
        r#""terms":[{"status":"preferred","text":""}],"updated_at":"2026-01-01T00:00:00Z"},"zh":{"#,
        r#""abbreviations":[],"adopted_at":"2026-01-01T00:00:00Z","adopted_by":"import","adopted_doc":null,"#,
        r#""adopted_meeting":null,"created_at":"2026-01-01T00:00:00Z","created_by":"import","definition":"","#,
        r#""notes":[],"revision":1,"status":"adopted","submitted_at":"2026-01-01T00:00:00Z","submitted_by":null,"#,
        r#""terms":[{"status":"preferred","text":""}],"updated_at":"2026-01-01T00:00:00Z"}},"#,
        r#""origin":{"kind":"here","reference":null},"proposed_at":"2026-01-01T00:00:00Z","#,
        r#""source":{"clause":null,"rec":null},"status":"accepted","study_groups":["SG17"],"subject_field":null,"#,
        r#""updated_at":"2026-01-01T00:00:00Z","version":1}"#,
    );

    thread_local! {
        static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> = const { RefCell::new(None) };
        static DECOMPRESSOR: RefCell<Option<zstd::bulk::Decompressor<'static>>> = const { RefCell::new(None) };
    }

    fn io(e: std::io::Error) -> Error {
        Error::Internal(format!("history snapshot codec: {e}"))
    }

    fn compress(tag: u8, json: &[u8]) -> Result<Vec<u8>> {
        COMPRESSOR.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.is_none() {
                *cell = Some(zstd::bulk::Compressor::with_dictionary(LEVEL, SNAPSHOT_DICT.as_bytes()).map_err(io)?);
            }
            let packed = cell.as_mut().expect("set above").compress(json).map_err(io)?;
            let mut out = Vec::with_capacity(5 + packed.len());
            out.push(tag);
            out.extend_from_slice(&(json.len() as u32).to_le_bytes());
            out.extend_from_slice(&packed);
            Ok(out)
        })
    }

    fn decompress(rest: &[u8]) -> Result<Value> {
        let (len, packed) =
            rest.split_at_checked(4).ok_or_else(|| Error::Internal("history snapshot cut short".into()))?;
        let len = u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize;
        DECOMPRESSOR.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell.is_none() {
                *cell = Some(zstd::bulk::Decompressor::with_dictionary(SNAPSHOT_DICT.as_bytes()).map_err(io)?);
            }
            let json = cell.as_mut().expect("set above").decompress(packed, len).map_err(io)?;
            Ok(serde_json::from_slice(&json)?)
        })
    }

    /// A full snapshot, compressed.
    pub fn full(v: &Value) -> Result<Vec<u8>> {
        compress(FULL, &serde_json::to_vec(v)?)
    }

    /// `target` as what changed from `base`.
    pub fn patch(base: &Value, target: &Value) -> Result<Vec<u8>> {
        let mut ops = Vec::new();
        diff(base, target, &mut Vec::new(), &mut ops);
        if ops.is_empty() {
            return Ok(vec![PATCH]);
        }
        compress(PATCH, &serde_json::to_vec(&ops)?)
    }

    /// Reads a stored snapshot; `base` is what a patch applies to.
    pub fn decode(stored: &rusqlite::types::Value, base: Option<&Value>) -> Result<Option<Value>> {
        use rusqlite::types::Value as Sql;
        match stored {
            Sql::Null => Ok(None),
            // Written before migration 7: the JSON itself.
            Sql::Text(s) => Ok(Some(serde_json::from_str(s)?)),
            Sql::Blob(b) => match b.split_first() {
                Some((&FULL, rest)) => Ok(Some(decompress(rest)?)),
                Some((&PATCH, rest)) => {
                    let mut v = base
                        .cloned()
                        .ok_or_else(|| Error::Internal("a history patch without the snapshot it applies to".into()))?;
                    if !rest.is_empty() {
                        let Value::Array(ops) = decompress(rest)? else {
                            return Err(Error::Internal("a history patch that is not a list".into()));
                        };
                        for op in ops {
                            apply(&mut v, op)?;
                        }
                    }
                    Ok(Some(v))
                }
                Some((&CURRENT, _)) => {
                    Err(Error::Internal("a creation marker read outside its concept's history".into()))
                }
                _ => Err(Error::Internal("a history snapshot of an unknown form".into())),
            },
            _ => Err(Error::Internal("a history snapshot of an unknown type".into())),
        }
    }

    /// Ops `[path, value]` (set) and `[path]` (remove), paths being object keys from the root.
    fn diff(base: &Value, target: &Value, path: &mut Vec<String>, ops: &mut Vec<Value>) {
        match (base, target) {
            (Value::Object(b), Value::Object(t)) => {
                for (k, bv) in b {
                    path.push(k.clone());
                    match t.get(k) {
                        Some(tv) if tv != bv => diff(bv, tv, path, ops),
                        Some(_) => {}
                        None => ops.push(Value::Array(vec![keys(path)])),
                    }
                    path.pop();
                }
                for (k, tv) in t.iter().filter(|(k, _)| !b.contains_key(*k)) {
                    path.push(k.clone());
                    ops.push(Value::Array(vec![keys(path), tv.clone()]));
                    path.pop();
                }
            }
            _ if base == target => {}
            _ => ops.push(Value::Array(vec![keys(path), target.clone()])),
        }
    }

    fn keys(path: &[String]) -> Value {
        Value::Array(path.iter().map(|k| Value::String(k.clone())).collect())
    }

    fn apply(root: &mut Value, op: Value) -> Result<()> {
        let bad = || Error::Internal("a malformed history patch".into());
        let Value::Array(mut op) = op else { return Err(bad()) };
        let value = if op.len() == 2 { op.pop() } else { None };
        let Some(Value::Array(path)) = op.pop() else { return Err(bad()) };
        let Some((last, parents)) = path.split_last() else {
            *root = value.ok_or_else(bad)?;
            return Ok(());
        };
        let mut at = root;
        for k in parents {
            at = at.get_mut(k.as_str().ok_or_else(bad)?).ok_or_else(bad)?;
        }
        let obj: &mut Map<String, Value> = at.as_object_mut().ok_or_else(bad)?;
        let last = last.as_str().ok_or_else(bad)?;
        match value {
            Some(v) => {
                obj.insert(last.to_string(), v);
            }
            None => {
                obj.remove(last);
            }
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use rusqlite::types::Value as Sql;
        use serde_json::json;

        use super::*;

        #[test]
        fn patches_and_full_snapshots_read_back_exactly() {
            let a = json!({"id": "c1", "status": "proposed", "languages": {"en": {"definition": "x", "notes": []}},
                           "subject_field": null, "version": 1});
            let b = json!({"id": "c1", "status": "accepted", "languages": {"en": {"definition": null, "notes": ["n"]},
                           "fr": {"definition": "y"}}, "version": 2, "harmonization": [{"id": "c2"}]});
            let full_a = full(&a).unwrap();
            assert!(full_a.len() < a.to_string().len());
            assert_eq!(decode(&Sql::Blob(full_a), None).unwrap(), Some(a.clone()));
            for (x, y) in [(&a, &b), (&b, &a), (&a, &a), (&a, &json!(null)), (&json!(null), &b)] {
                let p = patch(x, y).unwrap();
                assert_eq!(decode(&Sql::Blob(p), Some(x)).unwrap().as_ref(), Some(y));
            }
            assert_eq!(patch(&a, &a).unwrap().len(), 1);
            assert_eq!(decode(&Sql::Text(a.to_string()), None).unwrap(), Some(a.clone()));
            assert_eq!(decode(&Sql::Null, None).unwrap(), None);
            assert!(decode(&Sql::Blob(patch(&a, &b).unwrap()), None).is_err());
        }
    }
}
