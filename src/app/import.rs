//! Importing concepts from any format, the same from every door (the CLI,
//! `POST /api/v1/import`): the one import plan decides the status content
//! enters with ([`default_status`]); each file is one transaction (all or
//! nothing), matched against what is already there so a re-import changes
//! nothing, with a report of what was created, updated, unchanged, skipped or wrong.
//! [`App::bulk_load`] writes new concepts through the same path, for benchmarks
//! and fixtures that generate them instead of reading a file.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::metrics::ImportOutcome;
use super::App;
use crate::error::{Error, Result};
use crate::interchange::import::{ImportProblem, ImportRecord, ImportSection};
use crate::interchange::{self, Context, Format, Input};
use crate::model::{
    ConceptId, ConceptStatus, Lang, NewConcept, NewSection, OriginKind, SectionStatus, StudyGroupCode, View,
};
use crate::store::concepts::{self, load_concept, update_fields};
use crate::store::sections as sec;
use crate::store::WriteTx;
use crate::text::norm_term;

/// The import plan: the status of content whose file gives none. Clause-3 text
/// and Word files (a draft's definitions and abbreviations) enter as **proposed**; TBX, CSV and XLSX files keep
/// the statuses they give and otherwise enter as **accepted** (adopted and public:
/// a legacy termbase is searchable at once). `asked` (`--status`, `?status=`)
/// overrides either.
pub fn default_status(format: Format, asked: Option<ConceptStatus>) -> ConceptStatus {
    asked.unwrap_or(match format {
        Format::Clause3 | Format::Docx | Format::Auto => ConceptStatus::Proposed,
        Format::Tbx | Format::Tbx2008 | Format::Csv | Format::Xlsx | Format::Jsonl => ConceptStatus::Accepted,
    })
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Check and report, write nothing.
    pub dry_run: bool,
    /// Status for content whose file gives none, as asked (`--status`, `?status=`).
    /// `None` leaves it to the import plan: see [`default_status`].
    pub default_status: Option<ConceptStatus>,
    /// Keep sections in languages outside the six (stored and exported again) or skip them.
    pub keep_other_langs: bool,
    /// Study group for records that name none.
    pub default_sg: Option<StudyGroupCode>,
    /// Names the file the ids come from (its name): ids are only unique within their file.
    pub source: Option<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { dry_run: false, default_status: None, keep_other_langs: true, default_sg: None, source: None }
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
    /// Clause-3 text and Word files: the definitions read (one per concept, all language versions together).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definitions: Option<u64>,
    /// Word files: the abbreviations read (one per abbreviation, all language versions together).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abbreviations: Option<u64>,
}

enum Outcome {
    Created(ConceptId),
    Updated(ConceptId),
    Unchanged(ConceptId),
    Skipped,
}

impl App {
    /// Imports `records` in one transaction. Any error rolls back the whole file;
    /// the report names each problem with its place.
    pub fn import(
        &self,
        actor: &str,
        format: Format,
        records: &mut dyn Iterator<Item = std::result::Result<ImportRecord, ImportProblem>>,
        opts: &ImportOptions,
        progress: &dyn Fn(u64),
    ) -> Result<ImportReport> {
        let result = self.import_records(actor, format, records, opts, progress);
        let outcome = match &result {
            Ok(r) if r.committed => ImportOutcome::Committed,
            Ok(r) if r.dry_run && r.errors.is_empty() => ImportOutcome::DryRun,
            Ok(_) => ImportOutcome::Rejected,
            Err(_) => ImportOutcome::Failed,
        };
        self.metrics().count_import(&format.to_string(), outcome);
        result
    }

