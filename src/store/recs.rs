//! Recommendations and study groups.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::WriteTx;
use crate::error::{Error, Result};
use crate::model::{ParseIdError, RecId, Recommendation, StudyGroup, View};

/// Inserts or replaces a Recommendation record.
pub fn upsert(tx: &WriteTx, r: &Recommendation) -> Result<()> {
    tx.conn().execute(
        "INSERT INTO recommendation (id, edition, provisional_name, title_en, title_zh, sg, approval_procedure,
                                     status, approval_date, superseded_by, summary, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
         ON CONFLICT(id) DO UPDATE SET edition = excluded.edition, provisional_name = excluded.provisional_name,
             title_en = excluded.title_en, title_zh = excluded.title_zh, sg = excluded.sg,
             approval_procedure = excluded.approval_procedure, status = excluded.status,
             approval_date = excluded.approval_date, superseded_by = excluded.superseded_by,
             summary = excluded.summary, updated_at = excluded.updated_at",
        params![
            r.id.as_str(),
            r.edition,
            r.provisional_name,
            r.title_en,
            r.title_zh,
            r.sg.as_ref().map(|s| s.as_str()),
            r.approval_procedure.map(|p| p.as_str()),
            r.status.as_str(),
            r.approval_date,
            r.superseded_by.as_ref().map(RecId::as_str),
            r.summary,
            tx.at(),
        ],
    )?;
    Ok(())
}

fn visible_concepts_sql(view: View) -> &'static str {
    match view {
        View::Public => {
            "(SELECT COUNT(*) FROM concept c WHERE c.rec_id = r.id AND c.status IN ('accepted','historical'))"
        }
        View::Staff => "(SELECT COUNT(*) FROM concept c WHERE c.rec_id = r.id)",
    }
}

fn internal(e: ParseIdError) -> Error {
    Error::Internal(e.0)
}

fn rec_from_row(r: &Row) -> Result<Recommendation> {
    Ok(Recommendation {
        id: r.get::<_, String>(0)?.parse().map_err(internal)?,
        edition: r.get(1)?,
        provisional_name: r.get(2)?,
        title_en: r.get(3)?,
        title_zh: r.get(4)?,
        sg: r.get::<_, Option<String>>(5)?.map(|s| s.parse()).transpose().map_err(internal)?,
        approval_procedure: r.get::<_, Option<String>>(6)?.map(|s| s.parse()).transpose().map_err(Error::Internal)?,
        status: r.get::<_, String>(7)?.parse().map_err(Error::Internal)?,
        approval_date: r.get(8)?,
        superseded_by: r.get::<_, Option<String>>(9)?.map(|s| s.parse()).transpose().map_err(internal)?,
        summary: r.get(10)?,
        concepts: r.get::<_, i64>(11)? as u64,
    })
}

const REC_COLUMNS: &str = "r.id, r.edition, r.provisional_name, r.title_en, r.title_zh, r.sg, r.approval_procedure,
                           r.status, r.approval_date, r.superseded_by, r.summary";

pub fn list_recommendations(c: &Connection, view: View) -> Result<Vec<Recommendation>> {
    let sql = format!("SELECT {REC_COLUMNS}, {} FROM recommendation r ORDER BY r.id", visible_concepts_sql(view));
    let mut stmt = c.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(rec_from_row(r)?);
    }
    Ok(out)
}

pub fn get_recommendation(c: &Connection, id: &RecId, view: View) -> Result<Option<Recommendation>> {
    let sql = format!("SELECT {REC_COLUMNS}, {} FROM recommendation r WHERE r.id = ?1", visible_concepts_sql(view));
    let mut stmt = c.prepare(&sql)?;
    let mut rows = stmt.query([id.as_str()])?;
    match rows.next()? {
        Some(r) => Ok(Some(rec_from_row(r)?)),
        None => Ok(None),
    }
}

pub fn list_study_groups(c: &Connection, view: View) -> Result<Vec<StudyGroup>> {
    let status_filter = match view {
        View::Public => "AND c.status IN ('accepted','historical')",
        View::Staff => "",
    };
    let sql = format!(
        "SELECT g.code, g.title_en, g.title_zh, g.period,
                (SELECT COUNT(*) FROM concept_sg s JOIN concept c ON c.id = s.concept_id
                 WHERE s.sg = g.code {status_filter})
         FROM study_group g WHERE g.active = 1
         ORDER BY CASE WHEN g.code = 'TSAG' THEN 1 ELSE 0 END, CAST(substr(g.code, 3) AS INTEGER)"
    );
    let mut stmt = c.prepare(&sql)?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(4)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (code, title_en, title_zh, period, concepts) = row?;
        out.push(StudyGroup {
            code: code.parse().map_err(internal)?,
            title_en,
            title_zh,
            period,
            concepts: concepts as u64,
        });
    }
    Ok(out)
}

pub fn study_group_exists(c: &Connection, code: &str) -> Result<bool> {
    Ok(c.query_row("SELECT 1 FROM study_group WHERE code = ?1", [code], |_| Ok(())).optional()?.is_some())
}

/// A Recommendation's status as stored (`None`: no such Recommendation).
pub fn status(c: &Connection, rec: &RecId) -> Result<Option<String>> {
    Ok(c.query_row("SELECT status FROM recommendation WHERE id = ?1", [rec.as_str()], |r| r.get(0)).optional()?)
}

/// Marks `rec` superseded by `by`, creating `by` (in force, same study group) if unknown.
pub fn supersede(tx: &WriteTx, rec: &RecId, by: &RecId) -> Result<()> {
    let c = tx.conn();
    c.execute(
        "INSERT OR IGNORE INTO recommendation (id, status, sg, created_at, updated_at)
         SELECT ?1, 'in_force', sg, ?2, ?2 FROM recommendation WHERE id = ?3",
        params![by.as_str(), tx.at(), rec.as_str()],
    )?;
    c.execute(
        "UPDATE recommendation SET status = 'superseded', superseded_by = ?2, updated_at = ?3 WHERE id = ?1",
        params![rec.as_str(), by.as_str(), tx.at()],
    )?;
    Ok(())
}

/// The accepted and proposed concepts a Recommendation is the source of, by id.
pub fn current_concepts(c: &Connection, rec: &RecId) -> Result<Vec<crate::model::ConceptId>> {
    let ids: Vec<i64> = c
        .prepare("SELECT id FROM concept WHERE rec_id = ?1 AND status IN ('accepted','proposed') ORDER BY id")?
        .query_map([rec.as_str()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids.into_iter().map(crate::model::ConceptId).collect())
}

/// Moves a concept to another source Recommendation.
pub fn set_source(tx: &WriteTx, id: crate::model::ConceptId, rec: &RecId) -> Result<()> {
    tx.conn().execute("UPDATE concept SET rec_id = ?2 WHERE id = ?1", params![id.0, rec.as_str()])?;
    Ok(())
}
