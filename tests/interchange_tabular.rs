//! CSV and XLSX through the library API: real files in temporary data
//! directories, imported with `App::import` like the CLI does.

use std::path::Path;

use hexaglot::app::catalog::ConceptFilter;
use hexaglot::app::export::ExportFilter;
use hexaglot::app::import::{ImportOptions, ImportReport};
use hexaglot::interchange::csv::{read_csv, write_csv};
use hexaglot::interchange::import::{ImportProblem, ImportRecord};
use hexaglot::interchange::xlsx::{read_xlsx, read_xlsx_file, read_xlsx_within, write_xlsx, write_xlsx_file};
use hexaglot::interchange::Format;
use hexaglot::model::{
    ConceptStatus, Lang, NewConcept, NewSection, OriginKind, SectionContent, SectionStatus, Term, TermKind, View,
};
use hexaglot::App;

const ARABIC_TERM: &str = "الشبكة الذكية";
const ARABIC_DEFINITION: &str = "شبكة كهربائية تستخدم تكنولوجيا المعلومات، والاتصالات.";
const CHINESE_TERM: &str = "智能电网";
const CHINESE_DEFINITION: &str = "利用信息通信技术的电网，“双向”通信。";

fn section(
    terms: &[(&str, TermKind)],
    abbreviations: &[&str],
    definition: Option<&str>,
    notes: &[&str],
) -> SectionContent {
    SectionContent {
        terms: terms.iter().map(|(t, k)| Term { text: t.to_string(), status: *k }).collect(),
        abbreviations: abbreviations.iter().map(|a| a.to_string()).collect(),
        definition: definition.map(str::to_string),
        notes: notes.iter().map(|n| n.to_string()).collect(),
    }
}

/// An accepted concept in all six languages with the awkward characters a
/// spreadsheet must keep, and a proposal with only English under review.
fn add_samples(app: &App) -> Vec<String> {
    use TermKind::*;
    let six = NewConcept {
        id: None,
        status: ConceptStatus::Accepted,
        rec: Some("ITU-T Y.4900".parse().unwrap()),
        clause: Some("3.2.10".into()),
        study_groups: vec!["SG20".parse().unwrap(), "SG5".parse().unwrap()],
        origin: OriginKind::Elsewhere,
        origin_ref: Some("[b-ITU-T Y.2071]".into()),
        subject_field: Some("energy".into()),
        external_id: None,
        accepted_at: None,
        sections: vec![
            NewSection {
                lang: Lang::Ar,
                status: SectionStatus::Adopted,
                content: section(&[(ARABIC_TERM, Preferred)], &[], Some(ARABIC_DEFINITION), &["ملاحظة، بفاصلة."]),
            },
            NewSection {
                lang: Lang::Zh,
                status: SectionStatus::Submitted,
                content: section(
                    &[(CHINESE_TERM, Preferred), ("智慧电网", Admitted)],
                    &[],
                    Some(CHINESE_DEFINITION),
                    &[],
                ),
            },
            NewSection {
                lang: Lang::En,
                status: SectionStatus::Adopted,
                content: section(
                    &[("smart grid", Preferred), ("intelligent grid", Admitted), ("clever grid", Deprecated)],
                    &["SG"],
                    Some("An electricity network, with \"quotes\", commas and <script>alert(1)</script>."),
                    &["First note, with a comma and \"quotes\".\nIts second line.", "Second note."],
                ),
            },
            NewSection {
                lang: Lang::Fr,
                status: SectionStatus::Draft,
                content: section(
                    &[("réseau électrique intelligent", Preferred)],
                    &["RÉI"],
                    Some("Réseau; avec point-virgule."),
                    &["Note « française »."],
                ),
            },
            NewSection {
                lang: Lang::Ru,
                status: SectionStatus::Adopted,
                content: section(
                    &[("интеллектуальная энергосеть", Preferred)],
                    &[],
                    Some("Сеть, использующая ИКТ."),
                    &["=SUM(A1:A9) must stay text; so must +1 and @here."],
                ),
            },
            NewSection {
                lang: Lang::Es,
                status: SectionStatus::Returned,
                content: section(&[("red eléctrica inteligente", Preferred)], &[], Some("-Empieza con un guion."), &[]),
            },
        ],
    };
    let proposal = NewConcept {
        id: None,
        status: ConceptStatus::Proposed,
        rec: None,
        clause: None,
        study_groups: vec!["SG17".parse().unwrap()],
        origin: OriginKind::Here,
        origin_ref: None,
        subject_field: None,
        external_id: None,
        accepted_at: None,
        sections: vec![NewSection {
            lang: Lang::En,
            status: SectionStatus::Submitted,
            content: section(&[("key relay node", Preferred)], &[], Some("A node that relays keys."), &[]),
        }],
    };
    app.bulk_load("test", &[six, proposal]).unwrap().iter().map(|id| id.to_string()).collect()
}

