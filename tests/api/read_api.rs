//! The core read API over HTTP: seed content, filters, paging, errors, restarts.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{client, hexaglot, spawn_app, spawn_app_at};

fn seed_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds/004_665915c87300ec3e.txt");
    std::fs::read_to_string(path).expect("X.1332 seed text")
}

/// Every concept of a Recommendation, following the cursor.
fn all_concepts(app: &crate::common::TestApp, query: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = app.get_json(&format!("/api/v1/concepts?{query}&limit=3{cursor}"), 200);
        out.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    out
}

fn find_by_zh<'a>(concepts: &'a [Value], term: &str) -> &'a Value {
    concepts
        .iter()
        .find(|c| c["languages"]["zh"]["terms"][0]["text"] == term)
        .unwrap_or_else(|| panic!("no concept with zh term {term}"))
}

#[test]
fn health_and_seeded_x1332_entries() {
    let app = spawn_app();
    assert_eq!(app.get_json("/healthz", 200), serde_json::json!({"status": "ok"}));

    let x1332 = all_concepts(&app, "rec=X.1332");
    let smart_meter = find_by_zh(&x1332, "智能电表");
    assert_eq!(smart_meter["languages"]["en"]["terms"][0]["text"], "smart meter");
    assert_eq!(smart_meter["origin"]["kind"], "elsewhere");
    assert_eq!(smart_meter["origin"]["reference"], "[b-ITU-T X.1331]");
    assert_eq!(smart_meter["source"]["rec"], "ITU-T X.1332");
    assert_eq!(smart_meter["source"]["clause"], "3.1.4");
    assert_eq!(smart_meter["study_groups"], serde_json::json!(["SG17"]));

    let dr = find_by_zh(&x1332, "需求响应");
    assert_eq!(dr["languages"]["en"]["terms"][0]["text"], "demand response");
    assert_eq!(dr["languages"]["zh"]["abbreviations"], serde_json::json!(["DR"]));
    assert_eq!(dr["origin"]["reference"], "[b-ITU-T Y.2071]");

    let mdms = find_by_zh(&x1332, "电表数据管理系统");
    assert_eq!(mdms["origin"]["kind"], "here");
    assert_eq!(mdms["languages"]["zh"]["notes"], serde_json::json!(["修改自 [b-ITU-T Y.2071]"]));

    // Keep only what is real: every seeded Chinese term and definition is in the source
    // text, and no language the source does not give is present.
    let source = seed_text();
    assert_eq!(x1332.len(), 7, "clause 3 of X.1332 has 3.1.1-3.1.4 and 3.2.1-3.2.3");
    for c in &x1332 {
        let zh = &c["languages"]["zh"];
        let term = zh["terms"][0]["text"].as_str().unwrap();
        assert!(source.contains(term), "{term} not in source");
        let def = zh["definition"].as_str().unwrap();
        assert!(source.contains(def), "definition of {term} not verbatim in source");
        let en = c["languages"]["en"]["terms"][0]["text"].as_str().unwrap();
        assert!(source.contains(&format!("{en})")) || source.contains(&format!("{en}）")), "{en} not in source");
        for lang in ["ar", "fr", "ru", "es"] {
            assert!(c["languages"].get(lang).is_none(), "invented {lang} section in {}", c["id"]);
        }
    }
}

#[test]
fn seeded_recommendations_study_groups_and_second_clause3() {
    let app = spawn_app();
    let sgs = app.get_json("/api/v1/study-groups", 200);
    let codes: BTreeSet<&str> = sgs.as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap()).collect();
    for code in ["SG2", "SG3", "SG5", "SG11", "SG12", "SG13", "SG15", "SG17", "SG20", "SG21", "TSAG"] {
        assert!(codes.contains(code), "missing {code}");
    }
    assert!(!codes.contains("SG9") && !codes.contains("SG16"), "SG9 and SG16 were merged into SG21");

    let recs = app.get_json("/api/v1/recommendations", 200);
    let recs = recs.as_array().unwrap();
    let by_id = |id: &str| recs.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no {id}"));
    let x1332 = by_id("ITU-T X.1332");
    assert_eq!(x1332["edition"], "03/2020");
    assert_eq!(x1332["sg"], "SG17");
    // Drafts from the two circulars.
    for id in ["ITU-T Y.4241", "ITU-T Y.4912", "ITU-T X.1214", "ITU-T X.1603"] {
        let r = by_id(id);
        assert_eq!(r["approval_procedure"], "TAP", "{id}");
        assert_eq!(r["status"], "determined", "{id}");
    }
    assert!(recs.iter().any(|r| r["provisional_name"] == "Y.dt-SComCam"));

    // The clause 3 found in the WTSA-24 text (around line 11,500 of 001_…).
    let wtsa =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds/001_6a3701248977aaa4.txt"))
            .unwrap();
    let detail = app.get_json("/api/v1/recommendations/A.25", 200);
    let list = detail["concept_list"].as_array().unwrap();
    assert_eq!(list.len(), 4, "A.25 3.1.1 to 3.1.3 and 3.2.1 in the seed");
    assert_eq!(detail["concepts"].as_u64().unwrap() as usize, list.len());
    for c in list {
        let term = c["languages"]["zh"]["terms"][0]["text"].as_str().unwrap();
        assert!(wtsa.contains(term), "{term} not in the WTSA text");
    }
    let clauses: Vec<&str> = list.iter().map(|c| c["source"]["clause"].as_str().unwrap()).collect();
    let mut sorted = clauses.clone();
    sorted.sort();
    assert_eq!(clauses, sorted, "concepts of a Recommendation come in clause order");
}

