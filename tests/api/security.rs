//! The doors: authentication on every write the OpenAPI document lists, rate
//! limits, size limits, security headers, injection probes, and logs that
//! never carry a token.

use hexaglot::http::ratelimit::RateLimitConfig;
use serde_json::{json, Value};

use crate::common::{add_user, client, hexaglot, spawn_app_with, ServerProcess, TestApp};

const UNLIMITED: RateLimitConfig =
    RateLimitConfig { auth_failures_per_minute: 0, token_requests_per_minute: 0, anonymous_texts_per_minute: 0 };

fn spawn(limits: RateLimitConfig) -> (TestApp, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let app = spawn_app_with(&tmp.path().join("data"), limits);
    (app, tmp)
}

/// Every operation of the served OpenAPI document with its method, the path
/// filled with ids that exist in the seed, and whether it declares a token.
fn operations(app: &TestApp) -> Vec<(String, String, Option<Value>)> {
    let doc = app.get_json("/api/v1/openapi.json", 200);
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().unwrap() {
            let concrete = path
                .replace("{id}", if path.contains("/recommendations/") { "ITU-T%20X.1332" } else { "c1" })
                .replace("{lang}", "fr");
            assert!(!concrete.contains('{'), "unfilled parameter in {path}");
            ops.push((method.to_uppercase(), concrete, op.get("security").cloned()));
        }
    }
    // The operations annotated in src/api: 20 reads (with /healthz, /metrics and the two
    // feeds), the 3 [`TEXT_READS`] and 15 writes.
    assert_eq!(ops.len(), 38, "{ops:?}");
    ops
}

/// POST operations that only read the text they are sent (and write nothing): open to
/// callers without a token, under the anonymous rate limit.
const TEXT_READS: [&str; 3] = ["/api/v1/annotate", "/api/v1/check-translation", "/api/v1/lookup"];

/// Whether the document says the operation works without a token.
fn allows_anonymous(security: &Option<Value>) -> bool {
    match security {
        None => true,
        Some(list) => list.as_array().unwrap().iter().any(|req| req.as_object().is_some_and(|o| o.is_empty())),
    }
}

/// What an administrator sees of the store: every change and the seed concept.
fn snapshot(app: &TestApp, admin: &str) -> (Value, Value) {
    let (st, changes) = app.send("GET", "/api/v1/changes?limit=500", Some(admin), None);
    assert_eq!(st, 200, "{changes}");
    (changes, app.get_json("/api/v1/concepts/c1", 200))
}

#[test]
fn every_write_operation_refuses_missing_wrong_revoked_and_expired_tokens() {
    let (app, _tmp) = spawn(UNLIMITED);
    let d = &app.data_dir;
    let admin = add_user(d, "tsb", "admin", &[]);
    let revoked = add_user(d, "gone", "admin", &[]);
    assert!(hexaglot(d, &["user", "revoke", "gone"]).status.success());
    let expired = add_user(d, "late", "admin", &["--expires", "2020-01-01"]);
    let wrong = format!("hxt_{}", "0".repeat(40));
    let before = snapshot(&app, &admin);

    let mut writes = 0;
    for (method, path, security) in operations(&app) {
        if TEXT_READS.contains(&path.as_str()) {
            assert_eq!(method, "POST", "{path}");
            assert!(allows_anonymous(&security), "{method} {path} only reads a text: open without a token");
        }
        let is_write = method != "GET" && !TEXT_READS.contains(&path.as_str());
        if is_write {
            writes += 1;
            assert!(!allows_anonymous(&security), "{method} {path} is a write but the document needs no token");
        }
        if allows_anonymous(&security) {
            continue;
        }
        let credentials: [(&str, Option<&str>); 5] = [
            ("missing", None),
            ("wrong", Some(&wrong)),
            ("malformed", Some("not a token")),
            ("revoked", Some(&revoked)),
            ("expired", Some(&expired)),
        ];
        for (what, token) in credentials {
            let mut req = client().request(method.parse().unwrap(), app.url(&path));
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            // A well-formed body, so that nothing but the token can be the reason for refusal.
            let resp = req.json(&json!({"terms": ["x"], "definition": "y", "entry": 1, "into": "c2"})).send().unwrap();
            let status = resp.status().as_u16();
            let challenge = resp.headers().get("www-authenticate").is_some();
            let body: Value = resp.json().unwrap_or(Value::Null);
            assert_eq!(status, 401, "{method} {path} with a {what} token: {body}");
            assert_eq!(body["error"]["code"], "unauthorized", "{method} {path} ({what}): {body}");
            assert!(challenge, "{method} {path} ({what}) has no WWW-Authenticate header");
        }
    }
    // 13 POST, 1 PUT (a language section) and 1 DELETE (a watch), as annotated in src/api.
    assert_eq!(writes, 15, "write operations in the document");
    assert_eq!(snapshot(&app, &admin), before, "a refused request changed the store");
}

