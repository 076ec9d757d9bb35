//! Importing concepts from any format: one transaction per file (all or
//! nothing), matching what is already there so a re-import changes nothing,
//! and a report of what was created, updated, unchanged, skipped or wrong.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::app::App;
use crate::error::{Error, Result};
use crate::model::{ConceptId, ConceptStatus, Lang, OriginKind, SectionContent, SectionStatus, StudyGroupCode};
/// The concept-level fields of a record: the store's own type, so an import updates what a file gives.
pub use crate::store::concepts::ConceptFields;
use crate::store::concepts::{ids_with_term, load_concept, norm_term, update_fields};
use crate::store::sections as sec;
use crate::store::{insert_concept, NewConcept, NewSection, View, WriteTx};

/// One concept as read from a file.
#[derive(Debug, Clone, Default)]
pub struct ImportRecord {
    /// Where it is in the file, for messages: `line 12`, `row 5`, `3.2.1`.
    pub place: String,
    /// The file's own id (TBX `conceptEntry/@id`, CSV `id`).
    pub external_id: Option<String>,
    /// Source, study groups, status: what the file gives of them (`None` where it says nothing).
    pub fields: ConceptFields,
    pub accepted_at: Option<String>,
    pub sections: Vec<ImportSection>,
    /// Languages outside the six: language tag as written, with their text.
    pub other_langs: Vec<(String, SectionContent)>,
}

#[derive(Debug, Clone)]
pub struct ImportSection {
    pub lang: Lang,
    pub content: SectionContent,
    /// The section status the file gives, if any.
    pub status: Option<SectionStatus>,
    /// Which parts the file gives; a spreadsheet without a `notes_fr` column must not wipe the notes.
    pub provided: Provided,
}

/// The parts of a section a file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provided {
    pub terms: bool,
    pub abbreviations: bool,
    pub definition: bool,
    pub notes: bool,
}

impl Default for Provided {
    fn default() -> Self {
        Provided { terms: true, abbreviations: true, definition: true, notes: true }
    }
}

impl Provided {
    /// `new` where the file gives a part, `stored` elsewhere.
    pub fn merge(self, stored: &SectionContent, new: &SectionContent) -> SectionContent {
        SectionContent {
            terms: if self.terms { new.terms.clone() } else { stored.terms.clone() },
            abbreviations: if self.abbreviations { new.abbreviations.clone() } else { stored.abbreviations.clone() },
            definition: if self.definition { new.definition.clone() } else { stored.definition.clone() },
            notes: if self.notes { new.notes.clone() } else { stored.notes.clone() },
        }
    }
}

/// A problem at a place in the file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportProblem {
    pub place: String,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Check and report, write nothing.
    pub dry_run: bool,
    /// Status for content whose file gives none. `Accepted` publishes it as adopted
    /// (a legacy termbase is searchable at once); `Proposed` makes proposals.
    pub default_status: ConceptStatus,
    /// Keep sections in languages outside the six (stored and exported again) or skip them.
    pub keep_other_langs: bool,
    /// Study group for records that name none.
    pub default_sg: Option<StudyGroupCode>,
    /// Names the file the ids come from (its name): ids are only unique within their file.
    pub source: Option<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            dry_run: false,
            default_status: ConceptStatus::Accepted,
            keep_other_langs: true,
            default_sg: None,
            source: None,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub format: String,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub errors: Vec<ImportProblem>,
    /// Things worth knowing that did not stop the import (e.g. ids used twice in one file).
    pub warnings: Vec<ImportProblem>,
    /// Sections in languages outside the six, by language tag.
    pub other_langs: BTreeMap<String, u64>,
    /// Whether those were kept (`true`) or skipped.
    pub other_langs_kept: bool,
    pub dry_run: bool,
    /// False when nothing was written (a dry run, or an error rolled the file back).
    pub committed: bool,
    /// Ids of the concepts created or updated (first 1000).
    pub ids: Vec<ConceptId>,
}

enum Outcome {
    Created(ConceptId),
    Updated(ConceptId),
    Unchanged,
    Skipped,
}

