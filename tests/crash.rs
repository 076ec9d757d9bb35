//! Crash safety: the real `hexaglot` binary is killed with SIGKILL at random
//! moments while clients write through HTTP (proposals, acceptances,
//! translations, submissions, adoptions, imports), during a CLI import of a
//! large TBX file and during `hexaglot reindex`. After every kill the data
//! directory must hold every write a client saw acknowledged, nothing
//! half-written, and a search index that agrees with SQLite without any
//! manual command. Also: a full disk gives a clear error and no corruption.
//!
//! `HEXAGLOT_CRASH_KILLS` sets the number of server kills (default 30; e.g.
//! 200 for a long local run), `HEXAGLOT_CRASH_IMPORT` the size of the killed
//! TBX import (default 1500 concepts) and `HEXAGLOT_CRASH_SEED` replays a run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};

mod common;

use common::{add_user, client, hexaglot as cli, ServerProcess};

fn rng() -> rand::rngs::StdRng {
    let seed = std::env::var("HEXAGLOT_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    eprintln!("crash seed: {seed} (HEXAGLOT_CRASH_SEED={seed} replays this run)");
    rand::rngs::StdRng::seed_from_u64(seed)
}

/// Starts the real `hexaglot serve` (which the tests SIGKILL) and waits until
/// it answers; returns it with its start-up time.
fn start_server(dir: &Path) -> (ServerProcess, Duration) {
    ServerProcess::start(dir, |cmd| {
        cmd.env("HEXAGLOT_TOKEN_RATE_LIMIT", "0").env("RUST_LOG", "warn,tantivy=error");
    })
}

/// The furthest step of a translation a client saw acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Draft,
    Submitted,
    Adopted,
}

/// What clients saw acknowledged, to be found after every crash.
#[derive(Default)]
struct Acks {
    /// English term → concept id (when the response named it) and whether its acceptance was acknowledged.
    english: BTreeMap<String, (Option<String>, bool)>,
    /// Concept id → French term and the furthest stage acknowledged.
    french: BTreeMap<String, (String, Stage)>,
}

struct Tokens {
    admin: String,
    translator: String,
    reviewer: String,
}

/// Sends a write and returns the JSON of its acknowledgement, or `None` when
/// the server is gone (no answer: it was killed). An HTTP error from a server
/// that answers is a failure of the test, not a sign of the kill.
fn send(req: reqwest::blocking::RequestBuilder, what: &str) -> Option<Value> {
    let resp = req.send().ok()?;
    let status = resp.status();
    let text = match resp.text() {
        Ok(t) => t,
        Err(_) => return None, // the answer was cut off by the kill
    };
    assert!(status.is_success(), "{what}: {status} from a live server: {text}");
    Some(
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{what}: {status} with a body that is not JSON ({e}): {text}")),
    )
}

fn post(c: &reqwest::blocking::Client, url: String, token: &str, body: Value) -> Option<Value> {
    let what = format!("POST {url}");
    send(c.post(url).bearer_auth(token).json(&body), &what)
}

/// Proposes and accepts English concepts, and imports small CSV batches, until the server dies.
fn english_writer(
    base: String,
    round: usize,
    tokens: Arc<Tokens>,
    acks: Arc<Mutex<Acks>>,
    queue: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
) {
    let c = client();
    for n in 0.. {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        if n % 5 == 4 {
            let mut csv = String::from("term_en,definition_en\n");
            let terms: Vec<String> = (0..5).map(|k| format!("zq{round}i{n}k{k} relay")).collect();
            for t in &terms {
                csv.push_str(&format!("{t},A relay that forwards frames in batch {n}.\n"));
            }
            let url = format!("{base}/api/v1/import?format=csv&sg=SG17&status=accepted&source=crash");
            let req = c.post(url).bearer_auth(&tokens.admin).header("content-type", "text/csv").body(csv);
            if send(req, "CSV import").is_none() {
                return;
            }
            let mut a = acks.lock().unwrap();
            for t in terms {
                a.english.insert(t, (None, true));
            }
            continue;
        }
        let term = format!("zq{round}x{n} relay node");
        let body = json!({
            "terms": [term], "definition": "A node that relays frames between two networks.",
            "rec": "ITU-T X.1332", "clause": format!("3.2.{n}"), "sg": "SG17",
        });
        let Some(out) = post(&c, format!("{base}/api/v1/proposals"), &tokens.admin, body) else { return };
        let id = out["concept"]["id"].as_str().expect("proposal id").to_string();
        acks.lock().unwrap().english.insert(term.clone(), (Some(id.clone()), false));
        if post(&c, format!("{base}/api/v1/proposals/{id}/accept"), &tokens.admin, json!({})).is_none() {
            return;
        }
        acks.lock().unwrap().english.insert(term, (Some(id.clone()), true));
        queue.lock().unwrap().push(id);
    }
}

