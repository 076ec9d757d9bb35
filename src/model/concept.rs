//! A concept and its language sections: the unit of terminology.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ConceptId, ConceptStatus, Lang, RecId, SectionStatus, StudyGroupCode, TermKind};

/// One term of a language section. Abbreviations are kept apart in `LangSection::abbreviations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Term {
    pub text: String,
    #[serde(default = "preferred")]
    pub status: TermKind,
}

fn preferred() -> TermKind {
    TermKind::Preferred
}

/// Where a concept is defined: in its source Recommendation (`here`) or in another
/// document cited as written (`elsewhere`, e.g. `[b-ITU-T Y.2071]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Origin {
    pub kind: OriginKind,
    pub reference: Option<String>,
}

crate::string_enum! {
    pub enum OriginKind { Here = "here", Elsewhere = "elsewhere" }
}

/// The Recommendation and clause a concept comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Source {
    pub rec: Option<RecId>,
    pub clause: Option<String>,
}

/// The text of one language of a concept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SectionContent {
    /// Preferred term first, then admitted and deprecated ones.
    #[serde(default)]
    pub terms: Vec<Term>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub definition: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
}

impl SectionContent {
    pub fn preferred_term(&self) -> Option<&str> {
        self.terms
            .iter()
            .find(|t| t.status == TermKind::Preferred)
            .or_else(|| self.terms.first())
            .map(|t| t.text.as_str())
    }

    /// The same content as stored: terms without stray spaces or direction
    /// marks, empty entries dropped, so comparisons see what the store keeps.
    pub fn cleaned(&self) -> SectionContent {
        let clean = crate::text::clean_term;
        SectionContent {
            terms: self
                .terms
                .iter()
                .map(|t| Term { text: clean(&t.text), status: t.status })
                .filter(|t| !t.text.is_empty())
                .collect(),
            abbreviations: self.abbreviations.iter().map(|a| clean(a)).filter(|a| !a.is_empty()).collect(),
            definition: self.definition.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_string),
            notes: self.notes.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.abbreviations.is_empty() && self.definition.is_none() && self.notes.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LangSection {
    pub status: SectionStatus,
    #[serde(flatten)]
    pub content: SectionContent,
    /// Increases each time an adopted text is revised.
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub adopted_at: Option<String>,
    pub created_by: Option<String>,
    pub submitted_by: Option<String>,
    pub adopted_by: Option<String>,
    pub adopted_meeting: Option<String>,
    pub adopted_doc: Option<String>,
    /// The working text was written by an AI assistant (through MCP, or the API with
    /// `"assisted": true`) and no person has edited it since; staff view only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assisted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Concept {
    pub id: ConceptId,
    pub status: ConceptStatus,
    pub study_groups: Vec<StudyGroupCode>,
    pub source: Source,
    pub origin: Origin,
    pub subject_field: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub proposed_at: Option<String>,
    pub accepted_at: Option<String>,
    /// Optimistic-concurrency version; sent back as `ETag` and `If-Match`.
    pub version: i64,
    /// Only the languages that have content visible to the caller.
    pub languages: BTreeMap<Lang, LangSection>,
    /// Text in languages outside the six, kept from imported files (language tag as written).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub other_languages: BTreeMap<String, SectionContent>,
    /// Harmonization candidates (Resolution 67): concepts defining the same term differently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub harmonization: Vec<HarmonizationLink>,
}

/// A concept that defines the same term differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HarmonizationLink {
    pub id: ConceptId,
    /// Its preferred term (English when it has one).
    pub term: String,
    pub rec: Option<RecId>,
}

impl Concept {
    pub fn preferred_term(&self, lang: Lang) -> Option<&str> {
        self.languages.get(&lang).and_then(|s| s.content.preferred_term())
    }
}
