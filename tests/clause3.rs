//! Clause-3 parser against the real texts in tests/fixtures (see its PROVENANCE.md).
//! Expected values were written down from reading the files, not from the parser's output.

use hexaglot::interchange::clause3::{detect_lang, parse, Entry, Origin, ParseError, ParseOptions};
use hexaglot::model::Lang;
use unicode_normalization::UnicodeNormalization;

const REF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clause3");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn reference_file(name: &str) -> String {
    read(&format!("{REF}/{name}"))
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn auto(text: &str) -> Vec<Entry> {
    parse(text, &ParseOptions::default()).expect("parse")
}

fn with_lang(text: &str, lang: Lang) -> Vec<Entry> {
    parse(text, &ParseOptions { lang: Some(lang) }).expect("parse")
}

/// number, term, reference, start of definition (`None` = no definition).
fn check(e: &Entry, number: Option<&str>, term: &str, reference: Option<&str>, def_start: Option<&str>) {
    assert_eq!(e.number.as_deref(), number, "number of {e:?}");
    assert_eq!(nfc(&e.term), nfc(term), "term of {e:?}");
    assert_eq!(e.reference.as_deref(), reference, "reference of {e:?}");
    match def_start {
        None => assert_eq!(e.definition, None, "definition of {e:?}"),
        Some(d) => {
            let def = e.definition.as_deref().unwrap_or_else(|| panic!("no definition in {e:?}"));
            assert!(nfc(def).starts_with(&nfc(d)), "definition of {e:?} should start with {d:?}");
        }
    }
}

fn origins(entries: &[Entry]) -> (usize, usize) {
    let elsewhere = entries.iter().filter(|e| e.origin == Origin::Elsewhere).count();
    (elsewhere, entries.len() - elsewhere)
}

fn numbers(entries: &[Entry]) -> Vec<Option<&str>> {
    entries.iter().map(|e| e.number.as_deref()).collect()
}

fn e119_numbers() -> Vec<Option<&'static str>> {
    ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.2.1", "3.2.2", "3.2.3"].map(Some).to_vec()
}

// ---------------------------------------------------------------- E.119, five languages

#[test]
fn e119_english() {
    let v = auto(&reference_file("E.119-en.txt"));
    assert_eq!(v.len(), 8);
    assert_eq!(numbers(&v), e119_numbers());
    assert_eq!(origins(&v), (5, 3));
    assert!(v[..5].iter().all(|e| e.origin == Origin::Elsewhere));
    check(&v[0], Some("3.1.1"), "delay tolerant network", Some("[b-FG-NRR]"), Some("DTN technology stores the"));
    assert_eq!(v[0].abbreviation.as_deref(), Some("DTN"));
    check(&v[1], Some("3.1.2"), "disaster", Some("[b-UNISDR]"), Some("A serious disruption of"));
    check(&v[2], Some("3.1.3"), "disaster relief", Some("[ITU-T E.108]"), None);
    check(&v[3], Some("3.1.4"), "disaster relief system", Some("[ITU-T E.108]"), None);
    check(&v[4], Some("3.1.5"), "next generation network", Some("[ITU-T Y.2001]"), None);
    assert_eq!(v[4].abbreviation.as_deref(), Some("NGN"));
    check(&v[5], Some("3.2.1"), "business continuity plan", None, Some("A plan that enables busi"));
    assert_eq!(v[5].abbreviation.as_deref(), Some("BCP"));
    check(&v[6], Some("3.2.2"), "safety confirmation", None, Some("Information about the s"));
    check(&v[7], Some("3.2.3"), "victim", None, Some("A person affected by a disaster."));
    assert_eq!(v[7].definition.as_deref(), Some("A person affected by a disaster."));
    assert!(v.iter().all(|e| e.term_en.is_none() && e.notes.is_empty()));
    assert_eq!(v[6].abbreviation, None);
}

#[test]
fn e119_french() {
    let text = reference_file("E.119-fr.txt");
    assert_eq!(detect_lang(&text), Lang::Fr);
    let v = auto(&text);
    assert_eq!(v.len(), 8);
    assert_eq!(numbers(&v), e119_numbers());
    assert_eq!(origins(&v), (5, 3));
    check(&v[0], Some("3.1.1"), "réseau tolérant aux délais", Some("[b-FG-NRR]"), Some("un réseau DTN enregistre"));
    assert_eq!(v[0].abbreviation.as_deref(), Some("DTN"));
    check(&v[1], Some("3.1.2"), "catastrophe", Some("[b-UNISDR]"), Some("grave perturbation du fon"));
    check(&v[2], Some("3.1.3"), "secours en cas de catastrophe", Some("[UIT-T E.108]"), None);
    check(&v[3], Some("3.1.4"), "système de secours en cas de catastrophe", Some("[UIT-T E.108]"), None);
    check(&v[4], Some("3.1.5"), "réseau de prochaine génération", Some("[UIT-T Y.2001]"), None);
    assert_eq!(v[4].abbreviation.as_deref(), Some("NGN"));
    check(&v[5], Some("3.2.1"), "plan de continuité des activités", None, Some("plan qui permet aux entre"));
    assert_eq!(v[5].abbreviation.as_deref(), Some("BCP"));
    check(&v[6], Some("3.2.2"), "confirmation de sécurité", None, Some("informations relatives à la"));
    check(&v[7], Some("3.2.3"), "victime", None, Some("personne touchée par une catastrophe."));
    assert!(v.iter().all(|e| e.term_en.is_none()));
}

