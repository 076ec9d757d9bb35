//! TBX (ISO 30042) import and export.
//!
//! * [`read`] / [`for_each_entry`] / [`TbxReader`] read TBX v3 (`<tbx xmlns="urn:iso:std:iso:30042:ed-2">`,
//!   DCA or DCT style, any dialect) and TBX 2008 / LISA TBX 2.0 (`<martif>`), picked from the root
//!   element. The reader is lenient about structure (misplaced or untyped `descrip`, missing
//!   `martifHeader`, numeric ids, dates with times, terms outside `tig`) and strict about
//!   safety: no entity expansion beyond the five predefined ones and character references, a
//!   DOCTYPE that declares entities is refused, every markup/text event, text node, entry and
//!   nesting depth is capped, invalid UTF-8 and malformed XML are errors with line and column.
//! * [`TbxWriter`] streams a TBX v3 TBX-Basic DCA file from [`Concept`](crate::model::Concept)s.
//!
//! Hexaglot conventions (only where TBX-Basic has no data category; all valid TBX-Basic DCA and
//! read back by [`read`]):
//! * concept and language-section status: `<note>status: accepted</note>` inside the
//!   `modification` `transacGrp` dated with the last update;
//! * workflow events: extra `modification` `transacGrp`s with `<note>event: submitted</note>`,
//!   `event: adopted` (+ `meeting: …`, `document: …`), `event: proposed`, `event: accepted`;
//!   the actor is the `transacNote type="responsibility"`; `revision: N` rides with the status;
//! * where a concept is defined: `<adminGrp><admin type="source">[b-ITU-T Y.2071]</admin>
//!   <note>origin: elsewhere</note></adminGrp>` (or a bare `<note>origin: elsewhere</note>` when the
//!   reference is unknown);
//! * study groups: `<admin type="projectSubset">SG17</admin>`;
//! * `Concept::other_languages` become further `langSec`s with the stored tag (`_` → `-`), without
//!   workflow metadata.

mod read;
mod records;
mod track;
mod write;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Lang, RecId, SectionContent, Source};

pub use read::{for_each_entry, read, TbxReader, OTHER_LANGS_OVERFLOW};
pub use records::records;
pub use write::{Header, TbxWriter, WriteStats};

/// Everything that can go wrong reading or writing TBX. Reading errors carry the 1-based line
/// (and, where known, byte column) of the offending input.
#[derive(Debug, thiserror::Error)]
pub enum TbxError {
    #[error("line {line}, column {column}: malformed XML: {message}")]
    Xml { line: u64, column: u64, message: String },
    #[error("line {line}, column {column}: invalid UTF-8 at byte offset {offset}")]
    Utf8 { line: u64, column: u64, offset: u64 },
    #[error("line {line}: {message}")]
    Refused { line: u64, message: String },
    #[error("line {line}: {what} larger than the limit of {limit} bytes")]
    TooLarge { line: u64, what: &'static str, limit: usize },
    #[error("line {line}: not a TBX file: {message}")]
    NotTbx { line: u64, message: String },
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Raised by the writer for input it cannot express (e.g. an invalid header language tag).
    #[error("cannot export: {0}")]
    Export(String),
    /// Returned unchanged from a [`for_each_entry`] callback.
    #[error("{0}")]
    Callback(String),
}

impl TbxError {
    /// The input line the error points at, if any.
    pub fn line(&self) -> Option<u64> {
        match self {
            TbxError::Xml { line, .. }
            | TbxError::Utf8 { line, .. }
            | TbxError::Refused { line, .. }
            | TbxError::TooLarge { line, .. }
            | TbxError::NotTbx { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// Reader limits and choices.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Keep language sections whose language is not one of the six (returned with `lang: None`).
    /// Either way they are counted in [`TbxSummary::other_langs`].
    pub keep_other_langs: bool,
    /// Largest single entry (`termEntry`/`conceptEntry`), in bytes of input.
    pub max_entry_bytes: usize,
    /// Largest single markup or text event (a start tag with its attributes, a text run, a
    /// comment, a DOCTYPE) and largest text of one element, in bytes.
    pub max_text_bytes: usize,
    /// Deepest element nesting accepted.
    pub max_depth: usize,
    /// Collapse runs of white space inside texts to one space (pretty-printed files).
    /// Leading and trailing white space is always trimmed.
    pub collapse_whitespace: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            keep_other_langs: true,
            max_entry_bytes: 16 << 20,
            max_text_bytes: 1 << 20,
            max_depth: 256,
            collapse_whitespace: false,
        }
    }
}

/// A whole file read into memory (see [`for_each_entry`] to stream instead).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TbxDocument {
    /// `TBX-Basic`, `TBX-Min`, `TBX-Core`, … for TBX v3; `martif TBX-Basic`, `martif TBX`, … for TBX 2008.
    pub dialect: String,
    pub title: Option<String>,
    /// `sourceDesc` paragraphs, joined with newlines.
    pub source_desc: Option<String>,
    /// `xml:lang` of the root element, as written.
    pub source_lang: Option<String>,
    pub entries: Vec<TbxEntry>,
    pub summary: TbxSummary,
}

/// File-level facts known once the header has been read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TbxHeaderInfo {
    pub dialect: String,
    /// `dca`, `dct` (TBX v3 only).
    pub style: Option<String>,
    pub title: Option<String>,
    pub source_desc: Option<String>,
    pub source_lang: Option<String>,
}

