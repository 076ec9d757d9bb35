//! CSV, the format translators actually use: one row per concept, columns per
//! language. The column layout (and the row ⇄ record mapping) lives here and is
//! shared with XLSX, so a sheet saved from Excel in either format reads the same.
//!
//! # Columns
//!
//! `id, status, study_groups, rec, clause, origin, reference, subject_field`
//! ([`COLUMNS`]), then for each language, in the order asked for (all six in
//! [`Lang::ALL`] order by default), `<field>_<lang>` for each of [`LANG_FIELDS`]:
//!
//! | column            | holds                                                        |
//! |-------------------|--------------------------------------------------------------|
//! | `term_xx`         | preferred term (several, if any, separated by ` \| `)         |
//! | `synonyms_xx`     | admitted terms, ` \| `-separated                              |
//! | `deprecated_xx`   | deprecated terms, ` \| `-separated                            |
//! | `abbreviation_xx` | abbreviations, ` \| `-separated                               |
//! | `definition_xx`   | the definition                                               |
//! | `notes_xx`        | notes, separated by a blank line (a note may span lines)     |
//! | `status_xx`       | section status: `draft`, `submitted`, `adopted`, `returned`  |
//!
//! Term lists are split on `|` and on line breaks (Alt+Enter in Excel), so
//! translators may use either. Notes are paragraphs: a note may contain single
//! line breaks, and a blank line starts the next note (a blank line *inside* a
//! note is written as a single line break). `study_groups` is `;`-separated.
//!
//! # Reading
//!
//! The header row is required; names are case-insensitive, in any order, and a
//! subset is fine as long as one `term_xx` column is present. `xx` is one of
//! the six codes (regional tags such as `zh-Hans` or `fr_CH` are accepted);
//! any other language tag (`term_de`, `definition_pt-BR`) is read as text in a
//! language outside the six, which the importer keeps or skips as asked. An
//! unknown column is an error rather than silently dropped text (a typo such as
//! `defintion_fr` would otherwise lose a whole language).
//!
//! The reader streams; it strips a UTF-8 byte-order mark, accepts CRLF or LF,
//! quoted cells spanning lines (line breaks in cells become `\n`), and `,`, `;`
//! or tab as the delimiter (guessed from the header: Excel in French, Russian or
//! Spanish locales saves with `;`). Problems are reported as `row N`, counting
//! the header as row 1 like a spreadsheet does: invalid UTF-8 (a file saved as
//! "CSV" rather than "CSV UTF-8"), a row with more or fewer cells than the
//! header, an unknown status or study group. The importer stops at the first
//! one and writes nothing.
//!
//! A language's section is *replaced* by what the row gives for it: a content
//! column missing from the file counts as empty, and a missing `status_xx`
//! means the importer's default. To change one field, export, edit, re-import.
//!
//! # Writing
//!
//! [`write_csv`] starts with a UTF-8 byte-order mark: without it Excel opens a
//! CSV in the machine's legacy code page and Arabic and Chinese turn into
//! mojibake. Cells starting with `=`, `+`, `-`, `@` are prefixed with `'` so a
//! spreadsheet never runs them as formulas (CSV injection); the reader removes
//! that prefix again. Rows end with CRLF (RFC 4180). Languages outside the six
//! are not written (JSON Lines carries everything).

use std::collections::{BTreeMap, VecDeque};
use std::io::{BufRead, BufReader, Cursor, Read, Write};
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::Result;
use crate::interchange::import::{ImportProblem, ImportRecord, ImportSection, Provided};
use crate::model::{
    Concept, ConceptStatus, Lang, OriginKind, SectionContent, SectionStatus, StudyGroupCode, Term, TermKind,
};

/// The concept-level columns, first in every file written.
pub const COLUMNS: [&str; 8] =
    ["id", "status", "study_groups", "rec", "clause", "origin", "reference", "subject_field"];

/// The per-language fields; the column name is `<field>_<lang code>`.
pub const LANG_FIELDS: [&str; 7] = ["term", "synonyms", "deprecated", "abbreviation", "definition", "notes", "status"];

