//! Word files (`.docx`) through the CLI and HTTP: one concept per entry across the
//! language versions, abbreviations as abbreviations or concepts, the import plan's
//! statuses, the per-file dry-run report, and clear refusals.

use serde_json::Value;

use crate::common::{add_user, hexaglot, spawn_app, spawn_app_at, TestApp};

const DOCX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx");

fn e119(lang: &str) -> String {
    format!("{DOCX}/T-REC-E.119-201704-I!!MSW-{lang}.docx")
}

fn e119_all() -> Vec<String> {
    ["E", "F", "S", "R", "A"].iter().map(|l| e119(l)).collect()
}

/// Runs `hexaglot import FILES… EXTRA…`, asserts success, returns the JSON printed.
fn import(dir: &std::path::Path, files: &[String], extra: &[&str]) -> Value {
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    args.extend(extra);
    let out = hexaglot(dir, &args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A concept as staff see it.
fn concept(app: &crate::common::TestApp, token: &str, id: &Value) -> Value {
    let (st, c) = app.send("GET", &format!("/api/v1/concepts/{}", id.as_str().unwrap()), Some(token), None);
    assert_eq!(st, 200, "{c}");
    c
}

#[test]
fn e119_in_five_languages_is_one_concept_per_entry_and_its_abbreviations_join_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    // Without the bundled copy of these files: they are the ones imported here.
    crate::common::without_word_seed(&dir);
    let report = import(&dir, &e119_all(), &["--json"]);
    // 8 definitions; of 5 abbreviations, DTN, NGN and BCP are those of definitions (unchanged),
    // IoT and UNISDR become concepts of their own.
    assert_eq!(
        (&report["format"], &report["created"], &report["updated"], &report["unchanged"]),
        (&Value::from("docx"), &Value::from(10), &Value::from(0), &Value::from(3)),
        "{report}"
    );
    assert_eq!((&report["definitions"], &report["abbreviations"]), (&Value::from(8), &Value::from(5)), "{report}");
    assert_eq!(report["committed"], true);
    // Re-importing the same files changes nothing.
    let again = import(&dir, &e119_all(), &["--json"]);
    assert_eq!((&again["created"], &again["updated"], &again["unchanged"]), (&0.into(), &0.into(), &13.into()));

    let app = spawn_app_at(&dir);
    let admin = add_user(&dir, "tsb", "admin", &[]);
    let concepts: Vec<Value> = report["ids"].as_array().unwrap().iter().map(|id| concept(&app, &admin, id)).collect();
    assert_eq!(concepts.len(), 10);
    // Proposed by default (the import plan), nothing public yet.
    assert!(concepts.iter().all(|c| c["status"] == "proposed"), "{concepts:?}");
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.119", 200)["total"], 0);

    let disaster = concepts.iter().find(|c| c["source"]["clause"] == "3.1.2").unwrap();
    for (lang, term) in
        [("en", "disaster"), ("fr", "catastrophe"), ("es", "catástrofe"), ("ru", "бедствие"), ("ar", "الكارثة")]
    {
        assert_eq!(disaster["languages"][lang]["terms"][0]["text"], term, "{lang}");
    }
    assert_eq!(disaster["source"]["rec"], "ITU-T E.119");
    assert_eq!(disaster["origin"]["reference"], "[b-UNISDR]");
    assert_eq!(concepts.iter().filter(|c| c["languages"].as_object().unwrap().len() == 5).count(), 10);

    // An abbreviation of a definition: the Russian list's NGN beside the definition's own СПП.
    let ngn = concepts.iter().find(|c| c["languages"]["en"]["terms"][0]["text"] == "next generation network").unwrap();
    assert_eq!(ngn["languages"]["ru"]["abbreviations"], serde_json::json!(["СПП", "NGN"]));
    assert_eq!(ngn["languages"]["en"]["abbreviations"], serde_json::json!(["NGN"]));
    // An abbreviation without a definition: a concept with the expansion as term, no definition.
    let iot = concepts.iter().find(|c| c["languages"]["en"]["abbreviations"] == serde_json::json!(["IoT"])).unwrap();
    assert_eq!(iot["languages"]["en"]["terms"][0]["text"], "Internet of Things");
    assert_eq!(iot["languages"]["fr"]["terms"][0]["text"], "Internet des objets");
    assert!(iot["languages"]["en"]["definition"].is_null(), "{iot}");
    assert_eq!((&iot["source"]["rec"], &iot["source"]["clause"]), (&"ITU-T E.119".into(), &"4".into()), "{iot}");
    assert_eq!(iot["status"], "proposed");
}

#[test]
fn word_files_enter_as_proposed_unless_accepted_is_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    // Without the bundled copy of these files: they are the ones imported here.
    crate::common::without_word_seed(&dir);
    let before = english_stats(&dir);
    let report = import(&dir, &[e119("E")], &["--status", "accepted", "--sg", "SG2", "--json"]);
    // In English alone "Delay Tolerant Networks" (the list) is not "delay tolerant network" (the
    // definition): DTN, IoT and UNISDR become concepts; NGN and BCP join their definitions.
    assert_eq!(
        (&report["created"], &report["definitions"], &report["abbreviations"]),
        (&11.into(), &8.into(), &5.into())
    );
    let app = spawn_app_at(&dir);
    let list = app.get_json("/api/v1/concepts?rec=E.119&limit=100", 200);
    assert_eq!(list["total"], 11, "{list}");
    assert!(list["items"].as_array().unwrap().iter().all(|c| c["status"] == "accepted"), "{list}");
    let hits = app.get_json("/api/v1/search?q=disaster&lang=en", 200);
    assert_eq!(hits["hits"][0]["terms"]["en"], "disaster", "{hits}");
    // The equal-footing statistics count the three abbreviation-only concepts (DTN, IoT,
    // UNISDR) as having an English term but no definition, like the three entries of 3.1
    // that give only a reference: 11 with a term, 5 with a definition.
    let after = english_stats(&dir);
    assert_eq!((after.0 - before.0, after.1 - before.1, after.2 - before.2), (11, 11, 5), "{before:?} {after:?}");
    let iot = app.get_json("/api/v1/search?q=IoT&lang=en", 200);
    assert_eq!(iot["hits"][0]["terms"]["en"], "Internet of Things", "{iot}");
}

