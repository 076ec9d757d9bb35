//! The Word reader on the real ITU files of tests/fixtures/docx (see its README) and on
//! small Word files built here for what those files do not show. Expected values were
//! written down from reading the documents (their document.xml and the clause-3 texts in
//! tests/fixtures/clause3), not from the reader's output.

use std::io::{Cursor, Write};
use std::path::Path;

use hexaglot::interchange::clause3::{self, Origin, ParseOptions};
use hexaglot::interchange::docx::{self, DocxEntry, DocxError, Extracted, Limits, ZipKind};
use hexaglot::model::Lang;

#[path = "support/word.rs"]
mod word;
use word::*;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx");

fn fixture(name: &str) -> Extracted {
    docx::read_path(&Path::new(DIR).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn e119(lang: char) -> Extracted {
    fixture(&format!("T-REC-E.119-201704-I!!MSW-{lang}.docx"))
}

fn entry<'a>(x: &'a Extracted, number: &str) -> &'a DocxEntry {
    x.entries.iter().find(|e| e.number.as_deref() == Some(number)).unwrap_or_else(|| panic!("no entry {number}"))
}

/// term, references, start of definition (`None` = no definition).
fn check(e: &DocxEntry, term: &str, refs: &[&str], def_start: Option<&str>) {
    assert_eq!(e.term, term, "term of {e:?}");
    assert_eq!(e.references, refs, "references of {e:?}");
    assert_eq!(e.reference.as_deref(), refs.first().copied(), "reference of {e:?}");
    match def_start {
        None => assert_eq!(e.definition, None, "definition of {e:?}"),
        Some(d) => assert!(
            e.definition.as_deref().is_some_and(|def| def.starts_with(d)),
            "definition of {e:?} should start with {d:?}"
        ),
    }
}

fn numbers(x: &Extracted) -> Vec<Option<&str>> {
    x.entries.iter().map(|e| e.number.as_deref()).collect()
}

fn abbrs(x: &Extracted) -> Vec<&str> {
    x.abbreviations.iter().map(|a| a.abbreviation.as_str()).collect()
}

fn expansion<'a>(x: &'a Extracted, abbr: &str) -> &'a str {
    &x.abbreviations.iter().find(|a| a.abbreviation == abbr).unwrap_or_else(|| panic!("no {abbr}")).expansion
}

fn origins(x: &Extracted) -> (usize, usize) {
    let elsewhere = x.entries.iter().filter(|e| e.origin == Origin::Elsewhere).count();
    (elsewhere, x.entries.len() - elsewhere)
}

// ------------------------------------------------------------------ E.119, five languages

const E119_NUMBERS: [&str; 8] = ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.2.1", "3.2.2", "3.2.3"];
const E119_ABBRS: [&str; 5] = ["BCP", "DTN", "IoT", "NGN", "UNISDR"];

fn e119_common(x: &Extracted, lang: Lang) {
    let itu = if matches!(lang, Lang::Fr | Lang::Es) { "UIT-T" } else { "ITU-T" };
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T E.119"));
    assert_eq!(x.edition.as_deref(), Some("2017-04"));
    assert_eq!(x.lang, lang);
    assert_eq!(x.sg.as_ref().map(|s| s.as_str()), Some("SG2"));
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert_eq!(numbers(x), E119_NUMBERS.map(Some).to_vec());
    assert_eq!(origins(x), (5, 3));
    assert_eq!(abbrs(x), E119_ABBRS);
    assert!(x.warnings.is_empty(), "{:?}", x.warnings);
    for n in ["3.1.3", "3.1.4"] {
        assert_eq!(entry(x, n).references, [format!("[{itu} E.108]")]);
        assert_eq!(entry(x, n).definition, None);
    }
    assert_eq!(entry(x, "3.1.1").references, ["[b-FG-NRR]"]);
    assert_eq!(entry(x, "3.1.2").references, ["[b-UNISDR]"]);
    assert_eq!(entry(x, "3.1.5").references, [format!("[{itu} Y.2001]")]);
    for n in ["3.2.1", "3.2.2", "3.2.3"] {
        assert!(entry(x, n).references.is_empty() && entry(x, n).definition.is_some());
    }
}

#[test]
fn e119_english() {
    let x = e119('E');
    e119_common(&x, Lang::En);
    assert_eq!(x.file, "T-REC-E.119-201704-I!!MSW-E.docx");
    assert_eq!(
        x.title.as_deref(),
        Some("Requirements for safety confirmation and broadcast message service for disaster relief")
    );
    let e = entry(&x, "3.1.1");
    check(e, "delay tolerant network", &["[b-FG-NRR]"], Some("DTN technology stores the information when"));
    assert_eq!(e.abbreviation.as_deref(), Some("DTN"));
    check(entry(&x, "3.1.2"), "disaster", &["[b-UNISDR]"], Some("A serious disruption of the functioning"));
    check(entry(&x, "3.1.3"), "disaster relief", &["[ITU-T E.108]"], None);
    check(entry(&x, "3.1.4"), "disaster relief system", &["[ITU-T E.108]"], None);
    let e = entry(&x, "3.1.5");
    check(e, "next generation network", &["[ITU-T Y.2001]"], None);
    assert_eq!(e.abbreviation.as_deref(), Some("NGN"));
    let e = entry(&x, "3.2.1");
    check(e, "business continuity plan", &[], Some("A plan that enables businesses to continue"));
    assert_eq!(e.abbreviation.as_deref(), Some("BCP"));
    check(entry(&x, "3.2.3"), "victim", &[], Some("A person affected by a disaster."));
    assert_eq!(expansion(&x, "BCP"), "Business Continuity Plan");
    assert_eq!(expansion(&x, "UNISDR"), "United Nations International Strategy for Disaster Reduction");
}

