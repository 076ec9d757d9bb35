//! TBX in and out through the CLI and HTTP: real files import completely,
//! exports validate against the official schemas and round-trip.

use serde_json::Value;

use crate::common::{add_user, client, hexaglot, spawn_app};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const CLAUSE3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clause3");

/// Non-empty `<term>` texts in a file, counted independently of the reader.
fn count_terms(path: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    let re = regex::Regex::new(r"(?s)<term(?:\s[^>]*)?>(.*?)</term>").unwrap();
    re.captures_iter(&text).filter(|c| !c[1].trim().is_empty()).count() as u64
}

/// Terms stored (six languages) plus terms kept in other languages.
fn stored_terms(dir: &std::path::Path, seeded: u64) -> u64 {
    let db = rusqlite::Connection::open(dir.join("hexaglot.db")).unwrap();
    let six: i64 = db.query_row("SELECT COUNT(*) FROM term", [], |r| r.get(0)).unwrap();
    let other: i64 = db
        .query_row(
            "SELECT COALESCE(SUM(json_array_length(content, '$.terms') + json_array_length(content, '$.abbreviations')), 0) FROM other_lang",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (six + other) as u64 - seeded
}

fn import_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = hexaglot(dir, &all);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{args:?}: {}", String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn real_files_import_with_every_term_kept_and_reimport_changes_nothing() {
    let files = [
        "tbx/real/weblate-glossary/ar.tbx",
        "tbx/real/weblate-glossary/es.tbx",
        "tbx/real/weblate-glossary/fr.tbx",
        "tbx/real/weblate-glossary/ru.tbx",
        "tbx/real/weblate-glossary/zh_Hans.tbx",
        "tbx/real/tbx2rdf-samples/iatefullmini.xml",
        "tbx/real/tbx2rdf-samples/maryland.tbx",
        "tbx/real/lokalize/kde-cn_zh-CN_terms.tbx",
    ];
    let seed_dir = tempfile::tempdir().unwrap();
    hexaglot(seed_dir.path(), &["stats"]);
    let seeded = stored_terms(seed_dir.path(), 0);
    for f in files {
        let path = format!("{SHARED}/{f}");
        let tmp = tempfile::tempdir().unwrap();
        let report = import_json(tmp.path(), &[&path]);
        assert_eq!(report["committed"], true, "{f}: {report}");
        assert!(report["errors"].as_array().unwrap().is_empty(), "{f}: {report}");
        let in_file = count_terms(&path);
        let skipped_only_other = report["skipped"].as_u64().unwrap();
        let kept = stored_terms(tmp.path(), seeded);
        // An entry with text in none of the six languages is reported as skipped, never silently dropped.
        // Only the IATE excerpt has one: IATE-14, a single Romanian term.
        if f.ends_with("iatefullmini.xml") {
            assert_eq!(skipped_only_other, 1, "{f}: {report}");
            assert_eq!(kept, in_file - 1, "{f}: {report}");
            assert!(!report["warnings"].as_array().unwrap().is_empty(), "{f}: {report}");
        } else {
            assert_eq!(skipped_only_other, 0, "{f}: {report}");
            assert_eq!(kept, in_file, "{f}: {report}");
        }
        let again = import_json(tmp.path(), &[&path]);
        assert_eq!(
            (again["created"].as_u64(), again["updated"].as_u64()),
            (Some(0), Some(0)),
            "{f} re-import: {again}"
        );
    }
    // The IATE excerpt: 22 languages, those outside the six kept and reported.
    let tmp = tempfile::tempdir().unwrap();
    let report = import_json(tmp.path(), &[&format!("{SHARED}/tbx/real/tbx2rdf-samples/iatefullmini.xml")]);
    // The kept entry (IATE-2) has 22 languages: en, es, fr and these 19.
    let other: Vec<&str> = report["other_langs"].as_object().unwrap().keys().map(String::as_str).collect();
    let expected = [
        "bg", "cs", "da", "de", "el", "et", "fi", "ga", "hu", "it", "lt", "lv", "nl", "pl", "pt", "ro", "sk", "sl",
        "sv",
    ];
    assert_eq!(other, expected, "{report}");
    assert_eq!(report["other_langs_kept"], true);
    let skip = import_json(
        tempfile::tempdir().unwrap().path(),
        &[&format!("{SHARED}/tbx/real/tbx2rdf-samples/iatefullmini.xml"), "--skip-other-langs"],
    );
    assert_eq!(skip["other_langs_kept"], false);
}

