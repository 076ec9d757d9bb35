//! Streaming TBX v3 export, dialect TBX-Basic, style DCA (validates against the TBX core RNG and
//! `TBX-Basic_DCA.sch`). One concept is formatted into a buffer and written at once; nothing
//! else is kept, so any number of concepts streams in constant memory.

use std::fmt::Write as _;
use std::io::Write;

use super::{normalize_date, source_to_string, TbxError};
use crate::model::{Concept, LangSection, OriginKind, SectionContent, TermKind};

/// File header.
#[derive(Debug, Clone)]
pub struct Header {
    pub title: Option<String>,
    /// Written as one `<p>` per line; a default is written when `None` (the schema requires one).
    pub source_desc: Option<String>,
    /// `xml:lang` of the file (BCP 47), e.g. `en`.
    pub lang: String,
}

impl Default for Header {
    fn default() -> Self {
        Header { title: None, source_desc: None, lang: "en".into() }
    }
}

/// What the writer did so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub concepts: u64,
    /// Concepts not written because no language had a term (TBX requires at least one
    /// `langSec`, and a `langSec` at least one `termSec`).
    pub concepts_skipped: u64,
    pub sections: u64,
    /// Language sections with a definition or notes but no term, not written for the same reason,
    /// and sections of `other_languages` whose key is not a BCP 47 tag.
    pub sections_skipped: u64,
    pub terms: u64,
}

/// Streams concepts as a TBX-Basic (DCA) file. Call [`TbxWriter::finish`] to close the document;
/// a writer dropped without it leaves a truncated file.
pub struct TbxWriter<W: Write> {
    w: W,
    buf: String,
    stats: WriteStats,
}

const ADMN_PREFERRED: &str = "preferredTerm-admn-sts";
const ADMN_ADMITTED: &str = "admittedTerm-admn-sts";
const ADMN_DEPRECATED: &str = "deprecatedTerm-admn-sts";

