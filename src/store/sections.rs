//! Workflow primitives on a concept and its sections, used inside one write
//! transaction: read the current state, check the caller's version, change
//! the state, bump the version.

use rusqlite::{params, OptionalExtension};

use super::concepts::{publish, write_content};
use super::WriteTx;
use crate::error::{Error, Result};
use crate::model::{ConceptId, ConceptStatus, Lang, SectionContent, SectionStatus, StudyGroupCode};

/// Sections waiting for someone (drafted, submitted, returned), as a condition on the alias
/// `l`: word for word the condition of the partial index `lang_section_pending` (migration
/// 0009). SQLite uses a partial index only for a query whose WHERE repeats its condition, so
/// a query over pending sections adds this (`l.status = 'submitted' AND {PENDING}` too).
pub const PENDING: &str = "l.status IN ('draft','submitted','returned')";

/// The state of a concept as a transition sees it.
#[derive(Debug, Clone)]
pub struct Head {
    pub status: ConceptStatus,
    pub study_groups: Vec<StudyGroupCode>,
}

/// Loads the concept for a transition and checks the caller's version (optimistic concurrency).
pub fn head(c: &rusqlite::Connection, id: ConceptId, expected_version: Option<i64>) -> Result<Head> {
    let row: Option<(String, i64)> = c
        .query_row("SELECT status, version FROM concept WHERE id = ?1", [id.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (status, version) = row.ok_or_else(|| Error::not_found(format!("concept {id}")))?;
    if let Some(sent) = expected_version {
        if sent != version {
            return Err(Error::Stale { sent, current: version });
        }
    }
    let mut stmt = c.prepare_cached("SELECT sg FROM concept_sg WHERE concept_id = ?1 ORDER BY sg")?;
    let study_groups = stmt
        .query_map([id.0], |r| r.get::<_, String>(0))?
        .map(|s| s?.parse().map_err(|e: crate::model::ParseIdError| Error::Internal(e.0)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Head { status: status.parse().map_err(Error::Internal)?, study_groups })
}

/// A staff snapshot of the concept, for history's after.
pub fn snapshot(tx: &WriteTx, id: ConceptId) -> Result<serde_json::Value> {
    super::history::snapshot(tx.conn(), id)
}

/// The snapshot of the concept before a change, for history's before: call it before
/// changing anything, as it first writes out the concept's creation marker if it
/// still has one (see `store::history`).
pub fn before(tx: &WriteTx, id: ConceptId) -> Result<serde_json::Value> {
    let now = snapshot(tx, id)?;
    super::history::materialize_from(tx.conn(), id.0, &now)?;
    Ok(now)
}

/// Increments the version and the update time; every transition calls it once.
pub fn bump(tx: &WriteTx, id: ConceptId) -> Result<()> {
    tx.conn()
        .execute("UPDATE concept SET version = version + 1, updated_at = ?2 WHERE id = ?1", params![id.0, tx.at()])?;
    Ok(())
}

pub fn section_status(tx: &WriteTx, id: ConceptId, lang: Lang) -> Result<SectionStatus> {
    let s: Option<String> = tx
        .conn()
        .query_row(
            "SELECT status FROM lang_section WHERE concept_id = ?1 AND lang = ?2",
            params![id.0, lang.code()],
            |r| r.get(0),
        )
        .optional()?;
    match s {
        Some(s) => s.parse().map_err(Error::Internal),
        None => Ok(SectionStatus::Absent),
    }
}

/// Writes new working content as a draft. Editing an adopted text starts a
/// new revision; the published snapshot stays until that one is adopted.
/// `assisted` marks the text as an AI assistant's; a person's edit clears the mark.
pub fn write_draft(
    tx: &WriteTx,
    id: ConceptId,
    lang: Lang,
    content: &SectionContent,
    assisted: bool,
) -> Result<SectionStatus> {
    let c = tx.conn();
    let current = section_status(tx, id, lang)?;
    c.execute(
        "INSERT INTO lang_section (concept_id, lang, status, revision, created_at, updated_at, created_by, assisted)
         VALUES (?1, ?2, 'draft', 1, ?3, ?3, ?4, ?5)
         ON CONFLICT(concept_id, lang) DO UPDATE SET
            status = 'draft',
            revision = revision + CASE WHEN lang_section.status = 'adopted' THEN 1 ELSE 0 END,
            updated_at = excluded.updated_at,
            assisted = excluded.assisted",
        params![id.0, lang.code(), tx.at(), tx.actor(), assisted],
    )?;
    write_content(c, id.0, lang, content)?;
    Ok(current)
}

/// Moves a section to `to`, recording who and when for submissions and adoptions.
pub fn set_section_status(
    tx: &WriteTx,
    id: ConceptId,
    lang: Lang,
    to: SectionStatus,
    meeting: Option<&str>,
    document: Option<&str>,
) -> Result<()> {
    let c = tx.conn();
    match to {
        SectionStatus::Submitted => c.execute(
            "UPDATE lang_section SET status = 'submitted', submitted_at = ?3, submitted_by = ?4, updated_at = ?3
             WHERE concept_id = ?1 AND lang = ?2",
            params![id.0, lang.code(), tx.at(), tx.actor()],
        )?,
        SectionStatus::Adopted => {
            let n = c.execute(
                "UPDATE lang_section SET status = 'adopted', adopted_at = ?3, adopted_by = ?4, updated_at = ?3,
                        adopted_meeting = ?5, adopted_doc = ?6
                 WHERE concept_id = ?1 AND lang = ?2",
                params![id.0, lang.code(), tx.at(), tx.actor(), meeting, document],
            )?;
            publish(c, id.0, lang)?;
            n
        }
        other => c.execute(
            "UPDATE lang_section SET status = ?3, updated_at = ?4 WHERE concept_id = ?1 AND lang = ?2",
            params![id.0, lang.code(), other.as_str(), tx.at()],
        )?,
    };
    Ok(())
}

/// Adds study groups to a concept (harmonization: several groups share one concept).
pub fn add_study_groups(tx: &WriteTx, id: ConceptId, sgs: &[StudyGroupCode]) -> Result<()> {
    for sg in sgs {
        tx.conn()
            .execute("INSERT OR IGNORE INTO concept_sg (concept_id, sg) VALUES (?1, ?2)", params![id.0, sg.as_str()])?;
    }
    Ok(())
}

pub fn set_merged_into(tx: &WriteTx, id: ConceptId, into: ConceptId) -> Result<()> {
    tx.conn().execute("UPDATE concept SET merged_into = ?2 WHERE id = ?1", params![id.0, into.0])?;
    Ok(())
}

/// Records a comment, returning its id.
pub fn add_comment(tx: &WriteTx, id: ConceptId, lang: Option<Lang>, body: &str) -> Result<i64> {
    tx.conn().execute(
        "INSERT INTO comment (concept_id, lang, author, at, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.0, lang.map(Lang::code), tx.actor(), tx.at(), body],
    )?;
    Ok(tx.conn().last_insert_rowid())
}