impl App {
    /// Imports `records` in one transaction. Any error rolls back the whole file;
    /// the report names each problem with its place.
    pub fn import(
        &self,
        actor: &str,
        format: &str,
        records: &mut dyn Iterator<Item = std::result::Result<ImportRecord, ImportProblem>>,
        opts: &ImportOptions,
        progress: &dyn Fn(u64),
    ) -> Result<ImportReport> {
        let mut report = ImportReport {
            format: format.to_string(),
            dry_run: opts.dry_run,
            other_langs_kept: opts.keep_other_langs,
            ..Default::default()
        };
        let ((), committed) = self.store.bulk_write_maybe(actor, |tx| {
            let mut seen = 0u64;
            let mut created = HashSet::new();
            let mut seen_ids = HashSet::new();
            for item in &mut *records {
                seen += 1;
                if seen.is_multiple_of(1000) {
                    progress(seen);
                }
                let record = match item {
                    Ok(r) => r,
                    Err(p) => {
                        report.errors.push(p);
                        // A malformed file stops here; what follows cannot be trusted.
                        break;
                    }
                };
                for (tag, _) in &record.other_langs {
                    *report.other_langs.entry(tag.clone()).or_default() += 1;
                }
                let mut record = record;
                for s in &mut record.sections {
                    s.content = s.content.cleaned();
                }
                record.sections.retain(|s| !s.content.is_empty());
                if let Some(ext) = record.external_id.take() {
                    let own = ext.starts_with('c') && ext.parse::<ConceptId>().is_ok();
                    let key = match (&opts.source, own) {
                        (Some(src), false) => format!("{src}#{ext}"),
                        _ => ext.clone(),
                    };
                    if !seen_ids.insert(key.clone()) {
                        // Not an identifier if the file uses it twice (Weblate writes id="1" on many entries).
                        if report.warnings.len() < 100 {
                            report.warnings.push(ImportProblem {
                                place: record.place.clone(),
                                message: format!(
                                    "id '{ext}' is used by several entries; it is not used to identify this one"
                                ),
                            });
                        }
                    } else {
                        record.external_id = Some(key);
                    }
                }
                match import_one(tx, &record, opts, &created) {
                    Ok(Outcome::Created(id)) => {
                        created.insert(id);
                        report.created += 1;
                        push_id(&mut report.ids, id);
                    }
                    Ok(Outcome::Updated(id)) => {
                        report.updated += 1;
                        push_id(&mut report.ids, id);
                    }
                    Ok(Outcome::Unchanged) => report.unchanged += 1,
                    Ok(Outcome::Skipped) => {
                        report.skipped += 1;
                        if report.warnings.len() < 100 {
                            let message = if record.other_langs.is_empty() {
                                "no term or definition in any language; skipped".to_string()
                            } else {
                                let tags: Vec<&str> = record.other_langs.iter().map(|(t, _)| t.as_str()).collect();
                                format!("text only in {} (none of the six languages); skipped", tags.join(", "))
                            };
                            report.warnings.push(ImportProblem { place: record.place.clone(), message });
                        }
                    }
                    Err(Error::Invalid(message)) | Err(Error::BadParam { message, .. }) => {
                        report.errors.push(ImportProblem { place: record.place.clone(), message })
                    }
                    Err(e) => return Err(e),
                }
                if report.errors.len() >= 100 {
                    break;
                }
            }
            progress(seen);
            // A dry run, or a file with any error, writes nothing.
            Ok(((), !opts.dry_run && report.errors.is_empty()))
        })?;
        report.committed = committed;
        if committed {
            self.sync_index();
        }
        Ok(report)
    }
}

fn push_id(ids: &mut Vec<ConceptId>, id: ConceptId) {
    if ids.len() < 1000 {
        ids.push(id);
    }
}

