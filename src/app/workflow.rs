//! The steps of the SCV flow, each one write transaction that checks the
//! caller's role, the current state and version, changes the state and
//! records history; then the search index is brought up to date. Also what
//! the flow leaves to read: comments, history, the timeline, and the
//! harmonization check before a proposal.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::App;
use crate::error::{Error, Result};
use crate::interchange::clause3::Entry;
use crate::interchange::{self, Context, Input};
use crate::model::{
    Change, ChangeFilter, Comment, Concept, ConceptId, ConceptStatus, HistoryEntry, Lang, NewConcept, NewSection,
    OriginKind, RecId, Role, SectionContent, SectionStatus, StudyGroupCode, Term, TermKind, User, View,
};
use crate::search::{analyzers, Mode, SearchField, SearchRequest};
use crate::store::sections::{self as sec, Head};
use crate::store::{self, WriteTx};
use crate::workflow::lint::{lint, Finding, LintInput};
use crate::workflow::rules::{
    changed_paths, illegal, join, limited, note_text, require_comment, typed_notes, validate_content,
};
use crate::workflow::similar::{self, Similar};
use crate::workflow::transitions;

/// An English term proposed by a study group.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// Preferred term first, then synonyms.
    pub terms: Vec<String>,
    pub abbreviation: Option<String>,
    pub definition: Option<String>,
    /// As written in the Recommendation: `NOTE – …` or `NOTE 1 – …`.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Source Recommendation, e.g. `ITU-T X.1332` or a provisional name's final number.
    pub rec: Option<RecId>,
    /// Clause number, e.g. `3.2.1`.
    pub clause: Option<String>,
    /// The proposing study group.
    pub sg: StudyGroupCode,
    /// `here` (defined in this Recommendation) or `elsewhere`.
    #[serde(default = "here")]
    pub origin: OriginKind,
    /// For terms defined elsewhere: the reference as written, e.g. `[b-ITU-T Y.2071]`.
    pub reference: Option<String>,
    pub subject_field: Option<String>,
    /// Written by an AI assistant (MCP, or the API's `"assisted": true`); a person reviews it as usual.
    #[serde(default)]
    pub assisted: bool,
}

fn here() -> OriginKind {
    OriginKind::Here
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposalOutcome {
    /// Absent on a dry run.
    pub concept: Option<Concept>,
    /// Findings against the Author's guide Annex B rules.
    pub lint: Vec<Finding>,
    /// Existing concepts with the same or a near term or definition.
    pub similar: Vec<Similar>,
}

/// New text for one language section.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionEdit {
    pub terms: Vec<Term>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub definition: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// The concept version the edit is based on (or send `If-Match`).
    pub version: Option<i64>,
    /// Written by an AI assistant (MCP, or the API's `"assisted": true`); a person's edit clears the mark.
    #[serde(default)]
    pub assisted: bool,
}

impl App {
    /// Lint and harmonization for a proposal, without writing anything.
    pub fn check_proposal(&self, p: &Proposal, exclude: Option<ConceptId>) -> Result<(Vec<Finding>, Vec<Similar>)> {
        let findings = lint(&LintInput {
            terms: &p.terms,
            abbreviation: p.abbreviation.as_deref(),
            definition: p.definition.as_deref(),
            notes: &p.notes,
            origin_elsewhere: p.origin == OriginKind::Elsewhere,
            reference: p.reference.as_deref(),
        });
        let similar = self.similar(&p.terms, p.definition.as_deref(), &p.sg, exclude)?;
        Ok((findings, similar))
    }

