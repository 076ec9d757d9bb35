//! The SCV workflow of Resolution 67 through HTTP and the CLI.

use serde_json::{json, Value};

use crate::common::{add_user, hexaglot, spawn_app, TestApp};

struct Staff {
    admin: String,
    rap17: String,
    rap20: String,
    fr: String,
    ar: String,
    rev_fr: String,
    rev_ar: String,
}

fn staff(app: &TestApp) -> Staff {
    let d = &app.data_dir;
    Staff {
        admin: add_user(d, "tsb", "admin", &[]),
        rap17: add_user(d, "rap17", "rapporteur", &["--sg", "SG17"]),
        rap20: add_user(d, "rap20", "rapporteur", &["--sg", "SG20"]),
        fr: add_user(d, "tr-fr", "translator", &["--lang", "fr"]),
        ar: add_user(d, "tr-ar", "translator", &["--lang", "ar"]),
        rev_fr: add_user(d, "rev-fr", "reviewer", &["--lang", "fr"]),
        rev_ar: add_user(d, "rev-ar", "reviewer", &["--lang", "ar"]),
    }
}

fn proposal(term: &str, sg: &str) -> Value {
    json!({
        "terms": [term],
        "definition": "A device located between smart meters and the utility's system that collects and manages their data.",
        "notes": ["NOTE – Adapted from ITU-T X.1332."],
        "rec": "ITU-T Y.4241",
        "clause": "3.2.1",
        "sg": sg,
    })
}

fn propose(app: &TestApp, token: &str, term: &str, sg: &str) -> String {
    let (status, body) = app.post("/api/v1/proposals", token, proposal(term, sg));
    assert_eq!(status, 201, "{body}");
    body["concept"]["id"].as_str().unwrap().to_string()
}

fn fr_text() -> Value {
    json!({"terms": [{"text": "concentrateur de données", "status": "preferred"}],
           "definition": "Dispositif situé entre les compteurs intelligents et le système du fournisseur."})
}

fn ar_text() -> Value {
    json!({"terms": [{"text": "مُرَكِّز البيانات", "status": "preferred"}],
           "definition": "جهاز يقع بين العدادات الذكية ونظام المرفق."})
}