    fn import_records(
        &self,
        actor: &str,
        format: Format,
        records: &mut dyn Iterator<Item = std::result::Result<ImportRecord, ImportProblem>>,
        opts: &ImportOptions,
        progress: &dyn Fn(u64),
    ) -> Result<ImportReport> {
        let status = default_status(format, opts.default_status);
        let mut report = ImportReport {
            format: format.to_string(),
            dry_run: opts.dry_run,
            other_langs_kept: opts.keep_other_langs,
            ..Default::default()
        };
        let (mut definitions, mut abbreviations) = (0u64, 0u64);
        // Clause-3 and Word imports link concepts after storing them all (harmonization),
        // which would change documents already sent: they are small, and indexed after.
        let bulk = match &self.search {
            Some(s)
                if self.index_while_importing && !opts.dry_run && !matches!(format, Format::Clause3 | Format::Docx) =>
            {
                s.bulk()
            }
            _ => None,
        };
        let ((seq_before, seq_last), committed) = self.store.bulk_write_maybe(actor, |tx| {
            let seq_before = tx.last_seq()?;
            let index = |id: ConceptId, replace: bool| -> Result<()> {
                if let Some(b) = &bulk {
                    let (public, staff) = concepts::load_both_views(tx.conn(), id)?;
                    b.add(id.0, public, staff, replace);
                }
                Ok(())
            };
            let mut seen = 0u64;
            let mut created = HashSet::new();
            let mut seen_ids = HashSet::new();
            let mut same_terms =
                SameTerms { on: matches!(format, Format::Clause3 | Format::Docx), ..Default::default() };
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
                if record.abbreviation.is_some() {
                    abbreviations += 1;
                } else {
                    definitions += 1;
                }
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
                match import_one(tx, &record, opts, status, &created) {
                    Ok(Outcome::Created(id)) => {
                        index(id, false)?;
                        same_terms.add(&record, id);
                        created.insert(id);
                        report.created += 1;
                        push_id(&mut report.ids, id);
                    }
                    Ok(Outcome::Updated(id)) => {
                        index(id, true)?;
                        same_terms.add(&record, id);
                        report.updated += 1;
                        push_id(&mut report.ids, id);
                    }
                    Ok(Outcome::Unchanged(id)) => {
                        report.unchanged += 1;
                        same_terms.add(&record, id);
                    }
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
            same_terms.link(tx)?;
            // A dry run, or a file with any error, writes nothing.
            Ok(((seq_before, tx.last_seq()?), !opts.dry_run && report.errors.is_empty()))
        })?;
        if let Some(b) = bulk.filter(|_| committed) {
            // The store is the truth: an index failure is logged, and the index catches up later.
            if let Err(e) = b.commit(seq_before, seq_last) {
                tracing::error!(error = %e, "indexing the import failed; the index will catch up from the database");
            }
        }
        report.committed = committed;
        if matches!(format, Format::Clause3 | Format::Docx) {
            report.definitions = Some(definitions);
        }
        if format == Format::Docx {
            report.abbreviations = Some(abbreviations);
        }
        if committed {
            self.sync_index();
        }
        Ok(report)
    }
}

/// The concepts of one Recommendation's import that define the same term
/// (a vocabulary listing `access control` twice, from two sources): linked as
/// harmonization candidates (Resolution 67).
#[derive(Default)]
struct SameTerms {
    on: bool,
    by_term: BTreeMap<(Lang, String), Vec<ConceptId>>,
}

/// More concepts than this with one term are a list of homonyms, not candidates.
const MAX_SAME_TERM: usize = 16;

impl SameTerms {
    fn add(&mut self, r: &ImportRecord, id: ConceptId) {
        if !self.on || r.abbreviation.is_some() {
            return;
        }
        for s in &r.sections {
            if let Some(t) = s.content.preferred_term() {
                let ids = self.by_term.entry((s.lang, norm_term(t))).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
    }

    fn link(&self, tx: &WriteTx) -> Result<()> {
        for ids in self.by_term.values().filter(|ids| ids.len() > 1 && ids.len() <= MAX_SAME_TERM) {
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    crate::store::harmonization::link(tx.conn(), *a, *b)?;
                }
            }
        }
        Ok(())
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
        if let Some(id) = concepts::id_by_external_id(c, ext)? {
            return Ok(Some(id));
        }
        if r.abbreviation.is_some() {
            // Found by its key or by its expansion (`abbreviated`); many share their list's clause.
            return Ok(None);
        }
        // Our own exports carry our ids. Trust one unless the record names another source
        // (an export of another database may use the same number for something else);
        // a spreadsheet with only `id` and terms is an edit of that concept.
        let own = ext.parse::<ConceptId>().ok().filter(|_| ext.starts_with('c'));
        if let Some(own) = own {
            let existing = if concepts::exists(c, own)? { load_concept(c, own, View::Staff)? } else { None };
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
        let en_norm = en.map(norm_term);
        return concepts::id_by_source(c, rec, clause, en_norm.as_deref());
    }
    // No id and no source: only the very same content is the same concept (a glossary
    // may hold two entries with one term and different meanings; neither may overwrite
    // the other, and one file's entries never match each other).
    let Some(first) = r.sections.iter().find(|s| s.content.preferred_term().is_some()) else { return Ok(None) };
    let term = first.content.preferred_term().unwrap_or_default();
    for id in concepts::ids_with_term(c, first.lang, &norm_term(term))? {
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

/// For a line of an abbreviations list not imported before: the concept whose term is
/// its expansion (in the same Recommendation, else anywhere), with the record that adds
/// the abbreviation to it and leaves the rest, its review status included, as it is.
fn abbreviated(tx: &WriteTx, r: &ImportRecord) -> Result<Option<(ConceptId, ImportRecord)>> {
    let c = tx.conn();
    if r.abbreviation.is_none()
        || r.external_id.as_deref().map(|k| concepts::id_by_external_id(c, k)).transpose()?.flatten().is_some()
    {
        return Ok(None);
    }
    let mut found = None;
    'langs: for s in &r.sections {
        let Some(term) = s.content.preferred_term() else { continue };
        for id in concepts::ids_with_term(c, s.lang, &norm_term(term))? {
            let Some(existing) = load_concept(c, id, View::Staff)? else { continue };
            let same_rec = existing.source.rec.is_some() && existing.source.rec == r.fields.rec;
            if found.is_none() || same_rec {
                found = Some(existing);
            }
            if same_rec {
                break 'langs;
            }
        }
    }
    let Some(existing) = found else { return Ok(None) };
    let sections = r
        .sections
        .iter()
        .map(|s| match existing.languages.get(&s.lang) {
            Some(cur) => {
                let mut content = cur.content.clone();
                for a in &s.content.abbreviations {
                    if !content.abbreviations.contains(a) {
                        content.abbreviations.push(a.clone());
                    }
                }
                ImportSection { lang: s.lang, content, status: Some(cur.status), provided: Default::default() }
            }
            None => s.clone(),
        })
        .collect();
    let record =
        ImportRecord { place: r.place.clone(), sections, abbreviation: r.abbreviation.clone(), ..Default::default() };
    Ok(Some((existing.id, record)))
}

fn import_one(
    tx: &WriteTx,
    r: &ImportRecord,
    opts: &ImportOptions,
    default_status: ConceptStatus,
    created: &HashSet<ConceptId>,
) -> Result<Outcome> {
    let attached = abbreviated(tx, r)?;
    let (r, found) = match &attached {
        Some((id, record)) => (record, Some(*id)),
        None => (r, find_existing(tx, r, created)?),
    };
    let sections: Vec<&ImportSection> = r.sections.iter().filter(|s| !s.content.is_empty()).collect();
    if sections.is_empty() && (r.other_langs.is_empty() || !opts.keep_other_langs) {
        return Ok(Outcome::Skipped);
    }
    for s in &sections {
        if s.content.terms.iter().any(|t| t.text.trim().is_empty()) {
            return Err(Error::Invalid(format!("{}: a term is empty", s.lang)));
        }
    }
    let status = r.fields.status.unwrap_or(default_status);
    let section_status = |s: &ImportSection| {
        s.status.unwrap_or(match status {
            ConceptStatus::Proposed => SectionStatus::Submitted,
            _ => SectionStatus::Adopted,
        })
    };
    let Some(id) = found else {
        let f = &r.fields;
        let mut sgs = f.study_groups.clone();
        if sgs.is_empty() {
            sgs.extend(opts.default_sg.clone());
        }
        // Our own export's id is kept when it is free (a store rebuilt from an export keeps its ids).
        let own_id = r.external_id.as_deref().filter(|e| e.starts_with('c')).and_then(|e| e.parse::<ConceptId>().ok());
        let own_id = match own_id {
            Some(id) if !concepts::exists(tx.conn(), id)? => Some(id),
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
            // Text in other languages is part of the concept as the import creates it.
            let other_langs = if opts.keep_other_langs { r.other_langs.as_slice() } else { &[] };
            concepts::insert_concept_with(tx, &new, "import", false, other_langs)?
        };
        return Ok(Outcome::Created(id));
    };
    // Update what differs; leave the rest (parts the file does not carry, and the
    // review status of text the file does not change).
    let existing =
        load_concept(tx.conn(), id, View::Staff)?.ok_or_else(|| Error::Internal("concept vanished".into()))?;
    let before = serde_json::to_value(&existing)?;
    // Before anything changes: the creation entry may still stand for the concept as it is.
    crate::store::history::materialize_from(tx.conn(), id.0, &before)?;
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
        sec::write_draft(tx, id, s.lang, &content, false)?;
        if want != SectionStatus::Draft {
            sec::set_section_status(tx, id, s.lang, want, None, None)?;
        }
        changed = true;
    }
    if opts.keep_other_langs && concepts::write_other_langs(tx.conn(), id, &r.other_langs)? {
        changed = true;
    }
    if !changed {
        return Ok(Outcome::Unchanged(id));
    }
    sec::bump(tx, id)?;
    let after = serde_json::to_value(load_concept(tx.conn(), id, View::Staff)?)?;
    tx.record(id.0, None, "import", Some(&before), Some(&after), None)?;
    Ok(Outcome::Updated(id))
}

/// Creates one concept: the write every import and bulk load goes through.
fn create(tx: &WriteTx, new: &NewConcept) -> Result<ConceptId> {
    crate::store::insert_concept(tx, new, "import")
}

impl App {
    /// Reads `inputs` as `format` (detected when `Auto`) with `ctx`, and imports
    /// the records under the one plan: the door the CLI and the API share.
    pub fn import_files(
        &self,
        actor: &str,
        format: Format,
        inputs: &[Input],
        ctx: &Context,
        opts: &ImportOptions,
        progress: &dyn Fn(u64),
    ) -> Result<ImportReport> {
        let (format, mut records) = interchange::records(format, inputs, ctx).inspect_err(|_| {
            self.metrics().count_import(&format.to_string(), ImportOutcome::Failed);
        })?;
        let mut opts = opts.clone();
        if format == Format::Docx {
            // Its keys (Recommendation + abbreviation) hold whatever the file is called.
            opts.source = None;
        }
        if opts.default_sg.is_none() {
            opts.default_sg = ctx.sg.clone();
        }
        self.import(actor, format, &mut records, &opts, progress)
    }