fn export_csv(app: &App) -> (Vec<u8>, u64) {
    let mut out = Vec::new();
    let n = write_csv(&mut out, app.export(&ExportFilter { view: View::Staff, ..Default::default() }), &[]).unwrap();
    (out, n)
}

fn import(app: &App, records: Vec<Result<ImportRecord, ImportProblem>>) -> ImportReport {
    let mut iter = records.into_iter();
    app.import("test", Format::Csv, &mut iter, &ImportOptions::default(), &|_| {}).unwrap()
}

fn import_csv(app: &App, bytes: &[u8]) -> ImportReport {
    let mut iter = read_csv(bytes);
    app.import("test", Format::Csv, &mut iter, &ImportOptions::default(), &|_| {}).unwrap()
}

fn concept_count(app: &App) -> u64 {
    app.concepts(&ConceptFilter { limit: 1, count_total: true, ..Default::default() }, View::Staff)
        .unwrap()
        .total
        .unwrap()
}

fn rows_without_id(csv: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv);
    let mut rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().skip(1).map(str::to_string).collect()).collect();
    rows.sort();
    rows
}

fn open(dir: &Path) -> App {
    App::open(dir).unwrap()
}

#[test]
fn csv_round_trip_keeps_six_languages_and_reimport_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let app = open(&tmp.path().join("a"));
    let ids = add_samples(&app);
    let (bytes, n) = export_csv(&app);
    assert_eq!(n, concept_count(&app));
    assert!(bytes
        .starts_with("\u{feff}id,status,study_groups,rec,clause,origin,reference,subject_field,term_ar,".as_bytes()));
    let text = std::str::from_utf8(&bytes).unwrap();
    for expected in
        [ARABIC_TERM, ARABIC_DEFINITION, CHINESE_TERM, CHINESE_DEFINITION, "<script>alert(1)</script>", "SG20; SG5"]
    {
        assert!(text.contains(expected), "{expected} missing from the export");
    }
    // Formula-looking cells are guarded, and quotes doubled.
    assert!(text.contains("'=SUM(A1:A9)") && text.contains(",'-Empieza"), "formula guard");
    assert!(text.contains("with \"\"quotes\"\""), "quotes doubled");
    std::fs::write(tmp.path().join("export.csv"), &bytes).unwrap();

    // Re-importing the export changes nothing.
    let file = std::fs::File::open(tmp.path().join("export.csv")).unwrap();
    let mut iter = read_csv(file);
    let report = app.import("test", Format::Csv, &mut iter, &ImportOptions::default(), &|_| {}).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!((report.unchanged, report.created, report.updated, report.skipped), (n, 0, 0, 0), "{report:?}");

    // Into another database: the same content, statuses included.
    let other = open(&tmp.path().join("b"));
    let report = import_csv(&other, &bytes);
    assert!(report.committed && report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.created, ids.len() as u64, "{report:?}");
    let (again, m) = export_csv(&other);
    assert_eq!(m, n);
    assert_eq!(rows_without_id(&again), rows_without_id(&bytes));
    let copy = other.concept(report.ids[0], View::Staff).unwrap();
    let original = app.concept(ids[0].parse().unwrap(), View::Staff).unwrap();
    for lang in Lang::ALL {
        assert_eq!(copy.languages[&lang].content, original.languages[&lang].content, "{lang}");
        assert_eq!(copy.languages[&lang].status, original.languages[&lang].status, "{lang}");
    }
    assert_eq!(copy.study_groups, original.study_groups);
    assert_eq!(copy.origin, original.origin);
    assert_eq!(copy.source, original.source);
    assert_eq!(copy.languages[&Lang::En].content.notes.len(), 2, "notes stay apart, lines within them kept");
}