fn search_ids(app: &TestApp, q: &str, lang: &str) -> Vec<String> {
    let body = app.get_json(&format!("/api/v1/search?q={}&lang={lang}", urlencode(q)), 200);
    body["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[test]
fn end_to_end_through_cli_and_http() {
    let app = spawn_app();
    let s = staff(&app);

    // Propose in English: "smart meter" already exists for SG17 (X.1332): a conflict for SG20.
    let (status, out) = app.post("/api/v1/proposals", &s.rap20, proposal("smart meter", "SG20"));
    assert_eq!(status, 201, "{out}");
    let conflict = out["similar"].as_array().unwrap().iter().find(|x| x["conflict"] == true).expect("conflict flagged");
    assert_eq!(conflict["reason"], "same_term");
    assert_eq!(conflict["study_groups"], json!(["SG17"]));
    assert!(out["lint"].as_array().unwrap().iter().all(|f| f["rule"].as_str().unwrap().starts_with("B-")));
    let id = out["concept"]["id"].as_str().unwrap().to_string();
    // Not public before acceptance.
    assert_eq!(app.get(&format!("/api/v1/concepts/{id}")).status(), 404);

    let (st, c) = app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({}));
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["status"], "accepted");
    assert_eq!(c["languages"]["en"]["status"], "adopted");
    assert_eq!(app.get(&format!("/api/v1/concepts/{id}")).status(), 200);

    for (lang, tr, rev, text, q) in
        [("fr", &s.fr, &s.rev_fr, fr_text(), "concentrateur"), ("ar", &s.ar, &s.rev_ar, ar_text(), "مركز البيانات")]
    {
        let (st, c) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/{lang}"), Some(tr), Some(text));
        assert_eq!(st, 200, "{c}");
        assert_eq!(c["languages"][lang]["status"], "draft");
        assert!(!search_ids(&app, q, lang).contains(&id), "{lang} draft is not public");
        let (st, c) = app.post(&format!("/api/v1/concepts/{id}/languages/{lang}/submit"), tr, json!({}));
        assert_eq!(st, 200, "{c}");
        assert!(!search_ids(&app, q, lang).contains(&id), "{lang} submitted text is not public");
        let (st, c) = app.post(
            &format!("/api/v1/concepts/{id}/languages/{lang}/adopt"),
            rev,
            json!({"meeting": "SCV-2026-11", "document": "SCV-TD-42"}),
        );
        assert_eq!(st, 200, "{c}");
        assert_eq!(c["languages"][lang]["adopted_meeting"], "SCV-2026-11");
        assert_eq!(search_ids(&app, q, lang).first(), Some(&id), "{lang} adopted text is found first");
    }
    let public = app.get_json(&format!("/api/v1/concepts/{id}"), 200);
    assert_eq!(public["languages"]["fr"]["terms"][0]["text"], "concentrateur de données");
    assert_eq!(public["languages"]["ar"]["status"], "adopted");

    // History shows each step with actor and time.
    let (st, h) = app.send("GET", &format!("/api/v1/concepts/{id}/history"), Some(&s.admin), None);
    assert_eq!(st, 200);
    let steps: Vec<(String, String)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap().to_string(), e["actor"].as_str().unwrap().to_string()))
        .collect();
    let expected = [
        ("propose", "rap20"),
        ("accept", "tsb"),
        ("edit", "tr-fr"),
        ("submit", "tr-fr"),
        ("adopt", "rev-fr"),
        ("edit", "tr-ar"),
        ("submit", "tr-ar"),
        ("adopt", "rev-ar"),
    ];
    assert_eq!(steps, expected.map(|(a, b)| (a.to_string(), b.to_string())).to_vec());
    assert!(h.as_array().unwrap().iter().all(|e| e["at"].as_str().unwrap().ends_with('Z')));
    let fr_edit = &h[2];
    assert!(
        fr_edit["changed"].as_array().unwrap().iter().any(|p| p.as_str().unwrap().starts_with("languages.fr")),
        "{fr_edit}"
    );

    // The time-range listing and the Atom feed show the adoptions.
    // The day of the French adoption, as stored.
    let fr_adopted = h.as_array().unwrap().iter().find(|e| e["action"] == "adopt" && e["actor"] == "rev-fr").unwrap();
    let day = &fr_adopted["at"].as_str().unwrap()[..10];
    let changes = app.get_json(&format!("/api/v1/changes?from={day}&to={day}&kind=adopted&lang=fr"), 200);
    assert!(changes
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id.as_str() && c["term"] == "concentrateur de données"));
    let none = app.get_json("/api/v1/changes?to=2001-01-01", 200);
    assert!(none.as_array().unwrap().is_empty());
    let feed = app.get("/feeds/adopted.atom?lang=ar");
    assert!(feed.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let xml = feed.text().unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("feed is well-formed XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title") && n.parent().is_some_and(|p| p.has_tag_name("entry")))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&"مُرَكِّز البيانات"), "{titles:?}");
}

#[test]
fn roles_and_bindings_are_enforced() {
    let app = spawn_app();
    let s = staff(&app);
    let p = |token: Option<&str>, sg: &str| {
        app.send("POST", "/api/v1/proposals", token, Some(proposal("meter reader", sg))).0
    };
    assert_eq!(p(None, "SG17"), 401);
    assert_eq!(p(Some("hxt_0000"), "SG17"), 401);
    assert_eq!(p(Some("not-even-a-token"), "SG17"), 401);
    assert_eq!(p(Some(&s.rap17), "SG20"), 403, "SG17 rapporteur cannot propose for SG20");
    assert_eq!(p(Some(&s.fr), "SG17"), 403, "translators do not propose");
    assert_eq!(p(Some(&s.rev_fr), "SG17"), 403);
    assert_eq!(p(Some(&s.rap17), "SG17"), 201);

    let id = propose(&app, &s.rap20, "data collector", "SG20");
    for token in [&s.rap20, &s.fr, &s.rev_fr] {
        let (st, body) = app.post(&format!("/api/v1/proposals/{id}/accept"), token, json!({}));
        assert_eq!(st, 403, "{body}");
        assert_eq!(body["error"]["code"], "forbidden");
    }
    assert_eq!(app.send("POST", &format!("/api/v1/proposals/{id}/accept"), None, None).0, 401);
    assert_eq!(app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({})).0, 200);

    // A French translator cannot touch Arabic; a reviewer cannot translate; translators cannot adopt.
    let put = |token: &str, lang: &str, text: Value| {
        app.send("PUT", &format!("/api/v1/concepts/{id}/languages/{lang}"), Some(token), Some(text)).0
    };
    assert_eq!(put(&s.fr, "ar", ar_text()), 403);
    assert_eq!(put(&s.rev_fr, "fr", fr_text()), 403);
    assert_eq!(put(&s.rap17, "en", fr_text()), 403, "SG17 rapporteur cannot edit an SG20 concept");
    assert_eq!(put(&s.fr, "fr", fr_text()), 200);
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &s.ar, json!({})).0, 403);
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &s.fr, json!({})).0, 200);
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &s.fr, json!({})).0, 403);
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &s.rev_ar, json!({})).0, 403);
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &s.rev_fr, json!({})).0, 200);

    // Revert and merge are the admin's.
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/revert"), &s.rap20, json!({"entry": 1})).0, 403);
    let other = propose(&app, &s.rap17, "data gatherer", "SG17");
    assert_eq!(app.post(&format!("/api/v1/proposals/{other}/merge"), &s.rap17, json!({"into": id})).0, 403);
    // History and queues need a token.
    assert_eq!(app.send("GET", &format!("/api/v1/concepts/{id}/history"), None, None).0, 401);
    assert_eq!(app.send("GET", "/api/v1/queue", None, None).0, 401);
}

