//! HTTP details an outside API fuzzer found: methods a path lacks (405 with
//! `Allow`), `HEAD` and `OPTIONS`, strict query parameters on the API, both
//! spellings of terms and abbreviations in the bodies, and the proposal's `ETag`.

use serde_json::{json, Value};

use crate::common::{add_user, client, spawn_app, TestApp};

/// Every documented path with sample values for its path parameters, and its documented methods.
fn api_operations(app: &TestApp) -> Vec<(String, Vec<String>)> {
    let doc = app.get_json("/api/v1/openapi.json", 200);
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let concrete = if path.starts_with("/api/v1/recommendations/") {
            path.replace("{id}", "X.1332")
        } else {
            path.replace("{id}", "c1")
        };
        let concrete = concrete.replace("{lang}", "fr");
        assert!(!concrete.contains('{'), "a path parameter without a sample: {path}");
        let methods = item.as_object().unwrap().keys().map(|m| m.to_uppercase()).collect();
        out.push((concrete, methods));
    }
    assert!(out.len() >= 29, "{} documented paths", out.len());
    out
}

fn allow_of(resp: &reqwest::blocking::Response) -> Vec<String> {
    let allow = resp.headers().get("allow").unwrap_or_else(|| panic!("no Allow header: {resp:?}"));
    let mut methods: Vec<String> = allow.to_str().unwrap().split(',').map(|m| m.trim().to_string()).collect();
    methods.sort();
    methods
}

/// What `Allow` must say for a path declaring `methods`: those, `HEAD` with `GET`, and `OPTIONS`.
fn expected_allow(methods: &[String]) -> Vec<String> {
    let mut allow: Vec<String> = methods.to_vec();
    if allow.iter().any(|m| m == "GET") {
        allow.push("HEAD".into());
    }
    allow.push("OPTIONS".into());
    allow.sort();
    allow
}

fn request(app: &TestApp, method: &str, path: &str) -> reqwest::blocking::Response {
    client().request(method.parse().unwrap(), app.url(path)).send().expect("request")
}

#[test]
fn an_undeclared_method_on_any_api_path_is_405_with_allow_and_a_json_error() {
    let app = spawn_app();
    for (path, methods) in api_operations(&app) {
        for method in ["TRACE", "PATCH", "DELETE", "PUT", "POST"] {
            if methods.iter().any(|m| m == method) {
                continue;
            }
            let resp = request(&app, method, &path);
            assert_eq!(resp.status().as_u16(), 405, "{method} {path}");
            assert_eq!(allow_of(&resp), expected_allow(&methods), "{method} {path}");
            let body: Value = resp.json().unwrap_or_else(|e| panic!("{method} {path}: not JSON: {e}"));
            assert_eq!(body["error"]["code"], "method_not_allowed", "{method} {path}: {body}");
        }
    }
    // The two the fuzzer reported.
    let resp = request(&app, "TRACE", "/api/v1/concepts");
    assert_eq!(resp.status().as_u16(), 405);
    assert_eq!(allow_of(&resp), ["GET", "HEAD", "OPTIONS"]);
    let resp = request(&app, "PATCH", "/api/v1/search");
    assert_eq!(resp.status().as_u16(), 405);
    // A path the server does not have is still a 404.
    assert_eq!(request(&app, "TRACE", "/api/v1/nothing-here").status().as_u16(), 404);
}

#[test]
fn options_answers_204_with_allow_on_every_api_path() {
    let app = spawn_app();
    for (path, methods) in api_operations(&app) {
        let resp = request(&app, "OPTIONS", &path);
        assert_eq!(resp.status().as_u16(), 204, "OPTIONS {path}");
        assert_eq!(allow_of(&resp), expected_allow(&methods), "OPTIONS {path}");
    }
}

/// Pages, feeds, assets and the health check: every path the server has.
const PAGES: &[(&str, &[&str])] = &[
    ("/", &["GET"]),
    ("/static/app.css", &["GET"]),
    ("/favicon.ico", &["GET"]),
    ("/concepts/c1", &["GET"]),
    ("/recommendations", &["GET"]),
    ("/recommendations/X.1332", &["GET"]),
    ("/study-groups", &["GET"]),
    ("/study-groups/SG17", &["GET"]),
    ("/equal-footing", &["GET"]),
    ("/signin", &["GET", "POST"]),
    ("/signout", &["POST"]),
    ("/queue", &["GET"]),
    ("/propose", &["GET", "POST"]),
    ("/propose/clause3", &["POST"]),
    ("/concepts/c1/edit/fr", &["GET", "POST"]),
    ("/concepts/c1/submit/fr", &["POST"]),
    ("/concepts/c1/adopt/fr", &["POST"]),
    ("/concepts/c1/return/fr", &["POST"]),
    ("/concepts/c1/accept", &["POST"]),
    ("/concepts/c1/return-proposal", &["POST"]),
    ("/concepts/c1/comments", &["POST"]),
    ("/feeds/adopted.atom", &["GET"]),
    ("/healthz", &["GET"]),
];

