//! Walks `word/document.xml` (and headers, footers) as Word holds it: paragraphs with
//! their style, automatic number, text and leading bold run; tables by row and cell.
//!
//! Text is what Word shows: runs (`w:t`), tabs, breaks, non-breaking hyphens (U+2011);
//! of a complex field (`w:fldChar`) only the result, never the instruction; hyperlinks,
//! simple fields, content controls and insertions (`w:ins`) by their text; deletions
//! (`w:del`, `w:moveFrom`), hidden text, drawings, text boxes and the `mc:Fallback`
//! copy of alternate content are left out.

use std::io::BufRead;

use super::styles::{Numbering, Styles};
use super::xml::{Ev, Xml};
use super::DocxError;

/// Where a paragraph sits in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    /// Tables numbered in document order (nested ones too).
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    /// Style id (`Heading1`) and its name (`heading 1`).
    pub style: Option<String>,
    pub style_name: Option<String>,
    /// Outline level from the paragraph or its style (0 = level-1 heading).
    pub outline: Option<u8>,
    /// The visible text, the automatic number (if any) first.
    pub text: String,
    /// Bytes of `text` taken by the automatic number and its suffix.
    pub number_len: usize,
    /// Byte ranges of `text` set in bold (runs joined across whitespace).
    pub bold: Vec<(usize, usize)>,
    pub cell: Option<Cell>,
    /// Raw `w:numPr` of the paragraph (numId, ilvl).
    num: Option<(String, Option<u8>)>,
}

impl Para {
    /// The bold text that starts at byte `at` of `text` (after whitespace), if any.
    pub fn bold_from(&self, at: usize) -> Option<&str> {
        let rest = self.text.get(at..)?;
        let pos = at + (rest.len() - rest.trim_start().len());
        let &(_, end) = self.bold.iter().find(|&&(s, e)| s <= pos && pos < e)?;
        self.text.get(pos..end).filter(|b| !b.trim().is_empty())
    }

    /// Heading level (1 = a clause such as "3 Definitions") from the style name or outline level.
    pub fn heading_level(&self) -> Option<u8> {
        let name = self.style_name.as_deref().unwrap_or("").to_ascii_lowercase();
        if let Some(n) = name.strip_prefix("heading ").and_then(|d| d.trim().parse::<u8>().ok()) {
            return Some(n);
        }
        self.outline.filter(|&o| o < 9).map(|o| o + 1)
    }

    /// Table-of-contents entries repeat the headings with page numbers.
    pub fn is_toc(&self) -> bool {
        let name = self.style_name.as_deref().unwrap_or("").to_ascii_lowercase();
        name.starts_with("toc ") || name == "toc heading" || name == "table of figures"
    }

    pub fn style_is(&self, prefix: &str) -> bool {
        let name = self.style_name.as_deref().or(self.style.as_deref()).unwrap_or("").to_ascii_lowercase();
        name.starts_with(prefix)
    }
}

/// Elements whose whole content is not part of the visible text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "delText"
            | "delInstrText"
            | "instrText"
            | "Fallback"
            | "drawing"
            | "pict"
            | "object"
            | "txbxContent"
            | "pPrChange"
            | "rPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "sectPrChange"
            | "numberingChange"
            | "footnoteReference"
            | "endnoteReference"
            | "commentReference"
    )
}

/// Most paragraphs kept from one part: a vocabulary of a few thousand definitions has tens
/// of thousands; a hostile part of millions of tiny paragraphs would otherwise take gigabytes.
pub(crate) const MAX_PARAGRAPHS: usize = 1_000_000;
/// Longest paragraph text kept; no real paragraph comes near (the rest is dropped).
const MAX_PARAGRAPH_BYTES: usize = 1 << 20;

struct Walker<'s> {
    styles: &'s Styles,
    out: Vec<Para>,
    paras: Vec<Para>,
    /// Open tables: (table index, row, column).
    tables: Vec<(usize, Option<usize>, Option<usize>)>,
    next_table: usize,
    skip: usize,
    in_ppr: usize,
    in_rpr: bool,
    in_t: bool,
    run_bold: bool,
    run_hidden: bool,
    /// Complex fields open: whether each is past its `separate` (showing its result).
    fields: Vec<bool>,
}

