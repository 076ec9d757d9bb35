//! The MCP server through a real client, the official Python SDK (`tests/mcp/client.py`,
//! pinned in `tests/mcp/requirements.txt`, venv made by `tests/mcp/setup.sh`), over both
//! transports: `/mcp` on the real server, and `hexaglot mcp` on stdio beside that server
//! (and alone). Tool results are compared with the HTTP operations they mirror.
//! Without Python or PyPI these tests fail, never skip: `bash scripts/test` sets the venv up.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Instant;

use common::{add_user, client, hexaglot, ServerProcess, PATIENCE};
use serde_json::{json, Value};

const READ_TOOLS: [&str; 6] =
    ["annotate_text", "check_translation", "get_concept", "get_equivalents", "list_recommendations", "search_terms"];
const SOURCE: &str = "Bundles wait in a delay tolerant network until the next contact.";
const TARGET: &str = "Les paquets attendent dans un réseau de transit.";

/// The venv's python, set up once (a no-op when `scripts/test` already did it).
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let setup = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp/setup.sh");
        let out = Command::new("bash").arg(setup).output().expect("run tests/mcp/setup.sh");
        assert!(
            out.status.success(),
            "the MCP client's venv could not be set up (Python >= 3.10 and PyPI are needed): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
    })
}

/// Runs the client on `plan` (see client.py) and returns its report.
fn mcp(plan: Value) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp/client.py");
    let out = Command::new(python()).arg(script).arg(plan.to_string()).output().expect("run the MCP client");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "MCP client failed on {plan}:\n{stderr}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("client output: {e}\n{stderr}"))
}

fn over_http(server: &ServerProcess, token: Option<&str>, mode: &str, steps: Value) -> Value {
    mcp(json!({"transport": "http", "url": server.url("/mcp"), "token": token, "mode": mode, "steps": steps}))
}

fn over_stdio(dir: &Path, token: Option<&str>, mode: &str, steps: Value) -> Value {
    let env = match token {
        Some(t) => json!({"HEXAGLOT_TOKEN": t}),
        None => json!({}),
    };
    mcp(json!({
        "transport": "stdio",
        "command": env!("CARGO_BIN_EXE_hexaglot"),
        "args": ["--data-dir", dir, "mcp"],
        "env": env,
        "mode": mode,
        "steps": steps,
    }))
}

fn tool_names(list: &Value) -> Vec<String> {
    let mut names: Vec<String> =
        list["tools"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap().to_string()).collect();
    names.sort();
    names
}

/// A tool's JSON result: it ran without error, and its text is the same JSON as its structured content.
fn structured(result: &Value) -> &Value {
    assert_eq!(result["isError"], json!(false), "tool failed: {result}");
    let text: Value = serde_json::from_str(result["content"][0]["text"].as_str().unwrap()).unwrap();
    assert_eq!(text, result["structuredContent"], "text and structured content differ");
    &result["structuredContent"]
}

/// A tool error carrying the API's error body; returns its code.
fn tool_error(result: &Value) -> String {
    assert_eq!(result["isError"], json!(true), "expected a tool error: {result}");
    let body: Value = serde_json::from_str(result["content"][0]["text"].as_str().unwrap()).unwrap();
    body["error"]["code"].as_str().unwrap().to_string()
}

