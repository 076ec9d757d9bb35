//! The bundled Word content (`data/word/`, extracted by `examples/extract-seed.rs`):
//! published Recommendations read from ITU's Word files, run at first start through
//! the import's own Word mapping and create path, accepted and adopted.

use serde::Deserialize;

use super::import::ImportOptions;
use super::App;
use crate::error::{Error, Result};
use crate::interchange::{docx, word, Context, Format};
use crate::model::ConceptStatus;

const WORD: [&str; 5] = [
    include_str!("../../data/word/E.119.json"),
    include_str!("../../data/word/G.650.1.json"),
    include_str!("../../data/word/P.917.json"),
    include_str!("../../data/word/Q.850.json"),
    include_str!("../../data/word/T.88.json"),
];
/// Recorded in `meta.seed_word_version` once loaded; bumped when `data/word/` changes.
const SEED_WORD_VERSION: &str = "1";

/// The study group of each bundled Recommendation, for a file that names none.
const RECOMMENDATIONS: &str = include_str!("../../data/recommendations.json");

#[derive(Deserialize)]
struct RecSg {
    id: crate::model::RecId,
    sg: Option<crate::model::StudyGroupCode>,
}

#[derive(Deserialize)]
struct SeedRec {
    files: Vec<SeedFile>,
}

#[derive(Deserialize)]
struct SeedFile {
    #[serde(flatten)]
    extracted: docx::Extracted,
    abbreviations_clause: Option<String>,
}

impl App {
    /// Imports the bundled Word content once per data directory. The import is keyed
    /// (Recommendation + clause or abbreviation), so one interrupted before its mark
    /// is written finds its concepts unchanged when run again.
    pub(super) fn seed_word(&self) -> Result<()> {
        if self.store.meta("seed_word_version")?.is_some() {
            return Ok(());
        }
        self.import_word_seed()?;
        self.mark_word_seed()
    }

    /// Marks the bundled Word content as loaded without loading it: for a data
    /// directory that is to receive those very Word files by import (the import tests).
    pub(super) fn mark_word_seed(&self) -> Result<()> {
        self.store.write("seed", |tx| {
            tx.conn().execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_word_version', ?1)",
                [SEED_WORD_VERSION],
            )?;
            Ok(())
        })
    }

    fn import_word_seed(&self) -> Result<()> {
        let bad = |e: serde_json::Error| Error::Internal(format!("bundled Word content is malformed: {e}"));
        let sgs: Vec<RecSg> = serde_json::from_str(RECOMMENDATIONS).map_err(bad)?;
        let mut files = Vec::new();
        for text in WORD {
            let rec: SeedRec = serde_json::from_str(text).map_err(bad)?;
            files.extend(rec.files.into_iter().map(|f| {
                let sg = f.extracted.sg.clone().or_else(|| {
                    sgs.iter().find(|r| Some(&r.id) == f.extracted.rec.as_ref()).and_then(|r| r.sg.clone())
                });
                docx::Extracted { abbreviations_clause: f.abbreviations_clause, sg, ..f.extracted }
            }));
        }
        let records = word::records(&files, &Context::default())?;
        let opts = ImportOptions { default_status: Some(ConceptStatus::Accepted), ..Default::default() };
        let report = self.import("seed", Format::Docx, &mut records.into_iter().map(Ok), &opts, &|_| {})?;
        if let Some(e) = report.errors.first() {
            return Err(Error::Internal(format!("bundled Word content did not import: {e:?}")));
        }
        // The files give an edition month, not the day of approval: say so rather than
        // stamp the loading time (as the bundled clause-3 seed does without a date).
        self.store.write("seed", |tx| {
            for id in &report.ids {
                // The creation entry keeps the concept as imported, dates included.
                crate::store::history::materialize(tx.conn(), *id)?;
                tx.conn().execute("UPDATE concept SET accepted_at = NULL WHERE id = ?1", [id.0])?;
                tx.conn().execute(
                    "UPDATE lang_section SET adopted_at = NULL, submitted_at = NULL WHERE concept_id = ?1",
                    [id.0],
                )?;
            }
            Ok(())
        })
    }
}
