//! XLSX: the same columns as CSV (see [`crate::interchange::csv`]), read with
//! calamine and written with rust_xlsxwriter. A workbook carries its encoding,
//! so Arabic and Chinese survive Excel without the CSV byte-order-mark dance.
//!
//! Reading takes the first worksheet; its first non-empty row is the header.
//! Numbers typed into cells are read as written (`17` for a study group).
//! Writing puts every value in a text cell (so a clause `3.10` never becomes
//! the number 3.1), with a bold, frozen, filterable header, column widths
//! that suit each field, wrapped definitions and notes, and Arabic cells set
//! right-to-left and right-aligned.

use std::collections::BTreeMap;
use std::io::{Read, Seek, Write};
use std::path::Path;

use calamine::{Data, DataRef, Reader, Xlsx};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use crate::error::{Error, Result};
use crate::interchange::csv::{concept_row, header, langs_or_all, Layout, COLUMNS, LANG_FIELDS};
use crate::interchange::import::{ImportProblem, ImportRecord};
use crate::model::{Concept, Lang};

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's rows per worksheet, less the header (and the last 0-based row index).
const MAX_ROWS: u32 = 1_048_575;
/// Excel's columns per worksheet (A to XFD).
const MAX_COLUMNS: u32 = 16_384;
/// Bytes a workbook may inflate to. A workbook is a zip file: without this,
/// a small file could expand to gigabytes in calamine's memory (a zip bomb).
pub const MAX_INFLATED_BYTES: u64 = 2 << 30;

/// Reads the first worksheet of an XLSX workbook. The outer error is for a
/// file that is not a readable workbook; problems with its content are items,
/// as with [`crate::interchange::csv::read_csv`], ending at the first one.
pub fn read_xlsx<R: Read + Seek>(r: R) -> Result<Vec<Result<ImportRecord, ImportProblem>>> {
    read_xlsx_within(r, MAX_INFLATED_BYTES)
}

/// [`read_xlsx`], refusing a workbook whose parts inflate to more than `max_inflated` bytes.
pub fn read_xlsx_within<R: Read + Seek>(
    mut r: R,
    max_inflated: u64,
) -> Result<Vec<Result<ImportRecord, ImportProblem>>> {
    check_inflated(&mut r, max_inflated)?;
    let mut book: Xlsx<R> = Xlsx::new(r).map_err(|e| Error::Invalid(format!("not a readable XLSX workbook: {e}")))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(Error::Invalid("the workbook has no worksheet".into()));
    };
    let rows =
        sheet_rows(&mut book, &name).map_err(|e| Error::Invalid(format!("cannot read the first worksheet: {e}")))?;
    let Some((&head_row, head)) = rows.iter().next() else {
        return Ok(vec![Err(ImportProblem {
            place: "row 1".into(),
            message: "the worksheet is empty: expected a header row".into(),
        })]);
    };
    // Columns from the leftmost one used, as a spreadsheet's used range; the
    // header is read that wide, data rows only as far as their last cell.
    let first_col = rows.values().flatten().map(|(c, _)| *c).min().unwrap_or(0);
    let last_col = rows.values().flatten().map(|(c, _)| *c).max().unwrap_or(0);
    // Row and column numbers as Excel shows them.
    let cells = match text_cells(u64::from(head_row) + 1, first_col, &dense(head, first_col, last_col)) {
        Ok(c) => c,
        Err(p) => return Ok(vec![Err(p)]),
    };
    let layout = match Layout::from_header(u64::from(head_row) + 1, &cells) {
        Ok(l) => l,
        Err(p) => return Ok(vec![Err(p)]),
    };
    let mut out = Vec::new();
    for (&row, cells) in rows.iter().skip(1) {
        let n = u64::from(row) + 1;
        let last = cells.iter().map(|(c, _)| *c).max().unwrap_or(first_col);
        match text_cells(n, first_col, &dense(cells, first_col, last)).and_then(|cells| layout.record(n, &cells)) {
            Ok(Some(record)) => out.push(Ok(record)),
            Ok(None) => {}
            Err(p) => {
                out.push(Err(p));
                break;
            }
        }
    }
    Ok(out)
}

/// Inflates every part of the zip once, counting and discarding (memory stays
/// flat), so that calamine only ever sees a workbook of bounded size. The
/// sizes the zip declares are not trusted: they can lie.
fn check_inflated<R: Read + Seek>(r: &mut R, max: u64) -> Result<()> {
    let unreadable = |e: &dyn std::fmt::Display| Error::Invalid(format!("not a readable XLSX workbook: {e}"));
    let mut zip = zip::ZipArchive::new(&mut *r).map_err(|e| unreadable(&e))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let n = std::io::copy(&mut part.take(max - total + 1), &mut std::io::sink()).map_err(|e| unreadable(&e))?;
        total += n;
        if total > max {
            return Err(Error::TooLarge(format!("the workbook inflates to more than {} MiB", max >> 20)));
        }
    }
    r.seek(std::io::SeekFrom::Start(0))?;
    Ok(())
}

