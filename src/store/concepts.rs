//! Reading and writing concepts with their language sections, terms and notes.

use std::collections::BTreeMap;

use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension};

use super::WriteTx;
use crate::error::{Error, Result};
use crate::model::{
    Concept, ConceptFields, ConceptId, ConceptStatus, Lang, LangSection, NewConcept, Origin, OriginKind, RecId,
    SectionContent, SectionStatus, Source, StudyGroupCode, Term, TermKind, View,
};
use crate::text::norm_term;

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
    /// Only concepts the change log touched after this sequence (incremental sync). In the
    /// public view this also brings withdrawn concepts that were once public, with their
    /// last adopted text and their status, so that a copy kept elsewhere can drop them.
    pub changed_after: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ConceptPage {
    /// Number of concepts matching the filter (all pages); absent when not counted.
    pub total: Option<u64>,
    pub items: Vec<Concept>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
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
    if langs.is_empty() {
        return Ok(false);
    }
    super::history::materialize(c, id)?;
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

/// A term's folded form ([`norm_term`]) in SQL: `term.norm` holds it only where it
/// differs from the text (migration 0010). A query finds it through the `term_norm`
/// index only when it spells this expression exactly as the index does.
pub(crate) const TERM_NORM: &str = "coalesce(norm, text)";

/// Concepts having a term whose folded form is `norm` in `lang`.
pub fn ids_with_term(c: &Connection, lang: Lang, norm: &str) -> Result<Vec<ConceptId>> {
    let mut stmt =
        c.prepare_cached(&format!("SELECT DISTINCT concept_id FROM term WHERE lang = ?1 AND {TERM_NORM} = ?2"))?;
    let ids = stmt.query_map(params![lang.code(), norm], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids.into_iter().map(ConceptId).collect())
}

/// Creates a concept with its sections; records one history entry.
pub fn insert_concept(tx: &WriteTx, new: &NewConcept, action: &str) -> Result<ConceptId> {
    insert_concept_as(tx, new, action, false)
}

/// [`insert_concept`], its sections marked machine-assisted when `assisted`.
pub fn insert_concept_as(tx: &WriteTx, new: &NewConcept, action: &str, assisted: bool) -> Result<ConceptId> {
    insert_concept_with(tx, new, action, assisted, &[])
}

/// [`insert_concept_as`], also storing text in languages outside the six: part of the
/// concept as created, so its creation entry stays a marker (see `store::history`).
pub fn insert_concept_with(
    tx: &WriteTx,
    new: &NewConcept,
    action: &str,
    assisted: bool,
    other_langs: &[(String, SectionContent)],
) -> Result<ConceptId> {
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
    c.prepare_cached(
        "INSERT INTO concept (id, status, rec_id, clause, origin, origin_ref, subject_field, external_id,
                              created_at, updated_at, proposed_at, accepted_at, created_by, version)
         VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, ?9, ?10, 1)",
    )?
    .execute(params![
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
    ])?;
    let id = c.last_insert_rowid();
    for sg in &new.study_groups {
        ensure_study_group(c, sg)?;
        c.prepare_cached("INSERT OR IGNORE INTO concept_sg (concept_id, sg) VALUES (?1, ?2)")?
            .execute(params![id, sg.as_str()])?;
    }
    for s in &new.sections {
        if s.content.is_empty() {
            continue;
        }
        let adopted_at =
            (s.status == SectionStatus::Adopted).then(|| accepted_at.clone().unwrap_or_else(|| at.to_string()));
        c.prepare_cached(
            "INSERT INTO lang_section (concept_id, lang, status, definition, revision, created_at, updated_at,
                                       created_by, submitted_at, adopted_at, adopted_by, assisted)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            id,
            s.lang.code(),
            s.status.as_str(),
            s.content.definition,
            at,
            tx.actor(),
            matches!(s.status, SectionStatus::Submitted | SectionStatus::Adopted).then_some(at),
            adopted_at,
            adopted_at.as_ref().map(|_| tx.actor()),
            assisted,
        ])?;
        insert_terms_and_notes(c, id, s.lang, &s.content)?;
        if s.status == SectionStatus::Adopted {
            publish(c, id, s.lang)?;
        }
    }
    write_other_langs(c, ConceptId(id), other_langs)?;
    // The creation entry is the concept as it is until it changes: no copy (see `history`).
    tx.record_creation(id, action, new.status.as_str())?;
    Ok(ConceptId(id))
}