#[test]
fn e119_spanish() {
    let text = reference_file("E.119-es.txt");
    assert_eq!(detect_lang(&text), Lang::Es);
    let v = auto(&text);
    assert_eq!(v.len(), 8);
    assert_eq!(numbers(&v), e119_numbers());
    assert_eq!(origins(&v), (5, 3));
    check(&v[0], Some("3.1.1"), "red tolerante al retardo", Some("[b-FG-NRR]"), Some("La tecnología DTN almacena"));
    assert_eq!(v[0].abbreviation.as_deref(), Some("DTN"));
    check(&v[1], Some("3.1.2"), "catástrofe", Some("[b-UNISDR]"), Some("Seria interrupción en el"));
    check(&v[2], Some("3.1.3"), "socorro en caso de catástrofe", Some("[UIT-T E.108]"), None);
    check(&v[3], Some("3.1.4"), "sistema de socorro en caso de catástrofe", Some("[UIT-T E.108]"), None);
    check(&v[4], Some("3.1.5"), "red de próxima generación", Some("[UIT-T Y.2001]"), None);
    check(&v[5], Some("3.2.1"), "plan de continuidad de las actividades", None, Some("Plan que permite a las emp"));
    assert_eq!(v[5].abbreviation.as_deref(), Some("PCA"));
    check(&v[6], Some("3.2.2"), "confirmación de seguridad", None, Some("Información sobre la segu"));
    check(&v[7], Some("3.2.3"), "víctima", None, Some("Persona afectada por una catástrofe."));
}

#[test]
fn e119_russian() {
    let text = reference_file("E.119-ru.txt");
    assert_eq!(detect_lang(&text), Lang::Ru);
    let v = auto(&text);
    assert_eq!(v.len(), 8);
    assert_eq!(numbers(&v), e119_numbers());
    assert_eq!(origins(&v), (5, 3));
    // "(delay tolerant networks (DTN)): [b-FG-NRR]:" — English term with nested abbreviation,
    // reference after the colon
    check(
        &v[0],
        Some("3.1.1"),
        "сети, устойчивые к задержкам",
        Some("[b-FG-NRR]"),
        Some("Технология DTN обеспечивает"),
    );
    assert_eq!(v[0].term_en.as_deref(), Some("delay tolerant networks"));
    assert_eq!(v[0].abbreviation.as_deref(), Some("DTN"));
    check(&v[1], Some("3.1.2"), "бедствие", Some("[b-UNISDR]"), Some("Серьезное нарушение функц"));
    assert_eq!(v[1].term_en.as_deref(), Some("disaster"));
    assert!(v[1].definition.as_deref().unwrap().ends_with("группы населения."));
    check(&v[2], Some("3.1.3"), "оказание помощи при бедствиях", Some("[ITU-T E.108]"), None);
    assert_eq!(v[2].term_en.as_deref(), Some("disaster relief"));
    check(&v[3], Some("3.1.4"), "система оказания помощи при бедствиях", Some("[ITU-T E.108]"), None);
    assert_eq!(v[3].term_en.as_deref(), Some("disaster relief system"));
    // "(СПП) (next generation network (NGN))": the Russian abbreviation wins
    check(&v[4], Some("3.1.5"), "сеть последующего поколения", Some("[ITU-T Y.2001]"), None);
    assert_eq!(v[4].abbreviation.as_deref(), Some("СПП"));
    assert_eq!(v[4].term_en.as_deref(), Some("next generation network"));
    check(&v[5], Some("3.2.1"), "план обеспечения непрерывной деятельности", None, Some("План, позволяющий предпр"));
    assert_eq!(v[5].term_en.as_deref(), Some("business continuity plan"));
    assert_eq!(v[5].abbreviation.as_deref(), Some("ПНД"));
    check(&v[6], Some("3.2.2"), "подтверждение безопасности", None, Some("Информация о безопасности"));
    assert_eq!(v[6].term_en.as_deref(), Some("safety confirmation"));
    assert_eq!(v[6].abbreviation, None);
    check(&v[7], Some("3.2.3"), "пострадавший", None, Some("Лицо, пострадавшее в результате бедствия."));
    assert_eq!(v[7].term_en.as_deref(), Some("victim"));
}