#[test]
fn e119_french() {
    let x = e119('F');
    e119_common(&x, Lang::Fr);
    assert!(x.title.as_deref().is_some_and(|t| t.starts_with("Exigences applicables à un service de confirmation")));
    check(entry(&x, "3.1.1"), "réseau tolérant aux délais", &["[b-FG-NRR]"], Some("un réseau DTN enregistre"));
    check(entry(&x, "3.1.2"), "catastrophe", &["[b-UNISDR]"], Some("grave perturbation du fonctionnement"));
    check(entry(&x, "3.1.3"), "secours en cas de catastrophe", &["[UIT-T E.108]"], None);
    check(entry(&x, "3.2.3"), "victime", &[], Some("personne touchée par une catastrophe."));
    // The translated list gives the English expansion in parentheses: kept apart.
    let bcp = &x.abbreviations[0];
    assert_eq!(bcp.expansion, "plan de continuité des activités");
    assert_eq!(bcp.expansion_en.as_deref(), Some("business continuity plan"));
    assert_eq!(expansion(&x, "IoT"), "Internet des objets");
}

#[test]
fn e119_spanish() {
    let x = e119('S');
    e119_common(&x, Lang::Es);
    check(entry(&x, "3.1.2"), "catástrofe", &["[b-UNISDR]"], Some("Seria interrupción en el funcionamiento"));
    let e = entry(&x, "3.2.1");
    check(e, "plan de continuidad de las actividades", &[], Some("Plan que permite a las empresas"));
    assert_eq!(e.abbreviation.as_deref(), Some("PCA"));
    check(entry(&x, "3.2.3"), "víctima", &[], Some("Persona afectada por una catástrofe."));
    assert_eq!(expansion(&x, "NGN"), "Red de próxima generación");
}

#[test]
fn e119_russian() {
    let x = e119('R');
    e119_common(&x, Lang::Ru);
    assert!(x.title.as_deref().is_some_and(|t| t.starts_with("Требования к услуге подтверждения безопасности")));
    let e = entry(&x, "3.1.1");
    check(e, "сети, устойчивые к задержкам", &["[b-FG-NRR]"], Some("Технология DTN обеспечивает"));
    assert_eq!(e.term_en.as_deref(), Some("delay tolerant networks"));
    assert_eq!(e.abbreviation.as_deref(), Some("DTN"));
    let e = entry(&x, "3.1.2");
    check(e, "бедствие", &["[b-UNISDR]"], Some("Серьезное нарушение функционирования"));
    assert_eq!(e.term_en.as_deref(), Some("disaster"));
    let e = entry(&x, "3.1.5");
    assert_eq!((e.abbreviation.as_deref(), e.term_en.as_deref()), (Some("СПП"), Some("next generation network")));
    let e = entry(&x, "3.2.1");
    check(e, "план обеспечения непрерывной деятельности", &[], Some("План, позволяющий предприятиям"));
    assert_eq!(e.abbreviation.as_deref(), Some("ПНД"));
    // The Russian list is a table: Latin abbreviation, English, Russian abbreviation, Russian.
    let bcp = &x.abbreviations[0];
    assert_eq!(bcp.expansion, "План обеспечения непрерывной деятельности");
    assert_eq!(bcp.expansion_en.as_deref(), Some("Business Continuity Plan"));
    assert_eq!(bcp.local_abbreviation.as_deref(), Some("ПНД"));
    assert_eq!(expansion(&x, "IoT"), "Интернет вещей");
    assert_eq!(x.abbreviations[1].local_abbreviation, None);
}

#[test]
fn e119_arabic_numbers_right_to_left() {
    let x = e119('A');
    e119_common(&x, Lang::Ar);
    assert!(x.title.as_deref().is_some_and(|t| t.starts_with("متطلبات خدمة تأكيد السلامة")));
    // Written "2.1.3" in the file: clause 3.1.2.
    let e = entry(&x, "3.1.2");
    check(e, "الكارثة", &["[b-UNISDR]"], Some("اختلال خطير في سير العمل"));
    assert_eq!(e.term_en.as_deref(), Some("disaster"));
    check(entry(&x, "3.2.3"), "الضحايا", &[], Some("الأشخاص المتضررون"));
    assert_eq!(expansion(&x, "BCP"), "خطة استمرارية الأعمال");
    assert_eq!(x.abbreviations[0].expansion_en.as_deref(), Some("Business Continuity Plan"));
}

#[test]
fn e119_five_languages_align_by_clause_number() {
    let versions: Vec<(Lang, Extracted)> =
        [('E', Lang::En), ('F', Lang::Fr), ('S', Lang::Es), ('R', Lang::Ru), ('A', Lang::Ar)]
            .into_iter()
            .map(|(c, l)| (l, e119(c)))
            .collect();
    let disaster: Vec<&str> = versions.iter().map(|(_, x)| entry(x, "3.1.2").term.as_str()).collect();
    assert_eq!(disaster, ["disaster", "catastrophe", "catástrofe", "бедствие", "الكارثة"]);
    let as_text: Vec<(Lang, Vec<clause3::Entry>)> =
        versions.iter().map(|(l, x)| (*l, x.entries.iter().map(DocxEntry::to_clause3).collect())).collect();
    let records = clause3::to_records(&as_text, None, None);
    assert_eq!(records.len(), 8);
    for r in &records {
        assert_eq!(r.sections.len(), 5, "{}", r.place);
    }
    for (_, x) in &versions {
        assert_eq!(abbrs(x), E119_ABBRS);
    }
}