#[test]
fn pages_and_feeds_answer_405_with_allow_options_and_head() {
    let app = spawn_app();
    for (path, methods) in PAGES {
        let methods: Vec<String> = methods.iter().map(|m| m.to_string()).collect();
        for method in ["TRACE", "PATCH", "DELETE", "PUT", "POST"] {
            if methods.iter().any(|m| m == method) {
                continue;
            }
            let resp = request(&app, method, path);
            assert_eq!(resp.status().as_u16(), 405, "{method} {path}");
            assert_eq!(allow_of(&resp), expected_allow(&methods), "{method} {path}");
            let json = path.starts_with("/feeds/") || *path == "/healthz";
            let content_type = resp.headers()["content-type"].to_str().unwrap().to_string();
            assert_eq!(content_type.starts_with("application/json"), json, "{method} {path}: {content_type}");
        }
        let resp = request(&app, "OPTIONS", path);
        assert_eq!(resp.status().as_u16(), 204, "OPTIONS {path}");
        assert_eq!(allow_of(&resp), expected_allow(&methods), "OPTIONS {path}");
    }
}

#[test]
fn head_answers_wherever_get_does_without_a_body() {
    let app = spawn_app();
    let mut paths: Vec<String> = PAGES.iter().filter(|(_, m)| m.contains(&"GET")).map(|(p, _)| p.to_string()).collect();
    paths.extend(
        ["/api/v1/concepts", "/api/v1/concepts/c1", "/api/v1/openapi.json", "/api/v1/search?q=meter", "/api/v1/queue"]
            .map(String::from),
    );
    for path in paths {
        let get = request(&app, "GET", &path);
        let get_status = get.status().as_u16();
        let get_type = get.headers().get("content-type").cloned();
        let head = request(&app, "HEAD", &path);
        assert_eq!(head.status().as_u16(), get_status, "HEAD {path}");
        assert_eq!(head.headers().get("content-type").cloned(), get_type, "HEAD {path}");
        assert!(head.bytes().unwrap().is_empty(), "HEAD {path} has no body");
    }
    // HEAD of an operation that needs a token is refused like its GET.
    assert_eq!(request(&app, "HEAD", "/api/v1/queue").status().as_u16(), 401);
}

fn assert_bad_param(app: &TestApp, path: &str, param: &str) {
    let resp = request(app, "GET", path);
    let status = resp.status().as_u16();
    let body: Value = resp.json().unwrap();
    assert_eq!(status, 400, "GET {path}: {body}");
    assert_eq!(body["error"]["code"], "bad_parameter", "GET {path}: {body}");
    assert_eq!(body["error"]["param"], param, "GET {path}: {body}");
}

