//! Reading and writing concepts with their language sections, terms and notes.

use std::collections::BTreeMap;

use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension};

use super::WriteTx;
use crate::error::{Error, Result};
use crate::model::{
    Concept, ConceptId, ConceptStatus, Lang, LangSection, Origin, OriginKind, RecId, SectionContent, SectionStatus,
    Source, StudyGroupCode, Term, TermKind,
};

/// Who is looking: the public sees accepted concepts and only adopted text;
/// staff see working copies of everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Public,
    Staff,
}

/// A concept to create (seed, proposal, import).
#[derive(Debug, Clone)]
pub struct NewConcept {
    /// A specific id to use (restoring an export into another store); must be free.
    pub id: Option<ConceptId>,
    pub status: ConceptStatus,
    pub rec: Option<RecId>,
    pub clause: Option<String>,
    pub study_groups: Vec<StudyGroupCode>,
    pub origin: OriginKind,
    pub origin_ref: Option<String>,
    pub subject_field: Option<String>,
    pub external_id: Option<String>,
    /// When the content was accepted/adopted, if known from the source; otherwise the write time.
    pub accepted_at: Option<String>,
    pub sections: Vec<NewSection>,
}

#[derive(Debug, Clone)]
pub struct NewSection {
    pub lang: Lang,
    pub status: SectionStatus,
    pub content: SectionContent,
}

/// Filters of `GET /api/v1/concepts`.
#[derive(Debug, Clone, Default)]
pub struct ConceptFilter {
    pub sg: Option<StudyGroupCode>,
    pub rec: Option<RecId>,
    pub lang: Option<Lang>,
    pub status: Option<ConceptStatus>,
    /// Inclusive bounds on `updated_at`, as RFC 3339 UTC strings.
    pub updated_from: Option<String>,
    pub updated_to: Option<String>,
    /// Only concepts with an id greater than this (keyset paging).
    pub after: Option<ConceptId>,
    pub limit: u32,
    /// Count all matches too (one more query; exports page without it).
    pub count_total: bool,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ConceptPage {
    /// Number of concepts matching the filter (all pages); absent when not counted.
    pub total: Option<u64>,
    pub items: Vec<Concept>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Case- and space-folded form of a term, for exact matching across study groups.
pub fn norm_term(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn load_other_langs(c: &Connection, id: i64) -> Result<BTreeMap<String, SectionContent>> {
    let mut stmt =
        c.prepare_cached("SELECT lang_tag, content FROM other_lang WHERE concept_id = ?1 ORDER BY lang_tag")?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (tag, json) = row?;
        out.insert(tag, serde_json::from_str(&json)?);
    }
    Ok(out)
}

/// Stores text in languages outside the six; returns whether anything changed.
pub fn write_other_langs(c: &Connection, id: ConceptId, langs: &[(String, SectionContent)]) -> Result<bool> {
    let mut changed = false;
    for (tag, content) in langs {
        let json = serde_json::to_string(content)?;
        changed |= c.execute(
            "INSERT INTO other_lang (concept_id, lang_tag, content) VALUES (?1, ?2, ?3)
             ON CONFLICT(concept_id, lang_tag) DO UPDATE SET content = excluded.content WHERE content <> excluded.content",
            params![id.0, tag, json],
        )? > 0;
    }
    Ok(changed)
}

/// Concepts having a term whose folded form is `norm` in `lang`.
pub fn ids_with_term(c: &Connection, lang: Lang, norm: &str) -> Result<Vec<ConceptId>> {
    let mut stmt = c.prepare_cached("SELECT DISTINCT concept_id FROM term WHERE lang = ?1 AND norm = ?2")?;
    let ids = stmt.query_map(params![lang.code(), norm], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids.into_iter().map(ConceptId).collect())
}

/// Creates a concept with its sections; records one history entry.
pub fn insert_concept(tx: &WriteTx, new: &NewConcept, action: &str) -> Result<ConceptId> {
    let c = tx.conn();
    if new.sections.iter().all(|s| s.content.is_empty()) {
        return Err(Error::Invalid("a concept needs at least one language with a term or definition".into()));
    }
    if let Some(rec) = &new.rec {
        ensure_recommendation(tx, rec)?;
    }
    let at = tx.at();
    let accepted_at = match new.status {
        ConceptStatus::Proposed => None,
        _ => Some(new.accepted_at.clone().unwrap_or_else(|| at.to_string())),
    };
    c.execute(
        "INSERT INTO concept (id, status, rec_id, clause, origin, origin_ref, subject_field, external_id,
                              created_at, updated_at, proposed_at, accepted_at, created_by, version)
         VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, ?9, ?10, 1)",
        params![
            new.status.as_str(),
            new.rec.as_ref().map(RecId::as_str),
            new.clause,
            new.origin.as_str(),
            new.origin_ref,
            new.subject_field,
            new.external_id,
            at,
            accepted_at,
            tx.actor(),
            new.id.map(|i| i.0),
        ],
    )?;
    let id = c.last_insert_rowid();
    for sg in &new.study_groups {
        ensure_study_group(c, sg)?;
        c.execute("INSERT OR IGNORE INTO concept_sg (concept_id, sg) VALUES (?1, ?2)", params![id, sg.as_str()])?;
    }
    for s in &new.sections {
        if s.content.is_empty() {
            continue;
        }
        let adopted_at =
            (s.status == SectionStatus::Adopted).then(|| accepted_at.clone().unwrap_or_else(|| at.to_string()));
        c.execute(
            "INSERT INTO lang_section (concept_id, lang, status, definition, revision, created_at, updated_at,
                                       created_by, submitted_at, adopted_at, adopted_by)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                s.lang.code(),
                s.status.as_str(),
                s.content.definition,
                at,
                tx.actor(),
                matches!(s.status, SectionStatus::Submitted | SectionStatus::Adopted).then_some(at),
                adopted_at,
                adopted_at.as_ref().map(|_| tx.actor()),
            ],
        )?;
        write_content(c, id, s.lang, &s.content)?;
        if s.status == SectionStatus::Adopted {
            publish(c, id, s.lang)?;
        }
    }
    let concept = load_concept(c, ConceptId(id), View::Staff)?
        .ok_or_else(|| Error::Internal("inserted concept vanished".into()))?;
    tx.record(id, None, action, None, Some(&serde_json::to_value(&concept)?), None)?;
    Ok(ConceptId(id))
}

