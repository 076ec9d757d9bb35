//! Terminology in running text through HTTP and the CLI: `POST /api/v1/annotate`,
//! `POST /api/v1/check-translation`, `hexaglot annotate` and `hexaglot check-translation`.

use serde_json::{json, Value};

use crate::common::{add_user, client, hexaglot, spawn_app, spawn_app_without_word_seed, TestApp};

/// The terms of these tests, imported as adopted text (CSV enters as accepted). Two
/// concepts share the English term "carrier".
const GLOSSARY: &str = "\
study_groups,term_en,synonyms_en,deprecated_en,abbreviation_en,term_fr,synonyms_fr,deprecated_fr,term_ar
SG17,access control,,,,contrôle d'accès,,,التحكم في النفاذ
SG17,access control list,,,ACL,liste de contrôle d'accès,,,
SG17,meter,,,,compteur,,,
SG17,point of presence,,,PoP,point de présence,,,
SG17,service outage,outage,blackout,,interruption de service,coupure de service,panne de service,
SG17,carrier,,,,porteuse,,,
SG17,carrier,,,,opérateur de télécommunications,,,
";

/// Concept ids of [`GLOSSARY`]'s rows, in order.
struct Ids {
    access_control: String,
    acl: String,
    meter: String,
    pop: String,
    outage: String,
    carriers: [String; 2],
}

/// A server without the Word seed, with [`GLOSSARY`] imported; returns the admin's token too.
fn app_with_glossary() -> (TestApp, String, Ids) {
    let app = spawn_app_without_word_seed();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let resp = client()
        .post(app.url("/api/v1/import?format=csv"))
        .bearer_auth(&admin)
        .header("content-type", "text/csv")
        .body(GLOSSARY)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    let report: Value = resp.json().unwrap();
    let ids: Vec<String> = report["ids"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 7, "{report}");
    let ids = Ids {
        access_control: ids[0].clone(),
        acl: ids[1].clone(),
        meter: ids[2].clone(),
        pop: ids[3].clone(),
        outage: ids[4].clone(),
        carriers: [ids[5].clone(), ids[6].clone()],
    };
    (app, admin, ids)
}

fn annotate(app: &TestApp, token: Option<&str>, body: Value) -> (u16, Value) {
    app.send("POST", "/api/v1/annotate", token, Some(body))
}

fn spans(body: &Value) -> &Vec<Value> {
    body["spans"].as_array().unwrap_or_else(|| panic!("no spans: {body}"))
}

/// The (text, term) of every span.
fn found(body: &Value) -> Vec<(String, String)> {
    spans(body)
        .iter()
        .map(|s| (s["text"].as_str().unwrap().to_string(), s["term"].as_str().unwrap().to_string()))
        .collect()
}