#[test]
fn revoked_and_expired_tokens_are_refused() {
    let app = spawn_app();
    let token = add_user(&app.data_dir, "old", "rapporteur", &["--sg", "SG17"]);
    let expired = add_user(&app.data_dir, "expired", "rapporteur", &["--sg", "SG17", "--expires", "2020-01-01"]);
    assert_eq!(app.send("GET", "/api/v1/queue", Some(&token), None).0, 200);
    let (st, body) = app.send("GET", "/api/v1/queue", Some(&expired), None);
    assert_eq!(st, 401);
    assert!(body["error"]["message"].as_str().unwrap().contains("expired"));
    let out = hexaglot(&app.data_dir, &["user", "revoke", "old"]);
    assert!(out.status.success());
    let (st, body) = app.send("GET", "/api/v1/queue", Some(&token), None);
    assert_eq!(st, 401);
    assert!(body["error"]["message"].as_str().unwrap().contains("revoked"));
    // Revoking twice, or someone unknown, is an error.
    assert!(!hexaglot(&app.data_dir, &["user", "revoke", "old"]).status.success());
    assert!(
        !hexaglot(&app.data_dir, &["user", "add", "x", "--role", "translator"]).status.success(),
        "a translator needs --lang"
    );
    assert!(!hexaglot(&app.data_dir, &["user", "add", "x", "--role", "rapporteur", "--sg", "SG99"]).status.success());
    assert!(!hexaglot(&app.data_dir, &["user", "add", "x", "--role", "king"]).status.success());
    assert!(!hexaglot(&app.data_dir, &["user", "add", "old", "--role", "admin"]).status.success(), "duplicate name");
}

#[test]
fn tokens_are_stored_only_as_hashes() {
    let app = spawn_app();
    let token = add_user(&app.data_dir, "tsb", "admin", &[]);
    assert!(token.starts_with("hxt_") && token.len() > 40);
    let db = rusqlite::Connection::open(app.data_dir.join("hexaglot.db")).unwrap();
    let dump: Vec<String> = db
        .prepare("SELECT name || ' ' || role || ' ' || token_hash FROM user")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(dump.len(), 1);
    assert!(!dump[0].contains(&token), "token stored in clear");
    assert!(!dump[0].contains(&token[4..20]), "part of the token stored");
    let list = hexaglot(&app.data_dir, &["user", "list", "--json"]);
    assert!(!String::from_utf8_lossy(&list.stdout).contains(&token[4..]));
}