/// Separator written between terms of one cell.
pub const TERM_SEPARATOR: &str = " | ";
/// Separator written between notes of one cell: a blank line.
pub const NOTE_SEPARATOR: &str = "\n\n";
/// Separator written between study groups.
pub const SG_SEPARATOR: &str = "; ";

const BOM: &str = "\u{feff}";

/// The header of a file with `langs` (every language when empty).
pub fn header(langs: &[Lang]) -> Vec<String> {
    let mut out: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    for lang in langs_or_all(langs) {
        out.extend(LANG_FIELDS.iter().map(|f| format!("{f}_{}", lang.code())));
    }
    out
}

/// The languages to write: as given (without repeats), or all six.
pub(crate) fn langs_or_all(langs: &[Lang]) -> Vec<Lang> {
    if langs.is_empty() {
        return Lang::ALL.to_vec();
    }
    let mut out = Vec::with_capacity(langs.len());
    for l in langs {
        if !out.contains(l) {
            out.push(*l);
        }
    }
    out
}

/// One concept as the cells of a row under [`header`]`(langs)`. Cells are raw
/// text: the CSV writer adds its formula guard, XLSX needs none.
pub fn concept_row(c: &Concept, langs: &[Lang]) -> Vec<String> {
    let mut row = vec![
        c.id.to_string(),
        c.status.as_str().to_string(),
        c.study_groups.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(SG_SEPARATOR),
        c.source.rec.as_ref().map(|r| r.as_str().to_string()).unwrap_or_default(),
        c.source.clause.clone().unwrap_or_default(),
        c.origin.kind.as_str().to_string(),
        c.origin.reference.clone().unwrap_or_default(),
        c.subject_field.clone().unwrap_or_default(),
    ];
    for lang in langs_or_all(langs) {
        let Some(s) = c.languages.get(&lang) else {
            row.extend(std::iter::repeat_n(String::new(), LANG_FIELDS.len()));
            continue;
        };
        let terms = |kind: TermKind| {
            s.content
                .terms
                .iter()
                .filter(|t| t.status == kind)
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(TERM_SEPARATOR)
        };
        let abbreviations = s
            .content
            .abbreviations
            .iter()
            .map(String::as_str)
            .chain(s.content.terms.iter().filter(|t| t.status == TermKind::Abbreviation).map(|t| t.text.as_str()))
            .collect::<Vec<_>>()
            .join(TERM_SEPARATOR);
        let notes: Vec<String> = s.content.notes.iter().map(|n| collapse_blank_lines(n)).collect();
        row.extend([
            terms(TermKind::Preferred),
            terms(TermKind::Admitted),
            terms(TermKind::Deprecated),
            abbreviations,
            s.content.definition.clone().unwrap_or_default(),
            notes.join(NOTE_SEPARATOR),
            s.status.as_str().to_string(),
        ]);
    }
    row
}