/// Whether a concept with this id exists (any status).
pub fn exists(c: &Connection, id: ConceptId) -> Result<bool> {
    Ok(c.prepare_cached("SELECT 1 FROM concept WHERE id = ?1")?.exists([id.0])?)
}

/// The concept an imported file's own id was stored for.
pub fn id_by_external_id(c: &Connection, external_id: &str) -> Result<Option<ConceptId>> {
    let id: Option<i64> = c
        .prepare_cached("SELECT id FROM concept WHERE external_id = ?1")?
        .query_row([external_id], |row| row.get(0))
        .optional()?;
    Ok(id.map(ConceptId))
}

/// The first concept (not withdrawn) sourced from `rec` at `clause`, with the English
/// term `en_norm` (normalized) when one is given.
pub fn id_by_source(c: &Connection, rec: &RecId, clause: &str, en_norm: Option<&str>) -> Result<Option<ConceptId>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT c.id FROM concept c WHERE c.rec_id = ?1 AND c.clause = ?2 AND c.status <> 'withdrawn'
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM term WHERE term.concept_id = c.id AND term.lang = 'en'
                                                         AND {TERM_NORM} = ?3))
         ORDER BY c.id LIMIT 1"
    ))?;
    let id: Option<i64> = stmt.query_row(params![rec.as_str(), clause, en_norm], |row| row.get(0)).optional()?;
    Ok(id.map(ConceptId))
}

/// How many concepts there are, of any status.
pub fn count(c: &Connection) -> Result<i64> {
    Ok(c.query_row("SELECT COUNT(*) FROM concept", [], |r| r.get(0))?)
}

/// What a search hit shows of a concept besides its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub status: ConceptStatus,
    pub rec: Option<String>,
    pub clause: Option<String>,
}

/// The status and source of a concept, without reading its sections (the term lookups'
/// fast path has the terms in memory already).
pub fn head(c: &Connection, id: ConceptId) -> Result<Option<Head>> {
    let mut stmt = c.prepare_cached("SELECT status, rec_id, clause FROM concept WHERE id = ?1")?;
    let row = stmt
        .query_row([id.0], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(status, rec, clause)| Ok(Head { status: status.parse().map_err(Error::Internal)?, rec, clause }))
        .transpose()
}