#[test]
fn illegal_transitions_are_409_naming_the_state() {
    let app = spawn_app();
    let s = staff(&app);
    let id = propose(&app, &s.rap17, "meter gateway", "SG17");
    // Translating or adopting before acceptance.
    let (st, body) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&s.fr), Some(fr_text()));
    assert_eq!(st, 409, "{body}");
    assert_eq!(body["error"]["current"], "proposed");
    assert!(body["error"]["message"].as_str().unwrap().contains("proposed"));
    // Return, then the rapporteur revises and resubmits; accepting twice is refused.
    let (st, c) = app.post(
        &format!("/api/v1/proposals/{id}/return"),
        &s.admin,
        json!({"comment": "Please avoid the circular definition."}),
    );
    assert_eq!(st, 200);
    assert_eq!(c["languages"]["en"]["status"], "returned");
    assert_eq!(
        app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({})).1["error"]["current"],
        "returned"
    );
    assert_eq!(
        app.post(&format!("/api/v1/proposals/{id}/return"), &s.admin, json!({})).0,
        400,
        "a comment is required"
    );
    let (st, _) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/en"), Some(&s.rap17),
        Some(json!({"terms": [{"text": "meter gateway"}], "definition": "A device that relays meter data to the utility."})));
    assert_eq!(st, 200);
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/en/submit"), &s.rap17, json!({})).0, 200);
    assert_eq!(app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({})).0, 200);
    let (st, body) = app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({}));
    assert_eq!((st, body["error"]["current"].as_str()), (409, Some("accepted")));

    // Adopting a draft that was never submitted; submitting twice.
    app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&s.fr), Some(fr_text()));
    let (st, body) = app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &s.rev_fr, json!({}));
    assert_eq!((st, body["error"]["current"].as_str()), (409, Some("draft")));
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &s.fr, json!({})).0, 200);
    assert_eq!(
        app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &s.fr, json!({})).1["error"]["current"],
        "submitted"
    );
    // Returned by the reviewer with a comment, shown in the translator's queue.
    let (st, _) = app.post(
        &format!("/api/v1/concepts/{id}/languages/fr/return"),
        &s.rev_fr,
        json!({"comment": "Utiliser « passerelle »."}),
    );
    assert_eq!(st, 200);
    let (_, q) = app.send("GET", "/api/v1/queue", Some(&s.fr), None);
    let item = q.as_array().unwrap().iter().find(|i| i["id"] == id.as_str()).expect("returned item queued");
    assert_eq!((item["action"].as_str(), item["lang"].as_str()), (Some("revise"), Some("fr")));
    let (_, comments) = app.send("GET", &format!("/api/v1/concepts/{id}/comments"), Some(&s.fr), None);
    assert_eq!(comments.as_array().unwrap().last().unwrap()["body"], "Utiliser « passerelle ».");
    // Unknown concept and bad language are 404 and 400.
    assert_eq!(app.post("/api/v1/concepts/c99999/languages/fr/submit", &s.fr, json!({})).0, 404);
    assert_eq!(app.post(&format!("/api/v1/concepts/{id}/languages/xx/submit"), &s.fr, json!({})).0, 400);
    assert_eq!(app.send("POST", "/api/v1/proposals", Some(&s.rap17), Some(json!({"terms": []}))).0, 400);
}

#[test]
fn racing_writers_get_412_and_nothing_is_lost() {
    let app = spawn_app();
    let s = staff(&app);
    let second = add_user(&app.data_dir, "tr-fr-2", "translator", &["--lang", "fr"]);
    let id = propose(&app, &s.rap17, "meter hub", "SG17");
    app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({}));
    let v = app.get_json(&format!("/api/v1/concepts/{id}"), 200)["version"].as_i64().unwrap();

    let mut first = fr_text();
    first["version"] = json!(v);
    let mut other = json!({"terms": [{"text": "concentrateur de compteurs"}], "definition": "Autre texte."});
    other["version"] = json!(v);
    let (a, b) = std::thread::scope(|scope| {
        let h1 = scope.spawn(|| {
            app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&s.fr), Some(first.clone()))
        });
        let h2 = scope.spawn(|| {
            app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&second), Some(other.clone()))
        });
        (h1.join().unwrap(), h2.join().unwrap())
    });
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [200, 412], "{a:?} {b:?}");
    let loser = if a.0 == 412 { &a.1 } else { &b.1 };
    assert_eq!(loser["error"]["code"], "version_mismatch");
    assert_eq!(loser["error"]["current"], v + 1);
    let winner = if a.0 == 200 { &a.1 } else { &b.1 };
    let (_, now) = app.send("GET", &format!("/api/v1/concepts/{id}"), Some(&s.admin), None);
    assert_eq!(now["languages"]["fr"], winner["languages"]["fr"], "the accepted write is what is stored");

    // If-Match works too, and a stale one changes nothing.
    let resp = crate::common::client()
        .put(app.url(&format!("/api/v1/concepts/{id}/languages/fr")))
        .bearer_auth(&s.fr)
        .header("If-Match", format!("\"v{v}\""))
        .json(&fr_text())
        .send()
        .unwrap();
    assert_eq!(resp.status(), 412);
    let (_, after) = app.send("GET", &format!("/api/v1/concepts/{id}"), Some(&s.admin), None);
    assert_eq!(after, now);
}