#[test]
fn e119_arabic_reversed_numbers() {
    let text = reference_file("E.119-ar.txt");
    assert_eq!(detect_lang(&text), Lang::Ar);
    for v in [auto(&text), with_lang(&text, Lang::Ar)] {
        assert_eq!(v.len(), 8);
        // the file shows 1.1.3, 2.1.3, 3.1.3, 4.1.3, 5.1.3, 1.2.3, 2.2.3, 3.2.3
        assert_eq!(numbers(&v), e119_numbers());
        assert_eq!(origins(&v), (5, 3));
        check(
            &v[0],
            Some("3.1.1"),
            "الشبكات القادرة على تحمل التأخير",
            Some("[b-FG-NRR]"),
            Some("تخزِّن تكنولوجيا الشبكات"),
        );
        assert_eq!(v[0].abbreviation.as_deref(), Some("DTN"));
        assert_eq!(v[0].term_en, None);
        check(&v[1], Some("3.1.2"), "الكارثة", Some("[b-UNISDR]"), Some("اختلال خطير في سير العمل"));
        assert_eq!(v[1].term_en.as_deref(), Some("disaster"));
        check(&v[2], Some("3.1.3"), "الإغاثة في حالة الكوارث", Some("[ITU-T E.108]"), None);
        assert_eq!(v[2].term_en.as_deref(), Some("disaster relief"));
        check(&v[3], Some("3.1.4"), "نظام الإغاثة في حالة الكوارث", Some("[ITU-T E.108]"), None);
        check(&v[4], Some("3.1.5"), "شبكات الجيل التالي", Some("[ITU-T Y.2001]"), None);
        assert_eq!(v[4].abbreviation.as_deref(), Some("NGN"));
        check(&v[5], Some("3.2.1"), "خطة استمرارية الأعمال", None, Some("خطة لتمكين الأعمال من"));
        assert_eq!(v[5].abbreviation.as_deref(), Some("BCP"));
        check(&v[6], Some("3.2.2"), "تأكيد السلامة", None, Some("يُقصد به جمع المعلومات"));
        assert_eq!(v[6].term_en.as_deref(), Some("safety confirmation"));
        check(&v[7], Some("3.2.3"), "الضحايا", None, Some("الأشخاص المتضررون من جراء"));
        assert_eq!(v[7].term_en.as_deref(), Some("victim"));
    }
}

// ---------------------------------------------------------------- other English texts

#[test]
fn g650_1_topical_subclauses() {
    let v = auto(&reference_file("G.650.1-en.txt"));
    // 3.1: 5, 3.2: 2, 3.3: 8, 3.4.1.x: 5, 3.4.2.x: 7, 3.4.3, 3.4.4, 3.4.5, 3.5: 2
    assert_eq!(v.len(), 32);
    assert_eq!(origins(&v), (0, 32));
    assert!(v.iter().all(|e| e.reference.is_none() && e.term_en.is_none()));
    // "3.4.1 mode field definitions" and "3.4.2 chromatic dispersion definitions" are headings
    assert!(!v.iter().any(|e| matches!(e.number.as_deref(), Some("3.4.1" | "3.4.2"))));
    let by = |n: &str| v.iter().find(|e| e.number.as_deref() == Some(n)).unwrap_or_else(|| panic!("no {n}"));

    check(&v[0], Some("3.1.1"), "alternative test method", None, Some("A test method in which a given"));
    assert_eq!(v[0].abbreviation.as_deref(), Some("ATM"));
    check(&v[1], Some("3.1.2"), "cladding mode stripper", None, Some("A device that encourages"));
    check(by("3.1.4"), Some("3.1.4"), "reference test method", None, Some("A test method in which a char"));
    assert_eq!(by("3.1.4").abbreviation.as_deref(), Some("RTM"));

    // continuation paragraphs and a note
    let e = by("3.2.2");
    check(e, Some("3.2.2"), "stress corrosion parameter", None, Some("The stress corrosion (susceptibility)"));
    let def = e.definition.as_deref().unwrap();
    assert!(def.contains("environmental conditions.\nBoth a static and a dynamic value"));
    assert!(def.ends_with("versus applied stress rate."));
    assert_eq!(def.lines().count(), 4);
    assert_eq!(e.notes, vec!["n need not be an integer.".to_string()]);

    let e = by("3.3.2");
    check(e, Some("3.3.2"), "cladding centre", None, Some("The centre of a circle"));
    assert_eq!(e.notes, vec!["The method of best fitting has to be specified.".to_string()]);
    assert_eq!(e.definition.as_deref(), Some("The centre of a circle which best fits the cladding boundary."));

    let e = by("3.3.7");
    check(e, Some("3.3.7"), "core centre", None, Some("The core centre is the"));
    assert_eq!(
        e.notes,
        vec![
            "The above constant level shall be chosen between 5% and 50% of maximum near-field intensity.".to_string(),
            "Usually, the core centre represents a good approximation of the mode field centre.".to_string(),
        ]
    );
    assert!(by("3.3.8").notes.is_empty());

    check(by("3.4.1.1"), Some("3.4.1.1"), "mode field", None, Some("The mode field is the single-mode"));
    let e = by("3.4.1.2");
    check(e, Some("3.4.1.2"), "mode field centre", None, Some("The mode field centre is the"));
    assert_eq!(e.notes.len(), 2);
    assert!(e.notes[0].starts_with("The centroid is located at rc"));
    assert_eq!(
        e.notes[1],
        "The correspondence between the position of the centroid, as defined, and the position of the maximum of the spatial intensity distribution requires further study."
    );
    check(by("3.4.2.1"), Some("3.4.2.1"), "chromatic dispersion", None, Some("The spreading of a light"));
    assert!(by("3.4.2.2").definition.as_deref().unwrap().contains("D(λ) = dτ/dλ"));
    check(by("3.4.2.7"), Some("3.4.2.7"), "zero-dispersion wavelength", None, Some("The wavelength at which"));

    let e = by("3.4.3");
    check(e, Some("3.4.3"), "cut-off wavelength", None, Some("Theoretical cut-off wavelength is"));
    let def = e.definition.as_deref().unwrap();
    assert!(def.contains("\ncable cut-off wavelength λcc – Cable cut-off wavelength is measured"));
    assert!(def.contains("\nfibre cut-off wavelength λc – Fibre cut-off"));
    assert_eq!(e.notes.len(), 1);
    assert!(e.notes[0].starts_with("The single-mode operability of a short"));
    check(by("3.4.4"), Some("3.4.4"), "attenuation", None, Some("The attenuation A(λ) at"));
    let e = by("3.4.5"); // indented with four tabs in the file
    check(e, Some("3.4.5"), "macrobending loss", None, Some("The macrobending loss is"));
    assert!(e.definition.as_deref().unwrap().contains("where Pstr is the power measured without the bend"));
    check(&v[31], Some("3.5.2"), "secondary coating", None, Some("The one or more layers of coating"));
}

