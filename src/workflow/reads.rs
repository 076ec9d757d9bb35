//! What the workflow shows: history, comments, work queues, the timeline of
//! proposals/acceptances/adoptions (Resolution 67's search by time range).

use rusqlite::params;
use serde::Serialize;

use super::actions::{Comment, HistoryEntry};
use super::roles::{Role, User};
use crate::app::App;
use crate::error::{Error, Result};
use crate::model::{ConceptId, Lang, SectionStatus};
use crate::store::View;

/// Paths of the values that differ between two JSON documents (`languages.fr.definition`).
pub fn changed_paths(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        use serde_json::Value::Object;
        match (a, b) {
            (Object(x), Object(y)) => {
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for k in keys {
                    if matches!(k.as_str(), "version" | "updated_at") {
                        continue;
                    }
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    let null = serde_json::Value::Null;
                    walk(x.get(k).unwrap_or(&null), y.get(k).unwrap_or(&null), &p, out);
                }
            }
            _ if a != b => out.push(path.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(before, after, "", &mut out);
    out
}

/// An event of the timeline.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Change {
    pub at: String,
    /// `proposed`, `accepted` or `adopted`.
    pub kind: String,
    pub id: ConceptId,
    pub lang: Option<Lang>,
    pub actor: Option<String>,
    /// The preferred term of that language (English for proposals and acceptances).
    pub term: Option<String>,
}

crate::string_enum! {
    pub enum ChangeKind { Proposed = "proposed", Accepted = "accepted", Adopted = "adopted" }
}

impl ChangeKind {
    fn action(self) -> &'static str {
        match self {
            ChangeKind::Proposed => "propose",
            ChangeKind::Accepted => "accept",
            ChangeKind::Adopted => "adopt",
        }
    }
}

/// An item of a work queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    pub id: ConceptId,
    pub lang: Lang,
    /// What the caller can do: `translate`, `revise`, `review`, `accept`, `follow`.
    pub action: String,
    pub section_status: SectionStatus,
    pub concept_status: String,
    pub term_en: Option<String>,
    pub updated_at: String,
}