#[test]
fn revisions_keep_the_public_text_until_adopted_and_revert_restores() {
    let app = spawn_app();
    let s = staff(&app);
    let id = propose(&app, &s.rap17, "meter relay", "SG17");
    app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({}));
    app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&s.fr), Some(fr_text()));
    app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &s.fr, json!({}));
    app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &s.rev_fr, json!({}));

    let revised = json!({"terms": [{"text": "relais de compteur"}], "definition": "Nouvelle définition."});
    let (st, c) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&s.fr), Some(revised));
    assert_eq!(st, 200);
    assert_eq!(c["languages"]["fr"]["status"], "draft");
    assert_eq!(c["languages"]["fr"]["revision"], 2);
    let public = app.get_json(&format!("/api/v1/concepts/{id}"), 200);
    assert_eq!(
        public["languages"]["fr"]["terms"][0]["text"], "concentrateur de données",
        "public keeps the adopted text"
    );
    assert!(!search_ids(&app, "relais", "fr").contains(&id));
    assert!(search_ids(&app, "concentrateur", "fr").contains(&id));

    // The admin reverts to the revision after the adoption.
    let (_, h) = app.send("GET", &format!("/api/v1/concepts/{id}/history"), Some(&s.admin), None);
    let adopted_entry = h.as_array().unwrap().iter().find(|e| e["action"] == "adopt").unwrap()["id"].as_i64().unwrap();
    let (st, c) = app.post(&format!("/api/v1/concepts/{id}/revert"), &s.admin, json!({"entry": adopted_entry}));
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["languages"]["fr"]["terms"][0]["text"], "concentrateur de données");
    assert_eq!(c["languages"]["fr"]["status"], "adopted");
    let (_, h) = app.send("GET", &format!("/api/v1/concepts/{id}/history"), Some(&s.admin), None);
    assert_eq!(h.as_array().unwrap().last().unwrap()["action"], "revert");
}

#[test]
fn merge_attaches_the_study_group_instead_of_a_duplicate() {
    let app = spawn_app();
    let s = staff(&app);
    // "smart meter" exists for SG17 (c4 in the seed); SG20 proposes it again.
    let existing = search_ids(&app, "smart meter", "en")[0].clone();
    let dup = propose(&app, &s.rap20, "smart meter", "SG20");
    let (st, target) = app.post(&format!("/api/v1/proposals/{dup}/merge"), &s.admin, json!({"into": existing}));
    assert_eq!(st, 200, "{target}");
    assert_eq!(target["study_groups"], json!(["SG17", "SG20"]));
    let (_, merged) = app.send("GET", &format!("/api/v1/concepts/{dup}"), Some(&s.admin), None);
    assert_eq!(merged["status"], "withdrawn");
    assert_eq!(app.get(&format!("/api/v1/concepts/{dup}")).status(), 404, "withdrawn proposals are not public");
    let sg20 = app.get_json("/api/v1/concepts?sg=SG20", 200);
    assert!(sg20["items"].as_array().unwrap().iter().any(|c| c["id"] == existing.as_str()));
    // The admin queue no longer lists it.
    let (_, q) = app.send("GET", "/api/v1/queue", Some(&s.admin), None);
    assert!(!q.as_array().unwrap().iter().any(|i| i["id"] == dup.as_str()));
}