/// Translates accepted concepts into French, submits and adopts them, until the server dies.
fn french_writer(
    base: String,
    round: usize,
    tokens: Arc<Tokens>,
    acks: Arc<Mutex<Acks>>,
    queue: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
) {
    let c = client();
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        let Some(id) = queue.lock().unwrap().pop() else {
            std::thread::sleep(Duration::from_millis(5));
            continue;
        };
        n += 1;
        let term = format!("fy{round}x{n} concentrateur");
        let body = json!({"terms": [{"text": term, "status": "preferred"}],
                          "definition": "Dispositif qui relaie les trames entre deux réseaux."});
        let url = format!("{base}/api/v1/concepts/{id}/languages/fr");
        let req = c.put(url).bearer_auth(&tokens.translator).json(&body);
        if send(req, "French draft").is_none() {
            return;
        }
        acks.lock().unwrap().french.insert(id.clone(), (term.clone(), Stage::Draft));
        let url = format!("{base}/api/v1/concepts/{id}/languages/fr/submit");
        if post(&c, url, &tokens.translator, json!({})).is_none() {
            return;
        }
        acks.lock().unwrap().french.insert(id.clone(), (term.clone(), Stage::Submitted));
        let url = format!("{base}/api/v1/concepts/{id}/languages/fr/adopt");
        if post(&c, url, &tokens.reviewer, json!({"meeting": "SCV-crash"})).is_none() {
            return;
        }
        acks.lock().unwrap().french.insert(id, (term, Stage::Adopted));
    }
}

