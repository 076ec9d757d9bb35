//! The domain services every front end (HTTP API, web pages, CLI) calls. They
//! know nothing of HTTP; handlers parse input, call one of these, map the result.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Concept, ConceptId, RecId, Recommendation, StudyGroup};
use crate::store::{self, ConceptFilter, ConceptPage, StatsReport, Store, View};

/// Cheap to clone: everything inside is shared.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    data_dir: PathBuf,
}

/// A Recommendation with the concepts it is the source of.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RecommendationDetail {
    #[serde(flatten)]
    pub recommendation: Recommendation,
    pub concept_list: Vec<Concept>,
}

impl App {
    /// Opens the data directory, creating and seeding it on first use.
    pub fn open(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        Ok(App { store, data_dir: data_dir.to_path_buf() })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn concept(&self, id: ConceptId, view: View) -> Result<Concept> {
        self.store
            .read(|c| store::concepts::load_concept(c, id, view))?
            .ok_or_else(|| Error::not_found(format!("concept {id}")))
    }

    pub fn concepts(&self, filter: &ConceptFilter, view: View) -> Result<ConceptPage> {
        self.store.read(|c| store::concepts::list(c, filter, view))
    }

    pub fn recommendations(&self, view: View) -> Result<Vec<Recommendation>> {
        self.store.read(|c| store::recs::list_recommendations(c, view))
    }

    pub fn recommendation(&self, id: &RecId, view: View) -> Result<RecommendationDetail> {
        self.store.read(|c| {
            let recommendation = store::recs::get_recommendation(c, id, view)?
                .ok_or_else(|| Error::not_found(format!("Recommendation {id}")))?;
            let filter = ConceptFilter { rec: Some(id.clone()), limit: u32::MAX >> 1, ..Default::default() };
            let mut concept_list = store::concepts::list(c, &filter, view)?.items;
            concept_list.sort_by(|a, b| clause_key(a).cmp(&clause_key(b)));
            Ok(RecommendationDetail { recommendation, concept_list })
        })
    }

    pub fn study_groups(&self, view: View) -> Result<Vec<StudyGroup>> {
        self.store.read(|c| store::recs::list_study_groups(c, view))
    }

    pub fn language_stats(&self) -> Result<StatsReport> {
        self.store.read(store::stats::languages)
    }
}

/// Sorts clause numbers numerically: 3.2.10 after 3.2.9.
fn clause_key(c: &Concept) -> Vec<u32> {
    c.source.clause.as_deref().unwrap_or("").split('.').map(|p| p.parse().unwrap_or(u32::MAX)).collect()
}