#[test]
fn superseding_makes_uncarried_concepts_historical_and_still_searchable() {
    let app = spawn_app();
    let s = staff(&app);
    let x1332 = app.get_json("/api/v1/recommendations/X.1332", 200);
    let ids: Vec<String> =
        x1332["concept_list"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    let keep = ids[0].clone();
    let body = json!({"by": "ITU-T X.1332.1", "carry": [keep]});
    assert_eq!(app.post("/api/v1/recommendations/X.1332/supersede", &s.rap17, body.clone()).0, 403);
    let (st, out) = app.post("/api/v1/recommendations/X.1332/supersede", &s.admin, body.clone());
    assert_eq!(st, 200, "{out}");
    assert_eq!(out["carried"], json!([keep]));
    assert_eq!(out["historical"].as_array().unwrap().len(), ids.len() - 1);
    let rec = app.get_json("/api/v1/recommendations/X.1332", 200);
    assert_eq!(rec["status"], "superseded");
    assert_eq!(rec["superseded_by"], "ITU-T X.1332.1");
    let carried = app.get_json(&format!("/api/v1/concepts/{keep}"), 200);
    assert_eq!(carried["source"]["rec"], "ITU-T X.1332.1");
    assert_eq!(carried["status"], "accepted");
    // Historical entries stay public and searchable, labelled.
    let hit = app.get_json("/api/v1/search?q=smart%20meter&lang=en", 200)["hits"][0].clone();
    assert_eq!(hit["terms"]["en"], "smart meter");
    assert_eq!(hit["status"], "historical");
    let only_historical = app.get_json("/api/v1/search?q=smart%20meter&status=historical", 200);
    // X.1332's "smart meter" (3.1.4) and "smart metering service" (3.2.3); only 3.1.1 was carried.
    assert_eq!(ids[0], "c1", "X.1332's first concept is 3.1.1 of the seed");
    assert_eq!(only_historical["total"], 2, "{only_historical}");
    // Twice is a conflict; carrying a stranger is refused.
    assert_eq!(app.post("/api/v1/recommendations/X.1332/supersede", &s.admin, body).0, 409);
    assert_eq!(
        app.post("/api/v1/recommendations/A.25/supersede", &s.admin, json!({"by": "ITU-T A.25.1", "carry": [keep]})).0,
        400
    );
}

#[test]
fn equal_footing_figures_per_period_and_study_group() {
    let app = spawn_app();
    let s = staff(&app);
    let id = propose(&app, &s.rap17, "meter bridge", "SG17");
    app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({}));
    app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&s.fr), Some(fr_text()));
    app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &s.fr, json!({}));
    let before = app.get_json("/api/v1/stats/languages", 200);
    let fr = |v: &Value| v["languages"].as_array().unwrap().iter().find(|l| l["lang"] == "fr").unwrap().clone();
    assert_eq!(fr(&before)["pending"], 1);
    // E.119's 10 French concepts (data/word/) are adopted, with no date of adoption.
    assert_eq!(fr(&before)["adopted"], 10);
    app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &s.rev_fr, json!({}));

    // The period is the day of the adoption, as stored.
    let (_, adopted) = app.send("GET", &format!("/api/v1/concepts/{id}"), Some(&s.admin), None);
    let day = &adopted["languages"]["fr"]["adopted_at"].as_str().unwrap()[..10];
    let now = app.get_json(&format!("/api/v1/stats/languages?from={day}&to={day}&by=sg"), 200);
    let f = fr(&now);
    assert_eq!(f["adopted"], 11);
    assert_eq!(f["adopted_in_period"], 1);
    assert_eq!(f["pending"], 0);
    // Not yet in French: all but E.119's 10 and the one adopted here.
    assert_eq!(f["backlog"].as_u64().unwrap(), now["concepts"].as_u64().unwrap() - 11);
    let median = f["median_days_to_adoption"].as_f64().unwrap();
    assert!((0.0..1.0).contains(&median), "accepted and adopted the same day: {median}");
    let sg17 = now["by_study_group"].as_array().unwrap().iter().find(|g| g["sg"] == "SG17").unwrap();
    assert_eq!(fr(sg17)["adopted"], 1);
    let sg20 = now["by_study_group"].as_array().unwrap().iter().find(|g| g["sg"] == "SG20").unwrap();
    assert_eq!(fr(sg20)["adopted"], 0);
    // A past period saw no adoption.
    let past = app.get_json("/api/v1/stats/languages?from=2001-01-01&to=2001-12-31", 200);
    assert_eq!(fr(&past)["adopted_in_period"], 0);
    assert!(fr(&past)["median_days_to_adoption"].is_null());
    app.get_json("/api/v1/stats/languages?by=lang", 400);
    app.get_json("/api/v1/stats/languages?from=2002-01-01&to=2001-01-01", 400);
}

/// The titles and links of a feed's entries.
fn feed_entries(app: &TestApp, path: &str) -> Vec<(String, String)> {
    let resp = app.get(path);
    assert_eq!(resp.status(), 200, "{path}");
    let xml = resp.text().unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("feed is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            let title = e.children().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap_or("");
            let link = e.children().find(|n| n.has_tag_name("link")).and_then(|n| n.attribute("href")).unwrap_or("");
            (title.to_string(), link.to_string())
        })
        .collect()
}