/// `hexaglot stats --json`: accepted concepts, and English ones with a term and with a definition.
fn english_stats(dir: &std::path::Path) -> (u64, u64, u64) {
    let out = hexaglot(dir, &["stats", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    let en = stats["languages"].as_array().unwrap().iter().find(|l| l["lang"] == "en").unwrap().clone();
    (stats["concepts"].as_u64().unwrap(), en["with_term"].as_u64().unwrap(), en["with_definition"].as_u64().unwrap())
}

#[test]
fn dry_run_json_is_one_object_per_file_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let files = vec![e119("E"), e119("F")];
    let out = import(&dir, &files, &["--dry-run", "--json"]);
    let files = out.as_array().expect("an array");
    assert_eq!(files.len(), 2);
    let en = &files[0];
    for key in
        ["file", "rec", "edition", "title", "lang", "sg", "definitions_clause", "entries", "abbreviations", "warnings"]
    {
        assert!(en.get(key).is_some(), "missing {key}: {en}");
    }
    assert_eq!(en["file"], "T-REC-E.119-201704-I!!MSW-E.docx");
    assert_eq!((&en["rec"], &en["edition"], &en["lang"]), (&"ITU-T E.119".into(), &"2017-04".into(), &"en".into()));
    assert_eq!(en["definitions_clause"], "3");
    assert_eq!(en["entries"].as_array().unwrap().len(), 8);
    assert_eq!(en["abbreviations"].as_array().unwrap().len(), 5);
    let first = &en["entries"][0];
    for key in ["number", "term", "abbreviation", "reference", "references", "definition", "notes", "origin"] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert_eq!(
        (&first["number"], &first["term"], &first["abbreviation"]),
        (&"3.1.1".into(), &"delay tolerant network".into(), &"DTN".into())
    );
    assert_eq!(first["references"], serde_json::json!(["[b-FG-NRR]"]));
    assert_eq!(first["origin"], "elsewhere");
    assert_eq!(
        en["abbreviations"][0],
        serde_json::json!({"abbreviation": "BCP", "expansion": "Business Continuity Plan", "references": []})
    );
    assert_eq!(files[1]["lang"], "fr");
    assert_eq!(files[1]["entries"][1]["term"], "catastrophe");
    // --lang applies to every file; --rec overrides the document's.
    let out = import(&dir, &[e119("E"), e119("F")], &["--dry-run", "--json", "--lang", "fr", "--rec", "E.120"]);
    assert!(out.as_array().unwrap().iter().all(|f| f["lang"] == "fr" && f["rec"] == "ITU-T E.120"), "{out}");
    // Nothing written: the directory holds the fresh seed.
    let stats: Value = serde_json::from_slice(&hexaglot(&dir, &["stats", "--json"]).stdout).unwrap();
    let fresh: Value =
        serde_json::from_slice(&hexaglot(&tmp.path().join("fresh"), &["stats", "--json"]).stdout).unwrap();
    assert_eq!(stats, fresh, "a dry run wrote something");
}

#[test]
fn abbreviations_of_several_recommendations_are_counted_apart_and_reimport_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    // Without the bundled copy of these files: they are the ones imported here.
    crate::common::without_word_seed(&dir);
    let t88 = format!("{DOCX}/T-REC-T.88-201808-P!!MSW-E.docx");
    let q850 = format!("{DOCX}/T-REC-Q.850-201810-I!!MSW-E.docx");
    let report = import(&dir, std::slice::from_ref(&t88), &["--json"]);
    assert_eq!(
        (&report["definitions"], &report["abbreviations"], &report["created"]),
        (&62.into(), &12.into(), &74.into())
    );
    let report = import(&dir, std::slice::from_ref(&q850), &["--json", "--status", "accepted"]);
    assert_eq!(
        (&report["definitions"], &report["abbreviations"], &report["created"]),
        (&0.into(), &23.into(), &23.into())
    );
    for f in [t88, q850] {
        let again = import(&dir, &[f], &["--json"]);
        assert_eq!((&again["created"], &again["updated"]), (&0.into(), &0.into()), "{again}");
    }
    let app = spawn_app_at(&dir);
    let q = app.get_json("/api/v1/concepts?rec=Q.850&limit=100", 200);
    assert_eq!(q["total"], 23, "{q}");
    assert!(q["items"].as_array().unwrap().iter().all(|c| c["source"]["clause"].is_string()), "{q}");
}