fn get(server: &ServerProcess, path: &str, token: Option<&str>) -> Value {
    let mut req = client().get(server.url(path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let resp = req.send().unwrap();
    assert_eq!(resp.status().as_u16(), 200, "GET {path}");
    resp.json().unwrap()
}

fn post(server: &ServerProcess, path: &str, body: Value) -> Value {
    let resp = client().post(server.url(path)).json(&body).send().unwrap();
    assert_eq!(resp.status().as_u16(), 200, "POST {path}");
    resp.json().unwrap()
}

struct Users {
    rap17: String,
    fr: String,
}

/// A data directory with a rapporteur of SG17 and a French translator (made by the real CLI).
fn data_dir(tmp: &tempfile::TempDir) -> (PathBuf, Users) {
    let dir = tmp.path().join("data");
    let users = Users {
        rap17: add_user(&dir, "rap17", "rapporteur", &["--sg", "SG17"]),
        fr: add_user(&dir, "tr-fr", "translator", &["--lang", "fr"]),
    };
    (dir, users)
}

const SEARCH: &str = "/api/v1/search?q=network&lang=en&limit=5";

fn search_step() -> Value {
    json!({"op": "call", "tool": "search_terms", "args": {"query": "network", "lang": "en", "limit": 5}})
}

#[test]
fn read_tools_and_resources_answer_as_the_http_api_over_both_transports() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = data_dir(&tmp);
    let (server, _) = ServerProcess::start(&dir, |_| {});

    let search = get(&server, SEARCH, None);
    let id = search["hits"][0]["id"].as_str().expect("the seed has network terms").to_string();
    let concept = get(&server, &format!("/api/v1/concepts/{id}"), None);
    let term = concept["languages"]["en"]["terms"][0]["text"].as_str().unwrap().to_string();
    let equivalents =
        get(&server, &format!("/api/v1/equivalents?term={}&from=en&to=fr", term.replace(' ', "%20")), None);
    let sg17: Vec<Value> = get(&server, "/api/v1/recommendations", None)
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["sg"] == json!("SG17"))
        .cloned()
        .collect();
    assert!(!sg17.is_empty(), "the seed has SG17 Recommendations");
    let annotation = post(&server, "/api/v1/annotate", json!({"text": SOURCE, "lang": "en", "to": ["fr"]}));
    assert!(!annotation["spans"].as_array().unwrap().is_empty(), "the seed knows the term: {annotation}");
    let check = post(
        &server,
        "/api/v1/check-translation",
        json!({"source": {"lang": "en", "text": SOURCE}, "target": {"lang": "fr", "text": TARGET}}),
    );
    assert!(!check["findings"].as_array().unwrap().is_empty(), "the translation misses the term: {check}");

    let steps = json!([
        {"op": "list_tools"},
        search_step(),
        {"op": "call", "tool": "get_concept", "args": {"id": id}},
        {"op": "read", "uri": format!("hexaglot:concept/{id}")},
        {"op": "list_templates"},
        {"op": "list_resources"},
        {"op": "call", "tool": "get_equivalents", "args": {"term": term, "lang": "en", "to": ["fr"]}},
        {"op": "call", "tool": "list_recommendations", "args": {"sg": "SG17"}},
        {"op": "call", "tool": "search_terms", "args": {"query": "network", "limit": "many"}},
        {"op": "call", "tool": "get_concept", "args": {"id": "c999999"}},
        {"op": "read", "uri": "hexaglot:concept/c999999"},
        {"op": "call", "tool": "propose_term", "args": {"sg": "SG17", "term": "x", "definition": "y"}},
        {"op": "call", "tool": "annotate_text", "args": {"text": SOURCE, "lang": "en", "to": ["fr"]}},
        {"op": "call", "tool": "check_translation",
         "args": {"source_lang": "en", "source_text": SOURCE, "target_lang": "fr", "target_text": TARGET}},
    ]);
    let runs = [
        ("http/legacy", over_http(&server, None, "legacy", steps.clone())),
        ("http/modern", over_http(&server, None, "modern", steps.clone())),
        ("stdio beside the server/legacy", over_stdio(&dir, None, "legacy", steps.clone())),
        ("stdio beside the server/modern", over_stdio(&dir, None, "modern", steps.clone())),
    ];
    for (label, run) in &runs {
        let expected_protocol = if label.ends_with("legacy") { "2025-11-25" } else { "2026-07-28" };
        assert_eq!(run["protocol"], json!(expected_protocol), "{label}");
        assert_eq!(run["server"], json!("hexaglot"), "{label}");
        let r = run["results"].as_array().unwrap();
        assert_eq!(tool_names(&r[0]), READ_TOOLS, "{label}: tools without a token");
        let schema =
            &r[0]["tools"].as_array().unwrap().iter().find(|t| t["name"] == "search_terms").unwrap()["inputSchema"];
        assert_eq!(schema["required"], json!(["query"]), "{label}");
        let props: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
        assert_eq!(props, ["lang", "limit", "query"], "{label}");
        assert_eq!(structured(&r[1]), &search, "{label}: search_terms is GET {SEARCH}");
        assert_eq!(structured(&r[2]), &concept, "{label}: get_concept is GET /api/v1/concepts/{id}");
        let contents = &r[3]["contents"][0];
        assert_eq!(contents["mimeType"], json!("application/json"), "{label}");
        assert_eq!(contents["uri"], json!(format!("hexaglot:concept/{id}")), "{label}");
        let read: Value = serde_json::from_str(contents["text"].as_str().unwrap()).unwrap();
        assert_eq!(read, concept, "{label}: the resource is the concept's JSON");
        let template = &r[4]["resourceTemplates"][0];
        assert_eq!(template["uriTemplate"], json!("hexaglot:concept/{id}"), "{label}");
        assert_eq!(template["mimeType"], json!("application/json"), "{label}");
        let resources = r[5]["resources"].as_array().unwrap();
        assert_eq!(resources.len(), 100, "{label}: a page of concepts");
        assert!(resources.iter().all(|c| c["mimeType"] == json!("application/json")), "{label}");
        let last = resources[99]["uri"].as_str().unwrap().strip_prefix("hexaglot:concept/").unwrap();
        assert_eq!(r[5]["nextCursor"], json!(last), "{label}: the next page starts after the last id");
        assert_eq!(structured(&r[6]), &equivalents, "{label}: get_equivalents is GET /api/v1/equivalents");
        assert_eq!(structured(&r[7]), &json!({"recommendations": sg17}), "{label}: list_recommendations");
        assert_eq!(r[8]["isError"], json!(true), "{label}: arguments against the schema are refused: {}", r[8]);
        assert_eq!(tool_error(&r[9]), "not_found", "{label}");
        assert!(r[10]["error"]["code"].is_i64(), "{label}: unknown resource is an error: {}", r[10]);
        assert_eq!(r[11]["error"]["message"], json!("tool not found"), "{label}: write tools need a token");
        assert_eq!(structured(&r[12]), &annotation, "{label}: annotate_text is POST /api/v1/annotate");
        assert_eq!(structured(&r[13]), &check, "{label}: check_translation is POST /api/v1/check-translation");
    }

    // Tool calls over /mcp are counted per tool and outcome.
    let metrics = client().get(server.url("/metrics")).send().unwrap().text().unwrap();
    for line in [
        r#"hexaglot_mcp_tool_calls_total{outcome="ok",tool="search_terms"} 2"#,
        r#"hexaglot_mcp_tool_calls_total{outcome="error",tool="get_concept"} 2"#,
    ] {
        assert!(metrics.contains(line), "{line} in\n{metrics}");
    }
    assert!(!metrics.contains(r#"tool="propose_term""#), "refused calls are not tool calls");

    // Alone on the data directory, `hexaglot mcp` opens the index itself.
    drop(server);
    let alone = over_stdio(&dir, None, "legacy", json!([search_step()]));
    assert_eq!(structured(&alone["results"][0]), &search, "stdio without a server");
}

#[test]
fn write_tools_create_machine_assisted_proposals_and_drafts_for_their_users_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, users) = data_dir(&tmp);
    let (server, _) = ServerProcess::start(&dir, |_| {});
    let adopted = get(&server, SEARCH, None)["hits"][0]["id"].as_str().unwrap().to_string();
    let definition = "A node that relays keys between quantum key distribution links.";

    // A rapporteur over HTTP: propose_term is offered, draft_translation is not.
    let run = over_http(
        &server,
        Some(&users.rap17),
        "modern",
        json!([
            {"op": "list_tools"},
            {"op": "call", "tool": "propose_term",
             "args": {"sg": "SG17", "term": "quantum key relay", "definition": definition, "rec": "ITU-T Y.3800"}},
            {"op": "call", "tool": "propose_term", "args": {"sg": "SG20", "term": "smart relay", "definition": definition}},
            {"op": "call", "tool": "draft_translation", "args": {"concept": adopted, "lang": "fr", "terms": ["x"]}},
        ]),
    );
    let r = run["results"].as_array().unwrap();
    let mut expected: Vec<&str> = READ_TOOLS.to_vec();
    expected.push("propose_term");
    expected.sort();
    assert_eq!(tool_names(&r[0]), expected, "a rapporteur's tools");
    let outcome = structured(&r[1]);
    let id = outcome["concept"]["id"].as_str().unwrap().to_string();
    assert_eq!(outcome["concept"]["status"], json!("proposed"));
    assert_eq!(outcome["concept"]["languages"]["en"]["assisted"], json!(true));
    assert!(outcome["lint"].is_array() && outcome["similar"].is_array(), "the JSON of POST /api/v1/proposals");
    assert_eq!(tool_error(&r[2]), "forbidden", "a rapporteur proposes for their own study group only");
    assert_eq!(r[3]["error"]["message"], json!("tool not found"));

    // The proposal waits in the queue as any other, marked machine-assisted, and so does its history entry.
    let queue = get(&server, "/api/v1/queue", Some(&users.rap17));
    let item = queue.as_array().unwrap().iter().find(|i| i["id"] == json!(id)).expect("proposal in the queue");
    assert_eq!(item["assisted"], json!(true));
    let history = get(&server, &format!("/api/v1/concepts/{id}/history"), Some(&users.rap17));
    assert_eq!(history[0]["action"], json!("propose"));
    assert_eq!(history[0]["actor"], json!("rap17"));
    assert_eq!(history[0]["after"]["languages"]["en"]["assisted"], json!(true));
    // The public never sees the mark (nor the proposal).
    assert_eq!(client().get(server.url(&format!("/api/v1/concepts/{id}"))).send().unwrap().status().as_u16(), 404);

    // A French translator on stdio, beside the running server: draft_translation only, in French only.
    let search = get(&server, SEARCH, None);
    let run = over_stdio(
        &dir,
        Some(&users.fr),
        "legacy",
        json!([
            {"op": "list_tools"},
            search_step(),
            {"op": "call", "tool": "draft_translation",
             "args": {"concept": adopted, "lang": "ar", "terms": ["مرحل المفاتيح"]}},
            {"op": "call", "tool": "draft_translation",
             "args": {"concept": adopted, "lang": "fr", "terms": ["réseau relais quantique"], "definition": "Réseau de relais."}},
            {"op": "call", "tool": "propose_term", "args": {"sg": "SG17", "term": "x", "definition": "y"}},
        ]),
    );
    let r = run["results"].as_array().unwrap();
    let mut expected: Vec<&str> = READ_TOOLS.to_vec();
    expected.push("draft_translation");
    expected.sort();
    assert_eq!(tool_names(&r[0]), expected, "a translator's tools");
    assert_eq!(structured(&r[1]), &search, "stdio searches the server's index");
    assert_eq!(tool_error(&r[2]), "forbidden", "a translator drafts their own languages only");
    let concept = structured(&r[3]);
    assert_eq!(concept["languages"]["fr"]["status"], json!("draft"));
    assert_eq!(concept["languages"]["fr"]["assisted"], json!(true));
    assert_eq!(concept["languages"]["fr"]["terms"][0]["text"], json!("réseau relais quantique"));
    assert_eq!(r[4]["error"]["message"], json!("tool not found"));

    // The draft went through the store's write path: the server serves it, and its index follows the change log.
    let seen = get(&server, &format!("/api/v1/concepts/{adopted}"), Some(&users.fr));
    assert_eq!(seen["languages"]["fr"]["assisted"], json!(true));
    let queue = get(&server, "/api/v1/queue?limit=500", Some(&users.fr));
    let item = queue.as_array().unwrap().iter().find(|i| i["id"] == json!(adopted) && i["lang"] == json!("fr"));
    assert_eq!(item.expect("draft in the translator's queue")["assisted"], json!(true));
    let started = Instant::now();
    let pending = "/api/v1/search?q=%22r%C3%A9seau%20relais%20quantique%22&lang=fr&pending=true";
    while get(&server, pending, Some(&users.fr))["total"] == json!(0) {
        assert!(started.elapsed() < PATIENCE, "the server's index never picked the stdio draft up");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // A person's edit of that text clears the mark; the history keeps it.
    let (status, body) = {
        let resp = client()
            .put(server.url(&format!("/api/v1/concepts/{adopted}/languages/fr")))
            .bearer_auth(&users.fr)
            .json(&json!({"terms": ["réseau de relais quantique"], "definition": "Réseau de relais."}))
            .send()
            .unwrap();
        (resp.status().as_u16(), resp.json::<Value>().unwrap())
    };
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["languages"]["fr"].get("assisted"), None, "a person's edit clears the mark");
    let history = get(&server, &format!("/api/v1/concepts/{adopted}/history"), Some(&users.fr));
    let edits: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == json!("edit") && h["lang"] == json!("fr"))
        .collect();
    let marks: Vec<Option<&Value>> = edits.iter().map(|h| h["after"]["languages"]["fr"].get("assisted")).collect();
    assert!(marks.contains(&Some(&json!(true))) && marks.contains(&None), "history keeps both: {marks:?}");
}

