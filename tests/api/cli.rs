//! The CLI: clear messages and non-zero exits on bad input.

use crate::common::hexaglot;

#[test]
fn stats_on_a_fresh_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    let out = hexaglot(&dir, &["stats", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The seed: 11 concepts of data/concepts.json (7 of X.1332, 4 of A.25) and 176 of data/word/
    // (the Word files of tests/fixtures/docx): E.119 10 (8 definitions, 5 abbreviations of which DTN,
    // NGN and BCP are those of definitions), G.650.1 55 (32 definitions, 27 abbreviations, 4 of them
    // of definitions), P.917 14 (6 + 8), Q.850 23 (no definition, 23 abbreviations), T.88 74 (62 + 12).
    assert_eq!(stats["concepts"], 187, "fresh directory was seeded");
    let zh = stats["languages"].as_array().unwrap().iter().find(|l| l["lang"] == "zh").unwrap();
    // Chinese: the 11 of data/concepts.json, all adopted.
    assert_eq!(zh["adopted"], 11);
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
    let (mut server, _) = crate::common::ServerProcess::start(tmp.path(), |cmd| {
        cmd.stderr(std::process::Stdio::null());
    });
    let status = server.terminate();
    assert!(status.success(), "exit after SIGTERM: {status:?}");
}
