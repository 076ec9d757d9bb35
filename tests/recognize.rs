//! Precision and recall of the recognizer on real ITU text, through the library API: E.119
//! (04/2017) in five languages (tests/fixtures/docx). For each version, a dictionary of
//! E.119's own defined terms (clause 3, as the Word reader imports them, each with its
//! abbreviation) annotates the body of the document, and the occurrences found are checked
//! against a list made by reading that text (`tests/fixtures/recognize/e119-<lang>.txt`:
//! every occurrence of each defined term, inflected forms included, counted by hand; see
//! the header of each list). Precision and recall must be at least 0.95 in each language.

use std::collections::BTreeMap;
use std::path::Path;

use hexaglot::interchange::docx::{self, package::Package, Limits};
use hexaglot::model::{ConceptId, Lang};
use hexaglot::recognize::{ConceptTerms, Dictionary, Include, Kind, TermEntry, TermStatus, Visibility};
use quick_xml::events::Event;

const DOCX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx");
const LISTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/recognize");

fn file(lang: Lang) -> String {
    let letter = match lang {
        Lang::En => 'E',
        Lang::Fr => 'F',
        Lang::Es => 'S',
        Lang::Ru => 'R',
        Lang::Ar => 'A',
        Lang::Zh => 'C',
    };
    format!("{DOCX}/T-REC-E.119-201704-I!!MSW-{letter}.docx")
}

/// The body of the document as plain text: the text of each paragraph of
/// `word/document.xml` (tabs and line breaks as spaces and line breaks), paragraphs a blank
/// line apart, so that no term is matched across two of them.
fn body(lang: Lang) -> String {
    let f = std::fs::File::open(file(lang)).unwrap();
    let mut pkg = Package::open(std::io::BufReader::new(f), Limits::default()).unwrap();
    let xml = pkg.part_text("word/document.xml").unwrap().expect("word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut para = String::new();
    let mut in_text = false;
    // Deleted text of tracked changes is not part of the document as shown, nor the fallback
    // copy Word keeps of a drawing's text boxes (`mc:Fallback` repeats `mc:Choice`).
    let mut hidden = 0usize;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Start(e) if matches!(e.name().as_ref(), b"w:del" | b"mc:Fallback") => hidden += 1,
            Event::End(e) if matches!(e.name().as_ref(), b"w:del" | b"mc:Fallback") => hidden -= 1,
            Event::Empty(e) if e.name().as_ref() == b"w:tab" => para.push(' '),
            Event::Empty(e) if matches!(e.name().as_ref(), b"w:br" | b"w:cr") => para.push('\n'),
            Event::Empty(e) if e.name().as_ref() == b"w:noBreakHyphen" => para.push('-'),
            Event::Text(t) if in_text && hidden == 0 => para.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text && hidden == 0 => {
                let name = r.decode().unwrap();
                para.push_str(match &*name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                });
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => {
                let p = para.trim();
                if !p.is_empty() {
                    out.push_str(p);
                    out.push_str("\n\n");
                }
                para.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn entry(lang: Lang, text: &str, kind: Kind) -> TermEntry {
    TermEntry { lang, text: text.to_string(), kind, status: TermStatus::Preferred, visibility: Visibility::Public }
}

/// A dictionary of E.119's defined terms in `lang`, from the Word import of that version:
/// one concept per definition, with its abbreviation.
fn dictionary(lang: Lang) -> Dictionary {
    let extracted = docx::read_path(Path::new(&file(lang))).unwrap();
    assert_eq!(extracted.lang, lang);
    assert_eq!(extracted.entries.len(), 8, "E.119 defines eight terms");
    Dictionary::build(extracted.entries.iter().enumerate().map(|(i, e)| {
        let mut entries = vec![entry(lang, &e.term, Kind::Term)];
        entries.extend(e.abbreviation.iter().map(|a| entry(lang, a, Kind::Abbreviation)));
        ConceptTerms { concept: ConceptId(i as i64 + 1), entries }
    }))
}

/// The hand-checked list of `lang`: term → occurrences, one `term<TAB>count` a line; `#`
/// starts a comment.
fn expected(lang: Lang) -> BTreeMap<String, usize> {
    let path = format!("{LISTS}/e119-{}.txt", lang.code());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (term, count) = l.rsplit_once('\t').unwrap_or_else(|| panic!("{path}: {l:?}"));
            (term.to_string(), count.trim().parse().unwrap_or_else(|_| panic!("{path}: {l:?}")))
        })
        .collect()
}

/// Annotates the body of `lang` and compares with the list; returns (precision, recall).
fn precision_recall(lang: Lang) -> (f64, f64) {
    let text = body(lang);
    let d = dictionary(lang);
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for s in d.annotate(lang, &text, Include::Public) {
        let at: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        let term = d.term(&s);
        assert_eq!(at, s.text(&text), "offsets of {s:?}");
        eprintln!("{}: {:?} → {:?}", lang.code(), s.text(&text), term);
        *found.entry(term).or_default() += 1;
    }
    let expected = expected(lang);
    for term in expected.keys() {
        assert!(!d.lookup(lang, term).is_empty(), "{}: {term:?} is not one of E.119's terms", lang.code());
    }
    let right: usize = expected.iter().map(|(t, &n)| n.min(found.get(t).copied().unwrap_or(0))).sum();
    let found_total: usize = found.values().sum();
    let expected_total: usize = expected.values().sum();
    let precision = right as f64 / found_total.max(1) as f64;
    let recall = right as f64 / expected_total.max(1) as f64;
    eprintln!(
        "{}: expected {expected:?}\n    found {found:?}\n    precision {precision:.3}, recall {recall:.3}",
        lang.code()
    );
    (precision, recall)
}

fn check(lang: Lang) {
    let (precision, recall) = precision_recall(lang);
    assert!(precision >= 0.95, "{}: precision {precision:.3}", lang.code());
    assert!(recall >= 0.95, "{}: recall {recall:.3}", lang.code());
}

#[test]
fn e119_english() {
    check(Lang::En);
}

#[test]
fn e119_french() {
    check(Lang::Fr);
}

#[test]
fn e119_spanish() {
    check(Lang::Es);
}

#[test]
fn e119_russian() {
    check(Lang::Ru);
}

#[test]
fn e119_arabic() {
    check(Lang::Ar);
}

/// Writes each version's body and defined terms to `$RECOGNIZE_DUMP/`, to read when making
/// the lists (not a check).
#[test]
fn dump_for_reading() {
    let Some(dir) = std::env::var_os("RECOGNIZE_DUMP") else { return };
    for lang in [Lang::En, Lang::Fr, Lang::Es, Lang::Ru, Lang::Ar] {
        let dir = Path::new(&dir);
        std::fs::write(dir.join(format!("{}.txt", lang.code())), body(lang)).unwrap();
        let extracted = docx::read_path(Path::new(&file(lang))).unwrap();
        let terms: Vec<String> = extracted
            .entries
            .iter()
            .map(|e| format!("{}\t{}", e.term, e.abbreviation.clone().unwrap_or_default()))
            .collect();
        std::fs::write(dir.join(format!("{}.terms", lang.code())), terms.join("\n")).unwrap();
    }
}