    /// The entries of clause-3 texts (several language versions of one
    /// Recommendation, aligned by clause number), parsed but not imported.
    pub fn read_clause3(
        &self,
        inputs: &[Input],
        ctx: &Context,
    ) -> Result<Vec<(Lang, Vec<interchange::clause3::Entry>)>> {
        interchange::clause3_entries(inputs, ctx)
    }

    /// What Word files hold (one report per file, as `--dry-run --json` prints them),
    /// read but not imported; `ctx` overrides what the documents say.
    pub fn read_docx(&self, inputs: &[Input], ctx: &Context) -> Result<Vec<interchange::docx::Extracted>> {
        interchange::word::files(inputs, ctx)
    }

    /// Writes generated concepts in one transaction, each created as an import
    /// creates it; returns their ids. The index is not touched: it catches up at
    /// the next write, from its follower, or with [`App::reindex`], so store-import
    /// rates measured through this are the import path's own.
    pub fn bulk_load(&self, actor: &str, concepts: &[NewConcept]) -> Result<Vec<ConceptId>> {
        self.store.write(actor, |tx| concepts.iter().map(|c| create(tx, c)).collect())
    }
}

/// Creation entries hold "the concept as it is now" until the concept changes (see
/// `store::history`): every way of changing an imported concept must leave its
/// creation entry showing the imported concept, and a dump must carry that over.
#[cfg(test)]
mod creation_history_tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::app::export::ExportFilter;
    use crate::interchange::csv::{read_csv, write_csv};
    use crate::model::{
        ChangeFilter, ChangeKind, NewSection, OriginKind, Role, SectionContent, Term, TermKind, User, View,
    };
    use crate::store::history;

