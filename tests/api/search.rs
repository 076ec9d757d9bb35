//! The search index: kept in step with writes, catching up by itself.

use hexaglot::model::{
    ConceptStatus, Lang, NewConcept, NewSection, OriginKind, SectionContent, SectionStatus, Term, TermKind,
};

use std::sync::{mpsc, Mutex};

use hexaglot::http::ratelimit::RateLimitConfig;
use serde_json::Value;

use crate::common::{client, hexaglot, serve, spawn_app, spawn_app_at, PATIENCE};

/// Adds an accepted concept with adopted sections through the library API
/// (as another process would), without touching the index.
pub fn add_concept(dir: &std::path::Path, sections: &[(Lang, &str, Option<&str>)]) -> String {
    let app = hexaglot::App::open_store(dir).unwrap();
    let new = NewConcept {
        id: None,
        status: ConceptStatus::Accepted,
        rec: Some("ITU-T E.119".parse().unwrap()),
        clause: Some("3.2.9".into()),
        study_groups: vec!["SG2".parse().unwrap()],
        origin: OriginKind::Here,
        origin_ref: None,
        subject_field: None,
        external_id: None,
        accepted_at: None,
        sections: sections
            .iter()
            .map(|(lang, term, def)| NewSection {
                lang: *lang,
                status: SectionStatus::Adopted,
                content: SectionContent {
                    terms: vec![Term { text: term.to_string(), status: TermKind::Preferred }],
                    abbreviations: vec![],
                    definition: def.map(str::to_string),
                    notes: vec![],
                },
            })
            .collect(),
    };
    app.bulk_load("test", &[new]).unwrap()[0].to_string()
}

