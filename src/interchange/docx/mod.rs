//! ITU-T Recommendations as Word files (`.docx`): definitions, abbreviations and metadata
//! read straight from the package with `zip` and `quick-xml`, no external converter.
//!
//! * [`package`]: the zip with limits (zip bombs, parts inflating past their limit, ZIP64
//!   directories) and [`sniff`], which tells a Word file from a workbook by its parts;
//! * [`document`]: paragraphs as Word shows them (styles, automatic numbers, tabs, tables,
//!   field results, hyperlinks, non-breaking hyphens, tracked changes, bold runs);
//! * `meta`: Recommendation number, edition, title, study group, language;
//! * `definitions`: the definitions clause, wherever it is, parsed by [`super::clause3`];
//! * `abbreviations`: the abbreviations and acronyms list, lines or a table.
//!
//! [`read`] gives an [`Extracted`], which serialises to the per-file object of
//! `hexaglot import --dry-run --json`.

mod abbreviations;
mod definitions;
pub(crate) mod document;
mod meta;
mod outline;
pub mod package;
mod styles;
mod xml;

use std::io::{Read, Seek};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::interchange::clause3::{self, Origin};
use crate::model::{Lang, RecId, StudyGroupCode};

pub use package::{sniff, Limits, ZipKind};

/// Why a file could not be read as a Word document.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("not a Word file: not a zip archive (a .docx is a zip of XML parts)")]
    NotZip,
    #[error("not a readable Word file: {0}")]
    BadZip(String),
    #[error("not a Word file: {0}")]
    NotWord(String),
    #[error("{what} past the limit of {limit}; refused (zip bomb?)")]
    TooLarge { what: String, limit: String },
    #[error("{part}: a DOCTYPE declaration; refused (Word never writes one, and its entities are never expanded)")]
    Doctype { part: String },
    #[error("{part}: reference to an undeclared entity; refused (only the five XML entities are read)")]
    Entity { part: String },
    #[error("{part}: malformed XML: {message}")]
    Xml { part: String, message: String },
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

impl From<DocxError> for crate::error::Error {
    fn from(e: DocxError) -> Self {
        match e {
            DocxError::TooLarge { .. } => crate::error::Error::TooLarge(e.to_string()),
            DocxError::Io(io) => crate::error::Error::Io(io),
            other => crate::error::Error::Invalid(other.to_string()),
        }
    }
}

/// One definition of the definitions clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocxEntry {
    /// Clause number as displayed ("3.2.1", "6.6bis"); `None` for an unnumbered definition.
    pub number: Option<String>,
    pub term: String,
    /// The English term given in parentheses by a Chinese, Russian or Arabic text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_en: Option<String>,
    pub abbreviation: Option<String>,
    /// The first of `references`.
    pub reference: Option<String>,
    /// Every bracketed reference of the entry, in order: `["[b-ITU-T J.112 Annex B]", "[b-ITU-T J.122]"]`.
    pub references: Vec<String>,
    pub definition: Option<String>,
    /// Without their `NOTE –` / `NOTE 1 –` marker.
    pub notes: Vec<String>,
    pub origin: Origin,
}

impl DocxEntry {
    /// The entry as the clause-3 text parser gives it (for alignment with [`clause3::to_records`]).
    pub fn to_clause3(&self) -> clause3::Entry {
        clause3::Entry {
            number: self.number.clone(),
            term: self.term.clone(),
            term_en: self.term_en.clone(),
            abbreviation: self.abbreviation.clone(),
            reference: self.reference.clone(),
            definition: self.definition.clone(),
            notes: self.notes.clone(),
            origin: self.origin,
        }
    }
}

/// One line of the abbreviations and acronyms list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abbreviation {
    /// As listed; in a Russian or Arabic list, the Latin one that all language versions share.
    pub abbreviation: String,
    /// In the language of the document.
    pub expansion: String,
    pub references: Vec<String>,
    /// The English expansion a translated list gives beside its own ("(business continuity plan)").
    #[serde(skip)]
    pub expansion_en: Option<String>,
    /// The document's own abbreviation beside the Latin one (Russian "ПНД" for BCP).
    #[serde(skip)]
    pub local_abbreviation: Option<String>,
}

/// What one Word file yields: the per-file object of `--dry-run --json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extracted {
    pub file: String,
    pub rec: Option<RecId>,
    /// "2017-04".
    pub edition: Option<String>,
    pub title: Option<String>,
    pub lang: Lang,
    pub sg: Option<StudyGroupCode>,
    /// "3", "6"; `None` when the document has no definitions clause.
    pub definitions_clause: Option<String>,
    pub entries: Vec<DocxEntry>,
    pub abbreviations: Vec<Abbreviation>,
    pub warnings: Vec<String>,
    /// Clause number of the abbreviations list ("4"), the clause of concepts made from it.
    #[serde(skip)]
    pub abbreviations_clause: Option<String>,
}

/// Reads a Word file with the default [`Limits`]; `file` is its name (for ITU's naming
/// pattern and the report).
pub fn read<R: Read + Seek>(r: R, file: &str) -> Result<Extracted, DocxError> {
    read_within(r, file, Limits::default())
}

/// Reads a Word file from disk.
pub fn read_path(path: &Path) -> Result<Extracted, DocxError> {
    let f = std::fs::File::open(path)?;
    read(std::io::BufReader::new(f), &path.display().to_string())
}

