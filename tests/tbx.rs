//! TBX import/export: real files, official samples, hostile input, and a validated round trip.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;

use hexaglot::interchange::tbx::{
    for_each_entry, parse_source, read, Header, ReadOptions, TbxDocument, TbxError, TbxWriter,
};
use hexaglot::model::{
    Concept, ConceptId, ConceptStatus, Lang, LangSection, Origin, OriginKind, SectionContent, SectionStatus, Source,
    Term, TermKind,
};

/// The official schemas, their checker and the real TBX files (tests/fixtures/PROVENANCE.md).
fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tbx")
}

fn read_path(p: &Path) -> Result<TbxDocument, TbxError> {
    read(std::io::BufReader::new(std::fs::File::open(p).unwrap()), &ReadOptions::default())
}

fn read_str(s: &[u8]) -> Result<TbxDocument, TbxError> {
    read(Cursor::new(s), &ReadOptions::default())
}

/// Counts `<term>` / `<term …>` / `<term/>` elements by a plain byte scan, skipping comments.
fn count_term_elements(data: &[u8]) -> u64 {
    let mut n = 0;
    let mut i = 0;
    while i < data.len() {
        if data[i..].starts_with(b"<!--") {
            i = data[i..].windows(3).position(|w| w == b"-->").map_or(data.len(), |p| i + p + 3);
            continue;
        }
        if data[i..].starts_with(b"<term") {
            if let Some(&c) = data.get(i + 5) {
                if matches!(c, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r') {
                    n += 1;
                }
            }
        }
        i += 1;
    }
    n
}