#[test]
fn bom_crlf_semicolons_and_a_subset_of_columns_in_any_order() {
    let lf = "Definition_FR,TERM_EN,term_fr\nwidget defined,widget,\"gadget, \"\"le\"\"\"\n";
    let with_bom_crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let semicolons = "\u{feff}Definition_FR;TERM_EN;term_fr\r\nwidget defined;widget;\"gadget, \"\"le\"\"\"\r\n";
    let parse = |s: &str| -> Vec<String> { read_csv(s.as_bytes()).map(|r| format!("{:?}", r.unwrap())).collect() };
    let base = parse(lf);
    assert_eq!(base.len(), 1);
    assert_eq!(parse(&with_bom_crlf), base);
    assert_eq!(parse(semicolons), base);
    let record = read_csv(lf.as_bytes()).next().unwrap().unwrap();
    assert_eq!(record.place, "row 2");
    let fr = record.sections.iter().find(|s| s.lang == Lang::Fr).unwrap();
    assert_eq!(fr.content.preferred_term(), Some("gadget, \"le\""));
    assert_eq!(fr.content.definition.as_deref(), Some("widget defined"));

    // A quoted cell over several lines, CRLF inside it: one row, LF kept; the row after is numbered as in a spreadsheet.
    let multi = "term_en,notes_en\r\nnet,\"first note\r\nstill first\r\n\r\nsecond note\"\r\n\r\nweb,\r\n";
    let records: Vec<ImportRecord> = read_csv(multi.as_bytes()).map(Result::unwrap).collect();
    assert_eq!(records.len(), 2);
    let en = &records[0].sections[0].content;
    assert_eq!(en.notes, vec!["first note\nstill first".to_string(), "second note".to_string()]);
    assert_eq!(records[1].sections[0].content.preferred_term(), Some("web"));

    // Ids, study groups, statuses, and languages outside the six.
    let rich = "ID,status,study_groups,rec,clause,origin,reference,term_en,status_en,term_de,definition_pt-BR\n\
                X-7,proposed,sg17;SG2,X.1332,3.1,elsewhere,[b-X],alpha,submitted,Alpha,Definição\n";
    let r = read_csv(rich.as_bytes()).next().unwrap().unwrap();
    assert_eq!(r.external_id.as_deref(), Some("X-7"));
    assert_eq!(r.fields.status, Some(ConceptStatus::Proposed));
    assert_eq!(r.fields.study_groups.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["SG17", "SG2"]);
    assert_eq!(r.fields.rec.as_ref().map(|x| x.as_str()), Some("ITU-T X.1332"));
    assert_eq!(r.fields.origin, Some(OriginKind::Elsewhere));
    assert_eq!(r.sections[0].status, Some(SectionStatus::Submitted));
    let tags: Vec<&str> = r.other_langs.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(tags, ["de", "pt-BR"]);
}

fn first_problem(csv: &[u8]) -> ImportProblem {
    read_csv(csv).find_map(Result::err).expect("a problem")
}

#[test]
fn bad_rows_name_their_row_and_import_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let app = open(&tmp.path().join("a"));
    let before = concept_count(&app);

    // Row 3 has a cell too many; row 2 is fine but must not be written either.
    let report = import_csv(&app, b"term_en,definition_en\r\nfirst term,a definition\r\nsecond,def,extra\r\n");
    assert!(!report.committed);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].place, "row 3");
    assert!(report.errors[0].message.contains("3 cells, but the header has 2"), "{}", report.errors[0].message);
    assert_eq!(concept_count(&app), before);

    // Invalid UTF-8 (a file saved in a legacy code page).
    let report = import_csv(&app, b"term_en,term_fr\nfine,bien\nbad,r\xe9seau\n");
    assert!(!report.committed);
    assert_eq!(report.errors[0].place, "row 3");
    assert!(
        report.errors[0].message.contains("term_fr") && report.errors[0].message.contains("UTF-8"),
        "{}",
        report.errors[0].message
    );
    assert_eq!(concept_count(&app), before);

    // Too few cells, after a multi-line cell: the spreadsheet row, and the line.
    let p = first_problem(b"term_en,notes_en\n\"a\nb\",n\nc\n");
    assert_eq!(p.place, "row 3");
    assert!(p.message.contains("line 4"), "{}", p.message);

    // Blank lines count as spreadsheet rows; the line is given when it differs.
    let p = first_problem(b"term_en,notes_en\r\n\r\nx,\"n\r\nn\"\r\ny\r\n");
    assert_eq!((p.place.as_str(), p.message.contains("(line 5)")), ("row 4", true), "{p:?}");

    let p = first_problem(b"term_en,defintion_fr\nx,y\n");
    assert_eq!(p.place, "row 1");
    assert!(p.message.contains("defintion_fr"), "{}", p.message);
    assert_eq!(first_problem(b"id,definition_en\n1,x\n").place, "row 1");
    assert_eq!(first_problem(b"term_en,term_EN\n").place, "row 1");
    let p = first_problem(b"term_en,status_en\nx,finished\n");
    assert_eq!(p.place, "row 2");
    assert!(p.message.contains("status_en"), "{}", p.message);
    assert!(first_problem(b"term_en,study_groups\nx,SG99x\n").message.contains("study group"));
    assert!(first_problem(b"\xff\xfet\x00e\x00").message.contains("UTF-16"));
    assert!(first_problem(b"").message.contains("empty"));
    let p = first_problem(b"term_en,,\nx,,oops\n");
    assert!(p.message.contains("column 3") && p.message.contains("no header"), "{}", p.message);
    // Empty trailing columns without a header are fine.
    assert_eq!(read_csv(&b"term_en,,\nx,,\n"[..]).filter(Result::is_ok).count(), 1);
    assert_eq!(concept_count(&app), before);
}

