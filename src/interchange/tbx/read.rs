//! Streaming TBX reader (TBX v3 `<tbx>` and TBX 2008 `<martif>`, any dialect, DCA or DCT).
//!
//! This file walks the XML (limits, encodings, entities, element kinds); `assemble` turns the
//! data categories it meets into entries.

mod assemble;

use std::collections::VecDeque;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use self::assemble::{first, Grp, Item, Level};
use super::track::Tracked;
use super::{ReadOptions, TbxDocument, TbxEntry, TbxError, TbxHeaderInfo, TbxSummary};

/// Reads a whole TBX file into memory. Prefer [`for_each_entry`] for large files.
pub fn read<R: BufRead>(input: R, opts: &ReadOptions) -> Result<TbxDocument, TbxError> {
    let mut reader = TbxReader::new(input, opts)?;
    let mut entries = Vec::new();
    while let Some(e) = reader.next_entry()? {
        entries.push(e);
    }
    let summary = reader.summary().clone();
    let h = &summary.header;
    Ok(TbxDocument {
        dialect: h.dialect.clone(),
        title: h.title.clone(),
        source_desc: h.source_desc.clone(),
        source_lang: h.source_lang.clone(),
        entries,
        summary,
    })
}

/// Streams the entries of a TBX file to `f`, one at a time; only one entry is in memory at once.
/// Stops at the first error, from the input or from `f`.
pub fn for_each_entry<R: BufRead>(
    input: R,
    opts: &ReadOptions,
    mut f: impl FnMut(TbxEntry) -> Result<(), TbxError>,
) -> Result<TbxSummary, TbxError> {
    let mut reader = TbxReader::new(input, opts)?;
    while let Some(e) = reader.next_entry()? {
        f(e)?;
    }
    Ok(reader.summary().clone())
}

/// Pull-style reader: [`TbxReader::new`] reads up to the first entry (so [`TbxReader::header`]
/// is known), then [`TbxReader::next_entry`] (or the `Iterator` impl) yields entries.
pub struct TbxReader<R: BufRead> {
    xml: quick_xml::Reader<Tracked<R>>,
    opts: ReadOptions,
    buf: Vec<u8>,
    stack: Vec<Frame>,
    grps: Vec<Grp>,
    level: Level,
    ready: VecDeque<TbxEntry>,
    summary: TbxSummary,
    source_desc: Vec<String>,
    root_seen: bool,
    header_done: bool,
    done: bool,
    failed: bool,
}

/// Distinct language tags kept in [`TbxSummary::other_langs`]; further ones (and absurdly long
/// tags) are counted under [`OTHER_LANGS_OVERFLOW`].
const MAX_OTHER_LANGS: usize = 1000;
const MAX_TAG_LEN: usize = 64;
pub const OTHER_LANGS_OVERFLOW: &str = "(other)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Header,
    SourceDesc,
    Title,
    P,
    Body,
    Back,
    Entry,
    Section,
    TermContainer,
    Term,
    /// A data-category element; `Frame::cat` holds its type.
    Data {
        is_ref: bool,
    },
    Grp {
        transac: bool,
    },
    /// Elements that only hold other elements (white space inside them is dropped).
    Structural,
    /// Inline markup (`hi`, `ph`, `foreign`, …) and unknown elements: their text flows to the parent.
    Inline,
}

impl Kind {
    fn keeps_text(self) -> bool {
        matches!(self, Kind::Title | Kind::P | Kind::Term | Kind::Data { .. } | Kind::Inline)
    }
}

struct Frame {
    kind: Kind,
    name: String,
    cat: String,
    target: Option<String>,
    text: String,
    line: u64,
}