    /// Step 1: a rapporteur proposes an English term for their study group.
    pub fn propose(&self, user: &User, p: &Proposal) -> Result<ProposalOutcome> {
        user.require_propose(&p.sg)?;
        let content = SectionContent {
            terms: p
                .terms
                .iter()
                .enumerate()
                .map(|(i, t)| Term {
                    text: t.trim().to_string(),
                    status: if i == 0 { TermKind::Preferred } else { TermKind::Admitted },
                })
                .collect(),
            abbreviations: p.abbreviation.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
            definition: p.definition.as_ref().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()),
            notes: p.notes.iter().map(|n| note_text(n)).filter(|n| !n.is_empty()).collect(),
        };
        validate_content(&content)?;
        if p.origin == OriginKind::Here && content.definition.is_none() {
            return Err(Error::Invalid("a term defined here needs a definition".into()));
        }
        if let Some(c) = &p.clause {
            limited("clause", c, 20)?;
        }
        let (lint, similar) = self.check_proposal(p, None)?;
        let new = NewConcept {
            id: None,
            status: ConceptStatus::Proposed,
            rec: p.rec.clone(),
            clause: p.clause.clone(),
            study_groups: vec![p.sg.clone()],
            origin: p.origin,
            origin_ref: p.reference.clone(),
            subject_field: p.subject_field.clone(),
            external_id: None,
            accepted_at: None,
            sections: vec![NewSection { lang: Lang::En, status: SectionStatus::Submitted, content }],
        };
        let id = self.store.write(&user.name, |tx| store::insert_concept_as(tx, &new, "propose", p.assisted))?;
        self.sync_index();
        Ok(ProposalOutcome { concept: Some(self.concept(id, View::Staff)?), lint, similar })
    }

    /// Runs `f` on the concept in one transaction, recording `action` with the
    /// before/after snapshot, bumping the version, then syncing the index.
    fn transition(
        &self,
        user: &User,
        id: ConceptId,
        version: Option<i64>,
        step: Step<'_>,
        f: impl FnOnce(&WriteTx, &Head) -> Result<()>,
    ) -> Result<Concept> {
        let Step { action, lang, comment } = step;
        self.store.write(&user.name, |tx| {
            let head = sec::head(tx.conn(), id, version)?;
            let before = sec::before(tx, id)?;
            f(tx, &head)?;
            sec::bump(tx, id)?;
            if let Some(body) = comment {
                sec::add_comment(tx, id, lang, body)?;
            }
            let after = sec::snapshot(tx, id)?;
            tx.record(id.0, lang.map(Lang::code), action, Some(&before), Some(&after), comment)
        })?;
        self.sync_index();
        self.concept(id, View::Staff)
    }

    /// Step 2a: TSB accepts a proposal; its English text is adopted and the concept becomes public.
    pub fn accept(&self, user: &User, id: ConceptId, version: Option<i64>) -> Result<Concept> {
        user.require_admin("accept proposals")?;
        self.transition(
            user,
            id,
            version,
            Step { action: "accept", lang: Some(Lang::En), comment: None },
            |tx, head| {
                transitions::accept(head.status, sec::section_status(tx, id, Lang::En)?)?;
                store::concepts::set_concept_status(tx, id, ConceptStatus::Accepted)?;
                sec::set_section_status(tx, id, Lang::En, SectionStatus::Adopted, None, None)
            },
        )
    }

    /// Step 2b: TSB returns a proposal to the rapporteur with a comment.
    pub fn return_proposal(&self, user: &User, id: ConceptId, comment: &str, version: Option<i64>) -> Result<Concept> {
        user.require_admin("return proposals")?;
        require_comment(comment)?;
        self.transition(
            user,
            id,
            version,
            Step { action: "return", lang: Some(Lang::En), comment: Some(comment) },
            |tx, head| {
                transitions::return_proposal(head.status, sec::section_status(tx, id, Lang::En)?)?;
                sec::set_section_status(tx, id, Lang::En, SectionStatus::Returned, None, None)
            },
        )
    }

    /// Step 2c: TSB merges a proposal into an existing concept: the proposing
    /// study group now uses that concept, and the proposal is withdrawn.
    pub fn merge(&self, user: &User, id: ConceptId, into: ConceptId, version: Option<i64>) -> Result<Concept> {
        user.require_admin("merge proposals")?;
        if id == into {
            return Err(Error::Invalid("a proposal cannot be merged into itself".into()));
        }
        self.store.write(&user.name, |tx| {
            let head = sec::head(tx.conn(), id, version)?;
            transitions::merge(head.status)?;
            transitions::merge_into(sec::head(tx.conn(), into, None)?.status)?;
            let (before, target_before) = (sec::before(tx, id)?, sec::before(tx, into)?);
            sec::add_study_groups(tx, into, &head.study_groups)?;
            sec::bump(tx, into)?;
            store::concepts::set_concept_status(tx, id, ConceptStatus::Withdrawn)?;
            sec::set_merged_into(tx, id, into)?;
            sec::bump(tx, id)?;
            let note = format!("merged into {into}");
            tx.record(id.0, None, "merge", Some(&before), Some(&sec::snapshot(tx, id)?), Some(&note))?;
            let note = format!("{id} merged in; now used by {}", join(&head.study_groups));
            tx.record(into.0, None, "merge", Some(&target_before), Some(&sec::snapshot(tx, into)?), Some(&note))
        })?;
        self.sync_index();
        self.concept(into, View::Staff)
    }

    /// Step 3 and 5: drafting a language section (a translation, or a revision
    /// of adopted text, which goes back to review while the public keeps the adopted one).
    pub fn edit_section(
        &self,
        user: &User,
        id: ConceptId,
        lang: Lang,
        edit: &SectionEdit,
        version: Option<i64>,
    ) -> Result<Concept> {
        let content = SectionContent {
            terms: edit.terms.iter().map(|t| Term { text: t.text.trim().to_string(), status: t.status }).collect(),
            abbreviations: edit.abbreviations.iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
            definition: edit.definition.as_ref().map(|d| d.trim().to_string()).filter(|d| !d.is_empty()),
            notes: edit.notes.iter().map(|n| note_text(n)).filter(|n| !n.is_empty()).collect(),
        };
        validate_content(&content)?;
        let version = version.or(edit.version);
        let head = self.store.read(|c| sec::head(c, id, None))?;
        user.require_edit(lang, &head.study_groups)?;
        self.transition(user, id, version, Step { action: "edit", lang: Some(lang), comment: None }, |tx, head| {
            transitions::edit(head.status, lang, sec::section_status(tx, id, lang)?)?;
            sec::write_draft(tx, id, lang, &content, edit.assisted)?;
            Ok(())
        })
    }

    /// Step 3: the translator (or rapporteur, for English) submits a draft for review.
    pub fn submit_section(&self, user: &User, id: ConceptId, lang: Lang, version: Option<i64>) -> Result<Concept> {
        let head = self.store.read(|c| sec::head(c, id, None))?;
        user.require_edit(lang, &head.study_groups)?;
        self.transition(user, id, version, Step { action: "submit", lang: Some(lang), comment: None }, |tx, head| {
            transitions::submit(head.status, lang, sec::section_status(tx, id, lang)?)?;
            sec::set_section_status(tx, id, lang, SectionStatus::Submitted, None, None)
        })
    }

    /// Step 4: an SCV reviewer adopts a submitted section, which becomes public.
    pub fn adopt(
        &self,
        user: &User,
        id: ConceptId,
        lang: Lang,
        meeting: Option<&str>,
        document: Option<&str>,
        version: Option<i64>,
    ) -> Result<Concept> {
        if !(lang == Lang::En && user.role == Role::Admin) {
            user.require_review(lang)?;
        }
        for (name, v) in [("meeting", meeting), ("document", document)] {
            if let Some(v) = v {
                limited(name, v, 200)?;
            }
        }
        self.transition(user, id, version, Step { action: "adopt", lang: Some(lang), comment: None }, |tx, head| {
            transitions::adopt(head.status, sec::section_status(tx, id, lang)?)?;
            sec::set_section_status(tx, id, lang, SectionStatus::Adopted, meeting, document)
        })
    }

    /// Step 4: an SCV reviewer returns a submitted section with a comment.
    pub fn return_section(
        &self,
        user: &User,
        id: ConceptId,
        lang: Lang,
        comment: &str,
        version: Option<i64>,
    ) -> Result<Concept> {
        if !(lang == Lang::En && user.role == Role::Admin) {
            user.require_review(lang)?;
        }
        require_comment(comment)?;
        self.transition(
            user,
            id,
            version,
            Step { action: "return", lang: Some(lang), comment: Some(comment) },
            |tx, _| {
                transitions::return_section(sec::section_status(tx, id, lang)?)?;
                sec::set_section_status(tx, id, lang, SectionStatus::Returned, None, None)
            },
        )
    }

    /// A comment on a concept or one of its language sections, by any staff member.
    pub fn comment(&self, user: &User, id: ConceptId, lang: Option<Lang>, body: &str) -> Result<Comment> {
        require_comment(body)?;
        let comment_id = self.store.write(&user.name, |tx| {
            sec::head(tx.conn(), id, None)?;
            let cid = sec::add_comment(tx, id, lang, body.trim())?;
            tx.record(id.0, lang.map(Lang::code), "comment", None, None, Some(body.trim()))?;
            Ok(cid)
        })?;
        self.sync_index();
        self.comments(id)?
            .into_iter()
            .find(|c| c.id == comment_id)
            .ok_or_else(|| Error::Internal("comment vanished".into()))
    }

    /// Reverts a concept's texts to what they were after history entry `entry`; recorded as a new entry.
    pub fn revert(&self, user: &User, id: ConceptId, entry: i64, version: Option<i64>) -> Result<Concept> {
        user.require_admin("revert concepts")?;
        let target = self
            .history(id)?
            .into_iter()
            .find(|h| h.id == entry)
            .ok_or_else(|| Error::not_found(format!("history entry {entry} of concept {id}")))?;
        let snapshot: Concept = target
            .after
            .clone()
            .and_then(|v| serde_json::from_value(v).ok())
            .ok_or_else(|| Error::Invalid(format!("history entry {entry} holds no revision to revert to")))?;
        let note = format!("reverted to the revision of history entry {entry}");
        self.transition(user, id, version, Step { action: "revert", lang: None, comment: Some(&note) }, |tx, _| {
            for (lang, section) in &snapshot.languages {
                sec::write_draft(tx, id, *lang, &section.content, section.assisted)?;
                // Text that was adopted at that revision is adopted again; other text stays a draft.
                if section.status == SectionStatus::Adopted {
                    sec::set_section_status(
                        tx,
                        id,
                        *lang,
                        SectionStatus::Adopted,
                        section.adopted_meeting.as_deref(),
                        section.adopted_doc.as_deref(),
                    )?;
                } else if section.status != SectionStatus::Draft {
                    sec::set_section_status(tx, id, *lang, section.status, None, None)?;
                }
            }
            Ok(())
        })
    }
}

