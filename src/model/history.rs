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
    /// The event's place in the history, newest highest: pass the last one of a page as `cursor`.
    pub event: i64,
    pub at: String,
    /// `proposed`, `accepted`, `adopted`, `returned`, `superseded` or `withdrawn`.
    pub kind: String,
    pub id: ConceptId,
    pub lang: Option<Lang>,
    pub actor: Option<String>,
    /// The preferred term of that language (English for proposals and acceptances).
    pub term: Option<String>,
}

crate::string_enum! {
    pub enum ChangeKind {
        Proposed = "proposed",
        Accepted = "accepted",
        Adopted = "adopted",
        /// A proposal or a translation sent back to its author.
        Returned = "returned",
        /// Made historical by its Recommendation's successor.
        Superseded = "superseded",
        /// Withdrawn (merged into another concept, or by an import).
        Withdrawn = "withdrawn",
    }
}

impl ChangeKind {
    /// Kinds anyone may follow; proposals and returns are for staff.
    pub const PUBLIC: [ChangeKind; 4] =
        [ChangeKind::Accepted, ChangeKind::Adopted, ChangeKind::Superseded, ChangeKind::Withdrawn];

    pub fn is_public(self) -> bool {
        Self::PUBLIC.contains(&self)
    }

    /// The history actions that record this kind of event (a withdrawal is a `merge` or an
    /// `import` whose concept ends withdrawn).
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            ChangeKind::Proposed => &["propose"],
            ChangeKind::Accepted => &["accept"],
            ChangeKind::Adopted => &["adopt"],
            ChangeKind::Returned => &["return"],
            ChangeKind::Superseded => &["supersede"],
            ChangeKind::Withdrawn => &["merge", "import"],
        }
    }
}

/// Something a signed-in user follows; every field given narrows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Watch {
    pub id: i64,
    pub sg: Option<super::StudyGroupCode>,
    pub lang: Option<Lang>,
    pub rec: Option<super::RecId>,
    pub concept: Option<ConceptId>,
    pub created_at: String,
}

/// A watch as asked for: at least one of the four.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWatch {
    #[serde(default)]
    pub sg: Option<super::StudyGroupCode>,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub rec: Option<super::RecId>,
    #[serde(default)]
    pub concept: Option<ConceptId>,
}

/// Which events of the timeline to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct ChangeFilter {
    /// Inclusive bounds on the event's time, RFC 3339.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Events of this language, and the concept-level ones (superseded, withdrawn).
    pub lang: Option<Lang>,
    pub sg: Option<super::StudyGroupCode>,
    pub rec: Option<super::RecId>,
    pub concept: Option<ConceptId>,
    pub kinds: Vec<ChangeKind>,
    /// Only events older than this one (`event` of the last item of the previous page).
    pub before: Option<i64>,
    /// Only events newer than this one (what a watcher has not seen yet).
    pub after: Option<i64>,
    pub limit: u32,
}