// ------------------------------------------------------------------ the other real files

#[test]
fn g650_1_topical_subclauses_and_many_abbreviations() {
    let x = fixture("G.650.1-201803.docx");
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T G.650.1"));
    assert_eq!(x.edition.as_deref(), Some("2018-03"));
    assert_eq!(x.sg.as_ref().map(|s| s.as_str()), Some("SG15"));
    assert_eq!(x.lang, Lang::En);
    assert_eq!(
        x.title.as_deref(),
        Some("Definitions and test methods for linear, deterministic attributes of single-mode fibre and cable")
    );
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert_eq!(x.entries.len(), 32);
    assert_eq!(x.abbreviations.len(), 27);
    assert_eq!(origins(&x), (0, 32));
    let e = entry(&x, "3.1.1");
    check(e, "alternative test method", &[], Some("A test method in which a given characteristic"));
    assert_eq!(e.abbreviation.as_deref(), Some("ATM"));
    check(entry(&x, "3.3.2"), "cladding centre", &[], Some("The centre of a circle which best fits"));
    assert_eq!(entry(&x, "3.3.2").notes, ["The method of best fitting has to be specified."]);
    let e = entry(&x, "3.3.7");
    assert_eq!(e.notes.len(), 2);
    assert!(e.notes[1].starts_with("Usually, the core centre represents"));
    // 3.4.1 "mode field definitions" is a heading, not an entry.
    assert!(x.entries.iter().all(|e| e.number.as_deref() != Some("3.4.1")));
    check(entry(&x, "3.4.1.1"), "mode field", &[], Some("The mode field is the single-mode field"));
    // Word's non-breaking hyphen (w:noBreakHyphen) is kept for display.
    let d = entry(&x, "3.4.1.5").definition.as_deref().unwrap();
    assert!(d.contains("mode field non\u{2011}circularity"), "{d}");
    check(entry(&x, "3.5.2"), "secondary coating", &[], Some("The one or more layers of coating material"));
    assert_eq!(abbrs(&x)[..4], ["ATM", "CCD", "DGD", "DWDM"]);
    assert_eq!(expansion(&x, "Nd YAG"), "Neodymium-doped Yttrium Aluminium Garnet");
    assert_eq!(expansion(&x, "WTL"), "Wavelength Tunable Laser");
}

#[test]
fn p917_unnumbered_definition_first() {
    let x = fixture("T-REC-P.917-201901-P!!MSW-E.docx");
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T P.917"));
    assert_eq!(x.edition.as_deref(), Some("2019-01"));
    assert_eq!(x.sg.as_ref().map(|s| s.as_str()), Some("SG12"));
    assert_eq!(
        x.title.as_deref(),
        Some("Subjective test methodology for assessing impact of initial loading delay on Quality of Experience")
    );
    assert_eq!(numbers(&x), [None, Some("3.1.1"), Some("3.1.2"), Some("3.1.3"), Some("3.1.4"), Some("3.2.1")]);
    check(&x.entries[0], "Quality of initial loading experience", &[], Some("The degree to which a user"));
    check(entry(&x, "3.1.2"), "Stalling", &["[ITU-T P.1203]"], None);
    check(entry(&x, "3.1.4"), "Quality of Experience", &["[ITU-T P.10/G.100]"], None);
    check(entry(&x, "3.2.1"), "Overall quality", &[], Some("same as Integral Quality"));
    assert_eq!(abbrs(&x), ["ACR", "FHD", "HD", "HRC", "MOS", "PVS", "QHD", "SRC"]);
    assert_eq!(expansion(&x, "HD"), "High Definition (television)");
    assert_eq!(expansion(&x, "MOS"), "Mean Opinion Score");
}

#[test]
fn q850_none_and_abbreviations() {
    let x = fixture("T-REC-Q.850-201810-I!!MSW-E.docx");
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T Q.850"));
    assert_eq!(x.edition.as_deref(), Some("2018-10"));
    assert_eq!(x.sg.as_ref().map(|s| s.as_str()), Some("SG11"));
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert!(x.entries.is_empty());
    assert!(x.warnings.is_empty(), "\"None.\" is not a problem: {:?}", x.warnings);
    assert_eq!(x.abbreviations.len(), 23);
    assert_eq!(expansion(&x, "ANM"), "Answer Message");
    assert_eq!(expansion(&x, "DSS 1"), "Digital Subscriber Signalling System No. 1 (DSS 1)");
    assert_eq!(expansion(&x, "SS No. 7"), "Signalling System No. 7");
    assert_eq!(expansion(&x, "U"), "User");
    assert_eq!(abbrs(&x).last(), Some(&"UUS"));
}

#[test]
fn t88_flat_numbering_and_abbreviations_subclause() {
    let x = fixture("T-REC-T.88-201808-P!!MSW-E.docx");
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T T.88"));
    assert_eq!(x.edition.as_deref(), Some("2018-08"));
    assert_eq!(x.sg, None);
    assert_eq!(x.title.as_deref(), Some("Information Technology – Lossy/lossless coding of bi-level images"));
    assert_eq!(x.entries.len(), 62);
    check(&x.entries[0], "adaptive template pixel(s)", &[], Some("Special pixel(s), in a template"));
    check(entry(&x, "3.10"), "delta S", &[], Some("Difference in the S coordinates"));
    check(entry(&x, "3.12"), "decoding procedure", &[], Some("Component of a decoder"));
    check(entry(&x, "3.12.11"), "symbol dictionary decoding procedure", &[], Some("Decoding procedure whose output"));
    check(entry(&x, "3.36.2"), "non-empty strip", &[], Some("Strip containing the reference corner"));
    check(x.entries.last().unwrap(), "value", &[], Some("Integer or out-of-band indicator"));
    // 4.1 Abbreviations (12); 4.2 lists symbols (variables), not abbreviations.
    assert_eq!(x.abbreviations.len(), 12);
    assert_eq!(abbrs(&x)[..3], ["AT", "EOFB", "ID"]);
    assert_eq!(expansion(&x, "TPGR"), "Typical prediction for generic refinement bitmap coding");
    assert_eq!(x.abbreviations_clause.as_deref(), Some("4.1"));
}