impl<W: Write> TbxWriter<W> {
    pub fn new(mut w: W, header: &Header) -> Result<Self, TbxError> {
        if !is_language_tag(&header.lang) {
            return Err(TbxError::Export(format!("'{}' is not a BCP 47 language tag", header.lang)));
        }
        let mut s = String::with_capacity(1024);
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.push_str("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"");
        esc(&mut s, &header.lang, true);
        s.push_str("\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n  <tbxHeader>\n    <fileDesc>\n");
        if let Some(t) = header.title.as_deref().filter(|t| !t.trim().is_empty()) {
            s.push_str("      <titleStmt>\n        <title>");
            esc(&mut s, t, false);
            s.push_str("</title>\n      </titleStmt>\n");
        }
        s.push_str("      <sourceDesc>\n");
        let desc = header.source_desc.as_deref().unwrap_or("Exported from Hexaglot, the ITU-T terminology database");
        let mut any = false;
        for line in desc.lines().map(str::trim).filter(|l| !l.is_empty()) {
            s.push_str("        <p>");
            esc(&mut s, line, false);
            s.push_str("</p>\n");
            any = true;
        }
        if !any {
            s.push_str("        <p>Hexaglot</p>\n");
        }
        s.push_str("      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n");
        w.write_all(s.as_bytes())?;
        s.clear();
        Ok(TbxWriter { w, buf: s, stats: WriteStats::default() })
    }

    pub fn stats(&self) -> WriteStats {
        self.stats
    }

    /// Writes one concept as a `conceptEntry`. Returns `false` (and writes nothing) when no
    /// language section has a term.
    pub fn write_concept(&mut self, c: &Concept) -> Result<bool, TbxError> {
        let writable: Vec<_> = c.languages.iter().filter(|(_, s)| has_terms(&s.content)).collect();
        let has_text = |c: &SectionContent| {
            c.definition.as_deref().is_some_and(|d| !d.trim().is_empty())
                || c.notes.iter().any(|n| !n.trim().is_empty())
        };
        for (_, s) in c.languages.iter().filter(|(_, s)| !has_terms(&s.content)) {
            if has_text(&s.content) {
                self.stats.sections_skipped += 1;
            }
        }
        // Languages outside the six: tag as stored (`_` written as `-`); a tag that is not a
        // language tag, or a section without terms, cannot be written.
        let mut others = Vec::new();
        for (tag, content) in &c.other_languages {
            let tag = tag.trim().replace('_', "-");
            if has_terms(content) && is_language_tag(&tag) {
                others.push((tag, content));
            } else if has_terms(content) || has_text(content) {
                self.stats.sections_skipped += 1;
            }
        }
        if writable.is_empty() && others.is_empty() {
            self.stats.concepts_skipped += 1;
            return Ok(false);
        }
        let mut s = std::mem::take(&mut self.buf);
        s.clear();
        let _ = writeln!(s, "      <conceptEntry id=\"{}\">", c.id);
        let i = "        ";
        transac(&mut s, i, "origination", Some(&c.created_at), None, &[]);
        transac(&mut s, i, "modification", Some(&c.updated_at), None, &[format!("status: {}", c.status)]);
        if let Some(d) = &c.proposed_at {
            transac(&mut s, i, "modification", Some(d), None, &["event: proposed".into()]);
        }
        if let Some(d) = &c.accepted_at {
            transac(&mut s, i, "modification", Some(d), None, &["event: accepted".into()]);
        }
        if let Some(sf) = c.subject_field.as_deref().filter(|t| !t.trim().is_empty()) {
            elem(&mut s, i, "descrip", Some("subjectField"), sf);
        }
        if let Some(src) = source_to_string(&c.source) {
            elem(&mut s, i, "admin", Some("source"), &src);
        }
        let origin_note = format!("origin: {}", c.origin.kind);
        match c.origin.reference.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(r) => {
                s.push_str(i);
                s.push_str("<adminGrp>\n");
                elem(&mut s, "          ", "admin", Some("source"), r);
                elem(&mut s, "          ", "note", None, &origin_note);
                s.push_str(i);
                s.push_str("</adminGrp>\n");
            }
            None if c.origin.kind == OriginKind::Elsewhere => elem(&mut s, i, "note", None, &origin_note),
            None => {}
        }
        for sg in &c.study_groups {
            elem(&mut s, i, "admin", Some("projectSubset"), sg.as_str());
        }
        for (lang, sec) in writable {
            self.stats.sections += 1;
            let _ = writeln!(s, "        <langSec xml:lang=\"{}\">", lang.bcp47());
            self.stats.terms += write_section(&mut s, sec);
            s.push_str("        </langSec>\n");
        }
        for (tag, content) in others {
            self.stats.sections += 1;
            s.push_str("        <langSec xml:lang=\"");
            esc(&mut s, &tag, true);
            s.push_str("\">\n");
            self.stats.terms += write_content(&mut s, content);
            s.push_str("        </langSec>\n");
        }
        s.push_str("      </conceptEntry>\n");
        let res = self.w.write_all(s.as_bytes());
        self.buf = s;
        res?;
        self.stats.concepts += 1;
        Ok(true)
    }

    /// Closes the document, flushes, and gives the sink back.
    pub fn finish(mut self) -> Result<W, TbxError> {
        self.w.write_all(b"    </body>\n  </text>\n</tbx>\n")?;
        self.w.flush()?;
        Ok(self.w)
    }
}

fn has_terms(c: &SectionContent) -> bool {
    !c.terms.is_empty() || !c.abbreviations.is_empty()
}

/// Writes the inside of a `langSec`; returns the number of terms written.
fn write_section(s: &mut String, sec: &LangSection) -> u64 {
    let i = "          ";
    transac(s, i, "origination", Some(&sec.created_at), sec.created_by.as_deref(), &[]);
    transac(
        s,
        i,
        "modification",
        Some(&sec.updated_at),
        None,
        &[format!("status: {}", sec.status), format!("revision: {}", sec.revision)],
    );
    if let Some(d) = &sec.submitted_at {
        transac(s, i, "modification", Some(d), sec.submitted_by.as_deref(), &["event: submitted".into()]);
    }
    if let Some(d) = &sec.adopted_at {
        let mut notes = vec!["event: adopted".to_string()];
        if let Some(m) = sec.adopted_meeting.as_deref().filter(|m| !m.trim().is_empty()) {
            notes.push(format!("meeting: {m}"));
        }
        if let Some(m) = sec.adopted_doc.as_deref().filter(|m| !m.trim().is_empty()) {
            notes.push(format!("document: {m}"));
        }
        transac(s, i, "modification", Some(d), sec.adopted_by.as_deref(), &notes);
    }
    write_content(s, &sec.content)
}