#[test]
fn roles_and_bindings_limit_writes_with_403() {
    let (app, _tmp) = spawn(UNLIMITED);
    let d = &app.data_dir;
    let admin = add_user(d, "tsb", "admin", &[]);
    let es = add_user(d, "tr-es", "translator", &["--lang", "es"]);
    let rev_es = add_user(d, "rev-es", "reviewer", &["--lang", "es"]);
    let rap17 = add_user(d, "rap17", "rapporteur", &["--sg", "SG17"]);
    let before = snapshot(&app, &admin);
    let fr = json!({"terms": [{"text": "concentrateur", "status": "preferred"}], "definition": "Dispositif."});
    let cases: Vec<(&str, String, &str, Value)> = vec![
        ("PUT", "/api/v1/concepts/c1/languages/fr".into(), &es, fr.clone()),
        ("PUT", "/api/v1/concepts/c1/languages/en".into(), &es, fr.clone()),
        ("POST", "/api/v1/concepts/c1/languages/fr/submit".into(), &es, json!({})),
        ("POST", "/api/v1/concepts/c1/languages/fr/adopt".into(), &rev_es, json!({})),
        ("POST", "/api/v1/concepts/c1/languages/fr/return".into(), &rev_es, json!({"comment": "no"})),
        ("POST", "/api/v1/concepts/c1/languages/es/adopt".into(), &es, json!({})),
        ("POST", "/api/v1/proposals/c1/accept".into(), &rap17, json!({})),
        ("POST", "/api/v1/proposals/c1/return".into(), &rev_es, json!({"comment": "no"})),
        ("POST", "/api/v1/proposals/c1/merge".into(), &es, json!({"into": "c2"})),
        ("POST", "/api/v1/concepts/c1/revert".into(), &es, json!({"entry": 1})),
        ("POST", "/api/v1/recommendations/ITU-T%20X.1332/supersede".into(), &rap17, json!({"by": "ITU-T X.1333"})),
        ("POST", "/api/v1/import?format=csv".into(), &es, json!("id,term_en\nc1,x\n")),
        (
            "POST",
            "/api/v1/proposals".into(),
            &rap17,
            json!({"terms": ["relay node"], "definition": "A node that relays.", "rec": "ITU-T Y.1", "sg": "SG20"}),
        ),
        ("POST", "/api/v1/proposals".into(), &es, json!({"terms": ["relay"], "definition": "Relays.", "sg": "SG17"})),
    ];
    for (method, path, token, body) in cases {
        let mut req = client().request(method.parse().unwrap(), app.url(&path)).bearer_auth(token);
        req = match body {
            Value::String(s) => req.header("content-type", "text/csv").body(s),
            b => req.json(&b),
        };
        let resp = req.send().unwrap();
        let status = resp.status().as_u16();
        let body: Value = resp.json().unwrap_or(Value::Null);
        assert_eq!(status, 403, "{method} {path}: {body}");
        assert_eq!(body["error"]["code"], "forbidden", "{method} {path}: {body}");
    }
    assert_eq!(snapshot(&app, &admin), before, "a forbidden request changed the store");
}