/// Most headers and footers read for metadata (a file may have one per section).
const MAX_MARGIN_PARTS: usize = 64;

/// [`read`] with explicit limits.
pub fn read_within<R: Read + Seek>(r: R, file: &str, limits: Limits) -> Result<Extracted, DocxError> {
    let mut pkg = package::Package::open(r, limits)?;
    match pkg.kind() {
        ZipKind::Word => {}
        ZipKind::Workbook => {
            return Err(DocxError::NotWord(
                "the zip holds an Excel workbook (xl/workbook.xml), not word/document.xml".into(),
            ))
        }
        _ => return Err(DocxError::NotWord("the zip holds no word/document.xml".into())),
    }
    let part_limit = limits.max_part;
    let (styles, body) = body_paragraphs(&mut pkg)?;
    let mut margins = Vec::new();
    let margin_parts: Vec<String> = pkg
        .names()
        .into_iter()
        .filter(|n| {
            let base = n.strip_prefix("word/").unwrap_or("");
            (base.starts_with("header") || base.starts_with("footer")) && base.ends_with(".xml") && !base.contains('/')
        })
        .take(MAX_MARGIN_PARTS)
        .collect();
    for name in &margin_parts {
        let mut no_numbering = styles::Numbering::default();
        if let Some(ps) =
            pkg.with_part(name, part_limit, |r| document::read_paragraphs(r, name, &styles, &mut no_numbering))?
        {
            margins.extend(ps);
        }
    }
    let core = pkg
        .with_part("docProps/core.xml", part_limit, |r| meta::read_core(r, "docProps/core.xml"))?
        .unwrap_or_default();
    Ok(extract(file, &body, &margins, &core))
}

/// The visible text of a Word file's body: its paragraphs (table cells included, the table
/// of contents left out) a blank line apart, so that a paragraph of the document is a
/// paragraph of the text. Annotating an uploaded file works on this text, and its offsets
/// refer to it.
pub fn body_text<R: Read + Seek>(r: R, limits: Limits) -> Result<String, DocxError> {
    let mut pkg = package::Package::open(r, limits)?;
    if pkg.kind() != ZipKind::Word {
        return Err(DocxError::NotWord("the zip holds no word/document.xml".into()));
    }
    let (_, body) = body_paragraphs(&mut pkg)?;
    let paragraphs: Vec<&str> =
        body.iter().filter(|p| !p.is_toc()).map(|p| p.text.trim()).filter(|t| !t.is_empty()).collect();
    Ok(paragraphs.join("\n\n"))
}

/// The styles and the body's paragraphs (numbered as Word shows them) of a Word package.
fn body_paragraphs<R: Read + Seek>(
    pkg: &mut package::Package<R>,
) -> Result<(styles::Styles, Vec<document::Para>), DocxError> {
    let limits = pkg.limits;
    let styles = pkg
        .with_part("word/styles.xml", limits.max_part, |r| styles::Styles::read(r, "word/styles.xml"))?
        .unwrap_or_default();
    let mut numbering = pkg
        .with_part("word/numbering.xml", limits.max_part, |r| styles::Numbering::read(r, "word/numbering.xml"))?
        .unwrap_or_default();
    let body = pkg
        .with_part("word/document.xml", limits.max_document, |r| {
            document::read_paragraphs(r, "word/document.xml", &styles, &mut numbering)
        })?
        .unwrap_or_default();
    Ok((styles, body))
}

/// The language of the document: its script and words, else its file name.
fn detect_lang(body: &[document::Para], file_lang: Option<Lang>, warnings: &mut Vec<String>) -> Lang {
    const SAMPLE: usize = 200_000;
    let mut sample = String::new();
    for p in body.iter().filter(|p| p.cell.is_none()) {
        if sample.len() > SAMPLE {
            break;
        }
        sample.push_str(&p.text);
        sample.push('\n');
    }
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 200 {
        return file_lang.unwrap_or_else(|| clause3::detect_lang(&sample));
    }
    let detected = clause3::detect_lang(&sample);
    if let Some(l) = file_lang.filter(|l| *l != detected) {
        warnings.push(format!(
            "the file name says language '{}' but the text reads as '{}'; '{}' is used",
            l.code(),
            detected.code(),
            detected.code()
        ));
    }
    detected
}

fn extract(file: &str, body: &[document::Para], margins: &[document::Para], core: &meta::Core) -> Extracted {
    let mut warnings = Vec::new();
    let m = meta::extract(file, body, margins, core);
    let lang = detect_lang(body, m.file_lang, &mut warnings);
    let heads = outline::headings(body);
    let defs = definitions::extract(body, &heads, lang, &mut warnings);
    let abbrs = abbreviations::extract(body, &heads, lang);
    if m.rec.is_none() {
        warnings.push("no Recommendation number found in the document, its properties or its file name".into());
    }
    Extracted {
        file: file.rsplit(['/', '\\']).next().unwrap_or(file).to_string(),
        rec: m.rec,
        edition: m.edition,
        title: m.title,
        lang,
        sg: m.sg,
        definitions_clause: defs.clause,
        entries: defs.entries,
        abbreviations: abbrs.list,
        warnings,
        abbreviations_clause: abbrs.clause,
    }
}