#[test]
fn p917_unnumbered_and_indented() {
    let v = auto(&reference_file("P.917-en.txt"));
    assert_eq!(v.len(), 6);
    assert_eq!(origins(&v), (4, 2));
    check(&v[0], None, "Quality of initial loading experience", None, Some("The degree to which a user’s"));
    assert_eq!(v[0].origin, Origin::Here);
    check(&v[1], Some("3.1.1"), "Initial Loading Delay", Some("[ITU-T P.1203]"), None);
    check(&v[2], Some("3.1.2"), "Stalling", Some("[ITU-T P.1203]"), None);
    check(&v[3], Some("3.1.3"), "Integral Quality", Some("[ITU-T P.1203]"), None);
    check(&v[4], Some("3.1.4"), "Quality of Experience", Some("[ITU-T P.10/G.100]"), None);
    assert!(v[1..5].iter().all(|e| e.origin == Origin::Elsewhere));
    check(&v[5], Some("3.2.1"), "Overall quality", None, Some("same as Integral Quality"));
    assert_eq!(v[5].origin, Origin::Here);
}

#[test]
fn q850_none() {
    assert_eq!(auto(&reference_file("Q.850-en.txt")), vec![]);
}

#[test]
fn t88_flat_numbering() {
    let v = auto(&reference_file("T.88-en.txt"));
    // 3.1 … 3.47, plus 3.12.1 … 3.12.11, 3.14.1-2, 3.36.1-2
    assert_eq!(v.len(), 62);
    assert_eq!(origins(&v), (0, 62));
    check(&v[0], Some("3.1"), "adaptive template pixel(s)", None, Some("Special pixel(s), in a template"));
    assert_eq!(v[0].abbreviation, None);
    check(&v[8], Some("3.9"), "coordinate system", None, Some("Numbering system for two-dim"));
    check(&v[9], Some("3.10"), "delta S", None, Some("Difference in the S coordinates"));
    // 3.12 has sub-entries but is itself a definition
    check(&v[11], Some("3.12"), "decoding procedure", None, Some("Component of a decoder"));
    check(&v[12], Some("3.12.1"), "integer decoding procedure", None, Some("Decoding procedure whose output"));
    check(&v[21], Some("3.12.10"), "text region decoding procedure", None, Some("Region decoding procedure that"));
    check(&v[22], Some("3.12.11"), "symbol dictionary decoding procedure", None, Some("Decoding procedure whose"));
    check(&v[23], Some("3.13"), "decoder", None, Some("Entity capable of decoding"));
    let by = |n: &str| v.iter().find(|e| e.number.as_deref() == Some(n)).unwrap_or_else(|| panic!("no {n}"));
    check(
        by("3.12.9"),
        Some("3.12.9"),
        "Huffman table decoding procedure",
        None,
        Some("Decoding procedure whose output is a Huffman"),
    );
    check(by("3.36.2"), Some("3.36.2"), "non-empty strip", None, Some("Strip containing the reference corner"));
    check(by("3.39"), Some("3.39"), "symbol ID", None, Some("Integer used to identify"));
    check(by("3.43"), Some("3.43"), "symbol instance refinement delta X", None, Some("Difference between the X"));
    check(&v[61], Some("3.47"), "value", None, Some("Integer or out-of-band indicator that is decoded."));
    assert_eq!(v[61].definition.as_deref(), Some("Integer or out-of-band indicator that is decoded."));
    assert!(v.iter().all(|e| e.notes.is_empty() && e.reference.is_none()));
}