/// Outcome of marking a Recommendation superseded.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Superseded {
    pub recommendation: RecId,
    pub superseded_by: RecId,
    /// Concepts now sourced from the successor.
    pub carried: Vec<ConceptId>,
    /// Concepts that became historical.
    pub historical: Vec<ConceptId>,
}

impl App {
    /// Step 6: a Recommendation is superseded; the concepts it defines become
    /// historical unless carried into its successor. Historical entries stay
    /// searchable, labelled as such.
    pub fn supersede(&self, user: &User, rec: &RecId, by: &RecId, carry: &[ConceptId]) -> Result<Superseded> {
        user.require_admin("supersede Recommendations")?;
        if rec == by {
            return Err(Error::Invalid("a Recommendation cannot supersede itself".into()));
        }
        let out = self.store.write(&user.name, |tx| {
            let status = store::recs::status(tx.conn(), rec)?;
            match status.as_deref() {
                None => return Err(Error::not_found(format!("Recommendation {rec}"))),
                Some("superseded") | Some("withdrawn") => {
                    return Err(illegal("supersede", status.unwrap_or_default()));
                }
                Some(_) => {}
            }
            store::recs::supersede(tx, rec, by)?;
            let ids = store::recs::current_concepts(tx.conn(), rec)?;
            if let Some(stray) = carry.iter().find(|c| !ids.contains(c)) {
                return Err(Error::Invalid(format!("{stray} is not a current concept of {rec}")));
            }
            let mut result = Superseded {
                recommendation: rec.clone(),
                superseded_by: by.clone(),
                carried: vec![],
                historical: vec![],
            };
            for id in ids {
                let before = sec::before(tx, id)?;
                let action = if carry.contains(&id) {
                    store::recs::set_source(tx, id, by)?;
                    result.carried.push(id);
                    "carry"
                } else {
                    store::concepts::set_concept_status(tx, id, ConceptStatus::Historical)?;
                    result.historical.push(id);
                    "supersede"
                };
                sec::bump(tx, id)?;
                let note = format!("{rec} superseded by {by}");
                tx.record(id.0, None, action, Some(&before), Some(&sec::snapshot(tx, id)?), Some(&note))?;
            }
            Ok(result)
        })?;
        self.sync_index();
        Ok(out)
    }
}

