//! The rows behind each role's work queue.

use rusqlite::Connection;

use super::sections::PENDING;
use crate::error::{Error, Result};
use crate::model::{ConceptId, Lang, Role, SectionStatus, User};

/// One language section waiting for `user`'s role.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub id: ConceptId,
    pub lang: Lang,
    pub section_status: SectionStatus,
    pub concept_status: String,
    pub updated_at: String,
    pub term_en: Option<String>,
    pub assisted: bool,
}

/// What `user` can act on now, by role and bindings, in the order they should be taken.
pub fn rows(c: &Connection, user: &User, limit: u32) -> Result<Vec<QueueRow>> {
    let limit = i64::from(limit);
    let base = "SELECT c.id, l.lang, l.status, c.status, c.updated_at,
                       (SELECT text FROM term t WHERE t.concept_id = c.id AND t.lang = 'en' AND t.kind <> 'abbreviation' ORDER BY ord LIMIT 1),
                       l.assisted
                FROM concept c";
    let (sql, args): (String, Vec<String>) = match user.role {
        Role::Admin => (
            format!("{base} JOIN lang_section l ON l.concept_id = c.id AND l.lang = 'en'
                     WHERE c.status = 'proposed' AND l.status = 'submitted' AND {PENDING}
                     ORDER BY c.updated_at LIMIT {limit}"),
            vec![],
        ),
        Role::Rapporteur => (
            format!("{base} JOIN lang_section l ON l.concept_id = c.id AND l.lang = 'en'
                     WHERE c.status = 'proposed'
                       AND EXISTS (SELECT 1 FROM concept_sg s WHERE s.concept_id = c.id AND s.sg IN (SELECT value FROM json_each(?1)))
                     ORDER BY c.updated_at DESC LIMIT {limit}"),
            vec![serde_json::to_string(&user.study_groups.iter().map(|s| s.as_str()).collect::<Vec<_>>())?],
        ),
        Role::Reviewer => (
            format!("{base} JOIN lang_section l ON l.concept_id = c.id
                     WHERE c.status = 'accepted' AND l.status = 'submitted' AND {PENDING}
                       AND l.lang IN (SELECT value FROM json_each(?1))
                     ORDER BY l.submitted_at LIMIT {limit}"),
            vec![serde_json::to_string(&user.langs)?],
        ),
        Role::Translator => (
            // Every accepted concept missing, drafted or returned in one of the translator's languages.
            format!("SELECT c.id, g.value, COALESCE(l.status, 'absent'), c.status, c.updated_at,
                       (SELECT text FROM term t WHERE t.concept_id = c.id AND t.lang = 'en' AND t.kind <> 'abbreviation' ORDER BY ord LIMIT 1),
                       COALESCE(l.assisted, 0)
                     FROM concept c CROSS JOIN json_each(?1) g
                     LEFT JOIN lang_section l ON l.concept_id = c.id AND l.lang = g.value
                     WHERE c.status = 'accepted' AND COALESCE(l.status, 'absent') IN ('absent','draft','returned')
                     ORDER BY CASE COALESCE(l.status, 'absent') WHEN 'returned' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, c.id
                     LIMIT {limit}"),
            vec![serde_json::to_string(&user.langs)?],
        ),
    };
    let mut stmt = c.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, bool>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, lang, sstatus, concept_status, updated_at, term_en, assisted) = row?;
        out.push(QueueRow {
            id: ConceptId(id),
            lang: lang.parse().map_err(|e: crate::model::ParseLangError| Error::Internal(e.to_string()))?,
            section_status: sstatus.parse().map_err(Error::Internal)?,
            concept_status,
            updated_at,
            term_en,
            assisted,
        });
    }
    Ok(out)
}
