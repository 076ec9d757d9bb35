//! Work queues: what each user can act on now, by role and bindings.

use serde::Serialize;

use super::App;
use crate::error::Result;
use crate::model::{ConceptId, HarmonizationLink, Lang, SectionStatus, User, View};
use crate::store;
use crate::workflow::rules::queue_action;

/// An item of a work queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    pub id: ConceptId,
    pub lang: Lang,
    /// What the caller can do: `translate`, `revise`, `review`, `accept`, `follow`.
    pub action: String,
    pub section_status: SectionStatus,
    pub concept_status: String,
    pub term_en: Option<String>,
    pub updated_at: String,
    /// The section's text was written by an AI assistant and no person has edited it since.
    pub assisted: bool,
    /// Concepts defining the same term differently (Resolution 67): to harmonize before accepting.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub harmonization: Vec<HarmonizationLink>,
}

impl App {
    /// What `user` can act on now.
    pub fn queue(&self, user: &User, limit: u32) -> Result<Vec<QueueItem>> {
        let (rows, links) = self.store.read(|c| {
            let rows = store::queue::rows(c, user, limit)?;
            let links =
                rows.iter().map(|r| store::harmonization::linked(c, r.id, View::Staff)).collect::<Result<Vec<_>>>()?;
            Ok((rows, links))
        })?;
        Ok(rows
            .into_iter()
            .zip(links)
            .map(|(r, harmonization)| QueueItem {
                id: r.id,
                lang: r.lang,
                action: queue_action(user.role, r.section_status).to_string(),
                section_status: r.section_status,
                concept_status: r.concept_status,
                term_en: r.term_en,
                updated_at: r.updated_at,
                assisted: r.assisted,
                harmonization,
            })
            .collect())
    }
}