#[test]
fn filters_and_paging() {
    let app = spawn_app();
    let everything = all_concepts(&app, "");
    let total = app.get_json("/api/v1/concepts", 200)["total"].as_u64().unwrap() as usize;
    assert_eq!(everything.len(), total);
    let ids: BTreeSet<String> = everything.iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), total, "paging returned duplicates");

    let sg17 = all_concepts(&app, "sg=sg17");
    // The seed (data/concepts.json): 11 concepts, the 7 of X.1332 for SG17 with English and
    // Chinese, the 4 of A.25 for TSAG in Chinese only; and the 176 of the Word files in
    // data/word/, all in English (see cli::stats_on_a_fresh_directory).
    assert_eq!(total, 187);
    assert_eq!(sg17.len(), 7);
    assert!(sg17.iter().all(|c| c["study_groups"].as_array().unwrap().contains(&"SG17".into())));

    let en = all_concepts(&app, "lang=en");
    // 7 of X.1332 and the 176 of data/word/.
    assert_eq!(en.len(), 183);
    assert!(en.iter().all(|c| c["languages"].get("en").is_some()));
    let fr = app.get_json("/api/v1/concepts?lang=fr", 200);
    // French: E.119's 10 concepts only (its 8 definitions and the IoT and UNISDR abbreviations).
    assert_eq!(fr["total"], 10, "only E.119 is seeded in French");

    let rec = all_concepts(&app, "rec=ITU-T%20X.1332&status=accepted");
    assert_eq!(rec.len(), 7);
    assert_eq!(app.get_json("/api/v1/concepts?status=proposed", 200)["total"], 0);

    // The days the concepts were stored on, from their own timestamps (a
    // seed loaded just before midnight UTC spans two days).
    let days: BTreeSet<String> =
        everything.iter().map(|c| c["updated_at"].as_str().unwrap()[..10].to_string()).collect();
    let (first, last) = (days.first().unwrap(), days.last().unwrap());
    let now = app.get_json(&format!("/api/v1/concepts?updated_from={first}&updated_to={last}"), 200);
    assert_eq!(now["total"].as_u64().unwrap() as usize, total);
    let past = app.get_json("/api/v1/concepts?updated_to=2001-01-01", 200);
    assert_eq!(past["total"], 0);
}

#[test]
fn bad_parameters_are_400_naming_the_parameter() {
    let app = spawn_app();
    let cases = [
        ("/api/v1/concepts?lang=xx", "lang"),
        ("/api/v1/concepts?updated_from=yesterday", "updated_from"),
        ("/api/v1/concepts?updated_to=2024-02-30", "updated_to"),
        ("/api/v1/concepts?updated_from=2025-01-02&updated_to=2025-01-01", "updated_from"),
        ("/api/v1/concepts?limit=-1", "limit"),
        ("/api/v1/concepts?limit=0", "limit"),
        ("/api/v1/concepts?limit=abc", "limit"),
        ("/api/v1/concepts?limit=100000", "limit"),
        ("/api/v1/concepts?sg=SG-x", "sg"),
        ("/api/v1/concepts?rec=%3Cscript%3E", "rec"),
        ("/api/v1/concepts?status=done", "status"),
        ("/api/v1/concepts?cursor=zzz", "cursor"),
        ("/api/v1/concepts/abc", "id"),
        ("/api/v1/concepts/c-1", "id"),
        ("/api/v1/recommendations/nonsense", "id"),
    ];
    for (path, param) in cases {
        let body = app.get_json(path, 400);
        assert_eq!(body["error"]["code"], "bad_parameter", "{path}: {body}");
        assert_eq!(body["error"]["param"], param, "{path}: {body}");
        assert!(body["error"]["message"].as_str().unwrap().contains(param), "{path}: {body}");
    }
}