fn hit_ids(app: &crate::common::TestApp, query: &str) -> Vec<String> {
    let body = app.get_json(&format!("/api/v1/search?{query}"), 200);
    body["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn index_catches_up_after_writes_while_stopped_and_after_deletion() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let app = spawn_app_at(&dir);
    assert!(hit_ids(&app, "q=roaming").is_empty());
    app.stop();

    // Written while no server runs: the index is behind.
    let id = add_concept(&dir, &[(Lang::En, "roaming subscriber", Some("A subscriber served by a visited network."))]);
    let app = spawn_app_at(&dir);
    assert_eq!(hit_ids(&app, "q=roaming"), vec![id.clone()]);
    app.stop();

    // Index deleted: rebuilt on start.
    std::fs::remove_dir_all(dir.join("index")).unwrap();
    let app = spawn_app_at(&dir);
    assert_eq!(hit_ids(&app, "q=roaming"), vec![id.clone()]);
    assert!(!hit_ids(&app, "q=%E6%99%BA%E8%83%BD%E7%94%B5%E8%A1%A8").is_empty(), "seed is indexed too");
    app.stop();

    // A stale format in the commit payload forces a rebuild.
    {
        let index = tantivy::Index::open_in_dir(dir.join("index")).unwrap();
        // The stopped server's workers may take a moment to release the index lock.
        let deadline = std::time::Instant::now() + crate::common::PATIENCE;
        let mut w: tantivy::IndexWriter = loop {
            match index.writer(15_000_000) {
                Ok(w) => break w,
                Err(e) if std::time::Instant::now() > deadline => panic!("index still locked: {e}"),
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        };
        w.delete_all_documents().unwrap();
        let mut prepared = w.prepare_commit().unwrap();
        prepared.set_payload(r#"{"seq":999999,"format":1,"db":"x"}"#);
        prepared.commit().unwrap();
    }
    let app = spawn_app_at(&dir);
    assert_eq!(hit_ids(&app, "q=roaming"), vec![id]);
}

#[test]
fn writes_by_another_process_reach_a_running_server() {
    let app = spawn_app();
    let id = add_concept(&app.data_dir, &[(Lang::Fr, "itinérance", Some("Utilisation d'un réseau visité."))]);
    let deadline = std::time::Instant::now() + crate::common::PATIENCE;
    loop {
        if hit_ids(&app, "q=itinerance&lang=fr") == vec![id.clone()] {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the running server never indexed the new concept");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn restoring_an_older_database_rebuilds_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let app = spawn_app_at(&dir);
    let backup = tmp.path().join("before.db");
    assert!(hexaglot(&dir, &["backup", backup.to_str().unwrap()]).status.success());
    app.stop();
    add_concept(&dir, &[(Lang::En, "zebra crossing", None)]);
    let app = spawn_app_at(&dir);
    assert_eq!(hit_ids(&app, "q=zebra").len(), 1);
    app.stop();
    // Put the older database back; the index (ahead of it) must not be trusted.
    for f in ["hexaglot.db", "hexaglot.db-wal", "hexaglot.db-shm"] {
        let _ = std::fs::remove_file(dir.join(f));
    }
    std::fs::copy(&backup, dir.join("hexaglot.db")).unwrap();
    let app = spawn_app_at(&dir);
    assert!(hit_ids(&app, "q=zebra").is_empty(), "index still shows a concept the database no longer has");
}

#[test]
fn reindex_command_rebuilds_and_refuses_while_a_server_holds_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let out = hexaglot(&dir, &["reindex"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let n: u64 = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let concepts = hexaglot::App::open_store(&dir).unwrap().language_stats().unwrap().concepts;
    assert_eq!(n, concepts, "{text}");

    let app = spawn_app_at(&dir);
    let busy = hexaglot(&dir, &["reindex"]);
    assert!(!busy.status.success());
    assert!(String::from_utf8_lossy(&busy.stderr).contains("in use"), "{}", String::from_utf8_lossy(&busy.stderr));
    // The server is unaffected.
    assert!(!hit_ids(&app, "q=smart%20meter").is_empty());
}

/// Search never waits for the writer: a search over HTTP answers while the
/// server's index writer is held (a reindex, through the same `App` the server
/// runs, paused inside) and another connection holds SQLite's write lock on
/// the data directory's database. Both are released only after the search has
/// answered, or after [`PATIENCE`] to end the test with a clear failure: a
/// search that needed either could not answer in between.
#[test]
fn search_answers_while_the_writer_and_sqlite_are_held() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let app = hexaglot::App::open(&dir).unwrap();
    let server = serve(app.clone(), &dir, RateLimitConfig::default());

    // SQLite's write lock, held by another connection.
    let db = rusqlite::Connection::open(dir.join("hexaglot.db")).unwrap();
    db.execute_batch("BEGIN IMMEDIATE").unwrap();

    // The server's index writer, held by a reindex paused in its progress report.
    let (held_tx, held_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let reindex = std::thread::spawn(move || {
        let release_rx = Mutex::new(release_rx);
        app.reindex(&|_, _| {
            let _ = held_tx.send(());
            let _ = release_rx.lock().unwrap().recv();
        })
    });
    held_rx.recv_timeout(PATIENCE).expect("the reindex never reported progress");

    let (answer_tx, answer_rx) = mpsc::channel();
    let url = server.url("/api/v1/search?q=smart%20meter&lang=en");
    let searcher = std::thread::spawn(move || {
        let _ = answer_tx.send(client().get(url).send().and_then(|r| r.json::<Value>()));
    });
    let answer = answer_rx.recv_timeout(PATIENCE);
    db.execute_batch("ROLLBACK").unwrap();
    release_tx.send(()).unwrap();
    let body = match answer {
        Ok(Ok(body)) => body,
        other => {
            panic!("the search did not answer while the index writer and SQLite's write lock were held: {other:?}")
        }
    };
    // The two seed concepts with both words (see search_contract_and_filters).
    assert_eq!(body["total"], 2, "{body}");
    assert_eq!(body["hits"][0]["terms"]["en"], "smart meter", "{body}");
    searcher.join().unwrap();
    // The seed's 187 concepts (11 of data/concepts.json, 176 of data/word/: see
    // cli::stats_on_a_fresh_directory), reindexed once released.
    assert_eq!(reindex.join().unwrap().unwrap(), 187);
}

#[test]
fn search_contract_and_filters() {
    let app = spawn_app();
    let body = app.get_json("/api/v1/search?q=smart%20meter&lang=en", 200);
    let first = &body["hits"][0];
    assert_eq!(first["terms"]["en"], "smart meter", "exact term ranks first: {body}");
    assert_eq!(first["terms"]["zh"], "智能电表");
    assert_eq!(first["lang"], "en");
    assert_eq!(first["field"], "term");
    assert_eq!(first["source"]["rec"], "ITU-T X.1332");
    assert_eq!(first["source"]["clause"], "3.1.4");
    assert!(first["snippet"].as_str().unwrap().contains("<mark>smart</mark>"));
    // Two seed concepts (data/concepts.json) have both words in English: X.1332 3.1.4
    // "smart meter" and 3.2.3 "smart metering service" (metering stems to meter);
    // both accepted, SG17.
    assert_eq!(body["total"], 2, "{body}");
    assert_eq!(body["total_exact"], true, "{body}");
    // Facets only when asked for (they visit every match).
    assert!(body.get("facets").is_none(), "{body}");
    let body = app.get_json("/api/v1/search?q=smart%20meter&lang=en&facets=true", 200);
    assert_eq!(body["total"], 2, "{body}");
    assert_eq!(body["total_exact"], true, "{body}");
    assert_eq!(body["facets"]["lang"]["en"], 2, "{body}");
    assert_eq!(body["facets"]["sg"]["SG17"], 2, "{body}");
    assert_eq!(body["facets"]["status"]["accepted"], 2, "{body}");
    assert!(app.get_json("/api/v1/search?q=smart%20meter&facets=false", 200).get("facets").is_none());

    // Filters: study group, Recommendation, time range on the acceptance date (X.1332: 2020-03-26).
    assert!(hit_ids(&app, "q=smart%20meter&sg=SG20").is_empty());
    // c4 "smart meter" and c7 "smart metering service" (the seed's 4th and 7th concepts).
    assert_eq!(hit_ids(&app, "q=smart%20meter&rec=X.1332"), ["c4", "c7"]);
    assert!(hit_ids(&app, "q=smart%20meter&rec=A.25").is_empty());
    assert_eq!(hit_ids(&app, "q=smart%20meter&date_field=accepted&from=2020-03-01&to=2020-03-31"), ["c4", "c7"]);
    assert!(hit_ids(&app, "q=smart%20meter&date_field=accepted&from=2021-01-01").is_empty());
    assert!(hit_ids(&app, "q=smart%20meter&date_field=accepted&to=2019-12-31").is_empty());

    // Paging is stable and covers the results once.
    let all = hit_ids(&app, "q=%E7%94%B5%E8%A1%A8&limit=100");
    // 电表 is in three X.1332 Chinese terms (3.1.4 智能电表, 3.2.2 电表数据管理系统, 3.2.3
    // 智能电表业务) and in the definition of a fourth (3.2.1 数据集中器: "位于智能电表和…").
    assert_eq!(all.len(), 4, "{all:?}");
    let mut paged = Vec::new();
    for offset in 0..all.len() {
        paged.extend(hit_ids(&app, &format!("q=%E7%94%B5%E8%A1%A8&limit=1&offset={offset}")));
    }
    assert_eq!(paged, all);

    // Bad input is a 400 naming the parameter, never a 500.
    for (q, param) in [
        ("q=", "q"),
        ("", "q"),
        ("q=%22open", "q"),
        ("q=-only", "q"),
        ("q=a&lang=xx", "lang"),
        ("q=a&field=title", "field"),
        ("q=a&mode=regex", "mode"),
        ("q=a&date_field=born", "date_field"),
        ("q=a&from=2020-99-01", "from"),
        ("q=a&from=2021-01-01&to=2020-01-01", "from"),
        ("q=a&limit=0", "limit"),
        ("q=a&offset=-3", "offset"),
        ("q=a&sg=x", "sg"),
        ("q=a&facets=yes", "facets"),
    ] {
        let body = app.get_json(&format!("/api/v1/search?{q}"), 400);
        assert_eq!(body["error"]["param"], param, "{q}: {body}");
    }
}

#[test]
fn typos_inside_words_are_tolerated_the_first_character_is_taken_as_typed() {
    let app = spawn_app();
    // X.1332 3.1.4 "smart meter" (c4): one transposition, one dropped letter.
    for typo in ["smart meetr", "smrat meter", "smart mter"] {
        let q = typo.replace(' ', "%20");
        assert!(hit_ids(&app, &format!("q={q}&lang=en&mode=fuzzy")).contains(&"c4".to_string()), "{typo}");
        // Auto mode falls back to the typo-tolerant query when nothing matches as typed.
        assert_eq!(
            hit_ids(&app, &format!("q={q}&lang=en&field=term")).first().map(String::as_str),
            Some("c4"),
            "{typo}"
        );
    }
    // An edit on a word's first character is not tolerated (it would walk the whole term
    // dictionary of every segment; see src/search/fuzzy.rs).
    assert!(hit_ids(&app, "q=smart%20neter&lang=en&mode=fuzzy&field=term").is_empty());
    assert!(hit_ids(&app, "q=xmart%20meter&lang=en&mode=fuzzy&field=term").is_empty());
}

/// The index files of `dir` mapped into this process (the server runs in it), by extension.
fn mapped_index_files(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let index = dir.join("index");
    let index = index.to_str().unwrap();
    maps.lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .filter(|path| path.starts_with(index))
        .filter_map(|path| path.rsplit_once('.').map(|(_, ext)| ext.to_string()))
        .collect()
}

#[test]
fn stored_documents_and_postings_are_read_not_mapped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let app = spawn_app_at(&dir);
    // Hits' cards and snippets come from the document store; the words' postings and
    // positions from the postings files.
    let body = app.get_json("/api/v1/search?q=%22smart%20meter%22&lang=en", 200);
    assert_eq!(body["hits"][0]["terms"]["zh"], "智能电表", "{body}");
    let mapped = mapped_index_files(&dir);
    // The term dictionaries stay mapped (read in place): the index is there.
    assert!(mapped.contains("term"), "{mapped:?}");
    for ext in ["store", "idx", "pos"] {
        assert!(!mapped.contains(ext), "{ext} files are mapped: {mapped:?}");
    }
}

#[test]
fn equivalents_and_suggestions() {
    let app = spawn_app();
    // Answered from the term dictionary once built (the index answers what it cannot find).
    wait_for_term_dictionary(&app);
    let body = app.get_json("/api/v1/equivalents?term=smart%20meter&from=en&to=zh,ar", 200);
    let first = &body["matches"][0];
    assert_eq!(first["matched"], "smart meter");
    assert_eq!(first["exact"], true);
    assert_eq!(first["equivalents"]["zh"], serde_json::json!(["智能电表"]));
    assert!(first["equivalents"].get("ar").is_none(), "no Arabic is recorded, none is invented");
    // Exact before partial: "smart metering service" comes after.
    let matched: Vec<&str> =
        body["matches"].as_array().unwrap().iter().map(|m| m["matched"].as_str().unwrap()).collect();
    assert_eq!(matched[0], "smart meter");
    assert!(matched.contains(&"smart metering service"));

    let zh = app.get_json("/api/v1/equivalents?term=%E9%9C%80%E6%B1%82%E5%93%8D%E5%BA%94&from=zh&to=en", 200);
    assert_eq!(zh["matches"][0]["equivalents"]["en"], serde_json::json!(["demand response", "DR"]));

    for bad in ["term=x", "from=en", "term=x&from=xx", "term=x&from=en&to=en,zz"] {
        app.get_json(&format!("/api/v1/equivalents?{bad}"), 400);
    }
    // The term is text, not a search query (found by schemathesis: `a*b` was a
    // 400 naming a parameter `q` the operation does not have).
    let body = app.get_json("/api/v1/equivalents?term=%22smart*meter&from=en", 200);
    assert_eq!(body["matches"][0]["matched"], "smart meter", "{body}");
    let body = app.get_json("/api/v1/equivalents?term=%22*%20-&from=en", 200);
    assert_eq!(body["matches"], serde_json::json!([]));
    // Not a term, nor the beginning of one: the index finds its words, stemmed.
    let body = app.get_json("/api/v1/equivalents?term=smart%20meters&from=en&to=zh", 200);
    let first = &body["matches"][0];
    assert_eq!((first["matched"].as_str(), first["exact"].as_bool()), (Some("smart meter"), Some(false)), "{body}");
    let long = "a".repeat(501);
    assert_eq!(app.get_json(&format!("/api/v1/equivalents?term={long}&from=en"), 400)["error"]["param"], "term");

    let s = app.get_json("/api/v1/suggest?q=smar&lang=en", 200);
    let texts: Vec<&str> = s["suggestions"].as_array().unwrap().iter().map(|x| x["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"smart meter"), "{texts:?}");
    // Typo-tolerant.
    let s = app.get_json("/api/v1/suggest?q=smrat%20meter&lang=en", 200);
    assert_eq!(s["suggestions"][0]["text"], "smart meter", "{s}");
    let s = app.get_json("/api/v1/suggest?q=%E6%99%BA%E8%83%BD", 200);
    assert!(s["suggestions"].as_array().unwrap().iter().any(|x| x["text"] == "智能电表"), "{s}");
    app.get_json("/api/v1/suggest?q=", 400);
}

/// `/suggest` answers from the term dictionary, which every write of the server brings up to
/// date at once: a proposal is not suggested to the public, its adopted term is (at its
/// start and at its inner words), and so is a translation once adopted.
#[test]
fn suggestions_follow_writes_at_once() {
    let app = spawn_app();
    let admin = crate::common::add_user(&app.data_dir, "tsb", "admin", &[]);
    let rap = crate::common::add_user(&app.data_dir, "rap17", "rapporteur", &["--sg", "SG17"]);
    let tr = crate::common::add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let rev = crate::common::add_user(&app.data_dir, "rev-fr", "reviewer", &["--lang", "fr"]);
    let suggested_in = |lang: &str, q: &str| -> Vec<String> {
        let s = app.get_json(&format!("/api/v1/suggest?q={q}&lang={lang}"), 200);
        s["suggestions"].as_array().unwrap().iter().map(|x| x["text"].as_str().unwrap().to_string()).collect()
    };
    let suggested = |q: &str| suggested_in("en", q);
    let (st, proposed) = app.post(
        "/api/v1/proposals",
        &rap,
        serde_json::json!({"terms": ["zettabyte gateway"], "definition": "A gateway for zettabytes.", "sg": "SG17"}),
    );
    assert_eq!(st, 201, "{proposed}");
    let id = proposed["concept"]["id"].as_str().unwrap().to_string();
    assert!(!suggested("zettab").contains(&"zettabyte gateway".to_string()), "a proposal is pending");

    let (st, c) = app.post(&format!("/api/v1/proposals/{id}/accept"), &admin, serde_json::json!({}));
    assert_eq!(st, 200, "{c}");
    assert_eq!(suggested("zettab"), ["zettabyte gateway"]);
    assert_eq!(suggested("ZETTABYTE%20%20Gat"), ["zettabyte gateway"]);
    assert!(suggested("gatewa").contains(&"zettabyte gateway".to_string()), "{:?}", suggested("gatewa"));

    // A French draft is pending until adopted, then suggested at once.
    let draft = serde_json::json!({"terms": [{"text": "passerelle zettaoctet", "status": "preferred"}]});
    let (st, c) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&tr), Some(draft));
    assert_eq!(st, 200, "{c}");
    assert!(!suggested_in("fr", "zettaoc").contains(&"passerelle zettaoctet".to_string()));
    let (st, c) = app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &tr, serde_json::json!({}));
    assert_eq!(st, 200, "{c}");
    let (st, c) = app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &rev, serde_json::json!({}));
    assert_eq!(st, 200, "{c}");
    assert_eq!(suggested_in("fr", "passerelle%20z"), ["passerelle zettaoctet"]);
    assert!(suggested_in("fr", "zettaoc").contains(&"passerelle zettaoctet".to_string()));
}

/// A newcomer's first search, in any of E.119's languages, finds its definition of
/// "disaster" (3.1.2, bundled from the Word files of tests/fixtures/docx) with the
/// definitions of all five language versions side by side.
#[test]
fn a_newcomer_finds_e119_disaster_in_five_languages() {
    let app = spawn_app();
    for q in ["disaster", "catastrophe", "бедствие", "كارثة"] {
        let resp = client().get(app.url("/api/v1/search")).query(&[("q", q)]).send().unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{q}");
        let body: Value = resp.json().unwrap();
        let hit = body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["source"]["rec"] == "ITU-T E.119" && h["source"]["clause"] == "3.1.2")
            .unwrap_or_else(|| panic!("{q}: E.119's 3.1.2 not found: {body}"));
        let concept = app.get_json(&format!("/api/v1/concepts/{}", hit["id"].as_str().unwrap()), 200);
        assert_eq!(concept["status"], "accepted", "{concept}");
        let terms: Vec<(&str, &str)> = vec![
            ("en", "disaster"),
            ("fr", "catastrophe"),
            ("es", "catástrofe"),
            ("ru", "бедствие"),
            ("ar", "الكارثة"),
        ];
        for (lang, term) in terms {
            let l = &concept["languages"][lang];
            assert_eq!(l["status"], "adopted", "{q} {lang}: {concept}");
            assert_eq!(l["terms"][0]["text"], term, "{q} {lang}: {concept}");
            assert!(!l["definition"].as_str().unwrap_or("").is_empty(), "{q} {lang}: {concept}");
        }
    }
}

/// Ids and scores of the hits, and the body.
fn ranked(app: &crate::common::TestApp, query: &str) -> (Vec<(String, String)>, Value) {
    let body = app.get_json(&format!("/api/v1/search?{query}"), 200);
    let hits = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap().to_string(), h["score"].to_string()))
        .collect();
    (hits, body)
}