#[test]
fn weblate_french_terms_are_searchable_with_their_english_equivalents() {
    let app = spawn_app();
    let report = import_json(&app.data_dir, &[&format!("{SHARED}/tbx/real/weblate-glossary/fr.tbx")]);
    assert_eq!(report["committed"], true);
    let deadline = std::time::Instant::now() + crate::common::PATIENCE;
    loop {
        let eq = app.get_json("/api/v1/equivalents?term=glossary&from=en&to=fr", 200);
        if eq["matches"][0]["equivalents"]["fr"][0] == "glossaire" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{eq}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn exports_validate_and_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    // Without the bundled E.119 (data/word/): the one imported here.
    crate::common::without_word_seed(&a);
    let files: Vec<String> =
        ["en", "fr", "es", "ru", "ar"].iter().map(|l| format!("{CLAUSE3}/E.119-{l}.txt")).collect();
    let mut args: Vec<&str> = files.iter().map(String::as_str).collect();
    args.extend(["--format", "clause3", "--rec", "ITU-T E.119", "--sg", "SG2", "--status", "accepted"]);
    assert_eq!(import_json(&a, &args)["created"], 8);
    let first = tmp.path().join("first.tbx");
    let out = hexaglot(&a, &["export", "--format", "tbx", "--out", first.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Valid TBX-Basic (core RNG + DCA Schematron).
    let v = std::process::Command::new("bash").arg(format!("{SHARED}/tbx/validate.sh")).arg(&first).output().unwrap();
    assert!(
        v.status.success(),
        "validate.sh: {}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );

    // Into an empty store and out again: the same concepts.
    let b = tmp.path().join("b");
    crate::common::without_word_seed(&b);
    let report = import_json(&b, &[first.to_str().unwrap()]);
    assert_eq!(report["committed"], true, "{report}");
    let second = tmp.path().join("second.tbx");
    assert!(hexaglot(&b, &["export", "--out", second.to_str().unwrap()]).status.success());
    let strip = |p: &std::path::Path| -> Vec<String> {
        std::fs::read_to_string(p).unwrap().lines().filter(|l| !l.contains("<date>")).map(str::to_string).collect()
    };
    assert_eq!(strip(&first), strip(&second), "export → import → export changed the concepts");
    let concepts = |dir: &std::path::Path| {
        let app = crate::common::spawn_app_at(dir);
        let mut v = app.get_json("/api/v1/concepts?limit=200", 200)["items"].clone();
        for c in v.as_array_mut().unwrap() {
            for key in ["created_at", "updated_at", "proposed_at", "version"] {
                c.as_object_mut().unwrap().remove(key);
            }
            for s in c["languages"].as_object_mut().unwrap().values_mut() {
                for key in [
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "adopted_at",
                    "created_by",
                    "submitted_by",
                    "adopted_by",
                    "revision",
                ] {
                    s.as_object_mut().unwrap().remove(key);
                }
            }
        }
        v
    };
    let (ca, cb) = (concepts(&a), concepts(&b));
    if let Some(path) = first_difference(&ca, &cb, String::new()) {
        panic!("the round trip changed {path}");
    }

    // Filters narrow the export.
    let fr = hexaglot(&a, &["export", "--lang", "fr", "--rec", "E.119"]);
    let text = String::from_utf8(fr.stdout).unwrap();
    assert_eq!(text.matches("<conceptEntry").count(), 8);
    assert!(text.contains("xml:lang=\"fr\"") && !text.contains("xml:lang=\"ar\""));
    assert!(!hexaglot(&a, &["export", "--format", "pdf"]).status.success());
    assert!(!hexaglot(&a, &["export", "--lang", "xx"]).status.success());
}

#[test]
fn http_export_streams_tbx_and_import_refuses_broken_files_atomically() {
    let app = spawn_app();
    let resp = client().get(app.url("/api/v1/export?format=tbx&lang=zh,en&sg=SG17")).send().unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().contains("tbx"));
    let body = resp.text().unwrap();
    assert!(body.contains("智能电表") && body.contains("smart meter"));
    assert_eq!(body.matches("<conceptEntry").count(), 7, "SG17 has the 7 X.1332 entries");
    assert_eq!(app.get("/api/v1/export?format=docx").status(), 400);
    assert_eq!(app.get("/api/v1/export?pending=true").status(), 401);

    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let before = app.get_json("/api/v1/stats/languages", 200);
    let broken = "<?xml version=\"1.0\"?>\n<martif type=\"TBX\"><text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>ok</term></tig></langSet></termEntry>\n<termEntry><langSet xml:lang=\"fr\"><tig><term>cassé</tig></langSet>\n</body></text></martif>";
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>&lol2;</term></tig></langSet></termEntry></body></text></martif>";
    let invalid_utf8: &[u8] = b"<?xml version=\"1.0\"?><martif><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>\xff\xfe</term></tig></langSet></termEntry></body></text></martif>";
    for (name, body) in [("broken", broken.as_bytes()), ("bomb", bomb.as_bytes()), ("utf8", invalid_utf8)] {
        let resp = client()
            .post(app.url("/api/v1/import?format=tbx2008"))
            .bearer_auth(&admin)
            .body(body.to_vec())
            .send()
            .unwrap();
        let status = resp.status().as_u16();
        let json: Value = resp.json().unwrap();
        assert_eq!(status, 400, "{name}: {json}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(message.contains("line"), "{name}: the place is named: {message}");
    }
    assert_eq!(before, app.get_json("/api/v1/stats/languages", 200), "a refused file changed the data");
}

/// The path of the first value that differs, if any.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                first_difference(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    format!("{path}.{k}"),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (u, v))| first_difference(u, v, format!("{path}[{i}]")))
        }
        _ if a != b => Some(format!("{path}: {a} → {b}")),
        _ => None,
    }
}