#[test]
fn skeleton_yields_nothing() {
    let x = fixture("ITUT-Recs-Skelet.docx");
    assert_eq!(x.rec, None);
    assert_eq!(x.edition, None);
    assert_eq!(x.title, None);
    assert_eq!(x.sg, None);
    assert!(x.entries.is_empty(), "{:?}", x.entries);
    assert!(x.abbreviations.is_empty(), "{:?}", x.abbreviations);
    assert!(x.warnings.iter().any(|w| w.contains("Recommendation number")), "{:?}", x.warnings);
}

#[test]
fn json_shape_is_the_issues() {
    let x = e119('E');
    let v = serde_json::to_value(&x).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want =
        ["file", "rec", "edition", "title", "lang", "sg", "definitions_clause", "entries", "abbreviations", "warnings"];
    let mut got = keys.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(v["rec"], "ITU-T E.119");
    assert_eq!(v["edition"], "2017-04");
    assert_eq!(v["lang"], "en");
    assert_eq!(v["sg"], "SG2");
    assert_eq!(v["definitions_clause"], "3");
    let e = &v["entries"][0];
    let mut got: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    got.sort();
    assert_eq!(got, ["abbreviation", "definition", "notes", "number", "origin", "reference", "references", "term"]);
    assert_eq!(e["origin"], "elsewhere");
    assert_eq!(e["references"], serde_json::json!(["[b-FG-NRR]"]));
    let a = &v["abbreviations"][0];
    let mut got: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    got.sort();
    assert_eq!(got, ["abbreviation", "expansion", "references"]);
    // A Russian entry carries its English term as the clause-3 text output does.
    let r = serde_json::to_value(e119('R')).unwrap();
    assert_eq!(r["entries"][1]["term_en"], "disaster");
}

#[test]
fn tells_word_from_workbook() {
    let word = std::fs::read(Path::new(DIR).join("G.650.1-201803.docx")).unwrap();
    assert_eq!(docx::sniff(Cursor::new(word)), ZipKind::Word);
    let book = zip_of(&[("[Content_Types].xml", b"<Types/>".to_vec()), ("xl/workbook.xml", b"<workbook/>".to_vec())]);
    assert_eq!(docx::sniff(Cursor::new(book.clone())), ZipKind::Workbook);
    let err = docx::read(Cursor::new(book), "book.docx").unwrap_err();
    assert!(matches!(err, DocxError::NotWord(_)) && err.to_string().contains("workbook"), "{err}");
    assert_eq!(docx::sniff(Cursor::new(b"term: definition".to_vec())), ZipKind::NotZip);
    let other = zip_of(&[("mimetype", b"application/epub+zip".to_vec())]);
    assert_eq!(docx::sniff(Cursor::new(other)), ZipKind::OtherZip);
}

