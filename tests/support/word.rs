//! Word files made by the tests and benchmarks: the few parts of WordprocessingML that ITU's
//! Recommendations use, so that each reader rule has a small file of its own.
//! Included with `#[path]` by `tests/docx.rs` and `benches/word_import.rs`.
#![allow(dead_code)]

use std::io::{Cursor, Write};

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Runs for `text`, tabs as `w:tab`, `bold` setting `w:b`.
pub fn runs(text: &str, bold: bool) -> String {
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    text.split('\t')
        .enumerate()
        .map(|(i, part)| {
            let tab = if i > 0 { format!("<w:r>{rpr}<w:tab/></w:r>") } else { String::new() };
            let t = if part.is_empty() {
                String::new()
            } else {
                format!("<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(part))
            };
            tab + &t
        })
        .collect()
}

pub fn ppr(style: &str) -> String {
    if style.is_empty() {
        String::new()
    } else {
        format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
    }
}

/// A paragraph of plain text in `style` ("" for Normal).
pub fn p(style: &str, text: &str) -> String {
    format!("<w:p>{}{}</w:p>", ppr(style), runs(text, false))
}

/// `number<tab>` then the term in bold, then `rest`: how ITU writes an entry.
pub fn entry_p(number: &str, term: &str, rest: &str) -> String {
    format!("<w:p>{}{}{}</w:p>", runs(&format!("{number}\t"), false), runs(term, true), runs(rest, false))
}

pub fn h1(text: &str) -> String {
    p("Heading1", text)
}

pub fn h2(text: &str) -> String {
    p("Heading2", text)
}

/// A table, one paragraph per cell.
pub fn table(rows: &[&[&str]]) -> String {
    let mut s = String::from("<w:tbl>");
    for row in rows {
        s.push_str("<w:tr>");
        for cell in *row {
            s.push_str(&format!("<w:tc>{}</w:tc>", p("", cell)));
        }
        s.push_str("</w:tr>");
    }
    s + "</w:tbl>"
}

pub const STYLES: &str = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/></w:style>
<w:style w:type="paragraph" w:styleId="RecNo"><w:name w:val="Rec_No"/></w:style>
<w:style w:type="paragraph" w:styleId="RecTitle"><w:name w:val="Rec_title"/></w:style>"#;

pub fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

pub fn document_xml(body: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>"#
    )
    .into_bytes()
}

/// A Word file with `body`, the styles above and, if given, `numbering`.
pub fn word_file(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut parts = vec![
        ("[Content_Types].xml", b"<Types/>".to_vec()),
        ("word/document.xml", document_xml(body)),
        ("word/styles.xml", format!(r#"<w:styles xmlns:w="{W_NS}">{STYLES}</w:styles>"#).into_bytes()),
    ];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", format!(r#"<w:numbering xmlns:w="{W_NS}">{n}</w:numbering>"#).into_bytes()));
    }
    zip_of(&parts)
}

/// A vocabulary of `definitions` numbered entries (a note every tenth) in clause 3 and
/// `abbreviations` tab-separated abbreviations in clause 4: the scale issue 14 sets.
pub fn vocabulary(definitions: usize, abbreviations: usize) -> Vec<u8> {
    let mut body = String::new();
    body.push_str(&p("RecNo", "Recommendation ITU-T Q.9999"));
    body.push_str(&h1("1\tScope"));
    body.push_str(&p("", "This Recommendation is a vocabulary."));
    body.push_str(&h1("3\tDefinitions"));
    body.push_str(&h2("3.1\tTerms defined in this Recommendation"));
    body.push_str(&p("", "This Recommendation defines the following terms:"));
    for i in 1..=definitions {
        body.push_str(&entry_p(
            &format!("3.1.{i}"),
            &format!("generated term {i}"),
            &format!(": The definition of generated term {i}, which is long enough to be realistic for a vocabulary."),
        ));
        if i % 10 == 0 {
            body.push_str(&p("Note", &format!("NOTE – A note about term {i}.")));
        }
    }
    body.push_str(&h1("4\tAbbreviations and acronyms"));
    body.push_str(&p("", "This Recommendation uses the following abbreviations and acronyms:"));
    for i in 0..abbreviations {
        body.push_str(&p("", &format!("{}\tExpansion number {i} of the list", letters(i))));
    }
    body.push_str(&h1("5\tConventions"));
    word_file(&body, None)
}

/// `i` written with the letters A–J for its decimal digits, four at least: 1999 → `BJJJ`.
pub fn letters(i: usize) -> String {
    format!("{i:04}").bytes().map(|d| (b'A' + d - b'0') as char).collect()
}