/// The code points `start..end` of `text`.
fn at(text: &str, span: &Value) -> String {
    let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn offsets_count_code_points_of_the_text_as_received() {
    let (app, _, ids) = app_with_glossary();
    // Accents, an emoji (two UTF-16 units, four bytes), a CRLF and a decomposed é (e + U+0301,
    // which NFC would shorten): none may shift the offsets.
    let text = "🙂 Le « compteur » et\r\nla liste de contro\u{302}le d'accès, puis le contrôle d'accès.";
    let (st, body) = annotate(&app, None, json!({"text": text, "lang": "fr", "to": ["en"]}));
    assert_eq!(st, 200, "{body}");
    assert_eq!(body["lang"], "fr");
    assert!(body.get("text").is_none(), "a JSON request's text is not echoed: {body}");
    let spans = spans(&body);
    for s in spans {
        assert_eq!(at(text, s), s["text"].as_str().unwrap(), "{s}");
    }
    let first = &spans[0];
    assert_eq!((first["start"].as_u64(), first["end"].as_u64()), (Some(7), Some(15)), "{body}");
    assert_eq!(first["text"], "compteur");
    assert_eq!(first["concepts"], json!([ids.meter]));
    assert_eq!(first["equivalents"]["en"], json!(["meter"]));
    let texts: Vec<String> = spans.iter().map(|s| s["term"].as_str().unwrap().to_string()).collect();
    assert_eq!(texts, ["compteur", "liste de contrôle d'accès", "contrôle d'accès"], "{body}");
}

#[test]
fn longest_match_whole_words_and_case_sensitive_abbreviations() {
    let (app, _, ids) = app_with_glossary();
    let text = "The access control list, the access control, a parameter, a meter, a PoP, pop music and an ACL.";
    let (st, body) = annotate(&app, None, json!({"text": text, "lang": "en", "to": ["fr"]}));
    assert_eq!(st, 200, "{body}");
    let got = found(&body);
    let want = [
        ("access control list", "access control list"),
        ("access control", "access control"),
        ("meter", "meter"),
        ("PoP", "PoP"),
        ("ACL", "ACL"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec(), "{body}");
    let spans = spans(&body);
    // "meter" inside "parameter" is not a span: the one found is the word itself.
    assert_eq!(at(text, &spans[2]), "meter");
    assert_eq!(spans[2]["start"].as_u64().unwrap() as usize, text.find("a meter").unwrap() + 2);
    assert_eq!(spans[0]["concepts"], json!([ids.acl]));
    assert_eq!(spans[1]["concepts"], json!([ids.access_control]));
    assert_eq!((spans[0]["kind"].as_str(), spans[3]["kind"].as_str()), (Some("term"), Some("abbreviation")));
    assert_eq!(spans[3]["concepts"], json!([ids.pop]));
    assert_eq!(spans[4]["concepts"], json!([ids.acl]), "the abbreviation names its concept");
    // The concepts, in order of first occurrence, with their English term and count.
    let concepts: Vec<(String, String, u64)> = body["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().into(), c["term"].as_str().unwrap().into(), c["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        concepts,
        [
            (ids.acl.clone(), "access control list".to_string(), 2),
            (ids.access_control.clone(), "access control".to_string(), 1),
            (ids.meter.clone(), "meter".to_string(), 1),
            (ids.pop.clone(), "point of presence".to_string(), 1),
        ]
    );
}

#[test]
fn equivalents_and_flags() {
    let (app, _, ids) = app_with_glossary();
    let text = "A blackout hit the carrier; the access control list and the access control were fine.";
    let (st, body) = annotate(&app, None, json!({"text": text, "lang": "en", "to": ["fr", "ar"]}));
    assert_eq!(st, 200, "{body}");
    let spans = spans(&body);
    let by_text = |t: &str| spans.iter().find(|s| s["text"] == t).unwrap_or_else(|| panic!("no {t}: {body}"));

    let blackout = by_text("blackout");
    assert_eq!(blackout["term_status"], "deprecated");
    assert_eq!(blackout["concepts"], json!([ids.outage]));
    // Preferred first, then admitted; the deprecated French term is never an equivalent.
    assert_eq!(blackout["equivalents"]["fr"], json!(["interruption de service", "coupure de service"]));
    assert!(blackout["flags"].as_array().unwrap().contains(&json!({"kind": "deprecated", "use": "service outage"})));

    let carrier = by_text("carrier");
    let both = json!([ids.carriers[0], ids.carriers[1]]);
    assert_eq!(carrier["concepts"], both);
    assert!(carrier["flags"].as_array().unwrap().contains(&json!({"kind": "conflict", "concepts": both})));

    let acl = by_text("access control list");
    assert_eq!(acl["term_status"], "preferred");
    assert_eq!(acl["equivalents"], json!({"fr": ["liste de contrôle d'accès"], "ar": []}));
    assert_eq!(acl["flags"], json!([{"kind": "not_adopted", "lang": "ar"}]));

    let ac = by_text("access control");
    assert_eq!(ac["equivalents"], json!({"fr": ["contrôle d'accès"], "ar": ["التحكم في النفاذ"]}));
    assert_eq!(ac["flags"], json!([]));

    // `to` defaults to the five other languages.
    let (_, all) = annotate(&app, None, json!({"text": "the meter", "lang": "en"}));
    let langs: Vec<&String> = all["spans"][0]["equivalents"].as_object().unwrap().keys().collect();
    assert_eq!(langs, ["ar", "es", "fr", "ru", "zh"], "{all}");
}

#[test]
fn a_term_adopted_through_the_api_is_found_at_once_and_pending_text_only_by_staff() {
    let (app, admin, _) = app_with_glossary();
    let rap = add_user(&app.data_dir, "rap17", "rapporteur", &["--sg", "SG17"]);
    let tr = add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let rev = add_user(&app.data_dir, "rev-fr", "reviewer", &["--lang", "fr"]);
    let en = "The zettabyte gateway is new.";
    let fr = "La passerelle zettaoctet est nouvelle.";
    let terms = |body: &Value| found(body).into_iter().map(|(_, term)| term).collect::<Vec<_>>();
    let (st, proposed) = app.post(
        "/api/v1/proposals",
        &rap,
        json!({"terms": ["zettabyte gateway"], "definition": "A gateway for zettabytes.", "sg": "SG17"}),
    );
    assert_eq!(st, 201, "{proposed}");
    let id = proposed["concept"]["id"].as_str().unwrap().to_string();

    // A proposal: invisible to the public, visible to staff who ask for pending text.
    let (_, public) = annotate(&app, None, json!({"text": en, "lang": "en"}));
    assert!(terms(&public).is_empty(), "{public}");
    let (st, refused) = annotate(&app, None, json!({"text": en, "lang": "en", "pending": true}));
    assert_eq!(st, 401, "pending needs a token: {refused}");
    let (st, staff) = annotate(&app, Some(&admin), json!({"text": en, "lang": "en", "pending": true}));
    assert_eq!(st, 200, "{staff}");
    assert_eq!(terms(&staff), ["zettabyte gateway"]);
    assert_eq!(staff["spans"][0]["concepts"], json!([id]));
    // Without `pending`, staff see what the public sees.
    assert!(terms(&annotate(&app, Some(&admin), json!({"text": en, "lang": "en"})).1).is_empty());

    // Accepted: the English text is adopted and found at once.
    let (st, c) = app.post(&format!("/api/v1/proposals/{id}/accept"), &admin, json!({}));
    assert_eq!(st, 200, "{c}");
    let (_, public) = annotate(&app, None, json!({"text": en, "lang": "en", "to": ["fr"]}));
    assert_eq!(terms(&public), ["zettabyte gateway"], "{public}");
    assert_eq!(public["spans"][0]["flags"], json!([{"kind": "not_adopted", "lang": "fr"}]));

    // A French draft: pending until adopted, then found and an equivalent at once.
    let draft = json!({"terms": [{"text": "passerelle zettaoctet", "status": "preferred"}]});
    let (st, c) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&tr), Some(draft));
    assert_eq!(st, 200, "{c}");
    assert!(terms(&annotate(&app, None, json!({"text": fr, "lang": "fr"})).1).is_empty());
    let (_, staff) = annotate(&app, Some(&tr), json!({"text": fr, "lang": "fr", "pending": true}));
    assert_eq!(terms(&staff), ["passerelle zettaoctet"], "{staff}");
    let (st, c) = app.post(&format!("/api/v1/concepts/{id}/languages/fr/submit"), &tr, json!({}));
    assert_eq!(st, 200, "{c}");
    let (st, c) = app.post(&format!("/api/v1/concepts/{id}/languages/fr/adopt"), &rev, json!({}));
    assert_eq!(st, 200, "{c}");
    let (_, public) = annotate(&app, None, json!({"text": fr, "lang": "fr", "to": ["en"]}));
    assert_eq!(terms(&public), ["passerelle zettaoctet"], "{public}");
    let (_, public) = annotate(&app, None, json!({"text": en, "lang": "en", "to": ["fr"]}));
    assert_eq!(public["spans"][0]["equivalents"]["fr"], json!(["passerelle zettaoctet"]), "{public}");
    assert_eq!(public["spans"][0]["flags"], json!([]));

    // A revision under review: the public keeps finding the adopted term, not the draft.
    let revision = json!({"terms": [{"text": "passerelle de zettaoctets", "status": "preferred"}]});
    let (st, c) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/fr"), Some(&tr), Some(revision));
    assert_eq!(st, 200, "{c}");
    let both = "La passerelle zettaoctet et la passerelle de zettaoctets.";
    let (_, public) = annotate(&app, None, json!({"text": both, "lang": "fr"}));
    assert_eq!(terms(&public), ["passerelle zettaoctet"], "{public}");
    let (_, staff) = annotate(&app, Some(&tr), json!({"text": both, "lang": "fr", "pending": true}));
    assert_eq!(terms(&staff), ["passerelle zettaoctet", "passerelle de zettaoctets"], "{staff}");
}