#[test]
fn changes_and_the_changes_feed_filter_by_study_group_recommendation_concept_and_kind_with_a_cursor() {
    let app = spawn_app();
    let s = staff(&app);
    // SG17 proposes three terms and accepts two; SG20 proposes one, returned.
    let ids: Vec<String> =
        ["watched one", "watched two", "watched three"].iter().map(|t| propose(&app, &s.rap17, t, "SG17")).collect();
    for id in &ids[..2] {
        assert_eq!(app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({})).0, 200);
    }
    let other = propose(&app, &s.rap20, "unwatched", "SG20");
    let (st, _) = app.post(&format!("/api/v1/proposals/{other}/return"), &s.admin, json!({"comment": "Not yet."}));
    assert_eq!(st, 200);

    let list = |q: &str, token: Option<&str>| {
        let (st, body) = app.send("GET", &format!("/api/v1/changes?{q}"), token, None);
        assert_eq!(st, 200, "{q}: {body}");
        body.as_array()
            .unwrap()
            .iter()
            .map(|c| (c["kind"].as_str().unwrap().to_string(), c["id"].as_str().unwrap().to_string()))
            .collect::<Vec<_>>()
    };
    // Public kinds by default; by study group, newest first.
    assert_eq!(list("sg=SG17", None), vec![("accepted".into(), ids[1].clone()), ("accepted".into(), ids[0].clone())]);
    assert!(list("sg=SG20", None).is_empty());
    assert_eq!(list(&format!("concept={}", ids[0]), None), vec![("accepted".to_string(), ids[0].clone())]);
    assert_eq!(list("rec=Y.4241&sg=SG17", None).len(), 2);
    // Proposals and returns: staff only.
    assert_eq!(app.send("GET", "/api/v1/changes?kind=returned", None, None).0, 401);
    assert_eq!(
        list("kind=proposed,returned&sg=SG20", Some(&s.admin)),
        vec![("returned".into(), other.clone()), ("proposed".into(), other.clone())]
    );
    assert_eq!(list("kind=proposed&sg=SG17", Some(&s.admin)).len(), 3);

    // A cursor walks the pages: one item each, the `Link` header giving the next.
    let mut path = "/api/v1/changes?kind=proposed,accepted,returned&sg=SG17&limit=1".to_string();
    let mut walked = Vec::new();
    loop {
        let resp = crate::common::client().get(app.url(&path)).bearer_auth(&s.admin).send().unwrap();
        let next = resp.headers().get("link").map(|l| l.to_str().unwrap().to_string());
        let page: Value = resp.json().unwrap();
        walked.extend(page.as_array().unwrap().iter().map(|c| c["event"].as_i64().unwrap()));
        let Some(next) = next else { break };
        path = next.trim_start_matches('<').split('>').next().unwrap().to_string();
        assert!(walked.len() <= 5, "the cursor does not move: {path}");
    }
    assert_eq!(walked.len(), 5, "3 proposed and 2 accepted, each once");
    assert!(walked.windows(2).all(|w| w[0] > w[1]), "newest first: {walked:?}");
    assert_eq!(app.send("GET", "/api/v1/changes?cursor=abc", None, None).0, 400);

    // Superseding a Recommendation: its uncarried concepts are "superseded" events.
    let x1332 = app.get_json("/api/v1/recommendations/X.1332", 200);
    let kept = x1332["concept_list"][0]["id"].as_str().unwrap().to_string();
    let (st, out) = app.post(
        "/api/v1/recommendations/X.1332/supersede",
        &s.admin,
        json!({"by": "ITU-T X.1332.1", "carry": [kept]}),
    );
    assert_eq!(st, 200, "{out}");
    let superseded = list("kind=superseded&rec=X.1332", None);
    assert_eq!(superseded.len(), out["historical"].as_array().unwrap().len());
    assert!(superseded.iter().all(|(k, _)| k == "superseded"));

    // The feed follows the same filters, public kinds only, each entry linking to its concept page.
    let sg17 = feed_entries(&app, "/feeds/changes.atom?sg=SG17&kind=accepted,adopted");
    assert_eq!(sg17.len(), 2, "{sg17:?}");
    // X.1332 is SG17's too: without `kind`, its superseded concepts come first (newest).
    let all17 = feed_entries(&app, "/feeds/changes.atom?sg=SG17");
    assert_eq!(all17.len(), 2 + superseded.len(), "{all17:?}");
    assert!(sg17[0].0 == "watched two" && sg17[0].1.ends_with(&format!("/concepts/{}", ids[1])), "{sg17:?}");
    let hist = feed_entries(&app, "/feeds/changes.atom?rec=X.1332&kind=superseded");
    assert!(!hist.is_empty() && hist.iter().all(|(t, _)| t.ends_with("(superseded)")), "{hist:?}");
    assert!(feed_entries(&app, "/feeds/changes.atom?sg=SG20").is_empty(), "returned proposals are not public");
    assert_eq!(app.get("/feeds/changes.atom?kind=proposed").status(), 400);
}

