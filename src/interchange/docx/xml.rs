//! A thin, safe layer over quick-xml for the parts of a Word package: owned events with
//! local names, the five XML entities and character references only. Word never writes a
//! DOCTYPE, so one is refused outright (no entity is ever declared, let alone expanded).

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use super::DocxError;

/// Deepest element nesting accepted (Word documents nest a few dozen levels).
const MAX_DEPTH: usize = 512;

pub(crate) struct Tag {
    /// Local name: `p` for `w:p`.
    pub name: String,
    /// Attributes by local name (`val` for `w:val`), unescaped.
    pub attrs: Vec<(String, String)>,
    /// `<w:b/>`: there is no separate close event.
    pub empty: bool,
}

impl Tag {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == local).map(|(_, v)| v.as_str())
    }

    /// `w:val`, the attribute most WordprocessingML elements carry.
    pub fn val(&self) -> Option<&str> {
        self.attr("val")
    }

    /// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on unless its value says off.
    pub fn toggle(&self) -> bool {
        !matches!(self.val(), Some("0" | "false" | "off" | "none"))
    }
}

pub(crate) enum Ev {
    Open(Tag),
    Close(String),
    Text(String),
    Eof,
}

pub(crate) struct Xml<'a> {
    reader: quick_xml::Reader<&'a mut dyn BufRead>,
    buf: Vec<u8>,
    part: &'a str,
    depth: usize,
}

fn local(name: &[u8]) -> String {
    let local = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

fn err(part: &str, message: impl Into<String>) -> DocxError {
    DocxError::Xml { part: part.to_string(), message: message.into() }
}

fn tag(part: &str, e: &BytesStart<'_>, empty: bool) -> Result<Tag, DocxError> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| err(part, e.to_string()))?;
        let value = a.unescape_value().map_err(|e| match e {
            quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(..)) => {
                DocxError::Entity { part: part.to_string() }
            }
            other => err(part, other.to_string()),
        })?;
        attrs.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(Tag { name: local(e.name().as_ref()), attrs, empty })
}

impl<'a> Xml<'a> {
    pub fn new(input: &'a mut dyn BufRead, part: &'a str) -> Self {
        let mut reader = quick_xml::Reader::from_reader(input);
        let cfg = reader.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        Xml { reader, buf: Vec::with_capacity(1 << 12), part, depth: 0 }
    }

    pub fn next(&mut self) -> Result<Ev, DocxError> {
        let part = self.part;
        loop {
            self.buf.clear();
            let ev = match self.reader.read_event_into(&mut self.buf) {
                Ok(ev) => ev,
                Err(quick_xml::Error::Io(io)) => {
                    return Err(DocxError::Io(std::io::Error::new(io.kind(), io.to_string())))
                }
                Err(e) => return Err(err(part, e.to_string())),
            };
            return Ok(match ev {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(err(part, format!("elements nested deeper than {MAX_DEPTH}")));
                    }
                    Ev::Open(tag(part, &e, false)?)
                }
                Event::Empty(e) => Ev::Open(tag(part, &e, true)?),
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::Close(local(e.name().as_ref()))
                }
                Event::Text(t) => Ev::Text(t.xml10_content().map_err(|e| err(part, e.to_string()))?.into_owned()),
                Event::CData(t) => Ev::Text(t.xml10_content().map_err(|e| err(part, e.to_string()))?.into_owned()),
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match &*r {
                            b"lt" => "<".into(),
                            b"gt" => ">".into(),
                            b"amp" => "&".into(),
                            b"apos" => "'".into(),
                            b"quot" => "\"".into(),
                            _ => return Err(DocxError::Entity { part: part.to_string() }),
                        },
                        Err(e) => return Err(err(part, format!("bad character reference: {e}"))),
                    };
                    Ev::Text(c)
                }
                Event::DocType(_) => return Err(DocxError::Doctype { part: part.to_string() }),
                Event::Decl(d) => {
                    if let Some(Ok(enc)) = d.encoding() {
                        let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                        if !matches!(enc.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") {
                            return Err(err(part, format!("encoding '{enc}' is not supported")));
                        }
                    }
                    continue;
                }
                Event::Comment(_) | Event::PI(_) => continue,
                Event::Eof => Ev::Eof,
            });
        }
    }
}