/// Definition, notes and term sections; returns the number of terms written.
fn write_content(s: &mut String, c: &SectionContent) -> u64 {
    let i = "          ";
    if let Some(d) = c.definition.as_deref().filter(|d| !d.trim().is_empty()) {
        elem(s, i, "descrip", Some("definition"), d);
    }
    for n in c.notes.iter().filter(|n| !n.trim().is_empty()) {
        elem(s, i, "note", None, n);
    }
    let mut n = 0;
    for t in &c.terms {
        let (kind, value) = match t.status {
            TermKind::Preferred => ("administrativeStatus", ADMN_PREFERRED),
            TermKind::Admitted => ("administrativeStatus", ADMN_ADMITTED),
            TermKind::Deprecated => ("administrativeStatus", ADMN_DEPRECATED),
            TermKind::Abbreviation => ("termType", "abbreviation"),
        };
        term_sec(s, &t.text, kind, value);
        n += 1;
    }
    for a in &c.abbreviations {
        term_sec(s, a, "termType", "abbreviation");
        n += 1;
    }
    n
}

fn term_sec(s: &mut String, text: &str, note_type: &str, value: &str) {
    s.push_str("          <termSec>\n");
    elem(s, "            ", "term", None, text);
    elem(s, "            ", "termNote", Some(note_type), value);
    s.push_str("          </termSec>\n");
}

/// `<transacGrp>` with a TBX-Basic transaction type (`origination` / `modification`), a date
/// when it is a valid xsd:dateTime after normalisation, the responsible person, and notes.
fn transac(s: &mut String, i: &str, kind: &str, date: Option<&str>, who: Option<&str>, notes: &[String]) {
    s.push_str(i);
    s.push_str("<transacGrp>\n");
    let inner = format!("{i}  ");
    elem(s, &inner, "transac", Some("transactionType"), kind);
    if let Some(d) = date.and_then(xsd_date_time) {
        elem(s, &inner, "date", None, &d);
    }
    if let Some(w) = who.filter(|w| !w.trim().is_empty()) {
        elem(s, &inner, "transacNote", Some("responsibility"), w);
    }
    for n in notes {
        elem(s, &inner, "note", None, n);
    }
    s.push_str(i);
    s.push_str("</transacGrp>\n");
}

fn xsd_date_time(d: &str) -> Option<String> {
    let n = normalize_date(d);
    chrono::DateTime::parse_from_rfc3339(&n).ok().map(|_| n)
}

fn elem(s: &mut String, indent: &str, name: &str, r#type: Option<&str>, text: &str) {
    s.push_str(indent);
    s.push('<');
    s.push_str(name);
    if let Some(t) = r#type {
        s.push_str(" type=\"");
        esc(s, t, true);
        s.push('"');
    }
    s.push('>');
    esc(s, text, false);
    s.push_str("</");
    s.push_str(name);
    s.push_str(">\n");
}

/// Escapes XML markup characters and drops characters XML 1.0 forbids (C0 controls other than
/// tab, newline and carriage return; U+FFFE, U+FFFF). Carriage returns are written as `&#13;`
/// so that parsers do not fold them into newlines.
pub(crate) fn esc(out: &mut String, s: &str, attr: bool) {
    // Fast path: nothing to escape or drop (0xEF starts U+FFFE/U+FFFF and other U+Fxxx).
    if !s.bytes().any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF)) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (1..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        let mut s = String::new();
        esc(&mut s, "<script>&\"x\"\u{1}\u{7}\t\r\n\u{FFFE}ok", false);
        assert_eq!(s, "&lt;script&gt;&amp;\"x\"\t&#13;\nok");
        s.clear();
        esc(&mut s, "a\"b\nc", true);
        assert_eq!(s, "a&quot;b&#10;c");
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("zh-Hans"));
        assert!(!is_language_tag("en_US"));
        assert!(!is_language_tag(""));
        assert!(!is_language_tag("e\"n"));
    }
}