/// Replaces the working terms, notes and definition of one section.
pub(crate) fn write_content(c: &Connection, id: i64, lang: Lang, content: &SectionContent) -> Result<()> {
    c.execute("DELETE FROM term WHERE concept_id = ?1 AND lang = ?2", params![id, lang.code()])?;
    c.execute("DELETE FROM note WHERE concept_id = ?1 AND lang = ?2", params![id, lang.code()])?;
    c.execute(
        "UPDATE lang_section SET definition = ?3 WHERE concept_id = ?1 AND lang = ?2",
        params![id, lang.code(), content.definition],
    )?;
    let mut ins_term =
        c.prepare_cached("INSERT INTO term (concept_id, lang, ord, text, kind, norm) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    let terms = content
        .terms
        .iter()
        .map(|t| (t.text.as_str(), t.status))
        .chain(content.abbreviations.iter().map(|a| (a.as_str(), TermKind::Abbreviation)));
    for (ord, (text, kind)) in terms.enumerate() {
        let text = crate::text::clean_term(text);
        let text = text.as_str();
        if text.is_empty() {
            return Err(Error::Invalid(format!("{lang}: a term may not be empty")));
        }
        ins_term.execute(params![id, lang.code(), ord as i64, text, kind.as_str(), norm_term(text)])?;
    }
    let mut ins_note = c.prepare_cached("INSERT INTO note (concept_id, lang, ord, text) VALUES (?1, ?2, ?3, ?4)")?;
    for (ord, text) in content.notes.iter().enumerate() {
        ins_note.execute(params![id, lang.code(), ord as i64, text])?;
    }
    Ok(())
}

/// Copies the working content into the published snapshot the public reads.
pub(crate) fn publish(c: &Connection, id: i64, lang: Lang) -> Result<()> {
    let content = read_content(c, id, lang)?;
    c.execute(
        "UPDATE lang_section SET published = ?3 WHERE concept_id = ?1 AND lang = ?2",
        params![id, lang.code(), serde_json::to_string(&content)?],
    )?;
    Ok(())
}

fn ensure_study_group(c: &Connection, sg: &StudyGroupCode) -> Result<()> {
    let known: bool =
        c.query_row("SELECT EXISTS(SELECT 1 FROM study_group WHERE code = ?1)", [sg.as_str()], |r| r.get(0))?;
    if known {
        Ok(())
    } else {
        Err(Error::Invalid(format!("unknown study group {sg}")))
    }
}

/// A concept may cite a Recommendation that is not yet recorded: create a bare draft record for it.
fn ensure_recommendation(tx: &WriteTx, rec: &RecId) -> Result<()> {
    tx.conn().execute(
        "INSERT OR IGNORE INTO recommendation (id, status, created_at, updated_at) VALUES (?1, 'draft', ?2, ?2)",
        params![rec.as_str(), tx.at()],
    )?;
    Ok(())
}

fn read_content(c: &Connection, id: i64, lang: Lang) -> Result<SectionContent> {
    let definition: Option<String> = c
        .query_row(
            "SELECT definition FROM lang_section WHERE concept_id = ?1 AND lang = ?2",
            params![id, lang.code()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let mut content = SectionContent { definition, ..Default::default() };
    let mut stmt = c.prepare_cached("SELECT text, kind FROM term WHERE concept_id = ?1 AND lang = ?2 ORDER BY ord")?;
    let rows = stmt.query_map(params![id, lang.code()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (text, kind) = row?;
        match kind.parse::<TermKind>().map_err(Error::Internal)? {
            TermKind::Abbreviation => content.abbreviations.push(text),
            status => content.terms.push(Term { text, status }),
        }
    }
    let mut stmt = c.prepare_cached("SELECT text FROM note WHERE concept_id = ?1 AND lang = ?2 ORDER BY ord")?;
    content.notes = stmt.query_map(params![id, lang.code()], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(content)
}

/// Loads one concept as `view` sees it; `None` if absent or not visible.
pub fn load_concept(c: &Connection, id: ConceptId, view: View) -> Result<Option<Concept>> {
    let row = c
        .query_row(
            "SELECT status, rec_id, clause, origin, origin_ref, subject_field, created_at, updated_at,
                    proposed_at, accepted_at, version
             FROM concept WHERE id = ?1",
            [id.0],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, i64>(10)?,
                ))
            },
        )
        .optional()?;
    let Some((
        status,
        rec,
        clause,
        origin,
        origin_ref,
        subject_field,
        created_at,
        updated_at,
        proposed_at,
        accepted_at,
        version,
    )) = row
    else {
        return Ok(None);
    };
    let status: ConceptStatus = status.parse().map_err(Error::Internal)?;
    if view == View::Public && !status.is_public() {
        return Ok(None);
    }
    let mut stmt = c.prepare_cached("SELECT sg FROM concept_sg WHERE concept_id = ?1 ORDER BY sg")?;
    let study_groups = stmt
        .query_map([id.0], |r| r.get::<_, String>(0))?
        .map(|s| {
            s.map_err(Error::from).and_then(|s| s.parse().map_err(|e: crate::model::ParseIdError| Error::Internal(e.0)))
        })
        .collect::<Result<Vec<StudyGroupCode>>>()?;
    let concept = Concept {
        id,
        status,
        study_groups,
        source: Source {
            rec: rec.map(|r| r.parse()).transpose().map_err(|e: crate::model::ParseIdError| Error::Internal(e.0))?,
            clause,
        },
        origin: Origin { kind: origin.parse().map_err(Error::Internal)?, reference: origin_ref },
        subject_field,
        created_at,
        updated_at,
        proposed_at,
        accepted_at,
        version,
        languages: load_sections(c, id.0, view)?,
        other_languages: load_other_langs(c, id.0)?,
    };
    Ok(Some(concept))
}

fn load_sections(c: &Connection, id: i64, view: View) -> Result<BTreeMap<Lang, LangSection>> {
    let mut stmt = c.prepare_cached(
        "SELECT lang, status, revision, published, created_at, updated_at, submitted_at, adopted_at,
                created_by, submitted_by, adopted_by, adopted_meeting, adopted_doc
         FROM lang_section WHERE concept_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    let mut out = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let lang: Lang =
            r.get::<_, String>(0)?.parse().map_err(|e: crate::model::ParseLangError| Error::Internal(e.to_string()))?;
        let status: SectionStatus = r.get::<_, String>(1)?.parse().map_err(Error::Internal)?;
        let published: Option<String> = r.get(3)?;
        let (status, content) = match view {
            View::Public => match published {
                Some(json) => (SectionStatus::Adopted, serde_json::from_str(&json)?),
                None => continue,
            },
            View::Staff if status == SectionStatus::Absent => continue,
            View::Staff => (status, read_content(c, id, lang)?),
        };
        let staff = view == View::Staff;
        out.insert(
            lang,
            LangSection {
                status,
                content,
                revision: r.get(2)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
                submitted_at: r.get(6)?,
                adopted_at: r.get(7)?,
                created_by: if staff { r.get(8)? } else { None },
                submitted_by: if staff { r.get(9)? } else { None },
                adopted_by: if staff { r.get(10)? } else { None },
                adopted_meeting: r.get(11)?,
                adopted_doc: r.get(12)?,
            },
        );
    }
    Ok(out)
}

/// Pages through concepts matching `f`, ordered by id.
pub fn list(c: &Connection, f: &ConceptFilter, view: View) -> Result<ConceptPage> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if view == View::Public {
        clauses.push("c.status IN ('accepted','historical')");
    }
    if let Some(status) = f.status {
        clauses.push("c.status = ?");
        args.push(Box::new(status.as_str()));
    }
    if let Some(sg) = &f.sg {
        clauses.push("EXISTS (SELECT 1 FROM concept_sg s WHERE s.concept_id = c.id AND s.sg = ?)");
        args.push(Box::new(sg.as_str().to_string()));
    }
    if let Some(rec) = &f.rec {
        clauses.push("c.rec_id = ?");
        args.push(Box::new(rec.as_str().to_string()));
    }
    if let Some(lang) = f.lang {
        clauses.push(match view {
            View::Public => {
                "EXISTS (SELECT 1 FROM lang_section l WHERE l.concept_id = c.id AND l.lang = ? AND l.published IS NOT NULL)"
            }
            View::Staff => {
                "EXISTS (SELECT 1 FROM lang_section l WHERE l.concept_id = c.id AND l.lang = ? AND l.status <> 'absent')"
            }
        });
        args.push(Box::new(lang.code()));
    }
    if let Some(from) = &f.updated_from {
        clauses.push("c.updated_at >= ?");
        args.push(Box::new(from.clone()));
    }
    if let Some(to) = &f.updated_to {
        clauses.push("c.updated_at <= ?");
        args.push(Box::new(to.clone()));
    }
    let where_sql = if clauses.is_empty() { String::from("1") } else { clauses.join(" AND ") };
    let arg_refs: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let total: Option<i64> = if f.count_total {
        Some(c.query_row(&format!("SELECT COUNT(*) FROM concept c WHERE {where_sql}"), arg_refs.as_slice(), |r| {
            r.get(0)
        })?)
    } else {
        None
    };

    let after = f.after.map_or(0, |a| a.0);
    let limit = i64::from(f.limit);
    let sql = format!("SELECT c.id FROM concept c WHERE {where_sql} AND c.id > ? ORDER BY c.id LIMIT ?");
    let mut page_args = arg_refs;
    page_args.push(&after);
    let fetch = limit + 1;
    page_args.push(&fetch);
    let mut stmt = c.prepare(&sql)?;
    let ids: Vec<i64> = stmt.query_map(page_args.as_slice(), |r| r.get(0))?.collect::<Result<_, _>>()?;
    let has_more = ids.len() as i64 > limit;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids.into_iter().take(limit as usize) {
        if let Some(concept) = load_concept(c, ConceptId(id), view)? {
            items.push(concept);
        }
    }
    let next_cursor = if has_more { items.last().map(|c| c.id.to_string()) } else { None };
    Ok(ConceptPage { total: total.map(|t| t as u64), items, next_cursor })
}