/// One `conceptEntry` / `termEntry`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TbxEntry {
    /// `id` attribute as written (may be numeric or otherwise not a valid xml:id).
    pub id: Option<String>,
    /// 1-based line where the entry starts.
    pub line: u64,
    pub subject_field: Option<String>,
    /// A definition at entry level (not inside a language section).
    pub definition_lang_neutral: Option<String>,
    /// Entry-level notes, including untyped `<descrip>` (Weblate/Translate Toolkit explanations).
    pub note: Vec<String>,
    /// First entry-level `admin type="source"` (Hexaglot writes `ITU-T X.1332, 3.2.1`; see [`parse_source`]).
    pub source: Option<String>,
    /// Hexaglot origin convention: `here` / `elsewhere`.
    pub origin: Option<String>,
    /// The reference of a concept defined elsewhere, e.g. `[b-ITU-T Y.2071]`.
    pub origin_reference: Option<String>,
    /// `admin type="projectSubset"|"customerSubset"` values (Hexaglot: study groups).
    pub subsets: Vec<String>,
    /// First entry-level `xref`/`ref` target (or its text when it has no target).
    pub xref: Option<String>,
    /// From `<note>status: …</note>` in a `transacGrp`, or a `status`/`processStatus` data category.
    pub status: Option<String>,
    /// Earliest `origination` date, RFC 3339 UTC when parseable, else as written.
    pub created: Option<String>,
    /// Latest `modification` date, normalised the same way.
    pub modified: Option<String>,
    pub transactions: Vec<TbxTransaction>,
    pub sections: Vec<TbxSection>,
}

/// One `langSec` / `langSet`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TbxSection {
    /// `xml:lang` as written, e.g. `fr-FR`, `zh-CN`, `de`; empty when missing.
    pub lang_tag: String,
    /// Parsed when the tag's primary subtag is one of the six.
    pub lang: Option<Lang>,
    /// Terms (preferred first), abbreviations (`termType` abbreviation/acronym/initialism),
    /// the first definition, notes of the section and of its terms.
    pub content: SectionContent,
    /// `Some(true)` when the file says the section is adopted/approved, `Some(false)` when it
    /// states another status, `None` when it says nothing.
    pub adopted: Option<bool>,
    pub status: Option<String>,
    pub created: Option<String>,
    pub modified: Option<String>,
    /// Section-level `admin type="source"` (or the source of its definition).
    pub source: Option<String>,
    pub transactions: Vec<TbxTransaction>,
    /// Terms of this section whose text was empty (`<term/>`, Weblate's untranslated terms).
    /// They are also kept in `content.terms` with empty text and admitted status.
    pub empty_terms: u64,
}

/// One `transacGrp`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TbxTransaction {
    /// `origination`, `modification`, … as written.
    pub kind: String,
    /// Normalised like [`TbxEntry::created`].
    pub date: Option<String>,
    pub responsibility: Option<String>,
    pub notes: Vec<String>,
}

