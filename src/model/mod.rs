//! Domain types shared by every layer. They are parsed once at the edge
//! (HTTP, CLI, files) so the rest of the code never handles raw strings.

mod concept;
mod ids;
mod lang;
mod recommendation;
mod status;
pub mod time;

pub use concept::{Concept, LangSection, Origin, OriginKind, SectionContent, Source, Term};
pub use ids::{ConceptId, ParseIdError, RecId, StudyGroupCode};
pub use lang::{Lang, ParseLangError};
pub use recommendation::{ApprovalProcedure, RecStatus, Recommendation, StudyGroup};
pub use status::{ConceptStatus, SectionStatus, TermKind};

/// Current time as stored everywhere: RFC 3339 UTC with second precision.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
