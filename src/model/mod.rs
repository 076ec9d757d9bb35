//! Domain types shared by every layer. They are parsed once at the edge
//! (HTTP, CLI, files) so the rest of the code never handles raw strings.

mod concept;
mod history;
mod ids;
mod lang;
mod new;
mod recommendation;
mod status;
pub mod time;
mod user;

pub use concept::{Concept, HarmonizationLink, LangSection, Origin, OriginKind, SectionContent, Source, Term};
pub use history::{Change, ChangeFilter, ChangeKind, Comment, HistoryEntry, NewWatch, Watch};
pub use ids::{ConceptId, ParseIdError, RecId, StudyGroupCode};
pub use lang::{Lang, ParseLangError};
pub use new::{ConceptFields, NewConcept, NewSection, View};
pub use recommendation::{ApprovalProcedure, RecStatus, Recommendation, StudyGroup};
pub use status::{ConceptStatus, SectionStatus, TermKind};
pub use user::{Role, User};

/// Current time as stored everywhere: RFC 3339 UTC with second precision.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