#[test]
fn xlsx_round_trip_matches_csv_and_reimport_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let app = open(&tmp.path().join("a"));
    add_samples(&app);
    let path = tmp.path().join("export.xlsx");
    let n = write_xlsx_file(&path, app.export(&ExportFilter { view: View::Staff, ..Default::default() }), &[]).unwrap();
    assert_eq!(n, concept_count(&app));

    let from_xlsx = read_xlsx_file(&path).unwrap();
    assert_eq!(from_xlsx.len() as u64, n);
    let (csv_bytes, _) = export_csv(&app);
    let from_csv: Vec<_> = read_csv(&csv_bytes[..]).collect();
    let show = |v: &[Result<ImportRecord, ImportProblem>]| {
        v.iter().map(|r| format!("{:?}", r.as_ref().unwrap())).collect::<Vec<_>>()
    };
    assert_eq!(show(&from_xlsx), show(&from_csv));
    assert!(show(&from_xlsx).iter().any(|r| r.contains(ARABIC_DEFINITION) && r.contains(CHINESE_DEFINITION)));

    let report = import(&app, from_xlsx);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!((report.unchanged, report.created, report.updated), (n, 0, 0));

    // Only some languages, written to memory.
    let mut buf = Vec::new();
    let n2 = write_xlsx(
        &mut buf,
        app.export(&ExportFilter { view: View::Public, ..Default::default() }),
        &[Lang::Zh, Lang::Ar],
    )
    .unwrap();
    let records = read_xlsx(std::io::Cursor::new(buf)).unwrap();
    assert_eq!(records.len() as u64, n2);
    assert!(records.iter().all(|r| r.as_ref().unwrap().sections.iter().all(|s| matches!(s.lang, Lang::Zh | Lang::Ar))));

    assert!(read_xlsx(std::io::Cursor::new(b"not a zip".to_vec())).is_err());
}

#[test]
fn xlsx_problems_name_their_row() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    // The table starts lower down, as pasted sheets often do.
    sheet.write_string(2, 0, "term_en").unwrap();
    sheet.write_string(2, 1, "study_groups").unwrap();
    sheet.write_string(3, 0, "alpha").unwrap();
    sheet.write_number(3, 1, 17).unwrap();
    sheet.write_string(4, 0, "beta").unwrap();
    sheet.write_string(4, 1, "SG1234").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let records = read_xlsx(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(records.len(), 2);
    let first = records[0].as_ref().unwrap();
    assert_eq!(first.place, "row 4");
    assert_eq!(first.fields.study_groups[0].as_str(), "SG17", "a number typed in a cell reads as written");
    let problem = records[1].as_ref().unwrap_err();
    assert_eq!(problem.place, "row 5");
}