fn read_bytes(bytes: Vec<u8>, name: &str) -> Extracted {
    docx::read(Cursor::new(bytes), name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A vocabulary whose clause 3 points to clause 6, with what real vocabularies hold.
fn vocabulary() -> Vec<u8> {
    let tracked = concat!(
        "<w:p><w:r><w:t>6.5</w:t></w:r><w:r><w:tab/></w:r>",
        "<w:del w:id=\"1\" w:author=\"TSB\"><w:r><w:rPr><w:b/></w:rPr><w:delText>headend</w:delText><w:noBreakHyphen/><w:delText>equipment</w:delText></w:r></w:del>",
        "<w:moveFrom w:id=\"3\" w:author=\"TSB\"><w:r><w:rPr><w:b/></w:rPr><w:t>moved away</w:t></w:r></w:moveFrom>",
        "<w:ins w:id=\"2\" w:author=\"TSB\"><w:r><w:rPr><w:b/></w:rPr><w:t>head-end</w:t></w:r></w:ins>",
        "<w:r><w:t xml:space=\"preserve\">: The central facility of a cable network.</w:t></w:r></w:p>",
    );
    let field = concat!(
        "<w:p><w:r><w:t>6.7</w:t></w:r><w:r><w:tab/></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> REF term_ne \\h </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>network</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:t xml:space=\"preserve\"> element: A part of a network, see </w:t></w:r>",
        "<w:hyperlink r:id=\"rId9\" xmlns:r=\"r\"><w:r><w:t>the catalogue</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>",
    );
    let hyphen = concat!(
        "<w:p><w:r><w:t>6.8</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>non</w:t></w:r><w:r><w:noBreakHyphen/></w:r>",
        "<w:r><w:t>linear distortion: Distortion that is not linear.</w:t></w:r></w:p>",
    );
    let body = [
        p("RecNo", "Recommendation ITU-T J.1000"),
        p("RecTitle", "Vocabulary of cable networks"),
        h1("1\tScope"),
        p("", "This Recommendation compiles terms and definitions for cable networks."),
        h1("2\tReferences"),
        p("", "None."),
        h1("3\tDefinitions"),
        p("", "Clause 6 contains the terms and definitions compiled by this Recommendation."),
        h1("4\tAbbreviations and acronyms"),
        p("", "This Recommendation uses the following abbreviations and acronyms:"),
        table(&[
            &["Abbreviation", "Expansion"],
            &["CM", "Cable Modem [b-ITU-T J.112]"],
            &["CMTS", "Cable Modem Termination System"],
        ]),
        h1("5\tConventions"),
        p("", "None."),
        h1("6\tTerms and definitions"),
        entry_p("6.1", "access control", " [b-ITU-T J.170]: The prevention of unauthorized use of a resource."),
        entry_p(
            "6.2",
            "cable modem",
            " [b-ITU-T J.112 Annex B], [b-ITU-T J.122]: A modulator-demodulator at subscriber premises.",
        ),
        entry_p("6.3", "downstream", " Transmission from the headend to the subscriber: the broadcast direction."),
        entry_p("6.4", "upstream", " Transmission towards the headend."),
        tracked.to_string(),
        p("Note", "The facility may serve a whole region."),
        entry_p("6.6", "access control list", ": A list of the rights of each user."),
        entry_p("6.6bis", "access control", " [b-ITU-T J.223.1]: Security services that prevent unauthorized access."),
        field.to_string(),
        hyphen.to_string(),
        h1("7\tSecurity"),
        p("", "Clause 6.1 applies."),
    ]
    .concat();
    word_file(&body, None)
}

#[test]
fn clause_3_pointing_to_another_clause() {
    let x = read_bytes(vocabulary(), "J.1000.docx");
    assert_eq!(x.definitions_clause.as_deref(), Some("6"));
    assert!(x.warnings.iter().any(|w| w.contains("clause 3 points to clause 6")), "{:?}", x.warnings);
    assert_eq!(numbers(&x), ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.6bis", "6.7", "6.8"].map(Some).to_vec());
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T J.1000"));
    assert_eq!(x.title.as_deref(), Some("Vocabulary of cable networks"));
}

#[test]
fn bis_numbers() {
    let x = read_bytes(vocabulary(), "J.1000.docx");
    let e = entry(&x, "6.6bis");
    check(e, "access control", &["[b-ITU-T J.223.1]"], Some("Security services that prevent"));
    // "One term, several definitions": 6.1 and 6.6bis define the same term.
    check(entry(&x, "6.1"), "access control", &["[b-ITU-T J.170]"], Some("The prevention of unauthorized use"));
    check(entry(&x, "6.6"), "access control list", &[], Some("A list of the rights of each user."));
}

#[test]
fn several_references_all_kept_in_order() {
    let x = read_bytes(vocabulary(), "J.1000.docx");
    let e = entry(&x, "6.2");
    check(e, "cable modem", &["[b-ITU-T J.112 Annex B]", "[b-ITU-T J.122]"], Some("A modulator-demodulator"));
    assert_eq!(e.reference.as_deref(), Some("[b-ITU-T J.112 Annex B]"));
}

#[test]
fn bold_term_without_colon() {
    let x = read_bytes(vocabulary(), "J.1000.docx");
    check(
        entry(&x, "6.3"),
        "downstream",
        &[],
        Some("Transmission from the headend to the subscriber: the broadcast direction."),
    );
    check(entry(&x, "6.4"), "upstream", &[], Some("Transmission towards the headend."));
    // Without Word's bold, the text parser takes everything up to the first colon as the term.
    let text =
        "6 Definitions\n6.3 downstream Transmission from the headend to the subscriber: the broadcast direction.";
    let plain = clause3::parse(text, &ParseOptions { lang: Some(Lang::En) }).unwrap();
    assert_eq!(plain[0].term, "downstream Transmission from the headend to the subscriber");
}

#[test]
fn tracked_changes_fields_hyperlinks_and_nonbreaking_hyphens() {
    let x = read_bytes(vocabulary(), "J.1000.docx");
    let e = entry(&x, "6.5");
    check(e, "head-end", &[], Some("The central facility of a cable network."));
    // A paragraph in the Note style is a note even without "NOTE –".
    assert_eq!(e.notes, ["The facility may serve a whole region."]);
    let e = entry(&x, "6.7");
    check(e, "network element", &[], Some("A part of a network, see the catalogue."));
    let all = serde_json::to_string(&x).unwrap();
    for gone in ["equipment", "moved away", "REF term_ne", "\u{2011}equipment"] {
        assert!(!all.contains(gone), "{gone} in {all}");
    }
    check(entry(&x, "6.8"), "non\u{2011}linear distortion", &[], Some("Distortion that is not linear."));
}

#[test]
fn abbreviations_table_with_references() {
    let x = read_bytes(vocabulary(), "J.1000.docx");
    assert_eq!(abbrs(&x), ["CM", "CMTS"]);
    assert_eq!(x.abbreviations[0].expansion, "Cable Modem");
    assert_eq!(x.abbreviations[0].references, ["[b-ITU-T J.112]"]);
    assert_eq!(x.abbreviations[1].expansion, "Cable Modem Termination System");
    assert!(x.abbreviations[1].references.is_empty());
    assert_eq!(x.abbreviations_clause.as_deref(), Some("4"));
}

#[test]
fn clause_3_about_something_else() {
    let body = [
        h1("1\tScope"),
        p("", "This Recommendation describes a protocol."),
        h1("3\tAcronyms"),
        p("", "PDU\tProtocol Data Unit"),
        h1("4\tArchitecture"),
        entry_p("4.1", "overview", ": The architecture has three layers."),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "T-REC-X.9999-202001-I!!MSW-E.docx");
    assert_eq!(x.definitions_clause, None);
    assert!(x.entries.is_empty(), "{:?}", x.entries);
    assert!(x.warnings.iter().any(|w| w.contains("clause 3 is \"Acronyms\"")), "{:?}", x.warnings);
    // The list of acronyms is still read, wherever it is.
    assert_eq!(abbrs(&x), ["PDU"]);
    // Metadata from ITU's file name when the document has none.
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T X.9999"));
    assert_eq!(x.edition.as_deref(), Some("2020-01"));
}

#[test]
fn automatic_numbering_is_written_out() {
    let numbering = r#"<w:abstractNum w:abstractNumId="7">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:pStyle w:val="Heading1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:pStyle w:val="Heading2"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
      </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>"#;
    let styles_num = |style: &str, lvl: u8| {
        format!("<w:pPr><w:pStyle w:val=\"{style}\"/><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>")
    };
    let numbered = |style: &str, lvl: u8, bold: &str, rest: &str| {
        format!("<w:p>{}{}{}</w:p>", styles_num(style, lvl), runs(bold, true), runs(rest, false))
    };
    let body = [
        numbered("Heading1", 0, "", "Scope"),
        numbered("Heading1", 0, "", "References"),
        numbered("Heading1", 0, "", "Definitions"),
        numbered("Heading2", 1, "", "Terms defined elsewhere"),
        p("", "This Recommendation uses the following terms defined elsewhere:"),
        numbered("", 2, "widget", " [ITU-T X.1]: A small device."),
        numbered("", 2, "gadget", " [ITU-T X.2]."),
        numbered("Heading2", 1, "", "Terms defined in this Recommendation"),
        p("", "This Recommendation defines the following terms:"),
        numbered("", 2, "gizmo", ": A device of unknown purpose."),
        numbered("Heading1", 0, "", "Abbreviations and acronyms"),
        p("", "XYZ\tExtra Yield Zone"),
    ]
    .concat();
    let x = read_bytes(word_file(&body, Some(numbering)), "numbered.docx");
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert_eq!(numbers(&x), [Some("3.1.1"), Some("3.1.2"), Some("3.2.1")]);
    check(&x.entries[0], "widget", &["[ITU-T X.1]"], Some("A small device."));
    check(&x.entries[1], "gadget", &["[ITU-T X.2]"], None);
    check(&x.entries[2], "gizmo", &[], Some("A device of unknown purpose."));
    assert_eq!(origins(&x), (2, 1));
    assert_eq!(abbrs(&x), ["XYZ"]);
    assert_eq!(x.abbreviations_clause.as_deref(), Some("4"));
}

// ------------------------------------------------------------------ hostile files

#[test]
fn not_a_word_file() {
    for bytes in [b"3.1 term: definition".to_vec(), b"%PDF-1.7\n".to_vec(), Vec::new(), b"PK\x03\x04garbage".to_vec()] {
        let err = docx::read(Cursor::new(bytes.clone()), "x.docx").unwrap_err();
        assert!(matches!(err, DocxError::NotZip | DocxError::BadZip(_)), "{bytes:?}: {err}");
        assert!(err.to_string().contains("not a"), "{err}");
    }
    let odt =
        zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text".to_vec()), ("content.xml", b"<x/>".to_vec())]);
    let err = docx::read(Cursor::new(odt), "x.docx").unwrap_err();
    assert!(matches!(err, DocxError::NotWord(_)), "{err}");
    // Into the domain error, a clear invalid-input message.
    let e: hexaglot::error::Error = err.into();
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

#[test]
fn doctype_and_entities_are_refused() {
    let bomb = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let file = zip_of(&[("word/document.xml", bomb.into_bytes())]);
    let err = docx::read(Cursor::new(file), "lol.docx").unwrap_err();
    assert!(matches!(err, DocxError::Doctype { .. }), "{err}");
    assert!(err.to_string().contains("DOCTYPE"), "{err}");
    // An entity nobody declared (no DOCTYPE at all) is refused too, in text and in attributes.
    for body in ["<w:p><w:r><w:t>&c;</w:t></w:r></w:p>", "<w:p><w:pPr><w:pStyle w:val=\"&c;\"/></w:pPr></w:p>"] {
        let file = zip_of(&[("word/document.xml", document_xml(body))]);
        let err = docx::read(Cursor::new(file), "ent.docx").unwrap_err();
        assert!(matches!(err, DocxError::Entity { .. }), "{err}");
    }
    // Character references and the five XML entities are text.
    let title = r#"<w:p><w:pPr><w:pStyle w:val="RecTitle"/></w:pPr><w:r><w:t>A &amp; B &#8211; C</w:t></w:r></w:p>"#;
    let file = word_file(title, None);
    assert_eq!(read_bytes(file, "ok.docx").title.as_deref(), Some("A & B – C"));
}

#[test]
fn a_part_inflating_past_its_limit() {
    let para = p("", "Some text of a long document that goes on and on.");
    let body = para.repeat(40_000); // about 3 MiB of XML, a few kilobytes zipped
    let file = word_file(&body, None);
    assert!(file.len() < 200_000, "{}", file.len());
    let limits = Limits { max_document: 1 << 20, ..Limits::default() };
    let err = docx::read_within(Cursor::new(file.clone()), "big.docx", limits).unwrap_err();
    assert!(matches!(err, DocxError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("word/document.xml inflate"), "{err}");
    let e: hexaglot::error::Error = err.into();
    assert!(matches!(e, hexaglot::error::Error::TooLarge(_)));
    // The same file within the default limits reads.
    assert!(docx::read(Cursor::new(file), "big.docx").is_ok());
}

/// Raw DEFLATE with the fixed Huffman codes: `head` as literals, then `pattern` repeated
/// until `total` bytes by back-references of 258 bytes (2 bytes each: a true zip bomb).
fn deflate_bomb(head: &[u8], pattern: &[u8], total: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, len: u32) {
            self.acc |= u64::from(value) << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let rev = (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
            self.put(rev, len);
        }
        fn literal(&mut self, b: u8) {
            match b {
                0..=143 => self.code(0x30 + u32::from(b), 8),
                _ => self.code(0x190 + u32::from(b) - 144, 9),
            }
        }
    }
    const DIST_BASE: [u32; 16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193];
    const DIST_EXTRA: [u32; 16] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6];
    let mut b = Bits { out: Vec::new(), acc: 0, n: 0 };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman codes
    for &c in head.iter().chain(pattern) {
        b.literal(c);
    }
    let d = pattern.len() as u32;
    let i = DIST_BASE.iter().rposition(|&base| base <= d).unwrap();
    let mut written = head.len() + pattern.len();
    while written + 258 <= total {
        b.code(0xC0 + 285 - 280, 8); // length 258
        b.code(i as u32, 5);
        b.put(d - DIST_BASE[i], DIST_EXTRA[i]);
        written += 258;
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

/// A zip holding one deflated part, written by hand (its CRC is never reached).
fn zip_with_raw_deflate(name: &str, data: &[u8], inflated: u32) -> Vec<u8> {
    let le16 = |v: u16| v.to_le_bytes().to_vec();
    let le32 = |v: u32| v.to_le_bytes().to_vec();
    let n = name.len() as u16;
    let c = data.len() as u32;
    let mut out = [
        le32(0x0403_4b50),
        le16(20),
        le16(0),
        le16(8),
        le16(0),
        le16(0x21),
        le32(0),
        le32(c),
        le32(inflated),
        le16(n),
        le16(0),
    ]
    .concat();
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    let cd_at = out.len() as u32;
    let cd = [
        le32(0x0201_4b50),
        le16(20),
        le16(20),
        le16(0),
        le16(8),
        le16(0),
        le16(0x21),
        le32(0),
        le32(c),
        le32(inflated),
        le16(n),
        le16(0),
        le16(0),
        le16(0),
        le16(0),
        le32(0),
        le32(0),
    ]
    .concat();
    out.extend_from_slice(&cd);
    out.extend_from_slice(name.as_bytes());
    let cd_len = out.len() as u32 - cd_at;
    out.extend([le32(0x0605_4b50), le16(0), le16(0), le16(1), le16(1), le32(cd_len), le32(cd_at), le16(0)].concat());
    out
}

#[test]
fn zip_bomb_is_stopped_at_the_limit() {
    // 1 GiB of empty elements in a zip of about 8 MiB: reading stops at the 128 MiB a
    // document may inflate to, whatever sizes the zip declares, with memory flat.
    let head = format!(r#"<w:document xmlns:w="{W_NS}"><w:body>"#);
    let data = deflate_bomb(head.as_bytes(), br#"<w:bookmarkEnd w:id="0"/>"#, 1 << 30);
    let file = zip_with_raw_deflate("word/document.xml", &data, 1 << 30);
    assert!(file.len() < 10 << 20, "{}", file.len());
    let err = docx::read(Cursor::new(file.clone()), "bomb.docx").unwrap_err();
    assert!(matches!(err, DocxError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("word/document.xml inflate"), "{err}");
    // The same stream cut at 1 MiB is read to its end (where the zip's checksum is checked):
    // what stops the big one is the limit, not a broken stream.
    let small = deflate_bomb(head.as_bytes(), br#"<w:bookmarkEnd w:id="0"/>"#, 1 << 20);
    let file = zip_with_raw_deflate("word/document.xml", &small, 1 << 20);
    let err = docx::read(Cursor::new(file), "small.docx").unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");
}

#[test]
fn too_many_zip_entries() {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..25_000 {
        z.start_file(format!("f{i}"), opts).unwrap();
    }
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(&document_xml("")).unwrap();
    let file = z.finish().unwrap().into_inner();
    let err = docx::read(Cursor::new(file), "many.docx").unwrap_err();
    assert!(matches!(err, DocxError::TooLarge { .. }) && err.to_string().contains("entries"), "{err}");
}

// ------------------------------------------------------------------ scale

#[test]
fn vocabulary_of_1500_definitions_and_2000_abbreviations() {
    let file = word::vocabulary(1500, 2000);
    let x = read_bytes(file, "vocabulary.docx");
    assert_eq!(x.entries.len(), 1500);
    assert_eq!(x.abbreviations.len(), 2000);
    assert_eq!(x.entries[1499].number.as_deref(), Some("3.1.1500"));
    assert_eq!(x.entries[9].notes, ["A note about term 10."]);
    assert_eq!(x.abbreviations[1999].abbreviation, "BJJJ");
}

// ------------------------------------------------------------------ other layouts

#[test]
fn clause_3_with_entries_that_also_points_elsewhere() {
    let body = [
        h1("3\tDefinitions"),
        h2("3.1\tTerms defined elsewhere"),
        entry_p("3.1.1", "headend", " [b-ITU-T J.112]."),
        h2("3.2\tTerms defined in this Recommendation"),
        p("", "Clause 6 contains the terms and definitions compiled by this Recommendation."),
        h1("4\tAbbreviations and acronyms"),
        p("", "None."),
        h1("6\tVocabulary"),
        entry_p("6.1", "tap", ": A device that splits the signal, as in clause 6.1 of [b-ITU-T J.1]."),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "mixed.docx");
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert_eq!(numbers(&x), [Some("3.1.1"), Some("6.1")]);
    check(&x.entries[1], "tap", &[], Some("A device that splits the signal"));
}

#[test]
fn headings_without_styles_are_found_by_their_layout() {
    let body = [
        p("", "1\tScope"),
        p("", "This Recommendation defines a few terms."),
        p("", "3\tDefinitions"),
        p("", "3.1\tTerms defined elsewhere"),
        p("", "This Recommendation uses the following terms defined elsewhere:"),
        entry_p("3.1.1", "router", " [ITU-T Y.1]: A device that forwards packets."),
        p("", "3.2\tTerms defined in this Recommendation"),
        p("", "This Recommendation defines the following terms:"),
        entry_p("3.2.1", "switch", ": A device that forwards frames."),
        p("", "4\tAbbreviations and acronyms"),
        p("", "NGN Next Generation Network"),
        p("", "IP\tInternet Protocol"),
        p("", "5\tConventions"),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "plain.docx");
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert_eq!(numbers(&x), [Some("3.1.1"), Some("3.2.1")]);
    assert_eq!(origins(&x), (1, 1));
    assert_eq!(abbrs(&x), ["NGN", "IP"]);
    // Styled headings for some clauses, the definitions clause typed by hand: its layout still tells.
    let body = [
        h1("1\tScope"),
        p("", "3\tDefinitions"),
        entry_p("3.1", "router", ": A device that forwards packets."),
        entry_p("3.2", "switch", ": A device that forwards frames."),
        h1("4\tAbbreviations and acronyms"),
        p("", "IP\tInternet Protocol"),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "half.docx");
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert_eq!(numbers(&x), [Some("3.1"), Some("3.2")]);
}

#[test]
fn contribution_header_table_gives_title_and_study_group() {
    let body = [
        table(&[
            &["Question(s):", "6/17"],
            &["Study Group:", "17"],
            &["Title:", "Draft new Recommendation ITU-T X.1999: Terms for trust"],
        ]),
        p("RecNo", "Draft new Recommendation ITU-T X.1999"),
        h1("3\tDefinitions"),
        entry_p("3.1", "trust", ": Reliance on a party."),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "td.docx");
    assert_eq!(x.rec.as_ref().map(|r| r.as_str()), Some("ITU-T X.1999"));
    assert_eq!(x.sg.as_ref().map(|s| s.as_str()), Some("SG17"));
    assert_eq!(x.title.as_deref(), Some("Draft new Recommendation ITU-T X.1999: Terms for trust"));
    assert_eq!(x.edition, None);
    assert_eq!(x.entries.len(), 1);
}

#[test]
fn definitions_in_a_table() {
    let body = [
        h1("3\tDefinitions"),
        p("", "This Recommendation defines the following terms:"),
        table(&[
            &["Term", "Definition", "Source"],
            &["jitter", "Short-term variations of the significant instants of a signal.", "[b-ITU-T G.810]"],
            &["wander", "Long-term variations of the significant instants of a signal.", ""],
        ]),
        h1("4\tAbbreviations and acronyms"),
        table(&[&["3.5", "holdover", "An operating condition of a clock that has lost its reference."]]),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "table.docx");
    assert_eq!(numbers(&x), [None, None]);
    check(&x.entries[0], "jitter", &["[b-ITU-T G.810]"], Some("Short-term variations of the significant"));
    check(&x.entries[1], "wander", &[], Some("Long-term variations"));
    let body = [
        h1("3\tDefinitions"),
        table(&[
            &["3.1", "holdover", "An operating condition of a clock that has lost its reference."],
            &["3.2", "free-run", "An operating condition of a clock that never had a reference."],
        ]),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "numbered-table.docx");
    assert_eq!(numbers(&x), [Some("3.1"), Some("3.2")]);
    check(&x.entries[1], "free-run", &[], Some("An operating condition of a clock that never"));
}

#[test]
fn definitions_and_abbreviations_in_one_clause() {
    let body = [
        h1("3\tDefinitions and abbreviations"),
        h2("3.1\tDefinitions"),
        entry_p("3.1.1", "router", ": A device that forwards packets."),
        entry_p("3.1.2", "switch", ": A device that forwards frames."),
        h2("3.2\tAbbreviations"),
        p("", "IP\tInternet Protocol"),
        p("", "MAC\tMedium Access Control"),
        h1("4\tConventions"),
        p("", "None."),
        h1("7\tAbbreviations"),
        p("", "See clause 3.2."),
    ]
    .concat();
    let x = read_bytes(word_file(&body, None), "both.docx");
    assert_eq!(x.definitions_clause.as_deref(), Some("3"));
    assert_eq!(numbers(&x), [Some("3.1.1"), Some("3.1.2")]);
    check(&x.entries[1], "switch", &[], Some("A device that forwards frames."));
    assert_eq!(x.entries[1].definition.as_deref(), Some("A device that forwards frames."));
    assert_eq!(abbrs(&x), ["IP", "MAC"]);
    assert_eq!(x.abbreviations_clause.as_deref(), Some("3.2"));
}

#[test]
fn the_report_reads_back() {
    let x = e119('R');
    let json = serde_json::to_string(&x).unwrap();
    let back: Extracted = serde_json::from_str(&json).unwrap();
    assert_eq!(back.entries, x.entries);
    assert_eq!(back.rec, x.rec);
    assert_eq!(back.abbreviations.len(), 5);
}

#[test]
fn one_endless_text_is_stopped_at_the_limit() {
    // A single text node of 1 GiB: read into one buffer, it would take all memory.
    let head = format!(r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>"#);
    let data = deflate_bomb(head.as_bytes(), &[b'a'; 32], 1 << 30);
    let file = zip_with_raw_deflate("word/document.xml", &data, 1 << 30);
    let err = docx::read(Cursor::new(file), "text-bomb.docx").unwrap_err();
    assert!(matches!(err, DocxError::TooLarge { .. }), "{err}");
}