#[test]
fn a_cli_import_next_to_the_running_server_is_found_within_seconds() {
    let (app, _, _) = app_with_glossary();
    let text = json!({"text": "The quantum relay is on.", "lang": "en"});
    // Built before the import: what follows is the follower's doing, not the first build's.
    assert!(found(&annotate(&app, None, text.clone()).1).is_empty());
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("more.csv");
    std::fs::write(&csv, "study_groups,term_en,term_fr\nSG17,quantum relay,relais quantique\n").unwrap();
    let out = hexaglot(&app.data_dir, &["import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let started = std::time::Instant::now();
    loop {
        let (_, body) = annotate(&app, None, text.clone());
        if !found(&body).is_empty() {
            assert_eq!(body["spans"][0]["equivalents"]["fr"], json!(["relais quantique"]));
            break;
        }
        assert!(started.elapsed() < crate::common::PATIENCE, "never found: {body}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn limits_and_undetectable_language_are_4xx_saying_so() {
    let (app, _, _) = app_with_glossary();
    // The language cannot be told from a few abbreviations: a 400 that says to give it.
    let (st, body) = annotate(&app, None, json!({"text": "ACL PoP"}));
    assert_eq!(st, 400, "{body}");
    assert_eq!(body["error"]["param"], "lang");
    assert!(body["error"]["message"].as_str().unwrap().contains("give lang"), "{body}");
    // Detected when it can be told.
    let (st, body) = annotate(&app, None, json!({"text": "The meter is in the access control list of the site."}));
    assert_eq!(st, 200, "{body}");
    assert_eq!(body["lang"], "en");
    // 2 MiB of text is accepted, one byte more is a 413 naming the limit, as JSON and as text/plain.
    let limit = 2 << 20;
    let mut text = "the meter ".to_string();
    while text.len() + 6 <= limit {
        text.push_str("words ");
    }
    text.push_str(&"x".repeat(limit - text.len()));
    assert_eq!(text.len(), limit);
    let (st, body) = annotate(&app, None, json!({"text": text, "lang": "en", "to": ["fr"]}));
    assert_eq!(st, 200, "exactly 2 MiB: {}", body["error"]);
    assert_eq!(body["concepts"][0]["count"], 1);
    text.push('x');
    let (st, body) = annotate(&app, None, json!({"text": text, "lang": "en"}));
    assert_eq!(st, 413, "{}", body["error"]);
    assert!(body["error"]["message"].as_str().unwrap().contains("2 MiB"), "{body}");
    let resp = client()
        .post(app.url("/api/v1/annotate?lang=en"))
        .header("content-type", "text/plain; charset=utf-8")
        .body(text)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 413);
    let body: Value = resp.json().unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("2 MiB"), "{body}");
    // A Word file over 20 MiB.
    let resp = client()
        .post(app.url("/api/v1/annotate"))
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .body(vec![0u8; (20 << 20) + 1])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 413);
    let body: Value = resp.json().unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("20 MiB"), "{body}");
    // Malformed requests.
    assert_eq!(annotate(&app, None, json!({"text": "meter", "lang": "de"})).0, 400);
    assert_eq!(annotate(&app, None, json!({"txt": "meter", "lang": "en"})).0, 400);
    assert_eq!(app.send("POST", "/api/v1/annotate?lang=xx", None, Some(json!({"text": "meter"}))).0, 400);
}

