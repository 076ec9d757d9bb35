//! The definitions clause, wherever it is, and its entries.
//!
//! Usually clause 3 ("Definitions", "Terms and definitions", "Définitions", "Definiciones",
//! "Определения", "التعاريف", "定义"); a vocabulary's clause 3 may instead point to another
//! clause ("Clause 6 contains the terms and definitions …"), which is then read; a clause 3
//! about something else yields nothing, with a warning. The paragraphs of the clause become
//! the lines [`clause3::parse`] reads, with what Word adds made explicit: automatic numbers
//! written out, a colon after a bold term that lacks one, `NOTE –` before a paragraph in a
//! note style that lacks it. Several references of one entry are all kept.

use std::sync::OnceLock;

use regex::Regex;

use super::abbreviations::mentions_abbreviations;
use super::document::Para;
use super::outline::{body, flat, Heading};
use super::DocxEntry;
use crate::interchange::clause3::{self, ParseOptions};
use crate::model::Lang;

/// Stands in for U+2011 while the clause-3 parser (which folds it to `-`) reads the text:
/// the entries keep Word's non-breaking hyphen for display.
const NB_HYPHEN_STANDIN: char = '\u{E011}';

pub(crate) struct Found {
    pub clause: Option<String>,
    pub entries: Vec<DocxEntry>,
}

const DEFINITION_WORDS: [&str; 20] = [
    "definition",
    "définition",
    "definici",
    "определени",
    "تعاريف",
    "تعريف",
    "定义",
    "術語",
    "术语",
    "terms",
    "termes",
    "términos",
    "термин",
    "المصطلحات",
    "vocabulary",
    "vocabulaire",
    "vocabulario",
    "терминолог",
    "terminolog",
    "glossary",
];

pub(crate) fn mentions_definitions(title: &str) -> bool {
    let t = title.to_lowercase();
    DEFINITION_WORDS.iter().any(|w| t.contains(w))
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("definitions regex"))
}

/// A clause number at the start of an entry paragraph: "3.2.1<tab>", "6.6bis ".
fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^\d{1,4}(?:\.\d{1,4})+(?:bis|ter|quater|quinquies|sexies|septies|octies|novies)?\.?\s+")
}

fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('<') && t.ends_with('>')
}

const NOTE_WORDS: [&str; 7] = ["note", "nota", "remarque", "примечание", "注", "ملاحظة", "ملاحظات"];

fn has_note_marker(t: &str) -> bool {
    let l = t.trim_start().to_lowercase();
    NOTE_WORDS.iter().any(|w| l.starts_with(w))
}

/// The line the clause-3 parser reads for one paragraph; `None` for nothing to read.
fn line_of(p: &Para) -> Option<String> {
    if p.is_toc() {
        return None;
    }
    let lead_ws = p.text.len() - p.text.trim_start().len();
    let t = p.text.trim();
    if t.is_empty() || is_placeholder(t) {
        return None;
    }
    let mut line = String::new();
    if let Some(m) = number_re().find(t) {
        // "3.2.1 **term** definition": Word's bold says where the term ends.
        let after_number = lead_ws + m.end();
        if let Some(bold) = p.bold_from(after_number) {
            let bold_at = bold.as_ptr() as usize - p.text.as_ptr() as usize;
            let after = &p.text[bold_at + bold.len()..];
            let rest = after.trim();
            // "**IP**v6 …": bold that ends inside a word is no term
            let apart = bold.ends_with(char::is_whitespace) || after.starts_with(char::is_whitespace);
            let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
            let opens = rest.starts_with([':', '：', '[', '(', '（', '［', '【', '﹕']);
            if apart && !bold.contains([':', '：']) && letters >= 2 && !opens {
                line = format!("{} {}: {}", m.as_str().trim_end(), bold.trim(), rest);
            }
        }
    }
    if line.is_empty() {
        line = t.to_string();
    }
    if p.style_is("note") && !has_note_marker(&line) {
        line.insert_str(0, "NOTE – ");
    }
    if p.bold_from(lead_ws).is_some() {
        line.insert_str(0, "**");
    }
    Some(line.replace('\u{2011}', &NB_HYPHEN_STANDIN.to_string()))
}

/// Every bracketed reference in `s`, in order: "[A], [B]" → ["[A]", "[B]"].
pub fn split_references(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' | '［' | '【' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            ']' | '］' | '】' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(s[start..i + c.len_utf8()].to_string());
                }
            }
            _ => {}
        }
    }
    if out.is_empty() && !s.trim().is_empty() {
        out.push(s.trim().to_string());
    }
    out
}

fn restore(s: String) -> String {
    if s.contains(NB_HYPHEN_STANDIN) {
        s.replace(NB_HYPHEN_STANDIN, "\u{2011}")
    } else {
        s
    }
}