/// The non-empty cells of a worksheet by row (0-based row → (column, value)),
/// read one by one. Not calamine's `Range`, which allocates every cell of the
/// bounding box: one cell at A1 and one at XFD1048576 would ask for 17 billion.
fn sheet_rows<R: Read + Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> std::result::Result<BTreeMap<u32, Vec<(u32, Data)>>, String> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet first: no cells, as calamine's own range reading has it.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(BTreeMap::new()),
        Err(e) => return Err(e.to_string()),
    };
    let mut rows: BTreeMap<u32, Vec<(u32, Data)>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        if row > MAX_ROWS || col >= MAX_COLUMNS {
            return Err(format!(
                "cell {}{} is beyond Excel's last column and row (XFD1048576)",
                column_letters(col as usize),
                u64::from(row) + 1
            ));
        }
        rows.entry(row).or_default().push((col, cell.get_value().clone().into()));
    }
    Ok(rows)
}

/// One row's cells from column `first` to `last`, empty where the sheet has none.
fn dense(cells: &[(u32, Data)], first: u32, last: u32) -> Vec<Data> {
    let mut out = vec![Data::Empty; (last - first) as usize + 1];
    for (col, value) in cells {
        out[(col - first) as usize] = value.clone();
    }
    out
}

/// Reads an XLSX file; see [`read_xlsx`].
pub fn read_xlsx_file(path: &Path) -> Result<Vec<Result<ImportRecord, ImportProblem>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    read_xlsx(std::io::BufReader::new(file))
}

fn text_cells(row: u64, first_col: u32, cells: &[Data]) -> Result<Vec<String>, ImportProblem> {
    cells
        .iter()
        .enumerate()
        .map(|(i, cell)| match cell {
            Data::Error(e) => Err(ImportProblem {
                place: format!("row {row}"),
                message: format!("column {}: the cell holds an error ({e})", column_letters(first_col as usize + i)),
            }),
            Data::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
            other => Ok(other.to_string()),
        })
        .collect()
}

/// `A`, `B`, …, `Z`, `AA`: how Excel names column `i` (from 0).
fn column_letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Internal(format!("xlsx: {e}"))
}

/// Writes `concepts` as an XLSX workbook to `w` with the columns of `langs`
/// (all six when empty); returns the number of concepts written. The workbook
/// is assembled in memory before it is written (the format is a zip archive).
pub fn write_xlsx<W: Write + Send>(
    w: W,
    concepts: impl Iterator<Item = Result<Concept>>,
    langs: &[Lang],
) -> Result<u64> {
    let langs = langs_or_all(langs);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("concepts").map_err(xlsx_err)?;

    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let plain = Format::new().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    // Reading order 2 is right-to-left: Arabic reads from its right edge, with punctuation where it belongs.
    let rtl = Format::new().set_reading_direction(2).set_align(FormatAlign::Right).set_align(FormatAlign::Top);
    let rtl_wrap = rtl.clone().set_text_wrap();

    let names = header(&langs);
    for (col, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, name, &bold).map_err(xlsx_err)?;
    }
    // Per column: its width and the format of its cells.
    let mut formats: Vec<&Format> = Vec::with_capacity(names.len());
    let mut widths: Vec<f64> = Vec::with_capacity(names.len());
    for c in COLUMNS {
        widths.push(match c {
            "id" | "clause" => 8.0,
            "status" | "origin" => 11.0,
            "study_groups" => 14.0,
            _ => 18.0,
        });
        formats.push(&plain);
    }
    for lang in &langs {
        for f in LANG_FIELDS {
            let long = matches!(f, "definition" | "notes");
            widths.push(match f {
                "term" => 30.0,
                "synonyms" | "deprecated" => 22.0,
                "abbreviation" | "status" => 12.0,
                "definition" => 60.0,
                _ => 45.0,
            });
            formats.push(match (lang.is_rtl() && f != "status", long) {
                (true, true) => &rtl_wrap,
                (true, false) => &rtl,
                (false, true) => &wrap,
                (false, false) => &plain,
            });
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width).map_err(xlsx_err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;

    let mut n: u32 = 0;
    for concept in concepts {
        let concept = concept?;
        if n >= MAX_ROWS {
            return Err(Error::Invalid(format!(
                "more than {MAX_ROWS} concepts do not fit in a worksheet; export as CSV"
            )));
        }
        let row = n + 1;
        for (col, cell) in concept_row(&concept, &langs).iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            if cell.chars().count() > MAX_CELL_CHARS {
                return Err(Error::Invalid(format!(
                    "{}: {} is longer than the {MAX_CELL_CHARS} characters an Excel cell holds; export it as CSV",
                    concept.id, names[col]
                )));
            }
            sheet.write_string_with_format(row, col as u16, cell, formats[col]).map_err(xlsx_err)?;
        }
        n += 1;
    }
    let last_col = names.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, n, last_col).map_err(xlsx_err)?;
    book.save_to_writer(w).map_err(|e| match e {
        XlsxError::IoError(io) => Error::Io(io),
        other => xlsx_err(other),
    })?;
    Ok(u64::from(n))
}

/// Writes an XLSX file; see [`write_xlsx`].
pub fn write_xlsx_file(path: &Path, concepts: impl Iterator<Item = Result<Concept>>, langs: &[Lang]) -> Result<u64> {
    let file = std::fs::File::create(path).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    let mut out = std::io::BufWriter::new(file);
    let n = write_xlsx(&mut out, concepts, langs)?;
    out.flush()?;
    Ok(n)
}