fn open_ro(dir: &Path) -> Connection {
    Connection::open_with_flags(dir.join("hexaglot.db"), OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// Whole-database checks: SQLite's own, and the rules no write may leave half done.
fn check_consistent(db: &Connection) {
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let fk: i64 = db.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0, "foreign key violations");
    let rules = [
        (
            "a language section with content but no term",
            "SELECT COUNT(*) FROM lang_section l WHERE l.status <> 'absent'
             AND NOT EXISTS (SELECT 1 FROM term t WHERE t.concept_id = l.concept_id AND t.lang = l.lang)",
        ),
        (
            "a concept without a study group",
            "SELECT COUNT(*) FROM concept c WHERE NOT EXISTS (SELECT 1 FROM concept_sg s WHERE s.concept_id = c.id)",
        ),
        (
            "a concept without the history entry that made it",
            "SELECT COUNT(*) FROM concept c WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.concept_id = c.id)",
        ),
        (
            "a history entry without its change (no change-log entry for the concept)",
            "SELECT COUNT(*) FROM history h WHERE h.concept_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM change_log g WHERE g.concept_id = h.concept_id)",
        ),
        (
            "a concept changed after its last change-log entry",
            "SELECT COUNT(*) FROM concept c WHERE c.updated_at > (SELECT MAX(at) FROM change_log g WHERE g.concept_id = c.id)",
        ),
        (
            "an adopted section without its adoption in the history",
            "SELECT COUNT(*) FROM lang_section l WHERE l.status = 'adopted' AND NOT EXISTS (SELECT 1 FROM history h
             WHERE h.concept_id = l.concept_id AND (h.lang = l.lang OR h.lang IS NULL) AND h.at >= COALESCE(l.adopted_at, ''))",
        ),
    ];
    for (what, sql) in rules {
        let n: i64 = db.query_row(sql, [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{what}: {n} found");
    }
}

/// Concept ids (`c42`) with a term of `lang` starting with `prefix`, from SQLite.
fn ids_in_db(db: &Connection, lang: &str, prefix: &str) -> BTreeSet<String> {
    let mut stmt = db
        .prepare("SELECT DISTINCT concept_id FROM term WHERE lang = ?1 AND substr(text, 1, length(?2)) = ?2")
        .unwrap();
    stmt.query_map([lang, prefix], |r| r.get::<_, i64>(0)).unwrap().map(|id| format!("c{}", id.unwrap())).collect()
}

/// Concept ids the server's search finds for `word` in the terms of `lang`, staff view, all pages.
/// (A word every harness term carries, not a prefix: prefix queries expand to a bounded number of terms.)
fn ids_in_index(server: &ServerProcess, token: &str, lang: &str, word: &str) -> BTreeSet<String> {
    let c = client();
    let mut ids = BTreeSet::new();
    for offset in (0..10_000).step_by(100) {
        let url = server
            .url(&format!("/api/v1/search?q={word}&lang={lang}&field=term&pending=true&limit=100&offset={offset}"));
        let body: Value = c.get(url).bearer_auth(token).send().unwrap().json().unwrap();
        let hits = body["hits"].as_array().unwrap_or_else(|| panic!("search failed: {body}"));
        ids.extend(hits.iter().map(|h| h["id"].as_str().unwrap().to_string()));
        if hits.len() < 100 {
            break;
        }
    }
    ids
}

/// The index agrees with SQLite on which concepts carry the harness's terms
/// (`lang`, term prefix in SQLite, a word all those terms contain).
fn check_index_agrees(server: &ServerProcess, dir: &Path, token: &str, terms: &[(&str, &str, &str)]) {
    let db = open_ro(dir);
    for (lang, prefix, word) in terms {
        let in_db = ids_in_db(&db, lang, prefix);
        let in_index = ids_in_index(server, token, lang, word);
        let missing: Vec<_> = in_db.difference(&in_index).collect();
        let extra: Vec<_> = in_index.difference(&in_db).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang} '{prefix}': not indexed {missing:?}; only in the index {extra:?}"
        );
    }
}

/// The terms the HTTP writers create: English "zq… relay …", French "fy… concentrateur".
const HARNESS_TERMS: &[(&str, &str, &str)] = &[("en", "zq", "relay"), ("fr", "fy", "concentrateur")];

