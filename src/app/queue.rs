//! Work queues: what each user can act on now, by role and bindings.

use serde::Serialize;

use super::App;
use crate::error::Result;
use crate::model::{ConceptId, Lang, SectionStatus, User};
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
}

impl App {
    /// What `user` can act on now.
    pub fn queue(&self, user: &User, limit: u32) -> Result<Vec<QueueItem>> {
        let rows = self.store.read(|c| store::queue::rows(c, user, limit))?;
        Ok(rows
            .into_iter()
            .map(|r| QueueItem {
                id: r.id,
                lang: r.lang,
                action: queue_action(user.role, r.section_status).to_string(),
                section_status: r.section_status,
                concept_status: r.concept_status,
                term_en: r.term_en,
                updated_at: r.updated_at,
            })
            .collect())
    }
}
