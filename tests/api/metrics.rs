//! `GET /metrics` (Prometheus text format) and `serve --log-format json`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

use crate::common::{add_user, client, spawn_app, ServerProcess};

/// The samples of a Prometheus text exposition: `name{labels}` → value.
fn samples(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (key, value) = l.rsplit_once(' ').unwrap_or_else(|| panic!("not a sample: {l}"));
            (key.to_string(), value.parse().unwrap_or_else(|_| panic!("not a number: {l}")))
        })
        .collect()
}

fn scrape(app: &crate::common::TestApp) -> BTreeMap<String, f64> {
    let resp = app.get("/metrics");
    assert_eq!(resp.status(), 200);
    let ct = resp.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    samples(&resp.text().unwrap())
}

fn value(s: &BTreeMap<String, f64>, key: &str) -> f64 {
    *s.get(key).unwrap_or_else(|| panic!("no {key} in {:#?}", s.keys().collect::<Vec<_>>()))
}

#[test]
fn requests_are_counted_by_route_template_never_by_raw_path() {
    let app = spawn_app();
    for id in ["c1", "c2", "c3"] {
        assert_eq!(app.get(&format!("/api/v1/concepts/{id}")).status(), 200);
    }
    assert_eq!(app.get("/api/v1/concepts/c999999").status(), 404);
    assert_eq!(app.get("/no/such/page-42").status(), 404);
    for _ in 0..2 {
        assert_eq!(app.get("/api/v1/search?q=disaster").status(), 200);
    }
    let text = app.get("/metrics").text().unwrap();
    assert!(!text.contains("c999999") && !text.contains("/api/v1/concepts/c1") && !text.contains("page-42"), "{text}");
    let s = samples(&text);
    let route = r#"method="GET",route="/api/v1/concepts/{id}""#;
    assert_eq!(value(&s, &format!(r#"hexaglot_http_requests_total{{{route},status="200"}}"#)), 3.0);
    assert_eq!(value(&s, &format!(r#"hexaglot_http_requests_total{{{route},status="404"}}"#)), 1.0);
    assert_eq!(value(&s, r#"hexaglot_http_requests_total{method="GET",route="unmatched",status="404"}"#), 1.0);
    assert_eq!(value(&s, &format!(r#"hexaglot_http_request_duration_seconds_count{{{route}}}"#)), 4.0);
    // Search latency is measured in the service: the two searches above.
    assert_eq!(value(&s, "hexaglot_search_duration_seconds_count"), 2.0);
    assert!(value(&s, "hexaglot_store_bytes") > 0.0);
    assert_eq!(value(&s, "hexaglot_index_lag_changes"), 0.0);
}

#[test]
fn imports_are_counted_by_format_and_outcome() {
    let app = spawn_app();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let post = |query: &str, body: &str| {
        let r = client().post(app.url(&format!("/api/v1/import?{query}"))).bearer_auth(&admin).body(body.to_string());
        r.send().unwrap().status().as_u16()
    };
    let good = "id,study_groups,term_en,definition_en\nm1,SG2,metered term,A term counted by the metrics test.\n";
    assert_eq!(post("format=csv", good), 200);
    assert_eq!(post("format=csv&dry_run=true", good), 200);
    let bad = "id,study_groups,term_en,definition_en\nm2,SG99,bad term,Its study group does not exist.\n";
    let status = post("format=csv", bad);
    assert_eq!(status, 400, "an unknown study group rejects the file");
    let s = scrape(&app);
    assert_eq!(value(&s, r#"hexaglot_imports_total{format="csv",outcome="committed"}"#), 1.0);
    assert_eq!(value(&s, r#"hexaglot_imports_total{format="csv",outcome="dry_run"}"#), 1.0);
    assert_eq!(value(&s, r#"hexaglot_imports_total{format="csv",outcome="rejected"}"#), 1.0);
}

#[test]
fn serve_logs_json_lines_with_where_it_listens() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut server, _) = ServerProcess::start(tmp.path(), |cmd| {
        cmd.args(["--log-format", "json"]).env_remove("RUST_LOG").stderr(std::process::Stdio::piped());
    });
    let stderr = server.child.stderr.take().unwrap();
    let port = server.base.rsplit(':').next().unwrap().to_string();
    let mut listening = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(v["level"].is_string() && v["timestamp"].is_string(), "{v}");
        if v["message"] == "listening" {
            listening = Some(v);
            break;
        }
    }
    let v = listening.expect("a `listening` line");
    assert_eq!(v["url"], format!("http://127.0.0.1:{port}"), "{v}");
    server.terminate();
}