/// What a transition records in history.
struct Step<'a> {
    action: &'a str,
    lang: Option<Lang>,
    comment: Option<&'a str>,
}

/// One entry of a pasted clause 3 with what the checks found.
#[derive(Debug, Clone)]
pub struct CheckedEntry {
    pub entry: Entry,
    /// Findings against the Author's guide (English texts only).
    pub lint: Vec<Finding>,
    /// Existing concepts with the same or a near English term or definition.
    pub similar: Vec<Similar>,
}

impl App {
    /// Harmonization: existing concepts with the same or a near English term,
    /// or a near definition, ranked by [`similar::rank`].
    fn similar(
        &self,
        terms: &[String],
        definition: Option<&str>,
        proposing_sg: &StudyGroupCode,
        exclude: Option<ConceptId>,
    ) -> Result<Vec<Similar>> {
        let index = self.index()?;
        let tm = index.tokenizers();
        let tokens = |text: &str| -> BTreeSet<String> {
            analyzers::tokens(tm, analyzers::stemmed(Lang::En), text).into_iter().collect()
        };
        let mut candidates: BTreeSet<ConceptId> = BTreeSet::new();
        for term in terms.iter().filter(|t| !t.trim().is_empty()) {
            let mut req = SearchRequest::new(term.clone());
            req.langs = vec![Lang::En];
            req.field = SearchField::Term;
            req.public_only = false;
            req.limit = similar::MAX_RESULTS;
            if let Ok(found) = self.search(&req) {
                candidates.extend(found.hits.iter().map(|h| h.id));
            }
            let norm = crate::text::norm_term(term);
            candidates.extend(self.store.read(|c| store::concepts::ids_with_term(c, Lang::En, &norm))?);
        }
        if let Some(def) = definition.filter(|d| !d.trim().is_empty()) {
            let mut req = SearchRequest::new(def.replace(['"', '*'], " ").chars().take(400).collect::<String>());
            req.langs = vec![Lang::En];
            req.field = SearchField::Definition;
            req.mode = Mode::Any;
            req.public_only = false;
            req.limit = similar::MAX_RESULTS;
            if let Ok(found) = self.search(&req) {
                candidates.extend(found.hits.iter().map(|h| h.id));
            }
        }
        if let Some(ex) = exclude {
            candidates.remove(&ex);
        }
        let concepts = candidates.into_iter().filter_map(|id| self.concept(id, View::Staff).ok()).collect();
        Ok(similar::rank(&tokens, terms, definition, proposing_sg, concepts))
    }