// ---------------------------------------------------------------- Chinese seeds

fn x1332_expectations(v: &[Entry]) {
    assert_eq!(v.len(), 7);
    assert_eq!(origins(v), (4, 3));
    check(&v[0], Some("3.1.1"), "需求响应", Some("[b-ITU-T Y.2071]"), Some("智能电网的特征之一，允许消费者"));
    assert_eq!(v[0].term_en.as_deref(), Some("demand response"));
    assert_eq!(v[0].abbreviation.as_deref(), Some("DR"));
    check(&v[1], Some("3.1.2"), "电力能源系统运营商", Some("[b-IEC 60050-617]"), Some("一个实体，负责在一特定区域"));
    assert_eq!(v[1].term_en.as_deref(), Some("electric powersystem operator"));
    assert_eq!(v[1].abbreviation, None);
    check(&v[2], Some("3.1.3"), "能源管理系统", Some("[b-ITU-T Y.2071]"), Some("包含软件平台的计算机系统"));
    assert_eq!(v[2].term_en.as_deref(), Some("energy management system"));
    assert_eq!(v[2].abbreviation.as_deref(), Some("EMS"));
    check(&v[3], Some("3.1.4"), "智能电表", Some("[b-ITU-T X.1331]"), Some("安装在驻地设备的一种装置"));
    assert_eq!(v[3].term_en.as_deref(), Some("smart meter"));
    check(&v[4], Some("3.2.1"), "数据集中器", None, Some("位于智能电表和电力公司系统之间"));
    assert_eq!(v[4].term_en.as_deref(), Some("data concentrator"));
    check(&v[5], Some("3.2.2"), "电表数据管理系统", None, Some("电表数据管理系统负责汇总"));
    assert_eq!(v[5].term_en.as_deref(), Some("meter data management system"));
    assert_eq!(v[5].abbreviation.as_deref(), Some("MDMS"));
    assert_eq!(v[5].notes, vec!["修改自 [b-ITU-T Y.2071]".to_string()]);
    assert!(v[5].definition.as_deref().unwrap().ends_with("并向被授权系统提供这一数据。"));
    // half-width parentheses, colon inside the bold markers
    check(&v[6], Some("3.2.3"), "智能电表业务", None, Some("该业务通过智能电表收集"));
    assert_eq!(v[6].term_en.as_deref(), Some("smart metering service"));
    assert!(v.iter().enumerate().all(|(i, e)| e.notes.is_empty() == (i != 5)));
    assert!(v.iter().all(|e| !e.term.contains('*') && !e.definition.as_deref().unwrap().contains('*')));
}

#[test]
fn x1332_seed_slice() {
    let doc = read(&format!("{SEEDS}/004_665915c87300ec3e.txt"));
    let start = doc.find("### 3 定义").expect("clause 3 heading");
    let end = start + doc[start..].find("#### 5 惯例").expect("clause 5 heading");
    x1332_expectations(&auto(&doc[start..end]));
    x1332_expectations(&with_lang(&doc[start..end], Lang::Zh));
}

#[test]
fn x1332_whole_recommendation() {
    // table of contents, clauses 1-2 ("无。" under clause 2) before, clause 4 table after
    let doc = read(&format!("{SEEDS}/004_665915c87300ec3e.txt"));
    assert_eq!(detect_lang(&doc), Lang::Zh);
    x1332_expectations(&auto(&doc));
}

#[test]
fn a25_seed_slice_with_hard_wrapped_lines() {
    let doc = read(&format!("{SEEDS}/001_6a3701248977aaa4.txt"));
    let sub = doc.find("3.1 他处定义的术语").expect("3.1 heading");
    let start = doc[..sub].rfind("3 定义").expect("clause 3 heading");
    let end = sub + doc[sub..].find("5 惯例").expect("clause 5 heading");
    let slice = &doc[start..end]; // includes clause 4, which must be ignored
    let v = auto(slice);
    assert_eq!(v.len(), 4);
    assert_eq!(origins(&v), (3, 1));
    check(&v[0], Some("3.1.1"), "经批准的文件", Some("[ITU-T A.5]"), Some("一项作为得到组织正式批准"));
    // the PDF line break inside "标准" is undone
    assert_eq!(
        v[0].definition.as_deref(),
        Some("一项作为得到组织正式批准的正式输出成果（如标准、规范、落实协议等）。")
    );
    check(
        &v[1],
        Some("3.1.2"),
        "非规范性参考",
        Some("[ITU-T A.5]"),
        Some("被参引的文件已用作建议书制定过程中的补充信息，或用来"),
    );
    check(&v[2], Some("3.1.3"), "规范性参引", Some("[b-ITU-T A.1]"), Some("另一份文件的全部或部分"));
    assert_eq!(
        v[2].definition.as_deref(),
        Some("另一份文件的全部或部分，其中引用文件包含的内容被引用后构成需要引用文献的文件内容。")
    );
    check(&v[3], Some("3.2.1"), "文件草案", None, Some("系指依然处于草案形式的输出文件。"));
    assert_eq!(v[3].origin, Origin::Here);
    assert!(v.iter().all(|e| e.term_en.is_none() && e.abbreviation.is_none() && e.notes.is_empty()));
}