/// Finds the concept a record describes: by the file's id, then by
/// Recommendation + clause + English term, then by the same preferred terms.
fn find_existing(tx: &WriteTx, r: &ImportRecord, created: &HashSet<ConceptId>) -> Result<Option<ConceptId>> {
    let c = tx.conn();
    if let Some(ext) = &r.external_id {
        let id: Option<i64> = rusqlite::OptionalExtension::optional(
            c.prepare_cached("SELECT id FROM concept WHERE external_id = ?1")?.query_row([ext], |row| row.get(0)),
        )?;
        if let Some(id) = id {
            return Ok(Some(ConceptId(id)));
        }
        // Our own exports carry our ids. Trust one unless the record names another source
        // (an export of another database may use the same number for something else);
        // a spreadsheet with only `id` and terms is an edit of that concept.
        let own = ext.parse::<ConceptId>().ok().filter(|_| ext.starts_with('c'));
        if let Some(own) = own {
            let existing = if exists(c, own)? { load_concept(c, own, View::Staff)? } else { None };
            if let Some(existing) = existing {
                let contradicts = (r.fields.rec.is_some() && r.fields.rec != existing.source.rec)
                    || (r.fields.clause.is_some() && r.fields.clause != existing.source.clause);
                if !contradicts {
                    return Ok(Some(own));
                }
            }
        }
    }
    let en = r.sections.iter().find(|s| s.lang == Lang::En).and_then(|s| s.content.preferred_term());
    if let (Some(rec), Some(clause)) = (&r.fields.rec, &r.fields.clause) {
        let mut stmt = c.prepare_cached(
            "SELECT c.id FROM concept c WHERE c.rec_id = ?1 AND c.clause = ?2 AND c.status <> 'withdrawn'
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM term t WHERE t.concept_id = c.id AND t.lang = 'en' AND t.norm = ?3))
             ORDER BY c.id LIMIT 1",
        )?;
        let id: Option<i64> = rusqlite::OptionalExtension::optional(
            stmt.query_row(rusqlite::params![rec.as_str(), clause, en.map(norm_term)], |row| row.get(0)),
        )?;
        return Ok(id.map(ConceptId));
    }
    // No id and no source: only the very same content is the same concept (a glossary
    // may hold two entries with one term and different meanings; neither may overwrite
    // the other, and one file's entries never match each other).
    let Some(first) = r.sections.iter().find(|s| s.content.preferred_term().is_some()) else { return Ok(None) };
    let term = first.content.preferred_term().unwrap_or_default();
    for id in ids_with_term(c, first.lang, &norm_term(term))? {
        if created.contains(&id) {
            continue;
        }
        let Some(existing) = load_concept(c, id, View::Staff)? else { continue };
        let same = existing.source.rec.is_none()
            && existing.languages.len() == r.sections.len()
            && r.sections.iter().all(|s| existing.languages.get(&s.lang).is_some_and(|e| e.content == s.content));
        if same {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// Whether a concept with this id exists (any status).
fn exists(c: &rusqlite::Connection, id: ConceptId) -> Result<bool> {
    Ok(c.prepare_cached("SELECT 1 FROM concept WHERE id = ?1")?.exists([id.0])?)
}

fn import_one(tx: &WriteTx, r: &ImportRecord, opts: &ImportOptions, created: &HashSet<ConceptId>) -> Result<Outcome> {
    let sections: Vec<&ImportSection> = r.sections.iter().filter(|s| !s.content.is_empty()).collect();
    if sections.is_empty() && (r.other_langs.is_empty() || !opts.keep_other_langs) {
        return Ok(Outcome::Skipped);
    }
    for s in &sections {
        if s.content.terms.iter().any(|t| t.text.trim().is_empty()) {
            return Err(Error::Invalid(format!("{}: a term is empty", s.lang)));
        }
    }
    let status = r.fields.status.unwrap_or(opts.default_status);
    let section_status = |s: &ImportSection| {
        s.status.unwrap_or(match status {
            ConceptStatus::Proposed => SectionStatus::Submitted,
            _ => SectionStatus::Adopted,
        })
    };
    let Some(id) = find_existing(tx, r, created)? else {
        let f = &r.fields;
        let mut sgs = f.study_groups.clone();
        if sgs.is_empty() {
            sgs.extend(opts.default_sg.clone());
        }
        // Our own export's id is kept when it is free (a store rebuilt from an export keeps its ids).
        let own_id = r.external_id.as_deref().filter(|e| e.starts_with('c')).and_then(|e| e.parse::<ConceptId>().ok());
        let own_id = match own_id {
            Some(id) if !exists(tx.conn(), id)? => Some(id),
            _ => None,
        };
        let new = NewConcept {
            id: own_id,
            status,
            rec: f.rec.clone(),
            clause: f.clause.clone(),
            study_groups: sgs,
            origin: f.origin.unwrap_or(if f.origin_ref.is_some() { OriginKind::Elsewhere } else { OriginKind::Here }),
            origin_ref: f.origin_ref.clone(),
            subject_field: f.subject_field.clone(),
            external_id: r.external_id.clone().filter(|e| !e.starts_with('c') || e.parse::<ConceptId>().is_err()),
            accepted_at: r.accepted_at.clone(),
            sections: sections
                .iter()
                .map(|s| NewSection { lang: s.lang, status: section_status(s), content: s.content.clone() })
                .collect(),
        };
        let id = if new.sections.is_empty() {
            return Ok(Outcome::Skipped);
        } else {
            insert_concept(tx, &new, "import")?
        };
        if opts.keep_other_langs {
            crate::store::concepts::write_other_langs(tx.conn(), id, &r.other_langs)?;
        }
        return Ok(Outcome::Created(id));
    };
    // Update what differs; leave the rest (parts the file does not carry, and the
    // review status of text the file does not change).
    let existing =
        load_concept(tx.conn(), id, View::Staff)?.ok_or_else(|| Error::Internal("concept vanished".into()))?;
    let before = serde_json::to_value(&existing)?;
    let mut changed = update_fields(tx, &existing, &r.fields)?;
    for s in sections {
        let (content, want) = match existing.languages.get(&s.lang) {
            Some(cur) => {
                let content = s.provided.merge(&cur.content, &s.content);
                let want = s.status.unwrap_or(if content == cur.content { cur.status } else { section_status(s) });
                if content == cur.content && want == cur.status {
                    continue;
                }
                (content, want)
            }
            None => (s.content.clone(), section_status(s)),
        };
        sec::write_draft(tx, id, s.lang, &content)?;
        if want != SectionStatus::Draft {
            sec::set_section_status(tx, id, s.lang, want, None, None)?;
        }
        changed = true;
    }
    if opts.keep_other_langs && crate::store::concepts::write_other_langs(tx.conn(), id, &r.other_langs)? {
        changed = true;
    }
    if !changed {
        return Ok(Outcome::Unchanged);
    }
    sec::bump(tx, id)?;
    let after = serde_json::to_value(load_concept(tx.conn(), id, View::Staff)?)?;
    tx.record(id.0, None, "import", Some(&before), Some(&after), None)?;
    Ok(Outcome::Updated(id))
}