#[test]
fn a_word_file_without_a_number_or_not_a_word_file_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let skeleton = format!("{DOCX}/ITUT-Recs-Skelet.docx");
    let out = hexaglot(&dir, &["import", &skeleton]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no Recommendation number") && err.contains("--rec"), "{err}");
    // With --rec it reads (a skeleton has no definitions to import).
    let out = hexaglot(&dir, &["import", &skeleton, "--rec", "X.999", "--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let zip = tmp.path().join("notes.docx");
    std::fs::write(&zip, hostile_zip()).unwrap();
    let out = hexaglot(&dir, &["import", zip.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("word/document.xml") && !err.contains("XLSX"), "{err}");
}

/// A zip holding one text file: neither a Word file nor a workbook.
pub fn hostile_zip() -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(b"not a document").unwrap();
    w.finish().unwrap().into_inner()
}

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A `multipart/form-data` body with one `file` field per (name, bytes).
fn form(files: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "hexaglot-test-boundary-7e3f";
    let mut body = Vec::new();
    for (name, data) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 Content-Type: {DOCX_TYPE}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn post_bytes(app: &TestApp, path: &str, token: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
    let resp = crate::common::client()
        .post(app.url(path))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().unwrap_or(Value::Null))
}

fn named(file: &str) -> (String, Vec<u8>) {
    (std::path::Path::new(file).file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(file).unwrap())
}

#[test]
fn http_import_takes_one_word_file_or_several_as_multipart() {
    // Without the bundled copy of these files: they are the ones imported here.
    let app = crate::common::spawn_app_without_word_seed();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    // One file as the body, detected from what the zip holds: proposals by default.
    let (st, rep) = post_bytes(&app, "/api/v1/import?sg=SG2", &admin, DOCX_TYPE, std::fs::read(e119("E")).unwrap());
    assert_eq!(st, 200, "{rep}");
    assert_eq!(
        (&rep["format"], &rep["created"], &rep["definitions"], &rep["abbreviations"]),
        (&"docx".into(), &11.into(), &8.into(), &5.into())
    );
    assert!(rep["ids"].as_array().unwrap().iter().all(|id| concept(&app, &admin, id)["status"] == "proposed"));
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.119", 200)["total"], 0);

    // Five language versions as repeated `file` fields, accepted when asked: one concept per entry.
    let (ct, body) = form(&e119_all().iter().map(|f| named(f)).collect::<Vec<_>>());
    let (st, rep) = post_bytes(&app, "/api/v1/import?format=docx&rec=E.118&status=accepted", &admin, &ct, body.clone());
    assert_eq!(st, 200, "{rep}");
    // IoT and UNISDR are not defined in E.118: they join the concepts the English E.119 made
    // of them ("else anywhere"), which gain the four other languages.
    assert_eq!(
        (&rep["created"], &rep["updated"], &rep["unchanged"], &rep["definitions"]),
        (&8.into(), &2.into(), &3.into(), &8.into()),
        "{rep}"
    );
    let list = app.get_json("/api/v1/concepts?rec=E.118&lang=ar&limit=100", 200);
    assert_eq!(list["total"], 8, "{list}");
    let hits = app.get_json("/api/v1/search?q=%D0%B1%D0%B5%D0%B4%D1%81%D1%82%D0%B2%D0%B8%D0%B5&lang=ru", 200);
    assert!(hits["hits"].as_array().unwrap().iter().any(|h| h["terms"]["ru"] == "бедствие"), "{hits}");
    // Again: nothing changes.
    let (_, again) = post_bytes(&app, "/api/v1/import?format=docx&rec=E.118&status=accepted", &admin, &ct, body);
    assert_eq!((&again["created"], &again["updated"], &again["unchanged"]), (&0.into(), &0.into(), &13.into()));

    // A zip that is no Word file: 400 naming what is missing.
    let (st, body) = post_bytes(&app, "/api/v1/import", &admin, DOCX_TYPE, hostile_zip());
    assert_eq!(st, 400, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("word/document.xml"), "{body}");
    let (st, body) =
        post_bytes(&app, "/api/v1/import?format=docx", &admin, "application/octet-stream", b"hello".to_vec());
    assert_eq!(st, 400, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("not a zip"), "{body}");
    // No number and no rec: a clear 400.
    let skeleton = named(&format!("{DOCX}/ITUT-Recs-Skelet.docx"));
    let (ct, form_body) = form(&[skeleton]);
    let (st, body) = post_bytes(&app, "/api/v1/import", &admin, &ct, form_body);
    assert_eq!(st, 400, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("no Recommendation number"), "{body}");
    // A form without `file` fields.
    let (st, body) =
        post_bytes(&app, "/api/v1/import", &admin, "multipart/form-data; boundary=x", b"--x--\r\n".to_vec());
    assert_eq!(st, 400, "{body}");
}

#[test]
fn extract_reads_word_files_with_lint_and_similar() {
    let app = spawn_app();
    let rap = add_user(&app.data_dir, "rap2", "rapporteur", &["--sg", "SG2"]);
    let rap17 = add_user(&app.data_dir, "rap17", "rapporteur", &["--sg", "SG17"]);
    let en = std::fs::read(e119("E")).unwrap();
    // The document names SG2: a SG17 rapporteur may not extract it for SG2.
    assert_eq!(post_bytes(&app, "/api/v1/proposals/extract", &rap17, DOCX_TYPE, en.clone()).0, 403);
    let (st, body) = post_bytes(&app, "/api/v1/proposals/extract", &rap, DOCX_TYPE, en);
    assert_eq!(st, 200, "{body}");
    let files = body.as_array().expect("one object per file");
    assert_eq!(files.len(), 1);
    assert_eq!((&files[0]["rec"], &files[0]["edition"]), (&"ITU-T E.119".into(), &"2017-04".into()));
    let entries = files[0]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 8);
    assert_eq!(entries[1]["term"], "disaster");
    assert_eq!(entries[1]["references"], serde_json::json!(["[b-UNISDR]"]));
    assert!(entries[1]["lint"].is_array() && entries[1]["similar"].is_array(), "{}", entries[1]);
    assert_eq!(files[0]["abbreviations"].as_array().unwrap().len(), 5);
    // Several as multipart; nothing written.
    let (ct, form_body) = form(&[named(&e119("F")), named(&e119("R"))]);
    let (st, body) = post_bytes(&app, "/api/v1/proposals/extract?sg=SG2", &rap, &ct, form_body);
    assert_eq!(st, 200, "{body}");
    let langs: Vec<&str> = body.as_array().unwrap().iter().map(|f| f["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, ["fr", "ru"]);
    let (_, q) = app.send("GET", "/api/v1/queue", Some(&rap), None);
    assert_eq!(q, serde_json::json!([]));
    // Not a Word file: 400.
    let (st, body) = post_bytes(&app, "/api/v1/proposals/extract?sg=SG2", &rap, DOCX_TYPE, hostile_zip());
    assert_eq!(st, 400, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("word/document.xml"), "{body}");
}

/// A Word file with styled paragraphs: `(style, text)`, the term of `entry`
/// lines (`number\tterm\trest`) in bold as ITU writes them.
fn word_file(paras: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let run = |t: &str, bold: bool| {
        let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
        format!("<w:r>{b}<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(t))
    };
    let mut body = String::new();
    for (style, text) in paras {
        let ppr = if style.is_empty() || *style == "entry" {
            String::new()
        } else {
            format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
        };
        let runs = match (*style, text.splitn(3, '\t').collect::<Vec<_>>().as_slice()) {
            ("entry", [n, term, rest]) => {
                format!("{}<w:r><w:tab/></w:r>{}{}", run(n, false), run(term, true), run(rest, false))
            }
            (_, parts) => parts.iter().map(|p| run(p, false)).collect::<Vec<_>>().join("<w:r><w:tab/></w:r>"),
        };
        body.push_str(&format!("<w:p>{ppr}{runs}</w:p>"));
    }
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="RecNo"><w:name w:val="Rec_No"/></w:style><w:style w:type="paragraph" w:styleId="RecTitle"><w:name w:val="Rec_title"/></w:style></w:styles>"#
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in
        [("[Content_Types].xml", "<Types/>".to_string()), ("word/document.xml", document), ("word/styles.xml", styles)]
    {
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A vocabulary defining "access control" twice, from two sources.
fn vocabulary() -> Vec<u8> {
    word_file(&[
        ("RecNo", "Recommendation ITU-T J.1000"),
        ("RecTitle", "Vocabulary of cable networks"),
        ("Heading1", "1\tScope"),
        ("", "This Recommendation compiles terms and definitions for cable networks."),
        ("Heading1", "3\tDefinitions"),
        ("entry", "3.1\taccess control\t [b-ITU-T J.170]: The prevention of unauthorized use of a resource."),
        ("entry", "3.2\taccess control list\t: A list of the rights of each user."),
        ("entry", "3.2bis\taccess control\t [b-ITU-T J.223.1]: Security services that prevent unauthorized access."),
        ("Heading1", "4\tAbbreviations and acronyms"),
        ("", "This Recommendation uses the following abbreviations and acronyms:"),
        ("", "ACL\tAccess Control List"),
        ("", "CM\tCable Modem"),
        ("Heading1", "5\tConventions"),
        ("", "None."),
    ])
}

#[test]
fn one_term_with_two_definitions_gives_linked_harmonization_candidates_that_survive_dump_and_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let file = tmp.path().join("J.1000-vocabulary.docx");
    std::fs::write(&file, vocabulary()).unwrap();
    let file = file.to_string_lossy().into_owned();
    let dry = import(&dir, std::slice::from_ref(&file), &["--dry-run", "--json"]);
    let numbers: Vec<&str> =
        dry[0]["entries"].as_array().unwrap().iter().map(|e| e["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["3.1", "3.2", "3.2bis"], "{dry}");
    let report = import(&dir, std::slice::from_ref(&file), &["--json"]);
    // ACL joins "access control list"; CM becomes a concept.
    assert_eq!(
        (&report["created"], &report["definitions"], &report["abbreviations"]),
        (&4.into(), &3.into(), &2.into())
    );
    let again = import(&dir, std::slice::from_ref(&file), &["--json"]);
    assert_eq!((&again["created"], &again["updated"]), (&0.into(), &0.into()), "{again}");

    let check = |dir: &std::path::Path| {
        let app = spawn_app_at(dir);
        let admin = add_user(dir, &format!("tsb{}", rand_suffix()), "admin", &[]);
        let concepts: Vec<Value> =
            report["ids"].as_array().unwrap().iter().map(|id| concept(&app, &admin, id)).collect();
        let by_clause = |c: &str| concepts.iter().find(|x| x["source"]["clause"] == c).unwrap().clone();
        let (a, b, list) = (by_clause("3.1"), by_clause("3.2bis"), by_clause("3.2"));
        assert_eq!(
            a["harmonization"],
            serde_json::json!([{"id": b["id"], "term": "access control", "rec": "ITU-T J.1000"}])
        );
        assert_eq!(
            b["harmonization"],
            serde_json::json!([{"id": a["id"], "term": "access control", "rec": "ITU-T J.1000"}])
        );
        assert!(list.get("harmonization").is_none(), "{list}");
        assert_eq!(list["languages"]["en"]["abbreviations"], serde_json::json!(["ACL"]));
        // Shown in TSB's queue, beside the proposal to accept.
        for (c, other) in [(&a, &b), (&b, &a)] {
            let (_, queue) = app.send("GET", "/api/v1/queue?limit=100", Some(&admin), None);
            let item = queue.as_array().unwrap().iter().find(|q| q["id"] == c["id"]).unwrap();
            assert_eq!(item["harmonization"][0]["id"], other["id"], "{item}");
        }
    };
    check(&dir);
    // Dump and restore into a new directory: the links are there.
    let dump = tmp.path().join("all.jsonl");
    let out = hexaglot(&dir, &["dump", dump.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let restored = tmp.path().join("restored");
    let out = hexaglot(&restored, &["restore", dump.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    check(&restored);

    // Published (here as another Recommendation's): both public concept pages show the other.
    let report = import(&restored, &[file], &["--rec", "J.1001", "--status", "accepted", "--json"]);
    let app = spawn_app_at(&restored);
    let ids: Vec<&str> = report["ids"].as_array().unwrap().iter().map(|i| i.as_str().unwrap()).collect();
    let public: Vec<Value> = ids.iter().map(|id| app.get_json(&format!("/api/v1/concepts/{id}"), 200)).collect();
    let linked: Vec<&Value> = public.iter().filter(|c| c.get("harmonization").is_some()).collect();
    assert_eq!(linked.len(), 2, "{public:?}");
    for (c, other) in [(linked[0], linked[1]), (linked[1], linked[0])] {
        let page = app.get(&format!("/concepts/{}", c["id"].as_str().unwrap())).text().unwrap();
        assert!(page.contains("Same term, other definitions"), "{page}");
        assert!(page.contains(&format!("href=\"/concepts/{}\"", other["id"].as_str().unwrap())), "{page}");
    }
}

fn rand_suffix() -> String {
    format!("{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos())
}