#[test]
fn xlsx_far_apart_cells_are_read_without_the_whole_bounding_box() {
    // A1 and XFD1048576 span 17 billion cells: read as a dense range, this
    // few-kilobyte workbook asked for 550 GB and aborted the process.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "term_en").unwrap();
    sheet.write_string(1, 0, "net").unwrap();
    sheet.write_string(1_048_575, 16_383, "far").unwrap();
    let records = read_xlsx(std::io::Cursor::new(book.save_to_buffer().unwrap())).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].as_ref().unwrap().place, "row 2");
    let problem = records[1].as_ref().unwrap_err();
    assert_eq!(problem.place, "row 1048576");
    assert!(problem.message.contains("column 16384 holds a value but has no header"), "{}", problem.message);

    // An error cell is named by its column as Excel shows it, wherever the table starts.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 1, "term_en").unwrap();
    sheet.write_string(0, 2, "notes_en").unwrap();
    sheet.write_string(1, 1, "net").unwrap();
    sheet.write_formula(1, 2, rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
    let records = read_xlsx(std::io::Cursor::new(book.save_to_buffer().unwrap())).unwrap();
    let problem = records[0].as_ref().unwrap_err();
    assert!(problem.message.starts_with("column C:"), "{}", problem.message);
}

#[test]
fn a_workbook_that_inflates_past_the_limit_is_refused_before_it_is_read() {
    // Small on disk, large once inflated: the shape of a zip bomb.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "term_en").unwrap();
    sheet.write_string(0, 1, "definition_en").unwrap();
    let filler = "a".repeat(30_000);
    for row in 1..=100u32 {
        sheet.write_string(row, 0, format!("term {row}")).unwrap();
        sheet.write_string(row, 1, format!("{filler}{row}")).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let err = read_xlsx_within(std::io::Cursor::new(bytes.clone()), 1 << 20).expect_err("inflates to ~3 MB");
    assert!(matches!(err, hexaglot::Error::TooLarge(_)), "{err}");
    assert!(err.to_string().contains("inflates"), "{err}");
    // Under the real limit the same workbook reads.
    let records = read_xlsx(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(records.len(), 100);
}

#[test]
fn reimport_updates_concept_level_fields_the_file_gives_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let app = open(&tmp.path().join("a"));
    let ids = add_samples(&app);
    let id = &ids[0];
    let before = app.concept(id.parse().unwrap(), View::Staff).unwrap();
    assert_eq!(before.study_groups.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["SG20", "SG5"]);

    // A spreadsheet moving the concept to SG17, renaming its subject field and marking it historical.
    let csv =
        format!("id,status,study_groups,subject_field,term_ar\n{id},historical,sg17,smart metering,{ARABIC_TERM}\n");
    let report = import_csv(&app, csv.as_bytes());
    assert!(report.committed && report.errors.is_empty(), "{report:?}");
    assert_eq!((report.updated, report.created, report.unchanged), (1, 0, 0), "{report:?}");
    let after = app.concept(id.parse().unwrap(), View::Staff).unwrap();
    assert_eq!(after.study_groups.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["SG17"]);
    assert_eq!(after.subject_field.as_deref(), Some("smart metering"));
    assert_eq!(after.status, ConceptStatus::Historical);
    // What the file does not carry stays: the source, origin, every language.
    assert_eq!(after.source, before.source);
    assert_eq!(after.origin, before.origin);
    for lang in Lang::ALL {
        assert_eq!(after.languages[&lang].content, before.languages[&lang].content, "{lang}");
        assert_eq!(after.languages[&lang].status, before.languages[&lang].status, "{lang}");
    }
    assert_eq!(after.version, before.version + 1);
    let history = app.history(id.parse().unwrap()).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "import");
    for path in ["study_groups", "subject_field", "status"] {
        assert!(last.changed.iter().any(|c| c == path), "{path} not in {:?}", last.changed);
    }
    // The index follows: the concept now carries SG17 in search.
    let hits = app
        .search(&hexaglot::search::SearchRequest {
            sg: Some("SG17".parse().unwrap()),
            ..hexaglot::search::SearchRequest::new("smart grid")
        })
        .unwrap();
    assert!(hits.hits.iter().any(|h| h.id.to_string() == *id), "{hits:?}");

    // The same file again changes nothing; an unknown study group is refused and changes nothing.
    let report = import_csv(&app, csv.as_bytes());
    assert_eq!((report.updated, report.unchanged), (0, 1), "{report:?}");
    let bad = format!("id,study_groups,term_ar\n{id},SG99,{ARABIC_TERM}\n");
    let mut iter = read_csv(bad.as_bytes());
    let report = app.import("test", Format::Csv, &mut iter, &ImportOptions::default(), &|_| {});
    let refused = match report {
        Ok(r) => !r.committed && !r.errors.is_empty(),
        Err(_) => true,
    };
    assert!(refused, "an unknown study group must be refused");
    let unchanged = app.concept(id.parse().unwrap(), View::Staff).unwrap();
    assert_eq!(unchanged.study_groups, after.study_groups);
    assert_eq!(unchanged.version, after.version);

    // Another termbase's id identifies its entry whatever the file says of it: a moved clause follows.
    let first = "id,rec,clause,term_en\nX-7,X.1332,3.1.4,alpha\n";
    let created = import_csv(&app, first.as_bytes());
    assert_eq!(created.created, 1, "{created:?}");
    let moved = import_csv(&app, "id,rec,clause,term_en\nX-7,X.1332,3.2.1,alpha\n".as_bytes());
    assert_eq!((moved.updated, moved.created), (1, 0), "{moved:?}");
    let c = app.concept(created.ids[0], View::Staff).unwrap();
    assert_eq!(c.source.clause.as_deref(), Some("3.2.1"));
    assert_eq!(c.source.rec.as_ref().map(|r| r.as_str()), Some("ITU-T X.1332"));
}

