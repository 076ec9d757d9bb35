//! The CLI: clear messages and non-zero exits on bad input.

use crate::helpers::hexaglot;

#[test]
fn stats_on_a_fresh_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    let out = hexaglot(&dir, &["stats", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(stats["concepts"].as_u64().unwrap() > 0, "fresh directory was seeded");
    let zh = stats["languages"].as_array().unwrap().iter().find(|l| l["lang"] == "zh").unwrap();
    assert_eq!(zh["adopted"], stats["concepts"]);
    let table = hexaglot(&dir, &["stats"]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("zh"));
}

#[test]
fn unusable_data_directory_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let out = hexaglot(&file, &["stats"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a directory"), "{err}");

    // A file that is not a database.
    let dir = tmp.path().join("dir");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("hexaglot.db"), vec![b'x'; 4096]).unwrap();
    let out = hexaglot(&dir, &["stats"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("hexaglot:"));
}

#[test]
fn bad_arguments_exit_non_zero() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [&["frobnicate"][..], &["serve", "--bind", "not-an-address"], &["backup"]] {
        let out = hexaglot(tmp.path(), args);
        assert!(!out.status.success(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?} printed no message");
    }
}

#[test]
fn serve_stops_gracefully_on_sigterm() {
    let tmp = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hexaglot"))
        .args(["--data-dir", tmp.path().to_str().unwrap(), "serve", "--bind", &format!("127.0.0.1:{port}")])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/healthz");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while crate::helpers::client().get(&url).send().is_err() {
        assert!(std::time::Instant::now() < deadline, "server did not start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let killed = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit after SIGTERM: {status:?}");
}