    /// Clause 3 as pasted or posted by a rapporteur: its entries, each with the
    /// lint findings (English) and the similar concepts (by its English term).
    /// Nothing is written; the API's extract and the propose page both call this.
    pub fn check_clause3(
        &self,
        text: String,
        lang: Option<Lang>,
        rec: Option<&RecId>,
        sg: &StudyGroupCode,
    ) -> Result<(Lang, Vec<CheckedEntry>)> {
        let ctx = Context { lang, ..Default::default() };
        let input = Input::from_bytes("clause 3", text.into_bytes());
        let mut versions = interchange::clause3_entries(&[input], &ctx)?;
        let (lang, entries) = versions.pop().ok_or_else(|| Error::Invalid("no text".into()))?;
        Ok((lang, self.check_entries(lang, entries, rec, sg)?))
    }

    /// Word files as uploaded by a rapporteur: each file's report with its
    /// entries checked as [`App::check_clause3`] checks clause-3 text. Nothing is written.
    pub fn check_docx(
        &self,
        files: Vec<interchange::docx::Extracted>,
        sg: &StudyGroupCode,
    ) -> Result<Vec<(interchange::docx::Extracted, Vec<CheckedEntry>)>> {
        files
            .into_iter()
            .map(|f| {
                let entries = f.entries.iter().map(interchange::docx::DocxEntry::to_clause3).collect();
                let checked = self.check_entries(f.lang, entries, f.rec.as_ref(), sg)?;
                Ok((f, checked))
            })
            .collect()
    }