fn check_acks(db: &Connection, acks: &Acks) {
    for (term, (id, accepted)) in &acks.english {
        let row: Option<(i64, String)> = db
            .query_row(
                "SELECT c.id, c.status FROM term t JOIN concept c ON c.id = t.concept_id WHERE t.lang = 'en' AND t.text = ?1",
                [term],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        let (got, status) = row.unwrap_or_else(|| panic!("acknowledged English term '{term}' is lost"));
        if let Some(id) = id {
            assert_eq!(&format!("c{got}"), id, "'{term}' moved");
        }
        if *accepted {
            assert_eq!(status, "accepted", "'{term}': acknowledged acceptance lost");
        }
    }
    for (id, (term, stage)) in &acks.french {
        let num: i64 = id[1..].parse().unwrap();
        let (status, text): (String, String) = db
            .query_row(
                "SELECT l.status, t.text FROM lang_section l JOIN term t ON t.concept_id = l.concept_id AND t.lang = l.lang
                 WHERE l.concept_id = ?1 AND l.lang = 'fr' AND t.ord = (SELECT MIN(ord) FROM term WHERE concept_id = ?1 AND lang = 'fr')",
                [num],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap_or_else(|e| panic!("{id}: acknowledged French section lost ({e})"));
        assert_eq!(&text, term, "{id}: French text");
        let got = match status.as_str() {
            "draft" => Stage::Draft,
            "submitted" => Stage::Submitted,
            "adopted" => Stage::Adopted,
            other => panic!("{id}: French section is {other}"),
        };
        assert!(got >= *stage, "{id}: acknowledged {stage:?}, found {got:?}");
    }
}

/// Waits until `done` holds, so that a check depends on progress and not on
/// how fast a shared machine is; gives up early if a writer has ended (its
/// join then shows why) and fails after [`common::PATIENCE`].
fn wait_for(what: &str, writers: &[&std::thread::JoinHandle<()>], done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        if writers.iter().any(|w| w.is_finished()) {
            return;
        }
        assert!(started.elapsed() < common::PATIENCE, "{what}: not after {:?}", common::PATIENCE);
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn kills() -> usize {
    std::env::var("HEXAGLOT_CRASH_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(30)
}

#[test]
fn sigkill_during_http_writes_loses_no_acknowledged_write() {
    let mut rng = rng();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let tokens = Arc::new(Tokens {
        admin: add_user(&dir, "tsb", "admin", &[]),
        translator: add_user(&dir, "tr-fr", "translator", &["--lang", "fr"]),
        reviewer: add_user(&dir, "rev-fr", "reviewer", &["--lang", "fr"]),
    });
    let acks = Arc::new(Mutex::new(Acks::default()));
    let mut slowest = Duration::ZERO;
    let rounds = kills();
    for round in 0..rounds {
        let (server, ready) = start_server(&dir);
        slowest = slowest.max(ready);
        if round > 0 {
            // Verified after the previous kill, on the restarted server, before new writes.
            check_consistent(&open_ro(&dir));
            check_acks(&open_ro(&dir), &acks.lock().unwrap());
            check_index_agrees(&server, &dir, &tokens.admin, HARNESS_TERMS);
        }
        let queue = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let en = {
            let (b, t, a, q, s) = (server.base.clone(), tokens.clone(), acks.clone(), queue.clone(), stop.clone());
            std::thread::spawn(move || english_writer(b, round, t, a, q, s))
        };
        let fr = {
            let (b, t, a, q, s) = (server.base.clone(), tokens.clone(), acks.clone(), queue.clone(), stop.clone());
            std::thread::spawn(move || french_writer(b, round, t, a, q, s))
        };
        // Each round writes before its kill (a loaded machine may be slow to start), and
        // the last one goes on until an adoption is acknowledged if none was yet; then
        // the kill lands at a random moment of the writes.
        let english_before = acks.lock().unwrap().english.len();
        wait_for("a write acknowledged in this round", &[&en, &fr], || {
            acks.lock().unwrap().english.len() > english_before
        });
        if round + 1 == rounds {
            wait_for("an adoption acknowledged", &[&en, &fr], || {
                acks.lock().unwrap().french.values().any(|(_, s)| *s == Stage::Adopted)
            });
        }
        std::thread::sleep(Duration::from_millis(rng.gen_range(300..2500)));
        server.kill();
        stop.store(true, Ordering::Relaxed);
        en.join().expect("English writer");
        fr.join().expect("French writer");
    }
    let (server, ready) = start_server(&dir);
    slowest = slowest.max(ready);
    let a = acks.lock().unwrap();
    check_consistent(&open_ro(&dir));
    check_acks(&open_ro(&dir), &a);
    check_index_agrees(&server, &dir, &tokens.admin, HARNESS_TERMS);
    let adopted = a.french.values().filter(|(_, s)| *s == Stage::Adopted).count();
    eprintln!(
        "crash: {rounds} SIGKILLs survived; {} English and {} French writes acknowledged ({adopted} adoptions); slowest start {:.2} s",
        a.english.len(),
        a.french.len(),
        slowest.as_secs_f64()
    );
    assert!(a.english.len() >= rounds, "the writers hardly wrote: {} acknowledged", a.english.len());
    assert!(adopted > 0, "no adoption was ever acknowledged");
    server.kill();
}

/// A TBX v3 file of `n` concepts with English and French terms.
fn big_tbx(n: usize) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>crash test</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
"#,
    );
    for i in 0..n {
        s.push_str(&format!(
            r#"<conceptEntry id="imp{i}">
<langSec xml:lang="en"><descrip type="definition">Imported definition number {i} of a relay.</descrip><termSec><term>zqimp{i} relay</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>fyimp{i} relais</term></termSec></langSec>
</conceptEntry>
"#
        ));
    }
    s.push_str("</body></text></tbx>\n");
    s
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs a CLI command and SIGKILLs it after `after`; true if it had already finished successfully.
fn run_and_kill(dir: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hexaglot"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{args:?} failed");
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    false
}

#[test]
fn sigkill_during_import_and_reindex_is_all_or_nothing_and_the_index_catches_up() {
    let mut rng = rng();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let admin = add_user(&dir, "tsb", "admin", &[]);
    let total: usize = std::env::var("HEXAGLOT_CRASH_IMPORT").ok().and_then(|s| s.parse().ok()).unwrap_or(1500);
    let file: PathBuf = tmp.path().join("big.tbx");
    std::fs::write(&file, big_tbx(total)).unwrap();
    let import = ["import", file.to_str().unwrap(), "--sg", "SG17", "--status", "accepted"];

    // How long a whole import takes here, on a copy, so kills land inside it.
    let probe = tmp.path().join("probe");
    add_user(&probe, "x", "admin", &[]);
    let started = Instant::now();
    let out = cli(&probe, &import);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let full = started.elapsed();
    assert_eq!(ids_in_db(&open_ro(&probe), "en", "zqimp").len(), total);

    // The index exists before the import (which writes only the database, as a CLI
    // import next to a server does), so that opening the directory must catch it up.
    drop(hexaglot::App::open(&dir).unwrap());
    // Each attempt starts from a copy of the state before the import, so every kill lands on a real import.
    let base = tmp.path().join("base");
    copy_dir(&dir, &base);
    let (mut before_commit, mut after_commit) = (0, 0);
    for attempt in 0..6 {
        if attempt > 0 {
            std::fs::remove_dir_all(&dir).unwrap();
            copy_dir(&base, &dir);
        }
        let after = full.mul_f64(rng.gen_range(0.05..0.95));
        let finished = run_and_kill(&dir, &import, after);
        let db = open_ro(&dir);
        check_consistent(&db);
        let n = ids_in_db(&db, "en", "zqimp").len();
        assert!(n == 0 || n == total, "import killed after {after:?} left {n} of {total} concepts");
        match (finished, n) {
            (true, _) => {}
            (false, 0) => before_commit += 1,
            (false, _) => after_commit += 1,
        }
    }
    let kills = before_commit + after_commit;
    // The last attempt's directory, killed or not, takes the import to the end.
    let out = cli(&dir, &import);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ids_in_db(&open_ro(&dir), "en", "zqimp").len(), total);
    assert!(before_commit >= 1, "no kill landed before the import's commit ({after_commit} after)");

    // Opening the directory brings the index up to date before anything is served:
    // checked in this process, where no follower runs that could do it later.
    {
        let app = hexaglot::App::open(&dir).unwrap();
        let mut req = hexaglot::search::SearchRequest::new("relay");
        req.langs = vec![hexaglot::model::Lang::En];
        req.field = hexaglot::search::SearchField::Term;
        let found = app.search(&req).unwrap().total;
        assert_eq!(
            found,
            total as u64,
            "opening did not catch the index up: {} imported concepts not indexed",
            total as u64 - found
        );
    }

    // Reindex, killed part way, several times; the server then catches up by itself.
    let started = Instant::now();
    let out = cli(&probe, &["reindex"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let reindex = started.elapsed();
    let mut reindex_kills = 0;
    for _ in 0..4 {
        if !run_and_kill(&dir, &["reindex"], reindex.mul_f64(rng.gen_range(0.05..0.95))) {
            reindex_kills += 1;
        }
    }
    let (server, ready) = start_server(&dir);
    check_index_agrees(&server, &dir, &admin, &[("en", "zqimp", "relay"), ("fr", "fyimp", "relais")]);
    eprintln!(
        "crash: import of {total} concepts ({:.1} s) killed {kills} times ({before_commit} before its commit, nothing written), reindex ({:.1} s) killed {reindex_kills} times; \
         start after that {:.2} s",
        full.as_secs_f64(),
        reindex.as_secs_f64(),
        ready.as_secs_f64()
    );
    assert!(kills + reindex_kills >= 3, "too few kills landed inside the work: {kills} + {reindex_kills}");
    server.kill();
}

#[test]
fn a_full_disk_is_a_clear_error_and_corrupts_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    let mount = Command::new("mount").args(["-t", "tmpfs", "-o", "size=6m", "tmpfs"]).arg(&mnt).output();
    let mounted = mount.as_ref().is_ok_and(|o| o.status.success());
    assert!(mounted, "this test mounts a 6 MiB tmpfs and needs root: {mount:?}");
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mnt.clone());
    let dir = mnt.join("data");
    let admin = add_user(&dir, "tsb", "admin", &[]);
    let (server, _) = start_server(&dir);
    // Ballast to free later, so the server can be seen to recover.
    let ballast = mnt.join("ballast");
    std::fs::write(&ballast, vec![0u8; 1 << 20]).unwrap();

    let c = client();
    let definition = "A relay node forwards frames between networks. ".repeat(200);
    let mut acked = Vec::new();
    let mut refusal = None;
    for n in 0..5000 {
        let term = format!("zqfull{n} relay");
        let body = json!({"terms": [term], "definition": definition, "sg": "SG17", "rec": "ITU-T X.1332"});
        let resp = c.post(server.url("/api/v1/proposals")).bearer_auth(&admin).json(&body).send().unwrap();
        let status = resp.status().as_u16();
        let body: Value = resp.json().unwrap_or(Value::Null);
        if status == 201 {
            acked.push(term);
        } else {
            refusal = Some((status, body));
            break;
        }
    }
    let (status, body) = refusal.expect("the disk never filled up");
    assert_eq!(status, 507, "{body}");
    assert_eq!(body["error"]["code"], "disk_full", "{body}");
    assert!(body["error"]["message"].as_str().unwrap().to_lowercase().contains("full"), "{body}");
    assert!(acked.len() > 3, "only {} writes fitted", acked.len());
    // Reading goes on.
    assert_eq!(c.get(server.url("/api/v1/concepts/c1")).send().unwrap().status(), 200);
    assert_eq!(c.get(server.url("/api/v1/search?q=relay")).send().unwrap().status(), 200);
    check_consistent(&open_ro(&dir));

    // Space comes back: writes work again, and nothing acknowledged was lost.
    std::fs::remove_file(&ballast).unwrap();
    let body = json!({"terms": ["zqafter relay"], "definition": "After.", "sg": "SG17", "rec": "ITU-T X.1332"});
    let resp = c.post(server.url("/api/v1/proposals")).bearer_auth(&admin).json(&body).send().unwrap();
    assert_eq!(resp.status().as_u16(), 201, "{}", resp.text().unwrap_or_default());
    acked.push("zqafter relay".into());
    server.kill();
    let (server, _) = start_server(&dir);
    let db = open_ro(&dir);
    check_consistent(&db);
    let mut acks = Acks::default();
    for t in &acked {
        acks.english.insert(t.clone(), (None, false));
    }
    check_acks(&db, &acks);
    check_index_agrees(&server, &dir, &admin, &[("en", "zq", "relay")]);
    eprintln!("disk full: {} writes fitted in 6 MiB, then 507 disk_full; recovered after space was freed", acked.len());
    server.kill();
}

#[test]
fn a_backup_taken_while_writing_restores_to_identical_content() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let tokens = Arc::new(Tokens {
        admin: add_user(&dir, "tsb", "admin", &[]),
        translator: add_user(&dir, "tr-fr", "translator", &["--lang", "fr"]),
        reviewer: add_user(&dir, "rev-fr", "reviewer", &["--lang", "fr"]),
    });
    let (server, _) = start_server(&dir);
    let acks = Arc::new(Mutex::new(Acks::default()));
    let queue = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (b, t, a, q, s) = (server.base.clone(), tokens.clone(), acks.clone(), queue.clone(), stop.clone());
            if w == 0 {
                std::thread::spawn(move || english_writer(b, 0, t, a, q, s))
            } else {
                std::thread::spawn(move || french_writer(b, 0, t, a, q, s))
            }
        })
        .collect();
    let writing = |english: usize| acks.lock().unwrap().english.len() >= english;
    wait_for("writes acknowledged before the backup", &writers.iter().collect::<Vec<_>>(), || writing(3));

    // Taken in the middle of the writes: consistent, with everything acknowledged before it began.
    let before = {
        let a = acks.lock().unwrap();
        Acks { english: a.english.clone(), french: a.french.clone() }
    };
    let during = tmp.path().join("during.db");
    let out = cli(&dir, &["backup", during.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().unwrap();
    }
    let db = Connection::open_with_flags(&during, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    check_consistent(&db);
    check_acks(&db, &before);
    assert!(!before.english.is_empty(), "nothing was written before the backup");

    // Taken with the server still running but idle: restores to exactly the same content.
    let idle = tmp.path().join("idle.db");
    let out = cli(&dir, &["backup", idle.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let restored = tmp.path().join("restored");
    std::fs::create_dir(&restored).unwrap();
    std::fs::copy(&idle, restored.join("hexaglot.db")).unwrap();
    // The rows of a dump: all but its header line, which carries the time of the dump
    // (two dumps a second apart differ there and nowhere else).
    let dump = |d: &Path| {
        let out = cli(d, &["dump", "-"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        let (header, rows) = text.split_once('\n').unwrap();
        assert!(header.contains("\"hexaglot_dump\""), "{header}");
        rows.to_string()
    };
    let live = dump(&dir);
    assert!(live.len() > 10_000, "dump of {} bytes", live.len());
    assert!(live == dump(&restored), "the restored backup differs from the live database");
    server.kill();
    // And it serves, with an index built from it.
    let (server, _) = start_server(&restored);
    check_index_agrees(&server, &restored, &tokens.admin, HARNESS_TERMS);
    server.kill();
}

/// A writer that goes away (a CLI command that ends, a kill) abandons the merges under
/// way, and tantivy starts merges only after a commit: the next process to open the
/// index must resume them, or a quiet server would search many small segments for good.
#[test]
fn merges_a_process_abandoned_are_resumed_by_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let docs = hexaglot::App::open(&dir).unwrap().index_docs().unwrap();
    // Segments left as a process that ended before merging them leaves them: committed
    // with the index's own payload (so that it is not rebuilt), under no merge policy.
    let added = 14u64;
    let before = {
        let index = tantivy::Index::open_in_dir(dir.join("index")).unwrap();
        hexaglot::search::analyzers::register(index.tokenizers());
        let payload = index.load_metas().unwrap().payload.expect("the index records its sequence");
        let cid = index.schema().get_field("cid").unwrap();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        for i in 0..added {
            writer.add_document(tantivy::doc!(cid => 9_000_000 + i)).unwrap();
            let mut commit = writer.prepare_commit().unwrap();
            commit.set_payload(&payload);
            commit.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        index.searchable_segment_metas().unwrap().len()
    };
    assert!(before > added as usize, "{before} segments");

    let app = hexaglot::App::open(&dir).unwrap();
    let left = app.wait_for_index_merges(Duration::from_secs(60), &|_| {}).unwrap();
    let left = left.expect("this process holds the index");
    assert!(left <= 10 && left < before, "opening left {left} of {before} segments unmerged");
    assert_eq!(app.index_segments().unwrap(), left);
    assert_eq!(app.index_docs().unwrap(), docs + added, "merging lost or duplicated documents");
}