#[test]
fn bad_tokens_from_one_address_are_rate_limited_then_everything_from_it() {
    let (app, _tmp) = spawn(RateLimitConfig {
        auth_failures_per_minute: 3,
        token_requests_per_minute: 0,
        anonymous_texts_per_minute: 0,
    });
    let good = add_user(&app.data_dir, "tsb", "admin", &[]);
    let wrong = format!("hxt_{}", "1".repeat(40));
    for i in 0..3 {
        assert_eq!(app.send("GET", "/api/v1/queue", Some(&wrong), None).0, 401, "attempt {i}");
    }
    // Anonymous reading is never limited by this.
    assert_eq!(app.get("/api/v1/concepts/c1").status(), 200);
    let resp = client().get(app.url("/api/v1/queue")).bearer_auth(&wrong).send().unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    let wait: u64 = resp.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait >= 1, "Retry-After {wait}");
    let body: Value = resp.json().unwrap();
    assert_eq!(body["error"]["code"], "rate_limited", "{body}");
    // While the address is blocked, even a good token is not checked: guessing gains nothing.
    assert_eq!(app.send("GET", "/api/v1/queue", Some(&good), None).0, 429);
}

#[test]
fn one_token_cannot_flood_the_server() {
    let (app, _tmp) = spawn(RateLimitConfig {
        auth_failures_per_minute: 0,
        token_requests_per_minute: 5,
        anonymous_texts_per_minute: 0,
    });
    let a = add_user(&app.data_dir, "a", "admin", &[]);
    let b = add_user(&app.data_dir, "b", "admin", &[]);
    for i in 0..5 {
        assert_eq!(app.send("GET", "/api/v1/queue", Some(&a), None).0, 200, "request {i}");
    }
    let (st, body) = app.send("GET", "/api/v1/queue", Some(&a), None);
    assert_eq!(st, 429, "{body}");
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_eq!(app.send("GET", "/api/v1/queue", Some(&b), None).0, 200, "other users go on");
    assert_eq!(app.get("/api/v1/search?q=data").status(), 200, "anonymous reads go on");
}

#[test]
fn oversized_bodies_and_fields_are_refused_with_json() {
    let (app, _tmp) = spawn(UNLIMITED);
    let d = &app.data_dir;
    let admin = add_user(d, "tsb", "admin", &[]);
    let before = snapshot(&app, &admin);
    let huge_term = "a".repeat(100_000);
    let (st, body) = app.post(
        "/api/v1/proposals",
        &admin,
        json!({"terms": [huge_term], "definition": "A node.", "rec": "ITU-T Y.1", "sg": "SG20"}),
    );
    assert_eq!(st, 400, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("long"), "{body}");
    let huge_def = "word ".repeat(200_000);
    let (st, body) = app.post(
        "/api/v1/proposals",
        &admin,
        json!({"terms": ["relay"], "definition": huge_def, "rec": "ITU-T Y.1", "sg": "SG20"}),
    );
    assert!(st == 400 || st == 413, "{st} {body}");
    assert!(body["error"]["code"].is_string(), "{body}");
    // A JSON body past the limit of JSON requests.
    let blob = json!({"terms": ["x"], "definition": "y".repeat(3 << 20), "sg": "SG20"});
    let (st, body) = app.post("/api/v1/proposals", &admin, blob);
    assert_eq!(st, 413, "{body}");
    assert_eq!(body["error"]["code"], "payload_too_large", "{body}");
    // An import past its own (larger) limit, refused before reading it all.
    let big = vec![b'a'; hexaglot::api::MAX_IMPORT_BYTES + 1];
    let resp = client()
        .post(app.url("/api/v1/import?format=csv"))
        .bearer_auth(&admin)
        .header("content-type", "text/csv")
        .body(big)
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 413);
    let body: Value = resp.json().unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large", "{body}");
    assert_eq!(snapshot(&app, &admin), before);
}

#[test]
fn every_response_carries_the_security_headers() {
    let (app, _tmp) = spawn(UNLIMITED);
    for path in ["/", "/concepts/c1", "/signin", "/api/v1/concepts/c1", "/api/v1/nope", "/static/app.css"] {
        let resp = app.get(path);
        let h = resp.headers();
        let csp = h.get("content-security-policy").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        assert!(csp.contains("default-src 'self'"), "{path}: CSP {csp:?}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: CSP {csp:?}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{path}: CSP {csp:?}");
        assert_eq!(h.get("x-content-type-options").map(|v| v.to_str().unwrap()), Some("nosniff"), "{path}");
        assert!(h.get("referrer-policy").is_some(), "{path}");
    }
    // The pages keep to that policy: no inline script or style attributes to exempt.
    let html = app.get("/concepts/c1").text().unwrap();
    assert!(!html.contains("<script>") && !html.contains(" onclick=") && !html.contains(" style=\""), "inline code");
}

