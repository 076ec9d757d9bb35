//! The steps of the SCV flow, each one write transaction that checks the
//! caller's role, the current state and version, changes the state and
//! records history; then the search index is brought up to date.

use serde::{Deserialize, Serialize};

use super::lint::{lint, Finding, LintInput};
use super::roles::{Role, User};
use super::similar::{self, Similar};
use crate::app::App;
use crate::error::{Error, Result};
use crate::model::{
    Concept, ConceptId, ConceptStatus, Lang, OriginKind, RecId, SectionContent, SectionStatus, StudyGroupCode, Term,
    TermKind,
};
use crate::store::sections::{self as sec, Head};
use crate::store::{insert_concept, NewConcept, NewSection, View};

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
}

/// Strips the `NOTE –` / `NOTE 1 –` marker; notes are stored as text and numbered on output.
pub fn note_text(note: &str) -> String {
    let t = note.trim();
    let rest = t
        .strip_prefix("NOTE")
        .or_else(|| t.strip_prefix("Note"))
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' '))
        .and_then(|r| r.strip_prefix(['–', '-', '—']).map(str::trim_start));
    rest.unwrap_or(t).trim().to_string()
}

fn limited(field: &str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(Error::Invalid(format!("{field} is longer than {max} characters")));
    }
    Ok(())
}

fn validate_content(c: &SectionContent) -> Result<()> {
    if c.terms.is_empty() {
        return Err(Error::Invalid("at least one term is required".into()));
    }
    if c.terms.len() + c.abbreviations.len() > 50 || c.notes.len() > 50 {
        return Err(Error::Invalid("too many terms or notes (50 at most)".into()));
    }
    for t in c.terms.iter().map(|t| &t.text).chain(&c.abbreviations) {
        if t.trim().is_empty() {
            return Err(Error::Invalid("a term may not be empty".into()));
        }
        limited("a term", t, 500)?;
    }
    if let Some(d) = &c.definition {
        limited("the definition", d, 10_000)?;
    }
    for n in &c.notes {
        limited("a note", n, 10_000)?;
    }
    if c.terms.iter().filter(|t| t.status == TermKind::Preferred).count() > 1 {
        return Err(Error::Invalid("only one term may be preferred".into()));
    }
    if c.terms.iter().any(|t| t.status == TermKind::Abbreviation) {
        return Err(Error::Invalid("list abbreviations under `abbreviations`".into()));
    }
    Ok(())
}

