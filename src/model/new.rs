//! What a caller asks to create and who is looking: plain data the store
//! writes and reads, shared by the services and the front ends.

use super::{ConceptId, ConceptStatus, Lang, OriginKind, RecId, SectionContent, SectionStatus, StudyGroupCode};

/// Who is looking: the public sees accepted concepts and only adopted text;
/// staff see working copies of everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Public,
    Staff,
}

/// A concept to create (seed, proposal, import).
#[derive(Debug, Clone)]
pub struct NewConcept {
    /// A specific id to use (restoring an export into another store); must be free.
    pub id: Option<ConceptId>,
    pub status: ConceptStatus,
    pub rec: Option<RecId>,
    pub clause: Option<String>,
    pub study_groups: Vec<StudyGroupCode>,
    pub origin: OriginKind,
    pub origin_ref: Option<String>,
    pub subject_field: Option<String>,
    pub external_id: Option<String>,
    /// When the content was accepted/adopted, if known from the source; otherwise the write time.
    pub accepted_at: Option<String>,
    pub sections: Vec<NewSection>,
}

#[derive(Debug, Clone)]
pub struct NewSection {
    pub lang: Lang,
    pub status: SectionStatus,
    pub content: SectionContent,
}

/// Concept-level fields an import may carry; `None` (or no study groups) keeps what is stored.
#[derive(Debug, Clone, Default)]
pub struct ConceptFields {
    pub status: Option<ConceptStatus>,
    pub rec: Option<RecId>,
    pub clause: Option<String>,
    pub study_groups: Vec<StudyGroupCode>,
    pub origin: Option<OriginKind>,
    pub origin_ref: Option<String>,
    pub subject_field: Option<String>,
}
