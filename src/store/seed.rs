//! The bundled seed in `data/`, embedded so the binary works from any folder.
//! Loaded once, into an empty database, in one transaction.

use serde::Deserialize;

use super::concepts::insert_concept;
use super::Store;
use crate::error::{Error, Result};
use crate::model::{
    ConceptStatus, Lang, NewConcept, NewSection, OriginKind, SectionContent, SectionStatus, Term, TermKind,
};

const STUDY_GROUPS: &str = include_str!("../../data/study-groups.json");
const RECOMMENDATIONS: &str = include_str!("../../data/recommendations.json");
const CONCEPTS: &str = include_str!("../../data/concepts.json");
/// Bumped when the bundled data changes, recorded in `meta.seed_version`.
pub const SEED_VERSION: &str = "1";
const SEED_ACTOR: &str = "seed";

#[derive(Deserialize)]
struct SeedStudyGroup {
    code: String,
    title_en: String,
    title_zh: Option<String>,
    period: String,
}

#[derive(Deserialize)]
struct SeedRec {
    id: String,
    edition: Option<String>,
    provisional_name: Option<String>,
    title_en: Option<String>,
    title_zh: Option<String>,
    sg: Option<String>,
    approval_procedure: Option<String>,
    status: String,
    approval_date: Option<String>,
    superseded_by: Option<String>,
    summary_zh: Option<String>,
}

#[derive(Deserialize)]
struct SeedConcept {
    rec: String,
    clause: String,
    sg: Vec<String>,
    origin: OriginKind,
    origin_ref: Option<String>,
    subject_field: Option<String>,
    langs: std::collections::BTreeMap<Lang, SeedSection>,
}

#[derive(Deserialize)]
struct SeedSection {
    terms: Vec<SeedTerm>,
    #[serde(default)]
    abbreviations: Vec<String>,
    definition: Option<String>,
    #[serde(default)]
    notes: Vec<String>,
}

#[derive(Deserialize)]
struct SeedTerm {
    text: String,
    kind: TermKind,
}

pub(super) fn load_if_empty(store: &Store) -> Result<()> {
    if store.meta("seed_version")?.is_some() {
        return Ok(());
    }
    let bad = |what: &str, e: serde_json::Error| Error::Internal(format!("bundled {what} is malformed: {e}"));
    let sgs: Vec<SeedStudyGroup> = serde_json::from_str(STUDY_GROUPS).map_err(|e| bad("study groups", e))?;
    let recs: Vec<SeedRec> = serde_json::from_str(RECOMMENDATIONS).map_err(|e| bad("recommendations", e))?;
    let concepts: Vec<SeedConcept> = serde_json::from_str(CONCEPTS).map_err(|e| bad("concepts", e))?;

    let approval: std::collections::HashMap<&str, &str> =
        recs.iter().filter_map(|r| Some((r.id.as_str(), r.approval_date.as_deref()?))).collect();
    store.write(SEED_ACTOR, |tx| {
        let c = tx.conn();
        for (ord, lang) in Lang::ALL.iter().enumerate() {
            c.execute(
                "INSERT OR IGNORE INTO language (code, name_en, name_native, ord) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![lang.code(), lang.english_name(), lang.native_name(), ord as i64],
            )?;
        }
        for sg in &sgs {
            let code: crate::model::StudyGroupCode =
                sg.code.parse().map_err(|e| Error::Internal(format!("seed: {e}")))?;
            c.execute(
                "INSERT OR IGNORE INTO study_group (code, title_en, title_zh, period) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![code.as_str(), sg.title_en, sg.title_zh, sg.period],
            )?;
        }
        for r in &recs {
            let rec = crate::model::Recommendation {
                id: r.id.parse().map_err(|e| Error::Internal(format!("seed: {e}")))?,
                edition: r.edition.clone(),
                provisional_name: r.provisional_name.clone(),
                title_en: r.title_en.clone(),
                title_zh: r.title_zh.clone(),
                sg: r.sg.as_deref().map(str::parse).transpose().map_err(|e| Error::Internal(format!("seed: {e}")))?,
                approval_procedure: r
                    .approval_procedure
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(Error::Internal)?,
                status: r.status.parse().map_err(Error::Internal)?,
                approval_date: r.approval_date.clone(),
                superseded_by: r
                    .superseded_by
                    .as_deref()
                    .map(str::parse)
                    .transpose()
                    .map_err(|e| Error::Internal(format!("seed: {e}")))?,
                summary: r.summary_zh.clone(),
                concepts: 0,
            };
            super::recs::upsert(tx, &rec)?;
        }
        for sc in &concepts {
            let sections = sc
                .langs
                .iter()
                .map(|(lang, s)| NewSection {
                    lang: *lang,
                    status: SectionStatus::Adopted,
                    content: SectionContent {
                        terms: s.terms.iter().map(|t| Term { text: t.text.clone(), status: t.kind }).collect(),
                        abbreviations: s.abbreviations.clone(),
                        definition: s.definition.clone(),
                        notes: s.notes.clone(),
                    },
                })
                .collect();
            let new = NewConcept {
                id: None,
                status: ConceptStatus::Accepted,
                rec: Some(sc.rec.parse().map_err(|e| Error::Internal(format!("seed: {e}")))?),
                clause: Some(sc.clause.clone()),
                study_groups: sc
                    .sg
                    .iter()
                    .map(|s| s.parse())
                    .collect::<Result<_, _>>()
                    .map_err(|e| Error::Internal(format!("seed: {e}")))?,
                origin: sc.origin,
                origin_ref: sc.origin_ref.clone(),
                subject_field: sc.subject_field.clone(),
                external_id: None,
                // The Recommendation's approval is when its terms were accepted; without one, now.
                accepted_at: approval.get(sc.rec.as_str()).map(|d| format!("{d}T00:00:00Z")),
                sections,
            };
            let id = insert_concept(tx, &new, "seed")?;
            if new.accepted_at.is_none() {
                // The source gives no date: say so rather than stamp the loading time (the
                // creation entry keeps the concept as created, dates included).
                super::history::materialize(c, id)?;
                c.execute("UPDATE concept SET accepted_at = NULL WHERE id = ?1", [id.0])?;
                c.execute(
                    "UPDATE lang_section SET adopted_at = NULL, submitted_at = NULL WHERE concept_id = ?1",
                    [id.0],
                )?;
            }
        }
        c.execute("INSERT INTO meta (key, value) VALUES ('seed_version', ?1)", [SEED_VERSION])?;
        Ok(())
    })
}