// ---------------------------------------------------------------- JSON shape

#[test]
fn json_shape() {
    let v = auto(&reference_file("E.119-ru.txt"));
    let j = serde_json::to_value(&v[0]).unwrap();
    let mut keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["abbreviation", "definition", "notes", "number", "origin", "reference", "term", "term_en"]);
    assert_eq!(j["origin"], "elsewhere");
    assert_eq!(j["number"], "3.1.1");

    let v = auto(&reference_file("E.119-en.txt"));
    let j = serde_json::to_value(&v[2]).unwrap();
    let mut keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["abbreviation", "definition", "notes", "number", "origin", "reference", "term"]);
    assert!(j["definition"].is_null());
    assert_eq!(serde_json::to_value(&v[7]).unwrap()["origin"], "here");
    let back: Entry = serde_json::from_value(j).unwrap();
    assert_eq!(back, v[2]);
}

// ---------------------------------------------------------------- synthetic variety

#[test]
fn none_in_other_languages_and_subclauses() {
    for t in [
        "3\tDefinitions\nNone.",
        "3 定义\n\n无。\n\n4 缩写词\n\nTSB 电信标准化局",
        "3\tDéfinitions\nAucune.",
        "None.",
        "3 Definitions\nThis clause is intentionally left blank.",
    ] {
        assert_eq!(auto(t), vec![], "{t:?}");
    }
    let t = "3 Definitions\n3.1 Terms defined elsewhere\nNone.\n3.2 Terms defined in this Recommendation\nThis Recommendation defines the following terms:\n3.2.1 widget: A thing.";
    let v = auto(t);
    assert_eq!(v.len(), 1);
    check(&v[0], Some("3.2.1"), "widget", None, Some("A thing."));
    assert_eq!(v[0].origin, Origin::Here);
}

#[test]
fn stops_at_clause_4_and_skips_preamble() {
    let t = "1 Scope\nThis Recommendation: a scope.\n2 References\n[ITU-T X.1] thing.\n3\tDefinitions\n3.1\tfoo bar: A foo.\n3.2\tbaz [ITU-T Y.1]\n4\tAbbreviations and acronyms\nThis Recommendation uses the following abbreviations and acronyms:\nDR\tDemand Response\n4.1 qux: not a term.";
    let v = auto(t);
    assert_eq!(v.len(), 2);
    check(&v[0], Some("3.1"), "foo bar", None, Some("A foo."));
    assert_eq!(v[0].origin, Origin::Here);
    check(&v[1], Some("3.2"), "baz", Some("[ITU-T Y.1]"), None);
    assert_eq!(v[1].origin, Origin::Elsewhere);
}

#[test]
fn spaces_bold_and_colon_variants() {
    let t = "**3.2.1**  **widget** (WG): A thing.\n3.2.2 gadget : Another thing\n**3.2.3 thing：**A third.\r\n3.2.4\u{a0}\u{a0}sprocket [ITU-T Z.1]: Quoted.\nNOTE 1 – First.\nNOTE 2 – Second\ncontinued.";
    let v = auto(t);
    assert_eq!(v.len(), 4);
    check(&v[0], Some("3.2.1"), "widget", None, Some("A thing."));
    assert_eq!(v[0].abbreviation.as_deref(), Some("WG"));
    check(&v[1], Some("3.2.2"), "gadget", None, Some("Another thing"));
    check(&v[2], Some("3.2.3"), "thing", None, Some("A third."));
    check(&v[3], Some("3.2.4"), "sprocket", Some("[ITU-T Z.1]"), Some("Quoted."));
    assert_eq!(v[3].notes, vec!["First.".to_string(), "Second continued.".to_string()]);
}

#[test]
fn arabic_without_clause_heading() {
    let t = "1.3\tالمصطلحات المعرَّفة في وثائق أخرى\n1.1.3\tالكارثة (disaster) [b-UNISDR]: اختلال خطير.\n2.3\tالمصطلحات المعرفة في هذه التوصية\n1.2.3\tالضحايا (victim): الأشخاص المتضررون.\nملاحظة – نص الملاحظة.";
    let v = auto(t);
    assert_eq!(numbers(&v), vec![Some("3.1.1"), Some("3.2.1")]);
    assert_eq!(origins(&v), (1, 1));
    assert_eq!(v[1].notes, vec!["نص الملاحظة.".to_string()]);
}

