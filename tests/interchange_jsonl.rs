//! JSON Lines dump and restore: a database with workflow activity, dumped,
//! restored into a fresh data directory, is the same database, row for row.

use std::collections::BTreeMap;
use std::path::Path;

use hexaglot::app::workflow::{Proposal, SectionEdit};
use hexaglot::model::Role;
use hexaglot::model::{Lang, OriginKind, Term, TermKind};
use hexaglot::search::SearchRequest;
use hexaglot::App;
use rusqlite::Connection;

struct Tokens {
    admin: String,
    rapporteur: String,
    translator: String,
    reviewer: String,
}

fn add_users(app: &App) -> Tokens {
    let fr = [Lang::Fr];
    let sg17 = ["SG17".parse().unwrap()];
    Tokens {
        admin: app.add_user("test", "tsb", Role::Admin, &[], &[], None).unwrap(),
        rapporteur: app.add_user("test", "rapporteur17", Role::Rapporteur, &[], &sg17, None).unwrap(),
        translator: app
            .add_user("test", "traductrice", Role::Translator, &fr, &[], Some("2099-12-31T23:59:59Z"))
            .unwrap(),
        reviewer: app.add_user("test", "réviseur", Role::Reviewer, &fr, &[], None).unwrap(),
    }
}

/// Proposal, acceptance, a French translation submitted, returned, resubmitted
/// and adopted, comments, a revoked user and an import with another language.
fn activity(app: &App) -> (hexaglot::model::ConceptId, Tokens) {
    let t = add_users(app);
    let auth = |token: &str| app.authenticate(token).unwrap();
    let (admin, rapporteur, translator, reviewer) =
        (auth(&t.admin), auth(&t.rapporteur), auth(&t.translator), auth(&t.reviewer));
    let proposal = Proposal {
        terms: vec!["quantum key relay".into(), "key relay".into()],
        abbreviation: Some("QKR".into()),
        definition: Some("A trusted node that relays keys between quantum key distribution links.".into()),
        notes: vec!["NOTE – Used in QKD networks, \"trusted\" nodes.".into()],
        rec: Some("ITU-T Y.3800".parse().unwrap()),
        clause: Some("3.2.7".into()),
        sg: "SG17".parse().unwrap(),
        origin: OriginKind::Here,
        reference: None,
        subject_field: Some("security".into()),
        assisted: false,
    };
    let id = app.propose(&rapporteur, &proposal).unwrap().concept.unwrap().id;
    app.accept(&admin, id, None).unwrap();
    let edit = SectionEdit {
        terms: vec![Term { text: "relais de clés quantiques".into(), status: TermKind::Preferred }],
        abbreviations: vec![],
        definition: Some("Nœud de confiance qui relaie des clés.".into()),
        notes: vec![],
        version: None,
        assisted: false,
    };
    app.edit_section(&translator, id, Lang::Fr, &edit, None).unwrap();
    app.submit_section(&translator, id, Lang::Fr, None).unwrap();
    app.return_section(&reviewer, id, Lang::Fr, "Préciser « confiance ».", None).unwrap();
    app.submit_section(&translator, id, Lang::Fr, None).unwrap();
    app.adopt(&reviewer, id, Lang::Fr, Some("SCV-12"), Some("TD 345"), None).unwrap();
    app.comment(&reviewer, id, None, "Harmonisé avec le SG13.").unwrap();
    // A second proposal left under review.
    let mut second = proposal.clone();
    second.terms = vec!["entanglement swapping node".into()];
    second.clause = Some("3.2.8".into());
    second.abbreviation = None;
    app.propose(&rapporteur, &second).unwrap();
    app.revoke_user("test", "rapporteur17").unwrap();
    // Text in a language outside the six comes with an import.
    let csv = "term_en,term_de,definition_en\nphotonic switch,Photonischer Schalter,A switch for light.\n";
    let mut records = hexaglot::interchange::csv::read_csv(csv.as_bytes());
    let report =
        app.import("cli", hexaglot::interchange::Format::Csv, &mut records, &Default::default(), &|_| {}).unwrap();
    assert!(report.committed, "{:?}", report.errors);
    (id, t)
}

type Rows = BTreeMap<String, Vec<String>>;

