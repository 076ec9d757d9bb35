//! What the workflow leaves behind: comments, history entries, the timeline.

use serde::Serialize;

use super::{ConceptId, Lang};

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

/// An event of the timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Change {
    pub at: String,
    /// `proposed`, `accepted` or `adopted`.
    pub kind: String,
    pub id: ConceptId,
    pub lang: Option<Lang>,
    pub actor: Option<String>,
    /// The preferred term of that language (English for proposals and acceptances).
    pub term: Option<String>,
}

crate::string_enum! {
    pub enum ChangeKind { Proposed = "proposed", Accepted = "accepted", Adopted = "adopted" }
}

impl ChangeKind {
    /// The history action that records this kind of event.
    pub fn action(self) -> &'static str {
        match self {
            ChangeKind::Proposed => "propose",
            ChangeKind::Accepted => "accept",
            ChangeKind::Adopted => "adopt",
        }
    }
}