fn classify(name: &str) -> (Kind, &str) {
    let (prefixed, local) = match name.rsplit_once(':') {
        Some((p, l)) => (p != "xml" && p != "xmlns", l),
        None => (false, name),
    };
    let kind = match local {
        "tbx" | "martif" => Kind::Root,
        "tbxHeader" | "martifHeader" => Kind::Header,
        "sourceDesc" => Kind::SourceDesc,
        "title" => Kind::Title,
        "p" => Kind::P,
        "body" => Kind::Body,
        "back" => Kind::Back,
        "conceptEntry" | "termEntry" => Kind::Entry,
        "langSec" | "langSet" => Kind::Section,
        "termSec" | "tig" | "ntig" => Kind::TermContainer,
        "term" => Kind::Term,
        "descrip" | "admin" | "termNote" | "transac" | "transacNote" | "note" | "date" | "descripNote"
        | "adminNote" => Kind::Data { is_ref: false },
        "xref" | "ref" => Kind::Data { is_ref: true },
        "descripGrp" | "adminGrp" | "termNoteGrp" => Kind::Grp { transac: false },
        "transacGrp" => Kind::Grp { transac: true },
        "fileDesc" | "titleStmt" | "publicationStmt" | "encodingDesc" | "revisionDesc" | "change" | "text"
        | "termGrp" | "termCompList" | "termComp" | "refObjectSec" | "refObject" | "itemSet" | "itemGrp" => {
            Kind::Structural
        }
        // DCT style: `<min:subjectField>`, `<basic:definition>` … — the element name is the category.
        _ if prefixed => {
            Kind::Data { is_ref: matches!(local, "xGraphic" | "externalCrossReference" | "crossReference") }
        }
        _ => Kind::Inline,
    };
    (kind, local)
}