#[test]
fn anonymous_callers_are_rate_limited() {
    let tmp = tempfile::tempdir().unwrap();
    let limits = hexaglot::http::ratelimit::RateLimitConfig {
        auth_failures_per_minute: 0,
        token_requests_per_minute: 0,
        anonymous_texts_per_minute: 3,
    };
    let app = crate::common::spawn_app_with(&tmp.path().join("data"), limits);
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let body = json!({"text": "the meter", "lang": "en"});
    for _ in 0..3 {
        assert_eq!(annotate(&app, None, body.clone()).0, 200);
    }
    let (st, refused) = annotate(&app, None, body.clone());
    assert_eq!(st, 429, "{refused}");
    let check = json!({"source": {"lang": "en", "text": "x"}, "target": {"lang": "fr", "text": "x"}});
    assert_eq!(app.send("POST", "/api/v1/check-translation", None, Some(check.clone())).0, 429);
    // A token is under its own limit.
    assert_eq!(annotate(&app, Some(&admin), body).0, 200);
    assert_eq!(app.send("POST", "/api/v1/check-translation", Some(&admin), Some(check)).0, 200);
}

#[test]
fn text_plain_and_word_bodies_answer_the_text_the_offsets_refer_to() {
    let (app, _, ids) = app_with_glossary();
    let text = "Le compteur et la liste de contrôle d'accès.";
    let resp = client()
        .post(app.url("/api/v1/annotate?lang=fr&to=en"))
        .header("content-type", "text/plain; charset=utf-8")
        .body(text)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().unwrap();
    assert_eq!(body["text"], text);
    assert_eq!(found(&body).len(), 2, "{body}");
    assert_eq!(body["spans"][0]["concepts"], json!([ids.meter]));
    // Terms first, then abbreviations.
    assert_eq!(body["spans"][1]["equivalents"], json!({"en": ["access control list", "ACL"]}));

    // E.119 in French, with its concepts (the bundled seed): the language is detected,
    // and every span is at its place in the text answered.
    let seeded = spawn_app();
    let docx =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx/T-REC-E.119-201704-I!!MSW-F.docx"))
            .unwrap();
    let resp = client()
        .post(seeded.url("/api/v1/annotate?to=en"))
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .body(docx)
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().unwrap();
    assert_eq!(body["lang"], "fr");
    let text = body["text"].as_str().expect("the extracted text");
    assert!(text.contains("\n\n"), "paragraphs a blank line apart");
    let spans = spans(&body);
    assert!(spans.len() > 20, "{} spans", spans.len());
    for s in spans {
        assert_eq!(at(text, s), s["text"].as_str().unwrap(), "{s}");
    }
    let terms: Vec<String> = found(&body).into_iter().map(|(_, t)| t).collect();
    assert!(terms.iter().any(|t| t == "catastrophe"), "{terms:?}");
    // Not a Word file.
    let resp = client()
        .post(seeded.url("/api/v1/annotate"))
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .body("hello")
        .send()
        .unwrap();
    assert_eq!(resp.status(), 400);
}