/// Up to `limit` concept ids greater than `after`, in order (for walking every concept).
pub fn ids_after(c: &Connection, after: i64, limit: i64) -> Result<Vec<i64>> {
    let mut stmt = c.prepare_cached("SELECT id FROM concept WHERE id > ?1 ORDER BY id LIMIT ?2")?;
    let ids = stmt.query_map([after, limit], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

/// Sets a concept's status; accepting stamps `accepted_at`.
pub fn set_concept_status(tx: &WriteTx, id: ConceptId, status: ConceptStatus) -> Result<()> {
    let accepted = if status == ConceptStatus::Accepted { Some(tx.at()) } else { None };
    tx.conn().execute(
        "UPDATE concept SET status = ?2, accepted_at = COALESCE(?3, accepted_at) WHERE id = ?1",
        params![id.0, status.as_str(), accepted],
    )?;
    Ok(())
}

/// Sets the fields `f` gives where they differ from `existing`; returns whether anything changed.
/// Study groups given are the concept's whole list (a spreadsheet may move a concept to another group).
pub fn update_fields(tx: &WriteTx, existing: &Concept, f: &ConceptFields) -> Result<bool> {
    let c = tx.conn();
    let id = existing.id.0;
    let mut changed = false;
    if let Some(status) = f.status.filter(|s| *s != existing.status) {
        set_concept_status(tx, existing.id, status)?;
        changed = true;
    }
    let rec = f.rec.as_ref().filter(|r| existing.source.rec.as_ref() != Some(*r));
    let clause = f.clause.as_ref().filter(|cl| existing.source.clause.as_ref() != Some(*cl));
    if let Some(rec) = rec {
        ensure_recommendation(tx, rec)?;
    }
    if rec.is_some() || clause.is_some() {
        c.prepare_cached(
            "UPDATE concept SET rec_id = COALESCE(?2, rec_id), clause = COALESCE(?3, clause) WHERE id = ?1",
        )?
        .execute(params![id, rec.map(RecId::as_str), clause])?;
        changed = true;
    }
    let origin = f.origin.filter(|o| *o != existing.origin.kind);
    let origin_ref = f.origin_ref.as_ref().filter(|r| existing.origin.reference.as_ref() != Some(*r));
    if origin.is_some() || origin_ref.is_some() {
        c.prepare_cached(
            "UPDATE concept SET origin = COALESCE(?2, origin), origin_ref = COALESCE(?3, origin_ref) WHERE id = ?1",
        )?
        .execute(params![id, origin.map(OriginKind::as_str), origin_ref])?;
        changed = true;
    }
    if let Some(subject) = f.subject_field.as_ref().filter(|s| existing.subject_field.as_ref() != Some(*s)) {
        c.prepare_cached("UPDATE concept SET subject_field = ?2 WHERE id = ?1")?.execute(params![id, subject])?;
        changed = true;
    }
    let mut wanted: Vec<&StudyGroupCode> = f.study_groups.iter().collect();
    wanted.sort();
    wanted.dedup();
    let stored: Vec<&StudyGroupCode> = existing.study_groups.iter().collect();
    if !wanted.is_empty() && wanted != stored {
        c.prepare_cached("DELETE FROM concept_sg WHERE concept_id = ?1")?.execute([id])?;
        for sg in wanted {
            ensure_study_group(c, sg)?;
            c.prepare_cached("INSERT INTO concept_sg (concept_id, sg) VALUES (?1, ?2)")?
                .execute(params![id, sg.as_str()])?;
        }
        changed = true;
    }
    Ok(changed)
}

/// Replaces the working terms, notes and definition of one section. A published text
/// kept as "the working copy" ([`SAME_AS_WORKING`]) is written out first, as it was.
pub(crate) fn write_content(c: &Connection, id: i64, lang: Lang, content: &SectionContent) -> Result<()> {
    let shared: bool = c
        .prepare_cached("SELECT published = ?3 FROM lang_section WHERE concept_id = ?1 AND lang = ?2")?
        .query_row(params![id, lang.code(), SAME_AS_WORKING], |r| Ok(r.get::<_, Option<bool>>(0)?.unwrap_or(false)))
        .optional()?
        .unwrap_or(false);
    if shared {
        let adopted = read_content(c, id, lang)?;
        c.prepare_cached("UPDATE lang_section SET published = ?3 WHERE concept_id = ?1 AND lang = ?2")?
            .execute(params![id, lang.code(), serde_json::to_string(&adopted)?])?;
    }
    c.prepare_cached("DELETE FROM term WHERE concept_id = ?1 AND lang = ?2")?.execute(params![id, lang.code()])?;
    c.prepare_cached("DELETE FROM note WHERE concept_id = ?1 AND lang = ?2")?.execute(params![id, lang.code()])?;
    c.prepare_cached("UPDATE lang_section SET definition = ?3 WHERE concept_id = ?1 AND lang = ?2")?
        .execute(params![id, lang.code(), content.definition])?;
    insert_terms_and_notes(c, id, lang, content)?;
    Ok(())
}

/// Inserts the terms and notes of a section that has none (terms cleaned).
fn insert_terms_and_notes(c: &Connection, id: i64, lang: Lang, content: &SectionContent) -> Result<()> {
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
        let norm = Some(norm_term(text)).filter(|n| n != text);
        ins_term.execute(params![id, lang.code(), ord as i64, text, kind.as_str(), norm])?;
    }
    let mut ins_note = c.prepare_cached("INSERT INTO note (concept_id, lang, ord, text) VALUES (?1, ?2, ?3, ?4)")?;
    for (ord, text) in content.notes.iter().enumerate() {
        ins_note.execute(params![id, lang.code(), ord as i64, text])?;
    }
    Ok(())
}

/// `lang_section.published` when the published text is the working copy itself (adopted
/// and not edited since): the text is not stored twice. [`write_content`] writes the
/// published JSON out before it changes the working copy.
pub(crate) const SAME_AS_WORKING: &str = "";

/// Makes the working content the published text the public reads.
pub(crate) fn publish(c: &Connection, id: i64, lang: Lang) -> Result<()> {
    c.prepare_cached("UPDATE lang_section SET published = ?3 WHERE concept_id = ?1 AND lang = ?2")?
        .execute(params![id, lang.code(), SAME_AS_WORKING])?;
    Ok(())
}

fn ensure_study_group(c: &Connection, sg: &StudyGroupCode) -> Result<()> {
    let known: bool = c
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM study_group WHERE code = ?1)")?
        .query_row([sg.as_str()], |r| r.get(0))?;
    if known {
        Ok(())
    } else {
        Err(Error::Invalid(format!("unknown study group {sg}")))
    }
}