impl<R: BufRead> TbxReader<R> {
    /// Opens a TBX stream and reads its header.
    pub fn new(input: R, opts: &ReadOptions) -> Result<Self, TbxError> {
        let mut tracked = Tracked::new(input, opts.max_text_bytes as u64);
        let head = tracked.peek()?;
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(TbxError::Refused {
                line: 1,
                message: "UTF-16 input is not supported; convert the file to UTF-8".into(),
            });
        }
        let mut xml = quick_xml::Reader::from_reader(tracked);
        let cfg = xml.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        cfg.allow_unmatched_ends = false;
        cfg.check_comments = false;
        let mut r = TbxReader {
            xml,
            opts: opts.clone(),
            buf: Vec::new(),
            stack: Vec::new(),
            grps: Vec::new(),
            level: Level::Outside,
            ready: VecDeque::new(),
            summary: TbxSummary::default(),
            source_desc: Vec::new(),
            root_seen: false,
            header_done: false,
            done: false,
            failed: false,
        };
        while !r.header_done && !r.done {
            if let Err(e) = r.step() {
                r.failed = true;
                return Err(e);
            }
        }
        Ok(r)
    }

    pub fn header(&self) -> &TbxHeaderInfo {
        &self.summary.header
    }

    /// Counts so far (complete once `next_entry` has returned `None`).
    pub fn summary(&self) -> &TbxSummary {
        &self.summary
    }

    /// The next entry, `None` at the end of the file. After an error, always `None`.
    pub fn next_entry(&mut self) -> Result<Option<TbxEntry>, TbxError> {
        loop {
            if let Some(e) = self.ready.pop_front() {
                return Ok(Some(e));
            }
            if self.done || self.failed {
                return Ok(None);
            }
            if let Err(e) = self.step() {
                self.failed = true;
                return Err(e);
            }
        }
    }

    fn line_col(&self, offset: u64) -> (u64, u64) {
        self.xml.get_ref().line_col(offset)
    }

    fn line(&self, offset: u64) -> u64 {
        self.line_col(offset).0
    }

    fn utf8<'b>(&self, bytes: &'b [u8], offset: u64) -> Result<&'b str, TbxError> {
        std::str::from_utf8(bytes).map_err(|e| {
            let at = offset + e.valid_up_to() as u64;
            let (line, column) = self.line_col(at);
            TbxError::Utf8 { line, column, offset: at }
        })
    }

    fn xml_error(&self, err: quick_xml::Error, at: u64) -> TbxError {
        if let quick_xml::Error::Io(io) = &err {
            if self.xml.get_ref().over_limit {
                return TbxError::TooLarge {
                    line: self.line(at),
                    what: "a tag, text run or comment",
                    limit: self.opts.max_text_bytes,
                };
            }
            return TbxError::Io(std::io::Error::new(io.kind(), io.to_string()));
        }
        let pos = self.xml.error_position().max(at);
        let (line, column) = self.line_col(pos);
        TbxError::Xml { line, column, message: err.to_string() }
    }

    /// Reads and handles one XML event.
    fn step(&mut self) -> Result<(), TbxError> {
        let start = self.xml.buffer_position();
        self.xml.get_mut().set_mark(start);
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let res = match self.xml.read_event_into(&mut buf) {
            Err(e) => Err(self.xml_error(e, start)),
            Ok(ev) => self.handle(ev, start),
        };
        self.buf = buf;
        res?;
        if let Some(eb) = self.level.entry() {
            if self.xml.buffer_position() - eb.start > self.opts.max_entry_bytes as u64 {
                return Err(TbxError::TooLarge { line: eb.e.line, what: "entry", limit: self.opts.max_entry_bytes });
            }
        }
        Ok(())
    }

    fn handle(&mut self, ev: Event<'_>, start: u64) -> Result<(), TbxError> {
        match ev {
            Event::Start(e) => {
                self.utf8(&e, start + 1)?;
                self.open(&e, start)?;
            }
            Event::Empty(e) => {
                self.utf8(&e, start + 1)?;
                self.open(&e, start)?;
                self.close(start)?;
            }
            Event::End(e) => {
                self.utf8(&e, start + 2)?;
                if self.stack.is_empty() {
                    // quick-xml already rejects unmatched end tags; this is unreachable in practice.
                    let (line, column) = self.line_col(start);
                    return Err(TbxError::Xml { line, column, message: "end tag without start tag".into() });
                }
                self.close(start)?;
            }
            Event::Text(t) => {
                self.utf8(&t, start)?;
                let s = t.xml10_content().map_err(|e| self.xml_error(e.into(), start))?;
                self.push_text(&s, start)?;
            }
            Event::CData(t) => {
                self.utf8(&t, start + 9)?;
                let s = t.xml10_content().map_err(|e| self.xml_error(e.into(), start))?;
                self.push_text(&s, start)?;
            }
            Event::GeneralRef(r) => {
                let name = self.utf8(&r, start + 1)?.to_string();
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match name.as_str() {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "apos" => "'".into(),
                        "quot" => "\"".into(),
                        _ => {
                            return Err(TbxError::Refused {
                                line: self.line(start),
                                message: format!(
                                    "reference to undeclared entity &{name}; (only the five XML entities are expanded)"
                                ),
                            })
                        }
                    },
                    Err(e) => {
                        let (line, column) = self.line_col(start);
                        return Err(TbxError::Xml {
                            line,
                            column,
                            message: format!("bad character reference &{name};: {e}"),
                        });
                    }
                };
                self.push_text(&ch, start)?;
            }
            Event::DocType(t) => {
                let s = self.utf8(&t, start + 9)?;
                if s.contains("<!ENTITY") {
                    return Err(TbxError::Refused {
                        line: self.line(start),
                        message: "DOCTYPE declares entities; refused (entity expansion is never performed)".into(),
                    });
                }
            }
            Event::Decl(d) => {
                self.utf8(&d, start + 2)?;
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if !matches!(enc.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
                        return Err(TbxError::Refused {
                            line: self.line(start),
                            message: format!("encoding '{enc}' is not supported; convert the file to UTF-8"),
                        });
                    }
                }
            }
            Event::Comment(t) => {
                self.utf8(&t, start + 4)?;
            }
            Event::PI(t) => {
                self.utf8(&t, start + 2)?;
            }
            Event::Eof => self.eof(start)?,
        }
        Ok(())
    }

    fn eof(&mut self, at: u64) -> Result<(), TbxError> {
        if !self.root_seen {
            return Err(TbxError::NotTbx { line: self.line(at), message: "no root element".into() });
        }
        if let Some(f) = self.stack.last() {
            let (line, column) = self.line_col(at);
            return Err(TbxError::Xml {
                line,
                column,
                message: format!("unexpected end of file: <{}> opened at line {} is not closed", f.name, f.line),
            });
        }
        self.done = true;
        self.header_done = true;
        Ok(())
    }

    fn push_text(&mut self, s: &str, at: u64) -> Result<(), TbxError> {
        if let Some(f) = self.stack.last_mut() {
            if f.kind.keeps_text() {
                if f.text.len() + s.len() > self.opts.max_text_bytes {
                    let line = self.line(at);
                    return Err(TbxError::TooLarge {
                        line,
                        what: "text of one element",
                        limit: self.opts.max_text_bytes,
                    });
                }
                f.text.push_str(s);
            }
        }
        Ok(())
    }

    fn attrs(&self, e: &BytesStart<'_>, at: u64) -> Result<Attrs, TbxError> {
        let mut a = Attrs::default();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.xml_error(err.into(), at))?;
            let key = self.utf8(attr.key.as_ref(), at)?;
            let slot = match key {
                "type" => &mut a.r#type,
                "xml:lang" => &mut a.lang,
                "lang" => &mut a.lang_legacy,
                "id" | "xml:id" => &mut a.id,
                "target" => &mut a.target,
                "style" => &mut a.style,
                _ => continue,
            };
            let v = match attr.unescape_value() {
                Ok(v) => v.into_owned(),
                Err(err) => {
                    if let quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(..)) = err {
                        return Err(TbxError::Refused {
                            line: self.line(at),
                            message:
                                "attribute refers to an undeclared entity (only the five XML entities are expanded)"
                                    .into(),
                        });
                    }
                    return Err(self.xml_error(err, at));
                }
            };
            *slot = Some(v);
        }
        Ok(a)
    }

    fn open(&mut self, e: &BytesStart<'_>, start: u64) -> Result<(), TbxError> {
        let line = self.line(start);
        if self.stack.len() >= self.opts.max_depth {
            return Err(TbxError::Refused {
                line,
                message: format!("elements nested deeper than {}", self.opts.max_depth),
            });
        }
        let name = self.utf8(e.name().as_ref(), start + 1)?.to_string();
        let (mut kind, local) = classify(&name);
        let local = local.to_string();
        let attrs = self.attrs(e, start)?;
        if !self.root_seen {
            self.root_seen = true;
            let h = &mut self.summary.header;
            h.source_lang = attrs.lang.clone().or(attrs.lang_legacy.clone());
            match local.as_str() {
                "tbx" => {
                    h.dialect = attrs.r#type.clone().unwrap_or_else(|| "TBX".into());
                    h.style = attrs.style.clone();
                }
                "martif" => {
                    h.dialect = format!("martif {}", attrs.r#type.as_deref().unwrap_or("TBX"));
                }
                other => {
                    return Err(TbxError::NotTbx {
                        line,
                        message: format!("root element is <{other}>, expected <tbx> (TBX v3) or <martif> (TBX 2008)"),
                    })
                }
            }
            kind = Kind::Root;
        } else if kind == Kind::Root {
            kind = Kind::Structural;
        }
        let in_header = self.stack.iter().any(|f| f.kind == Kind::Header);
        if in_header && !matches!(kind, Kind::Title | Kind::P | Kind::SourceDesc | Kind::Inline) {
            kind = Kind::Structural;
        }
        if !in_header && matches!(kind, Kind::Title | Kind::P | Kind::SourceDesc) {
            kind = Kind::Inline;
        }
        if self.stack.iter().any(|f| f.kind == Kind::Back) && kind != Kind::Inline {
            kind = Kind::Structural;
        }
        match kind {
            Kind::Body | Kind::Entry | Kind::Section | Kind::TermContainer | Kind::Term => self.header_done = true,
            Kind::Structural if local == "text" => self.header_done = true,
            _ => {}
        }
        let cat = match kind {
            Kind::Data { .. } => match local.as_str() {
                "descrip" | "admin" | "termNote" | "transac" | "transacNote" | "xref" | "ref" => {
                    attrs.r#type.clone().unwrap_or_default()
                }
                _ => local.clone(),
            },
            _ => String::new(),
        };
        match kind {
            Kind::Entry => self.open_entry(attrs.id.clone(), line, start),
            Kind::Section => {
                let tag = attrs.lang.clone().or(attrs.lang_legacy.clone()).unwrap_or_default().trim().to_string();
                self.open_section(tag, line, start);
            }
            Kind::TermContainer => self.open_term(line, start),
            Kind::Grp { transac } => self.grps.push(Grp { transac, items: Vec::new() }),
            _ => {}
        }
        self.stack.push(Frame { kind, name, cat, target: attrs.target, text: String::new(), line });
        Ok(())
    }

    fn close(&mut self, at: u64) -> Result<(), TbxError> {
        let Some(f) = self.stack.pop() else {
            return Ok(());
        };
        let text = match f.kind {
            Kind::Title | Kind::P => f.text.split_whitespace().collect::<Vec<_>>().join(" "),
            Kind::Term | Kind::Data { .. } => self.clean(&f.text),
            _ => String::new(),
        };
        match f.kind {
            Kind::Root => {
                self.finish_entry();
                self.header_done = true;
                self.done = true;
            }
            Kind::Title => first(&mut self.summary.header.title, &text),
            Kind::P => {
                if self.stack.iter().any(|f| f.kind == Kind::SourceDesc) && !text.is_empty() {
                    if self.source_desc.iter().map(String::len).sum::<usize>() + text.len() > self.opts.max_text_bytes {
                        return Err(TbxError::TooLarge {
                            line: f.line,
                            what: "file description",
                            limit: self.opts.max_text_bytes,
                        });
                    }
                    self.source_desc.push(text);
                    self.summary.header.source_desc = Some(self.source_desc.join("\n"));
                }
            }
            Kind::Header => self.header_done = true,
            Kind::Term => self.on_term(text, f.line, at),
            Kind::Data { is_ref } => {
                let item = Item { cat: f.cat, text, target: f.target, is_ref };
                if matches!(self.stack.last().map(|p| p.kind), Some(Kind::Grp { .. })) {
                    if let Some(g) = self.grps.last_mut() {
                        g.items.push(item);
                    }
                } else {
                    self.apply_group(Grp { transac: false, items: vec![item] });
                }
            }
            Kind::Grp { .. } => {
                if let Some(g) = self.grps.pop() {
                    self.apply_group(g);
                }
            }
            Kind::TermContainer => self.finish_term(),
            Kind::Section => {
                let implicit_entry = self.level.entry().is_some_and(|e| e.implicit);
                self.finish_section();
                if implicit_entry {
                    self.finish_entry();
                }
            }
            Kind::Entry => self.finish_entry(),
            Kind::Body => self.finish_entry(),
            Kind::Inline => {
                if let Some(p) = self.stack.last_mut() {
                    if p.kind.keeps_text() {
                        p.text.push_str(&f.text);
                    }
                }
            }
            Kind::SourceDesc | Kind::Back | Kind::Structural => {}
        }
        Ok(())
    }

    fn clean(&self, s: &str) -> String {
        if self.opts.collapse_whitespace {
            s.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            s.trim().to_string()
        }
    }
}

impl<R: BufRead> Iterator for TbxReader<R> {
    type Item = Result<TbxEntry, TbxError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_entry().transpose()
    }
}

#[derive(Default)]
struct Attrs {
    r#type: Option<String>,
    lang: Option<String>,
    lang_legacy: Option<String>,
    id: Option<String>,
    target: Option<String>,
    style: Option<String>,
}
