//! Turns a concept, as read from the store, into index documents.

use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::TantivyDocument;

use super::schema::{lang_ord, sg_bit, Fields};
use crate::model::{Concept, Lang, LangSection, RecId};

/// What a hit shows without a trip to SQLite.
#[derive(Debug, Clone, Serialize, serde::Deserialize, Default)]
pub struct Card {
    pub terms: BTreeMap<Lang, String>,
    pub rec: Option<String>,
    pub clause: Option<String>,
    pub status: String,
}

impl Card {
    fn of(c: &Concept) -> Card {
        Card {
            terms: c
                .languages
                .iter()
                .filter_map(|(l, s)| s.content.preferred_term().map(|t| (*l, t.to_string())))
                .collect(),
            rec: c.source.rec.as_ref().map(RecId::to_string),
            clause: c.source.clause.clone(),
            status: c.status.to_string(),
        }
    }
}

/// Seconds since the epoch of a stored RFC 3339 timestamp; 0 when absent.
pub fn epoch(ts: Option<&str>) -> i64 {
    ts.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map_or(0, |t| t.timestamp())
}

/// Documents for a concept: `public` is what the public sees (None if the
/// concept is not public), `staff` the working copy.
pub fn documents(f: &Fields, public: Option<&Concept>, staff: &Concept) -> Vec<TantivyDocument> {
    let mut docs = Vec::new();
    if let Some(p) = public {
        let card = serde_json::to_string(&Card::of(p)).unwrap_or_default();
        for (lang, section) in &p.languages {
            docs.push(section_doc(f, p, *lang, section, true, &card));
        }
    }
    let card = serde_json::to_string(&Card::of(staff)).unwrap_or_default();
    for (lang, section) in &staff.languages {
        // The working copy needs its own document only where it differs from what the public sees.
        let same_as_public = public.and_then(|p| p.languages.get(lang)).is_some_and(|p| p.content == section.content);
        if !same_as_public {
            docs.push(section_doc(f, staff, *lang, section, false, &card));
        }
    }
    docs
}

fn section_doc(f: &Fields, c: &Concept, lang: Lang, s: &LangSection, public: bool, card: &str) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_u64(f.cid, c.id.0 as u64);
    d.add_u64(f.lang_ord, lang_ord(lang) as u64);
    d.add_text(f.lang, lang.code());
    d.add_u64(f.public, u64::from(public));
    d.add_text(f.status, c.status.as_str());
    d.add_u64(f.status_ord, crate::model::ConceptStatus::ALL.iter().position(|x| *x == c.status).unwrap_or(0) as u64);
    let mut mask = 0u64;
    for sg in &c.study_groups {
        d.add_text(f.sg, sg.as_str());
        if let Some(bit) = sg_bit(sg.as_str()) {
            mask |= 1 << bit;
        }
    }
    d.add_u64(f.sg_mask, mask);
    if let Some(rec) = &c.source.rec {
        d.add_text(f.rec, rec.as_str());
    }
    let lf = f.lang(lang);
    for t in &s.content.terms {
        d.add_text(lf.term, &t.text);
        d.add_text(lf.term_exact, &t.text);
    }
    for a in &s.content.abbreviations {
        d.add_text(f.abbreviation, a);
    }
    if let Some(def) = &s.content.definition {
        d.add_text(lf.definition, def);
        d.add_text(lf.definition_exact, def);
    }
    d.add_i64(f.proposed_at, epoch(c.proposed_at.as_deref()));
    d.add_i64(f.accepted_at, epoch(c.accepted_at.as_deref()));
    d.add_i64(f.adopted_at, epoch(s.adopted_at.as_deref()));
    d.add_i64(f.updated_at, epoch(Some(&c.updated_at)));
    d.add_text(f.card, card);
    d
}