#[test]
fn unnumbered_definitions_run() {
    let t = "Definitions\nFor the purposes of this document, the following terms apply:\nalpha: The first.\nbeta [ITU-T Q.1]: The second.\nIt goes on.\ngamma: The third.";
    let v = auto(t);
    assert_eq!(v.len(), 3);
    check(&v[0], None, "alpha", None, Some("The first."));
    check(&v[1], None, "beta", Some("[ITU-T Q.1]"), Some("The second.\nIt goes on."));
    assert_eq!(v[1].origin, Origin::Elsewhere);
    check(&v[2], None, "gamma", None, Some("The third."));
}

// ---------------------------------------------------------------- adversarial

#[test]
fn empty_and_blank() {
    let opts = ParseOptions::default();
    assert_eq!(parse("", &opts), Err(ParseError::Empty));
    assert_eq!(parse(" \n\t\u{a0}\r\n ** \n", &opts), Err(ParseError::Empty));
}

#[test]
fn only_headings_is_an_error() {
    let t = "3\tDefinitions\n3.1\tTerms defined elsewhere\nThis Recommendation uses the following terms defined elsewhere:\n3.2\tTerms defined in this Recommendation\n";
    let err = parse(t, &ParseOptions::default()).unwrap_err();
    assert!(matches!(err, ParseError::NoEntries { .. }));
    assert!(!err.to_string().is_empty());
}

#[test]
fn garbage_never_panics() {
    let samples = [
        "lorem ipsum dolor sit amet",
        "**",
        "** ** **",
        "**3.1.1",
        "3.1.1",
        "3.1.1 ",
        "3.1.1 :",
        "3.1.1 ：：：",
        "3.1.1 (((((",
        "3.1.1 )))))",
        "3.1.1 [[[",
        "3.1.1 ]]] ((( ::: ",
        "3.1.1 (DTN)",
        "3.1.1 [b-X]",
        "NOTE – orphan note",
        "3 \n 3.\n3..1 x\n.3.1 y\n3.1.1.1.1.1.1.1.1.1.1 z: w",
        "\u{202b}1.1.3\u{202c} نص: تعريف",
        "😀😀 3.1.1 😀: 😀",
        "3.1.1 term: def\n\u{0}\u{1}\u{7f}",
        "٣.١.١ مصطلح: تعريف",
        "３．１．１ 术语：定义",
        "3.1.1\tterm\u{0b}with manual break: def",
        "#\n##\n###### \n####### 3 x",
    ];
    for s in samples {
        for lang in [None, Some(Lang::Ar), Some(Lang::Zh), Some(Lang::En)] {
            let _ = parse(s, &ParseOptions { lang });
        }
    }
    // some of them are real entries
    let v = auto("３．１．１ 术语：定义");
    check(&v[0], Some("3.1.1"), "术语", None, Some("定义"));
    let v = auto("3.1.1 (DTN)");
    assert_eq!(v.len(), 1);
    assert!(matches!(parse("lorem ipsum dolor sit amet", &ParseOptions::default()), Err(ParseError::NoEntries { .. })));
}

#[test]
fn very_long_and_pathological_inputs_parse_without_panic() {
    let long_def = "a".repeat(400_000);
    let v = auto(&format!("3 Definitions\n3.2.1 term: {long_def}"));
    assert_eq!(v[0].definition.as_deref().map(str::len), Some(400_000));

    // A numbered line without a colon is a term without definition; its last
    // parenthesis is the abbreviation.
    let parens = format!("3.2.1 x{}", " (A)".repeat(100_000));
    let v = auto(&parens);
    assert_eq!(v.len(), 1);
    assert_eq!(
        (v[0].number.as_deref(), v[0].abbreviation.as_deref(), &v[0].definition),
        (Some("3.2.1"), Some("A"), &None)
    );
    assert!(v[0].term.starts_with("x (A) (A)") && v[0].term.ends_with(" (A)"), "{}", &v[0].term[..20]);
    // Unbalanced parentheses are text of the term.
    let closers = format!("3.2.1 x {}", ")".repeat(200_000));
    let v = auto(&closers);
    assert_eq!(v.len(), 1);
    check(&v[0], Some("3.2.1"), &closers[6..], None, None);
    let openers = format!("3.2.1 {}: y", "(".repeat(200_000));
    let v = auto(&openers);
    assert_eq!(v.len(), 1);
    check(&v[0], Some("3.2.1"), &"(".repeat(200_000), None, Some("y"));
    assert_eq!(v[0].definition.as_deref(), Some("y"));
    // The first bracket is the reference; the rest is the definition.
    let brackets = format!("3.2.1 x{}", " [b]".repeat(100_000));
    let v = auto(&brackets);
    assert_eq!(v.len(), 1);
    check(&v[0], Some("3.2.1"), "x", Some("[b]"), Some("[b] [b]"));
    assert_eq!(v[0].definition.as_deref(), Some(vec!["[b]"; 99_999].join(" ").as_str()));
    // No number, heading or colon: no entry; headings without entries: none either.
    let multibyte = "需".repeat(300_000);
    assert!(matches!(parse(&multibyte, &ParseOptions::default()), Err(ParseError::NoEntries { .. })));
    let headings = "3 Alpha\nplain words\n".repeat(50_000);
    assert!(matches!(parse(&headings, &ParseOptions::default()), Err(ParseError::NoEntries { .. })));
    let lines = "3.1.1 t: d\n".repeat(20_000);
    assert_eq!(auto(&lines).len(), 20_000);
}