/// Every row of every table (and the AUTOINCREMENT counters), as text, sorted.
fn all_rows(db: &Path) -> (Rows, i64) {
    let c = Connection::open(db).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<rusqlite::types::Value> = (0..n).map(|i| r.get(i)).collect::<Result<_, _>>()?;
                Ok(format!("{cells:?}"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.insert(t, rows);
    }
    let version = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    (out, version)
}

fn db_id(rows: &mut Rows) -> String {
    let meta = rows.get_mut("meta").unwrap();
    let i = meta.iter().position(|r| r.contains("\"db_id\"")).unwrap();
    meta.remove(i)
}

fn hits(app: &App, q: &str) -> Vec<String> {
    let mut req = SearchRequest::new(q);
    req.public_only = false;
    app.search(&req).unwrap().hits.into_iter().map(|h| h.id.to_string()).collect()
}

#[test]
fn dump_and_restore_reproduce_every_row() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let app = App::open(&a).unwrap();
    let (id, tokens) = activity(&app);
    let dump_path = tmp.path().join("dump.jsonl");
    let stats = app.dump(std::fs::File::create(&dump_path).unwrap()).unwrap();
    assert!(stats.tables["history"] > 11 && stats.tables["user"] == 4 && stats.tables["other_lang"] == 1, "{stats:?}");

    let text = std::fs::read_to_string(&dump_path).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["hexaglot_dump"], 1);
    assert!(lines[0]["schema"].as_i64().unwrap() >= 3);
    assert_eq!(lines.last().unwrap()["end"]["rows"], stats.rows);
    assert_eq!(lines.len() as u64, stats.rows + 2);
    assert!(text.contains("relais de clés quantiques") && text.contains("token_hash"));
    assert!(!text.contains("hxt_"), "tokens are never in a dump");

    // A fresh data directory, with the seed and a search index built for it.
    drop(App::open(&b).unwrap());
    {
        let target = App::open_store(&b).unwrap();
        let file = std::io::BufReader::new(std::fs::File::open(&dump_path).unwrap());
        let restored = target.restore(file).unwrap();
        assert!(restored.replaced_seed);
        assert_eq!(restored.rows, stats.rows);
        assert_eq!(restored.tables, stats.tables.into_iter().filter(|(_, n)| *n > 0).collect());
    }

    let (mut want, want_version) = all_rows(&a.join("hexaglot.db"));
    let (mut got, got_version) = all_rows(&b.join("hexaglot.db"));
    assert_eq!(got_version, want_version);
    assert_ne!(db_id(&mut got), db_id(&mut want), "a restored database is a new database");
    assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
    for (table, rows) in &want {
        assert_eq!(&got[table], rows, "table {table}");
    }

    // The index notices the new database and rebuilds itself; tokens still work.
    let restored = App::open(&b).unwrap();
    assert_eq!(hits(&restored, "quantum key relay"), hits(&app, "quantum key relay"));
    assert!(hits(&restored, "relais de clés quantiques").contains(&id.to_string()));
    assert!(!hits(&restored, "智能电网").is_empty(), "seed concepts are indexed");
    assert_eq!(restored.authenticate(&tokens.admin).unwrap().role, Role::Admin);
    assert_eq!(restored.authenticate(&tokens.reviewer).unwrap().langs, vec![Lang::Fr]);
    assert!(restored.authenticate(&tokens.rapporteur).is_err(), "still revoked");
    assert_eq!(
        restored.concept(id, hexaglot::model::View::Public).unwrap(),
        app.concept(id, hexaglot::model::View::Public).unwrap()
    );
    // History stays append-only after the restore.
    let c = Connection::open(b.join("hexaglot.db")).unwrap();
    assert!(c.execute("DELETE FROM history", []).is_err());
}

#[test]
fn restore_refuses_a_used_database_and_a_damaged_dump() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let app = App::open_store(&a).unwrap();
    let tokens = add_users(&app);
    let mut bytes = Vec::new();
    app.dump(&mut bytes).unwrap();

    // Not into a database with users (or anything else beyond the seed).
    let err = app.restore(&bytes[..]).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");

    let target = App::open_store(&b).unwrap();
    let concepts = |app: &App| app.concept_count().unwrap();
    let seeded = concepts(&target);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();

    // Truncated: no end line. Nothing changes, the seed is intact.
    let truncated = lines[..lines.len() - 5].join("\n");
    let err = target.restore(truncated.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("truncated"), "{err}");
    assert_eq!(concepts(&target), seeded);

    // A line missing but the end line there.
    let mut holed: Vec<&str> = lines.clone();
    holed.remove(3);
    let err = target.restore(holed.join("\n").as_bytes()).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");

    // Garbage, an unknown column, another schema.
    assert!(target.restore(&b"hello\n"[..]).unwrap_err().to_string().contains("line 1"));
    let bad_column = text.replacen("\"title_en\":", "\"title_xx\":", 1);
    assert!(target.restore(bad_column.as_bytes()).unwrap_err().to_string().contains("title_xx"));
    let other_schema = text.replacen("\"schema\":", "\"schema\":99,\"was\":", 1);
    assert!(target.restore(other_schema.as_bytes()).unwrap_err().to_string().contains("schema version"));
    assert_eq!(concepts(&target), seeded);
    assert!(
        Connection::open(b.join("hexaglot.db")).unwrap().execute("DELETE FROM history", []).is_err(),
        "triggers back"
    );

    // And the real thing works after all those failures.
    target.restore(&bytes[..]).unwrap();
    assert_eq!(target.authenticate(&tokens.translator).unwrap().name, "traductrice");
}