    /// Each entry with its lint findings (English) and similar concepts (by its English term).
    fn check_entries(
        &self,
        lang: Lang,
        entries: Vec<Entry>,
        rec: Option<&RecId>,
        sg: &StudyGroupCode,
    ) -> Result<Vec<CheckedEntry>> {
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries {
            // Lint and harmonization work on English; other texts are checked by their English term when given.
            let english = if lang == Lang::En { Some(entry.term.clone()) } else { entry.term_en.clone() };
            let (lint, similar) = match english {
                Some(en) => {
                    let p = Proposal {
                        terms: vec![en],
                        abbreviation: entry.abbreviation.clone(),
                        definition: if lang == Lang::En { entry.definition.clone() } else { None },
                        notes: if lang == Lang::En { typed_notes(&entry.notes) } else { vec![] },
                        rec: rec.cloned(),
                        clause: entry.number.clone(),
                        sg: sg.clone(),
                        origin: entry.origin,
                        reference: entry.reference.clone(),
                        subject_field: None,
                        assisted: false,
                    };
                    let (lint, similar) = self.check_proposal(&p, None)?;
                    (if lang == Lang::En { lint } else { vec![] }, similar)
                }
                None => (vec![], vec![]),
            };
            out.push(CheckedEntry { entry, lint, similar });
        }
        Ok(out)
    }

    pub fn history(&self, id: ConceptId) -> Result<Vec<HistoryEntry>> {
        self.concept(id, View::Staff)?;
        let mut entries = self.store.read(|c| store::history::entries(c, id))?;
        for e in &mut entries {
            e.changed = match (&e.before, &e.after) {
                (Some(b), Some(a)) => changed_paths(b, a),
                (None, Some(_)) => vec!["created".to_string()],
                _ => vec![],
            };
        }
        Ok(entries)
    }

    pub fn comments(&self, id: ConceptId) -> Result<Vec<Comment>> {
        self.store.read(|c| store::history::comments(c, id))
    }

    /// What happened between `from` and `to` (inclusive RFC 3339 bounds).
    pub fn changes(&self, filter: &ChangeFilter) -> Result<Vec<Change>> {
        self.store.read(|c| store::history::changes(c, filter))
    }
}
