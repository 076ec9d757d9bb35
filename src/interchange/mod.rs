//! Terminology in and out: clause 3 of a Recommendation, TBX, CSV, XLSX (the JSON
//! Lines dump of a whole database is the store's own: `store::dump`).
//! Every format produces [`import::ImportRecord`]s for the one import path.

pub mod clause3;
pub mod csv;
pub mod docx;
pub mod export;
pub mod glossary;
pub mod import;
pub mod tbx;
pub mod word;
pub mod xlsx;

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
        /// An ITU-T Recommendation as a Word file: its definitions and abbreviations.
        Docx = "docx",
        /// TBX v3 (ISO 30042:2019): TBX-Basic, TBX-Min, TBX-Core.
        Tbx = "tbx",
        /// TBX 2008 `martif` (TBX-Basic 2.x, TBX-Default); read by the same reader.
        Tbx2008 = "tbx2008",
        /// One row per concept, columns per language (`term_en`, `definition_fr`, …).
        Csv = "csv",
        /// The same columns in a spreadsheet.
        Xlsx = "xlsx",
        /// A JSON Lines dump: restored with `hexaglot restore`, not imported.
        Jsonl = "jsonl",
    }
}

/// One input: a file on disk (streamed) or bytes received over HTTP.
pub struct Input {
    pub name: String,
    data: InputData,
}

enum InputData {
    Bytes(Vec<u8>),
    File(PathBuf),
}

/// Largest text read whole (clause 3); TBX and CSV are streamed whatever their size.
const MAX_TEXT_BYTES: u64 = 32 << 20;
/// Largest workbook read (XLSX is unzipped in memory).
const MAX_XLSX_BYTES: u64 = 256 << 20;
/// Largest Word file read (its parts are inflated within the codec's limits).
const MAX_DOCX_BYTES: u64 = 256 << 20;

impl Input {
    pub fn from_path(path: &PathBuf) -> Result<Input> {
        let meta = std::fs::metadata(path).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
        if !meta.is_file() {
            return Err(Error::Invalid(format!("{}: not a file", path.display())));
        }
        Ok(Input { name: path.display().to_string(), data: InputData::File(path.clone()) })
    }

    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Input {
        Input { name: name.into(), data: InputData::Bytes(bytes) }
    }

    /// A buffered reader over the whole input.
    pub fn reader(&self) -> Result<Box<dyn std::io::BufRead + Send>> {
        Ok(match &self.data {
            InputData::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
            InputData::File(p) => Box::new(std::io::BufReader::with_capacity(
                1 << 16,
                std::fs::File::open(p).map_err(|e| Error::Invalid(format!("{}: {e}", self.name)))?,
            )),
        })
    }