fn finish(e: clause3::Entry) -> Option<DocxEntry> {
    let term = restore(e.term);
    if is_placeholder(&term) || term.starts_with('<') {
        return None;
    }
    let references: Vec<String> = e.reference.map(restore).map(|r| split_references(&r)).unwrap_or_default();
    Some(DocxEntry {
        number: e.number,
        term,
        term_en: e.term_en.map(restore),
        abbreviation: e.abbreviation.map(restore),
        reference: references.first().cloned(),
        references,
        definition: e.definition.map(restore),
        notes: e.notes.into_iter().map(restore).collect(),
        origin: e.origin,
    })
}

/// What the clause-3 parser finds in paragraphs `paras` of clause `number`:
/// the entries, and whether the clause says it has none ("None.").
/// The lines of a table of definitions (`term | definition`, `number | term | definition`,
/// a reference in its own column), one per row; `None` when the table is something else.
fn table_lines(rows: &[Vec<String>]) -> Option<Vec<String>> {
    let body: Vec<&Vec<String>> =
        rows.iter().filter(|r| !r.iter().take(2).any(|c| mentions_definitions(c) && c.chars().count() < 30)).collect();
    let defining = body.iter().filter(|r| {
        let cells: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
        let (term, def) = match cells.as_slice() {
            [n, t, d, ..] if number_re().is_match(&format!("{n} ")) => (t, d),
            [t, d, ..] => (t, d),
            _ => return false,
        };
        term.chars().count() <= 80 && def.chars().count() > term.chars().count() && def.contains(' ')
    });
    if body.len() < 2 || defining.count() * 2 < body.len() {
        return None;
    }
    Some(
        body.iter()
            .filter_map(|r| {
                let cells: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
                let (number, rest) = match cells.first() {
                    Some(n) if number_re().is_match(&format!("{n} ")) => (format!("{n} "), &cells[1..]),
                    _ => (String::new(), &cells[..]),
                };
                let (term, def) = (rest.first()?, rest.get(1)?);
                let refs: Vec<&str> = rest[2..].iter().map(|c| c.as_str()).filter(|c| c.starts_with('[')).collect();
                let refs = if refs.is_empty() { String::new() } else { format!(" {}", refs.join(", ")) };
                Some(format!("{number}{term}{refs}: {def}"))
            })
            .collect(),
    )
}

/// What the clause-3 parser finds in paragraphs `paras` of clause `number`:
/// the entries, and whether the clause says it has none ("None.").
fn parse_region(paras: &[Para], number: &str, lang: Lang, placeholders: &mut usize) -> (Vec<DocxEntry>, bool) {
    let mut text = format!("{number} Definitions\n");
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        // "3 Definitions and abbreviations": its abbreviations subclause is no definition.
        if p.heading_level().is_some() && p.cell.is_none() {
            let t = flat(&p.text);
            if mentions_abbreviations(&t) && !mentions_definitions(&t) {
                break;
            }
        }
        if let Some(cell) = p.cell {
            // A whole table: read as a table of definitions if it is one, else line by line.
            let end = paras[i..]
                .iter()
                .position(|q| q.cell.is_none_or(|c| c.table != cell.table))
                .map_or(paras.len(), |n| i + n);
            let mut rows: Vec<Vec<String>> = Vec::new();
            for q in &paras[i..end] {
                let c = q.cell.unwrap_or(cell);
                while rows.len() <= c.row {
                    rows.push(Vec::new());
                }
                let row = &mut rows[c.row];
                while row.len() <= c.col {
                    row.push(String::new());
                }
                let t = flat(&q.text);
                if !row[c.col].is_empty() {
                    row[c.col].push(' ');
                }
                row[c.col].push_str(&t);
            }
            match table_lines(&rows) {
                Some(lines) => {
                    for l in lines {
                        text.push_str(&l.replace('\u{2011}', &NB_HYPHEN_STANDIN.to_string()));
                        text.push('\n');
                    }
                }
                None => {
                    for q in &paras[i..end] {
                        if let Some(l) = line_of(q) {
                            text.push_str(&l);
                            text.push('\n');
                        }
                    }
                }
            }
            i = end;
            continue;
        }
        if let Some(l) = line_of(p) {
            text.push_str(&l);
            text.push('\n');
        }
        i += 1;
    }
    match clause3::parse(&text, &ParseOptions { lang: Some(lang) }) {
        Ok(v) if v.is_empty() => (Vec::new(), true),
        Ok(v) => {
            let n = v.len();
            let entries: Vec<DocxEntry> = v.into_iter().filter_map(finish).collect();
            *placeholders += n - entries.len();
            (entries, false)
        }
        Err(_) => (Vec::new(), false),
    }
}