#[test]
fn a_repeated_or_unknown_query_parameter_is_a_400_naming_it_on_the_api() {
    let app = spawn_app();
    // The fuzzer's cases.
    assert_bad_param(&app, "/api/v1/equivalents?term=x&from=fr&limit=xyz&limit=5", "limit");
    assert_bad_param(&app, "/api/v1/equivalents?term=x&from=fr&limit=5&limit=5", "limit");
    assert_bad_param(&app, "/api/v1/equivalents?term=x&from=fr&bogus=1", "bogus");
    assert_bad_param(&app, "/api/v1/concepts?bogus=1", "bogus");
    assert_bad_param(&app, "/api/v1/search?q=meter&lang=en&lang=fr", "lang");
    // Operations without query parameters refuse any.
    assert_bad_param(&app, "/api/v1/concepts/c1?x=1", "x");
    // The same request without the extra is fine.
    app.get_json("/api/v1/equivalents?term=smart%20meter&from=en&limit=5", 200);

    // Every operation, whatever its method, before anything else (no token needed to be told).
    let doc = app.get_json("/api/v1/openapi.json", 200);
    let mut checked = 0;
    for (path, methods) in api_operations(&app) {
        if !path.starts_with("/api/v1/") {
            continue; // the health check and the feed are not `/api/v1` operations
        }
        let template = doc["paths"]
            .as_object()
            .unwrap()
            .keys()
            .find(|t| {
                let t = t.replace("{lang}", "fr");
                t.replace("{id}", "c1") == path || t.replace("{id}", "X.1332") == path
            })
            .unwrap()
            .clone();
        for method in methods {
            let resp =
                client().request(method.parse().unwrap(), app.url(&format!("{path}?bogus=1"))).send().expect("request");
            let status = resp.status().as_u16();
            let body: Value = resp.json().unwrap();
            assert_eq!((status, &body["error"]["param"]), (400, &json!("bogus")), "{method} {path}: {body}");
            let op = &doc["paths"][&template][method.to_lowercase()];
            let first = op["parameters"].as_array().into_iter().flatten().find(|p| p["in"] == "query");
            if let Some(p) = first {
                let name = p["name"].as_str().unwrap();
                let resp = client()
                    .request(method.parse().unwrap(), app.url(&format!("{path}?{name}=1&{name}=2")))
                    .send()
                    .expect("request");
                let status = resp.status().as_u16();
                let body: Value = resp.json().unwrap();
                assert_eq!((status, &body["error"]["param"]), (400, &json!(name)), "{method} {path}: {body}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 28, "{checked} operations");
}

#[test]
fn pages_stay_lenient_about_parameters() {
    let app = spawn_app();
    let resp = app.get("/?q=smart+meter&show=fr&show=en&bogus=1&lang=en&lang=fr");
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.text().unwrap().contains("smart meter"));
    assert_eq!(app.get("/recommendations?x=1&x=2").status().as_u16(), 200);
}

#[test]
fn terms_and_abbreviations_are_accepted_in_both_forms_and_the_proposal_carries_its_etag() {
    let app = spawn_app();
    let rap = add_user(&app.data_dir, "rap17", "rapporteur", &["--sg", "SG17"]);
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let definition = "A network that carries the traffic of one utility between its meters and its head end.";

    // Objects and a list of abbreviations in a proposal.
    let resp = client()
        .post(app.url("/api/v1/proposals"))
        .bearer_auth(&rap)
        .json(&json!({
            "terms": [{"text": "meter backhaul network", "status": "preferred"}, {"text": "meter backhaul", "status": "admitted"}],
            "abbreviations": ["MBN"],
            "definition": definition,
            "sg": "SG17",
        }))
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let etag = resp.headers().get("etag").expect("ETag on the 201").to_str().unwrap().to_string();
    let out: Value = resp.json().unwrap();
    let c = &out["concept"];
    assert_eq!(etag, format!("\"v{}\"", c["version"]), "{out}");
    let en = &c["languages"]["en"];
    assert_eq!(en["terms"][0]["text"], "meter backhaul network", "{en}");
    assert_eq!(en["abbreviations"], json!(["MBN"]), "{en}");
    let id = c["id"].as_str().unwrap().to_string();

    // Returned to the rapporteur, who edits it again.
    let (st, body) = app.post(&format!("/api/v1/proposals/{id}/return"), &admin, json!({"comment": "shorter, please"}));
    assert_eq!(st, 200, "{body}");
    // Bare strings and one abbreviation in a section edit: the first preferred, the others admitted.
    let (st, c) = app.send(
        "PUT",
        &format!("/api/v1/concepts/{id}/languages/en"),
        Some(&rap),
        Some(json!({"terms": ["meter backhaul network", "backhaul"], "abbreviation": "MBN", "definition": definition})),
    );
    assert_eq!(st, 200, "{c}");
    let en = &c["languages"]["en"];
    assert_eq!(
        en["terms"],
        json!([{"text": "meter backhaul network", "status": "preferred"}, {"text": "backhaul", "status": "admitted"}]),
        "{en}"
    );
    assert_eq!(en["abbreviations"], json!(["MBN"]), "{en}");

    // Both spellings at once is a 400, in both places.
    let both =
        json!({"terms": ["x"], "abbreviation": "A", "abbreviations": ["B"], "definition": definition, "sg": "SG17"});
    let (st, body) = app.post("/api/v1/proposals", &rap, both);
    assert_eq!((st, &body["error"]["code"]), (400, &json!("invalid")), "{body}");
    let both = json!({"terms": ["x"], "abbreviation": "A", "abbreviations": ["B"]});
    let (st, body) = app.send("PUT", &format!("/api/v1/concepts/{id}/languages/en"), Some(&rap), Some(both));
    assert_eq!((st, &body["error"]["code"]), (400, &json!("invalid")), "{body}");
}

#[test]
fn the_document_describes_both_body_forms_and_the_proposal_etag() {
    let app = spawn_app();
    let doc = app.get_json("/api/v1/openapi.json", 200);
    let schemas = &doc["components"]["schemas"];
    for body in ["ProposalBody", "SectionBody"] {
        let props = &schemas[body]["properties"];
        assert!(props["abbreviation"].is_object() && props["abbreviations"].is_object(), "{body}: {props}");
        assert_eq!(props["terms"]["items"]["$ref"], "#/components/schemas/TermInput", "{body}: {props}");
    }
    let forms = schemas["TermInput"]["oneOf"].as_array().expect("TermInput is one of two forms");
    assert_eq!(forms.len(), 2, "{forms:?}");
    let created = &doc["paths"]["/api/v1/proposals"]["post"]["responses"]["201"];
    assert_eq!(created["headers"]["ETag"]["required"], true, "{created}");
}