    /// Size in bytes.
    pub fn len(&self) -> u64 {
        match &self.data {
            InputData::Bytes(b) => b.len() as u64,
            InputData::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first bytes, for format detection.
    fn head(&self) -> Vec<u8> {
        let mut buf = vec![0u8; 4096];
        let n = match &self.data {
            InputData::Bytes(b) => {
                let n = b.len().min(buf.len());
                buf[..n].copy_from_slice(&b[..n]);
                n
            }
            InputData::File(p) => {
                std::fs::File::open(p).and_then(|mut f| std::io::Read::read(&mut f, &mut buf)).unwrap_or(0)
            }
        };
        buf.truncate(n);
        buf
    }

    /// What a zip holds (a Word file, a workbook, something else), or that it is no zip.
    fn zip_kind(&self) -> docx::ZipKind {
        match &self.data {
            InputData::Bytes(b) => docx::sniff(std::io::Cursor::new(&b[..])),
            InputData::File(p) => match std::fs::File::open(p) {
                Ok(f) => docx::sniff(std::io::BufReader::new(f)),
                Err(_) => docx::ZipKind::NotZip,
            },
        }
    }

    /// Reads the input as a Word file.
    pub(crate) fn docx(&self) -> Result<docx::Extracted> {
        if self.len() > MAX_DOCX_BYTES {
            return Err(Error::TooLarge(format!("{}: a Word file is at most {MAX_DOCX_BYTES} bytes", self.name)));
        }
        let read = match &self.data {
            InputData::Bytes(b) => docx::read(std::io::Cursor::new(&b[..]), &self.name),
            InputData::File(p) => docx::read_path(p),
        };
        read.map_err(|e| match Error::from(e) {
            Error::Invalid(m) => Error::Invalid(format!("{}: {m}", self.name)),
            Error::TooLarge(m) => Error::TooLarge(format!("{}: {m}", self.name)),
            other => other,
        })
    }

    fn text(&self) -> Result<String> {
        let bytes = match &self.data {
            InputData::Bytes(b) => b.clone(),
            InputData::File(p) => {
                let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                if len > MAX_TEXT_BYTES {
                    return Err(Error::TooLarge(format!(
                        "{}: {len} bytes; a clause-3 text is at most {MAX_TEXT_BYTES}",
                        self.name
                    )));
                }
                std::fs::read(p).map_err(|e| Error::Invalid(format!("{}: {e}", self.name)))?
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::Invalid(format!(
                "{}: not UTF-8 text (invalid byte at offset {})",
                self.name,
                e.utf8_error().valid_up_to()
            ))
        })?;
        Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
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

/// Guesses the format from the first bytes; a zip by what it holds
/// (`word/document.xml`: Word, `xl/workbook.xml`: a workbook).
pub fn detect(input: &Input) -> Format {
    let head = input.head();
    let text = String::from_utf8_lossy(&head);
    if head.starts_with(b"PK\x03\x04") {
        match input.zip_kind() {
            docx::ZipKind::Workbook => Format::Xlsx,
            // Neither: the Word reader names what is missing.
            _ => Format::Docx,
        }
    } else if text.starts_with("{\"hexaglot_dump\"") {
        Format::Jsonl
    } else if text.contains("<martif") {
        Format::Tbx2008
    } else if text.contains("<tbx") || text.trim_start().starts_with("<?xml") {
        Format::Tbx
    } else if text.lines().next().is_some_and(|l| l.to_ascii_lowercase().contains("term_")) {
        Format::Csv
    } else {
        Format::Clause3
    }
}

/// The records of `inputs` (several only for clause-3 language versions of one Recommendation).
pub fn records(format: Format, inputs: &[Input], ctx: &Context) -> Result<(Format, Records)> {
    let first = inputs.first().ok_or_else(|| Error::Invalid("no input".into()))?;
    let format = if format == Format::Auto { detect(first) } else { format };
    let records: Records = match format {
        Format::Clause3 | Format::Auto => Box::new(clause3_records(inputs, ctx)?.into_iter().map(Ok)),
        Format::Docx => Box::new(word::records(&word::files(inputs, ctx)?, ctx)?.into_iter().map(Ok)),
        Format::Tbx | Format::Tbx2008 => {
            if inputs.len() > 1 {
                return Err(Error::Invalid("import one TBX file at a time".into()));
            }
            read_ahead(tbx::records(first.reader()?, ctx)?)?
        }
        Format::Csv => {
            Box::new(csv::read_csv(LineLimit { inner: first.reader()?, since_newline: 0, name: first.name.clone() }))
        }
        Format::Xlsx => {
            // A workbook is a zip read whole; refuse sizes no terminology spreadsheet has.
            if first.len() > MAX_XLSX_BYTES {
                return Err(Error::TooLarge(format!(
                    "{}: a spreadsheet is read whole; at most {MAX_XLSX_BYTES} bytes",
                    first.name
                )));
            }
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut first.reader()?, &mut bytes)?;
            Box::new(xlsx::read_xlsx(std::io::Cursor::new(bytes))?.into_iter())
        }
        Format::Jsonl => {
            return Err(Error::Invalid(
                "a JSON Lines dump replaces a whole database: use `hexaglot restore FILE` on a new data directory"
                    .into(),
            ))
        }
    };
    Ok((format, records))
}

/// Records parsed a few batches ahead on a thread of their own: parsing a large TBX file
/// takes about a third of the importing thread's time, which then only stores. The
/// thread stops when the records are dropped; a panic while parsing is raised again
/// here, as if it had happened on this thread.
pub fn read_ahead(records: Records) -> Result<Records> {
    const BATCH: usize = 64;
    const BATCHES: usize = 16;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<RecordItem>>(BATCHES);
    let spawned = std::thread::Builder::new().name("import-read".into()).spawn(move || {
        let mut records = records;
        loop {
            let batch: Vec<RecordItem> = records.by_ref().take(BATCH).collect();
            // An empty batch is the end; a failed send means the reader was dropped.
            if batch.is_empty() || tx.send(batch).is_err() {
                break;
            }
        }
    });
    let thread = spawned.map_err(|e| Error::Internal(format!("starting the reading thread: {e}")))?;
    Ok(Box::new(ReadAhead { rx, batch: Vec::new().into_iter(), thread: Some(thread) }))
}

type RecordItem = std::result::Result<ImportRecord, ImportProblem>;

struct ReadAhead {
    rx: std::sync::mpsc::Receiver<Vec<RecordItem>>,
    batch: std::vec::IntoIter<RecordItem>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Iterator for ReadAhead {
    type Item = RecordItem;

    fn next(&mut self) -> Option<RecordItem> {
        loop {
            if let Some(item) = self.batch.next() {
                return Some(item);
            }
            match self.rx.recv() {
                Ok(batch) => self.batch = batch.into_iter(),
                Err(_) => {
                    if let Some(Err(panic)) = self.thread.take().map(std::thread::JoinHandle::join) {
                        std::panic::resume_unwind(panic);
                    }
                    return None;
                }
            }
        }
    }
}

/// Parses each language version and aligns them by clause number.
pub fn clause3_entries(inputs: &[Input], ctx: &Context) -> Result<Vec<(Lang, Vec<clause3::Entry>)>> {
    let mut versions = Vec::new();
    for input in inputs {
        let text = input.text()?;
        let lang = if inputs.len() == 1 { ctx.lang } else { None }.unwrap_or_else(|| clause3::detect_lang(&text));
        let entries = clause3::parse(&text, &clause3::ParseOptions { lang: Some(lang) })
            .map_err(|e| Error::Invalid(format!("{}: {e}", input.name)))?;
        versions.push((lang, entries));
    }
    Ok(versions)
}

fn clause3_records(inputs: &[Input], ctx: &Context) -> Result<Vec<ImportRecord>> {
    Ok(clause3::to_records(&clause3_entries(inputs, ctx)?, ctx.rec.as_ref(), ctx.sg.as_ref()))
}

/// Longest line a CSV file may have: a spreadsheet row is never this long, and
/// without a bound one endless line would be read into memory whole.
const MAX_LINE_BYTES: usize = 16 << 20;

struct LineLimit<R> {
    inner: R,
    since_newline: usize,
    name: String,
}

impl<R: std::io::Read> std::io::Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if b == b'\n' {
                self.since_newline = 0;
            } else {
                self.since_newline += 1;
            }
        }
        if self.since_newline > MAX_LINE_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: a line longer than {MAX_LINE_BYTES} bytes; not a CSV file", self.name),
            ));
        }
        Ok(n)
    }
}