fn illegal(what: &str, current: impl std::fmt::Display) -> Error {
    Error::conflict(format!("cannot {what}: the current state is '{current}'"), Some(current.to_string()))
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
        let similar = similar::find(self, &p.terms, p.definition.as_deref(), &p.sg, exclude)?;
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
        let id = self.store.write(&user.name, |tx| insert_concept(tx, &new, "propose"))?;
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
        f: impl FnOnce(&crate::store::WriteTx, &Head) -> Result<()>,
    ) -> Result<Concept> {
        let Step { action, lang, comment } = step;
        self.store.write(&user.name, |tx| {
            let head = sec::head(tx.conn(), id, version)?;
            let before = sec::snapshot(tx, id)?;
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
                if head.status != ConceptStatus::Proposed {
                    return Err(illegal("accept", head.status));
                }
                let en = sec::section_status(tx, id, Lang::En)?;
                if en != SectionStatus::Submitted {
                    return Err(illegal("accept a proposal whose English text is not submitted", en));
                }
                sec::set_concept_status(tx, id, ConceptStatus::Accepted)?;
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
                if head.status != ConceptStatus::Proposed {
                    return Err(illegal("return", head.status));
                }
                let en = sec::section_status(tx, id, Lang::En)?;
                if en != SectionStatus::Submitted {
                    return Err(illegal("return a proposal that is not submitted", en));
                }
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
            if head.status != ConceptStatus::Proposed {
                return Err(illegal("merge", head.status));
            }
            let target = sec::head(tx.conn(), into, None)?;
            if matches!(target.status, ConceptStatus::Withdrawn) {
                return Err(illegal("merge into a withdrawn concept", target.status));
            }
            let (before, target_before) = (sec::snapshot(tx, id)?, sec::snapshot(tx, into)?);
            sec::add_study_groups(tx, into, &head.study_groups)?;
            sec::bump(tx, into)?;
            sec::set_concept_status(tx, id, ConceptStatus::Withdrawn)?;
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
            match (head.status, lang) {
                (ConceptStatus::Accepted, _) => {}
                (ConceptStatus::Proposed, Lang::En) => {}
                (status, Lang::En) => return Err(illegal("edit the English text", status)),
                (status, _) => return Err(illegal("translate a concept that is not accepted", status)),
            }
            let current = sec::section_status(tx, id, lang)?;
            if current == SectionStatus::Submitted {
                return Err(illegal("edit a text under review (ask the reviewer to return it)", current));
            }
            sec::write_draft(tx, id, lang, &content)?;
            Ok(())
        })
    }

    /// Step 3: the translator (or rapporteur, for English) submits a draft for review.
    pub fn submit_section(&self, user: &User, id: ConceptId, lang: Lang, version: Option<i64>) -> Result<Concept> {
        let head = self.store.read(|c| sec::head(c, id, None))?;
        user.require_edit(lang, &head.study_groups)?;
        self.transition(user, id, version, Step { action: "submit", lang: Some(lang), comment: None }, |tx, head| {
            let current = sec::section_status(tx, id, lang)?;
            if !matches!(current, SectionStatus::Draft | SectionStatus::Returned) {
                return Err(illegal("submit", current));
            }
            if lang != Lang::En && head.status != ConceptStatus::Accepted {
                return Err(illegal("submit a translation of a concept that is not accepted", head.status));
            }
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
            if head.status != ConceptStatus::Accepted {
                return Err(illegal("adopt a text of a concept that is not accepted", head.status));
            }
            let current = sec::section_status(tx, id, lang)?;
            if current != SectionStatus::Submitted {
                return Err(illegal("adopt a text that was not submitted", current));
            }
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
                let current = sec::section_status(tx, id, lang)?;
                if current != SectionStatus::Submitted {
                    return Err(illegal("return a text that was not submitted", current));
                }
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
                sec::write_draft(tx, id, *lang, &section.content)?;
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
            let c = tx.conn();
            let status: Option<String> = rusqlite::OptionalExtension::optional(c.query_row(
                "SELECT status FROM recommendation WHERE id = ?1",
                [rec.as_str()],
                |r| r.get(0),
            ))?;
            match status.as_deref() {
                None => return Err(Error::not_found(format!("Recommendation {rec}"))),
                Some("superseded") | Some("withdrawn") => {
                    return Err(illegal("supersede", status.unwrap_or_default()));
                }
                Some(_) => {}
            }
            c.execute(
                "INSERT OR IGNORE INTO recommendation (id, status, sg, created_at, updated_at)
                 SELECT ?1, 'in_force', sg, ?2, ?2 FROM recommendation WHERE id = ?3",
                rusqlite::params![by.as_str(), tx.at(), rec.as_str()],
            )?;
            c.execute(
                "UPDATE recommendation SET status = 'superseded', superseded_by = ?2, updated_at = ?3 WHERE id = ?1",
                rusqlite::params![rec.as_str(), by.as_str(), tx.at()],
            )?;
            let ids: Vec<i64> = c
                .prepare("SELECT id FROM concept WHERE rec_id = ?1 AND status IN ('accepted','proposed') ORDER BY id")?
                .query_map([rec.as_str()], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if let Some(stray) = carry.iter().find(|c| !ids.contains(&c.0)) {
                return Err(Error::Invalid(format!("{stray} is not a current concept of {rec}")));
            }
            let mut result = Superseded {
                recommendation: rec.clone(),
                superseded_by: by.clone(),
                carried: vec![],
                historical: vec![],
            };
            for id in ids.into_iter().map(ConceptId) {
                let before = sec::snapshot(tx, id)?;
                let action = if carry.contains(&id) {
                    c.execute("UPDATE concept SET rec_id = ?2 WHERE id = ?1", rusqlite::params![id.0, by.as_str()])?;
                    result.carried.push(id);
                    "carry"
                } else {
                    sec::set_concept_status(tx, id, ConceptStatus::Historical)?;
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

fn require_comment(body: &str) -> Result<()> {
    if body.trim().is_empty() {
        return Err(Error::Invalid("a comment is required".into()));
    }
    limited("the comment", body, 10_000)
}

fn join(sgs: &[StudyGroupCode]) -> String {
    sgs.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

/// One comment on a concept.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Comment {
    pub id: i64,
    pub lang: Option<Lang>,
    pub author: String,
    pub at: String,
    pub body: String,
}

/// One history entry.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub id: i64,
    pub action: String,
    pub lang: Option<Lang>,
    pub actor: String,
    pub at: String,
    pub comment: Option<String>,
    /// Staff snapshot of the concept before the change (JSON).
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
    /// Fields that differ between before and after, e.g. `languages.fr.definition`.
    pub changed: Vec<String>,
}