#[test]
fn unknown_ids_and_routes_are_404() {
    let app = spawn_app();
    for path in ["/api/v1/concepts/c999999", "/api/v1/recommendations/X.9999", "/api/v1/nothing", "/nothing"] {
        let body = app.get_json(path, 404);
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
}

#[test]
fn etag_carries_the_version() {
    let app = spawn_app();
    let resp = app.get("/api/v1/concepts/c1");
    assert_eq!(resp.status(), 200);
    let etag = resp.headers()["etag"].to_str().unwrap().to_string();
    let body: Value = resp.json().unwrap();
    assert_eq!(etag, format!("\"v{}\"", body["version"]));
    let again = client().get(app.url("/api/v1/concepts/c1")).header("If-None-Match", &etag).send().unwrap();
    assert_eq!(again.status(), 304);
}

#[test]
fn data_survives_a_restart_and_is_seeded_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let app = spawn_app_at(&dir);
    let before = app.get_json("/api/v1/concepts?limit=200", 200);
    let stats_before = app.get_json("/api/v1/stats/languages", 200);
    app.stop();
    let app = spawn_app_at(&dir);
    let after = app.get_json("/api/v1/concepts?limit=200", 200);
    assert_eq!(before, after);
    assert_eq!(stats_before, app.get_json("/api/v1/stats/languages", 200));
}

#[test]
fn backup_of_a_running_server_has_the_same_counts() {
    let app = spawn_app();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("backup.db");
    let out = hexaglot(&app.data_dir, &["backup", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let db = rusqlite::Connection::open(&file).unwrap();
    for table in ["concept", "lang_section", "term", "note", "history", "recommendation", "study_group"] {
        let n: i64 = db.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        let live = rusqlite::Connection::open(app.data_dir.join("hexaglot.db")).unwrap();
        let m: i64 = live.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(n, m, "{table}");
        assert!(n > 0, "{table} is empty");
    }
    // A restored backup serves the same data.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&file, restored.path().join("hexaglot.db")).unwrap();
    let app2 = spawn_app_at(restored.path());
    assert_eq!(app.get_json("/api/v1/concepts?limit=200", 200), app2.get_json("/api/v1/concepts?limit=200", 200));
    // Refuses to overwrite.
    let again = hexaglot(&app.data_dir, &["backup", file.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn language_stats_match_the_concepts() {
    let app = spawn_app();
    let stats = app.get_json("/api/v1/stats/languages", 200);
    let total = app.get_json("/api/v1/concepts?status=accepted", 200)["total"].as_u64().unwrap();
    assert_eq!(stats["concepts"].as_u64().unwrap(), total);
    let langs = stats["languages"].as_array().unwrap();
    assert_eq!(langs.len(), 6);
    for l in langs {
        let code = l["lang"].as_str().unwrap();
        let with_text = app.get_json(&format!("/api/v1/concepts?lang={code}"), 200)["total"].as_u64().unwrap();
        assert_eq!(l["adopted"].as_u64().unwrap(), with_text, "{code}");
        assert_eq!(l["missing"].as_u64().unwrap(), total - with_text, "{code}");
    }
}

#[test]
fn openapi_document_lists_every_route() {
    let app = spawn_app();
    let doc = app.get_json("/api/v1/openapi.json", 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths: BTreeSet<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    let routes = [
        ("/healthz", "/healthz"),
        ("/api/v1/concepts", "/api/v1/concepts"),
        ("/api/v1/concepts/{id}", "/api/v1/concepts/c1"),
        ("/api/v1/recommendations", "/api/v1/recommendations"),
        ("/api/v1/recommendations/{id}", "/api/v1/recommendations/X.1332"),
        ("/api/v1/study-groups", "/api/v1/study-groups"),
        ("/api/v1/stats/languages", "/api/v1/stats/languages"),
    ];
    for (documented, example) in routes {
        assert!(paths.contains(documented), "{documented} missing from OpenAPI");
        app.get_json(example, 200);
    }
    // Every documented GET path is served (no stale entries).
    for p in &paths {
        let example = p.replace("{id}", if p.contains("recommendations") { "X.1332" } else { "c1" });
        if doc["paths"][*p].get("get").is_some() && !example.contains('{') {
            let status = app.get(&example).status().as_u16();
            assert!(status < 500, "{p} documented but answers {status}");
            assert_ne!(status, 404, "{p} documented but not routed");
        }
    }
}