/// A concept may cite a Recommendation that is not yet recorded: create a bare draft record for it.
fn ensure_recommendation(tx: &WriteTx, rec: &RecId) -> Result<()> {
    tx.conn()
        .prepare_cached(
            "INSERT OR IGNORE INTO recommendation (id, status, created_at, updated_at) VALUES (?1, 'draft', ?2, ?2)",
        )?
        .execute(params![rec.as_str(), tx.at()])?;
    Ok(())
}

fn read_content(c: &Connection, id: i64, lang: Lang) -> Result<SectionContent> {
    let definition: Option<String> = c
        .prepare_cached("SELECT definition FROM lang_section WHERE concept_id = ?1 AND lang = ?2")?
        .query_row(params![id, lang.code()], |r| r.get(0))
        .optional()?
        .flatten();
    let mut content = working_texts(c, id, Some(lang))?.remove(&lang).unwrap_or_default();
    content.definition = definition;
    Ok(content)
}

/// The working terms and notes of a concept's sections (all, or one language),
/// in two queries whatever the number of sections; definitions are left out.
fn working_texts(c: &Connection, id: i64, lang: Option<Lang>) -> Result<BTreeMap<Lang, SectionContent>> {
    let mut out: BTreeMap<Lang, SectionContent> = BTreeMap::new();
    let lang = lang.map(Lang::code);
    let parse_lang =
        |l: String| l.parse::<Lang>().map_err(|e: crate::model::ParseLangError| Error::Internal(e.to_string()));
    let mut stmt = c.prepare_cached(
        "SELECT lang, text, kind FROM term WHERE concept_id = ?1 AND (?2 IS NULL OR lang = ?2) ORDER BY lang, ord",
    )?;
    let mut rows = stmt.query(params![id, lang])?;
    while let Some(r) = rows.next()? {
        let content = out.entry(parse_lang(r.get(0)?)?).or_default();
        let text: String = r.get(1)?;
        match r.get::<_, String>(2)?.parse::<TermKind>().map_err(Error::Internal)? {
            TermKind::Abbreviation => content.abbreviations.push(text),
            status => content.terms.push(Term { text, status }),
        }
    }
    let mut stmt = c.prepare_cached(
        "SELECT lang, text FROM note WHERE concept_id = ?1 AND (?2 IS NULL OR lang = ?2) ORDER BY lang, ord",
    )?;
    let mut rows = stmt.query(params![id, lang])?;
    while let Some(r) = rows.next()? {
        out.entry(parse_lang(r.get(0)?)?).or_default().notes.push(r.get(1)?);
    }
    Ok(out)
}

/// Loads one concept as `view` sees it; `None` if absent or not visible.
pub fn load_concept(c: &Connection, id: ConceptId, view: View) -> Result<Option<Concept>> {
    let row = c
        .prepare_cached(
            "SELECT status, rec_id, clause, origin, origin_ref, subject_field, created_at, updated_at,
                    proposed_at, accepted_at, version
             FROM concept WHERE id = ?1",
        )?
        .query_row([id.0], |r| {
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
        })
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
        harmonization: super::harmonization::linked(c, id, view)?,
    };
    Ok(Some(concept))
}

