//! What every format reader produces: records of concepts as a file gives
//! them, with the problems found at their places. `app::import` decides what
//! to do with them (the one import plan).

use serde::Serialize;

/// The concept-level fields of a record: the same type the store updates, so an import changes what a file gives.
pub use crate::model::ConceptFields;
use crate::model::{Lang, SectionContent, SectionStatus};

/// One concept as read from a file.
#[derive(Debug, Clone, Default)]
pub struct ImportRecord {
    /// Where it is in the file, for messages: `line 12`, `row 5`, `3.2.1`.
    pub place: String,
    /// The file's own id (TBX `conceptEntry/@id`, CSV `id`).
    pub external_id: Option<String>,
    /// Source, study groups, status: what the file gives of them (`None` where it says nothing).
    pub fields: ConceptFields,
    pub accepted_at: Option<String>,
    pub sections: Vec<ImportSection>,
    /// Languages outside the six: language tag as written, with their text.
    pub other_langs: Vec<(String, SectionContent)>,
    /// Set on a line of a Recommendation's abbreviations list (the abbreviation): the
    /// import adds it to the concept whose term is its expansion, if there is one,
    /// and otherwise creates this record (expansion as term, no definition).
    pub abbreviation: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ImportSection {
    pub lang: Lang,
    pub content: SectionContent,
    /// The section status the file gives, if any.
    pub status: Option<SectionStatus>,
    /// Which parts the file gives; a spreadsheet without a `notes_fr` column must not wipe the notes.
    pub provided: Provided,
}

/// The parts of a section a file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provided {
    pub terms: bool,
    pub abbreviations: bool,
    pub definition: bool,
    pub notes: bool,
}

impl Default for Provided {
    fn default() -> Self {
        Provided { terms: true, abbreviations: true, definition: true, notes: true }
    }
}

impl Provided {
    /// `new` where the file gives a part, `stored` elsewhere.
    pub fn merge(self, stored: &SectionContent, new: &SectionContent) -> SectionContent {
        SectionContent {
            terms: if self.terms { new.terms.clone() } else { stored.terms.clone() },
            abbreviations: if self.abbreviations { new.abbreviations.clone() } else { stored.abbreviations.clone() },
            definition: if self.definition { new.definition.clone() } else { stored.definition.clone() },
            notes: if self.notes { new.notes.clone() } else { stored.notes.clone() },
        }
    }
}

/// A problem at a place in the file.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportProblem {
    pub place: String,
    pub message: String,
}