/// "Clause 6 contains the terms and definitions …": the clause a definitions clause points
/// to. `strict` (the clause has entries of its own): only a sentence about terms or
/// definitions, naming a whole clause ("clause 6", not "clause 6.1"), citing no document.
fn pointer(paras: &[Para], own: &str, tops: &[&Heading], strict: bool) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = re(
        &RE,
        r"(?i)(?:\bclauses?|\barticles?|\bparagraphe|\bcláusulas?|\bapartado|\bsecci[oó]n|\bsection|пункт\w*|раздел\w*|البند|الفقرة)\s+(\d{1,2})(\.\d)?|第\s*(\d{1,2})\s*[条节章款]",
    );
    paras.iter().map(|p| flat(&p.text)).find_map(|t| {
        if strict && (t.contains('[') || !mentions_definitions(&t)) {
            return None;
        }
        re.captures_iter(&t).find_map(|c| {
            if strict && c.get(2).is_some() {
                return None;
            }
            let n = c.get(1).or(c.get(3))?.as_str().to_string();
            (n != own && tops.iter().any(|h| h.number.as_deref() == Some(n.as_str()))).then_some(n)
        })
    })
}

/// Without a clause structure to go by (no heading styles, or no clause 3 among them), the
/// clause-3 text parser looks for the definitions clause in the whole text by its layout.
fn whole_text(paras: &[Para], lang: Lang, placeholders: &mut usize) -> Option<Found> {
    let mut text = String::new();
    for p in paras {
        if let Some(l) = line_of(p) {
            text.push_str(&l);
            text.push('\n');
        }
    }
    let v = clause3::parse(&text, &ParseOptions { lang: Some(lang) }).ok()?;
    let n = v.len();
    let entries: Vec<DocxEntry> = v.into_iter().filter_map(finish).collect();
    *placeholders += n - entries.len();
    let clause = entries.iter().find_map(|e| e.number.as_deref()?.split('.').next().map(str::to_string))?;
    Some(Found { clause: Some(clause), entries })
}

pub(crate) fn extract(paras: &[Para], heads: &[Heading], lang: Lang, warnings: &mut Vec<String>) -> Found {
    let mut placeholders = 0;
    let found = find(paras, heads, lang, warnings, &mut placeholders);
    if placeholders > 0 {
        warnings.push(format!(
            "{placeholders} placeholder entries (\"<Term 1>\") ignored: a skeleton, not a Recommendation"
        ));
    }
    found
}

fn find(paras: &[Para], heads: &[Heading], lang: Lang, warnings: &mut Vec<String>, placeholders: &mut usize) -> Found {
    let tops: Vec<(usize, &Heading)> = heads
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level == 1 && h.number.as_deref().is_some_and(|n| !n.contains('.')))
        .collect();
    let top_heads: Vec<&Heading> = tops.iter().map(|(_, h)| *h).collect();
    let region = |i: usize| &paras[body(heads, i, paras.len())];
    let clause3 = tops.iter().find(|(_, h)| h.number.as_deref() == Some("3"));

    let pick = clause3
        .filter(|(_, h)| mentions_definitions(&h.title))
        .or_else(|| tops.iter().find(|(_, h)| mentions_definitions(&h.title)));
    let Some(&(i, h)) = pick else {
        if let Some((_, h3)) = clause3 {
            warnings.push(format!("clause 3 is \"{}\", not definitions: no definitions read", h3.title));
            return Found { clause: None, entries: Vec::new() };
        }
        if let Some(found) = whole_text(paras, lang, placeholders) {
            return found;
        }
        warnings.push("no definitions clause found".into());
        return Found { clause: None, entries: Vec::new() };
    };
    let own = h.number.clone().unwrap_or_default();
    let (mut entries, says_none) = parse_region(region(i), &own, lang, placeholders);
    let mut clause = own.clone();
    if let Some(target) = pointer(region(i), &own, &top_heads, !entries.is_empty()) {
        if let Some(&(j, _)) = tops.iter().find(|(_, t)| t.number.as_deref() == Some(target.as_str())) {
            let (more, _) = parse_region(region(j), &target, lang, placeholders);
            if !more.is_empty() {
                warnings.push(format!("clause {own} points to clause {target} for its definitions"));
                if entries.is_empty() {
                    clause = target;
                }
                entries.extend(more);
            }
        }
    }
    if entries.is_empty() && !says_none {
        warnings.push(format!("clause {own} \"{}\" holds no definition", h.title));
    }
    Found { clause: Some(clause), entries }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_split_in_order() {
        assert_eq!(
            split_references("[b-ITU-T J.112 Annex B], [b-ITU-T J.122]"),
            vec!["[b-ITU-T J.112 Annex B]", "[b-ITU-T J.122]"]
        );
        assert_eq!(split_references("[ITU-T E.108]"), vec!["[ITU-T E.108]"]);
        assert_eq!(split_references("[a [b]] and [c]"), vec!["[a [b]]", "[c]"]);
        assert!(split_references(" ").is_empty());
    }

    #[test]
    fn definitions_titles() {
        for t in
            ["Definitions", "Terms and definitions", "Définitions", "Definiciones", "Определения", "التعاريف", "定义"]
        {
            assert!(mentions_definitions(t), "{t}");
        }
        assert!(!mentions_definitions("Abbreviations and acronyms"));
        assert!(!mentions_definitions("Conventions"));
    }
}
