//! The clauses of a document: its numbered headings ("3 Definitions", "4.1 Abbreviations")
//! by style (`heading N`, outline level), or by layout when a file has no heading styles;
//! annexes, appendices and the bibliography end the clause before them.

use std::sync::OnceLock;

use regex::Regex;

use super::document::Para;

#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// Paragraph index.
    pub at: usize,
    pub level: u8,
    /// "3", "4.1"; `None` for an annex, appendix or bibliography.
    pub number: Option<String>,
    pub title: String,
}

fn numbered_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(\d{1,3}(?:\.\d{1,4})*)\.?(?:\s+|$)(.*)$").expect("heading regex"))
}

fn back_matter_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^(annex|appendix|bibliography|annexe|appendice|bibliographie|anexo|apéndice|bibliografía|приложение|дополнение|библиография|الملحق|التذييل|ببليوغرافيا|附件|附录|参考文献)")
            .expect("back matter regex")
    })
}

/// Text with runs of whitespace (tabs, breaks) as single spaces.
pub(crate) fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn title_like(t: &str) -> bool {
    let n = t.chars().count();
    n > 0 && n <= 120 && !t.ends_with(['.', ':', ';', ',']) && t.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// The headings of `paras` in order.
pub(crate) fn headings(paras: &[Para]) -> Vec<Heading> {
    let mut out = Vec::new();
    for (at, p) in paras.iter().enumerate() {
        if p.is_toc() || p.cell.is_some() {
            continue;
        }
        let text = flat(&p.text);
        let styled_back = p.style_is("annex_no") || p.style_is("appendix_no") || p.style_is("annex_title");
        let Some(level) = p.heading_level() else {
            if styled_back || (p.style_is("appendix_notitle") && back_matter_re().is_match(&text)) {
                out.push(Heading { at, level: 1, number: None, title: text });
            }
            continue;
        };
        if let Some(c) = numbered_re().captures(&text) {
            let title = c[2].trim().to_string();
            out.push(Heading { at, level, number: Some(c[1].to_string()), title });
        } else if back_matter_re().is_match(&text) || level == 1 {
            out.push(Heading { at, level: 1, number: None, title: text });
        }
    }
    if out.iter().any(|h| h.number.is_some()) {
        return out;
    }
    // No heading styles: "3<tab>Definitions" and "3.1<tab>Terms …" by their layout.
    let mut out = Vec::new();
    for (at, p) in paras.iter().enumerate() {
        if p.is_toc() || p.cell.is_some() {
            continue;
        }
        let text = flat(&p.text);
        if let Some(c) = numbered_re().captures(&text) {
            let title = c[2].trim();
            let level = c[1].split('.').count() as u8;
            if title_like(title) && !title.contains([':', '：', '[']) && (level == 1 || title.chars().count() <= 60) {
                out.push(Heading { at, level, number: Some(c[1].to_string()), title: title.to_string() });
            }
        } else if back_matter_re().is_match(&text) && text.chars().count() <= 80 {
            out.push(Heading { at, level: 1, number: None, title: text });
        }
    }
    out
}

/// Paragraph range of the body of heading `i` (after it, up to the next heading at its level or above).
pub(crate) fn body(heads: &[Heading], i: usize, len: usize) -> std::ops::Range<usize> {
    let h = &heads[i];
    let end = heads[i + 1..].iter().find(|n| n.level <= h.level).map_or(len, |n| n.at);
    h.at + 1..end
}