#[test]
fn past_the_counting_cap_total_is_not_exact_and_the_ranking_is_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let app = hexaglot::App::open(&dir).unwrap();
    let server = serve(app.clone(), &dir, RateLimitConfig::default());
    // Broad queries of the seed (8 to 94 concepts, all found in one page of 100); facets=true visits every
    // match: the exact count and ranking. Words, definitions only, Chinese (的), prefixes, one language.
    for q in ["q=network", "q=the&field=definition", "q=%E7%9A%84", "q=s*", "q=c*&lang=en", "q=de&lang=fr"] {
        let (all, exact) = ranked(&server, &format!("{q}&limit=100&facets=true"));
        let n = exact["total"].as_u64().unwrap();
        assert!(n >= 5 && n as usize == all.len(), "{q}: {exact}");
        assert_eq!(exact["total_exact"], true, "{q}: {exact}");
        for cap in [n, n - 1, 3, 1] {
            app.set_exact_total_for_tests(cap).unwrap();
            let (hits, body) = ranked(&server, &format!("{q}&limit=100"));
            assert!(body.get("facets").is_none(), "{q}: {body}");
            if cap == n {
                assert_eq!(
                    (body["total"].as_u64(), &body["total_exact"]),
                    (Some(n), &Value::Bool(true)),
                    "{q}: {body}"
                );
            } else {
                assert_eq!(body["total"], cap + 1, "{q} counted up to {cap}: {body}");
                assert_eq!(body["total_exact"], false, "{q} counted up to {cap}: {body}");
            }
            // Whatever is counted, the hits are the best concepts, in the same order, on every page.
            assert_eq!(hits, all, "{q} counted up to {cap}");
            for (offset, limit) in [(0, 1), (0, 3), (2, 2), (n as usize - 1, 5)] {
                let (page, _) = ranked(&server, &format!("{q}&limit={limit}&offset={offset}"));
                let want: Vec<_> = all.iter().skip(offset).take(limit).cloned().collect();
                assert_eq!(page, want, "{q} counted up to {cap}, offset {offset}, limit {limit}");
            }
            // With facets the count is exact however large.
            let with = server.get_json(&format!("/api/v1/search?{q}&facets=true"), 200);
            assert_eq!((with["total"].as_u64(), &with["total_exact"]), (Some(n), &Value::Bool(true)), "{q}: {with}");
        }
        app.set_exact_total_for_tests(hexaglot::search::EXACT_TOTAL).unwrap();
    }
    // A query with few matches stays exact at the default cap.
    let body = server.get_json("/api/v1/search?q=smart%20meter&lang=en", 200);
    assert_eq!((body["total"].as_u64(), &body["total_exact"]), (Some(2), &Value::Bool(true)), "{body}");
}