#[test]
fn watches_are_each_users_own_and_refuse_what_does_not_exist() {
    let app = spawn_app();
    let s = staff(&app);
    let (st, _) = app.send("POST", "/api/v1/watches", None, Some(json!({"sg": "SG17"})));
    assert_eq!(st, 401);
    let (st, w) = app.post("/api/v1/watches", &s.fr, json!({"sg": "SG17", "lang": "fr"}));
    assert_eq!(st, 201, "{w}");
    assert_eq!(
        (&w["sg"], &w["lang"], &w["rec"], &w["concept"]),
        (&json!("SG17"), &json!("fr"), &Value::Null, &Value::Null)
    );
    // The same watch twice is one watch.
    let (st, again) = app.post("/api/v1/watches", &s.fr, json!({"lang": "fr", "sg": "sg17"}));
    assert_eq!((st, &again["id"]), (200, &w["id"]));
    assert_eq!(app.post("/api/v1/watches", &s.fr, json!({"rec": "X.1332"})).0, 201);
    let mine = app.send("GET", "/api/v1/watches", Some(&s.fr), None).1;
    assert_eq!(mine.as_array().unwrap().len(), 2, "{mine}");
    assert!(app.send("GET", "/api/v1/watches", Some(&s.ar), None).1.as_array().unwrap().is_empty());
    // Bad watches: nothing to watch, unknown things, unknown fields.
    for (body, status) in [
        (json!({}), 400),
        (json!({"sg": "SG99"}), 404),
        (json!({"rec": "ITU-T Z.9999"}), 404),
        (json!({"concept": "c999999"}), 404),
        (json!({"lang": "de"}), 400),
        (json!({"sg": "SG17", "colour": "red"}), 400),
    ] {
        let (st, err) = app.post("/api/v1/watches", &s.fr, body.clone());
        assert_eq!(st, status, "{body}: {err}");
        assert!(err["error"]["message"].is_string(), "{err}");
    }
    // Someone else's watch cannot be removed; one's own can, once.
    let id = w["id"].as_i64().unwrap();
    assert_eq!(app.send("DELETE", &format!("/api/v1/watches/{id}"), Some(&s.ar), None).0, 404);
    assert_eq!(app.send("DELETE", &format!("/api/v1/watches/{id}"), Some(&s.fr), None).0, 204);
    assert_eq!(app.send("DELETE", &format!("/api/v1/watches/{id}"), Some(&s.fr), None).0, 404);
    assert_eq!(app.send("DELETE", "/api/v1/watches/abc", Some(&s.fr), None).0, 400);
}

#[test]
fn assisted_text_is_marked_until_a_person_edits_it() {
    let app = spawn_app();
    let s = staff(&app);
    let mut body = proposal("grid data relay", "SG17");
    body["assisted"] = json!(true);
    let (status, out) = app.post("/api/v1/proposals", &s.rap17, body);
    assert_eq!(status, 201, "{out}");
    let id = out["concept"]["id"].as_str().unwrap().to_string();
    assert_eq!(out["concept"]["languages"]["en"]["assisted"], json!(true));
    let queue = app.send("GET", "/api/v1/queue", Some(&s.admin), None).1;
    let item = queue.as_array().unwrap().iter().find(|i| i["id"] == json!(id)).expect("in TSB's queue");
    assert_eq!(item["assisted"], json!(true));
    let (st, c) = app.post(&format!("/api/v1/proposals/{id}/accept"), &s.admin, json!({}));
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["languages"]["en"]["assisted"], json!(true), "accepting is no edit of the text");
    // The equal-footing figures count adopted machine-assisted text per language.
    let stats = app.get_json("/api/v1/stats/languages", 200);
    let count = |lang: &str| {
        stats["languages"].as_array().unwrap().iter().find(|l| l["lang"] == lang).unwrap()["assisted_adopted"].clone()
    };
    assert_eq!((count("en"), count("fr")), (json!(1), json!(0)));
    // The public never sees the mark.
    assert_eq!(app.get_json(&format!("/api/v1/concepts/{id}"), 200)["languages"]["en"].get("assisted"), None);

    let path = format!("/api/v1/concepts/{id}/languages/fr");
    let mut text = fr_text();
    text["assisted"] = json!(true);
    let (st, c) = app.send("PUT", &path, Some(&s.fr), Some(text));
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["languages"]["fr"]["assisted"], json!(true));
    let queue = app.send("GET", "/api/v1/queue?limit=500", Some(&s.fr), None).1;
    let item = queue.as_array().unwrap().iter().find(|i| i["id"] == json!(id) && i["lang"] == "fr");
    assert_eq!(item.expect("in the translator's queue")["assisted"], json!(true));

    // A person's edit clears the mark; history keeps both revisions' marks.
    let (st, c) = app.send("PUT", &path, Some(&s.fr), Some(fr_text()));
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["languages"]["fr"].get("assisted"), None);
    let queue = app.send("GET", "/api/v1/queue?limit=500", Some(&s.fr), None).1;
    let item = queue.as_array().unwrap().iter().find(|i| i["id"] == json!(id) && i["lang"] == "fr");
    assert_eq!(item.unwrap()["assisted"], json!(false));
    let history = app.send("GET", &format!("/api/v1/concepts/{id}/history"), Some(&s.admin), None).1;
    let marks: Vec<(String, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let lang = h["lang"].as_str().unwrap_or("en");
            (h["action"].as_str().unwrap().to_string(), h["after"]["languages"][lang]["assisted"].clone())
        })
        .collect();
    let expected: Vec<(String, Value)> =
        [("propose", json!(true)), ("accept", json!(true)), ("edit", json!(true)), ("edit", Value::Null)]
            .into_iter()
            .map(|(a, m)| (a.to_string(), m))
            .collect();
    assert_eq!(marks, expected);
}