/// A blank line separates notes, so one inside a note becomes a single line break.
fn collapse_blank_lines(note: &str) -> String {
    let mut out = String::with_capacity(note.len());
    for line in note.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Writes `concepts` as CSV (UTF-8 with a byte-order mark, see the module
/// docs) with the columns of `langs` (all six when empty); returns the number
/// of concepts written. Streams: one row in memory at a time.
pub fn write_csv<W: Write>(w: W, concepts: impl Iterator<Item = Result<Concept>>, langs: &[Lang]) -> Result<u64> {
    let langs = langs_or_all(langs);
    let mut w = w;
    w.write_all(BOM.as_bytes())?;
    let mut out = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(w);
    out.write_record(header(&langs)).map_err(std::io::Error::from)?;
    let mut n = 0;
    for concept in concepts {
        let row = concept_row(&concept?, &langs);
        out.write_record(row.iter().map(|cell| guard_formula(cell).into_owned())).map_err(std::io::Error::from)?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// A cell a spreadsheet would take for a formula gets a leading `'`.
fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

// ---------------------------------------------------------------- reading

/// What one column of a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Id,
    Status,
    StudyGroups,
    Rec,
    Clause,
    Origin,
    Reference,
    SubjectField,
    Lang(Lang, LangField),
    /// A language outside the six, by its tag as written.
    Other(String, LangField),
    /// A column with an empty header cell: must stay empty.
    Unnamed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LangField {
    Term,
    Synonyms,
    Deprecated,
    Abbreviation,
    Definition,
    Notes,
    Status,
}

impl LangField {
    fn parse(s: &str) -> Option<LangField> {
        Some(match s {
            "term" => LangField::Term,
            "synonyms" | "synonym" => LangField::Synonyms,
            "deprecated" => LangField::Deprecated,
            "abbreviation" | "abbreviations" => LangField::Abbreviation,
            "definition" => LangField::Definition,
            "notes" | "note" => LangField::Notes,
            "status" => LangField::Status,
            _ => return None,
        })
    }
}

/// The columns of a file, parsed from its header row; turns each later row
/// into an import record. Shared by the CSV and XLSX readers.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: Vec<Column>,
    names: Vec<String>,
}

fn problem(row: u64, message: impl Into<String>) -> ImportProblem {
    ImportProblem { place: format!("row {row}"), message: message.into() }
}

/// A plausible language tag: `de`, `pt-BR`, `sr_Latn`.
fn is_lang_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Layout {
    /// Parses the header row (`row` is its number, for messages).
    pub fn from_header<S: AsRef<str>>(row: u64, cells: &[S]) -> Result<Layout, ImportProblem> {
        let mut columns = Vec::with_capacity(cells.len());
        let mut names = Vec::with_capacity(cells.len());
        let mut unknown = Vec::new();
        for cell in cells {
            let name = cell.as_ref().trim_start_matches('\u{feff}').trim().to_string();
            let lower = name.to_lowercase();
            let column = match lower.as_str() {
                "" => Column::Unnamed,
                "id" => Column::Id,
                "status" => Column::Status,
                "study_groups" | "study_group" | "sg" => Column::StudyGroups,
                "rec" | "recommendation" => Column::Rec,
                "clause" => Column::Clause,
                "origin" => Column::Origin,
                "reference" => Column::Reference,
                "subject_field" => Column::SubjectField,
                _ => {
                    let parsed = lower.split_once('_').and_then(|(f, _)| {
                        let field = LangField::parse(f)?;
                        // The tag as written (case kept) for languages outside the six.
                        let tag = name.get(f.len() + 1..)?.trim();
                        match tag.parse::<Lang>() {
                            Ok(lang) if is_lang_tag(tag) => Some(Column::Lang(lang, field)),
                            Err(_) if is_lang_tag(tag) && field != LangField::Status => {
                                Some(Column::Other(tag.to_string(), field))
                            }
                            _ => None,
                        }
                    });
                    match parsed {
                        Some(f) => f,
                        None => {
                            unknown.push(name.clone());
                            Column::Unnamed
                        }
                    }
                }
            };
            if column != Column::Unnamed && columns.contains(&column) {
                return Err(problem(row, format!("column '{name}' appears twice")));
            }
            columns.push(column);
            names.push(name);
        }
        if !unknown.is_empty() {
            return Err(problem(
                row,
                format!(
                    "unknown column{} {}: expected {}, and per language {} with a language code (e.g. term_fr); \
                     rename or remove {}",
                    if unknown.len() > 1 { "s" } else { "" },
                    unknown.iter().map(|u| format!("'{u}'")).collect::<Vec<_>>().join(", "),
                    COLUMNS.join(", "),
                    LANG_FIELDS.map(|f| format!("{f}_xx")).join(", "),
                    if unknown.len() > 1 { "them" } else { "it" },
                ),
            ));
        }
        let has_term =
            columns.iter().any(|f| matches!(f, Column::Lang(_, LangField::Term) | Column::Other(_, LangField::Term)));
        if !has_term {
            return Err(problem(row, "the header row needs at least one term column (term_en, term_fr, …)"));
        }
        Ok(Layout { columns, names })
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// The header names as written.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The record a data row describes; `None` for a row with every cell empty.
    pub fn record<S: AsRef<str>>(&self, row: u64, cells: &[S]) -> Result<Option<ImportRecord>, ImportProblem> {
        if cells.iter().all(|c| c.as_ref().trim().is_empty()) {
            return Ok(None);
        }
        let mut r = ImportRecord { place: format!("row {row}"), ..Default::default() };
        let mut six: BTreeMap<Lang, Parts> = BTreeMap::new();
        let mut other: BTreeMap<String, Parts> = BTreeMap::new();
        for (i, (column, cell)) in self.columns.iter().zip(cells).enumerate() {
            let text = clean(cell.as_ref());
            if text.is_empty() {
                continue;
            }
            let name = self.names.get(i).map(String::as_str).unwrap_or("");
            let bad = |e: String| problem(row, format!("column {name}: {e}"));
            match column {
                Column::Unnamed => {
                    return Err(problem(row, format!("column {} holds a value but has no header", i + 1)));
                }
                Column::Id => r.external_id = Some(text),
                Column::Status => r.fields.status = Some(text.parse::<ConceptStatus>().map_err(bad)?),
                Column::StudyGroups => {
                    for sg in text.split([';', ',', '|', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
                        let sg: StudyGroupCode = sg.parse().map_err(|e: crate::model::ParseIdError| bad(e.0))?;
                        if !r.fields.study_groups.contains(&sg) {
                            r.fields.study_groups.push(sg);
                        }
                    }
                }
                Column::Rec => r.fields.rec = Some(text.parse().map_err(|e: crate::model::ParseIdError| bad(e.0))?),
                Column::Clause => r.fields.clause = Some(text),
                Column::Origin => r.fields.origin = Some(text.parse::<OriginKind>().map_err(bad)?),
                Column::Reference => r.fields.origin_ref = Some(text),
                Column::SubjectField => r.fields.subject_field = Some(text),
                Column::Lang(lang, f) => six.entry(*lang).or_default().set(*f, text).map_err(bad)?,
                Column::Other(tag, f) => other.entry(tag.clone()).or_default().set(*f, text).map_err(bad)?,
            }
        }
        for (lang, parts) in six {
            let status = parts.status;
            let content = parts.content();
            if !content.is_empty() {
                let has = |fields: &[LangField]| {
                    self.columns.iter().any(|c| matches!(c, Column::Lang(l, f) if *l == lang && fields.contains(f)))
                };
                let provided = Provided {
                    terms: has(&[LangField::Term, LangField::Synonyms, LangField::Deprecated]),
                    abbreviations: has(&[LangField::Abbreviation]),
                    definition: has(&[LangField::Definition]),
                    notes: has(&[LangField::Notes]),
                };
                r.sections.push(ImportSection { lang, content, status, provided });
            }
        }
        r.other_langs = other.into_iter().map(|(tag, p)| (tag, p.content())).filter(|(_, c)| !c.is_empty()).collect();
        Ok(Some(r))
    }
}

/// The cells of one language in a row.
#[derive(Default)]
struct Parts {
    preferred: Vec<String>,
    admitted: Vec<String>,
    deprecated: Vec<String>,
    abbreviations: Vec<String>,
    definition: Option<String>,
    notes: Vec<String>,
    status: Option<SectionStatus>,
}

impl Parts {
    fn set(&mut self, f: LangField, text: String) -> std::result::Result<(), String> {
        match f {
            LangField::Term => self.preferred = split_terms(&text),
            LangField::Synonyms => self.admitted = split_terms(&text),
            LangField::Deprecated => self.deprecated = split_terms(&text),
            LangField::Abbreviation => self.abbreviations = split_terms(&text),
            LangField::Definition => self.definition = Some(text),
            LangField::Notes => self.notes = split_notes(&text),
            LangField::Status => {
                let s: SectionStatus = text.parse()?;
                if s == SectionStatus::Absent {
                    return Err("'absent' is not a status a file can give; leave the language's cells empty".into());
                }
                self.status = Some(s);
            }
        }
        Ok(())
    }

    /// Preferred terms first, then admitted, then deprecated: the stored order.
    fn content(self) -> SectionContent {
        let term = |status: TermKind| move |text: String| Term { text, status };
        SectionContent {
            terms: self
                .preferred
                .into_iter()
                .map(term(TermKind::Preferred))
                .chain(self.admitted.into_iter().map(term(TermKind::Admitted)))
                .chain(self.deprecated.into_iter().map(term(TermKind::Deprecated)))
                .collect(),
            abbreviations: self.abbreviations,
            definition: self.definition,
            notes: self.notes,
        }
    }
}

/// Line breaks as `\n`, the CSV formula guard removed, surrounding space trimmed.
fn clean(cell: &str) -> String {
    let cell = cell.trim();
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    };
    cell.replace("\r\n", "\n").replace('\r', "\n").trim().to_string()
}

fn split_terms(cell: &str) -> Vec<String> {
    cell.split(['|', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Notes are paragraphs separated by blank lines.
fn split_notes(cell: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in cell.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                notes.push(current.join("\n").trim().to_string());
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        notes.push(current.join("\n").trim().to_string());
    }
    notes
}

/// Reads CSV rows as import records, streaming (see the module docs for the
/// layout and what is accepted). The first problem ends the iteration.
pub fn read_csv<R: Read>(r: R) -> impl Iterator<Item = Result<ImportRecord, ImportProblem>> {
    CsvRecords { state: State::Start(r), lines: Arc::default(), inner_newlines: 0 }
}

type Input<R> = CountingReader<std::io::Chain<Cursor<Vec<u8>>, BufReader<R>>>;

struct CsvRecords<R: Read> {
    state: State<R>,
    /// Where the line breaks are, to number rows and lines as an editor and a spreadsheet do.
    lines: Arc<Mutex<LineBreaks>>,
    /// Line breaks inside the cells of the rows read so far: lines that are not rows.
    inner_newlines: u64,
}

enum State<R: Read> {
    Start(R),
    Rows { reader: Box<::csv::Reader<Input<R>>>, layout: Layout },
    Done,
}

/// The offsets of the line breaks read ahead of the CSV parser. The parser
/// skips blank lines and does not count lines inside quoted cells reliably,
/// so rows and lines are worked out from byte offsets instead.
#[derive(Default)]
struct LineBreaks {
    ahead: VecDeque<u64>,
    before: u64,
}

impl LineBreaks {
    /// Number of line breaks before byte `offset` (offsets asked for only grow).
    fn count_before(&mut self, offset: u64) -> u64 {
        while self.ahead.front().is_some_and(|&at| at < offset) {
            self.ahead.pop_front();
            self.before += 1;
        }
        self.before
    }
}

/// Passes bytes through, noting where each `\n` is.
struct CountingReader<R> {
    inner: R,
    offset: u64,
    lines: Arc<Mutex<LineBreaks>>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.lock().unwrap_or_else(PoisonError::into_inner);
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, &b)| b == b'\n') {
            lines.ahead.push_back(self.offset + i as u64);
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R: Read> Iterator for CsvRecords<R> {
    type Item = Result<ImportRecord, ImportProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(r) => match self.open(r) {
                    Ok(Some(state)) => self.state = state,
                    Ok(None) => return None,
                    Err(p) => return Some(Err(p)),
                },
                State::Rows { mut reader, layout } => match self.next_row(&mut reader, &layout) {
                    Ok(None) => return None,
                    Ok(Some(None)) => self.state = State::Rows { reader, layout },
                    Ok(Some(Some(record))) => {
                        self.state = State::Rows { reader, layout };
                        return Some(Ok(record));
                    }
                    Err(p) => return Some(Err(p)),
                },
            }
        }
    }
}

impl<R: Read> CsvRecords<R> {
    /// Sniffs the encoding and delimiter from the first line, then reads the header.
    fn open(&mut self, r: R) -> Result<Option<State<R>>, ImportProblem> {
        let mut input = BufReader::new(r);
        let mut start = Vec::new();
        // Up to the first line that is not blank.
        let first_line = loop {
            let from = start.len();
            let n =
                input.read_until(b'\n', &mut start).map_err(|e| problem(1, format!("cannot read the file: {e}")))?;
            if from == 0 && (start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF])) {
                return Err(problem(1, "the file is UTF-16; save it as \"CSV UTF-8\""));
            }
            if from == 0 && start.starts_with(BOM.as_bytes()) {
                start.drain(..BOM.len());
            }
            if n == 0 {
                return Err(problem(1, "the file is empty: expected a header row (id, term_en, …)"));
            }
            if !start[from..].iter().all(u8::is_ascii_whitespace) {
                break from;
            }
        };
        let header_line = &start[first_line..];
        let count = |b: u8| header_line.iter().filter(|&&c| c == b).count();
        let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|&b| (count(b), b == b',')).unwrap_or(b',');
        let input = CountingReader { inner: Cursor::new(start).chain(input), offset: 0, lines: self.lines.clone() };
        let mut reader =
            ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(input);
        let mut header = ::csv::ByteRecord::new();
        match reader.read_byte_record(&mut header) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => return Err(problem(1, format!("cannot read the header: {e}"))),
        }
        let (row, _) = self.place(&reader, &header);
        let cells = utf8_cells(row, &header, None)?;
        let layout = Layout::from_header(row, &cells)?;
        Ok(Some(State::Rows { reader: Box::new(reader), layout }))
    }

    /// The spreadsheet row of the record just read, and the line it starts on.
    fn place(&mut self, reader: &::csv::Reader<Input<R>>, record: &::csv::ByteRecord) -> (u64, u64) {
        let end = reader.position().byte();
        let breaks_before_end =
            self.lines.lock().unwrap_or_else(PoisonError::into_inner).count_before(end.saturating_sub(1));
        let inside = record.iter().map(|cell| cell.iter().filter(|&&b| b == b'\n').count() as u64).sum::<u64>();
        let line = (breaks_before_end + 1).saturating_sub(inside);
        let row = line.saturating_sub(self.inner_newlines);
        self.inner_newlines += inside;
        (row, line)
    }

    /// The next row: `None` at the end, `Some(None)` for a blank row.
    fn next_row(
        &mut self,
        reader: &mut ::csv::Reader<Input<R>>,
        layout: &Layout,
    ) -> Result<Option<Option<ImportRecord>>, ImportProblem> {
        let mut record = ::csv::ByteRecord::new();
        let more = reader.read_byte_record(&mut record).map_err(|e| {
            let row = e.position().map_or(0, |p| p.record() + 1);
            problem(row, format!("cannot read: {e}"))
        })?;
        if !more {
            return Ok(None);
        }
        let (row, line) = self.place(reader, &record);
        let at_line = if line != row { format!(" (line {line})") } else { String::new() };
        if record.len() != layout.width() {
            // A line of spaces is a blank row.
            if record.len() == 1 && record.get(0).is_some_and(|c| c.iter().all(u8::is_ascii_whitespace)) {
                return Ok(Some(None));
            }
            let n = record.len();
            let cells = if n == 1 { "cell" } else { "cells" };
            return Err(problem(
                row,
                format!("the row has {n} {cells}, but the header has {}{at_line}", layout.width()),
            ));
        }
        let cells = utf8_cells(row, &record, Some(layout))?;
        layout.record(row, &cells).map(Some)
    }
}

/// The cells of a row as text, or which one is not UTF-8.
fn utf8_cells(row: u64, record: &::csv::ByteRecord, layout: Option<&Layout>) -> Result<Vec<String>, ImportProblem> {
    record
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            std::str::from_utf8(cell).map(str::to_string).map_err(|_| {
                let column = layout.and_then(|l| l.names.get(i)).cloned().unwrap_or_else(|| format!("{}", i + 1));
                problem(row, format!("column {column}: not valid UTF-8 text; save the file as \"CSV UTF-8\""))
            })
        })
        .collect()
}
