//! Terminology in running text: every known term and abbreviation of a text, found through
//! one dictionary of normalised whole terms.
//!
//! The [`Dictionary`] is fed by its caller (the store and the change log) with the terms of
//! each concept ([`ConceptTerms`]); it knows nothing of SQL or HTTP. It answers three things
//! from memory: the entries of a whole term ([`Dictionary::lookup`], O(term length)), the
//! entries of a concept in every language ([`Dictionary::entries_of`], the equivalents),
//! every occurrence of every term in a text ([`Dictionary::annotate`]), and the entries
//! completing what is typed ([`Dictionary::complete`], autocomplete: `complete.rs`).
//!
//! # How a text is matched
//!
//! Text and terms go through the same steps (`tokens.rs`): the search's exact analysis chain
//! cuts and normalises words ([`crate::search::analyzers`]: NFKC, case, Latin accents, French
//! elision, Russian `ё`, Arabic tashkeel and letter variants, Chinese one character at a
//! time), and each word gets a *key*:
//! - en, fr, es: the normalised word; a word of the text also tries its singular forms
//!   (`inflect.rs`), so `access control lists` finds `access control list`;
//! - ru: the word without its case ending (`russian.rs`: `Германией` → `герман`);
//! - ar: the light stem (prefixed conjunctions, prepositions and article, `وفرنسا` → `فرنسا`);
//! - zh: every Han character is a key of its own, so a term is found anywhere in a run of
//!   Han text, with no word-boundary assumption.
//!
//! Abbreviations keep their case (`PoP` is not `pop`). What stands between two words is part
//! of the key: spaces, one line break and hyphens join words; other punctuation must be the
//! same as in the term; a blank line never joins. A term is the hash chain of its keys
//! (`dictionary.rs`); the walk from each word of the text follows the chain while a known
//! term still begins that way, so it is linear in the text for all practical purposes.
//!
//! Among all the matches, the longest wins, then the leftmost; spans never overlap. Offsets
//! are Unicode code points of the text as received: the text is never rewritten as a whole.

mod complete;
mod detect;
mod dictionary;
mod hash;
mod inflect;
mod matcher;
mod russian;
mod table;
mod texts;
mod tokens;

#[cfg(test)]
mod tests;

pub use complete::Completion;
pub use detect::detect_lang;
pub use dictionary::{Dictionary, Entry};
pub use matcher::{Include, Span};

use crate::model::{ConceptId, Lang, SectionContent, TermKind};

crate::string_enum! {
    /// Whether an entry is a term or an abbreviation (abbreviations match case-sensitively).
    pub enum Kind { Term = "term", Abbreviation = "abbreviation" }
}

crate::string_enum! {
    /// Status of a term within its language section.
    pub enum TermStatus { Preferred = "preferred", Admitted = "admitted", Deprecated = "deprecated" }
}

crate::string_enum! {
    /// Who may see an entry: the adopted text of an accepted concept is public; drafts,
    /// submitted sections and proposals are pending.
    pub enum Visibility { Public = "public", Pending = "pending" }
}

impl TermStatus {
    /// The status of a model term; an abbreviation counts as preferred.
    pub fn of(kind: TermKind) -> TermStatus {
        match kind {
            TermKind::Admitted => TermStatus::Admitted,
            TermKind::Deprecated => TermStatus::Deprecated,
            TermKind::Preferred | TermKind::Abbreviation => TermStatus::Preferred,
        }
    }
}

/// One term or abbreviation of a concept, as the caller hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermEntry {
    pub lang: Lang,
    /// The term as stored (its base form); answered as `term` in a span.
    pub text: String,
    pub kind: Kind,
    pub status: TermStatus,
    pub visibility: Visibility,
}

/// All the entries of one concept: the unit of incremental change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptTerms {
    pub concept: ConceptId,
    pub entries: Vec<TermEntry>,
}

/// The entries of one language section: its terms with their status, then its abbreviations.
pub fn section_entries(lang: Lang, content: &SectionContent, visibility: Visibility) -> Vec<TermEntry> {
    let terms = content.terms.iter().map(|t| TermEntry {
        lang,
        text: t.text.clone(),
        kind: if t.status == TermKind::Abbreviation { Kind::Abbreviation } else { Kind::Term },
        status: TermStatus::of(t.status),
        visibility,
    });
    let abbreviations = content.abbreviations.iter().map(|a| TermEntry {
        lang,
        text: a.clone(),
        kind: Kind::Abbreviation,
        status: TermStatus::Preferred,
        visibility,
    });
    terms.chain(abbreviations).filter(|e| !e.text.trim().is_empty()).collect()
}