    fn sample(en: &str, fr: &str, rec: &str) -> NewConcept {
        let section = |lang, term: &str| NewSection {
            lang,
            status: SectionStatus::Adopted,
            content: SectionContent {
                terms: vec![Term { text: term.into(), status: TermKind::Preferred }],
                abbreviations: vec![],
                definition: Some(format!("The definition of {term}.")),
                notes: vec![format!("A note on {term}.")],
            },
        };
        NewConcept {
            id: None,
            status: ConceptStatus::Accepted,
            rec: Some(rec.parse().unwrap()),
            clause: Some("3.1".into()),
            study_groups: vec!["SG17".parse().unwrap()],
            origin: OriginKind::Here,
            origin_ref: None,
            subject_field: None,
            external_id: None,
            accepted_at: None,
            sections: vec![section(Lang::En, en), section(Lang::Fr, fr)],
        }
    }

    fn admin() -> User {
        user(Role::Admin)
    }

    fn translator() -> User {
        User { langs: vec![Lang::Fr], ..user(Role::Translator) }
    }

    fn user(role: Role) -> User {
        User {
            name: role.to_string(),
            role,
            langs: vec![],
            study_groups: vec![],
            created_at: "2026-01-01T00:00:00Z".into(),
            expires_at: None,
            revoked_at: None,
        }
    }