/// A withdrawn concept as the public last saw it: its status, and the text adopted
/// before it was withdrawn (never a working copy). `None` if it was never public.
fn load_withdrawn(c: &Connection, id: ConceptId) -> Result<Option<Concept>> {
    let Some(staff) = load_concept(c, id, View::Staff)? else { return Ok(None) };
    if staff.status != ConceptStatus::Withdrawn || staff.accepted_at.is_none() {
        return Ok(None);
    }
    Ok(Some(Concept {
        languages: load_sections(c, id.0, View::Public)?,
        harmonization: super::harmonization::linked(c, id, View::Public)?,
        ..staff
    }))
}

/// Both views of a concept at once (the search index needs both): the
/// concept row, study groups and other languages are read once.
pub fn load_both_views(c: &Connection, id: ConceptId) -> Result<(Option<Concept>, Option<Concept>)> {
    let Some(staff) = load_concept(c, id, View::Staff)? else { return Ok((None, None)) };
    if !staff.status.is_public() {
        return Ok((None, Some(staff)));
    }
    let public = Concept {
        languages: load_sections(c, id.0, View::Public)?,
        harmonization: super::harmonization::linked(c, id, View::Public)?,
        ..staff.clone()
    };
    Ok((Some(public), Some(staff)))
}

fn load_sections(c: &Connection, id: i64, view: View) -> Result<BTreeMap<Lang, LangSection>> {
    let mut stmt = c.prepare_cached(
        "SELECT lang, status, revision, published, created_at, updated_at, submitted_at, adopted_at,
                created_by, submitted_by, adopted_by, adopted_meeting, adopted_doc, definition, assisted
         FROM lang_section WHERE concept_id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    // The working texts: the staff view's, and the public's where the published text is the working copy.
    let mut working = if view == View::Staff { Some(working_texts(c, id, None)?) } else { None };
    let mut out = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let lang: Lang =
            r.get::<_, String>(0)?.parse().map_err(|e: crate::model::ParseLangError| Error::Internal(e.to_string()))?;
        let status: SectionStatus = r.get::<_, String>(1)?.parse().map_err(Error::Internal)?;
        let published: Option<String> = r.get(3)?;
        let (status, content) = match view {
            View::Public => match published {
                Some(json) if json == SAME_AS_WORKING => {
                    let texts = match &mut working {
                        Some(w) => w,
                        None => working.insert(working_texts(c, id, None)?),
                    };
                    let mut content = texts.remove(&lang).unwrap_or_default();
                    content.definition = r.get(13)?;
                    (SectionStatus::Adopted, content)
                }
                Some(json) => (SectionStatus::Adopted, serde_json::from_str(&json)?),
                None => continue,
            },
            View::Staff if status == SectionStatus::Absent => continue,
            View::Staff => {
                let mut content = working.as_mut().and_then(|w| w.remove(&lang)).unwrap_or_default();
                content.definition = r.get(13)?;
                (status, content)
            }
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
                assisted: staff && r.get::<_, bool>(14)?,
            },
        );
    }
    Ok(out)
}

/// Pages through concepts matching `f`, ordered by id.
pub fn list(c: &Connection, f: &ConceptFilter, view: View) -> Result<ConceptPage> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let sync = f.changed_after.is_some();
    if view == View::Public {
        clauses.push(if sync {
            "(c.status IN ('accepted','historical') OR (c.status = 'withdrawn' AND c.accepted_at IS NOT NULL))"
        } else {
            "c.status IN ('accepted','historical')"
        });
    }
    if let Some(seq) = f.changed_after {
        clauses.push("c.id IN (SELECT concept_id FROM change_log WHERE seq > ?)");
        args.push(Box::new(seq));
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
        let concept = match load_concept(c, ConceptId(id), view)? {
            None if sync && view == View::Public => load_withdrawn(c, ConceptId(id))?,
            found => found,
        };
        items.extend(concept);
    }
    let next_cursor = if has_more { items.last().map(|c| c.id.to_string()) } else { None };
    Ok(ConceptPage { total: total.map(|t| t as u64), items, next_cursor })
}
