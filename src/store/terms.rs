//! Each concept's terms per language with who may see them: what the recognizer's
//! dictionary is built from and kept current with.
//!
//! The adopted text (the `published` snapshot) of an accepted or historical concept is
//! public; the working terms of drafts, submitted sections and proposals are pending
//! (a working term equal to an adopted one is the adopted one, listed once). A withdrawn
//! concept has no terms: recognizing it would point at nothing anyone may see.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use crate::model::{ConceptId, ConceptStatus, Lang, SectionContent, SectionStatus, Term, TermKind};
use crate::recognize::{section_entries, ConceptTerms, Visibility};

/// The terms of the concepts with ids in `first..=last`, in id order (concepts without
/// any section are left out).
pub fn in_range(c: &Connection, first: i64, last: i64) -> Result<Vec<ConceptTerms>> {
    struct Section {
        lang: Lang,
        status: SectionStatus,
        published: Option<String>,
    }
    let parse_lang =
        |l: String| l.parse::<Lang>().map_err(|e: crate::model::ParseLangError| Error::Internal(e.to_string()));
    // Concept → (its status, its sections).
    let mut concepts: BTreeMap<i64, (ConceptStatus, Vec<Section>)> = BTreeMap::new();
    let mut stmt = c.prepare_cached(
        "SELECT s.concept_id, c.status, s.lang, s.status, s.published
         FROM lang_section s JOIN concept c ON c.id = s.concept_id
         WHERE s.concept_id BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        let status: ConceptStatus = r.get::<_, String>(1)?.parse().map_err(Error::Internal)?;
        let section = Section {
            lang: parse_lang(r.get(2)?)?,
            status: r.get::<_, String>(3)?.parse().map_err(Error::Internal)?,
            published: r.get(4)?,
        };
        concepts.entry(r.get(0)?).or_insert_with(|| (status, Vec::new())).1.push(section);
    }
    // Concept → language → working terms, in order.
    let mut working: BTreeMap<(i64, Lang), SectionContent> = BTreeMap::new();
    let mut stmt = c.prepare_cached(
        "SELECT concept_id, lang, text, kind FROM term WHERE concept_id BETWEEN ?1 AND ?2
         ORDER BY concept_id, lang, ord",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        let content = working.entry((r.get(0)?, parse_lang(r.get(1)?)?)).or_default();
        let text: String = r.get(2)?;
        match r.get::<_, String>(3)?.parse::<TermKind>().map_err(Error::Internal)? {
            TermKind::Abbreviation => content.abbreviations.push(text),
            status => content.terms.push(Term { text, status }),
        }
    }
    let mut out = Vec::with_capacity(concepts.len());
    for (id, (status, mut sections)) in concepts {
        let mut entries = Vec::new();
        if status != ConceptStatus::Withdrawn {
            sections.sort_by_key(|s| s.lang);
            for s in &sections {
                let public = match (&s.published, status.is_public()) {
                    (Some(json), true) if json == super::concepts::SAME_AS_WORKING => {
                        match working.get(&(id, s.lang)) {
                            Some(content) => section_entries(s.lang, content, Visibility::Public),
                            None => Vec::new(),
                        }
                    }
                    (Some(json), true) => {
                        let content: SectionContent = serde_json::from_str(json)?;
                        section_entries(s.lang, &content, Visibility::Public)
                    }
                    _ => Vec::new(),
                };
                let pending = match working.get(&(id, s.lang)) {
                    Some(content) if s.status != SectionStatus::Absent => {
                        section_entries(s.lang, content, Visibility::Pending)
                    }
                    _ => Vec::new(),
                };
                let pending: Vec<_> = pending
                    .into_iter()
                    .filter(|p| !public.iter().any(|e| e.text == p.text && e.kind == p.kind && e.status == p.status))
                    .collect();
                entries.extend(public);
                entries.extend(pending);
            }
        }
        out.push(ConceptTerms { concept: ConceptId(id), entries });
    }
    Ok(out)
}

/// The terms of one concept as they are now; no entries when it is gone or withdrawn
/// (which removes it from a dictionary).
pub fn of_concept(c: &Connection, id: ConceptId) -> Result<ConceptTerms> {
    Ok(in_range(c, id.0, id.0)?.pop().unwrap_or(ConceptTerms { concept: id, entries: Vec::new() }))
}