    /// The stored `after` of the concept's creation entry.
    fn creation_after(app: &App, id: ConceptId) -> Vec<u8> {
        app.store
            .read(|c| {
                Ok(c.query_row("SELECT after FROM history WHERE concept_id = ?1 ORDER BY id LIMIT 1", [id.0], |r| {
                    r.get(0)
                })?)
            })
            .unwrap()
    }

    fn snapshot(app: &App, id: ConceptId) -> Value {
        app.store.read(|c| history::snapshot(c, id)).unwrap()
    }

    fn history_json(app: &App, id: ConceptId) -> Value {
        serde_json::to_value(app.history(id).unwrap()).unwrap()
    }

    #[test]
    fn imported_creation_entries_copy_nothing_and_read_as_imported_after_every_kind_of_change() {
        let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
        // Six concepts bulk-loaded, exported as CSV and imported into a second store.
        let source = App::open_store(dirs[0].path()).unwrap();
        let loaded = source
            .bulk_load(
                "loader",
                &[
                    sample("lazy edit", "édition paresseuse", "ITU-T X.9990"),
                    sample("lazy superseded", "remplacé", "ITU-T X.9991"),
                    sample("lazy carried", "reporté", "ITU-T X.9991"),
                    sample("lazy linked one", "lié un", "ITU-T X.9992"),
                    sample("lazy linked two", "lié deux", "ITU-T X.9992"),
                    sample("lazy untouched", "intact", "ITU-T X.9993"),
                ],
            )
            .unwrap();
        for id in &loaded {
            assert_eq!(creation_after(&source, *id), history::codec::current(), "bulk_load copies nothing");
            let h = source.history(*id).unwrap();
            assert_eq!(h[0].after.as_ref(), Some(&snapshot(&source, *id)));
            assert_eq!(h[0].changed, vec!["created".to_string()]);
        }
        let mut csv = Vec::new();
        write_csv(&mut csv, source.export(&ExportFilter { view: View::Staff, ..Default::default() }), &[]).unwrap();
        let app = App::open_store(dirs[1].path()).unwrap();
        let opts = ImportOptions { default_status: Some(ConceptStatus::Accepted), ..Default::default() };
        let report = app.import("importer", Format::Csv, &mut read_csv(csv.as_slice()), &opts, &|_| {}).unwrap();
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let term_ids = |t: &str| {
            app.store.read(|c| crate::store::concepts::ids_with_term(c, Lang::En, &crate::text::norm_term(t))).unwrap()
        };
        let id = |t: &str| term_ids(t)[0];
        let [edited, superseded, carried, one, two, untouched] =
            ["lazy edit", "lazy superseded", "lazy carried", "lazy linked one", "lazy linked two", "lazy untouched"]
                .map(id);
        let imported: BTreeMap<ConceptId, Value> =
            [edited, superseded, carried, one, two, untouched].iter().map(|&i| (i, snapshot(&app, i))).collect();
        for (i, snap) in &imported {
            assert_eq!(creation_after(&app, *i), history::codec::current(), "an import copies nothing");
            assert_eq!(app.history(*i).unwrap()[0].after.as_ref(), Some(snap));
        }
        let creation_reads_as_imported = |i: ConceptId| {
            let h = app.history(i).unwrap();
            assert_eq!(h[0].action, "import");
            assert_eq!(h[0].after.as_ref(), Some(&imported[&i]), "creation entry of {i}");
            assert_eq!(h[0].changed, vec!["created".to_string()]);
            assert_ne!(creation_after(&app, i), history::codec::current(), "{i} was written out at its first change");
        };

        // A section edited through the workflow, then reverted to the creation entry.
        let edit = serde_json::from_value(json!({"terms": [{"text": "modification"}], "definition": "Changée."}));
        app.edit_section(&translator(), edited, Lang::Fr, &edit.unwrap(), None).unwrap();
        creation_reads_as_imported(edited);
        let h = app.history(edited).unwrap();
        assert_eq!(h[1].before.as_ref(), Some(&imported[&edited]));
        assert_eq!(h[1].after.as_ref(), Some(&snapshot(&app, edited)));
        assert!(h[1].changed.contains(&"languages.fr.terms".to_string()), "{:?}", h[1].changed);
        assert!(h[1].changed.iter().all(|p| p.starts_with("languages.fr.")), "{:?}", h[1].changed);
        let reverted = app.revert(&admin(), edited, h[0].id, None).unwrap();
        assert_eq!(reverted.languages[&Lang::Fr].content.terms[0].text, "édition paresseuse");
        assert_eq!(reverted.languages[&Lang::Fr].status, SectionStatus::Adopted);
        creation_reads_as_imported(edited);

        // A Recommendation superseded: one concept becomes historical, one is carried.
        let (old, new) = ("ITU-T X.9991".parse().unwrap(), "ITU-T X.9991.1".parse().unwrap());
        app.supersede(&admin(), &old, &new, &[carried]).unwrap();
        creation_reads_as_imported(superseded);
        creation_reads_as_imported(carried);
        assert_eq!(snapshot(&app, superseded)["status"], "historical");
        assert_eq!(snapshot(&app, carried)["source"]["rec"], "ITU-T X.9991.1");
        let filter = ChangeFilter {
            concept: Some(superseded),
            kinds: vec![ChangeKind::Superseded, ChangeKind::Withdrawn, ChangeKind::Adopted],
            limit: 10,
            ..Default::default()
        };
        let kinds: Vec<String> = app.changes(&filter).unwrap().into_iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::Superseded.to_string()], "the timeline does not see creations");