/// Waits until the server's term dictionary (the fast path of term lookups, built in the
/// background when a server starts) holds the seed's terms.
fn wait_for_term_dictionary(app: &crate::common::TestApp) {
    let started = std::time::Instant::now();
    loop {
        let metrics = app.get("/metrics").text().unwrap();
        let entries = metrics
            .lines()
            .find_map(|l| l.strip_prefix("hexaglot_recognizer_entries "))
            .and_then(|v| v.trim().parse::<f64>().ok());
        if entries.is_some_and(|n| n > 0.0) {
            return;
        }
        assert!(started.elapsed() < PATIENCE, "the term dictionary was not built in {PATIENCE:?}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn query_value(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// What a hit says of its concept, whichever path answered: id, status, source and terms.
fn hit_cards(body: &Value) -> std::collections::BTreeMap<String, (Value, Value, Value)> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (h["id"].as_str().unwrap().to_string(), (h["status"].clone(), h["source"].clone(), h["terms"].clone()))
        })
        .collect()
}

/// `mode=exact` on terms is answered from the term dictionary once it is built (no filter,
/// no facets); with `facets=true` the index answers. Both must find the same concepts, with
/// the same status, source and preferred terms, for every term of the seed's concepts.
#[test]
fn exact_term_search_from_the_dictionary_says_what_the_index_says() {
    let app = spawn_app();
    wait_for_term_dictionary(&app);
    let page = app.get_json("/api/v1/concepts?limit=100", 200);
    let mut checked = 0;
    for concept in page["items"].as_array().unwrap() {
        let id = concept["id"].as_str().unwrap();
        for (lang, section) in concept["languages"].as_object().unwrap() {
            let terms = section["terms"].as_array().unwrap().iter().filter_map(|t| t["text"].as_str());
            for term in terms.take(2) {
                let q = format!("/api/v1/search?q={}&lang={lang}&mode=exact&field=term", query_value(term));
                let fast = app.get_json(&q, 200);
                let index = app.get_json(&format!("{q}&facets=true"), 200);
                assert_eq!(hit_cards(&fast), hit_cards(&index), "{lang} {term:?}\n{fast}\n{index}");
                assert_eq!(fast["total"], index["total"], "{lang} {term:?}");
                assert_eq!(fast["total_exact"], true);
                assert!(hit_cards(&fast).contains_key(id), "{lang} {term:?} finds {id}: {fast}");
                let snippet = fast["hits"][0]["snippet"].as_str().unwrap();
                assert!(snippet.contains("<mark>"), "{snippet}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} terms checked");
}

/// The dictionary follows a change at once: a French term replaced and adopted is no longer
/// found by an exact search nor by `/equivalents`, and its replacement is (a dictionary that
/// missed the change would still answer the old term).
#[test]
fn term_lookups_follow_an_adopted_change_at_once() {
    let app = spawn_app();
    let d = &app.data_dir;
    let rap = crate::common::add_user(d, "rap17", "rapporteur", &["--sg", "SG17"]);
    let admin = crate::common::add_user(d, "tsb", "admin", &[]);
    let tr = crate::common::add_user(d, "tr-fr", "translator", &["--lang", "fr"]);
    let rev = crate::common::add_user(d, "rev-fr", "reviewer", &["--lang", "fr"]);
    let (st, body) = app.post(
        "/api/v1/proposals",
        &rap,
        serde_json::json!({"terms": ["quillwort relay"], "definition": "A relay that forwards quillwort frames.",
                           "rec": "ITU-T Y.4241", "clause": "3.2.7", "sg": "SG17"}),
    );
    assert_eq!(st, 201, "{body}");
    let id = body["concept"]["id"].as_str().unwrap().to_string();
    assert_eq!(app.post(&format!("/api/v1/proposals/{id}/accept"), &admin, serde_json::json!({})).0, 200);
    wait_for_term_dictionary(&app);
    let exact = |term: &str| hit_ids(&app, &format!("q={}&lang=fr&mode=exact&field=term", query_value(term)));
    for term in ["relais quillwort", "passerelle quillwort"] {
        let text = serde_json::json!({"terms": [{"text": term, "status": "preferred"}],
                                      "definition": "Relais qui transmet des trames quillwort."});
        let (st, c) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&tr), Some(text));
        assert_eq!(st, 200, "{c}");
        assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &tr, serde_json::json!({})).0, 200);
        let (st, c) = app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &rev, serde_json::json!({}));
        assert_eq!(st, 200, "{c}");
        assert_eq!(exact(term), vec![id.clone()], "{term} adopted a moment ago");
    }
    let equivalents = |term: &str| {
        let body = app.get_json(&format!("/api/v1/equivalents?term={}&from=fr&to=en", query_value(term)), 200);
        body["matches"].as_array().unwrap().iter().map(|m| (m["id"].clone(), m["matched"].clone())).collect::<Vec<_>>()
    };
    assert_eq!(equivalents("relais quillwort"), vec![], "the replaced term has no equivalents any more");
    assert_eq!(exact("relais quillwort"), Vec::<String>::new(), "the replaced term is gone at once");
    assert_eq!(
        equivalents("passerelle quillwort"),
        vec![(Value::from(id.clone()), Value::from("passerelle quillwort"))]
    );
    assert_eq!(exact("quillwort relay"), Vec::<String>::new(), "English is not French");
}