/// Concepts the index finds with an English term containing `word`.
fn found(app: &App, word: &str) -> u64 {
    let mut req = hexaglot::search::SearchRequest::new(word);
    req.langs = vec![Lang::En];
    req.field = hexaglot::search::SearchField::Term;
    app.search(&req).unwrap().total
}

#[test]
fn an_import_with_no_server_indexes_while_it_stores_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let rows: String = (0..40).map(|i| format!("b{i},zqbulkterm n{i},a relay numbered {i},SG17\r\n")).collect();
    let csv = format!("id,term_en,definition_en,study_groups\r\n{rows}");
    let dir = tmp.path().join("a");
    drop(open(&dir));
    {
        let app = App::open_for_import(&dir).unwrap();
        assert!(app.keeps_index());
        let docs = app.index_docs().unwrap();
        // A rejected file indexes nothing either.
        let bad = import_csv(&app, format!("{csv}b99,zqbulk-bad,def,SG17,extra\r\n").as_bytes());
        assert!(!bad.committed);
        assert_eq!(app.index_docs().unwrap(), docs);
        assert_eq!(found(&app, "zqbulkterm"), 0);
        let report = import_csv(&app, csv.as_bytes());
        assert!(report.committed && report.errors.is_empty(), "{report:?}");
        assert_eq!(report.created, 40);
        assert_eq!(found(&app, "zqbulkterm"), 40, "indexed by the import itself");
        // Updated concepts replace their documents.
        let edited = csv.replace("a relay numbered 7,", "a relay renumbered,");
        let report = import_csv(&app, edited.as_bytes());
        assert_eq!((report.updated, report.unchanged), (1, 39), "{report:?}");
        assert_eq!(found(&app, "zqbulkterm"), 40);
        let after = app.index_docs().unwrap();
        assert!(after > docs);
        assert_eq!(app.reindex(&|_, _| {}).unwrap() as usize, concept_count(&app) as usize);
        assert_eq!(app.index_docs().unwrap(), after, "what the import indexed is what a rebuild indexes");
    }
    // Nothing left for the next start to catch up.
    let app = open(&dir);
    assert_eq!(found(&app, "zqbulkterm"), 40);
}

#[test]
fn a_rebuild_searches_the_old_index_until_it_commits_then_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let rows: String = (0..40).map(|i| format!("r{i},zqrebuild n{i},a relay numbered {i},SG17\r\n")).collect();
    let csv = format!("id,term_en,definition_en,study_groups\r\n{rows}");
    let dir = tmp.path().join("a");
    drop(open(&dir));
    // Written to the store alone (as an import beside a running server): the index is behind.
    let report = import_csv(&App::open_store(&dir).unwrap(), csv.as_bytes());
    assert_eq!(report.created, 40, "{report:?}");

    let app = App::open_for_reindex(&dir).unwrap();
    assert!(app.keeps_index());
    assert_eq!(
        found(&app, "zqrebuild"),
        0,
        "opening for a rebuild caught the index up first: that work is thrown away by the rebuild"
    );
    let concepts = concept_count(&app);
    assert_eq!(app.reindex(&|_, _| {}).unwrap(), concepts);
    assert_eq!(found(&app, "zqrebuild"), 40);
    let docs = app.index_docs().unwrap();
    drop(app);
    // What the rebuild committed is current: the next start has nothing to add.
    let app = open(&dir);
    assert_eq!(app.index_docs().unwrap(), docs);
    assert_eq!(found(&app, "zqrebuild"), 40);
}