fn check(app: &TestApp, source: &str, target: &str) -> Value {
    let body = json!({"source": {"lang": "en", "text": source}, "target": {"lang": "fr", "text": target}});
    let (st, report) = app.send("POST", "/api/v1/check-translation", None, Some(body));
    assert_eq!(st, 200, "{report}");
    report
}

/// (kind, source text, target text, paragraph) of every finding.
fn findings(report: &Value) -> Vec<(String, String, Option<String>, Option<u64>)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["source"]["text"].as_str().unwrap().to_string(),
                f["target"]["text"].as_str().map(str::to_string),
                f["paragraph"].as_u64(),
            )
        })
        .collect()
}

fn finding(
    kind: &str,
    source: &str,
    target: Option<&str>,
    paragraph: Option<u64>,
) -> (String, String, Option<String>, Option<u64>) {
    (kind.to_string(), source.to_string(), target.map(str::to_string), paragraph)
}

#[test]
fn check_translation_findings_paragraph_by_paragraph() {
    let (app, _, ids) = app_with_glossary();
    let source = "The access control list protects the meters.\n\nA service outage was reported.\n\nThe outage ended.";
    // Inflected (plural) and elided forms count; a deprecated and an admitted term are findings.
    let target = "La liste de contrôle d'accès protège les appareils.\n\nUne panne de service a été signalée.\n\nLa coupure de service a pris fin.";
    let report = check(&app, source, target);
    assert_eq!(
        findings(&report),
        [
            finding("missing_equivalent", "meters", None, Some(1)),
            finding("deprecated_in_target", "service outage", Some("panne de service"), Some(2)),
            finding("non_preferred_in_target", "outage", Some("coupure de service"), Some(3)),
        ],
        "{report}"
    );
    let missing = &report["findings"][0];
    assert_eq!(missing["concept"], ids.meter.as_str());
    assert_eq!(missing["expected"], json!(["compteur"]));
    assert_eq!(missing["target"], Value::Null);
    let start = source.find("meters").unwrap() as u64;
    assert_eq!(
        (missing["source"]["start"].as_u64(), missing["source"]["end"].as_u64()),
        (Some(start), Some(start + 6))
    );
    let deprecated = &report["findings"][1];
    assert_eq!(deprecated["expected"], json!(["interruption de service", "coupure de service"]));
    let place = target.find("panne de service").unwrap();
    assert_eq!(deprecated["target"]["start"].as_u64(), Some(target[..place].chars().count() as u64));
    let summary: Vec<(String, u64, u64)> = report["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["concept"].as_str().unwrap().into(),
                s["source_count"].as_u64().unwrap(),
                s["target_count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [(ids.acl.clone(), 1, 1), (ids.meter.clone(), 1, 0), (ids.outage.clone(), 2, 2)]);

    // The right equivalents everywhere: no findings.
    let good = "La liste de contrôle d'accès protège les compteurs.\n\nUne interruption de service a été signalée.\n\nL'interruption de service a pris fin.";
    assert_eq!(findings(&check(&app, source, good)), []);
}

#[test]
fn check_translation_document_level_when_paragraphs_differ() {
    let (app, _, _) = app_with_glossary();
    let source = "The meter is read.\n\nThe access control list is kept.";
    // Same number of paragraphs, but the equivalent of "meter" is in the other one: missing there.
    let swapped = "La liste de contrôle d'accès est conservée.\n\nLe compteur est relevé.";
    assert_eq!(
        findings(&check(&app, source, swapped)),
        [
            finding("missing_equivalent", "meter", None, Some(1)),
            finding("missing_equivalent", "access control list", None, Some(2)),
        ]
    );
    // One paragraph against two: compared as whole documents, everything is there.
    let joined = "La liste de contrôle d'accès est conservée et le compteur est relevé.";
    assert_eq!(findings(&check(&app, source, joined)), []);
    // As whole documents, what is missing has no paragraph.
    let without_meter = "La liste de contrôle d'accès est conservée.";
    assert_eq!(findings(&check(&app, source, without_meter)), [finding("missing_equivalent", "meter", None, None)]);
    // A language that cannot be told is a 400 naming the side.
    let body = json!({"source": {"text": "ACL"}, "target": {"lang": "fr", "text": "ACL"}});
    let (st, err) = app.send("POST", "/api/v1/check-translation", None, Some(body));
    assert_eq!(st, 400, "{err}");
    assert_eq!(err["error"]["param"], "source.lang");
}

/// E.119 in English against its French version, as ITU publishes them (Word files,
/// with the bundled E.119 concepts): both have 273 paragraphs, but the English table of
/// contents has a "Page" heading the French lacks, so paragraph n of one is not paragraph
/// n of the other until the French catches up; the check pairs them by content. What is
/// left was checked by hand: the French summary (paragraph 94) and the first paragraph of
/// the scope (128) write "plan(s) de continuité des activités" without "(BCP)" where the
/// English gives "business continuity plans (BCP)", and say "ces plans" for "the BCP".
#[test]
fn check_translation_of_e119_english_against_french() {
    let tmp = tempfile::tempdir().unwrap();
    let docx =
        |l: &str| format!("{}/tests/fixtures/docx/T-REC-E.119-201704-I!!MSW-{l}.docx", env!("CARGO_MANIFEST_DIR"));
    let out = hexaglot(&tmp.path().join("data"), &["check-translation", &docx("E"), &docx("F"), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        findings(&report),
        [
            finding("missing_equivalent", "BCP", None, Some(94)),
            finding("missing_equivalent", "BCP", None, Some(128)),
            finding("missing_equivalent", "BCP", None, Some(128)),
        ],
        "{report}"
    );
    assert_eq!(report["findings"][0]["expected"], json!(["plan de continuité des activités", "BCP"]));
    let summary = report["summary"].as_array().unwrap();
    assert!(summary.len() >= 10, "{report}");
    let disaster = summary.iter().find(|s| s["term"] == "disaster").expect("disaster");
    assert!(disaster["source_count"].as_u64() > Some(10) && disaster["target_count"].as_u64() > Some(10), "{disaster}");
}

#[test]
fn metrics_count_annotations_and_the_dictionary_size() {
    let (app, _, _) = app_with_glossary();
    let sample = |name: &str| {
        let text = app.get("/metrics").text().unwrap();
        let line = text.lines().find(|l| l.starts_with(&format!("{name} "))).map(str::to_string);
        line.and_then(|l| l.rsplit_once(' ').and_then(|(_, v)| v.parse::<f64>().ok()))
    };
    for _ in 0..2 {
        assert_eq!(annotate(&app, None, json!({"text": "the meter", "lang": "en"})).0, 200);
    }
    assert_eq!(sample("hexaglot_annotate_duration_seconds_count"), Some(2.0));
    // The seed's entries and the glossary's (21 terms and abbreviations in three languages).
    assert!(
        sample("hexaglot_recognizer_entries").is_some_and(|n| n > 20.0),
        "{:?}",
        sample("hexaglot_recognizer_entries")
    );
    assert!(sample("hexaglot_recognizer_bytes").is_some_and(|n| n > 0.0));
}

#[test]
fn the_operations_are_in_the_openapi_document() {
    let app = spawn_app_without_word_seed();
    let doc = app.get_json("/api/v1/openapi.json", 200);
    let annotate = &doc["paths"]["/api/v1/annotate"]["post"];
    let mut types: Vec<&String> = annotate["requestBody"]["content"].as_object().unwrap().keys().collect();
    types.sort();
    assert_eq!(
        types,
        ["application/json", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain"]
    );
    for code in ["200", "400", "401", "413", "429"] {
        assert!(annotate["responses"].get(code).is_some(), "annotate lacks {code}");
    }
    let params: Vec<&str> =
        annotate["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(params, ["lang", "to", "pending"]);
    let check = &doc["paths"]["/api/v1/check-translation"]["post"];
    assert!(check["responses"]["200"].is_object());
    let finding = &doc["components"]["schemas"]["FindingKind"]["enum"];
    assert_eq!(*finding, json!(["missing_equivalent", "deprecated_in_target", "non_preferred_in_target"]));
}

// ------------------------------------------------------------------ CLI

#[test]
fn cli_annotate_prints_json_csv_and_tbx_and_exits_2_on_error() {
    let (app, _, ids) = app_with_glossary();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("draft.txt");
    std::fs::write(&file, "The access control list and the meter.").unwrap();
    let path = file.to_str().unwrap();

    let out = hexaglot(&app.data_dir, &["annotate", path, "--to", "fr,ar"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["lang"], "en", "detected");
    assert_eq!(
        found(&body),
        [("access control list".into(), "access control list".into()), ("meter".into(), "meter".into())]
    );
    assert_eq!(body["spans"][1]["equivalents"], json!({"fr": ["compteur"], "ar": []}));

    let out = hexaglot(&app.data_dir, &["annotate", path, "--lang", "en", "--to", "fr", "--format", "csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].contains("term_en") && lines[0].contains("term_fr") && !lines[0].contains("term_ar"), "{csv}");
    assert_eq!(lines.len(), 3, "a header and one row per concept found: {csv}");
    assert!(lines[1].starts_with(&format!("{},", ids.acl)) && lines[1].contains("liste de contrôle d'accès"), "{csv}");
    assert!(lines[2].starts_with(&format!("{},", ids.meter)) && lines[2].contains("compteur"), "{csv}");

    let out = hexaglot(&app.data_dir, &["annotate", path, "--to", "fr", "--format", "tbx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed TBX");
    let entries: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("conceptEntry")).filter_map(|n| n.attribute("id")).collect();
    assert_eq!(entries, [ids.acl.as_str(), ids.meter.as_str()]);
    assert!(xml.contains("<term>compteur</term>") && !xml.contains("xml:lang=\"ar\""), "{xml}");

    // Errors exit 2: a missing file, an undetectable language.
    let out = hexaglot(&app.data_dir, &["annotate", tmp.path().join("nope.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(&file, "ACL PoP").unwrap();
    let out = hexaglot(&app.data_dir, &["annotate", path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lang"));
}

#[test]
fn cli_annotate_reads_word_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let docx = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx/T-REC-E.119-201704-I!!MSW-E.docx");
    let out = hexaglot(&dir, &["annotate", docx, "--to", "fr"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["lang"], "en");
    let text = body["text"].as_str().expect("the extracted text");
    let terms: Vec<String> = found(&body).into_iter().map(|(_, t)| t).collect();
    assert!(terms.iter().any(|t| t == "business continuity plan"), "{terms:?}");
    for s in spans(&body) {
        assert_eq!(at(text, s), s["text"].as_str().unwrap(), "{s}");
    }
}

#[test]
fn cli_check_translation_exits_0_without_findings_1_with_and_2_on_error() {
    let (app, _, _) = app_with_glossary();
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let source = write("en.txt", "The meter is read.\n\nA blackout.");
    let good = write("good.txt", "Le compteur est relevé.\n\nUne interruption de service.");
    let bad = write("bad.txt", "L'appareil est relevé.\n\nUne interruption de service.");

    let out = hexaglot(&app.data_dir, &["check-translation", &source, &good, "--from", "en", "--to", "fr"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 finding"));

    let out = hexaglot(&app.data_dir, &["check-translation", &source, &bad, "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&report), [finding("missing_equivalent", "meter", None, Some(1))]);

    let out = hexaglot(&app.data_dir, &["check-translation", &source, &bad]);
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("missing_equivalent") && printed.contains("compteur"), "{printed}");

    let out = hexaglot(&app.data_dir, &["check-translation", &source, &tmp.path().join("nope.txt").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let out = hexaglot(&app.data_dir, &["check-translation", &source, &good, "--to", "xx"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn lookup_answers_each_segment_of_a_batch_and_names_the_limits() {
    let (app, _admin, ids) = app_with_glossary();
    let segments = ["The access control list is kept at the point of presence.", "", "Nothing known here.", "A meter."];
    let (st, body) =
        app.send("POST", "/api/v1/lookup", None, Some(json!({"lang": "en", "to": ["fr"], "segments": segments})));
    assert_eq!(st, 200, "{body}");
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    let of = |i: usize| -> Vec<(String, String)> {
        assert_eq!(results[i]["segment"], i);
        found(&json!({"spans": results[i]["spans"].clone()}))
    };
    // Each segment's own offsets, as /annotate gives them for that segment alone.
    for (i, s) in segments.iter().enumerate() {
        let (_, alone) = annotate(&app, None, json!({"text": s, "lang": "en", "to": ["fr"]}));
        assert_eq!(results[i]["spans"], alone["spans"], "segment {i}");
    }
    assert_eq!(of(0).len(), 2, "{body}");
    assert_eq!(results[0]["spans"][0]["concepts"][0], ids.acl.as_str());
    assert_eq!(results[0]["spans"][0]["equivalents"]["fr"][0], "liste de contrôle d'accès");
    assert!(of(1).is_empty() && of(2).is_empty());
    assert_eq!(results[3]["spans"][0]["concepts"][0], ids.meter.as_str());

    // 501 segments, or one of 4,001 characters: a 400 naming the limit.
    let many = vec!["a"; 501];
    let (st, err) = app.send("POST", "/api/v1/lookup", None, Some(json!({"lang": "en", "segments": many})));
    assert_eq!((st, &err["error"]["param"]), (400, &json!("segments")), "{err}");
    assert!(err["error"]["message"].as_str().unwrap().contains("at most 500"), "{err}");
    let long = "é".repeat(4001);
    let (st, err) = app.send("POST", "/api/v1/lookup", None, Some(json!({"lang": "en", "segments": ["ok", long]})));
    assert_eq!(st, 400, "{err}");
    assert!(err["error"]["message"].as_str().unwrap().contains("segment 1 has 4001 characters; at most 4000"), "{err}");
    // Exactly at the limits is fine.
    let (st, _) =
        app.send("POST", "/api/v1/lookup", None, Some(json!({"lang": "en", "segments": vec!["é".repeat(4000); 500]})));
    assert_eq!(st, 200);
}