#[test]
fn lone_numbers_and_missing_colons() {
    // number on its own line; 2-level terms whose colon was lost, definition on the next line
    let t = "3\nDefinitions\n3.1\nbitmap\nBi-level image.\n3.2\tbuffer\nStorage area used to hold a bitmap.\n3.3 byte: Eight bits of data.\n4\nAbbreviations\nBA bogus";
    let v = auto(t);
    assert_eq!(numbers(&v), vec![Some("3.1"), Some("3.2"), Some("3.3")]);
    check(&v[0], Some("3.1"), "bitmap", None, Some("Bi-level image."));
    check(&v[1], Some("3.2"), "buffer", None, Some("Storage area used"));
    // headings are still headings when an intro or "None." follows
    let t = "3 Definitions\n3.1 General\nThis Recommendation uses the following terms defined in [ITU-T Y.2001]:\n3.1.1 network: A net.\n3.2 Specific\nNone.";
    let v = auto(t);
    assert_eq!(v.len(), 1);
    check(&v[0], Some("3.1.1"), "network", None, Some("A net."));
    assert_eq!(v[0].origin, Origin::Elsewhere);
}

#[test]
fn intro_after_entries_switches_origin_but_prose_does_not() {
    let t = "3 Definitions\n3.1 alpha [ITU-T X.1].\n3.2 beta: The procedure uses the following steps:\n– step one;\n– step two.\nThis Recommendation defines the following terms:\n3.3 gamma [b-ITU-T X.2]: modified.";
    let v = auto(t);
    assert_eq!(v.len(), 3);
    assert_eq!(v[1].definition.as_deref(), Some("The procedure uses the following steps:\n– step one;\n– step two."));
    assert_eq!(v.iter().map(|e| e.origin).collect::<Vec<_>>(), [Origin::Elsewhere, Origin::Here, Origin::Here]);
}

#[test]
fn whole_resolutions_document_finds_the_real_clause_3() {
    // 480 KB of WTSA resolutions: many "3 ..." lines, only one clause 3 "定义" with entries
    let doc = read(&format!("{SEEDS}/001_6a3701248977aaa4.txt"));
    let v = auto(&doc);
    assert_eq!(v.len(), 4);
    check(&v[0], Some("3.1.1"), "经批准的文件", Some("[ITU-T A.5]"), Some("一项作为得到组织正式批准"));
    check(&v[3], Some("3.2.1"), "文件草案", None, Some("系指依然处于草案形式"));
}

#[test]
fn documents_without_definitions_are_errors_not_garbage() {
    for name in ["000_92ff5472be809cd3.txt", "002_075e69619ea8fde0.txt", "003_b809417f17b1365f.txt"] {
        let doc = read(&format!("{SEEDS}/{name}"));
        let r = parse(&doc, &ParseOptions::default());
        assert!(matches!(r, Err(ParseError::NoEntries { .. })), "{name}: {r:?}");
    }
}

#[test]
fn subclause_headings_without_numbers() {
    let t = "3 Definitions\nTerms defined elsewhere\n3.1.1 device [ITU-T Y.2060]: A piece of equipment.\nNOTE 1 – First.\nNOTE 2 – Second.\nTerms defined in this Recommendation\n3.2.1 Internet of things (IoT) [b-ITU-T Y.2060]: A global infrastructure.\n3.2.2 context awareness: An ability.";
    let v = auto(t);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].definition.as_deref(), Some("A piece of equipment."));
    assert_eq!(v[0].notes, vec!["First.".to_string(), "Second.".to_string()]);
    assert_eq!(v[0].origin, Origin::Elsewhere);
    check(&v[1], Some("3.2.1"), "Internet of things", Some("[b-ITU-T Y.2060]"), Some("A global infrastructure."));
    assert_eq!(v[1].abbreviation.as_deref(), Some("IoT"));
    // under a "defined in this Recommendation" heading a reference does not make it "elsewhere"
    assert_eq!(v[1].origin, Origin::Here);
    assert_eq!(v[2].origin, Origin::Here);
}

#[test]
fn two_level_heading_followed_by_unnumbered_terms() {
    let t = "3 Definitions\n3.1 General\nalpha: The first.\nbeta: The second.\n3.2 Specific\ngamma: The third.";
    let v = auto(t);
    assert_eq!(v.len(), 3);
    check(&v[0], None, "alpha", None, Some("The first."));
    check(&v[2], None, "gamma", None, Some("The third."));
}