#[test]
fn a_bad_token_is_refused_on_both_transports() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = data_dir(&tmp);
    let (server, _) = ServerProcess::start(&dir, |_| {});
    let resp = client()
        .post(server.url("/mcp"))
        .bearer_auth("not-a-token")
        .header("Accept", "application/json, text/event-stream")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    assert_eq!(resp.headers()["www-authenticate"], "Bearer");

    // Against DNS rebinding, /mcp answers loopback host names only.
    let resp = client()
        .post(server.url("/mcp"))
        .header("Host", "terms.example.org")
        .header("Accept", "application/json, text/event-stream")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 403);

    let out = Command::new(env!("CARGO_BIN_EXE_hexaglot"))
        .args(["--data-dir"])
        .arg(&dir)
        .args(["mcp", "--token", "not-a-token"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "hexaglot mcp with a bad token must not start");
    assert!(String::from_utf8_lossy(&out.stderr).contains("authentication required"), "{out:?}");
    drop(server);
    // A server told the host name a proxy forwards answers it too.
    let (named, _) = ServerProcess::start(&dir, |cmd| {
        cmd.args(["--mcp-allowed-host", "terms.example.org"]);
    });
    let resp = client()
        .post(named.url("/mcp"))
        .header("Host", "terms.example.org")
        .header("Accept", "application/json, text/event-stream")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}))
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers().contains_key("mcp-session-id"));
    drop(named);
    // Without a server the same.
    let out = hexaglot(&dir, &["mcp", "--token", "not-a-token"]);
    assert!(!out.status.success());
}
