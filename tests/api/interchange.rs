//! Importing over the CLI and HTTP, and clause-3 extraction for rapporteurs.

use serde_json::{json, Value};

use crate::common::{add_user, client, hexaglot, spawn_app};

const CLAUSE3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clause3");

#[test]
fn clause3_dry_run_json_prints_entries_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let file = format!("{CLAUSE3}/E.119-en.txt");
    let out = hexaglot(
        &dir,
        &[
            "import",
            &file,
            "--format",
            "clause3",
            "--rec",
            "ITU-T E.119",
            "--sg",
            "SG2",
            "--lang",
            "en",
            "--dry-run",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let entries: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(entries.len(), 8);
    let first = &entries[0];
    for key in ["number", "term", "abbreviation", "reference", "definition", "notes", "origin"] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert_eq!(first["number"], "3.1.1");
    assert_eq!(first["term"], "delay tolerant network");
    assert_eq!(first["abbreviation"], "DTN");
    assert_eq!(first["reference"], "[b-FG-NRR]");
    assert_eq!(first["origin"], "elsewhere");
    let stats = hexaglot(&dir, &["stats", "--json"]);
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    let fresh = hexaglot(&tmp.path().join("fresh"), &["stats", "--json"]);
    assert_eq!(stats, serde_json::from_slice::<Value>(&fresh.stdout).unwrap(), "a dry run wrote something");
}

#[test]
fn clause3_versions_align_into_one_concept_per_entry_and_reimport_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    // Without the bundled E.119 (data/word/): the one imported here.
    crate::common::without_word_seed(&dir);
    let files: Vec<String> =
        ["en", "fr", "es", "ru", "ar"].iter().map(|l| format!("{CLAUSE3}/E.119-{l}.txt")).collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--format", "clause3", "--rec", "ITU-T E.119", "--sg", "SG2", "--status", "accepted", "--json"]);
    let out = hexaglot(&dir, &args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((report["created"].as_u64(), report["committed"].as_bool()), (Some(8), Some(true)), "{report}");
    let again: Value = serde_json::from_slice(&hexaglot(&dir, &args).stdout).unwrap();
    assert_eq!((again["created"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(8)), "{again}");

    let app = crate::common::spawn_app_at(&dir);
    let detail = app.get_json("/api/v1/recommendations/E.119", 200);
    let list = detail["concept_list"].as_array().unwrap();
    assert_eq!(list.len(), 8);
    let disaster = list.iter().find(|c| c["source"]["clause"] == "3.1.2").unwrap();
    for (lang, term) in
        [("en", "disaster"), ("fr", "catastrophe"), ("es", "catástrofe"), ("ru", "бедствие"), ("ar", "الكارثة")]
    {
        assert_eq!(disaster["languages"][lang]["terms"][0]["text"], term, "{lang}");
    }
    assert_eq!(disaster["origin"]["reference"], "[b-UNISDR]");
}

#[test]
fn http_import_is_admin_only_atomic_and_reports() {
    // Without the bundled E.119 (data/word/): the one imported here.
    let app = crate::common::spawn_app_without_word_seed();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let rap = add_user(&app.data_dir, "rap", "rapporteur", &["--sg", "SG2"]);
    let text = std::fs::read_to_string(format!("{CLAUSE3}/E.119-fr.txt")).unwrap();
    let post = |token: Option<&str>, query: &str, body: &str| {
        let mut r = client().post(app.url(&format!("/api/v1/import?{query}"))).body(body.to_string());
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        let resp = r.send().unwrap();
        (resp.status().as_u16(), resp.json::<Value>().unwrap_or(Value::Null))
    };
    assert_eq!(post(None, "format=clause3", &text).0, 401);
    assert_eq!(post(Some(&rap), "format=clause3", &text).0, 403);
    let (st, dry) = post(Some(&admin), "format=clause3&rec=E.119&sg=SG2&dry_run=true", &text);
    assert_eq!(st, 200, "{dry}");
    assert_eq!((dry["created"].as_u64(), dry["committed"].as_bool()), (Some(8), Some(false)));
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.119", 200)["total"], 0);
    // Published at once only when asked: clause 3 enters as proposals by default.
    let (st, rep) = post(Some(&admin), "format=clause3&rec=E.119&sg=SG2&status=accepted", &text);
    assert_eq!(st, 200, "{rep}");
    assert_eq!(rep["created"], 8);
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.119&lang=fr", 200)["total"], 8);
    let hits = app.get_json("/api/v1/search?q=catastrophe&lang=fr", 200);
    assert_eq!(hits["hits"][0]["terms"]["fr"], "catastrophe");
    // Garbage is refused with a clear message and nothing written.
    let (st, body) = post(Some(&admin), "format=clause3", "lorem ipsum dolor sit amet");
    assert_eq!(st, 400, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("upload"), "{body}");
    assert_eq!(post(Some(&admin), "format=nope", &text).0, 400);
    assert_eq!(post(Some(&admin), "format=clause3", "").0, 400);
}

/// The status (concept, English section) each id of an import report has, as staff see it.
fn statuses(app: &crate::common::TestApp, token: &str, report: &Value) -> Vec<(String, String)> {
    let ids = report["ids"].as_array().unwrap();
    assert!(!ids.is_empty(), "nothing imported: {report}");
    ids.iter()
        .map(|id| {
            let (st, c) = app.send("GET", &format!("/api/v1/concepts/{}", id.as_str().unwrap()), Some(token), None);
            assert_eq!(st, 200, "{c}");
            (c["status"].as_str().unwrap().to_string(), c["languages"]["en"]["status"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn clause3_enters_as_proposed_through_both_doors_unless_accepted_is_asked() {
    let app = spawn_app();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let file = format!("{CLAUSE3}/E.119-en.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    let proposed = vec![("proposed".to_string(), "submitted".to_string()); 8];
    let accepted = vec![("accepted".to_string(), "adopted".to_string()); 8];
    let http = |query: &str| {
        let resp = client()
            .post(app.url(&format!("/api/v1/import?format=clause3&sg=SG2&{query}")))
            .bearer_auth(&admin)
            .body(text.clone())
            .send()
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        resp.json::<Value>().unwrap()
    };
    let cli = |extra: &[&str]| {
        let mut args = vec!["import", &file, "--format", "clause3", "--sg", "SG2", "--json"];
        args.extend(extra);
        let out = hexaglot(&app.data_dir, &args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };

    // POST /api/v1/import: proposals by default, adopted and public with status=accepted.
    let report = http("rec=E.120");
    assert_eq!(report["created"], 8, "{report}");
    assert_eq!(statuses(&app, &admin, &report), proposed);
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.120", 200)["total"], 0);
    let report = http("rec=E.121&status=accepted");
    assert_eq!(statuses(&app, &admin, &report), accepted);
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.121", 200)["total"], 8);

    // `hexaglot import`: the same plan, so the same outcome.
    let report = cli(&["--rec", "E.122"]);
    assert_eq!(report["created"], 8, "{report}");
    assert_eq!(statuses(&app, &admin, &report), proposed);
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.122", 200)["total"], 0);
    let report = cli(&["--rec", "E.123", "--status", "accepted"]);
    assert_eq!(statuses(&app, &admin, &report), accepted);
    assert_eq!(app.get_json("/api/v1/concepts?rec=E.123", 200)["total"], 8);

    // The proposals wait in TSB's queue, from either door.
    let (_, queue) = app.send("GET", "/api/v1/queue?limit=100", Some(&admin), None);
    assert_eq!(queue.as_array().unwrap().iter().filter(|q| q["action"] == "accept").count(), 16, "{queue}");
}

#[test]
fn extract_shows_entries_with_lint_and_similar_before_anything_is_submitted() {
    let app = spawn_app();
    let rap = add_user(&app.data_dir, "rap17", "rapporteur", &["--sg", "SG17"]);
    let text = "3.2\tTerms defined in this Recommendation\n\
                This Recommendation defines the following terms:\n\
                3.2.1\tsmart meter: A smart meter is a meter that is smart\n\
                3.2.2\tmeter hub (MH): A device that relays readings of several meters to the utility.\n";
    let (st, body) = app.post("/api/v1/proposals/extract", &rap, json!({"text": text, "sg": "SG20"}));
    assert_eq!(st, 403, "a SG17 rapporteur extracts for SG17 only: {body}");
    let (st, body) = app.post("/api/v1/proposals/extract", &rap, json!({"text": text, "sg": "SG17"}));
    assert_eq!(st, 200, "{body}");
    let entries = body["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    let rules: Vec<&str> = entries[0]["lint"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"B-circular") && rules.contains(&"B-entry"), "{rules:?}");
    assert!(entries[0]["similar"].as_array().unwrap().iter().any(|s| s["term"] == "smart meter"));
    assert_eq!(entries[1]["abbreviation"], "MH");
    assert!(entries[1]["lint"].as_array().unwrap().iter().all(|f| f["severity"] != "error"), "{}", entries[1]);
    // Nothing was written.
    let (_, q) = app.send("GET", "/api/v1/queue", Some(&rap), None);
    assert_eq!(q, json!([]));
}

#[test]
fn cli_import_while_the_server_runs_reaches_its_search_within_seconds() {
    let app = spawn_app();
    let out = hexaglot(
        &app.data_dir,
        &[
            "import",
            &format!("{CLAUSE3}/E.119-ru.txt"),
            "--format",
            "clause3",
            "--rec",
            "E.119",
            "--sg",
            "SG2",
            "--status",
            "accepted",
        ],
    );
    assert!(out.status.success(), "import next to a running server failed: {}", String::from_utf8_lossy(&out.stderr));
    let deadline = std::time::Instant::now() + crate::common::PATIENCE;
    loop {
        let body = app.get_json("/api/v1/search?q=%D0%B1%D0%B5%D0%B4%D1%81%D1%82%D0%B2%D0%B8%D0%B5&lang=ru", 200);
        if body["hits"][0]["terms"]["ru"] == "бедствие" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the server never indexed the CLI import: {body}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn csv_xlsx_and_dump_through_cli_and_http() {
    let app = spawn_app();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let tmp = tempfile::tempdir().unwrap();

    // CSV and XLSX exports re-import into a fresh store as the same concepts.
    for format in ["csv", "xlsx"] {
        let file = tmp.path().join(format!("all.{format}"));
        let out = hexaglot(&app.data_dir, &["export", "--format", format, "--out", file.to_str().unwrap()]);
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let fresh = tmp.path().join(format!("fresh-{format}"));
        let out = hexaglot(&fresh, &["import", file.to_str().unwrap(), "--json"]);
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["format"], format, "detected from the content");
        assert_eq!(
            (report["created"].as_u64(), report["updated"].as_u64()),
            (Some(0), Some(0)),
            "{format}: the seed is matched by id: {report}"
        );
    }
    let resp = client().get(app.url("/api/v1/export?format=csv&lang=zh,en")).send().unwrap();
    assert_eq!(resp.status(), 200);
    let csv = resp.text().unwrap();
    assert!(csv.starts_with('\u{feff}'), "BOM for spreadsheets");
    assert!(csv.contains("term_zh") && csv.contains("智能电表") && !csv.contains("term_ar"));

    // Dump over HTTP is the admin's; restore rebuilds a new directory with the same content.
    assert_eq!(app.get("/api/v1/dump").status(), 401);
    let resp = client().get(app.url("/api/v1/dump")).bearer_auth(&admin).send().unwrap();
    assert_eq!(resp.status(), 200);
    let dump = tmp.path().join("dump.jsonl");
    std::fs::write(&dump, resp.bytes().unwrap()).unwrap();
    let restored = tmp.path().join("restored");
    let out = hexaglot(&restored, &["restore", dump.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let app2 = crate::common::spawn_app_at(&restored);
    assert_eq!(app.get_json("/api/v1/concepts?limit=200", 200), app2.get_json("/api/v1/concepts?limit=200", 200));
    assert_eq!(app2.send("GET", "/api/v1/queue", Some(&admin), None).0, 200, "the admin's token survives the restore");
    assert_eq!(app2.get_json("/api/v1/search?q=smart%20meter", 200)["hits"][0]["terms"]["en"], "smart meter");
    // A second restore into a used directory is refused; a dump never overwrites.
    assert!(!hexaglot(&restored, &["restore", dump.to_str().unwrap()]).status.success());
    assert!(!hexaglot(&app.data_dir, &["dump", dump.to_str().unwrap()]).status.success());
    // Importing a dump says what to do instead.
    let out = hexaglot(&tmp.path().join("x"), &["import", dump.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("restore"));
}

#[test]
fn a_two_gigabyte_file_is_refused_quickly_with_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("huge.txt");
    // Sparse: takes no disk, reads as 2 GiB of zero bytes.
    std::fs::File::create(&big).unwrap().set_len(2 << 30).unwrap();
    for format in ["auto", "clause3", "tbx", "csv", "xlsx"] {
        let out = hexaglot(&tmp.path().join("d"), &["import", big.to_str().unwrap(), "--format", format]);
        assert!(!out.status.success(), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("huge.txt") || err.contains("line") || err.contains("row"), "{format}: {err}");
    }
}

#[test]
fn a_spreadsheet_with_fewer_columns_keeps_what_it_does_not_carry() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let files: Vec<String> = ["en", "fr"].iter().map(|l| format!("{CLAUSE3}/E.119-{l}.txt")).collect();
    let out = hexaglot(
        &dir,
        &[
            "import", &files[0], &files[1], "--format", "clause3", "--rec", "E.119", "--sg", "SG2", "--status",
            "accepted",
        ],
    );
    assert!(out.status.success());
    let app = crate::common::spawn_app_at(&dir);
    let before = app.get_json("/api/v1/concepts?rec=E.119&limit=50", 200);
    let victim = before["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["languages"]["fr"]["terms"][0]["text"] == "victime")
        .unwrap()
        .clone();
    let id = victim["id"].as_str().unwrap();
    app.stop();

    // Only id and term_fr: the French definition and the English text stay as they are.
    let csv = tmp.path().join("terms.csv");
    std::fs::write(&csv, format!("id,term_fr\n{id},victime (personne)\n")).unwrap();
    let out = hexaglot(&dir, &["import", csv.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["updated"], 1, "{report}");
    let app = crate::common::spawn_app_at(&dir);
    let after = app.get_json(&format!("/api/v1/concepts/{id}"), 200);
    assert_eq!(after["languages"]["fr"]["terms"][0]["text"], "victime (personne)");
    assert_eq!(after["languages"]["fr"]["definition"], victim["languages"]["fr"]["definition"]);
    assert_eq!(after["languages"]["en"], victim["languages"]["en"]);
}

/// `GET /api/v1/export` as a response: status, the sync headers, the body.
fn export(app: &crate::common::TestApp, query: &str, if_none_match: Option<&str>) -> (u16, i64, String, String) {
    let mut r = client().get(app.url(&format!("/api/v1/export?{query}")));
    if let Some(tag) = if_none_match {
        r = r.header("If-None-Match", tag);
    }
    let resp = r.send().unwrap();
    let status = resp.status().as_u16();
    let seq = resp.headers()["x-hexaglot-sequence"].to_str().unwrap().parse().unwrap();
    let etag = resp.headers()["etag"].to_str().unwrap().to_string();
    (status, seq, etag, resp.text().unwrap())
}

#[test]
fn export_since_a_sequence_gives_only_the_changes_with_withdrawn_and_historical_ones_and_304_when_none() {
    let app = spawn_app();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let (st, seq, etag, full) = export(&app, "format=csv", None);
    assert_eq!(st, 200);
    assert!(full.lines().count() > 100, "the whole seed");
    // Nothing changed: 304 with the same sequence; the same export since then is empty.
    let (st, seq304, _, body) = export(&app, "format=csv", Some(&etag));
    assert_eq!((st, seq304, body.as_str()), (304, seq, ""));
    let (st, _, _, empty) = export(&app, &format!("format=csv&since={seq}"), None);
    assert_eq!((st, empty.trim_start_matches('\u{feff}').lines().count()), (200, 1), "{empty}");

    // Three changes: a new accepted concept, one withdrawn, X.1332's uncarried ones made historical.
    let import = |csv: &str| {
        let r = client().post(app.url("/api/v1/import?format=csv")).bearer_auth(&admin).body(csv.to_string());
        let resp = r.send().unwrap();
        assert_eq!(resp.status(), 200, "{}", resp.text().unwrap());
    };
    import("id,status,study_groups,term_en,definition_en\nsync1,accepted,SG2,synced term,A term a CAT tool syncs.\nsync2,accepted,SG2,dropped term,A term withdrawn later.\n");
    let (_, seq2, etag2, _) = export(&app, "format=csv", Some(&etag));
    assert!(seq2 > seq && etag2 != etag);
    import("id,status,study_groups,term_en,definition_en\nsync2,withdrawn,SG2,dropped term,A term withdrawn later.\n");
    // The withdrawal is a public event of the timeline (the concept was public before).
    let withdrawn = app.get_json("/api/v1/changes?kind=withdrawn", 200);
    assert_eq!(withdrawn.as_array().unwrap().len(), 1, "{withdrawn}");
    assert_eq!(withdrawn[0]["term"], "dropped term");
    let x1332 = app.get_json("/api/v1/recommendations/X.1332", 200);
    let kept = x1332["concept_list"][0]["id"].as_str().unwrap().to_string();
    let historical = x1332["concept_list"].as_array().unwrap().len() - 1;
    let (st, out) =
        app.post("/api/v1/recommendations/X.1332/supersede", &admin, json!({"by": "ITU-T X.1332.1", "carry": [kept]}));
    assert_eq!(st, 200, "{out}");

    let (st, _, _, csv) = export(&app, &format!("format=csv&since={seq}"), None);
    assert_eq!(st, 200);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    let status_of = |term: &str| {
        rows.iter()
            .find(|r| r.contains(term))
            .map(|r| r.split(',').nth(1).unwrap().to_string())
            .unwrap_or_else(|| panic!("{term} missing from {csv}"))
    };
    assert_eq!(status_of("synced term"), "accepted");
    assert_eq!(status_of("dropped term"), "withdrawn");
    assert_eq!(rows.iter().filter(|r| r.split(',').nth(1) == Some("historical")).count(), historical, "{csv}");
    // The carried concept changed too (its Recommendation); nothing else of the seed came.
    assert_eq!(rows.len(), 2 + historical + 1, "{csv}");
    // Public exports without `since` still leave the withdrawn concept out.
    assert!(!export(&app, "format=csv", None).3.contains("dropped term"));
    // TBX names the sequence in its header and the withdrawn status as a note.
    let (_, seq3, _, tbx) = export(&app, &format!("format=tbx&since={seq}"), None);
    assert!(tbx.contains(&format!("<p>Hexaglot change sequence: {seq3}</p>")), "{tbx}");
    assert!(tbx.contains("status: withdrawn") && tbx.contains("status: historical"), "{tbx}");
    // A bad sequence is a 400 naming it.
    let resp = client().get(app.url("/api/v1/export?since=-1")).send().unwrap();
    assert_eq!(resp.status(), 400);
    assert_eq!(resp.json::<Value>().unwrap()["error"]["param"], "since");
}