        // A harmonization link (a derived change without its own entry) changes both snapshots.
        app.store.write("importer", |tx| crate::store::harmonization::link(tx.conn(), one, two).map(|_| ())).unwrap();
        creation_reads_as_imported(one);
        creation_reads_as_imported(two);
        assert_eq!(snapshot(&app, one)["harmonization"][0]["id"], two.to_string());

        // A path that forgot to write the marker out first is refused, and changes nothing.
        let sneaky = app.store.write("importer", |tx| {
            tx.conn().execute("UPDATE term SET text = 'sneaky' WHERE concept_id = ?1", [untouched.0])?;
            Ok(())
        });
        assert!(sneaky.is_err(), "a write behind the marker's back must fail");
        assert_eq!(snapshot(&app, untouched), imported[&untouched]);
        assert_eq!(creation_after(&app, untouched), history::codec::current());

        // A dump restores the same history: markers stay markers and still read the same.
        let mut dump = Vec::new();
        app.dump(&mut dump).unwrap();
        let restored = App::open_store(dirs[2].path()).unwrap();
        restored.restore(dump.as_slice()).unwrap();
        for &i in imported.keys() {
            assert_eq!(history_json(&restored, i), history_json(&app, i), "history of {i} after a restore");
        }
        assert_eq!(creation_after(&restored, untouched), history::codec::current());
        let edit = serde_json::from_value(json!({"terms": [{"text": "touché"}]}));
        restored.edit_section(&translator(), untouched, Lang::Fr, &edit.unwrap(), None).unwrap();
        assert_eq!(restored.history(untouched).unwrap()[0].after.as_ref(), Some(&imported[&untouched]));
    }

    #[test]
    fn history_stays_append_only_but_for_writing_out_a_creation_marker() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open_store(dir.path()).unwrap();
        let id = app.bulk_load("loader", &[sample("append only", "ajout seul", "ITU-T X.9994")]).unwrap()[0];
        let full = history::codec::full(&snapshot(&app, id)).unwrap();
        let update = |sql: &str, blob: &[u8]| {
            app.store.write("x", |tx| Ok(tx.conn().execute(sql, rusqlite::params![id.0, blob])?)).map(|_| ())
        };
        assert!(update("UPDATE history SET actor = 'b' WHERE concept_id = ?1 AND ?2 IS NOT NULL", &[]).is_err());
        assert!(
            update(
                "UPDATE history SET after = ?2 WHERE concept_id = ?1",
                &history::codec::patch(&json!(1), &json!(2)).unwrap()
            )
            .is_err(),
            "only a full snapshot replaces a marker"
        );
        update("UPDATE history SET after = ?2 WHERE concept_id = ?1", &full).unwrap();
        assert!(update("UPDATE history SET after = ?2 WHERE concept_id = ?1", &full).is_err(), "once only");
        assert!(app.store.write("x", |tx| Ok(tx.conn().execute("DELETE FROM history", [])?)).is_err());
    }
}