fn tbx_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(tbx_files(&p));
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("tbx" | "xml")) {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn terms_in(doc: &TbxDocument) -> u64 {
    doc.entries
        .iter()
        .flat_map(|e| &e.sections)
        .map(|s| (s.content.terms.len() + s.content.abbreviations.len()) as u64)
        .sum()
}

#[test]
fn every_real_file_keeps_every_term() {
    let files = tbx_files(&shared().join("real"));
    assert!(files.len() >= 10, "expected the real-file corpus, found {files:?}");
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let expected = count_term_elements(&data);
        assert!(expected > 0, "{}", f.display());
        let doc = read_path(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(terms_in(&doc), expected, "{}: terms returned", f.display());
        assert_eq!(doc.summary.terms, expected, "{}: summary", f.display());
        assert_eq!(doc.summary.entries, doc.entries.len() as u64);

        // Dropping other languages drops exactly the terms counted in other_langs.
        let opts = ReadOptions { keep_other_langs: false, ..Default::default() };
        let doc2 = read(Cursor::new(&data), &opts).unwrap();
        let other: u64 = doc2.summary.other_langs.values().sum();
        assert_eq!(terms_in(&doc2) + other, expected, "{}: other-language accounting", f.display());
        assert!(doc2.entries.iter().flat_map(|e| &e.sections).all(|s| s.lang.is_some()));

        // Streaming gives the same entries.
        let mut streamed = Vec::new();
        let sum = for_each_entry(Cursor::new(&data), &ReadOptions::default(), |e| {
            streamed.push(e);
            Ok(())
        })
        .unwrap();
        assert_eq!(streamed, doc.entries, "{}", f.display());
        assert_eq!(sum, doc.summary);
    }
}

#[test]
fn iate_excerpt_languages_and_terms() {
    let doc = read_path(&shared().join("real/tbx2rdf-samples/iatefullmini.xml")).unwrap();
    assert_eq!(doc.dialect, "martif TBX-Default");
    assert_eq!(doc.entries.len(), 2);
    let tags: BTreeSet<&str> = doc.entries.iter().flat_map(|e| &e.sections).map(|s| s.lang_tag.as_str()).collect();
    let expected: BTreeSet<&str> =
        "bg cs da de el en es et fi fr ga hu it lt lv nl pl pt ro sk sl sv".split(' ').collect();
    assert_eq!(tags, expected);
    let e = &doc.entries[1];
    assert_eq!(e.id.as_deref(), Some("IATE-84"));
    assert_eq!(e.subject_field.as_deref(), Some("1011"));
    let term = |l: Lang| e.sections.iter().find(|s| s.lang == Some(l)).unwrap().content.preferred_term().unwrap();
    assert_eq!(term(Lang::Fr), "compétence des États membres");
    assert_eq!(term(Lang::En), "competence of the Member States");
    assert_eq!(term(Lang::Es), "competencias de los Estados miembros");
    assert_eq!(doc.summary.other_langs.len(), 19);
    assert_eq!(doc.summary.other_langs["ro"], 2);
}

#[test]
fn weblate_glossaries() {
    let doc = read_path(&shared().join("real/weblate-glossary/fr.tbx")).unwrap();
    let pair = |en: &str| {
        doc.entries
            .iter()
            .find(|e| e.sections[0].content.preferred_term() == Some(en))
            .unwrap_or_else(|| panic!("{en}"))
    };
    let g = pair("glossary");
    assert_eq!(g.sections[1].lang, Some(Lang::Fr));
    assert_eq!(g.sections[1].content.terms, vec![Term { text: "glossaire".into(), status: TermKind::Preferred }]);
    // <note from="translator"> after the langSets is an entry note.
    assert_eq!(pair("memory").note, vec!["Attention au genre du mot (forte probabilité qu’il s’agisse du masculin)"]);
    // An untyped, misplaced <descrip> is kept as a note too.
    assert!(pair("plan").note.iter().any(|n| n.starts_with("Gunakan")));
    // A term with an embedded newline is kept as written.
    assert!(pair("hooks").sections[1].content.terms[0].text.contains("\n\"crochets\""));

    for (file, lang) in [("ar", Lang::Ar), ("es", Lang::Es), ("ru", Lang::Ru), ("zh_Hans", Lang::Zh)] {
        let doc = read_path(&shared().join(format!("real/weblate-glossary/{file}.tbx"))).unwrap();
        assert!(doc.summary.other_langs.is_empty(), "{file}");
        for e in &doc.entries {
            let langs: Vec<_> = e.sections.iter().map(|s| s.lang.unwrap()).collect();
            assert_eq!(langs, vec![Lang::En, lang], "{file} line {}", e.line);
        }
    }
    let ar = read_path(&shared().join("real/weblate-glossary/ar.tbx")).unwrap();
    // <term/> (untranslated) is kept, empty, and counted.
    assert_eq!(ar.summary.empty_terms, 24);
    let commit = ar.entries.iter().find(|e| e.sections[0].content.preferred_term() == Some("Commit")).unwrap();
    assert_eq!(commit.sections[1].content.preferred_term(), Some("الدفعة"));
    assert_eq!(commit.note, vec!["git-commit"]);
}

#[test]
fn kde_maryland_and_oracle_samples() {
    let kde = read_path(&shared().join("real/lokalize/kde-cn_zh-CN_terms.tbx")).unwrap();
    assert_eq!(kde.source_lang.as_deref(), Some("en_US"));
    let add = &kde.entries[0];
    assert_eq!((add.id.as_deref(), add.subject_field.as_deref()), (Some("guo_yunhe-0"), Some("动作")));
    assert_eq!(add.sections[1].lang_tag, "zh-CN");
    assert_eq!(add.sections[1].lang, Some(Lang::Zh));
    assert_eq!(add.sections[1].content.preferred_term(), Some("添加"));
    // <descrip type="subjectField"/> is no subject field.
    assert!(kde.entries.iter().any(|e| e.id.as_deref() == Some("guo_yunhe-76") && e.subject_field.is_none()));

    // XML declaration after white space, ntig/termGrp, entry-level definition, character references.
    let md = read_path(&shared().join("real/tbx2rdf-samples/maryland.tbx")).unwrap();
    let e = &md.entries[0];
    assert!(e.definition_lang_neutral.as_deref().unwrap().ends_with("d'écriture"));
    let fr = &e.sections[0].content.terms;
    assert_eq!(
        fr.iter().map(|t| (t.text.as_str(), t.status)).collect::<Vec<_>>(),
        [("copiste", TermKind::Preferred), ("scribe", TermKind::Admitted), ("écrivain", TermKind::Admitted)]
    );
    let bad = read_path(&shared().join("real/tbx2rdf-samples/sampleTBXfile-badPicklistVal_-_LocalRefs.tbx")).unwrap();
    assert_eq!(bad.entries[0].sections[0].content.preferred_term(), Some("alpha smoothing factor"));
}

#[test]
fn official_samples() {
    let root = shared();
    let mut files = tbx_files(&root.join("v3"));
    files.extend(tbx_files(&root.join("tbx2008")));
    let mut read_ok = 0;
    for f in files {
        let name = f.file_name().unwrap().to_str().unwrap();
        let data = std::fs::read(&f).unwrap();
        let res = read_path(&f);
        if name.contains("notwellformed") {
            let err = res.unwrap_err();
            assert!(matches!(err, TbxError::Xml { .. }), "{name}: {err}");
            assert!(err.line().unwrap() > 30, "{name}: {err}");
            continue;
        }
        let doc = res.unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(terms_in(&doc), count_term_elements(&data), "{}", f.display());
        read_ok += 1;
    }
    // 18 sample files in v3/ and tbx2008/, two of them the not-well-formed ones.
    assert_eq!(read_ok, 16);

    // DCT style reads exactly like DCA style.
    let dca = read_path(&root.join("v3/TBX-Basic_dialect/DCA/Example_Astronomy_DCA_VALID.tbx")).unwrap();
    let dct = read_path(&root.join("v3/TBX-Basic_dialect/DCT/Example_Astronomy_DCT_VALID.tbx")).unwrap();
    // 45 <conceptEntry> and 84 <langSec> in each file.
    assert_eq!(dca.entries.len(), 45);
    assert_eq!(dct.entries.len(), 45);
    let sections = |d: &TbxDocument| d.entries.iter().map(|e| e.sections.len()).sum::<usize>();
    assert_eq!((sections(&dca), sections(&dct)), (84, 84));
    for (a, b) in dca.entries.iter().zip(&dct.entries) {
        assert_eq!(a.sections.len(), b.sections.len(), "{:?}", a.id);
        assert_eq!((a.id.clone(), a.line > 0), (b.id.clone(), b.line > 0));
        assert_eq!(a.subject_field, b.subject_field);
        assert_eq!(a.created, b.created);
        assert_eq!(a.modified, b.modified);
        for (x, y) in a.sections.iter().zip(&b.sections) {
            // (the two sample files place a few notes differently)
            assert_eq!((&x.content.terms, &x.content.definition), (&y.content.terms, &y.content.definition));
            assert_eq!(x.source, y.source);
        }
    }
    let c1 = &dca.entries[0];
    assert_eq!(c1.created.as_deref(), Some("2010-04-17T00:00:00Z"));
    assert_eq!(c1.modified.as_deref(), Some("2010-05-01T00:00:00Z"));
    assert_eq!(c1.transactions[0].responsibility.as_deref(), Some("Tommy"));
    let en = &c1.sections[0];
    assert_eq!(en.source.as_deref(), Some("Oxford2007"));
    assert!(en.content.definition.as_deref().unwrap().starts_with("A group of stars"));
    assert_eq!(
        en.content.terms.iter().map(|t| t.status).collect::<Vec<_>>(),
        [TermKind::Preferred, TermKind::Deprecated]
    );

    // TBX-Basic sample: acronym kept apart unless deprecated, entry-level definition and source.
    let basic = read_path(&root.join("v3/TBX-Basic-Package_2019/TBX-basic-sample.tbx")).unwrap();
    assert_eq!(basic.title.as_deref(), Some("TBX-Basic Sample File"));
    let c7 = basic.entries.iter().find(|e| e.id.as_deref() == Some("c7")).unwrap();
    assert_eq!(c7.source.as_deref(), Some("Wikipedia"));
    let en = &c7.sections[0].content;
    assert_eq!(en.preferred_term(), Some("progressive lens"));
    assert!(en.terms.iter().any(|t| t.text == "PAL" && t.status == TermKind::Deprecated));
}

#[test]
fn dates_with_times_numeric_ids_and_missing_structure() {
    let xml = r#"<martif type="TBX"><text><body>
<termEntry id="17"><transacGrp><transac type="transactionType">origination</transac><date>2021-03-04 10:20:30</date></transacGrp>
<transacGrp><transac type="transactionType">modification</transac><date>2022-01-02T03:04:05+01:00</date></transacGrp>
<transacGrp><transac type="transactionType">modification</transac><date>someday</date></transacGrp>
<langSet xml:lang="en"><term>bare term</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote><term>second</term>
<descrip type="definition">def <hi>with</hi> markup</descrip></langSet>
<langSet xml:lang="fr-CA"><ntig><termGrp><term>terme</term><termNote type="termType">acronym</termNote></termGrp></ntig></langSet>
</termEntry>
<langSet xml:lang="es"><tig><term>huérfano</term></tig></langSet>
</body></text></martif>"#;
    let doc = read_str(xml.as_bytes()).unwrap();
    assert_eq!(doc.dialect, "martif TBX");
    assert_eq!(doc.entries.len(), 2);
    let e = &doc.entries[0];
    assert_eq!((e.id.as_deref(), e.line), (Some("17"), 2));
    assert_eq!(e.created.as_deref(), Some("2021-03-04T10:20:30Z"));
    // Unparseable dates are kept as written; "someday" sorts after digits, so compare the list.
    assert_eq!(e.transactions[1].date.as_deref(), Some("2022-01-02T02:04:05Z"));
    assert_eq!(e.transactions[2].date.as_deref(), Some("someday"));
    let en = &e.sections[0].content;
    assert_eq!(
        en.terms,
        vec![
            Term { text: "second".into(), status: TermKind::Preferred },
            Term { text: "bare term".into(), status: TermKind::Deprecated },
        ]
    );
    assert_eq!(en.definition.as_deref(), Some("def with markup"));
    assert_eq!(e.sections[1].content.abbreviations, vec!["terme"]);
    assert_eq!(e.sections[1].lang, Some(Lang::Fr));
    // A langSet outside any termEntry becomes an entry of its own.
    assert_eq!(doc.entries[1].sections[0].content.preferred_term(), Some("huérfano"));
    assert_eq!(doc.summary.terms, 4);
}

fn expect_err(xml: &[u8]) -> TbxError {
    let err = match read_str(xml) {
        Ok(doc) => panic!("hostile input accepted: {:?}", doc.summary),
        Err(e) => e,
    };
    let msg = err.to_string();
    assert!(!msg.is_empty());
    err
}

#[test]
fn hostile_inputs_are_errors_not_panics() {
    let billion_laughs = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&lol3;</term></termSec></langSec></conceptEntry>
</body></text></tbx>"#;
    let err = expect_err(billion_laughs);
    assert!(matches!(err, TbxError::Refused { line: 2, .. }), "{err}");
    assert!(err.to_string().contains("entities"), "{err}");

    // External entity: the DOCTYPE alone is harmless (never fetched); a declared entity is refused.
    let xxe = br#"<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><martif><text><body/></text></martif>"#;
    assert!(matches!(expect_err(xxe), TbxError::Refused { .. }));
    let sys = br#"<!DOCTYPE martif SYSTEM "http://example.invalid/TBXcoreStructV02.dtd"><martif><text><body/></text></martif>"#;
    assert_eq!(read_str(sys).unwrap().entries.len(), 0);
    // An undeclared entity is never expanded, in text or attributes.
    let err = expect_err(b"<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&lol;</term></tig></langSet></termEntry></body></text></martif>");
    assert!(matches!(err, TbxError::Refused { .. }), "{err}");
    let err = expect_err(b"<martif><text><body><termEntry id=\"&lol;\"/></body></text></martif>");
    assert!(matches!(err, TbxError::Refused { .. }), "{err}");

    // Unclosed tag, mismatched tag, broken markup.
    let err = expect_err(b"<martif>\n<text>\n<body>\n<termEntry>\n<langSet xml:lang=\"en\"><tig><term>x</term></tig>\n</termEntry></body></text></martif>");
    assert!(matches!(err, TbxError::Xml { line: 6, .. }), "{err}");
    let err = expect_err(b"<martif>\n<text>\n<body>\n<termEntry>");
    assert!(matches!(err, TbxError::Xml { line: 4, .. }), "{err}");
    assert!(err.to_string().contains("not closed"), "{err}");
    let err = expect_err(b"<martif>\n<text>\n<body>\n<termEntry id=\"x></termEntry></body></text></martif>");
    assert!(matches!(err, TbxError::Xml { line: 4, .. }), "{err}");

    // Invalid UTF-8, in text and in a tag.
    let err = expect_err(b"<martif>\n<text><body><termEntry><langSet xml:lang=\"en\"><tig>\n<term>ab\xff\xfe</term></tig></langSet></termEntry></body></text></martif>");
    assert!(matches!(err, TbxError::Utf8 { line: 3, column: 9, .. }), "{err}");
    let err = expect_err(b"<martif>\n\n<text \xc3 a=\"1\"><body/></text></martif>");
    assert!(matches!(err, TbxError::Utf8 { line: 3, .. }), "{err}");
    assert!(matches!(expect_err(b"\xff\xfe<\x00m\x00"), TbxError::Refused { line: 1, .. }));
    assert!(matches!(
        expect_err(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><martif/>"),
        TbxError::Refused { .. }
    ));

    // A 2 MB attribute and a 2 MB text node exceed the 1 MiB default.
    let mut big = b"<martif>\n<text><body><termEntry id=\"".to_vec();
    big.extend(std::iter::repeat_n(b'a', 2 << 20));
    big.extend(b"\"/></body></text></martif>");
    let err = expect_err(&big);
    assert!(matches!(err, TbxError::TooLarge { line: 2, .. }), "{err}");
    let mut big = b"<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>".to_vec();
    big.extend(std::iter::repeat_n(b'a', 2 << 20));
    big.extend(b"</term></tig></langSet></termEntry></body></text></martif>");
    assert!(matches!(expect_err(&big), TbxError::TooLarge { .. }));
    // Many small text pieces (character references) still add up to the limit.
    let mut big = b"<martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>".to_vec();
    for _ in 0..((1 << 20) + 10) {
        big.extend(b"&#65;");
    }
    big.extend(b"</term></tig></langSet></termEntry></body></text></martif>");
    assert!(matches!(expect_err(&big), TbxError::TooLarge { .. }));
    // Entry size limit.
    let opts = ReadOptions { max_entry_bytes: 1000, ..Default::default() };
    let mut big = b"<martif><text><body>\n<termEntry>".to_vec();
    for _ in 0..100 {
        big.extend(b"<note>0123456789012345678901234567890123456789</note>");
    }
    big.extend(b"</termEntry></body></text></martif>");
    let err = read(Cursor::new(&big), &opts).unwrap_err();
    assert!(matches!(err, TbxError::TooLarge { line: 2, what: "entry", .. }), "{err}");
    // Deep nesting.
    let mut deep = b"<martif>".to_vec();
    for _ in 0..100_000 {
        deep.extend(b"<x>");
    }
    assert!(matches!(expect_err(&deep), TbxError::Refused { .. }));

    // Not TBX, empty.
    assert!(matches!(expect_err(b"<html><body/></html>"), TbxError::NotTbx { .. }));
    assert!(matches!(expect_err(b""), TbxError::NotTbx { .. }));
    assert!(matches!(expect_err(b"   \n  "), TbxError::NotTbx { .. }));
}

#[test]
fn truncated_and_corrupted_real_files_never_panic() {
    let data = std::fs::read(shared().join("v3/TBX-Basic-Package_2019/TBX-basic-sample.tbx")).unwrap();
    let full = read_str(&data).unwrap();
    let step = (data.len() / 400).max(1);
    for cut in (0..data.len()).step_by(step) {
        // Any prefix is either an error or a subset of the entries; never a panic.
        if let Ok(d) = read_str(&data[..cut]) {
            assert!(d.entries.len() <= full.entries.len());
        }
    }
    let mut seed: u64 = 0x9E3779B97F4A7C15;
    for _ in 0..300 {
        let mut d = data.clone();
        for _ in 0..4 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let at = (seed >> 33) as usize % d.len();
            d[at] = (seed >> 13) as u8;
        }
        // Four bytes changed: an error, or at most the entries of the file.
        if let Ok(doc) = read_str(&d) {
            assert!(doc.entries.len() <= full.entries.len());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writer

fn section(status: SectionStatus, content: SectionContent) -> LangSection {
    LangSection {
        status,
        content,
        revision: 1,
        created_at: "2024-01-10T08:00:00Z".into(),
        updated_at: "2024-06-01T12:00:00Z".into(),
        submitted_at: None,
        adopted_at: None,
        created_by: Some("translator@itu.int".into()),
        submitted_by: None,
        adopted_by: None,
        adopted_meeting: None,
        adopted_doc: None,
        assisted: false,
    }
}

fn adopted(content: SectionContent) -> LangSection {
    LangSection {
        revision: 3,
        submitted_at: Some("2024-03-01T09:00:00Z".into()),
        submitted_by: Some("translator@itu.int".into()),
        adopted_at: Some("2024-04-01T10:00:00Z".into()),
        adopted_by: Some("SCV reviewer".into()),
        adopted_meeting: Some("SCV 2024-04".into()),
        adopted_doc: Some("SCV-TD-12".into()),
        ..section(SectionStatus::Adopted, content)
    }
}

fn content(terms: &[(&str, TermKind)], abbrevs: &[&str], def: Option<&str>, notes: &[&str]) -> SectionContent {
    SectionContent {
        terms: terms.iter().map(|(t, k)| Term { text: t.to_string(), status: *k }).collect(),
        abbreviations: abbrevs.iter().map(|s| s.to_string()).collect(),
        definition: def.map(str::to_string),
        notes: notes.iter().map(|s| s.to_string()).collect(),
    }
}

fn concepts() -> Vec<Concept> {
    use TermKind::*;
    let base = |id: i64, status: ConceptStatus| Concept {
        id: ConceptId(id),
        status,
        study_groups: vec!["SG17".parse().unwrap(), "SG13".parse().unwrap()],
        source: Source { rec: Some("X.1332".parse().unwrap()), clause: Some("3.2.1".into()) },
        origin: Origin { kind: OriginKind::Here, reference: None },
        subject_field: Some("Security".into()),
        created_at: "2024-01-05T08:00:00Z".into(),
        updated_at: "2024-06-30T17:45:00Z".into(),
        proposed_at: Some("2024-01-05T08:00:00Z".into()),
        accepted_at: Some("2024-05-01T00:00:00Z".into()),
        version: 7,
        languages: BTreeMap::new(),
        other_languages: BTreeMap::new(),
        harmonization: vec![],
    };
    let mut c1 = base(42, ConceptStatus::Accepted);
    // Languages outside the six, as kept from an import.
    c1.other_languages.insert(
        "de".into(),
        content(&[("Public-Key-Infrastruktur", Preferred)], &["PKI"], Some("Eine Menge von Rollen."), &["Hinweis"]),
    );
    c1.other_languages
        .insert("pt_BR".into(), content(&[("infraestrutura de chave pública", Preferred)], &[], None, &[]));
    c1.other_languages.insert("not a tag".into(), content(&[("x", Preferred)], &[], None, &[]));
    c1.other_languages.insert("it".into(), content(&[], &[], None, &[]));
    c1.languages.insert(
        Lang::En,
        adopted(content(
            &[("public key infrastructure", Preferred), ("PK infrastructure", Admitted), ("key infra", Deprecated)],
            &["PKI"],
            Some("A set of roles, policies and procedures needed to manage digital certificates."),
            &["NOTE 1 – Adapted from [ITU-T X.509].", "NOTE 2 – Second note."],
        )),
    );
    c1.languages.insert(
        Lang::Ar,
        adopted(content(&[("البنية التحتية للمفاتيح العمومية", Preferred)], &["PKI"], Some("مجموعة من الأدوار."), &[])),
    );
    c1.languages.insert(
        Lang::Zh,
        section(
            SectionStatus::Submitted,
            content(&[("公钥基础设施", Preferred)], &["PKI"], Some("一组角色、策略和程序。"), &["注：中文注释。"]),
        ),
    );
    c1.languages.insert(
        Lang::Fr,
        section(
            SectionStatus::Draft,
            content(&[("infrastructure de clés publiques", Preferred), ("ICP", Admitted)], &[], None, &[]),
        ),
    );
    c1.languages.insert(
        Lang::Ru,
        section(
            SectionStatus::Returned,
            content(&[("инфраструктура открытых ключей", Preferred)], &["ИОК"], None, &[]),
        ),
    );
    c1.languages.insert(
        Lang::Es,
        adopted(content(
            &[("infraestructura de clave pública", Preferred)],
            &[],
            Some("Definición «entre comillas» & más."),
            &[],
        )),
    );

    // Defined elsewhere, hostile text.
    let mut c2 = base(7, ConceptStatus::Proposed);
    c2.origin = Origin { kind: OriginKind::Elsewhere, reference: Some("[b-ITU-T Y.2071]".into()) };
    c2.source = Source { rec: Some("ITU-T Y.4100".parse().unwrap()), clause: Some("3.1.4".into()) };
    c2.accepted_at = None;
    c2.subject_field = Some("<script>alert(\"x\")</script> & 'IoT'".into());
    c2.study_groups = vec!["SG20".parse().unwrap()];
    c2.languages.insert(
        Lang::En,
        section(
            SectionStatus::Draft,
            content(
                &[("<script>&amp; \"term\"", Preferred), ("a]]>b", Deprecated)],
                &["S&C"],
                Some("Line one\r\nline two\twith tab\u{1}\u{8} and controls"),
                &["<b>bold</b> & \"quoted\" 'apos'"],
            ),
        ),
    );
    c2.languages.insert(Lang::Fr, section(SectionStatus::Draft, content(&[], &[], Some("définition sans terme"), &[])));

    // Elsewhere without reference, historical, Recommendation only, abbreviations only.
    let mut c3 = base(1_000_000, ConceptStatus::Historical);
    c3.origin = Origin { kind: OriginKind::Elsewhere, reference: None };
    c3.source = Source { rec: Some("E.164".parse().unwrap()), clause: None };
    c3.subject_field = None;
    c3.study_groups = vec![];
    c3.proposed_at = None;
    c3.accepted_at = None;
    c3.languages.insert(Lang::En, adopted(content(&[], &["MSISDN", "E.164"], None, &[])));
    c3.languages.insert(Lang::Ru, section(SectionStatus::Absent, SectionContent::default()));

    // No term anywhere: not exportable.
    let mut c4 = base(5, ConceptStatus::Withdrawn);
    c4.languages.insert(Lang::Es, section(SectionStatus::Draft, content(&[], &[], Some("solo definición"), &[])));
    vec![c1, c2, c3, c4]
}

fn strip_forbidden(s: &str) -> String {
    s.chars().filter(|c| (*c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r')).collect()
}

#[test]
fn writer_output_validates_and_round_trips() {
    let concepts = concepts();
    let mut w = TbxWriter::new(
        Vec::new(),
        &Header {
            title: Some("Hexaglot test export <&>".into()),
            source_desc: Some("ITU-T terms\nsecond line".into()),
            lang: "en".into(),
        },
    )
    .unwrap();
    let written: Vec<bool> = concepts.iter().map(|c| w.write_concept(c).unwrap()).collect();
    assert_eq!(written, [true, true, true, false]);
    let stats = w.stats();
    assert_eq!((stats.concepts, stats.concepts_skipped, stats.sections, stats.sections_skipped), (3, 1, 10, 3));
    let out = w.finish().unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'IoT'"));
    assert!(!text.contains('\u{1}') && !text.contains('\u{8}'));
    assert!(text.contains("<langSec xml:lang=\"zh-Hans\">"));

    // Validate with the official schemas (RELAX NG + TBX-Basic DCA Schematron).
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hexaglot-export.tbx");
    std::fs::write(&file, &out).unwrap();
    let script = shared().join("validate.sh");
    assert!(script.is_file(), "{} missing", script.display());
    let run = Command::new("bash").arg(&script).arg(&file).output().expect("cannot run validate.sh");
    let log = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    match run.status.code() {
        Some(0) => assert!(log.contains("VALID"), "{log}"),
        Some(2) => panic!(
            "validate.sh could not run (missing xmllint? `apt-get install -y libxml2-utils`; \
                           the Schematron step needs Python >= 3.12 for its venv):\n{log}"
        ),
        _ => panic!("export does not validate:\n{log}"),
    }

    // Read back and compare.
    let doc = read_str(&out).unwrap();
    assert_eq!(doc.dialect, "TBX-Basic");
    assert_eq!(doc.title.as_deref(), Some("Hexaglot test export <&>"));
    assert_eq!(doc.source_desc.as_deref(), Some("ITU-T terms\nsecond line"));
    assert_eq!(doc.entries.len(), 3);
    for (c, e) in concepts.iter().zip(&doc.entries) {
        assert_eq!(e.id.as_deref(), Some(c.id.to_string().as_str()));
        assert_eq!(e.status.as_deref(), Some(c.status.as_str()));
        assert_eq!(e.subject_field, c.subject_field);
        assert_eq!(parse_source(e.source.as_deref().unwrap()), c.source);
        assert_eq!(
            e.origin.as_deref(),
            (c.origin.kind == OriginKind::Elsewhere || c.origin.reference.is_some()).then(|| c.origin.kind.as_str())
        );
        assert_eq!(e.origin_reference, c.origin.reference);
        assert_eq!(e.subsets, c.study_groups.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(e.created.as_deref(), Some(c.created_at.as_str()));
        assert_eq!(e.modified.as_deref(), Some(c.updated_at.as_str()));
        assert!(e.note.is_empty(), "{:?}", e.note);
        let events: Vec<_> = e.transactions.iter().flat_map(|t| &t.notes).filter(|n| n.starts_with("event:")).collect();
        assert_eq!(events.len(), c.proposed_at.iter().count() + c.accepted_at.iter().count());

        let expected: Vec<(&Lang, &LangSection)> = c
            .languages
            .iter()
            .filter(|(_, s)| !s.content.terms.is_empty() || !s.content.abbreviations.is_empty())
            .collect();
        let others: Vec<(String, &SectionContent)> = c
            .other_languages
            .iter()
            .map(|(t, s)| (t.replace('_', "-"), s))
            .filter(|(t, s)| !t.contains(' ') && !s.terms.is_empty())
            .collect();
        assert_eq!(e.sections.len(), expected.len() + others.len());
        for ((tag, want), got) in others.iter().zip(&e.sections[expected.len()..]) {
            assert_eq!((got.lang, got.lang_tag.as_str()), (None, tag.as_str()));
            assert_eq!(&got.content, *want);
        }
        for ((lang, sec), got) in expected.into_iter().zip(&e.sections) {
            assert_eq!(got.lang, Some(*lang));
            assert_eq!(got.lang_tag, lang.bcp47());
            let mut want = sec.content.clone();
            want.definition = want.definition.map(|d| strip_forbidden(&d));
            assert_eq!(got.content, want, "{} {lang}", c.id);
            assert_eq!(got.status.as_deref(), Some(sec.status.as_str()));
            assert_eq!(got.adopted, Some(sec.status == SectionStatus::Adopted));
            assert_eq!(got.created.as_deref(), Some(sec.created_at.as_str()));
            assert_eq!(got.modified.as_deref(), Some(sec.updated_at.as_str()));
            let origination = &got.transactions[0];
            assert_eq!(origination.responsibility, sec.created_by);
            if let Some(at) = &sec.adopted_at {
                let t = got.transactions.iter().find(|t| t.notes.iter().any(|n| n == "event: adopted")).unwrap();
                assert_eq!(t.date.as_ref(), Some(at));
                assert_eq!(t.responsibility, sec.adopted_by);
                assert!(t.notes.contains(&format!("meeting: {}", sec.adopted_meeting.as_deref().unwrap())));
                assert!(t.notes.contains(&format!("document: {}", sec.adopted_doc.as_deref().unwrap())));
            }
            assert!(got.transactions[1].notes.contains(&format!("revision: {}", sec.revision)));
        }
    }
}

#[test]
fn writer_rejects_bad_header_language() {
    assert!(matches!(
        TbxWriter::new(Vec::new(), &Header { lang: "en\"><x".into(), ..Default::default() }),
        Err(TbxError::Export(_))
    ));
}