impl Walker<'_> {
    fn showing(&self) -> bool {
        self.skip == 0 && self.fields.iter().all(|&r| r) && !self.run_hidden && !self.paras.is_empty()
    }

    fn push_text(&mut self, s: &str) {
        if !self.showing() || s.is_empty() {
            return;
        }
        let bold = self.run_bold;
        let Some(p) = self.paras.last_mut() else { return };
        if p.text.len() + s.len() > MAX_PARAGRAPH_BYTES {
            return;
        }
        let start = p.text.len();
        p.text.push_str(s);
        if bold {
            let end = p.text.len();
            match p.bold.last_mut() {
                Some(last) if p.text[last.1..start].trim().is_empty() => last.1 = end,
                _ => p.bold.push((start, end)),
            }
        }
    }

    fn open(&mut self, t: super::xml::Tag) {
        if self.skip > 0 {
            if !t.empty {
                self.skip += 1;
            }
            return;
        }
        if skipped(&t.name) {
            if !t.empty {
                self.skip = 1;
            }
            return;
        }
        match t.name.as_str() {
            "p" => {
                let cell = self.tables.last().map(|&(table, row, col)| Cell {
                    table,
                    row: row.unwrap_or(0),
                    col: col.unwrap_or(0),
                });
                self.paras.push(Para { cell, ..Default::default() });
                if t.empty {
                    self.close_para();
                }
            }
            "pPr" if !t.empty => self.in_ppr += 1,
            "pStyle" if self.in_ppr > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = t.val().map(str::to_string);
                }
            }
            "numId" if self.in_ppr > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    let lvl = p.num.as_ref().and_then(|n| n.1);
                    p.num = Some((t.val().unwrap_or_default().to_string(), lvl));
                }
            }
            "ilvl" if self.in_ppr > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    let id = p.num.take().map(|n| n.0).unwrap_or_default();
                    p.num = Some((id, t.val().and_then(|v| v.parse().ok())));
                }
            }
            "outlineLvl" if self.in_ppr > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = t.val().and_then(|v| v.parse().ok());
                }
            }
            _ if self.in_ppr > 0 => {}
            "tbl" if !t.empty => {
                self.tables.push((self.next_table, None, None));
                self.next_table += 1;
            }
            "tr" if !t.empty => {
                if let Some(tb) = self.tables.last_mut() {
                    tb.1 = Some(tb.1.map_or(0, |r| r + 1));
                    tb.2 = None;
                }
            }
            "tc" if !t.empty => {
                if let Some(tb) = self.tables.last_mut() {
                    tb.2 = Some(tb.2.map_or(0, |c| c + 1));
                }
            }
            "r" => {
                self.run_bold = false;
                self.run_hidden = false;
            }
            "rPr" if !t.empty => self.in_rpr = true,
            "b" if self.in_rpr => self.run_bold = t.toggle(),
            "vanish" if self.in_rpr => self.run_hidden = t.toggle(),
            "rStyle" if self.in_rpr => {
                if let Some(id) = t.val() {
                    self.run_bold |= self.styles.bold(id);
                }
            }
            _ if self.in_rpr => {}
            "t" if !t.empty => self.in_t = true,
            "tab" | "ptab" => self.push_text("\t"),
            "br" | "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("\u{2011}"),
            "fldChar" => match t.attr("fldCharType") {
                Some("begin") => self.fields.push(false),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "p" => self.close_para(),
            "pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
            "rPr" => self.in_rpr = false,
            "t" => self.in_t = false,
            "r" => {
                self.run_bold = false;
                self.run_hidden = false;
            }
            "tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn close_para(&mut self) {
        let Some(mut p) = self.paras.pop() else { return };
        // An empty paragraph says nothing, unless it is numbered (it still counts).
        let numbered = p.num.is_some() || p.style.as_deref().is_some_and(|s| self.styles.num(s).is_some());
        if p.text.trim().is_empty() && !numbered {
            return;
        }
        if let Some(id) = &p.style {
            p.style_name = self.styles.name(id).map(str::to_string);
            if p.outline.is_none() {
                p.outline = self.styles.outline(id);
            }
        }
        self.out.push(p);
    }
}

/// The paragraphs of a document, header or footer part, in reading order, numbers
/// materialised with `numbering`.
pub(crate) fn read_paragraphs(
    input: &mut dyn BufRead,
    part: &str,
    styles: &Styles,
    numbering: &mut Numbering,
) -> Result<Vec<Para>, DocxError> {
    let mut xml = Xml::new(input, part);
    let mut w = Walker {
        styles,
        out: Vec::new(),
        paras: Vec::new(),
        tables: Vec::new(),
        next_table: 0,
        skip: 0,
        in_ppr: 0,
        in_rpr: false,
        in_t: false,
        run_bold: false,
        run_hidden: false,
        fields: Vec::new(),
    };
    loop {
        match xml.next()? {
            Ev::Eof => break,
            Ev::Open(t) => w.open(t),
            Ev::Close(name) => {
                w.close(&name);
                if w.out.len() > MAX_PARAGRAPHS {
                    return Err(DocxError::TooLarge {
                        what: format!("{part}: its paragraphs"),
                        limit: format!("{MAX_PARAGRAPHS} paragraphs"),
                    });
                }
            }
            Ev::Text(s) => {
                if w.in_t {
                    w.push_text(&s);
                }
            }
        }
    }
    for p in &mut w.out {
        materialise_number(p, styles, numbering);
    }
    // Numbered but empty: it counted, it says nothing.
    w.out.retain(|p| p.text.get(p.number_len..).is_some_and(|t| !t.trim().is_empty()));
    Ok(w.out)
}

/// Puts the number Word displays for an automatically numbered paragraph before its text.
fn materialise_number(p: &mut Para, styles: &Styles, numbering: &mut Numbering) {
    let style_num = p.style.as_deref().and_then(|s| styles.num(s));
    let (num_id, ilvl) = match (&p.num, style_num) {
        (Some((id, l)), style) if !id.is_empty() => (id.clone(), l.or_else(|| style.and_then(|s| s.1)).unwrap_or(0)),
        (Some((_, Some(l))), Some((id, _))) => (id, *l),
        (None, Some((id, l))) => {
            let lvl = l.or_else(|| p.style.as_deref().and_then(|s| numbering.level_for_style(&id, s))).unwrap_or(0);
            (id, lvl)
        }
        _ => return,
    };
    if num_id == "0" {
        return;
    }
    if let Some(prefix) = numbering.next(&num_id, ilvl) {
        let n = prefix.len();
        p.number_len = n;
        p.text.insert_str(0, &prefix);
        for r in &mut p.bold {
            *r = (r.0 + n, r.1 + n);
        }
    }
}
