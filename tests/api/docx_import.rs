//! Word files (`.docx`) through the CLI and HTTP: one concept per entry across the
//! language versions, abbreviations as abbreviations or concepts, the import plan's
//! statuses, the per-file dry-run report, and clear refusals.

use serde_json::Value;

use crate::helpers::{add_user, hexaglot, spawn_app_at};

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
fn concept(app: &crate::helpers::TestApp, token: &str, id: &Value) -> Value {
    let (st, c) = app.send("GET", &format!("/api/v1/concepts/{}", id.as_str().unwrap()), Some(token), None);
    assert_eq!(st, 200, "{c}");
    c
}

#[test]
fn e119_in_five_languages_is_one_concept_per_entry_and_its_abbreviations_join_in() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
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
    let t88 = format!("{DOCX}/T-REC-T.88-201808-P!!MSW-E.docx");
    let q850 = format!("{DOCX}/T-REC-Q.850-201810-I!!MSW-E.docx");
    let report = import(&dir, &[t88.clone()], &["--json"]);
    assert_eq!(
        (&report["definitions"], &report["abbreviations"], &report["created"]),
        (&62.into(), &12.into(), &74.into())
    );
    let report = import(&dir, &[q850.clone()], &["--json", "--status", "accepted"]);
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