/// Counts over a whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TbxSummary {
    pub header: TbxHeaderInfo,
    pub entries: u64,
    pub sections: u64,
    /// Every `<term>` element read, in any language, empty or not.
    pub terms: u64,
    pub empty_terms: u64,
    /// Language tag as written -> number of terms, for sections outside the six.
    pub other_langs: BTreeMap<String, u64>,
    /// Sections outside the six that were dropped because `keep_other_langs` was false.
    pub dropped_sections: u64,
}

/// Formats a concept's source as written to `admin type="source"`: `ITU-T X.1332, 3.2.1`,
/// `ITU-T X.1332`, or `clause 3.2.1` when the Recommendation is unknown.
pub fn source_to_string(source: &Source) -> Option<String> {
    match (&source.rec, &source.clause) {
        (Some(r), Some(c)) => Some(format!("{r}, {c}")),
        (Some(r), None) => Some(r.to_string()),
        (None, Some(c)) => Some(format!("clause {c}")),
        (None, None) => None,
    }
}

/// Inverse of [`source_to_string`]; a text that names no Recommendation becomes the clause.
pub fn parse_source(s: &str) -> Source {
    let s = s.trim();
    if let Some(clause) = s.strip_prefix("clause ") {
        let clause = clause.trim();
        return Source { rec: None, clause: (!clause.is_empty()).then(|| clause.to_string()) };
    }
    if let Some((rec, clause)) = s.split_once(',') {
        if let Ok(rec) = rec.parse::<RecId>() {
            let clause = clause.trim();
            return Source { rec: Some(rec), clause: (!clause.is_empty()).then(|| clause.to_string()) };
        }
    }
    if let Ok(rec) = s.parse::<RecId>() {
        return Source { rec: Some(rec), clause: None };
    }
    Source { rec: None, clause: (!s.is_empty()).then(|| s.to_string()) }
}

/// Normalises a TBX date: `YYYY-MM-DD`, RFC 3339, or a date-time without zone (taken as UTC,
/// `T` or space separated, optional fraction) become `YYYY-MM-DDTHH:MM:SSZ`; anything else is
/// returned trimmed, as written.
pub fn normalize_date(s: &str) -> String {
    use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
    let s = s.trim();
    const OUT: &str = "%Y-%m-%dT%H:%M:%SZ";
    // Fast path: already `YYYY-MM-DDTHH:MM:SSZ`.
    let b = s.as_bytes();
    if b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
        && {
            let num = |r: std::ops::Range<usize>| s.get(r).and_then(|d| d.parse::<u32>().ok());
            match (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19)) {
                (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) => {
                    NaiveDate::from_ymd_opt(y as i32, mo, d).is_some() && h < 24 && mi < 60 && se < 60
                }
                _ => false,
            }
        }
    {
        return s.to_string();
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return t.with_timezone(&Utc).format(OUT).to_string();
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return t.and_utc().format(OUT).to_string();
        }
    }
    for f in ["%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return t.with_timezone(&Utc).format(OUT).to_string();
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if let Some(t) = d.and_hms_opt(0, 0, 0) {
            return t.and_utc().format(OUT).to_string();
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(normalize_date("2010-04-17"), "2010-04-17T00:00:00Z");
        assert_eq!(normalize_date(" 2010-04-17T10:11:12 "), "2010-04-17T10:11:12Z");
        assert_eq!(normalize_date("2010-04-17 10:11:12.5"), "2010-04-17T10:11:12Z");
        assert_eq!(normalize_date("2010-04-17T10:11:12+02:00"), "2010-04-17T08:11:12Z");
        assert_eq!(normalize_date("2010-04-17 10:11:12+0200"), "2010-04-17T08:11:12Z");
        assert_eq!(normalize_date("last week"), "last week");
    }

    #[test]
    fn sources() {
        let s = parse_source("ITU-T X.1332, 3.2.1");
        assert_eq!(s.rec.as_ref().unwrap().as_str(), "ITU-T X.1332");
        assert_eq!(s.clause.as_deref(), Some("3.2.1"));
        assert_eq!(source_to_string(&s).unwrap(), "ITU-T X.1332, 3.2.1");
        let c = parse_source("clause 3.1");
        assert_eq!((c.rec, c.clause.as_deref()), (None, Some("3.1")));
        assert_eq!(parse_source("Oxford2007").clause.as_deref(), Some("Oxford2007"));
    }
}
