//! Versioned schema migrations from `schema/migrations/`, embedded in the binary
//! and tracked with SQLite's `user_version`.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../schema/migrations/0001_core.sql")),
        M::up(include_str!("../../schema/migrations/0002_workflow.sql")),
        M::up(include_str!("../../schema/migrations/0003_other_languages.sql")),
        M::up(include_str!("../../schema/migrations/0004_harmonization.sql")),
        M::up(include_str!("../../schema/migrations/0005_watches.sql")),
        M::up(include_str!("../../schema/migrations/0006_assisted.sql")),
        M::up(include_str!("../../schema/migrations/0007_compact_history.sql")),
        M::up(include_str!("../../schema/migrations/0008_creation_marker.sql")),
        M::up(include_str!("../../schema/migrations/0009_lean_indexes.sql")),
        M::up(include_str!("../../schema/migrations/0010_term_norm_when_different.sql")),
    ])
}

pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use rusqlite::{params, Connection};
    use serde_json::json;

    use crate::model::ConceptId;
    use crate::store::history;

    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }

    #[test]
    fn history_written_before_the_compact_form_still_reads_and_new_entries_build_on_it() {
        let mut c = Connection::open_in_memory().unwrap();
        super::migrations().to_version(&mut c, 6).unwrap();
        c.execute(
            "INSERT INTO concept (id, status, origin, created_at, updated_at) VALUES (1, 'accepted', 'here', '', '')",
            [],
        )
        .unwrap();
        let snap = |status: &str, version: i64| json!({"status": status, "version": version, "languages": {}});
        let insert =
            "INSERT INTO history (concept_id, action, actor, at, before, after) VALUES (1, ?1, 'a', ?2, ?3, ?4)";
        c.execute(insert, params!["propose", "2026-01-01T00:00:00Z", None::<String>, snap("proposed", 1).to_string()])
            .unwrap();
        c.execute(
            insert,
            params!["merge", "2026-01-02T00:00:00Z", snap("accepted", 1).to_string(), snap("withdrawn", 2).to_string()],
        )
        .unwrap();
        super::migrations().to_latest(&mut c).unwrap();
        let statuses: Vec<(Option<String>, Option<String>)> = c
            .prepare("SELECT before_status, after_status FROM history ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(statuses, vec![(None, s("proposed")), (s("accepted"), s("withdrawn"))]);
        assert!(c.execute("UPDATE history SET actor = 'b'", []).is_err(), "still append-only");

        // New entries: patches against the old text rows, with a full snapshot now and then.
        let mut expected =
            vec![(None, Some(snap("proposed", 1))), (Some(snap("accepted", 1)), Some(snap("withdrawn", 2)))];
        for v in 2..80 {
            let (before, after) =
                (snap("withdrawn", v), snap(if v % 3 == 0 { "accepted" } else { "withdrawn" }, v + 1));
            let (b, a) = history::encode(&c, 1, Some(&before), Some(&after)).unwrap();
            if v == 2 {
                assert_eq!(b.as_deref(), Some(&[2u8][..]), "the same as the previous entry's after: one byte");
            }
            c.execute(insert, params!["edit", "2026-01-03T00:00:00Z", b, a]).unwrap();
            expected.push((Some(before), Some(after)));
        }
        let full = c
            .query_row(
                "SELECT COUNT(*) FROM history WHERE typeof(before) = 'blob' AND substr(before, 1, 1) = x'01'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap();
        assert!(full >= 2, "a full snapshot every {} patches: {full}", history::codec::MAX_CHAIN);
        let read: Vec<_> =
            history::entries(&c, ConceptId(1)).unwrap().into_iter().map(|e| (e.before, e.after)).collect();
        assert_eq!(read, expected);
    }

    fn plan(c: &Connection, sql: &str) -> String {
        let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.collect::<Result<Vec<_>, _>>().unwrap().join("\n")
    }

    #[test]
    fn pending_sections_are_found_through_the_partial_index_after_the_lean_indexes_migration() {
        use crate::store::sections::PENDING;
        let mut c = Connection::open_in_memory().unwrap();
        super::migrations().to_version(&mut c, 8).unwrap();
        for (ord, lang) in ["en", "fr", "zh"].into_iter().enumerate() {
            c.execute("INSERT INTO language VALUES (?1, ?1, ?1, ?2)", params![lang, ord as i64]).unwrap();
        }
        let insert_section = "INSERT INTO lang_section (concept_id, lang, status, definition, created_at, updated_at,
                                                      submitted_at, adopted_at)
                              VALUES (?1, ?2, ?3, 'd', 't0', 't1', 't2', ?4)";
        let statuses = ["absent", "draft", "submitted", "adopted", "returned"];
        for id in 1..=40i64 {
            let status = if id % 4 == 0 { "proposed" } else { "accepted" };
            c.execute(
                "INSERT INTO concept (id, status, origin, created_at, updated_at) VALUES (?1, ?2, 'here', 't', 't')",
                params![id, status],
            )
            .unwrap();
            for (i, lang) in ["en", "fr", "zh"].into_iter().enumerate() {
                let s = statuses[(id as usize + i) % statuses.len()];
                let adopted_at = (s == "adopted").then_some("2026-01-01T00:00:00Z");
                c.execute(insert_section, params![id, lang, s, adopted_at]).unwrap();
            }
        }
        let all_sections = |c: &Connection| -> Vec<(i64, String, String, Option<String>)> {
            c.prepare("SELECT concept_id, lang, status, adopted_at FROM lang_section ORDER BY 1, 2")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let before = all_sections(&c);
        let pending_sql = format!("SELECT COUNT(*) FROM lang_section l WHERE l.lang = 'fr' AND {PENDING}");
        let pending_before: i64 = c.query_row(&pending_sql, [], |r| r.get(0)).unwrap();

        super::migrations().to_latest(&mut c).unwrap();
        assert_eq!(all_sections(&c), before, "no section changes");
        let pending: i64 = c.query_row(&pending_sql, [], |r| r.get(0)).unwrap();
        assert_eq!(pending, pending_before);
        assert!(pending > 0);
        let indexes: Vec<String> = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name GLOB '*_*' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for gone in ["lang_section_adopted", "lang_section_status", "history_at"] {
            assert!(!indexes.iter().any(|i| i == gone), "{gone} dropped: {indexes:?}");
        }
        assert!(indexes.iter().any(|i| i == "lang_section_pending"), "{indexes:?}");

        // The queries over pending sections use it (the store's own SQL repeats PENDING).
        for sql in [
            pending_sql.clone(),
            format!(
                "SELECT c.id FROM concept c JOIN lang_section l ON l.concept_id = c.id AND l.lang = 'en'
                 WHERE c.status = 'proposed' AND l.status = 'submitted' AND {PENDING} ORDER BY c.updated_at"
            ),
        ] {
            let p = plan(&c, &sql);
            assert!(p.contains("lang_section_pending"), "{sql}\n{p}");
        }
        // Adopted sections are not in it: a query without the condition does not use it.
        let p = plan(&c, "SELECT COUNT(*) FROM lang_section l WHERE l.lang = 'fr' AND l.status = 'adopted'");
        assert!(!p.contains("lang_section_pending"), "{p}");
        let adopted: i64 = c
            .query_row("SELECT COUNT(*) FROM lang_section l WHERE l.lang = 'fr' AND l.status = 'adopted'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(adopted > 0);
    }

    #[test]
    fn term_norm_is_kept_only_where_it_differs_and_still_finds_terms_through_its_index() {
        use crate::model::{Lang, RecId};
        use crate::store::concepts::{id_by_source, ids_with_term, TERM_NORM};
        let mut c = Connection::open_in_memory().unwrap();
        super::migrations().to_version(&mut c, 9).unwrap();
        c.execute("INSERT INTO language VALUES ('en', 'en', 'en', 0)", []).unwrap();
        c.execute(
            "INSERT INTO recommendation (id, status, created_at, updated_at) VALUES ('ITU-T Y.1', 'draft', 't', 't')",
            [],
        )
        .unwrap();
        // (concept, ord, text, kind, norm as version 9 stored it: always the folded text)
        let terms = [
            (1, 0, "data concentrator", "preferred", "data concentrator"),
            (1, 1, "DC", "abbreviation", "dc"),
            (2, 0, "Smart  Meter", "preferred", "smart meter"),
            (3, 0, "smart meter", "admitted", "smart meter"),
        ];
        for id in 1..=3i64 {
            c.execute(
                "INSERT INTO concept (id, status, origin, rec_id, clause, created_at, updated_at)
                 VALUES (?1, 'accepted', 'here', 'ITU-T Y.1', ?2, 't', 't')",
                params![id, format!("3.2.{id}")],
            )
            .unwrap();
            c.execute(
                "INSERT INTO lang_section (concept_id, lang, status, created_at, updated_at) VALUES (?1, 'en', 'adopted', 't', 't')",
                [id],
            )
            .unwrap();
        }
        for (id, ord, text, kind, norm) in terms {
            c.execute(
                "INSERT INTO term (concept_id, lang, ord, text, kind, norm) VALUES (?1, 'en', ?2, ?3, ?4, ?5)",
                params![id, ord, text, kind, norm],
            )
            .unwrap();
        }

        super::migrations().to_latest(&mut c).unwrap();
        let rows: Vec<(i64, i64, String, String, Option<String>)> = c
            .prepare("SELECT concept_id, ord, text, kind, norm FROM term ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let expected: Vec<_> = terms
            .iter()
            .map(|&(id, ord, text, kind, norm)| {
                (id, ord, text.to_string(), kind.to_string(), (norm != text).then(|| norm.to_string()))
            })
            .collect();
        assert_eq!(rows, expected, "texts and kinds as they were; the folded form only where it differs");
        assert_eq!(rows.iter().filter(|r| r.4.is_none()).count(), 2);

        let ids = |norm: &str| {
            let mut ids: Vec<i64> = ids_with_term(&c, Lang::En, norm).unwrap().into_iter().map(|i| i.0).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids("smart meter"), [2, 3], "found by the folded form, stored or not");
        assert_eq!(ids("dc"), [1]);
        assert_eq!(ids("data concentrator"), [1]);
        assert!(ids("DC").is_empty(), "the key is the folded form, not the text");
        let rec: RecId = "ITU-T Y.1".parse().unwrap();
        assert_eq!(id_by_source(&c, &rec, "3.2.2", Some("smart meter")).unwrap().map(|i| i.0), Some(2));
        assert_eq!(id_by_source(&c, &rec, "3.2.2", Some("data concentrator")).unwrap(), None);

        for sql in [
            format!("SELECT DISTINCT concept_id FROM term WHERE lang = 'en' AND {TERM_NORM} = 'dc'"),
            format!("SELECT 1 FROM term WHERE term.concept_id = 1 AND term.lang = 'en' AND {TERM_NORM} = 'dc'"),
        ] {
            let p = plan(&c, &sql);
            assert!(p.contains("INDEX term_norm (lang=? AND <expr>=?"), "{sql}\n{p}");
        }
        let triggers: i64 = c
            .query_row("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'term'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(triggers, 3, "the creation-marker triggers of 0008 are back on the rebuilt table");
        let err = c
            .execute(
                "INSERT INTO term (concept_id, lang, ord, text, kind, norm) VALUES (3, 'en', 1, 'x', 'admitted', 'x')",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "a folded form equal to the text is not stored twice: {err}");
    }
}