#[test]
fn injection_attempts_in_parameters_are_data_not_sql() {
    // Without the bundled Word content: T.88 defines "bit" as "Binary digit, representing
    // the value 0 or 1", a fair hit for `' OR '1'='1` searched as words; here no hit may come.
    let tmp = tempfile::tempdir().unwrap();
    crate::common::without_word_seed(&tmp.path().join("data"));
    let (app, _tmp) = (spawn_app_with(&tmp.path().join("data"), UNLIMITED), tmp);
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let before = snapshot(&app, &admin);
    // Typed parameters refuse the text by name, quoting it back; free text is
    // looked up as text and matches nothing (none of these words is in the
    // seed), except that an unclosed quotation mark is a query syntax error.
    for evil in ["' OR '1'='1", "x'; DROP TABLE concept; --", "\" OR 1=1 --", "c1' --", "%' AND 1=1 AND '%'='"] {
        let enc: String = evil.bytes().map(|b| format!("%{b:02X}")).collect();
        let unclosed_quote = evil.starts_with('"');
        let refused = |param: &str| Err::<&str, _>(param.to_string());
        let text_query = |empty: &'static str| if unclosed_quote { refused("q") } else { Ok(empty) };
        for (path, expected) in [
            (format!("/api/v1/concepts?sg={enc}"), refused("sg")),
            (format!("/api/v1/concepts?rec={enc}"), refused("rec")),
            (format!("/api/v1/concepts?status={enc}"), refused("status")),
            (format!("/api/v1/concepts?updated_from={enc}"), refused("updated_from")),
            (format!("/api/v1/concepts/{enc}"), refused("id")),
            (format!("/api/v1/search?q={enc}"), text_query("hits")),
            (format!("/api/v1/suggest?q={enc}"), text_query("suggestions")),
            (format!("/api/v1/equivalents?term={enc}&from=en"), Ok("matches")),
            (format!("/api/v1/recommendations/{enc}"), refused("id")),
        ] {
            let resp = app.get(&path);
            let status = resp.status().as_u16();
            let body: Value = resp.json().unwrap_or(Value::Null);
            match expected {
                Err(param) => {
                    assert_eq!(status, 400, "{path}: {body}");
                    assert_eq!(body["error"]["param"], param.as_str(), "{path}: {body}");
                    let message = body["error"]["message"].as_str().unwrap();
                    assert!(param == "q" || message.contains(evil), "{path}: the text is quoted back: {body}");
                }
                Ok(list) => {
                    assert_eq!(status, 200, "{path}: {body}");
                    assert_eq!(body[list], json!([]), "{path}: {body}");
                    if list == "hits" {
                        assert_eq!(body["total"], 0, "{path}: {body}");
                    }
                }
            }
        }
    }
    assert_eq!(snapshot(&app, &admin), before);
}

#[test]
fn tokens_never_reach_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let token = add_user(&data, "tsb", "admin", &[]);
    // Logged to a file (a pipe left unread could fill up and stall the server).
    let log_path = tmp.path().join("server.log");
    let log_file = std::fs::File::create(&log_path).unwrap();
    let (mut server, _) = ServerProcess::start(&data, |cmd| {
        cmd.env("RUST_LOG", "trace").stdout(log_file.try_clone().unwrap()).stderr(log_file);
    });
    let base = server.base.clone();
    let c = client();
    // The token in every place a client may put it: header, form body, a failed attempt.
    assert_eq!(c.get(format!("{base}/api/v1/queue")).bearer_auth(&token).send().unwrap().status(), 200);
    let bad = format!("{token}x");
    assert_eq!(c.get(format!("{base}/api/v1/queue")).bearer_auth(&bad).send().unwrap().status(), 401);
    let resp = c.post(format!("{base}/api/v1/proposals")).bearer_auth(&token).json(&json!({})).send().unwrap();
    assert_eq!(resp.status(), 400);
    let form = c.post(format!("{base}/signin")).form(&[("token", token.as_str())]).send().unwrap();
    assert!(form.status().is_client_error(), "sign-in without CSRF is refused");
    server.terminate();
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("/api/v1/queue"), "the log records requests, so this test can see what it holds: {log}");
    let secret = token.trim_start_matches("hxt_");
    assert!(!log.contains(&secret[..16]), "a token reached the log");
}
