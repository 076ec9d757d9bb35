//! Terminology in and out: clause 3 of a Recommendation, TBX, CSV, JSON Lines.
//! Every format produces [`import::ImportRecord`]s for the one import path.

pub mod clause3;
pub mod export;
pub mod import;

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::{Lang, RecId, StudyGroupCode};
use import::{ImportProblem, ImportRecord};

crate::string_enum! {
    /// File formats `hexaglot import` and `POST /api/v1/import` read.
    pub enum Format {
        /// Detected from the content.
        Auto = "auto",
        /// Plain text of clause 3 "Definitions".
        Clause3 = "clause3",
    }
}

/// One input: a file on disk or bytes received over HTTP.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Input {
    pub fn from_path(path: &PathBuf) -> Result<Input> {
        let bytes = std::fs::read(path).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
        Ok(Input { name: path.display().to_string(), bytes })
    }

    fn text(&self) -> Result<&str> {
        let text = std::str::from_utf8(&self.bytes).map_err(|e| {
            Error::Invalid(format!("{}: not UTF-8 text (invalid byte at offset {})", self.name, e.valid_up_to()))
        })?;
        Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
    }
}

/// What a format needs to know besides the file.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub rec: Option<RecId>,
    pub sg: Option<StudyGroupCode>,
    pub lang: Option<Lang>,
}

pub type Records = Box<dyn Iterator<Item = std::result::Result<ImportRecord, ImportProblem>> + Send>;

/// Guesses the format from the first bytes.
pub fn detect(input: &Input) -> Format {
    let _ = input;
    Format::Clause3
}

/// The records of `inputs` (several only for clause-3 language versions of one Recommendation).
pub fn records(format: Format, inputs: &[Input], ctx: &Context) -> Result<(Format, Records)> {
    let first = inputs.first().ok_or_else(|| Error::Invalid("no input".into()))?;
    let format = if format == Format::Auto { detect(first) } else { format };
    let records: Records = match format {
        Format::Clause3 | Format::Auto => Box::new(clause3_records(inputs, ctx)?.into_iter().map(Ok)),
    };
    Ok((format, records))
}

/// Parses each language version and aligns them by clause number.
pub fn clause3_entries(inputs: &[Input], ctx: &Context) -> Result<Vec<(Lang, Vec<clause3::Entry>)>> {
    let mut versions = Vec::new();
    for input in inputs {
        let text = input.text()?;
        let lang = if inputs.len() == 1 { ctx.lang } else { None }.unwrap_or_else(|| clause3::detect_lang(text));
        let entries = clause3::parse(text, &clause3::ParseOptions { lang: Some(lang) })
            .map_err(|e| Error::Invalid(format!("{}: {e}", input.name)))?;
        versions.push((lang, entries));
    }
    Ok(versions)
}

fn clause3_records(inputs: &[Input], ctx: &Context) -> Result<Vec<ImportRecord>> {
    Ok(clause3::to_records(&clause3_entries(inputs, ctx)?, ctx.rec.as_ref(), ctx.sg.as_ref()))
}