impl App {
    pub fn history(&self, id: ConceptId) -> Result<Vec<HistoryEntry>> {
        self.concept(id, View::Staff)?;
        self.store.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, action, lang, actor, at, comment, before, after FROM history WHERE concept_id = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([id.0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (hid, action, lang, actor, at, comment, before, after) = row?;
                let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
                let (before, after) = (parse(before), parse(after));
                let changed = match (&before, &after) {
                    (Some(b), Some(a)) => changed_paths(b, a),
                    (None, Some(_)) => vec!["created".to_string()],
                    _ => vec![],
                };
                out.push(HistoryEntry {
                    id: hid,
                    action,
                    lang: lang.and_then(|l| l.parse().ok()),
                    actor,
                    at,
                    comment,
                    before,
                    after,
                    changed,
                });
            }
            Ok(out)
        })
    }

    pub fn comments(&self, id: ConceptId) -> Result<Vec<Comment>> {
        self.store.read(|c| {
            let mut stmt =
                c.prepare("SELECT id, lang, author, at, body FROM comment WHERE concept_id = ?1 ORDER BY id")?;
            let rows = stmt.query_map([id.0], |r| {
                Ok(Comment {
                    id: r.get(0)?,
                    lang: r.get::<_, Option<String>>(1)?.and_then(|l| l.parse().ok()),
                    author: r.get(2)?,
                    at: r.get(3)?,
                    body: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// What `user` can act on now.
    pub fn queue(&self, user: &User, limit: u32) -> Result<Vec<QueueItem>> {
        let limit = i64::from(limit);
        self.store.read(|c| {
            let base = "SELECT c.id, l.lang, l.status, c.status, c.updated_at,
                               (SELECT text FROM term t WHERE t.concept_id = c.id AND t.lang = 'en' AND t.kind <> 'abbreviation' ORDER BY ord LIMIT 1)
                        FROM concept c";
            let (sql, args): (String, Vec<String>) = match user.role {
                Role::Admin => (
                    format!("{base} JOIN lang_section l ON l.concept_id = c.id AND l.lang = 'en'
                             WHERE c.status = 'proposed' AND l.status = 'submitted' ORDER BY c.updated_at LIMIT {limit}"),
                    vec![],
                ),
                Role::Rapporteur => (
                    format!("{base} JOIN lang_section l ON l.concept_id = c.id AND l.lang = 'en'
                             WHERE c.status = 'proposed'
                               AND EXISTS (SELECT 1 FROM concept_sg s WHERE s.concept_id = c.id AND s.sg IN (SELECT value FROM json_each(?1)))
                             ORDER BY c.updated_at DESC LIMIT {limit}"),
                    vec![serde_json::to_string(&user.study_groups.iter().map(|s| s.as_str()).collect::<Vec<_>>())?],
                ),
                Role::Reviewer => (
                    format!("{base} JOIN lang_section l ON l.concept_id = c.id
                             WHERE c.status = 'accepted' AND l.status = 'submitted' AND l.lang IN (SELECT value FROM json_each(?1))
                             ORDER BY l.submitted_at LIMIT {limit}"),
                    vec![serde_json::to_string(&user.langs)?],
                ),
                Role::Translator => (
                    // Every accepted concept missing, drafted or returned in one of the translator's languages.
                    format!("SELECT c.id, g.value, COALESCE(l.status, 'absent'), c.status, c.updated_at,
                               (SELECT text FROM term t WHERE t.concept_id = c.id AND t.lang = 'en' AND t.kind <> 'abbreviation' ORDER BY ord LIMIT 1)
                             FROM concept c CROSS JOIN json_each(?1) g
                             LEFT JOIN lang_section l ON l.concept_id = c.id AND l.lang = g.value
                             WHERE c.status = 'accepted' AND COALESCE(l.status, 'absent') IN ('absent','draft','returned')
                             ORDER BY CASE COALESCE(l.status, 'absent') WHEN 'returned' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, c.id
                             LIMIT {limit}"),
                    vec![serde_json::to_string(&user.langs)?],
                ),
            };
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, lang, sstatus, cstatus, updated_at, term_en) = row?;
                let section_status: SectionStatus = sstatus.parse().map_err(Error::Internal)?;
                let action = match (user.role, section_status) {
                    (Role::Admin, _) => "accept",
                    (Role::Reviewer, _) => "review",
                    (Role::Rapporteur, SectionStatus::Returned | SectionStatus::Draft) => "revise",
                    (Role::Rapporteur, _) => "follow",
                    (Role::Translator, SectionStatus::Returned) => "revise",
                    (Role::Translator, _) => "translate",
                };
                out.push(QueueItem {
                    id: ConceptId(id),
                    lang: lang.parse().map_err(|e: crate::model::ParseLangError| Error::Internal(e.to_string()))?,
                    action: action.to_string(),
                    section_status,
                    concept_status: cstatus,
                    term_en,
                    updated_at,
                });
            }
            Ok(out)
        })
    }

    /// What happened between `from` and `to` (inclusive RFC 3339 bounds).
    pub fn changes(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        lang: Option<Lang>,
        kinds: &[ChangeKind],
        limit: u32,
    ) -> Result<Vec<Change>> {
        let actions: Vec<&str> = kinds.iter().map(|k| k.action()).collect();
        self.store.read(|c| {
            let mut stmt = c.prepare(
                "SELECT h.at, h.action, h.concept_id, h.lang, h.actor,
                        (SELECT text FROM term t WHERE t.concept_id = h.concept_id AND t.lang = COALESCE(h.lang, 'en')
                           AND t.kind <> 'abbreviation' ORDER BY ord LIMIT 1)
                 FROM history h
                 WHERE h.action IN (SELECT value FROM json_each(?1))
                   AND (?2 IS NULL OR h.at >= ?2) AND (?3 IS NULL OR h.at <= ?3)
                   AND (?4 IS NULL OR COALESCE(h.lang, 'en') = ?4)
                 ORDER BY h.at DESC, h.id DESC LIMIT ?5",
            )?;
            let rows = stmt.query_map(
                params![serde_json::to_string(&actions)?, from, to, lang.map(Lang::code), i64::from(limit)],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                },
            )?;
            let mut out = Vec::new();
            for row in rows {
                let (at, action, id, lang, actor, term) = row?;
                let kind = match action.as_str() {
                    "propose" => "proposed",
                    "accept" => "accepted",
                    _ => "adopted",
                };
                out.push(Change {
                    at,
                    kind: kind.to_string(),
                    id: ConceptId(id),
                    lang: lang.and_then(|l| l.parse().ok()),
                    actor: Some(actor),
                    term,
                });
            }
            Ok(out)
        })
    }
}
